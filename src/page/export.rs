//! The reconstructed page as JSON (the `kanbao/1` schema), plain text, or Markdown.

use std::fmt::Write;

use super::model::{Page, QuoteCard};

/// The page as `kanbao/1` JSON, pretty-printed, with a final newline.
pub fn json(page: &Page) -> String {
    let mut s = serde_json::to_string_pretty(page).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The mark an article gets when its rest is not on this page.
pub const CONTINUES_MARK: &str = "(continues beyond this page)";

/// Paragraph indent: two full-width spaces, as Chinese print sets it.
pub const INDENT: &str = "\u{3000}\u{3000}";

/// The page as plain text: each article whole, in page order, then the quote cards.
pub fn text(page: &Page) -> String {
    let mut out = String::new();
    if let Some(b) = &page.banner {
        let _ = writeln!(out, "{b}\n");
    }
    for a in &page.articles {
        if let Some(k) = &a.kicker {
            let _ = writeln!(out, "【{k}】");
        }
        if !a.headline.is_empty() {
            let _ = writeln!(out, "{}", a.headline);
        }
        if let Some(l) = &a.lead {
            let _ = writeln!(out, "■ {l}");
        }
        if let Some(b) = &a.byline {
            let _ = writeln!(out, "{b}");
        }
        out.push('\n');
        for p in &a.paragraphs {
            let _ = writeln!(out, "{INDENT}{p}\n");
        }
        if a.continues {
            let _ = writeln!(out, "{CONTINUES_MARK}\n");
        }
        out.push('\n');
    }
    if !page.quotes.is_empty() {
        let _ = writeln!(out, "Quotes\n");
        for q in &page.quotes {
            let _ = writeln!(out, "{}\n{INDENT}{}\n", citation(q, page), q.text);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Who said a quote, and where: `伊彤 (北京) 全国人大代表、… — 北京:聚焦…, paragraph 8`.
pub fn citation(q: &QuoteCard, page: &Page) -> String {
    let mut s = q.speaker.clone();
    if let Some(r) = &q.region {
        let _ = write!(s, " ({r})");
    }
    if let Some(role) = &q.role {
        let _ = write!(s, " {role}");
    }
    if let Some(src) = q.source
        && let Some(a) = page.articles.get(src.article)
    {
        let _ = write!(s, " — {}, paragraph {}", a.headline, src.paragraph + 1);
    }
    s
}

/// Escape what Markdown would read as markup, so a page's text stays text: inline marks
/// anywhere, and at the start of a line what would make it a list item, a heading, a quote or
/// a rule (`1. `, `- `, `+ `, `---`, `===`).
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let ordered = digits > 0 && matches!(s[digits..].chars().next(), Some('.' | ')'));
    if ordered {
        out.push_str(&s[..digits]);
        out.push('\\');
    } else if s.starts_with(['-', '+', '=']) {
        out.push('\\');
    }
    for c in s[if ordered { digits } else { 0 }..].chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One article as Markdown: its headline as a section, kicker, region and byline, the lead as a
/// block quote, the paragraphs, the continues mark and the keywords. (`Y` in the reader copies
/// this.)
pub fn article_markdown(page: &Page, i: usize) -> String {
    let mut out = String::new();
    let Some(a) = page.articles.get(i) else { return out };
    let title = if a.headline.is_empty() { "(untitled)".to_owned() } else { md(&a.headline) };
    let _ = writeln!(out, "## {title}\n");
    let mut meta = Vec::new();
    if let Some(k) = &a.kicker {
        meta.push(format!("**{}**", md(k)));
    }
    if let Some(r) = &a.region {
        meta.push(md(r));
    }
    if let Some(b) = &a.byline {
        meta.push(format!("*{}*", md(b)));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "{}\n", meta.join(" · "));
    }
    if let Some(l) = &a.lead {
        let _ = writeln!(out, "> {}\n", md(l));
    }
    for p in &a.paragraphs {
        let _ = writeln!(out, "{}\n", md(p));
    }
    if a.continues {
        let _ = writeln!(out, "*{CONTINUES_MARK}*\n");
    }
    if !a.keywords.is_empty() {
        let kw: Vec<String> = a.keywords.iter().map(|k| md(k)).collect();
        let _ = writeln!(out, "Keywords: {}\n", kw.join(", "));
    }
    out
}

/// The page as Markdown: the banner as title, a section per article with its lead as a block
/// quote, then the quote cards.
pub fn markdown(page: &Page) -> String {
    let mut out = String::new();
    if let Some(b) = &page.banner {
        let _ = writeln!(out, "# {}\n", md(b));
    }
    for i in 0..page.articles.len() {
        out.push_str(&article_markdown(page, i));
    }
    if !page.quotes.is_empty() {
        let _ = writeln!(out, "## Quotes\n");
        for q in &page.quotes {
            let _ = writeln!(out, "> {}\n>\n> — {}\n", md(&q.text), md(&citation(q, page)));
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(md("a*b_[c]#"), "a\\*b\\_\\[c\\]\\#");
        assert_eq!(md("北京"), "北京");
        assert_eq!(md("1. 第一条"), "1\\. 第一条");
        assert_eq!(md("- 第二条 ---"), "\\- 第二条 ---");
        assert_eq!(md("2025年,增长5.4%"), "2025年,增长5.4%");
    }
}
