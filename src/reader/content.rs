//! What a pane shows, before it is wrapped: an article as a list of elements (kicker,
//! headline, lead, byline, keywords, paragraphs, the "continues" mark), each a run of
//! characters with highlight spans kept as character ranges.

use std::ops::Range;

use crate::page::export::{CONTINUES_MARK, INDENT};
use crate::page::model::Page;
use crate::page::region::REGIONS;

/// What an element is; it decides the style and the spacing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElemKind {
    Kicker,
    Headline,
    Lead,
    Byline,
    Keywords,
    /// Body paragraph n.
    Paragraph(usize),
    Continues,
}

/// A highlight over a character range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    Keyword,
    Name,
}

/// One element of a pane.
#[derive(Debug, Clone, PartialEq)]
pub struct Elem {
    pub kind: ElemKind,
    pub chars: Vec<char>,
    /// Leading characters that are indent (the two full-width spaces of a paragraph).
    pub indent: usize,
    /// Blank lines before it.
    pub gap: usize,
    /// Keyword and name highlights, sorted by start.
    pub marks: Vec<(Range<usize>, Mark)>,
}

/// The elements of article `a`.
pub fn elements(page: &Page, a: usize) -> Vec<Elem> {
    let Some(art) = page.articles.get(a) else { return Vec::new() };
    let mut out = Vec::new();
    let push = |out: &mut Vec<Elem>, kind, text: String, indent: usize, gap: usize| {
        let gap = if out.is_empty() { 0 } else { gap };
        out.push(Elem { kind, chars: text.chars().collect(), indent, gap, marks: Vec::new() });
    };
    if let Some(k) = &art.kicker {
        push(&mut out, ElemKind::Kicker, format!("【{k}】"), 0, 0);
    }
    if !art.headline.is_empty() {
        push(&mut out, ElemKind::Headline, art.headline.clone(), 0, 0);
    }
    if let Some(l) = &art.lead {
        push(&mut out, ElemKind::Lead, format!("■ {l}"), 0, 1);
    }
    if let Some(b) = &art.byline {
        push(&mut out, ElemKind::Byline, b.clone(), 0, 1);
    }
    // Always present, empty until keywords arrive, so that their arrival moves no index.
    let keywords = if art.keywords.is_empty() {
        String::new()
    } else {
        format!("Keywords: {}", art.keywords.join("、"))
    };
    push(&mut out, ElemKind::Keywords, keywords, 0, 0);
    for (i, p) in art.paragraphs.iter().enumerate() {
        push(&mut out, ElemKind::Paragraph(i), format!("{INDENT}{p}"), INDENT.chars().count(), 1);
    }
    if art.continues {
        push(&mut out, ElemKind::Continues, format!("▸ {CONTINUES_MARK}"), 0, 1);
    }
    let keywords: Vec<Vec<char>> = art.keywords.iter().map(|k| k.chars().collect()).collect();
    let names = names(page);
    for e in &mut out {
        if matches!(e.kind, ElemKind::Keywords | ElemKind::Continues) {
            continue;
        }
        let mut marks: Vec<(Range<usize>, Mark)> = Vec::new();
        for (needles, mark) in [(&names, Mark::Name), (&keywords, Mark::Keyword)] {
            for n in needles {
                for r in find_all(&e.chars, n) {
                    if !marks.iter().any(|(m, _)| m.start < r.end && r.start < m.end) {
                        marks.push((r, mark));
                    }
                }
            }
        }
        marks.sort_by_key(|(r, _)| r.start);
        e.marks = marks;
    }
    out
}

/// Names highlighted in their own style: the regions the page's articles and cards name,
/// and the cards' speakers. Longest first, so that 黑龙江 wins over any shorter name in it.
fn names(page: &Page) -> Vec<Vec<char>> {
    let mut names: Vec<String> = page
        .articles
        .iter()
        .filter_map(|a| a.region.clone())
        .chain(page.quotes.iter().filter_map(|q| q.region.clone()))
        .flat_map(|r| {
            let full = REGIONS.iter().find(|(s, _)| *s == r).map(|(_, f)| (*f).to_owned());
            std::iter::once(r).chain(full)
        })
        .chain(page.quotes.iter().map(|q| q.speaker.clone()))
        .collect();
    names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then_with(|| a.cmp(b)));
    names.dedup();
    names.into_iter().filter(|n| !n.is_empty()).map(|n| n.chars().collect()).collect()
}

/// Every non-overlapping occurrence of `needle` in `hay`.
pub fn find_all(hay: &[char], needle: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return out;
    }
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == *needle {
            out.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_do_not_overlap() {
        let hay: Vec<char> = "网红城市、网红城市".chars().collect();
        let needle: Vec<char> = "网红".chars().collect();
        assert_eq!(find_all(&hay, &needle), [0..2, 5..7]);
        assert!(find_all(&hay, &[]).is_empty());
    }
}
