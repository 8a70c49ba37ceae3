//! Scheduling a meeting with a person, or (coordinators) a one-off program event.

use super::contact_form::{Candidate, candidates};
use super::drafts::EventDraft;
use super::paste::{Pasted, append_line};
use crate::domain::agenda::EventKind;
use crate::domain::agenda::NewEvent;
use crate::domain::dates::parse_date;
use crate::error::Result;
use crate::service::Session;
use chrono::{NaiveDate, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventField {
    Kind,
    Person,
    Title,
    Date,
    Start,
    End,
    Place,
    Note,
}

impl EventField {
    pub fn label(self) -> &'static str {
        match self {
            EventField::Kind => "Kind",
            EventField::Person => "With",
            EventField::Title => "Title",
            EventField::Date => "Date",
            EventField::Start => "Starts",
            EventField::End => "Ends",
            EventField::Place => "Place or link",
            EventField::Note => "Note",
        }
    }
}

pub enum EventStep {
    Continue(bool),
    Save(NewEvent),
    Cancel,
}

pub struct EventForm {
    pub kinds: Vec<EventKind>,
    pub kind: EventKind,
    pub candidates: Vec<Candidate>,
    pub person: usize,
    pub title: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub note: String,
    pub focus: EventField,
    pub errors: Vec<(EventField, String)>,
    /// The stored event being edited.
    pub editing: Option<crate::domain::records::Editing>,
    organizer: i64,
    /// Changed since it opened: kept as a draft as it is typed.
    pub dirty: bool,
    /// Esc was pressed on a changed form: the next Esc discards, anything else keeps editing.
    pub confirm_discard: bool,
    /// Names this form's draft file: `new-<when it was opened>` or `edit-<event key>`.
    pub draft_id: String,
    /// Stamps the draft's save time.
    clock: crate::clock::Clock,
}

fn parse_time(text: &str) -> std::result::Result<Option<NaiveTime>, String> {
    match text.trim() {
        "" => Ok(None),
        t => NaiveTime::parse_from_str(t, "%H:%M")
            .map(Some)
            .map_err(|_| format!("'{t}' is not a time like 18:30")),
    }
}

impl EventForm {
    pub fn new(session: &Session, date: NaiveDate) -> Result<EventForm> {
        let kinds = if session.sees_whole_program() {
            vec![
                EventKind::Meeting,
                EventKind::Checkin,
                EventKind::Training,
                EventKind::Deadline,
                EventKind::Other,
            ]
        } else {
            vec![EventKind::Meeting]
        };
        Ok(EventForm {
            kind: EventKind::Meeting,
            kinds,
            candidates: candidates(session)?,
            person: 0,
            title: String::new(),
            date: date.to_string(),
            start: "16:00".into(),
            end: "17:00".into(),
            place: String::new(),
            note: String::new(),
            focus: EventField::Person,
            errors: Vec::new(),
            editing: None,
            organizer: session.me().key,
            dirty: false,
            confirm_discard: false,
            draft_id: format!("new-{}", chrono::Local::now().format("%Y%m%d%H%M%S%3f")),
            clock: session.clock(),
        })
    }

    /// The form filled with a stored event.
    pub fn edit(
        session: &Session,
        editing: crate::domain::records::Editing,
        event: &NewEvent,
    ) -> Result<EventForm> {
        let mut form = EventForm::new(session, event.date)?;
        form.editing = Some(editing);
        form.draft_id = format!("edit-{}", editing.key);
        form.kind = event.kind;
        if !form.kinds.contains(&event.kind) {
            form.kinds.push(event.kind);
        }
        form.person = form
            .candidates
            .iter()
            .position(|c| Some(c.person) == event.person)
            .unwrap_or(0);
        form.title = event.title.clone();
        form.start = event
            .start
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        form.end = event
            .end
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        form.place = event.place.clone();
        form.note = event.notes.clone();
        form.organizer = event.organizer.unwrap_or(session.me().key);
        form.focus = EventField::Date;
        Ok(form)
    }

    /// The fields this kind of event uses, in order.
    pub fn fields(&self) -> Vec<EventField> {
        let mut fields = Vec::new();
        if self.kinds.len() > 1 {
            fields.push(EventField::Kind);
        }
        if self.kind == EventKind::Meeting {
            fields.push(EventField::Person);
        } else {
            fields.push(EventField::Title);
        }
        fields.extend([
            EventField::Date,
            EventField::Start,
            EventField::End,
            EventField::Place,
            EventField::Note,
        ]);
        fields
    }

    pub fn value(&self, field: EventField) -> String {
        match field {
            EventField::Kind => format!("‹ {} ›", self.kind.as_str()),
            EventField::Person => match self.candidates.get(self.person) {
                Some(c) => format!("‹ {} ›", c.label),
                None => "nobody on your caseload".into(),
            },
            EventField::Title => self.title.clone(),
            EventField::Date => self.date.clone(),
            EventField::Start => self.start.clone(),
            EventField::End => self.end.clone(),
            EventField::Place => self.place.clone(),
            EventField::Note => self.note.clone(),
        }
    }

    pub fn error_for(&self, field: EventField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    fn text(&mut self) -> Option<&mut String> {
        match self.focus {
            EventField::Title => Some(&mut self.title),
            EventField::Date => Some(&mut self.date),
            EventField::Start => Some(&mut self.start),
            EventField::End => Some(&mut self.end),
            EventField::Place => Some(&mut self.place),
            EventField::Note => Some(&mut self.note),
            EventField::Kind | EventField::Person => None,
        }
    }

    /// What the form holds, field by field, as typed: for reviewing two versions.
    pub fn values(&self) -> Vec<(&'static str, String)> {
        let person = self
            .candidates
            .get(self.person)
            .map(|c| c.label.clone())
            .unwrap_or_default();
        vec![
            ("Kind", self.kind.as_str().to_string()),
            ("With", person),
            ("Title", self.title.clone()),
            ("Date", self.date.clone()),
            ("Start", self.start.clone()),
            ("End", self.end.clone()),
            ("Place", self.place.clone()),
            ("Note", self.note.clone()),
        ]
    }

    pub fn validate(&mut self) -> Option<NewEvent> {
        let mut errors = Vec::new();
        let date = parse_date(&self.date)
            .map_err(|e| errors.push((EventField::Date, e)))
            .ok();
        let start = parse_time(&self.start)
            .map_err(|e| errors.push((EventField::Start, e)))
            .ok()
            .flatten();
        let end = parse_time(&self.end)
            .map_err(|e| errors.push((EventField::End, e)))
            .ok()
            .flatten();
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            errors.push((EventField::End, "must be after the start".into()));
        }
        let chosen = self.candidates.get(self.person).cloned();
        let title = if self.kind == EventKind::Meeting {
            if chosen.is_none() {
                errors.push((EventField::Person, "pick who the meeting is with".into()));
            }
            "Meeting".to_string()
        } else {
            if self.title.trim().is_empty() {
                errors.push((EventField::Title, "give the event a title".into()));
            }
            self.title.trim().to_string()
        };
        self.errors = errors;
        if let Some((field, _)) = self.errors.first() {
            self.focus = *field;
            return None;
        }
        let meeting = self.kind == EventKind::Meeting;
        Some(NewEvent {
            kind: self.kind,
            title,
            date: date?,
            start,
            end,
            organizer: if meeting {
                chosen.as_ref().map(|c| c.mentor)
            } else {
                Some(self.organizer)
            },
            person: if meeting { chosen.map(|c| c.person) } else { None },
            place: self.place.trim().to_string(),
            notes: self.note.trim().to_string(),
        })
    }

    /// Text pasted into the focused field, on one line; a choice takes nothing.
    pub fn paste(&mut self, text: &str) -> Pasted {
        self.confirm_discard = false;
        let Some(field) = self.text() else {
            return Pasted::Nowhere;
        };
        let pasted = append_line(field, text);
        self.dirty = true;
        pasted
    }

    pub fn key(&mut self, key: KeyEvent) -> EventStep {
        if key.code == KeyCode::Esc {
            if self.dirty && !self.confirm_discard {
                self.confirm_discard = true;
                return EventStep::Continue(true);
            }
            return EventStep::Cancel;
        }
        let was_confirming = std::mem::replace(&mut self.confirm_discard, false);
        let step = self.edit_key(key);
        match step {
            EventStep::Continue(changed) => EventStep::Continue(changed || was_confirming),
            other => other,
        }
    }

    fn edit_key(&mut self, key: KeyEvent) -> EventStep {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        match key.code {
            KeyCode::Char('s') if ctrl => {
                return match self.validate() {
                    Some(event) => EventStep::Save(event),
                    None => EventStep::Continue(true),
                };
            }
            KeyCode::Tab | KeyCode::Enter | KeyCode::Down => self.focus = fields[(at + 1) % fields.len()],
            KeyCode::BackTab | KeyCode::Up => self.focus = fields[(at + fields.len() - 1) % fields.len()],
            KeyCode::Left | KeyCode::Right => {
                let forward = key.code == KeyCode::Right;
                match self.focus {
                    EventField::Kind => {
                        let i = self.kinds.iter().position(|k| *k == self.kind).unwrap_or(0);
                        let n = self.kinds.len();
                        self.kind = self.kinds[if forward { (i + 1) % n } else { (i + n - 1) % n }];
                    }
                    EventField::Person if !self.candidates.is_empty() => {
                        let n = self.candidates.len();
                        self.person = if forward {
                            (self.person + 1) % n
                        } else {
                            (self.person + n - 1) % n
                        };
                    }
                    _ => return EventStep::Continue(false),
                }
                self.dirty = true;
            }
            KeyCode::Backspace => match self.text() {
                Some(text) => {
                    text.pop();
                    self.dirty = true;
                }
                None => return EventStep::Continue(false),
            },
            KeyCode::Char(c) if !ctrl => match self.text() {
                Some(text) => {
                    text.push(c);
                    self.dirty = true;
                }
                None => return EventStep::Continue(false),
            },
            _ => return EventStep::Continue(false),
        }
        EventStep::Continue(true)
    }
}

impl EventForm {
    /// The form as it was when the draft was written.
    pub fn from_draft(session: &Session, draft: &EventDraft) -> Result<EventForm> {
        let stored = draft.editing.map(|key| session.event(key)).transpose()?.flatten();
        let mut form = match (draft.editing, stored) {
            (Some(key), Some((event, version))) => {
                // The edit goes on from the version it started from.
                let version = draft.version.unwrap_or(version);
                EventForm::edit(session, crate::domain::records::Editing { key, version }, &event)?
            }
            _ => EventForm::new(session, parse_date(&draft.date).unwrap_or(session.today))?,
        };
        let kind = EventKind::from_word(&draft.kind);
        if form.kinds.contains(&kind) {
            form.kind = kind;
        }
        if let Some(at) = form
            .candidates
            .iter()
            .position(|c| Some(c.person) == draft.person)
        {
            form.person = at;
        }
        form.title = draft.title.clone();
        form.date = draft.date.clone();
        form.start = draft.start.clone();
        form.end = draft.end.clone();
        form.place = draft.place.clone();
        form.note = draft.note.clone();
        form.draft_id = draft.id.clone();
        form.dirty = true;
        Ok(form)
    }

    pub fn to_draft(&self) -> EventDraft {
        EventDraft {
            id: self.draft_id.clone(),
            editing: self.editing.map(|e| e.key),
            version: self.editing.map(|e| e.version),
            kind: self.kind.as_str().into(),
            person: self.candidates.get(self.person).map(|c| c.person),
            title: self.title.clone(),
            date: self.date.clone(),
            start: self.start.clone(),
            end: self.end.clone(),
            place: self.place.clone(),
            note: self.note.clone(),
            saved_at: self.clock.now().format("%Y-%m-%d %H:%M").to_string(),
        }
    }
}
