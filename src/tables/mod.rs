//! Tables: pipeline results -> polars DataFrames -> files.
//!
//! Input: the processed articles ([`crate::app::ArticleResult`]) and the input errors.
//! Output: `claims`, `pairs`, `articles`, `errors` and the two summaries as CSV and/or
//! Parquet in the output folder, plus `CODEBOOK.md` and `datapackage.json`; each file written to
//! a temporary file and renamed into place, so an interrupted run never leaves a half-written
//! table. Columns come from [`schema`] only, so the CSV header, the Parquet types and the
//! codebook cannot drift apart. Rows are sorted (article_id, lang, start), so output is
//! byte-identical whatever the thread count.

pub mod codebook;
pub mod schema;
pub mod summary;

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context as _, Result};
use polars::prelude::*;

use crate::app::{ArticleResult, InputError};
use crate::claim::Claim;
use schema::{ColumnSpec, DType, TableSpec};

/// One cell before it is typed by its column.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Str(String),
    Int(Option<i64>),
    Float(Option<f64>),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Str(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Str(s)
    }
}
impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Self {
        Cell::Float(v)
    }
}
impl From<usize> for Cell {
    fn from(v: usize) -> Self {
        Cell::Int(Some(v as i64))
    }
}
impl From<Option<usize>> for Cell {
    fn from(v: Option<usize>) -> Self {
        Cell::Int(v.map(|x| x as i64))
    }
}

/// Builds a DataFrame from rows of cells, typed by the table's column list.
pub fn frame(spec: &TableSpec, rows: &[Vec<Cell>]) -> Result<DataFrame> {
    let mut columns = Vec::with_capacity(spec.columns.len());
    for (i, c) in spec.columns.iter().enumerate() {
        columns.push(column(c, rows.iter().map(|r| &r[i]))?);
    }
    Ok(DataFrame::new(rows.len(), columns)?)
}

fn column<'a>(spec: &ColumnSpec, cells: impl Iterator<Item = &'a Cell>) -> Result<Column> {
    let name: PlSmallStr = spec.name.into();
    Ok(match spec.dtype {
        DType::Str => {
            let v: Vec<Option<&str>> = cells
                .map(|c| match c {
                    Cell::Str(s) if !s.is_empty() => Some(s.as_str()),
                    _ => None,
                })
                .collect();
            Column::new(name, v)
        }
        DType::Date => {
            // Days since 1970-01-01, polars' Date representation.
            let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
            let v: Vec<Option<i32>> = cells
                .map(|c| match c {
                    Cell::Str(s) => crate::dates::parse_iso(s).map(|d| (d - epoch).num_days() as i32),
                    _ => None,
                })
                .collect();
            Column::new(name, v).cast(&DataType::Date)?
        }
        DType::Int => {
            let v: Vec<Option<i64>> = cells.map(|c| if let Cell::Int(x) = c { *x } else { None }).collect();
            Column::new(name, v)
        }
        DType::Float => {
            let v: Vec<Option<f64>> = cells.map(|c| if let Cell::Float(x) = c { *x } else { None }).collect();
            Column::new(name, v)
        }
    })
}

/// The claim's row, in the order of [`schema::CLAIMS`].
pub fn claim_row(article_id: &str, article_date: &str, c: &Claim) -> Vec<Cell> {
    vec![
        claim_id(article_id, c).into(),
        article_id.into(),
        article_date.into(),
        c.lang.as_str().into(),
        c.section.as_str().into(),
        c.start.into(),
        c.end.into(),
        c.surface.as_str().into(),
        c.kind.as_str().into(),
        c.value.into(),
        c.low.into(),
        c.high.into(),
        c.unit.as_str().into(),
        c.qualifier.as_str().into(),
        c.value_raw.into(),
        c.unit_raw.as_str().into(),
        c.item.as_str().into(),
        c.item_code.as_str().into(),
        c.period.map_or("", |p| p.as_str()).into(),
        c.claim_type.map_or("", |t| t.as_str()).into(),
        c.ref_date.as_str().into(),
        c.place.as_str().into(),
        c.sentence.as_str().into(),
        c.status.as_str().into(),
        c.note().into(),
    ]
}

/// `{article_id}#{lang}{start}`.
pub fn claim_id(article_id: &str, c: &Claim) -> String {
    format!("{article_id}#{}{}", c.lang.as_str(), c.start)
}

/// All four tables' rows for a run.
pub struct Tables {
    pub claims: Vec<Vec<Cell>>,
    pub pairs: Vec<Vec<Cell>>,
    pub articles: Vec<Vec<Cell>>,
    pub errors: Vec<Vec<Cell>>,
}

/// Lays the results out as rows (articles in the order given, which the caller sorts).
pub fn build(results: &[ArticleResult], errors: &[InputError]) -> Tables {
    let mut t = Tables { claims: Vec::new(), pairs: Vec::new(), articles: Vec::new(), errors: Vec::new() };
    for r in results {
        let a = &r.article;
        let date = a.date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        let mut order: Vec<usize> = (0..r.claims.len()).collect();
        order.sort_by_key(|&i| (r.claims[i].lang.as_str(), r.claims[i].start, r.claims[i].end));
        for &i in &order {
            t.claims.push(claim_row(&a.id, &date, &r.claims[i]));
        }
        let mut counts = [0usize; 4]; // match, mismatch, only_en, only_zh
        let mut pairs: Vec<&crate::reconcile::Pair> = r.pairs.iter().collect();
        // Pairs in text order of their Chinese side, else their English side.
        pairs.sort_by_key(|p| (p.zh.map(|i| r.claims[i].start), p.en.map(|i| r.claims[i].start)));
        for p in pairs {
            use crate::reconcile::PairStatus::*;
            let k = match p.status {
                Match => 0,
                ValueMismatch | QualifierMismatch | UnitMismatch => 1,
                OnlyEn => 2,
                OnlyZh => 3,
            };
            counts[k] += 1;
            let en = p.en.map(|i| &r.claims[i]);
            let zh = p.zh.map(|i| &r.claims[i]);
            let kind = en.or(zh).map_or("", |c| c.kind.as_str());
            t.pairs.push(vec![
                a.id.as_str().into(),
                en.map(|c| claim_id(&a.id, c)).unwrap_or_default().into(),
                zh.map(|c| claim_id(&a.id, c)).unwrap_or_default().into(),
                kind.into(),
                en.map_or("", |c| c.surface.as_str()).into(),
                zh.map_or("", |c| c.surface.as_str()).into(),
                en.and_then(|c| c.low).into(),
                en.and_then(|c| c.high).into(),
                zh.and_then(|c| c.low).into(),
                zh.and_then(|c| c.high).into(),
                p.status.as_str().into(),
                p.note.as_str().into(),
            ]);
        }
        let n = |l| r.claims.iter().filter(|c| c.lang == l).count();
        use crate::article::Lang;
        t.articles.push(vec![
            a.id.as_str().into(),
            a.source.as_str().into(),
            a.format.as_str().into(),
            date.as_str().into(),
            a.page.map(|p| p as usize).into(),
            a.title_en.as_str().into(),
            a.title_zh.as_str().into(),
            a.author.as_str().into(),
            a.column.as_str().into(),
            r.chars_en.into(),
            r.chars_zh.into(),
            n(Lang::En).into(),
            n(Lang::Zh).into(),
            counts[0].into(),
            counts[1].into(),
            counts[2].into(),
            counts[3].into(),
        ]);
    }
    for e in errors {
        t.errors.push(vec![e.source.as_str().into(), e.stage.into(), e.line.into(), e.message.as_str().into()]);
    }
    t
}

/// File formats a run writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub csv: bool,
    pub parquet: bool,
    /// CSV with a UTF-8 byte-order mark, so Excel on Windows shows Chinese correctly.
    pub excel: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats { csv: true, parquet: false, excel: false }
    }
}

/// The DataFrames of a run, by table, in [`schema::ALL`] order.
pub fn frames(tables: &Tables) -> Result<Vec<(TableSpec, DataFrame)>> {
    let claims = frame(&schema::CLAIMS, &tables.claims)?;
    let articles = frame(&schema::ARTICLES, &tables.articles)?;
    let pairs = frame(&schema::PAIRS, &tables.pairs)?;
    let errors = frame(&schema::ERRORS, &tables.errors)?;
    let items = summary::items(&claims)?;
    let months = summary::articles(&articles)?;
    Ok(vec![
        (schema::CLAIMS, claims),
        (schema::PAIRS, pairs),
        (schema::ARTICLES, articles),
        (schema::ERRORS, errors),
        (schema::SUMMARY_ITEMS, items),
        (schema::SUMMARY_ARTICLES, months),
    ])
}

/// Writes one frame as CSV (no exponent notation; optional byte-order mark).
pub fn write_csv(path: &Path, df: &mut DataFrame, bom: bool) -> Result<()> {
    write_atomically(path, |w| {
        CsvWriter::new(w).include_bom(bom).include_header(true).with_float_scientific(Some(false)).finish(df)?;
        Ok(())
    })
}

/// Writes one frame as Parquet.
pub fn write_parquet(path: &Path, df: &mut DataFrame) -> Result<()> {
    write_atomically(path, |w| {
        ParquetWriter::new(w).finish(df)?;
        Ok(())
    })
}

/// Writes every table in the chosen formats, and the codebook, into `dir` (created if missing).
pub fn write_all(dir: &Path, tables: &Tables, formats: Formats) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    remove_stale_temporaries(dir);
    for (spec, mut df) in frames(tables)? {
        if formats.csv || formats.excel {
            write_csv(&dir.join(format!("{}.csv", spec.name)), &mut df, formats.excel)?;
        }
        if formats.parquet {
            write_parquet(&dir.join(format!("{}.parquet", spec.name)), &mut df)?;
        }
    }
    write_atomically(&dir.join("CODEBOOK.md"), |w| Ok(w.write_all(codebook::markdown().as_bytes())?))?;
    write_atomically(&dir.join("datapackage.json"), |w| Ok(w.write_all(codebook::datapackage(formats).as_bytes())?))?;
    Ok(())
}

/// Removes temporary files a killed run left behind (`.claims.csv.tmp1234`); the tables
/// themselves were never touched by it.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.')
            && name.contains(".tmp")
            && schema::ALL.iter().any(|t| name.starts_with(&format!(".{}.", t.name)))
        {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Writes a file through a temporary sibling and a rename: readers see the old file or the
/// whole new one, never a part.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut BufWriter<File>) -> Result<()>) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp{}", std::process::id()));
    let result: Result<()> = (|| {
        let mut w = BufWriter::new(File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?);
        write(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e.context(format!("writing {}", path.display())));
    }
    fs::rename(&tmp, path).with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))?;
    Ok(())
}
