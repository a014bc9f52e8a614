//! A string that never shows itself: `Debug` and `Display` print a mask, so a token can be
//! carried through structs, errors and logs without leaking.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(String);

impl SecretString {
    pub fn new(s: impl Into<String>) -> Self {
        SecretString(s.into())
    }

    /// The secret itself; call only where it is sent to the API.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `abcd…wxyz`-style mask for `doctor`: the first and last two characters at most, and
    /// nothing at all for short tokens.
    pub fn masked(&self) -> String {
        let n = self.0.chars().count();
        if n < 12 {
            return "*".repeat(8);
        }
        let head: String = self.0.chars().take(2).collect();
        let tail: String = self.0.chars().skip(n - 2).collect();
        format!("{head}{}{tail}", "*".repeat(8))
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString(***)")
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_itself() {
        let s = SecretString::new("tok_abcdefghijklmnop");
        assert!(!format!("{s:?}").contains("abcdef"));
        assert!(!format!("{s}").contains("abcdef"));
        assert!(!s.masked().contains("abcdef"));
        assert_eq!(SecretString::new("short").masked(), "********");
    }
}
