//! Command-line definitions.

use crate::domain::dates::{parse_date, parse_date_time};
use crate::domain::removal::Ground;
use crate::domain::types::{EndReason, Intervention, Method, Outcome, Pillar};
use crate::domain::{YearMonth, settings::Preset};
use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "mentordesk",
    version,
    about = "Run a mentoring program from the terminal"
)]
pub struct Cli {
    /// The program database (default: MENTORDESK_DB, then the XDG data directory).
    #[arg(long, global = true, env = "MENTORDESK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Fix "today" for every rule and screen.
    #[arg(long, global = true, env = "MENTORDESK_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Act as another login (coordinators, or anyone in demo mode).
    #[arg(long = "as", global = true, value_name = "LOGIN")]
    pub as_login: Option<String>,
    /// Draw borders with plain ASCII.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Work on a fresh demo program: the rural union team, or another with --demo=PROGRAM.
    /// A command after it runs on the demo (`--demo quota`); without one, the app opens.
    #[arg(
        long,
        value_enum,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "rural-union",
        value_name = "PROGRAM"
    )]
    pub demo: Option<DemoProgram>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DemoProgram {
    RuralUnion,
    CheckConnect,
    /// WVLS library mentoring.
    Library,
    /// NEA ESP mentoring.
    Esp,
    /// AFSCME Mentoring 101.
    Afscme,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

impl From<Format> for crate::export::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Csv => crate::export::Format::Csv,
            Format::Json => crate::export::Format::Json,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a program from one of the seed presets; you become its coordinator.
    Init {
        #[arg(long, value_parser = |s: &str| s.parse::<Preset>())]
        preset: Preset,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        start: NaiveDate,
        #[arg(long)]
        name: Option<String>,
        /// Set the program up for a team on one box: directory 2770, database 0660, owned by --group.
        #[arg(long, requires = "group")]
        shared: bool,
        /// The Unix group whose members use the shared program.
        #[arg(long, requires = "shared")]
        group: Option<String>,
    },
    /// Write a large generated program for benchmarks into a new --db file.
    Demo {
        #[arg(long, required = true)]
        generate: bool,
        #[arg(long, default_value_t = 10_000)]
        people: usize,
        #[arg(long, default_value_t = 1_000_000)]
        contacts: usize,
        /// The same seed gives the same program.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Import people, assignments or contacts from CSV (all or nothing).
    #[command(subcommand)]
    Import(ImportKind),
    /// Export people or contacts as CSV or JSON to standard output.
    #[command(subcommand)]
    Export(ExportKind),
    /// Log one contact and say what was logged (the record with --json).
    Log(LogArgs),
    /// Quota standing of every mentor for a month.
    Quota {
        #[arg(long, value_parser = |s: &str| s.parse::<YearMonth>())]
        month: Option<YearMonth>,
        #[arg(long)]
        json: bool,
    },
    /// Overdue contact reports, most overdue first.
    Overdue {
        #[arg(long)]
        json: bool,
    },
    /// The figures of every program the config file lists under [[programs]] (coordinators):
    /// mentors, behind, overdue, contacts this month, high-risk, and when each was fetched.
    Programs {
        #[arg(long)]
        json: bool,
    },
    /// Assign a mentee to a mentor (coordinator).
    Assign {
        #[arg(long)]
        mentor: String,
        #[arg(long)]
        mentee: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<NaiveDate>,
        /// Print the assignment as JSON.
        #[arg(long)]
        json: bool,
        /// Assign a pair the program's eligibility rules exclude (written to the audit log).
        #[arg(long)]
        force: bool,
    },
    /// Link a guardian, school staff member or provider to a student (coordinator): the
    /// student's mentor may then log contacts with them.
    Link {
        #[arg(long)]
        person: String,
        #[arg(long)]
        student: String,
    },
    /// End a mentor's active assignment with a mentee (coordinator).
    Unassign {
        #[arg(long)]
        mentor: String,
        #[arg(long)]
        mentee: String,
        #[arg(long, value_parser = |s: &str| s.parse::<EndReason>())]
        reason: EndReason,
        #[arg(long, value_parser = parse_date)]
        on: Option<NaiveDate>,
    },
    /// Extend a running match past the end of its term (coordinator; WVLS: "minimum one-year
    /// mentorship which may be extended").
    Extend {
        #[arg(long)]
        mentor: String,
        #[arg(long)]
        mentee: String,
        /// The new end of the term.
        #[arg(long, value_parser = parse_date)]
        to: NaiveDate,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Show or change the program's rules.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Show one contact with its version, or change it from the version you read.
    #[command(subcommand)]
    Contact(ContactCommand),
    /// Calendar occurrences: program events, report due dates, payments, deadlines, meetings.
    Calendar {
        #[arg(long, value_parser = parse_date)]
        from: Option<NaiveDate>,
        #[arg(long, value_parser = parse_date)]
        to: Option<NaiveDate>,
        /// Only this mentor's deadlines and meetings (coordinator).
        #[arg(long)]
        mentor: Option<String>,
        #[arg(long, conflicts_with = "ics")]
        json: bool,
        /// RFC 5545 iCalendar, for Google Calendar, Outlook or Thunderbird.
        #[arg(long)]
        ics: bool,
    },
    /// Attendance at check-ins and trainings (a mentor sees their own).
    Attendance {
        #[arg(long)]
        person: Option<String>,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// A letter or certificate from the NEA manual, filled in: text, or printable HTML.
    Letter {
        #[arg(value_enum)]
        letter: crate::export::letters::Letter,
        /// The mentee (welcome, certificate) or mentor (thank-you) it is for.
        #[arg(long)]
        person: Option<String>,
        #[arg(long)]
        html: bool,
        /// Write a certificate of completion while the match is still active.
        #[arg(long)]
        force: bool,
    },
    /// WEAC: warn a mentor on one of the grounds for removal (they are told on their next start).
    Warn {
        #[arg(long)]
        mentor: String,
        /// expectations, conduct, against-union, trust or unable.
        #[arg(long, value_parser = |s: &str| s.parse::<Ground>())]
        ground: Ground,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// WEAC: ask a mentor to leave the program on a ground: they are deactivated, their open
    /// assignments end, and the ground is recorded.
    Remove {
        #[arg(long)]
        mentor: String,
        /// expectations, conduct, against-union, trust or unable.
        #[arg(long, value_parser = |s: &str| s.parse::<Ground>())]
        ground: Ground,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Check & Connect: the quick daily line about a student, each area 1 to 5 and a note (one a
    /// day: a second replaces the first).
    Daily {
        #[arg(long)]
        student: String,
        /// The day it records; today when not given.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        day: Option<NaiveDate>,
        #[arg(long, value_name = "1-5")]
        academic: Option<String>,
        #[arg(long, value_name = "1-5")]
        behavioral: Option<String>,
        #[arg(long, value_name = "1-5")]
        cognitive: Option<String>,
        #[arg(long, value_name = "1-5")]
        affective: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Check & Connect risk of every student with engagement data in a month.
    Risk {
        #[arg(long, value_parser = |s: &str| s.parse::<YearMonth>())]
        month: Option<YearMonth>,
        #[arg(long)]
        json: bool,
    },
    /// Rank the mentors for a mentee, with the reasons for each score; or with --mentor, the
    /// people that mentor may be given (unassigned, never theirs before), best fit first.
    Match {
        #[arg(long, required_unless_present = "mentor", conflicts_with = "mentor")]
        mentee: Option<String>,
        #[arg(long)]
        mentor: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Program evaluation: exit form results, participation, retention, attendance.
    Evaluate {
        #[arg(long)]
        json: bool,
    },
    /// Compensation for the program year, earned, pending and paid; `ledger add` an entry or
    /// `ledger pay` a payment (coordinator).
    Ledger {
        #[command(subcommand)]
        add: Option<LedgerCommand>,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
    },
    /// A plain-text digest for cron and mail: behind mentors, overdue reports, the next 7 days,
    /// reminders.
    Digest {
        /// Whose digest (coordinator); a mentor's covers only their caseload.
        #[arg(long, value_name = "LOGIN")]
        to: Option<String>,
    },
    /// NEA mentor applicants: cover letter, application, references, the committee's decision.
    #[command(subcommand)]
    Applicants(ApplicantsCommand),
    /// The audit log of changes (coordinator), newest first.
    Audit {
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Only the changes this person made (their id).
        #[arg(long, value_name = "ID")]
        by: Option<String>,
        /// Only the changes about this person (their id): their record, assignments,
        /// contacts, events, forms and attendance.
        #[arg(long, value_name = "ID")]
        person: Option<String>,
    },
    /// What other people changed in your records since you last started the app (read only:
    /// the app shows them once on start).
    Changes {
        /// Every change others made to your records, not only the new ones.
        #[arg(long)]
        all: bool,
    },
    /// Back the program up while people work: a checked copy, dated in `backups/` beside the
    /// database, with its group and mode (coordinator or root).
    Backup {
        /// A new file, or a directory to write the dated file in.
        dest: Option<PathBuf>,
        /// Then keep only the newest N dated backups in that directory.
        #[arg(long, value_name = "N")]
        keep: Option<usize>,
    },
    /// Replace the program with a backup, after saving the program as it is (coordinator or root).
    Restore {
        /// A backup made by `mentordesk backup`.
        file: PathBuf,
    },
    /// Work offline: make a laptop copy of your part of a program on a box, over the system's
    /// ssh, and later send what you did and bring back what changed there.
    Sync {
        /// The box, the first time: [USER@]HOST[:DB] (DB: the program's path there). The copy
        /// remembers it.
        #[arg(long, value_name = "[USER@]HOST[:DB]", value_parser = crate::sync::parse_remote)]
        remote: Option<crate::sync::Remote>,
        /// The command that reaches the box, as `rsync -e` and GIT_SSH_COMMAND take it
        /// (`ssh -p 2222 -i ~/.ssh/box`).
        #[arg(long, env = "MENTORDESK_SSH", value_name = "CMD", default_value = "ssh")]
        ssh: String,
        /// The mentordesk to run on the box.
        #[arg(
            long,
            env = "MENTORDESK_REMOTE_PATH",
            value_name = "PATH",
            default_value = "mentordesk"
        )]
        remote_path: String,
        /// Settle a conflict on a record (its id): keep the box's version, or send yours over it.
        #[arg(long, num_args = 2, value_names = ["ID", "theirs|mine"], conflicts_with_all = ["remote", "serve"])]
        settle: Option<Vec<String>>,
        /// List what the box refused and the conflicts waiting, and change nothing.
        #[arg(long, conflicts_with_all = ["remote", "serve", "settle"])]
        status: bool,
        /// The box's end: speak the sync on standard input and output (what ssh runs there).
        #[arg(long, conflicts_with_all = ["remote"])]
        serve: bool,
    },
    /// Print the manual page (roff), e.g. `mentordesk man | man -l -`.
    Man {
        /// Write every page instead, mentordesk.1 and one per subcommand
        /// (mentordesk-log.1, mentordesk-import-people.1…), into this directory.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print the completion script for a shell: bash, zsh or fish.
    Completions {
        #[arg(value_enum)]
        shell: CompletionShell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Subcommand)]
pub enum ImportKind {
    /// Header: id,name,role,login,email,phone,organization,position,location,job_family,expertise,goals,years_experience[,availability,student_id]
    /// (role: mentor, mentee or student, coordinator, guardian, staff or school-staff, provider;
    /// student_id: the student(s) a guardian, staff member or provider is linked to, `;` between)
    /// A blank cell keeps the stored value; `-` clears it. Prints what is new, changed, which
    /// roles change and which fields are cleared; role changes and clearing need --yes.
    People {
        file: PathBuf,
        /// Apply role changes and cleared fields.
        #[arg(long)]
        yes: bool,
    },
    /// Header: mentor_id,mentee_id,started_on,ended_on,end_reason
    Assignments { file: PathBuf },
    /// Header: [id,]mentor_id,person_id,occurred_at,method,outcome,duration_min,notes,submitted_on[,version][,intervention][,pillar].
    /// A row with an id already stored is skipped (same content) or updated (from its version);
    /// a row without one that repeats a stored contact exactly is skipped.
    Contacts {
        file: PathBuf,
        /// Add rows that exactly repeat a stored contact, instead of skipping them.
        #[arg(long)]
        allow_duplicates: bool,
    },
    /// A program archive (`export program`) into a new database; run by a coordinator of the
    /// archived program (or root).
    Program { file: PathBuf },
    /// Header: student_id,month,absences,tardies,skips,days_enrolled,referrals,detentions,
    /// in_school_suspensions,out_of_school_suspension_days,ds,fs,credits_earned,credits_possible
    Engagement { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ExportKind {
    /// The program archive as JSON: applications, attendance records and exit forms only.
    Archive,
    /// Everything the program is, as a JSON Lines archive (`import program` reads it).
    Program,
    /// Every assignment, past and present, with the columns `import assignments` takes.
    Assignments {
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// The people on file, as CSV or JSON.
    People {
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// The contacts you may see, of one month or all, as CSV or JSON.
    Contacts {
        #[arg(long, value_parser = |s: &str| s.parse::<YearMonth>())]
        month: Option<YearMonth>,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
}

#[derive(Debug, Args)]
pub struct LogArgs {
    #[arg(long)]
    pub mentor: String,
    #[arg(long)]
    pub person: String,
    #[arg(long, value_parser = |s: &str| s.parse::<Method>())]
    pub method: Method,
    #[arg(long, value_parser = |s: &str| s.parse::<Outcome>())]
    pub outcome: Outcome,
    /// When it happened, program local time (default: now).
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM", value_parser = parse_date_time)]
    pub at: Option<NaiveDateTime>,
    #[arg(long)]
    pub minutes: Option<u32>,
    #[arg(long, default_value = "")]
    pub notes: String,
    /// AFSCME: the pillar the contact served (invest, bridge-the-gap, share-power).
    #[arg(long, value_parser = |s: &str| s.parse::<Pillar>())]
    pub pillar: Option<Pillar>,
    /// Check & Connect: how intensive the intervention was (basic, intensive).
    #[arg(long, value_parser = |s: &str| s.parse::<Intervention>())]
    pub intervention: Option<Intervention>,
    /// Print the logged contact as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Add an entry by hand: travel reimbursement, an adjustment (negative to take back), or
    /// another of the program's kinds of compensation (setting `compensation`).
    Add {
        #[arg(long)]
        mentor: String,
        /// Dollars, like 42.50 or -10; hours, like 2.5, for a kind counted in hours (comp time).
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        #[arg(long, default_value = "travel")]
        kind: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<NaiveDate>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record a payment made to a mentor: what they are owed goes down by it.
    Pay {
        #[arg(long)]
        mentor: String,
        /// Dollars, like 250 or 375.00.
        #[arg(long)]
        amount: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<NaiveDate>,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// One contact, with the version an edit must name.
    Show {
        /// The contact's id (`id` in `log --json` and in exports) or its number (`logged
        /// contact 40`).
        #[arg(value_name = "ID")]
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change one contact. Refused with exit code 4 when it was changed since --version.
    Edit {
        /// The contact's id or number, as `contact show` takes it.
        #[arg(value_name = "ID")]
        id: String,
        /// The version you read (`contact show`); a newer one stored means someone else
        /// changed it meanwhile.
        #[arg(long)]
        version: i64,
        #[arg(long, value_parser = |s: &str| s.parse::<Method>())]
        method: Option<Method>,
        #[arg(long, value_parser = |s: &str| s.parse::<Outcome>())]
        outcome: Option<Outcome>,
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM", value_parser = parse_date_time)]
        at: Option<NaiveDateTime>,
        #[arg(long)]
        minutes: Option<u32>,
        #[arg(long)]
        notes: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Print the settings as JSON.
    Show,
    /// Set one setting to a JSON value, e.g. `settings set quota 4`.
    Set { key: String, value: String },
}

#[derive(Debug, Subcommand)]
pub enum ApplicantsCommand {
    /// Every applicant with the status of their file and what is missing.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Open the file of an applicant (a person on file as a mentor).
    Open {
        #[arg(long)]
        person: String,
        /// When the application came in (default: today).
        #[arg(long, value_parser = parse_date)]
        on: Option<NaiveDate>,
    },
    /// The cover letter's answers to the manual's three questions.
    Cover {
        #[arg(long)]
        person: String,
        /// Why do you want to participate in the mentoring program?
        #[arg(long)]
        why: String,
        /// What can you offer as a mentor (experience, skills, values, knowledge)?
        #[arg(long)]
        offer: String,
        /// What times would you be available to mentor?
        #[arg(long)]
        times: String,
        /// Replace answers already on file (without it, they are kept and the command exits 4).
        #[arg(long)]
        replace: bool,
    },
    /// A letter of reference received (at least one must be from the Association).
    Reference {
        #[arg(long)]
        person: String,
        /// Who wrote it.
        #[arg(long)]
        referee: String,
        /// The referee is from the Association.
        #[arg(long)]
        association: bool,
        #[arg(long, value_parser = parse_date)]
        on: Option<NaiveDate>,
    },
    /// The committee's decision on a complete application, with its reason.
    Decide {
        #[arg(long)]
        person: String,
        #[arg(long, conflicts_with = "decline", required_unless_present = "decline")]
        accept: bool,
        #[arg(long)]
        decline: bool,
        #[arg(long)]
        reason: String,
        /// Replace a decision already on file (without it, it is kept and the command exits 4).
        #[arg(long)]
        replace: bool,
    },
}

/// `letter`'s argument: each letter by its slug, with its label as the help.
impl clap::ValueEnum for crate::export::letters::Letter {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.slug()).help(self.label()))
    }
}
