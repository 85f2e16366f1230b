//! The application: runs the pipeline over inputs and writes the tables.
//!
//! Input: a validated [`RunConfig`] or [`ScanConfig`] (the config types of the library; the
//! command line only builds them). Output: the tables in the output folder (run), or JSON
//! lines on stdout (scan), and a summary for the exit code. Each article goes through
//! [`crate::pipeline`] (ingest -> extract (zh, en) -> attribute -> reconcile) independently and
//! in parallel; one bad file becomes an error row and a stderr line, never an abort.

use std::io::{self, Read, Write};
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use rayon::prelude::*;

use crate::article::Lang;
use crate::ingest::collect_inputs;
use crate::pipeline::{process_file, scan_text, InputError};
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
}

/// What a run did, for the exit code and the closing message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub articles: usize,
    pub claims: usize,
    pub errors: usize,
}

/// `leapfig run`: every input through the pipeline, tables written. Errors of single inputs
/// are reported and counted; only a failure to write the tables is an `Err`.
///
/// Streaming: the inputs, in article-id order, go in parts of at most [`tables::BUILD_PART`] files;
/// each part is read, processed and laid out as table rows by one worker, and its texts and
/// claims are freed before the next, so a run holds the rows it will write, never all the
/// input texts or all the claims at once.
pub fn run(cfg: &RunConfig) -> Result<RunSummary> {
    let (mut inputs, mut errors) = collect_inputs(&cfg.inputs);
    inputs.sort_by(|a, b| a.id.cmp(&b.id));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    // Parts small enough that every worker gets several (a run of 30 files still uses all
    // cores), at most BUILD_PART files. The parts only cut the work: the tables are the same.
    let part = inputs.len().div_ceil(4 * pool.current_num_threads()).clamp(1, tables::BUILD_PART);
    let progress = progress_bar(inputs.len());
    let outcomes: Vec<Result<(tables::Part, Vec<InputError>)>> = pool.install(|| {
        inputs
            .par_chunks(part)
            .map(|chunk| {
                let mut results = Vec::with_capacity(chunk.len());
                let mut failed = Vec::new();
                for i in chunk {
                    match process_file(i, cfg.date) {
                        Ok(r) => results.push(r.without_text()),
                        Err(e) => failed.push(e),
                    }
                    progress.inc(1);
                }
                Ok((tables::part(&results)?, failed))
            })
            .collect()
    });
    progress.finish_and_clear();
    let mut parts = Vec::with_capacity(outcomes.len());
    for o in outcomes {
        let (part, failed) = o?;
        parts.push(part);
        errors.extend(failed);
    }
    errors.sort();
    for e in &errors {
        eprintln!("leapfig: {e}");
    }
    let t = tables::assemble(parts, &errors)?;
    for notice in tables::write_all(&cfg.out, &t, cfg.formats)? {
        eprintln!("leapfig: {notice}");
    }
    Ok(RunSummary { articles: t.articles.height(), claims: t.claims.height(), errors: errors.len() })
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
    let claims = scan_text(&text, cfg.lang, cfg.date);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for c in &claims {
        let line = serde_json::to_string(c)?;
        if let Err(e) = writeln!(out, "{line}") {
            if e.kind() == io::ErrorKind::BrokenPipe {
                break;
            }
            return Err(e.into());
        }
    }
    Ok(claims.len())
}
