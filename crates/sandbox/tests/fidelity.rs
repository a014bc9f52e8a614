//! Fidelity: the sandbox against the written references, one documented sentence per check.
//! Every expectation quotes its source (`intercom-api.md` = `shared/reference/intercom-api.md`,
//! "spec" = `shared/specs/intercom-openapi-2.16.yaml`). Plain reqwest, no aircom code.

use std::time::{Duration, Instant};

use aircom_sandbox::{
    FaultSpec, Sandbox, SandboxOptions, SANDBOX_AIRCALL_ID, SANDBOX_AIRCALL_TOKEN,
    SANDBOX_INTERCOM_TOKEN,
};
use reqwest::Method as M;
use serde_json::{json, Value};

mod support;
use support::*;

/// How an HTTP request ended.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// A response: status and how long it took.
    Status(u16, Duration),
    /// No response: the connection was reset.
    Lost,
}

struct Http {
    c: reqwest::Client,
    aircall: String,
    intercom: String,
}

impl Http {
    fn new(sb: &Sandbox) -> Http {
        Http {
            // No connection reuse: a reset connection must not be retried or reused, so each
            // request's outcome is its own.
            c: reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap(),
            aircall: sb.aircall_url.clone(),
            intercom: sb.intercom_url.clone(),
        }
    }

    fn request(&self, svc: Svc, m: M, path: &str, body: Option<&Value>) -> reqwest::RequestBuilder {
        let r = match svc {
            Svc::Aircall => self
                .c
                .request(m, format!("{}{path}", self.aircall))
                .basic_auth(SANDBOX_AIRCALL_ID, Some(SANDBOX_AIRCALL_TOKEN)),
            Svc::Intercom => self
                .c
                .request(m, format!("{}{path}", self.intercom))
                .bearer_auth(SANDBOX_INTERCOM_TOKEN)
                .header("Intercom-Version", "2.16"),
        };
        match body {
            Some(b) => r.json(b),
            None => r,
        }
    }

    async fn outcome(&self, svc: Svc, m: M, path: &str, body: Option<&Value>) -> Outcome {
        let t = Instant::now();
        match self.request(svc, m, path, body).send().await {
            Ok(r) => {
                let s = r.status().as_u16();
                match r.bytes().await {
                    Ok(_) => Outcome::Status(s, t.elapsed()),
                    Err(_) => Outcome::Lost,
                }
            }
            Err(_) => Outcome::Lost,
        }
    }

    async fn ic(&self, m: M, path: &str, body: Option<Value>) -> (u16, Value) {
        let r = self
            .request(Svc::Intercom, m, path, body.as_ref())
            .send()
            .await
            .expect("response");
        let s = r.status().as_u16();
        (s, r.json().await.unwrap_or(Value::Null))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Svc {
    Aircall,
    Intercom,
}

/// What a test needs from the seeded world.
struct Seeded {
    contact_id: String,
    contact_role: String,
    conversation_id: String,
    admin_id: String,
    call_id: i64,
}

fn seeded(sb: &Sandbox) -> Seeded {
    let w = sb.world();
    let ct = w
        .intercom
        .contacts
        .values()
        .find(|c| c.merged_into.is_none())
        .expect("a contact")
        .clone();
    Seeded {
        contact_id: ct.id.clone(),
        contact_role: ct.role.clone(),
        conversation_id: w
            .intercom
            .conversations
            .keys()
            .next()
            .expect("a conversation")
            .clone(),
        admin_id: w.intercom.me.clone(),
        call_id: w.aircall.calls.first().expect("a call").id,
    }
}

async fn start(lag: Duration) -> Sandbox {
    Sandbox::start(SandboxOptions {
        search_lag: lag,
        ..options()
    })
    .await
    .expect("sandbox starts")
}

async fn create_conversation(h: &Http, s: &Seeded, body: &str) -> String {
    let (st, m) = h
        .ic(
            M::POST,
            "/conversations",
            Some(json!({"from": {"type": s.contact_role, "id": s.contact_id}, "body": body})),
        )
        .await;
    assert_eq!(st, 200, "{m}");
    m["conversation_id"]
        .as_str()
        .expect("conversation_id")
        .to_string()
}

async fn reply(h: &Http, s: &Seeded, conv: &str, kind: &str, body: &str) -> Value {
    let (st, v) = h
        .ic(
            M::POST,
            &format!("/conversations/{conv}/reply"),
            Some(json!({"message_type": kind, "type": "admin", "admin_id": s.admin_id, "body": body})),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    v
}

fn last_part_body(conv: &Value) -> String {
    conv["conversation_parts"]["conversation_parts"]
        .as_array()
        .and_then(|p| p.last())
        .and_then(|p| p["body"].as_str())
        .expect("a part body")
        .to_string()
}

// ------------------------------------------------------------------ HTML bodies

const NASTY: &str = r#"Tom & Jerry <3 "quoted" it's"#;
/// `NASTY` as Intercom serves it: one paragraph, `&<>"'` escaped (`'` as `&#x27;`).
const NASTY_HTML: &str = "<p>Tom &amp; Jerry &lt;3 &quot;quoted&quot; it&#x27;s</p>";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_text_bodies_come_back_as_escaped_html_paragraphs() {
    let sb = start(Duration::ZERO).await;
    let h = Http::new(&sb);
    let s = seeded(&sb);
    // intercom-api.md §7.1: source "`body` (HTML)"; conversation part "`body?` (HTML)"; the
    // spec's part example is `"<p>Okay!</p>"`. A plain-text body is stored and served as HTML.
    let conv = create_conversation(&h, &s, NASTY).await;
    let (_, v) = h.ic(M::GET, &format!("/conversations/{conv}"), None).await;
    assert_eq!(v["source"]["body"], NASTY_HTML, "source.body is HTML");

    // §7.4 reply: comment and note bodies become parts, whose body is HTML (§7.1).
    let r = reply(&h, &s, &conv, "comment", NASTY).await;
    assert_eq!(last_part_body(&r), NASTY_HTML, "the reply's response part");
    reply(&h, &s, &conv, "note", "a < b & c > d").await;
    let (_, v) = h.ic(M::GET, &format!("/conversations/{conv}"), None).await;
    let bodies: Vec<&str> = v["conversation_parts"]["conversation_parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["body"].as_str())
        .collect();
    assert_eq!(bodies, vec![NASTY_HTML, "<p>a &lt; b &amp; c &gt; d</p>"]);

    // §7.5/§7.6: the optional body posted with a close is a part body too.
    let (st, v) = h
        .ic(
            M::POST,
            &format!("/conversations/{conv}/parts"),
            Some(json!({"message_type": "close", "type": "admin", "admin_id": s.admin_id, "body": "Done & dusted"})),
        )
        .await;
    assert_eq!(st, 200);
    assert_eq!(last_part_body(&v), "<p>Done &amp; dusted</p>");

    // Every read path serves the stored HTML: list (§7.9) and search (§7.8) items carry
    // `source` (without parts: "never in list or search results", §7.1).
    let (_, v) = h
        .ic(
            M::POST,
            "/conversations/search",
            Some(json!({"query": {"field": "id", "operator": "=", "value": conv}})),
        )
        .await;
    assert_eq!(v["conversations"][0]["source"]["body"], NASTY_HTML);
    // §7.8: "`source.body` is matched word by word": the words of the text, not the markup.
    let (_, v) = h
        .ic(
            M::POST,
            "/conversations/search",
            Some(json!({"query": {"operator": "AND", "value": [
                {"field": "id", "operator": "=", "value": conv},
                {"field": "source.body", "operator": "=", "value": "jerry"}]}})),
        )
        .await;
    assert_eq!(v["total_count"], 1, "a word of the text matches");
    let (_, v) = h
        .ic(
            M::POST,
            "/conversations/search",
            Some(json!({"query": {"operator": "AND", "value": [
                {"field": "id", "operator": "=", "value": conv},
                {"field": "source.body", "operator": "=", "value": "amp"}]}})),
        )
        .await;
    assert_eq!(v["total_count"], 0, "an entity's letters are not a word");
    let (_, v) = h.ic(M::GET, "/conversations?per_page=150", None).await;
    let listed = v["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == conv.as_str())
        .expect("the new conversation is listed (it was updated last)")
        .clone();
    assert_eq!(listed["source"]["body"], NASTY_HTML);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_posted_to_create_is_not_html() {
    let sb = start(Duration::ZERO).await;
    let h = Http::new(&sb);
    let s = seeded(&sb);
    // Spec, create_conversation_request.body: "The content of the message. HTML is not
    // supported." (intercom-api.md §7.3: "plain text; 'HTML is not supported'"). Tags in it
    // are text, escaped like any other `<`.
    let conv = create_conversation(&h, &s, "<b>hi</b>").await;
    let (_, v) = h.ic(M::GET, &format!("/conversations/{conv}"), None).await;
    assert_eq!(v["source"]["body"], "<p>&lt;b&gt;hi&lt;/b&gt;</p>");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lines_become_paragraphs() {
    let sb = start(Duration::ZERO).await;
    let h = Http::new(&sb);
    let s = seeded(&sb);
    // The spec's multi-line bodies are one `<p>` per paragraph
    // (`<p>Hi …,</p><p>I understand …</p><p>Is there anything else …</p>`); the digest is
    // silent on newlines, so each line of a plain-text body is one paragraph.
    let conv = create_conversation(&h, &s, "Line one\nLine two\r\n\nLine three").await;
    let (_, v) = h.ic(M::GET, &format!("/conversations/{conv}"), None).await;
    assert_eq!(
        v["source"]["body"],
        "<p>Line one</p><p>Line two</p><p>Line three</p>"
    );
    // ...and `display_as=plaintext` gives the lines back.
    let (_, v) = h
        .ic(
            M::GET,
            &format!("/conversations/{conv}?display_as=plaintext"),
            None,
        )
        .await;
    assert_eq!(v["source"]["body"], "Line one\nLine two\nLine three");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_html_note_keeps_its_markup() {
    let sb = start(Duration::ZERO).await;
    let h = Http::new(&sb);
    let s = seeded(&sb);
    // intercom-api.md §7.4: a note is "internal, visible to teammates only; some HTML
    // allowed"; spec: "Notes accept some HTML formatting." The posted HTML is kept.
    let note = r#"<p><b>Caller:</b> +33762043575<br>Recording: <a href="https://rec.example/1?a=1&amp;b=2">listen</a></p>"#;
    let conv = create_conversation(&h, &s, "Inbound call").await;
    let r = reply(&h, &s, &conv, "note", note).await;
    assert_eq!(last_part_body(&r), note);
    let (_, v) = h.ic(M::GET, &format!("/conversations/{conv}"), None).await;
    assert_eq!(last_part_body(&v), note);
    assert!(last_part_body(&v).contains("<b>Caller:</b>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn display_as_plaintext_gives_the_text_back() {
    let sb = start(Duration::ZERO).await;
    let h = Http::new(&sb);
    let s = seeded(&sb);
    let conv = create_conversation(&h, &s, NASTY).await;
    reply(&h, &s, &conv, "comment", NASTY).await;
    reply(
        &h,
        &s,
        &conv,
        "note",
        r#"<p><b>Duration:</b> 3m12s<br>Recording: <a href="https://rec.example/1?a=1&amp;b=2">listen</a></p>"#,
    )
    .await;
    // Spec, GET /conversations/{id} `display_as`: "Set to plaintext to retrieve conversation
    // messages in plain text. This affects both the body and subject fields. Inline links are
    // rendered as `label (url)`". (intercom-api.md §7.2: "`display_as=plaintext` turns
    // body/subject HTML into text, with links as `label (url)`".)
    let (st, v) = h
        .ic(
            M::GET,
            &format!("/conversations/{conv}?display_as=plaintext"),
            None,
        )
        .await;
    assert_eq!(st, 200);
    assert_eq!(v["source"]["body"], NASTY, "source.body as text");
    let bodies: Vec<&str> = v["conversation_parts"]["conversation_parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["body"].as_str())
        .collect();
    assert_eq!(
        bodies,
        vec![
            NASTY,
            "Duration: 3m12s\nRecording: listen (https://rec.example/1?a=1&b=2)"
        ]
    );
    // The subject is a body-like field too; it stays a string.
    assert!(v["source"]["subject"].is_string());
    // Without the parameter the same conversation is HTML.
    let (_, v) = h.ic(M::GET, &format!("/conversations/{conv}"), None).await;
    assert_eq!(v["source"]["body"], NASTY_HTML);
}

// ------------------------------------------------------------------ search lag

async fn contact_hits(h: &Http, field: &str, value: &str) -> i64 {
    let (st, v) = h
        .ic(
            M::POST,
            "/contacts/search",
            Some(json!({"query": {"field": field, "operator": "=", "value": value}})),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    v["total_count"].as_i64().unwrap()
}

async fn conversation_hits(h: &Http, contact: &str, conv: &str) -> i64 {
    let (st, v) = h
        .ic(
            M::POST,
            "/conversations/search",
            Some(json!({"query": {"operator": "AND", "value": [
                {"field": "contact_ids", "operator": "=", "value": contact},
                {"field": "id", "operator": "=", "value": conv}]}})),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    v["total_count"].as_i64().unwrap()
}

const LAG: Duration = Duration::from_millis(1500);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_contact_reaches_search_only_after_the_lag() {
    let sb = start(LAG).await;
    let h = Http::new(&sb);
    let t0 = Instant::now();
    let (st, ct) = h
        .ic(
            M::POST,
            "/contacts",
            Some(json!({"role": "lead", "phone": "+33799000111", "email": "lag@fidelity.example", "external_id": "fid-lag-1"})),
        )
        .await;
    assert_eq!(st, 200);
    let id = ct["id"].as_str().unwrap().to_string();
    // intercom-api.md §10.1: "Search lags behind writes. A new contact may be missing from
    // `/contacts/search` for a few minutes [spec]" (§5.4: "A newly created contact may take
    // 'a few minutes' to show up in search").
    assert_eq!(
        contact_hits(&h, "phone", "+33799000111").await,
        0,
        "by phone, at once"
    );
    assert_eq!(
        contact_hits(&h, "email", "lag@fidelity.example").await,
        0,
        "by email, at once"
    );
    // §10.1: "Use GET by id, or `find_by_external_id`, for read-after-write."
    let (st, got) = h.ic(M::GET, &format!("/contacts/{id}"), None).await;
    assert_eq!((st, got["phone"].as_str()), (200, Some("+33799000111")));
    // §5.6 / §10.1: the duplicate check is not the index: "search-then-create integrations
    // get 409s" and "a 409 on contact create after a timed-out retry means the first attempt
    // worked", even while search misses the contact.
    let (st, dup) = h
        .ic(
            M::POST,
            "/contacts",
            Some(json!({"role": "lead", "external_id": "fid-lag-1"})),
        )
        .await;
    assert_eq!(st, 409, "{dup}");
    assert!(dup["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains(&format!("id={id}")));
    assert!(t0.elapsed() < LAG, "the checks above ran inside the lag");
    tokio::time::sleep(LAG.saturating_sub(t0.elapsed()) + Duration::from_millis(200)).await;
    assert_eq!(
        contact_hits(&h, "phone", "+33799000111").await,
        1,
        "by phone, after the lag"
    );
    assert_eq!(
        contact_hits(&h, "email", "lag@fidelity.example").await,
        1,
        "by email, after the lag"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contact_update_reaches_search_only_after_the_lag() {
    let sb = start(LAG).await;
    let h = Http::new(&sb);
    let w = sb.world();
    let ct = w
        .intercom
        .contacts
        .values()
        .find(|c| c.merged_into.is_none() && c.phone.is_some())
        .unwrap()
        .clone();
    let old = ct.phone.clone().unwrap();
    let old_hits = contact_hits(&h, "phone", &old).await;
    // Seeded contacts are indexed from the start.
    assert!(old_hits >= 1, "a seeded contact is searchable at once");
    let t0 = Instant::now();
    let (st, _) = h
        .ic(
            M::PUT,
            &format!("/contacts/{}", ct.id),
            Some(json!({"phone": "+33799000222"})),
        )
        .await;
    assert_eq!(st, 200);
    // §10.1 "Search lags behind writes": until the index catches up it still holds the old
    // phone, so the contact is found by the old value and not by the new one.
    assert_eq!(contact_hits(&h, "phone", "+33799000222").await, 0);
    assert_eq!(contact_hits(&h, "phone", &old).await, old_hits);
    let (_, got) = h.ic(M::GET, &format!("/contacts/{}", ct.id), None).await;
    assert_eq!(got["phone"], "+33799000222", "GET sees the write at once");
    assert!(t0.elapsed() < LAG);
    tokio::time::sleep(LAG.saturating_sub(t0.elapsed()) + Duration::from_millis(200)).await;
    assert_eq!(contact_hits(&h, "phone", "+33799000222").await, 1);
    assert_eq!(contact_hits(&h, "phone", &old).await, old_hits - 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_conversation_reaches_search_only_after_the_lag() {
    let sb = start(LAG).await;
    let h = Http::new(&sb);
    let s = seeded(&sb);
    // A seeded conversation is searchable at once.
    let seeded_conv = sb
        .world()
        .intercom
        .conversations
        .values()
        .next()
        .unwrap()
        .clone();
    assert_eq!(
        conversation_hits(&h, &seeded_conv.contact_id, &seeded_conv.id).await,
        1
    );
    let t0 = Instant::now();
    let conv = create_conversation(&h, &s, "Missed call on Paris Support").await;
    // §10.1: "Conversation search probably lags the same way; this is undocumented, so
    // assume it does."
    assert_eq!(
        conversation_hits(&h, &s.contact_id, &conv).await,
        0,
        "missing at once"
    );
    let (st, v) = h.ic(M::GET, &format!("/conversations/{conv}"), None).await;
    assert_eq!(
        (st, v["id"].as_str()),
        (200, Some(conv.as_str())),
        "GET by id works at once"
    );
    assert!(t0.elapsed() < LAG);
    tokio::time::sleep(LAG.saturating_sub(t0.elapsed()) + Duration::from_millis(200)).await;
    assert_eq!(
        conversation_hits(&h, &s.contact_id, &conv).await,
        1,
        "found after the lag"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_lag_defaults_to_a_few_seconds_and_zero_turns_it_off() {
    // §11: "A configurable 'index lag' switch lets tests exercise the eventual-consistency
    // path." The default lags (realism); zero is instant.
    assert!(SandboxOptions::default().search_lag >= Duration::from_secs(1));
    let sb = start(Duration::ZERO).await;
    let h = Http::new(&sb);
    let (_, ct) = h
        .ic(
            M::POST,
            "/contacts",
            Some(json!({"role": "lead", "phone": "+33799000333"})),
        )
        .await;
    assert_eq!(contact_hits(&h, "phone", "+33799000333").await, 1);
    assert_eq!(contact_hits(&h, "id", ct["id"].as_str().unwrap()).await, 1);
}

// ------------------------------------------------------------------ faults

const KINDS: &[&str] = &["5xx", "429", "reset", "reset-after", "slow"];
const SLOW: Duration = Duration::from_millis(400);

/// Whether an outcome is the fault `kind` having fired.
fn fired(kind: &str, o: &Outcome) -> bool {
    match (kind, o) {
        ("5xx", Outcome::Status(s, _)) => (500..600).contains(s),
        ("429", Outcome::Status(s, _)) => *s == 429,
        ("reset" | "reset-after", Outcome::Lost) => true,
        ("slow", Outcome::Status(_, t)) => *t >= SLOW,
        _ => false,
    }
}

struct Route {
    svc: Svc,
    method: M,
    path: String,
    body: Option<Value>,
}

fn routes(s: &Seeded) -> Vec<(&'static str, Route)> {
    let r = |svc, method, path: String, body| Route {
        svc,
        method,
        path,
        body,
    };
    vec![
        (
            "ic POST /conversations",
            r(
                Svc::Intercom,
                M::POST,
                "/conversations".into(),
                Some(
                    json!({"from": {"type": s.contact_role, "id": s.contact_id}, "body": "fault drill"}),
                ),
            ),
        ),
        // A query string must not break matching: this path is `/conversations`.
        (
            "ic GET /conversations?per_page=5",
            r(
                Svc::Intercom,
                M::GET,
                "/conversations?per_page=5".into(),
                None,
            ),
        ),
        (
            "ic POST /conversations/{id}/reply",
            r(
                Svc::Intercom,
                M::POST,
                format!("/conversations/{}/reply", s.conversation_id),
                Some(
                    json!({"message_type": "note", "type": "admin", "admin_id": s.admin_id, "body": "drill"}),
                ),
            ),
        ),
        (
            "ic GET /conversations/{id}",
            r(
                Svc::Intercom,
                M::GET,
                format!("/conversations/{}?display_as=plaintext", s.conversation_id),
                None,
            ),
        ),
        (
            "ic POST /contacts/search",
            r(
                Svc::Intercom,
                M::POST,
                "/contacts/search".into(),
                Some(json!({"query": {"field": "role", "operator": "=", "value": "lead"}})),
            ),
        ),
        ("ic GET /me", r(Svc::Intercom, M::GET, "/me".into(), None)),
        (
            "ac GET /v1/calls?per_page=2",
            r(Svc::Aircall, M::GET, "/v1/calls?per_page=2".into(), None),
        ),
        (
            "ac GET /v1/calls/{id}",
            r(
                Svc::Aircall,
                M::GET,
                format!("/v1/calls/{}", s.call_id),
                None,
            ),
        ),
        (
            "ac GET /v1/ping",
            r(Svc::Aircall, M::GET, "/v1/ping".into(), None),
        ),
        (
            "ac GET /v1/users",
            r(Svc::Aircall, M::GET, "/v1/users".into(), None),
        ),
    ]
}

/// Scopes to try and the routes (by label) each must hit; every other route must be spared.
fn scopes() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        // The documented anchor: "a trailing `$` makes the path exact".
        (
            "@intercom/conversations$",
            vec!["ic POST /conversations", "ic GET /conversations?per_page=5"],
        ),
        // Without `$`: a prefix, on whole segments.
        (
            "@intercom/conversations",
            vec![
                "ic POST /conversations",
                "ic GET /conversations?per_page=5",
                "ic POST /conversations/{id}/reply",
                "ic GET /conversations/{id}",
            ],
        ),
        (
            "@intercom/contacts/search$",
            vec!["ic POST /contacts/search"],
        ),
        (
            "@intercom",
            vec![
                "ic POST /conversations",
                "ic GET /conversations?per_page=5",
                "ic POST /conversations/{id}/reply",
                "ic GET /conversations/{id}",
                "ic POST /contacts/search",
                "ic GET /me",
            ],
        ),
        ("@aircall/v1/calls$", vec!["ac GET /v1/calls?per_page=2"]),
        (
            "@aircall/v1/calls",
            vec!["ac GET /v1/calls?per_page=2", "ac GET /v1/calls/{id}"],
        ),
        // Aircall's version segment may be left out.
        ("@aircall/calls$", vec!["ac GET /v1/calls?per_page=2"]),
        (
            "@aircall",
            vec![
                "ac GET /v1/calls?per_page=2",
                "ac GET /v1/calls/{id}",
                "ac GET /v1/ping",
                "ac GET /v1/users",
            ],
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_fault_fires_on_exactly_the_routes_its_spec_names() {
    const N: usize = 3;
    let mut failures = Vec::new();
    for kind in KINDS {
        for (scope, hit) in scopes() {
            let spec = format!("{kind}=1{scope}");
            let mut faults = FaultSpec::parse(&spec).unwrap();
            faults.slow_for = SLOW;
            let sb = Sandbox::start(SandboxOptions {
                faults,
                search_lag: Duration::ZERO,
                ..options()
            })
            .await
            .unwrap();
            let h = Http::new(&sb);
            let s = seeded(&sb);
            for (label, r) in routes(&s) {
                let mut n = 0;
                for _ in 0..N {
                    let o = h
                        .outcome(r.svc, r.method.clone(), &r.path, r.body.as_ref())
                        .await;
                    if fired(kind, &o) {
                        n += 1;
                    }
                }
                let want = if hit.contains(&label) { N } else { 0 };
                if n != want {
                    failures.push(format!("{spec}: {label} fired {n}/{N}, want {want}"));
                }
            }
            // The log names the fault on exactly those requests too.
            let log = sb.requests();
            let logged = log.iter().filter(|e| e.fault.is_some()).count();
            if logged != hit.len() * N {
                failures.push(format!(
                    "{spec}: {logged} requests logged with a fault, want {}",
                    hit.len() * N
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partial_share_fires_in_proportion_and_only_where_named() {
    // `5xx=0.5@intercom/conversations$`: about half of `POST /conversations`, none elsewhere.
    let sb = Sandbox::start(SandboxOptions {
        faults: FaultSpec::parse("5xx=0.5@intercom/conversations$").unwrap(),
        ..options()
    })
    .await
    .unwrap();
    let h = Http::new(&sb);
    let s = seeded(&sb);
    let (mut on, mut off) = (0, 0);
    for _ in 0..60 {
        let body = json!({"from": {"type": s.contact_role, "id": s.contact_id}, "body": "x"});
        if fired(
            "5xx",
            &h.outcome(Svc::Intercom, M::POST, "/conversations", Some(&body))
                .await,
        ) {
            on += 1;
        }
        let reply =
            json!({"message_type": "note", "type": "admin", "admin_id": s.admin_id, "body": "y"});
        let path = format!("/conversations/{}/reply", s.conversation_id);
        if fired(
            "5xx",
            &h.outcome(Svc::Intercom, M::POST, &path, Some(&reply)).await,
        ) {
            off += 1;
        }
    }
    assert!((15..=45).contains(&on), "{on}/60 creates failed");
    assert_eq!(off, 0, "replies are not `/conversations`");
}

// ------------------------------------------------------------------ lost responses

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_response_still_landed_the_create() {
    // faults.rs `ResetAfter`: "The request is processed, then the connection is reset: the
    // client never learns that its write took effect" (intercom-api.md §9.2: "Never blindly
    // retry non-idempotent POSTs … Re-check state first").
    let sb = Sandbox::start(SandboxOptions {
        faults: FaultSpec::parse("reset-after=1@intercom/conversations$").unwrap(),
        search_lag: Duration::ZERO,
        ..options()
    })
    .await
    .unwrap();
    let h = Http::new(&sb);
    let s = seeded(&sb);
    let before = sb.world().intercom.conversations.len();
    let body =
        json!({"from": {"type": s.contact_role, "id": s.contact_id}, "body": "lost but landed"});
    let o = h
        .outcome(Svc::Intercom, M::POST, "/conversations", Some(&body))
        .await;
    assert_eq!(o, Outcome::Lost, "the client sees no response");
    let w = sb.world();
    assert_eq!(w.intercom.conversations.len(), before + 1);
    let conv = w
        .intercom
        .conversations
        .values()
        .find(|c| c.source_body.contains("lost but landed"))
        .expect("the write landed")
        .id
        .clone();
    // A GET afterwards (not `/conversations$`, so no fault) sees it.
    let (st, v) = h.ic(M::GET, &format!("/conversations/{conv}"), None).await;
    assert_eq!(
        (st, v["source"]["body"].as_str()),
        (200, Some("<p>lost but landed</p>"))
    );
    let log = sb.requests();
    let e = log
        .iter()
        .find(|e| e.fault.as_deref() == Some("reset_after"))
        .unwrap();
    assert_eq!(e.status, 200, "processed before the reset");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_response_still_landed_the_reply() {
    let sb0 = sandbox().await;
    let s = seeded(&sb0);
    drop(sb0);
    let sb = Sandbox::start(SandboxOptions {
        faults: FaultSpec::parse(&format!(
            "reset-after=1@intercom/conversations/{}/reply",
            s.conversation_id
        ))
        .unwrap(),
        ..options()
    })
    .await
    .unwrap();
    let h = Http::new(&sb);
    let parts_before = sb.world().intercom.conversations[&s.conversation_id]
        .parts
        .len();
    let body = json!({"message_type": "note", "type": "admin", "admin_id": s.admin_id, "body": "<p>lost <b>note</b></p>"});
    let path = format!("/conversations/{}/reply", s.conversation_id);
    assert_eq!(
        h.outcome(Svc::Intercom, M::POST, &path, Some(&body)).await,
        Outcome::Lost
    );
    let (st, v) = h
        .ic(
            M::GET,
            &format!("/conversations/{}", s.conversation_id),
            None,
        )
        .await;
    assert_eq!(st, 200);
    assert_eq!(
        v["conversation_parts"]["total_count"].as_u64().unwrap() as usize,
        parts_before + 1,
        "the note landed"
    );
    assert_eq!(last_part_body(&v), "<p>lost <b>note</b></p>");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_reset_loses_the_write() {
    // faults.rs `Reset`: "The connection is reset before the request is processed."
    let sb = Sandbox::start(SandboxOptions {
        faults: FaultSpec::parse("reset=1@intercom/conversations$").unwrap(),
        ..options()
    })
    .await
    .unwrap();
    let h = Http::new(&sb);
    let s = seeded(&sb);
    let before = sb.world().intercom.conversations.len();
    let body =
        json!({"from": {"type": s.contact_role, "id": s.contact_id}, "body": "never landed"});
    assert_eq!(
        h.outcome(Svc::Intercom, M::POST, "/conversations", Some(&body))
            .await,
        Outcome::Lost
    );
    assert_eq!(sb.world().intercom.conversations.len(), before);
}
