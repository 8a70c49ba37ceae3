//! Writes many rows in one transaction, for imports and demo programs: the lookups and inserts
//! they need, with prepared statements reused across rows.

use super::{audit, insert_assignment, insert_contact, insert_engagement, upsert_person};
use crate::domain::YearMonth;
use crate::domain::agenda::Attendance;
use crate::domain::applications::{CoverLetter, Decision, Reference};
use crate::domain::contacts::Reach;
use crate::domain::engagement::{DailyLine, Engagement};
use crate::domain::forms::Values;
use crate::domain::records::{Assignment, ContactInput, ContactRow, Editing, Person, PersonFields};
use crate::domain::types::{EndReason, Role};
use crate::error::Result;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};
use std::cell::Cell;

/// One write transaction seen as rows to add; made by [`super::Store::seed`].
pub(crate) struct Seeder<'a> {
    tx: &'a Transaction<'a>,
    actor: &'a str,
    rows: Cell<usize>,
}

impl Seeder<'_> {
    fn added(&self) {
        self.rows.set(self.rows.get() + 1);
    }

    /// A person by the id used in files.
    pub fn person_by_id(&self, id: &str) -> Result<Option<Person>> {
        Ok(super::people::person_by_id(self.tx, id)?)
    }

    /// The id of another person who already has this login.
    pub fn login_owner(&self, login: &str, except_id: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM people WHERE login = ?1 AND id != ?2")?
            .query_row([login, except_id], |r| r.get(0))
            .optional()?)
    }

    /// Ends every open assignment a person is in (their role changed), on `on`. Returns how many.
    pub fn end_open_assignments(&self, person: i64, on: NaiveDate) -> Result<usize> {
        Ok(super::people::end_open_assignments(
            self.tx,
            person,
            on,
            EndReason::Cancelled,
        )?)
    }

    pub fn pair_is_open(&self, mentor: i64, mentee: i64) -> Result<bool> {
        Ok(super::pair_is_open(self.tx, mentor, mentee)?)
    }

    pub fn person(&self, id: &str, name: &str, role: Role, fields: &PersonFields) -> Result<i64> {
        self.added();
        Ok(upsert_person(self.tx, None, id, name, role, fields)?)
    }

    /// [`Self::person`] from a file that may carry the person's global id (used when new).
    pub fn person_with_gid(
        &self,
        gid: Option<&str>,
        id: &str,
        name: &str,
        role: Role,
        fields: &PersonFields,
    ) -> Result<i64> {
        self.added();
        Ok(upsert_person(self.tx, gid, id, name, role, fields)?)
    }

    pub fn person_gid(&self, key: i64) -> Result<Option<String>> {
        Ok(super::people::gid_of(self.tx, key)?)
    }

    /// Deactivates (ending their open assignments on `on`) or reactivates a person, as the app does.
    pub fn set_active(&self, editing: Editing, active: bool, on: NaiveDate) -> Result<usize> {
        super::people::set_active(self.tx, editing, active, on, self.actor)
    }

    pub fn assignment_by_gid(&self, gid: &str) -> Result<Option<Assignment>> {
        Ok(super::assignments::assignment_by_gid(self.tx, gid)?)
    }

    /// An assignment carrying the global id it had where it came from.
    pub fn assignment_with_gid(
        &self,
        gid: &str,
        mentor: i64,
        mentee: i64,
        started_on: NaiveDate,
        ended: Option<(NaiveDate, EndReason)>,
    ) -> Result<i64> {
        self.added();
        Ok(insert_assignment(
            self.tx,
            Some(gid),
            mentor,
            mentee,
            started_on,
            ended,
        )?)
    }

    /// Ends an assignment from `editing`'s version, as the app does.
    pub fn end_assignment(&self, editing: Editing, on: NaiveDate, reason: EndReason) -> Result<()> {
        self.added();
        super::assignments::end_assignment(self.tx, editing, on, reason, self.actor)
    }

    /// Every assignment, past and present, of a person.
    pub fn assignments_of(&self, person: i64) -> Result<Vec<Assignment>> {
        Ok(super::assignments::assignments_of(self.tx, person)?)
    }

    pub fn assignment(
        &self,
        mentor: i64,
        mentee: i64,
        started_on: NaiveDate,
        ended: Option<(NaiveDate, EndReason)>,
    ) -> Result<i64> {
        self.added();
        Ok(insert_assignment(
            self.tx, None, mentor, mentee, started_on, ended,
        )?)
    }

    pub fn contact(&self, contact: &ContactInput, reach: Reach) -> Result<i64> {
        self.added();
        Ok(insert_contact(self.tx, None, contact, reach, self.actor)?)
    }

    /// A contact carrying the global id it had where it came from.
    pub fn contact_with_gid(&self, gid: &str, contact: &ContactInput, reach: Reach) -> Result<i64> {
        self.added();
        Ok(insert_contact(self.tx, Some(gid), contact, reach, self.actor)?)
    }

    /// A stored contact by its global id, and whether it was deleted.
    pub fn contact_by_gid(&self, gid: &str) -> Result<Option<(ContactRow, bool)>> {
        Ok(super::contacts::contact_by_gid(self.tx, gid)?)
    }

    /// The highest contact key so far: what was stored before rows are added.
    pub fn last_contact_key(&self) -> Result<i64> {
        Ok(self
            .tx
            .query_row("SELECT coalesce(max(key), 0) FROM contacts", [], |r| r.get(0))?)
    }

    /// Whether the same contact (mentor, person, time, method, outcome and notes) is stored with
    /// a key up to `up_to`.
    pub fn has_same_contact(&self, contact: &ContactInput, up_to: i64) -> Result<bool> {
        Ok(super::contacts::has_same_contact(self.tx, contact, up_to)?)
    }

    /// An edit of a stored contact made from `version`, checked and audited as one typed in.
    pub fn update_contact(&self, key: i64, version: i64, contact: &ContactInput, reach: Reach) -> Result<()> {
        self.added();
        super::contacts::update_contact(self.tx, key, version, contact, reach, self.actor)
    }

    /// Links a guardian, school staff member or provider to a student.
    pub fn link(&self, person: i64, student: i64) -> Result<()> {
        self.added();
        Ok(super::links::insert_link(self.tx, person, student)?)
    }

    /// Every assignment of the students `person` is linked to.
    pub fn linked_assignments(&self, person: i64) -> Result<Vec<Assignment>> {
        Ok(super::links::linked_assignments(self.tx, person)?)
    }

    pub fn engagement(&self, student: i64, month: YearMonth, e: &Engagement) -> Result<()> {
        self.added();
        Ok(insert_engagement(
            self.tx,
            student,
            month,
            None,
            e,
            (self.actor, None),
        )?)
    }

    pub fn daily_line(&self, student: i64, line: &DailyLine) -> Result<()> {
        self.added();
        let day = Some((line.day, line.note.as_str()));
        Ok(insert_engagement(
            self.tx,
            student,
            YearMonth::of(line.day),
            day,
            &line.entry,
            (self.actor, None),
        )?)
    }

    pub fn attendance(&self, on: NaiveDate, event: &str, person: i64, status: Attendance) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO attendance (event_on, event, person, status) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![on.to_string(), event, person, status.as_str()])?;
        self.added();
        Ok(())
    }

    /// A filed form, as if submitted at `at`.
    pub fn form(
        &self,
        form: &str,
        author: i64,
        about: Option<i64>,
        values: &Values,
        at: NaiveDateTime,
    ) -> Result<i64> {
        self.form_version(form, author, about, values, at, None)
    }

    /// A filed form, or with `supersedes` an amendment of that version.
    pub fn form_version(
        &self,
        form: &str,
        author: i64,
        about: Option<i64>,
        values: &Values,
        at: NaiveDateTime,
        supersedes: Option<i64>,
    ) -> Result<i64> {
        let data = serde_json::to_string(values).unwrap_or_default();
        let at = at.format("%Y-%m-%dT%H:%M:%S").to_string();
        let key = self
            .tx
            .prepare_cached(
                "INSERT INTO form_submissions (form, author, about, status, data, created_at, updated_at, submitted_at, supersedes, gid)
                 VALUES (?1, ?2, ?3, 'submitted', ?4, ?5, ?5, ?5, ?6, ?7) RETURNING key",
            )?
            .query_row(params![form, author, about, data, at, supersedes, super::new_gid()], |r| r.get(0))?;
        self.added();
        Ok(key)
    }

    /// A pair's goals, shared with the coordinator on `shared_on` (the library program).
    pub fn goals(&self, assignment: i64, short: &str, long: &str, shared_on: NaiveDate) -> Result<()> {
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO goals (assignment, term, text, shared_on) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (term, text) in [("short", short), ("long", long)] {
            insert.execute(params![assignment, term, text, shared_on.to_string()])?;
        }
        self.added();
        Ok(())
    }

    /// A person's mentor application as stored now, if any.
    pub fn application_of(&self, person: i64) -> Result<Option<crate::domain::applications::Application>> {
        Ok(super::applications::read_all(self.tx, Some(person))?.pop())
    }

    /// A mentor applicant's file, with whatever parts of it are in.
    pub fn application(
        &self,
        person: i64,
        received_on: NaiveDate,
        cover: &CoverLetter,
        references: &[Reference],
        decision: Option<&Decision>,
    ) -> Result<()> {
        use super::applications::{
            insert_application, insert_reference, update_cover_letter, update_decision,
        };
        insert_application(self.tx, person, received_on, None)?;
        update_cover_letter(self.tx, person, cover)?;
        for reference in references {
            insert_reference(self.tx, person, reference, None)?;
        }
        if let Some(decision) = decision {
            update_decision(self.tx, person, decision)?;
        }
        self.added();
        Ok(())
    }

    /// A meeting between a mentor and a person.
    pub fn meeting(
        &self,
        starts: NaiveDateTime,
        ends: NaiveDateTime,
        organizer: i64,
        person: i64,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO events (kind, title, starts_at, ends_at, organizer, person, gid)
                 VALUES ('meeting', 'Meeting', ?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                starts.format("%Y-%m-%dT%H:%M").to_string(),
                ends.format("%Y-%m-%dT%H:%M").to_string(),
                organizer,
                person,
                super::new_gid()
            ])?;
        self.added();
        Ok(())
    }
}

impl super::Store {
    /// Runs `work` as one bulk transaction and records it in the audit log as `action` on
    /// `entity`, with the number of rows it added.
    pub(crate) fn seed<T>(
        &mut self,
        actor: &str,
        action: &str,
        entity: &str,
        work: impl FnMut(&Seeder) -> Result<T>,
    ) -> Result<T> {
        self.seed_with(super::Bulk::Indexed, actor, action, entity, work)
    }

    fn seed_with<T>(
        &mut self,
        bulk: super::Bulk,
        actor: &str,
        action: &str,
        entity: &str,
        mut work: impl FnMut(&Seeder) -> Result<T>,
    ) -> Result<T> {
        self.write_bulk(bulk, |tx| {
            let seeder = Seeder {
                tx,
                actor,
                rows: Cell::new(0),
            };
            let value = work(&seeder)?;
            let rows = seeder.rows.get();
            audit::record(tx, actor, action, entity, None, &format!("{rows} rows"))?;
            Ok(value)
        })
    }

    /// [`Self::seed`] for the first load of a new database: `table`'s indexes are dropped for
    /// the load and built again after it from their own definitions, each by one sort rather
    /// than by a million scattered inserts.
    pub(crate) fn seed_unindexed<T>(
        &mut self,
        table: &str,
        actor: &str,
        action: &str,
        entity: &str,
        mut work: impl FnMut(&Seeder) -> Result<T>,
    ) -> Result<T> {
        self.seed_with(super::Bulk::Unindexed, actor, action, entity, |rows| {
            let indexes: Vec<(String, String)> = rows
                .tx
                .prepare(
                    "SELECT name, sql FROM sqlite_master
                     WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL",
                )?
                .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (name, _) in &indexes {
                rows.tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            }
            let value = work(rows)?;
            for (_, sql) in &indexes {
                rows.tx.execute_batch(sql)?;
            }
            Ok(value)
        })
    }

    /// Refreshes the query planner's statistics after a large load.
    pub(crate) fn analyze(&mut self) -> Result<()> {
        Ok(self.conn.execute_batch("ANALYZE")?)
    }
}
