//! A setting's fields from its value, and its value from what the fields hold.

use super::{SettingDef, Shape, WEEKDAYS, find};
use crate::app::form::{Field, Form};
use crate::domain::schedule::{month_names, parse_skip_months};
use serde_json::{Map, Value, json};

const YES_NO: [&str; 2] = ["yes", "no"];
const IN_DOLLARS: &str = "kinds in dollars";
const IN_HOURS: &str = "kinds in hours";

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
