//! What a program pays: installments, the per-meeting stipend, and the kinds of compensation
//! the ledger records.

use serde::{Deserialize, Serialize};

/// A fixed payment on a month of the program year (WEAC: $350 in December, $400 in July).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installment {
    pub month: u32,
    pub amount_cents: i64,
    pub label: String,
}

/// A payment per in-person meeting (WVLS: $125, up to 3 visits of at least 6 hours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingStipend {
    pub amount_cents: i64,
    pub max_meetings: u32,
    pub min_total_hours: u32,
}

/// What a kind of compensation is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Dollars,
    Hours,
}

/// A kind of compensation a coordinator records in the ledger beyond what the rules pay (NEA:
/// "Comp time, Organizational leave, Travel expenses, Monetary stipend").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompensationKind {
    pub kind: String,
    pub unit: Unit,
}

pub(super) fn compensation(kinds: &[(&str, Unit)]) -> Vec<CompensationKind> {
    kinds
        .iter()
        .map(|&(kind, unit)| CompensationKind {
            kind: kind.to_string(),
            unit,
        })
        .collect()
}
