//! Help, confirmation and choice pop-ups.

use super::widgets::{SELECTION_MARKER, cell, centered, fit, wrap_words};
use crate::app::keymap::{self, Block};
use crate::app::{Choice, State};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn help(app: &State, top: usize, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let keys = keymap::help(app.screen, app.context.sees_whole_program(), &app.screens());
    let keys = &keys[top.min(keys.len())..];
    let mut lines = vec![Line::styled(
        format!("{} keys", app.screen.title()),
        theme.title(),
    )];
    const WIDTH: u16 = 72;
    const KEYS: usize = 20;
    // Each description wrapped at words beside its keys, never cut at the border.
    for (key, what) in keys {
        for (i, part) in wrap_words(what, WIDTH as usize - 2 - KEYS)
            .into_iter()
            .enumerate()
        {
            let keys = if i == 0 {
                format!("  {key:<18}")
            } else {
                " ".repeat(KEYS)
            };
            lines.push(Line::from(vec![
                Span::styled(keys, theme.title()),
                Span::raw(part),
            ]));
        }
    }
    let closing = Line::styled("any key closes this help", theme.muted());
    // Taller than the terminal: the last rows give way, and the footer says how to see them.
    let room = area.height.saturating_sub(3) as usize;
    if lines.len() > room {
        lines.truncate(room);
        lines.push(Line::styled(
            "j/k or ↓/↑ scroll · any other key closes this help",
            theme.muted(),
        ));
    } else {
        lines.push(closing);
    }
    let height = lines.len() as u16 + 2;
    let popup = centered(area, WIDTH, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(theme.popup(" Help ")), popup);
}

pub fn confirm(app: &State, question: &str, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    const WIDTH: u16 = 60;
    // As high as the question wraps, so that the y/n line below it always shows.
    let mut lines: Vec<Line> = wrap_words(&cell(question), WIDTH as usize - 2)
        .into_iter()
        .map(Line::raw)
        .collect();
    lines.push(Line::styled(
        keymap::hints(Block::Confirm, app.context.sees_whole_program()),
        theme.muted(),
    ));
    let popup = centered(area, WIDTH, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    let text = Paragraph::new(lines).block(theme.popup(" Confirm "));
    frame.render_widget(text, popup);
}

pub fn choose(app: &State, choice: &Choice, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let matching = choice.matching();
    // Borders, the key hints and the filter line, then a row an option.
    let height = (choice.options.len().max(1) as u16 + 4).min(area.height);
    let popup = centered(area, 78, height);
    frame.render_widget(Clear, popup);
    let block = theme.popup(format!(
        " {} ",
        fit(&cell(&choice.title), popup.width.saturating_sub(4) as usize)
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    let hints = keymap::hints(Block::Choose, app.context.sees_whole_program());
    frame.render_widget(
        Line::styled(fit(&hints, width), theme.muted()),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    if inner.height < 2 {
        return;
    }
    let filter_row = Rect::new(inner.x, inner.y + 1, inner.width, 1);
    let query = cell(&choice.picker.query);
    let counted = format!("  {} of {}", matching.len(), choice.options.len());
    let typed_or_hint = if query.is_empty() {
        Span::styled("type to filter", theme.muted())
    } else {
        Span::raw(query.clone())
    };
    frame.render_widget(
        Line::from(vec![
            Span::styled("Find: ", theme.title()),
            typed_or_hint,
            Span::styled(counted, theme.muted()),
        ]),
        filter_row,
    );
    let typed = unicode_width::UnicodeWidthStr::width(query.as_str()) as u16;
    frame.set_cursor_position(Position::new(
        (filter_row.x + 6 + typed).min(filter_row.right().saturating_sub(1)),
        filter_row.y,
    ));
    let list = Rect::new(inner.x, inner.y + 2, inner.width, inner.height - 2);
    if matching.is_empty() {
        frame.render_widget(
            Line::styled(fit(&format!(" no match for \"{query}\""), width), theme.muted()),
            Rect::new(list.x, list.y, list.width, list.height.min(1)),
        );
        return;
    }
    let cursor = &choice.picker.cursor;
    let offset = cursor.offset_for(list.height as usize, matching.len());
    let lines: Vec<Line> = matching
        .iter()
        .enumerate()
        .skip(offset)
        .take(list.height as usize)
        .map(|(row, &index)| {
            let label = fit(&cell(&choice.options[index].0), width.saturating_sub(2));
            if row == cursor.selected {
                Line::from(vec![
                    Span::styled(SELECTION_MARKER, theme.title()),
                    Span::raw(" "),
                    Span::styled(label, theme.selected()),
                ])
            } else {
                Line::raw(format!("  {label}"))
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

pub fn text(app: &State, title: &str, lines: &[String], top: usize, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    // Wrapped at words to the pop-up's width, never cut; scrolled when taller than the screen.
    let wrapped: Vec<String> = lines.iter().flat_map(|l| wrap_words(&cell(l), 68)).collect();
    let room = area.height.saturating_sub(3) as usize;
    let top = top.min(wrapped.len().saturating_sub(room));
    let mut shown: Vec<Line> = wrapped
        .iter()
        .skip(top)
        .take(room)
        .map(|l| Line::raw(l.clone()))
        .collect();
    let closing = if wrapped.len() > room {
        format!(
            "lines {}–{} of {} · j k PgDn PgUp g G scroll · any other key closes",
            top + 1,
            top + shown.len(),
            wrapped.len()
        )
    } else {
        "any key closes".to_string()
    };
    shown.push(Line::styled(closing, theme.muted()));
    let popup = centered(area, 70, shown.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(shown).block(theme.popup(title.to_string())), popup);
}
