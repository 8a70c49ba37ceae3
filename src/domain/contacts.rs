//! The rules of a contact, once for the contact form, `log`, `import contacts` and edits: what a
//! valid contact is, whom a mentor may log one with, and whether it counts toward the quota.

use super::records::ContactInput;
use super::settings::Settings;
use super::types::Role;
use chrono::NaiveDate;
use std::fmt;

/// The longest contact a mentor can log, in minutes.
pub const MAX_MINUTES: u32 = 24 * 60;

/// Which field of a contact is wrong, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactError {
    pub field: ContactField,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactField {
    Mentor,
    Person,
    When,
    Duration,
    FollowUp,
    Text,
    SupportWhat,
    Intervention,
    Pillar,
}

impl ContactField {
    /// The name the CLI and the import files use.
    pub fn name(self) -> &'static str {
        match self {
            ContactField::Mentor => "mentor",
            ContactField::Person => "person",
            ContactField::When => "occurred_at",
            ContactField::Duration => "duration_min",
            ContactField::FollowUp => "follow_up_on",
            ContactField::Text => "notes",
            ContactField::SupportWhat => "support",
            ContactField::Intervention => "intervention",
            ContactField::Pillar => "pillar",
        }
    }

    /// Whether the program records this field on its contacts. Check & Connect marks its
    /// interventions basic or intensive, and a program runs Check & Connect where it monitors
    /// engagement (its settings have risk lines); AFSCME programs record the pillar a contact
    /// served (`pillars`). Every other field, every program records.
    pub fn recorded_by(self, settings: &Settings) -> bool {
        match self {
            ContactField::Intervention => settings.risk.is_some(),
            ContactField::Pillar => settings.pillars,
            _ => true,
        }
    }
}

impl fmt::Display for ContactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field.name(), self.reason)
    }
}

fn error(field: ContactField, reason: impl Into<String>) -> ContactError {
    ContactError {
        field,
        reason: reason.into(),
    }
}

/// Checks what a contact says on its own (the people involved are checked by [`reach`]).
pub fn validate(input: &ContactInput, today: NaiveDate) -> Result<(), ContactError> {
    if input.mentor == input.person {
        return Err(error(
            ContactField::Person,
            "a mentor cannot log a contact with themself",
        ));
    }
    for (field, date) in [
        (ContactField::When, Some(input.occurred_at.date())),
        (ContactField::FollowUp, input.follow_up_on),
    ] {
        if let Some(date) = date {
            super::dates::check_date(date).map_err(|reason| error(field, reason))?;
        }
    }
    if input.occurred_at.date() > today {
        return Err(error(
            ContactField::When,
            format!(
                "{} is in the future; log contacts after they happen",
                input.occurred_at.date()
            ),
        ));
    }
    if input.duration_min.is_some_and(|m| m > MAX_MINUTES) {
        return Err(error(
            ContactField::Duration,
            format!("at most {MAX_MINUTES} minutes (a day)"),
        ));
    }
    if let Some(follow_up) = input.follow_up_on
        && follow_up < input.occurred_at.date()
    {
        return Err(error(ContactField::FollowUp, "is before the contact"));
    }
    for (field, text) in [
        (ContactField::Text, &input.notes),
        (ContactField::SupportWhat, &input.support_what),
    ] {
        super::sanitize::stored_text_problem(text).map_err(|reason| error(field, reason))?;
    }
    Ok(())
}

/// Refuses a value in a field the program does not record (see [`ContactField::recorded_by`]).
pub fn check_program_fields(input: &ContactInput, settings: &Settings) -> Result<(), ContactError> {
    let given = [
        (
            ContactField::Intervention,
            input.intervention.is_some(),
            "this program does not record interventions (only Check & Connect programs, which monitor engagement, do)",
        ),
        (
            ContactField::Pillar,
            input.pillar.is_some(),
            "this program does not record pillars (settings set pillars true)",
        ),
    ];
    for (field, given, refusal) in given {
        if given && !field.recorded_by(settings) {
            return Err(error(field, refusal));
        }
    }
    Ok(())
}

/// Whom a contact was with, seen from the mentor who logged it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reach {
    /// Someone assigned to the mentor on the day of the contact.
    Caseload,
    /// A guardian, school staff member or provider around the mentor's students.
    Support,
    /// Someone not assigned to the mentor: a prospect, or another mentor's person, where the
    /// program lets mentors reach beyond their caseload.
    OffCaseload,
    /// A coordinator or another mentor: logged, never counted.
    Colleague,
}

impl Reach {
    pub const ALL: [Reach; 4] = [
        Reach::Caseload,
        Reach::Support,
        Reach::OffCaseload,
        Reach::Colleague,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reach::Caseload => "caseload",
            Reach::Support => "support",
            Reach::OffCaseload => "off-caseload",
            Reach::Colleague => "colleague",
        }
    }

    pub fn from_word(word: &str) -> Option<Reach> {
        Reach::ALL.into_iter().find(|r| r.as_str() == word)
    }

    /// Whether a counting contact of this reach adds to the mentor's quota: the people mentored
    /// themselves. Guardians, staff and providers are counted apart, so a quota never hides
    /// whether the students were seen; colleagues are never counted.
    pub fn counts_toward_quota(self) -> bool {
        matches!(self, Reach::Caseload | Reach::OffCaseload)
    }
}

/// Whether someone of `role` may be linked to a person of `student_role` as one of the people
/// around a student: guardians, school staff and providers, to a student (a mentee).
pub fn check_link(role: Role, student_role: Role) -> Result<(), String> {
    if !matches!(role, Role::Guardian | Role::Staff | Role::Provider) {
        return Err(format!(
            "only a guardian, school staff or a provider is linked to a student, not a {role}"
        ));
    }
    if student_role != Role::Mentee {
        return Err(format!("links go to a student, not a {student_role}"));
    }
    Ok(())
}

/// What the rule needs to know about the two people of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parties {
    pub mentor_role: Role,
    pub person_role: Role,
    /// The person was assigned to this mentor on the day of the contact.
    pub assigned_to_mentor: bool,
    /// The person was assigned to another mentor on that day.
    pub assigned_to_another: bool,
    /// The person (a guardian, school staff, a provider) is linked to a student assigned to
    /// this mentor on that day.
    pub linked_to_mentors_student: bool,
}

/// Whether the mentor may log this contact, and how it counts. `name` is the person's, for the
/// reason given when refused.
pub fn reach(settings: &Settings, parties: Parties, name: &str) -> Result<Reach, ContactError> {
    if parties.mentor_role != Role::Mentor {
        return Err(error(
            ContactField::Mentor,
            format!("is a {}, not a mentor", parties.mentor_role),
        ));
    }
    if parties.assigned_to_mentor {
        return Ok(Reach::Caseload);
    }
    match parties.person_role {
        Role::Coordinator | Role::Mentor => Ok(Reach::Colleague),
        Role::Guardian | Role::Staff | Role::Provider if parties.linked_to_mentors_student => {
            Ok(Reach::Support)
        }
        Role::Guardian | Role::Staff | Role::Provider => Err(error(
            ContactField::Person,
            format!(
                "{name} is not linked to any of your students; a coordinator links them with `mentordesk link`"
            ),
        )),
        Role::Mentee if settings.contacts_beyond_caseload => Ok(Reach::OffCaseload),
        Role::Mentee if parties.assigned_to_another => Err(error(
            ContactField::Person,
            format!(
                "{name} is on another mentor's caseload; in this program mentors log contacts only with their own people"
            ),
        )),
        Role::Mentee => Err(error(
            ContactField::Person,
            format!(
                "{name} is not on your caseload; in this program mentors log contacts only with their own people"
            ),
        )),
    }
}

/// The roles of people outside a mentor's caseload whom the rule lets the mentor reach and who
/// count (support and, where the program allows it, off-caseload people): asked of [`reach`]
/// itself, so a query can pick them out before the rule judges each one.
pub fn offered_roles(settings: &Settings) -> Vec<Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(|&person_role| {
            [false, true].into_iter().any(|assigned_to_another| {
                let parties = Parties {
                    mentor_role: Role::Mentor,
                    person_role,
                    assigned_to_mentor: false,
                    assigned_to_another,
                    linked_to_mentors_student: true,
                };
                matches!(
                    reach(settings, parties, ""),
                    Ok(Reach::Support | Reach::OffCaseload)
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::Preset;
    use crate::domain::types::{Method, Outcome};

    fn parties(person_role: Role, mine: bool, another: bool) -> Parties {
        Parties {
            mentor_role: Role::Mentor,
            person_role,
            assigned_to_mentor: mine,
            assigned_to_another: another,
            linked_to_mentors_student: false,
        }
    }

    /// Someone around a student: linked to one of this mentor's students, or only to others'.
    fn around(person_role: Role, linked: bool) -> Parties {
        Parties {
            linked_to_mentors_student: linked,
            ..parties(person_role, false, false)
        }
    }

    fn settings(preset: Preset) -> Settings {
        Settings::preset(preset, NaiveDate::from_ymd_opt(2026, 8, 1).unwrap())
    }

    #[test]
    fn whom_a_mentor_may_log_a_contact_with_by_program() {
        use Reach::*;
        let refused = None;
        #[rustfmt::skip]
        let table: &[(Preset, Role, bool, bool, Option<Reach>)] = &[
            // WEAC: reach out beyond the caseload; it counts, marked off-caseload.
            (Preset::RuralUnion, Role::Mentee, true, false, Some(Caseload)),
            (Preset::RuralUnion, Role::Mentee, false, false, Some(OffCaseload)),
            (Preset::RuralUnion, Role::Mentee, false, true, Some(OffCaseload)),
            (Preset::RuralUnion, Role::Coordinator, false, false, Some(Colleague)),
            (Preset::RuralUnion, Role::Mentor, false, false, Some(Colleague)),
            // WVLS: only the mentor's own pairs.
            (Preset::Library, Role::Mentee, true, false, Some(Caseload)),
            (Preset::Library, Role::Mentee, false, true, refused),
            (Preset::Library, Role::Mentee, false, false, refused),
            (Preset::Library, Role::Mentor, false, false, Some(Colleague)),
            (Preset::Esp, Role::Mentee, false, true, refused),
            // Check & Connect: the students, and the people around them.
            (Preset::CheckConnect, Role::Mentee, true, false, Some(Caseload)),
            (Preset::CheckConnect, Role::Mentee, false, true, refused),
            (Preset::CheckConnect, Role::Coordinator, false, false, Some(Colleague)),
        ];
        for &(preset, role, mine, another, expected) in table {
            let got = reach(&settings(preset), parties(role, mine, another), "Pat").ok();
            assert_eq!(got, expected, "{preset:?} {role:?} mine={mine} another={another}");
        }
        // The people around a student: only those linked to one of the mentor's students.
        for role in [Role::Guardian, Role::Staff, Role::Provider] {
            let c2 = settings(Preset::CheckConnect);
            assert_eq!(
                reach(&c2, around(role, true), "Pat").ok(),
                Some(Support),
                "{role:?}"
            );
            let err = reach(&c2, around(role, false), "Pat").unwrap_err();
            assert!(err.reason.contains("not linked to any of your students"), "{err}");
        }
    }

    #[test]
    fn offered_roles_by_program() {
        use Role::*;
        assert_eq!(
            offered_roles(&settings(Preset::RuralUnion)),
            [Mentee, Guardian, Staff, Provider]
        );
        assert_eq!(
            offered_roles(&settings(Preset::Library)),
            [Guardian, Staff, Provider]
        );
    }

    #[test]
    fn refusals_name_the_person_and_the_rule() {
        let err = reach(
            &settings(Preset::Library),
            parties(Role::Mentee, false, true),
            "Pat Lee",
        )
        .unwrap_err();
        assert_eq!(err.field, ContactField::Person);
        assert!(
            err.reason.contains("Pat Lee is on another mentor's caseload"),
            "{err}"
        );
    }

    #[test]
    fn only_mentors_log_contacts() {
        let p = Parties {
            mentor_role: Role::Coordinator,
            ..parties(Role::Mentee, true, false)
        };
        assert_eq!(
            reach(&settings(Preset::RuralUnion), p, "Pat").unwrap_err().field,
            ContactField::Mentor
        );
    }

    #[test]
    fn only_the_people_mentored_count_toward_the_quota() {
        for r in Reach::ALL {
            assert_eq!(
                r.counts_toward_quota(),
                matches!(r, Reach::Caseload | Reach::OffCaseload)
            );
            assert_eq!(Reach::from_word(r.as_str()), Some(r));
        }
    }

    fn input() -> ContactInput {
        ContactInput {
            mentor: 1,
            person: 2,
            occurred_at: NaiveDate::from_ymd_opt(2026, 11, 20)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap(),
            method: Method::Phone,
            outcome: Outcome::Conversation,
            duration_min: Some(30),
            support_when: None,
            support_what: String::new(),
            notes: "Talked.\n\tNext week.".into(),
            follow_up_on: None,
            submitted_on: None,
            intervention: None,
            pillar: None,
        }
    }

    #[test]
    fn only_check_and_connect_records_interventions_and_only_afscme_pillars() {
        use crate::domain::types::{Intervention, Pillar};
        let with_intervention = ContactInput {
            intervention: Some(Intervention::Basic),
            ..input()
        };
        let with_pillar = ContactInput {
            pillar: Some(Pillar::Invest),
            ..input()
        };
        for preset in Preset::ALL {
            let settings = settings(preset);
            let cc = preset == Preset::CheckConnect;
            let afscme = preset == Preset::Afscme;
            assert_eq!(ContactField::Intervention.recorded_by(&settings), cc);
            assert_eq!(ContactField::Pillar.recorded_by(&settings), afscme);
            assert_eq!(check_program_fields(&input(), &settings), Ok(()));
            let refused = |c: &ContactInput| check_program_fields(c, &settings).err().map(|e| e.field);
            assert_eq!(
                refused(&with_intervention),
                (!cc).then_some(ContactField::Intervention)
            );
            assert_eq!(refused(&with_pillar), (!afscme).then_some(ContactField::Pillar));
        }
    }

    #[test]
    fn validation_field_by_field() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(validate(&input(), today), Ok(()));
        let cases: Vec<(ContactInput, ContactField)> = vec![
            (ContactInput { person: 1, ..input() }, ContactField::Person),
            (
                ContactInput {
                    occurred_at: today.succ_opt().unwrap().and_hms_opt(9, 0, 0).unwrap(),
                    ..input()
                },
                ContactField::When,
            ),
            (
                ContactInput {
                    duration_min: Some(MAX_MINUTES + 1),
                    ..input()
                },
                ContactField::Duration,
            ),
            (
                ContactInput {
                    follow_up_on: NaiveDate::from_ymd_opt(2026, 11, 19),
                    ..input()
                },
                ContactField::FollowUp,
            ),
            (
                ContactInput {
                    notes: "bell\u{7}".into(),
                    ..input()
                },
                ContactField::Text,
            ),
            (
                ContactInput {
                    support_what: "esc\u{1b}[2J".into(),
                    ..input()
                },
                ContactField::SupportWhat,
            ),
        ];
        for (case, field) in cases {
            assert_eq!(validate(&case, today).unwrap_err().field, field, "{case:?}");
        }
        assert_eq!(
            validate(
                &ContactInput {
                    duration_min: Some(MAX_MINUTES),
                    ..input()
                },
                today
            ),
            Ok(())
        );
    }
}
