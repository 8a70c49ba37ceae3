//! Unsaved form input kept in a private file (0600) as it is typed, so a dropped SSH
//! connection loses nothing: the next start reopens the form where it was.

use super::contact_form::{ContactForm, Values};
use crate::privilege::AsUser;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDraft {
    /// Which draft file this is: each new contact and each edited contact has its own.
    #[serde(default)]
    pub id: String,
    pub editing: Option<i64>,
    /// The version of the edited contact the edit started from.
    #[serde(default)]
    pub version: Option<i64>,
    pub mentor: Option<i64>,
    pub person: Option<i64>,
    pub when: String,
    pub method: String,
    pub outcome: String,
    pub duration: String,
    pub support_when: Option<String>,
    pub support_what: String,
    pub notes: String,
    pub follow_up: String,
    #[serde(default)]
    pub intervention: Option<String>,
    #[serde(default)]
    pub pillar: Option<String>,
    pub saved_at: String,
}

/// An event form as typed: a new meeting or event, or an edit of a stored one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDraft {
    pub id: String,
    pub editing: Option<i64>,
    pub version: Option<i64>,
    pub kind: String,
    pub person: Option<i64>,
    pub title: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub note: String,
    pub saved_at: String,
}

#[derive(Debug, Clone)]
pub struct DraftFile {
    path: PathBuf,
    dir: PathBuf,
    /// The database and user part of the file name.
    stem: String,
}

/// FNV-1a: a stable short name for a database path, with no dependency for it.
fn path_key(path: &Path) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

impl DraftFile {
    /// The `kind` draft ("contact", "form") of one user on one database, in `dir`.
    pub fn new(dir: &Path, db: &Path, user: &str, kind: &str) -> DraftFile {
        let db = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
        let user: String = user
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        let stem = format!("{}-{user}", path_key(&db));
        DraftFile {
            path: dir.join(format!("{kind}-{stem}.json")),
            dir: dir.to_path_buf(),
            stem,
        }
    }

    /// Another kind of draft of the same user on the same database (one file per form).
    pub fn sibling(&self, kind: &str) -> DraftFile {
        let kind: String = kind
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        DraftFile {
            path: self.dir.join(format!("{kind}-{}.json", self.stem)),
            dir: self.dir.clone(),
            stem: self.stem.clone(),
        }
    }

    /// Drafts live in the user's own data directory, never beside a shared database.
    pub fn in_data_dir(db: &Path, user: &str, kind: &str) -> Option<DraftFile> {
        let dirs = directories::ProjectDirs::from("org", "mentordesk", "mentordesk")?;
        Some(DraftFile::new(&dirs.data_dir().join("drafts"), db, user, kind))
    }

    /// The user's private store for this database, beside their drafts.
    pub fn private_store(db: &Path, user: &str) -> Option<PathBuf> {
        let dirs = directories::ProjectDirs::from("org", "mentordesk", "mentordesk")?;
        let db = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
        Some(
            dirs.data_dir()
                .join("private")
                .join(format!("{}-{user}.db", path_key(&db))),
        )
    }

    /// The drafts of this user on this database whose kind starts with `prefix`, with their
    /// kinds: `contact-new-…`, `contact-edit-12`.
    pub fn siblings(&self, prefix: &str) -> Vec<(String, DraftFile)> {
        let Ok(_as_user) = AsUser::enter() else {
            return Vec::new();
        };
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let suffix = format!("-{}.json", self.stem);
        let mut out: Vec<(String, DraftFile)> = entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let kind = name.strip_suffix(&suffix)?;
                kind.starts_with(prefix).then(|| {
                    (
                        kind.to_string(),
                        DraftFile {
                            path: entry.path(),
                            dir: self.dir.clone(),
                            stem: self.stem.clone(),
                        },
                    )
                })
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the draft through a temporary file and a rename, so a crash leaves either the
    /// old draft or the new one. The temporary file is this write's alone: two apps of the
    /// same user saving the same draft once shared one, and the second rename found it gone.
    /// Drafts are the user's own files, written with the user's rights, never the setgid
    /// program group's.
    pub fn save<T: Serialize>(&self, draft: &T) -> std::io::Result<()> {
        static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let _as_user = AsUser::enter()?;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        crate::privilege::create_own_dir(dir)?;
        let json = serde_json::to_vec(draft).map_err(std::io::Error::other)?;
        let write = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = self
            .path
            .with_extension(format!("{}-{write}.tmp", std::process::id()));
        let mut file = crate::privilege::open_no_follow(
            std::fs::OpenOptions::new().write(true).create_new(true),
            &tmp,
            crate::privilege::Access::mode(0o600),
        )?;
        let written = file
            .write_all(&json)
            .and_then(|()| file.sync_data())
            .and_then(|()| std::fs::rename(&tmp, &self.path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }

    pub fn load<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        let _as_user = AsUser::enter().ok()?;
        let bytes = std::fs::read(&self.path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn clear(&self) {
        if let Ok(_as_user) = AsUser::enter() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl ContactForm {
    /// The form as it was when the draft was written.
    pub fn from_draft(
        session: &crate::service::Session,
        draft: &ContactDraft,
    ) -> crate::error::Result<ContactForm> {
        let pair = draft.mentor.zip(draft.person);
        let mut form = match draft
            .editing
            .map(|key| session.contact(key))
            .transpose()?
            .flatten()
        {
            Some(mut row) => {
                // The edit goes on from the version it started from: saving over a newer one
                // is a conflict, not a silent overwrite.
                row.contact.version = draft.version.unwrap_or(row.contact.version);
                ContactForm::edit(session, &row.contact, &row.person_name)?
            }
            None => ContactForm::new(session, pair)?,
        };
        form.draft_id = draft.id.clone();
        let was = form.values();
        form.put(&Values {
            when: draft.when.clone(),
            method: draft.method.parse().unwrap_or(was.method),
            outcome: draft.outcome.parse().unwrap_or(was.outcome),
            duration: draft.duration.clone(),
            support_when: draft.support_when.as_deref().and_then(|s| s.parse().ok()),
            support_what: draft.support_what.clone(),
            notes: draft.notes.clone(),
            follow_up: draft.follow_up.clone(),
            intervention: draft.intervention.as_deref().and_then(|i| i.parse().ok()),
            pillar: draft.pillar.as_deref().and_then(|p| p.parse().ok()),
        });
        form.form.dirty = true;
        Ok(form)
    }

    pub fn to_draft(&self) -> ContactDraft {
        let v = self.values();
        let pair = self.pair();
        ContactDraft {
            id: self.draft_id.clone(),
            editing: self.editing.map(|e| e.key),
            version: self.editing.map(|e| e.version),
            mentor: pair.map(|(m, _)| m),
            person: pair.map(|(_, p)| p),
            when: v.when,
            method: v.method.as_str().into(),
            outcome: v.outcome.as_str().into(),
            duration: v.duration,
            support_when: v.support_when.map(|s| s.as_str().to_string()),
            support_what: v.support_what,
            notes: v.notes,
            follow_up: v.follow_up,
            intervention: v.intervention.map(|i| i.as_str().to_string()),
            pillar: v.pillar.map(|p| p.as_str().to_string()),
            saved_at: self.clock.now().format("%Y-%m-%d %H:%M").to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_privately_and_clear() {
        let dir = tempfile::tempdir().unwrap();
        let file = DraftFile::new(
            &dir.path().join("drafts"),
            Path::new("/srv/p.db"),
            "ana",
            "contact",
        );
        assert!(file.load::<ContactDraft>().is_none());
        let draft = ContactDraft {
            id: "new-1".into(),
            editing: None,
            version: None,
            mentor: Some(1),
            person: Some(2),
            when: "2026-11-23 10:00".into(),
            method: "phone".into(),
            outcome: "conversation".into(),
            duration: "15".into(),
            support_when: None,
            support_what: String::new(),
            notes: "line one\nline two".into(),
            follow_up: String::new(),
            intervention: Some("basic".into()),
            pillar: None,
            saved_at: "2026-11-23 10:01".into(),
        };
        file.save(&draft).unwrap();
        assert_eq!(file.load(), Some(draft));
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        file.clear();
        assert!(file.load::<ContactDraft>().is_none());
    }

    /// Two apps of the same user keep the same draft at once (an edit of one record): every
    /// save succeeds, the draft is always whole, and no temporary file stays behind.
    #[test]
    fn two_apps_saving_the_same_draft_at_once_both_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let file = DraftFile::new(
            &dir.path().join("drafts"),
            Path::new("/srv/p.db"),
            "ana",
            "contact-edit-7",
        );
        let writers: Vec<_> = ["first", "second"]
            .into_iter()
            .map(|who| {
                let file = file.clone();
                std::thread::spawn(move || {
                    for i in 0..300 {
                        let draft = (who, i, "x".repeat(4096));
                        file.save(&draft)
                            .unwrap_or_else(|e| panic!("{who} save {i}: {e}"));
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        let (who, i, _): (String, u32, String) = file.load().unwrap();
        assert!(["first", "second"].contains(&who.as_str()) && i == 299);
        let left: Vec<_> = std::fs::read_dir(dir.path().join("drafts"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    #[test]
    fn each_user_and_database_has_its_own_draft() {
        let dir = Path::new("/tmp/drafts");
        let a = DraftFile::new(dir, Path::new("/srv/a.db"), "ana", "contact");
        let b = DraftFile::new(dir, Path::new("/srv/b.db"), "ana", "contact");
        let c = DraftFile::new(dir, Path::new("/srv/a.db"), "ben", "contact");
        let d = DraftFile::new(dir, Path::new("/srv/a.db"), "ana", "form");
        assert_ne!(a.path(), b.path());
        assert_ne!(a.path(), c.path());
        assert_ne!(a.path(), d.path());
    }
}
