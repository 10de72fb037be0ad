//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030/GBK, which many
//! Chinese text exports still use. Decoding is strict: text that is not valid in the encoding
//! it claims or seems to be is refused rather than shown as mojibake.

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};
use thiserror::Error;

/// The largest input accepted, in bytes. A newspaper page is 10–50 KB and a whole issue a few
/// MB; anything far larger is not a page, and refusing it keeps memory and time bounded.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Why bytes could not be read as a page.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("empty input: there is no text to read")]
    Empty,
    #[error("binary data (NUL bytes), not a text page")]
    Binary,
    #[error("not text in UTF-8 or GB18030 (try --encoding)")]
    UnknownEncoding,
    #[error("not valid {0} text")]
    Invalid(&'static str),
    #[error("larger than {} MiB, the most kanbao reads", MAX_INPUT_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("unknown encoding {0:?} (use utf-8, gb18030, gbk, big5, utf-16le or utf-16be)")]
    UnknownLabel(String),
}

/// An encoding the user can force with `--encoding`.
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, DecodeError> {
    match label.to_ascii_lowercase().as_str() {
        "gbk" | "gb2312" | "cp936" => Ok(GBK),
        other => Encoding::for_label(other.as_bytes()).ok_or_else(|| DecodeError::UnknownLabel(label.into())),
    }
}

/// The text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decode a page. `forced` skips detection (`--encoding`).
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge);
    }
    let decoded = decode_inner(bytes, forced)?;
    if decoded.text.chars().all(|c| c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}') {
        return Err(DecodeError::Empty);
    }
    Ok(decoded)
}

fn decode_inner(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    // A byte order mark decides, whatever else is said.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return strict(enc, &bytes[bom_len..]);
    }
    if let Some(enc) = forced {
        return strict(enc, bytes);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: text.to_owned(), encoding: UTF_8.name() });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // GBK pages are read as GB18030, its superset; Big5 is the other Chinese encoding a
    // detector can name. Anything else from a Chinese newspaper is most likely GB18030 that
    // the detector could not tell, so that is tried last, strictly.
    let candidates: &[&'static Encoding] = if guess == BIG5 { &[BIG5, GB18030] } else { &[GB18030] };
    for enc in candidates {
        if let Ok(d) = strict(enc, bytes) {
            return Ok(d);
        }
    }
    Err(DecodeError::UnknownEncoding)
}

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let enc = if enc == GBK { GB18030 } else { enc };
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => {
            if enc != UTF_16LE && enc != UTF_16BE && text.contains('\0') {
                return Err(DecodeError::Binary);
            }
            Ok(Decoded { text: text.into_owned(), encoding: enc.name() })
        }
        None => Err(DecodeError::Invalid(enc.name())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("北京".as_bytes(), None).map(|d| d.text), Ok("北京".into()));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("上海".as_bytes());
        assert_eq!(decode(&bom, None).map(|d| d.text), Ok("上海".into()));
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) =
            GBK.encode("北京:聚焦首都都市圈建设 推动京津冀协同发展走深走实。全国人大代表表示。");
        let d = decode(&bytes, None).expect("gbk decodes");
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.starts_with("北京:聚焦首都都市圈建设"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "广东".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes, None).map(|d| d.text), Ok("广东".into()));
    }

    #[test]
    fn bad_inputs_are_refused() {
        assert_eq!(decode(b"", None), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\t \n", None), Err(DecodeError::Empty));
        assert_eq!(decode(b"PK\x03\x04\x00\x00binary", None), Err(DecodeError::Binary));
        // 0xFF is valid in neither UTF-8 nor GB18030.
        assert!(decode(&[0xFF, 0xFF, 0xFF, 0x41, 0xFF], None).is_err());
    }

    #[test]
    fn forced_encoding_is_strict() {
        assert_eq!(decode("北京".as_bytes(), Some(UTF_8)).map(|d| d.text), Ok("北京".into()));
        assert!(matches!(decode(&[0xC0, 0x41], Some(UTF_8)), Err(DecodeError::Invalid(_))));
        assert_eq!(encoding_for_label("GBK").ok(), Some(GBK));
        assert!(encoding_for_label("klingon").is_err());
    }
}
