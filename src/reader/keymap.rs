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
    /// The quote sidebar, when it has focus; keys it does not bind fall through to the panes.
    Sidebar,
    /// The panes: everywhere else.
    Pane,
}

/// One binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub layer: Layer,
    /// Key names: a character, or `Tab`, `Shift-Tab`, `Enter`, `Esc`, `Left`, `Right`, `Up`,
    /// `Down`, `PgUp`, `PgDn`, `Home`, `End`, `Space`, with `Ctrl-` for control.
    pub keys: &'static [&'static str],
    pub command: Command,
    pub help: &'static str,
}

/// The default bindings.
pub const BINDINGS: &[Binding] = &[
    Binding { layer: Layer::Global, keys: &["Ctrl-c"], command: Command::Quit, help: "quit, from anywhere" },
    Binding {
        layer: Layer::Help,
        keys: &["Esc", "?", "q"],
        command: Command::Escape,
        help: "close the help",
    },
    Binding { layer: Layer::Prompt, keys: &["Enter"], command: Command::Submit, help: "search" },
    Binding {
        layer: Layer::Prompt,
        keys: &["Backspace"],
        command: Command::DeleteChar,
        help: "delete a character",
    },
    Binding { layer: Layer::Prompt, keys: &["Esc"], command: Command::Escape, help: "cancel" },
    Binding { layer: Layer::Sidebar, keys: &["j", "Down"], command: Command::SelectNext, help: "next card" },
    Binding {
        layer: Layer::Sidebar,
        keys: &["k", "Up"],
        command: Command::SelectPrev,
        help: "previous card",
    },
    Binding { layer: Layer::Sidebar, keys: &["Enter"], command: Command::Jump, help: "jump to the article" },
    Binding { layer: Layer::Pane, keys: &["q"], command: Command::Quit, help: "quit" },
    Binding {
        layer: Layer::Pane,
        keys: &["Tab", "l", "Right"],
        command: Command::NextPane,
        help: "next pane",
    },
    Binding {
        layer: Layer::Pane,
        keys: &["Shift-Tab", "h", "Left"],
        command: Command::PrevPane,
        help: "previous pane",
    },
    Binding { layer: Layer::Pane, keys: &["1"], command: Command::Pane(0), help: "pane n" },
    Binding { layer: Layer::Pane, keys: &["2"], command: Command::Pane(1), help: "" },
    Binding { layer: Layer::Pane, keys: &["3"], command: Command::Pane(2), help: "" },
    Binding { layer: Layer::Pane, keys: &["4"], command: Command::Pane(3), help: "" },
    Binding { layer: Layer::Pane, keys: &["5"], command: Command::Pane(4), help: "" },
    Binding { layer: Layer::Pane, keys: &["6"], command: Command::Pane(5), help: "" },
    Binding { layer: Layer::Pane, keys: &["7"], command: Command::Pane(6), help: "" },
    Binding { layer: Layer::Pane, keys: &["8"], command: Command::Pane(7), help: "" },
    Binding { layer: Layer::Pane, keys: &["9"], command: Command::Pane(8), help: "" },
    Binding { layer: Layer::Pane, keys: &["j", "Down"], command: Command::LineDown, help: "scroll down" },
    Binding { layer: Layer::Pane, keys: &["k", "Up"], command: Command::LineUp, help: "scroll up" },
    Binding { layer: Layer::Pane, keys: &["Space", "PgDn"], command: Command::PageDown, help: "page down" },
    Binding { layer: Layer::Pane, keys: &["b", "PgUp"], command: Command::PageUp, help: "page up" },
    Binding { layer: Layer::Pane, keys: &["g", "Home"], command: Command::Top, help: "top" },
    Binding { layer: Layer::Pane, keys: &["G", "End"], command: Command::Bottom, help: "end" },
    Binding { layer: Layer::Pane, keys: &["s"], command: Command::Sidebar, help: "quote sidebar" },
    Binding { layer: Layer::Pane, keys: &["`"], command: Command::JumpBack, help: "back before a jump" },
    Binding { layer: Layer::Pane, keys: &["/"], command: Command::Search, help: "search" },
    Binding { layer: Layer::Pane, keys: &["n"], command: Command::NextMatch, help: "next match" },
    Binding { layer: Layer::Pane, keys: &["N"], command: Command::PrevMatch, help: "previous match" },
    Binding { layer: Layer::Pane, keys: &["z"], command: Command::Zoom, help: "zoom, and back" },
    Binding { layer: Layer::Pane, keys: &["a"], command: Command::AllCards, help: "all cards / region's" },
    Binding { layer: Layer::Pane, keys: &["K"], command: Command::Keywords, help: "keywords on/off" },
    Binding { layer: Layer::Pane, keys: &["?"], command: Command::Help, help: "this help" },
    Binding { layer: Layer::Pane, keys: &["Esc"], command: Command::Escape, help: "close what is open" },
];

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

/// The command a key runs in a layer, if any.
pub fn lookup(layer: Layer, key: &KeyEvent) -> Option<Command> {
    BINDINGS.iter().find(|b| b.layer == layer && b.keys.iter().any(|k| matches(k, key))).map(|b| b.command)
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
        assert_eq!(lookup(Layer::Pane, &key(KeyCode::Char('q'))), Some(Command::Quit));
        assert_eq!(
            lookup(Layer::Global, &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Command::Quit)
        );
        assert_eq!(lookup(Layer::Prompt, &key(KeyCode::Backspace)), Some(Command::DeleteChar));
        assert_eq!(lookup(Layer::Pane, &key(KeyCode::Char('3'))), Some(Command::Pane(2)));
        assert_eq!(lookup(Layer::Pane, &key(KeyCode::BackTab)), Some(Command::PrevPane));
        assert_eq!(lookup(Layer::Pane, &key(KeyCode::Char('G'))), Some(Command::Bottom));
        assert_eq!(lookup(Layer::Pane, &key(KeyCode::Char(' '))), Some(Command::PageDown));
        assert_eq!(lookup(Layer::Sidebar, &key(KeyCode::Enter)), Some(Command::Jump));
        assert_eq!(lookup(Layer::Sidebar, &key(KeyCode::Char('q'))), None, "falls through to the panes");
        assert_eq!(lookup(Layer::Pane, &key(KeyCode::Char('x'))), None);
    }

    #[test]
    fn every_command_but_the_digits_has_help() {
        for b in BINDINGS {
            assert!(!b.help.is_empty() || matches!(b.command, Command::Pane(n) if n > 0), "{:?}", b.command);
        }
    }
}
