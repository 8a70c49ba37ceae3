//! Help, confirmation and choice pop-ups.

use super::widgets::{cell, centered};
use crate::app::keymap::{self, Block};
use crate::app::{App, Choice};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub fn help(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let keys = keymap::help(app.screen, app.session.sees_whole_program());
    let mut lines = vec![Line::styled(
        format!("{} keys", app.screen.title()),
        theme.title(),
    )];
    for (key, what) in keys {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<18}"), theme.title()),
            Span::raw(what),
        ]));
    }
    lines.push(Line::styled("any key closes this help", theme.muted()));
    let height = lines.len() as u16 + 2;
    let popup = centered(area, 72, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(theme.popup(" Help ")), popup);
}

pub fn confirm(app: &App, question: &str, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let popup = centered(area, 60, 5);
    frame.render_widget(Clear, popup);
    let text = Paragraph::new(vec![
        Line::raw(question.to_string()),
        Line::styled(
            keymap::hints(Block::Confirm, app.session.sees_whole_program()),
            theme.muted(),
        ),
    ])
    .wrap(Wrap { trim: true })
    .block(theme.popup(" Confirm "));
    frame.render_widget(text, popup);
}

pub fn choose(app: &App, choice: &Choice, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let height = (choice.options.len() as u16 + 3).min(area.height);
    let popup = centered(area, 78, height);
    frame.render_widget(Clear, popup);
    let visible = popup.height.saturating_sub(3) as usize;
    let start = choice.cursor.saturating_sub(visible.saturating_sub(1));
    let mut lines = vec![Line::styled(
        keymap::hints(Block::Choose, app.session.sees_whole_program()),
        theme.muted(),
    )];
    for (i, (label, _)) in choice.options.iter().enumerate().skip(start).take(visible) {
        let style = if i == choice.cursor {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(format!(" {} ", cell(label)), style));
    }
    frame.render_widget(
        Paragraph::new(lines).block(theme.popup(format!(" {} ", cell(&choice.title)))),
        popup,
    );
}

pub fn text(app: &App, title: &str, lines: &[String], frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let mut shown: Vec<Line> = lines.iter().map(|l| Line::raw(cell(l))).collect();
    shown.push(Line::styled("any key closes", theme.muted()));
    let popup = centered(area, 70, shown.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(shown).block(theme.popup(title.to_string())), popup);
}
