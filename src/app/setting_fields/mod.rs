//! Each setting as fields of its own: numbers typed as numbers, yes/no and weekdays as choices,
//! months by name, one field per part of a setting with parts. What the fields hold is turned
//! into the setting's value here; whether that value is allowed is the domain's to say, through
//! the service, which audits it and refuses a change made since the form opened.

mod rows;
mod values;

pub use rows::{ROWS, RowsDef, find_rows, row_fields, row_form, row_summary, row_value};
pub use values::{fields, form, summary, value};

/// How a setting, or a part of one, is typed.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A whole number, or blank for none (`blank` says what none means).
    Count {
        blank: &'static str,
    },
    /// A whole number that must be given.
    Whole,
    /// Dollars and cents, stored as cents; blank for none.
    Dollars,
    YesNo,
    Text,
    /// Months by name or number ("Sep, Oct"), blank for none.
    Months,
    /// A weekday, or none.
    Weekday,
    /// A setting with parts, each a field; `optional` ones are none when every part is blank.
    Parts {
        parts: &'static [(&'static str, Shape)],
        optional: bool,
    },
    /// A yes/no for each section an archive can keep.
    Sections,
    /// The ledger's kinds of compensation: those counted in dollars, those in hours.
    Compensation,
    /// Catalog forms by id, separated by commas, blank for none.
    FormIds,
}

/// A setting the app edits: its key, what it means and how it is typed.
pub struct SettingDef {
    pub key: &'static str,
    pub meaning: &'static str,
    pub shape: Shape,
}

const WEEKDAYS: [&str; 8] = ["none", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

const fn def(key: &'static str, meaning: &'static str, shape: Shape) -> SettingDef {
    SettingDef { key, meaning, shape }
}

/// The settings a coordinator changes in the app, each with what it means.
pub const SETTINGS: &[SettingDef] = &[
    def(
        "quota",
        "people each mentor must reach a month (blank: no monthly quota)",
        Shape::Count {
            blank: "no monthly quota",
        },
    ),
    def(
        "pair_cadence",
        "counting contacts each pair needs a month (blank: off)",
        Shape::Count { blank: "off" },
    ),
    def(
        "count_attempts",
        "whether attempts (no answer, a message left) count toward quota and cadence",
        Shape::YesNo,
    ),
    def(
        "contacts_beyond_caseload",
        "whether mentors log and count contacts beyond their caseload",
        Shape::YesNo,
    ),
    def(
        "mentor_applications",
        "whether mentors apply (due July 26, contacted by July 30) and an applicant counts as a mentor once the committee accepts them",
        Shape::YesNo,
    ),
    def(
        "capacity",
        "how many active people a mentor can take",
        Shape::Whole,
    ),
    def(
        "quiet_days",
        "days without a counting contact after which a pair is flagged",
        Shape::Whole,
    ),
    def(
        "term_months",
        "months a match runs before it is due to end or be extended (blank: no term)",
        Shape::Count { blank: "no term" },
    ),
    def(
        "offline_days",
        "days a laptop copy may go without a sync before it locks (blank: never locks)",
        Shape::Count { blank: "never locks" },
    ),
    def(
        "first_meeting_days",
        "days after the match by which the pair meets in person (blank: no deadline)",
        Shape::Count { blank: "no deadline" },
    ),
    def(
        "goals_days",
        "days after the match by which the mentee's goals are shared (blank: no deadline)",
        Shape::Count { blank: "no deadline" },
    ),
    def(
        "evaluation_days",
        "days after a match ends by which both evaluations are due (blank: no deadline)",
        Shape::Count { blank: "no deadline" },
    ),
    def(
        "report_due_weekday",
        "contact reports are due on the last such weekday of the month (none: no reports)",
        Shape::Weekday,
    ),
    def(
        "monthly_record_months",
        "months in which a Monthly Record is due, like Sep, Oct (blank: none)",
        Shape::Months,
    ),
    def(
        "time_zone",
        "the program's IANA time zone, like America/Chicago",
        Shape::Text,
    ),
    def(
        "match_weights",
        "how matching weighs each factor (whole numbers)",
        Shape::Parts {
            parts: &[
                ("job_family", Shape::Whole),
                ("location", Shape::Whole),
                ("expertise", Shape::Whole),
                ("availability", Shape::Whole),
                ("capacity", Shape::Whole),
            ],
            optional: false,
        },
    ),
    def(
        "eligibility",
        "years of experience a mentor needs and a mentee may have (blank: no rule)",
        Shape::Parts {
            parts: &[
                ("mentor_min_years", Shape::Count { blank: "no rule" }),
                ("mentee_max_years", Shape::Count { blank: "no rule" }),
            ],
            optional: false,
        },
    ),
    def(
        "meeting_stipend",
        "a payment per in-person meeting, up to a number of meetings of at least so many hours (all blank: none)",
        Shape::Parts {
            parts: &[
                ("amount_cents", Shape::Dollars),
                ("max_meetings", Shape::Whole),
                ("min_total_hours", Shape::Whole),
            ],
            optional: true,
        },
    ),
    def(
        "travel_reimbursed",
        "whether the ledger reimburses travel",
        Shape::YesNo,
    ),
    def(
        "archive",
        "what `export archive` keeps, section by section",
        Shape::Sections,
    ),
    def(
        "compensation",
        "the kinds the ledger records, separated by commas",
        Shape::Compensation,
    ),
    def(
        "pillars",
        "whether each contact records the AFSCME pillar it served (Invest, Bridge the Gap, Share Power)",
        Shape::YesNo,
    ),
    def(
        "extra_forms",
        "forms of other programs this one uses too, by id, separated by commas (blank: none)",
        Shape::FormIds,
    ),
];

pub fn find(key: &str) -> Option<&'static SettingDef> {
    SETTINGS.iter().find(|d| d.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::Settings;

    #[test]
    fn every_setting_has_fields_of_its_own_in_the_app() {
        let all = serde_json::to_value(Settings::default()).unwrap();
        for key in all.as_object().unwrap().keys() {
            assert!(
                find(key).is_some() || find_rows(key).is_some() || key == "risk",
                "'{key}' has no field in the app"
            );
        }
    }
}
