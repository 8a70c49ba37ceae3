//! A generated program of moderate size: the digest stays a digest, exports stream every row,
//! and where a query picks rows for speed with a rule that lives in Rust (overdue reports,
//! counting outcomes, whom a mentor may reach), the query and the rule agree.

mod common;

use common::{mentordesk, raw, session_on, today};
use mentordesk::domain::YearMonth;
use mentordesk::domain::contacts::Reach;
use mentordesk::domain::quota::counts;
use mentordesk::domain::records::ContactInput;
use mentordesk::domain::reports::{days_overdue, report_due};
use mentordesk::domain::types::{Method, Outcome};
use mentordesk::service::{evaluation, overdue};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const PEOPLE: usize = 2_000;
const CONTACTS: usize = 100_000;

/// One generated program for every test here (generating it is most of their time).
fn program() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("generated.db");
        mentordesk::service::demo::generate::generate(&db, PEOPLE, CONTACTS, 11, today(), &mut |_, _| {})
            .unwrap();
        (dir, db)
    })
    .1
}

fn run(db: &Path, args: &[&str]) -> Vec<u8> {
    let out = mentordesk(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Every unsubmitted, undeleted contact whose report the Rust rule calls overdue today.
fn overdue_by_the_rule(db: &Path) -> BTreeSet<i64> {
    let conn = raw(db);
    let mut stmt = conn
        .prepare("SELECT key, substr(occurred_at, 1, 10) FROM contacts WHERE submitted_on IS NULL AND deleted_at IS NULL")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap();
    rows.map(Result::unwrap)
        .filter(|(_, on)| {
            let due = report_due(on.parse().unwrap(), chrono::Weekday::Thu);
            days_overdue(due, false, today()).is_some()
        })
        .map(|(key, _)| key)
        .collect()
}

#[test]
fn the_digest_counts_per_mentor_and_names_only_the_most_urgent() {
    let db = program();
    let digest = String::from_utf8(run(db, &["digest"])).unwrap();
    assert!(digest.len() < 20_000, "{} bytes:\n{digest}", digest.len());
    let overdue = overdue_by_the_rule(db).len();
    let mentors = PEOPLE / 10;
    assert!(
        digest.contains(&format!("Overdue ({overdue} for {mentors} mentor(s))")),
        "{digest}"
    );
    // Ten mentors, each with a count, three items and the rest counted.
    let groups: Vec<&str> = digest
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(" overdue, the oldest "))
        .collect();
    assert_eq!(groups.len(), 10, "{digest}");
    let items = digest
        .lines()
        .filter(|l| l.starts_with("    ") && l.contains(" days · report on "))
        .count();
    assert_eq!(items, 30, "{digest}");
    let more = digest
        .lines()
        .filter(|l| l.starts_with("    and ") && l.ends_with(" more"))
        .count();
    assert_eq!(more, 10, "every mentor here has more than three: {digest}");
    let rest = digest
        .lines()
        .find(|l| l.starts_with("  and ") && l.ends_with(" overdue items"))
        .unwrap_or_else(|| panic!("the other mentors are counted: {digest}"));
    assert!(
        rest.starts_with(&format!("  and {} more mentors with ", mentors - 10)),
        "{rest}"
    );
}

#[test]
fn the_overdue_list_read_in_pages_is_the_list_the_due_rule_gives() {
    let db = program();
    let session = session_on(db, None);
    let list = overdue::overdue_list(&session).unwrap();
    let whole = list.all(&session).unwrap();
    assert_eq!(whole.len(), list.total);
    let keys: BTreeSet<i64> = whole.iter().filter_map(|i| i.contact_key).collect();
    assert_eq!(
        keys,
        overdue_by_the_rule(db),
        "the date cut-off picks what the rule picks"
    );
    // Grouped by mentor, the mentor with the oldest first, most overdue first within each.
    let mut seen = BTreeSet::new();
    for pair in whole.windows(2) {
        if pair[0].mentor_key == pair[1].mentor_key {
            assert!(pair[0].days_overdue >= pair[1].days_overdue);
        } else {
            assert!(seen.insert(pair[0].mentor_key), "a mentor in two groups");
        }
    }
    for (a, b) in list.groups.iter().zip(list.groups.iter().skip(1)) {
        assert!(a.oldest_days >= b.oldest_days);
    }
    // Any page is the same slice of the whole list.
    for (start, len) in [
        (0, 7),
        (13, 50),
        (list.total - 40, 40),
        (list.total - 3, 10),
        (997, 1),
    ] {
        let page = list.items(&session, start, len).unwrap();
        let want = &whole[start..(start + len).min(list.total)];
        let keys = |items: &[overdue::OverdueItem]| -> Vec<Option<i64>> {
            items.iter().map(|i| i.contact_key).collect()
        };
        assert_eq!(keys(&page), keys(want), "page {start}+{len}");
    }
}

#[test]
fn contacts_per_month_count_what_the_quota_rule_counts() {
    let db = program();
    let session = session_on(db, None);
    let evaluation = evaluation::evaluate(&session).unwrap();
    let conn = raw(db);
    let mut by_month: BTreeMap<String, u32> = BTreeMap::new();
    let mut stmt = conn
        .prepare("SELECT substr(occurred_at, 1, 7), outcome FROM contacts WHERE deleted_at IS NULL")
        .unwrap();
    for row in stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
    {
        let (month, outcome) = row.unwrap();
        let outcome: Outcome = outcome.parse().unwrap();
        if counts(outcome, session.program.settings.count_attempts) {
            *by_month.entry(month).or_default() += 1;
        }
    }
    assert_eq!(evaluation.contacts_per_month.len(), 12);
    assert_eq!(
        evaluation.contacts_per_month.last().map(|(m, _)| m.clone()),
        Some(YearMonth::of(today()).to_string())
    );
    for (month, n) in &evaluation.contacts_per_month {
        assert_eq!(*n, by_month.get(month).copied().unwrap_or(0), "{month}");
    }
}

#[test]
fn a_mentor_is_offered_exactly_whom_the_contact_rule_lets_them_reach() {
    let db = program();
    let session = session_on(db, Some("m3"));
    let offered: BTreeSet<i64> = session
        .contact_candidates("", usize::MAX)
        .unwrap()
        .into_iter()
        .map(|c| c.person.key)
        .collect();
    let mut allowed = BTreeSet::new();
    for person in session.people().unwrap() {
        if person.key == session.me().key {
            continue;
        }
        let probe = ContactInput {
            mentor: session.me().key,
            person: person.key,
            occurred_at: today().and_hms_opt(0, 0, 0).unwrap(),
            method: Method::Phone,
            outcome: Outcome::Conversation,
            duration_min: None,
            support_when: None,
            support_what: String::new(),
            notes: String::new(),
            follow_up_on: None,
            submitted_on: None,
            intervention: None,
            pillar: None,
        };
        if let Ok(reach) = session.check_contact(&probe)
            && reach != Reach::Colleague
        {
            allowed.insert(person.key);
        }
    }
    assert!(offered.len() > PEOPLE / 2, "{}", offered.len());
    assert_eq!(offered, allowed);
    // Typing narrows it, in the store.
    let some = session.contact_candidates("Person 12", 4).unwrap();
    assert!(!some.is_empty() && some.len() <= 4);
    assert!(some.iter().all(|c| c.person.name.contains("12")), "{some:?}");
    assert_eq!(some[0].reach, Reach::Caseload, "the caseload first");
}

#[test]
fn exports_stream_every_contact() {
    let db = program();
    let live: usize = raw(db)
        .query_row(
            "SELECT count(*) FROM contacts WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let csv = run(db, &["export", "contacts", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    assert_eq!(reader.records().map(Result::unwrap).count(), live);
    let json: serde_json::Value =
        serde_json::from_slice(&run(db, &["export", "contacts", "--format", "json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), live);
    let month = run(
        db,
        &["export", "contacts", "--month", "2026-10", "--format", "csv"],
    );
    let in_month: usize = raw(db)
        .query_row(
            "SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND occurred_at LIKE '2026-10-%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(month.as_slice())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), in_month);
    assert!(
        rows.windows(2).all(|w| w[0][3] <= w[1][3]),
        "a month comes oldest first"
    );
}
