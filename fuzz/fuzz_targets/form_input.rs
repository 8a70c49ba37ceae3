//! The form-filling UI under arbitrary keys, rendered at a size from the input.
//!
//! Bytes 0..4: who (coordinator or a mentor), terminal width, height, and which form (a catalog
//! form, the contact form or the event form). Then one key per byte or so, see [`next_op`].
//! When a form closes (Esc, filed) the next one opens, so every key goes to a form. The screen is
//! drawn where the input says (drawing is most of the cost, so not after every key) and at the
//! end. Checked after every key: nothing panics and the open form's state is consistent (focus on a field, choices
//! among their options, the person among the candidates); at the end a catalog form's draft
//! survives JSON and reopening, and the contact and event forms validate without panicking.

#![no_main]

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use libfuzzer_sys::fuzz_target;
use mentordesk::app::contact_form::ContactForm;
use mentordesk::app::event_form::EventForm;
use mentordesk::app::form_fill::{FormDraft, FormFill};
use mentordesk::app::{App, Overlay};
use mentordesk::domain::forms::{FORMS, Kind, checked};
use mentordesk::session::Session;
use mentordesk::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Who uses the app: the coordinator, or one of the demo's mentors.
const WHO: [Option<&str>; 4] = [None, Some("erin"), Some("ana"), Some("hana")];

/// Keys with no character, by the byte that stands for them (`0x00..=0x0F`).
const SPECIAL: [KeyCode; 16] = [
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Backspace,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Delete,
    KeyCode::Insert,
    KeyCode::Null,
];

/// Characters worth typing that are not printable ASCII: control characters, wide and
/// zero-width ones, combining marks, bidi controls, characters whose case changes their length.
const ODD: [char; 32] = [
    '\t',
    '\n',
    '\r',
    '\u{1b}',
    '\0',
    '\u{7f}',
    '\u{85}',
    '\u{2028}',
    '\u{202e}',
    '\u{200d}',
    '\u{200b}',
    '\u{feff}',
    '\u{301}',
    '漢',
    '한',
    'Ａ',
    '😀',
    '🇺',
    'ﷺ',
    'İ',
    'ﬀ',
    'ß',
    'Σ',
    'é',
    '\u{a0}',
    'א',
    'ا',
    '\u{fffd}',
    '\u{e000}',
    '\u{10ffff}',
    '\u{1f468}',
    '…',
];

enum Op {
    Key(KeyEvent),
    Resize(u16, u16),
    Draw,
}

fn width(byte: u8) -> u16 {
    1 + u16::from(byte) % 180
}

fn height(byte: u8) -> u16 {
    1 + u16::from(byte) % 60
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Op {
    Op::Key(KeyEvent::new(code, modifiers))
}

/// One operation from the front of `bytes`:
/// `0x00..=0x0F` a key from [`SPECIAL`]; `0x10` Ctrl-S; `0x11 c` Ctrl + `c`; `0x12 c` Alt + `c`;
/// `0x13 c` Shift + `c`; `0x14 w h` a resize; `0x15 f` function key F1..F12; `0x16 k` the key
/// `k` released (ignored by the app); `0x17` draw the screen; `0x18..=0x1F` and `0x7F..`
/// characters from [`ODD`],
/// except that a valid UTF-8 sequence from `0xC2` on is typed as its character; printable
/// ASCII is typed as itself.
fn next_op(bytes: &mut &[u8]) -> Option<Op> {
    let (&first, rest) = bytes.split_first()?;
    *bytes = rest;
    let mut arg = || -> u8 {
        let (&b, rest) = bytes.split_first().unwrap_or((&0, &[]));
        *bytes = rest;
        b
    };
    let none = KeyModifiers::NONE;
    Some(match first {
        0x00..=0x0F => key(SPECIAL[usize::from(first)], none),
        0x10 => key(KeyCode::Char('s'), KeyModifiers::CONTROL),
        0x11 => key(KeyCode::Char(char::from(arg())), KeyModifiers::CONTROL),
        0x12 => key(KeyCode::Char(char::from(arg())), KeyModifiers::ALT),
        0x13 => key(KeyCode::Char(char::from(arg())), KeyModifiers::SHIFT),
        0x14 => {
            let w = width(arg());
            Op::Resize(w, height(arg()))
        }
        0x15 => key(KeyCode::F(1 + arg() % 12), none),
        0x16 => {
            let mut event = KeyEvent::new(KeyCode::Char(char::from(arg())), none);
            event.kind = KeyEventKind::Release;
            Op::Key(event)
        }
        0x17 => Op::Draw,
        0x20..=0x7E => key(KeyCode::Char(char::from(first)), none),
        _ => {
            let len = match first {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => 0,
            };
            let whole = (len > 0 && bytes.len() >= len - 1)
                .then(|| {
                    let mut buf = [0u8; 4];
                    buf[0] = first;
                    buf[1..len].copy_from_slice(&bytes[..len - 1]);
                    std::str::from_utf8(&buf[..len]).ok()?.chars().next()
                })
                .flatten();
            let c = match whole {
                Some(c) => {
                    *bytes = &bytes[len - 1..];
                    c
                }
                None => ODD[usize::from(first) % ODD.len()],
            };
            key(KeyCode::Char(c), none)
        }
    })
}

/// Opens form number `form`: the catalog in order, then the contact form, then the event form.
fn open(app: &mut App, form: usize) {
    let session = &app.session;
    let overlay = match form % (FORMS.len() + 2) {
        i if i < FORMS.len() => FormFill::new(session, &FORMS[i]).map(|f| Overlay::Form(Box::new(f))),
        i if i == FORMS.len() => ContactForm::new(session, None).map(|f| Overlay::ContactForm(Box::new(f))),
        _ => EventForm::new(session, session.today).map(|f| Overlay::EventForm(Box::new(f))),
    };
    app.overlay = Some(overlay.expect("open the form"));
}

fn check_fill(fill: &FormFill) {
    let inputs: Vec<_> = fill.def.inputs().collect();
    assert!(
        fill.focus < inputs.len(),
        "focus {} of {} inputs",
        fill.focus,
        inputs.len()
    );
    let focused = inputs[fill.focus];
    if fill.editor.is_some() {
        assert_eq!(focused.kind, Kind::Lines, "an editor on {}", focused.key);
    }
    if let Kind::Checks(options) = focused.kind {
        assert!(
            fill.option < options.len(),
            "box {} of {}",
            fill.option,
            options.len()
        );
    }
    for field in &inputs {
        let Some(value) = fill.values.get(field.key) else {
            continue;
        };
        let ok = match field.kind {
            Kind::Choice(options) => options.contains(&value.as_str()),
            Kind::Checks(options) => checked(value).iter().all(|v| options.contains(v)),
            Kind::Scale => ["1", "2", "3", "4", "5"].contains(&value.as_str()),
            Kind::YesNo => value == "yes" || value == "no",
            Kind::Person => fill.candidates.iter().any(|c| c.person_id == *value),
            _ => true,
        };
        assert!(ok, "{} ({:?}) holds {value:?}", field.key, field.kind);
    }
}

fn check_contact(form: &ContactForm) {
    let matches = form.matches().len();
    assert!(
        form.pick <= matches.saturating_sub(1),
        "pick {} of {matches} matches",
        form.pick
    );
    if let Some(chosen) = &form.chosen {
        assert!(
            form.candidates.contains(chosen),
            "chose {chosen:?}, not a candidate"
        );
    }
}

fn check_event(form: &EventForm) {
    let fields = form.fields();
    assert!(
        fields.contains(&form.focus),
        "focus {:?} not in {fields:?}",
        form.focus
    );
    assert!(
        form.kinds.contains(&form.kind),
        "kind {:?} not in {:?}",
        form.kind,
        form.kinds
    );
    assert!(
        form.person < form.candidates.len().max(1),
        "person {} of {}",
        form.person,
        form.candidates.len()
    );
    for field in fields {
        form.value(field);
    }
}

fn check(app: &App) {
    match &app.overlay {
        Some(Overlay::Form(fill)) => check_fill(fill),
        Some(Overlay::ContactForm(form)) => check_contact(form),
        Some(Overlay::EventForm(form)) => check_event(form),
        _ => {}
    }
}

/// What is left open at the end: a draft survives JSON and reopening; the others validate.
fn finish(app: &mut App) {
    let today = app.session.today;
    match &mut app.overlay {
        Some(Overlay::Form(fill)) => {
            let draft = fill.to_draft();
            let json = serde_json::to_string(&draft).expect("a draft is JSON");
            let back: FormDraft = serde_json::from_str(&json).expect("a draft reads back");
            assert_eq!(back, draft);
            let reopened = FormFill::from_draft(&app.session, &back)
                .expect("reopen the draft")
                .expect("the draft's form exists");
            assert_eq!(reopened.values, fill.values);
            assert_eq!(reopened.focus, fill.focus);
            check_fill(&reopened);
            fill.ready(today);
            check_fill(fill);
        }
        Some(Overlay::ContactForm(form)) => {
            if let Some(input) = form.validate(today) {
                assert!(input.occurred_at.date() <= today, "a contact in the future");
            }
            check_contact(form);
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let [who, w, h, form, ref rest @ ..] = *data else {
        return;
    };
    let scratch = common::scratch("form_input");
    let store = scratch.fresh_store();
    let who = WHO[usize::from(who) % WHO.len()];
    let session = Session::open(store, &scratch.login, who, common::today()).expect("open the session");
    let theme = Theme {
        color: w & 0x80 == 0,
        ascii: h & 0x80 != 0,
    };
    let mut app = App::new(session, theme).expect("start the app");
    let mut form = usize::from(form);
    open(&mut app, form);
    let mut terminal = Terminal::new(TestBackend::new(width(w), height(h))).expect("a test terminal");

    let draw = |app: &App, terminal: &mut Terminal<TestBackend>| {
        terminal
            .draw(|frame| mentordesk::ui::render(app, frame))
            .expect("draw");
    };
    let mut bytes = rest;
    while let Some(op) = next_op(&mut bytes) {
        match op {
            Op::Key(key) => {
                app.handle_key(key);
            }
            Op::Resize(w, h) => {
                terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
                draw(&app, &mut terminal);
            }
            Op::Draw => draw(&app, &mut terminal),
        }
        if app.quit {
            return;
        }
        check(&app);
        if app.overlay.is_none() {
            form += 1;
            open(&mut app, form);
        }
    }
    draw(&app, &mut terminal);
    finish(&mut app);
});
