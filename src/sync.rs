//! The engine of `sync contacts`: what each Aircall contact should hold for an Intercom
//! contact ([`make_plan`], pure), and applying a plan step with a journal row written before
//! its first request ([`apply`]), so `aircom undo RUN` can take a sync run back.
//!
//! Matching, in order: the Aircall contact linked to this Intercom id in its `information`,
//! by aircom's link (`https://app.intercom.com/a/apps/<app>/users/<id>/…`) or the digest's
//! `intercom_id:<id>` line; else one with the same E.164 (adopted, unless `--no-adopt`); else a
//! new one. Only certain numbers are written: an ambiguous phone, one with an extension (unless
//! `--with-extensions`, which puts the extension in the number's label), or an invalid one is
//! skipped and reported.
//!
//! What aircom writes in `information` is one line of its own, its link; every other line (a
//! note someone wrote, the digest's `intercom_id:` link) is kept as it is.
//!
//! Pruning is by ownership, never by filter: a contact is deleted only if aircom created it
//! (per the ledger, in this workspace) and its Intercom contact, read from the whole
//! workspace whatever the run's filters, is gone or no longer has a valid, unshared number
//! (one still read as the number aircom synced keeps it).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::aircall::{self, AircallClient, ContactUpdate, NewContact, NewDetail};
use crate::commands::normalize::split_name;
use crate::contacts::read_phone;
use crate::intercom::{self, ContactId};
use crate::ledger::{JournalState, Ledger, SyncState, SyncedContact};
use crate::lookup::intercom_link;
use crate::phone::{normalize, Hints, Outcome, Region};

/// What the Aircall contact should hold for one Intercom contact.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Desired {
    pub intercom_id: String,
    pub first_name: String,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub e164: String,
    /// The first attached Intercom company's name.
    pub company: Option<String>,
    /// aircom's link line (the rest of `information` is never aircom's to write).
    pub information: String,
    /// An extension the Intercom phone carries (`x12`): E.164 cannot, so it goes in the
    /// number's label (`Work ext. 12`) and is never dropped silently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
}

impl Desired {
    /// The label of the number aircom writes.
    pub fn phone_label(&self) -> String {
        match &self.extension {
            Some(x) => format!("Work ext. {x}"),
            None => "Work".into(),
        }
    }
}

/// One line of the plan.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Step {
    Create {
        desired: Desired,
    },
    Update {
        aircall_id: i64,
        desired: Desired,
        adopt: bool,
        changes: Vec<FieldChange>,
    },
    Unchanged {
        aircall_id: i64,
        intercom_id: String,
    },
    Skip {
        intercom_id: String,
        name: Option<String>,
        phone: Option<String>,
        reason: String,
    },
    Prune {
        aircall_id: i64,
        intercom_id: String,
        /// Why it is no longer wanted.
        reason: String,
    },
}

/// Which field an update changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    FirstName,
    LastName,
    CompanyName,
    Information,
    Phone,
    Email,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::CompanyName => "company_name",
            Field::Information => "information",
            Field::Phone => "phone",
            Field::Email => "email",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    pub field: Field,
    pub old: Option<String>,
    pub new: String,
    /// For a phone or email: the detail replaced (the one aircom wrote before, or a linked
    /// contact's only number), else `None` and the value is added.
    pub detail: Option<i64>,
}

/// First and last name from the Intercom name: split on the last space; one word is a first
/// name; no name gives the E.164 number as the first name. The integration's own placeholders
/// (`<E.164> New Aircall contact`) keep the split the integration made.
pub fn names(name: Option<&str>, e164: &str) -> (String, Option<String>) {
    const PLACEHOLDER: &str = " New Aircall contact";
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        None => (e164.to_string(), None),
        Some(n) if n.ends_with(PLACEHOLDER) && n.len() > PLACEHOLDER.len() => (
            n[..n.len() - PLACEHOLDER.len()].to_string(),
            Some(PLACEHOLDER.trim().to_string()),
        ),
        Some(n) => {
            let (first, last) = split_name(n);
            (first, Some(last).filter(|l| !l.is_empty()))
        }
    }
}

/// What aircom wrote for a pair, as the ledger keeps it: when the Intercom side still asks for
/// exactly this, the Aircall contact is left alone (hand edits there are not reverted).
pub fn fingerprint(d: &Desired) -> String {
    serde_json::to_string(d).expect("serializes")
}

/// aircom's link line for an Intercom contact.
pub fn marker(app_id: &str, intercom_id: &str) -> String {
    intercom_link(app_id, &ContactId(intercom_id.to_string()))
}

/// How an Aircall contact's `information` links it to an Intercom contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkForm {
    /// aircom's link (`https://app.intercom.com/a/apps/<app>/users/<id>/…`).
    Aircom,
    /// The digest's `intercom_id:<id>` (aircall-api.md §5.2).
    IntercomId,
}

/// The link on one line of `information`, if the line is one.
fn line_link(line: &str) -> Option<(String, LinkForm)> {
    let l = line.trim();
    if let Some(rest) = l.strip_prefix("intercom_id:") {
        let id = rest.trim();
        return (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()))
            .then(|| (id.to_string(), LinkForm::IntercomId));
    }
    // Only a whole line of aircom's own form (`…/a/apps/<app>/users/<id>/all-conversations`):
    // a line with text after the link, or any other URL, is someone's writing.
    let rest = l.strip_prefix("https://app.intercom.com/a/apps/")?;
    let rest = rest.strip_suffix("/all-conversations")?;
    let (app, id) = rest.split_once("/users/")?;
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
    (plain(app) && plain(id)).then(|| (id.to_string(), LinkForm::Aircom))
}

/// The Intercom id an Aircall contact is linked to, by either form (aircom's first).
pub fn linked_id(information: Option<&str>) -> Option<(String, LinkForm)> {
    let links: Vec<(String, LinkForm)> = information?.lines().filter_map(line_link).collect();
    links
        .iter()
        .find(|(_, f)| *f == LinkForm::Aircom)
        .or(links.first())
        .cloned()
}

/// `information` with aircom's link line maintained and every other line kept: the lines
/// someone wrote stay first, in order, and aircom's link comes last.
pub fn merged_information(current: Option<&str>, link: &str) -> String {
    let mut lines: Vec<&str> = current
        .unwrap_or("")
        .lines()
        .filter(|l| !matches!(line_link(l), Some((_, LinkForm::Aircom))))
        .collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines.push(link);
    lines.join("\n")
}

/// The field diff from an Aircall contact to what it should hold. `before`: what aircom
/// wrote for this pair last (from the ledger), so the number or email it wrote is replaced
/// rather than another added beside it; a detail someone else added is never touched.
pub fn diff(
    current: &aircall::Contact,
    d: &Desired,
    before: Option<&Desired>,
    linked: bool,
) -> Vec<FieldChange> {
    // What aircom wrote is known only for a contact it created: on an adopted one, the
    // number and email there are the person's, never replaced (only added to).
    let mut out = Vec::new();
    let mut scalar = |field, old: &Option<String>, new: Option<String>| {
        if let Some(new) = new {
            if old.as_deref() != Some(new.as_str()) {
                out.push(FieldChange {
                    field,
                    old: old.clone(),
                    new,
                    detail: None,
                });
            }
        }
    };
    scalar(
        Field::FirstName,
        &current.first_name,
        Some(d.first_name.clone()),
    );
    scalar(Field::LastName, &current.last_name, d.last_name.clone());
    scalar(Field::CompanyName, &current.company_name, d.company.clone());
    scalar(
        Field::Information,
        &current.information,
        Some(merged_information(
            current.information.as_deref(),
            &d.information,
        )),
    );
    if !current.phone_numbers.iter().any(|p| p.value == d.e164) {
        // The number aircom wrote before; or, on a linked contact with one number, that
        // number (the link says whose it is, and it is stale).
        let replaced = before
            .and_then(|b| current.phone_numbers.iter().find(|p| p.value == b.e164))
            .or(match current.phone_numbers.as_slice() {
                [one] if linked => Some(one),
                _ => None,
            });
        out.push(FieldChange {
            field: Field::Phone,
            old: replaced.map(|p| p.value.clone()),
            new: d.e164.clone(),
            detail: replaced.map(|p| p.id),
        });
    }
    if let Some(e) = &d.email {
        if !current
            .emails
            .iter()
            .any(|x| x.value.eq_ignore_ascii_case(e))
        {
            let replaced = before.and_then(|b| b.email.as_ref()).and_then(|old| {
                current
                    .emails
                    .iter()
                    .find(|x| x.value.eq_ignore_ascii_case(old))
            });
            out.push(FieldChange {
                field: Field::Email,
                old: replaced.map(|x| x.value.clone()),
                new: e.clone(),
                detail: replaced.map(|x| x.id),
            });
        }
    }
    out
}

/// Why a phone is not written: only a certain reading is.
fn uncertain(outcome: &Outcome, with_extensions: bool) -> Option<String> {
    match outcome {
        Outcome::Valid(v) if v.extension.is_some() && !with_extensions => Some(format!(
            "has extension {}: E.164 cannot carry it, so the number is not written (`--with-extensions` writes it with the extension in its label)",
            v.extension.as_deref().unwrap_or_default()
        )),
        Outcome::Valid(_) => None,
        Outcome::Invalid { reason } => Some(format!("invalid number: {reason}")),
        Outcome::Ambiguous { candidates } => Some(format!(
            "ambiguous number: {} (set the contact's location, or fix it by hand)",
            candidates
                .iter()
                .map(|c| c.e164.as_str())
                .collect::<Vec<_>>()
                .join(" or ")
        )),
    }
}

/// A whole-workspace view for pruning: every Intercom contact's certain number, and how many
/// contacts hold each.
#[derive(Debug, Default)]
pub struct Workspace {
    /// Intercom id → the raw phone and location region (`None` phone: none stored).
    pub phones: HashMap<String, (Option<String>, Option<Region>)>,
    /// E.164 → how many contacts' phones read as it.
    pub holders: HashMap<String, usize>,
    /// Contacts merged into another (410): their person lives on.
    pub kept: HashSet<String>,
}

impl Workspace {
    pub fn add(&mut self, c: &intercom::Contact, hints: &Hints) {
        if let Some(e) = read_phone(c, hints).as_ref().and_then(Outcome::e164) {
            *self.holders.entry(e.to_string()).or_default() += 1;
        }
        self.phones.insert(
            c.id.0.clone(),
            (c.phone.clone(), crate::lookup::contact_region(c)),
        );
    }

    /// A contact read again by id: its phone as it is now (the holders count keeps the
    /// scan's view of everyone else).
    pub fn replace(&mut self, c: &intercom::Contact, hints: &Hints) {
        if !self.phones.contains_key(&c.id.0) {
            self.add(c, hints);
            return;
        }
        self.phones.insert(
            c.id.0.clone(),
            (c.phone.clone(), crate::lookup::contact_region(c)),
        );
    }

    /// A contact known to live on (merged into another): never judged gone.
    pub fn keep(&mut self, id: &str) {
        self.kept.insert(id.to_string());
    }

    /// Why the Intercom contact of a synced pair is no longer wanted, or `None` if it still
    /// is. Still wanted: its phone reads (with this run's hints, or with the region of the
    /// number aircom synced, so a changed `--country` never prunes) as a valid number no
    /// other contact holds.
    pub fn unwanted(&self, s: &SyncedContact, hints: &Hints) -> Option<String> {
        if self.kept.contains(&s.intercom_id) {
            return None;
        }
        let Some((phone, region)) = self.phones.get(&s.intercom_id) else {
            return Some("the Intercom contact is gone".into());
        };
        let Some(phone) = phone.as_deref().filter(|p| !p.trim().is_empty()) else {
            return Some("the Intercom contact has no phone any more".into());
        };
        let now = normalize(
            phone,
            &Hints {
                record: *region,
                ..*hints
            },
        );
        let synced_region = s.e164.as_deref().and_then(|e| {
            normalize(e, &Hints::default())
                .valid()
                .and_then(|v| v.region)
        });
        let as_synced = normalize(
            phone,
            &Hints {
                record: synced_region,
                explicit: None,
                default: synced_region,
                allow_vanity: false,
            },
        );
        let readings: Vec<&str> = [now.e164(), as_synced.e164()]
            .into_iter()
            .flatten()
            .collect();
        if readings.is_empty() {
            // Not read as any number now: uncertain (ambiguous) is not gone.
            return match (&now, &as_synced) {
                (Outcome::Ambiguous { .. }, _) | (_, Outcome::Ambiguous { .. }) => None,
                _ => Some("the Intercom contact's phone is no longer a valid number".into()),
            };
        }
        if readings
            .iter()
            .any(|e| self.holders.get(*e).copied().unwrap_or(0) <= 1)
        {
            return None;
        }
        Some(format!(
            "{} is now shared by several Intercom contacts",
            readings[0]
        ))
    }
}

/// The plan's inputs besides the source contacts.
pub struct PlanInput<'a> {
    pub hints: &'a Hints,
    pub app_id: &'a str,
    /// Aircall contacts by the Intercom id their `information` links.
    pub by_link: &'a HashMap<String, (aircall::Contact, LinkForm)>,
    pub by_number: &'a HashMap<String, Vec<aircall::Contact>>,
    pub no_adopt: bool,
    pub synced: &'a [SyncedContact],
    pub companies: &'a HashMap<String, String>,
    /// With `--prune`: the whole workspace.
    pub prune: Option<&'a Workspace>,
    /// `--with-extensions`: a phone with an extension is written, the extension in the
    /// number's label; otherwise it is skipped and reported.
    pub with_extensions: bool,
}

/// The plan: one step per source contact (and one per contact to prune). Pure.
pub fn make_plan(source: &[intercom::Contact], inp: &PlanInput<'_>) -> Vec<Step> {
    let mut plan = Vec::new();
    let mut valid: Vec<(&intercom::Contact, String, Option<String>)> = Vec::new();
    for c in source {
        match read_phone(c, inp.hints) {
            None => {} // no phone: not a source contact
            Some(o) => match uncertain(&o, inp.with_extensions) {
                None => valid.push((
                    c,
                    o.e164().expect("certain").to_string(),
                    o.valid().and_then(|v| v.extension.clone()),
                )),
                Some(reason) => plan.push(Step::Skip {
                    intercom_id: c.id.0.clone(),
                    name: c.name.clone(),
                    phone: c.phone.clone(),
                    reason,
                }),
            },
        }
    }
    let mut holders: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, e, _) in &valid {
        *holders.entry(e.as_str()).or_default() += 1;
    }
    // With the whole workspace read, a number is shared if any contact holds it.
    let shared = |e: &str| match inp.prune {
        Some(w) => w.holders.get(e).copied().unwrap_or(0) > 1 || holders[e] > 1,
        None => holders[e] > 1,
    };
    let written: HashMap<&str, Desired> = inp
        .synced
        .iter()
        .filter_map(|s| {
            let d = serde_json::from_str(s.fingerprint.as_deref()?).ok()?;
            Some((s.intercom_id.as_str(), d))
        })
        .collect();
    for (c, e164, extension) in &valid {
        let skip = |reason: String| Step::Skip {
            intercom_id: c.id.0.clone(),
            name: c.name.clone(),
            phone: c.phone.clone(),
            reason,
        };
        if shared(e164) {
            plan.push(skip(format!(
                "{e164} is shared by several Intercom contacts: run `aircom audit duplicates`"
            )));
            continue;
        }
        let (first_name, last_name) = names(c.name.as_deref(), e164);
        let desired = Desired {
            intercom_id: c.id.0.clone(),
            first_name,
            last_name,
            email: c.email().map(str::to_string),
            e164: e164.clone(),
            company: c
                .companies
                .as_ref()
                .and_then(|l| l.data.first())
                .and_then(|r| inp.companies.get(&r.id))
                .filter(|n| !n.is_empty())
                .cloned(),
            information: marker(inp.app_id, &c.id.0),
            extension: extension.clone(),
        };
        let (target, adopt, linked) = match inp.by_link.get(&c.id.0) {
            Some((t, form)) => (Some(t), *form == LinkForm::IntercomId, true),
            None => match inp
                .by_number
                .get(e164.as_str())
                .map(|v| v.as_slice())
                .unwrap_or(&[])
            {
                [] => (None, false, false),
                // An existing contact linked to another Intercom contact is not this one's.
                [one] if linked_id(one.information.as_deref()).is_none() => {
                    if inp.no_adopt {
                        plan.push(skip(format!(
                            "Aircall contact {} has this number (`--no-adopt`)",
                            one.id
                        )));
                        continue;
                    }
                    (Some(one), true, false)
                }
                several => {
                    plan.push(skip(format!(
                        "{} Aircall contact(s) already have {e164}, linked elsewhere or several: run `aircom audit duplicates --aircall`",
                        several.len()
                    )));
                    continue;
                }
            },
        };
        // The number and email aircom wrote can be replaced only on a contact it created.
        let owned = |t: &aircall::Contact| {
            inp.synced.iter().any(|s| {
                s.intercom_id == c.id.0 && s.created_by_aircom && s.aircall_id == Some(t.id.0)
            })
        };
        let before = written.get(c.id.0.as_str());
        plan.push(match target {
            None => Step::Create { desired },
            Some(t) => {
                // Nothing changed on the Intercom side since aircom last wrote this pair.
                let unchanged_since = !adopt && before == Some(&desired);
                let changes = if unchanged_since {
                    Vec::new()
                } else {
                    diff(t, &desired, before.filter(|_| owned(t)), linked)
                };
                if changes.is_empty() {
                    Step::Unchanged {
                        aircall_id: t.id.0,
                        intercom_id: c.id.0.clone(),
                    }
                } else {
                    Step::Update {
                        aircall_id: t.id.0,
                        desired,
                        adopt,
                        changes,
                    }
                }
            }
        });
    }
    if let Some(w) = inp.prune {
        let planned: HashSet<String> = plan
            .iter()
            .filter_map(|s| match s {
                Step::Update { desired, .. } => Some(desired.intercom_id.clone()),
                Step::Unchanged { intercom_id, .. } => Some(intercom_id.clone()),
                _ => None,
            })
            .collect();
        for s in inp.synced {
            if !s.created_by_aircom || s.state != SyncState::Synced {
                continue;
            }
            let Some(id) = s.aircall_id else { continue };
            if planned.contains(&s.intercom_id) {
                continue;
            }
            if let Some(reason) = w.unwanted(s, inp.hints) {
                plan.push(Step::Prune {
                    aircall_id: id,
                    intercom_id: s.intercom_id.clone(),
                    reason,
                });
            }
        }
    }
    plan
}

/// An Aircall contact's writable state, as the journal keeps it (before and after a write).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The Aircall id (known once created).
    #[serde(default)]
    pub aircall_id: Option<i64>,
    /// The Intercom contact of the pair.
    #[serde(default)]
    pub intercom_id: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company_name: Option<String>,
    pub information: Option<String>,
    /// (label, value) of each phone number and email.
    pub phones: Vec<(String, String)>,
    pub emails: Vec<(String, String)>,
}

impl Snapshot {
    pub fn of(c: &aircall::Contact, intercom_id: Option<&str>) -> Snapshot {
        Snapshot {
            aircall_id: Some(c.id.0),
            intercom_id: intercom_id.map(str::to_string),
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            company_name: c.company_name.clone(),
            information: c.information.clone(),
            phones: c
                .phone_numbers
                .iter()
                .map(|p| (p.label.clone(), p.value.clone()))
                .collect(),
            emails: c
                .emails
                .iter()
                .map(|p| (p.label.clone(), p.value.clone()))
                .collect(),
        }
    }

    /// The same contact content, ids aside.
    pub fn same_content(&self, other: &Snapshot) -> bool {
        let strip = |s: &Snapshot| Snapshot {
            aircall_id: None,
            intercom_id: None,
            ..s.clone()
        };
        strip(self) == strip(other)
    }

    pub fn to_new_contact(&self) -> NewContact {
        NewContact {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            company_name: self.company_name.clone(),
            information: self.information.clone(),
            phone_numbers: self
                .phones
                .iter()
                .map(|(label, value)| NewDetail {
                    label: label.clone(),
                    value: value.clone(),
                })
                .collect(),
            emails: self
                .emails
                .iter()
                .map(|(label, value)| NewDetail {
                    label: label.clone(),
                    value: value.clone(),
                })
                .collect(),
        }
    }

    fn json(&self) -> String {
        serde_json::to_string(self).expect("serializes")
    }
}

/// The journal's fields for sync writes (`api = "aircall"`; see `crate::journal`).
pub const JOURNAL_CREATE: &str = "create";
pub const JOURNAL_UPDATE: &str = "update";
pub const JOURNAL_DELETE: &str = "delete";

/// What the contact holds after `changes` (for the journal's "after").
fn after(current: &Snapshot, changes: &[FieldChange]) -> Snapshot {
    let mut s = current.clone();
    for c in changes {
        match c.field {
            Field::FirstName => s.first_name = Some(c.new.clone()),
            Field::LastName => s.last_name = Some(c.new.clone()),
            Field::CompanyName => s.company_name = Some(c.new.clone()),
            Field::Information => s.information = Some(c.new.clone()),
            Field::Phone => match &c.old {
                Some(old) if c.detail.is_some() => {
                    if let Some(p) = s.phones.iter_mut().find(|(_, v)| v == old) {
                        p.1 = c.new.clone();
                    }
                }
                _ => s.phones.push(("Work".into(), c.new.clone())),
            },
            Field::Email => match &c.old {
                Some(old) if c.detail.is_some() => {
                    if let Some(p) = s.emails.iter_mut().find(|(_, v)| v == old) {
                        p.1 = c.new.clone();
                    }
                }
                _ => s.emails.push(("Work".into(), c.new.clone())),
            },
        }
    }
    s
}

/// A create whose outcome is unknown (a killed run, a lost response) is settled by a phone
/// search for a contact carrying aircom's link.
pub async fn find_created(
    ac: &AircallClient,
    app_id: &str,
    intercom_id: &str,
    e164: &str,
) -> anyhow::Result<Option<aircall::Contact>> {
    let want = marker(app_id, intercom_id);
    Ok(ac
        .search_contacts_by_phone(e164)
        .await?
        .into_iter()
        .find(|c| {
            c.information
                .as_deref()
                .is_some_and(|i| i.lines().any(|l| l.trim() == want))
        }))
}

/// Settles creates a killed run left pending (found by its link: synced; not found: never
/// landed), and their journal rows.
pub async fn reconcile(ledger: &Ledger, ac: &AircallClient, app_id: &str) -> anyhow::Result<()> {
    for s in ledger
        .synced()?
        .into_iter()
        .filter(|s| s.state == SyncState::Pending)
    {
        let Some(e164) = &s.e164 else { continue };
        let found = find_created(ac, app_id, &s.intercom_id, e164).await?;
        for row in ledger.journal_pending_rows()?.into_iter().filter(|r| {
            r.api == "aircall" && r.field == JOURNAL_CREATE && r.object_id == s.intercom_id
        }) {
            match &found {
                Some(c) => {
                    ledger.journal_set_new(
                        row.id,
                        Some(&Snapshot::of(c, Some(&s.intercom_id)).json()),
                    )?;
                    ledger.journal_set(row.id, JournalState::Done)?;
                }
                None => ledger.journal_set(row.id, JournalState::Abandoned)?,
            }
        }
        match found {
            Some(c) => ledger.sync_upsert(&SyncedContact {
                aircall_id: Some(c.id.0),
                state: SyncState::Synced,
                created_by_aircom: true,
                ..s
            })?,
            None => ledger.sync_forget(&s.intercom_id)?,
        }
    }
    Ok(())
}

/// Rounds of in-run reconciliation for steps whose failure may pass.
pub const SYNC_ROUNDS: u32 = 6;

/// The pause before reconciliation round `round`: doubling from 2 s, at most 30 s.
pub fn round_pause(round: u32) -> std::time::Duration {
    if std::env::var_os(crate::env::AIRCOM_TEST_NO_RETRY_DELAY).is_some() {
        return std::time::Duration::from_millis(50);
    }
    std::time::Duration::from_secs((1u64 << round.min(5)).min(30))
}

/// Whether a step's error may pass if the step is applied again later.
pub fn may_pass(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<crate::http::HttpError>()
            .is_some_and(|h| h.may_succeed_later() || h.outcome_unknown())
    })
}

/// The journal row's final state for a write's result.
fn settled<T>(r: &Result<T, crate::http::HttpError>) -> JournalState {
    match r {
        Ok(_) => JournalState::Done,
        Err(e) if e.outcome_unknown() => JournalState::Unknown,
        Err(_) => JournalState::Failed,
    }
}

/// Applies one step, journaled. `again`: the step was tried before in this run and may have
/// landed in part, so what Aircall holds is read before anything is written.
/// `current`: the Aircall contact as listed (the journal's "before" of an update or delete).
pub async fn apply(
    ac: &AircallClient,
    ledger: &Ledger,
    run_id: i64,
    step: &Step,
    current: Option<&aircall::Contact>,
    app_id: &str,
    again: bool,
) -> anyhow::Result<()> {
    match step {
        Step::Create { desired: d } => {
            ledger.sync_upsert(&SyncedContact {
                intercom_id: d.intercom_id.clone(),
                aircall_id: None,
                e164: Some(d.e164.clone()),
                state: SyncState::Pending,
                created_by_aircom: true,
                fingerprint: None,
            })?;
            let body = NewContact {
                first_name: Some(d.first_name.clone()),
                last_name: d.last_name.clone(),
                company_name: d.company.clone(),
                information: Some(d.information.clone()),
                phone_numbers: vec![NewDetail {
                    label: d.phone_label(),
                    value: d.e164.clone(),
                }],
                emails: d
                    .email
                    .iter()
                    .map(|e| NewDetail {
                        label: "Work".into(),
                        value: e.clone(),
                    })
                    .collect(),
            };
            // Creates are never retried blindly: after a failure that may have taken effect,
            // look for the contact before trying again.
            let found = if again {
                find_created(ac, app_id, &d.intercom_id, &d.e164).await?
            } else {
                None
            };
            let row = match ledger
                .journal_for_run(run_id)?
                .into_iter()
                .find(|r| r.field == JOURNAL_CREATE && r.object_id == d.intercom_id)
            {
                Some(r) => r.id,
                None => ledger.journal_pending(
                    run_id,
                    "aircall",
                    &d.intercom_id,
                    JOURNAL_CREATE,
                    None,
                    None,
                )?,
            };
            let mut attempts = 0;
            // Whether any attempt may have landed: if so the pending row is kept, whatever
            // the last attempt's error.
            let mut maybe_landed = again;
            let made = loop {
                if let Some(c) = &found {
                    break c.clone();
                }
                attempts += 1;
                match ac.create_contact(&body).await {
                    Ok(c) => break c,
                    Err(e) => {
                        maybe_landed |= e.write_may_have_landed();
                        let definite =
                            matches!(e.status(), Some(s) if (400..500).contains(&s) && s != 429);
                        if definite || attempts >= 4 {
                            // A create that may have landed stays pending: the next round, or
                            // the next run, looks for it before creating.
                            if !maybe_landed {
                                ledger.sync_forget(&d.intercom_id)?;
                                ledger.journal_set(row, JournalState::Failed)?;
                            } else {
                                ledger.journal_set(row, JournalState::Unknown)?;
                            }
                            return Err(anyhow::Error::new(e).context(format!(
                                "creating the Aircall contact for {}",
                                d.intercom_id
                            )));
                        }
                        if let Some(c) = find_created(ac, app_id, &d.intercom_id, &d.e164).await? {
                            break c;
                        }
                    }
                }
            };
            ledger.journal_set_new(row, Some(&Snapshot::of(&made, Some(&d.intercom_id)).json()))?;
            ledger.journal_set(row, JournalState::Done)?;
            ledger.sync_upsert(&SyncedContact {
                intercom_id: d.intercom_id.clone(),
                aircall_id: Some(made.id.0),
                e164: Some(d.e164.clone()),
                state: SyncState::Synced,
                created_by_aircom: true,
                fingerprint: Some(fingerprint(d)),
            })?;
        }
        Step::Update {
            aircall_id,
            desired: d,
            changes,
            ..
        } => {
            let id = aircall::ContactId(*aircall_id);
            let live;
            let current = match current {
                Some(c) if !again => c,
                _ => {
                    live = ac.get_contact(&id).await?;
                    &live
                }
            };
            let before = Snapshot::of(current, Some(&d.intercom_id));
            let row = match ledger
                .journal_for_run(run_id)?
                .into_iter()
                .find(|r| r.field == JOURNAL_UPDATE && r.object_id == aircall_id.to_string())
            {
                Some(r) => r.id,
                None => ledger.journal_pending(
                    run_id,
                    "aircall",
                    &aircall_id.to_string(),
                    JOURNAL_UPDATE,
                    Some(&before.json()),
                    Some(&after(&before, changes).json()),
                )?,
            };
            let r = update(ac, &id, d, changes, again).await;
            ledger.journal_set(
                row,
                match &r {
                    Ok(()) => JournalState::Done,
                    Err(e) => match e.downcast_ref::<crate::http::HttpError>() {
                        Some(h) if h.outcome_unknown() => JournalState::Unknown,
                        _ => JournalState::Failed,
                    },
                },
            )?;
            r?;
            ledger.sync_upsert(&SyncedContact {
                intercom_id: d.intercom_id.clone(),
                aircall_id: Some(*aircall_id),
                e164: Some(d.e164.clone()),
                state: SyncState::Synced,
                created_by_aircom: false,
                fingerprint: Some(fingerprint(d)),
            })?;
        }
        Step::Prune {
            aircall_id,
            intercom_id,
            ..
        } => {
            let id = aircall::ContactId(*aircall_id);
            // Read live just before the delete: the listing may be old. Gone already (a
            // person, or a killed run): nothing to delete. Not carrying aircom's link any more:
            // someone took it over, and it is left alone.
            let live = match ac.get_contact(&id).await {
                Ok(c) => c,
                Err(e) if e.status() == Some(404) => {
                    ledger.sync_forget(intercom_id)?;
                    return Ok(());
                }
                Err(e) => return Err(e.into()),
            };
            let link = marker(app_id, intercom_id);
            if !live
                .information
                .as_deref()
                .is_some_and(|i| i.lines().any(|l| l.trim() == link))
            {
                // Not aircom's to own any more: forgotten, so later runs do not try again.
                ledger.sync_forget(intercom_id)?;
                return Err(anyhow::anyhow!(
                    "Aircall contact {aircall_id} no longer carries aircom's link for {intercom_id}: not deleted, and no longer counted as aircom's"
                ));
            }
            let snapshot = Snapshot::of(&live, Some(intercom_id));
            let row = match ledger
                .journal_for_run(run_id)?
                .into_iter()
                .find(|r| r.field == JOURNAL_DELETE && r.object_id == aircall_id.to_string())
            {
                Some(r) => r.id,
                None => ledger.journal_pending(
                    run_id,
                    "aircall",
                    &aircall_id.to_string(),
                    JOURNAL_DELETE,
                    Some(&snapshot.json()),
                    None,
                )?,
            };
            let r = match ac.delete_contact(&id).await {
                // Already gone: a replayed delete.
                Err(e) if e.status() == Some(404) => Ok(()),
                r => r,
            };
            ledger.journal_set(row, settled(&r))?;
            r?;
            ledger.sync_forget(intercom_id)?;
        }
        _ => {}
    }
    Ok(())
}

/// An update's requests: the four scalar fields at once, then each phone and email detail.
async fn update(
    ac: &AircallClient,
    id: &aircall::ContactId,
    d: &Desired,
    changes: &[FieldChange],
    again: bool,
) -> anyhow::Result<()> {
    let mut u = ContactUpdate::default();
    for c in changes {
        match c.field {
            Field::FirstName => u.first_name = Some(c.new.clone()),
            Field::LastName => u.last_name = Some(c.new.clone()),
            Field::CompanyName => u.company_name = Some(c.new.clone()),
            Field::Information => u.information = Some(c.new.clone()),
            Field::Phone | Field::Email => {}
        }
    }
    if !u.is_empty() {
        ac.update_contact(id, &u).await?;
    }
    for c in changes {
        match c.field {
            Field::Phone => {
                if again
                    && ac
                        .get_contact(id)
                        .await?
                        .phone_numbers
                        .iter()
                        .any(|p| p.value == c.new)
                {
                    continue; // an earlier try landed
                }
                match c.detail {
                    Some(d) => ac.update_phone_detail(id, d, &c.new).await?,
                    None => ac.add_phone_detail(id, &d.phone_label(), &c.new).await?,
                }
            }
            Field::Email => {
                if again
                    && ac
                        .get_contact(id)
                        .await?
                        .emails
                        .iter()
                        .any(|e| e.value.eq_ignore_ascii_case(&c.new))
                {
                    continue;
                }
                match c.detail {
                    Some(d) => ac.update_email_detail(id, d, &c.new).await?,
                    None => ac.add_email_detail(id, "Work", &c.new).await?,
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_intercom() {
        assert_eq!(
            names(Some("Ada Lovelace King"), "+1"),
            ("Ada Lovelace".into(), Some("King".into()))
        );
        assert_eq!(names(Some("Cher"), "+1"), ("Cher".into(), None));
        assert_eq!(
            names(Some("  "), "+33762043575"),
            ("+33762043575".into(), None)
        );
        assert_eq!(names(None, "+33762043575"), ("+33762043575".into(), None));
        assert_eq!(
            names(Some("+33762043575 New Aircall contact"), "+33762043575"),
            ("+33762043575".into(), Some("New Aircall contact".into()))
        );
    }

    #[test]
    fn both_link_forms_are_read() {
        let m = marker("abc", "64a0");
        assert_eq!(
            m,
            "https://app.intercom.com/a/apps/abc/users/64a0/all-conversations"
        );
        assert_eq!(linked_id(Some(&m)), Some(("64a0".into(), LinkForm::Aircom)));
        assert_eq!(
            linked_id(Some("intercom_id:6512ab34cd56ef7890123456")),
            Some(("6512ab34cd56ef7890123456".into(), LinkForm::IntercomId))
        );
        assert_eq!(
            linked_id(Some(&format!("Key account\nintercom_id:99\n{m}"))),
            Some(("64a0".into(), LinkForm::Aircom))
        );
        assert_eq!(linked_id(Some("met at a fair")), None);
        assert_eq!(linked_id(Some("intercom_id:")), None);
    }

    #[test]
    fn hand_written_information_is_kept_and_only_the_link_maintained() {
        let m = marker("abc", "64a0");
        assert_eq!(
            merged_information(Some("Key account - call before 10am"), &m),
            format!("Key account - call before 10am\n{m}")
        );
        // aircom's old link (another app id) is replaced, the digest's link kept.
        let old = marker("old", "64a0");
        assert_eq!(
            merged_information(Some(&format!("intercom_id:64a0\n{old}")), &m),
            format!("intercom_id:64a0\n{m}")
        );
        assert_eq!(merged_information(None, &m), m);
        assert_eq!(merged_information(Some(&m), &m), m);
    }

    fn contact(phones: &[&str], emails: &[&str], info: Option<&str>) -> aircall::Contact {
        serde_json::from_value(serde_json::json!({
            "id": 7,
            "first_name": "Ada",
            "last_name": "King",
            "information": info,
            "phone_numbers": phones.iter().enumerate().map(|(i, p)| serde_json::json!({"id": 100 + i, "label": "Work", "value": p})).collect::<Vec<_>>(),
            "emails": emails.iter().enumerate().map(|(i, p)| serde_json::json!({"id": 200 + i, "label": "Work", "value": p})).collect::<Vec<_>>(),
        }))
        .unwrap()
    }

    fn desired(e164: &str, email: Option<&str>, company: Option<&str>) -> Desired {
        Desired {
            intercom_id: "64a0".into(),
            first_name: "Ada".into(),
            last_name: Some("King".into()),
            email: email.map(str::to_string),
            e164: e164.into(),
            company: company.map(str::to_string),
            information: marker("abc", "64a0"),
            extension: None,
        }
    }

    #[test]
    fn the_number_and_email_aircom_wrote_are_replaced_never_one_someone_added() {
        let m = marker("abc", "64a0");
        let before = desired("+33100000001", Some("old@x.example"), None);
        let now = desired("+33100000002", Some("new@x.example"), Some("Acme"));
        let c = contact(
            &["+33100000001", "+33199999999"],
            &["old@x.example", "mine@x.example"],
            Some(&m),
        );
        let d = diff(&c, &now, Some(&before), true);
        let phone = d.iter().find(|c| c.field == Field::Phone).unwrap();
        assert_eq!(
            (phone.detail, phone.old.as_deref()),
            (Some(100), Some("+33100000001"))
        );
        let email = d.iter().find(|c| c.field == Field::Email).unwrap();
        assert_eq!(email.detail, Some(200));
        assert!(d
            .iter()
            .any(|c| c.field == Field::CompanyName && c.new == "Acme"));
        // Without knowing what aircom wrote, nothing is replaced: both are added.
        let d = diff(&c, &now, None, false);
        assert!(d
            .iter()
            .filter(|c| matches!(c.field, Field::Phone | Field::Email))
            .all(|c| c.detail.is_none()));
    }

    #[test]
    fn a_linked_contact_with_one_stale_number_gets_the_new_one_in_its_place() {
        let c = contact(&["+33100000001"], &[], Some("intercom_id:64a0"));
        let d = diff(&c, &desired("+33100000002", None, None), None, true);
        let phone = d.iter().find(|c| c.field == Field::Phone).unwrap();
        assert_eq!(phone.detail, Some(100));
        let info = d.iter().find(|c| c.field == Field::Information).unwrap();
        assert!(info.new.starts_with("intercom_id:64a0\n"), "{}", info.new);
    }
}
