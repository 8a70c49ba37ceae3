//! The program evaluation: exit-form scales, completion, conversations, retention, attendance.

use crate::domain::YearMonth;
use crate::domain::forms::{self, Kind, SCALE};
use crate::domain::matching::exit_form_of;
use crate::domain::permissions::{Action, Relation};
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
    pub item: &'static str,
    pub responses: u32,
    pub mean: Option<f64>,
    /// How many answered 1, 2, 3, 4 and 5.
    pub distribution: [u32; 5],
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub exit_items: Vec<ScaleItem>,
    /// Ended assignments with a mentor's / a mentee's exit form, against all ended ones.
    pub exit_completion: BTreeMap<&'static str, (u32, u32)>,
    /// Counting contacts per month, the last twelve months.
    pub contacts_per_month: Vec<(String, u32)>,
    pub completed: u32,
    pub ended_early: BTreeMap<String, u32>,
    /// Per check-in or training date: present, marked.
    pub attendance: Vec<(String, String, u32, u32)>,
}

pub fn evaluate(session: &Session) -> Result<Evaluation> {
    session.require(Action::ReadProgramDesk, Relation::Program)?;
    let store = &session.store;
    let mut exit_items = Vec::new();
    let mut exit_completion = BTreeMap::new();
    let assignments = store.all_assignments()?;
    let ended: Vec<_> = assignments.iter().filter(|a| a.ended_on.is_some()).collect();
    for id in ["exit-mentor", "exit-mentee"] {
        let Some(def) = forms::find(id) else { continue };
        let filed: Vec<_> = store
            .submissions(Some(id), None)?
            .into_iter()
            .filter(|s| !s.superseded)
            .collect();
        for field in def.inputs().filter(|f| f.kind == Kind::Scale) {
            let mut distribution = [0u32; 5];
            for s in &filed {
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
            exit_items.push(ScaleItem {
                form: def.id,
                item: field.label,
                responses,
                mean: (responses > 0).then(|| f64::from(total) / f64::from(responses)),
                distribution,
            });
        }
        let done = ended
            .iter()
            .filter(|a| filed.iter().any(|s| exit_form_of(id, s.author, s.about, a)))
            .count() as u32;
        exit_completion.insert(def.id, (done, ended.len() as u32));
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
    let mut by_session: BTreeMap<(String, String), (u32, u32)> = BTreeMap::new();
    for mark in store.attendance(None, None)? {
        let e = by_session.entry((mark.date.to_string(), mark.event)).or_default();
        e.1 += 1;
        e.0 += u32::from(mark.status == crate::domain::agenda::Attendance::Present);
    }
    let attendance = by_session
        .into_iter()
        .map(|((d, e), (p, m))| (d, e, p, m))
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
