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

use serde::Serialize;

use crate::intercom::{ContactId, ConversationId, IntercomClient};
use crate::ledger::{JournalRow, JournalState, Ledger};

/// What one journal row changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// An Intercom contact's phone.
    ContactPhone,
    /// A lead merged into a user: Intercom merges are permanent.
    Merge,
    /// A tag added to (`added`) or removed from an Intercom conversation.
    ConversationTag { name: String, added: bool },
    /// A row this version does not know (a newer aircom wrote it).
    Unknown,
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
    /// Something else is in place (its display form).
    Other(Option<String>),
}

async fn now_of(ic: &IntercomClient, row: &JournalRow, change: &Change) -> anyhow::Result<Now> {
    let gone = |e: &crate::http::HttpError| matches!(e.status(), Some(404) | Some(410));
    Ok(match change {
        Change::ContactPhone => match ic.get_contact(&ContactId(row.object_id.clone())).await {
            Ok(c) if c.phone == row.new_value => Now::AsWritten,
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
                    if has == *added {
                        Now::AsWritten
                    } else {
                        Now::Other(Some(if has { "tagged" } else { "untagged" }.into()))
                    }
                }
                Err(e) if gone(&e) => Now::Gone,
                Err(e) => return Err(e.into()),
            }
        }
        Change::Merge | Change::Unknown => Now::Other(None),
    })
}

/// Settles every row of this workspace whose outcome is not known (a killed run's `pending`
/// rows, lost answers' `unknown` ones): `done` when the object holds the new value,
/// `abandoned` otherwise (a fresh plan picks the change up again if it is still needed).
/// Returns the rows settled, with their new state.
pub async fn reconcile(
    ledger: &Ledger,
    ic: &IntercomClient,
) -> anyhow::Result<Vec<(JournalRow, JournalState)>> {
    let mut settled = Vec::new();
    for row in ledger.journal_pending_rows()? {
        let change = Change::of(&row);
        if matches!(change, Change::Merge | Change::Unknown) {
            continue;
        }
        let state = match now_of(ic, &row, &change).await? {
            Now::AsWritten => JournalState::Done,
            Now::Gone | Now::Other(_) => JournalState::Abandoned,
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
    pub object_id: String,
    pub field: String,
    /// The value now (what the run wrote, when it is still in place).
    pub current: Option<String>,
    /// The value undo puts back.
    pub restore: Option<String>,
    pub verdict: Verdict,
    pub error: Option<String>,
}

/// The undo plan of one run's rows, newest first, each checked against the object as it is
/// now: only a value still as the run wrote it is restored.
pub async fn plan_undo(ic: &IntercomClient, rows: &[JournalRow]) -> anyhow::Result<Vec<UndoItem>> {
    let mut items = Vec::new();
    for row in rows.iter().rev() {
        let change = Change::of(row);
        let mut item = UndoItem {
            row: row.clone(),
            change: change.clone(),
            object_id: row.object_id.clone(),
            field: row.field.clone(),
            current: row.new_value.clone(),
            restore: row.old_value.clone(),
            verdict: Verdict::Restore,
            error: None,
        };
        item.verdict = match row.state {
            JournalState::Failed | JournalState::Abandoned => Verdict::NotApplied,
            JournalState::Pending | JournalState::Unknown => Verdict::Unsettled,
            JournalState::Done => match change {
                Change::Merge => Verdict::Permanent,
                Change::Unknown => Verdict::Unsupported,
                _ => match now_of(ic, row, &change).await? {
                    Now::AsWritten => Verdict::Restore,
                    Now::Gone => Verdict::Gone,
                    Now::Other(v) => {
                        item.current = v;
                        Verdict::Conflict
                    }
                },
            },
        };
        items.push(item);
    }
    Ok(items)
}

/// The journal row an undo writes for `item` (the change reversed), before its request.
pub fn reverse(item: &UndoItem) -> (String, String, Option<String>, Option<String>) {
    (
        item.row.api.clone(),
        item.row.field.clone(),
        item.row.new_value.clone(),
        item.row.old_value.clone(),
    )
}
