//! CSV and JSON exports, with the same columns as the imports, and iCalendar.

pub mod ics;
pub mod letters;

use crate::domain::YearMonth;
use crate::domain::permissions::{Action, Relation};
use crate::domain::records::DATETIME_FORMAT;
use crate::domain::sanitize::keep_lines;
use crate::error::{Error, Result};

/// How a table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}
use crate::domain::records::ContactFilter;
use crate::service::Session;
use crate::service::import::{CONTACT_COLUMNS, PEOPLE_COLUMNS};
use serde_json::{Map, Value, json};
use std::io::Write;

/// Spreadsheets run a cell starting with `= + - @` as a formula; an apostrophe keeps it text.
pub fn neutralize_formula(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@']) {
        std::borrow::Cow::Owned(format!("'{field}"))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

pub fn write_rows(
    out: &mut dyn Write,
    format: Format,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> Result<()> {
    let failed = |e: &dyn std::fmt::Display| Error::Failed(format!("cannot write the export: {e}"));
    match format {
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(columns).map_err(|e| failed(&e))?;
            for row in rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|v| match v {
                        Value::Null => String::new(),
                        Value::String(s) => neutralize_formula(&keep_lines(s)).into_owned(),
                        other => other.to_string(),
                    })
                    .collect();
                csv.write_record(&cells).map_err(|e| failed(&e))?;
            }
            csv.flush().map_err(|e| failed(&e))?;
        }
        Format::Json => {
            let objects: Vec<Value> = rows
                .into_iter()
                .map(|row| {
                    let row = row.into_iter().map(|v| match v {
                        Value::String(s) => Value::String(keep_lines(&s).into_owned()),
                        other => other,
                    });
                    let map: Map<String, Value> = columns.iter().map(|c| c.to_string()).zip(row).collect();
                    Value::Object(map)
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &objects).map_err(|e| failed(&e))?;
            writeln!(out)?;
        }
    }
    Ok(())
}

pub fn export_people(session: &Session, format: Format, out: &mut dyn Write) -> Result<()> {
    session.require(Action::ExportPeople, Relation::Program)?;
    let mut students: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    let ids = session.names()?;
    for (person, student) in session.student_links()? {
        if let Some((id, _)) = ids.get(&student) {
            students.entry(person).or_default().push(id.clone());
        }
    }
    let rows = session
        .people()?
        .into_iter()
        .map(|p| {
            let student_ids = students.get(&p.key).map(|s| s.join(";"));
            let f = p.fields;
            vec![
                json!(p.id),
                json!(p.name),
                json!(p.role.as_str()),
                json!(f.login),
                json!(f.email),
                json!(f.phone),
                json!(f.organization),
                json!(f.position),
                json!(f.location),
                json!(f.job_family),
                json!(f.expertise),
                json!(f.goals),
                json!(f.years_experience),
                json!(f.availability),
                json!(student_ids),
            ]
        })
        .collect();
    write_rows(out, format, PEOPLE_COLUMNS, rows)
}

pub fn export_contacts(
    session: &Session,
    month: Option<YearMonth>,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    let filter = ContactFilter {
        mentor: (!session.sees_whole_program()).then_some(session.me.key),
        month,
        ..Default::default()
    };
    let pillars = session.program.settings.pillars;
    let mut rows = Vec::new();
    let mut after = None;
    loop {
        let page = session.contacts(&filter, after, 5_000)?;
        let Some(last) = page.last() else { break };
        after = Some((last.contact.input.occurred_at, last.contact.key));
        for row in page {
            let c = row.contact.input;
            let mut values = vec![
                json!(row.mentor_id),
                json!(row.person_id),
                json!(c.occurred_at.format(DATETIME_FORMAT).to_string()),
                json!(c.method.as_str()),
                json!(c.outcome.as_str()),
                json!(c.duration_min),
                json!(c.notes),
                json!(c.submitted_on.map(|d| d.to_string())),
            ];
            if pillars {
                values.push(json!(c.pillar.map(|p| p.as_str())));
            }
            rows.push(values);
        }
    }
    rows.reverse();
    let columns = if pillars {
        CONTACT_COLUMNS
    } else {
        &CONTACT_COLUMNS[..CONTACT_COLUMNS.len() - 1]
    };
    write_rows(out, format, columns, rows)
}

/// The program archive the Letter of Understanding allows: applications, attendance records and
/// exit forms, and nothing else.
pub fn export_archive(session: &Session, out: &mut dyn Write) -> Result<()> {
    session.require(Action::ExportArchive, Relation::Program)?;
    let id_of = |key: Option<i64>| -> Result<Option<String>> {
        Ok(match key {
            Some(key) => session.person(key)?.map(|p| p.id),
            None => None,
        })
    };
    let mut archive = Map::new();
    for form in crate::domain::forms::FORMS {
        let Some(section) = form.archive else { continue };
        let entries = archive.entry(section).or_insert_with(|| Value::Array(Vec::new()));
        for filed in session.program_forms(form.id)? {
            if filed.superseded {
                continue;
            }
            if let Value::Array(list) = entries {
                list.push(json!({
                    "form": form.id,
                    "title": form.title,
                    "filed": filed.submitted_at,
                    "author_id": id_of(Some(filed.author))?,
                    "about_id": id_of(filed.about)?,
                    "values": filed.values,
                }));
            }
        }
    }
    let mut attendance = Vec::new();
    for row in session.attendance(None, None)? {
        attendance.push(json!({
            "date": row.date.to_string(),
            "event": row.event,
            "person_id": id_of(Some(row.person))?,
            "status": row.status.as_str(),
        }));
    }
    archive.insert("attendance".into(), Value::Array(attendance));
    serde_json::to_writer_pretty(&mut *out, &Value::Object(archive))
        .map_err(|e| Error::Failed(format!("cannot write the archive: {e}")))?;
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_guard_table() {
        for (raw, want) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1 555", "'+1 555"),
            ("-2", "'-2"),
            ("@x", "'@x"),
            ("Ana", "Ana"),
            ("", ""),
        ] {
            assert_eq!(neutralize_formula(raw), want);
        }
    }
}
