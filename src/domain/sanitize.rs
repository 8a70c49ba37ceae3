//! Untrusted text on its way to the terminal: control characters, bidi overrides and zero-width
//! characters are shown escaped, never sent raw. Stored data is never changed by this.

use std::borrow::Cow;

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
    if !text.chars().any(needs_escape) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn clean_text_is_not_copied() {
        assert!(matches!(line("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn multi_line_text_keeps_its_lines() {
        assert_eq!(lines("a\u{1b}\nb"), vec!["a^[".to_string(), "b".to_string()]);
    }
}
