//! `mentordesk sync`: what a sync did, in lines; the refusals and conflicts a copy keeps, and
//! settling one.

use crate::error::{Error, Result};
use crate::service::sync::Copy;
use crate::sync::{SyncOptions, SyncReport, plural};
use std::io::Write;
use std::path::Path;

pub fn run(options: &SyncOptions, out: &mut dyn Write) -> Result<()> {
    let report = crate::sync::sync(options)?;
    print_report(&report, &options.db, out)?;
    if let Some((why, _)) = &report.deactivated {
        return Err(Error::Denied(why.clone()));
    }
    if report.conflicts > 0 {
        return Err(Error::Conflict {
            what: plural(report.conflicts, "record", "records"),
            by: None,
        });
    }
    if !report.refused.is_empty() {
        return Err(Error::Denied(format!(
            "the box refused {}; kept here (mentordesk sync --status)",
            plural(report.refused.len(), "change", "changes")
        )));
    }
    Ok(())
}

fn print_report(report: &SyncReport, db: &Path, out: &mut dyn Write) -> Result<()> {
    if let Some((why, saved)) = &report.deactivated {
        writeln!(out, "{}: {why}", report.remote)?;
        match saved {
            Some(path) => writeln!(out, "what the box never took is saved in {}", path.display())?,
            None => writeln!(out, "nothing was waiting to be sent")?,
        }
        writeln!(out, "{}: the laptop copy is now empty", db.display())?;
        return Ok(());
    }
    if report.first {
        writeln!(
            out,
            "made a laptop copy of your part of the program at {} ({})",
            report.remote,
            db.display()
        )?;
    }
    writeln!(out, "{}", crate::sync::summary(report).0)?;
    for (gid, why) in &report.refused {
        writeln!(out, "refused {gid}: {why} (kept here)")?;
    }
    if report.conflicts > 0 {
        writeln!(
            out,
            "changed on the box too: see `mentordesk sync --status`, then `mentordesk sync --settle ID theirs|mine`"
        )?;
    }
    Ok(())
}

/// The refusals and conflicts the copy keeps, a line each.
pub fn status(db: &Path, out: &mut dyn Write) -> Result<()> {
    let copy = Copy::open(db)?;
    let origin = copy.origin();
    writeln!(
        out,
        "{} · {} · {}",
        origin.remote,
        origin.login,
        origin
            .synced_at
            .as_deref()
            .map_or("never synced".to_string(), |at| format!("synced {at}"))
    )?;
    writeln!(
        out,
        "{} to send",
        plural(copy.changes_to_send()?.len(), "change", "changes")
    )?;
    for mark in copy.marks()? {
        match mark.state.as_str() {
            "conflict" => writeln!(
                out,
                "conflict {} {}: changed on the box {}",
                mark.table, mark.gid, mark.reason
            )?,
            _ => writeln!(out, "refused {} {}: {}", mark.table, mark.gid, mark.reason)?,
        }
    }
    Ok(())
}

pub fn settle(db: &Path, gid: &str, side: &str, out: &mut dyn Write) -> Result<()> {
    let keep_theirs = match side {
        "theirs" => true,
        "mine" => false,
        other => {
            return Err(Error::Input(format!(
                "--settle {gid} {other}: say theirs or mine"
            )));
        }
    };
    let mut copy = Copy::open(db)?;
    if keep_theirs && copy.is_refused(gid)? {
        let path = crate::sync::set_aside_refused(&mut copy, gid)?;
        writeln!(
            out,
            "{gid}: set aside in {}; the box's records stay as they are",
            path.display()
        )?;
        return Ok(());
    }
    copy.settle(gid, keep_theirs)?;
    if keep_theirs {
        writeln!(out, "{gid}: the box's version is kept; yours is gone")?;
    } else {
        writeln!(out, "{gid}: yours goes over the box's at the next sync")?;
    }
    Ok(())
}
