use super::*;
use crate::app::paste::Pasted;

fn press(form: &mut Form, code: KeyCode) -> Step {
    form.input(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_word(form: &mut Form, word: &str) {
    for c in word.chars() {
        press(form, KeyCode::Char(c));
    }
}

fn form() -> Form {
    Form::new(
        "t",
        vec![
            Field::fixed("login", "me"),
            Field::choice(
                "role",
                vec!["mentor".into(), "mentee".into(), "coordinator".into()],
                "mentee",
            ),
            Field::text("name", ""),
        ],
    )
}

#[test]
fn the_focus_starts_on_the_first_field_that_can_change_and_skips_fixed_ones() {
    let mut form = form();
    assert_eq!(form.focus, 1);
    form.act(FormKey::Next);
    assert_eq!(form.focus, 2);
    form.act(FormKey::Next);
    assert_eq!(form.focus, 1, "wraps past the fixed login");
    form.show("name", false);
    form.act(FormKey::Previous);
    assert_eq!(form.focus, 1, "a hidden field is skipped");
}

#[test]
fn a_typed_word_on_a_choice_goes_to_the_choice_it_names_or_says_none_does() {
    let methods = ["phone", "in person", "video", "text", "email", "letter", "other"];
    let mut form = Form::new(
        "t",
        vec![Field::choice(
            "Method",
            methods.iter().map(|m| m.to_string()).collect(),
            "phone",
        )],
    );
    type_word(&mut form, "zoom call");
    assert_eq!(form.value("Method"), "phone", "nothing named: the value stays");
    assert_eq!(
        form.notice.as_deref(),
        Some("Method: no choice matches \"zoom call\" (←/→ go through them)")
    );
    press(&mut form, KeyCode::Left);
    assert_eq!(form.value("Method"), "other", "an arrow ends the word and steps");
    type_word(&mut form, "vi");
    assert_eq!(form.value("Method"), "video", "matched as it is typed");
    press(&mut form, KeyCode::Right);
    type_word(&mut form, "perso");
    assert_eq!(
        form.value("Method"),
        "in person",
        "a word inside a label matches too"
    );
    type_word(&mut form, " call");
    assert_eq!(
        form.value("Method"),
        "in person",
        "a word that stops naming a choice on a space stays where it was"
    );
    press(&mut form, KeyCode::Right);
    type_word(&mut form, "vl");
    assert_eq!(
        form.value("Method"),
        "letter",
        "a letter that ends a word's match starts a new word when a choice begins with it"
    );
    form.act(FormKey::Next);
    type_word(&mut form, "te");
    assert_eq!(
        form.value("Method"),
        "text",
        "a new word once the focus comes back"
    );
}

#[test]
fn a_given_value_is_typed_over_and_ctrl_u_clears_any_field() {
    let mut form = Form::new(
        "t",
        vec![
            Field::text("name", ""),
            Field::date("start date", "2026-12-06").suggested(),
            Field::text("your name", "dana").suggested(),
            Field::text("login", "dana"),
        ],
    );
    form.act(FormKey::Next);
    type_word(&mut form, "2026-08-01");
    assert_eq!(
        form.value("start date"),
        "2026-08-01",
        "typed over, not appended to"
    );
    form.act(FormKey::Next);
    press(&mut form, KeyCode::End);
    type_word(&mut form, " w");
    assert_eq!(
        form.value("your name"),
        "dana w",
        "End keeps the value to type after"
    );
    form.act(FormKey::Clear);
    assert_eq!(form.value("your name"), "");
    form.act(FormKey::Next);
    type_word(&mut form, "x");
    assert_eq!(form.value("login"), "danax", "someone's own value is typed after");
    form.act(FormKey::Previous);
    form.act(FormKey::Previous);
    type_word(&mut form, "1");
    assert_eq!(
        form.value("start date"),
        "2026-08-011",
        "typed once, a value is no suggestion"
    );
    let mut again = Form::new("t", vec![Field::date("day", "2026-12-06").suggested()]);
    press(&mut again, KeyCode::Backspace);
    assert_eq!(again.value("day"), "", "Backspace on a selected value clears it");
    assert!(again.dirty);
}

#[test]
fn enter_moves_on_and_saves_on_the_last_field_and_esc_asks_first() {
    let mut form = form();
    press(&mut form, KeyCode::Char('c'));
    assert_eq!(form.value("role"), "coordinator");
    press(&mut form, KeyCode::Enter);
    type_word(&mut form, "Nia");
    press(&mut form, KeyCode::Backspace);
    assert_eq!(form.value("name"), "Ni");
    assert_eq!(form.value("login"), "me");
    assert_eq!(press(&mut form, KeyCode::Enter), Step::Submit);
    assert_eq!(
        form.act(FormKey::Cancel),
        Step::Continue(true),
        "a changed form asks first"
    );
    assert!(form.confirm_discard);
    assert_eq!(form.act(FormKey::Cancel), Step::Cancel);
    assert_eq!(Form::new("t", vec![]).act(FormKey::Cancel), Step::Cancel);
}

fn found(key: &str, label: &str) -> Found {
    Found {
        key: key.into(),
        label: label.into(),
    }
}

#[test]
fn a_multi_line_field_breaks_lines_on_enter_and_keeps_its_cursor_between_visits() {
    let mut form = Form::new(
        "t",
        vec![
            Field::lines("notes", "", 4, "what was said"),
            Field::text("after", ""),
        ],
    );
    type_word(&mut form, "one");
    assert_eq!(
        press(&mut form, KeyCode::Enter),
        Step::Continue(true),
        "Enter is a line break"
    );
    type_word(&mut form, "two");
    assert_eq!(form.field("notes").unwrap().value, "one\ntwo");
    assert!(form.dirty);
    form.act(FormKey::Next);
    form.act(FormKey::Previous);
    type_word(&mut form, "!");
    assert_eq!(
        form.value("notes"),
        "one\ntwo!",
        "typed where the cursor was left"
    );
    form.act(FormKey::Clear);
    assert_eq!(
        form.value("notes"),
        "one",
        "Ctrl-U empties the line up to the cursor"
    );
    assert_eq!(form.paste("a\nb"), Pasted::Whole);
    assert_eq!(form.value("notes"), "one\na\nb");
    form.set("notes", "put back");
    type_word(&mut form, "x");
    assert_eq!(
        form.value("notes"),
        "xput back",
        "a value put in is the editor's too"
    );
}

#[test]
fn a_search_reads_its_matches_from_the_caller_and_picks_the_one_marked() {
    let mut form = Form::new(
        "t",
        vec![
            Field::search("who", vec![found("1", "Amy"), found("2", "Ben")], Some("notes"))
                .hint("type to search"),
            Field::text("minutes", ""),
            Field::lines("notes", "", 4, ""),
        ],
    );
    assert_eq!(
        form.wants_matches(),
        None,
        "the matches of nothing came with the field"
    );
    type_word(&mut form, "c");
    assert_eq!(form.wants_matches(), Some("c"));
    form.found("who", "c", vec![found("3", "Cy"), found("4", "Cam")]);
    assert_eq!(form.wants_matches(), None);
    assert!(!form.dirty, "a query is no change to the record");
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Down);
    assert_eq!(
        form.focused().unwrap().search_state().unwrap().pick,
        1,
        "stops at the last"
    );
    press(&mut form, KeyCode::Enter);
    assert_eq!(form.value("who"), "4");
    assert_eq!(
        form.focused().unwrap().label,
        "notes",
        "the focus goes where the field says"
    );
    assert!(form.dirty);
    form.focus_on(0);
    type_word(&mut form, "zz");
    form.found("who", "zz", vec![]);
    press(&mut form, KeyCode::Enter);
    assert_eq!(form.notice.as_deref(), Some("no one matches \"zz\""));
    assert_eq!(form.value("who"), "4", "nothing picked, the pick stays");
    form.found("who", "", vec![found("1", "Amy")]);
    type_word(&mut form, "a");
    form.found("who", "a", vec![found("1", "Amy")]);
    form.act(FormKey::Next);
    assert_eq!(form.value("who"), "1", "leaving the field picks the match marked");
    let search = form.field("who").unwrap().search_state().unwrap();
    assert_eq!(search.chosen.as_ref().map(|c| c.label.as_str()), Some("Amy"));
    assert!(search.query.is_empty());
}

#[test]
fn a_pick_starts_on_no_choice_and_boxes_and_scales_take_their_keys() {
    let mut form = Form::new(
        "t",
        vec![
            Field::pick("done", vec!["yes".into(), "no".into()], ""),
            Field::checks("when", vec!["lunch".into(), "break".into()], ""),
            Field::scale("how", vec!["low".into(), "mid".into(), "high".into()], ""),
            Field::words("Wording only."),
        ],
    );
    assert_eq!(form.value("done"), "", "nothing chosen yet");
    press(&mut form, KeyCode::Left);
    assert_eq!(form.value("done"), "no", "going back from none: the last");
    type_word(&mut form, "y");
    assert_eq!(form.value("done"), "yes");
    form.act(FormKey::Next);
    press(&mut form, KeyCode::Right);
    press(&mut form, KeyCode::Char(' '));
    press(&mut form, KeyCode::Left);
    press(&mut form, KeyCode::Char(' '));
    assert_eq!(
        crate::domain::forms::checked(form.value("when")),
        ["lunch", "break"],
        "ticked in the form's order"
    );
    press(&mut form, KeyCode::Char(' '));
    assert_eq!(crate::domain::forms::checked(form.value("when")), ["break"]);
    form.act(FormKey::Next);
    press(&mut form, KeyCode::Char('9'));
    assert_eq!(form.value("how"), "", "no such point");
    press(&mut form, KeyCode::Char('3'));
    assert_eq!(form.value("how"), "3");
    press(&mut form, KeyCode::Right);
    assert_eq!(form.value("how"), "1", "round from the last");
    form.act(FormKey::Next);
    assert_eq!(form.focused().unwrap().label, "done", "the wording is no stop");
}

#[test]
fn a_read_only_form_takes_no_key_and_a_form_kept_as_a_draft_leaves_at_once() {
    let mut form = Form::new("t", vec![Field::text("name", "Nia")]);
    form.read_only = true;
    type_word(&mut form, "x");
    assert_eq!(form.paste("y"), Pasted::Nowhere);
    assert_eq!(form.act(FormKey::Save), Step::Continue(false));
    assert_eq!(form.value("name"), "Nia");
    assert_eq!(form.act(FormKey::Cancel), Step::Cancel);
    let mut kept = Form::new("t", vec![Field::text("name", "")]).keeping_drafts();
    type_word(&mut kept, "N");
    assert_eq!(
        kept.act(FormKey::Cancel),
        Step::Cancel,
        "its draft keeps what was typed"
    );
    let keyed = Form::new("t", vec![Field::text("Comments", "a").key("q1_comments")]);
    assert_eq!(keyed.value("q1_comments"), "a", "named by its key");
}
