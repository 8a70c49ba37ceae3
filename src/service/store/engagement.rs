use super::{Store, now_stamp};
use crate::domain::YearMonth;
use crate::domain::risk::Engagement;
use crate::error::Result;
use rusqlite::{Row, Transaction, params};
use std::collections::BTreeMap;

const COLUMNS: &str = "absences, tardies, skips, days_enrolled, referrals, detentions, in_school_suspensions,
    out_of_school_suspension_days, ds, fs, credits_earned, credits_possible";

fn engagement_from(r: &Row, first: usize) -> rusqlite::Result<Engagement> {
    Ok(Engagement {
        absences: r.get(first)?,
        tardies: r.get(first + 1)?,
        skips: r.get(first + 2)?,
        days_enrolled: r.get(first + 3)?,
        referrals: r.get(first + 4)?,
        detentions: r.get(first + 5)?,
        in_school_suspensions: r.get(first + 6)?,
        out_of_school_suspension_days: r.get(first + 7)?,
        ds: r.get(first + 8)?,
        fs: r.get(first + 9)?,
        credits_earned: r.get(first + 10)?,
        credits_possible: r.get(first + 11)?,
    })
}

/// Records one entry (a week, or a whole month from an import) for a student.
pub(crate) fn insert_engagement(
    tx: &Transaction,
    student: i64,
    month: YearMonth,
    e: &Engagement,
    actor: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO engagement (student, month, entered_on, {COLUMNS}, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
        ),
        params![
            student,
            month.to_string(),
            now_stamp(),
            e.absences,
            e.tardies,
            e.skips,
            e.days_enrolled,
            e.referrals,
            e.detentions,
            e.in_school_suspensions,
            e.out_of_school_suspension_days,
            e.ds,
            e.fs,
            e.credits_earned,
            e.credits_possible,
            actor
        ],
    )?;
    Ok(())
}

impl Store {
    pub fn add_engagement(
        &mut self,
        student: i64,
        month: YearMonth,
        e: &Engagement,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            insert_engagement(tx, student, month, e, actor)?;
            super::audit::record(tx, actor, "add", "engagement", Some(student), &month.to_string())?;
            Ok(())
        })
    }

    /// Every student's entries of `month`, rolled up.
    pub fn month_engagement(&self, month: YearMonth) -> Result<BTreeMap<i64, Engagement>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT student, {COLUMNS} FROM engagement WHERE month = ?1"
        ))?;
        let mut rows = stmt.query([month.to_string()])?;
        let mut out: BTreeMap<i64, Engagement> = BTreeMap::new();
        while let Some(r) = rows.next()? {
            let e = engagement_from(r, 1)?;
            out.entry(r.get(0)?).or_default().add(&e);
        }
        Ok(out)
    }

    /// One student's months, newest first, each rolled up.
    pub fn engagement_history(&self, student: i64) -> Result<Vec<(YearMonth, Engagement)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT month, {COLUMNS} FROM engagement WHERE student = ?1"
        ))?;
        let mut rows = stmt.query([student])?;
        let mut out: BTreeMap<YearMonth, Engagement> = BTreeMap::new();
        while let Some(r) = rows.next()? {
            let month: String = r.get(0)?;
            let Ok(month) = month.parse::<YearMonth>() else {
                continue;
            };
            out.entry(month).or_default().add(&engagement_from(r, 1)?);
        }
        Ok(out.into_iter().rev().collect())
    }
}
