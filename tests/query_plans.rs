//! The hot queries use their indexes: every statement the screens' loads run is traced, then
//! explained, and none may scan the contacts table.

mod common;

use common::*;
use crossterm::event::KeyCode;
use mentordesk::app::Screen;
use mentordesk::store::Store;
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

#[test]
fn screen_loads_never_scan_the_contacts_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gen.db");
    let mut store = Store::open(&db, 0o600).unwrap();
    mentordesk::service::demo::generate::generate(&mut store, 400, 20_000, 7, today(), &mut |_, _| {}).unwrap();
    drop(store);

    let open = |as_login: Option<&str>| {
        let store = Store::open(&db, 0o600).unwrap();
        store
            .conn()
            .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(collect));
        app_on(store, as_login)
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
    let explain = Store::open(&db, 0o600).unwrap();
    // The detector itself: a query no index serves is seen as a table scan.
    let plan: Vec<String> = explain
        .conn()
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
        let mut stmt = explain
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
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
