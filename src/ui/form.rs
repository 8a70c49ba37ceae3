//! A form of the form engine (`app::form`), in a pop-up (or the whole screen on the first run).

use super::widgets::{SELECTION_MARKER, centered, fit, fit_line};
use crate::app::form::{Form, Kind};
use crate::app::keymap::{Block, hints};
use crate::domain::sanitize;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Width of the label column, at least: a longer label widens it, so the values stay in line.
const LABEL: usize = 14;

/// The footer: why the last key did nothing, or the keys of the focused field.
fn footer(theme: Theme, form: &Form) -> Line<'static> {
    if let Some(notice) = &form.notice {
        return Line::styled(sanitize::line(notice).into_owned(), theme.warning());
    }
    if form.confirm_discard {
        return Line::styled(
            "Unsaved changes: Esc again discards · any other key keeps editing",
            theme.warning(),
        );
    }
    // The form keys are everyone's.
    let keys = hints(Block::Form, false);
    let keys = match form.focused().map(|f| &f.kind) {
        Some(Kind::Choice(_)) => format!("type or ←/→ choose · {keys}"),
        Some(Kind::Fixed) | None => keys,
        Some(_) => format!("{keys} · {}", hints(Block::FormText, false)),
    };
    Line::styled(keys, theme.muted())
}

pub fn render(theme: Theme, form: &Form, frame: &mut Frame, area: Rect) {
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
    for (i, field) in form.shown() {
        let focused = i == form.focus;
        let marker = if focused { SELECTION_MARKER } else { " " };
        let value = sanitize::line(&field.value).into_owned();
        let (shown, style) = match &field.kind {
            Kind::Choice(_) => (format!("‹ {value} ›"), Style::new()),
            Kind::Fixed => (value, theme.muted()),
            kind if value.is_empty() => (kind.empty_hint().to_string(), theme.muted()),
            // A value the first key types over is shown selected.
            _ if focused && form.selected => (value, theme.selected()),
            _ => (value, Style::new()),
        };
        let label = Span::styled(format!("{marker}{:<label_width$} ", field.label), theme.title());
        let at = label.width();
        let mut spans = vec![label, Span::styled(shown.clone(), style)];
        if focused && !matches!(field.kind, Kind::Choice(_) | Kind::Fixed) && !form.selected {
            // The terminal's own cursor, after what is typed.
            let typed = if field.value.is_empty() { 0 } else { shown.width() };
            cursor = Some((lines.len(), at + typed));
        }
        if let Some(err) = form.error_for(field.label) {
            spans.push(Span::styled(format!("  ! {err}"), theme.error()));
        }
        lines.push(fit_line(Line::from(spans), inside));
    }
    lines.push(Line::raw(""));
    if let Some(note) = &form.note {
        lines.push(Line::styled(note.clone(), theme.muted()));
    }
    if let Some(error) = &form.error {
        lines.push(Line::styled(format!("! {error}"), theme.error()));
    }
    let footer = footer(theme, form);
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
    if let Some((row, column)) = cursor {
        let x = (popup.x + 1 + column as u16).min(popup.right().saturating_sub(2));
        let y = popup.y + 1 + row as u16;
        if y < popup.bottom().saturating_sub(1) {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}
