//! Character classes of Chinese typesetting: what ends a sentence, what closes a quote, and a
//! width-folding of punctuation so that `:` and `：`, `,` and `，` compare equal.

/// Characters that end a sentence (句末标点), full-width and half-width.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…' | '．' | '｡')
}

/// Closing quotes and brackets: they may follow a sentence end without reopening it.
pub fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '》' | '〉' | '】' | '〕' | '"' | '\'')
}

/// Opening quotes and brackets.
pub fn is_opener(c: char) -> bool {
    matches!(c, '“' | '‘' | '「' | '『' | '（' | '(' | '《' | '〈' | '【' | '〔')
}

/// Punctuation a paragraph never starts with: clause and sentence marks and closers.
pub fn cannot_start_paragraph(c: char) -> bool {
    is_closer(c)
        || is_sentence_end(c)
        || matches!(c, '，' | ',' | '、' | '；' | ';' | '：' | ':' | '%' | '％' | '·')
}

/// Clause-level punctuation, the marks inside a sentence.
pub fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | ',' | '、' | '；' | ';' | '：' | ':')
}

/// Any punctuation that marks a block as running text rather than a title or label.
pub fn is_text_punct(c: char) -> bool {
    is_sentence_end(c) || is_clause_mark(c)
}

/// CJK unified ideographs (the common block and extension A), the characters words are made of.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whitespace including the ideographic space U+3000 that Chinese pages use.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Fold full-width ASCII forms (U+FF01–FF5E) and the ideographic space to their ASCII
/// counterparts, for comparing texts that print the same punctuation in different widths.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A string folded with [`fold`], whitespace removed: the key two texts are compared by.
pub fn fold_str(s: &str) -> String {
    s.chars().filter(|c| !is_space(*c)).map(fold).collect()
}

/// Does this text end a sentence? Trailing whitespace and closing quotes are looked through:
/// `…开好局、起好步”。` and `…更多价值！”` both end; `…同时高` and `…32%,` do not.
pub fn ends_sentence(s: &str) -> bool {
    let mut chars = s.trim_end_matches(is_space).chars().rev().peekable();
    while chars.next_if(|c| is_closer(*c)).is_some() {}
    match chars.next() {
        Some(c) if is_sentence_end(c) => true,
        // A half-width full stop ends a sentence unless it sits inside a number ("5.4").
        Some('.') => !chars.next().is_some_and(|p| p.is_ascii_digit()),
        // A quotation or bracket that closes without a stop (`…答案是“延链”`, `(ADC)`) leaves
        // the sentence unfinished: Chinese prose ends a paragraph with a stop, inside the
        // quotation (`…价值！”`) or after it (`…起好步”。`).
        Some(_) => false,
        None => true,
    }
}

/// Quotation marks and title brackets that pair, as (opener, closer). Straight quotes are left
/// out (they do not say which way they face), and so are parentheses (`1）` numbers a list).
const PAIRS: [(char, char); 4] = [('“', '”'), ('‘', '’'), ('「', '」'), ('『', '』')];

/// How a text's quotation marks balance on their own, as a piece of a longer paragraph would
/// show: the first closer with no opener before it (the piece starts inside a quotation), the
/// innermost opener left open at the end (it ends inside one), and the first double quotation
/// mark of any direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Balance {
    pub unopened: Option<char>,
    pub unclosed: Option<char>,
    pub first_double: Option<char>,
}

/// The closer that pairs with an opener.
pub fn closer_of(opener: char) -> Option<char> {
    PAIRS.iter().find(|(o, _)| *o == opener).map(|(_, c)| *c)
}

/// See [`Balance`].
pub fn balance(s: &str) -> Balance {
    let mut b = Balance::default();
    let mut stack: Vec<char> = Vec::new();
    for c in s.chars() {
        if b.first_double.is_none() && matches!(c, '“' | '”') {
            b.first_double = Some(c);
        }
        if closer_of(c).is_some() {
            stack.push(c);
        } else if let Some(&(o, _)) = PAIRS.iter().find(|(_, k)| *k == c) {
            // A closer closes its opener and whatever was left open inside it.
            match stack.iter().rposition(|x| *x == o) {
                Some(at) => stack.truncate(at),
                None => {
                    if b.unopened.is_none() && stack.is_empty() {
                        b.unopened = Some(c);
                    }
                }
            }
        }
    }
    b.unclosed = stack.last().copied();
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_are_found_through_closers() {
        assert!(ends_sentence("确保‘十五五’开好局、起好步”。"));
        assert!(ends_sentence("让每一度绿电都在本地创造更多价值！”"));
        assert!(ends_sentence("量子计算等未来产业正破土而出……"));
        assert!(!ends_sentence("强化北京“一核”的辐射带动作用,同时高"));
        assert!(!ends_sentence("同比增长32%,"));
        assert!(!ends_sentence("在此过程中,要"));
        assert!(!ends_sentence("增长率达到5.4"));
        assert!(!ends_sentence("河南给出的答案是“延链”"));
        assert!(!ends_sentence("一款抗体偶联药物(ADC)"));
        assert!(ends_sentence("It ends. "));
    }

    #[test]
    fn folding_equates_widths() {
        assert_eq!(fold_str("北京：聚焦，推动"), fold_str("北京:聚焦,推动"));
        assert_eq!(fold('Ａ'), 'A');
        assert_eq!(fold('中'), '中');
    }

    #[test]
    fn quotation_balance_of_a_piece() {
        let b = balance("全国人大代表、普洱市咖啡上醒目标注“云南");
        assert_eq!((b.unopened, b.unclosed, b.first_double), (None, Some('“'), Some('“')));
        let b = balance("产区”，云南咖啡正从卖原料走向卖品牌。");
        assert_eq!((b.unopened, b.unclosed, b.first_double), (Some('”'), None, Some('”')));
        let b = balance("他说：“要把‘十五五’规划落实好。”");
        assert_eq!((b.unopened, b.unclosed), (None, None));
        // A closer that forgets the inner one still closes the outer quotation.
        assert_eq!(balance("“要把‘落实好。”").unclosed, None);
        assert_eq!(balance("1）加强协同").unopened, None);
    }

    #[test]
    fn paragraph_starts() {
        assert!(cannot_start_paragraph('，'));
        assert!(cannot_start_paragraph('”'));
        assert!(!cannot_start_paragraph('“'));
        assert!(!cannot_start_paragraph('标'));
    }
}
