//! The engine of `backfill tags`: where each call was logged (aircom's ledger, its
//! `aircall_call_id` stamp, or the native log found by [`super::evidence`]), which calls a
//! conversation holds, and what to change on it, decided by the pure [`plan_tags`].
//!
//! The native integration syncs a call's tags only within two hours of its end (behaviour
//! reference §8), so late tags never reach Intercom; and a conversation may hold several
//! calls' logs (the "last open conversation" mode, §6). So a tag is added to the conversation
//! of every call that carries it, and removed only when it is an Aircall tag, no call logged in
//! that conversation carries it any more, and every call log the conversation holds is
//! attributed to a call aircom has read: one it cannot attribute (an older call, a number
//! renamed since) may have brought the tag, and then the tag stays.
//!
//! Every tag write is journaled (`field = "tag"`), so `aircom undo RUN` puts it back.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::aircall::Call;
use crate::backfill::evidence::{self, Touched};
use crate::backfill::index::{ByContact, ContactRef, ConvLite, ATTRIBUTE};
use crate::backfill::recognize;
use crate::intercom::{self, AdminId, ConversationId, IntercomClient, TagId};
use crate::ledger::{JournalState, Ledger, LogState};

/// The journal field of a tag write on a conversation: `tag:` and the tag's name, lowercase;
/// `old_value` is the name removed, `new_value` the name added.
pub const TAG_FIELD: &str = "tag:";

/// How a call's conversation was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Found {
    /// aircom logged it (its ledger says where).
    Ledger,
    /// The conversation carries aircom's `aircall_call_id` stamp for the call.
    Stamp,
    /// The native integration's title message, as a source or a part.
    Native,
}

/// Where one call was logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub conversation_id: String,
    pub found: Found,
}

/// Which conversation each call was logged in, for every call in `calls` (the period's and
/// the ones before it, which compete for the same logs). Parts are read only when a call of
/// the period is not accounted for by the ledger, a stamp, or a conversation's source.
pub async fn locate(
    ic: &IntercomClient,
    ledger: &Ledger,
    calls: &[Call],
    in_period: impl Fn(&Call) -> bool,
    contact_of: impl Fn(&Call) -> Option<ContactRef>,
    convs: &ByContact,
    now: i64,
) -> anyhow::Result<HashMap<i64, Located>> {
    let mut by_contact: BTreeMap<String, Vec<&Call>> = BTreeMap::new();
    for c in calls {
        if let Some(contact) = contact_of(c) {
            by_contact.entry(contact.id).or_default().push(c);
        }
    }
    let mut located = HashMap::new();
    for (contact, competing) in &by_contact {
        let own = convs.get(contact).map(Vec::as_slice).unwrap_or(&[]);
        for c in competing {
            let id = c.id.0.to_string();
            let from_ledger = ledger
                .logged_call(c.id.0)?
                .filter(|l| matches!(l.state, LogState::Done | LogState::Native))
                .and_then(|l| l.conversation_id);
            if let Some(conversation_id) = from_ledger {
                located.insert(
                    c.id.0,
                    Located {
                        conversation_id,
                        found: Found::Ledger,
                    },
                );
            } else if let Some(x) = own.iter().find(|x| x.call_id.as_deref() == Some(&id)) {
                located.insert(
                    c.id.0,
                    Located {
                        conversation_id: x.id.clone(),
                        found: Found::Stamp,
                    },
                );
            }
        }
        // aircom's own conversations are never native evidence.
        let touched: Vec<Touched<'_>> =
            own.iter().map(|c| c.touched(c.call_id.is_none())).collect();
        let found = evidence::claims(ic, &touched, competing, now, |c| {
            located.contains_key(&c.id.0) || !in_period(c)
        })
        .await?;
        for (call, e) in found {
            located.entry(call).or_insert(Located {
                conversation_id: e.conversation_id,
                found: Found::Native,
            });
        }
    }
    Ok(located)
}

/// The calls one conversation holds, and whether that list is complete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Members {
    pub calls: BTreeSet<i64>,
    /// Every call log in the conversation is attributed to a call aircom has read.
    pub complete: bool,
}

/// Which calls `conv` (read whole, with its parts) holds: the ones located in it, the one its
/// stamp names, and the ones aircom's marker lines name. It is complete only when every title
/// message in it is claimed by a located call and every call it names is among `known`.
pub fn members(
    conv: &intercom::Conversation,
    located: &HashMap<i64, Located>,
    known: &HashMap<i64, &Call>,
) -> Members {
    let here = |l: &Located| l.conversation_id == conv.id.0;
    let mut calls: BTreeSet<i64> = located
        .iter()
        .filter(|(_, l)| here(l))
        .map(|(c, _)| *c)
        .collect();
    let native_here = located
        .values()
        .filter(|l| here(l) && l.found == Found::Native)
        .count();
    let mut complete = true;
    let mut titles = 0usize;
    let mut name = |id: Option<i64>, complete: &mut bool| match id {
        Some(id) if known.contains_key(&id) => {
            calls.insert(id);
        }
        _ => *complete = false,
    };
    let stamp = conv.custom_attributes.get(ATTRIBUTE).map(|v| {
        v.as_str()
            .and_then(|s| s.parse().ok())
            .or_else(|| v.as_i64())
    });
    match stamp {
        // aircom's conversation: its source is the stamped call's title.
        Some(id) => name(id, &mut complete),
        None => {
            let source = conv
                .source
                .as_ref()
                .and_then(|s| s.body.as_deref())
                .unwrap_or("");
            if recognize::is_call_title(&crate::html::first_line(source)) {
                titles += 1;
            }
        }
    }
    if let Some(parts) = &conv.conversation_parts {
        // Intercom returns at most 500 parts (intercom-api.md §7.1): the rest are unseen.
        if parts
            .total_count
            .is_some_and(|t| t as usize > parts.conversation_parts.len())
        {
            complete = false;
        }
        for part in &parts.conversation_parts {
            let Some(body) = part.body.as_deref() else {
                continue;
            };
            if crate::integration::is_aircom_part(body) {
                name(crate::integration::marked_call(body), &mut complete);
            } else if recognize::is_call_title(&crate::html::first_line(body)) {
                titles += 1;
            }
        }
    }
    if titles > native_here {
        complete = false;
    }
    Members { calls, complete }
}

/// What to change on one conversation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TagPlan {
    /// Tag names to add.
    pub add: Vec<String>,
    /// (tag id, name) to remove.
    pub remove: Vec<(String, String)>,
    /// Aircall tags no call carries any more that stay: the conversation holds a call log
    /// aircom cannot attribute, which may have brought them.
    pub kept: Vec<String>,
}

impl TagPlan {
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty()
    }
}

/// Pure: the tags to add and remove on a conversation that logs calls whose Aircall tags are
/// `wanted` (the period's calls) and `carried` (every call it holds, the period's included),
/// given its `current` tags (id, name) and every tag name Aircall has. Names compare
/// case-insensitively, as Intercom's do (intercom-api.md §8). `complete`: whether every call
/// log in the conversation is attributed (see [`members`]); if not, nothing is removed.
pub fn plan_tags(
    wanted: &[String],
    carried: &BTreeSet<String>,
    current: &[(String, String)],
    aircall_tags: &BTreeSet<String>,
    complete: bool,
) -> TagPlan {
    let have: BTreeSet<String> = current.iter().map(|(_, n)| n.to_lowercase()).collect();
    let mut plan = TagPlan::default();
    let mut seen = BTreeSet::new();
    for n in wanted {
        let lower = n.to_lowercase();
        if !have.contains(&lower) && seen.insert(lower) {
            plan.add.push(n.clone());
        }
    }
    let carried: BTreeSet<String> = carried.iter().map(|n| n.to_lowercase()).collect();
    for (id, n) in current {
        let lower = n.to_lowercase();
        // A tag Aircall does not have was put on in Intercom: never aircom's to remove.
        if !aircall_tags.contains(&lower) || carried.contains(&lower) {
            continue;
        }
        if complete {
            plan.remove.push((id.clone(), n.clone()));
        } else {
            plan.kept.push(n.clone());
        }
    }
    plan
}

/// One conversation's plan, with the calls it holds.
#[derive(Debug, Clone)]
pub struct ConversationPlan {
    pub conversation_id: String,
    /// The period's calls logged in it.
    pub calls: Vec<i64>,
    pub plan: TagPlan,
}

/// A call's tag names as Aircall has them.
pub fn tag_names(c: &Call) -> Vec<String> {
    c.tags.iter().filter_map(|t| t.name.clone()).collect()
}

/// Plans every conversation that logs a call of the period. A conversation whose listed tags
/// already agree is not read again; any other is read whole (GET does not lag like search,
/// intercom-api.md §10.1) so the plan rests on its current tags and every call it holds.
pub async fn plan_conversations(
    ic: &IntercomClient,
    calls: &[Call],
    in_period: impl Fn(&Call) -> bool,
    located: &HashMap<i64, Located>,
    listed: &HashMap<&str, &ConvLite>,
    aircall_tags: &BTreeSet<String>,
) -> anyhow::Result<Vec<ConversationPlan>> {
    let known: HashMap<i64, &Call> = calls.iter().map(|c| (c.id.0, c)).collect();
    let mut by_conv: BTreeMap<&str, Vec<&Call>> = BTreeMap::new();
    for c in calls.iter().filter(|c| in_period(c)) {
        if let Some(l) = located.get(&c.id.0) {
            by_conv
                .entry(l.conversation_id.as_str())
                .or_default()
                .push(c);
        }
    }
    let carried_by = |ids: &mut dyn Iterator<Item = i64>| -> BTreeSet<String> {
        ids.filter_map(|id| known.get(&id))
            .flat_map(|c| tag_names(c))
            .map(|n| n.to_lowercase())
            .collect()
    };
    let mut out = Vec::new();
    for (conv, period_calls) in by_conv {
        let wanted: Vec<String> = period_calls.iter().flat_map(|c| tag_names(c)).collect();
        let ids: Vec<i64> = period_calls.iter().map(|c| c.id.0).collect();
        // First from the listing, counting only the calls located here: were that to change
        // nothing, neither would the whole conversation (more calls, less certainty, only
        // fewer removals).
        if let Some(lite) = listed.get(conv) {
            let carried = carried_by(
                &mut located
                    .iter()
                    .filter(|(_, l)| l.conversation_id == conv)
                    .map(|(c, _)| *c),
            );
            if plan_tags(&wanted, &carried, &lite.tags, aircall_tags, true).is_empty() {
                out.push(ConversationPlan {
                    conversation_id: conv.to_string(),
                    calls: ids,
                    plan: TagPlan::default(),
                });
                continue;
            }
        }
        let full = ic
            .get_conversation(&ConversationId(conv.to_string()))
            .await?;
        let m = members(&full, located, &known);
        let carried = carried_by(&mut m.calls.iter().copied());
        let current: Vec<(String, String)> = full
            .tags
            .map(|t| t.tags.into_iter().map(|t| (t.id, t.name)).collect())
            .unwrap_or_default();
        out.push(ConversationPlan {
            conversation_id: conv.to_string(),
            calls: ids,
            plan: plan_tags(&wanted, &carried, &current, aircall_tags, m.complete),
        });
    }
    Ok(out)
}

/// What became of one conversation's tag changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TagOutcome {
    /// The tags already agree.
    Unchanged,
    /// A dry run would change them.
    WouldSync,
    Synced,
    /// No conversation logs the call: `backfill calls` logs it.
    NotLogged,
    /// A write was refused.
    Failed,
    /// A write's answer was lost: the next run reads the conversation and settles it.
    Unknown,
}

/// Applies one plan, each write journaled before it is sent (an HTTP failure comes back as a
/// [`crate::http::HttpError`] inside the error). Tag ids are looked up in
/// `tag_ids` (lowercase name → id), and tags Intercom lacks are created (idempotent).
pub async fn apply(
    ic: &IntercomClient,
    ledger: &Ledger,
    run_id: i64,
    admin: &AdminId,
    tag_ids: &mut HashMap<String, String>,
    p: &ConversationPlan,
) -> anyhow::Result<()> {
    let conv = ConversationId(p.conversation_id.clone());
    // One row per tag: the field is `tag:<name>` (a run changes a tag on a conversation once).
    let journal = |old: Option<&str>, new: Option<&str>| {
        let name = old.or(new).unwrap_or_default().to_lowercase();
        let field = format!("{TAG_FIELD}{name}");
        ledger.journal_pending(run_id, "intercom", &p.conversation_id, &field, old, new)
    };
    let settle = |row: i64, r: &Result<(), crate::http::HttpError>| {
        let state = match r {
            Ok(()) => JournalState::Done,
            Err(e) if e.outcome_unknown() => JournalState::Unknown,
            Err(_) => JournalState::Failed,
        };
        ledger.journal_set(row, state)
    };
    for n in &p.plan.add {
        let id = match tag_ids.get(&n.to_lowercase()) {
            Some(id) => id.clone(),
            None => {
                let t = ic.create_tag(n).await?;
                tag_ids.insert(n.to_lowercase(), t.id.clone());
                t.id
            }
        };
        let row = journal(None, Some(n))?;
        let r = ic.tag_conversation(&conv, &TagId(id), admin).await;
        settle(row, &r)?;
        r?;
    }
    for (id, n) in &p.plan.remove {
        let row = journal(Some(n), None)?;
        let r = ic
            .untag_conversation(&conv, &TagId(id.clone()), admin)
            .await;
        settle(row, &r)?;
        r?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_lowercase()).collect()
    }
    fn cur(v: &[&str]) -> Vec<(String, String)> {
        v.iter()
            .enumerate()
            .map(|(i, n)| (i.to_string(), n.to_string()))
            .collect()
    }

    #[test]
    fn late_tags_are_added_once_whatever_their_case() {
        let p = plan_tags(
            &["VIP".into(), "vip".into(), "Billing".into()],
            &set(&["vip", "billing"]),
            &cur(&["billing"]),
            &set(&["vip", "billing"]),
            true,
        );
        assert_eq!(p.add, vec!["VIP".to_string()]);
        assert!(p.remove.is_empty());
    }

    #[test]
    fn a_tag_another_call_of_the_conversation_carries_stays() {
        // Issue 12: "removes a tag only when no other call logged in that conversation
        // carries it and Aircall no longer has it on this call".
        let p = plan_tags(
            &[],
            &set(&["urgent"]),
            &cur(&["Urgent", "Sales"]),
            &set(&["urgent", "sales"]),
            true,
        );
        assert_eq!(p.remove, vec![("1".to_string(), "Sales".to_string())]);
    }

    #[test]
    fn intercom_only_tags_are_never_removed() {
        let p = plan_tags(&[], &set(&[]), &cur(&["Escalated"]), &set(&["vip"]), true);
        assert!(p.is_empty());
    }

    #[test]
    fn an_unattributed_call_log_keeps_every_tag() {
        let p = plan_tags(&[], &set(&[]), &cur(&["Sales"]), &set(&["sales"]), false);
        assert!(p.remove.is_empty());
        assert_eq!(p.kept, vec!["Sales".to_string()]);
    }

    fn conv(source: &str, stamp: Option<&str>, parts: &[&str]) -> intercom::Conversation {
        let parts: Vec<serde_json::Value> = parts
            .iter()
            .enumerate()
            .map(|(i, b)| {
                serde_json::json!({"id": i.to_string(), "part_type": "note", "body": b, "created_at": 1})
            })
            .collect();
        let mut attrs = serde_json::Map::new();
        if let Some(s) = stamp {
            attrs.insert(ATTRIBUTE.into(), serde_json::json!(s));
        }
        serde_json::from_value(serde_json::json!({
            "id": "c1",
            "created_at": 1,
            "source": {"body": source},
            "custom_attributes": attrs,
            "conversation_parts": {"conversation_parts": parts, "total_count": parts.len()},
        }))
        .expect("conversation")
    }

    fn call(id: i64) -> Call {
        serde_json::from_value(serde_json::json!({
            "id": id, "direction": "inbound", "started_at": 0, "raw_digits": "+33100000000",
        }))
        .expect("call")
    }

    #[test]
    fn members_are_complete_only_when_every_title_is_claimed() {
        let (a, b) = (call(1), call(2));
        let known: HashMap<i64, &Call> = [(1, &a), (2, &b)].into_iter().collect();
        let native = |id: &str| Located {
            conversation_id: id.into(),
            found: Found::Native,
        };
        // A customer's conversation with two native call logs appended, one claimed.
        let c = conv(
            "<p>Hello, my order?</p>",
            None,
            &[
                "<p>Missed call on UK Desk &amp; Billing</p>",
                "<p>Inbound answered call on UK Desk &amp; Billing</p>",
            ],
        );
        let one: HashMap<i64, Located> = [(1, native("c1"))].into_iter().collect();
        assert!(!members(&c, &one, &known).complete);
        let two: HashMap<i64, Located> =
            [(1, native("c1")), (2, native("c1"))].into_iter().collect();
        let m = members(&c, &two, &known);
        assert!(m.complete);
        assert_eq!(m.calls, BTreeSet::from([1, 2]));
    }

    #[test]
    fn aircom_marker_lines_name_their_calls() {
        let a = call(1);
        let known: HashMap<i64, &Call> = [(1, &a)].into_iter().collect();
        let c = conv(
            "<p>Inbound answered call on Paris</p>",
            Some("1"),
            &["<p>Caller: +33 1</p><p>Aircall call 1</p>"],
        );
        let m = members(&c, &HashMap::new(), &known);
        assert!(m.complete);
        assert_eq!(m.calls, BTreeSet::from([1]));
        // A marker for a call aircom has not read: not complete.
        let c = conv(
            "<p>Hi</p>",
            None,
            &["<p>Inbound answered call on Paris</p><p>Aircall call 77 (title)</p>"],
        );
        assert!(!members(&c, &HashMap::new(), &known).complete);
    }
}
