//! The NEA manual's letters and certificate, filled from program and person data, as plain text
//! or a standalone printable HTML page.

use crate::domain::records::{Assignment, Person};
use crate::domain::sanitize;
use crate::domain::types::Role;
use crate::error::{Error, Result};
use crate::service::Session;
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letter {
    /// "Welcome ESP Mentees!", with the mentor's name, phone and e-mail.
    Welcome,
    /// The notice of the program's start-up, with the coordinator to contact.
    Startup,
    /// The thank-you letter to a mentor.
    ThankYou,
    /// The certificate of completion for a mentee.
    Certificate,
}

impl Letter {
    pub const ALL: [Letter; 4] = [
        Letter::Welcome,
        Letter::Startup,
        Letter::ThankYou,
        Letter::Certificate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Letter::Welcome => "Welcome letter to a mentee",
            Letter::Startup => "Notice of the program's start-up",
            Letter::ThankYou => "Thank-you letter to a mentor",
            Letter::Certificate => "Certificate of completion for a mentee",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Letter::Welcome => "welcome",
            Letter::Startup => "startup",
            Letter::ThankYou => "thank-you",
            Letter::Certificate => "certificate",
        }
    }

    /// Who the letter is about: a mentee, a mentor, or nobody in particular.
    pub fn addressee(self) -> Option<Role> {
        match self {
            Letter::Welcome | Letter::Certificate => Some(Role::Mentee),
            Letter::ThankYou => Some(Role::Mentor),
            Letter::Startup => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    Bullets(Vec<String>),
    /// A line to sign on, with the name under it.
    Signature(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

fn or_blank(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "_____".into())
}

fn long_date(date: NaiveDate) -> String {
    date.format("%B %-d, %Y").to_string()
}

fn coordinator(session: &Session) -> Result<Option<Person>> {
    Ok(session.people_with_role(Role::Coordinator)?.into_iter().next())
}

/// The mentee's latest match and its mentor.
fn latest_match(session: &Session, mentee: &Person) -> Result<Option<(Assignment, Option<Person>)>> {
    let assignments = session.assignments_of(mentee.key)?;
    let Some(a) = assignments.into_iter().find(|a| a.mentee == mentee.key) else {
        return Ok(None);
    };
    let mentor = session.person(a.mentor)?;
    Ok(Some((a, mentor)))
}

/// Fills `letter` for `person` (the mentee or mentor it is about; none for the start-up notice).
pub fn compose(session: &Session, letter: Letter, person: Option<&Person>) -> Result<Document> {
    let program = &session.program.name;
    let today = session.today;
    let needs = |role: Role| -> Result<&Person> {
        match person {
            Some(p) if p.role == role => Ok(p),
            Some(p) => Err(Error::Input(format!(
                "{}: '{}' is a {}, not a {}",
                letter.slug(),
                p.id,
                p.role,
                role
            ))),
            None => Err(Error::Input(format!(
                "{}: say whom it is for with --person ID",
                letter.slug()
            ))),
        }
    };
    let blocks = match letter {
        Letter::Welcome => {
            let mentee = needs(Role::Mentee)?;
            let matched = latest_match(session, mentee)?;
            let m = matched.as_ref().and_then(|(_, mentor)| mentor.as_ref());
            vec![
                Block::Title("Welcome ESP Mentees!".into()),
                Block::Paragraph(format!("Dear {},", mentee.name)),
                Block::Paragraph(format!(
                    "You have been chosen to participate in the {program}. The purpose of the program is to offer support, information, and encouragement to new and veteran Education Support Professionals."
                )),
                Block::Heading("Your Mentor".into()),
                Block::Paragraph("Your ESP mentor has offered to be available to help you identify your work-related needs and objectives, answer your questions, and help you become familiar with your school, your Association, and your role as an ESP. Your mentor also will be able to pass on other sources of assistance, such as classes, publications, or other individuals who can answer your questions. You and your mentor will determine where and how often you will meet, and together will decide how long the relationship will continue.".into()),
                Block::Bullets(vec![
                    format!("Your mentor is: {}", m.map_or("_____".to_string(), |m| m.name.clone())),
                    format!("Mentor's phone: {}", m.map_or("_____".to_string(), |m| or_blank(&m.fields.phone))),
                    format!("Mentor's e-mail: {}", m.map_or("_____".to_string(), |m| or_blank(&m.fields.email))),
                ]),
            ]
        }
        Letter::Startup => {
            let contact = coordinator(session)?;
            let (name, reach) = match &contact {
                Some(c) => (
                    c.name.clone(),
                    [c.fields.phone.clone(), c.fields.email.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" or "),
                ),
                None => ("the Mentoring Program Coordinator".into(), String::new()),
            };
            let reach = if reach.is_empty() {
                "_____".to_string()
            } else {
                reach
            };
            vec![
                Block::Title(format!("{program}: Notice of Mentoring Program Start-Up")),
                Block::Paragraph("Dear Education Support Professional:".into()),
                Block::Paragraph("Your Association/school district/school building is initiating a mentoring program for ESP. The following is an overview of the program:".into()),
                Block::Heading("ESP Mentoring Program Goals:".into()),
                Block::Bullets(vec![
                    "To support Education Support Professionals in the development of personal and professional growth and skills through a strong learning relationship with a peer mentor".into(),
                    "To increase collaboration, employee job satisfaction, and decrease isolation of ESP".into(),
                    "To maximize the retention of quality Education Support Professionals".into(),
                    "To contribute to the overall mission of closing student achievement gaps".into(),
                ]),
                Block::Heading("The role of the mentor is to:".into()),
                Block::Bullets(vec!["Share his/her expertise".into(), "Support and encourage the mentee".into(), "Familiarize the mentee with the National Education Association and with the school district".into()]),
                Block::Heading("The role of the mentee is to:".into()),
                Block::Bullets(vec!["Identify and articulate his/her personal and professional goals".into(), "Commit to the process and follow through on it".into(), "Accept constructive feedback".into()]),
                Block::Paragraph("The ESP Mentoring Program Committee is accepting applications from Education Support Professionals who would like to participate in the program, either as mentors or mentees.".into()),
                Block::Paragraph(format!("Please contact {name} at {reach} for more information or application forms.")),
                Block::Paragraph("Sincerely,".into()),
                Block::Signature(format!("{name}, Mentoring Program Coordinator")),
            ]
        }
        Letter::ThankYou => {
            let mentor = needs(Role::Mentor)?;
            let year = session.program.start_date.year();
            let mut address = vec![mentor.name.clone()];
            address.extend(mentor.fields.organization.clone());
            address.extend(mentor.fields.location.clone());
            vec![
                Block::Paragraph(long_date(today)),
                Block::Paragraph(address.join("\n")),
                Block::Paragraph(format!("Dear {}:", mentor.name)),
                Block::Paragraph(format!("The Mentoring Committee thanks you for your participation in the {year}–{} {program}.", year + 1)),
                Block::Paragraph("Dedicated, experienced Education Support Professionals are essential to realizing NEA's commitment to success for every student in our public schools. Our efforts to help fellow ESP members improve their professional skills and effectiveness on the job contribute to that goal.".into()),
                Block::Paragraph("Together we are moving toward recognition of ESP as essential partners in all aspects of our primary mission—closing the student achievement gap.".into()),
                Block::Paragraph(format!("We hope you will continue to be involved in the {program}.")),
                Block::Paragraph("Sincerely,".into()),
                Block::Signature(format!(
                    "{}, for the Mentoring Program Committee",
                    coordinator(session)?.map_or("_____".to_string(), |c| c.name)
                )),
            ]
        }
        Letter::Certificate => {
            let mentee = needs(Role::Mentee)?;
            let matched = latest_match(session, mentee)?;
            let dates = match &matched {
                Some((a, _)) => format!(
                    "{} – {}",
                    long_date(a.started_on),
                    long_date(a.ended_on.unwrap_or(today))
                ),
                None => "_____".into(),
            };
            let mentor = matched.and_then(|(_, mentor)| mentor);
            vec![
                Block::Title("Certificate of Completion".into()),
                Block::Heading(program.to_uppercase()),
                Block::Paragraph("This certificate is presented to".into()),
                Block::Title(mentee.name.clone()),
                Block::Paragraph(format!("for successful completion of the {program}")),
                Block::Paragraph(dates),
                Block::Signature(format!(
                    "{}, Mentor",
                    mentor.map_or("_____".to_string(), |m| m.name)
                )),
                Block::Signature("Local President".into()),
                Block::Signature("(If applicable) Administrator".into()),
            ]
        }
    };
    Ok(Document {
        title: letter.label().to_string(),
        blocks,
    })
}

fn wrap(text: &str, width: usize, indent: &str, out: &mut String) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
}

/// Plain text, wrapped at 72 columns; control characters in names are escaped.
pub fn to_text(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match block {
            Block::Title(t) => {
                let t = sanitize::line(t);
                out.push_str(&format!("{t}\n{}\n", "=".repeat(t.chars().count())));
            }
            Block::Heading(h) => out.push_str(&format!("{}\n", sanitize::line(h))),
            Block::Paragraph(p) => {
                for line in p.lines() {
                    wrap(&sanitize::line(line), 72, "", &mut out);
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    let mut wrapped = String::new();
                    wrap(&sanitize::line(item), 68, "    ", &mut wrapped);
                    out.push_str(&format!("  - {}", wrapped.trim_start()));
                }
            }
            Block::Signature(name) => out.push_str(&format!(
                "\n______________________________\n{}\n",
                sanitize::line(name)
            )),
        }
        out.push('\n');
    }
    out
}

fn html_escape(text: &str) -> String {
    sanitize::line(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A standalone page that prints on one sheet.
pub fn to_html(doc: &Document) -> String {
    let mut body = String::new();
    for block in &doc.blocks {
        match block {
            Block::Title(t) => body.push_str(&format!("<h1>{}</h1>\n", html_escape(t))),
            Block::Heading(h) => body.push_str(&format!("<h2>{}</h2>\n", html_escape(h))),
            Block::Paragraph(p) => {
                let lines: Vec<String> = p.lines().map(html_escape).collect();
                body.push_str(&format!("<p>{}</p>\n", lines.join("<br>")));
            }
            Block::Bullets(items) => {
                body.push_str("<ul>\n");
                for item in items {
                    body.push_str(&format!("<li>{}</li>\n", html_escape(item)));
                }
                body.push_str("</ul>\n");
            }
            Block::Signature(name) => {
                body.push_str(&format!("<p class=\"sign\">{}</p>\n", html_escape(name)))
            }
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n\
         body {{ font-family: Georgia, serif; max-width: 40em; margin: 3em auto; line-height: 1.5; }}\n\
         h1 {{ text-align: center; }}\n\
         .sign {{ margin-top: 3em; border-top: 1px solid #000; width: 20em; padding-top: .2em; }}\n\
         @media print {{ body {{ margin: 1in; }} }}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        html_escape(&doc.title)
    )
}
