//! NEA tool 2, the Application Process for Mentors: a cover letter answering three questions,
//! the Mentor Application form, two letters of reference (at least one from the Association),
//! and the committee's decision with its reason.

use chrono::NaiveDate;
use serde::Serialize;

/// The cover letter's questions, from the manual.
pub const COVER_QUESTIONS: [&str; 3] = [
    "Why do you want to participate in the mentoring program?",
    "What can you offer as a mentor in terms of experience, skills, values, and knowledge?",
    "What times would you be available to mentor?",
];

/// The applicant's answers to [`COVER_QUESTIONS`], in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CoverLetter {
    pub why: String,
    pub offer: String,
    pub times: String,
}

impl CoverLetter {
    pub fn answered(&self) -> bool {
        [&self.why, &self.offer, &self.times]
            .iter()
            .all(|a| !a.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub referee: String,
    /// Written by someone of the Association (the manual asks for at least one).
    pub association: bool,
    pub received_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Accepted,
    Declined,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Declined => "declined",
        }
    }

    pub fn from_word(word: &str) -> Option<Verdict> {
        [Verdict::Accepted, Verdict::Declined]
            .into_iter()
            .find(|v| v.as_str() == word)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub verdict: Verdict,
    pub reason: String,
    pub on: NaiveDate,
}

/// One applicant's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    #[serde(skip)]
    pub person: i64,
    pub received_on: NaiveDate,
    pub cover_letter: CoverLetter,
    /// When the Mentor Application form was filed.
    pub form_filed_on: Option<NaiveDate>,
    pub references: Vec<Reference>,
    pub decision: Option<Decision>,
}

/// Where an application stands: complete when every part is in, then the committee's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Incomplete,
    Complete,
    Accepted,
    Declined,
}

impl Status {
    /// The word shown for it (screens never rely on colour alone).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Incomplete => "incomplete",
            Status::Complete => "complete",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
        }
    }
}

impl Application {
    /// The parts still missing, in the manual's order.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if !self.cover_letter.answered() {
            out.push("cover letter (all three questions)");
        }
        if self.form_filed_on.is_none() {
            out.push("application form");
        }
        if self.references.len() < 2 {
            out.push("two letters of reference");
        }
        if !self.references.iter().any(|r| r.association) {
            out.push("a reference from the Association");
        }
        out
    }

    pub fn status(&self) -> Status {
        match &self.decision {
            Some(d) if d.verdict == Verdict::Accepted => Status::Accepted,
            Some(_) => Status::Declined,
            None if self.missing().is_empty() => Status::Complete,
            None => Status::Incomplete,
        }
    }
}

/// Why someone on file as a mentor does not count as one (yet), or `None` when they do. Where the
/// program takes applications (`takes_applications`), an applicant counts only once the
/// committee has accepted them; someone with no file at all (a mentor from before the program
/// took applications, or one it enrolled directly) counts. This is the one rule for who is a
/// mentor: the quota, overdue paperwork, the digest, the ledger, matching and every list of
/// mentors ask it.
pub fn not_a_mentor_yet(application: Option<&Application>, takes_applications: bool) -> Option<String> {
    let application = application.filter(|_| takes_applications)?;
    match application.status() {
        Status::Accepted => None,
        Status::Incomplete => Some(format!(
            "their mentor application is incomplete ({} missing)",
            application.missing().join(", ")
        )),
        Status::Complete => Some("their mentor application waits for the committee's decision".into()),
        Status::Declined => Some("the committee declined their mentor application".into()),
    }
}

/// The day from which someone who counts as a mentor does: an accepted applicant from the
/// committee's decision, so what a mentor owes by the month (Monthly Records, the quota) starts
/// with the month of acceptance; `None` for someone with no file, a mentor the whole year.
pub fn mentor_from(application: Option<&Application>, takes_applications: bool) -> Option<NaiveDate> {
    let application = application.filter(|_| takes_applications)?;
    match &application.decision {
        Some(decision) if decision.verdict == Verdict::Accepted => Some(decision.on),
        _ => None,
    }
}

/// Whether the committee may record this decision: only on a complete file, and with a reason.
pub fn check_decision(application: &Application, reason: &str) -> Result<(), String> {
    let missing = application.missing();
    if !missing.is_empty() {
        return Err(format!(
            "the application is incomplete: {} missing",
            missing.join(", ")
        ));
    }
    if reason.trim().is_empty() {
        return Err("the committee's decision needs a reason".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, day).unwrap()
    }

    fn reference(association: bool) -> Reference {
        Reference {
            referee: "Pat".into(),
            association,
            received_on: d(3),
        }
    }

    #[test]
    fn an_application_is_complete_when_every_part_is_in() {
        let mut a = Application {
            person: 1,
            received_on: d(1),
            cover_letter: CoverLetter::default(),
            form_filed_on: None,
            references: vec![],
            decision: None,
        };
        assert_eq!(a.status(), Status::Incomplete);
        assert_eq!(a.missing().len(), 4);
        a.cover_letter = CoverLetter {
            why: "To help".into(),
            offer: "12 years".into(),
            times: " ".into(),
        };
        assert!(a.missing().contains(&"cover letter (all three questions)"));
        a.cover_letter.times = "mornings".into();
        a.form_filed_on = Some(d(2));
        a.references = vec![reference(false), reference(false)];
        assert_eq!(a.missing(), ["a reference from the Association"]);
        assert!(check_decision(&a, "strong").is_err());
        a.references[1].association = true;
        assert_eq!(a.status(), Status::Complete);
        assert_eq!(
            check_decision(&a, "  ").unwrap_err(),
            "the committee's decision needs a reason"
        );
        assert!(check_decision(&a, "Strong references").is_ok());
        a.decision = Some(Decision {
            verdict: Verdict::Declined,
            reason: "Not yet three years".into(),
            on: d(20),
        });
        assert_eq!(a.status(), Status::Declined);
    }

    #[test]
    fn only_an_accepted_applicant_or_someone_without_a_file_counts_as_a_mentor() {
        let mut a = Application {
            person: 1,
            received_on: d(1),
            cover_letter: CoverLetter {
                why: "To help".into(),
                offer: "12 years".into(),
                times: "mornings".into(),
            },
            form_filed_on: None,
            references: vec![reference(true)],
            decision: None,
        };
        let reason = |a: &Application| not_a_mentor_yet(Some(a), true);
        assert_eq!(
            reason(&a).unwrap(),
            "their mentor application is incomplete (application form, two letters of reference missing)"
        );
        assert_eq!(
            not_a_mentor_yet(Some(&a), false),
            None,
            "a program without applications"
        );
        assert_eq!(not_a_mentor_yet(None, true), None, "no file: enrolled directly");
        a.form_filed_on = Some(d(2));
        a.references.push(reference(false));
        assert!(reason(&a).unwrap().contains("waits for the committee"));
        let decide = |verdict| Decision {
            verdict,
            reason: "r".into(),
            on: d(20),
        };
        a.decision = Some(decide(Verdict::Declined));
        assert!(reason(&a).unwrap().contains("declined"));
        a.decision = Some(decide(Verdict::Accepted));
        assert_eq!(reason(&a), None);
    }
}
