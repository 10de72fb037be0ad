//! The one step between decoded text and everything else: nothing of a page may reach the
//! terminal as a control. Done once, at load; everything downstream trusts the text.
//!
//! - C0 controls other than newline and tab, and DEL, become their Unicode control pictures
//!   (ESC → `␛`, BEL → `␇`, DEL → `␡`), visible and one cell wide, as `less` shows `^[`.
//! - C1 controls (U+0080–U+009F) become U+FFFD `�`.
//! - Bidirectional overrides, embeddings, isolates and marks are removed, as are zero-width
//!   spaces, joiners and stray byte order marks: they would let a page reorder or hide text.
//! - Carriage returns become newlines (`\r\n` → `\n`), as do vertical tabs and U+2028/U+2029;
//!   a form feed (a page break) becomes a blank line; tabs expand to spaces at stops of 4.

/// Sanitise decoded text; see the module documentation for what becomes of what.
pub fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut col = 0usize;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                col = 0;
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{0B}' => {
                out.push('\n');
                col = 0;
            }
            // A form feed ends a page (pdftotext puts one after each): a block ends with it.
            '\u{0C}' => {
                out.push_str("\n\n");
                col = 0;
            }
            '\t' => {
                let n = 4 - col % 4;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            c if is_invisible_format(c) => {}
            '\u{0}'..='\u{1F}' => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'));
                col += 1;
            }
            '\u{7F}' => {
                out.push('\u{2421}');
                col += 1;
            }
            '\u{80}'..='\u{9F}' => {
                out.push('\u{FFFD}');
                col += 1;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// Characters removed outright: bidi controls and zero-width characters.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'      // zero-width space, (non-)joiner, LRM, RLM
            | '\u{202A}'..='\u{202E}' // embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{061C}'              // Arabic letter mark
            | '\u{FEFF}'              // byte order mark / zero-width no-break space
    )
}

/// True when text holds nothing that [`sanitize`] would change into a placeholder or remove;
/// the property tests and the reader's draw tests use it.
pub fn is_clean(s: &str) -> bool {
    s.chars().all(|c| {
        !(is_invisible_format(c) || matches!(c, '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        let s = sanitize("a\x1b]52;c;aGk=\x07b\x1b[2J\u{9b}31m");
        assert_eq!(s, "a␛]52;c;aGk=␇b␛[2J\u{FFFD}31m");
        assert!(is_clean(&s));
    }

    #[test]
    fn bidi_and_zero_width_are_removed() {
        assert_eq!(sanitize("北\u{202E}京\u{200B}\u{2066}市"), "北京市");
    }

    #[test]
    fn line_ends_and_tabs() {
        assert_eq!(sanitize("a\r\nb\rc\u{2028}d"), "a\nb\nc\nd");
        assert_eq!(sanitize("\tx\ty"), "    x   y");
        assert_eq!(sanitize("del\u{7f}"), "del\u{2421}");
        assert_eq!(sanitize("页一\u{0C}页二"), "页一\n\n页二");
    }

    #[test]
    fn clean_text_is_unchanged() {
        let s = "北京:聚焦首都都市圈建设 推动京津冀协同发展走深走实\n\n“牛鼻子”";
        assert_eq!(sanitize(s), s);
    }
}
