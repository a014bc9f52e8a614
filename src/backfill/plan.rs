//! Planning one call of `backfill calls`: pure over what the run fetched (the call, the ledger's
//! row for it, the contacts with its number, the native evidence claimed for it, aircom's own
//! stamped conversation), it decides what a correct backfill does, with no request and no
//! write. `apply` (in `backfill::log_calls`) carries a [`Decision::Log`] out.

use serde::Serialize;

use crate::aircall::Call;
use crate::backfill::index::ContactRef;
use crate::backfill::recognize::{self, Evidence, Readiness};
use crate::backfill::CallOutcome;
use crate::integration::{assignment, reassignment_note, title, Assignment, Kind, Locale};
use crate::ledger::{LogState, LoggedCall};

/// The teammates a call can go to.
pub struct Teammates<'a> {
    /// By lower-cased email: (admin id, name).
    pub by_email: &'a std::collections::HashMap<String, (String, String)>,
    /// The set-up admin (`--default-admin`, else the token's owner): (id, name).
    pub fallback: (String, String),
}

/// Who a logged call is assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignee {
    pub admin_id: String,
    pub name: String,
    /// The reassignment note that goes with it (§7, reassigned in the phone app).
    pub note: Option<String>,
}

/// The contact a call is logged with.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ContactChoice {
    Existing {
        id: String,
        role: String,
    },
    /// No contact has the number: create one with this role (behaviour reference §5).
    Create {
        role: &'static str,
    },
}

/// How far an earlier attempt of ours got with this call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Resume {
    /// Nothing of ours exists for it: create.
    Fresh,
    /// A run of ours started it (the ledger says so); its conversation, when known.
    Ledger { conversation: Option<String> },
    /// A conversation stamped for this call exists (another ledger, another machine).
    Stamped { conversation: String },
}

/// What to write for a call that is a gap.
#[derive(Debug, Clone, Serialize)]
pub struct LogPlan {
    pub contact: ContactChoice,
    pub title: String,
    pub assignee: Option<Assignee>,
    pub tags: Vec<String>,
    pub resume: Resume,
}

/// What a correct backfill does with one call.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    /// Not ended, or ended too recently: left for a later run, with no ledger row (§10).
    InProgress { reason: String },
    /// The ledger already settled it (logged by aircom, or found native by an earlier run).
    Settled {
        outcome: CallOutcome,
        contact: Option<String>,
        conversation: Option<String>,
    },
    /// The native integration logged it: this evidence says so.
    Native { contact: String, evidence: Evidence },
    /// Several contacts share the caller's number.
    Blocked { number: String, contacts: usize },
    /// No contact, and none may or can be created.
    NoContact { reason: String },
    /// A gap: log it.
    Log(LogPlan),
}

impl Decision {
    /// The outcome a dry run reports for it.
    pub fn planned_outcome(&self) -> CallOutcome {
        match self {
            Decision::InProgress { .. } => CallOutcome::InProgress,
            Decision::Settled { outcome, .. } => *outcome,
            Decision::Native { .. } => CallOutcome::Native,
            Decision::Blocked { .. } => CallOutcome::BlockedByDuplicates,
            Decision::NoContact { .. } => CallOutcome::NoContact,
            Decision::Log(p) if !matches!(p.resume, Resume::Fresh) => CallOutcome::AlreadyLogged,
            Decision::Log(_) => CallOutcome::WouldLog,
        }
    }

    /// Why, in words an admin reads.
    pub fn reason(&self) -> Option<String> {
        match self {
            Decision::InProgress { reason } | Decision::NoContact { reason } => {
                Some(reason.clone())
            }
            Decision::Settled { outcome, .. } => Some(match outcome {
                CallOutcome::Native => "an earlier run found it logged natively".into(),
                _ => "an earlier run logged it".into(),
            }),
            Decision::Native { evidence, .. } => Some(match &evidence.part_id {
                Some(part) => format!(
                    "logged natively into open conversation {} (part {part}, \"{}\", at {})",
                    evidence.conversation_id,
                    evidence.title,
                    crate::output::iso(evidence.at)
                ),
                None => format!(
                    "logged natively as conversation {} (\"{}\", at {})",
                    evidence.conversation_id,
                    evidence.title,
                    crate::output::iso(evidence.at)
                ),
            }),
            Decision::Blocked { number, contacts } => Some(format!(
                "{contacts} Intercom contacts share {number}: run `aircom audit duplicates`"
            )),
            Decision::Log(p) => match (&p.contact, &p.resume) {
                (_, Resume::Ledger { .. }) => {
                    Some("an earlier run started it: finished after checking what exists".into())
                }
                (_, Resume::Stamped { conversation }) => Some(format!(
                    "conversation {conversation} is stamped for it: finished after checking its parts"
                )),
                (ContactChoice::Create { role }, Resume::Fresh) => {
                    Some(format!("no contact has the number: a {role} is created"))
                }
                (ContactChoice::Existing { .. }, Resume::Fresh) => None,
            },
        }
    }
}

/// What the run knows of one call, gathered before deciding.
pub struct Facts<'a> {
    pub call: &'a Call,
    pub now: i64,
    pub locale: Locale,
    /// The ledger's row for the call, in this workspace.
    pub previous: Option<&'a LoggedCall>,
    /// The caller's E.164 (`None`: anonymous, or a number that does not read).
    pub e164: Option<&'a str>,
    /// The contacts with that number (for an anonymous call: the anonymous contact, if any).
    pub contacts: &'a [ContactRef],
    /// `None`: `--create-contacts none`; else the role of a created contact.
    pub create: Option<&'static str>,
    /// The native log claimed for this call.
    pub native: Option<&'a Evidence>,
    /// A conversation stamped for this call (aircom's own).
    pub stamped: Option<&'a str>,
    pub teammates: &'a Teammates<'a>,
}

/// Decides one call. Pure: the same facts give the same decision.
pub fn plan_call(f: &Facts<'_>) -> Decision {
    let call = f.call;
    match recognize::readiness(call, f.now) {
        Readiness::Ready => {}
        Readiness::InProgress => {
            return Decision::InProgress {
                reason: "the call has not ended yet".into(),
            }
        }
        Readiness::JustEnded => {
            return Decision::InProgress {
                reason: format!(
                    "ended less than {} minutes ago: the native integration may still log it",
                    recognize::SETTLE / 60
                ),
            }
        }
    }
    if let Some(prev) = f.previous {
        let outcome = match prev.state {
            LogState::Done => Some(CallOutcome::AlreadyLogged),
            LogState::Native => Some(CallOutcome::Native),
            LogState::Pending | LogState::Created => None,
        };
        if let Some(outcome) = outcome {
            return Decision::Settled {
                outcome,
                contact: prev.contact_id.clone(),
                conversation: prev.conversation_id.clone(),
            };
        }
    }
    if !call.is_anonymous() && f.e164.is_none() {
        return Decision::NoContact {
            reason: format!("`{}` is not a valid number", call.raw_digits),
        };
    }
    let contact = match f.contacts {
        [one] => ContactChoice::Existing {
            id: one.id.clone(),
            role: one.role.clone(),
        },
        [] => match f.create {
            None => {
                return Decision::NoContact {
                    reason: "no Intercom contact has this number (`--create-contacts none`)".into(),
                }
            }
            Some(role) => ContactChoice::Create { role },
        },
        several => {
            return Decision::Blocked {
                number: f.e164.unwrap_or("anonymous").to_string(),
                contacts: several.len(),
            }
        }
    };
    let resume = match (f.previous, f.stamped) {
        (_, Some(conv)) => Resume::Stamped {
            conversation: conv.to_string(),
        },
        (Some(p), None) => Resume::Ledger {
            conversation: p.conversation_id.clone(),
        },
        (None, None) => Resume::Fresh,
    };
    // Evidence counts only for a call nothing of ours touched: aircom's unfinished work on
    // it must be finished, not taken for a native log.
    if let (Resume::Fresh, Some(e), ContactChoice::Existing { id, .. }) =
        (&resume, f.native, &contact)
    {
        return Decision::Native {
            contact: id.clone(),
            evidence: e.clone(),
        };
    }
    let kind = crate::integration::classify(call);
    let number = call
        .number
        .as_ref()
        .and_then(|n| n.name.clone())
        .unwrap_or_default();
    Decision::Log(LogPlan {
        contact,
        title: title(kind, &number, f.locale),
        assignee: assignee(call, kind, f.teammates, f.locale),
        tags: call.tags.iter().filter_map(|t| t.name.clone()).collect(),
        resume,
    })
}

/// The teammate a call goes to under §7, `None` when it stays unassigned.
pub fn assignee(call: &Call, kind: Kind, t: &Teammates<'_>, locale: Locale) -> Option<Assignee> {
    resolve(&assignment(call, kind), t, locale)
}

fn resolve(a: &Assignment, t: &Teammates<'_>, locale: Locale) -> Option<Assignee> {
    let by_email = |email: &Option<String>| {
        email
            .as_ref()
            .and_then(|e| t.by_email.get(&e.to_lowercase()))
            .cloned()
    };
    match a {
        Assignment::Unassigned => None,
        Assignment::To { emails, .. } => {
            let (admin_id, name) = emails
                .iter()
                .find_map(by_email)
                .unwrap_or_else(|| t.fallback.clone());
            Some(Assignee {
                admin_id,
                name,
                note: None,
            })
        }
        Assignment::Reassigned {
            to,
            to_name,
            by_name,
            otherwise,
        } => match by_email(to) {
            Some((admin_id, name)) => Some(Assignee {
                admin_id,
                name,
                note: Some(reassignment_note(to_name, by_name.as_deref(), locale)),
            }),
            // No matching teammate: the call stays where the other rules put it (§7 only
            // reassigns to a teammate with a matching email).
            None => resolve(otherwise, t, locale),
        },
    }
}

/// The workspace's teammates by lower-cased email, and the set-up admin (§7).
pub struct Admins {
    /// By lower-cased email: (admin id, name).
    pub by_email: std::collections::HashMap<String, (String, String)>,
    /// `--default-admin` (an email or id), else the admin behind the token: (id, name).
    pub setup: (String, String),
}

/// Reads the admins (`GET /me`, `GET /admins`) and resolves `--default-admin`: one unknown
/// is a usage error naming it.
pub async fn admins(
    ic: &crate::intercom::IntercomClient,
    default_admin: Option<&str>,
) -> anyhow::Result<Admins> {
    let me = ic.me().await?;
    let list = ic.admins().await?;
    let by_email = list
        .iter()
        .filter_map(|a| {
            a.email.as_ref().map(|e| {
                (
                    e.to_lowercase(),
                    (a.id.clone(), a.name.clone().unwrap_or_default()),
                )
            })
        })
        .collect();
    let setup = match default_admin {
        None => (me.id.clone(), me.name.clone().unwrap_or_default()),
        Some(x) => list
            .iter()
            .find(|a| {
                a.id == x
                    || a.email
                        .as_deref()
                        .is_some_and(|e| e.eq_ignore_ascii_case(x))
            })
            .map(|a| (a.id.clone(), a.name.clone().unwrap_or_default()))
            .ok_or_else(|| {
                crate::error::Failure::usage_hint(
                    format!("no Intercom admin `{x}`"),
                    "give an admin's email or id; `aircom doctor` lists them",
                )
            })?,
    };
    Ok(Admins { by_email, setup })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aircall::{CallId, Direction};
    use std::collections::HashMap;

    fn call(answered: bool, ended: Option<i64>) -> Call {
        let mut c: Call = serde_json::from_value(serde_json::json!({
            "id": 7, "direction": "inbound", "status": "done",
            "started_at": 1_000, "answered_at": if answered { Some(1_010) } else { None },
            "ended_at": ended, "duration": 60, "raw_digits": "+33 6 12 34 56 78",
            "number": {"id": 1, "name": "UK Desk & Billing", "digits": "+44 20 1234 5678"},
            "tags": [{"id": 1, "name": "VIP"}]
        }))
        .expect("a call");
        c.id = CallId(7);
        c.direction = Direction::Inbound;
        c
    }

    fn facts<'a>(
        c: &'a Call,
        contacts: &'a [ContactRef],
        native: Option<&'a Evidence>,
        previous: Option<&'a LoggedCall>,
        teammates: &'a Teammates<'a>,
    ) -> Facts<'a> {
        Facts {
            call: c,
            now: 1_000_000,
            locale: Locale::En,
            previous,
            e164: Some("+33612345678"),
            contacts,
            create: Some("lead"),
            native,
            stamped: None,
            teammates,
        }
    }

    fn one() -> Vec<ContactRef> {
        vec![ContactRef {
            id: "c1".into(),
            role: "user".into(),
        }]
    }

    /// Every rule of §7 for calls, quoted, against the resolved assignee (teammates matched
    /// by email, case-insensitively; else the set-up admin).
    #[test]
    fn section_7_every_call_rule() {
        use crate::integration::classify;
        let admins: HashMap<String, (String, String)> = [
            ("ada@x.io", ("11", "Ada")),
            ("bruno@x.io", ("12", "Bruno")),
            ("carla@x.io", ("13", "Carla")),
        ]
        .into_iter()
        .map(|(e, (i, n))| (e.to_string(), (i.to_string(), n.to_string())))
        .collect();
        let t = Teammates {
            by_email: &admins,
            fallback: ("1".into(), "Set-up Admin".into()),
        };
        let user = |id: i64, name: &str, email: &str| serde_json::json!({"id": id, "name": name, "email": email});
        let mk = |extra: serde_json::Value| -> Call {
            let mut v = serde_json::json!({
                "id": 1, "direction": "inbound", "started_at": 1_000, "ended_at": 1_100,
                "raw_digits": "+33 6 12 34 56 78",
                "number": {"id": 1, "name": "Paris"},
            });
            for (k, x) in extra.as_object().unwrap() {
                v[k] = x.clone();
            }
            serde_json::from_value(v).unwrap()
        };
        let who = |c: &Call| assignee(c, classify(c), &t, Locale::En).map(|a| (a.name, a.note));
        let to = |n: &str| Some((n.to_string(), None));
        // "Inbound call answered: assign to the Intercom teammate whose email equals the
        // answering Aircall user's email; if no email matches, assign to the Intercom admin
        // who set up the integration."
        let c = mk(serde_json::json!({"answered_at": 1_010, "user": user(5, "Ada A", "ADA@x.io")}));
        assert_eq!(who(&c), to("Ada"));
        let c = mk(serde_json::json!({"answered_at": 1_010, "user": user(6, "Zed", "zed@x.io")}));
        assert_eq!(who(&c), to("Set-up Admin"));
        // "Inbound call not answered (missed): leave the conversation unassigned."
        let c = mk(serde_json::json!({"missed_call_reason": "agents_did_not_answer"}));
        assert_eq!(who(&c), None);
        // "Outbound call: assign to the teammate with the caller's email; else the set-up
        // admin." (answered or not)
        let c =
            mk(serde_json::json!({"direction": "outbound", "user": user(7, "B", "bruno@x.io")}));
        assert_eq!(who(&c), to("Bruno"));
        let c = mk(
            serde_json::json!({"direction": "outbound", "answered_at": 1_010, "user": user(8, "Q", "q@x.io")}),
        );
        assert_eq!(who(&c), to("Set-up Admin"));
        // "Transferred call: when ... transferred successfully to another Aircall user with a
        // matching Intercom email, reassign the conversation to that teammate. If the target
        // does not answer or has no matching email, it stays with the original teammate."
        let c = mk(
            serde_json::json!({"answered_at": 1_010, "user": user(9, "C", "carla@x.io"),
            "transferred_by": user(5, "Ada A", "ada@x.io"), "transferred_to": user(9, "C", "carla@x.io")}),
        );
        assert_eq!(who(&c), to("Carla"));
        let c = mk(
            serde_json::json!({"answered_at": 1_010, "user": user(10, "Nobody", "nobody@x.io"),
            "transferred_by": user(5, "Ada A", "ada@x.io"), "transferred_to": user(10, "Nobody", "nobody@x.io")}),
        );
        assert_eq!(
            who(&c),
            to("Ada"),
            "a target without a teammate: stays with the original"
        );
        let c = mk(
            serde_json::json!({"answered_at": 1_010, "user": user(5, "Ada A", "ada@x.io"),
            "transferred_by": user(5, "Ada A", "ada@x.io"), "transferred_to": user(9, "C", "carla@x.io")}),
        );
        assert_eq!(who(&c), to("Ada"), "a target who did not answer: stays");
        // "Call (re)assignment in the phone app: when a call is assigned by one Aircall user
        // to another who has a matching Intercom email, the conversation is reassigned to that
        // teammate, and a note says to whom the call was assigned and by whom."
        let c = mk(
            serde_json::json!({"answered_at": 1_010, "user": user(5, "Ada A", "ada@x.io"),
            "assigned_to": user(7, "Bruno B", "bruno@x.io")}),
        );
        assert_eq!(
            who(&c),
            Some((
                "Bruno".into(),
                Some("Call assigned to Bruno B by Ada A".into())
            ))
        );
        // To someone with no matching teammate: the other rules stand.
        let c = mk(
            serde_json::json!({"answered_at": 1_010, "user": user(5, "Ada A", "ada@x.io"),
            "assigned_to": user(8, "Q", "q@x.io")}),
        );
        assert_eq!(who(&c), to("Ada"));
        // A missed call reassigned in the app: §7 does not say which rule wins; aircom takes
        // the reassignment (the sandbox's truth accepts both readings).
        let c = mk(
            serde_json::json!({"missed_call_reason": "no_available_agent",
            "assigned_to": user(9, "Carla C", "Carla@X.io")}),
        );
        assert_eq!(
            who(&c),
            Some(("Carla".into(), Some("Call assigned to Carla C".into())))
        );
    }

    #[test]
    fn decisions_follow_the_facts() {
        let admins = HashMap::new();
        let t = Teammates {
            by_email: &admins,
            fallback: ("1".into(), "Set-up Admin".into()),
        };
        let c = call(false, Some(1_100));
        let contacts = one();
        // A gap with one contact: log it, with the §6 title for the number's name.
        let d = plan_call(&facts(&c, &contacts, None, None, &t));
        let Decision::Log(p) = &d else {
            panic!("{d:?}")
        };
        assert!(p.title.contains("UK Desk & Billing"), "{}", p.title);
        assert_eq!(p.tags, vec!["VIP".to_string()]);
        assert_eq!(d.planned_outcome(), CallOutcome::WouldLog);
        // Native evidence: not logged again.
        let e = Evidence {
            conversation_id: "9".into(),
            part_id: None,
            at: 1_001,
            title: p.title.clone(),
        };
        let d = plan_call(&facts(&c, &contacts, Some(&e), None, &t));
        assert!(matches!(d, Decision::Native { .. }), "{d:?}");
        // Unless a run of ours started it: then it is finished, never taken for native.
        let prev = LoggedCall {
            call_id: 7,
            conversation_id: Some("9".into()),
            contact_id: Some("c1".into()),
            state: LogState::Pending,
        };
        let d = plan_call(&facts(&c, &contacts, Some(&e), Some(&prev), &t));
        assert!(
            matches!(&d, Decision::Log(p) if p.resume == Resume::Ledger { conversation: Some("9".into()) }),
            "{d:?}"
        );
        // Two contacts share the number: blocked.
        let two = vec![contacts[0].clone(), contacts[0].clone()];
        let d = plan_call(&facts(&c, &two, None, None, &t));
        assert!(matches!(d, Decision::Blocked { contacts: 2, .. }), "{d:?}");
        // No contact: created, or none with `--create-contacts none`.
        let d = plan_call(&facts(&c, &[], None, None, &t));
        assert!(
            matches!(&d, Decision::Log(p) if matches!(p.contact, ContactChoice::Create { role: "lead" })),
            "{d:?}"
        );
        let mut f = facts(&c, &[], None, None, &t);
        f.create = None;
        assert!(matches!(plan_call(&f), Decision::NoContact { .. }));
        // Not ended: left for later, whatever else is known.
        let live = call(true, None);
        let d = plan_call(&facts(&live, &contacts, None, None, &t));
        assert!(matches!(d, Decision::InProgress { .. }), "{d:?}");
    }
}
