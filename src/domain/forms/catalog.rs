//! The forms of the seed programs, with their fields and wording.

use super::{Evaluates, Field, Filler, FormDef, Kind};
use crate::domain::settings::{Preset, Settings};

const fn field(key: &'static str, label: &'static str, kind: Kind, required: bool) -> Field {
    Field {
        key,
        label,
        kind,
        required,
    }
}

const fn statement(key: &'static str, label: &'static str) -> Field {
    field(key, label, Kind::Statement, false)
}

const MONTHS: &[&str] = &[
    "Sept.", "Oct.", "Nov.", "Dec.", "Jan.", "Feb.", "March", "April", "May", "June",
];
const WHEN_GIVEN: &[&str] = &[
    "before school",
    "after school",
    "break",
    "lunch",
    "early/late dismissal",
    "other",
];
const COORDINATOR_CONTACT: &[&str] = &["e-mail", "meeting", "phone", "mail", "other"];
const MENTEE_SITUATION: &[&str] = &[
    "New hire",
    "New responsibilities",
    "New to school",
    "New to job classification",
    "Other (specify)",
];

/// The AFSCME Code of Conduct, as the Mentoring 101 workshop shows it to every participant.
pub const AFSCME_CODE_OF_CONDUCT: &str = "AFSCME is committed to providing an environment free from discrimination and harassment, regardless of an individual's race, ethnicity, religion, color, sex, age, national origin, sexual orientation, disability, gender identity or expression, ancestry, pregnancy, or any other characteristics prohibited by law. As such, AFSCME will not tolerate discriminatory, harassing or otherwise unacceptable behavior at any of its activities, events or meetings. AFSCME expects everyone who participates in any of its activities, events or meetings to abide by this standard of conduct.";

/// Where harassment is reported, from the same slide.
pub const AFSCME_COMPLAINTS: &str = "There will be no retaliation or other adverse action taken against an individual who makes a complaint. Complaints should be sent to the AFSCME Human Resources Department at reportharassment@afscme.org";

pub const FORMS: &[FormDef] = &[
    FormDef {
        id: "monthly-record",
        title: "Mentor Program Monthly Record",
        source: "NEA ESP mentoring manual",
        filler: Filler::Mentor,
        archive: Some("monthly_records"),
        private: false,
        evaluates: None,
        fields: &[
            field("month", "Month", Kind::Choice(MONTHS), true),
            field(
                "mentees",
                "ESP mentees supported this month (name/position)",
                Kind::Lines,
                true,
            ),
            field("when", "When was support given?", Kind::Checks(WHEN_GIVEN), true),
            field("when_other", "Other time", Kind::Text, false),
            field(
                "what",
                "What support was given? (types of support or information shared)",
                Kind::Lines,
                true,
            ),
            field("online", "Visited the online mentor site?", Kind::YesNo, false),
            field(
                "online_time",
                "Average amount of time spent on the online activities",
                Kind::Text,
                false,
            ),
            field(
                "useful",
                "What information did you find useful?",
                Kind::Lines,
                false,
            ),
            field(
                "coordinator",
                "Were you in contact with the Mentoring Program Coordinator?",
                Kind::YesNo,
                false,
            ),
            field(
                "coordinator_how",
                "How?",
                Kind::Checks(COORDINATOR_CONTACT),
                false,
            ),
            field("comments", "Comments", Kind::Lines, false),
        ],
    },
    FormDef {
        id: "mentor-application",
        title: "Mentor Application",
        source: "NEA ESP mentoring manual",
        filler: Filler::Anyone,
        archive: Some("applications"),
        private: false,
        evaluates: None,
        fields: &[
            field("name", "Name", Kind::Text, true),
            field("date", "Date of Application", Kind::Date, true),
            field("school", "School/District", Kind::Text, true),
            field("position", "Position/Job Classification", Kind::Text, true),
            field("address", "Address", Kind::Lines, false),
            field("phone_home", "Phone: Home", Kind::Text, false),
            field("phone_work", "Phone: Work", Kind::Text, false),
            field("phone_mobile", "Phone: Mobile", Kind::Text, false),
            field("email", "E-mail", Kind::Text, false),
            field(
                "job_history",
                "Job History (position and years of experience in each)",
                Kind::Lines,
                true,
            ),
            field(
                "association",
                "Association Experience (role and years)",
                Kind::Lines,
                false,
            ),
            field("expertise", "Area(s) of Expertise", Kind::Lines, true),
            field("heard", "How did you hear about the program?", Kind::Text, false),
            statement(
                "attach",
                "Please attach a cover letter and two letters of reference. At least one reference should be from the Association.",
            ),
        ],
    },
    FormDef {
        id: "mentee-application",
        title: "Mentee Application",
        source: "NEA ESP mentoring manual",
        filler: Filler::Anyone,
        archive: Some("applications"),
        private: false,
        evaluates: None,
        fields: &[
            field("name", "Name", Kind::Text, true),
            field("date", "Date of Application", Kind::Date, true),
            field("school", "School/District", Kind::Text, true),
            field("position", "Position/Job Classification", Kind::Text, true),
            field(
                "situation",
                "Check all that apply",
                Kind::Checks(MENTEE_SITUATION),
                false,
            ),
            field("situation_other", "Other (specify)", Kind::Text, false),
            field("address", "Address", Kind::Lines, false),
            field("phone_home", "Phone: Home", Kind::Text, false),
            field("phone_work", "Phone: Work", Kind::Text, false),
            field("phone_mobile", "Phone: Mobile", Kind::Text, false),
            field("email", "E-mail", Kind::Text, false),
            field("goals", "Goals", Kind::Lines, true),
            statement("committee", "FOR MENTORING COMMITTEE USE"),
            field("assigned_mentor", "Assigned mentor", Kind::Text, false),
            field("assigned_on", "Date", Kind::Date, false),
            field(
                "committee_signature",
                "Committee representative signature",
                Kind::Signature,
                false,
            ),
        ],
    },
    FormDef {
        id: "mentors-pledge",
        title: "A Mentor's Pledge",
        source: "NEA ESP mentoring manual",
        filler: Filler::Mentor,
        archive: None,
        private: false,
        evaluates: None,
        fields: &[
            field("mentee", "Mentee", Kind::Person, true),
            statement(
                "intro",
                "These are my expectations for our mentoring relationship. As your mentor...",
            ),
            statement("p1", "1. I will be available to you."),
            statement(
                "p2",
                "2. I will help, support, and encourage you in managing and mastering the following areas of work: quality and quantity of work; work habits and procedures; daily routines; interpersonal behavior.",
            ),
            statement(
                "p3",
                "3. We will work together to solve problems regarding issues that are important to you and issues that are important to me for the development of your career.",
            ),
            statement(
                "p4",
                "4. We will treat each other with respect, keeping our commitments to each other, for example, appointments, assignments, and agreed-upon expectations.",
            ),
            statement(
                "p5",
                "5. Although I do not have all the answers for you, I will help you frame the questions that will lead you to your own answers.",
            ),
            statement(
                "p6",
                "6. I will share with you and demonstrate what I have learned about my job and work responsibilities.",
            ),
            statement(
                "p7",
                "7. I will treat everything that transpires in our mentoring relationship with confidentiality, within the reasonable bounds upon which we have agreed.",
            ),
            statement("p8", "8. We will learn from and with each other."),
            field("signature", "Signature of mentor", Kind::Signature, true),
        ],
    },
    FormDef {
        id: "exit-mentor",
        title: "Exit Form for Mentor",
        source: "NEA ESP mentoring manual",
        filler: Filler::Mentor,
        archive: Some("exit_forms"),
        private: false,
        evaluates: Some(Evaluates::Mentor),
        fields: &[
            field("mentee", "Mentee Name", Kind::Person, true),
            field("site", "Site/Location", Kind::Text, false),
            field("length", "Length of time in program", Kind::Text, false),
            field("completed", "Completed program", Kind::YesNo, true),
            field(
                "progress",
                "1. Mentee progressed toward personal and professional goals and objectives.",
                Kind::Scale,
                true,
            ),
            field("progress_comments", "Comments", Kind::Lines, false),
            field(
                "feedback",
                "2. Mentee accepted constructive feedback.",
                Kind::Scale,
                true,
            ),
            field("feedback_comments", "Comments", Kind::Lines, false),
            field(
                "successful",
                "3. Mentoring relationship was successful.",
                Kind::Scale,
                true,
            ),
            field("successful_comments", "Comments", Kind::Lines, false),
            field("recommendations", "4. Recommendations", Kind::Lines, false),
            field("signature", "Signature of Mentor", Kind::Signature, true),
        ],
    },
    FormDef {
        id: "exit-mentee",
        title: "Exit Form for Mentee",
        source: "NEA ESP mentoring manual",
        filler: Filler::Mentee,
        archive: Some("exit_forms"),
        private: false,
        evaluates: Some(Evaluates::Mentee),
        fields: &[
            field("mentor", "Mentor Name", Kind::Text, true),
            field("site", "Site/Location", Kind::Text, false),
            field("length", "Length of time in program", Kind::Text, false),
            field("completed", "Completed program", Kind::YesNo, true),
            field(
                "needs",
                "1. Program met my needs/expectations.",
                Kind::Scale,
                true,
            ),
            field("needs_comments", "Comments", Kind::Lines, false),
            field(
                "growth",
                "2. Mentor encouraged personal/professional growth.",
                Kind::Scale,
                true,
            ),
            field("growth_comments", "Comments", Kind::Lines, false),
            field(
                "successful",
                "3. Mentoring relationship was successful.",
                Kind::Scale,
                true,
            ),
            field("successful_comments", "Comments", Kind::Lines, false),
            field("recommendations", "4. Recommendations", Kind::Lines, false),
            field("signature", "Signature of Mentee", Kind::Signature, true),
        ],
    },
    FormDef {
        id: "mentoring-plan",
        title: "Mentoring plan: Invest, Bridge the Gap, Share Power",
        source: "AFSCME Mentoring 101",
        filler: Filler::Mentor,
        archive: None,
        private: false,
        evaluates: None,
        fields: &[
            field(
                "mentee",
                "Whom will you mentor (an activist or leader in your local or council)?",
                Kind::Person,
                true,
            ),
            field(
                "why",
                "Why them? Be intentional, and inclusive of people who don't look, think and act like us.",
                Kind::Lines,
                true,
            ),
            field(
                "invest",
                "Invest: how will you create time, frequent places to connect, trust and a safe space?",
                Kind::Lines,
                true,
            ),
            field(
                "bridge",
                "Bridge the Gap: how will you make this a two-way, developmental partnership?",
                Kind::Lines,
                true,
            ),
            field(
                "share",
                "Share Power: what will you hand over, and how?",
                Kind::Lines,
                true,
            ),
            // The next step, kept current by amending the plan (the keys are the first step's).
            field("first_step", "Your next step", Kind::Text, true),
            field("first_step_on", "Date of the next step", Kind::Date, true),
        ],
    },
    FormDef {
        id: "library-goals",
        title: "Mentorship goals (short and long term)",
        source: "WVLS library mentoring",
        filler: Filler::Anyone,
        archive: None,
        private: false,
        evaluates: None,
        fields: &[
            field("mentee", "Mentee", Kind::Person, true),
            field("short_term", "Short term goals", Kind::Lines, true),
            field("long_term", "Long term goals", Kind::Lines, true),
            field(
                "shared_on",
                "Shared with the Communications Coordinator on",
                Kind::Date,
                false,
            ),
        ],
    },
    FormDef {
        id: "library-evaluation",
        title: "End-of-mentorship evaluation",
        source: "WVLS library mentoring",
        filler: Filler::Anyone,
        archive: None,
        private: false,
        evaluates: Some(Evaluates::Both),
        fields: &[
            field("partner", "Mentorship partner", Kind::Text, true),
            field("overall", "The mentorship was worthwhile", Kind::Scale, true),
            field("in_person", "In-person meetings held", Kind::Text, false),
            field("worked", "What worked well?", Kind::Lines, false),
            field("improve", "What would you change?", Kind::Lines, false),
            field(
                "recommend",
                "Would you recommend the program to a colleague?",
                Kind::YesNo,
                false,
            ),
        ],
    },
    FormDef {
        id: "letter-of-understanding",
        title: "Letter of Understanding",
        source: "NEA ESP mentoring manual",
        filler: Filler::Mentor,
        archive: None,
        private: false,
        evaluates: None,
        fields: &[
            field("mentee", "Mentee", Kind::Person, true),
            statement("agree", "THE MENTOR AND MENTEE AGREE..."),
            field(
                "meet_when",
                "1. Time commitment: we will meet (when?)",
                Kind::Text,
                true,
            ),
            field("meet_length", "We will meet (for how long?)", Kind::Text, true),
            field("short_term", "2. Short term goal(s)", Kind::Lines, true),
            field("long_term", "3. Long term goal(s)", Kind::Lines, true),
            statement(
                "confidentiality",
                "4. Confidentiality pledge. We agree that information about our personal or private lives shared in the course of our mentoring partnership shall not be disclosed to any other person, unless required by federal, state, or local laws and regulations. Examples of the types of information that must be disclosed are reports of abuse, threats of suicide, or admission of actions that could be prosecuted as felonies.",
            ),
            statement(
                "archives",
                "We further agree that the only documents and/or written records resulting from this mentoring process that will be kept in the program's archives are the following: 1. Mentor and Mentee Applications, 2. Attendance Records, 3. Exit Interviews.",
            ),
            statement(
                "pledges",
                "5. Additional pledges: I will be a good listener. I will accept constructive feedback. I will be flexible and open. I will commit to this mentoring relationship.",
            ),
            statement(
                "hold_harmless",
                "6. No one will be held accountable should the relationship not succeed (hold-harmless provision).",
            ),
            field("mentor_signature", "Mentor signature", Kind::Signature, true),
            field("mentee_signature", "Mentee signature", Kind::Signature, true),
        ],
    },
    FormDef {
        id: "reflection-mentor",
        title: "Reflection Form for Mentor",
        source: "NEA ESP mentoring manual",
        filler: Filler::Mentor,
        archive: None,
        private: true,
        evaluates: None,
        fields: &[
            field("mentee", "Mentee Name", Kind::Person, true),
            field("date", "Date", Kind::Date, true),
            field("site", "Site/Location", Kind::Text, false),
            field("goals", "Identified Goals", Kind::Lines, false),
            field("observations", "Observations", Kind::Lines, false),
            field("issues", "Issues To Be Addressed", Kind::Lines, false),
            field("next_steps", "Next Steps", Kind::Lines, false),
            field("next_meeting", "Next Meeting Scheduled For", Kind::Date, false),
        ],
    },
    FormDef {
        id: "reflection-mentee",
        title: "Reflection Form for Mentee",
        source: "NEA ESP mentoring manual",
        filler: Filler::Mentee,
        archive: None,
        private: true,
        evaluates: None,
        fields: &[
            field("mentor", "Mentor Name", Kind::Text, true),
            field("date", "Date", Kind::Date, true),
            field("site", "Site/Location", Kind::Text, false),
            field("goals", "Overall Goals/Objectives", Kind::Lines, false),
            field("going", "How Is It Going?", Kind::Lines, false),
            field("questions", "What Questions Do I Have?", Kind::Lines, false),
            field("suggests", "What Does Mentor Suggest?", Kind::Lines, false),
            field("next_steps", "Next Steps", Kind::Lines, false),
            field("next_meeting", "Next Meeting Scheduled For", Kind::Date, false),
        ],
    },
    FormDef {
        id: "engagement-monitoring",
        title: "Check & Connect monitoring",
        source: "WCSD Check & Connect",
        filler: Filler::Mentor,
        archive: None,
        private: false,
        evaluates: None,
        fields: &[
            field("student", "Student", Kind::Person, true),
            field("week_of", "Week of", Kind::Date, true),
            statement(
                "behavioral_area",
                "Behavioral: attendance, discipline and participation this week (leave unknown ones empty)",
            ),
            field("days_enrolled", "Days enrolled", Kind::Count, false),
            field("absences", "Full-day absences", Kind::Count, false),
            field("tardies", "Tardies", Kind::Count, false),
            field("skips", "Skipped classes", Kind::Count, false),
            field("referrals", "Behavior referrals", Kind::Count, false),
            field("detentions", "Detentions", Kind::Count, false),
            field(
                "in_school_suspensions",
                "In-school suspensions",
                Kind::Count,
                false,
            ),
            field(
                "out_of_school_suspension_days",
                "Out-of-school suspension days",
                Kind::Count,
                false,
            ),
            field(
                "participation",
                "Voluntary class participation",
                Kind::Scale,
                false,
            ),
            field(
                "extracurriculars",
                "Extracurricular activities attended",
                Kind::Count,
                false,
            ),
            statement(
                "academic_area",
                "Academic: time on task, homework, this grading period",
            ),
            field("time_on_task", "Time on task", Kind::Scale, false),
            field(
                "homework_done",
                "Homework completed (accurately)",
                Kind::Count,
                false,
            ),
            field("homework_assigned", "Homework assigned", Kind::Count, false),
            field("ds", "Ds", Kind::Count, false),
            field("fs", "Fs", Kind::Count, false),
            field("credits_earned", "Credits earned", Kind::Count, false),
            field("credits_possible", "Credits possible", Kind::Count, false),
            statement("cognitive_area", "Cognitive, as you see it"),
            field(
                "self_regulation",
                "Self-regulation of behavior toward goals",
                Kind::Scale,
                false,
            ),
            field(
                "relevance",
                "Perceived relevance of schoolwork to the future",
                Kind::Scale,
                false,
            ),
            statement("affective_area", "Affective, as you see it"),
            field("belonging", "Identification and belonging", Kind::Scale, false),
            field("relationships", "Relationships", Kind::Scale, false),
        ],
    },
    FormDef {
        id: "engagement-daily",
        title: "Check & Connect daily line",
        source: "WCSD Check & Connect",
        filler: Filler::Mentor,
        archive: None,
        private: false,
        evaluates: None,
        fields: &[
            field("student", "Student", Kind::Person, true),
            field("day", "Day", Kind::Date, true),
            statement(
                "daily",
                "Today's engagement, 1 to 5, in each area you saw (leave the others empty)",
            ),
            field("academic", "Academic", Kind::Scale, false),
            field("behavioral", "Behavioral", Kind::Scale, false),
            field("cognitive", "Cognitive", Kind::Scale, false),
            field("affective", "Affective", Kind::Scale, false),
            field("note", "Note", Kind::Text, false),
        ],
    },
    FormDef {
        id: "afscme-code-of-conduct",
        title: "AFSCME Code of Conduct (acknowledged)",
        source: "AFSCME Mentoring 101",
        filler: Filler::Anyone,
        archive: None,
        private: false,
        evaluates: None,
        fields: &[
            statement("conduct", AFSCME_CODE_OF_CONDUCT),
            statement("complaints", AFSCME_COMPLAINTS),
            statement(
                "concern",
                "To raise a concern with the program's coordinator alone, file \"Raise a concern\".",
            ),
            statement(
                "agreements",
                "Community agreements: step up, step back; be present together; learn from each other.",
            ),
            field(
                "acknowledged",
                "Read, and I will abide by it (your name)",
                Kind::Signature,
                true,
            ),
        ],
    },
    FormDef {
        id: "afscme-concern",
        title: "Raise a concern (to the coordinator alone)",
        source: "AFSCME Mentoring 101",
        filler: Filler::Anyone,
        archive: None,
        private: false,
        evaluates: None,
        fields: &[
            statement("complaints", AFSCME_COMPLAINTS),
            statement(
                "route",
                "What you file here reaches the program's coordinator alone: no mentor or mentee sees it. Write to Human Resources at the address above as well, or instead (for a concern about the coordinator).",
            ),
            field("what", "What happened?", Kind::Lines, true),
            field("when", "When (if it matters)", Kind::Date, false),
            field("where", "At which activity, event or meeting", Kind::Text, false),
            field(
                "contact_me",
                "May the coordinator contact you about it?",
                Kind::YesNo,
                true,
            ),
        ],
    },
    FormDef {
        id: "afscme-union-journey",
        title: "Union journey timeline",
        source: "AFSCME Mentoring 101",
        filler: Filler::Anyone,
        archive: None,
        private: true,
        evaluates: None,
        fields: &[
            statement(
                "prompt",
                "Draw a timeline of the events in your life that helped you become more actively involved and effective in your union work, and pencil in the people who helped you along the way to become the leader you are.",
            ),
            field(
                "events",
                "The events, in order (one a line, with the year)",
                Kind::Lines,
                true,
            ),
            field(
                "people",
                "The people who helped you along the way",
                Kind::Lines,
                false,
            ),
        ],
    },
    FormDef {
        id: "afscme-your-mentor",
        title: "Who was your mentor?",
        source: "AFSCME Mentoring 101",
        filler: Filler::Anyone,
        archive: None,
        private: true,
        evaluates: None,
        fields: &[
            field("mentor", "Who was your mentor?", Kind::Text, true),
            field(
                "characteristics",
                "What were the characteristics of your mentor(s)?",
                Kind::Lines,
                false,
            ),
            field(
                "did",
                "What did they DO to help you become a more active and effective union activist and leader?",
                Kind::Lines,
                true,
            ),
            field(
                "actions",
                "What actions did that mentor take to help you gain new skills or take on new roles?",
                Kind::Lines,
                false,
            ),
        ],
    },
    FormDef {
        id: "afscme-new-idea",
        title: "One new idea to take home",
        source: "AFSCME Mentoring 101",
        filler: Filler::Anyone,
        archive: None,
        private: true,
        evaluates: None,
        fields: &[field(
            "idea",
            "What's one new idea you learned today that you want to do differently when you get back home?",
            Kind::Lines,
            true,
        )],
    },
];

/// A form by its id.
pub fn find(id: &str) -> Option<&'static FormDef> {
    FORMS.iter().find(|f| f.id == id)
}

/// The forms a program lists, in catalog order: its preset's own, and those its settings add.
/// A program of no known preset lists only the added ones.
pub fn forms_for(preset: Option<Preset>, settings: &Settings) -> Vec<&'static FormDef> {
    let own = preset.map(Preset::forms).unwrap_or_default();
    FORMS
        .iter()
        .filter(|f| own.contains(&f.id) || settings.extra_forms.iter().any(|id| id == f.id))
        .collect()
}
