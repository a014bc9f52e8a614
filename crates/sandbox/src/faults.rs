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
    path_prefix: Option<String>,
}

/// A set of fault rules: `5xx=0.1,429=0.05,reset=0.02,reset-after=0.01,slow=0.01`, each
/// optionally scoped with `@aircall`, `@intercom` or a path prefix `@intercom/contacts/search`
/// (a trailing `$` makes the path exact: `@intercom/conversations$`).
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
            let (service, path_prefix) = match scope {
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
            spec.rules.push(Rule {
                fault,
                share,
                service,
                path_prefix,
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
            if r.path_prefix
                .as_ref()
                .is_some_and(|p| !path.starts_with(p.as_str()))
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
