//! Summary tables, accumulated as the figures and articles rows stream past.
//!
//! Input: the `figures` and `articles` rows, part by part, in the run's order (figures of
//! duplicate articles already dropped), and the mentions duplicates add to earlier figures.
//! Output: `summary_items` (figures grouped by item_code × unit × period × claim_type × article
//! month × province: counts, min/median/max of value) and `summary_articles` (per month:
//! articles, claims, pairs). Rows sorted by the group keys, an empty key first. Memory: per
//! group a few counters, per figure its value (for the median), never a row.

use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;

use super::schema;
use super::spill::{Spill, BUDGET_BYTES};
use super::FrameBuilder;
use crate::text::HashMap;

/// The text cells of column `name`, empty for null.
pub(super) fn texts<'a>(df: &'a DataFrame, name: &str) -> Result<Vec<&'a str>> {
    Ok(df.column(name)?.str()?.iter().map(|v| v.unwrap_or("")).collect())
}

/// `YYYY-MM` of each cell of a Date column (empty for none), each distinct day formatted once:
/// the distinct months, and each row's index into them.
pub(super) fn months(df: &DataFrame, name: &str) -> Result<(Vec<String>, Vec<usize>)> {
    let days = df.column(name)?.cast(&DataType::Int32)?;
    let mut seen: HashMap<Option<i32>, usize> = HashMap::default();
    let mut distinct = Vec::new();
    let of_row = days
        .i32()?
        .iter()
        .map(|d| {
            *seen.entry(d).or_insert_with(|| {
                let m = d
                    .and_then(|d| chrono::NaiveDate::from_num_days_from_ce_opt(d + 719_163))
                    .map(|d| d.format("%Y-%m").to_string())
                    .unwrap_or_default();
                distinct.push(m);
                distinct.len() - 1
            })
        })
        .collect();
    Ok((distinct, of_row))
}

/// Group numbers by their key cells, numbered in the order first seen; a key is looked up
/// without allocating (a row of a big run repeats a group far more often than it opens one).
#[derive(Default)]
pub(super) struct Groups {
    index: HashMap<String, u32>,
    buf: String,
}

/// Joins key cells (none holds a NUL).
const CELL_SEP: char = '\0';

impl Groups {
    fn key<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) {
        self.buf.clear();
        for (k, c) in cells.into_iter().enumerate() {
            if k > 0 {
                self.buf.push(CELL_SEP);
            }
            self.buf.push_str(c);
        }
    }

    /// The group of these key cells, and whether it is new.
    pub(super) fn id<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> (u32, bool) {
        self.key(cells);
        if let Some(&g) = self.index.get(self.buf.as_str()) {
            return (g, false);
        }
        let g = self.index.len() as u32;
        self.index.insert(self.buf.clone(), g);
        (g, true)
    }

    /// The group of these key cells, if seen.
    pub(super) fn get<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> Option<u32> {
        self.key(cells);
        self.index.get(self.buf.as_str()).copied()
    }

    /// Every key (its cells) with its group, in key order (cell by cell, an empty cell first,
    /// as polars sorts nulls first).
    pub(super) fn sorted(self) -> Vec<(Vec<String>, u32)> {
        let mut keys: Vec<(Vec<String>, u32)> =
            self.index.into_iter().map(|(k, g)| (k.split(CELL_SEP).map(String::from).collect(), g)).collect();
        keys.sort_unstable();
        keys
    }
}

/// The median as polars computes it (linear interpolation between the two middle values),
/// tidied: 23.4 and 23.5 give 23.45, not 23.450000000000003.
fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable_by(f64::total_cmp);
    let float_idx = (values.len() - 1) as f64 * 0.5;
    let (lo, hi) = (values[float_idx as usize], values[float_idx.ceil() as usize]);
    let m = if lo == hi { lo } else { (float_idx - (float_idx as usize) as f64) * (hi - lo) + lo };
    Some(crate::numerals::tidy(m))
}

/// One group of `summary_items` (its values, for the median, are on disk).
#[derive(Default)]
struct ItemGroup {
    figures: i64,
    claims: i64,
    articles: i64,
    /// The last article counted (figures come in article order).
    last_article: Option<u32>,
    min: Option<f64>,
    max: Option<f64>,
}

/// `summary_items` under construction.
pub struct Items {
    index: Groups,
    groups: Vec<ItemGroup>,
    values: Spill<8>,
}

impl Items {
    /// Keeps the figures' values in a new file at `values` (the caller removes it).
    pub fn create(values: &std::path::Path) -> Result<Items> {
        Ok(Items { index: Groups::default(), groups: Vec::new(), values: Spill::create(values)? })
    }

    /// Counts the figures rows of one part (dates skipped); `article_index` gives each row's
    /// article (figures come in article order).
    pub fn add(&mut self, figures: &DataFrame, article_index: &[u32]) -> Result<()> {
        let keys = RowKeys::of(figures)?;
        let value: Vec<Option<f64>> = figures.column("value")?.f64()?.iter().collect();
        let mentions: Vec<Option<i64>> = figures.column("mentions")?.i64()?.iter().collect();
        for i in 0..figures.height() {
            let Some(cells) = keys.cells(i) else { continue };
            let (g, new) = self.index.id(cells);
            if new {
                self.groups.push(ItemGroup::default());
            }
            let group = &mut self.groups[g as usize];
            group.figures += 1;
            group.claims += mentions[i].unwrap_or(0);
            if group.last_article != Some(article_index[i]) {
                group.articles += 1;
                group.last_article = Some(article_index[i]);
            }
            if let Some(v) = value[i] {
                group.min = Some(group.min.map_or(v, |m| m.min(v)));
                group.max = Some(group.max.map_or(v, |m| m.max(v)));
                self.values.push(g, v.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Adds to the groups of these figures rows (counted before) the mentions later duplicate
    /// articles add to them (`more`, by figure id).
    pub fn add_mentions(&mut self, figures: &DataFrame, more: impl Fn(&str) -> Option<i64>) -> Result<()> {
        let ids = texts(figures, "figure_id")?;
        if !ids.iter().any(|id| more(id).is_some()) {
            return Ok(());
        }
        let keys = RowKeys::of(figures)?;
        for (i, id) in ids.iter().enumerate() {
            let (Some(cells), Some(n)) = (keys.cells(i), more(id)) else { continue };
            if let Some(g) = self.index.get(cells) {
                self.groups[g as usize].claims += n;
            }
        }
        Ok(())
    }

    /// The table, sorted by its keys (an empty key first, as polars sorts nulls first).
    pub fn finish(self) -> Result<DataFrame> {
        let keys = self.index.sorted();
        let order: Vec<u32> = keys.iter().map(|(_, g)| *g).collect();
        let mut medians = vec![None; self.groups.len()];
        self.values.each_group(&order, BUDGET_BYTES / 8, |g, values| {
            let mut values: Vec<f64> = values.into_iter().map(f64::from_le_bytes).collect();
            medians[g as usize] = median(&mut values);
            Ok(())
        })?;
        let mut b = FrameBuilder::new(schema::SUMMARY_ITEMS, keys.len());
        for (key, g) in keys {
            let group = &self.groups[g as usize];
            // Column order of schema::SUMMARY_ITEMS.
            b.s(&key[0]).s(&key[1]).s(&key[2]).s(&key[3]).s(&key[4]);
            b.i(Some(group.claims)).i(Some(group.articles)).f(group.min).f(medians[g as usize]).f(group.max);
            b.s(&key[5]).i(Some(group.figures));
            b.end_row();
        }
        b.finish()
    }
}

/// The key cells of the figures rows of one part, by row.
struct RowKeys<'a> {
    kind: Vec<&'a str>,
    /// item_code, unit, period, claim_type.
    cols: [Vec<&'a str>; 4],
    province: Vec<&'a str>,
    months: (Vec<String>, Vec<usize>),
}

impl<'a> RowKeys<'a> {
    fn of(figures: &'a DataFrame) -> Result<RowKeys<'a>> {
        Ok(RowKeys {
            kind: texts(figures, "kind")?,
            cols: [
                texts(figures, "item_code")?,
                texts(figures, "unit")?,
                texts(figures, "period")?,
                texts(figures, "claim_type")?,
            ],
            province: texts(figures, "province")?,
            months: months(figures, "article_date")?,
        })
    }

    /// Row `i`'s key, in the column order of `summary_items` (None for a date).
    fn cells(&self, i: usize) -> Option<[&str; 6]> {
        let c = |k: usize| self.cols[k][i];
        let month = self.months.0[self.months.1[i]].as_str();
        (self.kind[i] != "date").then(|| [c(0), c(1), c(2), c(3), month, self.province[i]])
    }
}

/// `summary_articles` under construction: per month, articles and the sums of the articles
/// rows' counts.
#[derive(Default)]
pub struct Months {
    by_month: BTreeMap<String, [i64; 7]>,
}

/// The articles columns `summary_articles` sums, in its column order.
const SUMMED: [&str; 6] = ["claims_zh", "claims_en", "pairs_match", "pairs_mismatch", "only_en", "only_zh"];

impl Months {
    pub fn add(&mut self, articles: &DataFrame) -> Result<()> {
        let (month, of_row) = months(articles, "date")?;
        let cols: Vec<Vec<Option<i64>>> =
            SUMMED.iter().map(|c| Ok(articles.column(c)?.i64()?.iter().collect())).collect::<Result<_>>()?;
        for (i, &m) in of_row.iter().enumerate() {
            let sums = self.by_month.entry(month[m].clone()).or_default();
            sums[0] += 1;
            for (k, col) in cols.iter().enumerate() {
                sums[k + 1] += col[i].unwrap_or(0);
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<DataFrame> {
        let mut b = FrameBuilder::new(schema::SUMMARY_ARTICLES, self.by_month.len());
        for (month, sums) in self.by_month {
            b.s(&month);
            for v in sums {
                b.i(Some(v));
            }
            b.end_row();
        }
        b.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_interpolates_like_polars_and_is_tidy() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0]), Some(3.0));
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut [23.5, 23.4]), Some(23.45));
        assert_eq!(median(&mut [1.0, 2.0, 10.0, 4.0]), Some(3.0));
    }
}
