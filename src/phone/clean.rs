//! Cleaning what people typed: unicode digits, `tel:` URIs, extensions and surrounding noise,
//! down to the digits the library reads and whether they started with `+`.

use rlibphonenumber::PHONE_NUMBER_UTIL;

/// The cleaned input: digits (ASCII), whether it started with `+`, and any extension.
#[derive(Debug)]
pub(super) struct Cleaned {
    pub plus: bool,
    pub digits: String,
    pub extension: Option<String>,
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

pub(super) fn clean(input: &str, allow_vanity: bool) -> Result<Cleaned, String> {
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
            c if library_separator(c) => {}
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

/// Whether the library takes `c` as punctuation inside a number (its `VALID_PUNCTUATION` and
/// `*`: the full-width forms, `~` for "wait for dial tone" as in Russia's `8~10`, `[`, `]`,
/// soft hyphens, …). Asked of the library itself, and only for characters outside the common
/// set above, so the usual inputs never pay for it.
fn library_separator(c: char) -> bool {
    let mut probe = String::with_capacity(12);
    for d in ['1', '2', '3'] {
        probe.push(d);
        probe.push(c);
    }
    super::guarded(|| PHONE_NUMBER_UTIL.is_viable_phone_number(&probe)).unwrap_or(false)
}
