//! Tables: pipeline results -> polars DataFrames -> files.
//!
//! Input: the processed articles ([`crate::app::ArticleResult`]) and the input errors.
//! Output: `claims.csv`, `pairs.csv`, `articles.csv`, `errors.csv` in the output folder, each
//! written to a temporary file and renamed into place, so an interrupted run never leaves a
//! half-written table. Columns come from [`schema`] only. Rows are sorted (article_id, lang,
//! start), so output is byte-identical whatever the thread count.

pub mod schema;

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
        DType::Str | DType::Date => {
            let v: Vec<Option<&str>> = cells
                .map(|c| match c {
                    Cell::Str(s) if !s.is_empty() => Some(s.as_str()),
                    _ => None,
                })
                .collect();
            Column::new(name, v)
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
        for p in &r.pairs {
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
            a.chars(Lang::En).into(),
            a.chars(Lang::Zh).into(),
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

/// Writes every table as CSV into `dir` (created if missing).
pub fn write_all(dir: &Path, tables: &Tables) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for (spec, rows) in [
        (&schema::CLAIMS, &tables.claims),
        (&schema::PAIRS, &tables.pairs),
        (&schema::ARTICLES, &tables.articles),
        (&schema::ERRORS, &tables.errors),
    ] {
        let mut df = frame(spec, rows)?;
        let path = dir.join(format!("{}.csv", spec.name));
        write_atomically(&path, |w| {
            CsvWriter::new(w).include_header(true).with_float_scientific(Some(false)).finish(&mut df)?;
            Ok(())
        })?;
    }
    Ok(())
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
