//! Where things go: the screen's geometry (a pure function of the terminal's size and the
//! reader's state, used alike by drawing and by mouse handling) and each pane's lines,
//! wrapped once per width and cached in the state.

use std::ops::Range;

use ratatui::layout::Rect;

use crate::text::width::{Ambiguous, str_width};
use crate::text::wrap::{Breaks, wrap_with};

use super::content::{Elem, ElemKind};

/// One line of a pane: a range of an element's characters, or a blank line before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub elem: usize,
    pub range: Range<usize>,
    /// This line starts its element (and carries the paragraph's indent).
    pub first: bool,
    pub blank: bool,
}

/// Wrap elements to `width` cells.
pub fn lines(elems: &[Elem], width: usize, amb: Ambiguous) -> Vec<Line> {
    let mut out = Vec::new();
    for (i, e) in elems.iter().enumerate() {
        for _ in 0..e.gap {
            out.push(Line { elem: i, range: 0..0, first: false, blank: true });
        }
        let rule = if e.kind == ElemKind::Keywords { Breaks::Spaces } else { Breaks::Kinsoku };
        for (n, r) in wrap_with(&e.chars, width, amb, rule).into_iter().enumerate() {
            out.push(Line { elem: i, range: r, first: n == 0, blank: false });
        }
    }
    out
}

/// A place in a pane that survives re-wrapping: an element and a character in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anchor {
    pub elem: usize,
    pub offset: usize,
}

/// The offset of an anchor on the blank line(s) before its element, not on its text.
pub const GAP: usize = usize::MAX;

/// The anchor of line `i`.
pub fn anchor_of(lines: &[Line], i: usize) -> Anchor {
    lines.get(i).map_or(Anchor::default(), |l| Anchor {
        elem: l.elem,
        offset: if l.blank { GAP } else { l.range.start },
    })
}

/// The line holding an anchor: the blank line before its element for [`GAP`], else the line
/// whose range holds the offset (the element's first line if the offset is past it).
pub fn line_of(lines: &[Line], a: Anchor) -> usize {
    let mut first = None;
    for (i, l) in lines.iter().enumerate() {
        if l.elem != a.elem {
            continue;
        }
        if l.blank {
            if a.offset == GAP {
                return i;
            }
            continue;
        }
        first.get_or_insert(i);
        if l.range.contains(&a.offset) {
            return i;
        }
    }
    first.unwrap_or(0)
}

/// The inputs of the geometry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GeometryInput {
    pub width: u16,
    pub height: u16,
    pub articles: usize,
    pub first_visible: usize,
    pub zoom: bool,
    pub sidebar_focused: bool,
    pub has_banner: bool,
    /// The widest pane text may be, in cells; 0 for no limit.
    pub max_width: u16,
}

/// Where everything goes on the screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Geometry {
    pub too_small: bool,
    pub banner: Option<Rect>,
    pub tabs: Rect,
    /// The visible panes: article index and outer rectangle.
    pub panes: Vec<(usize, Rect)>,
    pub sidebar: Option<Rect>,
    pub status: Rect,
    /// Width in cells that pane text is wrapped to.
    pub text_width: usize,
    /// Lines of text a pane shows.
    pub view_height: usize,
    /// Width in cells that sidebar text is wrapped to.
    pub sidebar_text_width: usize,
}

/// Narrowest pane worth tiling: about fifteen Chinese characters a line.
pub const MIN_PANE: u16 = 34;
/// Below this, the terminal is too small to draw anything useful.
pub const MIN_WIDTH: u16 = 16;
pub const MIN_HEIGHT: u16 = 5;

/// Columns a pane's text is inset from its border.
pub fn pane_padding(pane_width: u16) -> u16 {
    if pane_width >= 26 { 1 } else { 0 }
}

/// How many panes fit side by side.
pub fn panes_that_fit(g: &GeometryInput) -> usize {
    if g.zoom {
        return 1;
    }
    let avail = g.width.saturating_sub(sidebar_width(g));
    usize::from((avail / MIN_PANE).max(1)).min(g.articles.max(1))
}

fn sidebar_width(g: &GeometryInput) -> u16 {
    if g.zoom && !g.sidebar_focused {
        0
    } else if g.width >= 110 {
        36
    } else if g.width >= 72 {
        28
    } else if g.sidebar_focused {
        g.width
    } else {
        0
    }
}

/// Lay out the screen.
pub fn geometry(g: &GeometryInput) -> Geometry {
    if g.width < MIN_WIDTH || g.height < MIN_HEIGHT {
        return Geometry { too_small: true, ..Geometry::default() };
    }
    let mut y = 0;
    let banner = (g.has_banner && g.height >= 12).then(|| {
        y += 1;
        Rect::new(0, 0, g.width, 1)
    });
    let tabs = Rect::new(0, y, g.width, 1);
    y += 1;
    let status = Rect::new(0, g.height - 1, g.width, 1);
    let body = Rect::new(0, y, g.width, g.height.saturating_sub(y + 1));
    let side_w = sidebar_width(g).min(body.width);
    let sidebar = (side_w > 0).then(|| Rect::new(body.right() - side_w, body.y, side_w, body.height));
    let pane_area = Rect::new(body.x, body.y, body.width - side_w, body.height);
    let mut panes = Vec::new();
    let mut text_width = 0;
    if pane_area.width > 0 && g.articles > 0 {
        let n = panes_that_fit(g);
        let each = pane_area.width / n as u16;
        let first = g.first_visible.min(g.articles - n);
        for k in 0..n {
            let x = pane_area.x + each * k as u16;
            let w = if k + 1 == n { pane_area.right() - x } else { each };
            panes.push((first + k, Rect::new(x, pane_area.y, w, pane_area.height)));
        }
        let pad = pane_padding(each);
        text_width = usize::from(each.saturating_sub(2 + 2 * pad)).max(1);
        if g.max_width > 0 {
            text_width = text_width.min(usize::from(g.max_width));
        }
    }
    let sidebar_text_width = sidebar.map_or(0, |s| usize::from(s.width.saturating_sub(4)).max(1));
    Geometry {
        too_small: false,
        banner,
        tabs,
        panes,
        sidebar,
        status,
        text_width,
        view_height: usize::from(body.height.saturating_sub(2)).max(1),
        sidebar_text_width,
    }
}

/// The help overlay laid out: rows in columns, as many columns as the width allows (the
/// fewest that show every row), and in pages when even those do not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLayout {
    pub popup: Rect,
    /// Width of the keys column, and of a whole column (keys and description).
    pub key_w: u16,
    pub col_w: u16,
    /// Pages, each its columns, each the indexes of its rows.
    pub pages: Vec<Vec<Vec<usize>>>,
}

/// Gap between help columns.
const HELP_GAP: u16 = 3;

/// See [`HelpLayout`]. `rows` are (keys, description); empty keys mark a heading, which
/// never ends a column. The status row (the last of `area`) is left free for its hints.
pub fn help_layout(rows: &[(String, &str)], area: Rect, amb: Ambiguous) -> HelpLayout {
    let area = Rect { height: area.height.saturating_sub(1), ..area };
    let key_w = rows.iter().map(|(k, _)| str_width(k, amb)).max().unwrap_or(0) as u16;
    let desc_w = rows.iter().map(|(_, d)| str_width(d, amb)).max().unwrap_or(0) as u16;
    let need_w = key_w + 2 + desc_w;
    let (max_w, max_h) = (area.width.saturating_sub(4).max(1), area.height.saturating_sub(2).max(1));
    // Columns of at most `per` rows (and the screen's height), in order. A column that starts
    // inside a section starts with the section's heading again.
    let columns_of = |per: u16| -> Vec<Vec<usize>> {
        let per = per.clamp(2, max_h.max(2));
        let mut columns: Vec<Vec<usize>> = vec![Vec::new()];
        let mut heading = None;
        for (i, (keys, _)) in rows.iter().enumerate() {
            if keys.is_empty() {
                heading = Some(i);
            }
            let len = columns.last().map_or(0, Vec::len) as u16;
            let heading_at_foot = keys.is_empty() && len + 1 >= per;
            if len >= per || (heading_at_foot && len > 0) {
                columns.push(heading.filter(|&h| h != i).into_iter().collect());
            }
            if let Some(c) = columns.last_mut() {
                c.push(i);
            }
        }
        columns
    };
    let fits_across = |cols: u16| cols * need_w + (cols - 1) * HELP_GAP <= max_w;
    // The fewest columns that show every row on one page; else as many as fit, in pages.
    let mut cols: u16 = 1;
    let mut columns = columns_of((rows.len() as u16).max(1));
    while columns.len() > usize::from(cols) && cols < 4 && fits_across(cols + 1) {
        cols += 1;
        columns = columns_of((rows.len() as u16).div_ceil(cols));
    }
    if columns.len() > usize::from(cols) {
        columns = columns_of(max_h);
    }
    let pages: Vec<Vec<Vec<usize>>> = columns.chunks(usize::from(cols)).map(<[Vec<usize>]>::to_vec).collect();
    let col_w = need_w.min(max_w);
    let w = cols * col_w + (cols - 1) * HELP_GAP + 4;
    let tallest = pages.iter().flatten().map(Vec::len).max().unwrap_or(0) as u16;
    HelpLayout { popup: popup_rect(area, w, tallest + 2), key_w, col_w, pages }
}

/// A popup of `w`×`h` cells centred in `area` (cut to it).
pub fn popup_rect(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

/// The area inside a bordered block.
pub fn inside_border(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// The rows a list of cards gets in `inner`, given each card's height in lines: (position in
/// the list, first row, rows), scrolled so that the selected card is in view, with a blank
/// line between cards.
pub fn card_rows(heights: &[usize], selected: usize, inner: Rect) -> Vec<(usize, u16, u16)> {
    let avail = usize::from(inner.height);
    let selected = selected.min(heights.len().saturating_sub(1));
    let mut start = 0;
    while start < selected && heights[start..=selected].iter().map(|h| h + 1).sum::<usize>() > avail {
        start += 1;
    }
    let mut y = 0usize;
    let mut out = Vec::new();
    for (k, h) in heights.iter().enumerate().skip(start) {
        if y >= avail {
            break;
        }
        let rows = (*h).min(avail - y);
        out.push((k, inner.y + y as u16, rows as u16));
        y += h + 1;
    }
    out
}

/// The tabs that fit, scrolled so that the focused one is shown: article index and the
/// columns `[x0, x1)` each takes.
pub fn tab_spans(titles: &[String], width: u16, amb: Ambiguous, focus: usize) -> Vec<(usize, u16, u16)> {
    let widths: Vec<usize> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| str_width(t, amb) + format!(" {} ", i + 1).len() + 1)
        .collect();
    let width = usize::from(width);
    // The first tab shown: as early as lets the focused tab end within the width. The sum of
    // the tabs from `first` to the focus slides along, so this is linear.
    let focus = focus.min(titles.len().saturating_sub(1));
    let mut first = 0;
    let mut span: usize = widths.iter().take(focus + 1).map(|w| w + 1).sum();
    while first < focus && span > width {
        span -= widths[first] + 1;
        first += 1;
    }
    let mut x = 0usize;
    let mut out = Vec::new();
    for (i, &w) in widths.iter().enumerate().skip(first) {
        if x >= width {
            break;
        }
        out.push((i, x as u16, (x + w).min(width) as u16));
        x += w + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(width: u16, height: u16) -> GeometryInput {
        GeometryInput {
            width,
            height,
            articles: 4,
            first_visible: 0,
            zoom: false,
            sidebar_focused: false,
            has_banner: true,
            max_width: 0,
        }
    }

    #[test]
    fn wide_terminals_tile_the_panes() {
        assert_eq!(geometry(&input(200, 50)).panes.len(), 4);
        assert_eq!(geometry(&input(120, 40)).panes.len(), 2);
        assert_eq!(geometry(&input(80, 24)).panes.len(), 1);
        assert!(geometry(&input(80, 24)).sidebar.is_some());
        assert!(geometry(&input(60, 24)).sidebar.is_none());
    }

    #[test]
    fn text_width_is_capped() {
        let g = geometry(&GeometryInput { zoom: true, max_width: 60, ..input(200, 50) });
        assert_eq!(g.text_width, 60);
        assert_eq!(g.panes[0].1.width, 200, "the pane still takes the width; its text is centred");
    }

    #[test]
    fn zoom_takes_the_whole_width() {
        let g = geometry(&GeometryInput { zoom: true, ..input(200, 50) });
        assert_eq!(g.panes.len(), 1);
        assert_eq!(g.panes[0].1.width, 200);
        assert!(g.sidebar.is_none());
    }

    #[test]
    fn tiny_terminals() {
        let g = geometry(&input(20, 6));
        assert!(!g.too_small);
        assert_eq!(g.panes.len(), 1);
        assert!(g.view_height >= 1 && g.text_width >= 1);
        assert!(geometry(&input(10, 3)).too_small);
        assert!(geometry(&input(1, 1)).too_small);
    }

    #[test]
    fn tabs_scroll_to_show_the_focused_one() {
        let titles: Vec<String> = (0..200).map(|i| format!("第{i}篇")).collect();
        let shown = |focus| tab_spans(&titles, 80, Ambiguous::Narrow, focus);
        assert_eq!(shown(0)[0].0, 0);
        let far = shown(150);
        assert!(far.iter().any(|(i, _, x1)| *i == 150 && *x1 <= 80));
        assert!(far[0].0 > 0);
        assert!(tab_spans(&[], 80, Ambiguous::Narrow, 0).is_empty());
    }

    #[test]
    fn anchors_survive_rewrapping() {
        let e = Elem {
            kind: ElemKind::Paragraph(0),
            chars: "一二三四五六七八九十".chars().collect(),
            indent: 0,
            gap: 1,
            marks: vec![],
        };
        let narrow = lines(std::slice::from_ref(&e), 4, Ambiguous::Narrow);
        let wide = lines(std::slice::from_ref(&e), 10, Ambiguous::Narrow);
        let a = anchor_of(&narrow, 3); // the line starting at 四
        assert_eq!(a, Anchor { elem: 0, offset: 4 });
        assert_eq!(line_of(&wide, a), 1);
        assert_eq!(line_of(&narrow, a), 3);
    }
}
