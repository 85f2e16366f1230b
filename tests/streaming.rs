//! Streaming the tables (issue 17): `leapfig run` writes the tables part by part as the
//! articles are processed; the output must be byte for byte what one part holding every
//! article gives (the non-streaming way: every row in memory), whatever the thread count, with
//! duplicates across parts; and the summaries, now accumulated as rows stream past, must equal
//! polars' group-by over the figures and articles tables written.
#![allow(deprecated)] // polars' eager group-by, the oracle of the summaries

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use leapfig::app::{self, RunConfig};
use leapfig::ingest::collect_inputs;
use leapfig::pipeline::process_file;
use leapfig::tables::{self, read::read_table, schema, Formats};
use polars::prelude::*;

/// The corpus three times: `a/` as it is, `b/` the same files (every article a duplicate of
/// its `a/` copy), `c/` each file with a numbered line at its end (new articles): about 300
/// articles.
fn three_copies(corpus: &Path, dir: &Path) -> PathBuf {
    let root = dir.join("in");
    for (k, copy) in ["a", "b", "c"].iter().enumerate() {
        for (n, f) in files_under(corpus).into_iter().enumerate() {
            let rel = f.strip_prefix(corpus).unwrap();
            let dest = root.join(copy).join(rel);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            let mut text = std::fs::read(&f).unwrap();
            if k == 2 {
                text.extend_from_slice(format!("\n\n    编号{n:06}。\n").as_bytes());
            }
            std::fs::write(dest, text).unwrap();
        }
    }
    root
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

const ALL_FORMATS: Formats = Formats { csv: true, parquet: true, excel: false, xlsx: true };

#[test]
fn streamed_tables_are_byte_identical_to_one_part() {
    let Some(shared) = shared_or_skip("streamed_tables_are_byte_identical_to_one_part") else { return };
    let dir = tempdir("streaming-identical");
    let input = three_copies(&shared.join("corpus"), &dir);
    // Not streamed: every article processed and held, the tables written as one part.
    let (inputs, errors) = collect_inputs(std::slice::from_ref(&input));
    assert!(errors.is_empty());
    let mut results: Vec<_> = inputs.iter().map(|i| process_file(i, None).unwrap().without_text()).collect();
    results.sort_by(|a, b| a.article.id.cmp(&b.article.id));
    let n = results.len();
    assert!(n >= 300, "{n} articles");
    let whole = dir.join("whole");
    tables::write_tables(&whole, &results, &[], ALL_FORMATS).unwrap();
    drop(results);
    let want = files(&whole);
    // Streamed, on one and two workers (parts of 38 and 76 articles).
    for jobs in [2, 1] {
        let out = dir.join(format!("streamed-{jobs}"));
        let cfg = RunConfig {
            inputs: vec![input.clone()],
            out: out.clone(),
            jobs: Some(jobs),
            date: None,
            formats: ALL_FORMATS,
            force: false,
            report: false,
            no_sentence: false,
        };
        let s = app::run(&cfg).unwrap();
        assert_eq!((s.articles, s.errors), (n, 0));
        let got = files(&out);
        assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>(), "the files written");
        for (name, bytes) in &want {
            assert!(&got[name] == bytes, "--jobs {jobs}: {name} differs from the one-part tables");
        }
    }
    // Parquet alone (no CSV beside it: the figures are read back from a temporary CSV) gives
    // the same Parquet files.
    let out = dir.join("parquet-only");
    let cfg = RunConfig {
        inputs: vec![input.clone()],
        out: out.clone(),
        jobs: Some(2),
        date: None,
        formats: Formats { csv: false, parquet: true, excel: false, xlsx: false },
        force: false,
        report: false,
        no_sentence: false,
    };
    app::run(&cfg).unwrap();
    let got = files(&out);
    let parquet: Vec<&String> = want.keys().filter(|n| n.ends_with(".parquet")).collect();
    assert_eq!(got.keys().filter(|n| n.ends_with(".parquet")).collect::<Vec<_>>(), parquet);
    assert!(!got.keys().any(|n| n.ends_with(".csv") || n.starts_with('.')), "{:?}", got.keys());
    for name in parquet {
        assert!(got[name] == want[name], "--format parquet: {name} differs");
    }
    // What the streamed tables hold: b/ repeats a/ (and the corpus's own repeats), so its
    // figures are a/'s, whose mentions count b/'s; every claim is a mention of one figure.
    let articles = read_table(&whole.join("articles.csv"), schema::ARTICLES).unwrap();
    let dup = articles.column("duplicate_of").unwrap().str().unwrap().clone();
    let ids = articles.column("article_id").unwrap().str().unwrap().clone();
    let of_b: Vec<_> = ids.iter().zip(dup.iter()).filter(|(id, _)| id.unwrap().starts_with("b/")).collect();
    assert!(
        of_b.iter().all(|(_, d)| d.is_some_and(|d| !d.starts_with("c/"))),
        "every b/ article repeats an earlier one"
    );
    let c_dups = ids.iter().zip(dup.iter()).filter(|(id, d)| id.unwrap().starts_with("c/") && d.is_some()).count();
    assert_eq!(c_dups, 0, "a numbered line makes c/ new articles");
    let figures = read_table(&whole.join("figures.csv"), schema::FIGURES).unwrap();
    let claims = read_table(&whole.join("claims.csv"), schema::CLAIMS).unwrap();
    let mentions: i64 = figures.column("mentions").unwrap().i64().unwrap().sum().unwrap();
    assert_eq!(mentions as usize, claims.height(), "mentions add up to the claims");
    let fig_articles = figures.column("article_id").unwrap().str().unwrap().clone();
    let from_b = fig_articles.iter().filter(|a| a.unwrap().starts_with("b/")).count();
    let from_c = fig_articles.iter().filter(|a| a.unwrap().starts_with("c/")).count();
    let from_a = fig_articles.iter().filter(|a| a.unwrap().starts_with("a/")).count();
    assert!(from_c > 0 && from_b < from_a / 10, "figures of a/ {from_a}, b/ {from_b} (English-only), c/ {from_c}");
    // The summaries equal polars' group-by over the tables written.
    let items = read_table(&whole.join("summary_items.csv"), schema::SUMMARY_ITEMS).unwrap();
    assert!(items.equals_missing(&oracle_items(&figures)), "summary_items differs from polars' group-by");
    let months = read_table(&whole.join("summary_articles.csv"), schema::SUMMARY_ARTICLES).unwrap();
    assert!(months.equals_missing(&oracle_months(&articles)), "summary_articles differs from polars' group-by");
    ran_on_shared("streamed_tables_are_byte_identical_to_one_part");
}

/// `YYYY-MM` of a date column.
fn month(df: &DataFrame, col: &str) -> Column {
    let m: StringChunked = df
        .column(col)
        .unwrap()
        .cast(&DataType::String)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|d| d.map(|d| d[..7].to_string()))
        .collect();
    m.with_name("article_month".into()).into_column()
}

fn sorted(df: DataFrame, spec: &schema::TableSpec, keys: &[&str]) -> DataFrame {
    let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
    let df = df.select(names).unwrap();
    let opts = SortMultipleOptions::default().with_nulls_last(false).with_maintain_order(true);
    df.sort(keys.iter().map(|k| k.to_string()).collect::<Vec<_>>(), opts).unwrap()
}

/// summary_items as polars computes it from figures.csv (leapfig's way before it streamed).
fn oracle_items(figures: &DataFrame) -> DataFrame {
    let not_date: BooleanChunked =
        figures.column("kind").unwrap().str().unwrap().iter().map(|k| Some(k != Some("date"))).collect();
    let mut df = figures.filter(&not_date).unwrap();
    df.with_column(month(&df, "article_date")).unwrap();
    let keys = ["item_code", "unit", "period", "claim_type", "article_month", "province"];
    let g = df.group_by(keys).unwrap();
    let mut out = g.clone().select(["figure_id"]).count().unwrap();
    let median: Float64Chunked = g
        .clone()
        .select(["value"])
        .median()
        .unwrap()
        .column("value_median")
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .map(|v| v.map(leapfig::numerals::tidy))
        .collect();
    for (df, from, to) in [
        (g.clone().select(["mentions"]).sum().unwrap(), "mentions_sum", "claims"),
        (g.clone().select(["article_id"]).n_unique().unwrap(), "article_id_n_unique", "articles"),
        (g.clone().select(["value"]).min().unwrap(), "value_min", "value_min"),
        (g.select(["value"]).max().unwrap(), "value_max", "value_max"),
    ] {
        let mut c = df.column(from).unwrap().cast(&DataType::Float64).unwrap();
        if to == "claims" || to == "articles" {
            c = c.cast(&DataType::Int64).unwrap();
        }
        c.rename(to.into());
        out.with_column(c).unwrap();
    }
    out.with_column(median.with_name("value_median".into()).into_column()).unwrap();
    let figs = out.column("figure_id_count").unwrap().cast(&DataType::Int64).unwrap();
    out.with_column(figs.with_name("figures".into())).unwrap();
    sorted(out, &schema::SUMMARY_ITEMS, &keys)
}

/// summary_articles as polars computes it from articles.csv.
fn oracle_months(articles: &DataFrame) -> DataFrame {
    let mut df = articles.clone();
    df.with_column(month(&df, "date")).unwrap();
    let g = df.group_by(["article_month"]).unwrap();
    let mut out = g.clone().select(["article_id"]).count().unwrap();
    let n = out.column("article_id_count").unwrap().cast(&DataType::Int64).unwrap();
    out.with_column(n.with_name("articles".into())).unwrap();
    let cols = ["claims_zh", "claims_en", "pairs_match", "pairs_mismatch", "only_en", "only_zh"];
    let sums = g.select(cols).sum().unwrap();
    for c in cols {
        let mut col = sums.column(&format!("{c}_sum")).unwrap().cast(&DataType::Int64).unwrap();
        col.rename(c.into());
        out.with_column(col).unwrap();
    }
    sorted(out, &schema::SUMMARY_ARTICLES, &["article_month"])
}
