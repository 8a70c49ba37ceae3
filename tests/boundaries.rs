//! No SQL is written outside the store, `src/service/store/` (tests inside the crate that
//! inspect a database file excepted). That nothing but the service names the store is the
//! compiler's to say: the store is a private module of the service (a `compile_fail` doctest in
//! `src/service/mod.rs` shows it).

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn sql_stays_in_the_store() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let sql = [
        "\"SELECT ",
        "\"INSERT INTO",
        "\"DELETE FROM",
        "\"CREATE TABLE",
        "\"UPDATE ",
    ];
    let mut checked = 0;
    for file in files {
        let relative = file.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
        if relative.starts_with("service/store/") || relative.ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        checked += 1;
        for word in sql {
            assert!(!text.contains(word), "{relative} holds SQL ({word})");
        }
    }
    assert!(checked > 40, "the scan read the tree: {checked} files");
}

/// The layers above the state: `app` (state and update) names neither `ui` (drawing) nor `tui`
/// (the terminal and the event loop), and `ui` does not name `tui`, so each depends only on the
/// layers under it.
#[test]
fn state_never_reaches_up_to_drawing_or_the_terminal() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (layer, above) in [
        ("app", &["crate::ui", "crate::tui"][..]),
        ("ui", &["crate::tui"][..]),
    ] {
        let mut files = Vec::new();
        sources(&src.join(layer), &mut files);
        assert!(files.len() > 10, "{layer}: the scan read the tree");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for name in above {
                assert!(!text.contains(name), "{} names {name}", file.display());
            }
        }
    }
}

/// Drawing sees the plain state only: no file of `ui` names the runtime (`App`, which owns the
/// session) or a session, so what a frame shows cannot depend on reading the store.
#[test]
fn drawing_never_names_the_runtime_or_a_session() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src.join("ui"), &mut files);
    assert!(files.len() > 10, "ui: the scan read the tree");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let words = text.split(|c: char| !(c.is_alphanumeric() || c == '_'));
        for word in words {
            assert!(
                !matches!(word, "App" | "Session" | "session"),
                "{} names {word}",
                file.display()
            );
        }
    }
}
