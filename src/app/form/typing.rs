//! Typing into a field, key by key: a word on a choice, a line of text.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The choice a typed word names: the first label it starts, else the first it is in (case
/// aside); `None` when no label holds it.
pub fn choice_matching<'a>(labels: impl IntoIterator<Item = &'a str> + Clone, typed: &str) -> Option<usize> {
    let typed = typed.to_lowercase();
    if typed.is_empty() {
        return None;
    }
    let position =
        |test: &dyn Fn(&str) -> bool| labels.clone().into_iter().position(|l| test(&l.to_lowercase()));
    position(&|l| l.starts_with(&typed)).or_else(|| position(&|l| l.contains(&typed)))
}

/// A word that named a choice until the letter just typed starts again from that letter, when
/// a choice begins with it: on a yes/no item, "y" then "n" is "no". A word that never named one
/// ("zoom call") does not, so it cannot wander from choice to choice letter by letter.
pub fn restart_on_letter<'a>(
    labels: impl IntoIterator<Item = &'a str>,
    word: &mut String,
    named_one_before: bool,
) -> Option<usize> {
    let last = word.chars().last().filter(|c| c.is_alphanumeric())?;
    if !named_one_before || word.chars().count() < 2 {
        return None;
    }
    let letter = last.to_lowercase().to_string();
    let found = labels
        .into_iter()
        .position(|l| l.to_lowercase().starts_with(&letter))?;
    *word = last.to_string();
    Some(found)
}

/// What the footer says when a typed word names no choice.
pub fn no_choice_matches(label: &str, typed: &str) -> String {
    format!("{label}: no choice matches \"{typed}\" (←/→ go through them)")
}

/// A word typed on a choice field, one key at a time: `Some(word)` to look up, `None` when
/// the key is not typing (the word is then over).
pub fn type_into_word(word: &mut String, key: &KeyEvent) -> Option<()> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return None;
    }
    match key.code {
        // Space starts no word (it steps to the next choice); inside one it is a letter.
        KeyCode::Char(' ') if word.is_empty() => None,
        KeyCode::Char(c) if !c.is_control() => {
            word.push(c);
            Some(())
        }
        KeyCode::Backspace if !word.is_empty() => {
            word.pop();
            Some(())
        }
        _ => None,
    }
}

/// A one-line text being typed: selected while untouched since the focus came (typing
/// replaces it), Ctrl-U empties it.
pub fn type_text(text: &mut String, selected: &mut bool, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let was_selected = std::mem::take(selected);
    match key.code {
        KeyCode::Char('u') if ctrl => !std::mem::take(text).is_empty(),
        KeyCode::Char(c) if !ctrl && !c.is_control() => {
            if was_selected {
                text.clear();
            }
            text.push(c);
            true
        }
        KeyCode::Backspace if was_selected => {
            text.clear();
            true
        }
        KeyCode::Backspace => text.pop().is_some(),
        // → or End: keep the value, type after it.
        KeyCode::Right | KeyCode::End => was_selected,
        _ => {
            *selected = was_selected;
            false
        }
    }
}
