//! Finding the contacts a number belongs to, on both sides, whatever format they were stored
//! in: search on the trailing digits, then normalize the candidates with the phone engine.

use futures::TryStreamExt;

use crate::aircall::{self, AircallClient};
use crate::intercom::{self, filter, or, IntercomClient};
use crate::phone::{normalize, Hints, Region};

/// The region hint for a contact: its location country, if Intercom knows it.
pub fn contact_region(c: &intercom::Contact) -> Option<Region> {
    c.location
        .as_ref()
        .and_then(|l| l.country.as_deref())
        .and_then(Region::from_code_or_name)
}

/// What a stored Intercom phone means, with the contact's country as the per-record hint.
pub fn contact_e164(c: &intercom::Contact, hints: &Hints) -> Option<String> {
    let phone = c.phone.as_deref()?;
    let hints = Hints {
        record: contact_region(c),
        ..*hints
    };
    normalize(phone, &hints).e164().map(str::to_string)
}

/// Intercom users and leads whose stored phone normalizes to `e164`.
pub async fn intercom_by_number(
    client: &IntercomClient,
    e164: &str,
    hints: &Hints,
) -> anyhow::Result<Vec<intercom::Contact>> {
    let digits: String = e164.chars().filter(|c| c.is_ascii_digit()).collect();
    let tail = &digits[digits.len().saturating_sub(7)..];
    let query = intercom::and(vec![
        intercom::users_and_leads(),
        or(vec![
            filter("phone", "~", tail),
            filter("formatted_phone", "~", tail),
        ]),
    ]);
    let candidates: Vec<intercom::Contact> =
        client.search_contacts(query, None).try_collect().await?;
    Ok(candidates
        .into_iter()
        .filter(|c| contact_e164(c, hints).as_deref() == Some(e164))
        .collect())
}

/// Aircall contacts with this number.
pub async fn aircall_by_number(
    client: &AircallClient,
    e164: &str,
) -> anyhow::Result<Vec<aircall::Contact>> {
    Ok(client.search_contacts_by_phone(e164).await?)
}

/// The link to a contact's profile in Intercom.
pub fn intercom_link(app_id: &str, contact: &intercom::ContactId) -> String {
    format!("https://app.intercom.com/a/apps/{app_id}/users/{contact}/all-conversations")
}

/// The company's Aircall number named (case-insensitively), with the id, or with the phone
/// number `want` (written with `+`, any spacing): a typo is a usage error listing the
/// numbers, never "no calls in that period".
pub async fn require_number(ac: &AircallClient, want: &str) -> anyhow::Result<aircall::Number> {
    let numbers: Vec<aircall::Number> = ac.numbers().try_collect().await?;
    let digits = want
        .trim()
        .starts_with('+')
        .then(|| crate::phone::strip_display(want))
        .flatten();
    let found = numbers.iter().find(|n| {
        n.id.0.to_string() == want
            || n.name
                .as_deref()
                .is_some_and(|x| x.eq_ignore_ascii_case(want))
            || digits.is_some()
                && n.digits.as_deref().and_then(crate::phone::strip_display) == digits
    });
    match found {
        Some(n) => Ok(n.clone()),
        None => {
            let list: Vec<String> = numbers
                .iter()
                .map(|n| {
                    format!(
                        "{} ({}, id {})",
                        n.name.as_deref().unwrap_or("unnamed"),
                        n.digits.as_deref().unwrap_or("no digits"),
                        n.id.0
                    )
                })
                .collect();
            Err(crate::error::Failure::usage_hint(
                format!("no Aircall number with the name, id or number `{want}`"),
                format!("the numbers are: {}", list.join(", ")),
            ))
        }
    }
}
