//! The non-interactive subcommands: plain text by default, JSON with `--json`.

use crate::cli::{Command, ExportKind, ImportKind, LogArgs, SettingsCommand};
use crate::domain::YearMonth;
use crate::domain::engagement::{DAILY, DailyLine, Engagement};
use crate::domain::permissions::Permission;
use crate::domain::records::{ContactInput, ContactRow, DATETIME_FORMAT};
use crate::domain::sanitize;
use crate::error::{Error, Result};
use crate::export;
use crate::service::Session;
use crate::service::{caseload, import};
use chrono::NaiveDate;
use serde_json::json;
use std::io::Write;

fn person_key(session: &Session, id: &str, what: &str) -> Result<i64> {
    Ok(session
        .person_by_id(id)?
        .ok_or_else(|| Error::Input(format!("{what} '{id}': no person with that id")))?
        .key)
}

fn log(session: &mut Session, args: LogArgs) -> Result<i64> {
    let mentor = session.require_person(&args.mentor, "--mentor")?;
    let person = person_key(session, &args.person, "--person")?;
    let occurred_at = args.at.unwrap_or_else(|| session.now());
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
        intervention: args.intervention,
        pillar: args.pillar,
    };
    session.log_contact(&input)
}

/// What `log` did: one line, or the stored record as JSON.
fn logged(session: &Session, row: &ContactRow, json: bool, out: &mut dyn Write) -> Result<()> {
    let c = &row.contact.input;
    let counts = row.counts_toward_quota(&session.program.settings);
    if json {
        let record = json!({
            "id": session.contact_id(row)?,
            "number": row.contact.key,
            "mentor_id": row.mentor_id,
            "person_id": row.person_id,
            "occurred_at": c.occurred_at.format(DATETIME_FORMAT).to_string(),
            "method": c.method.as_str(),
            "outcome": c.outcome.as_str(),
            "duration_min": c.duration_min,
            "notes": c.notes,
            "pillar": c.pillar.map(|p| p.as_str()),
            "intervention": c.intervention.map(|i| i.as_str()),
            "reach": row.reach.as_str(),
            "counts_toward_quota": counts,
        });
        export::write_json(out, &record)?;
    } else {
        writeln!(
            out,
            "logged contact {}: {} with {} ({}) at {}, {}, {}; {}",
            row.contact.key,
            sanitize::line(&row.mentor_name),
            sanitize::line(&row.person_name),
            row.person_id,
            c.occurred_at.format("%Y-%m-%d %H:%M"),
            c.method.as_str(),
            c.outcome.as_str(),
            if counts {
                "counts toward the quota"
            } else {
                "does not count toward the quota"
            },
        )?;
    }
    Ok(())
}

fn quota(session: &Session, month: Option<YearMonth>, json: bool, out: &mut dyn Write) -> Result<()> {
    let month = month.unwrap_or_else(|| YearMonth::of(session.today));
    let rows = caseload::mentor_table(session, month)?;
    if json {
        let items: Vec<_> = rows
            .iter()
            .map(|r| {
                json!({
                    "mentor_id": r.mentor.id,
                    "mentor": r.mentor.name,
                    "month": month.to_string(),
                    "count": r.standing.count,
                    "off_caseload": r.standing.off_caseload,
                    "support": r.standing.support,
                    "quota": r.standing.quota,
                    "status": r.standing.status.as_str(),
                })
            })
            .collect();
        export::write_json(out, &items)?;
    } else {
        for r in rows {
            writeln!(
                out,
                "{:<10} {:<24} {month} {}/{} {}",
                r.mentor.id,
                crate::domain::sanitize::line(&r.mentor.name),
                r.standing.count,
                r.standing.quota.map_or("-".to_string(), |q| q.to_string()),
                r.standing.status.as_str()
            )?;
        }
    }
    Ok(())
}

/// Every piece of overdue paperwork: the same list as the Program screen and the digest.
fn overdue(session: &Session, json: bool, out: &mut dyn Write) -> Result<()> {
    let items = crate::service::overdue::overdue(session)?;
    if json {
        return export::write_json(out, &items);
    }
    for item in items {
        writeln!(
            out,
            "{} {} {} due {} {} days overdue",
            item.mentor_id,
            item.kind,
            crate::domain::sanitize::line(&item.what),
            item.due,
            item.days_overdue
        )?;
    }
    Ok(())
}

fn settings(session: &mut Session, command: SettingsCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        SettingsCommand::Show => {
            export::write_json(out, &session.program.settings)?;
        }
        SettingsCommand::Set { key, value } => {
            session.set_setting(&key, &value, None)?;
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
            let mentor = person_key(session, &id, "--mentor")?;
            session.require_for(Permission::ReadCaseload, mentor)?;
            Some(mentor)
        }
        None => None,
    };
    let items = crate::service::calendar::occurrences(session, from, to, mentor)?;
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
            export::write_json(out, &rows)?;
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
    let rows = session
        .attendance(None, person)?
        .into_iter()
        .map(|row| {
            let (id, name) = session
                .person(row.person)?
                .map(|p| (p.id, p.name))
                .unwrap_or_default();
            Ok(vec![
                json!(row.date.to_string()),
                json!(row.event),
                json!(id),
                json!(name),
                json!(row.status.as_str()),
                json!(row.guests),
            ])
        })
        .collect::<Result<Vec<_>>>()?;
    export::write_rows(
        out,
        format.into(),
        &["date", "event", "person_id", "name", "status", "guests"],
        rows,
    )
}

fn letter(
    session: &mut Session,
    letter: export::letters::Letter,
    person: Option<String>,
    (html, force): (bool, bool),
    out: &mut dyn Write,
) -> Result<()> {
    let person = match person {
        Some(id) => Some(
            session
                .person_by_id(&id)?
                .ok_or_else(|| Error::Input(format!("--person '{id}': no person with that id")))?,
        ),
        None => None,
    };
    session.require_letter_about(person.as_ref())?;
    let objection = match (&person, letter) {
        (Some(p), export::letters::Letter::Certificate) => session.certificate_objection(p)?,
        _ => None,
    };
    if let Some(objection) = &objection
        && !force
    {
        return Err(Error::Input(format!(
            "{objection}; write the certificate anyway with --force"
        )));
    }
    let doc = export::letters::compose(session, letter, person.as_ref())?;
    if let (Some(objection), Some(p)) = (&objection, &person) {
        session.certificate_anyway(p, objection)?;
    }
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
        Command::Backup { .. }
        | Command::Restore { .. }
        | Command::Sync { .. }
        | Command::Programs { .. } => {
            return Err(Error::Input(
                "backup, restore, sync and programs open their programs themselves; run them as a command"
                    .into(),
            ));
        }
        Command::Man { .. } => crate::cli::manual::write_man(out)?,
        Command::Completions { shell } => crate::cli::manual::write_completions(shell, out),
        Command::Import(kind) => {
            let (rows, what) = match kind {
                ImportKind::People { file, yes } => {
                    let report = import::import_people(session, &file, yes)?;
                    let summary = report.summary();
                    writeln!(out, "imported {} people: {}", report.rows, summary[0])?;
                    for line in &summary[1..] {
                        writeln!(out, "{line}")?;
                    }
                    return Ok(());
                }
                ImportKind::Assignments { file } => {
                    let report = import::import_assignments(session, &file)?;
                    if report.new == report.rows {
                        (report.rows, "assignments")
                    } else {
                        writeln!(
                            out,
                            "imported {} assignments: {} new, {} ended, {} already there",
                            report.rows, report.new, report.ended, report.already
                        )?;
                        return Ok(());
                    }
                }
                ImportKind::Contacts {
                    file,
                    allow_duplicates,
                } => {
                    let report = import::import_contacts(session, &file, allow_duplicates)?;
                    if report.new == report.rows {
                        (report.rows, "contacts")
                    } else {
                        writeln!(out, "imported {} contacts: {}", report.rows, report.summary())?;
                        return Ok(());
                    }
                }
                ImportKind::Engagement { file } => {
                    (import::import_engagement(session, &file)?, "engagement records")
                }
                ImportKind::Program { .. } => {
                    unreachable!("run before a session opens: there is no program yet")
                }
            };
            writeln!(out, "imported {rows} {what}")?;
        }
        Command::Export(ExportKind::People { format }) => export::export_people(session, format.into(), out)?,
        Command::Export(ExportKind::Archive) => export::export_archive(session, out)?,
        Command::Export(ExportKind::Program) => session.export_program(out)?,
        Command::Export(ExportKind::Assignments { format }) => {
            export::export_assignments(session, format.into(), out)?
        }
        Command::Export(ExportKind::Contacts { month, format }) => {
            export::export_contacts(session, month, format.into(), out)?
        }
        Command::Log(args) => {
            let json = args.json;
            let key = log(session, args)?;
            let row = session
                .contact(key)?
                .ok_or_else(|| Error::Failed(format!("contact {key} was logged but cannot be read back")))?;
            logged(session, &row, json, out)?;
        }
        Command::Quota { month, json } => quota(session, month, json, out)?,
        Command::Overdue { json } => overdue(session, json, out)?,
        Command::Assign {
            mentor,
            mentee,
            on,
            json,
            force,
        } => {
            let mentor = session.require_person(&mentor, "--mentor")?;
            let mentee = session.require_person(&mentee, "--mentee")?;
            let started_on = on.unwrap_or(session.today);
            let key = session.assign(mentor.key, mentee.key, started_on, force)?;
            if json {
                let record = json!({
                    "id": session.assignment_id(key)?,
                    "number": key,
                    "mentor_id": mentor.id,
                    "mentee_id": mentee.id,
                    "started_on": started_on.to_string(),
                });
                export::write_json(out, &record)?;
            } else {
                writeln!(
                    out,
                    "assigned {} ({}) to {} ({}) from {started_on}; assignment {key}",
                    sanitize::line(&mentee.name),
                    mentee.id,
                    sanitize::line(&mentor.name),
                    mentor.id,
                )?;
            }
        }
        Command::Link { person, student } => {
            let person = session.require_person(&person, "--person")?;
            let student = session.require_person(&student, "--student")?;
            session.link_student(&person, &student)?;
        }
        Command::Unassign {
            mentor,
            mentee,
            reason,
            on,
        } => {
            let mentor_key = person_key(session, &mentor, "--mentor")?;
            let mentee_key = person_key(session, &mentee, "--mentee")?;
            let active = session
                .assignments_of(mentee_key)?
                .into_iter()
                .find(|a| a.mentor == mentor_key && a.ended_on.is_none())
                .ok_or_else(|| Error::Input("no active assignment between those two".into()))?;
            let on = on.unwrap_or(session.today);
            session.end_assignment(active.editing(), on, reason)?;
            writeln!(
                out,
                "Ended the match of {mentor} with {mentee} on {on} ({})",
                reason.label()
            )?;
        }
        Command::Extend {
            mentor,
            mentee,
            to,
            reason,
        } => {
            let mentor_key = person_key(session, &mentor, "--mentor")?;
            let mentee_key = person_key(session, &mentee, "--mentee")?;
            let active = session
                .assignments_of(mentee_key)?
                .into_iter()
                .find(|a| a.mentor == mentor_key && a.ended_on.is_none())
                .ok_or_else(|| Error::Input("no active assignment between those two".into()))?;
            session.extend_assignment(&active, to, &reason)?;
            writeln!(out, "Extended the match of {mentor} with {mentee} to {to}")?;
        }
        Command::Settings(command) => settings(session, command, out)?,
        Command::Contact(command) => crate::cli::contact::run(session, command, out)?,
        Command::Calendar {
            from,
            to,
            mentor,
            json,
            ics,
        } => calendar(session, (from, to), mentor, (json, ics), out)?,
        Command::Attendance { person, format } => attendance(session, person, format, out)?,
        Command::Warn { mentor, ground, note } => {
            let m = session.warn_mentor(&mentor, ground, &note)?;
            writeln!(
                out,
                "warned {} ({}): {}",
                sanitize::line(&m.name),
                m.id,
                ground.label()
            )?;
        }
        Command::Remove { mentor, ground, note } => {
            let (m, ended) = session.remove_mentor(&mentor, ground, &note)?;
            let warned = session
                .notices(m.key)?
                .iter()
                .filter(|n| n.kind == crate::domain::removal::NoticeKind::Warning)
                .count();
            writeln!(
                out,
                "{} ({}) left the program: {}; {ended} open assignment(s) ended; warned {warned} time(s) before",
                sanitize::line(&m.name),
                m.id,
                ground.label()
            )?;
        }
        Command::Daily {
            student,
            day,
            academic,
            behavioral,
            cognitive,
            affective,
            note,
        } => {
            let key = person_key(session, &student, "--student")?;
            let mut entry = Engagement::default();
            for (name, value) in DAILY
                .into_iter()
                .zip([academic, behavioral, cognitive, affective])
            {
                entry
                    .set(name, value.as_deref().unwrap_or(""))
                    .map_err(|reason| Error::Input(format!("--{name}: {reason}")))?;
            }
            let line = DailyLine {
                day: day.unwrap_or(session.today),
                entry,
                note,
            };
            session.record_daily(key, &line)?;
            let rated: Vec<String> = DAILY
                .iter()
                .filter_map(|name| line.entry.rating(name).map(|r| format!("{name} {}", r.label())))
                .collect();
            writeln!(
                out,
                "daily line for {student} on {}: {}",
                line.day,
                if rated.is_empty() {
                    "a note".to_string()
                } else {
                    rated.join(", ")
                }
            )?;
        }
        Command::Risk { month, json } => crate::cli::coordinator::risk(session, month, json, out)?,
        Command::Match { mentee, mentor, json } => match (mentee, mentor) {
            (Some(mentee), _) => crate::cli::coordinator::match_mentee(session, &mentee, json, out)?,
            (None, Some(mentor)) => crate::cli::coordinator::offer_people(session, &mentor, json, out)?,
            (None, None) => {
                return Err(Error::Input(
                    "missing --mentee <MENTEE> or --mentor <MENTOR>".into(),
                ));
            }
        },
        Command::Evaluate { json } => crate::cli::coordinator::evaluate(session, json, out)?,
        Command::Ledger { add, json, csv } => {
            crate::cli::coordinator::ledger(session, add, (json, csv), out)?
        }
        Command::Digest { to } => crate::cli::coordinator::digest(session, to, out)?,
        Command::Letter {
            letter: which,
            person,
            html,
            force,
        } => letter(session, which, person, (html, force), out)?,
        Command::Applicants(command) => crate::cli::applicants::run(session, command, out)?,
        Command::Audit { limit, by, person } => {
            let filter = crate::domain::records::AuditFilter {
                by: by.map(|id| person_key(session, &id, "--by")).transpose()?,
                about: person
                    .map(|id| person_key(session, &id, "--person"))
                    .transpose()?,
            };
            print_audit_lines(&session.audit(&filter, limit)?, out)?;
        }
        Command::Changes { all } => {
            print_audit_lines(&session.changes_to_my_records(!all)?.lines, out)?;
        }
    }
    Ok(())
}

/// Audit lines, one a line: when, who, what.
fn print_audit_lines(lines: &[crate::service::audit::AuditLine], out: &mut dyn Write) -> Result<()> {
    for line in lines {
        writeln!(out, "{} {}: {}", line.entry.at, line.who, line.what)?;
    }
    Ok(())
}
