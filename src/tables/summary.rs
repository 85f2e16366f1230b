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

/// `YYYY-MM` of each cell of a Date column (empty for none).
pub(super) fn months(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    let days = df.column(name)?.cast(&DataType::Int32)?;
    Ok(days
        .i32()?
        .iter()
        .map(|d| {
            d.and_then(|d| chrono::NaiveDate::from_num_days_from_ce_opt(d + 719_163))
                .map(|d| d.format("%Y-%m").to_string())
                .unwrap_or_default()
        })
        .collect())
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
    index: HashMap<[String; 6], u32>,
    groups: Vec<ItemGroup>,
    values: Spill<8>,
}

impl Items {
    /// Keeps the figures' values in a new file at `values` (the caller removes it).
    pub fn create(values: &std::path::Path) -> Result<Items> {
        Ok(Items { index: HashMap::default(), groups: Vec::new(), values: Spill::create(values)? })
    }

    /// The group key of each figures row (None for a date).
    fn keys(figures: &DataFrame) -> Result<Vec<Option<[String; 6]>>> {
        let kind = texts(figures, "kind")?;
        let cols = [
            texts(figures, "item_code")?,
            texts(figures, "unit")?,
            texts(figures, "period")?,
            texts(figures, "claim_type")?,
        ];
        let province = texts(figures, "province")?;
        let month = months(figures, "article_date")?;
        Ok((0..figures.height())
            .map(|i| {
                (kind[i] != "date").then(|| {
                    let c = |k: usize| cols[k][i].to_string();
                    [c(0), c(1), c(2), c(3), month[i].clone(), province[i].to_string()]
                })
            })
            .collect())
    }

    /// Counts the figures rows of one part (dates skipped); `article_index` gives each row's
    /// article (figures come in article order).
    pub fn add(&mut self, figures: &DataFrame, article_index: &[u32]) -> Result<()> {
        let value: Vec<Option<f64>> = figures.column("value")?.f64()?.iter().collect();
        let mentions: Vec<Option<i64>> = figures.column("mentions")?.i64()?.iter().collect();
        for (i, key) in Self::keys(figures)?.into_iter().enumerate() {
            let Some(key) = key else { continue };
            let next = self.groups.len() as u32;
            let g = *self.index.entry(key).or_insert(next);
            if g == next {
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
        for (i, key) in Self::keys(figures)?.into_iter().enumerate() {
            let (Some(key), Some(n)) = (key, more(ids[i])) else { continue };
            if let Some(&g) = self.index.get(&key) {
                self.groups[g as usize].claims += n;
            }
        }
        Ok(())
    }

    /// The table, sorted by its keys (an empty key first, as polars sorts nulls first).
    pub fn finish(self) -> Result<DataFrame> {
        let mut keys: Vec<([String; 6], u32)> = self.index.into_iter().collect();
        keys.sort_unstable();
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
        let month = months(articles, "date")?;
        let cols: Vec<Vec<Option<i64>>> =
            SUMMED.iter().map(|c| Ok(articles.column(c)?.i64()?.iter().collect())).collect::<Result<_>>()?;
        for (i, m) in month.into_iter().enumerate() {
            let sums = self.by_month.entry(m).or_default();
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
