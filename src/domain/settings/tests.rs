use super::presets::hm;
use super::*;
use crate::domain::schedule::Recurrence;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn rural_union_reproduces_the_weac_year() {
    let start = d(2021, 8, 1);
    let s = Settings::preset(Preset::RuralUnion, start);
    assert_eq!(s.quota, Some(3));
    assert_eq!(s.report_due_weekday, Some(Weekday::Thu));
    let dates_of = |title: &str| {
        s.events
            .iter()
            .find(|e| e.title == title)
            .unwrap()
            .dates(start, d(2021, 7, 1), d(2022, 7, 31))
    };
    assert_eq!(dates_of("Initial mentor training"), [d(2021, 8, 17)]);
    assert_eq!(dates_of("Mentor check-in").len(), 8);
    assert_eq!(dates_of("Applications due"), [d(2021, 7, 26)]);
    assert_eq!(dates_of("Applicants contacted by"), [d(2021, 7, 30)]);
    let paid: i64 = s.installments.iter().map(|i| i.amount_cents).sum();
    assert_eq!(paid, 75_000);
}

#[test]
fn every_preset_validates_and_a_zone_or_form_that_does_not_exist_does_not() {
    for preset in Preset::ALL {
        let s = Settings::preset(preset, d(2026, 8, 1));
        assert_eq!(s.validate(), Ok(()), "{}", preset.as_str());
        assert_ne!(s.zone(), Tz::UTC, "{}", preset.as_str());
    }
    let mut s = Settings::preset(Preset::Afscme, d(2026, 8, 1));
    assert_eq!(s.zone(), chrono_tz::America::New_York);
    s.time_zone = "Mars/Olympus".into();
    let err = s.validate().unwrap_err();
    assert!(err.contains("'Mars/Olympus'"), "{err}");
    assert_eq!(
        s.zone(),
        Tz::UTC,
        "a stored zone from before the check reads as UTC"
    );
    s.time_zone = "Europe/Helsinki".into();
    s.extra_forms = vec!["no-such-form".into()];
    assert_eq!(
        s.validate(),
        Err("extra_forms: 'no-such-form' is not a form".to_string())
    );
}

#[test]
fn every_preset_takes_applications_with_the_weac_deadlines() {
    for preset in Preset::ALL {
        let s = Settings::preset(preset, d(2026, 8, 1));
        assert!(s.mentor_applications, "{}", preset.as_str());
        let deadlines: Vec<(&str, Recurrence)> = s
            .events
            .iter()
            .filter(|e| e.kind == "deadline")
            .map(|e| (e.title.as_str(), e.rule.clone()))
            .collect();
        assert_eq!(
            deadlines,
            [
                ("Applications due", Recurrence::Once { date: d(2026, 7, 26) }),
                (
                    "Applicants contacted by",
                    Recurrence::Once { date: d(2026, 7, 30) }
                )
            ],
            "{}",
            preset.as_str()
        );
    }
}

#[test]
fn event_dates_and_texts_obey_the_rules_of_every_other_input() {
    let mut s = Settings::preset(Preset::RuralUnion, d(2026, 8, 1));
    let once = s
        .events
        .iter()
        .position(|e| matches!(e.rule, Recurrence::Once { .. }))
        .unwrap();
    s.events[once].rule = Recurrence::Once { date: d(1, 1, 1) };
    assert_eq!(
        s.validate(),
        Err(
            "events: 'Applications due': date: '0001-01-01' is out of range: years 1900 to 2200 only"
                .to_string()
        )
    );
    s.events[once].rule = Recurrence::Once { date: d(2026, 8, 17) };
    s.events[once].title = "Training\u{202E}gninrael".into();
    assert!(
        s.validate()
            .unwrap_err()
            .starts_with("events: title: text direction control U+202E")
    );
    s.events[once].title = "Training".into();
    s.installments[0].label = "pay\u{1b}[2J".into();
    assert!(
        s.validate()
            .unwrap_err()
            .starts_with("installments: label: control character U+001B")
    );
}

#[test]
fn an_event_or_installment_row_is_refused_where_the_calendar_or_ledger_could_not_use_it() {
    let base = Settings::preset(Preset::RuralUnion, d(2026, 8, 1));
    let refused = |change: &dyn Fn(&mut Settings)| {
        let mut s = base.clone();
        change(&mut s);
        s.validate().unwrap_err()
    };
    assert_eq!(
        refused(&|s| s.events[0].ends = hm(17, 0)),
        "events: 'Mentor check-in': it ends (17:00) before it starts (18:00)"
    );
    assert_eq!(
        refused(&|s| s.events[0].rule = Recurrence::NthWeekday {
            n: 6,
            weekday: Weekday::Tue
        }),
        "events: 'Mentor check-in': week 6 of a month: 1 to 5 only"
    );
    assert_eq!(
        refused(&|s| s.events[0].months = Some((9, 13))),
        "events: 'Mentor check-in': month 13 is not a month from 1 to 12"
    );
    assert_eq!(
        refused(&|s| s.events[1].skip_months = vec![0]),
        "events: 'Learning session': month 0 is not a month from 1 to 12"
    );
    assert_eq!(
        refused(&|s| s.events[0].title = " ".into()),
        "events: an event needs a title"
    );
    assert_eq!(
        refused(&|s| s.installments[0].month = 0),
        "installments: 'First installment': month 0 is not a month from 1 to 12"
    );
    assert_eq!(
        refused(&|s| s.installments[1].amount_cents = 0),
        "installments: 'Second installment': the amount must be more than $0.00"
    );
    assert_eq!(
        refused(&|s| s.installments[1].label = String::new()),
        "installments: an installment needs a label"
    );
}

#[test]
fn the_archive_keeps_the_letter_of_understandings_three_unless_the_program_chooses() {
    let mut s = Settings::preset(Preset::Esp, d(2026, 8, 1));
    assert_eq!(s.archive, ["applications", "attendance", "exit_forms"]);
    assert_eq!(
        archive_sections(),
        ["attendance", "monthly_records", "applications", "exit_forms"]
    );
    s.archive.push("monthly_records".into());
    assert_eq!(s.validate(), Ok(()));
    s.archive.push("reflections".into());
    assert_eq!(
        s.validate(),
        Err("archive: 'reflections' is not a section the archive can keep: attendance, monthly_records, applications, exit_forms".to_string())
    );
}

#[test]
fn settings_round_trip_through_json_and_fill_missing_fields() {
    let s = Settings::preset(Preset::Library, d(2026, 1, 1));
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<Settings>(&json).unwrap(), s);
    let partial: Settings = serde_json::from_str(r#"{"quota": 5}"#).unwrap();
    assert_eq!(partial.quota, Some(5));
    assert_eq!(partial.quiet_days, 30);
}
