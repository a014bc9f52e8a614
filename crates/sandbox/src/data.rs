//! Deterministic demo data: the same seed and anchor give the same world, byte for byte.
//! Realistic in shape: phones stored every way people store them, numbers shared by several
//! contacts, native-integration placeholders, an anonymous contact, admins whose emails match
//! some Aircall users (one only by letter case), calls of every kind over 60 days (or
//! [`Seed::days`]), and conversations written the way the native integration writes them,
//! except during an outage.
//!
//! The 60-day world ([`DEFAULT_DAYS`]) is what it always was, byte for byte: every draw added
//! since is made only for another span or when [`Seed::unreadable_callers`] asks for it.

use std::collections::BTreeMap;

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::native;
use super::world::*;

/// How much demo data to seed.
#[derive(Debug, Clone, Copy)]
pub struct Seed {
    pub seed: u64,
    pub contacts: usize,
    pub calls: usize,
    /// UNIX seconds all demo times are relative to (default: today's UTC midnight).
    pub anchor: i64,
    /// Days of call history before the anchor, [`MIN_DAYS`]..=[`MAX_DAYS`] (default
    /// [`DEFAULT_DAYS`], 60). At 60 the world is the one this crate always generated, with
    /// its two outages at fixed offsets. Any other span spreads the calls over the whole span
    /// and has more outages (one every three to five weeks, a couple of hours to a few days
    /// long, never overlapping, none in the last two weeks before the anchor, each with calls
    /// at its edges so its bounds can be seen to a quarter of an hour), starts with up to
    /// three weeks of contact creation off ([`Truth::contact_creation_since`]), seeds callers
    /// with unreadable phones (see `unreadable_callers`), and keeps scattered misses apart
    /// (none within six hours of an outage, at most three misses in a row elsewhere) so that
    /// only the outages look like outages. Calls are spread evenly over the span: more
    /// than 10,000 of them can be listed only window by window (aircall-api.md §3).
    pub days: u32,
    /// How many Intercom contacts to seed whose phone the native integration cannot read
    /// ([`Truth::intercom_unreadable_phones`]), each with one to three calls taken from
    /// `calls`. `None`: none at 60 days, [`DEFAULT_UNREADABLE_CALLERS`] at any other span.
    /// Needs `calls` ≥ 20 (the budget for seeded special calls).
    pub unreadable_callers: Option<usize>,
}

/// The shortest and longest [`Seed::days`]. Aircall serves about six months of calls
/// (aircall-api.md §4.1; the fake serves 183 days before now), and the seeded outages, mode
/// switch and special calls need 60 days.
pub const MIN_DAYS: u32 = 60;
pub const MAX_DAYS: u32 = 183;

/// Unreadable-phone callers seeded by default at any span but 60 days.
pub const DEFAULT_UNREADABLE_CALLERS: usize = 8;

impl Default for Seed {
    /// The sandbox's default world (`SandboxOptions::default()`), anchored today.
    fn default() -> Self {
        Seed {
            seed: 42,
            contacts: 300,
            calls: 240,
            anchor: default_anchor(),
            days: DEFAULT_DAYS,
            unreadable_callers: None,
        }
    }
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
/// Tag names with hard characters on purpose (`<`, `&`, quotes, accents, emoji).
const TAGS: &[(&str, &str)] = &[
    ("VIP <gold>", "#29C8FF"),
    ("Callback", "#00B388"),
    ("Billing & Refunds", "#FF8A00"),
    ("Lead 'hot' \u{1F525}", "#8E44AD"),
    ("Relanc\u{e9} \"x2\"", "#123ABC"),
];
/// Contact names with hard characters, given to some Intercom contacts.
const HARD_NAMES: &[&str] = &[
    "Zo\u{eb} O'Brien \u{1F680}",
    "Ana \"Nani\" <Silva>",
    "Tom & Jerry's Caf\u{e9}",
    "\u{141}ukasz \u{17b}\u{f3}\u{142}\u{107}",
    "D'Angelo M\u{fc}ller-L\u{fc}denscheid",
];
/// Hand-written Aircall `information` (aircall-api.md §5.2: free text).
const HAND_WRITTEN: &[&str] = &[
    "Key account - call before 10am",
    "Prefers Spanish \u{2014} llamar despu\u{e9}s de las 3",
    "Ask for \"Mr. Lee\" <reception> & mention the contract",
    "intercom: ask Ada (no id yet)",
];
/// Comments agents leave on calls (no emoji: Aircall strips them, aircall-api.md §4.5).
const COMMENTS: &[&str] = &[
    "Call back tomorrow",
    "Customer said \"urgent\" & wants a <callback>",
    "Asked about invoice #42 \u{2014} l'\u{e9}quipe billing",
    "Wants a demo; prefers 5 > 3 options",
    "Left VM, retry tomorrow",
];
/// Ordinary customer chats seeded months before the calls.
const CHATS: &[&str] = &[
    "Hi, I can't log in to my account & need help",
    "Where is my order? It's been 3 weeks <sigh>",
    "Bonjour, j'ai une question sur ma facture \u{1F914}",
    "Can I change my plan from \"Basic\" to \"Pro\"?",
];
const CHAT_REPLIES: &[&str] = &[
    "Thanks, we're on it!",
    "Could you send us your order number & email?",
    "Merci, nous regardons \u{e7}a.",
];
/// Missed and voicemail calls reassigned in the phone app, seeded on purpose (behaviour §7).
const REASSIGNED_UNANSWERED: usize = 12;
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

/// Generates the world. Panics when `seed.days` is outside [`MIN_DAYS`]..=[`MAX_DAYS`].
pub fn generate(seed: Seed) -> World {
    assert!(
        (MIN_DAYS..=MAX_DAYS).contains(&seed.days),
        "Seed::days must be between {MIN_DAYS} and {MAX_DAYS}, not {}",
        seed.days
    );
    let mut rng = ChaCha8Rng::seed_from_u64(seed.seed);
    let anchor = seed.anchor;
    // The 60-day world is the one this crate always generated: every new draw is made only
    // outside it (or when `unreadable_callers` asks).
    let legacy = seed.days == DEFAULT_DAYS;
    let days = i64::from(seed.days);
    let mut w = World {
        next_id: 1_000_000_000,
        ..World::default()
    };
    w.truth.anchor = anchor;

    // ---- Intercom admins and Aircall users.
    // Each generated world is its own workspace, with its own app id (intercom-api.md §6: `/me`
    // names the app by `id_code`).
    w.intercom.app_id = format!("sbx{:06x}", seed.seed);
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
            "UK Desk & Billing",
            "+44 20 3000 1000",
            "GB",
            "Europe/London",
            vec![0, 3],
        ),
        (
            "Ventas \"Norte\" <Espa\u{f1}a> \u{1F680}",
            "+34 910 00 20 00",
            "ES",
            "Europe/Madrid",
            vec![4, 1],
        ),
    ];
    let mut number_ids = Vec::new();
    for (name, digits, country, tz, members) in numbers {
        let id = w.alloc_id();
        if native::escape(name) != name {
            w.truth.html_escaped_number_names.push(name.to_string());
        }
        w.truth.hard_names.push(name.to_string());
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
        w.truth.hard_names.push((*name).to_string());
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
                let ext: i32 = rng.random_range(10..99);
                form = format!("{} ext. {}", n.international, ext);
                // The number is certain (it stays in `intercom_phone_e164`), the phone is not
                // writable: E.164 would drop the extension (issue 13).
                w.truth.intercom_uncertain_phones.insert(
                    id.clone(),
                    UncertainPhone {
                        raw: form.clone(),
                        location: country.map(str::to_string),
                        kind: UncertainKind::Extension,
                        meant: Some(n.e164.clone()),
                        extension: Some(ext.to_string()),
                        readings: vec![n.e164.clone()],
                        allowed: vec![],
                        allowed_without_default: vec![],
                        forbidden: vec![n.e164.clone()],
                    },
                );
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
                // Hard names on every 23rd contact (no random draw, so the phones stay as seeded).
                name: {
                    let named = rng.random_bool(0.95);
                    if i % 23 == 0 {
                        let n = HARD_NAMES[(i / 23) % HARD_NAMES.len()];
                        w.truth.hard_names.push(n.to_string());
                        Some(n.to_string())
                    } else if named {
                        Some(format!("{first} {last}"))
                    } else {
                        None
                    }
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

    // ---- Aircall teams (aircall-api.md §6 Teams; §4.4 `teams` on inbound calls).
    let team_defs: [(&str, Vec<usize>, Vec<usize>); 3] = [
        ("Tier 1 \u{2014} Paris", vec![0, 1, 2], vec![0]),
        ("Billing & Refunds <EU>", vec![0, 3], vec![2]),
        ("Ventas 'Iberia' & LatAm", vec![4, 1], vec![1, 3]),
    ];
    let mut number_teams: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (name, members, nums) in team_defs {
        let id = w.alloc_id();
        w.aircall.teams.push(ATeam {
            id,
            name: name.into(),
            created_at: iso(anchor - 450 * DAY),
            user_ids: members.iter().map(|&i| user_ids[i]).collect(),
        });
        for n in nums {
            number_teams.entry(number_ids[n]).or_default().push(id);
        }
        w.truth.teams.push(id);
    }

    // ---- Aircall contacts (aircall-api.md §5.2 `information`: free text, "the only place to
    // keep an external id (e.g. `"intercom_id:6512ab…"`)"). Five shapes, in turn: linked to an
    // Intercom contact, sharing the previous contact's number (no dedupe, §5.3), a hand-written
    // note, sharing an Intercom contact's number with no link, and a plain contact.
    let n_aircall = (seed.contacts / 10).max(6);
    let mut aircall_by_e164: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut prev_number: Option<GenNumber> = None;
    for i in 0..n_aircall {
        let id = w.alloc_id();
        let ts = anchor - rng.random_range(30..300) * DAY;
        let mut first = Some((*FIRST.choose(&mut rng).expect("names")).to_string());
        let mut last = Some((*LAST.choose(&mut rng).expect("names")).to_string());
        let mut emails = vec![];
        let mut information = None;
        let shape = i % 5;
        let e164 = match (shape, &prev_number) {
            (0 | 3, _) if !callable.is_empty() => {
                let (cid, n) = callable[(i * 7 + 3) % callable.len()].clone();
                let ic = &w.intercom.contacts[&cid];
                if shape == 0 {
                    // Contact sync (behaviour §1): phone, email and name, plus the link back.
                    information = Some(format!("intercom_id:{cid}"));
                    if let Some(name) = &ic.name {
                        // Aircall strips emojis from every attribute (aircall-api.md §5.3).
                        let clean: String = name
                            .chars()
                            .filter(|c| !matches!(*c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF))
                            .collect();
                        let mut it = clean.trim().splitn(2, ' ');
                        first = it.next().map(str::to_string);
                        last = it.next().map(str::to_string);
                    }
                    if let Some(e) = &ic.email {
                        emails.push(ADetail {
                            id: w.next_id + 600_000_000,
                            label: "Work".into(),
                            value: e.clone(),
                        });
                    }
                    w.truth.aircall_links.insert(id, cid.clone());
                } else {
                    w.truth.aircall_unlinked_shared.insert(id, cid.clone());
                }
                n.e164.clone()
            }
            (1, Some(n)) => n.e164.clone(),
            _ => {
                let n = gen_number(&mut rng);
                prev_number = Some(n.clone());
                if shape == 2 {
                    information =
                        Some((*HAND_WRITTEN.choose(&mut rng).expect("notes")).to_string());
                    w.truth.aircall_hand_written_info.push(id);
                }
                n.e164
            }
        };
        aircall_by_e164.entry(e164.clone()).or_default().push(id);
        w.aircall.contacts.insert(
            id,
            AContact {
                id,
                first_name: first,
                last_name: last,
                company_name: rng
                    .random_bool(0.5)
                    .then(|| (*COMPANIES.choose(&mut rng).expect("co")).into()),
                information,
                created_at: ts,
                updated_at: ts,
                phone_numbers: vec![ADetail {
                    id: w.next_id + 500_000_000,
                    label: "Work".into(),
                    value: e164,
                }],
                emails,
            },
        );
        w.next_id += 1;
    }
    for (e164, ids) in aircall_by_e164 {
        if ids.len() > 1 {
            w.truth.aircall_duplicate_groups.insert(e164, ids);
        }
    }

    // ---- Ordinary customer conversations, most from months before the call window: the
    // "already open conversation" last-open mode appends to (behaviour §6).
    let window_start = anchor - days * DAY;
    let mut open_convs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let cap = seed.calls.max(10);
    for (cid, _) in &callable {
        if w.truth.ordinary_conversations.len() >= cap || !rng.random_bool(0.35) {
            continue;
        }
        let c = &w.intercom.contacts[cid];
        let (role, created0) = (c.role.clone(), c.created_at);
        let latest = window_start - DAY;
        let at = if created0 + DAY < latest {
            rng.random_range(created0 + DAY..latest)
        } else {
            created0 + rng.random_range(60..DAY)
        };
        let conv_id = (w.alloc_id() + 60_000_000_000_000).to_string();
        let source_id = w.alloc_id().to_string();
        let admin = w.intercom.admins[rng.random_range(0..w.intercom.admins.len())]
            .id
            .clone();
        let reply = IPart {
            id: w.alloc_id().to_string(),
            part_type: "comment".into(),
            body: Some(native::p(CHAT_REPLIES.choose(&mut rng).expect("replies"))),
            created_at: at + 3600,
            author_type: "admin".into(),
            author_id: admin.clone(),
            assigned_to: None,
        };
        let open = rng.random_bool(0.7);
        let mut parts = vec![reply];
        if !open {
            parts.push(IPart {
                id: w.alloc_id().to_string(),
                part_type: "close".into(),
                body: None,
                created_at: at + 7200,
                author_type: "admin".into(),
                author_id: admin.clone(),
                assigned_to: None,
            });
        }
        let updated = parts.last().map(|p| p.created_at).unwrap_or(at);
        w.intercom.conversations.insert(
            conv_id.clone(),
            IConversation {
                id: conv_id.clone(),
                created_at: at,
                updated_at: updated,
                contact_id: cid.clone(),
                contact_role: role,
                source_id,
                source_body: native::p(CHATS.choose(&mut rng).expect("chats")),
                state: if open { "open" } else { "closed" }.into(),
                admin_assignee_id: if rng.random_bool(0.5) {
                    admin.parse().unwrap_or(0)
                } else {
                    0
                },
                team_assignee_id: 0,
                parts,
                tag_ids: vec![],
                custom_attributes: Default::default(),
                read: true,
                title: None,
            },
        );
        if open {
            open_convs
                .entry(cid.clone())
                .or_default()
                .push(conv_id.clone());
        }
        w.truth.ordinary_conversations.push(conv_id);
    }

    // ---- Outages (stretches with no native logs at all) and the admin's mode switch
    // (behaviour §6: both logging modes; the demo admin switches once).
    w.truth.days = seed.days;
    // Contact creation off for the first weeks of any span but 60 days (up to
    // `CREATION_OFF_DAYS`, leaving 60 days with it on).
    let creation_since = (!legacy)
        .then(|| window_start + i64::from(CREATION_OFF_DAYS.min(seed.days - DEFAULT_DAYS)) * DAY);
    w.truth.contact_creation_since = creation_since;
    let outages = if legacy {
        let o2_start = anchor - 45 * DAY + rng.random_range(0..20) * 3600;
        vec![
            (anchor - 20 * DAY, anchor - 12 * DAY),
            (o2_start, o2_start + 6 * 3600),
        ]
    } else {
        span_outages(
            &mut rng,
            anchor,
            creation_since.unwrap_or(window_start) + DAY,
        )
    };
    w.truth.outage = outages[0];
    w.truth.outages = outages.clone();
    let in_outage = |a: i64, b: i64| outages.iter().any(|(s, e)| a < *e && b >= *s);
    // The outage a call whose writes span `[a, b]` would have written into.
    let outage_at = |a: i64, b: i64| outages.iter().copied().find(|(s, e)| a < *e && b >= *s);
    // Within six hours of an outage: outside the 60-day world, no scattered miss or
    // unreadable-phone call falls there, so what an outage swallowed is told apart from
    // what was missed anyway.
    let near_outage = |t: i64| {
        outages
            .iter()
            .any(|(s, e)| t > *s - 6 * 3600 && t < *e + 6 * 3600)
    };
    let switch_at = anchor - 30 * DAY + rng.random_range(0..24) * 3600;
    let (mode_before, mode_after) = if seed.seed.is_multiple_of(2) {
        (LogMode::NewConversation, LogMode::LastOpenConversation)
    } else {
        (LogMode::LastOpenConversation, LogMode::NewConversation)
    };
    w.truth.mode_switch_at = switch_at;
    w.truth.mode_before = Some(mode_before);
    w.truth.mode_after = Some(mode_after);
    w.truth.setup_admin = w.intercom.me.clone();
    let mode_at = |t: i64| {
        if t < switch_at {
            mode_before
        } else {
            mode_after
        }
    };

    // ---- Calls over the last `days` days.
    let dup_numbers: Vec<String> = w.truth.intercom_duplicate_groups.keys().cloned().collect();
    let tag_ids: Vec<i64> = w.aircall.tags.iter().map(|t| t.id).collect();
    let regulars = (callable.len() / 5).clamp(1, 40);
    let mut calls: Vec<ACall> = Vec::new();
    let mut repeat_pairs: Vec<(i64, i64, i64)> = Vec::new(); // (first, second, the one missed)
    let mut in_progress: Vec<i64> = Vec::new();
    let specials = seed.calls >= 20;
    let n_pairs = if specials {
        (seed.calls / 80).max(1)
    } else {
        0
    };
    let base_specials = if specials {
        6 + 2 * n_pairs + REASSIGNED_UNANSWERED
    } else {
        0
    };
    // Special calls beyond those, none in the 60-day world unless asked for: four calls at
    // the edges of each outage (see below), and the calls of the callers with unreadable
    // phones (one to three each).
    let room = seed.calls.saturating_sub(base_specials);
    let n_probes = if specials && !legacy && !callable.is_empty() {
        (4 * outages.len()).min(room)
    } else {
        0
    };
    let unreadable_wanted = if specials {
        seed.unreadable_callers.unwrap_or(if legacy {
            0
        } else {
            DEFAULT_UNREADABLE_CALLERS
        })
    } else {
        0
    };
    let mut unreadable_plan: Vec<usize> = Vec::new();
    let mut budget = room - n_probes;
    for k in 0..unreadable_wanted {
        let n = 1 + k % 3;
        if n > budget {
            break;
        }
        budget -= n;
        unreadable_plan.push(n);
    }
    let n_extra = n_probes + unreadable_plan.iter().sum::<usize>();
    let n_random = seed.calls.saturating_sub(base_specials + n_extra);
    // Missed and voicemail calls reassigned in the phone app (below) that must be logged
    // natively: never a random miss.
    let mut keep_native: std::collections::BTreeSet<i64> = Default::default();
    let mut g = CallGen {
        user_ids: &user_ids,
        number_ids: &number_ids,
        tag_ids: &tag_ids,
        number_teams: &number_teams,
        anchor,
    };
    for _ in 0..n_random {
        let started = anchor - rng.random_range(600..days * DAY);
        let (raw, country) = pick_caller(&mut rng, &w, &callable, regulars, &dup_numbers);
        let outbound = raw != "anonymous" && rng.random_bool(0.3);
        let answered = rng.random_bool(0.6);
        let call = g.call(
            &mut w, &mut rng, started, raw, country, outbound, answered, None,
        );
        calls.push(call);
    }
    if specials && !callable.is_empty() {
        let known = |rng: &mut ChaCha8Rng| {
            let (_, n) = &callable[rng.random_range(0..callable.len())];
            (n.international.clone(), n.country.to_string())
        };
        // Two calls still in progress (aircall-api.md §4.4: `ended_at` null while ongoing;
        // `status` `initial` | `answered` | `done`): one answered, one still ringing.
        let (raw, country) = known(&mut rng);
        let mut c = g.call(
            &mut w,
            &mut rng,
            anchor - 400,
            raw,
            country,
            false,
            true,
            Some(60),
        );
        c.ended_at = None;
        c.status = "answered".into();
        c.comments.clear();
        c.tags.clear();
        in_progress.push(c.id);
        calls.push(c);
        let (raw, country) = known(&mut rng);
        let mut c = g.call(
            &mut w,
            &mut rng,
            anchor - 25,
            raw,
            country,
            false,
            false,
            None,
        );
        c.ended_at = None;
        c.status = "initial".into();
        c.missed_call_reason = None;
        c.has_voicemail = false;
        c.comments.clear();
        c.tags.clear();
        in_progress.push(c.id);
        calls.push(c);
        // Two calls that ended a minute before the anchor: one answered, one missed.
        for answered in [true, false] {
            let (raw, country) = known(&mut rng);
            let mut c = g.call(
                &mut w,
                &mut rng,
                anchor - 400,
                raw,
                country,
                false,
                answered,
                None,
            );
            let end = anchor - 60;
            if let Some(a) = c.answered_at {
                c.answered_at = Some(a.min(end - 30));
            }
            c.ended_at = Some(end);
            c.comments.clear();
            c.tags.clear();
            calls.push(c);
        }
        // Two long calls (45–90 min talk): logged at answer, completed long after.
        for _ in 0..2 {
            let (raw, country) = known(&mut rng);
            let started = anchor - rng.random_range(2..11) * DAY - rng.random_range(0..DAY / 2);
            let talk = rng.random_range(2700..5400);
            let c = g.call(
                &mut w,
                &mut rng,
                started,
                raw,
                country,
                false,
                true,
                Some(talk),
            );
            calls.push(c);
        }
        // Repeat callers: the same caller twice within a few minutes; only one of the two is
        // logged natively.
        for k in 0..n_pairs {
            let (raw, country) = known(&mut rng);
            let mut started =
                anchor - rng.random_range(1..days - 2) * DAY - rng.random_range(0..DAY / 2);
            while in_outage(started - 3600, started + 3 * 3600) || (!legacy && near_outage(started))
            {
                started -= DAY;
            }
            let mut a = g.call(
                &mut w,
                &mut rng,
                started,
                raw.clone(),
                country.clone(),
                false,
                false,
                None,
            );
            a.missed_call_reason = Some(
                if k % 2 == 0 {
                    "short_abandoned"
                } else {
                    "agents_did_not_answer"
                }
                .into(),
            );
            a.has_voicemail = false;
            let gap = rng.random_range(120..480);
            let second = a.ended_at.unwrap_or(started) + gap;
            let b = g.call(&mut w, &mut rng, second, raw, country, false, true, None);
            let missed = if rng.random_bool(0.5) { a.id } else { b.id };
            repeat_pairs.push((a.id, b.id, missed));
            calls.push(a);
            calls.push(b);
        }
        // Missed and voicemail calls (re)assigned in the phone app (aircall-api.md §4.4
        // `assigned_to`; `user` stays null, as on any missed inbound call, §12), some to a
        // user whose email matches an Intercom teammate and some to one whose email does
        // not (behaviour §7). Four groups of three — (missed, matching), (voicemail,
        // matching), (either, not matching) — one group per (gap, native log) × (logging mode
        // before, after the switch): the gaps sit inside an outage, the native ones well
        // clear of both outages.
        let matching = [user_ids[0], user_ids[1], user_ids[2]];
        let not_matching = [user_ids[3], user_ids[4]];
        let (o1, o2) = (outages[0], outages[1]);
        let groups = [
            // (first start, spacing, logged natively)
            (o2.0 + 3600, 80 * 60, false),   // gap, before the switch
            (o1.0 + DAY + 3600, DAY, false), // gap, after the switch
            (anchor - 40 * DAY + 3600, DAY, true), // native, before the switch
            (anchor - 10 * DAY + 3600, DAY, true), // native, after the switch
        ];
        let mut m = 0usize;
        for (gi, (first, spacing, native_log)) in groups.into_iter().enumerate() {
            for k in 0..3 {
                let (raw, country) = known(&mut rng);
                let started = first + k as i64 * spacing + rng.random_range(0..600);
                let mut c = g.call(&mut w, &mut rng, started, raw, country, false, false, None);
                let voicemail = match k {
                    0 => false,
                    1 => true,
                    _ => gi % 2 == 1,
                };
                c.has_voicemail = voicemail;
                if !voicemail {
                    // Agents rang and nobody answered: titled "missed" under every reading
                    // (see `native::kinds`).
                    c.missed_call_reason = Some(
                        if gi % 2 == 0 {
                            "agents_did_not_answer"
                        } else {
                            "no_available_agent"
                        }
                        .into(),
                    );
                }
                c.assigned_to = Some(if k < 2 {
                    m += 1;
                    matching[(m - 1) % matching.len()]
                } else {
                    not_matching[gi % not_matching.len()]
                });
                if native_log {
                    keep_native.insert(c.id);
                }
                calls.push(c);
            }
        }
        // Four unanswered calls from known callers at the edges of each outage (outside the
        // 60-day world), so every outage has calls to be seen by and its bounds can be seen
        // to a quarter of an hour: one logged natively 15 to 8 minutes before it starts (all
        // its writes done before), one in its first 5 minutes, one in its last 10 minutes,
        // one logged natively 1 to 10 minutes after it ends.
        for k in 0..n_probes {
            let (s0, e0) = outages[k / 4];
            let (raw, country) = known(&mut rng);
            let started = match k % 4 {
                0 => s0 - rng.random_range(480..900),
                1 => s0 + rng.random_range(0..300),
                2 => e0 - rng.random_range(60..600),
                _ => e0 + rng.random_range(60..600),
            };
            let c = g.call(&mut w, &mut rng, started, raw, country, false, false, None);
            if k % 4 == 0 || k % 4 == 3 {
                keep_native.insert(c.id);
            }
            calls.push(c);
        }
    }
    // ---- Callers whose stored phone the native integration cannot read (behaviour §1, §9):
    // Intercom contacts with a number of their own in a form that is neither E.164 nor a §9
    // format, and their calls, far from every outage. None unless asked (or outside the
    // 60-day world).
    let mut unreadable_by_e164: BTreeMap<String, String> = BTreeMap::new();
    for (k, n_calls) in unreadable_plan.iter().enumerate() {
        let n = loop {
            let n = gen_number(&mut rng);
            if !by_e164.contains_key(&n.e164) && !unreadable_by_e164.contains_key(&n.e164) {
                break n;
            }
        };
        let (raw, form) = unreadable_form(&n, k);
        let id = w.intercom.alloc_hex();
        let first = *FIRST.choose(&mut rng).expect("names");
        let last = *LAST.choose(&mut rng).expect("names");
        let role = if rng.random_bool(0.7) { "user" } else { "lead" };
        let created = anchor - rng.random_range(200..600) * DAY;
        let updated = created + rng.random_range(0..60 * DAY);
        w.intercom.contacts.insert(
            id.clone(),
            IContact {
                id: id.clone(),
                role: role.into(),
                email: Some(format!(
                    "{}.{}.r{k}@example.org",
                    first.to_lowercase(),
                    last.to_lowercase().replace('\'', "")
                )),
                phone: Some(raw.clone()),
                name: Some(format!("{first} {last}")),
                external_id: (role == "user").then(|| format!("u-r{k:02}")),
                created_at: created,
                updated_at: updated,
                last_seen_at: Some(updated + rng.random_range(0..DAY)),
                country: Some(n.location.to_string()),
                custom_attributes: Default::default(),
                tag_ids: Vec::new(),
                merged_into: None,
                archived: false,
                company_ids: vec![],
            },
        );
        let mut ids = Vec::new();
        for _ in 0..*n_calls {
            let started = loop {
                let t = anchor - rng.random_range(2 * 3600..days * DAY - 3600);
                if !near_outage(t) {
                    break t;
                }
            };
            let outbound = rng.random_bool(0.3);
            let answered = rng.random_bool(0.6);
            let c = g.call(
                &mut w,
                &mut rng,
                started,
                n.international.clone(),
                n.country.to_string(),
                outbound,
                answered,
                None,
            );
            ids.push(c.id);
            calls.push(c);
        }
        unreadable_by_e164.insert(n.e164.clone(), id.clone());
        w.truth.intercom_unreadable_phones.insert(
            id,
            UnreadablePhone {
                raw,
                e164: n.e164.clone(),
                location: Some(n.location.to_string()),
                form: form.to_string(),
                calls: ids,
            },
        );
    }
    calls.sort_by_key(|c| (c.started_at, c.id));
    let repeat_miss: std::collections::BTreeSet<i64> =
        repeat_pairs.iter().map(|&(_, _, m)| m).collect();
    let pair_of: BTreeMap<i64, i64> = repeat_pairs
        .iter()
        .flat_map(|&(a, b, _)| [(a, b), (b, a)])
        .collect();

    // ---- What the native integration logged, call by call in time order.
    let mut phone_owner: BTreeMap<String, Vec<String>> = by_e164;
    let anonymous_email = if seed.seed.is_multiple_of(2) {
        // Behaviour §5: the source prints `anonymoys@aircall.io` (sic), the intended address
        // is almost surely `anonymous@aircall.io`: the sandbox seeds either, per seed.
        "anonymoys@aircall.io"
    } else {
        "anonymous@aircall.io"
    };
    let setup = w.intercom.me.clone();
    // Behaviour §7 does not say whether a missed or voicemail call reassigned in the phone
    // app to a matching teammate is reassigned (see `native::UnansweredReassignment`). One
    // integration behaves one way: each world's native integration takes one reading for
    // all such calls, and the seeds differ (42 and 7 apply the rule, 1001 does not).
    let native_reassigns_unanswered = (seed.seed >> 1) & 1 == 1;
    w.truth.native_reassigns_unanswered = native_reassigns_unanswered;
    // Outage start → the calls it swallowed, started inside it and before it.
    let mut outage_inside: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut outage_spill: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut prev_scattered = false;
    for call in &calls {
        let anonymous = call.raw_digits == "anonymous";
        if anonymous {
            w.truth.anonymous_calls.push(call.id);
        }
        let e164: Option<String> = (!anonymous).then(|| {
            call.raw_digits
                .chars()
                .filter(|c| *c == '+' || c.is_ascii_digit())
                .collect()
        });
        let number = w
            .aircall
            .numbers
            .iter()
            .find(|n| n.id == call.number_id)
            .expect("number")
            .clone();
        let kinds = native::kinds(call);
        let kind = kinds[rng.random_range(0..kinds.len())];
        let titles: Vec<String> = kinds
            .iter()
            .map(|k| native::title(k, &number.name))
            .collect();
        let owners = e164
            .as_ref()
            .and_then(|e| phone_owner.get(e))
            .cloned()
            .unwrap_or_default();
        let asg = native::assignment(&w, call, kind);
        // Timing (behaviour §10): answered calls are logged at `answered_at` (or a few seconds
        // after) and completed when `call.ended` fires ~30 s after hang-up; unanswered calls
        // only then. §10 is "likely, not confirmed", so a share of answered calls takes the
        // other reading (everything at the end).
        // The call still in progress takes the answer-time reading, so the world holds a partial
        // log (title and first note, no completion).
        let at_answer = native::answered(kind)
            && call.answered_at.is_some()
            && (call.ended_at.is_none() || !rng.random_bool(0.2));
        let t_log = match (at_answer, call.answered_at, call.ended_at) {
            (true, Some(a), _) => a + rng.random_range(0..=5),
            (_, _, Some(e)) => e + rng.random_range(28..=35),
            (_, a, None) => a.unwrap_or(call.started_at) + 2,
        };
        let t_done = call.ended_at.map(|e| e + rng.random_range(28..=35));
        // The phone-app reassignment of an unanswered call, when this world's integration
        // writes it (after the call ended).
        let native_reassignment = asg
            .unanswered_reassignment
            .clone()
            .filter(|_| native_reassigns_unanswered);
        let last_write = call
            .comments
            .iter()
            .map(|c| c.posted_at + 1)
            .chain(t_done)
            .chain(native_reassignment.as_ref().map(|r| r.at + 1))
            .chain([t_log])
            .max()
            .unwrap_or(t_log);
        let mode = mode_at(t_log);
        let mut ct = CallTruth {
            expect: Expect::Log,
            started_at: call.started_at,
            ended_at: call.ended_at,
            contact_id: None,
            e164: e164.clone(),
            kind: Some(kind.to_string()),
            acceptable_titles: titles.clone(),
            native_title: None,
            acceptable_assignees: vec![asg.final_.clone()],
            mode,
            conversation_id: None,
            part_ids: vec![],
            title_part_id: None,
            title_author: None,
            native_logged_at: None,
            native_completed_at: None,
            native_timing: None,
            conversation_created_before_call: false,
            conversation_created_before_window: false,
            miss_reason: None,
            repeat_pair: pair_of.get(&call.id).copied(),
            synced_tags: vec![],
            late_tags: vec![],
            long_call: call.ended_at.is_some_and(|e| e - call.started_at > 300),
            comments: call.comments.len(),
            reassignment_note: asg.note.clone(),
            acceptable_reassignment_notes: vec![asg.note.clone()],
            assigned_in_app_to: call.assigned_to,
            assigned_in_app_teammate: native::teammate(&w, call.assigned_to),
            transferred: call.transferred_to.is_some(),
            cause: None,
            acceptable_causes: vec![],
            decision: Decision::Gap,
            acceptable_decisions: vec![],
            number_id: call.number_id,
            acceptable_kinds: kinds.iter().map(|k| k.to_string()).collect(),
        };
        if let Some(r) = &asg.unanswered_reassignment {
            // Behaviour §7 has two rules for a missed or voicemail call reassigned in the
            // phone app to a user with a matching email, and does not say which wins:
            //   "Inbound call not answered (missed): leave the conversation unassigned, so
            //    Intercom's own assignment rules can route it."
            //   "Call (re)assignment in the phone app: when a call is assigned by one Aircall
            //    user to another who has a matching Intercom email, the conversation is
            //    reassigned to that teammate, and a note says to whom the call was assigned
            //    and by whom."
            // Both readings are acceptable: unassigned with no note, or that teammate with
            // the note. (With no matching email, the second rule does not apply under
            // either reading: unassigned, no note.)
            ct.acceptable_assignees = vec![None, Some(r.teammate.clone())];
            ct.acceptable_reassignment_notes = vec![None, Some(r.note.clone())];
        }
        let done = call.ended_at.is_some();
        if done {
            w.truth.call_kinds.insert(call.id, kind.to_string());
        }
        // The outage this call's writes would have fallen into, if any.
        let swallowed = outage_at(call.started_at, last_write);
        // Behaviour §3: a number on several contacts blocks logging.
        if owners.len() > 1 {
            ct.expect = Expect::BlockedByDuplicates;
            ct.cause = Some(MissCause::SharedNumber);
            ct.acceptable_causes = vec![MissCause::SharedNumber];
            if swallowed.is_some() {
                ct.acceptable_causes.push(MissCause::Outage);
            }
            if !done {
                ct.acceptable_causes.push(MissCause::InProgress);
            }
            ct.acceptable_assignees = vec![];
            ct.acceptable_reassignment_notes = vec![];
            w.truth.blocked_by_duplicates.push(call.id);
            w.truth.calls.insert(call.id, ct);
            continue;
        }
        // Still in progress and not logged at answer: nothing written yet (§10).
        let ringing = !done && !at_answer;
        // A contact whose stored phone holds this number in a form the integration cannot
        // read (behaviour §1, §9): it does not match, and this world's integration neither
        // logs the call nor creates a contact (see `UnreadablePhone` for the other readings).
        let unreadable_owner = e164
            .as_ref()
            .and_then(|e| unreadable_by_e164.get(e))
            .cloned();
        // No contact to log to at the time (the anonymous contact for an anonymous call).
        let no_contact = if anonymous {
            w.truth.anonymous_contact.is_none()
        } else {
            owners.is_empty()
        };
        // Contact creation off (behaviour §4 "and the settings ask for contact creation",
        // §5 "with contact creation enabled"): never in the 60-day world.
        let creation_off = creation_since.is_some_and(|t| t_log < t);
        let miss = if ringing {
            Some("ringing")
        } else if unreadable_owner.is_some() {
            Some("unreadable_number")
        } else if creation_off && no_contact {
            Some(if anonymous {
                "anonymous"
            } else {
                "unknown_caller"
            })
        } else if swallowed.is_some() {
            Some("outage")
        } else if repeat_miss.contains(&call.id) {
            Some("repeat_miss")
        } else if done
            && !pair_of.contains_key(&call.id)
            && !keep_native.contains(&call.id)
            && rng.random_bool(0.05)
            && (legacy || !(near_outage(call.started_at) || prev_scattered))
        {
            Some("random_miss")
        } else {
            None
        };
        // Outside the 60-day world, a random miss never directly follows another scattered
        // miss (random, repeat, unreadable phone), so no run of misses outside an outage
        // looks like one.
        if !legacy
            && done
            && !matches!(
                miss,
                Some("ringing" | "anonymous" | "unknown_caller" | "outage")
            )
        {
            prev_scattered = miss.is_some();
        }
        if let Some(reason) = miss {
            ct.contact_id = if let Some(owner) = &unreadable_owner {
                Some(owner.clone())
            } else if anonymous {
                w.truth.anonymous_contact.clone()
            } else {
                owners.first().cloned()
            };
            let cause = match reason {
                "ringing" => MissCause::InProgress,
                "unreadable_number" => MissCause::UnreadableNumber,
                "anonymous" => MissCause::Anonymous,
                "unknown_caller" => MissCause::UnknownCaller,
                "outage" => MissCause::Outage,
                "repeat_miss" => MissCause::RepeatMiss,
                _ => MissCause::RandomMiss,
            };
            let mut acceptable = vec![cause];
            match cause {
                MissCause::Outage => {
                    if no_contact {
                        acceptable.push(if anonymous {
                            MissCause::Anonymous
                        } else {
                            MissCause::UnknownCaller
                        });
                    }
                    if let Some((s, _)) = swallowed {
                        if call.started_at < s {
                            acceptable.push(MissCause::RandomMiss);
                            outage_spill.entry(s).or_default().push(call.id);
                        } else {
                            outage_inside.entry(s).or_default().push(call.id);
                        }
                    }
                }
                MissCause::RepeatMiss => acceptable.push(MissCause::RandomMiss),
                MissCause::UnreadableNumber => acceptable.push(MissCause::UnknownCaller),
                _ => {}
            }
            if !matches!(cause, MissCause::Outage | MissCause::InProgress) && swallowed.is_some() {
                acceptable.push(MissCause::Outage);
            }
            ct.cause = Some(cause);
            ct.acceptable_causes = acceptable;
            if done {
                ct.miss_reason = Some(reason.into());
                ct.expect = Expect::Log;
                w.truth.gaps.push(call.id);
            } else {
                ct.expect = Expect::InProgress;
            }
            w.truth.calls.insert(call.id, ct);
            continue;
        }
        // Find or create the contact (behaviour §4 new contact, §5 anonymous contact).
        let contact_id = if anonymous {
            match &w.truth.anonymous_contact {
                Some(id) => id.clone(),
                None => {
                    let id = w.intercom.alloc_hex();
                    w.intercom.contacts.insert(
                        id.clone(),
                        native_lead(
                            &id,
                            "Aircall Anonymous Contact",
                            Some(anonymous_email),
                            None,
                            t_log,
                        ),
                    );
                    w.truth.anonymous_contact = Some(id.clone());
                    w.truth.native_new_contacts.push(id.clone());
                    id
                }
            }
        } else if let Some(id) = owners.first() {
            id.clone()
        } else {
            let e = e164.clone().unwrap_or_default();
            let id = w.intercom.alloc_hex();
            w.intercom.contacts.insert(
                id.clone(),
                native_lead(
                    &id,
                    &format!("{e} New Aircall contact"),
                    None,
                    Some(&e),
                    t_log,
                ),
            );
            w.truth.intercom_phone_e164.insert(id.clone(), e.clone());
            w.truth.native_new_contacts.push(id.clone());
            phone_owner.entry(e).or_default().push(id.clone());
            id
        };
        ct.contact_id = Some(contact_id.clone());
        let role = w.intercom.contacts[&contact_id].role.clone();
        let title_text = titles[kinds.iter().position(|k| *k == kind).unwrap_or(0)].clone();
        ct.native_title = Some(title_text.clone());
        let mut new_parts: Vec<IPart> = Vec::new();
        // Where the log goes (behaviour §6): a new conversation, or the contact's last open
        // one. With no open conversation, last-open mode starts a new one.
        let existing = match mode {
            LogMode::LastOpenConversation => open_convs.get(&contact_id).and_then(|v| {
                v.iter()
                    .max_by_key(|c| {
                        let c = &w.intercom.conversations[*c];
                        (c.updated_at, c.id.clone())
                    })
                    .cloned()
            }),
            LogMode::NewConversation => None,
        };
        let current_assignee: Option<String> = existing.as_ref().and_then(|c| {
            let a = w.intercom.conversations[c].admin_assignee_id;
            (a != 0).then(|| a.to_string())
        });
        let mut assignee = current_assignee.clone();
        let mut part_ids = Vec::new();
        if let Some(conv) = &existing {
            // The title is a message in the conversation (behaviour §6: "a message titled…",
            // then *internal notes*). Intercom writes a visible message as a `comment` part
            // (intercom-api.md §7.4); who its author is is not specified, so both readings
            // are seeded: the set-up admin's comment, or the contact's.
            let by_contact = rng.random_bool(0.5);
            let pid = mk(
                &mut w,
                &mut new_parts,
                &setup,
                "comment",
                Some(native::p(&title_text)),
                t_log,
                None,
            );
            if by_contact {
                let last = new_parts.last_mut().expect("part");
                last.author_type = role.clone();
                last.author_id = contact_id.clone();
            }
            ct.title_part_id = Some(pid.clone());
            ct.title_author = Some(if by_contact { "contact" } else { "admin" }.into());
            part_ids.push(pid);
            let c = &w.intercom.conversations[conv];
            ct.conversation_created_before_call = c.created_at < call.started_at;
            ct.conversation_created_before_window = c.created_at < window_start;
        }
        let (first_note, done_note) = native::detail_notes(&w, call, &number, !at_answer);
        part_ids.push(mk(
            &mut w,
            &mut new_parts,
            &setup,
            "note",
            Some(first_note),
            t_log,
            None,
        ));
        // Assignment when first logged (behaviour §7). Missed calls leave the conversation
        // unassigned; in last-open mode the conversation may already have an assignee, and
        // whether the integration clears it is not said: both are acceptable, and the world
        // takes one per call.
        if native::answered(kind) || call.direction == "outbound" {
            let first = if at_answer {
                asg.initial.clone()
            } else {
                asg.final_.clone()
            };
            if first != assignee {
                part_ids.push(mk(
                    &mut w,
                    &mut new_parts,
                    &setup,
                    "assignment",
                    None,
                    t_log,
                    first.clone(),
                ));
                assignee = first;
            }
        } else if current_assignee.is_some() {
            if !ct.acceptable_assignees.contains(&current_assignee) {
                ct.acceptable_assignees.push(current_assignee.clone());
            }
            if rng.random_bool(0.5) {
                part_ids.push(mk(
                    &mut w,
                    &mut new_parts,
                    &setup,
                    "assignment",
                    None,
                    t_log,
                    Some("0".into()),
                ));
                assignee = None;
            }
        }
        if at_answer {
            let a = call.answered_at.unwrap_or(t_log);
            let talk_end = call.ended_at.unwrap_or(a + 60);
            // Transfer during the call (behaviour §7).
            if asg.after_transfer != assignee && call.transferred_to.is_some() {
                let at = a + (talk_end - a) / 3;
                part_ids.push(mk(
                    &mut w,
                    &mut new_parts,
                    &setup,
                    "assignment",
                    None,
                    at,
                    asg.after_transfer.clone(),
                ));
                assignee = asg.after_transfer.clone();
            }
            // Reassignment in the phone app, with its note (behaviour §7).
            if let Some(note) = &asg.note {
                let at = a + 2 * (talk_end - a) / 3;
                part_ids.push(mk(
                    &mut w,
                    &mut new_parts,
                    &setup,
                    "assignment",
                    Some(native::p(note)),
                    at,
                    asg.final_.clone(),
                ));
                assignee = asg.final_.clone();
            }
            if let Some(t) = t_done {
                part_ids.push(mk(
                    &mut w,
                    &mut new_parts,
                    &setup,
                    "note",
                    Some(done_note),
                    t,
                    None,
                ));
            }
        } else if let Some(note) = &asg.note {
            part_ids.push(mk(
                &mut w,
                &mut new_parts,
                &setup,
                "note",
                Some(native::p(note)),
                t_log,
                None,
            ));
        }
        // A missed or voicemail call reassigned in the phone app to a matching teammate,
        // when this world's integration applies §7's reassignment rule to it: assigned to
        // that teammate when the assignment happens, with the note (as for an answered call
        // reassigned after the log was first written). Otherwise it stays as logged.
        if let Some(r) = &native_reassignment {
            part_ids.push(mk(
                &mut w,
                &mut new_parts,
                &setup,
                "assignment",
                Some(native::p(&r.note)),
                r.at,
                Some(r.teammate.clone()),
            ));
            assignee = Some(r.teammate.clone());
            ct.reassignment_note = Some(r.note.clone());
        }
        // Comments (behaviour §6): each comment's note repeats all earlier ones.
        for k in 0..call.comments.len() {
            let at = call.comments[k].posted_at.max(t_done.unwrap_or(t_log)) + 1;
            part_ids.push(mk(
                &mut w,
                &mut new_parts,
                &setup,
                "note",
                Some(native::comment_note(&call.comments, k)),
                at,
                None,
            ));
        }
        // Tags (behaviour §8): synced only within two hours after the call ends; later ones
        // (and any during an outage) never reach Intercom.
        let mut tag_names = Vec::new();
        for t in &call.tags {
            let name = w
                .aircall
                .tags
                .iter()
                .find(|x| x.id == t.tag_id)
                .map(|x| x.name.clone())
                .unwrap_or_default();
            let in_time = done && call.ended_at.is_some_and(|e| t.created_at <= e + 7200);
            if in_time && !in_outage(t.created_at, t.created_at) {
                tag_names.push(name.clone());
                ct.synced_tags.push(name);
            } else {
                ct.late_tags.push(name);
            }
        }
        let mut tag_ids_i = Vec::new();
        for name in tag_names {
            // A missing tag is created in Intercom first; names are case-insensitive
            // (intercom-api.md §8).
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
            tag_ids_i.push(tid);
        }
        // Parts in time order (a late reassignment may follow the comments' notes).
        new_parts.sort_by_key(|p| p.created_at);
        let part_ids: Vec<String> = new_parts.iter().map(|p| p.id.clone()).collect();
        let last_at = new_parts
            .iter()
            .map(|p| p.created_at)
            .max()
            .unwrap_or(t_log);
        let assignee_num: i64 = assignee
            .as_deref()
            .and_then(|a| a.parse().ok())
            .unwrap_or(0);
        let conv_id = match existing {
            Some(conv_id) => {
                let c = w.intercom.conversations.get_mut(&conv_id).expect("conv");
                c.parts.extend(new_parts);
                c.parts.sort_by_key(|p| p.created_at);
                c.updated_at = c.updated_at.max(last_at);
                c.admin_assignee_id = assignee_num;
                for t in tag_ids_i {
                    if !c.tag_ids.contains(&t) {
                        c.tag_ids.push(t);
                    }
                }
                ct.expect = Expect::LoggedNativelyPart;
                conv_id
            }
            None => {
                let conv_id = (w.alloc_id() + 60_000_000_000_000).to_string();
                let source_id = w.alloc_id().to_string();
                w.intercom.conversations.insert(
                    conv_id.clone(),
                    IConversation {
                        id: conv_id.clone(),
                        created_at: t_log,
                        updated_at: last_at,
                        contact_id: contact_id.clone(),
                        contact_role: role,
                        source_id,
                        source_body: native::p(&title_text),
                        state: "open".into(),
                        admin_assignee_id: assignee_num,
                        team_assignee_id: 0,
                        parts: new_parts,
                        tag_ids: tag_ids_i,
                        custom_attributes: Default::default(),
                        read: false,
                        title: None,
                    },
                );
                open_convs
                    .entry(contact_id.clone())
                    .or_default()
                    .push(conv_id.clone());
                ct.expect = Expect::LoggedNativelyConversation;
                conv_id
            }
        };
        ct.conversation_id = Some(conv_id.clone());
        ct.part_ids = part_ids;
        ct.native_logged_at = Some(t_log);
        ct.native_completed_at = t_done;
        ct.native_timing = Some(if at_answer {
            NativeTiming::AtAnswer
        } else {
            NativeTiming::AtEnd
        });
        if done {
            w.truth.natively_logged.insert(call.id, conv_id);
        } else {
            // A call still in progress: partially logged at answer, not complete (§10).
            ct.expect = Expect::InProgress;
            ct.native_completed_at = None;
            ct.cause = Some(MissCause::InProgress);
            ct.acceptable_causes = vec![MissCause::InProgress];
        }
        w.truth.calls.insert(call.id, ct);
    }
    // A call missed natively whose caller got a contact later (a native lead, §4, or the
    // anonymous contact, §5) belongs to that contact: a backfill must reuse it.
    let anon = w.truth.anonymous_contact.clone();
    for ct in w.truth.calls.values_mut() {
        if ct.contact_id.is_none() && matches!(ct.expect, Expect::Log | Expect::InProgress) {
            ct.contact_id = match &ct.e164 {
                None => anon.clone(),
                Some(e) => phone_owner
                    .get(e)
                    .filter(|o| o.len() == 1)
                    .and_then(|o| o.first().cloned()),
            };
        }
    }
    let _ = in_progress;
    // Each call's decision, from the world as it now stands (see `world::Decision`).
    for c in w.truth.calls.values_mut() {
        c.decision = derive_decision(c);
        c.acceptable_decisions = if c.decision == Decision::Unreadable {
            // An audit that follows behaviour §1 to the letter sees no contact.
            vec![Decision::Unreadable, Decision::UnknownCaller]
        } else {
            vec![c.decision]
        };
    }
    // What can be seen of each outage (see `world::OutageTruth`). Calls are in time order,
    // so each list is too.
    let mut logged: Vec<i64> = w
        .truth
        .calls
        .values()
        .filter(|c| c.decision == Decision::Native)
        .map(|c| c.started_at)
        .collect();
    logged.sort_unstable();
    for &(s, e) in &outages {
        let inside = outage_inside.remove(&s).unwrap_or_default();
        let at = |id: &i64| w.truth.calls[id].started_at;
        let before = logged.partition_point(|t| *t < s);
        let after = logged.partition_point(|t| *t < e);
        w.truth.outage_calls.push(OutageTruth {
            start: s,
            end: e,
            first_call_at: inside.first().map(at),
            last_call_at: inside.last().map(at),
            calls: inside,
            calls_started_before: outage_spill.remove(&s).unwrap_or_default(),
            last_logged_call_before: before.checked_sub(1).map(|i| logged[i]),
            first_logged_call_after: logged.get(after).copied(),
        });
    }
    w.aircall.calls = calls;
    // ---- What the native integration logged of the exported SMS (behaviour §3, §6, §7).
    log_sms(
        &mut w,
        seed.seed,
        &open_convs,
        &in_outage,
        &mode_at,
        window_start,
    );
    // ---- Hard phones (issue 13), last and from their own RNG, so everything above is as
    // it was without them. On unless `AIRCOM_SANDBOX_NO_HARD_PHONES` is set (to compare a
    // test's outcome with and without them).
    if std::env::var_os(NO_HARD_PHONES_ENV).is_none() {
        seed_hard_phones(&mut w, seed);
    }
    w
}

/// Set (to anything), the generator leaves the hard-phone block out: the world is then the
/// one seeded before issue 13, byte for byte (the truth still lists the main generator's
/// extensions in `intercom_uncertain_phones`).
pub const NO_HARD_PHONES_ENV: &str = "AIRCOM_SANDBOX_NO_HARD_PHONES";

/// One hard phone of the issue-13 block. In every pattern each `N` is one digit the block's
/// RNG draws, the same digits in the same order in every pattern of the entry; E.164 patterns
/// are `+` and digits. Each range was chosen whole from the national plans (every fill is a
/// number of the same kind) and checked against libphonenumber's metadata.
struct HardPhone {
    kind: UncertainKind,
    name: &'static str,
    location: Option<&'static str>,
    raw: &'static str,
    meant: Option<&'static str>,
    extension: Option<&'static str>,
    readings: &'static [&'static str],
    allowed: &'static [&'static str],
    allowed_without_default: &'static [&'static str],
}

use UncertainKind::{Ambiguous, DefaultCountryOnly, Extension, IddOrNational, TooShort};

/// The hard phones (issue 13: "Never harm the data"), for the default country FR. French
/// national numbers are ten digits with the trunk `0` (nine after `+33`): 01–05 geographic,
/// 06/07 mobile (07 from 073), 09 non-geographic. So another country's ten-digit national
/// form with a trunk `0`, or its nine-digit form without one (Spain), often reads as a valid,
/// different French number.
const HARD_PHONES: &[HardPhone] = &[
    // ---- Ambiguous: the location names the real country; read as French, another number.
    HardPhone {
        kind: Ambiguous,
        name: "Lotte Peeters",
        location: Some("Belgium"),
        // Belgian mobile 047x (nine digits after +32); French 04 70 (Allier, geographic).
        raw: "0470 12 34 NN",
        meant: Some("+324701234NN"),
        extension: None,
        readings: &["+324701234NN", "+334701234NN"],
        allowed: &[],
        allowed_without_default: &["+324701234NN"],
    },
    HardPhone {
        kind: Ambiguous,
        name: "Wouter Janssens",
        location: Some("Belgium"),
        raw: "0471/12.34.NN",
        meant: Some("+324711234NN"),
        extension: None,
        readings: &["+324711234NN", "+334711234NN"],
        allowed: &[],
        allowed_without_default: &["+324711234NN"],
    },
    HardPhone {
        kind: Ambiguous,
        name: "Luca Bernasconi",
        location: Some("Switzerland"),
        // Swiss mobile 079; French mobile 07 91.
        raw: "079 123 45 NN",
        meant: Some("+417912345NN"),
        extension: None,
        readings: &["+417912345NN", "+337912345NN"],
        allowed: &[],
        allowed_without_default: &["+417912345NN"],
    },
    HardPhone {
        kind: Ambiguous,
        name: "Giulia Romano",
        location: Some("Italy"),
        // Rome 06 (Italy keeps the 0 after +39); French mobile 06 98.
        raw: "06 9876 54NN",
        meant: Some("+3906987654NN"),
        extension: None,
        readings: &["+3906987654NN", "+336987654NN"],
        allowed: &[],
        allowed_without_default: &["+3906987654NN"],
    },
    HardPhone {
        kind: Ambiguous,
        name: "Jonas Becker",
        location: Some("Germany"),
        // Berlin 030 with a seven-digit subscriber number; French 03 02 (geographic).
        raw: "030 23456NN",
        meant: Some("+493023456NN"),
        extension: None,
        readings: &["+493023456NN", "+333023456NN"],
        allowed: &[],
        allowed_without_default: &["+493023456NN"],
    },
    HardPhone {
        kind: Ambiguous,
        name: "Mia Thompson",
        location: Some("Australia"),
        // Australian mobile 04; French 04 13 (geographic).
        raw: "0413 578 2NN",
        meant: Some("+614135782NN"),
        extension: None,
        readings: &["+614135782NN", "+334135782NN"],
        allowed: &[],
        allowed_without_default: &["+614135782NN"],
    },
    HardPhone {
        kind: Ambiguous,
        name: "Jack Wilson",
        location: Some("Australia"),
        // Sydney (02); French 02 93 (geographic).
        raw: "(02) 9374 42NN",
        meant: Some("+612937442NN"),
        extension: None,
        readings: &["+612937442NN", "+332937442NN"],
        allowed: &[],
        allowed_without_default: &["+612937442NN"],
    },
    HardPhone {
        kind: Ambiguous,
        name: "Lucía Fernández",
        location: Some("Spain"),
        // Spanish mobile, nine digits and no trunk 0; the same nine digits after +33 are a
        // French mobile (06 22).
        raw: "622 33 44 NN",
        meant: Some("+346223344NN"),
        extension: None,
        readings: &["+346223344NN", "+336223344NN"],
        allowed: &[],
        allowed_without_default: &["+346223344NN"],
    },
    HardPhone {
        kind: Ambiguous,
        name: "Jordi Puig",
        location: Some("Spain"),
        // Barcelona 93; French 09 32 (non-geographic).
        raw: "932 23 45 NN",
        meant: Some("+349322345NN"),
        extension: None,
        readings: &["+349322345NN", "+339322345NN"],
        allowed: &[],
        allowed_without_default: &["+349322345NN"],
    },
    HardPhone {
        kind: Ambiguous,
        name: "Sanne de Vries",
        location: Some("Netherlands"),
        // Dutch mobile 06 + eight digits; French mobile 06 23.
        raw: "06-2345 67NN",
        meant: Some("+316234567NN"),
        extension: None,
        readings: &["+316234567NN", "+336234567NN"],
        allowed: &[],
        allowed_without_default: &["+316234567NN"],
    },
    // ---- The same kind of number with no location: only the default reading exists.
    HardPhone {
        kind: DefaultCountryOnly,
        name: "Thomas Claes",
        location: None,
        raw: "0475 98 76 NN",
        meant: Some("+324759876NN"),
        extension: None,
        readings: &["+334759876NN"],
        allowed: &["+334759876NN"],
        allowed_without_default: &[],
    },
    HardPhone {
        kind: DefaultCountryOnly,
        name: "Nina Keller",
        location: None,
        raw: "078 765 43 NN",
        meant: Some("+417876543NN"),
        extension: None,
        readings: &["+337876543NN"],
        allowed: &["+337876543NN"],
        allowed_without_default: &[],
    },
    HardPhone {
        kind: DefaultCountryOnly,
        name: "Daan Bakker",
        location: None,
        raw: "06-3456 78NN",
        meant: Some("+316345678NN"),
        extension: None,
        readings: &["+336345678NN"],
        allowed: &["+336345678NN"],
        allowed_without_default: &[],
    },
    // ---- Extensions: every E.164 write drops them.
    HardPhone {
        kind: Extension,
        name: "Camille Lefèvre",
        location: Some("France"),
        raw: "01 42 68 53 NN poste 12",
        meant: Some("+331426853NN"),
        extension: Some("12"),
        readings: &["+331426853NN"],
        allowed: &[],
        allowed_without_default: &[],
    },
    HardPhone {
        kind: Extension,
        name: "Julien Mercier",
        location: None,
        raw: "01 42 68 54 NN poste 3",
        meant: Some("+331426854NN"),
        extension: Some("3"),
        readings: &["+331426854NN"],
        allowed: &[],
        allowed_without_default: &[],
    },
    HardPhone {
        kind: Extension,
        name: "Oliver Hughes",
        location: Some("United Kingdom"),
        // London 020 7946 0xxx (Ofcom's range for drama).
        raw: "020 7946 09NN ext 12",
        meant: Some("+4420794609NN"),
        extension: Some("12"),
        readings: &["+4420794609NN"],
        allowed: &[],
        allowed_without_default: &[],
    },
    HardPhone {
        kind: Extension,
        name: "Manon Girard",
        location: None,
        raw: "+33 1 42 68 55 NN x 5",
        meant: Some("+331426855NN"),
        extension: Some("5"),
        readings: &["+331426855NN"],
        allowed: &[],
        allowed_without_default: &[],
    },
    HardPhone {
        kind: Extension,
        name: "Hugo Lambert",
        location: Some("France"),
        // RFC 3966 form.
        raw: "tel:+33-1-42-68-56-NN;ext=21",
        meant: Some("+331426856NN"),
        extension: Some("21"),
        readings: &["+331426856NN"],
        allowed: &[],
        allowed_without_default: &[],
    },
    HardPhone {
        kind: Extension,
        name: "Emma Dubois-Vermeulen",
        location: Some("Belgium"),
        // An extension on an ambiguous number.
        raw: "0470 98 12 NN ext 9",
        meant: Some("+324709812NN"),
        extension: Some("9"),
        readings: &["+324709812NN", "+334709812NN"],
        allowed: &[],
        allowed_without_default: &[],
    },
    HardPhone {
        kind: Extension,
        name: "Ethan Miller",
        location: Some("United States"),
        // Behaviour §9's US example range, with an extension.
        raw: "(442) 249-78NN ext 12",
        meant: Some("+144224978NN"),
        extension: Some("12"),
        readings: &["+144224978NN"],
        allowed: &[],
        allowed_without_default: &[],
    },
    // ---- One digit short for the location's country, a valid French number as typed.
    HardPhone {
        kind: TooShort,
        name: "Harry Clarke",
        location: Some("United Kingdom"),
        // London numbers are 020 + eight digits; this has seven. As French: 02 07 94 60 9N.
        raw: "020 7946 09N",
        meant: None,
        extension: None,
        readings: &["+3320794609N"],
        allowed: &[],
        allowed_without_default: &[],
    },
    HardPhone {
        kind: TooShort,
        name: "Sophie Turner-Bell",
        location: Some("United Kingdom"),
        // UK mobiles are 07 + nine digits; this has eight. As French: 07 70 09 00 1N.
        raw: "07700 900 1N",
        meant: None,
        extension: None,
        readings: &["+3377009001N"],
        allowed: &[],
        allowed_without_default: &[],
    },
    // ---- `00` + 687…: a New Caledonian number (six digits, mobiles from 7) dialled from
    // France, or behaviour §9's French `00` + national form of a mobile 06 87.
    HardPhone {
        kind: IddOrNational,
        name: "Léo Martin",
        location: None,
        raw: "00687 75 12 NN",
        meant: Some("+336877512NN"),
        extension: None,
        readings: &["+6877512NN", "+336877512NN"],
        allowed: &[],
        // With no country at all `00` can only be an international prefix.
        allowed_without_default: &["+6877512NN"],
    },
    HardPhone {
        kind: IddOrNational,
        name: "Kalena Wayaridri",
        location: Some("France"),
        raw: "00 687 78 43 NN",
        meant: Some("+6877843NN"),
        extension: None,
        readings: &["+6877843NN", "+336877843NN"],
        allowed: &[],
        allowed_without_default: &[],
    },
];

/// The French people who really hold the French reading of an ambiguous number (indexes
/// into [`HARD_PHONES`]): seeded as plain Aircall contacts (issue 13: "a French number now
/// rings as the wrong person").
const WRONG_PERSON: &[(usize, &str, &str)] = &[(0, "Jean", "Dupont"), (2, "Claire", "Moulin")];

/// Appends the hard-phone block: Intercom contacts with the phones of [`HARD_PHONES`] (no
/// calls, not in `intercom_phone_e164`), their truth in `intercom_uncertain_phones`, and
/// the Aircall contacts of [`WRONG_PERSON`]. Uses its own RNG (derived from the seed) and
/// runs after everything else, so the rest of the world is what it is without it.
fn seed_hard_phones(w: &mut World, seed: Seed) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.seed ^ 0x4841_5244_5048_4f4e); // "HARDPHON"
    let anchor = seed.anchor;
    for (k, h) in HARD_PHONES.iter().enumerate() {
        let digits: Vec<char> = (0..h.raw.matches('N').count())
            .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
            .collect();
        let fill = |pat: &str| {
            let mut i = 0;
            pat.chars()
                .map(|c| {
                    if c == 'N' {
                        i += 1;
                        digits[i - 1]
                    } else {
                        c
                    }
                })
                .collect::<String>()
        };
        let fill_all = |pats: &[&str]| pats.iter().map(|p| fill(p)).collect::<Vec<_>>();
        let raw = fill(h.raw);
        let readings = fill_all(h.readings);
        let allowed = fill_all(h.allowed);
        let forbidden: Vec<String> = readings
            .iter()
            .filter(|r| !allowed.contains(r))
            .cloned()
            .collect();
        let id = w.intercom.alloc_hex();
        let created = anchor - rng.random_range(120..600) * DAY;
        let updated = created + rng.random_range(0..30 * DAY);
        let role = if rng.random_bool(0.6) { "user" } else { "lead" };
        let slug: String = h
            .name
            .chars()
            .filter(char::is_ascii)
            .map(|c| match c.to_ascii_lowercase() {
                c if c.is_ascii_alphanumeric() => c,
                _ => '.',
            })
            .collect();
        let email =
            (role == "user" || rng.random_bool(0.5)).then(|| format!("{slug}.h{k}@example.net"));
        w.intercom.contacts.insert(
            id.clone(),
            IContact {
                id: id.clone(),
                role: role.into(),
                email,
                phone: Some(raw.clone()),
                name: Some(h.name.to_string()),
                external_id: (role == "user").then(|| format!("u-h{k:02}")),
                created_at: created,
                updated_at: updated,
                last_seen_at: Some(updated + rng.random_range(0..DAY)),
                country: h.location.map(str::to_string),
                custom_attributes: Default::default(),
                tag_ids: Vec::new(),
                merged_into: None,
                archived: false,
                company_ids: vec![],
            },
        );
        if let Some(&(_, first, last)) = WRONG_PERSON.iter().find(|(i, _, _)| *i == k) {
            // The default country's reading (the second) belongs to this French person.
            let aid = w.alloc_id();
            let ts = anchor - rng.random_range(30..300) * DAY;
            w.aircall.contacts.insert(
                aid,
                AContact {
                    id: aid,
                    first_name: Some(first.into()),
                    last_name: Some(last.into()),
                    company_name: None,
                    information: None,
                    created_at: ts,
                    updated_at: ts,
                    phone_numbers: vec![ADetail {
                        id: w.next_id + 500_000_000,
                        label: "Mobile".into(),
                        value: readings[1].clone(),
                    }],
                    emails: vec![],
                },
            );
            w.next_id += 1;
            w.truth.aircall_wrong_person.insert(aid, id.clone());
        }
        w.truth.intercom_uncertain_phones.insert(
            id,
            UncertainPhone {
                raw,
                location: h.location.map(str::to_string),
                kind: h.kind,
                meant: h.meant.map(fill),
                extension: h.extension.map(str::to_string),
                readings,
                allowed,
                allowed_without_default: fill_all(h.allowed_without_default),
                forbidden,
            },
        );
    }
}

/// Native logs of the demo SMS ([`sms_messages`], the same messages `sms_archive` exports),
/// in time order, after the calls. Writes conversations and parts only (no contact, no truth
/// a call reads), so the archive exported from the finished world is unchanged.
///
/// - §3: a number on several Intercom contacts blocks logging; an unknown number (or one
///   whose contact was created after the message) is not logged (the backfill's work).
/// - §6: title `Inbound SMS on <number name>` / `Outbound SMS on <number name>`, then one
///   internal note (number used, from, to, text, delivery status for outbound), in a new
///   conversation (title = source) or the contact's last open conversation (title part, by
///   the set-up admin or the contact, as for calls), per the mode at that time.
/// - §7: inbound on a single-user number: that user's teammate, else the set-up admin; on a
///   several-user number: unassigned (new conversation) or its current assignee (last open);
///   outbound: the sender's teammate, else the set-up admin.
/// - §10 says nothing of SMS: the sandbox logs an SMS a few seconds after the message (after
///   its last status update for outbound).
///
/// Native SMS logs stay out of call logs' way: never appended to a conversation holding a
/// call log, and never for a contact with a later call log in last-open mode (which an SMS
/// conversation would have changed); those SMS are gaps.
fn log_sms(
    w: &mut World,
    seed: u64,
    open_convs: &BTreeMap<String, Vec<String>>,
    in_outage: &dyn Fn(i64, i64) -> bool,
    mode_at: &dyn Fn(i64) -> LogMode,
    window_start: i64,
) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x534d_534c);
    let setup = w.intercom.me.clone();
    let mut owners: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (cid, e) in &w.truth.intercom_phone_e164 {
        owners.entry(e.clone()).or_default().push(cid.clone());
    }
    let call_convs: std::collections::BTreeSet<String> = w
        .truth
        .calls
        .values()
        .filter_map(|c| c.conversation_id.clone())
        .collect();
    let mut last_open_call: BTreeMap<String, i64> = BTreeMap::new();
    for c in w.truth.calls.values() {
        if let (Some(cid), Some(t), LogMode::LastOpenConversation) =
            (&c.contact_id, c.native_logged_at, c.mode)
        {
            let e = last_open_call.entry(cid.clone()).or_insert(t);
            *e = (*e).max(t);
        }
    }
    let mut sms_convs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut msgs = sms_messages(w, seed);
    msgs.sort_by_key(|m| (m.created_at, m.id.clone()));
    for m in msgs {
        let number = w.aircall.numbers[m.number_idx].clone();
        let title = native::sms_title(m.inbound, &number.name);
        // Logged a few seconds after the message; outbound once its status is known.
        let t_log = if m.inbound {
            m.created_at + rng.random_range(1..=5)
        } else {
            m.updated_at + rng.random_range(0..=5)
        };
        let mode = mode_at(t_log);
        let found = owners.get(&m.external).cloned().unwrap_or_default();
        let mut st = SmsTruth {
            expect: Expect::Log,
            direction: if m.inbound { "inbound" } else { "outbound" }.into(),
            created_at: m.created_at,
            updated_at: m.updated_at,
            number_id: number.id,
            number_name: number.name.clone(),
            e164: m.external.clone(),
            status: m.status.into(),
            user_id: m.user_id,
            contact_id: None,
            mode,
            acceptable_titles: vec![title.clone()],
            native_title: None,
            conversation_id: None,
            part_id: None,
            part_ids: vec![],
            title_author: None,
            native_logged_at: None,
            acceptable_assignees: vec![],
            conversation_created_before_window: false,
            miss_reason: None,
        };
        if found.len() > 1 {
            st.expect = Expect::BlockedByDuplicates;
            w.truth.sms.insert(m.id.clone(), st);
            continue;
        }
        let Some(contact_id) = found.first().cloned() else {
            // Unknown number: a backfill creates the contact (§4).
            w.truth.sms.insert(m.id.clone(), st);
            continue;
        };
        st.contact_id = Some(contact_id.clone());
        // §7: the assignee the log ends with, `None` meaning "keep the current one" (inbound
        // on a several-user number in last-open mode) or unassigned (new conversation).
        let several = number.user_ids.len() > 1;
        let target: Option<String> = if m.inbound {
            if several {
                None
            } else {
                Some(
                    native::teammate(w, number.user_ids.first().copied())
                        .unwrap_or_else(|| setup.clone()),
                )
            }
        } else {
            Some(native::teammate(w, m.user_id).unwrap_or_else(|| setup.clone()))
        };
        let contact = &w.intercom.contacts[&contact_id];
        let role = contact.role.clone();
        let existing = match mode {
            LogMode::NewConversation => None,
            LogMode::LastOpenConversation => {
                let activity = |id: &String| {
                    let c = &w.intercom.conversations[id];
                    c.parts
                        .iter()
                        .map(|p| p.created_at)
                        .filter(|t| *t <= t_log)
                        .chain([c.created_at])
                        .max()
                        .unwrap_or(c.created_at)
                };
                open_convs
                    .get(&contact_id)
                    .into_iter()
                    .chain(sms_convs.get(&contact_id))
                    .flatten()
                    .filter(|id| w.intercom.conversations[*id].created_at <= t_log)
                    .max_by_key(|id| (activity(id), (*id).clone()))
                    .cloned()
            }
        };
        let miss = if contact.created_at > m.created_at {
            Some("contact_created_later")
        } else if in_outage(m.created_at, t_log) {
            Some("outage")
        } else if existing.as_ref().is_some_and(|c| call_convs.contains(c)) {
            Some("last_open_holds_call")
        } else if last_open_call.get(&contact_id).is_some_and(|t| *t > t_log) {
            Some("later_last_open_call")
        } else if rng.random_bool(0.2) {
            Some("random_miss")
        } else {
            None
        };
        if let Some(reason) = miss {
            st.miss_reason = Some(reason.into());
            st.acceptable_assignees = vec![target.clone()];
            w.truth.sms.insert(m.id.clone(), st);
            continue;
        }
        let sender = if m.inbound {
            m.external.clone()
        } else {
            native::user_name(w, m.user_id)
        };
        let note = native::sms_note(
            &number,
            m.inbound,
            &m.external,
            &sender,
            m.body,
            m.status != "failed",
        );
        let mut parts: Vec<IPart> = Vec::new();
        st.native_title = Some(title.clone());
        st.native_logged_at = Some(t_log);
        let conv_id = match existing {
            Some(conv_id) => {
                let by_contact = rng.random_bool(0.5);
                let pid = mk(
                    w,
                    &mut parts,
                    &setup,
                    "comment",
                    Some(native::p(&title)),
                    t_log,
                    None,
                );
                if by_contact {
                    let last = parts.last_mut().expect("part");
                    last.author_type = role.clone();
                    last.author_id = contact_id.clone();
                }
                st.part_id = Some(pid);
                st.title_author = Some(if by_contact { "contact" } else { "admin" }.into());
                mk(w, &mut parts, &setup, "note", Some(note), t_log, None);
                let c = &w.intercom.conversations[&conv_id];
                let current = (c.admin_assignee_id != 0).then(|| c.admin_assignee_id.to_string());
                st.conversation_created_before_window = c.created_at < window_start;
                let final_ = match &target {
                    Some(t) => Some(t.clone()),
                    None => current.clone(),
                };
                if final_ != current {
                    mk(
                        w,
                        &mut parts,
                        &setup,
                        "assignment",
                        None,
                        t_log,
                        final_.clone(),
                    );
                }
                st.acceptable_assignees = vec![final_.clone()];
                let c = w.intercom.conversations.get_mut(&conv_id).expect("conv");
                st.part_ids = parts.iter().map(|p| p.id.clone()).collect();
                c.parts.extend(parts);
                c.parts.sort_by_key(|p| p.created_at);
                c.updated_at = c.updated_at.max(t_log);
                c.admin_assignee_id = final_.and_then(|a| a.parse().ok()).unwrap_or(0);
                st.expect = Expect::LoggedNativelyPart;
                conv_id
            }
            None => {
                let conv_id = (w.alloc_id() + 60_000_000_000_000).to_string();
                let source_id = w.alloc_id().to_string();
                mk(w, &mut parts, &setup, "note", Some(note), t_log, None);
                if target.is_some() {
                    mk(
                        w,
                        &mut parts,
                        &setup,
                        "assignment",
                        None,
                        t_log,
                        target.clone(),
                    );
                }
                st.acceptable_assignees = vec![target.clone()];
                st.part_ids = parts.iter().map(|p| p.id.clone()).collect();
                w.intercom.conversations.insert(
                    conv_id.clone(),
                    IConversation {
                        id: conv_id.clone(),
                        created_at: t_log,
                        updated_at: t_log,
                        contact_id: contact_id.clone(),
                        contact_role: role,
                        source_id,
                        source_body: native::p(&title),
                        state: "open".into(),
                        admin_assignee_id: target.and_then(|a| a.parse().ok()).unwrap_or(0),
                        team_assignee_id: 0,
                        parts,
                        tag_ids: vec![],
                        custom_attributes: Default::default(),
                        read: false,
                        title: None,
                    },
                );
                sms_convs
                    .entry(contact_id.clone())
                    .or_default()
                    .push(conv_id.clone());
                st.expect = Expect::LoggedNativelyConversation;
                conv_id
            }
        };
        st.conversation_id = Some(conv_id);
        w.truth.sms.insert(m.id.clone(), st);
    }
}

/// The outages of a world of any span but 60 days ([`Truth::outages`]), most recent first;
/// none starts before `floor` (after the weeks with contact creation off).
///
/// - The most recent lasts 3.5 to 4.5 days and starts 24 to 20 days before the anchor: after
///   the mode switch (~30 days before), before the native group of reassigned calls (10 to 7
///   days before), and at least 15 days clear of the anchor. The gap group of reassigned
///   calls after the switch sits in it.
/// - The next lasts 5 to 12 hours and starts 56 to 45 days before the anchor: before the
///   switch, clear of the native group 40 to 37 days before. The other gap group sits in it.
/// - Then one every three to five weeks (start to start), two hours to four days long
///   (log-uniform), back to `floor`. None overlaps another.
fn span_outages(rng: &mut ChaCha8Rng, anchor: i64, floor: i64) -> Vec<(i64, i64)> {
    const H: i64 = 3600;
    let s0 = anchor - 24 * DAY + rng.random_range(0..4 * DAY);
    let o0 = (s0, s0 + rng.random_range(84 * H..108 * H));
    let s1 = anchor - 56 * DAY + rng.random_range(0..11 * DAY);
    let o1 = (s1, s1 + rng.random_range(5 * H..12 * H));
    let mut out = vec![o0, o1];
    let mut next_start = s1;
    loop {
        let len = (2.0 * H as f64 * 48f64.powf(rng.random::<f64>())) as i64;
        let start = next_start - rng.random_range(21 * DAY..35 * DAY);
        if start < floor {
            break;
        }
        out.push((start, start + len));
        next_start = start;
    }
    out
}

/// A stored form of `n` that a careful human reads as that one number (the contact's
/// location names its country) but that is neither E.164 nor a format of behaviour §9, and
/// its name (see [`UnreadablePhone`]). Four forms in turn:
/// - the trunk zero in brackets after the country code, `+33 (0)6 12 34 56 78`, for the
///   countries with a trunk `0` (France, the UK, Germany, Australia; the others get the next
///   form);
/// - an RFC 3966 URI, `tel:+33612345678`;
/// - the national form with a label, `06 12 34 56 78 (mobile)`;
/// - the international form with a label, `Mobile: +49 176 12345678`.
fn unreadable_form(n: &GenNumber, k: usize) -> (String, &'static str) {
    let trunk_zero = n.national.starts_with('0') || n.national.starts_with("(0");
    match k % 4 {
        0 if trunk_zero => {
            let (cc, rest) = n
                .international
                .split_once(' ')
                .unwrap_or((&n.international, ""));
            (format!("{cc} (0){rest}"), "trunk_zero_in_brackets")
        }
        0 | 1 => (format!("tel:{}", n.e164), "tel_uri"),
        2 => {
            let label = if k % 8 == 2 { "mobile" } else { "office" };
            (format!("{} ({label})", n.national), "labelled_national")
        }
        _ => {
            let label = if k % 8 == 3 { "Mobile" } else { "Tel" };
            (
                format!("{label}: {}", n.international),
                "labelled_international",
            )
        }
    }
}

/// Who is on the other end of a call: anonymous, a number shared by several Intercom contacts,
/// an unknown number, a regular caller, or any known contact.
fn pick_caller(
    rng: &mut ChaCha8Rng,
    w: &World,
    callable: &[(String, GenNumber)],
    regulars: usize,
    dup_numbers: &[String],
) -> (String, String) {
    let roll = rng.random_range(0..100);
    if roll < 6 {
        ("anonymous".to_string(), "FR".to_string())
    } else if roll < 16 && !dup_numbers.is_empty() {
        let e = dup_numbers.choose(rng).expect("dups").clone();
        let cid = &w.truth.intercom_duplicate_groups[&e][0];
        let region = w.truth.intercom_phone_region[cid].clone();
        (display_of(&e), region)
    } else if roll < 28 || callable.is_empty() {
        let n = gen_number(rng);
        (n.international, n.country.to_string())
    } else if roll < 55 {
        let (_, n) = &callable[rng.random_range(0..regulars.min(callable.len()))];
        (n.international.clone(), n.country.to_string())
    } else {
        let (_, n) = callable.choose(rng).expect("callable");
        (n.international.clone(), n.country.to_string())
    }
}

struct CallGen<'a> {
    user_ids: &'a [i64],
    number_ids: &'a [i64],
    tag_ids: &'a [i64],
    number_teams: &'a BTreeMap<i64, Vec<i64>>,
    anchor: i64,
}

impl CallGen<'_> {
    /// One ended call (aircall-api.md §4.4), with its agent, transfers, tags and comments.
    #[allow(clippy::too_many_arguments)]
    fn call(
        &mut self,
        w: &mut World,
        rng: &mut ChaCha8Rng,
        started: i64,
        raw_digits: String,
        country: String,
        outbound: bool,
        answered: bool,
        talk: Option<i64>,
    ) -> ACall {
        let id = w.alloc_id();
        let number_idx = rng.random_range(0..self.number_ids.len());
        let number_id = self.number_ids[number_idx];
        let members = w.aircall.numbers[number_idx].user_ids.clone();
        let agent = *members.choose(rng).expect("members");
        let mut call = ACall {
            id,
            direction: if outbound { "outbound" } else { "inbound" }.into(),
            status: "done".into(),
            missed_call_reason: None,
            started_at: started,
            answered_at: None,
            ended_at: None,
            raw_digits,
            user_id: None,
            number_id,
            assigned_to: None,
            transferred_by: None,
            transferred_to: None,
            tags: vec![],
            comments: vec![],
            has_recording: false,
            has_voicemail: false,
            archived: false,
            country_code_a2: country,
            // `teams`: filled for inbound calls only (aircall-api.md §4.4).
            team_ids: if outbound {
                vec![]
            } else {
                self.number_teams
                    .get(&number_id)
                    .cloned()
                    .unwrap_or_default()
            },
        };
        let wait = rng.random_range(3..40);
        let talk = talk.unwrap_or_else(|| {
            if rng.random_bool(0.1) {
                rng.random_range(900..3600)
            } else {
                rng.random_range(20..900)
            }
        });
        if outbound {
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
            let others: Vec<i64> = self
                .user_ids
                .iter()
                .copied()
                .filter(|u| *u != agent)
                .collect();
            if r < 12 {
                // Transferred and answered: the target now holds the call.
                let to = *others.choose(rng).expect("others");
                call.transferred_by = Some(agent);
                call.transferred_to = Some(to);
                call.user_id = Some(to);
            } else if r < 18 {
                // Transferred, target did not answer: stays with the first agent.
                let to = *others.choose(rng).expect("others");
                call.transferred_by = Some(agent);
                call.transferred_to = Some(to);
            } else if r < 30 {
                call.assigned_to = Some(*others.choose(rng).expect("others"));
            }
        } else {
            // `missed_call_reason` may be absent (null) on an unanswered call.
            call.missed_call_reason = if rng.random_bool(0.1) {
                None
            } else {
                Some((*MISSED_REASONS.choose(rng).expect("reasons")).into())
            };
            call.has_voicemail = rng.random_bool(0.3);
        }
        let ended = started + wait + if call.answered_at.is_some() { talk } else { 0 };
        call.ended_at = Some(ended);
        if rng.random_bool(0.3) {
            let k = rng.random_range(1..=2);
            for t in self.tag_ids.choose_multiple(rng, k) {
                // Most tags within two hours of the end; some much later (behaviour §8).
                let at = if rng.random_bool(0.7) {
                    ended + rng.random_range(60..7000)
                } else {
                    ended + rng.random_range(3 * 3600..3 * DAY)
                };
                call.tags.push(ACallTag {
                    tag_id: *t,
                    created_at: at.min(self.anchor - 1),
                    tagged_by: call.user_id,
                });
            }
        }
        let comments = if rng.random_bool(0.3) {
            rng.random_range(1..=4)
        } else {
            0
        };
        for c in 0..comments {
            let cid = w.alloc_id();
            call.comments.push(AComment {
                id: cid,
                content: COMMENTS[(c + id as usize) % COMMENTS.len()].to_string(),
                posted_at: (ended + 60 + c as i64 * 90).min(self.anchor - 1),
                posted_by: call.user_id,
            });
        }
        call
    }
}

/// Appends one native part, authored by the set-up admin (intercom-api.md §7.4: notes are
/// written by an admin, `admin_id` required).
fn mk(
    w: &mut World,
    parts: &mut Vec<IPart>,
    setup: &str,
    part_type: &str,
    body: Option<String>,
    at: i64,
    assigned: Option<String>,
) -> String {
    let pid = w.alloc_id().to_string();
    parts.push(IPart {
        id: pid.clone(),
        part_type: part_type.into(),
        body,
        created_at: at,
        author_type: "admin".into(),
        author_id: setup.to_string(),
        assigned_to: assigned,
    });
    pid
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

/// How many demo SMS the archive holds: the first 40 (all within the last 30 days) as first
/// published, then extras spread over the whole window so both logging modes (either side of
/// the mode switch) and numbers shared by several contacts occur.
const SMS_FIRST: usize = 40;
const SMS_EXTRA: usize = 24;
/// Extras before the mode switch (31 to 58 days before the anchor); the rest fall after it.
const SMS_EXTRA_BEFORE_SWITCH: usize = 16;
const SMS_BODIES: [&str; 5] = [
    "Hi, can you call me back?",
    "Thanks for the quick help!",
    "Is my order shipped?",
    "Your appointment is confirmed for 10:00.",
    "We tried to reach you, call us back when you can.",
];

/// One demo SMS, before it becomes a webhook payload.
#[derive(Debug, Clone)]
pub struct DemoSms {
    pub id: String,
    pub number_idx: usize,
    /// E.164.
    pub external: String,
    pub raw_digits: String,
    pub inbound: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub user_id: Option<i64>,
    /// `received`, `delivered` or `failed`.
    pub status: &'static str,
    pub body: &'static str,
}

/// The demo SMS, in id order. Depends only on what SMS logging never changes (the Aircall
/// numbers and users, the truth's phones and anchor), so the archive exported from a
/// generated world is the one the generator logged natively.
pub fn sms_messages(w: &World, seed: u64) -> Vec<DemoSms> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5353);
    let anchor = w.truth.anchor;
    let known: Vec<&String> = w.truth.intercom_phone_e164.values().collect();
    let dups: Vec<&String> = w.truth.intercom_duplicate_groups.keys().collect();
    let mut out = Vec::new();
    for i in 0..SMS_FIRST + SMS_EXTRA {
        let extra = i >= SMS_FIRST;
        let k = i.saturating_sub(SMS_FIRST);
        let number_idx = i % w.aircall.numbers.len();
        let number = &w.aircall.numbers[number_idx];
        let external = if extra && k % 3 == 0 && !dups.is_empty() {
            // Every third extra goes to a number shared by several contacts (behaviour §3).
            (*dups.choose(&mut rng).expect("dups")).clone()
        } else if rng.random_bool(0.8) && !known.is_empty() {
            (*known.choose(&mut rng).expect("known")).clone()
        } else {
            gen_number(&mut rng).e164
        };
        let inbound = rng.random_bool(0.5);
        let at = if !extra {
            anchor - rng.random_range(3600..30 * DAY)
        } else if k < SMS_EXTRA_BEFORE_SWITCH {
            anchor - rng.random_range(31 * DAY..58 * DAY)
        } else {
            anchor - rng.random_range(3600..28 * DAY)
        };
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
        let raw_digits = if inbound && rng.random_bool(0.3) {
            external.trim_start_matches('+').to_string()
        } else {
            external.clone()
        };
        out.push(DemoSms {
            id: format!("sbx-msg-{:06}", i + 1),
            number_idx,
            external,
            raw_digits,
            inbound,
            created_at: at,
            updated_at: at + 5,
            user_id: user.map(|u| u.id),
            status,
            body: SMS_BODIES[i % SMS_BODIES.len()],
        });
    }
    out
}

/// The demo SMS, as archived `message.*` webhook payloads (Aircall digest §7–§8): inbound
/// messages from known and unknown numbers, outbound ones with their delivery status.
pub fn sms_archive(w: &World, seed: u64) -> Vec<serde_json::Value> {
    use serde_json::json;
    let mut out: Vec<serde_json::Value> = sms_messages(w, seed)
        .into_iter()
        .map(|m| {
            let number = &w.aircall.numbers[m.number_idx];
            let user = m
                .user_id
                .and_then(|id| w.aircall.users.iter().find(|u| u.id == id));
            let at = m.created_at;
            let data = json!({
                "id": m.id,
                "direct_link": format!("https://api.aircall.io/v1/numbers/{}/messages/{}", number.id, m.id),
                "direction": if m.inbound { "inbound" } else { "outbound" },
                "external_number": m.external,
                "raw_digits": m.raw_digits,
                "body": m.body,
                "status": m.status,
                "created_at": at,
                "updated_at": m.updated_at,
                "sent_at": at,
                "channel": null,
                "number": {"id": number.id, "name": number.name, "digits": number.digits, "country": number.country},
                "user": user.map(|u| json!({"id": u.id, "name": u.name, "email": u.email})),
                "contact": null,
            });
            json!({
                "resource": "message",
                "event": if m.inbound { "message.received" } else if m.status == "delivered" { "message.sent" } else { "message.status_updated" },
                "timestamp": m.updated_at,
                // The shared webhook token is a secret: archives keep a placeholder.
                "token": "[redacted]",
                "data": data,
            })
        })
        .collect();
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
            ..Seed::default()
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

    /// Issue 13: the hard-phone block is there for every seed, each contact as its truth
    /// says, and no reading of it is anybody else's number.
    #[test]
    fn hard_phones_are_seeded_with_their_truth() {
        for s in [7, 42, 1001] {
            let w = generate(Seed { seed: s, ..seed() });
            let t = &w.truth;
            let hard: Vec<(&String, &UncertainPhone)> = t
                .intercom_uncertain_phones
                .iter()
                .filter(|(id, _)| !t.intercom_phone_e164.contains_key(*id))
                .collect();
            assert_eq!(hard.len(), HARD_PHONES.len(), "seed {s}");
            let mut kinds: BTreeMap<UncertainKind, usize> = BTreeMap::new();
            let mut all: BTreeMap<&String, &String> = BTreeMap::new();
            let e164 = |v: &str| {
                v.starts_with('+') && v.len() > 8 && v[1..].chars().all(|c| c.is_ascii_digit())
            };
            for (id, u) in &t.intercom_uncertain_phones {
                let c = &w.intercom.contacts[id];
                assert_eq!(c.phone.as_deref(), Some(u.raw.as_str()), "{id}");
                assert_eq!(c.country, u.location, "{id}");
                assert!(!t.intercom_bad_phones.contains(id));
                assert!(u.readings.iter().all(|r| e164(r)), "{u:?}");
                assert!(u.allowed.iter().all(|r| u.readings.contains(r)), "{u:?}");
                let forbidden: Vec<&String> = u
                    .readings
                    .iter()
                    .filter(|r| !u.allowed.contains(r))
                    .collect();
                assert_eq!(u.forbidden.iter().collect::<Vec<_>>(), forbidden, "{u:?}");
                assert!(u.meant.as_deref().is_none_or(e164), "{u:?}");
                *kinds.entry(u.kind).or_default() += 1;
                if let Some(e) = t.intercom_phone_e164.get(id) {
                    // A main-generator extension: its certain number is its only reading.
                    assert_eq!(u.kind, UncertainKind::Extension);
                    assert_eq!(u.readings, vec![e.clone()]);
                    assert!(u.raw.contains(" ext. "), "{u:?}");
                    continue;
                }
                let cid = &c.id;
                for r in u.readings.iter().chain(&u.meant) {
                    assert!(
                        !t.intercom_phone_e164.values().any(|e| e == r),
                        "seed {s}: {r} is also a certain number"
                    );
                    if let Some(prev) = all.insert(r, cid) {
                        assert_eq!(prev, cid, "seed {s}: {r} on two hard contacts");
                    }
                }
                assert!(!w.aircall.calls.iter().any(|call| {
                    let d: String = call
                        .raw_digits
                        .chars()
                        .filter(|c| c.is_ascii_digit())
                        .collect();
                    u.readings.iter().chain(&u.meant).any(|r| r[1..] == d)
                }));
            }
            for kind in [
                UncertainKind::Ambiguous,
                UncertainKind::DefaultCountryOnly,
                UncertainKind::Extension,
                UncertainKind::TooShort,
                UncertainKind::IddOrNational,
            ] {
                assert!(
                    kinds.get(&kind).copied().unwrap_or(0) >= 2,
                    "seed {s}: {kinds:?}"
                );
            }
            // The wrong-person Aircall contacts hold the default reading, nobody else does.
            assert_eq!(t.aircall_wrong_person.len(), WRONG_PERSON.len());
            for a in w.aircall.contacts.values() {
                let holds: Vec<&String> = t
                    .intercom_uncertain_phones
                    .iter()
                    .filter(|(_, u)| {
                        a.phone_numbers
                            .iter()
                            .any(|p| u.readings.contains(&p.value))
                    })
                    .map(|(id, _)| id)
                    .collect();
                match t.aircall_wrong_person.get(&a.id) {
                    Some(iid) => {
                        let u = &t.intercom_uncertain_phones[iid];
                        assert_eq!(u.kind, UncertainKind::Ambiguous);
                        assert_eq!(a.phone_numbers[0].value, u.readings[1]);
                        assert_ne!(u.meant.as_ref(), Some(&u.readings[1]));
                        assert!(a.information.is_none());
                        assert_eq!(holds, vec![iid]);
                    }
                    None => assert!(holds.is_empty(), "{a:?} holds {holds:?}"),
                }
            }
        }
    }
}
