//! Progress bars for long command-line work: drawn on stderr only when it is a terminal (never
//! into a pipe or a log file), and at most four times a second so a slow link is not flooded.
//! The line fits the terminal's width (80 columns when it is unknown): the name of what is being
//! done is cut to the room left, and a narrow terminal gets fewer details.

use indicatif::{HumanCount, HumanDuration, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

const REDRAWS_PER_SECOND: u8 = 4;

/// Columns when the terminal's width cannot be read.
const UNKNOWN_WIDTH: u16 = 80;

/// The fewest columns the name keeps before a template with more details is given up.
const NAME_ROOM: usize = 12;

/// The `{left}` key: the time left, always [`LEFT_WIDTH`] columns ("12m left"); blank when too
/// far off to mean anything (the first moments of a slow start).
const LEFT_WIDTH: usize = 8;

fn left(state: &ProgressState, out: &mut dyn std::fmt::Write) {
    let eta = state.eta();
    let text = if eta.as_secs() < 99 * 60 * 60 {
        format!("{:#} left", HumanDuration(eta))
    } else {
        String::new()
    };
    let _ = write!(out, "{text:>LEFT_WIDTH$}");
}

/// The template for a line at most `width` columns wide: the name (`{wide_msg}`, which indicatif
/// cuts to the room left), a bar, the percentage, `detail` (exactly `detail_width` columns) and
/// the time left, as many of them as fit.
fn template(width: u16, detail: &str, detail_width: usize) -> String {
    let width = usize::from(width);
    // " [" bar "] " "100%" " " detail " " left
    let full = 2 + 20 + 2 + 4 + 1 + detail_width + 1 + LEFT_WIDTH;
    let short = 2 + 10 + 2 + 4 + 1 + LEFT_WIDTH;
    if width >= full + NAME_ROOM {
        format!("{{wide_msg}} [{{bar:20}}] {{percent:>3}}% {detail} {{left}}")
    } else if width >= short + NAME_ROOM {
        "{wide_msg} [{bar:10}] {percent:>3}% {left}".into()
    } else {
        "{wide_msg} {percent:>3}%".into()
    }
}

/// The width of the terminal on standard error, where the bar is drawn.
#[cfg(unix)]
fn terminal_width() -> u16 {
    // SAFETY: an all-zero winsize is a valid value, and TIOCGWINSZ writes only into it.
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    let read = unsafe { libc::ioctl(libc::STDERR_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
    if read && size.ws_col > 0 {
        size.ws_col
    } else {
        UNKNOWN_WIDTH
    }
}

/// The width of the console window, where the bar is drawn.
#[cfg(not(unix))]
fn terminal_width() -> u16 {
    crossterm::terminal::size().map_or(UNKNOWN_WIDTH, |(columns, _)| columns)
}

fn bar(total: u64, template: &str, what: &str, target: ProgressDrawTarget) -> ProgressBar {
    let style = ProgressStyle::with_template(template)
        .expect("the templates above are valid")
        .with_key("left", left)
        .progress_chars("#>-");
    ProgressBar::with_draw_target(Some(total), target)
        .with_style(style)
        .with_message(crate::domain::sanitize::line(what).into_owned())
}

/// The bytes template: the speed is at most 13 columns ("1023.99 PiB/s").
fn bytes_template(width: u16) -> String {
    template(width, "{bytes_per_sec:>13}", 13)
}

/// The count template: both counts as wide as the total.
fn count_template(width: u16, total: u64) -> String {
    let digits = HumanCount(total).to_string().len();
    template(
        width,
        &format!("{{human_pos:>{digits}}}/{{human_len}}"),
        2 * digits + 1,
    )
}

fn stderr() -> ProgressDrawTarget {
    ProgressDrawTarget::stderr_with_hz(REDRAWS_PER_SECOND)
}

/// Reading a file of `total` bytes.
pub fn bytes(total: u64, what: &str) -> ProgressBar {
    bar(total, &bytes_template(terminal_width()), what, stderr())
}

/// Writing `total` things.
pub fn count(total: u64, what: &str) -> ProgressBar {
    bar(total, &count_template(terminal_width(), total), what, stderr())
}

#[cfg(test)]
mod tests {
    use super::*;
    use indicatif::TermLike;
    use std::sync::{Arc, Mutex};
    use unicode_width::UnicodeWidthStr;

    /// A terminal `width` columns wide that keeps every line written to it.
    #[derive(Debug, Clone)]
    struct Recorder {
        width: u16,
        lines: Arc<Mutex<Vec<String>>>,
    }

    impl TermLike for Recorder {
        fn width(&self) -> u16 {
            self.width
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.write_str(s)
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            if !s.is_empty() {
                self.lines.lock().unwrap().push(s.to_string());
            }
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The lines a bar with `template` draws on a terminal `width` columns wide, halfway through
    /// a large total.
    fn drawn(width: u16, template: &str, total: u64) -> Vec<String> {
        let term = Recorder {
            width,
            lines: Arc::default(),
        };
        let name = "reading contacts-exported-from-the-old-spreadsheet-of-the-whole-union.csv";
        let bar = bar(
            total,
            template,
            name,
            ProgressDrawTarget::term_like(Box::new(term.clone())),
        );
        bar.set_position(total / 2);
        bar.tick();
        bar.abandon();
        let lines = term.lines.lock().unwrap().clone();
        assert!(!lines.is_empty(), "nothing drawn at {width} columns");
        lines
    }

    #[test]
    fn the_line_fits_every_terminal_width_and_80_columns_when_unknown() {
        assert_eq!(UNKNOWN_WIDTH, 80);
        for width in [20, 30, 40, 45, 60, 70, 79, 80, 81, 100, 200] {
            let total = u64::MAX / 4;
            for (what, template) in [
                ("bytes", bytes_template(width)),
                ("count", count_template(width, total)),
            ] {
                for line in drawn(width, &template, total) {
                    assert!(
                        line.width() <= usize::from(width),
                        "{what} at {width} columns is {} wide: {line:?}",
                        line.width()
                    );
                    assert!(line.starts_with("reading con"), "{what} at {width}: {line:?}");
                }
            }
        }
    }

    #[test]
    fn a_wide_terminal_gets_every_detail_and_a_narrow_one_the_percentage() {
        assert!(bytes_template(80).contains("{bytes_per_sec"));
        assert!(bytes_template(80).contains("{left}"));
        assert!(!bytes_template(50).contains("{bytes_per_sec"));
        assert!(bytes_template(50).contains("{bar:10}"));
        assert_eq!(bytes_template(30), "{wide_msg} {percent:>3}%");
        assert!(count_template(80, 1_000_000).contains("{human_pos:>9}/{human_len}"));
    }
}
