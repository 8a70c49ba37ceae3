//! Progress bars for long command-line work: drawn on stderr only when it is a terminal (never
//! into a pipe or a log file), and at most four times a second so a slow link is not flooded.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const REDRAWS_PER_SECOND: u8 = 4;

fn bar(total: u64, template: &str) -> ProgressBar {
    let style = ProgressStyle::with_template(template)
        .expect("the templates below are valid")
        .progress_chars("#>-");
    ProgressBar::with_draw_target(
        Some(total),
        ProgressDrawTarget::stderr_with_hz(REDRAWS_PER_SECOND),
    )
    .with_style(style)
}

/// Reading a file of `total` bytes.
pub fn bytes(total: u64, what: &str) -> ProgressBar {
    bar(
        total,
        "{prefix} [{bar:25}] {percent:>3}% {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
    )
    .with_prefix(what.to_string())
}

/// Writing `total` things.
pub fn count(total: u64, what: &str) -> ProgressBar {
    bar(
        total,
        "{prefix} [{bar:25}] {percent:>3}% ({human_pos}/{human_len})",
    )
    .with_prefix(what.to_string())
}
