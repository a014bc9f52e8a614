//! The sandbox: stateful fakes of the Aircall and Intercom APIs on loopback, seeded with demo
//! data, with both services' rate-limit schemes, latency and deterministic faults.
//!
//! Used by `aircom sandbox serve`, by `--sandbox` on any command (in-process), by every
//! integration test and by the benchmarks. It reads the digests in `shared/reference`
//! independently of the clients: this crate depends on no aircom code (the compiler enforces it).
//!
//! Every request goes through one pipeline: log, latency, auth, rate limit, fault, route.

pub mod aircall;
pub mod data;
pub mod faults;
pub mod intercom;
pub mod native;
pub mod world;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use serde_json::{json, Value};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

pub use faults::{Fault, FaultSpec, Latency};
pub use world::{Truth, World};

/// Credentials the sandbox accepts. Public on purpose: they open nothing but the sandbox.
pub const SANDBOX_AIRCALL_ID: &str = "sandbox-api-id";
pub const SANDBOX_AIRCALL_TOKEN: &str = "sandbox-aircall-token";
pub const SANDBOX_INTERCOM_TOKEN: &str = "sandbox-intercom-token";

/// Which fake a request reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    Aircall,
    Intercom,
}

/// How the sandbox is set up.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    pub seed: u64,
    pub contacts: usize,
    pub calls: usize,
    /// UNIX seconds the demo data is relative to (default: today's UTC midnight).
    pub anchor: Option<i64>,
    /// Days of call history before the anchor (`data::Seed::days`): default 60, the world
    /// this crate always seeded; 61 to 183 for a longer span with more outages.
    pub days: u32,
    /// Intercom contacts whose phone the native integration cannot read, with calls
    /// (`data::Seed::unreadable_callers`): `None` = none at 60 days, a few at other spans.
    pub unreadable_callers: Option<usize>,
    pub latency: Latency,
    pub faults: FaultSpec,
    /// Aircall's per-company limit, requests per minute.
    pub aircall_limit: u32,
    /// Intercom's per-app limit, requests per minute (applied per 10-second window).
    pub intercom_limit: u32,
    /// Send `X-AircallApi-*` on every response, not only once the limit is reached.
    pub aircall_headers_always: bool,
    /// Port of the Aircall fake (Intercom's is the next one); 0 picks free ports.
    pub port: u16,
    /// Load the world from here when it exists, and save it there on `save`.
    pub state_file: Option<PathBuf>,
    /// How long Intercom's search index trails API writes: a contact or conversation created
    /// (or changed) through the API is missing from (or stale in) `POST /contacts/search` and
    /// `POST /conversations/search` for this long; GET by id sees it at once.
    /// intercom-api.md §10.1: "Search lags behind writes. A new contact may be missing from
    /// `/contacts/search` for a few minutes"; §11: "A configurable 'index lag' switch".
    /// Default [`DEFAULT_SEARCH_LAG`] (a few seconds: the real "few minutes" would stall every
    /// drill); `Duration::ZERO` makes search see writes at once.
    pub search_lag: Duration,
}

/// The default [`SandboxOptions::search_lag`].
pub const DEFAULT_SEARCH_LAG: Duration = Duration::from_secs(3);

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            seed: 42,
            contacts: 300,
            calls: 240,
            anchor: None,
            days: world::DEFAULT_DAYS,
            unreadable_callers: None,
            latency: Latency::None,
            faults: FaultSpec::default(),
            aircall_limit: 6_000,
            intercom_limit: 60_000,
            aircall_headers_always: false,
            port: 0,
            state_file: None,
            search_lag: DEFAULT_SEARCH_LAG,
        }
    }
}

/// One request the sandbox received.
#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    pub seq: u64,
    pub service: Service,
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
    pub status: u16,
    /// The fault injected, if any.
    pub fault: Option<String>,
    pub at_ms: u128,
}

impl LogEntry {
    /// Whether this request changes state (anything but GET and searches).
    pub fn is_write(&self) -> bool {
        self.method != "GET" && !self.path.ends_with("/search")
    }
}

#[derive(Debug, Default)]
struct AircallLimit {
    window: VecDeque<std::time::Instant>,
    blocked_until: Option<std::time::Instant>,
}

#[derive(Debug, Default)]
struct IntercomLimit {
    window_start: i64,
    used: u32,
}

pub(crate) struct Shared {
    world: Mutex<World>,
    /// Intercom's lagging search index; locked only while `world` is held.
    search_index: Mutex<intercom::SearchIndex>,
    log: Mutex<Vec<LogEntry>>,
    opts: SandboxOptions,
    seq: AtomicU64,
    aircall_limit: Mutex<AircallLimit>,
    intercom_limit: Mutex<IntercomLimit>,
    /// Incremented per API for deterministic fault and latency draws.
    draws: [AtomicU64; 2],
    pub(crate) aircall_base: Mutex<String>,
}

/// A running sandbox. Dropping it stops both servers.
pub struct Sandbox {
    pub aircall_url: String,
    pub intercom_url: String,
    shared: Arc<Shared>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// Per-connection switch a handler pulls to drop the connection (a "connection reset").
#[derive(Clone)]
struct KillSwitch(Arc<Notify>);

impl Sandbox {
    /// Seeds (or loads) the world and starts both fakes on loopback.
    pub async fn start(opts: SandboxOptions) -> anyhow::Result<Sandbox> {
        let world = match &opts.state_file {
            Some(p) if p.exists() => {
                let text = std::fs::read_to_string(p)?;
                let mut w: World = serde_json::from_str(&text).map_err(|e| {
                    anyhow::anyhow!("sandbox state {} is not readable: {e}", p.display())
                })?;
                w.truth.fill_missing();
                w
            }
            _ => {
                if !(data::MIN_DAYS..=data::MAX_DAYS).contains(&opts.days) {
                    anyhow::bail!(
                        "sandbox days must be between {} and {}, not {}",
                        data::MIN_DAYS,
                        data::MAX_DAYS,
                        opts.days
                    );
                }
                data::generate(data::Seed {
                    seed: opts.seed,
                    contacts: opts.contacts,
                    calls: opts.calls,
                    anchor: opts.anchor.unwrap_or_else(data::default_anchor),
                    days: opts.days,
                    unreadable_callers: opts.unreadable_callers,
                })
            }
        };
        let shared = Arc::new(Shared {
            world: Mutex::new(world),
            search_index: Mutex::new(intercom::SearchIndex::new(opts.search_lag)),
            log: Mutex::new(Vec::new()),
            opts: opts.clone(),
            seq: AtomicU64::new(0),
            aircall_limit: Mutex::new(AircallLimit::default()),
            intercom_limit: Mutex::new(IntercomLimit::default()),
            draws: [AtomicU64::new(0), AtomicU64::new(0)],
            aircall_base: Mutex::new(String::new()),
        });
        let aircall_port = opts.port;
        let intercom_port = match opts.port {
            0 => 0,
            p => p.checked_add(1).ok_or_else(|| {
                anyhow::anyhow!("port {p} leaves no room for the Intercom fake on the next port")
            })?,
        };
        let (a_addr, a_task) = serve(shared.clone(), Service::Aircall, aircall_port).await?;
        let (i_addr, i_task) = serve(shared.clone(), Service::Intercom, intercom_port).await?;
        let aircall_url = format!("http://{a_addr}");
        *shared.aircall_base.lock().expect("lock") = aircall_url.clone();
        Ok(Sandbox {
            aircall_url,
            intercom_url: format!("http://{i_addr}"),
            shared,
            tasks: vec![a_task, i_task],
        })
    }

    /// A copy of the whole state.
    pub fn world(&self) -> World {
        self.shared.world.lock().expect("world").clone()
    }

    /// What was seeded on purpose.
    pub fn truth(&self) -> Truth {
        self.shared.world.lock().expect("world").truth.clone()
    }

    /// Changes the state directly (tests: edit a contact on the Intercom side).
    pub fn with_world<T>(&self, f: impl FnOnce(&mut World) -> T) -> T {
        let mut w = self.shared.world.lock().expect("world");
        let out = f(&mut w);
        w.intercom.created_index = None;
        out
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<LogEntry> {
        self.shared.log.lock().expect("log").clone()
    }

    pub fn clear_requests(&self) {
        self.shared.log.lock().expect("log").clear();
    }

    /// Writes the world to the state file (mode 0600), if one was given.
    pub fn save(&self) -> anyhow::Result<()> {
        if let Some(path) = &self.shared.opts.state_file {
            let text = serde_json::to_string(&*self.shared.world.lock().expect("world"))?;
            write_private(path, text.as_bytes())?;
        }
        Ok(())
    }
}

async fn serve(
    shared: Arc<Shared>,
    service: Service,
    port: u16,
) -> anyhow::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| anyhow::anyhow!("binding the {service:?} sandbox on port {port}: {e}"))?;
    let addr = listener.local_addr()?;
    let app = Router::new()
        .route("/_sandbox/state", get(admin_state))
        .route("/_sandbox/truth", get(admin_truth))
        .route("/_sandbox/log", get(admin_log).delete(admin_clear_log))
        .fallback(move |state: State<Arc<Shared>>, req: Request| api_entry(state, service, req))
        .with_state(shared);
    let task = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            // Closing with linger 0 sends a TCP RST: a real connection reset. (The deprecation
            // is about a blocking close, which a zero linger never does.)
            #[allow(deprecated)]
            let _ = stream.set_linger(Some(Duration::ZERO));
            let _ = stream.set_nodelay(true);
            let app = app.clone();
            tokio::spawn(async move {
                let kill = Arc::new(Notify::new());
                let switch = KillSwitch(kill.clone());
                let svc = hyper::service::service_fn(
                    move |mut req: hyper::Request<hyper::body::Incoming>| {
                        req.extensions_mut().insert(switch.clone());
                        let app = app.clone();
                        async move {
                            use tower::ServiceExt;
                            app.oneshot(req.map(Body::new)).await
                        }
                    },
                );
                let conn = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), svc);
                tokio::select! {
                    _ = conn => {}
                    _ = kill.notified() => {}
                }
            });
        }
    });
    Ok((addr, task))
}

async fn admin_state(State(s): State<Arc<Shared>>) -> Json<Value> {
    Json(serde_json::to_value(&*s.world.lock().expect("world")).unwrap_or(Value::Null))
}

async fn admin_truth(State(s): State<Arc<Shared>>) -> Response {
    // Written straight to bytes (no `Value` in between): the truth of a 20,000-call world is
    // tens of megabytes.
    let mut out = {
        let w = s.world.lock().expect("world");
        let mut out = serde_json::to_vec(&w.truth).unwrap_or_else(|_| b"{}".to_vec());
        // The truth's counts (world.rs `Truth::summary`), next to the truth itself.
        let summary = serde_json::to_vec(&w.truth.summary()).unwrap_or_else(|_| b"null".to_vec());
        if out.pop() == Some(b'}') {
            if out.len() > 1 {
                out.push(b',');
            }
            out.extend_from_slice(b"\"summary\":");
            out.extend_from_slice(&summary);
            out.push(b'}');
        }
        out
    };
    out.shrink_to_fit();
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        out,
    )
        .into_response()
}

async fn admin_log(State(s): State<Arc<Shared>>) -> Json<Value> {
    Json(serde_json::to_value(&*s.log.lock().expect("log")).unwrap_or(Value::Null))
}

async fn admin_clear_log(State(s): State<Arc<Shared>>) -> StatusCode {
    s.log.lock().expect("log").clear();
    StatusCode::NO_CONTENT
}

/// What a route answers.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub body: Option<Value>,
    pub headers: Vec<(&'static str, String)>,
}

impl Answer {
    pub fn json(status: u16, body: Value) -> Answer {
        Answer {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body: Some(body),
            headers: Vec::new(),
        }
    }

    pub fn empty(status: u16) -> Answer {
        Answer {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body: None,
            headers: Vec::new(),
        }
    }
}

/// A parsed API request, as the routes see it.
pub(crate) struct Call<'a> {
    pub method: &'a Method,
    pub segments: Vec<&'a str>,
    pub query: &'a [(String, String)],
    pub body: Option<&'a Value>,
    pub now: i64,
}

impl Call<'_> {
    pub fn q(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn q_all(&self, key: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

fn now_s() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn draw(shared: &Shared, service: Service, salt: u64) -> f64 {
    let idx = service as usize;
    let n = shared.draws[idx].fetch_add(1, Ordering::SeqCst);
    let mut rng = ChaCha8Rng::seed_from_u64(
        shared.opts.seed ^ (salt << 48) ^ ((idx as u64) << 40) ^ n.wrapping_mul(0x9E37_79B9),
    );
    rng.random::<f64>()
}

async fn api_entry(State(shared): State<Arc<Shared>>, service: Service, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let kill = parts.extensions.get::<KillSwitch>().cloned();
    let method = parts.method.clone();
    let path = parts.uri.path().to_string();
    let query: Vec<(String, String)> = parts
        .uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    let bytes: Bytes = axum::body::to_bytes(body, 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let parsed_body: Result<Option<Value>, ()> = if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        Ok(None)
    } else {
        serde_json::from_slice(&bytes).map(Some).map_err(|_| ())
    };
    let seq = shared.seq.fetch_add(1, Ordering::SeqCst);
    let started = std::time::Instant::now();

    // Latency.
    let latency = shared.opts.latency.pick(draw(&shared, service, 1));
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }

    let mut fault_name = None;
    let answer = 'answer: {
        // Auth.
        if let Some(a) = check_auth(service, &parts.headers) {
            break 'answer a;
        }
        // Rate limit.
        if let Some(a) = rate_limit(&shared, service) {
            fault_name = Some("rate_limit".to_string());
            break 'answer a;
        }
        // Faults.
        let roll = draw(&shared, service, 2);
        let fault = shared.opts.faults.pick(service, &path, roll);
        match fault {
            Some(Fault::ServerError) => {
                let codes = [500u16, 502, 503];
                let code = codes[(draw(&shared, service, 3) * 3.0) as usize % 3];
                fault_name = Some(code.to_string());
                break 'answer server_error(service, code);
            }
            Some(Fault::TooMany) => {
                fault_name = Some("429".into());
                break 'answer injected_429(&shared, service);
            }
            Some(Fault::Reset) => {
                record(
                    &shared,
                    seq,
                    service,
                    &method,
                    &path,
                    &query,
                    &parsed_body,
                    0,
                    Some("reset"),
                    started,
                );
                if let Some(k) = kill {
                    k.0.notify_one();
                }
                return futures::future::pending().await;
            }
            Some(Fault::Slow) => {
                fault_name = Some("slow".into());
                tokio::time::sleep(shared.opts.faults.slow_for).await;
            }
            Some(Fault::ResetAfter) | None => {}
        }
        let body = match &parsed_body {
            Ok(b) => b.as_ref(),
            Err(()) => break 'answer malformed(service),
        };
        let call = Call {
            method: &method,
            segments: path
                .trim_matches('/')
                .split('/')
                .filter(|s| !s.is_empty())
                .collect(),
            query: &query,
            body,
            now: now_s(),
        };
        let routed = {
            let mut world = shared.world.lock().expect("world");
            match service {
                Service::Aircall => {
                    let base = shared.aircall_base.lock().expect("base").clone();
                    aircall::route(&mut world, &call, &base)
                }
                Service::Intercom => {
                    let version = parts
                        .headers
                        .get("intercom-version")
                        .map(|v| v.to_str().unwrap_or("").to_string());
                    match version {
                        Some(v) if !intercom::version_ok(&v) => intercom::error(
                            400,
                            "intercom_version_invalid",
                            "Requested resource is not available in current API version",
                        ),
                        _ => {
                            let mut ix = shared.search_index.lock().expect("index");
                            intercom::route(&mut world, &mut ix, &call)
                        }
                    }
                }
            }
        };
        let a = routed;
        if fault == Some(Fault::ResetAfter) {
            record(
                &shared,
                seq,
                service,
                &method,
                &path,
                &query,
                &parsed_body,
                a.status.as_u16(),
                Some("reset_after"),
                started,
            );
            if let Some(k) = kill {
                k.0.notify_one();
            }
            return futures::future::pending().await;
        }
        a
    };

    let mut headers = HeaderMap::new();
    for (k, v) in &answer.headers {
        if let Ok(v) = HeaderValue::from_str(v) {
            headers.insert(*k, v);
        }
    }
    // Intercom sends its rate-limit headers on every authenticated response.
    if service == Service::Intercom
        && answer.status != StatusCode::UNAUTHORIZED
        && !headers.contains_key("x-ratelimit-limit")
    {
        for (k, v) in intercom_headers(&shared) {
            headers.insert(k, HeaderValue::from_str(&v).expect("header"));
        }
    }
    if service == Service::Aircall
        && shared.opts.aircall_headers_always
        && !headers.contains_key("x-aircallapi-limit")
    {
        for (k, v) in aircall_headers(&shared) {
            headers.insert(k, HeaderValue::from_str(&v).expect("header"));
        }
    }
    record(
        &shared,
        seq,
        service,
        &method,
        &path,
        &query,
        &parsed_body,
        answer.status.as_u16(),
        fault_name.as_deref(),
        started,
    );
    let mut resp = match answer.body {
        Some(b) => (answer.status, Json(b)).into_response(),
        None => answer.status.into_response(),
    };
    resp.headers_mut().extend(headers);
    resp
}

#[allow(clippy::too_many_arguments)]
fn record(
    shared: &Shared,
    seq: u64,
    service: Service,
    method: &Method,
    path: &str,
    query: &[(String, String)],
    body: &Result<Option<Value>, ()>,
    status: u16,
    fault: Option<&str>,
    started: std::time::Instant,
) {
    let _ = started;
    shared.log.lock().expect("log").push(LogEntry {
        seq,
        service,
        method: method.to_string(),
        path: path.to_string(),
        query: query.to_vec(),
        body: body.clone().ok().flatten(),
        status,
        fault: fault.map(str::to_string),
        at_ms: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0),
    });
}

fn check_auth(service: Service, headers: &HeaderMap) -> Option<Answer> {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    match service {
        Service::Aircall => {
            let Some(auth) = auth else {
                return Some(Answer::json(401, json!({"message": "Unauthorized"})));
            };
            let expected = {
                use base64::Engine;
                base64::engine::general_purpose::STANDARD
                    .encode(format!("{SANDBOX_AIRCALL_ID}:{SANDBOX_AIRCALL_TOKEN}"))
            };
            if auth == format!("Basic {expected}")
                || auth == format!("Bearer {SANDBOX_AIRCALL_TOKEN}")
            {
                None
            } else {
                Some(Answer::json(403, json!({"message": "Forbidden"})))
            }
        }
        Service::Intercom => {
            if auth.as_deref() == Some(&format!("Bearer {SANDBOX_INTERCOM_TOKEN}")) {
                None
            } else {
                Some(intercom::error(401, "unauthorized", "Access Token Invalid"))
            }
        }
    }
}

fn rate_limit(shared: &Shared, service: Service) -> Option<Answer> {
    match service {
        Service::Aircall => {
            let limit = shared.opts.aircall_limit.max(1) as usize;
            let now = std::time::Instant::now();
            let mut st = shared.aircall_limit.lock().expect("limit");
            if let Some(b) = st.blocked_until {
                if b > now {
                    return Some(aircall_429(shared, b));
                }
                st.blocked_until = None;
            }
            while st
                .window
                .front()
                .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(60))
            {
                st.window.pop_front();
            }
            if st.window.len() >= limit {
                // The digest: access is blocked for 60 s once the limit is passed.
                let until = now + Duration::from_secs(60);
                st.blocked_until = Some(until);
                return Some(aircall_429(shared, until));
            }
            st.window.push_back(now);
            None
        }
        Service::Intercom => {
            let per_window = (shared.opts.intercom_limit / 6).max(1);
            let now = now_s();
            let start = now - now.rem_euclid(10);
            let mut st = shared.intercom_limit.lock().expect("limit");
            if st.window_start != start {
                st.window_start = start;
                st.used = 0;
            }
            if st.used >= per_window {
                let mut a = intercom::error(
                    429,
                    "rate_limit_exceeded",
                    &format!("Exceeded rate limit of {per_window} in 10_seconds"),
                );
                a.headers = vec![
                    ("x-ratelimit-limit", per_window.to_string()),
                    ("x-ratelimit-remaining", "0".into()),
                    ("x-ratelimit-reset", (start + 10).to_string()),
                ];
                return Some(a);
            }
            st.used += 1;
            None
        }
    }
}

fn intercom_headers(shared: &Shared) -> Vec<(&'static str, String)> {
    let per_window = (shared.opts.intercom_limit / 6).max(1);
    let st = shared.intercom_limit.lock().expect("limit");
    vec![
        ("x-ratelimit-limit", per_window.to_string()),
        (
            "x-ratelimit-remaining",
            per_window.saturating_sub(st.used).to_string(),
        ),
        ("x-ratelimit-reset", (st.window_start + 10).to_string()),
    ]
}

fn aircall_headers(shared: &Shared) -> Vec<(&'static str, String)> {
    let limit = shared.opts.aircall_limit;
    let st = shared.aircall_limit.lock().expect("limit");
    let reset = st
        .window
        .front()
        .map(|t| {
            let left = Duration::from_secs(60).saturating_sub(t.elapsed());
            now_s() + left.as_secs() as i64 + 1
        })
        .unwrap_or_else(|| now_s() + 60);
    vec![
        ("x-aircallapi-limit", limit.to_string()),
        (
            "x-aircallapi-remaining",
            (limit as usize).saturating_sub(st.window.len()).to_string(),
        ),
        ("x-aircallapi-reset", reset.to_string()),
    ]
}

fn aircall_429(shared: &Shared, until: std::time::Instant) -> Answer {
    let secs = until
        .saturating_duration_since(std::time::Instant::now())
        .as_secs()
        + 1;
    let mut a = Answer::json(
        429,
        json!({"error": "Too Many Requests", "troubleshoot": format!("Rate limit reached, retry after {secs} seconds")}),
    );
    a.headers = vec![
        ("x-aircallapi-limit", shared.opts.aircall_limit.to_string()),
        ("x-aircallapi-remaining", "0".into()),
        ("x-aircallapi-reset", (now_s() + secs as i64).to_string()),
    ];
    a
}

/// An injected 429: a transient refusal that clears within a second, so fault drills stay
/// quick (the real limiters above model the documented blocks).
fn injected_429(shared: &Shared, service: Service) -> Answer {
    match service {
        Service::Aircall => aircall_429(shared, std::time::Instant::now()),
        Service::Intercom => {
            let per_window = (shared.opts.intercom_limit / 6).max(1);
            let mut a = intercom::error(
                429,
                "rate_limit_exceeded",
                &format!("Exceeded rate limit of {per_window} in 10_seconds"),
            );
            a.headers = vec![
                ("x-ratelimit-limit", per_window.to_string()),
                ("x-ratelimit-remaining", "0".into()),
                ("x-ratelimit-reset", (now_s() + 1).to_string()),
            ];
            a
        }
    }
}

fn server_error(service: Service, code: u16) -> Answer {
    match service {
        Service::Aircall => Answer::json(
            code,
            json!({"error": "Internal Server Error", "troubleshoot": "Please retry later"}),
        ),
        Service::Intercom => intercom::error(code, "server_error", "Server Error"),
    }
}

fn malformed(service: Service) -> Answer {
    match service {
        Service::Aircall => Answer::json(
            400,
            json!({"error": "Bad Request", "troubleshoot": "Body is not valid JSON"}),
        ),
        Service::Intercom => {
            intercom::error(400, "parameter_invalid", "Invalid JSON in request body")
        }
    }
}

/// Writes `bytes` to `path` atomically (temp file + rename), readable by the owner only: the
/// state file holds demo customer data.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!(
        "{}.tmp",
        path.extension().and_then(|e| e.to_str()).unwrap_or("")
    ));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)
}
