//! A short form of labelled fields, in a pop-up (or the whole screen on the first run).

use super::widgets::centered;
use crate::app::field_form::FieldForm;
use crate::domain::sanitize;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Width of the label column, at least: a longer label widens it, so the values stay in line.
const LABEL: usize = 14;

pub fn render(theme: Theme, form: &FieldForm, frame: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    let width = form
        .fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0)
        .max(LABEL);
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if focused {
            super::widgets::SELECTION_MARKER
        } else {
            " "
        };
        let value = sanitize::line(&field.value).into_owned();
        let shown = match (field.choices.is_empty(), focused) {
            (true, true) => format!("{value}_"),
            (false, true) => format!("< {value} >"),
            _ => value,
        };
        let style = if focused {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}{:<width$} ", field.label), theme.title()),
            Span::styled(shown, style),
        ]));
    }
    lines.push(Line::raw(""));
    if let Some(note) = &form.note {
        lines.push(Line::styled(note.clone(), theme.muted()));
    }
    if let Some(error) = &form.error {
        lines.push(Line::styled(format!("! {error}"), theme.error()));
    }
    let keys = match form.fields.get(form.focus) {
        _ if form.confirm_discard => "Unsaved changes: Esc again discards · any other key keeps editing",
        Some(f) if !f.choices.is_empty() => "←/→ or a letter choose · Enter next · Ctrl-S save · Esc cancel",
        _ => "Tab/Enter next · Ctrl-S save (Enter on the last field) · Esc cancel",
    };
    lines.push(Line::styled(keys, theme.muted()));
    let width = area.width.min(76);
    let wrapped: u16 = lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(width.saturating_sub(2).max(1)).max(1))
        .sum();
    let popup = centered(area, width, wrapped + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(theme.popup(format!(" {} ", form.title))),
        popup,
    );
}
