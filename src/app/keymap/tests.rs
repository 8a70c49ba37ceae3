use super::*;

const ALL: [Context; 22] = [
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
    let name = |code: KeyCode| match code {
        KeyCode::Char(c) => c.to_string(),
        Left => "←".into(),
        Right => "→".into(),
        Up => "↑".into(),
        Down => "↓".into(),
        other => other.to_string(),
    };
    for binding in BINDINGS {
        let bound: Vec<String> = binding.keys.iter().map(|(k, _)| name(k.code)).collect();
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
