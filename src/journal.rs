//! The undo journal's engine: what each row records, settling rows whose outcome is not
//! known (reconciliation), and what undoing a row takes. Shared by every writing job (which
//! reconciles before it plans) and by `aircom undo`.
//!
//! A row is `(api, object_id, field, old_value, new_value)`; the kinds are:
//!
//! | api | field | object | old → new |
//! |---|---|---|---|
//! | `intercom` | `phone` | contact | the phone before → after (`fix numbers`) |
//! | `intercom` | `merge_into` | lead | – → the user it was merged into (permanent) |
//! | `intercom` | `tag:<name>` | conversation | name removed → – , or – → name added |
//! | `aircall` | `create` | the Intercom id | – → the contact made ([`crate::sync::Snapshot`]) |
//! | `aircall` | `update` | contact | its writable fields before → after |
//! | `aircall` | `delete` | contact | the whole contact → – |

use serde::Serialize;

use crate::aircall::{self, AircallClient};
use crate::intercom::{ContactId, ConversationId, IntercomClient};
use crate::ledger::{JournalRow, JournalState, Ledger};
use crate::sync::{Snapshot, JOURNAL_CREATE, JOURNAL_DELETE, JOURNAL_UPDATE};

/// What one journal row changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// An Intercom contact's phone.
    ContactPhone,
    /// A lead merged into a user: Intercom merges are permanent.
    Merge,
    /// A tag added to (`added`) or removed from an Intercom conversation.
    ConversationTag { name: String, added: bool },
    /// An Aircall contact `sync contacts` created.
    AircallCreate(Snapshot),
    /// An Aircall contact's fields `sync contacts` changed.
    AircallUpdate { before: Snapshot, after: Snapshot },
    /// An Aircall contact `sync contacts --prune` deleted, whole.
    AircallDelete(Snapshot),
    /// A row this version does not know (a newer aircom wrote it).
    Unknown,
}

/// One request of an Aircall contact's undo.
#[derive(Debug, Clone, PartialEq)]
pub enum AircallUndo {
    Delete(i64),
    Recreate(Snapshot),
    /// The scalar fields to put back (`None`: unchanged).
    Fields(aircall::ContactUpdate),
    SetPhone {
        detail: i64,
        value: String,
    },
    RemovePhone(i64),
    SetEmail {
        detail: i64,
        value: String,
    },
    RemoveEmail(i64),
}

impl Change {
    pub fn of(row: &JournalRow) -> Change {
        match (row.api.as_str(), row.field.as_str()) {
            ("intercom", "phone") => Change::ContactPhone,
            ("intercom", "merge_into") => Change::Merge,
            ("intercom", f) if f.starts_with(crate::backfill::tags::TAG_FIELD) => {
                match (&row.old_value, &row.new_value) {
                    (None, Some(n)) => Change::ConversationTag {
                        name: n.clone(),
                        added: true,
                    },
                    (Some(n), None) => Change::ConversationTag {
                        name: n.clone(),
                        added: false,
                    },
                    _ => Change::Unknown,
                }
            }
            ("aircall", f) => {
                let snap = |v: &Option<String>| {
                    v.as_deref()
                        .and_then(|j| serde_json::from_str::<Snapshot>(j).ok())
                };
                match (f, snap(&row.old_value), snap(&row.new_value)) {
                    (JOURNAL_CREATE, _, Some(s)) => Change::AircallCreate(s),
                    (JOURNAL_UPDATE, Some(before), Some(after)) => {
                        Change::AircallUpdate { before, after }
                    }
                    (JOURNAL_DELETE, Some(s), _) => Change::AircallDelete(s),
                    _ => Change::Unknown,
                }
            }
            _ => Change::Unknown,
        }
    }
}

/// The state of the object a row changed, as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Now {
    Gone,
    /// The row's new value is in place.
    AsWritten,
    /// The row's old value is back in place (an undo ran before, or someone put it back).
    Before,
    /// Something else is in place (its display form).
    Other(Option<String>),
}

async fn now_of(
    ic: &IntercomClient,
    ac: Option<&AircallClient>,
    row: &JournalRow,
    change: &Change,
) -> anyhow::Result<Now> {
    let gone = |e: &crate::http::HttpError| matches!(e.status(), Some(404) | Some(410));
    let aircall_now = |id: Option<i64>| async move {
        let (Some(ac), Some(id)) = (ac, id) else {
            return Ok::<_, anyhow::Error>(None);
        };
        match ac.get_contact(&aircall::ContactId(id)).await {
            Ok(c) => Ok(Some(Some(Snapshot::of(&c, None)))),
            Err(e) if gone(&e) => Ok(Some(None)),
            Err(e) => Err(e.into()),
        }
    };
    Ok(match change {
        Change::AircallCreate(made) => match aircall_now(made.aircall_id).await? {
            None => Now::Other(None),
            Some(None) => Now::Gone,
            Some(Some(c)) if c.same_content(made) => Now::AsWritten,
            Some(Some(_)) => Now::Other(Some("edited since".into())),
        },
        Change::AircallUpdate { after, .. } => match aircall_now(after.aircall_id).await? {
            None => Now::Other(None),
            Some(None) => Now::Gone,
            Some(Some(c)) if c.same_content(after) => Now::AsWritten,
            Some(Some(_)) => Now::Other(Some("edited since".into())),
        },
        Change::AircallDelete(old) => match aircall_now(old.aircall_id).await? {
            None => Now::Other(None),
            Some(None) => Now::AsWritten,
            Some(Some(_)) => Now::Other(Some("still there".into())),
        },
        Change::ContactPhone => match ic.get_contact(&ContactId(row.object_id.clone())).await {
            Ok(c) if c.phone == row.new_value => Now::AsWritten,
            Ok(c) if c.phone == row.old_value => Now::Before,
            Ok(c) => Now::Other(c.phone),
            Err(e) if gone(&e) => Now::Gone,
            Err(e) => return Err(e.into()),
        },
        Change::ConversationTag { name, added } => {
            match ic
                .get_conversation(&ConversationId(row.object_id.clone()))
                .await
            {
                Ok(c) => {
                    let has = c
                        .tags
                        .is_some_and(|t| t.tags.iter().any(|t| t.name.eq_ignore_ascii_case(name)));
                    // A tag is there or not: not as written is as before.
                    if has == *added {
                        Now::AsWritten
                    } else {
                        Now::Before
                    }
                }
                Err(e) if gone(&e) => Now::Gone,
                Err(e) => return Err(e.into()),
            }
        }
        Change::Merge | Change::Unknown => Now::Other(None),
    })
}

/// The requests that take one Aircall update back, field by field: a field is restored only
/// where it still holds what the run wrote; one someone changed since is a conflict (named in
/// the second list). Aircall cannot clear a field, so one that was empty before stays.
pub fn undo_update(
    before: &Snapshot,
    after: &Snapshot,
    current: &aircall::Contact,
) -> (Vec<AircallUndo>, Vec<String>) {
    let now = Snapshot::of(current, None);
    let mut fields = aircall::ContactUpdate::default();
    let mut conflicts = Vec::new();
    let mut scalar = |name: &str,
                      b: &Option<String>,
                      a: &Option<String>,
                      n: &Option<String>,
                      slot: &mut Option<String>| {
        if b == a || n == b {
            return;
        }
        if n != a {
            conflicts.push(format!("{name} changed since"));
        } else if b.is_none() {
            conflicts.push(format!(
                "{name} was empty before (Aircall cannot clear a field)"
            ));
        } else {
            *slot = b.clone();
        }
    };
    scalar(
        "first_name",
        &before.first_name,
        &after.first_name,
        &now.first_name,
        &mut fields.first_name,
    );
    scalar(
        "last_name",
        &before.last_name,
        &after.last_name,
        &now.last_name,
        &mut fields.last_name,
    );
    scalar(
        "company_name",
        &before.company_name,
        &after.company_name,
        &now.company_name,
        &mut fields.company_name,
    );
    scalar(
        "information",
        &before.information,
        &after.information,
        &now.information,
        &mut fields.information,
    );
    let mut out = Vec::new();
    if !fields.is_empty() {
        out.push(AircallUndo::Fields(fields));
    }
    let details = |b: &[(String, String)],
                   a: &[(String, String)],
                   live: &[aircall::Detail],
                   email: bool,
                   out: &mut Vec<AircallUndo>,
                   conflicts: &mut Vec<String>| {
        for (i, (_, new)) in a.iter().enumerate() {
            let old = b.get(i).map(|(_, v)| v);
            if old == Some(new) {
                continue;
            }
            let Some(d) = live.iter().find(|d| d.value.eq_ignore_ascii_case(new)) else {
                if old.is_none_or(|o| !live.iter().any(|d| d.value.eq_ignore_ascii_case(o))) {
                    conflicts.push(format!("{new} changed since"));
                }
                continue;
            };
            out.push(match (old, email) {
                (Some(o), false) => AircallUndo::SetPhone {
                    detail: d.id,
                    value: o.clone(),
                },
                (Some(o), true) => AircallUndo::SetEmail {
                    detail: d.id,
                    value: o.clone(),
                },
                (None, false) => AircallUndo::RemovePhone(d.id),
                (None, true) => AircallUndo::RemoveEmail(d.id),
            });
        }
    };
    details(
        &before.phones,
        &after.phones,
        &current.phone_numbers,
        false,
        &mut out,
        &mut conflicts,
    );
    details(
        &before.emails,
        &after.emails,
        &current.emails,
        true,
        &mut out,
        &mut conflicts,
    );
    (out, conflicts)
}

/// Settles every row of this workspace whose outcome is not known (a killed run's `pending`
/// rows, lost answers' `unknown` ones): `done` when the object holds the new value,
/// `abandoned` otherwise (a fresh plan picks the change up again if it is still needed).
/// Returns the rows settled, with their new state.
pub async fn reconcile(
    ledger: &Ledger,
    ic: &IntercomClient,
    ac: Option<&AircallClient>,
) -> anyhow::Result<Vec<(JournalRow, JournalState)>> {
    let mut settled = Vec::new();
    for row in ledger.journal_pending_rows()? {
        let change = Change::of(&row);
        // Aircall creates are settled by `sync contacts` (by its link, `crate::sync::reconcile`);
        // an update that may have landed in part is undone field by field, so it counts as done.
        let aircall = matches!(
            change,
            Change::AircallCreate(_) | Change::AircallUpdate { .. } | Change::AircallDelete(_)
        );
        if matches!(change, Change::Merge | Change::Unknown) || (aircall && ac.is_none()) {
            continue;
        }
        if let Change::AircallUpdate { .. } = change {
            ledger.journal_set(row.id, JournalState::Done)?;
            settled.push((row, JournalState::Done));
            continue;
        }
        let state = match now_of(ic, ac, &row, &change).await? {
            Now::AsWritten => JournalState::Done,
            Now::Gone | Now::Before | Now::Other(_) => JournalState::Abandoned,
        };
        ledger.journal_set(row.id, state)?;
        settled.push((row, state));
    }
    Ok(settled)
}

/// What undoing one row comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The row's value is still in place: restore the old one.
    Restore,
    Restored,
    /// Someone changed it since: left alone.
    Conflict,
    /// The value is already the one undo would put back (an undo ran before, or someone
    /// put it back): nothing to do.
    AlreadyRestored,
    /// The object no longer exists.
    Gone,
    /// The change never landed (refused, or found unapplied when reconciled).
    NotApplied,
    /// The change's outcome could not be checked: run undo again.
    Unsettled,
    /// Intercom merges cannot be undone.
    Permanent,
    /// A row this version of aircom does not know how to undo.
    Unsupported,
    Failed,
}

impl Verdict {
    pub fn words(self) -> &'static str {
        match self {
            Verdict::Restore => "restore",
            Verdict::Restored => "restored",
            Verdict::Conflict => "conflict: changed since, left alone",
            Verdict::AlreadyRestored => "already as before the run: nothing to do",
            Verdict::Gone => "gone: the object no longer exists",
            Verdict::NotApplied => "not applied: nothing to undo",
            Verdict::Unsettled => "unknown: the outcome could not be checked; run undo again",
            Verdict::Permanent => "cannot undo: Intercom merges are permanent",
            Verdict::Unsupported => "cannot undo: written by a newer aircom",
            Verdict::Failed => "failed",
        }
    }
}

/// One row of an undo plan.
#[derive(Debug, Clone, Serialize)]
pub struct UndoItem {
    #[serde(skip)]
    pub row: JournalRow,
    #[serde(skip)]
    pub change: Change,
    /// For an Aircall row: the requests that take it back.
    #[serde(skip)]
    pub aircall: Vec<AircallUndo>,
    /// Whose object it is: `intercom` or `aircall` (so `object_id` can be told apart).
    pub api: String,
    pub object_id: String,
    pub field: String,
    /// The value now (what the run wrote, when it is still in place).
    pub current: Option<String>,
    /// The value undo puts back.
    pub restore: Option<String>,
    pub verdict: Verdict,
    /// What stays as it is, and why (a field changed since, one Aircall cannot clear).
    pub notes: Vec<String>,
    pub error: Option<String>,
}

/// The undo plan of one run's rows, newest first, each checked against the object as it is
/// now: only a value still as the run wrote it is restored. `linked` is the ledger's sync
/// links (Intercom id → Aircall contact id): a deleted contact an earlier undo already
/// recreated has a new id there, and is not recreated twice.
pub async fn plan_undo(
    ic: &IntercomClient,
    ac: Option<&AircallClient>,
    rows: &[JournalRow],
    linked: &std::collections::HashMap<String, i64>,
) -> anyhow::Result<Vec<UndoItem>> {
    let mut items = Vec::new();
    for row in rows.iter().rev() {
        let change = Change::of(row);
        let mut item = UndoItem {
            row: row.clone(),
            change: change.clone(),
            aircall: Vec::new(),
            api: row.api.clone(),
            object_id: row.object_id.clone(),
            field: row.field.clone(),
            current: row.new_value.clone(),
            restore: row.old_value.clone(),
            verdict: Verdict::Restore,
            notes: Vec::new(),
            error: None,
        };
        // Aircall rows hold whole contacts as JSON: shown as a few words.
        let brief = |s: &Snapshot| {
            Some(format!(
                "{} {} {}",
                s.first_name.as_deref().unwrap_or(""),
                s.last_name.as_deref().unwrap_or(""),
                s.phones.first().map(|(_, v)| v.as_str()).unwrap_or("")
            ))
        };
        match &change {
            Change::AircallCreate(made) => {
                item.current = brief(made);
                item.restore = Some("(deleted)".into());
            }
            Change::AircallDelete(old) => {
                item.current = Some("(deleted)".into());
                item.restore = brief(old);
            }
            Change::AircallUpdate { before, after } => {
                item.current = brief(after);
                item.restore = brief(before);
            }
            _ => {}
        }
        // An Aircall update may have landed in part (one request of several): it is checked
        // field by field whatever its state.
        if let (
            Some(ac),
            Change::AircallUpdate { before, after },
            JournalState::Done | JournalState::Failed | JournalState::Unknown,
        ) = (ac, &change, row.state)
        {
            item.verdict = match ac
                .get_contact(&aircall::ContactId(after.aircall_id.unwrap_or_default()))
                .await
            {
                Ok(c) => {
                    let (todo, notes) = undo_update(before, after, &c);
                    item.notes = notes;
                    item.aircall = todo;
                    if !item.aircall.is_empty() {
                        Verdict::Restore
                    } else if !item.notes.is_empty() {
                        Verdict::Conflict
                    } else if !after.same_content(before)
                        && Snapshot::of(&c, None).same_content(before)
                    {
                        // Every field the run changed is back (a second undo).
                        Verdict::AlreadyRestored
                    } else {
                        Verdict::NotApplied
                    }
                }
                Err(e) if matches!(e.status(), Some(404) | Some(410)) => Verdict::Gone,
                Err(e) => return Err(e.into()),
            };
            items.push(item);
            continue;
        }
        item.verdict = match row.state {
            JournalState::Failed | JournalState::Abandoned => Verdict::NotApplied,
            JournalState::Pending | JournalState::Unknown => Verdict::Unsettled,
            JournalState::Done => match &change {
                Change::Merge => Verdict::Permanent,
                Change::Unknown => Verdict::Unsupported,
                _ => match now_of(ic, ac, row, &change).await? {
                    Now::AsWritten => Verdict::Restore,
                    Now::Gone => Verdict::Gone,
                    Now::Before => {
                        item.current = item.restore.clone();
                        Verdict::AlreadyRestored
                    }
                    Now::Other(v) => {
                        item.current = v;
                        Verdict::Conflict
                    }
                },
            },
        };
        // A pruned contact comes back under a new id: if the link names another contact
        // that still exists, an undo already recreated it.
        if let (Verdict::Restore, Change::AircallDelete(old), Some(ac)) =
            (item.verdict, &change, ac)
        {
            let again = old
                .intercom_id
                .as_deref()
                .and_then(|i| linked.get(i))
                .filter(|id| Some(**id) != old.aircall_id);
            if let Some(id) = again {
                match ac.get_contact(&aircall::ContactId(*id)).await {
                    Ok(c) => {
                        item.verdict = Verdict::AlreadyRestored;
                        item.current = Some(format!("recreated as Aircall contact {}", c.id.0));
                    }
                    Err(e) if matches!(e.status(), Some(404) | Some(410)) => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        if item.verdict == Verdict::Restore {
            match &change {
                Change::AircallCreate(made) => {
                    item.aircall = vec![AircallUndo::Delete(made.aircall_id.unwrap_or_default())]
                }
                Change::AircallDelete(old) => {
                    item.aircall = vec![AircallUndo::Recreate(old.clone())]
                }
                _ => {}
            }
        }
        items.push(item);
    }
    Ok(items)
}

/// The journal row an undo writes for `item` (the change reversed, so an undo can be undone
/// too), before its request: `(api, object_id, field, old, new)`.
pub fn reverse(item: &UndoItem) -> (String, String, String, Option<String>, Option<String>) {
    let row = &item.row;
    match &item.change {
        Change::AircallCreate(made) => (
            row.api.clone(),
            made.aircall_id.unwrap_or_default().to_string(),
            JOURNAL_DELETE.into(),
            row.new_value.clone(),
            None,
        ),
        Change::AircallDelete(old) => (
            row.api.clone(),
            old.intercom_id.clone().unwrap_or_default(),
            JOURNAL_CREATE.into(),
            None,
            None,
        ),
        _ => (
            row.api.clone(),
            row.object_id.clone(),
            row.field.clone(),
            row.new_value.clone(),
            row.old_value.clone(),
        ),
    }
}
