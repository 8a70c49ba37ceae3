//! The people screen: everyone in the program, the deactivated marked as such.

use super::widgets::{self, cell, windowed_table};
use crate::app::State;
use crate::app::keymap::{self, Block};
use crate::domain::permissions::{Permission, Relation};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Text;
use ratatui::widgets::{Paragraph, Row, Wrap};

pub fn render(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let coordinator = app.context.sees_whole_program();
    if !app.context.may(Permission::ManagePeople, Relation::Program) {
        let text = Paragraph::new(crate::domain::permissions::refusal(Permission::ManagePeople))
            .wrap(Wrap { trim: true })
            .block(theme.block(" People "));
        frame.render_widget(text, area);
        return;
    }
    let people = &app.people;
    let list = widgets::filter_line(
        frame,
        area,
        theme,
        &people.filter,
        widgets::Count {
            shown: people.shown.len(),
            total: people.index.len(),
            nouns: ["person", "people"],
        },
        keymap::hints(Block::PeopleFilter, app.context.sees_whole_program()),
    );
    let row_at = |i: usize| -> Vec<Text> {
        let Some(p) = people.row(i) else {
            return Vec::new();
        };
        let state = if p.active {
            Text::raw("active")
        } else {
            Text::styled("inactive", theme.muted())
        };
        vec![
            Text::raw(cell(&p.name)),
            Text::raw(cell(&p.id)),
            Text::raw(p.role.as_str()),
            state,
            Text::raw(cell(p.fields.login.as_deref().unwrap_or(""))),
        ]
    };
    let header = Row::new(vec!["Name", "Id", "Role", "State", "Login"]);
    let widths = [
        Constraint::Min(16),
        Constraint::Length(10),
        Constraint::Length(12),
        Constraint::Length(8),
        Constraint::Length(12),
    ];
    let title = format!(" People · {} ", keymap::hints(Block::People, coordinator));
    windowed_table(
        frame,
        list,
        theme,
        theme.block(title),
        header,
        people.shown.len(),
        row_at,
        &widths,
        people.filter.cursor(),
    );
}
