//! The command line as a user meets it: the sample page with no argument, standard input,
//! encodings, and bad input, which gets one clear line on stderr and exit status 1.

mod support;

use assert_cmd::Command;
use support::fixture;

fn kanbao() -> Command {
    let mut cmd = Command::cargo_bin("kanbao").expect("binary");
    // Never the user's own config or reading positions.
    let home = std::env::temp_dir().join(format!("kanbao-cli-home-{}", std::process::id()));
    cmd.env("XDG_CONFIG_HOME", home.join("config")).env("XDG_STATE_HOME", home.join("state"));
    cmd
}

/// Run with arguments; (status, stdout, stderr).
fn run(args: &[&str], stdin: Option<Vec<u8>>) -> (i32, String, String) {
    let mut cmd = kanbao();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tmp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kanbao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// One line, naming the file, and exit status 1.
fn assert_fails(args: &[&str], stdin: Option<Vec<u8>>, file: &str, why: &str) {
    let (code, out, err) = run(args, stdin);
    assert_eq!(code, 1, "stderr: {err}");
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.starts_with(&format!("kanbao: {file}: ")), "{err:?}");
    assert!(err.contains(why), "{err:?} should say {why:?}");
    assert!(!err.contains("panicked"));
}

#[test]
fn no_argument_reads_the_sample_page() {
    let (code, out, _) = run(&["--export", "text", "--keywords", "0"], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("「十五五」开局起步 大省强市挑大梁勇争先\n"));
    assert!(out.contains("同时高标准服务雄安新区建设"));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let page = std::fs::read(fixture("dev-tianjin-henan.txt")).expect("fixture");
    let (code, out, _) = run(&["--export", "json", "--keywords", "0", "-"], Some(page));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["schema"], "kanbao/1");
    assert_eq!(v["articles"].as_array().map(Vec::len), Some(3));
}

#[test]
fn a_gbk_page_reads_like_its_utf8_original() {
    let utf8 = std::fs::read_to_string(fixture("dev-zhejiang-jiangsu.txt")).expect("fixture");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&utf8);
    assert!(!unmappable);
    let path = tmp("gbk-page.txt", &gbk);
    let (code, from_gbk, err) =
        run(&["--export", "json", "--keywords", "0", path.to_str().expect("path")], None);
    assert_eq!(code, 0, "{err}");
    let (_, from_utf8, _) = run(
        &["--export", "json", "--keywords", "0", fixture("dev-zhejiang-jiangsu.txt").to_str().expect("path")],
        None,
    );
    assert_eq!(from_gbk, from_utf8);
    // Forcing the wrong encoding is refused, not shown as mojibake.
    let (code, _, err) =
        run(&["--encoding", "utf-8", "--export", "text", path.to_str().expect("path")], None);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn a_missing_file() {
    assert_fails(&["/nonexistent/page.txt"], None, "/nonexistent/page.txt", "no such file");
}

#[test]
fn a_folder_without_pages() {
    let dir = std::env::temp_dir().join(format!("kanbao-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let d = dir.to_str().expect("path");
    assert_fails(&["--export", "text", d], None, d, "no readable *.txt page");
}

#[test]
fn a_folder_is_an_issue() {
    let dir = std::env::temp_dir().join(format!("kanbao-cli-issue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    for p in ["lianghui-2026-03-07", "dev-tianjin-henan"] {
        std::fs::copy(fixture(&format!("{p}.txt")), dir.join(format!("{p}.txt"))).expect("copy");
    }
    std::fs::write(dir.join("notes.md"), "not a page").expect("write");
    let (code, out, err) = run(&["--export", "json", "--keywords", "0", dir.to_str().expect("path")], None);
    assert_eq!(code, 0, "{err}");
    let pages: Vec<serde_json::Value> = serde_json::from_str(&out).expect("a JSON array of pages");
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0]["file"], "dev-tianjin-henan.txt", "pages in name order: dev- before lianghui");
    assert_eq!(pages[0]["page"]["articles"][0]["region"], "天津");
    assert_eq!(pages[1]["page"]["schema"], "kanbao/1");
    assert_eq!(pages[1]["page"]["banner"], "「十五五」开局起步 大省强市挑大梁勇争先");
}

#[test]
fn a_page_piped_in_without_a_dash() {
    let page = std::fs::read(fixture("dev-tianjin-henan.txt")).expect("fixture");
    let (code, out, _) = run(&["--export", "json", "--keywords", "0"], Some(page));
    assert_eq!(code, 0);
    assert!(out.contains("天津:向海图强育新动能"));
}

#[test]
fn binary_data() {
    let p = tmp("binary.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00");
    assert_fails(&[p.to_str().expect("path")], None, p.to_str().expect("path"), "binary data");
}

#[test]
fn empty_input() {
    let p = tmp("empty.txt", b"");
    assert_fails(&[p.to_str().expect("path")], None, p.to_str().expect("path"), "empty input");
    let p = tmp("blank.txt", b" \n\n\t\r\n\xe3\x80\x80\n");
    assert_fails(&[p.to_str().expect("path")], None, p.to_str().expect("path"), "empty input");
    assert_fails(&["-"], Some(Vec::new()), "<stdin>", "empty input");
}

#[test]
fn text_in_no_known_encoding() {
    let p = tmp("latin1.txt", &[0xFF, 0xFE - 1, 0x80, 0xFF, 0x41, 0xFF, 0xFF]);
    assert_fails(&[p.to_str().expect("path")], None, p.to_str().expect("path"), "not");
}

#[test]
fn an_unknown_encoding_name() {
    let page = fixture("dev-tianjin-henan.txt");
    let p = page.to_str().expect("path");
    assert_fails(&["--encoding", "klingon", p], None, p, "unknown encoding");
}

#[test]
fn a_usage_error_is_clap_s_with_status_2() {
    let (code, _, err) = run(&["--export", "pdf"], None);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value"));
}

#[test]
fn controls_in_a_page_never_reach_the_output() {
    let page = "北京:标题\x1b]0;title\x07\n\n证券时报两会报道组\n\n正文\x1b[2J有\u{202E}控制\u{9b}31m符。\x1b]52;c;aGVsbG8=\x07";
    let p = tmp("controls.txt", page.as_bytes());
    for format in ["text", "markdown", "json"] {
        let (code, out, _) = run(&["--export", format, "--keywords", "0", p.to_str().expect("path")], None);
        assert_eq!(code, 0);
        assert!(
            !out.contains('\x1b')
                && !out.contains('\u{9b}')
                && !out.contains('\u{202E}')
                && !out.contains('\x07'),
            "{format}: {out:?}"
        );
        assert!(out.contains("正文"));
    }
}

/// The page's JSON, from a file holding `bytes`.
fn json_of(name: &str, bytes: &[u8]) -> serde_json::Value {
    let p = tmp(name, bytes);
    let (code, out, err) = run(&["--export", "json", "--keywords", "0", p.to_str().expect("path")], None);
    assert_eq!(code, 0, "{name}: {err}");
    serde_json::from_str(&out).expect("json")
}

#[test]
fn a_utf16_page_with_bom() {
    let text = std::fs::read_to_string(fixture("dev-tianjin-henan.txt")).expect("fixture");
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    let utf8 = json_of("utf8.txt", text.as_bytes());
    assert_eq!(json_of("utf16le.txt", &le), utf8);
    assert_eq!(json_of("utf16be.txt", &be), utf8);
}

#[test]
fn a_ten_megabyte_line() {
    let line: String = "城市发展".repeat(10 * 1024 * 1024 / 12);
    let v = json_of("long-line.txt", line.as_bytes());
    let articles = v["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["paragraphs"][0].as_str().map(str::len), Some(line.len()));
    assert_eq!(articles[0]["continues"], true, "it never ends a sentence");
}

#[test]
fn a_hundred_thousand_one_character_blocks() {
    let page: String = (0..100_000).map(|i| if i % 2 == 0 { "甲\n\n" } else { "乙。\n\n" }).collect();
    let v = json_of("many-blocks.txt", page.as_bytes());
    let paragraphs = v["articles"][0]["paragraphs"].as_array().expect("paragraphs");
    // 甲 never ends a sentence, so each joins the 乙。 after it.
    assert_eq!(paragraphs.len(), 50_000);
    assert!(paragraphs.iter().all(|p| p == "甲乙。"));
}

#[test]
fn a_page_of_only_headlines() {
    let v = json_of("headlines.txt", "北京:聚焦首都\n\n上海:推动科创\n\n广东:做好制造业".as_bytes());
    let articles = v["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 3);
    assert!(articles.iter().all(|a| a["paragraphs"].as_array().is_some_and(Vec::is_empty)));
    assert_eq!(articles[2]["region"], "广东");
}

#[test]
fn a_page_of_only_quote_cards() {
    let page = "北京\n\n全国人大代表、某研究所所长 伊彤\n\n要推动科技创新资源向周边辐射。\n\n上海\n\n全国人大代表 丁奎岭\n\n推动设立国际大科学计划。";
    let v = json_of("cards.txt", page.as_bytes());
    assert_eq!(v["articles"].as_array().map(Vec::len), Some(0));
    let quotes = v["quotes"].as_array().expect("quotes");
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[1]["speaker"], "丁奎岭");
    assert!(quotes.iter().all(|q| q["source"].is_null()));
}

#[test]
fn a_headline_like_block_at_the_very_end() {
    let page = "北京:聚焦首都\n\n证券时报两会报道组\n\n正文第一段。\n\n上海:推动科创与产业融合";
    let v = json_of("end-headline.txt", page.as_bytes());
    let articles = v["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[1]["headline"], "上海:推动科创与产业融合");
    assert_eq!(articles[0]["paragraphs"][0], "正文第一段。");
}

#[test]
fn a_file_that_changes_while_being_read() {
    use std::io::Write as _;
    let path = tmp("growing.txt", "北京:聚焦\n\n证券时报两会报道组\n\n".as_bytes());
    let writer_path = path.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop_writer = stop.clone();
    let writer = std::thread::spawn(move || {
        let mut f = std::fs::OpenOptions::new().append(true).open(&writer_path).expect("open");
        // Appending while kanbao reads; paced, so the file stays a page and not a flood.
        while !stop_writer.load(std::sync::atomic::Ordering::Relaxed) {
            let _ = f.write_all("又一段正文。\n\n".as_bytes());
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
    });
    for _ in 0..5 {
        let (code, out, err) =
            run(&["--export", "text", "--keywords", "0", path.to_str().expect("path")], None);
        assert!(code == 0 || (code == 1 && err.lines().count() == 1), "{code} {err}");
        if code == 0 {
            assert!(out.contains("北京:聚焦"));
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().expect("writer");
}

#[test]
fn a_device_that_never_ends_is_not_a_page() {
    assert_fails(&["/dev/zero"], None, "/dev/zero", "not a regular file");
}

#[test]
fn a_file_without_read_permission() {
    use std::os::unix::fs::PermissionsExt as _;
    let p = tmp("secret.txt", "北京:聚焦\n\n正文。".as_bytes());
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let path = p.to_str().expect("path");
    // Root reads whatever the mode says, so as root the check runs kanbao as nobody.
    let uid = std::process::Command::new("id").arg("-u").output().expect("id").stdout;
    let out = if String::from_utf8_lossy(&uid).trim() == "0" {
        // Nobody may not reach the build directory: run a copy from the temporary one.
        let dir = p.parent().expect("dir");
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod dir");
        let bin = dir.join("kanbao-copy");
        std::fs::copy(env!("CARGO_BIN_EXE_kanbao"), &bin).expect("copy");
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).expect("chmod bin");
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .args(["--export", "text", path])
            .output()
            .expect("setpriv")
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_kanbao"))
            .args(["--export", "text", path])
            .output()
            .expect("run")
    };
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.trim(), format!("kanbao: {path}: permission denied"));
}

/// A config file holding `text`; its path.
fn config_file(name: &str, text: &str) -> std::path::PathBuf {
    tmp(name, text.as_bytes())
}

#[test]
fn the_printed_config_is_accepted_as_it_is() {
    let (code, printed, _) = run(&["--print-config"], None);
    assert_eq!(code, 0);
    assert!(
        printed.contains("[keys]") && printed.contains("[colors]") && printed.contains("theme = \"dark\"")
    );
    let path = config_file("printed.toml", &printed);
    let (code, out, err) =
        run(&["--config", path.to_str().expect("path"), "--export", "text", "--keywords", "0"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("北京:聚焦"));
}

#[test]
fn each_config_error_is_one_line_with_file_line_and_column() {
    let cases = [
        ("syntax.toml", "theme = \"dark\"\nkeywords = = 3\n", ":2:", "expected"),
        ("type.toml", "keywords = 3\nmouse = \"yes\"\n", ":2:", "expected true or false"),
        ("number.toml", "max_width = \"wide\"\n", ":1:", "expected a whole number"),
        ("keywords.toml", "keywords = 100000000000\n", ":1:12:", "from 0 to 50"),
        (
            "conflict.toml",
            "[keys]\nzoom = [\"j\"]\n",
            ":2:8:",
            "\"j\" is bound to both `line_down` and `zoom`",
        ),
        (
            "global.toml",
            "[keys]\nzoom = [\"ctrl-Z\"]\n",
            ":2:8:",
            "\"Ctrl-z\" is bound to both `suspend` and `zoom`",
        ),
        ("unknown.toml", "them = \"dark\"\n", ":1:1:", "did you mean `theme`?"),
        ("unknown-key.toml", "[keys]\nqiut = [\"x\"]\n", ":2:1:", "did you mean `quit`?"),
    ];
    for (name, text, at, why) in cases {
        let path = config_file(name, text);
        let p = path.to_str().expect("path");
        let (code, out, err) = run(&["--config", p, "--export", "text"], None);
        assert_eq!(code, 1, "{name}: {err}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{name}: {err:?}");
        assert!(err.starts_with(&format!("kanbao: {p}{at}")), "{name}: {err:?}");
        assert!(err.contains(why), "{name}: {err:?} should say {why:?}");
    }
}

#[test]
fn a_keyword_count_beyond_reason_is_refused() {
    for n in ["51", "99999999999", "18446744073709551615", "x"] {
        let (code, out, err) = run(&["--keywords", n, "--export", "json"], None);
        assert_eq!(code, 2, "{n}: {err}");
        assert!(out.is_empty());
        assert!(err.contains("expected a number from 0 to 50"), "{n}: {err}");
    }
    let (code, _, err) = run(&["--keywords", "50", "--export", "json"], None);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn completions_and_the_manual_come_from_the_same_definitions() {
    for (shell, mark) in [("bash", "_kanbao()"), ("zsh", "#compdef kanbao"), ("fish", "complete -c kanbao")] {
        let (code, out, _) = run(&["--completions", shell], None);
        assert_eq!(code, 0);
        assert!(out.contains(mark), "{shell}");
        assert!(
            out.contains("print-config") && out.contains("ambiguous-wide"),
            "{shell} completes the flags"
        );
    }
    let (code, man, _) = run(&["--man"], None);
    assert_eq!(code, 0);
    assert!(man.starts_with(".ie") || man.contains(".TH kanbao"), "{}", &man[..man.len().min(200)]);
    assert!(man.contains("print\\-config"));
    for section in [".SH KEYS", ".SH FILES", ".SH ENVIRONMENT", ".SH EXIT STATUS"] {
        assert!(man.contains(section), "{section}");
    }
    assert!(man.contains("\\fBCtrl\\-Z\\fR\nsuspend"), "keys come from the keymap");
}
