//! Properties that hold for any input: decoding, sanitising and reconstruction never panic;
//! reconstruction loses and duplicates nothing (joins only move text); the JSON export reads
//! back as the same page; the reader draws any page at any size. Inputs are both arbitrary
//! and page-like (headlines, leads, bylines, cards, banners, body text broken anywhere).

use kanbao::page::model::Page;
use kanbao::page::{export, reconstruct_traced};
use kanbao::reader::app::{App, Options};
use kanbao::reader::{Action, Command, draw, update};
use kanbao::text::decode::decode;
use kanbao::text::sanitize::{is_clean, sanitize};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Body text: Han characters, digits, Latin, and Chinese and ASCII punctuation.
fn body_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            8 => proptest::char::range('\u{4e00}', '\u{4fff}'),
            1 => proptest::char::range('0', '9'),
            1 => proptest::char::range('A', 'Z'),
            2 => proptest::sample::select(vec!['，', '。', '、', '“', '”', '：', '；', '！', '？', '…', ',', ':', ' ']),
        ],
        1..120,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// One block of a page, of any kind kanbao knows.
fn block() -> impl Strategy<Value = String> {
    let region = proptest::sample::select(vec!["北京", "上海", "广东", "重庆", "内蒙古自治区", "四川省"]);
    prop_oneof![
        6 => body_text(),
        1 => (region.clone(), body_text()).prop_map(|(r, t)| format!("{r}:{}", t.chars().filter(|c| !"。！？，".contains(*c)).take(20).collect::<String>())),
        1 => body_text().prop_map(|t| format!("■ {t}")),
        1 => Just("证券时报两会报道组".to_owned()),
        1 => Just("本报记者 张三 李四".to_owned()),
        1 => (region, body_text()).prop_map(|(r, t)| format!("{r}\n\n全国人大代表、某公司董事长 王五\n\n{t}")),
        1 => Just("「十五五」开局起步 大省强市挑大梁".to_owned()),
        1 => Just("记者手记".to_owned()),
    ]
}

/// A page-like text: blocks between blank lines, in one of the separators pages use.
fn page_text() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(block(), 0..30),
        proptest::sample::select(vec!["\n\n", "\r\n\r\n", "\n \n", "\n"]),
    )
        .prop_map(|(blocks, sep)| blocks.join(sep))
}

/// The text of every body block, and of every paragraph, as sorted characters.
fn body_and_paragraph_chars(text: &str) -> (Vec<char>, Vec<char>, Page) {
    let (page, trace) = reconstruct_traced(text);
    (trace.body_chars(), kanbao::page::paragraph_chars(&page), page)
}

/// Every field of a page, whitespace removed, in one string.
fn all_text(page: &Page) -> String {
    let mut t = page.banner.clone().unwrap_or_default();
    for a in &page.articles {
        for s in
            [Some(&a.headline), a.kicker.as_ref(), a.lead.as_ref(), a.byline.as_ref()].into_iter().flatten()
        {
            t.push_str(s);
        }
        for p in &a.paragraphs {
            t.push_str(p);
        }
    }
    for q in &page.quotes {
        for s in [q.region.as_ref(), q.role.as_ref(), Some(&q.speaker), Some(&q.text)].into_iter().flatten() {
            t.push_str(s);
        }
    }
    t.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let clean = sanitize(text);
    prop_assert!(is_clean(&clean));
    let (body, paragraphs, page) = body_and_paragraph_chars(&clean);
    prop_assert_eq!(body, paragraphs, "joins only move text");
    // No block is dropped: each one's text is somewhere in the page (a lead without its
    // marker, a card's region label as its short name, which the label contains).
    let everything = all_text(&page);
    let (_, trace) = reconstruct_traced(&clean);
    for b in &trace.blocks {
        let t: String = b.text.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
        let t = t.trim_start_matches(['■', '□', '◆']);
        let found = everything.contains(t)
            || kanbao::page::region::lookup(t)
                .is_some_and(|r| everything.contains(kanbao::page::region::short_name(r)));
        prop_assert!(found, "block {:?} is nowhere in the page", b.text);
    }
    let json = export::json(&page);
    let back: Page = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, &page);
    for q in &page.quotes {
        if let Some(s) = q.source {
            prop_assert!(page.articles.get(s.article).is_some_and(|a| s.paragraph < a.paragraphs.len()));
        }
    }
    let text_export = export::text(&page);
    prop_assert!(is_clean(&text_export.replace('\n', "")));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_reconstructs(text in ".*") {
        check(&text)?;
    }

    #[test]
    fn any_page_like_text_reconstructs(text in page_text()) {
        check(&text)?;
    }

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(d) = decode(&bytes, None) {
            check(&d.text)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_page_draws_at_any_size(text in page_text(), w in 1u16..160, h in 1u16..50, keys in proptest::collection::vec(0usize..12, 0..12)) {
        let (page, _) = reconstruct_traced(&sanitize(&text));
        let mut app = App::new(page, "p".into(), Options::default());
        update(&mut app, Action::Resize(w, h));
        let mut t = Terminal::new(TestBackend::new(w, h)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let commands = [Command::NextPane, Command::LineDown, Command::PageDown, Command::Bottom, Command::Sidebar,
            Command::SelectNext, Command::Jump, Command::Zoom, Command::AllCards, Command::Help, Command::Escape, Command::JumpBack];
        for k in keys {
            update(&mut app, Action::Command(commands[k]));
            t.draw(|f| draw(&app, f)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        update(&mut app, Action::Command(Command::Search));
        for c in "中A".chars() {
            update(&mut app, Action::SearchInput(c));
        }
        update(&mut app, Action::Command(Command::Submit));
        t.draw(|f| draw(&app, f)).map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
}
