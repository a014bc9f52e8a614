//! `--since`/`--until` values, parsed when the flags are (clap calls [`When::from_str`]):
//! - a duration back from now, in jiff's friendly format: `7d`, `36h`, `90m`, `2w`,
//!   `1 day 6 hours`, `3d ago`;
//! - an RFC 3339 datetime with its offset: `2026-10-01T09:30:00+02:00`, `…Z`;
//! - a plain date, meaning midnight UTC: `2026-10-01`.
//!
//! A datetime without an offset is refused rather than guessed. Nothing here panics, whatever
//! the input (a property test feeds it arbitrary strings).

use std::str::FromStr;

use jiff::{Span, Timestamp};

use crate::error::Failure;

const ACCEPTED: &str =
    "use e.g. `7d`, `36h`, `2w`, `2026-10-01` (midnight UTC) or `2026-10-01T09:30:00+02:00`";

/// A point in time as the user gave it: resolved against the clock once the run starts.
#[derive(Debug, Clone)]
pub enum When {
    /// This long before now (never negative).
    Ago(Span),
    At(Timestamp),
}

impl FromStr for When {
    type Err = String;

    fn from_str(s: &str) -> Result<When, String> {
        let t = s.trim();
        let bad = || format!("`{s}` is not a duration, a date or a datetime with an offset");
        if t.is_empty() {
            return Err(bad());
        }
        if let Ok(ts) = t.parse::<Timestamp>() {
            return Ok(When::At(ts));
        }
        if t.parse::<jiff::civil::DateTime>().is_ok() {
            // jiff reads a datetime's date part as a date too: only a bare date means midnight.
            if t.contains(['T', 't', ' ', ':']) {
                return Err(format!(
                    "`{s}` has no UTC offset: add one (`Z`, `+02:00`), or give a plain date"
                ));
            }
            if let Ok(d) = t.parse::<jiff::civil::Date>() {
                return d
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .map(|z| When::At(z.timestamp()))
                    .map_err(|_| bad());
            }
        }
        // jiff writes a span "ago" as a negative span; a leading `-` is refused (it would mean
        // the future).
        let span: Span = t.parse().map_err(|_| bad())?;
        if span.is_negative() && !t.to_ascii_lowercase().ends_with("ago") {
            return Err(format!("`{s}` is negative: give how long ago, e.g. `7d`"));
        }
        Ok(When::Ago(span.abs()))
    }
}

impl When {
    /// UNIX seconds, durations counted back from `now` in UTC (days are calendar days).
    pub fn resolve(&self, now: i64) -> anyhow::Result<i64> {
        match self {
            When::At(ts) => Ok(ts.as_second()),
            When::Ago(span) => {
                let out_of_range = || {
                    Failure::usage_hint(
                        format!("`{span:#}` reaches outside the supported range of dates"),
                        ACCEPTED,
                    )
                };
                let now = Timestamp::from_second(now)
                    .map_err(|_| out_of_range())?
                    .to_zoned(jiff::tz::TimeZone::UTC);
                Ok(now
                    .checked_sub(*span)
                    .map_err(|_| out_of_range())?
                    .timestamp()
                    .as_second())
            }
        }
    }
}

/// `--since` and `--until` (now when not given), resolved against `now` and checked.
pub fn window(since: &When, until: Option<&When>, now: i64) -> anyhow::Result<(i64, i64)> {
    let given = until.is_some();
    let since = since.resolve(now)?;
    let until = until.map(|w| w.resolve(now)).transpose()?.unwrap_or(now);
    check_window(since, until, given)?;
    Ok((since, until))
}

/// A window's two ends, checked: the error names both, as read (a `--since` in the future
/// is the usual slip).
pub fn check_window(since: i64, until: i64, until_given: bool) -> anyhow::Result<()> {
    if since < until {
        return Ok(());
    }
    let iso = crate::output::iso;
    Err(crate::error::Failure::usage_hint(
        format!(
            "`--since` ({}) is not before {} ({})",
            iso(since),
            if until_given { "`--until`" } else { "now" },
            iso(until)
        ),
        "give an earlier `--since` (a date, a datetime with offset, or `30d` back from now)",
    ))
}

/// clap's value parser for `WHEN` flags: the error names what was wrong and what is accepted.
pub fn parse_arg(s: &str) -> Result<When, String> {
    s.parse::<When>().map_err(|e| format!("{e}; {ACCEPTED}"))
}

/// Parses and resolves in one step (for values that do not come from a flag).
pub fn parse(s: &str, now: i64) -> anyhow::Result<i64> {
    s.parse::<When>()
        .map_err(|e| Failure::usage_hint(e, ACCEPTED))?
        .resolve(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOW: i64 = 1_795_651_200; // 2026-11-26T00:00:00Z

    #[test]
    fn dates_datetimes_and_durations() {
        let now = NOW;
        assert_eq!(parse("7d", now).unwrap(), now - 7 * 86_400);
        assert_eq!(parse("36h", now).unwrap(), now - 36 * 3_600);
        assert_eq!(parse("90m", now).unwrap(), now - 90 * 60);
        assert_eq!(parse("2w", now).unwrap(), now - 14 * 86_400);
        assert_eq!(parse("3d ago", now).unwrap(), now - 3 * 86_400);
        assert_eq!(parse("1 day 6 hours", now).unwrap(), now - 30 * 3_600);
        assert_eq!(parse("2026-11-25", now).unwrap(), now - 86_400);
        assert_eq!(parse("2026-11-26T02:00:00+02:00", now).unwrap(), now);
        assert_eq!(parse("2026-11-26T00:00:00Z", now).unwrap(), now);
        for bad in [
            "yesterday",
            "7x",
            "-3d",
            "",
            "7é",
            "2026-11-26T02:00:00",
            "99999999999999999w",
            "2026-13-01",
        ] {
            assert!(parse(bad, now).is_err(), "{bad}");
        }
        assert!(parse_arg("2026-11-26T02:00:00")
            .unwrap_err()
            .contains("no UTC offset"));
    }

    #[test]
    fn huge_spans_are_errors_not_overflows() {
        // Parses as a span (within jiff's limits) but lands before year -9999.
        if let Ok(w) = "19998y".parse::<When>() {
            assert!(w.resolve(NOW).is_err());
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,24}") {
            if let Ok(w) = s.parse::<When>() {
                let _ = w.resolve(NOW);
            }
        }

        #[test]
        fn never_panics_on_duration_shapes(n in any::<u64>(), unit in "[a-zé]{0,3}") {
            let s = format!("{n}{unit}");
            if let Ok(w) = s.parse::<When>() {
                let _ = w.resolve(NOW);
            }
        }
    }
}
