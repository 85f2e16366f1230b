//! Reading a table leapfig wrote back, in batches of typed rows.
//!
//! Input: a CSV file of one table (with or without a byte-order mark) and its [`TableSpec`].
//! Output: DataFrames of at most `batch` rows, typed by the spec (text, integers, numbers,
//! dates; an empty cell is null), so a table of any length is read in bounded memory. The run
//! uses it where a table must be read again after it was streamed to disk: the figures table's
//! mention counts patched for duplicates found later, its Parquet copy, the workbook. Every
//! value reads back to the value written (the tables' round-trip property test).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use polars::prelude::DataFrame;

use super::schema::{DType, TableSpec};
use super::FrameBuilder;

/// The batches of a CSV table, in file order.
pub struct CsvBatches {
    path: PathBuf,
    spec: TableSpec,
    batch: usize,
    rows: csv::StringRecordsIntoIter<BufReader<File>>,
    done: bool,
}

/// Opens `path` as a table of `spec`: its header must be the spec's column names.
///
/// A `claims.csv` written by `leapfig run` reads as batches of the claims columns.
pub fn read_csv(path: &Path, spec: TableSpec, batch: usize) -> Result<CsvBatches> {
    let mut file =
        BufReader::with_capacity(1 << 20, File::open(path).with_context(|| format!("opening {}", path.display()))?);
    // A byte-order mark (`--format excel`) is not part of the first column's name.
    if file.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        file.consume(3);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(file);
    let header = reader.headers().with_context(|| format!("reading the header of {}", path.display()))?;
    let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
    if header.iter().ne(names.iter().copied()) {
        bail!("{}: the header is not the {} table's columns", path.display(), spec.name);
    }
    Ok(CsvBatches { path: path.to_path_buf(), spec, batch: batch.max(1), rows: reader.into_records(), done: false })
}

impl CsvBatches {
    fn next_batch(&mut self) -> Result<Option<DataFrame>> {
        let mut b = FrameBuilder::new(self.spec, self.batch.min(1 << 16));
        let mut n = 0;
        while n < self.batch {
            let Some(record) = self.rows.next() else {
                self.done = true;
                break;
            };
            let record = record.with_context(|| format!("reading {}", self.path.display()))?;
            let line = record.position().map_or(0, |p| p.line());
            if record.len() != self.spec.columns.len() {
                bail!(
                    "{}:{line}: {} cells, the table has {} columns",
                    self.path.display(),
                    record.len(),
                    self.spec.columns.len()
                );
            }
            for (cell, col) in record.iter().zip(self.spec.columns) {
                let bad = |what: &str| {
                    anyhow::anyhow!("{}:{line}: {}: `{cell}` is not {what}", self.path.display(), col.name)
                };
                match col.dtype {
                    DType::Str => b.s(cell),
                    DType::Int if cell.is_empty() => b.i(None),
                    DType::Int => b.i(Some(cell.parse().map_err(|_| bad("an integer"))?)),
                    DType::Float if cell.is_empty() => b.f(None),
                    DType::Float => b.f(Some(cell.parse().map_err(|_| bad("a number"))?)),
                    DType::Date if cell.is_empty() => b.d(None),
                    DType::Date => b.d(Some(crate::dates::parse_iso(cell).ok_or_else(|| bad("a date"))?)),
                };
            }
            b.end_row();
            n += 1;
        }
        if n == 0 {
            return Ok(None);
        }
        Ok(Some(b.finish()?))
    }
}

impl Iterator for CsvBatches {
    type Item = Result<DataFrame>;

    fn next(&mut self) -> Option<Result<DataFrame>> {
        if self.done {
            return None;
        }
        match self.next_batch() {
            Ok(Some(df)) => Some(Ok(df)),
            Ok(None) => None,
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// The whole table at `path` as one frame (for tests and small tables: it holds every row).
pub fn read_table(path: &Path, spec: TableSpec) -> Result<DataFrame> {
    let mut out = FrameBuilder::new(spec, 0).finish()?;
    for batch in read_csv(path, spec, 1 << 16)? {
        out.vstack_mut_owned(batch?)?;
    }
    out.rechunk_mut();
    Ok(out)
}
