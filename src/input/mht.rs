//! Single-file web pages (`.mht`, `.mhtml`: Excel's, WPS's and Word's "单个文件网页") → the HTML page
//! they wrap. Such a file is a MIME message (`multipart/related`); its first `text/html` part is the
//! page, in quoted-printable or base64, in the charset its header names. The page is then read by the
//! HTML reader like any other.

use super::charset::{self, Bom, Errors};

/// The HTML page inside a single-file web page, `None` when `text` is not one.
pub fn html_part(text: &str) -> Option<String> {
    let head = &text[..(0..=text.len().min(4096)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)];
    let lower_head = head.to_ascii_lowercase();
    if !lower_head.contains("multipart/related") && !lower_head.starts_with("mime-version") {
        return None;
    }
    let boundary = parameter(head, "boundary")?;
    let marker = format!("--{boundary}");
    text.split(marker.as_str()).skip(1).find_map(|part| {
        let (headers, body) = part.split_once("\r\n\r\n").or_else(|| part.split_once("\n\n"))?;
        let lower = headers.to_ascii_lowercase();
        if !lower.contains("text/html") {
            return None;
        }
        let bytes = if lower.contains("quoted-printable") {
            quoted_printable(body)
        } else if lower.contains("base64") {
            base64(body)?
        } else {
            body.as_bytes().to_vec()
        };
        let label = parameter(headers, "charset").unwrap_or_else(|| "utf-8".to_owned());
        let text = charset::decode(&bytes, &label, Errors::Replace, Bom::Keep);
        Some(text.unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned()))
    })
}

/// A header parameter's value: `boundary="----=_NextPart"` → `----=_NextPart`.
fn parameter(headers: &str, key: &str) -> Option<String> {
    let lower = headers.to_ascii_lowercase();
    let at = lower.find(&format!("{key}="))? + key.len() + 1;
    let rest = &headers[at..];
    let value = match rest.strip_prefix('"') {
        Some(quoted) => &quoted[..quoted.find('"')?],
        None => rest.split(|c: char| c == ';' || c.is_whitespace()).next()?,
    };
    (!value.is_empty()).then(|| value.to_owned())
}

/// Quoted-printable: `=XX` is a byte, `=` at a line's end joins it to the next.
fn quoted_printable(body: &str) -> Vec<u8> {
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
            let soft = bytes.get(i + 1..).map_or(0, |rest| match rest {
                [b'\r', b'\n', ..] => 2,
                [b'\n', ..] => 1,
                _ => 0,
            });
            if soft > 0 {
                i += 1 + soft;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Base64, white space ignored; `None` when it holds other characters.
fn base64(body: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in body.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_page_in_gb2312() {
        let mht = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n\
                   ------=_NextPart_01\r\nContent-Type: text/html; charset=\"gb2312\"\r\n\
                   Content-Transfer-Encoding: quoted-printable\r\n\r\n<table><tr><td>=CF=EE=C4=BF=\r\n</td></tr></table>\r\n\
                   ------=_NextPart_01--\r\n";
        assert_eq!(html_part(mht).unwrap(), "<table><tr><td>项目</td></tr></table>\r\n");
    }

    #[test]
    fn base64_page() {
        let mht = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b1\n\n--b1\nContent-Type: text/html; charset=utf-8\n\
                   Content-Transfer-Encoding: base64\n\nPHRhYmxlPg==\n--b1--\n";
        assert_eq!(html_part(mht).unwrap(), "<table>");
    }

    #[test]
    fn not_a_web_archive() {
        assert_eq!(html_part("项目名称\tA"), None);
        assert_eq!(html_part("MIME-Version: 1.0\nno boundary"), None);
    }
}
