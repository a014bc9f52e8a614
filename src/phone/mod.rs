//! The phone engine: turns what people typed into the one E.164 number Aircall and Intercom
//! would match. Pure, no I/O. This is the only module that names `rlibphonenumber`; everything
//! else sees [`Outcome`], [`Region`] and [`normalize`].
//!
//! The algorithm (decided in the phone issue, after a study on a 5,410-row corpus):
//! 1. clean the input (unicode digits, `tel:` URIs, extensions, surrounding noise);
//! 2. a leading `+` is international and never reinterpreted;
//! 3. otherwise collect the distinct valid readings: the region's international dialling
//!    prefix, the region's country code typed without `+`, and the national reading;
//!    prefer a reading that carries an explicit country code when several are valid in the
//!    same country; two valid readings in different countries are `Ambiguous`;
//! 4. only when nothing is valid, try the repairs (a stray or doubled leading zero), keeping
//!    only library-valid results in the region's own country.

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use rlibphonenumber::{PhoneNumber, PhoneNumberFormat, PhoneNumberType, PHONE_NUMBER_UTIL};
use serde::Serialize;

/// An ISO-3166 alpha-2 region the phone metadata knows, such as `FR` or `US`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region(rlibphonenumber::Region);

impl Region {
    /// Parses a two-letter code, case-insensitively (`fr`, `FR`); `UK` is accepted for `GB`.
    pub fn parse(code: &str) -> Option<Region> {
        let code = code.trim().to_ascii_uppercase();
        let code = if code == "UK" { "GB".to_string() } else { code };
        if code.len() != 2 {
            return None;
        }
        let region = rlibphonenumber::Region::from_code(&code).ok()?;
        // Only regions with phone metadata are useful as hints.
        PHONE_NUMBER_UTIL.get_country_code_for_region(region)?;
        Some(Region(region))
    }

    /// A region from an ISO code or an English country name, as Intercom's
    /// `location.country` gives it (`France`, `United States`).
    pub fn from_code_or_name(s: &str) -> Option<Region> {
        let t = s.trim();
        if t.len() == 2 {
            return Region::parse(t);
        }
        let lower = t.to_lowercase();
        COUNTRY_NAMES
            .iter()
            .find(|(name, _)| *name == lower)
            .and_then(|(_, code)| Region::parse(code))
    }

    /// The two-letter code.
    pub fn code(&self) -> String {
        self.0.as_region_str().to_string()
    }

    /// The country calling code (`33` for FR).
    pub fn calling_code(&self) -> i32 {
        PHONE_NUMBER_UTIL
            .get_country_code_for_region(self.0)
            .unwrap_or(0)
    }

    /// International dialling prefixes used from this region (`00`, `011`, …). The library
    /// does not export its metadata's IDD pattern, so the few regions that differ from the
    /// ITU default `00` are listed here; the library itself also strips IDDs when parsing.
    fn idd_prefixes(&self) -> &'static [&'static str] {
        match self.code().as_str() {
            // NANP countries.
            "US" | "CA" | "PR" | "AG" | "AI" | "AS" | "BB" | "BM" | "BS" | "DM" | "DO" | "GD"
            | "GU" | "JM" | "KN" | "KY" | "LC" | "MP" | "MS" | "SX" | "TC" | "TT" | "VC" | "VG"
            | "VI" => &["011"],
            "AU" => &["0011"],
            "JP" => &["010"],
            "KR" => &["001", "002", "00"],
            "BR" => &["00"],
            "IL" => &["00", "012", "013", "014"],
            "CO" => &["00", "009", "007"],
            _ => &["00"],
        }
    }
}

/// English country names (lower case) as Intercom's location shows them, with common variants.
const COUNTRY_NAMES: &[(&str, &str)] = &[
    ("france", "FR"),
    ("united states", "US"),
    ("united states of america", "US"),
    ("usa", "US"),
    ("united kingdom", "GB"),
    ("great britain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("wales", "GB"),
    ("northern ireland", "GB"),
    ("germany", "DE"),
    ("spain", "ES"),
    ("brazil", "BR"),
    ("australia", "AU"),
    ("italy", "IT"),
    ("ireland", "IE"),
    ("netherlands", "NL"),
    ("the netherlands", "NL"),
    ("belgium", "BE"),
    ("switzerland", "CH"),
    ("austria", "AT"),
    ("portugal", "PT"),
    ("canada", "CA"),
    ("mexico", "MX"),
    ("argentina", "AR"),
    ("chile", "CL"),
    ("colombia", "CO"),
    ("peru", "PE"),
    ("sweden", "SE"),
    ("norway", "NO"),
    ("denmark", "DK"),
    ("finland", "FI"),
    ("poland", "PL"),
    ("czech republic", "CZ"),
    ("czechia", "CZ"),
    ("hungary", "HU"),
    ("romania", "RO"),
    ("greece", "GR"),
    ("turkey", "TR"),
    ("türkiye", "TR"),
    ("israel", "IL"),
    ("india", "IN"),
    ("japan", "JP"),
    ("china", "CN"),
    ("south korea", "KR"),
    ("korea, republic of", "KR"),
    ("singapore", "SG"),
    ("hong kong", "HK"),
    ("new zealand", "NZ"),
    ("south africa", "ZA"),
    ("nigeria", "NG"),
    ("kenya", "KE"),
    ("egypt", "EG"),
    ("morocco", "MA"),
    ("united arab emirates", "AE"),
    ("saudi arabia", "SA"),
    ("luxembourg", "LU"),
    ("russia", "RU"),
    ("russian federation", "RU"),
    ("ukraine", "UA"),
    ("philippines", "PH"),
    ("indonesia", "ID"),
    ("malaysia", "MY"),
    ("thailand", "TH"),
    ("vietnam", "VN"),
    ("viet nam", "VN"),
];

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl fmt::Debug for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Region({})", self.code())
    }
}

impl Serialize for Region {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

/// Where the region hint that decided a reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HintSource {
    /// `--country` on the command line.
    Explicit,
    /// A per-record country: a CSV column, an Intercom contact's location.
    Record,
    /// The configured default country.
    Default,
}

/// The region hints, in order of precedence: explicit, per-record, configured default.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints {
    pub explicit: Option<Region>,
    pub record: Option<Region>,
    pub default: Option<Region>,
    /// Accept vanity numbers (`1-800-FLOWERS`), converting letters to digits.
    pub allow_vanity: bool,
}

impl Hints {
    /// Hints with just a default region.
    pub fn with_default(region: Option<Region>) -> Hints {
        Hints {
            default: region,
            ..Hints::default()
        }
    }

    fn region(&self) -> Option<(Region, HintSource)> {
        self.explicit
            .map(|r| (r, HintSource::Explicit))
            .or(self.record.map(|r| (r, HintSource::Record)))
            .or(self.default.map(|r| (r, HintSource::Default)))
    }
}

/// How the input was understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// Written with a leading `+`.
    International,
    /// Written with the region's international dialling prefix (`00`, `011`, …).
    InternationalPrefix,
    /// The country code typed without `+` (`33762043575`).
    CountryCodeWithoutPlus,
    /// The national form of the hinted region.
    National,
    /// A stray or doubled leading zero was dropped (`0911239613` in ES, `00762043575` in FR).
    RepairedTrunkZero,
}

impl Reading {
    pub fn as_str(&self) -> &'static str {
        match self {
            Reading::International => "international",
            Reading::InternationalPrefix => "international_prefix",
            Reading::CountryCodeWithoutPlus => "country_code_without_plus",
            Reading::National => "national",
            Reading::RepairedTrunkZero => "repaired_trunk_zero",
        }
    }

    fn explicit_country_code(&self) -> bool {
        matches!(
            self,
            Reading::International | Reading::InternationalPrefix | Reading::CountryCodeWithoutPlus
        )
    }
}

/// The kind of line, from the numbering plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    FixedLine,
    Mobile,
    FixedLineOrMobile,
    TollFree,
    PremiumRate,
    SharedCost,
    Voip,
    PersonalNumber,
    Pager,
    Uan,
    Voicemail,
    Unknown,
}

impl Kind {
    fn from_lib(t: PhoneNumberType) -> Kind {
        match t {
            PhoneNumberType::FixedLine => Kind::FixedLine,
            PhoneNumberType::Mobile => Kind::Mobile,
            PhoneNumberType::FixedLineOrMobile => Kind::FixedLineOrMobile,
            PhoneNumberType::TollFree => Kind::TollFree,
            PhoneNumberType::PremiumRate => Kind::PremiumRate,
            PhoneNumberType::SharedCost => Kind::SharedCost,
            PhoneNumberType::VoIP => Kind::Voip,
            PhoneNumberType::PersonalNumber => Kind::PersonalNumber,
            PhoneNumberType::Pager => Kind::Pager,
            PhoneNumberType::UAN => Kind::Uan,
            PhoneNumberType::VoiceMail => Kind::Voicemail,
            PhoneNumberType::Unknown => Kind::Unknown,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::FixedLine => "fixed_line",
            Kind::Mobile => "mobile",
            Kind::FixedLineOrMobile => "fixed_line_or_mobile",
            Kind::TollFree => "toll_free",
            Kind::PremiumRate => "premium_rate",
            Kind::SharedCost => "shared_cost",
            Kind::Voip => "voip",
            Kind::PersonalNumber => "personal_number",
            Kind::Pager => "pager",
            Kind::Uan => "uan",
            Kind::Voicemail => "voicemail",
            Kind::Unknown => "unknown",
        }
    }
}

/// A valid number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Valid {
    /// `+33762043575`.
    pub e164: String,
    /// The region the number belongs to (`None` for non-geographic numbers such as `+800`).
    pub region: Option<Region>,
    pub reading: Reading,
    /// Which hint decided the reading; `None` for input written with `+`.
    pub hint: Option<HintSource>,
    /// An extension that was cut from the input (`123` from `x123`).
    pub extension: Option<String>,
}

impl Valid {
    /// The kind of line (mobile, fixed line, …). Computed on demand: it costs another round
    /// of the numbering plan's patterns, and bulk jobs never need it.
    pub fn kind(&self) -> Kind {
        guarded(|| {
            PHONE_NUMBER_UTIL
                .parse(&self.e164, None)
                .ok()
                .map(|n| Kind::from_lib(PHONE_NUMBER_UTIL.get_number_type(&n)))
        })
        .flatten()
        .unwrap_or(Kind::Unknown)
    }

    /// `+33 7 62 04 35 75`.
    pub fn international(&self) -> String {
        self.with_lib(PhoneNumberFormat::International)
    }

    /// `07 62 04 35 75`.
    pub fn national(&self) -> String {
        self.with_lib(PhoneNumberFormat::National)
    }

    fn with_lib(&self, format: PhoneNumberFormat) -> String {
        guarded(|| {
            PHONE_NUMBER_UTIL
                .parse(&self.e164, None)
                .ok()
                .map(|n| n.format_as(format).into_owned())
        })
        .flatten()
        .unwrap_or_else(|| self.e164.clone())
    }
}

/// A candidate of an ambiguous input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub e164: String,
    pub region: Option<Region>,
    pub reading: Reading,
}

/// What [`normalize`] made of an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    Valid(Valid),
    /// Two valid readings in different countries: never guessed.
    Ambiguous {
        candidates: Vec<Candidate>,
    },
    Invalid {
        reason: String,
    },
}

impl Outcome {
    pub fn status(&self) -> &'static str {
        match self {
            Outcome::Valid(_) => "valid",
            Outcome::Ambiguous { .. } => "ambiguous",
            Outcome::Invalid { .. } => "invalid",
        }
    }

    pub fn valid(&self) -> Option<&Valid> {
        match self {
            Outcome::Valid(v) => Some(v),
            _ => None,
        }
    }

    pub fn e164(&self) -> Option<&str> {
        self.valid().map(|v| v.e164.as_str())
    }

    fn invalid(reason: impl Into<String>) -> Outcome {
        Outcome::Invalid {
            reason: reason.into(),
        }
    }
}

/// Runs a library call, containing any panic so one bad row never kills a bulk job.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    // The default hook would print the panic to stderr; a contained library panic is reported
    // as an invalid number instead, so silence the hook for this thread's call.
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

/// The cleaned input: digits (ASCII), whether it started with `+`, and any extension.
#[derive(Debug)]
struct Cleaned {
    plus: bool,
    digits: String,
    extension: Option<String>,
}

/// Maps any unicode decimal digit (Arabic-Indic, full-width, …) to ASCII.
fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    // Unicode decimal digit blocks are runs of ten starting at a code point ending in 0.
    const ZEROS: &[u32] = &[
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0xFF10,
    ];
    let cp = c as u32;
    ZEROS
        .iter()
        .find(|&&z| cp >= z && cp < z + 10)
        .and_then(|&z| char::from_digit(cp - z, 10))
}

fn clean(input: &str, allow_vanity: bool) -> Result<Cleaned, String> {
    let mut s: String = input
        .chars()
        .map(|c| match c {
            '\u{FF0B}' => '+',
            c => ascii_digit(c).unwrap_or(c),
        })
        .collect();
    // Only inputs with letters or `;` can be `tel:` URIs or carry `phone-context`.
    let lower = if s.bytes().any(|b| b == b';' || b.is_ascii_alphabetic()) {
        s.to_ascii_lowercase()
    } else {
        String::new()
    };
    // The library panics ("begin > end") on `tel:` after `;phone-context=`: reject it here.
    if let Some(i) = lower.find(";phone-context=") {
        if lower[i..].contains("tel:") {
            return Err("malformed `tel:` URI (phone-context followed by tel:)".into());
        }
    }
    // `tel:` URIs: drop the scheme and any parameter other than `ext`.
    let mut extension = None;
    if let Some(rest) = lower.trim_start().strip_prefix("tel:") {
        let offset = s.len() - rest.len();
        let uri = &s[offset..];
        let mut parts = uri.split(';');
        let number = parts.next().unwrap_or("").to_string();
        for p in parts {
            if let Some(e) = p.to_ascii_lowercase().strip_prefix("ext=") {
                extension = Some(e.to_string());
            }
            if p.to_ascii_lowercase().starts_with("phone-context=") {
                return Err("`tel:` URI with a phone-context is a local number".into());
            }
        }
        s = number;
    }
    // Extensions: `;ext=5`, `ext. 5`, `ext 5`, `extension 5`, `x123`, `#123`. Only inputs
    // with letters or `#`/`;` can carry one, so plain numbers skip the search.
    let may_have_ext = s
        .bytes()
        .any(|b| b.is_ascii_alphabetic() || b == b'#' || b == b';');
    let lower = if may_have_ext {
        s.to_ascii_lowercase()
    } else {
        String::new()
    };
    let mut cut_at = None;
    let markers: &[&str] = if may_have_ext {
        &[";ext=", "extension", "ext.", "ext", " x", "x", "#"]
    } else {
        &[]
    };
    for marker in markers.iter().copied() {
        if let Some(i) = lower.find(marker) {
            // Only an extension when digits come before the marker and after it.
            let before_has_digits = lower[..i].chars().any(|c| c.is_ascii_digit());
            let after: String = lower[i + marker.len()..]
                .trim_start_matches([' ', '.', ':', '='])
                .to_string();
            let ext_digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
            let rest_clean = after[ext_digits.len()..]
                .chars()
                .all(|c| !c.is_alphanumeric());
            if before_has_digits && !ext_digits.is_empty() && rest_clean {
                cut_at = Some(i);
                extension = Some(ext_digits);
                break;
            }
        }
    }
    if let Some(i) = cut_at {
        s.truncate(i);
    }
    // Surrounding noise: keep the span from the first `+`/digit/`(` to the last digit.
    let start = s.find(|c: char| c == '+' || c == '(' || c.is_ascii_digit());
    let end = s.rfind(|c: char| c.is_ascii_digit() || (allow_vanity && c.is_ascii_alphabetic()));
    let (Some(start), Some(end)) = (start, end) else {
        return Err(if s.chars().any(|c| c.is_alphabetic()) {
            "no digits: letters only".into()
        } else {
            "empty: no digits".into()
        });
    };
    if end < start {
        return Err("no digits".into());
    }
    let converted;
    let mut span = &s[start..=end];
    if allow_vanity && span.chars().any(|c| c.is_ascii_alphabetic()) {
        converted = PHONE_NUMBER_UTIL.convert_alpha_characters_in_number(span);
        span = &converted;
    }
    let plus = span.trim_start_matches('(').starts_with('+');
    let mut digits = String::with_capacity(span.len());
    for c in span.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() => {}
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{00A0}' | '\u{2010}'..='\u{2015}' | '\t' => {}
            c if c.is_alphabetic() => {
                return Err(format!(
                    "contains letters (`{c}`): vanity numbers need `--allow-vanity`"
                ));
            }
            '+' => return Err("a `+` in the middle of the number".into()),
            c => return Err(format!("unexpected character `{c}`")),
        }
    }
    if digits.len() < 3 {
        return Err("too short to be a phone number".into());
    }
    if digits.len() > 17 {
        return Err("too long to be a phone number".into());
    }
    if digits.chars().all(|c| c == '0') {
        return Err("only zeros".into());
    }
    Ok(Cleaned {
        plus,
        digits,
        extension,
    })
}

/// Parses with the library, containing panics, and keeps only valid numbers.
fn lib_valid(text: &str, region: Option<Region>) -> Option<PhoneNumber> {
    guarded(|| {
        let n = PHONE_NUMBER_UTIL.parse(text, region.map(|r| r.0)).ok()?;
        PHONE_NUMBER_UTIL.is_valid_number(&n).then_some(n)
    })
    .flatten()
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

/// Normalizes one input. Never panics.
pub fn normalize(input: &str, hints: &Hints) -> Outcome {
    let cleaned = match clean(input, hints.allow_vanity) {
        Ok(c) => c,
        Err(reason) => return Outcome::invalid(reason),
    };
    let make_valid = |n: PhoneNumber, reading: Reading, hint: Option<HintSource>| {
        Outcome::Valid(Valid {
            e164: e164_of(&n),
            region: region_of(&n, hints.region().map(|(r, _)| r)),
            reading,
            hint,
            extension: cleaned.extension.clone(),
        })
    };

    if cleaned.plus {
        let text = format!("+{}", cleaned.digits);
        return match lib_valid(&text, None) {
            Some(n) => make_valid(n, Reading::International, None),
            None => Outcome::invalid(international_reason(&text)),
        };
    }

    let Some((region, source)) = hints.region() else {
        return Outcome::invalid(
            "no country code and no default country: write it with `+` or pass `--country`",
        );
    };
    let cc_num = region.calling_code();
    let cc = cc_num.to_string();
    let digits = &cleaned.digits;

    // Distinct valid readings, in order of preference.
    let mut readings: Vec<(PhoneNumber, Reading)> = Vec::new();
    let push = |n: PhoneNumber, r: Reading, readings: &mut Vec<(PhoneNumber, Reading)>| {
        if !readings.iter().any(|(m, _)| same_number(m, &n)) {
            readings.push((n, r));
        }
    };
    for idd in region.idd_prefixes() {
        if let Some(rest) = digits.strip_prefix(idd) {
            if let Some(n) = lib_valid(&format!("+{rest}"), None) {
                push(n, Reading::InternationalPrefix, &mut readings);
            }
        }
    }
    if digits.starts_with(&cc) {
        if let Some(n) = lib_valid(&format!("+{digits}"), None) {
            push(n, Reading::CountryCodeWithoutPlus, &mut readings);
        }
    }
    // The national reading, unless an explicit one is already valid: the library strips the
    // region's IDD itself (so it would find the same or a foreign number), and a valid
    // explicit reading in this country wins over a national one anyway.
    if readings.is_empty() {
        if let Some(n) = lib_valid(digits, Some(region)) {
            // Only a same-country result is a national reading.
            if n.country_code == cc_num {
                push(n, Reading::National, &mut readings);
            }
        }
    }

    match readings.len() {
        0 => {}
        1 => {
            let (n, r) = readings.pop().expect("one reading");
            return make_valid(n, r, Some(source));
        }
        _ => {
            let countries: std::collections::BTreeSet<i32> =
                readings.iter().map(|(n, _)| n.country_code).collect();
            let explicit: Vec<_> = readings
                .iter()
                .filter(|(_, r)| r.explicit_country_code())
                .collect();
            if countries.len() == 1 && explicit.len() == 1 {
                let (n, r) = explicit[0].clone();
                return make_valid(n, r, Some(source));
            }
            return Outcome::Ambiguous {
                candidates: readings
                    .iter()
                    .map(|(n, r)| Candidate {
                        e164: e164_of(n),
                        region: region_of(n, Some(region)),
                        reading: *r,
                    })
                    .collect(),
            };
        }
    }

    // Repairs: a stray leading zero where the country has none, or a doubled trunk/IDD zero.
    // Every repair is tried; two valid repairs that disagree (IT `003123456789`: fixed line
    // `031…` or mobile `312…`) are ambiguous, never a guess.
    let mut repairs: Vec<PhoneNumber> = Vec::new();
    let mut candidate = digits.as_str();
    for _ in 0..2 {
        let Some(rest) = candidate.strip_prefix('0') else {
            break;
        };
        candidate = rest;
        if let Some(n) = lib_valid(candidate, Some(region)) {
            if n.country_code.to_string() == cc
                && !repairs.iter().any(|m| e164_of(m) == e164_of(&n))
            {
                repairs.push(n);
            }
        }
    }
    match repairs.len() {
        0 => Outcome::invalid(format!(
            "not a valid {region} number (read with default country {region})"
        )),
        1 => make_valid(
            repairs.pop().expect("one repair"),
            Reading::RepairedTrunkZero,
            Some(source),
        ),
        _ => Outcome::Ambiguous {
            candidates: repairs
                .iter()
                .map(|n| Candidate {
                    e164: e164_of(n),
                    region: region_of(n, Some(region)),
                    reading: Reading::RepairedTrunkZero,
                })
                .collect(),
        },
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn r(code: &str) -> Option<Region> {
        Region::parse(code)
    }

    fn norm(input: &str, region: &str) -> Outcome {
        normalize(input, &Hints::with_default(r(region)))
    }

    #[test]
    fn formats_csv_every_row() {
        let path = crate::paths::shared_dir().join("data/aircall-formats.csv");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let mut failures = Vec::new();
        let mut rows = 0;
        for line in text.lines().skip(1) {
            let mut cols = line.rsplitn(3, ',');
            let expected = cols.next().unwrap();
            let region = cols.next().unwrap();
            let input = cols.next().unwrap();
            rows += 1;
            let got = norm(input, region);
            if got.e164() != Some(expected) {
                failures.push(format!("{input:?} ({region}) -> {got:?}, want {expected}"));
            }
        }
        assert_eq!(rows, 65);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn garbage_is_rejected() {
        for g in [
            "12",
            "abc",
            "+999 123",
            "0000000000",
            "+33 1",
            "",
            "   ",
            "--",
            "+",
        ] {
            assert!(
                matches!(norm(g, "FR"), Outcome::Invalid { .. }),
                "{g:?} should be invalid: {:?}",
                norm(g, "FR")
            );
        }
    }

    #[test]
    fn international_input_keeps_its_country() {
        let out = norm("+44 20 8765 3456", "FR");
        assert_eq!(out.e164(), Some("+442087653456"));
        assert_eq!(out.valid().unwrap().region, r("GB"));
        assert_eq!(out.valid().unwrap().reading, Reading::International);
    }

    #[test]
    fn no_region_only_plus_is_valid() {
        assert_eq!(
            normalize("+33762043575", &Hints::default()).e164(),
            Some("+33762043575")
        );
        assert!(matches!(
            normalize("0762043575", &Hints::default()),
            Outcome::Invalid { .. }
        ));
    }

    #[test]
    fn country_code_without_plus_beats_naive_national() {
        let out = norm("4917667402970", "DE");
        assert_eq!(out.e164(), Some("+4917667402970"));
        assert_eq!(
            out.valid().unwrap().reading,
            Reading::CountryCodeWithoutPlus
        );
    }

    #[test]
    fn readings_are_reported() {
        assert_eq!(
            norm("0762043575", "FR").valid().unwrap().reading,
            Reading::National
        );
        assert_eq!(
            norm("0033762043575", "FR").valid().unwrap().reading,
            Reading::InternationalPrefix
        );
        assert_eq!(
            norm("0911239613", "ES").valid().unwrap().reading,
            Reading::RepairedTrunkZero
        );
        assert_eq!(
            norm("011 44 20 8765 3456", "US").e164(),
            Some("+442087653456")
        );
    }

    #[test]
    fn disagreeing_readings_are_ambiguous() {
        match norm("003123456789", "IT") {
            Outcome::Ambiguous { candidates } => assert!(candidates.len() >= 2),
            other => panic!("expected ambiguous, got {other:?}"),
        }
    }

    #[test]
    fn extensions_are_cut_and_reported() {
        for (input, ext) in [
            ("+1 442 249 7851 x123", "123"),
            ("+1 442 249 7851 ext. 5", "5"),
            ("+1 442 249 7851;ext=77", "77"),
            ("tel:+1-442-249-7851;ext=9", "9"),
        ] {
            let out = normalize(input, &Hints::default());
            let v = out.valid().unwrap_or_else(|| panic!("{input}: {out:?}"));
            assert_eq!(v.e164, "+14422497851");
            assert_eq!(v.extension.as_deref(), Some(ext), "{input}");
        }
    }

    #[test]
    fn unicode_digits_and_noise() {
        // Full-width digits and plus.
        assert_eq!(
            normalize("＋３３７６２０４３５７５", &Hints::default()).e164(),
            Some("+33762043575")
        );
        // Arabic-Indic digits.
        assert_eq!(norm("٠٧٦٢٠٤٣٥٧٥", "FR").e164(), Some("+33762043575"));
        assert_eq!(
            norm("Tel: 07 62 04 35 75.", "FR").e164(),
            Some("+33762043575")
        );
        assert_eq!(
            normalize("tel:+33762043575", &Hints::default()).e164(),
            Some("+33762043575")
        );
    }

    #[test]
    fn vanity_needs_opt_in() {
        assert!(matches!(
            norm("1-800-FLOWERS", "US"),
            Outcome::Invalid { .. }
        ));
        let hints = Hints {
            default: r("US"),
            allow_vanity: true,
            ..Hints::default()
        };
        assert_eq!(
            normalize("1-800-356-9377", &hints).e164(),
            normalize("1-800-FLOWERS", &hints).e164()
        );
    }

    #[test]
    fn library_panic_pattern_is_guarded() {
        let out = norm("1;phone-context=+1;x=tel:2", "US");
        assert!(matches!(out, Outcome::Invalid { .. }), "{out:?}");
        // And any panic of the library is contained.
        assert!(guarded(|| panic!("boom")).is_none());
    }

    #[test]
    fn hints_take_precedence_in_order() {
        let hints = Hints {
            explicit: r("GB"),
            record: r("FR"),
            default: r("US"),
            allow_vanity: false,
        };
        let v = normalize("020 8765 3456", &hints);
        assert_eq!(v.e164(), Some("+442087653456"));
        assert_eq!(v.valid().unwrap().hint, Some(HintSource::Explicit));
        let hints = Hints {
            explicit: None,
            ..hints
        };
        let v = normalize("07 62 04 35 75", &hints);
        assert_eq!(v.valid().unwrap().hint, Some(HintSource::Record));
    }

    #[test]
    fn formats_and_kind() {
        let v = normalize("+33762043575", &Hints::default());
        let v = v.valid().unwrap();
        assert_eq!(v.kind(), Kind::Mobile);
        assert_eq!(v.international(), "+33 7 62 04 35 75");
        assert_eq!(v.national(), "07 62 04 35 75");
    }

    #[test]
    fn region_from_country_names() {
        assert_eq!(Region::from_code_or_name("France").unwrap().code(), "FR");
        assert_eq!(
            Region::from_code_or_name("united kingdom").unwrap().code(),
            "GB"
        );
        assert_eq!(Region::from_code_or_name("de").unwrap().code(), "DE");
        assert!(Region::from_code_or_name("Atlantis").is_none());
    }

    #[test]
    fn region_parse() {
        assert_eq!(Region::parse("fr").unwrap().code(), "FR");
        assert_eq!(Region::parse("UK").unwrap().code(), "GB");
        assert!(Region::parse("ZZ").is_none());
        assert!(Region::parse("France").is_none());
    }

    #[test]
    fn strip_display_handles_aircall_formats() {
        assert_eq!(
            strip_display("+33 6 12 34 56 78").as_deref(),
            Some("+33612345678")
        );
        assert_eq!(strip_display("anonymous"), None);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(400))]
            #[test]
            fn never_panics(s in "\\PC{0,30}") {
                let _ = normalize(&s, &Hints::with_default(Region::parse("US")));
            }

            #[test]
            fn never_panics_on_phoneish(s in "[+0-9 ()x;=tel:.-]{0,25}") {
                let _ = normalize(&s, &Hints::with_default(Region::parse("FR")));
            }

            #[test]
            fn valid_output_is_a_fixed_point(s in "[+]?[0-9]{6,14}", region in prop::sample::select(vec!["FR","US","GB","DE","ES","BR","AU","IT"])) {
                let hints = Hints::with_default(Region::parse(region));
                if let Outcome::Valid(v) = normalize(&s, &hints) {
                    let again = normalize(&v.e164, &hints);
                    prop_assert_eq!(again.e164(), Some(v.e164.as_str()));
                    let again = normalize(&v.e164, &Hints::default());
                    prop_assert_eq!(again.e164(), Some(v.e164.as_str()));
                }
            }
        }
    }
}
