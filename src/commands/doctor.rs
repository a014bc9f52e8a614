//! `aircom doctor` (alias `auth-status`): one cheap authenticated call per API, who the
//! tokens belong to, the rate limits seen, then what the integration depends on: Aircall
//! users whose email matches no Intercom admin (their calls fall back to the set-up admin)
//! and the Aircall numbers.

use futures::TryStreamExt;
use serde::Serialize;

use crate::cli::DoctorArgs;
use crate::commands::ExitStatus;
use crate::config::Source;
use crate::context::Ctx;
use crate::error::Failure;
use crate::http::RateSeen;
use crate::output::OutputFormat;

/// The `--json` document: raw values (ids, counts, ISO 8601 times), never the table's
/// sentences.
#[derive(Serialize, Default)]
struct Report {
    intercom: Option<IntercomReport>,
    aircall: Option<AircallReport>,
    unmatched_aircall_users: Vec<UnmatchedUser>,
    numbers: Vec<NumberRow>,
    /// `--with-calls`: how call logging did (`audit logging`'s totals).
    logging: Option<LoggingSummary>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct LoggingSummary {
    #[serde(serialize_with = "crate::report::iso_ser")]
    since: i64,
    calls: usize,
    loggable: usize,
    native: usize,
    aircom: usize,
    gap: usize,
    blocked: usize,
    coverage: Option<f64>,
    native_coverage: Option<f64>,
    outages: usize,
    last_outage: Option<OutageSummary>,
}

#[derive(Serialize)]
struct OutageSummary {
    #[serde(serialize_with = "crate::report::iso_ser")]
    start: i64,
    #[serde(serialize_with = "crate::report::iso_ser")]
    end: i64,
    calls: usize,
}

#[derive(Serialize)]
struct IntercomReport {
    ok: bool,
    error: Option<String>,
    /// The admin behind the token (`GET /me`).
    admin: Option<AdminIdentity>,
    /// The workspace the token opens.
    app: Option<AppIdentity>,
    /// The region aircom is configured for (`INTERCOM_REGION`).
    region: String,
    base_url: String,
    token_source: TokenSource,
    token: String,
    pacing_per_minute: u32,
    rate_limit_seen: RateLimitSeen,
}

#[derive(Serialize)]
struct AircallReport {
    ok: bool,
    error: Option<String>,
    company: Option<CompanyIdentity>,
    base_url: String,
    api_id: String,
    token_source: TokenSource,
    token: String,
    pacing_per_minute: u32,
    rate_limit_seen: RateLimitSeen,
}

#[derive(Serialize)]
struct AdminIdentity {
    id: String,
    name: Option<String>,
    email: Option<String>,
}

#[derive(Serialize)]
struct AppIdentity {
    id_code: String,
    name: Option<String>,
    /// Where Intercom says the workspace is hosted.
    region: Option<String>,
}

#[derive(Serialize)]
struct CompanyIdentity {
    name: String,
    users_count: Option<u64>,
    numbers_count: Option<u64>,
}

/// Where a credential came from: `env` (`name` is the variable), `config` (`name` is the
/// profile) or `sandbox`.
#[derive(Serialize)]
struct TokenSource {
    kind: &'static str,
    name: Option<String>,
    /// The table's words for it.
    #[serde(skip)]
    words: String,
}

impl From<&Source> for TokenSource {
    fn from(s: &Source) -> Self {
        let (kind, name) = match s {
            Source::Env(v) => ("env", Some(v.clone())),
            Source::Config(p) => ("config", Some(p.clone())),
            Source::Sandbox => ("sandbox", None),
        };
        TokenSource {
            kind,
            name,
            words: s.to_string(),
        }
    }
}

/// The rate-limit headers last seen, as sent, with the reset instant in ISO 8601.
#[derive(Serialize, Default)]
struct RateLimitSeen {
    limit: Option<u64>,
    remaining: Option<u64>,
    reset: Option<String>,
}

impl From<RateSeen> for RateLimitSeen {
    fn from(r: RateSeen) -> Self {
        RateLimitSeen {
            limit: r.limit,
            remaining: r.remaining,
            // UNIX seconds, or milliseconds when above 1e12 (as `http` reads it).
            reset: r
                .reset
                .map(|v| if v > 1_000_000_000_000 { v / 1000 } else { v })
                .and_then(|v| i64::try_from(v).ok())
                .map(crate::output::iso),
        }
    }
}

#[derive(Serialize)]
struct UnmatchedUser {
    id: i64,
    name: Option<String>,
    email: Option<String>,
}

#[derive(Serialize)]
struct NumberRow {
    id: i64,
    name: Option<String>,
    digits: Option<String>,
    /// `digits` in E.164, as every other command writes numbers.
    e164: Option<String>,
    country: Option<String>,
}

pub async fn run(args: DoctorArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let mut report = Report::default();
    // Credentials not set, and credentials set but refused: different fixes.
    let mut auth_failed: Vec<String> = Vec::new();
    let mut rejected: Vec<String> = Vec::new();
    let show = |t: &crate::secret::SecretString| {
        if args.show_token {
            t.expose().to_string()
        } else {
            t.masked()
        }
    };

    // Intercom: GET /me.
    let mut admin_emails = None;
    match ctx.intercom_creds() {
        Err(e) => {
            report.problems.push(format!("{e}"));
            auth_failed.push("`INTERCOM_ACCESS_TOKEN`".into());
        }
        Ok(creds) => {
            let client = ctx.intercom()?;
            let mut r = IntercomReport {
                ok: false,
                error: None,
                admin: None,
                app: None,
                region: creds.region.clone(),
                base_url: creds.base_url.to_string(),
                token_source: (&creds.source).into(),
                token: show(&creds.token),
                pacing_per_minute: ctx.intercom_rate(),
                rate_limit_seen: RateLimitSeen::default(),
            };
            match client.me().await {
                Ok(me) => {
                    r.ok = true;
                    r.admin = Some(AdminIdentity {
                        id: me.id.clone(),
                        name: me.name.clone(),
                        email: me.email.clone(),
                    });
                    r.app = Some(AppIdentity {
                        id_code: me.app.id_code.clone(),
                        name: me.app.name.clone(),
                        region: me.app.region.clone(),
                    });
                    if let Some(app_region) = &me.app.region {
                        if !app_region.eq_ignore_ascii_case(&creds.region) {
                            report.problems.push(format!(
                                "the workspace is hosted in `{app_region}` but `INTERCOM_REGION` is `{}`",
                                creds.region
                            ));
                        }
                    }
                    match client.admins().await {
                        Ok(admins) => {
                            admin_emails = Some(
                                admins
                                    .iter()
                                    .filter_map(|a| a.email.as_ref().map(|e| e.to_lowercase()))
                                    .collect::<std::collections::BTreeSet<_>>(),
                            )
                        }
                        Err(e) => report
                            .problems
                            .push(format!("listing Intercom admins: {e}")),
                    }
                }
                Err(e) => {
                    if e.is_auth() {
                        rejected.push(format!(
                            "the Intercom token from the {} was refused: check it is current and made for this workspace's region (`INTERCOM_REGION`, now `{}`)",
                            creds.source, creds.region
                        ));
                    }
                    r.error = Some(e.to_string());
                }
            }
            r.rate_limit_seen = client.api().stats().rate_seen().into();
            report.intercom = Some(r);
        }
    }

    // Aircall: GET /v1/company (the name), which also proves the credentials like /v1/ping.
    match ctx.aircall_creds() {
        Err(e) => {
            report.problems.push(format!("{e}"));
            auth_failed.push("`AIRCALL_API_ID` and `AIRCALL_API_TOKEN`".into());
        }
        Ok(creds) => {
            let client = ctx.aircall()?;
            let mut r = AircallReport {
                ok: false,
                error: None,
                company: None,
                base_url: creds.base_url.to_string(),
                api_id: creds.api_id.clone(),
                token_source: (&creds.source).into(),
                token: show(&creds.token),
                pacing_per_minute: ctx.aircall_rate(),
                rate_limit_seen: RateLimitSeen::default(),
            };
            match client.company().await {
                Ok(company) => {
                    r.ok = true;
                    r.company = Some(CompanyIdentity {
                        name: company.name.clone(),
                        users_count: company.users_count,
                        numbers_count: company.numbers_count,
                    });
                    let users: Vec<_> = client.users().try_collect().await?;
                    if let Some(emails) = &admin_emails {
                        for u in users {
                            let matched = u
                                .email
                                .as_ref()
                                .is_some_and(|e| emails.contains(&e.to_lowercase()));
                            if !matched {
                                report.unmatched_aircall_users.push(UnmatchedUser {
                                    id: u.id.0,
                                    name: u.name,
                                    email: u.email,
                                });
                            }
                        }
                    }
                    let numbers: Vec<_> = client.numbers().try_collect().await?;
                    report.numbers = numbers
                        .into_iter()
                        .map(|n| NumberRow {
                            id: n.id.0,
                            name: n.name,
                            e164: n
                                .digits
                                .as_deref()
                                .and_then(|d| crate::contacts::call_e164(d, n.country.as_deref())),
                            digits: n.digits,
                            country: n.country,
                        })
                        .collect();
                }
                Err(e) => {
                    if e.is_auth() {
                        rejected.push(format!(
                            "the Aircall API key from the {} was refused (Aircall answers 403 to a wrong id or token): check both in Aircall's Integrations & API page",
                            creds.source
                        ));
                    }
                    r.error = Some(e.to_string());
                }
            }
            r.rate_limit_seen = client.api().stats().rate_seen().into();
            report.aircall = Some(r);
        }
    }

    let apis_ok = report.aircall.as_ref().is_some_and(|r| r.ok)
        && report.intercom.as_ref().is_some_and(|r| r.ok);
    if let Some(w) = &args.with_calls {
        if apis_ok {
            let now = ctx.now();
            let since = w.resolve(now)?;
            let hints = crate::contacts::hints(
                ctx,
                &crate::cli::PhoneArgs {
                    country: None,
                    partitions: 16,
                },
            )?;
            let r = crate::report::collect::report(
                ctx,
                &crate::report::collect::Query {
                    since,
                    until: now,
                    number: None,
                    hints,
                    partitions: 16,
                    rule: Default::default(),
                    create: true,
                },
            )
            .await;
            // A failed listing is one problem among the checks, not the end of the report.
            let r = match r {
                Ok(r) => Some(r),
                Err(e) => {
                    report
                        .problems
                        .push(format!("`--with-calls`: reading the calls failed: {e:#}"));
                    None
                }
            };
            if let Some(r) = r {
                let t = &r.totals;
                report.logging =
                    Some(LoggingSummary {
                        since,
                        calls: t.calls,
                        loggable: t.loggable,
                        native: t.native,
                        aircom: t.aircom,
                        gap: t.gap,
                        blocked: t.blocked,
                        coverage: t.coverage,
                        native_coverage: t.native_coverage,
                        outages: r.outages.len(),
                        last_outage: r.outages.iter().max_by_key(|o| o.end).map(|o| {
                            OutageSummary {
                                start: o.start,
                                end: o.end,
                                calls: o.calls,
                            }
                        }),
                    });
            }
        } else {
            report
                .problems
                .push("`--with-calls` needs both APIs to answer".into());
        }
    }

    render(ctx, &report)?;

    if !rejected.is_empty() {
        let mut hint = rejected.join("; ");
        if !auth_failed.is_empty() {
            hint.push_str(&format!("; and set {}", auth_failed.join(" and ")));
        }
        return Err(Failure::Auth {
            message: if auth_failed.is_empty() {
                "credentials rejected".into()
            } else {
                "credentials rejected and missing".into()
            },
            hint,
        }
        .into());
    }
    if !auth_failed.is_empty() {
        return Err(Failure::Auth {
            message: "credentials missing".into(),
            hint: format!(
                "set {} (or use a profile in the config file), or try `--sandbox`",
                auth_failed.join(" and ")
            ),
        }
        .into());
    }
    let failed = report.aircall.as_ref().is_some_and(|r| !r.ok)
        || report.intercom.as_ref().is_some_and(|r| !r.ok);
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

fn render(ctx: &Ctx, report: &Report) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if matches!(p.format, OutputFormat::Json) {
        return Ok(p.table(&[], &[], report)?);
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    match &report.intercom {
        None => rows.push(vec![
            "intercom".into(),
            "status".into(),
            "not configured".into(),
        ]),
        Some(r) => {
            let mut add = |k: &str, v: String| rows.push(vec!["intercom".into(), k.into(), v]);
            add("status", status(r.ok));
            if let Some(e) = &r.error {
                add("error", e.clone());
            }
            if let Some(a) = &r.admin {
                add(
                    "identity",
                    format!(
                        "{} <{}> (admin {})",
                        a.name.clone().unwrap_or_default(),
                        a.email.clone().unwrap_or_default(),
                        a.id
                    ),
                );
            }
            if let Some(app) = &r.app {
                add(
                    "workspace",
                    format!("{} ({})", app.name.clone().unwrap_or_default(), app.id_code),
                );
            }
            add("region", r.region.clone());
            add("base_url", r.base_url.clone());
            add(
                "token",
                format!("{} from {}", r.token, r.token_source.words),
            );
            add("pacing", format!("{}/min", r.pacing_per_minute));
            let seen = &r.rate_limit_seen;
            add(
                "rate_limit_seen",
                match (seen.limit, seen.remaining) {
                    // Intercom's header is per 10-second window in the 2.17 docs and per
                    // minute in older pages (intercom-api.md marks 2.16's unconfirmed): say
                    // both readings.
                    (Some(l), Some(rem)) => format!(
                        "{l} per window ({l} per 10 s = {}/min by the 2.17 docs, or {l}/min by older ones), {rem} remaining",
                        l * 6
                    ),
                    _ => "no headers seen".into(),
                },
            );
        }
    }
    match &report.aircall {
        None => rows.push(vec![
            "aircall".into(),
            "status".into(),
            "not configured".into(),
        ]),
        Some(r) => {
            let mut add = |k: &str, v: String| rows.push(vec!["aircall".into(), k.into(), v]);
            add("status", status(r.ok));
            if let Some(e) = &r.error {
                add("error", e.clone());
            }
            if let Some(c) = &r.company {
                add("identity", format!("API key of {}", c.name));
                add(
                    "workspace",
                    format!(
                        "{} users, {} numbers",
                        c.users_count.unwrap_or(0),
                        c.numbers_count.unwrap_or(0)
                    ),
                );
            }
            add("base_url", r.base_url.clone());
            add(
                "token",
                format!("{}:{} from {}", r.api_id, r.token, r.token_source.words),
            );
            add("pacing", format!("{}/min", r.pacing_per_minute));
            let seen = &r.rate_limit_seen;
            add(
                "rate_limit_seen",
                match (seen.limit, seen.remaining) {
                    (Some(l), Some(rem)) => format!("{l}/min, {rem} remaining this minute"),
                    _ => "no headers seen".into(),
                },
            );
        }
    }
    for u in &report.unmatched_aircall_users {
        rows.push(vec![
            "integration".into(),
            "unmatched_user".into(),
            format!(
                "{} <{}>: no Intercom admin with this email, calls fall back to the set-up admin",
                u.name.clone().unwrap_or_default(),
                u.email.clone().unwrap_or_default()
            ),
        ]);
    }
    for n in &report.numbers {
        rows.push(vec![
            "integration".into(),
            "number".into(),
            format!(
                "{} {} ({})",
                n.name.clone().unwrap_or_default(),
                n.digits.clone().unwrap_or_default(),
                n.country.clone().unwrap_or_default()
            ),
        ]);
    }
    if let Some(l) = &report.logging {
        rows.push(vec![
            "integration".into(),
            "logging".into(),
            format!(
                "{} of {} finished call(s) since {} reached Intercom ({} natively); {}",
                crate::report::percent(l.coverage),
                l.loggable,
                crate::report::minute(l.since),
                crate::report::percent(l.native_coverage),
                match &l.last_outage {
                    Some(o) => format!(
                        "last outage {} → {} UTC, {} call(s): see `aircom audit logging`",
                        crate::report::minute(o.start),
                        crate::report::minute(o.end),
                        o.calls
                    ),
                    None => "no outage".into(),
                }
            ),
        ]);
    }
    for pr in &report.problems {
        rows.push(vec!["problem".into(), "".into(), pr.clone()]);
    }
    p.table(&["api", "check", "value"], &rows, report)?;
    Ok(())
}

fn status(ok: bool) -> String {
    if ok { "ok" } else { "failed" }.into()
}
