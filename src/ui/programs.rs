//! The Programs screen: one row per program of the config file, and where the selected one is
//! and why its figures are old, when they are.

use super::widgets::{cell, windowed_table};
use crate::app::State;
use crate::app::keymap::{self, Block};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Row, Wrap};

pub fn render(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let state = &app.programs;
    if state.listed.is_empty() {
        let text = "No programs are listed. Add one [[programs]] table per program to your config \
                    file (MENTORDESK_CONFIG, else ~/.config/mentordesk/config.toml), with a name and \
                    db = \"PATH\" for a database here or remote = \"USER@HOST:DB\" for one on a box.";
        let text = Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(theme.block(" Programs "));
        frame.render_widget(text, area);
        return;
    }
    let [list, detail] = Layout::vertical([Constraint::Min(4), Constraint::Length(4)]).areas(area);
    let row_at = |i: usize| -> Vec<Text> {
        let Some(row) = state.rows.get(i) else {
            return Vec::new();
        };
        let old = row.is_stale();
        let style = if old {
            theme.warning()
        } else {
            ratatui::style::Style::new()
        };
        let mut cells = vec![Text::raw(cell(&row.name))];
        match &row.figures {
            Some(f) => {
                cells.extend(
                    [f.mentors, f.behind, f.overdue, f.contacts_this_month].map(|n| Text::raw(n.to_string())),
                );
                cells.push(Text::raw(
                    f.high_risk.map_or("n/a".to_string(), |n| n.to_string()),
                ));
                let when = if old {
                    format!("{} old", f.fetched_label())
                } else {
                    f.fetched_label()
                };
                cells.push(Text::styled(when, style));
            }
            None => {
                cells.extend((0..5).map(|_| Text::raw("-")));
                cells.push(Text::styled("never", style));
            }
        }
        cells
    };
    let header = Row::new(vec![
        "Program",
        "Mentors",
        "Behind",
        "Overdue",
        "Contacts",
        "High-risk",
        "Fetched",
    ]);
    let widths = [
        Constraint::Min(12),
        Constraint::Length(7),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(16),
    ];
    let coordinator = app.context.sees_whole_program();
    let title = format!(" Programs · {} ", keymap::hints(Block::Programs, coordinator));
    windowed_table(
        frame,
        list,
        theme,
        theme.block(title),
        header,
        state.rows.len(),
        row_at,
        &widths,
        &state.cursor,
    );
    let Some(row) = state.rows.get(state.cursor.selected) else {
        return;
    };
    let mut lines = vec![Line::raw(cell(&format!("{} · {}", row.name, row.source)))];
    if let Some(problem) = &row.problem {
        let kept = if row.figures.is_some() {
            "; these are the last figures taken"
        } else {
            ""
        };
        lines.push(Line::styled(cell(&format!("! {problem}{kept}")), theme.warning()));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(theme.block(" Selected ")),
        detail,
    );
}
