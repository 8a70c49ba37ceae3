//! Any form of the catalog, drawn from its definition.

use super::widgets::{cell, centered, text_editor};
use crate::app::State;
use crate::app::form_fill::FormFill;
use crate::app::keymap::{Block, hints};
use crate::domain::forms::{Kind, SCALE, checked};
use crate::domain::sanitize;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

fn value_lines(app: &State, fill: &FormFill, key: &str, kind: Kind, focused: bool) -> Vec<Line<'static>> {
    let theme = app.theme;
    let value = fill.value(key);
    let caret = if focused && !fill.read_only { "▏" } else { "" };
    let pick = |on: bool, text: String| {
        if on {
            Span::styled(text, theme.selected())
        } else {
            Span::raw(text)
        }
    };
    match kind {
        // A suggested value the first key types over is shown selected.
        Kind::Text | Kind::Count | Kind::Date if focused && fill.selected => vec![Line::from(vec![
            Span::raw("  "),
            Span::styled(cell(value), theme.selected()),
        ])],
        Kind::Text | Kind::Count | Kind::Date => vec![Line::raw(format!("  {}{caret}", cell(value)))],
        Kind::Signature => {
            let date = fill.value(&format!("{key}_date"));
            let signed = if date.is_empty() {
                String::new()
            } else {
                format!("  (signed {date})")
            };
            vec![Line::raw(format!("  {}{caret}{signed}", cell(value)))]
        }
        Kind::Lines => {
            let mut lines: Vec<Line> = sanitize::lines(value)
                .into_iter()
                .map(|l| Line::raw(format!("  {l}")))
                .collect();
            if lines.is_empty() {
                lines.push(Line::styled("  —", theme.muted()));
            }
            lines
        }
        Kind::Choice(_) | Kind::YesNo => {
            let shown = if value.is_empty() {
                "choose with ←/→"
            } else {
                value
            };
            vec![Line::raw(format!("  ‹ {} ›", cell(shown)))]
        }
        Kind::Person => {
            let shown = fill.person_label(value).map(str::to_string).unwrap_or_else(|| {
                if value.is_empty() {
                    "choose with ←/→".into()
                } else {
                    cell(value)
                }
            });
            vec![Line::raw(format!("  ‹ {shown} ›"))]
        }
        Kind::Checks(options) => {
            let on = checked(value);
            let mut spans = vec![Span::raw("  ")];
            for (i, option) in options.iter().enumerate() {
                let mark = if on.contains(option) { "[x]" } else { "[ ]" };
                spans.push(pick(focused && i == fill.option, format!("{mark} {option}")));
                spans.push(Span::raw("  "));
            }
            vec![Line::from(spans)]
        }
        Kind::Scale => {
            let mut spans = vec![Span::raw("  ")];
            for (i, word) in SCALE.iter().enumerate() {
                let n = (i + 1).to_string();
                let chosen = value == n;
                let text = if chosen {
                    format!("[{n} {word}]")
                } else {
                    format!("{n} {word}")
                };
                spans.push(pick(chosen, text));
                spans.push(Span::raw("  "));
            }
            vec![Line::from(spans)]
        }
        Kind::Statement => Vec::new(),
    }
}

/// How many rows `line` takes when wrapped at word boundaries to `width` columns.
fn wrapped_rows(line: &Line, width: usize) -> usize {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let mut rows = 1;
    let mut used = 0;
    for word in text.split_inclusive(' ') {
        let w = unicode_width::UnicodeWidthStr::width(word);
        let visible = unicode_width::UnicodeWidthStr::width(word.trim_end());
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

pub fn render(app: &State, fill: &FormFill, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let popup = centered(area, 78, area.height);
    frame.render_widget(Clear, popup);
    let mode = if fill.read_only {
        " · filed, read-only"
    } else if fill.supersedes.is_some() {
        " · amending"
    } else {
        ""
    };
    let block = theme.popup(format!(" {}{mode} ", fill.def.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let editor_height = if fill.editor.is_some() { 5 } else { 0 };
    let [body, editor_area, footer] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(editor_height),
        Constraint::Length(1),
    ])
    .areas(inner);

    let focused_key = (!fill.read_only).then(|| fill.field().key);
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_line = 0;
    for field in fill.def.fields {
        if field.kind == Kind::Statement {
            lines.push(Line::styled(field.label, theme.muted()));
            continue;
        }
        let focused = focused_key == Some(field.key);
        if focused {
            focus_line = lines.len();
        }
        let marker = if focused { "▸ " } else { "  " };
        let required = if field.required { " *" } else { "" };
        let mut head = vec![Span::styled(
            format!("{marker}{}{required}", field.label),
            if focused {
                theme.tab_active()
            } else {
                theme.title()
            },
        )];
        if let Some(err) = fill.error_for(field.key) {
            head.push(Span::styled(format!("  ! {err}"), theme.error()));
        }
        lines.push(Line::from(head));
        lines.extend(value_lines(app, fill, field.key, field.kind, focused));
    }
    // Scrolling counts screen rows, and a long statement (a code of conduct) wraps onto many.
    let width = usize::from(body.width.max(1));
    let rows: Vec<usize> = lines.iter().map(|l| wrapped_rows(l, width)).collect();
    let focus_row: usize = rows[..focus_line].iter().sum();
    let total_rows: usize = rows.iter().sum();
    let height = body.height as usize;
    let scroll = focus_row
        .saturating_sub(height / 3)
        .min(total_rows.saturating_sub(height));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        body,
    );

    if let Some(editor) = &fill.editor {
        let block = theme.popup(format!(" {} · Tab when done ", fill.field().label));
        text_editor(frame, editor, block, editor_area, true);
    }
    let coordinator = app.context.sees_whole_program();
    let hint = if let Some(notice) = &fill.notice {
        notice.clone()
    } else if fill.foreign {
        format!(
            "shared with you by your partner · {}",
            hints(Block::SharedForm, coordinator)
        )
    } else if fill.read_only && fill.def.private {
        hints(Block::FiledReflection, coordinator)
    } else if fill.read_only {
        hints(Block::FiledForm, coordinator)
    } else {
        let typing = match fill.field().kind {
            Kind::Checks(_) => "←/→ box · Space ticks · Tab next · Ctrl-S file · Esc leave (draft kept)",
            Kind::Scale => "1–5 or ←/→ · Tab next · Ctrl-S file · Esc leave (draft kept)",
            Kind::YesNo => "y/n · Tab next · Ctrl-S file · Esc leave (draft kept)",
            _ => "Tab/S-Tab fields · ←/→ choose · Ctrl-S file · Esc leave (draft kept)",
        };
        typing.to_string()
    };
    let hint = super::widgets::fit(&cell(&hint), usize::from(footer.width));
    frame.render_widget(Line::styled(hint, Style::new().patch(theme.muted())), footer);
}
