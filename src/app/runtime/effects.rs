//! Runs the effects `update` returns, in order, right after it: the writes here, the reads in
//! `loads`, filing forms and writing letters in `documents`.

use super::{App, documents, loads};
use crate::app::Overlay;
use crate::app::effects::Effect;
use crate::error::{Error, Result};
use crate::export::letters::Letter;

pub fn run(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        run_effect(app, effect);
    }
}

/// Shows the outcome of a write: `done` and a reload, or the error.
fn report(app: &mut App, result: Result<String>) {
    match result {
        Ok(done) => {
            app.info(done);
            app.reload();
        }
        Err(conflict @ Error::Conflict { .. }) => {
            app.error(format!("{conflict}: the screen now shows their change"));
            app.reload();
        }
        Err(err) => app.error(err.to_string()),
    }
}

pub fn run_effect(app: &mut App, effect: Effect) {
    let today = app.session.today;
    match effect {
        Effect::Load(load) => loads::run_load(app, load),
        Effect::Sync => app.sync_waiting = true,
        Effect::SettleSync { gid, keep_theirs } => {
            match app.session.settle_sync_conflict(&gid, keep_theirs) {
                Ok(()) if keep_theirs => app.info("Kept the box's version; yours was discarded"),
                Ok(()) => app.info("Yours goes over the box's at the next sync (U)"),
                Err(err) => app.error(err.to_string()),
            }
            app.reload();
            super::conflict::offer_sync(app);
        }
        Effect::OpenProgram { name, db } => {
            let taker = &app.programs.taker;
            if std::fs::canonicalize(&db).ok() == std::fs::canonicalize(app.session.database_path()).ok() {
                app.screen = crate::app::Screen::Caseload;
                app.info(format!("{name} is the program open now"));
                app.reload();
                return;
            }
            match crate::service::programs::open_session(&db, &taker.login, None, taker.today) {
                Ok(session) => app.switch_to = Some(session),
                Err(err) => app.error(format!("could not open {name}: {err}")),
            }
        }
        Effect::SaveContact {
            editing,
            input,
            person,
            draft,
        } => {
            let saved = match editing {
                Some(editing) => app.session.update_contact(editing.key, editing.version, &input),
                None => app.session.log_contact(&input).map(|_| ()),
            };
            match saved {
                Ok(()) => {
                    if let Some(drafts) = app.contact_draft_file(&draft) {
                        drafts.clear();
                    }
                    app.overlay = None;
                    let verb = if editing.is_some() {
                        "Saved changes to"
                    } else {
                        "Logged"
                    };
                    app.info(format!("{verb} the {} with {person}", input.outcome.label()));
                    app.reload();
                }
                Err(conflict @ Error::Conflict { .. }) if editing.is_some() => {
                    super::conflict::offer(app, &conflict);
                }
                // The domain's reason, at the field it is about; the form stays as typed.
                Err(err) => {
                    let at_field = match &mut app.overlay {
                        Some(Overlay::ContactForm(form)) => form.refused(&err),
                        _ => false,
                    };
                    if !at_field {
                        app.error(err.to_string());
                    }
                }
            }
        }
        Effect::DeleteContact(key) => {
            let result = app.session.delete_contact(key);
            report(app, result.map(|()| "Contact deleted".into()));
        }
        Effect::MarkSubmitted { contact, person, .. } => {
            let result = app.session.mark_submitted(contact, today);
            report(
                app,
                result.map(|()| format!("Report submitted for {}", crate::domain::sanitize::line(&person))),
            );
        }
        Effect::EndAssignment { assignment, reason } => {
            let result = app.session.end_assignment(assignment, today, reason);
            report(
                app,
                result.map(|_| "Assignment ended; it stays in the person's history".into()),
            );
        }
        Effect::Assign {
            mentor,
            mentee,
            done,
            confirmed,
        } => {
            if !confirmed {
                match app.session.match_objection(mentor, mentee) {
                    Ok(broken) if !broken.is_empty() => {
                        app.overlay = Some(crate::app::Overlay::Confirm {
                            question: format!(
                                "The program's rules exclude this pair: {}. Assign anyway? (y/n)",
                                broken.join("; ")
                            ),
                            action: crate::app::Confirm::AssignAnyway { mentor, mentee, done },
                        });
                        return;
                    }
                    Ok(_) => {}
                    Err(err) => return app.error(err.to_string()),
                }
            }
            let result = app.session.assign(mentor, mentee, today, confirmed);
            report(app, result.map(|_| done));
        }
        Effect::SaveEvent {
            editing,
            event,
            draft,
        } => {
            let saved = match editing {
                Some(editing) => app.session.update_event(editing.key, editing.version, &event),
                None => app.session.add_event(&event).map(|_| ()),
            };
            match saved {
                Ok(()) => {
                    if let Some(drafts) = app.event_draft_file(&draft) {
                        drafts.clear();
                    }
                    app.overlay = None;
                    app.info(format!("Scheduled on {}", event.date.format("%a %b %-d")));
                    app.reload();
                }
                Err(conflict @ Error::Conflict { .. }) if editing.is_some() => {
                    super::conflict::offer(app, &conflict);
                }
                Err(err) => app.error(err.to_string()),
            }
        }
        Effect::CancelOccurrence(occurrence) => {
            let result = app.session.cancel_occurrence(&occurrence);
            report(
                app,
                result.map(|()| format!("Cancelled {} on {}", occurrence.title, occurrence.date)),
            );
        }
        Effect::SetAttendance {
            date,
            title,
            person,
            status,
        } => match app.session.set_attendance(date, &title, person, status) {
            Ok(()) => {
                if let Some(Overlay::Event(view)) = &mut app.overlay
                    && let Some(i) = view.attendance.iter().position(|(p, ..)| p.key == person)
                {
                    view.attendance[i].1 = Some(status);
                    view.attendance[i].2 = status.guests_kept(view.attendance[i].2);
                    view.cursor = (i + 1).min(view.attendance.len() - 1);
                }
            }
            Err(err) => app.error(err.to_string()),
        },
        Effect::SetGuests {
            date,
            title,
            person,
            guests,
        } => match app.session.set_guests(date, &title, person, guests) {
            Ok(()) => {
                if let Some(Overlay::Event(view)) = &mut app.overlay
                    && let Some(row) = view.attendance.iter_mut().find(|(p, ..)| p.key == person)
                {
                    row.2 = guests;
                }
            }
            Err(err) => app.error(err.to_string()),
        },
        Effect::Remind {
            mentor,
            mentor_name,
            text,
        } => match app.session.remind(mentor, &text) {
            Ok(()) => app.info(format!(
                "Reminder sent to {mentor_name}: it shows on their next start"
            )),
            Err(err) => app.error(err.to_string()),
        },
        Effect::FileForm(filing) => documents::file_form(app, &filing),
        Effect::ShareReflection {
            form,
            partner,
            values,
        } => match app.session.share_reflection(form, partner, &values) {
            Ok(_) => app.info("Shared with your partner"),
            Err(err) => app.error(err.to_string()),
        },
        Effect::MarkRemindersRead => {
            if let Err(err) = app.session.mark_reminders_read() {
                app.error(err.to_string());
            }
        }
        Effect::MarkChangesSeen(up_to) => {
            if let Err(err) = app.session.mark_changes_seen(up_to) {
                app.error(err.to_string());
            }
        }
        Effect::KeepContactDraft(draft) => keep_draft(app, app.contact_draft_file(&draft.id), &draft),
        Effect::ClearContactDraft(id) => clear_draft(app.contact_draft_file(&id)),
        Effect::KeepEventDraft(draft) => keep_draft(app, app.event_draft_file(&draft.id), &draft),
        Effect::ClearEventDraft(id) => clear_draft(app.event_draft_file(&id)),
        Effect::KeepFieldsDraft(draft) => keep_draft(app, app.fields_draft_file(&draft.id()), &draft),
        Effect::ClearFieldsDraft(id) => clear_draft(app.fields_draft_file(&id)),
        Effect::KeepFormDraft(draft) => keep_draft(app, app.form_draft_file(&draft.form), &draft),
        Effect::WriteLetter {
            letter,
            person,
            confirmed,
        } => {
            let objection = match (letter, person) {
                (Letter::Certificate, Some(key)) => {
                    match app.session.person(key).and_then(|p| match p {
                        Some(p) => Ok(app.session.certificate_objection(&p)?.map(|o| (p, o))),
                        None => Ok(None),
                    }) {
                        Ok(objection) => objection,
                        Err(err) => return app.error(err.to_string()),
                    }
                }
                _ => None,
            };
            if let Some((mentee, objection)) = &objection
                && !confirmed
            {
                app.overlay = Some(crate::app::Overlay::Confirm {
                    question: format!("{objection}. Write the certificate of completion anyway? (y/n)"),
                    action: crate::app::Confirm::CertificateAnyway { person: mentee.key },
                });
                return;
            }
            let written = documents::write_letter(app, letter, person).and_then(|path| {
                if let Some((mentee, objection)) = &objection {
                    app.session.certificate_anyway(mentee, objection)?;
                }
                Ok(path)
            });
            match written {
                Ok(path) => app.info(format!("Wrote {} (and .txt)", path.display())),
                Err(err) => app.error(err.to_string()),
            }
        }
        Effect::SavePerson {
            editing,
            id,
            name,
            role,
            fields,
        } => {
            let saved = match editing {
                Some(editing) => app.session.edit_person(editing, &name, &fields),
                None => app.session.create_person(&id, &name, role, &fields).map(|_| ()),
            };
            let done = match editing {
                Some(_) => format!("Saved {name}"),
                None => format!("Added {name} as {role}"),
            };
            close_fields_or_offer(app, saved.map(|()| done));
        }
        Effect::SetActive { person, active } => {
            let result = app.session.set_person_active(person, active);
            report(
                app,
                result.map(|ended| match active {
                    true => "Reactivated".to_string(),
                    false => format!("Deactivated; {ended} open assignment(s) ended; their records stay"),
                }),
            );
        }
        Effect::WarnMentor { id, ground } => {
            let result = app.session.warn_mentor(&id, ground, "");
            report(
                app,
                result.map(|m| {
                    format!(
                        "Warned {}: {}; they are told on their next start",
                        m.name,
                        ground.label()
                    )
                }),
            );
        }
        Effect::RemoveMentor { id, ground } => {
            let result = app.session.remove_mentor(&id, ground, "");
            report(
                app,
                result.map(|(m, ended)| {
                    format!(
                        "{} left the program ({}); {ended} open assignment(s) ended",
                        m.name,
                        ground.label()
                    )
                }),
            );
        }
        Effect::ChangeRole { person, role } => {
            let result = app.session.change_role(person, role);
            report(
                app,
                result.map(|ended| format!("Now {role}; {ended} open assignment(s) ended")),
            );
        }
        Effect::SetSetting { key, json, from } => {
            let result = app.session.set_setting(key, &json, Some(&from));
            let now = match (crate::app::setting_fields::find(key), serde_json::from_str(&json)) {
                (Some(def), Ok(value)) => crate::app::setting_fields::summary(def, &value),
                _ => json.clone(),
            };
            close_fields_or_offer(app, result.map(|()| format!("Setting {key} is now {now}")));
        }
        Effect::SetSettingRow { key, at, row, from } => {
            let result = app.session.set_setting_row(key, at, row.as_deref(), Some(&from));
            let done = match (at, &row) {
                (None, _) => "added",
                (Some(_), Some(_)) => "saved",
                (Some(_), None) => "removed",
            };
            let noun = crate::app::setting_fields::find_rows(key).map_or(key, |def| def.noun);
            close_fields_or_offer(app, result.map(|()| format!("The {noun} is {done}")));
        }
        Effect::ExtendAssignment {
            assignment,
            until,
            reason,
        } => {
            let result = match app.session.assignment(assignment) {
                Ok(Some(pair)) => app
                    .session
                    .extend_assignment(&pair, until, &reason)
                    .map(|()| format!("The match now runs to {until}")),
                Ok(None) => Err(Error::Input("that assignment is no longer in the program".into())),
                Err(err) => Err(err),
            };
            close_fields_or_keep(app, result);
        }
        Effect::AddLedgerEntry {
            mentor,
            kind,
            amount,
            on,
            note,
        } => {
            let result =
                crate::service::ledger::add_entry(&mut app.session, &mentor, &kind, &amount, on, &note);
            close_fields_or_keep(
                app,
                result.map(|(key, added)| format!("Added {added} {kind} for {mentor} on {on} (entry {key})")),
            );
        }
        Effect::SetRiskLines { lines, from } => {
            let result = app.session.set_risk_lines(&lines, Some(&from));
            close_fields_or_offer(app, result.map(|()| "Risk lines saved".to_string()));
        }
    }
}

/// Writes a draft to its file; a failure says where on the message line.
fn keep_draft<T: serde::Serialize>(app: &mut App, file: Option<crate::app::drafts::DraftFile>, draft: &T) {
    if let Some(file) = file
        && let Err(err) = file.save(draft)
    {
        app.error(format!("cannot keep a draft in {}: {err}", file.path().display()));
    }
}

fn clear_draft(file: Option<crate::app::drafts::DraftFile>) {
    if let Some(file) = file {
        file.clear();
    }
}

/// After saving an open field form: as [`close_fields_or_keep`], but a newer version saved
/// meanwhile offers keeping theirs, overwriting or reviewing.
fn close_fields_or_offer(app: &mut App, result: Result<String>) {
    match result {
        Err(conflict @ Error::Conflict { .. }) => super::conflict::offer(app, &conflict),
        result => close_fields_or_keep(app, result),
    }
}

/// After saving an open field form: closes it and says what was done, or keeps it open, as
/// typed, with the reason it could not be saved.
fn close_fields_or_keep(app: &mut App, result: Result<String>) {
    match result {
        Ok(done) => {
            if let Some(Overlay::Fields(open)) = &app.overlay {
                let id = crate::app::field_drafts::draft_id(&open.1);
                run_effect(app, Effect::ClearFieldsDraft(id));
            }
            app.overlay = None;
            app.info(done);
            app.reload();
        }
        Err(err) => match &mut app.overlay {
            Some(Overlay::Fields(open)) => open.0.error = Some(err.to_string()),
            _ => app.error(err.to_string()),
        },
    }
}
