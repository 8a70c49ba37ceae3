//! The coordinator's commands: risk, match, evaluate, ledger, digest.

use crate::cli::LedgerCommand;
use crate::domain::YearMonth;
use crate::domain::quota::QuotaStatus;
use crate::domain::sanitize::line;
use crate::error::{Error, Result};
use crate::service::Session;
use crate::service::caseload;
use crate::service::{evaluation, ledger, matching, overdue, risk};
use chrono::Days;
use std::io::Write;

use crate::export::write_json as json_out;

pub fn risk(session: &Session, month: Option<YearMonth>, json: bool, out: &mut dyn Write) -> Result<()> {
    let month = month.unwrap_or_else(|| YearMonth::of(session.today));
    let students = risk::risk(session, month)?;
    if json {
        return json_out(out, &students);
    }
    for s in &students {
        writeln!(
            out,
            "{:<8} {:<24} {month} {:<4} {}",
            s.student_id,
            line(&s.student.name),
            s.level,
            crate::domain::risk::triggers_said(&s.triggers)
        )?;
    }
    Ok(())
}

pub fn match_mentee(session: &Session, mentee: &str, json: bool, out: &mut dyn Write) -> Result<()> {
    let mentee = session
        .person_by_id(mentee)?
        .ok_or_else(|| Error::Input(format!("--mentee '{mentee}': no person with that id")))?;
    let ranking = matching::rank_mentors(session, &mentee)?;
    if json {
        return json_out(out, &ranking);
    }
    for (i, c) in ranking.iter().enumerate() {
        let eligible = if c.fit.eligible { "" } else { " (not eligible)" };
        writeln!(
            out,
            "{:>2}. {:<24} {:>4}{eligible}",
            i + 1,
            line(&c.name),
            c.fit.score
        )?;
        for reason in &c.fit.reasons {
            writeln!(out, "      {}", line(reason))?;
        }
    }
    Ok(())
}

/// The people a mentor may be given, best fit first.
pub fn offer_people(session: &Session, mentor: &str, json: bool, out: &mut dyn Write) -> Result<()> {
    let mentor = session.require_person(mentor, "--mentor")?;
    let offers = matching::offers(session, &mentor)?;
    if json {
        return json_out(out, &offers);
    }
    if offers.is_empty() {
        writeln!(
            out,
            "no one to offer {}: everyone is assigned or was theirs before",
            line(&mentor.name)
        )?;
    }
    for (i, o) in offers.iter().enumerate() {
        let eligible = if o.fit.eligible { "" } else { " (not eligible)" };
        writeln!(
            out,
            "{:>2}. {:<10} {:<24} {:>4}{eligible}",
            i + 1,
            o.person_id,
            line(&o.name),
            o.fit.score
        )?;
        for reason in &o.fit.reasons {
            writeln!(out, "      {}", line(reason))?;
        }
    }
    Ok(())
}

fn bar(count: u32, max: u32, width: u32) -> String {
    let n = if max == 0 {
        0
    } else {
        (count * width).div_ceil(max)
    };
    "█".repeat(n as usize)
}

pub fn evaluate(session: &Session, json: bool, out: &mut dyn Write) -> Result<()> {
    let e = evaluation::evaluate(session)?;
    if json {
        return json_out(out, &e);
    }
    if !e.exit_completion.is_empty() {
        writeln!(out, "End-of-match forms")?;
    }
    for item in &e.exit_items {
        let mean = item.mean.map_or("—".to_string(), |m| format!("{m:.2}"));
        writeln!(
            out,
            "  {:<18} mean {mean} of {} · 1–5: {:?} · {}",
            item.form, item.responses, item.distribution, item.item
        )?;
    }
    for (form, (done, of)) in &e.exit_completion {
        writeln!(out, "  {form} completion: {done} of {of} ended matches")?;
    }
    writeln!(out, "Contacts per month (conversations)")?;
    let max = e.contacts_per_month.iter().map(|(_, c)| *c).max().unwrap_or(0);
    for (month, count) in &e.contacts_per_month {
        writeln!(out, "  {month} {count:>5} {}", bar(*count, max, 40))?;
    }
    let early: u32 = e.ended_early.values().sum();
    writeln!(out, "Retention: {} completed, {early} ended early", e.completed)?;
    for (reason, n) in &e.ended_early {
        writeln!(out, "  {reason}: {n}")?;
    }
    writeln!(out, "Check-in attendance")?;
    for (date, event, present, marked, guests) in &e.attendance {
        let with = match crate::domain::agenda::guests_said(*guests) {
            said if said.is_empty() => said,
            said => format!(", {said}"),
        };
        writeln!(out, "  {date} {event}: {present} of {marked} present{with}")?;
    }
    Ok(())
}

pub fn ledger(
    session: &mut Session,
    command: Option<LedgerCommand>,
    format: (bool, bool),
    out: &mut dyn Write,
) -> Result<()> {
    match command {
        Some(LedgerCommand::Add {
            mentor,
            amount,
            kind,
            on,
            note,
        }) => {
            let on = on.unwrap_or(session.today);
            let (key, added) = ledger::add_entry(session, &mentor, &kind, &amount, on, &note)?;
            writeln!(out, "Added {added} {kind} for {mentor} on {on} (entry {key})")?;
            return Ok(());
        }
        Some(LedgerCommand::Pay {
            mentor,
            amount,
            on,
            note,
        }) => {
            let on = on.unwrap_or(session.today);
            let (key, paid) = ledger::pay(session, &mentor, &amount, on, &note)?;
            writeln!(out, "Paid {paid} to {mentor} on {on} (entry {key})")?;
            return Ok(());
        }
        None => {}
    }
    let lines = ledger::ledger(session)?;
    match format {
        (true, _) => json_out(out, &lines),
        (_, true) => {
            let rows = lines
                .iter()
                .map(|l| {
                    vec![
                        serde_json::json!(l.mentor_id),
                        serde_json::json!(l.mentor),
                        serde_json::json!(l.date.to_string()),
                        serde_json::json!(l.kind),
                        serde_json::json!(l.status.as_str()),
                        serde_json::json!(match l.minutes {
                            Some(minutes) => ledger::hours(minutes),
                            None => format!("{:.2}", l.amount_cents as f64 / 100.0),
                        }),
                        serde_json::json!(l.note),
                        serde_json::json!(l.source),
                    ]
                })
                .collect();
            crate::export::write_rows(
                out,
                crate::export::Format::Csv,
                &[
                    "mentor_id",
                    "mentor",
                    "date",
                    "kind",
                    "status",
                    "amount",
                    "note",
                    "source",
                ],
                rows,
            )
        }
        _ => {
            for l in &lines {
                writeln!(
                    out,
                    "{} {:<20} {:<11} {:<7} {:>10} {}",
                    l.date,
                    line(&l.mentor),
                    line(&l.kind),
                    l.status.as_str(),
                    l.amount(),
                    line(&l.note)
                )?;
            }
            writeln!(out, "{}", ledger::LedgerTotals::of(&lines).summary())?;
            let time = ledger::time_summary(&lines);
            if !time.is_empty() {
                writeln!(out, "time: {time}")?;
            }
            Ok(())
        }
    }
}

/// How much of each list a digest shows: a digest stays short whatever the program's size.
const DIGEST_MENTORS: usize = 10;
const DIGEST_ITEMS: usize = 3;
const DIGEST_LINES: usize = 15;

fn and_more(out: &mut dyn Write, indent: &str, shown: usize, of: usize, what: &str) -> Result<()> {
    if of > shown {
        writeln!(out, "{indent}and {} more{what}", of - shown)?;
    }
    Ok(())
}

/// The digest: who is behind, overdue paperwork per mentor with the most urgent items, the next
/// 7 days and reminders; each list the most urgent first, the rest counted ("and N more").
pub fn digest(session: &mut Session, to: Option<String>, out: &mut dyn Write) -> Result<()> {
    if let Some(login) = to {
        session.read_as(&login, "--to")?;
    }
    let today = session.today;
    writeln!(
        out,
        "{} · digest for {} · {}",
        line(&session.program.name),
        line(&session.me().name),
        today.format("%a %-d %b %Y")
    )?;
    writeln!(out)?;
    let table = caseload::mentor_table(session, YearMonth::of(today))?;
    if table.iter().any(|r| r.plans.is_some()) {
        // A plan-based program has no quota: the mentors whose plans need them instead.
        let rows: Vec<_> = table
            .iter()
            .filter_map(|r| Some((r, r.plans?)))
            .filter(|(_, p)| p.filed < p.pairs || p.next_on.is_some_and(|on| on < today))
            .collect();
        writeln!(out, "Plans to write or bring up to date ({})", rows.len())?;
        for (r, p) in rows.iter().take(DIGEST_LINES) {
            let next = match p.next_on {
                Some(on) if on < today => format!(" · next step was due {on}"),
                _ => String::new(),
            };
            writeln!(
                out,
                "  {:<24} {} of {} pairs with a plan{next}",
                line(&r.mentor.name),
                p.filed,
                p.pairs
            )?;
        }
        and_more(out, "  ", DIGEST_LINES, rows.len(), " mentors")?;
    } else {
        let rows: Vec<_> = table
            .iter()
            .filter(|r| r.standing.status.is_behind_or_at_risk())
            .collect();
        writeln!(out, "Behind or at risk ({})", rows.len())?;
        for r in rows.iter().take(DIGEST_LINES) {
            writeln!(out, "  {:<24} {}", line(&r.mentor.name), r.standing.headline())?;
        }
        and_more(out, "  ", DIGEST_LINES, rows.len(), " mentors behind or at risk")?;
        let unpaired: Vec<_> = table
            .iter()
            .filter(|r| r.standing.status == QuotaStatus::NoActivePairs)
            .collect();
        if !unpaired.is_empty() {
            writeln!(out, "\nNo active pairs ({})", unpaired.len())?;
            for r in unpaired.iter().take(DIGEST_LINES) {
                writeln!(out, "  {:<24} {}", line(&r.mentor.name), r.standing.headline())?;
            }
            and_more(
                out,
                "  ",
                DIGEST_LINES,
                unpaired.len(),
                " mentors with no active pairs",
            )?;
        }
    }
    let overdue = overdue::overdue_list(session)?;
    writeln!(
        out,
        "\nOverdue ({} for {} mentor(s))",
        overdue.total,
        overdue.groups.len()
    )?;
    for (group, items) in overdue.head(session, DIGEST_MENTORS, DIGEST_ITEMS)? {
        writeln!(
            out,
            "  {} · {} overdue, the oldest {} days",
            line(&group.mentor),
            group.len(),
            group.oldest_days
        )?;
        for o in &items {
            writeln!(out, "    {} days · {}", o.days_overdue, line(&o.what))?;
        }
        and_more(out, "    ", items.len(), group.len(), "")?;
    }
    let shown: usize = overdue.groups.iter().take(DIGEST_MENTORS).map(|g| g.len()).sum();
    if overdue.groups.len() > DIGEST_MENTORS {
        writeln!(
            out,
            "  and {} more mentors with {} overdue items",
            overdue.groups.len() - DIGEST_MENTORS,
            overdue.total - shown
        )?;
    }
    let mentor = (!session.sees_whole_program()).then_some(session.me().key);
    let coming = crate::service::calendar::occurrences(session, today, today + Days::new(6), mentor)?;
    writeln!(out, "\nThe next 7 days ({})", coming.len())?;
    for o in coming.iter().take(DIGEST_LINES) {
        let time = o
            .start
            .map(|t| t.format(" %H:%M").to_string())
            .unwrap_or_default();
        writeln!(
            out,
            "  {}{time} {} · {}",
            o.date.format("%a %b %-d"),
            o.kind.as_str(),
            line(&o.title)
        )?;
    }
    and_more(out, "  ", DIGEST_LINES, coming.len(), "")?;
    let reminders = session.unread_reminders(mentor)?;
    writeln!(out, "\nReminders ({})", reminders.len())?;
    for r in reminders.iter().take(DIGEST_LINES) {
        let to = session.person(r.person)?.map(|p| p.name).unwrap_or_default();
        writeln!(
            out,
            "  to {}: {} (from {}, {})",
            line(&to),
            line(&r.text),
            line(&r.sender),
            crate::domain::dates::day_of_stamp(&r.created_at)
        )?;
    }
    and_more(out, "  ", DIGEST_LINES, reminders.len(), "")?;
    Ok(())
}
