//! Reading a run's tables back for the report.
//!
//! Input: the output folder of a run (`claims.csv`, `pairs.csv`, `articles.csv`, and
//! `errors.csv` where present), as `../shared/SCHEMA.md` defines them. Output: their rows as
//! plain structs ([`Tables`]), every cell kept as the text the table holds (the report shows
//! what the tables say; numbers are parsed only where a chart or an offset needs them), and
//! the problems met ([`Problem`]: file, line, what), each naming the row it comes from.
//! Columns are found by their header name, so columns added later (at the end, as the schema
//! allows) are ignored and a missing optional column reads as empty. A malformed row is a
//! problem and is left out; only a missing or unreadable `articles.csv` or `claims.csv`, or one
//! lacking a required column, is an error: without them there is nothing to report.

use std::path::Path;

use anyhow::{bail, Context as _, Result};

/// One row of `claims.csv`: what the report shows of a claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimRow {
    /// The CSV line the row starts on (1 is the header), for problems.
    pub line: u64,
    pub claim_id: String,
    pub article_id: String,
    pub lang: String,
    pub section: String,
    pub start: usize,
    pub end: usize,
    pub surface: String,
    pub kind: String,
    pub value: String,
    pub low: String,
    pub high: String,
    pub unit: String,
    pub qualifier: String,
    pub item: String,
    pub item_code: String,
    pub period: String,
    pub claim_type: String,
    pub ref_date: String,
    pub place: String,
    pub status: String,
    pub note: String,
    pub country: String,
    pub province: String,
    pub place_code: String,
    pub works: String,
    pub per: String,
    pub article_date: String,
    /// The distinct figure the claim states (empty in tables written before issue 14).
    pub figure_id: String,
}

/// One row of `pairs.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairRow {
    pub line: u64,
    pub article_id: String,
    pub en_claim_id: String,
    pub zh_claim_id: String,
    pub kind: String,
    pub en_surface: String,
    pub zh_surface: String,
    pub status: String,
    pub note: String,
}

/// One row of `articles.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleRow {
    pub line: u64,
    pub article_id: String,
    pub source: String,
    pub format: String,
    pub date: String,
    pub page: String,
    pub title_en: String,
    pub title_zh: String,
    pub author: String,
    pub claims_en: String,
    pub claims_zh: String,
    pub pairs_match: String,
    pub pairs_mismatch: String,
    pub only_en: String,
    pub only_zh: String,
}

/// One row of `errors.csv`: an input the run could not read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorRow {
    pub source: String,
    pub stage: String,
    pub line: String,
    pub message: String,
}

/// Something wrong in the tables or the sources, shown on the report's index page and on
/// stderr: `claims.csv:12: start is not a number: "x"`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file (a table's name, or a source path).
    pub file: String,
    /// The line in it, where known.
    pub line: Option<u64>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The tables of one run, as the report reads them.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub articles: Vec<ArticleRow>,
    pub claims: Vec<ClaimRow>,
    pub pairs: Vec<PairRow>,
    pub errors: Vec<ErrorRow>,
    pub problems: Vec<Problem>,
}

/// A CSV file's header, to find cells by column name.
struct Header {
    file: &'static str,
    names: Vec<String>,
}

impl Header {
    /// The index of a column every row needs: its absence is an error naming the file.
    fn required(&self, name: &str) -> Result<usize> {
        match self.names.iter().position(|n| n == name) {
            Some(i) => Ok(i),
            None => bail!("{}: no column `{name}` in its header (is this a leapfig output folder?)", self.file),
        }
    }

    fn optional(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

/// The cell of `rec` at column `i` (empty when the column is absent).
fn cell(rec: &csv::StringRecord, i: Option<usize>) -> String {
    i.and_then(|i| rec.get(i)).unwrap_or("").to_string()
}

/// Reads `dir/name` row by row: `row` turns a record into a value (or a problem message);
/// a record the CSV reader rejects (a wrong number of fields, bad UTF-8) is a problem too.
fn read_rows<T>(
    dir: &Path,
    file: &'static str,
    required: bool,
    columns: &[&str],
    problems: &mut Vec<Problem>,
    mut row: impl FnMut(&Header, &csv::StringRecord, u64) -> Result<Result<T, String>>,
) -> Result<Vec<T>> {
    let path = dir.join(file);
    if !required && !path.exists() {
        return Ok(Vec::new());
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(&path)
        .with_context(|| format!("reading {} (run `leapfig run` into this folder first)", path.display()))?;
    let names = reader.headers().with_context(|| format!("reading the header of {}", path.display()))?;
    // A byte-order mark (`--excel`) is not part of the first column's name.
    let names = names.iter().map(|n| n.trim_start_matches('\u{feff}').to_string()).collect();
    let header = Header { file, names };
    for c in columns {
        header.required(c)?;
    }
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                let line = rec.position().map_or(0, |p| p.line());
                match row(&header, &rec, line)? {
                    Ok(v) => out.push(v),
                    Err(message) => problems.push(Problem { file: file.into(), line: Some(line), message }),
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line());
                problems.push(Problem { file: file.into(), line, message: format!("unreadable row: {e}") });
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    Ok(out)
}

/// A character offset cell, or a problem message.
fn offset(rec: &csv::StringRecord, i: usize, name: &str) -> Result<usize, String> {
    let v = rec.get(i).unwrap_or("");
    v.parse().map_err(|_| format!("{name} is not a character offset: {v:?}"))
}

/// Reads the tables of the run in `dir`.
pub fn read_tables(dir: &Path) -> Result<Tables> {
    let mut problems = Vec::new();
    let articles = read_rows(dir, "articles.csv", true, &["article_id", "source"], &mut problems, |h, rec, line| {
        let [id, source] = [h.required("article_id")?, h.required("source")?];
        let o = |n| cell(rec, h.optional(n));
        if rec.get(id).unwrap_or("").is_empty() {
            return Ok(Err("empty article_id".into()));
        }
        Ok(Ok(ArticleRow {
            line,
            article_id: cell(rec, Some(id)),
            source: cell(rec, Some(source)),
            format: o("format"),
            date: o("date"),
            page: o("page"),
            title_en: o("title_en"),
            title_zh: o("title_zh"),
            author: o("author"),
            claims_en: o("claims_en"),
            claims_zh: o("claims_zh"),
            pairs_match: o("pairs_match"),
            pairs_mismatch: o("pairs_mismatch"),
            only_en: o("only_en"),
            only_zh: o("only_zh"),
        }))
    })?;
    let claims = read_rows(
        dir,
        "claims.csv",
        true,
        &["claim_id", "article_id", "lang", "start", "end"],
        &mut problems,
        |h, rec, line| {
            let [id, article, lang, start, end] = [
                h.required("claim_id")?,
                h.required("article_id")?,
                h.required("lang")?,
                h.required("start")?,
                h.required("end")?,
            ];
            let o = |n| cell(rec, h.optional(n));
            let (start, end) = match (offset(rec, start, "start"), offset(rec, end, "end")) {
                (Ok(s), Ok(e)) if s <= e => (s, e),
                (Ok(s), Ok(e)) => return Ok(Err(format!("start {s} is after end {e}"))),
                (Err(m), _) | (_, Err(m)) => return Ok(Err(m)),
            };
            let lang = cell(rec, Some(lang));
            if lang != "en" && lang != "zh" {
                return Ok(Err(format!("lang is neither en nor zh: {lang:?}")));
            }
            Ok(Ok(ClaimRow {
                line,
                claim_id: cell(rec, Some(id)),
                article_id: cell(rec, Some(article)),
                lang,
                section: o("section"),
                start,
                end,
                surface: o("surface"),
                kind: o("kind"),
                value: o("value"),
                low: o("low"),
                high: o("high"),
                unit: o("unit"),
                qualifier: o("qualifier"),
                item: o("item"),
                item_code: o("item_code"),
                period: o("period"),
                claim_type: o("claim_type"),
                ref_date: o("ref_date"),
                place: o("place"),
                status: o("status"),
                note: o("note"),
                country: o("country"),
                province: o("province"),
                place_code: o("place_code"),
                works: o("works"),
                per: o("per"),
                article_date: o("article_date"),
                figure_id: o("figure_id"),
            }))
        },
    )?;
    // Pairs and errors only add to the report: without them it still shows every claim.
    let pairs = read_rows(dir, "pairs.csv", false, &[], &mut problems, |h, rec, line| {
        let o = |n| cell(rec, h.optional(n));
        Ok(Ok(PairRow {
            line,
            article_id: o("article_id"),
            en_claim_id: o("en_claim_id"),
            zh_claim_id: o("zh_claim_id"),
            kind: o("kind"),
            en_surface: o("en_surface"),
            zh_surface: o("zh_surface"),
            status: o("status"),
            note: o("note"),
        }))
    })?;
    let errors = read_rows(dir, "errors.csv", false, &[], &mut problems, |h, rec, _| {
        let o = |n| cell(rec, h.optional(n));
        Ok(Ok(ErrorRow { source: o("source"), stage: o("stage"), line: o("line"), message: o("message") }))
    })?;
    Ok(Tables { articles, claims, pairs, errors, problems })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("leapfig-report-read-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        for (n, t) in files {
            std::fs::write(d.join(n), t).unwrap();
        }
        d
    }

    #[test]
    fn malformed_rows_are_problems_naming_file_and_line() {
        let d = folder(
            "bad",
            &[
                ("articles.csv", "article_id,source,format\na,a.txt,plain\n"),
                (
                    "claims.csv",
                    "claim_id,article_id,lang,start,end,surface\na#zh0,a,zh,0,3,三百吨\na#zh9,a,zh,x,3,吨\na#zh5,a,zh,5\n\
                     a#fr1,a,fr,1,2,x\n",
                ),
            ],
        );
        let t = read_tables(&d).unwrap();
        assert_eq!(t.articles.len(), 1);
        assert_eq!(t.claims.len(), 1);
        assert_eq!((t.claims[0].start, t.claims[0].end, t.claims[0].surface.as_str()), (0, 3, "三百吨"));
        let shown: Vec<String> = t.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert_eq!(shown[0], "claims.csv:3: start is not a character offset: \"x\"");
        assert!(shown[1].starts_with("claims.csv:4: unreadable row"), "{}", shown[1]);
        assert_eq!(shown[2], "claims.csv:5: lang is neither en nor zh: \"fr\"");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_missing_table_or_column_is_an_error_naming_it() {
        let d = folder("missing", &[("articles.csv", "article_id,source\n")]);
        let e = read_tables(&d).unwrap_err();
        assert!(format!("{e:#}").contains("claims.csv"), "{e:#}");
        std::fs::write(d.join("claims.csv"), "claim_id,article_id,lang,start\n").unwrap();
        let e = read_tables(&d).unwrap_err();
        assert_eq!(format!("{e:#}"), "claims.csv: no column `end` in its header (is this a leapfig output folder?)");
        let _ = std::fs::remove_dir_all(&d);
    }
}
