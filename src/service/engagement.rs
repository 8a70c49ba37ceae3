//! Check & Connect engagement: monthly records (the monitoring form rolls its weeks into the
//! month; the import brings whole months) and the quick daily line per student, in the four
//! areas the seed measures.

use super::Session;
use crate::domain::YearMonth;
use crate::domain::dates::parse_date;
use crate::domain::engagement::{COUNTS, DAILY, DailyLine, Engagement, RATINGS};
use crate::domain::forms::{FormDef, Values};
use crate::domain::permissions::{Permission, Relation};
use crate::error::{Error, Result};

/// The form that records a week of monitoring, and the one that records a daily line.
pub const MONITORING_FORM: &str = "engagement-monitoring";
pub const DAILY_FORM: &str = "engagement-daily";

/// What a filed Check & Connect form records in the engagement records.
#[derive(Debug, Clone)]
pub(super) enum FormEntry {
    Week(YearMonth, Engagement),
    Day(DailyLine),
}

impl super::Context {
    /// Whether the program keeps daily lines: it lists their form (Check & Connect does).
    pub fn keeps_daily_lines(&self) -> bool {
        self.program.uses_form(DAILY_FORM)
    }
}

impl Session {
    /// A mentor records engagement only for their own students.
    fn require_engagement(&self, student: i64) -> Result<()> {
        let relation = if self.is_on_my_caseload(student)? {
            Relation::Own
        } else {
            Relation::Others
        };
        self.require(Permission::RecordEngagement, relation)
    }

    /// Records the student's daily line for its day, replacing one already there that day.
    pub fn record_daily(&mut self, student: i64, line: &DailyLine) -> Result<()> {
        self.check_daily(student, line)?;
        let actor = self.actor();
        self.store.put_daily_line(student, line, &actor)
    }

    fn check_daily(&self, student: i64, line: &DailyLine) -> Result<()> {
        if !self.keeps_daily_lines() {
            return Err(Error::Input(format!(
                "this program keeps no daily lines (add the form: settings set extra_forms '[\"{DAILY_FORM}\"]')"
            )));
        }
        self.require_engagement(student)?;
        if line.day > self.today {
            return Err(Error::Input(format!(
                "{} is in the future: a daily line records a day that has been",
                line.day
            )));
        }
        if line.entry.is_empty() && line.note.trim().is_empty() {
            return Err(Error::Input(
                "a daily line needs a rating of at least one area (1 to 5) or a note".into(),
            ));
        }
        crate::domain::sanitize::check_stored("note", &line.note).map_err(Error::Input)
    }

    /// A student's latest daily lines, newest first.
    pub fn daily_lines(&self, student: i64, limit: u32) -> Result<Vec<DailyLine>> {
        self.store.daily_lines(student, limit)
    }

    /// A student's engagement by month, newest first.
    pub fn engagement_history(&self, student: i64) -> Result<Vec<(YearMonth, Engagement)>> {
        self.store.engagement_history(student)
    }

    /// What a Check & Connect form about `student` records, checked; `None` for other forms.
    pub(super) fn engagement_of_form(
        &self,
        def: &FormDef,
        student: i64,
        values: &Values,
    ) -> Result<Option<FormEntry>> {
        let value = |key: &str| values.get(key).map(String::as_str).unwrap_or("");
        let fill = |names: &mut dyn Iterator<Item = &'static str>| {
            let mut e = Engagement::default();
            for name in names {
                e.set(name, value(name))
                    .map_err(|reason| Error::Input(format!("{name}: {reason}")))?;
            }
            Ok::<_, Error>(e)
        };
        let entry = match def.id {
            MONITORING_FORM => {
                let week = parse_date(value("week_of")).map_err(Error::Input)?;
                let mut names = COUNTS
                    .into_iter()
                    .chain(RATINGS.iter().map(|(name, _, _)| *name))
                    .filter(|name| def.fields.iter().any(|f| f.key == *name));
                FormEntry::Week(YearMonth::of(week), fill(&mut names)?)
            }
            DAILY_FORM => FormEntry::Day(DailyLine {
                day: parse_date(value("day")).map_err(Error::Input)?,
                entry: fill(&mut DAILY.into_iter())?,
                note: value("note").to_string(),
            }),
            _ => return Ok(None),
        };
        match &entry {
            FormEntry::Week(..) => self.require_engagement(student)?,
            FormEntry::Day(line) => self.check_daily(student, line)?,
        }
        Ok(Some(entry))
    }

    /// Records what the form with global id `form` says; a week's entry is known by the form's id.
    pub(super) fn record_form_engagement(
        &mut self,
        student: i64,
        entry: FormEntry,
        form: &str,
    ) -> Result<()> {
        match entry {
            FormEntry::Week(month, e) => {
                let actor = self.actor();
                self.store.add_engagement(student, month, &e, (&actor, form))
            }
            FormEntry::Day(line) => self.record_daily(student, &line),
        }
    }
}
