//! Settings from the config file and the environment. The environment wins over the file; the
//! file holds named profiles. Tokens are wrapped in `SecretString` from the moment they are
//! read.
//!
//! ```toml
//! default_profile = "prod"
//! [profiles.prod]
//! aircall_api_id = "…"
//! aircall_api_token = "…"
//! intercom_access_token = "…"
//! intercom_region = "eu"
//! default_country = "FR"
//! aircall_rate = 120
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::env as vars;
use crate::error::Failure;
use crate::secret::SecretString;

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ConfigFile {
    #[serde(default)]
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub aircall_api_id: Option<String>,
    pub aircall_api_token: Option<String>,
    pub aircall_base_url: Option<String>,
    pub intercom_access_token: Option<String>,
    pub intercom_region: Option<String>,
    pub intercom_base_url: Option<String>,
    pub default_country: Option<String>,
    pub aircall_rate: Option<u32>,
    pub intercom_rate: Option<u32>,
    /// The admin calls fall back to (email or id); default: the admin behind the token.
    pub default_admin: Option<String>,
}

/// Where a credential came from, shown by `doctor`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum Source {
    Env(String),
    Config(String),
    Sandbox,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Env(v) => write!(f, "environment (`{v}`)"),
            Source::Config(p) => write!(f, "config profile `{p}`"),
            Source::Sandbox => f.write_str("built-in sandbox"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct AircallCreds {
    pub api_id: String,
    pub token: SecretString,
    pub source: Source,
    pub base_url: Url,
}

#[derive(Debug, Clone)]
pub struct IntercomCreds {
    pub token: SecretString,
    pub source: Source,
    pub region: String,
    pub base_url: Url,
}

/// Everything resolved from flags, environment and the config file.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub profile_name: Option<String>,
    pub profile: Profile,
    pub config_path: Option<PathBuf>,
    pub warnings: Vec<String>,
}

pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(vars::AIRCOM_CONFIG) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "aircom").map(|d| d.config_dir().join("config.toml"))
}

/// The highest paces aircom accepts, in requests per minute: far above either service's limit,
/// low enough that a typo (an extra zero or two) is caught.
pub const MAX_AIRCALL_RATE: u32 = 100_000;
pub const MAX_INTERCOM_RATE: u32 = 1_000_000;

impl Settings {
    /// Reads the config file (if any) and picks the profile.
    pub fn load(profile: Option<&str>) -> anyhow::Result<Settings> {
        let path = config_path();
        let mut warnings = Vec::new();
        let file: ConfigFile = match &path {
            Some(p) if p.exists() => {
                if crate::fsutil::readable_by_others(p) {
                    warnings.push(format!(
                        "{} is readable by other users; it may hold tokens: run `chmod 600 {}`",
                        p.display(),
                        p.display()
                    ));
                }
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("reading the config file {}", p.display()))?;
                toml::from_str(&text).map_err(|e| {
                    Failure::usage_hint(
                        format!(
                            "the config file {} is not valid: {}",
                            p.display(),
                            e.message()
                        ),
                        "fix the file, or point `AIRCOM_CONFIG` at another one",
                    )
                })?
            }
            _ => ConfigFile::default(),
        };
        let name = profile.map(str::to_string).or(file.default_profile.clone());
        let chosen = match &name {
            Some(n) => match file.profiles.get(n) {
                Some(p) => p.clone(),
                None if profile.is_some() => {
                    return Err(Failure::usage_hint(
                        format!("no profile `{n}` in the config file"),
                        format!(
                            "known profiles: {}",
                            if file.profiles.is_empty() {
                                "none".to_string()
                            } else {
                                file.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
                            }
                        ),
                    ))
                }
                None => Profile::default(),
            },
            None => file.profiles.get("default").cloned().unwrap_or_default(),
        };
        for (key, value, max) in [
            ("aircall_rate", chosen.aircall_rate, MAX_AIRCALL_RATE),
            ("intercom_rate", chosen.intercom_rate, MAX_INTERCOM_RATE),
        ] {
            if let Some(v) = value.filter(|v| !(1..=max).contains(v)) {
                return Err(Failure::usage_hint(
                    format!("`{key} = {v}` in the config file is out of range"),
                    format!("give requests per minute from 1 to {max}"),
                ));
            }
        }
        Ok(Settings {
            profile_name: name,
            profile: chosen,
            config_path: path,
            warnings,
        })
    }

    fn pick(&self, var: &str, from_file: &Option<String>) -> Option<(String, Source)> {
        if let Ok(v) = std::env::var(var) {
            if !v.trim().is_empty() {
                return Some((v.trim().to_string(), Source::Env(var.to_string())));
            }
        }
        from_file
            .as_ref()
            .filter(|v| !v.trim().is_empty())
            .map(|v| {
                (
                    v.trim().to_string(),
                    Source::Config(
                        self.profile_name
                            .clone()
                            .unwrap_or_else(|| "default".into()),
                    ),
                )
            })
    }

    pub fn aircall(&self) -> anyhow::Result<AircallCreds> {
        let hint = "set `AIRCALL_API_ID` and `AIRCALL_API_TOKEN` (Dashboard → Integrations → API keys), or try `--sandbox`";
        let (api_id, _) = self
            .pick(vars::AIRCALL_API_ID, &self.profile.aircall_api_id)
            .ok_or_else(|| Failure::Auth {
                message: "no Aircall API id: `AIRCALL_API_ID` is not set".into(),
                hint: hint.into(),
            })?;
        let (token, source) = self
            .pick(vars::AIRCALL_API_TOKEN, &self.profile.aircall_api_token)
            .ok_or_else(|| Failure::Auth {
                message: "no Aircall API token: `AIRCALL_API_TOKEN` is not set".into(),
                hint: hint.into(),
            })?;
        let base = self
            .pick(vars::AIRCALL_BASE_URL, &self.profile.aircall_base_url)
            .map(|(v, _)| v)
            .unwrap_or_else(|| "https://api.aircall.io".into());
        Ok(AircallCreds {
            api_id,
            token: SecretString::new(token),
            source,
            base_url: checked_base_url(&base, vars::AIRCALL_BASE_URL)?,
        })
    }

    pub fn intercom(&self) -> anyhow::Result<IntercomCreds> {
        let (token, source) = self
            .pick(vars::INTERCOM_ACCESS_TOKEN, &self.profile.intercom_access_token)
            .ok_or_else(|| Failure::Auth {
                message: "no Intercom access token: `INTERCOM_ACCESS_TOKEN` is not set".into(),
                hint: "create one in Intercom's Developer Hub (your app → Authentication) and set `INTERCOM_ACCESS_TOKEN`, or try `--sandbox`".into(),
            })?;
        let region = self
            .pick(vars::INTERCOM_REGION, &self.profile.intercom_region)
            .map(|(v, _)| v.to_ascii_lowercase())
            .unwrap_or_else(|| "us".into());
        let default_base = match region.as_str() {
            "us" => "https://api.intercom.io",
            "eu" => "https://api.eu.intercom.io",
            "au" => "https://api.au.intercom.io",
            other => {
                return Err(Failure::usage_hint(
                    format!("`INTERCOM_REGION` is `{other}`"),
                    "use `us`, `eu` or `au`: the region your workspace is hosted in",
                ))
            }
        };
        let base = self
            .pick(vars::INTERCOM_BASE_URL, &self.profile.intercom_base_url)
            .map(|(v, _)| v)
            .unwrap_or_else(|| default_base.into());
        Ok(IntercomCreds {
            token: SecretString::new(token),
            source,
            region,
            base_url: checked_base_url(&base, vars::INTERCOM_BASE_URL)?,
        })
    }

    pub fn default_country(&self) -> Option<String> {
        self.profile.default_country.clone()
    }
}

/// A base URL must be https, or plain http on a loopback host (tests, the sandbox).
pub fn checked_base_url(raw: &str, var: &str) -> anyhow::Result<Url> {
    let url = Url::parse(raw).map_err(|e| {
        Failure::usage_hint(
            format!("`{var}` is not a URL: {e}"),
            "use e.g. https://api.aircall.io",
        )
    })?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(Failure::usage_hint(
            format!("`{var}` uses plain http on a non-loopback host"),
            "tokens must not travel in clear text: use https",
        )),
        other => Err(Failure::usage(format!(
            "`{var}`: unsupported scheme `{other}`"
        ))),
    }
}

/// Saves a default country into the config file (from `check-number`'s first question).
pub fn remember_default_country(
    path: &Path,
    profile: Option<&str>,
    cc: &str,
) -> anyhow::Result<()> {
    // Edited in place with `toml_edit`: comments, order and every other key stay as written.
    // A file that does not parse is never overwritten.
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(anyhow::anyhow!("reading `{}`: {e}", path.display())),
    };
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| {
        crate::error::Failure::usage_hint(
            format!("`{}` is not valid TOML: {e}", path.display()),
            "fix the file, or pass `--country` instead",
        )
    })?;
    let name = profile
        .map(str::to_string)
        .or_else(|| {
            doc.get("default_profile")
                .and_then(|v| v.as_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "default".into());
    let profiles = doc
        .entry("profiles")
        .or_insert_with(|| {
            let mut t = toml_edit::Table::new();
            t.set_implicit(true);
            toml_edit::Item::Table(t)
        })
        .as_table_mut()
        .ok_or_else(|| anyhow::anyhow!("`profiles` in `{}` is not a table", path.display()))?;
    let entry = profiles
        .entry(&name)
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()))
        .as_table_like_mut()
        .ok_or_else(|| {
            anyhow::anyhow!("profile `{name}` in `{}` is not a table", path.display())
        })?;
    entry.insert("default_country", toml_edit::value(cc));
    crate::fsutil::write_private(path, doc.to_string().as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembering_the_country_keeps_comments_and_refuses_a_broken_file() {
        let dir = std::env::temp_dir().join(format!("aircom-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("config.toml");
        let text = "# my settings\n[profiles.default]\n# the key\naircall_api_id = \"x\"\n";
        std::fs::write(&path, text).unwrap();
        remember_default_country(&path, None, "FR").unwrap();
        let now = std::fs::read_to_string(&path).unwrap();
        assert!(now.starts_with("# my settings\n"), "{now}");
        assert!(now.contains("# the key\naircall_api_id = \"x\""), "{now}");
        assert!(now.contains("default_country = \"FR\""), "{now}");
        let file: ConfigFile = toml::from_str(&now).unwrap();
        assert_eq!(
            file.profiles["default"].default_country.as_deref(),
            Some("FR")
        );
        std::fs::write(&path, "profiles = [").unwrap();
        assert!(remember_default_country(&path, None, "FR").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "profiles = [");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn base_urls_must_be_safe() {
        assert!(checked_base_url("https://api.aircall.io", "X").is_ok());
        assert!(checked_base_url("http://127.0.0.1:9000", "X").is_ok());
        assert!(checked_base_url("http://localhost:9000", "X").is_ok());
        assert!(checked_base_url("http://api.example.com", "X").is_err());
        assert!(checked_base_url("ftp://x", "X").is_err());
    }
}
