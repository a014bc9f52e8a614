//! Typed Intercom 2.16 client (digest: `shared/reference/intercom-api.md`). No printing, no
//! clap. Every request carries `Intercom-Version: 2.16`.
//!
//! Lists page with query-string cursors; searches with the cursor in the body. The
//! partitioned scan splits contacts by `created_at` day ranges and walks several search
//! cursors at once: a range is `(created_at = b OR created_at > b) AND created_at < b'`,
//! which under 2.16's day-granular date semantics means "from the start of b's day to the
//! start of b'’s day", so adjacent ranges share a boundary and every contact is in exactly one.

pub mod models;

use std::pin::Pin;

use futures::{Stream, StreamExt};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::http::{Api, HttpError, Request};
pub use models::*;

pub const VERSION: &str = "2.16";
pub const MAX_PER_PAGE: u32 = 150;
const DAY: i64 = 86_400;

pub type ItemStream<'a, T> = Pin<Box<dyn Stream<Item = Result<T, HttpError>> + Send + 'a>>;

#[derive(Clone, Debug)]
pub struct IntercomClient {
    api: Api,
}

/// A search filter in Intercom's query language.
pub fn filter(field: &str, operator: &str, value: impl Serialize) -> Value {
    json!({"field": field, "operator": operator, "value": value})
}

/// `AND` of filters. The 2.16 schema lets a group hold either single filters or nested
/// groups, never a mix; when mixed, each single filter is wrapped in a one-item `OR` group
/// (same meaning, and still within the two levels of nesting the API allows).
pub fn and(filters: Vec<Value>) -> Value {
    json!({"operator": "AND", "value": homogeneous(filters)})
}

/// `OR` of filters (see [`and`] on mixed groups).
pub fn or(filters: Vec<Value>) -> Value {
    json!({"operator": "OR", "value": homogeneous(filters)})
}

fn is_group(v: &Value) -> bool {
    matches!(
        v.get("operator").and_then(Value::as_str),
        Some("AND" | "OR")
    )
}

fn homogeneous(filters: Vec<Value>) -> Vec<Value> {
    if filters.iter().all(is_group) || !filters.iter().any(is_group) {
        return filters;
    }
    filters
        .into_iter()
        .map(|f| {
            if is_group(&f) {
                f
            } else {
                json!({"operator": "OR", "value": [f]})
            }
        })
        .collect()
}

/// Users and leads (every contact role aircom deals with).
pub fn users_and_leads() -> Value {
    filter("role", "IN", ["user", "lead"])
}

impl IntercomClient {
    pub fn new(api: Api) -> Self {
        IntercomClient { api }
    }

    pub fn api(&self) -> &Api {
        &self.api
    }

    async fn get<T: DeserializeOwned>(&self, path: String) -> Result<T, HttpError> {
        self.api.json(Request::get(path)).await
    }

    /// `GET /me`: the admin behind the token and its workspace.
    pub async fn me(&self) -> Result<Me, HttpError> {
        self.get("/me".into()).await
    }

    pub async fn admins(&self) -> Result<Vec<Admin>, HttpError> {
        #[derive(serde::Deserialize)]
        struct L {
            admins: Vec<Admin>,
        }
        Ok(self.get::<L>("/admins".into()).await?.admins)
    }

    /// `GET /companies/{id}`: a company's name (contacts embed only company ids).
    pub async fn company(&self, id: &str) -> Result<Company, HttpError> {
        self.get(format!("/companies/{id}")).await
    }

    pub async fn get_contact(&self, id: &ContactId) -> Result<Contact, HttpError> {
        self.get(format!("/contacts/{id}")).await
    }

    /// Creates a user or lead. Not idempotent; a 409 names the existing contact.
    pub async fn create_contact(&self, c: &ContactWrite) -> Result<Contact, HttpError> {
        self.api
            .json(Request::new(Method::POST, "/contacts").json(c))
            .await
    }

    pub async fn update_contact(
        &self,
        id: &ContactId,
        c: &ContactWrite,
    ) -> Result<Contact, HttpError> {
        self.api
            .json(Request::new(Method::PUT, format!("/contacts/{id}")).json(c))
            .await
    }

    /// Merges a lead into a user (the only direction Intercom allows).
    pub async fn merge(&self, lead: &ContactId, user: &ContactId) -> Result<Contact, HttpError> {
        self.api
            .json(
                Request::new(Method::POST, "/contacts/merge")
                    .json(&json!({"from": lead.0, "into": user.0})),
            )
            .await
    }

    /// Merges a lead into a user that aircom found to share its phone number once both are
    /// normalized. 2.16 refuses a merge unless the stored email or phone strings are equal,
    /// which formats like `07 62…` and `+33 7 62…` are not: the check is skipped because
    /// aircom did it on the E.164 forms.
    pub async fn merge_same_number(
        &self,
        lead: &ContactId,
        user: &ContactId,
    ) -> Result<Contact, HttpError> {
        self.api
            .json(
                Request::new(Method::POST, "/contacts/merge").json(
                    &json!({"from": lead.0, "into": user.0, "skip_duplicate_validation": true}),
                ),
            )
            .await
    }

    /// The one-cursor walk of every contact (`GET /contacts`).
    pub fn list_contacts(&self) -> ItemStream<'_, Contact> {
        Box::pin(async_stream::try_stream! {
            let mut cursor: Option<String> = None;
            loop {
                #[derive(Serialize)]
                struct Q { per_page: u32, #[serde(skip_serializing_if = "Option::is_none")] starting_after: Option<String> }
                let page: ListPage<Contact> = self.api.json(Request::get("/contacts").query(&Q { per_page: MAX_PER_PAGE, starting_after: cursor.clone() })).await?;
                let next = page.next_cursor();
                for c in page.data { yield c; }
                match next { Some(n) => cursor = Some(n), None => break }
            }
        })
    }

    /// The one-cursor walk of every conversation (`GET /conversations`, no parts). Unlike
    /// search it does not lag behind writes (intercom-api.md §10.1), so it is how a job finds
    /// a conversation whose create answer was lost moments ago. Its order is undocumented:
    /// callers must read it whole.
    pub fn list_conversations(&self) -> ItemStream<'_, Conversation> {
        Box::pin(async_stream::try_stream! {
            let mut cursor: Option<String> = None;
            loop {
                #[derive(Serialize)]
                struct Q { per_page: u32, #[serde(skip_serializing_if = "Option::is_none")] starting_after: Option<String> }
                let page: ListPage<Conversation> = self.api.json(Request::get("/conversations").query(&Q { per_page: MAX_PER_PAGE, starting_after: cursor.clone() })).await?;
                let next = page.next_cursor();
                for c in page.data { yield c; }
                match next { Some(n) => cursor = Some(n), None => break }
            }
        })
    }

    /// Every contact matching `query` (`POST /contacts/search`, cursor in the body).
    pub fn search_contacts(&self, query: Value, sort: Option<Value>) -> ItemStream<'_, Contact> {
        self.search("/contacts/search", query, sort)
    }

    /// Every conversation matching `query` (without parts).
    pub fn search_conversations(&self, query: Value) -> ItemStream<'_, Conversation> {
        self.search("/conversations/search", query, None)
    }

    fn search<'a, T: DeserializeOwned + Send + 'a>(
        &'a self,
        path: &'static str,
        query: Value,
        sort: Option<Value>,
    ) -> ItemStream<'a, T> {
        Box::pin(async_stream::try_stream! {
            let mut cursor: Option<String> = None;
            loop {
                let mut body = json!({"query": query, "pagination": {"per_page": MAX_PER_PAGE}});
                if let Some(c) = &cursor {
                    body["pagination"]["starting_after"] = json!(c);
                }
                if let Some(s) = &sort {
                    body["sort"] = s.clone();
                }
                let page: ListPage<T> = self.api.json(Request::new(Method::POST, path).json(&body).idempotent()).await?;
                let next = page.next_cursor();
                for c in page.data { yield c; }
                match next { Some(n) => cursor = Some(n), None => break }
            }
        })
    }

    /// The first contact of a search in `order` by `created_at`, with the match count.
    async fn edge(&self, query: &Value, order: &str) -> Result<(Option<Contact>, u64), HttpError> {
        let body = json!({"query": query, "pagination": {"per_page": 1},
                          "sort": {"field": "created_at", "order": order}});
        let page: ListPage<Contact> = self
            .api
            .json(
                Request::new(Method::POST, "/contacts/search")
                    .json(&body)
                    .idempotent(),
            )
            .await?;
        Ok((page.data.into_iter().next(), page.total_count.unwrap_or(0)))
    }

    /// Every user and lead matching `base`, walked as `partitions` concurrent search cursors
    /// over `created_at` day ranges. Each contact is returned exactly once.
    pub fn scan_contacts(&self, base: Value, partitions: usize) -> ItemStream<'_, Contact> {
        let partitions = partitions.max(1);
        Box::pin(
            async_stream::try_stream! {
                let (first, total) = self.edge(&base, "ascending").await?;
                let (last, _) = self.edge(&base, "descending").await?;
                let ranges = match (first.and_then(|c| c.created_at), last.and_then(|c| c.created_at)) {
                    (Some(lo), Some(hi)) if partitions > 1 && total > MAX_PER_PAGE as u64 => {
                        // Four ranges per cursor balance uneven days, but never more ranges
                        // than pages: each range costs at least one request.
                        let pages = total.div_ceil(MAX_PER_PAGE as u64) as usize;
                        partition_bounds(lo, hi, (partitions * 4).min(pages))
                    }
                    _ => vec![(None, None)],
                };
                yield ranges.into_iter().map(|(lo, hi)| range_query(&base, lo, hi)).collect::<Vec<_>>();
            }
            .map(move |queries: Result<Vec<Value>, HttpError>| match queries {
                Ok(qs) => futures::stream::iter(qs)
                    .map(|q| self.search_contacts(q, None))
                    .flatten_unordered(partitions)
                    .boxed(),
                Err(e) => futures::stream::once(async move { Err(e) }).boxed(),
            })
            .flatten(),
        )
    }

    // ------------------------------------------------------------ conversations

    pub async fn get_conversation(&self, id: &ConversationId) -> Result<Conversation, HttpError> {
        self.get(format!("/conversations/{id}")).await
    }

    /// Starts a conversation as if the contact wrote `body`, dated `created_at`. Not idempotent.
    pub async fn create_conversation(
        &self,
        contact: &ContactId,
        role: &str,
        body: &str,
        created_at: Option<i64>,
    ) -> Result<CreatedMessage, HttpError> {
        let mut b = json!({"from": {"type": role, "id": contact.0}, "body": body});
        if let Some(t) = created_at {
            b["created_at"] = json!(t);
        }
        self.api
            .json(Request::new(Method::POST, "/conversations").json(&b))
            .await
    }

    /// Adds an internal note (`message_type: note`), never visible to the customer.
    pub async fn add_note(
        &self,
        id: &ConversationId,
        admin: &AdminId,
        body: &str,
        created_at: Option<i64>,
    ) -> Result<Conversation, HttpError> {
        let mut b =
            json!({"message_type": "note", "type": "admin", "admin_id": admin.0, "body": body});
        if let Some(t) = created_at {
            b["created_at"] = json!(t);
        }
        self.api
            .json(Request::new(Method::POST, format!("/conversations/{id}/reply")).json(&b))
            .await
    }

    /// Assigns to an admin; `None` unassigns (`assignee_id: "0"`). Each call appends an
    /// assignment part (with `body`, a visible one), so it is never repeated blindly: after a
    /// lost response the caller reads the conversation's assignee instead.
    pub async fn assign(
        &self,
        id: &ConversationId,
        by: &AdminId,
        to: Option<&AdminId>,
        body: Option<&str>,
    ) -> Result<Conversation, HttpError> {
        let mut b = json!({"message_type": "assignment", "type": "admin", "admin_id": by.0,
                           "assignee_id": to.map(|a| a.0.as_str()).unwrap_or("0")});
        if let Some(text) = body {
            b["body"] = json!(text);
        }
        self.api
            .json(Request::new(Method::POST, format!("/conversations/{id}/parts")).json(&b))
            .await
    }

    /// Sets conversation custom attributes (`PUT /conversations/{id}`). Safe to repeat.
    pub async fn set_attributes(
        &self,
        id: &ConversationId,
        attrs: Value,
    ) -> Result<Conversation, HttpError> {
        self.api
            .json(
                Request::new(Method::PUT, format!("/conversations/{id}"))
                    .json(&json!({"custom_attributes": attrs})),
            )
            .await
    }

    pub async fn conversation_attributes(&self) -> Result<Vec<ConversationAttribute>, HttpError> {
        #[derive(serde::Deserialize)]
        struct L {
            data: Vec<ConversationAttribute>,
        }
        Ok(self
            .get::<L>("/conversations/attributes".into())
            .await?
            .data)
    }

    pub async fn create_conversation_attribute(
        &self,
        name: &str,
        data_type: &str,
        description: &str,
    ) -> Result<ConversationAttribute, HttpError> {
        self.api
            .json(
                Request::new(Method::POST, "/conversations/attributes").json(&json!({
                "name": name, "data_type": data_type, "description": description,
                "required": false, "visible_to_team_ids": []})),
            )
            .await
    }

    // ------------------------------------------------------------ tags

    pub async fn tags(&self) -> Result<Vec<Tag>, HttpError> {
        #[derive(serde::Deserialize)]
        struct L {
            data: Vec<Tag>,
        }
        Ok(self.get::<L>("/tags".into()).await?.data)
    }

    /// Every tag's id by its name, lowercase (Intercom's names are case-insensitive).
    pub async fn tag_ids_by_name(
        &self,
    ) -> Result<std::collections::HashMap<String, String>, HttpError> {
        Ok(self
            .tags()
            .await?
            .into_iter()
            .map(|t| (t.name.to_lowercase(), t.id))
            .collect())
    }

    /// Creates a tag, or returns the existing one (names are case-insensitive). Idempotent.
    pub async fn create_tag(&self, name: &str) -> Result<Tag, HttpError> {
        self.api
            .json(
                Request::new(Method::POST, "/tags")
                    .json(&json!({"name": name}))
                    .idempotent(),
            )
            .await
    }

    pub async fn tag_conversation(
        &self,
        id: &ConversationId,
        tag: &TagId,
        admin: &AdminId,
    ) -> Result<(), HttpError> {
        self.api
            .send(
                Request::new(Method::POST, format!("/conversations/{id}/tags"))
                    .json(&json!({"id": tag.0, "admin_id": admin.0}))
                    .idempotent(),
            )
            .await
            .map(|_| ())
    }

    /// Detaches a tag: a DELETE that carries a JSON body.
    pub async fn untag_conversation(
        &self,
        id: &ConversationId,
        tag: &TagId,
        admin: &AdminId,
    ) -> Result<(), HttpError> {
        self.api
            .send(
                Request::new(Method::DELETE, format!("/conversations/{id}/tags/{tag}"))
                    .json(&json!({"admin_id": admin.0})),
            )
            .await
            .map(|_| ())
    }
}

/// Splits `[lo, hi]` into about `n` day-aligned boundaries: `(None, b1), (b1, b2), …, (bk, None)`.
pub fn partition_bounds(lo: i64, hi: i64, n: usize) -> Vec<(Option<i64>, Option<i64>)> {
    let days = ((hi - lo) / DAY).max(0) + 1;
    let n = (n as i64).min(days).max(1);
    if n == 1 {
        return vec![(None, None)];
    }
    let step = (days as f64 / n as f64).ceil() as i64 * DAY;
    let mut bounds = Vec::new();
    let mut b = lo - lo.rem_euclid(DAY) + step;
    while b <= hi {
        bounds.push(b);
        b += step;
    }
    let mut ranges = Vec::new();
    let mut prev = None;
    for b in bounds {
        ranges.push((prev, Some(b)));
        prev = Some(b);
    }
    ranges.push((prev, None));
    ranges
}

/// `base AND (created_at = lo OR created_at > lo) AND created_at < hi`.
pub fn range_query(base: &Value, lo: Option<i64>, hi: Option<i64>) -> Value {
    // An `AND` base is spliced in so the query stays within two levels of nesting.
    let mut parts = match (
        base.get("operator").and_then(Value::as_str),
        base.get("value"),
    ) {
        (Some("AND"), Some(Value::Array(items))) => items.clone(),
        _ => vec![base.clone()],
    };
    if let Some(lo) = lo {
        parts.push(or(vec![
            filter("created_at", "=", lo),
            filter("created_at", ">", lo),
        ]));
    }
    if let Some(hi) = hi {
        parts.push(filter("created_at", "<", hi));
    }
    if parts.len() == 1 {
        base.clone()
    } else {
        and(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_cover_without_overlap() {
        let r = partition_bounds(1_700_000_000, 1_700_000_000 + 100 * DAY, 8);
        assert!(r.len() >= 8);
        assert_eq!(r.first().unwrap().0, None);
        assert_eq!(r.last().unwrap().1, None);
        for w in r.windows(2) {
            assert_eq!(w[0].1, w[1].0);
        }
        assert_eq!(partition_bounds(5, 10, 8), vec![(None, None)]);
    }
}
