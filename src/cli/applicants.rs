//! `mentordesk applicants ...`: the NEA mentor applicants' files.

use super::args::ApplicantsCommand;
use crate::domain::applications::{CoverLetter, Reference, Verdict};
use crate::domain::sanitize::line;
use crate::error::Result;
use crate::service::Session;
use std::io::Write;

pub fn run(session: &mut Session, command: ApplicantsCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        ApplicantsCommand::List { json } => {
            let applicants = session.applicants()?;
            if json {
                return crate::export::write_json(out, &applicants);
            }
            for a in applicants {
                let detail = match (&a.application.decision, a.missing.is_empty()) {
                    (Some(d), _) => format!("{}: {}", d.on, line(&d.reason)),
                    (None, true) => "ready for the committee".to_string(),
                    (None, false) => format!("missing {}", a.missing.join(", ")),
                };
                writeln!(
                    out,
                    "{:<6} {:<24} {:<10} {detail}",
                    a.person_id,
                    line(&a.name),
                    a.status.as_str()
                )?;
            }
        }
        ApplicantsCommand::Open { person, on } => {
            let person = session.require_person(&person, "--person")?;
            let on = on.unwrap_or(session.today);
            session.open_application(&person, on)?;
        }
        ApplicantsCommand::Cover {
            person,
            why,
            offer,
            times,
            replace,
        } => {
            let person = session.require_person(&person, "--person")?;
            session.set_cover_letter(&person, &CoverLetter { why, offer, times }, replace)?;
        }
        ApplicantsCommand::Reference {
            person,
            referee,
            association,
            on,
        } => {
            let person = session.require_person(&person, "--person")?;
            let received_on = on.unwrap_or(session.today);
            session.add_reference(
                &person,
                &Reference {
                    referee,
                    association,
                    received_on,
                },
            )?;
        }
        ApplicantsCommand::Decide {
            person,
            accept,
            decline: _,
            reason,
            replace,
        } => {
            let person = session.require_person(&person, "--person")?;
            let verdict = if accept {
                Verdict::Accepted
            } else {
                Verdict::Declined
            };
            session.decide_application(&person, verdict, &reason, replace)?;
        }
    }
    Ok(())
}
