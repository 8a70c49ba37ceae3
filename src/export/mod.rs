//! CSV and JSON exports, with the same columns as the imports, and iCalendar.

pub mod ics;
pub mod letters;

use crate::domain::YearMonth;
use crate::domain::contacts::ContactField;
use crate::domain::permissions::{Permission, Relation};
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
use crate::service::import::{ASSIGNMENT_COLUMNS, CONTACT_COLUMNS, PEOPLE_COLUMNS};
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

/// Writes `value` as pretty JSON and a newline, every string in it passed through
/// [`keep_lines`]: what every `--json` output and JSON export prints.
pub fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    fn clean(value: Value) -> Value {
        match value {
            Value::String(s) => Value::String(keep_lines(&s).into_owned()),
            Value::Array(items) => Value::Array(items.into_iter().map(clean).collect()),
            Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, clean(v))).collect()),
            other => other,
        }
    }
    let value = clean(serde_json::to_value(value).map_err(|e| failed(&e))?);
    let text = serde_json::to_string_pretty(&value).map_err(|e| failed(&e))?;
    writeln!(out, "{text}")?;
    Ok(())
}

fn failed(e: &dyn std::fmt::Display) -> Error {
    Error::Failed(format!("cannot write the export: {e}"))
}

/// One value of a row being written.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Text(&'a str),
    Number(i64),
    Empty,
}

impl<'a> From<Option<&'a str>> for Cell<'a> {
    fn from(text: Option<&'a str>) -> Self {
        text.map_or(Cell::Empty, Cell::Text)
    }
}

impl From<Option<i64>> for Cell<'_> {
    fn from(n: Option<i64>) -> Self {
        n.map_or(Cell::Empty, Cell::Number)
    }
}

/// Writes a table a row at a time, so an export of any size holds one row in memory.
pub struct RowWriter<'a> {
    format: Format,
    columns: &'a [&'a str],
    csv: Option<csv::Writer<&'a mut dyn Write>>,
    /// Buffered as the CSV writer buffers: stdout is line-buffered, and a JSON row is many lines.
    json: Option<std::io::BufWriter<&'a mut dyn Write>>,
    /// The columns in the order a JSON object prints its keys (sorted), as indices into a row.
    json_order: Vec<usize>,
    rows: usize,
}

impl<'a> RowWriter<'a> {
    pub fn new(out: &'a mut dyn Write, format: Format, columns: &'a [&'a str]) -> Result<Self> {
        let mut writer = RowWriter {
            format,
            columns,
            csv: None,
            json: None,
            json_order: Vec::new(),
            rows: 0,
        };
        match format {
            Format::Csv => {
                let mut csv = csv::Writer::from_writer(out);
                csv.write_record(columns).map_err(|e| failed(&e))?;
                writer.csv = Some(csv);
            }
            // The `[` waits for the first row or the end: a JSON export that fails before
            // either prints nothing.
            Format::Json => {
                writer.json = Some(std::io::BufWriter::with_capacity(1 << 16, out));
                writer.json_order = (0..columns.len()).collect();
                writer.json_order.sort_by_key(|&i| columns[i]);
            }
        }
        Ok(writer)
    }

    /// A row of borrowed values: what an export of a million rows writes, without copying them.
    pub fn cells(&mut self, row: &[Cell]) -> Result<()> {
        if let Some(csv) = &mut self.csv {
            self.rows += 1;
            for cell in row {
                let written = match cell {
                    Cell::Text(s) => csv.write_field(neutralize_formula(&keep_lines(s)).as_bytes()),
                    Cell::Number(n) => csv.write_field(n.to_string()),
                    Cell::Empty => csv.write_field(""),
                };
                written.map_err(|e| failed(&e))?;
            }
            return csv.write_record(None::<&[u8]>).map_err(|e| failed(&e));
        }
        let Some(out) = &mut self.json else {
            return Ok(());
        };
        self.rows += 1;
        // What `row` prints for the same values, written straight from the borrowed cells.
        out.write_all(if self.rows > 1 { b",\n  {" } else { b"[\n  {" })?;
        for (n, &i) in self.json_order.iter().enumerate() {
            out.write_all(if n > 0 { b",\n    " } else { b"\n    " })?;
            serde_json::to_writer(&mut *out, self.columns[i]).map_err(|e| failed(&e))?;
            out.write_all(b": ")?;
            match row.get(i).copied().unwrap_or(Cell::Empty) {
                Cell::Text(s) => serde_json::to_writer(&mut *out, &*keep_lines(s)).map_err(|e| failed(&e))?,
                Cell::Number(n) => write!(out, "{n}")?,
                Cell::Empty => out.write_all(b"null")?,
            }
        }
        out.write_all(b"\n  }")?;
        Ok(())
    }

    pub fn row(&mut self, row: Vec<Value>) -> Result<()> {
        self.rows += 1;
        if let Some(csv) = &mut self.csv {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match v {
                    Value::Null => String::new(),
                    Value::String(s) => neutralize_formula(&keep_lines(s)).into_owned(),
                    other => other.to_string(),
                })
                .collect();
            return csv.write_record(&cells).map_err(|e| failed(&e));
        }
        if let Some(out) = &mut self.json {
            let row = row.into_iter().map(|v| match v {
                Value::String(s) => Value::String(keep_lines(&s).into_owned()),
                other => other,
            });
            let map: Map<String, Value> = self.columns.iter().map(|c| c.to_string()).zip(row).collect();
            let text = serde_json::to_string_pretty(&Value::Object(map)).map_err(|e| failed(&e))?;
            // As the object would sit in a pretty-printed array: one level in.
            write!(
                out,
                "{}\n  {}",
                if self.rows > 1 { "," } else { "[" },
                text.replace('\n', "\n  ")
            )?;
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        match self.format {
            Format::Csv => {
                if let Some(mut csv) = self.csv {
                    csv.flush().map_err(|e| failed(&e))?;
                }
            }
            Format::Json => {
                if let Some(mut out) = self.json {
                    writeln!(out, "{}]", if self.rows > 0 { "\n" } else { "[" })?;
                    out.flush()?;
                }
            }
        }
        Ok(())
    }
}

pub fn write_rows(
    out: &mut dyn Write,
    format: Format,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> Result<()> {
    let mut writer = RowWriter::new(out, format, columns)?;
    for row in rows {
        writer.row(row)?;
    }
    writer.finish()
}

pub fn export_people(session: &Session, format: Format, out: &mut dyn Write) -> Result<()> {
    session.require(Permission::ExportPeople, Relation::Program)?;
    let mut students: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    let ids = session.names()?;
    let gids = session.people_gids()?;
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
                json!(if p.active { "yes" } else { "no" }),
                json!(gids.get(&p.key)),
            ]
        })
        .collect();
    write_rows(out, format, PEOPLE_COLUMNS, rows)
}

/// Every assignment, past and present, in the order they were made.
pub fn export_assignments(session: &Session, format: Format, out: &mut dyn Write) -> Result<()> {
    session.require(Permission::ExportPeople, Relation::Program)?;
    let mut writer = RowWriter::new(out, format, ASSIGNMENT_COLUMNS)?;
    session.each_assignment_record(&mut |a| {
        writer.cells(&[
            Cell::Text(&a.id),
            Cell::Text(&a.mentor_id),
            Cell::Text(&a.mentee_id),
            Cell::Text(&a.started_on),
            a.ended_on.as_deref().into(),
            a.end_reason.as_deref().into(),
            Cell::Number(a.version),
        ])
    })?;
    writer.finish()
}

/// Every contact the user may see (of `month`: oldest first; all: in the order they were
/// logged), written as it is read.
pub fn export_contacts(
    session: &Session,
    month: Option<YearMonth>,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    let filter = ContactFilter {
        month,
        ..Default::default()
    };
    // Interventions and pillars only where the program records them.
    let settings = &session.program.settings;
    let written = |column: &str| match column {
        "intervention" => ContactField::Intervention.recorded_by(settings),
        "pillar" => ContactField::Pillar.recorded_by(settings),
        _ => true,
    };
    let columns: Vec<&str> = CONTACT_COLUMNS.iter().copied().filter(|c| written(c)).collect();
    let mut writer = RowWriter::new(out, format, &columns)?;
    session.each_contact(&filter, &mut |c| {
        let row = [
            Cell::Text(c.id),
            Cell::Text(c.mentor_id),
            Cell::Text(c.person_id),
            Cell::Text(c.occurred_at),
            Cell::Text(c.method),
            Cell::Text(c.outcome),
            c.duration_min.into(),
            Cell::Text(c.notes),
            c.submitted_on.into(),
            Cell::Number(c.version),
            c.intervention.into(),
            c.pillar.into(),
        ];
        let row: Vec<Cell> = row
            .into_iter()
            .zip(CONTACT_COLUMNS)
            .filter(|(_, column)| written(column))
            .map(|(cell, _)| cell)
            .collect();
        writer.cells(&row)
    })?;
    writer.finish()
}

/// The program archive: the sections the program's `archive` setting keeps (by default the
/// Letter of Understanding's applications, attendance records and exit forms), nothing else.
pub fn export_archive(session: &Session, out: &mut dyn Write) -> Result<()> {
    session.require(Permission::ExportArchive, Relation::Program)?;
    let id_of = |key: Option<i64>| -> Result<Option<String>> {
        Ok(match key {
            Some(key) => session.person(key)?.map(|p| p.id),
            None => None,
        })
    };
    let keeps = &session.program.settings.archive;
    let kept = |section: &str| keeps.iter().any(|k| k == section);
    let mut archive = Map::new();
    for form in crate::domain::forms::FORMS {
        let Some(section) = form.archive.filter(|s| kept(s)) else {
            continue;
        };
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
    if kept("attendance") {
        let mut attendance = Vec::new();
        for row in session.attendance(None, None)? {
            attendance.push(json!({
                "date": row.date.to_string(),
                "event": row.event,
                "person_id": id_of(Some(row.person))?,
                "status": row.status.as_str(),
                "guests": row.guests,
            }));
        }
        archive.insert("attendance".into(), Value::Array(attendance));
    }
    write_json(out, &Value::Object(archive))
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

    /// The streamed JSON row prints what a `serde_json` object of the same values prints: keys
    /// sorted, strings escaped and cleaned, empty cells null.
    #[test]
    fn json_cells_print_as_a_pretty_object_would() {
        let columns = ["zeta", "alpha", "notes", "n", "gone"];
        let rows: [[Cell; 5]; 2] = [
            [
                Cell::Text("z"),
                Cell::Text("a \"quoted\" \\ é"),
                Cell::Text("line\nbreak\u{1b}[31m\ttab"),
                Cell::Number(-42),
                Cell::Empty,
            ],
            [
                Cell::Empty,
                Cell::Text(""),
                Cell::Text("x"),
                Cell::Number(7),
                Cell::Text("y"),
            ],
        ];
        let value = |c: &Cell| match c {
            Cell::Text(s) => Value::String(s.to_string()),
            Cell::Number(n) => Value::from(*n),
            Cell::Empty => Value::Null,
        };
        for count in 0..=rows.len() {
            let (mut streamed, mut built) = (Vec::new(), Vec::new());
            let mut writer = RowWriter::new(&mut streamed, Format::Json, &columns).unwrap();
            for row in &rows[..count] {
                writer.cells(row).unwrap();
            }
            writer.finish().unwrap();
            let mut writer = RowWriter::new(&mut built, Format::Json, &columns).unwrap();
            for row in &rows[..count] {
                writer.row(row.iter().map(value).collect()).unwrap();
            }
            writer.finish().unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(built).unwrap()
            );
        }
    }
}
