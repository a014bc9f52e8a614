//! The one HTTP layer both API clients use: reqwest with rustls, authentication, pacing,
//! retries, request logging (through an observer: this layer never prints) and errors that
//! carry what a user needs (API, method, path, status, the API's own message, request id,
//! retries made) and never a secret.

pub mod rate_limit;
pub mod retry;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio::time::Instant;
use url::Url;

pub use rate_limit::{RateLimiter, Scheme};
pub use retry::RetryPolicy;

use crate::secret::SecretString;

/// Which API a request went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiName {
    Aircall,
    Intercom,
}

impl std::fmt::Display for ApiName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ApiName::Aircall => "Aircall",
            ApiName::Intercom => "Intercom",
        })
    }
}

/// How a request authenticates.
#[derive(Clone, Debug)]
pub enum Auth {
    Basic { id: String, token: SecretString },
    Bearer(SecretString),
}

/// Whether a request may be sent again after a failure that does not prove it had no effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// GET, PUT, DELETE, and POSTs whose repetition is harmless (search, update).
    Safe,
    /// A POST that creates: retried only when the server surely did nothing.
    Unsafe,
}

/// One request, before authentication.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<serde_json::Value>,
    pub idempotency: Idempotency,
}

impl Request {
    pub fn get(path: impl Into<String>) -> Self {
        Request {
            method: Method::GET,
            path: path.into(),
            query: Vec::new(),
            body: None,
            idempotency: Idempotency::Safe,
        }
    }

    pub fn new(method: Method, path: impl Into<String>) -> Self {
        let idempotency = if method == Method::POST {
            Idempotency::Unsafe
        } else {
            Idempotency::Safe
        };
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            idempotency,
        }
    }

    /// Adds query parameters from a `Serialize` struct (never from hand-built strings).
    pub fn query<Q: Serialize>(mut self, q: &Q) -> Self {
        let value = serde_json::to_value(q).expect("query serializes");
        if let serde_json::Value::Object(map) = value {
            for (k, v) in map {
                match v {
                    serde_json::Value::Null => {}
                    serde_json::Value::String(s) => self.query.push((k, s)),
                    serde_json::Value::Array(items) => {
                        for item in items {
                            let s = match item {
                                serde_json::Value::String(s) => s,
                                other => other.to_string(),
                            };
                            self.query.push((format!("{k}[]"), s));
                        }
                    }
                    other => self.query.push((k, other.to_string())),
                }
            }
        }
        self
    }

    pub fn json<B: Serialize>(mut self, body: &B) -> Self {
        self.body = Some(serde_json::to_value(body).expect("body serializes"));
        self
    }

    /// Marks a POST as safe to repeat (search, update-by-POST, tag attach). A POST that creates
    /// or appends (a contact, a conversation, a reply, a part) never is: repeating it after a
    /// lost response makes a twin, so such a request stays unsafe whatever the caller says.
    pub fn idempotent(mut self) -> Self {
        debug_assert!(
            !creates_or_appends(&self.method, &self.path),
            "{} {} creates or appends: it is never safe to repeat",
            self.method,
            self.path
        );
        if !creates_or_appends(&self.method, &self.path) {
            self.idempotency = Idempotency::Safe;
        }
        self
    }
}

/// Whether a request adds something each time it is sent: the creating and appending routes
/// of both APIs (intercom-api.md §5.6, §7.3–§7.6; aircall-api.md contacts and their
/// sub-resources).
fn creates_or_appends(method: &Method, path: &str) -> bool {
    if *method != Method::POST {
        return false;
    }
    let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
    path.ends_with("/parts")
        || path.ends_with("/reply")
        || path == "/conversations"
        || path == "/contacts"
        || path == "/v1/contacts"
        || path.ends_with("/phone_details")
        || path.ends_with("/email_details")
        || path == "/conversations/attributes"
        || path == "/notes"
        || path.ends_with("/notes")
}

/// A response that was received (any status).
#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
    pub retries: u32,
    api: ApiName,
    path: String,
}

impl Response {
    /// Decodes the body, naming the failing field on error.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, HttpError> {
        let de = &mut serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(de).map_err(|e| HttpError::Decode {
            api: self.api,
            path: self.path.clone(),
            field: e.path().to_string(),
            message: e.inner().to_string(),
        })
    }
}

/// What went wrong with a request.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error(transparent)]
    Status(Box<StatusError>),
    #[error("{api} {method} {path} failed: {message}{}", retries_suffix(*retries))]
    Transport {
        api: ApiName,
        method: Method,
        path: String,
        message: String,
        retries: u32,
        /// The connection was never made, so the request surely had no effect.
        not_sent: bool,
    },
    #[error("{api} response to {path} did not decode at `{field}`: {message}")]
    Decode {
        api: ApiName,
        path: String,
        field: String,
        message: String,
    },
}

/// The API answered with a status other than 2xx.
#[derive(Debug, thiserror::Error)]
#[error("{api} {method} {path} answered {status}: {message}{}", retries_suffix(*retries))]
pub struct StatusError {
    pub api: ApiName,
    pub method: Method,
    pub path: String,
    pub status: u16,
    pub code: Option<String>,
    pub message: String,
    pub request_id: Option<String>,
    pub retries: u32,
    /// Response headers worth keeping (`Link` on a merged Intercom contact).
    pub link: Option<String>,
}

fn retries_suffix(n: u32) -> String {
    match n {
        0 => String::new(),
        1 => " (after 1 retry)".into(),
        n => format!(" (after {n} retries)"),
    }
}

impl HttpError {
    pub fn status(&self) -> Option<u16> {
        match self {
            HttpError::Status(e) => Some(e.status),
            _ => None,
        }
    }

    /// The API's error code (`conflict`, `rate_limit_exceeded`, …), when it gave one.
    pub fn code(&self) -> Option<&str> {
        match self {
            HttpError::Status(e) => e.code.as_deref(),
            _ => None,
        }
    }

    pub fn api(&self) -> ApiName {
        match self {
            HttpError::Status(e) => e.api,
            HttpError::Transport { api, .. } | HttpError::Decode { api, .. } => *api,
        }
    }

    /// The existing object's id named by a 409 conflict (Intercom: "A contact matching those
    /// details already exists with id=6762…"), read from the API's own message, never from
    /// this error's display text (which grows a retry suffix).
    pub fn conflict_id(&self) -> Option<&str> {
        let HttpError::Status(e) = self else {
            return None;
        };
        if e.status != 409 {
            return None;
        }
        let after = e.message.split("id=").nth(1)?;
        let id = after
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .filter(|s| !s.is_empty())?;
        Some(id)
    }

    /// Whether the request may have taken effect though no answer says so: the connection was
    /// made and then lost, or timed out, after the request was sent. Such a write's outcome is
    /// unknown and must be reconciled, never assumed failed.
    /// A 5xx or 408 answer to a creating or appending request counts too: the server may have
    /// done the work before failing to say so.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            HttpError::Transport { not_sent, .. } => !not_sent,
            HttpError::Status(e) => {
                matches!(e.status, 408 | 500..=599) && creates_or_appends(&e.method, &e.path)
            }
            HttpError::Decode { .. } => false,
        }
    }

    /// Whether a journaled write that ended in this error may still have landed: its
    /// outcome is unknown (a lost answer, or a server error that may follow the work), and
    /// the journal records it so, to be reconciled before the next write or an undo.
    pub fn write_may_have_landed(&self) -> bool {
        self.outcome_unknown() || matches!(self.status(), Some(408 | 500..=599))
    }

    /// Whether the same request may succeed if tried again later: the service was busy or
    /// failing (408, 429, 5xx) or the connection broke. A 4xx about the request itself, or an
    /// answer that does not decode, will not change by waiting.
    pub fn may_succeed_later(&self) -> bool {
        match self {
            HttpError::Status(e) => matches!(e.status, 408 | 429 | 500..=599),
            HttpError::Transport { .. } => true,
            HttpError::Decode { .. } => false,
        }
    }

    /// Credentials missing or rejected (Aircall answers 403 for a wrong key, 401 without one).
    pub fn is_auth(&self) -> bool {
        matches!(self.status(), Some(401) | Some(403)) && self.code() != Some("api_plan_restricted")
    }
}

/// One line of the request log, handed to the observer (printed at `-vv`).
#[derive(Debug, Clone)]
pub struct LogLine {
    pub api: ApiName,
    pub method: Method,
    pub path: String,
    pub status: Option<u16>,
    pub duration: Duration,
    pub attempt: u32,
    pub note: Option<String>,
    /// The pause before the next attempt (a 429's wait, or a retry's backoff), or before
    /// any request (`rate_limited`: the API said none are left until its reset).
    pub wait: Option<Duration>,
    /// The pause is the API's rate limit (a 429, or `Remaining: 0`).
    pub rate_limited: bool,
}

pub type Observer = Arc<dyn Fn(&LogLine) + Send + Sync>;

/// Rate-limit headers last seen, for `doctor`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RateSeen {
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    pub reset: Option<u64>,
}

/// Counters of one API's traffic in this run.
#[derive(Debug, Default)]
pub struct Stats {
    pub requests: AtomicU64,
    pub retries: AtomicU64,
    pub throttled: AtomicU64,
    pub rate_seen: Mutex<RateSeen>,
}

impl Stats {
    /// The rate-limit headers seen last.
    pub fn rate_seen(&self) -> RateSeen {
        self.rate_seen.lock().expect("stats lock").clone()
    }
}

/// Settings of one API connection.
#[derive(Debug, Clone)]
pub struct ApiConfig {
    pub name: ApiName,
    pub base_url: Url,
    pub auth: Auth,
    pub per_minute: u32,
    pub retry: RetryPolicy,
    /// Extra headers on every request (`Intercom-Version`).
    pub extra_headers: Vec<(&'static str, String)>,
}

struct Inner {
    config: ApiConfig,
    client: reqwest::Client,
    limiter: RateLimiter,
    stats: Stats,
    observer: Option<Observer>,
}

/// A connection to one API, cheap to clone and shared by every task of a run.
#[derive(Clone)]
pub struct Api(Arc<Inner>);

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api")
            .field("name", &self.0.config.name)
            .field("base_url", &self.0.config.base_url.as_str())
            .finish()
    }
}

impl Api {
    pub fn new(config: ApiConfig, observer: Option<Observer>) -> Result<Api, HttpError> {
        let scheme = match config.name {
            ApiName::Aircall => Scheme::PerMinute,
            ApiName::Intercom => Scheme::TenSecondWindows,
        };
        let client = reqwest::Client::builder()
            .user_agent(concat!("aircom/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .pool_max_idle_per_host(64)
            // Neither API redirects; following one could send credentials to another host.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| HttpError::Transport {
                api: config.name,
                method: Method::GET,
                path: String::new(),
                message: format!("building the HTTP client: {e}"),
                retries: 0,
                not_sent: true,
            })?;
        Ok(Api(Arc::new(Inner {
            limiter: RateLimiter::new(config.per_minute, scheme),
            config,
            client,
            stats: Stats::default(),
            observer,
        })))
    }

    pub fn name(&self) -> ApiName {
        self.0.config.name
    }

    pub fn base_url(&self) -> &Url {
        &self.0.config.base_url
    }

    pub fn stats(&self) -> &Stats {
        &self.0.stats
    }

    pub fn limiter(&self) -> &RateLimiter {
        &self.0.limiter
    }

    /// Sends a request with pacing and retries; any status other than 2xx is an error.
    pub async fn send(&self, req: Request) -> Result<Response, HttpError> {
        let resp = self.send_raw(req.clone()).await?;
        if resp.status.is_success() {
            return Ok(resp);
        }
        Err(self.status_error(&req, &resp))
    }

    /// Sends and decodes a 2xx JSON body.
    pub async fn json<T: DeserializeOwned>(&self, req: Request) -> Result<T, HttpError> {
        self.send(req).await?.json()
    }

    fn status_error(&self, req: &Request, resp: &Response) -> HttpError {
        let (code, message, request_id) = parse_error_body(&resp.body);
        HttpError::Status(Box::new(StatusError {
            api: self.name(),
            method: req.method.clone(),
            path: req.path.clone(),
            status: resp.status.as_u16(),
            code,
            message: message.unwrap_or_else(|| {
                resp.status
                    .canonical_reason()
                    .unwrap_or("unexpected status")
                    .to_string()
            }),
            request_id,
            retries: resp.retries,
            link: resp
                .headers
                .get("link")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
        }))
    }

    /// Sends with pacing and retries and returns whatever status came back last.
    pub async fn send_raw(&self, req: Request) -> Result<Response, HttpError> {
        let inner = &self.0;
        let policy = inner.config.retry;
        let url = self.url_for(&req)?;
        let mut attempt = 0u32;
        loop {
            inner.limiter.acquire().await;
            inner.stats.requests.fetch_add(1, Ordering::Relaxed);
            let started = Instant::now();
            let result = self.build(&req, url.clone()).send().await;
            let duration = started.elapsed();
            match result {
                Ok(resp) => {
                    let status = resp.status();
                    let headers = resp.headers().clone();
                    self.observe_headers(&headers, status);
                    let body = match resp.bytes().await {
                        Ok(b) => b,
                        Err(e) => {
                            // The server answered, so a create may have happened.
                            if req.idempotency == Idempotency::Safe && attempt < policy.max_retries
                            {
                                self.log(&req, None, duration, attempt, Some("body read failed"));
                                tokio::time::sleep(policy.backoff(attempt)).await;
                                attempt += 1;
                                inner.stats.retries.fetch_add(1, Ordering::Relaxed);
                                continue;
                            }
                            return Err(self.transport_error(&req, &e, attempt, false));
                        }
                    };
                    let code = status.as_u16();
                    let retry_ok = retry::retryable_status(code, req.idempotency)
                        && attempt < policy.max_retries;
                    if retry_ok {
                        let wait = if code == 429 {
                            inner.stats.throttled.fetch_add(1, Ordering::Relaxed);
                            let wait = self.throttle_wait(&headers, &policy);
                            inner.limiter.block_until(Instant::now() + wait);
                            wait
                        } else {
                            policy.backoff(attempt)
                        };
                        self.log_wait(
                            &req,
                            Some(code),
                            duration,
                            attempt,
                            Some(&format!("retrying in {}ms", wait.as_millis())),
                            Some(wait),
                        );
                        inner.stats.retries.fetch_add(1, Ordering::Relaxed);
                        // A 429 wait is taken by the limiter for every task.
                        if code != 429 {
                            tokio::time::sleep(wait).await;
                        }
                        attempt += 1;
                        continue;
                    }
                    self.log(&req, Some(code), duration, attempt, None);
                    return Ok(Response {
                        status,
                        headers,
                        body,
                        retries: attempt,
                        api: self.name(),
                        path: req.path.clone(),
                    });
                }
                Err(e) => {
                    let not_sent = e.is_connect();
                    // A name that does not resolve or a certificate that does not verify will
                    // not get better in a few seconds: report it at once.
                    let permanent = retry::is_permanent_transport(&e);
                    let may_retry = !permanent
                        && (req.idempotency == Idempotency::Safe || not_sent)
                        && attempt < policy.max_retries;
                    self.log(
                        &req,
                        None,
                        duration,
                        attempt,
                        Some(if e.is_timeout() {
                            "timed out"
                        } else if not_sent {
                            "connection failed"
                        } else {
                            "connection lost"
                        }),
                    );
                    if may_retry {
                        tokio::time::sleep(policy.backoff(attempt)).await;
                        attempt += 1;
                        inner.stats.retries.fetch_add(1, Ordering::Relaxed);
                        continue;
                    }
                    return Err(self.transport_error(&req, &e, attempt, not_sent));
                }
            }
        }
    }

    fn transport_error(
        &self,
        req: &Request,
        e: &reqwest::Error,
        retries: u32,
        not_sent: bool,
    ) -> HttpError {
        // reqwest's Display includes the URL, which carries no secret (auth is a header), but
        // keep the message to the cause alone so it reads well after the path.
        let mut message = if e.is_timeout() {
            "timed out".to_string()
        } else if e.is_connect() {
            "could not connect".to_string()
        } else {
            "request failed".to_string()
        };
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        HttpError::Transport {
            api: self.name(),
            method: req.method.clone(),
            path: req.path.clone(),
            message,
            retries,
            not_sent,
        }
    }

    fn url_for(&self, req: &Request) -> Result<Url, HttpError> {
        let base = self.0.config.base_url.as_str().trim_end_matches('/');
        Url::parse(&format!("{base}{}", req.path)).map_err(|e| HttpError::Transport {
            api: self.name(),
            method: req.method.clone(),
            path: req.path.clone(),
            message: format!("bad URL: {e}"),
            retries: 0,
            not_sent: true,
        })
    }

    fn build(&self, req: &Request, url: Url) -> reqwest::RequestBuilder {
        let inner = &self.0;
        let mut b = inner
            .client
            .request(req.method.clone(), url)
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(
                USER_AGENT,
                HeaderValue::from_static(concat!("aircom/", env!("CARGO_PKG_VERSION"))),
            );
        b = match &inner.config.auth {
            Auth::Basic { id, token } => b.basic_auth(id, Some(token.expose())),
            Auth::Bearer(token) => {
                let mut v = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
                    .unwrap_or_else(|_| HeaderValue::from_static("Bearer invalid"));
                v.set_sensitive(true);
                b.header(AUTHORIZATION, v)
            }
        };
        for (k, v) in &inner.config.extra_headers {
            b = b.header(*k, v.as_str());
        }
        if !req.query.is_empty() {
            b = b.query(&req.query);
        }
        if let Some(body) = &req.body {
            b = b
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(serde_json::to_vec(body).expect("json body"));
        } else if req.method != Method::GET {
            b = b.header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        b
    }

    fn header_names(&self) -> (&'static str, &'static str, &'static str) {
        match self.name() {
            ApiName::Aircall => (
                "x-aircallapi-limit",
                "x-aircallapi-remaining",
                "x-aircallapi-reset",
            ),
            ApiName::Intercom => (
                "x-ratelimit-limit",
                "x-ratelimit-remaining",
                "x-ratelimit-reset",
            ),
        }
    }

    fn observe_headers(&self, headers: &HeaderMap, status: StatusCode) {
        let (l, r, s) = self.header_names();
        let num = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let (limit, remaining, reset) = (num(l), num(r), num(s));
        if limit.is_none() && remaining.is_none() && reset.is_none() {
            return;
        }
        {
            let mut seen = self.0.stats.rate_seen.lock().expect("stats lock");
            *seen = RateSeen {
                limit,
                remaining,
                reset,
            };
        }
        if let Some(limit) = limit {
            // Intercom announces the per-10-second figure; Aircall the per-minute one.
            let per_minute = match self.name() {
                ApiName::Intercom => limit.saturating_mul(6),
                ApiName::Aircall => limit,
            };
            self.0
                .limiter
                .observe_limit(per_minute.min(u32::MAX as u64) as u32);
        }
        if remaining == Some(0) && status != StatusCode::TOO_MANY_REQUESTS {
            if let Some(until) = reset.and_then(reset_instant) {
                self.0.limiter.block_until(until);
                if let Some(obs) = &self.0.observer {
                    obs(&LogLine {
                        api: self.name(),
                        method: Method::GET,
                        path: String::new(),
                        status: Some(status.as_u16()),
                        duration: Duration::ZERO,
                        attempt: 0,
                        note: Some("no requests left until the reset".into()),
                        wait: Some(until.saturating_duration_since(Instant::now())),
                        rate_limited: true,
                    });
                }
            }
        }
    }

    /// How long to wait after a 429: `Retry-After`, else the reset header, else the API's
    /// documented block (Aircall 60 s, Intercom one 10-second window).
    fn throttle_wait(&self, headers: &HeaderMap, policy: &RetryPolicy) -> Duration {
        if policy.no_delay {
            return Duration::ZERO;
        }
        if let Some(wait) = headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(retry_after)
        {
            return wait.min(Duration::from_secs(300));
        }
        let (_, _, reset_name) = self.header_names();
        if let Some(until) = headers
            .get(reset_name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .and_then(reset_instant)
        {
            let wait = until.saturating_duration_since(Instant::now());
            // A little jitter: our clock and theirs differ.
            let jitter = Duration::from_millis(rand::Rng::random_range(&mut rand::rng(), 20..200));
            return (wait + jitter).min(Duration::from_secs(300));
        }
        match self.name() {
            ApiName::Aircall => Duration::from_secs(60),
            ApiName::Intercom => Duration::from_secs(10),
        }
    }

    fn log(
        &self,
        req: &Request,
        status: Option<u16>,
        duration: Duration,
        attempt: u32,
        note: Option<&str>,
    ) {
        self.log_wait(req, status, duration, attempt, note, None)
    }

    fn log_wait(
        &self,
        req: &Request,
        status: Option<u16>,
        duration: Duration,
        attempt: u32,
        note: Option<&str>,
        wait: Option<Duration>,
    ) {
        if let Some(obs) = &self.0.observer {
            obs(&LogLine {
                api: self.name(),
                method: req.method.clone(),
                path: req.path.clone(),
                status,
                duration,
                attempt,
                note: note.map(str::to_string),
                wait,
                rate_limited: status == Some(429),
            });
        }
    }
}

/// Converts a reset header (UNIX seconds; milliseconds when above 1e12) to an instant.
/// `Retry-After` (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date.
fn retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let secs = (at.as_second() - jiff::Timestamp::now().as_second()).max(0);
    Some(Duration::from_secs(secs as u64))
}

fn reset_instant(value: u64) -> Option<Instant> {
    let secs = if value > 1_000_000_000_000 {
        value / 1000
    } else {
        value
    };
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    let wait = secs.saturating_sub(now);
    Some(Instant::now() + Duration::from_secs(wait.min(300)))
}

/// Reads an error body leniently: Intercom's `error.list`, or Aircall's `troubleshoot`,
/// `errors`, `error` and `message`, whichever are there.
fn parse_error_body(body: &[u8]) -> (Option<String>, Option<String>, Option<String>) {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return (None, None, None);
    };
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
    if let Some(errors) = v.get("errors").and_then(|e| e.as_array()) {
        let first = errors.first();
        let code = first.and_then(|e| e.get("code")).and_then(s);
        let message = first
            .and_then(|e| e.get("message"))
            .and_then(s)
            .or_else(|| code.clone());
        return (code, message, v.get("request_id").and_then(s));
    }
    let message = v
        .get("troubleshoot")
        .and_then(s)
        .filter(|t| t != "BAD_REQUEST")
        .or_else(|| v.get("errors").and_then(s))
        .or_else(|| v.get("error").and_then(s))
        .or_else(|| v.get("message").and_then(s));
    (v.get("error").and_then(s), message, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_of_both_apis() {
        let (code, msg, rid) = parse_error_body(
            br#"{"type":"error.list","request_id":"r1","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}"#,
        );
        assert_eq!(code.as_deref(), Some("unauthorized"));
        assert_eq!(msg.as_deref(), Some("Access Token Invalid"));
        assert_eq!(rid.as_deref(), Some("r1"));
        let (_, msg, _) = parse_error_body(
            br#"{"error":"Bad Request","data":null,"message":"BAD_REQUEST","errors":"Your query is limited to 10k results","troubleshoot":"BAD_REQUEST","success":false}"#,
        );
        assert_eq!(msg.as_deref(), Some("Your query is limited to 10k results"));
        let (_, msg, _) = parse_error_body(br#"{"message":"Forbidden"}"#);
        assert_eq!(msg.as_deref(), Some("Forbidden"));
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(30);
        let text = jiff::fmt::rfc2822::to_string(&soon.to_zoned(jiff::tz::TimeZone::UTC)).unwrap();
        let got = retry_after(&text).unwrap();
        assert!(
            got <= Duration::from_secs(30) && got >= Duration::from_secs(28),
            "{got:?}"
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn creating_and_appending_posts_are_never_safe() {
        for path in [
            "/contacts",
            "/conversations",
            "/conversations/12/reply",
            "/conversations/12/parts",
            "/v1/contacts",
            "/v1/contacts/5/phone_details",
        ] {
            let r = Request::new(Method::POST, path);
            assert!(creates_or_appends(&r.method, &r.path), "{path}");
            assert_eq!(r.idempotency, Idempotency::Unsafe, "{path}");
        }
        for path in [
            "/contacts/search",
            "/conversations/search",
            "/v1/contacts/5",
            "/tags",
        ] {
            assert!(!creates_or_appends(&Method::POST, path), "{path}");
        }
        assert!(!creates_or_appends(&Method::PUT, "/contacts"));
    }

    #[test]
    fn query_from_struct() {
        #[derive(Serialize)]
        struct Q {
            page: u32,
            from: Option<i64>,
            tags: Vec<u64>,
        }
        let r = Request::get("/v1/calls").query(&Q {
            page: 2,
            from: None,
            tags: vec![1, 2],
        });
        assert_eq!(
            r.query,
            vec![
                ("page".to_string(), "2".to_string()),
                ("tags[]".to_string(), "1".to_string()),
                ("tags[]".to_string(), "2".to_string())
            ]
        );
    }
}
