//! AFSCME Mentoring 101's model of effective mentoring: Invest, Bridge the Gap, Share Power.
//! Each contact records the pillar it served; the balance per pair shows a mentor and the
//! coordinator which one is being forgotten (the workshop's worry is sharing power).

use super::forms::Values;
use super::quota::counts;
use super::records::ContactInput;
use super::types::{Outcome, Pillar};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How many counting contacts of one pair served each pillar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PillarBalance {
    pub invest: u32,
    pub bridge_the_gap: u32,
    pub share_power: u32,
}

impl PillarBalance {
    pub fn count(&self, pillar: Pillar) -> u32 {
        match pillar {
            Pillar::Invest => self.invest,
            Pillar::BridgeTheGap => self.bridge_the_gap,
            Pillar::SharePower => self.share_power,
        }
    }

    pub fn add(&mut self, pillar: Pillar) {
        match pillar {
            Pillar::Invest => self.invest += 1,
            Pillar::BridgeTheGap => self.bridge_the_gap += 1,
            Pillar::SharePower => self.share_power += 1,
        }
    }

    pub fn total(&self) -> u32 {
        self.invest + self.bridge_the_gap + self.share_power
    }

    /// The pillars no contact has served yet, once the pair has recorded any.
    pub fn forgotten(&self) -> Vec<Pillar> {
        if self.total() == 0 {
            return Vec::new();
        }
        Pillar::ALL
            .iter()
            .copied()
            .filter(|p| self.count(*p) == 0)
            .collect()
    }

    /// `4/2/0`: Invest / Bridge the Gap / Share Power.
    pub fn counts(&self) -> String {
        format!("{}/{}/{}", self.invest, self.bridge_the_gap, self.share_power)
    }

    /// The word that goes with the counts, so the balance never rests on colour: `balanced`,
    /// `no Share`, `2 missing`, or `none yet`.
    pub fn status_word(&self) -> String {
        let forgotten = self.forgotten();
        match forgotten.as_slice() {
            _ if self.total() == 0 => "none yet".into(),
            [] => "balanced".into(),
            [one] => format!("no {}", one.label().split(' ').next().unwrap_or_default()),
            many => format!("{} missing", many.len()),
        }
    }

    /// `Invest 3 · Bridge the Gap 1 · Share Power 0`
    pub fn summary(&self) -> String {
        Pillar::ALL
            .iter()
            .map(|p| format!("{} {}", p.label(), self.count(*p)))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// The balance of each pair `(mentor, person)` over `contacts`: those that count under the
/// program's rules (conversations, or attempts too with `count_attempts`) and name a pillar.
pub fn balances<'a>(
    contacts: impl IntoIterator<Item = &'a ContactInput>,
    count_attempts: bool,
) -> BTreeMap<(i64, i64), PillarBalance> {
    balances_of(
        contacts
            .into_iter()
            .map(|c| ((c.mentor, c.person), c.pillar, c.outcome)),
        count_attempts,
    )
}

/// A contact as the pillars see it: its pair (mentor, person), the pillar it names and its
/// outcome.
pub type PillarContact = ((i64, i64), Option<Pillar>, Outcome);

/// [`balances`] over each contact's pair, pillar and outcome, as the store reads them.
pub fn balances_of(
    contacts: impl IntoIterator<Item = PillarContact>,
    count_attempts: bool,
) -> BTreeMap<(i64, i64), PillarBalance> {
    let mut out: BTreeMap<(i64, i64), PillarBalance> = BTreeMap::new();
    for (pair, pillar, outcome) in contacts {
        let Some(pillar) = pillar else { continue };
        if counts(outcome, count_attempts) {
            out.entry(pair).or_default().add(pillar);
        }
    }
    out
}

/// The form a pair's plan is written on, and its next step's fields.
pub const PLAN_FORM: &str = "mentoring-plan";

/// A pair's progress on its AFSCME mentoring plan, shown where the program measures pairs by
/// their plan rather than a monthly quota: whether a plan is on file, the pillars the pair's
/// contacts touched, and the plan's next step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanProgress {
    pub filed: bool,
    pub pillars: PillarBalance,
    pub next_step: Option<String>,
    pub next_on: Option<NaiveDate>,
}

impl PlanProgress {
    /// From the pair's latest plan (if any) and the pillars of its contacts.
    pub fn of(plan: Option<&Values>, pillars: PillarBalance) -> PlanProgress {
        let value = |key: &str| {
            plan.and_then(|v| v.get(key))
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        PlanProgress {
            filed: plan.is_some(),
            pillars,
            next_step: value("first_step"),
            next_on: value("first_step_on").and_then(|d| super::dates::parse_date(&d).ok()),
        }
    }

    /// The pillars the pair's contacts served at least once, in the model's order.
    pub fn touched(&self) -> Vec<Pillar> {
        Pillar::ALL
            .iter()
            .copied()
            .filter(|p| self.pillars.count(*p) > 0)
            .collect()
    }

    /// `Invest, Bridge the Gap` or `none yet`.
    pub fn touched_words(&self) -> String {
        match self.touched().as_slice() {
            [] => "none yet".into(),
            touched => touched.iter().map(|p| p.label()).collect::<Vec<_>>().join(", "),
        }
    }

    /// Whether the next step's date has passed.
    pub fn step_overdue(&self, today: NaiveDate) -> bool {
        self.next_on.is_some_and(|on| on < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_progress_reads_the_latest_plan_and_the_pillars_touched() {
        let mut plan = Values::new();
        plan.insert(
            "first_step".into(),
            " Invite Rosa to the steward training ".into(),
        );
        plan.insert("first_step_on".into(), "2026-12-03".into());
        let mut pillars = PillarBalance::default();
        pillars.add(Pillar::Invest);
        pillars.add(Pillar::Invest);
        pillars.add(Pillar::SharePower);
        let p = PlanProgress::of(Some(&plan), pillars);
        assert!(p.filed);
        assert_eq!(p.touched(), [Pillar::Invest, Pillar::SharePower]);
        assert_eq!(p.touched_words(), "Invest, Share Power");
        assert_eq!(
            p.next_step.as_deref(),
            Some("Invite Rosa to the steward training")
        );
        let dec = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert!(!p.step_overdue(dec(3)) && p.step_overdue(dec(4)));
        let none = PlanProgress::of(None, PillarBalance::default());
        assert_eq!(
            (none.filed, none.touched_words(), none.next_step),
            (false, "none yet".into(), None)
        );
    }

    #[test]
    fn the_status_word_names_what_is_forgotten() {
        let mut b = PillarBalance::default();
        assert_eq!(b.status_word(), "none yet");
        b.add(Pillar::Invest);
        assert_eq!(b.status_word(), "2 missing");
        b.add(Pillar::BridgeTheGap);
        assert_eq!((b.counts(), b.status_word()), ("1/1/0".into(), "no Share".into()));
        b.add(Pillar::SharePower);
        assert_eq!(b.status_word(), "balanced");
    }
    use crate::domain::types::{Method, Outcome};

    fn contact(mentor: i64, person: i64, outcome: Outcome, pillar: Option<Pillar>) -> ContactInput {
        ContactInput {
            mentor,
            person,
            occurred_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 2)
                .unwrap()
                .and_hms_opt(18, 0, 0)
                .unwrap(),
            method: Method::Phone,
            outcome,
            duration_min: None,
            support_when: None,
            support_what: String::new(),
            notes: String::new(),
            follow_up_on: None,
            submitted_on: None,
            intervention: None,
            pillar,
        }
    }

    #[test]
    fn each_pair_counts_its_conversations_per_pillar() {
        use Outcome::*;
        use Pillar::*;
        let contacts = [
            contact(1, 10, Conversation, Some(Invest)),
            contact(1, 10, Conversation, Some(Invest)),
            contact(1, 10, Conversation, Some(BridgeTheGap)),
            contact(1, 10, NoAnswer, Some(SharePower)),
            contact(1, 10, Conversation, None),
            contact(2, 20, Conversation, Some(SharePower)),
        ];
        let b = balances(&contacts, false);
        let first = b[&(1, 10)];
        assert_eq!(
            (first.invest, first.bridge_the_gap, first.share_power),
            (2, 1, 0),
            "an unanswered call shared no power"
        );
        assert_eq!(first.forgotten(), [SharePower]);
        assert_eq!(first.summary(), "Invest 2 · Bridge the Gap 1 · Share Power 0");
        assert_eq!(b[&(2, 20)].forgotten(), [Invest, BridgeTheGap]);
        assert_eq!(b.len(), 2);
        let with_attempts = balances(&contacts, true);
        assert_eq!(with_attempts[&(1, 10)].share_power, 1);
        assert!(PillarBalance::default().forgotten().is_empty());
    }
}
