//! `aircom backfill sms --from FILE`: logs archived SMS webhook payloads into Intercom as the
//! native integration would (behaviour reference §6–§7): a conversation titled `Inbound SMS on
//! <number>` or `Outbound SMS on <number>`, an internal note with the number, sender,
//! recipient, text and (outbound) delivery status, and the SMS assignment rules. Exactly once,
//! with the same ledger as calls: pending before the first write, the `aircall_message_id`
//! stamp and the note's marker line settle a resumed message.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

use serde::{Deserialize, Serialize};

use crate::aircall::NumberId;
use crate::backfill::evidence::Touched;
use crate::backfill::index::{
    conversations_around, ensure_named_attribute, index_contacts, MESSAGE_ATTRIBUTE, TOLERANCE,
};
use crate::backfill::recognize::{Evidence, Sms};
use crate::cli::{BackfillSmsArgs, ConversationMode, CreateContacts};
use crate::commands::ExitStatus;
use crate::contacts::hints;
use crate::context::Ctx;
use crate::error::Failure;
use crate::integration::Locale;
use crate::intercom::{AdminId, ContactId, ContactWrite, ConversationId};
use crate::ledger::{LogState, PendingContact, RunOutcome};
use crate::phone::{normalize, Hints, Region};

#[derive(Debug, Clone, Deserialize)]
struct Envelope {
    event: String,
    data: Message,
}

#[derive(Debug, Clone, Deserialize)]
struct Message {
    id: serde_json::Value,
    direction: String,
    #[serde(default)]
    external_number: Option<String>,
    #[serde(default)]
    raw_digits: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    created_at: Option<serde_json::Value>,
    #[serde(default)]
    number: Option<Number>,
    #[serde(default)]
    user: Option<User>,
}

#[derive(Debug, Clone, Deserialize)]
struct Number {
    id: i64,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    digits: Option<String>,
    #[serde(default)]
    country: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct User {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
}

#[derive(Debug, Serialize)]
struct Record {
    message_id: String,
    direction: String,
    external_number: String,
    outcome: &'static str,
    contact_id: Option<String>,
    conversation_id: Option<String>,
    title: String,
    assignee: Option<String>,
    reason: Option<String>,
}

/// UNIX seconds from seconds, milliseconds (above 1e12) or an ISO string.
fn seconds(v: &serde_json::Value) -> Option<i64> {
    match v {
        serde_json::Value::Number(n) => {
            n.as_i64()
                .map(|x| if x > 1_000_000_000_000 { x / 1000 } else { x })
        }
        serde_json::Value::String(s) => s.parse::<jiff::Timestamp>().ok().map(|t| t.as_second()),
        _ => None,
    }
}

pub fn title(inbound: bool, number: &str, locale: Locale) -> String {
    crate::backfill::recognize::sms_title(inbound, number, locale)
}

/// Which messages the native integration logged, by evidence (`backfill::recognize`, the
/// same function as calls): per contact, every title message of its conversations (sources,
/// then parts when a message is unaccounted for) claimed one to one by the nearest message.
async fn sms_evidence(
    ic: &crate::intercom::IntercomClient,
    messages: &[(String, i64, Message)],
    by_number: &HashMap<String, Vec<crate::backfill::index::ContactRef>>,
    convs: &HashMap<String, Vec<crate::backfill::index::ConvLite>>,
    ledger: Option<&crate::ledger::Ledger>,
    run_start: i64,
) -> anyhow::Result<HashMap<String, Evidence>> {
    let mut of_contact: HashMap<String, Vec<Sms>> = HashMap::new();
    for (id, at, m) in messages {
        let Some(e164) = message_e164(m, &message_raw(m)) else {
            continue;
        };
        let [one] = by_number.get(&e164).map(Vec::as_slice).unwrap_or(&[]) else {
            continue;
        };
        of_contact.entry(one.id.clone()).or_default().push(Sms {
            id: id.clone(),
            at: *at,
            inbound: m.direction == "inbound",
            number_name: m
                .number
                .as_ref()
                .and_then(|n| n.name.clone())
                .unwrap_or_default(),
        });
    }
    let mut out = HashMap::new();
    for (contact, items) in of_contact {
        let own = convs.get(&contact).map(Vec::as_slice).unwrap_or(&[]);
        let touched: Vec<Touched<'_>> = own
            .iter()
            // aircom's own logs (stamped) are never native evidence.
            .map(|c| c.touched(c.message_id.is_none() && c.call_id.is_none()))
            .collect();
        let stamped = |s: &Sms| own.iter().any(|c| c.message_id.as_deref() == Some(&s.id));
        let in_ledger = |s: &Sms| {
            ledger
                .and_then(|l| l.logged_sms(&s.id).ok().flatten())
                .is_some()
        };
        let refs: Vec<&Sms> = items.iter().collect();
        let found = crate::backfill::evidence::claims_of(
            ic,
            &touched,
            &refs,
            |s| run_start - s.at >= crate::backfill::recognize::SETTLE,
            |s| stamped(s) || in_ledger(s),
        )
        .await?;
        out.extend(found);
    }
    Ok(out)
}

/// The external party's E.164. Inbound `raw_digits` may lack the `+`: read it with the
/// line's country.
fn message_e164(m: &Message, raw: &str) -> Option<String> {
    let country = m
        .number
        .as_ref()
        .and_then(|n| n.country.as_deref())
        .and_then(Region::parse);
    let with_plus = if raw.starts_with('+') || raw.starts_with('0') {
        raw.to_string()
    } else {
        format!("+{raw}")
    };
    normalize(&with_plus, &Hints::with_default(country))
        .e164()
        .map(str::to_string)
}

/// The external party's number as the message gives it.
fn message_raw(m: &Message) -> String {
    m.external_number
        .clone()
        .or(m.raw_digits.clone())
        .unwrap_or_default()
}

fn marker(id: &str) -> String {
    format!("Aircall SMS {id}")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn note(m: &Message, id: &str, external: &str, locale: Locale) -> String {
    let inbound = m.direction == "inbound";
    let es = locale == Locale::Es;
    let number = m
        .number
        .as_ref()
        .map(|n| {
            format!(
                "{} ({})",
                n.name.clone().unwrap_or_default(),
                n.digits.clone().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    let agent = m
        .user
        .as_ref()
        .and_then(|u| u.name.clone())
        .unwrap_or_else(|| "Aircall".into());
    let (from, to) = if inbound {
        (external.to_string(), number.clone())
    } else {
        (agent, external.to_string())
    };
    let mut lines = vec![
        format!(
            "{}: {}",
            if es {
                "Número de Aircall"
            } else {
                "Aircall number"
            },
            esc(&number)
        ),
        format!("{}: {}", if es { "De" } else { "From" }, esc(&from)),
        format!("{}: {}", if es { "Para" } else { "To" }, esc(&to)),
        format!(
            "{}: {}",
            if es { "Mensaje" } else { "Message" },
            esc(m.body.as_deref().unwrap_or(""))
        ),
    ];
    if !inbound {
        let status = match m.status.as_deref() {
            Some("delivered") => if es { "Entregado" } else { "Delivered" }.to_string(),
            Some("failed") | Some("undelivered") | Some("error") => if es {
                "Entrega fallida"
            } else {
                "Delivery failed"
            }
            .to_string(),
            Some(other) => other.to_string(),
            None => "unknown".to_string(),
        };
        lines.push(format!(
            "{}: {status}",
            if es {
                "Estado de entrega"
            } else {
                "Delivery status"
            }
        ));
    }
    lines.push(marker(id));
    lines.iter().map(|l| format!("<p>{l}</p>")).collect()
}

pub async fn run(args: BackfillSmsArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    if !args.dry_run && !ctx.global.yes && !p.is_tty() {
        return Err(Failure::usage_hint(
            "refusing to write without a terminal to confirm on",
            "pass `--yes`, or `--dry-run`",
        ));
    }
    let reader: Box<dyn BufRead> = if args.from == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(&args.from)
                .map_err(|e| Failure::usage(format!("cannot read `{}`: {e}", args.from)))?,
        ))
    };
    // Read and keep the last payload per message (deliveries repeat; a status update follows).
    let mut latest: BTreeMap<String, (i64, Message)> = BTreeMap::new();
    let mut malformed = 0;
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Result<Envelope, String> =
            serde_json::from_str::<Envelope>(&line).map_err(|e| e.to_string());
        let env = match parsed {
            Ok(e) if e.event.starts_with("message.") => e,
            Ok(e) => {
                p.warn(format!(
                    "line {}: event `{}` is not a message event: skipped",
                    i + 1,
                    e.event
                ));
                malformed += 1;
                continue;
            }
            Err(e) => {
                p.warn(format!(
                    "line {}: not a message payload ({e}): skipped",
                    i + 1
                ));
                malformed += 1;
                continue;
            }
        };
        let id = match &env.data.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let at = env.data.created_at.as_ref().and_then(seconds).unwrap_or(0);
        latest.insert(id, (at, env.data));
    }
    let hints = hints(ctx, &args.phone)?;
    let (ic, ac) = (ctx.intercom()?, ctx.aircall()?);
    let me = ic.me().await?;
    let admins = ic.admins().await?;
    let by_email: HashMap<String, (String, String)> = admins
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
    let setup = match &args.default_admin {
        None => AdminId(me.id.clone()),
        Some(x) => match admins.iter().find(|a| {
            a.id == *x
                || a.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(x))
        }) {
            Some(a) => AdminId(a.id.clone()),
            None => return Err(Failure::usage(format!("no Intercom admin `{x}`"))),
        },
    };
    let (lo, hi) = latest
        .values()
        .fold((i64::MAX, i64::MIN), |(l, h), (t, _)| {
            (l.min(*t), h.max(*t))
        });
    if latest.is_empty() {
        p.info(format!(
            "no messages in `{}` ({malformed} malformed lines)",
            args.from
        ));
        return Ok(if malformed > 0 {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        });
    }
    // A writing run takes the job's lock before reading what is logged (issue 11).
    let ledger = if args.dry_run {
        None
    } else {
        Some(ctx.workspace_ledger().await?)
    };
    let guard = ledger
        .as_ref()
        .map(|l| l.begin("backfill sms"))
        .transpose()?;
    let (index, convs) = tokio::try_join!(
        index_contacts(ic, &hints, args.phone.partitions as usize),
        conversations_around(ic, lo - TOLERANCE, hi + TOLERANCE)
    )?;
    let (mut by_number, _) = index;
    let run_start = ctx.now();
    let settle = crate::backfill::log_calls::search_settle();
    // Contacts aircom created too recently for search (the index) to show them: the ledger
    // knows them. Older rows are done with: search shows what still exists.
    if let Some(l) = &ledger {
        l.forget_settled_contacts(run_start - settle)?;
        for (caller, id, role, at) in l.pending_contacts_made()? {
            if run_start - at < settle && caller != "anonymous" {
                let c = crate::backfill::index::ContactRef { id, role };
                let known = by_number.entry(caller).or_default();
                if !known.iter().any(|k| k.id == c.id) {
                    known.push(c);
                }
            }
        }
    }
    if guard.is_some() {
        ensure_named_attribute(
            ic,
            MESSAGE_ATTRIBUTE,
            "Aircall message id (set by aircom backfill sms)",
        )
        .await?;
    }
    let run = guard.as_ref().map(|g| g.id());
    let mut number_users: HashMap<i64, Vec<String>> = HashMap::new();
    let mut messages: Vec<(String, i64, Message)> =
        latest.into_iter().map(|(id, (t, m))| (id, t, m)).collect();
    messages.sort_by_key(|(id, t, _)| (*t, id.clone()));
    let sms_claims = sms_evidence(
        ic,
        &messages,
        &by_number,
        &convs,
        ledger.as_ref(),
        run_start,
    )
    .await?;
    let mut records = Vec::new();
    let mut failed = 0;
    for (id, at, m) in &messages {
        if ctx.interrupted() {
            break;
        }
        // The native integration may still log a message this recent (§10): left for later.
        let too_recent = run_start - at < crate::backfill::recognize::SETTLE;
        let inbound = m.direction == "inbound";
        let number_name = m
            .number
            .as_ref()
            .and_then(|n| n.name.clone())
            .unwrap_or_default();
        let raw = message_raw(m);
        let mut rec = Record {
            message_id: id.clone(),
            direction: m.direction.clone(),
            external_number: raw.clone(),
            outcome: "",
            contact_id: None,
            conversation_id: None,
            title: title(inbound, &number_name, args.locale),
            assignee: None,
            reason: None,
        };
        let result: anyhow::Result<()> = async {
            if too_recent {
                rec.outcome = "in_progress";
                rec.reason = Some(format!(
                    "less than {} minutes old: the native integration may still log it",
                    crate::backfill::recognize::SETTLE / 60
                ));
                return Ok(());
            }
            if let Some(l) = &ledger {
                if let Some((state, conv)) = l.logged_sms(id)? {
                    if state == LogState::Done {
                        rec.outcome = "already_logged";
                        rec.conversation_id = conv;
                        return Ok(());
                    }
                }
            }
            let Some(e164) = message_e164(m, &raw) else {
                rec.outcome = "no_contact";
                rec.reason = Some(format!("`{raw}` is not a valid number"));
                return Ok(());
            };
            let found = by_number.get(&e164).cloned().unwrap_or_default();
            let contact = match found.as_slice() {
                [one] => one.clone(),
                [] if args.create_contacts == CreateContacts::None => {
                    rec.outcome = "no_contact";
                    rec.reason = Some(
                        "no Intercom contact has this number (`--create-contacts none`)".into(),
                    );
                    return Ok(());
                }
                [] if args.dry_run => {
                    rec.outcome = "would_log";
                    rec.reason = Some(format!("would create a contact for {e164}"));
                    return Ok(());
                }
                [] => {
                    let role = if args.create_contacts == CreateContacts::User {
                        "user"
                    } else {
                        "lead"
                    };
                    // The ledger's pending row makes the create exactly once across kills and
                    // search lag, as in `backfill calls`: a contact made earlier is used by its
                    // id; one whose answer was lost is waited for until search can show it.
                    let l = ledger.as_ref().expect("writes have a ledger");
                    // The contact index was read at the run's start (`run_start`): a create
                    // is trusted to show in it only if sent a settle delay before.
                    let trusted = |at: i64| run_start - at >= settle;
                    let r = match l.pending_contact(&e164)? {
                        Some(PendingContact {
                            contact: Some((id, role)),
                            at,
                        }) if !trusted(at) => crate::backfill::index::ContactRef { id, role },
                        Some(p) if !trusted(p.at) => {
                            rec.outcome = "unknown";
                            rec.reason = Some(format!(
                                "a contact create for {e164} had no answer and may not be searchable yet: run again after {}",
                                crate::output::iso(p.at + settle)
                            ));
                            return Ok(());
                        }
                        _ => {
                            l.pending_contact_create(&e164, jiff::Timestamp::now().as_second())?;
                            let c = ic
                                .create_contact(&ContactWrite {
                                    role: Some(role.into()),
                                    email: None,
                                    name: Some(format!("{e164} New Aircall contact")),
                                    phone: Some(Some(e164.clone())),
                                })
                                .await;
                            let c = match c {
                                Ok(c) => c,
                                Err(e) => {
                                    if !e.outcome_unknown() {
                                        l.forget_pending_contact(&e164)?;
                                    }
                                    return Err(e.into());
                                }
                            };
                            l.pending_contact_made(&e164, &c.id.0, &c.role)?;
                            crate::backfill::index::ContactRef {
                                id: c.id.0.clone(),
                                role: c.role.clone(),
                            }
                        }
                    };
                    by_number.insert(e164.clone(), vec![r.clone()]);
                    r
                }
                several => {
                    rec.outcome = "blocked_by_duplicates";
                    rec.reason = Some(format!("{} Intercom contacts share {e164}", several.len()));
                    return Ok(());
                }
            };
            rec.contact_id = Some(contact.id.clone());
            let own = convs.get(&contact.id).cloned().unwrap_or_default();
            let stamped = own
                .iter()
                .find(|c| c.message_id.as_deref() == Some(id.as_str()))
                .map(|c| c.id.clone());
            let native = sms_claims.get(id).map(|e| e.conversation_id.clone());
            let pending = ledger
                .as_ref()
                .map(|l| l.logged_sms(id))
                .transpose()?
                .flatten();
            if stamped.is_none() && pending.is_none() {
                if let Some(n) = native {
                    rec.outcome = "native";
                    rec.conversation_id = Some(n.clone());
                    if let Some(l) = &ledger {
                        l.set_logged_sms(id, LogState::Done, Some(&n), Some(&contact.id), run)?;
                    }
                    return Ok(());
                }
            }
            // Assignment (§7).
            let teammate = |email: Option<&String>| {
                email.and_then(|e| by_email.get(&e.to_lowercase())).cloned()
            };
            let target: Option<(String, String)> = if inbound {
                let nid = m.number.as_ref().map(|n| n.id).unwrap_or(0);
                if let std::collections::hash_map::Entry::Vacant(slot) = number_users.entry(nid) {
                    let users = ac
                        .get_number(&NumberId(nid))
                        .await
                        .ok()
                        .and_then(|n| n.users)
                        .unwrap_or_default();
                    slot.insert(users.into_iter().filter_map(|u| u.email).collect());
                }
                let users = &number_users[&nid];
                match users.as_slice() {
                    [one] => Some(
                        teammate(Some(one)).unwrap_or_else(|| (setup.0.clone(), String::new())),
                    ),
                    // Several users: new conversation stays unassigned, last-open keeps its owner.
                    _ => None,
                }
            } else {
                Some(
                    teammate(m.user.as_ref().and_then(|u| u.email.as_ref()))
                        .unwrap_or_else(|| (setup.0.clone(), String::new())),
                )
            };
            rec.assignee = target.as_ref().map(|(id, name)| {
                if name.is_empty() {
                    id.clone()
                } else {
                    name.clone()
                }
            });
            if args.dry_run {
                rec.outcome = if stamped.is_some() {
                    "already_logged"
                } else {
                    "would_log"
                };
                return Ok(());
            }
            let l = ledger.as_ref().expect("writes have a ledger");
            let resuming = stamped.is_some() || pending.is_some();
            let conv = match stamped.or_else(|| pending.and_then(|(_, c)| c)) {
                Some(c) => ConversationId(c),
                None => {
                    // Killed between creating and stamping: our unstamped conversation.
                    let unstamped = own
                        .iter()
                        .find(|c| {
                            c.message_id.is_none()
                                && c.created_at == *at
                                && crate::backfill::recognize::same_title(&crate::html::to_text(&c.body), &rec.title)
                        })
                        .map(|c| c.id.clone());
                    match unstamped
                        .filter(|_| resuming || l.logged_sms(id).ok().flatten().is_some())
                    {
                        Some(c) => ConversationId(c),
                        None => {
                            l.set_logged_sms(id, LogState::Pending, None, Some(&contact.id), run)?;
                            let open = if args.conversation == ConversationMode::LastOpen {
                                own.iter()
                                    .filter(|c| c.open)
                                    .max_by_key(|c| c.created_at)
                                    .map(|c| ConversationId(c.id.clone()))
                            } else {
                                None
                            };
                            match open {
                                Some(c) => c,
                                None => {
                                    ic.create_conversation(
                                        &ContactId(contact.id.clone()),
                                        &contact.role,
                                        &rec.title,
                                        Some(*at),
                                    )
                                    .await?
                                    .conversation_id
                                }
                            }
                        }
                    }
                }
            };
            if args.conversation == ConversationMode::New {
                ic.set_attributes(&conv, serde_json::json!({MESSAGE_ATTRIBUTE: id}))
                    .await?;
            }
            l.set_logged_sms(id, LogState::Created, Some(&conv.0), Some(&contact.id), run)?;
            let existing = if resuming || args.conversation == ConversationMode::LastOpen {
                Some(ic.get_conversation(&conv).await?)
            } else {
                None
            };
            let has_note = existing.as_ref().is_some_and(|c| {
                c.conversation_parts.as_ref().is_some_and(|p| {
                    p.conversation_parts
                        .iter()
                        .any(|x| x.body.as_deref().is_some_and(|b| b.contains(&marker(id))))
                })
            });
            if !has_note {
                ic.add_note(&conv, &setup, &note(m, id, &raw, args.locale), Some(*at))
                    .await?;
            }
            if let Some((admin_id, _)) = &target {
                let already = existing
                    .as_ref()
                    .and_then(|c| c.admin_assignee_id)
                    .map(|a| a.to_string())
                    == Some(admin_id.clone());
                if !already {
                    ic.assign(&conv, &setup, Some(&AdminId(admin_id.clone())), None)
                        .await?;
                }
            }
            l.set_logged_sms(id, LogState::Done, Some(&conv.0), Some(&contact.id), run)?;
            rec.conversation_id = Some(conv.0);
            rec.outcome = "logged";
            Ok(())
        }
        .await;
        if let Err(e) = result {
            // A write whose answer was lost is unknown, not failed: the next run reconciles it.
            let unknown = e
                .downcast_ref::<crate::http::HttpError>()
                .is_some_and(|h| h.outcome_unknown());
            if !unknown {
                failed += 1;
            }
            rec.outcome = if unknown { "unknown" } else { "failed" };
            rec.reason = Some(format!("{e:#}"));
            p.warn(format!("message {id}: {e:#}"));
        }
        records.push(rec);
    }
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            vec![
                r.message_id.clone(),
                r.direction.clone(),
                r.external_number.clone(),
                r.outcome.into(),
                r.contact_id.clone().unwrap_or_default(),
                r.title.clone(),
                r.assignee.clone().unwrap_or_default(),
                r.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    p.table(
        &[
            "message",
            "direction",
            "number",
            "outcome",
            "contact",
            "title",
            "assignee",
            "reason",
        ],
        &rows,
        &records,
    )?;
    let count = |o: &str| records.iter().filter(|r| r.outcome == o).count();
    p.info(format!(
        "{} messages: {} {}, {} already logged ({} natively), {} blocked by duplicates, {} without a contact, {malformed} malformed lines skipped, {} too recent (left for a later run), {} unknown (run again to reconcile), {failed} failed",
        records.len(),
        count("logged") + count("would_log"),
        if args.dry_run { "to log" } else { "logged" },
        count("already_logged") + count("native"),
        count("native"),
        count("blocked_by_duplicates"),
        count("no_contact"),
        count("in_progress"),
        count("unknown"),
    ));
    let unknown = count("unknown");
    if let Some(g) = &guard {
        let outcome = if failed > 0 {
            RunOutcome::Failed
        } else if unknown > 0 {
            RunOutcome::Unknown
        } else {
            RunOutcome::Ok
        };
        g.finish(outcome, &serde_json::json!({"logged": count("logged"), "unknown": unknown, "failed": failed, "malformed": malformed}))?;
    }
    // Unknown outcomes are not done: exit 1 so a scheduler runs the job again.
    Ok(if failed > 0 || unknown > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
