//! Attribution (issue 5): item, period, claim type, reference date and place of each claim.
//!
//! Input: the claims the extractor found in one [`Section`] (offsets into the file, dates
//! already carrying their `ref_date`) and that section. Output: the same claims, in the same
//! order, with `item`, `item_code`, `period`, `claim_type`, `place` and, for non-dates,
//! `ref_date` filled where the text makes them clear (`tests/gold/ANNOTATION.md`, "Context
//! columns"); where it does not, the columns stay empty: a wrong context that looks right is
//! worse than none.
//!
//! How: every word list (items, cue words, places) is matched once over the section text; each
//! figure then looks at the hits in its clause and sentence. The language-independent logic
//! lives here: which date governs a figure (the nearest one before it in its sentence that
//! belongs to no other figure; a baseline's own date; "这天" / "on this day"), the order in
//! which claim types are decided, repeated figures, places. The words and the few grammar
//! patterns of each language live in `zh.rs` and `en.rs`.
//!
//! Invariants: date claims keep their fields; no claim is added, dropped or moved; offsets are
//! sliced at char boundaries only, so no input panics.

mod en;
mod zh;

use std::cell::Cell;

use crate::article::{Lang, Section};
use crate::claim::{Claim, ClaimType, Kind, Period};
use crate::dates::RefDate;
use crate::extract::HashMap;
use crate::lexicon;
use crate::lexicon::Lexicon;

lexicon!(PLACES, "places.csv");

/// Fills the context columns of the claims found in `section` (offsets into the file).
pub fn attribute(section: &Section, mut claims: Vec<Claim>) -> Vec<Claim> {
    let rules = match section.lang {
        Lang::Zh => &*zh::RULES,
        Lang::En => &*en::RULES,
    };
    attribute_with(rules, &section.text, section.start, &mut claims);
    claims
}

/// What an item word can name, so that a count of people never takes 钢 as its item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Masses, yields, areas, and what percentages and multiples are of.
    Goods,
    Furnace,
    Mine,
    Person,
    Commune,
    Machine,
    /// A modifier that only looks like an item (钢铁工业): stepped over.
    Skip,
}

impl Class {
    fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "goods" => Class::Goods,
            "furnace" => Class::Furnace,
            "mine" => Class::Mine,
            "person" => Class::Person,
            "commune" => Class::Commune,
            "machine" => Class::Machine,
            "skip" => Class::Skip,
            _ => return None,
        })
    }
}

/// A cue word's meaning (`data/lexicon/context_*.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    Day,
    Month,
    Year,
    /// 全年 / "for the whole year": a year's figure of the year being spoken of.
    WholeYear,
    Cumulative,
    Target,
    Achieved,
    Change,
    /// …到 / "rose to": the figure after it is the new value.
    Rise,
    /// 由 / 从 / "from": the figure after it is a baseline.
    From,
    /// 比 / 较 / "compared to": a date after it is the comparison base's.
    Compare,
    /// 仅 / "only": a low starting level.
    Limit,
    /// 平常 / "usually": a level before.
    Before,
    Other,
    /// 能出 / "can produce": a capacity, neither achieved nor a target.
    Capacity,
    /// 这天 / "on this day": the day named last.
    Anaphor,
    /// 其中 / "among them": the sentence goes on with the previous one's figures.
    Continuation,
    /// "a total of": cumulative, unless a day or other span is said.
    Total,
    /// 炼铁, 采煤, "mobilized": people counted in the sentence are a labour force.
    Work,
    /// "was", "were": states what was achieved, for amounts it stands before.
    Copula,
    Skip,
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        Some(match s {
            "day" => Cue::Day,
            "month" => Cue::Month,
            "year" => Cue::Year,
            "whole_year" => Cue::WholeYear,
            "cumulative" => Cue::Cumulative,
            "target" => Cue::Target,
            "achieved" => Cue::Achieved,
            "change" => Cue::Change,
            "rise" => Cue::Rise,
            "from" => Cue::From,
            "compare" => Cue::Compare,
            "limit" => Cue::Limit,
            "before" => Cue::Before,
            "other" => Cue::Other,
            "capacity" => Cue::Capacity,
            "anaphor" => Cue::Anaphor,
            "continuation" => Cue::Continuation,
            "total" => Cue::Total,
            "work" => Cue::Work,
            "copula" => Cue::Copula,
            "skip" => Cue::Skip,
            _ => return None,
        })
    }

    fn period(self) -> Option<Period> {
        match self {
            Cue::Day => Some(Period::Day),
            Cue::Month => Some(Period::Month),
            Cue::Year | Cue::WholeYear => Some(Period::Year),
            Cue::Cumulative => Some(Period::Cumulative),
            _ => None,
        }
    }
}

/// An item word's code and class.
#[derive(Debug, Clone)]
pub(crate) struct ItemEntry {
    pub code: String,
    pub class: Class,
}

/// One word list: its words (lower-cased when it folds case) and the values of each. Its hits
/// in a text, found by [`WordLists::find_all`], are leftmost first and longest at a position.
pub(crate) struct WordMatcher<T> {
    words: Vec<String>,
    vals: Vec<Vec<T>>,
    whole_words: bool,
    fold_case: bool,
}

/// One match of a [`WordMatcher`]: byte span and the values of the word.
pub(crate) struct Hit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub vals: &'a [T],
}

impl<T> WordMatcher<T> {
    /// `whole_words`: only between ASCII word boundaries (English). `fold_case`: ASCII
    /// case-insensitive (the English lists are ASCII).
    pub fn new(rows: Vec<(String, T)>, whole_words: bool, fold_case: bool) -> Self {
        let mut ids: HashMap<String, usize> = HashMap::default();
        let (mut words, mut vals): (Vec<String>, Vec<Vec<T>>) = (Vec::new(), Vec::new());
        for (w, v) in rows {
            let key = if fold_case { w.to_ascii_lowercase() } else { w };
            let id = *ids.entry(key.clone()).or_insert_with(|| {
                words.push(key);
                vals.push(Vec::new());
                words.len() - 1
            });
            vals[id].push(v);
        }
        WordMatcher { words, vals, whole_words, fold_case }
    }

    /// From every occurrence of its words, (start, end, word), the hits a leftmost-longest
    /// scan finds: the earliest start, the longest word there, then on after its end.
    fn select(&self, mut found: Vec<(usize, usize, usize)>) -> Vec<Hit<'_, T>> {
        found.sort_unstable_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut hits = Vec::new();
        let mut from = 0;
        for (start, end, w) in found {
            if start >= from {
                hits.push(Hit { start, end, vals: self.vals[w].as_slice() });
                from = end;
            }
        }
        hits
    }
}

/// Whether a `(?-u:\b)` word boundary stands at byte `at` of `text`.
fn ascii_boundary(text: &[u8], at: usize) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let before = at > 0 && word(text[at - 1]);
    let after = at < text.len() && word(text[at]);
    before != after
}

/// A language's three word lists (items, cue words, places), found in a text in one pass of
/// one Aho-Corasick automaton that reports every occurrence of every word (issue 8: three
/// regex scans were a tenth of a run). Each list then keeps its leftmost-longest hits among
/// the occurrences that stand between word boundaries (when it wants whole words) and match
/// its case (when it does not fold case): the hits a regex alternation of its words, longest
/// first, would find (a property test holds the two together).
pub(crate) struct WordLists<A, B, C> {
    pub items: WordMatcher<A>,
    pub cues: WordMatcher<B>,
    pub places: WordMatcher<C>,
    ac: aho_corasick::AhoCorasick,
    /// Per pattern of the automaton: the list (0 items, 1 cues, 2 places) and its word.
    owner: Vec<(usize, usize)>,
}

impl<A, B, C> WordLists<A, B, C> {
    pub fn new(items: WordMatcher<A>, cues: WordMatcher<B>, places: WordMatcher<C>) -> Self {
        let lists = [(&items.words, items.fold_case), (&cues.words, cues.fold_case), (&places.words, places.fold_case)];
        let mut owner = Vec::new();
        let mut patterns: Vec<&str> = Vec::new();
        for (l, (words, _)) in lists.iter().enumerate() {
            for (w, word) in words.iter().enumerate() {
                owner.push((l, w));
                patterns.push(word);
            }
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .ascii_case_insensitive(lists.iter().any(|(_, fold)| *fold))
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("word list automaton");
        WordLists { items, cues, places, ac, owner }
    }

    /// The hits of the three lists in `text`, each in order.
    #[allow(clippy::type_complexity)]
    pub fn find_all(&self, text: &str) -> (Vec<Hit<'_, A>>, Vec<Hit<'_, B>>, Vec<Hit<'_, C>>) {
        let bytes = text.as_bytes();
        let whole = [self.items.whole_words, self.cues.whole_words, self.places.whole_words];
        let exact_case = [!self.items.fold_case, !self.cues.fold_case, !self.places.fold_case];
        let words = [&self.items.words, &self.cues.words, &self.places.words];
        let mut found: [Vec<(usize, usize, usize)>; 3] = Default::default();
        for m in self.ac.find_overlapping_iter(text) {
            let (l, w) = self.owner[m.pattern().as_usize()];
            let (s, e) = (m.start(), m.end());
            if whole[l] && !(ascii_boundary(bytes, s) && ascii_boundary(bytes, e)) {
                continue;
            }
            if exact_case[l] && text.get(s..e) != Some(words[l][w].as_str()) {
                continue;
            }
            found[l].push((s, e, w));
        }
        let [i, c, p] = found;
        (self.items.select(i), self.cues.select(c), self.places.select(p))
    }
}

/// Item matcher from an items lexicon (`word,code,class`).
pub(crate) fn item_matcher(lex: &Lexicon, whole_words: bool, fold_case: bool) -> WordMatcher<ItemEntry> {
    let (w, c, k) = (lex.col("word").unwrap_or(0), lex.col("code").unwrap_or(1), lex.col("class").unwrap_or(2));
    let rows = lex
        .rows
        .iter()
        .filter_map(|(_, r)| Some((r[w].clone(), ItemEntry { code: r[c].clone(), class: Class::parse(&r[k])? })))
        .collect();
    WordMatcher::new(rows, whole_words, fold_case)
}

/// Cue matcher from a context lexicon (`word,cue`).
pub(crate) fn cue_matcher(lex: &Lexicon, whole_words: bool, fold_case: bool) -> WordMatcher<Cue> {
    let (w, c) = (lex.col("word").unwrap_or(0), lex.col("cue").unwrap_or(1));
    let rows = lex.rows.iter().filter_map(|(_, r)| Some((r[w].clone(), Cue::parse(&r[c])?))).collect();
    WordMatcher::new(rows, whole_words, fold_case)
}

/// Rank of a gazetteer level: finer places rank higher.
pub(crate) fn place_level(level: &str) -> u8 {
    match level {
        "country" => 0,
        "province" => 1,
        "city" => 2,
        "district" => 3,
        "county" => 4,
        _ => 5,
    }
}

/// The language's part: its word lists and the few patterns that are grammar, not words.
pub(crate) struct Rules {
    /// Items, cue words, and place names with their level (0 country .. 5 commune or works:
    /// finer is higher).
    pub lists: &'static WordLists<ItemEntry, Cue, u8>,
    /// Whether the character at a byte offset ends a sentence. Never at a [`word_char`].
    pub is_sentence_end: fn(&str, usize) -> bool,
    /// Whether the character at a byte offset separates clauses inside a sentence. Never at a
    /// [`word_char`].
    pub is_clause_sep: fn(&str, usize) -> bool,
    /// Whether the text between two place names joins them into one place (湖南省涟源县).
    pub place_glue: fn(&str) -> bool,
    /// Whether a mass figure is a threshold (万吨县), given the sentence text before it, its
    /// surface and the sentence text after it.
    pub threshold: fn(&str, &str, &str) -> bool,
    /// Whether the text between a baseline and the next figure leads to it (到, "to").
    pub leads_to: fn(&str) -> bool,
    /// Whether a date expression names the current year as a whole (今年12月底).
    pub this_year: fn(&str) -> bool,
    /// Whether a date word is too loose to date a figure (今天 / "today's China").
    pub weak_date: fn(&str) -> bool,
    /// Whether a date is the dateline's (新华社长沙12日电), given the paragraph text before it
    /// and the text after it: when the news was filed, never when a figure holds.
    pub dateline: fn(&str, &str) -> bool,
    /// A date right after a figure belongs to it ("4,350.2 tons on the 28th").
    pub trailing_dates: bool,
    /// A count's noun may stand beyond a comma ("3,200 county, township, and commune cadres").
    pub count_crosses_commas: bool,
    /// An item before a figure is the first of its clause, the head of the subject ("Cost Per
    /// Ton of Iron Cut by 30%"), rather than the nearest.
    pub head_first: bool,
    /// Whether the clause text before a percentage ends in "by" (increased … by 30%).
    pub change_by: fn(&str) -> bool,
    /// How many characters after a figure its item and period may stand.
    pub right_window: usize,
    /// How many characters of noun may stand between a comparison word and its base figure
    /// (比1956年的煤产量 X; "twice the 1956 coal output of X").
    pub base_gap: usize,
    /// How many characters may separate a count from the noun of what it counts.
    pub noun_gap: usize,
    /// A character after a figure that ends the reach of its words (和 in 生铁七百吨和钢三十吨).
    pub right_stop: fn(char) -> bool,
    /// How many characters may separate a change verb from its percentage (提高了 72.7％).
    pub change_gap: usize,
    /// Whether a date closes a span that runs from the year's start (到11月份为止, 截至12月19日,
    /// "up to November"), given the text before and after it: a year-to-date total.
    pub until: fn(&str, &str) -> bool,
    /// The first month of a span whose last month is the date after this text (今年1到11月).
    pub month_from: fn(&str) -> Option<u32>,
    /// Whether a year compared with is only a part of it (去年同期, "the same period last
    /// year"), given the text before and after the year.
    pub part_of_year: fn(&str, &str) -> bool,
    /// Whether the clause text before a threshold figure strives for it (力争明年实现小麦千斤省):
    /// then it is a target.
    pub strive_for: fn(&str) -> bool,
    /// Whether a change word before a mass makes it an absolute increase (增加了四百万吨,
    /// "increased by 4 million tons"), not the amount produced (增产了一百五十万吨).
    pub absolute_change: fn(&str) -> bool,
    /// Whether a date opens a span that runs to now (4月份以来), given the text after it: it
    /// governs only its own clause.
    pub since: fn(&str) -> bool,
    /// Whether a date is compared with by the words around it (和1957年比较), given the text
    /// before and after it.
    pub compared_with: fn(&str, &str) -> bool,
    /// Whether the clause text before a figure says it is to be done (全省要制造, 并要组织):
    /// a target.
    pub modal: fn(&str) -> bool,
}

/// Parses a `ref_date` string back into a [`RefDate`].
pub(crate) fn parse_ref(s: &str) -> Option<RefDate> {
    use chrono::NaiveDate;
    let s = s.trim();
    if let Some((a, b)) = s.split_once('/') {
        // Days (1958-11-01/1958-11-10), or whole months (1958-01/1958-11).
        return match (parse_ref(a)?, parse_ref(b)?) {
            (RefDate::Day(a), RefDate::Day(b)) => Some(RefDate::Interval(a, b)),
            (RefDate::Month(y1, m1), RefDate::Month(y2, m2)) => {
                Some(RefDate::Interval(NaiveDate::from_ymd_opt(y1, m1, 1)?, crate::dates::last_day(y2, m2)?))
            }
            _ => None,
        };
    }
    match s.len() {
        10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(RefDate::Day),
        7 => {
            let (y, m) = s.split_once('-')?;
            let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
            (1..=12).contains(&m).then_some(RefDate::Month(y, m))
        }
        4 => s.parse().ok().map(RefDate::Year),
        _ => None,
    }
}

/// A `ref_date` as written: an interval of whole months as `YYYY-MM/YYYY-MM` (1958年1月到11月).
fn format_ref(d: &RefDate) -> String {
    use chrono::Datelike;
    if let RefDate::Interval(a, b) = *d {
        let whole = a.day() == 1 && crate::dates::last_day(b.year(), b.month()) == Some(b);
        if whole && (a.year(), a.month()) != (b.year(), b.month()) {
            return format!("{:04}-{:02}/{:04}-{:02}", a.year(), a.month(), b.year(), b.month());
        }
    }
    d.to_string()
}

/// Whether a date spans more than a month (a cumulative figure's span).
fn spans_months(d: &RefDate) -> bool {
    use chrono::Datelike;
    matches!(*d, RefDate::Interval(a, b) if (a.year(), a.month()) != (b.year(), b.month()))
}

fn year_of(d: &RefDate) -> i32 {
    use chrono::Datelike;
    match *d {
        RefDate::Day(x) => x.year(),
        RefDate::Month(y, _) | RefDate::Year(y) => y,
        RefDate::Interval(a, _) => a.year(),
    }
}

/// The attribution proper, on any text (offsets of the claims are `base + chars into text`).
/// Returns the number of list entries the figures looked at (the work done, for the test that
/// proves it grows linearly with the text).
fn attribute_with(rules: &Rules, text: &str, base: usize, claims: &mut [Claim]) -> usize {
    let bounds = Bounds::new(rules, text);
    let offsets = byte_offsets(text, base, claims);
    let mut figs = Vec::new();
    let mut date_spans = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let Some((s, e)) = offsets[i] else { continue };
        if s >= e {
            continue;
        }
        let span = Span { start: s, end: e };
        match c.kind {
            Kind::Date => {
                if let Some(d) = parse_ref(&c.ref_date) {
                    let after: String = text[e..].chars().take(12).collect();
                    // A dateline stands at its paragraph's start: a short look-back is enough.
                    let from = bounds.paragraph_of(s).start.max(chars_before(text, s, DATELINE_REACH));
                    if (rules.dateline)(&text[from..s], &after) || (rules.weak_date)(&c.surface) {
                        continue;
                    }
                    // 今年12月底 / "the end of December this year": the year as a whole.
                    let year_end = match d {
                        RefDate::Year(_) => true,
                        RefDate::Day(x) => chrono::Datelike::month(&x) == 12 && chrono::Datelike::day(&x) == 31,
                        _ => false,
                    };
                    let this_year = year_end && ((rules.this_year)(&c.surface) || (rules.this_year)(&after));
                    let before = &text[chars_before(text, s, 12)..s];
                    let until = (rules.until)(before, &after);
                    // 到11月份为止 / 今年1到11月: the months from the first one on.
                    let first = if until { Some(1) } else { (rules.month_from)(before) };
                    let d = match (d, first) {
                        (RefDate::Month(y, m), Some(f)) if f < m => {
                            match (chrono::NaiveDate::from_ymd_opt(y, f, 1), crate::dates::last_day(y, m)) {
                                (Some(a), Some(b)) => RefDate::Interval(a, b),
                                _ => d,
                            }
                        }
                        _ => d,
                    };
                    date_spans.push(DateSpan { span, date: d, this_year, until });
                }
            }
            // Durations (两个月, "24 hours") carry no context and own no date.
            Kind::Duration => {}
            _ => figs.push(Fig { claim: i, span, kind: c.kind }),
        }
    }
    figs.sort_by_key(|f| f.span.start);
    let doc = Doc::new(rules, text, bounds, figs, date_spans);
    let mut done: Vec<Context> = Vec::with_capacity(doc.figs.len());
    for k in 0..doc.figs.len() {
        let ctx = doc.context(k, &claims[doc.figs[k].claim], &done);
        done.push(ctx);
    }
    for (k, ctx) in done.into_iter().enumerate() {
        let c = &mut claims[doc.figs[k].claim];
        c.item = ctx.item;
        c.item_code = ctx.item_code;
        c.period = ctx.period;
        c.claim_type = ctx.claim_type;
        c.ref_date = ctx.ref_date.map(|d| format_ref(&d)).unwrap_or_default();
        c.place = ctx.place;
    }
    corefer(claims);
    doc.steps.get()
}

/// How many characters before a date its dateline's agency and city may stand (新华社长沙12日电,
/// "Xinhua News Agency, Changsha, 12th").
const DATELINE_REACH: usize = 80;

/// How many dates back a figure with none in its sentence looks for the day it belongs to.
const DATE_LOOK_BACK: usize = 16;

/// The longest sentence, in characters: a text without sentence ends (a flood of figures on one
/// line) is cut into pieces of about this size, at a clause end where one comes soon enough, so
/// that each figure looks at a bounded stretch of text (the bound `extract::SentenceEnds::range`
/// uses on either side of a figure).
const MAX_SENTENCE: usize = 2 * crate::extract::MAX_SENTENCE_SIDE;

/// Byte offsets of each claim's start and end (`None` when outside the text or not at a char
/// boundary), found in one walk over the text.
fn byte_offsets(text: &str, base: usize, claims: &[Claim]) -> Vec<Option<(usize, usize)>> {
    let mut wanted: Vec<(usize, usize, bool)> = Vec::with_capacity(2 * claims.len());
    for (i, c) in claims.iter().enumerate() {
        if let (Some(s), Some(e)) = (c.start.checked_sub(base), c.end.checked_sub(base)) {
            wanted.push((s, i, false));
            wanted.push((e, i, true));
        }
    }
    wanted.sort_unstable();
    let mut found: Vec<(Option<usize>, Option<usize>)> = vec![(None, None); claims.len()];
    // (character index, byte offset) walked forward over the bytes: a character starts at
    // every byte that is no UTF-8 continuation byte.
    let bytes = text.as_bytes();
    let (mut ci, mut bi) = (0usize, 0usize);
    for (pos, i, is_end) in wanted {
        while ci < pos && bi < bytes.len() {
            bi += 1;
            while bi < bytes.len() && (bytes[bi] as i8) < -0x40 {
                bi += 1;
            }
            ci += 1;
        }
        let b = (ci == pos).then_some(bi);
        if is_end {
            found[i].1 = b;
        } else {
            found[i].0 = b;
        }
    }
    found.into_iter().map(|(s, e)| Some((s?, e?))).collect()
}

/// The byte offset `n` characters before `at` (0 when fewer stand before it).
fn chars_before(text: &str, at: usize, n: usize) -> usize {
    text[..at].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i)
}

/// An ASCII letter or digit or a CJK ideograph (U+4E00..U+9FFF): the bulk of any text, and
/// never a sentence end or clause separator in either language (a test holds the rules to it).
#[inline]
fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Sentence, clause and line boundaries of a text, found once, in one pass: every figure then
/// finds its sentence and clause by binary search instead of scanning the text.
struct Bounds {
    len: usize,
    /// Start of each sentence, sorted, the first 0: a sentence runs to the next start. A
    /// sentence includes its end mark.
    sents: Vec<usize>,
    /// Clause separators as (byte start, byte end), sorted.
    seps: Vec<(usize, usize)>,
    /// Byte offsets of the line feeds.
    lines: Vec<usize>,
}

impl Bounds {
    fn new(rules: &Rules, text: &str) -> Self {
        let (mut sents, mut seps, mut lines) = (vec![0], Vec::new(), Vec::new());
        let mut run = 0;
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            // Letters, digits and ideographs end nothing: the rules are not asked (issue 8).
            let mark = !word_char(c);
            let sep = mark && (rules.is_clause_sep)(text, i);
            if sep {
                seps.push((i, end));
            }
            if c == '\n' {
                lines.push(i);
            }
            run += 1;
            // Over-long: cut after a clause end or a space, or anywhere once twice too long.
            let cut = (run >= MAX_SENTENCE && (sep || c.is_whitespace())) || run >= 2 * MAX_SENTENCE;
            if (mark && (rules.is_sentence_end)(text, i)) || cut {
                if end < text.len() {
                    sents.push(end);
                }
                run = 0;
            }
        }
        Bounds { len: text.len(), sents, seps, lines }
    }

    /// The sentence holding the byte at `at`.
    fn sentence_of(&self, at: usize) -> Span {
        let j = self.sents.partition_point(|&s| s <= at).saturating_sub(1);
        Span { start: self.sents[j], end: self.sents.get(j + 1).copied().unwrap_or(self.len) }
    }

    /// The clause holding the byte at `at` (inside its sentence).
    fn clause_of(&self, at: usize) -> Span {
        let s = self.sentence_of(at);
        let j = self.seps.partition_point(|&(a, _)| a < at);
        let start = j.checked_sub(1).map(|p| self.seps[p]).filter(|&(a, _)| a >= s.start).map_or(s.start, |(_, b)| b);
        let end = self.seps.get(j).map(|&(a, _)| a).filter(|&a| a < s.end).unwrap_or(s.end);
        Span { start, end }
    }

    /// The line holding the byte at `at`, without its line feed.
    fn paragraph_of(&self, at: usize) -> Span {
        let j = self.lines.partition_point(|&p| p < at);
        let start = j.checked_sub(1).map_or(0, |p| self.lines[p] + 1);
        Span { start, end: self.lines.get(j).copied().unwrap_or(self.len) }
    }
}

/// A byte range of the section text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
}

/// A date claim as the attribution reads it.
struct DateSpan {
    span: Span,
    date: RefDate,
    /// This year as a whole (今年12月底).
    this_year: bool,
    /// See [`DateAnchor::until`].
    until: bool,
}

/// A non-date figure: its claim's index, span and kind.
#[derive(Debug, Clone, Copy)]
struct Fig {
    claim: usize,
    span: Span,
    kind: Kind,
}

#[derive(Debug, Clone, Copy)]
struct DateAnchor {
    span: Span,
    date: RefDate,
    /// The date is a comparison base's (较9月底, "compared to the end of September").
    compare: bool,
    /// The date follows 由 / 从: it is the baseline's, the first figure after it.
    from: bool,
    /// This year as a whole (今年, 今年12月底).
    this_year: bool,
    /// The date closes a year-to-date span (截至12月19日, 到12月15日, "up to November").
    until: bool,
    /// Index (into `figs`) of the figure it belongs to, where a date follows its figure.
    owner: Option<usize>,
}

impl DateAnchor {
    /// A date that may govern figures other than its own.
    fn plain(&self) -> bool {
        !self.compare && !self.from && self.owner.is_none()
    }
}

struct Doc<'a> {
    text: &'a str,
    rules: &'a Rules,
    bounds: Bounds,
    items: Vec<Hit<'static, ItemEntry>>,
    cues: Vec<Hit<'static, Cue>>,
    /// Place mentions with their finest level.
    places: Vec<(Span, u8)>,
    /// Per place mention: the last one up to it that names a county or finer.
    fine_places: Vec<Option<usize>>,
    dates: Vec<DateAnchor>,
    figs: Vec<Fig>,
    /// Per figure: the largest end of the figures up to it (figures may nest).
    fig_max_end: Vec<usize>,
    /// Per figure: the date right after it that is its own ("4,350.2 tons on the 28th").
    owned: Vec<Option<usize>>,
    /// List entries looked at so far: the work, which must grow linearly with the text.
    steps: Cell<usize>,
}

/// The context found for one figure.
#[derive(Debug, Clone, Default)]
struct Context {
    item: String,
    item_code: String,
    period: Option<Period>,
    claim_type: Option<ClaimType>,
    ref_date: Option<RefDate>,
    place: String,
    baseline: bool,
    /// The ref_date is only the year after a year compared with (比去年).
    compared: bool,
    /// The figure is of a commodity (its item, if any, is one).
    goods: bool,
    /// Byte start of the figure's sentence, to find the previous sentence's figures.
    sentence: usize,
}

/// Where one figure stands: its span, sentence, clause, and how far to its right its own words
/// may stand.
#[derive(Debug, Clone, Copy)]
struct Site {
    k: usize,
    f: Span,
    sent: Span,
    clause: Span,
    right_end: usize,
    /// A share of the group named by the next figure (一半以上的 / "more than half of the 3,200").
    share_of: bool,
    /// Where the words naming the figure's thing may begin (after a size: 三座二十八立方公尺的小高炉).
    noun_from: usize,
}

impl<'a> Doc<'a> {
    fn new(rules: &'a Rules, text: &'a str, bounds: Bounds, figs: Vec<Fig>, mut date_spans: Vec<DateSpan>) -> Self {
        let (items, cues, place_hits) = rules.lists.find_all(text);
        // Places: adjacent names glued into one (湖南省涟源县 / Lianyuan County of Hunan Province).
        let mut places: Vec<(Span, u8)> = Vec::new();
        for h in place_hits {
            let level = h.vals.iter().copied().max().unwrap_or(0);
            if let Some((last, l)) = places.last_mut() {
                if (rules.place_glue)(&text[last.end..h.start]) {
                    last.end = h.end;
                    *l = (*l).max(level);
                    continue;
                }
            }
            places.push((Span { start: h.start, end: h.end }, level));
        }
        let mut fine_places = Vec::with_capacity(places.len());
        let mut last_fine = None;
        for (i, (_, l)) in places.iter().enumerate() {
            if *l >= 3 {
                last_fine = Some(i);
            }
            fine_places.push(last_fine);
        }
        let mut fig_max_end = Vec::with_capacity(figs.len());
        let mut max_end = 0;
        for f in &figs {
            max_end = max_end.max(f.span.end);
            fig_max_end.push(max_end);
        }
        let owned = vec![None; figs.len()];
        let mut doc = Doc {
            text,
            rules,
            bounds,
            items,
            cues,
            places,
            fine_places,
            dates: Vec::new(),
            figs,
            fig_max_end,
            owned,
            steps: Cell::new(0),
        };
        date_spans.sort_by_key(|d| d.span.start);
        let mut dates: Vec<DateAnchor> = date_spans
            .into_iter()
            .map(|DateSpan { span, date, this_year, until }| {
                let mark = doc.mark_before(span.start, 3);
                let before = &text[chars_before(text, span.start, 4)..span.start];
                let after = text.get(span.end..).unwrap_or("");
                let with = (rules.compared_with)(before, after.get(..after.len().min(12)).unwrap_or(after));
                DateAnchor {
                    span,
                    date,
                    compare: mark == Some(Cue::Compare) || with,
                    from: mark == Some(Cue::From),
                    this_year,
                    until,
                    owner: None,
                }
            })
            .collect();
        // 这天 / "on this day": the last day named before it, unless a date claim covers it.
        // (Per date, the latest day up to it: one pass, however many dates.)
        let mut last_day: Vec<Option<usize>> = Vec::with_capacity(dates.len());
        for (i, d) in dates.iter().enumerate() {
            let prev = last_day.last().copied().flatten();
            let is_day = matches!(d.date, RefDate::Day(_));
            let later = prev.is_none_or(|p: usize| dates[p].span.end <= d.span.end);
            last_day.push(if is_day && later { Some(i) } else { prev });
        }
        let mut anaphors = Vec::new();
        for h in doc.cues.iter().filter(|h| h.vals.contains(&Cue::Anaphor)) {
            let s = Span { start: h.start, end: h.end };
            let j = dates.partition_point(|d| d.span.start < s.end);
            // Dates starting before the cue's end: the nearest ones may cover it.
            let covered = dates[..j].iter().rev().take(4).any(|d| s.start < d.span.end);
            if covered {
                continue;
            }
            let before = dates[..j].partition_point(|d| d.span.start < s.start);
            let last = before.checked_sub(1).and_then(|i| last_day[i]).filter(|&i| dates[i].span.end <= s.start);
            if let Some(i) = last {
                let d = dates[i];
                anaphors.push(DateAnchor {
                    span: s,
                    date: d.date,
                    compare: false,
                    from: false,
                    this_year: false,
                    until: false,
                    owner: None,
                });
            }
        }
        dates.extend(anaphors);
        dates.sort_by_key(|d| d.span.start);
        // 从4日晚上八点到5日晚上八点 / "from the 10th to the 11th": a span of days. Its end
        // stands for the span: one night -> the first day, longer -> the interval.
        // A time and its day ("6:00 a.m. on the 10th", 10日早晨): one date, the day's.
        for i in 1..dates.len() {
            let gap = text.get(dates[i - 1].span.end..dates[i].span.start).unwrap_or("x");
            if gap.len() <= 8 && matches!(gap.trim(), "" | "on" | "的") && dates[i - 1].date == dates[i].date {
                dates[i].from |= dates[i - 1].from;
                dates[i].span.start = dates[i - 1].span.start;
                dates[i - 1].compare = true;
                dates[i - 1].from = false;
            }
        }
        let live: Vec<usize> = (0..dates.len())
            .filter(|&i| !(dates[i].compare && dates.get(i + 1).is_some_and(|n| n.span.start == dates[i].span.start)))
            .collect();
        for w in live.windows(2) {
            let (i, a, b) = (w[1], dates[w[0]], dates[w[1]]);
            // At most 20 characters apart: cheap tests first, so that far-apart dates cost nothing.
            let Some(gap) = text.get(a.span.end..b.span.start).filter(|g| g.len() <= 80) else { continue };
            if gap.chars().count() > 20 || !(rules.leads_to)(gap) {
                continue;
            }
            let no_fig = doc.figs_in(a.span.end, b.span.start).next().is_none();
            let no_sep = !gap.char_indices().any(|(j, _)| (rules.is_clause_sep)(text, a.span.end + j));
            let from_before = a.from
                || doc.cues_in(chars_before(text, a.span.start, 20), a.span.start).any(|h| h.vals.contains(&Cue::From));
            // 1958年1月到11月 / "from January to November": whole months, from-word or none.
            let months = matches!(gap.trim(), "到" | "至" | "—" | "-" | "to" | "through");
            if (from_before || months) && no_fig && no_sep {
                match (a.date, b.date) {
                    // 9月1日到25日: a span of days, with or without 从.
                    (RefDate::Day(x), RefDate::Day(y)) if from_before || months => {
                        let days = (y - x).num_days();
                        if days == 1 {
                            dates[i].date = a.date;
                        } else if days > 1 {
                            dates[i].date = RefDate::Interval(x, y);
                        }
                        dates[w[0]].from = false;
                        dates[w[0]].compare = true;
                    }
                    (RefDate::Month(y1, m1), RefDate::Month(y2, m2)) if (y1, m1) < (y2, m2) => {
                        let first = chrono::NaiveDate::from_ymd_opt(y1, m1, 1);
                        if let (Some(x), Some(y)) = (first, crate::dates::last_day(y2, m2)) {
                            dates[i].date = RefDate::Interval(x, y);
                            dates[w[0]].from = false;
                            dates[w[0]].compare = true;
                        }
                    }
                    _ => {}
                }
            }
        }
        if rules.trailing_dates {
            for d in dates.iter_mut() {
                if d.compare {
                    continue;
                }
                // The nearest figure before the date in its clause, close by.
                let clause = doc.bounds.clause_of(d.span.start);
                let prev = doc.figs_in(clause.start, d.span.start).rev().find(|(_, f)| f.span.end <= d.span.start);
                if let Some((k, f)) = prev {
                    let gap = text.get(f.span.end..d.span.start).unwrap_or("");
                    let base = doc
                        .cues_in(f.span.end, d.span.start)
                        .any(|h| h.vals.iter().any(|c| matches!(c, Cue::Compare | Cue::From)));
                    // ("expanded sevenfold in 1958": the year of the change itself.)
                    let change = matches!(f.kind, Kind::Multiple | Kind::Percent) && gap.trim() != "in";
                    if base || change {
                        // "up 15% from the same month a year ago", "twice the output of the 3rd":
                        // the base's date.
                        d.compare = true;
                    } else if gap.chars().count() <= 30 {
                        d.owner = Some(k);
                    }
                }
            }
        }
        for (i, d) in dates.iter().enumerate() {
            if let Some(k) = d.owner.filter(|_| !d.compare) {
                doc.owned[k].get_or_insert(i);
            }
        }
        doc.dates = dates;
        doc
    }

    /// The 比 / 由 mark ending at most `gap` characters before `at`.
    fn mark_before(&self, at: usize, gap: usize) -> Option<Cue> {
        let h = self.cues[..self.cues.partition_point(|h| h.end <= at)].last()?;
        if self.text[h.end..at].chars().count() > gap {
            return None;
        }
        h.vals.iter().copied().find(|c| matches!(c, Cue::Compare | Cue::From))
    }

    fn sentence_of(&self, at: usize) -> Span {
        self.bounds.sentence_of(at)
    }

    /// Start of the sentence before `sent` (its own start when it is the first).
    fn prev_sentence_start(&self, sent: Span) -> usize {
        match self.text[..sent.start].char_indices().next_back() {
            Some((i, _)) => self.sentence_of(i).start,
            None => sent.start,
        }
    }

    fn clause_of(&self, at: usize) -> Span {
        self.bounds.clause_of(at)
    }

    fn paragraph_of(&self, at: usize) -> Span {
        self.bounds.paragraph_of(at)
    }

    /// The entries of a list sorted by start whose start is in `[a, b)`, found by binary
    /// search; counted as work.
    fn starting_in<'v, T>(&self, v: &'v [T], start: impl Fn(&T) -> usize, a: usize, b: usize) -> &'v [T] {
        let lo = v.partition_point(|x| start(x) < a);
        let hi = lo + v[lo..].partition_point(|x| start(x) < b);
        self.steps.set(self.steps.get() + (hi - lo) + 1);
        &v[lo..hi]
    }

    /// Cue hits inside `[a, b)`.
    fn cues_in(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = &Hit<'static, Cue>> {
        self.starting_in(&self.cues, |h| h.start, a, b).iter().filter(move |h| h.end <= b)
    }

    /// Item hits inside `[a, b)`.
    fn items_in(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = &Hit<'static, ItemEntry>> {
        self.starting_in(&self.items, |h| h.start, a, b).iter().filter(move |h| h.end <= b)
    }

    /// Dates inside `[a, b)`.
    fn dates_in(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = &DateAnchor> {
        self.starting_in(&self.dates, |d| d.span.start, a, b).iter().filter(move |d| d.span.end <= b)
    }

    /// Figures (index, figure) inside `[a, b)`.
    fn figs_in(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = (usize, &Fig)> {
        let lo = self.figs.partition_point(|f| f.span.start < a);
        let found = self.starting_in(&self.figs, |f| f.span.start, a, b);
        found.iter().enumerate().map(move |(i, f)| (lo + i, f)).filter(move |(_, f)| f.span.end <= b)
    }

    fn has_cue(&self, a: usize, b: usize, cue: Cue) -> bool {
        self.cues_in(a, b).any(|h| h.vals.contains(&cue))
    }

    /// The figure (index into `figs`) before figure `k` in the same sentence.
    fn prev_fig(&self, k: usize, sent: Span) -> Option<usize> {
        (k > 0 && self.figs[k - 1].span.start >= sent.start).then(|| k - 1)
    }

    fn next_fig_start(&self, k: usize, limit: usize) -> usize {
        self.figs.get(k + 1).map_or(limit, |f| f.span.start.min(limit))
    }

    /// The byte offset `n` characters after `from`, at most `limit`.
    fn chars_after(&self, from: usize, n: usize, limit: usize) -> usize {
        let limit = limit.max(from);
        self.text[from..limit].char_indices().nth(n).map_or(limit, |(i, _)| from + i)
    }

    fn site(&self, k: usize, counted: bool) -> Site {
        let f = self.figs[k].span;
        let sent = self.sentence_of(f.start);
        // (A sentence cut for length may end inside the figure.)
        let sent = Span { start: sent.start, end: sent.end.max(f.end) };
        let clause = self.clause_of(f.start);
        // A count's noun may follow a size (三座二十八立方公尺的小高炉, "three 28-cubic-meter furnaces").
        let mut next = k + 1;
        while counted
            && self.figs.get(next).is_some_and(|g| {
                matches!(g.kind, Kind::Volume | Kind::Length | Kind::Area)
                    && g.span.start >= f.end
                    && g.span.start - f.end <= 2
            })
        {
            next += 1;
        }
        // A share of a counted group takes the group's noun (一半以上的干部, "more than half of
        // the 3,200 … cadres").
        let share = matches!(self.figs[k].kind, Kind::Fraction | Kind::Percent);
        let share_of = share
            && self
                .figs
                .get(next)
                .is_some_and(|g| g.span.start >= f.end && self.text[f.end..g.span.start].chars().count() <= 8);
        if share_of {
            next += 1;
        }
        let crosses = (counted || share) && self.rules.count_crosses_commas;
        let end = if crosses { sent.end } else { clause.end.max(f.end) };
        let lim = self.figs.get(next).map_or(end, |g| g.span.start.min(end)).max(f.end);
        let stop = self.text[f.end..lim]
            .char_indices()
            .find(|(_, c)| (self.rules.right_stop)(*c))
            .map_or(lim, |(i, _)| f.end + i);
        let right_end = self.chars_after(f.end, self.rules.right_window, stop);
        // Where the figure's own words begin: after it, or after the size it is followed by.
        let noun_from = if next > k + 1 && !share_of { self.figs[next - 1].span.end } else { f.end };
        Site { k, f, sent, clause, right_end, share_of, noun_from }
    }

    fn context(&self, k: usize, claim: &Claim, done: &[Context]) -> Context {
        let classes = classes_for(claim);
        let counted = claim.kind == Kind::Count;
        let s = self.site(k, counted);
        let prev_ctx = self.prev_fig(k, s.sent).map(|p| &done[p]);
        let continuation = {
            let head = self.text[s.sent.start..s.f.start].trim_start();
            let off = s.f.start - head.len();
            self.cues_in(off, s.f.start).next().is_some_and(|h| h.start == off && h.vals.contains(&Cue::Continuation))
        };
        // The last figure of the previous sentence in the same paragraph (其中 / "Among them").
        let para = self.paragraph_of(s.f.start);
        // (Figures before it in its own sentence are stepped over: a bounded number.)
        let prev_sentence_fig = (0..k)
            .rev()
            .take_while(|&j| self.figs[j].span.start >= para.start)
            .find(|&j| self.figs[j].span.end <= s.sent.start)
            .map(|j| &done[j]);
        let prev_sentence = prev_sentence_fig.filter(|p| self.prev_sentence_start(s.sent) == p.sentence);

        let mut ctx = Context { sentence: s.sent.start, ..Context::default() };
        if let Some((word, code)) = self.item(&classes, claim.kind, &s) {
            ctx.item = word;
            ctx.item_code = code;
        } else if counted
            && claim.unit == "person"
            && self.has_cue(s.sent.start, s.sent.end, Cue::Work)
            && !self.named_uncoded(&s)
        {
            // People sent to smelt, mine or fight for steel are its labour force, named or not
            // (一百多万人 in 全专区出动了一百多万人 上山找矿炼铁).
            ctx.item_code = "labour".to_string();
        }
        let baseline = self.is_baseline(claim.kind, &s);
        ctx.baseline = baseline;
        ctx.claim_type = self.claim_type(claim, &s, baseline, prev_ctx);
        if ctx.claim_type.is_none() {
            // A list (造了两万多台水车，五千多套农具、八百套车床): the figures after the
            // first share its verb, where only nouns and commas stand between.
            if let Some(p) = self.prev_fig(k, s.sent) {
                let g = self.figs[p];
                let gap = self.text.get(g.span.end..s.f.start).unwrap_or("");
                let listed = g.kind == claim.kind
                    && gap.chars().count() <= 16
                    && gap.contains(['、', '，', ','])
                    && !self.cues_in(g.span.end, s.f.start).any(|h| !h.vals.contains(&Cue::Skip));
                if listed {
                    ctx.claim_type = done[p].claim_type;
                }
            }
        }
        let change = ctx.claim_type == Some(ClaimType::Change);

        // Period: a word (after the governing date), else the governing date's span. Of counts,
        // only people have one (七百万人 on that day); furnaces and mines are stocks.
        let people =
            counted && (claim.unit == "person" || self.item_class(&classes, claim.kind, &s) == Some(Class::Person));
        let counted_thing = counted && !people;
        let target = ctx.claim_type == Some(ClaimType::Target);
        let anchor = self.governing_date(&s, baseline, change, target);
        let from = anchor.map_or(s.sent.start, |a| {
            if a.span.end <= s.f.start {
                a.span.start.max(s.sent.start)
            } else {
                s.sent.start
            }
        });
        let cumulative = self.cues_in(s.sent.start, s.f.start).any(|h| h.vals.contains(&Cue::Cumulative));
        let total = self.cues_in(s.sent.start, s.f.start).any(|h| h.vals.contains(&Cue::Total));
        let explicit = if counted_thing {
            None
        } else if cumulative {
            Some((Period::Cumulative, Cue::Cumulative))
        } else {
            // "a total of", 为止: cumulative where no other span is said.
            // (Within a day it is the day's total: "On that day, … a total of 3,210.5 tons".)
            let day = anchor.is_some_and(|a| matches!(a.date, RefDate::Day(_)));
            let total = total && !baseline && !day;
            self.period_word(&s, from).or(if total { Some((Period::Cumulative, Cue::Total)) } else { None })
        };
        let mut period = explicit.map(|(p, _)| p);
        let whole_year = explicit.is_some_and(|(_, c)| c == Cue::WholeYear);
        // Drilling footage is a flow; other lengths are sizes.
        let footage = claim.kind == Kind::Length && ctx.item_code == "drilling_footage";
        let flow =
            footage || !matches!(claim.kind, Kind::Count | Kind::Fraction | Kind::Volume | Kind::Length | Kind::Area);
        // 截至12月19日, 原煤产量到12月15日 / "as of December 19th": a year-to-date total.
        let until = anchor.is_some_and(|a| a.until && matches!(a.date, RefDate::Day(_)));
        if period.is_none() && until && flow && claim.kind != Kind::Yield {
            period = Some(Period::Cumulative);
        }
        if period.is_none() && !counted_thing {
            // A deadline (争取到年底) makes no day's figure; nor has a yield a period.
            let deadline = ctx.claim_type == Some(ClaimType::Target);
            if let Some(a) = anchor.as_ref().filter(|_| claim.kind != Kind::Yield) {
                period = match a.date {
                    d if spans_months(&d) && flow => Some(Period::Cumulative),
                    RefDate::Day(_) if (flow || people) && !deadline => Some(Period::Day),
                    RefDate::Month(..) if flow => Some(Period::Month),
                    RefDate::Year(_) if flow => Some(Period::Year),
                    _ => None,
                };
                if a.this_year && flow {
                    period = Some(Period::Year);
                }
            }
        }
        // (A yield's class, 双千斤县, has none: jin are per mu.)
        let raw = |t: &str| t.contains('吨') || t.to_lowercase().contains("ton");
        let tons = raw(&claim.unit_raw) || raw(&claim.surface);
        if period.is_none() && ctx.claim_type == Some(ClaimType::Threshold) && tons {
            // 万吨县, "ten-thousand-ton county": a daily output (ANNOTATION.md).
            period = Some(Period::Day);
        }
        if period.is_none() && flow {
            // A new value is of the same period as its baseline (由28日的X，提高到Y), and 其中
            // goes on with the previous sentence's.
            if let Some(p) = prev_ctx.filter(|p| p.baseline) {
                period = p.period;
            } else if continuation {
                period = prev_sentence.and_then(|p| p.period);
            }
        }
        if period.is_none() && counted_thing && ctx.claim_type == Some(ClaimType::Achieved) {
            // 今年1到10月共造了两万多台: things made over a span of months are its total.
            if anchor.is_some_and(|a| spans_months(&a.date)) {
                period = Some(Period::Cumulative);
            }
        }
        ctx.period = period;

        // Reference date.
        let mut ref_date = anchor.map(|a| if a.this_year { RefDate::Year(year_of(&a.date)) } else { a.date });
        // The year said only by a comparison makes no year's figure (亩产四百二十斤，比去年…).
        let mut compared = false;
        if ref_date.is_none() && change {
            // A change holds at the date of the new value, the figure before it.
            let new_value = prev_ctx.filter(|p| !p.baseline);
            ref_date = new_value.and_then(|p| p.ref_date);
            compared = new_value.is_some_and(|p| p.compared);
        }
        if ref_date.is_none() && !baseline && !self.has_cue(s.clause.start, s.f.start, Cue::Before) {
            // No date in the sentence: the previous sentence's, in the same paragraph.
            ref_date = prev_sentence
                .and_then(|p| p.ref_date)
                .or_else(|| self.last_plain_date(para.start.max(self.prev_sentence_start(s.sent)), s.sent.start));
            if ref_date.is_none() && ctx.period == Some(Period::Day) {
                ref_date = self.last_plain_date(para.start, s.sent.start);
            }
        }
        if ref_date.is_none() && !baseline {
            // 比去年增加了173.5％ / "compared to last year", and no other date: the figure is of
            // the year after the base year (not where the base is a part of it: 去年同期).
            let base_year = self.dates_in(s.sent.start, s.sent.end).find_map(|d| match d.date {
                RefDate::Year(y) if d.compare && self.mark_before(d.span.start, 3) == Some(Cue::Compare) => {
                    let before = &self.text[chars_before(self.text, d.span.start, 20)..d.span.start];
                    let after: String = self.text[d.span.end..].chars().take(6).collect();
                    (!(self.rules.part_of_year)(before, &after)).then_some(y)
                }
                _ => None,
            });
            ref_date = base_year.map(|y| RefDate::Year(y + 1));
            compared = ref_date.is_some();
        }
        if ref_date.is_none() && whole_year {
            // 为全年采煤六百万吨而努力: the year being spoken of.
            let before = &self.dates[..self.dates.partition_point(|d| d.span.start < s.f.start)];
            let last = before.iter().rev().take(DATE_LOOK_BACK).find(|d| d.span.end <= s.f.start);
            ref_date = last.map(|d| RefDate::Year(year_of(&d.date)));
        }
        ctx.ref_date = ref_date;
        ctx.compared = compared;
        if ctx.period.is_none() && flow && claim.kind != Kind::Yield && !compared {
            // A flow dated to a day is that day's (…出铁八百二十吨 after 17日一天), to a year that
            // year's (a province's harvest, achieved or expected); "a total of" without a span is
            // cumulative. A target's date is a deadline: no day's or month's figure.
            let target = ctx.claim_type == Some(ClaimType::Target);
            ctx.period = match ref_date {
                // (A day taken from the sentence before makes no day's figure: "before the
                // early rice, it had yielded 124 jin of rapeseed".)
                Some(RefDate::Day(_)) if !target && (anchor.is_some() || change) => Some(Period::Day),
                Some(RefDate::Month(..)) if !target => Some(Period::Month),
                Some(RefDate::Year(_)) => Some(Period::Year),
                _ if !target && self.has_cue(s.clause.start, s.f.start, Cue::Total) => Some(Period::Cumulative),
                _ => None,
            };
        }
        // 其中 / "Among them", or a sentence naming no item at all ("The real total yield came to
        // 612,300,000 jin"): the previous sentence's item, where it was a commodity too.
        ctx.goods = classes == [Class::Goods];
        let no_item_words = !self.items_in(s.sent.start, s.sent.end).any(|h| self.free_hit(h, k));
        if ctx.item_code.is_empty() && ctx.goods && (continuation || no_item_words) {
            if let Some(p) = prev_sentence.filter(|p| p.goods) {
                ctx.item = p.item.clone();
                ctx.item_code = p.item_code.clone();
            }
        }
        ctx.place = self.place(&s);
        ctx
    }

    /// Whether the people counted are named by a word that has no code (人口, 群众).
    fn named_uncoded(&self, s: &Site) -> bool {
        self.items_in(s.f.end, s.right_end)
            .any(|h| h.vals.iter().any(|v| v.class == Class::Person && v.code.is_empty()))
    }

    /// Whether an item hit may name figure `k`: not inside another figure, nor a counter word
    /// inside its own.
    fn free_hit(&self, h: &Hit<'static, ItemEntry>, k: usize) -> bool {
        let f = self.figs[k].span;
        // A counter word inside the figure itself ("35,000 people") names nothing.
        let own_counter = h.start >= f.start && h.end <= f.end && h.vals.iter().all(|v| v.code.is_empty());
        if own_counter {
            return false;
        }
        // Figures starting before the hit ends, back while one of them may still reach into it.
        let upto = self.figs.partition_point(|g| g.span.start < h.end);
        let mut j = upto;
        while j > 0 && self.fig_max_end[j - 1] > h.start {
            j -= 1;
            let g = self.figs[j].span;
            if j != k && h.start < g.end && g.start < h.end {
                return false;
            }
        }
        true
    }

    /// The item word for a figure: in or after it (X吨钢, "tons of steel"), else before it in
    /// its sentence; for percentages and multiples the other way round, unless the word follows
    /// at once (一半以上的干部).
    fn item(&self, classes: &[Class], kind: Kind, s: &Site) -> Option<(String, String)> {
        if classes.is_empty() {
            return None;
        }
        let ok =
            |h: &&Hit<'static, ItemEntry>| h.vals.iter().any(|v| classes.contains(&v.class)) && self.free_hit(h, s.k);
        let right = self.items_in(s.f.start, s.right_end).find(ok);
        // A counted thing is named right after its counter: 七十二个乡都建起了土高炉 counts no
        // furnaces. (People may be named further on: 三千二百名参加炼钢的县、乡、社干部.)
        let right = right.filter(|h| {
            kind != Kind::Count
                || classes == [Class::Person]
                || h.start <= s.noun_from
                || self.text[s.noun_from..h.start].chars().count() <= self.rules.noun_gap
        });
        let left = || {
            if self.rules.head_first {
                // English: the head of the clause's subject ("Cost Per Ton of Iron Cut by 30%").
                let first = self.items_in(s.clause.start.min(s.f.start), s.f.start).find(ok);
                if first.is_some() {
                    return first;
                }
            }
            self.items_in(s.sent.start, s.f.start).rev().find(ok)
        };
        let found = if matches!(kind, Kind::Percent | Kind::Multiple | Kind::Fraction) {
            let at_once = right.filter(|h| s.share_of || self.text[s.f.end..h.start].chars().count() <= 5);
            at_once.or_else(left).or(right)
        } else {
            right.or_else(left)
        }?;
        let v = found.vals.iter().find(|v| classes.contains(&v.class))?;
        // A known but uncoded thing (出勤率, 人口) ends the search: empty, never guessed.
        (!v.code.is_empty()).then(|| (self.text[found.start..found.end].to_string(), v.code.clone()))
    }

    /// The class of the item word found for a figure, if any.
    fn item_class(&self, classes: &[Class], kind: Kind, s: &Site) -> Option<Class> {
        let (_, code) = self.item(classes, kind, s)?;
        self.items_in(s.sent.start, s.sent.end.max(s.right_end))
            .flat_map(|h| h.vals.iter())
            .find(|v| v.code == code && classes.contains(&v.class))
            .map(|v| v.class)
    }

    /// The nearest period word for a figure: after it in its clause (English), else before it
    /// in its sentence, from `from` on.
    fn period_word(&self, s: &Site, from: usize) -> Option<(Period, Cue)> {
        let as_period = |h: &Hit<'static, Cue>| h.vals.iter().find_map(|c| c.period().map(|p| (p, *c)));
        // A change's period words after 相当于 / 比 are its base's (相当于去年全年产量的两倍).
        let upto = if matches!(self.figs[s.k].kind, Kind::Multiple | Kind::Percent) {
            self.cues_in(s.clause.start, s.f.start)
                .find(|h| h.vals.contains(&Cue::Compare))
                .map_or(s.f.start, |h| h.start)
        } else {
            s.f.start
        };
        if self.rules.trailing_dates {
            // A count is a subject: the period words after its verb are of the object ("2
            // million workers raised the daily output").
            let count = self.figs[s.k].kind == Kind::Count;
            let verb = |h: &&Hit<'static, Cue>| {
                count
                    && h.vals
                        .iter()
                        .any(|c| matches!(c, Cue::Achieved | Cue::Change | Cue::Rise | Cue::Target | Cue::Copula))
            };
            // (Not past its clause: "increased to 524,000, and the daily output …".)
            let end = s.right_end.min(s.clause.end.max(s.f.end));
            if let Some(p) = self.cues_in(s.f.end, end).take_while(|h| !verb(h)).find_map(as_period) {
                return Some(p);
            }
        }
        self.cues_in(from.min(upto), upto).rev().find_map(as_period)
    }

    /// Whether a figure is a baseline: 由 X 增加到 Y / "from X to Y", or (a mass) 仅 X …上升到 /
    /// "only X, but … rose to".
    fn is_baseline(&self, kind: Kind, s: &Site) -> bool {
        if matches!(kind, Kind::Percent | Kind::Multiple | Kind::Fraction) {
            return false;
        }
        let next = self.next_fig_start(s.k, s.sent.end);
        let after = &self.text[s.f.end..next.max(s.f.end)];
        let from_start = self.prev_fig(s.k, s.sent).map_or(s.sent.start, |p| self.figs[p].span.end);
        // "more than twice the 1956 coal output of 110 million tons": a multiple's base.
        if let Some(p) = self.prev_fig(s.k, s.sent) {
            let g = self.figs[p];
            let gap_clause = self.clause_of(g.span.end.min(s.f.start));
            if g.kind == Kind::Multiple
                && gap_clause.end >= s.f.start
                && self.text[g.span.end..s.f.start].chars().count() <= 40
            {
                let verb = self
                    .cues_in(g.span.end, s.f.start)
                    .any(|h| h.vals.iter().any(|c| matches!(c, Cue::Achieved | Cue::Rise | Cue::Target)));
                if !verb && self.rules.trailing_dates {
                    return true;
                }
            }
        }
        // 比1956年的一亿一千万吨 / "compared with 110 million tons": the comparison base.
        let compare = self.cues_in(from_start, s.f.start).rev().find(|h| h.vals.contains(&Cue::Compare));
        if compare.is_some_and(|h| self.only_dates_between(h.end, s.f.start)) {
            return true;
        }
        let from = self.cues_in(from_start, s.f.start).rev().find(|h| h.vals.contains(&Cue::From));
        if let Some(h) = from {
            let between = self.text[h.end..s.f.start].chars().count();
            let dates: usize =
                self.dates_in(h.end, s.f.start).map(|d| self.text[d.span.start..d.span.end].chars().count()).sum();
            if between.saturating_sub(dates) <= 12 && next < s.sent.end && (self.rules.leads_to)(after) {
                return true;
            }
        }
        if !matches!(kind, Kind::Mass | Kind::Yield) {
            return false;
        }
        let low = self
            .cues_in(s.clause.start, s.f.start)
            .any(|h| h.vals.iter().any(|c| matches!(c, Cue::Limit | Cue::Before)));
        let later_clause = self.clause_of(s.f.end).end;
        // (Not where the later figure is as low: 共只产了三百万吨铁，其中最多的一年…只生产了
        // 九十二万吨钢 states two levels, neither a start.)
        let later_low = self.cues_in(later_clause, s.sent.end).any(|h| h.vals.contains(&Cue::Limit));
        let later = self.cues_in(s.f.end, s.sent.end).any(|h| h.vals.contains(&Cue::Rise))
            || (!later_low && self.cues_in(later_clause, s.sent.end).any(|h| h.vals.contains(&Cue::Achieved)));
        low && later && next < s.sent.end
    }

    fn claim_type(&self, claim: &Claim, s: &Site, baseline: bool, prev: Option<&Context>) -> Option<ClaimType> {
        let (f, clause, sent) = (s.f, s.clause, s.sent);
        if claim.kind == Kind::Multiple {
            // 争取今年把粮食产量翻一番的口号: a change aimed at is a target.
            let aimed =
                self.has_cue(clause.start, f.start, Cue::Target) || self.has_cue(f.end, s.right_end, Cue::Target);
            return Some(if aimed { ClaimType::Target } else { ClaimType::Change });
        }
        let before = &self.text[sent.start..f.start];
        // (Lengths too: 月进千公尺的井队, "crews drilling a thousand meters a month".)
        if matches!(claim.kind, Kind::Mass | Kind::Yield | Kind::Length)
            && (self.rules.threshold)(before, &self.text[f.start..f.end], &self.text[f.end..sent.end])
        {
            // 号召争当亩产五百斤县, 力争后年建成小麦千斤省: a class striven for is a target.
            // (A slogan's 决心实现万吨专 still names the class: the gold keeps it a threshold.)
            let aimed = (self.rules.strive_for)(&self.text[clause.start..f.start]);
            return Some(if aimed { ClaimType::Target } else { ClaimType::Threshold });
        }
        if matches!(claim.kind, Kind::Percent | Kind::Fraction) {
            let near = self.cues_in(clause.start, f.start).next_back().is_some_and(|h| {
                h.vals.contains(&Cue::Change) && self.text[h.end..f.start].chars().count() <= self.rules.change_gap
            });
            let by = (self.rules.change_by)(&self.text[clause.start..f.start])
                && self.has_cue(clause.start, f.start, Cue::Change);
            if near || by {
                return Some(ClaimType::Change);
            }
        }
        if baseline {
            return Some(ClaimType::Baseline);
        }
        if self.has_cue(clause.start, f.start, Cue::Other) || self.has_cue(f.end, clause.end.max(f.end), Cue::Other) {
            return Some(ClaimType::Other);
        }
        // The new value after a baseline (由 X 增加到 Y).
        if prev.is_some_and(|p| p.baseline) {
            let gap = &self.text[self.figs[s.k - 1].span.end..f.start];
            if (self.rules.leads_to)(gap) {
                return Some(ClaimType::Achieved);
            }
        }
        // Target words in the clause, or right after the figure (的任务, "the annual target").
        if self.has_cue(clause.start, f.start, Cue::Target)
            || self.has_cue(f.end, s.right_end, Cue::Target)
            || (self.rules.modal)(&self.text[clause.start..f.start])
        {
            return Some(ClaimType::Target);
        }
        let count = claim.kind == Kind::Count;
        let flow = !matches!(claim.kind, Kind::Count | Kind::Volume | Kind::Length);
        let achieved = |h: &Hit<'static, Cue>| {
            h.vals.iter().any(|c| match c {
                Cue::Achieved => !count || !h.vals.iter().any(|c| c.period().is_some()),
                Cue::Rise => true,
                // 增产了八十万吨: a change verb before a mass states what was achieved.
                Cue::Change => flow && claim.kind != Kind::Percent,
                Cue::Capacity => true,
                Cue::Copula => !count,
                _ => false,
            })
        };
        // 五年共增加了四百万吨 / "increased by 4 million tons": an absolute increase is a change
        // (ANNOTATION.md; the lead's decision on round 2's question).
        // (给国家多产了八十万吨原煤 is what was produced: `absolute_change` says which verbs.)
        let by = self.cues_in(clause.start, f.start).next_back().filter(|h| {
            h.vals.contains(&Cue::Change)
                && (self.rules.absolute_change)(&self.text[h.start..h.end])
                && self.text[h.end..f.start].chars().count() <= self.rules.change_gap
        });
        if matches!(claim.kind, Kind::Mass) && by.is_some() {
            return Some(ClaimType::Change);
        }
        // The nearest of capacity (能出) and achievement words in the clause.
        // (The figure itself may hold the verb: "Tops Three Thousand Tons".)
        let nearest = self.cues_in(clause.start, f.end).rev().find(|h| achieved(h));
        if let Some(h) = nearest {
            return (!h.vals.contains(&Cue::Capacity)).then_some(ClaimType::Achieved);
        }
        // After the figure (九百个土炉投入生产): the first cue there must be the verb.
        // (A count's verb may stand past a list of what it counts: 一千多个土炉、坩锅等投入生产.)
        let after_end = if count {
            let limit = self.next_fig_start(s.k, s.clause.end).max(f.end);
            self.chars_after(f.end, self.rules.right_window.max(20), limit).max(s.right_end)
        } else {
            s.right_end
        };
        let after = self.cues_in(f.end, after_end).find(|h| !h.vals.contains(&Cue::Skip)).filter(|h| achieved(h));
        if (self.rules.trailing_dates || count) && after.is_some_and(|h| !h.vals.contains(&Cue::Capacity)) {
            return Some(ClaimType::Achieved);
        }
        if !flow || matches!(claim.kind, Kind::Fraction) {
            return None;
        }
        // Earlier clauses of the sentence: the nearest one with a target or achievement word
        // decides, a target word first ("will reach 200,000 tons of iron, 90,000 tons of steel").
        let mut end = clause.start;
        while end > sent.start {
            let c = self.clause_of(self.text[..end].char_indices().next_back().map_or(sent.start, |(i, _)| i));
            if self.has_cue(c.start, end, Cue::Target) {
                return Some(ClaimType::Target);
            }
            if let Some(h) = self.cues_in(c.start, end).rev().find(|h| achieved(h)) {
                return (!h.vals.contains(&Cue::Capacity)).then_some(ClaimType::Achieved);
            }
            if c.start >= end {
                break;
            }
            end = c.start;
        }
        None
    }

    /// The date that governs a figure: its own (a date right after it, or a baseline's 由
    /// date), else the nearest date before it in its sentence that belongs to no other figure,
    /// else a date after it in its clause with no figure in between.
    fn governing_date(&self, s: &Site, baseline: bool, change: bool, target: bool) -> Option<DateAnchor> {
        let (k, f, sent) = (s.k, s.f, s.sent);
        if let Some(i) = self.owned[k] {
            return Some(self.dates[i]);
        }
        let prev_end = self.prev_fig(k, sent).map_or(sent.start, |p| self.figs[p].span.end);
        // A comparison base's date right before it (比1956年的 X): its own.
        let base = self.dates_in(prev_end.min(f.start), f.start).rev().find(|d| d.compare);
        if let Some(d) = base.filter(|d| baseline && self.only_dates_between(d.span.end, f.start)) {
            return Some(*d);
        }
        if baseline {
            // 和1957年比较，…今年钢产量将由X下降到Y: the base year compared with is X's, not
            // the year of the new value said before 由.
            let own = self.dates_in(prev_end.min(f.start), f.start).any(|d| d.from);
            let year =
                self.dates_in(sent.start, f.start).rev().find(|d| d.compare && matches!(d.date, RefDate::Year(_)));
            if let Some(d) = year.filter(|_| !own) {
                return Some(*d);
            }
        }
        let clause_start = s.clause.start;
        for d in self.dates_in(sent.start, f.start).rev() {
            if d.compare || d.owner.is_some() {
                continue;
            }
            // 是入春以来增幅最高的一月；比去年同月增加六成: a "since" date is of its
            // own clause only.
            if d.span.start < clause_start && (self.rules.since)(self.text.get(d.span.end..).unwrap_or("")) {
                continue;
            }
            if d.from {
                // A baseline's date belongs to the first figure after it.
                if d.span.start >= prev_end {
                    return Some(*d);
                }
                continue;
            }
            // 为1952年的十二倍: a multiple's base date stands before 的 and the figure.
            if self.figs[k].kind == Kind::Multiple {
                let between = &self.text[d.span.end..f.start];
                if between.ends_with('的') && !between.contains('，') {
                    continue;
                }
            }
            return Some(*d);
        }
        if baseline || change {
            return None;
        }
        // The day may be named after the figure, across a comma ("30,000 miners dug
        // … in a single day, November 3rd", 三万名采煤大军，在11月3日一天挖煤…).
        // (Not for a target: 为生产一千零七十万吨钢的号召发布以后，在9月的头十天里 dates the call.)
        let limit = if target { s.clause.end } else { sent.end };
        let next = self.next_fig_start(k, limit);
        self.dates_in(f.end, next.max(f.end)).find(|d| d.plain()).copied()
    }

    /// Whether only dates and a short noun stand between a comparison word and a figure:
    /// 比[1957年]的钢产量 X, "compared with X". A verb or a clause end in between means the
    /// figure is no base.
    fn only_dates_between(&self, a: usize, b: usize) -> bool {
        let verb = self
            .cues_in(a, b)
            .any(|h| h.vals.iter().any(|c| matches!(c, Cue::Achieved | Cue::Change | Cue::Rise | Cue::Target)));
        let sep = self.text[a..b].char_indices().any(|(i, _)| (self.rules.is_clause_sep)(self.text, a + i));
        if verb || sep {
            return false;
        }
        let mut rest = String::new();
        let mut at = a;
        for d in self.dates_in(a, b) {
            rest.push_str(&self.text[at..d.span.start]);
            at = d.span.end;
        }
        rest.push_str(&self.text[at..b]);
        rest.trim().chars().count() <= self.rules.base_gap
    }

    /// The last plain date in `[a, b)`.
    fn last_plain_date(&self, a: usize, b: usize) -> Option<RefDate> {
        self.dates_in(a, b).rev().take(DATE_LOOK_BACK).find(|d| d.plain()).map(|d| d.date)
    }

    /// The nearest place before the figure in its sentence; else the last county, district,
    /// commune or works named before it in the section (全县, 这个县 speak of it, not of the
    /// province it was compared with); else the last place before it (the dateline's city).
    fn place(&self, s: &Site) -> String {
        // Place mentions never overlap, so their ends are sorted too.
        let upto = self.places.partition_point(|(p, _)| p.end <= s.f.start);
        let nearest = upto.checked_sub(1).map(|i| self.places[i].0);
        let found = match nearest {
            Some(p) if p.start >= s.sent.start => Some(p),
            _ => upto.checked_sub(1).and_then(|i| self.fine_places[i]).map(|i| self.places[i].0).or(nearest),
        };
        found.map(|p| self.text[p.start..p.end].to_string()).unwrap_or_default()
    }
}

/// The item classes a figure can take.
fn classes_for(c: &Claim) -> Vec<Class> {
    const THINGS: [Class; 4] = [Class::Furnace, Class::Mine, Class::Commune, Class::Person];
    match c.kind {
        Kind::Count => match c.unit.as_str() {
            "person" => vec![Class::Person],
            "furnace" => vec![Class::Furnace],
            "mine" => vec![Class::Mine],
            "commune" => vec![Class::Commune],
            "machine" => vec![Class::Machine],
            "" | "unit" => THINGS.to_vec(),
            // Counties, households, machines: no item code of ours fits.
            _ => Vec::new(),
        },
        Kind::Percent | Kind::Fraction => vec![Class::Goods, Class::Furnace, Class::Mine, Class::Person],
        Kind::Volume => vec![Class::Furnace, Class::Goods],
        Kind::Date | Kind::Duration => Vec::new(),
        _ => vec![Class::Goods],
    }
}

/// A figure repeated in a section is the same figure (一千零七十万吨钢, four times in an
/// editorial): later mentions take the columns the first one made clear and they lack.
fn corefer(claims: &mut [Claim]) {
    type Key = (Kind, Option<u64>, String);
    let key = |c: &Claim| -> Key { (c.kind, c.value.map(f64::to_bits), c.unit.clone()) };
    // The first mention of each figure, and of each figure with a given item code: one pass.
    let mut first: HashMap<Key, usize> = HashMap::default();
    let mut first_coded: HashMap<(Key, String), usize> = HashMap::default();
    for j in 0..claims.len() {
        let cj = &claims[j];
        let big = match cj.kind {
            Kind::Mass | Kind::Money | Kind::Energy | Kind::Area | Kind::Volume => true,
            Kind::Count => cj.value.is_some_and(|v| v >= 1000.0),
            _ => false,
        };
        if !big || cj.value.is_none() {
            continue;
        }
        let kj = key(cj);
        let found = if cj.item_code.is_empty() {
            first.get(&kj).copied()
        } else {
            first_coded.get(&(kj.clone(), cj.item_code.clone())).copied()
        };
        if let Some(i) = found {
            let first = claims[i].clone();
            let c = &mut claims[j];
            if c.item_code.is_empty() {
                c.item_code = first.item_code;
                c.item = first.item;
            }
            // The same target said again is the same target: its period and date stay (一千零七十万吨
            // 钢的任务是可以在年底完成的 is still the year's 1958 target).
            let same_target = first.claim_type == Some(ClaimType::Target) && c.claim_type == Some(ClaimType::Target);
            if c.period.is_none() || (same_target && first.period.is_some()) {
                c.period = first.period;
            }
            if c.ref_date.is_empty() || (same_target && !first.ref_date.is_empty()) {
                c.ref_date = first.ref_date;
            }
            if first.claim_type == Some(ClaimType::Target) || c.claim_type.is_none() {
                c.claim_type = first.claim_type;
            }
        }
        let code = claims[j].item_code.clone();
        first.entry(kj.clone()).or_insert(j);
        first_coded.entry((kj, code)).or_insert(j);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::article::SectionKind;
    use proptest::prelude::*;

    /// Attributes hand-made claims: `figures` are (surface, kind, unit, value or, for dates, the
    /// ref_date), found in order in `text`. Returns per non-date figure
    /// `item_code|period|claim_type|ref_date|place`.
    pub(crate) fn run(lang: Lang, text: &str, figures: &[(&str, &str, &str, &str)]) -> Vec<String> {
        let claims = claims_for(lang, text, figures);
        let section = Section { lang, kind: SectionKind::Body, start: 0, text: text.to_string() };
        attribute(&section, claims)
            .into_iter()
            .filter(|c| c.kind != Kind::Date)
            .map(|c| {
                format!(
                    "{}|{}|{}|{}|{}",
                    c.item_code,
                    c.period.map_or("", |p| p.as_str()),
                    c.claim_type.map_or("", |p| p.as_str()),
                    c.ref_date,
                    c.place
                )
            })
            .collect()
    }

    /// The hand-made claims of [`run`].
    fn claims_for(lang: Lang, text: &str, figures: &[(&str, &str, &str, &str)]) -> Vec<Claim> {
        let mut claims = Vec::new();
        let mut from = 0;
        for (surface, kind, unit, v) in figures {
            let b = from + text[from..].find(surface).unwrap_or_else(|| panic!("{surface} not in text"));
            let start = text[..b].chars().count();
            let kind = Kind::parse(kind).unwrap();
            let mut c = Claim::new(lang, SectionKind::Body, start, start + surface.chars().count(), surface, kind);
            c.unit = unit.to_string();
            if kind == Kind::Date {
                c.ref_date = v.to_string();
            } else {
                c.value = v.parse().ok();
            }
            claims.push(c);
            from = b + surface.len();
        }
        claims
    }

    /// `n` copies of a text and of its figures.
    fn copies<'a>(
        text: &str,
        sep: &str,
        figures: &[(&'a str, &'a str, &'a str, &'a str)],
        n: usize,
    ) -> (String, Vec<(&'a str, &'a str, &'a str, &'a str)>) {
        (vec![text; n].join(sep), figures.repeat(n))
    }

    /// The work attribution does on `n` copies of a text put on one line.
    fn work(lang: Lang, unit: &str, figures: &[(&str, &str, &str, &str)], n: usize) -> usize {
        let (text, figs) = copies(unit, "", figures, n);
        let mut claims = claims_for(lang, &text, &figs);
        let rules = match lang {
            Lang::Zh => &*zh::RULES,
            Lang::En => &*en::RULES,
        };
        attribute_with(rules, &text, 0, &mut claims)
    }

    /// A flood of figures on one line without a sentence end (a release-blocking bug: 4000
    /// claims took 10 s, a 50 MB line never finished): eight times the text is at most about
    /// eight times the work.
    #[test]
    fn work_grows_linearly_on_one_long_line() {
        let zh_unit = "湖南省涟源县10日一天原煤产量达到一万五千吨，较9月底提高四倍，全县就有七百五十二座土炉，";
        let zh_figs = [
            ("10日", "date", "", "1958-10-10"),
            ("一万五千吨", "mass", "t", "15000"),
            ("9月底", "date", "", "1958-09-30"),
            ("四倍", "multiple", "x", "4"),
            ("七百五十二座", "count", "furnace", "752"),
        ];
        let en_unit = "The county produced 1,431 tons of steel on the 10th and more than 90,000 people joined, ";
        let en_figs = [
            ("1,431 tons", "mass", "t", "1431"),
            ("the 10th", "date", "", "1958-10-10"),
            ("more than 90,000", "count", "person", "90000"),
        ];
        for (lang, unit, figs) in [(Lang::Zh, zh_unit, &zh_figs[..]), (Lang::En, en_unit, &en_figs[..])] {
            let (small, large) = (work(lang, unit, figs, 100), work(lang, unit, figs, 800));
            assert!(large <= 10 * small, "{lang:?}: work {small} for 100 copies, {large} for 800");
        }
    }

    /// Each figure looks at a bounded stretch: a long text gives what its paragraphs give alone.
    #[test]
    fn long_text_gives_what_its_pieces_give() {
        let para = "湖南省涟源县开展采煤运动，10日一天原煤产量达到一万五千吨，日产量较9月底提高四倍。全县的小煤窑由9月底的六百三十处增加到一千四百三十一处。决心争取月底达到日产原煤四万吨。";
        let figs = [
            ("10日", "date", "", "1958-10-10"),
            ("一万五千吨", "mass", "t", "15000"),
            ("9月底", "date", "", "1958-09-30"),
            ("四倍", "multiple", "x", "4"),
            ("9月底", "date", "", "1958-09-30"),
            ("六百三十处", "count", "mine", "630"),
            ("一千四百三十一处", "count", "mine", "1431"),
            ("月底", "date", "", "1958-10-31"),
            ("四万吨", "mass", "t", "40000"),
        ];
        let one = run(Lang::Zh, para, &figs);
        assert_eq!(one[0], "coal|day|achieved|1958-10-10|湖南省涟源县");
        let (text, all) = copies(para, "\n", &figs, 8);
        assert_eq!(run(Lang::Zh, &text, &all), vec![one.clone(); 8].concat());
        // On one line without sentence ends, cut into pieces for length: still no panic, and
        // the first figures keep their context.
        let line = vec![para.replace('。', "，"); 40].concat();
        let got = run(Lang::Zh, &line, &figs.repeat(40));
        assert_eq!(got.len(), one.len() * 40);
        assert_eq!(got[0], one[0]);
    }

    #[test]
    fn ref_dates_parse_back() {
        for s in ["1958-10-10", "1958-10", "1958", "1958-11-01/1958-11-10", "1958-01/1958-11"] {
            assert_eq!(format_ref(&parse_ref(s).unwrap()), s);
        }
        assert!(parse_ref("").is_none());
        assert!(parse_ref("1958-13").is_none());
    }

    #[test]
    fn no_word_character_ends_a_sentence_or_clause() {
        let words: String = ('0'..='9').chain('a'..='z').chain('A'..='Z').chain('\u{4E00}'..='\u{9FFF}').collect();
        for rules in [&*en::RULES, &*zh::RULES] {
            for (i, c) in words.char_indices() {
                assert!(word_char(c));
                assert!(!(rules.is_sentence_end)(&words, i) && !(rules.is_clause_sep)(&words, i), "{c}");
            }
        }
        assert!(!word_char('。') && !word_char('，') && !word_char('.') && !word_char(' '));
    }

    /// One list with the other two empty.
    fn one_list(rows: Vec<(String, i32)>, whole: bool, fold: bool) -> WordLists<i32, i32, i32> {
        WordLists::new(
            WordMatcher::new(rows, whole, fold),
            WordMatcher::new(vec![], whole, false),
            WordMatcher::new(vec![], whole, false),
        )
    }

    #[test]
    fn word_matcher_prefers_the_longest_word() {
        let m = one_list(vec![("高炉".to_string(), 1), ("土高炉".to_string(), 2), ("炉".to_string(), 3)], false, false);
        let hits = m.find_all("七十座土高炉和五座高炉，一个炉").0;
        let vals: Vec<i32> = hits.iter().map(|h| h.vals[0]).collect();
        assert_eq!(vals, vec![2, 1, 3]);
    }

    #[test]
    fn word_lists_find_shorter_whole_words_and_keep_case_where_asked() {
        let rows = |ws: &[&str]| ws.iter().enumerate().map(|(i, w)| (w.to_string(), i as i32)).collect::<Vec<_>>();
        let lists = WordLists::new(
            WordMatcher::new(rows(&["iron", "iron ores", "ore", "pig iron"]), true, true),
            WordMatcher::new(rows(&["more", "iron"]), true, true),
            WordMatcher::new(rows(&["Iron", "China"]), true, false),
        );
        let text = "More IRON ORE; pig irons, iron ores in china and China";
        let (items, cues, places) = lists.find_all(text);
        let show = |hs: &[Hit<'_, i32>]| hs.iter().map(|h| &text[h.start..h.end]).collect::<Vec<_>>();
        assert_eq!(show(&items), vec!["IRON", "ORE", "iron ores"]);
        assert_eq!(show(&cues), vec!["More", "IRON", "iron"]);
        assert_eq!(show(&places), vec!["China"]);
    }

    /// The words of a list.
    fn words_of<T>(m: &WordMatcher<T>) -> Vec<String> {
        m.words.clone()
    }

    /// What a list must give: one regex alternation of its words, longest first.
    fn by_regex<T>(m: &WordMatcher<T>, text: &str) -> Vec<(usize, usize)> {
        let mut sorted: Vec<&String> = m.words.iter().collect();
        sorted.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let alt = sorted.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
        let (pre, post) = if m.whole_words { (r"(?-u:\b)(?:", r")(?-u:\b)") } else { ("(?:", ")") };
        let flags = if m.fold_case { "(?i-u)" } else { "" };
        let re = regex::Regex::new(&format!("{flags}{pre}{alt}{post}")).unwrap();
        re.find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    fn spans<T>(hits: &[Hit<'_, T>]) -> Vec<(usize, usize)> {
        hits.iter().map(|h| (h.start, h.end)).collect()
    }

    fn lists_agree(l: &WordLists<ItemEntry, Cue, u8>, text: &str) -> Result<(), TestCaseError> {
        let (i, c, p) = l.find_all(text);
        prop_assert_eq!(spans(&i), by_regex(&l.items, text), "items in {:?}", text);
        prop_assert_eq!(spans(&c), by_regex(&l.cues, text), "cues in {:?}", text);
        prop_assert_eq!(spans(&p), by_regex(&l.places, text), "places in {:?}", text);
        Ok(())
    }

    proptest! {
        /// The one automaton gives each list exactly the hits of its own regex, whole words
        /// and case included, on text glued from the real word lists.
        #[test]
        fn word_lists_give_the_regex_hits(
            en in proptest::collection::vec(prop_oneof![
                proptest::sample::select(words_of(&en::LISTS.items)),
                proptest::sample::select(words_of(&en::LISTS.cues)),
                proptest::sample::select(words_of(&en::LISTS.places)),
                "[a-zA-Z0-9 ,.'-]{0,4}",
            ], 0..14),
            zh in proptest::collection::vec(prop_oneof![
                proptest::sample::select(words_of(&zh::LISTS.items)),
                proptest::sample::select(words_of(&zh::LISTS.cues)),
                proptest::sample::select(words_of(&zh::LISTS.places)),
                "[的了在和产钢铁炉煤高土省县a-z ，。]{0,3}",
            ], 0..14),
        ) {
            let en: String = en.iter().map(|w| match w.len() % 3 {
                0 => w.to_uppercase(),
                1 => w.to_lowercase(),
                _ => w.clone(),
            }).collect();
            lists_agree(&en::LISTS, &en)?;
            lists_agree(&zh::LISTS, &zh.concat())?;
        }
    }
}
