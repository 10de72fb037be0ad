//! Drawing: `draw(&App, &mut Frame)` reads the state and never changes it. Text is put into
//! cells by our own writer, which knows each character's width (two cells for Chinese, and
//! for East Asian ambiguous characters under `--ambiguous-wide`) and draws only the visible
//! lines of the cached layouts.

use std::num::NonZeroU16;
use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use crate::text::width::{Ambiguous, char_width, fit, is_ambiguous, str_width};
use crate::text::wrap::wrap;

use super::action::Command;
use super::app::{App, CardPart};
use super::content::{ElemKind, Mark};
use super::keymap::Layer;
use super::layout::{help_layout, tab_spans};
use super::theme::Borders;
use super::theme::Theme;

/// Border characters for terminals that draw box-drawing characters two cells wide.
const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Draw the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let theme = app.opts.theme;
    let area = frame.area();
    let g = app.geometry();
    let buf = frame.buffer_mut();
    if g.too_small || area.width != app.width || area.height != app.height {
        // Between a resize and its redraw the state may lag the frame by one event; the
        // message is right for both.
        if g.too_small || area.width < super::layout::MIN_WIDTH || area.height < super::layout::MIN_HEIGHT {
            let msg: Vec<char> = "terminal too small".chars().collect();
            let rows = wrap(&msg, usize::from(area.width), app.opts.ambiguous);
            let top = area.y + area.height.saturating_sub(rows.len() as u16) / 2;
            for (i, r) in rows.into_iter().enumerate().take(usize::from(area.height)) {
                put(
                    buf,
                    area.x,
                    top + i as u16,
                    area.right(),
                    msg[r].iter().map(|&c| (c, Style::new())),
                    app.opts.ambiguous,
                );
            }
            return;
        }
    }
    if let Some(r) = g.banner {
        let banner = app.page.banner.as_deref().unwrap_or_default();
        let w = str_width(banner, app.opts.ambiguous) as u16;
        let x = r.x + r.width.saturating_sub(w) / 2;
        put_str(buf, x, r.y, r.right(), banner, theme.banner, app.opts.ambiguous);
    }
    draw_tabs(app, buf, g.tabs, &theme);
    for &(a, rect) in &g.panes {
        draw_pane(app, buf, a, rect, &theme);
    }
    if let Some(s) = g.sidebar {
        draw_sidebar(app, buf, s, &theme);
    }
    draw_status(app, frame, g.status, &theme);
    if let Some(selected) = app.page_list {
        draw_page_list(app, frame.buffer_mut(), area, &theme, selected);
    }
    if app.help {
        draw_help(app, frame.buffer_mut(), area, &theme);
    }
}

/// The list of the pages, by number and name.
fn draw_page_list(app: &App, buf: &mut Buffer, area: Rect, theme: &Theme, selected: usize) {
    let amb = app.opts.ambiguous;
    let list = app.page_list_view(area, selected);
    let inner = open_popup(app, buf, list.popup, " Pages ", theme);
    for (row, (i, text)) in
        list.rows.iter().enumerate().skip(list.first).take(usize::from(inner.height)).enumerate()
    {
        let style = if i == selected { theme.card_selected } else { theme.text };
        put_str(buf, inner.x + 1, inner.y + row as u16, inner.right(), text, style, amb);
    }
    clear_cut_wide_glyphs(buf, list.popup);
}

fn border_set(app: &App) -> border::Set<'static> {
    match (app.opts.ambiguous, app.opts.borders) {
        (Ambiguous::Wide, _) | (_, Borders::Ascii) => ASCII_BORDER,
        (_, Borders::Plain) => BorderType::Plain.to_border_set(),
        (_, Borders::Rounded) => BorderType::Rounded.to_border_set(),
    }
}

/// Put characters with styles into a row, from `x` up to (not including) `max_x`. A wide
/// character that does not fit whole is not drawn; the cell after a wide one is cleared.
/// Returns the column after the last character drawn.
pub fn put(
    buf: &mut Buffer,
    mut x: u16,
    y: u16,
    max_x: u16,
    chars: impl IntoIterator<Item = (char, Style)>,
    amb: Ambiguous,
) -> u16 {
    let max_x = max_x.min(buf.area.right());
    if y < buf.area.y || y >= buf.area.bottom() {
        return x;
    }
    // After an ambiguous character forced two cells wide, ratatui does not know the terminal
    // drew over the next cell, where the left half of an old wide character may have stood,
    // leaving its right half behind: the cell after is always sent again, to clear it.
    let mut refresh_next = false;
    for (c, style) in chars {
        // Text is sanitised at load; this guards what else reaches a cell (a file name).
        let c = if c.is_control() { '\u{FFFD}' } else { c };
        let w = char_width(c, amb) as u16;
        if w == 0 {
            continue;
        }
        if x + w > max_x {
            break;
        }
        let forced = w == 2 && amb == Ambiguous::Wide && is_ambiguous(c);
        let cell = &mut buf[(x, y)];
        cell.set_char(c).set_style(style);
        cell.set_diff_option(if forced {
            CellDiffOption::ForcedWidth(NonZeroU16::MIN.saturating_add(1))
        } else if refresh_next {
            CellDiffOption::AlwaysUpdate
        } else {
            CellDiffOption::None
        });
        refresh_next = forced;
        for dx in 1..w {
            buf[(x + dx, y)].reset();
        }
        x += w;
    }
    if refresh_next && x < max_x {
        buf[(x, y)].set_diff_option(CellDiffOption::AlwaysUpdate);
    }
    x
}

/// A title on a block's top border, drawn by our writer so that its widths are ours.
fn put_title(buf: &mut Buffer, rect: Rect, title: &str, style: Style, amb: Ambiguous) {
    if rect.width > 4 {
        put_str(buf, rect.x + 1, rect.y, rect.right().saturating_sub(1), title, style, amb);
    }
}

fn put_str(buf: &mut Buffer, x: u16, y: u16, max_x: u16, s: &str, style: Style, amb: Ambiguous) -> u16 {
    put(buf, x, y, max_x, s.chars().map(|c| (c, style)), amb)
}

fn draw_tabs(app: &App, buf: &mut Buffer, r: Rect, theme: &Theme) {
    let titles: Vec<String> = (0..app.page.articles.len()).map(|i| super::tab_title(&app.page, i)).collect();
    for (i, x0, x1) in tab_spans(&titles, r.width, app.opts.ambiguous, app.focus) {
        let style = if i == app.focus { theme.tab_focused } else { theme.tab };
        let label = format!(" {} {} ", i + 1, titles[i]);
        put_str(buf, r.x + x0, r.y, r.x + x1, &label, style, app.opts.ambiguous);
    }
}

fn elem_style(kind: ElemKind, theme: &Theme) -> Style {
    match kind {
        ElemKind::Kicker => theme.kicker,
        ElemKind::Headline => theme.headline,
        ElemKind::Lead => theme.lead,
        ElemKind::Byline => theme.byline,
        ElemKind::Keywords => theme.keywords_label,
        ElemKind::Paragraph(_) => theme.text,
        ElemKind::Continues => theme.continues,
    }
}

fn in_any(ranges: &[Range<usize>], i: usize) -> bool {
    ranges.iter().any(|r| r.contains(&i))
}

fn draw_pane(app: &App, buf: &mut Buffer, a: usize, rect: Rect, theme: &Theme) {
    let focused = a == app.focus && !app.sidebar_focused;
    let title = format!(" {} {} ", a + 1, super::tab_title(&app.page, a));
    let block = Block::bordered().border_set(border_set(app)).border_style(if focused {
        theme.border_focused
    } else {
        theme.border
    });
    let inner = block.inner(rect);
    block.render(rect, buf);
    put_title(buf, rect, &title, if focused { theme.tab_focused } else { theme.tab }, app.opts.ambiguous);
    let Some(pane) = app.panes.get(a) else { return };
    let pad = super::layout::pane_padding(rect.width);
    // Text capped narrower than the pane (max_width) is centred in it.
    let room = inner.width.saturating_sub(2 * pad);
    let centre = room.saturating_sub(app.text_width as u16) / 2;
    let x0 = inner.x + pad.min(inner.width / 2) + centre;
    let max_x = inner.right().saturating_sub(pad + centre);
    let current = app.search.current.and_then(|i| app.search.matches.get(i));
    for (row, line) in pane.lines.iter().skip(pane.scroll).take(usize::from(inner.height)).enumerate() {
        if line.blank {
            continue;
        }
        let elem = &pane.elems[line.elem];
        let base = elem_style(elem.kind, theme);
        // Matches are in page order: this element's are one run, found by binary search.
        let all = &app.search.matches;
        let from = all.partition_point(|m| (m.article, m.elem) < (a, line.elem));
        let to = all.partition_point(|m| (m.article, m.elem) <= (a, line.elem));
        let matches: Vec<Range<usize>> = all[from..to].iter().map(|m| m.range.clone()).collect();
        let current: Option<Range<usize>> =
            current.filter(|m| m.article == a && m.elem == line.elem).map(|m| m.range.clone());
        let quote: &[Range<usize>] = match &app.quote_mark {
            Some(q) if q.article == a && q.elem == line.elem => &q.spans,
            _ => &[],
        };
        let chars = line.range.clone().map(|i| {
            let mut style = base;
            if app.keywords_on
                && let Some((_, mark)) = elem.marks.iter().find(|(r, _)| r.contains(&i))
            {
                style = style.patch(match mark {
                    Mark::Keyword => theme.keyword,
                    Mark::Name => theme.name,
                });
            }
            if in_any(quote, i) {
                style = style.patch(theme.quote);
            }
            if in_any(&matches, i) {
                style = style.patch(theme.search);
            }
            if current.as_ref().is_some_and(|r| r.contains(&i)) {
                style = style.patch(theme.search_current);
            }
            (elem.chars[i], style)
        });
        put(buf, x0, inner.y + row as u16, max_x, chars, app.opts.ambiguous);
    }
}

fn draw_sidebar(app: &App, buf: &mut Buffer, rect: Rect, theme: &Theme) {
    let region =
        app.page.articles.get(app.focus).map(|_| super::tab_title(&app.page, app.focus)).unwrap_or_default();
    let title = if app.all_cards { " All quotes ".to_owned() } else { format!(" Quotes: {region} ") };
    let block = Block::bordered().border_set(border_set(app)).border_style(if app.sidebar_focused {
        theme.border_focused
    } else {
        theme.border
    });
    let inner = block.inner(rect);
    block.render(rect, buf);
    put_title(
        buf,
        rect,
        &title,
        if app.sidebar_focused { theme.tab_focused } else { theme.tab },
        app.opts.ambiguous,
    );
    let cards = app.visible_cards();
    let x0 = inner.x + 1;
    let max_x = inner.right().saturating_sub(1);
    if cards.is_empty() {
        let msg =
            if app.page.quotes.is_empty() { "No quote cards on this page" } else { "No cards here (a: all)" };
        put_str(buf, x0, inner.y, max_x, msg, theme.card_role, app.opts.ambiguous);
        return;
    }
    for (k, y, rows) in app.card_rows(rect) {
        let ci = cards[k];
        let selected = app.sidebar_focused && k == app.selected;
        let Some(lines) = app.card_lines.get(ci) else { continue };
        for (row, (part, text)) in lines.iter().take(usize::from(rows)).enumerate() {
            let mut style = match part {
                CardPart::Head => theme.card_speaker,
                CardPart::Role => theme.card_role,
                CardPart::Text => theme.text,
            };
            if selected {
                style = style.patch(theme.card_selected);
            }
            let chars = text.iter().map(|&c| (c, style));
            put(buf, x0, y + row as u16, max_x, chars, app.opts.ambiguous);
        }
    }
}

/// The key hints that matter now, most important first.
fn hints(app: &App) -> Vec<String> {
    let km = &app.opts.keymap;
    let h = |layer: Layer, command: Command, what: &str| {
        km.hint_key(layer, command).map(|k| format!("{k}: {what}"))
    };
    let hints = if app.help {
        let pages = help_layout(&km.help_rows(), app.area(), app.opts.ambiguous).pages.len();
        let mut v = vec![h(Layer::Help, Command::Escape, "close help")];
        if app.help_page > 0 {
            v.insert(0, h(Layer::Help, Command::PageUp, "back"));
        }
        if app.help_page + 1 < pages {
            v.insert(0, h(Layer::Help, Command::PageDown, "more"));
        }
        v
    } else if app.search.prompt.is_some() {
        vec![h(Layer::Prompt, Command::Submit, "search"), h(Layer::Prompt, Command::Escape, "cancel")]
    } else if app.page_list.is_some() {
        vec![h(Layer::PageList, Command::Jump, "open"), h(Layer::PageList, Command::Escape, "close")]
    } else if app.sidebar_focused {
        let select = match (
            km.hint_key(Layer::Sidebar, Command::SelectNext),
            km.hint_key(Layer::Sidebar, Command::SelectPrev),
        ) {
            (Some(n), Some(p)) => Some(format!("{n}/{p}: select")),
            _ => None,
        };
        vec![
            h(Layer::Sidebar, Command::Jump, "jump"),
            select,
            h(Layer::Pane, Command::Sidebar, "back"),
            h(Layer::Pane, Command::Quit, "quit"),
        ]
    } else {
        let mut v = Vec::new();
        if !app.jumps.is_empty() {
            v.push(h(Layer::Pane, Command::JumpBack, "back"));
        }
        v.extend([
            h(Layer::Pane, Command::Help, "help"),
            h(Layer::Pane, Command::Search, "search"),
            h(Layer::Pane, Command::Sidebar, "quotes"),
            h(Layer::Pane, Command::Zoom, if app.zoom { "unzoom" } else { "zoom" }),
            h(Layer::Pane, Command::Quit, "quit"),
        ]);
        v
    };
    // A command the config left without keys has no hint.
    hints.into_iter().flatten().collect()
}

/// As many hints as fit in `width` cells, whole, the least important dropped first (but
/// the last, quitting, kept).
fn fit_hints(hints: &[String], width: usize, amb: Ambiguous) -> String {
    let mut kept: Vec<&str> = hints.iter().map(String::as_str).collect();
    loop {
        let s = kept.join("  ");
        if str_width(&s, amb) <= width || kept.len() <= 1 {
            return if str_width(&s, amb) <= width { s } else { String::new() };
        }
        let drop = if kept.len() >= 2 { kept.len() - 2 } else { 0 };
        kept.remove(drop);
    }
}

/// A file name shortened to `width` cells from the left, keeping its end: `…/pages/a.txt`.
fn shorten_name(name: &str, width: usize, amb: Ambiguous) -> String {
    if str_width(name, amb) <= width {
        return name.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut w = 1;
    for c in name.chars().rev() {
        let cw = crate::text::width::char_width(c, amb);
        if w + cw > width {
            break;
        }
        w += cw;
        tail.push(c);
    }
    std::iter::once('…').chain(tail.into_iter().rev()).collect()
}

/// The status line: where you are (region, percent, file), what is going on (analysing,
/// a message) and the keys that matter now. Region and percent come first and are kept; the
/// file name gives way first, then the hints.
fn draw_status(app: &App, frame: &mut Frame, r: Rect, theme: &Theme) {
    let amb = app.opts.ambiguous;
    let buf = frame.buffer_mut();
    buf.set_style(r, theme.status);
    let max_x = r.right();
    let bar = if amb == Ambiguous::Wide { " | " } else { " │ " };
    if let Some(p) = &app.search.prompt {
        let x = put_str(buf, r.x, r.y, max_x, &format!("/{p}"), theme.status, amb);
        frame.set_cursor_position(Position::new(x.min(max_x.saturating_sub(1)), r.y));
        let hint = fit_hints(&hints(app), usize::from(max_x.saturating_sub(x + 2)), amb);
        let w = str_width(&hint, amb) as u16;
        put_str(frame.buffer_mut(), max_x.saturating_sub(w + 1), r.y, max_x, &hint, theme.status, amb);
        return;
    }
    let region =
        if app.page.articles.is_empty() { String::new() } else { super::tab_title(&app.page, app.focus) };
    let mut left = format!(" {region}{bar}{}%", app.percent());
    if app.analysing {
        left.push_str(bar);
        left.push_str("analysing…");
    }
    let width = usize::from(r.width);
    let left_w = str_width(&left, amb);
    let (right, style) = match &app.message {
        Some(m) => (fit(m, width.saturating_sub(left_w + 2), amb).0.to_owned(), theme.status_message),
        None => (fit_hints(&hints(app), width.saturating_sub(left_w + 2), amb), theme.status),
    };
    let right_w = str_width(&right, amb);
    let room = width.saturating_sub(left_w + right_w + 2 + str_width(bar, amb));
    if room >= 4 {
        left.push_str(bar);
        left.push_str(&shorten_name(&app.name, room, amb));
    }
    put_str(buf, r.x, r.y, max_x, &left, theme.status, amb);
    if !right.is_empty() {
        put_str(buf, max_x.saturating_sub(right_w as u16 + 1), r.y, max_x, &right, style, amb);
    }
}

/// The help overlay: every binding of the keymap table, by layer, in as many columns as the
/// height needs and the width allows; a heading never ends a column. What does not fit is cut,
/// marked with `…`.
fn draw_help(app: &App, buf: &mut Buffer, area: Rect, theme: &Theme) {
    let amb = app.opts.ambiguous;
    let rows = app.opts.keymap.help_rows();
    let help = help_layout(&rows, area, amb);
    let page = app.help_page.min(help.pages.len().saturating_sub(1));
    let title = if help.pages.len() > 1 {
        format!(" Keys {}/{} ", page + 1, help.pages.len())
    } else {
        " Keys ".to_owned()
    };
    let inner = open_popup(app, buf, help.popup, &title, theme);
    for (c, column) in help.pages.get(page).into_iter().flatten().enumerate() {
        let x = inner.x + 1 + c as u16 * (help.col_w + 3);
        let max_x = (x + help.col_w).min(inner.right());
        for (r, &i) in column.iter().enumerate() {
            let y = inner.y + r as u16;
            if y >= inner.bottom() || x >= inner.right() {
                break;
            }
            let (keys, desc) = &rows[i];
            if keys.is_empty() {
                put_str(buf, x, y, max_x, desc, theme.headline, amb);
            } else {
                put_str(buf, x, y, max_x, keys, theme.help_key, amb);
                put_str(buf, x + help.key_w + 2, y, max_x, desc, theme.help, amb);
            }
        }
    }
    clear_cut_wide_glyphs(buf, help.popup);
}

/// Clear `popup` and draw its border and title; the area inside is returned.
fn open_popup(app: &App, buf: &mut Buffer, popup: Rect, title: &str, theme: &Theme) -> Rect {
    Clear.render(popup, buf);
    let block = Block::bordered().border_set(border_set(app)).border_style(theme.border_focused);
    let inner = block.inner(popup);
    block.render(popup, buf);
    put_title(buf, popup, title, theme.border_focused, app.opts.ambiguous);
    inner
}

/// A popup drawn over text may cover the right half of a wide character whose left half is
/// outside it; the terminal would then draw the character over the popup's border. Clear
/// such halves (ratatui#2526).
pub fn clear_cut_wide_glyphs(buf: &mut Buffer, popup: Rect) {
    if popup.x == buf.area.x {
        return;
    }
    for y in popup.top()..popup.bottom() {
        let left = &mut buf[(popup.x - 1, y)];
        let wide = left.symbol().chars().map(|c| char_width(c, Ambiguous::Narrow)).sum::<usize>() > 1
            || matches!(left.diff_option, CellDiffOption::ForcedWidth(w) if w.get() > 1);
        if wide {
            left.reset();
        }
    }
}
