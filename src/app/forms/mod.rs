//! The forms screen: contact reporting forms still to submit, with their due dates.

mod state;
use state::filed_label;
pub use state::{FormsState, ReportItem};

use super::action::Action;
use super::effects::{Effect, Load};
use super::form_fill::{FormDraft, FormFill};
use super::list::{Filtered, ListCursor, ListFilter};
use super::screen::Pane;
use super::update::Update;
use super::{App, Choice, ChoiceAction, Overlay, State};
use crate::domain::forms::FormDef;
use crate::domain::records::ContactFilter;
use crate::domain::reports::{ReportState, report_state};
use crate::domain::types::Role;
use crate::error::Result;
use crate::export::letters::Letter;

/// Overdue reports listed on the Forms screen; the Program screen's overdue view has them all.
const REPORTS_SHOWN: usize = 500;

pub fn load(app: &mut App) -> Result<()> {
    load_filed(app)?;
    let Some(weekday) = app.session.program.settings.report_due_weekday else {
        app.forms.reports.clear();
        return Ok(());
    };
    let today = app.session.today;
    let mentor = (!app.session.sees_whole_program()).then_some(app.session.me().key);
    let store = &app.session;
    let mut reports = Vec::new();
    // The most overdue first; a list this long is read from the top.
    let overdue = store.overdue_reports(mentor, REPORTS_SHOWN as u32)?;
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
        let submitted = row.contact.input.submitted_on.is_some();
        if let ReportState::Pending { due } = report_state(on, submitted, Some(weekday), today) {
            reports.push(ReportItem {
                row,
                due,
                days_overdue: None,
            });
        }
    }
    let state = &mut app.forms;
    state.reports = reports;
    state.cursor.clamp(state.reports.len());
    Ok(())
}

pub fn load_filed(app: &mut App) -> Result<()> {
    let Some(form) = app.forms.form(&app.session.program) else {
        app.forms.filed.clear();
        app.forms.draft = None;
        return Ok(());
    };
    // The row selected, by key, so that it stays selected wherever it now stands.
    let listed = app.forms.listed_keys();
    let before = listed
        .get(app.forms.filed_filter.cursor().selected)
        .map(|key| match key {
            Some(key) => {
                let filed = app.forms.filed.iter().find(|s| s.key == *key);
                (Some(*key), filed.map_or_else(String::new, filed_label))
            }
            None => (None, "your draft".to_string()),
        });
    app.forms.draft = app.form_draft_file(form.id).and_then(|d| d.load());
    let mut filed = app.session.filed_forms(form)?;
    if let Some((person, _)) = &app.forms.person {
        filed.retain(|s| s.about == Some(*person));
    }
    app.forms.filed = filed;
    let listed = app.forms.listed_keys();
    let gone = app.forms.filed_filter.follow_keys(before, &listed);
    app.lost_selection(gone);
    Ok(())
}

pub fn update(app: &mut State, action: Action) -> Update {
    match action {
        Action::Letters => return open_letters(app),
        Action::FocusPane(pane) => return (std::mem::replace(&mut app.forms.pane, pane) != pane).into(),
        Action::NewForm => {
            return match app.forms.form(&app.context.program) {
                Some(form) => Update::load(Load::Form(form)),
                None => Update::redraw(),
            };
        }
        Action::CyclePerson => return cycle_person(app),
        _ => {}
    }
    match app.forms.pane {
        Pane::Templates => templates_update(app, action),
        Pane::Items if app.forms.template == 0 => reports_update(app, action),
        Pane::Items => filed_update(app, action),
    }
}

fn templates_update(app: &mut State, action: Action) -> Update {
    let before = app.forms.template;
    match action {
        Action::Move(motion) => {
            // The contact reports, then every form of the program.
            let len = app.context.program.forms().len() + 1;
            let mut cursor = ListCursor::at(before);
            cursor.apply(motion, len);
            app.forms.template = cursor.selected;
        }
        Action::Open => {
            return match app.forms.form(&app.context.program) {
                Some(form) => Update::load(Load::Form(form)),
                None => {
                    app.forms.pane = Pane::Items;
                    Update::redraw()
                }
            };
        }
        _ => return Update::unchanged(),
    }
    if before == app.forms.template {
        return Update::unchanged();
    }
    app.forms.filed_filter = ListFilter::default();
    Update::load(Load::Filed)
}

fn reports_update(app: &mut State, action: Action) -> Update {
    if let Action::Move(motion) = action {
        let len = app.forms.reports.len();
        return app.forms.cursor.apply(motion, len).into();
    }
    let Some(item) = app.forms.reports.get(app.forms.cursor.selected).cloned() else {
        return Update::unchanged();
    };
    match action {
        Action::MarkSubmitted => super::contacts::submit_report(app, &item.row),
        Action::Open => {
            app.contacts.filter = ContactFilter::default();
            app.screen = super::Screen::Contacts;
            Update::load(Load::SelectContact(item.row.contact.key))
        }
        _ => Update::unchanged(),
    }
}

fn filed_update(app: &mut State, action: Action) -> Update {
    let drafts = usize::from(app.forms.draft_listed());
    let shown = app.forms.filed_shown();
    if let Filtered::Taken { changed, .. } = app.forms.filed_filter.update(action, drafts + shown.len()) {
        return changed.into();
    }
    if action != Action::Open {
        return Update::unchanged();
    }
    let Some(form) = app.forms.form(&app.context.program) else {
        return Update::unchanged();
    };
    let selected = app.forms.filed_filter.cursor().selected;
    if selected < drafts {
        return Update::load(Load::Form(form));
    }
    match shown.get(selected - drafts).and_then(|&i| app.forms.filed.get(i)) {
        Some(filed) => Update::load(Load::FiledForm(form, Box::new(filed.clone()))),
        None => Update::unchanged(),
    }
}

/// The partner a reflection is shared with: the mentee it is about, or the author's mentor.
pub fn share_question(app: &App, fill: &FormFill) -> Result<Overlay> {
    let me = app.session.me().key;
    let about = fill.about().map(|c| c.person);
    let partner = match about {
        Some(person) => Some(person),
        None => app
            .session
            .assignments_of(me)?
            .into_iter()
            .find(|a| a.mentee == me && a.ended_on.is_none())
            .map(|a| a.mentor),
    };
    let partner =
        partner.ok_or_else(|| crate::error::Error::Input("no partner to share this with".into()))?;
    let name = app.session.person(partner)?.map(|p| p.name).unwrap_or_default();
    Ok(Overlay::Confirm {
        question: format!(
            "Share this reflection with {name}? Only the two of you will see it on screen, but it will be kept in the program database, which the program's group can read. (y/n)"
        ),
        action: super::Confirm::ShareReflection {
            form: fill.def.id,
            partner,
            values: fill.values(),
        },
    })
}

fn cycle_person(app: &mut State) -> Update {
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
    Update::load(Load::Filed)
}

/// A blank form, or the draft of that form left from before.
pub fn form_to_fill(app: &App, form: &'static FormDef) -> Result<FormFill> {
    match app.form_draft_file(form.id).and_then(|d| d.load::<FormDraft>()) {
        // A draft of a form this program no longer has (an old or hand-edited file) is no draft.
        Some(draft) => match FormFill::from_draft(&app.session, &draft)? {
            Some(fill) => Ok(fill),
            None => FormFill::new(&app.session, form),
        },
        None => FormFill::new(&app.session, form),
    }
}

fn open_letters(app: &mut State) -> Update {
    app.overlay = Some(Overlay::Choose(Choice {
        title: "Which letter?".into(),
        options: Letter::ALL
            .iter()
            .map(|l| (l.label().to_string(), l.slug().to_string()))
            .collect(),
        picker: Default::default(),
        action: ChoiceAction::Letter,
    }));
    Update::redraw()
}

/// After the letter is picked: ask whom it is for, or write it at once.
pub fn letter_chosen(slug: &str) -> Option<Effect> {
    let letter = Letter::ALL.into_iter().find(|l| l.slug() == slug)?;
    Some(match letter.addressee() {
        None => Effect::WriteLetter {
            letter,
            person: None,
            confirmed: false,
        },
        Some(role) => Effect::Load(Load::LetterRecipients(letter, role)),
    })
}

/// Whom the user may write `letter` for, to pick from.
pub fn letter_recipients(app: &App, letter: Letter, role: Role) -> Result<Choice> {
    let options: Vec<(String, String)> = app
        .session
        .people_with_role(role)?
        .into_iter()
        .filter(|p| app.session.require_letter_about(Some(p)).is_ok())
        .map(|p| (format!("{} · {}", p.name, p.affiliation()), p.key.to_string()))
        .collect();
    if options.is_empty() {
        return Err(crate::error::Error::Input(
            "Nobody you may write this letter for".into(),
        ));
    }
    Ok(Choice {
        title: format!("{} for whom?", letter.label()),
        options,
        picker: Default::default(),
        action: ChoiceAction::LetterFor(letter),
    })
}
