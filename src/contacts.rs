//! Reading contacts: the partitioned Intercom scan into slim rows with their numbers read as
//! they arrive, the region hints from flags and config, the audit finding for one stored
//! phone, and the E.164 of an Aircall caller. Shared by the audits, the fixes, sync and the
//! backfills (an engine, not a command).

use futures::StreamExt;
use serde::Serialize;

use crate::cli::PhoneArgs;
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom;
use crate::lookup::contact_region;
use crate::phone::{normalize, strip_display, Hints, Outcome, Region};

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

/// A call's external number in E.164 (`raw_digits` is in international display format).
pub fn call_e164(raw_digits: &str, country: Option<&str>) -> Option<String> {
    let digits = strip_display(raw_digits)?;
    let hints = Hints::with_default(country.and_then(Region::parse));
    normalize(&digits, &hints).e164().map(str::to_string)
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub contact_id: String,
    pub role: String,
    pub name: Option<String>,
    pub stored: String,
    pub proposed: Option<String>,
    pub status: &'static str,
    pub reading: Option<&'static str>,
    /// Which region hint decided the reading: explicit, record (location) or default.
    pub hint: Option<&'static str>,
    pub reason: Option<String>,
    pub candidates: Vec<String>,
}

/// The finding for one contact, or `None` when its phone is absent or already exact.
pub fn finding(r: &Row) -> Option<Finding> {
    let stored = r.phone.clone()?;
    let base = |status, proposed, reading, hint, reason, candidates| Finding {
        contact_id: r.id.clone(),
        role: r.role.clone(),
        name: r.name.clone(),
        stored: stored.clone(),
        proposed,
        status,
        reading,
        hint,
        reason,
        candidates,
    };
    match &r.outcome {
        None => Some(base(
            "empty",
            None,
            None,
            None,
            Some("the phone is blank".into()),
            vec![],
        )),
        Some(Outcome::Valid(v)) if v.e164 == stored => None,
        // E.164 cannot carry an extension: rewriting would drop it (issue 13).
        Some(Outcome::Valid(v)) if v.extension.is_some() => Some(base(
            "has_extension",
            None,
            Some(v.reading.as_str()),
            None,
            Some(format!(
                "extension {}: E.164 cannot carry it, so the phone is left as it is",
                v.extension.as_deref().unwrap_or_default()
            )),
            vec![v.e164.clone()],
        )),
        Some(Outcome::Valid(v)) => Some(base(
            "fixable",
            Some(v.e164.clone()),
            Some(v.reading.as_str()),
            v.hint.map(|h| match h {
                crate::phone::HintSource::Explicit => "explicit",
                crate::phone::HintSource::Record => "record",
                crate::phone::HintSource::Default => "default",
            }),
            v.extension
                .as_ref()
                .map(|e| format!("extension {e} dropped")),
            vec![],
        )),
        Some(Outcome::Ambiguous { candidates }) => Some(base(
            "ambiguous",
            None,
            None,
            None,
            Some("readings in different countries".into()),
            candidates.iter().map(|c| c.e164.clone()).collect(),
        )),
        Some(Outcome::Invalid { reason }) => Some(base(
            "invalid",
            None,
            None,
            None,
            Some(reason.clone()),
            vec![],
        )),
    }
}
