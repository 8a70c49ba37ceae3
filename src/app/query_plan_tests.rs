//! The hot queries use their indexes: every statement the screens' loads run is traced, then
//! explained, and none may scan the contacts table.

use super::{App, Screen};
use crate::service::Session;
use crate::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::sync::Mutex;

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn collect(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(stmt, _) = event
        && let Some(sql) = stmt.expanded_sql()
    {
        SEEN.lock().unwrap().push(sql);
    }
}

fn press(app: &mut App, key: KeyCode) {
    app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
}

#[test]
fn screen_loads_never_scan_the_contacts_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gen.db");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    crate::service::demo::generate::generate(&db, 400, 20_000, 7, today, &mut |_, _| {}).unwrap();

    let open = |login: Option<&str>| {
        let login = login.map_or_else(crate::service::os_login, str::to_string);
        let session = Session::open_path(&db, &login, None, Some(today)).unwrap();
        session
            .store_for_tests()
            .conn
            .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(collect));
        App::new(
            session,
            Theme {
                color: true,
                ascii: false,
            },
        )
        .unwrap()
    };
    let mut mentor = open(Some("m3"));
    mentor.reload();
    let mut coordinator = open(None);
    for screen in [Screen::Contacts, Screen::Calendar, Screen::Forms, Screen::Program] {
        coordinator.screen = screen;
        coordinator.reload();
    }
    for view in ['o', 'e', '$'] {
        press(&mut coordinator, KeyCode::Char(view));
    }
    press(&mut coordinator, KeyCode::Char('2'));
    for _ in 0..300 {
        press(&mut coordinator, KeyCode::Char('j')); // pages further with keyset pagination
    }

    let statements: Vec<String> = std::mem::take(&mut *SEEN.lock().unwrap());
    let touching: Vec<&String> = statements
        .iter()
        .filter(|s| s.contains("FROM contacts") && s.trim_start().to_uppercase().starts_with("SELECT"))
        .collect();
    assert!(touching.len() > 20, "the loads were traced: {}", touching.len());
    let explain = rusqlite::Connection::open(&db).unwrap();
    // The detector itself: a query no index serves is seen as a table scan.
    let plan: Vec<String> = explain
        .prepare("EXPLAIN QUERY PLAN SELECT key FROM contacts WHERE notes LIKE '%x%'")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(plan, ["SCAN contacts"]);
    let mut checked = std::collections::HashSet::new();
    for sql in touching {
        let shape: String = sql.chars().filter(|c| !c.is_ascii_digit()).collect();
        if !checked.insert(shape) {
            continue;
        }
        let mut stmt = explain.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let plan: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for step in &plan {
            // A scan through an index (a partial one, or in index order for a LIMIT) is fine;
            // reading the whole table is not.
            let table_scan = (step == "SCAN c" || step == "SCAN contacts") && !step.contains("USING");
            assert!(!table_scan, "a full scan of contacts:\n{sql}\n{plan:#?}");
        }
    }
}
