//! The people screen (coordinators): everyone in the program, active or not; add, edit, give
//! another role, deactivate and reactivate, a person's history, and the program's settings.

mod state;
pub use state::PeopleState;

use super::action::Action;
use super::effects::{Effect, Load};
pub use super::field_drafts::FieldsFor;
use super::form::{Field, Form};
use super::list::Filtered;
use super::setting_fields;
use super::update::Update;
use super::{App, Choice, ChoiceAction, Confirm, Overlay, State};
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::{Person, PersonFields};
use crate::domain::risk::LINES;
use crate::domain::settings::Settings;
use crate::domain::types::Role;
use crate::error::{Error, Result};
use crate::service::people::PersonHistory;

/// Whole records read around the selection; more than any screen shows, so a move within them
/// reads nothing.
const WINDOW: usize = 240;
const MARGIN: usize = 60;

pub fn load(app: &mut App) -> Result<()> {
    if !app.session.may(Permission::ManagePeople, Relation::Program) {
        app.people = PeopleState {
            filter: std::mem::take(&mut app.people.filter),
            ..PeopleState::default()
        };
        return Ok(());
    }
    let before = app.people.selected_entry();
    app.people.index = app.session.people_index()?;
    let people = &mut app.people;
    people.refilter();
    let gone = people.filter.picker.cursor.follow(before, &people.shown);
    app.lost_selection(gone);
    load_window(app)
}

fn load_window(app: &mut App) -> Result<()> {
    let (state, session) = app.split();
    let people = &mut state.people;
    let first = people.filter.cursor().selected.saturating_sub(WINDOW / 2);
    let keys = &people.shown[first.min(people.shown.len())..(first + WINDOW).min(people.shown.len())];
    people.rows = session.people_by_keys(keys)?;
    people.first = first;
    Ok(())
}

/// Reads the records around the selection when it comes near the edge of what is read.
pub fn load_window_if_needed(app: &mut App) {
    let people = &app.people;
    let (first, loaded, len) = (people.first, people.rows.len(), people.shown.len());
    let selected = people.filter.cursor().selected;
    let low = if first == 0 { 0 } else { first + MARGIN };
    let high = if first + loaded >= len {
        len
    } else {
        first + loaded - MARGIN.min(loaded)
    };
    if (low..high).contains(&selected) {
        return;
    }
    if let Err(err) = load_window(app) {
        app.error(err.to_string());
    }
}

pub fn update(app: &mut State, action: Action) -> Update {
    if !app.context.may(Permission::ManagePeople, Relation::Program) {
        return Update::unchanged();
    }
    let shown = app.people.shown.len();
    if let Filtered::Taken {
        changed,
        query_changed,
    } = app.people.filter.update(action, shown)
    {
        if query_changed {
            app.people.refilter();
            app.people.rows.clear();
        }
        return Update::from(changed).and(Effect::Load(Load::PeopleWindow));
    }
    match action {
        Action::AddPerson => open_fields(app, person_form(None), FieldsFor::NewPerson),
        Action::OpenSettings => {
            app.overlay = Some(Overlay::Choose(settings_choice(&app.context.program.settings)));
            Update::redraw()
        }
        _ => {
            let Some(person) = app.people.selected().cloned() else {
                return Update::unchanged();
            };
            selected_update(app, action, person)
        }
    }
}

fn selected_update(app: &mut State, action: Action, person: Person) -> Update {
    match action {
        Action::Open => Update::load(Load::PersonHistory(person.key)),
        Action::Edit => {
            let editing = person.editing();
            open_fields(app, person_form(Some(&person)), FieldsFor::EditPerson(editing))
        }
        Action::ChangeRole => {
            let options = Role::ALL
                .iter()
                .filter(|r| **r != person.role)
                .map(|r| (r.as_str().to_string(), r.as_str().to_string()))
                .collect();
            app.overlay = Some(Overlay::Choose(Choice {
                title: format!("New role for {}", person.name),
                options,
                picker: Default::default(),
                action: ChoiceAction::RoleFor {
                    person: person.editing(),
                },
            }));
            Update::redraw()
        }
        Action::ToggleActive => {
            let question = if person.active {
                format!(
                    "Deactivate {}? Their open assignments end today; they leave caseloads and pickers; their records stay.",
                    person.name
                )
            } else {
                format!(
                    "Reactivate {}? They come back to the lists (not to their old assignments).",
                    person.name
                )
            };
            app.overlay = Some(Overlay::Confirm {
                question,
                action: Confirm::SetActive {
                    person: person.editing(),
                    active: !person.active,
                },
            });
            Update::redraw()
        }
        _ => Update::unchanged(),
    }
}

fn open_fields(app: &mut State, form: Form, purpose: FieldsFor) -> Update {
    app.overlay = Some(Overlay::Fields(Box::new((form, purpose))));
    Update::redraw()
}

/// The form for a new person, or for editing one (whose id and role it shows fixed: a role
/// changes with its own confirmation).
pub fn person_form(person: Option<&Person>) -> Form {
    let fields = person.map(|p| p.fields.clone()).unwrap_or_default();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let (id, role) = match person {
        Some(p) => (Field::fixed("id", &p.id), Field::fixed("role", p.role.as_str())),
        None => (
            Field::text("id", ""),
            Field::choice(
                "role",
                Role::ALL.iter().map(|r| r.as_str().to_string()).collect(),
                Role::Mentor.as_str(),
            ),
        ),
    };
    let title = match person {
        Some(p) => format!("Edit {}", p.name),
        None => "Add a person".into(),
    };
    Form::new(
        title,
        vec![
            id,
            Field::text("name", person.map(|p| p.name.clone()).unwrap_or_default()),
            role,
            Field::text("login", text(&fields.login)),
            Field::text("email", text(&fields.email)),
            Field::text("phone", text(&fields.phone)),
            Field::text("organization", text(&fields.organization)),
            Field::text("position", text(&fields.position)),
            Field::text("location", text(&fields.location)),
        ],
    )
}

/// A person's details from the form, over what was stored (fields the form does not show keep
/// their values).
pub fn form_fields(form: &Form, stored: &PersonFields) -> PersonFields {
    PersonFields {
        login: form.optional("login"),
        email: form.optional("email"),
        phone: form.optional("phone"),
        organization: form.optional("organization"),
        position: form.optional("position"),
        location: form.optional("location"),
        ..stored.clone()
    }
}

/// What the filled-in field form asks to save.
pub fn submitted(app: &State, form: &Form, purpose: &FieldsFor) -> Result<Effect> {
    Ok(match purpose {
        FieldsFor::NewPerson => Effect::SavePerson {
            editing: None,
            id: form.value("id").to_string(),
            name: form.value("name").to_string(),
            role: Role::from_word(form.value("role")).map_err(Error::Input)?,
            fields: Box::new(form_fields(form, &PersonFields::default())),
        },
        FieldsFor::EditPerson(editing) => {
            let stored = app
                .people
                .rows
                .iter()
                .find(|p| p.key == editing.key)
                .map(|p| p.fields.clone())
                .unwrap_or_default();
            Effect::SavePerson {
                editing: Some(*editing),
                id: form.value("id").to_string(),
                name: form.value("name").to_string(),
                role: Role::from_word(form.value("role")).map_err(Error::Input)?,
                fields: Box::new(form_fields(form, &stored)),
            }
        }
        FieldsFor::Setting { key, from } => {
            let def =
                setting_fields::find(key).ok_or_else(|| Error::Input(format!("'{key}' is not a setting")))?;
            Effect::SetSetting {
                key,
                json: setting_fields::value(def, form)
                    .map_err(Error::Input)?
                    .to_string(),
                from: from.clone(),
            }
        }
        FieldsFor::Row { key, at, from } => Effect::SetSettingRow {
            key,
            at: *at,
            row: setting_fields::row_value(key, form)
                .map_err(Error::Input)?
                .map(|row| row.to_string()),
            from: from.clone(),
        },
        FieldsFor::Extend { assignment } => Effect::ExtendAssignment {
            assignment: *assignment,
            until: crate::domain::dates::parse_date(form.value("extend to")).map_err(Error::Input)?,
            reason: form.value("reason").to_string(),
        },
        FieldsFor::LedgerEntry => Effect::AddLedgerEntry {
            // The choice reads "M01 Ana Lindqvist": the id comes first.
            mentor: form.value("mentor").split(' ').next().unwrap_or("").to_string(),
            kind: form.value("kind").to_string(),
            amount: form.value("amount").to_string(),
            on: crate::domain::dates::parse_date(form.value("date")).map_err(Error::Input)?,
            note: form.value("note").to_string(),
        },
        FieldsFor::RiskLines { from } => Effect::SetRiskLines {
            lines: LINES
                .iter()
                .map(|(name, _)| (name.to_string(), form.value(name).to_string()))
                .collect(),
            from: from.clone(),
        },
    })
}

/// The settings, each with its present value, to pick one to change.
fn settings_choice(settings: &Settings) -> Choice {
    let all = serde_json::to_value(settings).unwrap_or_default();
    let mut options: Vec<(String, String)> = setting_fields::SETTINGS
        .iter()
        .map(|def| {
            let value = all
                .get(def.key)
                .map(|v| setting_fields::summary(def, v))
                .unwrap_or_default();
            (
                format!("{:<26} {}", def.key, crate::text::fit(&value, 46)),
                def.key.to_string(),
            )
        })
        .collect();
    if let Some(risk) = &settings.risk {
        let label = risk.source().trim_start_matches("risk lines: ");
        options.push((
            format!("{RISK:<26} {}", crate::text::fit(label, 46)),
            RISK.to_string(),
        ));
    }
    for def in setting_fields::ROWS {
        let rows = all
            .get(def.key)
            .and_then(|v| v.as_array())
            .cloned()
            .unwrap_or_default();
        for (i, row) in rows.iter().enumerate() {
            let (name, said) = setting_fields::row_summary(def.key, row);
            let label = crate::text::fit(&format!("{}: {name}", def.noun), 26);
            options.push((
                format!("{label:<26} {}", crate::text::fit(&said, 46)),
                row_key(def.key, Some(i)),
            ));
        }
        options.push((format!("{}: add one", def.noun), row_key(def.key, None)));
    }
    Choice {
        title: "Program settings: Enter changes one".into(),
        options,
        picker: Default::default(),
        action: ChoiceAction::EditSetting,
    }
}

/// The settings choice's value for the Check & Connect risk lines.
pub const RISK: &str = "risk lines";

/// How a settings choice names a row of a list of records: this, the list, then the row's
/// place or `new`.
const ROW: &str = "row:";

/// The settings choice's value for the row at `at` of the list `key` (`None`: a new row).
pub fn row_key(key: &str, at: Option<usize>) -> String {
    match at {
        Some(at) => format!("{ROW}{key}:{at}"),
        None => format!("{ROW}{key}:new"),
    }
}

/// The form that changes one setting (a field for each of its parts, with what it means), or a
/// row of a list of records.
pub fn setting_form(settings: &Settings, key: &str) -> Option<(Form, FieldsFor)> {
    if let Some(row) = key.strip_prefix(ROW) {
        let (list, at) = row.rsplit_once(':')?;
        let def = setting_fields::find_rows(list)?;
        let at = match at {
            "new" => None,
            at => Some(at.parse().ok()?),
        };
        let all = serde_json::to_value(settings).ok()?;
        let form = setting_fields::row_form(&all, def.key, at)?;
        let from = all.get(def.key)?.to_string();
        return Some((
            form,
            FieldsFor::Row {
                key: def.key,
                at,
                from,
            },
        ));
    }
    if key == RISK {
        let risk = settings.risk.as_ref()?;
        let fields = LINES
            .iter()
            .map(|(name, _)| Field::text(name, risk.get(name).unwrap_or_default().to_string()))
            .collect();
        let meanings: Vec<String> = LINES
            .iter()
            .map(|(name, meaning)| format!("{name}: {meaning}"))
            .collect();
        let form = Form::new("Check & Connect risk lines", fields).with_note(format!(
            "The Check & Connect model's lines, not the seed's. A student is high risk at or over any. {}",
            meanings.join("; ")
        ));
        let from = serde_json::to_string(risk).ok()?;
        return Some((form, FieldsFor::RiskLines { from }));
    }
    let all = serde_json::to_value(settings).ok()?;
    let (form, def) = setting_fields::form(&all, key)?;
    let from = all.get(def.key)?.to_string();
    Some((form, FieldsFor::Setting { key: def.key, from }))
}

/// A person's history as the lines of a read-only pop-up.
pub fn history_lines(history: &PersonHistory) -> Vec<String> {
    let p = &history.person;
    let state = if p.active { "active" } else { "deactivated" };
    let mut lines = vec![format!("{} ({}) · {} · {state}", p.name, p.id, p.role)];
    lines.push(format!("Assignments ({}):", history.assignments.len()));
    for (a, other) in &history.assignments {
        let side = if a.mentee == p.key { "mentor" } else { "mentee" };
        let span = match (&a.ended_on, &a.end_reason) {
            (Some(on), Some(reason)) => format!("{}–{on} {other} ({side}), {}", a.started_on, reason.label()),
            _ => format!("{}– {other} ({side}), open", a.started_on),
        };
        lines.push(format!("  {span}"));
    }
    lines.push(format!("Contacts ({}):", history.contacts.len()));
    for row in history.contacts.iter().take(8) {
        let c = &row.contact.input;
        lines.push(format!(
            "  {} {} → {}: {}",
            c.occurred_at.format("%Y-%m-%d"),
            row.mentor_name,
            row.person_name,
            c.outcome.label()
        ));
    }
    lines.push(format!("Changes ({}):", history.audit.len()));
    for entry in history.audit.iter().take(8) {
        lines.push(format!(
            "  {} {}: {}",
            entry.entry.at.replace('T', " "),
            entry.who,
            entry.what
        ));
    }
    lines
}
