//! Who is acting, in which program, on what day: what a screen needs to know about the user
//! without reaching the store. A [`super::Session`] holds one; the TUI copies it into its state.

use crate::domain::permissions::{self, Actor, Permission, Relation};
use crate::domain::records::{Person, Program};
use crate::error::{Error, Result};
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct Context {
    pub program: Program,
    pub(super) me: Person,
    /// The OS login that started the app, which differs from `me` under `--as`.
    pub real_login: String,
    pub today: NaiveDate,
    /// Whether `me` is someone else, seen through `--as`.
    pub(super) acting_as: bool,
    /// Whether the database is a laptop copy, where only what works offline is allowed.
    pub(super) offline: bool,
}

impl Context {
    /// The program's clock, on the session's day.
    pub fn clock(&self) -> crate::clock::Clock {
        crate::clock::Clock::new(self.program.settings.zone(), Some(self.today))
    }

    /// Now in the program's zone, on the session's day.
    pub fn now(&self) -> chrono::NaiveDateTime {
        self.clock().now()
    }

    /// Whom the session acts for: the user, or whom they see the app as under `--as`.
    pub fn me(&self) -> &Person {
        &self.me
    }

    /// Who is acting, as the permission table sees them.
    pub fn actor_kind(&self) -> Actor {
        Actor {
            role: self.me.role,
            acting_as: self.acting_as,
        }
    }

    /// Whether the acting user may do `action` on a record related to them by `relation`.
    pub fn may(&self, action: Permission, relation: Relation) -> bool {
        permissions::allowed(self.actor_kind(), action, relation) && self.offline_refusal(action).is_none()
    }

    /// Why a laptop copy refuses `action`; `None` on the box, or when the copy does it.
    fn offline_refusal(&self, action: Permission) -> Option<&'static str> {
        self.offline
            .then(|| crate::domain::sync::offline_refusal(action))
            .flatten()
    }

    /// `may`, as an error that says why not.
    pub fn require(&self, action: Permission, relation: Relation) -> Result<()> {
        if !permissions::allowed(self.actor_kind(), action, relation) {
            Err(Error::Denied(permissions::refusal(action).into()))
        } else if let Some(why) = self.offline_refusal(action) {
            Err(Error::Denied(why.into()))
        } else {
            Ok(())
        }
    }

    /// Refuses in a laptop copy what a permission it allows there covers but the sync does not
    /// carry (its records are not in a copy): `what`, named for the user.
    pub(super) fn box_only(&self, what: &str) -> Result<()> {
        if self.offline {
            return Err(Error::Denied(format!(
                "{what} is not carried by the sync yet: do it on the box (`ssh` in), and `mentordesk sync` brings it here"
            )));
        }
        Ok(())
    }

    /// `require` for an action on one mentor's (or one person's own) records.
    pub fn require_for(&self, action: Permission, person: i64) -> Result<()> {
        self.require(action, self.relation_to(person))
    }

    /// How a mentor's records relate to the acting user.
    pub fn relation_to(&self, person: i64) -> Relation {
        if person == self.me.key {
            Relation::Own
        } else {
            Relation::Others
        }
    }

    /// Whether the acting user sees the whole program (every mentor), not one caseload.
    pub fn sees_whole_program(&self) -> bool {
        self.may(Permission::ReadProgramDesk, Relation::Program)
    }

    /// The mentor whose records a list is limited to: `None` when the user sees everyone's.
    pub fn own_scope(&self) -> Option<i64> {
        (!self.may(Permission::ReadContacts, Relation::Others)).then_some(self.me.key)
    }

    /// Whether the app shows someone else's view through `--as`.
    pub fn is_acting_as(&self) -> bool {
        self.acting_as
    }
}
