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

/// The module import graph of `src/app`: one node per file (its module path, `""` for
/// `mod.rs`), an edge for each `use` item and each `super::`/`crate::app::`/`self::` path that
/// names another file's module, followed through `pub use` re-exports to the file that
/// defines the name.
struct ModuleGraph {
    modules: Vec<Vec<String>>,
    edges: Vec<std::collections::BTreeSet<usize>>,
}

/// The text with comments and string contents taken out, up to the file's own test module
/// (whose `super::` names the file itself).
fn code_only(text: &str) -> String {
    let text = match text.find("\n#[cfg(test)]\nmod tests {") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push('"');
            }
            c => out.push(c),
        }
    }
    out
}

/// The paths of a `use` tree such as `super::{a::B, c::{D, E as F}}`.
fn use_paths(prefix: &[String], tree: &str) -> Vec<Vec<String>> {
    let tree = tree.trim();
    let mut out = Vec::new();
    if let Some(inner) = tree.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        let mut depth = 0;
        let mut item = String::new();
        for c in inner.chars().chain(std::iter::once(',')) {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if c == ',' && depth == 0 {
                if !item.trim().is_empty() {
                    out.extend(use_paths(prefix, &item));
                }
                item.clear();
            } else {
                item.push(c);
            }
        }
        return out;
    }
    match tree.find("::{") {
        Some(at) => {
            let mut longer = prefix.to_vec();
            longer.extend(tree[..at].split("::").map(|s| s.trim().to_string()));
            out.extend(use_paths(&longer, &tree[at + 2..]));
        }
        None => {
            let name = tree.split(" as ").next().unwrap_or(tree).trim();
            let mut path = prefix.to_vec();
            path.extend(name.split("::").map(|s| s.trim().to_string()));
            out.push(path);
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl ModuleGraph {
    fn of_app() -> ModuleGraph {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
        let mut files = Vec::new();
        sources(&root, &mut files);
        files.sort();
        let mut modules = Vec::new();
        let mut texts = Vec::new();
        for file in &files {
            let relative = file.strip_prefix(&root).unwrap().with_extension("");
            let mut module: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|m| m == "mod") {
                module.pop();
            }
            modules.push(module);
            texts.push(code_only(&std::fs::read_to_string(file).unwrap()));
        }
        let index = |module: &[String]| modules.iter().position(|m| m == module);
        // Each file's paths, and the names it re-exports (`pub use`) with their paths.
        let mut paths: Vec<Vec<Vec<String>>> = Vec::new();
        let mut reexports: Vec<std::collections::BTreeMap<String, Vec<String>>> = Vec::new();
        for text in &texts {
            let mut found = Vec::new();
            let mut names = std::collections::BTreeMap::new();
            for statement in text.split(';') {
                let words = statement.trim_start();
                let (public, rest) = match words.strip_prefix("pub") {
                    Some(rest) if !rest.starts_with(is_ident) => {
                        let rest = rest.trim_start();
                        let rest = match rest.strip_prefix('(') {
                            Some(r) => r.split_once(')').map_or(r, |(_, r)| r).trim_start(),
                            None => rest,
                        };
                        (true, rest)
                    }
                    _ => (false, words),
                };
                // Attributes such as `#[cfg(test)]` may stand before the `use`.
                let rest = rest.rsplit("]\n").next().unwrap_or(rest).trim_start();
                if let Some(tree) = rest.strip_prefix("use ") {
                    for path in use_paths(&[], tree) {
                        if public {
                            names.insert(path.last().unwrap().clone(), path.clone());
                        }
                        found.push(path);
                    }
                }
            }
            for start in ["super::", "crate::app::", "self::"] {
                for (at, _) in text.match_indices(start) {
                    if text[..at].ends_with(|c: char| is_ident(c) || c == ':') {
                        continue;
                    }
                    let path: String = text[at..]
                        .chars()
                        .take_while(|c| is_ident(*c) || *c == ':')
                        .collect();
                    let path: Vec<String> = path
                        .split("::")
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect();
                    // `super::super::{…}` is only the start of a `use` tree, read above.
                    if path
                        .last()
                        .is_some_and(|last| !matches!(last.as_str(), "super" | "self" | "app"))
                    {
                        found.push(path);
                    }
                }
            }
            paths.push(found);
            reexports.push(names);
        }
        let resolve = |from: usize, path: &[String]| -> Option<usize> {
            let mut from = from;
            let mut path = path.to_vec();
            for _ in 0..8 {
                let mut at: Vec<String> = modules[from].clone();
                let mut rest: &[String] = &path;
                match rest.first().map(String::as_str) {
                    Some("crate") if rest.get(1).is_some_and(|s| s == "app") => {
                        at.clear();
                        rest = &rest[2..];
                    }
                    Some("self") => rest = &rest[1..],
                    Some("super") => {
                        while rest.first().is_some_and(|s| s == "super") {
                            at.pop();
                            rest = &rest[1..];
                        }
                    }
                    Some(child) => {
                        let mut child_path = at.clone();
                        child_path.push(child.to_string());
                        index(&child_path)?;
                    }
                    None => return None,
                }
                while let Some(next) = rest.first() {
                    let mut deeper = at.clone();
                    deeper.push(next.clone());
                    if index(&deeper).is_none() {
                        break;
                    }
                    at = deeper;
                    rest = &rest[1..];
                }
                let target = index(&at)?;
                match rest.first().and_then(|name| reexports[target].get(name)) {
                    Some(reexported) if reexported.len() > 1 => {
                        from = target;
                        path = reexported.clone();
                    }
                    _ => return Some(target),
                }
            }
            None
        };
        let mut edges = vec![std::collections::BTreeSet::new(); modules.len()];
        for (from, found) in paths.iter().enumerate() {
            for path in found {
                if let Some(to) = resolve(from, path)
                    && to != from
                {
                    edges[from].insert(to);
                }
            }
        }
        ModuleGraph { modules, edges }
    }

    fn name(&self, node: usize) -> String {
        match self.modules[node].join("/") {
            name if name.is_empty() => "mod.rs".into(),
            name => name,
        }
    }

    /// The strongly connected components with more than one file (Tarjan's algorithm).
    fn cycles(&self) -> Vec<Vec<usize>> {
        struct Walk<'a> {
            graph: &'a ModuleGraph,
            next: usize,
            index: Vec<Option<usize>>,
            low: Vec<usize>,
            stack: Vec<usize>,
            on_stack: Vec<bool>,
            found: Vec<Vec<usize>>,
        }
        fn visit(w: &mut Walk, v: usize) {
            w.index[v] = Some(w.next);
            w.low[v] = w.next;
            w.next += 1;
            w.stack.push(v);
            w.on_stack[v] = true;
            for &to in &w.graph.edges[v] {
                match w.index[to] {
                    None => {
                        visit(w, to);
                        w.low[v] = w.low[v].min(w.low[to]);
                    }
                    Some(i) if w.on_stack[to] => w.low[v] = w.low[v].min(i),
                    Some(_) => {}
                }
            }
            if Some(w.low[v]) == w.index[v] {
                let mut component = Vec::new();
                while let Some(top) = w.stack.pop() {
                    w.on_stack[top] = false;
                    component.push(top);
                    if top == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    w.found.push(component);
                }
            }
        }
        let n = self.modules.len();
        let mut walk = Walk {
            graph: self,
            next: 0,
            index: vec![None; n],
            low: vec![0; n],
            stack: Vec::new(),
            on_stack: vec![false; n],
            found: Vec::new(),
        };
        for v in 0..n {
            if walk.index[v].is_none() {
                visit(&mut walk, v);
            }
        }
        walk.found
    }

    /// The cycles that span more than one unit: a unit is one file or one folder directly in
    /// `src/app` (a screen's own files, the key map's, the effects').
    fn cycles_across_units(&self) -> Vec<Vec<String>> {
        self.cycles()
            .into_iter()
            .filter(|component| {
                let units: std::collections::BTreeSet<_> =
                    component.iter().map(|&v| self.modules[v].first()).collect();
                units.len() > 1
            })
            .map(|component| {
                let mut names: Vec<String> = component.iter().map(|&v| self.name(v)).collect();
                names.sort();
                names
            })
            .collect()
    }
}

/// The graph is read as the compiler would: the dispatcher reaches each screen, a screen its
/// actions, and a re-export leads to the file that defines the name.
#[test]
fn the_app_import_graph_is_read_whole() {
    let graph = ModuleGraph::of_app();
    let node = |name: &str| (0..graph.modules.len()).find(|&v| graph.name(v) == name).unwrap();
    let update = node("update");
    for screen in ["caseload", "contacts", "calendar", "forms", "program", "people"] {
        assert!(
            graph.edges[update].contains(&node(screen)),
            "update reaches {screen}"
        );
        assert!(
            graph.edges[node(screen)].contains(&node("action")),
            "{screen} takes actions"
        );
    }
    // `super::Screen` is re-exported by mod.rs from screen.rs.
    assert!(graph.edges[node("action")].contains(&node("screen")));
    assert!(!graph.edges[node("action")].contains(&node("mod.rs")));
}

/// No import cycle spans more than one screen's own files, or any two units of `src/app`: the
/// state holds each screen's state type (`<screen>/state.rs`), each screen's `update` and loads
/// (`<screen>/mod.rs`) take the state and the runtime's `App` (`runtime/mod.rs`, which names no
/// screen), and what runs them (`runtime/run.rs`, `runtime/effects.rs`) sits above all.
#[test]
fn no_import_cycle_spans_two_units_of_the_app() {
    let cycles = ModuleGraph::of_app().cycles_across_units();
    assert!(cycles.is_empty(), "import cycles across units: {cycles:#?}");
}
