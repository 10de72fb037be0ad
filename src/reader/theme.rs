//! The reader's styles, in one place: the dark and light themes, the colourless one that
//! `NO_COLOR` asks for, and the names the config file's `[colors]` uses for each style.

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

/// The names of the styles, as the config file's `[colors]` spells them.
pub const STYLE_NAMES: [&str; 24] = [
    "text",
    "headline",
    "kicker",
    "lead",
    "byline",
    "keywords_label",
    "keyword",
    "name",
    "search",
    "search_current",
    "quote",
    "continues",
    "border",
    "border_focused",
    "tab",
    "tab_focused",
    "banner",
    "status",
    "status_message",
    "card_speaker",
    "card_role",
    "card_selected",
    "help",
    "help_key",
];

/// How panes and popups are framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Borders {
    #[default]
    Rounded,
    Plain,
    Ascii,
}

/// The built-in themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

impl Theme {
    /// The default, for dark terminals and readable on light ones too: text keeps the
    /// terminal's own colour; emphasis uses colours that hold their contrast (blue, magenta,
    /// red, and coloured backgrounds with black text), never grey or yellow text, which vanish
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

    /// For light terminals: darker accents, light highlight backgrounds.
    pub fn light() -> Self {
        let on = |bg: Color| Style::new().fg(Color::Black).bg(bg);
        Theme {
            keyword: Style::new().fg(Color::Red),
            name: Style::new().fg(Color::Blue),
            search: on(Color::LightYellow),
            search_current: on(Color::LightRed).add_modifier(Modifier::BOLD),
            quote: on(Color::LightGreen),
            border: Style::new().fg(Color::Gray),
            kicker: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            help_key: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            ..Theme::dark()
        }
    }

    pub fn named(name: ThemeName) -> Self {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
        }
    }

    /// The theme without colour, for `NO_COLOR`: highlights and focus by bold, underline and
    /// reverse only.
    pub fn without_color(self) -> Self {
        let mut t = self;
        for name in STYLE_NAMES {
            if let Some(s) = t.style_mut(name) {
                s.fg = None;
                s.bg = None;
            }
        }
        let m = |m: Modifier| Style::new().add_modifier(m);
        Theme {
            keyword: m(Modifier::UNDERLINED),
            name: m(Modifier::BOLD),
            search: m(Modifier::REVERSED),
            search_current: m(Modifier::REVERSED | Modifier::BOLD),
            quote: m(Modifier::REVERSED | Modifier::UNDERLINED),
            border_focused: m(Modifier::BOLD),
            tab_focused: m(Modifier::REVERSED | Modifier::BOLD),
            status_message: m(Modifier::REVERSED | Modifier::BOLD),
            kicker: m(Modifier::BOLD | Modifier::UNDERLINED),
            card_speaker: m(Modifier::BOLD),
            help_key: m(Modifier::BOLD),
            ..t
        }
    }

    /// A style by its config name.
    pub fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "text" => &mut self.text,
            "headline" => &mut self.headline,
            "kicker" => &mut self.kicker,
            "lead" => &mut self.lead,
            "byline" => &mut self.byline,
            "keywords_label" => &mut self.keywords_label,
            "keyword" => &mut self.keyword,
            "name" => &mut self.name,
            "search" => &mut self.search,
            "search_current" => &mut self.search_current,
            "quote" => &mut self.quote,
            "continues" => &mut self.continues,
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "tab" => &mut self.tab,
            "tab_focused" => &mut self.tab_focused,
            "banner" => &mut self.banner,
            "status" => &mut self.status,
            "status_message" => &mut self.status_message,
            "card_speaker" => &mut self.card_speaker,
            "card_role" => &mut self.card_role,
            "card_selected" => &mut self.card_selected,
            "help" => &mut self.help,
            "help_key" => &mut self.help_key,
            _ => return None,
        })
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

/// A style's colours as the config file writes them: `magenta`, `black on yellow`,
/// `on blue`, or `default`.
pub fn colors_to_string(s: &Style) -> String {
    let name = |c: Color| c.to_string().to_lowercase();
    match (s.fg, s.bg) {
        (None, None) => "default".to_owned(),
        (Some(f), None) => name(f),
        (None, Some(b)) => format!("on {}", name(b)),
        (Some(f), Some(b)) => format!("{} on {}", name(f), name(b)),
    }
}

/// Parse colours written as [`colors_to_string`] writes them.
pub fn parse_colors(s: &str) -> Result<(Option<Color>, Option<Color>), String> {
    let s = s.trim();
    if s == "default" {
        return Ok((None, None));
    }
    let (fg, bg) = match s.split_once(" on ") {
        Some((f, b)) => (Some(f.trim()), Some(b.trim())),
        None => match s.strip_prefix("on ") {
            Some(b) => (None, Some(b.trim())),
            None => (Some(s), None),
        },
    };
    // `default` on either side is the terminal's own colour (`red on default`).
    let color = |c: &str| match c {
        "default" => Ok(None),
        _ => c
            .parse::<Color>()
            .map(Some)
            .map_err(|_| format!("{c:?} is not a colour (a name such as \"magenta\", \"#rrggbb\" or 0-255)")),
    };
    Ok((fg.map(color).transpose()?.flatten(), bg.map(color).transpose()?.flatten()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_a_colour_on_either_side() {
        assert_eq!(parse_colors("red on default"), Ok((Some(Color::Red), None)));
        assert_eq!(parse_colors("on default"), Ok((None, None)));
        assert_eq!(parse_colors("default on blue"), Ok((None, Some(Color::Blue))));
        assert!(parse_colors("reddish").is_err());
    }

    #[test]
    fn colors_round_trip() {
        for name in STYLE_NAMES {
            let mut t = Theme::dark();
            let s = *t.style_mut(name).expect("a style");
            let (fg, bg) = parse_colors(&colors_to_string(&s)).expect("parses");
            assert_eq!((fg, bg), (s.fg, s.bg), "{name}");
        }
        assert_eq!(parse_colors("black on yellow"), Ok((Some(Color::Black), Some(Color::Yellow))));
        assert_eq!(parse_colors("on blue"), Ok((None, Some(Color::Blue))));
        assert!(parse_colors("mauve").is_err());
    }

    #[test]
    fn no_color_has_no_colour() {
        let mut t = Theme::light().without_color();
        for name in STYLE_NAMES {
            let s = *t.style_mut(name).expect("a style");
            assert_eq!((s.fg, s.bg), (None, None), "{name}");
        }
        assert_ne!(t.search, Style::new(), "highlights stay visible");
    }
}
