//! English figures (issue 4): one English section (title or body of a translation, or plain
//! English text) -> its figures as [`Claim`]s.
//!
//! Input: the text and the [`Context`] (section kind, article date). Output: every quantity
//! and date, in text order, with `start`/`end` in characters of `text` (the text may hold
//! Chinese characters and U+3000), `surface`, `kind`, `value`/`low`/`high` in the canonical
//! unit, `unit`, `qualifier`, `value_raw`, `unit_raw`, `status`, `notes` (`bei_ambiguous`,
//! `clock_time`), `sentence`, and `ref_date` for dates. The context columns (item, period,
//! claim type, place, ref_date of non-dates) are left to `crate::attribute`.
//!
//! How: the text is cut once into tokens (words, digit groups, ordinals like `10th`,
//! punctuation), then one left-to-right pass tries, at each token, a phrase that is no figure
//! (idioms, `No. 3`), a date, then a quantity (qualifier, number, range, unit or counted noun).
//! A negation flips a bound ("did not exceed 2 mm" is less than 2 mm), the bound of a list's
//! first member holds for the rest of the list, and a bound on a loose range ("more than four
//! or five times") keeps one end open.
//! Conventions are those of `tests/gold/ANNOTATION.md`; word lists are the `*_en.csv` files of
//! `data/lexicon/`.
//!
//! Invariants: no panic on any input (tokens hold char-boundary byte offsets, looked up with
//! `get`); claims do not overlap; a numeral that will not convert is kept with
//! `status = unparsed` and no value; precision before recall: a number whose role is unclear
//! (a bare decimal without a unit, a lone "one", an ordinal) yields nothing.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};

use super::{Context, HashMap, HashSet, SentenceEnds};
use crate::article::SectionKind;
use crate::claim::{CharCounter, Claim, Kind, Qualifier, Status};
use crate::dates::{self, DateContext, RefDate, Xun};
use crate::lexicon::Lexicon;
use crate::numerals::en::{self as num, Composer, NumError, NumWord};
use crate::numerals::tidy;

crate::lexicon!(UNITS_EN, "units_en.csv");
crate::lexicon!(COUNTS_EN, "counts_en.csv");
crate::lexicon!(QUALIFIERS_EN, "qualifiers_en.csv");
crate::lexicon!(VAGUE_EN, "vague_en.csv");
crate::lexicon!(NOT_FIGURES_EN, "not_figures_en.csv");
crate::lexicon!(ABBREVIATIONS_EN, "abbreviations_en.csv");
crate::lexicon!(VERBS_EN, "verbs_en.csv");

/// Month names and their abbreviations (closed set), by month number.
const MONTHS: [(&str, &str, &str); 12] = [
    ("january", "jan", ""),
    ("february", "feb", ""),
    ("march", "mar", ""),
    ("april", "apr", ""),
    ("may", "", ""),
    ("june", "jun", ""),
    ("july", "jul", ""),
    ("august", "aug", ""),
    ("september", "sep", "sept"),
    ("october", "oct", ""),
    ("november", "nov", ""),
    ("december", "dec", ""),
];

/// Words after which a number that follows is a comparison base ("N times the ...", "N times
/// that of"): the multiple is exactly N.
const TIMES_EXACT_AFTER: [&str; 13] =
    ["as", "his", "its", "last", "of", "our", "that", "the", "their", "these", "this", "those", "what"];
/// "N times higher than": the translation of 高N倍, ambiguous like 增加N倍.
const TIMES_BEI_AFTER: [&str; 6] = ["bigger", "faster", "greater", "higher", "larger", "more"];
/// Words that end the noun phrase after a number (the counted noun is looked for before them).
const NP_STOP: [&str; 58] = [
    "a", "after", "an", "and", "are", "as", "at", "be", "been", "before", "being", "by", "can", "could", "daily",
    "during", "each", "every", "for", "from", "had", "has", "have", "he", "her", "his", "in", "into", "is", "it",
    "its", "may", "must", "of", "on", "onto", "or", "our", "over", "per", "she", "should", "than", "that", "the",
    "their", "there", "these", "they", "this", "those", "to", "was", "we", "were", "which", "who", "will",
];

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T {
    Word,
    /// Digits, with thousands separators and decimals.
    Num,
    /// Digits with an ordinal suffix: 10th, 21st.
    Ord,
    /// Any other single character that is not white space.
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    /// Byte range in the text (char boundaries).
    a: usize,
    b: usize,
    t: T,
    /// First letter upper case.
    cap: bool,
    /// White space before the token.
    space: bool,
    /// A line break before the token.
    nl: bool,
}

/// Whether the character at byte `i` ends a sentence. A full stop inside a number (10.7), after
/// an abbreviation (Sept., No., a.m.) or an initial does not.
///
/// ```
/// use leapfig::extract::en::is_sentence_end;
/// let t = "By Sept. 30 it made 10.7 tons. Then";
/// assert!(!is_sentence_end(t, 7)); // Sept.
/// assert!(!is_sentence_end(t, 22)); // 10.7
/// assert!(is_sentence_end(t, 29)); // tons.
/// ```
pub fn is_sentence_end(text: &str, i: usize) -> bool {
    let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else { return false };
    match c {
        '\n' | '!' | '?' | '。' | '！' | '？' => true,
        '.' => {
            let next = text[i + 1..].chars().next();
            if next.is_some_and(|n| n.is_ascii_alphanumeric()) {
                return false;
            }
            let before = &text[..i];
            let word_start = before
                .char_indices()
                .rev()
                .find(|(_, ch)| !(ch.is_ascii_alphabetic() || *ch == '.'))
                .map_or(0, |(p, ch)| p + ch.len_utf8());
            let word = &before[word_start..];
            if word.len() == 1 && word.chars().all(|ch| ch.is_ascii_uppercase()) {
                return false;
            }
            let lower = word.to_ascii_lowercase();
            lower.is_empty() || !LEX.abbrevs.contains(lower.as_str())
        }
        _ => false,
    }
}

fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut toks = Vec::with_capacity(n / 4);
    let (mut space, mut nl) = (false, false);
    let mut i = 0;
    while i < n {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            space = true;
            nl |= c == b'\n' || c == b'\r';
            i += 1;
            continue;
        }
        let (t, end) = if c.is_ascii_digit() {
            let mut j = i;
            while j < n && bytes[j].is_ascii_digit() {
                j += 1;
            }
            let mut grouped = false;
            if j - i <= 3 {
                while j + 3 < n
                    && bytes[j] == b','
                    && bytes[j + 1..j + 4].iter().all(u8::is_ascii_digit)
                    && !bytes.get(j + 4).is_some_and(u8::is_ascii_digit)
                {
                    j += 4;
                    grouped = true;
                }
            }
            let mut decimal = false;
            if j + 1 < n && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit() {
                j += 1;
                while j < n && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                decimal = true;
            }
            let suffix = bytes.get(j..j + 2).map(|s| s.to_ascii_lowercase());
            let is_ord = !grouped
                && !decimal
                && matches!(suffix.as_deref(), Some(b"st" | b"nd" | b"rd" | b"th"))
                && !bytes.get(j + 2).is_some_and(u8::is_ascii_alphabetic);
            if is_ord {
                (T::Ord, j + 2)
            } else {
                (T::Num, j)
            }
        } else if c.is_ascii_alphabetic() {
            let mut j = i;
            while j < n && bytes[j].is_ascii_alphabetic() {
                j += 1;
            }
            (T::Word, j)
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if ch.is_whitespace() {
                space = true;
                i += ch.len_utf8();
                continue;
            }
            (T::Punct, i + ch.len_utf8())
        };
        toks.push(Tok { a: i, b: end, t, cap: c.is_ascii_uppercase(), space, nl });
        space = false;
        nl = false;
        i = end;
    }
    toks
}

// ---------------------------------------------------------------------------------------------
// Lexicons

/// A qualifier as the lexicon names it (`more_than_step`: high = next step, like 多).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Q {
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
struct UnitDef {
    /// None: a measure we do not report.
    kind: Option<Kind>,
    unit: String,
    factor: f64,
}

/// Phrases (lower-case words, hyphens ignored) indexed by first word, longest first.
struct Phrases<V> {
    by_first: HashMap<String, Vec<(Vec<String>, V)>>,
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

struct Lex {
    units: Phrases<UnitDef>,
    counts: HashMap<String, String>,
    pre: Phrases<Q>,
    post: Phrases<Q>,
    vague: Phrases<(f64, f64)>,
    idioms: Phrases<()>,
    name_before: HashSet<String>,
    name_after: HashSet<String>,
    not_day_after: HashSet<String>,
    abbrevs: HashSet<String>,
    increase: HashSet<String>,
    change: HashSet<String>,
    future: HashSet<String>,
    /// "reach", "add": verbs that make "up to N" a value reached and "not reach N" a ceiling.
    reach: HashSet<String>,
}

fn rows<'a>(lex: &'a Lexicon, cols: &[&str]) -> Vec<Vec<&'a str>> {
    let idx: Vec<Option<usize>> = cols.iter().map(|c| lex.col(c)).collect();
    lex.rows
        .iter()
        .map(|(_, r)| idx.iter().map(|i| i.and_then(|i| r.get(i)).map_or("", |s| s.as_str())).collect())
        .collect()
}

static LEX: LazyLock<Lex> = LazyLock::new(|| {
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

// ---------------------------------------------------------------------------------------------
// The extractor

/// Figures in English text, offsets in characters of `text`.
///
/// ```
/// use leapfig::article::{Lang, SectionKind};
/// use leapfig::extract::{en, Context};
/// let ctx = Context { lang: Lang::En, section: SectionKind::Body, article_date: leapfig::dates::parse_iso("1958-10-13") };
/// let claims = en::extract("On the 10th, the daily output of raw coal reached 15,000 tons.", &ctx);
/// assert_eq!(claims[0].ref_date, "1958-10-10");
/// assert_eq!(claims[1].surface, "15,000 tons");
/// assert_eq!(claims[1].value, Some(15000.0));
/// ```
pub fn extract(text: &str, ctx: &Context) -> Vec<Claim> {
    let mut ex = Ex::new(text, ctx);
    ex.run();
    ex.finish(ctx)
}

/// A claim before offsets and sentence are known: token range `[a, b)`.
#[derive(Debug, Clone)]
struct Draft {
    a: usize,
    b: usize,
    kind: Kind,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    unit: String,
    qualifier: Qualifier,
    value_raw: Option<f64>,
    unit_raw: (usize, usize),
    ref_date: String,
    status: Status,
    notes: Vec<&'static str>,
}

impl Draft {
    fn date(a: usize, b: usize, d: Option<RefDate>, qualifier: Qualifier) -> Draft {
        Draft {
            a,
            b,
            kind: Kind::Date,
            value: None,
            low: None,
            high: None,
            unit: String::new(),
            qualifier,
            value_raw: None,
            unit_raw: (0, 0),
            ref_date: d.map_or(String::new(), |d| ref_string(&d)),
            status: Status::Ok,
            notes: Vec::new(),
        }
    }
}

/// A number phrase found at a token.
#[derive(Debug, Clone)]
struct NumP {
    a: usize,
    end: usize,
    value: Result<f64, NumError>,
    spelled: bool,
    /// Just "one" (a pronoun more often than a figure).
    lone_one: bool,
    /// A scale word without a number before it ("thousand-ton", "Million Miners").
    lone_scale: bool,
    /// Exactly one digit token.
    digits: bool,
    /// For a phrase ending in scale words ("four hundred", "2 million"): the number before
    /// them and their multiplier (4, 100), so that "three to four hundred" reads 300 to 400.
    trail: Option<(f64, f64)>,
}

impl NumP {
    fn v(&self) -> Option<f64> {
        self.value.as_ref().ok().copied()
    }
}

/// What follows a number as its unit.
#[derive(Debug, Clone)]
enum U {
    Def(UnitDef),
    Percent,
    Times,
    Fold,
    Strong,
}

#[derive(Debug, Clone)]
struct UnitHit {
    u: U,
    /// Token range of the unit as printed.
    a: usize,
    end: usize,
    /// A compound `and N liang` added to the value, in the first unit.
    extra: f64,
}

/// A date found at a token.
#[derive(Debug, Clone)]
struct DateHit {
    a: usize,
    end: usize,
    date: Option<RefDate>,
    qualifier: Qualifier,
    note: Option<&'static str>,
    /// Feeds "the date just mentioned" (false for clock times and "the same period last year").
    record: bool,
    /// A calendar date given in the text (not relative to another).
    explicit: bool,
}

/// What the last quantity claim of the sentence was, for a bare number that continues it
/// ("from 35,000 people to more than 90,000").
#[derive(Debug, Clone)]
struct LastQty {
    sentence: usize,
    kind: Kind,
    unit: String,
    factor: f64,
}

struct Ex<'a> {
    text: &'a str,
    lower: String,
    toks: Vec<Tok>,
    /// Sentence number of each token.
    sent: Vec<usize>,
    article: Option<NaiveDate>,
    dc: Option<DateContext>,
    dateline: Option<NaiveDate>,
    body: bool,
    drafts: Vec<Draft>,
    in_quote: bool,
    last_qty: Option<LastQty>,
    /// Sentence and class of the last count claim.
    last_count: Option<(usize, String)>,
    /// A qualifier that the next member of a list of numbers shares, and the token after the
    /// member that had it ("over a thousand, two thousand, or four thousand meters").
    carry_q: Option<(usize, Q)>,
}

impl<'a> Ex<'a> {
    fn new(text: &'a str, ctx: &Context) -> Self {
        let toks = tokenize(text);
        let mut sent = Vec::with_capacity(toks.len());
        let mut s = 0;
        for t in &toks {
            if t.nl {
                s += 1;
            }
            sent.push(s);
            if t.t == T::Punct && is_sentence_end(text, t.a) {
                s += 1;
            }
        }
        Ex {
            text,
            lower: text.to_ascii_lowercase(),
            toks,
            sent,
            article: ctx.article_date,
            dc: ctx.article_date.map(DateContext::new),
            dateline: None,
            body: ctx.section == SectionKind::Body,
            drafts: Vec::new(),
            in_quote: false,
            last_qty: None,
            last_count: None,
            carry_q: None,
        }
    }

    // --- token helpers ---------------------------------------------------------------------

    /// Lower-case text of token `i` ("" past the end).
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).and_then(|t| self.lower.get(t.a..t.b)).unwrap_or("")
    }

    fn t(&self, i: usize) -> Option<T> {
        self.toks.get(i).map(|t| t.t)
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }

    fn is_any(&self, i: usize, set: &[&str]) -> bool {
        let w = self.w(i);
        !w.is_empty() && set.contains(&w)
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.t == T::Punct && self.text[t.a..].starts_with(c))
    }

    /// Token `i` follows the previous one without white space.
    fn tight(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space)
    }

    fn same_line(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.nl)
    }

    fn sentence(&self, i: usize) -> usize {
        self.sent.get(i).copied().unwrap_or(usize::MAX)
    }

    fn prev_word(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.w(i - 1)
        }
    }

    /// Matches lexicon phrase words at `i` (hyphens between words skipped, same line);
    /// returns the end token.
    fn match_words(&self, i: usize, words: &[String]) -> Option<usize> {
        let mut k = i;
        for (n, word) in words.iter().enumerate() {
            if n > 0 {
                if self.is_punct(k, '-') && word != "-" {
                    k += 1;
                }
                if !self.same_line(k) {
                    return None;
                }
            }
            if self.w(k) != word {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    fn longest<'p, V>(&self, set: &'p Phrases<V>, i: usize) -> Option<(usize, &'p V)> {
        let list = set.by_first.get(self.w(i))?;
        list.iter().find_map(|(words, v)| self.match_words(i, words).map(|end| (end, v)))
    }

    fn seq(&self, i: usize, words: &[&str]) -> Option<usize> {
        let mut k = i;
        for (n, word) in words.iter().enumerate() {
            if n > 0 && self.is_punct(k, '-') {
                k += 1;
            }
            // Lengths first: most tokens fail there, without slicing the text (issue 8).
            let len_ok = self.toks.get(k).is_some_and(|t| t.b - t.a == word.len());
            if !len_ok || self.w(k) != *word || (n > 0 && !self.same_line(k)) {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    // --- the pass ----------------------------------------------------------------------------

    fn run(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            if self.toks[i].nl {
                self.in_quote = false;
            }
            if self.toks[i].t == T::Punct {
                match self.text[self.toks[i].a..].chars().next() {
                    Some('"') => self.in_quote = !self.in_quote,
                    Some('“') => self.in_quote = true,
                    Some('”') => self.in_quote = false,
                    _ => {}
                }
                i += 1;
                continue;
            }
            // Metadata lines (Date:, Page:, Author:) hold no figures.
            if (i == 0 || self.toks[i].nl) && self.is_any(i, &["date", "page", "author"]) && self.is_punct(i + 1, ':') {
                i += 2;
                while i < self.toks.len() && !self.toks[i].nl {
                    i += 1;
                }
                continue;
            }
            if let Some((end, _)) = self.longest(&LEX.idioms, i) {
                // "one day and a half" is a duration, not the idiom "one day".
                if self.seq(end, &["and", "a", "half"]).is_none() {
                    i = end;
                    continue;
                }
            }
            if let Some(h) = self.date_at(i) {
                if h.note == Some("skip") {
                    i = h.end.max(i + 1);
                    continue;
                }
                self.push_date(h.clone());
                i = h.end.max(i + 1);
                continue;
            }
            if let Some(end) = self.quantity_at(i) {
                i = end.max(i + 1);
                continue;
            }
            i += 1;
        }
    }

    fn push_date(&mut self, h: DateHit) {
        let mut d = Draft::date(h.a, h.end, h.date, h.qualifier);
        if let Some(n) = h.note {
            d.notes.push(n);
        }
        if h.record {
            if let (Some(dc), Some(date)) = (self.dc.as_mut(), h.date) {
                dc.saw(date);
            }
            if self.dateline.is_none() && self.body && h.explicit && self.toks.get(h.a).is_some_and(|t| t.a < 200) {
                let before = if h.a == 0 { "" } else { &self.text[self.toks[h.a - 1].a..self.toks[h.a - 1].b] };
                if before == "," || before == "(" {
                    self.dateline = h.date.and_then(|d| d.day());
                }
            }
        }
        self.drafts.push(d);
    }

    fn finish(self, ctx: &Context) -> Vec<Claim> {
        let mut drafts = self.drafts;
        drafts.retain(|d| d.a < d.b && d.b <= self.toks.len());
        drafts.sort_by_key(|d| (self.toks[d.a].a, self.toks[d.b - 1].b));
        let mut cc = CharCounter::new(self.text);
        // Sentence ends found once for all the figures (issue 8), when there are any.
        let ends = (!drafts.is_empty()).then(|| SentenceEnds::new(self.text, is_sentence_end));
        let mut out: Vec<Claim> = Vec::with_capacity(drafts.len());
        let mut last_end = 0;
        for d in drafts {
            let (sb, eb) = (self.toks[d.a].a, self.toks[d.b - 1].b);
            if sb < last_end {
                continue; // never two claims on the same characters
            }
            last_end = eb;
            let (s, e) = (cc.at(sb), cc.at(eb));
            let mut c = Claim::new(ctx.lang, ctx.section, s, e, &self.text[sb..eb], d.kind);
            c.value = d.value;
            c.low = d.low;
            c.high = d.high;
            c.unit = d.unit;
            c.qualifier = d.qualifier;
            c.value_raw = d.value_raw;
            if d.unit_raw.0 < d.unit_raw.1 && d.unit_raw.1 <= self.toks.len() {
                c.unit_raw = self.text[self.toks[d.unit_raw.0].a..self.toks[d.unit_raw.1 - 1].b].to_string();
            }
            c.ref_date = d.ref_date;
            c.status = d.status;
            for n in d.notes {
                c.add_note(n);
            }
            let (a, b) = ends.as_ref().map_or((sb, eb), |e| e.range(sb, eb));
            c.sentence = self.text[a..b].to_string();
            out.push(c);
        }
        out
    }

    // --- dates -------------------------------------------------------------------------------

    /// The month named by token `i` (capitalised; `May` and `March` only where a date is
    /// plainly meant), and the token after it (past the stop of "Sept.").
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let tok = self.toks.get(i)?;
        if tok.t != T::Word || !tok.cap {
            return None;
        }
        let w = self.w(i);
        let m = MONTHS
            .iter()
            .position(|(full, a, b)| w == *full || (!a.is_empty() && w == *a) || (!b.is_empty() && w == *b))?;
        let full = w == MONTHS[m].0;
        let mut end = i + 1;
        if !full {
            if !self.is_punct(end, '.') || !self.tight(end) {
                return None;
            }
            end += 1;
        }
        // "the August First Commune", "the October Revolution": names.
        if self.toks.get(end).is_some_and(|t| t.cap && t.t == T::Word && self.same_line(end))
            && (num::is_ordinal_word(self.w(end)) || LEX.name_after.contains(self.w(end)))
        {
            return None;
        }
        if full && (w == "may" || w == "march") {
            let day_follows = matches!(self.t(end), Some(T::Num | T::Ord)) && self.day_num(end).is_some();
            let cue =
                ["in", "of", "since", "early", "late", "mid", "until", "by", "before", "after", "from", "to", "during"];
            if !day_follows && !self.is_any(i.wrapping_sub(1), &cue) {
                return None;
            }
        }
        Some((m as u32 + 1, end))
    }

    /// A day number 1..=31 at token `i` (`30`, `30th`).
    fn day_num(&self, i: usize) -> Option<u32> {
        let tok = self.toks.get(i)?;
        let s = self.w(i);
        let d: u32 = match tok.t {
            T::Ord => num::ordinal(s)?,
            T::Num if s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok()?,
            _ => return None,
        };
        (1..=31).contains(&d).then_some(d)
    }

    /// A four-digit year 1800..=2100 at token `i`.
    fn year_num(&self, i: usize) -> Option<i32> {
        let tok = self.toks.get(i)?;
        let s = self.w(i);
        if tok.t != T::Num || s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = s.parse().ok()?;
        (1800..=2100).contains(&y).then_some(y)
    }

    /// "this year" (0), "last year" (-1), "next year" (+1), "the year" (0), "the year before
    /// last" (-2), with an optional "of" before.
    fn year_words(&self, i: usize, allow_the: bool) -> Option<(i32, usize)> {
        let k = if self.is(i, "of") { i + 1 } else { i };
        if let Some(e) = self.seq(k, &["the", "year", "before", "last"]) {
            return Some((-2, e));
        }
        let off = match self.w(k) {
            "this" | "the" if self.is(k + 1, "year") => {
                if self.is(k, "the") && !allow_the {
                    return None;
                }
                0
            }
            "last" if self.is(k + 1, "year") => -1,
            "next" if self.is(k + 1, "year") => 1,
            _ => return None,
        };
        Some((off, k + 2))
    }

    fn base_year(&self) -> Option<i32> {
        self.article.map(|d| d.year())
    }

    /// A month expression: `October`, `October 1958`, `October this year`, `October of last
    /// year`. Returns (year if given, month, end).
    fn month_expr(&self, i: usize) -> Option<(Option<i32>, u32, usize)> {
        let (m, mut end) = self.month_at(i)?;
        let mut year = None;
        if let Some(y) = self.year_num(end) {
            year = Some(y);
            end += 1;
        } else if let Some((off, e)) = self.year_words(end, false) {
            year = self.base_year().map(|y| y + off);
            end = e;
        }
        Some((year, m, end))
    }

    /// A span of months in the sentence of token `i` ("from January to August this year",
    /// "January-August"): first day of the first month to the last day of the second.
    fn month_span(&self, i: usize) -> Option<RefDate> {
        let s = self.sentence(i);
        let first = (0..i).rev().take_while(|&q| self.sentence(q) == s).last().unwrap_or(i);
        let mut q = first;
        while q < self.toks.len() && self.sentence(q) == s {
            if let Some((y1, m1, e1)) = self.month_expr(q) {
                if self.is_any(e1, &["to", "through", "until", "till"]) || (self.is_punct(e1, '-') && self.tight(e1)) {
                    if let Some((y2, m2, _)) = self.month_expr(e1 + 1).filter(|&(_, m2, _)| m2 > m1) {
                        let (y, m2) = self.resolve_month(y2.or(y1), m2)?;
                        let a = NaiveDate::from_ymd_opt(y, m1, 1)?;
                        let b = match dates::end_of_month(y, m2)? {
                            RefDate::Day(b) => b,
                            _ => return None,
                        };
                        return Some(RefDate::Interval(a, b));
                    }
                }
            }
            q += 1;
        }
        None
    }

    fn resolve_month(&self, year: Option<i32>, m: u32) -> Option<(i32, u32)> {
        let art = self.article?;
        let y = year.unwrap_or_else(|| dates::year_of_month(art, m));
        Some((y, m))
    }

    /// The month a target phrase after "end of", "early", "the first ten days of" names:
    /// a month expression, "the month" / "this month" (the month spoken of), "last month".
    fn month_target(&self, i: usize) -> Option<(Option<(i32, u32)>, usize)> {
        if let Some((y, m, end)) = self.month_expr(i) {
            return Some((self.resolve_month(y, m), end));
        }
        let k = if self.is(i, "of") { i + 1 } else { i };
        if self.is(k + 1, "month") && self.is_any(k, &["the", "this", "that"]) {
            return Some((self.dc.as_ref().map(|dc| dc.current_month()), k + 2));
        }
        if self.is(k, "last") && self.is(k + 1, "month") {
            let cur = self.article.map(|d| (d.year(), d.month()));
            return Some((cur.map(|(y, m)| if m == 1 { (y - 1, 12) } else { (y, m - 1) }), k + 2));
        }
        None
    }

    fn date_at(&self, i: usize) -> Option<DateHit> {
        let hit = |a: usize, end: usize, date: Option<RefDate>| DateHit {
            a,
            end,
            date,
            qualifier: Qualifier::Exact,
            note: None,
            record: true,
            explicit: false,
        };
        let tok = *self.toks.get(i)?;
        let w = self.w(i);

        // Clock times: "2:00 AM", "6:00 a.m. on the 10th" (the day after "on" when given).
        if tok.t == T::Num
            && self.is_punct(i + 1, ':')
            && self.tight(i + 1)
            && self.t(i + 2) == Some(T::Num)
            && self.tight(i + 2)
        {
            let h: u32 = w.parse().unwrap_or(99);
            let mins = self.w(i + 2);
            let mut end = i + 3;
            let ampm = if self.is_any(end, &["am", "pm"]) {
                Some(end + 1)
            } else if self.is_any(end, &["a", "p"]) && self.is_punct(end + 1, '.') && self.is(end + 2, "m") {
                Some(if self.is_punct(end + 3, '.') && self.tight(end + 3) { end + 4 } else { end + 3 })
            } else {
                None
            };
            let at = self.is_any(i.wrapping_sub(1), &["at", "from", "to", "until", "till"]);
            if h <= 24 && mins.len() == 2 && (ampm.is_some() || at) {
                end = ampm.unwrap_or(end);
                let mut date = self.dc.as_ref().map(|dc| RefDate::Day(dc.current_day()));
                if self.is(end, "on") {
                    if let Some(h2) = self.date_at(end + 1).filter(|h2| h2.explicit) {
                        date = h2.date;
                    }
                }
                return Some(DateHit { note: Some("clock_time"), record: false, ..hit(i, end, date) });
            }
            return None;
        }

        // "the same period last year": the date spoken of, a year earlier.
        let k = if w == "the" { i + 1 } else { i };
        if let Some(e) = self.seq(k, &["same", "period"]) {
            if let Some((-1, end)) = self.year_words(e, false) {
                // The span of the sentence ("from January to August this year"), before or
                // after; else the date just spoken of; else the year.
                let date = self.base_year().map(|y| {
                    match self.month_span(i).or_else(|| self.dc.as_ref().and_then(|dc| dc.last())) {
                        Some(d) => shift_year(d, -1),
                        None => RefDate::Year(y - 1),
                    }
                });
                return Some(DateHit { record: false, ..hit(i, end, date) });
            }
        }

        // "(the) end / beginning / middle of ..."
        if matches!(self.w(k), "end" | "beginning" | "start" | "middle") && self.is(k + 1, "of") {
            let part = self.w(k);
            if let Some((y, e)) = self.year_words(k + 2, true) {
                let year = self.base_year().map(|b| b + y);
                let date = year.and_then(|y| match part {
                    "end" => dates::end_of_year(y),
                    "middle" => Some(RefDate::Year(y)),
                    _ => Some(RefDate::Month(y, 1)),
                });
                return Some(hit(i, e, date));
            }
            if let Some(y) = self.year_num(k + 2) {
                let date = match part {
                    "end" => dates::end_of_year(y),
                    "middle" => Some(RefDate::Year(y)),
                    _ => Some(RefDate::Month(y, 1)),
                };
                return Some(DateHit { explicit: true, ..hit(i, k + 3, date) });
            }
            if let Some((ym, e)) = self.month_target(k + 2) {
                let date = ym.and_then(|(y, m)| match part {
                    "end" => dates::end_of_month(y, m),
                    "middle" => dates::xun(y, m, Xun::Middle),
                    _ => dates::xun(y, m, Xun::Early),
                });
                // A month end is a baseline more often than the time spoken of: "a fourfold
                // increase compared to the end of September ... by the end of the month" (seed
                // 004) means October. It does not move the month spoken of.
                return Some(DateHit { explicit: self.month_at(k + 2).is_some(), record: false, ..hit(i, e, date) });
            }
        }
        if let Some(e) = self.seq(i, &["year", "end"]) {
            return Some(hit(i, e, self.base_year().and_then(dates::end_of_year)));
        }

        // "early / mid / late October", "mid-October", "early this month"
        if matches!(w, "early" | "mid" | "late") {
            let part = match w {
                "early" => Xun::Early,
                "mid" => Xun::Middle,
                _ => Xun::Late,
            };
            let k2 = if self.is_punct(i + 1, '-') { i + 2 } else { i + 1 };
            if let Some((ym, e)) = self.month_target(k2) {
                let date = ym.and_then(|(y, m)| dates::xun(y, m, part));
                return Some(DateHit { explicit: true, ..hit(i, e, date) });
            }
        }

        // "the first / middle / last ten days of October", "the first half of November"
        if w == "the" {
            let which = self.w(i + 1);
            if let Some(e) = self.seq(i + 2, &["ten", "days", "of"]) {
                let part = match which {
                    "first" => Some(Xun::Early),
                    "middle" => Some(Xun::Middle),
                    "last" | "latter" => Some(Xun::Late),
                    _ => None,
                };
                if let (Some(part), Some((ym, end))) = (part, self.month_target(e)) {
                    return Some(hit(i, end, ym.and_then(|(y, m)| dates::xun(y, m, part))));
                }
            }
            if let Some(e) = self.seq(i + 2, &["half", "of"]) {
                let first = match which {
                    "first" => Some(true),
                    "second" | "latter" => Some(false),
                    _ => None,
                };
                if let (Some(first), Some((ym, end))) = (first, self.month_target(e)) {
                    let date = ym.and_then(|(y, m)| {
                        let (a, b) = if first { (1, 15) } else { (16, dates::last_day(y, m)?.day()) };
                        Some(RefDate::Interval(NaiveDate::from_ymd_opt(y, m, a)?, NaiveDate::from_ymd_opt(y, m, b)?))
                    });
                    return Some(hit(i, end, date));
                }
            }
        }

        // Month first: "September 30", "Sept. 30th", "October 17th to 20th", "October 1, 1958",
        // "October", "August last year".
        if let Some((m, after_month)) = self.month_at(i) {
            if let Some(d) = self.day_num(after_month).filter(|_| self.same_line(after_month)) {
                let mut end = after_month + 1;
                let mut year = None;
                if self.is_punct(end, ',') && self.year_num(end + 1).is_some() {
                    year = self.year_num(end + 1);
                    end += 2;
                } else if let Some(y) = self.year_num(end) {
                    year = Some(y);
                    end += 1;
                }
                let day = self.article.and_then(|art| dates::resolve_day(art, year, Some(m), d));
                // "October 17th to 20th" is two dates (ANNOTATION.md, decisions): the second
                // end is read as a day continuing the list (`day_ordinal`).
                return Some(DateHit { explicit: true, ..hit(i, end, day.map(RefDate::Day)) });
            }
            let (mut y, m, end) = self.month_expr(i)?;
            // "from January to August" in a December article: both months of one year.
            if y.is_none() && (self.is_any(end, &["to", "through", "till", "until"]) || self.is_punct(end, '-')) {
                if let Some((m2, _)) = self.month_at(end + 1).filter(|(m2, _)| *m2 > m) {
                    y = self.resolve_month(None, m2).map(|(y2, _)| y2);
                }
            }
            let date = self.resolve_month(y, m).map(|(y, m)| RefDate::Month(y, m));
            return Some(DateHit { explicit: true, ..hit(i, end, date) });
        }

        // Day first: "3rd October", "10 October", "the 10th of this month"; days alone.
        if matches!(tok.t, T::Ord | T::Num) {
            if let Some(d) = self.day_num(i) {
                let k = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
                if let Some((y, m, end)) = self.month_expr(k) {
                    let date =
                        self.resolve_month(y, m).and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, d)).map(RefDate::Day);
                    return Some(DateHit { explicit: true, ..hit(i, end, date) });
                }
            }
        }
        // "October 17 to 20", "September 1-5": the second end of a range of days, in plain
        // digits, is a date of the same month (ANNOTATION.md decisions: two date figures).
        if tok.t == T::Num {
            if let Some(h) = self.day_range_end(i) {
                return Some(h);
            }
        }
        if tok.t == T::Ord || (w == "the" && self.t(i + 1) == Some(T::Ord)) {
            let o = if tok.t == T::Ord { i } else { i + 1 };
            return self.day_ordinal(i, o);
        }

        // Relative days, months and years.
        if let Some(h) = self.relative_at(i) {
            return Some(h);
        }

        // Years: "in 1958", "compared with 1957" (not "1958 tons").
        if let Some(y) = self.year_num(i) {
            let next_is_unit = self.unit_at(i + 1).is_some() || self.count_noun_at(i + 1).is_some();
            let in_number = self.is_punct(i.wrapping_sub(1), '-') && self.tight(i)
                || self.is_punct(i + 1, '-') && self.t(i + 2) == Some(T::Num);
            if !next_is_unit && !in_number {
                return Some(DateHit { explicit: true, ..hit(i, i + 1, Some(RefDate::Year(y))) });
            }
        }
        None
    }

    /// "the 10th", "12th" in a dateline, "2nd" in "the 1st and 2nd": a day of the month
    /// spoken of. `i` is where the claim starts ("the" or the ordinal), `o` the ordinal.
    fn day_ordinal(&self, i: usize, o: usize) -> Option<DateHit> {
        let d = self.day_num(o);
        let next = self.w(o + 1);
        let next_tok = self.toks.get(o + 1);
        let followed_ok = match next_tok {
            None => true,
            Some(t) if t.t == T::Punct => true,
            Some(t) if t.t == T::Word => {
                // "the 8th Route Army": a capitalised word after it makes a name ("the 29th Up
                // 86.5 Percent" in a title is still a day).
                let plain = NP_STOP.contains(&next) || LEX.increase.contains(next) || LEX.change.contains(next);
                let name = t.cap && self.month_at(o + 1).is_none() && !plain;
                !name
                    && !LEX.not_day_after.contains(next)
                    && self.count_noun_at(o + 1).is_none()
                    && self.unit_at(o + 1).is_none()
            }
            _ => false,
        };
        let prev = if i == o { self.prev_word(o) } else { "the" };
        let prev_tok_punct = o > 0 && self.toks.get(o - 1).is_some_and(|t| t.t == T::Punct);
        let after_date = self.drafts.last().is_some_and(|dr| dr.kind == Kind::Date && dr.b + 3 >= o && dr.b <= o);
        let ok = match prev {
            "the" => followed_ok,
            "on" | "by" | "from" | "until" | "till" | "since" => followed_ok,
            // "October 1st and 2nd National Day holidays": a list of days goes on.
            "and" | "to" | "or" | "-" | "–" | "through" => {
                after_date
                    && (followed_ok
                        || next_tok.is_some_and(|t| t.cap && t.t == T::Word && !LEX.not_day_after.contains(next)))
            }
            "," | "(" => {
                let p = self.w(o - 1);
                followed_ok
                    && (after_date || p == "(" || p == ",")
                    && (next_tok.is_none_or(|t| t.t == T::Punct) || next == "dispatch" || after_date)
            }
            _ => prev_tok_punct && followed_ok && next_tok.is_none_or(|t| t.t == T::Punct),
        };
        let d = d?;
        if !ok {
            return Some(DateHit {
                a: i,
                end: o + 1,
                date: None,
                qualifier: Qualifier::Exact,
                note: Some("skip"),
                record: false,
                explicit: false,
            });
        }
        let mut end = o + 1;
        // "the 10th of this month", "the 26th and 27th of last month"
        let mut month: Option<(i32, u32)> = None;
        if self.is(end, "of") {
            if let Some((ym, e)) = self.month_target(end + 1) {
                month = ym;
                end = e;
            }
        }
        let date = self.article.and_then(|art| {
            if let Some((y, m)) = month {
                return NaiveDate::from_ymd_opt(y, m, d);
            }
            // A day that continues a list ("the 1st and 2nd") stays in that month.
            if after_date && matches!(prev, "and" | "to" | "or" | "," | "-" | "–" | "through" | "till" | "until") {
                if let Some((y, m)) = self.dc.as_ref().and_then(|dc| dc.last()).and_then(|l| l.month()) {
                    return NaiveDate::from_ymd_opt(y, m, d);
                }
            }
            let ref_day = self.dateline.unwrap_or(art);
            if d > ref_day.day() && self.future_cue_before(o) {
                return NaiveDate::from_ymd_opt(ref_day.year(), ref_day.month(), d);
            }
            dates::resolve_day(art, None, None, d)
        });
        Some(DateHit {
            a: i,
            end,
            date: date.map(RefDate::Day),
            qualifier: Qualifier::Exact,
            note: None,
            record: true,
            explicit: true,
        })
    }

    /// The plain day number `i` that closes a range opened by a day date ("October 17 to 20",
    /// "Sept. 1-5"): a later day of the same month, not followed by a unit or counted noun.
    fn day_range_end(&self, i: usize) -> Option<DateHit> {
        let d = self.day_num(i)?;
        if i < 2 || !self.same_line(i) {
            return None;
        }
        let conn = i - 1;
        let dash = (self.is_punct(conn, '-') || self.is_punct(conn, '–')) && self.tight(conn) && self.tight(i);
        if !(dash || self.is_any(conn, &["to", "through", "till", "until", "and"])) {
            return None;
        }
        let last = self.drafts.last().filter(|dr| dr.kind == Kind::Date && dr.b == conn)?;
        let first = dates::parse_iso(&last.ref_date)?;
        if last.ref_date.len() != 10 || d <= first.day() {
            return None;
        }
        let after = i + 1;
        let unit_after = self.unit_at(after).is_some() || self.count_noun_at(after).is_some();
        if unit_after || self.is_punct(after, '%') {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(first.year(), first.month(), d)?;
        Some(DateHit {
            a: i,
            end: i + 1,
            date: Some(RefDate::Day(date)),
            qualifier: Qualifier::Exact,
            note: None,
            record: true,
            explicit: true,
        })
    }

    /// A word of the future ("preparing to welcome ... from the 15th") earlier in the sentence:
    /// a day after the article's day is then in the same month, not the month before.
    fn future_cue_before(&self, o: usize) -> bool {
        let s = self.sentence(o);
        (0..o).rev().take_while(|&k| self.sentence(k) == s).any(|k| LEX.future.contains(self.w(k)))
    }

    fn relative_at(&self, i: usize) -> Option<DateHit> {
        let w = self.w(i);
        let today = self.article.map(|a| self.dateline.unwrap_or(a));
        let cur_day = self.dc.as_ref().map(|dc| dc.current_day());
        let mk = |end: usize, date: Option<RefDate>| DateHit {
            a: i,
            end,
            date,
            qualifier: Qualifier::Exact,
            note: None,
            record: true,
            explicit: false,
        };
        let shift = |d: Option<NaiveDate>, n: i64| d.map(|d| RefDate::Day(d + Duration::days(n)));
        match w {
            "today" => return Some(mk(i + 1, today.map(RefDate::Day))),
            "yesterday" => return Some(mk(i + 1, shift(today, -1))),
            "tomorrow" => return Some(mk(i + 1, shift(today, 1))),
            _ => {}
        }
        if let Some((off, end)) = self.year_words(i, false) {
            if !self.is(i, "of") {
                return Some(mk(end, self.base_year().map(|y| RefDate::Year(y + off))));
            }
        }
        if self.is(i + 1, "month") && matches!(w, "this" | "last" | "next") {
            let base = today.map(|d| (d.year(), d.month()));
            let date = base.map(|(y, m)| {
                let (y, m) = match w {
                    "last" if m == 1 => (y - 1, 12),
                    "last" => (y, m - 1),
                    "next" if m == 12 => (y + 1, 1),
                    "next" => (y, m + 1),
                    _ => (y, m),
                };
                RefDate::Month(y, m)
            });
            return Some(mk(i + 2, date));
        }
        // "the same day", "that day", "on this day", "the next day", "the day after"
        if let Some(e) = self
            .seq(i, &["the", "same", "day"])
            .or_else(|| self.seq(i, &["that", "day"]))
            .or_else(|| self.seq(i, &["this", "day"]))
            // "that same day", "that very day", "the very same day" (当天, 同日)
            .or_else(|| self.seq(i, &["that", "same", "day"]))
            .or_else(|| self.seq(i, &["that", "very", "day"]))
            .or_else(|| self.seq(i, &["this", "very", "day"]))
            .or_else(|| self.seq(i, &["the", "very", "same", "day"]))
            .or_else(|| self.seq(i, &["the", "very", "day"]))
        {
            return Some(mk(e, cur_day.map(RefDate::Day)));
        }
        if let Some(e) = self.seq(i, &["the", "next", "day"]).or_else(|| self.seq(i, &["the", "following", "day"])) {
            return Some(mk(e, shift(cur_day, 1)));
        }
        if let Some(e) = self.seq(i, &["the", "previous", "day"]).or_else(|| self.seq(i, &["the", "day", "before"])) {
            return Some(mk(e, shift(cur_day, -1)));
        }
        if let Some(e) = self.seq(i, &["the", "day", "after"]) {
            // "the day after launching a satellite ... on September 30": the day after the date
            // that follows in the sentence.
            let mut base = cur_day;
            if self.t(e) == Some(T::Word) && self.month_at(e).is_none() && !self.is(e, "the") {
                let s = self.sentence(e);
                let mut k = e;
                while k < self.toks.len() && self.sentence(k) == s {
                    // Only where an explicit date can start (a month, a day number): a relative
                    // phrase would look ahead again, and nested look-aheads cost 2^n.
                    let starts = self.month_at(k).is_some() || matches!(self.t(k), Some(T::Ord | T::Num));
                    if let Some(h) =
                        starts.then(|| self.date_at(k)).flatten().filter(|h| h.explicit && h.note.is_none())
                    {
                        base = h.date.and_then(|d| d.day());
                        break;
                    }
                    k += 1;
                }
            }
            return Some(mk(e, shift(base, 1)));
        }
        None
    }

    // --- quantities ----------------------------------------------------------------------------

    fn quantity_at(&mut self, i: usize) -> Option<usize> {
        let (mut q, j) = match self.longest(&LEX.pre, i) {
            // "over" / "under" / "some" only count as qualifiers right before a number.
            Some((end, q)) => (Some(*q), end),
            None => (None, i),
        };
        if q.is_some() && !self.same_line(j) {
            return None;
        }
        let mut i = i;
        let mut j = j;
        // "went up to 500 tons", "adds up to": "up" belongs to the verb, the figure is reached,
        // not a ceiling.
        if q == Some(Q::LessThan) && self.is(i, "up") && self.is(i + 1, "to") {
            let verb = self.prev_word(i);
            if LEX.increase.contains(verb) || LEX.change.contains(verb) || LEX.reach.contains(verb) {
                return None;
            }
        }
        // "did not reach 100 tons", "has not yet reached": less than (不到).
        if q.is_none() && LEX.reach.contains(self.w(i)) {
            if let Some(neg) = self.negation_before(i) {
                q = Some(Q::LessThan);
                j = i + 1;
                i = neg;
            }
        }
        // "did not exceed 2 mm", "not exceeding 7 tons", "never more than": a negated bound
        // is the opposite bound (issue 4, round 2: read as more than 2 mm before).
        if let Some(neg) = self.negation_before(i) {
            match q {
                Some(Q::MoreThan | Q::MoreThanStep) => {
                    q = Some(Q::LessThan);
                    i = neg;
                }
                Some(Q::LessThan) => {
                    q = Some(Q::MoreThan);
                    i = neg;
                }
                _ => {}
            }
        }
        // "a thousand, two thousand, or four thousand meters" after "over": the qualifier of
        // the first member holds for every member of the list.
        if q.is_none() {
            if let Some((after, cq)) = self.carry_q {
                if after < i && (after..i).all(|k| self.is_punct(k, ',') || self.is_any(k, &["or", "and"])) {
                    q = Some(cq);
                }
            }
        }
        let (i, j) = (i, j);
        if let Some(end) = self.core_at(i, j, q) {
            return Some(end);
        }
        if q.is_some() {
            // The qualifier words may start a figure of their own ("some" is no number).
            return None;
        }
        None
    }

    /// A negation right before token `i` ("not", "never", "didn't", "did not even"): the token
    /// where it starts. "not only" is no negation of what follows.
    fn negation_before(&self, i: usize) -> Option<usize> {
        let neg_at = |k: usize| -> Option<usize> {
            match self.w(k) {
                "not" | "never" => Some(k),
                // "didn't", "doesn't": the tokens didn ' t
                "t" if k >= 2 && self.tight(k) && (self.is_punct(k - 1, '\'') || self.is_punct(k - 1, '’')) => {
                    Some(k - 2)
                }
                _ => None,
            }
        };
        if i == 0 || !self.same_line(i) {
            return None;
        }
        if let Some(k) = neg_at(i - 1) {
            return Some(k);
        }
        if i >= 2 && self.is_any(i - 1, &["even", "yet", "ever", "generally", "usually", "normally"]) {
            return neg_at(i - 2);
        }
        None
    }

    /// "an hour and a half", "a year and a half", "(every) hour and a half": 1.5 of a unit
    /// of time, said without a number.
    fn and_a_half_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        let u = if self.is_any(j, &["a", "an"]) {
            self.unit_at(j + 1)?
        } else if self.is(j.wrapping_sub(1), "every") && self.t(j) == Some(T::Word) {
            self.unit_at(j)?
        } else {
            return None;
        };
        let U::Def(def) = &u.u else { return None };
        if def.kind != Some(Kind::Duration) || u.end != u.a + 1 || self.w(u.a).ends_with('s') {
            return None;
        }
        let end = self.seq(u.end, &["and", "a", "half"])?;
        let def = def.clone();
        let d = self.qty_draft(start, end, Kind::Duration, &def.unit, def.factor, Some(1.5), None, q, (u.a, u.end));
        self.push_qty(d, def.factor);
        Some(end)
    }

    /// The figure at `j`, with the qualifier `q` found at `start`. Returns the token after it
    /// (also when the number turned out to be no figure, to skip it whole), or None.
    fn core_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        if let Some(end) = self.and_a_half_at(start, j, q) {
            return Some(end);
        }
        if let Some(end) = self.vague_at(start, j, q) {
            return Some(end);
        }
        if let Some(end) = self.times_words_at(start, j, q) {
            return Some(end);
        }
        if let Some(end) = self.fraction_at(start, j, q) {
            return Some(end);
        }
        self.number_at(start, j, q)
    }

    /// "tens of millions", "thousands upon thousands", "several thousand", "dozens".
    fn vague_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        let (end, &(lo, hi)) = self.longest(&LEX.vague, j)?;
        let w0 = self.w(j);
        if (w0 == "tens" || w0 == "hundreds") && end == j + 1 && !self.is(end, "of") {
            return None;
        }
        // "several hundred" must not be the start of "several hundred thousand tons": the
        // longest phrase already took it; a number word after it means something else.
        if self.t(end) == Some(T::Word)
            && num::word(self.w(end)).is_some_and(|nw| matches!(nw, NumWord::Scale(_) | NumWord::Hundred))
        {
            return None;
        }
        let mut k = end;
        let of = self.is(k, "of");
        if of {
            k += 1;
        }
        let _ = q;
        let (kind, unit, factor, uend, unit_raw) = match self.unit_at(k).filter(|u| matches!(u.u, U::Def(_))) {
            Some(UnitHit { u: U::Def(def), a, end, .. }) => match def.kind {
                Some(kd) if kd != Kind::Duration || of => (kd, def.unit.clone(), def.factor, end, (a, end)),
                _ => return Some(end),
            },
            _ => {
                let (mut class, cend) = self.count_class(end, j);
                // "hundreds of thousands or millions of laborers": the noun of the last
                // alternative counts the first too.
                if class == "unit" && self.is_any(end, &["or", "to"]) {
                    if let Some((e2, _)) = self.longest(&LEX.vague, end + 1) {
                        class = self.count_class(e2, end + 1).0;
                    }
                }
                let e = cend.unwrap_or(end);
                (Kind::Count, class, 1.0, e.max(end), (0, 0))
            }
        };
        let d = Draft {
            a: start,
            b: uend,
            kind,
            value: None,
            low: Some(tidy(lo * factor)),
            high: Some(tidy(hi * factor)),
            unit,
            qualifier: Qualifier::Several,
            value_raw: None,
            unit_raw,
            ref_date: String::new(),
            status: Status::Ok,
            notes: Vec::new(),
        };
        self.push_qty(d, factor);
        Some(uend)
    }

    /// "doubled", "tripled", "fourfold", "twice that of", "once or twice".
    fn times_words_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        let w = self.w(j);
        let tok = self.toks.get(j)?;
        if tok.t != T::Word {
            return None;
        }
        // "once or twice": a count of occasions, 1 to 2.
        if w == "once" {
            if self.is(j + 1, "or") && self.is(j + 2, "twice") {
                let d = self.qty_draft(start, j + 3, Kind::Count, "unit", 1.0, None, Some((1.0, 2.0)), q, (0, 0));
                self.push_qty(d, 1.0);
                return Some(j + 3);
            }
            return None;
        }
        let (n, bei, end): (f64, bool, usize) = if let Some(stem) = w.strip_suffix("fold") {
            // "fourfold", "tenfold": ambiguous like 增加N倍.
            let v = num::parse(stem).ok()?;
            let end = if self.is(j + 1, "increase") || self.is(j + 1, "rise") { j + 2 } else { j + 1 };
            (v, true, end)
        } else {
            let v = match w {
                "doubled" | "doubling" | "doubles" | "redoubled" => 2.0,
                "double" => {
                    let cue = q.is_some()
                        || self.is_any(j + 1, &["that", "the", "what", "those", "compared", "last", "its", "their"])
                        || self.is_any(j.wrapping_sub(1), &["to", "will", "would", "must", "should", "can", "could"]);
                    if !cue {
                        return None;
                    }
                    2.0
                }
                "tripled" | "trebled" | "tripling" => 3.0,
                "triple" | "treble" if q.is_some() || self.is_any(j + 1, &["that", "the", "what"]) => 3.0,
                "quadrupled" => 4.0,
                "twice" => {
                    if self.is(j + 1, "or") {
                        return None;
                    }
                    if !self.is_any(j + 1, &TIMES_EXACT_AFTER) && !TIMES_BEI_AFTER.contains(&self.w(j + 1)) {
                        // "was postponed twice": occasions.
                        let d = self.qty_draft(start, j + 1, Kind::Count, "unit", 1.0, Some(2.0), None, q, (0, 0));
                        self.push_qty(d, 1.0);
                        return Some(j + 1);
                    }
                    2.0
                }
                _ => return None,
            };
            // "nearly doubled" (近倍): value 1, [1, 2], ambiguous.
            if v == 2.0 && q == Some(Q::Approx) && w != "twice" {
                let mut d = self.qty_draft(start, j + 1, Kind::Multiple, "x", 1.0, Some(1.0), None, q, (0, 0));
                d.high = Some(2.0);
                d.notes.push("bei_ambiguous");
                self.push_qty(d, 1.0);
                return Some(j + 1);
            }
            let a_doubling = w == "doubling" && self.is(j.wrapping_sub(1), "a");
            let s = if a_doubling && start == j { j - 1 } else { start };
            let d = self.qty_draft(s, j + 1, Kind::Multiple, "x", 1.0, Some(v), None, q, (0, 0));
            self.push_qty(d, 1.0);
            return Some(j + 1);
        };
        let s = if start == j && self.is(j.wrapping_sub(1), "a") { j - 1 } else { start };
        let mut d = self.qty_draft(s, end, Kind::Multiple, "x", 1.0, Some(n), None, q, (0, 0));
        if bei {
            bei_interval(&mut d, n);
        }
        self.push_qty(d, 1.0);
        Some(end)
    }

    /// "half", "more than half", "one-third", "two-thirds of", "half a ton", "half an hour".
    fn fraction_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        let w = self.w(j);
        let prev = self.prev_word(j);
        if num::is_ordinal_word(prev) && w != "half" {
            return None;
        }
        if w == "half" {
            if num::is_ordinal_word(prev)
                || matches!(prev, "latter" | "past" | "and" | "a" | "an")
                || self.is_punct(j + 1, '-')
            {
                return None;
            }
            // "half a ton", "half an hour": 0.5 of the unit.
            if self.is_any(j + 1, &["a", "an"]) {
                if let Some(u) = self.unit_at(j + 2) {
                    if let U::Def(def) = &u.u {
                        let Some(kind) = def.kind else { return Some(u.end) };
                        let d = self.qty_draft(
                            start,
                            u.end,
                            kind,
                            &def.unit.clone(),
                            def.factor,
                            Some(0.5),
                            None,
                            q,
                            (u.a, u.end),
                        );
                        self.push_qty(d, def.factor);
                        return Some(u.end);
                    }
                }
            }
            let ok = q.is_some()
                || self.is_any(j + 1, &["of", "the", "its", "their", "this", "that", "these", "those"])
                || prev == "by";
            if !ok {
                return None;
            }
            let mut d = self.qty_draft(start, j + 1, Kind::Fraction, "1", 1.0, Some(0.5), None, q, (0, 0));
            if matches!(q, Some(Q::MoreThan | Q::MoreThanStep)) {
                d.high = Some(1.0);
            }
            self.push_qty(d, 1.0);
            return Some(j + 1);
        }
        // numerator (a, an, one .. nine) + denominator (third, quarter, fifths, ...)
        let numer = match w {
            "a" | "an" => 1.0,
            _ => match num::word(w)? {
                NumWord::Unit(n) if n > 0 => f64::from(n),
                _ => return None,
            },
        };
        let hyphen = self.is_punct(j + 1, '-') && self.tight(j + 1);
        let dk = if hyphen { j + 2 } else { j + 1 };
        let dw = self.w(dk);
        let denom = match dw.strip_suffix('s').unwrap_or(dw) {
            "half" | "halve" => 2.0,
            "third" => 3.0,
            "quarter" | "fourth" => 4.0,
            "fifth" => 5.0,
            "sixth" => 6.0,
            "seventh" => 7.0,
            "eighth" => 8.0,
            "ninth" => 9.0,
            "tenth" => 10.0,
            "hundredth" => 100.0,
            _ => return None,
        };
        if denom == 2.0 {
            return None;
        }
        let plural_ok = numer > 1.0 && dw.ends_with('s');
        if !(hyphen || self.is(dk + 1, "of") || q.is_some() || plural_ok) {
            return None;
        }
        let v = tidy(numer / denom);
        let d = self.qty_draft(start, dk + 1, Kind::Fraction, "1", 1.0, Some(v), None, q, (0, 0));
        self.push_qty(d, 1.0);
        Some(dk + 1)
    }

    /// A number phrase at `j`: digits, number words, digits with scale words.
    fn number_phrase(&self, j: usize) -> Option<NumP> {
        let mut c = Composer::new();
        let mut best: Option<(Composer, usize)> = None;
        let mut k = j;
        let mut first_word: Option<NumWord> = None;
        let mut taken: Vec<(NumWord, usize)> = Vec::new();
        loop {
            let mut p = k;
            if k > j {
                if self.is_punct(p, '-') && self.tight(p) && self.tight(p + 1) {
                    p += 1;
                }
                if !self.same_line(p) {
                    break;
                }
            }
            let Some(tok) = self.toks.get(p) else { break };
            let nw = match tok.t {
                T::Num if k == j => match num::parse_digits(self.w(p)) {
                    Ok(v) => NumWord::Digits(v),
                    Err(e) => {
                        return Some(NumP {
                            a: j,
                            end: p + 1,
                            value: Err(e),
                            spelled: false,
                            lone_one: false,
                            lone_scale: false,
                            digits: true,
                            trail: None,
                        });
                    }
                },
                T::Word => match num::word(self.w(p)) {
                    Some(nw) => nw,
                    None => break,
                },
                _ => break,
            };
            if !c.push(nw) {
                break;
            }
            if first_word.is_none() {
                first_word = Some(nw);
            }
            taken.push((nw, p + 1));
            k = p + 1;
            if c.complete() {
                best = Some((c, k));
            }
        }
        let (c, end) = best?;
        let spelled = self.t(j) == Some(T::Word);
        taken.retain(|(_, e)| *e <= end);
        let run = taken.iter().rev().take_while(|(w, _)| matches!(w, NumWord::Scale(_) | NumWord::Hundred)).count();
        let trail = if run > 0 && run < taken.len() {
            let mut lead = Composer::new();
            let ok = taken[..taken.len() - run].iter().all(|(w, _)| lead.push(*w));
            match (ok, lead.value(), c.value()) {
                (true, Ok(l), Ok(v)) if l > 0.0 => Some((l, v / l)),
                _ => None,
            }
        } else {
            None
        };
        Some(NumP {
            a: j,
            end,
            value: c.value(),
            spelled,
            lone_one: c.len() == 1 && first_word == Some(NumWord::Unit(1)),
            lone_scale: matches!(first_word, Some(NumWord::Scale(_) | NumWord::Hundred)),
            digits: !spelled && c.len() == 1,
            trail,
        })
    }

    /// Whether the number at `j..end` is a name or an index, not a quantity (No. 3, (1), "666",
    /// Tu-104, 30:45).
    fn is_name_number(&self, j: usize, end: usize) -> bool {
        let prev = self.prev_word(j);
        if LEX.name_before.contains(prev) {
            return true;
        }
        if prev == "." && j >= 2 && LEX.name_before.contains(self.w(j - 2)) && self.tight(j - 1) {
            return true;
        }
        let after = self.w(end);
        if (prev == "(" && after == ")")
            || (matches!(prev, "\"" | "“" | "'") && matches!(after, "\"" | "”" | "'") && end == j + 1)
        {
            return true;
        }
        if prev == "-" && self.tight(j) && j >= 2 && self.t(j - 2) == Some(T::Word) && self.tight(j - 1) {
            return true;
        }
        if after == ":" && self.t(end + 1) == Some(T::Num) {
            return true;
        }
        if prev == ":" && j >= 2 && self.t(j - 2) == Some(T::Num) && self.tight(j) {
            return true;
        }
        false
    }

    /// The unit right after a number (a hyphen may join them: "10,000-ton").
    fn unit_at(&self, k: usize) -> Option<UnitHit> {
        let mut p = k;
        if self.is_punct(p, '-') && self.tight(p) && self.tight(p + 1) {
            p += 1;
        }
        if !self.same_line(p) {
            return None;
        }
        let tok = self.toks.get(p)?;
        if tok.t == T::Punct {
            let w = self.w(p);
            if (w == "%" || w == "％") && p == k {
                return Some(UnitHit { u: U::Percent, a: p, end: p + 1, extra: 0.0 });
            }
            return None;
        }
        if tok.t != T::Word {
            return None;
        }
        match self.w(p) {
            "fold" => return Some(UnitHit { u: U::Fold, a: p, end: p + 1, extra: 0.0 }),
            "times" | "time" => return Some(UnitHit { u: U::Times, a: p, end: p + 1, extra: 0.0 }),
            "strong" => return Some(UnitHit { u: U::Strong, a: p, end: p + 1, extra: 0.0 }),
            _ => {}
        }
        let (end, def) = self.longest(&LEX.units, p)?;
        let mut def = def.clone();
        let mut end = end;
        let mut extra = 0.0;
        // Compound old units: "61,584 jin and two liang", "130,434 jin, ten liang, and four
        // qian", "one mu, seven li, and five hao": the smaller units add to the first.
        let subunits: &[(&str, f64)] = match self.w(p) {
            "jin" | "catty" | "catties" => &[("liang", 16.0), ("qian", 160.0)],
            "mu" | "mou" => &[("fen", 10.0), ("li", 100.0), ("hao", 1000.0)],
            _ => &[],
        };
        for _ in 0..subunits.len() {
            let mut k2 = end;
            if self.is_punct(k2, ',') {
                k2 += 1;
            }
            if self.is(k2, "and") {
                k2 += 1;
            }
            if k2 == end {
                break;
            }
            let Some(np) = self.number_phrase(k2) else { break };
            let Some((_, div)) = subunits.iter().find(|(u, _)| self.is(np.end, u)) else { break };
            extra += np.v().unwrap_or(0.0) / div;
            end = np.end + 1;
        }
        if def.unit == "t" && matches!(self.w(p), "jin" | "catty" | "catties") {
            // "N jin per mu", "N jin of millet per mu": a yield.
            let mut k2 = end;
            if self.is(k2, "of") {
                k2 += 1;
                let mut n = 0;
                // words of the crop, hyphens included ("of middle-season rice per mu")
                while n < 6
                    && (self.t(k2) == Some(T::Word) || (self.is_punct(k2, '-') && self.tight(k2)))
                    && !self.is(k2, "per")
                    && !NP_STOP.contains(&self.w(k2))
                {
                    k2 += 1;
                    n += 1;
                }
            }
            if self.is(k2, "per") && self.is_any(k2 + 1, &["mu", "mou"]) {
                def = UnitDef { kind: Some(Kind::Yield), unit: "jin/mu".into(), factor: 1.0 };
                end = k2 + 2;
            } else if self.yield_before(k) || self.yield_cue(k) || self.yield_threshold_after(end) {
                def = UnitDef { kind: Some(Kind::Yield), unit: "jin/mu".into(), factor: 1.0 };
            }
        }
        Some(UnitHit { u: U::Def(def), a: p, end, extra })
    }

    /// "the average yield per mu reached about 320 jin": "per mu" earlier in the clause, with
    /// no number between.
    fn yield_before(&self, k: usize) -> bool {
        let s = self.sentence(k);
        let mut n = 0;
        let mut p = k;
        while p > 0 && n < 14 {
            p -= 1;
            if self.sentence(p) != s || matches!(self.w(p), ";" | ",") {
                return false;
            }
            if p + 1 < k && self.t(p) == Some(T::Num) && p + 1 != k {
                // another number in between (the one at k-1 is ours)
                if self.toks[p].b < self.toks.get(k.saturating_sub(1)).map_or(0, |t| t.a) {
                    return false;
                }
            }
            if self.is(p, "per") && self.is_any(p + 1, &["mu", "mou"]) {
                return true;
            }
            n += 1;
        }
        false
    }

    /// "a yield of 1,000 jin", "two counties with over 5,000 jin of millet": a yield, though
    /// "per mu" is not said. `k` is the token after the number.
    fn yield_cue(&self, k: usize) -> bool {
        let mut p = k;
        while p > 0 {
            let t = self.t(p - 1);
            let numeric = t == Some(T::Num)
                || (t == Some(T::Word) && num::word(self.w(p - 1)).is_some())
                || self.is_punct(p - 1, '-')
                // the first end of a range: "yielding 10,000 to 20,000 jin"
                || (p >= 2 && self.is_any(p - 1, &["to", "or"]) && self.t(p - 2) == Some(T::Num));
            if !numeric || k - p > 6 {
                break;
            }
            p -= 1;
        }
        // a qualifier before the number
        for back in 1..=3 {
            if p >= back {
                if let Some((end, _)) = self.longest(&LEX.pre, p - back) {
                    if end == p {
                        p -= back;
                        break;
                    }
                }
            }
        }
        let w1 = self.prev_word(p);
        let w2 = if p >= 2 { self.w(p - 2) } else { "" };
        if w1 == "of" && matches!(w2, "yield" | "yields") {
            // "a field of one mu and eight li, with a yield of 89,127 jin": the harvest of a
            // field whose area is given (not one mu) is a total, unless an average or "per mu"
            // is said.
            let per = (p.saturating_sub(5)..p.saturating_sub(2))
                .any(|q| self.is_any(q, &["average", "per", "unit"]) && self.sentence(q) == self.sentence(p));
            return per || !self.field_area_before(p.saturating_sub(2));
        }
        // "313 mu of millet \"satellite\" fields yielding 10,000 to 20,000 jin", "6.1 mu
        // yielding more than 20,000 jin": fields classed by their yield per mu. Not "0.85 mu
        // was harvested, yielding 52,346 jin" (a total): no comma or verb in between.
        if w1 == "yielding" && p >= 2 {
            let s = self.sentence(p);
            for q in (p.saturating_sub(9)..p - 1).rev() {
                if self.sentence(q) != s
                    || self.is_punct(q, ',')
                    || self.is_punct(q, ';')
                    || self.is_any(q, &["was", "were", "is", "are", "had", "has", "have", "been", "which", "that"])
                {
                    break;
                }
                if self.is_any(q, &["mu", "mou"]) && q > 0 && self.t(q - 1) == Some(T::Num) {
                    return true;
                }
            }
        }
        if w1 == "with" {
            let s = self.sentence(p);
            return (p.saturating_sub(7)..p.saturating_sub(1)).any(|q| {
                self.sentence(q) == s
                    && (self
                        .count_noun_at(q)
                        .is_some_and(|(c, _)| matches!(c.as_str(), "county" | "province" | "field"))
                        || matches!(self.w(q), "area" | "areas" | "region" | "regions" | "prefecture" | "prefectures"))
            });
        }
        false
    }

    /// An area other than one mu stated earlier in the sentence of token `k` ("a rice field of
    /// one mu and eight li", "0.85 mu"), not a rate ("per mu").
    fn field_area_before(&self, k: usize) -> bool {
        let s = self.sentence(k);
        (1..k).rev().take_while(|&q| self.sentence(q) == s).any(|q| {
            if !self.is_any(q, &["mu", "mou"]) || self.is(q - 1, "per") {
                return false;
            }
            let prev = self.w(q - 1);
            let numeric = self.t(q - 1) == Some(T::Num) || num::word(prev).is_some();
            let more = self.is_any(q + 1, &["and", ","])
                && (q + 2..q + 4).any(|r| self.t(r) == Some(T::Num) || num::word(self.w(r)).is_some());
            numeric && (!matches!(prev, "one" | "1") || more)
        })
    }

    /// "a 1,000-jin county", "the Thousand Jin Rice City", "a 10,000-jin field": places
    /// named by their yield per mu (千斤县, ANNOTATION.md decisions).
    fn yield_threshold_after(&self, end: usize) -> bool {
        (end..end + 3).take_while(|&q| self.t(q) == Some(T::Word) && self.same_line(q)).any(|q| {
            matches!(
                self.w(q),
                "county"
                    | "counties"
                    | "city"
                    | "cities"
                    | "province"
                    | "provinces"
                    | "township"
                    | "townships"
                    | "commune"
                    | "communes"
                    | "field"
                    | "fields"
                    | "plot"
                    | "plots"
                    | "target"
                    | "targets"
                    | "goal"
                    | "goals"
                    | "satellite"
                    | "satellites"
                    | "university"
                    | "universities"
                    | "school"
                    | "schools"
            )
        })
    }

    /// A counted noun at token `k` (one or two words, plural or singular): its class and end.
    fn count_noun_at(&self, k: usize) -> Option<(String, usize)> {
        if self.t(k) != Some(T::Word) {
            return None;
        }
        let w1 = self.w(k);
        let w2 = if self.t(k + 1) == Some(T::Word) && self.same_line(k + 1) { self.w(k + 1) } else { "" };
        if !w2.is_empty() {
            for s in singulars(w2) {
                let key = format!("{w1} {s}");
                if let Some(c) = LEX.counts.get(&key) {
                    return Some((c.clone(), k + 2));
                }
            }
        }
        for s in singulars(w1) {
            if let Some(c) = LEX.counts.get(s.as_str()) {
                return Some((c.clone(), k + 1));
            }
        }
        None
    }

    /// The class of what a number at `num_start` counts: the last counted noun of the noun
    /// phrase from `k` ("4,700 county, township, and commune cadres"), else "the number of
    /// <noun>" or "<noun> of" before it. Returns the class ("unit" when unknown) and, when the
    /// noun stands right at `k`, its end (to take it into the surface).
    fn count_class(&self, k: usize, num_start: usize) -> (String, Option<usize>) {
        let mut found: Option<String> = None;
        let mut nouns = 0;
        let mut adjacent_end = None;
        let mut p = k;
        let mut words = 0;
        while words < 7 {
            let Some(tok) = self.toks.get(p) else { break };
            if tok.nl {
                break;
            }
            match tok.t {
                T::Word => {
                    if let Some((c, e)) = self.count_noun_at(p) {
                        // "26 people's communes": a possessive is no head noun.
                        if (self.is_punct(e, '\'') || self.is_punct(e, '’')) && self.is(e + 1, "s") && self.tight(e) {
                            p = e + 2;
                            words += 1;
                            continue;
                        }
                        found = Some(c);
                        nouns += 1;
                        if p == k {
                            adjacent_end = Some(e);
                        }
                        p = e;
                        words += 1;
                        continue;
                    }
                    let w = self.w(p);
                    if NP_STOP.contains(&w) {
                        // "thousands of tons", "45 of the furnaces", "county, township, and
                        // commune cadres"
                        let of_here = (w == "of" && (p == k || self.is_punct(p - 1, ',')))
                            || (w == "the" && p > k && self.is(p - 1, "of"));
                        let next_plain = self.t(p + 1) == Some(T::Word)
                            && !NP_STOP.contains(&self.w(p + 1))
                            && num::word(self.w(p + 1)).is_none();
                        let list_and =
                            w == "and" && p > k && (self.is_punct(p - 1, ',') || (found.is_none() && next_plain));
                        if !(of_here || list_and) {
                            break;
                        }
                    } else if num::word(w).is_some() || num::is_ordinal_word(w) {
                        break;
                    } else if p > k && is_plural_head(w) && !LEX.vague.by_first.contains_key(w) {
                        // "six major measures, including expanding furnace output": a plural
                        // noun before a comma or a stop word heads the phrase.
                        let nx = self.w(p + 1);
                        if self.t(p + 1) != Some(T::Word) || (NP_STOP.contains(&nx) && nx != "of") {
                            break;
                        }
                    }
                    words += 1;
                }
                T::Punct if matches!(self.w(p), "," | "-" | "&") => {}
                // "the two 3.3 cubic meter small blast furnaces": a measure inside the phrase.
                T::Num if self.t(p + 1) == Some(T::Word) => match self.unit_at(p + 1) {
                    Some(UnitHit { u: U::Def(_), end, .. }) if self.t(end) == Some(T::Word) => {
                        p = end;
                        words += 1;
                        continue;
                    }
                    _ => break,
                },
                _ => break,
            }
            p += 1;
        }
        if let Some(c) = found {
            return (c, if nouns == 1 { adjacent_end } else { None });
        }
        // "a population of only 160,000", "the number of small coal mines ... from 630"
        let s = self.sentence(num_start);
        let mut p = num_start;
        let mut n = 0;
        while p > 0 && n < 16 {
            p -= 1;
            if self.sentence(p) != s || matches!(self.w(p), ";") {
                break;
            }
            if self.is(p, "population") {
                return ("person".into(), None);
            }
            if self.is(p, "number") && self.is(p + 1, "of") {
                let (c, _) = self.count_class_plain(p + 2);
                if let Some(c) = c {
                    return (c, None);
                }
            }
            n += 1;
        }
        ("unit".into(), None)
    }

    fn count_class_plain(&self, k: usize) -> (Option<String>, usize) {
        let mut found = None;
        let mut p = k;
        for _ in 0..6 {
            if self.t(p) != Some(T::Word) || (NP_STOP.contains(&self.w(p)) && p != k) {
                break;
            }
            if let Some((c, e)) = self.count_noun_at(p) {
                found = Some(c);
                p = e;
                continue;
            }
            p += 1;
        }
        (found, p)
    }

    /// An increase word right before the figure: "increased by N times", "an increase of N
    /// times", "up more than N times", "increased fourfold".
    fn increase_before(&self, start: usize) -> bool {
        let p = self.prev_word(start);
        if LEX.increase.contains(p) {
            return true;
        }
        if matches!(p, "by" | "of") && start >= 2 {
            let p2 = self.w(start - 2);
            return LEX.increase.contains(p2)
                || (p2 == "sharply" && start >= 3 && LEX.increase.contains(self.w(start - 3)));
        }
        false
    }

    /// "from X to Y" after a change verb ("increased from 28 tons to 32 tons") states two
    /// values; elsewhere ("from 630 to 1,431") a range.
    fn change_before_from(&self, start: usize) -> bool {
        if !self.is(start.wrapping_sub(1), "from") {
            return false;
        }
        let s = self.sentence(start);
        let mut p = start - 1;
        let mut n = 0;
        while p > 0 && n < 8 {
            p -= 1;
            if self.sentence(p) != s || matches!(self.w(p), ";" | ",") {
                break;
            }
            let w = self.w(p);
            if LEX.change.contains(w) || LEX.increase.contains(w) {
                return true;
            }
            n += 1;
        }
        false
    }

    fn number_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        let np = self.number_phrase(j)?;
        if self.is_name_number(j, np.end) {
            let mut end = np.end;
            if self.is_punct(end, ':') && self.t(end + 1) == Some(T::Num) {
                end += 2;
            }
            return if q.is_some() { None } else { Some(end) };
        }
        // "twenty-first": an ordinal, skip it whole.
        if np.spelled && self.is_punct(np.end, '-') && num::is_ordinal_word(self.w(np.end + 1)) {
            return Some(np.end + 2);
        }
        // "the Thirteen Tombs Reservoir": a capitalised number word inside a sentence, before
        // a capitalised word that is neither unit nor counted noun, is part of a name.
        if np.spelled && self.body && self.toks[j].cap && j > 0 && self.sentence(j - 1) == self.sentence(j) {
            let nx = np.end;
            let named = self.toks.get(nx).is_some_and(|t| t.cap && t.t == T::Word)
                && self.unit_at(nx).is_none()
                && self.count_noun_at(nx).is_none()
                && self.month_at(nx).is_none();
            if named {
                return if q.is_some() { None } else { Some(nx) };
            }
        }
        let mut k = np.end;
        // "2,000+ counties", "thirty-odd tons": like 多.
        let mut post: Option<Q> = None;
        if self.is_punct(k, '+') && self.tight(k) {
            post = Some(Q::MoreThanStep);
            k += 1;
        } else if self.is_punct(k, '-') && self.is(k + 1, "odd") {
            post = Some(Q::MoreThanStep);
            k += 2;
        }
        let u1 = self.unit_at(k);
        let after_u1 = u1.as_ref().map_or(k, |u| u.end);
        // Ranges: "300-400 tons", "2% to 10%", "4,000 to 5,000 plants", "5 or 6 jin",
        // "between 30 and 40".
        let mut range: Option<(NumP, Option<UnitHit>)> = None;
        // "four or five", "4-5": a loose range, which a bound before it turns into that bound
        // ("more than four or five times" is four or more, open).
        let mut loose_range = false;
        // "grew from 2,000 to 7,500 people": two figures, the unit of the second is the first's.
        let mut borrowed: Option<(NumP, Option<UnitHit>)> = None;
        let mut x_scaled = np.v();
        if post.is_none() && np.v().is_some() {
            let conn = after_u1;
            let dash = (self.is_punct(conn, '-') || self.is_punct(conn, '–'))
                && self.tight(conn)
                && self.tight(conn + 1)
                && u1.is_none();
            let mut from_change = false;
            let word_conn = match self.w(conn) {
                "to" => {
                    from_change = self.change_before_from(start);
                    self.same_line(conn)
                }
                "or" => true,
                "and" => self.is(start.wrapping_sub(1), "between"),
                _ => false,
            };
            if dash || word_conn {
                if let Some(np2) = self.number_phrase(conn + 1) {
                    let mut x = np.v().unwrap_or(0.0);
                    let y = np2.v().unwrap_or(0.0);
                    // "three to four hundred", "1.5 to 2 million": the scale of the second end
                    // applies to both.
                    if let (Some((lead, mult)), None) = (np2.trail, np.trail) {
                        if x < lead && u1.is_none() && !np.lone_scale {
                            x = tidy(x * mult);
                            x_scaled = Some(x);
                        }
                    }
                    let u2_peek = self.unit_at(np2.end);
                    let again = self.is(u2_peek.as_ref().map_or(np2.end, |u| u.end), "to");
                    if from_change && !again {
                        if u1.is_none() && np2.v().is_some() {
                            borrowed = Some((np2.clone(), u2_peek.clone()));
                        }
                        x = f64::INFINITY;
                    }
                    let same_style = np2.spelled == np.spelled || self.w(conn) == "to";
                    let u2 = self.unit_at(np2.end);
                    let units_agree = match (&u1, &u2) {
                        (Some(a), Some(b)) => same_unit(&a.u, &b.u),
                        _ => true,
                    };
                    let np2_ok = np2.v().is_some()
                        && !np2.lone_scale
                        && (np2.digits || !dash)
                        && !self.is_name_number(np2.a, np2.end);
                    let years = self.year_num(j).is_some() && self.year_num(np2.a).is_some() && !np.spelled;
                    let u2_or_not_both = !(u1.is_some() && u2.is_none() && self.w(conn) == "to");
                    if np2_ok && x < y && same_style && units_agree && !years && u2_or_not_both {
                        loose_range = dash || self.is(conn, "or");
                        range = Some((np2, u2));
                    }
                }
            }
        }
        if range.is_none() {
            x_scaled = np.v();
        }
        let mut borrowed_unit = false;
        let (unit, end_num, raw_y) = match &range {
            Some((np2, u2)) => (u2.clone().or(u1.clone()), np2.end, np2.v()),
            None => match (&u1, &borrowed) {
                (None, Some((_, Some(u2)))) if matches!(u2.u, U::Def(_) | U::Percent) => {
                    borrowed_unit = true;
                    (Some(u2.clone()), np.end, None)
                }
                _ => (u1.clone(), np.end, None),
            },
        };
        let x = x_scaled;
        let unit_end = if borrowed_unit {
            k
        } else {
            unit.as_ref().map(|u| u.end).unwrap_or(if range.is_some() { end_num } else { k })
        };
        // post qualifiers after the unit: "1,000 tons or more", "a dozen or so"
        let mut end = unit_end;
        if post.is_none() {
            if let Some((e, pq)) = self.longest(&LEX.post, end) {
                // "... per mu and more than 4,600 jin": the next figure's qualifier.
                if *pq != Q::MoreThanStep && self.same_line(end) && !self.is(e, "than") {
                    post = Some(*pq);
                    end = e;
                }
            }
        }
        let q_eff = match (q, post) {
            (Some(Q::Exact) | None, Some(p)) => Some(p),
            (q, _) => q,
        };
        let mut span_range = range.as_ref().map(|_| (x.unwrap_or(0.0), raw_y.unwrap_or(0.0)));
        // A bound on a loose range keeps one end and opens the other.
        let mut x = x;
        let mut open_bound = false;
        if loose_range {
            match q_eff {
                Some(Q::MoreThan | Q::MoreThanStep) => {
                    span_range = None;
                    open_bound = true;
                }
                Some(Q::LessThan) => {
                    span_range = None;
                    x = raw_y;
                    open_bound = true;
                }
                _ => {}
            }
        }
        let q_eff = if open_bound && q_eff == Some(Q::MoreThanStep) { Some(Q::MoreThan) } else { q_eff };

        let Some(unit) = unit else {
            let hint = borrowed.as_ref().and_then(|(np2, _)| {
                let (c, _) = self.count_class(np2.end, np2.a);
                (c != "unit").then_some(c)
            });
            let mut np = np.clone();
            if open_bound {
                np.value = x.ok_or(NumError::Empty);
            }
            return self.bare_number(start, &np, end_num.max(k), q_eff, span_range, hint);
        };
        let uraw = if borrowed_unit { (0, 0) } else { (unit.a, unit.end) };
        let raw = x.map(|v| v + unit.extra);
        match &unit.u {
            U::Def(def) => {
                let Some(kind) = def.kind else { return Some(end) };
                if kind == Kind::Duration {
                    // "One day equals twenty years!": a slogan, no quantity (ANNOTATION.md).
                    let equals = self.is_any(start.wrapping_sub(1), &["equals", "equal", "equalling"])
                        || (self.is(start.wrapping_sub(1), "to")
                            && self.is_any(start.wrapping_sub(2), &["equal", "equals"]));
                    if self.in_quote || np.lone_scale || equals {
                        return Some(end);
                    }
                    // "four days and nights", "three days and three nights" (三天三夜): one
                    // duration.
                    if self.is(end, "and") && self.is_any(end + 1, &["nights", "night"]) {
                        end += 2;
                    } else if def.unit == "day" && self.is(end, "and") {
                        if let Some(np2) = self.number_phrase(end + 1) {
                            if np2.v() == np.v() && self.is_any(np2.end, &["nights", "night"]) {
                                end = np2.end + 1;
                            }
                        }
                    }
                    // "three hours and fifty-three minutes", "one hour and three minutes": one
                    // duration in minutes (a lone "one" is a figure here).
                    if def.unit == "hour" && self.is(end, "and") && range.is_none() {
                        if let Some(np2) = self.number_phrase(end + 1) {
                            if self.is_any(np2.end, &["minutes", "minute"]) {
                                let total = raw.zip(np2.v()).map(|(h, m)| h * 60.0 + m);
                                let d = self.qty_draft(
                                    start,
                                    np2.end + 1,
                                    kind,
                                    "minute",
                                    1.0,
                                    total,
                                    None,
                                    q_eff,
                                    (unit.a, np2.end + 1),
                                );
                                self.push_qty(d, 1.0);
                                return Some(np2.end + 1);
                            }
                        }
                    }
                    // "one day and a half", "three hours and a half"
                    let half = range.is_none() && self.seq(end, &["and", "a", "half"]).is_some();
                    if np.lone_one && !half {
                        return Some(end);
                    }
                    if half {
                        let d = self.qty_draft(
                            start,
                            end + 3,
                            kind,
                            &def.unit.clone(),
                            def.factor,
                            raw.map(|v| v + 0.5),
                            None,
                            q_eff,
                            uraw,
                        );
                        self.push_qty(d, def.factor);
                        return Some(end + 3);
                    }
                } else if np.lone_scale
                    && !matches!(
                        kind,
                        Kind::Mass
                            | Kind::Area
                            | Kind::Length
                            | Kind::Volume
                            | Kind::Money
                            | Kind::Energy
                            | Kind::Power
                            | Kind::Yield
                    )
                {
                    return Some(end);
                }
                let mut d =
                    self.qty_draft(start, end, kind, &def.unit.clone(), def.factor, raw, span_range, q_eff, uraw);
                if np.value.is_err() {
                    d.status = Status::Unparsed;
                }
                self.push_qty(d, def.factor);
                Some(end)
            }
            U::Percent => {
                let d = self.qty_draft(start, end, Kind::Percent, "%", 1.0, raw, span_range, q_eff, uraw);
                self.push_qty(d, 1.0);
                Some(end)
            }
            U::Strong => {
                let d = self.qty_draft(start, end, Kind::Count, "person", 1.0, raw, span_range, q_eff, (0, 0));
                self.push_qty(d, 1.0);
                Some(end)
            }
            U::Fold => {
                let mut end = end;
                if self.is_any(end, &["increase", "rise"]) {
                    end += 1;
                }
                let s = if start == j && self.is(j.wrapping_sub(1), "a") { j - 1 } else { start };
                let mut d = self.qty_draft(s, end, Kind::Multiple, "x", 1.0, raw, span_range, q_eff, (0, 0));
                if let Some(v) = raw {
                    bei_interval(&mut d, v);
                    if open_bound && d.qualifier == Qualifier::MoreThan {
                        d.high = None;
                    }
                }
                self.push_qty(d, 1.0);
                Some(end)
            }
            U::Times => {
                let after = self.w(unit.end);
                let bei = self.increase_before(start) || TIMES_BEI_AFTER.contains(&after);
                // "five times this summer" is how often, "five times this figure" a multiple.
                let when = self.is_any(unit.end, &["this", "last", "that", "these", "next"])
                    && self.is_any(
                        unit.end + 1,
                        &["year", "month", "week", "season", "spring", "summer", "autumn", "winter", "time", "day"],
                    )
                    && !self.is_punct(unit.end + 2, '\'')
                    && !self.is_punct(unit.end + 2, '’')
                    && raw.is_none_or(|v| v.fract() == 0.0);
                let exact = (TIMES_EXACT_AFTER.contains(&after) && !when)
                    || self.is(unit.end, "compared")
                    || self.is(unit.end, "over");
                if bei || exact {
                    if np.lone_one && !bei {
                        return Some(end);
                    }
                    let mut d = self.qty_draft(start, end, Kind::Multiple, "x", 1.0, raw, span_range, q_eff, (0, 0));
                    if bei {
                        if let Some(v) = raw {
                            bei_interval(&mut d, v);
                            if open_bound && d.qualifier == Qualifier::MoreThan {
                                d.high = None;
                            }
                        }
                    }
                    self.push_qty(d, 1.0);
                } else {
                    // "top-dressed three times": occasions.
                    if np.lone_one {
                        return Some(end);
                    }
                    let d = self.qty_draft(start, end, Kind::Count, "unit", 1.0, raw, span_range, q_eff, (0, 0));
                    self.push_qty(d, 1.0);
                }
                Some(end)
            }
        }
    }

    /// A number without a unit: a count of the noun that follows (or the thing counted before),
    /// or the unit of the figure it continues ("... to 6,382.9"); a lone "one" or a decimal of
    /// nothing yields no claim.
    fn bare_number(
        &mut self,
        start: usize,
        np: &NumP,
        end: usize,
        q: Option<Q>,
        range: Option<(f64, f64)>,
        hint: Option<String>,
    ) -> Option<usize> {
        let value = np.v();
        let int = value.is_none_or(|v| v.fract() == 0.0);
        let skip = if q.is_some() { None } else { Some(end) };
        if np.lone_one {
            // "Only one county ... failed": the number is the point (只有一个县).
            if q == Some(Q::Exact) {
                if let Some((class, e)) = self.count_noun_at(end) {
                    let d = self.qty_draft(start, e, Kind::Count, &class, 1.0, value, None, q, (0, 0));
                    self.push_qty(d, 1.0);
                    return Some(e);
                }
            }
            return skip;
        }
        let (mut class, noun_end) = self.count_class(end, np.a);
        if class == "unit" {
            if let Some(h) = hint {
                class = h;
            }
        }
        let s = self.sentence(start);
        if class == "unit" {
            // "over a thousand, two thousand, or three thousand meters": the unit
            // at the end of a list of numbers is every item's.
            if let Some(def) = self.list_unit(end) {
                if let Some(kind) = def.kind {
                    let d = self.qty_draft(start, end, kind, &def.unit, def.factor, value, range, q, (0, 0));
                    self.carry_q = q.filter(|q| *q != Q::Exact).map(|q| (end, q));
                    self.push_qty(d, def.factor);
                    return Some(end);
                }
            }
            // "from 3,275.3 tons ... to 6,382.9", "17 tons of steel, and the old one only 9.":
            // the unit of the figure this one continues.
            let prev = self.prev_word(start);
            let clause_end =
                self.toks.get(end).is_none_or(|t| t.t == T::Punct && !matches!(self.w(end), "-" | "(" | "%"));
            if let Some(last) =
                self.last_qty.clone().filter(|l| l.sentence == s && l.kind != Kind::Date && l.kind != Kind::Count)
            {
                if matches!(prev, "to" | "from" | "than") || clause_end {
                    let d = self.qty_draft(start, end, last.kind, &last.unit, last.factor, value, range, q, (0, 0));
                    self.push_qty(d, last.factor);
                    return Some(end);
                }
            }
            // "Of the 120 counties in the province, 97 have ...": the class counted before.
            if let Some((cs, c)) = self.last_count.clone() {
                if cs == s {
                    class = c;
                }
            }
        }
        if np.lone_scale && class == "unit" {
            return skip;
        }
        if !int && class == "unit" {
            return skip;
        }
        let e = noun_end.unwrap_or(end);
        // "one furnace lights up ten thousand furnaces" (一炉点燃万炉) in a quoted slogan: a
        // figure of speech, not a count.
        if self.in_quote && np.spelled && q.is_none() && class != "unit" && self.one_of_class_before(start, &class) {
            return Some(e);
        }
        let mut d = self.qty_draft(start, e, Kind::Count, &class, 1.0, value, range, q, (0, 0));
        if np.value.is_err() {
            d.status = Status::Unparsed;
        }
        self.push_qty(d, 1.0);
        Some(e)
    }

    /// "one <noun of this class>" earlier in the sentence (a parallel slogan: one X ... N X).
    fn one_of_class_before(&self, start: usize, class: &str) -> bool {
        let s = self.sentence(start);
        (start.saturating_sub(15)..start)
            .rev()
            .take_while(|&k| self.sentence(k) == s)
            .any(|k| self.is(k, "one") && self.count_noun_at(k + 1).is_some_and(|(c, _)| c == class))
    }

    /// The unit that ends a list of bare numbers starting after token `end` (", 2,000, or
    /// 3,000 meters").
    fn list_unit(&self, end: usize) -> Option<UnitDef> {
        let mut p = end;
        for _ in 0..6 {
            let mut sep = false;
            if self.is_punct(p, ',') {
                p += 1;
                sep = true;
            }
            if self.is_any(p, &["or", "and"]) {
                p += 1;
                sep = true;
            }
            if !sep || !self.same_line(p) {
                return None;
            }
            let np = self.number_phrase(p)?;
            if np.lone_one || self.year_num(p).is_some() {
                return None;
            }
            if let Some(u) = self.unit_at(np.end) {
                return match u.u {
                    U::Def(def) if def.kind.is_some() && def.kind != Some(Kind::Duration) => Some(def),
                    _ => None,
                };
            }
            p = np.end;
        }
        None
    }

    /// A quantity draft: `raw` in the printed unit (or `range` ends), `factor` to the
    /// canonical unit, qualifier `q` applied as in tests/gold/ANNOTATION.md.
    #[allow(clippy::too_many_arguments)]
    fn qty_draft(
        &self,
        a: usize,
        b: usize,
        kind: Kind,
        unit: &str,
        factor: f64,
        raw: Option<f64>,
        range: Option<(f64, f64)>,
        q: Option<Q>,
        unit_raw: (usize, usize),
    ) -> Draft {
        // Exact-only words ("only", "a total of") stay out of the surface.
        let a = if q == Some(Q::Exact) { self.skip_exact_words(a) } else { a };
        let mut d = Draft {
            a,
            b,
            kind,
            value: None,
            low: None,
            high: None,
            unit: unit.to_string(),
            qualifier: Qualifier::Exact,
            value_raw: raw,
            unit_raw,
            ref_date: String::new(),
            status: if raw.is_some() || range.is_some() { Status::Ok } else { Status::Unparsed },
            notes: Vec::new(),
        };
        if let Some((x, y)) = range {
            d.value_raw = None;
            d.low = Some(tidy(x * factor));
            d.high = Some(tidy(y * factor));
            // "over 92% to 99%", "more than four or five times": the range says more than the
            // qualifier; both ends are kept.
            d.qualifier = Qualifier::Range;
            return d;
        }
        let Some(raw) = raw else { return d };
        let v = tidy(raw * factor);
        d.value = Some(v);
        let (lo, hi, qual) = match q {
            None | Some(Q::Exact) => (Some(v), Some(v), Qualifier::Exact),
            Some(Q::Approx) => (Some(v), Some(v), Qualifier::Approx),
            Some(Q::MoreThan) => (Some(v), None, Qualifier::MoreThan),
            Some(Q::MoreThanStep) => (Some(v), Some(tidy(num::next_step(raw) * factor)), Qualifier::MoreThan),
            Some(Q::LessThan) => (None, Some(v), Qualifier::LessThan),
        };
        d.low = lo;
        d.high = hi;
        d.qualifier = qual;
        d
    }

    fn skip_exact_words(&self, a: usize) -> usize {
        match self.longest(&LEX.pre, a) {
            Some((end, Q::Exact)) => end,
            _ => a,
        }
    }

    fn push_qty(&mut self, d: Draft, factor: f64) {
        let sentence = self.sentence(d.a);
        if d.kind == Kind::Count && d.unit != "unit" {
            self.last_count = Some((sentence, d.unit.clone()));
        }
        self.last_qty = Some(LastQty { sentence, kind: d.kind, unit: d.unit.clone(), factor });
        self.drafts.push(d);
    }
}

/// The `bei_ambiguous` interval of "increased N times" / "N-fold": x N or x N+1.
fn bei_interval(d: &mut Draft, n: f64) {
    match d.qualifier {
        Qualifier::Range => {
            if let Some(h) = d.high {
                d.high = Some(tidy(h + 1.0));
            }
        }
        Qualifier::LessThan => d.high = Some(tidy(n + 1.0)),
        _ => {
            d.low = Some(n);
            d.high = Some(tidy(n + 1.0));
        }
    }
    d.status = Status::Ambiguous;
    d.notes.push("bei_ambiguous");
}

fn same_unit(a: &U, b: &U) -> bool {
    match (a, b) {
        (U::Def(x), U::Def(y)) => x.kind == y.kind && x.unit == y.unit,
        (U::Percent, U::Percent) | (U::Times, U::Times) | (U::Fold, U::Fold) | (U::Strong, U::Strong) => true,
        _ => false,
    }
}

/// A `ref_date` as ANNOTATION.md writes it: whole months as `1957-01/1957-08`.
fn ref_string(d: &RefDate) -> String {
    if let RefDate::Interval(a, b) = *d {
        let whole = a.day() == 1 && b.succ_opt().is_some_and(|n| n.day() == 1);
        if whole && (a.year(), a.month()) != (b.year(), b.month()) {
            return format!("{:04}-{:02}/{:04}-{:02}", a.year(), a.month(), b.year(), b.month());
        }
    }
    d.to_string()
}

/// A date moved by whole years ("the same period last year").
fn shift_year(d: RefDate, by: i32) -> RefDate {
    let day = |x: NaiveDate| x.with_year(x.year() + by).unwrap_or(x);
    match d {
        RefDate::Day(x) => RefDate::Day(day(x)),
        RefDate::Month(y, m) => RefDate::Month(y + by, m),
        RefDate::Year(y) => RefDate::Year(y + by),
        RefDate::Interval(a, b) => RefDate::Interval(day(a), day(b)),
    }
}

/// A word that looks like a plural noun (measures, posters), not "-ss" (process) or short.
fn is_plural_head(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")
}

/// Singular forms a plural may come from (furnaces -> furnace, counties -> county).
fn singulars(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    if let Some(s) = w.strip_suffix("ies") {
        out.push(format!("{s}y"));
    }
    if let Some(s) = w.strip_suffix("es") {
        out.push(s.to_string());
    }
    if let Some(s) = w.strip_suffix('s') {
        out.push(s.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Lang;

    fn run(text: &str, date: &str) -> Vec<Claim> {
        let ctx = Context { lang: Lang::En, section: SectionKind::Body, article_date: dates::parse_iso(date) };
        extract(text, &ctx)
    }

    fn show(cs: &[Claim]) -> Vec<String> {
        cs.iter()
            .map(|c| {
                let f = |x: Option<f64>| x.map_or("_".to_string(), |v| format!("{v}"));
                if c.kind == Kind::Date {
                    format!("{}|date|{}", c.surface, c.ref_date)
                } else {
                    format!("{}|{}|{}|{}|{}|{}", c.surface, c.kind.as_str(), f(c.value), f(c.low), f(c.high), c.unit)
                }
            })
            .collect()
    }

    macro_rules! case {
        ($text:expr, $date:expr, [$($want:expr),* $(,)?]) => {{
            let got = show(&run($text, $date));
            let want: Vec<&str> = vec![$($want),*];
            assert_eq!(got, want, "{}", $text);
        }};
    }

    #[test]
    fn seed_sentences() {
        case!(
            "Xinhua News Agency, Changsha, 12th. On the 10th, the daily output of raw coal reached 15,000 tons, a fourfold increase compared to the end of September, making it the first county in Hunan Province with a daily output of 10,000 tons of raw coal.",
            "1958-10-13",
            [
                "12th|date|1958-10-12",
                "the 10th|date|1958-10-10",
                "15,000 tons|mass|15000|15000|15000|t",
                "a fourfold increase|multiple|4|4|5|x",
                "the end of September|date|1958-09-30",
                "10,000 tons|mass|10000|10000|10000|t",
            ]
        );
        case!(
            "so that the day after launching a satellite of daily steel production of 2,513 tons on September 30, 752 indigenous furnaces in the county had to stop production.",
            "1958-10-13",
            [
                "the day after|date|1958-10-01",
                "2,513 tons|mass|2513|2513|2513|t",
                "September 30|date|1958-09-30",
                "752|count|752|752|752|furnace",
            ]
        );
        case!(
            "The First Secretary transferred more than half of the 4,700 county, township, and commune cadres engaged in steel production.",
            "1958-10-13",
            ["more than half|fraction|0.5|0.5|1|1", "4,700|count|4700|4700|4700|person"]
        );
        case!(
            "the county's coal mining labor force increased from 35,000 people to more than 90,000; the number of small coal mines in the county increased from 630 at the end of September to 1,431.",
            "1958-10-13",
            [
                "35,000 people|count|35000|35000|35000|person",
                "more than 90,000|count|90000|90000|_|person",
                "630|count|630|630|630|mine",
                "the end of September|date|1958-09-30",
                "1,431|count|1431|1431|1431|mine",
            ]
        );
    }

    #[test]
    fn idioms_and_ordinals_are_no_figures() {
        case!("Anyone whose thinking cannot keep up will fall behind step by step.", "1958-11-10", []);
        case!("High-yield steel satellites rose one after another.", "1958-11-10", []);
        case!("Those who cannot distinguish stones from ores will one day become experts.", "1958-11-10", []);
        case!("Now they are facing the second battle.", "1958-11-10", []);
        case!("The Shanghai No. 3 Steel Plant and the 8th Route Army veterans.", "1958-11-10", []);
        case!("On the one hand, it adopted the method of old factories leading new ones.", "1958-11-10", []);
    }

    #[test]
    fn numbers_units_and_qualifiers() {
        case!(
            "the tens of millions of the iron and steel army",
            "1958-11-10",
            ["tens of millions|count|_|10000000|100000000|person"]
        );
        case!(
            "we were able to obtain 1.87 million tons of steel in October alone",
            "1958-11-10",
            ["1.87 million tons|mass|1870000|1870000|1870000|t", "October|date|1958-10"]
        );
        case!(
            "The total output is 985,150,000 jin, with an average yield of 384.12 jin per mu.",
            "1958-10-10",
            ["985,150,000 jin|mass|492575|492575|492575|t", "384.12 jin per mu|yield|384.12|384.12|384.12|jin/mu",]
        );
        case!(
            "In early September the daily output was only a little over 100 tons.",
            "1958-10-14",
            ["early September|date|1958-09-01/1958-09-10", "a little over 100 tons|mass|100|100|200|t",]
        );
        case!(
            "the attendance rates increased by 2% to 10% compared to September",
            "1958-10-04",
            ["2% to 10%|percent|_|2|10|%", "September|date|1958-09",]
        );
        case!(
            "Over 4.5 million iron and steel workers",
            "1958-10-02",
            ["Over 4.5 million|count|4500000|4500000|_|person"]
        );
        case!("its 97,000+ mu of sorghum", "1958-10-06", ["97,000+ mu|area|97000|97000|98000|mu"]);
        case!(
            "Two counties produced over 1,000 tons.",
            "1958-10-02",
            ["Two counties|count|2|2|2|county", "over 1,000 tons|mass|1000|1000|_|t",]
        );
    }

    #[test]
    fn multiples_follow_the_bei_convention() {
        case!(
            "output rose by more than three times over the usual level",
            "1958-10-04",
            ["more than three times|multiple|3|3|4|x"]
        );
        case!(
            "which is 3.2 times the 25.3 billion jin of last year",
            "1958-10-06",
            [
                "3.2 times|multiple|3.2|3.2|3.2|x",
                "25.3 billion jin|mass|12650000|12650000|12650000|t",
                "last year|date|1957",
            ]
        );
        case!("the weeding was done three times", "1958-10-10", ["three times|count|3|3|3|unit"]);
    }

    #[test]
    fn bounds_negated_shared_and_opened() {
        case!(
            "The brick joints of the hearth did not exceed 2 mm.",
            "1958-09-16",
            ["not exceed 2 mm|length|0.002|_|0.002|m"]
        );
        case!(
            "Weeding was done more than four or five times to keep the fields clean.",
            "1958-10-10",
            ["more than four or five times|count|4|4|_|unit"]
        );
        case!(
            "The output of the mine did not reach 100 tons, though it went up to 80 tons.",
            "1958-10-13",
            ["not reach 100 tons|mass|100|_|100|t", "80 tons|mass|80|80|80|t"]
        );
    }

    #[test]
    fn compound_durations_and_day_ranges() {
        case!(
            "The time was one hour and three minutes shorter, and ore became steel in an hour and a half.",
            "1958-09-20",
            ["one hour and three minutes|duration|63|63|63|minute", "an hour and a half|duration|1.5|1.5|1.5|hour"]
        );
        case!(
            "The high-yield week ran from October 17 to 20.",
            "1958-10-22",
            ["October 17|date|1958-10-17", "20|date|1958-10-20"]
        );
    }

    #[test]
    fn field_totals_crop_yields_and_same_period_spans() {
        case!(
            "A paddy of three mu and two fen gave a yield of 48,000 jin, and the team's best plot gave 20,150 jin and \
             six liang of early-season rice per mu.",
            "1958-09-10",
            [
                "three mu and two fen|area|3.2|3.2|3.2|mu",
                "48,000 jin|mass|24|24|24|t",
                "20,150 jin and six liang of early-season rice per mu|yield|20150.375|20150.375|20150.375|jin/mu",
            ]
        );
        case!(
            "Over the same period last year, from January to October this year, output of cement rose sharply.",
            "1958-11-20",
            [
                "the same period last year|date|1957-01/1957-10",
                "January|date|1958-01",
                "October this year|date|1958-10"
            ]
        );
    }

    #[test]
    fn sentence_ends() {
        let t = "It reached 10.7 million tons by Sept. 30. Next sentence.";
        let cs = run(t, "1958-10-13");
        assert_eq!(cs[0].sentence, "It reached 10.7 million tons by Sept. 30.");
        assert!(!is_sentence_end(t, t.find("7 million").unwrap() - 1));
    }

    #[test]
    fn offsets_are_characters() {
        let t = "　　In Meixian County,\u{3000}50,000 coal miners extracted 710,000 tons of coal.";
        let cs = run(t, "1958-11-04");
        for c in &cs {
            let s: String = t.chars().skip(c.start).take(c.end - c.start).collect();
            assert_eq!(s, c.surface);
        }
        assert_eq!(cs.len(), 2);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "",
            "1",
            "1,",
            "1.",
            "-",
            "the",
            "12th",
            "a",
            "and a half",
            "99999999999999999999 tons",
            "Sept.",
            "2:",
            "half-",
            "one-",
            "九万多人 3,",
            "\u{3000}",
        ] {
            let _ = run(t, "1958-10-13");
            let ctx = Context { lang: Lang::En, section: SectionKind::Title, article_date: None };
            let _ = extract(t, &ctx);
        }
        // Regression: a full stop after a multi-byte character (found by the property test).
        assert!(is_sentence_end("ઌ.", 3));
        let _ = run("<ઌ. 12th.", "1958-10-13");
        let cs = run("99999999999999999999 tons", "1958-10-13");
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].status, Status::Unparsed);
        assert_eq!(cs[0].value, None);
    }
}
