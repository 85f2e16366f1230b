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

use std::collections::HashMap;

use regex::Regex;

use crate::article::{Lang, Section};
use crate::claim::{Claim, ClaimType, Kind, Period};
use crate::dates::RefDate;
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

/// Finds the words of a list in a text, leftmost first and longest at a position, in one pass.
pub(crate) struct WordMatcher<T> {
    re: Regex,
    map: HashMap<String, Vec<T>>,
    fold_case: bool,
}

/// One match of a [`WordMatcher`]: byte span and the values of the word.
pub(crate) struct Hit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub vals: &'a [T],
}

impl<T> WordMatcher<T> {
    /// `whole_words`: only at word boundaries (English). `fold_case`: case-insensitive.
    pub fn new(rows: Vec<(String, T)>, whole_words: bool, fold_case: bool) -> Self {
        let mut map: HashMap<String, Vec<T>> = HashMap::new();
        for (w, v) in rows {
            let key = if fold_case { w.to_lowercase() } else { w };
            map.entry(key).or_default().push(v);
        }
        let mut words: Vec<&String> = map.keys().collect();
        // Longest first, so that the alternation prefers 土高炉 to 高炉 at one position.
        words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let alt = words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
        let (pre, post) = if whole_words { (r"\b(?:", r")\b") } else { ("(?:", ")") };
        let flags = if fold_case { "(?i)" } else { "" };
        let re = Regex::new(&format!("{flags}{pre}{alt}{post}")).expect("word list pattern");
        WordMatcher { re, map, fold_case }
    }

    /// Every match in `text`, in order.
    pub fn find_all<'a>(&'a self, text: &str) -> Vec<Hit<'a, T>> {
        self.re
            .find_iter(text)
            .filter_map(|m| {
                let key = if self.fold_case { m.as_str().to_lowercase() } else { m.as_str().to_string() };
                self.map.get(&key).map(|v| Hit { start: m.start(), end: m.end(), vals: v.as_slice() })
            })
            .collect()
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
    pub items: &'static WordMatcher<ItemEntry>,
    pub cues: &'static WordMatcher<Cue>,
    /// Place names with their level (0 country .. 5 commune or works): finer is higher.
    pub places: &'static WordMatcher<u8>,
    /// Whether the character at a byte offset ends a sentence.
    pub is_sentence_end: fn(&str, usize) -> bool,
    /// Whether the character at a byte offset separates clauses inside a sentence.
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
    /// A date right after a figure belongs to it ("6,382.9 tons on the 29th").
    pub trailing_dates: bool,
    /// How many characters after a figure its item and period may stand.
    pub right_window: usize,
    /// How many characters may separate a change verb from its percentage (提高了 72.7％).
    pub change_gap: usize,
}

/// A figure or date of the section, in byte offsets of the section text.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
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
    /// Index (into `figs`) of the figure it belongs to, where a date follows its figure.
    owner: Option<usize>,
}

struct Doc<'a> {
    text: &'a str,
    rules: &'a Rules,
    items: Vec<Hit<'static, ItemEntry>>,
    cues: Vec<Hit<'static, Cue>>,
    /// Place mentions with their finest level.
    places: Vec<(Span, u8)>,
    dates: Vec<DateAnchor>,
    /// Non-date claims: (index into claims, span).
    figs: Vec<(usize, Span)>,
}

/// Parses a `ref_date` string back into a [`RefDate`].
pub(crate) fn parse_ref(s: &str) -> Option<RefDate> {
    use chrono::NaiveDate;
    let s = s.trim();
    if let Some((a, b)) = s.split_once('/') {
        let a = NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()?;
        let b = NaiveDate::parse_from_str(b, "%Y-%m-%d").ok()?;
        return Some(RefDate::Interval(a, b));
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

fn year_of(d: &RefDate) -> i32 {
    use chrono::Datelike;
    match *d {
        RefDate::Day(x) => x.year(),
        RefDate::Month(y, _) | RefDate::Year(y) => y,
        RefDate::Interval(a, _) => a.year(),
    }
}

/// The attribution proper, on any text (offsets of the claims are `base + chars into text`).
fn attribute_with(rules: &Rules, text: &str, base: usize, claims: &mut [Claim]) {
    // Character -> byte offsets, one pass.
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let to_byte = |c: usize| -> Option<usize> { bytes.get(c.checked_sub(base)?).copied() };
    let mut figs = Vec::new();
    let mut date_spans = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let (Some(s), Some(e)) = (to_byte(c.start), to_byte(c.end)) else { continue };
        if s >= e {
            continue;
        }
        let span = Span { start: s, end: e };
        if c.kind == Kind::Date {
            if let Some(d) = parse_ref(&c.ref_date) {
                date_spans.push((span, d, (rules.this_year)(&c.surface)));
            }
        } else {
            figs.push((i, span));
        }
    }
    figs.sort_by_key(|f| f.1.start);
    let doc = Doc::new(rules, text, figs, date_spans);
    let mut done: Vec<Option<Context>> = vec![None; doc.figs.len()];
    for k in 0..doc.figs.len() {
        let ctx = doc.context(k, claims, &done);
        done[k] = Some(ctx);
    }
    for (k, ctx) in done.into_iter().enumerate() {
        let Some(ctx) = ctx else { continue };
        let c = &mut claims[doc.figs[k].0];
        c.item = ctx.item;
        c.item_code = ctx.item_code;
        c.period = ctx.period;
        c.claim_type = ctx.claim_type;
        c.ref_date = ctx.ref_date.map(|d| d.to_string()).unwrap_or_default();
        c.place = ctx.place;
    }
    corefer(claims);
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
}

impl<'a> Doc<'a> {
    fn new(rules: &'a Rules, text: &'a str, figs: Vec<(usize, Span)>, date_spans: Vec<(Span, RefDate, bool)>) -> Self {
        let items = rules.items.find_all(text);
        let cues = rules.cues.find_all(text);
        // Places: adjacent names glued into one (湖南省涟源县 / Lianyuan County of Hunan Province).
        let mut places: Vec<(Span, u8)> = Vec::new();
        for h in rules.places.find_all(text) {
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
        let mut doc = Doc { text, rules, items, cues, places, dates: Vec::new(), figs };
        let mut dates: Vec<DateAnchor> = date_spans
            .into_iter()
            .map(|(span, date, this_year)| {
                let mark = doc.cue_before(span.start, 3);
                DateAnchor {
                    span,
                    date,
                    compare: mark == Some(Cue::Compare),
                    from: mark == Some(Cue::From),
                    this_year,
                    owner: None,
                }
            })
            .collect();
        // 这天 / "on this day": the last day named before it, unless a date claim covers it.
        let anaphors: Vec<Span> = doc
            .cues
            .iter()
            .filter(|h| h.vals.contains(&Cue::Anaphor))
            .map(|h| Span { start: h.start, end: h.end })
            .filter(|s| !dates.iter().any(|d| d.span.start < s.end && s.start < d.span.end))
            .collect();
        for s in anaphors {
            let last = dates
                .iter()
                .filter(|d| d.span.end <= s.start && matches!(d.date, RefDate::Day(_)))
                .max_by_key(|d| d.span.end);
            if let Some(d) = last.copied() {
                dates.push(DateAnchor {
                    span: s,
                    date: d.date,
                    compare: false,
                    from: false,
                    this_year: false,
                    owner: None,
                });
            }
        }
        dates.sort_by_key(|d| d.span.start);
        if rules.trailing_dates {
            for d in dates.iter_mut() {
                if d.compare {
                    continue;
                }
                // The nearest figure before the date in its clause, close by.
                let clause = doc.clause_of(d.span.start);
                let prev = doc
                    .figs
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, f)| f.1.end <= d.span.start && f.1.start >= clause.start);
                if let Some((k, f)) = prev {
                    let gap = &text[f.1.end..d.span.start];
                    if gap.chars().count() <= 30 && !gap.contains(',') {
                        d.owner = Some(k);
                    }
                }
            }
        }
        doc.dates = dates;
        doc
    }

    /// The cue ending at most `gap` characters before `at` (only spaces or 的 between).
    fn cue_before(&self, at: usize, gap: usize) -> Option<Cue> {
        let h = self.cues.iter().rev().find(|h| h.end <= at)?;
        let between = &self.text[h.end..at];
        if between.chars().count() > gap {
            return None;
        }
        h.vals.iter().copied().find(|c| matches!(c, Cue::Compare | Cue::From))
    }

    /// Byte range of the sentence around `at`.
    fn sentence_of(&self, at: usize) -> Span {
        let is_end = self.rules.is_sentence_end;
        let mut a = 0;
        for (i, _) in self.text[..at].char_indices().rev() {
            if is_end(self.text, i) {
                a = i + self.text[i..].chars().next().map_or(1, |c| c.len_utf8());
                break;
            }
        }
        let mut b = self.text.len();
        for (i, c) in self.text[at..].char_indices() {
            if is_end(self.text, at + i) {
                b = at + i + c.len_utf8();
                break;
            }
        }
        Span { start: a, end: b }
    }

    /// Byte range of the clause around `at` (inside its sentence).
    fn clause_of(&self, at: usize) -> Span {
        let s = self.sentence_of(at);
        let sep = self.rules.is_clause_sep;
        let a = self.text[s.start..at]
            .char_indices()
            .rev()
            .find(|(i, _)| sep(self.text, s.start + i))
            .map_or(s.start, |(i, c)| s.start + i + c.len_utf8());
        let b =
            self.text[at..s.end].char_indices().find(|(i, _)| sep(self.text, at + i)).map_or(s.end, |(i, _)| at + i);
        Span { start: a, end: b }
    }

    /// Byte range of the paragraph (line) around `at`.
    fn paragraph_of(&self, at: usize) -> Span {
        let a = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let b = self.text[at..].find('\n').map_or(self.text.len(), |i| at + i);
        Span { start: a, end: b }
    }

    /// Cue hits inside `[a, b)`.
    fn cues_in(&self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = &Hit<'static, Cue>> {
        self.cues.iter().filter(move |h| h.start >= a && h.end <= b)
    }

    fn has_cue(&self, a: usize, b: usize, cue: Cue) -> bool {
        self.cues_in(a, b).any(|h| h.vals.contains(&cue))
    }

    /// The figure (index into `figs`) before figure `k` in the same sentence.
    fn prev_fig(&self, k: usize, sent: Span) -> Option<usize> {
        (k > 0 && self.figs[k - 1].1.start >= sent.start).then(|| k - 1)
    }

    fn next_fig_start(&self, k: usize, limit: usize) -> usize {
        self.figs.get(k + 1).map_or(limit, |f| f.1.start.min(limit))
    }

    fn context(&self, k: usize, claims: &[Claim], done: &[Option<Context>]) -> Context {
        let (ci, f) = self.figs[k];
        let claim = &claims[ci];
        let sent = self.sentence_of(f.start);
        let clause = self.clause_of(f.start);
        let right_end = {
            let lim = self.next_fig_start(k, clause.end.max(f.end));
            let mut e = f.end;
            for (n, (i, c)) in self.text[f.end..lim].char_indices().enumerate() {
                if n >= self.rules.right_window {
                    break;
                }
                e = f.end + i + c.len_utf8();
            }
            e
        };
        let prev = self.prev_fig(k, sent);
        let prev_ctx = prev.and_then(|p| done[p].as_ref());
        let continuation = {
            let head = self.text[sent.start..f.start].trim_start();
            let off = f.start - head.len();
            self.cues_in(off, f.start).next().is_some_and(|h| h.start == off && h.vals.contains(&Cue::Continuation))
        };
        // The last figure of the previous sentence in the same paragraph, for 其中 / "Among them".
        let before_sentence = {
            let para = self.paragraph_of(f.start);
            (0..k)
                .rev()
                .find(|&j| self.figs[j].1.end <= sent.start && self.figs[j].1.start >= para.start)
                .and_then(|j| done[j].as_ref())
        };

        let mut ctx = Context::default();
        // Item.
        let classes = classes_for(claim);
        if let Some((word, code)) = self.item(&classes, claim.kind, f, sent, right_end) {
            ctx.item = word;
            ctx.item_code = code;
        }
        // Claim type, before period (thresholds are daily).
        let baseline = self.is_baseline(k, f, sent, clause);
        ctx.baseline = baseline;
        ctx.claim_type = self.claim_type(k, claim, f, sent, clause, right_end, baseline, prev_ctx);
        // Period: the nearest word, else the governing date's span.
        let counted_thing =
            matches!(classes.first(), Some(Class::Furnace | Class::Mine | Class::Commune)) && claim.kind == Kind::Count;
        let anchor = self.governing_date(k, f, sent, baseline);
        // A period word before the governing date speaks of something else (…一个月内…，在今年…).
        let from = anchor.map_or(sent.start, |a| if a.span.end <= f.start { a.span.start.max(sent.start) } else { sent.start });
        let explicit = if counted_thing { None } else { self.period_word(f, from, right_end) };
        let mut period = explicit.map(|(p, _)| p);
        let whole_year = explicit.is_some_and(|(_, c)| c == Cue::WholeYear);
        if period.is_none() && !counted_thing {
            if let Some(a) = &anchor {
                let flow = !matches!(claim.kind, Kind::Count | Kind::Fraction);
                let people = claim.kind == Kind::Count && classes.first() == Some(&Class::Person);
                period = match a.date {
                    RefDate::Day(_) if flow || people => Some(Period::Day),
                    RefDate::Month(..) if flow => Some(Period::Month),
                    RefDate::Year(_) if flow => Some(Period::Year),
                    _ => None,
                };
                if a.this_year && flow {
                    period = Some(Period::Year);
                }
            }
        }
        if period.is_none() && ctx.claim_type == Some(ClaimType::Threshold) {
            period = Some(Period::Day);
        }
        // A new value is of the same period as its baseline (由28日的X，提高到Y).
        if period.is_none() {
            if let Some(p) = prev_ctx.filter(|p| p.baseline) {
                period = p.period;
            }
        }
        if period.is_none() && continuation {
            period = before_sentence.and_then(|p| p.period);
        }
        ctx.period = period;
        // Reference date.
        let mut ref_date = anchor.map(|a| if a.this_year { RefDate::Year(year_of(&a.date)) } else { a.date });
        if ref_date.is_none() && (continuation || ctx.period == Some(Period::Day)) && !baseline {
            ref_date = self.carried_date(f, sent);
        }
        if ref_date.is_none() && whole_year {
            ref_date =
                self.dates.iter().filter(|d| d.span.end <= f.start).last().map(|d| RefDate::Year(year_of(&d.date)));
        }
        // A change holds at the date of the new value, the figure before it (…到六千吨，增长了94％).
        if ref_date.is_none() && ctx.claim_type == Some(ClaimType::Change) {
            ref_date = prev_ctx.filter(|p| !p.baseline).and_then(|p| p.ref_date);
        }
        ctx.ref_date = ref_date;
        if ctx.item_code.is_empty() && continuation {
            if let Some(p) = before_sentence {
                if claim.kind != Kind::Count {
                    ctx.item = p.item.clone();
                    ctx.item_code = p.item_code.clone();
                }
            }
        }
        ctx.place = self.place(f, sent);
        ctx
    }

    /// The item word for a figure: after it (X吨钢, "tons of steel"), else the nearest before it
    /// in its sentence; for percentages and multiples the other way round.
    fn item(&self, classes: &[Class], kind: Kind, f: Span, sent: Span, right_end: usize) -> Option<(String, String)> {
        let ok = |h: &&Hit<'static, ItemEntry>| h.vals.iter().any(|v| classes.contains(&v.class));
        let pick = |h: &Hit<'static, ItemEntry>| -> Option<(String, String)> {
            let v = h.vals.iter().find(|v| classes.contains(&v.class))?;
            if v.code.is_empty() {
                // A known, uncoded thing (出勤率): the search stops here, empty.
                return Some((String::new(), String::new()));
            }
            Some((self.text[h.start..h.end].to_string(), v.code.clone()))
        };
        let right = || self.items.iter().filter(|h| h.start >= f.end && h.end <= right_end).find(ok);
        let left = || self.items.iter().rev().filter(|h| h.end <= f.start && h.start >= sent.start).find(ok);
        let (first, second) = if matches!(kind, Kind::Percent | Kind::Multiple | Kind::Fraction) {
            (left(), right())
        } else {
            (right(), left())
        };
        let found = first.or(second)?;
        pick(found).filter(|(_, code)| !code.is_empty())
    }

    /// The nearest period word for a figure: after it in its clause (English), else before it
    /// in its sentence.
    fn period_word(&self, f: Span, from: usize, right_end: usize) -> Option<(Period, Cue)> {
        let as_period = |h: &Hit<'static, Cue>| h.vals.iter().find_map(|c| c.period().map(|p| (p, *c)));
        if self.rules.trailing_dates {
            if let Some(p) = self.cues_in(f.end, right_end).find_map(as_period) {
                return Some(p);
            }
        }
        self.cues_in(from, f.start).rev().find_map(as_period)
    }

    /// Whether figure `k` is a baseline: 由 X 增加到 Y / "from X to Y", or 仅 X …上升到 /
    /// "only X, but … rose to".
    fn is_baseline(&self, k: usize, f: Span, sent: Span, clause: Span) -> bool {
        let next = self.next_fig_start(k, sent.end);
        let after = &self.text[f.end..next];
        // 由 / from before it, with no figure in between.
        let from_start = self.prev_fig(k, sent).map_or(sent.start, |p| self.figs[p].1.end);
        let from = self.cues_in(from_start, f.start).rev().find(|h| h.vals.contains(&Cue::From));
        if let Some(h) = from {
            let between = &self.text[h.end..f.start];
            let dates_len: usize = self
                .dates
                .iter()
                .filter(|d| d.span.start >= h.end && d.span.end <= f.start)
                .map(|d| d.span.end - d.span.start)
                .sum();
            if between.len() - dates_len <= 3 * 12 && next < sent.end && (self.rules.leads_to)(after) {
                return true;
            }
        }
        // 仅 / 平常 before it in its clause, and a rise after it in the sentence.
        let low =
            self.cues_in(clause.start, f.start).any(|h| h.vals.iter().any(|c| matches!(c, Cue::Limit | Cue::Before)));
        let later = self.cues_in(f.end, sent.end).any(|h| h.vals.iter().any(|c| matches!(c, Cue::Rise)))
            || self.cues_in(self.clause_of(f.end).end, sent.end).any(|h| h.vals.contains(&Cue::Achieved));
        low && later && next < sent.end
    }

    #[allow(clippy::too_many_arguments)]
    fn claim_type(
        &self,
        k: usize,
        claim: &Claim,
        f: Span,
        sent: Span,
        clause: Span,
        right_end: usize,
        baseline: bool,
        prev: Option<&Context>,
    ) -> Option<ClaimType> {
        if claim.kind == Kind::Multiple {
            return Some(ClaimType::Change);
        }
        if claim.kind == Kind::Mass
            && (self.rules.threshold)(
                &self.text[sent.start..f.start],
                &self.text[f.start..f.end],
                &self.text[f.end..sent.end],
            )
        {
            return Some(ClaimType::Threshold);
        }
        if baseline {
            return Some(ClaimType::Baseline);
        }
        if claim.kind == Kind::Percent {
            let near = self.cues_in(clause.start, f.start).next_back().filter(|h| {
                h.vals.contains(&Cue::Change) && self.text[h.end..f.start].chars().count() <= self.rules.change_gap
            });
            if near.is_some() {
                return Some(ClaimType::Change);
            }
        }
        if self.has_cue(clause.start, f.start, Cue::Other) || self.has_cue(f.end, clause.end.max(f.end), Cue::Other) {
            return Some(ClaimType::Other);
        }
        // The new value after a baseline (由 X 增加到 Y).
        if let Some(p) = prev.filter(|p| p.baseline) {
            let _ = p;
            let gap = &self.text[self.figs[k - 1].1.end..f.start];
            if (self.rules.leads_to)(gap) {
                return Some(ClaimType::Achieved);
            }
        }
        let count = claim.kind == Kind::Count;
        // Target words in the clause, or right after the figure (的任务, "the annual target").
        if self.has_cue(clause.start, f.start, Cue::Target) || self.has_cue(f.end, right_end, Cue::Target) {
            return Some(ClaimType::Target);
        }
        if self.has_cue(clause.start, f.start, Cue::Capacity) {
            return None;
        }
        let achieved = |h: &Hit<'static, Cue>| h.vals.iter().any(|c| matches!(c, Cue::Achieved | Cue::Rise));
        if self.cues_in(clause.start, f.start).any(achieved)
            || (self.rules.trailing_dates && self.cues_in(f.end, right_end).any(achieved))
        {
            return Some(ClaimType::Achieved);
        }
        if count {
            return None;
        }
        // Earlier clauses of the sentence: the nearest one with a target or achievement word.
        for h in self.cues_in(sent.start, clause.start).rev() {
            if h.vals.contains(&Cue::Target) {
                return Some(ClaimType::Target);
            }
            if achieved(h) {
                return Some(ClaimType::Achieved);
            }
        }
        None
    }

    /// The date that governs figure `k`: its own (a date right after it, or a baseline's 由 date),
    /// else the nearest date before it in its sentence that belongs to no other figure, else a
    /// date after it with no figure in between.
    fn governing_date(&self, k: usize, f: Span, sent: Span, baseline: bool) -> Option<DateAnchor> {
        if let Some(d) = self.dates.iter().find(|d| d.owner == Some(k)) {
            return Some(*d);
        }
        let prev_end = self.prev_fig(k, sent).map_or(sent.start, |p| self.figs[p].1.end);
        for d in self.dates.iter().rev().filter(|d| d.span.end <= f.start && d.span.start >= sent.start) {
            if d.compare || d.owner.is_some() {
                continue;
            }
            if d.from {
                // A baseline's date belongs to the first figure after it.
                if d.span.start >= prev_end {
                    return Some(*d);
                }
                continue;
            }
            return Some(*d);
        }
        if baseline {
            return None;
        }
        let next = self.next_fig_start(k, sent.end);
        self.dates
            .iter()
            .find(|d| d.span.start >= f.end && d.span.end <= next && !d.compare && !d.from && d.owner.is_none())
            .copied()
    }

    /// The last plain date of the paragraph before this sentence (a day's figure, or 其中).
    fn carried_date(&self, f: Span, sent: Span) -> Option<RefDate> {
        let para = self.paragraph_of(f.start);
        self.dates
            .iter()
            .rev()
            .find(|d| {
                d.span.end <= sent.start && d.span.start >= para.start && !d.compare && !d.from && d.owner.is_none()
            })
            .map(|d| d.date)
    }

    /// The nearest place before the figure in its sentence; else the last county, district,
    /// commune or works named before it in the section (全县, 这个县 speak of it, not of the
    /// province it was compared with); else the last place before it (the dateline's city).
    fn place(&self, f: Span, sent: Span) -> String {
        let mut before = self.places.iter().rev().filter(|(p, _)| p.end <= f.start).map(|(p, l)| (*p, *l)).peekable();
        let nearest = before.peek().copied();
        let found = match nearest {
            Some((p, _)) if p.start >= sent.start => Some(p),
            _ => before.find(|(_, l)| *l >= 3).map(|(p, _)| p).or(nearest.map(|(p, _)| p)),
        };
        found.map(|p| self.text[p.start..p.end].to_string()).unwrap_or_default()
    }
}

/// The item classes a figure can take, most likely first.
fn classes_for(c: &Claim) -> Vec<Class> {
    match c.kind {
        Kind::Count => match c.unit.as_str() {
            "person" => vec![Class::Person],
            "furnace" => vec![Class::Furnace],
            "mine" => vec![Class::Mine],
            "commune" => vec![Class::Commune],
            _ => vec![Class::Furnace, Class::Mine, Class::Commune, Class::Person],
        },
        Kind::Date | Kind::Duration => Vec::new(),
        _ => vec![Class::Goods],
    }
}

/// A figure repeated in a section is the same figure (一千零七十万吨钢, four times in an
/// editorial): later mentions take the columns the first one made clear and they lack.
fn corefer(claims: &mut [Claim]) {
    let n = claims.len();
    for j in 0..n {
        let key = |c: &Claim| (c.kind, c.value.map(f64::to_bits), c.unit.clone());
        let cj = &claims[j];
        let big = match cj.kind {
            Kind::Mass | Kind::Money | Kind::Energy | Kind::Area | Kind::Volume => true,
            Kind::Count => cj.value.is_some_and(|v| v >= 1000.0),
            _ => false,
        };
        if !big || cj.value.is_none() {
            continue;
        }
        let Some(i) = (0..j).find(|&i| {
            let ci = &claims[i];
            key(ci) == key(cj) && (ci.item_code == cj.item_code || cj.item_code.is_empty())
        }) else {
            continue;
        };
        let first = claims[i].clone();
        let c = &mut claims[j];
        if c.item_code.is_empty() {
            c.item_code = first.item_code;
            c.item = first.item;
        }
        if c.period.is_none() {
            c.period = first.period;
        }
        if c.ref_date.is_empty() {
            c.ref_date = first.ref_date;
        }
        if first.claim_type == Some(ClaimType::Target) || c.claim_type.is_none() {
            c.claim_type = first.claim_type;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::article::SectionKind;

    /// Attributes hand-made claims: `figures` are (surface, kind, unit, value or, for dates, the
    /// ref_date), found in order in `text`. Returns per non-date figure
    /// `item_code|period|claim_type|ref_date|place`.
    pub(crate) fn run(lang: Lang, text: &str, figures: &[(&str, &str, &str, &str)]) -> Vec<String> {
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

    #[test]
    fn ref_dates_parse_back() {
        for s in ["1958-10-10", "1958-10", "1958", "1958-11-01/1958-11-10"] {
            assert_eq!(parse_ref(s).unwrap().to_string(), s);
        }
        assert!(parse_ref("").is_none());
        assert!(parse_ref("1958-13").is_none());
    }

    #[test]
    fn word_matcher_prefers_the_longest_word() {
        let m = WordMatcher::new(
            vec![("高炉".to_string(), 1), ("土高炉".to_string(), 2), ("炉".to_string(), 3)],
            false,
            false,
        );
        let hits = m.find_all("七十座土高炉和五座高炉，一个炉");
        let vals: Vec<i32> = hits.iter().map(|h| h.vals[0]).collect();
        assert_eq!(vals, vec![2, 1, 3]);
    }
}
