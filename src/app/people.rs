//! The people screen (coordinators): everyone in the program, active or not; add, edit, give
//! another role, deactivate and reactivate, a person's history, and the program's settings.

use super::action::Action;
use super::effects::{Effect, Load};
use super::form::{Field, Form};
use super::list::{Filtered, ListFilter};
use super::setting_fields;
use super::update::Update;
use super::{App, Choice, ChoiceAction, Confirm, Overlay};
use crate::domain::permissions::{Permission, Relation};
use crate::domain::records::{Editing, Person, PersonEntry, PersonFields};
use crate::domain::risk::LINES;
use crate::domain::settings::Settings;
use crate::domain::types::Role;
use crate::error::{Error, Result};
use crate::service::people::PersonHistory;

#[derive(Default)]
pub struct PeopleState {
    /// Everyone, in id order, as the filter looks through them.
    pub index: Vec<PersonEntry>,
    /// The keys of the people the filter matches, in id order: the list shown.
    pub shown: Vec<i64>,
    /// The whole records of the shown people around the selection, from `first` on.
    pub rows: Vec<Person>,
    pub first: usize,
    /// The filter typed after `/`, and the selection among the people it matches.
    pub filter: ListFilter,
}

impl PeopleState {
    /// Row `i` of the shown list, when its record is read.
    pub fn row(&self, i: usize) -> Option<&Person> {
        let key = *self.shown.get(i)?;
        self.rows.iter().find(|p| p.key == key)
    }

    pub fn selected(&self) -> Option<&Person> {
        self.row(self.filter.cursor().selected)
    }

    /// The key and name of the selected person, to follow them through a reload.
    fn selected_entry(&self) -> Option<(i64, String)> {
        let key = *self.shown.get(self.filter.cursor().selected)?;
        let entry = self.index.iter().find(|e| e.key == key)?;
        Some((key, entry.name.clone()))
    }

    /// The shown list again, after the index or the query changed.
    fn refilter(&mut self) {
        self.shown = self
            .filter
            .matching(&self.index, filter_label)
            .into_iter()
            .map(|i| self.index[i].key)
            .collect();
    }
}

/// What the filter looks through in a person's row.
fn filter_label(person: &PersonEntry) -> String {
    format!(
        "{} {} {} {}",
        person.name,
        person.id,
        person.login.as_deref().unwrap_or(""),
        person.role.as_str()
    )
}

/// What a field form on this screen saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldsFor {
    NewPerson,
    EditPerson(Editing),
    /// A setting, with its JSON when the form opened.
    Setting {
        key: &'static str,
        from: String,
    },
    /// The Check & Connect risk lines, one field each, with the `risk` setting's JSON when the
    /// form opened.
    RiskLines {
        from: String,
    },
    /// The months the recurring event at this place in the settings skips, with the `events`
    /// setting's JSON when the form opened.
    SkipMonths {
        event: usize,
        from: String,
    },
    /// Compensation for a mentor, added to the ledger.
    LedgerEntry,
    /// A running match's term extended.
    Extend {
        assignment: i64,
    },
}

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
    let people = &mut app.people;
    let first = people.filter.cursor().selected.saturating_sub(WINDOW / 2);
    let keys = &people.shown[first.min(people.shown.len())..(first + WINDOW).min(people.shown.len())];
    people.rows = app.session.people_by_keys(keys)?;
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

pub fn update(app: &mut App, action: Action) -> Update {
    if !app.session.may(Permission::ManagePeople, Relation::Program) {
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
            app.overlay = Some(Overlay::Choose(settings_choice(&app.session.program.settings)));
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

fn selected_update(app: &mut App, action: Action, person: Person) -> Update {
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

fn open_fields(app: &mut App, form: Form, purpose: FieldsFor) -> Update {
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
pub fn submitted(app: &App, form: &Form, purpose: &FieldsFor) -> Result<Effect> {
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
        FieldsFor::SkipMonths { event, from } => Effect::SetSkipMonths {
            event: *event,
            months: form.value("months skipped").to_string(),
            topic: form.value("topic").to_string(),
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
    for (i, event) in settings.events.iter().enumerate() {
        let label = crate::text::fit(&format!("event: {}", event.title), 26);
        let topic = if event.topic.is_empty() {
            String::new()
        } else {
            format!(" · topic: {}", event.topic)
        };
        let said = format!("skips {}{topic}", month_list(&event.skip_months));
        options.push((
            format!("{label:<26} {}", crate::text::fit(&said, 46)),
            skips_key(i),
        ));
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

/// How a settings choice names a recurring event's skipped months: this, then its place.
const SKIPS: &str = "skips:";

/// The settings choice's value for the months the recurring event at `event` skips.
pub fn skips_key(event: usize) -> String {
    format!("{SKIPS}{event}")
}

fn month_list(months: &[u32]) -> String {
    match months {
        [] => "none".into(),
        _ => crate::domain::schedule::month_names(months),
    }
}

/// The form that changes one setting (a field for each of its parts, with what it means), or the
/// months a recurring event skips.
pub fn setting_form(settings: &Settings, key: &str) -> Option<(Form, FieldsFor)> {
    if let Some(at) = key.strip_prefix(SKIPS) {
        let at: usize = at.parse().ok()?;
        let event = settings.events.get(at)?;
        let months = crate::domain::schedule::month_names(&event.skip_months);
        let form = Form::new(
            format!("Event {}", event.title),
            vec![
                Field::text("topic", &event.topic),
                Field::text("months skipped", months),
            ],
        )
        .with_note("The session's topic (blank: none); months skipped, like Dec, Jun (blank: none)");
        let from = serde_json::to_string(&settings.events).ok()?;
        return Some((form, FieldsFor::SkipMonths { event: at, from }));
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
