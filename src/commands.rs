//! The non-interactive subcommands: plain text by default, JSON with `--json`.

use crate::cli::{Command, ExportKind, ImportKind, LogArgs, SettingsCommand};
use crate::domain::YearMonth;
use crate::domain::records::{ContactInput, PersonFields, Program};
use crate::domain::settings::{Preset, Settings};
use crate::domain::types::Role;
use crate::error::{Error, Result};
use crate::import::parse_occurred_at;
use crate::privilege::{SHARED_DIR_MODE, SHARED_FILE_MODE};
use crate::session::{Session, real_login};
use crate::store::Store;
use crate::{export, import, views};
use chrono::{Local, NaiveDate};
use serde_json::json;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

pub const PRIVATE_FILE_MODE: u32 = 0o600;

/// The id of a Unix group, by name.
fn group_id(name: &str) -> Result<u32> {
    let c_name =
        std::ffi::CString::new(name).map_err(|_| Error::Input(format!("--group '{name}': bad name")))?;
    // SAFETY: getgrnam reads the NUL-terminated name; we copy the gid out at once.
    let group = unsafe { libc::getgrnam(c_name.as_ptr()) };
    if group.is_null() {
        return Err(Error::Input(format!(
            "--group '{name}': no such group; create it with addgroup --system {name}"
        )));
    }
    // SAFETY: checked non-null above.
    Ok(unsafe { (*group).gr_gid })
}

/// Why an existing directory cannot become a shared program directory.
fn existing_dir_refusal(dir: &Path, meta: &std::fs::Metadata) -> Error {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: a getter without arguments.
    let me = unsafe { libc::getuid() };
    let reason = if !meta.is_dir() {
        "exists and is not a directory"
    } else if meta.uid() != me {
        "is someone else's directory"
    } else if std::fs::read_dir(dir).map_or(true, |mut entries| entries.next().is_some()) {
        "is a directory that is not empty"
    } else {
        "already exists"
    };
    Error::Input(format!(
        "{}: {reason}; init --shared makes a new directory of its own for the database, so name one that does not exist yet",
        dir.display()
    ))
}

/// Makes the new directory of a shared program: 2770, owned by the group. Never touches a
/// directory that was there before.
fn create_shared_dir(dir: &Path, gid: u32) -> Result<()> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
    match std::fs::symlink_metadata(dir) {
        Ok(meta) => return Err(existing_dir_refusal(dir, &meta)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::Failed(format!("{}: {e}", dir.display()))),
    }
    {
        // Created with the user's own rights: the group's cannot put it where the user could not.
        let _as_user = crate::privilege::AsUser::enter()?;
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::Failed(format!("{}: cannot create: {e}", parent.display())))?;
        }
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(dir)
            .map_err(|e| Error::Failed(format!("{}: cannot create the directory: {e}", dir.display())))?;
    }
    // Change it through a handle on the directory just made, never through a path that
    // someone could have swapped for a symlink meanwhile.
    let handle = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
        .open(dir)
        .map_err(|e| Error::Failed(format!("{}: {e}", dir.display())))?;
    // SAFETY: a getter without arguments.
    if handle.metadata()?.uid() != unsafe { libc::geteuid() } {
        return Err(Error::Failed(format!(
            "{}: replaced by someone else while it was being made",
            dir.display()
        )));
    }
    let shared = std::os::unix::fs::fchown(&handle, None, Some(gid))
        .map_err(|e| Error::Failed(format!("{}: cannot give it to the group: {e}", dir.display())))
        // Set the mode explicitly: the umask would otherwise take the group's bits away.
        .and_then(|()| Ok(handle.set_permissions(std::fs::Permissions::from_mode(SHARED_DIR_MODE))?));
    if shared.is_err() {
        let _ = std::fs::remove_dir(dir);
    }
    shared
}

/// Gives the new database file to the group, 0660.
fn share_db_file(db: &Path, gid: u32) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(db)?;
    std::os::unix::fs::fchown(&file, None, Some(gid))
        .map_err(|e| Error::Failed(format!("{}: cannot give it to the group: {e}", db.display())))?;
    file.set_permissions(std::fs::Permissions::from_mode(SHARED_FILE_MODE))?;
    Ok(())
}

/// Where and how `init` creates the database.
pub enum Sharing {
    /// One user: the file is 0600.
    Private,
    /// A team in a Unix group: a new directory 2770 and the file 0660, both owned by the group.
    Group(String),
}

/// `init`: a new program database, with the OS user as its coordinator.
pub fn init(
    db: &Path,
    preset: Preset,
    start: NaiveDate,
    name: Option<String>,
    sharing: &Sharing,
) -> Result<Store> {
    let login = real_login()?;
    if std::fs::symlink_metadata(db).is_ok() {
        return Err(Error::Input(format!(
            "{}: already exists; init needs a new file",
            db.display()
        )));
    }
    let mut store = match sharing {
        Sharing::Private => Store::open(db, PRIVATE_FILE_MODE)?,
        Sharing::Group(group) => {
            let gid = group_id(group)?;
            let dir = db.parent().filter(|p| !p.as_os_str().is_empty()).ok_or_else(|| {
                Error::Input(format!(
                    "{}: name the new directory too, like /srv/mentordesk/team/program.db",
                    db.display()
                ))
            })?;
            create_shared_dir(dir, gid)?;
            let made =
                Store::open(db, SHARED_FILE_MODE).and_then(|store| share_db_file(db, gid).map(|()| store));
            if made.is_err() {
                // The directory is ours, made just now: nothing half made is left behind.
                let _ = std::fs::remove_dir_all(dir);
            }
            made?
        }
    };
    store.create_program(&Program {
        name: name.unwrap_or_else(|| preset.default_name().to_string()),
        preset: preset.as_str().to_string(),
        start_date: start,
        settings: Settings::preset(preset, start),
        demo: false,
    })?;
    store.add_person(
        &login,
        &login,
        Role::Coordinator,
        &PersonFields {
            login: Some(login.clone()),
            ..Default::default()
        },
    )?;
    Ok(store)
}

fn person_key(session: &Session, id: &str, what: &str) -> Result<i64> {
    Ok(session
        .store
        .person_by_id(id)?
        .ok_or_else(|| Error::Input(format!("{what} '{id}': no person with that id")))?
        .key)
}

fn log(session: &mut Session, args: LogArgs) -> Result<i64> {
    let mentor = session
        .store
        .person_by_id(&args.mentor)?
        .ok_or_else(|| Error::Input(format!("--mentor '{}': no person with that id", args.mentor)))?;
    if mentor.role != Role::Mentor {
        return Err(Error::Input(format!(
            "--mentor '{}': is a {}, not a mentor",
            args.mentor, mentor.role
        )));
    }
    session.require_mentor_access(mentor.key)?;
    let person = person_key(session, &args.person, "--person")?;
    let occurred_at = match &args.at {
        Some(text) => parse_occurred_at(text).map_err(|e| Error::Input(format!("--at: {e}")))?,
        None => session.today.and_time(Local::now().time()),
    };
    if occurred_at.date() > session.today {
        return Err(Error::Input(format!(
            "--at: {} is in the future",
            occurred_at.date()
        )));
    }
    let input = ContactInput {
        mentor: mentor.key,
        person,
        occurred_at,
        method: args.method,
        outcome: args.outcome,
        duration_min: args.minutes,
        support_when: None,
        support_what: String::new(),
        notes: args.notes,
        follow_up_on: None,
        submitted_on: None,
        intervention: None,
    };
    let actor = session.actor();
    session.store.add_contact(&input, &actor)
}

fn quota(session: &Session, month: Option<YearMonth>, json: bool, out: &mut dyn Write) -> Result<()> {
    let month = month.unwrap_or_else(|| YearMonth::of(session.today));
    let rows: Vec<_> = views::mentor_table(session, month)?
        .into_iter()
        .filter(|r| session.may_see_mentor(r.mentor.key))
        .collect();
    if json {
        let items: Vec<_> = rows
            .iter()
            .map(|r| {
                json!({
                    "mentor_id": r.mentor.id,
                    "name": r.mentor.name,
                    "month": month.to_string(),
                    "count": r.standing.count,
                    "quota": r.standing.quota,
                    "status": r.standing.status.as_str(),
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&items).unwrap_or_default()
        )?;
    } else {
        for r in rows {
            writeln!(
                out,
                "{:<10} {:<24} {month} {}/{} {}",
                r.mentor.id,
                crate::domain::sanitize::line(&r.mentor.name),
                r.standing.count,
                r.standing.quota,
                r.standing.status.as_str()
            )?;
        }
    }
    Ok(())
}

fn overdue(session: &Session, json: bool, out: &mut dyn Write) -> Result<()> {
    let Some(weekday) = session.program.settings.report_due_weekday else {
        if json {
            writeln!(out, "[]")?;
        }
        return Ok(());
    };
    let mentor = (!session.is_coordinator()).then_some(session.me.key);
    let reports = session.store.overdue_reports(weekday, session.today, mentor)?;
    let id_of =
        |key: i64| -> Result<String> { Ok(session.store.person(key)?.map(|p| p.id).unwrap_or_default()) };
    let mut items = Vec::new();
    for r in &reports {
        items.push(json!({
            "mentor_id": id_of(r.mentor)?,
            "person_id": id_of(r.person)?,
            "occurred_on": r.occurred_on.to_string(),
            "due": r.due.to_string(),
            "days_overdue": r.days_overdue,
        }));
    }
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&items).unwrap_or_default()
        )?;
    } else {
        for item in items {
            writeln!(
                out,
                "{} {} occurred {} due {} {} days overdue",
                item["mentor_id"].as_str().unwrap_or_default(),
                item["person_id"].as_str().unwrap_or_default(),
                item["occurred_on"].as_str().unwrap_or_default(),
                item["due"].as_str().unwrap_or_default(),
                item["days_overdue"]
            )?;
        }
    }
    Ok(())
}

fn settings(session: &mut Session, command: SettingsCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        SettingsCommand::Show => {
            let text = serde_json::to_string_pretty(&session.program.settings).unwrap_or_default();
            writeln!(out, "{text}")?;
        }
        SettingsCommand::Set { key, value } => {
            session.require_coordinator("change the program's settings")?;
            let mut all =
                serde_json::to_value(&session.program.settings).map_err(|e| Error::Failed(e.to_string()))?;
            let Some(slot) = all.get_mut(&key) else {
                return Err(Error::Input(format!("settings: '{key}' is not a setting")));
            };
            *slot = serde_json::from_str(&value)
                .map_err(|e| Error::Input(format!("settings: '{value}' is not a JSON value: {e}")))?;
            let updated: Settings =
                serde_json::from_value(all).map_err(|e| Error::Input(format!("settings: {key}: {e}")))?;
            let actor = session.actor();
            session.store.save_settings(&updated, &actor)?;
            writeln!(out, "{key} = {value}")?;
        }
    }
    Ok(())
}

fn calendar(
    session: &Session,
    range: (Option<NaiveDate>, Option<NaiveDate>),
    mentor: Option<String>,
    format: (bool, bool),
    out: &mut dyn Write,
) -> Result<()> {
    let from = range.0.unwrap_or(session.today);
    let to = range.1.unwrap_or(from + chrono::Days::new(30));
    if to < from {
        return Err(Error::Input(format!("--to {to} is before --from {from}")));
    }
    let mentor = match mentor {
        Some(id) => {
            session.require_coordinator("filter the calendar by mentor")?;
            Some(person_key(session, &id, "--mentor")?)
        }
        None => None,
    };
    let items = crate::agenda::occurrences(session, from, to, mentor)?;
    let program = &session.program;
    match format {
        (_, true) => {
            let text = export::ics::calendar(&items, &program.settings, program.start_date, &program.name);
            out.write_all(text.as_bytes())?;
        }
        (true, _) => {
            let rows: Vec<_> = items
                .iter()
                .map(|o| {
                    json!({
                        "date": o.date.to_string(),
                        "start": o.start.map(|t| t.format("%H:%M").to_string()),
                        "end": o.end.map(|t| t.format("%H:%M").to_string()),
                        "kind": o.kind.as_str(),
                        "title": o.title,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&rows).unwrap_or_default())?;
        }
        _ => {
            for o in &items {
                let time = match (o.start, o.end) {
                    (Some(s), Some(e)) => format!("{}-{}", s.format("%H:%M"), e.format("%H:%M")),
                    _ => "all day".into(),
                };
                let title = crate::domain::sanitize::line(&o.title);
                writeln!(
                    out,
                    "{} {time:<11} {:<10} {title}",
                    o.date.format("%a %Y-%m-%d"),
                    o.kind.as_str()
                )?;
            }
        }
    }
    Ok(())
}

fn attendance(
    session: &Session,
    person: Option<String>,
    format: crate::cli::Format,
    out: &mut dyn Write,
) -> Result<()> {
    let person = match person {
        Some(id) => Some(person_key(session, &id, "--person")?),
        None => None,
    };
    let person = match (session.is_coordinator(), person) {
        (true, p) => p,
        (false, Some(p)) if p != session.me.key => {
            return Err(Error::Denied("mentors can see only their own attendance".into()));
        }
        (false, _) => Some(session.me.key),
    };
    let rows = session
        .store
        .attendance(None, person)?
        .into_iter()
        .map(|row| {
            let (id, name) = session
                .store
                .person(row.person)?
                .map(|p| (p.id, p.name))
                .unwrap_or_default();
            Ok(vec![
                json!(row.date.to_string()),
                json!(row.event),
                json!(id),
                json!(name),
                json!(row.status.as_str()),
            ])
        })
        .collect::<Result<Vec<_>>>()?;
    export::write_rows(
        out,
        format,
        &["date", "event", "person_id", "name", "status"],
        rows,
    )
}

/// May the user write letters about this person? Coordinators about anyone, mentors about
/// people on their own caseload.
pub fn may_write_about(session: &Session, person: Option<&crate::domain::records::Person>) -> Result<()> {
    if session.is_coordinator() {
        return Ok(());
    }
    let Some(person) = person else {
        return Err(Error::Denied("only a coordinator sends program notices".into()));
    };
    let mine = session
        .store
        .assignments_of(person.key)?
        .iter()
        .any(|a| a.mentee == person.key && a.mentor == session.me.key);
    if mine {
        Ok(())
    } else {
        Err(Error::Denied(
            "mentors write letters only for people on their caseload".into(),
        ))
    }
}

fn letter(
    session: &Session,
    letter: export::letters::Letter,
    person: Option<String>,
    html: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let person = match person {
        Some(id) => Some(
            session
                .store
                .person_by_id(&id)?
                .ok_or_else(|| Error::Input(format!("--person '{id}': no person with that id")))?,
        ),
        None => None,
    };
    may_write_about(session, person.as_ref())?;
    let doc = export::letters::compose(session, letter, person.as_ref())?;
    let text = if html {
        export::letters::to_html(&doc)
    } else {
        export::letters::to_text(&doc)
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Runs one subcommand that needs a session.
pub fn run(session: &mut Session, command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Init { .. } | Command::Demo { .. } => {
            return Err(Error::Input(
                "this command creates a new database; give it a new --db".into(),
            ));
        }
        Command::Import(kind) => {
            let (rows, what) = match kind {
                ImportKind::People { file } => (import::import_people(session, &file)?, "people"),
                ImportKind::Assignments { file } => {
                    (import::import_assignments(session, &file)?, "assignments")
                }
                ImportKind::Contacts { file } => (import::import_contacts(session, &file)?, "contacts"),
                ImportKind::Engagement { file } => {
                    (import::import_engagement(session, &file)?, "engagement records")
                }
            };
            writeln!(out, "imported {rows} {what}")?;
        }
        Command::Export(ExportKind::People { format }) => export::export_people(session, format, out)?,
        Command::Export(ExportKind::Archive) => export::export_archive(session, out)?,
        Command::Export(ExportKind::Contacts { month, format }) => {
            export::export_contacts(session, month, format, out)?
        }
        Command::Log(args) => {
            let key = log(session, args)?;
            writeln!(out, "{key}")?;
        }
        Command::Quota { month, json } => quota(session, month, json, out)?,
        Command::Overdue { json } => overdue(session, json, out)?,
        Command::Assign { mentor, mentee, on } => {
            session.require_coordinator("assign mentees")?;
            let mentor = person_key(session, &mentor, "--mentor")?;
            let mentee = person_key(session, &mentee, "--mentee")?;
            let actor = session.actor();
            let key = session
                .store
                .assign(mentor, mentee, on.unwrap_or(session.today), &actor)?;
            writeln!(out, "{key}")?;
        }
        Command::Unassign {
            mentor,
            mentee,
            reason,
            on,
        } => {
            session.require_coordinator("end assignments")?;
            let mentor = person_key(session, &mentor, "--mentor")?;
            let mentee = person_key(session, &mentee, "--mentee")?;
            let active = session
                .store
                .assignments_of(mentee)?
                .into_iter()
                .find(|a| a.mentor == mentor && a.ended_on.is_none())
                .ok_or_else(|| Error::Input("no active assignment between those two".into()))?;
            let actor = session.actor();
            session
                .store
                .end_assignment(active.key, on.unwrap_or(session.today), reason, &actor)?;
            writeln!(out, "ended")?;
        }
        Command::Settings(command) => settings(session, command, out)?,
        Command::Calendar {
            from,
            to,
            mentor,
            json,
            ics,
        } => calendar(session, (from, to), mentor, (json, ics), out)?,
        Command::Attendance { person, format } => attendance(session, person, format, out)?,
        Command::Risk { month, json } => crate::desk_commands::risk(session, month, json, out)?,
        Command::Match { mentee, json } => crate::desk_commands::match_mentee(session, &mentee, json, out)?,
        Command::Evaluate { json } => crate::desk_commands::evaluate(session, json, out)?,
        Command::Ledger { add, json, csv } => crate::desk_commands::ledger(session, add, (json, csv), out)?,
        Command::Digest { to } => crate::desk_commands::digest(session, to, out)?,
        Command::Letter {
            letter: which,
            person,
            html,
        } => letter(session, which, person, html, out)?,
        Command::Audit { limit } => {
            session.require_coordinator("read the audit log")?;
            for e in session.store.audit_log(limit)? {
                let key = e.entity_key.map(|k| format!(" #{k}")).unwrap_or_default();
                let detail = crate::domain::sanitize::line(&e.detail);
                writeln!(
                    out,
                    "{} {} {} {}{key} {detail}",
                    e.at, e.actor, e.action, e.entity
                )?;
            }
        }
    }
    Ok(())
}
