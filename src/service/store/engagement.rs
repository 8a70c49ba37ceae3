use super::{Store, now_stamp};
use crate::domain::YearMonth;
use crate::domain::engagement::{COUNTS, DailyLine, Engagement, RATINGS, Rating};
use crate::error::Result;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params_from_iter};
use std::collections::BTreeMap;

/// Every value column, in the order of `COUNTS` then `RATINGS`.
fn columns() -> impl Iterator<Item = &'static str> {
    COUNTS.into_iter().chain(RATINGS.iter().map(|(name, _, _)| *name))
}

fn column_list() -> String {
    columns().collect::<Vec<_>>().join(", ")
}

/// The entry in the columns of `row` from `first` on, in the order of [`columns`]. A stored
/// rating out of 1–5 (written by hand) reads as unknown.
fn engagement_from(r: &Row, first: usize) -> rusqlite::Result<Engagement> {
    let mut e = Engagement::default();
    for (i, name) in columns().enumerate() {
        let value: Option<u32> = r.get(first + i)?;
        if let Some(value) = value {
            // Both kinds are whole numbers, so only an out-of-range rating is refused.
            let _ = e.set(name, &value.to_string());
        }
    }
    Ok(e)
}

/// The values of `e` in the order of [`columns`].
fn values_of(e: &Engagement) -> Vec<Value> {
    let counts = COUNTS.iter().map(|name| e.count(name));
    let ratings = RATINGS
        .iter()
        .map(|(name, _, _)| e.rating(name).and_then(Rating::single));
    counts
        .chain(ratings)
        .map(|v| v.map_or(Value::Null, |v| Value::Integer(i64::from(v))))
        .collect()
}

/// Records one entry (a week, a whole month from an import, or with `day` a daily line and its
/// note) for a student. A week from a filed form is known by the form's global id (`gid`), so
/// the form and its entry travel as one; otherwise the schema gives the id.
pub(crate) fn insert_engagement(
    tx: &Transaction,
    student: i64,
    month: YearMonth,
    day: Option<(chrono::NaiveDate, &str)>,
    e: &Engagement,
    (actor, gid): (&str, Option<&str>),
) -> rusqlite::Result<()> {
    let mut values = vec![
        gid.map_or(Value::Null, |g| Value::Text(g.to_string())),
        Value::Integer(student),
        Value::Text(month.to_string()),
        Value::Text(now_stamp(tx)),
        Value::Text(actor.to_string()),
        day.map_or(Value::Null, |(d, _)| Value::Text(d.to_string())),
        Value::Text(day.map_or("", |(_, note)| note).to_string()),
    ];
    values.extend(values_of(e));
    let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    tx.execute(
        &format!(
            "INSERT INTO engagement (gid, student, month, entered_on, created_by, day, note, {})
             VALUES ({})",
            column_list(),
            marks.join(", ")
        ),
        params_from_iter(values),
    )?;
    Ok(())
}

impl Store {
    /// A week's entry; `gid` that of the form it was filed with.
    pub fn add_engagement(
        &mut self,
        student: i64,
        month: YearMonth,
        e: &Engagement,
        (actor, gid): (&str, &str),
    ) -> Result<()> {
        self.write(|tx| {
            insert_engagement(tx, student, month, None, e, (actor, Some(gid)))?;
            super::audit::record(tx, actor, "add", "engagement", Some(student), &month.to_string())?;
            Ok(())
        })
    }

    /// Records the student's daily line for `line.day`, replacing one already there (as its
    /// next version).
    pub fn put_daily_line(&mut self, student: i64, line: &DailyLine, actor: &str) -> Result<()> {
        self.write(|tx| {
            let day = line.day.to_string();
            let replaced: Option<i64> = tx
                .query_row(
                    "DELETE FROM engagement WHERE student = ?1 AND day = ?2 RETURNING version",
                    rusqlite::params![student, day],
                    |r| r.get(0),
                )
                .optional()?;
            let month = YearMonth::of(line.day);
            insert_engagement(
                tx,
                student,
                month,
                Some((line.day, &line.note)),
                &line.entry,
                (actor, None),
            )?;
            if let Some(version) = replaced {
                tx.execute(
                    "UPDATE engagement SET version = ?3 WHERE student = ?1 AND day = ?2",
                    rusqlite::params![student, day, version + 1],
                )?;
            }
            let action = if replaced.is_some() { "update" } else { "add" };
            let detail = format!("daily line {}", line.day);
            super::audit::record(tx, actor, action, "engagement", Some(student), &detail)?;
            Ok(())
        })
    }

    /// A student's daily lines, newest first, at most `limit`.
    pub fn daily_lines(&self, student: i64, limit: u32) -> Result<Vec<DailyLine>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT day, note, {} FROM engagement WHERE student = ?1 AND day IS NOT NULL
             ORDER BY day DESC LIMIT ?2",
            column_list()
        ))?;
        let mut rows = stmt.query(rusqlite::params![student, limit])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let day: String = r.get(0)?;
            let Ok(day) = crate::domain::dates::parse_date(&day) else {
                continue;
            };
            out.push(DailyLine {
                day,
                note: r.get(1)?,
                entry: engagement_from(r, 2)?,
            });
        }
        Ok(out)
    }

    /// Every student's entries of `month`, rolled up.
    pub fn month_engagement(&self, month: YearMonth) -> Result<BTreeMap<i64, Engagement>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT student, {} FROM engagement WHERE month = ?1",
            column_list()
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
            "SELECT month, {} FROM engagement WHERE student = ?1",
            column_list()
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
