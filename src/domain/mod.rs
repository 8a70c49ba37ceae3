//! Pure types and rules. Nothing here touches a file, a clock or a terminal.

pub mod agenda;
pub mod applications;
pub mod caseload;
pub mod contacts;
pub mod dates;
pub mod engagement;
pub mod forms;
pub mod matching;
pub mod pairs;
pub mod permissions;
pub mod pillars;
pub mod quota;
pub mod records;
pub mod removal;
pub mod reports;
pub mod risk;
pub mod sanitize;
pub mod schedule;
pub mod settings;
pub mod sync;
pub mod types;

pub use dates::YearMonth;
pub use types::{EndReason, Method, Outcome, Pillar, Role, SupportWhen};
