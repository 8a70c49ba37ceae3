//! What both targets share: the demo program built once per process, copied fresh for every input
//! so that nothing one input writes is seen by the next and the database never grows.

use chrono::NaiveDate;
use mentordesk::session::os_login;
use mentordesk::store::Store;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The day the demo is built for and the app runs on (the tests use the same one).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

pub struct Scratch {
    /// A private directory for this process, in memory (`/dev/shm`) when there is one.
    pub dir: PathBuf,
    /// The demo database as `populate` left it; never opened again.
    template: PathBuf,
    /// The copy each input works on.
    db: PathBuf,
    /// The OS login, which the demo makes the coordinator.
    pub login: String,
}

static SCRATCH: OnceLock<Scratch> = OnceLock::new();

extern "C" fn remove_scratch() {
    if let Some(scratch) = SCRATCH.get() {
        let _ = std::fs::remove_dir_all(&scratch.dir);
    }
}

/// Removes the directories of earlier runs that died without cleaning up (a crash aborts, so
/// `atexit` never runs): those whose process is gone.
fn remove_stale(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.starts_with("mentordesk-fuzz-"))
            .and_then(|n| n.rsplit('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

pub fn scratch(target: &str) -> &'static Scratch {
    SCRATCH.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        remove_stale(&base);
        let dir = base.join(format!("mentordesk-fuzz-{target}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).expect("create the scratch directory");
        let template = dir.join("template.db");
        {
            let mut store = Store::open(&template, 0o600).expect("create the template database");
            mentordesk::demo::populate(&mut store, today()).expect("populate the demo");
            // Dropping the store checkpoints the WAL into the file, so one copy is the whole database.
        }
        // SAFETY: registers a plain `extern "C" fn` to run when libFuzzer exits.
        unsafe {
            libc::atexit(remove_scratch);
        }
        Scratch {
            db: dir.join("work.db"),
            dir,
            template,
            login: os_login(),
        }
    })
}

impl Scratch {
    /// A fresh copy of the demo database, opened. The previous one must be closed (dropped).
    pub fn fresh_store(&self) -> Store {
        for suffix in ["-wal", "-shm"] {
            let mut side = self.db.clone().into_os_string();
            side.push(suffix);
            let _ = std::fs::remove_file(side);
        }
        std::fs::copy(&self.template, &self.db).expect("copy the template database");
        Store::open(&self.db, 0o600).expect("open the copy")
    }
}
