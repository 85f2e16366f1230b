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

mod claim_type;
mod corefer;
mod doc;
mod en;
mod item;
mod period;
mod place;
mod ref_date;
#[cfg(test)]
pub(crate) mod tests;
mod words;
mod zh;

use crate::article::{Lang, Section};
use crate::claim::{Claim, ClaimType, Kind, Period};
use crate::dates::RefDate;
use crate::lexicon;

use corefer::corefer;
use doc::{chars_before, Bounds, Context, DateSpan, Doc, Fig, Span};
use item::classes_for;
pub(crate) use place::place_level;
use ref_date::{format_ref, parse_ref, spans_months, year_of, DATELINE_REACH, DATE_LOOK_BACK};
pub(crate) use words::{cue_matcher, item_matcher, Class, Cue, ItemEntry, WordLists, WordMatcher};

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

impl Doc<'_> {
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
}
