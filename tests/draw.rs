//! Drawing, tested with ratatui's TestBackend on the sample page: the screens at 80×24,
//! 120×40 and 200×50, kinsoku at those widths, overlays over wide glyphs, tiny terminals,
//! `--ambiguous-wide`, and that nothing of a page reaches the terminal as a control.

use kanbao::page::reconstruct;
use kanbao::reader::app::{App, Options};
use kanbao::reader::content::ElemKind;
use kanbao::reader::{Action, Command, draw, update};
use kanbao::text::sanitize::sanitize;
use kanbao::text::width::{Ambiguous, is_ambiguous};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellDiffOption};

/// The sample page, reconstructed once for all the tests here.
fn sample() -> kanbao::page::model::Page {
    static PAGE: std::sync::OnceLock<kanbao::page::model::Page> = std::sync::OnceLock::new();
    PAGE.get_or_init(|| reconstruct(kanbao::SAMPLE_PAGE)).clone()
}

fn sample_app(w: u16, h: u16, opts: Options) -> App {
    // Keywords would be asked of a background analysis that these tests do not run.
    let mut app = App::new(sample(), "sample".into(), Options { keywords: 0, ..opts });
    update(&mut app, Action::Resize(w, h));
    app
}

fn render(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).expect("terminal");
    t.draw(|f| draw(app, f)).expect("draw");
    t.backend().buffer().clone()
}

/// A row as the terminal shows it: the cell after a wide character is its second half.
fn row(buf: &Buffer, y: u16) -> String {
    let mut s = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let cell = &buf[(x, y)];
        s.push_str(cell.symbol());
        let forced = matches!(cell.diff_option, CellDiffOption::ForcedWidth(w) if w.get() == 2);
        x += if forced || unicode_width::UnicodeWidthStr::width(cell.symbol()) == 2 { 2 } else { 1 };
    }
    s
}

fn screen(buf: &Buffer) -> String {
    (0..buf.area.height).map(|y| row(buf, y)).collect::<Vec<_>>().join("\n")
}

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

#[test]
fn screens_at_three_sizes() {
    for (w, h) in SIZES {
        let app = sample_app(w, h, Options::default());
        let buf = render(&app);
        let s = screen(&buf);
        assert!(row(&buf, 0).contains("「十五五」开局起步 大省强市挑大梁勇争先"), "{w}x{h}: banner");
        assert!(row(&buf, 1).contains(" 1 北京 ") && row(&buf, 1).contains(" 4 重庆 "), "{w}x{h}: tabs");
        assert!(s.contains("北京:聚焦首都都市圈建设"), "{w}x{h}: first headline");
        assert!(s.contains("Quotes: 北京") && s.contains("伊彤"), "{w}x{h}: the sidebar lists 北京's card");
        assert!(
            row(&buf, h - 1).contains("sample") && row(&buf, h - 1).contains("q: quit"),
            "{w}x{h}: status"
        );
        insta::assert_snapshot!(format!("sample_{w}x{h}"), s);
    }
}

#[test]
fn no_line_starts_with_closing_punctuation() {
    const FORBIDDEN: &str = ",。、;:?!)」”，；：？！）』…";
    for (w, h) in SIZES {
        let app = sample_app(w, h, Options::default());
        let mut checked = 0;
        for pane in &app.panes {
            for line in pane.lines.iter().filter(|l| !l.blank) {
                let elem = &pane.elems[line.elem];
                let skip = if line.first { elem.indent } else { 0 };
                let first = elem.chars.get(line.range.start + skip).copied().unwrap_or(' ');
                assert!(
                    !FORBIDDEN.contains(first),
                    "{w}x{h}: a line starts with {first}: {:?}",
                    &elem.chars[line.range.clone()]
                );
                checked += 1;
            }
        }
        assert!(checked > 200, "{w}x{h}: {checked} lines checked");
    }
}

#[test]
fn the_focused_pane_is_marked() {
    let mut app = sample_app(200, 50, Options::default());
    update(&mut app, Action::Command(Command::Pane(1)));
    let buf = render(&app);
    let theme = kanbao::reader::theme::Theme::default();
    // Pane 2's top-left corner carries the focused border style, pane 1's does not.
    let (_, r2) = app.geometry().panes[1];
    let (_, r1) = app.geometry().panes[0];
    assert_eq!(buf[(r2.x, r2.y)].fg, theme.border_focused.fg.expect("colour"));
    assert_ne!(buf[(r1.x, r1.y)].fg, theme.border_focused.fg.expect("colour"));
}

#[test]
fn keywords_and_names_are_highlighted_and_can_be_turned_off() {
    let mut app = sample_app(120, 40, Options::default());
    let kws = vec![vec!["京津冀".to_owned()]; app.page.articles.len()];
    update(&mut app, Action::Analysed { page: 0, keywords: kws });
    let theme = kanbao::reader::theme::Theme::default();
    let buf = render(&app);
    // The cell where `s` starts on screen (each of its characters two cells wide).
    let find = |buf: &Buffer, s: &str| -> Option<(u16, u16)> {
        let want: Vec<String> = s.chars().map(String::from).collect();
        (0..buf.area.height).find_map(|y| {
            (0..buf.area.width)
                .find(|&x| {
                    want.iter().enumerate().all(|(i, c)| {
                        x + 2 * (i as u16) < buf.area.width && buf[(x + 2 * i as u16, y)].symbol() == c
                    })
                })
                .map(|x| (x, y))
        })
    };
    // In the body, not the keywords line: the first paragraph names 京津冀.
    let (x, y) = find(&buf, "聚焦京").map(|(x, y)| (x + 4, y)).expect("京津冀 in the first paragraph");
    assert_eq!(buf[(x, y)].symbol(), "京");
    assert_eq!(buf[(x, y)].fg, theme.keyword.fg.expect("colour"));
    // A region's name in the body of pane 1 (left of the sidebar, below the header).
    let sidebar_x = app.geometry().sidebar.expect("sidebar").x;
    let (nx, ny) = (3..buf.area.height)
        .find_map(|y| {
            (0..sidebar_x.saturating_sub(4))
                .find(|&x| {
                    buf[(x, y)].symbol() == "北"
                        && buf[(x + 2, y)].symbol() == "京"
                        && buf[(x + 4, y)].symbol() == "市"
                })
                .map(|x| (x, y))
        })
        .expect("北京市 in the body");
    assert_eq!(buf[(nx, ny)].fg, theme.name.fg.expect("colour"));
    update(&mut app, Action::Command(Command::Keywords));
    let buf = render(&app);
    assert_ne!(buf[(x, y)].fg, theme.keyword.fg.expect("colour"));
}

#[test]
fn help_lists_every_binding_and_clears_cut_glyphs() {
    for (w, h) in SIZES {
        let mut app = sample_app(w, h, Options::default());
        update(&mut app, Action::Command(Command::Help));
        let buf = render(&app);
        let s = screen(&buf);
        // Every binding is on one of the help's pages, paged with the help's own keys.
        let mut seen = s.clone();
        for _ in 0..10 {
            update(&mut app, Action::Command(Command::PageDown));
            seen.push_str(&screen(&render(&app)));
        }
        for b in kanbao::reader::keymap::DEFAULTS.iter().filter(|b| !b.help.is_empty()) {
            assert!(seen.contains(b.help), "{w}x{h}: help shows {:?}", b.help);
        }
        assert_eq!(
            s.contains("Keys 1/"),
            !s.contains("Quote sidebar (s)") || !s.contains("This help"),
            "{w}x{h}"
        );
        // Find the popup's left border and check the cell before it is not half a glyph.
        let top = (0..h).find(|&y| row(&buf, y).contains("Keys")).expect("popup title");
        let x0 = (0..w).find(|&x| buf[(x, top)].symbol() == "╭").expect("popup corner");
        let bottom = (top..h).find(|&y| buf[(x0, y)].symbol() == "╰").expect("popup bottom");
        for y in top..=bottom {
            if x0 > 0 {
                let left = buf[(x0 - 1, y)].symbol();
                assert!(
                    unicode_width::UnicodeWidthStr::width(left) <= 1,
                    "{w}x{h}: a wide glyph cut at row {y}: {left}"
                );
            }
        }
        if w == 80 {
            insta::assert_snapshot!("help_80x24", s);
        }
    }
}

#[test]
fn tiny_terminals_draw_what_fits() {
    let app = sample_app(20, 6, Options::default());
    let s = screen(&render(&app));
    assert!(s.contains("北京"), "{s}");
    assert!(!s.contains("too small"));
    for (w, h) in [(1, 1), (10, 3), (15, 20), (60, 4)] {
        let app = sample_app(w, h, Options::default());
        let s = screen(&render(&app)).replace('\n', "");
        assert!(
            s.replace(' ', "")
                .starts_with("terminaltoosmall".get(..s.replace(' ', "").len().min(16)).unwrap_or("")),
            "{w}x{h}: {s:?}"
        );
    }
    let app = sample_app(40, 4, Options::default());
    assert!(screen(&render(&app)).contains("terminal too small"));
}

#[test]
fn every_size_from_tiny_to_wide_draws_without_panic() {
    for w in (1..=130).step_by(3) {
        for h in [1, 2, 5, 6, 9, 13, 24] {
            let mut app = sample_app(w, h, Options::default());
            render(&app);
            update(&mut app, Action::Command(Command::Help));
            render(&app);
            update(&mut app, Action::Command(Command::Escape));
            update(&mut app, Action::Command(Command::Sidebar));
            render(&app);
            update(&mut app, Action::Command(Command::Zoom));
            update(&mut app, Action::Command(Command::Bottom));
            render(&app);
        }
    }
}

#[test]
fn ambiguous_wide_counts_ambiguous_characters_as_two_cells() {
    let opts = Options { ambiguous: Ambiguous::Wide, ..Options::default() };
    let app = sample_app(120, 40, opts);
    let buf = render(&app);
    let mut seen = 0;
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let Some(c) = cell.symbol().chars().next() else { continue };
            if is_ambiguous(c) && c != ' ' {
                seen += 1;
                assert!(
                    matches!(cell.diff_option, CellDiffOption::ForcedWidth(w) if w.get() == 2),
                    "{c} at {x},{y} is drawn two cells wide"
                );
                assert!(x + 1 < buf.area.width && buf[(x + 1, y)].symbol() == " ", "{c} at {x},{y} has room");
            }
        }
    }
    assert!(seen > 10, "the sample has “”■· on screen: {seen}");
    // Borders are ASCII: box-drawing characters are ambiguous too.
    assert_eq!(buf[(0, 2)].symbol(), "+");
    // Pane text wraps narrower than it would otherwise.
    let narrow = sample_app(120, 40, Options::default());
    let lines = |a: &App| a.panes[0].lines.len();
    assert!(lines(&app) > lines(&narrow));
}

#[test]
fn controls_in_a_page_never_reach_the_screen() {
    let hostile = "北京:标题\x1b]0;title\x07\n\n证券时报两会报道组\n\n正文\x1b[2J有\u{202E}控制\u{9b}31m符。\x1b]52;c;aGVsbG8=\x07\n\n北京\n\n全国人大代表 某某\n\n引语\x1b[31m。";
    let page = reconstruct(&sanitize(hostile));
    let mut app = App::new(page, "hostile\x1b[2J".into(), Options::default());
    update(&mut app, Action::Resize(100, 30));
    for buf in [render(&app), {
        update(&mut app, Action::Command(Command::Help));
        render(&app)
    }] {
        for cell in buf.content() {
            for c in cell.symbol().chars() {
                assert!(
                    !(c == '\x1b'
                        || ('\u{80}'..='\u{9f}').contains(&c)
                        || ('\u{202a}'..='\u{202e}').contains(&c)
                        || c < ' '),
                    "control {c:?} on screen"
                );
            }
        }
    }
    assert!(app.panes[0].elems.iter().any(|e| e.kind == ElemKind::Paragraph(0)));
}

/// A terminal emulator fed by ratatui's crossterm backend: what a real terminal would show,
/// after ratatui has sent it only the differences between frames.
struct Emulated {
    term: Terminal<ratatui::backend::CrosstermBackend<Shared>>,
    out: Shared,
    parser: vt100::Parser,
}

/// The bytes the backend writes, kept where the test can take them.
#[derive(Clone, Default)]
struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Emulated {
    fn new(w: u16, h: u16) -> Self {
        let out = Shared::default();
        let backend = ratatui::backend::CrosstermBackend::new(out.clone());
        let options = ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
        };
        let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN);
        Emulated {
            term: Terminal::with_options(backend, options).expect("terminal"),
            out,
            parser: vt100::Parser::new(nz(h), nz(w), 0),
        }
    }

    fn draw(&mut self, app: &App) -> String {
        self.term.draw(|f| draw(app, f)).expect("draw");
        let bytes = std::mem::take(&mut *self.out.0.lock().expect("output"));
        self.parser.process(&bytes);
        // A space written and a cell never written look the same: compare without them.
        self.parser.screen().contents().lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
    }
}

#[test]
fn scrolling_redraws_leave_no_stale_cells() {
    // Frame after frame into one terminal must show what a fresh draw of the same state shows:
    // no half-glyphs left behind when wide characters move.
    for (w, h) in [(80, 24), (121, 40)] {
        let mut app = sample_app(w, h, Options::default());
        let mut live = Emulated::new(w, h);
        live.draw(&app);
        for step in 0..60 {
            let c = match step % 7 {
                0..=2 => Command::LineDown,
                3 => Command::PageDown,
                4 => Command::NextPane,
                5 => Command::Zoom,
                _ => Command::LineUp,
            };
            update(&mut app, Action::Command(c));
            assert_eq!(live.draw(&app), Emulated::new(w, h).draw(&app), "{w}x{h} step {step}");
        }
    }
}

#[test]
fn no_color_draws_no_colour_in_any_cell() {
    for theme in [kanbao::reader::theme::Theme::dark(), kanbao::reader::theme::Theme::light()] {
        let opts = Options { theme: theme.without_color(), ..Options::default() };
        let mut app = sample_app(120, 40, opts);
        update(&mut app, Action::Analysed { page: 0, keywords: vec![vec!["京津冀".to_owned()]; 4] });
        // Every kind of highlight on screen: keywords, names, a search, a quote mark, focus.
        update(&mut app, Action::Command(Command::Search));
        update(&mut app, Action::SearchInput('协'));
        update(&mut app, Action::Command(Command::Submit));
        for buf in [render(&app), {
            update(&mut app, Action::Command(Command::Help));
            render(&app)
        }] {
            for cell in buf.content() {
                assert_eq!(cell.fg, ratatui::style::Color::Reset, "no foreground colour: {cell:?}");
                assert_eq!(cell.bg, ratatui::style::Color::Reset, "no background colour: {cell:?}");
            }
            assert!(
                buf.content().iter().any(|c| !c.modifier.is_empty()),
                "highlights by bold, underline, reverse"
            );
        }
    }
}

#[test]
fn a_remapped_key_works_and_shows_in_help() {
    let mut opts = Options::default();
    assert!(opts.keymap.rebind("zoom", vec!["Z".into(), "Ctrl-z".into()]));
    let mut app = sample_app(120, 40, opts);
    let key = |c| ratatui::crossterm::event::KeyEvent::new(c, ratatui::crossterm::event::KeyModifiers::NONE);
    use ratatui::crossterm::event::KeyCode;
    assert_eq!(app.action_for_key(&key(KeyCode::Char('z'))), None, "the old key is free");
    let zoom = app.action_for_key(&key(KeyCode::Char('Z'))).expect("the new key");
    update(&mut app, zoom);
    assert!(app.zoom);
    update(&mut app, Action::Command(Command::Help));
    let s = screen(&render(&app));
    let line = s.lines().find(|l| l.contains("zoom, and back")).expect("zoom in the help");
    assert!(line.contains("Z Ctrl-Z"), "{line}");
}

#[test]
fn a_capped_text_width_is_centred_in_a_wide_pane() {
    let opts = Options { max_width: 40, ..Options::default() };
    let mut app = sample_app(200, 50, opts);
    update(&mut app, Action::Command(Command::Zoom));
    assert_eq!(app.text_width, 40);
    let buf = render(&app);
    // The headline's first character sits near the middle of the 200 columns, not at the left.
    let (x, _) = (0..buf.area.height)
        .find_map(|y| {
            (0..buf.area.width)
                .find(|&x| {
                    buf[(x, y)].symbol() == "北"
                        && buf[(x + 2, y)].symbol() == "京"
                        && buf[(x + 4, y)].symbol() == ":"
                })
                .map(|x| (x, y))
        })
        .expect("the headline");
    assert!((70..90).contains(&x), "centred: the text starts at column {x}");
}

#[test]
fn the_status_hints_name_the_keys_in_force() {
    let mut opts = Options::default();
    opts.keymap.rebind("quit", vec!["x".into()]);
    opts.keymap.rebind("zoom", vec!["Z".into()]);
    opts.keymap.rebind("search", vec![]);
    let mut app = sample_app(160, 40, opts);
    let status = row(&render(&app), 39);
    assert!(status.contains("x: quit") && status.contains("Z: zoom"), "{status}");
    assert!(!status.contains("q: quit") && !status.contains("search"), "{status}");
    update(&mut app, Action::Command(Command::Sidebar));
    let status = row(&render(&app), 39);
    assert!(
        status.contains("Enter: jump") && status.contains("j/k: select") && status.contains("x: quit"),
        "{status}"
    );
}
