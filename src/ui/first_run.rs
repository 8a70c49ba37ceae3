//! The first run: where the new program will be, and the form that creates it.

use crate::app::form::Form;
use crate::domain::sanitize;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use std::path::Path;

pub fn render(theme: Theme, db: &Path, form: &Form, frame: &mut Frame) {
    let [top, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(frame.area());
    let where_ = sanitize::line(&db.display().to_string()).into_owned();
    let lines = vec![
        Line::styled(" Welcome to mentordesk", theme.title()),
        Line::raw(format!(
            " There is no program at {where_} yet. Create one here, or Esc to leave."
        )),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), top);
    super::form::render(theme, form, frame, rest);
    if theme.ascii {
        crate::theme::ascii_only(frame.buffer_mut());
    }
}
