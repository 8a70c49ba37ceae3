//! The store has one door: no module but the service layer names it, and no SQL is written
//! outside `src/store/` (tests inside the crate that inspect a database file excepted).

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
fn only_the_service_layer_uses_the_store_and_sql_stays_in_the_store() {
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
        if relative.starts_with("store/") || relative.ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        checked += 1;
        if !relative.starts_with("service/") && relative != "lib.rs" {
            assert!(
                !text.contains("crate::store"),
                "{relative} reaches past the service layer"
            );
        }
        for word in sql {
            assert!(!text.contains(word), "{relative} holds SQL ({word})");
        }
    }
    assert!(checked > 40, "the scan read the tree: {checked} files");
}
