//! The contact reporting form: who, when, how, how it went, and what support was given.

use super::form::{self, FormKey};
use super::paste::{self, Pasted};
use crate::domain::contacts::{ContactField, Reach};
use crate::domain::records::{Contact, ContactInput, Editing};
use crate::domain::sanitize;
use crate::domain::types::{Intervention, Method, Outcome, Pillar, SupportWhen};
use crate::error::Result;
use crate::service::ContactCandidate;
use crate::service::Session;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

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

pub struct ContactForm {
    pub editing: Option<Editing>,
    /// The first people matching `matches_for`, read from the store as the query changes.
    matches: Vec<Candidate>,
    matches_for: String,
    pub query: String,
    /// Index into the candidates matching `query`.
    pub pick: usize,
    pub chosen: Option<Candidate>,
    pub when: String,
    pub method: Method,
    pub outcome: Outcome,
    pub duration: String,
    pub support_when: Option<SupportWhen>,
    pub support_what: String,
    pub notes: TextArea<'static>,
    pub follow_up: String,
    /// Check & Connect: basic or intensive.
    pub intervention: Option<Intervention>,
    /// AFSCME: Invest, Bridge the Gap or Share Power.
    pub pillar: Option<Pillar>,
    /// Whether the program records interventions, and so shows the field.
    interventions: bool,
    /// Whether the program records pillars, and so shows the field.
    pillars: bool,
    pub focus: Field,
    pub errors: Vec<(Field, String)>,
    pub dirty: bool,
    /// Names this form's draft file: `new-<when it was opened>` or `edit-<contact key>`.
    pub draft_id: String,
    /// Esc was pressed on a changed form: the next Esc discards, anything else keeps editing.
    pub confirm_discard: bool,
    /// Why the last key did nothing, shown in the footer until the next key.
    pub notice: Option<String>,
    /// The focused text field's value is selected: typing replaces it.
    pub selected: bool,
    /// The word typed so far on the focused choice field.
    word: String,
    /// The date and time are still the suggested now, selected when the focus lands on them.
    pub(super) when_suggested: bool,
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

/// The multi-line notes editor, holding `text`.
pub fn notes_area(text: &str) -> TextArea<'static> {
    let mut notes = TextArea::new(text.lines().map(str::to_string).collect());
    notes.set_placeholder_text("What did you talk about? What comes next?");
    notes
}

/// The field a form opens on, and goes to once the person is picked: the first one without a
/// default, so that what the user types from the first key is kept. Date, method and outcome
/// start as now, phone and conversation.
fn first_needed(person_chosen: bool) -> Field {
    if person_chosen {
        Field::Notes
    } else {
        Field::Person
    }
}

/// The words an optional choice shows when it is empty.
pub const NOT_GIVEN: &str = "not given";
pub const NO_INTERVENTION: &str = "none";
pub const NO_PILLAR: &str = "not recorded";

/// `None`, then every value: the choices of an optional field.
fn optional<T: Copy>(all: &[T]) -> Vec<Option<T>> {
    std::iter::once(None)
        .chain(all.iter().copied().map(Some))
        .collect()
}

fn cycle<T: Copy + PartialEq>(all: &[T], current: T, forward: bool) -> T {
    let i = all.iter().position(|v| *v == current).unwrap_or(0);
    let n = all.len();
    all[if forward { (i + 1) % n } else { (i + n - 1) % n }]
}

impl ContactForm {
    /// A new contact, for `pair` (mentor, person) when known, dated now.
    pub fn new(session: &Session, pair: Option<(i64, i64)>) -> Result<ContactForm> {
        let whole_program = session.sees_whole_program();
        let chosen = match pair {
            Some((m, p)) => session
                .contact_candidate(m, p)?
                .map(|c| candidate(whole_program, c)),
            None => None,
        };
        let now = session.now();
        let notes = notes_area("");
        Ok(ContactForm {
            editing: None,
            focus: first_needed(chosen.is_some()),
            matches: search(session, "", MATCHES_SHOWN)?,
            matches_for: String::new(),
            query: String::new(),
            pick: 0,
            chosen,
            when: now.format("%Y-%m-%d %H:%M").to_string(),
            method: Method::Phone,
            outcome: Outcome::Conversation,
            duration: String::new(),
            support_when: None,
            support_what: String::new(),
            notes,
            follow_up: String::new(),
            intervention: None,
            pillar: None,
            interventions: ContactField::Intervention.recorded_by(&session.program.settings),
            pillars: ContactField::Pillar.recorded_by(&session.program.settings),
            errors: Vec::new(),
            dirty: false,
            confirm_discard: false,
            draft_id: format!("new-{}", chrono::Local::now().format("%Y%m%d%H%M%S%3f")),
            notice: None,
            selected: false,
            word: String::new(),
            when_suggested: true,
            submitted_on: None,
            clock: session.clock(),
        })
    }

    /// The form filled with an existing contact, for editing.
    pub fn edit(session: &Session, contact: &Contact, person_name: &str) -> Result<ContactForm> {
        let c = &contact.input;
        let mut form = ContactForm::new(session, Some((c.mentor, c.person)))?;
        if form.chosen.is_none() {
            // The pair has ended since; the contact still belongs to it.
            form.chosen = Some(Candidate {
                mentor: c.mentor,
                person: c.person,
                person_id: session.person(c.person)?.map(|p| p.id).unwrap_or_default(),
                label: sanitize::line(person_name).into_owned(),
            });
        }
        form.editing = Some(Editing {
            key: contact.key,
            version: contact.version,
        });
        form.draft_id = format!("edit-{}", contact.key);
        form.when = c.occurred_at.format("%Y-%m-%d %H:%M").to_string();
        form.when_suggested = false;
        form.method = c.method;
        form.outcome = c.outcome;
        form.duration = c.duration_min.map(|d| d.to_string()).unwrap_or_default();
        form.support_when = c.support_when;
        form.support_what = c.support_what.clone();
        form.notes = notes_area(&c.notes);
        form.follow_up = c.follow_up_on.map(|d| d.to_string()).unwrap_or_default();
        form.submitted_on = c.submitted_on;
        form.intervention = c.intervention;
        form.pillar = c.pillar;
        form.focus_on(first_needed(true));
        Ok(form)
    }

    pub fn person_label(&self) -> String {
        self.chosen.as_ref().map(|c| c.label.clone()).unwrap_or_default()
    }

    /// The people whose name holds every word of the query, as last read.
    pub fn matches(&self) -> Vec<&Candidate> {
        self.matches.iter().collect()
    }

    /// Whether the query changed since the matches were read.
    pub fn matches_stale(&self) -> bool {
        self.focus == Field::Person && self.query != self.matches_for
    }

    /// Reads the matches of the current query.
    pub fn refresh_matches(&mut self, session: &Session) -> Result<()> {
        self.matches = search(session, &self.query, MATCHES_SHOWN)?;
        self.matches_for = self.query.clone();
        self.pick = self.pick.min(self.matches.len().saturating_sub(1));
        Ok(())
    }

    pub fn error_for(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    /// The fields this program's form shows, in order.
    pub fn fields(&self) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| match f {
                Field::Intervention => self.interventions,
                Field::Pillar => self.pillars,
                _ => true,
            })
            .collect()
    }

    fn move_focus(&mut self, forward: bool) {
        self.focus_on(cycle(&self.fields(), self.focus, forward));
    }

    /// Puts the focus on `field`, its value selected when it has one to type over.
    fn focus_on(&mut self, field: Field) {
        self.focus = field;
        self.word.clear();
        self.selected = field == Field::When && self.when_suggested && !self.when.is_empty();
    }

    /// The labels of the focused choice field and the index of its value.
    pub fn choices(&self) -> (Vec<&'static str>, usize) {
        fn of<T: Copy + PartialEq>(
            all: &[T],
            value: T,
            label: impl Fn(T) -> &'static str,
        ) -> (Vec<&'static str>, usize) {
            let index = all.iter().position(|v| *v == value).unwrap_or(0);
            (all.iter().map(|v| label(*v)).collect(), index)
        }
        match self.focus {
            Field::Method => of(Method::ALL, self.method, Method::label),
            Field::Outcome => of(Outcome::ALL, self.outcome, Outcome::label),
            Field::SupportWhen => of(&optional(SupportWhen::ALL), self.support_when, |v| {
                v.map_or(NOT_GIVEN, SupportWhen::label)
            }),
            Field::Intervention => of(&optional(Intervention::ALL), self.intervention, |v| {
                v.map_or(NO_INTERVENTION, Intervention::label)
            }),
            Field::Pillar => of(&optional(Pillar::ALL), self.pillar, |v| {
                v.map_or(NO_PILLAR, Pillar::label)
            }),
            _ => (Vec::new(), 0),
        }
    }

    fn set_choice(&mut self, index: usize) {
        match self.focus {
            Field::Method => self.method = Method::ALL[index],
            Field::Outcome => self.outcome = Outcome::ALL[index],
            Field::SupportWhen => self.support_when = optional(SupportWhen::ALL)[index],
            Field::Intervention => self.intervention = optional(Intervention::ALL)[index],
            Field::Pillar => self.pillar = optional(Pillar::ALL)[index],
            _ => {}
        }
    }

    fn text_field(&mut self) -> Option<&mut String> {
        match self.focus {
            Field::When => Some(&mut self.when),
            Field::Duration => Some(&mut self.duration),
            Field::SupportWhat => Some(&mut self.support_what),
            Field::FollowUp => Some(&mut self.follow_up),
            Field::Person => Some(&mut self.query),
            _ => None,
        }
    }

    /// Reads every field as typed; on success returns what to save. Only what text cannot be
    /// read as (a date, a number) is said here: whether the contact itself is valid (not in
    /// the future, a follow-up after it, a length in reason) is the domain's to say, and the
    /// service's refusal is shown at its field ([`ContactForm::refused`]).
    pub fn validate(&mut self) -> Option<ContactInput> {
        self.errors.clear();
        let mut errors = Vec::new();
        if self.chosen.is_none() {
            errors.push((Field::Person, "pick who the contact was with".to_string()));
        }
        let occurred_at = crate::domain::dates::parse_date_time(&self.when)
            .map_err(|e| errors.push((Field::When, e)))
            .ok();
        let duration = match self.duration.trim() {
            "" => None,
            text => text
                .parse::<u32>()
                .map_err(|_| errors.push((Field::Duration, "a whole number of minutes".into())))
                .ok(),
        };
        let follow_up_on = match self.follow_up.trim() {
            "" => None,
            text => crate::domain::dates::parse_date(text)
                .map_err(|e| errors.push((Field::FollowUp, e)))
                .ok(),
        };
        if !errors.is_empty() {
            self.focus_on(errors[0].0);
            self.errors = errors;
            return None;
        }
        let chosen = self.chosen.as_ref()?;
        Some(ContactInput {
            mentor: chosen.mentor,
            person: chosen.person,
            occurred_at: occurred_at?,
            method: self.method,
            outcome: self.outcome,
            duration_min: duration,
            support_when: self.support_when,
            support_what: self.support_what.trim().to_string(),
            notes: self.notes.lines().join("\n").trim_end().to_string(),
            follow_up_on,
            submitted_on: self.submitted_on,
            intervention: self.intervention.filter(|_| self.interventions),
            pillar: self.pillar.filter(|_| self.pillars),
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
        self.focus_on(field);
        self.errors = vec![(field, reason.clone())];
        true
    }

    /// Text pasted into the focused field: the notes take it whole, a one-line field on one
    /// line, a choice nothing.
    pub fn paste(&mut self, text: &str) -> Pasted {
        self.confirm_discard = false;
        self.notice = None;
        if self.focus == Field::Notes {
            self.notes.insert_str(paste::as_lines(text));
            self.dirty = true;
            return Pasted::Whole;
        }
        let person = self.focus == Field::Person;
        let selected = std::mem::take(&mut self.selected);
        let Some(field) = self.text_field() else {
            return Pasted::Nowhere;
        };
        if selected {
            field.clear();
        }
        let pasted = paste::append_line(field, text);
        self.when_suggested &= self.focus != Field::When;
        if person {
            self.pick = 0;
        } else {
            self.dirty = true;
        }
        pasted
    }

    /// A key the key map names for every form.
    pub fn act(&mut self, key: FormKey) -> FormStep {
        if key == FormKey::Cancel {
            if self.dirty && !self.confirm_discard {
                self.confirm_discard = true;
                return FormStep::Continue(true);
            }
            return FormStep::Cancel;
        }
        let was_confirming = std::mem::replace(&mut self.confirm_discard, false);
        let had_notice = self.notice.take().is_some();
        let changed = match key {
            FormKey::Save => {
                return match self.validate() {
                    Some(input) => FormStep::Save(input),
                    None => FormStep::Continue(true),
                };
            }
            FormKey::Next | FormKey::Previous => {
                self.leave_person_field();
                self.move_focus(key == FormKey::Next);
                true
            }
            FormKey::Clear if self.focus == Field::Notes => {
                let changed = self.notes.delete_line_by_head();
                self.dirty |= changed;
                changed
            }
            FormKey::Clear => self.field_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
            FormKey::Cancel => unreachable!("Esc was taken above"),
        };
        FormStep::Continue(changed || was_confirming || had_notice)
    }

    /// Any other key: the focused field's.
    pub fn input(&mut self, key: KeyEvent) -> FormStep {
        let was_confirming = std::mem::replace(&mut self.confirm_discard, false);
        let had_notice = self.notice.take().is_some();
        let changed = self.field_key(key);
        FormStep::Continue(changed || was_confirming || had_notice)
    }

    /// Leaving the person field picks the highlighted match.
    fn leave_person_field(&mut self) {
        if self.focus == Field::Person && !self.query.is_empty() {
            if let Some(c) = self.matches().get(self.pick).cloned().cloned() {
                self.chosen = Some(c);
                self.dirty = true;
            }
            self.query.clear();
            self.pick = 0;
        }
    }

    fn field_key(&mut self, key: KeyEvent) -> bool {
        match self.focus {
            Field::Notes => {
                let changed = self.notes.input(key);
                self.dirty |= changed;
                return changed || !matches!(key.code, KeyCode::Char(_));
            }
            Field::Method | Field::Outcome | Field::SupportWhen | Field::Intervention | Field::Pillar => {
                let (labels, current) = self.choices();
                let n = labels.len();
                let next = if form::type_into_word(&mut self.word, &key).is_some() {
                    match form::choice_matching(labels.iter().copied(), &self.word) {
                        Some(i) => i,
                        None => {
                            self.notice = Some(form::no_choice_matches(self.focus.label(), &self.word));
                            return true;
                        }
                    }
                } else {
                    self.word.clear();
                    match key.code {
                        KeyCode::Right | KeyCode::Char(' ') => (current + 1) % n,
                        KeyCode::Left => (current + n - 1) % n,
                        KeyCode::Enter => {
                            self.move_focus(true);
                            return true;
                        }
                        _ => return false,
                    }
                };
                self.set_choice(next);
                self.dirty |= next != current;
                return true;
            }
            Field::Person => match key.code {
                KeyCode::Down => {
                    self.pick = (self.pick + 1).min(self.matches().len().saturating_sub(1));
                    return true;
                }
                KeyCode::Up => {
                    self.pick = self.pick.saturating_sub(1);
                    return true;
                }
                KeyCode::Enter => {
                    match self.matches().get(self.pick).cloned().cloned() {
                        Some(c) => {
                            self.chosen = Some(c);
                            self.dirty = true;
                            self.query.clear();
                            self.pick = 0;
                            self.focus_on(first_needed(true));
                        }
                        None => self.notice = Some(format!("no one matches \"{}\"", self.query)),
                    }
                    return true;
                }
                _ => {}
            },
            _ => {
                if key.code == KeyCode::Enter {
                    self.move_focus(true);
                    return true;
                }
            }
        }
        let mut selected = std::mem::take(&mut self.selected);
        let person = self.focus == Field::Person;
        let Some(text) = self.text_field() else {
            return false;
        };
        let before = text.clone();
        let shown = form::type_text(text, &mut selected, &key);
        let edited = *text != before;
        self.selected = selected;
        if edited && person {
            self.pick = 0;
        } else if edited {
            self.when_suggested &= self.focus != Field::When;
            self.dirty = true;
        }
        shown
    }
}
