//! Terminal input as crossterm reads it, with one mistake mended: Escape followed at once by
//! an arrow (`ESC ESC [ B`, common on laggy links, where both keys arrive in one read).
//! crossterm reads `ESC ESC` as a single Esc and drops the second ESC, so the rest of the arrow
//! comes out as the keys `[` and `B`, and `[` changes the month. Here the rest is read back
//! into the key the second ESC began.

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::time::Duration;

/// The next events from the terminal: usually one, two or three when an Esc was followed at
/// once by an escape sequence (the Esc, the key it began, and an event that came after).
pub fn read_events() -> std::io::Result<Vec<Event>> {
    let first = event::read()?;
    if !is_plain(&first, KeyCode::Esc) || !event::poll(Duration::ZERO)? {
        return Ok(vec![first]);
    }
    // An ESC that crossterm dropped starts a sequence only when its next byte is here already:
    // a `[` typed after Esc comes later, in a read of its own.
    let next = event::read()?;
    let intro = match typed_char(&next) {
        Some(c @ ('[' | 'O')) => c,
        _ => return Ok(vec![first, next]),
    };
    let mut tail = String::new();
    let mut after = None;
    while event::poll(Duration::ZERO)? {
        let event = event::read()?;
        match typed_char(&event) {
            Some(c) => {
                tail.push(c);
                if is_final(c) {
                    break;
                }
            }
            None => {
                after = Some(event);
                break;
            }
        }
    }
    let mut events = vec![first];
    events.extend(sequence_key(intro, &tail).map(Event::Key));
    events.extend(after);
    Ok(events)
}

fn is_plain(event: &Event, code: KeyCode) -> bool {
    matches!(event, Event::Key(key) if key.code == code
        && key.kind != KeyEventKind::Release
        && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT))
}

/// The character a key event typed, when it is one an escape sequence can hold.
fn typed_char(event: &Event) -> Option<char> {
    match event {
        Event::Key(key)
            if key.kind != KeyEventKind::Release
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            match key.code {
                KeyCode::Char(c) if (' '..='~').contains(&c) => Some(c),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether `c` ends a control sequence (ECMA-48: a final byte; parameters and
/// intermediates come before it).
fn is_final(c: char) -> bool {
    ('@'..='~').contains(&c)
}

/// The key of `ESC intro tail`: `ESC [ B` is Down, `ESC [ 1 ; 5 A` Ctrl-Up, `ESC [ 5 ~` PgUp,
/// `ESC O B` Down in application mode. `None` for a sequence that is no key the app reads.
pub fn sequence_key(intro: char, tail: &str) -> Option<KeyEvent> {
    let last = tail.chars().last().filter(|c| is_final(*c))?;
    let params: Vec<&str> = tail[..tail.len() - 1].split(';').collect();
    let modifiers = match params.get(1).and_then(|m| m.parse::<u8>().ok()) {
        Some(m) if m >= 1 => {
            let bits = m - 1;
            let mut mods = KeyModifiers::NONE;
            for (bit, modifier) in [
                (1, KeyModifiers::SHIFT),
                (2, KeyModifiers::ALT),
                (4, KeyModifiers::CONTROL),
            ] {
                if bits & bit != 0 {
                    mods |= modifier;
                }
            }
            mods
        }
        _ => KeyModifiers::NONE,
    };
    let code = match (intro, last) {
        (_, 'A') => KeyCode::Up,
        (_, 'B') => KeyCode::Down,
        (_, 'C') => KeyCode::Right,
        (_, 'D') => KeyCode::Left,
        (_, 'H') => KeyCode::Home,
        (_, 'F') => KeyCode::End,
        ('[', 'Z') => KeyCode::BackTab,
        ('[', '~') => match params[0] {
            "1" | "7" => KeyCode::Home,
            "2" => KeyCode::Insert,
            "3" => KeyCode::Delete,
            "4" | "8" => KeyCode::End,
            "5" => KeyCode::PageUp,
            "6" => KeyCode::PageDown,
            _ => return None,
        },
        _ => return None,
    };
    let modifiers = if code == KeyCode::BackTab {
        KeyModifiers::SHIFT
    } else {
        modifiers
    };
    Some(KeyEvent::new(code, modifiers))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rest_of_an_escape_sequence_is_the_key_it_began() {
        let key = |intro, tail| sequence_key(intro, tail).map(|k| (k.code, k.modifiers));
        assert_eq!(key('[', "B"), Some((KeyCode::Down, KeyModifiers::NONE)));
        assert_eq!(key('O', "A"), Some((KeyCode::Up, KeyModifiers::NONE)));
        assert_eq!(key('[', "1;5C"), Some((KeyCode::Right, KeyModifiers::CONTROL)));
        assert_eq!(key('[', "5~"), Some((KeyCode::PageUp, KeyModifiers::NONE)));
        assert_eq!(key('[', "6;2~"), Some((KeyCode::PageDown, KeyModifiers::SHIFT)));
        assert_eq!(key('[', "Z"), Some((KeyCode::BackTab, KeyModifiers::SHIFT)));
        assert_eq!(key('[', "99~"), None, "no key the app reads");
        assert_eq!(key('[', "1;5"), None, "cut off before its end");
        assert_eq!(key('[', ""), None);
    }
}
