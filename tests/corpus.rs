//! The corpus pages, reconstructed through the same path as `kanbao --export json` (the real
//! binary), scored against their gold with a port of score.py.

mod support;

use assert_cmd::Command;
use serde_json::Value;
use support::{PAGES, fixture, score::score};

fn export(page: &str, extra: &[&str]) -> Value {
    let out = Command::cargo_bin("kanbao")
        .expect("binary")
        .args(["--export", "json"])
        .args(extra)
        .arg(fixture(&format!("{page}.txt")))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn gold(page: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(&format!("{page}.gold.json"))).expect("gold"))
        .expect("gold JSON")
}

#[test]
fn the_scorer_agrees_with_score_py() {
    let dir = fixture("score-cases");
    let mut cases = 0;
    for entry in std::fs::read_dir(&dir).expect("score cases") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let page = name.split('.').next().unwrap_or_default();
        let pred: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("case")).expect("case JSON");
        let expected = std::fs::read_to_string(path.with_extension("expected")).expect("expected output");
        let report = score(&gold(page), &pred);
        assert_eq!(report.lines.join("\n") + "\n", expected, "case {name}");
        cases += 1;
    }
    assert_eq!(cases, 10);
}

#[test]
fn every_corpus_page_scores_and_every_join_is_right() {
    for page in PAGES {
        let report = score(&gold(page), &export(page, &["--keywords", "0"]));
        let overall = format!("{:.3}", report.overall);
        if page.starts_with("dev-") {
            assert!(report.overall >= 0.97, "{page}: {}\n{}", overall, report.misses.join("\n"));
        } else {
            assert_eq!(overall, "1.000", "{page}:\n{}", report.misses.join("\n"));
        }
        assert_eq!(report.joins_ok, report.joins_n, "{page}: joins {}", report.lines.join("; "));
        assert!(report.joins_n > 0);
    }
}

#[test]
fn keywords_are_distinctive_and_not_generic() {
    let page = export("lianghui-2026-03-07", &[]);
    let articles = page["articles"].as_array().expect("articles");
    let text = |a: &Value| {
        let mut t = a["headline"].as_str().unwrap_or("").to_owned();
        t.push_str(a["lead"].as_str().unwrap_or(""));
        for p in a["paragraphs"].as_array().expect("paragraphs") {
            t.push_str(p.as_str().unwrap_or(""));
        }
        t
    };
    let texts: Vec<String> = articles.iter().map(text).collect();
    for (i, a) in articles.iter().enumerate() {
        let kws: Vec<&str> =
            a["keywords"].as_array().expect("keywords").iter().filter_map(Value::as_str).collect();
        assert!(kws.len() >= 5, "article {i} has keywords {kws:?}");
        for generic in ["推动", "发展", "建设", "表示", "全国", "人大代表", "代表"] {
            assert!(!kws.contains(&generic), "article {i}: {generic} in {kws:?}");
        }
        let own = kws[..5]
            .iter()
            .filter(|k| texts.iter().enumerate().all(|(j, t)| j == i || !t.contains(**k)))
            .count();
        assert!(own >= 2, "article {i}: only {own} of {kws:?} are its own");
        assert!(kws.iter().all(|k| texts[i].contains(k)), "article {i}: a keyword not in its text: {kws:?}");
    }
}

#[test]
fn text_export_prints_each_article_whole_in_page_order() {
    let out = Command::cargo_bin("kanbao")
        .expect("binary")
        .args(["--export", "text", "--keywords", "0"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let g = gold("lianghui-2026-03-07");
    let mut at = 0;
    for a in g["articles"].as_array().expect("articles") {
        let head = a["headline"].as_str().expect("headline");
        at += text[at..].find(head).unwrap_or_else(|| panic!("{head} after byte {at}"));
        for p in a["paragraphs"].as_array().expect("paragraphs") {
            let p = p.as_str().expect("paragraph");
            at += text[at..]
                .find(&format!("\u{3000}\u{3000}{p}\n"))
                .unwrap_or_else(|| panic!("paragraph {p} whole, in order"));
        }
    }
    assert!(text.contains("(continues beyond this page)"));
    assert!(!text.contains('\x1b'));
}

#[test]
fn markdown_export_has_headings_lead_quotes_and_cards() {
    let out = Command::cargo_bin("kanbao")
        .expect("binary")
        .args(["--export", "markdown", "--keywords", "0"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(md.starts_with("# 「十五五」开局起步 大省强市挑大梁勇争先\n"));
    assert!(md.contains("\n## 北京:聚焦首都都市圈建设 推动京津冀协同发展走深走实\n"));
    assert!(md.contains("\n> 要以北京周边10公里范围为基础,"));
    assert!(md.contains("\n## Quotes\n"));
    assert!(md.contains("— 徐延铭 (广东) 全国人大代表,珠海冠宇电池股份有限公司董事长、总裁"));
    assert_eq!(md.matches("\n## ").count(), 5);
}

#[test]
fn the_sample_page_is_bundled_byte_for_byte() {
    let bundled = std::fs::read_to_string(fixture("lianghui-2026-03-07.txt")).expect("fixture");
    assert_eq!(kanbao::SAMPLE_PAGE, bundled);
}

/// Score every page of a fixture folder through the binary: each page's overall score, and
/// the joins right and in all.
fn score_folder(name: &str) -> (Vec<(String, f64)>, usize, usize) {
    let dir = fixture(name);
    let mut scores = Vec::new();
    let (mut joins_ok, mut joins_n) = (0, 0);
    for entry in std::fs::read_dir(&dir).expect("pages") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let out = Command::cargo_bin("kanbao")
            .expect("binary")
            .args(["--export", "json", "--keywords", "0"])
            .arg(&path)
            .output()
            .expect("runs");
        assert!(out.status.success());
        let pred: Value = serde_json::from_slice(&out.stdout).expect("json");
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("gold.json")).expect("gold"))
                .expect("gold json");
        let report = score(&gold, &pred);
        scores.push((path.display().to_string(), report.overall));
        joins_ok += report.joins_ok;
        joins_n += report.joins_n;
    }
    scores.sort_by(|a, b| a.0.cmp(&b.0));
    (scores, joins_ok, joins_n)
}

/// The mean of some scores.
fn mean(scores: &[(String, f64)]) -> f64 {
    scores.iter().map(|(_, s)| s).sum::<f64>() / scores.len().max(1) as f64
}

/// Pages made by `scripts/tangle.py --seed 11 --count 24` from the corpus's gold: the same
/// articles laid out in columns and interleaved in other ways. A check that the engine is
/// general, not tuned to four layouts. The bar is what the engine reached (mean 0.992, 103 of
/// 108 joins); falling below it is a regression.
#[test]
fn tangled_pages_score_well() {
    let (scores, joins_ok, joins_n) = score_folder("tangled");
    assert_eq!(scores.len(), 24);
    for (p, s) in &scores {
        assert!(*s >= 0.85, "{p}: {s}");
    }
    assert!(mean(&scores) >= 0.991, "mean {:.4}", mean(&scores));
    assert!(joins_ok >= 103, "joins {joins_ok}/{joins_n}");
}

/// Eight pages written by hand in the corpus's style, with new content and variations the
/// corpus does not have (six articles, two features, cards on top, names without `·`,
/// headlines with `、`, a break after `”`, breaks with no word across them). The hardest pages
/// kanbao knows; the bar is what it reaches now (mean 0.956, 20 of 28 joins).
#[test]
fn handmade_pages_score_as_they_did() {
    let (scores, joins_ok, joins_n) = score_folder("handmade");
    assert_eq!(scores.len(), 8);
    for (p, s) in &scores {
        assert!(*s >= 0.85, "{p}: {s}");
    }
    assert!(mean(&scores) >= 0.955, "mean {:.4}", mean(&scores));
    assert!(joins_ok >= 20, "joins {joins_ok}/{joins_n}");
}
