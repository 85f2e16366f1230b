//! Summary tables, computed with polars group-bys from the tidy frames.
//!
//! Input: the `figures` and `articles` DataFrames. Output: `summary_items` (figures grouped by
//! item_code × unit × period × claim_type × article month × province: counts, min/median/max of value)
//! and `summary_articles` (per month: articles, claims, pairs). Rows sorted by the group keys.
//!
//! polars' eager `GroupBy` aggregations are marked deprecated in favour of the lazy API, but
//! the `lazy` feature roughly doubles polars' compile time (measured for this project's CI);
//! the eager methods compute exactly these aggregations, so they are used, knowingly, here only.
#![allow(deprecated)]

use anyhow::Result;
use polars::prelude::*;

use super::schema::{self, TableSpec};

/// `YYYY-MM` of a Date column, as a string column named `article_month`.
fn month_of(df: &DataFrame, date_col: &str) -> Result<Column> {
    // Each distinct date printed once, by polars' own cast, and its month looked up per row: a
    // run has few dates and hundreds of thousands of rows (issue 8).
    let days = df.column(date_col)?.cast(&DataType::Int32)?;
    let days = days.i32()?;
    let mut distinct: Vec<i32> = days.iter().flatten().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let printed = Column::new("d".into(), &distinct).cast(&DataType::Date)?.cast(&DataType::String)?;
    let months: Vec<Option<String>> =
        printed.str()?.iter().map(|d| d.map(|d| d.get(..7).unwrap_or(d).to_string())).collect();
    let mut b = StringChunkedBuilder::new("article_month".into(), days.len());
    for d in days.iter() {
        let month = d.and_then(|d| distinct.binary_search(&d).ok()).and_then(|k| months[k].as_deref());
        match month {
            Some(m) => b.append_value(m),
            None => b.append_null(),
        }
    }
    Ok(b.finish().into_column())
}

/// Renames the aggregated columns to the schema's names and orders/sorts them.
fn finish(mut df: DataFrame, spec: &TableSpec, renames: &[(&str, &str)], keys: &[&str]) -> Result<DataFrame> {
    for (from, to) in renames {
        df.rename(from, (*to).into())?;
    }
    let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
    let mut df = df.select(names)?;
    for c in spec.columns {
        if c.dtype == schema::DType::Int {
            let col = df.column(c.name)?.cast(&DataType::Int64)?;
            df.with_column(col)?;
        }
        // A median of two decimals (23.4 and 23.5) prints as 23.45, not 23.450000000000003 (the
        // other numbers are figures' values, left as they are).
        if c.name == "value_median" {
            let col: Float64Chunked = df
                .column(c.name)?
                .cast(&DataType::Float64)?
                .f64()?
                .iter()
                .map(|v| v.map(crate::numerals::tidy))
                .collect();
            df.with_column(col.with_name(c.name.into()).into_column())?;
        }
    }
    let opts = SortMultipleOptions::default().with_nulls_last(false).with_maintain_order(true);
    Ok(df.sort(keys.iter().map(|k| k.to_string()).collect::<Vec<_>>(), opts)?)
}

/// `summary_items`: figures other than dates (each once: `figures.csv`, duplicates resolved)
/// by item, unit, period, claim type, article month and province; `claims` sums their mentions.
pub fn items(figures: &DataFrame) -> Result<DataFrame> {
    let not_date: BooleanChunked = figures.column("kind")?.str()?.iter().map(|k| Some(k != Some("date"))).collect();
    // Only the columns the summary reads.
    let used = [
        "figure_id",
        "article_id",
        "article_date",
        "value",
        "item_code",
        "unit",
        "period",
        "claim_type",
        "province",
        "mentions",
    ];
    let mut df = figures.select(used)?.filter(&not_date)?;
    df.with_column(month_of(&df, "article_date")?)?;
    let keys = ["item_code", "unit", "period", "claim_type", "article_month", "province"];
    let g = df.group_by(keys)?;
    let count = g.clone().select(["figure_id"]).count()?;
    let mentions = g.clone().select(["mentions"]).sum()?;
    let n_articles = g.clone().select(["article_id"]).n_unique()?;
    let min = g.clone().select(["value"]).min()?;
    let median = g.clone().select(["value"]).median()?;
    let max = g.select(["value"]).max()?;
    let mut out = count;
    for (other, name) in [
        (mentions, "mentions_sum"),
        (n_articles, "article_id_n_unique"),
        (min, "value_min"),
        (median, "value_median"),
        (max, "value_max"),
    ] {
        out.with_column(other.column(name)?.clone())?;
    }
    finish(
        out,
        &schema::SUMMARY_ITEMS,
        &[("figure_id_count", "figures"), ("mentions_sum", "claims"), ("article_id_n_unique", "articles")],
        &keys,
    )
}

/// `summary_articles`: per month of publication, articles read, claims found, pairs.
pub fn articles(articles: &DataFrame) -> Result<DataFrame> {
    let mut df = articles.clone();
    df.with_column(month_of(&df, "date")?)?;
    let g = df.group_by(["article_month"])?;
    let count = g.clone().select(["article_id"]).count()?;
    let sums = g.select(["claims_zh", "claims_en", "pairs_match", "pairs_mismatch", "only_en", "only_zh"]).sum()?;
    let mut out = count;
    for c in ["claims_zh", "claims_en", "pairs_match", "pairs_mismatch", "only_en", "only_zh"] {
        let mut col = sums.column(&format!("{c}_sum"))?.clone();
        col.rename(c.into());
        out.with_column(col)?;
    }
    finish(out, &schema::SUMMARY_ARTICLES, &[("article_id_count", "articles")], &["article_month"])
}
