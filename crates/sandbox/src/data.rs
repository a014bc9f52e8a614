//! Deterministic demo data: the same seed and anchor give the same world, byte for byte.
//! Realistic in shape: phones stored every way people store them, numbers shared by several
//! contacts, native-integration placeholders, an anonymous contact, admins whose emails match
//! some Aircall users (one only by letter case), calls of every kind over 60 days, and
//! conversations written the way the native integration writes them, except during an outage.

use std::collections::BTreeMap;

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::world::*;

/// How much demo data to seed.
#[derive(Debug, Clone, Copy)]
pub struct Seed {
    pub seed: u64,
    pub contacts: usize,
    pub calls: usize,
    /// UNIX seconds all demo times are relative to (default: today's UTC midnight).
    pub anchor: i64,
}

const DAY: i64 = 86_400;

/// Number templates: country, location name, international pattern, national pattern. The
/// same `X` digits fill both patterns.
const TEMPLATES: &[(&str, &str, &str, &str)] = &[
    ("FR", "France", "+33 6 1X XX XX XX", "06 1X XX XX XX"),
    ("FR", "France", "+33 1 4X XX XX XX", "01 4X XX XX XX"),
    ("US", "United States", "+1 415-7XX-XXXX", "(415) 7XX-XXXX"),
    ("US", "United States", "+1 617-3XX-XXXX", "(617) 3XX-XXXX"),
    ("GB", "United Kingdom", "+44 20 7XXX XXXX", "020 7XXX XXXX"),
    ("GB", "United Kingdom", "+44 7700 1XXXXX", "07700 1XXXXX"),
    ("DE", "Germany", "+49 176 XXXXXXXX", "0176 XXXXXXXX"),
    ("DE", "Germany", "+49 30 XXXXXXXX", "030 XXXXXXXX"),
    ("ES", "Spain", "+34 6XX XXX XXX", "6XX XXX XXX"),
    ("ES", "Spain", "+34 91X XX XX XX", "91X XX XX XX"),
    ("BR", "Brazil", "+55 11 9XXXX-XXXX", "(11) 9XXXX-XXXX"),
    ("AU", "Australia", "+61 412 XXX XXX", "0412 XXX XXX"),
    ("AU", "Australia", "+61 2 8XXX XXXX", "(02) 8XXX XXXX"),
];

/// A generated number in its canonical and display forms.
#[derive(Debug, Clone)]
pub struct GenNumber {
    pub country: &'static str,
    pub location: &'static str,
    pub international: String,
    pub national: String,
    pub e164: String,
}

pub fn gen_number(rng: &mut impl Rng) -> GenNumber {
    let (country, location, intl, nat) = *TEMPLATES.choose(rng).expect("templates");
    let count = intl.matches('X').count();
    let digits: Vec<char> = (0..count)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect();
    let fill = |pat: &str| {
        let mut i = 0;
        pat.chars()
            .map(|c| {
                if c == 'X' {
                    i += 1;
                    digits[i - 1]
                } else {
                    c
                }
            })
            .collect::<String>()
    };
    let international = fill(intl);
    let national = fill(nat);
    let e164: String = international
        .chars()
        .filter(|c| *c == '+' || c.is_ascii_digit())
        .collect();
    GenNumber {
        country,
        location,
        international,
        national,
        e164,
    }
}

/// The stored forms a person might have typed for a number, and whether each needs the
/// contact's country to be read.
pub fn stored_forms(n: &GenNumber) -> Vec<(String, bool)> {
    let idd = if n.country == "US" { "011" } else { "00" };
    vec![
        (n.e164.clone(), false),
        (n.international.clone(), false),
        (n.national.clone(), true),
        (n.e164[1..].to_string(), true),
        (format!("{idd}{}", &n.e164[1..]), true),
        (n.national.replace(' ', "."), true),
        (n.international.replace(' ', "-"), false),
    ]
}

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chloé", "David", "Emma", "Farid", "Grace", "Hugo", "Inès", "Jonas", "Kenji",
    "Léa", "Mateo", "Nora", "Omar", "Paula", "Quentin", "Rosa", "Sven", "Tara", "Uma", "Victor",
    "Wen", "Yasmin", "Zoe",
];
const LAST: &[&str] = &[
    "Silva",
    "Martin",
    "Müller",
    "García",
    "Smith",
    "Dubois",
    "Rossi",
    "Kowalski",
    "Nguyen",
    "Okafor",
    "Tanaka",
    "Johansson",
    "O'Brien",
    "Costa",
    "Haddad",
    "Novak",
    "Fischer",
    "Moreau",
];
const COMPANIES: &[&str] = &["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark"];
const GARBAGE: &[&str] = &["n/a", "12", "call me", "0000000000", "+999 123", "-", "tbd"];
const TAGS: &[(&str, &str)] = &[
    ("VIP", "#29C8FF"),
    ("Callback", "#00B388"),
    ("Billing", "#FF8A00"),
    ("Lead", "#8E44AD"),
];
const MISSED_REASONS: &[&str] = &[
    "out_of_opening_hours",
    "short_abandoned",
    "abandoned_in_ivr",
    "abandoned_in_classic",
    "no_available_agent",
    "agents_did_not_answer",
];

fn iso(ts: i64) -> String {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S.000Z").to_string())
        .unwrap_or_default()
}

/// Today's UTC midnight: the default anchor, so two runs on one day match.
pub fn default_anchor() -> i64 {
    let now = jiff::Timestamp::now().as_second();
    now - now.rem_euclid(DAY)
}

/// The six kinds, as this sandbox reads Aircall's fields (see the behaviour reference §6).
pub fn classify(c: &ACall) -> &'static str {
    match (c.direction.as_str(), c.answered_at.is_some()) {
        ("outbound", true) => "outbound_answered",
        ("outbound", false) => "outbound_unanswered",
        (_, true) => "inbound_answered",
        _ if c.has_voicemail => "voicemail",
        _ => match c.missed_call_reason.as_deref() {
            Some("out_of_opening_hours")
            | Some("no_available_agent")
            | Some("agents_did_not_answer") => "missed",
            _ => "inbound_unanswered",
        },
    }
}

fn title(kind: &str, number_name: &str) -> String {
    let t = match kind {
        "inbound_answered" => "Inbound answered call",
        "inbound_unanswered" => "Inbound unanswered call",
        "outbound_answered" => "Outbound answered call",
        "outbound_unanswered" => "Outbound unanswered call",
        "missed" => "Missed call",
        _ => "Voicemail",
    };
    format!("{t} on {number_name}")
}

pub fn generate(seed: Seed) -> World {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.seed);
    let anchor = seed.anchor;
    let mut w = World {
        next_id: 1_000_000_000,
        ..World::default()
    };
    w.truth.anchor = anchor;

    // ---- Intercom admins and Aircall users.
    w.intercom.app_id = "sbx4pp1d".into();
    w.intercom.app_name = "Acme (sandbox)".into();
    w.intercom.region = "US".into();
    let admins = [
        ("991200001", "Olivia Ops", "olivia.ops@acme.example"),
        ("991200002", "Ada Agent", "ada@acme.example"),
        ("991200003", "Bruno Bell", "bruno@acme.example"),
        ("991200004", "Carla Case", "Carla.Case@acme.example"),
        ("991200005", "Dan Desk", "dan@acme.example"),
    ];
    for (id, name, email) in admins {
        w.intercom.admins.push(IAdmin {
            id: id.into(),
            name: name.into(),
            email: email.into(),
            away_mode_enabled: false,
        });
    }
    w.intercom.me = "991200001".into();
    w.intercom.next_hex = 0x64a0_0000_0000;
    w.intercom.conversation_attributes = Vec::new();

    w.aircall.company_name = "Acme".into();
    let users = [
        ("Ada Agent", "ada@acme.example"),
        ("Bruno Bell", "bruno@acme.example"),
        // Differs from the admin's email only by letter case: must still match.
        ("Carla Case", "carla.case@acme.example"),
        ("Eve Extern", "eve@contractor.example"),
        ("Finn Field", "finn@acme-sales.example"),
    ];
    let mut user_ids = Vec::new();
    for (name, email) in users {
        let id = w.alloc_id();
        user_ids.push(id);
        w.aircall.users.push(AUser {
            id,
            name: name.into(),
            email: email.into(),
            created_at: iso(anchor - 400 * DAY),
            available: true,
            availability: "available".into(),
        });
    }
    let numbers = [
        (
            "Paris Support",
            "+33 1 84 88 40 00",
            "FR",
            "Europe/Paris",
            vec![0, 1, 2],
        ),
        (
            "US Sales",
            "+1 415-767-1200",
            "US",
            "America/Los_Angeles",
            vec![4],
        ),
        (
            "UK Support",
            "+44 20 3000 1000",
            "GB",
            "Europe/London",
            vec![0, 3],
        ),
    ];
    let mut number_ids = Vec::new();
    for (name, digits, country, tz, members) in numbers {
        let id = w.alloc_id();
        number_ids.push(id);
        w.aircall.numbers.push(ANumber {
            id,
            name: name.into(),
            digits: digits.into(),
            country: country.into(),
            time_zone: tz.into(),
            user_ids: members.iter().map(|&i| user_ids[i]).collect(),
            created_at: iso(anchor - 500 * DAY),
        });
    }
    for (name, color) in TAGS {
        let id = w.alloc_id();
        w.aircall.tags.push(ATag {
            id,
            name: (*name).into(),
            color: (*color).into(),
            description: None,
        });
    }

    // ---- Intercom contacts.
    let mut by_e164: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut callable: Vec<(String, GenNumber)> = Vec::new();
    let n_groups = (seed.contacts / 12).clamp(2, 48);
    let mut group_numbers: Vec<GenNumber> = (0..n_groups).map(|_| gen_number(&mut rng)).collect();
    let mut group_members = 0usize;
    let mut created = anchor - 700 * DAY;
    let step = (690 * DAY / seed.contacts.max(1) as i64).max(1);
    for i in 0..seed.contacts {
        created += rng.random_range(1..=step);
        let id = w.intercom.alloc_hex();
        let first = *FIRST.choose(&mut rng).expect("names");
        let last = *LAST.choose(&mut rng).expect("names");
        let role = if rng.random_bool(0.7) { "user" } else { "lead" };
        let email = if role == "user" || rng.random_bool(0.4) {
            Some(format!(
                "{}.{}{}@example.com",
                first.to_lowercase(),
                last.to_lowercase().replace('\'', ""),
                i
            ))
        } else {
            None
        };
        // Phone: a duplicate-group member, garbage, empty, or a number of its own.
        let roll = rng.random_range(0..100);
        let mut country = None;
        let phone: Option<String>;
        if roll < 8 && !group_numbers.is_empty() {
            // Fill groups two members at a time, wrapping round for larger seeds.
            let k = (group_members / 2) % group_numbers.len();
            group_members += 1;
            let n = group_numbers[k].clone();
            let forms = stored_forms(&n);
            let (form, needs_country) = forms.choose(&mut rng).expect("forms").clone();
            if needs_country || rng.random_bool(0.5) {
                country = Some(n.location);
            }
            phone = Some(form);
            by_e164.entry(n.e164.clone()).or_default().push(id.clone());
            w.truth
                .intercom_phone_e164
                .insert(id.clone(), n.e164.clone());
            w.truth
                .intercom_phone_region
                .insert(id.clone(), n.country.into());
            group_numbers[k] = n;
        } else if roll < 12 {
            phone = Some((*GARBAGE.choose(&mut rng).expect("garbage")).to_string());
            w.truth.intercom_bad_phones.push(id.clone());
        } else if roll < 17 {
            phone = if rng.random_bool(0.5) {
                None
            } else {
                Some(String::new())
            };
            w.truth.intercom_bad_phones.push(id.clone());
        } else {
            let n = gen_number(&mut rng);
            let forms = stored_forms(&n);
            let (mut form, needs_country) = forms.choose(&mut rng).expect("forms").clone();
            if needs_country || rng.random_bool(0.6) {
                country = Some(n.location);
            }
            if rng.random_bool(0.03) {
                form = format!("{} ext. {}", n.international, rng.random_range(10..99));
            } else {
                callable.push((id.clone(), n.clone()));
            }
            phone = Some(form);
            by_e164.entry(n.e164.clone()).or_default().push(id.clone());
            w.truth
                .intercom_phone_e164
                .insert(id.clone(), n.e164.clone());
            w.truth
                .intercom_phone_region
                .insert(id.clone(), n.country.into());
        }
        let updated = created + rng.random_range(0..60 * DAY).min(anchor - created);
        w.intercom.contacts.insert(
            id.clone(),
            IContact {
                id: id.clone(),
                role: role.into(),
                email,
                phone,
                name: if rng.random_bool(0.95) {
                    Some(format!("{first} {last}"))
                } else {
                    None
                },
                external_id: (role == "user").then(|| format!("u-{}", 10_000 + i)),
                created_at: created,
                updated_at: updated,
                last_seen_at: Some(updated + rng.random_range(0..DAY)),
                country: country.map(str::to_string),
                custom_attributes: Default::default(),
                tag_ids: Vec::new(),
                merged_into: None,
                archived: false,
                company_ids: vec![],
            },
        );
    }
    // Companies: every third user works at one (no random draws, so the rest of the data
    // stays as it was).
    for (i, name) in COMPANIES.iter().enumerate() {
        w.intercom.companies.push(ICompany {
            id: format!("c0{:022x}", i + 1),
            name: format!("{name} Inc"),
        });
    }
    for (i, c) in w.intercom.contacts.values_mut().enumerate() {
        if c.role == "user" && i % 3 == 0 {
            c.company_ids = vec![format!("c0{:022x}", i % COMPANIES.len() + 1)];
        }
    }
    // Make sure every group has at least two members (the modulo above spreads them).
    for (e164, ids) in &by_e164 {
        if ids.len() > 1 {
            w.truth
                .intercom_duplicate_groups
                .insert(e164.clone(), ids.clone());
        }
    }

    // ---- Aircall contacts: some pre-existing, a few sharing a number.
    let n_aircall = (seed.contacts / 10).max(6);
    let mut aircall_by_e164: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut shared_aircall: Option<GenNumber> = None;
    for i in 0..n_aircall {
        let id = w.alloc_id();
        // Every fifth contact shares the number of the one before it.
        let n = match (&shared_aircall, i % 5) {
            (Some(n), 1) => n.clone(),
            _ => {
                let n = gen_number(&mut rng);
                shared_aircall = Some(n.clone());
                n
            }
        };
        let ts = anchor - rng.random_range(30..300) * DAY;
        let first = *FIRST.choose(&mut rng).expect("names");
        let last = *LAST.choose(&mut rng).expect("names");
        aircall_by_e164.entry(n.e164.clone()).or_default().push(id);
        w.aircall.contacts.insert(
            id,
            AContact {
                id,
                first_name: Some(first.into()),
                last_name: Some(last.into()),
                company_name: rng
                    .random_bool(0.5)
                    .then(|| (*COMPANIES.choose(&mut rng).expect("co")).into()),
                information: None,
                created_at: ts,
                updated_at: ts,
                phone_numbers: vec![ADetail {
                    id: w.next_id + 500_000_000,
                    label: "Work".into(),
                    value: n.e164.clone(),
                }],
                emails: vec![],
            },
        );
        w.next_id += 1;
    }
    for (e164, ids) in aircall_by_e164 {
        if ids.len() > 1 {
            w.truth.aircall_duplicate_groups.insert(e164, ids);
        }
    }

    // ---- Calls over the last 60 days, with an outage from day -20 to day -12.
    let outage = (anchor - 20 * DAY, anchor - 12 * DAY);
    w.truth.outage = outage;
    let dup_numbers: Vec<String> = w.truth.intercom_duplicate_groups.keys().cloned().collect();
    let admin_by_email: BTreeMap<String, String> = w
        .intercom
        .admins
        .iter()
        .map(|a| (a.email.to_lowercase(), a.id.clone()))
        .collect();
    let user_email: BTreeMap<i64, String> = w
        .aircall
        .users
        .iter()
        .map(|u| (u.id, u.email.to_lowercase()))
        .collect();
    let tag_ids: Vec<i64> = w.aircall.tags.iter().map(|t| t.id).collect();
    let mut calls = Vec::new();
    for _ in 0..seed.calls {
        let started = anchor - rng.random_range(600..60 * DAY);
        let id = w.alloc_id();
        let number_idx = rng.random_range(0..number_ids.len());
        let members = w.aircall.numbers[number_idx].user_ids.clone();
        // Who is on the other end.
        let roll = rng.random_range(0..100);
        let (raw_digits, country) = if roll < 6 {
            ("anonymous".to_string(), "FR".to_string())
        } else if roll < 16 && !dup_numbers.is_empty() {
            let e = dup_numbers.choose(&mut rng).expect("dups").clone();
            let cid = &w.truth.intercom_duplicate_groups[&e][0];
            let region = w.truth.intercom_phone_region[cid].clone();
            (display_of(&e), region)
        } else if roll < 28 || callable.is_empty() {
            let n = gen_number(&mut rng);
            (n.international, n.country.to_string())
        } else {
            let (_, n) = callable.choose(&mut rng).expect("callable");
            (n.international.clone(), n.country.to_string())
        };
        let direction = if raw_digits != "anonymous" && rng.random_bool(0.3) {
            "outbound"
        } else {
            "inbound"
        };
        let agent = *members.choose(&mut rng).expect("members");
        let mut call = ACall {
            id,
            direction: direction.into(),
            status: "done".into(),
            missed_call_reason: None,
            started_at: started,
            answered_at: None,
            ended_at: None,
            raw_digits,
            user_id: None,
            number_id: number_ids[number_idx],
            assigned_to: None,
            transferred_by: None,
            transferred_to: None,
            tags: vec![],
            comments: vec![],
            has_recording: false,
            has_voicemail: false,
            archived: false,
            country_code_a2: country,
        };
        let wait = rng.random_range(3..40);
        let talk = rng.random_range(20..900);
        let answered = rng.random_bool(0.6);
        if direction == "outbound" {
            call.user_id = Some(agent);
            if answered {
                call.answered_at = Some(started + wait);
                call.has_recording = true;
            }
        } else if answered {
            call.user_id = Some(agent);
            call.answered_at = Some(started + wait);
            call.has_recording = true;
            let r = rng.random_range(0..100);
            let others: Vec<i64> = user_ids.iter().copied().filter(|u| *u != agent).collect();
            if r < 12 {
                // Transferred and answered: the target now holds the call.
                let to = *others.choose(&mut rng).expect("others");
                call.transferred_by = Some(agent);
                call.transferred_to = Some(to);
                call.user_id = Some(to);
            } else if r < 18 {
                // Transferred, target did not answer: stays with the first agent.
                let to = *others.choose(&mut rng).expect("others");
                call.transferred_by = Some(agent);
                call.transferred_to = Some(to);
            } else if r < 26 {
                call.assigned_to = Some(*others.choose(&mut rng).expect("others"));
            }
        } else {
            call.missed_call_reason =
                Some((*MISSED_REASONS.choose(&mut rng).expect("reasons")).into());
            call.has_voicemail = rng.random_bool(0.3);
        }
        call.ended_at = Some(started + wait + if call.answered_at.is_some() { talk } else { 0 });
        if rng.random_bool(0.25) {
            let k = rng.random_range(1..=2);
            for t in tag_ids.choose_multiple(&mut rng, k) {
                call.tags.push(ACallTag {
                    tag_id: *t,
                    created_at: started + 1200,
                    tagged_by: call.user_id,
                });
            }
        }
        let comments = if rng.random_bool(0.3) {
            rng.random_range(1..=3)
        } else {
            0
        };
        for c in 0..comments {
            let cid = w.alloc_id();
            call.comments.push(AComment {
                id: cid,
                content: format!(
                    "{} #{}",
                    ["Call back tomorrow", "Asked about invoice", "Wants a demo"][c % 3],
                    c + 1
                ),
                posted_at: started + 900 + c as i64 * 60,
                posted_by: call.user_id,
            });
        }
        w.truth.call_kinds.insert(id, classify(&call).into());
        calls.push(call);
    }
    calls.sort_by_key(|c| (c.started_at, c.id));

    // ---- What the native integration logged.
    let mut phone_owner: BTreeMap<String, Vec<String>> = by_e164;
    for call in &calls {
        if call.raw_digits == "anonymous" {
            w.truth.anonymous_calls.push(call.id);
        }
        let in_outage = call.started_at >= outage.0 && call.started_at < outage.1;
        let e164: String = call
            .raw_digits
            .chars()
            .filter(|c| *c == '+' || c.is_ascii_digit())
            .collect();
        let owners = phone_owner.get(&e164).cloned().unwrap_or_default();
        if owners.len() > 1 {
            w.truth.blocked_by_duplicates.push(call.id);
            continue;
        }
        if in_outage {
            w.truth.gaps.push(call.id);
            continue;
        }
        // Find or create the contact, as the native integration does.
        let contact_id = if call.raw_digits == "anonymous" {
            match &w.truth.anonymous_contact {
                Some(id) => id.clone(),
                None => {
                    let id = w.intercom.alloc_hex();
                    w.intercom.contacts.insert(
                        id.clone(),
                        native_lead(
                            &id,
                            "Aircall Anonymous Contact",
                            Some("anonymoys@aircall.io"),
                            None,
                            call.started_at,
                        ),
                    );
                    w.truth.anonymous_contact = Some(id.clone());
                    id
                }
            }
        } else if let Some(id) = owners.first() {
            id.clone()
        } else {
            let id = w.intercom.alloc_hex();
            w.intercom.contacts.insert(
                id.clone(),
                native_lead(
                    &id,
                    &format!("{e164} New Aircall contact"),
                    None,
                    Some(&e164),
                    call.started_at,
                ),
            );
            w.truth.intercom_phone_e164.insert(id.clone(), e164.clone());
            // Later calls from this number now match this placeholder.
            phone_owner
                .entry(e164.clone())
                .or_default()
                .push(id.clone());
            id
        };
        let number = w
            .aircall
            .numbers
            .iter()
            .find(|n| n.id == call.number_id)
            .expect("number")
            .clone();
        let kind = classify(call);
        let conv_id = (w.alloc_id() + 60_000_000_000_000).to_string();
        let role = w.intercom.contacts[&contact_id].role.clone();
        let mut parts = Vec::new();
        let mut part =
            |w: &mut World, part_type: &str, body: Option<String>, assigned: Option<String>| {
                let pid = w.alloc_id().to_string();
                parts.push(IPart {
                    id: pid,
                    part_type: part_type.into(),
                    body,
                    created_at: call.started_at,
                    author_type: "admin".into(),
                    author_id: w.intercom.me.clone(),
                    assigned_to: assigned,
                });
            };
        let user_name = |id: Option<i64>| {
            id.and_then(|id| w.aircall.users.iter().find(|u| u.id == id))
                .map(|u| u.name.clone())
                .unwrap_or_else(|| "nobody".into())
        };
        let note = format!(
            "<p>Caller: {}</p><p>Aircall number: {} ({})</p><p>Waiting time: {}s</p><p>Answered by: {}</p><p>Duration: {}s</p>",
            call.raw_digits,
            number.name,
            number.digits,
            call.answered_at.unwrap_or(call.ended_at.unwrap_or(call.started_at)) - call.started_at,
            user_name(call.user_id),
            call.ended_at.unwrap_or(call.started_at) - call.started_at
        );
        part(&mut w, "note", Some(note), None);
        // Native assignment (behaviour reference §7).
        let assignee = if kind == "missed" || kind == "inbound_unanswered" || kind == "voicemail" {
            0
        } else {
            let holder = call.assigned_to.or(call.user_id);
            holder
                .and_then(|u| user_email.get(&u))
                .and_then(|e| admin_by_email.get(e))
                .unwrap_or(&w.intercom.me)
                .parse::<i64>()
                .unwrap_or(0)
        };
        if assignee != 0 {
            part(&mut w, "assignment", None, Some(assignee.to_string()));
        }
        let mut conv_tags = Vec::new();
        for t in &call.tags {
            let name = w
                .aircall
                .tags
                .iter()
                .find(|x| x.id == t.tag_id)
                .map(|x| x.name.clone())
                .unwrap_or_default();
            let tid = match w
                .intercom
                .tags
                .iter()
                .find(|x| x.name.eq_ignore_ascii_case(&name))
            {
                Some(x) => x.id.clone(),
                None => {
                    let id = (w.alloc_id() + 7_000_000).to_string();
                    w.intercom.tags.push(ITag {
                        id: id.clone(),
                        name,
                    });
                    id
                }
            };
            conv_tags.push(tid);
        }
        let source_id = w.alloc_id().to_string();
        w.intercom.conversations.insert(
            conv_id.clone(),
            IConversation {
                id: conv_id.clone(),
                created_at: call.started_at,
                updated_at: call.ended_at.unwrap_or(call.started_at),
                contact_id,
                contact_role: role,
                source_id,
                source_body: title(kind, &number.name),
                state: "open".into(),
                admin_assignee_id: assignee,
                team_assignee_id: 0,
                parts,
                tag_ids: conv_tags,
                custom_attributes: Default::default(),
                read: false,
                title: None,
            },
        );
        w.truth.natively_logged.insert(call.id, conv_id);
    }
    w.aircall.calls = calls;
    w
}

/// A lead as the native integration creates it (the anonymous contact, or a placeholder for an
/// unknown number).
fn native_lead(
    id: &str,
    name: &str,
    email: Option<&str>,
    phone: Option<&str>,
    at: i64,
) -> IContact {
    IContact {
        id: id.to_string(),
        role: "lead".into(),
        email: email.map(str::to_string),
        phone: phone.map(str::to_string),
        name: Some(name.to_string()),
        external_id: None,
        created_at: at,
        updated_at: at,
        last_seen_at: None,
        country: None,
        custom_attributes: Default::default(),
        tag_ids: vec![],
        merged_into: None,
        archived: false,
        company_ids: vec![],
    }
}

/// International display form for a canonical number, from the template it came from.
pub fn display_of(e164: &str) -> String {
    // Groups of the templates: enough for a display string the way Aircall shows numbers.
    for (_, _, intl, _) in TEMPLATES {
        let prefix: String = intl
            .chars()
            .take_while(|c| *c != 'X')
            .filter(|c| *c == '+' || c.is_ascii_digit())
            .collect();
        let digits_in = intl
            .chars()
            .filter(|c| *c == 'X' || c.is_ascii_digit())
            .count();
        if e164.starts_with(&prefix) && e164.len() == digits_in + 1 {
            let mut digits = e164[1..].chars();
            return intl
                .chars()
                .map(|c| {
                    if c == 'X' || c.is_ascii_digit() {
                        digits.next().unwrap_or('0')
                    } else {
                        c
                    }
                })
                .collect();
        }
    }
    e164.to_string()
}

/// The demo SMS, as archived `message.*` webhook payloads (Aircall digest §7–§8): inbound
/// messages from known and unknown numbers, outbound ones with their delivery status.
pub fn sms_archive(w: &World, seed: u64) -> Vec<serde_json::Value> {
    use serde_json::json;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5353);
    let anchor = w.truth.anchor;
    let known: Vec<&String> = w.truth.intercom_phone_e164.values().collect();
    let mut out = Vec::new();
    let bodies = [
        "Hi, can you call me back?",
        "Thanks for the quick help!",
        "Is my order shipped?",
        "Your appointment is confirmed for 10:00.",
        "We tried to reach you, call us back when you can.",
    ];
    for i in 0..40 {
        let number = &w.aircall.numbers[i % w.aircall.numbers.len()];
        let external = if rng.random_bool(0.8) && !known.is_empty() {
            (*known.choose(&mut rng).expect("known")).clone()
        } else {
            gen_number(&mut rng).e164
        };
        let inbound = rng.random_bool(0.5);
        let at = anchor - rng.random_range(3600..30 * DAY);
        let user = number
            .user_ids
            .choose(&mut rng)
            .and_then(|id| w.aircall.users.iter().find(|u| u.id == *id));
        // Both delivery outcomes appear in every archive: every sixth message fails.
        let status = if inbound {
            "received"
        } else if i % 6 == 1 {
            "failed"
        } else {
            "delivered"
        };
        // Inbound `raw_digits` may lack the `+` (digest §10).
        let raw = if inbound && rng.random_bool(0.3) {
            external.trim_start_matches('+').to_string()
        } else {
            external.clone()
        };
        let data = json!({
            "id": format!("sbx-msg-{:06}", i + 1),
            "direct_link": format!("https://api.aircall.io/v1/numbers/{}/messages/sbx-msg-{:06}", number.id, i + 1),
            "direction": if inbound { "inbound" } else { "outbound" },
            "external_number": external,
            "raw_digits": raw,
            "body": bodies[i % bodies.len()],
            "status": status,
            "created_at": at,
            "updated_at": at + 5,
            "sent_at": at,
            "channel": null,
            "number": {"id": number.id, "name": number.name, "digits": number.digits, "country": number.country},
            "user": user.map(|u| json!({"id": u.id, "name": u.name, "email": u.email})),
            "contact": null,
        });
        out.push(json!({
            "resource": "message",
            "event": if inbound { "message.received" } else if status == "delivered" { "message.sent" } else { "message.status_updated" },
            "timestamp": at + 5,
            // The shared webhook token is a secret: archives keep a placeholder.
            "token": "[redacted]",
            "data": data,
        }));
    }
    out.sort_by_key(|v| v["timestamp"].as_i64());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Seed {
        Seed {
            seed: 7,
            contacts: 300,
            calls: 200,
            anchor: 1_780_000_000 - 1_780_000_000 % DAY,
        }
    }

    #[test]
    fn same_seed_same_world() {
        let a = serde_json::to_string(&generate(seed())).unwrap();
        let b = serde_json::to_string(&generate(seed())).unwrap();
        assert_eq!(a, b);
        let c = serde_json::to_string(&generate(Seed { seed: 8, ..seed() })).unwrap();
        assert_ne!(a, c);
    }

    #[test]
    fn world_has_what_the_jobs_need() {
        let w = generate(seed());
        let t = &w.truth;
        assert!(t.intercom_duplicate_groups.len() >= 10);
        assert!(t.intercom_duplicate_groups.values().all(|g| g.len() >= 2));
        assert!(!t.gaps.is_empty());
        assert!(!t.blocked_by_duplicates.is_empty());
        assert!(!t.natively_logged.is_empty());
        assert!(t.anonymous_contact.is_some());
        let kinds: std::collections::BTreeSet<_> = t.call_kinds.values().collect();
        assert_eq!(kinds.len(), 6, "{kinds:?}");
        assert!(!t.aircall_duplicate_groups.is_empty());
    }
}
