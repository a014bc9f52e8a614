//! Reports built on the engines: `audit logging`'s coverage model and its HTML page.

pub mod collect;
pub mod coverage;
pub mod html;

/// A UTC date, `YYYY-MM-DD`.
pub fn date(ts: i64) -> String {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| ts.to_string())
}

/// A UTC time to the minute, for people: `2026-11-03 14:05`.
pub fn minute(ts: i64) -> String {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.strftime("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| ts.to_string())
}

/// UNIX seconds as ISO 8601 in JSON.
pub fn iso_ser<S: serde::Serializer>(ts: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::output::iso(*ts))
}

pub fn iso_opt_ser<S: serde::Serializer>(ts: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match ts {
        Some(t) => s.serialize_str(&crate::output::iso(*t)),
        None => s.serialize_none(),
    }
}

/// A share as a percentage for people: `84%`, `–` when there is nothing to share.
pub fn percent(share: Option<f64>) -> String {
    match share {
        Some(x) => format!("{:.0}%", x * 100.0),
        None => "–".into(),
    }
}
