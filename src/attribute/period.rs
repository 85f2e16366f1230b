//! Period column: the span a figure counts over (day, month, year, cumulative).
//!
//! Input: the cue hits of the section and a figure's site. Output: a [`Period`] with the cue
//! that said it, or none. Invariant: a period word after a comparison word is the base's.

use super::doc::{Context, Dating, Doc, Figure, Site, Stretch};
use super::words::{Cue, Hit};
use crate::claim::{ClaimType, Kind, Period};
use crate::dates::RefDate;

impl Doc<'_> {
    /// Period column: a word (after the governing date), else the governing date's span, else
    /// what a threshold, a baseline or the sentence before says. Returns whether the word said
    /// the whole year (全年), which the reference date needs. Example: in 10日，全县产铁八百吨
    /// ("on the 10th the county made 800 tons of iron") the 800 tons are the day's.
    pub(super) fn period_column(&self, fig: &Figure, dating: &Dating, ctx: &mut Context) -> bool {
        let claim = fig.claim;
        let (anchor, flow) = (dating.anchor, dating.flow);
        if self.stretch_of(fig).is_some() {
            // 三天产铁十八万吨, 十七天来共产: a total over a stretch.
            ctx.period = Some(Period::Span);
            return false;
        }
        let explicit = self.explicit_period(fig, dating, ctx.baseline);
        let mut period = explicit.map(|(p, _)| p);
        let whole_year = explicit.is_some_and(|(_, c)| c == Cue::WholeYear);
        // 截至12月19日, 原煤产量到12月15日 / "as of December 19th": a year-to-date total.
        let until = anchor.is_some_and(|a| a.until && matches!(a.date, RefDate::Day(_)));
        if period.is_none() && until && flow && claim.kind != Kind::Yield {
            period = Some(Period::Cumulative);
        }
        if period.is_none() && !dating.counted_thing {
            // A deadline (争取到年底) makes no day's figure.
            let deadline = ctx.claim_type == Some(ClaimType::Target);
            period = anchor_period(claim.kind, deadline, dating, self.totals_over_stretch(fig));
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
            if let Some(p) = fig.prev.filter(|p| p.baseline) {
                period = p.period;
            } else if fig.continuation {
                period = fig.prev_sentence.and_then(|p| p.period);
            }
        }
        if period.is_none() && dating.counted_thing && ctx.claim_type == Some(ClaimType::Achieved) {
            // 今年1到10月共造了两万多台: things made over a span of months are its total.
            if anchor.is_some_and(|a| a.date.spans_months()) {
                period = Some(Period::Cumulative);
            }
        }
        ctx.period = period;
        whole_year
    }

    /// The period said in words: a cumulative word, a period word, or "a total of" / 为止
    /// where no other span is said; none for a count of things.
    fn explicit_period(&self, fig: &Figure, dating: &Dating, baseline: bool) -> Option<(Period, Cue)> {
        let s = &fig.s;
        let anchor = dating.anchor;
        let from = anchor.map_or(s.sent.start, |a| {
            if a.span.end <= s.f.start {
                a.span.start.max(s.sent.start)
            } else {
                s.sent.start
            }
        });
        let cumulative = self.cues_in(s.sent.start, s.f.start).any(|h| h.vals.contains(&Cue::Cumulative));
        let total = self.cues_in(s.sent.start, s.f.start).any(|h| h.vals.contains(&Cue::Total));
        if dating.counted_thing {
            None
        } else if cumulative {
            Some((Period::Cumulative, Cue::Cumulative))
        } else {
            // "a total of", 为止: cumulative where no other span is said.
            // (Within a day it is the day's total: "On that day, … a total of 3,210.5 tons".)
            // (Nor over a stretch of days: 10月上旬产量已达 is the stretch's.)
            let day = anchor.is_some_and(|a| matches!(a.date, RefDate::Day(_) | RefDate::Interval(..)));
            let total = total && !baseline && !day;
            self.period_word(s, from).or(if total { Some((Period::Cumulative, Cue::Total)) } else { None })
        }
    }

    /// A flow with no period yet, dated to a day, is that day's (…出铁八百二十吨 after 17日一天),
    /// to a year that year's (a province's harvest, achieved or expected); "a total of" without
    /// a span is cumulative. A target's date is a deadline: no day's or month's figure.
    pub(super) fn period_from_ref_date(&self, fig: &Figure, dating: &Dating, ctx: &mut Context) {
        let (claim, s) = (fig.claim, &fig.s);
        let change = ctx.claim_type == Some(ClaimType::Change);
        if ctx.period.is_none() && dating.flow && claim.kind != Kind::Yield && !ctx.compared {
            let target = ctx.claim_type == Some(ClaimType::Target);
            ctx.period = match ctx.ref_date {
                // (A day taken from the sentence before makes no day's figure: "before the
                // early rice, it had yielded 124 jin of rapeseed".)
                Some(RefDate::Day(_)) if !target && (dating.anchor.is_some() || change) => Some(Period::Day),
                Some(RefDate::Month(..)) if !target => Some(Period::Month),
                Some(RefDate::Year(_)) => Some(Period::Year),
                // 上旬, 15日至21日: a stretch of days.
                Some(RefDate::Interval(..)) if !target && self.totals_over_stretch(fig) => Some(Period::Span),
                _ if !target && self.has_cue(s.clause.start, s.f.start, Cue::Total) => Some(Period::Cumulative),
                _ => None,
            };
        }
    }

    /// The nearest period word for a figure: after it in its clause (English), else before it
    /// in its sentence, from `from` on. Example: 全年 in 今年全年产煤六百万吨 ("this year, for the
    /// whole year, 6 million tons of coal") makes the 6 million tons the year's.
    pub(super) fn period_word(&self, s: &Site, from: usize) -> Option<(Period, Cue)> {
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
}

impl Doc<'_> {
    /// The stretch of time a figure is a total over: a duration of more or less than one day,
    /// month or year in its clause, after the figure before it, with no period word between the
    /// two (三天来日产 is a daily rate); English also puts it after the figure ("in four
    /// days"). Example: 三天 in 三天产铁十八万吨 ("in three days, 180,000 tons of iron").
    pub(super) fn stretch_of(&self, fig: &Figure) -> Option<Stretch> {
        let s = &fig.s;
        if !self.totals_over_stretch(fig) {
            return None;
        }
        // (From the sentence start: 十七天来，新乡专区共产铁八万吨.)
        let from = self.prev_fig(s.k, s.sent).map_or(s.sent.start, |p| self.figs[p].span.end.max(s.sent.start));
        let before = self.durations.iter().rev().find(|d| d.span.start >= from && d.span.end <= s.f.start);
        let after = || {
            let end = s.right_end.min(s.clause.end.max(s.f.end));
            self.durations.iter().find(|d| d.span.start >= s.f.end && d.span.end <= end)
        };
        let d = match before {
            Some(d) => *d,
            None if self.rules.trailing_dates => *after()?,
            None => return None,
        };
        if d.not_a_stretch || (self.rules.days_counted)(&self.text[..d.span.start]) {
            return None;
        }
        let (a, b) = if d.span.end <= s.f.start { (d.span.end, s.f.start) } else { (s.f.end, d.span.start) };
        let period_between = self.cues_in(a, b).any(|h| h.vals.iter().any(|c| c.period().is_some()));
        (!period_between).then_some(d)
    }

    /// Whether a figure can be a stretch's total: an amount made (no share, multiple or yield,
    /// no size), and no average (平均 / "average") said in its clause.
    fn totals_over_stretch(&self, fig: &Figure) -> bool {
        let s = &fig.s;
        let amount = matches!(fig.claim.kind, Kind::Mass | Kind::Money | Kind::Energy);
        amount && !self.has_cue(s.clause.start, s.clause.end.max(s.f.end), Cue::Average)
    }

    /// A total over a stretch ending on a day is dated by the stretch (三天 up to the 30th:
    /// 1958-09-28/1958-09-30).
    pub(super) fn span_dates(&self, fig: &Figure, ctx: &mut Context) {
        if ctx.period != Some(Period::Span) {
            return;
        }
        let (Some(RefDate::Day(end)), Some(days)) = (ctx.ref_date, self.stretch_of(fig).and_then(|d| d.days)) else {
            return;
        };
        if days.fract() == 0.0 && (2.0..=31.0).contains(&days) {
            if let Some(start) = end.checked_sub_days(chrono::Days::new(days as u64 - 1)) {
                ctx.ref_date = Some(RefDate::Interval(start, end));
            }
        }
    }
}

/// The span of the governing date as a period: months -> cumulative, a day -> the day's (not
/// for a deadline), a month or a year -> its own; this year as a whole -> the year. A yield
/// has none. An interval of days (上旬) makes a stretch's total of an amount (`stretch_total`).
fn anchor_period(kind: Kind, deadline: bool, dating: &Dating, stretch_total: bool) -> Option<Period> {
    let flow = dating.flow;
    let a = dating.anchor.as_ref().filter(|_| kind != Kind::Yield)?;
    let mut period = match a.date {
        d if d.spans_months() && flow => Some(Period::Cumulative),
        RefDate::Day(_) if (flow || dating.people) && !deadline => Some(Period::Day),
        RefDate::Month(..) if flow => Some(Period::Month),
        RefDate::Year(_) if flow => Some(Period::Year),
        // 上旬, 15日至21日 (an interval of whole months spans months, above).
        RefDate::Interval(..) if flow && !deadline && stretch_total => Some(Period::Span),
        _ => None,
    };
    if a.this_year && flow {
        period = Some(Period::Year);
    }
    period
}
