use super::*;

const ALL: [Context; 24] = [
    C::Always,
    C::Global,
    C::List,
    C::MentorPicker,
    C::Pairs,
    C::Person,
    C::Contacts,
    C::Calendar,
    C::Forms,
    C::Templates,
    C::Reports,
    C::Filed,
    C::ProgramViews,
    C::Mentors,
    C::Overdue,
    C::Matching,
    C::Applicants,
    C::Confirm,
    C::Choose,
    C::Event,
    C::FiledForm,
    C::People,
    C::Form,
    C::FormFields,
];

#[test]
fn no_key_is_bound_twice_in_one_context() {
    for context in ALL {
        let keys: Vec<(Who, Key)> = BINDINGS
            .iter()
            .filter(|b| b.contexts.contains(&context))
            .flat_map(|b| b.keys.iter().map(|(k, _)| (b.who, *k)))
            .collect();
        for (i, (who_a, a)) in keys.iter().enumerate() {
            for (who_b, b) in &keys[i + 1..] {
                let both = [true, false]
                    .iter()
                    .any(|&c| who_a.includes(c) && who_b.includes(c));
                assert!(!(both && a.overlaps(b)), "{a:?} twice in {context:?}");
            }
        }
    }
}

#[test]
fn every_hint_names_keys_of_its_own_binding() {
    let name = |key: &Key| match key.code {
        KeyCode::Char(c) if key.ctrl == Some(true) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        KeyCode::Char(c) => c.to_string(),
        BackTab => "S-Tab".into(),
        Left => "←".into(),
        Right => "→".into(),
        Up => "↑".into(),
        Down => "↓".into(),
        other => other.to_string(),
    };
    for binding in BINDINGS {
        let bound: Vec<String> = binding.keys.iter().map(|(k, _)| name(k)).collect();
        for hint in binding.hints {
            let keys = hint.text.split(' ').next().unwrap_or_default();
            let named: Vec<String> = if keys.len() > 1 && keys.contains('/') {
                keys.split('/').map(str::to_string).collect()
            } else if keys.starts_with(['←', '→', '↑', '↓']) {
                keys.chars().map(|c| c.to_string()).collect()
            } else {
                vec![keys.to_string()]
            };
            // "Enter/n new" names n, bound by a row of its own.
            assert!(
                named.iter().any(|k| bound.contains(k)),
                "hint {:?} names none of {bound:?}",
                hint.text
            );
        }
    }
}

#[test]
fn coordinator_keys_are_listed_for_coordinators_only() {
    let mentor = help(Screen::Caseload, false, &Screen::ALL);
    let coordinator = help(Screen::Caseload, true, &Screen::ALL);
    assert!(!mentor.iter().any(|(k, _)| *k == "u"));
    assert!(coordinator.iter().any(|(k, _)| *k == "u"));
    assert_eq!(hints(Block::Overdue, false), "Enter opens");
    assert_eq!(hints(Block::Overdue, true), "Enter opens · r reminds the mentor");
}

#[test]
fn ctrl_l_repaints_everywhere_and_every_help_lists_it() {
    for screen in Screen::ALL {
        assert!(
            help(screen, true, &Screen::ALL)
                .iter()
                .any(|(k, what)| *k == "Ctrl-L" && what.contains("repaint")),
            "{screen:?}"
        );
    }
    let key = KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL);
    assert_eq!(resolve(&[C::Always], &key, false), Some(A::Repaint));
}

/// Every form's keys, as the key map has them: the form engine and each form follow this table.
#[test]
fn the_form_keys_are_these() {
    use crate::app::form::FormKey::*;
    let table = |context: Context| -> Vec<(KeyCode, Option<bool>, Action)> {
        BINDINGS
            .iter()
            .filter(|b| b.contexts.contains(&context))
            .flat_map(|b| b.keys.iter().map(|(k, a)| (k.code, k.ctrl, *a)))
            .collect()
    };
    assert_eq!(
        table(C::Form),
        [
            (Tab, None, A::Form(Next)),
            (BackTab, None, A::Form(Previous)),
            (KeyCode::Char('s'), Some(true), A::Form(Save)),
            (Esc, None, A::Form(Cancel)),
            (KeyCode::Char('u'), Some(true), A::Form(Clear)),
        ]
    );
    assert_eq!(
        table(C::FormFields),
        [(Down, None, A::Form(Next)), (Up, None, A::Form(Previous))]
    );
    assert_eq!(
        hints(Block::Form, false),
        "Tab next · S-Tab back · Ctrl-S save · Esc cancel"
    );
    assert_eq!(hints(Block::FormText, true), "Ctrl-U clears");
    let typed = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE);
    assert_eq!(
        resolve(&[C::Form, C::FormFields], &typed, false),
        None,
        "a letter is the field's"
    );
}
