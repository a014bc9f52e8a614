//! The sandbox over HTTP: both fakes' documented behaviours, rate limits, faults, determinism.
//! Plain reqwest against the fakes, no aircom code: this crate's tests are its own.

use aircom_sandbox::{
    FaultSpec, Latency, Sandbox, SandboxOptions, SANDBOX_AIRCALL_ID, SANDBOX_AIRCALL_TOKEN,
    SANDBOX_INTERCOM_TOKEN,
};
use serde_json::{json, Value};

mod support;
use support::*;

struct Http {
    c: reqwest::Client,
    aircall: String,
    intercom: String,
}

impl Http {
    fn new(sb: &Sandbox) -> Http {
        Http {
            c: reqwest::Client::new(),
            aircall: sb.aircall_url.clone(),
            intercom: sb.intercom_url.clone(),
        }
    }

    async fn ac(
        &self,
        m: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, reqwest::header::HeaderMap, Value) {
        let mut r = self
            .c
            .request(m, format!("{}{path}", self.aircall))
            .basic_auth(SANDBOX_AIRCALL_ID, Some(SANDBOX_AIRCALL_TOKEN));
        if let Some(b) = body {
            r = r.json(&b);
        }
        let resp = r.send().await.unwrap();
        let (s, h) = (resp.status().as_u16(), resp.headers().clone());
        (s, h, resp.json().await.unwrap_or(Value::Null))
    }

    async fn ic(
        &self,
        m: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, reqwest::header::HeaderMap, Value) {
        let mut r = self
            .c
            .request(m, format!("{}{path}", self.intercom))
            .bearer_auth(SANDBOX_INTERCOM_TOKEN)
            .header("Intercom-Version", "2.16");
        if let Some(b) = body {
            r = r.json(&b);
        }
        let resp = r.send().await.unwrap();
        let (s, h) = (resp.status().as_u16(), resp.headers().clone());
        (s, h, resp.json().await.unwrap_or(Value::Null))
    }
}

use reqwest::Method as M;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aircall_fake_follows_the_digest() {
    let sb = sandbox().await;
    let h = Http::new(&sb);
    // Auth: no header 401, wrong 403, with the edge's bodies.
    let r = reqwest::get(format!("{}/v1/ping", sb.aircall_url))
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"message": "Unauthorized"})
    );
    let r = reqwest::Client::new()
        .get(format!("{}/v1/ping", sb.aircall_url))
        .basic_auth("x", Some("y"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // per_page is clamped to 50; links are absolute and carry order/page/per_page.
    let (s, _, v) = h.ac(M::GET, "/v1/calls?per_page=500", None).await;
    assert_eq!(s, 200);
    assert_eq!(v["meta"]["per_page"], 50);
    assert_eq!(v["calls"].as_array().unwrap().len(), 50);
    let next = v["meta"]["next_page_link"].as_str().unwrap();
    assert!(
        next.starts_with(&sb.aircall_url)
            && next.contains("page=2")
            && next.contains("per_page=50")
            && next.contains("order=asc"),
        "{next}"
    );
    assert!(
        v["calls"][0]["contact"].is_null(),
        "contact needs fetch_contact"
    );
    // The positional 10k cap: a 400 even though few items match.
    let (s, _, v) = h.ac(M::GET, "/v1/calls?page=201&per_page=50", None).await;
    assert_eq!(s, 400);
    assert!(v["errors"].as_str().unwrap().contains("limited to 10k"));
    let (s, _, _) = h
        .ac(M::GET, "/v1/contacts?page=10001&per_page=1", None)
        .await;
    assert_eq!(s, 400);
    // A page past the end inside the cap: 200, empty, previous link set.
    let (s, _, v) = h.ac(M::GET, "/v1/calls?page=100&per_page=50", None).await;
    assert_eq!(s, 200);
    assert_eq!(v["meta"]["count"], 0);
    assert!(v["meta"]["next_page_link"].is_null() && v["meta"]["previous_page_link"].is_string());
    // raw_digits in display format, and `anonymous`.
    let (_, _, v) = h.ac(M::GET, "/v1/calls?per_page=50&page=1", None).await;
    assert!(v["calls"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["raw_digits"].as_str().unwrap().contains(' ')));
    let truth = sb.truth();
    let anon = truth.anonymous_calls[0];
    let (_, _, v) = h.ac(M::GET, &format!("/v1/calls/{anon}"), None).await;
    assert_eq!(v["call"]["raw_digits"], "anonymous");
    // Contacts: create needs phone_numbers; update is POST and rejects blanks; search by phone.
    let (s, _, _) = h
        .ac(M::POST, "/v1/contacts", Some(json!({"first_name": "A"})))
        .await;
    assert_eq!(s, 400);
    let (s, _, v) = h.ac(M::POST, "/v1/contacts", Some(json!({"first_name": "Grace", "phone_numbers": [{"label": "Work", "value": "+33762043575"}]}))).await;
    assert_eq!(s, 201);
    let id = v["contact"]["id"].as_i64().unwrap();
    let (s, _, v) = h
        .ac(
            M::POST,
            &format!("/v1/contacts/{id}"),
            Some(json!({"last_name": "Hopper"})),
        )
        .await;
    assert_eq!(
        (s, v["contact"]["last_name"].as_str()),
        (200, Some("Hopper"))
    );
    let (s, _, _) = h
        .ac(
            M::POST,
            &format!("/v1/contacts/{id}"),
            Some(json!({"last_name": ""})),
        )
        .await;
    assert_eq!(s, 400);
    let (_, _, v) = h
        .ac(
            M::GET,
            "/v1/contacts/search?phone_number=%2B33762043575",
            None,
        )
        .await;
    assert_eq!(v["contacts"].as_array().unwrap().len(), 1);
    // Sub-resources.
    let (s, _, _) = h
        .ac(
            M::POST,
            &format!("/v1/contacts/{id}/email_details"),
            Some(json!({"label": "Work", "value": "g@x.example"})),
        )
        .await;
    assert_eq!(s, 201);
    let (s, _, _) = h
        .ac(M::GET, &format!("/v1/contacts/{id}/emails"), None)
        .await;
    assert_eq!(s, 404);
    let (s, _, _) = h.ac(M::DELETE, &format!("/v1/contacts/{id}"), None).await;
    assert_eq!(s, 204);
    let (s, _, _) = h.ac(M::DELETE, &format!("/v1/contacts/{id}"), None).await;
    assert_eq!(s, 404);
    // Users: v1 retired, v2 by id or email.
    let (s, _, _) = h.ac(M::GET, "/v1/users", None).await;
    assert_eq!(s, 404);
    let (s, _, v) = h.ac(M::GET, "/v2/users/ada@acme.example", None).await;
    assert_eq!((s, v["user"]["name"].as_str()), (200, Some("Ada Agent")));
    // Comments: five at most.
    let call = sb
        .world()
        .aircall
        .calls
        .iter()
        .find(|c| c.comments.is_empty())
        .unwrap()
        .id;
    for _ in 0..5 {
        let (s, _, _) = h
            .ac(
                M::POST,
                &format!("/v1/calls/{call}/comments"),
                Some(json!({"content": "hi"})),
            )
            .await;
        assert_eq!(s, 201);
    }
    let (s, _, _) = h
        .ac(
            M::POST,
            &format!("/v1/calls/{call}/comments"),
            Some(json!({"content": "hi"})),
        )
        .await;
    assert_eq!(s, 400);
    // Malformed body, unknown route.
    let r = reqwest::Client::new()
        .post(format!("{}/v1/contacts", sb.aircall_url))
        .basic_auth(SANDBOX_AIRCALL_ID, Some(SANDBOX_AIRCALL_TOKEN))
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let (s, _, v) = h.ac(M::GET, "/v1/nothing", None).await;
    assert_eq!((s, v), (404, json!({"message": "Not Found"})));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aircall_rate_limit_sends_headers_only_once_reached() {
    let sb = Sandbox::start(SandboxOptions {
        aircall_limit: 5,
        ..options()
    })
    .await
    .unwrap();
    let h = Http::new(&sb);
    for _ in 0..5 {
        let (s, headers, _) = h.ac(M::GET, "/v1/ping", None).await;
        assert_eq!(s, 200);
        assert!(headers.get("x-aircallapi-limit").is_none());
    }
    let (s, headers, v) = h.ac(M::GET, "/v1/ping", None).await;
    assert_eq!(s, 429);
    assert_eq!(headers["x-aircallapi-limit"], "5");
    assert_eq!(headers["x-aircallapi-remaining"], "0");
    let reset: i64 = headers["x-aircallapi-reset"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        reset >= jiff::Timestamp::now().as_second() + 55,
        "blocked for 60 s"
    );
    assert!(v["troubleshoot"].as_str().unwrap().contains("retry after"));
    // And with the switch on, headers on every response.
    let sb = Sandbox::start(SandboxOptions {
        aircall_headers_always: true,
        ..options()
    })
    .await
    .unwrap();
    let (_, headers, _) = Http::new(&sb).ac(M::GET, "/v1/ping", None).await;
    assert_eq!(headers["x-aircallapi-limit"], "6000");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intercom_rate_limit_uses_10_second_windows() {
    let sb = Sandbox::start(SandboxOptions {
        intercom_limit: 60,
        ..options()
    })
    .await
    .unwrap();
    let h = Http::new(&sb);
    // Start well inside a window so the 11 requests share it.
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        % 10_000;
    if ms > 7_000 {
        tokio::time::sleep(std::time::Duration::from_millis((10_000 - ms + 100) as u64)).await;
    }
    for i in 0..10 {
        let (s, headers, _) = h.ic(M::GET, "/me", None).await;
        assert_eq!(s, 200);
        assert_eq!(headers["x-ratelimit-limit"], "10");
        assert_eq!(
            headers["x-ratelimit-remaining"].to_str().unwrap(),
            (9 - i).to_string()
        );
        let reset: i64 = headers["x-ratelimit-reset"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(reset % 10, 0);
    }
    let (s, headers, v) = h.ic(M::GET, "/me", None).await;
    assert_eq!(s, 429);
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert_eq!(v["errors"][0]["code"], "rate_limit_exceeded");
    assert_eq!(
        v["errors"][0]["message"],
        "Exceeded rate limit of 10 in 10_seconds"
    );
    // No headers without valid credentials.
    let r = reqwest::get(format!("{}/me", sb.intercom_url))
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.headers().get("x-ratelimit-limit").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intercom_fake_follows_the_digest() {
    // This test searches for a conversation it has just created. Search lags behind writes
    // (intercom-api.md §10.1, `SandboxOptions::search_lag`, tested in fidelity.rs); here the
    // index is made instant so the search-language checks below stay about the language.
    let sb = Sandbox::start(SandboxOptions {
        search_lag: std::time::Duration::ZERO,
        ..options()
    })
    .await
    .unwrap();
    let h = Http::new(&sb);
    // Search: cursor in the body, nesting and group limits, day semantics.
    let q = json!({"query": {"field": "role", "operator": "=", "value": "lead"}, "pagination": {"per_page": 5}});
    let (s, _, v) = h.ic(M::POST, "/contacts/search", Some(q.clone())).await;
    assert_eq!(s, 200);
    let cursor = v["pages"]["next"]["starting_after"]
        .as_str()
        .unwrap()
        .to_string();
    let first: Vec<Value> = v["data"].as_array().unwrap().clone();
    let mut q2 = q.clone();
    q2["pagination"]["starting_after"] = json!(cursor);
    let (_, _, v2) = h.ic(M::POST, "/contacts/search", Some(q2)).await;
    assert_ne!(v2["data"][0]["id"], first[0]["id"]);
    // A cursor on the query string is ignored: page 1 again.
    let (_, _, v3) = h
        .ic(
            M::POST,
            &format!("/contacts/search?starting_after={cursor}"),
            Some(q),
        )
        .await;
    assert_eq!(v3["data"][0]["id"], first[0]["id"]);
    let deep = json!({"query": {"operator": "AND", "value": [{"operator": "OR", "value": [{"operator": "AND", "value": [{"field": "role", "operator": "=", "value": "lead"}]}]}]}});
    let (s, _, v) = h.ic(M::POST, "/contacts/search", Some(deep)).await;
    assert_eq!((s, v["type"].as_str()), (400, Some("error.list")));
    let wide: Vec<Value> = (0..16)
        .map(|_| json!({"field": "role", "operator": "=", "value": "lead"}))
        .collect();
    let (s, _, _) = h
        .ic(
            M::POST,
            "/contacts/search",
            Some(json!({"query": {"operator": "OR", "value": wide}})),
        )
        .await;
    assert_eq!(s, 400);
    let (s, _, _) = h
        .ic(
            M::POST,
            "/contacts/search",
            Some(json!({"query": {"field": "created_at", "operator": "!=", "value": 1}})),
        )
        .await;
    assert_eq!(s, 400);
    let (s, _, _) = h
        .ic(
            M::POST,
            "/contacts/search",
            Some(json!({"query": {"field": "created_at", "operator": ">", "value": "x"}})),
        )
        .await;
    assert_eq!(s, 400);
    let (s, _, _) = h.ic(M::POST, "/contacts/search", Some(json!({"query": {"field": "role", "operator": "=", "value": "lead"}, "sort": {"field": "created_at", "order": "up"}}))).await;
    assert_eq!(s, 400);
    // Day semantics: `=` matches the whole day of the value.
    let c = sb
        .world()
        .intercom
        .contacts
        .values()
        .next()
        .unwrap()
        .clone();
    let day_start = c.created_at - c.created_at.rem_euclid(86_400);
    let (_, _, v) = h.ic(M::POST, "/contacts/search", Some(json!({"query": {"operator": "AND", "value": [
        {"field": "created_at", "operator": "=", "value": day_start + 5}, {"field": "id", "operator": "=", "value": c.id}]}}))).await;
    assert_eq!(v["total_count"], 1);
    let (_, _, v) = h.ic(M::POST, "/contacts/search", Some(json!({"query": {"operator": "AND", "value": [
        {"field": "created_at", "operator": ">", "value": c.created_at - 86_400}, {"field": "id", "operator": "=", "value": c.id}]}}))).await;
    assert_eq!(
        v["total_count"], 1,
        "`>` the previous day matches from the start of the day"
    );
    // Contacts: 409 on a duplicate user email, merge only lead into user, 410 after.
    let (s, _, user) = h
        .ic(
            M::POST,
            "/contacts",
            Some(json!({"role": "user", "email": "dup@x.example", "phone": "+33762043575"})),
        )
        .await;
    assert_eq!(s, 200);
    let (s, _, v) = h
        .ic(
            M::POST,
            "/contacts",
            Some(json!({"role": "user", "email": "DUP@x.example"})),
        )
        .await;
    assert_eq!(s, 409);
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains(&format!("id={}", user["id"].as_str().unwrap())));
    let (_, _, lead) = h
        .ic(
            M::POST,
            "/contacts",
            Some(json!({"role": "lead", "phone": "+33762043575"})),
        )
        .await;
    let (s, _, v) = h
        .ic(
            M::POST,
            "/contacts/merge",
            Some(json!({"from": user["id"], "into": lead["id"]})),
        )
        .await;
    assert_eq!(
        (s, v["errors"][0]["code"].as_str()),
        (400, Some("invalid_merge"))
    );
    let (_, _, other_lead) = h
        .ic(
            M::POST,
            "/contacts",
            Some(json!({"role": "lead", "phone": "+14422497851"})),
        )
        .await;
    let (s, _, _) = h
        .ic(
            M::POST,
            "/contacts/merge",
            Some(json!({"from": other_lead["id"], "into": user["id"]})),
        )
        .await;
    assert_eq!(s, 400, "no shared email or phone");
    let (s, _, _) = h
        .ic(
            M::POST,
            "/contacts/merge",
            Some(json!({"from": lead["id"], "into": user["id"]})),
        )
        .await;
    assert_eq!(s, 200);
    let r = reqwest::Client::new()
        .get(format!(
            "{}/contacts/{}",
            sb.intercom_url,
            lead["id"].as_str().unwrap()
        ))
        .bearer_auth(SANDBOX_INTERCOM_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 410);
    assert!(r.headers()["link"]
        .to_str()
        .unwrap()
        .contains(user["id"].as_str().unwrap()));
    // Conversations: created_at honoured, unassigned is 0, notes and assignment, attributes, tags.
    let (s, _, m) = h.ic(M::POST, "/conversations", Some(json!({"from": {"type": "user", "id": user["id"]}, "body": "Missed call on Paris Support", "created_at": 1_700_000_000}))).await;
    assert_eq!(s, 200);
    assert_eq!(m["type"], "user_message");
    let conv = m["conversation_id"].as_str().unwrap().to_string();
    let (_, _, v) = h.ic(M::GET, &format!("/conversations/{conv}"), None).await;
    assert_eq!(
        (v["created_at"].as_i64(), v["admin_assignee_id"].as_i64()),
        (Some(1_700_000_000), Some(0))
    );
    let (s, _, v) = h.ic(M::POST, &format!("/conversations/{conv}/reply"), Some(json!({"message_type": "note", "type": "admin", "admin_id": "991200001", "body": "<p>note</p>"}))).await;
    assert_eq!(
        (s, v["conversation_parts"]["total_count"].as_i64()),
        (200, Some(1))
    );
    let (s, _, _) = h.ic(M::POST, &format!("/conversations/{conv}/parts"), Some(json!({"message_type": "assignment", "type": "admin", "admin_id": 991200001, "assignee_id": "991200002"}))).await;
    assert_eq!(s, 400, "ids must be strings");
    let (_, _, v) = h.ic(M::POST, &format!("/conversations/{conv}/parts"), Some(json!({"message_type": "assignment", "type": "admin", "admin_id": "991200001", "assignee_id": "991200002"}))).await;
    assert_eq!(v["admin_assignee_id"], 991200002);
    let (_, _, v) = h.ic(M::POST, &format!("/conversations/{conv}/parts"), Some(json!({"message_type": "assignment", "type": "admin", "admin_id": "991200001", "assignee_id": "0"}))).await;
    assert_eq!(v["admin_assignee_id"], 0);
    let (s, _, v) = h
        .ic(
            M::PUT,
            &format!("/conversations/{conv}"),
            Some(json!({"custom_attributes": {"aircall_call_id": "1"}})),
        )
        .await;
    assert_eq!(
        (s, v["errors"][0]["code"].as_str()),
        (400, Some("parameter_invalid"))
    );
    let (s, _, _) = h
        .ic(
            M::POST,
            "/conversations/attributes",
            Some(json!({"name": "aircall_call_id", "data_type": "string"})),
        )
        .await;
    assert_eq!(s, 200);
    let (s, _, v) = h
        .ic(
            M::PUT,
            &format!("/conversations/{conv}"),
            Some(json!({"custom_attributes": {"aircall_call_id": "1"}})),
        )
        .await;
    assert_eq!(
        (s, v["custom_attributes"]["aircall_call_id"].as_str()),
        (200, Some("1"))
    );
    let (_, _, tag) = h.ic(M::POST, "/tags", Some(json!({"name": "VIP-x"}))).await;
    let (_, _, again) = h.ic(M::POST, "/tags", Some(json!({"name": "vip-X"}))).await;
    assert_eq!(tag["id"], again["id"], "names are case-insensitive");
    let (s, _, _) = h
        .ic(
            M::POST,
            &format!("/conversations/{conv}/tags"),
            Some(json!({"id": tag["id"], "admin_id": "991200001"})),
        )
        .await;
    assert_eq!(s, 200);
    let (_, _, v) = h.ic(M::GET, &format!("/conversations/{conv}"), None).await;
    assert_eq!(v["tags"]["tags"][0]["name"], "VIP-x");
    let (s, _, _) = h
        .ic(
            M::DELETE,
            &format!("/conversations/{conv}/tags/{}", tag["id"].as_str().unwrap()),
            Some(json!({"admin_id": "991200001"})),
        )
        .await;
    assert_eq!(s, 200);
    // Conversation search by contact, word match on source.body.
    let (_, _, v) = h.ic(M::POST, "/conversations/search", Some(json!({"query": {"operator": "AND", "value": [
        {"field": "contact_ids", "operator": "=", "value": user["id"]}, {"field": "source.body", "operator": "=", "value": "missed"}]}}))).await;
    assert_eq!(v["total_count"], 1);
    assert!(
        v["conversations"][0].get("conversation_parts").is_none(),
        "no parts in search results"
    );
    // Errors: unknown route, malformed JSON, bad version.
    let (s, _, v) = h.ic(M::GET, "/nothing", None).await;
    assert_eq!((s, v["type"].as_str()), (404, Some("error.list")));
    let r = reqwest::Client::new()
        .post(format!("{}/contacts", sb.intercom_url))
        .bearer_auth(SANDBOX_INTERCOM_TOKEN)
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = reqwest::Client::new()
        .get(format!("{}/me", sb.intercom_url))
        .bearer_auth(SANDBOX_INTERCOM_TOKEN)
        .header("Intercom-Version", "9.9")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let (s, _, _) = h.ic(M::GET, "/contacts?per_page=151", None).await;
    assert_eq!(s, 400);
}

async fn fault_sequence(seed: u64) -> (Vec<u16>, String) {
    let sb = Sandbox::start(SandboxOptions {
        seed,
        faults: FaultSpec::parse("5xx=0.2,429=0.1").unwrap(),
        latency: Latency::parse("0..2").unwrap(),
        ..options()
    })
    .await
    .unwrap();
    let h = Http::new(&sb);
    let mut statuses = Vec::new();
    for _ in 0..60 {
        statuses.push(h.ac(M::GET, "/v1/ping", None).await.0);
        statuses.push(h.ic(M::GET, "/me", None).await.0);
    }
    (statuses, serde_json::to_string(&sb.world()).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_seed_same_data_and_same_faults() {
    let (a, wa) = fault_sequence(7).await;
    let (b, wb) = fault_sequence(7).await;
    assert_eq!(a, b);
    assert_eq!(wa, wb);
    assert!(a.iter().any(|s| *s >= 500) && a.contains(&429) && a.contains(&200));
    let (c, wc) = fault_sequence(8).await;
    assert_ne!(a, c);
    assert_ne!(wa, wc);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_state_file_survives_a_restart() {
    let env = Env::new();
    let file = env.path().join("sb.json");
    let sb = Sandbox::start(SandboxOptions {
        state_file: Some(file.clone()),
        ..options()
    })
    .await
    .unwrap();
    let h = Http::new(&sb);
    let (_, _, c) = h.ac(M::POST, "/v1/contacts", Some(json!({"first_name": "Kept", "phone_numbers": [{"label": "Work", "value": "+33762043575"}]}))).await;
    sb.save().unwrap();
    drop(sb);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o077,
            0
        );
    }
    let sb = Sandbox::start(SandboxOptions {
        state_file: Some(file),
        seed: 999,
        ..options()
    })
    .await
    .unwrap();
    let id = c["contact"]["id"].as_i64().unwrap();
    assert_eq!(
        sb.world().aircall.contacts[&id].first_name.as_deref(),
        Some("Kept")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_routes_expose_state_truth_and_log() {
    let sb = sandbox().await;
    let h = Http::new(&sb);
    h.ac(M::GET, "/v1/ping", None).await;
    let truth: Value = reqwest::get(format!("{}/_sandbox/truth", sb.aircall_url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        truth["intercom_duplicate_groups"]
            .as_object()
            .unwrap()
            .len()
            >= 10
    );
    let log: Value = reqwest::get(format!("{}/_sandbox/log", sb.intercom_url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["path"] == "/v1/ping" && e["status"] == 200));
    let state: Value = reqwest::get(format!("{}/_sandbox/state", sb.aircall_url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(state["aircall"]["users"].as_array().unwrap().len(), 5);
}
