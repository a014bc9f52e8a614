//! `--json` is a contract, written down in `docs/json.md`: one test per command runs the real
//! binary on the built-in sandbox (`--sandbox --json`) and checks what it prints against the
//! table documented for it. Every documented field must be there (when its `when` holds) with
//! its documented type, every field printed must be documented, and every documented field
//! must show up at least once in the runs a test makes; a field that disappears, changes type
//! or appears undocumented fails the test.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::Value;

use crate::support::*;

/// One value type of the docs' vocabulary.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Timestamp,
    Object,
    Array,
    ArrayOf(Vec<Ty>),
    MapOf(Vec<Ty>),
}

/// One row of a schema table.
#[derive(Debug, Clone)]
struct Spec {
    path: String,
    types: Vec<Ty>,
    nullable: bool,
    optional: bool,
    open: bool,
    /// `(sibling field, the values it takes)` under which the field is there.
    when: Option<(String, Vec<String>)>,
}

fn scalar(word: &str) -> Ty {
    match word.trim() {
        "string" => Ty::String,
        "integer" => Ty::Integer,
        "number" => Ty::Number,
        "boolean" => Ty::Boolean,
        "timestamp" => Ty::Timestamp,
        "object" => Ty::Object,
        "array" => Ty::Array,
        other => panic!("docs/json.md: unknown type `{other}`"),
    }
}

/// `string or null`, `array of string`, `map of integer or boolean`, `object, open`,
/// `string, optional`.
fn parse_type(cell: &str) -> (Vec<Ty>, bool, bool, bool) {
    let mut parts = cell.split(", ");
    let expr = parts.next().unwrap_or_default().trim();
    let (mut optional, mut open) = (false, false);
    for flag in parts {
        match flag.trim() {
            "optional" => optional = true,
            "open" => open = true,
            other => panic!("docs/json.md: unknown flag `{other}` in `{cell}`"),
        }
    }
    let union = |s: &str| -> Vec<Ty> { s.split(" or ").map(scalar).collect() };
    if let Some(rest) = expr.strip_prefix("array of ") {
        return (vec![Ty::ArrayOf(union(rest))], false, optional, open);
    }
    if let Some(rest) = expr.strip_prefix("map of ") {
        return (vec![Ty::MapOf(union(rest))], false, optional, open);
    }
    let words: Vec<&str> = expr.split(" or ").collect();
    let nullable = words.contains(&"null");
    let types = words
        .into_iter()
        .filter(|w| *w != "null")
        .map(scalar)
        .collect();
    (types, nullable, optional, open)
}

/// The schema table under `heading` (a `##` or `###` heading's text) in docs/json.md.
fn schema(heading: &str) -> Vec<Spec> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md");
    let text = std::fs::read_to_string(&path).expect("docs/json.md");
    let mut lines = text
        .lines()
        .skip_while(|l| !(l.starts_with('#') && l.trim_start_matches('#').trim() == heading));
    assert!(
        lines.next().is_some(),
        "docs/json.md has no heading {heading}"
    );
    let table: Vec<&str> = lines
        .take_while(|l| !l.starts_with('#'))
        .skip_while(|l| !l.starts_with("| field"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(table.len() > 2, "no field table under {heading}");
    let cells = |l: &str| -> Vec<String> {
        l.replace("\\|", "\u{1}")
            .trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.replace('\u{1}', "|").replace('`', "").trim().to_string())
            .collect()
    };
    let header = cells(table[0]);
    let col = |name: &str| header.iter().position(|h| h == name);
    let (f, t, w) = (col("field").unwrap(), col("type").unwrap(), col("when"));
    table[2..]
        .iter()
        .map(|l| {
            let c = cells(l);
            let (types, nullable, optional, open) = parse_type(&c[t]);
            let when = w.map(|w| c[w].clone()).filter(|w| !w.is_empty()).map(|w| {
                let (k, v) = w.split_once('=').expect("`when` is `field = value`");
                (
                    k.trim().to_string(),
                    v.split('|').map(|x| x.trim().to_string()).collect(),
                )
            });
            Spec {
                path: c[f].clone(),
                types,
                nullable,
                optional,
                open,
                when,
            }
        })
        .collect()
}

/// The object (or array) path a field belongs to, and its name: `a[].b` → (`a[]`, `b`).
fn split_path(path: &str) -> (&str, &str) {
    match path.rfind('.') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => match path.strip_prefix("[]") {
            Some(_) => ("[]", &path[2..]),
            None => ("", path),
        },
    }
}

fn join(parent: &str, name: &str) -> String {
    match parent {
        "" => name.to_string(),
        "[]" => format!("[].{name}"),
        p => format!("{p}.{name}"),
    }
}

fn is_type(t: &Ty, v: &Value) -> bool {
    match t {
        Ty::String => v.is_string(),
        Ty::Integer => v.is_i64() || v.is_u64(),
        Ty::Number => v.is_number(),
        Ty::Boolean => v.is_boolean(),
        Ty::Timestamp => v.as_str().is_some_and(|s| {
            s.ends_with('Z') && s.contains('T') && s.parse::<jiff::Timestamp>().is_ok()
        }),
        Ty::Object => v.is_object(),
        Ty::Array => v.is_array(),
        Ty::ArrayOf(ts) => v
            .as_array()
            .is_some_and(|a| a.iter().all(|e| ts.iter().any(|t| is_type(t, e)))),
        Ty::MapOf(ts) => v
            .as_object()
            .is_some_and(|m| m.values().all(|e| ts.iter().any(|t| is_type(t, e)))),
    }
}

/// Checks documents against one schema, remembering which fields it saw.
struct Checker {
    what: String,
    specs: Vec<Spec>,
    seen: BTreeSet<String>,
    errors: Vec<String>,
    documents: usize,
}

impl Checker {
    fn new(heading: &str) -> Checker {
        Checker {
            what: heading.to_string(),
            specs: schema(heading),
            seen: BTreeSet::new(),
            errors: Vec::new(),
            documents: 0,
        }
    }

    fn spec(&self, path: &str) -> Option<&Spec> {
        self.specs.iter().find(|s| s.path == path)
    }

    fn error(&mut self, e: String) {
        if self.errors.len() < 20 && !self.errors.contains(&e) {
            self.errors.push(e);
        }
    }

    /// One whole document (or one JSON Lines record).
    fn check(&mut self, v: &Value) {
        self.documents += 1;
        self.walk("", v);
    }

    /// Every JSON Lines record of `text`.
    fn check_lines(&mut self, text: &str) {
        for line in text.lines() {
            let v: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}: not a JSON line ({e}): {line}", self.what));
            self.check(&v);
        }
    }

    fn walk(&mut self, path: &str, v: &Value) {
        match v {
            Value::Array(items) => {
                let elem = format!("{path}[]");
                for item in items {
                    self.walk(&elem, item);
                }
            }
            Value::Object(m) => {
                // An open object may carry more than its documented fields.
                let open = self.spec(path).is_some_and(|s| s.open);
                for (k, child) in m {
                    let cp = join(path, k);
                    let Some(spec) = self.spec(&cp).cloned() else {
                        if !open {
                            self.error(format!("`{cp}` is printed but not documented"));
                        }
                        continue;
                    };
                    if let Some((key, values)) = &spec.when {
                        if !holds(m, key, values) {
                            self.error(format!(
                                "`{cp}` is printed although `{key}` is not {values:?}"
                            ));
                        }
                    }
                    self.value(&cp, &spec, child);
                }
                let children: Vec<Spec> = self
                    .specs
                    .iter()
                    .filter(|s| split_path(&s.path).0 == path && !s.optional)
                    .cloned()
                    .collect();
                for s in children {
                    let name = split_path(&s.path).1;
                    let due = s
                        .when
                        .as_ref()
                        .is_none_or(|(k, values)| holds(m, k, values));
                    if due && !m.contains_key(name) {
                        self.error(format!("`{}` is documented but missing", s.path));
                    }
                }
            }
            _ => {}
        }
    }

    fn value(&mut self, path: &str, spec: &Spec, v: &Value) {
        self.seen.insert(path.to_string());
        if v.is_null() {
            if !spec.nullable {
                self.error(format!("`{path}` is null, documented as {:?}", spec.types));
            }
            return;
        }
        if !spec.types.iter().any(|t| is_type(t, v)) {
            self.error(format!("`{path}` is {v}, documented as {:?}", spec.types));
            return;
        }
        let structured = spec
            .types
            .iter()
            .any(|t| matches!(t, Ty::ArrayOf(_) | Ty::MapOf(_)));
        if !structured {
            self.walk(path, v);
        }
    }

    /// Fails on any error, and on a documented field no document showed (but those named in
    /// `unseen`, which a sandbox run cannot produce).
    fn finish(mut self, unseen: &[&str]) {
        assert!(self.documents > 0, "{}: nothing checked", self.what);
        let missing: Vec<String> = self
            .specs
            .iter()
            .filter(|s| !s.optional && !self.seen.contains(&s.path))
            .map(|s| s.path.clone())
            .filter(|p| !unseen.contains(&p.as_str()))
            .collect();
        for p in missing {
            self.error(format!("`{p}` is documented but no run printed it"));
        }
        assert!(
            self.errors.is_empty(),
            "{} does not match docs/json.md:\n  {}",
            self.what,
            self.errors.join("\n  ")
        );
    }
}

fn holds(m: &serde_json::Map<String, Value>, key: &str, values: &[String]) -> bool {
    m.get(key).is_some_and(|v| {
        let s = v
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v.to_string());
        values.contains(&s)
    })
}

/// Runs `aircom --sandbox ARGS --json` and returns stdout, asserting the exit code.
fn sandbox_json(env: &Env, state: Option<&str>, args: &[&str], codes: &[i32]) -> String {
    let mut cmd = env.cmd();
    cmd.arg("--sandbox");
    if let Some(s) = state {
        cmd.arg("--sandbox-state").arg(env.path().join(s));
    }
    let out = cmd.args(args).arg("--json").output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| codes.contains(&c)),
        "{args:?}: exit {:?}\n{}",
        out.status.code(),
        stderr(&out)
    );
    stdout(&out)
}

fn document(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not one JSON document ({e}): {text}"))
}

#[test]
fn the_checker_catches_a_missing_a_retyped_and_an_undocumented_field() {
    let mut c = Checker::new("`aircom runs`");
    c.check(&serde_json::json!([{
        "id": "1", "command": "undo", "args": "undo 1 --yes", "started_at": 1700000000,
        "outcome": "ok", "counts": {}, "workspace": "w", "extra": 1
    }]));
    let e = c.errors.join("\n");
    assert!(e.contains("`[].id` is \"1\""), "{e}");
    assert!(e.contains("`[].started_at` is 1700000000"), "{e}");
    assert!(e.contains("`[].ended_at` is documented but missing"), "{e}");
    assert!(
        e.contains("`[].extra` is printed but not documented"),
        "{e}"
    );
}

/// Every command either has its section in docs/json.md or is listed there as printing none.
#[test]
fn every_command_is_in_the_json_docs() {
    use clap::CommandFactory;
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md"),
    )
    .unwrap();
    fn leaves(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        for sub in cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        {
            let name = format!("{prefix} {}", sub.get_name()).trim().to_string();
            if sub.has_subcommands() {
                leaves(sub, &name, out);
            } else {
                out.push(name);
            }
        }
    }
    let mut all = Vec::new();
    leaves(&aircom::cli::Cli::command(), "", &mut all);
    assert!(all.len() > 15, "{all:?}");
    for cmd in all {
        assert!(
            text.contains(&format!("`aircom {cmd}`"))
                || text.contains(&format!("`aircom {cmd} "))
                || text.contains(&format!("- `{cmd}` ")),
            "docs/json.md says nothing about `aircom {cmd}`"
        );
    }
}

#[test]
fn doctor_json_matches_the_docs() {
    let env = Env::new();
    let mut c = Checker::new("`aircom doctor`");
    for args in [
        &["doctor"][..],
        &["auth", "status"],
        &["doctor", "--with-calls", "61d"],
    ] {
        let out = sandbox_json(&env, None, args, &[0]);
        let v = document(&out);
        assert_eq!(v["intercom"]["token_source"]["kind"], "sandbox");
        assert!(!out.contains(aircom::sandbox::SANDBOX_INTERCOM_TOKEN));
        c.check(&v);
    }
    c.finish(&[]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_number_json_matches_the_docs() {
    // The numbers from the same world `--sandbox` starts: shared on each side.
    let truth = sandbox().await.truth();
    let intercom_shared = truth
        .intercom_duplicate_groups
        .keys()
        .next()
        .unwrap()
        .clone();
    let aircall_shared = truth
        .aircall_duplicate_groups
        .keys()
        .next()
        .unwrap()
        .clone();
    let env = Env::new();
    let mut c = Checker::new("`aircom check-number`");
    let out = sandbox_json(
        &env,
        None,
        &[
            "check-number",
            &intercom_shared,
            &aircall_shared,
            "+44 20 8765 3456",
            "abc",
        ],
        &[3],
    );
    let v = document(&out);
    assert_eq!(v.as_array().unwrap().len(), 4);
    assert!(v[0]["lookup"]["intercom"].as_array().unwrap().len() > 1);
    assert!(!v[1]["lookup"]["aircall"].as_array().unwrap().is_empty());
    c.check(&v);
    // An ambiguous number, offline.
    let out = sandbox_json(
        &env,
        None,
        &[
            "check-number",
            "--offline",
            "--country",
            "IT",
            "003123456789",
        ],
        &[3],
    );
    let v = document(&out);
    assert_eq!(v[0]["status"], "ambiguous");
    c.check(&v);
    c.finish(&[]);
}

#[test]
fn audit_duplicates_json_matches_the_docs() {
    let env = Env::new();
    let mut c = Checker::new("`aircom audit duplicates`");
    for args in [
        &["audit", "duplicates", "--with-calls"][..],
        &["audit", "duplicates", "--aircall"],
    ] {
        let v = document(&sandbox_json(&env, None, args, &[0]));
        assert!(!v.as_array().unwrap().is_empty(), "{args:?}");
        c.check(&v);
    }
    c.finish(&[]);
    // The repair plan: both plans a sandbox run can make, without and with a strategy.
    let mut c = Checker::new("`aircom audit duplicates --fix`");
    for args in [
        &["audit", "duplicates", "--fix", "--dry-run"][..],
        &[
            "audit",
            "duplicates",
            "--fix",
            "--strategy",
            "merge-leads",
            "--dry-run",
        ],
    ] {
        c.check(&document(&sandbox_json(&env, None, args, &[0])));
    }
    c.finish(&[]);
}

#[test]
fn audit_numbers_json_matches_the_docs() {
    let env = Env::new();
    let mut c = Checker::new("`aircom audit numbers`");
    let v = document(&sandbox_json(&env, None, &["audit", "numbers"], &[0]));
    let statuses: BTreeSet<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["status"].as_str())
        .collect();
    assert!(statuses.len() >= 4, "{statuses:?}");
    c.check(&v);
    c.finish(&[]);
}

/// `fix numbers`, then `undo` and `runs` of the same sandbox world.
#[test]
fn fix_numbers_undo_and_runs_json_match_the_docs() {
    let env = Env::new();
    let world = Some("world.json");
    let mut fix = Checker::new("`aircom fix numbers`");
    let plan = document(&sandbox_json(
        &env,
        world,
        &["fix", "numbers", "--dry-run"],
        &[0],
    ));
    assert!(plan[0]["result"].is_null());
    fix.check(&plan);
    let done = document(&sandbox_json(
        &env,
        world,
        &["fix", "numbers", "--yes", "--limit", "3"],
        &[0],
    ));
    assert_eq!(done.as_array().unwrap().len(), 3);
    assert!(done
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["result"] == "done"));
    fix.check(&done);
    fix.finish(&[]);

    let mut undo = Checker::new("`aircom undo`");
    for args in [&["undo", "1", "--dry-run"][..], &["undo", "1", "--yes"]] {
        let v = document(&sandbox_json(&env, world, args, &[0]));
        assert_eq!(v.as_array().unwrap().len(), 3, "{args:?}");
        undo.check(&v);
    }
    undo.finish(&[]);

    let mut runs = Checker::new("`aircom runs`");
    let v = document(&sandbox_json(&env, world, &["runs"], &[0]));
    assert_eq!(v.as_array().unwrap().len(), 2, "fix numbers and undo: {v}");
    runs.check(&v);
    runs.finish(&[]);
}

#[test]
fn sync_contacts_json_matches_the_docs() {
    let env = Env::new();
    let world = Some("world.json");
    let mut c = Checker::new("`aircom sync contacts --dry-run`");
    c.check(&document(&sandbox_json(
        &env,
        world,
        &["sync", "contacts", "--dry-run", "--prune"],
        &[0],
    )));
    // A run that writes prints nothing on stdout; the next plan has unchanged contacts.
    let written = sandbox_json(&env, world, &["sync", "contacts", "--yes"], &[0]);
    assert_eq!(
        written, "",
        "documented: nothing on stdout without --dry-run"
    );
    let again = document(&sandbox_json(
        &env,
        world,
        &["sync", "contacts", "--dry-run", "--prune"],
        &[0],
    ));
    assert!(again
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["action"] == "unchanged"));
    c.check(&again);
    c.finish(&[]);
}

#[test]
fn backfill_calls_json_lines_match_the_docs() {
    let env = Env::new();
    let mut c = Checker::new("`aircom backfill calls`");
    let out = sandbox_json(
        &env,
        None,
        &["backfill", "calls", "--since", "60d", "--dry-run"],
        &[0],
    );
    assert!(out.lines().count() > 100, "one line per call");
    c.check_lines(&out);
    let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let id = first["call_id"].to_string();
    let explained = sandbox_json(&env, None, &["backfill", "calls", "--explain", &id], &[0]);
    assert_eq!(explained.lines().count(), 1, "{explained}");
    c.check_lines(&explained);
    c.finish(&[]);
}

#[test]
fn backfill_tags_json_matches_the_docs() {
    let env = Env::new();
    let mut c = Checker::new("`aircom backfill tags`");
    let v = document(&sandbox_json(
        &env,
        None,
        &["backfill", "tags", "--since", "60d", "--dry-run"],
        &[0],
    ));
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["outcome"] == "would_sync"));
    c.check(&v);
    c.finish(&[]);
}

#[test]
fn backfill_sms_json_matches_the_docs() {
    let env = Env::new();
    let archive = env.path().join("sms.jsonl");
    let out = env
        .cmd()
        .args(["sandbox", "export-sms"])
        .arg(&archive)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut c = Checker::new("`aircom backfill sms`");
    let v = document(&sandbox_json(
        &env,
        None,
        &[
            "backfill",
            "sms",
            "--from",
            archive.to_str().unwrap(),
            "--dry-run",
        ],
        &[0],
    ));
    assert!(!v.as_array().unwrap().is_empty());
    c.check(&v);
    c.finish(&[]);
}

#[test]
fn sandbox_serve_json_matches_the_docs() {
    let env = Env::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("aircom"))
        .args(["sandbox", "serve", "--json"])
        .env("HOME", env.path())
        .env("AIRCOM_CONFIG", env.path().join("c.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let line = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .next()
        .unwrap()
        .unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    let mut c = Checker::new("`aircom sandbox serve`");
    c.check(&document(&line));
    c.finish(&[]);
}
