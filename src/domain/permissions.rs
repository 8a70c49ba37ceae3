//! Who may do what: one table, by the acting user's role, whether they act as someone else
//! (`--as`), and how the record relates to them. The service layer asks it before every read and
//! write; nothing else decides a permission.

use super::types::Role;

/// What a user wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    ReadCaseload,
    ReadContacts,
    LogContact,
    EditContact,
    DeleteContact,
    MarkReportSubmitted,
    Assign,
    EndAssignment,
    ManagePeople,
    ImportContacts,
    ImportEngagement,
    RecordEngagement,
    ChangeSettings,
    ReadAuditLog,
    ScheduleMeeting,
    AddProgramEvent,
    CancelOccurrence,
    MarkAttendance,
    ReadAttendance,
    FileForm,
    ReadFiledForms,
    ReadReflection,
    WriteReflection,
    ShareReflection,
    WriteLetter,
    SendReminder,
    ReadReminders,
    ReadLedger,
    AddLedgerEntry,
    ReadProgramDesk,
    ExportPeople,
    ExportArchive,
    /// NEA mentor applicants' files: read them, and record their parts and the decision.
    ReadApplications,
    ManageApplications,
    ActAsSomeoneElse,
    /// Read what others changed in one's own records since one's last start, and move that
    /// mark: the real user's alone, never through `--as`.
    ReadChangesToMyRecords,
    /// Copy the whole program database to a backup file.
    BackUp,
    /// Replace the whole program with a backup.
    Restore,
}

/// How the record an action touches relates to the acting user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// Theirs: their own caseload, contacts, meetings, forms, reminders.
    Own,
    /// Their partner's, shared with them (a shared reflection).
    Partner,
    /// Another user's.
    Others,
    /// The program as a whole (people, assignments, settings, events, the ledger).
    Program,
}

/// Who is acting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    /// A coordinator (or anyone in a demo) seeing the app as another user with `--as`.
    pub acting_as: bool,
}

/// Every action on records private to a pair: never shown to anyone seeing through `--as`.
fn is_private_to_pair(action: Permission) -> bool {
    matches!(
        action,
        Permission::ReadReflection | Permission::WriteReflection | Permission::ShareReflection
    )
}

/// The permission table.
pub fn allowed(actor: Actor, action: Permission, relation: Relation) -> bool {
    use Permission::*;
    use Relation::*;
    if actor.acting_as
        && (is_private_to_pair(action) || matches!(action, ActAsSomeoneElse | ReadChangesToMyRecords))
    {
        return false;
    }
    match (actor.role, relation) {
        // Reflections stay with their author and, once shared, the partner: a coordinator reads
        // neither.
        (_, Others | Program) if is_private_to_pair(action) => false,
        (_, Partner) => action == ReadReflection,
        (Role::Coordinator, _) => true,
        (Role::Mentor, Own) => matches!(
            action,
            ReadCaseload
                | ReadContacts
                | LogContact
                | EditContact
                | DeleteContact
                | MarkReportSubmitted
                | ImportContacts
                | RecordEngagement
                | ScheduleMeeting
                | CancelOccurrence
                | ReadAttendance
                | FileForm
                | ReadFiledForms
                | ReadReflection
                | WriteReflection
                | ShareReflection
                | WriteLetter
                | ReadReminders
                | ReadLedger
                | ReadChangesToMyRecords
        ),
        // A mentee who signs in (NEA pairs) keeps their own forms and reflections.
        (Role::Mentee, Own) => matches!(
            action,
            FileForm | ReadFiledForms | ReadReflection | WriteReflection | ShareReflection | ReadReminders
        ),
        _ => false,
    }
}

/// What the box's administrator (uid 0), who is no person of the program, may do: only the
/// upkeep of its file.
pub fn allowed_to_admin(action: Permission) -> bool {
    matches!(action, Permission::BackUp | Permission::Restore)
}

/// The one-line reason a refused action gives.
pub fn refusal(action: Permission) -> &'static str {
    use Permission::*;
    match action {
        ReadCaseload | ReadContacts | LogContact | EditContact | DeleteContact | MarkReportSubmitted
        | ImportContacts => "mentors can only see and change their own caseload and contacts",
        Assign | EndAssignment => "only a coordinator can assign people or end assignments",
        ManagePeople => "only a coordinator can add or change people",
        ImportEngagement => "only a coordinator can import engagement data",
        RecordEngagement => "mentors record engagement only for students on their caseload",
        ChangeSettings => "only a coordinator can change the program's settings",
        ReadAuditLog => "only a coordinator can read the audit log",
        ScheduleMeeting | CancelOccurrence => {
            "you can schedule and cancel only your own meetings; program events are the coordinator's"
        }
        AddProgramEvent => "only a coordinator can add program events",
        MarkAttendance => "only a coordinator takes attendance",
        ReadAttendance => "mentors can see only their own attendance",
        FileForm | ReadFiledForms => "you can see and file only your own forms",
        ReadReflection | WriteReflection | ShareReflection => {
            "reflections are private to the pair: not even --as shows them"
        }
        WriteLetter => "mentors write letters only for people on their caseload",
        SendReminder => "only a coordinator sends reminders",
        ReadReminders => "you can read only your own reminders",
        ReadLedger => "mentors see only their own payments",
        AddLedgerEntry => "only a coordinator keeps the ledger",
        ReadProgramDesk => "only a coordinator sees the whole program",
        ExportPeople | ExportArchive => "only a coordinator exports program records",
        ReadApplications | ManageApplications => {
            "only the coordinator (for the committee) keeps the mentor applications"
        }
        ActAsSomeoneElse => "--as is only for coordinators (or in demo mode)",
        ReadChangesToMyRecords => {
            "what others changed in your records is shown to you alone, not through --as"
        }
        BackUp | Restore => "only a coordinator or root can back up or restore the program",
    }
}

#[cfg(test)]
mod tests {
    use super::Permission::*;
    use super::Relation::*;
    use super::*;

    const COORDINATOR: Actor = Actor {
        role: Role::Coordinator,
        acting_as: false,
    };
    const MENTOR: Actor = Actor {
        role: Role::Mentor,
        acting_as: false,
    };
    const MENTEE: Actor = Actor {
        role: Role::Mentee,
        acting_as: false,
    };
    const COORDINATOR_AS_MENTOR: Actor = Actor {
        role: Role::Mentor,
        acting_as: true,
    };

    /// Every decision, row by row: actor, action, relation, allowed.
    #[rustfmt::skip]
    const TABLE: &[(Actor, Permission, Relation, bool)] = &[
        // Caseload and contacts: mentors their own, coordinators everyone's.
        (MENTOR, ReadCaseload, Own, true),
        (MENTOR, ReadCaseload, Others, false),
        (COORDINATOR, ReadCaseload, Others, true),
        (MENTOR, ReadContacts, Own, true),
        (MENTOR, ReadContacts, Others, false),
        (COORDINATOR, ReadContacts, Others, true),
        (MENTOR, LogContact, Own, true),
        (MENTOR, LogContact, Others, false),
        (COORDINATOR, LogContact, Others, true),
        (MENTOR, EditContact, Own, true),
        (MENTOR, EditContact, Others, false),
        (COORDINATOR, EditContact, Others, true),
        (MENTOR, DeleteContact, Own, true),
        (MENTOR, DeleteContact, Others, false),
        (MENTOR, MarkReportSubmitted, Own, true),
        (MENTOR, MarkReportSubmitted, Others, false),
        (MENTOR, ImportContacts, Own, true),
        (MENTOR, ImportContacts, Others, false),
        (MENTEE, LogContact, Own, false),
        (MENTEE, ReadCaseload, Own, false),
        // The program: coordinators only.
        (MENTOR, Assign, Program, false),
        (COORDINATOR, Assign, Program, true),
        (MENTOR, EndAssignment, Program, false),
        (COORDINATOR, EndAssignment, Program, true),
        (MENTOR, ManagePeople, Program, false),
        (COORDINATOR, ManagePeople, Program, true),
        (MENTOR, ManagePeople, Own, false),
        (MENTEE, ManagePeople, Program, false),
        (COORDINATOR_AS_MENTOR, ManagePeople, Program, false),
        (MENTOR, ImportEngagement, Program, false),
        (COORDINATOR, ImportEngagement, Program, true),
        (MENTOR, RecordEngagement, Own, true),
        (MENTOR, RecordEngagement, Others, false),
        (COORDINATOR, RecordEngagement, Others, true),
        (MENTOR, ChangeSettings, Program, false),
        (COORDINATOR, ChangeSettings, Program, true),
        (MENTOR, ReadAuditLog, Program, false),
        (COORDINATOR, ReadAuditLog, Program, true),
        (MENTOR, AddProgramEvent, Program, false),
        (COORDINATOR, AddProgramEvent, Program, true),
        (MENTOR, MarkAttendance, Program, false),
        (COORDINATOR, MarkAttendance, Program, true),
        (MENTOR, SendReminder, Program, false),
        (COORDINATOR, SendReminder, Program, true),
        (MENTOR, ReadLedger, Program, false),
        (MENTOR, ReadLedger, Own, true),
        (MENTOR, ReadLedger, Others, false),
        (MENTOR, AddLedgerEntry, Program, false),
        (COORDINATOR, AddLedgerEntry, Program, true),
        (MENTOR, ReadProgramDesk, Program, false),
        (COORDINATOR, ReadProgramDesk, Program, true),
        (MENTOR, ExportPeople, Program, false),
        (MENTOR, ExportArchive, Program, false),
        (COORDINATOR, ExportArchive, Program, true),
        // Mentor applications: the committee's, through the coordinator.
        (MENTOR, ReadApplications, Program, false),
        (MENTOR, ReadApplications, Own, false),
        (MENTEE, ReadApplications, Own, false),
        (COORDINATOR, ReadApplications, Program, true),
        (MENTOR, ManageApplications, Program, false),
        (COORDINATOR, ManageApplications, Program, true),
        (COORDINATOR_AS_MENTOR, ReadApplications, Program, false),
        // What others changed in one's records: one's own, never through --as.
        (MENTOR, ReadChangesToMyRecords, Own, true),
        (MENTOR, ReadChangesToMyRecords, Others, false),
        (COORDINATOR, ReadChangesToMyRecords, Own, true),
        (MENTEE, ReadChangesToMyRecords, Own, false),
        (COORDINATOR_AS_MENTOR, ReadChangesToMyRecords, Own, false),
        // Meetings and the calendar: a mentor's own meetings.
        (MENTOR, ScheduleMeeting, Own, true),
        (MENTOR, ScheduleMeeting, Others, false),
        (COORDINATOR, ScheduleMeeting, Others, true),
        (MENTOR, CancelOccurrence, Own, true),
        (MENTOR, CancelOccurrence, Program, false),
        (COORDINATOR, CancelOccurrence, Program, true),
        (MENTOR, ReadAttendance, Own, true),
        (MENTOR, ReadAttendance, Others, false),
        (COORDINATOR, ReadAttendance, Others, true),
        // Forms.
        (MENTOR, FileForm, Own, true),
        (MENTOR, FileForm, Others, false),
        (MENTEE, FileForm, Own, true),
        (MENTOR, ReadFiledForms, Own, true),
        (MENTOR, ReadFiledForms, Others, false),
        (COORDINATOR, ReadFiledForms, Others, true),
        // Reflections: the author, and the partner once shared; never a coordinator, never --as.
        (MENTOR, ReadReflection, Own, true),
        (MENTOR, ReadReflection, Partner, true),
        (MENTOR, ReadReflection, Others, false),
        (MENTEE, ReadReflection, Own, true),
        (MENTEE, ReadReflection, Partner, true),
        (COORDINATOR, ReadReflection, Own, true),
        (COORDINATOR, ReadReflection, Others, false),
        (COORDINATOR, ReadReflection, Program, false),
        (COORDINATOR_AS_MENTOR, ReadReflection, Own, false),
        (COORDINATOR_AS_MENTOR, ReadReflection, Partner, false),
        (COORDINATOR_AS_MENTOR, WriteReflection, Own, false),
        (COORDINATOR_AS_MENTOR, ShareReflection, Own, false),
        (MENTOR, WriteReflection, Own, true),
        (MENTOR, WriteReflection, Partner, false),
        (MENTOR, ShareReflection, Own, true),
        (MENTOR, ShareReflection, Others, false),
        (COORDINATOR, ShareReflection, Others, false),
        // Letters: a mentor about their own caseload; program notices are the coordinator's.
        (MENTOR, WriteLetter, Own, true),
        (MENTOR, WriteLetter, Others, false),
        (MENTOR, WriteLetter, Program, false),
        (COORDINATOR, WriteLetter, Program, true),
        // Reminders.
        (MENTOR, ReadReminders, Own, true),
        (MENTOR, ReadReminders, Others, false),
        // --as sees what the user sees, as that user, but cannot chain.
        (COORDINATOR, ActAsSomeoneElse, Program, true),
        (MENTOR, ActAsSomeoneElse, Program, false),
        (COORDINATOR_AS_MENTOR, ActAsSomeoneElse, Program, false),
        (COORDINATOR_AS_MENTOR, ReadCaseload, Own, true),
        (COORDINATOR_AS_MENTOR, ReadCaseload, Others, false),
        (COORDINATOR_AS_MENTOR, LogContact, Own, true),
        // Backups and restores: the coordinator's (and root's, see allowed_to_admin).
        (COORDINATOR, BackUp, Program, true),
        (COORDINATOR, Restore, Program, true),
        (MENTOR, BackUp, Program, false),
        (MENTOR, Restore, Program, false),
        (MENTOR, BackUp, Own, false),
        (MENTEE, BackUp, Program, false),
        (COORDINATOR_AS_MENTOR, BackUp, Program, false),
        (COORDINATOR_AS_MENTOR, Restore, Program, false),
    ];

    #[test]
    fn every_row_of_the_permission_table() {
        for &(actor, action, relation, expected) in TABLE {
            assert_eq!(
                allowed(actor, action, relation),
                expected,
                "{actor:?} {action:?} {relation:?}"
            );
        }
    }

    #[test]
    fn a_coordinator_may_do_anything_but_read_what_is_private_to_a_pair() {
        for action in ALL_ACTIONS {
            let private = matches!(action, ReadReflection | WriteReflection | ShareReflection);
            assert_eq!(allowed(COORDINATOR, *action, Others), !private, "{action:?}");
        }
    }

    #[test]
    fn nobody_reads_anything_private_to_a_pair_through_as() {
        for role in Role::ALL {
            let actor = Actor {
                role: *role,
                acting_as: true,
            };
            for relation in [Own, Partner, Others, Program] {
                for action in [ReadReflection, WriteReflection, ShareReflection] {
                    assert!(
                        !allowed(actor, action, relation),
                        "{role:?} {action:?} {relation:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn roles_without_a_desk_may_do_nothing_to_others() {
        for role in [Role::Guardian, Role::Staff, Role::Provider] {
            let actor = Actor {
                role,
                acting_as: false,
            };
            for action in ALL_ACTIONS {
                assert!(!allowed(actor, *action, Others), "{role:?} {action:?}");
                assert!(!allowed(actor, *action, Program), "{role:?} {action:?}");
            }
        }
    }

    const ALL_ACTIONS: &[Permission] = &[
        ReadCaseload,
        ReadContacts,
        LogContact,
        EditContact,
        DeleteContact,
        MarkReportSubmitted,
        Assign,
        EndAssignment,
        ManagePeople,
        ImportContacts,
        ImportEngagement,
        RecordEngagement,
        ChangeSettings,
        ReadAuditLog,
        ScheduleMeeting,
        AddProgramEvent,
        CancelOccurrence,
        MarkAttendance,
        ReadAttendance,
        FileForm,
        ReadFiledForms,
        ReadReflection,
        WriteReflection,
        ShareReflection,
        WriteLetter,
        SendReminder,
        ReadReminders,
        ReadLedger,
        AddLedgerEntry,
        ReadProgramDesk,
        ExportPeople,
        ExportArchive,
        ReadApplications,
        ManageApplications,
        ActAsSomeoneElse,
        ReadChangesToMyRecords,
        BackUp,
        Restore,
    ];

    #[test]
    fn the_administrator_may_only_back_up_and_restore() {
        for action in ALL_ACTIONS {
            assert_eq!(
                allowed_to_admin(*action),
                matches!(action, BackUp | Restore),
                "{action:?}"
            );
        }
    }
}
