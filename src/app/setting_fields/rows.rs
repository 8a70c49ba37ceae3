//! The settings that are lists of records (events, installments): a form for each row.

use super::WEEKDAYS;
use crate::app::form::{Field, Form};
use crate::domain::schedule::{Recurrence, RecurringEvent, month_names, parse_skip_months};
use crate::domain::settings::Installment;
use chrono::{NaiveTime, Weekday};
use serde_json::{Value, json};

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
