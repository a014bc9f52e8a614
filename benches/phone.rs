//! Phone engine benchmark (issues 4 and 13): numbers/s single-threaded over a mixed-region
//! corpus, the same corpus through Python `phonenumbers` running the same algorithm, the
//! start-up of `check-number --offline`, a whole-process `normalize` of 200,000 rows timed in
//! the same run as Python `phonenumbers` doing parse, validate and format on the same file,
//! and `normalize` over 1,000,000 rows (rate and peak RSS).
//!
//! `cargo bench --bench phone` (set `BENCH_ROWS` to change the large CSV's size).

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use aircom::phone::{normalize, Hints, Region};
use rand::{Rng, SeedableRng};

fn corpus(n: usize) -> Vec<(String, &'static str)> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let mut out = Vec::with_capacity(n);
    // The 65 rows of §9 of the behaviour reference, kept in the repository.
    let csv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/aircall-formats.csv"
    ))
    .expect("tests/fixtures/aircall-formats.csv");
    let fixed: Vec<(String, String)> = csv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut c = l.rsplitn(3, ',');
            let _ = c.next()?;
            let region = c.next()?.to_string();
            Some((c.next()?.to_string(), region))
        })
        .collect();
    let regions: [&'static str; 7] = ["FR", "US", "GB", "DE", "ES", "BR", "AU"];
    while out.len() < n {
        let roll = rng.random_range(0..100);
        if roll < 10 && !fixed.is_empty() {
            let (i, r) = &fixed[rng.random_range(0..fixed.len())];
            let region = regions.iter().find(|x| **x == r).copied().unwrap_or("FR");
            out.push((i.clone(), region));
        } else if roll < 15 {
            out.push((
                ["n/a", "12", "call me", "0000000000", "+999 123"][roll % 5].to_string(),
                "FR",
            ));
        } else {
            let g = aircom::sandbox::data::gen_number(&mut rng);
            let region = regions
                .iter()
                .find(|x| **x == g.country)
                .copied()
                .unwrap_or("FR");
            let form = match rng.random_range(0..5) {
                0 => g.e164.clone(),
                1 => g.international.clone(),
                2 => g.national.clone(),
                3 => g.e164[1..].to_string(),
                _ => g.national.replace(' ', "."),
            };
            out.push((form, region));
        }
    }
    out
}

/// Waits for a child with `wait4` and returns (success, its own peak RSS in KB).
fn wait_with_rss(child: std::process::Child) -> (bool, i64) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: waiting for our own child; the std handle is not waited on afterwards.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    (
        r == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage.ru_maxrss,
    )
}

/// Writes `rows` rows of `id,name,phone,country` cycling through the corpus.
fn write_csv(path: &Path, corpus: &[(String, &str)], rows: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(f, "id,name,phone,country").unwrap();
    for k in 0..rows {
        let (i, r) = &corpus[k % corpus.len()];
        writeln!(f, "{k},Contact {k},\"{}\",{r}", i.replace('"', "")).unwrap();
    }
}

/// `aircom normalize` of a CSV with the row's country as the hint, no config.
fn normalize_child(bin: &str, input: &Path, output: &Path) -> std::process::Child {
    let config = input.with_file_name("none.toml");
    Command::new(bin)
        .args([
            "normalize",
            input.to_str().unwrap(),
            "--column",
            "phone",
            "--country-column",
            "country",
            "-o",
        ])
        .arg(output)
        .env("AIRCOM_CONFIG", config)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

fn main() {
    let n = 200_000;
    let corpus = corpus(n);
    let hints: Vec<Hints> = ["FR", "US", "GB", "DE", "ES", "BR", "AU"]
        .iter()
        .map(|r| Hints::with_default(Region::parse(r)))
        .collect();
    let hint_for = |r: &str| match r {
        "FR" => 0,
        "US" => 1,
        "GB" => 2,
        "DE" => 3,
        "ES" => 4,
        "BR" => 5,
        _ => 6,
    };
    // Warm up the library's lazy metadata.
    for (i, r) in corpus.iter().take(2000) {
        let _ = normalize(i, &hints[hint_for(r)]);
    }
    let start = Instant::now();
    let mut valid = 0;
    for (i, r) in &corpus {
        if normalize(i, &hints[hint_for(r)]).e164().is_some() {
            valid += 1;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let rust_rate = n as f64 / elapsed;
    println!("phone engine (Rust, 1 thread): {rust_rate:>10.0} numbers/s  ({valid}/{n} valid, {elapsed:.2}s)");

    // Python phonenumbers, same algorithm, same corpus.
    let dir = tempfile::tempdir().unwrap();
    let corpus_path = dir.path().join("corpus.tsv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&corpus_path).unwrap());
    for (i, r) in &corpus {
        writeln!(f, "{i}\t{r}").unwrap();
    }
    drop(f);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/python_phone.sh");
    match Command::new(script)
        .arg("phone_py.py")
        .arg(&corpus_path)
        .output()
    {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let mut parts = text.split_whitespace();
            let py_rate: f64 = parts.next().and_then(|x| x.parse().ok()).unwrap_or(0.0);
            let py_valid = parts.next().unwrap_or("?");
            println!("phone engine (Python phonenumbers): {py_rate:>6.0} numbers/s  ({py_valid}/{n} valid)");
            if py_rate > 0.0 {
                println!(
                    "speed-up: {:.1}x (target >= 15x; Rust target >= 200,000/s)",
                    rust_rate / py_rate
                );
            }
        }
        Ok(out) => println!(
            "python comparison failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => println!("python comparison skipped: {e}"),
    }

    // check-number --offline start-up, median of 21 runs.
    let bin = env!("CARGO_BIN_EXE_aircom");
    let mut times: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            let out = Command::new(bin)
                .args(["check-number", "--offline", "+33762043575"])
                .env("AIRCOM_CONFIG", dir.path().join("none.toml"))
                .output()
                .unwrap();
            assert!(out.status.success());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "check-number --offline +33762043575: median {:.1} ms (target < 50 ms)",
        times[10]
    );

    // Whole process, same run, same file: `aircom normalize` and Python `phonenumbers`
    // (parse, validate, format E.164, write the rows back) over the 200,000-row corpus.
    let small_csv = dir.path().join("corpus.csv");
    write_csv(&small_csv, &corpus, corpus.len());
    let t = Instant::now();
    let (ok, _) = wait_with_rss(normalize_child(
        bin,
        &small_csv,
        &dir.path().join("out-small.csv"),
    ));
    assert!(ok, "normalize failed");
    let rust_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let py = Command::new(script)
        .arg("normalize_py.py")
        .arg(&small_csv)
        .arg(dir.path().join("out-py.csv"))
        .output();
    let py_secs = t.elapsed().as_secs_f64();
    match py {
        Ok(out) if out.status.success() => {
            let py_valid = String::from_utf8_lossy(&out.stdout).trim().to_string();
            println!(
                "whole process, {n} rows: aircom normalize {rust_secs:.2}s ({:.0} rows/s), \
                 Python phonenumbers parse+validate+format {py_secs:.2}s ({:.0} rows/s, \
                 {py_valid} valid): {:.1}x",
                n as f64 / rust_secs,
                n as f64 / py_secs,
                py_secs / rust_secs
            );
        }
        Ok(out) => println!(
            "python whole-process comparison failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => println!("python whole-process comparison skipped: {e}"),
    }

    // normalize over a large CSV: rate and peak RSS of the child.
    let rows: usize = std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let csv_path = dir.path().join("big.csv");
    write_csv(&csv_path, &corpus, rows);
    let t = Instant::now();
    let child = normalize_child(bin, &csv_path, &dir.path().join("out.csv"));
    let (ok, rss_kb) = wait_with_rss(child);
    assert!(ok, "normalize failed");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "normalize {rows} rows: {:.0} rows/s ({secs:.2}s), peak RSS {:.1} MB (targets >= 150,000 rows/s, <= 200 MB)",
        rows as f64 / secs,
        rss_kb as f64 / 1024.0
    );
}
