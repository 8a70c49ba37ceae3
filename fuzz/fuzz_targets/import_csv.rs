//! The CSV importers on arbitrary bytes, against the demo program.
//!
//! The first byte picks the importer (`% 4`: people, assignments, contacts, engagement; so the
//! seeds start with `0`..`3`) and, with bit 2, whether a mentor rather than the coordinator runs
//! it; the rest is the file. Checked: the result is `Ok(rows)` with exactly the rows added
//! that the importer says, or an error of one line starting with `FILE:` that left every table
//! as it was (all or nothing).
//!
//! "One line" means no control character other than a tab, since a line break, a vertical tab or
//! an escape sequence all break the line on a terminal.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use mentordesk::error::Result;
use mentordesk::import::{import_assignments, import_contacts, import_engagement, import_people};
use mentordesk::session::Session;
use mentordesk::store::Store;
use std::path::Path;
use std::sync::OnceLock;

type Importer = fn(&mut Session, &Path) -> Result<u64>;

const IMPORTERS: [(&str, Importer); 4] = [
    ("people", import_people),
    ("assignments", import_assignments),
    ("contacts", import_contacts),
    ("engagement", import_engagement),
];

/// The tables an import writes, then the audit log.
const TABLES: [&str; 5] = ["people", "assignments", "contacts", "engagement", "audit_log"];
const AUDIT: usize = 4;

fn counts(store: &Store) -> [i64; 5] {
    TABLES.map(|table| {
        store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count rows")
    })
}

/// A demo mentor's login.
const MENTOR: &str = "ana";

fuzz_target!(|data: &[u8]| {
    let Some((&selector, csv)) = data.split_first() else {
        return;
    };
    let which = usize::from(selector) % IMPORTERS.len();
    let as_mentor = selector & 4 != 0;
    let (what, import) = IMPORTERS[which];

    let scratch = common::scratch("import_csv");
    let file = scratch.dir.join(format!("{what}.csv"));
    std::fs::write(&file, csv).expect("write the input");
    let store = scratch.fresh_store();
    static BEFORE: OnceLock<[i64; 5]> = OnceLock::new();
    let before = *BEFORE.get_or_init(|| counts(&store));
    let mut session = Session::open(
        store,
        &scratch.login,
        as_mentor.then_some(MENTOR),
        common::today(),
    )
    .expect("open the session");
    let result = import(&mut session, &file);
    let after = counts(&session.store);
    let name = file.display().to_string();

    match result {
        Ok(rows) => {
            let rows = rows as i64;
            for (i, table) in TABLES.iter().enumerate().take(AUDIT) {
                let added = after[i] - before[i];
                let expected = match (i == which, *table) {
                    (false, _) => 0..=0,
                    // People are upserted by id: a row adds a person or updates one.
                    (true, "people") => 0..=rows,
                    (true, _) => rows..=rows,
                };
                assert!(
                    expected.contains(&added),
                    "importing {rows} {what} rows added {added} rows to {table}"
                );
            }
            assert!(after[AUDIT] > before[AUDIT], "an import is audited");
        }
        Err(err) => {
            let message = err.to_string();
            assert!(
                !message.chars().any(|c| c.is_control() && c != '\t'),
                "the error is not one line of plain text: {message:?}"
            );
            let denied = as_mentor && which != 2 && message.starts_with("only a coordinator can ");
            assert!(
                denied || message.starts_with(&format!("{name}:")),
                "the error does not start with the file name: {message:?}"
            );
            assert_eq!(
                after, before,
                "the failed import changed the row counts of {TABLES:?}: {message:?}"
            );
        }
    }
});
