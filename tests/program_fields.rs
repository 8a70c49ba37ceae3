//! The contact fields only some programs record (Check & Connect's intervention, AFSCME's
//! pillar): the contact form shows them, and `log` and `import contacts` take them, only there.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::contact_form::{ContactForm, Field};
use mentordesk::domain::records::ContactFilter;
use mentordesk::domain::settings::Preset;
use mentordesk::domain::types::Intervention;
use std::path::{Path, PathBuf};

#[test]
fn each_presets_contact_form_shows_the_fields_its_program_uses() {
    let dir = tempfile::tempdir().unwrap();
    for preset in Preset::ALL {
        let db = demo_file(dir.path(), &format!("{}.db", preset.as_str()), preset);
        let session = session_on(&db, None);
        let fields: Vec<Field> = ContactForm::new(&session, None).unwrap().fields();
        let mut expected = vec![
            Field::Person,
            Field::When,
            Field::Method,
            Field::Outcome,
            Field::Duration,
            Field::SupportWhen,
            Field::SupportWhat,
            Field::Notes,
        ];
        match preset {
            Preset::CheckConnect => expected.push(Field::Intervention),
            Preset::Afscme => expected.push(Field::Pillar),
            Preset::RuralUnion | Preset::Library | Preset::Esp => {}
        }
        expected.push(Field::FollowUp);
        assert_eq!(fields, expected, "{}", preset.as_str());
    }
}

#[test]
fn the_rural_union_contact_form_has_no_intervention_and_check_and_connect_has() {
    let dir = tempfile::tempdir().unwrap();
    let mut weac = demo_app(dir.path(), Some("erin"));
    press(&mut weac, KeyCode::Char('a'));
    let text = screen(&weac);
    assert!(
        text.contains("Log a contact") && !text.contains("Intervention"),
        "{text}"
    );

    let db = demo_file(dir.path(), "cc.db", Preset::CheckConnect);
    let mut cc = app_on(&db, Some("ana"));
    press(&mut cc, KeyCode::Char('a'));
    let text = screen(&cc);
    assert!(
        text.contains("Log a contact") && text.contains("Intervention"),
        "{text}"
    );
}

/// A program of `preset` with one mentor and one assigned mentee (or student).
fn program(dir: &Path, preset: &str) -> PathBuf {
    let db = dir.join(format!("{preset}.db"));
    ok(&db, &["init", "--preset", preset, "--start", "2026-08-01"]);
    let people = dir.join("people.csv");
    std::fs::write(&people, "id,name,role\nM1,Mia Berg,mentor\nS1,Al Co,mentee\n").unwrap();
    ok(&db, &["import", "people", people.to_str().unwrap()]);
    ok(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "S1", "--on", "2026-09-01"],
    );
    db
}

const LOG: &[&str] = &[
    "log",
    "--mentor",
    "M1",
    "--person",
    "S1",
    "--method",
    "phone",
    "--outcome",
    "conversation",
    "--at",
    "2026-11-20T14:00",
    "--intervention",
    "intensive",
    "--json",
];

#[test]
fn log_takes_an_intervention_only_where_the_program_records_them() {
    let dir = tempfile::tempdir().unwrap();
    let weac = program(dir.path(), "rural-union");
    let err = fails(&weac, LOG, 2);
    assert!(
        err.contains("intervention: this program does not record interventions"),
        "{err}"
    );
    assert_eq!(
        ok(&weac, &["export", "contacts", "--format", "json"]).trim(),
        "[]"
    );

    let cc = program(dir.path(), "check-connect");
    let logged: serde_json::Value = serde_json::from_str(&ok(&cc, LOG)).unwrap();
    assert_eq!(logged["intervention"], "intensive");
    let rows = session_on(&cc, None)
        .contacts(&ContactFilter::default(), None, 10)
        .unwrap();
    assert_eq!(rows[0].contact.input.intervention, Some(Intervention::Intensive));
}

#[test]
fn import_takes_an_intervention_column_only_where_the_program_records_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("contacts.csv");
    std::fs::write(
        &file,
        "mentor_id,person_id,occurred_at,method,outcome,intervention\n\
         M1,S1,2026-10-01T18:00,in-person,conversation,basic\n\
         M1,S1,2026-10-09T18:00,phone,conversation,\n",
    )
    .unwrap();
    let weac = program(dir.path(), "rural-union");
    let err = fails(&weac, &["import", "contacts", file.to_str().unwrap()], 2);
    assert!(
        err.contains(":2: column 'intervention': this program does not record interventions"),
        "{err}"
    );

    let cc = program(dir.path(), "check-connect");
    ok(&cc, &["import", "contacts", file.to_str().unwrap()]);
    let rows = session_on(&cc, None)
        .contacts(&ContactFilter::default(), None, 10)
        .unwrap();
    let recorded: Vec<Option<Intervention>> = rows.iter().map(|r| r.contact.input.intervention).collect();
    assert_eq!(recorded, vec![None, Some(Intervention::Basic)], "newest first");

    // The export writes the column back, so the file goes round; the other program's has none.
    let exported = ok(&cc, &["export", "contacts"]);
    let header = exported.lines().next().unwrap();
    assert!(header.ends_with(",submitted_on,version,intervention"), "{header}");
    assert!(exported.contains(",basic\n"), "{exported}");
    let again = dir.path().join("again.csv");
    std::fs::write(&again, &exported).unwrap();
    std::fs::create_dir(dir.path().join("copy")).unwrap();
    let copy = program(&dir.path().join("copy"), "check-connect");
    ok(&copy, &["import", "contacts", again.to_str().unwrap()]);
    assert_eq!(ok(&copy, &["export", "contacts"]), exported);
    let weac_header = ok(&weac, &["export", "contacts"]);
    assert!(!weac_header.contains("intervention"), "{weac_header}");
}
