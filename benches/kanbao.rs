//! Benchmarks (criterion): each stage of kanbao on the sample page and on a whole issue (100
//! pages, about 560,000 characters, from the corpus and the tangled fixtures). Run with
//! `cargo bench`; CI only compiles them (`cargo bench --no-run`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kanbao::page::{self, reconstruct};
use kanbao::reader::app::{App, Options};
use kanbao::reader::{Action, Command, draw, update};
use kanbao::text::decode::decode;
use kanbao::text::keywords::{Analyzer, analyzer};
use kanbao::text::sanitize::sanitize;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FIXTURES: &[&str] = &[
    include_str!("../tests/fixtures/lianghui-2026-03-07.txt"),
    include_str!("../tests/fixtures/dev-sichuan-four.txt"),
    include_str!("../tests/fixtures/dev-tianjin-henan.txt"),
    include_str!("../tests/fixtures/dev-zhejiang-jiangsu.txt"),
    include_str!("../tests/fixtures/tangled/p0001.txt"),
    include_str!("../tests/fixtures/tangled/p0002.txt"),
    include_str!("../tests/fixtures/tangled/p0003.txt"),
    include_str!("../tests/fixtures/tangled/p0004.txt"),
    include_str!("../tests/fixtures/tangled/p0005.txt"),
    include_str!("../tests/fixtures/tangled/p0006.txt"),
    include_str!("../tests/fixtures/tangled/p0007.txt"),
    include_str!("../tests/fixtures/tangled/p0008.txt"),
];

/// A whole issue: 100 pages in one file, cycling through the fixtures.
fn issue() -> String {
    (0..100).map(|i| FIXTURES[i % FIXTURES.len()]).collect::<Vec<_>>().join("\n\n")
}

/// One long article: the sample's body forty times over, for drawing at its top and bottom.
fn long_article() -> String {
    let sample = reconstruct(kanbao::SAMPLE_PAGE);
    let body: Vec<&str> =
        sample.articles.iter().flat_map(|a| a.paragraphs.iter().map(String::as_str)).collect();
    let mut page = String::from("北京:一篇很长的稿件\n\n证券时报两会报道组\n\n");
    for _ in 0..40 {
        for p in &body {
            page.push_str(p);
            page.push_str("\n\n");
        }
    }
    page
}

fn pages() -> [(&'static str, String); 2] {
    [("sample", kanbao::SAMPLE_PAGE.to_owned()), ("issue", issue())]
}

fn reconstruction(c: &mut Criterion) {
    for (name, text) in pages() {
        c.bench_function(&format!("decode+reconstruct (no dictionary) {name}"), |b| {
            b.iter(|| {
                let d = decode(black_box(text.as_bytes()), None).expect("decodes");
                reconstruct(&sanitize(&d.text))
            })
        });
    }
}

fn dictionary(c: &mut Criterion) {
    let mut g = c.benchmark_group("dictionary");
    g.sample_size(10);
    g.bench_function("build segmenter and IDF table", |b| b.iter(Analyzer::new));
    g.finish();
}

fn keywords_and_pipeline(c: &mut Criterion) {
    let an = analyzer();
    let mut g = c.benchmark_group("keywords");
    g.sample_size(10);
    for (name, text) in pages() {
        let p = reconstruct(&sanitize(&text));
        let texts = page::keyword_texts(&p);
        let furniture = page::furniture(&p);
        g.bench_function(format!("keyword extraction {name}"), |b| {
            b.iter(|| an.keywords(&texts, 8, &furniture))
        });
        g.bench_function(format!("full pipeline (segmenter built) {name}"), |b| {
            b.iter(|| {
                let d = decode(text.as_bytes(), None).expect("decodes");
                let mut p = reconstruct(&sanitize(&d.text));
                page::add_keywords(&mut p, an, 8);
                page::export::json(&p)
            })
        });
    }
    g.finish();
}

fn reader(c: &mut Criterion) {
    for (name, text) in pages() {
        let p = reconstruct(&sanitize(&text));
        c.bench_function(&format!("layout at 120 columns {name}"), |b| {
            b.iter(|| {
                let mut app = App::new(p.clone(), "bench".into(), Options::default());
                update(&mut app, Action::Resize(120, 40));
                app
            })
        });
        let mut app = App::new(p.clone(), "bench".into(), Options::default());
        update(&mut app, Action::Resize(120, 40));
        c.bench_function(&format!("search the whole page {name}"), |b| {
            b.iter(|| kanbao::reader::app::find_matches(&app.panes, black_box("协同")))
        });
    }
    let long = reconstruct(&long_article());
    for (name, p) in [("sample", reconstruct(kanbao::SAMPLE_PAGE)), ("long article", long)] {
        let mut app = App::new(p, "bench".into(), Options::default());
        update(&mut app, Action::Resize(200, 50));
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
        c.bench_function(&format!("frame 200x50 at the top {name}"), |b| {
            b.iter(|| terminal.draw(|f| draw(&app, f)).map(|_| ()))
        });
        update(&mut app, Action::Command(Command::Bottom));
        c.bench_function(&format!("frame 200x50 at the bottom {name}"), |b| {
            b.iter(|| terminal.draw(|f| draw(&app, f)).map(|_| ()))
        });
    }
}

criterion_group!(benches, reconstruction, dictionary, keywords_and_pipeline, reader);
criterion_main!(benches);
