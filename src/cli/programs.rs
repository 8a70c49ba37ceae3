//! `mentordesk programs`: the figures of every program the config file lists.

use crate::error::{Error, Result};
use crate::service::programs::{FetchRemote, FiguresCache, ListedProgram, Taker, gather};
use std::io::Write;

/// Prints every listed program's figures (JSON with `json`), keeps them in the user's cache, and
/// fails with one line naming the programs that could not be reached (their last figures shown).
pub fn run(
    listed: &[ListedProgram],
    taker: &Taker,
    fetch: FetchRemote,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    if listed.is_empty() {
        let file = crate::cli::config::config_path()
            .map_or("the config file".to_string(), |p| p.display().to_string());
        return Err(Error::Input(format!(
            "no programs listed: add a [[programs]] table with a name and a db or remote to {file}"
        )));
    }
    let cache_path = FiguresCache::default_path();
    let mut cache = cache_path.as_deref().map(FiguresCache::load).unwrap_or_default();
    let rows = gather(listed, taker, fetch, &mut cache);
    if let Some(path) = &cache_path {
        cache.save(path)?;
    }
    if json {
        crate::export::write_json(out, &rows)?;
    } else {
        let line = crate::domain::sanitize::line;
        writeln!(
            out,
            "{:<24} {:>7} {:>6} {:>7} {:>8} {:>9}  fetched",
            "program", "mentors", "behind", "overdue", "contacts", "high-risk"
        )?;
        for row in &rows {
            let name = line(&row.name);
            match &row.figures {
                Some(f) => writeln!(
                    out,
                    "{name:<24} {:>7} {:>6} {:>7} {:>8} {:>9}  {}{}",
                    f.mentors,
                    f.behind,
                    f.overdue,
                    f.contacts_this_month,
                    f.high_risk.map_or("-".to_string(), |n| n.to_string()),
                    f.fetched_label(),
                    if row.is_stale() { " (last known)" } else { "" }
                )?,
                None => writeln!(out, "{name:<24} no figures yet")?,
            }
            if let Some(problem) = &row.problem {
                writeln!(out, "  {}", line(problem))?;
            }
        }
    }
    let failed: Vec<String> = rows
        .iter()
        .filter_map(|r| Some(format!("{}: {}", r.name, r.problem.as_ref()?)))
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Error::Failed(failed.join("; ")))
    }
}
