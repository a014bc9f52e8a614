//! Typed Aircall client (digest: `shared/reference/aircall-api.md`). No printing, no clap:
//! commands call it and hand results to `output`.
//!
//! Lists page with `page`/`per_page=50` behind a `Stream`; a request whose `page × per_page`
//! passes 10,000 is a 400, so every time-windowed listing probes `meta.total` and halves the
//! window until each part is under the cap. Independent windows are walked concurrently
//! within the shared rate limit.

pub mod models;

use std::pin::Pin;

use futures::{Stream, StreamExt};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::http::{Api, HttpError, Request};
pub use models::*;

pub const MAX_PER_PAGE: u64 = 50;
const CAP: u64 = 10_000;

pub type ItemStream<'a, T> = Pin<Box<dyn Stream<Item = Result<T, HttpError>> + Send + 'a>>;

#[derive(Clone, Debug)]
pub struct AircallClient {
    api: Api,
}

#[derive(Serialize, Default, Clone)]
struct ListQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order_by: Option<&'static str>,
    page: u64,
    per_page: u64,
    /// Flags are sent only when true: how `false` parses is undocumented.
    #[serde(skip_serializing_if = "Option::is_none")]
    fetch_contact: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fetch_short_urls: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<i64>,
}

/// Filters of `GET /v1/calls/search` (combined with AND).
#[derive(Debug, Clone, Default)]
pub struct CallFilter {
    /// The external number, in E.164.
    pub phone_number: Option<String>,
    /// `inbound` or `outbound`.
    pub direction: Option<String>,
    pub user_id: Option<i64>,
}

/// Which time field a window filters on, and how its bounds behave.
#[derive(Clone, Copy, Debug)]
enum WindowKind {
    /// Calls: `started_at ∈ (from, to]`.
    Calls,
    /// Contacts: `created_at ∈ [from, to]`.
    Contacts,
}

impl AircallClient {
    pub fn new(api: Api) -> Self {
        AircallClient { api }
    }

    pub fn api(&self) -> &Api {
        &self.api
    }

    async fn one<T: DeserializeOwned>(&self, req: Request, key: &str) -> Result<T, HttpError> {
        let resp = self.api.send(req).await?;
        let v: Value = resp.json()?;
        let inner = v.get(key).cloned().unwrap_or(Value::Null);
        decode_value(inner, key, &self.api)
    }

    /// `GET /v1/ping`: the cheapest authenticated call.
    pub async fn ping(&self) -> Result<(), HttpError> {
        self.api.send(Request::get("/v1/ping")).await.map(|_| ())
    }

    pub async fn company(&self) -> Result<Company, HttpError> {
        self.one(Request::get("/v1/company"), "company").await
    }

    /// One page of a list endpoint.
    async fn page<T: DeserializeOwned>(
        &self,
        path: &str,
        key: &str,
        q: &ListQuery,
    ) -> Result<(Vec<T>, Meta), HttpError> {
        let resp = self.api.send(Request::get(path).query(q)).await?;
        let v: Value = resp.json()?;
        let items: Vec<T> =
            decode_value(v.get(key).cloned().unwrap_or(Value::Null), key, &self.api)?;
        let meta: Meta = decode_value(
            v.get("meta").cloned().unwrap_or(Value::Null),
            "meta",
            &self.api,
        )?;
        Ok((items, meta))
    }

    /// Walks every page of a (small, unwindowed) list.
    fn walk<'a, T: DeserializeOwned + Send + 'a>(
        &'a self,
        path: &'a str,
        key: &'a str,
        base: ListQuery,
    ) -> ItemStream<'a, T> {
        Box::pin(async_stream::try_stream! {
            let mut page = 1;
            loop {
                let q = ListQuery { page, per_page: MAX_PER_PAGE, ..base.clone() };
                let (items, meta) = self.page::<T>(path, key, &q).await?;
                let n = items.len();
                for item in items {
                    yield item;
                }
                if meta.next_page_link.is_none() || n == 0 || page * MAX_PER_PAGE >= CAP {
                    break;
                }
                page += 1;
            }
        })
    }

    /// Users (v2; v1 list and retrieve were retired on 2026-09-30).
    pub fn users(&self) -> ItemStream<'_, User> {
        self.walk("/v2/users", "users", ListQuery::default())
    }

    pub fn numbers(&self) -> ItemStream<'_, Number> {
        self.walk("/v1/numbers", "numbers", ListQuery::default())
    }

    pub fn tags(&self) -> ItemStream<'_, Tag> {
        self.walk("/v1/tags", "tags", ListQuery::default())
    }

    pub async fn get_number(&self, id: &NumberId) -> Result<Number, HttpError> {
        self.one(Request::get(format!("/v1/numbers/{id}")), "number")
            .await
    }

    /// One call, with fresh media links (`fetch_short_urls` gives the ~3 h short links).
    pub async fn get_call(&self, id: &CallId) -> Result<Call, HttpError> {
        #[derive(Serialize)]
        struct Q {
            fetch_short_urls: bool,
        }
        self.one(
            Request::get(format!("/v1/calls/{id}")).query(&Q {
                fetch_short_urls: true,
            }),
            "call",
        )
        .await
    }

    /// `GET /v1/calls` over `(from, to]`, split into `concurrency` windows walked at once.
    pub fn calls(&self, from: i64, to: i64, concurrency: usize) -> ItemStream<'_, Call> {
        self.windowed(
            "/v1/calls",
            "calls",
            WindowKind::Calls,
            from,
            to,
            concurrency,
            ListQuery::default(),
        )
    }

    /// `GET /v1/calls/search` over `(from, to]`: calls with this external number (E.164),
    /// direction and/or user. A transferred call is indexed under its last leg only.
    pub fn search_calls(&self, from: i64, to: i64, filter: CallFilter) -> ItemStream<'_, Call> {
        let base = ListQuery {
            phone_number: filter.phone_number,
            direction: filter.direction,
            ..ListQuery::default()
        };
        let mut base = base;
        base.user_id = filter.user_id;
        self.windowed(
            "/v1/calls/search",
            "calls",
            WindowKind::Calls,
            from,
            to,
            1,
            base,
        )
    }

    /// `GET /v1/contacts` over `created_at ∈ [from, to]`, windowed the same way.
    pub fn contacts(&self, from: i64, to: i64, concurrency: usize) -> ItemStream<'_, Contact> {
        self.windowed(
            "/v1/contacts",
            "contacts",
            WindowKind::Contacts,
            from,
            to,
            concurrency,
            ListQuery::default(),
        )
    }

    /// Contacts with this phone (send E.164: how Aircall matches other forms is unconfirmed).
    pub async fn search_contacts_by_phone(&self, e164: &str) -> Result<Vec<Contact>, HttpError> {
        let q = ListQuery {
            phone_number: Some(e164.to_string()),
            ..ListQuery::default()
        };
        self.walk("/v1/contacts/search", "contacts", q)
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .collect()
    }

    pub async fn get_contact(&self, id: &ContactId) -> Result<Contact, HttpError> {
        self.one(Request::get(format!("/v1/contacts/{id}")), "contact")
            .await
    }

    /// Creates a contact. Not idempotent: never retried blindly; reconcile by phone search.
    pub async fn create_contact(&self, c: &NewContact) -> Result<Contact, HttpError> {
        self.one(
            Request::new(Method::POST, "/v1/contacts").json(c),
            "contact",
        )
        .await
    }

    /// Updates the scalar fields (`POST /v1/contacts/:id`: POST, not PUT). Safe to replay.
    pub async fn update_contact(
        &self,
        id: &ContactId,
        u: &ContactUpdate,
    ) -> Result<Contact, HttpError> {
        self.one(
            Request::new(Method::POST, format!("/v1/contacts/{id}"))
                .json(u)
                .idempotent(),
            "contact",
        )
        .await
    }

    pub async fn delete_contact(&self, id: &ContactId) -> Result<(), HttpError> {
        self.api
            .send(Request::new(Method::DELETE, format!("/v1/contacts/{id}")))
            .await
            .map(|_| ())
    }

    /// Replaces a phone number's value (`PUT …/phone_details/:id`).
    pub async fn update_phone_detail(
        &self,
        id: &ContactId,
        detail: i64,
        value: &str,
    ) -> Result<(), HttpError> {
        self.put_detail(id, "phone_details", detail, value).await
    }

    /// `PUT /v1/contacts/:id/<kind>/:detail` with a new value (`kind`: `phone_details` or
    /// `email_details`, aircall-api.md §5).
    async fn put_detail(
        &self,
        id: &ContactId,
        kind: &str,
        detail: i64,
        value: &str,
    ) -> Result<(), HttpError> {
        #[derive(Serialize)]
        struct B<'a> {
            value: &'a str,
        }
        self.api
            .send(
                Request::new(Method::PUT, format!("/v1/contacts/{id}/{kind}/{detail}"))
                    .json(&B { value }),
            )
            .await
            .map(|_| ())
    }

    /// `DELETE /v1/contacts/:id/<kind>/:detail`.
    async fn delete_detail(
        &self,
        id: &ContactId,
        kind: &str,
        detail: i64,
    ) -> Result<(), HttpError> {
        self.api
            .send(Request::new(
                Method::DELETE,
                format!("/v1/contacts/{id}/{kind}/{detail}"),
            ))
            .await
            .map(|_| ())
    }

    /// Adds a phone number (`POST …/phone_details`): not idempotent.
    pub async fn add_phone_detail(
        &self,
        id: &ContactId,
        label: &str,
        value: &str,
    ) -> Result<(), HttpError> {
        let body = NewDetail {
            label: label.into(),
            value: value.into(),
        };
        self.api
            .send(
                Request::new(Method::POST, format!("/v1/contacts/{id}/phone_details")).json(&body),
            )
            .await
            .map(|_| ())
    }

    /// Replaces an email's value (`PUT …/email_details/:id`).
    pub async fn update_email_detail(
        &self,
        id: &ContactId,
        detail: i64,
        value: &str,
    ) -> Result<(), HttpError> {
        self.put_detail(id, "email_details", detail, value).await
    }

    /// Removes a phone number (`DELETE …/phone_details/:id`).
    pub async fn delete_phone_detail(&self, id: &ContactId, detail: i64) -> Result<(), HttpError> {
        self.delete_detail(id, "phone_details", detail).await
    }

    /// Removes an email (`DELETE …/email_details/:id`).
    pub async fn delete_email_detail(&self, id: &ContactId, detail: i64) -> Result<(), HttpError> {
        self.delete_detail(id, "email_details", detail).await
    }

    /// Adds an email (`POST …/email_details`): not idempotent.
    pub async fn add_email_detail(
        &self,
        id: &ContactId,
        label: &str,
        value: &str,
    ) -> Result<(), HttpError> {
        let body = NewDetail {
            label: label.into(),
            value: value.into(),
        };
        self.api
            .send(
                Request::new(Method::POST, format!("/v1/contacts/{id}/email_details")).json(&body),
            )
            .await
            .map(|_| ())
    }

    #[allow(clippy::too_many_arguments)]
    fn windowed<'a, T: DeserializeOwned + Send + 'a>(
        &'a self,
        path: &'static str,
        key: &'static str,
        kind: WindowKind,
        from: i64,
        to: i64,
        concurrency: usize,
        base: ListQuery,
    ) -> ItemStream<'a, T> {
        let n = concurrency.max(1) as i64;
        let span = (to - from).max(1);
        let step = (span / n).max(1);
        let mut windows = Vec::new();
        let mut a = from;
        while a < to {
            let b = if windows.len() as i64 == n - 1 {
                to
            } else {
                (a + step).min(to)
            };
            windows.push((a, b));
            // Calls: (a, b] then (b, c]; contacts: [a, b] then [b+1, c].
            a = match kind {
                WindowKind::Calls => b,
                WindowKind::Contacts => b + 1,
            };
        }
        if windows.is_empty() {
            windows.push((from, to));
        }
        Box::pin(
            futures::stream::iter(windows)
                .map(move |(a, b)| self.window::<T>(path, key, kind, a, b, base.clone()))
                .flatten_unordered(concurrency.max(1)),
        )
    }

    /// One window: probe the total, halve while it reaches the cap, else walk its pages.
    fn window<'a, T: DeserializeOwned + Send + 'a>(
        &'a self,
        path: &'static str,
        key: &'static str,
        kind: WindowKind,
        from: i64,
        to: i64,
        base: ListQuery,
    ) -> ItemStream<'a, T> {
        Box::pin(async_stream::try_stream! {
            let mut pending = vec![(from, to)];
            while let Some((a, b)) = pending.pop() {
                let bounds = ListQuery { from: Some(a), to: Some(b), order: Some("asc"), ..base.clone() };
                let probe = ListQuery { page: 1, per_page: 1, ..bounds.clone() };
                let (_, meta) = self.page::<Value>(path, key, &probe).await?;
                if meta.total >= CAP && b - a > 1 {
                    let mid = a + (b - a) / 2;
                    // Push the later half first so the earlier half is walked first.
                    match kind {
                        WindowKind::Calls => { pending.push((mid, b)); pending.push((a, mid)); }
                        WindowKind::Contacts => { pending.push((mid + 1, b)); pending.push((a, mid)); }
                    }
                    continue;
                }
                let mut page = 1;
                loop {
                    let q = ListQuery { page, per_page: MAX_PER_PAGE, ..bounds.clone() };
                    let (items, meta) = self.page::<T>(path, key, &q).await?;
                    let n = items.len() as u64;
                    for item in items {
                        yield item;
                    }
                    if meta.next_page_link.is_none() || n == 0 || (page + 1) * MAX_PER_PAGE > CAP {
                        break;
                    }
                    page += 1;
                }
            }
        })
    }
}

fn decode_value<T: DeserializeOwned>(v: Value, key: &str, api: &Api) -> Result<T, HttpError> {
    serde_path_to_error::deserialize(v).map_err(|e| HttpError::Decode {
        api: api.name(),
        path: key.to_string(),
        field: format!("{key}.{}", e.path()),
        message: e.inner().to_string(),
    })
}
