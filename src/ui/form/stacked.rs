//! A form laid out stacked (a catalog form): each label on a line of its own, " *" when
//! required, its value under it, the wording for the reader in between; the pop-up is as tall
//! as the screen and scrolls to keep the focus in view; the focused multi-line field is typed
//! in an editor at its foot.

use crate::app::form::{Field, Form, Kind};
use crate::domain::sanitize;
use crate::theme::Theme;
use crate::ui::widgets::{cell, centered, fit, text_editor};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// The lines of a field's value, and where the cursor stands on the first (its column) when
/// typing goes there.
fn value_lines(
    theme: Theme,
    form: &Form,
    field: &Field,
    focused: bool,
) -> (Vec<Line<'static>>, Option<usize>) {
    let value = cell(&field.value);
    // A filed form shows what was filed, not what a blank field asks for.
    let hint = if form.read_only { "" } else { field.empty_hint() };
    let after = field
        .after
        .as_deref()
        .map(|a| format!("  {}", cell(a)))
        .unwrap_or_default();
    let line = match &field.kind {
        Kind::Words => return (Vec::new(), None),
        Kind::Lines(_) => {
            let mut lines: Vec<Line> = sanitize::lines(&field.value)
                .into_iter()
                .map(|l| Line::raw(format!("  {l}")))
                .collect();
            if lines.is_empty() {
                lines.push(Line::styled("  —", theme.muted()));
            }
            return (lines, None);
        }
        Kind::Checks(_) | Kind::Scale(_) => {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(super::options(theme, form, field, focused));
            Line::from(spans)
        }
        Kind::Choice(_) | Kind::Search(_) => {
            let shown = if value.is_empty() { hint.to_string() } else { value };
            Line::raw(format!("  ‹ {shown} ›"))
        }
        // A suggested value the first key types over is shown selected.
        _ if focused && form.selected => Line::from(vec![
            Span::raw("  "),
            Span::styled(value, theme.selected()),
            Span::raw(after),
        ]),
        _ if value.is_empty() => {
            let cursor = focused.then_some(2);
            return (vec![Line::styled(format!("  {hint}"), theme.muted())], cursor);
        }
        Kind::Fixed => Line::raw(format!("  {value}{after}")),
        _ => {
            let cursor = focused.then(|| 2 + value.width());
            return (vec![Line::raw(format!("  {value}{after}"))], cursor);
        }
    };
    (vec![line], None)
}

/// How many rows `line` takes when wrapped at word boundaries to `width` columns.
fn wrapped_rows(line: &Line, width: usize) -> usize {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let mut rows = 1;
    let mut used = 0;
    for word in text.split_inclusive(' ') {
        let w = word.width();
        let visible = word.trim_end().width();
        if used > 0 && used + visible > width {
            rows += 1;
            used = 0;
        }
        // A word longer than the row is broken across rows.
        rows += (used + visible).saturating_sub(1) / width;
        used = (used + w) % width.max(1);
    }
    rows
}

pub(super) fn render(theme: Theme, form: &Form, frame: &mut Frame, area: Rect, footer: Option<String>) {
    let popup = centered(area, 78, area.height);
    frame.render_widget(Clear, popup);
    let block = theme.popup(format!(" {} ", form.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let focused_field = form.focused().filter(|_| !form.read_only);
    let editor = focused_field.and_then(|f| match &f.kind {
        Kind::Lines(editor) => Some((f.label, editor)),
        _ => None,
    });
    let editor_height = editor.map_or(0, |(_, e)| e.rows + 2);
    let [body, editor_area, footer_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(editor_height),
        Constraint::Length(1),
    ])
    .areas(inner);

    let mut lines: Vec<Line> = Vec::new();
    let mut focus_line = 0;
    // The line and column the terminal's cursor stands on.
    let mut cursor = None;
    for (i, field) in form.shown() {
        if field.kind == Kind::Words {
            lines.push(Line::styled(field.label, theme.muted()));
            continue;
        }
        let focused = !form.read_only && i == form.focus;
        if focused {
            focus_line = lines.len();
        }
        let marker = if focused { "▸ " } else { "  " };
        let required = if field.required { " *" } else { "" };
        let style = if focused {
            theme.tab_active()
        } else {
            theme.title()
        };
        let mut head = vec![Span::styled(format!("{marker}{}{required}", field.label), style)];
        if let Some(err) = form.error_for(field.key) {
            head.push(Span::styled(format!("  ! {err}"), theme.error()));
        }
        lines.push(Line::from(head));
        let (values, column) = value_lines(theme, form, field, focused);
        if let Some(column) = column {
            cursor = Some((lines.len(), column));
        }
        lines.extend(values);
    }
    // Scrolling counts screen rows, and a long statement (a code of conduct) wraps onto many.
    let width = usize::from(body.width.max(1));
    let rows: Vec<usize> = lines.iter().map(|l| wrapped_rows(l, width)).collect();
    let row_of = |line: usize| -> usize { rows[..line].iter().sum() };
    let focus_row = row_of(focus_line);
    let total_rows: usize = rows.iter().sum();
    let height = body.height as usize;
    let scroll = focus_row
        .saturating_sub(height / 3)
        .min(total_rows.saturating_sub(height));
    let cursor = cursor.map(|(line, column)| (row_of(line), column));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        body,
    );
    if let Some((row, column)) = cursor
        && row >= scroll
        && row - scroll < height
        && column < usize::from(body.width)
    {
        frame.set_cursor_position(Position::new(
            body.x + column as u16,
            body.y + (row - scroll) as u16,
        ));
    }
    if let Some((label, editor)) = editor {
        let block = theme.popup(format!(" {label} · Tab when done "));
        text_editor(frame, &editor.area, block, editor_area, true);
    }
    let footer = super::footer(theme, form, footer);
    let text: String = footer.spans.iter().map(|s| s.content.as_ref()).collect();
    frame.render_widget(
        Line::styled(fit(&text, usize::from(footer_area.width)), footer.style),
        footer_area,
    );
}
