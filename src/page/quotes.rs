//! Quote cards and where the body says them. A card's quote is matched to the paragraph that
//! holds its first sentence verbatim, or failing that the longest prefix of at least
//! [`MIN_PREFIX`] characters; shorter prefixes hit unrelated paragraphs. Texts are compared
//! with punctuation widths folded and whitespace removed.

use std::ops::Range;

use crate::text::punct::{fold, fold_str, is_closer, is_opener, is_sentence_end, is_space};

use super::model::{Article, Source};

/// Shortest quote prefix accepted as evidence of a source.
pub const MIN_PREFIX: usize = 10;
/// Shortest first sentence accepted verbatim.
const MIN_SENTENCE: usize = 5;

/// The quote with its surrounding quotation marks and space removed.
fn bare(quote: &str) -> &str {
    quote.trim_matches(|c: char| is_space(c) || is_opener(c) || is_closer(c))
}

/// The first sentence of a quote, folded, closing marks dropped.
fn first_sentence(folded: &[char]) -> &[char] {
    let end = folded.iter().position(|&c| is_sentence_end(fold(c))).map_or(folded.len(), |i| i + 1);
    &folded[..end]
}

/// Longest prefix of `needle` found in `hay` (both folded): at each place where `hay` holds
/// the needle's first character, how far the two run on together.
fn longest_prefix_in(needle: &[char], hay: &str) -> usize {
    let Some(&first) = needle.first() else { return 0 };
    let hay: Vec<char> = hay.chars().collect();
    let mut best = 0;
    for start in (0..hay.len()).filter(|&i| hay[i] == first) {
        let run = hay[start..].iter().zip(needle).take_while(|(a, b)| a == b).count();
        best = best.max(run);
        if best == needle.len() {
            break;
        }
    }
    best
}

/// The paragraph that says `quote`, preferring an article of `region` when several do.
pub fn find_source(quote: &str, region: Option<&str>, articles: &[Article]) -> Option<Source> {
    find_sources(&[(quote, region)], articles).pop().flatten()
}

/// [`find_source`] for every quote of a page at once. The paragraphs are folded once and
/// scanned once for all the quotes' openings (Aho-Corasick), so the cost grows with the text,
/// not with quotes times paragraphs; only paragraphs that hold a quote's opening are compared
/// further.
pub fn find_sources(quotes: &[(&str, Option<&str>)], articles: &[Article]) -> Vec<Option<Source>> {
    let folded: Vec<(usize, usize, String)> = articles
        .iter()
        .enumerate()
        .flat_map(|(ai, a)| a.paragraphs.iter().enumerate().map(move |(pi, p)| (ai, pi, fold_str(p))))
        .collect();
    struct Wanted {
        quote: Vec<char>,
        sentence: String,
    }
    let wanted: Vec<Wanted> = quotes
        .iter()
        .map(|(q, _)| {
            let quote: Vec<char> = fold_str(bare(q)).chars().collect();
            let sentence: String =
                first_sentence(&quote).iter().copied().filter(|c| !is_closer(*c)).collect();
            Wanted { quote, sentence }
        })
        .collect();
    // Every paragraph that can be a source holds the quote's first MIN_PREFIX characters, or
    // its whole first sentence when that is shorter.
    let opening = |w: &Wanted| -> String {
        let n = w.sentence.chars().count();
        let len = if n >= MIN_SENTENCE { n.min(MIN_PREFIX) } else { MIN_PREFIX };
        w.quote.iter().take(len).collect()
    };
    let patterns: Vec<String> = wanted.iter().map(opening).collect();
    let mut candidates: Vec<Vec<usize>> = vec![Vec::new(); quotes.len()];
    if let Ok(ac) = aho_corasick::AhoCorasick::new(&patterns) {
        for (k, (_, _, hay)) in folded.iter().enumerate() {
            for m in ac.find_overlapping_iter(hay.as_str()) {
                let q = m.pattern().as_usize();
                if candidates[q].last() != Some(&k) {
                    candidates[q].push(k);
                }
            }
        }
    }
    wanted
        .iter()
        .zip(quotes)
        .zip(&candidates)
        .map(|((w, (_, region)), cands)| {
            let mut best: Option<(usize, bool, Source)> = None;
            for &k in cands {
                let (ai, pi, hay) = &folded[k];
                let len = longest_prefix_in(&w.quote, hay);
                let whole_sentence = w.sentence.chars().count() >= MIN_SENTENCE && hay.contains(&w.sentence);
                if len < MIN_PREFIX && !whole_sentence {
                    continue;
                }
                let score = if whole_sentence { len.max(w.sentence.chars().count()) } else { len };
                let same_region = region.is_some() && articles[*ai].region.as_deref() == *region;
                if best.as_ref().is_none_or(|(s, r, _)| (score, same_region) > (*s, *r)) {
                    best = Some((score, same_region, Source { article: *ai, paragraph: *pi }));
                }
            }
            best.map(|(_, _, s)| s)
        })
        .collect()
}

/// The character ranges of `paragraph` that say the quote: each of the quote's clauses
/// (split at sentence and clause marks) found in it, merged where they touch. The reader
/// highlights these after a jump.
pub fn quoted_spans(quote: &str, paragraph: &str) -> Vec<Range<usize>> {
    let para: Vec<char> = paragraph.chars().collect();
    let folded: Vec<char> = para.iter().map(|&c| fold(c)).collect();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let pieces = bare(quote).split(|c: char| is_sentence_end(fold(c)) || matches!(fold(c), ',' | ';' | ':'));
    for piece in pieces {
        let piece: Vec<char> = piece.chars().map(fold).filter(|c| !is_space(*c)).collect();
        if piece.len() < 4 {
            continue;
        }
        if let Some(start) = folded.windows(piece.len()).position(|w| w == piece.as_slice()) {
            let mut end = start + piece.len();
            // Take the mark that closes the clause with it.
            if end < para.len() && !para[end].is_alphanumeric() && !is_opener(para[end]) {
                end += 1;
            }
            spans.push(start..end);
        }
    }
    spans.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in spans {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(region: &str, paragraphs: &[&str]) -> Article {
        Article {
            region: Some(region.into()),
            headline: String::new(),
            kicker: None,
            lead: None,
            byline: None,
            paragraphs: paragraphs.iter().map(|p| (*p).into()).collect(),
            continues: false,
            keywords: Vec::new(),
            joined: Vec::new(),
        }
    }

    #[test]
    fn a_quote_stitched_from_two_sentences_finds_its_paragraph() {
        let arts = [article(
            "北京",
            &[
                "别的段落。",
                "“要推动北京科技创新资源向周边辐射,共建创新孵化平台。”伊彤表示,要通过统筹创新链、产业链,提升区域整体创新能力。",
            ],
        )];
        let q = "要推动北京科技创新资源向周边辐射,共建创新孵化平台。要通过统筹创新链、产业链,提升区域整体创新能力。";
        assert_eq!(find_source(q, Some("北京"), &arts), Some(Source { article: 0, paragraph: 1 }));
        let spans = quoted_spans(q, &arts[0].paragraphs[1]);
        assert_eq!(spans.len(), 2, "two pieces, apart: {spans:?}");
    }

    #[test]
    fn a_quote_matches_across_punctuation_widths() {
        let arts = [article("四川", &["杜明远说，过去我们是把电送出去，现在更要把产业引进来！"])];
        let q = "过去我们是把电送出去,现在更要把产业引进来!";
        assert_eq!(find_source(q, None, &arts), Some(Source { article: 0, paragraph: 0 }));
    }

    #[test]
    fn a_quote_the_body_never_says_has_no_source() {
        let arts = [article("湖北", &["建议设立一批中试基地,推动成果转化。"])];
        assert_eq!(find_source("建议设立青年科学家“安心计划”,在住房等方面给予支持。", None, &arts), None);
    }

    #[test]
    fn a_long_prefix_is_enough() {
        let arts =
            [article("天津", &["在他看来,下一步要以智慧化、绿色化为主攻方向,推动港口改造,同时完善体系。"])];
        let q = "要以智慧化、绿色化为主攻方向,推动港口改造,把优势转化为成本优势。";
        assert_eq!(find_source(q, None, &arts), Some(Source { article: 0, paragraph: 0 }));
    }
}
