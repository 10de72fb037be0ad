//! Line breaking for Chinese in a terminal: any two Han characters may part, but kinsoku
//! (禁则) keeps closing punctuation (`,。、;:?!)」』”…`) off the start of a line and opening
//! punctuation (`(「『“`) off its end, and a Latin word or a number (`AIGC`, `5.4%`) is never
//! split. Widths are in cells; a wide character is never split. ratatui's own wrapper breaks
//! only at spaces, which hard-cuts Chinese with no punctuation rules.

use std::ops::Range;

use super::width::{Ambiguous, char_width};

/// Characters a line may not start with.
pub fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '…'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '％'
            | '．'
            | '·'
            | '・'
            | '～'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Characters a line may not end with.
pub fn no_line_end(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '“' | '‘' | '《' | '〈' | '【' | '〔' | '(' | '[' | '{')
}

/// Part of a Latin word or a number, which stays whole: letters, digits, and the marks that
/// bind them (`5.4%`, `2+3+6+6`, `e-mail`).
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '+' | '-' | '_' | '/' | '&' | '@' | '#' | '\'')
}

/// A Chinese unit or counter that follows a number.
fn is_unit(c: char) -> bool {
    matches!(
        c,
        '万' | '亿'
            | '千'
            | '百'
            | '元'
            | '年'
            | '月'
            | '日'
            | '时'
            | '分'
            | '秒'
            | '个'
            | '名'
            | '家'
            | '项'
            | '条'
            | '次'
            | '倍'
            | '吨'
            | '米'
            | '斤'
            | '亩'
            | '户'
            | '台'
            | '辆'
            | '人'
            | '位'
            | '架'
            | '岁'
            | '号'
            | '度'
            | '成'
            | '层'
            | '座'
            | '所'
            | '批'
            | '只'
            | '种'
            | '届'
            | '期'
    )
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// Where lines may break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// Between any two characters that kinsoku and Latin words allow: running text.
    Kinsoku,
    /// Only at spaces: a list of words, each kept whole.
    Spaces,
}

/// May a line break between `chars[b - 1]` and `chars[b]`?
fn can_break(chars: &[char], b: usize, rule: Breaks) -> bool {
    let (prev, next) = (chars[b - 1], chars[b]);
    if rule == Breaks::Spaces && !is_space(next) && !is_space(prev) {
        return false;
    }
    if is_space(next) || is_space(prev) {
        // Spaces are dropped at a break: what follows them must be able to start a line.
        return chars[b..].iter().find(|c| !is_space(**c)).is_none_or(|c| !no_line_start(*c));
    }
    // A dash (——) is one mark drawn with two characters: never part them. Nor a number
    // from the unit after it (`2万亿元`, `45%`, `12个`).
    let dash = prev == '—' && next == '—';
    let number_unit = prev.is_ascii_digit() && is_unit(next);
    !(dash || number_unit || no_line_start(next) || no_line_end(prev) || (is_word(prev) && is_word(next)))
}

/// Break `chars` into lines of at most `width` cells. Returns the character range of each
/// line; spaces at a break are dropped. (A paragraph's indent is two full-width spaces at its
/// start, wrapped like any other characters.)
pub fn wrap(chars: &[char], width: usize, amb: Ambiguous) -> Vec<Range<usize>> {
    wrap_with(chars, width, amb, Breaks::Kinsoku)
}

/// [`wrap`], with a choice of where lines may break.
pub fn wrap_with(chars: &[char], width: usize, amb: Ambiguous, rule: Breaks) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let n = chars.len();
    let mut start = 0;
    let width = width.max(1);
    while start < n {
        if !lines.is_empty() {
            while start < n && chars[start] == ' ' {
                start += 1;
            }
            if start == n {
                break;
            }
        }
        let avail = width;
        let mut used = 0;
        let mut i = start;
        while i < n && used + char_width(chars[i], amb) <= avail {
            used += char_width(chars[i], amb);
            i += 1;
        }
        if i == n {
            lines.push(start..n);
            break;
        }
        // Overflow at i: step back to the nearest place where a break is allowed.
        let mut b = i;
        while b > start && !can_break(chars, b, rule) {
            b -= 1;
        }
        if b == start {
            // Nowhere to break (a long Latin word): cut where the line is full, but always
            // take at least one character.
            b = i.max(start + 1);
        }
        let mut end = b;
        while end > start && chars[end - 1] == ' ' {
            end -= 1;
        }
        lines.push(start..end);
        start = b;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        wrap(&chars, width, Ambiguous::Narrow).into_iter().map(|r| chars[r].iter().collect()).collect()
    }

    #[test]
    fn han_text_breaks_anywhere() {
        assert_eq!(lines("北京上海广东重庆", 8), ["北京上海", "广东重庆"]);
        assert_eq!(lines("北京上海广东重庆", 9), ["北京上海", "广东重庆"], "a wide character is never split");
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // 。 would start line two: the character before it moves down with it.
        assert_eq!(lines("北京上海。广东", 8), ["北京上", "海。广东"]);
        assert_eq!(lines("一二三”。四五", 6), ["一二", "三”。", "四五"]);
        assert_eq!(lines("甲乙丙,丁", 6), ["甲乙", "丙,丁"]);
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        assert_eq!(lines("北京“上海”", 6), ["北京", "“上海”"]);
    }

    #[test]
    fn numbers_and_latin_words_stay_whole() {
        assert_eq!(lines("增长率达到5.4%左右", 13), ["增长率达到", "5.4%左右"]);
        assert_eq!(lines("构建AIGC新型", 7), ["构建", "AIGC新", "型"]);
        assert_eq!(lines("hello world", 8), ["hello", "world"]);
        assert_eq!(
            lines("三地 · 协同", 5),
            ["三", "地 ·", "协同"],
            "a dropped space does not free · to start a line"
        );
    }

    #[test]
    fn a_number_keeps_its_unit() {
        assert_eq!(lines("规模突破2万亿元", 10), ["规模突破", "2万亿元"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(lines("中", 1), ["中"], "a character wider than the line still goes somewhere");
    }

    #[test]
    fn word_lists_break_only_at_spaces() {
        let chars: Vec<char> = "京津冀 · 首都 · 三地".chars().collect();
        let got: Vec<String> = wrap_with(&chars, 14, Ambiguous::Narrow, Breaks::Spaces)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect();
        assert_eq!(got, ["京津冀 ·", "首都 · 三地"]);
    }

    #[test]
    fn an_indent_of_full_width_spaces_is_kept() {
        assert_eq!(lines("\u{3000}\u{3000}一二三四五六", 8), ["\u{3000}\u{3000}一二", "三四五六"]);
    }

    #[test]
    fn every_character_is_kept_in_order() {
        let s =
            "“十五五”时期,上海国际科技创新中心建设范围将进一步扩大至长三角地区,打造世界级的科技创新策源地。";
        for w in 1..40 {
            let joined: String = lines(s, w).concat();
            assert_eq!(joined, s, "width {w}");
        }
    }
}
