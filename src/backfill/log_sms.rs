//! The engine of `backfill sms`: archived SMS webhook payloads read into [`Item`]s, each
//! message recognised against what Intercom holds (`backfill::recognize`, the function calls
//! use), decided by the pure [`plan_sms`] into the same [`Decision`] as a call, and a gap
//! applied as the native integration would write it (behaviour reference §6–§7): a
//! conversation titled `Inbound SMS on <number>` or `Outbound SMS on <number>`, an internal
//! note with the number, sender, recipient, text and (outbound) delivery status, and the SMS
//! assignment rules. The command (`commands::backfill::sms`) reads the file, asks and prints.
//!
//! Exactly once, with the same ledger as calls: a `pending` row before the first write, the
//! conversation id recorded from the create's answer (`created`), the `aircall_message_id`
//! stamp, and the note found again by its whole marker line. A message whose create had no
//! answer is looked for in the list endpoint (which does not lag like search) before anything
//! is created for it again.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

use futures::TryStreamExt;
use serde::{Deserialize, Serialize};

use crate::aircall::{AircallClient, NumberId};
use crate::backfill::evidence::Touched;
use crate::backfill::index::{list_by_contact, ByContact, ContactRef, ConvLite, MESSAGE_ATTRIBUTE};
use crate::backfill::plan::{Assignee, ContactChoice, Decision, LogPlan, Resume, Teammates};
use crate::backfill::recognize::{self, Evidence, Sms};
use crate::backfill::CallOutcome;
use crate::cli::{ConversationMode, CreateContacts};
use crate::integration::Locale;
use crate::intercom::{self, AdminId, ContactId, ContactWrite, ConversationId, IntercomClient};
use crate::ledger::{Ledger, LogState, PendingContact};
use crate::phone::{normalize, Hints, Region};

#[derive(Debug, Clone, Deserialize)]
struct Envelope {
    event: String,
    data: Message,
}

/// A message as Aircall's `message.*` webhooks send it (aircall-api.md, messages).
#[derive(Debug, Clone, Deserialize)]
pub struct Message {
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

/// One message of the archive: its last payload (deliveries repeat, a status update follows).
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    /// When it was sent or received (UNIX s).
    pub at: i64,
    msg: Message,
}

impl Item {
    pub fn inbound(&self) -> bool {
        self.msg.direction == "inbound"
    }

    pub fn direction(&self) -> &str {
        &self.msg.direction
    }

    /// The Aircall number's name.
    pub fn number_name(&self) -> String {
        self.msg
            .number
            .as_ref()
            .and_then(|n| n.name.clone())
            .unwrap_or_default()
    }

    fn number_id(&self) -> Option<i64> {
        self.msg.number.as_ref().map(|n| n.id)
    }

    /// The external party's number as the message gives it.
    pub fn raw(&self) -> String {
        self.msg
            .external_number
            .clone()
            .or(self.msg.raw_digits.clone())
            .unwrap_or_default()
    }

    /// The external party's E.164. Inbound `raw_digits` may lack the `+`: read it with the
    /// line's country.
    pub fn e164(&self) -> Option<String> {
        let raw = self.raw();
        let country = self
            .msg
            .number
            .as_ref()
            .and_then(|n| n.country.as_deref())
            .and_then(Region::parse);
        let with_plus = if raw.starts_with('+') || raw.starts_with('0') {
            raw
        } else {
            format!("+{raw}")
        };
        normalize(&with_plus, &Hints::with_default(country))
            .e164()
            .map(str::to_string)
    }

    /// The title a log of it carries (§6).
    pub fn title(&self, locale: Locale) -> String {
        recognize::sms_title(self.inbound(), &self.number_name(), locale)
    }

    fn recognizable(&self) -> Sms {
        Sms {
            id: self.id.clone(),
            at: self.at,
            inbound: self.inbound(),
            number_name: self.number_name(),
        }
    }
}

/// A line of the archive that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based line number.
    pub line: usize,
    pub reason: String,
}

/// What an archive held.
#[derive(Debug, Default)]
pub struct Archive {
    /// One per message id, in time order (then id).
    pub items: Vec<Item>,
    pub skipped: Vec<Skipped>,
    /// Non-blank lines read.
    pub lines: usize,
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

/// Reads an archive of webhook payloads, one JSON object per line. A line that is not a
/// `message.*` payload, or whose message has no readable time, is skipped with its line
/// number and the reason; blank lines are ignored. The last payload of a message wins.
pub fn read_archive(reader: impl BufRead) -> std::io::Result<Archive> {
    let mut latest: BTreeMap<String, (i64, Message)> = BTreeMap::new();
    let mut out = Archive::default();
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        out.lines += 1;
        let skip = |reason: String| Skipped {
            line: i + 1,
            reason,
        };
        let env = match serde_json::from_str::<Envelope>(&line) {
            Ok(e) if e.event.starts_with("message.") => e,
            Ok(e) => {
                out.skipped
                    .push(skip(format!("event `{}` is not a message event", e.event)));
                continue;
            }
            Err(e) => {
                out.skipped
                    .push(skip(format!("not a message payload ({e})")));
                continue;
            }
        };
        let id = match &env.data.id {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            other => {
                out.skipped.push(skip(format!(
                    "the message id `{other}` is not a string or number"
                )));
                continue;
            }
        };
        let Some(at) = env.data.created_at.as_ref().and_then(seconds) else {
            out.skipped.push(skip(format!(
                "message {id} has no readable `created_at` (UNIX seconds, milliseconds or ISO 8601)"
            )));
            continue;
        };
        if env.data.direction != "inbound" && env.data.direction != "outbound" {
            out.skipped.push(skip(format!(
                "message {id}: direction `{}` is neither `inbound` nor `outbound`",
                env.data.direction
            )));
            continue;
        }
        latest.insert(id, (at, env.data));
    }
    out.items = latest
        .into_iter()
        .map(|(id, (at, msg))| Item { id, at, msg })
        .collect();
    out.items.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    Ok(out)
}

/// What became of one message (`--json` emits one per message).
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub message_id: String,
    /// When it was sent or received.
    #[serde(serialize_with = "crate::report::iso_ser")]
    pub created_at: i64,
    pub direction: String,
    pub external_number: String,
    /// The external number in E.164, when it reads.
    pub e164: Option<String>,
    pub outcome: CallOutcome,
    pub contact_id: Option<String>,
    pub conversation_id: Option<String>,
    pub title: String,
    pub assignee: Option<String>,
    pub reason: Option<String>,
}

/// What the run knows of one message, gathered before deciding.
pub struct SmsFacts<'a> {
    pub item: &'a Item,
    pub now: i64,
    pub locale: Locale,
    /// The ledger's row for the message: its state and conversation.
    pub previous: Option<&'a (LogState, Option<String>)>,
    /// The contacts with the external party's number.
    pub contacts: &'a [ContactRef],
    /// `None`: `--create-contacts none`; else the role of a created contact.
    pub create: Option<&'static str>,
    /// The native log claimed for this message.
    pub native: Option<&'a Evidence>,
    /// A conversation stamped with this message's id (aircom's own).
    pub stamped: Option<&'a str>,
    /// Inbound: the emails of the Aircall number's users.
    pub number_users: Option<&'a [String]>,
    pub teammates: &'a Teammates<'a>,
}

/// Decides one message. Pure: the same facts give the same decision.
pub fn plan_sms(f: &SmsFacts<'_>) -> Decision {
    let item = f.item;
    // The native integration may still log a message this recent (§10): left for later.
    if f.now - item.at < recognize::SETTLE {
        return Decision::InProgress {
            reason: format!(
                "less than {} minutes old: the native integration may still log it",
                recognize::SETTLE / 60
            ),
        };
    }
    let resume = match f.previous {
        Some((state @ (LogState::Done | LogState::Native), conversation)) => {
            return Decision::Settled {
                outcome: if *state == LogState::Native {
                    CallOutcome::Native
                } else {
                    CallOutcome::AlreadyLogged
                },
                contact: None,
                conversation: conversation.clone(),
            }
        }
        Some((_, conversation)) => Some(Resume::Ledger {
            conversation: conversation.clone(),
        }),
        None => None,
    };
    let Some(e164) = item.e164() else {
        return Decision::NoContact {
            reason: format!("`{}` is not a valid number", item.raw()),
        };
    };
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
                number: e164,
                contacts: several.len(),
            }
        }
    };
    let resume = match (f.stamped, resume) {
        (Some(c), _) => Resume::Stamped {
            conversation: c.to_string(),
        },
        (None, Some(r)) => r,
        (None, None) => {
            if let (Some(ev), ContactChoice::Existing { id, .. }) = (f.native, &contact) {
                return Decision::Native {
                    contact: id.clone(),
                    evidence: ev.clone(),
                };
            }
            Resume::Fresh
        }
    };
    Decision::Log(LogPlan {
        contact,
        title: item.title(f.locale),
        assignee: sms_assignee(f),
        tags: Vec::new(),
        resume,
    })
}

/// §7 for SMS: inbound, a number with a single user goes to that user's teammate (else the
/// set-up admin); several users leave it unassigned with new-conversation logging and keep the
/// current assignee with last-open logging (both: no assignment written). A number with no
/// user is not covered by §7: nothing is written. Outbound: the sender's teammate, else the
/// set-up admin.
pub fn sms_assignee(f: &SmsFacts<'_>) -> Option<Assignee> {
    let t = f.teammates;
    let teammate = |email: &str| {
        let (admin_id, name) = t
            .by_email
            .get(&email.to_lowercase())
            .cloned()
            .unwrap_or_else(|| t.fallback.clone());
        Assignee {
            admin_id,
            name,
            note: None,
        }
    };
    if f.item.inbound() {
        match f.number_users.unwrap_or(&[]) {
            [one] => Some(teammate(one)),
            _ => None,
        }
    } else {
        let email = f.item.msg.user.as_ref().and_then(|u| u.email.as_deref());
        Some(match email {
            Some(e) => teammate(e),
            None => Assignee {
                admin_id: t.fallback.0.clone(),
                name: t.fallback.1.clone(),
                note: None,
            },
        })
    }
}

/// The marker line every aircom SMS note ends with.
pub fn marker(id: &str) -> String {
    format!("Aircall SMS {id}")
}

/// Whether a part (Intercom HTML) carries exactly this message's marker line: `SMS 12` is
/// inside `SMS 123`, so a substring would not do.
pub fn carries_marker(body_html: &str, id: &str) -> bool {
    let m = marker(id);
    crate::html::to_text(body_html)
        .lines()
        .any(|l| l.trim() == m)
}

/// The title message aircom writes into an open conversation (`--conversation last-open`):
/// the title, then a marker line of its own, so it is never taken for the details note.
pub fn title_note(title: &str, id: &str) -> String {
    format!("<p>{}</p><p>{} (title)</p>", esc(title), marker(id))
}

fn carries_title_marker(body_html: &str, id: &str) -> bool {
    let m = format!("{} (title)", marker(id));
    crate::html::to_text(body_html)
        .lines()
        .any(|l| l.trim() == m)
}

fn esc(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// The internal note (§6): number, sender, recipient, text and, outbound, delivery status.
pub fn note(item: &Item, locale: Locale) -> String {
    let m = &item.msg;
    let inbound = item.inbound();
    let es = locale == Locale::Es;
    let external = item.raw();
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
        (external, number.clone())
    } else {
        (agent, external)
    };
    let label = |en: &'static str, sp: &'static str| if es { sp } else { en };
    let mut lines = vec![
        format!(
            "{}: {}",
            label("Aircall number", "Número de Aircall"),
            esc(&number)
        ),
        format!("{}: {}", label("From", "De"), esc(&from)),
        format!("{}: {}", label("To", "Para"), esc(&to)),
        format!(
            "{}: {}",
            label("Message", "Mensaje"),
            esc(m.body.as_deref().unwrap_or(""))
        ),
    ];
    if !inbound {
        let status = match m.status.as_deref() {
            Some("delivered") => label("Delivered", "Entregado").to_string(),
            Some("failed") | Some("undelivered") | Some("error") => {
                label("Delivery failed", "Entrega fallida").to_string()
            }
            Some(other) => esc(other),
            None => label("unknown", "desconocido").to_string(),
        };
        lines.push(format!(
            "{}: {status}",
            label("Delivery status", "Estado de entrega")
        ));
    }
    lines.push(marker(&item.id));
    lines.iter().map(|l| format!("<p>{l}</p>")).collect()
}

/// Which messages the native integration logged, by evidence (`backfill::evidence`, the same
/// function as calls): per contact, every title message of its conversations (sources, then
/// parts when a message is unaccounted for) claimed one to one by the nearest message.
pub async fn recognize(
    ic: &IntercomClient,
    items: &[Item],
    by_number: &HashMap<String, Vec<ContactRef>>,
    convs: &ByContact,
    ledger: Option<&Ledger>,
    now: i64,
) -> anyhow::Result<HashMap<String, Evidence>> {
    let mut of_contact: HashMap<String, Vec<Sms>> = HashMap::new();
    for item in items {
        let Some(e164) = item.e164() else {
            continue;
        };
        let [one] = by_number.get(&e164).map(Vec::as_slice).unwrap_or(&[]) else {
            continue;
        };
        of_contact
            .entry(one.id.clone())
            .or_default()
            .push(item.recognizable());
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
            |s| now - s.at >= recognize::SETTLE,
            |s| stamped(s) || in_ledger(s),
        )
        .await?;
        out.extend(found);
    }
    Ok(out)
}

/// The emails of each inbound message's Aircall number's users (§7), read before anything is
/// written.
pub async fn number_users(
    ac: &AircallClient,
    items: &[Item],
) -> anyhow::Result<HashMap<i64, Vec<String>>> {
    let mut out = HashMap::new();
    for id in items
        .iter()
        .filter(|i| i.inbound())
        .filter_map(Item::number_id)
    {
        if out.contains_key(&id) {
            continue;
        }
        let users = ac
            .get_number(&NumberId(id))
            .await?
            .users
            .unwrap_or_default();
        out.insert(id, users.into_iter().filter_map(|u| u.email).collect());
    }
    Ok(out)
}

/// Everything a run knows before it decides.
pub struct State<'a> {
    pub ic: &'a IntercomClient,
    pub ledger: Option<&'a Ledger>,
    pub run_id: Option<i64>,
    /// The set-up admin notes are written as.
    pub setup: AdminId,
    pub teammates: Teammates<'a>,
    pub by_number: HashMap<String, Vec<ContactRef>>,
    pub convs: ByContact,
    pub claims: HashMap<String, Evidence>,
    pub number_users: HashMap<i64, Vec<String>>,
    pub locale: Locale,
    pub create: CreateContacts,
    pub mode: ConversationMode,
    pub now: i64,
    /// How long after a contact create search is trusted to show it.
    pub settle: i64,
    /// Every conversation from the list endpoint, read once when a create had no answer.
    pub listed: Option<ByContact>,
}

impl State<'_> {
    /// Gathers what the run knows of one message and decides it.
    pub fn decide(&self, item: &Item) -> anyhow::Result<Decision> {
        let previous = match self.ledger {
            Some(l) => l.logged_sms(&item.id)?,
            None => None,
        };
        let contacts = item
            .e164()
            .and_then(|e| self.by_number.get(&e).cloned())
            .unwrap_or_default();
        let stamped = match contacts.as_slice() {
            [one] => self.convs.get(&one.id).and_then(|cs| {
                cs.iter()
                    .find(|c| c.message_id.as_deref() == Some(item.id.as_str()))
                    .map(|c| c.id.clone())
            }),
            _ => None,
        };
        let users = item
            .number_id()
            .and_then(|n| self.number_users.get(&n))
            .map(Vec::as_slice);
        Ok(plan_sms(&SmsFacts {
            item,
            now: self.now,
            locale: self.locale,
            previous: previous.as_ref(),
            contacts: &contacts,
            create: match self.create {
                CreateContacts::None => None,
                CreateContacts::User => Some("user"),
                CreateContacts::Lead => Some("lead"),
            },
            native: self.claims.get(&item.id),
            stamped: stamped.as_deref(),
            number_users: users,
            teammates: &self.teammates,
        }))
    }

    /// The record a decision gives without writing (a dry run, or a decision with no write).
    pub fn record(&self, item: &Item, d: &Decision) -> Record {
        let mut r = Record {
            message_id: item.id.clone(),
            created_at: item.at,
            direction: item.direction().to_string(),
            external_number: item.raw(),
            e164: item.e164(),
            outcome: d.planned_outcome(),
            contact_id: None,
            conversation_id: None,
            title: item.title(self.locale),
            assignee: None,
            reason: d.reason(),
        };
        match d {
            Decision::Settled { conversation, .. } => r.conversation_id = conversation.clone(),
            Decision::Native { contact, evidence } => {
                r.contact_id = Some(contact.clone());
                r.conversation_id = Some(evidence.conversation_id.clone());
            }
            Decision::Log(p) => {
                if let ContactChoice::Existing { id, .. } = &p.contact {
                    r.contact_id = Some(id.clone());
                }
                r.assignee = p.assignee.as_ref().map(|a| {
                    if a.name.is_empty() {
                        a.admin_id.clone()
                    } else {
                        a.name.clone()
                    }
                });
                if let Resume::Stamped { conversation }
                | Resume::Ledger {
                    conversation: Some(conversation),
                } = &p.resume
                {
                    r.conversation_id = Some(conversation.clone());
                }
            }
            _ => {}
        }
        r
    }

    /// Carries one decision out. Only [`Decision::Log`] writes; a native find is recorded in
    /// the ledger so later runs need no evidence for it.
    pub async fn apply(&mut self, item: &Item, decision: Decision) -> anyhow::Result<Record> {
        let mut rec = self.record(item, &decision);
        let l = self
            .ledger
            .ok_or_else(|| anyhow::anyhow!("a writing run has a ledger"))?;
        let plan = match decision {
            Decision::Native { contact, evidence } => {
                l.set_logged_sms(
                    &item.id,
                    LogState::Native,
                    Some(&evidence.conversation_id),
                    Some(&contact),
                    self.run_id,
                )?;
                return Ok(rec);
            }
            Decision::Log(plan) => plan,
            _ => return Ok(rec),
        };
        let contact = match plan.contact {
            ContactChoice::Existing { id, role } => ContactRef { id, role },
            ContactChoice::Create { role } => match self.create_contact(item, role).await? {
                Some(c) => c,
                None => {
                    rec.outcome = CallOutcome::Unknown;
                    rec.reason = Some(format!(
                        "a contact create for {} had no answer and may not be searchable yet: run again after {}",
                        item.e164().unwrap_or_default(),
                        crate::output::iso(self.now + self.settle)
                    ));
                    return Ok(rec);
                }
            },
        };
        rec.contact_id = Some(contact.id.clone());
        let already_stamped = matches!(plan.resume, Resume::Stamped { .. });
        let conv = match plan.resume {
            Resume::Stamped { conversation }
            | Resume::Ledger {
                conversation: Some(conversation),
            } => ConversationId(conversation),
            Resume::Ledger { conversation: None } => match self.unstamped(item, &contact).await? {
                Some(c) => c,
                None => self.open_or_create(item, &contact, &plan.title).await?,
            },
            Resume::Fresh => self.open_or_create(item, &contact, &plan.title).await?,
        };
        let resuming = rec.conversation_id.is_some();
        // The conversation's id is in the ledger before anything else is written to it.
        l.set_logged_sms(
            &item.id,
            LogState::Created,
            Some(&conv.0),
            Some(&contact.id),
            self.run_id,
        )?;
        if self.mode == ConversationMode::New && !already_stamped {
            self.ic
                .set_attributes(&conv, serde_json::json!({ MESSAGE_ATTRIBUTE: item.id }))
                .await?;
        }
        let existing = if resuming || self.mode == ConversationMode::LastOpen {
            Some(self.ic.get_conversation(&conv).await?)
        } else {
            None
        };
        let has_note = existing.as_ref().is_some_and(|c| {
            crate::backfill::index::any_part(c, |x| {
                x.body
                    .as_deref()
                    .is_some_and(|b| carries_marker(b, &item.id))
            })
        });
        // §6: the title message comes first in an open conversation too, as an internal
        // note (a visible reply would message the customer about an old SMS), written once.
        let title = item.title(self.locale);
        let appended = self.mode == ConversationMode::LastOpen
            && existing
                .as_ref()
                .is_some_and(|c| crate::backfill::index::appended(c, item.at, &title));
        if appended && !has_note {
            let has_title = existing.as_ref().is_some_and(|c| {
                crate::backfill::index::any_part(c, |x| {
                    x.body
                        .as_deref()
                        .is_some_and(|b| carries_title_marker(b, &item.id))
                })
            });
            if !has_title {
                self.ic
                    .add_note(
                        &conv,
                        &self.setup,
                        &title_note(&title, &item.id),
                        Some(item.at),
                    )
                    .await?;
            }
        }
        if !has_note {
            self.ic
                .add_note(&conv, &self.setup, &note(item, self.locale), Some(item.at))
                .await?;
        }
        if let Some(a) = &plan.assignee {
            let already = existing
                .as_ref()
                .and_then(|c| c.admin_assignee_id)
                .map(|x| x.to_string())
                == Some(a.admin_id.clone());
            if !already {
                self.ic
                    .assign(&conv, &self.setup, Some(&AdminId(a.admin_id.clone())), None)
                    .await?;
            }
        }
        l.set_logged_sms(
            &item.id,
            LogState::Done,
            Some(&conv.0),
            Some(&contact.id),
            self.run_id,
        )?;
        rec.conversation_id = Some(conv.0);
        rec.outcome = CallOutcome::Logged;
        rec.reason = None;
        Ok(rec)
    }

    /// A contact for a number none has: exactly once across kills and search lag, as in
    /// `backfill calls`. A contact made earlier is used by its id; one whose answer was lost
    /// is waited for until search can show it (`Ok(None)`). The contact index was read at the
    /// run's start: a create is trusted to show in it only if sent a settle delay before.
    async fn create_contact(
        &mut self,
        item: &Item,
        role: &'static str,
    ) -> anyhow::Result<Option<ContactRef>> {
        let l = self
            .ledger
            .ok_or_else(|| anyhow::anyhow!("a writing run has a ledger"))?;
        let e164 = item
            .e164()
            .ok_or_else(|| anyhow::anyhow!("a contact is created only for a valid number"))?;
        let trusted = |at: i64| self.now - at >= self.settle;
        let made = match l.pending_contact(&e164)? {
            Some(PendingContact {
                contact: Some((id, role)),
                at,
            }) if !trusted(at) => ContactRef { id, role },
            Some(p) if !trusted(p.at) => return Ok(None),
            _ => {
                l.pending_contact_create(&e164, jiff::Timestamp::now().as_second())?;
                let c = self
                    .ic
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
                ContactRef {
                    id: c.id.0,
                    role: c.role,
                }
            }
        };
        // Later messages of the number go to it (one contact per number per run).
        self.by_number.insert(e164, vec![made.clone()]);
        Ok(Some(made))
    }

    /// The conversation an earlier attempt created for this message whose answer was lost
    /// (dated at the message, with its title, not stamped): found in the list endpoint, which
    /// does not lag like search, read once per run.
    async fn unstamped(
        &mut self,
        item: &Item,
        contact: &ContactRef,
    ) -> anyhow::Result<Option<ConversationId>> {
        if self.listed.is_none() {
            self.listed = Some(list_by_contact(self.ic).await?);
        }
        let title = item.title(self.locale);
        let find = |cs: &[ConvLite]| {
            cs.iter()
                .find(|c| {
                    c.message_id.is_none()
                        && c.call_id.is_none()
                        && c.created_at == item.at
                        && recognize::same_title(&crate::html::to_text(&c.body), &title)
                })
                .map(|c| ConversationId(c.id.clone()))
        };
        let listed = self.listed.as_ref().and_then(|m| m.get(&contact.id));
        Ok(listed
            .and_then(|cs| find(cs))
            .or_else(|| self.convs.get(&contact.id).and_then(|cs| find(cs))))
    }

    /// The contact's last open conversation (last-open mode), or a new one titled for the
    /// message; the ledger row goes pending first.
    async fn open_or_create(
        &mut self,
        item: &Item,
        contact: &ContactRef,
        title: &str,
    ) -> anyhow::Result<ConversationId> {
        // The row goes pending before the create; its id is recorded from the answer.
        let l = self
            .ledger
            .ok_or_else(|| anyhow::anyhow!("a writing run has a ledger"))?;
        l.set_logged_sms(
            &item.id,
            LogState::Pending,
            None,
            Some(&contact.id),
            self.run_id,
        )?;
        if self.mode == ConversationMode::LastOpen {
            let open = self
                .convs
                .get(&contact.id)
                .into_iter()
                .flatten()
                .filter(|c| c.open)
                .max_by_key(|c| c.created_at)
                .map(|c| ConversationId(c.id.clone()));
            if let Some(c) = open {
                return Ok(c);
            }
            // An open conversation not touched in the archive's period.
            let q = intercom::and(vec![
                intercom::filter("contact_ids", "=", contact.id.as_str()),
                intercom::filter("state", "=", "open"),
            ]);
            let found: Vec<intercom::Conversation> =
                self.ic.search_conversations(q).try_collect().await?;
            if let Some(c) = found
                .into_iter()
                .max_by_key(|c| c.updated_at.unwrap_or(c.created_at))
            {
                return Ok(c.id);
            }
        }
        let id = self
            .ic
            .create_conversation(
                &ContactId(contact.id.clone()),
                &contact.role,
                title,
                Some(item.at),
            )
            .await?
            .conversation_id;
        // The contact's later messages see it (its last open conversation, and ours).
        self.convs
            .entry(contact.id.clone())
            .or_default()
            .push(ConvLite {
                id: id.0.clone(),
                created_at: item.at,
                updated_at: item.at,
                body: title.to_string(),
                call_id: None,
                message_id: Some(item.id.clone()),
                open: true,
                tags: vec![],
            });
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive(lines: &[&str]) -> Archive {
        read_archive(std::io::Cursor::new(lines.join("\n"))).unwrap()
    }

    fn payload(id: &str, direction: &str, from: &str, at: i64) -> String {
        serde_json::json!({
            "event": "message.received",
            "data": {"id": id, "direction": direction, "external_number": from,
                     "body": "hi", "created_at": at,
                     "number": {"id": 7, "name": "UK Desk & Billing", "digits": "+44 20 7000 0000", "country": "GB"},
                     "user": {"name": "Ann", "email": "Ann@Example.com"}}
        })
        .to_string()
    }

    fn teammates() -> HashMap<String, (String, String)> {
        HashMap::from([("ann@example.com".into(), ("a1".into(), "Ann".into()))])
    }

    fn facts<'a>(item: &'a Item, contacts: &'a [ContactRef], t: &'a Teammates<'a>) -> SmsFacts<'a> {
        SmsFacts {
            item,
            now: item.at + 3600,
            locale: Locale::En,
            previous: None,
            contacts,
            create: Some("lead"),
            native: None,
            stamped: None,
            number_users: None,
            teammates: t,
        }
    }

    #[test]
    fn archive_names_each_skipped_line_and_keeps_the_last_payload() {
        let a = archive(&[
            &payload("1", "inbound", "+447700100100", 1_700_000_000),
            "not json",
            "",
            r#"{"event":"call.ended","data":{"id":1,"direction":"inbound"}}"#,
            &payload("2", "sideways", "+447700100100", 1_700_000_000),
            &payload("1", "inbound", "+447700100100", 1_700_000_100),
            r#"{"event":"message.sent","data":{"id":"3","direction":"outbound"}}"#,
        ]);
        assert_eq!(a.items.len(), 1);
        assert_eq!(a.items[0].at, 1_700_000_100, "the last payload wins");
        let lines: Vec<usize> = a.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, vec![2, 4, 5, 7]);
        assert!(
            a.skipped[3].reason.contains("created_at"),
            "{:?}",
            a.skipped
        );
        assert_eq!(a.lines, 6);
    }

    #[test]
    fn plan_covers_every_decision() {
        let a = archive(&[&payload("9", "outbound", "+447700100100", 1_700_000_000)]);
        let item = &a.items[0];
        let by_email = teammates();
        let t = Teammates {
            by_email: &by_email,
            fallback: ("setup".into(), "Setup".into()),
        };
        let one = [ContactRef {
            id: "c1".into(),
            role: "user".into(),
        }];
        let two = [one[0].clone(), one[0].clone()];
        // A gap with one contact: logged to the sender's teammate, case-insensitively (§7).
        match plan_sms(&facts(item, &one, &t)) {
            Decision::Log(p) => {
                assert_eq!(p.title, "Outbound SMS on UK Desk & Billing");
                assert_eq!(p.assignee.unwrap().admin_id, "a1");
                assert_eq!(p.resume, Resume::Fresh);
            }
            d => panic!("{d:?}"),
        }
        assert!(matches!(
            plan_sms(&facts(item, &two, &t)),
            Decision::Blocked { contacts: 2, .. }
        ));
        assert!(matches!(
            plan_sms(&facts(item, &[], &t)),
            Decision::Log(LogPlan {
                contact: ContactChoice::Create { role: "lead" },
                ..
            })
        ));
        let f = SmsFacts {
            create: None,
            ..facts(item, &[], &t)
        };
        assert!(matches!(plan_sms(&f), Decision::NoContact { .. }));
        let f = SmsFacts {
            now: item.at + 60,
            ..facts(item, &one, &t)
        };
        assert!(matches!(plan_sms(&f), Decision::InProgress { .. }));
        let ev = Evidence {
            conversation_id: "n1".into(),
            part_id: None,
            at: item.at + 5,
            title: "Outbound SMS on UK Desk & Billing".into(),
        };
        let f = SmsFacts {
            native: Some(&ev),
            ..facts(item, &one, &t)
        };
        assert!(matches!(plan_sms(&f), Decision::Native { .. }));
        // Our own stamp wins over any evidence: it is resumed, not taken for native.
        let f = SmsFacts {
            native: Some(&ev),
            stamped: Some("ours"),
            ..facts(item, &one, &t)
        };
        assert!(matches!(
            plan_sms(&f),
            Decision::Log(LogPlan {
                resume: Resume::Stamped { .. },
                ..
            })
        ));
        let done = (LogState::Done, Some("x".to_string()));
        let f = SmsFacts {
            previous: Some(&done),
            ..facts(item, &one, &t)
        };
        assert!(matches!(plan_sms(&f), Decision::Settled { .. }));
        let pending = (LogState::Pending, None);
        let f = SmsFacts {
            previous: Some(&pending),
            native: Some(&ev),
            ..facts(item, &one, &t)
        };
        assert!(matches!(
            plan_sms(&f),
            Decision::Log(LogPlan {
                resume: Resume::Ledger { conversation: None },
                ..
            })
        ));
    }

    /// Behaviour reference §7, inbound SMS: "on an Aircall number with a single user who has
    /// a matching email, assign to that teammate; no matching email: the set-up admin. On a
    /// number with several users … it stays unassigned … keeps its current assignee".
    #[test]
    fn inbound_sms_assignment_follows_section_7() {
        let a = archive(&[&payload("5", "inbound", "+447700100100", 1_700_000_000)]);
        let item = &a.items[0];
        let by_email = teammates();
        let t = Teammates {
            by_email: &by_email,
            fallback: ("setup".into(), "Setup".into()),
        };
        let one = [ContactRef {
            id: "c1".into(),
            role: "user".into(),
        }];
        let assignee = |users: &[String]| {
            let f = SmsFacts {
                number_users: Some(users),
                ..facts(item, &one, &t)
            };
            sms_assignee(&f).map(|a| a.admin_id)
        };
        assert_eq!(assignee(&["ANN@example.com".into()]), Some("a1".into()));
        assert_eq!(assignee(&["bob@example.com".into()]), Some("setup".into()));
        assert_eq!(
            assignee(&["ann@example.com".into(), "bob@example.com".into()]),
            None
        );
        assert_eq!(assignee(&[]), None);
    }

    #[test]
    fn markers_match_whole_lines_only() {
        let a = archive(&[&payload("123", "inbound", "+447700100100", 1_700_000_000)]);
        let n = note(&a.items[0], Locale::En);
        assert!(carries_marker(&n, "123"));
        assert!(!carries_marker(&n, "12"));
        assert!(n.contains("UK Desk &amp; Billing"), "{n}");
    }
}
