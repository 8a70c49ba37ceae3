//! A 100 MB contacts file: streamed (the importer's peak memory stays far below the file's
//! size), all or nothing, and a bad row on its very last line is reported by that line.

use std::io::Write;
mod common;

use common::mentordesk;
use std::path::Path;
use std::process::{Command, Stdio};

const FILE_BYTES: u64 = 100 * 1024 * 1024;
/// Well under the file: an importer that read it whole could not stay below this.
const MEMORY_LIMIT_KIB: i64 = 64 * 1024;

/// Runs to the end and returns the exit code, stderr and the peak resident memory in KiB.
#[expect(
    clippy::zombie_processes,
    reason = "reaped by wait4, which also reports the child's own peak memory"
)]
fn run_measured(mut command: Command) -> (i32, String, i64) {
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut stderr = child.stderr.unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
        text
    });
    let mut status = 0;
    // SAFETY: waits for our own child and fills the status and usage we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    assert!(libc::WIFEXITED(status), "killed by a signal");
    (libc::WEXITSTATUS(status), reader.join().unwrap(), usage.ru_maxrss)
}

/// Writes about 100 MB of contacts whose notes span two lines; the last row names `last_person`.
/// Returns the rows written and the line the last row starts on.
fn write_contacts(path: &Path, last_person: &str) -> (u64, u64) {
    let note = "We went over the grievance about the new shift rota, the steward training \
                dates and who will call the members on nights. "
        .repeat(8);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "mentor_id,person_id,occurred_at,method,outcome,duration_min,notes"
    )
    .unwrap();
    let (mut written, mut rows, mut line) = (0u64, 0u64, 2u64);
    loop {
        let last = written >= FILE_BYTES;
        let person = if last {
            last_person.to_string()
        } else {
            format!("L{}", rows % 20)
        };
        let row = format!(
            "M{},{person},2026-{:02}-{:02}T{:02}:{:02},phone,conversation,{},\"Row {rows}: {note}\nNext: call back\"\n",
            rows % 5,
            1 + rows % 10,
            1 + rows % 28,
            8 + rows % 10,
            rows % 60,
            10 + rows % 50,
        );
        out.write_all(row.as_bytes()).unwrap();
        written += row.len() as u64;
        rows += 1;
        if last {
            return (rows, line);
        }
        line += 2;
    }
}

fn contacts_in(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_hundred_megabyte_import_is_streamed_and_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let mut init = mentordesk(&db);
    init.args(["init", "--preset", "rural-union", "--start", "2026-01-01"]);
    assert!(init.status().unwrap().success());
    let people = dir.path().join("people.csv");
    let mut list = String::from("id,name,role\n");
    for m in 0..5 {
        list.push_str(&format!("M{m},Mentor {m},mentor\n"));
    }
    for l in 0..20 {
        list.push_str(&format!("L{l},Leader {l},mentee\n"));
    }
    std::fs::write(&people, list).unwrap();
    let mut import = mentordesk(&db);
    import.args(["import", "people"]).arg(&people);
    assert!(import.status().unwrap().success());

    let file = dir.path().join("contacts.csv");
    let (rows, last_line) = write_contacts(&file, "NOBODY");
    assert!(std::fs::metadata(&file).unwrap().len() > FILE_BYTES);
    let mut import = mentordesk(&db);
    import.args(["import", "contacts"]).arg(&file);
    let (code, stderr, peak_kib) = run_measured(import);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "mentordesk: {}:{last_line}: column 'person_id': no person with id 'NOBODY'",
            file.display()
        )
    );
    assert_eq!(contacts_in(&db), 0, "nothing of the file was kept");
    assert!(peak_kib < MEMORY_LIMIT_KIB, "peak {peak_kib} KiB");

    write_contacts(&file, "L3");
    let mut import = mentordesk(&db);
    import.args(["import", "contacts"]).arg(&file);
    let (code, stderr, peak_kib) = run_measured(import);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "", "no progress bar into a pipe");
    assert_eq!(contacts_in(&db), rows as i64);
    assert!(peak_kib < MEMORY_LIMIT_KIB, "peak {peak_kib} KiB");
    eprintln!("{rows} rows; peak {peak_kib} KiB");
}
