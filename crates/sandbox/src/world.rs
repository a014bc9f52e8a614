//! The sandbox's own model of both services: plain structs the fake routes read and write.
//! Deliberately independent of aircom's clients (this crate cannot see them): the fakes are a second
//! reading of the digests, and tests against them mean something only while that holds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct World {
    pub aircall: AircallWorld,
    pub intercom: IntercomWorld,
    /// What the generator seeded, for tests to compare against.
    pub truth: Truth,
    pub next_id: i64,
}

impl World {
    pub fn alloc_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }
}

// ---------------------------------------------------------------- Aircall

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct AircallWorld {
    pub company_name: String,
    pub users: Vec<AUser>,
    pub numbers: Vec<ANumber>,
    pub tags: Vec<ATag>,
    pub calls: Vec<ACall>,
    pub contacts: BTreeMap<i64, AContact>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub created_at: String,
    pub available: bool,
    pub availability: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ANumber {
    pub id: i64,
    pub name: String,
    /// Display format, as Aircall serves it (`+33 1 84 88 40 00`).
    pub digits: String,
    pub country: String,
    pub time_zone: String,
    pub user_ids: Vec<i64>,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ATag {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ACallTag {
    pub tag_id: i64,
    pub created_at: i64,
    pub tagged_by: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AComment {
    pub id: i64,
    pub content: String,
    pub posted_at: i64,
    pub posted_by: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ACall {
    pub id: i64,
    pub direction: String,
    pub status: String,
    pub missed_call_reason: Option<String>,
    pub started_at: i64,
    pub answered_at: Option<i64>,
    pub ended_at: Option<i64>,
    /// International display format, or `anonymous`.
    pub raw_digits: String,
    pub user_id: Option<i64>,
    pub number_id: i64,
    pub assigned_to: Option<i64>,
    pub transferred_by: Option<i64>,
    pub transferred_to: Option<i64>,
    pub tags: Vec<ACallTag>,
    pub comments: Vec<AComment>,
    pub has_recording: bool,
    pub has_voicemail: bool,
    pub archived: bool,
    pub country_code_a2: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ADetail {
    pub id: i64,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AContact {
    pub id: i64,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company_name: Option<String>,
    pub information: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub phone_numbers: Vec<ADetail>,
    pub emails: Vec<ADetail>,
}

// ---------------------------------------------------------------- Intercom

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct IntercomWorld {
    pub app_id: String,
    pub app_name: String,
    pub region: String,
    pub me: String,
    pub admins: Vec<IAdmin>,
    pub contacts: BTreeMap<String, IContact>,
    pub conversations: BTreeMap<String, IConversation>,
    pub conversation_attributes: Vec<IConvAttribute>,
    pub tags: Vec<ITag>,
    #[serde(default)]
    pub companies: Vec<ICompany>,
    pub next_hex: u64,
    /// Live contacts sorted by (created_at, id): the fake's index for keyset paging and
    /// created_at ranges. Rebuilt after any contact write.
    #[serde(skip)]
    pub created_index: Option<Vec<(i64, String)>>,
    /// `total_count` per search query, valid until the index is rebuilt.
    #[serde(skip)]
    pub search_counts: std::collections::HashMap<String, usize>,
}

impl IntercomWorld {
    /// A 24-hex contact id, increasing so ids sort in creation order.
    pub fn alloc_hex(&mut self) -> String {
        self.next_hex += 1;
        format!("6{:023x}", self.next_hex)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IAdmin {
    pub id: String,
    pub name: String,
    pub email: String,
    pub away_mode_enabled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IContact {
    pub id: String,
    pub role: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub name: Option<String>,
    pub external_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub last_seen_at: Option<i64>,
    pub country: Option<String>,
    pub custom_attributes: serde_json::Map<String, serde_json::Value>,
    pub tag_ids: Vec<String>,
    pub merged_into: Option<String>,
    pub archived: bool,
    #[serde(default)]
    pub company_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IPart {
    pub id: String,
    pub part_type: String,
    pub body: Option<String>,
    pub created_at: i64,
    pub author_type: String,
    pub author_id: String,
    pub assigned_to: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IConversation {
    pub id: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub contact_id: String,
    pub contact_role: String,
    pub source_id: String,
    pub source_body: String,
    pub state: String,
    pub admin_assignee_id: i64,
    pub team_assignee_id: i64,
    pub parts: Vec<IPart>,
    pub tag_ids: Vec<String>,
    pub custom_attributes: serde_json::Map<String, serde_json::Value>,
    pub read: bool,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IConvAttribute {
    pub id: i64,
    pub name: String,
    pub data_type: String,
    pub description: Option<String>,
    pub archived: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ICompany {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ITag {
    pub id: String,
    pub name: String,
}

// ---------------------------------------------------------------- truth

/// What the generator put in on purpose, so tests compare jobs with it.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Truth {
    /// The anchor all demo times are relative to (UNIX s).
    pub anchor: i64,
    /// E.164 → Intercom contact ids sharing it (users and leads).
    pub intercom_duplicate_groups: BTreeMap<String, Vec<String>>,
    /// E.164 → Aircall contact ids sharing it.
    pub aircall_duplicate_groups: BTreeMap<String, Vec<i64>>,
    /// Intercom contact id → the E.164 its stored phone means (contacts with a real number).
    pub intercom_phone_e164: BTreeMap<String, String>,
    /// Intercom contact id → the region hint the generator meant for a national format.
    pub intercom_phone_region: BTreeMap<String, String>,
    /// Intercom contact ids whose phone is garbage or empty.
    pub intercom_bad_phones: Vec<String>,
    /// Calls the "native integration" logged: call id → conversation id.
    pub natively_logged: BTreeMap<i64, String>,
    /// Calls never logged because their number is shared by several contacts.
    pub blocked_by_duplicates: Vec<i64>,
    /// Calls never logged for any other reason (the outage window): the backfill's work.
    pub gaps: Vec<i64>,
    /// Calls from anonymous callers.
    pub anonymous_calls: Vec<i64>,
    /// The anonymous contact, when seeded.
    pub anonymous_contact: Option<String>,
    /// Outage window (UNIX s, start inclusive, end exclusive) during which nothing was logged.
    pub outage: (i64, i64),
    /// Call id → the six-kind classification the generator meant.
    pub call_kinds: BTreeMap<i64, String>,
}
