//! The application: runs the pipeline over inputs and writes the tables.
//!
//! Input: a validated [`RunConfig`] or [`ScanConfig`] (the config types of the library; the
//! command line only builds them). Output: the tables in the output folder (run), or JSON
//! lines on stdout (scan), and a summary for the exit code. Each article goes through
//! [`crate::pipeline`] (ingest -> extract (zh, en) -> attribute -> reconcile) independently and
//! in parallel; one bad file becomes an error row and a stderr line, never an abort.

use std::io::{self, Read, Write};
use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use chrono::NaiveDate;

use crate::article::Lang;
use crate::ingest::collect_inputs;
use crate::pipeline::{process_file, scan_text, InputError};
use crate::report::{self, ReportSummary};
use crate::tables::{self, Formats};

/// What `leapfig run` does: which inputs, where the tables go, in which formats.
#[derive(Debug, Clone, PartialEq)]
pub struct RunConfig {
    /// Files and folders (walked for `.txt` and `.md`).
    pub inputs: Vec<PathBuf>,
    /// The output folder (created if missing).
    pub out: PathBuf,
    /// Worker threads (None: all cores).
    pub jobs: Option<usize>,
    /// The date of plain files whose name does not start with one.
    pub date: Option<NaiveDate>,
    /// The table formats (defined with the writers that read them, in `tables`).
    pub formats: Formats,
    /// Write even into a folder that holds files leapfig does not write (they are left alone).
    pub force: bool,
    /// Write the HTML audit report (`OUT/report/`, [`crate::report`]) from the tables written.
    pub report: bool,
    /// Leave the `sentence` column empty (archive-scale runs: the sentences are about a
    /// quarter of claims.csv); every other column is unchanged.
    pub no_sentence: bool,
}

/// What `leapfig scan` does: the text (None: stdin), its language, its article date.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanConfig {
    /// None: detect.
    pub lang: Option<Lang>,
    /// The article date dates resolve against (None: left unresolved).
    pub date: Option<NaiveDate>,
    /// None: read stdin.
    pub text: Option<String>,
    /// Print every numeral of the text with its value instead of the claims (`--numbers`).
    pub numbers: bool,
}

/// What a run did, for the exit code and the closing message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub articles: usize,
    pub claims: usize,
    pub errors: usize,
    /// What the audit report did, when one was asked for.
    pub report: Option<ReportSummary>,
}

/// `leapfig run`: every input through the pipeline, tables written. Errors of single inputs
/// are reported and counted; only a failure to write the tables is an `Err`.
///
/// Streaming: the inputs, in article-id order, go in parts of at most [`tables::BUILD_PART`] files;
/// each part is read, processed and laid out as table rows by one worker, and written to disk
/// by the [`tables::Sink`] in input order as soon as the parts before it are ([`stream_parts`]),
/// so a run holds a few parts' rows and what the summaries need, never its tables.
///
/// Before any work, and without touching the output folder: a run that finds nothing to read
/// (`corpsu` for `corpus`) is an `Err`, and so is an output folder holding files leapfig does not
/// write, unless [`RunConfig::force`] is set.
pub fn run(cfg: &RunConfig) -> Result<RunSummary> {
    let (mut inputs, mut errors) = collect_inputs(&cfg.inputs);
    if inputs.is_empty() {
        bail!("{}", nothing_to_read(&cfg.inputs, &errors));
    }
    if cfg.report && !(cfg.formats.csv || cfg.formats.excel) {
        bail!("the report reads the CSV tables: add csv to --format (--format csv,parquet), nothing written");
    }
    if !cfg.force {
        let mut foreign = tables::foreign_files(&cfg.out)?;
        // The report's folder is leapfig's own.
        foreign.retain(|name| !report::is_own_entry(name));
        if !foreign.is_empty() {
            bail!(
                "{} holds files leapfig does not write ({}); nothing written: choose another --out folder, \
                 or add --force to write the tables beside them",
                cfg.out.display(),
                list(&foreign)
            );
        }
    }
    inputs.sort_by(|a, b| a.id.cmp(&b.id));
    let threads = match cfg.jobs {
        Some(n) => n.max(1),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    // Parts small enough that every worker gets several (a run of 30 files still uses all
    // cores), at most BUILD_PART files. The parts only cut the work: the tables are the same.
    let part = inputs.len().div_ceil(4 * threads).clamp(1, tables::BUILD_PART);
    let progress = progress_bar(inputs.len());
    let mut sink = tables::Sink::create(&cfg.out, cfg.formats)?;
    let failed = stream_parts(
        &inputs,
        part,
        threads,
        |chunk| {
            let mut results = Vec::with_capacity(chunk.len());
            let mut failed = Vec::new();
            for i in chunk {
                match process_file(i, cfg.date) {
                    Ok(r) => {
                        let mut r = r.without_text();
                        if cfg.no_sentence {
                            r.claims.iter_mut().for_each(|c| c.sentence = String::new());
                        }
                        results.push(r)
                    }
                    Err(e) => failed.push(e),
                }
                progress.inc(1);
            }
            Ok((tables::part(&results)?, failed))
        },
        |p| sink.push(p),
    )?;
    progress.finish_and_clear();
    errors.extend(failed);
    errors.sort();
    for e in &errors {
        eprintln!("leapfig: {e}");
    }
    let written = sink.finish(&errors)?;
    for notice in &written.notices {
        eprintln!("leapfig: {notice}");
    }
    let summary = RunSummary { articles: written.articles, claims: written.claims, errors: errors.len(), report: None };
    if !cfg.report {
        // An earlier run's report would show other figures than these tables.
        report::remove_report(&cfg.out)?;
        return Ok(summary);
    }
    Ok(RunSummary { report: Some(write_report(&cfg.out)?), ..summary })
}

/// The most parts done but not yet written, per worker: a slow part (one huge file) holds
/// back the writing of the parts after it, never more than this many.
const AHEAD_PER_WORKER: usize = 2;

/// Runs `make` over the chunks of `part` inputs on `threads` workers and hands each result to
/// `write` in input order, as soon as the parts before it are written: workers take the next
/// chunk in order and wait while too many finished parts wait for an earlier one, so memory
/// holds a few parts, never the run. Returns the input errors of every part; the first error
/// of `make` or `write` stops the run.
fn stream_parts<T: Send>(
    inputs: &[crate::pipeline::Input],
    part: usize,
    threads: usize,
    make: impl Fn(&[crate::pipeline::Input]) -> Result<(T, Vec<InputError>)> + Sync,
    mut write: impl FnMut(T) -> Result<()>,
) -> Result<Vec<InputError>> {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{mpsc, Condvar, Mutex};

    let chunks: Vec<&[crate::pipeline::Input]> = inputs.chunks(part).collect();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // Parts written so far, and a bell rung when it grows.
    let written = (Mutex::new(0usize), Condvar::new());
    let window = AHEAD_PER_WORKER * threads + 1;
    let (tx, rx) = mpsc::channel::<(usize, Result<(T, Vec<InputError>)>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(chunks.len()) {
            let tx = tx.clone();
            let (next, stop, written, chunks, make) = (&next, &stop, &written, &chunks, &make);
            scope.spawn(move || loop {
                let k = next.fetch_add(1, Ordering::SeqCst);
                if k >= chunks.len() {
                    break;
                }
                {
                    let (lock, bell) = written;
                    let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
                    while k >= *done + window && !stop.load(Ordering::SeqCst) {
                        done = bell.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                }
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let out = make(chunks[k]);
                if tx.send((k, out)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut failed = Vec::new();
        let mut expect = 0;
        let result = (|| -> Result<()> {
            for (k, out) in rx.iter() {
                waiting.insert(k, out);
                while let Some(out) = waiting.remove(&expect) {
                    let (t, errs) = out?;
                    failed.extend(errs);
                    write(t)?;
                    expect += 1;
                    let (lock, bell) = &written;
                    *lock.lock().unwrap_or_else(|e| e.into_inner()) = expect;
                    bell.notify_all();
                }
            }
            Ok(())
        })();
        if result.is_err() {
            // Workers waiting for room stop; the ones working finish their part, unsent.
            stop.store(true, Ordering::SeqCst);
            written.1.notify_all();
        }
        result.map(|()| failed)
    })
}

/// `leapfig report OUT` (and `run --report`): the audit report of the tables in `out`, written
/// into `out/report/`; every problem met (a source file missing or changed, a malformed row) is
/// printed on stderr and listed on the report's index page.
pub fn write_report(out: &std::path::Path) -> Result<ReportSummary> {
    let s = report::write_report(out)?;
    for p in &s.problems {
        eprintln!("leapfig: report: {p}");
    }
    Ok(s)
}

/// Why a run found no article to read, naming each input as given and where it was looked
/// for: `no article to read, nothing written: corpsu: no such file or folder (looked for
/// /home/me/corpsu)`.
fn nothing_to_read(paths: &[PathBuf], errors: &[InputError]) -> String {
    let mut why = Vec::new();
    for p in paths {
        let looked = std::path::absolute(p).unwrap_or_else(|_| p.clone());
        let shown = p.display().to_string();
        if !p.exists() {
            why.push(format!("{shown}: no such file or folder (looked for {})", looked.display()));
        } else if p.is_dir() {
            why.push(format!("{shown}: no .txt or .md file in the folder {}", looked.display()));
        }
    }
    // Other reasons the walk gave (an unreadable folder, a duplicate), once each.
    for e in errors {
        if !paths.iter().any(|p| p.display().to_string() == e.source && !p.exists()) {
            why.push(e.to_string());
        }
    }
    format!("no article to read, nothing written: {}", why.join("; "))
}

/// The first names of a list, for a message (`a, b, c and 4 more`).
fn list(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let head = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    match names.len().saturating_sub(SHOWN) {
        0 => head,
        more => format!("{head} and {more} more"),
    }
}

/// A progress bar on stderr for runs over many files; hidden when stderr is not a terminal.
fn progress_bar(n: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if n < 200 || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles {elapsed_precise} (eta {eta})")
    {
        bar.set_style(style);
    }
    bar
}

/// `leapfig scan`: one JSON object per claim on stdout.
pub fn scan(cfg: &ScanConfig) -> Result<usize> {
    let text = match &cfg.text {
        Some(t) => t.clone(),
        None => {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s).context("reading stdin")?;
            s
        }
    };
    if cfg.numbers {
        let numerals = crate::numerals::zh::numerals_in(&text);
        print_json_lines(numerals.iter())?;
        return Ok(numerals.len());
    }
    let claims = scan_text(&text, cfg.lang, cfg.date);
    // The claims.csv columns of a claim (`figure_id` too: `#f{start}`, the text being an
    // article with no id), one object a line.
    #[derive(serde::Serialize)]
    struct Row<'a> {
        #[serde(flatten)]
        claim: &'a crate::claim::Claim,
        figure_id: String,
    }
    let figures = crate::figures::group(&claims, &[]);
    print_json_lines(claims.iter().enumerate().map(|(i, c)| {
        let figure_id = crate::figures::id("", claims[figures.list[figures.of_claim[i]].rep].start);
        Row { claim: c, figure_id }
    }))?;
    Ok(claims.len())
}

/// One JSON object a line on stdout; a closed pipe (`| head`) ends the output quietly.
fn print_json_lines<T: serde::Serialize>(items: impl Iterator<Item = T>) -> Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for item in items {
        if let Err(e) = writeln!(out, "{}", serde_json::to_string(&item)?) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                break;
            }
            return Err(e.into());
        }
    }
    Ok(())
}
