//! Intercom 2.16 objects as aircom reads them (digest §5–§8). Ids are strings except where
//! the digest says otherwise (`admin_assignee_id` is an integer, 0 when unassigned).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::id_type;

id_type!(ContactId(String));
id_type!(AdminId(String));
id_type!(ConversationId(String));
id_type!(TagId(String));

/// Reads an id that the spec types as a string but examples show as a number.
fn string_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected an id, got {other}"
        ))),
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct App {
    pub id_code: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub timezone: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Me {
    #[serde(deserialize_with = "string_id")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    pub app: App,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Admin {
    #[serde(deserialize_with = "string_id")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub away_mode_enabled: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Location {
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contact {
    pub id: ContactId,
    pub role: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub created_at: Option<i64>,
    #[serde(default)]
    pub updated_at: Option<i64>,
    #[serde(default)]
    pub last_seen_at: Option<i64>,
    #[serde(default)]
    pub location: Option<Location>,
    #[serde(default)]
    pub custom_attributes: Map<String, Value>,
    /// Companies attached (ids only; at most 10 are embedded).
    #[serde(default)]
    pub companies: Option<CompanyList>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct CompanyList {
    #[serde(default)]
    pub data: Vec<CompanyRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompanyRef {
    #[serde(deserialize_with = "string_id")]
    pub id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Company {
    #[serde(deserialize_with = "string_id")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

impl Contact {
    /// The stored email, or `None` when empty.
    pub fn email(&self) -> Option<&str> {
        self.email.as_deref().filter(|e| !e.is_empty())
    }
}

/// `POST /contacts` / `PUT /contacts/{id}` body: only the keys present change.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ContactWrite {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `Some(None)` clears the phone (`"phone": null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tag {
    #[serde(deserialize_with = "string_id")]
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Author {
    #[serde(default)]
    pub r#type: Option<String>,
    #[serde(default)]
    pub id: Option<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub author: Option<Author>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Part {
    #[serde(deserialize_with = "string_id")]
    pub id: String,
    pub part_type: String,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub created_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Parts {
    pub conversation_parts: Vec<Part>,
    #[serde(default)]
    pub total_count: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TagList {
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContactRef {
    pub id: ContactId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContactList {
    pub contacts: Vec<ContactRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Conversation {
    pub id: ConversationId,
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: Option<i64>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub open: Option<bool>,
    /// 0 when unassigned (2.16; `null` before).
    #[serde(default)]
    pub admin_assignee_id: Option<i64>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub contacts: Option<ContactList>,
    #[serde(default)]
    pub tags: Option<TagList>,
    #[serde(default)]
    pub custom_attributes: Map<String, Value>,
    #[serde(default)]
    pub conversation_parts: Option<Parts>,
}

/// What `POST /conversations` returns: a message, not a conversation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreatedMessage {
    #[serde(deserialize_with = "string_id")]
    pub id: String,
    pub conversation_id: ConversationId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConversationAttribute {
    pub id: i64,
    pub name: String,
    pub data_type: String,
    #[serde(default)]
    pub archived: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Next {
    #[serde(default)]
    pub starting_after: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pages {
    #[serde(default)]
    pub next: Option<Next>,
}

/// One page of a list or search: `data` for contacts, `conversations` for conversations.
/// Decoded in a single pass from the response bytes (a bulk scan reads every contact once).
#[derive(Debug, Deserialize)]
#[serde(bound = "T: Deserialize<'de>")]
pub struct ListPage<T> {
    #[serde(alias = "conversations")]
    pub data: Vec<T>,
    #[serde(default)]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub pages: Option<Pages>,
}

impl<T> ListPage<T> {
    pub fn next_cursor(&self) -> Option<String> {
        self.pages
            .as_ref()
            .and_then(|p| p.next.as_ref())
            .and_then(|n| n.starting_after.clone())
    }
}
