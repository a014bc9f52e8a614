//! The native Aircall→Intercom integration, as this sandbox reads
//! `shared/reference/integration-behaviour.md` (cited as "behaviour §n") and the two API
//! digests. Written from the references alone: titles, notes, assignment, timing and tags.

use super::world::*;

/// HTML-escapes text the way the world stores bodies (Intercom stores HTML, intercom-api.md
/// §7.1 `body` (HTML)).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One paragraph of escaped text.
pub fn p(text: &str) -> String {
    format!("<p>{}</p>", escape(text))
}

/// The English title of a kind (behaviour §6 table). The world has no locale setting, so
/// titles are English (the Spanish column is the source's wording, not a setting here).
pub fn title(kind: &str, number_name: &str) -> String {
    let t = match kind {
        "inbound_answered" => "Inbound answered call",
        "inbound_unanswered" => "Inbound unanswered call",
        "outbound_answered" => "Outbound answered call",
        "outbound_unanswered" => "Outbound unanswered call",
        "missed" => "Missed call",
        _ => "Voicemail",
    };
    format!("{t} on {number_name}")
}

/// Every kind a call may defensibly be titled with. Behaviour §6 says the mapping from
/// Aircall's fields is not in the source; this is the sandbox's own reading of
/// aircall-api.md §4.4 (`direction`, `answered_at`, `missed_call_reason`, `voicemail`):
/// - outbound: answered when `answered_at` is set, else unanswered (no other reading: "missed"
///   and "voicemail" are inbound notions);
/// - inbound with `answered_at`: answered;
/// - inbound, not answered, with a voicemail: voicemail;
/// - inbound, not answered, agents rang but nobody picked up (`agents_did_not_answer`,
///   `no_available_agent`): missed;
/// - inbound, not answered, caller abandoned (`short_abandoned`, `abandoned_in_ivr`,
///   `abandoned_in_classic`), closed line (`out_of_opening_hours`) or no reason: either
///   "missed" or "inbound unanswered" is defensible, so both are acceptable.
pub fn kinds(c: &ACall) -> Vec<&'static str> {
    match (c.direction.as_str(), c.answered_at.is_some()) {
        ("outbound", true) => vec!["outbound_answered"],
        ("outbound", false) => vec!["outbound_unanswered"],
        (_, true) => vec!["inbound_answered"],
        _ if c.has_voicemail => vec!["voicemail"],
        _ => match c.missed_call_reason.as_deref() {
            Some("agents_did_not_answer") | Some("no_available_agent") => vec!["missed"],
            _ => vec!["missed", "inbound_unanswered"],
        },
    }
}

/// Whether the call counts as answered for timing (behaviour §10) and assignment (§7).
pub fn answered(kind: &str) -> bool {
    kind.ends_with("_answered")
}

/// The Intercom teammate whose email equals the Aircall user's, case-insensitively
/// (behaviour §7).
pub fn teammate(w: &World, user: Option<i64>) -> Option<String> {
    let u = w.aircall.users.iter().find(|u| Some(u.id) == user)?;
    w.intercom
        .admins
        .iter()
        .find(|a| a.email.eq_ignore_ascii_case(&u.email))
        .map(|a| a.id.clone())
}

pub fn user_name(w: &World, user: Option<i64>) -> String {
    user.and_then(|id| w.aircall.users.iter().find(|u| u.id == id))
        .map(|u| u.name.clone())
        .unwrap_or_else(|| "nobody".into())
}

/// The assignee a log of this call ends with (behaviour §7), and the reassignment note, if
/// any. `None` = unassigned.
/// - inbound answered: the answering user's teammate, else the set-up admin;
/// - transferred successfully (target answered: `user` is the target) to a user with a
///   matching email: that teammate; otherwise it stays with the original teammate;
/// - (re)assigned in the phone app to a user with a matching email: that teammate, with a
///   note naming to whom and by whom (the assigner is the user holding the call);
/// - outbound: the caller's teammate, else the set-up admin;
/// - not answered inbound (missed, unanswered, voicemail): unassigned. When such a call was
///   (re)assigned in the phone app to a user with a matching email, whether §7's
///   reassignment rule applies is not said (see [`UnansweredReassignment`]): `final_` and
///   `note` give the reading where it does not, `unanswered_reassignment` the other one.
pub struct Assignment {
    pub initial: Option<String>,
    pub after_transfer: Option<String>,
    pub final_: Option<String>,
    pub note: Option<String>,
    pub unanswered_reassignment: Option<UnansweredReassignment>,
}

/// An unanswered inbound call (missed, voicemail) (re)assigned in the phone app
/// (aircall-api.md §4.4 `assigned_to`) to a user whose email matches an Intercom teammate.
///
/// Behaviour §7 has two rules that meet here and does not say which wins:
/// - "Inbound call not answered (missed): leave the conversation unassigned, so Intercom's
///   own assignment rules can route it."
/// - "Call (re)assignment in the phone app: when a call is assigned by one Aircall user to
///   another who has a matching Intercom email, the conversation is reassigned to that
///   teammate, and a note says to whom the call was assigned and by whom."
///
/// The narrow reading keeps the first (unassigned, no note); the broad one applies the
/// second to every call, missed and voicemail included (that teammate, with the note). Both
/// are acceptable. With no matching email the second rule does not apply under either
/// reading ("to another who has a matching Intercom email"), so the call stays unassigned.
#[derive(Debug, Clone)]
pub struct UnansweredReassignment {
    /// The matching teammate (admin id).
    pub teammate: String,
    /// The note the broad reading writes (plain text).
    pub note: String,
    /// When the call was assigned in the phone app (after it ended). The public API carries
    /// no such time (aircall-api.md §4.4); the native integration sees the assignment as it
    /// happens, so the sandbox dates it from the call.
    pub at: i64,
}

/// Who assigned the call in the phone app. aircall-api.md §4.4 names no field for it; for an
/// answered call the sandbox takes the user holding the call (`user`). An unanswered call has
/// no such user (`user` "likely null" on missed inbound calls, §12), so the assigner is a
/// teammate on the call's number other than the target (the native integration sees them in
/// the phone app; a job reading the API cannot), picked from the call id.
pub fn phone_app_assigner(w: &World, c: &ACall) -> Option<i64> {
    if c.user_id.is_some() {
        return c.user_id;
    }
    let to = c.assigned_to?;
    let members: Vec<i64> = w
        .aircall
        .numbers
        .iter()
        .find(|n| n.id == c.number_id)
        .map(|n| n.user_ids.clone())
        .unwrap_or_default();
    let mut pool: Vec<i64> = members.into_iter().filter(|u| *u != to).collect();
    if pool.is_empty() {
        pool = w
            .aircall
            .users
            .iter()
            .map(|u| u.id)
            .filter(|u| *u != to)
            .collect();
    }
    (!pool.is_empty()).then(|| pool[(c.id.unsigned_abs() % pool.len() as u64) as usize])
}

/// The phone-app (re)assignment note (behaviour §7: "a note says to whom the call was
/// assigned and by whom"), plain.
pub fn reassignment_note(w: &World, c: &ACall) -> Option<String> {
    let to = c.assigned_to?;
    Some(format!(
        "Call assigned to {} by {}",
        user_name(w, Some(to)),
        user_name(w, phone_app_assigner(w, c))
    ))
}

/// When an unanswered call was assigned in the phone app: 5 to 34 minutes after it ended.
pub fn unanswered_reassigned_at(c: &ACall) -> i64 {
    c.ended_at.unwrap_or(c.started_at) + 300 + (c.id.rem_euclid(30)) * 60
}

pub fn assignment(w: &World, c: &ACall, kind: &str) -> Assignment {
    let setup = w.intercom.me.clone();
    if c.direction == "outbound" {
        let a = teammate(w, c.user_id).or(Some(setup));
        return Assignment {
            initial: a.clone(),
            after_transfer: a.clone(),
            final_: a,
            note: None,
            unanswered_reassignment: None,
        };
    }
    if !answered(kind) {
        // A missed or voicemail call assigned in the phone app: §7 is ambiguous whether the
        // reassignment rule applies (see `UnansweredReassignment`).
        let unanswered_reassignment = teammate(w, c.assigned_to).and_then(|t| {
            Some(UnansweredReassignment {
                teammate: t,
                note: reassignment_note(w, c)?,
                at: unanswered_reassigned_at(c),
            })
        });
        return Assignment {
            initial: None,
            after_transfer: None,
            final_: None,
            note: None,
            unanswered_reassignment,
        };
    }
    let original = c.transferred_by.or(c.user_id);
    let initial = teammate(w, original).or(Some(setup));
    let mut after = initial.clone();
    if c.transferred_to.is_some() && c.user_id == c.transferred_to {
        if let Some(t) = teammate(w, c.transferred_to) {
            after = Some(t);
        }
    }
    let mut final_ = after.clone();
    let mut note = None;
    if let Some(t) = teammate(w, c.assigned_to) {
        final_ = Some(t);
        note = reassignment_note(w, c);
    }
    Assignment {
        initial,
        after_transfer: after,
        final_,
        note,
        unanswered_reassignment: None,
    }
}

fn fmt_duration(s: i64) -> String {
    if s >= 60 {
        format!("{}m {}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

/// The detail notes (behaviour §6): caller's number, Aircall number, waiting time, who answered
/// or made the call; then (at completion) duration and recording link. Returns (the part
/// written when the call is first logged, the part written at completion). With `at_end`
/// everything is one note.
pub fn detail_notes(w: &World, c: &ACall, number: &ANumber, at_end: bool) -> (String, String) {
    let waiting = c.answered_at.or(c.ended_at).unwrap_or(c.started_at) - c.started_at;
    let who = if c.direction == "outbound" {
        format!(
            "<p><b>Made by:</b> {}</p>",
            escape(&user_name(w, c.user_id))
        )
    } else if c.answered_at.is_some() {
        format!(
            "<p><b>Answered by:</b> {}</p>",
            escape(&user_name(w, c.user_id))
        )
    } else {
        "<p><b>Answered by:</b> nobody</p>".to_string()
    };
    let first = format!(
        "<p><b>Caller:</b> {}</p><p><b>Aircall number:</b> {} ({})</p><p><b>Waiting time:</b> {}</p>{}",
        escape(&c.raw_digits),
        escape(&number.name),
        escape(&number.digits),
        fmt_duration(waiting),
        who
    );
    let mut done = match c.ended_at {
        Some(e) => format!("<p><b>Duration:</b> {}</p>", fmt_duration(e - c.started_at)),
        None => String::new(),
    };
    if c.has_recording {
        let url = format!("https://assets.aircall.io/calls/{}/recording", c.id);
        done.push_str(&format!(
            "<p><b>Recording:</b> <a href=\"{url}\">{url}</a></p>"
        ));
    }
    if c.has_voicemail {
        let url = format!("https://assets.aircall.io/calls/{}/voicemail", c.id);
        done.push_str(&format!(
            "<p><b>Voicemail:</b> <a href=\"{url}\">{url}</a></p>"
        ));
    }
    if at_end {
        (format!("{first}{done}"), String::new())
    } else {
        (first, done)
    }
}

/// The note the native integration writes when the k-th comment arrives: all earlier comments
/// again, then the new one (behaviour §6: "appends all earlier notes again each time").
pub fn comment_note(comments: &[AComment], k: usize) -> String {
    let mut s = String::from("<p><b>Notes:</b></p>");
    for c in &comments[..=k] {
        s.push_str(&p(&c.content));
    }
    s
}

/// The title of a logged SMS (behaviour §6: "Each SMS likewise starts with `Inbound SMS on
/// <number name>` or `Outbound SMS on <number name>`"). The reference names no other wording
/// for SMS (its Spanish column covers the six call kinds only), so this is the one title.
pub fn sms_title(inbound: bool, number_name: &str) -> String {
    let dir = if inbound { "Inbound" } else { "Outbound" };
    format!("{dir} SMS on {number_name}")
}

/// The internal note of a logged SMS (behaviour §6): the Aircall number used, who sent it, to
/// whom, the text, and for outbound messages the delivery status (`Delivered` or `Delivery
/// failed`). An inbound SMS is sent by the external number to the Aircall number; an outbound
/// one by the Aircall user to the external number.
pub fn sms_note(
    number: &ANumber,
    inbound: bool,
    external: &str,
    sender: &str,
    text: &str,
    delivered: bool,
) -> String {
    let line = format!("{} ({})", number.name, number.digits);
    let (from, to) = if inbound {
        (external.to_string(), line.clone())
    } else {
        (sender.to_string(), external.to_string())
    };
    let mut s = format!(
        "<p><b>Aircall number:</b> {}</p><p><b>From:</b> {}</p><p><b>To:</b> {}</p><p><b>Message:</b> {}</p>",
        escape(&line),
        escape(&from),
        escape(&to),
        escape(text)
    );
    if !inbound {
        let status = if delivered {
            "Delivered"
        } else {
            "Delivery failed"
        };
        s.push_str(&format!("<p><b>Status:</b> {status}</p>"));
    }
    s
}
