//! What the backfills read from Intercom once per run: every user and lead by number, the
//! conversations touched in the period by contact (search, with day-safe margins) or all of
//! them (the list endpoint, which does not lag), and the stamps aircom writes.

use std::collections::HashMap;

use futures::StreamExt;

use crate::contacts::read_phone;
use crate::intercom::{self, IntercomClient};

/// The stamp on conversations aircom logged from calls.
pub const ATTRIBUTE: &str = "aircall_call_id";

/// The stamp on conversations logged from archived SMS.
pub const MESSAGE_ATTRIBUTE: &str = "aircall_message_id";

/// How far a native log's time may be from the call's start.
pub const TOLERANCE: i64 = 300;

/// The contact the native integration logs anonymous callers with (behaviour reference §5).
pub const ANONYMOUS_NAME: &str = "Aircall Anonymous Contact";

/// The intended address, and the source's misprint (behaviour reference §5).
pub const ANONYMOUS_EMAILS: [&str; 2] = ["anonymous@aircall.io", "anonymoys@aircall.io"];

/// An Intercom contact a call can be logged with.
#[derive(Clone, Debug)]
pub struct ContactRef {
    pub id: String,
    pub role: String,
}

/// What the backfills need of a conversation from a list or search result.
#[derive(Clone, Debug)]
pub struct ConvLite {
    pub id: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub body: String,
    pub call_id: Option<String>,
    /// The `aircall_message_id` stamp of a logged SMS.
    pub message_id: Option<String>,
    pub open: bool,
    /// (id, name) of the tags on the conversation.
    pub tags: Vec<(String, String)>,
}

impl ConvLite {
    /// This conversation as evidence gathering sees it; `source_may_be_native`: whether its
    /// source may be a native title message (not one of aircom's own logs).
    pub fn touched(&self, source_may_be_native: bool) -> crate::backfill::evidence::Touched<'_> {
        crate::backfill::evidence::Touched {
            id: &self.id,
            created_at: self.created_at,
            updated_at: self.updated_at,
            body: &self.body,
            source_may_be_native,
        }
    }
}

/// Conversations by their (first) contact's id.
pub type ByContact = HashMap<String, Vec<ConvLite>>;

/// Every user and lead by E.164, and the anonymous contact (built once per run).
pub async fn index_contacts(
    ic: &IntercomClient,
    hints: &crate::phone::Hints,
    partitions: usize,
) -> anyhow::Result<(HashMap<String, Vec<ContactRef>>, Option<ContactRef>)> {
    let i = index_contacts_full(ic, hints, partitions).await?;
    Ok((i.by_number, i.anonymous))
}

/// The contact index, with what `audit logging` also needs.
#[derive(Debug, Default)]
pub struct ContactIndex {
    pub by_number: HashMap<String, Vec<ContactRef>>,
    pub anonymous: Option<ContactRef>,
    /// Contact id → its stored phone, for contacts whose phone aircom reads but which is not
    /// stored in E.164 (the native integration may not match it, behaviour §1, §9).
    pub not_e164: HashMap<String, String>,
    /// Contact id → when it was created.
    pub created_at: HashMap<String, i64>,
    /// The earliest creation among contacts named as the integration names the ones it
    /// creates (`<E.164> New Aircall contact`, behaviour §4): from then on, at least, contact
    /// creation was on. aircom's own leads carry the name too, but are made at backfill time,
    /// after the calls they log.
    pub created_for_callers_since: Option<i64>,
}

/// [`index_contacts`], keeping the phones not stored in E.164.
pub async fn index_contacts_full(
    ic: &IntercomClient,
    hints: &crate::phone::Hints,
    partitions: usize,
) -> anyhow::Result<ContactIndex> {
    let mut by_number: HashMap<String, Vec<ContactRef>> = HashMap::new();
    let mut not_e164 = HashMap::new();
    let mut created_at = HashMap::new();
    let mut created_for_callers_since: Option<i64> = None;
    let mut anonymous = None;
    let mut stream = ic.scan_contacts(intercom::users_and_leads(), partitions);
    while let Some(c) = stream.next().await {
        let c = c?;
        if let Some(t) = c.created_at {
            created_at.insert(c.id.0.clone(), t);
            if c.name
                .as_deref()
                .is_some_and(|n| n.ends_with("New Aircall contact"))
            {
                created_for_callers_since =
                    Some(created_for_callers_since.map_or(t, |s: i64| s.min(t)));
            }
        }
        let is_anon = c.name.as_deref() == Some(ANONYMOUS_NAME)
            || c.email()
                .is_some_and(|e| ANONYMOUS_EMAILS.iter().any(|a| a.eq_ignore_ascii_case(e)));
        if is_anon && anonymous.is_none() {
            anonymous = Some(ContactRef {
                id: c.id.0.clone(),
                role: c.role.clone(),
            });
            continue;
        }
        if let Some(e) = read_phone(&c, hints).as_ref().and_then(|o| o.e164()) {
            if let Some(raw) = c.phone.as_deref().filter(|p| p.trim() != e) {
                not_e164.insert(c.id.0.clone(), raw.to_string());
            }
            by_number
                .entry(e.to_string())
                .or_default()
                .push(ContactRef {
                    id: c.id.0.clone(),
                    role: c.role.clone(),
                });
        }
    }
    Ok(ContactIndex {
        by_number,
        anonymous,
        not_e164,
        created_at,
        created_for_callers_since,
    })
}

/// Every conversation touched in `[from, ..)`, by contact: those created in the period, and
/// older ones updated since (the native integration's "last open conversation" mode appends a
/// call's title and notes to a conversation that may be months old, behaviour reference §6).
/// Search with day-safe margins; the cut is made here.
pub async fn conversations_around(
    ic: &IntercomClient,
    from: i64,
    _to: i64,
) -> anyhow::Result<HashMap<String, Vec<ConvLite>>> {
    // Conversation date semantics are unconfirmed (digest §13): ask a day wider, cut here.
    // No upper bound: a conversation created in the period may have been updated after it.
    let q = intercom::and(vec![intercom::filter("updated_at", ">", from - 86_400)]);
    by_contact(ic.search_conversations(q), |c| {
        c.updated_at.unwrap_or(c.created_at) >= from
    })
    .await
}

/// The conversations of a stream that `keep` accepts, by their (first) contact.
pub async fn by_contact(
    mut stream: intercom::ItemStream<'_, intercom::Conversation>,
    keep: impl Fn(&intercom::Conversation) -> bool,
) -> anyhow::Result<HashMap<String, Vec<ConvLite>>> {
    let mut out: HashMap<String, Vec<ConvLite>> = HashMap::new();
    while let Some(c) = stream.next().await {
        let c = c?;
        if !keep(&c) {
            continue;
        }
        let Some(contact) = c
            .contacts
            .as_ref()
            .and_then(|l| l.contacts.first())
            .map(|r| r.id.0.clone())
        else {
            continue;
        };
        out.entry(contact).or_default().push(conv_lite(&c));
    }
    Ok(out)
}

pub async fn ensure_attribute(ic: &IntercomClient) -> anyhow::Result<()> {
    ensure_named_attribute(ic, ATTRIBUTE, "Aircall call id (set by aircom backfill)").await
}

/// Defines a string conversation attribute when it is missing.
pub async fn ensure_named_attribute(
    ic: &IntercomClient,
    name: &str,
    description: &str,
) -> anyhow::Result<()> {
    let attrs = ic.conversation_attributes().await?;
    if !attrs.iter().any(|a| a.name == name && !a.archived) {
        match ic
            .create_conversation_attribute(name, "string", description)
            .await
        {
            Ok(_) => {}
            // Created meanwhile by another run: fine.
            Err(e) if e.status() == Some(400) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// What a job needs of a conversation from a list or search result.
pub fn conv_lite(c: &intercom::Conversation) -> ConvLite {
    let updated_at = c.updated_at.unwrap_or(c.created_at);
    ConvLite {
        id: c.id.0.clone(),
        created_at: c.created_at,
        updated_at,
        body: c
            .source
            .as_ref()
            .and_then(|s| s.body.clone())
            .unwrap_or_default(),
        call_id: c.custom_attributes.get(ATTRIBUTE).and_then(|v| {
            v.as_str()
                .map(str::to_string)
                .or_else(|| v.as_i64().map(|n| n.to_string()))
        }),
        message_id: c
            .custom_attributes
            .get(MESSAGE_ATTRIBUTE)
            .and_then(|v| v.as_str().map(str::to_string)),
        open: c.state.as_deref().is_none_or(|s| s == "open"),
        tags: c
            .tags
            .as_ref()
            .map(|t| {
                t.tags
                    .iter()
                    .map(|t| (t.id.clone(), t.name.clone()))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Every conversation the list endpoint returns, by contact.
pub async fn list_by_contact(
    ic: &IntercomClient,
) -> anyhow::Result<HashMap<String, Vec<ConvLite>>> {
    by_contact(ic.list_conversations(), |_| true).await
}

/// Whether a log dated `at` with `title` went into a conversation that was already there
/// (last-open mode, §6), rather than one aircom created with the title as its first message.
pub fn appended(c: &intercom::Conversation, at: i64, title: &str) -> bool {
    let source = c
        .source
        .as_ref()
        .and_then(|s| s.body.as_deref())
        .map(crate::html::first_line);
    !(c.created_at == at
        && source.is_some_and(|t| crate::backfill::recognize::same_title(&t, title)))
}

/// Whether any of the conversation's parts (as read) satisfies `f`.
pub fn any_part(c: &intercom::Conversation, f: impl Fn(&intercom::Part) -> bool) -> bool {
    c.conversation_parts
        .as_ref()
        .is_some_and(|p| p.conversation_parts.iter().any(f))
}

/// Adds to the index the contacts aircom created less than `settle` ago (the ledger knows
/// them; search, which built the index, may not show them yet). The anonymous contact goes
/// to `anonymous` when given, else is left out.
pub fn add_recent_contacts(
    ledger: &crate::ledger::Ledger,
    now: i64,
    settle: i64,
    by_number: &mut HashMap<String, Vec<ContactRef>>,
    mut anonymous: Option<&mut Option<ContactRef>>,
) -> anyhow::Result<()> {
    for (caller, id, role, at) in ledger.pending_contacts_made()? {
        if now - at >= settle {
            continue;
        }
        let c = ContactRef { id, role };
        if caller == "anonymous" {
            if let Some(a) = anonymous.as_deref_mut() {
                a.get_or_insert(c);
            }
        } else {
            let known = by_number.entry(caller).or_default();
            if !known.iter().any(|k| k.id == c.id) {
                known.push(c);
            }
        }
    }
    Ok(())
}
