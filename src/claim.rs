//! `Claim`: the one model of a figure, shared by both languages.
//!
//! Input: built by the extractors (`crate::extract`) with offsets relative to the section
//! text, completed by `crate::attribute` (item, period, claim type, place). Output: one row of
//! `claims.csv` (`../shared/SCHEMA.md`). Invariants: `low <= value <= high` where present; a
//! figure whose number would not convert is kept with `value = None` and `status = Unparsed`.

use serde::{Deserialize, Serialize};

use crate::article::{Lang, SectionKind};
use crate::dates::RefDate;

/// What sort of quantity a claim states (`kind` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Mass,
    Count,
    Percent,
    Multiple,
    Fraction,
    Area,
    Length,
    Volume,
    Money,
    Energy,
    Power,
    Yield,
    Duration,
    Date,
}

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::Mass,
        Kind::Count,
        Kind::Percent,
        Kind::Multiple,
        Kind::Fraction,
        Kind::Area,
        Kind::Length,
        Kind::Volume,
        Kind::Money,
        Kind::Energy,
        Kind::Power,
        Kind::Yield,
        Kind::Duration,
        Kind::Date,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Mass => "mass",
            Kind::Count => "count",
            Kind::Percent => "percent",
            Kind::Multiple => "multiple",
            Kind::Fraction => "fraction",
            Kind::Area => "area",
            Kind::Length => "length",
            Kind::Volume => "volume",
            Kind::Money => "money",
            Kind::Energy => "energy",
            Kind::Power => "power",
            Kind::Yield => "yield",
            Kind::Duration => "duration",
            Kind::Date => "date",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How the printed number bounds the true one (`qualifier` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    Approx,
    MoreThan,
    LessThan,
    Range,
    Several,
}

impl Qualifier {
    pub const ALL: [Qualifier; 6] = [
        Qualifier::Exact,
        Qualifier::Approx,
        Qualifier::MoreThan,
        Qualifier::LessThan,
        Qualifier::Range,
        Qualifier::Several,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::MoreThan => "more_than",
            Qualifier::LessThan => "less_than",
            Qualifier::Range => "range",
            Qualifier::Several => "several",
        }
    }

    pub fn parse(s: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.as_str() == s)
    }
}

/// Whether the number converted (`status` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    /// The numeral would not convert (overflow, nonsense such as 十十): value left empty.
    Unparsed,
    /// The wording allows two readings; see `note`.
    Ambiguous,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Unparsed => "unparsed",
            Status::Ambiguous => "ambiguous",
        }
    }
}

/// Rate or scope of a figure (`period` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Month,
    Year,
    Cumulative,
    /// 每小时, "per hour": an hour's output.
    Hour,
    /// A total over a stated stretch that is not one day, month or year (三天, 上旬, 半月);
    /// `ref_date` is the interval where the text gives it.
    Span,
}

impl Period {
    pub const ALL: [Period; 6] =
        [Period::Day, Period::Month, Period::Year, Period::Cumulative, Period::Hour, Period::Span];

    pub fn parse(s: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Month => "month",
            Period::Year => "year",
            Period::Cumulative => "cumulative",
            Period::Hour => "hour",
            Period::Span => "span",
        }
    }
}

/// Achievement, target, baseline, ... (`claim_type` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimType {
    Achieved,
    Target,
    Baseline,
    Change,
    Threshold,
    Other,
    /// 预计, 估计, "expected": an outcome not yet in (a plan or pledge is a target).
    Forecast,
    /// A plant's or machine's design capacity (年产三十万吨的高炉, 容积).
    Capacity,
}

impl ClaimType {
    pub const ALL: [ClaimType; 8] = [
        ClaimType::Achieved,
        ClaimType::Target,
        ClaimType::Baseline,
        ClaimType::Change,
        ClaimType::Threshold,
        ClaimType::Other,
        ClaimType::Forecast,
        ClaimType::Capacity,
    ];

    pub fn parse(s: &str) -> Option<ClaimType> {
        ClaimType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimType::Achieved => "achieved",
            ClaimType::Target => "target",
            ClaimType::Baseline => "baseline",
            ClaimType::Change => "change",
            ClaimType::Threshold => "threshold",
            ClaimType::Other => "other",
            ClaimType::Forecast => "forecast",
            ClaimType::Capacity => "capacity",
        }
    }
}

/// `ref_date` in `scan`'s JSON lines: the text the tables write, `""` for none.
fn ref_date_text<S: serde::Serializer>(d: &Option<RefDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_str(""),
    }
}

/// A machine-readable flag on a claim (`note` column, `;`-separated in the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// N倍 after a word of increase (提高四倍, "increased four times"): x N or x N+1, both in
    /// the interval.
    BeiAmbiguous,
    /// A time of day (6:00 a.m., 六点), dated by its day.
    ClockTime,
    /// An index number written digit by digit (以去年为一○○), kept as a percent.
    Index,
    /// A number used as rhetoric, "countless" (千万座土炉, 千军万马): kept with its literal
    /// reading, status ambiguous.
    Hyperbole,
}

impl Note {
    pub const ALL: [Note; 4] = [Note::BeiAmbiguous, Note::ClockTime, Note::Index, Note::Hyperbole];

    pub fn as_str(self) -> &'static str {
        match self {
            Note::BeiAmbiguous => "bei_ambiguous",
            Note::ClockTime => "clock_time",
            Note::Index => "index",
            Note::Hyperbole => "hyperbole",
        }
    }

    pub fn parse(s: &str) -> Option<Note> {
        Note::ALL.into_iter().find(|n| n.as_str() == s)
    }

    /// What the flag means, for the codebook.
    pub fn doc(self) -> &'static str {
        match self {
            Note::BeiAmbiguous => {
                "N倍 after 增加/提高 (\"increased N times\", \"N-fold\"): x N or x N+1, both in the interval"
            }
            Note::ClockTime => "a time of day, dated by its day",
            Note::Index => "an index number written digit by digit (以去年为一○○), kept as a percent",
            Note::Hyperbole => {
                "a number used as rhetoric, \"countless\" (千万座土炉): its literal reading, status ambiguous"
            }
        }
    }
}

/// One figure mention.
///
/// Extractors fill the span, number and unit fields; `start`/`end` are character offsets into
/// the text they were given (the pipeline shifts them to file offsets). `crate::attribute`
/// fills `item`, `item_code`, `period`, `claim_type`, `place` and, for non-dates, `ref_date`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub lang: Lang,
    pub section: SectionKind,
    pub start: usize,
    pub end: usize,
    /// The figure as printed, qualifiers included.
    pub surface: String,
    pub kind: Kind,
    /// The number in the canonical unit; `None` for dates, vague amounts and unparsed numerals.
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Canonical unit (`t`, `mu`, `%`, `x`, `person`, ...); empty for dates.
    pub unit: String,
    pub qualifier: Qualifier,
    /// The number as printed, before unit conversion (187万吨 -> 1870000).
    pub value_raw: Option<f64>,
    /// The unit word as printed (吨, tons).
    pub unit_raw: String,
    pub item: String,
    pub item_code: String,
    pub period: Option<Period>,
    pub claim_type: Option<ClaimType>,
    /// When the figure holds (for a date: what it denotes), typed until the table writer writes
    /// it as `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or an interval `a/b`; `None` is the empty cell.
    #[serde(serialize_with = "ref_date_text")]
    pub ref_date: Option<RefDate>,
    pub place: String,
    /// The sentence the figure stands in.
    pub sentence: String,
    pub status: Status,
    /// Machine-readable flags, each once, in the order they were added; joined with `;` by
    /// the table writer.
    #[serde(rename = "note", serialize_with = "notes_text")]
    pub notes: Vec<Note>,
    /// ISO 3166-1 alpha-2 of the country the figure is of (CN, SU, US, ...), or empty.
    pub country: String,
    /// For CN: the province-level unit as the 1980 GB/T 2260 list names it, or 全国.
    pub province: String,
    /// The six-digit GB/T 2260 (1980) code of the most specific unit, or empty.
    pub place_code: String,
    /// The enterprise, mine, plant or commune below the county, as printed.
    pub works: String,
    /// What a rate is per (mu, person, furnace, heat, m3, ...), empty for totals.
    pub per: String,
}

/// `note` in `scan`'s JSON lines: the flags as the table writes them.
fn notes_text<S: serde::Serializer>(n: &[Note], s: S) -> Result<S::Ok, S::Error> {
    let names: Vec<&str> = n.iter().map(|n| n.as_str()).collect();
    s.serialize_str(&names.join(";"))
}

impl Claim {
    /// A claim with the given span and kind and every other field empty.
    pub fn new(lang: Lang, section: SectionKind, start: usize, end: usize, surface: &str, kind: Kind) -> Claim {
        Claim {
            lang,
            section,
            start,
            end,
            surface: surface.to_string(),
            kind,
            value: None,
            low: None,
            high: None,
            unit: String::new(),
            qualifier: Qualifier::Exact,
            value_raw: None,
            unit_raw: String::new(),
            item: String::new(),
            item_code: String::new(),
            period: None,
            claim_type: None,
            ref_date: None,
            place: String::new(),
            sentence: String::new(),
            status: Status::Ok,
            notes: Vec::new(),
            country: String::new(),
            province: String::new(),
            place_code: String::new(),
            works: String::new(),
            per: String::new(),
        }
    }

    /// The `note` column: flags joined with `;`.
    pub fn note(&self) -> String {
        let names: Vec<&str> = self.notes.iter().map(|n| n.as_str()).collect();
        names.join(";")
    }

    /// Adds a flag unless the claim has it already.
    pub fn add_note(&mut self, note: Note) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    pub fn has_note(&self, note: Note) -> bool {
        self.notes.contains(&note)
    }
}

/// Converts byte offsets of one text to character offsets, for offsets visited in increasing
/// order (one pass over the text in all, however many claims).
pub struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCounter { text, byte: 0, chars: 0 }
    }

    /// Character offset of `byte` (a char boundary). Offsets asked for out of order still give
    /// the right answer, by recounting from the start.
    pub fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_counter_counts_scalar_values() {
        let t = "10日一天原煤产量达到一万五千吨";
        let mut c = CharCounter::new(t);
        let b = t.find("一万").unwrap();
        assert_eq!(c.at(b), 11);
        assert_eq!(c.at(t.len()), 16);
        assert_eq!(c.at(2), 2);
    }

    #[test]
    fn enum_names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        for q in Qualifier::ALL {
            assert_eq!(Qualifier::parse(q.as_str()), Some(q));
        }
        for p in Period::ALL {
            assert_eq!(Period::parse(p.as_str()), Some(p));
        }
        for t in ClaimType::ALL {
            assert_eq!(ClaimType::parse(t.as_str()), Some(t));
        }
        for n in Note::ALL {
            assert_eq!(Note::parse(n.as_str()), Some(n));
        }
        assert_eq!(Period::parse(""), None);
    }
}
