//! Forms: templates on the left; on the right, the contact reports still to submit, or the
//! filed versions of the selected form.

use super::widgets::{Count, cell, filter_line, scrolling_table, short_date, short_datetime};
use crate::app::Pane;
use crate::app::State;
use crate::app::form_fill::FormFill;
use crate::app::keymap::{Block, hints};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Row};
use unicode_width::UnicodeWidthStr;

pub fn render(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let state = &app.forms;
    let [left, right] = Layout::horizontal([Constraint::Length(30), Constraint::Min(20)])
        .spacing(1)
        .areas(area);
    let mut templates = vec![format!("Contact reports ({})", state.reports.len())];
    templates.extend(app.context.program.forms().iter().map(|f| f.title.to_string()));
    // Titles too long for the pane end with "…"; the list scrolls to keep the selection in view.
    let inner_width = left.width.saturating_sub(3) as usize;
    let visible = left.height.saturating_sub(2) as usize;
    let first = state.template.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line> = templates
        .into_iter()
        .enumerate()
        .skip(first)
        .map(|(i, t)| {
            // The "▸" stays with the focus: while the filed list has it, the template it lists
            // (named in that list's title) is only shown bold.
            let chosen = i == state.template;
            let focused = state.pane == Pane::Templates;
            let marker = if chosen && focused {
                super::widgets::SELECTION_MARKER
            } else {
                " "
            };
            let line = Line::raw(format!("{marker}{}", super::widgets::fit(&t, inner_width)));
            match (chosen, focused) {
                (true, true) => line.style(theme.selected()),
                (true, false) => line.style(theme.title()),
                _ => line,
            }
        })
        .collect();
    let block = if state.pane == Pane::Templates {
        Block::TemplatesFocused
    } else {
        Block::TemplatesUnfocused
    };
    let title = format!(" Forms · {} ", hints(block, app.context.sees_whole_program()));
    frame.render_widget(Paragraph::new(lines).block(theme.block(title)), left);
    match state.form(&app.context.program) {
        None => render_reports(app, frame, right),
        Some(form) => render_filed(app, form.title, frame, right),
    }
}

fn render_reports(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let today = app.context.today;
    let rows: Vec<Vec<Text>> = app
        .forms
        .reports
        .iter()
        .map(|item| {
            let c = &item.row.contact.input;
            let status = match item.days_overdue {
                Some(days) => Text::styled(format!("LATE {days}d"), theme.warning()),
                None => Text::raw(format!("due {}", short_date(item.due, today))),
            };
            vec![
                status,
                Text::raw(short_datetime(c.occurred_at, today)),
                Text::raw(cell(&item.row.person_name)),
            ]
        })
        .collect();
    let header = Row::new(vec!["Status", "Contact", "Person"]);
    let widths = [Constraint::Length(9), Constraint::Length(12), Constraint::Fill(1)];
    let title = format!(
        " Reports to submit · {} ",
        hints(Block::Reports, app.context.sees_whole_program())
    );
    scrolling_table(
        frame,
        area,
        theme,
        theme.block(title),
        header,
        rows,
        &widths,
        &app.forms.cursor,
    );
}

fn render_filed(app: &State, title: &str, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let state = &app.forms;
    let shown = state.filed_shown();
    let idle = hints(Block::FiledFilter, app.context.sees_whole_program());
    let area = filter_line(
        frame,
        area,
        theme,
        &state.filed_filter,
        Count {
            shown: shown.len(),
            total: state.filed.len(),
            nouns: ["filed", "filed"],
        },
        idle,
    );
    let draft = state.draft.as_ref().filter(|_| state.draft_listed()).map(|d| {
        vec![
            Text::raw(crate::domain::dates::day_of_stamp(&d.saved_at).to_string()),
            Text::raw(cell(&app.context.me().name)),
            Text::raw(String::new()),
            Text::styled("DRAFT", theme.warning()),
        ]
    });
    let rows: Vec<Vec<Text>> = draft
        .into_iter()
        .chain(shown.iter().map(|&i| &state.filed[i]).map(|s| {
            let about = s.about_name.as_deref().map(cell).unwrap_or_default();
            let version = if s.superseded {
                "amended"
            } else if s.supersedes.is_some() {
                "amendment"
            } else {
                "filed"
            };
            vec![
                Text::raw(crate::domain::dates::day_of_stamp(&s.submitted_at).to_string()),
                Text::raw(cell(&s.author_name)),
                Text::raw(about),
                Text::raw(version),
            ]
        }))
        .collect();
    let header = Row::new(vec!["Filed", "By", "About", "Version"]);
    let widths = [
        Constraint::Length(10),
        Constraint::Fill(1),
        Constraint::Fill(1),
        Constraint::Length(9),
    ];
    let person = app
        .forms
        .person
        .as_ref()
        .map(|(_, n)| format!(" · about {}", cell(n)))
        .unwrap_or_default();
    // What the title has room for after the form's name: whether none is filed, then the key
    // hints in their order, each whole (the help lists them all).
    let mut table_title = format!(" {title}{person} ");
    let none_filed = (app.forms.filed.is_empty() && app.forms.draft.is_none()).then_some("none filed yet");
    let keys = hints(Block::Filed, app.context.sees_whole_program());
    for part in none_filed.into_iter().chain(keys.split(" · ")) {
        let longer = format!("{table_title}· {part} ");
        if longer.width() > area.width as usize {
            break;
        }
        table_title = longer;
    }
    scrolling_table(
        frame,
        area,
        theme,
        theme.block(table_title),
        header,
        rows,
        &widths,
        state.filed_filter.cursor(),
    );
}

/// The keys of a filed form being read: amend it, or share it when it is a reflection of
/// one's own; `None` while it is being filled in.
pub fn filed_keys(app: &State, fill: &FormFill) -> Option<String> {
    let coordinator = app.context.sees_whole_program();
    if !fill.form.read_only {
        return None;
    }
    Some(if fill.foreign {
        format!(
            "shared with you by your partner · {}",
            hints(Block::SharedForm, coordinator)
        )
    } else if fill.def.private {
        hints(Block::FiledReflection, coordinator)
    } else {
        hints(Block::FiledForm, coordinator)
    })
}
