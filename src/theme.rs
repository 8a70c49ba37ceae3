//! Colours, borders and characters. Every status has a word beside its colour; a terminal
//! without colour (`NO_COLOR`, `TERM=dumb`, a VT100) gets a monochrome theme made of bold,
//! underline and reverse. A locale that is not UTF-8, or `--ascii`, gets plain ASCII: the
//! screens are drawn as always and every other character is then replaced, in one place
//! (`ascii_only`), so that nothing drawn anywhere can slip through.

use crate::domain::quota::QuotaStatus;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use std::ffi::OsString;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

impl Theme {
    /// The theme for this process's terminal and locale; `ascii` is `--ascii` or the config's.
    pub fn from_env(ascii: bool) -> Theme {
        Theme::for_vars(|name| std::env::var_os(name), ascii)
    }

    /// The theme for these environment variables: ASCII unless the locale's characters are
    /// UTF-8, colour unless the terminal has none or `NO_COLOR` asks for none.
    pub fn for_vars(var: impl Fn(&str) -> Option<OsString>, ascii: bool) -> Theme {
        let var_set = |name: &str| var(name).filter(|v| !v.is_empty());
        // POSIX: the first of these that is set and not empty decides the character set.
        let locale = var_set("LC_ALL")
            .or_else(|| var_set("LC_CTYPE"))
            .or_else(|| var_set("LANG"));
        let utf8 = locale.is_some_and(|l| {
            let l = l.to_string_lossy().to_ascii_lowercase();
            l.contains("utf-8") || l.contains("utf8")
        });
        let term = var_set("TERM").map(|t| t.to_string_lossy().to_ascii_lowercase());
        let color = var_set("NO_COLOR").is_none()
            && match term.as_deref() {
                None | Some("dumb") => false,
                Some(_) if var_set("COLORTERM").is_some() => true,
                // vt100, vt220…, and terminfo's monochrome variants (xterm-mono, xterm-m).
                Some(t) => {
                    !(t.starts_with("vt") && !t.contains("color")
                        || t.ends_with("-m")
                        || t.ends_with("-mono"))
                }
            };
        Theme {
            color,
            ascii: ascii || !utf8,
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
            QuotaStatus::NoActivePairs => Color::Magenta,
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

    /// A screen section: a rule with the title on top and nothing else, which is light to
    /// draw and cheap to send.
    pub fn block<'a>(self, title: impl Into<ratatui::text::Line<'a>>) -> ratatui::widgets::Block<'a> {
        ratatui::widgets::Block::new()
            .borders(ratatui::widgets::Borders::TOP)
            .border_set(border::PLAIN)
            .border_style(self.muted())
            .title(title)
            .title_style(self.title())
    }

    /// A text area inside a form: a rule down its left side. A box would cost two rows of
    /// line drawing, three bytes a cell, every time the form opens.
    pub fn text_area<'a>(self) -> ratatui::widgets::Block<'a> {
        ratatui::widgets::Block::new()
            .borders(ratatui::widgets::Borders::LEFT)
            .border_set(border::PLAIN)
            .border_style(self.muted())
    }

    /// A pop-up over a screen (forms, help, questions): boxed so it stands out.
    pub fn popup<'a>(self, title: impl Into<ratatui::text::Line<'a>>) -> ratatui::widgets::Block<'a> {
        ratatui::widgets::Block::bordered()
            .border_set(border::PLAIN)
            .border_style(self.muted())
            .title(title)
            .title_style(self.title())
    }
}

/// Replaces every character of `buffer` that is not ASCII, the one set of ASCII stand-ins for
/// the whole UI: lines and corners, marks, arrows, separators, the "…" of cut text, and letters
/// of names (an accent is dropped; what has no stand-in becomes "?", one per column).
pub fn ascii_only(buffer: &mut Buffer) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buffer[(x, y)].symbol();
            if symbol.is_ascii() {
                x += 1;
                continue;
            }
            let columns = symbol.width().max(1) as u16;
            let mut chars = symbol.chars();
            let stand_in = match (chars.next(), chars.next()) {
                (Some(c), None) => ascii_for(c),
                _ => '?',
            };
            for column in x..(x + columns).min(area.right()) {
                buffer[(column, y)].set_char(stand_in);
            }
            x += columns;
        }
    }
}

const ACCENTED: &str = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ";
const UNACCENTED: &str = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyy";

/// The ASCII character drawn for `c`, which is not ASCII.
fn ascii_for(c: char) -> char {
    match c {
        '·' | '│' | '┃' | '║' | '▏' => '|',
        '─' | '━' | '═' | '–' | '—' | '‐' | '−' => '-',
        '▸' | '›' | '→' | '»' => '>',
        '‹' | '←' | '«' => '<',
        '↑' => '^',
        '↓' => 'v',
        '…' => '~',
        '×' => 'x',
        '≠' => '*',
        '‘' | '’' => '\'',
        '“' | '”' => '"',
        '\u{a0}' => ' ',
        '\u{2500}'..='\u{257f}' => '+',
        '\u{2580}'..='\u{259f}' => '#',
        _ => ACCENTED
            .chars()
            .zip(UNACCENTED.chars())
            .find_map(|(accented, plain)| (accented == c).then_some(plain))
            .unwrap_or('?'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(vars: &[(&str, &str)]) -> Theme {
        let vars: Vec<(String, OsString)> = vars.iter().map(|(k, v)| (k.to_string(), v.into())).collect();
        Theme::for_vars(
            |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
            false,
        )
    }

    const fn is(color: bool, ascii: bool) -> Theme {
        Theme { color, ascii }
    }

    #[test]
    fn characters_follow_the_locale_and_colours_the_terminal() {
        assert_eq!(theme(&[("TERM", "dumb"), ("LANG", "C")]), is(false, true));
        assert_eq!(
            theme(&[("TERM", "xterm-256color"), ("LANG", "en_US.UTF-8")]),
            is(true, false)
        );
        assert_eq!(theme(&[("TERM", "vt100"), ("LANG", "C.utf8")]), is(false, false));
        assert_eq!(theme(&[("TERM", "vt220"), ("LANG", "C.UTF-8")]), is(false, false));
        assert_eq!(
            theme(&[("TERM", "xterm-mono"), ("LANG", "C.UTF-8")]),
            is(false, false)
        );
        assert_eq!(
            theme(&[("TERM", "linux"), ("LANG", "de_DE.UTF-8@euro")]),
            is(true, false)
        );
        assert_eq!(
            theme(&[("LANG", "C.UTF-8")]),
            is(false, false),
            "no TERM: no colour"
        );
        assert_eq!(
            theme(&[("TERM", "xterm")]),
            is(true, true),
            "no locale is the C locale"
        );
        // LC_ALL, then LC_CTYPE, then LANG; an empty one does not count.
        let utf8 = ("LANG", "en_US.UTF-8");
        assert!(theme(&[("TERM", "xterm"), utf8, ("LC_ALL", "C")]).ascii);
        assert!(theme(&[("TERM", "xterm"), utf8, ("LC_CTYPE", "en_US.ISO-8859-1")]).ascii);
        assert!(!theme(&[("TERM", "xterm"), ("LANG", "C"), ("LC_CTYPE", "en_US.UTF-8")]).ascii);
        assert!(!theme(&[("TERM", "xterm"), utf8, ("LC_ALL", "")]).ascii);
        assert!(!theme(&[("TERM", "xterm"), ("LC_CTYPE", "C"), ("LC_ALL", "en_US.UTF-8")]).ascii);
        // NO_COLOR wins; COLORTERM speaks for a terminal whose name says nothing of colour.
        assert!(!theme(&[("TERM", "xterm-256color"), utf8, ("NO_COLOR", "1")]).color);
        assert!(theme(&[("TERM", "xterm-256color"), utf8, ("NO_COLOR", "")]).color);
        assert!(theme(&[("TERM", "vt100"), utf8, ("COLORTERM", "truecolor")]).color);
        assert!(!theme(&[("TERM", "dumb"), utf8, ("COLORTERM", "truecolor")]).color);
    }

    /// A Linux console has 8 colours and their bright forms, nothing from 256 or RGB: the
    /// theme uses only those, so it needs no other palette there.
    #[test]
    fn the_theme_uses_only_the_sixteen_colours_of_a_linux_console() {
        let theme = is(true, false);
        let mut styles = vec![
            theme.title(),
            theme.muted(),
            theme.selected(),
            theme.tab_active(),
            theme.warning(),
            theme.good(),
            theme.error(),
            theme.status_bar(),
        ];
        for status in [
            QuotaStatus::Met,
            QuotaStatus::OnTrack,
            QuotaStatus::AtRisk,
            QuotaStatus::Behind,
            QuotaStatus::Missed,
        ] {
            styles.push(theme.quota(status));
        }
        for color in styles.iter().flat_map(|s| [s.fg, s.bg]).flatten() {
            assert!(!matches!(color, Color::Indexed(_) | Color::Rgb(..)), "{color:?}");
        }
    }

    #[test]
    fn ascii_only_leaves_one_ascii_character_a_column() {
        let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 24, 1));
        buffer.set_string(0, 0, "▸ José · 日 ←…┌─│", Style::new());
        ascii_only(&mut buffer);
        let row: String = (0..24).map(|x| buffer[(x, 0)].symbol()).collect();
        assert_eq!(row, "> Jose | ?? <~+-|       ");
    }
}
