//! The keymap as data: each binding has its keys, the command and a description, and the
//! help overlay is generated from this same table, so help never drifts from behaviour.
//! Input is routed by layer, top first: help overlay → search prompt → sidebar → pane.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Command;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Everywhere, before any other layer.
    Global,
    /// The help overlay, while it is open: it takes every key.
    Help,
    /// The search prompt, while it is open: other keys are typed into it.
    Prompt,
    /// The list of the pages, while it is open.
    PageList,
    /// The quote sidebar, when it has focus; keys it does not bind fall through to the panes.
    Sidebar,
    /// The panes: everywhere else.
    Pane,
}

/// A default binding: its name in the config file's `[keys]`, where it applies, its keys,
/// what it does, and what the help says of it.
#[derive(Debug, Clone, Copy)]
pub struct Default {
    pub name: &'static str,
    pub layer: Layer,
    pub keys: &'static [&'static str],
    pub command: Command,
    pub help: &'static str,
}

const fn d(
    name: &'static str,
    layer: Layer,
    keys: &'static [&'static str],
    command: Command,
    help: &'static str,
) -> Default {
    Default { name, layer, keys, command, help }
}

/// The default bindings. Key names: a character, or `Tab`, `Shift-Tab`, `Enter`, `Esc`,
/// `Backspace`, `Left`, `Right`, `Up`, `Down`, `PgUp`, `PgDn`, `Home`, `End`, `Space`, with
/// `Ctrl-` for control.
pub const DEFAULTS: &[Default] = &[
    d("quit_anywhere", Layer::Global, &["Ctrl-c"], Command::Quit, "quit, from anywhere"),
    d("suspend", Layer::Global, &["Ctrl-z"], Command::Suspend, "suspend (fg resumes)"),
    d("close_help", Layer::Help, &["Esc", "?", "q"], Command::Escape, "close the help"),
    d("help_more", Layer::Help, &["Space", "j", "Down", "PgDn"], Command::PageDown, "more keys"),
    d("help_back", Layer::Help, &["b", "k", "Up", "PgUp"], Command::PageUp, "keys before"),
    d("search_run", Layer::Prompt, &["Enter"], Command::Submit, "search"),
    d("search_delete", Layer::Prompt, &["Backspace"], Command::DeleteChar, "delete a character"),
    d("search_cancel", Layer::Prompt, &["Esc"], Command::Escape, "cancel"),
    d("page_list_next", Layer::PageList, &["j", "Down"], Command::SelectNext, "next page"),
    d("page_list_prev", Layer::PageList, &["k", "Up"], Command::SelectPrev, "previous page"),
    d("page_list_first", Layer::PageList, &["g", "Home"], Command::Top, "first page"),
    d("page_list_last", Layer::PageList, &["G", "End"], Command::Bottom, "last page"),
    d("page_list_down", Layer::PageList, &["PgDn", "Space"], Command::PageDown, "a screen of pages down"),
    d("page_list_up", Layer::PageList, &["PgUp", "b"], Command::PageUp, "a screen of pages up"),
    d("page_list_open", Layer::PageList, &["Enter"], Command::Jump, "open the page"),
    d("page_list_close", Layer::PageList, &["Esc", "p", "q"], Command::Escape, "close the list"),
    d("card_next", Layer::Sidebar, &["j", "Down"], Command::SelectNext, "next card"),
    d("card_prev", Layer::Sidebar, &["k", "Up"], Command::SelectPrev, "previous card"),
    d("card_jump", Layer::Sidebar, &["Enter"], Command::Jump, "jump to the article"),
    d("quit", Layer::Pane, &["q"], Command::Quit, "quit"),
    d("next_pane", Layer::Pane, &["Tab", "l", "Right"], Command::NextPane, "next pane"),
    d("prev_pane", Layer::Pane, &["Shift-Tab", "h", "Left"], Command::PrevPane, "previous pane"),
    d("pane_1", Layer::Pane, &["1"], Command::Pane(0), "pane n"),
    d("pane_2", Layer::Pane, &["2"], Command::Pane(1), ""),
    d("pane_3", Layer::Pane, &["3"], Command::Pane(2), ""),
    d("pane_4", Layer::Pane, &["4"], Command::Pane(3), ""),
    d("pane_5", Layer::Pane, &["5"], Command::Pane(4), ""),
    d("pane_6", Layer::Pane, &["6"], Command::Pane(5), ""),
    d("pane_7", Layer::Pane, &["7"], Command::Pane(6), ""),
    d("pane_8", Layer::Pane, &["8"], Command::Pane(7), ""),
    d("pane_9", Layer::Pane, &["9"], Command::Pane(8), ""),
    d("line_down", Layer::Pane, &["j", "Down"], Command::LineDown, "scroll down"),
    d("line_up", Layer::Pane, &["k", "Up"], Command::LineUp, "scroll up"),
    d("page_down", Layer::Pane, &["Space", "PgDn"], Command::PageDown, "page down"),
    d("page_up", Layer::Pane, &["b", "PgUp"], Command::PageUp, "page up"),
    d("top", Layer::Pane, &["g", "Home"], Command::Top, "top"),
    d("bottom", Layer::Pane, &["G", "End"], Command::Bottom, "end"),
    d("sidebar", Layer::Pane, &["s"], Command::Sidebar, "quote sidebar"),
    d("jump_back", Layer::Pane, &["`"], Command::JumpBack, "back before a jump"),
    d("search", Layer::Pane, &["/"], Command::Search, "search"),
    d("next_match", Layer::Pane, &["n"], Command::NextMatch, "next match"),
    d("prev_match", Layer::Pane, &["N"], Command::PrevMatch, "previous match"),
    d("zoom", Layer::Pane, &["z"], Command::Zoom, "zoom, and back"),
    d("all_cards", Layer::Pane, &["a"], Command::AllCards, "all cards / region's"),
    d("keywords", Layer::Pane, &["K"], Command::Keywords, "keywords on/off"),
    d("copy", Layer::Pane, &["y"], Command::Copy, "copy card/paragraph"),
    d("copy_article", Layer::Pane, &["Y"], Command::CopyArticle, "copy the article"),
    d("pages", Layer::Pane, &["p"], Command::Pages, "the issue's pages"),
    d("prev_page", Layer::Pane, &["["], Command::PrevPage, "previous page"),
    d("next_page", Layer::Pane, &["]"], Command::NextPage, "next page"),
    d("help", Layer::Pane, &["?"], Command::Help, "this help"),
    d("escape", Layer::Pane, &["Esc"], Command::Escape, "close what is open"),
];

/// One binding in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub name: &'static str,
    pub layer: Layer,
    pub keys: Vec<String>,
    pub command: Command,
    pub help: &'static str,
}

/// The bindings in force: the defaults, with the user's keys where the config gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl std::default::Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: DEFAULTS
                .iter()
                .map(|d| Binding {
                    name: d.name,
                    layer: d.layer,
                    keys: d.keys.iter().map(|k| (*k).to_owned()).collect(),
                    command: d.command,
                    help: d.help,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// Keys bound to two commands where both apply, as (key, one binding, the other): one of
    /// them could never fire.
    pub fn conflicts(&self) -> Vec<(String, &'static str, &'static str)> {
        let mut out = Vec::new();
        for (i, a) in self.bindings.iter().enumerate() {
            for b in &self.bindings[i + 1..] {
                if !overlap(a.layer, b.layer) {
                    continue;
                }
                if let Some(k) = a.keys.iter().find(|k| b.keys.contains(k)) {
                    out.push((k.clone(), a.name, b.name));
                }
            }
        }
        out
    }

    /// The help's rows: a heading per layer (keys empty), then its bindings as (keys, what
    /// they do; the first three keys), the digits as one row.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        const SECTIONS: [(&str, &[Layer]); 5] = [
            ("Reading", &[Layer::Pane, Layer::Global]),
            ("Quote sidebar (s)", &[Layer::Sidebar]),
            ("Search prompt (/)", &[Layer::Prompt]),
            ("Page list (p)", &[Layer::PageList]),
            ("This help", &[Layer::Help]),
        ];
        let mut rows = Vec::new();
        for (title, layers) in SECTIONS {
            rows.push((String::new(), title));
            for layer in layers {
                for b in self.bindings.iter().filter(|b| b.layer == *layer && !b.help.is_empty()) {
                    let keys = match b.command {
                        Command::Pane(0) => "1-9".to_owned(),
                        _ => b.keys.iter().take(3).map(|k| display(k)).collect::<Vec<_>>().join(" "),
                    };
                    rows.push((keys, b.help));
                }
            }
        }
        rows
    }

    /// The first key of `command` in `layer`, as the help shows it: for the status bar's hints.
    pub fn hint_key(&self, layer: Layer, command: Command) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.layer == layer && b.command == command)
            .and_then(|b| b.keys.first())
            .map(|k| display(k))
    }

    /// The binding named `name` gets `keys` instead of its defaults.
    pub fn rebind(&mut self, name: &str, keys: Vec<String>) -> bool {
        match self.bindings.iter_mut().find(|b| b.name == name) {
            Some(b) => {
                b.keys = keys;
                true
            }
            None => false,
        }
    }

    /// The command a key runs in a layer, if any.
    pub fn lookup(&self, layer: Layer, key: &KeyEvent) -> Option<Command> {
        self.bindings
            .iter()
            .find(|b| b.layer == layer && b.keys.iter().any(|k| matches(k, key)))
            .map(|b| b.command)
    }

    /// The keys bound to a command in the panes, as the help and hints show them.
    pub fn keys_for(&self, command: Command) -> String {
        self.bindings
            .iter()
            .find(|b| b.command == command && b.layer == Layer::Pane)
            .and_then(|b| b.keys.first())
            .map_or_else(String::new, |k| display(k))
    }
}

/// The special key names, as the config file spells them.
pub const NAMED_KEYS: &[&str] = &[
    "Tab",
    "Shift-Tab",
    "Enter",
    "Esc",
    "Backspace",
    "Left",
    "Right",
    "Up",
    "Down",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "Space",
];

/// A key name in its one spelling, or `None` if kanbao does not know it: the `Ctrl-` prefix and
/// the special names in any case (`ctrl-X`, `esc`, `pgdn`), the letter of a control key in
/// lower case. A single character stands for itself, case and all (`g` is not `G`).
pub fn canonical_key(name: &str) -> Option<String> {
    if name.chars().count() == 1 {
        return (!name.chars().any(char::is_control)).then(|| name.to_owned());
    }
    if let Some((prefix, rest)) = name.split_once('-')
        && prefix.eq_ignore_ascii_case("ctrl")
    {
        let mut c = rest.chars();
        return match (c.next(), c.next()) {
            (Some(k), None) if k.is_ascii_alphabetic() => Some(format!("Ctrl-{}", k.to_ascii_lowercase())),
            _ => None,
        };
    }
    NAMED_KEYS.iter().find(|n| n.eq_ignore_ascii_case(name)).map(|n| (*n).to_owned())
}

/// Is this a key name kanbao understands?
pub fn is_key_name(name: &str) -> bool {
    canonical_key(name).is_some()
}

/// Can two layers both see the same key press? The global layer comes before every other,
/// and a layer before itself; the others are never open at once or fall through on purpose
/// (the sidebar's `j` moves the selection, not the pane).
fn overlap(a: Layer, b: Layer) -> bool {
    a == b || a == Layer::Global || b == Layer::Global
}

/// Does a key event match a key name?
pub fn matches(name: &str, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if let Some(rest) = name.strip_prefix("Ctrl-") {
        return ctrl && matches!(key.code, KeyCode::Char(c) if rest.chars().eq(c.to_lowercase()));
    }
    if ctrl || key.modifiers.contains(KeyModifiers::ALT) {
        return false;
    }
    match (name, key.code) {
        ("Tab", KeyCode::Tab) => !key.modifiers.contains(KeyModifiers::SHIFT),
        ("Shift-Tab", KeyCode::BackTab) => true,
        ("Shift-Tab", KeyCode::Tab) => key.modifiers.contains(KeyModifiers::SHIFT),
        ("Enter", KeyCode::Enter)
        | ("Backspace", KeyCode::Backspace)
        | ("Esc", KeyCode::Esc)
        | ("Left", KeyCode::Left)
        | ("Right", KeyCode::Right)
        | ("Up", KeyCode::Up)
        | ("Down", KeyCode::Down)
        | ("PgUp", KeyCode::PageUp)
        | ("PgDn", KeyCode::PageDown)
        | ("Home", KeyCode::Home)
        | ("End", KeyCode::End)
        | ("Space", KeyCode::Char(' ')) => true,
        (n, KeyCode::Char(c)) => {
            let mut it = n.chars();
            it.next() == Some(c) && it.next().is_none()
        }
        _ => false,
    }
}

/// A key's name as the help shows it: short, and in the usual spelling.
pub fn display(name: &str) -> String {
    match name {
        "Shift-Tab" => "S-Tab".to_owned(),
        n => match n.strip_prefix("Ctrl-") {
            Some(k) => format!("Ctrl-{}", k.to_uppercase()),
            None => n.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_find_their_commands() {
        let km = Keymap::default();
        assert_eq!(km.lookup(Layer::Pane, &key(KeyCode::Char('q'))), Some(Command::Quit));
        assert_eq!(
            km.lookup(Layer::Global, &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Command::Quit)
        );
        assert_eq!(km.lookup(Layer::Prompt, &key(KeyCode::Backspace)), Some(Command::DeleteChar));
        assert_eq!(km.lookup(Layer::Pane, &key(KeyCode::Char('3'))), Some(Command::Pane(2)));
        assert_eq!(km.lookup(Layer::Pane, &key(KeyCode::BackTab)), Some(Command::PrevPane));
        assert_eq!(km.lookup(Layer::Pane, &key(KeyCode::Char('G'))), Some(Command::Bottom));
        assert_eq!(km.lookup(Layer::Pane, &key(KeyCode::Char(' '))), Some(Command::PageDown));
        assert_eq!(km.lookup(Layer::Sidebar, &key(KeyCode::Enter)), Some(Command::Jump));
        assert_eq!(km.lookup(Layer::Sidebar, &key(KeyCode::Char('q'))), None, "falls through to the panes");
        assert!(km.conflicts().is_empty(), "{:?}", km.conflicts());
        assert_eq!(km.lookup(Layer::Pane, &key(KeyCode::Char('x'))), None);
    }

    #[test]
    fn a_key_can_be_rebound() {
        let mut km = Keymap::default();
        assert!(km.rebind("quit", vec!["x".into()]));
        assert_eq!(km.lookup(Layer::Pane, &key(KeyCode::Char('x'))), Some(Command::Quit));
        assert_eq!(km.lookup(Layer::Pane, &key(KeyCode::Char('q'))), None);
        assert!(!km.rebind("no_such_thing", vec![]));
    }

    #[test]
    fn key_names() {
        assert!(is_key_name("q") && is_key_name("Ctrl-x") && is_key_name("PgDn") && is_key_name("中"));
        assert!(!is_key_name("Ctrl-") && !is_key_name("Pgdown") && !is_key_name(""));
        assert_eq!(canonical_key("ctrl-X").as_deref(), Some("Ctrl-x"));
        assert_eq!(canonical_key("CTRL-x").as_deref(), Some("Ctrl-x"));
        assert_eq!(canonical_key("esc").as_deref(), Some("Esc"));
        assert_eq!(canonical_key("pgdn").as_deref(), Some("PgDn"));
        assert_eq!(canonical_key("G").as_deref(), Some("G"));
        assert_eq!(canonical_key("Ctrl-1"), None);
    }

    #[test]
    fn a_key_bound_twice_where_both_apply_is_a_conflict() {
        let mut km = Keymap::default();
        km.rebind("zoom", vec!["j".into()]);
        assert_eq!(km.conflicts(), vec![("j".to_owned(), "line_down", "zoom")]);
        let mut km = Keymap::default();
        km.rebind("zoom", vec!["Ctrl-z".into()]);
        assert_eq!(km.conflicts(), vec![("Ctrl-z".to_owned(), "suspend", "zoom")]);
        // The sidebar's j and the pane's j are meant to differ.
        let mut km = Keymap::default();
        km.rebind("card_next", vec!["n".into()]);
        assert!(km.conflicts().is_empty());
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<&str> = DEFAULTS.iter().map(|d| d.name).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    #[test]
    fn every_command_but_the_digits_has_help() {
        for b in DEFAULTS {
            assert!(!b.help.is_empty() || matches!(b.command, Command::Pane(n) if n > 0), "{:?}", b.command);
        }
    }
}
