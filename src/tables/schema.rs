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
    /// The closed set of values a text column takes (empty: free text).
    pub allowed: &'static [&'static str],
}

const fn col(name: &'static str, dtype: DType, doc: &'static str) -> ColumnSpec {
    ColumnSpec { name, dtype, doc, allowed: &[] }
}

/// A text column with a closed set of values.
const fn cat(name: &'static str, doc: &'static str, allowed: &'static [&'static str]) -> ColumnSpec {
    ColumnSpec { name, dtype: Str, doc, allowed }
}

const LANGS: &[&str] = &["zh", "en"];
const KINDS: &[&str] = &[
    "mass", "count", "percent", "multiple", "fraction", "area", "length", "volume", "money", "energy", "power",
    "yield", "duration", "date",
];
const QUALIFIERS: &[&str] = &["exact", "approx", "more_than", "less_than", "range", "several"];
/// The closed list of item codes: data/lexicon/item_codes.csv (a test keeps the two equal).
const ITEM_CODES: &[&str] = &[
    "cadre",
    "cement",
    "coal",
    "coke",
    "commune",
    "copper",
    "corn",
    "cost",
    "cotton",
    "drilling_footage",
    "electricity",
    "fertilizer",
    "furnace",
    "furnace_native",
    "grain",
    "iron_ore",
    "labour",
    "machine_tool",
    "millet",
    "mine",
    "oil",
    "output_value",
    "peanut",
    "pig_iron",
    "pig_iron_native",
    "productivity",
    "rice",
    "sintered_iron",
    "sorghum",
    "soybean",
    "steel",
    "steel_iron",
    "steel_native",
    "steel_products",
    "sweet_potato",
    "wheat",
];
const PERIODS: &[&str] = &["day", "month", "year", "cumulative", "hour", "span"];
const CLAIM_TYPES: &[&str] =
    &["achieved", "target", "baseline", "change", "threshold", "other", "forecast", "capacity"];
/// What a rate is per (`per` column).
pub const PERS: &[&str] =
    &["mu", "person", "household", "furnace", "heat", "m3", "m2", "plant", "ear", "team", "barrel"];
const PAIR_STATUSES: &[&str] =
    &["match", "value_mismatch", "qualifier_mismatch", "unit_mismatch", "only_en", "only_zh"];

use crate::pipeline::ErrorStage;
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
        cat("lang", "zh (the original) or en (the translation)", LANGS),
        cat("section", "title or body", &["title", "body"]),
        col("start", Int, "character offset of the figure in the decoded file (BOM removed, line endings kept)"),
        col("end", Int, "character offset after the figure (exclusive)"),
        col("surface", Str, "the figure as printed, qualifiers included"),
        cat("kind", "what sort of quantity", KINDS),
        col("value", Float, "the number in the canonical unit; empty for dates, vague amounts and ranges"),
        col("low", Float, "lower end of the interval the text allows; empty when open"),
        col("high", Float, "upper end of the interval the text allows; empty when open"),
        col("unit", Str, "canonical unit (t, mu, m, L, yuan, kWh, kW, jin/mu, %, pp, x, 1, day/month/year/hour/minute) or the counted class"),
        cat("qualifier", "how the printed number bounds the true one", QUALIFIERS),
        col("value_raw", Float, "the number as printed, before unit conversion"),
        col("unit_raw", Str, "the unit word as printed"),
        col("item", Str, "what is measured or counted, as printed"),
        cat("item_code", "canonical item (data/lexicon/item_codes.csv); empty when unknown", ITEM_CODES),
        cat("period", "rate or scope: day, month, year, hour (每小时), cumulative (累计; ref_date its cut-off day), span (a total over a stated stretch, 三天, 上旬; ref_date the interval where given); empty when the text does not say", PERIODS),
        cat("claim_type", "achieved (also a figure stated with no word of aim, forecast, base or change), target (a plan or pledge), forecast (预计, 将, will: an outcome not yet in), capacity (a plant's design capacity, a furnace's volume), baseline, change, threshold, other; empty for dates and durations", CLAIM_TYPES),
        col("ref_date", Str, "when the figure holds: YYYY-MM-DD, YYYY-MM, YYYY or an interval a/b; for dates the date itself"),
        col("place", Str, "the place the figure belongs to"),
        col("sentence", Str, "the sentence the figure stands in"),
        cat("status", "ok; unparsed (the numeral would not convert: value empty); ambiguous", &["ok", "unparsed", "ambiguous"]),
        col("note", Str, "machine-readable flags, `;`-separated; the values are listed under \"Values of note\""),
        col("country", Str, "ISO 3166-1 alpha-2 code of the country the figure is of (CN, SU for the Soviet Union, US, GB, KP, ...); empty when the text does not tell"),
        col("province", Str, "for CN: the province-level unit as the 1980 GB/T 2260 list names it (河南省, 广西壮族自治区, 上海市), or 全国 for a China-wide figure"),
        col("place_code", Str, "six-digit GB/T 2260 code (1980 list, data/gazetteer/) of the most specific province, prefecture or county the figure is of; a works or commune takes its county's or city's; empty for national, foreign or unknown"),
        col("works", Str, "the enterprise, mine, plant or commune below the county the figure is of, as printed"),
        cat("per", "what a rate is per, other than time: mu (every yield), person (每人, per capita, per worker), household, furnace, heat (one tapping), m3 (of furnace volume), m2, plant (每墩, a clump of rice), ear (每穗), team (每组), barrel (每桶, a price per barrel); empty for totals", PERS),
        col("figure_id", Str, "the distinct figure this mention states (figures.csv): the two sides of a pair, a figure repeated in one article and its copy in a duplicate article share it"),
    ],
};

pub const PAIRS: TableSpec = TableSpec {
    name: "pairs",
    doc: "the reconciliation of the two languages, one row per figure of either",
    columns: &[
        col("article_id", Str, "the article"),
        col("en_claim_id", Str, "the English claim; empty for only_zh"),
        col("zh_claim_id", Str, "the Chinese claim; empty for only_en"),
        cat("kind", "the kind of the figure", KINDS),
        col("en_surface", Str, "the English figure as printed"),
        col("zh_surface", Str, "the Chinese figure as printed"),
        col("en_low", Float, "the English interval, canonical unit"),
        col("en_high", Float, ""),
        col("zh_low", Float, "the Chinese interval, canonical unit"),
        col("zh_high", Float, ""),
        cat("status", "whether the translation states the figure as the original does", PAIR_STATUSES),
        col("note", Str, "the kind of slip it looks like, or empty; the values are listed under \"Values of note\""),
        col("figure_id", Str, "the pair's figure (figures.csv)"),
        cat("item_code", "of the pair's figure (the Chinese side's where there is one)", ITEM_CODES),
        cat("period", "of the pair's figure", PERIODS),
        cat("claim_type", "of the pair's figure", CLAIM_TYPES),
        col("ref_date", Str, "of the pair's figure"),
        col("province", Str, "of the pair's figure"),
    ],
};

pub const ARTICLES: TableSpec = TableSpec {
    name: "articles",
    doc: "one row per input article",
    columns: &[
        col("article_id", Str, "the article's path relative to the input root, without extension"),
        col("source", Str, "the file read"),
        cat("format", "the input layout", &["bilingual", "archive", "plain"]),
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
        col("duplicate_of", Str, "the article_id of the first input (in article_id order) holding the same Chinese article, whatever its format; its figures are not counted again in figures, series and summary_items"),
        col("en_coverage", Float, "bilingual articles: the share of the Chinese figures (dates excluded) that have an English partner; a translation that stops early or summarises shows here"),
    ],
};

pub const ERRORS: TableSpec = TableSpec {
    name: "errors",
    doc: "one row per input (or part of one) that could not be processed",
    columns: &[
        col("source", Str, "the file"),
        cat("stage", "where it failed", &ErrorStage::NAMES),
        col("line", Int, "the line at fault, where known"),
        col("message", Str, "what went wrong"),
    ],
};

pub const SUMMARY_ITEMS: TableSpec = TableSpec {
    name: "summary_items",
    doc: "figures (dates excluded; each figure once) grouped by item, unit, period, claim type, the month of the article and province",
    columns: &[
        col("item_code", Str, "canonical item (empty: not attributed)"),
        col("unit", Str, "canonical unit or counted class"),
        cat("period", "rate or scope", PERIODS),
        cat("claim_type", "achievement, target, ...", CLAIM_TYPES),
        col("article_month", Str, "YYYY-MM of the article date"),
        col("claims", Int, "mentions of the group's figures (claims rows, duplicate articles included)"),
        col("articles", Int, "number of articles the figures come from (duplicates not counted)"),
        col("value_min", Float, "smallest value (canonical unit)"),
        col("value_median", Float, "median value"),
        col("value_max", Float, "largest value"),
        col("province", Str, "province-level unit (1980 GB/T 2260 name), 全国, or empty (foreign or not told)"),
        col("figures", Int, "distinct figures in the group (figures.csv: each counted once, whatever its languages, repeats and duplicate articles); value_min, value_median and value_max are over these"),
    ],
};

pub const SUMMARY_ARTICLES: TableSpec = TableSpec {
    name: "summary_articles",
    doc: "per month of publication: articles read, claims found, pairs matched and mismatched",
    columns: &[
        col("article_month", Str, "YYYY-MM of the article date"),
        col("articles", Int, "articles read"),
        col("claims_zh", Int, "Chinese claims found"),
        col("claims_en", Int, "English claims found"),
        col("pairs_match", Int, "pairs whose two sides agree"),
        col("pairs_mismatch", Int, "pairs whose two sides disagree"),
        col("only_en", Int, "English figures without a Chinese counterpart"),
        col("only_zh", Int, "Chinese figures without an English counterpart"),
    ],
};

pub const FIGURES: TableSpec = TableSpec {
    name: "figures",
    doc: "one row per distinct figure: its English and Chinese mentions, its repeats in one article and its copies in duplicate articles are one row (README, \"Figures, not mentions\")",
    columns: &[
        col("figure_id", Str, "`{article_id}#f{start}` of its first Chinese mention (English where it has none); stable across runs"),
        col("article_id", Str, "the article of its first mention (the first input, where duplicates hold it too)"),
        col("article_date", Date, "that article's date"),
        cat("kind", "from the Chinese mention where there is one (the original), else the English", KINDS),
        col("value", Float, "as in claims"),
        col("low", Float, "as in claims"),
        col("high", Float, "as in claims"),
        col("unit", Str, "as in claims"),
        cat("qualifier", "as in claims", QUALIFIERS),
        cat("item_code", "the figure's context, Chinese first", ITEM_CODES),
        cat("per", "", PERS),
        cat("period", "", PERIODS),
        cat("claim_type", "", CLAIM_TYPES),
        col("ref_date", Str, ""),
        col("country", Str, ""),
        col("province", Str, ""),
        col("place_code", Str, ""),
        col("works", Str, ""),
        col("zh_surface", Str, "its first Chinese mention as printed"),
        col("en_surface", Str, "its first English mention as printed"),
        col("zh_claim_id", Str, "its first Chinese mention"),
        col("en_claim_id", Str, "its first English mention"),
        col("mentions", Int, "how many claims rows state it (duplicate articles included)"),
        cat("pair_status", "the status of its English–Chinese pair", PAIR_STATUSES),
        col("note", Str, "the flags of its first mention, and the pair's slip note"),
    ],
};

/// Series statuses: how the figures of one quantity across articles relate.
pub const SERIES_STATUSES: &[&str] = &["consistent", "contradiction", "revised_up", "revised_down"];

pub const SERIES: TableSpec = TableSpec {
    name: "series",
    doc: "the same quantity (item, unit, per, period, claim type, ref_date, place, works) stated in more than one article",
    columns: &[
        col("series_id", Str, "stable across runs: the key's columns (works last) joined by `|`"),
        cat("item_code", "", ITEM_CODES),
        col("unit", Str, ""),
        cat("per", "", PERS),
        cat("period", "", PERIODS),
        cat("claim_type", "", CLAIM_TYPES),
        col("ref_date", Str, ""),
        col("country", Str, ""),
        col("province", Str, ""),
        col("place_code", Str, ""),
        col("figures", Int, "distinct figures stating it"),
        col("articles", Int, "articles stating it (duplicates not counted)"),
        col("first_article_date", Date, ""),
        col("last_article_date", Date, ""),
        col("low", Float, "the smallest low among its figures"),
        col("high", Float, "the largest high among its figures; empty when one is open"),
        col("values", Str, "its distinct values in article order, `;`-separated (an interval as low–high)"),
        cat("status", "consistent (every two figures' intervals overlap, or two exact numbers differ by less than one unit of the last digit of the less precise, printed with two or more significant digits: a round-up's rounding); contradiction (two achieved, baseline, capacity, change or other figures that do not agree so); revised_up / revised_down (targets or forecasts that do not: up where the last article's value is above an earlier article's, else down)", SERIES_STATUSES),
        col("figure_ids", Str, "`;`-separated, in article order"),
        col("works", Str, "the works or commune the quantity is of (part of the key: a commune's output is not its county's), or empty"),
    ],
};

/// Every table, in the order they are written and documented.
pub const ALL: [TableSpec; 8] = [CLAIMS, PAIRS, ARTICLES, ERRORS, SUMMARY_ITEMS, SUMMARY_ARTICLES, FIGURES, SERIES];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_codes_are_the_lexicon_list() {
        assert_eq!(ITEM_CODES.iter().map(|c| c.to_string()).collect::<Vec<_>>(), crate::lexicon::item_codes());
    }

    #[test]
    fn closed_sets_match_the_enums() {
        use crate::claim::{Kind, Qualifier};
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(kinds, KINDS);
        let q: Vec<&str> = Qualifier::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(q, QUALIFIERS);
    }

    #[test]
    fn claims_columns_follow_the_schema_contract() {
        let names: Vec<&str> = CLAIMS.columns.iter().map(|c| c.name).collect();
        assert_eq!(
            names.join(","),
            "claim_id,article_id,article_date,lang,section,start,end,surface,kind,value,low,high,unit,qualifier,\
value_raw,unit_raw,item,item_code,period,claim_type,ref_date,place,sentence,status,note,\
country,province,place_code,works,per,figure_id"
        );
        let a: Vec<&str> = ARTICLES.columns.iter().map(|c| c.name).collect();
        assert_eq!(
            a.join(","),
            "article_id,source,format,date,page,title_en,title_zh,author,column,chars_en,chars_zh,claims_en,claims_zh,\
pairs_match,pairs_mismatch,only_en,only_zh,duplicate_of,en_coverage"
        );
    }
}
