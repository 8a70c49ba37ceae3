//! Forms: filed forms in the program database; reflections in the user's private store, seen
//! by the author and, once shared, the partner, never by a coordinator or through `--as`.

use super::Session;
use crate::domain::dates::parse_date;
use crate::domain::forms::{FormDef, Submission, Values};
use crate::domain::permissions::{Permission, Relation};
use crate::error::{Error, Result};

/// The AFSCME form that raises a concern with the coordinators alone.
pub const CONCERN_FORM: &str = "afscme-concern";
use std::path::Path;

impl Session {
    /// Files a form as the acting user; with `supersedes`, as an amendment of that version.
    /// A private form goes to the private store.
    pub fn file_form(
        &mut self,
        def: &FormDef,
        about: Option<i64>,
        values: &Values,
        supersedes: Option<i64>,
    ) -> Result<i64> {
        self.file_form_with_gid(def, about, values, supersedes, None)
    }

    /// `file_form` under the global id the form was filed with elsewhere (a laptop copy).
    pub(crate) fn file_form_with_gid(
        &mut self,
        def: &FormDef,
        about: Option<i64>,
        values: &Values,
        supersedes: Option<i64>,
        gid: Option<&str>,
    ) -> Result<i64> {
        if def.private {
            self.require(Permission::WriteReflection, Relation::Own)?;
            return self.store.submit_private(def.id, about, values, supersedes);
        }
        self.require(Permission::FileForm, Relation::Own)?;
        // What a Check & Connect form records beside it is checked before anything is written.
        let engagement = match about {
            Some(student) => self.engagement_of_form(def, student, values)?,
            None => None,
        };
        let actor = self.actor();
        let me = self.me.key;
        let gid = gid.map_or_else(super::store::new_gid, str::to_string);
        let key = self
            .store
            .submit_form(def.id, me, about, values, supersedes, &actor, Some(&gid))?;
        if def.id == "library-goals"
            && let Some(mentee) = about
        {
            self.share_goals(mentee, values)?;
        }
        if let (Some(student), Some(entry)) = (about, engagement) {
            self.record_form_engagement(student, entry, &gid)?;
        }
        if def.id == CONCERN_FORM {
            self.tell_coordinators_of_concern()?;
        }
        Ok(key)
    }

    /// The filed versions of `def` the acting user may read: their own (coordinators: everyone's);
    /// for a private form, their own and what their partner shared with them.
    pub fn filed_forms(&self, def: &FormDef) -> Result<Vec<Submission>> {
        if def.private {
            if !self.may(Permission::ReadReflection, Relation::Own) {
                return Ok(Vec::new());
            }
            let mut mine = self.store.private_submissions(def.id, &self.me)?;
            if self.may(Permission::ReadReflection, Relation::Partner) {
                mine.extend(self.store.shared_with(def.id, self.me.key)?);
            }
            return Ok(mine);
        }
        let author = (!self.may(Permission::ReadFiledForms, Relation::Others)).then_some(self.me.key);
        self.store.submissions(Some(def.id), author)
    }

    /// Every filed version of a form, for the program's records (exports, evaluation).
    pub(crate) fn program_forms(&self, form: &str) -> Result<Vec<Submission>> {
        self.require(Permission::ReadProgramDesk, Relation::Program)?;
        self.store.submissions(Some(form), None)
    }

    /// Shares a reflection with the partner: the copy then lives in the program database.
    pub fn share_reflection(&mut self, form: &str, partner: i64, values: &Values) -> Result<i64> {
        self.require(Permission::ShareReflection, Relation::Own)?;
        let me = self.me.key;
        self.store.share_reflection(form, me, partner, values)
    }

    /// The acting user's partner: the person a form is about, or else their current mentor.
    pub fn partner(&self, about: Option<i64>) -> Result<i64> {
        let me = self.me.key;
        match about {
            Some(person) => Ok(person),
            None => self
                .store
                .assignments_of(me)?
                .into_iter()
                .find(|a| a.mentee == me && a.ended_on.is_none())
                .map(|a| a.mentor)
                .ok_or_else(|| Error::Input("no partner to share this with".into())),
        }
    }

    /// Library goals shared with the coordinator (the goals form with its "shared on" date):
    /// clear the pair's 30-day goals deadline. The pair is the mentee's active match, the
    /// acting mentor's if there are several.
    fn share_goals(&mut self, mentee: i64, values: &Values) -> Result<()> {
        let Ok(shared_on) = parse_date(values.get("shared_on").map(String::as_str).unwrap_or("")) else {
            return Ok(());
        };
        let active: Vec<_> = self
            .store
            .assignments_of(mentee)?
            .into_iter()
            .filter(|a| a.mentee == mentee && a.ended_on.is_none())
            .collect();
        let Some(pair) = active.iter().find(|a| a.mentor == self.me.key).or(active.first()) else {
            return Ok(());
        };
        self.require_for(Permission::FileForm, pair.mentor)?;
        let value = |key: &str| values.get(key).map(String::as_str).unwrap_or("");
        let actor = self.actor();
        self.store.share_goals(
            pair.key,
            value("short_term"),
            value("long_term"),
            shared_on,
            &actor,
        )
    }

    /// A concern raised under the AFSCME Code of Conduct reaches the coordinators alone: each is
    /// told on their next start and in the digest that one is on file, never what it says (only
    /// they and its author can read the form).
    fn tell_coordinators_of_concern(&mut self) -> Result<()> {
        let sender = self.me.name.clone();
        for coordinator in self
            .store
            .people_with_role(crate::domain::types::Role::Coordinator)?
        {
            if coordinator.active && coordinator.key != self.me.key {
                self.store.remind(
                    coordinator.key,
                    "A concern was raised under the Code of Conduct: read it in Forms, \"Raise a concern\".",
                    &sender,
                )?;
            }
        }
        Ok(())
    }

    /// Attaches the user's private store (reflections) at `path`.
    pub fn attach_private(&mut self, path: &Path) -> Result<()> {
        self.store.attach_private(path)
    }
}
