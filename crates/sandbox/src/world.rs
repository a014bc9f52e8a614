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
    /// Teams (aircall-api.md §6 Teams).
    #[serde(default)]
    pub teams: Vec<ATeam>,
}

/// An Aircall team (aircall-api.md §6 Teams): `id`, `name` (unique, ≤64 chars), `created_at`
/// (ISO), `users[]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ATeam {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub user_ids: Vec<i64>,
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
    /// Teams the call rang (aircall-api.md §4.4 `teams`: filled for inbound calls only).
    #[serde(default)]
    pub team_ids: Vec<i64>,
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

/// What the generator put in on purpose, so tests compare jobs with it. Written while the world
/// is written (by construction), never derived from the world afterwards.
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
    /// Calls the "native integration" logged: call id → the conversation holding its log.
    pub natively_logged: BTreeMap<i64, String>,
    /// Calls never logged because their number is shared by several contacts.
    pub blocked_by_duplicates: Vec<i64>,
    /// Ended calls the native integration did not log (outages, random and repeat misses;
    /// outside the 60-day world also unknown and anonymous callers while contact creation
    /// was off, and callers with unreadable phones): the calls a correct backfill must log
    /// (`calls[..].cause` says why each was missed, `decision` what an audit sees).
    pub gaps: Vec<i64>,
    /// Calls from anonymous callers.
    pub anonymous_calls: Vec<i64>,
    /// The anonymous contact, when seeded.
    pub anonymous_contact: Option<String>,
    /// The first outage window (UNIX s, start inclusive, end exclusive): nothing was logged.
    pub outage: (i64, i64),
    /// Call id → the six-kind classification the generator meant (for the native title; see
    /// `calls[..].acceptable_titles` for every defensible reading).
    pub call_kinds: BTreeMap<i64, String>,
    /// Every outage window (start inclusive, end exclusive), most recent first; `outage` is
    /// the first. The native integration wrote nothing at all inside them, and wrote
    /// elsewhere; `outage_calls` says what can be observed of each.
    #[serde(default)]
    pub outages: Vec<(i64, i64)>,
    /// When the admin switched the native logging mode (behaviour §6), and the modes before
    /// and after.
    #[serde(default)]
    pub mode_switch_at: i64,
    #[serde(default)]
    pub mode_before: Option<LogMode>,
    #[serde(default)]
    pub mode_after: Option<LogMode>,
    /// The set-up admin (behaviour §7).
    #[serde(default)]
    pub setup_admin: String,
    /// Per call: what a correct job must do with it, and what the native integration did.
    #[serde(default)]
    pub calls: BTreeMap<i64, CallTruth>,
    /// Aircall contact id → the Intercom contact its `information` links (`intercom_id:<id>`,
    /// aircall-api.md §5.2).
    #[serde(default)]
    pub aircall_links: BTreeMap<i64, String>,
    /// Aircall contacts whose `information` is a hand-written note, not a link.
    #[serde(default)]
    pub aircall_hand_written_info: Vec<i64>,
    /// Aircall contact id → the Intercom contact that has the same number, with no link.
    #[serde(default)]
    pub aircall_unlinked_shared: BTreeMap<i64, String>,
    /// Aircall team ids.
    #[serde(default)]
    pub teams: Vec<i64>,
    /// Aircall number names that change under HTML escaping (`&`, `<`, quotes).
    #[serde(default)]
    pub html_escaped_number_names: Vec<String>,
    /// Names with hard characters seeded on purpose (contacts, tags, numbers, comments).
    #[serde(default)]
    pub hard_names: Vec<String>,
    /// Intercom contacts the native integration created for unknown callers (behaviour §4).
    #[serde(default)]
    pub native_new_contacts: Vec<String>,
    /// Ordinary customer conversations seeded before the calls (not native logs).
    #[serde(default)]
    pub ordinary_conversations: Vec<String>,
    /// Which reading of behaviour §7 this world's native integration took for missed and
    /// voicemail calls (re)assigned in the phone app to a user with a matching email: `true`,
    /// the reassignment rule applies to them too (that teammate, with the note); `false`, they
    /// stay unassigned like every missed call (no note). §7 does not say; one integration
    /// behaves one way, so one world takes one reading for all its native logs, and the seeds
    /// differ. A correct job may take either (`CallTruth::acceptable_assignees`).
    #[serde(default)]
    pub native_reassigns_unanswered: bool,
    /// Per exported SMS (message id, as in `data::sms_archive`): what a correct SMS backfill
    /// must do with it, and what the native integration did (behaviour §3, §6, §7).
    #[serde(default)]
    pub sms: BTreeMap<String, SmsTruth>,
    /// Intercom contact id → a stored phone that a correct `fix numbers` or `sync contacts`
    /// run under `--yes` must not write as a tool first reads it (issue 13, "Never harm the
    /// data"): what is stored, every E.164 reading a tool might compute, and what it may and
    /// must never write. The readings assume the default country
    /// [`UNCERTAIN_DEFAULT_COUNTRY`] (`--country FR`), except `allowed_without_default`.
    ///
    /// Mostly the hard-phone block the generator appends after everything else (with no calls
    /// attached, never in `intercom_phone_e164`). It also lists the main generator's
    /// `"<international> ext. NN"` contacts: those stay in `intercom_phone_e164` (the number
    /// is certain) but their phone carries an extension E.164 cannot hold, so they must not be
    /// rewritten or synced either. A contact in both maps is such an extension.
    #[serde(default)]
    pub intercom_uncertain_phones: BTreeMap<String, UncertainPhone>,
    /// Aircall contact id → the Intercom contact (a key of `intercom_uncertain_phones`) whose
    /// wrong reading this Aircall contact's number is. These are other people who really have
    /// that French number, with no link and no calls: a sync that reads the Intercom phone the
    /// wrong way would adopt them ("a French number now rings as the wrong person"). A correct
    /// sync leaves them as they are.
    #[serde(default)]
    pub aircall_wrong_person: BTreeMap<i64, String>,
    /// Days of call history before the anchor (`data::Seed::days`, default
    /// [`DEFAULT_DAYS`]): every call starts in `(anchor − days·86 400, anchor)`.
    #[serde(default = "default_days")]
    pub days: u32,
    /// `outages` again, in the same order, each with what can be observed of it (see
    /// [`OutageTruth`]: an outage is only observable through the calls it swallowed).
    #[serde(default)]
    pub outage_calls: Vec<OutageTruth>,
    /// From when (UNIX s) the native integration's "create contacts" setting was on.
    /// Behaviour §4: "When no user/lead matches the number of a call or SMS **and the settings
    /// ask for contact creation**, a new user/lead is created"; §5: "For a call from an
    /// anonymous number ... **with contact creation enabled**, one anonymous user/lead is
    /// created once". Before this instant the setting was off: a call from a number no
    /// Intercom contact holds was not logged and no contact was created (cause
    /// [`MissCause::UnknownCaller`]), nor was an anonymous call (cause
    /// [`MissCause::Anonymous`]). From it on, the integration creates the `<E.164> New
    /// Aircall contact` leads and the anonymous contact as usual.
    ///
    /// `None`: on over the whole window (the 60-day world). Worlds of any other span start
    /// with it off, for three weeks ([`CREATION_OFF_DAYS`]; fewer below 81 days, so that 60
    /// days have it on); no outage falls in those weeks, so an outage is never confused with
    /// calls that were not loggable anyway.
    #[serde(default)]
    pub contact_creation_since: Option<i64>,
    /// Intercom contact id → a phone stored in a form that the native integration cannot
    /// read, though a careful human reads it as one certain number (see [`UnreadablePhone`]).
    /// These contacts are in none of `intercom_phone_e164`, `intercom_bad_phones` and
    /// `intercom_uncertain_phones`. Seeded only when asked (`data::Seed::unreadable_callers`;
    /// automatic for any span but 60 days), with calls, none logged natively (cause
    /// [`MissCause::UnreadableNumber`]).
    #[serde(default)]
    pub intercom_unreadable_phones: BTreeMap<String, UnreadablePhone>,
}

/// The call window of the default world, in days (`data::Seed::days`).
pub const DEFAULT_DAYS: u32 = 60;

/// How many days at the start of a window of any span but [`DEFAULT_DAYS`] the native
/// integration's contact creation was off ([`Truth::contact_creation_since`]).
pub const CREATION_OFF_DAYS: u32 = 21;

fn default_days() -> u32 {
    DEFAULT_DAYS
}

/// One outage (an element of [`Truth::outages`]): `[start, end)`, UNIX s, a stretch in which
/// the native integration wrote nothing at all: no conversation, part, contact, tag or SMS
/// log (its late writes included: the completion ~30 s after `ended_at`, comment notes,
/// phone-app reassignments, partial logs of calls in progress, behaviour §8 and §10). Every
/// such stretch the generator made is here, and there is no other.
///
/// Nobody outside the generator can see `start` and `end`: an outage is observable only
/// through the calls it swallowed, from the first affected call (`first_call_at`) to the last
/// (`last_call_at`). All one can say of the real bounds is that the start lies in
/// `[last_logged_call_before, first_call_at]` and the end in
/// `(last_call_at, first_logged_call_after]`. A report that finds the outage should put its
/// bounds in those intervals (give or take its tolerance).
///
/// Outside the 60-day world, four seeded calls at each outage's edges make both bounds
/// visible to a quarter of an hour: `first_call_at − start` ≤ 5 min,
/// `start − last_logged_call_before` ≤ 15 min, `end − last_call_at` ≤ 10 min,
/// `first_logged_call_after − end` ≤ 10 min: a report that puts the start at the first
/// missed call (or after the last logged one) and the end at the last missed call (or
/// before the first logged one after) is within 15 minutes of `start` and `end`. The
/// 60-day world has a few calls a
/// day: there the intervals can be hours wide, and a test should compare with them rather
/// than with `start` and `end`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct OutageTruth {
    pub start: i64,
    pub end: i64,
    /// Calls started inside `[start, end)` that the native integration would have logged
    /// but for the outage (cause [`MissCause::Outage`]), in `started_at` order. Calls it
    /// would not have logged anyway (a shared number, an unreadable phone, an unknown caller
    /// while contact creation was off) prove nothing about the outage and are not listed.
    /// Never empty, except in the 60-day world with fewer than 20 calls (which stays as it
    /// always was, byte for byte).
    pub calls: Vec<i64>,
    /// `started_at` of the first and the last of `calls`; `None` only when `calls` is empty.
    pub first_call_at: Option<i64>,
    pub last_call_at: Option<i64>,
    /// Calls started before `start` that the outage swallowed all the same: a later write
    /// (the completion ~30 s after the end, a comment's note, a phone-app reassignment) would
    /// have fallen inside it, and the sandbox's integration logs a call whole or not at all.
    /// Cause [`MissCause::Outage`]; a report sees them as isolated misses before the window,
    /// so [`MissCause::RandomMiss`] is acceptable for them too.
    pub calls_started_before: Vec<i64>,
    /// `started_at` of the last ended call logged natively that started before `start`, and
    /// of the first that started at or after `end` (`None`: no such call in the window).
    pub last_logged_call_before: Option<i64>,
    pub first_logged_call_after: Option<i64>,
}

/// A phone stored in a form the native integration cannot read (an element of
/// [`Truth::intercom_unreadable_phones`]).
///
/// Behaviour §1: "Only a valid phone in the Intercom contact's standard `phone` attribute
/// counts: E.164 (`+15555555555`) or one of the supported formats in section 9." §3: calls
/// are logged for "a number saved (validly formatted) on exactly one Intercom user/lead".
/// These phones are neither (`+33 (0)6 12 34 56 78`, `tel:+33612345678`,
/// `06 12 34 56 78 (mobile)`, `Mobile: +49 176 …`), yet each is one certain number to a
/// careful reader (the contact's location names its country).
///
/// The references leave open what the native integration then does, and every reading is
/// acceptable:
/// - this world's: it did not match the contact and did not log the call (cause
///   [`MissCause::UnreadableNumber`]), nor did it create a contact;
/// - §4 read literally ("When no user/lead matches the number ... a new user/lead is
///   created"): with creation on it would have created a `<E.164> New Aircall contact` lead
///   and logged the call there. A backfill that does what the integration would have done
///   may do that (the call's `contact_id` names the person; a new §4 lead is acceptable too);
/// - §9 says "The list is not exhaustive": the real integration might read some of these
///   forms. The sandbox takes none of them as read.
///
/// An audit that reads the phone as a careful human does counts the call as
/// [`Decision::Unreadable`] (cause `UnreadableNumber`); one that follows §1 to the letter
/// sees no contact for the number ([`Decision::UnknownCaller`], cause `UnknownCaller`). Both
/// are in the call's `acceptable_decisions` and `acceptable_causes`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct UnreadablePhone {
    /// The stored phone, verbatim.
    pub raw: String,
    /// The one number a careful reader reads in it.
    pub e164: String,
    /// The contact's `location.country`, as seeded (a country name).
    pub location: Option<String>,
    /// The form: `trunk_zero_in_brackets`, `tel_uri`, `labelled_national`,
    /// `labelled_international`.
    pub form: String,
    /// The calls from or to this number (none logged natively).
    pub calls: Vec<i64>,
}

/// Why the native integration did not log a call (completely): [`CallTruth::cause`].
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum MissCause {
    /// Inside an outage ([`Truth::outages`]): the integration wrote nothing.
    Outage,
    /// A scattered miss, outside every outage (about one ended loggable call in twenty).
    RandomMiss,
    /// One call of a repeat-caller pair (the same caller minutes apart; only one of the two
    /// was logged). A report that cannot tell it from a random miss may say `random_miss`.
    RepeatMiss,
    /// The number is on several Intercom contacts: behaviour §3, "Duplicates block logging".
    SharedNumber,
    /// No Intercom contact held the number and the integration created none: contact
    /// creation was off ([`Truth::contact_creation_since`], behaviour §4 "and the settings
    /// ask for contact creation").
    UnknownCaller,
    /// The caller is an Intercom contact, but their stored phone is not a form the native
    /// integration reads (behaviour §1, §9; [`Truth::intercom_unreadable_phones`]).
    UnreadableNumber,
    /// An anonymous call while contact creation was off (behaviour §5: the anonymous contact
    /// is created "with contact creation enabled"), before any anonymous contact existed.
    Anonymous,
    /// Still in progress (`ended_at` null): "has not been completely logged by anyone yet"
    /// (behaviour §10), whether or not a partial native log exists.
    InProgress,
}

/// What an audit run on the world as seeded (before any job wrote to it) must count a call
/// as: [`CallTruth::decision`]. Read from the world's present state, not from history: a
/// call missed while its number had no contact, whose caller got a contact later, is a
/// `Gap` now.
#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Logged (completely) by the native integration.
    Native,
    /// Ended, not logged natively, and exactly one Intercom contact now holds the number in
    /// a form the integration reads (or, for an anonymous call, the anonymous contact
    /// exists): a backfill logs it there. (The default only so that old state files load;
    /// the sandbox always computes it.)
    #[default]
    Gap,
    /// Its number is on several Intercom contacts (behaviour §3): must not be logged.
    Blocked,
    /// Ended, not logged natively, and no Intercom contact holds the number (for an
    /// anonymous call: no anonymous contact exists): "no contact".
    UnknownCaller,
    /// Ended, not logged natively; the caller is an Intercom contact whose phone the
    /// integration cannot read ([`UnreadablePhone`]).
    Unreadable,
    /// `ended_at` is null (behaviour §10).
    InProgress,
    /// Logged by the tool itself in an earlier run. Never in the truth (the sandbox cannot
    /// know in advance what a job will log): [`Truth::decision_counts`] moves the calls a
    /// test names there.
    LoggedByTool,
}

/// How many calls fall under each [`Decision`] (see [`Truth::day_counts`],
/// [`Truth::decision_counts`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct DecisionCounts {
    /// Calls counted.
    pub calls: usize,
    /// Per decision, the calls whose [`CallTruth::decision`] it is (after moving the calls
    /// logged by the tool to [`Decision::LoggedByTool`]). For most days this is the one
    /// right answer; when `flexible` is not empty, use [`DecisionCounts::accepts`].
    pub by_decision: BTreeMap<Decision, usize>,
    /// Calls with more than one acceptable decision (`CallTruth::acceptable_decisions`):
    /// each distinct set, and how many calls have it. They are also counted in
    /// `by_decision`, under their own `decision`.
    pub flexible: Vec<(Vec<Decision>, usize)>,
    /// Calls named as logged by the tool whose truth says no job may log them (natively
    /// logged, blocked by a shared number, in progress): a tool bug. They stay counted under
    /// their truth decision.
    pub unexpected_tool_logs: Vec<i64>,
}

impl DecisionCounts {
    /// The calls under one decision.
    pub fn get(&self, d: Decision) -> usize {
        self.by_decision.get(&d).copied().unwrap_or(0)
    }

    /// Whether a report's counts can be right: every call can be given one of its
    /// acceptable decisions so that the counts come out as `report`'s (a decision missing
    /// from `report` counts 0).
    pub fn accepts(&self, report: &BTreeMap<Decision, usize>) -> bool {
        let mut fixed = self.by_decision.clone();
        for (set, n) in &self.flexible {
            if let Some(primary) = set.first() {
                let e = fixed.entry(*primary).or_default();
                *e = e.saturating_sub(*n);
            }
        }
        // What the flexible calls must make up, per decision.
        let mut need: BTreeMap<Decision, usize> = BTreeMap::new();
        for d in fixed.keys().chain(report.keys()) {
            let want = report.get(d).copied().unwrap_or(0);
            let have = fixed.get(d).copied().unwrap_or(0);
            if want < have {
                return false;
            }
            need.insert(*d, want - have);
        }
        let supply: usize = self.flexible.iter().map(|(_, n)| n).sum();
        if need.values().sum::<usize>() != supply {
            return false;
        }
        // A tiny max-flow: source → each flexible set (its count) → each decision it allows
        // → sink (what that decision needs).
        let decisions: Vec<Decision> = need.keys().copied().collect();
        let g = self.flexible.len();
        let n = 2 + g + decisions.len();
        let (src, sink) = (0, n - 1);
        let mut cap = vec![vec![0usize; n]; n];
        for (i, (set, k)) in self.flexible.iter().enumerate() {
            cap[src][1 + i] = *k;
            for (j, d) in decisions.iter().enumerate() {
                if set.contains(d) {
                    cap[1 + i][1 + g + j] = usize::MAX / 4;
                }
            }
        }
        for (j, d) in decisions.iter().enumerate() {
            cap[1 + g + j][sink] = need[d];
        }
        let mut flow = 0usize;
        loop {
            let mut prev = vec![usize::MAX; n];
            prev[src] = src;
            let mut queue = std::collections::VecDeque::from([src]);
            while let Some(u) = queue.pop_front() {
                for v in 0..n {
                    if prev[v] == usize::MAX && cap[u][v] > 0 {
                        prev[v] = u;
                        queue.push_back(v);
                    }
                }
            }
            if prev[sink] == usize::MAX {
                break;
            }
            let mut push = usize::MAX;
            let mut v = sink;
            while v != src {
                push = push.min(cap[prev[v]][v]);
                v = prev[v];
            }
            let mut v = sink;
            while v != src {
                cap[prev[v]][v] -= push;
                cap[v][prev[v]] += push;
                v = prev[v];
            }
            flow += push;
        }
        flow == supply
    }
}

/// The default country the readings in [`UncertainPhone`] assume: the tests run
/// `--country FR` (README's `default_country = "FR"`).
pub const UNCERTAIN_DEFAULT_COUNTRY: &str = "FR";

/// Why a stored phone is not certain (issue 13).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum UncertainKind {
    /// A national number on a contact whose location names its real country, where the same
    /// digits read with the default country are also a valid, different number: the two hints
    /// disagree (issue 13: "when the two give different valid readings, the number is
    /// ambiguous"). Never written under `--yes`, not even the location's reading.
    Ambiguous,
    /// A foreign national number on a contact with no location. Its only reading is the
    /// default country's, a valid number, but not the person's (`meant`). No tool can know
    /// that: the references make the default country the reading for a national number
    /// (behaviour §9: "with that country as the default"; issue 13: "the default country
    /// (`--country`, config) the fallback"), and nothing on the contact says otherwise. So the
    /// truth does not forbid the default reading (`allowed` holds it): demanding that would
    /// fail every honest tool. It records the limit, and forbids anything else (a guessed
    /// other country, a mangled number).
    DefaultCountryOnly,
    /// The phone carries an extension (`poste 12`, `ext 12`, `x 5`, `;ext=21`, `ext. 42`).
    /// E.164 cannot carry it, so every write drops it: "A phone with an extension is never
    /// rewritten to drop it ... it is reported", and sync does not write it either ("no
    /// ambiguous or extension-bearing phone is written by `fix` or `sync` under `--yes`").
    Extension,
    /// A national number one digit short for its location's country (a typo), which happens
    /// to be a valid number of the default country: "a too-short UK number became a valid
    /// French one". No number at all for that person (`meant` is `None`); the default
    /// country's reading is forbidden.
    TooShort,
    /// `00` followed by digits that read both as an international number (`00` is France's
    /// international prefix) and as behaviour §9's "`00` followed by the national number
    /// without its trunk zero" (FR `00762043575`): here `00687…`, a valid New Caledonian
    /// (+687, six digits) number and a valid French mobile (06 87 …). The same shape is one
    /// number for one contact and the other for another (`meant`), so neither is written
    /// under `--yes`.
    IddOrNational,
}

/// One uncertain phone's truth (see [`Truth::intercom_uncertain_phones`]). E.164 values are
/// `+` and digits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct UncertainPhone {
    /// The stored phone, verbatim: after a correct `fix numbers --yes` it is byte-identical,
    /// unless `allowed` names what it may become.
    pub raw: String,
    /// The contact's `location.country` as seeded (a country name, as Intercom serves it).
    pub location: Option<String>,
    pub kind: UncertainKind,
    /// The person's real number, as the generator meant it; `None` when the stored phone is
    /// no number (too short). Not always among `readings` (`DefaultCountryOnly`).
    pub meant: Option<String>,
    /// The extension the phone carries, when it does.
    pub extension: Option<String>,
    /// Every valid E.164 reading a tool might compute from `raw` with the location and the
    /// default country [`UNCERTAIN_DEFAULT_COUNTRY`] (an extension dropped).
    pub readings: Vec<String>,
    /// What a correct run under `--yes` with that default country may write for this contact
    /// (as its Intercom phone, or on an Aircall contact linked to or created from it). Empty:
    /// nothing; the phone stays as stored and no Aircall contact gets it.
    pub allowed: Vec<String>,
    /// The same with no default country at all (no `--country`, no config): only the
    /// location hints. E.g. an `Ambiguous` number is then certain (its location's reading).
    pub allowed_without_default: Vec<String>,
    /// `readings` minus `allowed`: what must never be written for this contact under `--yes`
    /// with the default country, not as its phone, not on any Aircall contact a sync writes.
    pub forbidden: Vec<String>,
}

/// One exported SMS's truth. `expect` is one of `Log` (not logged natively: a correct backfill
/// must log it), `LoggedNativelyConversation` (its own conversation, the title is the
/// source), `LoggedNativelyPart` (title part and notes appended to the contact's last open
/// conversation) or `BlockedByDuplicates` (its number is on several Intercom contacts, §3);
/// never `InProgress`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SmsTruth {
    pub expect: Expect,
    /// `inbound` | `outbound` (the archived message's `direction`).
    pub direction: String,
    /// The message's `created_at` and `updated_at` (UNIX s), as exported.
    pub created_at: i64,
    pub updated_at: i64,
    /// The Aircall number used, and its name (the title's `<number name>`, plain).
    pub number_id: i64,
    pub number_name: String,
    /// The external number in E.164 (the message's `external_number`).
    pub e164: String,
    /// The message's `status` (`received`, `delivered`, `failed`).
    pub status: String,
    /// The Aircall user on the message (the sender of an outbound SMS).
    pub user_id: Option<i64>,
    /// The Intercom contact the SMS belongs to: the one contact holding the number (also for
    /// a gap: a backfill must reuse it); `None` for an unknown number (a backfill creates the
    /// contact, behaviour §4) or when blocked by duplicates.
    pub contact_id: Option<String>,
    /// The logging mode in force when the SMS was (or would have been) logged.
    pub mode: LogMode,
    /// Every title a correct log may carry (behaviour §6; plain text, not escaped).
    pub acceptable_titles: Vec<String>,
    /// The title the native integration wrote, when it logged the SMS.
    pub native_title: Option<String>,
    /// The conversation holding the native log.
    pub conversation_id: Option<String>,
    /// The title part (last-open mode); `None` when the title is the conversation's source.
    pub part_id: Option<String>,
    /// Every part the native log wrote (title part, notes, assignment), in time order.
    pub part_ids: Vec<String>,
    /// Who wrote the title part in last-open mode: `admin` (the set-up admin) or `contact`.
    pub title_author: Option<String>,
    /// When the native log was written (UNIX s): a few seconds after the message.
    pub native_logged_at: Option<i64>,
    /// Every acceptable assignee after the log (admin ids; `None` = unassigned), behaviour §7.
    pub acceptable_assignees: Vec<Option<String>>,
    /// The last-open conversation the log went into was created before the call window.
    pub conversation_created_before_window: bool,
    /// Why a logged-able SMS is a gap: `outage`, `random_miss`, `contact_created_later` (the
    /// contact was created after the message), `last_open_holds_call` /
    /// `later_last_open_call` (the sandbox keeps native SMS logs out of call logs' way; to a
    /// job these look like random misses).
    pub miss_reason: Option<String>,
}

/// The native logging mode (behaviour §6).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum LogMode {
    NewConversation,
    LastOpenConversation,
}

/// What a correct job must do with a call.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// Not logged natively: a correct backfill must log it.
    Log,
    /// Logged natively as its own conversation (the title is the source): leave alone.
    LoggedNativelyConversation,
    /// Logged natively as parts of an existing conversation: leave alone.
    LoggedNativelyPart,
    /// Its number is on several Intercom contacts: must not be logged (behaviour §3).
    BlockedByDuplicates,
    /// Still in progress (`ended_at` null): must not be logged yet (behaviour §10).
    InProgress,
}

/// When the native integration first wrote a call's log (behaviour §10).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum NativeTiming {
    /// At `answered_at` (or a few seconds after), completed ~30 s after `ended_at`.
    AtAnswer,
    /// Only ~30 s after `ended_at`.
    AtEnd,
}

/// One call's truth.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CallTruth {
    pub expect: Expect,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    /// The Intercom contact the call belongs to when it is (or was) logged; `None` when a
    /// backfill must create it (unknown caller never logged natively, §4/§5) or when blocked.
    pub contact_id: Option<String>,
    /// The caller's E.164; `None` for anonymous callers.
    pub e164: Option<String>,
    /// The kind the native title used (see `call_kinds`).
    pub kind: Option<String>,
    /// Every title a correct log may carry (behaviour §6; plain text, not escaped).
    pub acceptable_titles: Vec<String>,
    /// The title the native integration wrote, when it logged the call.
    pub native_title: Option<String>,
    /// Every acceptable final assignee (admin ids; `None` = unassigned), behaviour §7.
    pub acceptable_assignees: Vec<Option<String>>,
    /// The logging mode in force when the call was (or would have been) logged.
    pub mode: LogMode,
    /// The conversation holding the native log (also set for a partial log of a call still
    /// in progress).
    pub conversation_id: Option<String>,
    /// Every part id the native integration wrote for this call (title part in last-open
    /// mode, notes, assignments), in time order.
    pub part_ids: Vec<String>,
    /// The part carrying the title (last-open mode), or `None` when the title is the source.
    pub title_part_id: Option<String>,
    /// Who authored the title part in last-open mode: `admin` or `contact`.
    pub title_author: Option<String>,
    /// When the native log was first written (conversation `created_at` or title part).
    pub native_logged_at: Option<i64>,
    /// When the native log was completed (~30 s after `ended_at`).
    pub native_completed_at: Option<i64>,
    pub native_timing: Option<NativeTiming>,
    /// The native conversation existed before the call started (last-open mode).
    pub conversation_created_before_call: bool,
    /// The native conversation was created before the call window (`Truth::days`).
    pub conversation_created_before_window: bool,
    /// Why a loggable ended call has no native log: `outage`, `random_miss`, `repeat_miss`;
    /// outside the 60-day world also `unknown_caller`, `anonymous`, `unreadable_number`.
    /// `None` for blocked calls and calls in progress. Kept as it was; `cause` gives the
    /// same as an enum, for every call not logged natively.
    pub miss_reason: Option<String>,
    /// The other call of a repeat-caller pair (same caller, minutes apart).
    pub repeat_pair: Option<i64>,
    /// Aircall tag names the native integration synced (within two hours, behaviour §8).
    pub synced_tags: Vec<String>,
    /// Aircall tag names added later than two hours after the end: never synced natively.
    pub late_tags: Vec<String>,
    /// `ended_at − started_at` > 300 s.
    pub long_call: bool,
    /// Comments on the call, and whether the native notes repeat earlier ones (§6).
    pub comments: usize,
    /// A phone-app reassignment with a matching email: the note text the native integration
    /// wrote (native logs), or the note a log must carry (other calls), behaviour §7, plain.
    /// `None` when no note was written or none is required: a missed or voicemail call
    /// reassigned to a matching teammate may be logged with or without it (see
    /// `acceptable_reassignment_notes`).
    pub reassignment_note: Option<String>,
    /// Every reassignment note a correct log may carry (plain; `None` = no note). One entry,
    /// `reassignment_note`, for most calls; `[None, Some(note)]` for a missed or voicemail
    /// call reassigned in the phone app to a matching teammate, where behaviour §7 is
    /// ambiguous. The note names the assigner, whom Aircall's API does not name for an
    /// unanswered call (aircall-api.md §4.4 has no such field; `user` is null): a job can
    /// only name the assignee.
    #[serde(default)]
    pub acceptable_reassignment_notes: Vec<Option<String>>,
    /// The Aircall user the call was (re)assigned to in the phone app (aircall-api.md §4.4
    /// `assigned_to`), whether or not their email matches a teammate.
    #[serde(default)]
    pub assigned_in_app_to: Option<i64>,
    /// That user's Intercom teammate (admin id), when their email matches one (behaviour §7,
    /// case-insensitively).
    #[serde(default)]
    pub assigned_in_app_teammate: Option<String>,
    /// The call was transferred (behaviour §7).
    pub transferred: bool,
    /// Why the native integration did not log this call (completely): `None` exactly when
    /// it did (`expect` is `LoggedNativelyConversation` or `LoggedNativelyPart`). When
    /// several apply, the one that would have stopped the log anyway comes first: a shared
    /// number, then an unreadable phone, then an unknown or anonymous caller while contact
    /// creation was off, then an outage, then a repeat or random miss. `miss_reason` stays
    /// as it was (`outage`, `random_miss`, `repeat_miss`, and now also `unknown_caller`,
    /// `unreadable_number`, `anonymous` for ended calls; `None` when blocked or in progress).
    #[serde(default)]
    pub cause: Option<MissCause>,
    /// Every cause a report may defensibly give for this call, `cause` first: also
    /// `outage` for a call that any other cause stopped inside an outage; `random_miss` for a
    /// repeat miss, and for a call started before an outage that swallowed it
    /// ([`OutageTruth::calls_started_before`]); `unknown_caller` (or `anonymous`) for a call
    /// an outage stopped when no contact held its number yet; `unknown_caller` for an
    /// unreadable phone ([`UnreadablePhone`]). Empty when natively logged.
    #[serde(default)]
    pub acceptable_causes: Vec<MissCause>,
    /// What an audit of the world as seeded must count this call as ([`Decision`]).
    #[serde(default)]
    pub decision: Decision,
    /// Every decision an audit may defensibly reach, `decision` first: one, except for an
    /// unreadable phone (`unreadable` or `unknown_caller`, see [`UnreadablePhone`]).
    #[serde(default)]
    pub acceptable_decisions: Vec<Decision>,
    /// The Aircall number (line) the call used.
    #[serde(default)]
    pub number_id: i64,
    /// Every kind the call may defensibly be classified as (behaviour §6; the kinds of
    /// `acceptable_titles`, in the same order; `kind` is the one the native title used).
    #[serde(default)]
    pub acceptable_kinds: Vec<String>,
}

/// Counts over the truth, so tests see at a glance that every hard case is present.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq, Eq)]
pub struct TruthSummary {
    pub calls: usize,
    pub calls_by_expect: BTreeMap<String, usize>,
    pub html_escaped_number_names: usize,
    pub hard_names: usize,
    pub last_open_native_logs: usize,
    pub new_conversation_native_logs: usize,
    pub native_logs_in_conversations_created_before_window: usize,
    pub abandoned_titled_missed: usize,
    pub abandoned_titled_inbound_unanswered: usize,
    pub native_logged_at_answer: usize,
    pub native_logged_at_end: usize,
    pub native_logs_answered_at_end: usize,
    pub long_calls: usize,
    pub long_calls_logged_at_answer: usize,
    pub in_progress_calls: usize,
    pub in_progress_with_partial_native_log: usize,
    pub ended_a_minute_before_anchor: usize,
    pub repeat_callers_one_native_log: usize,
    pub random_native_misses: usize,
    pub outage_misses: usize,
    pub calls_with_several_comments_logged: usize,
    pub intercom_id_links: usize,
    pub hand_written_information: usize,
    pub unlinked_shared_numbers: usize,
    pub teams: usize,
    pub outages: usize,
    pub tags_synced: usize,
    pub late_tags_not_synced: usize,
    pub title_part_by_admin: usize,
    pub title_part_by_contact: usize,
    pub reassigned_in_app: usize,
    /// Missed or voicemail calls (re)assigned in the phone app to a user whose email matches
    /// a teammate (behaviour §7 is ambiguous for them), and to one whose email does not.
    pub unanswered_reassigned_matching: usize,
    pub unanswered_reassigned_not_matching: usize,
    pub transferred: usize,
    pub unassigned_missed: usize,
    pub several_acceptable_assignees: usize,
    pub native_new_contacts: usize,
    pub anonymous_calls: usize,
    pub ordinary_conversations: usize,
    /// Exported SMS with a truth record, and their count per expect kind.
    #[serde(default)]
    pub sms: usize,
    #[serde(default)]
    pub sms_by_expect: BTreeMap<String, usize>,
    /// Native SMS logs written in each logging mode (behaviour §6).
    #[serde(default)]
    pub sms_native_logs_new_conversation_mode: usize,
    #[serde(default)]
    pub sms_native_logs_last_open_mode: usize,
    /// Native SMS logs of each direction.
    #[serde(default)]
    pub sms_native_inbound: usize,
    #[serde(default)]
    pub sms_native_outbound: usize,
    /// Uncertain Intercom phones (issue 13), and their count per kind.
    #[serde(default)]
    pub uncertain_phones: usize,
    #[serde(default)]
    pub uncertain_phones_by_kind: BTreeMap<String, usize>,
    /// Aircall contacts holding the wrong reading of an uncertain phone (other people).
    #[serde(default)]
    pub aircall_wrong_person: usize,
    /// Calls per [`Decision`] and per [`MissCause`] (snake_case keys).
    #[serde(default)]
    pub calls_by_decision: BTreeMap<String, usize>,
    #[serde(default)]
    pub calls_by_cause: BTreeMap<String, usize>,
}

impl Truth {
    pub fn summary(&self) -> TruthSummary {
        let mut s = TruthSummary {
            calls: self.calls.len(),
            html_escaped_number_names: self.html_escaped_number_names.len(),
            hard_names: self.hard_names.len(),
            intercom_id_links: self.aircall_links.len(),
            hand_written_information: self.aircall_hand_written_info.len(),
            unlinked_shared_numbers: self.aircall_unlinked_shared.len(),
            teams: self.teams.len(),
            outages: self.outages.len(),
            native_new_contacts: self.native_new_contacts.len(),
            anonymous_calls: self.anonymous_calls.len(),
            ordinary_conversations: self.ordinary_conversations.len(),
            ..TruthSummary::default()
        };
        s.sms = self.sms.len();
        s.uncertain_phones = self.intercom_uncertain_phones.len();
        s.aircall_wrong_person = self.aircall_wrong_person.len();
        for u in self.intercom_uncertain_phones.values() {
            let key = serde_json::to_value(u.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            *s.uncertain_phones_by_kind.entry(key).or_default() += 1;
        }
        for m in self.sms.values() {
            let key = serde_json::to_value(m.expect)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            *s.sms_by_expect.entry(key).or_default() += 1;
            if m.native_logged_at.is_some() {
                match m.mode {
                    LogMode::NewConversation => s.sms_native_logs_new_conversation_mode += 1,
                    LogMode::LastOpenConversation => s.sms_native_logs_last_open_mode += 1,
                }
                if m.direction == "inbound" {
                    s.sms_native_inbound += 1;
                } else {
                    s.sms_native_outbound += 1;
                }
            }
        }
        let abandoned = |k: &CallTruth| k.acceptable_titles.len() > 1;
        for (id, c) in &self.calls {
            let key = serde_json::to_value(c.expect)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            *s.calls_by_expect.entry(key).or_default() += 1;
            *s.calls_by_decision.entry(snake(&c.decision)).or_default() += 1;
            if let Some(cause) = &c.cause {
                *s.calls_by_cause.entry(snake(cause)).or_default() += 1;
            }
            let native = matches!(
                c.expect,
                Expect::LoggedNativelyConversation | Expect::LoggedNativelyPart
            );
            match c.expect {
                Expect::LoggedNativelyPart => s.last_open_native_logs += 1,
                Expect::LoggedNativelyConversation => s.new_conversation_native_logs += 1,
                Expect::InProgress => {
                    s.in_progress_calls += 1;
                    if c.conversation_id.is_some() {
                        s.in_progress_with_partial_native_log += 1;
                    }
                }
                _ => {}
            }
            if native && c.conversation_created_before_window {
                s.native_logs_in_conversations_created_before_window += 1;
            }
            if native && abandoned(c) {
                match c.kind.as_deref() {
                    Some("missed") => s.abandoned_titled_missed += 1,
                    Some("inbound_unanswered") => s.abandoned_titled_inbound_unanswered += 1,
                    _ => {}
                }
            }
            if native {
                match c.native_timing {
                    Some(NativeTiming::AtAnswer) => {
                        s.native_logged_at_answer += 1;
                        if c.long_call {
                            s.long_calls_logged_at_answer += 1;
                        }
                    }
                    Some(NativeTiming::AtEnd) => {
                        s.native_logged_at_end += 1;
                        if c.kind.as_deref().is_some_and(|k| k.ends_with("_answered")) {
                            s.native_logs_answered_at_end += 1;
                        }
                    }
                    None => {}
                }
                if c.comments >= 2 {
                    s.calls_with_several_comments_logged += 1;
                }
                s.tags_synced += c.synced_tags.len();
                match c.title_author.as_deref() {
                    Some("admin") => s.title_part_by_admin += 1,
                    Some("contact") => s.title_part_by_contact += 1,
                    _ => {}
                }
            }
            if c.long_call {
                s.long_calls += 1;
            }
            s.late_tags_not_synced += c.late_tags.len();
            match c.miss_reason.as_deref() {
                Some("random_miss") => s.random_native_misses += 1,
                Some("outage") => s.outage_misses += 1,
                _ => {}
            }
            if let Some(other) = c.repeat_pair {
                if *id < other {
                    let a = native;
                    let b = self.calls.get(&other).is_some_and(|o| {
                        matches!(
                            o.expect,
                            Expect::LoggedNativelyConversation | Expect::LoggedNativelyPart
                        )
                    });
                    if a != b {
                        s.repeat_callers_one_native_log += 1;
                    }
                }
            }
            if c.reassignment_note.is_some() {
                s.reassigned_in_app += 1;
            }
            let unanswered = matches!(
                c.kind.as_deref(),
                Some("missed" | "voicemail" | "inbound_unanswered")
            );
            if unanswered && c.assigned_in_app_to.is_some() {
                if c.assigned_in_app_teammate.is_some() {
                    s.unanswered_reassigned_matching += 1;
                } else {
                    s.unanswered_reassigned_not_matching += 1;
                }
            }
            if c.transferred {
                s.transferred += 1;
            }
            if c.acceptable_assignees == vec![None] {
                s.unassigned_missed += 1;
            }
            if c.acceptable_assignees.len() > 1 {
                s.several_acceptable_assignees += 1;
            }
        }
        // Calls that ended within the last two minutes before the anchor.
        s.ended_a_minute_before_anchor = self
            .calls
            .values()
            .filter(|c| {
                c.ended_at
                    .is_some_and(|t| t >= self.anchor - 120 && t < self.anchor)
            })
            .count();
        s
    }

    /// The UTC day (its midnight, UNIX s) an instant falls in. A call belongs to the day of
    /// its `started_at`.
    pub fn day_of(ts: i64) -> i64 {
        ts - ts.rem_euclid(86_400)
    }

    /// Every UTC day (midnight, UNIX s) on which a call started, in order.
    pub fn call_days(&self) -> Vec<i64> {
        let days: std::collections::BTreeSet<i64> = self
            .calls
            .values()
            .map(|c| Self::day_of(c.started_at))
            .collect();
        days.into_iter().collect()
    }

    /// The calls started on one UTC day (`day`: any instant of it), per decision, for an
    /// audit of the world as seeded (no job has logged anything yet).
    pub fn day_counts(&self, day: i64) -> DecisionCounts {
        self.day_counts_after(day, &Default::default())
    }

    /// The same, after jobs logged the calls `logged_by_tool` (see
    /// [`Truth::decision_counts`]).
    pub fn day_counts_after(
        &self,
        day: i64,
        logged_by_tool: &std::collections::BTreeSet<i64>,
    ) -> DecisionCounts {
        let day = Self::day_of(day);
        self.decision_counts(|_, c| Self::day_of(c.started_at) == day, logged_by_tool)
    }

    /// [`Truth::day_counts_after`] for every day with calls, in one pass.
    pub fn all_day_counts(
        &self,
        logged_by_tool: &std::collections::BTreeSet<i64>,
    ) -> BTreeMap<i64, DecisionCounts> {
        let mut by_day: BTreeMap<i64, std::collections::BTreeSet<i64>> = BTreeMap::new();
        for (id, c) in &self.calls {
            by_day
                .entry(Self::day_of(c.started_at))
                .or_default()
                .insert(*id);
        }
        by_day
            .into_iter()
            .map(|(day, ids)| {
                let counts = self.decision_counts_of(
                    ids.iter().map(|id| (*id, &self.calls[id])),
                    logged_by_tool,
                );
                (day, counts)
            })
            .collect()
    }

    /// The calls `keep` selects (by id and truth: a day, an Aircall number
    /// (`CallTruth::number_id`), a kind (`acceptable_kinds`), a window...), per decision.
    ///
    /// **Calls the tool logged itself.** The sandbox cannot know in advance what a job will
    /// log, so its truth never says [`Decision::LoggedByTool`]. A test that runs a backfill
    /// (or any job that logs calls) before the audit collects the ids of the calls that job
    /// logged (from the job's own report, or from the sandbox: the conversations and parts
    /// it wrote through the API are in `Sandbox::requests` / `/_sandbox/log`, and in the
    /// world next to the truth's native logs) and passes them as `logged_by_tool`. Each
    /// such call moves from `Gap` to `LoggedByTool`, as do `UnknownCaller` and `Unreadable`
    /// calls (the job created or found their contact); the counts of every other decision
    /// stay as seeded. A named call the truth says no job may log (`Native`, `Blocked`,
    /// `InProgress`) stays under its decision and is listed in `unexpected_tool_logs`: the
    /// test should fail on it. A job that created contacts may also turn other calls of the
    /// same number from `UnknownCaller` into `Gap`; a backfill logs those too, so after it
    /// they are `LoggedByTool` as well.
    pub fn decision_counts(
        &self,
        keep: impl Fn(i64, &CallTruth) -> bool,
        logged_by_tool: &std::collections::BTreeSet<i64>,
    ) -> DecisionCounts {
        self.decision_counts_of(
            self.calls
                .iter()
                .filter(|(id, c)| keep(**id, c))
                .map(|(id, c)| (*id, c)),
            logged_by_tool,
        )
    }

    fn decision_counts_of<'a>(
        &self,
        calls: impl Iterator<Item = (i64, &'a CallTruth)>,
        logged_by_tool: &std::collections::BTreeSet<i64>,
    ) -> DecisionCounts {
        let mut out = DecisionCounts::default();
        let mut flexible: BTreeMap<Vec<Decision>, usize> = BTreeMap::new();
        for (id, c) in calls {
            let id = &id;
            out.calls += 1;
            let mut d = c.decision;
            let mut set = c.acceptable_decisions.clone();
            if logged_by_tool.contains(id) {
                if matches!(
                    d,
                    Decision::Gap | Decision::UnknownCaller | Decision::Unreadable
                ) {
                    d = Decision::LoggedByTool;
                    set = vec![d];
                } else {
                    out.unexpected_tool_logs.push(*id);
                }
            }
            *out.by_decision.entry(d).or_default() += 1;
            if set.len() > 1 {
                *flexible.entry(set).or_default() += 1;
            }
        }
        out.flexible = flexible.into_iter().collect();
        out
    }

    /// Fills what older state files lack: `cause`, `acceptable_causes`, `decision`,
    /// `acceptable_decisions` (from `expect`, `miss_reason` and `contact_id`), and
    /// `outage_calls` (none). Calls that have them are left alone.
    pub fn fill_missing(&mut self) {
        for c in self.calls.values_mut() {
            if !c.acceptable_decisions.is_empty() {
                continue;
            }
            let native = matches!(
                c.expect,
                Expect::LoggedNativelyConversation | Expect::LoggedNativelyPart
            );
            if c.cause.is_none() && !native {
                c.cause = Some(match (c.expect, c.miss_reason.as_deref()) {
                    (Expect::InProgress, _) => MissCause::InProgress,
                    (Expect::BlockedByDuplicates, _) => MissCause::SharedNumber,
                    (_, Some("random_miss")) => MissCause::RandomMiss,
                    (_, Some("repeat_miss")) => MissCause::RepeatMiss,
                    (_, Some("unknown_caller")) => MissCause::UnknownCaller,
                    (_, Some("unreadable_number")) => MissCause::UnreadableNumber,
                    (_, Some("anonymous")) => MissCause::Anonymous,
                    _ => MissCause::Outage,
                });
                c.acceptable_causes = c.cause.into_iter().collect();
            }
            c.decision = derive_decision(c);
            c.acceptable_decisions = vec![c.decision];
        }
    }
}

/// A call's decision from its truth (see [`Decision`]).
pub fn derive_decision(c: &CallTruth) -> Decision {
    match c.expect {
        Expect::LoggedNativelyConversation | Expect::LoggedNativelyPart => Decision::Native,
        Expect::InProgress => Decision::InProgress,
        Expect::BlockedByDuplicates => Decision::Blocked,
        Expect::Log if c.cause == Some(MissCause::UnreadableNumber) => Decision::Unreadable,
        Expect::Log if c.contact_id.is_some() => Decision::Gap,
        Expect::Log => Decision::UnknownCaller,
    }
}

/// A unit enum's serde name.
fn snake<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
