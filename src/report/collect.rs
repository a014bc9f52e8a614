//! Gathering `audit logging`'s report: the period's calls, contacts and conversations read
//! through the backfill's clients and fetch, every call planned by the backfill engine
//! (`log_calls::plan_all`, the plan of `backfill calls --dry-run`), then counted by
//! [`coverage::build`]. Read-only: an existing ledger is opened read-only for what aircom
//! logged; none is created. Used by `audit logging` and `doctor --with-calls`.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::aircall::{Call, NumberId};
use crate::backfill::log_calls::{fetch_window, group_key, groups_of, plan_all, State};
use crate::cli::{ConversationMode, CreateContacts};
use crate::context::Ctx;
use crate::intercom::AdminId;
use crate::report::coverage::{self, ContactFacts, OutageRule, Report};

/// What to report on.
pub struct Query {
    pub since: i64,
    pub until: i64,
    /// Only calls on this Aircall number.
    pub number: Option<NumberId>,
    pub hints: crate::phone::Hints,
    pub partitions: usize,
    pub rule: OutageRule,
    /// Count unknown callers as gaps a backfill would create a lead for (else no contact).
    pub create: bool,
}

/// Reads, plans and counts (progress bars on a terminal).
pub async fn report(ctx: &Ctx, q: &Query) -> anyhow::Result<Report> {
    let p = &ctx.printer;
    let (ic, ac) = (ctx.intercom()?, ctx.aircall()?);
    let now = ctx.now();
    // Read-only: what aircom logged is read from the ledger when there is one; nothing is
    // created, migrated, bound or locked.
    let workspace = ctx.workspace().await?.to_string();
    let ledger = crate::ledger::Ledger::open_read_only(&ctx.ledger_path()?, &workspace)?;
    let crate::backfill::plan::Admins { by_email, setup } =
        crate::backfill::plan::admins(ic, None).await?;

    let bar = p.progress(None, "listing calls, contacts and conversations");
    let window = fetch_window(ic, ac, &q.hints, q.partitions, q.since, q.until, || {
        bar.inc(1)
    })
    .await?;
    bar.finish_and_clear();
    let in_period = |c: &Call| {
        c.started_at >= q.since
            && c.started_at < q.until
            && q.number
                .as_ref()
                .is_none_or(|n| c.number.as_ref().is_some_and(|x| x.id == *n))
    };
    let calls: Vec<&Call> = window.calls.iter().filter(|c| in_period(c)).collect();
    // Every fetched call competes for the logs, as in `backfill calls`.
    let mut competitors: HashMap<String, Vec<&Call>> = HashMap::new();
    for c in &window.calls {
        competitors.entry(group_key(c)).or_default().push(c);
    }
    let index = window.index;
    let st = State {
        ic,
        ac,
        ledger: ledger.as_ref(),
        run_id: None,
        admin: AdminId(setup.0),
        admins: by_email,
        by_number: Mutex::new(index.by_number),
        anonymous: Mutex::new(index.anonymous),
        convs: Mutex::new(window.convs),
        tags: Mutex::new(HashMap::new()),
        locale: crate::integration::Locale::En,
        create: if q.create {
            CreateContacts::Lead
        } else {
            CreateContacts::None
        },
        mode: ConversationMode::New,
        dry_run: true,
        contacts_created: Default::default(),
        now,
        claims: Mutex::new(HashMap::new()),
        listed: tokio::sync::Mutex::new(None),
        unrecognized: Mutex::new(Default::default()),
        previewed: Mutex::new(Default::default()),
        uncertain_contacts: Mutex::new(Default::default()),
    };
    let bar = p.progress(Some(calls.len() as u64), "reading what is logged");
    let groups = groups_of(calls.iter().copied());
    let plan = plan_all(&st, &groups, &competitors, |n| bar.inc(n as u64)).await;
    bar.finish_and_clear();
    let by_id: HashMap<i64, &Call> = calls.iter().map(|c| (c.id.0, *c)).collect();
    let contacts = ContactFacts {
        not_e164: &index.not_e164,
        created_at: &index.created_at,
        creation_seen_since: index.created_for_callers_since,
    };
    let facts = plan
        .iter()
        .filter_map(|(id, d)| by_id.get(id).map(|c| coverage::fact(c, d, &contacts)))
        .collect();
    Ok(coverage::build(facts, q.since, q.until, q.rule))
}
