//! The people screen: everyone in the program, the deactivated marked as such.

use super::widgets::{self, cell, scrolling_table};
use crate::app::App;
use crate::app::keymap::{self, Block};
use crate::domain::permissions::{Action, Relation};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Row, Wrap};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let coordinator = app.session.sees_whole_program();
    if !app.session.may(Action::ManagePeople, Relation::Program) {
        let text = Paragraph::new(crate::domain::permissions::refusal(Action::ManagePeople))
            .wrap(Wrap { trim: true })
            .block(theme.block(" People "));
        frame.render_widget(text, area);
        return;
    }
    let [filter, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    frame.render_widget(filter_line(app), filter);
    let people = &app.people;
    let rows: Vec<Vec<Text>> = people
        .matching()
        .into_iter()
        .map(|i| &people.rows[i])
        .map(|p| {
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
        })
        .collect();
    let header = Row::new(vec!["Name", "Id", "Role", "State", "Login"]);
    let widths = [
        Constraint::Min(16),
        Constraint::Length(10),
        Constraint::Length(12),
        Constraint::Length(8),
        Constraint::Length(12),
    ];
    let title = format!(" People · {} ", keymap::hints(Block::People, coordinator));
    scrolling_table(
        frame,
        list,
        theme,
        theme.block(title),
        header,
        rows,
        &widths,
        people.filter.cursor(),
    );
}

fn filter_line(app: &App) -> Line<'static> {
    let people = &app.people;
    let idle = keymap::hints(Block::PeopleFilter, app.session.sees_whole_program());
    let shown = people.matching().len();
    widgets::filter_line(
        app.theme,
        &people.filter,
        shown,
        people.rows.len(),
        ["person", "people"],
        idle,
    )
}
