//! Tables: pipeline results -> polars DataFrames -> files.
//!
//! Input: the processed articles ([`crate::pipeline::ArticleResult`]), laid out part by part
//! ([`part`]), and the input errors. Output: every table of [`schema::ALL`] as CSV and/or
//! Parquet (and the workbook) in the output folder, plus `CODEBOOK.md` and `datapackage.json`,
//! written by a [`Sink`] as the parts arrive, in bounded memory; all files written to
//! temporary files first and renamed into place only when every one is complete, so a failed or
//! interrupted run never leaves a half-written table, and tables of a format not written this
//! time are removed, so the folder never mixes two runs. Columns come from [`schema`] only, so
//! the CSV header, the Parquet types and the codebook cannot drift apart. Rows are in article-id
//! order, then (lang, start) within an article, so output is byte-identical whatever the thread
//! count and however the articles were cut into parts.

pub mod codebook;
pub mod figures;
pub mod read;
pub mod schema;
pub mod sink;
pub mod spill;
pub mod summary;
pub mod xlsx;

pub use sink::{Sink, Written};

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use polars::prelude::*;

use crate::claim::Claim;
use crate::pipeline::{ArticleResult, InputError};
use schema::{DType, TableSpec};

/// A column under construction, typed by its spec.
enum ColBuilder {
    Str(StringChunkedBuilder),
    Int(PrimitiveChunkedBuilder<Int64Type>),
    Float(PrimitiveChunkedBuilder<Float64Type>),
    Date(PrimitiveChunkedBuilder<Int32Type>),
}

/// Builds a DataFrame row by row, cell by cell in the order of the table's column list, straight
/// into polars' column buffers (no per-cell `String`). Pushing a cell of the wrong type for its
/// column, or a row with the wrong number of cells, is a programming error and panics (the
/// table tests catch it).
pub struct FrameBuilder {
    spec: TableSpec,
    cols: Vec<ColBuilder>,
    next: usize,
}

impl FrameBuilder {
    pub fn new(spec: TableSpec, capacity: usize) -> Self {
        let cols = spec
            .columns
            .iter()
            .map(|c| {
                let name: PlSmallStr = c.name.into();
                match c.dtype {
                    DType::Str => ColBuilder::Str(StringChunkedBuilder::new(name, capacity)),
                    DType::Int => ColBuilder::Int(PrimitiveChunkedBuilder::new(name, capacity)),
                    DType::Float => ColBuilder::Float(PrimitiveChunkedBuilder::new(name, capacity)),
                    DType::Date => ColBuilder::Date(PrimitiveChunkedBuilder::new(name, capacity)),
                }
            })
            .collect();
        FrameBuilder { spec, cols, next: 0 }
    }

    fn col(&mut self) -> &mut ColBuilder {
        let i = self.next;
        self.next += 1;
        let name = self.spec.columns.get(i).map_or("?", |c| c.name);
        self.cols.get_mut(i).unwrap_or_else(|| panic!("{}: more cells than columns", name))
    }

    /// A text cell; empty text is written as an empty (null) cell.
    pub fn s(&mut self, v: &str) -> &mut Self {
        let i = self.next;
        match self.col() {
            ColBuilder::Str(b) if v.is_empty() => b.append_null(),
            ColBuilder::Str(b) => b.append_value(v),
            _ => panic!("column {i} of {} is not text", self.spec.name),
        }
        self
    }

    pub fn i(&mut self, v: Option<i64>) -> &mut Self {
        let i = self.next;
        match self.col() {
            ColBuilder::Int(b) => b.append_option(v),
            _ => panic!("column {i} of {} is not an integer", self.spec.name),
        }
        self
    }

    pub fn f(&mut self, v: Option<f64>) -> &mut Self {
        let i = self.next;
        match self.col() {
            ColBuilder::Float(b) => b.append_option(v),
            _ => panic!("column {i} of {} is not a number", self.spec.name),
        }
        self
    }

    pub fn d(&mut self, v: Option<chrono::NaiveDate>) -> &mut Self {
        let i = self.next;
        // Days since 1970-01-01, polars' Date representation.
        let days = v.map(|d| (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days() as i32);
        match self.col() {
            ColBuilder::Date(b) => b.append_option(days),
            _ => panic!("column {i} of {} is not a date", self.spec.name),
        }
        self
    }

    /// Ends a row; every column must have had its cell.
    pub fn end_row(&mut self) {
        assert_eq!(self.next, self.cols.len(), "{}: a row with {} cells", self.spec.name, self.next);
        self.next = 0;
    }

    pub fn finish(self) -> Result<DataFrame> {
        let columns: Vec<Column> = self
            .cols
            .into_iter()
            .map(|c| -> Result<Column> {
                Ok(match c {
                    ColBuilder::Str(b) => b.finish().into_column(),
                    ColBuilder::Int(b) => b.finish().into_column(),
                    ColBuilder::Float(b) => b.finish().into_column(),
                    ColBuilder::Date(b) => b.finish().into_column().cast(&DataType::Date)?,
                })
            })
            .collect::<Result<_>>()?;
        let height = columns.first().map_or(0, |c| c.len());
        Ok(DataFrame::new(height, columns)?)
    }
}

/// Writes a claim's id, `{article_id}#{lang}{start}`, into `buf` (cleared first; reused
/// across rows so the hot loop does not allocate one string per claim).
pub fn write_claim_id(buf: &mut String, article_id: &str, c: &Claim) {
    use std::fmt::Write as _;
    buf.clear();
    let _ = write!(buf, "{article_id}#{}{}", c.lang.as_str(), c.start);
}

/// [`write_claim_id`] of a claim that may be absent (the buffer left empty: an empty cell).
fn write_claim_id_of(buf: &mut String, article_id: &str, c: Option<&Claim>) {
    buf.clear();
    if let Some(c) = c {
        write_claim_id(buf, article_id, c);
    }
}

/// The `ref_date` cell of a claim, written into `buf` (cleared first; empty for none): the one
/// place a [`crate::dates::RefDate`] becomes text in the tables.
fn write_ref_date<'b>(buf: &'b mut String, c: &Claim) -> &'b str {
    use std::fmt::Write as _;
    buf.clear();
    if let Some(d) = c.ref_date {
        let _ = write!(buf, "{d}");
    }
    buf
}

/// A number as the tables print it: the shortest decimal that reads back to the same value,
/// never an exponent (1070万 → 10700000, 0.1 + 0.2 stays 0.30000000000000004: the caller
/// rounds what it computes).
pub(crate) fn number(v: f64) -> String {
    format!("{v}")
}

/// The most articles in one [`Part`]: parts are laid out in parallel (by the workers of
/// `leapfig run` as they finish their articles), then written in order.
pub const BUILD_PART: usize = 128;

/// The claims, pairs, articles and figures rows of some articles (consecutive in the final
/// order), and what resolving duplicates across the run needs of them.
pub struct Part {
    frames: [DataFrame; 4],
    keys: Vec<figures::ArticleKey>,
}

/// Writes the tables of the results (articles in the order given, which the caller sorts) and
/// the errors into `dir` in one part: what `leapfig run` writes in many (the bench and the tests
/// use it; a run's memory then holds every row).
pub fn write_tables(dir: &Path, results: &[ArticleResult], errors: &[InputError], formats: Formats) -> Result<Written> {
    let mut sink = Sink::create(dir, formats)?;
    sink.push(part(results)?)?;
    sink.finish(errors)
}

/// The claims, pairs, articles and figures rows of some articles, in the order given: a
/// [`Part`] for [`Sink::push`].
pub fn part(results: &[ArticleResult]) -> Result<Part> {
    use crate::article::Lang;
    use crate::reconcile::PairStatus::*;

    let n_claims = results.iter().map(|r| r.claims.len()).sum();
    let n_pairs = results.iter().map(|r| r.pairs.len()).sum();
    let n_figures = results.iter().map(|r| r.figures.list.len()).sum();
    let mut claims = FrameBuilder::new(schema::CLAIMS, n_claims);
    let mut pairs = FrameBuilder::new(schema::PAIRS, n_pairs);
    let mut articles = FrameBuilder::new(schema::ARTICLES, results.len());
    let mut figs = FrameBuilder::new(schema::FIGURES, n_figures);
    let mut id = String::new();
    let mut id2 = String::new();
    let mut fid = String::new();
    let mut ref_date = String::new();
    for r in results {
        let a = &r.article;
        let pair_of = figures::pair_of_claims(r);
        let figure_of = |i: usize| &r.claims[r.figures.list[r.figures.of_claim[i]].rep];
        let mut order: Vec<usize> = (0..r.claims.len()).collect();
        order.sort_by_key(|&i| (r.claims[i].lang.as_str(), r.claims[i].start, r.claims[i].end));
        for &i in &order {
            let c = &r.claims[i];
            write_claim_id(&mut id, &a.id, c);
            claims.s(&id).s(&a.id).d(a.date).s(c.lang.as_str()).s(c.section.as_str());
            claims.i(Some(c.start as i64)).i(Some(c.end as i64)).s(&c.surface).s(c.kind.as_str());
            claims.f(c.value).f(c.low).f(c.high).s(&c.unit).s(c.qualifier.as_str()).f(c.value_raw).s(&c.unit_raw);
            claims.s(&c.item).s(&c.item_code).s(c.period.map_or("", |p| p.as_str()));
            claims
                .s(c.claim_type.map_or("", |t| t.as_str()))
                .s(write_ref_date(&mut ref_date, c))
                .s(&c.place)
                .s(&c.sentence);
            claims.s(c.status.as_str()).s(&c.note());
            claims.s(&c.country).s(&c.province).s(&c.place_code).s(&c.works).s(&c.per);
            figures::write_figure_id(&mut fid, &a.id, figure_of(i));
            claims.s(&fid);
            claims.end_row();
        }
        let mut counts = [0usize; 4]; // match, mismatch, only_en, only_zh
        let mut ps: Vec<&crate::reconcile::Pair> = r.pairs.iter().collect();
        // Pairs in text order of their Chinese side, else their English side.
        ps.sort_by_key(|p| (p.zh.map(|i| r.claims[i].start), p.en.map(|i| r.claims[i].start)));
        for p in ps {
            counts[match p.status {
                Match => 0,
                ValueMismatch | QualifierMismatch | UnitMismatch => 1,
                OnlyEn => 2,
                OnlyZh => 3,
            }] += 1;
            let en = p.en.map(|i| &r.claims[i]);
            let zh = p.zh.map(|i| &r.claims[i]);
            write_claim_id_of(&mut id, &a.id, en);
            write_claim_id_of(&mut id2, &a.id, zh);
            pairs.s(&a.id).s(&id).s(&id2).s(en.or(zh).map_or("", |c| c.kind.as_str()));
            pairs.s(en.map_or("", |c| c.surface.as_str())).s(zh.map_or("", |c| c.surface.as_str()));
            pairs
                .f(en.and_then(|c| c.low))
                .f(en.and_then(|c| c.high))
                .f(zh.and_then(|c| c.low))
                .f(zh.and_then(|c| c.high));
            pairs.s(p.status.as_str()).s(p.note_str());
            // The pair's figure: its Chinese side's, else its English side's.
            let f = figure_of(p.zh.or(p.en).expect("a pair has a side"));
            figures::write_figure_id(&mut fid, &a.id, f);
            pairs.s(&fid).s(&f.item_code).s(f.period.map_or("", |p| p.as_str()));
            pairs.s(f.claim_type.map_or("", |t| t.as_str())).s(write_ref_date(&mut ref_date, f)).s(&f.province);
            pairs.end_row();
        }
        let n = |l| r.claims.iter().filter(|c| c.lang == l).count() as i64;
        articles.s(&a.id).s(&a.source).s(a.format.as_str()).d(a.date).i(a.page.map(i64::from));
        articles.s(&a.title_en).s(&a.title_zh).s(&a.author).s(&a.column);
        articles.i(Some(r.chars_en as i64)).i(Some(r.chars_zh as i64)).i(Some(n(Lang::En))).i(Some(n(Lang::Zh)));
        for c in counts {
            articles.i(Some(c as i64));
        }
        // duplicate_of: known when the sink has seen every earlier article (figures::apply).
        articles.s("").f(figures::en_coverage(r));
        articles.end_row();
        figures::push_rows(&mut figs, r, &pair_of);
    }
    let keys = results.iter().map(figures::ArticleKey::of).collect();
    Ok(Part { frames: [claims.finish()?, pairs.finish()?, articles.finish()?, figs.finish()?], keys })
}

/// File formats a run writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub csv: bool,
    pub parquet: bool,
    /// CSV with a UTF-8 byte-order mark, so Excel on Windows shows Chinese correctly.
    pub excel: bool,
    /// The Excel workbook `leapfig.xlsx`, every table a sheet of typed cells ([`xlsx`]).
    pub xlsx: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats { csv: true, parquet: false, excel: false, xlsx: false }
    }
}

/// The CSV writer of every table: a header, no exponent notation, an optional byte-order mark.
fn csv_writer<W: Write>(w: W, bom: bool) -> CsvWriter<W> {
    CsvWriter::new(w).include_bom(bom).include_header(true).with_float_scientific(Some(false))
}

/// Writes one frame as CSV, as the tables are written.
pub fn write_csv(path: &Path, df: &mut DataFrame, bom: bool) -> Result<()> {
    write_atomically(path, |w| {
        csv_writer(w, bom).finish(df)?;
        Ok(())
    })
}

/// Writes one frame as Parquet. The frame is made one chunk first: the file's row groups would
/// otherwise follow the frame's chunks, and the same rows must give the same file.
pub fn write_parquet(path: &Path, df: &mut DataFrame) -> Result<()> {
    df.rechunk_mut();
    write_atomically(path, |w| {
        ParquetWriter::new(w).finish(df)?;
        Ok(())
    })
}

/// Removes the tables of the formats this run did not write, left by an earlier run.
fn remove_other_formats(dir: &Path, formats: Formats) -> Result<()> {
    let mut stale = Vec::new();
    for t in schema::ALL {
        if !(formats.csv || formats.excel) {
            stale.push(format!("{}.csv", t.name));
        }
        if !formats.parquet {
            stale.push(format!("{}.parquet", t.name));
        }
    }
    if !formats.xlsx {
        stale.push(xlsx::FILE_NAME.to_string());
    }
    for name in stale {
        let path = dir.join(name);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(anyhow::Error::new(e).context(format!("removing the earlier {}", path.display())));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The names of the files leapfig writes into an output folder (besides hidden temporaries):
/// the tables in every format, the workbook, the codebook, the data package, and the folder's
/// README.
fn own_names() -> Vec<String> {
    let mut names: Vec<String> =
        schema::ALL.iter().flat_map(|t| [format!("{}.csv", t.name), format!("{}.parquet", t.name)]).collect();
    names.extend([xlsx::FILE_NAME, "CODEBOOK.md", "datapackage.json", "README.md"].map(String::from));
    names
}

/// A hidden temporary file of leapfig's (`.claims.csv.tmp1234`; the workbook's own temporary
/// inside its temporary has two leading dots).
fn is_own_temporary(name: &str, own: &[String]) -> bool {
    let bare = name.trim_start_matches('.');
    name.starts_with('.') && name.contains(".tmp") && own.iter().any(|o| bare.starts_with(&format!("{o}.")))
}

/// The entries of `dir` leapfig does not write (sorted; folders among them), which a run must
/// not mix its tables with unless told to (`--force`). A folder that does not exist holds none;
/// `dir` being a file is an error.
///
/// A folder holding `claims.csv` and `notes.txt` gives `["notes.txt"]`.
pub fn foreign_files(dir: &Path) -> Result<Vec<String>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(anyhow::Error::new(e).context(format!("reading the output folder {}", dir.display()))),
    };
    let own = own_names();
    let mut foreign = Vec::new();
    for e in entries {
        let e = e.with_context(|| format!("reading the output folder {}", dir.display()))?;
        let name = e.file_name().to_string_lossy().into_owned();
        let is_file = e.file_type().is_ok_and(|t| t.is_file());
        if !(is_file && (own.contains(&name) || is_own_temporary(&name, &own))) {
            foreign.push(name);
        }
    }
    foreign.sort();
    Ok(foreign)
}

/// Removes temporary files a killed run left behind (`.claims.csv.tmp1234`); the tables
/// themselves were never touched by it.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let own = own_names();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if is_own_temporary(&name, &own) && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// A file written under its temporary name, waiting for [`commit`].
struct Staged {
    tmp: PathBuf,
    path: PathBuf,
}

/// The hidden temporary sibling a file is written to before the rename.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp{}", std::process::id()))
}

/// Writes `path`'s content to its temporary sibling (removed again if the write fails).
fn stage(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> Result<()>) -> Result<Staged> {
    let tmp = temporary_path(path);
    let result: Result<()> = (|| {
        let mut w = BufWriter::new(File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?);
        write(&mut w)?;
        // Flushed, not forced to disk (no fsync): the rename is what protects the tables from a
        // killed or failed run; forcing 300 MB out took 0.2 s of a 3 s run (issue 8).
        w.flush()?;
        Ok(())
    })();
    match result {
        Ok(()) => Ok(Staged { tmp, path: path.to_path_buf() }),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e.context(format!("writing {}", path.display())))
        }
    }
}

/// Renames the staged files into place, in order; a failed rename removes the temporaries not
/// yet renamed.
///
/// `LEAPFIG_PAUSE_BETWEEN_RENAMES_MS` (a test hook, not a user setting) waits that long after
/// each rename but the last, so that `tests/robustness.rs` can kill a run between two renames
/// and see every file old or complete new.
fn commit(staged: Vec<Staged>) -> Result<()> {
    let pause = std::env::var("LEAPFIG_PAUSE_BETWEEN_RENAMES_MS").ok().and_then(|v| v.parse::<u64>().ok());
    for (i, s) in staged.iter().enumerate() {
        if let Err(e) = fs::rename(&s.tmp, &s.path) {
            for r in &staged[i..] {
                let _ = fs::remove_file(&r.tmp);
            }
            return Err(anyhow::Error::new(e).context(format!("renaming {} to {}", s.tmp.display(), s.path.display())));
        }
        if let Some(ms) = pause.filter(|_| i + 1 < staged.len()) {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
    }
    Ok(())
}

/// Writes a file through a temporary sibling and a rename: readers see the old file or the
/// whole new one, never a part (a killed run leaves the temporary file, which the next run
/// removes).
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> Result<()>) -> Result<()> {
    commit(vec![stage(path, write)?])
}
