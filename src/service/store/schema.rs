//! Versioned migrations. `PRAGMA user_version` holds how many have run; each runs once, inside
//! the write transaction that re-checks the version.

pub const MIGRATIONS: &[&str] = &[
    // 1: the program, people and everything recorded about them.
    r#"
CREATE TABLE program (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    preset      TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    settings    TEXT NOT NULL,
    demo        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);

CREATE TABLE people (
    key              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('mentor','mentee','coordinator','guardian','staff','provider')),
    login            TEXT UNIQUE,
    email            TEXT,
    phone            TEXT,
    organization     TEXT,
    position         TEXT,
    location         TEXT,
    job_family       TEXT,
    expertise        TEXT,
    goals            TEXT,
    availability     TEXT,
    years_experience INTEGER,
    active           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX people_role ON people(role, name);

CREATE TABLE assignments (
    key         INTEGER PRIMARY KEY,
    mentor      INTEGER NOT NULL REFERENCES people(key),
    mentee      INTEGER NOT NULL REFERENCES people(key),
    started_on  TEXT NOT NULL,
    ended_on    TEXT,
    end_reason  TEXT CHECK (end_reason IN ('completed','exhausted','negative-experience','left-organization','cancelled')),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL))
);
CREATE INDEX assignments_mentor ON assignments(mentor, ended_on);
CREATE INDEX assignments_mentee ON assignments(mentee);

CREATE TABLE contacts (
    key           INTEGER PRIMARY KEY,
    mentor        INTEGER NOT NULL REFERENCES people(key),
    person        INTEGER NOT NULL REFERENCES people(key),
    occurred_at   TEXT NOT NULL,
    method        TEXT NOT NULL CHECK (method IN ('phone','email','text','in-person','video','mail','other')),
    outcome       TEXT NOT NULL CHECK (outcome IN ('conversation','no-answer','left-message','no-reply','bounced')),
    duration_min  INTEGER,
    support_when  TEXT,
    support_what  TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    follow_up_on  TEXT,
    submitted_on  TEXT,
    intervention  TEXT CHECK (intervention IN ('basic','intensive')),
    deleted_at    TEXT,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX contacts_mentor_time ON contacts(mentor, occurred_at) WHERE deleted_at IS NULL;
CREATE INDEX contacts_person_time ON contacts(person, occurred_at) WHERE deleted_at IS NULL;
CREATE INDEX contacts_time ON contacts(occurred_at) WHERE deleted_at IS NULL;
-- Covers the month summaries (quota, evaluation) without touching the table.
CREATE INDEX contacts_month ON contacts(occurred_at, mentor, person, outcome) WHERE deleted_at IS NULL;
CREATE INDEX contacts_follow_up ON contacts(follow_up_on) WHERE follow_up_on IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX contacts_unsubmitted ON contacts(mentor, occurred_at, person)
    WHERE submitted_on IS NULL AND deleted_at IS NULL;

CREATE TABLE events (
    key          INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT,
    organizer    INTEGER REFERENCES people(key),
    person       INTEGER REFERENCES people(key),
    assignment   INTEGER REFERENCES assignments(key),
    place        TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    cancelled    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_time ON events(starts_at);

CREATE TABLE form_submissions (
    key          INTEGER PRIMARY KEY,
    form         TEXT NOT NULL,
    author       INTEGER NOT NULL REFERENCES people(key),
    about        INTEGER REFERENCES people(key),
    assignment   INTEGER REFERENCES assignments(key),
    status       TEXT NOT NULL CHECK (status IN ('draft','submitted','shared')),
    data         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    submitted_at TEXT,
    -- An amendment points at the version it replaces; that version stays.
    supersedes   INTEGER REFERENCES form_submissions(key)
);
CREATE INDEX form_submissions_author ON form_submissions(author, form);
CREATE INDEX form_submissions_form ON form_submissions(form, submitted_at);

CREATE TABLE attendance (
    key        INTEGER PRIMARY KEY,
    event_on   TEXT NOT NULL,
    event      TEXT NOT NULL,
    person     INTEGER NOT NULL REFERENCES people(key),
    status     TEXT NOT NULL CHECK (status IN ('present','absent','excused')),
    note       TEXT NOT NULL DEFAULT '',
    UNIQUE (event_on, event, person)
);

CREATE TABLE goals (
    key         INTEGER PRIMARY KEY,
    assignment  INTEGER NOT NULL REFERENCES assignments(key),
    term        TEXT NOT NULL CHECK (term IN ('short','long')),
    text        TEXT NOT NULL,
    shared_on   TEXT,
    achieved_on TEXT
);
CREATE INDEX goals_assignment ON goals(assignment);

CREATE TABLE ledger (
    key          INTEGER PRIMARY KEY,
    mentor       INTEGER NOT NULL REFERENCES people(key),
    kind         TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    due_on       TEXT NOT NULL,
    paid_on      TEXT,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ledger_mentor ON ledger(mentor, due_on);

CREATE TABLE audit_log (
    key       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_key INTEGER,
    detail    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE engagement (
    key                           INTEGER PRIMARY KEY,
    student                       INTEGER NOT NULL REFERENCES people(key),
    month                         TEXT NOT NULL,
    entered_on                    TEXT NOT NULL,
    absences                      INTEGER,
    tardies                       INTEGER,
    skips                         INTEGER,
    days_enrolled                 INTEGER,
    referrals                     INTEGER,
    detentions                    INTEGER,
    in_school_suspensions         INTEGER,
    out_of_school_suspension_days INTEGER,
    ds                            INTEGER,
    fs                            INTEGER,
    credits_earned                INTEGER,
    credits_possible              INTEGER,
    created_by                    TEXT NOT NULL
);
CREATE INDEX engagement_student ON engagement(student, month);
CREATE INDEX engagement_month ON engagement(month);

CREATE TABLE reminders (
    key        INTEGER PRIMARY KEY,
    person     INTEGER NOT NULL REFERENCES people(key),
    sender     TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at    TEXT
);
CREATE INDEX reminders_person ON reminders(person, read_at);
"#,
    // Whom each contact reached, seen from its mentor: the quota leaves colleagues out, and
    // coordinators see contacts beyond a caseload marked. Older rows are classified as the rule in
    // domain::contacts::reach does, from the roles and the assignments on the contact's day.
    r#"
ALTER TABLE contacts ADD COLUMN reach TEXT NOT NULL DEFAULT 'caseload';
UPDATE contacts SET reach = CASE
    WHEN EXISTS (SELECT 1 FROM assignments a WHERE a.mentor = contacts.mentor AND a.mentee = contacts.person
                 AND a.started_on <= substr(contacts.occurred_at, 1, 10)
                 AND (a.ended_on IS NULL OR a.ended_on >= substr(contacts.occurred_at, 1, 10))) THEN 'caseload'
    WHEN (SELECT role FROM people WHERE key = contacts.person) IN ('coordinator', 'mentor') THEN 'colleague'
    WHEN (SELECT role FROM people WHERE key = contacts.person) IN ('guardian', 'staff', 'provider') THEN 'support'
    ELSE 'off-caseload' END;
"#,
    // AFSCME contacts record the pillar they served.
    r#"
ALTER TABLE contacts ADD COLUMN pillar TEXT CHECK (pillar IN ('invest','bridge-the-gap','share-power'));
"#,
    // Every editable record carries a version: an update names the version it started from and
    // bumps it, so two people's edits never silently overwrite each other. The audit log is
    // append-only.
    r#"
ALTER TABLE contacts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE program ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE form_submissions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE assignments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#,
    // Check & Connect: the guardians, school staff and providers around each student.
    r#"
CREATE TABLE student_links (
    person  INTEGER NOT NULL REFERENCES people(key),
    student INTEGER NOT NULL REFERENCES people(key),
    PRIMARY KEY (person, student)
) WITHOUT ROWID;
CREATE INDEX student_links_student ON student_links(student);
"#,
    // NEA: the mentor applicant's file (cover letter, references, the committee's decision); the
    // application form itself is a filed form about the applicant.
    r#"
CREATE TABLE applications (
    person      INTEGER PRIMARY KEY REFERENCES people(key),
    received_on TEXT NOT NULL,
    why         TEXT NOT NULL DEFAULT '',
    offer       TEXT NOT NULL DEFAULT '',
    times       TEXT NOT NULL DEFAULT '',
    decision    TEXT CHECK (decision IN ('accepted', 'declined')),
    reason      TEXT NOT NULL DEFAULT '',
    decided_on  TEXT
);
CREATE TABLE application_references (
    key         INTEGER PRIMARY KEY,
    person      INTEGER NOT NULL REFERENCES applications(person),
    referee     TEXT NOT NULL,
    association INTEGER NOT NULL CHECK (association IN (0, 1)),
    received_on TEXT NOT NULL
);
CREATE INDEX application_references_person ON application_references(person);
"#,
    // The month summaries (every mentor's quota, the evaluation) and the overdue counts read
    // only these indexes, never the table: whom each contact reached is in the month index, and
    // the columns of each index's own WHERE are in it too, which SQLite needs to call an index
    // covering.
    r#"
DROP INDEX contacts_month;
CREATE INDEX contacts_month ON contacts(occurred_at, mentor, person, outcome, reach, deleted_at)
    WHERE deleted_at IS NULL;
DROP INDEX contacts_unsubmitted;
CREATE INDEX contacts_unsubmitted ON contacts(mentor, occurred_at, person, submitted_on, deleted_at)
    WHERE submitted_on IS NULL AND deleted_at IS NULL;
"#,
    // What each user was last shown of the changes others made to their records: an audit key.
    r#"
CREATE TABLE changes_seen (
    person    INTEGER PRIMARY KEY REFERENCES people(key),
    audit_key INTEGER NOT NULL
);
"#,
    // Every record has one identity everywhere (exports, imports, archives, later sync): a
    // global id, a UUID v7 as text. Rows from before get new ones here, made in SQL (the
    // millisecond clock, then random bits, as RFC 9562 lays v7 out); new rows get theirs from
    // `store::new_gid` or from the file they were imported from.
    r#"
ALTER TABLE people ADD COLUMN gid TEXT;
UPDATE people SET gid = lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655));
CREATE UNIQUE INDEX people_gid ON people(gid);
ALTER TABLE assignments ADD COLUMN gid TEXT;
UPDATE assignments SET gid = lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655));
CREATE UNIQUE INDEX assignments_gid ON assignments(gid);
ALTER TABLE contacts ADD COLUMN gid TEXT;
UPDATE contacts SET gid = lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655));
CREATE UNIQUE INDEX contacts_gid ON contacts(gid);
ALTER TABLE events ADD COLUMN gid TEXT;
UPDATE events SET gid = lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655));
CREATE UNIQUE INDEX events_gid ON events(gid);
ALTER TABLE form_submissions ADD COLUMN gid TEXT;
UPDATE form_submissions SET gid = lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655));
CREATE UNIQUE INDEX form_submissions_gid ON form_submissions(gid);
ALTER TABLE ledger ADD COLUMN gid TEXT;
UPDATE ledger SET gid = lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655));
CREATE UNIQUE INDEX ledger_gid ON ledger(gid);
ALTER TABLE applications ADD COLUMN gid TEXT;
UPDATE applications SET gid = lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655));
CREATE UNIQUE INDEX applications_gid ON applications(gid);
"#,
    // NEA comp time and organizational leave are counted in time, not money.
    r#"
ALTER TABLE ledger ADD COLUMN minutes INTEGER;
"#,
    // WVLS: "Minimum one-year mentorship which may be extended": each extension moves the end
    // of the term to `until`.
    r#"
CREATE TABLE assignment_extensions (
    key        INTEGER PRIMARY KEY,
    assignment INTEGER NOT NULL REFERENCES assignments(key),
    until      TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assignment_extensions_assignment ON assignment_extensions(assignment);
"#,
    // Check & Connect: the four areas of engagement (homework, extracurriculars and the 1–5
    // ratings of each area), and the daily line: an entry for one day, with a note, one per
    // student and day. WEAC: warnings to mentors and their removal.
    r#"
ALTER TABLE engagement ADD COLUMN homework_done INTEGER;
ALTER TABLE engagement ADD COLUMN homework_assigned INTEGER;
ALTER TABLE engagement ADD COLUMN extracurriculars INTEGER;
ALTER TABLE engagement ADD COLUMN time_on_task INTEGER CHECK (time_on_task BETWEEN 1 AND 5);
ALTER TABLE engagement ADD COLUMN academic INTEGER CHECK (academic BETWEEN 1 AND 5);
ALTER TABLE engagement ADD COLUMN participation INTEGER CHECK (participation BETWEEN 1 AND 5);
ALTER TABLE engagement ADD COLUMN behavioral INTEGER CHECK (behavioral BETWEEN 1 AND 5);
ALTER TABLE engagement ADD COLUMN self_regulation INTEGER CHECK (self_regulation BETWEEN 1 AND 5);
ALTER TABLE engagement ADD COLUMN relevance INTEGER CHECK (relevance BETWEEN 1 AND 5);
ALTER TABLE engagement ADD COLUMN cognitive INTEGER CHECK (cognitive BETWEEN 1 AND 5);
ALTER TABLE engagement ADD COLUMN belonging INTEGER CHECK (belonging BETWEEN 1 AND 5);
ALTER TABLE engagement ADD COLUMN relationships INTEGER CHECK (relationships BETWEEN 1 AND 5);
ALTER TABLE engagement ADD COLUMN affective INTEGER CHECK (affective BETWEEN 1 AND 5);
ALTER TABLE engagement ADD COLUMN day TEXT;
ALTER TABLE engagement ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX engagement_daily ON engagement(student, day) WHERE day IS NOT NULL;

-- WEAC: the warnings given to mentors, and their removal, on the seed's grounds.
CREATE TABLE mentor_notices (
    key     INTEGER PRIMARY KEY,
    mentor  INTEGER NOT NULL REFERENCES people(key),
    kind    TEXT NOT NULL CHECK (kind IN ('warning', 'removal')),
    ground  TEXT NOT NULL CHECK (ground IN ('expectations', 'conduct', 'against-union', 'trust', 'unable')),
    note    TEXT NOT NULL DEFAULT '',
    on_day  TEXT NOT NULL,
    by      TEXT NOT NULL
);
CREATE INDEX mentor_notices_mentor ON mentor_notices(mentor);
"#,
    // Laptop copies and their sync. On the box: what each copy was last sent (a row's version
    // by its global id), so the next sync sends only what changed. In a copy: which box it
    // came from and whose it is, and each row's version as the box last sent it (its base),
    // so a change made offline is found, and what the box answered (refused, or a conflict
    // with the box's version kept beside).
    r#"
CREATE TABLE sync_sent (
    copy    TEXT NOT NULL,
    tbl     TEXT NOT NULL,
    gid     TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (copy, tbl, gid)
) WITHOUT ROWID;
CREATE TABLE sync_copies (
    copy       TEXT PRIMARY KEY,
    login      TEXT NOT NULL,
    first_at   TEXT NOT NULL,
    last_at    TEXT NOT NULL
);
CREATE TABLE sync_origin (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    copy        TEXT NOT NULL,
    remote      TEXT NOT NULL,
    login       TEXT NOT NULL,
    synced_at   TEXT
);
CREATE TABLE sync_base (
    tbl     TEXT NOT NULL,
    gid     TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (tbl, gid)
) WITHOUT ROWID;
CREATE TABLE sync_marks (
    tbl     TEXT NOT NULL,
    gid     TEXT NOT NULL,
    version INTEGER NOT NULL,
    state   TEXT NOT NULL CHECK (state IN ('refused', 'conflict')),
    reason  TEXT NOT NULL DEFAULT '',
    theirs  TEXT,
    PRIMARY KEY (tbl, gid)
) WITHOUT ROWID;
"#,
    // WEAC: "mentors are encouraged to invite others to these sessions": how many came at a
    // mentor's invitation, on the mentor's own mark.
    r#"
ALTER TABLE attendance ADD COLUMN guests INTEGER NOT NULL DEFAULT 0 CHECK (guests >= 0);
"#,
    // A laptop copy's field work travels: attendance, engagement, the ledger, reminders and
    // mentor applications with their references get a global id and a version. A mark and a daily line are known by what they are about (the
    // day, the event and the person; the student and the day), so that one made on a copy and
    // one made on the box for the same thing are the same record, and meet as a conflict, never
    // as two.
    r#"
ALTER TABLE attendance ADD COLUMN gid TEXT;
ALTER TABLE attendance ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE attendance SET gid = event_on || '/' || (SELECT gid FROM people WHERE key = attendance.person) || '/' || event;
CREATE UNIQUE INDEX attendance_gid ON attendance(gid);
ALTER TABLE engagement ADD COLUMN gid TEXT;
ALTER TABLE engagement ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE engagement SET gid = CASE WHEN day IS NOT NULL
    THEN (SELECT gid FROM people WHERE key = engagement.student) || '/' || day
    ELSE lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655)) END;
CREATE UNIQUE INDEX engagement_gid ON engagement(gid);
ALTER TABLE ledger ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE reminders ADD COLUMN gid TEXT;
ALTER TABLE reminders ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE reminders SET gid = lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655));
CREATE UNIQUE INDEX reminders_gid ON reminders(gid);
ALTER TABLE applications ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE application_references ADD COLUMN gid TEXT;
ALTER TABLE application_references ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
UPDATE application_references SET gid = lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655));
CREATE UNIQUE INDEX application_references_gid ON application_references(gid);
-- Every way in (the app, imports, the demo) gets its id here, so none is left without.
CREATE TRIGGER attendance_gid AFTER INSERT ON attendance WHEN NEW.gid IS NULL BEGIN
    UPDATE attendance SET gid = NEW.event_on || '/' || (SELECT gid FROM people WHERE key = NEW.person) || '/' || NEW.event
    WHERE key = NEW.key;
END;
CREATE TRIGGER engagement_gid AFTER INSERT ON engagement WHEN NEW.gid IS NULL BEGIN
    UPDATE engagement SET gid = CASE WHEN NEW.day IS NOT NULL
        THEN (SELECT gid FROM people WHERE key = NEW.student) || '/' || NEW.day
        ELSE lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655)) END
    WHERE key = NEW.key;
END;
CREATE TRIGGER reminders_gid AFTER INSERT ON reminders WHEN NEW.gid IS NULL BEGIN
    UPDATE reminders SET gid = lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655)) WHERE key = NEW.key;
END;
CREATE TRIGGER application_references_gid AFTER INSERT ON application_references WHEN NEW.gid IS NULL BEGIN
    UPDATE application_references SET gid = lower(printf('%08x-%04x-7%03x-%x%03x-%012x', (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) >> 16, (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) & 65535, random() & 4095, 8 + (random() & 3), random() & 4095, random() & 281474976710655)) WHERE key = NEW.key;
END;
"#,
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
