//! The typed clients over the shared HTTP layer, against the sandbox, and wiremock where the
//! exact request count is the point.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use aircom::aircall::{AircallClient, NewContact, NewDetail};
use aircom::http::{Api, ApiConfig, ApiName, Auth, HttpError, RetryPolicy};
use aircom::intercom::{self, IntercomClient};
use aircom::sandbox::{
    Sandbox, SandboxOptions, SANDBOX_AIRCALL_ID, SANDBOX_AIRCALL_TOKEN, SANDBOX_INTERCOM_TOKEN,
};
use aircom::secret::SecretString;
use futures::TryStreamExt;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::*;

fn policy(no_delay: bool) -> RetryPolicy {
    RetryPolicy {
        no_delay,
        ..RetryPolicy::default()
    }
}

pub fn aircall_at(base: &str, per_minute: u32, no_delay: bool) -> AircallClient {
    AircallClient::new(
        Api::new(
            ApiConfig {
                name: ApiName::Aircall,
                base_url: base.parse().unwrap(),
                auth: Auth::Basic {
                    id: SANDBOX_AIRCALL_ID.into(),
                    token: SecretString::new(SANDBOX_AIRCALL_TOKEN),
                },
                per_minute,
                retry: policy(no_delay),
                extra_headers: vec![],
            },
            None,
        )
        .unwrap(),
    )
}

pub fn intercom_at(base: &str, per_minute: u32, no_delay: bool) -> IntercomClient {
    IntercomClient::new(
        Api::new(
            ApiConfig {
                name: ApiName::Intercom,
                base_url: base.parse().unwrap(),
                auth: Auth::Bearer(SecretString::new(SANDBOX_INTERCOM_TOKEN)),
                per_minute,
                retry: policy(no_delay),
                extra_headers: vec![("Intercom-Version", "2.16".into())],
            },
            None,
        )
        .unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aircall_pages_to_the_last_call_with_window_bounds() {
    let sb = sandbox().await;
    let client = aircall_at(&sb.aircall_url, 100_000, true);
    let world = sb.world();
    let (from, to) = (anchor() - 40 * 86_400, anchor());
    let want: BTreeSet<i64> = world
        .aircall
        .calls
        .iter()
        .filter(|c| c.started_at > from && c.started_at <= to)
        .map(|c| c.id)
        .collect();
    for concurrency in [1, 4] {
        let got: Vec<_> = client
            .calls(from, to, concurrency)
            .try_collect()
            .await
            .unwrap();
        let ids: BTreeSet<i64> = got.iter().map(|c| c.id.0).collect();
        assert_eq!(ids.len(), got.len(), "no call twice");
        assert_eq!(ids, want, "concurrency {concurrency}");
    }
    // A call exactly at `from` is excluded, one exactly at `to` included.
    let edge = world.aircall.calls[10].started_at;
    let got: Vec<_> = client.calls(edge, edge, 1).try_collect().await.unwrap();
    assert!(got.is_empty());
    let got: Vec<_> = client.calls(edge - 1, edge, 1).try_collect().await.unwrap();
    assert!(got.iter().any(|c| c.started_at == edge));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aircall_splits_windows_at_the_10k_cap() {
    let sb = Sandbox::start(SandboxOptions {
        calls: 12_500,
        contacts: 50,
        ..options()
    })
    .await
    .unwrap();
    let client = aircall_at(&sb.aircall_url, 1_000_000, true);
    let got: Vec<_> = client
        .calls(anchor() - 61 * 86_400, anchor(), 1)
        .try_collect()
        .await
        .unwrap();
    let ids: BTreeSet<i64> = got.iter().map(|c| c.id.0).collect();
    assert_eq!(ids.len(), 12_500);
    assert_eq!(got.len(), 12_500);
    let log = sb.requests();
    assert!(
        log.iter().all(|r| r.status == 200),
        "no request hit the cap"
    );
    assert!(
        log.iter()
            .any(|r| r.query.contains(&("per_page".into(), "1".into()))),
        "probed totals"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intercom_list_and_partitioned_scan_return_every_contact_once() {
    let sb = Sandbox::start(SandboxOptions {
        contacts: 1_200,
        calls: 20,
        ..options()
    })
    .await
    .unwrap();
    let client = intercom_at(&sb.intercom_url, 1_000_000, true);
    let want: BTreeSet<String> = sb.world().intercom.contacts.keys().cloned().collect();
    let listed: Vec<_> = client.list_contacts().try_collect().await.unwrap();
    let listed_ids: BTreeSet<String> = listed.iter().map(|c| c.id.0.clone()).collect();
    assert_eq!(listed.len(), want.len());
    assert_eq!(listed_ids, want);
    for partitions in [1, 3, 8] {
        let scanned: Vec<_> = client
            .scan_contacts(intercom::users_and_leads(), partitions)
            .try_collect()
            .await
            .unwrap();
        let ids: BTreeSet<String> = scanned.iter().map(|c| c.id.0.clone()).collect();
        assert_eq!(
            scanned.len(),
            ids.len(),
            "partitions {partitions}: a contact came twice"
        );
        assert_eq!(ids, want, "partitions {partitions}");
    }
    // The scan really walked several cursors: searches carried created_at ranges.
    assert!(sb.requests().iter().any(|r| r
        .body
        .as_ref()
        .is_some_and(|b| b.to_string().contains("\"created_at\""))));
}

#[tokio::test]
async fn retries_5xx_a_counted_number_of_times() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/ping"))
        .respond_with(ResponseTemplate::new(503).set_body_json(
            serde_json::json!({"error": "Service Unavailable", "troubleshoot": "retry"}),
        ))
        .expect(6) // the first attempt and 5 retries
        .mount(&server)
        .await;
    let client = aircall_at(&server.uri(), 1_000_000, true);
    let err = client.ping().await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(err.to_string().contains("after 5 retries"), "{err}");
}

#[tokio::test]
async fn a_create_is_not_retried_blindly_after_a_5xx() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/contacts"))
        .respond_with(ResponseTemplate::new(502))
        .expect(1)
        .mount(&server)
        .await;
    let client = aircall_at(&server.uri(), 1_000_000, true);
    let err = client
        .create_contact(&NewContact {
            phone_numbers: vec![NewDetail {
                label: "Work".into(),
                value: "+33762043575".into(),
            }],
            ..NewContact::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(502));
}

/// Issue 11: an assignment appends a part (with a body, a visible one), so a lost or failed
/// answer must not make the client send it again.
#[tokio::test]
async fn an_assignment_is_not_retried_blindly_after_a_5xx() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/conversations/77/parts"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let client = intercom_at(&server.uri(), 1_000_000, true);
    let err = client
        .assign(
            &intercom::ConversationId("77".into()),
            &intercom::AdminId("1".into()),
            Some(&intercom::AdminId("2".into())),
            Some("Call assigned to Ada by Bruno"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
}

/// Issue 11: the id in a 409 is read from the API's message, not from the error's display text
/// (which, after a retry, ends in " (after 1 retry)").
#[tokio::test]
async fn a_conflict_names_the_existing_contact_even_after_a_retry() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/contacts"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/contacts"))
        .respond_with(ResponseTemplate::new(409).set_body_json(serde_json::json!({
            "type": "error.list",
            "errors": [{"code": "conflict", "message": "A contact matching those details already exists with id=6762f11b1bb69f9f2193bba3"}]
        })))
        .mount(&server)
        .await;
    let client = intercom_at(&server.uri(), 1_000_000, true);
    let err = client
        .create_contact(&intercom::ContactWrite {
            role: Some("lead".into()),
            email: Some("a@example.com".into()),
            name: None,
            phone: None,
        })
        .await
        .unwrap_err();
    assert!(err.to_string().ends_with("(after 1 retry)"), "{err}");
    assert_eq!(err.conflict_id(), Some("6762f11b1bb69f9f2193bba3"));
}

/// Issue 11: neither API redirects, and a redirect to another host (over plain http) could
/// carry the credentials away: it is not followed.
#[tokio::test]
async fn redirects_are_not_followed() {
    let elsewhere = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&elsewhere)
        .await;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/ping"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", format!("{}/v1/ping", elsewhere.uri()).as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = aircall_at(&server.uri(), 1_000_000, true);
    let err = client.ping().await.unwrap_err();
    assert_eq!(err.status(), Some(302));
}

/// Issue 11: a name that does not resolve is reported at once, not retried five times.
#[tokio::test]
async fn dns_failures_are_not_retried() {
    let api = Api::new(
        ApiConfig {
            name: ApiName::Aircall,
            base_url: "https://aircom-test.invalid".parse().unwrap(),
            auth: Auth::Basic {
                id: SANDBOX_AIRCALL_ID.into(),
                token: SecretString::new(SANDBOX_AIRCALL_TOKEN),
            },
            per_minute: 1_000_000,
            retry: policy(true),
            extra_headers: vec![],
        },
        None,
    )
    .unwrap();
    let client = AircallClient::new(api.clone());
    let err = client.ping().await.unwrap_err();
    assert!(
        matches!(err, HttpError::Transport { retries: 0, .. }),
        "{err}"
    );
    assert_eq!(
        api.stats()
            .requests
            .load(std::sync::atomic::Ordering::Relaxed),
        1
    );
}

#[tokio::test]
async fn a_429_waits_for_the_reset_header_then_succeeds() {
    let server = MockServer::start().await;
    let reset = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 2)
    .to_string();
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("X-RateLimit-Limit", "167")
                .insert_header("X-RateLimit-Remaining", "0")
                .insert_header("X-RateLimit-Reset", reset.as_str())
                .set_body_json(serde_json::json!({"type": "error.list", "errors": [{"code": "rate_limit_exceeded", "message": "Exceeded rate limit of 167 in 10_seconds"}]})),
        )
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "type": "admin", "id": "1", "name": "A", "email": "a@x", "app": {"type": "app", "id_code": "abc"}})))
        .expect(1)
        .mount(&server)
        .await;
    let client = intercom_at(&server.uri(), 1_000_000, false);
    let started = Instant::now();
    let me = client.me().await.unwrap();
    assert_eq!(me.app.id_code, "abc");
    // Waited for the reset instant (at least until the next second boundary), not a blind retry.
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        client
            .api()
            .stats()
            .throttled
            .load(std::sync::atomic::Ordering::Relaxed),
        1
    );
}

#[tokio::test]
async fn aircall_429_reads_its_own_headers() {
    let server = MockServer::start().await;
    let reset = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 1)
    .to_string();
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("X-AircallApi-Limit", "60")
                .insert_header("X-AircallApi-Remaining", "0")
                .insert_header("X-AircallApi-Reset", reset.as_str()),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/v1/ping"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ping": "pong"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = aircall_at(&server.uri(), 1_000_000, false);
    client.ping().await.unwrap();
    let seen = client.api().stats().rate_seen.lock().unwrap().clone();
    assert_eq!(seen.limit, Some(60));
    assert_eq!(seen.remaining, Some(0));
}

#[tokio::test]
async fn a_decode_error_names_the_field() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/calls/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"call": {
            "id": 1, "direction": "inbound", "started_at": "yesterday", "raw_digits": "+33 7 62 04 35 75"}})))
        .mount(&server)
        .await;
    let client = aircall_at(&server.uri(), 1_000_000, true);
    let err = client
        .get_call(&aircom::aircall::CallId(1))
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::Decode { .. }));
    assert!(err.to_string().contains("call.started_at"), "{err}");
}

#[tokio::test]
async fn errors_and_debug_output_never_show_tokens() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({"type": "error.list", "errors": [{"code": "unauthorized", "message": "Access Token Invalid"}]})))
        .mount(&server)
        .await;
    let token = "tok_live_do_not_print_7c1e9a";
    let config = ApiConfig {
        name: ApiName::Intercom,
        base_url: server.uri().parse().unwrap(),
        auth: Auth::Bearer(SecretString::new(token)),
        per_minute: 1000,
        retry: policy(true),
        extra_headers: vec![],
    };
    assert!(!format!("{config:?}").contains(token));
    let api = Api::new(config, None).unwrap();
    assert!(!format!("{api:?}").contains(token));
    let err = IntercomClient::new(api).me().await.unwrap_err();
    assert!(err.is_auth());
    assert!(!format!("{err} {err:?}").contains(token));
    assert!(err.to_string().contains("Access Token Invalid"));
    // The header did carry it.
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(
        reqs[0].headers.get("authorization").unwrap(),
        &format!("Bearer {token}")
    );
    assert_eq!(
        reqs[0].headers.get("user-agent").unwrap().to_str().unwrap(),
        concat!("aircom/", env!("CARGO_PKG_VERSION"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_resets_on_reads_are_retried() {
    let sb = Sandbox::start(SandboxOptions {
        faults: aircom::sandbox::FaultSpec::parse("reset=0.15,5xx=0.1").unwrap(),
        ..options()
    })
    .await
    .unwrap();
    let client = aircall_at(&sb.aircall_url, 1_000_000, true);
    let users: Vec<_> = client.users().try_collect().await.unwrap();
    assert_eq!(users.len(), 5);
    let got: Vec<_> = client
        .calls(anchor() - 61 * 86_400, anchor(), 2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(got.len(), sb.world().aircall.calls.len());
    assert!(sb
        .requests()
        .iter()
        .any(|r| r.fault.as_deref() == Some("reset")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aircall_call_search_filters_by_number_and_direction() {
    let sb = sandbox().await;
    let client = aircall_at(&sb.aircall_url, 1_000_000, true);
    let w = sb.world();
    let call = w
        .aircall
        .calls
        .iter()
        .find(|c| c.raw_digits != "anonymous")
        .unwrap();
    let e164: String = call
        .raw_digits
        .chars()
        .filter(|c| *c == '+' || c.is_ascii_digit())
        .collect();
    let got: Vec<_> = client
        .search_calls(
            anchor() - 61 * 86_400,
            anchor(),
            aircom::aircall::CallFilter {
                phone_number: Some(e164.clone()),
                direction: Some(call.direction.clone()),
                user_id: None,
            },
        )
        .try_collect()
        .await
        .unwrap();
    let want = w
        .aircall
        .calls
        .iter()
        .filter(|c| {
            c.direction == call.direction
                && c.raw_digits
                    .chars()
                    .filter(|c| *c == '+' || c.is_ascii_digit())
                    .collect::<String>()
                    == e164
        })
        .count();
    assert_eq!(got.len(), want);
    assert!(got.iter().any(|c| c.id.0 == call.id));
}

/// Issue 11: a create whose answer is lost (the server processed it, then the connection
/// dropped) is sent once, and its error says the outcome is unknown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_whose_answer_is_lost_is_sent_once_and_unknown() {
    let sb = Sandbox::start(SandboxOptions {
        faults: aircom::sandbox::FaultSpec::parse("reset-after=1.0@intercom/conversations$")
            .unwrap(),
        ..options()
    })
    .await
    .unwrap();
    let ic = intercom_at(&sb.intercom_url, 1_000_000, true);
    let contact = sb
        .world()
        .intercom
        .contacts
        .values()
        .find(|c| c.role == "user" && c.merged_into.is_none())
        .unwrap()
        .id
        .clone();
    for _ in 0..10 {
        let err = ic
            .create_conversation(&intercom::ContactId(contact.clone()), "user", "hello", None)
            .await
            .unwrap_err();
        assert!(err.outcome_unknown(), "{err}");
    }
    let posts = sb
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/conversations")
        .count();
    assert_eq!(posts, 10, "each lost create was sent exactly once");
}
