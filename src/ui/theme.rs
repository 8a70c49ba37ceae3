//! Colours and borders. Every status has a word beside its colour; `NO_COLOR` swaps in a
//! monochrome theme made of bold, underline and reverse.

use crate::domain::quota::QuotaStatus;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

impl Theme {
    /// Monochrome when `NO_COLOR` is set to anything non-empty.
    pub fn from_env(ascii: bool) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            ascii,
        }
    }

    /// The same theme drawn without colour (the config file's `color = false`).
    pub fn without_color(self) -> Theme {
        Theme { color: false, ..self }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn muted(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn tab_active(self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn warning(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn status_bar(self) -> Style {
        if self.color {
            Style::new().bg(Color::Blue).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn quota(self, status: QuotaStatus) -> Style {
        let color = match status {
            QuotaStatus::Met => Color::Green,
            QuotaStatus::OnTrack => Color::Cyan,
            QuotaStatus::AtRisk => Color::Yellow,
            QuotaStatus::Behind | QuotaStatus::Missed => Color::Red,
            QuotaStatus::NoQuota => Color::Reset,
        };
        let style = self.fg(color);
        match status {
            QuotaStatus::Behind | QuotaStatus::Missed | QuotaStatus::AtRisk => {
                style.add_modifier(Modifier::BOLD)
            }
            _ => style,
        }
    }

    pub fn border_set(self) -> border::Set<'static> {
        if self.ascii {
            border::Set {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical_left: "|",
                vertical_right: "|",
                horizontal_top: "-",
                horizontal_bottom: "-",
            }
        } else {
            border::PLAIN
        }
    }

    /// A screen section: a rule with the title on top and nothing else, which is light to
    /// draw and cheap to send.
    pub fn block<'a>(self, title: impl Into<ratatui::text::Line<'a>>) -> ratatui::widgets::Block<'a> {
        ratatui::widgets::Block::new()
            .borders(ratatui::widgets::Borders::TOP)
            .border_set(self.border_set())
            .border_style(self.muted())
            .title(title)
            .title_style(self.title())
    }

    /// A text area inside a form: a rule down its left side. A box would cost two rows of
    /// line drawing, three bytes a cell, every time the form opens.
    pub fn text_area<'a>(self) -> ratatui::widgets::Block<'a> {
        ratatui::widgets::Block::new()
            .borders(ratatui::widgets::Borders::LEFT)
            .border_set(self.border_set())
            .border_style(self.muted())
    }

    /// A pop-up over a screen (forms, help, questions): boxed so it stands out.
    pub fn popup<'a>(self, title: impl Into<ratatui::text::Line<'a>>) -> ratatui::widgets::Block<'a> {
        ratatui::widgets::Block::bordered()
            .border_set(self.border_set())
            .border_style(self.muted())
            .title(title)
            .title_style(self.title())
    }
}
