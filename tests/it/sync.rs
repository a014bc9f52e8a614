//! Issue 6: `sync contacts` against the sandbox's seeded truth and request log.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use aircom::sandbox::{FaultSpec, Latency, Sandbox, SandboxOptions};

use crate::support::*;

/// Intercom id -> E.164 for every contact the sync should bring over: a valid number that no
/// other contact shares.
fn expected(sb: &Sandbox) -> BTreeMap<String, String> {
    let w = sb.world();
    let truth = sb.truth();
    // A phone the truth calls uncertain is synced only when it has one certain reading with
    // no default country (these tests set none): an extension never, an ambiguous number
    // only by its location.
    let certain: BTreeMap<String, String> = truth
        .intercom_phone_e164
        .iter()
        .filter(|(id, _)| !truth.intercom_uncertain_phones.contains_key(*id))
        .map(|(id, e)| (id.clone(), e.clone()))
        .chain(
            truth
                .intercom_uncertain_phones
                .iter()
                .filter(|(_, u)| {
                    u.kind == aircom::sandbox::world::UncertainKind::Ambiguous
                        && u.allowed_without_default.len() == 1
                })
                .map(|(id, u)| (id.clone(), u.allowed_without_default[0].clone())),
        )
        .collect();
    let live: BTreeMap<&String, &String> = certain
        .iter()
        .filter(|(id, _)| {
            w.intercom
                .contacts
                .get(*id)
                .is_some_and(|c| c.merged_into.is_none())
        })
        .collect();
    let mut holders: BTreeMap<&String, usize> = BTreeMap::new();
    for e in live.values() {
        *holders.entry(e).or_default() += 1;
    }
    live.into_iter()
        .filter(|(_, e)| holders[e] == 1)
        .map(|(id, e)| (id.clone(), e.clone()))
        .collect()
}

/// Intercom id -> (Aircall id, phones) for every Aircall contact aircom marked.
fn synced(sb: &Sandbox) -> BTreeMap<String, Vec<(i64, Vec<String>)>> {
    let mut out: BTreeMap<String, Vec<(i64, Vec<String>)>> = BTreeMap::new();
    for c in sb.world().aircall.contacts.values() {
        if let Some(info) = &c.information {
            if let Some(rest) = info.split("/users/").nth(1) {
                let id = rest.split('/').next().unwrap().to_string();
                out.entry(id).or_default().push((
                    c.id,
                    c.phone_numbers.iter().map(|p| p.value.clone()).collect(),
                ));
            }
        }
    }
    out
}

fn assert_in_sync(sb: &Sandbox) {
    let want = expected(sb);
    let got = synced(sb);
    // Phones with no default country to read them by (`00687…`, a foreign national number
    // with no location): syncing them by the one reading a tool has is allowed, never
    // required (writing only what is certain may leave them).
    let truth = sb.truth();
    let optional = |id: &String| {
        truth
            .intercom_uncertain_phones
            .get(id)
            .is_some_and(|u| !want.contains_key(id) && u.allowed_without_default.len() == 1)
    };
    for (id, contacts) in &got {
        if optional(id) {
            let u = &truth.intercom_uncertain_phones[id];
            assert!(
                contacts.iter().all(|(_, phones)| phones
                    .iter()
                    .all(|p| u.allowed_without_default.contains(p))),
                "{id}: {contacts:?}"
            );
        }
    }
    let got_ids: BTreeSet<&String> = got.keys().filter(|id| !optional(id)).collect();
    let want_ids: BTreeSet<&String> = want.keys().collect();
    let w = sb.world();
    let show = |ids: Vec<&&String>| -> Vec<String> {
        ids.into_iter()
            .map(|id| {
                let c = w.intercom.contacts.get(*id);
                format!(
                    "{id} {:?} {:?}",
                    c.and_then(|c| c.phone.clone()),
                    c.and_then(|c| c.country.clone())
                )
            })
            .collect()
    };
    assert!(
        got_ids == want_ids,
        "synced but not wanted: {:?}; wanted but not synced: {:?}",
        show(got_ids.difference(&want_ids).collect()),
        show(want_ids.difference(&got_ids).collect())
    );
    for (id, e164) in &want {
        let contacts = &got[id];
        assert_eq!(
            contacts.len(),
            1,
            "{id} has {} Aircall contacts",
            contacts.len()
        );
        assert!(
            contacts[0].1.contains(e164),
            "{id}: {:?} lacks {e164}",
            contacts[0].1
        );
    }
}

async fn sync(env: &Env, sb: &Sandbox, extra: &[&str]) -> std::process::Output {
    let mut cmd = env.cmd_on(sb);
    cmd.args(["sync", "contacts", "--yes"]).args(extra);
    run(cmd).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_run_creates_second_run_writes_nothing() {
    let sb = sandbox().await;
    let env = Env::new();
    // The dry run writes nothing and plans the creations.
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["sync", "contacts", "--dry-run", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    // Every wanted contact is created, or adopted where an Aircall contact already has its
    // number (the sandbox seeds linked and unlinked ones, aircall-api.md §5.2).
    let creates = plan.iter().filter(|s| s["action"] == "create").count();
    let adopts = plan
        .iter()
        .filter(|s| s["action"] == "update" && s["adopt"] == true)
        .count();
    // Every wanted contact, and perhaps the few the truth leaves optional (see assert_in_sync).
    let optional = sb
        .truth()
        .intercom_uncertain_phones
        .values()
        .filter(|u| u.kind != aircom::sandbox::world::UncertainKind::Ambiguous)
        .filter(|u| u.allowed_without_default.len() == 1)
        .count();
    let want = expected(&sb).len();
    assert!(
        (want..=want + optional).contains(&(creates + adopts)),
        "{creates} + {adopts} vs {want} (+{optional} optional)"
    );
    assert!(
        adopts > 0,
        "the sandbox seeds Aircall contacts sharing numbers"
    );
    assert!(plan.iter().any(
        |s| s["action"] == "skip" && s["reason"].as_str().unwrap().contains("audit duplicates")
    ));
    assert!(sb.requests().iter().all(|r| !r.is_write()));
    // Without a terminal and without --yes: refused.
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["sync", "contacts"]);
    assert_eq!(run(cmd).await.status.code(), Some(2));
    // The first run.
    let report = env.path().join("skipped.csv");
    let out = sync(&env, &sb, &["--report", report.to_str().unwrap()]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_in_sync(&sb);
    let report = std::fs::read_to_string(report).unwrap();
    assert!(
        report.starts_with("intercom_id,name,phone,reason\n") && report.contains("invalid number")
    );
    // A placeholder keeps the integration's split.
    let world = sb.world();
    let placeholder = world
        .intercom
        .contacts
        .values()
        .find(|c| {
            c.name
                .as_deref()
                .is_some_and(|n| n.ends_with("New Aircall contact"))
        })
        .unwrap();
    let a = world
        .aircall
        .contacts
        .values()
        .find(|c| {
            c.information
                .as_deref()
                .is_some_and(|i| i.contains(&placeholder.id))
        })
        .unwrap();
    assert_eq!(a.last_name.as_deref(), Some("New Aircall contact"));
    assert_eq!(a.first_name.as_deref(), placeholder.phone.as_deref());
    // Companies are carried over.
    let with_company = world
        .intercom
        .contacts
        .values()
        .find(|c| !c.company_ids.is_empty() && expected(&sb).contains_key(&c.id))
        .unwrap();
    let company = world
        .intercom
        .companies
        .iter()
        .find(|co| co.id == with_company.company_ids[0])
        .unwrap();
    let a = world
        .aircall
        .contacts
        .values()
        .find(|c| {
            c.information
                .as_deref()
                .is_some_and(|i| i.contains(&with_company.id))
        })
        .unwrap();
    assert_eq!(a.company_name.as_deref(), Some(company.name.as_str()));
    // The second run: zero writes.
    sb.clear_requests();
    let out = sync(&env, &sb, &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let writes: Vec<_> = sb.requests().into_iter().filter(|r| r.is_write()).collect();
    assert!(writes.is_empty(), "{writes:?}");
    // The ledger keeps what was written per pair; a hand edit on the Aircall side is not
    // reverted while the Intercom side is unchanged.
    let workspace = format!(
        "intercom:{} aircall:{}",
        sb.world().intercom.app_id,
        sb.world().aircall.company_name
    );
    let ledger = aircom::ledger::Ledger::open(&env.ledger())
        .unwrap()
        .bind(&workspace)
        .unwrap();
    let synced = ledger.synced().unwrap();
    assert!(!synced.is_empty(), "the workspace's rows");
    assert!(
        synced.iter().all(|s| s.fingerprint.is_some()),
        "a fingerprint per pair"
    );
    let edited = synced[0].aircall_id.unwrap();
    sb.with_world(|w| {
        w.aircall.contacts.get_mut(&edited).unwrap().last_name = Some("Edited by hand".into())
    });
    sb.clear_requests();
    let out = sync(&env, &sb, &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(sb.requests().iter().all(|r| !r.is_write()));
    assert_eq!(
        sb.world().aircall.contacts[&edited].last_name.as_deref(),
        Some("Edited by hand")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_carries_an_intercom_edit_and_prune_removes_only_ours() {
    let sb = sandbox().await;
    let env = Env::new();
    assert!(sync(&env, &sb, &[]).await.status.success());
    let before_foreign: BTreeSet<i64> = sb
        .world()
        .aircall
        .contacts
        .values()
        .filter(|c| c.information.is_none())
        .map(|c| c.id)
        .collect();
    // Rename one synced contact on the Intercom side.
    let (id, _) = expected(&sb).into_iter().next().unwrap();
    let now = jiff::Timestamp::now().as_second();
    sb.with_world(|w| {
        let c = w.intercom.contacts.get_mut(&id).unwrap();
        c.name = Some("Renamed Person".into());
        c.updated_at = now;
    });
    sb.clear_requests();
    let out = sync(&env, &sb, &["--incremental"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let writes: Vec<_> = sb.requests().into_iter().filter(|r| r.is_write()).collect();
    assert_eq!(writes.len(), 1, "{writes:?}");
    let a = sb
        .world()
        .aircall
        .contacts
        .values()
        .find(|c| c.information.as_deref().is_some_and(|i| i.contains(&id)))
        .unwrap()
        .clone();
    assert_eq!(
        (a.first_name.as_deref(), a.last_name.as_deref()),
        (Some("Renamed"), Some("Person"))
    );
    // The contact loses its phone, another is deleted: prune removes their Aircall contacts.
    // (One whose Aircall contact aircom created: prune never deletes a contact it adopted.)
    let truth = sb.truth();
    let preexisting: BTreeSet<&String> = truth
        .aircall_links
        .values()
        .chain(truth.aircall_unlinked_shared.values())
        .collect();
    let (gone, _) = expected(&sb)
        .into_iter()
        .filter(|(id, _)| !preexisting.contains(id))
        .nth(3)
        .unwrap();
    sb.with_world(|w| {
        w.intercom.contacts.get_mut(&id).unwrap().phone = None;
        w.intercom.contacts.remove(&gone);
    });
    let out = sync(&env, &sb, &["--prune"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let world = sb.world();
    assert!(!world.aircall.contacts.contains_key(&a.id));
    assert!(world.aircall.contacts.values().all(|c| !c
        .information
        .as_deref()
        .unwrap_or("")
        .contains(&gone)));
    let after_foreign: BTreeSet<i64> = world
        .aircall
        .contacts
        .values()
        .filter(|c| c.information.is_none())
        .map(|c| c.id)
        .collect();
    assert!(
        before_foreign.is_subset(&after_foreign),
        "prune never deletes what aircom did not create"
    );
    for id in &before_foreign {
        assert!(
            world.aircall.contacts.contains_key(id),
            "contact {id} was not aircom's and must stay"
        );
    }
}

async fn final_state(
    faults: Option<&str>,
) -> BTreeMap<String, (String, Option<String>, Option<String>)> {
    let sb = Sandbox::start(SandboxOptions {
        faults: faults
            .map(|f| FaultSpec::parse(f).unwrap())
            .unwrap_or_default(),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    // Under faults one run finishes the job: what fails for a passing reason is reconciled
    // and applied again within the run (issue 11).
    let out = sync(&env, &sb, &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_in_sync(&sb);
    // And a second run finds nothing to do.
    let requests = sb.requests().len();
    let out = sync(&env, &sb, &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let writes = sb.requests()[requests..]
        .iter()
        .filter(|r| r.method != "GET" && !r.path.ends_with("/search"))
        .count();
    assert_eq!(writes, 0, "the second run wrote");
    sb.world()
        .aircall
        .contacts
        .values()
        .filter_map(|c| {
            let info = c.information.clone()?;
            Some((
                info,
                (
                    c.phone_numbers[0].value.clone(),
                    c.first_name.clone(),
                    c.last_name.clone(),
                ),
            ))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_end_in_the_same_state_as_a_clean_run() {
    let clean = final_state(None).await;
    let faulty = final_state(Some("5xx=0.1,429=0.05,reset=0.02")).await;
    assert_eq!(clean, faulty);
    // Writes that took effect but whose answer was lost are reconciled, not repeated.
    let after = final_state(Some("reset-after=0.1@aircall/v1/contacts")).await;
    assert_eq!(clean, after);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_runs_leave_one_contact_per_number() {
    let sb = Sandbox::start(SandboxOptions {
        latency: Latency::Fixed(Duration::from_millis(10)),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    let creates = |sb: &Sandbox| {
        sb.requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path == "/v1/contacts")
            .count()
    };
    for kill_after in [5, 40, 120] {
        let mut child = spawn_on(&env, &sb, &["sync", "contacts", "--yes"]);
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while creates(&sb) < kill_after && std::time::Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
    }
    let done = synced(&sb).len();
    assert!(
        done >= 5 && done < expected(&sb).len(),
        "the kills stopped the sync mid-way ({done} synced)"
    );
    let out = sync(&env, &sb, &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_in_sync(&sb);
    // And exactly one Aircall contact per synced number.
    let mut per_number: BTreeMap<String, usize> = BTreeMap::new();
    for c in sb.world().aircall.contacts.values() {
        for p in &c.phone_numbers {
            *per_number.entry(p.value.clone()).or_default() += 1;
        }
    }
    for e in expected(&sb).values() {
        assert_eq!(per_number[e], 1, "{e}");
    }
}

/// Issue 11: `--incremental` after a filtered sync still brings the rest: only a run that
/// covered every contact sets the cutoff.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_after_a_filtered_sync_still_syncs_the_rest() {
    let sb = sandbox().await;
    let env = Env::new();
    let out = sync(&env, &sb, &["--role", "lead"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sync(&env, &sb, &["--incremental"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    // Every user and lead with a valid, unshared number is there. (A lead-only run may also
    // sync a lead whose number a user shares: issue 13.)
    let got = synced(&sb);
    for id in expected(&sb).keys() {
        assert!(got.contains_key(id), "{id} was never synced");
    }
}

/// Issue 11: a second `sync contacts` while one is writing exits 2 at once, naming the first;
/// the end state is one clean run's, with no twin contact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_sync_while_one_writes_is_refused() {
    let sb = Sandbox::start(SandboxOptions {
        latency: Latency::Fixed(Duration::from_millis(20)),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    let mut first = spawn_on(&env, &sb, &["sync", "contacts", "--yes"]);
    wait_for_a_running_run(&env, &sb).await;
    let second = sync(&env, &sb, &[]).await;
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("another `sync contacts` (run "),
        "{}",
        stderr(&second)
    );
    assert!(first.wait().unwrap().success());
    assert_in_sync(&sb);
}

/// Every Aircall contact's content, ids and dates aside, by link (or by id when unlinked).
fn aircall_content(sb: &Sandbox) -> BTreeMap<i64, String> {
    sb.world()
        .aircall
        .contacts
        .values()
        .map(|c| {
            let phones: Vec<(&str, &str)> = c
                .phone_numbers
                .iter()
                .map(|p| (p.label.as_str(), p.value.as_str()))
                .collect();
            let emails: Vec<(&str, &str)> = c
                .emails
                .iter()
                .map(|p| (p.label.as_str(), p.value.as_str()))
                .collect();
            (
                c.id,
                format!(
                    "{:?}|{:?}|{:?}|{:?}|{phones:?}|{emails:?}",
                    c.first_name, c.last_name, c.company_name, c.information
                ),
            )
        })
        .collect()
}

fn aircom_made(sb: &Sandbox) -> BTreeSet<i64> {
    sb.world()
        .aircall
        .contacts
        .values()
        .filter(|c| {
            c.information
                .as_deref()
                .is_some_and(|i| i.contains("app.intercom.com"))
        })
        .map(|c| c.id)
        .collect()
}

fn last_run_id(env: &Env, sb: &Sandbox, command: &str) -> i64 {
    let out = env.cmd_on(sb).args(["runs", "--json"]).output().unwrap();
    let runs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    runs.as_array()
        .unwrap()
        .iter()
        .find(|r| r["command"] == command)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// Issue 13: prune is by ownership, never by filter. After a full sync, a prune under any
/// filter, or with another `--country`, deletes nothing: every contact is still wanted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prune_with_any_filter_or_country_deletes_nothing_still_wanted() {
    let sb = sandbox().await;
    let env = Env::new();
    assert!(sync(&env, &sb, &[]).await.status.success());
    let before = aircom_made(&sb);
    assert!(!before.is_empty());
    let tag = sb.world().intercom.tags.first().map(|t| t.name.clone());
    let mut runs: Vec<Vec<String>> = vec![
        vec!["--role".into(), "lead".into()],
        vec!["--role".into(), "user".into()],
        vec!["--country".into(), "US".into()],
        vec![
            "--country".into(),
            "DE".into(),
            "--role".into(),
            "lead".into(),
        ],
        vec!["--incremental".into()],
    ];
    if let Some(t) = tag {
        runs.push(vec!["--tag".into(), t]);
    }
    for extra in runs {
        let mut args: Vec<&str> = vec!["--prune"];
        args.extend(extra.iter().map(String::as_str));
        let mut cmd = env.cmd_on(&sb);
        cmd.args(["sync", "contacts", "--dry-run", "--json"])
            .args(&args);
        let plan = stdout(&run(cmd).await);
        let out = sync(&env, &sb, &args).await;
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let now = aircom_made(&sb);
        assert!(
            before.is_subset(&now),
            "`sync contacts {args:?}` deleted {:?}; plan: {}",
            before.difference(&now).collect::<Vec<_>>(),
            plan.len()
        );
    }
}

/// Issue 13: a prune that would delete more than 10% of what aircom synced stops, even under
/// `--yes`, and writes nothing; `--force-prune` goes through, journaled, and `undo` brings
/// every deleted contact back whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mass_prune_stops_even_under_yes_and_undo_recreates_it() {
    let sb = sandbox().await;
    let env = Env::new();
    let existing: BTreeSet<i64> = sb.world().aircall.contacts.keys().copied().collect();
    assert!(sync(&env, &sb, &[]).await.status.success());
    let made = aircom_made(&sb);
    let content = aircall_content(&sb);
    // A third of the Intercom contacts whose Aircall contact aircom created go (an adopted
    // contact is never aircom's to delete).
    let gone: Vec<String> = synced(&sb)
        .into_iter()
        .filter(|(_, v)| v.iter().all(|(id, _)| !existing.contains(id)))
        .map(|(id, _)| id)
        .step_by(3)
        .collect();
    assert!(gone.len() * 10 > made.len());
    sb.with_world(|w| {
        for id in &gone {
            w.intercom.contacts.remove(id);
        }
    });
    sb.clear_requests();
    let out = sync(&env, &sb, &["--prune"]).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force-prune"), "{}", stderr(&out));
    assert!(sb.requests().iter().all(|r| !r.is_write()));
    let out = sync(&env, &sb, &["--prune", "--force-prune"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let left = aircom_made(&sb);
    assert_eq!(made.len() - left.len(), gone.len());
    // Undo recreates each deleted contact with its phones, emails and fields.
    let run_id = last_run_id(&env, &sb, "sync contacts");
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["undo", &run_id.to_string(), "--yes"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let before: BTreeSet<String> = content.values().cloned().collect();
    let after: BTreeSet<String> = aircall_content(&sb).values().cloned().collect();
    assert_eq!(before, after, "the Aircall contacts, ids aside");
    // Undone a second time: the pruned contacts were recreated under new ids (their old ids
    // answer 404), and are not recreated again.
    let count = aircall_content(&sb).len();
    sb.clear_requests();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["undo", &run_id.to_string(), "--yes", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let deletes: Vec<&serde_json::Value> =
        items.iter().filter(|i| i["field"] == "delete").collect();
    assert!(!deletes.is_empty());
    for i in deletes {
        assert_eq!(i["verdict"], "already_restored", "{i}");
        assert_eq!(i["api"], "aircall", "{i}");
    }
    let writes: Vec<_> = sb.requests().into_iter().filter(|r| r.is_write()).collect();
    assert!(writes.is_empty(), "{writes:?}");
    assert_eq!(aircall_content(&sb).len(), count, "no twin contact");
}

/// Issue 13: `undo` of a sync run deletes what it created and puts back what it changed, where
/// nobody edited since.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_of_a_sync_run_restores_the_aircall_contacts() {
    let sb = sandbox().await;
    let env = Env::new();
    let before = aircall_content(&sb);
    assert!(sync(&env, &sb, &[]).await.status.success());
    assert_ne!(aircall_content(&sb), before);
    let run_id = last_run_id(&env, &sb, "sync contacts");
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["undo", &run_id.to_string(), "--yes", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    // Aircall cannot clear a field: an adopted contact whose field was empty keeps aircom's
    // value, and undo says so. Everything else is as before, byte for byte.
    let unclearable: BTreeSet<i64> = items
        .iter()
        .filter(|i| {
            i["notes"].as_array().is_some_and(|n| {
                n.iter()
                    .any(|x| x.as_str().unwrap().contains("cannot clear"))
            })
        })
        .map(|i| i["object_id"].as_str().unwrap().parse().unwrap())
        .collect();
    let after = aircall_content(&sb);
    assert_eq!(
        after.keys().collect::<BTreeSet<_>>(),
        before.keys().collect::<BTreeSet<_>>(),
        "the created contacts are gone and no other"
    );
    for (id, was) in &before {
        if !unclearable.contains(id) {
            assert_eq!(&after[id], was, "contact {id}");
        }
    }
    // Undone a second time: nothing is written, and an update whose fields are all back is
    // said to be so (not "not applied", not a conflict).
    sb.clear_requests();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["undo", &run_id.to_string(), "--yes", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let writes: Vec<_> = sb.requests().into_iter().filter(|r| r.is_write()).collect();
    assert!(writes.is_empty(), "{writes:?}");
    let updates: Vec<&serde_json::Value> = items
        .iter()
        .filter(|i| {
            i["field"] == "update"
                && !unclearable.contains(&i["object_id"].as_str().unwrap().parse().unwrap())
        })
        .collect();
    assert!(!updates.is_empty());
    for i in updates {
        assert_eq!(i["verdict"], "already_restored", "{i}");
    }
}

/// Issue 13: an Aircall contact linked the digest's way (`intercom_id:<id>`) is the contact
/// of that Intercom id: when its number changes, it gets the new number in place of the stale
/// one, and no second contact appears.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_intercom_id_link_adopts_instead_of_twinning() {
    let sb = sandbox().await;
    let env = Env::new();
    let truth = sb.truth();
    let want = expected(&sb);
    let (&aircall_id, intercom_id) = truth
        .aircall_links
        .iter()
        .find(|(_, i)| want.contains_key(*i))
        .expect("a linked pair");
    let fresh = "+33612345678";
    sb.with_world(|w| {
        let c = w.intercom.contacts.get_mut(intercom_id).unwrap();
        c.phone = Some(fresh.into());
    });
    let out = sync(&env, &sb, &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let w = sb.world();
    let holders: Vec<&aircom::sandbox::world::AContact> = w
        .aircall
        .contacts
        .values()
        .filter(|c| c.phone_numbers.iter().any(|p| p.value == fresh))
        .collect();
    assert_eq!(holders.len(), 1, "one contact has the new number");
    assert_eq!(holders[0].id, aircall_id, "the linked one");
    assert_eq!(
        holders[0].phone_numbers.len(),
        1,
        "the stale number replaced"
    );
    let info = holders[0].information.as_deref().unwrap();
    assert!(
        info.contains(&format!("intercom_id:{intercom_id}")),
        "the digest's link kept: {info}"
    );
}

/// Issue 13: adopting a contact keeps what someone wrote in `information`, and adds only
/// aircom's link line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hand_written_information_survives_adoption() {
    let sb = sandbox().await;
    let env = Env::new();
    let truth = sb.truth();
    let aircall_id = truth.aircall_hand_written_info[0];
    let (note, number) = {
        let w = sb.world();
        let a = &w.aircall.contacts[&aircall_id];
        (
            a.information.clone().unwrap(),
            a.phone_numbers[0].value.clone(),
        )
    };
    // An Intercom contact takes that number.
    let (intercom_id, _) = expected(&sb).into_iter().next().unwrap();
    sb.with_world(|w| {
        w.intercom.contacts.get_mut(&intercom_id).unwrap().phone = Some(number.clone())
    });
    let out = sync(&env, &sb, &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let w = sb.world();
    let info = w.aircall.contacts[&aircall_id].information.clone().unwrap();
    assert!(
        info.starts_with(&note),
        "the note first, as written: {info:?}"
    );
    assert!(info.contains(&intercom_id), "aircom's link added: {info:?}");
}

/// Issue 13 (review): ownership belongs to the pair. aircom created X for A; a person deletes
/// X and makes Y with A's number; the next sync adopts Y. When A loses its phone, a prune must
/// not delete Y, which aircom never created.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_adopted_contact_is_never_pruned_even_after_aircoms_own_was_deleted() {
    use aircom::sandbox::world::{AContact, ADetail};
    let sb = sandbox().await;
    let env = Env::new();
    let existing: BTreeSet<i64> = sb.world().aircall.contacts.keys().copied().collect();
    assert!(sync(&env, &sb, &[]).await.status.success());
    let (intercom_id, x, number) = synced(&sb)
        .into_iter()
        .find_map(|(id, v)| {
            let (x, phones) = v.into_iter().next()?;
            (!existing.contains(&x)).then(|| (id, x, phones[0].clone()))
        })
        .unwrap();
    let y = 999_000_001;
    sb.with_world(|w| {
        w.aircall.contacts.remove(&x);
        w.aircall.contacts.insert(
            y,
            AContact {
                id: y,
                first_name: Some("Made".into()),
                last_name: Some("By hand".into()),
                company_name: None,
                information: Some("Key account - call before 10am".into()),
                created_at: 1,
                updated_at: 1,
                phone_numbers: vec![ADetail {
                    id: 999_000_002,
                    label: "Work".into(),
                    value: number.clone(),
                }],
                emails: vec![],
            },
        );
    });
    assert!(sync(&env, &sb, &[]).await.status.success());
    assert!(
        sb.world().aircall.contacts[&y]
            .information
            .as_deref()
            .unwrap()
            .contains(&intercom_id),
        "adopted"
    );
    sb.with_world(|w| w.intercom.contacts.get_mut(&intercom_id).unwrap().phone = None);
    let out = sync(&env, &sb, &["--prune", "--force-prune"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        sb.world().aircall.contacts.contains_key(&y),
        "the adopted contact was pruned"
    );
}
