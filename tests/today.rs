//! `--today` fixes the day of everything the program records, not only of its rules.
mod common;

use chrono::NaiveDate;
use common::demo_db;
use mentordesk::domain::forms::{Values, find};
use mentordesk::service::{Session, os_login};

#[test]
fn a_form_filed_under_a_fixed_day_is_filed_on_that_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let def = find("exit-mentor").unwrap();
    for day in ["2026-11-23", "2027-02-01"] {
        let on: NaiveDate = day.parse().unwrap();
        let mut erin = Session::open_path(&db, "erin", None, Some(on)).unwrap();
        let mut values = Values::new();
        values.insert("recommendations".into(), format!("filed {day}"));
        erin.file_form(def, None, &values, None).unwrap();
        let filed = erin.filed_forms(def).unwrap();
        let mine = filed
            .iter()
            .find(|f| f.values.get("recommendations").map(String::as_str) == Some(&format!("filed {day}")))
            .unwrap();
        assert!(mine.submitted_at.starts_with(day), "{mine:?}");
        let coordinator = Session::open_path(&db, &os_login(), None, Some(on)).unwrap();
        let last = coordinator.audit(&Default::default(), 1).unwrap();
        assert!(
            last[0].entry.at.starts_with(day),
            "the audit log too: {:?}",
            last[0].entry
        );
    }
}
