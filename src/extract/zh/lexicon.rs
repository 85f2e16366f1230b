//! The Chinese extractor's word lists: units and durations, counters, counted nouns, vague
//! amounts, date words, qualifiers, cue words and words that are no figure
//! (`data/lexicon/*_zh.csv`).
//!
//! Input: the embedded lexicon files, read into typed rows by [`crate::lexicon`]. Output:
//! [`LEX`], each list converted once into a [`Words`] table (looked up by first or last
//! character, longest word first), the cue and date-rule names read into [`Cue`] and
//! [`DateRule`], and the [`Starters`] bit set that lets the extractor skip characters where
//! nothing can start.
//!
//! Invariants: built once, read-only after; a row that does not parse or convert stops
//! start-up with its file and line (the lexicon tests load every list).

use std::sync::LazyLock;

use serde::Deserialize;

use super::{numeral, HashMap};
use crate::claim::Kind;
use crate::lexicon::{
    Bound, CounterRow, CueRow, DateRow, Embedded, NotFigureRow, NounRow, Position, QualifierRow, UnitRow, VagueRow,
    COUNTERS_ZH, CUES_ZH, DATES_ZH, NOT_FIGURES_ZH, NOUNS_ZH, QUALIFIERS_ZH, UNITS_ZH, VAGUE_ZH,
};

/// A word list indexed by first and by last character, longest words first.
pub(super) struct Words<T> {
    by_first: HashMap<char, Vec<(Vec<char>, T)>>,
    by_last: HashMap<char, Vec<(Vec<char>, T)>>,
}

impl<T: Clone> Words<T> {
    fn new(items: impl IntoIterator<Item = (String, T)>) -> Self {
        let mut by_first: HashMap<char, Vec<(Vec<char>, T)>> = HashMap::default();
        let mut by_last: HashMap<char, Vec<(Vec<char>, T)>> = HashMap::default();
        for (w, t) in items {
            let cs: Vec<char> = w.chars().collect();
            let (Some(&f), Some(&l)) = (cs.first(), cs.last()) else { continue };
            by_first.entry(f).or_default().push((cs.clone(), t.clone()));
            by_last.entry(l).or_default().push((cs, t));
        }
        for v in by_first.values_mut().chain(by_last.values_mut()) {
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        Words { by_first, by_last }
    }

    /// The longest word starting at `i`: its length and data.
    pub(super) fn at(&self, cs: &[char], i: usize) -> Option<(usize, &T)> {
        let c = cs.get(i)?;
        self.by_first
            .get(c)?
            .iter()
            .find(|(w, _)| cs.get(i..i + w.len()) == Some(w.as_slice()))
            .map(|(w, t)| (w.len(), t))
    }

    /// The longest word ending just before `end`.
    pub(super) fn before(&self, cs: &[char], end: usize) -> Option<(usize, &T)> {
        let c = cs.get(end.checked_sub(1)?)?;
        self.by_last
            .get(c)?
            .iter()
            .find(|(w, _)| end >= w.len() && cs.get(end - w.len()..end) == Some(w.as_slice()))
            .map(|(w, t)| (w.len(), t))
    }
}

#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub(super) kind: Kind,
    pub(super) unit: String,
    pub(super) factor: f64,
}

/// What a word around a figure does: the qualifiers (from qualifiers_zh.csv, by qualifier and
/// position) and the other cues (cues_zh.csv, by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Cue {
    #[serde(skip_deserializing)]
    Approx,
    #[serde(skip_deserializing)]
    More,
    #[serde(skip_deserializing)]
    Less,
    #[serde(skip_deserializing)]
    ApproxPost,
    #[serde(skip_deserializing)]
    MorePost,
    #[serde(skip_deserializing)]
    MoreStep,
    #[serde(skip_deserializing)]
    LessPost,
    Future,
    Change,
    ExactBei,
    Yield,
    /// After a 斤 figure: what it is the yield of (千斤县, 五千斤以上的“卫星”, 千斤以上的县、市).
    YieldHead,
    /// A crop named between a 斤 figure and its yield head (千斤以上的高粱、大豆专区).
    Crop,
    /// A word that starts like a yield head but is none (社员, 县委).
    NotHead,
    Only,
    /// A word of earthwork before a number and 方 (土石方, 挖土): 方 is then a cubic metre.
    Earthwork,
}

impl Cue {
    /// The cue of a qualifier row: `约,approx,pre` is [`Cue::Approx`], `以上,more_than,post`
    /// [`Cue::MorePost`]; None for a combination the extractor has no rule for.
    fn of_qualifier(q: Bound, pos: Position) -> Option<Cue> {
        Some(match (q, pos) {
            (Bound::Approx, Position::Pre) => Cue::Approx,
            (Bound::MoreThan, Position::Pre) => Cue::More,
            (Bound::LessThan, Position::Pre) => Cue::Less,
            (Bound::Approx, Position::Post) => Cue::ApproxPost,
            (Bound::MoreThan, Position::Post) => Cue::MorePost,
            (Bound::MoreThanStep, Position::Post) => Cue::MoreStep,
            (Bound::LessThan, Position::Post) => Cue::LessPost,
            (Bound::Exact, _) | (Bound::MoreThanStep, Position::Pre) => return None,
        })
    }
}

/// How a date word resolves: the rule enum both date files share (`crate::dates`).
pub(super) use crate::dates::DateRule;

/// The Chinese word lists, converted once.
pub(super) struct Lex {
    pub(super) units: Words<Unit>,
    /// The rows of kind duration of units_zh.csv (月, 小时, 天 ...), read only where a duration
    /// can stand (`measure.rs`), never as a unit of measure.
    pub(super) durations: Words<Unit>,
    /// Counter -> (class, whether a counted noun may override the class).
    pub(super) counters: Words<(String, bool)>,
    pub(super) nouns: Words<String>,
    /// Nouns that count without a counter (两县, 百万矿工); 三厂 is a name.
    pub(super) direct_nouns: Words<(String, bool)>,
    pub(super) vague: Words<(f64, f64)>,
    pub(super) dates: Words<DateRule>,
    pub(super) cues: Words<Cue>,
    pub(super) not_figures: Words<()>,
    /// The characters [`Extractor::step`] can read anything from (see [`Starters`]).
    pub(super) starters: Starters,
}

pub(super) static LEX: LazyLock<Lex> = LazyLock::new(Lex::load);

impl Lex {
    fn load() -> Lex {
        let units: Vec<(String, Unit)> = rows(&UNITS_ZH)
            .map(|r: UnitRow<Kind>| (r.word, Unit { kind: r.kind, unit: r.unit, factor: r.factor }))
            .collect();
        let (durations, units): (Vec<_>, Vec<_>) = units.into_iter().partition(|(_, u)| u.kind == Kind::Duration);
        let counters = rows(&COUNTERS_ZH).map(|r: CounterRow| (r.word, (r.class, r.defer)));
        let nouns: Vec<NounRow> = rows(&NOUNS_ZH).collect();
        let vague: Vec<(String, (f64, f64))> = rows(&VAGUE_ZH).map(|r: VagueRow| (r.word, (r.low, r.high))).collect();
        let dates: Vec<(String, DateRule)> = rows(&DATES_ZH).map(|r: DateRow<DateRule>| (r.word, r.rule)).collect();
        // Qualifiers first, then the other cues: no word is in both files (a test), so the
        // order decides nothing.
        let qualifiers = QUALIFIERS_ZH.rows::<QualifierRow>().into_iter().map(|(line, r)| {
            let cue = Cue::of_qualifier(r.qualifier, r.position)
                .unwrap_or_else(|| QUALIFIERS_ZH.bad_row(line, "no Chinese rule for this qualifier and position"));
            (r.word, cue)
        });
        let cues: Vec<(String, Cue)> = qualifiers.chain(rows(&CUES_ZH).map(|r: CueRow<Cue>| (r.word, r.cue))).collect();
        let not_figures: Vec<String> = rows(&NOT_FIGURES_ZH).map(|r: NotFigureRow<NotFigureRole>| r.word).collect();
        let starters = Starters::new(
            vague
                .iter()
                .map(|(w, _)| w.as_str())
                .chain(dates.iter().map(|(w, _)| w.as_str()))
                .chain(not_figures.iter().map(String::as_str)),
        );
        Lex {
            starters,
            units: Words::new(units),
            durations: Words::new(durations),
            counters: Words::new(counters),
            nouns: Words::new(nouns.iter().map(|r| (r.word.clone(), r.class.clone()))),
            direct_nouns: Words::new(nouns.iter().map(|r| (r.word.clone(), (r.class.clone(), r.direct)))),
            vague: Words::new(vague),
            dates: Words::new(dates),
            cues: Words::new(cues),
            not_figures: Words::new(not_figures.into_iter().map(|w| (w, ()))),
        }
    }
}

/// The role of a not_figures_zh.csv row: every Chinese one is an idiom (a numeral inside it
/// is skipped); the English file has more roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum NotFigureRole {
    Idiom,
}

/// The rows of an embedded file as shape `R`, in file order (a bad row stops start-up).
fn rows<R: serde::de::DeserializeOwned>(e: &Embedded) -> impl Iterator<Item = R> {
    e.rows::<R>().into_iter().map(|(_, r)| r)
}

/// The characters a figure, a date or a word [`Extractor::step`] reads can start with: numeral
/// characters, 几 / 数 (几千, 数十), 翻 / 加 (翻一番), 近 (近倍), 半, and the first characters
/// of the vague, date and non-number word lists. Every other character starts nothing, and the
/// extractor passes over it with one bit test instead of a dozen word-list lookups (issue 8).
/// A bit per character of the Basic Multilingual Plane; characters above it are never skipped.
pub(super) struct Starters {
    bits: Vec<u64>,
}

impl Starters {
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> Self {
        let mut st = Starters { bits: vec![0; 0x10000 / 64] };
        for c in words.filter_map(|w| w.chars().next()) {
            st.add(c);
        }
        for c in "几数翻加近半".chars() {
            st.add(c);
        }
        for c in (0..0x10000u32).filter_map(char::from_u32).filter(|&c| numeral::is_numeral_char(c)) {
            st.add(c);
        }
        st
    }

    fn add(&mut self, c: char) {
        if let Some(w) = self.bits.get_mut(c as usize / 64) {
            *w |= 1 << (c as usize % 64);
        }
    }

    /// Whether something may start at `c`.
    #[inline]
    pub(super) fn may_start(&self, c: char) -> bool {
        self.bits.get(c as usize / 64).is_none_or(|w| w & (1 << (c as usize % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starters_hold_the_first_characters_of_the_word_lists() {
        for w in [VAGUE_ZH, DATES_ZH, NOT_FIGURES_ZH].iter().flat_map(Embedded::keys) {
            let c = w.chars().next().unwrap();
            assert!(LEX.starters.may_start(c), "{w}");
        }
        assert!(LEX.starters.may_start('七') && LEX.starters.may_start('８') && LEX.starters.may_start('半'));
        assert!(!LEX.starters.may_start('的') && !LEX.starters.may_start('钢'));
    }

    #[test]
    fn lexicon_rows_all_convert() {
        // Forces every list: a row that does not parse or convert panics with file:line.
        assert!(LazyLock::force(&LEX).starters.may_start('七'));
    }

    #[test]
    fn a_malformed_row_fails_loudly_with_file_and_line() {
        let bad = Embedded {
            dir: "lexicon",
            file: "units_zh.csv",
            text: "# units\nword,kind,unit,factor\n吨,mass,t,1\n斤,weight,t,0.0005\n",
        };
        let e = std::panic::catch_unwind(|| bad.rows::<UnitRow<Kind>>()).unwrap_err();
        let msg = e.downcast_ref::<String>().unwrap();
        assert!(msg.starts_with("data/lexicon/units_zh.csv:4: unknown variant `weight`"), "{msg}");
        let bad = Embedded { dir: "lexicon", file: "dates_zh.csv", text: "word,rule\n今年,year:0\n去年,year:x\n" };
        let e = std::panic::catch_unwind(|| bad.rows::<DateRow<DateRule>>()).unwrap_err();
        assert!(e.downcast_ref::<String>().unwrap().starts_with("data/lexicon/dates_zh.csv:3: unknown date rule"));
        let bad = Embedded { dir: "lexicon", file: "cues_zh.csv", text: "word,cue\n约,approx\n" };
        assert!(
            std::panic::catch_unwind(|| bad.rows::<CueRow<Cue>>()).is_err(),
            "qualifiers belong in qualifiers_zh.csv"
        );
    }

    #[test]
    fn lists_are_sorted_out_without_overlap() {
        // A word both a qualifier and another cue would make the order of the two files matter.
        let q = QUALIFIERS_ZH.keys();
        assert!(CUES_ZH.keys().iter().all(|w| !q.contains(w)));
        // Durations are only read where a duration can stand.
        assert!(LEX.durations.at(&['小', '时'], 0).is_some() && LEX.units.at(&['小', '时'], 0).is_none());
    }
}
