//! Laptop copies: what a copy holds, what may change in one while it is offline, when it locks,
//! and how its sync is spoken. The box re-checks every change through the service, so these
//! rules are the copy's courtesy to its user (a refusal before the trip), never the defence.

use super::permissions::Permission;
use super::types::Role;
use chrono::NaiveDateTime;

/// The version of the sync protocol. Both ends say theirs first; they must match.
pub const PROTOCOL: u32 = 1;

/// The first line each end writes, before anything compressed: `mentordesk-sync <version>`.
pub fn greeting(version: u32) -> String {
    format!("mentordesk-sync {version}\n")
}

/// The version in the other end's first line; `None` if it is not a mentordesk greeting.
pub fn parse_greeting(line: &str) -> Option<u32> {
    line.trim_end().strip_prefix("mentordesk-sync ")?.parse().ok()
}

/// How much of the program a copy holds, from the role of its user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slice {
    /// What a coordinator may see: the whole program, without anyone's reflections.
    Program,
    /// A mentor's: their caseload's people, their own contacts and forms, the calendar and the
    /// program's rules; never another mentor's contacts or notes.
    Caseload,
    /// Nothing: the role keeps no copy (a mentee signs in on the box).
    Nothing,
}

pub fn slice_for(role: Role) -> Slice {
    match role {
        Role::Coordinator => Slice::Program,
        Role::Mentor => Slice::Caseload,
        _ => Slice::Nothing,
    }
}

/// The tables a copy holds, in the order they load (each refers only to those before it).
pub const TABLES: &[&str] = &[
    "program",
    "people",
    "student_links",
    "assignments",
    "contacts",
    "events",
    "form_submissions",
];

/// The tables whose changes a copy sends: contacts (logged, edited, deleted) and filed forms.
pub const SENT: &[&str] = &["contacts", "form_submissions"];

/// Whether `action` may be done in a copy while it is offline: reading anything the copy holds,
/// and the work a mentor does in the field (contacts and forms), which sync sends to the box.
/// Everything else (people, assignments, settings, events, the ledger) is changed on the box.
pub fn works_offline(action: Permission) -> bool {
    use Permission::*;
    match action {
        LogContact | EditContact | DeleteContact | MarkReportSubmitted | FileForm | WriteLetter => true,
        ReadCaseload
        | ReadContacts
        | ReadAttendance
        | ReadFiledForms
        | ReadReminders
        | ReadLedger
        | ReadProgramDesk
        | ReadAuditLog
        | ReadApplications
        | ReadChangesToMyRecords => true,
        ImportContacts | Assign | EndAssignment | ManagePeople | ImportEngagement | RecordEngagement
        | ChangeSettings | ScheduleMeeting | AddProgramEvent | CancelOccurrence | MarkAttendance
        | ReadReflection | WriteReflection | ShareReflection | SendReminder | AddLedgerEntry
        | ExportPeople | ExportArchive | ManageApplications | ActAsSomeoneElse | BackUp | Restore => false,
    }
}

/// Why a copy refuses what [`works_offline`] leaves out.
pub const OFFLINE_REFUSAL: &str = "a laptop copy changes only contacts and forms; do this on the box (`ssh` in), and `mentordesk sync` brings it here";

/// Whether a copy last synced at `synced_at` has gone longer than the program allows
/// (`offline_days`) by `now`, and so stays locked until it syncs.
pub fn is_locked(synced_at: NaiveDateTime, offline_days: Option<u32>, now: NaiveDateTime) -> bool {
    offline_days.is_some_and(|days| now - synced_at > chrono::Duration::days(i64::from(days)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_copy_locks_only_past_the_days_allowed() {
        let synced = at("2026-11-22 14:05");
        let table = [
            (Some(14), "2026-12-06 14:05", false),
            (Some(14), "2026-12-06 14:06", true),
            (Some(0), "2026-11-22 14:06", true),
            (None, "2030-01-01 00:00", false),
        ];
        for (days, now, locked) in table {
            assert_eq!(is_locked(synced, days, at(now)), locked, "{days:?} {now}");
        }
    }

    #[test]
    fn only_field_work_changes_offline() {
        assert!(works_offline(Permission::LogContact));
        assert!(works_offline(Permission::FileForm));
        assert!(works_offline(Permission::ReadCaseload));
        assert!(!works_offline(Permission::Assign));
        assert!(!works_offline(Permission::ChangeSettings));
        assert!(
            !works_offline(Permission::WriteReflection),
            "reflections stay on the box"
        );
    }

    #[test]
    fn greetings_name_their_version() {
        assert_eq!(parse_greeting(&greeting(PROTOCOL)), Some(PROTOCOL));
        assert_eq!(parse_greeting("mentordesk-sync 7\n"), Some(7));
        assert_eq!(parse_greeting("bash: mentordesk: command not found"), None);
    }

    #[test]
    fn roles_and_slices() {
        assert_eq!(slice_for(Role::Coordinator), Slice::Program);
        assert_eq!(slice_for(Role::Mentor), Slice::Caseload);
        assert_eq!(slice_for(Role::Mentee), Slice::Nothing);
    }
}
