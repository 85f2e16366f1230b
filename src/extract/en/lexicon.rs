//! The English word lists (`data/lexicon/*_en.csv`) as the extractor reads them: units,
//! counted nouns, qualifiers, vague amounts, phrases that are no figure, abbreviations, verb
//! roles and relative date words, loaded once into [`LEX`]; the closed list of noun-phrase stop
//! words; and the English sentence end read with the abbreviation list.
//!
//! Input: the embedded CSV files, read into typed rows by [`crate::lexicon`]. Output: phrase
//! sets indexed by first word (longest phrase first) and word sets, all lower case.
//! Invariant: a row that does not parse (an unknown kind, qualifier or role, a factor that is
//! no number) stops start-up with its file and line; none is skipped.

use std::sync::LazyLock;

use serde::Deserialize;

use super::tokens::Phrases;
use crate::claim::Kind;
use crate::dates::DateRule;
use crate::lexicon::{
    DateRow, Embedded, NotFigureRow, NounRow, Position, QualifierRow, RoleRow, UnitRow, VagueRow, WordRow,
    ABBREVIATIONS_EN, DATES_EN, NOT_FIGURES_EN, NOUNS_EN, QUALIFIERS_EN, UNITS_EN, VAGUE_EN, VERBS_EN,
};
use crate::text::en::FullStop;
use crate::text::{HashMap, HashSet};

/// Words that end the noun phrase after a number (the counted noun is looked for before them).
pub(super) const NP_STOP: [&str; 58] = [
    "a", "after", "an", "and", "are", "as", "at", "be", "been", "before", "being", "by", "can", "could", "daily",
    "during", "each", "every", "for", "from", "had", "has", "have", "he", "her", "his", "in", "into", "is", "it",
    "its", "may", "must", "of", "on", "onto", "or", "our", "over", "per", "she", "should", "than", "that", "the",
    "their", "there", "these", "they", "this", "those", "to", "was", "we", "were", "which", "who", "will",
];

/// A qualifier as the lexicon names it (`more_than_step`: high = next step, like 多).
pub(super) type Q = crate::lexicon::Bound;

/// The `kind` column of units_en.csv: a claim kind, or `skip` for a measure we do not report.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(try_from = "String")]
struct Reported(Option<Kind>);

impl TryFrom<String> for Reported {
    type Error = String;

    fn try_from(s: String) -> Result<Reported, String> {
        match s.as_str() {
            "skip" => Ok(Reported(None)),
            _ => Kind::parse(&s).map(|k| Reported(Some(k))).ok_or_else(|| format!("unknown kind `{s}`")),
        }
    }
}

/// The `role` column of not_figures_en.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum NotFigureRole {
    /// The phrase itself is skipped ("one by one").
    Idiom,
    /// A number right after the word is a name or an index (No. 3).
    NameBefore,
    /// A month or number right before the capitalised word is part of a name.
    NameAfter,
    /// After "the 10th", the word makes it an ordinal, not a day.
    NotDayAfter,
}

/// The `role` column of verbs_en.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum VerbRole {
    Increase,
    Change,
    Future,
    Reach,
}

#[derive(Debug, Clone)]
pub(super) struct UnitDef {
    /// None: a measure we do not report.
    pub(super) kind: Option<Kind>,
    pub(super) unit: String,
    pub(super) factor: f64,
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
    /// Relative date words ("yesterday", "last year", "the next day") and their rules.
    pub(super) dates: Phrases<DateRule>,
}

/// Whether the character at byte `i` ends a sentence, by the English rule of
/// [`crate::text::en::is_sentence_end`] read for figures, with the abbreviations of
/// `abbreviations_en.csv`. A full stop inside a number (10.7), after an abbreviation (Sept., No.,
/// a.m.) or an initial does not.
///
/// ```
/// use leapfig::extract::en::is_sentence_end;
/// let t = "By Sept. 30 it made 10.7 tons. Then";
/// assert!(!is_sentence_end(t, 7)); // Sept.
/// assert!(!is_sentence_end(t, 22)); // 10.7
/// assert!(is_sentence_end(t, 29)); // tons.
/// ```
pub fn is_sentence_end(text: &str, i: usize) -> bool {
    crate::text::en::is_sentence_end(text, i, &LEX.abbrevs, FullStop::Figures)
}

/// The English abbreviations (`abbreviations_en.csv`, lower case, without the final stop), for
/// attribution's reading of the same sentence rule.
pub(crate) fn abbreviations() -> &'static HashSet<String> {
    &LEX.abbrevs
}

/// The rows of an embedded file as shape `R`, in file order (a bad row stops start-up).
fn rows<R: serde::de::DeserializeOwned>(e: &Embedded) -> Vec<R> {
    e.rows::<R>().into_iter().map(|(_, r)| r).collect()
}

/// The English word lists, loaded once.
///
/// "nearly 500 tons" finds `nearly` in `pre` (approx) and `tons` in `units`.
pub(super) static LEX: LazyLock<Lex> = LazyLock::new(|| {
    let units = rows(&UNITS_EN)
        .into_iter()
        .map(|r: UnitRow<Reported>| (r.word, UnitDef { kind: r.kind.0, unit: r.unit, factor: r.factor }))
        .collect();
    let counts = rows(&NOUNS_EN).into_iter().map(|r: NounRow| (r.word.to_lowercase(), r.class)).collect();
    let quals: Vec<QualifierRow> = rows(&QUALIFIERS_EN);
    let pick = |pos: Position| -> Vec<(String, Q)> {
        quals.iter().filter(|r| r.position == pos).map(|r| (r.word.clone(), r.qualifier)).collect()
    };
    let vague = rows(&VAGUE_EN).into_iter().map(|r: VagueRow| (r.word, (r.low, r.high))).collect();
    let nf: Vec<NotFigureRow<NotFigureRole>> = rows(&NOT_FIGURES_EN);
    let role = |role: NotFigureRole| -> HashSet<String> {
        nf.iter().filter(|r| r.role == role).map(|r| r.word.to_lowercase()).collect()
    };
    let verbs: Vec<RoleRow<VerbRole>> = rows(&VERBS_EN);
    let verb = |role: VerbRole| -> HashSet<String> {
        verbs.iter().filter(|r| r.role == role).map(|r| r.word.to_lowercase()).collect()
    };
    Lex {
        units: Phrases::new(units),
        counts,
        pre: Phrases::new(pick(Position::Pre)),
        post: Phrases::new(pick(Position::Post)),
        vague: Phrases::new(vague),
        idioms: Phrases::new(
            nf.iter().filter(|r| r.role == NotFigureRole::Idiom).map(|r| (r.word.clone(), ())).collect(),
        ),
        name_before: role(NotFigureRole::NameBefore),
        name_after: role(NotFigureRole::NameAfter),
        not_day_after: role(NotFigureRole::NotDayAfter),
        abbrevs: rows(&ABBREVIATIONS_EN).into_iter().map(|r: WordRow| r.word.to_lowercase()).collect(),
        increase: verb(VerbRole::Increase),
        change: verb(VerbRole::Change),
        future: verb(VerbRole::Future),
        reach: verb(VerbRole::Reach),
        dates: Phrases::new(rows(&DATES_EN).into_iter().map(|r: DateRow<DateRule>| (r.word, r.rule)).collect()),
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_loads() {
        // Forces every list: a row that does not parse panics with file:line.
        assert!(LEX.pre.by_first.contains_key("nearly") && LEX.units.by_first.contains_key("tons"));
        assert!(LEX.dates.by_first.contains_key("yesterday"));
    }

    #[test]
    fn a_malformed_row_fails_loudly_with_file_and_line() {
        let msg = |e: Embedded, f: fn(Embedded)| {
            let p = std::panic::catch_unwind(move || f(e)).unwrap_err();
            p.downcast_ref::<String>().cloned().unwrap()
        };
        let units = Embedded {
            dir: "lexicon",
            file: "units_en.csv",
            text: "word,kind,unit,factor\nton,mass,t,1\n\n# x\njin,mass,t,half\n",
        };
        let m = msg(units, |e| drop(e.rows::<UnitRow<Reported>>()));
        assert!(m.starts_with("data/lexicon/units_en.csv:5:") && m.contains("`half` is no number"), "{m}");
        let quals = Embedded {
            dir: "lexicon",
            file: "qualifiers_en.csv",
            text: "word,qualifier,position\nover,more_then,pre\n",
        };
        let m = msg(quals, |e| drop(e.rows::<QualifierRow>()));
        assert!(m.starts_with("data/lexicon/qualifiers_en.csv:2: unknown variant `more_then`"), "{m}");
        let verbs = Embedded { dir: "lexicon", file: "verbs_en.csv", text: "word,role\nrose,increase,x\n" };
        let m = msg(verbs, |e| drop(e.rows::<RoleRow<VerbRole>>()));
        assert_eq!(m, "data/lexicon/verbs_en.csv:2: 3 fields, the header has 2");
        let kinds =
            Embedded { dir: "lexicon", file: "units_en.csv", text: "word,kind,unit,factor\nwatt,power_rating,kW,1\n" };
        let m = msg(kinds, |e| drop(e.rows::<UnitRow<Reported>>()));
        assert!(m.starts_with("data/lexicon/units_en.csv:2: unknown kind `power_rating`"), "{m}");
        let dates =
            Embedded { dir: "lexicon", file: "dates_en.csv", text: "word,rule\ntoday,today\nlast year,year:last\n" };
        let m = msg(dates, |e| drop(e.rows::<DateRow<DateRule>>()));
        assert!(m.starts_with("data/lexicon/dates_en.csv:3: unknown date rule `year:last`"), "{m}");
    }
}
