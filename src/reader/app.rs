//! The reader's state and `update`, the only place state changes. Pure: no terminal here, so
//! every key can be tested by feeding actions and looking at the state.

use std::ops::Range;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use crate::page::model::Page;
use crate::page::quotes::quoted_spans;
use crate::text::punct::fold;
use crate::text::width::Ambiguous;
use crate::text::wrap::wrap;

use super::action::{Action, Command};
use super::content::{Elem, ElemKind, elements};
use super::keymap::{Keymap, Layer};
use super::layout::{
    Anchor, Geometry, GeometryInput, Line, anchor_of, geometry, line_of, lines, panes_that_fit,
};
use super::theme::{Borders, Theme};

/// Options fixed for a session: from the config file and the command line.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub ambiguous: Ambiguous,
    pub mouse: bool,
    /// Keywords per article to ask the background analysis for.
    pub keywords: usize,
    pub theme: Theme,
    pub keymap: Keymap,
    pub borders: Borders,
    /// The widest a pane's text may be, in cells, centred in wider panes; 0 for no limit.
    pub max_width: u16,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ambiguous: Ambiguous::Narrow,
            mouse: false,
            keywords: 8,
            theme: Theme::default(),
            keymap: Keymap::default(),
            borders: Borders::Rounded,
            max_width: 0,
        }
    }
}

/// What `update` asks the world to do: the one place the reader's state reaches outside,
/// carried out by the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Compute keywords for a page's articles in the background.
    Analyse { page: usize, texts: Vec<String>, furniture: String },
    /// Give the terminal back and stop, as Ctrl-Z does in a shell; carry on when resumed.
    Suspend,
}

/// Where the reader stood on a page, to come back to: the focused pane, each pane's place,
/// and the sidebar. Saved across runs by `reader::state`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ViewState {
    pub focus: usize,
    /// Each pane's top line, as (element, character).
    pub anchors: Vec<(usize, usize)>,
    pub sidebar_focused: bool,
    pub selected: usize,
    pub all_cards: bool,
}

impl ViewState {
    /// Where a page opens anyway: the first pane at the top, nothing selected.
    pub fn is_start(&self) -> bool {
        self.focus == 0
            && self.anchors.iter().all(|&a| a == (0, 0))
            && !self.sidebar_focused
            && self.selected == 0
            && !self.all_cards
    }
}

/// The page list's popup: its rows, where it stands, the first row shown and how many show.
#[derive(Debug, Clone)]
pub struct PageList {
    pub rows: Vec<String>,
    pub popup: ratatui::layout::Rect,
    pub first: usize,
    pub visible: usize,
}

/// One page of an issue (a folder of pages), reconstructed when first shown.
#[derive(Debug, Clone)]
pub struct IssuePage {
    pub name: String,
    /// The page's identity for remembered positions (a hash of its text).
    pub key: String,
    /// The page's sanitised text, until it is reconstructed.
    pub text: String,
    /// The reconstructed page, while another page is shown.
    pub page: Option<Page>,
    /// Where the reader stood when it left the page.
    pub view: Option<ViewState>,
    /// Keywords were asked for.
    pub analysed: bool,
}

/// A pane: the article's elements and their lines at the current width.
#[derive(Debug, Clone, Default)]
pub struct Pane {
    pub elems: Vec<Elem>,
    pub lines: Vec<Line>,
    /// First line shown.
    pub scroll: usize,
}

/// A search match: article, element, character range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub article: usize,
    pub elem: usize,
    pub range: Range<usize>,
}

/// The search: the prompt being typed, and the last query's matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub prompt: Option<String>,
    pub query: String,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
}

/// Where the reader was: for jumping back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub focus: usize,
    pub anchor: Anchor,
}

/// Quoted sentences highlighted after a jump, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteMark {
    pub article: usize,
    pub elem: usize,
    pub spans: Vec<Range<usize>>,
}

/// The reader's whole state.
#[derive(Debug, Clone)]
pub struct App {
    pub page: Page,
    pub name: String,
    pub opts: Options,
    pub width: u16,
    pub height: u16,
    pub panes: Vec<Pane>,
    /// Width the panes are wrapped to.
    pub text_width: usize,
    pub view_height: usize,
    /// Sidebar cards wrapped: for each card, its lines (speaker line, role, quote).
    pub card_lines: Vec<Vec<(CardPart, Vec<char>)>>,
    pub sidebar_text_width: usize,
    pub focus: usize,
    pub first_visible: usize,
    pub sidebar_focused: bool,
    pub selected: usize,
    pub all_cards: bool,
    pub zoom: bool,
    pub keywords_on: bool,
    pub help: bool,
    /// The page of the help shown, when it needs more than one.
    pub help_page: usize,
    pub search: Search,
    pub quote_mark: Option<QuoteMark>,
    pub jumps: Vec<Position>,
    pub message: Option<String>,
    /// Keywords are still being computed.
    pub analysing: bool,
    pub quit: bool,
    /// The issue's pages; `page` and `name` are those of `issue[page_no]`.
    pub issue: Vec<IssuePage>,
    pub page_no: usize,
    /// The list of pages is open, with this one selected.
    pub page_list: Option<usize>,
    /// What the event loop should do next.
    pub effects: Vec<Effect>,
    /// A place to stand once the panes are wrapped (a remembered position, given before the
    /// terminal's size is known).
    pub pending_view: Option<ViewState>,
}

/// Which part of a card a sidebar line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardPart {
    Head,
    Role,
    Text,
}

impl App {
    /// A reader on one page.
    pub fn new(page: Page, name: String, opts: Options) -> Self {
        let entry = IssuePage {
            name: name.clone(),
            key: String::new(),
            text: String::new(),
            page: None,
            view: None,
            analysed: false,
        };
        Self::build(page, name, opts, vec![entry])
    }

    /// A reader on an issue: pages by name and sanitised text, the first shown (and so
    /// reconstructed) at once, the others when first shown.
    pub fn with_issue(pages: Vec<(String, String)>, opts: Options) -> Self {
        let mut issue: Vec<IssuePage> = pages
            .into_iter()
            .map(|(name, text)| IssuePage {
                name,
                key: super::state::page_key(&text),
                text,
                page: None,
                view: None,
                analysed: false,
            })
            .collect();
        if issue.is_empty() {
            issue.push(IssuePage {
                name: String::new(),
                key: String::new(),
                text: String::new(),
                page: None,
                view: None,
                analysed: false,
            });
        }
        let first = crate::page::reconstruct(&std::mem::take(&mut issue[0].text));
        let name = issue[0].name.clone();
        Self::build(first, name, opts, issue)
    }

    fn build(page: Page, name: String, opts: Options, issue: Vec<IssuePage>) -> Self {
        let mut app = App {
            page,
            name: crate::text::sanitize::sanitize(&name),
            opts,
            width: 0,
            height: 0,
            panes: Vec::new(),
            text_width: 0,
            view_height: 1,
            card_lines: Vec::new(),
            sidebar_text_width: 0,
            focus: 0,
            first_visible: 0,
            sidebar_focused: false,
            selected: 0,
            all_cards: false,
            zoom: false,
            keywords_on: true,
            help: false,
            help_page: 0,
            search: Search::default(),
            quote_mark: None,
            jumps: Vec::new(),
            message: None,
            analysing: false,
            quit: false,
            issue,
            page_no: 0,
            page_list: None,
            effects: Vec::new(),
            pending_view: None,
        };
        app.show_page();
        app
    }

    /// Build the panes of the current page and ask for its keywords if not yet asked.
    fn show_page(&mut self) {
        self.panes = (0..self.page.articles.len())
            .map(|a| Pane { elems: elements(&self.page, a), ..Pane::default() })
            .collect();
        self.text_width = 0;
        self.sidebar_text_width = 0;
        self.card_lines.clear();
        let entry = &mut self.issue[self.page_no];
        self.analysing = false;
        if self.opts.keywords > 0 && !self.page.articles.is_empty() {
            let done = self.page.articles.iter().any(|a| !a.keywords.is_empty());
            if !entry.analysed {
                entry.analysed = true;
                self.effects.push(Effect::Analyse {
                    page: self.page_no,
                    texts: crate::page::keyword_texts(&self.page),
                    furniture: crate::page::furniture(&self.page),
                });
            }
            self.analysing = !done;
        }
    }

    /// Where the reader stands on this page.
    pub fn view_state(&self) -> ViewState {
        ViewState {
            focus: self.focus,
            anchors: self
                .panes
                .iter()
                .map(|p| anchor_of(&p.lines, p.scroll))
                .map(|a| (a.elem, a.offset))
                .collect(),
            sidebar_focused: self.sidebar_focused,
            selected: self.selected,
            all_cards: self.all_cards,
        }
    }

    /// Stand where `v` says, as far as this page allows (a saved state may be of another
    /// version of kanbao, or of a page that changed).
    pub fn restore_view(&mut self, v: &ViewState) {
        if self.text_width == 0 {
            self.pending_view = Some(v.clone());
            return;
        }
        self.all_cards = v.all_cards;
        self.sidebar_focused = v.sidebar_focused && !self.page.quotes.is_empty();
        self.set_focus(v.focus.min(self.page.articles.len().saturating_sub(1)));
        self.selected = v.selected.min(self.visible_cards().len().saturating_sub(1));
        for (p, &(elem, offset)) in self.panes.iter_mut().zip(&v.anchors) {
            if elem < p.elems.len() {
                p.scroll = line_of(&p.lines, Anchor { elem, offset });
            }
        }
        for a in 0..self.panes.len() {
            self.clamp_scroll(a);
        }
        self.relayout();
    }

    /// Show the issue's page with this name, if there is one (where a folder was left).
    pub fn open_page(&mut self, name: &str) {
        if let Some(n) = self.issue.iter().position(|e| e.name == name) {
            self.go_to_page(n);
            self.message = None;
        }
    }

    /// The page list as drawn in `area` with `selected` selected: what the view draws and a
    /// click picks from.
    pub fn page_list_view(&self, area: ratatui::layout::Rect, selected: usize) -> PageList {
        let amb = self.opts.ambiguous;
        let rows: Vec<String> = self
            .issue
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let here = if i == self.page_no { "▸" } else { " " };
                format!("{here} {:>3}  {}", i + 1, crate::text::sanitize::sanitize(&e.name))
            })
            .collect();
        let widest = rows.iter().map(|r| crate::text::width::str_width(r, amb)).max().unwrap_or(0);
        let w = (u16::try_from(widest).unwrap_or(u16::MAX).saturating_add(4)).clamp(20, area.width.max(1));
        let h = u16::try_from(rows.len()).unwrap_or(u16::MAX).saturating_add(2);
        let popup = super::layout::popup_rect(area, w, h);
        let visible = usize::from(popup.height.saturating_sub(2)).max(1);
        PageList { first: selected.saturating_sub(visible - 1), visible, rows, popup }
    }

    /// What a search that found nothing says: on this page only, in an issue.
    fn not_found(&self) -> String {
        let q = crate::text::sanitize::sanitize(&self.search.query);
        if self.issue.len() > 1 { format!("Not found on this page: {q}") } else { format!("Not found: {q}") }
    }

    /// The whole screen.
    pub fn area(&self) -> ratatui::layout::Rect {
        ratatui::layout::Rect::new(0, 0, self.width, self.height)
    }

    /// The name of the page shown.
    pub fn page_name(&self) -> &str {
        &self.issue[self.page_no].name
    }

    /// Show page `n` of the issue, reconstructing it if it has not been shown yet.
    fn go_to_page(&mut self, n: usize) {
        if n >= self.issue.len() || n == self.page_no {
            return;
        }
        // A page not yet laid out still holds the place it is to be restored to.
        let view = self.pending_view.take().unwrap_or_else(|| self.view_state());
        let here = self.page_no;
        let placeholder =
            Page { schema: String::new(), banner: None, articles: Vec::new(), quotes: Vec::new() };
        self.issue[here].page = Some(std::mem::replace(&mut self.page, placeholder));
        self.issue[here].view = Some(view);
        self.page = match self.issue[n].page.take() {
            Some(p) => p,
            None => crate::page::reconstruct(&std::mem::take(&mut self.issue[n].text)),
        };
        self.page_no = n;
        self.name = crate::text::sanitize::sanitize(&self.issue[n].name);
        self.focus = 0;
        self.first_visible = 0;
        self.sidebar_focused = false;
        self.selected = 0;
        self.search = Search::default();
        self.quote_mark = None;
        self.jumps.clear();
        self.show_page();
        self.relayout();
        if let Some(v) = self.issue[n].view.clone() {
            self.restore_view(&v);
        }
        self.message = Some(format!("Page {} of {}: {}", n + 1, self.issue.len(), self.name));
    }

    pub fn geometry_input(&self) -> GeometryInput {
        GeometryInput {
            width: self.width,
            height: self.height,
            articles: self.page.articles.len(),
            first_visible: self.first_visible,
            zoom: self.zoom,
            sidebar_focused: self.sidebar_focused,
            has_banner: self.page.banner.is_some(),
            max_width: self.opts.max_width,
        }
    }

    pub fn geometry(&self) -> Geometry {
        geometry(&self.geometry_input())
    }

    /// Where the sidebar at `sidebar` puts each visible card: (position among the visible
    /// cards, first row, rows). Drawing and clicks both read it.
    pub fn card_rows(&self, sidebar: ratatui::layout::Rect) -> Vec<(usize, u16, u16)> {
        let heights: Vec<usize> =
            self.visible_cards().iter().map(|&c| self.card_lines.get(c).map_or(0, Vec::len)).collect();
        super::layout::card_rows(&heights, self.selected, super::layout::inside_border(sidebar))
    }

    /// The cards the sidebar lists: the focused article's (by region or by source), or all.
    /// In the order of the panes: by the article each card's quote is said in, or else the
    /// article of its region, then in page order.
    pub fn visible_cards(&self) -> Vec<usize> {
        let region = self.page.articles.get(self.focus).and_then(|a| a.region.as_deref());
        let mut cards: Vec<usize> = (0..self.page.quotes.len())
            .filter(|&i| {
                let q = &self.page.quotes[i];
                self.all_cards
                    || (region.is_some() && q.region.as_deref() == region)
                    || q.source.is_some_and(|s| s.article == self.focus)
            })
            .collect();
        let article_of = |i: usize| {
            let q = &self.page.quotes[i];
            q.source.map(|s| s.article).or_else(|| {
                q.region
                    .as_deref()
                    .and_then(|r| self.page.articles.iter().position(|a| a.region.as_deref() == Some(r)))
            })
        };
        cards.sort_by_key(|&i| (article_of(i).unwrap_or(usize::MAX), i));
        cards
    }

    /// Re-wrap what depends on the geometry, keeping each pane's place. Nothing is re-wrapped
    /// while there is no room to show it (a terminal too small, or the sidebar taking the
    /// whole width): the lines and places wait for the next usable size.
    fn relayout(&mut self) {
        let g = self.geometry();
        self.view_height = g.view_height.max(1);
        if !g.too_small && g.text_width > 0 && g.text_width != self.text_width {
            self.text_width = g.text_width;
            for p in &mut self.panes {
                let anchor = anchor_of(&p.lines, p.scroll);
                p.lines = lines(&p.elems, self.text_width, self.opts.ambiguous);
                p.scroll = line_of(&p.lines, anchor);
            }
        }
        if !g.too_small && g.sidebar_text_width > 0 && g.sidebar_text_width != self.sidebar_text_width {
            self.sidebar_text_width = g.sidebar_text_width;
            let w = self.sidebar_text_width;
            self.card_lines = self
                .page
                .quotes
                .iter()
                .map(|q| {
                    let mut out = Vec::new();
                    let parts = [
                        (CardPart::Head, card_head(q)),
                        (CardPart::Role, q.role.clone().unwrap_or_default()),
                        (CardPart::Text, q.text.clone()),
                    ];
                    for (part, text) in parts {
                        let chars: Vec<char> = text.chars().collect();
                        out.extend(
                            wrap(&chars, w, self.opts.ambiguous)
                                .into_iter()
                                .map(|r| (part, chars[r].to_vec())),
                        );
                    }
                    out
                })
                .collect();
        }
        if !g.too_small {
            for a in 0..self.panes.len() {
                self.clamp_scroll(a);
            }
        }
        self.keep_focus_visible();
        if self.text_width > 0
            && let Some(v) = self.pending_view.take()
        {
            self.restore_view(&v);
        }
    }

    /// Where the reader stands on every page of the issue it has shown, by page key: for
    /// remembering across runs.
    pub fn views(&self) -> Vec<(String, ViewState)> {
        let mut out: Vec<(String, ViewState)> = self
            .issue
            .iter()
            .enumerate()
            .filter(|(i, e)| *i != self.page_no && !e.key.is_empty())
            .filter_map(|(_, e)| e.view.clone().map(|v| (e.key.clone(), v)))
            .collect();
        let here = &self.issue[self.page_no];
        if !here.key.is_empty() {
            out.push((here.key.clone(), self.pending_view.clone().unwrap_or_else(|| self.view_state())));
        }
        out
    }

    fn max_scroll(&self, a: usize) -> usize {
        self.panes.get(a).map_or(0, |p| p.lines.len().saturating_sub(self.view_height))
    }

    fn clamp_scroll(&mut self, a: usize) {
        let max = self.max_scroll(a);
        if let Some(p) = self.panes.get_mut(a) {
            p.scroll = p.scroll.min(max);
        }
    }

    fn scroll_by(&mut self, a: usize, delta: isize) {
        if let Some(p) = self.panes.get_mut(a) {
            p.scroll = p.scroll.saturating_add_signed(delta);
        }
        self.clamp_scroll(a);
    }

    fn keep_focus_visible(&mut self) {
        let n = panes_that_fit(&self.geometry_input());
        let articles = self.page.articles.len();
        if self.focus < self.first_visible {
            self.first_visible = self.focus;
        } else if self.focus >= self.first_visible + n {
            self.first_visible = self.focus + 1 - n;
        }
        self.first_visible = self.first_visible.min(articles.saturating_sub(n));
    }

    fn set_focus(&mut self, a: usize) {
        if a < self.page.articles.len() {
            self.focus = a;
            let cards = self.visible_cards();
            if self.selected >= cards.len() {
                self.selected = 0;
            }
            self.keep_focus_visible();
        }
    }

    fn position(&self) -> Position {
        let anchor = self.panes.get(self.focus).map_or(Anchor::default(), |p| anchor_of(&p.lines, p.scroll));
        Position { focus: self.focus, anchor }
    }

    /// Focus an article and scroll so that `line` is in view, a little below the top.
    fn show_line(&mut self, a: usize, line: usize) {
        self.set_focus(a);
        if let Some(p) = self.panes.get_mut(a) {
            p.scroll = line.saturating_sub(2);
        }
        self.clamp_scroll(a);
    }

    /// The percentage of the focused article read: through the bottom of the view.
    pub fn percent(&self) -> usize {
        let Some(p) = self.panes.get(self.focus) else { return 100 };
        if p.lines.is_empty() {
            return 100;
        }
        ((p.scroll + self.view_height).min(p.lines.len()) * 100) / p.lines.len()
    }

    /// Translate a key into an action, by layer: help → search prompt → sidebar → pane.
    pub fn action_for_key(&self, key: &KeyEvent) -> Option<Action> {
        if key.kind != KeyEventKind::Press {
            return None;
        }
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        if let Some(c) = self.opts.keymap.lookup(Layer::Global, key) {
            return Some(Action::Command(c));
        }
        if self.help {
            return self.opts.keymap.lookup(Layer::Help, key).map(Action::Command);
        }
        if self.search.prompt.is_some() {
            return match (self.opts.keymap.lookup(Layer::Prompt, key), key.code) {
                (Some(c), _) => Some(Action::Command(c)),
                (None, KeyCode::Char(c)) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    Some(Action::SearchInput(c))
                }
                _ => None,
            };
        }
        if self.page_list.is_some() {
            return self.opts.keymap.lookup(Layer::PageList, key).map(Action::Command);
        }
        if self.sidebar_focused
            && let Some(c) = self.opts.keymap.lookup(Layer::Sidebar, key)
        {
            return Some(Action::Command(c));
        }
        self.opts.keymap.lookup(Layer::Pane, key).map(Action::Command)
    }
}

/// The first line of a card: region and speaker.
pub fn card_head(q: &crate::page::model::QuoteCard) -> String {
    match &q.region {
        Some(r) => format!("{r}｜{}", q.speaker),
        None => q.speaker.clone(),
    }
}

/// Apply an action to the state: the only place state changes.
pub fn update(app: &mut App, action: Action) {
    let is_input = !matches!(action, Action::Resize(..) | Action::Analysed { .. });
    if is_input {
        app.quote_mark = None;
        app.message = None;
    }
    match action {
        Action::Resize(w, h) => {
            app.width = w;
            app.height = h;
            app.relayout();
        }
        Action::Analysed { page, keywords } => {
            if page != app.page_no {
                // A page no longer shown: keep its keywords for when it is.
                if let Some(p) = app.issue.get_mut(page).and_then(|e| e.page.as_mut()) {
                    for (a, k) in p.articles.iter_mut().zip(keywords) {
                        a.keywords = k;
                    }
                }
                return;
            }
            for (a, k) in app.page.articles.iter_mut().zip(keywords) {
                a.keywords = k;
            }
            // The keywords element is always there, so element indexes (anchors, the quote
            // mark, the jump-back stack) stay valid; only the lines change.
            for (i, p) in app.panes.iter_mut().enumerate() {
                let anchor = anchor_of(&p.lines, p.scroll);
                p.elems = elements(&app.page, i);
                if app.text_width > 0 {
                    p.lines = lines(&p.elems, app.text_width, app.opts.ambiguous);
                    p.scroll = line_of(&p.lines, anchor);
                }
            }
            app.analysing = false;
            if !app.search.query.is_empty() {
                app.search.matches = find_matches(&app.panes, &app.search.query);
                app.search.current = None;
            }
            app.relayout();
        }
        Action::SearchInput(c) => {
            if let Some(p) = &mut app.search.prompt
                && !c.is_control()
            {
                p.push(c);
            }
        }
        // Overlays take the mouse: the help closes on a click; the page list scrolls and
        // opens the page clicked, and closes on a click outside it.
        Action::Wheel { .. } if app.help => {}
        Action::Click { .. } if app.help => app.help = false,
        Action::Wheel { down, .. } if app.page_list.is_some() => {
            command(app, if down { Command::SelectNext } else { Command::SelectPrev });
        }
        Action::Click { x, y } if app.page_list.is_some() => {
            let list = app.page_list_view(app.area(), app.page_list.unwrap_or(0));
            let inner = super::layout::inside_border(list.popup);
            if inner.contains((x, y).into()) {
                let n = list.first + usize::from(y - inner.y);
                if n < list.rows.len() {
                    app.page_list = None;
                    app.go_to_page(n);
                }
            } else if !list.popup.contains((x, y).into()) {
                app.page_list = None;
            }
        }
        Action::Wheel { x, y, down } => {
            let g = app.geometry();
            if let Some(&(a, _)) = g.panes.iter().find(|(_, r)| r.contains((x, y).into())) {
                app.scroll_by(a, if down { 3 } else { -3 });
            }
        }
        Action::Click { x, y } => click(app, x, y),
        Action::Command(c) => command(app, c),
    }
}

fn command(app: &mut App, c: Command) {
    if app.help && matches!(c, Command::PageDown | Command::PageUp) {
        let rows = app.opts.keymap.help_rows();
        let pages = super::layout::help_layout(&rows, app.area(), app.opts.ambiguous).pages.len();
        app.help_page = if c == Command::PageDown {
            (app.help_page + 1).min(pages.saturating_sub(1))
        } else {
            app.help_page.saturating_sub(1)
        };
        return;
    }
    if let Some(i) = app.page_list
        && matches!(c, Command::Top | Command::Bottom | Command::PageDown | Command::PageUp)
    {
        let last = app.issue.len().saturating_sub(1);
        let screen = app.page_list_view(app.area(), 0).visible;
        app.page_list = Some(match c {
            Command::Top => 0,
            Command::Bottom => last,
            Command::PageDown => (i + screen).min(last),
            _ => i.saturating_sub(screen),
        });
        return;
    }
    let n = app.page.articles.len();
    let view = app.view_height as isize;
    match c {
        Command::Quit => app.quit = true,
        Command::NextPane if n > 0 => app.set_focus((app.focus + 1) % n),
        Command::PrevPane if n > 0 => app.set_focus((app.focus + n - 1) % n),
        Command::Pane(i) => {
            if i < n {
                app.set_focus(i);
            } else {
                app.message = Some(format!("There is no pane {} (this page has {n})", i + 1));
            }
        }
        Command::LineDown => app.scroll_by(app.focus, 1),
        Command::LineUp => app.scroll_by(app.focus, -1),
        Command::PageDown => app.scroll_by(app.focus, (view - 1).max(1)),
        Command::PageUp => app.scroll_by(app.focus, -(view - 1).max(1)),
        Command::Top => {
            if let Some(p) = app.panes.get_mut(app.focus) {
                p.scroll = 0;
            }
        }
        Command::Bottom => {
            let max = app.max_scroll(app.focus);
            if let Some(p) = app.panes.get_mut(app.focus) {
                p.scroll = max;
            }
        }
        Command::Sidebar => {
            app.sidebar_focused = !app.sidebar_focused;
            if app.sidebar_focused && app.visible_cards().is_empty() {
                app.message = Some(if app.page.quotes.is_empty() {
                    "No quote cards on this page".into()
                } else {
                    "No quote cards for this article (a: all cards)".into()
                });
            }
            app.relayout();
        }
        Command::SelectNext if app.page_list.is_some() => {
            app.page_list = app.page_list.map(|i| (i + 1).min(app.issue.len().saturating_sub(1)));
        }
        Command::SelectPrev if app.page_list.is_some() => {
            app.page_list = app.page_list.map(|i| i.saturating_sub(1));
        }

        Command::Jump if app.page_list.is_some() => {
            let n = app.page_list.take().unwrap_or(app.page_no);
            app.go_to_page(n);
        }
        Command::Escape if app.page_list.is_some() => app.page_list = None,
        Command::Pages => {
            if app.issue.len() < 2 {
                app.message = Some("This is a single page: open a folder of pages for an issue".into());
            } else {
                app.page_list = if app.page_list.is_some() { None } else { Some(app.page_no) };
            }
        }
        Command::PrevPage | Command::NextPage => {
            let n = if c == Command::NextPage { app.page_no + 1 } else { app.page_no.wrapping_sub(1) };
            if n < app.issue.len() {
                app.go_to_page(n);
            } else {
                app.message = Some(if app.issue.len() < 2 {
                    "This is a single page".into()
                } else if c == Command::NextPage {
                    "This is the last page".into()
                } else {
                    "This is the first page".into()
                });
            }
        }
        Command::Copy => copy(app),
        Command::Suspend => app.effects.push(Effect::Suspend),
        Command::CopyArticle => {
            if app.page.articles.get(app.focus).is_some() {
                let md = crate::page::export::article_markdown(&app.page, app.focus);
                app.effects.push(Effect::Copy(md));
                app.message = Some("Copied the article as Markdown".into());
            }
        }
        Command::SelectNext => {
            let len = app.visible_cards().len();
            if len > 0 {
                app.selected = (app.selected + 1).min(len - 1);
            }
        }
        Command::SelectPrev => app.selected = app.selected.saturating_sub(1),
        Command::Jump => jump_to_card(app),
        Command::JumpBack => match app.jumps.pop() {
            Some(p) => {
                app.set_focus(p.focus);
                if let Some(pane) = app.panes.get_mut(p.focus) {
                    pane.scroll = line_of(&pane.lines, p.anchor);
                }
                app.clamp_scroll(p.focus);
            }
            None => app.message = Some("No jump to go back from".into()),
        },
        Command::Search => app.search.prompt = Some(String::new()),
        Command::NextMatch | Command::PrevMatch => {
            let len = app.search.matches.len();
            if len == 0 {
                app.message = Some(if app.search.query.is_empty() {
                    "No search yet: / to search".into()
                } else {
                    app.not_found()
                });
                return;
            }
            let next = match (app.search.current, c == Command::NextMatch) {
                (None, _) => 0,
                (Some(i), true) => (i + 1) % len,
                (Some(i), false) => (i + len - 1) % len,
            };
            go_to_match(app, next);
        }
        Command::Zoom => {
            app.zoom = !app.zoom;
            app.relayout();
        }
        Command::AllCards => {
            app.all_cards = !app.all_cards;
            app.selected = 0;
        }
        Command::Keywords => {
            app.keywords_on = !app.keywords_on;
            app.message = Some(
                if app.keywords_on { "Keyword highlighting on" } else { "Keyword highlighting off" }.into(),
            );
        }
        Command::Help => {
            app.help = !app.help;
            app.help_page = 0;
        }
        Command::Escape => {
            if app.help {
                app.help = false;
            } else if app.search.prompt.is_some() {
                app.search.prompt = None;
            } else if app.sidebar_focused {
                app.sidebar_focused = false;
                app.relayout();
            } else if !app.search.matches.is_empty() {
                app.search = Search::default();
            }
        }
        Command::DeleteChar => {
            if let Some(p) = &mut app.search.prompt {
                p.pop();
            }
        }
        Command::Submit => submit_search(app),
        Command::NextPane | Command::PrevPane => {}
    }
}

fn submit_search(app: &mut App) {
    let query = app.search.prompt.take().unwrap_or_default();
    app.search.query = query.trim().to_owned();
    app.search.matches = find_matches(&app.panes, &app.search.query);
    app.search.current = None;
    if app.search.query.is_empty() {
        return;
    }
    if app.search.matches.is_empty() {
        app.message = Some(app.not_found());
        return;
    }
    // The first match at or after the top of the focused pane, in page order.
    let here = (app.focus, app.panes.get(app.focus).map_or(0, |p| p.scroll));
    let line_of_match =
        |m: &Match| line_of(&app.panes[m.article].lines, Anchor { elem: m.elem, offset: m.range.start });
    let start = app.search.matches.iter().position(|m| (m.article, line_of_match(m)) >= here).unwrap_or(0);
    go_to_match(app, start);
}

/// `y`: the selected card with its citation (speaker, role, headline), or else the paragraph
/// at the top of the focused pane with its headline.
fn copy(app: &mut App) {
    let cards = app.visible_cards();
    let text = match (app.sidebar_focused, cards.get(app.selected)) {
        (true, None) => {
            app.message = Some("No quote card to copy".into());
            return;
        }
        (true, Some(&ci)) => {
            let q = &app.page.quotes[ci];
            let headline =
                q.source.and_then(|s| app.page.articles.get(s.article)).map(|a| a.headline.as_str());
            let mut cite = format!("——{}", q.speaker);
            for part in
                [q.role.as_deref(), headline.map(|h| format!("《{h}》")).as_deref()].into_iter().flatten()
            {
                cite.push('，');
                cite.push_str(part);
            }
            format!("{}\n{cite}", q.text)
        }
        _ => {
            // The first paragraph (or lead) from the top of the pane: not a headline, byline
            // or keyword list.
            let Some(pane) = app.panes.get(app.focus) else { return };
            let from = pane.lines.get(pane.scroll).map_or(0, |l| l.elem);
            let Some(elem) = pane.elems[from.min(pane.elems.len())..]
                .iter()
                .find(|e| matches!(e.kind, ElemKind::Paragraph(_) | ElemKind::Lead))
            else {
                app.message = Some("No paragraph to copy here".into());
                return;
            };
            let body: String = elem.chars[elem.indent..].iter().collect();
            let body = body.strip_prefix("■ ").unwrap_or(&body);
            let headline = app.page.articles.get(app.focus).map(|a| a.headline.as_str()).unwrap_or_default();
            format!("{body}\n——《{headline}》")
        }
    };
    app.effects.push(Effect::Copy(text));
    app.message = Some("Copied (OSC 52)".into());
}

fn jump_to_card(app: &mut App) {
    let cards = app.visible_cards();
    let Some(&ci) = cards.get(app.selected) else {
        app.message = Some("No card selected".into());
        return;
    };
    let card = &app.page.quotes[ci];
    let Some(src) = card.source else {
        app.message = Some(format!("{}'s quote is not said in the body of any article", card.speaker));
        return;
    };
    let Some(pane) = app.panes.get(src.article) else { return };
    let Some(elem) = pane.elems.iter().position(|e| e.kind == ElemKind::Paragraph(src.paragraph)) else {
        return;
    };
    let text = card.text.clone();
    app.jumps.push(app.position());
    let indent = pane.elems[elem].indent;
    let paragraph: String = pane.elems[elem].chars[indent..].iter().collect();
    let spans =
        quoted_spans(&text, &paragraph).into_iter().map(|r| r.start + indent..r.end + indent).collect();
    let line = line_of(&pane.lines, Anchor { elem, offset: 0 });
    app.show_line(src.article, line);
    app.sidebar_focused = false;
    app.relayout();
    app.quote_mark = Some(QuoteMark { article: src.article, elem, spans });
}

fn go_to_match(app: &mut App, i: usize) {
    let Some(m) = app.search.matches.get(i).cloned() else { return };
    if app.search.current.is_none()
        || app.search.matches.get(app.search.current.unwrap_or(0)).is_some_and(|c| c.article != m.article)
    {
        app.jumps.push(app.position());
    }
    app.search.current = Some(i);
    let line = line_of(&app.panes[m.article].lines, Anchor { elem: m.elem, offset: m.range.start });
    let (top, bottom) = (app.panes[m.article].scroll, app.panes[m.article].scroll + app.view_height);
    if app.focus != m.article || line < top || line >= bottom {
        app.show_line(m.article, line);
    }
    app.message = Some(format!("Match {} of {}: {}", i + 1, app.search.matches.len(), app.search.query));
}

/// Every match of `query` in every pane, in page order. Case and punctuation width are
/// folded, so `,` finds `，` and `aigc` finds `AIGC`.
pub fn find_matches(panes: &[Pane], query: &str) -> Vec<Match> {
    let key = |c: char| fold(c).to_ascii_lowercase();
    let q: Vec<char> = query.chars().map(key).collect();
    let mut out = Vec::new();
    if q.is_empty() {
        return out;
    }
    for (a, p) in panes.iter().enumerate() {
        for (e, elem) in p.elems.iter().enumerate() {
            if elem.kind == ElemKind::Keywords || elem.kind == ElemKind::Continues {
                continue;
            }
            let hay: Vec<char> = elem.chars.iter().map(|&c| key(c)).collect();
            for r in super::content::find_all(&hay, &q) {
                out.push(Match { article: a, elem: e, range: r });
            }
        }
    }
    out
}

fn click(app: &mut App, x: u16, y: u16) {
    let g = app.geometry();
    if g.too_small {
        return;
    }
    if g.tabs.contains((x, y).into()) {
        let titles: Vec<String> =
            (0..app.page.articles.len()).map(|i| super::tab_title(&app.page, i)).collect();
        if let Some(&(a, _, _)) =
            super::layout::tab_spans(&titles, g.tabs.width, app.opts.ambiguous, app.focus)
                .iter()
                .find(|(_, x0, x1)| (*x0..*x1).contains(&x))
        {
            app.set_focus(a);
        }
        return;
    }
    if let Some(s) = g.sidebar
        && s.contains((x, y).into())
    {
        let card = app
            .card_rows(s)
            .into_iter()
            .find(|(_, y0, rows)| (*y0..*y0 + *rows).contains(&y))
            .map(|(k, _, _)| k);
        if let Some(card) = card {
            app.selected = card;
            jump_to_card(app);
        }
        return;
    }
    if let Some(&(a, _)) = g.panes.iter().find(|(_, r)| r.contains((x, y).into())) {
        app.set_focus(a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::reconstruct;

    fn app(w: u16, h: u16) -> App {
        let page = reconstruct(crate::SAMPLE_PAGE);
        let mut app = App::new(page, "sample".into(), Options { keywords: 0, ..Options::default() });
        update(&mut app, Action::Resize(w, h));
        app
    }

    fn cmd(app: &mut App, c: Command) {
        update(app, Action::Command(c));
    }

    #[test]
    fn panes_cycle_and_number_keys_focus() {
        let mut a = app(120, 40);
        cmd(&mut a, Command::Pane(2));
        assert_eq!(a.focus, 2);
        assert_eq!(a.page.articles[a.focus].region.as_deref(), Some("广东"));
        cmd(&mut a, Command::NextPane);
        cmd(&mut a, Command::NextPane);
        assert_eq!(a.focus, 0, "wraps around");
        cmd(&mut a, Command::PrevPane);
        assert_eq!(a.focus, 3);
        cmd(&mut a, Command::Pane(8));
        assert_eq!(a.focus, 3);
        assert!(a.message.as_deref().is_some_and(|m| m.contains("no pane 9")));
    }

    #[test]
    fn the_focused_pane_is_always_visible() {
        let mut a = app(120, 40);
        cmd(&mut a, Command::Pane(3));
        let g = a.geometry();
        assert!(g.panes.iter().any(|(i, _)| *i == 3));
        cmd(&mut a, Command::Pane(0));
        assert!(a.geometry().panes.iter().any(|(i, _)| *i == 0));
    }

    #[test]
    fn scrolling_is_bounded() {
        let mut a = app(80, 24);
        cmd(&mut a, Command::LineUp);
        assert_eq!(a.panes[0].scroll, 0);
        cmd(&mut a, Command::LineDown);
        assert_eq!(a.panes[0].scroll, 1);
        cmd(&mut a, Command::PageDown);
        assert_eq!(a.panes[0].scroll, 1 + a.view_height - 1);
        cmd(&mut a, Command::Bottom);
        let max = a.panes[0].lines.len() - a.view_height;
        assert_eq!(a.panes[0].scroll, max);
        assert_eq!(a.percent(), 100);
        cmd(&mut a, Command::PageDown);
        assert_eq!(a.panes[0].scroll, max);
        cmd(&mut a, Command::Top);
        assert_eq!(a.panes[0].scroll, 0);
    }

    #[test]
    fn jumping_to_a_quote_shows_and_marks_its_paragraph() {
        let mut a = app(120, 40);
        cmd(&mut a, Command::Pane(2));
        cmd(&mut a, Command::Sidebar);
        assert!(a.sidebar_focused);
        let cards = a.visible_cards();
        assert_eq!(cards.len(), 1);
        assert_eq!(a.page.quotes[cards[0]].speaker, "徐延铭");
        cmd(&mut a, Command::Jump);
        assert!(!a.sidebar_focused);
        let mark = a.quote_mark.clone().expect("quote marked");
        assert_eq!(mark.article, 2);
        assert_eq!(a.panes[2].elems[mark.elem].kind, ElemKind::Paragraph(8));
        assert!(!mark.spans.is_empty());
        let line = line_of(&a.panes[2].lines, Anchor { elem: mark.elem, offset: mark.spans[0].start });
        assert!(
            (a.panes[2].scroll..a.panes[2].scroll + a.view_height).contains(&line),
            "the quote is in view"
        );
        // The mark lasts until the next key.
        cmd(&mut a, Command::LineDown);
        assert!(a.quote_mark.is_none());
        // And ` goes back.
        cmd(&mut a, Command::JumpBack);
        assert_eq!(a.focus, 2);
        assert_eq!(a.panes[2].scroll, 0);
    }

    #[test]
    fn a_card_without_a_source_says_so() {
        let mut page = reconstruct(crate::SAMPLE_PAGE);
        page.quotes[0].source = None;
        let speaker = page.quotes[0].speaker.clone();
        let mut a = App::new(page, "t".into(), Options::default());
        update(&mut a, Action::Resize(120, 40));
        cmd(&mut a, Command::AllCards);
        cmd(&mut a, Command::Sidebar);
        cmd(&mut a, Command::Jump);
        assert!(a.message.as_deref().is_some_and(|m| m.contains(&speaker) && m.contains("not said")));
        assert_eq!(a.focus, 0);
    }

    #[test]
    fn sidebar_selection_stays_in_range() {
        let mut a = app(120, 40);
        cmd(&mut a, Command::AllCards);
        cmd(&mut a, Command::Sidebar);
        for _ in 0..10 {
            cmd(&mut a, Command::SelectNext);
        }
        assert_eq!(a.selected, a.page.quotes.len() - 1);
        for _ in 0..10 {
            cmd(&mut a, Command::SelectPrev);
        }
        assert_eq!(a.selected, 0);
    }

    #[test]
    fn search_finds_across_panes_and_cycles() {
        let mut a = app(120, 40);
        cmd(&mut a, Command::Pane(1));
        cmd(&mut a, Command::Search);
        for c in "雄安".chars() {
            update(&mut a, Action::SearchInput(c));
        }
        update(&mut a, Action::Command(Command::Submit));
        assert!(a.search.prompt.is_none());
        assert_eq!(a.search.query, "雄安");
        assert!(!a.search.matches.is_empty());
        assert_eq!(a.focus, 0, "the match is in 北京");
        let m = &a.search.matches[a.search.current.expect("a current match")];
        let line = line_of(&a.panes[0].lines, Anchor { elem: m.elem, offset: m.range.start });
        assert!((a.panes[0].scroll..a.panes[0].scroll + a.view_height).contains(&line));
        let n = a.search.matches.len();
        cmd(&mut a, Command::NextMatch);
        assert_eq!(a.search.current, Some(1 % n));
        cmd(&mut a, Command::PrevMatch);
        cmd(&mut a, Command::PrevMatch);
        assert_eq!(a.search.current, Some((n - 1) % n));
    }

    #[test]
    fn search_folds_width_and_case_and_can_be_cancelled() {
        let mut a = app(120, 40);
        cmd(&mut a, Command::Search);
        update(&mut a, Action::SearchInput('x'));
        cmd(&mut a, Command::Escape);
        assert!(a.search.prompt.is_none() && a.search.query.is_empty());
        assert_eq!(find_matches(&a.panes, "aigc").len(), find_matches(&a.panes, "AIGC").len());
        assert!(!find_matches(&a.panes, "aigc").is_empty());
        assert_eq!(find_matches(&a.panes, "北京:聚焦").len(), find_matches(&a.panes, "北京：聚焦").len());
        cmd(&mut a, Command::Search);
        for c in "没有这个词".chars() {
            update(&mut a, Action::SearchInput(c));
        }
        update(&mut a, Action::Command(Command::Submit));
        assert!(a.message.as_deref().is_some_and(|m| m.starts_with("Not found")));
    }

    #[test]
    fn escape_closes_the_topmost_layer_first() {
        let mut a = app(120, 40);
        cmd(&mut a, Command::Sidebar);
        cmd(&mut a, Command::Help);
        cmd(&mut a, Command::Escape);
        assert!(!a.help && a.sidebar_focused);
        cmd(&mut a, Command::Escape);
        assert!(!a.sidebar_focused);
    }

    #[test]
    fn keys_route_by_layer() {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let mut a = app(120, 40);
        assert_eq!(a.action_for_key(&key(KeyCode::Char('j'))), Some(Action::Command(Command::LineDown)));
        a.sidebar_focused = true;
        assert_eq!(a.action_for_key(&key(KeyCode::Char('j'))), Some(Action::Command(Command::SelectNext)));
        assert_eq!(a.action_for_key(&key(KeyCode::Char('q'))), Some(Action::Command(Command::Quit)));
        a.search.prompt = Some(String::new());
        assert_eq!(a.action_for_key(&key(KeyCode::Char('q'))), Some(Action::SearchInput('q')));
        a.help = true;
        assert_eq!(a.action_for_key(&key(KeyCode::Char('x'))), None, "help swallows other keys");
        let release = KeyEvent { kind: KeyEventKind::Release, ..key(KeyCode::Char('q')) };
        assert_eq!(a.action_for_key(&release), None);
    }

    #[test]
    fn a_place_on_a_blank_line_comes_back_there() {
        let mut a = app(120, 40);
        let blank = a.panes[0].lines.iter().position(|l| l.blank).expect("a blank line");
        a.panes[0].scroll = blank;
        let v = a.view_state();
        let mut b = app(120, 40);
        b.restore_view(&v);
        assert_eq!(b.panes[0].scroll, blank);
        // Re-wrapped at another width, it stays on the gap before the same element.
        update(&mut b, Action::Resize(90, 40));
        let l = &b.panes[0].lines[b.panes[0].scroll];
        assert!(l.blank && l.elem == a.panes[0].lines[blank].elem);
    }

    #[test]
    fn resizing_keeps_the_reading_place() {
        let mut a = app(120, 40);
        for _ in 0..30 {
            cmd(&mut a, Command::LineDown);
        }
        let before = anchor_of(&a.panes[0].lines, a.panes[0].scroll);
        update(&mut a, Action::Resize(200, 50));
        let after = anchor_of(&a.panes[0].lines, a.panes[0].scroll);
        assert_eq!(before.elem, after.elem);
        assert!(after.offset <= before.offset);
        update(&mut a, Action::Resize(1, 1));
        update(&mut a, Action::Resize(80, 24));
        assert_eq!(anchor_of(&a.panes[0].lines, a.panes[0].scroll).elem, before.elem);
    }

    #[test]
    fn a_too_small_terminal_keeps_every_place() {
        let mut a = app(120, 40);
        for _ in 0..30 {
            cmd(&mut a, Command::LineDown);
        }
        let before = anchor_of(&a.panes[0].lines, a.panes[0].scroll);
        let lines = a.panes[0].lines.len();
        update(&mut a, Action::Resize(10, 3));
        assert_eq!(a.panes[0].lines.len(), lines, "nothing re-wrapped at a width it cannot show");
        cmd(&mut a, Command::LineDown);
        cmd(&mut a, Command::LineUp);
        update(&mut a, Action::Resize(120, 40));
        assert_eq!(anchor_of(&a.panes[0].lines, a.panes[0].scroll), before);
        // The sidebar over the whole width of a narrow terminal re-wraps nothing either.
        update(&mut a, Action::Resize(60, 20));
        let narrow = a.panes[0].lines.len();
        cmd(&mut a, Command::Sidebar);
        assert_eq!(a.panes[0].lines.len(), narrow);
    }

    #[test]
    fn keywords_arriving_after_a_jump_keep_the_mark_and_the_way_back() {
        let mut a = app(120, 40);
        for _ in 0..12 {
            cmd(&mut a, Command::LineDown);
        }
        let place = anchor_of(&a.panes[0].lines, a.panes[0].scroll);
        cmd(&mut a, Command::Pane(2));
        cmd(&mut a, Command::Pane(0));
        cmd(&mut a, Command::AllCards);
        cmd(&mut a, Command::Sidebar);
        let k = a.visible_cards().iter().position(|&c| a.page.quotes[c].speaker == "徐延铭").expect("card");
        for _ in 0..k {
            cmd(&mut a, Command::SelectNext);
        }
        cmd(&mut a, Command::Jump);
        let kws = vec![vec!["储能".to_owned()]; a.page.articles.len()];
        update(&mut a, Action::Analysed { page: 0, keywords: kws });
        let mark = a.quote_mark.clone().expect("still marked");
        assert_eq!(a.panes[2].elems[mark.elem].kind, ElemKind::Paragraph(8));
        cmd(&mut a, Command::JumpBack);
        assert_eq!(a.focus, 0);
        let back = anchor_of(&a.panes[0].lines, a.panes[0].scroll);
        assert_eq!((back.elem, back.offset), (place.elem, place.offset));
    }

    #[test]
    fn opening_a_folder_at_its_last_page_keeps_the_first_pages_place() {
        let pages = vec![
            ("a.txt".to_owned(), crate::SAMPLE_PAGE.to_owned()),
            ("b.txt".to_owned(), crate::SAMPLE_PAGE.replace("北京", "天津")),
        ];
        let mut a = App::with_issue(pages, Options { keywords: 0, ..Options::default() });
        let there =
            ViewState { focus: 2, anchors: vec![(0, 0), (0, 0), (4, 0), (0, 0)], ..ViewState::default() };
        a.restore_view(&there);
        a.open_page("b.txt");
        update(&mut a, Action::Resize(120, 40));
        assert_eq!(a.page_name(), "b.txt");
        let views = a.views();
        assert_eq!(views.len(), 2);
        assert_eq!(views[0].1, there, "page a keeps the place it was to be restored to");
        a.open_page("no-such-page.txt");
        assert_eq!(a.page_name(), "b.txt");
    }

    #[test]
    fn copying_takes_a_paragraph_never_a_headline_or_byline() {
        let mut a = app(120, 40);
        let copied = |a: &mut App| match a.effects.drain(..).next_back() {
            Some(Effect::Copy(t)) => t,
            other => panic!("no copy: {other:?}"),
        };
        // At the top the headline shows: the lead is copied, without its mark.
        cmd(&mut a, Command::Copy);
        let t = copied(&mut a);
        assert!(t.starts_with("要以北京周边10公里范围为基础"), "{t}");
        assert!(t.ends_with("——《北京:聚焦首都都市圈建设 推动京津冀协同发展走深走实》"), "{t}");
        // A little further down, past the byline: the first paragraph.
        let byline = a.panes[0].elems.iter().position(|e| e.kind == ElemKind::Byline).expect("byline");
        a.panes[0].scroll = a.panes[0].lines.iter().position(|l| l.elem == byline).expect("its line");
        cmd(&mut a, Command::Copy);
        assert!(copied(&mut a).starts_with("3月6日"), "the paragraph after the byline");
    }

    #[test]
    fn zoom_and_toggles() {
        let mut a = app(200, 50);
        let tiled = a.text_width;
        cmd(&mut a, Command::Zoom);
        assert!(a.text_width > tiled);
        assert_eq!(a.geometry().panes.len(), 1);
        cmd(&mut a, Command::Zoom);
        assert_eq!(a.text_width, tiled);
        cmd(&mut a, Command::Keywords);
        assert!(!a.keywords_on);
        cmd(&mut a, Command::Quit);
        assert!(a.quit);
    }

    #[test]
    fn keywords_arriving_later_keep_the_place() {
        let mut a = app(120, 40);
        for _ in 0..20 {
            cmd(&mut a, Command::LineDown);
        }
        let before = anchor_of(&a.panes[0].lines, a.panes[0].scroll);
        let kind_before = a.panes[0].elems[before.elem].kind;
        let kws = vec![vec!["京津冀".to_owned(), "首都".to_owned()]; a.page.articles.len()];
        update(&mut a, Action::Analysed { page: 0, keywords: kws });
        assert!(!a.analysing);
        assert!(a.panes[0].elems.iter().any(|e| e.kind == ElemKind::Keywords));
        let after = anchor_of(&a.panes[0].lines, a.panes[0].scroll);
        assert_eq!(a.panes[0].elems[after.elem].kind, kind_before);
        assert_eq!(after.offset, before.offset);
    }
}

#[cfg(test)]
mod mouse_tests {
    use super::*;
    use crate::page::reconstruct;

    fn app() -> App {
        let mut app = App::new(
            reconstruct(crate::SAMPLE_PAGE),
            "s".into(),
            Options { mouse: true, ..Options::default() },
        );
        update(&mut app, Action::Resize(200, 50));
        app
    }

    #[test]
    fn a_click_on_a_tab_focuses_it() {
        let mut a = app();
        let g = a.geometry();
        let titles: Vec<String> = (0..4).map(|i| super::super::tab_title(&a.page, i)).collect();
        let spans = super::super::layout::tab_spans(&titles, g.tabs.width, a.opts.ambiguous, a.focus);
        let (_, x0, _) = spans[2];
        update(&mut a, Action::Click { x: x0 + 1, y: g.tabs.y });
        assert_eq!(a.focus, 2);
    }

    #[test]
    fn the_wheel_scrolls_the_pane_under_the_pointer() {
        let mut a = app();
        let (_, r) = a.geometry().panes[3];
        update(&mut a, Action::Wheel { x: r.x + 3, y: r.y + 3, down: true });
        assert_eq!(a.panes[3].scroll, 3);
        assert_eq!(a.panes[0].scroll, 0);
        assert_eq!(a.focus, 0, "the wheel does not move focus");
        update(&mut a, Action::Wheel { x: r.x + 3, y: r.y + 3, down: false });
        assert_eq!(a.panes[3].scroll, 0);
    }

    #[test]
    fn a_click_on_a_card_jumps() {
        let mut a = app();
        update(&mut a, Action::Command(Command::AllCards));
        let s = a.geometry().sidebar.expect("sidebar");
        // 徐延铭's card (广东): find its rows. Cards are in pane order.
        let cards = a.visible_cards();
        let k = cards.iter().position(|&c| a.page.quotes[c].speaker == "徐延铭").expect("the card");
        assert_eq!(k, 2, "广东 is the third pane");
        let rows = a.card_rows(s);
        let (_, y0, _) = rows[k];
        update(&mut a, Action::Click { x: s.x + 3, y: y0 });
        assert_eq!(a.focus, 2);
        assert!(a.quote_mark.is_some());
    }

    #[test]
    fn overlays_take_the_mouse() {
        let mut a = app();
        update(&mut a, Action::Command(Command::Help));
        let g = a.geometry();
        let (_, r) = g.panes[3];
        update(&mut a, Action::Wheel { x: r.x + 3, y: r.y + 3, down: true });
        assert_eq!(a.panes[3].scroll, 0, "the wheel does not reach under the help");
        update(&mut a, Action::Click { x: r.x + 3, y: r.y + 3 });
        assert!(!a.help, "a click closes the help");
        assert_eq!(a.focus, 0, "and goes no further");
    }

    #[test]
    fn the_page_list_scrolls_and_opens_with_the_mouse_and_keys() {
        let pages: Vec<(String, String)> = (0..30)
            .map(|i| (format!("p{i:02}.txt"), crate::SAMPLE_PAGE.replace("北京", &format!("北京{i}"))))
            .collect();
        let mut a = App::with_issue(pages, Options { mouse: true, keywords: 0, ..Options::default() });
        update(&mut a, Action::Resize(100, 20));
        update(&mut a, Action::Command(Command::Pages));
        update(&mut a, Action::Wheel { x: 0, y: 0, down: true });
        assert_eq!(a.page_list, Some(1));
        update(&mut a, Action::Command(Command::Bottom));
        assert_eq!(a.page_list, Some(29));
        update(&mut a, Action::Command(Command::PageUp));
        let list = a.page_list_view(a.area(), 29);
        assert_eq!(a.page_list, Some(29 - list.visible));
        update(&mut a, Action::Command(Command::Top));
        assert_eq!(a.page_list, Some(0));
        // The fourth row shown is page 4.
        let list = a.page_list_view(a.area(), 0);
        assert_eq!(list.first, 0);
        update(&mut a, Action::Click { x: list.popup.x + 3, y: list.popup.y + 1 + 3 });
        assert_eq!((a.page_no, a.page_list), (3, None));
        update(&mut a, Action::Command(Command::Pages));
        update(&mut a, Action::Click { x: 0, y: 0 });
        assert_eq!((a.page_no, a.page_list), (3, None), "a click outside closes the list");
    }
}
