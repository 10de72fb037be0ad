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
    /// Light text on the terminal's dark background.
    pub fn dark() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            text: Style::new(),
            headline: Style::new().add_modifier(bold),
            kicker: Style::new().fg(Color::Magenta).add_modifier(bold),
            lead: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
            byline: Style::new().fg(Color::DarkGray),
            keywords_label: Style::new().fg(Color::DarkGray),
            keyword: Style::new().fg(Color::Yellow),
            name: Style::new().fg(Color::Cyan),
            search: Style::new().fg(Color::Black).bg(Color::Yellow),
            search_current: Style::new().fg(Color::Black).bg(Color::LightRed).add_modifier(bold),
            quote: Style::new().fg(Color::Black).bg(Color::Green),
            continues: Style::new().fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan).add_modifier(bold),
            tab: Style::new().fg(Color::Gray),
            tab_focused: Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(bold),
            banner: Style::new().add_modifier(bold),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            status_message: Style::new().fg(Color::Black).bg(Color::Yellow),
            card_speaker: Style::new().fg(Color::Cyan).add_modifier(bold),
            card_role: Style::new().fg(Color::DarkGray),
            card_selected: Style::new().add_modifier(Modifier::REVERSED),
            help: Style::new(),
            help_key: Style::new().fg(Color::Yellow).add_modifier(bold),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}
