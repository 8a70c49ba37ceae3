//! The first run: no program database where the app looks, so it offers to create one in a
//! short form (preset, name, start date, you as its coordinator), then opens it.

use super::form::{Field, Form};
use crate::domain::settings::Preset;
use crate::error::{Error, Result};
use crate::service::Session;
use crate::service::program::{Sharing, create_program};
use chrono::NaiveDate;
use std::path::Path;

/// The form, with today as the start date and the OS login as the coordinator's name.
pub fn form(login: &str, today: NaiveDate) -> Form {
    Form::new(
        "Create a program",
        vec![
            Field::choice(
                "preset",
                Preset::ALL.iter().map(|p| p.as_str().to_string()).collect(),
                Preset::RuralUnion.as_str(),
            ),
            Field::text("name", ""),
            Field::date("start date", today.format("%Y-%m-%d").to_string()).suggested(),
            Field::text("your name", login).suggested(),
            Field::fixed("your login", login),
        ],
    )
    .with_note("A blank name takes the preset's. You become the program's coordinator.")
}

/// Creates the program the form describes at `db`, with `login` as its coordinator.
pub fn create(db: &Path, login: &str, form: &Form, day: Option<NaiveDate>) -> Result<()> {
    let preset = Preset::ALL
        .iter()
        .copied()
        .find(|p| p.as_str() == form.value("preset"))
        .ok_or_else(|| Error::Input(format!("'{}' is not a preset", form.value("preset"))))?;
    let start = crate::domain::dates::parse_date(form.value("start date"))
        .map_err(|e| Error::Input(format!("start date: {e}")))?;
    let your_name = form.value("your name");
    if your_name.is_empty() {
        return Err(Error::Input("your name is required".into()));
    }
    create_program(db, preset, start, form.optional("name"), &Sharing::Private)?;
    if your_name != login {
        let mut session = Session::open_path(db, login, None, day)?;
        let me = session.me().clone();
        session.edit_person(me.editing(), your_name, &me.fields)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::form::FormKey;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn press(form: &mut Form, code: KeyCode) {
        form.input(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn type_text(form: &mut Form, text: &str) {
        for c in text.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    #[test]
    fn the_form_creates_a_program_with_you_as_its_named_coordinator() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("new.db");
        let login = crate::service::os_login();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut form = form(&login, today);
        type_text(&mut form, "lib"); // the library preset
        form.act(FormKey::Next);
        type_text(&mut form, "Pine Library");
        form.act(FormKey::Next);
        // The start date given is typed over, not appended to.
        type_text(&mut form, "2026-08-01");
        form.act(FormKey::Next);
        type_text(&mut form, "Pat Quillx");
        press(&mut form, KeyCode::Backspace);
        create(&db, &login, &form, Some(today)).unwrap();
        let session = Session::open_path(&db, &login, None, Some(today)).unwrap();
        assert_eq!(session.program.name, "Pine Library");
        assert_eq!(session.program.preset, "library");
        assert_eq!(session.program.start_date.to_string(), "2026-08-01");
        assert_eq!(session.me().name, "Pat Quill");
        assert!(session.sees_whole_program());
    }

    #[test]
    fn ctrl_u_clears_a_field_of_the_first_run_form() {
        let mut form = form("me", NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
        form.act(FormKey::Next);
        form.act(FormKey::Next);
        press(&mut form, KeyCode::End);
        assert_eq!(form.value("start date"), "2026-12-06");
        form.act(FormKey::Clear);
        assert_eq!(form.value("start date"), "");
    }

    #[test]
    fn a_bad_start_date_is_refused_and_nothing_is_made() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("new.db");
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut form = form("me", today);
        form.fields[2].value = "next fall".into();
        let err = create(&db, "me", &form, None).unwrap_err().to_string();
        assert!(err.contains("'next fall' is not a date"), "{err}");
        assert!(!db.exists());
    }
}
