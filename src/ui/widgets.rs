//! Small pieces the screens share.

use crate::app::list::{ListCursor, ListFilter};
use crate::domain::sanitize;
use crate::theme::Theme;
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

/// `Nov 20`, or `Nov 20 2025` outside the current year.
pub fn short_date(date: NaiveDate, today: NaiveDate) -> String {
    use chrono::Datelike;
    if date.year() == today.year() {
        date.format("%b %-d").to_string()
    } else {
        date.format("%b %-d %Y").to_string()
    }
}

pub fn short_datetime(at: NaiveDateTime, today: NaiveDate) -> String {
    format!("{} {}", short_date(at.date(), today), at.format("%H:%M"))
}

/// How many rows a filtered list shows of how many, and what one and many of them are called.
pub struct Count {
    pub shown: usize,
    pub total: usize,
    pub nouns: [&'static str; 2],
}

/// Draws the line above a list that filters as you type, the same on every screen, at the top of
/// `area`, and returns the room left for the list. While `/` is typing: the query with a cursor
/// and how many rows it leaves of how many; with a kept filter, the count and the query; with
/// none, the count and `idle` (what `/` filters by).
pub fn filter_line(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    filter: &ListFilter,
    count: Count,
    idle: String,
) -> Rect {
    let [line_area, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let Count { shown, total, nouns } = count;
    let noun = if total == 1 { nouns[0] } else { nouns[1] };
    let query = cell(filter.query());
    let counted = format!("{shown} of {total}");
    let line = if filter.typing {
        Line::from(vec![
            Span::styled("Filter: ", theme.title()),
            Span::raw(format!("{query}▏ · {counted}")),
            Span::styled("  Enter keeps · Esc clears", theme.muted()),
        ])
    } else if query.is_empty() {
        Line::from(vec![
            Span::styled(format!("{total} {noun} · "), theme.title()),
            Span::raw(idle),
        ])
    } else {
        Line::from(vec![
            Span::styled(format!("{counted} {noun} · "), theme.title()),
            Span::raw(format!("filter \"{query}\" (/ changes · Esc clears)")),
        ])
    };
    frame.render_widget(line, line_area);
    rest
}

/// The mark beside the selected row of every list and picker, with colour or without.
pub const SELECTION_MARKER: &str = "▸";

pub use crate::text::{fit, wrap_words};

/// Untrusted text made safe for one cell.
pub fn cell(text: &str) -> String {
    sanitize::line(text).into_owned()
}

/// A line in at most `width` columns, ended with "…" when it had to be cut; styles kept.
pub fn fit_line(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let whole: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let fitted = fit(&whole, width);
    let mut kept = fitted.trim_end_matches('…').chars().count();
    let mut spans = Vec::new();
    let mut last_style = Style::new();
    for span in line.spans {
        if kept == 0 {
            break;
        }
        let take: String = span.content.chars().take(kept).collect();
        kept -= take.chars().count();
        last_style = span.style;
        spans.push(Span::styled(take, span.style));
    }
    spans.push(Span::styled("…", last_style));
    Line::from(spans).style(line.style)
}

/// Lines for a block drawn in `area`, each fitted to the block's inside.
pub fn fit_lines<'a>(lines: Vec<Line<'a>>, block: &Block, area: Rect) -> Vec<Line<'a>> {
    let width = block.inner(area).width as usize;
    lines.into_iter().map(|l| fit_line(l, width)).collect()
}

/// Fixed-width columns hold short things (dates, times, statuses, counts) that are never cut:
/// each is widened to its longest cell, up to `most`; the fill columns give way and end with "…".
fn widened_to_content(widths: &[Constraint], rows: &[Vec<Text>], most: u16) -> Vec<Constraint> {
    widths
        .iter()
        .enumerate()
        .map(|(i, constraint)| match *constraint {
            Constraint::Length(n) => {
                let content = rows
                    .iter()
                    .filter_map(|cells| cells.get(i))
                    .map(|text| text.width() as u16)
                    .max()
                    .unwrap_or(0);
                Constraint::Length(n.max(content.min(most)))
            }
            other => other,
        })
        .collect()
}

/// The cells of a table row, each line fitted to its column; the row as high as its tallest cell.
fn fitted_row<'a>(cells: Vec<Text<'a>>, columns: &[Rect]) -> Row<'a> {
    let height = cells.iter().map(|c| c.lines.len()).max().unwrap_or(1).max(1) as u16;
    let cells: Vec<Text> = cells
        .into_iter()
        .zip(
            columns
                .iter()
                .map(|c| c.width as usize)
                .chain(std::iter::repeat(usize::MAX)),
        )
        .map(|(text, width)| {
            let style = text.style;
            Text::from(
                text.lines
                    .into_iter()
                    .map(|l| fit_line(l, width))
                    .collect::<Vec<_>>(),
            )
            .style(style)
        })
        .collect();
    Row::new(cells).height(height)
}

/// A table that scrolls one row at a time to keep its selection in view; `header` is one row.
/// A cell too wide for its column ends with "…" rather than being cut mid-word.
#[allow(clippy::too_many_arguments)]
pub fn scrolling_table(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    block: Block,
    header: Row,
    rows: Vec<Vec<Text>>,
    widths: &[Constraint],
    cursor: &ListCursor,
) {
    // Only the first cell of the selected row is reversed: on a slow link, moving the
    // selection then rewrites a few cells instead of two whole rows.
    let highlight = theme.selected();
    table(frame, area, theme, block, header, rows, widths, cursor, highlight);
}

/// A [`scrolling_table`] that leaves the selected row's cells as they are, its "▸" the only
/// mark the table draws: for rows that highlight their own selected text (a row several lines
/// high reverses its first line's words, not the whole cell), or for a long list walked over
/// slow links (the contact log), where a reversed cell rewritten on two rows each move would
/// cost more than the mark, which shows without colour as well.
#[allow(clippy::too_many_arguments)]
pub fn scrolling_table_unhighlighted(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    block: Block,
    header: Row,
    rows: Vec<Vec<Text>>,
    widths: &[Constraint],
    cursor: &ListCursor,
) {
    table(
        frame,
        area,
        theme,
        block,
        header,
        rows,
        widths,
        cursor,
        Style::new(),
    );
}

#[allow(clippy::too_many_arguments)]
fn table(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    block: Block,
    header: Row,
    rows: Vec<Vec<Text>>,
    widths: &[Constraint],
    cursor: &ListCursor,
    highlight: Style,
) {
    let inner = block.inner(area);
    let inner_height = inner.height.saturating_sub(1) as usize;
    let len = rows.len();
    let (widths, rows) = fitted_rows(inner, widths, rows);
    let offset = cursor.offset_for(inner_height, len);
    let mut state = TableState::default()
        .with_offset(offset)
        .with_selected((len > 0).then_some(cursor.selected))
        .with_selected_column((len > 0).then_some(0));
    let table = Table::new(rows, &widths)
        .header(header.style(theme.title()))
        .block(block)
        .column_spacing(1)
        .cell_highlight_style(highlight)
        .highlight_symbol(SELECTION_MARKER);
    frame.render_stateful_widget(table, area, &mut state);
}

/// The column widths, widened to the content, and the rows cut to fit them: laid out as the table
/// lays them out, after the selection mark, one blank between columns.
fn fitted_rows<'a>(
    inner: Rect,
    widths: &[Constraint],
    rows: Vec<Vec<Text<'a>>>,
) -> (Vec<Constraint>, Vec<Row<'a>>) {
    let marker_width = if rows.is_empty() {
        0
    } else {
        SELECTION_MARKER.width() as u16
    };
    let widths = widened_to_content(widths, &rows, inner.width / 3);
    let columns = Layout::horizontal(widths.iter().copied())
        .flex(ratatui::layout::Flex::Start)
        .spacing(1)
        .split(Rect {
            width: inner.width.saturating_sub(marker_width),
            ..inner
        });
    let rows = rows
        .into_iter()
        .map(|cells| fitted_row(cells, &columns))
        .collect();
    (widths, rows)
}

/// A [`scrolling_table`] of `len` rows that builds only the rows in view, with `row_at`: for
/// lists read from the store a page at a time.
#[allow(clippy::too_many_arguments)]
pub fn windowed_table<'a>(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    block: Block,
    header: Row,
    len: usize,
    row_at: impl Fn(usize) -> Vec<Text<'a>>,
    widths: &[Constraint],
    cursor: &ListCursor,
) {
    let inner = block.inner(area);
    let inner_height = inner.height.saturating_sub(1) as usize;
    let offset = cursor.offset_for(inner_height, len);
    let visible: Vec<Vec<Text>> = (offset..len.min(offset + inner_height.max(1)))
        .map(row_at)
        .collect();
    // Laid out and cut as every other table, from the rows in view.
    let (widths, rows) = fitted_rows(inner, widths, visible);
    let mut state = TableState::default()
        .with_selected((len > 0).then(|| cursor.selected - offset))
        .with_selected_column((len > 0).then_some(0));
    let table = Table::new(rows, &widths)
        .header(header.style(theme.title()))
        .block(block)
        .column_spacing(1)
        .cell_highlight_style(theme.selected())
        .highlight_symbol(SELECTION_MARKER);
    frame.render_stateful_widget(table, area, &mut state);
}

/// A [`scrolling_table`] of `len` rows made by `row_at`, of which only those in view are kept:
/// a long list held in memory (the ledger) then costs a page of cells a frame, not the whole
/// list. The columns are widened over every row, made one at a time, as `scrolling_table`
/// widens them, so they stay put as the list scrolls.
#[allow(clippy::too_many_arguments)]
pub fn built_table<'a>(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    block: Block,
    header: Row,
    len: usize,
    row_at: impl Fn(usize) -> Vec<Text<'a>>,
    widths: &[Constraint],
    cursor: &ListCursor,
) {
    let most = block.inner(area).width / 3;
    let widths = (0..len).fold(widths.to_vec(), |widths, i| {
        widened_to_content(&widths, &[row_at(i)], most)
    });
    windowed_table(frame, area, theme, block, header, len, row_at, &widths, cursor);
}

/// A rectangle of at most `width`×`height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Draws a text editor in `area` with `block` and, when `focused`, puts the terminal's own
/// cursor at its insertion point instead of a drawn block: typing a character then sends
/// the character alone.
pub fn text_editor(
    frame: &mut Frame,
    editor: &ratatui_textarea::TextArea<'static>,
    block: Block<'static>,
    area: Rect,
    focused: bool,
) {
    let mut editor = editor.clone();
    let inner = block.inner(area);
    editor.set_block(block);
    editor.set_cursor_style(Style::new());
    editor.set_cursor_line_style(Style::new());
    frame.render_widget(&editor, area);
    if !focused {
        return;
    }
    // The viewport the drawing just scrolled to.
    let (top_row, top_col) = editor.scroll_offset();
    let at = editor.screen_cursor();
    let row = (at.row as u16).saturating_sub(top_row);
    let col = (at.col as u16).saturating_sub(top_col);
    if row < inner.height && col < inner.width {
        frame.set_cursor_position(ratatui::layout::Position::new(inner.x + col, inner.y + row));
    }
}
