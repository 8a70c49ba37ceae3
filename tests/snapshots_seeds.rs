//! Snapshots at 80×24 of what each seed program shows of its own: Check & Connect's risk alerts,
//! NEA's applicants, WVLS's deadlines and ledger, AFSCME's pillar balance.

mod common;
#[path = "support/screen_snapshots.rs"]
mod screen_snapshots;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::domain::settings::Preset;
use screen_snapshots::*;

#[test]
fn check_connect_caseload_and_risk_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let mut ana = check_connect_app(dir.path(), Some("ana"));
    assert_screen("check_connect_mentor_caseload", &ana);
    press(&mut ana, KeyCode::Enter);
    assert_screen("check_connect_student_detail", &ana);
    drop(ana);

    let mut coordinator = check_connect_app(dir.path(), None);
    press(&mut coordinator, KeyCode::Char('5'));
    press(&mut coordinator, KeyCode::Char('a'));
    assert_screen("check_connect_program_risk_alerts", &coordinator);
}

#[test]
fn nea_applicants_and_an_applicants_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), "esp.db", Preset::Esp, None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('A'));
    assert_screen("program_applicants", &app);
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_screen("program_applicant_file", &app);
    // The evaluation of the NEA exit forms its demo files for the matches that ended.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('e'));
    assert_screen("program_evaluation_nea", &app);
}

#[test]
fn wvls_missed_deadlines_on_the_overdue_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), "wvls.db", Preset::Library, None);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('o'));
    assert_screen("program_overdue_wvls_deadlines", &app);
}

/// WVLS: stipends short of 6 hours stay pending, in their own column at 80 columns; mentors
/// whose only match ended, or who have none, have no pairs rather than a quota at risk.
#[test]
fn wvls_ledger_pending_and_mentors_without_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), "wvls.db", Preset::Library, None);
    press(&mut app, KeyCode::Char('5'));
    assert_screen("program_mentors_wvls_no_pairs", &app);
    press(&mut app, KeyCode::Char('$'));
    assert_screen("program_ledger_wvls_pending", &app);
    press(&mut app, KeyCode::Char('n'));
    assert_screen("program_ledger_wvls_add", &app);
}

#[test]
fn afscme_caseload_with_the_pillar_balance() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with(dir.path(), "afscme.db", Preset::Afscme, Some("carla"));
    assert_screen("afscme_caseload_of_carla", &app);
    press(&mut app, KeyCode::Enter);
    assert_screen("afscme_person_of_carla", &app);
    let mut coordinator = app_with(dir.path(), "afscme.db", Preset::Afscme, None);
    press(&mut coordinator, KeyCode::Char('5'));
    assert_screen("afscme_program_mentors_with_the_pillars", &coordinator);
}
