//! XML as the readers of workbooks and documents need it: elements by their local name (the prefix
//! `w:`, `table:`, `x:` dropped), attributes by local name, text with its references resolved.
//! quick-xml does the parsing; this only flattens its events to the three the readers use.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// One step through a document.
#[derive(Debug)]
pub enum Node<'a> {
    /// An element opens; `empty` when it closes at once (`<w:tab/>`), so no [`Node::Close`] follows.
    Open { name: Element<'a>, empty: bool },
    /// An element closes; its local name.
    Close(Vec<u8>),
    /// Character data, references resolved (`&amp;` is `&`).
    Text(Cow<'a, str>),
}

/// An opened element.
#[derive(Debug)]
pub struct Element<'a>(BytesStart<'a>);

impl Element<'_> {
    /// The local name: `tc` for `<w:tc>`.
    pub fn name(&self) -> &[u8] {
        self.0.local_name().into_inner()
    }

    /// The value of the attribute with this local name (`val` finds `w:val`), unescaped.
    pub fn attr(&self, local: &str) -> Option<String> {
        self.0.attributes().flatten().find(|a| a.key.local_name().as_ref() == local.as_bytes()).map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(Cow::into_owned)
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
    }

    /// Every attribute as (local name, value), without copying a value that has no reference in it:
    /// for the loops that read every cell.
    pub fn attrs(&self) -> impl Iterator<Item = (&[u8], Cow<'_, str>)> {
        let mut attributes = self.0.attributes();
        attributes.with_checks(false);
        attributes.flatten().map(|a| {
            let key = a.key.local_name().into_inner();
            let value = match a.value {
                Cow::Borrowed(raw) if !raw.contains(&b'&') => String::from_utf8_lossy(raw),
                _ => Cow::Owned(
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(Cow::into_owned)
                        .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned()),
                ),
            };
            (key, value)
        })
    }

    /// The attribute as a count, `None` when absent or not a number.
    pub fn count(&self, local: &str) -> Option<usize> {
        self.attr(local).and_then(|v| v.trim().parse().ok())
    }
}

/// A document's XML is broken at this byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlError(pub u64);

/// Walks a document, calling `visit` for each node, until its end or until `visit` says stop by
/// returning `false`.
pub fn walk<'a>(xml: &'a str, mut visit: impl FnMut(Node<'a>) -> bool) -> Result<(), XmlError> {
    let mut reader = Reader::from_str(xml);
    loop {
        let node = match reader.read_event() {
            Ok(Event::Start(e)) => Node::Open { name: Element(e), empty: false },
            Ok(Event::Empty(e)) => Node::Open { name: Element(e), empty: true },
            Ok(Event::End(e)) => Node::Close(e.local_name().into_inner().to_vec()),
            Ok(Event::Text(t)) => match t.xml10_content() {
                Ok(text) => Node::Text(text),
                Err(_) => continue,
            },
            Ok(Event::CData(t)) => Node::Text(Cow::Owned(String::from_utf8_lossy(&t).into_owned())),
            Ok(Event::GeneralRef(r)) => match r.resolve_char_ref() {
                Ok(Some(c)) => Node::Text(Cow::Owned(c.to_string())),
                _ => match named_reference(&r) {
                    Some(s) => Node::Text(Cow::Borrowed(s)),
                    None => continue,
                },
            },
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => continue,
            Err(_) => return Err(XmlError(reader.error_position())),
        };
        if !visit(node) {
            return Ok(());
        }
    }
}

/// The five references XML predefines.
fn named_reference(name: &[u8]) -> Option<&'static str> {
    Some(match name {
        b"amp" => "&",
        b"lt" => "<",
        b"gt" => ">",
        b"quot" => "\"",
        b"apos" => "'",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_attributes_and_text() {
        let xml = r#"<w:p a:b="1"><w:t xml:space="preserve">A &amp; B&#x4E00;</w:t><w:tab/></w:p>"#;
        let mut seen = Vec::new();
        walk(xml, |node| {
            seen.push(match node {
                Node::Open { name, empty } => {
                    format!("<{}{}{}>", String::from_utf8_lossy(name.name()), name.attr("b").unwrap_or_default(), empty)
                }
                Node::Close(n) => format!("</{}>", String::from_utf8_lossy(&n)),
                Node::Text(t) => t.into_owned(),
            });
            true
        })
        .unwrap();
        assert_eq!(seen.concat(), "<p1false><tfalse>A & B一</t><tabtrue></p>");
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(walk("<a><b></a>", |_| true).is_err());
    }
}
