//! On start, what other people changed in the user's records since their last start: a
//! read-only pop-up, shown once the drafts offered on start are dealt with.

use super::App;
use crate::app::effects::Effect;
use crate::app::{Overlay, WaitingChanges};
use crate::domain::permissions::{Permission, Relation};
use crate::service::audit::ChangesToMyRecords;

impl App {
    /// Reads what others changed in the user's records since their last start, to show once:
    /// now, or when the pop-up in view (a draft offered on start) closes. Nothing to show moves
    /// the mark at once, so the first start ever sets it. Nothing at all through `--as`.
    pub fn show_changes(&mut self) {
        if !self
            .session
            .may(Permission::ReadChangesToMyRecords, Relation::Own)
        {
            return;
        }
        let ChangesToMyRecords { lines, up_to } = match self.session.changes_to_my_records(true) {
            Ok(changes) => changes,
            Err(err) => return self.error(err.to_string()),
        };
        if lines.is_empty() {
            return super::effects::run_effect(self, Effect::MarkChangesSeen(up_to));
        }
        let count = lines.len();
        let lines = lines
            .iter()
            .map(|line| {
                let at = line.entry.at.get(..16).unwrap_or(&line.entry.at);
                format!("{} · {}: {}", at.replace('T', " "), line.who, line.what)
            })
            .collect();
        let title = match count {
            1 => " 1 change others made to your records since your last start ".to_string(),
            n => format!(" {n} changes others made to your records since your last start "),
        };
        self.waiting_changes = Some(WaitingChanges {
            overlay: Overlay::Text { title, lines, top: 0 },
            up_to,
        });
        self.show_waiting_changes();
    }

    /// Opens the waiting changes when no other pop-up is open or offered. Returns whether it did.
    pub(super) fn show_waiting_changes(&mut self) -> bool {
        if self.overlay.is_some() || self.offering_drafts {
            return false;
        }
        let Some(waiting) = self.waiting_changes.take() else {
            return false;
        };
        self.overlay = Some(waiting.overlay);
        super::effects::run_effect(self, Effect::MarkChangesSeen(waiting.up_to));
        true
    }
}
