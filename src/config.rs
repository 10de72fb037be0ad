//! The configuration file: `$XDG_CONFIG_HOME/kanbao/config.toml` (else
//! `~/.config/kanbao/config.toml`), or `--config PATH`. Every setting is optional; `kanbao
//! --print-config` prints them all with their defaults, commented, and that text loads back
//! unchanged. A bad file fails with its path, line and column and what was expected; an unknown
//! key is an error too, naming the nearest valid one.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use crate::reader::theme::Borders as BorderStyle;
use serde_spanned::Spanned;
use thiserror::Error;

use crate::reader::app::Options;
use crate::reader::keymap::{DEFAULTS, canonical_key};
use crate::reader::theme::{Borders, STYLE_NAMES, Theme, ThemeName, colors_to_string, parse_colors};
use crate::text::keywords::MAX_KEYWORDS;
use crate::text::width::Ambiguous;

/// The settings in force: the reader's options, and which theme they started from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    pub theme_name: ThemeName,
    pub options: Options,
}

/// A configuration file that cannot be used.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{path}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The file as written: every field optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    theme: Option<Spanned<String>>,
    keywords: Option<Spanned<i64>>,
    mouse: Option<bool>,
    ambiguous_wide: Option<bool>,
    borders: Option<Borders>,
    max_width: Option<u16>,
    colors: Option<BTreeMap<Spanned<String>, Spanned<ColorValue>>>,
    keys: Option<BTreeMap<Spanned<String>, Spanned<Vec<String>>>>,
}

/// A style's colours as written: text (`"red on white"`), or a bare 0-255 colour number.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ColorValue {
    Text(String),
    Number(i64),
}

/// Top-level keys, for naming the nearest to an unknown one.
const TOP_KEYS: [&str; 8] =
    ["theme", "keywords", "mouse", "ambiguous_wide", "borders", "max_width", "colors", "keys"];

/// The valid name nearest to `wrong`.
fn nearest<'a>(wrong: &str, valid: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    valid
        .into_iter()
        .map(|v| (strsim::damerau_levenshtein(wrong, v), v))
        .min()
        .filter(|(d, v)| *d <= wrong.chars().count().max(v.chars().count()) / 2 + 1)
        .map(|(_, v)| v)
}

fn unknown(kind: &str, wrong: &str, valid: &[&str]) -> String {
    match nearest(wrong, valid.iter().copied()) {
        Some(n) => format!("unknown {kind} `{wrong}`; did you mean `{n}`?"),
        None => format!("unknown {kind} `{wrong}`; expected one of {}", valid.join(", ")),
    }
}

/// serde's type names in words (`expected u16` reads as jargon).
fn plain_types(msg: &str) -> String {
    if msg.contains("untagged enum ColorValue") {
        return "expected a colour: \"NAME\", \"FG on BG\", \"on BG\", \"default\" or 0-255".to_owned();
    }
    let mut m = msg.to_owned();
    for (rust, plain) in [
        ("expected usize", "expected a whole number"),
        ("expected u16", "expected a whole number up to 65535"),
        ("expected i64", "expected a whole number"),
        ("expected a boolean", "expected true or false"),
        ("expected bool", "expected true or false"),
    ] {
        m = m.replace(rust, plain);
    }
    m
}

/// Line and column (1-based, in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let boundary = (0..=offset).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let before = &text[..boundary];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Parse a configuration file's text over the defaults. `ambient_no_color` is whether
/// `NO_COLOR` is set, which drops every colour whatever the file says.
pub fn parse(text: &str, path: &Path, no_color: bool) -> Result<Settings, ConfigError> {
    let err = |offset: usize, message: String| {
        let (line, column) = line_col(text, offset);
        ConfigError { path: path.display().to_string(), line, column, message }
    };
    let file: File = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let msg = e.message().trim().to_owned();
        // serde names an unknown field and lists the known ones; say the nearest instead.
        let msg = match msg.strip_prefix("unknown field `").and_then(|r| r.split_once('`')) {
            Some((wrong, _)) => unknown("key", wrong, &TOP_KEYS),
            None => plain_types(&msg),
        };
        err(offset, msg)
    })?;
    let mut s = Settings::default();
    if let Some(t) = &file.theme {
        s.theme_name = match t.get_ref().as_str() {
            "dark" => ThemeName::Dark,
            "light" => ThemeName::Light,
            other => {
                return Err(err(
                    t.span().start,
                    format!("unknown theme {other:?}; expected \"dark\" or \"light\""),
                ));
            }
        };
        s.options.theme = Theme::named(s.theme_name);
    }
    if let Some(k) = &file.keywords {
        s.options.keywords =
            usize::try_from(*k.get_ref()).ok().filter(|n| *n <= MAX_KEYWORDS).ok_or_else(|| {
                err(k.span().start, format!("keywords: expected a number from 0 to {MAX_KEYWORDS}"))
            })?;
    }
    if let Some(m) = file.mouse {
        s.options.mouse = m;
    }
    if let Some(a) = file.ambiguous_wide {
        s.options.ambiguous = if a { Ambiguous::Wide } else { Ambiguous::Narrow };
    }
    if let Some(b) = file.borders {
        s.options.borders = b;
    }
    if let Some(w) = file.max_width {
        s.options.max_width = w;
    }
    for (name, value) in file.colors.iter().flatten() {
        let Some(style) = s.options.theme.style_mut(name.get_ref()) else {
            return Err(err(name.span().start, unknown("style", name.get_ref(), &STYLE_NAMES)));
        };
        let text = match value.get_ref() {
            ColorValue::Text(t) => t.clone(),
            ColorValue::Number(n) => n.to_string(),
        };
        let (fg, bg) = parse_colors(&text).map_err(|m| err(value.span().start, m))?;
        style.fg = fg;
        style.bg = bg;
    }
    let names: Vec<&str> = DEFAULTS.iter().map(|d| d.name).collect();
    for (name, keys) in file.keys.iter().flatten() {
        let mut canonical = Vec::new();
        for k in keys.get_ref() {
            let Some(c) = canonical_key(k) else {
                return Err(err(
                    keys.span().start,
                    format!(
                        "{k:?} is not a key; expected a character, or one of {}, with Ctrl- for control",
                        crate::reader::keymap::NAMED_KEYS.join(", ")
                    ),
                ));
            };
            canonical.push(c);
        }
        if !s.options.keymap.rebind(name.get_ref(), canonical) {
            return Err(err(name.span().start, unknown("command", name.get_ref(), &names)));
        }
    }
    // A key bound to two commands where both apply: one could never fire. Said where the file
    // binds one of them.
    if let Some((key, a, b)) = s.options.keymap.conflicts().into_iter().next() {
        let at = file
            .keys
            .iter()
            .flatten()
            .find(|(n, _)| n.get_ref() == b || n.get_ref() == a)
            .map_or(0, |(_, k)| k.span().start);
        return Err(err(
            at,
            format!("{key:?} is bound to both `{a}` and `{b}`; give one of them another key"),
        ));
    }
    if no_color {
        s.options.theme = s.options.theme.without_color();
    }
    Ok(s)
}

/// Where the configuration file is looked for: `$XDG_CONFIG_HOME/kanbao/config.toml`, else
/// `~/.config/kanbao/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("kanbao").join("config.toml"))
}

/// Is `NO_COLOR` set (to anything, even empty)?
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some()
}

/// Load the settings: from `explicit` (which must exist), else the default path if a file is
/// there, else the defaults.
pub fn load(explicit: Option<&Path>) -> Result<Settings, anyhow::Error> {
    let no_color = no_color();
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path().filter(|p| p.is_file()) {
            Some(p) => p,
            None => {
                let mut s = Settings::default();
                if no_color {
                    s.options.theme = s.options.theme.without_color();
                }
                return Ok(s);
            }
        },
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    Ok(parse(&text, &path, no_color)?)
}

/// The full default configuration, commented: what `--print-config` prints.
pub fn default_text() -> String {
    let d = Settings::default();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# kanbao configuration: {}.\n# Every setting is optional; these are the defaults.\n",
        default_path().map_or_else(|| "~/.config/kanbao/config.toml".to_owned(), |p| p.display().to_string())
    );
    let _ = writeln!(
        out,
        "# \"dark\" or \"light\". NO_COLOR set (to anything) drops every colour.\ntheme = \"dark\"\n"
    );
    let _ = writeln!(
        out,
        "# Keywords shown and highlighted per article; 0 for none.\nkeywords = {}\n",
        d.options.keywords
    );
    let _ = writeln!(
        out,
        "# Let the mouse scroll panes, pick tabs and jump from cards (stops the terminal's own\n# text selection).\nmouse = false\n"
    );
    let _ = writeln!(
        out,
        "# Count East Asian ambiguous characters (“ ” … ■ ·) as two cells wide.\nambiguous_wide = false\n"
    );
    let _ = writeln!(out, "# \"rounded\", \"plain\" or \"ascii\".\nborders = \"rounded\"\n");
    let _ = writeln!(
        out,
        "# The widest a pane's text may be, in cells, centred in wider panes; 0 for no limit.\nmax_width = 0\n"
    );
    let _ = writeln!(
        out,
        "# Colours of each style: \"NAME\", \"FG on BG\", \"on BG\" or \"default\". A colour is a name\n# (black, red, green, yellow, blue, magenta, cyan, gray, darkgray, light…, white), \"#rrggbb\" or 0-255.\n# A style set here overrides the theme's; these are the dark theme's, commented out so that\n# `theme` still decides the rest.\n[colors]"
    );
    let mut theme = d.options.theme;
    for name in STYLE_NAMES {
        if let Some(s) = theme.style_mut(name) {
            let _ = writeln!(out, "# {name} = \"{}\"", colors_to_string(s));
        }
    }
    let _ = writeln!(
        out,
        "\n# Keys of each command: a character, or Tab, Shift-Tab, Enter, Esc, Backspace, Left, Right,\n# Up, Down, PgUp, PgDn, Home, End, Space; Ctrl-x for control.\n[keys]"
    );
    for b in &d.options.keymap.bindings {
        let keys: Vec<String> = b.keys.iter().map(|k| format!("{k:?}")).collect();
        let help = if b.help.is_empty() { String::new() } else { format!("  # {}", b.help) };
        let _ = writeln!(out, "{} = [{}]{help}", b.name, keys.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(t: &str) -> Result<Settings, ConfigError> {
        parse(t, Path::new("config.toml"), false)
    }

    #[test]
    fn the_printed_default_loads_back_as_the_default() {
        assert_eq!(parse_str(&default_text()), Ok(Settings::default()));
        assert_eq!(parse_str(""), Ok(Settings::default()));
        // Switching the printed file's theme switches every colour.
        let light = default_text().replace("theme = \"dark\"", "theme = \"light\"");
        assert_eq!(parse_str(&light).map(|s| s.options.theme), Ok(Theme::named(ThemeName::Light)));
    }

    #[test]
    fn settings_apply() {
        let s = parse_str("theme = \"light\"\nkeywords = 3\nborders = \"ascii\"\n[keys]\nquit = [\"x\"]\n[colors]\nkeyword = \"red on white\"\n")
            .expect("valid");
        assert_eq!(s.theme_name, ThemeName::Light);
        assert_eq!(s.options.keywords, 3);
        assert_eq!(s.options.borders, Borders::Ascii);
        assert_eq!(s.options.theme.keyword.bg, Some(ratatui::style::Color::White));
        assert!(s.options.keymap.bindings.iter().any(|b| b.name == "quit" && b.keys == ["x"]));
    }

    #[test]
    fn a_syntax_error_says_where() {
        let e = parse_str("theme = \"dark\"\nkeywords = = 3\n").expect_err("bad");
        assert_eq!((e.line, e.column > 1), (2, true), "{e}");
        assert!(e.to_string().starts_with("config.toml:2:"), "{e}");
    }

    #[test]
    fn a_wrong_type_says_what_was_expected() {
        let e = parse_str("mouse = \"yes\"\n").expect_err("bad");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("expected true or false"), "{e}");
    }

    #[test]
    fn an_unknown_key_names_the_nearest() {
        let e = parse_str("\nkeyword = 3\n").expect_err("bad");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("`keywords`"), "{e}");
        let e = parse_str("[keys]\nqiut = [\"x\"]\n").expect_err("bad");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("`quit`"), "{e}");
        let s = parse_str("[colors]\nkeyword = 200\n").expect("a bare colour number");
        assert_eq!(s.options.theme.keyword.fg, Some(ratatui::style::Color::Indexed(200)));
        assert!(parse_str("[colors]\nkeyword = 300\n").is_err());
        let e = parse_str("[colors]\nkeywrod = \"red\"\n").expect_err("bad");
        assert!(e.message.contains("`keyword`"), "{e}");
        let e = parse_str("[keys]\nquit = [\"Ctrl-\"]\n").expect_err("bad");
        assert!(e.message.contains("not a key"), "{e}");
        let e = parse_str("theme = \"solarized\"\n").expect_err("bad");
        assert!(e.message.contains("\"dark\" or \"light\""), "{e}");
    }

    #[test]
    fn no_color_drops_every_colour() {
        let s = parse(&default_text(), Path::new("c"), true).expect("valid");
        assert_eq!(s.options.theme.keyword.fg, None);
    }
}
