//! `--since`/`--until` values: a date (`2026-10-01`, midnight UTC), a datetime with offset
//! (`2026-10-01T09:30:00+02:00`), or a duration back from now (`7d`, `36h`, `90m`, `2w`).

use crate::error::Failure;

/// Resolves a `WHEN` to UNIX seconds, relative to `now` for durations.
pub fn parse(s: &str, now: i64) -> anyhow::Result<i64> {
    let t = s.trim();
    let bad = || {
        Failure::usage_hint(
            format!("`{s}` is not a date, datetime or duration"),
            "use e.g. `2026-10-01`, `2026-10-01T09:30:00+02:00`, `7d` or `36h`",
        )
    };
    // A duration is digits and one unit letter (`2026-10-01T09:30:00Z` also ends in a letter).
    let is_duration = t.len() >= 2
        && t[..t.len() - 1]
            .trim()
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-')
        && t.chars().last().is_some_and(|c| c.is_ascii_alphabetic());
    if is_duration {
        let unit = t.chars().last().expect("checked");
        let n: i64 = t[..t.len() - 1].trim().parse().map_err(|_| bad())?;
        let secs = match unit {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            _ => return Err(bad()),
        };
        if n < 0 {
            return Err(bad());
        }
        return Ok(now - n * secs);
    }
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Ok(ts.as_second());
    }
    if let Ok(d) = t.parse::<jiff::civil::Date>() {
        return Ok(d
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_err(|_| bad())?
            .timestamp()
            .as_second());
    }
    Err(bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_datetimes_and_durations() {
        let now = 1_795_651_200; // 2026-11-26T00:00:00Z
        assert_eq!(parse("7d", now).unwrap(), now - 7 * 86_400);
        assert_eq!(parse("36h", now).unwrap(), now - 36 * 3_600);
        assert_eq!(parse("2026-11-25", now).unwrap(), now - 86_400);
        assert_eq!(parse("2026-11-26T02:00:00+02:00", now).unwrap(), now);
        assert_eq!(parse("2026-11-26T00:00:00Z", now).unwrap(), now);
        for bad in ["yesterday", "7x", "-3d", ""] {
            assert!(parse(bad, now).is_err(), "{bad}");
        }
    }
}
