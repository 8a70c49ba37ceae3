//! `mentordesk sync`: a laptop copy and its box, over the system's own `ssh`, as git's
//! `upload-pack` is reached. The laptop runs `ssh HOST mentordesk sync --serve`; the box's
//! mentordesk (setgid there) knows the user from the real uid and answers on standard input and
//! output.
//!
//! On the wire: each end first writes its greeting line, `mentordesk-sync <version>`, in plain
//! text, so that two versions can name each other; then one deflate stream each way, flushed
//! after every message, carrying messages as a 4-byte length and JSON. One sync is two round
//! trips: the copy's changes go up and the box's answers and records come down; then the copy,
//! once it has stored them, says so and the box notes what it holds. A sync cut off anywhere
//! is simply run again: changes carry their ids, and the box takes each once.

mod client;
mod serve;
mod wire;

pub use client::{SyncOptions, SyncReport, fetch_figures, plural, set_aside_refused, summary, sync};
pub use serve::serve;
pub use wire::{Remote, parse_remote};
