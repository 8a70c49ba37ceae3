//! Scheduling a meeting with a person, or (coordinators) a one-off program event.

use super::contact_form::{Candidate, candidates};
use super::drafts::EventDraft;
use super::form::{Field, Form, FormKey, Step};
use super::paste::Pasted;
use crate::domain::agenda::EventKind;
use crate::domain::agenda::NewEvent;
use crate::domain::dates::parse_date;
use crate::error::Result;
use crate::service::Session;
use chrono::{NaiveDate, NaiveTime};
use crossterm::event::KeyEvent;

// The fields' labels, which name them.
const KIND: &str = "Kind";
const WITH: &str = "With";
const TITLE: &str = "Title";
const DATE: &str = "Date";
const START: &str = "Starts";
const END: &str = "Ends";
const PLACE: &str = "Place or link";
const NOTE: &str = "Note";

pub enum EventStep {
    Continue(bool),
    Save(NewEvent),
    Cancel,
}

/// An event being scheduled: a form of the form engine, and what it is for.
pub struct EventForm {
    pub form: Form,
    pub kinds: Vec<EventKind>,
    pub candidates: Vec<Candidate>,
    /// The stored event being edited.
    pub editing: Option<crate::domain::records::Editing>,
    organizer: i64,
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
        let candidates = candidates(session)?;
        let with = if candidates.is_empty() {
            Field::fixed(WITH, "nobody on your caseload")
        } else {
            let labels: Vec<String> = candidates.iter().map(|c| c.label.clone()).collect();
            let first = labels[0].clone();
            Field::choice(WITH, labels, &first)
        };
        let kind_labels = kinds.iter().map(|k| k.as_str().to_string()).collect();
        let form = Form::new(
            "Schedule",
            vec![
                Field::choice(KIND, kind_labels, EventKind::Meeting.as_str()),
                with,
                Field::text(TITLE, ""),
                Field::date(DATE, date.to_string()).suggested(),
                Field::time(START, "16:00").suggested(),
                Field::time(END, "17:00").suggested(),
                Field::text(PLACE, ""),
                Field::text(NOTE, ""),
            ],
        );
        let mut form = EventForm {
            form,
            kinds,
            candidates,
            editing: None,
            organizer: session.me().key,
            draft_id: format!("new-{}", chrono::Local::now().format("%Y%m%d%H%M%S%3f")),
            clock: session.clock(),
        };
        form.fields_for_kind();
        // A meeting first: whom it is with, when there is anyone to choose.
        if !form.candidates.is_empty() {
            let with = form.form.fields.iter().position(|f| f.label == WITH).unwrap_or(0);
            form.form.focus_on(with);
        }
        Ok(form)
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
        if !form.kinds.contains(&event.kind) {
            form.kinds.push(event.kind);
            let kinds = form.kinds.iter().map(|k| k.as_str().to_string()).collect();
            form.form.fields[0] = Field::choice(KIND, kinds, event.kind.as_str());
        }
        form.form.set(KIND, event.kind.as_str());
        if let Some(c) = form.candidates.iter().find(|c| Some(c.person) == event.person) {
            let label = c.label.clone();
            form.form.set(WITH, label);
        }
        let time = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
        form.form.set(DATE, event.date.to_string());
        form.form.set(TITLE, event.title.clone());
        form.form.set(START, time(event.start));
        form.form.set(END, time(event.end));
        form.form.set(PLACE, event.place.clone());
        form.form.set(NOTE, event.notes.clone());
        form.organizer = event.organizer.unwrap_or(session.me().key);
        form.fields_for_kind();
        let date = form.form.fields.iter().position(|f| f.label == DATE).unwrap_or(0);
        form.form.focus_on(date);
        Ok(form)
    }

    pub fn kind(&self) -> EventKind {
        EventKind::from_word(self.form.value(KIND))
    }

    /// The person the meeting is with, as chosen.
    fn chosen(&self) -> Option<&Candidate> {
        let label = self.form.value(WITH);
        self.candidates.iter().find(|c| c.label.trim() == label)
    }

    /// A meeting is with someone; any other event has a title. The kind is only asked of
    /// those who may schedule more than meetings.
    fn fields_for_kind(&mut self) {
        let meeting = self.kind() == EventKind::Meeting;
        self.form.show(KIND, self.kinds.len() > 1);
        self.form.show(WITH, meeting);
        self.form.show(TITLE, !meeting);
    }

    /// What the form holds, field by field, as typed: for reviewing two versions.
    pub fn values(&self) -> Vec<(&'static str, String)> {
        let person = self.chosen().map(|c| c.label.clone()).unwrap_or_default();
        vec![
            (KIND, self.kind().as_str().to_string()),
            (WITH, person),
            (TITLE, self.form.value(TITLE).to_string()),
            (DATE, self.form.value(DATE).to_string()),
            ("Start", self.form.value(START).to_string()),
            ("End", self.form.value(END).to_string()),
            ("Place", self.form.value(PLACE).to_string()),
            (NOTE, self.form.value(NOTE).to_string()),
        ]
    }

    pub fn validate(&mut self) -> Option<NewEvent> {
        let form = &mut self.form;
        form.errors.clear();
        let date = parse_date(form.value(DATE))
            .map_err(|e| form.refuse(DATE, e))
            .ok();
        let start = parse_time(form.value(START))
            .map_err(|e| form.refuse(START, e))
            .ok()
            .flatten();
        let end = parse_time(form.value(END))
            .map_err(|e| form.refuse(END, e))
            .ok()
            .flatten();
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            form.refuse(END, "must be after the start");
        }
        let kind = self.kind();
        let chosen = self.chosen().cloned();
        let form = &mut self.form;
        let title = if kind == EventKind::Meeting {
            if chosen.is_none() {
                form.refuse(WITH, "pick who the meeting is with");
            }
            "Meeting".to_string()
        } else {
            if form.value(TITLE).is_empty() {
                form.refuse(TITLE, "give the event a title");
            }
            form.value(TITLE).to_string()
        };
        if let Some((label, _)) = form.errors.first() {
            // The first refusal has the focus.
            let at = form.fields.iter().position(|f| f.label == *label).unwrap_or(0);
            form.focus_on(at);
            return None;
        }
        let meeting = kind == EventKind::Meeting;
        Some(NewEvent {
            kind,
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
            place: self.form.value(PLACE).to_string(),
            notes: self.form.value(NOTE).to_string(),
        })
    }

    /// Text pasted into the focused field, on one line; a choice takes nothing.
    pub fn paste(&mut self, text: &str) -> Pasted {
        self.form.paste(text)
    }

    /// A key the key map names for every form.
    pub fn act(&mut self, key: FormKey) -> EventStep {
        let step = self.form.act(key);
        self.step(step)
    }

    /// Any other key: the focused field's.
    pub fn input(&mut self, key: KeyEvent) -> EventStep {
        let step = self.form.input(key);
        self.step(step)
    }

    fn step(&mut self, step: Step) -> EventStep {
        self.fields_for_kind();
        match step {
            Step::Continue(changed) => EventStep::Continue(changed),
            Step::Cancel => EventStep::Cancel,
            Step::Submit => match self.validate() {
                Some(event) => EventStep::Save(event),
                None => EventStep::Continue(true),
            },
        }
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
        // A hand-edited draft may hold a kind or a person this form has not: they are left out.
        form.form.restore(KIND, &draft.kind);
        if let Some(c) = form.candidates.iter().find(|c| Some(c.person) == draft.person) {
            let label = c.label.clone();
            form.form.restore(WITH, &label);
        }
        form.form.restore(TITLE, &draft.title);
        form.form.restore(DATE, &draft.date);
        form.form.restore(START, &draft.start);
        form.form.restore(END, &draft.end);
        form.form.restore(PLACE, &draft.place);
        form.form.restore(NOTE, &draft.note);
        form.fields_for_kind();
        form.draft_id = draft.id.clone();
        form.form.dirty = true;
        Ok(form)
    }

    pub fn to_draft(&self) -> EventDraft {
        let typed = |label: &str| self.form.field(label).map_or(String::new(), |f| f.value.clone());
        EventDraft {
            id: self.draft_id.clone(),
            editing: self.editing.map(|e| e.key),
            version: self.editing.map(|e| e.version),
            kind: self.kind().as_str().into(),
            person: self.chosen().map(|c| c.person),
            title: typed(TITLE),
            date: typed(DATE),
            start: typed(START),
            end: typed(END),
            place: typed(PLACE),
            note: typed(NOTE),
            saved_at: self.clock.now().format("%Y-%m-%d %H:%M").to_string(),
        }
    }
}
