//! The Aircall fake's routes (digest: `shared/reference/aircall-api.md`, checklist §11).

use axum::http::Method;
use serde_json::{json, Value};

use super::world::*;
use super::{Answer, Call};

const CAP: u64 = 10_000;

fn not_found() -> Answer {
    Answer::json(
        404,
        json!({"error": "Not found", "troubleshoot": "Check the id or the route"}),
    )
}

fn edge_not_found() -> Answer {
    Answer::json(404, json!({"message": "Not Found"}))
}

fn bad_request(troubleshoot: &str) -> Answer {
    Answer::json(
        400,
        json!({"error": "Bad Request", "troubleshoot": troubleshoot}),
    )
}

fn iso(ts: i64) -> String {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S.000Z").to_string())
        .unwrap_or_default()
}

pub(crate) fn route(w: &mut World, c: &Call, base: &str) -> Answer {
    let s: Vec<&str> = c.segments.clone();
    let m = c.method;
    match (m, s.as_slice()) {
        (&Method::GET, ["v1", "ping"]) => Answer::json(200, json!({"ping": "pong"})),
        (&Method::GET, ["v1", "company"]) => Answer::json(
            200,
            json!({"company": {
                "name": w.aircall.company_name,
                "users_count": w.aircall.users.len(),
                "numbers_count": w.aircall.numbers.len(),
            }}),
        ),
        (&Method::GET, ["v1", "calls"]) | (&Method::GET, ["v1", "calls", "search"]) => {
            list_calls(w, c, base, s.len() == 3)
        }
        (&Method::GET, ["v1", "calls", id]) => match find_call(w, id) {
            Some(call) => Answer::json(200, json!({"call": call_json(w, call, c, base)})),
            None => not_found(),
        },
        (&Method::POST, ["v1", "calls", id, "comments"]) => add_comment(w, c, id),
        (&Method::POST, ["v1", "calls", id, "tags"]) => tag_call(w, c, id),
        (&Method::GET, ["v1", "contacts"]) | (&Method::GET, ["v1", "contacts", "search"]) => {
            list_contacts(w, c, base, s.len() == 3)
        }
        (&Method::POST, ["v1", "contacts"]) => create_contact(w, c),
        (&Method::GET, ["v1", "contacts", id]) => {
            match parse_id(id).and_then(|id| w.aircall.contacts.get(&id)) {
                Some(ct) => Answer::json(200, json!({"contact": contact_json(ct, base)})),
                None => not_found(),
            }
        }
        (&Method::POST, ["v1", "contacts", id]) => update_contact(w, c, id, base),
        (&Method::DELETE, ["v1", "contacts", id]) => {
            match parse_id(id).and_then(|id| w.aircall.contacts.remove(&id)) {
                Some(_) => Answer::empty(204),
                None => not_found(),
            }
        }
        (_, ["v1", "contacts", id, kind @ ("phone_details" | "email_details"), rest @ ..]) => {
            detail(w, c, id, kind, rest, base)
        }
        (&Method::GET, ["v1", "contacts", _, "emails"]) => edge_not_found(),
        // v1 user list and retrieve were retired on 2026-09-30.
        (&Method::GET, ["v1", "users"]) | (&Method::GET, ["v1", "users", _])
            if s.get(2) != Some(&"availabilities") =>
        {
            edge_not_found()
        }
        (&Method::GET, ["v1", "users", "availabilities"]) => {
            let items: Vec<Value> = w
                .aircall
                .users
                .iter()
                .map(|u| json!({"id": u.id, "availability": u.availability}))
                .collect();
            paginate(items, "users", c, base, "/v1/users/availabilities")
        }
        (&Method::GET, ["v2", "users"]) => {
            let items: Vec<Value> = w.aircall.users.iter().map(user_json).collect();
            paginate(items, "users", c, base, "/v2/users")
        }
        (&Method::GET, ["v2", "users", id]) => match find_user(w, id) {
            Some(u) => Answer::json(200, json!({"user": user_json(u)})),
            None => not_found(),
        },
        (&Method::GET, ["v2", "users", id, "numbers"]) => match find_user(w, id) {
            Some(u) => {
                let uid = u.id;
                let items: Vec<Value> = w
                    .aircall
                    .numbers
                    .iter()
                    .filter(|n| n.user_ids.contains(&uid))
                    .map(|n| number_json(w, n, base, false))
                    .collect();
                paginate(
                    items,
                    "numbers",
                    c,
                    base,
                    &format!("/v2/users/{uid}/numbers"),
                )
            }
            None => not_found(),
        },
        (&Method::GET, ["v1", "numbers"]) => {
            let items: Vec<Value> = w
                .aircall
                .numbers
                .iter()
                .map(|n| number_json(w, n, base, false))
                .collect();
            paginate(items, "numbers", c, base, "/v1/numbers")
        }
        (&Method::GET, ["v1", "numbers", id]) => {
            match parse_id(id).and_then(|id| w.aircall.numbers.iter().find(|n| n.id == id)) {
                Some(n) => Answer::json(200, json!({"number": number_json(w, n, base, true)})),
                None => not_found(),
            }
        }
        (&Method::GET, ["v1", "tags"]) => {
            let items: Vec<Value> = w.aircall.tags.iter().map(tag_json).collect();
            paginate(items, "tags", c, base, "/v1/tags")
        }
        (&Method::GET, ["v1", "tags", id]) => {
            match parse_id(id).and_then(|id| w.aircall.tags.iter().find(|t| t.id == id)) {
                Some(t) => Answer::json(200, json!({"tag": tag_json(t)})),
                None => not_found(),
            }
        }
        (&Method::POST, ["v1", "tags"]) => create_tag(w, c),
        // Teams (aircall-api.md §0, §6 Teams): list takes `order` but no `from`/`to`; list
        // `users[]` carry `availability_status` and `default_number_id`, retrieve's are thinner
        // and `available` is never present.
        (&Method::GET, ["v1", "teams"]) => {
            let mut items: Vec<Value> = w
                .aircall
                .teams
                .iter()
                .map(|t| team_json(w, t, base, true))
                .collect();
            if c.q("order") == Some("desc") {
                items.reverse();
            }
            paginate(items, "teams", c, base, "/v1/teams")
        }
        (&Method::GET, ["v1", "teams", id]) => {
            match parse_id(id).and_then(|id| w.aircall.teams.iter().find(|t| t.id == id)) {
                Some(t) => Answer::json(200, json!({"team": team_json(w, t, base, false)})),
                None => not_found(),
            }
        }
        _ => edge_not_found(),
    }
}

fn parse_id(s: &str) -> Option<i64> {
    s.parse().ok()
}

fn find_call<'a>(w: &'a World, id: &str) -> Option<&'a ACall> {
    let id = parse_id(id)?;
    w.aircall.calls.iter().find(|c| c.id == id)
}

fn find_user<'a>(w: &'a World, id: &str) -> Option<&'a AUser> {
    match parse_id(id) {
        Some(id) => w.aircall.users.iter().find(|u| u.id == id),
        None => w
            .aircall
            .users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(id)),
    }
}

fn user_json(u: &AUser) -> Value {
    json!({
        "id": u.id,
        "direct_link": format!("https://api.aircall.io/v2/users/{}", u.id),
        "name": u.name,
        "email": u.email,
        "created_at": u.created_at,
        "available": u.available,
        "availability_status": "available",
        "substatus": "always_open",
        "state": "always_opened",
        "time_zone": "Etc/UTC",
        "language": "en-US",
        "wrap_up_time": 0,
        "extension": null,
        "default_number_id": null,
    })
}

fn embedded_user(w: &World, id: Option<i64>) -> Value {
    match id.and_then(|id| w.aircall.users.iter().find(|u| u.id == id)) {
        Some(u) => json!({
            "id": u.id,
            "direct_link": format!("https://api.aircall.io/v1/users/{}", u.id),
            "name": u.name,
            "email": u.email,
            "available": u.available,
            "availability_status": "available",
            "created_at": u.created_at,
            "time_zone": "Etc/UTC",
            "language": "en-US",
            "state": "always_opened",
            "wrap_up_time": 0,
            "extension": null,
        }),
        None => Value::Null,
    }
}

fn number_json(w: &World, n: &ANumber, base: &str, with_users: bool) -> Value {
    let mut v = json!({
        "id": n.id,
        "direct_link": format!("{base}/v1/numbers/{}", n.id),
        "name": n.name,
        "digits": n.digits,
        "country": n.country,
        "time_zone": n.time_zone,
        "open": true,
        "availability_status": "open",
        "is_ivr": false,
        "live_recording_activated": true,
        "priority": null,
        "messages": {"welcome": null, "waiting": null, "ivr": null, "voicemail": null,
                     "closed": null, "callback_later": null, "unanswered_call": null,
                     "after_hours": null, "ringing_tone": null},
        "created_at": n.created_at,
    });
    if with_users {
        v["users"] = n
            .user_ids
            .iter()
            .map(|u| embedded_user(w, Some(*u)))
            .collect();
    }
    v
}

/// A team (aircall-api.md §6 Teams): `id`, `name`, `direct_link`, `created_at` (ISO),
/// `users[]`; list items' users add `availability_status` and `default_number_id`.
fn team_json(w: &World, t: &ATeam, base: &str, list: bool) -> Value {
    let users: Vec<Value> = t
        .user_ids
        .iter()
        .filter_map(|id| w.aircall.users.iter().find(|u| u.id == *id))
        .map(|u| {
            let mut v = json!({
                "id": u.id,
                "direct_link": format!("{base}/v1/users/{}", u.id),
                "name": u.name,
                "email": u.email,
                "created_at": u.created_at,
            });
            if list {
                v["availability_status"] = json!("available");
                v["default_number_id"] = w
                    .aircall
                    .numbers
                    .iter()
                    .find(|n| n.user_ids.contains(&u.id))
                    .map(|n| json!(n.id))
                    .unwrap_or(Value::Null);
            }
            v
        })
        .collect();
    json!({
        "id": t.id,
        "name": t.name,
        "direct_link": format!("{base}/v1/teams/{}", t.id),
        "created_at": t.created_at,
        "users": users,
    })
}

fn tag_json(t: &ATag) -> Value {
    json!({"id": t.id, "name": t.name, "color": t.color, "description": t.description})
}

fn digits_of(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

fn contact_json(ct: &AContact, base: &str) -> Value {
    json!({
        "id": ct.id,
        "direct_link": format!("{base}/v1/contacts/{}", ct.id),
        "first_name": ct.first_name,
        "last_name": ct.last_name,
        "company_name": ct.company_name,
        "information": ct.information,
        "is_shared": true,
        "created_at": ct.created_at,
        "updated_at": ct.updated_at,
        "phone_numbers": ct.phone_numbers.iter().map(|d| json!({"id": d.id, "label": d.label, "value": d.value})).collect::<Vec<_>>(),
        "emails": ct.emails.iter().map(|d| json!({"id": d.id, "label": d.label, "value": d.value})).collect::<Vec<_>>(),
    })
}

fn call_json(w: &World, call: &ACall, c: &Call, base: &str) -> Value {
    let number = w.aircall.numbers.iter().find(|n| n.id == call.number_id);
    let fetch = |k: &str| c.q(k) == Some("true");
    let contact = if fetch("fetch_contact") && call.raw_digits != "anonymous" {
        let d = digits_of(&call.raw_digits);
        w.aircall
            .contacts
            .values()
            .find(|ct| ct.phone_numbers.iter().any(|p| digits_of(&p.value) == d))
            .map(|ct| contact_json(ct, base))
            .unwrap_or(Value::Null)
    } else {
        Value::Null
    };
    // Signed media links expire: each read gives a fresh one.
    let signed = |kind: &str| {
        format!(
            "https://sandbox-media.aircall.example/{}/{kind}.mp3?X-Amz-Date={}&X-Amz-Expires=3600&X-Amz-Signature=sbx",
            call.id, c.now
        )
    };
    let short = |kind: &str| {
        if fetch("fetch_short_urls") {
            json!(format!("https://short.aircall.example/{kind}/{}", call.id))
        } else {
            Value::Null
        }
    };
    json!({
        "id": call.id,
        "sid": format!("CA{:032x}", call.id),
        "direct_link": format!("{base}/v1/calls/{}", call.id),
        "direction": call.direction,
        "status": call.status,
        "missed_call_reason": call.missed_call_reason,
        "started_at": call.started_at,
        "answered_at": call.answered_at,
        "ended_at": call.ended_at,
        "duration": call.ended_at.map(|e| e - call.started_at).unwrap_or(0),
        "raw_digits": call.raw_digits,
        "asset": if call.has_recording { json!(format!("https://assets.aircall.io/calls/{}/recording", call.id)) }
                 else if call.has_voicemail { json!(format!("https://assets.aircall.io/calls/{}/voicemail", call.id)) }
                 else { Value::Null },
        "recording": if call.has_recording { json!(signed("recording")) } else { Value::Null },
        "recording_short_url": if call.has_recording { short("recording") } else { Value::Null },
        "voicemail": if call.has_voicemail { json!(signed("voicemail")) } else { Value::Null },
        "voicemail_short_url": if call.has_voicemail { short("voicemail") } else { Value::Null },
        "archived": call.archived,
        "cost": "0.0",
        "pricing_type": "in_bundle",
        "country_code_a2": call.country_code_a2,
        "user": embedded_user(w, call.user_id),
        "contact": contact,
        "assigned_to": embedded_user(w, call.assigned_to),
        "transferred_by": embedded_user(w, call.transferred_by),
        "transferred_to": embedded_user(w, call.transferred_to),
        "number": number.map(|n| number_json(w, n, base, false)).unwrap_or(Value::Null),
        // `teams`: filled for inbound calls only (aircall-api.md §4.4); shaped as the digest's
        // example (`users: []`).
        "teams": call.team_ids.iter().filter_map(|id| w.aircall.teams.iter().find(|t| t.id == *id)).map(|t| json!({
            "id": t.id, "name": t.name, "direct_link": format!("{base}/v1/teams/{}", t.id),
            "created_at": t.created_at, "users": []})).collect::<Vec<_>>(),
        "tags": call.tags.iter().map(|t| {
            let tag = w.aircall.tags.iter().find(|x| x.id == t.tag_id);
            json!({"id": t.tag_id, "name": tag.map(|x| x.name.clone()), "created_at": t.created_at,
                   "tagged_by": embedded_user(w, t.tagged_by)})
        }).collect::<Vec<_>>(),
        "comments": call.comments.iter().map(|cm| json!({
            "id": cm.id, "content": cm.content, "posted_at": cm.posted_at,
            "posted_by": embedded_user(w, cm.posted_by)})).collect::<Vec<_>>(),
        "conference_participants": [],
    })
}

/// Page/per_page pagination over already-rendered items.
fn paginate(items: Vec<Value>, key: &str, c: &Call, base: &str, path: &str) -> Answer {
    let total = items.len();
    paginate_with(total, key, c, base, path, |start, n| {
        items.iter().skip(start).take(n).cloned().collect()
    })
}

/// Page/per_page pagination with the positional 10,000-item cap and absolute page links;
/// only the served page is rendered.
fn paginate_with(
    total: usize,
    key: &str,
    c: &Call,
    base: &str,
    path: &str,
    render: impl FnOnce(usize, usize) -> Vec<Value>,
) -> Answer {
    let per_page = c
        .q("per_page")
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(20)
        .clamp(1, 50) as u64;
    let page = c
        .q("page")
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(1)
        .max(1) as u64;
    if page * per_page > CAP {
        return Answer::json(
            400,
            json!({"error": "Bad Request", "data": null, "message": "BAD_REQUEST",
                   "errors": "Your query is limited to 10k results and pagination is out of bound, please use timestamps or other filters.",
                   "troubleshoot": "BAD_REQUEST", "success": false}),
        );
    }
    let total = total as u64;
    let start = ((page - 1) * per_page) as usize;
    let slice: Vec<Value> = render(start, per_page as usize);
    let order = c.q("order").unwrap_or("asc");
    let link = |p: u64| {
        let mut q: Vec<(String, String)> = c
            .query
            .iter()
            .filter(|(k, _)| k != "page" && k != "per_page" && k != "order")
            .cloned()
            .collect();
        q.push(("order".into(), order.into()));
        q.push(("page".into(), p.to_string()));
        q.push(("per_page".into(), per_page.to_string()));
        let qs = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(q)
            .finish();
        format!("{base}{path}?{qs}")
    };
    let has_next = page * per_page < total && (page + 1) * per_page <= CAP;
    Answer::json(
        200,
        json!({
            key: slice,
            "meta": {
                "count": slice.len(),
                "total": total,
                "current_page": page,
                "per_page": per_page,
                "next_page_link": if has_next { json!(link(page + 1)) } else { Value::Null },
                "previous_page_link": if page > 1 { json!(link(page - 1)) } else { Value::Null },
            }
        }),
    )
}

fn list_calls(w: &World, c: &Call, base: &str, search: bool) -> Answer {
    let from = c.q("from").and_then(|v| v.parse::<i64>().ok());
    let to = c.q("to").and_then(|v| v.parse::<i64>().ok());
    let six_months = c.now - 183 * 86_400;
    let mut calls: Vec<&ACall> = w
        .aircall
        .calls
        .iter()
        .filter(|call| call.started_at > six_months)
        // `from` exclusive, `to` inclusive (live-verified in the digest).
        .filter(|call| from.is_none_or(|f| call.started_at > f))
        .filter(|call| to.is_none_or(|t| call.started_at <= t))
        .collect();
    if search {
        if let Some(d) = c.q("direction") {
            calls.retain(|call| call.direction == d);
        }
        if let Some(u) = c.q("user_id").and_then(|v| v.parse::<i64>().ok()) {
            calls.retain(|call| call.user_id == Some(u));
        }
        if let Some(p) = c.q("phone_number") {
            let d = digits_of(p);
            calls.retain(|call| digits_of(&call.raw_digits) == d);
        }
        let tags: Vec<i64> = c
            .q_all("tags[]")
            .iter()
            .filter_map(|t| t.parse().ok())
            .collect();
        if !tags.is_empty() {
            calls.retain(|call| {
                tags.iter()
                    .all(|t| call.tags.iter().any(|x| x.tag_id == *t))
            });
        }
    }
    calls.sort_by_key(|call| (call.started_at, call.id));
    if c.q("order") == Some("desc") {
        calls.reverse();
    }
    paginate_with(
        calls.len(),
        "calls",
        c,
        base,
        if search {
            "/v1/calls/search"
        } else {
            "/v1/calls"
        },
        |start, n| {
            calls
                .iter()
                .skip(start)
                .take(n)
                .map(|call| call_json(w, call, c, base))
                .collect()
        },
    )
}

fn list_contacts(w: &World, c: &Call, base: &str, search: bool) -> Answer {
    let from = c.q("from").and_then(|v| v.parse::<i64>().ok());
    let to = c.q("to").and_then(|v| v.parse::<i64>().ok());
    let mut contacts: Vec<&AContact> = w
        .aircall
        .contacts
        .values()
        // Contacts: `created_at` in [from, to], both inclusive, whatever `order_by` says.
        .filter(|ct| from.is_none_or(|f| ct.created_at >= f))
        .filter(|ct| to.is_none_or(|t| ct.created_at <= t))
        .collect();
    if search {
        if let Some(p) = c.q("phone_number") {
            let d = digits_of(p);
            contacts.retain(|ct| ct.phone_numbers.iter().any(|x| digits_of(&x.value) == d));
        }
        if let Some(e) = c.q("email") {
            contacts.retain(|ct| ct.emails.iter().any(|x| x.value.eq_ignore_ascii_case(e)));
        }
    }
    if c.q("order_by") == Some("updated_at") {
        contacts.sort_by_key(|ct| (ct.updated_at, ct.id));
    } else {
        contacts.sort_by_key(|ct| (ct.created_at, ct.id));
    }
    if c.q("order") == Some("desc") {
        contacts.reverse();
    }
    paginate_with(
        contacts.len(),
        "contacts",
        c,
        base,
        if search {
            "/v1/contacts/search"
        } else {
            "/v1/contacts"
        },
        |start, n| {
            contacts
                .iter()
                .skip(start)
                .take(n)
                .map(|ct| contact_json(ct, base))
                .collect()
        },
    )
}

fn str_field(body: &Value, key: &str) -> Result<Option<String>, Answer> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => {
            Err(bad_request(&format!("{key} can't be blank if defined")))
        }
        Some(Value::String(s)) => Ok(Some(strip_emoji(s))),
        Some(_) => Err(bad_request(&format!("{key} must be a string"))),
    }
}

/// Aircall silently removes emojis from every attribute.
fn strip_emoji(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(*c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF))
        .collect()
}

fn details(w: &mut World, body: &Value, key: &str, required: bool) -> Result<Vec<ADetail>, Answer> {
    let list = match body.get(key) {
        None | Some(Value::Null) if !required => return Ok(vec![]),
        Some(Value::Array(a)) => a.clone(),
        _ => return Err(bad_request(&format!("{key} is required"))),
    };
    if required && list.is_empty() {
        return Err(bad_request(&format!("{key} needs at least one entry")));
    }
    if list.len() > 20 {
        return Err(bad_request(&format!("{key}: at most 20 entries")));
    }
    let mut out = Vec::new();
    for item in list {
        let label = item.get("label").and_then(Value::as_str).unwrap_or("");
        let value = item.get("value").and_then(Value::as_str).unwrap_or("");
        if label.trim().is_empty() || value.trim().is_empty() {
            return Err(bad_request(&format!(
                "{key}: each entry needs a label and a value"
            )));
        }
        out.push(ADetail {
            id: w.alloc_id() + 500_000_000,
            label: label.into(),
            value: value.into(),
        });
    }
    Ok(out)
}

fn create_contact(w: &mut World, c: &Call) -> Answer {
    let Some(body) = c.body else {
        return bad_request("body is required");
    };
    let result = (|| -> Result<AContact, Answer> {
        let phone_numbers = details(w, body, "phone_numbers", true)?;
        let emails = details(w, body, "emails", false)?;
        Ok(AContact {
            id: w.alloc_id(),
            first_name: str_field(body, "first_name")?,
            last_name: str_field(body, "last_name")?,
            company_name: str_field(body, "company_name")?,
            information: str_field(body, "information")?,
            created_at: c.now,
            updated_at: c.now,
            phone_numbers,
            emails,
        })
    })();
    match result {
        Ok(ct) => {
            let v = json!({"contact": contact_json(&ct, "https://api.aircall.io")});
            w.aircall.contacts.insert(ct.id, ct);
            Answer::json(201, v)
        }
        Err(a) => a,
    }
}

fn update_contact(w: &mut World, c: &Call, id: &str, base: &str) -> Answer {
    let Some(id) = parse_id(id) else {
        return not_found();
    };
    let Some(body) = c.body else {
        return bad_request("body is required");
    };
    let fields = (|| -> Result<[Option<String>; 4], Answer> {
        Ok([
            str_field(body, "first_name")?,
            str_field(body, "last_name")?,
            str_field(body, "company_name")?,
            str_field(body, "information")?,
        ])
    })();
    let fields = match fields {
        Ok(f) => f,
        Err(a) => return a,
    };
    let Some(ct) = w.aircall.contacts.get_mut(&id) else {
        return not_found();
    };
    let [first, last, company, info] = fields;
    // Only the four scalar fields change here; phones and emails are sub-resources.
    if let Some(v) = first {
        ct.first_name = Some(v);
    }
    if let Some(v) = last {
        ct.last_name = Some(v);
    }
    if let Some(v) = company {
        ct.company_name = Some(v);
    }
    if let Some(v) = info {
        ct.information = Some(v);
    }
    ct.updated_at = c.now;
    Answer::json(200, json!({"contact": contact_json(ct, base)}))
}

fn detail(w: &mut World, c: &Call, id: &str, kind: &str, rest: &[&str], base: &str) -> Answer {
    let Some(cid) = parse_id(id) else {
        return not_found();
    };
    if !w.aircall.contacts.contains_key(&cid) {
        return not_found();
    }
    let new_id = w.alloc_id() + 500_000_000;
    let ct = w.aircall.contacts.get_mut(&cid).expect("checked");
    let list = if kind == "phone_details" {
        &mut ct.phone_numbers
    } else {
        &mut ct.emails
    };
    let body = c.body.cloned().unwrap_or(Value::Null);
    let label = body
        .get("label")
        .and_then(Value::as_str)
        .map(str::to_string);
    let value = body
        .get("value")
        .and_then(Value::as_str)
        .map(str::to_string);
    // Whether sub-resource edits bump `updated_at` is unconfirmed: the safe reading for a
    // client is that they might, so this fake does.
    let answer = match (c.method, rest) {
        (&Method::POST, []) => {
            let (Some(label), Some(value)) = (label, value) else {
                return bad_request("label and value are required");
            };
            if list.len() >= 20 {
                return bad_request("at most 20 entries");
            }
            list.push(ADetail {
                id: new_id,
                label,
                value,
            });
            Answer::json(201, json!({"contact": contact_json(ct, base)}))
        }
        (&Method::PUT, [did]) => {
            let Some(d) = parse_id(did).and_then(|did| list.iter_mut().find(|d| d.id == did))
            else {
                return not_found();
            };
            if let Some(l) = label {
                d.label = l;
            }
            if let Some(v) = value {
                if v.trim().is_empty() {
                    return bad_request("value can't be blank");
                }
                d.value = v;
            }
            Answer::json(200, json!({"contact": contact_json(ct, base)}))
        }
        (&Method::DELETE, [did]) => {
            let Some(did) = parse_id(did) else {
                return not_found();
            };
            let before = list.len();
            list.retain(|d| d.id != did);
            if list.len() == before {
                return not_found();
            }
            Answer::empty(204)
        }
        _ => return edge_not_found(),
    };
    ct.updated_at = c.now;
    answer
}

fn add_comment(w: &mut World, c: &Call, id: &str) -> Answer {
    let content = c
        .body
        .and_then(|b| b.get("content"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let new_id = w.alloc_id();
    let Some(call) = parse_id(id).and_then(|id| w.aircall.calls.iter_mut().find(|x| x.id == id))
    else {
        return not_found();
    };
    let Some(content) = content.filter(|s| !s.trim().is_empty()) else {
        return bad_request("content is required");
    };
    if call.comments.len() >= 5 {
        return bad_request("Maximum of 5 notes per call reached");
    }
    call.comments.push(AComment {
        id: new_id,
        content: strip_emoji(&content),
        posted_at: c.now,
        posted_by: None,
    });
    Answer::empty(201)
}

fn tag_call(w: &mut World, c: &Call, id: &str) -> Answer {
    let tags: Vec<i64> = c
        .body
        .and_then(|b| b.get("tags"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    if tags.is_empty() {
        return bad_request("tags is required");
    }
    if let Some(t) = tags
        .iter()
        .find(|t| !w.aircall.tags.iter().any(|x| x.id == **t))
    {
        return bad_request(&format!("Tag {t} does not exist"));
    }
    let Some(call) = parse_id(id).and_then(|id| w.aircall.calls.iter_mut().find(|x| x.id == id))
    else {
        return not_found();
    };
    // Appends (the digest leaves replace-or-append unconfirmed; appending loses nothing).
    for t in tags {
        if !call.tags.iter().any(|x| x.tag_id == t) {
            call.tags.push(ACallTag {
                tag_id: t,
                created_at: c.now,
                tagged_by: None,
            });
        }
    }
    Answer::empty(201)
}

fn create_tag(w: &mut World, c: &Call) -> Answer {
    let name = c.body.and_then(|b| b.get("name")).and_then(Value::as_str);
    let color = c.body.and_then(|b| b.get("color")).and_then(Value::as_str);
    let (Some(name), Some(color)) = (name, color) else {
        return bad_request("name and color are required");
    };
    if !color.starts_with('#') || !color[1..].chars().all(|c| c.is_ascii_hexdigit()) {
        return bad_request("color must be a hex code");
    }
    if w.aircall.tags.iter().any(|t| t.name == name) {
        return bad_request("Name has already been taken");
    }
    let tag = ATag {
        id: w.alloc_id(),
        name: name.into(),
        color: color.into(),
        description: None,
    };
    let v = json!({"tag": tag_json(&tag)});
    w.aircall.tags.push(tag);
    Answer::json(201, v)
}

#[allow(dead_code)]
fn _iso(ts: i64) -> String {
    iso(ts)
}
