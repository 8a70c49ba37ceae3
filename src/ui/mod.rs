//! Rendering: a pure function of the plain `app::State`, never of the runtime that owns the
//! store. One file per screen.

mod calendar;
mod caseload;
mod contacts;
pub mod first_run;
pub mod form;
mod forms;
mod overlays;
mod people;
mod program;
mod programs;
pub mod widgets;

use crate::app::{Overlay, Screen, State};
use crate::domain::sanitize;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

pub fn render(app: &State, frame: &mut Frame) {
    draw(app, frame);
    if app.theme.ascii {
        crate::theme::ascii_only(frame.buffer_mut());
    }
}

fn draw(app: &State, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let notice = format!(
            "terminal too small ({}×{}); mentordesk needs {MIN_WIDTH}×{MIN_HEIGHT}",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(notice).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let [tabs, body, message, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_tabs(app, frame, tabs);
    match app.screen {
        Screen::Caseload => caseload::render(app, frame, body),
        Screen::Contacts => contacts::render(app, frame, body),
        Screen::Calendar => calendar::render(app, frame, body),
        Screen::Forms => forms::render(app, frame, body),
        Screen::Program => program::render(app, frame, body),
        Screen::People => people::render(app, frame, body),
        Screen::Programs => programs::render(app, frame, body),
    }
    render_message(app, frame, message);
    render_status(app, frame, status);
    if app.overlay.is_some() {
        hide_selection_marks(frame, body);
    }
    match &app.overlay {
        None => {}
        Some(Overlay::Help { top }) => overlays::help(app, *top, frame, body),
        Some(Overlay::ContactForm(contact)) => form::render(app.theme, &contact.form, frame, body),
        Some(Overlay::Confirm { question, .. }) => overlays::confirm(app, question, frame, body),
        Some(Overlay::Choose(choice)) => overlays::choose(app, choice, frame, body),
        Some(Overlay::Event(view)) => calendar::render_event(app, view, frame, body),
        Some(Overlay::Text { title, lines, top }) => overlays::text(app, title, lines, *top, frame, body),
        Some(Overlay::Form(fill)) => {
            form::render_with_footer(app.theme, &fill.form, frame, body, forms::filed_keys(app, fill))
        }
        Some(Overlay::EventForm(event)) => form::render(app.theme, &event.form, frame, body),
        Some(Overlay::Fields(open)) => form::render(app.theme, &open.0, frame, body),
    }
}

/// Under a pop-up, the screen behind loses its selection marks, so that the one "▸" in view
/// is the pop-up's own (a picker over a list once showed two, and the wrong one was believed).
fn hide_selection_marks(frame: &mut Frame, body: Rect) {
    let marker = widgets::SELECTION_MARKER;
    let buffer = frame.buffer_mut();
    for y in body.top()..body.bottom() {
        for x in body.left()..body.right() {
            let cell = &mut buffer[(x, y)];
            if cell.symbol() == marker {
                cell.set_symbol(" ");
            }
        }
    }
}

fn render_tabs(app: &State, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    for (i, screen) in app.screens().iter().enumerate() {
        let style = if *screen == app.screen {
            app.theme.tab_active()
        } else {
            Style::new()
        };
        let marker = if *screen == app.screen {
            widgets::SELECTION_MARKER
        } else {
            " "
        };
        spans.push(Span::raw(format!(" {marker}{} ", i + 1)));
        spans.push(Span::styled(screen.title(), style));
    }
    frame.render_widget(Line::from(spans), area);
}

fn render_message(app: &State, frame: &mut Frame, area: Rect) {
    let (text, style) = match &app.message {
        Some((text, true)) => (format!("! {text}"), app.theme.error()),
        Some((text, false)) => (text.clone(), app.theme.good()),
        None => return,
    };
    let text = sanitize::line(&text).into_owned();
    // A message too long for the line ends with "…" and says how to read it whole.
    let text = if text.width() > area.width as usize {
        let more = " (! shows all)";
        format!(
            "{}{more}",
            widgets::fit(&text, (area.width as usize).saturating_sub(more.len()))
        )
    } else {
        text
    };
    frame.render_widget(Paragraph::new(text).style(style), area);
}

fn render_status(app: &State, frame: &mut Frame, area: Rect) {
    let context = &app.context;
    let text = match &app.copy_status {
        // A laptop copy says so in words, before the rest: what it has to send, and when it
        // last synced.
        Some(status) => format!(" {status} · ? help"),
        None => format!(
            " {} ({}) · {} · ? help · {}",
            sanitize::line(&context.me().name),
            context.me().role.as_str(),
            context.today.format("%a %-d %b %Y"),
            sanitize::line(&context.program.name),
        ),
    };
    let text = widgets::fit(&text, area.width as usize);
    frame.render_widget(Paragraph::new(text).style(app.theme.status_bar()), area);
}
