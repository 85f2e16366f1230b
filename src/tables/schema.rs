//! The output tables' columns: one list per table, the single source for the CSV header, the
//! Parquet types and the codebook (`../shared/SCHEMA.md` is the contract; names and order must
//! not change, new columns go at the end).

/// How a column is typed in Parquet and read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DType {
    Str,
    Int,
    Float,
    /// `YYYY-MM-DD`, a calendar date.
    Date,
}

/// One column of one table.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub dtype: DType,
    pub doc: &'static str,
}

const fn col(name: &'static str, dtype: DType, doc: &'static str) -> ColumnSpec {
    ColumnSpec { name, dtype, doc }
}

use DType::{Date, Float, Int, Str};

/// One output table: its file stem and columns.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    pub name: &'static str,
    pub doc: &'static str,
    pub columns: &'static [ColumnSpec],
}

pub const CLAIMS: TableSpec = TableSpec {
    name: "claims",
    doc: "one row per figure mention, in either language",
    columns: &[
        col("claim_id", Str, "`{article_id}#{lang}{start}`, unique and stable across runs"),
        col("article_id", Str, "the article's path relative to the input root, without extension"),
        col("article_date", Date, "the article's date"),
        col("lang", Str, "zh or en"),
        col("section", Str, "title or body"),
        col("start", Int, "character offset of the figure in the decoded file (BOM removed, line endings kept)"),
        col("end", Int, "character offset after the figure (exclusive)"),
        col("surface", Str, "the figure as printed, qualifiers included"),
        col("kind", Str, "mass, count, percent, multiple, fraction, area, length, volume, money, energy, power, yield, duration, date"),
        col("value", Float, "the number in the canonical unit; empty for dates, vague amounts and ranges"),
        col("low", Float, "lower end of the interval the text allows; empty when open"),
        col("high", Float, "upper end of the interval the text allows; empty when open"),
        col("unit", Str, "canonical unit (t, mu, m, L, yuan, kWh, kW, jin/mu, %, pp, x, 1, day/month/year/hour/minute) or the counted class"),
        col("qualifier", Str, "exact, approx, more_than, less_than, range, several"),
        col("value_raw", Float, "the number as printed, before unit conversion"),
        col("unit_raw", Str, "the unit word as printed"),
        col("item", Str, "what is measured or counted, as printed"),
        col("item_code", Str, "canonical item (steel, steel_native, pig_iron, coal, grain, furnace_native, ...)"),
        col("period", Str, "day, month, year, cumulative, or empty"),
        col("claim_type", Str, "achieved, target, baseline, change, threshold, other, or empty"),
        col("ref_date", Str, "when the figure holds: YYYY-MM-DD, YYYY-MM, YYYY or an interval a/b; for dates the date itself"),
        col("place", Str, "the place the figure belongs to"),
        col("sentence", Str, "the sentence the figure stands in"),
        col("status", Str, "ok, unparsed, ambiguous"),
        col("note", Str, "machine-readable flags, `;`-separated (bei_ambiguous, ...)"),
    ],
};

pub const PAIRS: TableSpec = TableSpec {
    name: "pairs",
    doc: "the reconciliation of the two languages, one row per figure of either",
    columns: &[
        col("article_id", Str, "the article"),
        col("en_claim_id", Str, "the English claim; empty for only_zh"),
        col("zh_claim_id", Str, "the Chinese claim; empty for only_en"),
        col("kind", Str, "the kind of the figure"),
        col("en_surface", Str, "the English figure as printed"),
        col("zh_surface", Str, "the Chinese figure as printed"),
        col("en_low", Float, "the English interval, canonical unit"),
        col("en_high", Float, ""),
        col("zh_low", Float, "the Chinese interval, canonical unit"),
        col("zh_high", Float, ""),
        col("status", Str, "match, value_mismatch, qualifier_mismatch, unit_mismatch, only_en, only_zh"),
        col("note", Str, "the kind of slip it looks like (scale_x10, bei_off_by_one, qualifier_dropped, ...)"),
    ],
};

pub const ARTICLES: TableSpec = TableSpec {
    name: "articles",
    doc: "one row per input article",
    columns: &[
        col("article_id", Str, "the article's path relative to the input root, without extension"),
        col("source", Str, "the file read"),
        col("format", Str, "bilingual, archive or plain"),
        col("date", Date, "the article's date"),
        col("page", Int, "the page of the paper"),
        col("title_en", Str, "English title (translation)"),
        col("title_zh", Str, "Chinese title"),
        col("author", Str, "author line"),
        col("column", Str, "column (专栏)"),
        col("chars_en", Int, "characters of English text (title and body)"),
        col("chars_zh", Int, "characters of Chinese text (title and body)"),
        col("claims_en", Int, "English claims found"),
        col("claims_zh", Int, "Chinese claims found"),
        col("pairs_match", Int, "pairs whose two sides agree"),
        col("pairs_mismatch", Int, "pairs whose sides disagree (value, qualifier or unit)"),
        col("only_en", Int, "English figures with no Chinese counterpart"),
        col("only_zh", Int, "Chinese figures with no English counterpart"),
    ],
};

pub const ERRORS: TableSpec = TableSpec {
    name: "errors",
    doc: "one row per input (or part of one) that could not be processed",
    columns: &[
        col("source", Str, "the file"),
        col("stage", Str, "read, decode, ingest, input"),
        col("line", Int, "the line at fault, where known"),
        col("message", Str, "what went wrong"),
    ],
};

pub const ALL: [TableSpec; 4] = [CLAIMS, PAIRS, ARTICLES, ERRORS];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_columns_follow_the_schema_contract() {
        let names: Vec<&str> = CLAIMS.columns.iter().map(|c| c.name).collect();
        assert_eq!(
            names.join(","),
            "claim_id,article_id,article_date,lang,section,start,end,surface,kind,value,low,high,unit,qualifier,\
value_raw,unit_raw,item,item_code,period,claim_type,ref_date,place,sentence,status,note"
        );
        let a: Vec<&str> = ARTICLES.columns.iter().map(|c| c.name).collect();
        assert_eq!(
            a.join(","),
            "article_id,source,format,date,page,title_en,title_zh,author,column,chars_en,chars_zh,claims_en,claims_zh,\
pairs_match,pairs_mismatch,only_en,only_zh"
        );
    }
}
