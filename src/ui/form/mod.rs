//! Every form of the form engine (`app::form`), in a pop-up (or the whole screen on the first
//! run), laid out as the form says: in columns (`columns.rs`) or stacked (`stacked.rs`).

mod columns;
mod stacked;

use crate::app::form::{Field, Form, Kind, Layout};
use crate::app::keymap::{Block, hints};
use crate::domain::forms::checked;
use crate::domain::sanitize;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn render(theme: Theme, form: &Form, frame: &mut Frame, area: Rect) {
    render_with_footer(theme, form, frame, area, None);
}

/// A form whose footer, when nothing more pressing is said there, is `footer` (a filed form's
/// own keys) rather than the focused field's keys.
pub fn render_with_footer(theme: Theme, form: &Form, frame: &mut Frame, area: Rect, footer: Option<String>) {
    match form.layout {
        Layout::Columns => columns::render(theme, form, frame, area),
        Layout::Stacked => stacked::render(theme, form, frame, area, footer),
    }
}

/// The footer: why the last key did nothing, or the keys of the focused field.
fn footer(theme: Theme, form: &Form, given: Option<String>) -> Line<'static> {
    if let Some(notice) = &form.notice {
        return Line::styled(sanitize::line(notice).into_owned(), theme.warning());
    }
    if form.confirm_discard {
        return Line::styled(
            "Unsaved changes: Esc again discards · any other key keeps editing",
            theme.warning(),
        );
    }
    if let Some(given) = given {
        return Line::styled(sanitize::line(&given).into_owned(), theme.muted());
    }
    // The form keys are everyone's; a form kept as a draft files on Ctrl-S and keeps it on Esc.
    let keys = if form.keeps_draft {
        "Tab/S-Tab fields · Ctrl-S file · Esc leave (draft kept)".to_string()
    } else {
        hints(Block::Form, false)
    };
    let keys = match form.focused().map(|f| &f.kind) {
        Some(Kind::Choice(_)) => format!("type or ←/→ choose · {keys}"),
        Some(Kind::Search(_)) => format!("↑/↓ Enter pick · {keys}"),
        Some(Kind::Checks(_)) => format!("←/→ box · Space ticks · {keys}"),
        Some(Kind::Scale(words)) => format!("1–{} or ←/→ · {keys}", words.len()),
        Some(Kind::Fixed | Kind::Lines(_) | Kind::Words) | None => keys,
        Some(Kind::Text | Kind::Date | Kind::Time) => format!("{keys} · {}", hints(Block::FormText, false)),
    };
    Line::styled(keys, theme.muted())
}

/// The boxes of a field of boxes, or the points of a scale, on one line: the ticked boxes and
/// the chosen point marked, the box the cursor is on shown selected.
fn options(theme: Theme, form: &Form, field: &Field, focused: bool) -> Vec<Span<'static>> {
    let pick = |on: bool, text: String| {
        if on {
            Span::styled(text, theme.selected())
        } else {
            Span::raw(text)
        }
    };
    let mut spans = Vec::new();
    match &field.kind {
        Kind::Checks(boxes) => {
            let on = checked(&field.value);
            for (i, option) in boxes.iter().enumerate() {
                let mark = if on.contains(&option.as_str()) {
                    "[x]"
                } else {
                    "[ ]"
                };
                spans.push(pick(focused && i == form.option, format!("{mark} {option}")));
                spans.push(Span::raw("  "));
            }
        }
        Kind::Scale(words) => {
            for (i, word) in words.iter().enumerate() {
                let n = (i + 1).to_string();
                let chosen = field.value == n;
                let text = if chosen {
                    format!("[{n} {word}]")
                } else {
                    format!("{n} {word}")
                };
                spans.push(pick(chosen, text));
                spans.push(Span::raw("  "));
            }
        }
        _ => {}
    }
    spans
}
