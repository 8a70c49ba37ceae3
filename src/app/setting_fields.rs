//! Each setting as fields of its own: numbers typed as numbers, yes/no and weekdays as choices,
//! months by name, one field per part of a setting with parts. What the fields hold is turned
//! into the setting's value here; whether that value is allowed is the domain's to say, through
//! the service, which audits it and refuses a change made since the form opened.

use super::form::{Field, Form};
use crate::domain::schedule::{Recurrence, RecurringEvent, month_names, parse_skip_months};
use crate::domain::settings::Installment;
use chrono::{NaiveTime, Weekday};
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
    /// Catalog forms by id, separated by commas, blank for none.
    FormIds,
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
        Shape::FormIds => vec![Field::text(
            label,
            value
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        )],
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
        Shape::FormIds => json!(
            text.split(',')
                .map(str::trim)
                .filter(|w| !w.is_empty())
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
    let note = match def.shape {
        Shape::FormIds => {
            let ids: Vec<&str> = crate::domain::forms::FORMS.iter().map(|f| f.id).collect();
            format!("{}: {}", def.meaning, ids.join(", "))
        }
        _ => def.meaning.to_string(),
    };
    let form = Form::new(format!("Setting {}", def.key), fields(def, value)).with_note(note);
    Some((form, def))
}

/// A setting that is a list of records: each row has a form of its own, to add, change or
/// remove it.
pub struct RowsDef {
    pub key: &'static str,
    /// What one row is called in the settings list.
    pub noun: &'static str,
    pub meaning: &'static str,
}

pub const ROWS: &[RowsDef] = &[
    RowsDef {
        key: "events",
        noun: "event",
        meaning: "Repeats once (on the date) or on the weekday: every week, or its 1st to 5th or last in the month. Times blank: all day. Months blank: the whole year; skipped like Dec, Jun.",
    },
    RowsDef {
        key: "installments",
        noun: "installment",
        meaning: "A fixed payment each program year to every mentor, in the month named (like Dec).",
    },
];

pub fn find_rows(key: &str) -> Option<&'static RowsDef> {
    ROWS.iter().find(|d| d.key == key)
}

/// The first field of a stored row's form: whether saving keeps (with the changes) or removes it.
const ROW: &str = "this row";
const KEEP: &str = "keep";
const REMOVE: &str = "remove";
const REPEATS: [&str; 8] = ["once", "every", "1st", "2nd", "3rd", "4th", "5th", "last"];
const EVENT_KINDS: [&str; 5] = ["training", "checkin", "deadline", "meeting", "other"];

fn hh_mm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

fn month_name(month: u32) -> String {
    month_names(&[month])
}

/// The fields of a row of the list `key`: a stored row's (with keep or remove first), or a new
/// row's when `row` is `None`.
pub fn row_fields(key: &str, row: Option<&Value>) -> Vec<Field> {
    let mut fields = Vec::new();
    if row.is_some() {
        fields.push(Field::choice(ROW, vec![KEEP.into(), REMOVE.into()], KEEP));
    }
    match key {
        "events" => {
            let event: Option<RecurringEvent> = row.and_then(|r| serde_json::from_value(r.clone()).ok());
            let mut kinds: Vec<String> = EVENT_KINDS.map(String::from).to_vec();
            if let Some(e) = &event
                && !kinds.contains(&e.kind)
            {
                kinds.push(e.kind.clone());
            }
            let (repeats, date, weekday) = match event.as_ref().map(|e| &e.rule) {
                None | Some(Recurrence::Once { .. }) => (
                    "once".to_string(),
                    match event.as_ref().map(|e| &e.rule) {
                        Some(Recurrence::Once { date }) => date.to_string(),
                        _ => String::new(),
                    },
                    Weekday::Mon,
                ),
                Some(Recurrence::Weekly { weekday }) => ("every".into(), String::new(), *weekday),
                Some(Recurrence::NthWeekday { n, weekday }) => (
                    REPEATS.get(*n as usize + 1).copied().unwrap_or("1st").to_string(),
                    String::new(),
                    *weekday,
                ),
                Some(Recurrence::LastWeekday { weekday }) => ("last".into(), String::new(), *weekday),
            };
            let all_day = event.as_ref().is_none_or(|e| e.starts == e.ends);
            let time = |t: fn(&RecurringEvent) -> NaiveTime| match &event {
                Some(e) if !all_day => hh_mm(t(e)),
                _ => String::new(),
            };
            let (first, last) = match event.as_ref().and_then(|e| e.months) {
                Some((first, last)) => (month_name(first), month_name(last)),
                None => (String::new(), String::new()),
            };
            fields.extend([
                Field::text("title", event.as_ref().map_or("", |e| &e.title)),
                Field::choice("kind", kinds, event.as_ref().map_or("training", |e| &e.kind)),
                Field::choice("repeats", REPEATS.map(String::from).to_vec(), &repeats),
                Field::text("date", date),
                Field::choice(
                    "weekday",
                    WEEKDAYS[1..].iter().map(|d| d.to_string()).collect(),
                    &weekday.to_string(),
                ),
                Field::text("starts", time(|e| e.starts)),
                Field::text("ends", time(|e| e.ends)),
                Field::text("first month", first),
                Field::text("last month", last),
                Field::text(
                    "months skipped",
                    event
                        .as_ref()
                        .map_or(String::new(), |e| month_names(&e.skip_months)),
                ),
                Field::text("topic", event.as_ref().map_or("", |e| &e.topic)),
                Field::text("place or link", event.as_ref().map_or("", |e| &e.place)),
            ]);
        }
        _ => {
            let installment: Option<Installment> = row.and_then(|r| serde_json::from_value(r.clone()).ok());
            fields.extend([
                Field::text("label", installment.as_ref().map_or("", |i| &i.label)),
                Field::text(
                    "month",
                    installment
                        .as_ref()
                        .map_or(String::new(), |i| month_name(i.month)),
                ),
                Field::text(
                    "amount ($)",
                    installment.as_ref().map_or(String::new(), |i| {
                        format!("{}.{:02}", i.amount_cents / 100, i.amount_cents % 100)
                    }),
                ),
            ]);
        }
    }
    fields
}

/// One month typed by name or number, or what is wrong with it.
fn one_month(label: &str, text: &str) -> Result<u32, String> {
    match parse_skip_months(text)
        .map_err(|e| format!("{label}: {e}"))?
        .as_slice()
    {
        [month] => Ok(*month),
        _ => Err(format!("{label}: name one month, like Sep")),
    }
}

fn time_of(label: &str, text: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .map_err(|_| format!("{label}: '{text}' is not a time like 18:30"))
}

/// The row the form holds, or `None` when it is to be removed; what is wrong with a field
/// otherwise. Whether the row is allowed is the domain's to say when the settings are saved.
pub fn row_value(key: &str, form: &Form) -> Result<Option<Value>, String> {
    if form.value(ROW) == REMOVE {
        return Ok(None);
    }
    let row = match key {
        "events" => {
            let weekday: Weekday = form
                .value("weekday")
                .parse()
                .map_err(|_| format!("weekday: '{}' is not a weekday", form.value("weekday")))?;
            let rule = match form.value("repeats") {
                "once" => Recurrence::Once {
                    date: crate::domain::dates::parse_date(form.value("date"))
                        .map_err(|e| format!("date: {e}"))?,
                },
                "every" => Recurrence::Weekly { weekday },
                "last" => Recurrence::LastWeekday { weekday },
                nth => Recurrence::NthWeekday {
                    n: REPEATS.iter().position(|r| *r == nth).unwrap_or(2) as u8 - 1,
                    weekday,
                },
            };
            let (starts, ends) = match (form.value("starts"), form.value("ends")) {
                ("", "") => (NaiveTime::MIN, NaiveTime::MIN),
                (starts, ends) => (time_of("starts", starts)?, time_of("ends", ends)?),
            };
            let months = match (form.value("first month"), form.value("last month")) {
                ("", "") => None,
                (first, last) => Some((one_month("first month", first)?, one_month("last month", last)?)),
            };
            json!(RecurringEvent {
                title: form.value("title").to_string(),
                kind: form.value("kind").to_string(),
                rule,
                starts,
                ends,
                months,
                skip_months: parse_skip_months(form.value("months skipped"))
                    .map_err(|e| format!("months skipped: {e}"))?,
                topic: form.value("topic").to_string(),
                place: form.value("place or link").to_string(),
            })
        }
        _ => {
            let amount = form.value("amount ($)");
            json!(Installment {
                label: form.value("label").to_string(),
                month: one_month("month", form.value("month"))?,
                amount_cents: crate::service::ledger::parse_dollars(amount)
                    .ok_or_else(|| format!("amount ($): '{amount}' is not an amount like 350.00"))?,
            })
        }
    };
    Ok(Some(row))
}

/// A row of the list `key` in words, for the list of settings: its name and what it says.
pub fn row_summary(key: &str, row: &Value) -> (String, String) {
    let fields = row_fields(key, Some(row));
    let value = |label: &str| {
        fields
            .iter()
            .find(|f| f.label == label)
            .map_or("", |f| f.value.as_str())
    };
    match key {
        "events" => {
            let when = match value("repeats") {
                "once" => value("date").to_string(),
                "every" => format!("every {}", value("weekday")),
                nth => format!("{nth} {}", value("weekday")),
            };
            let mut said = vec![when];
            if !value("starts").is_empty() {
                said.push(format!("{}–{}", value("starts"), value("ends")));
            }
            match (value("first month"), value("last month")) {
                ("", _) => {}
                (first, last) if first == last => said.push(first.to_string()),
                (first, last) => said.push(format!("{first}–{last}")),
            }
            if !value("months skipped").is_empty() {
                said.push(format!("skips {}", value("months skipped")));
            }
            if !value("topic").is_empty() {
                said.push(format!("topic: {}", value("topic")));
            }
            (value("title").to_string(), said.join(" · "))
        }
        _ => (
            value("label").to_string(),
            format!("{} · ${}", value("month"), value("amount ($)")),
        ),
    }
}

/// The form of the row at `at` of the list `key` (a new row for `None`), or `None` when there
/// is no such row.
pub fn row_form(settings_json: &Value, key: &str, at: Option<usize>) -> Option<Form> {
    let def = find_rows(key)?;
    let row = match at {
        Some(at) => Some(settings_json.get(key)?.get(at)?),
        None => None,
    };
    let title = match row {
        Some(_) => format!("Change or remove an {}", def.noun),
        None => format!("Add an {}", def.noun),
    };
    Some(Form::new(title, row_fields(key, row)).with_note(def.meaning))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::{Preset, Settings};
    use chrono::NaiveDate;

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

    #[test]
    fn every_presets_events_and_installments_come_back_unchanged_through_their_forms() {
        let start = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
        for preset in Preset::ALL {
            let all = serde_json::to_value(Settings::preset(preset, start)).unwrap();
            for def in ROWS {
                for (at, row) in all[def.key].as_array().unwrap().iter().enumerate() {
                    let form = row_form(&all, def.key, Some(at)).unwrap();
                    assert_eq!(
                        row_value(def.key, &form),
                        Ok(Some(row.clone())),
                        "{} {} {at}",
                        preset.as_str(),
                        def.key
                    );
                }
            }
        }
    }

    #[test]
    fn a_row_marked_remove_is_none_and_what_cannot_be_read_is_said() {
        let start = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
        let all = serde_json::to_value(Settings::preset(Preset::RuralUnion, start)).unwrap();
        let mut form = row_form(&all, "installments", Some(0)).unwrap();
        form.fields[0].value = REMOVE.into();
        assert_eq!(row_value("installments", &form), Ok(None));
        let mut form = row_form(&all, "installments", None).unwrap();
        let set = |form: &mut Form, label: &str, value: &str| {
            form.fields.iter_mut().find(|f| f.label == label).unwrap().value = value.into();
        };
        set(&mut form, "label", "Bonus");
        set(&mut form, "month", "Dec, Jan");
        assert_eq!(
            row_value("installments", &form),
            Err("month: name one month, like Sep".to_string())
        );
        set(&mut form, "month", "jan");
        set(&mut form, "amount ($)", "lots");
        assert_eq!(
            row_value("installments", &form),
            Err("amount ($): 'lots' is not an amount like 350.00".to_string())
        );
        let mut form = row_form(&all, "events", None).unwrap();
        set(&mut form, "title", "Session");
        set(&mut form, "repeats", "last");
        set(&mut form, "weekday", "Fri");
        set(&mut form, "starts", "7pm");
        assert_eq!(
            row_value("events", &form),
            Err("starts: '7pm' is not a time like 18:30".to_string())
        );
        set(&mut form, "starts", "");
        let event: RecurringEvent =
            serde_json::from_value(row_value("events", &form).unwrap().unwrap()).unwrap();
        assert_eq!(
            (event.rule, event.starts, event.ends),
            (
                Recurrence::LastWeekday {
                    weekday: Weekday::Fri
                },
                NaiveTime::MIN,
                NaiveTime::MIN
            ),
            "blank times are all day"
        );
    }
}
