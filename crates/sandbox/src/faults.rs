//! Latency and fault injection: what share of requests fail, and how; deterministic under
//! the sandbox seed (each API draws from its own seeded sequence).

use std::time::Duration;

use super::Service;

/// Added latency: none, fixed, or a uniform range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Latency {
    #[default]
    None,
    Fixed(Duration),
    Range(Duration, Duration),
}

impl Latency {
    /// `100` or `50..200` (milliseconds).
    pub fn parse(s: &str) -> Result<Latency, String> {
        let ms = |t: &str| {
            t.trim()
                .trim_end_matches("ms")
                .parse::<u64>()
                .map(Duration::from_millis)
                .map_err(|_| format!("`{s}` is not a latency: use MS or MS..MS"))
        };
        match s.split_once("..") {
            Some((a, b)) => {
                let (a, b) = (ms(a)?, ms(b)?);
                if b < a {
                    return Err(format!("`{s}`: the range must go from low to high"));
                }
                Ok(Latency::Range(a, b))
            }
            None => {
                let d = ms(s)?;
                Ok(if d.is_zero() {
                    Latency::None
                } else {
                    Latency::Fixed(d)
                })
            }
        }
    }

    /// The latency for a draw in [0, 1).
    pub fn pick(&self, roll: f64) -> Duration {
        match *self {
            Latency::None => Duration::ZERO,
            Latency::Fixed(d) => d,
            Latency::Range(a, b) => a + (b - a).mul_f64(roll),
        }
    }
}

/// What can go wrong with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 500, 502 or 503 before the request is processed.
    ServerError,
    /// A 429 before the request is processed.
    TooMany,
    /// The connection is reset before the request is processed.
    Reset,
    /// The request is processed, then the connection is reset: the client never learns that
    /// its write took effect.
    ResetAfter,
    /// The response is delayed by `slow_for`.
    Slow,
}

#[derive(Debug, Clone)]
struct Rule {
    fault: Fault,
    share: f64,
    service: Option<Service>,
    /// The path the rule names, without its `$`.
    path: Option<String>,
    /// A trailing `$` in the spec: the request path must end where the rule's path ends.
    exact: bool,
}

/// Whether a request path is inside a rule's path.
///
/// - `exact` (spec ended in `$`): the paths are equal, so `/conversations$` matches
///   `POST /conversations` (and `GET /conversations`) but not `/conversations/123/reply`.
/// - otherwise a prefix match on whole segments: `/conversations` matches `/conversations`
///   and `/conversations/123/reply`, but not `/conversations_archive`.
///
/// The request path never carries its query string (the pipeline passes `uri.path()`), and a
/// `?…` written into the rule itself is ignored, so `?per_page=5` can't break a match. A
/// trailing `/` on either side is not significant.
///
/// Aircall's routes are versioned (`/v1/calls`, `/v2/…`): a rule may name them with or without
/// the version segment, so `@aircall/calls` and `@aircall/v1/calls` both reach `/v1/calls`.
fn path_matches(service: Service, rule_path: &str, exact: bool, path: &str) -> bool {
    let norm = |p: &str| -> String {
        let p = p.split('?').next().unwrap_or("");
        let p = p.trim_end_matches('/');
        if p.starts_with('/') {
            p.to_string()
        } else {
            format!("/{p}")
        }
    };
    let want = norm(rule_path);
    let have = norm(path);
    let hit = |have: &str| {
        if exact {
            have == want
        } else {
            want == "/" || have == want || have.starts_with(&format!("{want}/"))
        }
    };
    if hit(&have) {
        return true;
    }
    if service == Service::Aircall {
        for v in ["/v1", "/v2"] {
            if let Some(rest) = have.strip_prefix(v) {
                if (rest.is_empty() || rest.starts_with('/')) && hit(rest) {
                    return true;
                }
            }
        }
    }
    false
}

/// A set of fault rules: `5xx=0.1,429=0.05,reset=0.02,reset-after=0.01,slow=0.01`, each
/// optionally scoped with `@aircall`, `@intercom` or a path prefix `@intercom/contacts/search`
/// (a trailing `$` makes the path exact: `@intercom/conversations$` hits `POST /conversations`
/// and `GET /conversations?…`, not `/conversations/123/reply`). Prefixes match whole segments;
/// the method is not part of a scope; see [`path_matches`] for the details.
#[derive(Debug, Clone)]
pub struct FaultSpec {
    rules: Vec<Rule>,
    pub slow_for: Duration,
}

impl Default for FaultSpec {
    fn default() -> Self {
        FaultSpec {
            rules: Vec::new(),
            slow_for: Duration::from_secs(2),
        }
    }
}

impl FaultSpec {
    pub fn parse(s: &str) -> Result<FaultSpec, String> {
        let mut spec = FaultSpec::default();
        for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (rule, scope) = match item.split_once('@') {
                Some((r, s)) => (r, Some(s)),
                None => (item, None),
            };
            let (kind, share) = rule
                .split_once('=')
                .ok_or_else(|| format!("fault `{item}`: use KIND=SHARE, e.g. `5xx=0.1`"))?;
            let fault = match kind.trim() {
                "5xx" | "500" => Fault::ServerError,
                "429" => Fault::TooMany,
                "reset" => Fault::Reset,
                "reset-after" => Fault::ResetAfter,
                "slow" => Fault::Slow,
                other => {
                    return Err(format!(
                        "unknown fault `{other}`: use 5xx, 429, reset, reset-after or slow"
                    ))
                }
            };
            let share: f64 = share
                .trim()
                .trim_end_matches('%')
                .parse()
                .map_err(|_| format!("fault `{item}`: `{share}` is not a share"))?;
            let share = if share > 1.0 { share / 100.0 } else { share };
            if !(0.0..=1.0).contains(&share) {
                return Err(format!("fault `{item}`: the share must be between 0 and 1"));
            }
            let (service, path) = match scope {
                None => (None, None),
                Some(scope) => {
                    let (svc, path) = match scope.find('/') {
                        Some(i) => (&scope[..i], Some(scope[i..].to_string())),
                        None => (scope, None),
                    };
                    let svc = match svc {
                        "aircall" => Some(Service::Aircall),
                        "intercom" => Some(Service::Intercom),
                        "" => None,
                        other => {
                            return Err(format!("fault scope `{other}`: use aircall or intercom"))
                        }
                    };
                    (svc, path)
                }
            };
            // A trailing `$` anchors the path: "the path ends here".
            let (path, exact) = match path {
                Some(p) => match p.strip_suffix('$') {
                    Some(stem) => (Some(stem.to_string()), true),
                    None => (Some(p), false),
                },
                None => (None, false),
            };
            if path.as_deref().is_some_and(|p| p.contains('$')) {
                return Err(format!(
                    "fault `{item}`: `$` may only end the path (\"the path ends here\")"
                ));
            }
            spec.rules.push(Rule {
                fault,
                share,
                service,
                path,
                exact,
            });
        }
        let total: f64 = spec.rules.iter().map(|r| r.share).sum();
        if total > 1.0 + 1e-9 && spec.rules.iter().all(|r| r.service.is_none()) {
            return Err("fault shares add up to more than 1".into());
        }
        Ok(spec)
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The fault for a request, from one draw in [0, 1).
    pub fn pick(&self, service: Service, path: &str, roll: f64) -> Option<Fault> {
        let mut acc = 0.0;
        for r in &self.rules {
            if r.service.is_some_and(|s| s != service) {
                continue;
            }
            if r.path
                .as_ref()
                .is_some_and(|p| !path_matches(service, p, r.exact, path))
            {
                continue;
            }
            acc += r.share;
            if roll < acc {
                return Some(r.fault);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        let s = FaultSpec::parse("5xx=0.1,429=0.05,reset=2%@intercom/contacts").unwrap();
        assert_eq!(
            s.pick(Service::Aircall, "/v1/calls", 0.05),
            Some(Fault::ServerError)
        );
        assert_eq!(
            s.pick(Service::Aircall, "/v1/calls", 0.12),
            Some(Fault::TooMany)
        );
        assert_eq!(s.pick(Service::Aircall, "/v1/calls", 0.16), None);
        assert_eq!(
            s.pick(Service::Intercom, "/contacts/search", 0.16),
            Some(Fault::Reset)
        );
        assert!(FaultSpec::parse("boom=1").is_err());
        assert!(FaultSpec::parse("5xx").is_err());
        assert!(FaultSpec::parse("5xx=0.8,429=0.5").is_err());
    }

    #[test]
    fn dollar_anchors_the_path_and_prefixes_stop_at_segments() {
        let s = FaultSpec::parse("reset-after=1@intercom/conversations$").unwrap();
        let i = Service::Intercom;
        assert_eq!(s.pick(i, "/conversations", 0.5), Some(Fault::ResetAfter));
        assert_eq!(s.pick(i, "/conversations/", 0.5), Some(Fault::ResetAfter));
        assert_eq!(s.pick(i, "/conversations/123/reply", 0.5), None);
        assert_eq!(s.pick(i, "/conversations/search", 0.5), None);
        assert_eq!(s.pick(Service::Aircall, "/conversations", 0.5), None);
        let s = FaultSpec::parse("5xx=1@intercom/conversations").unwrap();
        assert_eq!(
            s.pick(i, "/conversations/123/reply", 0.5),
            Some(Fault::ServerError)
        );
        assert_eq!(s.pick(i, "/conversations", 0.5), Some(Fault::ServerError));
        assert_eq!(s.pick(i, "/conversationsx", 0.5), None);
        assert_eq!(s.pick(i, "/contacts", 0.5), None);
        let s = FaultSpec::parse("429=1@aircall/calls$").unwrap();
        assert_eq!(
            s.pick(Service::Aircall, "/v1/calls", 0.5),
            Some(Fault::TooMany)
        );
        assert_eq!(s.pick(Service::Aircall, "/v1/calls/12", 0.5), None);
        let s = FaultSpec::parse("429=1@aircall/v1/calls").unwrap();
        assert_eq!(
            s.pick(Service::Aircall, "/v1/calls/12", 0.5),
            Some(Fault::TooMany)
        );
        assert_eq!(s.pick(Service::Aircall, "/v1/contacts", 0.5), None);
        assert!(FaultSpec::parse("5xx=1@intercom/con$tacts").is_err());
    }

    #[test]
    fn parses_latency() {
        assert_eq!(
            Latency::parse("100").unwrap(),
            Latency::Fixed(Duration::from_millis(100))
        );
        assert_eq!(
            Latency::parse("50..150").unwrap().pick(0.5),
            Duration::from_millis(100)
        );
        assert!(Latency::parse("fast").is_err());
        assert!(Latency::parse("9..1").is_err());
    }
}
