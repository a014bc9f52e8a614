//! The round trip over every region the library supports (issue 13): from each calling region
//! R, every other region's example fixed-line and mobile numbers, written the way the library
//! says they are dialled from R (`format_out_of_country_calling_number`: R's own international
//! prefix, `8~10` from Russia, `009` from Nigeria, or the national form within a shared
//! country code), must read back with R as the hint as the same number, or as ambiguous with
//! that number among the candidates: never as another number.
//!
//! `cargo test --lib phone::all_regions -- --nocapture` prints the counts.

use rlibphonenumber::{PhoneNumber, PhoneNumberType, PHONE_NUMBER_UTIL};

use super::{e164_of, normalize, Hints, Outcome, Reading, Region};

/// Every supported region's example fixed-line and mobile numbers (distinct, valid).
fn examples(regions: &[rlibphonenumber::Region]) -> Vec<(rlibphonenumber::Region, PhoneNumber)> {
    let mut out: Vec<(rlibphonenumber::Region, PhoneNumber)> = Vec::new();
    for &region in regions {
        for kind in [PhoneNumberType::FixedLine, PhoneNumberType::Mobile] {
            let Ok(n) = PHONE_NUMBER_UTIL.get_example_number_for_type_and_region(region, kind)
            else {
                continue;
            };
            if PHONE_NUMBER_UTIL.is_valid_number(&n)
                && !out.iter().any(|(_, m)| super::same_number(m, &n))
            {
                out.push((region, n));
            }
        }
    }
    out
}

#[test]
fn foreign_numbers_in_every_regions_out_of_country_format_read_back() {
    let mut regions: Vec<rlibphonenumber::Region> =
        PHONE_NUMBER_UTIL.get_supported_regions().collect();
    regions.sort_by_key(|r| r.as_region_str().to_string());
    let examples = examples(&regions);
    let expected: Vec<String> = examples.iter().map(|(_, n)| e164_of(n)).collect();

    let (mut cases, mut correct, mut ambiguous, mut invalid) = (0usize, 0usize, 0usize, 0usize);
    let mut with_plus = 0usize;
    // Ambiguous between the foreign number and a stray or doubled zero before a national
    // number of the calling region (as FR `00762043575` is read): short foreign numbers
    // collide with it.
    let mut ambiguous_zero = 0usize;
    let mut wrong = Vec::new();
    let mut invalid_samples = Vec::new();
    let mut ambiguous_samples = Vec::new();
    for &calling in &regions {
        let hints = Hints::with_default(Some(Region(calling)));
        for ((home, n), want) in examples.iter().zip(&expected) {
            if *home == calling {
                continue;
            }
            cases += 1;
            let written = n.format_out_of_country_calling_number(calling);
            if written.starts_with('+') {
                with_plus += 1;
            }
            let case = || format!("{written:?} dialled from {}", calling.as_region_str());
            match normalize(&written, &hints) {
                Outcome::Valid(v) if v.e164 == *want => correct += 1,
                Outcome::Valid(v) => wrong.push(format!("{}: {} (want {want})", case(), v.e164)),
                Outcome::Ambiguous { candidates } => {
                    if candidates.iter().any(|c| c.e164 == *want) {
                        ambiguous += 1;
                        if candidates
                            .iter()
                            .any(|c| c.reading == Reading::RepairedTrunkZero)
                        {
                            ambiguous_zero += 1;
                        }
                        if ambiguous_samples.len() < 10 {
                            let got: Vec<_> = candidates.iter().map(|c| c.e164.as_str()).collect();
                            ambiguous_samples.push(format!("{}: {}", case(), got.join(" or ")));
                        }
                    } else {
                        wrong.push(format!("{}: ambiguous without {want}", case()));
                    }
                }
                Outcome::Invalid { reason } => {
                    invalid += 1;
                    if invalid_samples.len() < 20 {
                        invalid_samples.push(format!("{}: {reason} (want {want})", case()));
                    }
                }
            }
        }
    }
    println!(
        "all regions: {} calling regions, {} example numbers, {cases} cases ({with_plus} written \
         with `+` because the region has no single international prefix): {correct} correct, \
         {ambiguous} ambiguous ({ambiguous_zero} of them against a leading-zero repair in the \
         calling region, as FR `00762043575` is read), {invalid} invalid, {} wrong",
        regions.len(),
        examples.len(),
        wrong.len()
    );
    for s in &ambiguous_samples {
        println!("  ambiguous: {s}");
    }
    for s in &invalid_samples {
        println!("  invalid: {s}");
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong[..wrong.len().min(50)].join("\n")
    );
    assert!(regions.len() > 200, "{} regions", regions.len());
}
