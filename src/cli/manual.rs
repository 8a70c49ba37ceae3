//! The manual pages and the shell completions, made from the clap definitions so that they
//! never disagree with the commands: mentordesk(1), with the exit status, the environment and
//! the files, and one page per subcommand (mentordesk-log(1), mentordesk-import-people(1)…),
//! each with its own options.

use crate::cli::{Cli, CompletionShell};
use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, italic, roman};
use std::io::Write;
use std::path::Path;

/// The command the pages are made from: without clap's `help` subcommand, which has no page.
fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// mentordesk(1).
pub fn write_man(out: &mut dyn Write) -> std::io::Result<()> {
    render(&command(), true, out)
}

/// Every page, `mentordesk.1` and one per subcommand, as files in `dir` (made if missing).
pub fn write_man_pages(dir: &Path) -> std::io::Result<()> {
    for (name, page) in pages()? {
        crate::privilege::write_own_file(&dir.join(name), &page)?;
    }
    Ok(())
}

/// Every page with its file name: mentordesk.1, then the subcommands' depth first.
fn pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn walk(cmd: &clap::Command, top: bool, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        let mut page = Vec::new();
        render(cmd, top, &mut page)?;
        out.push((clap_mangen::Man::new(cmd.clone()).get_filename(), page));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, false, out)?;
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(&command(), true, &mut out)?;
    Ok(out)
}

/// One page: clap_mangen's sections, then the exit status on every page, the environment and
/// the files on mentordesk(1), and a pointer back to it on the others.
fn render(cmd: &clap::Command, top: bool, out: &mut dyn Write) -> std::io::Result<()> {
    // Every page's footer names the program and its version, not the subcommand's name.
    let man = clap_mangen::Man::new(cmd.clone()).source(concat!("mentordesk ", env!("CARGO_PKG_VERSION")));
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(out)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(out)?;
    }
    let mut roff = Roff::default();
    // Paths and option names read better whole than hyphenated.
    roff.control("nh", []);
    exit_status(&mut roff);
    if top {
        environment(&mut roff);
        files(&mut roff);
    } else {
        roff.control("SH", ["SEE ALSO"]);
        roff.text([
            bold("mentordesk"),
            roman("(1), for the environment and the files."),
        ]);
    }
    roff.to_writer(out)?;
    if top {
        man.render_version_section(out)?;
    }
    Ok(())
}

/// A tagged paragraph: the term on its own line, the text indented below it.
fn entry(roff: &mut Roff, term: &str, text: &str) {
    roff.control("TP", []);
    roff.text([bold(term)]);
    roff.text([roman(text)]);
}

/// The codes `main_entry` returns: clap's usage errors and `Error::exit_code`.
fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    entry(
        roff,
        "0",
        "Success; also after --help and --version, and when the reader of standard output goes \
         away (mentordesk export people | head).",
    );
    entry(
        roff,
        "1",
        "The database or the system failed: the path names something other than a mentordesk \
         database (left unchanged), a file could not be read or written, SQLite reported an \
         error, the terminal could not be opened, or the program group could not be given up or \
         taken back.",
    );
    entry(
        roff,
        "2",
        "Bad input: an unknown option, a missing or malformed argument, a value out of range, a \
         file to import that is wrong (nothing of it is imported), or init, --demo or demo \
         --generate given a path where something already is.",
    );
    entry(
        roff,
        "3",
        "Denied: you may not do this (a mentor running a coordinator's command, a login that is \
         not in the program, --as without being a coordinator).",
    );
    entry(
        roff,
        "4",
        "Conflict: someone else changed the record since the version you started from (contact \
         edit --version), or an answer is already on file (applicants cover or decide without \
         --replace); nothing was saved.",
    );
    entry(
        roff,
        "101",
        "mentordesk itself failed (a bug); the terminal is restored first.",
    );
    roff.control("PP", []);
    roff.text([roman(
        "Every failure prints one line, starting with \"mentordesk: \", on standard error.",
    )]);
}

/// Every variable the binary reads, and the ones the directories it uses come from.
fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    entry(
        roff,
        "MENTORDESK_DB",
        "The program database, when --db is not given; it wins over the config file's db.",
    );
    entry(
        roff,
        "MENTORDESK_TODAY",
        "Fix \"today\" (YYYY-MM-DD), as --today does.",
    );
    entry(
        roff,
        "MENTORDESK_CONFIG",
        "The config file to read instead of $XDG_CONFIG_HOME/mentordesk/config.toml.",
    );
    entry(
        roff,
        "MENTORDESK_SSH",
        "The command sync reaches the box with, when --ssh is not given (as rsync -e and \
         GIT_SSH_COMMAND): ssh -p 2222 -i ~/.ssh/box.",
    );
    entry(
        roff,
        "MENTORDESK_REMOTE_PATH",
        "The mentordesk sync runs on the box, when --remote-path is not given.",
    );
    entry(
        roff,
        "NO_COLOR",
        "When set and not empty, the app draws without colour (bold, underline and reverse \
         instead), whatever the config file says.",
    );
    entry(
        roff,
        "TERM",
        "What the terminal can show: dumb, the vt family and the -m/-mono terminals get the \
         monochrome theme; no TERM at all gets it too.",
    );
    entry(
        roff,
        "COLORTERM",
        "When set and not empty, a terminal whose TERM names no colour is drawn in colour \
         (not a dumb one).",
    );
    entry(
        roff,
        "LC_ALL",
        "With LC_CTYPE and LANG after it (the first set and not empty decides, as POSIX \
         orders them): a locale that names UTF-8 gets Unicode lines and marks; any other, or \
         none, gets ASCII only, as --ascii does.",
    );
    entry(roff, "LC_CTYPE", "See LC_ALL.");
    entry(roff, "LANG", "See LC_ALL.");
    entry(
        roff,
        "XDG_DATA_HOME",
        "Where your own files go (default ~/.local/share): the default database, drafts, the \
         private store and letters, under mentordesk/.",
    );
    entry(
        roff,
        "XDG_CONFIG_HOME",
        "Where the config file is looked for (default ~/.config), under mentordesk/.",
    );
    entry(roff, "HOME", "The base of the two defaults above.");
    entry(
        roff,
        "TMPDIR",
        "Where --demo makes its database when --db is not given (default /tmp).",
    );
    roff.control("PP", []);
    roff.text([roman(
        "Who you are comes from your real user id's password entry, never from USER or LOGNAME.",
    )]);
}

fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    entry(
        roff,
        "~/.local/share/mentordesk/program.db",
        "The program database when neither --db, MENTORDESK_DB nor the config file names one; \
         created with mode 0600 in a 0700 directory.",
    );
    entry(
        roff,
        "~/.config/mentordesk/config.toml",
        "The config file, read with your own rights; every key is optional: db (a path), ascii \
         and color (true or false). An unknown key is refused by name.",
    );
    entry(
        roff,
        "~/.local/share/mentordesk/drafts/",
        "Unsaved contacts, events and forms, one JSON file each, kept when the app closes or the \
         terminal hangs up, and offered again on the next start.",
    );
    entry(
        roff,
        "~/.local/share/mentordesk/private/",
        "Your private store (reflections): one SQLite file per program database.",
    );
    entry(
        roff,
        "~/.local/share/mentordesk/letters/",
        "Letters and certificates written from the app.",
    );
    roff.control("PP", []);
    roff.text([roman(
        "Your own files are created as you, with your own group, mode 0600 in 0700 directories.",
    )]);
    roff.control("TP", []);
    roff.text([italic("dir"), bold("/program.db")]);
    roff.text([roman(
        "A shared program, made by mentordesk --db dir/program.db init --shared --group \
         mentordesk (for example /srv/mentordesk/team/program.db): the directory has mode 2770 \
         and the database 0660, both of the program group, which no user belongs to. The \
         installed binary is setgid to that group (2755 root:mentordesk) and keeps the group \
         only to open such a database.",
    )]);
    entry(
        roff,
        "$TMPDIR/mentordesk-demo-PID/",
        "The --demo database when --db is not given; removed when the app closes.",
    );
}

pub fn write_completions(shell: CompletionShell, out: &mut dyn Write) {
    let shell = match shell {
        CompletionShell::Bash => clap_complete::Shell::Bash,
        CompletionShell::Zsh => clap_complete::Shell::Zsh,
        CompletionShell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(shell, &mut Cli::command(), "mentordesk", out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn text(page: &[u8]) -> String {
        String::from_utf8(page.to_vec()).expect("roff is UTF-8")
    }

    /// The `mentordesk-…(1)` pages a page names, as file names.
    fn named_pages(page: &str) -> BTreeSet<String> {
        let page = page.replace("\\-", "-");
        let mut named = BTreeSet::new();
        let mut rest = page.as_str();
        while let Some(at) = rest.find("mentordesk-") {
            let tail = &rest[at..];
            let len = tail
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(tail.len());
            if tail[len..].starts_with("(1)") {
                named.insert(format!("{}.1", &tail[..len]));
            }
            rest = &tail[len..];
        }
        named
    }

    #[test]
    fn every_page_a_page_names_is_made() {
        let pages = pages().unwrap();
        let made: BTreeSet<String> = pages.iter().map(|(name, _)| name.clone()).collect();
        let main = text(&pages[0].1);
        assert_eq!(pages[0].0, "mentordesk.1");
        let from_main = named_pages(&main);
        assert!(from_main.contains("mentordesk-log.1"), "{from_main:?}");
        assert!(!from_main.contains("mentordesk-help.1"));
        let mut named = BTreeSet::new();
        for (_, page) in &pages {
            named.extend(named_pages(&text(page)));
        }
        assert!(named.contains("mentordesk-import-people.1"), "{named:?}");
        let missing: Vec<_> = named.difference(&made).collect();
        assert!(missing.is_empty(), "named but not made: {missing:?}");
        // Every page but the top one is named by its parent.
        assert_eq!(named.len() + 1, made.len());
    }

    /// `whatis` and `apropos` read "NAME - what it does" from the NAME section: a subcommand
    /// without a doc comment would have no such line.
    #[test]
    fn every_page_says_what_it_is_for() {
        for (name, page) in pages().unwrap() {
            let page = text(&page);
            let entry = page
                .split(".SH NAME\n")
                .nth(1)
                .and_then(|rest| rest.lines().next());
            let stem = name.trim_end_matches(".1").replace('-', "\\-");
            assert!(
                entry.is_some_and(|line| line.starts_with(&format!("{stem} \\- "))),
                "{name}: {entry:?}"
            );
        }
    }

    #[test]
    fn the_main_page_has_exit_status_environment_and_files() {
        let mut page = Vec::new();
        write_man(&mut page).unwrap();
        let page = text(&page);
        for section in [
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH FILES",
            ".SH OPTIONS",
        ] {
            assert!(page.contains(section), "no {section}");
        }
        for code in 0..=4 {
            assert!(
                page.contains(&format!(".TP\n\\fB{code}\\fR\n")),
                "exit code {code}"
            );
        }
    }

    #[test]
    fn a_subcommand_page_has_its_options_and_the_exit_status() {
        let pages = pages().unwrap();
        let (_, log) = pages.iter().find(|(name, _)| name == "mentordesk-log.1").unwrap();
        let log = text(log).replace("\\-", "-");
        for wanted in [
            ".SH OPTIONS",
            "--mentor",
            "--minutes",
            "--db",
            ".SH \"EXIT STATUS\"",
            ".SH \"SEE ALSO\"",
        ] {
            assert!(log.contains(wanted), "mentordesk-log(1) has no {wanted}");
        }
    }

    /// Every variable the binary reads by name (through `std::env` or clap's `env` attribute,
    /// outside the tests) is in ENVIRONMENT, so that a new one cannot go undocumented.
    #[test]
    fn every_variable_read_is_documented() {
        let mut page = Vec::new();
        write_man(&mut page).unwrap();
        let page = text(&page);
        let environment = &page[page.find(".SH ENVIRONMENT").unwrap()..page.find(".SH FILES").unwrap()];
        let mut read = BTreeSet::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let name = path.file_name().unwrap().to_string_lossy();
                if name == "tests.rs" || name.ends_with("_tests.rs") {
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                // What a test reads is not the binary's.
                let source = source.split("#[cfg(test)]").next().unwrap();
                for marker in ["var_os(\"", "var(\"", "env = \"", "var_set(\""] {
                    for (at, _) in source.match_indices(marker) {
                        let name = &source[at + marker.len()..];
                        let name = &name[..name.find('"').unwrap()];
                        read.insert(name.to_string());
                    }
                }
            }
        }
        for name in [
            "MENTORDESK_DB",
            "MENTORDESK_TODAY",
            "MENTORDESK_CONFIG",
            "NO_COLOR",
            "TERM",
            "LANG",
        ] {
            assert!(read.contains(name), "the scan missed {name}: {read:?}");
        }
        for name in &read {
            assert!(
                environment.contains(&format!("\\fB{name}\\fR")),
                "{name} is not in ENVIRONMENT"
            );
        }
    }
}
