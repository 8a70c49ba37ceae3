//! Laptop copies: what a copy holds, what may change in one while it is offline, when it locks,
//! and how its sync is spoken. The box re-checks every change through the service, so these
//! rules are the copy's courtesy to its user (a refusal before the trip), never the defence.

use super::permissions::Permission;
use super::types::Role;
use chrono::NaiveDateTime;

/// The version of the sync protocol. Both ends say theirs first; they must match. (2: the
/// copy holds and sends attendance, engagement and the ledger.)
pub const PROTOCOL: u32 = 2;

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
    "attendance",
    "engagement",
    "ledger",
    "reminders",
    "applications",
    "application_references",
];

/// The tables whose changes a copy sends, in the order the box takes them: the program's
/// settings, people, mentor applications (the committee's decision makes a mentor) and
/// assignments first (a contact may be with someone added offline), contacts, filed forms (a
/// form before the engagement entry it made), meetings and cancellations, attendance marks,
/// daily engagement lines and ledger entries. Reminders are only read in a copy.
pub const SENT: &[&str] = &[
    "program",
    "people",
    "applications",
    "application_references",
    "assignments",
    "contacts",
    "form_submissions",
    "events",
    "attendance",
    "engagement",
    "ledger",
];

/// Why `action` cannot be done in a copy while it is offline; `None` when it can: reading what
/// the copy holds, and every change sync carries to the box (settings, people, applications,
/// assignments, contacts, forms, meetings, events, attendance, engagement, the ledger). The box still decides who may
/// do what; the few operations these permissions cover whose records a copy lacks refuse
/// themselves (`Context::box_only`).
pub fn offline_refusal(action: Permission) -> Option<&'static str> {
    use Permission::*;
    match action {
        ReadCaseload
        | ReadContacts
        | ReadAttendance
        | ReadFiledForms
        | ReadReminders
        | ReadLedger
        | ReadProgramDesk
        | ReadAuditLog
        | ReadApplications
        | ReadChangesToMyRecords => None,
        LogContact | EditContact | DeleteContact | MarkReportSubmitted | FileForm | WriteLetter
        | RecordEngagement | ScheduleMeeting | AddProgramEvent | CancelOccurrence | MarkAttendance
        | AddLedgerEntry | ManagePeople | Assign | EndAssignment | ChangeSettings | ManageApplications => {
            None
        }
        ReadReflection | WriteReflection | ShareReflection => Some(
            "reflections never leave the box (they are private to the pair): write and read them there (`ssh` in)",
        ),
        ImportContacts | ImportEngagement => {
            Some("imports run on the box, checked against the whole program: `ssh` in and import there")
        }
        ExportPeople | ExportArchive => {
            Some("exports are made on the box, from the whole program: `ssh` in and export there")
        }
        BackUp | Restore => Some("backup and restore are of the box's program file: do them on the box"),
        ActAsSomeoneElse => Some("--as works on the box only; a laptop copy is its own user's"),
        SendReminder => Some("reminders are sent on the box, where their mentor reads them: `ssh` in"),
    }
}

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
    fn field_work_changes_offline_and_what_stays_on_the_box_says_why() {
        for action in [
            Permission::LogContact,
            Permission::FileForm,
            Permission::ReadCaseload,
            Permission::RecordEngagement,
            Permission::ScheduleMeeting,
            Permission::CancelOccurrence,
            Permission::MarkAttendance,
            Permission::AddLedgerEntry,
            Permission::ManagePeople,
            Permission::Assign,
            Permission::EndAssignment,
            Permission::ChangeSettings,
            Permission::ManageApplications,
        ] {
            assert_eq!(offline_refusal(action), None, "{action:?}");
        }
        let why = |action| offline_refusal(action).unwrap_or_default();
        assert!(why(Permission::WriteReflection).starts_with("reflections never leave the box"));
        assert!(why(Permission::ReadReflection).starts_with("reflections never leave the box"));
        assert!(why(Permission::ImportEngagement).starts_with("imports"));
        assert!(why(Permission::ExportArchive).starts_with("exports"));
        assert!(why(Permission::Restore).starts_with("backup and restore"));
        assert!(why(Permission::ActAsSomeoneElse).starts_with("--as"));
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
