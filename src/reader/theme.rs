//! The reader's styles, in one place.

use ratatui::style::{Color, Modifier, Style};

/// Every style the reader draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub headline: Style,
    pub kicker: Style,
    pub lead: Style,
    pub byline: Style,
    pub keywords_label: Style,
    pub keyword: Style,
    pub name: Style,
    pub search: Style,
    pub search_current: Style,
    pub quote: Style,
    pub continues: Style,
    pub border: Style,
    pub border_focused: Style,
    pub tab: Style,
    pub tab_focused: Style,
    pub banner: Style,
    pub status: Style,
    pub status_message: Style,
    pub card_speaker: Style,
    pub card_role: Style,
    pub card_selected: Style,
    pub help: Style,
    pub help_key: Style,
}

impl Theme {
    /// The default: readable on dark and light terminals alike. Text keeps the terminal's own
    /// colour; emphasis uses colours that hold their contrast on both (blue, magenta, red,
    /// and coloured backgrounds with black text), never grey or yellow text, which vanish
    /// on white. Chinese is not set in a slanted face: there is no true italic for it.
    pub fn dark() -> Self {
        let bold = Modifier::BOLD;
        let on = |bg: Color| Style::new().fg(Color::Black).bg(bg);
        Theme {
            text: Style::new(),
            headline: Style::new().add_modifier(bold),
            kicker: Style::new().fg(Color::Red).add_modifier(bold),
            lead: Style::new().add_modifier(bold),
            byline: Style::new().add_modifier(Modifier::DIM),
            keywords_label: Style::new().add_modifier(Modifier::DIM),
            keyword: Style::new().fg(Color::Magenta),
            name: Style::new().fg(Color::Blue),
            search: on(Color::Yellow),
            search_current: on(Color::LightRed).add_modifier(bold),
            quote: on(Color::Green),
            continues: Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Blue).add_modifier(bold),
            tab: Style::new(),
            tab_focused: Style::new().fg(Color::White).bg(Color::Blue).add_modifier(bold),
            banner: Style::new().add_modifier(bold),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_message: on(Color::Yellow),
            card_speaker: Style::new().fg(Color::Blue).add_modifier(bold),
            card_role: Style::new().add_modifier(Modifier::DIM),
            card_selected: Style::new().add_modifier(Modifier::REVERSED),
            help: Style::new(),
            help_key: Style::new().fg(Color::Magenta).add_modifier(bold),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}
