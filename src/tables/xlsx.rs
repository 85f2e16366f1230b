//! The Excel workbook `leapfig.xlsx` (`--format xlsx`): every table as a sheet of typed cells,
//! and a codebook sheet, from the same schema as the CSV, the Parquet and `CODEBOOK.md`.
//!
//! Input: the run's tables, in [`super::schema::ALL`] order, each as batches of rows (the sink
//! reads them back from their CSV files, [`super::read`]). Output: one
//! `.xlsx` file (written atomically, like the tables) and the notices a user must see (a table
//! continued on another sheet, a text cut).
//!
//! Invariants:
//! - A cell's type comes from its column's [`DType`], never from its content: text columns
//!   (surface, ref_date, ids, codes) are text cells, so a spreadsheet cannot turn the surface
//!   "September 30" into a date, "4,700" into a number or a `ref_date` of 1958-11 into a day
//!   (issue 18); integers and numbers are number cells; dates are date cells shown
//!   YYYY-MM-DD; an empty (null) value is an empty cell.
//! - The same frames give the same bytes, whatever the thread count: fixed document properties
//!   and creation time, the writer's fixed zip timestamps, sheets and formats in one order.
//! - Nothing is dropped silently: past a sheet's rows a table continues on `{name}_2`,
//!   `{name}_3`, ... (each with the header); a text longer than a cell holds is cut with a note
//!   at its end. Both come back as notices.
//! - Sheets are written row by row in the writer's constant-memory mode (rows go to an unnamed
//!   temporary file in the output folder), so memory does not grow with the table.

use std::path::Path;

use anyhow::{Context as _, Result};
use polars::prelude::{Column, DataFrame, DataType};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

use super::codebook;
use super::schema::{DType, TableSpec};

/// The workbook's file name in the output folder.
pub const FILE_NAME: &str = "leapfig.xlsx";

/// How much a sheet and a cell hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Rows of a sheet, the header row included.
    pub rows: usize,
    /// UTF-16 code units of a text cell.
    pub cell: usize,
}

impl Limits {
    /// Excel's: 1,048,576 rows a sheet, 32,767 UTF-16 units a cell.
    pub const EXCEL: Limits = Limits { rows: 1_048_576, cell: 32_767 };
}

/// The columns wrapped at [`WRAP_WIDTH`]: whole sentences, which no column width could show.
const WRAPPED: &[&str] = &["sentence"];
/// Width of the wrapped columns (and the codebook's meanings), in Excel's character units:
/// about 40 Chinese characters or 80 Latin letters a line.
const WRAP_WIDTH: usize = 80;
/// No other column is set wider than this (titles, notes, messages: the cell shows the rest).
const MAX_WIDTH: usize = 50;
/// Excel's serial day number of 1970-01-01 (polars counts dates from there).
const EXCEL_1970: i32 = 25_569;

/// The cell formats, made once per workbook and used in one order (format indices follow the
/// order of first use, and the bytes must not vary).
struct Styles {
    header: Format,
    date: Format,
    wrap: Format,
}

impl Styles {
    fn new() -> Self {
        Styles {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

/// One table as the workbook reads it: its rows, in batches.
pub struct Source<'a> {
    pub spec: TableSpec,
    /// Rows in all batches.
    pub rows: usize,
    pub batches: Box<dyn Iterator<Item = Result<DataFrame>> + 'a>,
}

/// Writes the frames as `path` (normally `{out}/leapfig.xlsx`) with Excel's limits, and returns
/// the notices for stderr.
///
/// A claims table of 1,200,000 rows becomes the sheets `claims` (1,048,575 rows below the
/// header) and `claims_2`, and one notice says so.
pub fn write(path: &Path, frames: &[(TableSpec, DataFrame)]) -> Result<Vec<String>> {
    write_with_limits(path, frames, Limits::EXCEL)
}

/// [`write`] with other limits: the tests exercise the continuation sheets and the cut cells
/// on a few rows instead of a million.
pub fn write_with_limits(path: &Path, frames: &[(TableSpec, DataFrame)], limits: Limits) -> Result<Vec<String>> {
    let bytes: usize = frames.iter().map(|(_, df)| df.estimated_size()).sum();
    let sources = frames
        .iter()
        .map(|(spec, df)| Source { spec: *spec, rows: df.height(), batches: Box::new(std::iter::once(Ok(df.clone()))) })
        .collect();
    write_sources(path, sources, bytes as u64, limits)
}

/// Writes the tables' rows as `path`, batch by batch (a sheet's rows need not be held at once);
/// `bytes` estimates the tables' size (their CSV files), for the choice of ZIP64.
pub fn write_sources(path: &Path, sources: Vec<Source<'_>>, bytes: u64, limits: Limits) -> Result<Vec<String>> {
    assert!(limits.rows >= 2, "a sheet holds its header and at least one row");
    let mut wb = Workbook::new();
    wb.set_properties(&properties()?);
    // The constant-memory sheets' temporary files go beside the output, not to a /tmp that may
    // live in memory; they are unnamed and vanish with the process.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        wb.set_tempdir(dir).with_context(|| format!("temporary files in {}", dir.display()))?;
    }
    // Past 4 GB a zip needs ZIP64 records, which some readers lack: only then.
    let cells: u64 = sources.iter().map(|s| (s.rows * s.spec.columns.len()) as u64).sum();
    wb.use_zip_large_file(bytes + 60 * cells > 3_500_000_000);
    let styles = Styles::new();
    let mut notices = Vec::new();
    for source in sources {
        let name = source.spec.name;
        write_table(&mut wb, source, &styles, limits, &mut notices)
            .with_context(|| format!("{FILE_NAME}: sheet {name}"))?;
    }
    write_codebook(&mut wb, &styles)?;
    super::write_atomically(path, |w| {
        wb.save_to_writer(w)?;
        Ok(())
    })?;
    Ok(notices)
}

/// Fixed document properties: a workbook's bytes must depend on the tables only, not on the
/// time of the run (the writer would stamp the current time).
fn properties() -> Result<DocProperties> {
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    Ok(DocProperties::new()
        .set_title("Figures claimed in Great Leap Forward newspaper articles")
        .set_author("leapfig")
        .set_comment("Generated by leapfig; the columns are described on the codebook sheet.")
        .set_creation_datetime(&created))
}

/// One column's values, in row order, as the cells they become.
enum Cells<'a> {
    Text(Box<dyn Iterator<Item = Option<&'a str>> + 'a>),
    Number(Box<dyn Iterator<Item = Option<f64>> + 'a>),
    /// Days since 1970-01-01.
    Date(Box<dyn Iterator<Item = Option<i32>> + 'a>),
}

/// The frame's columns as polars holds them, dates as their day numbers (for [`cells`]).
fn physical_columns(spec: &TableSpec, df: &DataFrame) -> Result<Vec<Column>> {
    spec.columns
        .iter()
        .map(|c| {
            let col = df.column(c.name)?;
            Ok(match c.dtype {
                DType::Date => col.cast(&DataType::Int32)?,
                _ => col.clone(),
            })
        })
        .collect()
}

/// Iterators over every column (all chunks, in order), typed by the schema.
fn cells<'a>(spec: &TableSpec, cols: &'a [Column]) -> Result<Vec<Cells<'a>>> {
    spec.columns
        .iter()
        .zip(cols)
        .map(|(c, col)| -> Result<Cells<'a>> {
            Ok(match c.dtype {
                DType::Str => Cells::Text(Box::new(col.str()?.iter())),
                DType::Int => Cells::Number(Box::new(col.i64()?.iter().map(|v| v.map(|v| v as f64)))),
                DType::Float => Cells::Number(Box::new(col.f64()?.iter())),
                DType::Date => Cells::Date(Box::new(col.i32()?.iter())),
            })
        })
        .collect()
}

/// What one sheet's writing found worth telling: texts cut, per column (count, first row),
/// and dates written as text.
struct Found {
    cut: Vec<(usize, usize)>,
    undated: usize,
}

/// One table: as many sheets as its rows need.
fn write_table(
    wb: &mut Workbook,
    source: Source<'_>,
    styles: &Styles,
    limits: Limits,
    notices: &mut Vec<String>,
) -> Result<()> {
    let Source { spec, rows: height, batches } = source;
    let spec = &spec;
    let per_sheet = limits.rows - 1;
    let names: Vec<String> = (0..height.div_ceil(per_sheet).max(1))
        .map(|k| if k == 0 { spec.name.to_string() } else { format!("{}_{}", spec.name, k + 1) })
        .collect();
    if names.len() > 1 {
        notices.push(format!(
            "{FILE_NAME}: {} has {height} rows, more than a sheet holds ({per_sheet} below the header): \
             continued on {}",
            spec.name,
            names[1..].join(", ")
        ));
    }
    let mut sheets = names.iter().enumerate().map(|(k, name)| (name, per_sheet.min(height - k * per_sheet)));
    // The sheet being written: its index in the workbook, its name, its rows, its state.
    let mut finish = |wb: &mut Workbook, (index, name, _, sheet): (usize, &String, usize, Sheet)| -> Result<()> {
        let found = sheet.finish(wb.worksheet_from_index(index)?, spec)?;
        for (j, &(n, first)) in found.cut.iter().enumerate() {
            if n > 0 {
                let texts = if n == 1 { "text" } else { "texts" };
                notices.push(format!(
                    "{FILE_NAME}: {name}.{}: {n} {texts} longer than a cell holds ({} UTF-16 units) cut, \
                     with a note at the end, the first in row {first}",
                    spec.columns[j].name, limits.cell
                ));
            }
        }
        if found.undated > 0 {
            notices.push(format!(
                "{FILE_NAME}: {name}: {} dates before 1900-03-01, which Excel cannot hold, written as text",
                found.undated
            ));
        }
        Ok(())
    };
    let mut new_sheet = |wb: &mut Workbook| -> Result<Option<(usize, &String, usize, Sheet)>> {
        let Some((name, rows)) = sheets.next() else { return Ok(None) };
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(name)?;
        let index = wb.worksheets().len() - 1;
        let sheet = Sheet::start(wb.worksheet_from_index(index)?, spec, styles)?;
        Ok(Some((index, name, rows, sheet)))
    };
    let mut open = new_sheet(wb)?;
    for batch in batches {
        let df = batch?;
        let cols = physical_columns(spec, &df)?;
        let mut cells = cells(spec, &cols)?;
        let mut left = df.height();
        while left > 0 {
            let Some((index, name, rows, mut sheet)) = open.take() else {
                anyhow::bail!("{} has more rows than counted ({height})", spec.name);
            };
            let n = left.min(rows - sheet.written);
            sheet.rows(wb.worksheet_from_index(index)?, spec, &mut cells, n, styles, limits)?;
            left -= n;
            if sheet.written == rows {
                finish(wb, (index, name, rows, sheet))?;
                open = new_sheet(wb)?;
            } else {
                open = Some((index, name, rows, sheet));
            }
        }
    }
    // An empty table, or fewer rows than counted: the sheet as it is.
    if let Some(o) = open {
        finish(wb, o)?;
    }
    Ok(())
}

/// One sheet being written: the widths its cells need and what it found, measured as the
/// cells go by (one pass).
struct Sheet {
    widths: Vec<usize>,
    found: Found,
    /// Rows written below the header.
    written: usize,
}

impl Sheet {
    /// The header row.
    fn start(ws: &mut Worksheet, spec: &TableSpec, styles: &Styles) -> Result<Sheet> {
        for (j, c) in spec.columns.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, c.name, &styles.header)?;
        }
        Ok(Sheet {
            widths: spec.columns.iter().map(|c| display_width(c.name) + 1).collect(),
            found: Found { cut: vec![(0, 0); spec.columns.len()], undated: 0 },
            written: 0,
        })
    }

    /// The next `rows` rows of `cells`.
    fn rows(
        &mut self,
        ws: &mut Worksheet,
        spec: &TableSpec,
        cells: &mut [Cells],
        rows: usize,
        styles: &Styles,
        limits: Limits,
    ) -> Result<()> {
        let wrapped = |j: usize| WRAPPED.contains(&spec.columns[j].name);
        let (widths, found) = (&mut self.widths, &mut self.found);
        for r in self.written + 1..=self.written + rows {
            let row = r as u32;
            for (j, col) in cells.iter_mut().enumerate() {
                let c = j as u16;
                let width = match col {
                    // An empty text, like a null, is an empty cell (as in the CSV).
                    Cells::Text(it) => match it.next().flatten().filter(|s| !s.is_empty()) {
                        None => 0,
                        Some(s) => {
                            let cut = fit(s, limits.cell);
                            if cut.is_some() {
                                let (n, first) = &mut found.cut[j];
                                *n += 1;
                                if *first == 0 {
                                    *first = r + 1;
                                }
                            }
                            let text = cut.as_deref().unwrap_or(s);
                            if wrapped(j) {
                                ws.write_string_with_format(row, c, text, &styles.wrap)?;
                                0
                            } else {
                                ws.write_string(row, c, text)?;
                                display_width(text)
                            }
                        }
                    },
                    Cells::Number(it) => match it.next().flatten() {
                        None => 0,
                        Some(v) => {
                            ws.write_number(row, c, v)?;
                            v.to_string().len()
                        }
                    },
                    Cells::Date(it) => match it.next().flatten() {
                        None => 0,
                        Some(days) => {
                            match excel_date(days) {
                                Some(d) => ws.write_date_with_format(row, c, &d, &styles.date)?,
                                None => {
                                    found.undated += 1;
                                    ws.write_string(row, c, iso_date(days))?
                                }
                            };
                            10
                        }
                    },
                };
                widths[j] = widths[j].max(width);
            }
        }
        self.written += rows;
        Ok(())
    }

    /// The column widths, the frozen header and the autofilter.
    fn finish(self, ws: &mut Worksheet, spec: &TableSpec) -> Result<Found> {
        let wrapped = |j: usize| WRAPPED.contains(&spec.columns[j].name);
        for (j, w) in self.widths.into_iter().enumerate() {
            let w = if wrapped(j) { WRAP_WIDTH } else { (w + 2).min(MAX_WIDTH) };
            ws.set_column_width(j as u16, w as f64)?;
        }
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, self.written as u32, (spec.columns.len() - 1) as u16)?;
        Ok(self.found)
    }
}

/// The codebook sheet: every table and column with its type, allowed values and meaning
/// ([`codebook::rows`], from the schema that `CODEBOOK.md` is generated from).
fn write_codebook(wb: &mut Workbook, styles: &Styles) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("codebook")?;
    let header = ["table", "column", "type", "allowed values", "meaning"];
    for (j, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, j as u16, *h, &styles.header)?;
    }
    let rows = codebook::rows();
    let mut widths: Vec<usize> = header.iter().map(|h| h.len() + 1).collect();
    for (r, cells) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        for (j, v) in cells.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            if j == 4 {
                ws.write_string_with_format(row, 4, v, &styles.wrap)?;
            } else {
                ws.write_string(row, j as u16, v)?;
                widths[j] = widths[j].max(display_width(v));
            }
        }
    }
    for (j, w) in widths.into_iter().enumerate() {
        let w = if j == 4 { WRAP_WIDTH } else { (w + 2).min(MAX_WIDTH) };
        ws.set_column_width(j as u16, w as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, 4)?;
    Ok(())
}

/// A date cell for days since 1970-01-01; None before 1900, where Excel's dates begin.
fn excel_date(days: i32) -> Option<ExcelDateTime> {
    // Serial 61 is 1900-03-01, the first day after Excel's phantom 1900-02-29.
    let serial = days + EXCEL_1970;
    if serial < 61 {
        return None;
    }
    ExcelDateTime::from_serial_datetime(serial).ok()
}

/// `YYYY-MM-DD` of days since 1970-01-01 (the text of a date Excel cannot hold).
fn iso_date(days: i32) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
    epoch.checked_add_signed(chrono::Duration::days(days.into())).map_or_else(String::new, |d| d.to_string())
}

/// The text as it fits a cell of `limit` UTF-16 units: None when it fits as it is, else cut at
/// a character boundary with a note saying so at its end.
///
/// A sentence of 40,000 characters becomes its first 32,7xx characters and
/// " […cut at the cell limit: 40000 characters in all]".
pub fn fit(s: &str, limit: usize) -> Option<String> {
    // A UTF-16 unit takes at least one UTF-8 byte: a short text fits without counting.
    if s.len() <= limit || s.encode_utf16().count() <= limit {
        return None;
    }
    let note = format!(" […cut at the cell limit: {} characters in all]", s.chars().count());
    let room = limit.saturating_sub(note.encode_utf16().count());
    let mut used = 0;
    let mut end = 0;
    for (i, ch) in s.char_indices() {
        used += ch.len_utf16();
        if used > room {
            break;
        }
        end = i + ch.len_utf8();
    }
    let mut out = format!("{}{note}", &s[..end]);
    // Only a limit shorter than the note itself (never Excel's) needs this.
    while out.encode_utf16().count() > limit {
        out.pop();
    }
    Some(out)
}

/// Columns a text takes on screen: a wide (East Asian) character two, any other one. The
/// writer's own autofit counts every non-ASCII character as one, which leaves Chinese columns
/// half as wide as their text.
///
/// "钢产量" is 6 wide, "steel" 5, "１０" (fullwidth) 4.
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// East Asian Wide and Fullwidth characters (Unicode UAX #11), the ranges Chinese text uses.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'   // Hangul Jamo initials
        | '\u{2E80}'..='\u{303E}' // CJK radicals, ideographic description, CJK punctuation (、。〇「」)
        | '\u{3041}'..='\u{33FF}' // kana, bopomofo, CJK compatibility
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{A000}'..='\u{A4CF}' // Yi
        | '\u{AC00}'..='\u{D7A3}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}' // CJK compatibility forms
        | '\u{FF00}'..='\u{FF60}' // fullwidth forms (，：（）１)
        | '\u{FFE0}'..='\u{FFE6}' // fullwidth signs
        | '\u{20000}'..='\u{3FFFD}' // CJK extensions B and later
    ) || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(display_width("steel"), 5);
        assert_eq!(display_width("钢产量"), 6);
        assert_eq!(display_width("１０，"), 6);
        assert_eq!(display_width("九万多人 (more than 90,000)"), 8 + 19);
    }

    #[test]
    fn long_texts_are_cut_with_a_note() {
        assert_eq!(fit("short", 10), None);
        // Fits by UTF-16 units though not by bytes.
        assert_eq!(fit("钢钢钢钢钢", 5), None);
        let long = "钢".repeat(200);
        let cut = fit(&long, 100).unwrap();
        assert!(cut.encode_utf16().count() <= 100, "{}", cut.encode_utf16().count());
        assert!(cut.starts_with("钢钢钢"));
        assert!(cut.ends_with("[…cut at the cell limit: 200 characters in all]"), "{cut}");
        // A character outside the BMP takes two units and is never split.
        let astral = "𠀀".repeat(100);
        let cut = fit(&astral, 80).unwrap();
        assert!(cut.encode_utf16().count() <= 80);
        assert!(cut.starts_with("𠀀") && !cut.contains('\u{FFFD}'));
        // At Excel's limit.
        let cut = fit(&"a".repeat(40_000), Limits::EXCEL.cell).unwrap();
        assert!(cut.encode_utf16().count() <= 32_767 && cut.encode_utf16().count() > 32_700);
    }

    #[test]
    fn dates_from_day_numbers() {
        // 1958-10-13 is day -4098 since 1970-01-01.
        let d = excel_date(-4098).unwrap();
        assert_eq!(d.to_excel(), ExcelDateTime::from_ymd(1958, 10, 13).unwrap().to_excel());
        assert_eq!(iso_date(-4098), "1958-10-13");
        // 1899-12-31, Excel's day 1, is before the first day it counts right: text instead.
        assert!(excel_date(-25_568).is_none());
        assert_eq!(iso_date(-25_568), "1899-12-31");
        assert!(excel_date(-25_569 + 61).is_some());
    }
}
