//! The forms engine: declarative form definitions, their values and their validation.

mod catalog;

pub use catalog::{AFSCME_CODE_OF_CONDUCT, AFSCME_COMPLAINTS, FORMS, find, forms_for};

use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The 1–5 scale of the NEA exit forms.
pub const SCALE: [&str; 5] = ["not at all", "somewhat", "quite a bit", "very much", "fully"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// A whole number (a count of days, referrals…).
    Count,
    /// Several lines of text.
    Lines,
    Date,
    Choice(&'static [&'static str]),
    Checks(&'static [&'static str]),
    /// 1 to 5, worded as [`SCALE`].
    Scale,
    YesNo,
    /// Someone on the user's caseload (or, for coordinators, anyone), by id.
    Person,
    /// A typed name; the date of signing is kept beside it.
    Signature,
    /// Wording shown to the reader, nothing to fill.
    Statement,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// Who fills a form in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filler {
    Mentor,
    Mentee,
    Anyone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormDef {
    pub id: &'static str,
    pub title: &'static str,
    /// The seed it comes from.
    pub source: &'static str,
    pub filler: Filler,
    /// The section of the program archive that can keep it ("applications", "exit_forms",
    /// "monthly_records": the manual's starred tools); `None` for everything else. Which
    /// sections a program keeps is its `archive` setting.
    pub archive: Option<&'static str>,
    /// Seen only by its author: kept in the author's private store, never in the program database.
    pub private: bool,
    /// An end-of-match evaluation, and whose: what a program's evaluation counts (see
    /// [`evaluation_sources`]).
    pub evaluates: Option<Evaluates>,
    pub fields: &'static [Field],
}

/// Whose view of an ended match an evaluation form gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evaluates {
    /// The mentor's, about the mentee (the NEA Exit Form for Mentor).
    Mentor,
    /// The mentee's, about the mentor (the NEA Exit Form for Mentee).
    Mentee,
    /// One from each side on the same form (the WVLS end-of-mentorship evaluation).
    Both,
}

/// One side of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Mentor,
    Mentee,
}

impl Evaluates {
    pub fn sides(self) -> &'static [Side] {
        match self {
            Evaluates::Mentor => &[Side::Mentor],
            Evaluates::Mentee => &[Side::Mentee],
            Evaluates::Both => &[Side::Mentor, Side::Mentee],
        }
    }
}

/// One thing a program's evaluation counts against its ended matches: an end-of-match form of
/// its own, filed by one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvaluationSource {
    pub form: &'static FormDef,
    pub side: Side,
}

impl EvaluationSource {
    /// The name its completion goes by: the form's id, and the side when the form has both
    /// (`library-evaluation by mentee`).
    pub fn key(&self) -> String {
        match self.form.evaluates {
            Some(Evaluates::Both) => format!(
                "{} by {}",
                self.form.id,
                match self.side {
                    Side::Mentor => "mentor",
                    Side::Mentee => "mentee",
                }
            ),
            _ => self.form.id.to_string(),
        }
    }
}

/// What a program evaluates: the end-of-match forms among the forms it lists (its preset's and
/// those its settings add), one source per side, in catalog order. A program lists no form of
/// another's unless it adds it, so WEAC evaluates no NEA exit form.
pub fn evaluation_sources(forms: &[&'static FormDef]) -> Vec<EvaluationSource> {
    forms
        .iter()
        .filter_map(|&form| form.evaluates.map(|e| (form, e)))
        .flat_map(|(form, e)| e.sides().iter().map(move |&side| EvaluationSource { form, side }))
        .collect()
}

/// A form's answers by field key. Checks are joined with "; ", the scale is "1".."5", yes/no is
/// "yes" or "no", a person is their id, and a signature's date sits under `KEY_date`.
pub type Values = BTreeMap<String, String>;

pub const CHECK_SEPARATOR: &str = "; ";

impl FormDef {
    /// The fields a user moves between (statements are only read).
    pub fn inputs(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.kind != Kind::Statement)
    }
}

/// Checks every field; returns the problems by field key, in form order.
pub fn validate(def: &FormDef, values: &Values, today: NaiveDate) -> Vec<(&'static str, String)> {
    let mut errors = Vec::new();
    for field in def.inputs() {
        let value = values.get(field.key).map(|v| v.trim()).unwrap_or("");
        if value.is_empty() {
            if field.required {
                errors.push((field.key, "is required".to_string()));
            }
            continue;
        }
        let problem = match field.kind {
            Kind::Date => match crate::domain::dates::parse_date(value) {
                Ok(d) if d > today + chrono::Days::new(366) => Some("is more than a year ahead".to_string()),
                Ok(_) => None,
                Err(e) => Some(e),
            },
            Kind::Choice(options) => {
                (!options.contains(&value)).then(|| format!("pick one of {}", options.join(", ")))
            }
            Kind::Checks(options) => value
                .split(CHECK_SEPARATOR)
                .find(|v| !options.contains(v))
                .map(|v| format!("'{v}' is not one of the boxes")),
            Kind::Scale => (!matches!(value, "1" | "2" | "3" | "4" | "5")).then(|| "pick 1 to 5".to_string()),
            Kind::Count => value
                .parse::<u32>()
                .is_err()
                .then(|| "a whole number".to_string()),
            Kind::YesNo => (!matches!(value, "yes" | "no")).then(|| "yes or no".to_string()),
            Kind::Text | Kind::Lines | Kind::Person | Kind::Signature | Kind::Statement => None,
        };
        if let Some(problem) = problem {
            errors.push((field.key, problem));
        }
    }
    errors
}

/// The checked boxes of a checks value.
pub fn checked(value: &str) -> Vec<&str> {
    value.split(CHECK_SEPARATOR).filter(|v| !v.is_empty()).collect()
}

/// Toggles one box in a checks value, keeping the boxes in the form's order.
pub fn toggle(options: &[&str], value: &str, option: &str) -> String {
    let mut on = checked(value);
    match on.iter().position(|v| *v == option) {
        Some(i) => {
            on.remove(i);
        }
        None => on.push(option),
    }
    options
        .iter()
        .filter(|o| on.contains(o))
        .copied()
        .collect::<Vec<_>>()
        .join(CHECK_SEPARATOR)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::settings::{Preset, Settings};

    #[test]
    fn each_preset_evaluates_its_own_end_of_match_forms() {
        let start = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
        let sources = |preset: Preset| -> Vec<String> {
            let settings = Settings::preset(preset, start);
            evaluation_sources(&forms_for(Some(preset), &settings))
                .iter()
                .map(EvaluationSource::key)
                .collect()
        };
        for (preset, expected) in [
            (Preset::Esp, &["exit-mentor", "exit-mentee"][..]),
            (
                Preset::Library,
                &["library-evaluation by mentor", "library-evaluation by mentee"][..],
            ),
            (Preset::RuralUnion, &[][..]),
            (Preset::CheckConnect, &[][..]),
            (Preset::Afscme, &[][..]),
        ] {
            assert_eq!(sources(preset), expected, "{preset:?}");
        }
        // A program that adds another's form evaluates it too.
        let mut weac = Settings::preset(Preset::RuralUnion, start);
        weac.extra_forms = vec!["exit-mentee".into()];
        let added = evaluation_sources(&forms_for(Some(Preset::RuralUnion), &weac));
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].side, Side::Mentee);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_form_has_unique_keys_and_something_to_fill() {
        let mut ids = std::collections::HashSet::new();
        for form in FORMS {
            assert!(ids.insert(form.id), "duplicate form {}", form.id);
            let mut keys = std::collections::HashSet::new();
            for field in form.fields {
                assert!(
                    keys.insert(field.key),
                    "{}: duplicate field {}",
                    form.id,
                    field.key
                );
            }
            assert!(form.inputs().count() > 0, "{}", form.id);
        }
    }

    #[test]
    fn every_preset_lists_only_forms_of_the_catalog() {
        for preset in Preset::ALL {
            for id in preset.forms() {
                assert!(find(id).is_some(), "{}: {id}", preset.as_str());
            }
        }
    }

    #[test]
    fn another_programs_forms_appear_only_when_a_setting_adds_them() {
        let start = d(2021, 8, 1);
        let ids = |preset: Preset, settings: &Settings| -> Vec<&str> {
            forms_for(Some(preset), settings).iter().map(|f| f.id).collect()
        };
        let mut weac = Settings::preset(Preset::RuralUnion, start);
        assert_eq!(ids(Preset::RuralUnion, &weac), Vec::<&str>::new());
        weac.extra_forms = vec!["library-goals".into()];
        assert_eq!(ids(Preset::RuralUnion, &weac), ["library-goals"]);

        let cc = Settings::preset(Preset::CheckConnect, start);
        assert_eq!(
            ids(Preset::CheckConnect, &cc),
            ["engagement-monitoring", "engagement-daily"]
        );
        let wvls = Settings::preset(Preset::Library, start);
        assert_eq!(
            ids(Preset::Library, &wvls),
            ["library-goals", "library-evaluation"]
        );
        for preset in Preset::ALL {
            let listed = ids(preset, &Settings::preset(preset, start));
            for form in FORMS {
                let own = preset.forms().contains(&form.id);
                assert_eq!(
                    listed.contains(&form.id),
                    own,
                    "{} lists {}",
                    preset.as_str(),
                    form.id
                );
            }
        }
        let afscme = ids(Preset::Afscme, &Settings::preset(Preset::Afscme, start));
        assert!(afscme.contains(&"mentoring-plan") && !afscme.contains(&"engagement-monitoring"));
    }

    #[test]
    fn the_afscme_workshop_exercises_are_private_and_the_code_names_where_to_report() {
        for id in ["afscme-union-journey", "afscme-your-mentor", "afscme-new-idea"] {
            assert!(find(id).unwrap().private, "{id}");
        }
        let conduct = find("afscme-code-of-conduct").unwrap();
        assert!(!conduct.private, "coordinators see who acknowledged it");
        let shown: Vec<&str> = conduct
            .fields
            .iter()
            .filter(|f| f.kind == Kind::Statement)
            .map(|f| f.label)
            .collect();
        assert!(shown.contains(&AFSCME_CODE_OF_CONDUCT));
        assert!(shown.iter().any(|s| s.contains("reportharassment@afscme.org")));
        let plan = find("mentoring-plan").unwrap();
        let keys: Vec<&str> = plan.inputs().map(|f| f.key).collect();
        assert_eq!(
            keys,
            [
                "mentee",
                "why",
                "invest",
                "bridge",
                "share",
                "first_step",
                "first_step_on"
            ]
        );
    }

    #[test]
    fn validation_table() {
        let exit = find("exit-mentor").unwrap();
        let today = d(2026, 11, 23);
        let mut values = Values::new();
        let errors = validate(exit, &values, today);
        assert!(
            errors.iter().any(|(k, e)| *k == "progress" && e == "is required"),
            "{errors:?}"
        );
        values.insert("mentee".into(), "L01".into());
        values.insert("progress".into(), "6".into());
        values.insert("feedback".into(), "4".into());
        values.insert("successful".into(), "5".into());
        values.insert("completed".into(), "maybe".into());
        values.insert("signature".into(), "Ana Lindqvist".into());
        let errors = validate(exit, &values, today);
        assert_eq!(
            errors,
            vec![
                ("completed", "yes or no".to_string()),
                ("progress", "pick 1 to 5".to_string())
            ]
        );
        values.insert("progress".into(), "3".into());
        values.insert("completed".into(), "yes".into());
        assert!(validate(exit, &values, today).is_empty());
    }

    #[test]
    fn checks_toggle_in_form_order() {
        let options = ["before school", "after school", "lunch"];
        let v = toggle(&options, "", "lunch");
        let v = toggle(&options, &v, "before school");
        assert_eq!(v, "before school; lunch");
        assert_eq!(toggle(&options, &v, "lunch"), "before school");
        let record = find("monthly-record").unwrap();
        let mut values = Values::new();
        values.insert("month".into(), "Nov.".into());
        values.insert("when".into(), "lunch; recess".into());
        let errors = validate(record, &values, d(2026, 11, 23));
        assert!(
            errors.iter().any(|(k, e)| *k == "when" && e.contains("'recess'")),
            "{errors:?}"
        );
    }
}

/// A submitted form, as filed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub key: i64,
    pub form: String,
    pub author: i64,
    pub author_name: String,
    pub about: Option<i64>,
    pub about_name: Option<String>,
    pub values: Values,
    pub submitted_at: String,
    pub supersedes: Option<i64>,
    /// A later amendment replaced this version.
    pub superseded: bool,
}
