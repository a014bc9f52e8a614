//! The Intercom 2.16 fake's routes (digest: `shared/reference/intercom-api.md`, §11).
//! Lists page with opaque keyset cursors (query string for lists, body for searches); the
//! search language is the subset the digest describes, with 2.16's day-granular date
//! semantics for contacts (workspace time zone: UTC here).

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use axum::http::Method;
use base64::Engine;
use serde_json::{json, Map, Value};

use super::world::*;
use super::{Answer, Call};

const DAY: i64 = 86_400;
const VERSIONS: &[&str] = &[
    "1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7",
    "2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "Unstable",
];

pub(crate) fn version_ok(v: &str) -> bool {
    VERSIONS.contains(&v)
}

pub(crate) fn error(status: u16, code: &str, message: &str) -> Answer {
    Answer::json(
        status,
        json!({"type": "error.list", "request_id": format!("sbx-{:08x}", rand::random::<u32>()),
               "errors": [{"code": code, "message": message}]}),
    )
}

fn not_found(what: &str) -> Answer {
    error(404, "not_found", &format!("{what} Not Found"))
}

pub(crate) fn route(w: &mut World, ix: &mut SearchIndex, c: &Call) -> Answer {
    let s: Vec<&str> = c.segments.clone();
    // The search index catches up with writes older than the lag (§10.1); a cached
    // total_count is stale once it has.
    let now = Instant::now();
    if Lagging::advance(&mut ix.contacts, now) {
        w.intercom.search_counts.clear();
    }
    Lagging::advance(&mut ix.conversations, now);
    let target = write_target(w, c, &s);
    let answer = route_inner(w, ix, c, &s);
    note_write(w, ix, target, &answer);
    // A contact write changes what lists and searches see: rebuild the index after it (not
    // before, or the index would miss the contact this very request created).
    if c.method != Method::GET && s.first() == Some(&"contacts") && s.get(1) != Some(&"search") {
        w.intercom.created_index = None;
    }
    answer
}

fn route_inner(w: &mut World, ix: &SearchIndex, c: &Call, s: &[&str]) -> Answer {
    if w.intercom.created_index.is_none() {
        let mut idx: Vec<(i64, String)> = live_contacts(w)
            .map(|ct| (ct.created_at, ct.id.clone()))
            .collect();
        idx.sort();
        w.intercom.created_index = Some(idx);
        w.intercom.search_counts.clear();
    }
    match (c.method, s) {
        (&Method::GET, ["me"]) => me(w),
        (&Method::GET, ["admins"]) => Answer::json(
            200,
            json!({"type": "admin.list", "admins": w.intercom.admins.iter().map(admin_json).collect::<Vec<_>>()}),
        ),
        (&Method::GET, ["admins", id]) => match w.intercom.admins.iter().find(|a| a.id == *id) {
            Some(a) => Answer::json(200, admin_json(a)),
            None => error(404, "admin_not_found", "Admin not found"),
        },
        (&Method::GET, ["contacts"]) => list_contacts(w, c),
        (&Method::POST, ["contacts", "search"]) => search_contacts(w, ix, c),
        (&Method::POST, ["contacts", "merge"]) => merge(w, c),
        (&Method::POST, ["contacts"]) => create_contact(w, c),
        (&Method::GET, ["contacts", id]) => get_contact(w, id),
        (&Method::PUT, ["contacts", id]) => update_contact(w, c, id),
        (&Method::DELETE, ["contacts", id]) => match w.intercom.contacts.remove(*id) {
            Some(ct) => Answer::json(
                200,
                json!({"type": "contact", "id": ct.id, "external_id": ct.external_id, "deleted": true}),
            ),
            None => not_found("User"),
        },
        (&Method::GET, ["companies", id]) => {
            match w.intercom.companies.iter().find(|c| c.id == *id) {
                Some(co) => Answer::json(
                    200,
                    json!({"type": "company", "id": co.id, "name": co.name, "company_id": co.id,
                       "app_id": w.intercom.app_id, "created_at": 1_600_000_000, "updated_at": 1_600_000_000,
                       "user_count": w.intercom.contacts.values().filter(|c| c.company_ids.contains(&co.id)).count()}),
                ),
                None => error(404, "company_not_found", "Company Not Found"),
            }
        }
        (&Method::GET, ["tags"]) => Answer::json(
            200,
            json!({"type": "list", "data": w.intercom.tags.iter().map(tag_json).collect::<Vec<_>>()}),
        ),
        (&Method::POST, ["tags"]) => create_tag(w, c),
        (&Method::GET, ["conversations", "attributes"]) => {
            let include_archived = c.q("include_archived") == Some("true");
            let data: Vec<Value> = w
                .intercom
                .conversation_attributes
                .iter()
                .filter(|a| include_archived || !a.archived)
                .map(attribute_json)
                .collect();
            Answer::json(200, json!({"type": "list", "data": data}))
        }
        (&Method::POST, ["conversations", "attributes"]) => create_attribute(w, c),
        (&Method::POST, ["conversations", "search"]) => search_conversations(w, ix, c),
        (&Method::GET, ["conversations"]) => list_conversations(w, c),
        (&Method::POST, ["conversations"]) => create_conversation(w, c),
        (&Method::GET, ["conversations", id]) => match w.intercom.conversations.get(*id) {
            Some(conv) => {
                let mut v = conversation_json(w, conv, Parts::All);
                if wants_plaintext(c) {
                    plaintext_conversation(&mut v);
                }
                Answer::json(200, v)
            }
            None => not_found("Conversation"),
        },
        (&Method::PUT, ["conversations", id]) => update_conversation(w, c, id),
        (&Method::POST, ["conversations", id, "reply"]) => reply(w, c, id),
        (&Method::POST, ["conversations", id, "parts"]) => manage(w, c, id),
        (&Method::POST, ["conversations", id, "tags"]) => tag_conversation(w, c, id),
        (&Method::DELETE, ["conversations", id, "tags", tag_id]) => {
            untag_conversation(w, c, id, tag_id)
        }
        _ => error(404, "not_found", "Resource Not Found"),
    }
}

fn me(w: &World) -> Answer {
    let Some(a) = w.intercom.admins.iter().find(|a| a.id == w.intercom.me) else {
        return error(401, "unauthorized", "Access Token Invalid");
    };
    let mut v = admin_json(a);
    v["email_verified"] = json!(true);
    v["app"] = json!({
        "type": "app", "id_code": w.intercom.app_id, "name": w.intercom.app_name,
        "region": w.intercom.region, "timezone": "UTC", "created_at": 1_600_000_000,
        "identity_verification": false,
    });
    Answer::json(200, v)
}

fn admin_json(a: &IAdmin) -> Value {
    json!({
        "type": "admin", "id": a.id, "name": a.name, "email": a.email, "job_title": "Support",
        "away_mode_enabled": a.away_mode_enabled, "away_mode_reassign": false,
        "has_inbox_seat": true, "team_ids": [],
    })
}

fn tag_json(t: &ITag) -> Value {
    json!({"type": "tag", "id": t.id, "name": t.name})
}

fn attribute_json(a: &IConvAttribute) -> Value {
    json!({
        "type": "conversation_attribute", "id": a.id, "name": a.name,
        "description": a.description, "data_type": a.data_type, "required": false,
        "visible_to_team_ids": [], "archived": a.archived, "created_at": a.created_at,
        "updated_at": a.created_at, "admin_id": "0", "multiline": false,
    })
}

fn contact_json(w: &World, ct: &IContact) -> Value {
    let list = |kind: &str, data: Vec<Value>| {
        json!({"type": "list", "data": data, "url": format!("/contacts/{}/{kind}", ct.id),
               "total_count": data.len(), "has_more": false})
    };
    json!({
        "type": "contact",
        "id": ct.id,
        "workspace_id": w.intercom.app_id,
        "external_id": ct.external_id,
        "role": ct.role,
        "email": ct.email.clone().unwrap_or_default(),
        "email_domain": ct.email.as_deref().and_then(|e| e.split_once('@')).map(|(_, d)| d.to_string()).unwrap_or_default(),
        "phone": ct.phone,
        "name": ct.name,
        "owner_id": null,
        "has_hard_bounced": false,
        "marked_email_as_spam": false,
        "unsubscribed_from_emails": false,
        "created_at": ct.created_at,
        "updated_at": ct.updated_at,
        "signed_up_at": if ct.role == "user" { json!(ct.created_at) } else { Value::Null },
        "last_seen_at": ct.last_seen_at,
        "last_replied_at": null,
        "last_contacted_at": null,
        "last_email_opened_at": null,
        "last_email_clicked_at": null,
        "language_override": null,
        "browser": null, "browser_version": null, "browser_language": null, "os": null,
        "custom_attributes": ct.custom_attributes,
        "avatar": {"type": "avatar", "image_url": null},
        "tags": list("tags", ct.tag_ids.iter().map(|t| json!({"type": "tag", "id": t, "url": format!("/tags/{t}")})).collect()),
        "notes": list("notes", vec![]),
        "companies": list("companies", ct.company_ids.iter().map(|c| json!({"type": "company", "id": c, "url": format!("/companies/{c}")})).collect()),
        "location": {"type": "location", "country": ct.country, "region": null, "city": null},
        "social_profiles": {"type": "list", "data": []},
    })
}

fn encode_cursor(v: &Value) -> String {
    base64::engine::general_purpose::STANDARD.encode(v.to_string())
}

fn decode_cursor(s: &str) -> Option<Value> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(s).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn per_page(raw: Option<&Value>, default: i64) -> Result<usize, Answer> {
    let n = match raw {
        None | Some(Value::Null) => default,
        Some(v) => v
            .as_i64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            .ok_or_else(|| error(400, "parameter_invalid", "per_page must be an integer"))?,
    };
    if !(1..=150).contains(&n) {
        return Err(error(
            400,
            "parameter_invalid",
            "per_page must be between 1 and 150",
        ));
    }
    Ok(n as usize)
}

/// Keyset pagination over items already sorted by (key, id).
fn page_of<T>(
    items: Vec<(i64, String, T)>,
    per_page: usize,
    cursor: Option<&str>,
    descending: bool,
) -> Result<(Vec<T>, Option<String>, usize, usize), Answer> {
    let total = items.len();
    let after = match cursor {
        None => None,
        Some(c) => {
            let v = decode_cursor(c).ok_or_else(|| {
                error(
                    400,
                    "parameter_invalid",
                    "starting_after is not a valid cursor",
                )
            })?;
            let key = v.get(0).and_then(Value::as_i64);
            let id = v.get(1).and_then(Value::as_str).map(str::to_string);
            match (key, id) {
                (Some(k), Some(i)) => Some((k, i)),
                _ => {
                    return Err(error(
                        400,
                        "parameter_invalid",
                        "starting_after is not a valid cursor",
                    ))
                }
            }
        }
    };
    let mut rest: Vec<(i64, String, T)> = items
        .into_iter()
        .filter(|(k, id, _)| match &after {
            None => true,
            Some((ak, aid)) => {
                if descending {
                    (k, id) < (ak, aid)
                } else {
                    (k, id) > (ak, aid)
                }
            }
        })
        .collect();
    let consumed = total - rest.len();
    let more = rest.len() > per_page;
    rest.truncate(per_page);
    let next = if more {
        rest.last().map(|(k, id, _)| encode_cursor(&json!([k, id])))
    } else {
        None
    };
    let page = consumed / per_page.max(1) + 1;
    Ok((
        rest.into_iter().map(|(_, _, t)| t).collect(),
        next,
        total,
        page,
    ))
}

fn pages_json(page: usize, per_page: usize, total: usize, next: Option<String>) -> Value {
    let mut v = json!({
        "type": "pages", "page": page, "per_page": per_page,
        "total_pages": total.div_ceil(per_page.max(1)),
    });
    if let Some(n) = next {
        v["next"] = json!({"page": page + 1, "starting_after": n});
    }
    v
}

fn live_contacts(w: &World) -> impl Iterator<Item = &IContact> {
    w.intercom
        .contacts
        .values()
        .filter(|c| c.merged_into.is_none())
}

fn list_contacts(w: &World, c: &Call) -> Answer {
    let pp = match per_page(c.q("per_page").map(|s| json!(s)).as_ref(), 10) {
        Ok(p) => p,
        Err(a) => return a,
    };
    // Keyset paging straight off the index: only the page is looked at.
    let idx = w.intercom.created_index.as_deref().unwrap_or(&[]);
    let start = match c.q("starting_after").map(decode_cursor) {
        None => 0,
        Some(Some(v)) => match (
            v.get(0).and_then(Value::as_i64),
            v.get(1).and_then(Value::as_str),
        ) {
            (Some(k), Some(id)) => idx.partition_point(|(ck, cid)| (*ck, cid.as_str()) <= (k, id)),
            _ => {
                return error(
                    400,
                    "parameter_invalid",
                    "starting_after is not a valid cursor",
                )
            }
        },
        Some(None) => {
            return error(
                400,
                "parameter_invalid",
                "starting_after is not a valid cursor",
            )
        }
    };
    let total = idx.len();
    let window = &idx[start..(start + pp + 1).min(total)];
    let next =
        (window.len() > pp).then(|| encode_cursor(&json!([window[pp - 1].0, window[pp - 1].1])));
    let data: Vec<Value> = window
        .iter()
        .take(pp)
        .filter_map(|(_, id)| w.intercom.contacts.get(id))
        .map(|ct| contact_json(w, ct))
        .collect();
    let page = start / pp + 1;
    Answer::json(
        200,
        json!({"type": "list", "data": data, "total_count": total, "pages": pages_json(page, pp, total, next)}),
    )
}

// ------------------------------------------------------------------ search language

#[derive(Clone, Copy, PartialEq)]
enum Model {
    Contact,
    Conversation,
}

fn contact_field(ct: &IContact, field: &str) -> Option<Value> {
    Some(match field {
        "id" => json!(ct.id),
        "role" => json!(ct.role),
        "name" => json!(ct.name),
        "email" => json!(ct.email),
        "email_domain" => json!(ct
            .email
            .as_deref()
            .and_then(|e| e.split_once('@'))
            .map(|(_, d)| d)),
        "phone" => json!(ct.phone),
        "formatted_phone" => json!(ct.phone.as_deref().map(|p| {
            let plus = p.trim_start().starts_with('+');
            let d: String = p.chars().filter(|c| c.is_ascii_digit()).collect();
            if plus {
                format!("+{d}")
            } else {
                d
            }
        })),
        "external_id" => json!(ct.external_id),
        "created_at" => json!(ct.created_at),
        "updated_at" => json!(ct.updated_at),
        "signed_up_at" => {
            if ct.role == "user" {
                json!(ct.created_at)
            } else {
                Value::Null
            }
        }
        "last_seen_at" => json!(ct.last_seen_at),
        "location.country" => json!(ct.country),
        "tag_id" => json!(ct.tag_ids),
        // The demo workspace has no segments: a segment filter matches nobody.
        "segment_id" => json!([]),
        f if f.starts_with("custom_attributes.") => ct
            .custom_attributes
            .get(&f["custom_attributes.".len()..])
            .cloned()
            .unwrap_or(Value::Null),
        _ => return None,
    })
}

fn conversation_field(conv: &IConversation, field: &str) -> Option<Value> {
    Some(match field {
        "id" => json!(conv.id),
        "contact_ids" => json!([conv.contact_id]),
        "created_at" => json!(conv.created_at),
        "updated_at" => json!(conv.updated_at),
        "state" => json!(conv.state),
        "open" => json!(conv.state == "open"),
        "read" => json!(conv.read),
        "admin_assignee_id" => json!(conv.admin_assignee_id),
        "team_assignee_id" => json!(conv.team_assignee_id),
        // Matched against the text of the stored HTML (§7.8: "matched word by word"): the
        // words a reader sees, not the tags or entities around them.
        "source.body" => json!(html_to_text(&conv.source_body)),
        "source.id" => json!(conv.source_id),
        "source.type" => json!("conversation"),
        "source.delivered_as" => json!("customer_initiated"),
        "source.author.id" => json!(conv.contact_id),
        "source.author.type" => json!(conv.contact_role),
        "tag_ids" => json!(conv.tag_ids),
        "priority" => json!("none"),
        _ => return None,
    })
}

/// The `[lo, hi)` created_at bounds a contact query certainly implies (day semantics).
fn created_bounds(q: &Value) -> (Option<i64>, Option<i64>) {
    fn single(f: &Value) -> Option<(Option<i64>, Option<i64>)> {
        if f.get("field").and_then(Value::as_str) != Some("created_at") {
            return None;
        }
        let v = f.get("value").and_then(Value::as_i64)?;
        Some(match f.get("operator").and_then(Value::as_str)? {
            ">" => (Some(day_start(v) + DAY), None),
            "<" => (None, Some(day_start(v))),
            "=" => (Some(day_start(v)), Some(day_start(v) + DAY)),
            _ => return None,
        })
    }
    fn group_or(g: &Value) -> Option<(Option<i64>, Option<i64>)> {
        // An OR implies the loosest of its members' bounds, if every member has one.
        let items = g.get("value")?.as_array()?;
        let mut lo: Option<i64> = None;
        let mut hi: Option<i64> = None;
        let mut first = true;
        for it in items {
            let (l, h) = single(it)?;
            if first {
                (lo, hi) = (l, h);
                first = false;
            } else {
                lo = l.zip(lo).map(|(a, b)| a.min(b));
                hi = h.zip(hi).map(|(a, b)| a.max(b));
            }
        }
        Some((lo, hi))
    }
    let mut lo = None;
    let mut hi = None;
    let mut tighten = |(l, h): (Option<i64>, Option<i64>)| {
        if let Some(l) = l {
            lo = Some(lo.map_or(l, |x: i64| x.max(l)));
        }
        if let Some(h) = h {
            hi = Some(hi.map_or(h, |x: i64| x.min(h)));
        }
    };
    match q.get("operator").and_then(Value::as_str) {
        Some("AND") => {
            for m in q
                .get("value")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let b = match m.get("operator").and_then(Value::as_str) {
                    Some("OR") => group_or(m),
                    Some("AND") => None,
                    _ => single(m),
                };
                if let Some(b) = b {
                    tighten(b);
                }
            }
        }
        Some("OR") => {
            if let Some(b) = group_or(q) {
                tighten(b);
            }
        }
        _ => {
            if let Some(b) = single(q) {
                tighten(b);
            }
        }
    }
    (lo, hi)
}

const DATE_FIELDS: &[&str] = &["created_at", "updated_at", "signed_up_at", "last_seen_at"];

fn day_start(ts: i64) -> i64 {
    ts - ts.rem_euclid(DAY)
}

fn as_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Evaluates one filter against a record; `Err` is a 400 message.
fn eval(
    q: &Value,
    get: &dyn Fn(&str) -> Option<Value>,
    model: Model,
    depth: usize,
) -> Result<bool, String> {
    let op = q
        .get("operator")
        .and_then(Value::as_str)
        .ok_or("a filter needs an operator")?;
    if op == "AND" || op == "OR" {
        if depth >= 2 {
            return Err("queries support at most 2 levels of nesting".into());
        }
        let list = q
            .get("value")
            .and_then(Value::as_array)
            .ok_or("AND/OR needs an array value")?;
        if list.len() > 15 {
            return Err("at most 15 filters per AND/OR group".into());
        }
        let mut acc = op == "AND";
        for sub in list {
            let r = eval(sub, get, model, depth + 1)?;
            if op == "AND" {
                acc &= r;
            } else {
                acc |= r;
            }
        }
        return Ok(acc);
    }
    let field = q
        .get("field")
        .and_then(Value::as_str)
        .ok_or("a filter needs a field")?;
    // Borrowed, not cloned: this runs once per filter per contact on every search.
    let value = q.get("value").unwrap_or(&Value::Null);
    let actual = get(field).ok_or_else(|| format!("{field} is not a searchable field"))?;
    // `source.body` with `=` matches word by word (the digest, §7.8): "support" finds
    // "I need support", "need support" finds nothing.
    if model == Model::Conversation && field == "source.body" && op == "=" {
        let want = value.as_str().unwrap_or("").to_lowercase();
        let body = actual.as_str().unwrap_or("").to_lowercase();
        return Ok(!want.contains(' ')
            && body
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == want));
    }
    let is_date = DATE_FIELDS.contains(&field);
    if is_date && !matches!(value, Value::Number(_) | Value::Null) {
        return Err(format!("{field} takes an integer timestamp"));
    }
    // Contact dates compare by calendar day (2.16).
    if is_date && model == Model::Contact {
        let (Some(v), Some(a)) = (value.as_i64(), actual.as_i64()) else {
            return Ok(matches!(op, "=") && value.is_null() && actual.is_null());
        };
        return match op {
            "=" => Ok(day_start(a) == day_start(v)),
            ">" => Ok(a >= day_start(v) + DAY),
            "<" => Ok(a < day_start(v)),
            _ => Err(format!(
                "operator {op} is not supported on date field {field}"
            )),
        };
    }
    if let Value::Array(items) = &actual {
        // Multi-valued fields (tag ids, contact ids): `=` means "contains".
        let want = as_string(value);
        return match op {
            "=" => {
                Ok(want.is_some_and(|w| items.iter().any(|i| as_string(i).as_ref() == Some(&w))))
            }
            "!=" => {
                Ok(!want.is_some_and(|w| items.iter().any(|i| as_string(i).as_ref() == Some(&w))))
            }
            "IN" => Ok(value.as_array().is_some_and(|vs| {
                vs.iter().any(|v| {
                    items.contains(v) || items.iter().any(|i| as_string(i) == as_string(v))
                })
            })),
            _ => Err(format!("operator {op} is not supported on {field}")),
        };
    }
    match op {
        "=" => Ok(values_eq(&actual, value)),
        "!=" => Ok(!values_eq(&actual, value)),
        "IN" | "NIN" => {
            let list = value.as_array().ok_or("IN and NIN take an array")?;
            let hit = list.iter().any(|v| values_eq(&actual, v));
            Ok(if op == "IN" { hit } else { !hit })
        }
        ">" | "<" | ">=" | "<=" => {
            let (Some(a), Some(v)) = (actual.as_i64(), value.as_i64()) else {
                return if value.as_i64().is_none() {
                    Err(format!("{op} takes an integer"))
                } else {
                    Ok(false)
                };
            };
            if (op == ">=" || op == "<=") && model == Model::Conversation {
                return Err(format!("operator {op} is not supported"));
            }
            Ok(match op {
                ">" => a > v,
                "<" => a < v,
                ">=" => a >= v,
                _ => a <= v,
            })
        }
        "~" | "!~" | "^" | "$" => {
            let v = value
                .as_str()
                .ok_or_else(|| format!("{op} takes a string"))?;
            let Some(a) = actual.as_str() else {
                return Ok(op == "!~");
            };
            let (a, v) = (a.to_lowercase(), v.to_lowercase());
            Ok(match op {
                "~" => a.contains(&v),
                "!~" => !a.contains(&v),
                "^" => a.starts_with(&v),
                _ => a.ends_with(&v),
            })
        }
        other => Err(format!("unknown operator {other}")),
    }
}

fn values_eq(actual: &Value, want: &Value) -> bool {
    match (actual, want) {
        (Value::Null, Value::Null) => true,
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::String(a), Value::String(b)) => a.eq_ignore_ascii_case(b),
        (a, b) => as_string(a) == as_string(b),
    }
}

fn search_body<'a>(c: &Call<'a>) -> Result<(&'a Value, usize, Option<String>), Answer> {
    let body = c
        .body
        .ok_or_else(|| error(400, "parameter_invalid", "a query is required"))?;
    let query = body
        .get("query")
        .filter(|q| q.is_object())
        .ok_or_else(|| error(400, "parameter_invalid", "query must be an object"))?;
    let pagination = body.get("pagination");
    let pp = per_page(pagination.and_then(|p| p.get("per_page")), 50)?;
    let cursor = pagination
        .and_then(|p| p.get("starting_after"))
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok((query, pp, cursor))
}

fn search_contacts(w: &mut World, ix: &SearchIndex, c: &Call) -> Answer {
    let (query, pp, cursor) = match search_body(c) {
        Ok(x) => x,
        Err(a) => return a,
    };
    let sort = c.body.and_then(|b| b.get("sort"));
    let sort_field = sort
        .and_then(|s| s.get("field"))
        .and_then(Value::as_str)
        .unwrap_or("created_at")
        .to_string();
    let descending = match sort.and_then(|s| s.get("order")) {
        None => true,
        Some(Value::String(o)) if o == "ascending" => false,
        Some(Value::String(o)) if o == "descending" => true,
        _ => {
            return error(
                400,
                "invalid_sort_order",
                "sort order must be ascending or descending",
            )
        }
    };
    // Narrow to the created_at range the query implies (conservatively: the query itself is
    // still evaluated on every candidate), so a partitioned scan costs its range, not the base.
    let (lo, hi) = created_bounds(query);
    let idx = w.intercom.created_index.as_deref().unwrap_or(&[]);
    let from = lo
        .map(|lo| idx.partition_point(|(k, _)| *k < lo))
        .unwrap_or(0);
    let to = hi
        .map(|hi| idx.partition_point(|(k, _)| *k < hi))
        .unwrap_or(idx.len())
        .max(from);
    if sort_field == "created_at" {
        return search_by_created(w, ix, query, pp, cursor.as_deref(), descending, from, to);
    }
    let mut items = Vec::new();
    for ct in idx[from..to]
        .iter()
        .filter_map(|(_, id)| w.intercom.contacts.get(id))
    {
        // Matched on what the index holds (§10.1: search lags behind writes).
        let Some(seen) = ix.contact(ct) else {
            continue;
        };
        let get = |f: &str| contact_field(seen, f);
        match eval(query, &get, Model::Contact, 0) {
            Ok(true) => {
                let key = contact_field(ct, &sort_field)
                    .and_then(|v| v.as_i64())
                    .unwrap_or(0);
                items.push((key, ct.id.clone(), ct));
            }
            Ok(false) => {}
            Err(m) => return error(400, "parameter_invalid", &m),
        }
    }
    items.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    if descending {
        items.reverse();
    }
    match page_of(items, pp, cursor.as_deref(), descending) {
        Ok((data, next, total, page)) => Answer::json(
            200,
            json!({"type": "list", "data": data.into_iter().map(|ct| contact_json(w, ct)).collect::<Vec<_>>(),
                   "total_count": total, "pages": pages_json(page, pp, total, next)}),
        ),
        Err(a) => a,
    }
}

/// A search sorted by `created_at` (the default), served straight off the index: a page walks
/// from the cursor until it is full, so every page of a scan costs about one page of work.
/// `total_count` is computed once per query and kept until the next contact write.
#[allow(clippy::too_many_arguments)]
fn search_by_created(
    w: &mut World,
    ix: &SearchIndex,
    query: &Value,
    pp: usize,
    cursor: Option<&str>,
    descending: bool,
    from: usize,
    to: usize,
) -> Answer {
    let key = query.to_string();
    let cached = w.intercom.search_counts.get(&key).copied();
    let idx = w.intercom.created_index.as_deref().unwrap_or(&[]);
    let slice = &idx[from..to];
    let matches = |id: &str| -> Result<Option<&IContact>, String> {
        let Some(ct) = w.intercom.contacts.get(id) else {
            return Ok(None);
        };
        // Matched on what the index holds (§10.1: search lags behind writes).
        let Some(seen) = ix.contact(ct) else {
            return Ok(None);
        };
        let get = |f: &str| contact_field(seen, f);
        Ok(eval(query, &get, Model::Contact, 0)?.then_some(ct))
    };
    let total = match cached {
        Some(t) => t,
        None => {
            let mut n = 0;
            for (_, id) in slice {
                match matches(id) {
                    Ok(Some(_)) => n += 1,
                    Ok(None) => {}
                    Err(m) => return error(400, "parameter_invalid", &m),
                }
            }
            n
        }
    };
    let (pos, page_no) = match cursor {
        None => (if descending { slice.len() } else { 0 }, 1),
        Some(c) => {
            let Some(v) = decode_cursor(c) else {
                return error(
                    400,
                    "parameter_invalid",
                    "starting_after is not a valid cursor",
                );
            };
            let (Some(k), Some(id)) = (
                v.get(0).and_then(Value::as_i64),
                v.get(1).and_then(Value::as_str),
            ) else {
                return error(
                    400,
                    "parameter_invalid",
                    "starting_after is not a valid cursor",
                );
            };
            let page = v.get(2).and_then(Value::as_u64).unwrap_or(2) as usize;
            let pos = if descending {
                slice.partition_point(|(ck, cid)| (*ck, cid.as_str()) < (k, id))
            } else {
                slice.partition_point(|(ck, cid)| (*ck, cid.as_str()) <= (k, id))
            };
            (pos, page)
        }
    };
    let mut page: Vec<&IContact> = Vec::with_capacity(pp + 1);
    let walk: Box<dyn Iterator<Item = &(i64, String)>> = if descending {
        Box::new(slice[..pos].iter().rev())
    } else {
        Box::new(slice[pos..].iter())
    };
    for (_, id) in walk {
        match matches(id) {
            Ok(Some(ct)) => {
                page.push(ct);
                if page.len() > pp {
                    break;
                }
            }
            Ok(None) => {}
            Err(m) => return error(400, "parameter_invalid", &m),
        }
    }
    let more = page.len() > pp;
    page.truncate(pp);
    let next = if more {
        page.last()
            .map(|ct| encode_cursor(&json!([ct.created_at, ct.id, page_no + 1])))
    } else {
        None
    };
    let data: Vec<Value> = page.iter().map(|ct| contact_json(w, ct)).collect();
    w.intercom.search_counts.insert(key, total);
    Answer::json(
        200,
        json!({"type": "list", "data": data, "total_count": total, "pages": pages_json(page_no, pp, total, next)}),
    )
}

// ------------------------------------------------------------------ contacts

fn get_contact(w: &World, id: &str) -> Answer {
    match w.intercom.contacts.get(id) {
        Some(ct) => match &ct.merged_into {
            Some(into) => {
                let mut a = error(
                    410,
                    "contact_merged",
                    "The contact was merged into another contact",
                );
                a.headers
                    .push(("link", format!("</contacts/{into}>; rel=\"canonical\"")));
                a
            }
            None => Answer::json(200, contact_json(w, ct)),
        },
        None => not_found("User"),
    }
}

fn opt_str(body: &Value, key: &str) -> Result<Option<Option<String>>, Answer> {
    match body.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
        Some(_) => Err(error(
            400,
            "parameter_invalid",
            &format!("{key} must be a string"),
        )),
    }
}

fn conflict(
    w: &World,
    role: &str,
    email: Option<&str>,
    external_id: Option<&str>,
    except: Option<&str>,
) -> Option<Answer> {
    let hit = live_contacts(w).find(|ct| {
        Some(ct.id.as_str()) != except
            && ((external_id.is_some() && ct.external_id.as_deref() == external_id)
                || (role == "user"
                    && ct.role == "user"
                    && email.is_some_and(|e| {
                        !e.is_empty()
                            && ct
                                .email
                                .as_deref()
                                .is_some_and(|x| x.eq_ignore_ascii_case(e))
                    })))
    })?;
    Some(error(
        409,
        "conflict",
        &format!(
            "A contact matching those details already exists with id={}",
            hit.id
        ),
    ))
}

fn create_contact(w: &mut World, c: &Call) -> Answer {
    let Some(body) = c.body.filter(|b| b.is_object()) else {
        return error(400, "parameter_invalid", "body must be an object");
    };
    let parsed = (|| -> Result<_, Answer> {
        Ok((
            opt_str(body, "role")?.flatten(),
            opt_str(body, "email")?.flatten(),
            opt_str(body, "phone")?.flatten(),
            opt_str(body, "name")?.flatten(),
            opt_str(body, "external_id")?.flatten(),
        ))
    })();
    let (role, email, phone, name, external_id) = match parsed {
        Ok(p) => p,
        Err(a) => return a,
    };
    if role.is_none() && email.is_none() && external_id.is_none() {
        return error(
            400,
            "parameter_invalid",
            "one of email, external_id or role is required",
        );
    }
    let role = role.unwrap_or_else(|| "user".into());
    if role != "user" && role != "lead" {
        return error(400, "parameter_invalid", "role must be user or lead");
    }
    if let Some(a) = conflict(w, &role, email.as_deref(), external_id.as_deref(), None) {
        return a;
    }
    if let Some(attrs) = body.get("custom_attributes").and_then(Value::as_object) {
        if let Some(k) = attrs.keys().next() {
            return error(
                400,
                "parameter_invalid",
                &format!("Custom attribute '{k}' does not exist"),
            );
        }
    }
    let id = w.intercom.alloc_hex();
    let ct = IContact {
        id: id.clone(),
        role,
        email,
        phone,
        name,
        external_id,
        created_at: c.now,
        updated_at: c.now,
        last_seen_at: body.get("last_seen_at").and_then(Value::as_i64),
        country: None,
        custom_attributes: Map::new(),
        tag_ids: vec![],
        merged_into: None,
        archived: false,
        company_ids: vec![],
    };
    let v = contact_json(w, &ct);
    w.intercom.contacts.insert(id, ct);
    Answer::json(200, v)
}

fn update_contact(w: &mut World, c: &Call, id: &str) -> Answer {
    let Some(body) = c.body.filter(|b| b.is_object()) else {
        return error(400, "parameter_invalid", "body must be an object");
    };
    match w.intercom.contacts.get(id) {
        None => return not_found("User"),
        Some(ct) if ct.merged_into.is_some() => return get_contact(w, id),
        _ => {}
    }
    let parsed = (|| -> Result<_, Answer> {
        Ok((
            opt_str(body, "role")?,
            opt_str(body, "email")?,
            opt_str(body, "phone")?,
            opt_str(body, "name")?,
            opt_str(body, "external_id")?,
        ))
    })();
    let (role, email, phone, name, external_id) = match parsed {
        Ok(p) => p,
        Err(a) => return a,
    };
    if let Some(attrs) = body.get("custom_attributes").and_then(Value::as_object) {
        if let Some(k) = attrs.keys().next() {
            return error(
                400,
                "parameter_invalid",
                &format!("Custom attribute '{k}' does not exist"),
            );
        }
    }
    let current_role = w.intercom.contacts[id].role.clone();
    let new_role = role.clone().flatten().unwrap_or(current_role);
    if let Some(a) = conflict(
        w,
        &new_role,
        email.clone().flatten().as_deref(),
        external_id.clone().flatten().as_deref(),
        Some(id),
    ) {
        return a;
    }
    let ct = w.intercom.contacts.get_mut(id).expect("checked");
    if let Some(r) = role.flatten() {
        ct.role = r;
    }
    if let Some(e) = email {
        ct.email = e;
    }
    if let Some(p) = phone {
        ct.phone = p;
    }
    if let Some(n) = name {
        ct.name = n;
    }
    if let Some(x) = external_id {
        ct.external_id = x;
    }
    ct.updated_at = c.now;
    let ct = ct.clone();
    Answer::json(200, contact_json(w, &ct))
}

fn merge(w: &mut World, c: &Call) -> Answer {
    let body = c.body.cloned().unwrap_or(Value::Null);
    let (Some(from), Some(into)) = (
        body.get("from").and_then(Value::as_str).map(str::to_string),
        body.get("into").and_then(Value::as_str).map(str::to_string),
    ) else {
        return error(400, "invalid_merge", "from and into are required");
    };
    let skip = body
        .get("skip_duplicate_validation")
        .and_then(Value::as_bool)
        == Some(true);
    let (Some(lead), Some(user)) = (
        w.intercom
            .contacts
            .get(&from)
            .filter(|c| c.merged_into.is_none())
            .cloned(),
        w.intercom
            .contacts
            .get(&into)
            .filter(|c| c.merged_into.is_none())
            .cloned(),
    ) else {
        return not_found("User");
    };
    if lead.role != "lead" || user.role != "user" {
        return error(
            400,
            "invalid_merge",
            "Only a lead can be merged into a user",
        );
    }
    let same_email = lead.email.is_some()
        && lead.email.as_deref().map(str::to_lowercase)
            == user.email.as_deref().map(str::to_lowercase);
    let same_phone = lead.phone.is_some() && lead.phone == user.phone;
    if !skip && !same_email && !same_phone {
        return error(
            400,
            "invalid_merge",
            "Contacts must share an email or phone to be merged, or set skip_duplicate_validation",
        );
    }
    w.intercom
        .contacts
        .get_mut(&from)
        .expect("lead")
        .merged_into = Some(into.clone());
    for conv in w.intercom.conversations.values_mut() {
        if conv.contact_id == from {
            conv.contact_id = into.clone();
            conv.contact_role = "user".into();
        }
    }
    let u = w.intercom.contacts.get_mut(&into).expect("user");
    if u.phone.is_none() {
        u.phone = lead.phone.clone();
    }
    u.updated_at = c.now;
    let u = u.clone();
    Answer::json(200, contact_json(w, &u))
}

fn create_tag(w: &mut World, c: &Call) -> Answer {
    let Some(name) = c.body.and_then(|b| b.get("name")).and_then(Value::as_str) else {
        return error(400, "parameter_invalid", "name is required");
    };
    if let Some(id) = c.body.and_then(|b| b.get("id")).and_then(Value::as_str) {
        return match w.intercom.tags.iter_mut().find(|t| t.id == id) {
            Some(t) => {
                t.name = name.into();
                Answer::json(200, tag_json(t))
            }
            None => not_found("Tag"),
        };
    }
    if let Some(t) = w
        .intercom
        .tags
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(name))
    {
        return Answer::json(200, tag_json(t));
    }
    let t = ITag {
        id: (w.alloc_id() + 7_000_000).to_string(),
        name: name.into(),
    };
    let v = tag_json(&t);
    w.intercom.tags.push(t);
    Answer::json(200, v)
}

// ------------------------------------------------------------------ bodies (HTML)

/// Whether a posted body already is HTML: it starts (after blanks) with a tag such as `<p>`,
/// `<b>`, `<br>`, `<a …>` or a comment. A bare `<` as in "< 5 minutes" is text.
fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start();
    let mut it = t.chars();
    it.next() == Some('<')
        && it
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
        && t.contains('>')
}

/// A posted plain-text body as Intercom stores and serves it: HTML.
///
/// intercom-api.md §7.1: `source.body` is "`body` (HTML)" and a part's "`body?` (HTML)"; the
/// spec's part example is `"<p>Okay!</p>"`, and its multi-line examples are one `<p>` per
/// paragraph (`<p>Hi …,</p><p>I understand …</p>`). So:
/// - each line of the text becomes one `<p>…</p>` (blank lines only separate paragraphs and
///   are dropped; `\r\n` counts as `\n`). The digest says nothing about newlines; one paragraph
///   per line is our reading of the spec's examples, and `display_as=plaintext` turns the
///   paragraphs back into lines;
/// - `&`, `<`, `>`, `"` and `'` are escaped with `html-escape`'s `encode_quoted_attribute`,
///   which writes `&amp;`, `&lt;`, `&gt;`, `&quot;` and **`&#x27;`** for the apostrophe (the
///   hexadecimal form, as the spec prints none; a client must decode both `&#39;` and
///   `&#x27;`).
pub(crate) fn text_to_html(text: &str) -> String {
    let paras: Vec<String> = text
        .replace("\r\n", "\n")
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{}</p>", html_escape::encode_quoted_attribute(l)))
        .collect();
    if paras.is_empty() {
        "<p></p>".into()
    } else {
        paras.concat()
    }
}

/// An admin's reply or part body: kept as posted when it already is HTML (§7.4: notes take
/// "some HTML", the spec: "Notes accept some HTML formatting"; the spec's own reply example
/// posts `<p>Aircall: …</p>`), so `<b>`, `<br>` and links survive; plain text is turned into
/// HTML by [`text_to_html`]. Comments get the same treatment: the spec calls every part body
/// "The message body, which may contain HTML", and whether a comment's tags are kept or
/// escaped is not documented; keeping them is the reading that does not lose the admin's
/// formatting.
pub(crate) fn admin_body_html(text: &str) -> String {
    if looks_like_html(text) {
        text.to_string()
    } else {
        text_to_html(text)
    }
}

/// A contact-initiated conversation's first message (`POST /conversations`): the spec says
/// of its `body` "The content of the message. HTML is not supported." (digest §7.3: "plain
/// text; 'HTML is not supported'"). So the text is always escaped, tags included: a client that
/// posts `<p>…</p>` here gets its tags shown literally, as an unsupported input would be.
pub(crate) fn contact_body_html(text: &str) -> String {
    text_to_html(text)
}

/// HTML as text, for `display_as=plaintext` (spec, `GET /conversations/{id}`: "Set to
/// plaintext to retrieve conversation messages in plain text. This affects both the body and
/// subject fields. Inline links are rendered as `label (url)`"). Tags are stripped, entities
/// decoded (`html-escape`), paragraph, line-break, list-item and heading ends become `\n`, and a
/// link becomes `label (url)` (just `url` when the label is empty or the url itself).
/// Also what `source.body` search matches words against (§7.8), since it searches the text.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    let mut links: Vec<(Option<String>, usize)> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&html_escape::decode_html_entities(&rest[..lt]));
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            out.push_str(&html_escape::decode_html_entities(after));
            rest = "";
            break;
        };
        let tag = &after[1..gt];
        rest = &after[gt + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("br", _) => out.push('\n'),
            ("a", false) => links.push((attr(tag, "href"), out.len())),
            ("a", true) => {
                if let Some((Some(href), start)) = links.pop() {
                    let label = out[start.min(out.len())..].trim().to_string();
                    if label.is_empty() {
                        out.push_str(&href);
                    } else if label != href {
                        out.push_str(&format!(" ({href})"));
                    }
                }
            }
            ("p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol", true) => {
                out.push('\n')
            }
            _ => {}
        }
    }
    out.push_str(&html_escape::decode_html_entities(rest));
    // Paragraph ends leave one `\n` each; collapse runs and trim the ends.
    let mut text = String::new();
    for line in out.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line);
    }
    text
}

/// An attribute's value in a tag's source (`href="…"`, `href='…'` or bare), entities decoded.
fn attr(tag: &str, key: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(key) {
        let at = from + i;
        from = at + key.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let tail = tag[from..].trim_start();
        if !before_ok || !tail.starts_with('=') {
            continue;
        }
        let v = tail[1..].trim_start();
        let raw = match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
            _ => v.split(|c: char| c.is_whitespace()).next().unwrap_or(""),
        };
        return Some(html_escape::decode_html_entities(raw).into_owned());
    }
    None
}

/// Turns a served conversation into its `display_as=plaintext` form: `source.body`,
/// `source.subject` and every `conversation_parts[].body` (the parameter "affects both the body
/// and subject fields"); nothing else changes.
fn plaintext_conversation(v: &mut Value) {
    for key in ["body", "subject"] {
        if let Some(s) = v["source"].get(key).and_then(Value::as_str) {
            v["source"][key] = json!(html_to_text(s));
        }
    }
    if let Some(parts) = v
        .get_mut("conversation_parts")
        .and_then(|p| p.get_mut("conversation_parts"))
        .and_then(Value::as_array_mut)
    {
        for p in parts {
            if let Some(s) = p.get("body").and_then(Value::as_str) {
                p["body"] = json!(html_to_text(s));
            }
        }
    }
}

fn wants_plaintext(c: &Call) -> bool {
    c.q("display_as") == Some("plaintext")
}

// ------------------------------------------------------------------ search index lag

/// Intercom's search index, which lags behind writes.
///
/// intercom-api.md §10.1: "**Search lags behind writes.** A new contact may be missing from
/// `/contacts/search` for **a few minutes** [spec]", and §5.4: "A newly created contact may
/// take 'a few minutes' to show up in search". For conversations: "Conversation search probably
/// lags the same way; this is undocumented, so assume it does" (§10.1; §13 lists it as open).
/// §11: "A configurable 'index lag' switch lets tests exercise the eventual-consistency path."
///
/// The model: every API write to a contact or conversation queues the object's new version,
/// which the index sees `lag` after that write; until then searches match the version the
/// index had (none, for a new object). So a create is missing from search, and an update is
/// found under its old values, not its new ones. GET by id reads the store, never the index,
/// and sees every write at once (§10.1: "Use GET by id … for read-after-write").
/// Seeded objects and [`Sandbox::with_world`](crate::Sandbox::with_world) edits are indexed
/// from the start. Deletions and merges show at once (§10.1: "A merged-away contact
/// disappears from list and search at once").
///
/// Which version a hit *returns* is not documented: the sandbox matches on the indexed
/// version and returns the stored one (what GET would return), so a hit may show values the
/// query did not match. Writes to conversations (replies, state, tags) lag like creations:
/// the digest's "assume it does" read widely.
pub(crate) struct SearchIndex {
    pub lag: Duration,
    contacts: HashMap<String, Lagging<IContact>>,
    conversations: HashMap<String, Lagging<IConversation>>,
}

struct Lagging<T> {
    /// What the index holds now (`None`: not indexed yet).
    indexed: Option<T>,
    /// Versions written since, each with the instant the index catches up with it.
    queue: VecDeque<(Instant, T)>,
}

impl<T: Clone> Lagging<T> {
    fn write(
        map: &mut HashMap<String, Lagging<T>>,
        id: &str,
        before: Option<T>,
        after: T,
        due: Instant,
    ) {
        map.entry(id.to_string())
            .or_insert_with(|| Lagging {
                indexed: before,
                queue: VecDeque::new(),
            })
            .queue
            .push_back((due, after));
    }

    /// Catches the index up to `now`; true if anything changed. Entries fully caught up are
    /// dropped (the index then equals the store).
    fn advance(map: &mut HashMap<String, Lagging<T>>, now: Instant) -> bool {
        let mut changed = false;
        map.retain(|_, l| {
            while l.queue.front().is_some_and(|(due, _)| *due <= now) {
                l.indexed = l.queue.pop_front().map(|(_, v)| v);
                changed = true;
            }
            !l.queue.is_empty()
        });
        changed
    }
}

impl SearchIndex {
    pub fn new(lag: Duration) -> SearchIndex {
        SearchIndex {
            lag,
            contacts: HashMap::new(),
            conversations: HashMap::new(),
        }
    }

    /// The version of a stored contact the search index sees (`None`: not yet indexed).
    fn contact<'a>(&'a self, stored: &'a IContact) -> Option<&'a IContact> {
        match self.contacts.get(&stored.id) {
            Some(l) => l.indexed.as_ref(),
            None => Some(stored),
        }
    }

    fn conversation<'a>(&'a self, stored: &'a IConversation) -> Option<&'a IConversation> {
        match self.conversations.get(&stored.id) {
            Some(l) => l.indexed.as_ref(),
            None => Some(stored),
        }
    }
}

/// What a request is about to write, read before it runs so the index can keep the old
/// version.
enum Target {
    None,
    NewContact,
    Contact(String, Option<IContact>),
    NewConversation,
    Conversation(String, Option<IConversation>),
}

fn write_target(w: &World, c: &Call, s: &[&str]) -> Target {
    if c.method == Method::GET {
        return Target::None;
    }
    match (c.method, s) {
        (&Method::POST, ["contacts"]) => Target::NewContact,
        (&Method::POST, ["contacts", "merge"]) => {
            match c.body.and_then(|b| b.get("into")).and_then(Value::as_str) {
                Some(into) => Target::Contact(into.into(), w.intercom.contacts.get(into).cloned()),
                None => Target::None,
            }
        }
        (&Method::PUT, ["contacts", id]) => {
            Target::Contact(id.to_string(), w.intercom.contacts.get(*id).cloned())
        }
        (&Method::POST, ["conversations"]) => Target::NewConversation,
        (_, ["conversations", "search" | "attributes", ..]) => Target::None,
        (&Method::PUT, ["conversations", id])
        | (&Method::POST, ["conversations", id, "reply" | "parts" | "tags"])
        | (&Method::DELETE, ["conversations", id, "tags", _]) => {
            Target::Conversation(id.to_string(), w.intercom.conversations.get(*id).cloned())
        }
        _ => Target::None,
    }
}

fn note_write(w: &World, ix: &mut SearchIndex, target: Target, answer: &Answer) {
    if ix.lag.is_zero() || !answer.status.is_success() {
        return;
    }
    let due = Instant::now() + ix.lag;
    let body = answer.body.as_ref();
    match target {
        Target::None => {}
        Target::NewContact => {
            if let Some(ct) = body
                .and_then(|b| b.get("id"))
                .and_then(Value::as_str)
                .and_then(|id| w.intercom.contacts.get(id))
            {
                Lagging::write(&mut ix.contacts, &ct.id, None, ct.clone(), due);
            }
        }
        Target::Contact(id, before) => {
            if let Some(ct) = w.intercom.contacts.get(&id) {
                Lagging::write(&mut ix.contacts, &id, before, ct.clone(), due);
            }
        }
        Target::NewConversation => {
            if let Some(cv) = body
                .and_then(|b| b.get("conversation_id"))
                .and_then(Value::as_str)
                .and_then(|id| w.intercom.conversations.get(id))
            {
                Lagging::write(&mut ix.conversations, &cv.id, None, cv.clone(), due);
            }
        }
        Target::Conversation(id, before) => {
            if let Some(cv) = w.intercom.conversations.get(&id) {
                Lagging::write(&mut ix.conversations, &id, before, cv.clone(), due);
            }
        }
    }
}

// ------------------------------------------------------------------ conversations

enum Parts {
    None,
    All,
    Last,
}

fn conversation_json(w: &World, conv: &IConversation, parts: Parts) -> Value {
    let author = |p: &IPart| {
        let admin = w.intercom.admins.iter().find(|a| a.id == p.author_id);
        json!({"type": p.author_type, "id": p.author_id, "name": admin.map(|a| a.name.clone()),
               "email": admin.map(|a| a.email.clone()).unwrap_or_default(),
               "from_ai_agent": false, "is_ai_answer": false})
    };
    let part_json = |p: &IPart| {
        json!({"type": "conversation_part", "id": p.id, "part_type": p.part_type, "body": p.body,
               "created_at": p.created_at, "updated_at": p.created_at, "notified_at": p.created_at,
               "assigned_to": p.assigned_to.as_ref().map(|a| json!({"type": "admin", "id": a})),
               "author": author(p), "attachments": [], "external_id": null, "redacted": false,
               "state": conv.state, "app_package_code": "aircom-sandbox"})
    };
    let contact = w.intercom.contacts.get(&conv.contact_id);
    let mut v = json!({
        "type": "conversation",
        "id": conv.id,
        "title": conv.title,
        "created_at": conv.created_at,
        "updated_at": conv.updated_at,
        "waiting_since": null,
        "snoozed_until": null,
        "open": conv.state == "open",
        "state": conv.state,
        "read": conv.read,
        "priority": "none",
        "admin_assignee_id": conv.admin_assignee_id,
        "team_assignee_id": conv.team_assignee_id,
        "tags": {"type": "tag.list", "tags": conv.tag_ids.iter().filter_map(|t| w.intercom.tags.iter().find(|x| &x.id == t)).map(|t| json!({"type": "tag", "id": t.id, "name": t.name, "applied_at": conv.updated_at, "applied_by": {"type": "admin", "id": w.intercom.me}})).collect::<Vec<_>>()},
        "source": {
            "type": "conversation", "id": conv.source_id, "delivered_as": "customer_initiated",
            "subject": "", "body": conv.source_body,
            "author": {"type": conv.contact_role, "id": conv.contact_id,
                       "name": contact.and_then(|c| c.name.clone()),
                       "email": contact.and_then(|c| c.email.clone()).unwrap_or_default()},
            "attachments": [], "url": null, "redacted": false,
        },
        "contacts": {"type": "contact.list", "contacts": [{"type": "contact", "id": conv.contact_id, "external_id": contact.and_then(|c| c.external_id.clone())}]},
        "teammates": {"type": "admin.list", "teammates": []},
        "custom_attributes": conv.custom_attributes,
        "first_contact_reply": null,
        "sla_applied": null,
        "statistics": null,
        "conversation_rating": null,
        "linked_objects": {"type": "list", "data": [], "total_count": 0, "has_more": false},
        "ai_agent_participated": false,
    });
    match parts {
        Parts::None => {}
        Parts::All => {
            // At most 500 parts, the most recent.
            let skip = conv.parts.len().saturating_sub(500);
            let list: Vec<Value> = conv.parts.iter().skip(skip).map(part_json).collect();
            v["conversation_parts"] = json!({"type": "conversation_part.list", "conversation_parts": list, "total_count": conv.parts.len()});
        }
        Parts::Last => {
            let list: Vec<Value> = conv.parts.last().map(part_json).into_iter().collect();
            v["conversation_parts"] = json!({"type": "conversation_part.list", "conversation_parts": list, "total_count": list.len()});
        }
    }
    v
}

fn list_conversations(w: &World, c: &Call) -> Answer {
    let pp = match per_page(c.q("per_page").map(|s| json!(s)).as_ref(), 20) {
        Ok(p) => p,
        Err(a) => return a,
    };
    let mut items: Vec<(i64, String, &IConversation)> = w
        .intercom
        .conversations
        .values()
        .map(|c| (c.updated_at, c.id.clone(), c))
        .collect();
    items.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    items.reverse();
    match page_of(items, pp, c.q("starting_after"), true) {
        Ok((data, next, total, page)) => Answer::json(
            200,
            json!({"type": "conversation.list", "conversations": data.into_iter().map(|cv| conversation_json(w, cv, Parts::None)).collect::<Vec<_>>(),
                   "total_count": total, "pages": pages_json(page, pp, total, next)}),
        ),
        Err(a) => a,
    }
}

fn search_conversations(w: &World, ix: &SearchIndex, c: &Call) -> Answer {
    let (query, pp, cursor) = match search_body(c) {
        Ok(x) => x,
        Err(a) => return a,
    };
    let mut items = Vec::new();
    for conv in w.intercom.conversations.values() {
        // Matched on what the index holds (§10.1: conversation search "probably lags the
        // same way … assume it does").
        let Some(seen) = ix.conversation(conv) else {
            continue;
        };
        let get = |f: &str| conversation_field(seen, f);
        let r = eval(query, &get, Model::Conversation, 0);
        match r {
            Ok(true) => items.push((conv.created_at, conv.id.clone(), conv)),
            Ok(false) => {}
            Err(m) => return error(400, "parameter_invalid", &m),
        }
    }
    items.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    items.reverse();
    match page_of(items, pp, cursor.as_deref(), true) {
        Ok((data, next, total, page)) => Answer::json(
            200,
            json!({"type": "conversation.list", "conversations": data.into_iter().map(|cv| conversation_json(w, cv, Parts::None)).collect::<Vec<_>>(),
                   "total_count": total, "pages": pages_json(page, pp, total, next)}),
        ),
        Err(a) => a,
    }
}

fn create_conversation(w: &mut World, c: &Call) -> Answer {
    let body = c.body.cloned().unwrap_or(Value::Null);
    let from = body.get("from");
    let ftype = from.and_then(|f| f.get("type")).and_then(Value::as_str);
    let fid = from.and_then(|f| f.get("id")).and_then(Value::as_str);
    let text = body.get("body").and_then(Value::as_str);
    let (Some(ftype), Some(fid), Some(text)) = (ftype, fid, text) else {
        return error(
            400,
            "parameter_invalid",
            "from.type, from.id and body are required",
        );
    };
    if !matches!(ftype, "user" | "lead" | "contact") {
        return error(
            400,
            "parameter_invalid",
            "from.type must be user, lead or contact",
        );
    }
    let Some(contact) = w
        .intercom
        .contacts
        .get(fid)
        .filter(|c| c.merged_into.is_none())
        .cloned()
    else {
        return not_found("User");
    };
    let created_at = body
        .get("created_at")
        .and_then(Value::as_i64)
        .unwrap_or(c.now);
    let conv_id = (w.alloc_id() + 60_000_000_000_000).to_string();
    let msg_id = w.alloc_id().to_string();
    w.intercom.conversations.insert(
        conv_id.clone(),
        IConversation {
            id: conv_id.clone(),
            created_at,
            updated_at: created_at,
            contact_id: contact.id.clone(),
            contact_role: contact.role.clone(),
            source_id: msg_id.clone(),
            // Stored as HTML, as Intercom stores it (§7.1 `body` (HTML)); this body is plain
            // text by contract (§7.3), so it is always escaped.
            source_body: contact_body_html(text),
            state: "open".into(),
            admin_assignee_id: 0,
            team_assignee_id: 0,
            parts: vec![],
            tag_ids: vec![],
            custom_attributes: Map::new(),
            read: false,
            title: None,
        },
    );
    Answer::json(
        200,
        json!({"type": "user_message", "id": msg_id, "created_at": created_at, "body": text,
               "message_type": "inapp", "conversation_id": conv_id}),
    )
}

fn admin_of(w: &World, body: &Value) -> Result<String, Answer> {
    let id = match body.get("admin_id") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(error(400, "parameter_invalid", "admin_id must be a string")),
        None => return Err(error(400, "parameter_invalid", "admin_id is required")),
    };
    if !w.intercom.admins.iter().any(|a| a.id == id) {
        return Err(error(404, "admin_not_found", "Admin not found"));
    }
    Ok(id)
}

fn reply(w: &mut World, c: &Call, id: &str) -> Answer {
    let body = c.body.cloned().unwrap_or(Value::Null);
    if !w.intercom.conversations.contains_key(id) {
        return not_found("Conversation");
    }
    let mt = body
        .get("message_type")
        .and_then(Value::as_str)
        .unwrap_or("");
    if body.get("type").and_then(Value::as_str) != Some("admin") {
        return error(
            400,
            "parameter_invalid",
            "only admin replies are supported by the sandbox",
        );
    }
    if !matches!(mt, "note" | "comment") {
        return error(
            400,
            "parameter_invalid",
            "message_type must be note or comment",
        );
    }
    let admin = match admin_of(w, &body) {
        Ok(a) => a,
        Err(a) => return a,
    };
    let Some(text) = body
        .get("body")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
    else {
        return error(400, "parameter_invalid", "body is required");
    };
    let created = body
        .get("created_at")
        .and_then(Value::as_i64)
        .unwrap_or(c.now);
    let pid = w.alloc_id().to_string();
    let conv = w.intercom.conversations.get_mut(id).expect("checked");
    conv.parts.push(IPart {
        id: pid,
        part_type: mt.into(),
        // Stored as HTML (§7.1 part `body?` (HTML)); an HTML note is kept as posted (§7.4).
        body: Some(admin_body_html(text)),
        created_at: created,
        author_type: "admin".into(),
        author_id: admin,
        assigned_to: None,
    });
    conv.updated_at = conv.updated_at.max(created);
    let conv = conv.clone();
    Answer::json(200, conversation_json(w, &conv, Parts::Last))
}

fn manage(w: &mut World, c: &Call, id: &str) -> Answer {
    let body = c.body.cloned().unwrap_or(Value::Null);
    if !w.intercom.conversations.contains_key(id) {
        return not_found("Conversation");
    }
    let admin = match admin_of(w, &body) {
        Ok(a) => a,
        Err(a) => return a,
    };
    let mt = body
        .get("message_type")
        .and_then(Value::as_str)
        .unwrap_or("");
    let pid = w.alloc_id().to_string();
    let admins: Vec<String> = w.intercom.admins.iter().map(|a| a.id.clone()).collect();
    let conv = w.intercom.conversations.get_mut(id).expect("checked");
    let mut part = IPart {
        id: pid,
        part_type: mt.into(),
        // The optional message posted with an assignment or close (§7.5, §7.6), stored as HTML
        // like every part body (§7.1).
        body: body
            .get("body")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(admin_body_html),
        created_at: c.now,
        author_type: "admin".into(),
        author_id: admin,
        assigned_to: None,
    };
    match mt {
        "assignment" => {
            let kind = body.get("type").and_then(Value::as_str).unwrap_or("");
            let assignee = match body.get("assignee_id") {
                Some(Value::String(s)) => s.clone(),
                _ => return error(400, "parameter_invalid", "assignee_id must be a string"),
            };
            let n: i64 = match assignee.parse() {
                Ok(n) => n,
                Err(_) => return error(400, "parameter_invalid", "assignee_id must be an id"),
            };
            match kind {
                "admin" => {
                    if n != 0 && !admins.contains(&assignee) {
                        return error(404, "admin_not_found", "Admin not found");
                    }
                    conv.admin_assignee_id = n;
                }
                "team" => conv.team_assignee_id = n,
                _ => return error(400, "parameter_invalid", "type must be admin or team"),
            }
            if conv.state != "open" {
                part.part_type = "assign_and_reopen".into();
                conv.state = "open".into();
            }
            part.assigned_to = (n != 0).then_some(assignee);
        }
        "close" => conv.state = "closed".into(),
        "open" => conv.state = "open".into(),
        "snoozed" => conv.state = "snoozed".into(),
        _ => return error(400, "parameter_invalid", "unknown message_type"),
    }
    conv.parts.push(part);
    conv.updated_at = c.now.max(conv.updated_at);
    let conv = conv.clone();
    Answer::json(200, conversation_json(w, &conv, Parts::Last))
}

fn update_conversation(w: &mut World, c: &Call, id: &str) -> Answer {
    let body = c.body.cloned().unwrap_or(Value::Null);
    if !w.intercom.conversations.contains_key(id) {
        return not_found("Conversation");
    }
    let attrs = body
        .get("custom_attributes")
        .and_then(Value::as_object)
        .cloned();
    if let Some(attrs) = &attrs {
        for (k, v) in attrs {
            let defs: Vec<&IConvAttribute> = w
                .intercom
                .conversation_attributes
                .iter()
                .filter(|a| &a.name == k && !a.archived)
                .collect();
            if defs.is_empty() {
                return error(
                    400,
                    "parameter_invalid",
                    &format!("Conversation attribute '{k}' does not exist"),
                );
            }
            if defs.len() > 1 {
                return error(
                    400,
                    "parameter_invalid",
                    &format!("Conversation attribute '{k}' is ambiguous"),
                );
            }
            let ok = match defs[0].data_type.as_str() {
                "string" | "list" => v.is_string() || v.is_null(),
                "integer" | "datetime" => {
                    v.is_i64() || v.is_null() || (defs[0].data_type == "datetime" && v.is_string())
                }
                "boolean" => v.is_boolean() || v.is_null(),
                "decimal" => v.is_number() || v.is_null(),
                _ => true,
            };
            if !ok {
                return error(
                    400,
                    "parameter_invalid",
                    &format!("Conversation attribute '{k}' has the wrong type"),
                );
            }
        }
    }
    let conv = w.intercom.conversations.get_mut(id).expect("checked");
    if let Some(attrs) = attrs {
        for (k, v) in attrs {
            conv.custom_attributes.insert(k, v);
        }
    }
    if let Some(r) = body.get("read").and_then(Value::as_bool) {
        conv.read = r;
    }
    if let Some(t) = body.get("title").and_then(Value::as_str) {
        conv.title = Some(t.into());
    }
    conv.updated_at = c.now.max(conv.updated_at);
    let conv = conv.clone();
    let mut v = conversation_json(w, &conv, Parts::All);
    // The spec declares `display_as` on `PUT /conversations/{id}` too.
    if wants_plaintext(c) {
        plaintext_conversation(&mut v);
    }
    Answer::json(200, v)
}

fn tag_conversation(w: &mut World, c: &Call, id: &str) -> Answer {
    let body = c.body.cloned().unwrap_or(Value::Null);
    let Some(tag_id) = body.get("id").and_then(Value::as_str).map(str::to_string) else {
        return error(400, "parameter_invalid", "id (a string) is required");
    };
    let admin = match admin_of(w, &body) {
        Ok(a) => a,
        Err(a) => return a,
    };
    let Some(tag) = w.intercom.tags.iter().find(|t| t.id == tag_id).cloned() else {
        return error(404, "tag_not_found", "Tag not found");
    };
    let Some(conv) = w.intercom.conversations.get_mut(id) else {
        return error(404, "not_found", "Conversation not found");
    };
    if !conv.tag_ids.contains(&tag_id) {
        conv.tag_ids.push(tag_id);
    }
    Answer::json(
        200,
        json!({"type": "tag", "id": tag.id, "name": tag.name, "applied_at": c.now, "applied_by": {"type": "admin", "id": admin}}),
    )
}

fn untag_conversation(w: &mut World, c: &Call, id: &str, tag_id: &str) -> Answer {
    let body = c.body.cloned().unwrap_or(Value::Null);
    let admin = match admin_of(w, &body) {
        Ok(a) => a,
        Err(a) => return a,
    };
    let Some(tag) = w.intercom.tags.iter().find(|t| t.id == tag_id).cloned() else {
        return error(404, "tag_not_found", "Tag not found");
    };
    let Some(conv) = w.intercom.conversations.get_mut(id) else {
        return error(404, "not_found", "Conversation not found");
    };
    conv.tag_ids.retain(|t| t != tag_id);
    Answer::json(
        200,
        json!({"type": "tag", "id": tag.id, "name": tag.name, "applied_at": c.now, "applied_by": {"type": "admin", "id": admin}}),
    )
}

fn create_attribute(w: &mut World, c: &Call) -> Answer {
    let body = c.body.cloned().unwrap_or(Value::Null);
    let Some(name) = body.get("name").and_then(Value::as_str) else {
        return error(400, "parameter_invalid", "name is required");
    };
    let data_type = body.get("data_type").and_then(Value::as_str).unwrap_or("");
    if !matches!(
        data_type,
        "string"
            | "integer"
            | "list"
            | "decimal"
            | "boolean"
            | "datetime"
            | "relationship"
            | "files"
    ) {
        return error(422, "parameter_invalid", "data_type is not valid");
    }
    if w.intercom
        .conversation_attributes
        .iter()
        .any(|a| a.name == name && !a.archived)
    {
        return error(
            400,
            "parameter_invalid",
            "An attribute with this name already exists",
        );
    }
    let a = IConvAttribute {
        id: w.intercom.conversation_attributes.len() as i64 + 1,
        name: name.into(),
        data_type: data_type.into(),
        description: body
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        archived: false,
        created_at: c.now,
    };
    let v = attribute_json(&a);
    w.intercom.conversation_attributes.push(a);
    Answer::json(200, v)
}
