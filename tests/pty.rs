//! The real binary in a pseudo-terminal, read through a terminal emulator (vt100): what a user
//! sees and does. A shell wraps kanbao so that, after it exits, `stty` tells whether the
//! terminal was left usable. Waits have a generous deadline for failure; nothing asserts speed.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(60);

/// Sessions started, for each one's own home directory.
static SESSIONS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    /// Run `sh -c SCRIPT` in a pty of the given size; `$KANBAO` is the binary.
    fn start(script: &str, cols: u16, rows: u16) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("pty");
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        cmd.env("KANBAO", env!("CARGO_BIN_EXE_kanbao"));
        // Never the user's own config or reading positions: a directory of this test's.
        let home = std::env::temp_dir().join(format!(
            "kanbao-pty-home-{}-{}",
            std::process::id(),
            SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&home);
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let nz = |n: u16| NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        {
            let (parser, raw) = (parser.clone(), raw.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if let Ok(mut p) = parser.lock() {
                        p.process(&buf[..n]);
                    }
                    if let Ok(mut r) = raw.lock() {
                        r.extend_from_slice(&buf[..n]);
                    }
                }
            });
        }
        Session { parser, raw, writer, child, master: pty.master }
    }

    fn screen(&self) -> vt100::Screen {
        self.parser.lock().expect("parser").screen().clone()
    }

    /// Wait until the screen satisfies `pred`; fail with the screen if it never does.
    fn wait_for(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) -> vt100::Screen {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(start.elapsed() < DEADLINE, "never saw {what}; the screen:\n{}", s.contents());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.exit_code();
            }
            assert!(
                start.elapsed() < DEADLINE,
                "kanbao did not exit; the screen:\n{}",
                self.screen().contents()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().expect("raw")).into_owned()
    }
}

/// The text of each pane on screen, its lines joined: panes are found by their top-left
/// corners on the first border row.
/// The screen's size as plain numbers.
fn size(s: &vt100::Screen) -> (u16, u16) {
    let (rows, cols) = s.size();
    (rows.get(), cols.get())
}

fn panes(s: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = size(s);
    let border_row = (0..rows).find(|&r| s.cell(r, 0).is_some_and(|c| c.contents() == "╭")).unwrap_or(0);
    let corners: Vec<u16> =
        (0..cols).filter(|&c| s.cell(border_row, c).is_some_and(|x| x.contents() == "╭")).collect();
    let mut out = Vec::new();
    for (i, &x0) in corners.iter().enumerate() {
        let x1 = corners.get(i + 1).copied().unwrap_or(cols);
        let mut text = String::new();
        for r in border_row + 1..rows {
            for c in x0 + 1..x1.saturating_sub(1) {
                if let Some(cell) = s.cell(r, c) {
                    text.push_str(cell.contents());
                }
            }
        }
        out.push(text.chars().filter(|c| !c.is_whitespace() && *c != '│' && *c != '─').collect());
    }
    out
}

fn status(s: &vt100::Screen) -> String {
    let (rows, cols) = size(s);
    s.contents_between(rows - 1, 0, rows - 1, cols)
}

#[test]
fn reading_the_sample_page_as_a_user_does() {
    let mut t = Session::start("$KANBAO; echo \"exit=$?\"; stty -a; echo END", 120, 40);
    t.wait_for("the sample page", |s| s.contents().contains("北京:聚焦首都都市圈建设"));
    // Keywords arrive from the background analysis.
    t.wait_for("keywords", |s| s.contents().contains("Keywords:"));

    t.send("3");
    let s = t.wait_for("the 广东 pane focused", |s| status(s).starts_with(" 广东 │"));
    assert!(panes(&s).iter().any(|p| p.contains("广东:做好制造业")), "{}", s.contents());

    t.send("s");
    let s = t.wait_for("the sidebar focused", |s| status(s).contains("Enter: jump"));
    assert!(s.contents().contains("广东｜徐延铭"));
    t.send("\r");
    let s = t.wait_for("the paragraph the quote comes from", |s| {
        panes(s).iter().any(|p| p.contains("加快构建AIGC新型储能产品标准体系") && p.contains("在此基础上"))
    });
    assert!(status(&s).starts_with(" 广东 │"));

    t.send("/");
    t.wait_for("the search prompt", |s| status(s).starts_with("/"));
    t.send("雄安\r");
    let s = t.wait_for("the 北京 pane with the match", |s| {
        status(s).starts_with(" 北京 │") && status(s).contains("Match 1")
    });
    assert!(
        panes(&s).iter().any(|p| p.contains("雄安") && p.contains("高标准服务雄安新区建设")),
        "{}",
        s.contents()
    );

    t.send("q");
    let s = t.wait_for("the shell after kanbao", |s| {
        s.contents().contains("exit=0") && s.contents().contains("END")
    });
    assert!(!s.alternate_screen(), "the alternate screen is left");
    assert!(!s.hide_cursor(), "the cursor is shown");
    let stty = s.contents();
    assert!(stty.contains(" icanon") && stty.contains(" echo"), "raw mode is off:\n{stty}");
    assert!(!stty.contains("-icanon"), "raw mode is off:\n{stty}");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut t = Session::start(
        "$KANBAO --mouse & pid=$!; sleep 3; kill -TERM $pid; wait $pid; echo \"exit=$?\"; stty -a; echo END",
        100,
        30,
    );
    t.wait_for("the reader", |s| s.contents().contains("北京:聚焦"));
    let s = t.wait_for("the shell after SIGTERM", |s| {
        s.contents().contains("exit=143") && s.contents().contains("END")
    });
    assert!(!s.alternate_screen());
    assert!(!s.hide_cursor());
    assert!(!s.contents().contains("-icanon"));
    // Mouse capture is turned off again.
    assert!(t.raw().contains("\x1b[?1000l"), "mouse capture disabled");
    assert_eq!(t.wait_exit(), 0);
}

/// Resize the terminal: the emulator first, then the pty (which signals the reader). In this
/// order, whatever the reader draws for the new size is parsed at the new size; output for the
/// old size parsed late is overdrawn by the full redraw that follows a resize.
fn resize(t: &Session, rows: u16, cols: u16) {
    let nz = |n: u16| NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN);
    t.parser.lock().expect("parser").screen_mut().set_size(nz(rows), nz(cols));
    t.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize");
}

#[test]
fn resizing_redraws_at_once() {
    let mut t = Session::start("$KANBAO", 120, 40);
    t.wait_for("two panes", |s| panes(s).len() == 3);
    resize(&t, 50, 200);
    t.wait_for("four panes and the sidebar", |s| panes(s).len() == 5);
    resize(&t, 6, 20);
    t.wait_for("one narrow pane", |s| s.contents().contains("北京") && panes(s).len() == 1);
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// A page of `n` articles, each a headline, a byline and two paragraphs.
fn many_articles(n: usize) -> std::path::PathBuf {
    let regions = ["北京", "上海", "广东", "重庆", "四川", "湖北", "山东", "福建"];
    let mut page = String::new();
    for i in 0..n {
        let r = regions[i % regions.len()];
        page.push_str(&format!("{r}:第{i}篇稿件的标题\n\n本报记者 张三\n\n{r}代表团举行全体会议,讨论第{i}项议题。\n\n代表们表示,要把第{i}项工作做实做细。\n\n"));
    }
    let dir = std::env::temp_dir().join(format!("kanbao-pty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let p = dir.join(format!("articles-{n}.txt"));
    std::fs::write(&p, page).expect("write");
    p
}

/// After kanbao: the shell printed its exit status and `stty -a`; the terminal is usable.
fn assert_restored(t: &Session, exit: &str) {
    let s =
        t.wait_for("the shell after kanbao", |s| s.contents().contains(exit) && s.contents().contains("END"));
    assert!(!s.alternate_screen(), "alternate screen left");
    assert!(!s.hide_cursor(), "cursor shown");
    assert!(
        !s.contents().contains("-icanon") && !s.contents().contains("-echo "),
        "raw mode off:\n{}",
        s.contents()
    );
}

#[test]
fn stress_resizes_while_scrolling_a_one_by_one_terminal_and_held_keys() {
    let mut t = Session::start("$KANBAO; echo \"exit=$?\"; stty -a; echo END", 100, 30);
    t.wait_for("the reader", |s| s.contents().contains("北京:聚焦"));
    let sizes = [(1, 1), (40, 10), (200, 50), (2, 3), (120, 40), (20, 6), (1, 1), (100, 30)];
    for round in 0..3 {
        for &(cols, rows) in &sizes {
            resize(&t, rows, cols);
            t.send(if round % 2 == 0 { "jjjjl" } else { "kkG\t" });
        }
    }
    // A key held down: hundreds of repeats at once.
    t.send(&"j".repeat(600));
    t.send(&"l".repeat(101));
    t.wait_for("the reader, still answering", |s| status(s).contains("%"));
    t.send("q");
    assert_restored(&t, "exit=0");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_page_of_two_hundred_articles() {
    let page = many_articles(200);
    let script = format!("$KANBAO '{}'; echo \"exit=$?\"; stty -a; echo END", page.display());
    let mut t = Session::start(&script, 160, 40);
    t.wait_for("the first article", |s| s.contents().contains("第0篇稿件的标题"));
    t.send(&"\t".repeat(150));
    let s = t.wait_for("article 151", |s| s.contents().contains("第150篇稿件的标题"));
    assert!(
        s.contents().lines().next().is_some_and(|tabs| tabs.contains(" 151 山东 ")),
        "the tab bar (no banner above it) shows the focused tab"
    );
    t.send("as");
    t.wait_for("the sidebar focused, saying there are no cards", |s| {
        status(s).contains("No quote cards on this page")
    });
    t.send("jjj\r");
    t.wait_for("word that no card is selected", |s| status(s).contains("No card selected"));
    // Esc alone: a key sent right after it would read as Alt and that key.
    t.send("\x1b");
    t.wait_for("the sidebar let go", |s| status(s).contains("z: zoom"));
    t.send("z");
    t.wait_for("a zoomed pane", |s| panes(s).len() == 1);
    t.send("q");
    assert_restored(&t, "exit=0");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn sighup_restores_the_terminal() {
    let mut t = Session::start(
        "$KANBAO & pid=$!; sleep 2; kill -HUP $pid; wait $pid; echo \"exit=$?\"; stty -a; echo END",
        100,
        30,
    );
    t.wait_for("the reader", |s| s.contents().contains("北京:聚焦"));
    assert_restored(&t, "exit=129");
    assert_eq!(t.wait_exit(), 0);
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("kanbao-pty-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    d
}

#[test]
fn the_reading_position_survives_a_restart_a_kill_and_a_corrupt_file() {
    let state = scratch("state");
    let run = |keys: &str, then: &str| -> Session {
        let script = format!("XDG_STATE_HOME='{}' $KANBAO --keywords 0; {then}", state.display());
        let mut t = Session::start(&script, 120, 40);
        t.wait_for("the reader", |s| status(s).contains("% │"));
        t.send(keys);
        t
    };
    // Read 广东 a little way down, and quit.
    let mut t = run("3jjjjjjjj", "echo END");
    t.wait_for("广东 scrolled", |s| status(s).starts_with(" 广东 │") && !status(s).contains("│ 26%"));
    let before = status(&t.screen());
    t.send("q");
    t.wait_for("the shell", |s| s.contents().contains("END"));
    drop(t);
    let file = state.join("kanbao").join("positions.json");
    assert!(file.exists(), "positions saved");

    // Reopened: the same pane, the same place. (exec: the session's process is kanbao itself,
    // for the kill below.)
    let script = format!("XDG_STATE_HOME='{}' exec $KANBAO --keywords 0", state.display());
    let mut t = Session::start(&script, 120, 40);
    let s = t.wait_for("广东 again", |s| status(s).starts_with(" 广东 │"));
    assert_eq!(status(&s).split(" │ ").nth(1), before.split(" │ ").nth(1), "the same percent");
    // Killed while reading: nothing is half-written; the last saved place stands.
    t.send("1");
    t.wait_for("北京", |s| status(s).starts_with(" 北京 │"));
    let pid = t.child.process_id().expect("pid");
    std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status().expect("kill");
    let _ = t.wait_exit();
    drop(t);
    let text = std::fs::read_to_string(&file).expect("still there");
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "a whole file");
    let mut t = run("", "echo END");
    t.wait_for("广东, where the last saved position says", |s| status(s).starts_with(" 广东 │"));
    t.send("q");
    t.wait_for("the shell", |s| s.contents().contains("END"));
    drop(t);

    // A corrupt file: set aside with a warning, and the page opens at the top.
    std::fs::write(&file, "{ garbage").expect("write");
    let mut t = run("", "echo END");
    t.wait_for("北京 at the top", |s| status(s).starts_with(" 北京 │"));
    t.send("q");
    let s = t.wait_for("the shell", |s| s.contents().contains("END"));
    assert!(
        s.contents().contains("set aside") || t.raw().contains("set aside"),
        "a warning: {:?}",
        &t.raw()[..t.raw().len().min(600)]
    );
    assert!(state.join("kanbao").join("positions.json.corrupt").exists());
    assert!(
        serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&file).expect("rewritten"))
            .is_ok()
    );
}

#[test]
fn y_copies_the_card_with_its_citation_in_one_osc52_sequence() {
    let state = scratch("copy");
    let script = format!("XDG_STATE_HOME='{}' $KANBAO --keywords 0 --fresh; echo END", state.display());
    let mut t = Session::start(&script, 120, 40);
    t.wait_for("the reader", |s| s.contents().contains("北京:聚焦"));
    t.send("3");
    t.wait_for("广东", |s| status(s).starts_with(" 广东 │"));
    t.send("s");
    t.wait_for("the sidebar", |s| status(s).contains("Enter: jump"));
    t.send("y");
    t.wait_for("copied", |s| status(s).contains("Copied"));
    t.send("q");
    t.wait_for("the shell", |s| s.contents().contains("END"));
    let raw = t.raw();
    assert_eq!(raw.matches("\x1b]52;").count(), 1, "exactly one OSC 52 sequence");
    let start = raw.find("\x1b]52;c;").expect("OSC 52") + "\x1b]52;c;".len();
    let end = start + raw[start..].find('\x07').expect("terminated by BEL");
    use base64::Engine as _;
    let payload = base64::engine::general_purpose::STANDARD.decode(&raw[start..end]).expect("base64");
    let text = String::from_utf8(payload).expect("utf-8");
    assert!(text.starts_with("加快构建AIGC新型储能产品标准体系"), "{text}");
    assert!(
        text.contains(
            "\n——徐延铭，全国人大代表,珠海冠宇电池股份有限公司董事长、总裁，《广东:做好制造业和服务业"
        ),
        "{text}"
    );
}

#[test]
fn a_folder_opens_as_an_issue_and_the_next_page_is_a_key_away() {
    let dir = scratch("issue");
    for p in ["lianghui-2026-03-07", "dev-sichuan-four", "dev-tianjin-henan", "dev-zhejiang-jiangsu"] {
        let from =
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{p}.txt"));
        std::fs::copy(from, dir.join(format!("{p}.txt"))).expect("copy");
    }
    let script =
        format!("XDG_STATE_HOME='{}' $KANBAO --keywords 0 '{}'; echo END", dir.display(), dir.display());
    let mut t = Session::start(&script, 120, 40);
    // Pages in name order: dev-sichuan-four first.
    t.wait_for("the first page", |s| s.contents().contains("四川：用好清洁能源"));
    t.send("]");
    t.wait_for("the next page's first article", |s| {
        s.contents().contains("天津:向海图强育新动能") && status(s).contains("Page 2 of 4")
    });
    t.send("p");
    t.wait_for("the page list", |s| {
        s.contents().contains("Pages") && s.contents().contains("lianghui-2026-03-07.txt")
    });
    t.send("jj\r");
    t.wait_for("page 4", |s| s.contents().contains("北京:聚焦首都都市圈建设"));
    t.send("[");
    t.wait_for("page 3", |s| {
        s.contents().contains("浙江:深化“人工智能+”行动") || s.contents().contains("浙江:深化")
    });
    t.send("q");
    t.wait_for("the shell", |s| s.contents().contains("END"));
    drop(t);
    // Reopened, the folder opens at the page last read.
    let mut t = Session::start(&script, 120, 40);
    t.wait_for("page 3 again", |s| s.contents().contains("浙江:深化"));
    t.send("q");
    t.wait_for("the shell", |s| s.contents().contains("END"));
}

#[test]
fn closing_the_terminal_keeps_the_reading_position() {
    // kanbao runs in a terminal of its own, made by script(1) inside the test's; killing
    // script closes that terminal under kanbao, as closing a window does.
    let state = scratch("hangup");
    let pidfile = state.join("script.pid");
    let script = format!(
        "echo $$ > '{}'; XDG_STATE_HOME='{}' exec script -qec '$KANBAO --keywords 0' /dev/null",
        pidfile.display(),
        state.display()
    );
    let inner = state.join("inner.sh");
    std::fs::write(&inner, script).expect("script");
    let mut t = Session::start(&format!("sh '{}'; echo END", inner.display()), 120, 40);
    t.wait_for("the reader", |s| status(s).contains("% │"));
    t.send("4jjj");
    t.wait_for("重庆 scrolled", |s| status(s).starts_with(" 重庆 │") && !status(s).contains(" 0%"));
    let pid = std::fs::read_to_string(&pidfile).expect("pid");
    std::process::Command::new("kill").args(["-KILL", pid.trim()]).status().expect("kill");
    t.wait_for("the shell", |s| s.contents().contains("END"));
    let file = state.join("kanbao").join("positions.json");
    let start = Instant::now();
    while !file.exists() {
        assert!(start.elapsed() < DEADLINE, "no positions saved after the terminal went away");
        std::thread::sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(&file).expect("positions");
    let saved: serde_json::Value = serde_json::from_str(&text).expect("a whole file");
    let focus: Vec<u64> = saved["pages"]
        .as_object()
        .expect("pages")
        .values()
        .filter_map(|e| e["view"]["focus"].as_u64())
        .collect();
    assert_eq!(focus, vec![3], "the 重庆 pane, remembered: {text}");
    let _ = t.wait_exit();
}

#[test]
fn a_page_piped_in_is_read_and_keys_come_from_the_terminal() {
    let page =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev-tianjin-henan.txt");
    let script = format!("cat '{}' | $KANBAO --keywords 0; echo END", page.display());
    let mut t = Session::start(&script, 120, 40);
    t.wait_for("the piped page", |s| s.contents().contains("天津:向海图强育新动能"));
    t.send("2");
    t.wait_for("a key from the terminal", |s| status(s).starts_with(" 河南 │"));
    t.send("q");
    t.wait_for("the shell", |s| s.contents().contains("END"));
}

#[test]
fn ctrl_z_suspends_and_fg_brings_the_reader_back() {
    let mut t = Session::start("PS1='$ ' exec bash --norc --noprofile -i", 100, 30);
    t.wait_for("a shell", |s| s.contents().contains("$ "));
    t.send("$KANBAO --keywords 0 --fresh\r");
    t.wait_for("the reader", |s| s.contents().contains("北京:聚焦"));
    t.send("\x1a");
    t.wait_for("the shell, the reader stopped", |s| {
        s.contents().contains("Stopped") && !s.alternate_screen()
    });
    // The window is made smaller while the reader is stopped: it comes back at the new size.
    resize(&t, 20, 80);
    t.send("fg\r");
    t.wait_for("the reader again, drawn whole at the new size", |s| {
        s.alternate_screen()
            && s.contents().contains("北京:聚焦")
            && status(s).starts_with(" 北京 │")
            && s.cell(2, 79).is_some_and(|c| c.contents() == "╮")
    });
    t.send("q");
    t.wait_for("the shell", |s| !s.alternate_screen());
    t.send("stty -a; echo EN''D\r");
    let s = t.wait_for("stty", |s| s.contents().contains("END"));
    assert!(!s.contents().contains("-icanon"), "raw mode is off");
    t.send("exit\r");
    let _ = t.wait_exit();
}
