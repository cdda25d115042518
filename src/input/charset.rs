//! Bytes in a named character encoding → text, as the WHATWG Encoding Standard decodes them.
//!
//! The readers name an encoding by a WHATWG label (`gbk`, `big5`, `windows-1252`, `utf-16le`): an old
//! `.xls`'s code page, a web page's `charset`, the encoding a user chose. Natively the decoder is
//! encoding_rs (Firefox's implementation of the standard); in the wasm it is the browser's own
//! `TextDecoder`, which implements the same standard, so the wasm does not carry encoding_rs's Chinese,
//! Japanese and Korean tables (the README measures the difference).

/// What a decoder does with bytes the encoding cannot read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Errors {
    /// Each becomes U+FFFD, so the user sees where the text went wrong.
    Replace,
    /// The whole text is refused.
    Refuse,
}

/// What a decoder does with a leading byte-order mark.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Bom {
    /// It is text like any other (U+FEFF).
    Keep,
    /// The encoding's own byte-order mark is dropped.
    Remove,
}

/// Decodes `bytes` in the encoding `label` names. None when no encoding has that label (nor the
/// standard's "replacement" encoding, which a decoder refuses too), or when `errors` is
/// [`Errors::Refuse`] and a byte sequence is invalid.
pub fn decode(bytes: &[u8], label: &str, errors: Errors, bom: Bom) -> Option<String> {
    imp::decode(bytes, label, errors == Errors::Refuse, bom == Bom::Remove)
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn decode(bytes: &[u8], label: &str, refuse: bool, remove_bom: bool) -> Option<String> {
        let encoding = encoding_rs::Encoding::for_label_no_replacement(label.as_bytes())?;
        let bytes = match encoding_rs::Encoding::for_bom(bytes) {
            Some((bom, length)) if remove_bom && bom == encoding => &bytes[length..],
            _ => bytes,
        };
        if refuse {
            encoding.decode_without_bom_handling_and_without_replacement(bytes).map(|text| text.into_owned())
        } else {
            Some(encoding.decode_without_bom_handling(bytes).0.into_owned())
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        type TextDecoder;
        #[wasm_bindgen(constructor, catch)]
        fn new(label: &str, options: &js_sys::Object) -> Result<TextDecoder, JsValue>;
        #[wasm_bindgen(method, catch)]
        fn decode(this: &TextDecoder, input: &[u8]) -> Result<String, JsValue>;
    }

    pub fn decode(bytes: &[u8], label: &str, refuse: bool, remove_bom: bool) -> Option<String> {
        let options = js_sys::Object::new();
        for (key, value) in [("fatal", refuse), ("ignoreBOM", !remove_bom)] {
            js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_bool(value)).ok()?;
        }
        // The constructor throws a RangeError for an unknown label and for "replacement"; `decode`
        // throws a TypeError on an invalid sequence when fatal.
        TextDecoder::new(label, &options).ok()?.decode(bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_encodings() {
        let gbk = b"\xCF\xEE\xC4\xBF"; // 项目
        assert_eq!(decode(gbk, "gbk", Errors::Replace, Bom::Keep).unwrap(), "项目");
        assert_eq!(decode(gbk, " GB2312 ", Errors::Replace, Bom::Keep).unwrap(), "项目");
        assert_eq!(decode(b"\xA4\xA4", "big5", Errors::Refuse, Bom::Keep).unwrap(), "中");
        assert_eq!(decode(b"\xE9", "windows-1252", Errors::Refuse, Bom::Keep).unwrap(), "é");
        assert!(decode(b"x", "no-such", Errors::Replace, Bom::Keep).is_none());
        // ISO-2022-KR is the standard's "replacement" encoding: refused, as a TextDecoder refuses it.
        assert!(decode(b"x", "iso-2022-kr", Errors::Replace, Bom::Keep).is_none());
    }

    #[test]
    fn invalid_bytes_are_replaced_or_refused() {
        assert_eq!(decode(b"a\xFFb", "gbk", Errors::Replace, Bom::Keep).unwrap(), "a\u{FFFD}b");
        assert!(decode(b"a\xFFb", "gbk", Errors::Refuse, Bom::Keep).is_none());
    }

    #[test]
    fn a_byte_order_mark_is_kept_or_removed() {
        assert_eq!(decode(b"\xEF\xBB\xBFa", "utf-8", Errors::Replace, Bom::Keep).unwrap(), "\u{FEFF}a");
        assert_eq!(decode(b"\xEF\xBB\xBFa", "utf-8", Errors::Replace, Bom::Remove).unwrap(), "a");
        assert_eq!(decode(b"\xFF\xFEa\x00", "utf-16le", Errors::Replace, Bom::Remove).unwrap(), "a");
        // Only the encoding's own mark: a UTF-8 mark in a GBK text is three GBK bytes.
        let marked = b"\xEF\xBB\xBFa";
        assert_eq!(
            decode(marked, "gbk", Errors::Replace, Bom::Remove),
            decode(marked, "gbk", Errors::Replace, Bom::Keep)
        );
    }
}
