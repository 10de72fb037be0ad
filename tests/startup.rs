//! Start-up in stages: everything before the first frame (and the JSON export without
//! keywords) needs no segmenter; the joins it shows are already final. This file is its own
//! process, so that no other test builds the segmenter first.

use kanbao::page::{add_keywords, export, reconstruct};
use kanbao::source::{Source, load};
use kanbao::text::keywords::{analyzer, analyzer_is_built};

#[test]
fn the_first_frame_needs_no_dictionary_and_its_joins_are_final() {
    let text = load(&Source::Sample, None).expect("sample").text;
    let first = reconstruct(&text);
    let json = export::json(&first);
    let _ = export::text(&first);
    let _ = export::markdown(&first);
    assert!(!analyzer_is_built(), "reconstruction and export without keywords built the segmenter");
    assert!(json.contains("同时高标准服务雄安新区建设"), "the join is made without it");

    let mut ready = first.clone();
    add_keywords(&mut ready, analyzer(), 8);
    assert!(analyzer_is_built());
    assert!(ready.articles.iter().all(|a| !a.keywords.is_empty()));
    for (a, b) in first.articles.iter().zip(&ready.articles) {
        assert_eq!(a.paragraphs, b.paragraphs, "keywords change no join");
        assert_eq!(a.joined, b.joined);
    }
    // Once per process: the same analyzer every time.
    assert!(std::ptr::eq(analyzer(), analyzer()));
}
