//! The command line as a user meets it: the sample page with no argument, standard input,
//! encodings, and bad input, which gets one clear line on stderr and exit status 1.

mod support;

use assert_cmd::Command;
use support::fixture;

fn kanbao() -> Command {
    Command::cargo_bin("kanbao").expect("binary")
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
fn a_directory() {
    let dir = std::env::temp_dir();
    let d = dir.to_str().expect("path");
    assert_fails(&[d], None, d, "is a directory");
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
    assert_fails(&["--encoding", "klingon"], None, "lianghui-2026-03-07.txt (sample)", "unknown encoding");
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
