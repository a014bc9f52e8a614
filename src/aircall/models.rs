//! Aircall's objects as aircom reads them (digest §4.4, §5.2, §6). Fields the API may omit
//! are `Option`; shapes the digest marks unconfirmed are read leniently.

use serde::{Deserialize, Deserializer, Serialize};

use crate::id_type;

id_type!(CallId(i64));
id_type!(ContactId(i64));
id_type!(UserId(i64));
id_type!(NumberId(i64));
id_type!(TagId(i64));

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Direction {
    Inbound,
    Outbound,
}

/// A user as embedded in a call, or a v2 user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub available: Option<bool>,
    #[serde(default)]
    pub availability_status: Option<String>,
}

/// `assigned_to`, `transferred_by`, `transferred_to`: a User object per one SDK, a bare id or
/// string in other clients (digest §12, unconfirmed). Read all three shapes.
#[derive(Debug, Clone, Serialize)]
pub struct UserRef {
    pub id: Option<UserId>,
    pub name: Option<String>,
    pub email: Option<String>,
}

impl<'de> Deserialize<'de> for UserRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Ok(match v {
            serde_json::Value::Object(m) => UserRef {
                id: m.get("id").and_then(|i| {
                    i.as_i64()
                        .or_else(|| i.as_str().and_then(|s| s.parse().ok()))
                        .map(UserId)
                }),
                name: m.get("name").and_then(|x| x.as_str()).map(str::to_string),
                email: m.get("email").and_then(|x| x.as_str()).map(str::to_string),
            },
            serde_json::Value::Number(n) => UserRef {
                id: n.as_i64().map(UserId),
                name: None,
                email: None,
            },
            serde_json::Value::String(s) => UserRef {
                id: s.parse().ok().map(UserId),
                name: (!s.chars().all(|c| c.is_ascii_digit())).then_some(s),
                email: None,
            },
            _ => UserRef {
                id: None,
                name: None,
                email: None,
            },
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Number {
    pub id: NumberId,
    #[serde(default)]
    pub name: Option<String>,
    /// Display format (`+1 984-314-0278`), not E.164.
    #[serde(default)]
    pub digits: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub users: Option<Vec<User>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tag {
    pub id: TagId,
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CallTag {
    pub id: TagId,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub created_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comment {
    pub id: i64,
    pub content: String,
    pub posted_at: i64,
    #[serde(default)]
    pub posted_by: Option<UserRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Call {
    pub id: CallId,
    pub direction: Direction,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub missed_call_reason: Option<String>,
    pub started_at: i64,
    #[serde(default)]
    pub answered_at: Option<i64>,
    #[serde(default)]
    pub ended_at: Option<i64>,
    #[serde(default)]
    pub duration: Option<i64>,
    /// International display format, or `anonymous`.
    pub raw_digits: String,
    #[serde(default)]
    pub asset: Option<String>,
    #[serde(default)]
    pub recording: Option<String>,
    #[serde(default)]
    pub recording_short_url: Option<String>,
    #[serde(default)]
    pub voicemail: Option<String>,
    #[serde(default)]
    pub voicemail_short_url: Option<String>,
    #[serde(default)]
    pub archived: Option<bool>,
    #[serde(default)]
    pub user: Option<User>,
    #[serde(default)]
    pub assigned_to: Option<UserRef>,
    #[serde(default)]
    pub transferred_by: Option<UserRef>,
    #[serde(default)]
    pub transferred_to: Option<UserRef>,
    #[serde(default)]
    pub number: Option<Number>,
    #[serde(default)]
    pub tags: Vec<CallTag>,
    #[serde(default)]
    pub comments: Vec<Comment>,
    #[serde(default)]
    pub country_code_a2: Option<String>,
}

impl Call {
    pub fn is_anonymous(&self) -> bool {
        self.raw_digits.trim().eq_ignore_ascii_case("anonymous")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Detail {
    pub id: i64,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contact {
    pub id: ContactId,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub company_name: Option<String>,
    #[serde(default)]
    pub information: Option<String>,
    #[serde(default)]
    pub created_at: Option<i64>,
    #[serde(default)]
    pub updated_at: Option<i64>,
    #[serde(default)]
    pub phone_numbers: Vec<Detail>,
    #[serde(default)]
    pub emails: Vec<Detail>,
}

/// A new contact (`POST /v1/contacts`): `phone_numbers` needs at least one entry.
#[derive(Debug, Clone, Serialize, Default)]
pub struct NewContact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub information: Option<String>,
    pub phone_numbers: Vec<NewDetail>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<NewDetail>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewDetail {
    pub label: String,
    pub value: String,
}

/// An update (`POST /v1/contacts/:id`): only these four fields; never send a blank one.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct ContactUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub information: Option<String>,
}

impl ContactUpdate {
    pub fn is_empty(&self) -> bool {
        *self == ContactUpdate::default()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Company {
    pub name: String,
    #[serde(default)]
    pub users_count: Option<u64>,
    #[serde(default)]
    pub numbers_count: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub count: u64,
    pub total: u64,
    pub current_page: u64,
    pub per_page: u64,
    #[serde(default)]
    pub next_page_link: Option<String>,
    #[serde(default)]
    pub previous_page_link: Option<String>,
}
