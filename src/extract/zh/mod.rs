//! Chinese figures (issue 3): every quantity and date of a Chinese section, as claims.
//!
//! Input: the text of one Chinese section (title or body) and its [`Context`] (the article
//! date, against which dates resolve). Output: the figures in it as [`Claim`]s in text order,
//! with character offsets into `text`, `surface`, `kind`, the number in the canonical unit
//! with the interval the wording allows (`value`, `low`, `high`, `qualifier`), `unit`,
//! `value_raw`/`unit_raw`, `status`, `notes` (bei_ambiguous), `sentence`, and for dates the
//! resolved `ref_date`. The rules are those of `tests/gold/ANNOTATION.md`; the word lists are
//! data (`data/lexicon/*_zh.csv`).
//!
//! Invariants: one left-to-right pass over the characters; claims never overlap; no panic on
//! any input (all indexing goes through `get` on a `Vec<char>`, byte offsets are only taken
//! at char boundaries); a numeral that will not convert is still a claim, with empty value
//! and `status = unparsed`. Precision comes first: a numeral with no unit, counter, counted
//! noun or date marker yields nothing. The context columns (item, period, claim type, place)
//! and the `ref_date` of non-date figures are left to `crate::attribute`.
//!
//! One file per rule family, all of them methods of the one [`Extractor`]: `lexicon.rs` (the
//! word lists), `quantity.rs` (a numeral with its qualifiers and ranges), `measure.rs` (the
//! unit, counter or noun after it), `multiples.rs` (倍, 番, fractions, halves, vague amounts),
//! `dates.rs` (dates and date words), `dateline.rs` (the one dateline rule, attribution's too),
//! `tests.rs`. Where a numeral ends and what it is worth is
//! `crate::numerals::zh`.

use chrono::NaiveDate;

use super::Context;
use crate::claim::{Claim, Kind, Qualifier};
use crate::dates::RefDate;
use crate::numerals::zh::{self as numeral, scan_num, Num, Shape};
use crate::text::zh::is_clause_end;
use crate::text::SentenceEnds;

mod dateline;
mod dates;
mod lexicon;
mod measure;
mod multiples;
mod quantity;

use crate::extract::bounds::Interval;
use crate::text::{is_cjk, HashMap};
pub use dateline::{dateline, Evidence};
use lexicon::{Cue, LEX};
use measure::Measure;

/// Figures in Chinese text, offsets in characters of `text`.
///
/// ```
/// use leapfig::article::{Lang, SectionKind};
/// use leapfig::extract::{zh, Context};
/// let ctx = Context { lang: Lang::Zh, section: SectionKind::Body, article_date: leapfig::dates::parse_iso("1958-10-13") };
/// let claims = zh::extract("10日一天原煤产量达到一万五千吨，日产量较9月底提高四倍。", &ctx);
/// let found: Vec<(&str, Option<f64>, String)> =
///     claims.iter().map(|c| (c.surface.as_str(), c.value, c.ref_date.map(|d| d.to_string()).unwrap_or_default())).collect();
/// assert_eq!(found, vec![
///     ("10日", None, "1958-10-10".to_string()),
///     ("一万五千吨", Some(15000.0), String::new()),
///     ("9月底", None, "1958-09-30".to_string()),
///     ("四倍", Some(4.0), String::new()),
/// ]);
/// assert_eq!(claims[3].high, Some(5.0));
/// ```
pub fn extract(text: &str, ctx: &Context) -> Vec<Claim> {
    let mut ex = Extractor::new(text, ctx);
    ex.run();
    ex.out
}

// ---------------------------------------------------------------------------------------------
// The extractor

/// Marks that end a sentence: what dates and yields are looked back for within, and where the
/// `sentence` column ends (the full-width marks of the one Chinese rule).
fn is_sentence_end(c: char) -> bool {
    crate::text::zh::is_sentence_end(c, crate::text::zh::Marks::FullWidth)
}

/// The last few numerals scanned, by position, oldest overwritten first.
struct NumMemo {
    slots: [(usize, Option<Num>); 4],
    next: usize,
}

/// One pass over one section's characters, with what later figures resolve against.
struct Extractor<'a> {
    text: &'a str,
    cs: Vec<char>,
    /// Byte offset of each char, and the text's length at the end.
    bytes: Vec<usize>,
    article: Option<NaiveDate>,
    ctx: &'a Context,
    /// The last date mentioned, and where.
    last_date: Option<(RefDate, usize)>,
    dateline: Option<NaiveDate>,
    /// The last day mentioned that is not a baseline: what 当日 / 第二天 speak of.
    event_day: Option<NaiveDate>,
    /// After 1958年1月到: where the second end starts, and the first end's year and month.
    range_from: Option<(usize, i32, u32)>,
    out: Vec<Claim>,
    /// The last numerals scanned, by position: `step`, `date` and `bare_day` ask about one
    /// position several times (see [`Extractor::num`]).
    num_memo: std::cell::RefCell<NumMemo>,
    /// The text's sentence ends, found once when the first claim needs its sentence.
    ends: std::cell::OnceCell<SentenceEnds<'a>>,
}

impl<'a> Extractor<'a> {
    fn new(text: &'a str, ctx: &'a Context) -> Self {
        let mut cs = Vec::with_capacity(text.len() / 3);
        let mut bytes = Vec::with_capacity(text.len() / 3 + 1);
        for (b, c) in text.char_indices() {
            cs.push(c);
            bytes.push(b);
        }
        bytes.push(text.len());
        Extractor {
            text,
            cs,
            bytes,
            article: ctx.article_date,
            ctx,
            last_date: None,
            dateline: None,
            event_day: None,
            range_from: None,
            out: Vec::new(),
            num_memo: std::cell::RefCell::new(NumMemo { slots: std::array::from_fn(|_| (usize::MAX, None)), next: 0 }),
            ends: std::cell::OnceCell::new(),
        }
    }

    /// [`scan_num`] at `i`, remembered for the next few asks (issue 8).
    fn num(&self, i: usize) -> Option<Num> {
        let mut memo = self.num_memo.borrow_mut();
        if let Some((_, n)) = memo.slots.iter().find(|(k, _)| *k == i) {
            return n.clone();
        }
        let n = scan_num(&self.cs, i);
        let slot = memo.next;
        memo.slots[slot] = (i, n.clone());
        memo.next = (slot + 1) % memo.slots.len();
        n
    }

    fn at(&self, i: usize) -> Option<char> {
        self.cs.get(i).copied()
    }

    fn starts(&self, i: usize, w: &str) -> bool {
        w.chars().enumerate().all(|(k, c)| self.at(i + k) == Some(c))
    }

    fn sentence_start(&self, i: usize) -> usize {
        let mut k = i.min(self.cs.len());
        while k > 0 && !is_sentence_end(self.cs[k - 1]) {
            k -= 1;
        }
        k
    }

    fn clause_start(&self, i: usize) -> usize {
        let mut k = i.min(self.cs.len());
        // (Headline parts set apart by spaces are clauses too: 每人平均有粮一千三百多斤  四川跃居
        // 粮食千斤省, the per-person words do not reach the second part.)
        while k > 0 && !is_clause_end(self.cs[k - 1]) && !self.headline_gap(k - 1) {
            k -= 1;
        }
        k
    }

    /// Whether the character at `k` is an ideographic space or the second of two spaces: the gap
    /// between the parts of a headline (`text::zh::is_clause_sep` reads it so for attribution).
    fn headline_gap(&self, k: usize) -> bool {
        self.cs[k] == '　' || (self.cs[k] == ' ' && k > 0 && self.cs[k - 1] == ' ')
    }

    /// Whether a cue of this kind stands in `[from, to)`.
    fn cue_in(&self, from: usize, to: usize, cue: Cue) -> bool {
        (from..to).any(|k| LEX.cues.at(&self.cs, k).is_some_and(|(len, c)| *c == cue && k + len <= to))
    }

    /// Steps through the text left to right, passing over characters where nothing starts.
    fn run(&mut self) {
        let mut i = 0;
        while i < self.cs.len() {
            if !LEX.starters.may_start(self.cs[i]) {
                i += 1;
                continue;
            }
            i = self.step(i);
        }
    }

    /// Reads whatever starts at `i`; returns where to go on. In this order: 翻番, words that
    /// hold numerals but are no number (一定, 千万不能), dates, vague words (成千上万), 近倍, 半,
    /// then a numeral (not an ordinal, a name or a demonstrative's small count) as a figure.
    ///
    /// Example: in 第一车间十月份炼钢两千吨, 第一 is skipped, 十月份 is a date and 两千吨 a mass.
    fn step(&mut self, i: usize) -> usize {
        let c = self.cs[i];
        if c == '翻' || c == '加' {
            if let Some(e) = self.fan(i) {
                return e;
            }
        }
        if let Some((len, _)) = LEX.not_figures.at(&self.cs, i) {
            match self.num(i) {
                None => return i + len,
                Some(n) => {
                    // 千万吨 is a number; 千万不能 is "must". Only a word of magnitudes alone (千万)
                    // gives way to a unit after it.
                    let exact_word = n.b == i + len && n.ndigits == 0;
                    let unit_follows = self.measure_at(n.b, &n).is_some();
                    if n.b <= i + len && !(exact_word && unit_follows) {
                        return i + len;
                    }
                }
            }
        }
        // A decade (五十年代, 1950年代, 二十年代末) is neither a date nor a duration of 50 years;
        // 十年代价 and 三年代表 are other words.
        if let Some(n) = self.num(i) {
            let decade = |v: i64| (10..=90).contains(&v) || (1800..=2090).contains(&v);
            if self.starts(n.b, "年代")
                && n.int().is_some_and(|v| v % 10 == 0 && decade(v))
                && !matches!(self.at(n.b + 2), Some('表' | '价' | '替' | '理' | '办' | '销'))
            {
                return n.b + 2;
            }
        }
        if let Some(e) = self.date(i) {
            return e;
        }
        if let Some((len, &(lo, hi))) = LEX.vague.at(&self.cs, i) {
            if !(i > 0 && numeral::is_numeral_char(self.cs[i - 1])) {
                return self.vague_word(i, i + len, lo, hi);
            }
        }
        if c == '近' && self.at(i + 1) == Some('倍') {
            return self.near_double(i);
        }
        if c == '半' {
            if let Some(e) = self.half(i) {
                return e;
            }
        }
        if let Some(n) = self.num(i) {
            // Ordinals and names: 第一书记, 第二次, 8号高炉, 初一.
            if i > 0 && matches!(self.cs[i - 1], '第' | '初') {
                let e = LEX.counters.at(&self.cs, n.b).map_or(n.b, |(l, _)| n.b + l);
                return e.max(i + 1);
            }
            if i > 0 && (self.cs[i - 1].is_ascii_alphabetic() || self.cs[i - 1] == '.') {
                return n.b.max(i + 1);
            }
            // 这两个厂, 那三座高炉: a small number after a demonstrative points back to things
            // already named; it states no figure of its own.
            if i > 0 && matches!(self.cs[i - 1], '这' | '那' | '此') && n.int().is_some_and(|v| (1..=10).contains(&v))
            {
                if let Some((len, _)) = LEX.counters.at(&self.cs, n.b) {
                    return (n.b + len).max(i + 1);
                }
            }
            let n = self.listed_range(n);
            return self.number(n).max(i + 1);
        }
        i + 1
    }

    // --- claims ---------------------------------------------------------------------------

    /// A claim of `kind` over the chars `[a, b)`, with its surface and sentence.
    fn claim(&self, a: usize, b: usize, kind: Kind) -> Claim {
        let a = a.min(self.cs.len());
        let b = b.clamp(a, self.cs.len());
        let (ba, bb) = (self.bytes[a], self.bytes[b]);
        let surface = &self.text[ba..bb];
        let mut c = Claim::new(self.ctx.lang, self.ctx.section, a, b, surface, kind);
        let ends = self.ends.get_or_init(|| {
            let at = (0..self.cs.len()).filter(|&k| is_sentence_end(self.cs[k])).map(|k| self.bytes[k]).collect();
            SentenceEnds::from_ends(self.text, at)
        });
        let (sa, sb) = ends.range(ba, bb);
        c.sentence = self.text[sa..sb].to_string();
        c
    }

    /// Pushes the figure `[a, b)` with its measure and interval (scaled to the canonical unit).
    fn push_figure(&mut self, a: usize, b: usize, m: &Measure, iv: Interval) {
        // 负百分之五, 增长率为负5％: a rate printed with its sign, negative (a percent only: 负 before
        // other figures is no sign in these texts, 胜三负一 is one defeat; 正负5％ is a tolerance,
        // plus or minus, no negative rate).
        let negative = m.kind == Kind::Percent && a > 0 && self.cs[a - 1] == '负' && !(a > 1 && self.cs[a - 2] == '正');
        let a = if negative { a - 1 } else { a };
        let mut c = self.claim(a, b, m.kind);
        let mut s = iv.scaled(m.factor);
        let mut iv = iv;
        if negative {
            let neg = |v: Option<f64>| v.map(|v| -v);
            (s.low, s.high) = (neg(s.high), neg(s.low));
            s.value = neg(s.value);
            iv.raw = neg(iv.raw);
        }
        c.value = s.value;
        c.low = s.low;
        c.high = s.high;
        c.qualifier = if negative { crate::extract::bounds::negated(iv.q) } else { iv.q };
        c.value_raw = iv.raw;
        c.unit = m.unit.clone();
        c.unit_raw = m.unit_raw.clone();
        c.status = iv.status;
        self.out.push(c);
    }

    /// Pushes the date `[a, b)` and remembers it as the date just mentioned (and, unless it is a
    /// baseline after 较 / 比, as the day 当日 / 第二天 speak of).
    fn push_date(&mut self, a: usize, b: usize, d: Option<RefDate>, q: Qualifier) {
        let mut c = self.claim(a, b, Kind::Date);
        c.qualifier = q;
        if let Some(d) = d {
            c.ref_date = Some(d);
            if !matches!(d, RefDate::Year(_)) {
                self.last_date = Some((d, a));
                // A baseline (较9月底, 比去年, 由9月底的) is not the day 当日 / 第二天 speak of.
                let baseline = a > 0 && matches!(self.cs[a - 1], '较' | '比' | '由' | '从');
                if !baseline {
                    if let Some(day) = d.day() {
                        self.event_day = Some(day);
                    }
                }
            }
        }
        self.out.push(c);
    }

    // --- numbers --------------------------------------------------------------------------

    // --- dates ----------------------------------------------------------------------------
}

#[cfg(test)]
mod tests;
