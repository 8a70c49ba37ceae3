//! Text laid out in columns, for the screens and for the lines the app writes for them: cut
//! to a width with "…" at a word, or wrapped at words.

use unicode_width::UnicodeWidthStr;

/// `text` in at most `width` columns: whole when it fits, else cut at a word where one ends
/// late enough, and ended with "…".
pub fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        kept.push(c);
        used += w;
    }
    // Back to the last word boundary, unless that throws away more than a third.
    if let Some(space) = kept.trim_end().rfind(' ')
        && space >= kept.len() * 2 / 3
    {
        kept.truncate(space);
    }
    format!("{}…", kept.trim_end())
}

/// `text` broken at spaces into lines of at most `width` columns; a word longer than a line
/// (a path) is broken where the line ends, so that every character shows.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let body = text.trim_start_matches(' ');
    let indent = text.len() - body.len();
    if indent == 0 || indent * 2 > width {
        return wrap_unindented(text, width);
    }
    // An indented line keeps its indent, on every row it wraps to.
    let pad = " ".repeat(indent);
    wrap_unindented(body, width - indent)
        .into_iter()
        .map(|row| format!("{pad}{row}"))
        .collect()
}

fn wrap_unindented(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        for c in word.chars() {
            if line.width() + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{fit, wrap_words};

    #[test]
    fn wrapping_keeps_an_indent_on_every_row_and_cuts_no_word() {
        assert_eq!(wrap_words("  one two three", 9), ["  one two", "  three"]);
        assert_eq!(wrap_words("one two three", 9), ["one two", "three"]);
        assert_eq!(wrap_words("a  b", 9), ["a  b"], "inner spaces stay");
        assert_eq!(
            wrap_words("      abc", 8),
            ["abc"],
            "an indent wider than half is dropped"
        );
        assert_eq!(wrap_words("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn cut_text_ends_with_an_ellipsis_at_a_word() {
        assert_eq!(fit("phone, in person, video, mail", 22), "phone, in person,…");
        assert_eq!(fit("short", 22), "short");
        assert_eq!(fit("abcdefghij", 5), "abcd…");
    }
}
