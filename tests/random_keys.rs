//! Random key sequences at random sizes: nothing panics, and the caseload header always agrees
//! with the quota rule. `RANDOM_KEYS_CASES=2000` runs longer (about 100,000 keys per 1,000 cases).

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;

fn key_strategy() -> impl Strategy<Value = KeyEvent> {
    let codes = prop_oneof![
        8 => prop::sample::select(vec![
            'j', 'k', 'a', 'e', 'x', 's', 'y', 'n', '/', '[', ']', 'f', 'o', 'c', 'p', 'u', 'l', 'm', 'M', '$', 'r',
            't', 'L', 'S', 'A', '1', '2', '3', '4', '5', '?', ' ', 'h', 'g', 'G', 'q',
        ])
        .prop_map(KeyCode::Char),
        4 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageDown,
            KeyCode::PageUp,
            KeyCode::Backspace,
            KeyCode::Home,
            KeyCode::End,
        ]),
    ];
    (codes, prop::bool::weighted(0.05)).prop_map(|(code, ctrl)| {
        let ctrl = ctrl && code != KeyCode::Char('c');
        KeyEvent::new(
            code,
            if ctrl {
                KeyModifiers::CONTROL
            } else {
                KeyModifiers::NONE
            },
        )
    })
}

fn cases() -> u32 {
    std::env::var("RANDOM_KEYS_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic(
        as_mentor in any::<bool>(),
        keys in prop::collection::vec((key_strategy(), 1u16..300, 1u16..100), 1..100),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut app = demo_app(dir.path(), as_mentor.then_some("erin"));
        for (key, width, height) in keys {
            app.handle_key(key);
            if app.quit {
                break;
            }
            render(&app, width, height);
            if app.overlay.is_none() && app.screen == mentordesk::app::Screen::Caseload
                && let (Some(mentor), Some(standing)) = (&app.caseload.mentor, app.caseload.standing)
            {
                let rule = mentordesk::views::mentor_standing(&app.session, mentor.key, app.caseload.month).unwrap();
                prop_assert_eq!(standing, rule);
                prop_assert_eq!(standing.month, app.caseload.month);
            }
        }
    }
}
