//! The forms screen: contact reporting forms still to submit, with their due dates.

use super::App;
use super::list::{ListCursor, navigate};
use crate::error::Result;
use crate::export::letters::{self, Letter};
use crate::store::{ContactFilter, ContactRow};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone)]
pub struct ReportItem {
    pub row: ContactRow,
    pub due: NaiveDate,
    pub days_overdue: Option<i64>,
}

#[derive(Default)]
pub struct FormsState {
    pub reports: Vec<ReportItem>,
    pub cursor: ListCursor,
}

pub fn load(app: &mut App) -> Result<()> {
    let Some(weekday) = app.session.program.settings.report_due_weekday else {
        app.forms.reports.clear();
        return Ok(());
    };
    let today = app.session.today;
    let mentor = (!app.session.is_coordinator()).then_some(app.session.me.key);
    let store = &app.session.store;
    let mut reports = Vec::new();
    for overdue in store.overdue_reports(weekday, today, mentor)? {
        if let Some(row) = store.contact(overdue.contact_key)? {
            reports.push(ReportItem {
                row,
                due: overdue.due,
                days_overdue: Some(overdue.days_overdue),
            });
        }
    }
    // Reports not yet due: this month's unsubmitted contacts.
    let filter = ContactFilter {
        mentor,
        month: Some(crate::domain::YearMonth::of(today)),
        ..Default::default()
    };
    for row in store.contacts(&filter, None, 500)? {
        let on = row.contact.input.occurred_at.date();
        let due = crate::domain::reports::report_due(on, weekday);
        if row.contact.input.submitted_on.is_none() && due >= today {
            reports.push(ReportItem {
                row,
                due,
                days_overdue: None,
            });
        }
    }
    app.forms.reports = reports;
    app.forms.cursor.clamp(app.forms.reports.len());
    Ok(())
}

pub fn key(app: &mut App, key: KeyEvent) -> bool {
    let len = app.forms.reports.len();
    if let Some(changed) = navigate(&mut app.forms.cursor, len, key) {
        return changed;
    }
    if key.code == KeyCode::Char('L') {
        open_letters(app);
        return true;
    }
    let Some(item) = app.forms.reports.get(app.forms.cursor.selected).cloned() else {
        return false;
    };
    match key.code {
        KeyCode::Char('s') => {
            super::contacts::submit_report(app, &item.row);
            true
        }
        KeyCode::Enter => {
            let key = item.row.contact.key;
            app.contacts.filter = ContactFilter::default();
            app.switch_to(super::Screen::Contacts);
            if let Some(i) = app.contacts.rows.iter().position(|r| r.contact.key == key) {
                app.contacts.cursor.selected = i;
            }
            true
        }
        _ => false,
    }
}

fn open_letters(app: &mut App) {
    app.overlay = Some(super::Overlay::Choose(super::Choice {
        title: "Which letter?".into(),
        options: Letter::ALL
            .iter()
            .map(|l| (l.label().to_string(), l.slug().to_string()))
            .collect(),
        cursor: 0,
        action: super::ChoiceAction::Letter,
    }));
}

/// After the letter is picked: ask whom it is for, or write it at once.
pub fn letter_chosen(app: &mut App, slug: &str) {
    let Some(letter) = Letter::ALL.into_iter().find(|l| l.slug() == slug) else {
        return;
    };
    let Some(role) = letter.addressee() else {
        write_letter(app, letter, None);
        return;
    };
    let people = match app.session.store.people_with_role(role) {
        Ok(people) => people,
        Err(err) => return app.error(err.to_string()),
    };
    let options: Vec<(String, String)> = people
        .into_iter()
        .filter(|p| crate::commands::may_write_about(&app.session, Some(p)).is_ok())
        .map(|p| (format!("{} · {}", p.name, p.affiliation()), p.key.to_string()))
        .collect();
    if options.is_empty() {
        return app.error("Nobody you may write this letter for");
    }
    app.overlay = Some(super::Overlay::Choose(super::Choice {
        title: format!("{} for whom?", letter.label()),
        options,
        cursor: 0,
        action: super::ChoiceAction::LetterFor(letter),
    }));
}

/// Writes the letter as text and printable HTML into the letters directory.
pub fn write_letter(app: &mut App, letter: Letter, person: Option<i64>) {
    let result = (|| -> Result<std::path::PathBuf> {
        let person = match person {
            Some(key) => app.session.store.person(key)?,
            None => None,
        };
        crate::commands::may_write_about(&app.session, person.as_ref())?;
        let doc = letters::compose(&app.session, letter, person.as_ref())?;
        let dir = app
            .letters_dir
            .clone()
            .ok_or_else(|| crate::error::Error::Failed("no place to write letters".into()))?;
        std::fs::create_dir_all(&dir)?;
        let who = person.map(|p| format!("-{}", p.id)).unwrap_or_default();
        let who: String = who
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let base = dir.join(format!("{}{who}", letter.slug()));
        std::fs::write(base.with_extension("txt"), letters::to_text(&doc))?;
        let html = base.with_extension("html");
        std::fs::write(&html, letters::to_html(&doc))?;
        Ok(html)
    })();
    match result {
        Ok(path) => app.info(format!("Wrote {} (and .txt)", path.display())),
        Err(err) => app.error(err.to_string()),
    }
}
