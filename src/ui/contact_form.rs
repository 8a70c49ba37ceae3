//! The contact reporting form, drawn over the current screen.

use super::widgets::{SELECTION_MARKER, cell, centered, fit, text_editor};
use crate::app::State;
use crate::app::contact_form::{ContactForm, Field, NO_INTERVENTION, NO_PILLAR, NOT_GIVEN};
use crate::app::keymap::{Block, hints};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

const LABEL_WIDTH: u16 = 16;

fn choice_text(value: &str) -> String {
    format!("‹ {value} ›")
}

pub fn render(app: &State, form: &ContactForm, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let matches = if form.focus == Field::Person {
        form.matches()
    } else {
        Vec::new()
    };
    let shown_matches = matches.len().min(4) as u16;
    let fields = form.fields();
    // A row a field, four more for the notes' editor, one for the footer, two for the borders.
    let height = fields.len() as u16 + 7 + shown_matches;
    let popup = centered(area, 76, height);
    frame.render_widget(Clear, popup);
    let title = if form.editing.is_some() {
        " Edit contact "
    } else {
        " Log a contact "
    };
    let block = theme.popup(title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let mut y = inner.y;
    let mut cursor: Option<Position> = None;
    for field in fields {
        if y >= inner.bottom() {
            break;
        }
        let focused = form.focus == field;
        let label_style = if focused {
            theme.tab_active()
        } else {
            theme.muted()
        };
        let marker = if focused { SELECTION_MARKER } else { " " };
        let label = Span::styled(format!("{marker}{}", field.label()), label_style);
        let padding = Span::raw(" ".repeat(LABEL_WIDTH as usize - 1 - field.label().len()));
        let value = match field {
            Field::Person => {
                if focused && !form.query.is_empty() {
                    cell(&form.query)
                } else {
                    form.chosen
                        .as_ref()
                        .map(|c| c.label.clone())
                        .unwrap_or_else(|| "type to search".into())
                }
            }
            Field::When => form.when.clone(),
            Field::Method => choice_text(form.method.label()),
            Field::Outcome => choice_text(form.outcome.label()),
            Field::Duration => form.duration.clone(),
            Field::SupportWhen => choice_text(form.support_when.map_or(NOT_GIVEN, |s| s.label())),
            Field::SupportWhat => cell(&form.support_what),
            Field::Notes => String::new(),
            Field::Intervention => choice_text(form.intervention.map_or(NO_INTERVENTION, |i| i.label())),
            Field::Pillar => choice_text(form.pillar.map_or(NO_PILLAR, |p| p.label())),
            Field::FollowUp => {
                if form.follow_up.is_empty() && !focused {
                    "YYYY-MM-DD (optional)".into()
                } else {
                    form.follow_up.clone()
                }
            }
        };
        // A value the first key types over is shown selected.
        let value_style = if focused && form.selected {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        let mut spans = vec![label, padding, Span::styled(value.clone(), value_style)];
        if let Some(err) = form.error_for(field) {
            spans.push(Span::styled(format!("  ! {err}"), theme.error()));
        }
        let row = Rect::new(inner.x, y, inner.width, 1);
        if field == Field::Notes {
            frame.render_widget(Line::from(spans), row);
            let notes_area =
                Rect::new(inner.x + 2, y + 1, inner.width.saturating_sub(3), 4).intersection(inner);
            text_editor(frame, &form.notes, theme.text_area(), notes_area, focused);
            y += 5;
            continue;
        }
        frame.render_widget(Line::from(spans), row);
        let text_field = matches!(
            field,
            Field::Person | Field::When | Field::Duration | Field::SupportWhat | Field::FollowUp
        );
        let choice_field = matches!(
            field,
            Field::Method | Field::Outcome | Field::SupportWhen | Field::Intervention | Field::Pillar
        );
        if focused && choice_field {
            // On the choice itself, where a letter or an arrow goes.
            cursor = Some(Position::new(
                (inner.x + LABEL_WIDTH + 2).min(inner.right().saturating_sub(1)),
                y,
            ));
        }
        if focused && text_field && !form.selected {
            let typed = match field {
                Field::Person => form.query.as_str(),
                Field::When => &form.when,
                Field::Duration => &form.duration,
                Field::SupportWhat => &form.support_what,
                _ => &form.follow_up,
            };
            let width = unicode_width::UnicodeWidthStr::width(cell(typed).as_str()) as u16;
            let x = (inner.x + LABEL_WIDTH + width).min(inner.right().saturating_sub(1));
            cursor = Some(Position::new(x, y));
        }
        y += 1;
        if field == Field::Person && focused {
            // The four matches around the highlighted one, marked as every list marks it.
            let first = form.pick.saturating_sub(3);
            for (i, c) in matches.iter().enumerate().skip(first).take(4) {
                if y >= inner.bottom() {
                    break;
                }
                let selected = i == form.pick;
                let (marker, style) = if selected {
                    (SELECTION_MARKER, theme.selected())
                } else {
                    (" ", theme.muted())
                };
                // Only the words are styled: a reversed full-width row costs its blanks too.
                let line = Line::from(vec![
                    Span::raw(" ".repeat(LABEL_WIDTH as usize - 2)),
                    Span::styled(marker, theme.title()),
                    Span::raw(" "),
                    Span::styled(c.label.clone(), style),
                ]);
                frame.render_widget(line, Rect::new(inner.x, y, inner.width, 1));
                y += 1;
            }
        }
    }
    let footer = if let Some(notice) = &form.notice {
        Line::styled(fit(&cell(notice), usize::from(inner.width)), theme.warning())
    } else if form.confirm_discard {
        Line::styled(
            "Unsaved changes: Esc again discards · any other key keeps editing",
            theme.warning(),
        )
    } else {
        // The form keys are everyone's.
        Line::styled(
            format!("type or ←/→ choose · {}", hints(Block::Form, false)),
            theme.muted(),
        )
    };
    if inner.height > 0 {
        frame.render_widget(footer, Rect::new(inner.x, inner.bottom() - 1, inner.width, 1));
    }
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}
