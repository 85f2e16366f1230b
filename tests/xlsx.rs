//! The workbook of `--format xlsx` (issue 18): read back with calamine, every cell equals the
//! CSV's value with its column's type (text, number, date, empty); the same bytes whatever
//! `--jobs` is; a table past a sheet's rows continues on another sheet and a text past the cell
//! limit is cut with a note (small limits stand in for Excel's million rows); the sheets have
//! their header frozen, an autofilter and widths for Chinese text; and, where LibreOffice is
//! installed, Calc keeps "September 30" a text and the Chinese intact.

mod common;

use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use common::*;
use leapfig::tables::{self, schema, xlsx, Formats};

/// The inputs of the tests: the seeds, and the corpus when present (a notice says when it is
/// not; under `LEAPFIG_REQUIRE_SHARED=1` its absence fails).
fn inputs(test: &str) -> Vec<PathBuf> {
    let mut v = vec![manifest_dir().join("data/articles")];
    if let Some(s) = shared_or_skip(&format!("{test} (the corpus part; the seeds still run)")) {
        v.push(s.join("corpus"));
        ran_on_shared(test);
    }
    v
}

/// Runs the binary; a run over these inputs reads every file, so it must exit 0.
fn run(inputs: &[PathBuf], out: &Path, extra: &[&str]) -> std::process::Output {
    let o = Command::new(env!("CARGO_BIN_EXE_leapfig"))
        .arg("run")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn workbook(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sheets of one table, in order: `claims`, `claims_2`, ...
fn table_sheets(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, table: &str) -> Vec<(String, Range<Data>)> {
    let names: Vec<String> = wb
        .sheet_names()
        .into_iter()
        .filter(|n| n == table || n.strip_prefix(table).and_then(|r| r.strip_prefix('_')).is_some_and(is_number))
        .collect();
    names.into_iter().map(|n| (n.clone(), wb.worksheet_range(&n).unwrap())).collect()
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Excel's serial day of a `YYYY-MM-DD` text (days since 1899-12-30).
fn serial(date: &str) -> f64 {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    (d - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days() as f64
}

/// Compares a table's CSV with its sheets cell by cell: each sheet starts with the header, the
/// rows follow on in order, and every cell has its column's type and the CSV's value. Texts
/// longer than `cell_limit` UTF-16 units must be the CSV's text cut with the note. Returns the
/// text cells of the table, by column, for the callers' own checks.
fn assert_sheets_equal_csv(
    csv_path: &Path,
    sheets: &[(String, Range<Data>)],
    spec: &schema::TableSpec,
    cell_limit: usize,
) -> Vec<BTreeSet<String>> {
    let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
    let mut texts = vec![BTreeSet::new(); names.len()];
    let mut csv = csv::Reader::from_path(csv_path).unwrap();
    assert_eq!(csv.headers().unwrap().iter().collect::<Vec<_>>(), names, "{}", csv_path.display());
    let mut records = csv.records().map(|r| r.unwrap());
    assert!(!sheets.is_empty(), "{}: no sheet", spec.name);
    for (sheet, range) in sheets {
        assert_eq!(range.start(), Some((0, 0)), "{sheet} starts at A1");
        let mut rows = range.rows();
        let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
        assert_eq!(header, names, "{sheet}: header");
        for (i, row) in rows.enumerate() {
            let at = format!("{sheet} row {}", i + 2);
            let rec = records.next().unwrap_or_else(|| panic!("{at}: more rows than the CSV"));
            assert_eq!(row.len(), names.len(), "{at}");
            for ((c, cell), want) in spec.columns.iter().zip(row).zip(rec.iter()) {
                let at = format!("{at}, {}", c.name);
                if want.is_empty() {
                    assert_eq!(cell, &Data::Empty, "{at}: an empty value is an empty cell");
                    continue;
                }
                match (c.dtype, cell) {
                    (schema::DType::Str, Data::String(s)) => {
                        if want.encode_utf16().count() > cell_limit {
                            assert_eq!(Some(s.clone()), xlsx::fit(want, cell_limit), "{at}: cut");
                            let kept = s.rsplit_once(" […cut at the cell limit").map_or("", |p| p.0);
                            assert!(!kept.is_empty() && want.starts_with(kept), "{at}: the start is kept");
                        } else {
                            assert_eq!(s, want, "{at}");
                        }
                        texts[names.iter().position(|n| *n == c.name).unwrap()].insert(s.clone());
                    }
                    (schema::DType::Int | schema::DType::Float, Data::Float(v)) => {
                        assert_eq!(*v, want.parse::<f64>().unwrap(), "{at}: {want}")
                    }
                    (schema::DType::Int, Data::Int(v)) => assert_eq!(*v, want.parse::<i64>().unwrap(), "{at}"),
                    (schema::DType::Date, Data::DateTime(d)) => assert_eq!(d.as_f64(), serial(want), "{at}: {want}"),
                    (t, other) => panic!("{at}: a {t:?} column holds {other:?} for {want:?}"),
                }
            }
        }
    }
    assert!(records.next().is_none(), "{}: the sheets have fewer rows than the CSV", spec.name);
    texts
}

/// The text cells of one column (by name) from [`assert_sheets_equal_csv`]'s result.
fn column<'a>(texts: &'a [BTreeSet<String>], spec: &schema::TableSpec, name: &str) -> &'a BTreeSet<String> {
    &texts[spec.columns.iter().position(|c| c.name == name).unwrap()]
}

/// The shape of a `ref_date`: 1958-11-10 -> 9999-99-99, 1958-11-01/1958-11-10 -> 9999-99-99/9999-99-99.
fn form(ref_date: &str) -> String {
    ref_date.chars().map(|c| if c.is_ascii_digit() { '9' } else { c }).collect()
}

#[test]
fn workbook_cells_equal_the_csv_with_their_types() {
    let test = "workbook_cells_equal_the_csv_with_their_types";
    let dir = tempdir("xlsx-cells");
    let mut forms = BTreeSet::new();
    for (k, input) in inputs(test).iter().enumerate() {
        let out = dir.join(format!("out{k}"));
        run(std::slice::from_ref(input), &out, &["--format", "csv,xlsx"]);
        let mut wb = workbook(&out.join(xlsx::FILE_NAME));
        let mut want: Vec<String> = schema::ALL.iter().map(|t| t.name.to_string()).collect();
        want.push("codebook".into());
        assert_eq!(wb.sheet_names(), want, "one sheet per table, in schema order, then the codebook");
        for spec in schema::ALL {
            let sheets = table_sheets(&mut wb, spec.name);
            assert_eq!(sheets.len(), 1, "{}: one sheet below the row limit", spec.name);
            let texts = assert_sheets_equal_csv(&out.join(format!("{}.csv", spec.name)), &sheets, &spec, 32_767);
            if spec.name == "claims" {
                forms.extend(column(&texts, &spec, "ref_date").iter().map(|d| form(d)));
                if k == 0 {
                    // The seeds' surfaces a spreadsheet would turn into a date and a number.
                    let surfaces = column(&texts, &spec, "surface");
                    for s in ["September 30", "4,700", "九万多人", "一万五千吨", "四倍"] {
                        assert!(surfaces.contains(s), "claims.surface {s} is a text cell");
                    }
                }
            }
            if spec.name == "articles" && k == 0 {
                let titles = column(&texts, &spec, "title_zh");
                for t in ["永不离“群”", "涟源一天产煤一万五千吨"] {
                    assert!(titles.iter().any(|x| x.contains(t)), "articles.title_zh {t}");
                }
            }
        }
        assert_codebook_sheet(&wb.worksheet_range("codebook").unwrap());
    }
    // Every form of ref_date the inputs have, each a text cell (the corpus adds the intervals).
    for f in ["9999-99-99", "9999-99", "9999"] {
        assert!(forms.contains(f), "ref_date {f} among {forms:?}");
    }
    if forms.len() > 3 {
        assert!(forms.contains("9999-99-99/9999-99-99") && forms.contains("9999-99/9999-99"), "{forms:?}");
    }
}

/// The codebook sheet is the codebook's rows under a header, and lists every table and column
/// of the schema with the codebook's type names.
fn assert_codebook_sheet(range: &Range<Data>) {
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[0], ["table", "column", "type", "allowed values", "meaning"]);
    let want: Vec<Vec<String>> = tables::codebook::rows().into_iter().map(Vec::from).collect();
    assert_eq!(rows[1..], want[..]);
    for t in schema::ALL {
        assert!(
            rows.iter().any(|r| (r[0].as_str(), r[1].as_str(), r[4].as_str()) == (t.name, "", t.doc)),
            "{}",
            t.name
        );
        for c in t.columns {
            let want = [t.name, c.name, tables::codebook::type_name(c.dtype), &c.allowed.join(", "), c.doc];
            assert!(rows.iter().any(|r| r[..] == want), "{}.{}", t.name, c.name);
        }
    }
}

#[test]
fn workbook_is_byte_identical_across_thread_counts() {
    let ins = inputs("workbook_is_byte_identical_across_thread_counts");
    let dir = tempdir("xlsx-determinism");
    let mut files = Vec::new();
    for jobs in ["1", "2"] {
        let out = dir.join(format!("jobs{jobs}"));
        run(&ins, &out, &["--format", "xlsx", "--jobs", jobs]);
        files.push(std::fs::read(out.join(xlsx::FILE_NAME)).unwrap());
        assert!(!out.join("claims.csv").exists(), "--format xlsx alone writes no CSV");
    }
    assert!(files[0] == files[1], "leapfig.xlsx differs between --jobs 1 and --jobs 2");
}

/// Past the row limit a table continues on `{name}_2`, ... and a text past the cell limit is
/// cut with a note; both are reported. Limits of 30 rows and 120 units stand in for Excel's.
#[test]
fn long_tables_continue_on_more_sheets_and_long_texts_are_cut() {
    let (inputs, errors) = collect_inputs(&[manifest_dir().join("data/articles")]);
    assert!(errors.is_empty());
    let mut results: Vec<_> = inputs.iter().map(|i| process_file(i, None).unwrap()).collect();
    results.sort_by(|a, b| a.article.id.cmp(&b.article.id));
    let dir = tempdir("xlsx-limits");
    tables::write_tables(&dir, &results, &[], Formats::default()).unwrap();
    let frames: Vec<_> = schema::ALL
        .iter()
        .map(|spec| (*spec, tables::read::read_table(&dir.join(format!("{}.csv", spec.name)), *spec).unwrap()))
        .collect();
    let limits = xlsx::Limits { rows: 30, cell: 120 };
    let path = dir.join("small.xlsx");
    let notices = xlsx::write_with_limits(&path, &frames, limits).unwrap();
    // The same rows in batches of 7 (a sheet's end falls inside a batch) give the same workbook.
    let batched = dir.join("batched.xlsx");
    let sources = frames
        .iter()
        .map(|(spec, df)| {
            let batches: Vec<_> = (0..df.height().div_ceil(7).max(1)).map(|k| Ok(df.slice(k as i64 * 7, 7))).collect();
            xlsx::Source { spec: *spec, rows: df.height(), batches: Box::new(batches.into_iter()) }
        })
        .collect();
    let bytes: usize = frames.iter().map(|(_, df)| df.estimated_size()).sum();
    assert_eq!(xlsx::write_sources(&batched, sources, bytes as u64, limits).unwrap(), notices);
    assert!(std::fs::read(&batched).unwrap() == std::fs::read(&path).unwrap(), "batches change the workbook");
    let mut wb = workbook(&path);
    let claims = frames[0].1.height();
    assert!(claims > 2 * 29, "the seeds give {claims} claims: three sheets at least");
    let n_sheets = claims.div_ceil(29);
    let mut cut_columns = BTreeSet::new();
    for spec in schema::ALL {
        let sheets = table_sheets(&mut wb, spec.name);
        let height = frames.iter().find(|f| f.0.name == spec.name).unwrap().1.height();
        assert_eq!(sheets.len(), height.div_ceil(29).max(1), "{}: sheets", spec.name);
        for (k, (name, range)) in sheets.iter().enumerate() {
            let want = if k == 0 { spec.name.to_string() } else { format!("{}_{}", spec.name, k + 1) };
            assert_eq!(name, &want);
            assert!(range.height() <= 30, "{name}: {} rows", range.height());
        }
        let texts = assert_sheets_equal_csv(&dir.join(format!("{}.csv", spec.name)), &sheets, &spec, limits.cell);
        for (c, cells) in spec.columns.iter().zip(&texts) {
            if cells.iter().any(|s| s.contains("[…cut at the cell limit")) {
                cut_columns.insert(format!("{}.{}", spec.name, c.name));
            }
        }
    }
    assert!(cut_columns.contains("claims.sentence"), "{cut_columns:?}");
    let continued: Vec<String> = (2..=n_sheets).map(|k| format!("claims_{k}")).collect();
    assert!(
        notices.iter().any(|n| n.contains(&format!("claims has {claims} rows")) && n.ends_with(&continued.join(", "))),
        "{notices:?}"
    );
    assert!(notices.iter().any(|n| n.contains("claims.sentence:") && n.contains("cut")), "{notices:?}");
}

/// The rows past the limit reach the user on stderr through `leapfig run`, and the parts of
/// the sheet a user sees first are set: header frozen, autofilter, the sentence column wrapped
/// at its fixed width, and a Chinese column as wide as its text (two units a character).
#[test]
fn sheets_have_a_frozen_header_a_filter_and_widths_for_chinese() {
    let dir = tempdir("xlsx-layout");
    run(&[manifest_dir().join("data/articles")], &dir, &["--format", "xlsx"]);
    let path = dir.join(xlsx::FILE_NAME);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut sheet = |n: usize| {
        let mut s = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{n}.xml")).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    // Sheets are numbered in schema order (workbook_cells_equal_the_csv_with_their_types).
    let number = |t: &str| schema::ALL.iter().position(|s| s.name == t).unwrap() + 1;
    let claims = sheet(number("claims"));
    let articles = sheet(number("articles"));
    let mut styles = String::new();
    zip.by_name("xl/styles.xml").unwrap().read_to_string(&mut styles).unwrap();
    for (name, xml) in [("claims", &claims), ("articles", &articles)] {
        assert!(
            xml.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#),
            "{name}"
        );
        assert!(xml.contains("<autoFilter ref=\"A1:"), "{name}");
    }
    let col = |spec: &schema::TableSpec, name: &str| spec.columns.iter().position(|c| c.name == name).unwrap() + 1;
    // sentence: 80 wide (Excel stores 80 characters as 80.7109375), its cells in the one style
    // that wraps.
    let sentence = col(&schema::CLAIMS, "sentence");
    assert_eq!(col_width(&claims, sentence), 80.7109375);
    let xfs = styles.split("<cellXfs").nth(1).unwrap().split("</cellXfs>").next().unwrap();
    let wrap = xfs.split("<xf ").skip(1).position(|xf| xf.contains(r#"wrapText="1""#)).expect("a wrap style");
    let letter = char::from(b'A' + sentence as u8 - 1);
    assert!(claims.contains(&format!(r#"<c r="{letter}2" s="{wrap}""#)), "{letter}2, a sentence, wraps");
    // title_zh holds 涟源一天产煤一万五千吨 (11 characters, 22 wide) and the other seed's title:
    // at least 22 + 2, where one unit a character would give 13.
    let width = col_width(&articles, col(&schema::ARTICLES, "title_zh"));
    assert!(width >= 24.0, "title_zh is {width} wide");
}

/// The width of column `n` (1-based) in a sheet's XML.
fn col_width(xml: &str, n: usize) -> f64 {
    let tag = format!(r#"<col min="{n}" max="{n}" width=""#);
    let at = xml.find(&tag).unwrap_or_else(|| panic!("no width for column {n}")) + tag.len();
    xml[at..].split('"').next().unwrap().parse().unwrap()
}

/// The `<td ...>` tags of the cells whose whole text is `text`, as Calc's HTML shows them.
fn cell_tags<'a>(html: &'a str, text: &str) -> Vec<&'a str> {
    html.match_indices(&format!(">{text}</font></td>"))
        .filter_map(|(at, _)| {
            let open = html[..at].rfind("<td")?;
            Some(&html[open..open + html[open..].find('>')? + 1])
        })
        .collect()
}

/// Opens the seeds' workbook in LibreOffice Calc: "September 30" and "4,700" stay text (Calc
/// marks a number or date cell with `sdval`), ref_date months stay text, the article date is a
/// date, the Chinese arrives intact. `.ci/run` sets `LEAPFIG_REQUIRE_SOFFICE=1`, under which a
/// missing `soffice` fails; elsewhere the test skips with a notice.
#[test]
fn libreoffice_keeps_text_text_and_the_chinese_intact() {
    let test = "libreoffice_keeps_text_text_and_the_chinese_intact";
    if !soffice_or_skip(test) {
        return;
    }
    let dir = tempdir("xlsx-soffice");
    let tables_dir = dir.join("out");
    run(&[manifest_dir().join("data/articles")], &tables_dir, &["--format", "xlsx"]);
    let html = libreoffice_to_html(&tables_dir.join(xlsx::FILE_NAME), &dir, None);
    // Only the surfaces and ref_date are ever exactly these texts: every such cell is text.
    for text in ["September 30", "4,700", "1958-10"] {
        let tags = cell_tags(&html, text);
        assert!(!tags.is_empty(), "Calc shows a cell {text}");
        for tag in tags {
            assert!(!tag.contains("sdval"), "{text} is a text cell in Calc: {tag}");
        }
    }
    // A ref_date of a year stays text (a number column could hold 1958 as a number).
    assert!(cell_tags(&html, "1958").iter().any(|t| !t.contains("sdval")), "ref_date 1958 as text");
    let dates = cell_tags(&html, "1958-10-13");
    assert!(dates.iter().any(|d| d.contains("sdval=\"21471\"") && d.contains("YYYY-MM-DD")), "a date cell: {dates:?}");
    for zh in ["永不离“群”", "涟源一天产煤一万五千吨", "九万多人", "一万五千吨", "四倍"] {
        assert!(html.contains(zh), "Calc shows {zh}");
    }
    // 九万多人: 90000 and 100000 are number cells.
    for v in ["90000", "100000"] {
        assert!(html.contains(&format!("sdval=\"{v}\"")), "{v} is a number cell");
    }
}
