//! Issue 13, "Never harm the data": under `--yes`, `fix numbers` and `sync contacts` write only
//! certain readings. No ambiguous, extension-bearing or too-short phone is written, no phone
//! becomes a number other than the one it means, and no Aircall contact gets a number its
//! Intercom contact's phone does not certainly mean.
//!
//! Checked against the sandbox's truth alone: `intercom_uncertain_phones` (what each hard
//! phone may and must never become, for the default country FR), `intercom_phone_e164` (the
//! number a certain phone means), `intercom_bad_phones` and `aircall_wrong_person` (French
//! people holding the French reading of an ambiguous foreign number).

use std::collections::{BTreeMap, BTreeSet};

use aircom::sandbox::data::{generate, Seed, NO_HARD_PHONES_ENV};
use aircom::sandbox::world::ADetail;
use aircom::sandbox::world::{AContact, Truth, UncertainKind, World, UNCERTAIN_DEFAULT_COUNTRY};
use aircom::sandbox::Sandbox;

use crate::support::*;

const KINDS: [UncertainKind; 5] = [
    UncertainKind::Ambiguous,
    UncertainKind::DefaultCountryOnly,
    UncertainKind::Extension,
    UncertainKind::TooShort,
    UncertainKind::IddOrNational,
];

/// The seeded world has every kind of hard phone, or the tests below prove nothing.
fn assert_seeded(t: &Truth) {
    for kind in KINDS {
        let n = t
            .intercom_uncertain_phones
            .values()
            .filter(|u| u.kind == kind)
            .count();
        assert!(
            n >= 2,
            "the sandbox seeds {n} {kind:?} phones (is {NO_HARD_PHONES_ENV} set?)"
        );
    }
    assert!(!t.aircall_wrong_person.is_empty());
}

async fn run_on(env: &Env, sb: &Sandbox, args: &[&str]) -> std::process::Output {
    let mut cmd = env.cmd_on(sb);
    cmd.args(args);
    let out = run(cmd).await;
    assert!(
        out.status.success(),
        "aircom {args:?}: {}\n{}",
        stderr(&out),
        stdout(&out)
    );
    out
}

fn phones(w: &World) -> BTreeMap<String, Option<String>> {
    w.intercom
        .contacts
        .iter()
        .map(|(id, c)| (id.clone(), c.phone.clone()))
        .collect()
}

/// One line per uncertain contact whose phone a run changed to something its truth does not
/// allow (most kinds: to anything at all), grouped by kind.
fn uncertain_phones_written(t: &Truth, after: &World) -> Vec<String> {
    let mut bad = Vec::new();
    for (id, u) in &t.intercom_uncertain_phones {
        let now = after
            .intercom
            .contacts
            .get(id)
            .and_then(|c| c.phone.clone());
        if now.as_deref() == Some(u.raw.as_str()) {
            continue;
        }
        if now.as_ref().is_some_and(|p| u.allowed.contains(p)) {
            continue;
        }
        let why = match now.as_ref() {
            Some(p) if u.forbidden.contains(p) => "a forbidden reading",
            Some(p) if Some(p) == u.meant.as_ref() => "the right number, but not under --yes",
            Some(_) => "another value",
            None => "removed",
        };
        bad.push(format!(
            "{:?} {id} (location {:?}): {:?} -> {:?}: {why}",
            u.kind, u.location, u.raw, now
        ));
    }
    bad.sort();
    bad
}

/// Issue 13's "done when" for `fix`: no uncertain phone is written under `--yes`. Every
/// ambiguous, extension-bearing, too-short and `00`-or-national phone stays byte-identical;
/// a foreign number with no location may only become its default-country reading (the one
/// reading a tool can know: see `UncertainKind::DefaultCountryOnly`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_numbers_yes_never_writes_an_uncertain_phone() {
    let sb = sandbox().await;
    let env = Env::new();
    let t = sb.truth();
    assert_seeded(&t);
    let before = phones(&sb.world());
    run_on(
        &env,
        &sb,
        &[
            "fix",
            "numbers",
            "--yes",
            "--country",
            UNCERTAIN_DEFAULT_COUNTRY,
        ],
    )
    .await;
    let after = sb.world();
    // The run did fix certain phones: it is not passing by writing nothing.
    let fixed = t
        .intercom_phone_e164
        .iter()
        .filter(|(id, e164)| {
            let now = &after.intercom.contacts[*id].phone;
            !t.intercom_uncertain_phones.contains_key(*id)
                && before.get(*id) != Some(now)
                && now.as_ref() == Some(*e164)
        })
        .count();
    assert!(fixed >= 30, "only {fixed} certain phones were fixed");
    let bad = uncertain_phones_written(&t, &after);
    assert!(
        bad.is_empty(),
        "{} uncertain phone(s) written by `fix numbers --yes`:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// `--include-ambiguous` asks a person per number; under `--yes` (no terminal) it must not
/// turn into writing the ambiguous readings: "Ambiguous rows ... never under `--yes`".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_numbers_include_ambiguous_under_yes_still_writes_no_uncertain_phone() {
    let sb = sandbox().await;
    let env = Env::new();
    let t = sb.truth();
    let mut cmd = env.cmd_on(&sb);
    cmd.args([
        "fix",
        "numbers",
        "--yes",
        "--include-ambiguous",
        "--country",
        UNCERTAIN_DEFAULT_COUNTRY,
    ]);
    // Refusing (no terminal to ask on) is as good as skipping them; only writes matter.
    let _ = run(cmd).await;
    let bad = uncertain_phones_written(&t, &sb.world());
    assert!(
        bad.is_empty(),
        "{} uncertain phone(s) written by `fix numbers --yes --include-ambiguous`:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// The whole world, not just the hard block: a phone `fix` rewrites becomes the number the
/// truth says it means, never another (a foreign national number read as French, an
/// extension dropped, garbage turned into a number). Phones with no certain meaning stay.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_numbers_yes_writes_only_the_number_a_phone_means() {
    let sb = sandbox().await;
    let env = Env::new();
    let t = sb.truth();
    let before = phones(&sb.world());
    run_on(
        &env,
        &sb,
        &[
            "fix",
            "numbers",
            "--yes",
            "--country",
            UNCERTAIN_DEFAULT_COUNTRY,
        ],
    )
    .await;
    let after = phones(&sb.world());
    let mut bad = Vec::new();
    for (id, now) in &after {
        let was = before.get(id).cloned().flatten();
        if *now == was {
            continue;
        }
        let ok = match t.intercom_uncertain_phones.get(id) {
            Some(u) => now.as_ref().is_some_and(|p| u.allowed.contains(p)),
            None => now.is_some() && now.as_ref() == t.intercom_phone_e164.get(id),
        };
        if !ok {
            let location = sb.world().intercom.contacts[id].country.clone();
            let meant = t.intercom_phone_e164.get(id).cloned().or_else(|| {
                t.intercom_uncertain_phones
                    .get(id)
                    .and_then(|u| u.meant.clone())
            });
            bad.push(format!(
                "{id} (location {location:?}): {was:?} -> {now:?}, the number is {meant:?}"
            ));
        }
    }
    bad.sort();
    assert!(
        bad.is_empty(),
        "{} phone(s) rewritten to a number they do not mean:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Aircall contacts that are new or changed since `before`.
fn changed<'a>(before: &World, after: &'a World) -> Vec<&'a AContact> {
    let json = |c: &AContact| serde_json::to_string(c).unwrap();
    after
        .aircall
        .contacts
        .values()
        .filter(|c| {
            before
                .aircall
                .contacts
                .get(&c.id)
                .is_none_or(|b| json(b) != json(c))
        })
        .collect()
}

/// The Intercom contacts an Aircall contact's `information` links (it names their ids).
fn linked<'a>(w: &'a World, c: &AContact) -> Vec<&'a String> {
    let info = c.information.as_deref().unwrap_or("");
    w.intercom
        .contacts
        .keys()
        .filter(|id| info.contains(id.as_str()))
        .collect()
}

/// Every harmful Aircall write between `before` and `after`: a new or changed contact with a
/// forbidden reading of an uncertain phone, or linked to an uncertain contact with a number its
/// truth does not allow, or a wrong-person contact changed.
fn aircall_harm(t: &Truth, before: &World, after: &World) -> Vec<String> {
    let changed = changed(before, after);
    let forbidden: BTreeMap<&String, &String> = t
        .intercom_uncertain_phones
        .iter()
        .flat_map(|(id, u)| u.forbidden.iter().map(move |f| (f, id)))
        .collect();
    let mut bad = Vec::new();
    for c in &changed {
        let values: Vec<&String> = c.phone_numbers.iter().map(|p| &p.value).collect();
        for v in &values {
            if let Some(owner) = forbidden.get(v) {
                let u = &t.intercom_uncertain_phones[*owner];
                bad.push(format!(
                    "Aircall {} carries {v}, a forbidden reading of {owner}'s {:?} ({:?}, location {:?})",
                    c.id, u.raw, u.kind, u.location
                ));
            }
        }
        for iid in linked(after, c) {
            if let Some(u) = t.intercom_uncertain_phones.get(iid) {
                if !values.iter().all(|v| u.allowed.contains(v)) {
                    bad.push(format!(
                        "Aircall {} ({values:?}) is linked to {iid}, whose {:?} ({:?}, location {:?}) allows only {:?}",
                        c.id, u.raw, u.kind, u.location, u.allowed
                    ));
                }
            }
        }
    }
    for (aid, iid) in &t.aircall_wrong_person {
        let (was, now) = (
            &before.aircall.contacts[aid],
            after.aircall.contacts.get(aid),
        );
        if now.is_none_or(|n| {
            serde_json::to_string(n).unwrap() != serde_json::to_string(was).unwrap()
        }) {
            bad.push(format!(
                "Aircall {aid} ({:?} {:?}, {}) is another person than {iid}, yet the sync changed it: {now:?}",
                was.first_name, was.last_name, was.phone_numbers[0].value
            ));
        }
    }
    bad.sort();
    bad.dedup();
    bad
}

/// Issue 13's "done when" for `sync`: no Aircall contact is created or changed with a
/// forbidden reading of an uncertain phone, none is linked to an uncertain contact except with
/// a number its truth allows, and the French people who really hold the French reading of an
/// ambiguous foreign number are left alone ("a French number now rings as the wrong person").
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_yes_never_creates_a_contact_from_an_uncertain_phone() {
    let sb = sandbox().await;
    let env = Env::new();
    let t = sb.truth();
    assert_seeded(&t);
    let before = sb.world();
    run_on(
        &env,
        &sb,
        &[
            "sync",
            "contacts",
            "--yes",
            "--country",
            UNCERTAIN_DEFAULT_COUNTRY,
        ],
    )
    .await;
    let after = sb.world();
    let changed = changed(&before, &after);
    assert!(
        changed.len() >= 30,
        "the sync wrote only {} Aircall contacts",
        changed.len()
    );
    let bad = aircall_harm(&t, &before, &after);
    assert!(
        bad.is_empty(),
        "{} harmful Aircall write(s) by `sync contacts --yes`:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// The whole world: every Aircall contact the sync creates or changes for an Intercom contact
/// carries only the number that contact's phone certainly means (`intercom_phone_e164`), or a
/// number an uncertain phone's truth allows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_yes_gives_an_aircall_contact_only_the_number_its_phone_means() {
    let sb = sandbox().await;
    let env = Env::new();
    let t = sb.truth();
    let before = sb.world();
    run_on(
        &env,
        &sb,
        &[
            "sync",
            "contacts",
            "--yes",
            "--country",
            UNCERTAIN_DEFAULT_COUNTRY,
        ],
    )
    .await;
    let after = sb.world();
    let mut bad = Vec::new();
    for c in changed(&before, &after) {
        for iid in linked(&after, c) {
            let allowed: BTreeSet<&String> = match t.intercom_uncertain_phones.get(iid) {
                Some(u) => u.allowed.iter().collect(),
                None => t.intercom_phone_e164.get(iid).into_iter().collect(),
            };
            let values: Vec<&String> = c.phone_numbers.iter().map(|p| &p.value).collect();
            if !values.iter().all(|v| allowed.contains(v)) {
                let ic = &after.intercom.contacts[iid];
                bad.push(format!(
                    "Aircall {} {values:?} for {iid} ({:?}, location {:?}), whose number is {:?}",
                    c.id, ic.phone, ic.country, allowed
                ));
            }
        }
    }
    bad.sort();
    assert!(
        bad.is_empty(),
        "{} Aircall contact(s) written with a number their Intercom phone does not mean:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// "A phone with an extension is never rewritten to drop it ...: it is reported." A sync that
/// skips an uncertain phone says so: each one the truth allows nothing for is in the skipped
/// report, with a reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_reports_every_uncertain_phone_it_skips() {
    let sb = sandbox().await;
    let env = Env::new();
    let t = sb.truth();
    let report = env.path().join("skipped.csv");
    run_on(
        &env,
        &sb,
        &[
            "sync",
            "contacts",
            "--yes",
            "--country",
            UNCERTAIN_DEFAULT_COUNTRY,
            "--report",
            report.to_str().unwrap(),
        ],
    )
    .await;
    let text = std::fs::read_to_string(&report).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let skipped: BTreeMap<String, String> = rows
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[3].to_string())
        })
        .collect();
    let mut missing = Vec::new();
    for (id, u) in &t.intercom_uncertain_phones {
        if !u.allowed.is_empty() {
            continue;
        }
        match skipped.get(id) {
            Some(reason) if !reason.trim().is_empty() => {}
            _ => missing.push(format!(
                "{:?} {id}: {:?} (location {:?})",
                u.kind, u.raw, u.location
            )),
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "{} uncertain phone(s) not in the skipped report:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// `audit numbers` is the plan `fix numbers` carries out: it lists every uncertain phone
/// (none is in E.164) and never calls one fixable with a reading its truth does not allow;
/// nor any other phone fixable with a number other than the one it means.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_numbers_never_proposes_a_reading_that_would_harm() {
    let sb = sandbox().await;
    let env = Env::new();
    let t = sb.truth();
    let out = run_on(
        &env,
        &sb,
        &[
            "audit",
            "numbers",
            "--json",
            "--country",
            UNCERTAIN_DEFAULT_COUNTRY,
        ],
    )
    .await;
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let by_id: BTreeMap<&str, &serde_json::Value> = rows
        .iter()
        .map(|r| (r["contact_id"].as_str().unwrap(), r))
        .collect();
    let mut bad = Vec::new();
    for (id, u) in &t.intercom_uncertain_phones {
        let Some(row) = by_id.get(id.as_str()) else {
            bad.push(format!("{:?} {id} {:?}: not listed", u.kind, u.raw));
            continue;
        };
        if row["status"] == "fixable" {
            let proposed = row["e164"].as_str().unwrap_or_default().to_string();
            if !u.allowed.contains(&proposed) {
                bad.push(format!(
                    "{:?} {id} {:?} (location {:?}): fixable as {proposed}",
                    u.kind, u.raw, u.location
                ));
            }
        }
    }
    for row in &rows {
        let id = row["contact_id"].as_str().unwrap();
        if row["status"] != "fixable" || t.intercom_uncertain_phones.contains_key(id) {
            continue;
        }
        let proposed = row["e164"].as_str();
        if proposed != t.intercom_phone_e164.get(id).map(String::as_str) {
            bad.push(format!(
                "{id} {} : fixable as {proposed:?}, the number is {:?}",
                row["stored"],
                t.intercom_phone_e164.get(id)
            ));
        }
    }
    bad.sort();
    assert!(
        bad.is_empty(),
        "{} harmful row(s) in `audit numbers`:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// The checks above catch the harm issue 13 reports, so a pass means something: each
/// uncertain phone rewritten to its last reading (the French one, for an ambiguous number) is
/// flagged unless its truth allows it, and Aircall contacts made from those readings, or a
/// wrong-person contact adopted, are flagged too. The untouched world is clean.
#[test]
fn the_checks_catch_the_harm_issue_13_reports() {
    let w = generate(Seed {
        seed: 42,
        contacts: 300,
        calls: 240,
        anchor: anchor(),
        ..Default::default()
    });
    let t = w.truth.clone();
    assert_seeded(&t);
    assert!(uncertain_phones_written(&t, &w).is_empty());
    assert!(aircall_harm(&t, &w, &w).is_empty());
    let mut harmed = w.clone();
    let mut want = 0;
    for (id, u) in &t.intercom_uncertain_phones {
        let last = u.readings.last().unwrap().clone();
        want += usize::from(!u.allowed.contains(&last));
        harmed.intercom.contacts.get_mut(id).unwrap().phone = Some(last.clone());
        let aid = 9_000_000_000 + harmed.aircall.contacts.len() as i64;
        harmed.aircall.contacts.insert(
            aid,
            AContact {
                id: aid,
                first_name: None,
                last_name: None,
                company_name: None,
                information: Some(format!("https://app.intercom.com/a/apps/x/users/{id}/all")),
                created_at: 0,
                updated_at: 0,
                phone_numbers: vec![ADetail {
                    id: aid,
                    label: "Work".into(),
                    value: last,
                }],
                emails: vec![],
            },
        );
    }
    assert!(want >= 20, "{want}");
    assert_eq!(uncertain_phones_written(&t, &harmed).len(), want);
    // Each harmful Aircall contact is flagged twice (forbidden number, wrong link).
    assert_eq!(aircall_harm(&t, &w, &harmed).len(), 2 * want);
    let (aid, iid) = t.aircall_wrong_person.iter().next().unwrap();
    harmed.aircall.contacts.get_mut(aid).unwrap().information = Some(format!("intercom_id:{iid}"));
    // Adopting the wrong person: changed, a forbidden number, linked with it.
    assert_eq!(aircall_harm(&t, &w, &harmed).len(), 2 * want + 3);
}
