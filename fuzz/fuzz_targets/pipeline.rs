//! Fuzz the whole engine: bytes → decode → sanitise → reconstruct → every export. Beyond not
//! crashing, it checks what must hold for any page: sanitised text is clean, joins only move
//! text, and the JSON export reads back as the same page.
#![no_main]

use kanbao::page::{export, model::Page, reconstruct_traced};
use kanbao::text::decode::decode;
use kanbao::text::sanitize::{is_clean, sanitize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data, None) else { return };
    let text = sanitize(&decoded.text);
    assert!(is_clean(&text));
    let (page, trace) = reconstruct_traced(&text);
    let body = trace.body_chars();
    let paragraphs = kanbao::page::paragraph_chars(&page);
    assert_eq!(body, paragraphs, "joins only move text");
    let json = export::json(&page);
    let back: Page = serde_json::from_str(&json).expect("the JSON export parses");
    assert_eq!(back, page);
    let _ = export::text(&page);
    let _ = export::markdown(&page);
});
