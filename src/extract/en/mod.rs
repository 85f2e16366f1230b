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
//! Where each rule lives: this file holds the entry point, the pass and the claims' final
//! form; `tokens` the tokenizer and phrase matching; `lexicon` the word lists and the sentence
//! end; `dates` and `relative` the date rules; `dateline` the one dateline rule (attribution's
//! too); `quantities` the qualifier and number steps (`quantity_at`, `number_at`) and the
//! interval of a draft; `numbers` number phrases, vague amounts and fractions; `multiples` the
//! 倍 words and "times" / "fold"; `units` units and yield cues; `counts` counted nouns and bare
//! numbers. Each family is an `impl Ex` block of its own file.
//!
//! Invariants: no panic on any input (tokens hold char-boundary byte offsets, looked up with
//! `get`); claims do not overlap; a numeral that will not convert is kept with
//! `status = unparsed` and no value; precision before recall: a number whose role is unclear
//! (a bare decimal without a unit, a lone "one", an ordinal) yields nothing.

mod counts;
mod dateline;
mod dates;
mod lexicon;
mod multiples;
mod numbers;
mod quantities;
mod relative;
#[cfg(test)]
mod tests;
mod tokens;
mod units;

use chrono::NaiveDate;

pub use self::dateline::{dateline, Evidence};
use self::dates::{DateHit, HitNote};
pub(crate) use self::lexicon::abbreviations;
pub use self::lexicon::is_sentence_end;
use self::lexicon::{LEX, Q};
use self::quantities::LastQty;
use self::tokens::{tokenize, Tok, T};
use super::Context;
use crate::article::SectionKind;
use crate::claim::{CharCounter, Claim, Kind, Note, Qualifier, Status};
use crate::dates::{DateContext, RefDate};
use crate::text::SentenceEnds;

/// Figures in English text, offsets in characters of `text`.
///
/// ```
/// use leapfig::article::{Lang, SectionKind};
/// use leapfig::extract::{en, Context};
/// let ctx = Context { lang: Lang::En, section: SectionKind::Body, article_date: leapfig::dates::parse_iso("1958-10-13") };
/// let claims = en::extract("On the 10th, the daily output of raw coal reached 15,000 tons.", &ctx);
/// assert_eq!(claims[0].ref_date, leapfig::dates::parse_iso("1958-10-10").map(leapfig::dates::RefDate::Day));
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
    ref_date: Option<RefDate>,
    status: Status,
    notes: Vec<Note>,
}

impl Draft {
    /// The same figure with its sign turned (minus 5 percent): value and ends negated, the ends
    /// swapped, and so more_than and less_than.
    fn negate(&mut self) {
        let neg = |v: Option<f64>| v.map(|v| -v);
        (self.low, self.high) = (neg(self.high), neg(self.low));
        self.value = neg(self.value);
        self.value_raw = neg(self.value_raw);
        self.qualifier = crate::extract::bounds::negated(self.qualifier);
    }

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
            // Whole months as ANNOTATION.md writes them: "from January to March last year" in a
            // 1958 article is `1957-01/1957-03`.
            ref_date: d.map(RefDate::whole_months),
            status: Status::Ok,
            notes: Vec::new(),
        }
    }
}

/// The extractor over one text: its tokens, the dates seen so far and the drafts found.
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
    /// Tokens and their sentence numbers, cut once.
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

    // --- the pass ----------------------------------------------------------------------------

    /// The left-to-right pass: at each token, quotes and metadata lines, then a phrase that is
    /// no figure, a date, a quantity.
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
            // A decade (the 1950s, the 1920's) is neither a date nor a count.
            if self.t(i) == Some(T::Num)
                && self.w(i).len() == 4
                && self.w(i).ends_with('0')
                && self.is_decade_suffix(i + 1)
            {
                i += if self.w(i + 1) == "s" { 2 } else { 3 };
                continue;
            }
            if let Some(h) = self.date_at(i) {
                if h.note == Some(HitNote::Skip) {
                    i = h.end.max(i + 1);
                    continue;
                }
                self.push_date(h.clone());
                i = h.end.max(i + 1);
                continue;
            }
            // 1958 3 000, 12 0000: a number and a zero-led digit group a space apart that the
            // tokenizer would not group by three are no figure, together or apart.
            if self.zero_led_after_number(i + 1) {
                i += 2;
                continue;
            }
            if self.zero_led_after_number(i) {
                i += 1;
                continue;
            }
            if let Some(end) = self.quantity_at(i) {
                i = end.max(i + 1);
                continue;
            }
            i += 1;
        }
    }

    /// Whether token `i` is a digit group led by a zero (`000`, `0000`) right after another
    /// number and a space, on one line.
    fn zero_led_after_number(&self, i: usize) -> bool {
        if !(i > 0 && self.t(i) == Some(T::Num) && self.t(i - 1) == Some(T::Num)) {
            return false;
        }
        let w = self.w(i);
        self.toks[i].space && !self.toks[i].nl && w.len() >= 2 && w.starts_with('0') && !w.starts_with("0.")
    }

    /// Keeps a date; the first explicit one of a body where a dateline stands is the dateline
    /// (the day later bare days and "today" count from).
    fn push_date(&mut self, h: DateHit) {
        let mut d = Draft::date(h.a, h.end, h.date, h.qualifier);
        if let Some(HitNote::Claim(n)) = h.note {
            d.notes.push(n);
        }
        if h.record {
            if let (Some(dc), Some(date)) = (self.dc.as_mut(), h.date) {
                dc.saw(date);
            }
            // The first explicit date of a body that stands where a dateline does (see
            // `Evidence` for why by its place, not by the agency).
            if self.dateline.is_none()
                && self.body
                && h.explicit
                && self.toks.get(h.a).is_some_and(|t| dateline(self.text, t.a, Evidence::Place))
            {
                self.dateline = h.date.and_then(|d| d.day());
            }
        }
        self.drafts.push(d);
    }

    /// The drafts in text order as claims, overlaps dropped, offsets in characters, each with
    /// its sentence.
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
}
