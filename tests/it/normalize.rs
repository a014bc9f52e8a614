//! `aircom normalize` end to end.

use crate::support::*;

#[test]
fn adds_columns_keeps_the_rest_and_neutralises_formulas() {
    let env = Env::new();
    let input = env.path().join("in.csv");
    std::fs::write(
        &input,
        "\u{feff}name,phone,country,note\n\"Ana, Silva\",07 62 04 35 75,FR,\"=HYPERLINK(\"\"x\"\")\"\nBob,(442) 249-7851,US,ok\nCara,12,FR,\nDan,,FR,@cmd\nEve,003123456789,IT,\n",
    )
    .unwrap();
    let out = env
        .cmd()
        .args([
            "normalize",
            input.to_str().unwrap(),
            "--column",
            "phone",
            "--country-column",
            "country",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "name",
            "phone",
            "country",
            "note",
            "e164",
            "phone_status",
            "phone_region",
            "phone_reading"
        ]
    );
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows[0][0], "Ana, Silva");
    assert_eq!(rows[0][3], "'=HYPERLINK(\"x\")");
    assert_eq!(&rows[0][4..], ["+33762043575", "valid", "FR", "national"]);
    assert_eq!(&rows[1][4..6], ["+14422497851", "valid"]);
    assert_eq!(rows[2][5], "invalid");
    assert_eq!(rows[3][5], "empty");
    assert_eq!(rows[3][3], "'@cmd");
    assert_eq!(rows[4][5], "ambiguous");
    let err = stderr(&out);
    assert!(
        err.contains("5 rows") && err.contains("2 valid") && err.contains("1 ambiguous"),
        "{err}"
    );
}

#[test]
fn a_missing_column_fails_before_any_output() {
    let env = Env::new();
    let input = env.path().join("in.csv");
    std::fs::write(&input, "name,tel\nA,1\n").unwrap();
    let out = env
        .cmd()
        .args(["normalize", input.to_str().unwrap(), "--column", "phone"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("no column `phone`") && stderr(&out).contains("`tel`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stdin_delimiter_and_aircall_import_files() {
    let env = Env::new();
    let dir = env.path().join("import");
    let out = env
        .cmd()
        .args([
            "normalize",
            "-",
            "--column",
            "phone",
            "--country",
            "GB",
            "--delimiter",
            ";",
            "--aircall-import",
            dir.to_str().unwrap(),
            "--name-column",
            "name",
        ])
        .write_stdin("name;phone\nGrace Brewster Hopper;020 8765 3456\nNobody;n/a\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("name;phone;e164;"), "{text}");
    let import = std::fs::read_to_string(dir.join("aircall-import-001.csv")).unwrap();
    assert_eq!(import, "first_name,last_name,company_name,phone1,phone2,phone3,phone4\nGrace Brewster,Hopper,,+442087653456,,,\n");
}

#[test]
fn a_failed_run_leaves_no_half_written_output() {
    let env = Env::new();
    let input = env.path().join("in.csv");
    let mut bytes = b"name,phone\n".to_vec();
    for i in 0..5_000 {
        bytes.extend_from_slice(format!("P{i},+33762043575\n").as_bytes());
    }
    bytes.extend_from_slice(b"broken,\xff\xfe\n");
    std::fs::write(&input, bytes).unwrap();
    let output = env.path().join("out.csv");
    let out = env
        .cmd()
        .args([
            "normalize",
            input.to_str().unwrap(),
            "--column",
            "phone",
            "-o",
            output.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!output.exists(), "no half-written output");
    assert_eq!(
        std::fs::read_dir(env.path())
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("partial"))
            .count(),
        0
    );
    // And a good run writes the file whole.
    std::fs::write(&input, "name,phone\nA,+33762043575\n").unwrap();
    let out = env
        .cmd()
        .args([
            "normalize",
            input.to_str().unwrap(),
            "--column",
            "phone",
            "-o",
            output.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&output)
        .unwrap()
        .contains("+33762043575,valid,FR"));
}

/// A folder is not a CSV: said so, exit 2. National numbers with no country to read them in
/// are invalid, and the run says why and what to pass (the config here has no default).
#[test]
fn a_folder_is_refused_and_numbers_without_a_country_are_explained() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["normalize", "--column", "phone"])
        .arg(env.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is a folder, not a CSV file"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    let input = env.path().join("in.csv");
    std::fs::write(&input, "name,phone\nAda,06 12 34 56 78\nBob,+33712345678\n").unwrap();
    let out = env
        .cmd()
        .args(["normalize", "--column", "phone"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("1 number(s) without a country code are invalid for want of a country to read them in: pass `--country`"),
        "{err}"
    );
    // With a country, no such warning.
    let out = env
        .cmd()
        .args(["normalize", "--column", "phone", "--country", "FR"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        !stderr(&out).contains("no country code"),
        "{}",
        stderr(&out)
    );
}
