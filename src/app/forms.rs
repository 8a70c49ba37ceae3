//! The forms screen: contact reporting forms still to submit, with their due dates.

use super::App;
use super::Overlay;
use super::contact_form::Candidate;
use super::form_fill::{FillStep, FormDraft, FormFill};
use super::list::{ListCursor, navigate};
use crate::domain::forms::{FORMS, FormDef, Kind};
use crate::error::Result;
use crate::export::letters::{self, Letter};
use crate::store::Submission;
use crate::store::{ContactFilter, ContactRow};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone)]
pub struct ReportItem {
    pub row: ContactRow,
    pub due: NaiveDate,
    pub days_overdue: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pane {
    /// The list of templates on the left.
    #[default]
    Templates,
    /// What the selected template holds, on the right.
    Items,
}

#[derive(Default)]
pub struct FormsState {
    pub pane: Pane,
    /// 0 is the contact reporting form; then the catalog, in order.
    pub template: usize,
    pub reports: Vec<ReportItem>,
    pub cursor: ListCursor,
    /// Filed forms of the selected template (yours; a coordinator's: everyone's).
    pub filed: Vec<Submission>,
    pub filed_cursor: ListCursor,
    /// Only forms about this person.
    pub person: Option<(i64, String)>,
    /// Your unfiled draft of the selected form, listed above what was filed.
    pub draft: Option<FormDraft>,
}

impl FormsState {
    /// The catalog form selected on the left, if any.
    pub fn form(&self) -> Option<&'static FormDef> {
        self.template.checked_sub(1).and_then(|i| FORMS.get(i))
    }
}

/// Overdue reports listed on the Forms screen; the Program screen's overdue view has them all.
const REPORTS_SHOWN: usize = 500;

pub fn load(app: &mut App) -> Result<()> {
    load_filed(app)?;
    let Some(weekday) = app.session.program.settings.report_due_weekday else {
        app.forms.reports.clear();
        return Ok(());
    };
    let today = app.session.today;
    let mentor = (!app.session.is_coordinator()).then_some(app.session.me.key);
    let store = &app.session.store;
    let mut reports = Vec::new();
    // The most overdue first; a list this long is read from the top.
    let overdue: Vec<_> = store
        .overdue_reports(weekday, today, mentor)?
        .into_iter()
        .take(REPORTS_SHOWN)
        .collect();
    let keys: Vec<i64> = overdue.iter().map(|o| o.contact_key).collect();
    for (row, o) in store.contacts_by_keys(&keys)?.into_iter().zip(&overdue) {
        reports.push(ReportItem {
            row,
            due: o.due,
            days_overdue: Some(o.days_overdue),
        });
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

fn load_filed(app: &mut App) -> Result<()> {
    let Some(form) = app.forms.form() else {
        app.forms.filed.clear();
        app.forms.draft = None;
        return Ok(());
    };
    app.forms.draft = app.form_draft_file(form.id).and_then(|d| d.load());
    let mut filed = if form.private {
        let mut mine = app.session.store.private_submissions(form.id, &app.session.me)?;
        mine.extend(app.session.store.shared_with(form.id, app.session.me.key)?);
        mine
    } else {
        let author = (!app.session.is_coordinator()).then_some(app.session.me.key);
        app.session.store.submissions(Some(form.id), author)?
    };
    if let Some((person, _)) = &app.forms.person {
        filed.retain(|s| s.about == Some(*person));
    }
    app.forms.filed = filed;
    let rows = app.forms.filed.len() + usize::from(app.forms.draft.is_some());
    app.forms.filed_cursor.clamp(rows);
    Ok(())
}

pub fn key(app: &mut App, key: KeyEvent) -> bool {
    match key.code {
        KeyCode::Char('L') => {
            open_letters(app);
            return true;
        }
        KeyCode::Left | KeyCode::Char('h') => {
            return std::mem::replace(&mut app.forms.pane, Pane::Templates) != Pane::Templates;
        }
        KeyCode::Right | KeyCode::Char('l') => {
            return std::mem::replace(&mut app.forms.pane, Pane::Items) != Pane::Items;
        }
        KeyCode::Char('n') => {
            if let Some(form) = app.forms.form() {
                open_form(app, form);
            }
            return true;
        }
        KeyCode::Char('p') => {
            cycle_person(app);
            return true;
        }
        _ => {}
    }
    match app.forms.pane {
        Pane::Templates => templates_key(app, key),
        Pane::Items if app.forms.template == 0 => reports_key(app, key),
        Pane::Items => filed_key(app, key),
    }
}

fn templates_key(app: &mut App, key: KeyEvent) -> bool {
    let before = app.forms.template;
    match key.code {
        KeyCode::Down | KeyCode::Char('j') => app.forms.template = (before + 1).min(FORMS.len()),
        KeyCode::Up | KeyCode::Char('k') => app.forms.template = before.saturating_sub(1),
        KeyCode::Enter => {
            match app.forms.form() {
                Some(form) => open_form(app, form),
                None => app.forms.pane = Pane::Items,
            }
            return true;
        }
        _ => return false,
    }
    if before != app.forms.template {
        app.forms.filed_cursor = ListCursor::default();
        if let Err(err) = load_filed(app) {
            app.error(err.to_string());
        }
    }
    before != app.forms.template
}

fn reports_key(app: &mut App, key: KeyEvent) -> bool {
    let len = app.forms.reports.len();
    if let Some(changed) = navigate(&mut app.forms.cursor, len, key) {
        return changed;
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

fn filed_key(app: &mut App, key: KeyEvent) -> bool {
    let drafts = usize::from(app.forms.draft.is_some());
    let len = app.forms.filed.len() + drafts;
    if let Some(changed) = navigate(&mut app.forms.filed_cursor, len, key) {
        return changed;
    }
    if key.code != KeyCode::Enter {
        return false;
    }
    let Some(form) = app.forms.form() else {
        return false;
    };
    let selected = app.forms.filed_cursor.selected;
    if selected < drafts {
        open_form(app, form);
        return true;
    }
    let Some(filed) = app.forms.filed.get(selected - drafts).cloned() else {
        return false;
    };
    let foreign = filed.author != app.session.me.key;
    let fill = FormFill::view(&app.session, form, filed.values, filed.key).map(|mut f| {
        f.foreign = foreign;
        f
    });
    app.open_overlay(fill.map(|f| Overlay::Form(Box::new(f))));
    true
}

/// The partner a reflection is shared with: the mentee it is about, or the author's mentor.
fn share_question(app: &App, fill: &FormFill) -> Result<Overlay> {
    let me = app.session.me.key;
    let about = fill
        .def
        .inputs()
        .find(|f| f.kind == Kind::Person)
        .and_then(|f| fill.candidates.iter().find(|c| c.person_id == fill.value(f.key)))
        .map(|c| c.person);
    let partner = match about {
        Some(person) => Some(person),
        None => app
            .session
            .store
            .assignments_of(me)?
            .into_iter()
            .find(|a| a.mentee == me && a.ended_on.is_none())
            .map(|a| a.mentor),
    };
    let partner =
        partner.ok_or_else(|| crate::error::Error::Input("no partner to share this with".into()))?;
    let name = app
        .session
        .store
        .person(partner)?
        .map(|p| p.name)
        .unwrap_or_default();
    Ok(Overlay::Confirm {
        question: format!(
            "Share this reflection with {name}? Only the two of you will see it on screen, but it will be kept in the program database, which the program's group can read. (y/n)"
        ),
        action: super::Confirm::ShareReflection {
            form: fill.def.id,
            partner,
            values: fill.values.clone(),
        },
    })
}

fn cycle_person(app: &mut App) {
    let mut people: Vec<(i64, String)> = app
        .forms
        .filed
        .iter()
        .filter_map(|s| s.about.zip(s.about_name.clone()))
        .collect();
    people.sort();
    people.dedup();
    app.forms.person = match &app.forms.person {
        None => people.first().cloned(),
        Some(current) => people.iter().skip_while(|p| *p != current).nth(1).cloned(),
    };
    if let Err(err) = load_filed(app) {
        app.error(err.to_string());
    }
}

/// Opens a blank form, or the draft of that form left from before.
fn open_form(app: &mut App, form: &'static FormDef) {
    let draft = app.form_draft_file(form.id).and_then(|d| d.load::<FormDraft>());
    let fill = match draft {
        Some(draft) => {
            FormFill::from_draft(&app.session, &draft).map(|f| f.expect("the draft's form exists"))
        }
        None => FormFill::new(&app.session, form),
    };
    app.open_overlay(fill.map(|f| Overlay::Form(Box::new(f))));
}

/// Keys inside an open form.
pub fn fill_key(app: &mut App, mut fill: Box<FormFill>, key: KeyEvent) -> bool {
    if fill.foreign {
        if key.code != KeyCode::Esc {
            app.overlay = Some(Overlay::Form(fill));
        }
        return key.code == KeyCode::Esc;
    }
    if fill.read_only && fill.def.private && key.code == KeyCode::Char('S') {
        match share_question(app, &fill) {
            Ok(overlay) => app.overlay = Some(overlay),
            Err(err) => {
                app.error(err.to_string());
                app.overlay = Some(Overlay::Form(fill));
            }
        }
        return true;
    }
    if fill.read_only {
        if key.code == KeyCode::Char('A') {
            fill.amend();
            app.info("Amending: the filed version stays; Ctrl-S files the new one");
        } else if key.code != KeyCode::Esc {
            app.overlay = Some(Overlay::Form(fill));
            return false;
        }
        if key.code == KeyCode::Esc {
            return true;
        }
        app.overlay = Some(Overlay::Form(fill));
        return true;
    }
    match fill.key(key) {
        FillStep::Continue(changed) => {
            if changed
                && fill.dirty
                && let Some(drafts) = app.form_draft_file(fill.def.id)
                && let Err(err) = drafts.save(&fill.to_draft())
            {
                app.error(format!(
                    "cannot keep a draft in {}: {err}",
                    drafts.path().display()
                ));
            }
            app.overlay = Some(Overlay::Form(fill));
            changed
        }
        FillStep::Leave => {
            if fill.dirty {
                app.info("Draft kept: n on this form, or the next start, resumes it");
            }
            true
        }
        FillStep::Submit => {
            file_form(app, fill);
            true
        }
    }
}

fn file_form(app: &mut App, mut fill: Box<FormFill>) {
    let today = app.session.today;
    if !fill.ready(today) {
        app.overlay = Some(Overlay::Form(fill));
        return;
    }
    let about = fill
        .def
        .inputs()
        .find(|f| f.kind == Kind::Person)
        .and_then(|f| fill.candidates.iter().find(|c| c.person_id == fill.value(f.key)))
        .cloned();
    let actor = app.session.actor();
    let me = app.session.me.key;
    let about_key = about.as_ref().map(|c| c.person);
    let result = if fill.def.private {
        app.session
            .store
            .submit_private(fill.def.id, about_key, &fill.values, fill.supersedes)
    } else {
        app.session
            .store
            .submit_form(fill.def.id, me, about_key, &fill.values, fill.supersedes, &actor)
    };
    match result {
        Ok(_) => {
            if let Some(drafts) = app.form_draft_file(fill.def.id) {
                drafts.clear();
            }
            if fill.def.id == "library-goals"
                && let (Some(pair), Ok(shared_on)) =
                    (&about, crate::domain::dates::parse_date(fill.value("shared_on")))
                && let Err(err) = share_goals(app, pair, &fill, shared_on)
            {
                app.error(err.to_string());
                return;
            }
            if fill.def.id == "engagement-monitoring"
                && let Some(pair) = &about
                && let Err(err) = record_monitoring(app, pair, &fill)
            {
                app.error(err.to_string());
                return;
            }
            let verb = if fill.supersedes.is_some() {
                "Amended"
            } else {
                "Filed"
            };
            app.info(format!("{verb} the {}", fill.def.title));
            app.after_write();
        }
        Err(err) => {
            app.error(err.to_string());
            app.overlay = Some(Overlay::Form(fill));
        }
    }
}

/// A monitoring form adds the week to the student's engagement records.
fn record_monitoring(app: &mut App, pair: &Candidate, fill: &FormFill) -> Result<()> {
    let count = |key: &str| fill.value(key).parse::<u32>().ok();
    let engagement = crate::domain::risk::Engagement {
        absences: count("absences"),
        tardies: count("tardies"),
        skips: count("skips"),
        days_enrolled: count("days_enrolled"),
        referrals: count("referrals"),
        detentions: count("detentions"),
        in_school_suspensions: count("in_school_suspensions"),
        out_of_school_suspension_days: count("out_of_school_suspension_days"),
        ds: count("ds"),
        fs: count("fs"),
        credits_earned: count("credits_earned"),
        credits_possible: count("credits_possible"),
    };
    let week = crate::domain::dates::parse_date(fill.value("week_of")).map_err(crate::error::Error::Input)?;
    let actor = app.session.actor();
    app.session.store.add_engagement(
        pair.person,
        crate::domain::YearMonth::of(week),
        &engagement,
        &actor,
    )
}

/// Library goals shared with the coordinator clear the pair's 30-day goals deadline.
fn share_goals(app: &mut App, pair: &Candidate, fill: &FormFill, shared_on: chrono::NaiveDate) -> Result<()> {
    let assignment = app
        .session
        .store
        .assignments_of(pair.person)?
        .into_iter()
        .find(|a| a.mentor == pair.mentor && a.mentee == pair.person && a.ended_on.is_none());
    if let Some(a) = assignment {
        let actor = app.session.actor();
        app.session.store.share_goals(
            a.key,
            fill.value("short_term"),
            fill.value("long_term"),
            shared_on,
            &actor,
        )?;
    }
    Ok(())
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
        crate::privilege::write_own_file(&base.with_extension("txt"), letters::to_text(&doc).as_bytes())?;
        let html = base.with_extension("html");
        crate::privilege::write_own_file(&html, letters::to_html(&doc).as_bytes())?;
        Ok(html)
    })();
    match result {
        Ok(path) => app.info(format!("Wrote {} (and .txt)", path.display())),
        Err(err) => app.error(err.to_string()),
    }
}
