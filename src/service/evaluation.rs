//! The program evaluation: exit-form scales, completion, conversations, retention, attendance.

use crate::domain::YearMonth;
use crate::domain::forms::{self, Evaluates, FormDef, Kind, SCALE, Submission};
use crate::domain::matching::evaluation_of;
use crate::domain::permissions::{Permission, Relation};
use crate::domain::quota::counts;
use crate::domain::types::{EndReason, Outcome};
use crate::error::Result;
use crate::service::Session;
use chrono::Months;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct ScaleItem {
    pub form: &'static str,
    /// Whose answers: "mentor", "mentee", or "both" (a form each side files).
    pub by: &'static str,
    pub item: &'static str,
    pub responses: u32,
    pub mean: Option<f64>,
    /// How many answered 1, 2, 3, 4 and 5.
    pub distribution: [u32; 5],
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// The 1–5 items of the program's own end-of-match forms (none when it has none).
    pub exit_items: Vec<ScaleItem>,
    /// Per evaluation source (see [`forms::evaluation_sources`]): ended assignments with that
    /// side's form filed, against all ended ones.
    pub exit_completion: BTreeMap<String, (u32, u32)>,
    /// Counting contacts per month, the last twelve months.
    pub contacts_per_month: Vec<(String, u32)>,
    pub completed: u32,
    pub ended_early: BTreeMap<String, u32>,
    /// Per check-in or training date: present, marked, and the guests mentors brought.
    pub attendance: Vec<(String, String, u32, u32, u32)>,
}

/// The program's evaluation. What it counts of the end-of-match forms comes from the program's
/// own forms: the NEA exit forms for ESP, the end-of-mentorship evaluation for WVLS, none for a
/// program that has none.
pub fn evaluate(session: &Session) -> Result<Evaluation> {
    session.require(Permission::ReadProgramDesk, Relation::Program)?;
    let store = &session.store;
    let mut exit_items = Vec::new();
    let mut exit_completion = BTreeMap::new();
    let assignments = store.all_assignments()?;
    let ended: Vec<_> = assignments
        .iter()
        .filter(|a| a.ended_on.is_some() && a.end_reason.is_none_or(EndReason::was_a_match))
        .collect();
    let forms = session.program.forms();
    let mut filed_of: BTreeMap<&'static str, Vec<_>> = BTreeMap::new();
    for source in forms::evaluation_sources(&forms) {
        let def = source.form;
        if !filed_of.contains_key(def.id) {
            let filed: Vec<_> = store
                .submissions(Some(def.id), None)?
                .into_iter()
                .filter(|s| !s.superseded)
                .collect();
            exit_items.extend(scale_items(def, &filed));
            filed_of.insert(def.id, filed);
        }
        let filed = &filed_of[def.id];
        let done = ended
            .iter()
            .filter(|a| {
                filed
                    .iter()
                    .any(|s| evaluation_of(source.side, s.author, s.about, a))
            })
            .count() as u32;
        exit_completion.insert(source.key(), (done, ended.len() as u32));
    }
    let first = YearMonth::of(session.today - Months::new(11));
    let mut per_month: BTreeMap<String, u32> = BTreeMap::new();
    // The outcomes the quota rule counts, asked of the rule itself.
    let counting: Vec<Outcome> = Outcome::ALL
        .iter()
        .copied()
        .filter(|o| counts(*o, session.program.settings.count_attempts))
        .collect();
    let mut month = first;
    while month <= YearMonth::of(session.today) {
        per_month.insert(month.to_string(), store.count_contacts(month, &counting)?);
        month = month.next();
    }
    let contacts_per_month = per_month.into_iter().collect();
    let completed = ended
        .iter()
        .filter(|a| a.end_reason == Some(EndReason::Completed))
        .count() as u32;
    let mut ended_early = BTreeMap::new();
    for a in &ended {
        if let Some(reason) = a.end_reason.filter(|r| *r != EndReason::Completed) {
            *ended_early.entry(reason.as_str().to_string()).or_default() += 1;
        }
    }
    let mut by_session: BTreeMap<(String, String), (u32, u32, u32)> = BTreeMap::new();
    for mark in store.attendance(None, None)? {
        let e = by_session.entry((mark.date.to_string(), mark.event)).or_default();
        e.1 += 1;
        e.0 += u32::from(mark.status == crate::domain::agenda::Attendance::Present);
        e.2 += mark.guests;
    }
    let attendance = by_session
        .into_iter()
        .map(|((d, e), (p, m, g))| (d, e, p, m, g))
        .collect();
    Ok(Evaluation {
        exit_items,
        exit_completion,
        contacts_per_month,
        completed,
        ended_early,
        attendance,
    })
}

/// The 1–5 items of `def`, over the forms `filed`.
fn scale_items(def: &'static FormDef, filed: &[Submission]) -> Vec<ScaleItem> {
    let by = match def.evaluates {
        Some(Evaluates::Mentor) => "mentor",
        Some(Evaluates::Mentee) => "mentee",
        _ => "both",
    };
    def.inputs()
        .filter(|f| f.kind == Kind::Scale)
        .map(|field| {
            let mut distribution = [0u32; 5];
            for s in filed {
                if let Some(n) = s
                    .values
                    .get(field.key)
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|n| (1..=5).contains(n))
                {
                    distribution[n - 1] += 1;
                }
            }
            let responses: u32 = distribution.iter().sum();
            let total: u32 = distribution
                .iter()
                .enumerate()
                .map(|(i, c)| (i as u32 + 1) * c)
                .sum();
            ScaleItem {
                form: def.id,
                by,
                item: field.label,
                responses,
                mean: (responses > 0).then(|| f64::from(total) / f64::from(responses)),
                distribution,
            }
        })
        .collect()
}

/// The word for each point of the exit scale.
pub fn scale_word(n: usize) -> &'static str {
    SCALE.get(n.saturating_sub(1)).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    #[test]
    fn scale_words() {
        assert_eq!(super::scale_word(3), "quite a bit");
    }
}
