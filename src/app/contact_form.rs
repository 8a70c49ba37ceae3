//! The contact reporting form: who, when, how, how it went, and what support was given. Its
//! fields are declared here and run by the form engine (`app::form`).

use super::form::{self, Form, FormKey, Found, Step};
use super::paste::Pasted;
use crate::domain::contacts::{ContactField, Reach};
use crate::domain::records::{Contact, ContactInput, Editing};
use crate::domain::sanitize;
use crate::domain::types::{Intervention, Method, Outcome, Pillar, SupportWhen};
use crate::error::Result;
use crate::service::ContactCandidate;
use crate::service::Session;
use chrono::NaiveDate;
use crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Person,
    When,
    Method,
    Outcome,
    Duration,
    SupportWhen,
    SupportWhat,
    Notes,
    Intervention,
    Pillar,
    FollowUp,
}

impl Field {
    /// The form's field for a field of the contact record the domain names in its refusals
    /// (`Error::Invalid`): where its reason is shown.
    pub fn of_record(name: &str) -> Option<Field> {
        use crate::domain::contacts::ContactField as Record;
        [
            (Record::Mentor, Field::Person),
            (Record::Person, Field::Person),
            (Record::When, Field::When),
            (Record::Duration, Field::Duration),
            (Record::FollowUp, Field::FollowUp),
            (Record::Text, Field::Notes),
            (Record::SupportWhat, Field::SupportWhat),
            (Record::Intervention, Field::Intervention),
            (Record::Pillar, Field::Pillar),
        ]
        .into_iter()
        .find(|(record, _)| record.name() == name)
        .map(|(_, field)| field)
    }

    /// The field labelled `label`.
    pub fn of_label(label: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.label() == label)
    }

    pub const ALL: [Field; 11] = [
        Field::Person,
        Field::When,
        Field::Method,
        Field::Outcome,
        Field::Duration,
        Field::SupportWhen,
        Field::SupportWhat,
        Field::Notes,
        Field::Intervention,
        Field::Pillar,
        Field::FollowUp,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Person => "Person",
            Field::When => "Date & time",
            Field::Method => "Method",
            Field::Outcome => "Outcome",
            Field::Duration => "Minutes",
            Field::SupportWhen => "When given",
            Field::SupportWhat => "Support given",
            Field::Notes => "Notes",
            Field::Intervention => "Intervention",
            Field::Pillar => "Pillar served",
            Field::FollowUp => "Follow up on",
        }
    }
}

/// Someone a contact can be logged with: an active pair the user may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub mentor: i64,
    pub person: i64,
    /// The person's id, as files and forms name them.
    pub person_id: String,
    pub label: String,
}

pub enum FormStep {
    Continue(bool),
    Save(ContactInput),
    Cancel,
}

/// A contact being logged or edited: a form of the form engine, and what it is for.
pub struct ContactForm {
    pub form: Form,
    pub editing: Option<Editing>,
    /// Names this form's draft file: `new-<when it was opened>` or `edit-<contact key>`.
    pub draft_id: String,
    submitted_on: Option<NaiveDate>,
    /// Stamps the draft's save time.
    pub(super) clock: crate::clock::Clock,
}

/// How many matches the person field shows and reads as the user types.
pub const MATCHES_SHOWN: usize = 4;

fn candidate(whole_program: bool, c: ContactCandidate) -> Candidate {
    let label = match c.reach {
        _ if whole_program => format!("{} (mentor {})", c.person.name, c.mentor.name),
        Reach::Caseload => format!("{} · {}", c.person.name, c.person.affiliation()),
        Reach::Support => format!("{} · {}", c.person.name, c.person.role.label()),
        Reach::OffCaseload | Reach::Colleague => {
            format!("{} · not on your caseload", c.person.name)
        }
    };
    Candidate {
        mentor: c.mentor.key,
        person: c.person.key,
        person_id: c.person.id,
        label: sanitize::line(&label).into_owned(),
    }
}

/// Everyone the user may log contacts or schedule meetings with whose name holds every word of
/// `query`, at most `limit`.
pub fn search(session: &Session, query: &str, limit: usize) -> Result<Vec<Candidate>> {
    let whole_program = session.sees_whole_program();
    Ok(session
        .contact_candidates(query, limit)?
        .into_iter()
        .map(|c| candidate(whole_program, c))
        .collect())
}

/// Every pair the user may log contacts or schedule meetings with.
pub fn candidates(session: &Session) -> Result<Vec<Candidate>> {
    search(session, "", usize::MAX)
}

/// What the notes show while blank.
const NOTES_HINT: &str = "What did you talk about? What comes next?";

/// The words an optional choice shows when it is empty.
pub const NOT_GIVEN: &str = "not given";
pub const NO_INTERVENTION: &str = "none";
pub const NO_PILLAR: &str = "not recorded";

/// The labels of a choice field's values.
fn labels<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| label(*v).to_string()).collect()
}

/// The labels of an optional choice: `none` first, then every value's.
fn optional_labels<T: Copy>(none: &str, all: &[T], label: impl Fn(T) -> &'static str) -> Vec<String> {
    std::iter::once(none.to_string())
        .chain(labels(all, label))
        .collect()
}

/// The value a choice's label names (`None` for the empty choice's words).
fn labelled<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str, shown: &str) -> Option<T> {
    all.iter().copied().find(|v| label(*v) == shown)
}

/// The key a search match holds for a pair: the mentor's and the person's keys.
fn pair_key(mentor: i64, person: i64) -> String {
    format!("{mentor}:{person}")
}

fn found(c: &Candidate) -> Found {
    Found {
        key: pair_key(c.mentor, c.person),
        label: c.label.clone(),
    }
}

impl ContactForm {
    /// A new contact, for `pair` (mentor, person) when known, dated now. It opens on the
    /// first field without a default, so that what the user types from the first key is
    /// kept: the person, or once known the notes (date, method and outcome start as now,
    /// phone and conversation).
    pub fn new(session: &Session, pair: Option<(i64, i64)>) -> Result<ContactForm> {
        let whole_program = session.sees_whole_program();
        let chosen = match pair {
            Some((m, p)) => session
                .contact_candidate(m, p)?
                .map(|c| candidate(whole_program, c)),
            None => None,
        };
        let settings = &session.program.settings;
        let matches = search(session, "", MATCHES_SHOWN)?.iter().map(found).collect();
        let now = session.now().format("%Y-%m-%d %H:%M").to_string();
        let mut form = Form::new(
            "Log a contact",
            vec![
                form::Field::search(Field::Person.label(), matches, Some(Field::Notes.label()))
                    .hint("type to search"),
                form::Field::text(Field::When.label(), now).suggested(),
                form::Field::choice(
                    Field::Method.label(),
                    labels(Method::ALL, Method::label),
                    Method::Phone.label(),
                ),
                form::Field::choice(
                    Field::Outcome.label(),
                    labels(Outcome::ALL, Outcome::label),
                    Outcome::Conversation.label(),
                ),
                form::Field::text(Field::Duration.label(), ""),
                form::Field::choice(
                    Field::SupportWhen.label(),
                    optional_labels(NOT_GIVEN, SupportWhen::ALL, SupportWhen::label),
                    NOT_GIVEN,
                ),
                form::Field::text(Field::SupportWhat.label(), ""),
                form::Field::lines(Field::Notes.label(), "", 4, NOTES_HINT),
                form::Field::choice(
                    Field::Intervention.label(),
                    optional_labels(NO_INTERVENTION, Intervention::ALL, Intervention::label),
                    NO_INTERVENTION,
                )
                .hidden(!ContactField::Intervention.recorded_by(settings)),
                form::Field::choice(
                    Field::Pillar.label(),
                    optional_labels(NO_PILLAR, Pillar::ALL, Pillar::label),
                    NO_PILLAR,
                )
                .hidden(!ContactField::Pillar.recorded_by(settings)),
                form::Field::date(Field::FollowUp.label(), "").hint("YYYY-MM-DD (optional)"),
            ],
        )
        .compact();
        if let Some(chosen) = &chosen {
            form.choose(Field::Person.label(), found(chosen));
            form.focus_on_key(Field::Notes.label());
        }
        Ok(ContactForm {
            form,
            editing: None,
            draft_id: format!("new-{}", chrono::Local::now().format("%Y%m%d%H%M%S%3f")),
            submitted_on: None,
            clock: session.clock(),
        })
    }

    /// The form filled with an existing contact, for editing.
    pub fn edit(session: &Session, contact: &Contact, person_name: &str) -> Result<ContactForm> {
        let c = &contact.input;
        let mut form = ContactForm::new(session, Some((c.mentor, c.person)))?;
        if form.chosen().is_none() {
            // The pair has ended since; the contact still belongs to it.
            let label = sanitize::line(person_name).into_owned();
            form.form.choose(
                Field::Person.label(),
                Found {
                    key: pair_key(c.mentor, c.person),
                    label,
                },
            );
        }
        form.editing = Some(Editing {
            key: contact.key,
            version: contact.version,
        });
        form.form.title = "Edit contact".into();
        form.draft_id = format!("edit-{}", contact.key);
        form.submitted_on = c.submitted_on;
        form.put(&Values {
            when: c.occurred_at.format("%Y-%m-%d %H:%M").to_string(),
            method: c.method,
            outcome: c.outcome,
            duration: c.duration_min.map(|d| d.to_string()).unwrap_or_default(),
            support_when: c.support_when,
            support_what: c.support_what.clone(),
            notes: c.notes.clone(),
            follow_up: c.follow_up_on.map(|d| d.to_string()).unwrap_or_default(),
            intervention: c.intervention,
            pillar: c.pillar,
        });
        form.form.focus_on_key(Field::Notes.label());
        Ok(form)
    }

    /// Fills the fields with a contact's values (a stored one, or a draft's).
    pub(super) fn put(&mut self, v: &Values) {
        let form = &mut self.form;
        form.restore(Field::When.label(), &v.when);
        form.restore(Field::Method.label(), v.method.label());
        form.restore(Field::Outcome.label(), v.outcome.label());
        form.restore(Field::Duration.label(), &v.duration);
        form.restore(
            Field::SupportWhen.label(),
            v.support_when.map_or(NOT_GIVEN, SupportWhen::label),
        );
        form.restore(Field::SupportWhat.label(), &v.support_what);
        form.restore(Field::Notes.label(), &v.notes);
        form.restore(Field::FollowUp.label(), &v.follow_up);
        form.restore(
            Field::Intervention.label(),
            v.intervention.map_or(NO_INTERVENTION, Intervention::label),
        );
        form.restore(Field::Pillar.label(), v.pillar.map_or(NO_PILLAR, Pillar::label));
    }

    /// The fields' values as typed and chosen.
    pub(super) fn values(&self) -> Values {
        let form = &self.form;
        let raw = |field: Field| {
            form.field(field.label())
                .map_or(String::new(), |f| f.value.clone())
        };
        let value = |field: Field| form.value(field.label());
        Values {
            when: raw(Field::When),
            method: labelled(Method::ALL, Method::label, value(Field::Method)).unwrap_or(Method::Phone),
            outcome: labelled(Outcome::ALL, Outcome::label, value(Field::Outcome))
                .unwrap_or(Outcome::Conversation),
            duration: raw(Field::Duration),
            support_when: labelled(SupportWhen::ALL, SupportWhen::label, value(Field::SupportWhen)),
            support_what: raw(Field::SupportWhat),
            notes: raw(Field::Notes),
            follow_up: raw(Field::FollowUp),
            intervention: labelled(Intervention::ALL, Intervention::label, value(Field::Intervention)),
            pillar: labelled(Pillar::ALL, Pillar::label, value(Field::Pillar)),
        }
    }

    /// The pair (mentor, person) picked, and how it reads.
    fn chosen(&self) -> Option<(i64, i64, &str)> {
        let found = self
            .form
            .field(Field::Person.label())?
            .search_state()?
            .chosen
            .as_ref()?;
        let (mentor, person) = found.key.split_once(':')?;
        Some((mentor.parse().ok()?, person.parse().ok()?, found.label.as_str()))
    }

    /// The pair (mentor, person) picked.
    pub fn pair(&self) -> Option<(i64, i64)> {
        self.chosen().map(|(m, p, _)| (m, p))
    }

    pub fn person_label(&self) -> String {
        self.chosen()
            .map(|(_, _, label)| label.to_string())
            .unwrap_or_default()
    }

    /// The people whose name holds every word of the query, as last read.
    pub fn matches(&self) -> &[Found] {
        self.form
            .field(Field::Person.label())
            .and_then(|f| f.search_state())
            .map_or(&[], |s| s.matches.as_slice())
    }

    /// Whether the query changed since the matches were read.
    pub fn matches_stale(&self) -> bool {
        self.form.wants_matches().is_some()
    }

    /// Reads the matches of the current query.
    pub fn refresh_matches(&mut self, session: &Session) -> Result<()> {
        let Some(query) = self.form.wants_matches().map(str::to_string) else {
            return Ok(());
        };
        let matches = search(session, &query, MATCHES_SHOWN)?
            .iter()
            .map(found)
            .collect();
        self.form.found(Field::Person.label(), &query, matches);
        Ok(())
    }

    /// The field the focus is on.
    pub fn focus(&self) -> Option<Field> {
        self.form.focused().and_then(|f| Field::of_label(f.label))
    }

    pub fn error_for(&self, field: Field) -> Option<&str> {
        self.form.error_for(field.label())
    }

    /// The fields this program's form shows, in order.
    pub fn fields(&self) -> Vec<Field> {
        self.form
            .shown()
            .filter_map(|(_, f)| Field::of_label(f.label))
            .collect()
    }

    /// Reads every field as typed; on success returns what to save. Only what text cannot be
    /// read as (a date, a number) is said here: whether the contact itself is valid (not in
    /// the future, a follow-up after it, a length in reason) is the domain's to say, and the
    /// service's refusal is shown at its field ([`ContactForm::refused`]).
    pub fn validate(&mut self) -> Option<ContactInput> {
        let v = self.values();
        let mut errors = Vec::new();
        let pair = self.pair();
        if pair.is_none() {
            errors.push((Field::Person.label(), "pick who the contact was with".to_string()));
        }
        let occurred_at = crate::domain::dates::parse_date_time(&v.when)
            .map_err(|e| errors.push((Field::When.label(), e)))
            .ok();
        let duration = match v.duration.trim() {
            "" => None,
            text => text
                .parse::<u32>()
                .map_err(|_| errors.push((Field::Duration.label(), "a whole number of minutes".into())))
                .ok(),
        };
        let follow_up_on = match v.follow_up.trim() {
            "" => None,
            text => crate::domain::dates::parse_date(text)
                .map_err(|e| errors.push((Field::FollowUp.label(), e)))
                .ok(),
        };
        let refused = !errors.is_empty();
        self.form.refuse_all(errors);
        if refused {
            return None;
        }
        let (mentor, person) = pair?;
        let shown = |field: Field| self.form.field(field.label()).is_some_and(|f| !f.hidden);
        Some(ContactInput {
            mentor,
            person,
            occurred_at: occurred_at?,
            method: v.method,
            outcome: v.outcome,
            duration_min: duration,
            support_when: v.support_when,
            support_what: v.support_what.trim().to_string(),
            notes: v.notes.trim_end().to_string(),
            follow_up_on,
            submitted_on: self.submitted_on,
            intervention: v.intervention.filter(|_| shown(Field::Intervention)),
            pillar: v.pillar.filter(|_| shown(Field::Pillar)),
        })
    }

    /// The service refused to save the contact: a refusal about one of its fields is shown at
    /// that field, which takes the focus (`true`); any other is not the form's to show.
    pub fn refused(&mut self, err: &crate::error::Error) -> bool {
        let crate::error::Error::Invalid { field, reason } = err else {
            return false;
        };
        let Some(field) = Field::of_record(field) else {
            return false;
        };
        self.form.refuse_all(vec![(field.label(), reason.clone())]);
        true
    }

    /// Text pasted into the focused field: the notes take it whole, a one-line field on one
    /// line, a choice nothing.
    pub fn paste(&mut self, text: &str) -> Pasted {
        self.form.paste(text)
    }

    /// A key the key map names for every form.
    pub fn act(&mut self, key: FormKey) -> FormStep {
        let step = self.form.act(key);
        self.step(step)
    }

    /// Any other key: the focused field's.
    pub fn input(&mut self, key: KeyEvent) -> FormStep {
        let step = self.form.input(key);
        self.step(step)
    }

    fn step(&mut self, step: Step) -> FormStep {
        match step {
            Step::Continue(changed) => FormStep::Continue(changed),
            Step::Cancel => FormStep::Cancel,
            Step::Submit => match self.validate() {
                Some(input) => FormStep::Save(input),
                None => FormStep::Continue(true),
            },
        }
    }
}

/// A contact's values as the form holds them, typed text as typed.
pub(super) struct Values {
    pub when: String,
    pub method: Method,
    pub outcome: Outcome,
    pub duration: String,
    pub support_when: Option<SupportWhen>,
    pub support_what: String,
    pub notes: String,
    pub follow_up: String,
    pub intervention: Option<Intervention>,
    pub pillar: Option<Pillar>,
}
