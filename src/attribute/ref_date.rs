//! Reference-date column: which date governs a figure, and the `ref_date` text it becomes.
//!
//! Input: the date claims of the section (already resolved by the extractor, read as days with
//! [`RefDate::as_days`]) and a figure's site. Output: a [`RefDate`] per figure (written back
//! with whole months as [`RefDate::Months`], as the extractors write them). Invariant: a date owned by another figure, or a comparison base's, never
//! dates a figure that is not its own.

use super::doc::{Context, DateAnchor, DateSpan, Dating, Doc, Figure, Site, Span};
use super::words::Cue;
use super::Rules;
use crate::claim::{Claim, ClaimType, Kind, Period};
use crate::dates::RefDate;
use crate::text::chars_before;

/// A date claim as attribution reads it, or none where it dates no figure: a dateline's
/// (新华社长沙12日电, "Xinhua News Agency, Changsha, 12th": the extractor's dateline rule), or a date word too loose (今天 / "today's
/// China"). Example: 截至11月底 in 截至11月底，全县共产钢五千吨 ("up to the end of
/// November the county made 5,000 tons of steel") closes a year-to-date span: the 5,000 tons
/// are cumulative.
pub(super) fn date_span(rules: &Rules, text: &str, c: &Claim, span: Span) -> Option<DateSpan> {
    let (s, e) = (span.start, span.end);
    // Attribution reads days: whole months as the interval of their days.
    let d = c.ref_date?.as_days();
    if (rules.dateline)(text, s, e) || (rules.weak_date)(&c.surface) {
        return None;
    }
    let after: String = text[e..].chars().take(12).collect();
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
    Some(DateSpan { span, date: d, this_year, until })
}

/// How many dates back a figure with none in its sentence looks for the day it belongs to.
const DATE_LOOK_BACK: usize = 16;

impl Doc<'_> {
    /// Reference-date column: the governing date (this year as a whole as the year), else a
    /// change's new value's date, else the previous sentence's, else the year after a year
    /// compared with, else, for a whole year's figure, the year spoken of. Example: in 10日，全县产铁八百吨
    /// the 800 tons are of the 10th.
    pub(super) fn ref_date_column(&self, fig: &Figure, dating: &Dating, whole_year: bool, ctx: &mut Context) {
        let (s, para) = (&fig.s, fig.para);
        let baseline = ctx.baseline;
        let change = ctx.claim_type == Some(ClaimType::Change);
        let mut ref_date = dating.anchor.map(|a| if a.this_year { RefDate::Year(a.date.year()) } else { a.date });
        // The year said only by a comparison makes no year's figure (亩产四百二十斤，比去年…).
        let mut compared = false;
        if ref_date.is_none() && change {
            // A change holds at the date of the new value, the figure before it.
            let new_value = fig.prev.filter(|p| !p.baseline);
            ref_date = new_value.and_then(|p| p.ref_date);
            compared = new_value.is_some_and(|p| p.compared);
        }
        // The new value after a dated baseline (由去年X增到Y): the year after a base year; never
        // the base's own date taken from another sentence (the previous one may speak of it).
        let after_base = fig.prev.filter(|p| p.baseline && p.ref_date.is_some()).filter(|_| {
            s.k > 0 && (self.rules.leads_to)(&self.text[self.figs[s.k - 1].span.end.min(s.f.start)..s.f.start])
        });
        if let Some(p) = after_base.filter(|_| ref_date.is_none() && !baseline) {
            if let Some(RefDate::Year(y)) = p.ref_date {
                ref_date = Some(RefDate::Year(y + 1));
                compared = true;
            }
        }
        if ref_date.is_none() && !baseline && !self.has_cue(s.clause.start, s.f.start, Cue::Before) {
            // No date in the sentence: the previous sentence's, in the same paragraph.
            // (Not a total's cut-off day: "as of the 20th, … 387 million tons" dates no figure of
            // the next sentence, unless that one starts by going on with it: 其中…)
            let lead = self.text[s.sent.start..].char_indices().nth(3).map_or(s.f.start, |(i, _)| s.sent.start + i);
            let goes_on = self.has_cue(s.sent.start, lead.min(s.f.start), Cue::Continuation);
            ref_date = fig
                .prev_sentence
                .filter(|p| {
                    goes_on || !(p.period == Some(Period::Cumulative) && matches!(p.ref_date, Some(RefDate::Day(_))))
                })
                .and_then(|p| p.ref_date)
                .or_else(|| self.last_plain_date(para.start.max(self.prev_sentence_start(s.sent)), s.sent.start));
            if ref_date.is_none() && ctx.period == Some(Period::Day) {
                ref_date = self.last_plain_date(para.start, s.sent.start);
            }
            if after_base.is_some_and(|p| p.ref_date == ref_date) {
                ref_date = None;
            }
        }
        if ref_date.is_none() && !baseline {
            ref_date = self.compared_base_year(s).map(|y| RefDate::Year(y + 1));
            compared = ref_date.is_some();
        }
        if ref_date.is_none() && whole_year {
            // 为全年采煤六百万吨而努力: the year being spoken of.
            let before = &self.dates[..self.dates.partition_point(|d| d.span.start < s.f.start)];
            let last = before.iter().rev().take(DATE_LOOK_BACK).find(|d| d.span.end <= s.f.start);
            ref_date = last.map(|d| RefDate::Year(d.date.year()));
        }
        ctx.ref_date = ref_date;
        ctx.compared = compared;
    }

    /// 比去年增加了173.5％ / "compared to last year", and no other date: the base year, whose
    /// next year the figure is of (not where the base is a part of it: 去年同期).
    fn compared_base_year(&self, s: &Site) -> Option<i32> {
        self.dates_in(s.sent.start, s.sent.end).find_map(|d| match d.date {
            RefDate::Year(y) if d.compare && self.mark_before(d.span.start, 3) == Some(Cue::Compare) => {
                let before = &self.text[chars_before(self.text, d.span.start, 20)..d.span.start];
                let after: String = self.text[d.span.end..].chars().take(6).collect();
                (!(self.rules.part_of_year)(before, &after)).then_some(y)
            }
            _ => None,
        })
    }

    /// The date that governs a figure: its own (a date right after it, or a baseline's 由
    /// date), else the nearest date before it in its sentence that belongs to no other figure,
    /// else a date after it in its clause with no figure in between. Example: 10日 governs 八百吨
    /// in 10日，全县产铁八百吨.
    pub(super) fn governing_date(&self, s: &Site, baseline: bool, change: bool, target: bool) -> Option<DateAnchor> {
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
            // 据12月19日为止的统计，今年全国已经生产钢…: this year so far is the cut-off's.
            if let RefDate::Year(y) = d.date {
                let cut_off = self.dates_in(sent.start, d.span.start).rev().find(|u| {
                    u.until
                        && !u.compare
                        && u.owner.is_none()
                        && !matches!(u.date, RefDate::Year(_))
                        && u.date.year() == y
                });
                if let Some(u) = cut_off {
                    return Some(*u);
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
    /// 比\[1957年\]的钢产量 X, 比去年亩产 X, "compared with X". A verb or a clause end in between means the
    /// figure is no base.
    pub(super) fn only_dates_between(&self, a: usize, b: usize) -> bool {
        let verb = self.cues_in(a, b).any(|h| {
            h.vals.iter().any(|c| matches!(c, Cue::Achieved | Cue::Change | Cue::Rise | Cue::Target))
                && !(self.rules.rate_noun)(&self.text[h.start..h.end])
        });
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
}
