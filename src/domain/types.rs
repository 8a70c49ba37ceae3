//! The closed vocabularies of the product: roles, contact methods and outcomes, end reasons.

use std::fmt;

/// Declares an enum whose variants map one-to-one onto the lowercase words stored in the
/// database, accepted in CSV files and printed by the CLI.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal, $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and typed word.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// The words a user sees on screen.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The accepted words, for error messages.
            pub fn choices() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, String> {
                let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| format!("'{}' is not one of {}", text.trim(), Self::choices()))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// What a person is to the program.
    Role {
        Mentor => "mentor", "Mentor",
        Mentee => "mentee", "Mentee",
        Coordinator => "coordinator", "Coordinator",
        Guardian => "guardian", "Guardian",
        Staff => "staff", "School staff",
        Provider => "provider", "Provider",
    }
);

word_enum!(
    /// How a contact was made.
    Method {
        Phone => "phone", "phone",
        Email => "email", "email",
        Text => "text", "text",
        InPerson => "in-person", "in person",
        Video => "video", "video",
        Mail => "mail", "mail",
        Other => "other", "other",
    }
);

word_enum!(
    /// How a contact went. Only a conversation is a real contact; the rest are attempts.
    Outcome {
        Conversation => "conversation", "conversation",
        NoAnswer => "no-answer", "no answer",
        LeftMessage => "left-message", "left message",
        NoReply => "no-reply", "no reply",
        Bounced => "bounced", "bounced",
    }
);

word_enum!(
    /// When support was given, in the words of the NEA Monthly Record.
    SupportWhen {
        BeforeSchool => "before-school", "before school",
        AfterSchool => "after-school", "after school",
        Break => "break", "break",
        Lunch => "lunch", "lunch",
        Dismissal => "dismissal", "early/late dismissal",
        Other => "other", "other",
    }
);

word_enum!(
    /// Why an assignment ended, from the WEAC seed's reassignment rule.
    EndReason {
        Completed => "completed", "completed",
        Exhausted => "exhausted", "exhausted",
        NegativeExperience => "negative-experience", "negative experience",
        LeftOrganization => "left-organization", "left organization",
        Cancelled => "cancelled", "cancelled",
    }
);

impl EndReason {
    /// Whether the pair ended as a match that ran: a cancelled assignment (undone before it
    /// began) never was one, so it counts in no retention figure and owes no end-of-match form.
    pub fn was_a_match(self) -> bool {
        self != EndReason::Cancelled
    }
}

word_enum!(
    /// Check & Connect: how intensive an intervention was.
    Intervention {
        Basic => "basic", "basic",
        Intensive => "intensive", "intensive",
    }
);

word_enum!(
    /// AFSCME Mentoring 101: the part of the model a contact served.
    Pillar {
        Invest => "invest", "Invest",
        BridgeTheGap => "bridge-the-gap", "Bridge the Gap",
        SharePower => "share-power", "Share Power",
    }
);

impl Outcome {
    pub fn is_conversation(self) -> bool {
        self == Outcome::Conversation
    }
}

impl Role {
    /// Roles a mentor is assigned to and contacts on a caseload.
    pub fn is_contactable(self) -> bool {
        !matches!(self, Role::Coordinator)
    }

    /// Who can be on the mentee side of a pair. Check & Connect's guardians, school staff and
    /// providers are contacts about a student, never mentored themselves.
    pub fn may_be_mentee(self) -> bool {
        matches!(self, Role::Mentee | Role::Mentor)
    }

    /// A role as a file names it: the stored words, and Check & Connect's, whose `student` is
    /// the program's mentee and `school-staff` its staff.
    pub fn from_word(text: &str) -> Result<Role, String> {
        match text.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "student" => Ok(Role::Mentee),
            "school-staff" => Ok(Role::Staff),
            _ => text
                .parse()
                .map_err(|e: String| format!("{e}, student, school-staff")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_accept_case_and_underscores() {
        for m in Method::ALL {
            assert_eq!(m.as_str().parse::<Method>().unwrap(), *m);
        }
        assert_eq!("In_Person".parse::<Method>().unwrap(), Method::InPerson);
        assert_eq!(" NO-ANSWER ".parse::<Outcome>().unwrap(), Outcome::NoAnswer);
    }

    #[test]
    fn check_and_connect_words_name_the_roles_they_stand_for() {
        assert_eq!(Role::from_word("Student"), Ok(Role::Mentee));
        assert_eq!(Role::from_word("school_staff"), Ok(Role::Staff));
        assert_eq!(Role::from_word("guardian"), Ok(Role::Guardian));
        let err = Role::from_word("wizard").unwrap_err();
        assert!(err.contains("provider, student, school-staff"), "{err}");
        for role in [Role::Guardian, Role::Staff, Role::Provider, Role::Coordinator] {
            assert!(!role.may_be_mentee(), "{role}");
        }
        assert!(Role::Mentee.may_be_mentee());
    }

    #[test]
    fn unknown_word_lists_the_choices() {
        let err = "fax".parse::<Method>().unwrap_err();
        assert!(err.contains("'fax'"), "{err}");
        assert!(err.contains("in-person"), "{err}");
    }
}
