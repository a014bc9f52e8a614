//! `aircom audit logging`: is the integration logging? Read-only. `report::collect` plans the
//! period's calls with the backfill engine and counts them; this command shows the result as
//! a summary and a per-number table, `--json`, or an HTML page.

use crate::cli::AuditLoggingArgs;
use crate::commands::ExitStatus;
use crate::contacts::hints;
use crate::context::Ctx;
use crate::output::OutputFormat;
use crate::report::coverage::{self, CallState, OutageRule, Report};
use crate::report::{minute, percent};

pub async fn run(args: AuditLoggingArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    let now = ctx.now();
    let (since, until) = crate::when::window(&args.since, args.until.as_ref(), now)?;
    if now - since > 183 * 86_400 {
        p.warn("`--since` reaches past Aircall's call history (about 6 months): older calls are not served");
    }
    let rule = OutageRule {
        min_calls: args.min_outage_calls as usize,
        min_secs: args.min_outage.as_secs(),
    };
    // The page's file is opened before the (long) listing: a bad path fails now, not after.
    let html = args
        .html
        .as_ref()
        .map(|path| crate::fsutil::PendingFile::create_given(path))
        .transpose()?;
    let number = match &args.number {
        Some(want) => Some(crate::lookup::require_number(ctx.aircall()?, want).await?),
        None => None,
    };
    let report = crate::report::collect::report(
        ctx,
        &crate::report::collect::Query {
            since,
            until,
            number: number.map(|n| n.id),
            hints: hints(ctx, &args.phone)?,
            partitions: args.phone.partitions as usize,
            rule,
            create: !args.no_create,
        },
    )
    .await?;
    let unread = report.totals.unread;
    if unread > 0 {
        p.warn(format!(
            "{unread} call(s) could not be checked (reading Intercom failed): run the report again"
        ));
    }
    if let (Some(mut file), Some(path)) = (html, &args.html) {
        let page = crate::report::html::page(&report)?;
        std::io::Write::write_all(&mut file, page.as_bytes())?;
        file.commit()?;
        p.success(format!("wrote {}", path.display()));
    }
    if p.format == OutputFormat::Json {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        serde_json::to_writer_pretty(&mut out, &report)?;
        std::io::Write::write_all(&mut out, b"\n")?;
    } else {
        summary(ctx, &report, &args);
        let rows: Vec<Vec<String>> = report
            .numbers
            .iter()
            .map(|n| {
                let c = &n.counts;
                vec![
                    n.number.clone().unwrap_or_else(|| "unnamed".into()),
                    percent(c.coverage),
                    c.calls.to_string(),
                    c.native.to_string(),
                    c.aircom.to_string(),
                    c.gap.to_string(),
                    c.blocked.to_string(),
                    c.no_contact.to_string(),
                ]
            })
            .collect();
        p.table(
            &[
                "number",
                "coverage",
                "calls",
                "native",
                "aircom",
                "gap",
                "blocked",
                "no_contact",
            ],
            &rows,
            &report.numbers,
        )?;
    }
    Ok(if unread > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// One character per day (or per week over a long window): how much of the day's finished
/// calls reached Intercom natively. `·` is a day with none.
fn sparkline(r: &Report) -> (String, &'static str) {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let per_week = r.days.len() > 70;
    let chunks: Vec<coverage::Counts> = if per_week {
        r.days
            .chunks(7)
            .map(|w| coverage::Counts {
                native: w.iter().map(|d| d.counts.native).sum(),
                loggable: w.iter().map(|d| d.counts.loggable).sum(),
                ..Default::default()
            })
            .collect()
    } else {
        r.days.iter().map(|d| d.counts.clone()).collect()
    };
    let line = chunks
        .iter()
        .map(|c| {
            if c.loggable == 0 {
                '·'
            } else {
                let share = c.native as f64 / c.loggable as f64;
                BARS[((share * 7.0).round() as usize).min(7)]
            }
        })
        .collect();
    (line, if per_week { "week" } else { "day" })
}

fn summary(ctx: &Ctx, r: &Report, args: &AuditLoggingArgs) {
    let p = &ctx.printer;
    let t = &r.totals;
    p.info(format!(
        "Calls {} → {} (UTC): {} in all, {} finished{}",
        minute(r.since),
        minute(r.until),
        t.calls,
        t.loggable,
        if t.in_progress > 0 {
            format!(", {} in progress", t.in_progress)
        } else {
            String::new()
        }
    ));
    p.info(format!(
        "Reached Intercom: {} ({} natively, {} by aircom); {} gap(s) a backfill would log, {} blocked by shared numbers, {} without a contact",
        p.bold(&percent(t.coverage)),
        t.native,
        t.aircom,
        t.gap,
        t.blocked,
        t.no_contact
    ));
    p.info(format!(
        "Last 7 days: {} (the weeks before: {})",
        percent(r.trend.this_week),
        percent(r.trend.previous_weeks)
    ));
    let (line, unit) = sparkline(r);
    p.info(format!("Native logging per {unit}: {line}"));
    if r.outages.is_empty() {
        p.info("Outages: none");
    } else {
        p.info(format!(
            "Outages: {} ({} of the gaps; {} scattered)",
            r.outages.len(),
            r.gaps_in_outages,
            r.scattered_gaps
        ));
        for o in &r.outages {
            p.info(format!(
                "  {} → {}  {} call(s): {} a backfill would log, {} logged by aircom",
                minute(o.start),
                minute(o.end),
                o.calls,
                o.recoverable,
                o.recovered
            ));
        }
    }
    for c in &r.causes {
        p.info(format!(
            "  {:>5} {}: {}",
            c.calls,
            c.cause.as_str().replace('_', " "),
            c.explanation
        ));
    }
    for n in &r.numbers_never_logged {
        p.warn(format!(
            "no call on `{n}` was logged natively: is the number attached to the integration?"
        ));
    }
    let gaps = r.calls.iter().filter(|c| c.state == CallState::Gap).count();
    if gaps > 0 {
        p.info(format!(
            "next: `aircom backfill calls --since {}{}` logs the {gaps} gap(s)",
            crate::output::iso(r.since),
            args.number
                .as_deref()
                .map(|n| format!(" --number '{n}'"))
                .unwrap_or_default()
        ));
    }
}
