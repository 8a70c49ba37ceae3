//! Untrusted text on its way to the terminal: control characters, bidi overrides and zero-width
//! characters are shown escaped, never sent raw. Stored data is never changed by this.
//!
//! Stored text may hold neither control characters (but tab and newline) nor bidi controls: both
//! are refused at input ([`check_stored`]) and escaped in exports ([`keep_lines`]).

use std::borrow::Cow;

/// The characters that change the direction of the text around them: embeddings and overrides,
/// isolates, and the left-to-right, right-to-left and Arabic letter marks. In a name or a note
/// they make one value show as another ("Trojan Source").
fn is_bidi_control(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{061C}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}')
}

/// Printable ASCII (and, with `lines`, tab and newline): nothing to escape or refuse, found
/// without decoding a character. The common case, and every field of a million-row export.
fn printable_ascii(text: &str, lines: bool) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' '..=b'~') || (lines && matches!(b, b'\t' | b'\n')))
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push(' '),
        '\u{1b}' => out.push_str("^["),
        c if (c as u32) < 0x20 => {
            out.push('^');
            out.push(char::from_u32(c as u32 + 0x40).unwrap_or('?'));
        }
        c => out.push_str(&format!("<U+{:04X}>", c as u32)),
    }
}

/// One line of display text: line breaks become spaces, other control and invisible
/// characters are escaped (`ESC` shows as `^[`, a bidi override as `<U+202E>`).
pub fn line(text: &str) -> Cow<'_, str> {
    if printable_ascii(text, false) || !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push(' '),
            '\r' => {}
            c if needs_escape(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Multi-line display text: each line escaped as by [`line`].
pub fn lines(text: &str) -> Vec<String> {
    text.lines().map(|l| line(l).into_owned()).collect()
}

/// Text with its lines, for an export: tab and newline kept, every other control character and
/// every bidi control (found in data stored before they were refused) escaped as [`line`] does.
pub fn keep_lines(text: &str) -> Cow<'_, str> {
    if printable_ascii(text, true) || !text.char_indices().any(|(at, c)| forbidden(text, at, c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (at, c) in text.char_indices() {
        match c {
            '\r' if forbidden(text, at, c) => out.push_str("^M"),
            c if forbidden(text, at, c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether the character at byte `at` of `text` is one that stored text may not hold: a bidi
/// control, or a control character other than tab, newline, and the carriage return of a CRLF
/// line end (kept as imported from Windows files).
fn forbidden(text: &str, at: usize, c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => !text[at + 1..].starts_with('\n'),
        c => c.is_control() || is_bidi_control(c),
    }
}

/// Stored text holds no control characters but tab and newline, and no bidi controls: refuses
/// the first other one, naming the field and the character.
pub fn check_stored(field: &str, text: &str) -> Result<(), String> {
    stored_text_problem(text).map_err(|reason| format!("{field}: {reason}"))
}

/// What [`check_stored`] refuses, without the field: for callers that name it their own way.
pub fn stored_text_problem(text: &str) -> Result<(), String> {
    if printable_ascii(text, true) {
        return Ok(());
    }
    let Some((at, c)) = text.char_indices().find(|&(at, c)| forbidden(text, at, c)) else {
        return Ok(());
    };
    let position = text[..at].chars().count() + 1;
    if is_bidi_control(c) {
        return Err(format!(
            "text direction control U+{:04X} at character {position}; \
             it can make the text show as something else, so it is not allowed",
            c as u32
        ));
    }
    let name = match c {
        '\u{1b}' => " (Escape)",
        '\u{7}' => " (bell)",
        '\r' => " (carriage return)",
        '\0' => " (NUL)",
        _ => "",
    };
    Err(format!(
        "control character U+{:04X}{name} at character {position}; only tab and newline are allowed",
        c as u32,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_keep_lines_and_tabs_but_escape_other_controls() {
        assert_eq!(keep_lines("a\tb\nc"), "a\tb\nc");
        assert!(matches!(keep_lines("plain"), Cow::Borrowed(_)));
        assert_eq!(
            keep_lines("x\u{1b}[2J\u{7}\r\n\u{9b}\r"),
            "x^[[2J^G\r\n<U+009B>^M"
        );
    }

    #[test]
    fn stored_text_refuses_every_control_character_but_tab_and_newline() {
        assert_eq!(check_stored("notes", "two\nlines\tand a tab, 李 🙂\r\n"), Ok(()));
        let err = check_stored("notes", "ab\u{1b}[2J").unwrap_err();
        assert_eq!(
            err,
            "notes: control character U+001B (Escape) at character 3; only tab and newline are allowed"
        );
        for bad in ["\u{7}", "\r", "a\rb\n", "\0", "\u{9b}", "\u{7f}"] {
            assert!(check_stored("name", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn stored_text_refuses_every_bidi_control_and_exports_escape_them() {
        let bidi = [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
            '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ];
        for c in bidi {
            let text = format!("ab{c}cd");
            let err = check_stored("name", &text).unwrap_err();
            assert_eq!(
                err,
                format!(
                    "name: text direction control U+{:04X} at character 3; \
                     it can make the text show as something else, so it is not allowed",
                    c as u32
                )
            );
            let exported = keep_lines(&text);
            assert!(!exported.contains(c), "{exported:?}");
            assert_eq!(exported, format!("ab<U+{:04X}>cd", c as u32));
        }
        // Right-to-left script and joiners used by scripts and emoji stay.
        assert_eq!(check_stored("name", "שלום عربي 👩\u{200D}💻"), Ok(()));
    }

    #[test]
    fn escape_table() {
        let cases = [
            ("Ana Ruiz", "Ana Ruiz"),
            ("evil\u{1b}[2Jname", "evil^[[2Jname"),
            ("bell\u{7}", "bell^G"),
            ("rtl\u{202E}txt", "rtl<U+202E>txt"),
            ("zero\u{200B}width", "zero<U+200B>width"),
            ("c1\u{9b}31m", "c1<U+009B>31m"),
            ("two\nlines", "two lines"),
            ("tab\there", "tab here"),
            ("李小龍 🙂", "李小龍 🙂"),
        ];
        for (raw, want) in cases {
            assert_eq!(line(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn every_ascii_character_is_judged_as_the_character_rules_judge_it() {
        for b in 0u8..=0x7f {
            let c = char::from(b);
            let text = format!("a{c}b");
            let escaped_in_a_line = c.is_control();
            let refused = c.is_control() && c != '\t' && c != '\n';
            assert_eq!(matches!(line(&text), Cow::Owned(_)), escaped_in_a_line, "{c:?}");
            assert_eq!(matches!(keep_lines(&text), Cow::Owned(_)), refused, "{c:?}");
            assert_eq!(check_stored("f", &text).is_err(), refused, "{c:?}");
        }
    }

    #[test]
    fn clean_text_is_not_copied() {
        assert!(matches!(line("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn multi_line_text_keeps_its_lines() {
        assert_eq!(lines("a\u{1b}\nb"), vec!["a^[".to_string(), "b".to_string()]);
    }
}
