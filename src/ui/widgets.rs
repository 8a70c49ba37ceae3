//! Small pieces the screens share.

use crate::app::list::ListCursor;
use crate::domain::sanitize;
use crate::ui::theme::Theme;
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Row, Table, TableState};

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

/// Untrusted text made safe for one cell.
pub fn cell(text: &str) -> String {
    sanitize::line(text).into_owned()
}

/// A table that scrolls one row at a time to keep its selection in view; `header` is one row.
#[allow(clippy::too_many_arguments)]
pub fn scrolling_table(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    block: Block,
    header: Row,
    rows: Vec<Row>,
    widths: &[Constraint],
    cursor: &ListCursor,
) {
    // Only the first cell of the selected row is reversed: on a slow link, moving the
    // selection then rewrites a few cells instead of two whole rows.
    let highlight = theme.selected();
    table(frame, area, theme, block, header, rows, widths, cursor, highlight);
}

/// A [`scrolling_table`] whose rows highlight their own selected text: a row several lines
/// high then reverses its first line's words, not the whole cell, and a move sends less.
#[allow(clippy::too_many_arguments)]
pub fn scrolling_table_self_highlighted(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    block: Block,
    header: Row,
    rows: Vec<Row>,
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
    rows: Vec<Row>,
    widths: &[Constraint],
    cursor: &ListCursor,
    highlight: Style,
) {
    let inner_height = block.inner(area).height.saturating_sub(1) as usize;
    let len = rows.len();
    let offset = cursor.offset_for(inner_height, len);
    let mut state = TableState::default()
        .with_offset(offset)
        .with_selected((len > 0).then_some(cursor.selected))
        .with_selected_column((len > 0).then_some(0));
    let table = Table::new(rows, widths)
        .header(header.style(theme.title()))
        .block(block)
        .column_spacing(1)
        .cell_highlight_style(highlight)
        .highlight_symbol(if theme.ascii { ">" } else { "▸" });
    frame.render_stateful_widget(table, area, &mut state);
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
    row_at: impl Fn(usize) -> Row<'a>,
    widths: &[Constraint],
    cursor: &ListCursor,
) {
    let inner_height = block.inner(area).height.saturating_sub(1) as usize;
    let offset = cursor.offset_for(inner_height, len);
    let rows: Vec<Row> = (offset..len.min(offset + inner_height.max(1)))
        .map(row_at)
        .collect();
    let mut state = TableState::default()
        .with_selected((len > 0).then(|| cursor.selected - offset))
        .with_selected_column((len > 0).then_some(0));
    let table = Table::new(rows, widths)
        .header(header.style(theme.title()))
        .block(block)
        .column_spacing(1)
        .cell_highlight_style(theme.selected())
        .highlight_symbol(if theme.ascii { ">" } else { "▸" });
    frame.render_stateful_widget(table, area, &mut state);
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
