//! `aircom doctor` (alias `auth-status`): one cheap authenticated call per API, who the
//! tokens belong to, the rate limits seen, then what the integration depends on: Aircall
//! users whose email matches no Intercom admin (their calls fall back to the set-up admin)
//! and the Aircall numbers.

use futures::TryStreamExt;
use serde::Serialize;

use crate::cli::DoctorArgs;
use crate::commands::ExitStatus;
use crate::context::Ctx;
use crate::error::Failure;
use crate::http::RateSeen;
use crate::output::OutputFormat;

#[derive(Serialize, Default)]
struct Report {
    aircall: Option<ApiReport>,
    intercom: Option<ApiReport>,
    unmatched_aircall_users: Vec<UnmatchedUser>,
    numbers: Vec<NumberRow>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct ApiReport {
    ok: bool,
    identity: Option<String>,
    workspace: Option<String>,
    region: Option<String>,
    base_url: String,
    token_source: String,
    token: String,
    pacing_per_minute: u32,
    rate_limit_seen: RateSeen,
    error: Option<String>,
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
    country: Option<String>,
}

pub async fn run(args: DoctorArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let mut report = Report::default();
    let mut auth_failed: Vec<String> = Vec::new();
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
            let mut r = ApiReport {
                ok: false,
                identity: None,
                workspace: None,
                region: Some(creds.region.clone()),
                base_url: creds.base_url.to_string(),
                token_source: creds.source.to_string(),
                token: show(&creds.token),
                pacing_per_minute: ctx.intercom_rate(),
                rate_limit_seen: RateSeen::default(),
                error: None,
            };
            match client.me().await {
                Ok(me) => {
                    r.ok = true;
                    r.identity = Some(format!(
                        "{} <{}> (admin {})",
                        me.name.unwrap_or_default(),
                        me.email.unwrap_or_default(),
                        me.id
                    ));
                    r.workspace = Some(format!(
                        "{} ({})",
                        me.app.name.clone().unwrap_or_default(),
                        me.app.id_code
                    ));
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
                        auth_failed.push("`INTERCOM_ACCESS_TOKEN`".into());
                    }
                    r.error = Some(e.to_string());
                }
            }
            r.rate_limit_seen = client.api().stats().rate_seen();
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
            let mut r = ApiReport {
                ok: false,
                identity: None,
                workspace: None,
                region: None,
                base_url: creds.base_url.to_string(),
                token_source: creds.source.to_string(),
                token: format!("{}:{}", creds.api_id, show(&creds.token)),
                pacing_per_minute: ctx.aircall_rate(),
                rate_limit_seen: RateSeen::default(),
                error: None,
            };
            match client.company().await {
                Ok(company) => {
                    r.ok = true;
                    r.identity = Some(format!("API key of {}", company.name));
                    r.workspace = Some(format!(
                        "{} users, {} numbers",
                        company.users_count.unwrap_or(0),
                        company.numbers_count.unwrap_or(0)
                    ));
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
                            digits: n.digits,
                            country: n.country,
                        })
                        .collect();
                }
                Err(e) => {
                    if e.is_auth() {
                        auth_failed.push("`AIRCALL_API_ID` and `AIRCALL_API_TOKEN`".into());
                    }
                    r.error = Some(e.to_string());
                }
            }
            r.rate_limit_seen = client.api().stats().rate_seen();
            report.aircall = Some(r);
        }
    }

    render(ctx, &report)?;

    if !auth_failed.is_empty() {
        return Err(Failure::Auth {
            message: "credentials missing or rejected".into(),
            hint: format!(
                "set {} (or use a profile in the config file), or try `--sandbox`",
                auth_failed.join(" and ")
            ),
        }
        .into());
    }
    let failed = [&report.aircall, &report.intercom]
        .iter()
        .any(|r| r.as_ref().is_some_and(|r| !r.ok));
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
    for (name, r) in [("intercom", &report.intercom), ("aircall", &report.aircall)] {
        let Some(r) = r else {
            rows.push(vec![name.into(), "status".into(), "not configured".into()]);
            continue;
        };
        let mut add = |k: &str, v: String| rows.push(vec![name.into(), k.into(), v]);
        add("status", if r.ok { "ok".into() } else { "failed".into() });
        if let Some(e) = &r.error {
            add("error", e.clone());
        }
        if let Some(i) = &r.identity {
            add("identity", i.clone());
        }
        if let Some(w) = &r.workspace {
            add("workspace", w.clone());
        }
        if let Some(reg) = &r.region {
            add("region", reg.clone());
        }
        add("base_url", r.base_url.clone());
        add("token", format!("{} from {}", r.token, r.token_source));
        add("pacing", format!("{}/min", r.pacing_per_minute));
        let seen = &r.rate_limit_seen;
        add(
            "rate_limit_seen",
            match (seen.limit, seen.remaining) {
                // Intercom's header is per 10-second window in the 2.17 docs and per minute in
                // older pages (intercom-api.md marks 2.16's unconfirmed): say both readings.
                (Some(l), Some(rem)) if name == "intercom" => format!(
                    "{l} per window ({l} per 10 s = {}/min by the 2.17 docs, or {l}/min by older ones), {rem} remaining",
                    l * 6
                ),
                (Some(l), Some(rem)) => format!("{l}/min, {rem} remaining this minute"),
                _ => "no headers seen".into(),
            },
        );
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
    for pr in &report.problems {
        rows.push(vec!["problem".into(), "".into(), pr.clone()]);
    }
    p.table(&["api", "check", "value"], &rows, report)?;
    Ok(())
}
