//! Issue 25: figures of the seed programs pinned against a hand count from each seed's rules,
//! for matches: a certificate of completion, the end-of-match forms each program evaluates, a
//! cancelled assignment, a mentor with no pairs, a one-year term, the forms each demo files.

mod common;
#[path = "support/seed_figures.rs"]
mod seed_figures;

use common::{app_on, demo_file, fails, ok, press, screen_of_size, session_on};
use crossterm::event::KeyCode;
use mentordesk::domain::settings::Preset;
use seed_figures::*;
use serde_json::json;
use std::path::Path;

#[test]
fn a_certificate_of_completion_only_for_a_completed_match_unless_forced_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    // Owen's match ended when he left the organization; Lena was never matched; Amy's runs.
    for (mentee, why) in [
        ("E07", "Owen Olson's match ended on "),
        ("E06", "Lena Moreau was never matched"),
        ("E01", "Amy Berg's match is still active"),
    ] {
        let err = fails(&db, &["letter", "certificate", "--person", mentee], 2);
        assert!(err.contains(why) && err.contains("--force"), "{err}");
    }
    let err = fails(&db, &["letter", "certificate", "--person", "E07"], 2);
    assert!(err.contains("(left-organization), not completed"), "{err}");
    let before = ok(&db, &["audit", "--limit", "1"]);
    // Ivan completed his: no question, nothing to audit.
    let ivan = ok(&db, &["letter", "certificate", "--person", "E05"]);
    assert!(ivan.contains("for successful completion"), "{ivan}");
    assert_eq!(ok(&db, &["audit", "--limit", "1"]), before);
    ok(&db, &["letter", "certificate", "--person", "E07", "--force"]);
    let audit = ok(&db, &["audit", "--limit", "1"]);
    assert!(
        audit.contains("certificate of completion for Owen Olson written anyway")
            && audit.contains("left-organization"),
        "{audit}"
    );
    let about_owen = ok(&db, &["audit", "--person", "E07", "--limit", "1"]);
    assert!(about_owen.contains("certificate"), "{about_owen}");
}

/// Each program evaluates its own end-of-match forms: ESP the NEA exit forms (its demo: two
/// ended matches, both forms filed for each); WVLS its end-of-mentorship evaluation (one ended
/// match, the mentor's filed with "worthwhile" 4, the mentee's not); the others none.
#[test]
fn each_demo_evaluates_its_own_end_of_match_forms() {
    let dir = tempfile::tempdir().unwrap();
    for (preset, file, completion, items) in [
        (
            Preset::Esp,
            "esp.db",
            json!({"exit-mentee": [2, 2], "exit-mentor": [2, 2]}),
            6,
        ),
        (
            Preset::Library,
            "wvls.db",
            json!({"library-evaluation by mentee": [0, 1], "library-evaluation by mentor": [1, 1]}),
            1,
        ),
        (Preset::RuralUnion, "weac.db", json!({}), 0),
        (Preset::CheckConnect, "cc.db", json!({}), 0),
        (Preset::Afscme, "afscme.db", json!({}), 0),
    ] {
        let db = demo_file(dir.path(), file, preset);
        let e = json_of(&db, &["evaluate", "--json"]);
        assert_eq!(e["exit_completion"], completion, "{preset:?}");
        assert_eq!(e["exit_items"].as_array().unwrap().len(), items, "{preset:?}");
        let mut app = app_on(&db, None);
        press(&mut app, KeyCode::Char('5'));
        press(&mut app, KeyCode::Char('e'));
        let text = screen_of_size(&app, 100, 40);
        assert_eq!(text.contains("exit-mentor"), preset == Preset::Esp, "{text}");
        assert_eq!(text.contains("End-of-match forms"), items > 0, "{text}");
    }
    let wvls = json_of(&dir.path().join("wvls.db"), &["evaluate", "--json"]);
    let item = &wvls["exit_items"][0];
    assert_eq!(item["item"], "The mentorship was worthwhile");
    assert_eq!(item["by"], "both");
    assert_eq!(
        (item["responses"].clone(), item["mean"].clone()),
        (json!(1), json!(4.0))
    );
}

/// Every program: a cancelled assignment was never a match. The ESP demo's ended matches are
/// Ivan's (completed) and Owen's (left the organization); cancelling a new one changes neither
/// retention nor what exit forms are owed.
#[test]
fn a_cancelled_assignment_is_not_a_match_that_ended() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let figures = |db: &Path| {
        let e = json_of(db, &["evaluate", "--json"]);
        (
            e["completed"].clone(),
            e["ended_early"].clone(),
            e["exit_completion"].clone(),
        )
    };
    let before = figures(&db);
    assert_eq!(
        before,
        (
            json!(1),
            json!({"left-organization": 1}),
            json!({"exit-mentee": [2, 2], "exit-mentor": [2, 2]})
        )
    );
    ok(&db, &["assign", "--mentor", "M01", "--mentee", "E06"]);
    ok(
        &db,
        &[
            "unassign",
            "--mentor",
            "M01",
            "--mentee",
            "E06",
            "--reason",
            "cancelled",
        ],
    );
    assert_eq!(figures(&db), before);
    // WVLS: a cancelled pair owes no end-of-mentorship evaluation either.
    let wvls = demo_file(dir.path(), "wvls.db", Preset::Library);
    let evaluations = |db: &Path| {
        json_of(db, &["overdue", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["kind"] == "evaluation")
            .count()
    };
    let owed = evaluations(&wvls);
    ok(
        &wvls,
        &[
            "assign",
            "--mentor",
            "M01",
            "--mentee",
            "L07",
            "--on",
            "2026-09-01",
        ],
    );
    ok(
        &wvls,
        &[
            "unassign",
            "--mentor",
            "M01",
            "--mentee",
            "L07",
            "--reason",
            "cancelled",
            "--on",
            "2026-09-02",
        ],
    );
    assert_eq!(evaluations(&wvls), owed);
}

/// WVLS demo, Nov 23: Erin's only match ended on Oct 14 and Farah was never matched. With no
/// pair this month they have no one to reach: "no pairs", not at risk, on `quota`, the digest,
/// the Program screen's table and Erin's own caseload header.
#[test]
fn a_mentor_whose_only_match_ended_has_no_pairs_not_a_quota_at_risk() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "wvls.db", Preset::Library);
    let quota = json_of(&db, &["quota", "--json"]);
    let status: Vec<(String, String)> = quota
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["mentor_id"].as_str().unwrap().into(),
                m["status"].as_str().unwrap().into(),
            )
        })
        .collect();
    let want = |id: &str, s: &str| (id.to_string(), s.to_string());
    assert_eq!(
        status,
        [
            want("M05", "no-pairs"),
            want("M06", "no-pairs"),
            want("M01", "met"),
            want("M02", "met"),
            want("M03", "met"),
            want("M04", "met"),
        ]
    );
    let digest = ok(&db, &["digest"]);
    assert!(digest.contains("Behind or at risk (0)"), "{digest}");
    assert!(
        digest.contains(
            "No active pairs (2)\n  Erin Vukovich            0 of 1 person · 7 days left · NO PAIRS\n  Farah Haddad "
        ),
        "{digest}"
    );
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Char('5'));
    let program = screen_of_size(&app, 80, 24);
    let erin = program.lines().find(|l| l.contains("Erin Vukovich")).unwrap();
    assert!(erin.contains("0 of 1") && erin.contains("NO PAIRS"), "{erin}");
    let erin_app = app_on(&db, Some("erin"));
    let header = screen_of_size(&erin_app, 80, 24);
    assert!(
        header.contains("0 of 1 person · 7 days left · NO PAIRS"),
        "{header}"
    );

    // A new match this month makes the quota count again: at risk with 7 days left.
    ok(&db, &["assign", "--mentor", "M05", "--mentee", "L06"]);
    let quota = json_of(&db, &["quota", "--json"]);
    let erin = quota
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["mentor_id"] == "M05")
        .unwrap();
    assert_eq!(erin["status"], "at-risk", "{quota}");
}

/// WVLS: "Minimum one-year mentorship which may be extended" (setting `term_months`: 12). Erin
/// is matched with Lena on 2025-12-01: the term ends 2026-12-01, 8 days after Nov 23, so her
/// caseload warns of it; on Dec 10 it is 9 days over, on `overdue` and the digest, until the
/// coordinator extends it (TUI or CLI, in the audit log).
#[test]
fn wvls_match_has_a_one_year_term_a_reminder_and_an_extension() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "wvls.db", Preset::Library);
    ok(
        &db,
        &[
            "assign",
            "--mentor",
            "M05",
            "--mentee",
            "L06",
            "--on",
            "2025-12-01",
        ],
    );
    // Their first meeting, so the digest's three items for Erin are the goals, Ivan's
    // evaluation from her match before, and the term.
    log_visit(&db, "M05", "L06", "2025-12-05T10:00", "60");
    // Lena's term on `overdue`: what, due, days over.
    let term_items = |db: &Path, today: &str| -> Vec<(String, String, i64)> {
        json_of(db, &["--today", today, "overdue", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["kind"] == "term-end" && o["person_id"] == "L06")
            .map(|o| {
                (
                    o["what"].as_str().unwrap().to_string(),
                    o["due"].as_str().unwrap().to_string(),
                    o["days_overdue"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(term_items(&db, "2026-11-23"), []);
    let erin = app_on(&db, Some("erin"));
    let caseload = screen_of_size(&erin, 100, 24);
    assert!(caseload.contains("term ends in 8d"), "{caseload}");
    let over = (
        "the term of the match with Lena Moreau: end it or extend it".to_string(),
        "2026-12-01".to_string(),
        9,
    );
    assert_eq!(term_items(&db, "2026-12-10"), [over]);
    let digest = ok(&db, &["--today", "2026-12-10", "digest"]);
    assert!(
        digest.contains("9 days · the term of the match with Lena Moreau: end it or extend it"),
        "{digest}"
    );

    // The coordinator extends it from Erin's caseload: one more term by default.
    let mut app = app_on(&db, None);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.caseload.mentor.as_ref().unwrap().id, "M05");
    press(&mut app, KeyCode::Char('x'));
    let form = screen_of_size(&app, 100, 30);
    assert!(
        form.contains("Extend the match with Lena Moreau") && form.contains("2027-12-01"),
        "{form}"
    );
    press(&mut app, KeyCode::Tab);
    common::type_text(&mut app, "Budget season ahead");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", screen_of_size(&app, 100, 30));
    assert_eq!(term_items(&db, "2026-12-10"), []);
    assert_eq!(term_items(&db, "2027-12-02").len(), 1);
    let audit = ok(&db, &["audit", "--limit", "1"]);
    assert!(
        audit.contains("extend assignment") && audit.contains("term to 2027-12-01; Budget season ahead"),
        "{audit}"
    );

    // And on the command line; an "extension" that does not go past the term is refused.
    let err = fails(
        &db,
        &[
            "extend",
            "--mentor",
            "M05",
            "--mentee",
            "L06",
            "--to",
            "2027-06-01",
        ],
        2,
    );
    assert!(err.contains("the term already runs to 2027-12-01"), "{err}");
    ok(
        &db,
        &[
            "extend",
            "--mentor",
            "M05",
            "--mentee",
            "L06",
            "--to",
            "2028-06-01",
        ],
    );
    assert_eq!(term_items(&db, "2027-12-02"), []);

    // A program whose matches have no term has nothing to extend.
    let weac = demo_file(dir.path(), "weac.db", Preset::RuralUnion);
    let err = fails(
        &weac,
        &[
            "extend",
            "--mentor",
            "M01",
            "--mentee",
            "L01",
            "--to",
            "2027-06-01",
        ],
        2,
    );
    assert!(err.contains("no term to extend"), "{err}");
}

/// Each preset's demo files only the forms its program lists, and the end-of-match forms its
/// evaluation counts (its evaluation sources, `FormDef.evaluates`) for the matches that ended;
/// WEAC, Check & Connect and AFSCME evaluate no end-of-match form and file none. Every preset
/// takes mentor applications, as the WEAC and NEA seeds do.
#[test]
fn every_demo_files_the_forms_of_its_own_program() {
    use mentordesk::domain::forms::{evaluation_sources, forms_for};
    let dir = tempfile::tempdir().unwrap();
    for preset in Preset::ALL {
        let db = demo_file(dir.path(), &format!("{}.db", preset.as_str()), preset);
        let session = session_on(&db, None);
        assert!(
            session.program.settings.mentor_applications,
            "{}",
            preset.as_str()
        );
        let listed: Vec<&str> = forms_for(Some(preset), &session.program.settings)
            .iter()
            .map(|f| f.id)
            .collect();
        let conn = common::raw(&db);
        let mut stmt = conn
            .prepare("SELECT DISTINCT form FROM form_submissions ORDER BY form")
            .unwrap();
        let filed: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for form in &filed {
            assert!(
                listed.contains(&form.as_str()),
                "{}: the demo files '{form}', a form the program does not list: {listed:?}",
                preset.as_str()
            );
        }
        let ended: i64 = conn
            .query_row(
                "SELECT count(*) FROM assignments WHERE end_reason IS NOT NULL AND end_reason != 'cancelled'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let sources = evaluation_sources(&forms_for(Some(preset), &session.program.settings));
        for source in &sources {
            assert!(
                filed.iter().any(|f| f == source.form.id),
                "{}: {} ended matches and no {} filed",
                preset.as_str(),
                ended,
                source.form.id
            );
        }
        let evaluates: Vec<&str> = sources.iter().map(|s| s.form.id).collect();
        let expected: &[&str] = match preset {
            Preset::Esp => &["exit-mentor", "exit-mentee"],
            Preset::Library => &["library-evaluation", "library-evaluation"],
            _ => &[],
        };
        assert_eq!(evaluates, expected, "{}", preset.as_str());
    }
    // `mentordesk demo --generate` writes a WEAC program too: no form of another program.
    let generated = dir.path().join("big.db");
    ok(
        &generated,
        &["demo", "--generate", "--people", "40", "--contacts", "50"],
    );
    let filed: i64 = common::raw(&generated)
        .query_row("SELECT count(*) FROM form_submissions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(filed, 0);
}
