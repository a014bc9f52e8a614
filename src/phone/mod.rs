//! The phone engine: turns what people typed into the one E.164 number Aircall and Intercom
//! would match. Pure, no I/O. This is the only module that names `rlibphonenumber`; everything
//! else sees [`Outcome`], [`Region`] and [`normalize`].
//!
//! The algorithm (issue 4, revised in issue 13):
//! 1. clean the input (unicode digits, `tel:` URIs, extensions, surrounding noise; every
//!    punctuation the library accepts, `~` included);
//! 2. a leading `+` is international and never reinterpreted;
//! 3. otherwise read the digits under each hint region, the record's country first and the
//!    default country second (see [`Hints`]). Under one region the readings are:
//!    - the library's own parse with that region (`parse_and_keep_raw_input`): it strips the
//!      region's international prefix from its metadata (`00`, `011`, `009` in Nigeria,
//!      `8~10` in Russia, carrier-selection forms, …), takes the country code without `+`
//!      when the national reading does not fit, or reads the national form; its country code
//!      source names the reading;
//!    - aircom's extra readings: the region's country code typed without `+` even where a
//!      national reading also fits (DE `4917667402970`), and, when nothing reads in the
//!      region's own country, a stray or doubled leading zero dropped (ES `0911239613`, FR
//!      `00` + national number);
//!
//!    a reading that carries an explicit country code wins over another valid reading in the
//!    same country; any other disagreement between valid readings is [`Outcome::Ambiguous`];
//! 4. across the two hint regions: the same number is valid; two different valid numbers are
//!    ambiguous; a number valid only under the default while the record's country rejects
//!    it is ambiguous too (never silently another country's number).

mod clean;
mod outcome;
mod region;

#[cfg(test)]
mod all_regions;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{LazyLock, Mutex};

use rlibphonenumber::{CountryCodeSource, PhoneNumber, PhoneNumberFormat, PHONE_NUMBER_UTIL};

pub use outcome::{Candidate, HintSource, Hints, Kind, Outcome, Reading, Valid};
pub use region::Region;

use clean::clean;

/// Runs a library call, containing any panic so one bad row never kills a bulk job.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    // The default hook would print the panic to stderr; a contained library panic is reported
    // as an invalid number instead (see `install_quiet_panic_hook`).
    catch_unwind(AssertUnwindSafe(f)).ok()
}

/// Installs a panic hook that stays quiet for panics raised inside the phone library (they are
/// contained and reported as invalid numbers) and defers to the previous hook otherwise.
pub fn install_quiet_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let from_lib = info
                .location()
                .map(|l| l.file().contains("rlibphonenumber"))
                .unwrap_or(false);
            if !from_lib {
                previous(info);
            }
        }));
    });
}

/// Parses with the library, containing panics, and keeps only valid numbers.
fn lib_valid(text: &str, region: Option<Region>) -> Option<PhoneNumber> {
    guarded(|| {
        let n = PHONE_NUMBER_UTIL.parse(text, region.map(|r| r.0)).ok()?;
        PHONE_NUMBER_UTIL.is_valid_number(&n).then_some(n)
    })
    .flatten()
}

/// The library's own reading of digits dialled in `region`, if valid: its parse strips the
/// region's international prefix, or the country code typed without `+`, or the national
/// prefix, and says which through the country code source.
fn lib_read(digits: &str, region: Region) -> Option<Read> {
    guarded(|| {
        let n = PHONE_NUMBER_UTIL
            .parse_and_keep_raw_input(digits, Some(region.0))
            .ok()?;
        if !PHONE_NUMBER_UTIL.is_valid_number(&n) {
            return None;
        }
        let reading = match n.country_code_source() {
            CountryCodeSource::FromNumberWithIdd => Reading::InternationalPrefix,
            CountryCodeSource::FromNumberWithoutPlusSign => Reading::CountryCodeWithoutPlus,
            CountryCodeSource::FromNumberWithPlusSign => Reading::International,
            CountryCodeSource::FromDefaultCountry | CountryCodeSource::Unspecified => {
                Reading::National
            }
        };
        Some(Read { n, reading })
    })
    .flatten()
}

/// The international prefix the library writes when dialling out of `region` (`00`, `011`,
/// `810` for Russia's `8~10`), as digits; `None` where it writes `+` (no single prefix).
/// Taken from the library's own out-of-country format of a non-geographic `+800` number,
/// once per region.
fn written_idd(region: Region) -> Option<&'static str> {
    static CACHE: LazyLock<Mutex<HashMap<rlibphonenumber::Region, Option<&'static str>>>> =
        LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    *cache.entry(region.0).or_insert_with(|| {
        let probe = lib_valid("+800 1234 5678", None)?;
        let written = guarded(|| {
            probe
                .format_out_of_country_calling_number(region.0)
                .into_owned()
        })?;
        let (prefix, _) = written.split_once(' ')?;
        let digits: String = prefix.chars().filter(char::is_ascii_digit).collect();
        // Leaked once per region (a few bytes, about 250 regions at most).
        (!prefix.starts_with('+') && !digits.is_empty())
            .then(|| &*Box::leak(digits.into_boxed_str()))
    })
}

/// The number's region. The hinted region is tried first: for shared country codes (+1, +7,
/// +44…) the general lookup tests every region of the code.
fn region_of(n: &PhoneNumber, hint: Option<Region>) -> Option<Region> {
    if let Some(h) = hint {
        if h.calling_code() == n.country_code {
            // A calling code with one region (+33) needs no check; a shared one (+1) does.
            let single = PHONE_NUMBER_UTIL
                .get_regions_for_country_calling_code(n.country_code)
                .is_some_and(|r| r.len() == 1);
            if single
                || guarded(|| PHONE_NUMBER_UTIL.is_valid_number_for_region(n, h.0)) == Some(true)
            {
                return Some(h);
            }
        }
    }
    guarded(|| PHONE_NUMBER_UTIL.get_region_for_number(n).map(Region))
        .flatten()
        // `001` (non-geographic) has no Region value.
        .filter(|r| r.0.as_region_str().as_str() != "001")
}

/// Whether two parsed numbers are the same E.164 number (without formatting either).
fn same_number(a: &PhoneNumber, b: &PhoneNumber) -> bool {
    a.country_code == b.country_code
        && a.national_number == b.national_number
        && a.italian_leading_zero.unwrap_or(false) == b.italian_leading_zero.unwrap_or(false)
        && a.number_of_leading_zeros.unwrap_or(1) == b.number_of_leading_zeros.unwrap_or(1)
}

fn e164_of(n: &PhoneNumber) -> String {
    n.format_as(PhoneNumberFormat::E164).into_owned()
}

/// One valid reading of the digits.
#[derive(Clone)]
struct Read {
    n: PhoneNumber,
    reading: Reading,
}

/// What the digits mean with one region as the hint.
enum Under {
    /// No valid reading.
    Nothing,
    /// One reading (several valid readings may have agreed on it).
    One(Read),
    /// Valid readings that are different numbers.
    Several(Vec<Read>),
}

/// Reads digits written without `+` with `region` as the hint (see the module doc, step 3).
fn read_under(digits: &str, region: Region) -> Under {
    let cc = region.calling_code();
    let mut reads: Vec<Read> = Vec::with_capacity(2);
    let push = |r: Read, reads: &mut Vec<Read>| {
        if !reads.iter().any(|m| same_number(&m.n, &r.n)) {
            reads.push(r);
        }
    };
    let lib = lib_read(digits, region);
    let lib_took_cc = lib
        .as_ref()
        .is_some_and(|r| r.reading == Reading::CountryCodeWithoutPlus);
    if let Some(r) = lib {
        reads.push(r);
    }
    // The international prefix the library writes from this region, when the library's own
    // parse read something else: it matches the region's whole prefix pattern greedily, so
    // in Hong Kong (`00`, or a carrier's `001`, `002`, …) it reads `00 247 62889` as `002`
    // and a Norwegian `47 62889`, while the library itself writes Ascension's `+247 62889`
    // as `00 247 62889`.
    if let Some(rest) = written_idd(region).and_then(|idd| digits.strip_prefix(idd)) {
        let lib_read_it = reads
            .first()
            .is_some_and(|r| e164_of(&r.n).strip_prefix('+') == Some(rest));
        if !lib_read_it {
            if let Some(n) = lib_valid(&format!("+{rest}"), None) {
                push(
                    Read {
                        n,
                        reading: Reading::InternationalPrefix,
                    },
                    &mut reads,
                );
            }
        }
    }
    // The country code typed without `+`: the library takes it only when the national
    // reading does not fit, aircom also when it does (a naive national reading of
    // `4917667402970` is a valid but wrong German number).
    if !lib_took_cc && digits.starts_with(&*cc.to_string()) {
        if let Some(n) = lib_valid(&format!("+{digits}"), None) {
            push(
                Read {
                    n,
                    reading: Reading::CountryCodeWithoutPlus,
                },
                &mut reads,
            );
        }
    }
    // Repairs, when nothing reads in the region's own country: a stray leading zero where the
    // country has none, or a doubled trunk zero (`00` + the national number). Only readings
    // in the region's own country count; a foreign reading found above (`00` + a valid New
    // Caledonian number in France) stays beside them, and the two disagree.
    if !reads.iter().any(|r| r.n.country_code == cc) {
        let mut rest = digits;
        for _ in 0..2 {
            let Some(shorter) = rest.strip_prefix('0') else {
                break;
            };
            rest = shorter;
            if let Some(r) = lib_read(rest, region) {
                if r.n.country_code == cc {
                    push(
                        Read {
                            reading: Reading::RepairedTrunkZero,
                            ..r
                        },
                        &mut reads,
                    );
                }
            }
        }
    }
    match reads.len() {
        0 => Under::Nothing,
        1 => Under::One(reads.pop().expect("one reading")),
        _ => {
            let one_country = reads
                .iter()
                .all(|r| r.n.country_code == reads[0].n.country_code);
            let mut explicit = reads.iter().filter(|r| r.reading.explicit_country_code());
            match (one_country, explicit.next(), explicit.next()) {
                (true, Some(r), None) => Under::One(r.clone()),
                _ => Under::Several(reads),
            }
        }
    }
}

/// How a hint is named in a reason.
fn hint_name(source: HintSource) -> &'static str {
    match source {
        HintSource::Explicit => "`--country`",
        HintSource::Record => "the record's country",
        HintSource::Default => "the default country",
    }
}

/// Normalizes one input. Never panics.
pub fn normalize(input: &str, hints: &Hints) -> Outcome {
    let cleaned = match clean(input, hints.allow_vanity) {
        Ok(c) => c,
        Err(reason) => return Outcome::invalid(reason),
    };
    let valid = |n: &PhoneNumber, reading: Reading, hint: Option<(Region, HintSource)>| {
        Outcome::Valid(Valid {
            e164: e164_of(n),
            region: region_of(n, hint.map(|(r, _)| r)),
            reading,
            hint: hint.map(|(_, s)| s),
            extension: cleaned.extension.clone(),
        })
    };

    if cleaned.plus {
        let text = format!("+{}", cleaned.digits);
        return match lib_valid(&text, None) {
            Some(n) => valid(&n, Reading::International, None),
            None => Outcome::invalid(international_reason(&text)),
        };
    }

    let (first, second) = match (hints.first(), hints.fallback()) {
        (None, None) => {
            return Outcome::invalid(
                "no country code and no default country: write it with `+` or pass `--country`",
            )
        }
        (Some(a), Some(b)) if a.0 != b.0 => (a, Some(b)),
        (Some(a), _) | (None, Some(a)) => (a, None),
    };
    let digits = cleaned.digits.as_str();
    let under_first = read_under(digits, first.0);
    let Some(second) = second else {
        return match under_first {
            Under::One(r) => valid(&r.n, r.reading, Some(first)),
            Under::Nothing => Outcome::invalid(format!(
                "not a valid {region} number (read with {} {region})",
                hint_name(first.1),
                region = first.0
            )),
            Under::Several(reads) => ambiguous(&[(reads, first)], false, &cleaned.extension),
        };
    };
    let under_second = read_under(digits, second.0);
    match (under_first, under_second) {
        (Under::One(a), Under::One(b)) if same_number(&a.n, &b.n) => {
            valid(&a.n, a.reading, Some(first))
        }
        (Under::One(a), Under::Nothing) => valid(&a.n, a.reading, Some(first)),
        (Under::Nothing, Under::Nothing) => Outcome::invalid(format!(
            "not a valid number in {} {} nor in {} {}",
            hint_name(first.1),
            first.0,
            hint_name(second.1),
            second.0
        )),
        (a, b) => ambiguous(
            &[(a.into_reads(), first), (b.into_reads(), second)],
            true,
            &cleaned.extension,
        ),
    }
}

impl Under {
    fn into_reads(self) -> Vec<Read> {
        match self {
            Under::Nothing => Vec::new(),
            Under::One(r) => vec![r],
            Under::Several(reads) => reads,
        }
    }
}

/// The candidates of an ambiguous input, distinct numbers in hint order; `tag_hints` names
/// the hint of each candidate (when two hint regions were tried).
fn ambiguous(
    groups: &[(Vec<Read>, (Region, HintSource))],
    tag_hints: bool,
    extension: &Option<String>,
) -> Outcome {
    let mut seen: Vec<&PhoneNumber> = Vec::new();
    let mut candidates = Vec::new();
    for (reads, (region, source)) in groups {
        for r in reads {
            if seen.iter().any(|m| same_number(m, &r.n)) {
                continue;
            }
            seen.push(&r.n);
            candidates.push(Candidate {
                e164: e164_of(&r.n),
                region: region_of(&r.n, Some(*region)),
                reading: r.reading,
                hint: tag_hints.then_some(*source),
                extension: extension.clone(),
            });
        }
    }
    Outcome::Ambiguous { candidates }
}

fn international_reason(text: &str) -> String {
    match guarded(|| PHONE_NUMBER_UTIL.parse(text, None)).map(|r| r.map(|_| ())) {
        Some(Err(rlibphonenumber::ParseError::InvalidCountryCode)) => {
            "unknown country code after `+`".into()
        }
        Some(Err(rlibphonenumber::ParseError::TooShortNsn))
        | Some(Err(rlibphonenumber::ParseError::TooShortAfterIdd)) => {
            "too short for its country".into()
        }
        Some(Err(rlibphonenumber::ParseError::TooLongNsn)) => "too long for its country".into(),
        Some(Ok(())) => "not a valid number for its country".into(),
        _ => "not a phone number".into(),
    }
}

/// Digits only, with a leading `+` kept: how Aircall display formats (`+33 6 12 34 56 78`) are
/// compared with contacts. `anonymous` and other non-numbers give `None`.
pub fn strip_display(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let plus = trimmed.starts_with('+');
    let digits: String = trimmed.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    Some(if plus { format!("+{digits}") } else { digits })
}

/// Whether a stored value is exactly its E.164 form (what Aircall's matching needs).
pub fn is_exact_e164(stored: &str, e164: &str) -> bool {
    stored == e164
}
