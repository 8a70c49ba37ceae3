//! Caseload: the quota header, one row per active pair (who needs attention first), and the
//! person view.

use super::program::mentor_table;
use super::widgets::{cell, scrolling_table_unhighlighted, short_date, short_datetime};
use crate::app::keymap::{Block, hints};
use crate::app::{PersonDetail, State};
use crate::domain::engagement::{Area, AreaTrend, DAILY, Engagement, RATINGS};
use crate::domain::pillars::PlanProgress;
use crate::domain::risk::Level;
use crate::domain::sanitize;
use crate::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Row, Wrap};

pub fn render(app: &State, frame: &mut Frame, area: Rect) {
    let state = &app.caseload;
    let Some(mentor) = &state.mentor else {
        let title = format!(
            " Pick a mentor · {} · {} ",
            state.month.label(),
            hints(Block::MentorPicker, app.context.sees_whole_program())
        );
        mentor_table(app, &state.mentors, &[], &state.mentor_filter, title, frame, area);
        return;
    };
    if let Some(detail) = &state.person {
        render_person(app, detail, frame, area);
        return;
    }
    let theme = app.theme;
    let [header, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    if let Some(standing) = &state.standing {
        let mut spans = vec![
            Span::styled(cell(&mentor.name), theme.title()),
            Span::raw(format!(" · {} · ", state.month.label())),
            Span::styled(standing.headline(), theme.quota(standing.status)),
        ];
        if state.read_only(&app.context) {
            spans.push(Span::styled(" · read-only", theme.muted()));
        }
        frame.render_widget(Line::from(spans), header);
    }
    let today = app.context.today;
    let rows: Vec<Vec<Text>> = state
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let person = &r.row.person;
            let name_style = if i == state.cursor.selected {
                theme.selected()
            } else {
                Style::new()
            };
            let who = Text::from(vec![
                Line::from(Span::styled(cell(&person.name), name_style)),
                Line::styled(cell(&person.affiliation()), theme.muted()),
            ]);
            let last = match &r.row.last_contact {
                Some((at, method, outcome)) => Text::from(vec![
                    Line::raw(format!("{} {}", short_date(at.date(), today), method.label())),
                    Line::raw(outcome.label()),
                ]),
                None => Text::raw("never"),
            };
            let quiet = match r.row.facts.last_counting {
                Some(on) => format!("{}d", (today - on).num_days()),
                None => "—".to_string(),
            };
            let follow = r
                .row
                .next_follow_up
                .map(|d| short_date(d, today))
                .unwrap_or_default();
            let mut flag_lines: Vec<Line> = r
                .flags
                .iter()
                .map(|f| Line::styled(format!("! {}", f.word()), theme.warning()))
                .collect();
            if let Some(risk) = &r.risk {
                let trend: String = risk
                    .trend
                    .iter()
                    .map(|(_, l)| if *l == Level::High { 'H' } else { 'L' })
                    .collect();
                let (word, style) = match risk.level {
                    Level::High => ("HIGH risk", theme.warning()),
                    Level::Low => ("low risk", theme.good()),
                };
                flag_lines.insert(0, Line::styled(format!("{word} {trend}"), style));
                flag_lines.insert(1, Line::raw(area_cell(&risk.areas, theme.ascii)));
                if risk.level == Level::High {
                    // The triggers as words, a few to a line, so none is cut off.
                    for (i, chunk) in risk.triggers.chunks(2).enumerate() {
                        flag_lines.insert(
                            2 + i,
                            Line::styled(crate::domain::risk::triggers_said(chunk), theme.warning()),
                        );
                    }
                }
            }
            if let Some(plan) = &r.plan {
                flag_lines.insert(0, plan_line(plan, today, theme));
            }
            if let Some(balance) = r.row.facts.pillars {
                // Invest / Bridge the Gap / Share Power, with the word that says if one is forgotten.
                let style = if balance.forgotten().is_empty() && balance.total() > 0 {
                    theme.good()
                } else {
                    theme.warning()
                };
                flag_lines.insert(
                    0,
                    Line::styled(
                        format!("I/B/S {} {}", balance.counts(), balance.status_word()),
                        style,
                    ),
                );
            }
            let flags = if flag_lines.is_empty() {
                Text::styled("ok", theme.good())
            } else {
                Text::from(flag_lines)
            };
            vec![
                who,
                last,
                Text::raw(r.row.facts.counting_this_month.to_string()),
                Text::raw(quiet),
                Text::raw(follow),
                flags,
            ]
        })
        .collect();
    let empty = rows.is_empty();
    let header_row = Row::new(vec!["Person", "Last contact", "Mo", "Quiet", "Next", "Flags"]);
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(16),
        Constraint::Length(2),
        Constraint::Length(5),
        Constraint::Length(6),
        Constraint::Length(20),
    ];
    let title = format!(
        " Active pairs · {} ",
        hints(Block::Pairs, app.context.sees_whole_program())
    );
    scrolling_table_unhighlighted(
        frame,
        table,
        theme,
        theme.block(title),
        header_row,
        rows,
        &widths,
        &state.cursor,
    );
    if empty {
        let inner = theme.block("").inner(table);
        let text = Paragraph::new("No active assignments. A coordinator assigns people with n.")
            .style(theme.muted());
        frame.render_widget(
            text,
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
        );
    }
}

/// AFSCME: how each pair's contacts shown here served Invest, Bridge the Gap and Share Power,
/// naming the pillars not served yet.
fn pillar_lines(app: &State, detail: &PersonDetail, lines: &mut Vec<Line>) {
    let theme = app.theme;
    let count_attempts = app.context.program.settings.count_attempts;
    let contacts = detail.contacts.iter().map(|r| &r.contact.input);
    lines.push(Line::default());
    lines.push(Line::styled(
        "Invest · Bridge the Gap · Share Power",
        theme.title(),
    ));
    let balances = crate::domain::pillars::balances(contacts, count_attempts);
    if balances.is_empty() {
        lines.push(Line::styled(
            "  no contact has recorded a pillar yet",
            theme.muted(),
        ));
    }
    for ((mentor, person), balance) in balances {
        let other = if mentor == detail.person.key {
            person
        } else {
            mentor
        };
        let name = detail
            .contacts
            .iter()
            .find(|r| r.contact.input.mentor == mentor && r.contact.input.person == person)
            .map(|r| {
                if other == mentor {
                    &r.mentor_name
                } else {
                    &r.person_name
                }
            })
            .cloned()
            .unwrap_or_default();
        lines.push(Line::raw(format!(
            "  with {}: {}",
            cell(&name),
            balance.summary()
        )));
        let forgotten: Vec<&str> = balance.forgotten().iter().map(|p| p.label()).collect();
        if !forgotten.is_empty() {
            lines.push(Line::styled(
                format!("    not served yet: {}", forgotten.join(", ")),
                theme.warning(),
            ));
        }
    }
}

fn render_person(app: &State, detail: &PersonDetail, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let today = app.context.today;
    let p = &detail.person;
    let f = &p.fields;
    let mut lines: Vec<Line> = vec![Line::from(vec![
        Span::styled(cell(&p.name), theme.title()),
        Span::raw(format!("  {} · id {}", p.role.label(), cell(&p.id))),
    ])];
    let facts = [
        ("Organization", &f.organization),
        ("Position", &f.position),
        ("Location", &f.location),
        ("Email", &f.email),
        ("Phone", &f.phone),
        ("Job family", &f.job_family),
        ("Goals", &f.goals),
    ];
    for (label, value) in facts {
        if let Some(value) = value {
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<13}"), theme.muted()),
                Span::raw(cell(value)),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Assignments", theme.title()));
    for (a, other) in &detail.assignments {
        let role = if a.mentee == p.key {
            "mentored by"
        } else {
            "mentoring"
        };
        let span = match (a.ended_on, a.end_reason) {
            (Some(end), Some(reason)) => format!("{} – {}, ended: {}", a.started_on, end, reason.label()),
            _ => format!("since {} (active)", a.started_on),
        };
        lines.push(Line::raw(format!("  {role} {} · {span}", cell(other))));
    }
    if !detail.engagement.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Engagement (monitoring, by month)", theme.title()));
        if let Some(risk) = &app.context.program.settings.risk {
            lines.push(Line::styled(format!("  {}", risk.source()), theme.muted()));
        }
        for m in &detail.engagement {
            let e = &m.entry;
            let n = |v: Option<u32>| v.map_or("–".to_string(), |v| v.to_string());
            let word = if m.level == Level::High { "HIGH" } else { "low " };
            lines.push(Line::raw(format!(
                "  {} {word} abs {}/{} tardy {} skip {} ref {} det {} ISS {} OSS {} D {} F {}",
                m.month,
                n(e.absences),
                n(e.days_enrolled),
                n(e.tardies),
                n(e.skips),
                n(e.referrals),
                n(e.detentions),
                n(e.in_school_suspensions),
                n(e.out_of_school_suspension_days),
                n(e.ds),
                n(e.fs)
            )));
            if !m.triggers.is_empty() {
                lines.push(Line::styled(
                    format!(
                        "    over the line: {}",
                        crate::domain::risk::triggers_said(&m.triggers)
                    ),
                    theme.warning(),
                ));
            }
            for trend in &m.areas {
                lines.push(Line::raw(format!("    {}", area_line(trend, e, theme.ascii))));
            }
        }
    }
    if !detail.daily.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Daily lines (latest first)", theme.title()));
        for line in &detail.daily {
            let rated: Vec<String> = Area::ALL
                .iter()
                .zip(DAILY)
                .filter_map(|(area, name)| {
                    line.entry
                        .rating(name)
                        .map(|r| format!("{} {}", area.label(), r.label()))
                })
                .collect();
            let mut text = format!("  {} {}", short_date(line.day, today), rated.join(" · "));
            if !line.note.is_empty() {
                text.push_str(&format!(" · {}", cell(&line.note)));
            }
            lines.push(Line::raw(text));
        }
    }
    if app.context.program.settings.pillars {
        pillar_lines(app, detail, &mut lines);
    }
    let plan = state_plan(app, detail.person.key);
    if let Some(plan) = plan {
        lines.push(Line::default());
        lines.push(Line::styled("Mentoring plan", theme.title()));
        lines.push(Line::raw(format!("  pillars touched: {}", plan.touched_words())));
        let next = match (&plan.next_step, plan.next_on) {
            _ if !plan.filed => "  no plan filed yet (Forms: the mentoring plan)".to_string(),
            (Some(step), Some(on)) => format!("  next step: {} · by {}", cell(step), short_date(on, today)),
            (Some(step), None) => format!("  next step: {}", cell(step)),
            (None, _) => "  no next step in the plan".to_string(),
        };
        let style = if !plan.filed || plan.step_overdue(today) {
            theme.warning()
        } else {
            Style::new()
        };
        lines.push(Line::styled(next, style));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("Contacts ({})", detail.contacts.len()),
        theme.title(),
    ));
    for row in &detail.contacts {
        let c = &row.contact.input;
        let report = if c.submitted_on.is_some() {
            "report in"
        } else {
            "report pending"
        };
        let mut head = format!(
            "  {} · {} · {}",
            short_datetime(c.occurred_at, today),
            c.method.label(),
            c.outcome.label()
        );
        if let Some(min) = c.duration_min {
            head.push_str(&format!(" · {min} min"));
        }
        if let Some(level) = c.intervention {
            head.push_str(&format!(" · {} intervention", level.label()));
        }
        if let Some(pillar) = c.pillar {
            head.push_str(&format!(" · {}", pillar.label()));
        }
        head.push_str(&format!(" · {report}"));
        if app.context.sees_whole_program() {
            head.push_str(&format!(" · by {}", cell(&row.mentor_name)));
        }
        lines.push(Line::raw(head));
        if !c.support_what.is_empty() {
            lines.push(Line::styled(
                format!("    support: {}", cell(&c.support_what)),
                theme.muted(),
            ));
        }
        for note in sanitize::lines(&c.notes) {
            lines.push(Line::raw(format!("    {note}")));
        }
        if let Some(on) = c.follow_up_on {
            lines.push(Line::styled(
                format!("    follow up {}", short_date(on, today)),
                theme.muted(),
            ));
        }
    }
    let title = format!(
        " Person · {} ",
        hints(Block::Person, app.context.sees_whole_program())
    );
    let body = Paragraph::new(lines)
        .block(theme.block(title))
        .wrap(Wrap { trim: false })
        .scroll((detail.scroll, 0));
    frame.render_widget(body, area);
}

/// The four areas in a narrow cell: each area's mean this month, rounded, and which way it went
/// (`Ac4↑ Be3= Co2↓ Af–`).
fn area_cell(areas: &[AreaTrend; 4], ascii: bool) -> String {
    let unknown = if ascii { "-" } else { "–" };
    areas
        .iter()
        .map(|t| {
            let level = t.now.map_or(unknown.to_string(), |r| r.whole().to_string());
            let arrow = t.direction.map_or("", |d| d.arrow(ascii));
            format!("{}{level}{arrow}", t.area.short())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One area of a month in the person view: its mean, the way it went, and what it is made of
/// (`academic 3.5 ↑ · time on task 4 · homework 8 of 10`).
fn area_line(trend: &AreaTrend, e: &Engagement, ascii: bool) -> String {
    let mut parts = vec![match trend.now {
        Some(r) => format!(
            "{} {}{}",
            trend.area.label(),
            r.label(),
            trend
                .direction
                .map_or(String::new(), |d| format!(" {}", d.arrow(ascii)))
        ),
        None => format!("{} –", trend.area.label()),
    }];
    for (name, area, label) in RATINGS {
        if area == trend.area
            && !DAILY.contains(&name)
            && let Some(r) = e.rating(name)
        {
            parts.push(format!("{label} {}", r.label()));
        }
    }
    match trend.area {
        Area::Academic => {
            if let (Some(done), Some(assigned)) = (e.homework_done, e.homework_assigned) {
                parts.push(format!("homework {done} of {assigned}"));
            }
            if let (Some(earned), Some(possible)) = (e.credits_earned, e.credits_possible) {
                parts.push(format!("credits {earned} of {possible}"));
            }
        }
        Area::Behavioral => {
            if let Some(n) = e.extracurriculars {
                parts.push(format!("extracurriculars {n}"));
            }
        }
        Area::Cognitive | Area::Affective => {}
    }
    parts.join(" · ")
}

/// The plan of the pair with `person` on the caseload in view, where the program keeps plans.
fn state_plan(app: &State, person: i64) -> Option<&PlanProgress> {
    app.caseload
        .rows
        .iter()
        .find(|r| r.row.person.key == person)
        .and_then(|r| r.plan.as_ref())
}

/// A pair's plan in the caseload's narrow column: its next step's date, or that there is none.
fn plan_line(plan: &PlanProgress, today: NaiveDate, theme: Theme) -> Line<'static> {
    match plan.next_on {
        _ if !plan.filed => Line::styled("! no plan filed", theme.warning()),
        Some(on) if plan.step_overdue(today) => {
            Line::styled(format!("! next step {}", short_date(on, today)), theme.warning())
        }
        Some(on) => Line::raw(format!("next step {}", short_date(on, today))),
        None => Line::styled("! no next step", theme.warning()),
    }
}
