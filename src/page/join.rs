//! Evidence at one join: does the end of an open fragment run on into the start of a block?
//! The strongest sign is a common word spanning the break (`高|标准`, `世界|级`), counted only
//! when it cuts no word that either piece forms alone, as segmented with HMM off; otherwise
//! false words appear (`打造|化` would read as 造化).

use crate::text::lexicon::{Lexicon, MAX_WORD_CHARS};
use crate::text::punct::{
    Balance, balance, cannot_start_paragraph, closer_of, is_clause_mark, is_han, is_sentence_end, is_space,
};

/// A word this frequent in the dictionary is common enough to be evidence: any word the
/// lexicon holds (it keeps jieba's words of frequency 5 and up). Rarer ones read as accidents.
pub const COMMON_FREQ: u32 = 5;

/// Characters of context taken on each side of a break for segmentation.
const WINDOW: usize = 6;

/// What a block offers at a break: the Han characters at its end and at its start, each as
/// segmented alone, and how its text opens and closes. Computed once per block; a join then
/// costs a few lexicon look-ups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edge {
    tail: Vec<char>,
    tail_cuts: Vec<usize>,
    head: Vec<char>,
    head_cuts: Vec<usize>,
    /// Starts with a mark no paragraph starts with (`，`, `”`).
    pub starts_mid_sentence: bool,
    /// Opens the way paragraphs open (a quotation, a date).
    pub starts_like_paragraph: bool,
    /// Ends on a mark rather than a letter or character.
    pub ends_on_mark: bool,
    /// How its quotation marks balance.
    pub quotes: Balance,
}

impl Edge {
    pub fn new(lex: &Lexicon, text: &str) -> Self {
        let mut tail: Vec<char> =
            text.trim_end_matches(is_space).chars().rev().take_while(|c| is_han(*c)).take(WINDOW).collect();
        tail.reverse();
        let head: Vec<char> =
            text.trim_start_matches(is_space).chars().take_while(|c| is_han(*c)).take(WINDOW).collect();
        Edge {
            tail_cuts: lex.segment(&tail),
            head_cuts: lex.segment(&head),
            tail,
            head,
            starts_mid_sentence: starts_mid_sentence(text),
            starts_like_paragraph: starts_like_paragraph(text),
            // A clause or sentence mark; a closing quote (`…质检员”`) may well be followed by `，`.
            ends_on_mark: text
                .trim_end()
                .chars()
                .last()
                .is_some_and(|c| is_clause_mark(c) || is_sentence_end(c)),
            quotes: balance(text),
        }
    }
}

/// A word spanning the break between `left` and `right`, with its dictionary frequency.
pub fn spanning_word(lex: &Lexicon, left: &str, right: &str) -> Option<(String, u32)> {
    spanning_word_at(lex, &Edge::new(lex, left), &Edge::new(lex, right))
}

/// [`spanning_word`] for two blocks' edges.
pub fn spanning_word_at(lex: &Lexicon, left: &Edge, right: &Edge) -> Option<(String, u32)> {
    let (tail, head) = (&left.tail, &right.head);
    if tail.is_empty() || head.is_empty() {
        return None;
    }
    let mut best: Option<(String, u32)> = None;
    let mut word = String::new();
    for i in 1..=tail.len().min(MAX_WORD_CHARS - 1) {
        if !left.tail_cuts.contains(&(tail.len() - i)) {
            continue;
        }
        for j in 1..=head.len().min(MAX_WORD_CHARS - i) {
            if !right.head_cuts.contains(&j) {
                continue;
            }
            word.clear();
            word.extend(tail[tail.len() - i..].iter().chain(&head[..j]));
            if let Some(f) = lex.freq(&word).filter(|f| *f >= COMMON_FREQ)
                && best.as_ref().is_none_or(|(_, bf)| f > *bf)
            {
                best = Some((word.clone(), f));
            }
        }
    }
    best
}

/// What the quotation marks say of `right` continuing `left`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quotes {
    /// `left` ends inside a quotation that `right` closes (`标注“云南` + `产区”，`).
    Close,
    /// Neither leaves the other's marks unbalanced.
    Neutral,
    /// Joined, the marks would not pair: `right` closes a quotation `left` did not open, or
    /// opens a double quotation inside `left`'s open one (nested ones take `‘’`).
    Clash,
}

/// See [`Quotes`].
pub fn quotes_at(left: &Edge, right: &Edge) -> Quotes {
    let (l, r) = (left.quotes, right.quotes);
    match (l.unclosed, r.unopened) {
        (Some(o), Some(c)) if closer_of(o) == Some(c) => Quotes::Close,
        (_, Some(_)) => Quotes::Clash,
        (Some('“'), None) if r.first_double == Some('“') => Quotes::Clash,
        _ => Quotes::Neutral,
    }
}

/// Does the block start with a mark no paragraph starts with (`，`, `。`, `”`, `%`)?
pub fn starts_mid_sentence(text: &str) -> bool {
    text.trim_start_matches(is_space).chars().next().is_some_and(cannot_start_paragraph)
}

/// Does the block open the way paragraphs open: a quotation, or a date (`3月6日`)?
pub fn starts_like_paragraph(text: &str) -> bool {
    let t = text.trim_start_matches(is_space);
    if t.starts_with(['“', '「', '『']) {
        return true;
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && t.chars().nth(digits).is_some_and(|c| matches!(c, '月' | '年'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lexicon::lexicon;

    fn word(l: &str, r: &str) -> Option<String> {
        spanning_word(lexicon(), l, r).map(|(w, _)| w)
    }

    #[test]
    fn a_word_inside_the_break_is_found() {
        assert_eq!(
            word("强化北京“一核”的辐射带动作用,同时高", "标准服务雄安新区建设").as_deref(),
            Some("高标准")
        );
        assert_eq!(word("打造世界", "级的科技创新策源地。").as_deref(), Some("世界级"));
        assert_eq!(word("打造一流的海洋牧", "场集群。”").as_deref(), Some("牧场"));
        assert_eq!(word("整理成数字", "化工艺包,机器人").as_deref(), Some("数字化"));
    }

    #[test]
    fn a_word_that_cuts_a_piece_is_not_evidence() {
        // 造化 is a word, but it would take 造 out of 打造.
        assert_eq!(word("打造", "化"), None);
        assert_eq!(word("打造世界", "标准服务雄安新区建设"), None);
    }

    #[test]
    fn a_clause_boundary_has_no_spanning_word() {
        assert_eq!(word("同比增长32%,", "动力电池出货量"), None);
        assert_eq!(word("在此过程中,要", "大力发展生产性服务业"), None);
    }

    #[test]
    fn quotation_marks_pair_across_a_break() {
        let q = |l: &str, r: &str| quotes_at(&Edge::new(lexicon(), l), &Edge::new(lexicon(), r));
        assert_eq!(q("上醒目标注“云南", "产区”，云南咖啡正从卖原料走向卖品牌。"), Quotes::Close);
        assert_eq!(q("上醒目标注“云南", "转机出现在2018年。茶叶贴上了“苗岭云雾”"), Quotes::Clash);
        assert_eq!(q("同比增长32%，", "产区”，云南咖啡"), Quotes::Clash);
        assert_eq!(q("他说：“我们要", "加快发展，推动"), Quotes::Neutral);
        assert_eq!(q("同时高", "标准服务雄安新区建设"), Quotes::Neutral);
    }

    #[test]
    fn paragraph_openings() {
        assert!(starts_mid_sentence("，而且"));
        assert!(starts_mid_sentence("”他说"));
        assert!(!starts_mid_sentence("标准服务"));
        assert!(starts_like_paragraph("3月6日,十四届"));
        assert!(starts_like_paragraph("“从基础研究"));
        assert!(!starts_like_paragraph("级的科技"));
    }
}
