//! Pasted text (bracketed paste): it goes whole into the text field that has the focus, never
//! read as keys. A multi-line field takes its line breaks; a one-line field gets them as
//! spaces, and says so.

/// What became of a paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pasted {
    /// Into the field as it was.
    Whole,
    /// Into a one-line field, its line breaks made spaces.
    Joined,
    /// No text field has the focus: nothing changed.
    Nowhere,
}

impl Pasted {
    /// What the message line says about it, if anything.
    pub fn message(self) -> Option<&'static str> {
        match self {
            Pasted::Whole => None,
            Pasted::Joined => Some("pasted on one line: its line breaks became spaces"),
            Pasted::Nowhere => Some("paste ignored: no text field here"),
        }
    }
}

/// Pasted text for a multi-line field: every line break a `\n`, tabs spaces, other control
/// characters left out.
pub fn as_lines(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Pasted text for a one-line field, and whether line breaks inside it became spaces (the
/// line breaks it ends with are left out).
pub fn as_line(text: &str) -> (String, bool) {
    let lines = as_lines(text);
    let lines = lines.trim_end_matches('\n');
    (lines.replace('\n', " "), lines.contains('\n'))
}

/// Appends a paste to a one-line field's text.
pub fn append_line(field: &mut String, text: &str) -> Pasted {
    let (line, joined) = as_line(text);
    field.push_str(&line);
    if joined { Pasted::Joined } else { Pasted::Whole }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_stay_in_many_lines_and_become_spaces_in_one() {
        assert_eq!(as_lines("a\r\nb\rc\td\x07e"), "a\nb\nc de");
        assert_eq!(as_line("one\ntwo\n"), ("one two".to_string(), true));
        assert_eq!(as_line("just one\r\n"), ("just one".to_string(), false));
        let mut field = "x ".to_string();
        assert_eq!(append_line(&mut field, "a\nb"), Pasted::Joined);
        assert_eq!(field, "x a b");
    }
}
