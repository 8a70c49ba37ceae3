//! The pop-ups and forms the program screen opens: whose changes the audit log shows, the
//! mentors ranked for a mentee, an applicant's file, the ledger's form, and the warning and
//! removal of a mentor.

use super::super::form::{Field, Form};
use super::super::{App, Choice, ChoiceAction, Confirm, Overlay};
use crate::domain::applications::COVER_QUESTIONS;
use crate::domain::records::Person;
use crate::domain::removal::{Ground, NoticeKind};
use crate::error::Result;
use crate::service::applications::Applicant;
use crate::service::matching;

/// The pick of whose changes the audit log shows (`by`), or about whom: anyone, or one person.
/// Only people with a login sign in to make changes.
pub fn audit_choice(app: &App, by: bool) -> Result<Choice> {
    let people: Vec<Person> = app
        .session
        .people()?
        .into_iter()
        .filter(|p| !by || p.fields.login.is_some())
        .collect();
    let mut options = vec![("Anyone".to_string(), String::new())];
    options.extend(
        people
            .iter()
            .map(|p| (format!("{} ({}) · {}", p.name, p.id, p.role), p.key.to_string())),
    );
    Ok(if by {
        Choice::new("Changes made by whom?", options, ChoiceAction::AuditBy(people))
    } else {
        Choice::new("Changes about whom?", options, ChoiceAction::AuditAbout(people))
    })
}

/// The mentors ranked for `mentee`, best first, to pick one to assign.
pub fn ranking_choice(app: &App, mentee: &Person) -> Result<Choice> {
    let ranking = matching::rank_mentors(&app.session, mentee)?;
    let options = ranking
        .iter()
        .map(|c| {
            let eligible = if c.fit.eligible { "" } else { "NOT ELIGIBLE · " };
            (
                format!(
                    "{:>3} {} · {eligible}{}",
                    c.fit.score,
                    c.name,
                    c.fit.reasons.join("; ")
                ),
                c.mentor_key.to_string(),
            )
        })
        .collect();
    Ok(Choice {
        title: format!("Best mentors for {} (Enter assigns)", mentee.name),
        options,
        picker: Default::default(),
        action: ChoiceAction::MatchMentee { mentee: mentee.key },
    })
}

/// An applicant's file as lines to read: the status, the cover letter's answers, the form, the
/// references and the committee's decision.
pub(super) fn applicant_file(a: &Applicant) -> Vec<String> {
    let file = &a.application;
    let mut lines = vec![format!(
        "Status: {} · received {}",
        a.status.as_str(),
        file.received_on
    )];
    if !a.missing.is_empty() {
        lines.push(format!("Missing: {}", a.missing.join(", ")));
    }
    lines.push(String::new());
    lines.push("Cover letter".into());
    let answers = [
        &file.cover_letter.why,
        &file.cover_letter.offer,
        &file.cover_letter.times,
    ];
    for (question, answer) in COVER_QUESTIONS.iter().zip(answers) {
        lines.push(format!("  {question}"));
        lines.push(format!(
            "    {}",
            if answer.trim().is_empty() {
                "(not answered)"
            } else {
                answer
            }
        ));
    }
    lines.push(match file.form_filed_on {
        Some(on) => format!("Application form: filed {on}"),
        None => "Application form: not filed".into(),
    });
    lines.push(format!("References ({} of 2)", file.references.len()));
    for r in &file.references {
        let from = if r.association {
            "Association"
        } else {
            "not Association"
        };
        lines.push(format!("  {} · {from} · received {}", r.referee, r.received_on));
    }
    if let Some(d) = &file.decision {
        lines.push(format!(
            "Decision: {} on {} · {}",
            d.verdict.as_str(),
            d.on,
            d.reason
        ));
    }
    lines
}

/// The form that adds compensation for a mentor, of one of the program's kinds (travel unless
/// changed), dated today.
pub fn ledger_form(session: &crate::service::Session) -> Result<Form> {
    let mentors: Vec<String> = session
        .mentors()?
        .into_iter()
        .map(|m| format!("{} {}", m.id, m.name))
        .collect();
    if mentors.is_empty() {
        return Err(crate::error::Error::Input(
            "the program has no mentors to pay".into(),
        ));
    }
    let kinds: Vec<String> = session
        .program
        .settings
        .compensation
        .iter()
        .map(|k| k.kind.clone())
        .collect();
    Ok(Form::new(
        "Add to the ledger",
        vec![
            Field::choice("mentor", mentors, ""),
            Field::choice("kind", kinds, "travel"),
            Field::text("amount", ""),
            Field::text("date", session.today.to_string()),
            Field::text("note", ""),
        ],
    )
    .with_note(
        "Dollars, like 18.40 (negative takes money back), or hours for comp time and leave; a payment made: `mentordesk ledger pay`",
    ))
}

/// The seed's grounds for removal, to warn a mentor on one or ask them to leave on one.
pub(super) fn ground_choice(mentor: &Person, remove: bool) -> Choice {
    let options = Ground::ALL
        .iter()
        .map(|g| (g.label().to_string(), g.as_str().to_string()))
        .collect();
    let (title, action) = if remove {
        (
            format!("Ask {} to leave the program: on which ground?", mentor.name),
            ChoiceAction::RemoveMentor(mentor.id.clone()),
        )
    } else {
        (
            format!("Warn {}: on which ground?", mentor.name),
            ChoiceAction::WarnMentor(mentor.id.clone()),
        )
    };
    Choice::new(title, options, action)
}

/// The question before a mentor is asked to leave: what follows, and the warnings before.
pub fn removal_question(app: &App, id: &str, ground: Ground) -> Overlay {
    let mentor = app.program.mentors.iter().map(|r| &r.mentor).find(|m| m.id == id);
    let warnings = mentor
        .and_then(|m| app.session.notices(m.key).ok())
        .map_or(0, |n| n.iter().filter(|n| n.kind == NoticeKind::Warning).count());
    let name = mentor.map_or(id, |m| m.name.as_str());
    Overlay::Confirm {
        question: format!(
            "Ask {name} to leave the program ({})? They are deactivated and their open assignments end; warned {warnings} time(s) before. (y/n)",
            ground.label()
        ),
        action: Confirm::RemoveMentor {
            id: id.to_string(),
            ground,
        },
    }
}
