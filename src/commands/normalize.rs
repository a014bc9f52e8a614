//! `aircom normalize FILE.csv --column phone`: streams a CSV, keeps every column, and adds
//! `e164`, `phone_status`, `phone_region`, `phone_reading`. Bounded memory: one record at a
//! time. Optionally writes Aircall's dashboard import files (valid numbers only, < 1 MB each).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::cli::NormalizeArgs;
use crate::commands::ExitStatus;
use crate::context::Ctx;
use crate::error::Failure;
use crate::fsutil::PendingFile;
use crate::output::csv_safe;
use crate::phone::{normalize, Hints, Outcome, Region};

const IMPORT_LIMIT: usize = 1_000_000;

pub fn run(args: NormalizeArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    if !args.delimiter.is_ascii() {
        return Err(Failure::usage(
            "`--delimiter` must be a single ASCII character",
        ));
    }
    let explicit = match &args.country {
        Some(c) => Some(Region::from_code_or_name(c).ok_or_else(|| {
            Failure::usage_hint(
                format!("`{c}` is not a country code"),
                "use an ISO code such as FR",
            )
        })?),
        None => None,
    };
    let default = ctx
        .settings
        .default_country()
        .and_then(|c| Region::from_code_or_name(&c));

    let (input, total_bytes): (Box<dyn Read>, Option<u64>) = if args.input == "-" {
        (Box::new(std::io::stdin().lock()), None)
    } else {
        let f = File::open(&args.input)
            .map_err(|e| Failure::usage(format!("cannot read `{}`: {e}", args.input)))?;
        let meta = f.metadata().ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(Failure::usage_hint(
                format!("`{}` is a folder, not a CSV file", args.input),
                "pass the CSV file to normalize (or `-` to read standard input)",
            ));
        }
        let len = meta.map(|m| m.len());
        (Box::new(f), len)
    };
    let mut buffered = BufReader::with_capacity(1 << 16, input);
    // A UTF-8 byte-order mark is not part of the first header.
    if buffered.fill_buf()?.starts_with(&[0xEF, 0xBB, 0xBF]) {
        buffered.consume(3);
    }
    let quotes = QuoteTrail::default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(args.delimiter as u8)
        .flexible(true)
        .from_reader(Tracked {
            inner: buffered,
            trail: quotes.clone(),
        });
    let headers = reader
        .headers()
        .with_context(|| format!("reading the header row of `{}`", args.input))?
        .clone();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(Failure::usage_hint(
            format!("`{}` is empty: there is no header row", args.input),
            "give a CSV whose first line names its columns",
        ));
    }
    let find = |name: &str| -> anyhow::Result<usize> {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| {
                Failure::usage_hint(
                    format!("no column `{name}` in `{}`", args.input),
                    format!(
                        "the columns are: {}",
                        headers
                            .iter()
                            .map(|h| format!("`{h}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })
    };
    let phone_col = find(&args.column)?;
    let country_col = args.country_column.as_deref().map(find).transpose()?;
    let name_col = args.name_column.as_deref().map(find).transpose()?;
    let first_col = args.first_name_column.as_deref().map(find).transpose()?;
    let last_col = args.last_name_column.as_deref().map(find).transpose()?;
    let company_col = args.company_column.as_deref().map(find).transpose()?;
    for added in ["e164", "phone_status", "phone_region", "phone_reading"] {
        if headers.iter().any(|h| h == added) {
            return Err(Failure::usage_hint(
                format!("`{}` already has a column `{added}`", args.input),
                "rename it, or normalize the original file",
            ));
        }
    }

    let out = if args.output == "-" {
        // Held back until the input has been read whole (in memory, then in an unnamed
        // temporary file past 8 MiB): an error found at the end of the input, such as a
        // quote never closed, must not leave half a file in a pipe.
        Output::Stdout(tempfile::SpooledTempFile::new(8 << 20))
    } else {
        Output::File(PendingFile::create_given(Path::new(&args.output))?)
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(args.delimiter as u8)
        .from_writer(BufWriter::with_capacity(1 << 16, out));
    let mut header_out: Vec<String> = headers.iter().map(csv_safe).collect();
    header_out.extend(["e164", "phone_status", "phone_region", "phone_reading"].map(String::from));
    writer.write_record(&header_out)?;

    let mut import = match &args.aircall_import {
        Some(dir) => Some(ImportWriter::new(dir)?),
        None => None,
    };
    let bar = ctx.printer.progress(total_bytes, "normalizing");
    let mut counts: BTreeMap<&'static str, u64> = BTreeMap::new();
    // Invalid only for want of a country to read them in.
    let mut no_country = 0u64;
    let mut record = csv::StringRecord::new();
    let mut out_row: Vec<String> = Vec::with_capacity(headers.len() + 4);
    let mut rows = 0u64;
    let mut skipped = 0u64;
    // Where the last record read starts (byte, line): an unterminated quote makes it run to
    // the end of the file.
    let mut last_start: Option<(u64, u64)> = None;
    let mut last_multiline = false;
    loop {
        let start = reader.position().clone();
        if let Some((b, _)) = last_start {
            quotes.forget_before(b);
        }
        if !reader
            .read_record(&mut record)
            .with_context(|| format!("reading `{}`", args.input))?
        {
            break;
        }
        last_start = Some((start.byte(), start.line()));
        last_multiline = memchr::memchr(b'\n', record.as_slice().as_bytes()).is_some();
        // A row with more fields than the header has no column for them: said, and skipped
        // (a shorter one is padded below).
        if record.len() > headers.len() {
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            ctx.printer.warn(format!(
                "{}:{line}: {} fields, the header has {}: row skipped",
                args.input,
                record.len(),
                headers.len()
            ));
            skipped += 1;
            continue;
        }
        rows += 1;
        let phone = record.get(phone_col).unwrap_or("").trim();
        let record_region = country_col
            .and_then(|i| record.get(i))
            .and_then(Region::from_code_or_name);
        let hints = Hints {
            explicit,
            record: record_region,
            default,
            allow_vanity: args.allow_vanity,
        };
        let (status, e164, region, reading) = if phone.is_empty() {
            ("empty", String::new(), String::new(), String::new())
        } else {
            match normalize(phone, &hints) {
                Outcome::Valid(v) => (
                    "valid",
                    v.e164.clone(),
                    v.region.map(|r| r.code()).unwrap_or_default(),
                    v.reading.as_str().to_string(),
                ),
                Outcome::Ambiguous { .. } => {
                    ("ambiguous", String::new(), String::new(), String::new())
                }
                Outcome::Invalid { .. } => {
                    // (A country column's unknown value is the row's own problem.)
                    if country_col.is_none()
                        && hints.explicit.is_none()
                        && hints.default.is_none()
                        && !phone.starts_with('+')
                        && phone.chars().filter(char::is_ascii_digit).count() >= 6
                    {
                        no_country += 1;
                    }
                    ("invalid", String::new(), String::new(), String::new())
                }
            }
        };
        *counts.entry(status).or_default() += 1;
        out_row.clear();
        out_row.extend(record.iter().map(csv_safe));
        // Short rows (flexible input) are padded so the added columns line up.
        while out_row.len() < headers.len() {
            out_row.push(String::new());
        }
        out_row.push(e164.clone());
        out_row.push(status.to_string());
        out_row.push(region);
        out_row.push(reading);
        writer.write_record(&out_row)?;
        if let (Some(imp), "valid") = (&mut import, status) {
            let get = |c: Option<usize>| {
                c.and_then(|i| record.get(i))
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            let (first, last) = if first_col.is_some() || last_col.is_some() {
                (get(first_col), get(last_col))
            } else {
                split_name(&get(name_col))
            };
            imp.push(&[first, last, get(company_col), e164])?;
        }
        if rows.is_multiple_of(4096) {
            bar.set_position(reader.position().byte());
            if ctx.interrupted() {
                break;
            }
        }
    }
    // A quoted field never closed swallows the rest of the file as one field: an odd number
    // of quotes from the last record's start to the end. Nothing is written then.
    // (A stray `"` inside an unquoted last field leaves the count odd too, but swallows
    // nothing: only a last record with a field running over lines is refused.)
    if let Some((byte, line)) = last_start {
        if !ctx.interrupted() && last_multiline && quotes.odd_since(byte) {
            if let Some(imp) = import {
                imp.abandon();
            }
            return Err(Failure::usage_hint(
                format!(
                    "{}:{line}: a quoted field is never closed: the rest of the file would be read as one value",
                    args.input
                ),
                "close the quote (a `\"` inside a quoted field is written `\"\"`); nothing was written",
            ));
        }
    }
    // The output file appears only now, whole; an error above leaves the previous one.
    writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("writing `{}`: {}", args.output, e.error()))?
        .into_inner()
        .map_err(|e| anyhow::anyhow!("writing `{}`: {}", args.output, e.error()))?
        .commit()?;
    bar.finish_and_clear();
    let files = match import {
        Some(imp) => imp.finish()?,
        None => vec![],
    };
    let summary = counts
        .iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect::<Vec<_>>()
        .join(", ");
    ctx.printer.info(format!(
        "{rows} rows{}{summary}{}",
        if summary.is_empty() { "" } else { ": " },
        if skipped > 0 {
            format!(", {skipped} skipped (more fields than the header)")
        } else {
            String::new()
        }
    ));
    if no_country > 0 {
        ctx.printer.warn(format!(
            "{no_country} number(s) without a country code are invalid for want of a country to read them in: pass `--country` (or `--country-column`), or set `default_country` in the config"
        ));
    }
    if !files.is_empty() {
        ctx.printer.info(format!(
            "wrote {} Aircall import file(s) to {}",
            files.len(),
            args.aircall_import
                .as_ref()
                .map(|d| d.display().to_string())
                .unwrap_or_default()
        ));
    }
    Ok(ExitStatus::Success)
}

/// Where normalized rows go: stdout or a file, each written only once the input was read
/// whole.
enum Output {
    Stdout(tempfile::SpooledTempFile),
    File(PendingFile),
}

impl Output {
    fn commit(self) -> std::io::Result<()> {
        match self {
            Output::Stdout(mut spool) => {
                use std::io::{Seek, SeekFrom};
                spool.seek(SeekFrom::Start(0))?;
                let mut out = std::io::stdout().lock();
                std::io::copy(&mut spool, &mut out)?;
                out.flush()
            }
            Output::File(f) => f.commit(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(s) => s.write(buf),
            Output::File(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(s) => s.flush(),
            Output::File(f) => f.flush(),
        }
    }
}

/// "Ada Lovelace King" → ("Ada Lovelace", "King"); one word goes to the first name.
pub fn split_name(full: &str) -> (String, String) {
    let full = full.trim();
    match full.rsplit_once(' ') {
        Some((first, last)) => (first.trim().to_string(), last.trim().to_string()),
        None => (full.to_string(), String::new()),
    }
}

/// The offsets of the `"` bytes read, from the start of the record being parsed: enough to
/// tell, at the end, whether the last record left a quote open.
#[derive(Clone, Default)]
struct QuoteTrail(std::rc::Rc<std::cell::RefCell<(u64, std::collections::VecDeque<u64>)>>);

impl QuoteTrail {
    fn forget_before(&self, byte: u64) {
        let mut t = self.0.borrow_mut();
        while t.1.front().is_some_and(|&q| q < byte) {
            t.1.pop_front();
        }
    }

    fn odd_since(&self, byte: u64) -> bool {
        let t = self.0.borrow();
        t.1.iter().filter(|&&q| q >= byte).count() % 2 == 1
    }
}

/// A reader that notes where each `"` is.
struct Tracked<R> {
    inner: R,
    trail: QuoteTrail,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut t = self.trail.0.borrow_mut();
        let base = t.0;
        for i in memchr::memchr_iter(b'"', &buf[..n]) {
            t.1.push_back(base + i as u64);
        }
        t.0 += n as u64;
        Ok(n)
    }
}

/// Aircall's dashboard contact import: `first_name,last_name,company_name,phone1..phone4`,
/// split into files under 1 MB each.
pub struct ImportWriter {
    dir: PathBuf,
    index: usize,
    current: Option<(csv::Writer<PendingFile>, usize)>,
    /// Files written whole but not yet in place: all are moved in by `finish`, none if the
    /// input turns out bad (an earlier run's files stay as they were until then).
    done: Vec<PendingFile>,
    files: Vec<PathBuf>,
}

const IMPORT_HEADER: [&str; 7] = [
    "first_name",
    "last_name",
    "company_name",
    "phone1",
    "phone2",
    "phone3",
    "phone4",
];

impl ImportWriter {
    pub fn new(dir: &Path) -> anyhow::Result<ImportWriter> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::usage(format!("cannot create `{}`: {e}", dir.display())))?;
        Ok(ImportWriter {
            dir: dir.to_path_buf(),
            index: 0,
            current: None,
            done: vec![],
            files: vec![],
        })
    }

    /// Adds a row: first name, last name, company, phone.
    pub fn push(&mut self, fields: &[String; 4]) -> anyhow::Result<()> {
        let row = [
            csv_safe(&fields[0]),
            csv_safe(&fields[1]),
            csv_safe(&fields[2]),
            fields[3].clone(),
            String::new(),
            String::new(),
            String::new(),
        ];
        let size = row.iter().map(|f| f.len() + 3).sum::<usize>() + 1;
        let full = self
            .current
            .as_ref()
            .is_some_and(|(_, used)| used + size >= IMPORT_LIMIT);
        if full || self.current.is_none() {
            self.rotate()?;
        }
        let (w, used) = self.current.as_mut().expect("open file");
        w.write_record(&row)?;
        *used += size;
        Ok(())
    }

    /// Finishes a file, still under its temporary name (moved into place by `finish`).
    fn close(&mut self, w: csv::Writer<PendingFile>) -> anyhow::Result<()> {
        let f = w
            .into_inner()
            .map_err(|e| anyhow::anyhow!("writing an import file: {}", e.error()))?;
        self.done.push(f);
        Ok(())
    }

    fn rotate(&mut self) -> anyhow::Result<()> {
        if let Some((w, _)) = self.current.take() {
            self.close(w)?;
        }
        self.index += 1;
        let path = self
            .dir
            .join(format!("aircall-import-{:03}.csv", self.index));
        let mut w = csv::Writer::from_writer(PendingFile::create(&path)?);
        w.write_record(IMPORT_HEADER)?;
        let header_len = IMPORT_HEADER.iter().map(|h| h.len() + 1).sum();
        self.current = Some((w, header_len));
        self.files.push(path);
        Ok(())
    }

    /// Drops every file this run wrote (their temporary files go): the input turned out
    /// bad, so none of it is kept, and the folder is as it was.
    pub fn abandon(mut self) {
        drop(self.current.take());
        self.done.clear();
    }

    /// Closes the last file, then removes aircom's own import files an earlier, larger run
    /// left in the folder (`aircall-import-NNN.csv` beyond this run's), so the folder holds
    /// exactly this run's files. Nothing else in the folder is touched.
    pub fn finish(mut self) -> anyhow::Result<Vec<PathBuf>> {
        if let Some((w, _)) = self.current.take() {
            self.close(w)?;
        }
        for f in self.done.drain(..) {
            f.commit()?;
        }
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for e in entries.flatten() {
                let name = e.file_name();
                let name = name.to_string_lossy();
                let ours = name
                    .strip_prefix("aircall-import-")
                    .and_then(|r| r.strip_suffix(".csv"))
                    .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()));
                if ours && !self.files.contains(&e.path()) {
                    std::fs::remove_file(e.path()).map_err(|err| {
                        anyhow::anyhow!("removing the stale `{}`: {err}", e.path().display())
                    })?;
                }
            }
        }
        Ok(self.files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_folder_keeps_only_this_runs_files() {
        let dir = tempfile::tempdir().unwrap();
        for i in 1..=3 {
            std::fs::write(dir.path().join(format!("aircall-import-{i:03}.csv")), "old").unwrap();
        }
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let mut w = ImportWriter::new(dir.path()).unwrap();
        w.push(&[
            "Ada".into(),
            "King".into(),
            String::new(),
            "+33612345678".into(),
        ])
        .unwrap();
        let files = w.finish().unwrap();
        assert_eq!(files.len(), 1);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["aircall-import-001.csv", "notes.txt"]);
    }

    #[test]
    fn names_split_on_the_last_space() {
        assert_eq!(
            split_name("Ada Lovelace King"),
            ("Ada Lovelace".into(), "King".into())
        );
        assert_eq!(split_name("Cher"), ("Cher".into(), "".into()));
    }

    #[test]
    fn import_files_stay_under_a_megabyte() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = ImportWriter::new(dir.path()).unwrap();
        for i in 0..40_000 {
            w.push(&[
                format!("First{i}"),
                "Last".into(),
                "Company".into(),
                "+33762043575".into(),
            ])
            .unwrap();
        }
        let files = w.finish().unwrap();
        assert!(files.len() >= 2);
        for f in files {
            assert!(std::fs::metadata(&f).unwrap().len() < 1_000_000);
        }
    }
}
