//! `aircom audit …`: the shared contact scan (partitioned, slim rows, numbers normalized as
//! they arrive) that the audits and fixes plan from.

pub mod duplicates;
pub mod numbers;

use futures::StreamExt;
use serde::Serialize;

use crate::cli::{AuditCommand, PhoneArgs};
use crate::commands::ExitStatus;
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom;
use crate::lookup::contact_region;
use crate::phone::{normalize, Hints, Outcome, Region};

pub async fn run(cmd: AuditCommand, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    match cmd {
        AuditCommand::Duplicates(args) => duplicates::run(args, ctx).await,
        AuditCommand::Numbers(args) => numbers::run(args, ctx).await,
    }
}

/// One Intercom user or lead, as much as the audits need (a few hundred bytes, so 200,000
/// contacts stay well within memory).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub role: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: Option<i64>,
    pub updated_at: Option<i64>,
    pub last_seen_at: Option<i64>,
    #[serde(skip)]
    pub outcome: Option<Outcome>,
}

impl Row {
    pub fn e164(&self) -> Option<&str> {
        self.outcome.as_ref().and_then(Outcome::e164)
    }
}

/// The region hints from `--country` and the config's default country.
pub fn hints(ctx: &Ctx, args: &PhoneArgs) -> anyhow::Result<Hints> {
    let explicit = match &args.country {
        Some(c) => Some(Region::from_code_or_name(c).ok_or_else(|| {
            Failure::usage_hint(
                format!("`{c}` is not a country code"),
                "use an ISO code such as FR, US or GB",
            )
        })?),
        None => None,
    };
    Ok(Hints {
        explicit,
        record: None,
        default: ctx
            .settings
            .default_country()
            .and_then(|c| Region::from_code_or_name(&c)),
        allow_vanity: false,
    })
}

/// Reads one contact's phone with its location country as the per-record hint.
pub fn read_phone(c: &intercom::Contact, hints: &Hints) -> Option<Outcome> {
    let phone = c.phone.as_deref()?;
    if phone.trim().is_empty() {
        return None;
    }
    Some(normalize(
        phone,
        &Hints {
            record: contact_region(c),
            ..*hints
        },
    ))
}

/// Scans every user and lead (partitioned), with a progress spinner.
pub async fn scan(ctx: &Ctx, args: &PhoneArgs, hints: &Hints) -> anyhow::Result<Vec<Row>> {
    let client = ctx.intercom()?;
    let bar = ctx.printer.progress(None, "scanning Intercom contacts");
    let mut rows = Vec::new();
    let mut stream = client.scan_contacts(intercom::users_and_leads(), args.partitions as usize);
    while let Some(c) = stream.next().await {
        let c = c?;
        let outcome = read_phone(&c, hints);
        rows.push(Row {
            id: c.id.0,
            role: c.role,
            name: c.name,
            email: c.email.filter(|e| !e.is_empty()),
            phone: c.phone,
            created_at: c.created_at,
            updated_at: c.updated_at,
            last_seen_at: c.last_seen_at,
            outcome,
        });
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(rows)
}
