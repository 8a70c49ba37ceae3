//! Helpers the seed_figures tests share: a command's JSON, and a visit logged from the command
//! line.
#![allow(dead_code)]

use crate::common::ok;
use serde_json::Value;
use std::path::Path;

pub fn json_of(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

pub fn log_visit(db: &Path, mentor: &str, mentee: &str, at: &str, minutes: &str) {
    ok(
        db,
        &[
            "log",
            "--mentor",
            mentor,
            "--person",
            mentee,
            "--method",
            "in-person",
            "--outcome",
            "conversation",
            "--at",
            at,
            "--minutes",
            minutes,
        ],
    );
}
