//! How well a mentor fits a mentee, with the reasons, from weights the program sets.

use super::forms::Side;
use super::records::{Assignment, Person, PersonFields};
use super::settings::{Eligibility, MatchWeights};
use super::types::Role;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fit {
    pub score: i32,
    pub eligible: bool,
    pub reasons: Vec<String>,
}

fn words(text: &Option<String>) -> BTreeSet<String> {
    const SMALL: &[&str] = &[
        "and", "the", "for", "with", "our", "new", "how", "to", "of", "a", "in", "on",
    ];
    text.as_deref()
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() > 2 && !SMALL.contains(&w.as_str()))
        .collect()
}

fn same(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => !a.trim().is_empty() && a.trim().eq_ignore_ascii_case(b.trim()),
        _ => false,
    }
}

/// "1 year's experience", "3 years' experience".
fn experience(years: u32) -> String {
    if years == 1 {
        "1 year's experience".into()
    } else {
        format!("{years} years' experience")
    }
}

/// The program's eligibility rules applied to a pair, in order: whether each holds, and why.
fn eligibility(m: &PersonFields, e: &PersonFields, rules: &Eligibility) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    if let Some(min) = rules.mentor_min_years {
        out.push(match m.years_experience {
            Some(years) if years >= min => (true, format!("{} (needs {min}+)", experience(years))),
            Some(years) => (
                false,
                format!("only {}; the program asks {min}+", experience(years)),
            ),
            None => (
                false,
                format!("experience unknown; the program asks {min}+ years"),
            ),
        });
    }
    if let Some(max) = rules.mentee_max_years
        && let Some(years) = e.years_experience
        && years > max
    {
        out.push((
            false,
            format!(
                "mentee has {}; the program takes {max} or fewer years",
                experience(years)
            ),
        ));
    }
    out
}

/// The eligibility rules a pair breaks: assigning it anyway needs an explicit confirmation.
pub fn broken_rules(mentor: &Person, mentee: &Person, rules: &Eligibility) -> Vec<String> {
    eligibility(&mentor.fields, &mentee.fields, rules)
        .into_iter()
        .filter(|(ok, _)| !ok)
        .map(|(_, reason)| reason)
        .collect()
}

/// Why a pair can never be assigned, confirmation or not: nobody mentors themself, and the
/// people around a student (guardians, school staff, providers) are never mentored.
pub fn refusal(mentor: &Person, mentee: &Person) -> Option<String> {
    if mentor.key == mentee.key {
        return Some(format!("{} cannot be matched with themself", mentee.name));
    }
    if mentor.role != Role::Mentor {
        return Some(format!(
            "{} is on file as {}, not as a mentor",
            mentor.name,
            mentor.role.label().to_lowercase()
        ));
    }
    if !mentee.role.may_be_mentee() {
        return Some(format!(
            "{} is on file as {}, never as a mentee",
            mentee.name,
            mentee.role.label().to_lowercase()
        ));
    }
    None
}

/// Whether an end-of-match evaluation filed by `author` about `about` is `side`'s of this match:
/// the mentor's names the mentee; the mentee's names the mentor, or is filed about the mentee by
/// the program (a paper form entered by the coordinator).
pub fn evaluation_of(side: Side, author: i64, about: Option<i64>, pair: &Assignment) -> bool {
    match side {
        Side::Mentor => author == pair.mentor && about == Some(pair.mentee),
        Side::Mentee => {
            (author == pair.mentee && about == Some(pair.mentor))
                || (about == Some(pair.mentee) && author != pair.mentor)
        }
    }
}

/// The fit of `mentor` (with `active` people of `capacity`) for `mentee`.
pub fn fit(
    mentor: &Person,
    mentee: &Person,
    active: u32,
    capacity: u32,
    weights: &MatchWeights,
    rules: &Eligibility,
) -> Fit {
    let (m, e) = (&mentor.fields, &mentee.fields);
    let mut score = 0;
    let mut reasons = Vec::new();
    let mut eligible = true;
    if same(&m.job_family, &e.job_family) {
        score += weights.job_family;
        reasons.push(format!(
            "same job family ({})",
            m.job_family.clone().unwrap_or_default()
        ));
    } else if same(&m.position, &e.position) {
        score += weights.job_family / 2;
        reasons.push(format!(
            "same position ({})",
            m.position.clone().unwrap_or_default()
        ));
    }
    let needs: BTreeSet<String> = words(&e.goals).union(&words(&e.expertise)).cloned().collect();
    let shared: Vec<String> = words(&m.expertise).intersection(&needs).cloned().collect();
    if !shared.is_empty() {
        let share = (shared.len() as i32).min(3);
        score += weights.expertise * share / 3;
        reasons.push(format!("expertise meets goals: {}", shared.join(", ")));
    }
    if same(&m.location, &e.location) {
        score += weights.location;
        reasons.push(format!(
            "same location ({})",
            m.location.clone().unwrap_or_default()
        ));
    }
    if active < capacity {
        let room = capacity - active;
        score += weights.capacity * room as i32 / capacity.max(1) as i32;
        reasons.push(format!("caseload {active} of {capacity}"));
    } else {
        score -= weights.capacity;
        reasons.push(format!("caseload full ({active} of {capacity})"));
    }
    let common: Vec<String> = words(&m.availability)
        .intersection(&words(&e.availability))
        .cloned()
        .collect();
    if !common.is_empty() {
        score += weights.availability;
        reasons.push(format!("both available: {}", common.join(", ")));
    }
    for (ok, reason) in eligibility(m, e, rules) {
        eligible &= ok;
        reasons.push(reason);
    }
    Fit {
        score,
        eligible,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(role: Role, f: PersonFields) -> Person {
        Person {
            key: 1,
            id: "X".into(),
            name: "X".into(),
            role,
            fields: f,
            active: true,
            version: 1,
        }
    }

    #[test]
    fn fit_table() {
        let w = MatchWeights::default();
        let mentor = person(
            Role::Mentor,
            PersonFields {
                job_family: Some("Paraeducator".into()),
                expertise: Some("bargaining, member organizing".into()),
                location: Some("Rusk County".into()),
                availability: Some("weekday evenings".into()),
                years_experience: Some(5),
                ..Default::default()
            },
        );
        let mentee = person(
            Role::Mentee,
            PersonFields {
                job_family: Some("paraeducator".into()),
                goals: Some("Get better at organizing and bargaining".into()),
                location: Some("Rusk County".into()),
                availability: Some("evenings".into()),
                years_experience: Some(1),
                ..Default::default()
            },
        );
        let none = Eligibility::default();
        let best = fit(&mentor, &mentee, 0, 3, &w, &none);
        assert_eq!(best.score, 30 + 25 * 2 / 3 + 15 + 20 + 10);
        assert!(
            best.reasons
                .iter()
                .any(|r| r == "expertise meets goals: bargaining, organizing"),
            "{best:?}"
        );
        let full = fit(&mentor, &mentee, 3, 3, &w, &none);
        assert_eq!(full.score, best.score - 20 - 20);
        assert!(full.reasons.contains(&"caseload full (3 of 3)".to_string()));

        let library = Eligibility {
            mentor_min_years: Some(2),
            mentee_max_years: Some(2),
        };
        assert!(fit(&mentor, &mentee, 0, 3, &w, &library).eligible);
        let junior = person(
            Role::Mentor,
            PersonFields {
                years_experience: Some(1),
                ..mentor.fields.clone()
            },
        );
        let f = fit(&junior, &mentee, 0, 3, &w, &library);
        assert!(
            !f.eligible
                && f.reasons
                    .contains(&"only 1 year's experience; the program asks 2+".to_string()),
            "{f:?}"
        );
        let veteran = person(
            Role::Mentee,
            PersonFields {
                years_experience: Some(9),
                ..mentee.fields.clone()
            },
        );
        assert!(!fit(&mentor, &veteran, 0, 3, &w, &library).eligible);
        let esp = Eligibility {
            mentor_min_years: Some(3),
            mentee_max_years: None,
        };
        let unknown = person(
            Role::Mentor,
            PersonFields {
                years_experience: None,
                ..mentor.fields.clone()
            },
        );
        assert!(!fit(&unknown, &mentee, 0, 3, &w, &esp).eligible);
    }

    #[test]
    fn pairs_refused_outright_and_pairs_the_rules_exclude() {
        let mentor = Person {
            key: 1,
            ..person(
                Role::Mentor,
                PersonFields {
                    years_experience: Some(1),
                    ..Default::default()
                },
            )
        };
        let mentee = Person {
            key: 2,
            ..person(
                Role::Mentee,
                PersonFields {
                    years_experience: Some(5),
                    ..Default::default()
                },
            )
        };
        assert!(refusal(&mentor, &mentor).unwrap().contains("themself"));
        assert_eq!(refusal(&mentor, &mentee), None);
        let guardian = Person {
            key: 3,
            ..person(Role::Guardian, PersonFields::default())
        };
        assert!(refusal(&mentor, &guardian).unwrap().contains("never as a mentee"));
        let library = Eligibility {
            mentor_min_years: Some(2),
            mentee_max_years: Some(2),
        };
        assert_eq!(broken_rules(&mentor, &mentee, &library).len(), 2);
        assert!(broken_rules(&mentor, &mentee, &Eligibility::default()).is_empty());
    }

    #[test]
    fn an_exit_form_names_its_match() {
        let pair = Assignment {
            key: 9,
            mentor: 1,
            mentee: 2,
            started_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            ended_on: None,
            end_reason: None,
            version: 1,
        };
        assert!(evaluation_of(Side::Mentor, 1, Some(2), &pair));
        assert!(!evaluation_of(Side::Mentor, 1, Some(5), &pair));
        assert!(evaluation_of(Side::Mentee, 2, Some(1), &pair));
        assert!(
            evaluation_of(Side::Mentee, 7, Some(2), &pair),
            "entered by the coordinator"
        );
        assert!(
            !evaluation_of(Side::Mentee, 1, Some(2), &pair),
            "the mentor's is not the mentee's"
        );
        assert!(
            !evaluation_of(Side::Mentee, 2, Some(8), &pair),
            "another match of the mentee"
        );
    }
}
