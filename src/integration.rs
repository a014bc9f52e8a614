//! The native integration's rules as aircom reads them (`shared/reference/integration-
//! behaviour.md` §3–§8): the six call kinds, the titles and note labels (English and Spanish),
//! and who a logged call is assigned to. Pure: no I/O.

use serde::Serialize;

use crate::aircall::{Call, Direction};

/// The six kinds of a logged call (§6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    InboundAnswered,
    InboundUnanswered,
    OutboundAnswered,
    OutboundUnanswered,
    Missed,
    Voicemail,
}

/// Missed-call reasons that mean the company failed to pick up; the others (the caller
/// abandoned) make the call an unanswered one.
const MISSED: &[&str] = &[
    "out_of_opening_hours",
    "no_available_agent",
    "agents_did_not_answer",
];

/// Classifies a call. The source does not spell the mapping out; this is aircom's table (also
/// in the README):
///
/// | direction | answered_at | voicemail | missed_call_reason | kind |
/// |---|---|---|---|---|
/// | outbound | set | – | – | outbound answered |
/// | outbound | null | – | – | outbound unanswered |
/// | inbound | set | – | – | inbound answered |
/// | inbound | null | set | any | voicemail |
/// | inbound | null | null | out_of_opening_hours, no_available_agent, agents_did_not_answer | missed |
/// | inbound | null | null | short_abandoned, abandoned_in_ivr, abandoned_in_classic, none | inbound unanswered |
pub fn classify(c: &Call) -> Kind {
    match (&c.direction, c.answered_at.is_some()) {
        (Direction::Outbound, true) => Kind::OutboundAnswered,
        (Direction::Outbound, false) => Kind::OutboundUnanswered,
        (_, true) => Kind::InboundAnswered,
        _ if c.voicemail.is_some() || c.voicemail_short_url.is_some() => Kind::Voicemail,
        _ => match c.missed_call_reason.as_deref() {
            Some(r) if MISSED.contains(&r) => Kind::Missed,
            _ => Kind::InboundUnanswered,
        },
    }
}

impl Kind {
    pub fn is_inbound(self) -> bool {
        matches!(
            self,
            Kind::InboundAnswered | Kind::InboundUnanswered | Kind::Missed | Kind::Voicemail
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::InboundAnswered => "inbound_answered",
            Kind::InboundUnanswered => "inbound_unanswered",
            Kind::OutboundAnswered => "outbound_answered",
            Kind::OutboundUnanswered => "outbound_unanswered",
            Kind::Missed => "missed",
            Kind::Voicemail => "voicemail",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    En,
    Es,
}

/// The opening message's title (§6): `Missed call on Paris Support`.
pub fn title(kind: Kind, number_name: &str, locale: Locale) -> String {
    match locale {
        Locale::En => {
            let t = match kind {
                Kind::InboundAnswered => "Inbound answered call",
                Kind::InboundUnanswered => "Inbound unanswered call",
                Kind::OutboundAnswered => "Outbound answered call",
                Kind::OutboundUnanswered => "Outbound unanswered call",
                Kind::Missed => "Missed call",
                Kind::Voicemail => "Voicemail",
            };
            format!("{t} on {number_name}")
        }
        Locale::Es => {
            let t = match kind {
                Kind::InboundAnswered => "Llamada entrante contestada",
                Kind::InboundUnanswered => "Llamada entrante sin contestar",
                Kind::OutboundAnswered => "Llamada saliente contestada",
                Kind::OutboundUnanswered => "Llamada saliente sin contestar",
                Kind::Missed => "Llamada perdida",
                Kind::Voicemail => "Buzón de voz",
            };
            format!("{t} en {number_name}")
        }
    }
}

/// Every title a call may have been logged under, in both languages (for recognition).
pub fn titles(kind: Kind, number_name: &str) -> [String; 2] {
    [
        title(kind, number_name, Locale::En),
        title(kind, number_name, Locale::Es),
    ]
}

struct Labels {
    caller: &'static str,
    number: &'static str,
    waiting: &'static str,
    answered_by: &'static str,
    made_by: &'static str,
    duration: &'static str,
    recording: &'static str,
    voicemail: &'static str,
    note_by: &'static str,
    call: &'static str,
}

fn labels(l: Locale) -> Labels {
    match l {
        Locale::En => Labels {
            caller: "Caller",
            number: "Aircall number",
            waiting: "Waiting time",
            answered_by: "Answered by",
            made_by: "Made by",
            duration: "Duration",
            recording: "Recording",
            voicemail: "Voicemail",
            note_by: "Note by",
            call: "Aircall call",
        },
        Locale::Es => Labels {
            caller: "Número de la llamada",
            number: "Número de Aircall",
            waiting: "Tiempo de espera",
            answered_by: "Contestada por",
            made_by: "Realizada por",
            duration: "Duración",
            recording: "Grabación",
            voicemail: "Mensaje de voz",
            note_by: "Nota de",
            call: "Llamada de Aircall",
        },
    }
}

/// `3m 12s`.
pub fn duration(secs: i64) -> String {
    let secs = secs.max(0);
    match (secs / 3600, (secs % 3600) / 60, secs % 60) {
        (0, 0, s) => format!("{s}s"),
        (0, m, s) => format!("{m}m {s}s"),
        (h, m, s) => format!("{h}h {m}m {s}s"),
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The marker line every aircom note ends with: how a resumed run recognises its own note.
pub fn note_marker(call_id: i64, locale: Locale) -> String {
    format!("{} {call_id}", labels(locale).call)
}

/// The title message aircom writes into an open conversation (`--conversation last-open`):
/// the title, then a marker line of its own (`Aircall call 123 (title)`), so it is never
/// taken for the call's details note nor, by any run, for a native log.
pub fn title_note(title: &str, call_id: i64, locale: Locale) -> String {
    format!(
        "<p>{}</p><p>{} (title)</p>",
        esc(title),
        note_marker(call_id, locale)
    )
}

/// Whether a part (Intercom HTML) is one aircom wrote for a call: it has a marker line
/// (`Aircall call 123`, or a title note's `Aircall call 123 (title)`), in either locale.
pub fn is_aircom_part(body_html: &str) -> bool {
    marked_call(body_html).is_some() || marked_sms(body_html)
}

/// Whether a part carries the marker line of an SMS note or title note aircom wrote
/// (`Aircall SMS <id>`, or `Aircall SMS <id> (title)`; `backfill::log_sms`).
fn marked_sms(body_html: &str) -> bool {
    crate::html::to_text(body_html).lines().any(|l| {
        let l = l.trim();
        let rest = l.strip_suffix(" (title)").unwrap_or(l);
        rest.strip_prefix("Aircall SMS ")
            .is_some_and(|id| !id.is_empty() && !id.contains(char::is_whitespace))
    })
}

/// The call a part (Intercom HTML) of aircom's logs: the id on its marker line
/// (`Aircall call 123`, or a title note's `Aircall call 123 (title)`), in either locale.
pub fn marked_call(body_html: &str) -> Option<i64> {
    let prefixes = [labels(Locale::En).call, labels(Locale::Es).call];
    crate::html::to_text(body_html).lines().find_map(|l| {
        let l = l.trim();
        prefixes.iter().find_map(|p| {
            let rest = l.strip_prefix(p)?.strip_prefix(' ')?;
            let rest = rest.strip_suffix(" (title)").unwrap_or(rest);
            (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
                .then(|| rest.parse().ok())
                .flatten()
        })
    })
}

/// Whether a note (Intercom HTML) is the one aircom wrote for `call_id`: one of its lines is
/// exactly the marker, in either locale. A substring would not do: `call 12` is inside
/// `call 123`.
pub fn carries_marker(body_html: &str, call_id: i64) -> bool {
    let markers = [
        note_marker(call_id, Locale::En),
        note_marker(call_id, Locale::Es),
    ];
    crate::html::to_text(body_html)
        .lines()
        .any(|l| markers.iter().any(|m| l.trim() == m))
}

/// The internal note with every detail (§6): caller, Aircall number, waiting time, who
/// answered or made the call, duration, recording link, and each comment once.
pub fn note(c: &Call, kind: Kind, media_link: Option<&str>, locale: Locale) -> String {
    let l = labels(locale);
    let mut lines = Vec::new();
    lines.push(format!("{}: {}", l.caller, esc(&c.raw_digits)));
    if let Some(n) = &c.number {
        lines.push(format!(
            "{}: {} ({})",
            l.number,
            esc(n.name.as_deref().unwrap_or("")),
            esc(n.digits.as_deref().unwrap_or(""))
        ));
    }
    let wait_end = c.answered_at.or(c.ended_at).unwrap_or(c.started_at);
    lines.push(format!(
        "{}: {}",
        l.waiting,
        duration(wait_end - c.started_at)
    ));
    if let Some(u) = &c.user {
        let who = if kind.is_inbound() {
            l.answered_by
        } else {
            l.made_by
        };
        lines.push(format!("{who}: {}", esc(u.name.as_deref().unwrap_or(""))));
    }
    let dur = c
        .duration
        .or(c.ended_at.map(|e| e - c.started_at))
        .unwrap_or(0);
    lines.push(format!("{}: {}", l.duration, duration(dur)));
    if let Some(link) = media_link {
        let label = if kind == Kind::Voicemail {
            l.voicemail
        } else {
            l.recording
        };
        lines.push(format!("{label}: <a href=\"{0}\">{0}</a>", esc(link)));
    }
    for cm in &c.comments {
        let by = cm
            .posted_by
            .as_ref()
            .and_then(|u| u.name.clone())
            .unwrap_or_else(|| "API".into());
        lines.push(format!("{} {}: {}", l.note_by, esc(&by), esc(&cm.content)));
    }
    lines.push(note_marker(c.id.0, locale));
    lines
        .iter()
        .map(|l| format!("<p>{l}</p>"))
        .collect::<String>()
}

/// Who a logged call goes to (§7), as Aircall user emails to match against admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Assignment {
    /// Missed, unanswered, voicemail: left for Intercom's own routing.
    Unassigned,
    /// The teammate with the first of these emails that matches one, else the set-up admin.
    /// (A transfer lists the target, then the original teammate: a target without a matching
    /// teammate leaves the call with the original one, §7.)
    To {
        emails: Vec<Option<String>>,
        why: &'static str,
    },
    /// Reassigned in the phone app: to `to`'s teammate, with a note naming both; when `to` has
    /// no matching teammate, `otherwise` applies (§7 only reassigns to a matching teammate).
    Reassigned {
        to: Option<String>,
        to_name: String,
        /// Who assigned it, when known: Aircall's call object has no such field, so this is
        /// the agent holding the call, and `None` for a call nobody took.
        by_name: Option<String>,
        otherwise: Box<Assignment>,
    },
}

/// The assignment rules of §7 for a call.
pub fn assignment(c: &Call, kind: Kind) -> Assignment {
    let base = match kind {
        Kind::Missed | Kind::InboundUnanswered | Kind::Voicemail => Assignment::Unassigned,
        _ => {
            let why = if kind == Kind::OutboundAnswered || kind == Kind::OutboundUnanswered {
                "caller"
            } else {
                "answered"
            };
            match (&c.transferred_to, &c.transferred_by) {
                // A transfer answered by its target moves the call to the target's teammate;
                // a target without one, or one who did not answer, leaves it with the first
                // teammate (`transferred_by`).
                (Some(t), by) => {
                    let answered_by_target = t.id.is_some()
                        && c.user.as_ref().map(|u| Some(&u.id)) == Some(t.id.as_ref());
                    let original = by
                        .as_ref()
                        .map(|b| b.email.clone())
                        .unwrap_or_else(|| c.user.as_ref().and_then(|u| u.email.clone()));
                    if answered_by_target {
                        Assignment::To {
                            emails: vec![t.email.clone(), original],
                            why: "transferred",
                        }
                    } else {
                        Assignment::To {
                            emails: vec![original],
                            why: "transfer not answered: stays",
                        }
                    }
                }
                (None, _) => Assignment::To {
                    emails: vec![c.user.as_ref().and_then(|u| u.email.clone())],
                    why,
                },
            }
        }
    };
    // Reassignment in the phone app applies to any call, answered or not (§7: "when a call
    // is assigned by one Aircall user to another who has a matching Intercom email").
    // Aircall's call object does not say who assigned it (aircall-api.md has no such field,
    // nor does the `call.assigned` event): the note names the agent holding the call, who
    // is the one able to reassign it from the app, and no one for a call nobody took rather
    // than a guess.
    if let Some(a) = &c.assigned_to {
        if a.id.is_some() || a.email.is_some() {
            let by = c.user.as_ref().and_then(|u| u.name.clone());
            return Assignment::Reassigned {
                to: a.email.clone(),
                to_name: a.name.clone().unwrap_or_default(),
                by_name: by,
                otherwise: Box::new(base),
            };
        }
    }
    base
}

/// The note that goes with a phone-app reassignment (§7).
pub fn reassignment_note(to_name: &str, by_name: Option<&str>, locale: Locale) -> String {
    match (locale, by_name) {
        (Locale::En, Some(by)) => format!("Call assigned to {to_name} by {by}"),
        (Locale::En, None) => format!("Call assigned to {to_name}"),
        (Locale::Es, Some(by)) => format!("Llamada asignada a {to_name} por {by}"),
        (Locale::Es, None) => format!("Llamada asignada a {to_name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An SMS's title note (last-open mode) is aircom's, never a native log of another SMS.
    #[test]
    fn sms_title_notes_are_aircom_parts() {
        assert!(is_aircom_part(
            "<p>Outbound SMS on Paris</p><p>Aircall SMS abc123 (title)</p>"
        ));
        assert!(is_aircom_part("<p>Message: hi</p><p>Aircall SMS 77</p>"));
        assert!(!is_aircom_part("<p>Outbound SMS on Paris</p>"));
    }

    /// Issue 12: a note is found again by its whole marker line, never a substring.
    #[test]
    fn markers_match_whole_lines_only() {
        let c123 = format!("<p>Duration: 1m</p><p>{}</p>", note_marker(123, Locale::En));
        assert!(carries_marker(&c123, 123));
        assert!(!carries_marker(&c123, 12));
        let es = format!("<p>{}</p>", note_marker(77, Locale::Es));
        assert!(carries_marker(&es, 77));
        assert!(!carries_marker("<p>Aircall call 77 was great</p>", 77));
        // A title note carries its own marker: not the details note, but aircom's.
        let t = title_note("Missed call on A & B", 77, Locale::En);
        assert!(!carries_marker(&t, 77));
        assert!(is_aircom_part(&t) && is_aircom_part(&es) && is_aircom_part(&c123));
        assert!(!is_aircom_part("<p>Missed call on A &amp; B</p>"));
        assert!(!is_aircom_part("<p>Aircall call 77 was great</p>"));
    }
    use crate::aircall::{CallId, User, UserId, UserRef};

    fn call(direction: &str, answered: bool, voicemail: bool, reason: Option<&str>) -> Call {
        serde_json::from_value(serde_json::json!({
            "id": 1, "direction": direction, "started_at": 1000,
            "answered_at": if answered { serde_json::json!(1010) } else { serde_json::Value::Null },
            "ended_at": 1200, "duration": 200, "raw_digits": "+33 7 62 04 35 75",
            "voicemail": if voicemail { serde_json::json!("https://vm") } else { serde_json::Value::Null },
            "missed_call_reason": reason,
        }))
        .unwrap()
    }

    /// Every row of the classification table.
    #[test]
    fn classification_table() {
        assert_eq!(
            classify(&call("outbound", true, false, None)),
            Kind::OutboundAnswered
        );
        assert_eq!(
            classify(&call("outbound", false, false, None)),
            Kind::OutboundUnanswered
        );
        assert_eq!(
            classify(&call("inbound", true, false, None)),
            Kind::InboundAnswered
        );
        assert_eq!(
            classify(&call("inbound", false, true, Some("agents_did_not_answer"))),
            Kind::Voicemail
        );
        assert_eq!(
            classify(&call("inbound", false, true, None)),
            Kind::Voicemail
        );
        for r in [
            "out_of_opening_hours",
            "no_available_agent",
            "agents_did_not_answer",
        ] {
            assert_eq!(
                classify(&call("inbound", false, false, Some(r))),
                Kind::Missed,
                "{r}"
            );
        }
        for r in [
            Some("short_abandoned"),
            Some("abandoned_in_ivr"),
            Some("abandoned_in_classic"),
            None,
        ] {
            assert_eq!(
                classify(&call("inbound", false, false, r)),
                Kind::InboundUnanswered,
                "{r:?}"
            );
        }
    }

    /// Every row of §6's title table, in both languages.
    #[test]
    fn section_6_every_title() {
        let rows = [
            (
                Kind::InboundAnswered,
                "Inbound answered call on N",
                "Llamada entrante contestada en N",
            ),
            (
                Kind::InboundUnanswered,
                "Inbound unanswered call on N",
                "Llamada entrante sin contestar en N",
            ),
            (
                Kind::OutboundAnswered,
                "Outbound answered call on N",
                "Llamada saliente contestada en N",
            ),
            (
                Kind::OutboundUnanswered,
                "Outbound unanswered call on N",
                "Llamada saliente sin contestar en N",
            ),
            (Kind::Missed, "Missed call on N", "Llamada perdida en N"),
            (Kind::Voicemail, "Voicemail on N", "Buzón de voz en N"),
        ];
        for (kind, en, es) in rows {
            assert_eq!(title(kind, "N", Locale::En), en);
            assert_eq!(title(kind, "N", Locale::Es), es);
        }
    }

    #[test]
    fn titles_in_both_languages() {
        assert_eq!(
            title(Kind::Missed, "Paris Support", Locale::En),
            "Missed call on Paris Support"
        );
        assert_eq!(
            title(Kind::Voicemail, "UK", Locale::Es),
            "Buzón de voz en UK"
        );
        assert_eq!(
            title(Kind::OutboundUnanswered, "US", Locale::Es),
            "Llamada saliente sin contestar en US"
        );
    }

    #[test]
    fn durations() {
        assert_eq!(duration(7), "7s");
        assert_eq!(duration(192), "3m 12s");
        assert_eq!(duration(3723), "1h 2m 3s");
    }

    fn user(id: i64, email: &str) -> User {
        User {
            id: UserId(id),
            name: Some(format!("U{id}")),
            email: Some(email.into()),
            available: None,
            availability_status: None,
        }
    }

    fn uref(id: i64, email: &str) -> UserRef {
        UserRef {
            id: Some(UserId(id)),
            name: Some(format!("U{id}")),
            email: Some(email.into()),
        }
    }

    #[test]
    fn assignment_rules() {
        let mut c = call("inbound", true, false, None);
        c.user = Some(user(1, "a@x"));
        assert_eq!(
            assignment(&c, classify(&c)),
            Assignment::To {
                emails: vec![Some("a@x".into())],
                why: "answered"
            }
        );
        assert_eq!(
            assignment(
                &call("inbound", false, false, Some("no_available_agent")),
                Kind::Missed
            ),
            Assignment::Unassigned
        );
        // Transfer answered by its target.
        c.transferred_by = Some(uref(1, "a@x"));
        c.transferred_to = Some(uref(2, "b@x"));
        c.user = Some(user(2, "b@x"));
        assert_eq!(
            assignment(&c, Kind::InboundAnswered),
            Assignment::To {
                emails: vec![Some("b@x".into()), Some("a@x".into())],
                why: "transferred"
            }
        );
        // Not answered by the target: stays with the first teammate.
        c.user = Some(user(1, "a@x"));
        assert_eq!(
            assignment(&c, Kind::InboundAnswered),
            Assignment::To {
                emails: vec![Some("a@x".into())],
                why: "transfer not answered: stays"
            }
        );
        // Reassigned in the phone app.
        let mut c = call("outbound", true, false, None);
        c.user = Some(user(1, "a@x"));
        c.assigned_to = Some(uref(3, "c@x"));
        assert!(
            matches!(assignment(&c, Kind::OutboundAnswered), Assignment::Reassigned { to: Some(e), .. } if e == "c@x")
        );
        // A missed call reassigned in the phone app is reassigned too (§7); otherwise it
        // stays unassigned.
        let mut m = call("inbound", false, false, Some("no_available_agent"));
        m.assigned_to = Some(uref(3, "c@x"));
        match assignment(&m, Kind::Missed) {
            Assignment::Reassigned {
                to: Some(e),
                by_name,
                otherwise,
                ..
            } => {
                assert_eq!(e, "c@x");
                // Nobody took it, and Aircall does not say who assigned it: no name is made up.
                assert_eq!(by_name, None);
                assert_eq!(
                    reassignment_note("Carla", by_name.as_deref(), Locale::En),
                    "Call assigned to Carla"
                );
                assert_eq!(*otherwise, Assignment::Unassigned);
            }
            other => panic!("{other:?}"),
        }
        let _ = CallId(1);
    }

    #[test]
    fn the_note_carries_every_detail_once() {
        let mut c = call("inbound", true, false, None);
        c.user = Some(user(1, "a@x"));
        c.comments = serde_json::from_value(serde_json::json!([
            {"id": 1, "content": "first <b>", "posted_at": 1, "posted_by": null},
            {"id": 2, "content": "second", "posted_at": 2, "posted_by": {"id": 1, "name": "Ada"}}]))
        .unwrap();
        let n = note(
            &c,
            Kind::InboundAnswered,
            Some("https://assets.aircall.io/calls/1/recording"),
            Locale::En,
        );
        assert!(n.contains("Caller: +33 7 62 04 35 75"));
        assert!(n.contains("Waiting time: 10s"));
        assert!(n.contains("Answered by: U1"));
        assert!(n.contains("Duration: 3m 20s"));
        assert!(n.contains("Recording: <a href=\"https://assets.aircall.io/calls/1/recording\">"));
        assert_eq!(n.matches("first &lt;b&gt;").count(), 1);
        assert!(n.contains("Note by Ada: second"));
        assert!(n.ends_with("<p>Aircall call 1</p>"));
    }
}
