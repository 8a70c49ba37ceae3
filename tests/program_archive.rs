//! `export program` and `import program`: a program moved whole into a new database exports the
//! same bytes, and a foreign, truncated or edited archive is refused with nothing left behind.

mod common;

use common::*;
use mentordesk::domain::settings::Preset;
use mentordesk::error::Error;
use std::path::{Path, PathBuf};

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `export program` of `db`, written to `file`.
fn archive(db: &Path, file: &Path) -> String {
    let text = ok(db, &["export", "program"]);
    std::fs::write(file, &text).unwrap();
    text
}

#[test]
fn each_demo_program_moves_whole_into_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    for (preset, name) in [
        (Preset::RuralUnion, "rural-union"),
        (Preset::CheckConnect, "check-connect"),
        (Preset::Library, "library"),
        (Preset::Esp, "esp"),
        (Preset::Afscme, "afscme"),
    ] {
        let old = demo_file(dir.path(), &format!("{name}.db"), preset);
        let file = dir.path().join(format!("{name}.jsonl"));
        let exported = archive(&old, &file);
        let new = dir.path().join(format!("{name}-moved.db"));
        let said = ok(&new, &["import", "program", arg(&file)]);
        let records = exported.lines().count() - 2;
        assert!(said.contains(&format!("({records} records)")), "{said}");
        assert_eq!(ok(&new, &["export", "program"]), exported, "{name}: the archive");
        for kind in ["people", "assignments", "contacts"] {
            assert_eq!(
                ok(&new, &["export", kind]),
                ok(&old, &["export", kind]),
                "{name}: export {kind}"
            );
        }
        // The forms of the demos that file them (WVLS, NEA, AFSCME; WEAC's program has none,
        // Check & Connect's demo keeps its engagement as records).
        if matches!(preset, Preset::Library | Preset::Esp | Preset::Afscme) {
            assert!(
                exported.contains("{\"kind\":\"form_submissions\",\"row\":{"),
                "{name}: forms are in it"
            );
        }
        // Every kind of record is in it, with the audit log.
        for kind in ["program", "people", "assignments", "contacts", "audit_log"] {
            assert!(
                exported.contains(&format!("{{\"kind\":\"{kind}\",\"row\":{{")),
                "{name}: {kind}"
            );
        }
    }
}

#[test]
fn a_generated_program_with_meetings_moves_whole() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("generated.db");
    let out = mentordesk(&old)
        .args([
            "demo",
            "--generate",
            "--people",
            "200",
            "--contacts",
            "3000",
            "--seed",
            "5",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = dir.path().join("generated.jsonl");
    let exported = archive(&old, &file);
    assert!(
        exported.contains("{\"kind\":\"events\",\"row\":{"),
        "meetings are in it"
    );
    let new = dir.path().join("moved.db");
    ok(&new, &["import", "program", arg(&file)]);
    assert_eq!(ok(&new, &["export", "program"]), exported);
}

#[test]
fn the_archive_starts_with_a_versioned_header_and_ends_with_its_count() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "esp.db", Preset::Esp);
    let text = ok(&db, &["export", "program"]);
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["mentordesk_program"], 1);
    assert!(first["schema"].as_i64().unwrap() >= 9);
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(
        last["records"].as_u64().unwrap() as usize,
        text.lines().count() - 2
    );
    for line in text.lines().skip(1).take(text.lines().count() - 2) {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(record["kind"].is_string() && record["row"].is_object(), "{line}");
    }
}

/// Imports `text` as an archive into a new database: it must fail with exit 2 and one line
/// naming the file and line, and leave no database behind.
fn refused(dir: &Path, name: &str, text: &str) -> String {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let db = dir.join(format!("{name}.db"));
    let err = fails(&db, &["import", "program", arg(&file)], 2);
    assert!(err.contains(&format!("{}:", file.display())), "{err}");
    assert!(!db.exists(), "{name}: a database was left behind");
    for suffix in ["-wal", "-shm"] {
        assert!(!PathBuf::from(format!("{}{suffix}", db.display())).exists());
    }
    err
}

/// The archive's lines between its header and trailer changed by `edit`, with the trailer made
/// again to match (as someone who knows the format could).
fn with_trailer(lines: &[&str], edit: impl Fn(&str) -> String) -> String {
    let mut out: Vec<String> = vec![lines[0].to_string()];
    out.extend(lines[1..lines.len() - 1].iter().map(|l| edit(l)));
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for line in &out {
        for &b in line.as_bytes().iter().chain(b"\n") {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    out.push(format!(
        "{{\"end\":\"mentordesk_program\",\"fnv1a64\":\"{hash:016x}\",\"records\":{}}}",
        lines.len() - 2
    ));
    out.join("\n") + "\n"
}

#[test]
fn a_truncated_edited_or_foreign_archive_is_refused_and_nothing_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "demo.db", Preset::RuralUnion);
    let text = ok(&db, &["export", "program"]);
    let lines: Vec<&str> = text.lines().collect();

    let cut_lines: String = lines[..40].iter().map(|l| format!("{l}\n")).collect();
    let err = refused(dir.path(), "short.jsonl", &cut_lines);
    assert!(
        err.contains("short.jsonl:41: ") && err.contains("truncated"),
        "{err}"
    );

    let err = refused(dir.path(), "mid.jsonl", &text[..text.len() / 2]);
    assert!(err.contains("truncated"), "{err}");

    let edited = text.replacen("\"name\":\"Ana Lindqvist\"", "\"name\":\"Ana L.\"", 1);
    assert_ne!(edited, text);
    let err = refused(dir.path(), "edited.jsonl", &edited);
    assert!(
        err.contains(&format!("edited.jsonl:{}: ", lines.len()))
            && err.contains("changed after it was written"),
        "{err}"
    );

    let dropped: String = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 10)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let err = refused(dir.path(), "dropped.jsonl", &dropped);
    assert!(err.contains("records were added or removed"), "{err}");

    let err = refused(dir.path(), "foreign.jsonl", "name,role\nAna,mentor\n");
    assert!(
        err.contains("foreign.jsonl:1: not a mentordesk program archive"),
        "{err}"
    );
    let newer = text.replacen("\"schema\":", "\"schema\":9", 1);
    let err = refused(dir.path(), "newer.jsonl", &newer);
    assert!(err.contains("newer.jsonl:1: an archive of schema 9"), "{err}");

    // Edited with its checksum made again, records that break the database's rules are still
    // refused: a contact of nobody, a role the program does not have.
    let orphan = with_trailer(&lines, |l| {
        if l.starts_with("{\"kind\":\"contacts\",\"row\":{\"key\":1,") {
            l.replacen("\"mentor\":", "\"mentor\":9999", 1)
        } else {
            l.to_string()
        }
    });
    let err = refused(dir.path(), "orphan.jsonl", &orphan);
    let line = lines.len();
    assert!(
        err.contains(&format!(
            "orphan.jsonl:{line}: contacts #1 refers to a record the archive does not hold"
        )),
        "{err}"
    );
    let bad_role = with_trailer(&lines, |l| {
        l.replacen("\"role\":\"mentor\"", "\"role\":\"boss\"", 1)
    });
    let err = refused(dir.path(), "role.jsonl", &bad_role);
    assert!(
        err.contains("role.jsonl:") && err.contains("people: the row breaks a rule"),
        "{err}"
    );

    // Never over an existing database.
    let file = dir.path().join("good.jsonl");
    std::fs::write(&file, &text).unwrap();
    let err = fails(&db, &["import", "program", arg(&file)], 2);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn only_a_coordinator_of_the_archived_program_or_root_imports_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path(), "demo.db", Preset::RuralUnion);
    let file = dir.path().join("p.jsonl");
    archive(&db, &file);
    let import = mentordesk::service::archive::import_program;
    let new = dir.path().join("mentor.db");
    let err = import(&new, &file, "ana", false).unwrap_err();
    assert!(matches!(err, Error::Denied(_)), "{err:?}");
    assert!(!new.exists());
    let coordinator = mentordesk::service::os_login();
    let made = import(&new, &file, &coordinator, false).unwrap();
    assert!(made.records > 0);
    let by_root = dir.path().join("root.db");
    import(&by_root, &file, "someone-else", true).unwrap();
}
