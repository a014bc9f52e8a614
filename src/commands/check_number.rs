//! `aircom check-number`: what a number normalizes to, and what it matches on both sides,
//! with the insight card an agent would see (behaviour reference §2). Interactive on a
//! terminal with no NUMBER; reads one number per line from a pipe.

use std::io::{BufRead, IsTerminal};

use futures::TryStreamExt;
use serde::Serialize;

use crate::cli::CheckNumberArgs;
use crate::commands::ExitStatus;
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom::filter;
use crate::lookup;
use crate::output::OutputFormat;
use crate::phone::{normalize, Candidate, Hints, Outcome, Region};

#[derive(Serialize)]
struct Check {
    input: String,
    status: &'static str,
    e164: Option<String>,
    region: Option<String>,
    kind: Option<&'static str>,
    national: Option<String>,
    international: Option<String>,
    reading: Option<&'static str>,
    hint: Option<String>,
    extension: Option<String>,
    reason: Option<String>,
    candidates: Vec<Candidate>,
    /// Aircall matches contacts on E.164: a valid number written any way will match.
    aircall_will_match: bool,
    /// The native integration logs a call only when exactly one Intercom contact has it.
    intercom_will_log: Option<bool>,
    lookup: Option<Lookup>,
}

#[derive(Serialize, Default)]
struct Lookup {
    intercom: Vec<Card>,
    aircall: Vec<AircallMatch>,
    verdict: String,
}

/// The insight card (behaviour reference §2). `--json` carries raw values (`role` is
/// `user` or `lead`, `status` `open` or `closed`); the table words them as the card does.
#[derive(Serialize)]
struct Card {
    contact_id: String,
    name: Option<String>,
    role: String,
    email: Option<String>,
    phone_as_stored: Option<String>,
    contact_page: Option<String>,
    last_conversation: Option<String>,
    status: Option<String>,
    owner: Option<String>,
    owner_aircall_availability: Option<String>,
}

#[derive(Serialize)]
struct AircallMatch {
    aircall_id: i64,
    name: String,
    company: Option<String>,
}

/// `user` → `User`: the card's wording.
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub async fn run(args: CheckNumberArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let explicit = match &args.country {
        Some(c) => Some(Region::from_code_or_name(c).ok_or_else(|| {
            Failure::usage_hint(
                format!("`{c}` is not a country code"),
                "use an ISO code such as FR, US or GB",
            )
        })?),
        None => None,
    };
    let mut default = ctx
        .settings
        .default_country()
        .and_then(|c| Region::from_code_or_name(&c));
    let interactive = args.numbers.is_empty()
        && std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal();
    let mut numbers = args.numbers.clone();
    if args.numbers.is_empty() && !interactive {
        for line in std::io::stdin().lock().lines() {
            let line = line?;
            if !line.trim().is_empty() {
                numbers.push(line.trim().to_string());
            }
        }
        if numbers.is_empty() {
            return Err(Failure::usage_hint(
                "no number to check",
                "pass numbers as arguments, one per line on stdin, or run on a terminal",
            ));
        }
    }
    if interactive && explicit.is_none() && default.is_none() {
        let cc = ctx.printer.ask(
            "Default country for numbers without a country code (ISO code, e.g. FR)",
            |s| {
                Region::from_code_or_name(s)
                    .map(|_| ())
                    .ok_or_else(|| "not a known country code".to_string())
            },
        )?;
        default = Region::from_code_or_name(&cc);
        // Saved only when asked, and never from a sandbox rehearsal (the real config is not
        // the sandbox's).
        if let (Some(path), Some(r), None) = (&ctx.settings.config_path, default, &ctx.sandbox) {
            let save = ctx.printer.confirm(&format!(
                "Save {r} as the default country in {}?",
                path.display()
            ))?;
            if save {
                crate::config::remember_default_country(
                    path,
                    ctx.global.profile.as_deref(),
                    &r.code(),
                )?;
                ctx.printer.info(format!(
                    "saved {r} as the default country in {}",
                    path.display()
                ));
            }
        }
    }
    let hints = Hints {
        explicit,
        record: None,
        default,
        allow_vanity: args.allow_vanity,
    };
    let online = !args.offline
        && (ctx.sandbox.is_some()
            || (ctx.settings.intercom().is_ok() && ctx.settings.aircall().is_ok()));

    let mut any_bad = false;
    if interactive {
        // A line-mode prompt: Ctrl-D (end of input) or an empty line ends the loop, Ctrl-C
        // exits 130 (the terminal's own line editing, no raw mode).
        loop {
            eprint!("Number (empty or Ctrl-D to quit): ");
            // Read off the runtime's thread, so that Ctrl-C (main's handler) is heard while
            // the prompt waits, whether or not a lookup ran before.
            let line = tokio::task::spawn_blocking(|| {
                let mut input = String::new();
                std::io::stdin().read_line(&mut input).map(|n| (n, input))
            })
            .await?;
            let (read, input) = line?;
            if read == 0 {
                eprintln!();
                break;
            }
            if input.trim().is_empty() {
                break;
            }
            let check = check(ctx, &input, &hints, online).await?;
            any_bad |= check.status != "valid";
            render(ctx, &[check], true)?;
        }
    } else {
        let mut checks = Vec::new();
        for n in &numbers {
            let c = check(ctx, n, &hints, online).await?;
            any_bad |= c.status != "valid";
            checks.push(c);
        }
        render(ctx, &checks, false)?;
    }
    Ok(if any_bad {
        ExitStatus::CheckFailed
    } else {
        ExitStatus::Success
    })
}

async fn check(ctx: &Ctx, input: &str, hints: &Hints, online: bool) -> anyhow::Result<Check> {
    let outcome = normalize(input, hints);
    let mut c = Check {
        input: input.to_string(),
        status: outcome.status(),
        e164: None,
        region: None,
        kind: None,
        national: None,
        international: None,
        reading: None,
        hint: None,
        extension: None,
        reason: None,
        candidates: vec![],
        aircall_will_match: false,
        intercom_will_log: None,
        lookup: None,
    };
    match &outcome {
        Outcome::Valid(v) => {
            c.e164 = Some(v.e164.clone());
            c.region = v.region.map(|r| r.code());
            c.kind = Some(v.kind().as_str());
            c.national = Some(v.national());
            c.international = Some(v.international());
            c.reading = Some(v.reading.as_str());
            c.hint = v.hint.map(|h| h.as_str().to_string());
            c.extension = v.extension.clone();
            c.aircall_will_match = true;
        }
        Outcome::Ambiguous { candidates } => {
            let regions: std::collections::BTreeSet<String> = candidates
                .iter()
                .filter_map(|k| k.region.map(|r| r.code().to_string()))
                .collect();
            // `--country` helps only when the readings are in different countries and none
            // was given; readings in one country differ by how the digits are read.
            c.reason = Some(if regions.len() > 1 && hints.explicit.is_none() {
                format!(
                    "readings in {}: pass `--country` for the one meant",
                    regions.into_iter().collect::<Vec<_>>().join(" and ")
                )
            } else {
                "several readings of these digits: write the number with `+` and its country code"
                    .into()
            });
            c.candidates = candidates.clone();
        }
        Outcome::Invalid { reason } => c.reason = Some(reason.clone()),
    }
    if let (true, Some(e164)) = (online, c.e164.clone()) {
        let lookup = look_up(ctx, &e164, hints).await?;
        c.intercom_will_log = Some(lookup.intercom.len() <= 1);
        c.lookup = Some(lookup);
    }
    Ok(c)
}

async fn look_up(ctx: &Ctx, e164: &str, hints: &Hints) -> anyhow::Result<Lookup> {
    let intercom = ctx.intercom()?;
    let me = intercom.me().await?;
    let contacts = lookup::intercom_by_number(intercom, e164, hints).await?;
    let admins = intercom.admins().await?;
    let aircall = ctx.aircall()?;
    let aircall_users: Vec<_> = aircall.users().try_collect().await?;
    let mut cards = Vec::new();
    for ct in &contacts {
        let convs: Vec<_> = intercom
            .search_conversations(filter("contact_ids", "=", &ct.id.0))
            .try_collect()
            .await?;
        let latest_open = convs
            .iter()
            .filter(|c| c.state.as_deref() == Some("open"))
            .max_by_key(|c| c.updated_at.unwrap_or(c.created_at));
        let latest = latest_open.or_else(|| {
            convs
                .iter()
                .max_by_key(|c| c.updated_at.unwrap_or(c.created_at))
        });
        let owner = latest
            .and_then(|c| c.admin_assignee_id)
            .filter(|id| *id != 0)
            .and_then(|id| admins.iter().find(|a| a.id == id.to_string()));
        let availability = owner.and_then(|o| o.email.as_ref()).and_then(|e| {
            aircall_users
                .iter()
                .find(|u| u.email.as_ref().is_some_and(|x| x.eq_ignore_ascii_case(e)))
                .and_then(|u| u.availability_status.clone())
        });
        cards.push(Card {
            contact_id: ct.id.0.clone(),
            name: ct.name.clone(),
            role: if ct.role == "user" {
                "user".into()
            } else {
                "lead".into()
            },
            email: ct.email().map(str::to_string),
            phone_as_stored: ct.phone.clone(),
            contact_page: Some(lookup::intercom_link(&me.app.id_code, &ct.id)),
            last_conversation: latest.map(|c| {
                format!(
                    "https://app.intercom.com/a/apps/{}/conversations/{}",
                    me.app.id_code, c.id
                )
            }),
            status: latest.map(|c| {
                if c.state.as_deref() == Some("open") {
                    "open".into()
                } else {
                    "closed".into()
                }
            }),
            owner: owner.and_then(|o| o.name.clone()),
            owner_aircall_availability: availability,
        });
    }
    let aircall_contacts = lookup::aircall_by_number(aircall, e164).await?;
    let verdict = match cards.len() {
        0 => format!(
            "no Intercom contact has this number: the integration would create a lead named `{e164} New Aircall contact`"
        ),
        1 => "exactly one Intercom contact: calls and SMS are logged on it".into(),
        n => format!(
            "{n} Intercom contacts share this number: calls to and from it will NOT be logged; run `aircom audit duplicates`"
        ),
    };
    Ok(Lookup {
        intercom: cards,
        aircall: aircall_contacts
            .into_iter()
            .map(|a| AircallMatch {
                aircall_id: a.id.0,
                name: [a.first_name, a.last_name]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
                company: a.company_name,
            })
            .collect(),
        verdict,
    })
}

fn render(ctx: &Ctx, checks: &[Check], interactive: bool) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if p.format == OutputFormat::Json {
        return Ok(p.table(&[], &[], &checks)?);
    }
    if p.format == OutputFormat::Table && (checks.len() == 1 || interactive) {
        for c in checks {
            let mut rows: Vec<Vec<String>> = Vec::new();
            let mut add = |k: &str, v: Option<String>| {
                if let Some(v) = v {
                    rows.push(vec![k.into(), v]);
                }
            };
            add("input", Some(c.input.clone()));
            // Plain cells: the table measures and cuts text, and colour codes would count.
            add("status", Some(c.status.to_string()));
            add("e164", c.e164.clone());
            add("region", c.region.clone());
            add("kind", c.kind.map(str::to_string));
            add("national", c.national.clone());
            add("international", c.international.clone());
            add("reading", c.reading.map(str::to_string));
            add("extension", c.extension.clone());
            add("reason", c.reason.clone());
            for cand in &c.candidates {
                add(
                    "candidate",
                    Some(format!(
                        "{} ({})",
                        cand.e164,
                        cand.region.map(|r| r.code()).unwrap_or_default()
                    )),
                );
            }
            if c.e164.is_some() {
                add("aircall", Some("will match (E.164)".into()));
            }
            if let Some(l) = &c.lookup {
                for card in &l.intercom {
                    add(
                        "intercom contact",
                        Some(format!(
                            "{} · {} · {}",
                            card.name.clone().unwrap_or_else(|| "(no name)".into()),
                            capitalized(&card.role),
                            card.contact_page.clone().unwrap_or_default()
                        )),
                    );
                    if let Some(conv) = &card.last_conversation {
                        add(
                            "  last conversation",
                            Some(format!(
                                "{} ({}{})",
                                conv,
                                capitalized(card.status.as_deref().unwrap_or_default()),
                                card.owner
                                    .as_ref()
                                    .map(|o| format!(
                                        ", owner {o}{}",
                                        card.owner_aircall_availability
                                            .as_ref()
                                            .map(|a| format!(" [{a}]"))
                                            .unwrap_or_default()
                                    ))
                                    .unwrap_or_default()
                            )),
                        );
                    }
                }
                for a in &l.aircall {
                    add(
                        "aircall contact",
                        Some(format!("{} (id {})", a.name, a.aircall_id)),
                    );
                }
                add("verdict", Some(l.verdict.clone()));
            }
            p.table(&["field", "value"], &rows, &c)?;
        }
        return Ok(());
    }
    let rows: Vec<Vec<String>> = checks
        .iter()
        .map(|c| {
            vec![
                c.input.clone(),
                c.status.to_string(),
                c.e164.clone().unwrap_or_default(),
                c.region.clone().unwrap_or_default(),
                c.kind.unwrap_or_default().to_string(),
                c.reading.unwrap_or_default().to_string(),
                c.reason.clone().unwrap_or_default(),
                c.lookup
                    .as_ref()
                    .map(|l| l.intercom.len().to_string())
                    .unwrap_or_default(),
                c.lookup
                    .as_ref()
                    .map(|l| l.aircall.len().to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    p.table(
        &[
            "input",
            "status",
            "e164",
            "region",
            "kind",
            "reading",
            "reason",
            "intercom_matches",
            "aircall_matches",
        ],
        &rows,
        &checks,
    )?;
    for c in checks {
        if let Some(l) = &c.lookup {
            if l.intercom.len() > 1 {
                p.warn(format!(
                    "{}: {}",
                    c.e164.clone().unwrap_or_default(),
                    l.verdict
                ));
            }
        }
    }
    Ok(())
}
