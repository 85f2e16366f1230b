//! The English word lists (`data/lexicon/*_en.csv`) as the extractor reads them: units,
//! counted nouns, qualifiers, vague amounts, phrases that are no figure, abbreviations and
//! verb roles, loaded once into [`LEX`]; and the closed list of noun-phrase stop words.
//!
//! Input: the embedded CSV files. Output: phrase sets indexed by first word (longest phrase
//! first) and word sets, all lower case. Rows that do not parse are skipped as before.

use std::sync::LazyLock;

use super::tokens::tokenize;
use crate::claim::Kind;
use crate::lexicon::Lexicon;
use crate::text::{HashMap, HashSet};

crate::lexicon!(UNITS_EN, "units_en.csv");

crate::lexicon!(COUNTS_EN, "counts_en.csv");

crate::lexicon!(QUALIFIERS_EN, "qualifiers_en.csv");

crate::lexicon!(VAGUE_EN, "vague_en.csv");

crate::lexicon!(NOT_FIGURES_EN, "not_figures_en.csv");

crate::lexicon!(ABBREVIATIONS_EN, "abbreviations_en.csv");

crate::lexicon!(VERBS_EN, "verbs_en.csv");

/// Words that end the noun phrase after a number (the counted noun is looked for before them).
pub(super) const NP_STOP: [&str; 58] = [
    "a", "after", "an", "and", "are", "as", "at", "be", "been", "before", "being", "by", "can", "could", "daily",
    "during", "each", "every", "for", "from", "had", "has", "have", "he", "her", "his", "in", "into", "is", "it",
    "its", "may", "must", "of", "on", "onto", "or", "our", "over", "per", "she", "should", "than", "that", "the",
    "their", "there", "these", "they", "this", "those", "to", "was", "we", "were", "which", "who", "will",
];

/// A qualifier as the lexicon names it (`more_than_step`: high = next step, like 多).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Q {
    Exact,
    Approx,
    MoreThan,
    MoreThanStep,
    LessThan,
}

impl Q {
    fn parse(s: &str) -> Option<Q> {
        Some(match s {
            "exact" => Q::Exact,
            "approx" => Q::Approx,
            "more_than" => Q::MoreThan,
            "more_than_step" => Q::MoreThanStep,
            "less_than" => Q::LessThan,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub(super) struct UnitDef {
    /// None: a measure we do not report.
    pub(super) kind: Option<Kind>,
    pub(super) unit: String,
    pub(super) factor: f64,
}

/// Phrases (lower-case words, hyphens ignored) indexed by first word, longest first.
pub(super) struct Phrases<V> {
    pub(super) by_first: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V> Phrases<V> {
    fn new(items: Vec<(String, V)>) -> Self {
        let mut by_first: HashMap<String, Vec<(Vec<String>, V)>> = HashMap::default();
        for (phrase, v) in items {
            let words = phrase_words(&phrase);
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push((words, v));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        Phrases { by_first }
    }
}

/// The words of a lexicon phrase as the tokenizer would cut them, hyphens dropped.
fn phrase_words(phrase: &str) -> Vec<String> {
    let lower = phrase.trim().to_lowercase();
    tokenize(&lower).iter().map(|t| lower[t.a..t.b].to_string()).filter(|w| w != "-").collect()
}

pub(super) struct Lex {
    pub(super) units: Phrases<UnitDef>,
    pub(super) counts: HashMap<String, String>,
    pub(super) pre: Phrases<Q>,
    pub(super) post: Phrases<Q>,
    pub(super) vague: Phrases<(f64, f64)>,
    pub(super) idioms: Phrases<()>,
    pub(super) name_before: HashSet<String>,
    pub(super) name_after: HashSet<String>,
    pub(super) not_day_after: HashSet<String>,
    pub(super) abbrevs: HashSet<String>,
    pub(super) increase: HashSet<String>,
    pub(super) change: HashSet<String>,
    pub(super) future: HashSet<String>,
    /// "reach", "add": verbs that make "up to N" a value reached and "not reach N" a ceiling.
    pub(super) reach: HashSet<String>,
}

fn rows<'a>(lex: &'a Lexicon, cols: &[&str]) -> Vec<Vec<&'a str>> {
    let idx: Vec<Option<usize>> = cols.iter().map(|c| lex.col(c)).collect();
    lex.rows
        .iter()
        .map(|(_, r)| idx.iter().map(|i| i.and_then(|i| r.get(i)).map_or("", |s| s.as_str())).collect())
        .collect()
}

/// The English word lists, loaded once.
///
/// "nearly 500 tons" finds `nearly` in `pre` (approx) and `tons` in `units`.
pub(super) static LEX: LazyLock<Lex> = LazyLock::new(|| {
    let units = rows(&UNITS_EN, &["phrase", "kind", "unit", "factor"])
        .into_iter()
        .map(|r| {
            let kind = if r[1] == "skip" { None } else { Kind::parse(r[1]) };
            (r[0].to_string(), UnitDef { kind, unit: r[2].to_string(), factor: r[3].parse().unwrap_or(1.0) })
        })
        .collect();
    let counts =
        rows(&COUNTS_EN, &["noun", "class"]).into_iter().map(|r| (r[0].to_lowercase(), r[1].to_string())).collect();
    let quals = rows(&QUALIFIERS_EN, &["phrase", "qualifier", "position"]);
    let pick = |pos: &str| -> Vec<(String, Q)> {
        quals.iter().filter(|r| r[2] == pos).filter_map(|r| Some((r[0].to_string(), Q::parse(r[1])?))).collect()
    };
    let vague = rows(&VAGUE_EN, &["phrase", "low", "high"])
        .into_iter()
        .filter_map(|r| Some((r[0].to_string(), (r[1].parse().ok()?, r[2].parse().ok()?))))
        .collect();
    let nf = rows(&NOT_FIGURES_EN, &["phrase", "role"]);
    let role =
        |role: &str| -> HashSet<String> { nf.iter().filter(|r| r[1] == role).map(|r| r[0].to_lowercase()).collect() };
    let verbs = rows(&VERBS_EN, &["word", "role"]);
    let verb = |role: &str| -> HashSet<String> {
        verbs.iter().filter(|r| r[1] == role).map(|r| r[0].to_lowercase()).collect()
    };
    Lex {
        units: Phrases::new(units),
        counts,
        pre: Phrases::new(pick("pre")),
        post: Phrases::new(pick("post")),
        vague: Phrases::new(vague),
        idioms: Phrases::new(nf.iter().filter(|r| r[1] == "idiom").map(|r| (r[0].to_string(), ())).collect()),
        name_before: role("name_before"),
        name_after: role("name_after"),
        not_day_after: role("not_day_after"),
        abbrevs: rows(&ABBREVIATIONS_EN, &["abbreviation"]).into_iter().map(|r| r[0].to_lowercase()).collect(),
        increase: verb("increase"),
        change: verb("change"),
        future: verb("future"),
        reach: verb("reach"),
    }
});
