//! `audit logging --html FILE`: one self-contained XHTML page (no external asset, no
//! script) with a stacked bar per day (native / aircom / gap / blocked), outages shaded,
//! drawn by plotters' SVG backend, then the outages, the numbers and the causes.

use plotters::prelude::*;

use crate::report::coverage::Report;
use crate::report::{date, minute, percent};

const NATIVE: RGBColor = RGBColor(46, 125, 50);
const AIRCOM: RGBColor = RGBColor(25, 118, 210);
const GAP: RGBColor = RGBColor(245, 124, 0);
const BLOCKED: RGBColor = RGBColor(198, 40, 40);
const OUTAGE: RGBColor = RGBColor(224, 224, 224);

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn esc(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// The chart, as an SVG element.
pub fn chart(r: &Report, width: u32, height: u32) -> anyhow::Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let days = r.days.len().max(1) as f64;
        let top = r
            .days
            .iter()
            .map(|d| d.counts.native + d.counts.aircom + d.counts.gap + d.counts.blocked)
            .max()
            .unwrap_or(0)
            .max(1) as f64;
        let first_day = r.since.div_euclid(86_400);
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .caption("Calls per day (UTC)", ("sans-serif", 18))
            .build_cartesian_2d(0f64..days, 0f64..top * 1.1)?;
        let step = (r.days.len() / 12).max(1);
        let labels = r.days.len().div_ceil(step);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(labels + 1)
            .x_label_formatter(&|x| {
                let i = x.floor() as i64;
                if i >= 0 && (i as usize) < r.days.len() && (i as usize).is_multiple_of(step) {
                    date((first_day + i) * 86_400)[5..].to_string()
                } else {
                    String::new()
                }
            })
            .y_desc("calls")
            .y_labels(6)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .light_line_style(RGBColor(248, 248, 248))
            .draw()?;
        // Outages behind the bars, from their first affected call to their last.
        let at = |t: i64| (t - first_day * 86_400) as f64 / 86_400.0;
        for o in &r.outages {
            let (a, b) = (at(o.start).max(0.0), at(o.end).min(days));
            // A short outage stays visible: at least a third of a day wide.
            let b = b.max(a + 0.35);
            chart.draw_series(std::iter::once(Rectangle::new(
                [(a, 0.0), (b, top * 1.1)],
                OUTAGE.filled(),
            )))?;
        }
        for (i, d) in r.days.iter().enumerate() {
            let x0 = i as f64 + 0.12;
            let x1 = i as f64 + 0.88;
            let mut y = 0.0;
            for (n, color) in [
                (d.counts.native, NATIVE),
                (d.counts.aircom, AIRCOM),
                (d.counts.gap, GAP),
                (d.counts.blocked, BLOCKED),
            ] {
                if n == 0 {
                    continue;
                }
                let y1 = y + n as f64;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x0, y), (x1, y1)],
                    color.filled(),
                )))?;
                y = y1;
            }
        }
        root.present()?;
    }
    // The page is XHTML: the element alone, without an XML declaration of its own.
    let start = svg.find("<svg").unwrap_or(0);
    Ok(svg[start..].to_string())
}

/// The whole page.
pub fn page(r: &Report) -> anyhow::Result<String> {
    let mut h = String::new();
    let push = |h: &mut String, s: &str| h.push_str(s);
    push(
        &mut h,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"UTF-8\"/>\n",
    );
    let title = format!("Call logging {} to {}", date(r.since), date(r.until - 1));
    h.push_str(&format!("<title>{}</title>\n", esc(&title)));
    h.push_str(
        "<style>\nbody{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1240px;color:#222}\n\
         table{border-collapse:collapse;margin:8px 0 24px}\nth,td{border-bottom:1px solid #ddd;padding:4px 10px;text-align:right}\n\
         th:first-child,td:first-child{text-align:left}\n.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 14px;vertical-align:middle}\n\
         .big{font-size:28px;font-weight:600}\n</style>\n</head>\n<body>\n",
    );
    h.push_str(&format!("<h1>{}</h1>\n", esc(&title)));
    let t = &r.totals;
    h.push_str(&format!(
        "<p><span class=\"big\">{}</span> of {} finished calls reached Intercom: {} logged natively, {} by aircom. {} gap(s) a backfill would log, {} blocked by shared numbers, {} without a contact, {} in progress.</p>\n",
        percent(t.coverage),
        t.loggable,
        t.native,
        t.aircom,
        t.gap,
        t.blocked,
        t.no_contact,
        t.in_progress
    ));
    h.push_str(&format!(
        "<p>Last 7 days: {}; the weeks before: {}. {} outage(s); {} gap(s) inside outages, {} scattered.</p>\n",
        percent(r.trend.this_week),
        percent(r.trend.previous_weeks),
        r.outages.len(),
        r.gaps_in_outages,
        r.scattered_gaps
    ));
    h.push_str("<p class=\"legend\">");
    for (name, c) in [
        ("native", NATIVE),
        ("aircom", AIRCOM),
        ("gap", GAP),
        ("blocked", BLOCKED),
        ("outage", OUTAGE),
    ] {
        h.push_str(&format!(
            "<span style=\"background:{}\"></span>{name}",
            hex(c)
        ));
    }
    h.push_str("</p>\n");
    h.push_str(&chart(r, 1200, 420)?);
    h.push_str("\n<h2>Outages</h2>\n");
    if r.outages.is_empty() {
        h.push_str("<p>None: every stretch of calls had native logs.</p>\n");
    } else {
        h.push_str("<table>\n<tr><th>from (first call)</th><th>to (last call)</th><th>calls</th><th>logged by aircom</th><th>a backfill would log</th><th>last native log before</th><th>first native log after</th></tr>\n");
        for o in &r.outages {
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                minute(o.start),
                minute(o.end),
                o.calls,
                o.recovered,
                o.recoverable,
                o.last_native_before.map(minute).unwrap_or_else(|| "–".into()),
                o.first_native_after.map(minute).unwrap_or_else(|| "–".into()),
            ));
        }
        h.push_str("</table>\n");
    }
    h.push_str("<h2>Aircall numbers</h2>\n<table>\n<tr><th>number</th><th>calls</th><th>native</th><th>aircom</th><th>gap</th><th>blocked</th><th>no contact</th><th>reached</th></tr>\n");
    for n in &r.numbers {
        let c = &n.counts;
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            esc(n.number.as_deref().unwrap_or("unnamed")),
            c.calls,
            c.native,
            c.aircom,
            c.gap,
            c.blocked,
            c.no_contact,
            percent(c.coverage)
        ));
    }
    h.push_str("</table>\n<h2>Why calls did not reach Intercom natively</h2>\n");
    if r.causes.is_empty() {
        h.push_str("<p>Every finished call reached Intercom.</p>\n");
    } else {
        h.push_str("<table>\n<tr><th>cause</th><th>calls</th><th>what to do</th></tr>\n");
        for c in &r.causes {
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td style=\"text-align:left\">{}</td></tr>\n",
                c.cause.as_str().replace('_', " "),
                c.calls,
                esc(c.explanation)
            ));
        }
        h.push_str("</table>\n");
    }
    h.push_str("<h2>Call kinds</h2>\n<table>\n<tr><th>kind</th><th>calls</th><th>native</th><th>aircom</th><th>gap</th><th>reached</th></tr>\n");
    for k in &r.kinds {
        let c = &k.counts;
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            serde_json::to_value(k.kind)?
                .as_str()
                .unwrap_or_default()
                .replace('_', " "),
            c.calls,
            c.native,
            c.aircom,
            c.gap,
            percent(c.coverage)
        ));
    }
    h.push_str(&format!(
        "</table>\n<p>Generated by aircom {}. Days are UTC.</p>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    ));
    Ok(h)
}
