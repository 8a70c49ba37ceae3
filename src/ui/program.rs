//! Program: the mentors table, behind first (the caseload's mentor picker reuses it), and the
//! coordinator's desk views.

use super::widgets::{Count, built_table, cell, filter_line, scrolling_table, short_date, windowed_table};
use crate::app::keymap::{Block, hints, view_key};
use crate::app::list::ListFilter;
use crate::app::mentor_label;
use crate::app::{ProgramView, State};
use crate::domain::applications::Status;
use crate::service::caseload::MentorRow;
use crate::service::caseload::Triage;
use crate::service::ledger;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Row};

/// The mentors the filter matches, under the filter line.
pub fn mentor_table(
    app: &State,
    mentors: &[MentorRow],
    triage: &[Triage],
    filter: &ListFilter,
    title: String,
    frame: &mut Frame,
    area: Rect,
) {
    let theme = app.theme;
    let today = app.context.today;
    let shown = filter.matching(mentors, mentor_label);
    let idle = hints(Block::MentorsFilter, app.context.sees_whole_program());
    let area = filter_line(
        frame,
        area,
        theme,
        filter,
        Count {
            shown: shown.len(),
            total: mentors.len(),
            nouns: ["mentor", "mentors"],
        },
        idle,
    );
    // The caseload's picker has no triage: it leaves out the columns only triage fills.
    let with_triage = !triage.is_empty();
    // Guardians, staff and providers reached, apart from the quota, where there are any.
    let with_support = mentors.iter().any(|m| m.standing.support > 0);
    // Of the people counted, those off the mentor's caseload, where any are.
    let with_off = mentors.iter().any(|m| m.standing.off_caseload > 0);
    let plan_based = mentors.iter().any(|m| m.plans.is_some());
    let rows: Vec<Vec<Text>> = shown
        .into_iter()
        .map(|i| (&mentors[i], i))
        .map(|(m, i)| {
            let s = &m.standing;
            let mut cells = vec![Text::raw(cell(&m.mentor.name))];
            // A plan-based program has no quota: its mentors' plans and next steps instead.
            match m.plans {
                Some(plans) => {
                    let style = if plans.filed < plans.pairs {
                        theme.warning()
                    } else {
                        Style::new()
                    };
                    cells.push(Text::styled(format!("{} of {}", plans.filed, plans.pairs), style));
                    // A next step whose date has passed is marked, not only coloured.
                    cells.push(match plans.next_on {
                        Some(on) if on < today => {
                            Text::styled(format!("!{}", short_date(on, today)), theme.warning())
                        }
                        Some(on) => Text::raw(short_date(on, today)),
                        None => Text::raw("—"),
                    });
                }
                None => {
                    cells.push(Text::raw(match s.quota {
                        Some(quota) => format!("{} of {quota}", s.count),
                        None => s.count.to_string(),
                    }));
                    if with_off {
                        cells.push(Text::raw(s.off_caseload.to_string()));
                    }
                    if with_support {
                        cells.push(Text::raw(s.support.to_string()));
                    }
                    cells.push(Text::styled(s.status.word(), theme.quota(s.status)));
                }
            }
            cells.extend([if m.overdue_reports > 0 {
                Text::styled(format!("{} late", m.overdue_reports), theme.warning())
            } else {
                Text::raw("none")
            }]);
            if let Some(balance) = m.pillars {
                let style = if balance.forgotten().is_empty() && balance.total() > 0 {
                    theme.good()
                } else {
                    theme.warning()
                };
                cells.push(Text::styled(
                    format!("{} {}", balance.counts(), balance.status_word()),
                    style,
                ));
            }
            if let Some(t) = triage.get(i) {
                cells.push(Text::raw(format!("{}/{}", t.attended.0, t.attended.1)));
                cells.push(if t.needs_people {
                    Text::styled("needs people", theme.warning())
                } else if t.warnings > 0 {
                    Text::styled(format!("{} · warned", t.active), theme.warning())
                } else {
                    Text::raw(format!("{} active", t.active))
                });
            } else if with_triage {
                cells.extend([Text::raw(""), Text::raw("")]);
            }
            cells.push(Text::raw(
                m.last_activity
                    .map(|at| short_date(at.date(), today))
                    .unwrap_or_else(|| "never".into()),
            ));
            cells
        })
        .collect();
    let mut header = vec!["Mentor"];
    let mut widths = vec![Constraint::Fill(1)];
    if plan_based {
        header.extend(["Plans", "Next"]);
        widths.extend([Constraint::Length(6), Constraint::Length(7)]);
    } else {
        header.push("People");
        widths.push(Constraint::Length(6));
        if with_off {
            header.push("Off caseload");
            widths.push(Constraint::Length(12));
        }
        if with_support {
            header.push("Support");
            widths.push(Constraint::Length(7));
        }
        header.push("Status");
        widths.push(Constraint::Length(8));
    }
    header.push("Reports");
    widths.push(Constraint::Length(7));
    if app.context.program.settings.pillars {
        header.push("I/B/S");
        widths.push(Constraint::Length(14));
    }
    if with_triage {
        header.extend(["Came", "Caseload"]);
        widths.extend([Constraint::Length(5), Constraint::Length(12)]);
    }
    header.push("Last");
    widths.push(Constraint::Length(6));
    let header = Row::new(header);
    scrolling_table(
        frame,
        area,
        theme,
        theme.block(title),
        header,
        rows,
        &widths,
        filter.cursor(),
    );
}

fn view_bar(app: &State) -> Line<'static> {
    let theme = app.theme;
    let mut spans = Vec::new();
    for (view, name) in ProgramView::NAMES {
        if !app.context.sees_whole_program() && !view.open_to_mentors() {
            continue;
        }
        if !view.applies_to(&app.context.program.settings) {
            continue;
        }
        let Some(key) = view_key(view) else { continue };
        let style = if app.program.view == view {
            theme.tab_active()
        } else {
            theme.muted()
        };
        spans.push(Span::raw(format!(" {key} ")));
        spans.push(Span::styled(name, style));
    }
    Line::from(spans)
}

pub fn render(app: &State, frame: &mut Frame, area: Rect) {
    let state = &app.program;
    let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(view_bar(app), bar);
    match state.view {
        ProgramView::Mentors => {
            let title = format!(
                " Mentors · {} · {} ",
                state.month.label(),
                hints(Block::Mentors, app.context.sees_whole_program())
            );
            mentor_table(
                app,
                &state.mentors,
                &state.triage,
                &state.mentors_filter,
                title,
                frame,
                body,
            );
        }
        ProgramView::Overdue => render_overdue(app, frame, body),
        ProgramView::Matching => render_matching(app, frame, body),
        ProgramView::Evaluation => render_evaluation(app, frame, body),
        ProgramView::Ledger => render_ledger(app, frame, body),
        ProgramView::Alerts => render_alerts(app, frame, body),
        ProgramView::Audit => render_audit(app, frame, body),
        ProgramView::Applicants => render_applicants(app, frame, body),
    }
}

fn render_applicants(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let rows: Vec<Vec<Text>> = app
        .program
        .applicants
        .iter()
        .map(|a| {
            let file = &a.application;
            let association = file.references.iter().filter(|r| r.association).count();
            let detail = match &file.decision {
                Some(d) => d.reason.clone(),
                None if a.missing.is_empty() => "ready for the committee".into(),
                None => format!("missing {}", a.missing.join(", ")),
            };
            let status = match a.status {
                Status::Incomplete => Text::styled(a.status.as_str(), theme.warning()),
                _ => Text::raw(a.status.as_str()),
            };
            vec![
                Text::raw(cell(&a.name)),
                status,
                Text::raw(format!("{}/2 ({association} Assn)", file.references.len())),
                Text::raw(cell(&detail)),
            ]
        })
        .collect();
    let header = Row::new(vec!["Applicant", "Status", "References", "Missing / decision"]);
    let widths = [
        Constraint::Length(18),
        Constraint::Length(10),
        Constraint::Length(12),
        Constraint::Fill(1),
    ];
    let title = format!(
        " Mentor applicants ({}) · {} ",
        app.program.applicants.len(),
        hints(Block::Applicants, app.context.sees_whole_program())
    );
    scrolling_table(
        frame,
        area,
        theme,
        theme.block(title),
        header,
        rows,
        &widths,
        &app.program.list_cursor,
    );
}

fn render_overdue(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let today = app.context.today;
    let state = &app.program;
    let row_at = |i: usize| {
        let Some(o) = state.overdue_item(i) else {
            return vec![Text::raw("…")];
        };
        let previous = i.checked_sub(1).and_then(|p| state.overdue_item(p));
        let mentor = if previous.is_some_and(|p| p.mentor_key == o.mentor_key) {
            String::new()
        } else {
            cell(&o.mentor)
        };
        vec![
            Text::raw(mentor),
            Text::styled(format!("{}d", o.days_overdue), theme.warning()),
            Text::raw(short_date(o.due, today)),
            Text::raw(cell(&o.what)),
        ]
    };
    let header = Row::new(vec!["Mentor", "Late", "Due", "What"]);
    let widths = [
        Constraint::Length(18),
        Constraint::Length(5),
        Constraint::Length(7),
        Constraint::Fill(1),
    ];
    let title = format!(
        " Overdue · {} ",
        hints(Block::Overdue, app.context.sees_whole_program())
    );
    let idle = hints(Block::OverdueFilter, app.context.sees_whole_program());
    let area = filter_line(
        frame,
        area,
        theme,
        &state.overdue_filter,
        Count {
            shown: state.overdue.total,
            total: state.overdue_all.total,
            nouns: ["overdue", "overdue"],
        },
        idle,
    );
    windowed_table(
        frame,
        area,
        theme,
        theme.block(title),
        header,
        state.overdue.total,
        row_at,
        &widths,
        state.overdue_filter.cursor(),
    );
}

fn render_matching(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let state = &app.program;
    let shown = state.unmatched_shown();
    let idle = hints(Block::MatchingFilter, app.context.sees_whole_program());
    let area = filter_line(
        frame,
        area,
        theme,
        &state.unmatched_filter,
        Count {
            shown: shown.len(),
            total: state.unmatched.len(),
            nouns: ["unmatched", "unmatched"],
        },
        idle,
    );
    let rows: Vec<Vec<Text>> = shown
        .into_iter()
        .map(|i| &state.unmatched[i])
        .map(|p| {
            let f = &p.fields;
            vec![
                Text::raw(cell(&p.name)),
                Text::raw(cell(f.job_family.as_deref().unwrap_or(""))),
                Text::raw(cell(f.location.as_deref().unwrap_or(""))),
                Text::raw(cell(f.goals.as_deref().unwrap_or(""))),
            ]
        })
        .collect();
    let header = Row::new(vec!["Unmatched", "Family", "Location", "Goals"]);
    let widths = [
        Constraint::Length(18),
        Constraint::Length(8),
        Constraint::Length(14),
        Constraint::Fill(1),
    ];
    let title = format!(
        " Unmatched · {} ",
        hints(Block::Matching, app.context.sees_whole_program())
    );
    scrolling_table(
        frame,
        area,
        theme,
        theme.block(title),
        header,
        rows,
        &widths,
        state.unmatched_filter.cursor(),
    );
}

fn render_evaluation(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let Some(e) = &app.program.evaluation else { return };
    let mut lines = Vec::new();
    if !e.exit_completion.is_empty() {
        lines.push(Line::styled(
            "End-of-match forms (mean of 1–5, answers 1·2·3·4·5)",
            theme.title(),
        ));
    }
    for item in &e.exit_items {
        let mean = item.mean.map_or("  — ".to_string(), |m| format!("{m:.2}"));
        let d = item.distribution;
        let who = match item.by {
            "mentor" => "mentors",
            "mentee" => "mentees",
            _ => "both",
        };
        // Cut to the block's width with the other lines, at a word, with "…".
        lines.push(Line::raw(format!(
            " {who:<7} {mean} [{} {} {} {} {}] {}",
            d[0], d[1], d[2], d[3], d[4], item.item
        )));
    }
    if !e.exit_completion.is_empty() {
        let completion: Vec<String> = e
            .exit_completion
            .iter()
            .map(|(form, (done, of))| format!("{form} {done}/{of}"))
            .collect();
        lines.push(Line::raw(format!(
            " filed for ended matches: {}",
            completion.join(" · ")
        )));
    }
    lines.push(Line::styled("Conversations per month", theme.title()));
    let max = e
        .contacts_per_month
        .iter()
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(0)
        .max(1);
    let bar = "█";
    for (month, count) in e.contacts_per_month.iter().rev().take(6).rev() {
        lines.push(Line::raw(format!(
            " {month} {count:>4} {}",
            bar.repeat((count * 40).div_ceil(max) as usize)
        )));
    }
    let early: u32 = e.ended_early.values().sum();
    let reasons: Vec<String> = e.ended_early.iter().map(|(r, n)| format!("{r} {n}")).collect();
    lines.push(Line::styled("Retention", theme.title()));
    let why = if reasons.is_empty() {
        String::new()
    } else {
        format!(" ({})", reasons.join(", "))
    };
    lines.push(Line::raw(format!(
        " {} completed · {early} ended early{why}",
        e.completed
    )));
    let (present, marked, guests) = e
        .attendance
        .iter()
        .fold((0, 0, 0), |(p, m, g), (_, _, a, b, c)| (p + a, m + b, g + c));
    let with = match crate::domain::agenda::guests_said(guests) {
        said if said.is_empty() => said,
        said => format!(", with {said}"),
    };
    lines.push(Line::raw(format!(
        " check-in attendance: {present} of {marked} marked present{with}"
    )));
    let block = theme.block(" Program evaluation ");
    let lines = super::widgets::fit_lines(lines, &block, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn render_ledger(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let state = &app.program;
    let totals = ledger::LedgerTotals::of(&state.ledger);
    let shown = state.ledger_shown();
    let idle = hints(Block::LedgerFilter, app.context.sees_whole_program());
    let area = filter_line(
        frame,
        area,
        theme,
        &state.ledger_filter,
        Count {
            shown: shown.len(),
            total: state.ledger.len(),
            nouns: ["entry", "entries"],
        },
        idle,
    );
    let row_at = |i: usize| {
        let l = &state.ledger[shown[i]];
        vec![
            Text::raw(cell(&l.mentor)),
            Text::raw(l.date.to_string()),
            Text::raw(cell(&l.kind)),
            Text::raw(l.status.as_str()),
            Text::raw(l.amount()),
            Text::raw(cell(&l.note)),
        ]
    };
    let header = Row::new(vec!["Mentor", "Date", "Kind", "Status", "Amount", "Note"]);
    // The status keeps its own column, so "pending" is never cut with a long note.
    let widths = [
        Constraint::Length(15),
        Constraint::Length(10),
        Constraint::Length(11),
        Constraint::Length(7),
        Constraint::Length(9),
        Constraint::Fill(1),
    ];
    let time = ledger::time_summary(&state.ledger);
    let title = if time.is_empty() {
        format!(" Ledger · {} ", totals.summary())
    } else {
        format!(" Ledger · {} · {time} ", totals.summary())
    };
    built_table(
        frame,
        area,
        theme,
        theme.block(title),
        header,
        shown.len(),
        row_at,
        &widths,
        state.ledger_filter.cursor(),
    );
}

fn render_audit(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let state = &app.program;
    let shown = state.audit_shown();
    let area = filter_line(
        frame,
        area,
        theme,
        &state.audit_filter,
        Count {
            shown: shown.len(),
            total: state.audit.len(),
            nouns: ["change", "changes"],
        },
        hints(Block::AuditText, true),
    );
    let rows: Vec<Vec<Text>> = shown
        .into_iter()
        .map(|i| &state.audit[i])
        .map(|line| {
            vec![
                Text::raw(line.entry.at.replace('T', " ")),
                Text::raw(cell(&line.who)),
                Text::raw(cell(&line.what)),
            ]
        })
        .collect();
    let header = Row::new(vec!["When", "Who", "What"]);
    let widths = [
        Constraint::Length(19),
        Constraint::Length(16),
        Constraint::Fill(1),
    ];
    scrolling_table(
        frame,
        area,
        theme,
        theme.block(audit_title(app)),
        header,
        rows,
        &widths,
        state.audit_filter.cursor(),
    );
}

/// " Audit log · by Dana Reyes · about Sam Ortiz · 12 changes · c clears ", or with no
/// filter the newest changes and the keys that pick one.
fn audit_title(app: &State) -> String {
    let state = &app.program;
    let count = state.audit.len();
    let mut parts = vec!["Audit log".to_string()];
    if let Some(by) = &state.audit_by {
        parts.push(format!("by {}", by.name));
    }
    if let Some(about) = &state.audit_about {
        parts.push(format!("about {}", about.name));
    }
    let filtered = parts.len() > 1;
    let changes = if count == 1 { "change" } else { "changes" };
    parts.push(match filtered {
        true => format!("{count} {changes}"),
        false => format!("newest {count} {changes}"),
    });
    parts.push(hints(
        if filtered {
            Block::AuditFiltered
        } else {
            Block::AuditFilters
        },
        true,
    ));
    format!(" {} ", parts.join(" · "))
}

fn render_alerts(app: &State, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let rows: Vec<Vec<Text>> = app
        .program
        .alerts
        .iter()
        .map(|r| {
            let since = r
                .days_since_contact
                .map_or("never".to_string(), |d| format!("{d}d ago"));
            vec![
                Text::raw(cell(&r.student.name)),
                Text::raw(
                    r.mentor
                        .as_ref()
                        .map(|m| cell(&m.name))
                        .unwrap_or_else(|| "unassigned".into()),
                ),
                Text::raw(since),
                Text::styled(
                    format!("HIGH · {}", crate::domain::risk::triggers_said(&r.triggers)),
                    theme.warning(),
                ),
            ]
        })
        .collect();
    let header = Row::new(vec!["Student", "Mentor", "Contact", "Risk"]);
    let widths = [
        Constraint::Length(16),
        Constraint::Length(15),
        Constraint::Length(9),
        Constraint::Fill(1),
    ];
    let (title, area) = match &app.context.program.settings.risk {
        Some(lines) => {
            // Where the lines come from, above the table: the model, not the seed.
            let [note, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
            let text = format!("{} · edit: People → S", lines.source());
            frame.render_widget(Line::styled(cell(&text), theme.muted()), note);
            (
                format!(" High-risk students this month ({}) ", app.program.alerts.len()),
                table,
            )
        }
        None => (
            " Risk alerts: this program does not monitor engagement ".to_string(),
            area,
        ),
    };
    scrolling_table(
        frame,
        area,
        theme,
        theme.block(title),
        header,
        rows,
        &widths,
        &app.program.list_cursor,
    );
}
