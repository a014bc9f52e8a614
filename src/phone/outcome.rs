//! The engine's vocabulary: the hints it is given and the [`Outcome`] it returns.

use rlibphonenumber::{PhoneNumberFormat, PhoneNumberType, PHONE_NUMBER_UTIL};
use serde::Serialize;

use super::{guarded, Region};

/// Where the region hint that decided a reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HintSource {
    /// `--country` on the command line (the default country for this run).
    Explicit,
    /// A per-record country: a CSV column, an Intercom contact's location.
    Record,
    /// The configured default country.
    Default,
}

impl HintSource {
    pub fn as_str(&self) -> &'static str {
        match self {
            HintSource::Explicit => "explicit",
            HintSource::Record => "record",
            HintSource::Default => "default",
        }
    }
}

/// The region hints for a number written without `+`.
///
/// The order: the per-record country (`record`: a contact's location, a CSV column) is the
/// first hint; the default country is the fallback, that is `explicit` (`--country`) when
/// given, else `default` (the config). When both are known and differ, the number is read
/// under each: the same number is valid; two different valid numbers, or a number valid only
/// under the default while the record's country rejects it, are [`Outcome::Ambiguous`].
/// `explicit` only replaces the configured default: it never overrides the record's country.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints {
    /// `--country`: the default country for this run, in place of the configured one.
    pub explicit: Option<Region>,
    /// The record's own country (contact location, CSV column): the first hint.
    pub record: Option<Region>,
    /// The configured default country, the fallback when `explicit` is not given.
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

    /// The record's country, the first hint.
    pub(super) fn first(&self) -> Option<(Region, HintSource)> {
        self.record.map(|r| (r, HintSource::Record))
    }

    /// The default country: `--country`, else the configured default.
    pub(super) fn fallback(&self) -> Option<(Region, HintSource)> {
        self.explicit
            .map(|r| (r, HintSource::Explicit))
            .or(self.default.map(|r| (r, HintSource::Default)))
    }
}

/// How the input was understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// Written with a leading `+`.
    International,
    /// Written with the hinted region's international prefix, as the library's metadata has
    /// it (`00`, `011` in the US, `009` in Nigeria, `8~10` in Russia, …).
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

    pub(super) fn explicit_country_code(&self) -> bool {
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
    pub(super) fn from_lib(t: PhoneNumberType) -> Kind {
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
    /// An extension that was cut from the input (`123` from `x123`). The E.164 number has no
    /// room for it: writing `e164` back in place of the input would lose it.
    pub extension: Option<String>,
}

impl Valid {
    /// Whether the input carried an extension (which `e164` does not).
    pub fn has_extension(&self) -> bool {
        self.extension.is_some()
    }

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
    /// Which hint gave this reading (`record` or `default`, when both were tried).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<HintSource>,
    /// An extension cut from the input, as in [`Valid::extension`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
}

/// What [`normalize`](super::normalize) made of an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// One valid reading.
    Valid(Valid),
    /// Never guessed: two valid readings that are different numbers (in different countries,
    /// from the record's country and the default, or two repairs), or a national number that
    /// is not valid in the record's country but is in the default country (then the one
    /// candidate is that default reading).
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

    /// The E.164 number of a valid outcome, with or without an extension: right for matching
    /// and look-ups, not enough to decide a write (see [`Outcome::certain`]).
    pub fn e164(&self) -> Option<&str> {
        self.valid().map(|v| v.e164.as_str())
    }

    /// The valid reading when it is safe to store `e164` in place of the input: exactly one
    /// valid reading and no extension (E.164 would drop it). `None` for ambiguous, invalid
    /// and extension-carrying inputs: a fix or a sync must not write those.
    pub fn certain(&self) -> Option<&Valid> {
        self.valid().filter(|v| !v.has_extension())
    }

    /// Whether [`Outcome::certain`] is `Some`.
    pub fn is_certain(&self) -> bool {
        self.certain().is_some()
    }

    /// The extension cut from the input, valid or ambiguous.
    pub fn extension(&self) -> Option<&str> {
        match self {
            Outcome::Valid(v) => v.extension.as_deref(),
            Outcome::Ambiguous { candidates } => {
                candidates.iter().find_map(|c| c.extension.as_deref())
            }
            Outcome::Invalid { .. } => None,
        }
    }

    /// Whether the input carried an extension.
    pub fn has_extension(&self) -> bool {
        self.extension().is_some()
    }

    pub(super) fn invalid(reason: impl Into<String>) -> Outcome {
        Outcome::Invalid {
            reason: reason.into(),
        }
    }
}
