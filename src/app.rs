//! The application: runs the pipeline over inputs and writes the tables.
//!
//! Input: a validated [`RunConfig`] or [`ScanConfig`]. Output: the tables in the output folder
//! (run), or JSON lines on stdout (scan), and a summary for the exit code. Each article goes
//! ingest -> extract (zh, en) -> attribute -> reconcile independently and in parallel; one bad
//! file becomes an error row and a stderr line, never an abort.

use std::io::{self, Read, Write};

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use crate::article::{Article, Section, SectionKind};
use crate::claim::Claim;
use crate::cli::{RunConfig, ScanConfig};
use crate::extract;
use crate::reconcile::{self, Pair};
use crate::text::detect_lang;
use crate::{attribute, ingest, tables};

pub use crate::ingest::{collect_inputs, read_file, Input, InputError};

/// One article after the whole pipeline.
#[derive(Debug, Clone)]
pub struct ArticleResult {
    pub article: Article,
    /// Characters of English and Chinese text (kept when the section texts are dropped).
    pub chars_en: usize,
    pub chars_zh: usize,
    /// Claims of every section, offsets into the file.
    pub claims: Vec<Claim>,
    pub pairs: Vec<Pair>,
}

impl ArticleResult {
    /// Drops the section texts, which the tables do not need, so that a run's memory grows
    /// with the rows it writes rather than with the bytes it reads.
    pub fn without_text(mut self) -> Self {
        for s in &mut self.article.sections {
            s.text = String::new();
        }
        self
    }
}

/// What a run did, for the exit code and the closing message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub articles: usize,
    pub claims: usize,
    pub errors: usize,
}

/// Runs the whole pipeline on one article (already ingested).
pub fn process_article(article: Article) -> ArticleResult {
    let mut claims = Vec::new();
    for section in &article.sections {
        let found = extract::extract_section(section, article.date);
        claims.extend(attribute::attribute(section, found));
    }
    let pairs = reconcile::reconcile(&claims);
    let chars_en = article.chars(crate::article::Lang::En);
    let chars_zh = article.chars(crate::article::Lang::Zh);
    ArticleResult { article, chars_en, chars_zh, claims, pairs }
}

/// Ingests the decoded text of one file (the date from `date`, else from the file name).
pub fn ingest_text(input: &Input, text: &str, date: Option<chrono::NaiveDate>) -> Result<Article, InputError> {
    let name = input.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let hint = date.or_else(|| ingest::date_from_file_name(&name));
    let source = input.path.display().to_string();
    ingest::parse(&input.id, &source, text, hint).map_err(|e| input.error("ingest", e.line(), e.to_string()))
}

/// Reads, decodes and ingests one file.
pub fn ingest_file(input: &Input, date: Option<chrono::NaiveDate>) -> Result<Article, InputError> {
    ingest_text(input, &read_file(input)?, date)
}

/// Reads, decodes and ingests one file, then runs the pipeline on it.
pub fn process_file(input: &Input, date: Option<chrono::NaiveDate>) -> Result<ArticleResult, InputError> {
    Ok(process_article(ingest_file(input, date)?))
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
    tables::write_all(&cfg.out, &t, cfg.formats)?;
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

/// The claims of a piece of text (what `leapfig scan` prints), offsets relative to the text.
pub fn scan_text(text: &str, cfg: &ScanConfig) -> Vec<Claim> {
    let lang = cfg.lang.unwrap_or_else(|| detect_lang(text));
    let section = Section { lang, kind: SectionKind::Body, start: 0, text: text.to_string() };
    let claims = extract::extract_section(&section, cfg.date);
    attribute::attribute(&section, claims)
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
    let claims = scan_text(&text, cfg);
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
