//! [`Region`]: the ISO code of a country the phone metadata knows, from a code or from the
//! English country name Intercom shows in a contact's location.

use std::fmt;

use rlibphonenumber::PHONE_NUMBER_UTIL;
use serde::Serialize;

/// An ISO-3166 alpha-2 region the phone metadata knows, such as `FR` or `US`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region(pub(super) rlibphonenumber::Region);

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
