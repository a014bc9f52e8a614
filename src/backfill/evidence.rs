//! Gathering the evidence [`super::recognize::claim`] weighs, for one contact: title messages
//! as the sources of its conversations, and, when a settled call is still unaccounted for,
//! as parts of every conversation of the contact touched since (one `GET` each: parts are
//! only on single-conversation reads, intercom-api.md §7.1). Used by `backfill calls` (what
//! not to log again) and `backfill tags` (which conversation a call's tags belong on).

use std::collections::HashMap;

use crate::aircall::Call;
use crate::backfill::recognize::{self, Evidence, Loggable, Readiness};
use crate::intercom::{ConversationId, IntercomClient};

/// What evidence gathering needs of one conversation from a list or search result.
#[derive(Debug, Clone)]
pub struct Touched<'a> {
    pub id: &'a str,
    pub created_at: i64,
    pub updated_at: i64,
    /// The source body (HTML).
    pub body: &'a str,
    /// Whether the source may be a native title message: not aircom's own conversation.
    pub source_may_be_native: bool,
}

/// Call id → the title message that logs it, for the settled calls among `competing`.
///
/// `competing` is every known call of the contact, settled or not, in the period or before
/// it: all of them compete for the evidence, so none takes another's log. `accounted` says
/// which calls need no native evidence (aircom logged them itself), so no parts are read for
/// them.
pub async fn claims(
    ic: &IntercomClient,
    convs: &[Touched<'_>],
    competing: &[&Call],
    now: i64,
    accounted: impl Fn(&Call) -> bool,
) -> anyhow::Result<HashMap<i64, Evidence>> {
    claims_of(
        ic,
        convs,
        competing,
        |c| recognize::readiness(c, now) == Readiness::Ready,
        accounted,
    )
    .await
}

/// [`claims`] for any [`Loggable`] (calls, SMS): key → the title message that logs it, for
/// the `ready` items among `competing`.
pub async fn claims_of<T: Loggable>(
    ic: &IntercomClient,
    convs: &[Touched<'_>],
    competing: &[&T],
    ready: impl Fn(&T) -> bool,
    accounted: impl Fn(&T) -> bool,
) -> anyhow::Result<HashMap<T::Key, Evidence>> {
    let settled: Vec<&T> = competing.iter().copied().filter(|c| ready(c)).collect();
    if settled.is_empty() {
        return Ok(HashMap::new());
    }
    let mut evidence: Vec<Evidence> = convs
        .iter()
        .filter(|c| c.source_may_be_native)
        .map(|c| Evidence {
            conversation_id: c.id.to_string(),
            part_id: None,
            at: c.created_at,
            title: crate::html::first_line(c.body),
        })
        .collect();
    let mut found = recognize::claim(competing, &evidence);
    let unaccounted = settled
        .iter()
        .any(|c| !found.contains_key(&c.key()) && !accounted(c));
    if unaccounted {
        let lo = settled
            .iter()
            .map(|c| c.window().0)
            .min()
            .unwrap_or(i64::MIN);
        // Every conversation touched since, aircom's own included: the native integration
        // appends to the contact's last open conversation, whoever opened it. (aircom's own
        // parts carry its marker line and are skipped.)
        for conv in convs.iter().filter(|c| c.updated_at >= lo) {
            let full = ic
                .get_conversation(&ConversationId(conv.id.to_string()))
                .await?;
            for part in full
                .conversation_parts
                .iter()
                .flat_map(|p| p.conversation_parts.iter())
            {
                let (Some(body), Some(at)) = (part.body.as_deref(), part.created_at) else {
                    continue;
                };
                // aircom's own notes (its marker line) are never native evidence.
                if crate::integration::is_aircom_part(body) {
                    continue;
                }
                evidence.push(Evidence {
                    conversation_id: conv.id.to_string(),
                    part_id: Some(part.id.clone()),
                    at,
                    title: crate::html::first_line(body),
                });
            }
        }
        found = recognize::claim(competing, &evidence);
    }
    Ok(settled
        .iter()
        .filter_map(|c| found.get(&c.key()).map(|i| (c.key(), evidence[*i].clone())))
        .collect())
}
