//! Writing a run's tables as its parts arrive, in bounded memory.
//!
//! Input: [`Part`]s (the rows of consecutive articles, in the run's article-id order), then the
//! input errors. Output: every table in the chosen formats, the workbook, `CODEBOOK.md` and
//! `datapackage.json` in the output folder. Rows go to disk as each part arrives (CSV through
//! polars' batched writer, Parquet in row groups of [`ROW_GROUP`] rows whatever the parts
//! were, so the same rows give the same bytes); what is kept until the end is what the
//! summaries, the series and the duplicates need: per article its id and, for a first input,
//! its duplicate key; per figure a summary group, a series member (an article index, an
//! offset and three numbers) and its value. Invariants:
//! - Atomic: every file is written under a hidden temporary name and renamed into place only
//!   when all are complete; a failure (or a drop without [`Sink::finish`]) removes the
//!   temporaries and leaves the folder's earlier tables as they were.
//! - The figures of a first input learn the mentions of its later copies only when the copies
//!   arrive: the figures table is written first to its temporary CSV and, when copies were
//!   found, read back once and written again with the mentions added (its Parquet copy and
//!   the workbook are written from that read-back too).

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result};
use polars::io::csv::write::BatchedWriter as CsvBatched;
use polars::io::parquet::write::BatchedWriter as ParquetBatched;
use polars::prelude::*;

use super::figures::{self as figs, Duplicates, Series};
use super::read::read_csv;
use super::schema::{self, TableSpec};
use super::summary::{Items, Months};
use super::{codebook, commit, remove_other_formats, remove_stale_temporaries, temporary_path, xlsx};
use super::{Formats, FrameBuilder, Part, Staged};
use crate::pipeline::InputError;
use crate::text::HashMap;

/// Rows of a Parquet row group (the last may hold fewer).
pub const ROW_GROUP: usize = 65_536;

/// Rows of a row group (and of a batch read back) of table `spec`: [`ROW_GROUP`], but
/// [`figs::SERIES_BATCH`] for `series`, whose rows may each list thousands of figure ids.
fn row_group(spec: &TableSpec) -> usize {
    if spec.name == schema::SERIES.name {
        figs::SERIES_BATCH
    } else {
        ROW_GROUP
    }
}

/// A file shared by a polars writer and the sink, which flushes it and sees its errors.
#[derive(Clone)]
struct Out(Arc<Mutex<BufWriter<File>>>);

impl Out {
    fn create(path: &Path) -> Result<Out> {
        let f = File::create(path).with_context(|| format!("creating {}", path.display()))?;
        Ok(Out(Arc::new(Mutex::new(BufWriter::with_capacity(1 << 20, f)))))
    }

    fn finish(&self) -> std::io::Result<()> {
        // Flushed, not forced to disk (no fsync): the rename is what protects the tables from a
        // killed or failed run; forcing 300 MB out took 0.2 s of a 3 s run (issue 8).
        self.0.lock().map_err(|_| std::io::Error::other("a writer thread panicked"))?.flush()
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("a writer thread panicked"))?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.finish()
    }
}

/// The temporary files of a run not yet renamed into place: removed when the run fails.
#[derive(Default)]
struct Temporaries(Vec<PathBuf>);

impl Temporaries {
    fn add(&mut self, path: &Path) -> PathBuf {
        let tmp = temporary_path(path);
        self.0.push(tmp.clone());
        tmp
    }

    /// Another temporary of `path` (`.figures.csv.first.tmp1234`): a file written twice, or
    /// what the run keeps on disk for it.
    fn add_as(&mut self, path: &Path, tag: &str) -> PathBuf {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = temporary_path(&path.with_file_name(format!("{name}.{tag}")));
        self.0.push(tmp.clone());
        tmp
    }
}

impl Drop for Temporaries {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = fs::remove_file(p);
        }
    }
}

struct CsvOut {
    staged: Staged,
    out: Out,
    w: CsvBatched<Out>,
}

struct ParquetOut {
    staged: Staged,
    out: Out,
    w: ParquetBatched<Out>,
    /// Rows waiting for a full row group.
    pending: Option<DataFrame>,
    /// Rows of a row group.
    rows: usize,
}

impl ParquetOut {
    /// Writes every full row group of the pending rows (all of them when `last`).
    fn drain(&mut self, last: bool) -> Result<()> {
        while let Some(df) = self.pending.take() {
            if df.height() < self.rows && !(last && df.height() > 0) {
                self.pending = Some(df).filter(|d| d.height() > 0);
                break;
            }
            let n = df.height().min(self.rows);
            let mut group = df.slice(0, n);
            group.rechunk_mut();
            self.w.write_batch(&group)?;
            if n < df.height() {
                self.pending = Some(df.slice(n as i64, df.height() - n));
            }
        }
        Ok(())
    }
}

/// One table's files under their temporary names.
struct TableOut {
    spec: TableSpec,
    csv: Option<CsvOut>,
    parquet: Option<ParquetOut>,
    rows: usize,
}

impl TableOut {
    /// Opens the table's temporary CSV (with a byte-order mark when `bom`) and/or Parquet file.
    fn open(tmp: &mut Temporaries, dir: &Path, spec: TableSpec, csv: Option<bool>, parquet: bool) -> Result<TableOut> {
        Self::open_as(tmp, dir, spec, csv, parquet, false)
    }

    /// [`TableOut::open`], the CSV under a second temporary name when `first` (a table
    /// written twice: see [`Sink::finish_figures`]).
    fn open_as(
        tmp: &mut Temporaries,
        dir: &Path,
        spec: TableSpec,
        csv: Option<bool>,
        parquet: bool,
        first: bool,
    ) -> Result<TableOut> {
        let schema = FrameBuilder::new(spec, 0).finish()?.schema().as_ref().clone();
        let csv = match csv {
            None => None,
            Some(bom) => {
                let path = dir.join(format!("{}.csv", spec.name));
                let t = if first { tmp.add_as(&path, "first") } else { tmp.add(&path) };
                let out = Out::create(&t)?;
                let w = super::csv_writer(out.clone(), bom).batched(&schema)?;
                Some(CsvOut { staged: Staged { tmp: t, path }, out, w })
            }
        };
        let parquet = if parquet {
            let path = dir.join(format!("{}.parquet", spec.name));
            let t = tmp.add(&path);
            let out = Out::create(&t)?;
            let w = ParquetWriter::new(out.clone()).batched(&schema)?;
            Some(ParquetOut { staged: Staged { tmp: t, path }, out, w, pending: None, rows: row_group(&spec) })
        } else {
            None
        };
        Ok(TableOut { spec, csv, parquet, rows: 0 })
    }

    /// The table's files, leaving no file in their place (for [`TableOut::finish`], which
    /// consumes them).
    fn take(&mut self) -> TableOut {
        std::mem::replace(self, TableOut { spec: self.spec, csv: None, parquet: None, rows: 0 })
    }

    fn write(&mut self, df: &DataFrame) -> Result<()> {
        self.rows += df.height();
        let what = |f: &Staged| format!("writing {}", f.path.display());
        if let Some(c) = &mut self.csv {
            c.w.write_batch(df).map_err(anyhow::Error::from).with_context(|| what(&c.staged))?;
        }
        if let Some(p) = &mut self.parquet {
            match &mut p.pending {
                Some(pending) => {
                    pending.vstack_mut(df)?;
                }
                None => p.pending = Some(df.clone()),
            }
            p.drain(false).with_context(|| what(&p.staged))?;
        }
        Ok(())
    }

    /// Completes the files; returns them, CSV first.
    fn finish(self) -> Result<Vec<Staged>> {
        let mut done = Vec::new();
        if let Some(mut c) = self.csv {
            c.w.finish()
                .map_err(anyhow::Error::from)
                .with_context(|| format!("writing {}", c.staged.path.display()))?;
            c.out.finish().with_context(|| format!("writing {}", c.staged.path.display()))?;
            done.push(c.staged);
        }
        if let Some(mut p) = self.parquet {
            let what = format!("writing {}", p.staged.path.display());
            p.drain(true).with_context(|| what.clone())?;
            p.w.finish().map_err(anyhow::Error::from).with_context(|| what.clone())?;
            p.out.finish().with_context(|| what)?;
            done.push(p.staged);
        }
        Ok(done)
    }
}

/// Whether every table is written as CSV (Some: with a byte-order mark or not): when CSV or
/// the workbook (read from the CSV) is asked for. The figures' CSV is written in any case.
fn csv_of_every_table(formats: Formats) -> Option<bool> {
    (formats.csv || formats.excel || formats.xlsx).then_some(formats.excel)
}

/// What a finished run wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub articles: usize,
    pub claims: usize,
    /// Notices the user must see (the workbook: a table continued on a second sheet, a text
    /// cut at the cell limit).
    pub notices: Vec<String>,
}

/// A run's tables being written.
pub struct Sink {
    dir: PathBuf,
    formats: Formats,
    tmp: Temporaries,
    claims: TableOut,
    pairs: TableOut,
    articles: TableOut,
    /// The figures' CSV only: its Parquet copy is written at the end (see the module doc).
    figures: TableOut,
    dups: Duplicates,
    /// Taken when the run finishes.
    items: Option<Items>,
    months: Months,
    series: Option<Series>,
    /// Every article written, by its index (the series name their figures by it).
    article_ids: Vec<String>,
    /// Figure id of a first input -> mentions its copies add.
    more_mentions: HashMap<String, i64>,
}

impl Sink {
    /// Opens the tables' temporary files in `dir` (created if missing; temporaries a killed run
    /// left there removed). Nothing in `dir` is replaced before [`Sink::finish`].
    pub fn create(dir: &Path, formats: Formats) -> Result<Sink> {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        remove_stale_temporaries(dir);
        let mut tmp = Temporaries::default();
        let csv = csv_of_every_table(formats);
        let mut open = |spec, csv, parquet| TableOut::open(&mut tmp, dir, spec, csv, parquet);
        let claims = open(schema::CLAIMS, csv, formats.parquet)?;
        let pairs = open(schema::PAIRS, csv, formats.parquet)?;
        let articles = open(schema::ARTICLES, csv, formats.parquet)?;
        let figures = TableOut::open_as(&mut tmp, dir, schema::FIGURES, Some(csv.unwrap_or(false)), false, true)?;
        let store = tmp.add_as(&dir.join("figures.csv"), "keys");
        let dups = Duplicates::new(&store).with_context(|| format!("creating {}", store.display()))?;
        let items = Items::create(&tmp.add_as(&dir.join("summary_items.csv"), "values"))?;
        let series = Series::create(&tmp.add_as(&dir.join("series.csv"), "members"))?;
        Ok(Sink {
            dir: dir.to_path_buf(),
            formats,
            tmp,
            claims,
            pairs,
            articles,
            figures,
            dups,
            items: Some(items),
            months: Months::default(),
            series: Some(series),
            article_ids: Vec::new(),
            more_mentions: HashMap::default(),
        })
    }

    /// Writes the rows of the next articles (parts must come in the run's order).
    pub fn push(&mut self, part: Part) -> Result<()> {
        let Part { mut frames, keys } = part;
        let first = self.article_ids.len() as u32;
        let mut copies = HashMap::default();
        for key in keys {
            let id = key.id().to_string();
            if let Some(c) = self.dups.add(key).context("the duplicate keys' temporary file")? {
                for (figure, n) in &c.more_mentions {
                    *self.more_mentions.entry(figure.clone()).or_default() += *n as i64;
                }
                copies.insert(id.clone(), c);
            }
            self.article_ids.push(id);
        }
        figs::apply(&copies, &mut frames)?;
        let [claims, pairs, articles, figures] = &frames;
        self.claims.write(claims)?;
        self.pairs.write(pairs)?;
        self.articles.write(articles)?;
        self.months.add(articles)?;
        // Each figure row's article, by index (the rows follow the part's articles in order).
        let mut a = first as usize;
        let mut article_index = Vec::with_capacity(figures.height());
        for id in super::summary::texts(figures, "article_id")? {
            while a + 1 < self.article_ids.len() && self.article_ids[a] != id {
                a += 1;
            }
            article_index.push(a as u32);
        }
        self.items.as_mut().context("the run is finished")?.add(figures, &article_index)?;
        self.series.as_mut().context("the run is finished")?.add(figures, &article_index)?;
        self.figures.write(figures)?;
        Ok(())
    }

    /// Writes the errors, the summaries and the series, completes the figures, the workbook,
    /// the codebook and the data package, and renames every file into place; then removes the
    /// tables of formats not written this time.
    pub fn finish(mut self, errors: &[InputError]) -> Result<Written> {
        let (staged, written) = match self.complete(errors) {
            Ok(r) => r,
            Err(e) => return Err(e.context(format!("nothing replaced in {}", self.dir.display()))),
        };
        commit(staged)?;
        // The temporaries left (CSV written only for the workbook) go when `self.tmp` drops.
        remove_other_formats(&self.dir, self.formats)?;
        Ok(written)
    }

    fn complete(&mut self, errors: &[InputError]) -> Result<(Vec<Staged>, Written)> {
        let formats = self.formats;
        let dir = self.dir.clone();
        let csv = csv_of_every_table(formats);
        let mut done: Vec<(TableSpec, usize, Vec<Staged>)> = Vec::new();
        for t in [&mut self.claims, &mut self.pairs, &mut self.articles] {
            let t = t.take();
            done.push((t.spec, t.rows, t.finish()?));
        }
        let written = Written { articles: done[2].1, claims: done[0].1, notices: Vec::new() };
        let mut errs = FrameBuilder::new(schema::ERRORS, errors.len());
        for e in errors {
            errs.s(&e.source).s(e.stage.as_str()).i(e.line.map(|l| l as i64)).s(&e.message);
            errs.end_row();
        }
        // The figures first: the mentions copies add reach the summary as the table is read back.
        let figures = self.finish_figures(csv)?;
        let items = self.items.take().context("the run is finished")?.finish()?;
        let months = std::mem::take(&mut self.months).finish()?;
        for (spec, df) in
            [(schema::ERRORS, errs.finish()?), (schema::SUMMARY_ITEMS, items), (schema::SUMMARY_ARTICLES, months)]
        {
            let mut t = TableOut::open(&mut self.tmp, &dir, spec, csv, formats.parquet)?;
            t.write(&df)?;
            done.push((spec, t.rows, t.finish()?));
        }
        done.push(figures);
        let mut t = TableOut::open(&mut self.tmp, &dir, schema::SERIES, csv, formats.parquet)?;
        self.series.take().context("the run is finished")?.finish(&self.article_ids, |batch| t.write(&batch))?;
        done.push((schema::SERIES, t.rows, t.finish()?));
        debug_assert!(done.iter().map(|d| d.0.name).eq(schema::ALL.iter().map(|t| t.name)));

        let mut staged = Vec::new();
        let mut spools = Vec::new();
        for (spec, rows, files) in done {
            for f in files {
                let is_csv = f.path.extension().is_some_and(|e| e == "csv");
                if is_csv {
                    spools.push((spec, rows, f.tmp.clone()));
                }
                // A CSV written only for the workbook is not one of the tables asked for.
                if !is_csv || formats.csv || formats.excel {
                    staged.push(f);
                }
            }
        }
        let mut written = written;
        if formats.xlsx {
            let path = dir.join(xlsx::FILE_NAME);
            let tmp = self.tmp.add(&path);
            let estimated: u64 = spools.iter().map(|(_, _, p)| fs::metadata(p).map_or(0, |m| m.len())).sum();
            let sources = spools
                .iter()
                .map(|(spec, rows, p)| -> Result<xlsx::Source<'_>> {
                    Ok(xlsx::Source {
                        spec: *spec,
                        rows: *rows,
                        batches: Box::new(read_csv(p, *spec, row_group(spec))?),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            written.notices = xlsx::write_sources(&tmp, sources, estimated, xlsx::Limits::EXCEL)?;
            staged.push(Staged { tmp, path });
        }
        for (name, text) in
            [("CODEBOOK.md", codebook::markdown()), ("datapackage.json", codebook::datapackage(formats))]
        {
            let path = dir.join(name);
            let tmp = self.tmp.add(&path);
            fs::write(&tmp, text.as_bytes()).with_context(|| format!("writing {}", path.display()))?;
            staged.push(Staged { tmp, path });
        }
        Ok((staged, written))
    }

    /// The figures table: its temporary CSV as written, or, when copies of earlier articles
    /// added mentions (or Parquet is asked for), read back and written again with them.
    fn finish_figures(&mut self, csv: Option<bool>) -> Result<(TableSpec, usize, Vec<Staged>)> {
        let spool = self.figures.take();
        let rows = spool.rows;
        let mut files = spool.finish()?;
        let first = files.pop().expect("the figures are written as CSV first");
        let patch = !self.more_mentions.is_empty();
        if !patch && !self.formats.parquet {
            return Ok((schema::FIGURES, rows, vec![first]));
        }
        // Written again beside the first CSV, which is read back.
        let again =
            TableOut::open(&mut self.tmp, &self.dir, schema::FIGURES, csv.filter(|_| patch), self.formats.parquet);
        let mut again = again?;
        for batch in read_csv(&first.tmp, schema::FIGURES, ROW_GROUP)? {
            let mut df = batch?;
            if patch {
                let ids = df.column("figure_id")?.str()?.clone();
                let m = df.column("mentions")?.i64()?.clone();
                let patched: Int64Chunked = ids
                    .iter()
                    .zip(m.iter())
                    .map(|(id, m)| m.map(|m| m + id.and_then(|id| self.more_mentions.get(id)).copied().unwrap_or(0)))
                    .collect();
                df.with_column(patched.with_name("mentions".into()).into_column())?;
                if let Some(items) = self.items.as_mut() {
                    items.add_mentions(&df, |id| self.more_mentions.get(id).copied())?;
                }
            }
            again.write(&df)?;
        }
        let mut out = again.finish()?;
        if patch || csv.is_none() {
            let _ = fs::remove_file(&first.tmp);
        } else {
            // The first CSV is the table: renamed into place under its own name.
            out.insert(0, first);
        }
        Ok((schema::FIGURES, rows, out))
    }
}
