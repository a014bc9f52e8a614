//! Issue 14: what a user sees on a real terminal, through a pseudo-terminal (`rexpect`).

use rexpect::process::WaitStatus;
use rexpect::session::spawn_command;

use crate::support::*;

const TIMEOUT_MS: Option<u64> = Some(30_000);

/// The interactive `check-number` loop: a number is checked, and Ctrl-D ends the loop.
#[test]
fn check_number_loop_ends_on_ctrl_d() {
    let env = Env::new();
    let mut cmd = env.std_cmd(None);
    cmd.args(["check-number", "--offline", "--country", "FR"]);
    let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawns on a pty");
    p.exp_string("Number").expect("the prompt");
    p.send_line("06 12 34 56 78").unwrap();
    p.exp_string("valid").expect("the reading");
    p.exp_string("Number").expect("the prompt again");
    p.send_control('d').unwrap();
    p.exp_eof().expect("the loop ends");
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("{other:?}"),
    }
}

/// Ctrl-C at the `check-number` prompt exits 130 at once: before any lookup ran, and after
/// an online one (the prompt then waits off the runtime's thread, so the handler is heard).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_number_loop_exits_130_on_ctrl_c() {
    let sb = sandbox().await;
    let env = Env::new();
    for online in [false, true] {
        let mut cmd = env.std_cmd(Some(&sb));
        cmd.args(["check-number", "--country", "FR"]);
        if !online {
            cmd.arg("--offline");
        }
        let status = tokio::task::spawn_blocking(move || {
            let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawns on a pty");
            p.exp_string("Number").expect("the prompt");
            p.send_line("06 12 34 56 78").unwrap();
            p.exp_string("valid").expect("the reading");
            if online {
                p.exp_string("verdict").expect("the lookup's verdict");
            }
            p.exp_string("Number").expect("the prompt again");
            std::thread::sleep(std::time::Duration::from_millis(200));
            p.send_control('c').unwrap();
            p.exp_eof().expect("Ctrl-C ends the loop without Enter");
            p.process().wait().unwrap()
        })
        .await
        .unwrap();
        match status {
            WaitStatus::Exited(_, code) => assert_eq!(code, 130, "online: {online}"),
            other => panic!("online {online}: {other:?}"),
        }
    }
}

/// A declined confirmation writes nothing, says so plainly (no `error:`), and exits 130.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_confirmation_writes_nothing_and_exits_130() {
    let sb = sandbox().await;
    let env = Env::new();
    let mut cmd = env.std_cmd(Some(&sb));
    cmd.args(["fix", "numbers"]);
    let (status, seen) = tokio::task::spawn_blocking(move || {
        let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawns on a pty");
        p.exp_string("[y/N]").expect("the question");
        std::thread::sleep(std::time::Duration::from_millis(300));
        p.send("n").unwrap();
        p.flush().unwrap();
        let seen = p.exp_eof().expect("ends");
        (p.process().wait().unwrap(), seen)
    })
    .await
    .unwrap();
    assert!(seen.contains("cancelled, nothing written"), "{seen}");
    assert!(!seen.contains("error:"), "{seen}");
    match status {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("{other:?}"),
    }
    assert!(sb.requests().iter().all(|r| !r.is_write()));
}

/// Issue 14: the backfill's confirmation shows the plan's real counts (the dry run's), not
/// "up to" every call of the period; declined, it writes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_backfill_confirmation_shows_the_plans_counts() {
    let sb = sandbox().await;
    let env = Env::new();
    let since = jiff::Timestamp::from_second(anchor() - 61 * 86_400)
        .unwrap()
        .to_string();
    let mut cmd = env.cmd_on(&sb);
    cmd.args([
        "backfill",
        "calls",
        "--since",
        &since,
        "--dry-run",
        "--json",
    ]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let would = stdout(&out)
        .lines()
        .filter(|l| l.contains("\"outcome\":\"would_log\""))
        .count();
    assert!(would > 0);
    let mut cmd = env.std_cmd(Some(&sb));
    cmd.args(["backfill", "calls", "--since", &since]);
    let (status, seen) = tokio::task::spawn_blocking(move || {
        let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawns on a pty");
        let before = p.exp_string("[y/N]").expect("the question");
        std::thread::sleep(std::time::Duration::from_millis(300));
        p.send("n").unwrap();
        p.flush().unwrap();
        p.exp_eof().expect("ends");
        (p.process().wait().unwrap(), before)
    })
    .await
    .unwrap();
    assert!(
        seen.contains(&format!("Log {would} call(s) into Intercom (")),
        "{would}: {seen}"
    );
    match status {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("{other:?}"),
    }
    assert!(sb.requests().iter().all(|r| !r.is_write()));
}

/// The `audit duplicates --fix` walk on a pseudo-terminal: every screen read so far is kept
/// for the asserts and for the message of a prompt that never came.
struct Walk {
    p: rexpect::session::PtySession,
    seen: String,
}

impl Walk {
    fn start(cmd: std::process::Command) -> Walk {
        Walk {
            p: spawn_command(cmd, TIMEOUT_MS).expect("spawns on a pty"),
            seen: String::new(),
        }
    }

    /// The output up to `needle` (kept in `seen`, `needle` included).
    fn until(&mut self, needle: &str) -> String {
        let before = self
            .p
            .exp_string(needle)
            .map(|s| utf8(&s))
            .unwrap_or_else(|e| panic!("waiting for {needle:?}: {e}\n--- seen:\n{}", self.seen));
        self.seen.push_str(&before);
        self.seen.push_str(needle);
        before
    }

    /// Group `at` of `of` (from 1), up to its prompt: what was printed before its header
    /// (the previous choice's lines), and its screen (members and keys). A prompt is
    /// redrawn with its answer once answered, so a bare "Choice [" cannot tell them apart.
    fn group(&mut self, at: usize, of: usize) -> (String, String) {
        let before = self.until(&format!("[{at}/{of}] "));
        (before, self.until("Choice ["))
    }

    /// Types `line` and Enter once the prompt reads keys (an answer typed earlier would be
    /// echoed by the terminal, not the prompt).
    fn answer(&mut self, line: &str) {
        std::thread::sleep(std::time::Duration::from_millis(200));
        self.p.send_line(line).unwrap();
        self.p.flush().unwrap();
    }

    /// The rest of the output, and the exit code.
    fn end(mut self) -> (i32, String) {
        let rest = self
            .p
            .exp_eof()
            .map(|s| utf8(&s))
            .unwrap_or_else(|e| panic!("waiting for the end: {e}\n--- seen:\n{}", self.seen));
        self.seen.push_str(&rest);
        match self.p.process().wait().unwrap() {
            WaitStatus::Exited(_, code) => (code, self.seen),
            other => panic!("{other:?}\n{}", self.seen),
        }
    }
}

/// rexpect reads the terminal a byte per `char`; the walk writes UTF-8 (`←`, names).
fn utf8(read: &str) -> String {
    let bytes: Vec<u8> = read.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// One shared number as `audit duplicates --json` lists it, in the walk's order.
struct Shared {
    members: Vec<(String, String)>,
}

impl Shared {
    fn has(&self, role: &str) -> bool {
        self.members.iter().any(|(_, r)| r == role)
    }
}

async fn shared_numbers(env: &Env, sb: &aircom::sandbox::Sandbox) -> Vec<Shared> {
    let mut cmd = env.cmd_on(sb);
    cmd.args(["audit", "duplicates", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let groups: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    groups
        .iter()
        .map(|g| Shared {
            members: g["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    (
                        m["contact_id"].as_str().unwrap().to_string(),
                        m["role"].as_str().unwrap().to_string(),
                    )
                })
                .collect(),
        })
        .collect()
}

/// A group's members as its screen numbers them: (contact id, role), read from the screen
/// (what the admin sees is what the keys refer to).
fn members_on(screen: &str) -> Vec<(String, String)> {
    screen
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let n: usize = words.next()?.parse().ok()?;
            let role = words.next().filter(|r| *r == "user" || *r == "lead")?;
            let id = l
                .split_whitespace()
                .find(|w| w.len() == 24 && w.chars().all(|c| c.is_ascii_hexdigit()))?;
            Some((n, (id.to_string(), role.to_string())))
        })
        .enumerate()
        .map(|(i, (n, m))| {
            assert_eq!(n, i + 1, "numbered from 1:\n{screen}");
            m
        })
        .collect()
}

/// The member marked `← keeper` on a group's screen (its number, from 1).
fn keeper_on(screen: &str) -> usize {
    let line = screen
        .lines()
        .rev()
        .find(|l| l.contains("← keeper"))
        .unwrap_or_else(|| panic!("no keeper marked:\n{screen}"));
    line.split_whitespace().next().unwrap().parse().unwrap()
}

/// Issue "An admin's terminal": two groups get different keys, `q` stops the walk and shows
/// the review with its counts, and a declined confirmation writes nothing (exit 130).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_duplicates_walk_reviews_and_a_no_writes_nothing() {
    let sb = sandbox().await;
    let env = Env::new();
    let shared = shared_numbers(&env, &sb).await;
    // A merge where a group has a user and a lead, a clear in another group, skips between.
    let mut keys = Vec::new();
    let (mut merges, mut changes) = (0, 0);
    for g in &shared {
        let has_m = keys.contains(&"m");
        let has_c = keys.contains(&"c");
        if has_m && has_c {
            break;
        }
        let key = if !has_m && g.has("user") && g.has("lead") {
            merges += g.members.iter().filter(|(_, r)| r == "lead").count();
            "m"
        } else if !has_c {
            "c"
        } else {
            "s"
        };
        if key != "s" {
            changes += g.members.len() - 1;
        }
        keys.push(key);
    }
    assert!(keys.contains(&"m") && keys.contains(&"c"), "{keys:?}");
    assert!(keys.len() < shared.len(), "`q` stops before the last group");
    sb.clear_requests();
    let mut cmd = env.std_cmd(Some(&sb));
    cmd.args(["audit", "duplicates", "--fix"]);
    let (walked, of) = (keys.clone(), shared.len());
    let (code, seen) = tokio::task::spawn_blocking(move || {
        let mut w = Walk::start(cmd);
        for (i, key) in walked.iter().enumerate() {
            w.group(i + 1, of);
            w.answer(key);
        }
        w.group(walked.len() + 1, of);
        w.answer("q");
        let review = w.until("[y/N]");
        w.answer("n");
        let (code, seen) = w.end();
        (code, format!("{seen}\n--- review:\n{review}"))
    })
    .await
    .unwrap();
    assert_eq!(code, 130, "{seen}");
    let skipped = keys.iter().filter(|k| **k == "s").count();
    assert!(
        seen.contains(&format!(
            "review: {} groups to change, {skipped} skipped, {} not reached",
            keys.len() - skipped,
            shared.len() - keys.len()
        )),
        "{seen}"
    );
    assert!(seen.contains("merge (PERMANENT)"), "{seen}");
    assert!(seen.contains("clear_phone"), "{seen}");
    assert!(
        seen.contains(&format!(
            "Apply {changes} changes ({merges} permanent merge{})? [y/N]",
            if merges == 1 { "" } else { "s" }
        )),
        "{seen}"
    );
    assert!(seen.contains("cancelled, nothing written"), "{seen}");
    assert!(!seen.contains("error:"), "{seen}");
    let writes: Vec<_> = sb.requests().into_iter().filter(|r| r.is_write()).collect();
    assert!(writes.is_empty(), "{writes:?}");
    let ledger = aircom::ledger::Ledger::open(&env.ledger()).unwrap();
    let runs = ledger.runs(10).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].outcome, aircom::ledger::RunOutcome::Cancelled);
    assert!(ledger.journal_for_run(runs[0].id).unwrap().is_empty());
}

/// Issue "An admin's terminal": a merge is marked permanent where it is chosen and in the
/// review; confirmed, the merge and the clear are written, and journaled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_duplicates_walk_applies_what_was_confirmed() {
    let sb = sandbox().await;
    let env = Env::new();
    let shared = shared_numbers(&env, &sb).await;
    let m = shared
        .iter()
        .position(|g| g.members.len() == 2 && g.has("user") && g.has("lead"))
        .expect("a user and a lead share a number");
    let c = shared
        .iter()
        .position(|g| g.members.len() == 2)
        .filter(|c| *c != m)
        .or_else(|| (m + 1..shared.len()).find(|i| shared[*i].members.len() == 2))
        .expect("another pair");
    let (last, of) = (m.max(c), shared.len());
    assert!(last + 1 < of, "`q` on a later group");
    let (lead, user) = {
        let g = &shared[m].members;
        let lead = g.iter().find(|(_, r)| r == "lead").unwrap().0.clone();
        let user = g.iter().find(|(_, r)| r == "user").unwrap().0.clone();
        (lead, user)
    };
    sb.clear_requests();
    let before = sb.world().intercom.contacts;
    let mut cmd = env.std_cmd(Some(&sb));
    cmd.args(["audit", "duplicates", "--fix"]);
    let (code, seen, at_choice, cleared_screen) = tokio::task::spawn_blocking(move || {
        let mut w = Walk::start(cmd);
        let mut at_choice = String::new();
        let mut cleared_screen = String::new();
        for i in 0..=last {
            let (before, screen) = w.group(i + 1, of);
            if i > 0 && i - 1 == m {
                // What the walk said after `m`, before this group's screen.
                at_choice = before;
            }
            if i == c {
                cleared_screen = screen.clone();
            }
            w.answer(if i == m {
                "m"
            } else if i == c {
                "c"
            } else {
                "s"
            });
        }
        let (before, _) = w.group(last + 2, of);
        if last == m {
            at_choice = before;
        }
        w.answer("q");
        w.until("[y/N]");
        w.answer("y");
        let (code, seen) = w.end();
        (code, seen, at_choice, cleared_screen)
    })
    .await
    .unwrap();
    assert_eq!(code, 0, "{seen}");
    assert!(
        at_choice.contains("PERMANENT, `aircom undo` cannot split it"),
        "marked when chosen: {at_choice:?}\n{seen}"
    );
    assert!(seen.contains("merge (PERMANENT)"), "{seen}");
    assert!(seen.contains("1 PERMANENT merge"), "{seen}");
    assert!(
        seen.contains("Apply 2 changes (1 permanent merge)? [y/N]"),
        "{seen}"
    );
    assert!(seen.contains("2 changes applied, 0 failed"), "{seen}");
    // The group cleared keeps the number on the member marked keeper.
    let keeper = keeper_on(&cleared_screen) - 1;
    let (kept, other) = {
        let g = members_on(&cleared_screen);
        assert_eq!(g.len(), 2, "{cleared_screen}");
        (g[keeper].0.clone(), g[1 - keeper].0.clone())
    };
    let after = sb.world().intercom.contacts;
    assert_eq!(after[&lead].merged_into.as_deref(), Some(user.as_str()));
    assert_eq!(after[&user].merged_into, None);
    assert_eq!(
        after[&other].phone, None,
        "the other one's phone is cleared"
    );
    assert_eq!(after[&kept].phone, before[&kept].phone);
    let mut writes: Vec<String> = sb
        .requests()
        .into_iter()
        .filter(|r| r.is_write())
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    writes.sort();
    let mut expected = vec![
        "POST /contacts/merge".to_string(),
        format!("PUT /contacts/{other}"),
    ];
    expected.sort();
    assert_eq!(writes, expected);
    let ledger = aircom::ledger::Ledger::open(&env.ledger()).unwrap();
    let runs = ledger.runs(10).unwrap();
    assert_eq!(runs[0].outcome, aircom::ledger::RunOutcome::Ok);
    let mut journal: Vec<(String, String)> = ledger
        .journal_for_run(runs[0].id)
        .unwrap()
        .into_iter()
        .map(|r| (r.object_id, r.field))
        .collect();
    journal.sort();
    let mut want = vec![
        (lead, "merge_into".to_string()),
        (other, "phone".to_string()),
    ];
    want.sort();
    assert_eq!(journal, want);
}

/// Issue "An admin's terminal": `k` moves the keeper and the plan follows it. Among users,
/// the suggested keeper loses the phone instead; with a lead keeping the number, `m` is
/// refused (Intercom merges only into a user) and `c` clears the user's phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn choosing_another_keeper_changes_the_plan() {
    let sb = sandbox().await;
    let env = Env::new();
    let shared = shared_numbers(&env, &sb).await;
    let users = shared
        .iter()
        .position(|g| g.members.iter().filter(|(_, r)| r == "user").count() >= 2)
        .expect("users sharing a number");
    let mixed = shared
        .iter()
        .position(|g| g.has("user") && g.has("lead"))
        .expect("a user and a lead sharing a number");
    let (last, of) = (users.max(mixed), shared.len());
    assert!(last + 1 < of, "`q` on a later group");
    sb.clear_requests();
    let before = sb.world().intercom.contacts;
    let mut cmd = env.std_cmd(Some(&sb));
    cmd.args(["audit", "duplicates", "--fix"]);
    let (code, seen, picks) = tokio::task::spawn_blocking(move || {
        let mut w = Walk::start(cmd);
        // (members as numbered, suggested keeper, chosen keeper), positions from 0.
        let mut picks = Vec::new();
        for i in 0..=last {
            let (_, screen) = w.group(i + 1, of);
            if i != users && i != mixed {
                w.answer("s");
                continue;
            }
            let members = members_on(&screen);
            let suggested = keeper_on(&screen) - 1;
            assert_eq!(members[suggested].1, "user", "{screen}");
            let role = if i == users { "user" } else { "lead" };
            let chosen = (0..members.len())
                .find(|j| *j != suggested && members[*j].1 == role)
                .unwrap();
            if i == users {
                // The short form: `k` and the member's number.
                w.answer(&format!("k{}", chosen + 1));
            } else {
                w.answer("k");
                w.until("Keeper [");
                w.answer(&(chosen + 1).to_string());
            }
            let (_, screen) = w.group(i + 1, of);
            assert_eq!(keeper_on(&screen) - 1, chosen, "{screen}");
            assert!(screen.contains("(suggested keeper)"), "{screen}");
            if i == mixed {
                assert!(screen.contains("[m] merge: not here"), "{screen}");
                w.answer("m");
                w.until("`m` does not apply here");
                w.until("Choice [");
            }
            w.answer("c");
            picks.push((members, suggested, chosen));
        }
        w.group(last + 2, of);
        w.answer("q");
        w.until("[y/N]");
        w.answer("y");
        let (code, seen) = w.end();
        (code, seen, picks)
    })
    .await
    .unwrap();
    assert_eq!(code, 0, "{seen}");
    assert!(seen.contains("(all undoable)? [y/N]"), "{seen}");
    assert!(!seen.contains("merge (PERMANENT)"), "{seen}");
    let after = sb.world().intercom.contacts;
    let mut cleared = Vec::new();
    for (members, suggested, chosen) in picks {
        let (kept, _) = &members[chosen];
        assert_eq!(after[kept].phone, before[kept].phone, "the keeper keeps it");
        assert_eq!(after[kept].merged_into, None);
        for (j, (id, _)) in members.iter().enumerate() {
            if j != chosen {
                assert_eq!(after[id].phone, None, "{id} loses the phone");
                cleared.push(format!("PUT /contacts/{id}"));
            }
        }
        assert!(cleared.contains(&format!("PUT /contacts/{}", members[suggested].0)));
    }
    let mut writes: Vec<String> = sb
        .requests()
        .into_iter()
        .filter(|r| r.is_write())
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    writes.sort();
    cleared.sort();
    assert_eq!(writes, cleared, "no merge, only the clears");
}

/// Issue "An admin's terminal": Ctrl-C at a walk's prompt, a permanent merge already chosen,
/// writes nothing and exits 130 (the run is recorded cancelled). Run with `-q`: the walk's
/// screens are the questions' context and show all the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_in_the_duplicates_walk_writes_nothing() {
    let sb = sandbox().await;
    let env = Env::new();
    let shared = shared_numbers(&env, &sb).await;
    let m = shared
        .iter()
        .position(|g| g.has("user") && g.has("lead"))
        .expect("a user and a lead sharing a number");
    let of = shared.len();
    assert!(m + 1 < of);
    sb.clear_requests();
    let mut cmd = env.std_cmd(Some(&sb));
    cmd.args(["-q", "audit", "duplicates", "--fix"]);
    let (code, seen) = tokio::task::spawn_blocking(move || {
        let mut w = Walk::start(cmd);
        for i in 0..m {
            w.group(i + 1, of);
            w.answer("s");
        }
        w.group(m + 1, of);
        w.answer("m");
        let (chosen, _) = w.group(m + 2, of);
        assert!(chosen.contains("PERMANENT"), "{chosen}");
        std::thread::sleep(std::time::Duration::from_millis(200));
        w.p.send_control('c').unwrap();
        w.end()
    })
    .await
    .unwrap();
    assert_eq!(code, 130, "{seen}");
    assert!(seen.contains("interrupted, nothing written"), "{seen}");
    assert!(!seen.contains("error:"), "{seen}");
    let writes: Vec<_> = sb.requests().into_iter().filter(|r| r.is_write()).collect();
    assert!(writes.is_empty(), "{writes:?}");
    let ledger = aircom::ledger::Ledger::open(&env.ledger()).unwrap();
    let runs = ledger.runs(10).unwrap();
    assert_eq!(runs[0].outcome, aircom::ledger::RunOutcome::Cancelled);
    assert!(ledger.journal_for_run(runs[0].id).unwrap().is_empty());
}
