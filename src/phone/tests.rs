//! Unit tests of the phone engine (the every-region round trip is in `all_regions.rs`).

use super::*;

fn r(code: &str) -> Option<Region> {
    Region::parse(code)
}

fn norm(input: &str, region: &str) -> Outcome {
    normalize(input, &Hints::with_default(r(region)))
}

#[test]
fn formats_csv_every_row() {
    // The 65 rows of §9 of the behaviour reference, kept in the repository as a fixture.
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aircall-formats.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in text.lines().skip(1) {
        let mut cols = line.rsplitn(3, ',');
        let expected = cols.next().unwrap();
        let region = cols.next().unwrap();
        let input = cols.next().unwrap();
        rows += 1;
        let got = norm(input, region);
        if got.e164() != Some(expected) {
            failures.push(format!("{input:?} ({region}) -> {got:?}, want {expected}"));
        }
    }
    assert_eq!(rows, 65);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn garbage_is_rejected() {
    for g in [
        "12",
        "abc",
        "+999 123",
        "0000000000",
        "+33 1",
        "",
        "   ",
        "--",
        "+",
    ] {
        assert!(
            matches!(norm(g, "FR"), Outcome::Invalid { .. }),
            "{g:?} should be invalid: {:?}",
            norm(g, "FR")
        );
    }
}

#[test]
fn international_input_keeps_its_country() {
    let out = norm("+44 20 8765 3456", "FR");
    assert_eq!(out.e164(), Some("+442087653456"));
    assert_eq!(out.valid().unwrap().region, r("GB"));
    assert_eq!(out.valid().unwrap().reading, Reading::International);
}

#[test]
fn no_region_only_plus_is_valid() {
    assert_eq!(
        normalize("+33762043575", &Hints::default()).e164(),
        Some("+33762043575")
    );
    assert!(matches!(
        normalize("0762043575", &Hints::default()),
        Outcome::Invalid { .. }
    ));
}

#[test]
fn country_code_without_plus_beats_naive_national() {
    let out = norm("4917667402970", "DE");
    assert_eq!(out.e164(), Some("+4917667402970"));
    assert_eq!(
        out.valid().unwrap().reading,
        Reading::CountryCodeWithoutPlus
    );
}

#[test]
fn readings_are_reported() {
    assert_eq!(
        norm("0762043575", "FR").valid().unwrap().reading,
        Reading::National
    );
    assert_eq!(
        norm("0033762043575", "FR").valid().unwrap().reading,
        Reading::InternationalPrefix
    );
    assert_eq!(
        norm("0911239613", "ES").valid().unwrap().reading,
        Reading::RepairedTrunkZero
    );
    assert_eq!(
        norm("011 44 20 8765 3456", "US").e164(),
        Some("+442087653456")
    );
}

#[test]
fn disagreeing_readings_are_ambiguous() {
    match norm("003123456789", "IT") {
        Outcome::Ambiguous { candidates } => assert!(candidates.len() >= 2),
        other => panic!("expected ambiguous, got {other:?}"),
    }
}

#[test]
fn extensions_are_cut_and_reported() {
    for (input, ext) in [
        ("+1 442 249 7851 x123", "123"),
        ("+1 442 249 7851 ext. 5", "5"),
        ("+1 442 249 7851;ext=77", "77"),
        ("tel:+1-442-249-7851;ext=9", "9"),
    ] {
        let out = normalize(input, &Hints::default());
        let v = out.valid().unwrap_or_else(|| panic!("{input}: {out:?}"));
        assert_eq!(v.e164, "+14422497851");
        assert_eq!(v.extension.as_deref(), Some(ext), "{input}");
    }
}

#[test]
fn unicode_digits_and_noise() {
    // Full-width digits and plus.
    assert_eq!(
        normalize("＋３３７６２０４３５７５", &Hints::default()).e164(),
        Some("+33762043575")
    );
    // Arabic-Indic digits.
    assert_eq!(norm("٠٧٦٢٠٤٣٥٧٥", "FR").e164(), Some("+33762043575"));
    assert_eq!(
        norm("Tel: 07 62 04 35 75.", "FR").e164(),
        Some("+33762043575")
    );
    assert_eq!(
        normalize("tel:+33762043575", &Hints::default()).e164(),
        Some("+33762043575")
    );
}

#[test]
fn vanity_needs_opt_in() {
    assert!(matches!(
        norm("1-800-FLOWERS", "US"),
        Outcome::Invalid { .. }
    ));
    let hints = Hints {
        default: r("US"),
        allow_vanity: true,
        ..Hints::default()
    };
    assert_eq!(
        normalize("1-800-356-9377", &hints).e164(),
        normalize("1-800-FLOWERS", &hints).e164()
    );
}

#[test]
fn library_panic_pattern_is_guarded() {
    let out = norm("1;phone-context=+1;x=tel:2", "US");
    assert!(matches!(out, Outcome::Invalid { .. }), "{out:?}");
    // And any panic of the library is contained.
    assert!(guarded(|| panic!("boom")).is_none());
}

#[test]
fn record_country_first_default_fallback() {
    // The record's country reads the number; `--country` and the config are the fallback.
    let hints = Hints {
        explicit: r("FR"),
        record: r("GB"),
        default: r("US"),
        allow_vanity: false,
    };
    let v = normalize("020 8765 3456", &hints);
    assert_eq!(v.e164(), Some("+442087653456"));
    assert_eq!(v.valid().unwrap().hint, Some(HintSource::Record));
    // No record: `--country` replaces the configured default.
    let v = normalize(
        "07 62 04 35 75",
        &Hints {
            record: None,
            ..hints
        },
    );
    assert_eq!(v.e164(), Some("+33762043575"));
    assert_eq!(v.valid().unwrap().hint, Some(HintSource::Explicit));
    let v = normalize(
        "(442) 249-7851",
        &Hints {
            record: None,
            explicit: None,
            ..hints
        },
    );
    assert_eq!(v.e164(), Some("+14422497851"));
    assert_eq!(v.valid().unwrap().hint, Some(HintSource::Default));
    // The same number under both hints is valid, read with the record's country.
    let hints = Hints {
        record: r("FR"),
        default: r("GB"),
        ..Hints::default()
    };
    let v = normalize("+33 7 62 04 35 75", &hints);
    assert_eq!(v.e164(), Some("+33762043575"));
    let v = normalize("0033 7 62 04 35 75", &hints);
    assert_eq!(v.e164(), Some("+33762043575"));
    assert_eq!(v.valid().unwrap().hint, Some(HintSource::Record));
}

#[test]
fn record_and_default_that_disagree_are_ambiguous() {
    // `0612345678` is a French mobile and a Dutch mobile.
    let hints = Hints {
        record: r("NL"),
        default: r("FR"),
        ..Hints::default()
    };
    match normalize("06 12 34 56 78", &hints) {
        Outcome::Ambiguous { candidates } => {
            let got: Vec<_> = candidates
                .iter()
                .map(|c| (c.e164.as_str(), c.hint))
                .collect();
            assert_eq!(
                got,
                [
                    ("+31612345678", Some(HintSource::Record)),
                    ("+33612345678", Some(HintSource::Default)),
                ]
            );
        }
        other => panic!("expected ambiguous, got {other:?}"),
    }
}

#[test]
fn invalid_in_the_records_country_is_not_silently_the_defaults() {
    // A UK number missing a digit is a valid French number: with the contact in GB that is
    // reported, never written as French.
    let hints = Hints {
        record: r("GB"),
        default: r("FR"),
        ..Hints::default()
    };
    match normalize("020 8765 345", &hints) {
        Outcome::Ambiguous { candidates } => {
            assert_eq!(candidates.len(), 1);
            assert_eq!(candidates[0].e164, "+33208765345");
            assert_eq!(candidates[0].hint, Some(HintSource::Default));
        }
        other => panic!("expected ambiguous, got {other:?}"),
    }
    // Valid under the record's country and invalid under the default: valid.
    let v = normalize("020 8765 3456", &hints);
    assert_eq!(v.e164(), Some("+442087653456"));
    // Invalid under both: invalid, naming both.
    match normalize("12 34", &hints) {
        Outcome::Invalid { reason } => assert!(reason.contains("GB") && reason.contains("FR")),
        other => panic!("expected invalid, got {other:?}"),
    }
}

#[test]
fn international_prefixes_come_from_the_library() {
    // Nigeria dials out with `009`: an Antiguan number, not an Indian one.
    assert_eq!(
        norm("009 1 268-460-1234", "NG").e164(),
        Some("+12684601234")
    );
    // Russia's `8~10` (`~`: wait for the dial tone).
    assert_eq!(
        norm("8~10 1 268 460 1234", "RU").e164(),
        Some("+12684601234")
    );
    assert_eq!(
        norm("8~10 44 20 8765 3456", "RU").valid().unwrap().reading,
        Reading::InternationalPrefix
    );
    // Australia's `0011`, Japan's `010`, the US `011`.
    assert_eq!(
        norm("0011 33 7 62 04 35 75", "AU").e164(),
        Some("+33762043575")
    );
    assert_eq!(
        norm("010 33 7 62 04 35 75", "JP").e164(),
        Some("+33762043575")
    );
    assert_eq!(
        norm("011 33 7 62 04 35 75", "US").e164(),
        Some("+33762043575")
    );
}

#[test]
fn double_zero_national_that_is_also_foreign_is_ambiguous() {
    // `00` + the French mobile 6 87 75 12 34, or `00` 687 + the New Caledonian 75 12 34.
    for input in ["00687751234", "00 687 75 12 34"] {
        match norm(input, "FR") {
            Outcome::Ambiguous { candidates } => {
                let got: Vec<_> = candidates
                    .iter()
                    .map(|c| (c.e164.as_str(), c.reading))
                    .collect();
                assert_eq!(
                    got,
                    [
                        ("+687751234", Reading::InternationalPrefix),
                        ("+33687751234", Reading::RepairedTrunkZero),
                    ],
                    "{input}"
                );
            }
            other => panic!("{input}: expected ambiguous, got {other:?}"),
        }
    }
    // Written with `+`, it is New Caledonian.
    assert_eq!(norm("+687 75 12 34", "FR").e164(), Some("+687751234"));
}

#[test]
fn hong_kong_carrier_prefixes_do_not_hide_the_plain_00() {
    // HK dials out with `00` or a carrier's `001`…`009`; the library's parse takes `002` out
    // of `00 247 …`, the library's own formatting writes Ascension's number so.
    match norm("00 247 62889", "HK") {
        Outcome::Ambiguous { candidates } => {
            assert!(
                candidates.iter().any(|c| c.e164 == "+24762889"),
                "{candidates:?}"
            )
        }
        Outcome::Valid(v) => assert_eq!(v.e164, "+24762889"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        norm("00 33 7 62 04 35 75", "HK").e164(),
        Some("+33762043575")
    );
}

#[test]
fn every_library_punctuation_is_accepted() {
    for input in [
        "07~62~04~35~75",
        "07\u{2212}62\u{2212}04\u{2212}35\u{2212}75",
        "07\u{3000}62\u{3000}04\u{3000}35\u{3000}75",
        "\u{FF08}07\u{FF09}62[04]35\u{FF0E}75",
        "07\u{00AD}62\u{200B}04\u{2060}35\u{FF0F}75",
    ] {
        assert_eq!(norm(input, "FR").e164(), Some("+33762043575"), "{input:?}");
    }
    for bad in ["07 62 ! 04 35 75", "07_62_04_35_75", "07@62"] {
        assert!(
            matches!(norm(bad, "FR"), Outcome::Invalid { .. }),
            "{bad:?}: {:?}",
            norm(bad, "FR")
        );
    }
}

#[test]
fn certain_means_one_reading_and_no_extension() {
    let plain = norm("07 62 04 35 75", "FR");
    assert!(plain.is_certain());
    assert!(!plain.has_extension());
    assert_eq!(
        plain.certain().map(|v| v.e164.as_str()),
        Some("+33762043575")
    );
    let ext = norm("07 62 04 35 75 ext. 12", "FR");
    assert_eq!(ext.e164(), Some("+33762043575"));
    assert!(ext.has_extension());
    assert!(ext.valid().unwrap().has_extension());
    assert_eq!(ext.extension(), Some("12"));
    assert!(!ext.is_certain());
    let amb = norm("003123456789 x7", "IT");
    assert!(matches!(amb, Outcome::Ambiguous { .. }));
    assert!(!amb.is_certain());
    assert_eq!(amb.extension(), Some("7"));
    assert!(!norm("12", "FR").is_certain());
}

#[test]
fn formats_and_kind() {
    let v = normalize("+33762043575", &Hints::default());
    let v = v.valid().unwrap();
    assert_eq!(v.kind(), Kind::Mobile);
    assert_eq!(v.international(), "+33 7 62 04 35 75");
    assert_eq!(v.national(), "07 62 04 35 75");
}

#[test]
fn region_from_country_names() {
    assert_eq!(Region::from_code_or_name("France").unwrap().code(), "FR");
    assert_eq!(
        Region::from_code_or_name("united kingdom").unwrap().code(),
        "GB"
    );
    assert_eq!(Region::from_code_or_name("de").unwrap().code(), "DE");
    assert!(Region::from_code_or_name("Atlantis").is_none());
}

#[test]
fn region_parse() {
    assert_eq!(Region::parse("fr").unwrap().code(), "FR");
    assert_eq!(Region::parse("UK").unwrap().code(), "GB");
    assert!(Region::parse("ZZ").is_none());
    assert!(Region::parse("France").is_none());
}

#[test]
fn strip_display_handles_aircall_formats() {
    assert_eq!(
        strip_display("+33 6 12 34 56 78").as_deref(),
        Some("+33612345678")
    );
    assert_eq!(strip_display("anonymous"), None);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = normalize(&s, &Hints::with_default(Region::parse("US")));
        }

        #[test]
        fn never_panics_on_phoneish(s in "[+0-9 ()x;=tel:.-]{0,25}") {
            let _ = normalize(&s, &Hints::with_default(Region::parse("FR")));
        }

        #[test]
        fn valid_output_is_a_fixed_point(s in "[+]?[0-9]{6,14}", region in prop::sample::select(vec!["FR","US","GB","DE","ES","BR","AU","IT"])) {
            let hints = Hints::with_default(Region::parse(region));
            if let Outcome::Valid(v) = normalize(&s, &hints) {
                let again = normalize(&v.e164, &hints);
                prop_assert_eq!(again.e164(), Some(v.e164.as_str()));
                let again = normalize(&v.e164, &Hints::default());
                prop_assert_eq!(again.e164(), Some(v.e164.as_str()));
            }
        }
    }
}
