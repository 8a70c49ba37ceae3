//! The figures of one program for a coordinator's view across programs: counts only, never a
//! name or a note, so that they may be cached on a laptop or cross the wire.

use crate::domain::YearMonth;
use crate::domain::permissions::{Permission, Relation};
use crate::domain::risk::Level;
use crate::error::Result;
use crate::service::{Session, caseload, overdue, risk};
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

/// What one program's row of the roll-up shows. Plain data: it is cached in the user's own file
/// and crosses the sync channel from a box (a field it does not know is left aside, so that a
/// newer box's figures still read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramFigures {
    /// The program's own name, as its database has it.
    pub program: String,
    /// The program's today when the figures were taken; the month counted is this one's.
    pub today: NaiveDate,
    /// Active mentors: the rows of `quota`.
    pub mentors: u32,
    /// Mentors behind, missed or at risk this month, as `quota` gives their standing.
    pub behind: u32,
    /// Overdue reports and records: the items of `overdue`.
    pub overdue: u32,
    /// Contacts logged this month (attempts too), as `export contacts --month` lists them.
    pub contacts_this_month: u32,
    /// Students at high risk this month, as `risk` gives them; `None` where the program has no
    /// risk model.
    pub high_risk: Option<u32>,
    /// When they were taken, to the second: an instant, since programs on several boxes may
    /// keep several time zones.
    pub fetched_at: DateTime<Utc>,
}

impl ProgramFigures {
    /// When they were taken, in this machine's time zone, as a line says it: "Nov 23 14:05".
    pub fn fetched_label(&self) -> String {
        self.fetched_at
            .with_timezone(&chrono::Local)
            .format("%b %-d %H:%M")
            .to_string()
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The figures of the session's program now; only a coordinator sees them.
pub fn program_figures(session: &Session) -> Result<ProgramFigures> {
    session.require(Permission::ReadProgramDesk, Relation::Program)?;
    let month = YearMonth::of(session.today);
    let mentors = caseload::mentor_table(session, month)?;
    let contacts: usize = session.month_contacts(month, None)?.values().map(Vec::len).sum();
    let high_risk = match session.program.settings.risk {
        Some(_) => Some(count(
            risk::risk(session, month)?
                .iter()
                .filter(|s| s.level == Level::High.as_str())
                .count(),
        )),
        None => None,
    };
    Ok(ProgramFigures {
        program: session.program.name.clone(),
        today: session.today,
        mentors: count(mentors.len()),
        behind: count(
            mentors
                .iter()
                .filter(|r| r.standing.status.is_behind_or_at_risk())
                .count(),
        ),
        overdue: count(overdue::overdue_list(session)?.total),
        contacts_this_month: count(contacts),
        high_risk,
        // The real instant even under `--today`, which fixes the program's day, not the clock.
        fetched_at: Utc::now().trunc_subsecs(0),
    })
}
