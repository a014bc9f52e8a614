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
use crate::phone::{
    normalize, strip_display, Candidate, HintSource, Hints, Outcome, Reading, Region,
};

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

/// What a stored phone is, next to its E.164 form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneStatus {
    /// One certain reading: `fix numbers` writes it.
    Fixable,
    /// Several readings (countries, or the location and default country disagree): never
    /// written without a per-row choice.
    Ambiguous,
    /// Valid, but with an extension E.164 cannot hold: never rewritten.
    HasExtension,
    Invalid,
    Empty,
}

impl PhoneStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PhoneStatus::Fixable => "fixable",
            PhoneStatus::Ambiguous => "ambiguous",
            PhoneStatus::HasExtension => "has_extension",
            PhoneStatus::Invalid => "invalid",
            PhoneStatus::Empty => "empty",
        }
    }
}

impl std::fmt::Display for PhoneStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub contact_id: String,
    pub role: String,
    pub name: Option<String>,
    pub stored: String,
    /// The one certain E.164 reading (`fixable` only).
    pub e164: Option<String>,
    pub status: PhoneStatus,
    pub reading: Option<Reading>,
    /// Which region hint decided the reading: explicit, record (location) or default.
    pub hint: Option<HintSource>,
    pub reason: Option<String>,
    /// The readings of an ambiguous phone, or the one an extension rides on: the same
    /// objects as `check-number`'s.
    pub candidates: Vec<Candidate>,
}

/// The finding for one contact, or `None` when its phone is absent or already exact.
pub fn finding(r: &Row) -> Option<Finding> {
    let stored = r.phone.clone()?;
    let base = |status, e164, reason| Finding {
        contact_id: r.id.clone(),
        role: r.role.clone(),
        name: r.name.clone(),
        stored: stored.clone(),
        e164,
        status,
        reading: None,
        hint: None,
        reason,
        candidates: vec![],
    };
    match &r.outcome {
        None => Some(base(
            PhoneStatus::Empty,
            None,
            Some("the phone is blank".into()),
        )),
        Some(Outcome::Valid(v)) if v.e164 == stored => None,
        // E.164 cannot carry an extension: rewriting would drop it (issue 13).
        Some(Outcome::Valid(v)) if v.extension.is_some() => Some(Finding {
            reading: Some(v.reading),
            candidates: vec![Candidate {
                e164: v.e164.clone(),
                region: v.region,
                reading: v.reading,
                hint: v.hint,
                extension: v.extension.clone(),
            }],
            ..base(
                PhoneStatus::HasExtension,
                None,
                Some(format!(
                    "extension {}: E.164 cannot carry it, so the phone is left as it is",
                    v.extension.as_deref().unwrap_or_default()
                )),
            )
        }),
        Some(Outcome::Valid(v)) => Some(Finding {
            reading: Some(v.reading),
            hint: v.hint,
            ..base(PhoneStatus::Fixable, Some(v.e164.clone()), None)
        }),
        Some(Outcome::Ambiguous { candidates }) => {
            let regions: std::collections::HashSet<_> =
                candidates.iter().map(|c| c.region).collect();
            Some(Finding {
                candidates: candidates.clone(),
                ..base(
                    PhoneStatus::Ambiguous,
                    None,
                    Some(if regions.len() > 1 {
                        "readings in different countries".into()
                    } else {
                        "several readings of these digits".into()
                    }),
                )
            })
        }
        Some(Outcome::Invalid { reason }) => {
            Some(base(PhoneStatus::Invalid, None, Some(reason.clone())))
        }
    }
}
