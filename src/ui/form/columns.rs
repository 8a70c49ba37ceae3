//! A form laid out in columns: a label column and each field's value, a multi-line field's
//! editor under its label, and a focused search's matches under it, in a pop-up as tall as its
//! fields.

use crate::app::form::{Field, Form, Kind, Search};
use crate::domain::sanitize;
use crate::theme::Theme;
use crate::ui::widgets::{SELECTION_MARKER, centered, fit, fit_line, text_editor};
use ratatui::Frame;
use ratatui::layout::{Margin, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Width of the label column, at least: a longer label widens it, so the values stay in line.
const LABEL: usize = 14;

/// What a field shows after its label, and how.
fn shown(theme: Theme, form: &Form, at: usize, field: &Field) -> (String, Style) {
    let focused = at == form.focus;
    let value = sanitize::line(&field.value).into_owned();
    match &field.kind {
        Kind::Choice(_) if value.is_empty() => (format!("‹ {} ›", field.empty_hint()), Style::new()),
        Kind::Choice(_) => (format!("‹ {value} ›"), Style::new()),
        Kind::Fixed => (value, theme.muted()),
        // The editor below shows the text.
        Kind::Lines(_) => (String::new(), Style::new()),
        Kind::Search(search) if focused && !search.query.is_empty() => {
            (sanitize::line(&search.query).into_owned(), Style::new())
        }
        Kind::Search(search) => match &search.chosen {
            Some(chosen) => (sanitize::line(&chosen.label).into_owned(), Style::new()),
            None => (field.empty_hint().to_string(), Style::new()),
        },
        _ if value.is_empty() => (field.empty_hint().to_string(), theme.muted()),
        // A value the first key types over is shown selected.
        _ if focused && form.selected => (value, theme.selected()),
        _ => (value, Style::new()),
    }
}

/// The matches of a focused search, under it: the four around the one marked, marked as
/// every list marks it.
fn matches(theme: Theme, search: &Search, indent: usize) -> Vec<Line<'static>> {
    let first = search.pick.saturating_sub(3);
    search
        .matches
        .iter()
        .enumerate()
        .skip(first)
        .take(4)
        .map(|(i, found)| {
            let (marker, style) = if i == search.pick {
                (SELECTION_MARKER, theme.selected())
            } else {
                (" ", theme.muted())
            };
            // Only the words are styled: a reversed full-width row costs its blanks too.
            Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(marker, theme.title()),
                Span::raw(" "),
                Span::styled(sanitize::line(&found.label).into_owned(), style),
            ])
        })
        .collect()
}

pub(super) fn render(theme: Theme, form: &Form, frame: &mut Frame, area: Rect) {
    let width = area.width.min(76);
    let inside = usize::from(width.saturating_sub(2));
    let label_width = form
        .shown()
        .map(|(_, f)| f.label.chars().count())
        .max()
        .unwrap_or(0)
        .max(LABEL);
    let mut lines = Vec::new();
    let mut cursor = None;
    // The multi-line fields' editors: the row each starts on, and the field.
    let mut editors = Vec::new();
    for (i, field) in form.shown() {
        let focused = i == form.focus;
        let marker = if focused { SELECTION_MARKER } else { " " };
        let (shown, style) = shown(theme, form, i, field);
        // The focused label stands out; the others are quiet (and cheap to draw).
        let label_style = if focused {
            theme.tab_active()
        } else {
            theme.muted()
        };
        let label = Span::styled(format!("{marker}{:<label_width$} ", field.label), label_style);
        let at = label.width();
        let mut spans = vec![label];
        match &field.kind {
            Kind::Checks(_) | Kind::Scale(_) => spans.extend(super::options(theme, form, field, focused)),
            _ => spans.push(Span::styled(shown.clone(), style)),
        }
        match &field.kind {
            // On the choice itself, where a letter or an arrow goes.
            Kind::Choice(_) if focused => cursor = Some((lines.len(), at + 2)),
            Kind::Search(search) if focused => cursor = Some((lines.len(), at + search.query.width())),
            Kind::Choice(_) | Kind::Fixed | Kind::Lines(_) | Kind::Search(_) | Kind::Words => {}
            Kind::Checks(_) | Kind::Scale(_) => {}
            // The terminal's own cursor, after what is typed.
            _ if focused && !form.selected => {
                let typed = if field.value.is_empty() { 0 } else { shown.width() };
                cursor = Some((lines.len(), at + typed));
            }
            _ => {}
        }
        if let Some(err) = form.error_for(field.label) {
            spans.push(Span::styled(format!("  ! {err}"), theme.error()));
        }
        lines.push(fit_line(Line::from(spans), inside));
        match &field.kind {
            Kind::Lines(editor) => {
                editors.push((lines.len(), focused, editor.as_ref()));
                lines.extend((0..editor.rows).map(|_| Line::raw("")));
            }
            Kind::Search(search) if focused => {
                let indent = at.saturating_sub(2);
                lines.extend(
                    matches(theme, search, indent)
                        .into_iter()
                        .map(|l| fit_line(l, inside)),
                );
            }
            _ => {}
        }
    }
    if !form.compact {
        lines.push(Line::raw(""));
    }
    if let Some(note) = &form.note {
        lines.push(Line::styled(note.clone(), theme.muted()));
    }
    if let Some(error) = &form.error {
        lines.push(Line::styled(format!("! {error}"), theme.error()));
    }
    let footer = super::footer(theme, form, None);
    let footer_text: String = footer.spans.iter().map(|s| s.content.as_ref()).collect();
    lines.push(Line::styled(fit(&footer_text, inside), footer.style));
    let wrapped: u16 = lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(inside.max(1) as u16).max(1))
        .sum();
    let popup = centered(area, width, wrapped + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(theme.popup(format!(" {} ", form.title))),
        popup,
    );
    let inner = popup.inner(Margin::new(1, 1));
    for (row, focused, editor) in editors {
        let at = Rect::new(
            inner.x + 2,
            inner.y + row as u16,
            inner.width.saturating_sub(3),
            editor.rows,
        );
        text_editor(
            frame,
            &editor.area,
            theme.text_area(),
            at.intersection(inner),
            focused,
        );
    }
    if let Some((row, column)) = cursor {
        let x = (inner.x + column as u16).min(popup.right().saturating_sub(2));
        let y = inner.y + row as u16;
        if y < inner.bottom() {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}
