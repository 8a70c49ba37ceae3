//! `mentordesk calendar`: JSON and iCalendar agree, occurrence for occurrence.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::session_on;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn run(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("MENTORDESK_TODAY", "2022-07-31")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn weac(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("w.db");
    run(&db, &["init", "--preset", "rural-union", "--start", "2021-08-01"]);
    db
}

type Key = (NaiveDate, Option<String>, String);

fn from_json(text: &str) -> BTreeSet<Key> {
    let items: serde_json::Value = serde_json::from_str(text).unwrap();
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                NaiveDate::parse_from_str(o["date"].as_str().unwrap(), "%Y-%m-%d").unwrap(),
                o["start"].as_str().map(str::to_string),
                o["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every occurrence the iCalendar file describes, RRULEs expanded by the `rrule` crate.
fn from_ics(text: &str) -> BTreeSet<Key> {
    assert!(text.contains("\r\n"), "lines end in CRLF");
    let mut out = BTreeSet::new();
    let reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    for calendar in reader {
        for event in calendar.unwrap().events {
            let prop = |name: &str| event.properties.iter().find(|p| p.name == name);
            let summary = prop("SUMMARY")
                .and_then(|p| p.value.clone())
                .unwrap()
                .replace("\\,", ",");
            let start = prop("DTSTART").unwrap();
            let start_value = start.value.clone().unwrap();
            let params = start.params.clone().unwrap_or_default();
            let tzid = params
                .iter()
                .find(|(k, _)| k == "TZID")
                .map(|(_, v)| v[0].clone());
            let all_day = params.iter().any(|(k, v)| k == "VALUE" && v[0] == "DATE");
            let Some(rule) = prop("RRULE").and_then(|p| p.value.clone()) else {
                let (date, time) = parse(&start_value, all_day);
                out.insert((date, time, summary));
                continue;
            };
            let dtstart = match (&tzid, all_day) {
                (Some(tz), _) => format!("DTSTART;TZID={tz}:{start_value}"),
                (None, true) => format!("DTSTART;VALUE=DATE:{start_value}"),
                (None, false) => format!("DTSTART:{start_value}"),
            };
            let mut spec = format!("{dtstart}\nRRULE:{rule}");
            for ex in event.properties.iter().filter(|p| p.name == "EXDATE") {
                let tz = tzid.as_ref().map(|t| format!(";TZID={t}")).unwrap_or_default();
                let value = if all_day { ";VALUE=DATE" } else { "" };
                spec.push_str(&format!("\nEXDATE{tz}{value}:{}", ex.value.clone().unwrap()));
            }
            let set: rrule::RRuleSet = spec.parse().unwrap_or_else(|e| panic!("{spec}: {e}"));
            for at in set.all(500).dates {
                let local = at.naive_local();
                let time = (!all_day).then(|| local.format("%H:%M").to_string());
                out.insert((local.date(), time, summary.clone()));
            }
        }
    }
    out
}

fn parse(value: &str, all_day: bool) -> (NaiveDate, Option<String>) {
    if all_day {
        (NaiveDate::parse_from_str(value, "%Y%m%d").unwrap(), None)
    } else {
        let at = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").unwrap();
        (at.date(), Some(at.format("%H:%M").to_string()))
    }
}

#[test]
fn the_json_has_the_seed_dates_with_kinds_and_times() {
    let dir = tempfile::tempdir().unwrap();
    let db = weac(dir.path());
    let json: serde_json::Value = serde_json::from_str(&run(
        &db,
        &["calendar", "--from", "2021-07-01", "--to", "2022-07-31", "--json"],
    ))
    .unwrap();
    let items = json.as_array().unwrap();
    let checkins: Vec<&str> = items
        .iter()
        .filter(|o| o["kind"] == "checkin")
        .map(|o| o["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        checkins,
        [
            "2021-09-14",
            "2021-10-12",
            "2021-11-09",
            "2022-01-11",
            "2022-02-08",
            "2022-03-08",
            "2022-04-12",
            "2022-05-10"
        ]
    );
    let first = items.iter().find(|o| o["kind"] == "checkin").unwrap();
    assert_eq!(
        (first["start"].as_str(), first["end"].as_str()),
        (Some("18:00"), Some("19:00"))
    );
    let session = items
        .iter()
        .find(|o| o["date"] == "2021-09-14" && o["kind"] == "training")
        .unwrap();
    assert_eq!(
        (session["start"].as_str(), session["end"].as_str()),
        (Some("19:00"), Some("20:00"))
    );
    let training = items
        .iter()
        .find(|o| o["title"] == "Initial mentor training")
        .unwrap();
    assert_eq!(training["date"], "2021-08-17");
    let due: Vec<&str> = items
        .iter()
        .filter(|o| o["kind"] == "report-due")
        .map(|o| o["date"].as_str().unwrap())
        .collect();
    assert_eq!(due.len(), 13);
    assert!(due.contains(&"2021-09-30") && due.contains(&"2022-06-30"));
    assert!(
        items
            .iter()
            .any(|o| o["kind"] == "payment" && o["date"] == "2021-12-01")
    );
    assert!(
        items
            .iter()
            .any(|o| o["kind"] == "deadline" && o["date"] == "2021-07-26" && o["start"].is_null())
    );
    let kinds = [
        "checkin",
        "training",
        "report-due",
        "deadline",
        "payment",
        "meeting",
        "other",
    ];
    assert!(items.iter().all(|o| kinds.contains(&o["kind"].as_str().unwrap())));
}

#[test]
fn the_ics_parses_and_expands_to_the_same_occurrences_as_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = weac(dir.path());
    for (from, to) in [
        ("2021-07-01", "2022-07-31"),
        ("2021-10-01", "2021-12-31"),
        ("2022-03-15", "2023-02-01"),
    ] {
        let json = from_json(&run(&db, &["calendar", "--from", from, "--to", to, "--json"]));
        let ics = run(&db, &["calendar", "--from", from, "--to", to, "--ics"]);
        assert!(ics.contains("RRULE:FREQ=MONTHLY;BYDAY=2TU"), "{ics}");
        assert!(ics.contains("BYDAY=-1TH"), "{ics}");
        assert!(ics.contains("TZID=America/Chicago"), "{ics}");
        assert_eq!(from_ics(&ics), json, "{from}..{to}");
    }
}

#[test]
fn a_cancelled_check_in_becomes_an_exdate_and_stays_out_of_both() {
    let dir = tempfile::tempdir().unwrap();
    let db = weac(dir.path());
    {
        let today = NaiveDate::from_ymd_opt(2022, 7, 31).unwrap();
        let mut session =
            mentordesk::service::Session::open_path(&db, &mentordesk::service::os_login(), None, Some(today))
                .unwrap();
        let oct = NaiveDate::from_ymd_opt(2021, 10, 12).unwrap();
        let items = mentordesk::service::calendar::occurrences(&session, oct, oct, None).unwrap();
        let checkin = items
            .iter()
            .find(|o| o.title == "Mentor check-in")
            .unwrap()
            .clone();
        session.cancel_occurrence(&checkin).unwrap();
    }
    let json = from_json(&run(
        &db,
        &["calendar", "--from", "2021-07-01", "--to", "2022-07-31", "--json"],
    ));
    assert!(
        !json
            .iter()
            .any(|(d, _, t)| t == "Mentor check-in" && d.to_string() == "2021-10-12")
    );
    assert!(
        json.iter()
            .any(|(d, _, t)| t == "Learning session" && d.to_string() == "2021-10-12")
    );
    let ics = run(
        &db,
        &["calendar", "--from", "2021-07-01", "--to", "2022-07-31", "--ics"],
    );
    assert!(
        ics.contains("EXDATE;TZID=America/Chicago:20211012T180000"),
        "{ics}"
    );
    assert_eq!(from_ics(&ics), json);
}

#[test]
fn attendance_is_exported_and_mentors_see_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = weac(dir.path());
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login\nM1,Mia Berg,mentor,mia\nM2,Max Dahl,mentor,max\n",
    )
    .unwrap();
    run(&db, &["import", "people", people.to_str().unwrap()]);
    {
        use mentordesk::domain::agenda::Attendance;
        let mut store = mentordesk::service::Session::open_path(
            &db,
            &mentordesk::service::os_login(),
            None,
            NaiveDate::from_ymd_opt(2022, 7, 31),
        )
        .unwrap();
        let (mia, max) = (
            store.person_by_id("M1").unwrap().unwrap().key,
            store.person_by_id("M2").unwrap().unwrap().key,
        );
        let sep = NaiveDate::from_ymd_opt(2021, 9, 14).unwrap();
        store
            .set_attendance(sep, "Mentor check-in", mia, Attendance::Present)
            .unwrap();
        store
            .set_attendance(sep, "Mentor check-in", max, Attendance::Excused)
            .unwrap();
        store
            .set_attendance(sep, "Mentor check-in", max, Attendance::Absent)
            .unwrap();
    }
    let csv = run(&db, &["attendance"]);
    assert_eq!(
        csv,
        "date,event,person_id,name,status,guests\n2021-09-14,Mentor check-in,M1,Mia Berg,present,0\n2021-09-14,Mentor check-in,M2,Max Dahl,absent,0\n"
    );
    let mine = run(&db, &["--as", "mia", "attendance"]);
    assert_eq!(mine.lines().count(), 2, "{mine}");
    let out = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(&db)
        .args(["--as", "mia", "attendance", "--person", "M2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn letters_are_filled_from_program_and_person_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = weac(dir.path());
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "id,name,role,login,email,phone\nM1,Mia Berg,mentor,mia,mia@example.org,715-555-0100\nL1,<b>Al</b> & Co,mentee,,,\nL2,Bo Quist,mentee,,,\n",
    )
    .unwrap();
    run(&db, &["import", "people", people.to_str().unwrap()]);
    run(
        &db,
        &["assign", "--mentor", "M1", "--mentee", "L1", "--on", "2021-09-01"],
    );
    let welcome = run(&db, &["letter", "welcome", "--person", "L1"]);
    assert!(welcome.contains("Dear <b>Al</b> & Co,"), "{welcome}");
    assert!(welcome.contains("Your mentor is: Mia Berg"), "{welcome}");
    assert!(
        welcome.contains("Mentor's phone: 715-555-0100") && welcome.contains("mia@example.org"),
        "{welcome}"
    );
    let html = run(
        &db,
        &["letter", "certificate", "--person", "L1", "--html", "--force"],
    );
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<h1>&lt;b&gt;Al&lt;/b&gt; &amp; Co</h1>"),
        "names are escaped: {html}"
    );
    assert!(html.contains("September 1, 2021 – July 31, 2022"), "{html}");
    let thanks = run(&db, &["letter", "thank-you", "--person", "M1"]);
    assert!(
        thanks.contains("Dear Mia Berg:") && thanks.contains("2021–2022 Rural Schools Mentor Team"),
        "{thanks}"
    );
    let notice = run(&db, &["letter", "startup"]);
    assert!(notice.contains("accepting applications"), "{notice}");
    let out = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(&db)
        .args(["--as", "mia", "letter", "welcome", "--person", "L2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "not on Mia's caseload");
}

/// The UTC offset a VTIMEZONE gives a local time: that of the last observance begun by then.
fn offset_from_vtimezone(zone: &ical::parser::ical::component::IcalTimeZone, local: NaiveDateTime) -> i32 {
    let prop = |o: &ical::parser::ical::component::IcalTimeZoneTransition, name: &str| {
        o.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_else(|| panic!("an observance without {name}"))
    };
    let seconds = |text: &str| {
        let sign = if text.starts_with('-') { -1 } else { 1 };
        let h: i32 = text[1..3].parse().unwrap();
        let m: i32 = text[3..5].parse().unwrap();
        sign * (h * 3600 + m * 60)
    };
    let mut best: Option<(NaiveDateTime, i32)> = None;
    for o in &zone.transitions {
        let start = NaiveDateTime::parse_from_str(&prop(o, "DTSTART"), "%Y%m%dT%H%M%S").unwrap();
        let to = seconds(&prop(o, "TZOFFSETTO"));
        assert!(!prop(o, "TZOFFSETFROM").is_empty());
        if start <= local && best.is_none_or(|(b, _)| start > b) {
            best = Some((start, to));
        }
    }
    best.unwrap_or_else(|| panic!("no observance covers {local}")).1
}

/// Strict about time zones: every TZID an event names has its VTIMEZONE, and that VTIMEZONE
/// gives each event time the offset chrono-tz gives it.
fn assert_zones_are_described(text: &str) {
    let calendar = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .next()
        .unwrap()
        .unwrap();
    let zones: std::collections::BTreeMap<String, _> = calendar
        .timezones
        .iter()
        .map(|z| {
            let id = z.properties.iter().find(|p| p.name == "TZID").unwrap();
            (id.value.clone().unwrap(), z)
        })
        .collect();
    for event in &calendar.events {
        for prop in &event.properties {
            let params = prop.params.clone().unwrap_or_default();
            let Some((_, tzid)) = params.iter().find(|(k, _)| k == "TZID") else {
                continue;
            };
            let tzid = &tzid[0];
            let zone = zones
                .get(tzid)
                .unwrap_or_else(|| panic!("{}: TZID={tzid} without a VTIMEZONE", prop.name));
            let tz: chrono_tz::Tz = tzid.parse().unwrap();
            for value in prop.value.clone().unwrap().split(',') {
                let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").unwrap();
                use chrono::{Offset, TimeZone};
                let expected = tz.from_local_datetime(&local).single().unwrap().offset().fix();
                assert_eq!(
                    offset_from_vtimezone(zone, local),
                    expected.local_minus_utc(),
                    "{} {value} in {tzid}",
                    prop.name
                );
            }
        }
    }
}

#[test]
fn every_presets_ics_describes_its_zone_and_expands_like_the_json() {
    use mentordesk::domain::agenda::EventKind;
    use mentordesk::domain::settings::Preset;
    for preset in Preset::ALL {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.db");
        run(
            &db,
            &["init", "--preset", preset.as_str(), "--start", "2021-08-01"],
        );
        {
            // A meeting on each side of a daylight-saving change.
            let mut store = session_on(&db, None);
            for date in [(2021, 10, 20), (2022, 3, 30)] {
                let meeting = mentordesk::domain::agenda::NewEvent {
                    kind: EventKind::Meeting,
                    title: "Pair meeting".into(),
                    date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
                    start: chrono::NaiveTime::from_hms_opt(10, 0, 0),
                    end: chrono::NaiveTime::from_hms_opt(11, 0, 0),
                    organizer: None,
                    person: None,
                    place: String::new(),
                    notes: String::new(),
                };
                store.add_event(&meeting).unwrap();
            }
        }
        let range = ["--from", "2021-07-01", "--to", "2022-07-31"];
        let ics = run(&db, &[&["calendar"][..], &range, &["--ics"]].concat());
        let json = run(&db, &[&["calendar"][..], &range, &["--json"]].concat());
        let name = preset.as_str();
        assert_eq!(
            ics.matches("BEGIN:VTIMEZONE").count(),
            1,
            "{name}: one zone, one VTIMEZONE"
        );
        assert_zones_are_described(&ics);
        assert_eq!(from_ics(&ics), from_json(&json), "{name}");
        if preset == Preset::RuralUnion {
            let checkins: Vec<String> = from_ics(&ics)
                .into_iter()
                .filter(|(_, _, title)| title == "Mentor check-in")
                .map(|(date, time, _)| format!("{} {}", date.format("%b %-d"), time.unwrap()))
                .collect();
            assert_eq!(
                checkins,
                [
                    "Sep 14 18:00",
                    "Oct 12 18:00",
                    "Nov 9 18:00",
                    "Jan 11 18:00",
                    "Feb 8 18:00",
                    "Mar 8 18:00",
                    "Apr 12 18:00",
                    "May 10 18:00"
                ]
            );
        }
    }
}

#[test]
fn a_time_zone_that_does_not_exist_is_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = weac(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
        .arg("--db")
        .arg(&db)
        .args(["settings", "set", "time_zone", "\"Mars/Olympus\""])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("Mars/Olympus"), "{err}");
    run(&db, &["settings", "set", "time_zone", "\"Europe/Helsinki\""]);
    let ics = run(
        &db,
        &["calendar", "--from", "2021-09-01", "--to", "2021-09-30", "--ics"],
    );
    assert!(
        ics.contains("TZID:Europe/Helsinki") && ics.contains("TZID=Europe/Helsinki"),
        "{ics}"
    );
    assert_zones_are_described(&ics);
}

#[test]
fn today_is_the_date_in_the_programs_zone_not_the_hosts() {
    use chrono::TimeZone;
    let dir = tempfile::tempdir().unwrap();
    let db = weac(dir.path());
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "id,name,role\nM1,Mia Berg,mentor\nL1,Al Co,mentee\n").unwrap();
    run(&db, &["import", "people", people.to_str().unwrap()]);
    // UTC+14 and UTC-11: 25 hours apart, so their dates always differ.
    let mut logged = Vec::new();
    for zone in [chrono_tz::Pacific::Kiritimati, chrono_tz::Pacific::Pago_Pago] {
        let setting = format!("\"{}\"", zone.name());
        run(&db, &["settings", "set", "time_zone", &setting]);
        let out = Command::new(env!("CARGO_BIN_EXE_mentordesk"))
            .arg("--db")
            .arg(&db)
            .args(["log", "--mentor", "M1", "--person", "L1", "--method", "phone"])
            .args(["--outcome", "conversation", "--json"])
            .env_remove("MENTORDESK_TODAY")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let expected = zone
            .from_utc_datetime(&chrono::Utc::now().naive_utc())
            .date_naive();
        let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let key = record["number"].as_i64().unwrap();
        let on = session_on(&db, None)
            .contact(key)
            .unwrap()
            .unwrap()
            .contact
            .input
            .occurred_at
            .date();
        assert_eq!(on, expected, "{}", zone.name());
        logged.push(on);
    }
    assert_ne!(logged[0], logged[1]);
}
