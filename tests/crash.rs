//! SIGKILL a process writing contacts at random moments, many times over: afterwards the
//! database passes `PRAGMA integrity_check`, every acknowledged contact is there, and every
//! import is either wholly present or wholly absent.
//!
//! `CRASH_KILLS=5000` runs the long version (200 kills in the suite); `CRASH_SEED` replays one.

mod common;

use common::mentordesk;
use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

const MENTORS: usize = 4;
const IMPORT_ROWS: usize = 1500;

fn run_ok(db: &Path, args: &[&str]) {
    let out = mentordesk(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// xorshift64*, so a failing run can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

enum Write {
    /// One `log`, tagged in its notes.
    Log(String),
    /// One `import contacts` of `IMPORT_ROWS` rows, all tagged alike.
    Import(String),
}

fn args_for<'a>(write: &'a Write, i: usize, file: &'a str) -> Vec<String> {
    match write {
        Write::Log(tag) => [
            "log",
            "--mentor",
            &format!("M{}", i % MENTORS),
            "--person",
            &format!("L{}", i % MENTORS),
            "--method",
            "phone",
            "--outcome",
            "conversation",
            "--at",
            &format!("2026-11-{:02}T{:02}:{:02}", 1 + i % 22, 8 + i % 10, i % 60),
            "--notes",
            tag,
        ]
        .map(String::from)
        .to_vec(),
        Write::Import(_) => ["import", "contacts", file].map(String::from).to_vec(),
    }
}

fn import_file(path: &Path, tag: &str, i: usize) {
    let mut csv = String::from("mentor_id,person_id,occurred_at,method,outcome,notes\n");
    for row in 0..IMPORT_ROWS {
        let m = (i + row) % MENTORS;
        csv.push_str(&format!(
            "M{m},L{m},2026-10-{:02}T09:{:02},email,no-reply,{tag}\n",
            1 + row % 28,
            row % 60
        ));
    }
    std::fs::write(path, csv).unwrap();
}

/// How many contacts carry each tag in their notes.
fn counts_by_tag(conn: &rusqlite::Connection) -> HashMap<String, usize> {
    let mut statement = conn
        .prepare("SELECT notes, count(*) FROM contacts GROUP BY notes")
        .unwrap();
    statement
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// How long a command usually takes here, so kills can land anywhere inside it.
fn typical_duration(db: &Path, args: &[String]) -> Duration {
    let started = Instant::now();
    for _ in 0..3 {
        let out = mentordesk(db).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    started.elapsed() / 3
}

#[test]
fn killing_writers_at_random_moments_loses_nothing_acknowledged() {
    let kills_wanted: usize = std::env::var("CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    run_ok(&db, &["init", "--preset", "rural-union", "--start", "2026-08-01"]);
    let mut people = String::from("id,name,role\n");
    for m in 0..MENTORS {
        people.push_str(&format!("M{m},Mentor {m},mentor\nL{m},Leader {m},mentee\n"));
    }
    let people_file = dir.path().join("people.csv");
    std::fs::write(&people_file, people).unwrap();
    run_ok(&db, &["import", "people", people_file.to_str().unwrap()]);

    let file = dir.path().join("batch.csv");
    let file_name = file.to_str().unwrap().to_string();
    import_file(&file, "calibration", 0);
    let log_time = typical_duration(&db, &args_for(&Write::Log("calibration".into()), 0, &file_name));
    let import_time = typical_duration(
        &db,
        &args_for(&Write::Import("calibration".into()), 0, &file_name),
    );

    let mut acknowledged = Vec::new();
    let mut unacknowledged = Vec::new();
    let mut kills = 0;
    let mut i = 0;
    while kills < kills_wanted {
        i += 1;
        assert!(
            i < kills_wanted * 20,
            "seed {seed}: writers keep finishing before the kill"
        );
        let (write, typical) = if rng.below(4) == 0 {
            let tag = format!("import-{i}");
            import_file(&file, &tag, i);
            (Write::Import(tag), import_time)
        } else {
            (Write::Log(format!("log-{i}")), log_time)
        };
        // Anywhere from before start-up to a little past a usual finish.
        let delay = typical.mul_f64(rng.below(1200) as f64 / 1000.0);
        let mut child = mentordesk(&db)
            .args(args_for(&write, i, &file_name))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let killed = child.try_wait().unwrap().is_none() && child.kill().is_ok();
        let out = child.wait_with_output().unwrap();
        let acked = out.status.success() && !out.stdout.is_empty();
        if !killed {
            assert!(
                acked,
                "seed {seed}: writer {i} failed on its own: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        kills += usize::from(killed && !out.status.success());
        if acked {
            acknowledged.push(write);
        } else {
            unacknowledged.push(write);
        }
        if kills > 0 && kills % 50 == 0 && killed {
            assert_eq!(integrity(&db), "ok", "seed {seed}: after {kills} kills");
        }
    }

    assert_eq!(integrity(&db), "ok", "seed {seed}");
    let counts = counts_by_tag(&rusqlite::Connection::open(&db).unwrap());
    let count_tagged = |tag: &str| counts.get(tag).copied().unwrap_or(0);
    for write in &acknowledged {
        match write {
            Write::Log(tag) => assert_eq!(count_tagged(tag), 1, "seed {seed}: {tag} was acknowledged"),
            Write::Import(tag) => assert_eq!(
                count_tagged(tag),
                IMPORT_ROWS,
                "seed {seed}: {tag} was acknowledged"
            ),
        }
    }
    let mut committed_unacknowledged = 0;
    for write in &unacknowledged {
        let n = match write {
            Write::Log(tag) => {
                let n = count_tagged(tag);
                assert!(n <= 1, "seed {seed}: {tag} written {n} times");
                n
            }
            Write::Import(tag) => {
                let n = count_tagged(tag);
                assert!(
                    n == 0 || n == IMPORT_ROWS,
                    "seed {seed}: {tag} half imported: {n} rows"
                );
                n
            }
        };
        committed_unacknowledged += usize::from(n > 0);
    }
    // The app still opens the database and writes to it.
    run_ok(
        &db,
        &args_for(&Write::Log("after".into()), 0, &file_name)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    eprintln!(
        "seed {seed}: {kills} kills in {i} writers; {} acknowledged, {} not, of which {committed_unacknowledged} had committed",
        acknowledged.len(),
        unacknowledged.len()
    );
}
