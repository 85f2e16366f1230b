//! The Chinese extractor's word lists: units, counters, counted nouns, vague amounts, date
//! words, qualifier cues and non-number words (`data/lexicon/*_zh.csv`).
//!
//! Input: the embedded lexicon files. Output: [`LEX`], each list converted once into a
//! [`Words`] table (looked up by first or last character, longest word first), the cue and
//! date-rule names read into [`Cue`] and [`DateRule`], and the [`Starters`] bit set that lets
//! the extractor skip characters where nothing can start.
//!
//! Invariants: built once, read-only after; a row that does not convert is left out and its
//! file and line kept in `bad_rows` (a test asserts there are none).

use std::sync::LazyLock;

use super::{numeral, HashMap};
use crate::claim::Kind;
use crate::dates::Xun;

crate::lexicon!(UNITS, "units_zh.csv");
crate::lexicon!(COUNTERS, "counters_zh.csv");
crate::lexicon!(NOUNS, "nouns_zh.csv");
crate::lexicon!(VAGUE, "vague_zh.csv");
crate::lexicon!(DATE_WORDS, "dates_zh.csv");
crate::lexicon!(CUES, "cues_zh.csv");
crate::lexicon!(NONNUMBERS, "nonnumbers_zh.csv");

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    Approx,
    More,
    Less,
    ApproxPost,
    MorePost,
    MoreStep,
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
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        Some(match s {
            "approx" => Cue::Approx,
            "more" => Cue::More,
            "less" => Cue::Less,
            "approx_post" => Cue::ApproxPost,
            "more_post" => Cue::MorePost,
            "more_step" => Cue::MoreStep,
            "less_post" => Cue::LessPost,
            "future" => Cue::Future,
            "change" => Cue::Change,
            "exact_bei" => Cue::ExactBei,
            "yield" => Cue::Yield,
            "yield_head" => Cue::YieldHead,
            "crop" => Cue::Crop,
            "not_head" => Cue::NotHead,
            "only" => Cue::Only,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateRule {
    Year(i32),
    YearEnd,
    MonthEnd,
    MonthStart,
    SameDay,
    NextDay,
    Today,
    Yesterday,
    SamePeriodLastYear,
    ThisDayLastYear,
    Month(i32),
    /// 上旬 / 中旬 / 下旬 of the month spoken of.
    Part(Xun),
}

impl DateRule {
    fn parse(s: &str) -> Option<DateRule> {
        if let Some(n) = s.strip_prefix("year:") {
            return n.parse().ok().map(DateRule::Year);
        }
        if let Some(n) = s.strip_prefix("month:") {
            return n.parse().ok().map(DateRule::Month);
        }
        Some(match s {
            "year_end" => DateRule::YearEnd,
            "month_end" => DateRule::MonthEnd,
            "month_start" => DateRule::MonthStart,
            "same_day" => DateRule::SameDay,
            "next_day" => DateRule::NextDay,
            "today" => DateRule::Today,
            "yesterday" => DateRule::Yesterday,
            "same_period_last_year" => DateRule::SamePeriodLastYear,
            "this_day_last_year" => DateRule::ThisDayLastYear,
            "xun_early" => DateRule::Part(Xun::Early),
            "xun_middle" => DateRule::Part(Xun::Middle),
            "xun_late" => DateRule::Part(Xun::Late),
            _ => return None,
        })
    }
}

/// The Chinese word lists, converted once.
pub(super) struct Lex {
    pub(super) units: Words<Unit>,
    /// Counter -> (class, whether a counted noun may override the class).
    pub(super) counters: Words<(String, bool)>,
    pub(super) nouns: Words<String>,
    /// Nouns that count without a counter (两县, 百万矿工); 三厂 is a name.
    pub(super) direct_nouns: Words<(String, bool)>,
    pub(super) vague: Words<(f64, f64)>,
    pub(super) dates: Words<DateRule>,
    pub(super) cues: Words<Cue>,
    pub(super) nonnumbers: Words<()>,
    /// The characters [`Extractor::step`] can read anything from (see [`Starters`]).
    pub(super) starters: Starters,
    /// Rows that did not convert (file, line): the lexicon test asserts there are none.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) bad_rows: Vec<(&'static str, usize)>,
}

pub(super) static LEX: LazyLock<Lex> = LazyLock::new(Lex::load);

/// Rows of a lexicon file, with their line numbers.
type Rows = Vec<(usize, Vec<String>)>;

/// Lines of rows that did not convert, with their file.
type BadRows = Vec<(&'static str, usize)>;

impl Lex {
    fn load() -> Lex {
        let mut bad = Vec::new();
        let units_rows = rows_of(&UNITS, 4, &mut bad);
        let counter_rows = rows_of(&COUNTERS, 3, &mut bad);
        let noun_rows = rows_of(&NOUNS, 3, &mut bad);
        let vague_rows = rows_of(&VAGUE, 3, &mut bad);
        let date_rows = rows_of(&DATE_WORDS, 2, &mut bad);
        let cue_rows = rows_of(&CUES, 2, &mut bad);
        let nonnumber_rows = rows_of(&NONNUMBERS, 1, &mut bad);
        let units = convert(UNITS.file, units_rows, &mut bad, |r| match (Kind::parse(&r[1]), r[3].parse::<f64>()) {
            (Some(kind), Ok(factor)) => Some(Unit { kind, unit: r[2].clone(), factor }),
            _ => None,
        });
        let vague = convert(VAGUE.file, vague_rows, &mut bad, |r| match (r[1].parse::<f64>(), r[2].parse::<f64>()) {
            (Ok(a), Ok(b)) => Some((a, b)),
            _ => None,
        });
        let date_words = convert(DATE_WORDS.file, date_rows, &mut bad, |r| DateRule::parse(&r[1]));
        let cues = convert(CUES.file, cue_rows, &mut bad, |r| Cue::parse(&r[1]));
        let starters = Starters::new(
            vague
                .iter()
                .map(|(w, _)| w.as_str())
                .chain(date_words.iter().map(|(w, _)| w.as_str()))
                .chain(nonnumber_rows.iter().map(|(_, r)| r[0].as_str())),
        );
        Lex {
            starters,
            units: Words::new(units),
            counters: Words::new(counter_rows.into_iter().map(|(_, r)| (r[0].clone(), (r[1].clone(), r[2] == "yes")))),
            nouns: Words::new(noun_rows.iter().map(|(_, r)| (r[0].clone(), r[1].clone()))),
            direct_nouns: Words::new(noun_rows.iter().map(|(_, r)| (r[0].clone(), (r[1].clone(), r[2] == "yes")))),
            vague: Words::new(vague),
            dates: Words::new(date_words),
            cues: Words::new(cues),
            nonnumbers: Words::new(nonnumber_rows.into_iter().map(|(_, r)| (r[0].clone(), ()))),
            bad_rows: bad,
        }
    }
}

/// The rows of `lex` with at least `min` fields; the line of a shorter one goes to `bad`.
fn rows_of(lex: &crate::lexicon::Lexicon, min: usize, bad: &mut BadRows) -> Rows {
    lex.rows
        .iter()
        .filter(|(line, r)| {
            let ok = r.len() >= min;
            if !ok {
                bad.push((lex.file, *line));
            }
            ok
        })
        .cloned()
        .collect()
}

/// Each row's word with what `f` reads from the row; the line of a row `f` refuses goes to `bad`.
fn convert<T>(
    file: &'static str,
    rows: Rows,
    bad: &mut BadRows,
    f: impl Fn(&[String]) -> Option<T>,
) -> Vec<(String, T)> {
    let mut out = Vec::new();
    for (line, r) in rows {
        match f(&r) {
            Some(t) => out.push((r[0].clone(), t)),
            None => bad.push((file, line)),
        }
    }
    out
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
        for w in [&VAGUE, &DATE_WORDS, &NONNUMBERS].iter().flat_map(|l| l.rows.iter().map(|(_, r)| &r[0])) {
            let c = w.chars().next().unwrap();
            assert!(LEX.starters.may_start(c), "{w}");
        }
        assert!(LEX.starters.may_start('七') && LEX.starters.may_start('８') && LEX.starters.may_start('半'));
        assert!(!LEX.starters.may_start('的') && !LEX.starters.may_start('钢'));
    }

    #[test]
    fn lexicon_rows_all_convert() {
        assert!(LEX.bad_rows.is_empty(), "{:?}", LEX.bad_rows);
    }
}
