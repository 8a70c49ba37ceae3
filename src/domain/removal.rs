//! WEAC's removal rule: "Mentors may be asked to leave the program for failure to complete the
//! above, behaving in a way that is harassing, unethical, or disrespectful, working against the
//! union (e.g. putting administration before members), engaging in behavior that breaks trust or
//! confidentiality, or if a mentor finds that they are no longer able to complete the work." A
//! coordinator warns a mentor on one of these grounds, and may ask them to leave on one.

use chrono::NaiveDate;
use serde::Serialize;

/// The seed's grounds for asking a mentor to leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ground {
    Expectations,
    Conduct,
    AgainstUnion,
    Trust,
    Unable,
}

impl Ground {
    pub const ALL: [Ground; 5] = [
        Ground::Expectations,
        Ground::Conduct,
        Ground::AgainstUnion,
        Ground::Trust,
        Ground::Unable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Ground::Expectations => "expectations",
            Ground::Conduct => "conduct",
            Ground::AgainstUnion => "against-union",
            Ground::Trust => "trust",
            Ground::Unable => "unable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Ground::Expectations => {
                "did not complete what is expected (contacts, reports, check-ins, trainings)"
            }
            Ground::Conduct => "harassing, unethical or disrespectful behavior",
            Ground::AgainstUnion => "working against the union",
            Ground::Trust => "behavior that breaks trust or confidentiality",
            Ground::Unable => "no longer able to complete the work",
        }
    }
}

impl std::str::FromStr for Ground {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        Ground::ALL
            .into_iter()
            .find(|g| g.as_str() == text.trim())
            .ok_or_else(|| {
                format!("'{text}' is not a ground: expectations, conduct, against-union, trust or unable")
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoticeKind {
    Warning,
    Removal,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Warning => "warning",
            NoticeKind::Removal => "removal",
        }
    }
}

/// A warning given to a mentor, or their removal, on a ground.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub ground: Ground,
    pub note: String,
    pub on: NaiveDate,
    pub by: String,
}

/// What the warned mentor is told.
pub fn warning_text(ground: Ground, note: &str) -> String {
    let mut text = format!("A warning from the coordinator: {}.", ground.label());
    if !note.trim().is_empty() {
        text.push_str(&format!(" {}", note.trim()));
    }
    text.push_str(" Mentors may be asked to leave the program for this.");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ground_reads_back_and_the_warning_names_it() {
        for g in Ground::ALL {
            assert_eq!(g.as_str().parse::<Ground>(), Ok(g));
        }
        assert!("lazy".parse::<Ground>().is_err());
        assert_eq!(
            warning_text(Ground::Expectations, " No reports since September. "),
            "A warning from the coordinator: did not complete what is expected (contacts, reports, check-ins, trainings). No reports since September. Mentors may be asked to leave the program for this."
        );
    }
}
