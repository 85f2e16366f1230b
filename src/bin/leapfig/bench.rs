//! `leapfig bench`: throughput and memory at corpus scale, measured, not asserted.
//!
//! Input: article files (default `../shared/corpus`), replicated on disk until they reach the
//! requested size (default 50 MB), and a thread count. Output: a report of MB/s and articles/s
//! end to end (`leapfig run` as a user runs it: read, ingest, extract, attribute, reconcile,
//! tables written) and for each stage alone, the peak resident memory of the end-to-end run and
//! of a run over the same bytes with their figures blanked out (memory follows the rows written,
//! not the bytes read), the extra time and the size of the audit report over the tables written
//! (`leapfig report`), and a single `rg -c` pass over the same bytes as the floor to approach.
//!
//! Invariant: the bench owns no pipeline logic. It times `leapfig::app::run` and the stage
//! functions of `leapfig::pipeline` and `leapfig::tables`, so what it measures is what a run does.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use leapfig::app::{self, RunConfig};
use leapfig::article::Article;
use leapfig::claim::Claim;
use leapfig::ingest::collect_inputs;
use leapfig::pipeline::{self, ArticleResult, Input};
use leapfig::tables;

/// What `leapfig bench` measures: the files to replicate, to how many megabytes, on how many
/// threads.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchConfig {
    pub inputs: Vec<PathBuf>,
    /// Replicate the inputs until they reach each of these sizes, in megabytes (the full report
    /// for the first; a line of time and peak memory for each).
    pub mb: Vec<f64>,
    /// Worker threads (None: all cores).
    pub jobs: Option<usize>,
}

/// Peak resident set size of this process so far, in MB (Linux; None elsewhere).
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn path_str(p: &Path) -> Result<&str> {
    p.to_str().with_context(|| format!("{} is no UTF-8 path", p.display()))
}

/// Data rows of a CSV file (0 when unreadable).
fn csv_rows(p: &Path) -> usize {
    csv::Reader::from_path(p).map_or(0, |mut r| r.records().count())
}

/// Runs this program with `args` as a child process; its peak resident memory in MB, read
/// from `/proc/<pid>/status` every few milliseconds while it runs (Linux; a peak in its last
/// milliseconds could be missed). Not `wait4`'s `ru_maxrss`: Linux carries the parent's peak
/// over into the child.
fn child_peak_mb(args: &[&str]) -> Result<f64> {
    let exe = std::env::current_exe()?;
    let mut child = std::process::Command::new(exe)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak: Option<f64> = None;
    let status = loop {
        if let Some(kb) = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        }) {
            peak = Some(peak.map_or(kb, |p: f64| p.max(kb)));
        }
        if let Some(st) = child.try_wait()? {
            break st;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    anyhow::ensure!(status.success(), "the child run failed ({status})");
    peak.map(|kb| kb / 1024.0).context("no /proc/<pid>/status to read (not Linux)")
}

/// Copies every file under `from` to `to` with every figure the pipeline finds in it blanked
/// out character by character (`x` for ASCII letters and digits, `某` for Chinese, so the bytes
/// stay the same): the same text, hardly a figure left.
fn blank_figures(from: &Path, to: &Path) -> Result<()> {
    for input in collect_inputs(&[from.to_path_buf()]).0 {
        let text = pipeline::read_file(&input).map_err(|e| anyhow::anyhow!("{e}"))?;
        let article = pipeline::ingest_text(&input, &text, None).map_err(|e| anyhow::anyhow!("{e}"))?;
        let result = pipeline::process_article(article);
        let mut chars: Vec<char> = text.chars().collect();
        for c in &result.claims {
            for ch in chars.iter_mut().take(c.end).skip(c.start) {
                *ch = match ch.len_utf8() {
                    1 if ch.is_ascii_alphanumeric() => 'x',
                    3 => '某',
                    _ => *ch,
                };
            }
        }
        let dest = to.join(input.path.strip_prefix(from).unwrap_or(&input.path));
        std::fs::create_dir_all(dest.parent().expect("parent"))?;
        std::fs::write(&dest, chars.into_iter().collect::<String>())?;
    }
    Ok(())
}

/// Copies the input files into `dir`, again and again, until `target` bytes are there, each
/// copy ending with a numbered line (`编号000201。`, no figure) so that no two files hold the
/// same article: an archive has few duplicates, and a copy's figures would be its original's
/// (a run over copies writes a small figures table). Returns (files, bytes).
fn replicate(inputs: &[Input], dir: &Path, target: u64) -> Result<(usize, u64)> {
    let mut bytes = 0u64;
    let mut files = 0usize;
    let mut copy = 0usize;
    while bytes < target {
        for i in inputs {
            let mut data = std::fs::read(&i.path).with_context(|| format!("reading {}", i.path.display()))?;
            data.extend_from_slice(format!("\n\n    编号{files:06}。\n").as_bytes());
            let ext = i.path.extension().and_then(|e| e.to_str()).unwrap_or("txt");
            let dest = dir.join(format!("copy{copy:04}")).join(format!("{}.{ext}", i.id));
            std::fs::create_dir_all(dest.parent().expect("parent"))?;
            std::fs::write(&dest, &data)?;
            bytes += data.len() as u64;
            files += 1;
        }
        copy += 1;
        if inputs.is_empty() {
            break;
        }
    }
    Ok((files, bytes))
}

fn rate(bytes: u64, files: usize, secs: f64) -> String {
    format!("{:>8.1} MB/s {:>10.0} articles/s {:>8.3} s", bytes as f64 / 1e6 / secs, files as f64 / secs, secs)
}

/// Runs the benchmark and returns the report: end to end, memory, each stage alone, the floor.
pub fn bench(cfg: &BenchConfig) -> Result<String> {
    let (inputs, errors) = collect_inputs(&cfg.inputs);
    anyhow::ensure!(
        errors.is_empty() && !inputs.is_empty(),
        "bench inputs: {} errors, {} files",
        errors.len(),
        inputs.len()
    );
    let dir = std::env::temp_dir().join(format!("leapfig-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let corpus = dir.join("corpus");
    let first = cfg.mb.first().copied().unwrap_or(50.0);
    let (files, bytes) = replicate(&inputs, &corpus, (first * 1e6) as u64)?;
    let threads = cfg.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let size = Size { files, bytes };
    let mut r = String::new();
    writeln!(
        r,
        "leapfig bench: {files} files, {:.1} MB ({} originals replicated), {threads} threads",
        bytes as f64 / 1e6,
        inputs.len()
    )?;
    let e2e = end_to_end(&mut r, &dir, &corpus, threads, size)?;
    report(&mut r, &dir, size)?;
    blanked_memory(&mut r, &dir, &corpus, threads)?;
    stages(&mut r, &dir, &corpus, threads, size)?;
    floor(&mut r, &corpus, e2e, size)?;
    let _ = std::fs::remove_dir_all(&dir);
    if cfg.mb.len() > 1 {
        scale(&mut r, &inputs, &dir, &cfg.mb, threads)?;
    }
    Ok(r)
}

/// Memory at scale: for each size, the inputs replicated to it and a whole `leapfig run`
/// (a child process, CSV tables) timed, its peak resident memory read while it runs; each
/// input removed before the next. Peak memory must stay flat: the tables stream to disk.
fn scale(r: &mut String, inputs: &[Input], dir: &Path, sizes: &[f64], threads: usize) -> Result<()> {
    writeln!(r, "memory at scale (a child `leapfig run DIR --jobs {threads}` per size, CSV tables)")?;
    for &mb in sizes {
        let corpus = dir.join("corpus");
        let out = dir.join("out");
        let (files, bytes) = replicate(inputs, &corpus, (mb * 1e6) as u64)?;
        let jobs = threads.to_string();
        let t = Instant::now();
        let peak = child_peak_mb(&["run", path_str(&corpus)?, "--out", path_str(&out)?, "--jobs", &jobs]);
        let secs = t.elapsed().as_secs_f64();
        match peak {
            Ok(peak) => writeln!(
                r,
                "  {:>7.1} MB input  {}  peak {peak:>7.1} MB  claims.csv {:.0} MB",
                bytes as f64 / 1e6,
                rate(bytes, files, secs),
                file_mb(&out.join("claims.csv"))
            )?,
            Err(e) => writeln!(r, "  {:>7.1} MB input: not measured ({e})", bytes as f64 / 1e6)?,
        }
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}

/// The size of the replicated input, for the rates.
#[derive(Clone, Copy)]
struct Size {
    files: usize,
    bytes: u64,
}

/// End to end, as `leapfig run` does it, memory measured before anything else is loaded;
/// returns the seconds it took.
fn end_to_end(r: &mut String, dir: &Path, corpus: &Path, threads: usize, size: Size) -> Result<f64> {
    let rss_before = peak_rss_mb();
    let run_cfg = RunConfig {
        inputs: vec![corpus.to_path_buf()],
        out: dir.join("out"),
        jobs: Some(threads),
        date: None,
        formats: tables::Formats::default(),
        force: false,
        report: false,
        no_sentence: false,
    };
    let t = Instant::now();
    let summary = app::run(&run_cfg)?;
    let e2e = t.elapsed().as_secs_f64();
    let rss_after = peak_rss_mb();
    writeln!(r, "end to end (leapfig run)   {}  -> {} claims", rate(size.bytes, size.files, e2e), summary.claims)?;
    if let (Some(a), Some(b)) = (rss_before, rss_after) {
        writeln!(
            r,
            "peak memory                {b:>8.1} MB (before the run {a:.1} MB); claims.csv {:.1} MB",
            file_mb(&dir.join("out/claims.csv"))
        )?;
    }
    Ok(e2e)
}

/// The audit report over the tables the end-to-end run wrote (`leapfig report`, what `run
/// --report` adds to a run): its time per 1,000 articles and its size.
fn report(r: &mut String, dir: &Path, size: Size) -> Result<()> {
    let t = Instant::now();
    let s = leapfig::report::write_report(&dir.join("out"))?;
    let secs = t.elapsed().as_secs_f64();
    writeln!(
        r,
        "report (leapfig report)  {secs:>8.3} s extra, {:.3} s per 1,000 articles; {} pages, {:.1} MB \
         ({:.1} KB an article), {} problems",
        secs / size.files as f64 * 1000.0,
        s.pages,
        s.bytes as f64 / 1e6,
        s.bytes as f64 / 1e3 / s.articles.max(1) as f64,
        s.problems.len()
    )?;
    Ok(())
}

/// Memory follows the rows written, not the bytes read: the same files with their figures
/// blanked out (the same bytes, hardly a row to write) need far less. Run as a child process,
/// so that its peak is its own.
fn blanked_memory(r: &mut String, dir: &Path, corpus: &Path, threads: usize) -> Result<()> {
    let blank = dir.join("blank");
    blank_figures(corpus, &blank)?;
    let out_blank = dir.join("out-blank");
    let jobs = threads.to_string();
    let args = ["run", path_str(&blank)?, "--out", path_str(&out_blank)?, "--jobs", &jobs];
    match child_peak_mb(&args) {
        Ok(peak) => {
            let claims = csv_rows(&out_blank.join("claims.csv"));
            writeln!(
                r,
                "  same bytes, figures blanked  {peak:>8.1} MB peak (a child `leapfig run`) -> {claims} claims"
            )?;
        }
        Err(e) => writeln!(r, "  same bytes, figures blanked: not measured ({e})")?,
    }
    let _ = std::fs::remove_dir_all(&blank);
    Ok(())
}

/// Each stage alone, over the same files, in parallel: the pipeline's own stage functions.
fn stages(r: &mut String, dir: &Path, corpus: &Path, threads: usize, size: Size) -> Result<()> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    let rate_since = |t: Instant| rate(size.bytes, size.files, t.elapsed().as_secs_f64());
    let copies: Vec<Input> = collect_inputs(&[corpus.to_path_buf()]).0;
    let t = Instant::now();
    let articles: Vec<Article> = pool.install(|| {
        copies.par_iter().map(|i| pipeline::ingest_file(i, None).expect("replicated file ingests")).collect()
    });
    writeln!(r, "  read + decode + ingest   {}", rate_since(t))?;
    let t = Instant::now();
    let extracted: Vec<Vec<Vec<Claim>>> =
        pool.install(|| articles.par_iter().map(pipeline::extract_sections).collect());
    writeln!(r, "  extract (zh + en)        {}", rate_since(t))?;
    let t = Instant::now();
    let attributed: Vec<Vec<Claim>> = pool.install(|| {
        articles.par_iter().zip(extracted.into_par_iter()).map(|(a, c)| pipeline::attribute_sections(a, c)).collect()
    });
    writeln!(r, "  attribute                {}", rate_since(t))?;
    let t = Instant::now();
    let results: Vec<ArticleResult> = pool.install(|| {
        articles
            .into_par_iter()
            .zip(attributed.into_par_iter())
            .map(|(a, c)| pipeline::reconcile_article(a, c))
            .collect()
    });
    let pairs: usize = results.iter().map(|r| r.pairs.len()).sum();
    writeln!(r, "  reconcile                {}  -> {pairs} pairs", rate_since(t))?;
    let results: Vec<ArticleResult> = results.into_iter().map(ArticleResult::without_text).collect();
    let t = Instant::now();
    tables::write_tables(&dir.join("out2"), &results, &[], tables::Formats::default())?;
    writeln!(r, "  tables (build + CSV)     {}", rate_since(t))?;
    Ok(())
}

/// The floor: one regex pass over the same bytes (ripgrep, where installed).
fn floor(r: &mut String, corpus: &Path, e2e: f64, size: Size) -> Result<()> {
    let pattern = "[0-9零〇○一二两三四五六七八九十百千万亿]";
    let t = Instant::now();
    match std::process::Command::new("rg").args(["-c", pattern]).arg(corpus).output() {
        Ok(o) if o.status.success() => {
            let s = t.elapsed().as_secs_f64();
            writeln!(
                r,
                "rg -c '{pattern}'  {}  (leapfig end to end is {:.1}x slower)",
                rate(size.bytes, size.files, s),
                e2e / s
            )?;
        }
        _ => writeln!(r, "rg not installed (apt-get install ripgrep): no floor measured")?,
    }
    Ok(())
}

fn file_mb(p: &Path) -> f64 {
    std::fs::metadata(p).map_or(0.0, |m| m.len() as f64 / 1e6)
}
