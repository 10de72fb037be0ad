//! Display widths in terminal cells, from unicode-width. East Asian ambiguous characters
//! (`“ ” ‘ ’ … ■ ·`) are one cell by default and two with `--ambiguous-wide`, for terminals
//! that draw them wide.

use unicode_width::UnicodeWidthChar;

/// How to count East Asian ambiguous characters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Ambiguous {
    #[default]
    Narrow,
    Wide,
}

/// The width of a character in cells. Controls (which sanitising has already made visible)
/// count as one, never zero, so nothing is lost from a line.
pub fn char_width(c: char, amb: Ambiguous) -> usize {
    let w = match amb {
        Ambiguous::Narrow => c.width(),
        Ambiguous::Wide => c.width_cjk(),
    };
    w.unwrap_or(1)
}

/// Is this character drawn two cells wide only under `--ambiguous-wide`?
pub fn is_ambiguous(c: char) -> bool {
    c.width() != c.width_cjk()
}

/// The width of a string in cells.
pub fn str_width(s: &str, amb: Ambiguous) -> usize {
    s.chars().map(|c| char_width(c, amb)).sum()
}

/// The longest prefix of `s` that fits in `max` cells, and its width.
pub fn fit(s: &str, max: usize, amb: Ambiguous) -> (&str, usize) {
    let mut w = 0;
    for (i, c) in s.char_indices() {
        let cw = char_width(c, amb);
        if w + cw > max {
            return (&s[..i], w);
        }
        w += cw;
    }
    (s, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(char_width('中', Ambiguous::Narrow), 2);
        assert_eq!(char_width('a', Ambiguous::Narrow), 1);
        assert_eq!(char_width('“', Ambiguous::Narrow), 1);
        assert_eq!(char_width('“', Ambiguous::Wide), 2);
        assert_eq!(char_width('…', Ambiguous::Wide), 2);
        assert!(is_ambiguous('■') && is_ambiguous('·') && !is_ambiguous('中') && !is_ambiguous('a'));
        assert_eq!(str_width("北京:a", Ambiguous::Narrow), 6);
        assert_eq!(fit("北京市", 5, Ambiguous::Narrow), ("北京", 4));
    }
}
