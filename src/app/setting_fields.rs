//! Each setting as fields of its own: numbers typed as numbers, yes/no and weekdays as choices,
//! months by name, one field per part of a setting with parts. What the fields hold is turned
//! into the setting's value here; whether that value is allowed is the domain's to say, through
//! the service, which audits it and refuses a change made since the form opened.

use super::form::{Field, Form};
use crate::domain::schedule::{month_names, parse_skip_months};
use serde_json::{Map, Value, json};

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
}

/// A setting the app edits: its key, what it means and how it is typed.
pub struct SettingDef {
    pub key: &'static str,
    pub meaning: &'static str,
    pub shape: Shape,
}

const YES_NO: [&str; 2] = ["yes", "no"];
const WEEKDAYS: [&str; 8] = ["none", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const IN_DOLLARS: &str = "kinds in dollars";
const IN_HOURS: &str = "kinds in hours";

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
];

pub fn find(key: &str) -> Option<&'static SettingDef> {
    SETTINGS.iter().find(|d| d.key == key)
}

/// The label of a part as shown: `amount_cents` is typed in dollars.
fn part_label(name: &'static str, shape: Shape) -> &'static str {
    match shape {
        Shape::Dollars => "amount ($)",
        _ => name,
    }
}

fn count_text(value: &Value) -> String {
    value.as_u64().map(|n| n.to_string()).unwrap_or_default()
}

/// The fields of a setting's `value`, one for each part.
pub fn fields(def: &SettingDef, value: &Value) -> Vec<Field> {
    shape_fields(def.key, def.shape, value)
}

fn shape_fields(label: &'static str, shape: Shape, value: &Value) -> Vec<Field> {
    match shape {
        Shape::Count { .. } | Shape::Whole => vec![Field::text(label, count_text(value))],
        Shape::Dollars => {
            let text = value
                .as_i64()
                .map(|cents| format!("{}.{:02}", cents / 100, cents % 100))
                .unwrap_or_default();
            vec![Field::text(label, text)]
        }
        Shape::YesNo => vec![Field::choice(
            label,
            YES_NO.map(String::from).to_vec(),
            if value.as_bool() == Some(true) {
                "yes"
            } else {
                "no"
            },
        )],
        Shape::Text => vec![Field::text(label, value.as_str().unwrap_or_default())],
        Shape::Months => {
            let months: Vec<u32> = serde_json::from_value(value.clone()).unwrap_or_default();
            vec![Field::text(label, month_names(&months))]
        }
        Shape::Weekday => vec![Field::choice(
            label,
            WEEKDAYS.map(String::from).to_vec(),
            value.as_str().unwrap_or("none"),
        )],
        Shape::Parts { parts, .. } => parts
            .iter()
            .flat_map(|(name, part)| {
                shape_fields(
                    part_label(name, *part),
                    *part,
                    value.get(name).unwrap_or(&Value::Null),
                )
            })
            .collect(),
        Shape::Sections => crate::domain::settings::archive_sections()
            .into_iter()
            .map(|section| {
                let kept = value
                    .as_array()
                    .is_some_and(|kept| kept.iter().any(|k| k == section));
                Field::choice(
                    section,
                    YES_NO.map(String::from).to_vec(),
                    if kept { "yes" } else { "no" },
                )
            })
            .collect(),
        Shape::Compensation => {
            let kinds = |unit: &str| {
                value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|k| k["unit"] == unit)
                    .filter_map(|k| k["kind"].as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            vec![
                Field::text(IN_DOLLARS, kinds("dollars")),
                Field::text(IN_HOURS, kinds("hours")),
            ]
        }
    }
}

/// The setting's value from what its fields hold, or what is wrong with one.
pub fn value(def: &SettingDef, form: &Form) -> Result<Value, String> {
    shape_value(def.key, def.shape, form)
}

fn shape_value(label: &'static str, shape: Shape, form: &Form) -> Result<Value, String> {
    let text = form.value(label);
    Ok(match shape {
        Shape::Count { .. } if text.is_empty() => Value::Null,
        Shape::Count { .. } | Shape::Whole => json!(
            text.parse::<u32>()
                .map_err(|_| format!("{label}: '{text}' is not a whole number"))?
        ),
        Shape::Dollars if text.is_empty() => Value::Null,
        Shape::Dollars => json!(
            crate::service::ledger::parse_dollars(text)
                .ok_or_else(|| format!("{label}: '{text}' is not an amount like 125.00"))?
        ),
        Shape::YesNo => json!(text == "yes"),
        Shape::Text => json!(text),
        Shape::Months => json!(parse_skip_months(text).map_err(|e| format!("{label}: {e}"))?),
        Shape::Weekday if text == "none" => Value::Null,
        Shape::Weekday => json!(text),
        Shape::Parts { parts, optional } => {
            let labels = parts.iter().map(|(name, part)| part_label(name, *part));
            if optional && labels.clone().all(|l| form.value(l).is_empty()) {
                return Ok(Value::Null);
            }
            let mut object = Map::new();
            for (name, part) in parts {
                object.insert(
                    name.to_string(),
                    shape_value(part_label(name, *part), *part, form)?,
                );
            }
            Value::Object(object)
        }
        Shape::Sections => json!(
            crate::domain::settings::archive_sections()
                .into_iter()
                .filter(|section| form.value(section) == "yes")
                .collect::<Vec<_>>()
        ),
        Shape::Compensation => {
            let mut kinds = Vec::new();
            for (label, unit) in [(IN_DOLLARS, "dollars"), (IN_HOURS, "hours")] {
                for kind in form
                    .value(label)
                    .split(',')
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                {
                    kinds.push(json!({"kind": kind, "unit": unit}));
                }
            }
            Value::Array(kinds)
        }
    })
}

/// The setting's present value in words, for the list of settings.
pub fn summary(def: &SettingDef, value: &Value) -> String {
    let fields = fields(def, value);
    let said = match (def.shape, fields.as_slice()) {
        (Shape::Count { blank }, [field]) if field.value.is_empty() => blank.to_string(),
        (Shape::Sections, _) => fields
            .iter()
            .filter(|f| f.value == "yes")
            .map(|f| f.label)
            .collect::<Vec<_>>()
            .join(", "),
        (_, [field]) => field.value.clone(),
        _ => fields
            .iter()
            .filter(|f| !f.value.is_empty())
            .map(|f| format!("{} {}", f.label, f.value))
            .collect::<Vec<_>>()
            .join(" · "),
    };
    if said.is_empty() { "none".into() } else { said }
}

/// The form that changes one setting, or `None` for a key the app does not edit.
pub fn form(settings_json: &Value, key: &str) -> Option<(Form, &'static SettingDef)> {
    let def = find(key)?;
    let value = settings_json.get(def.key)?;
    let form = Form::new(format!("Setting {}", def.key), fields(def, value)).with_note(def.meaning);
    Some((form, def))
}
