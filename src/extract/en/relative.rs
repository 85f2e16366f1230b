//! Relative dates: "today", "yesterday", "this year", "last month", "the same day", "the
//! next day", "the day after ...", and the future cues that keep a later day in the current
//! month.
//!
//! Input: a token position, the article date, the dateline and the date just mentioned.
//! Output: a [`DateHit`], or None.

use chrono::{Datelike, Duration, NaiveDate};

use super::dates::DateHit;
use super::lexicon::LEX;
use super::tokens::T;
use super::Ex;
use crate::claim::Qualifier;
use crate::dates::RefDate;

impl<'a> Ex<'a> {
    /// A word of the future ("preparing to welcome ... from the 15th") earlier in the sentence:
    /// a day after the article's day is then in the same month, not the month before.
    ///
    /// "The county is preparing to open the new mine on the 20th" (article of the 12th).
    pub(super) fn future_cue_before(&self, o: usize) -> bool {
        let s = self.sentence(o);
        (0..o).rev().take_while(|&k| self.sentence(k) == s).any(|k| LEX.future.contains(self.w(k)))
    }

    /// A date relative to the article date or the date just mentioned, at token `i`.
    ///
    /// "Yesterday the mine set a record, and the next day it broke it; this year is the best."
    pub(super) fn relative_at(&self, i: usize) -> Option<DateHit> {
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
        if let Some(e) = self.same_day_at(i) {
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
            let base = self.date_after(e).unwrap_or(cur_day);
            return Some(mk(e, shift(base, 1)));
        }
        None
    }

    /// The day of the explicit date that follows "the day after" ending at `e` in the same
    /// sentence ("the day after launching a satellite ... on September 30"); None to keep the
    /// date just mentioned.
    fn date_after(&self, e: usize) -> Option<Option<NaiveDate>> {
        if self.t(e) == Some(T::Word) && self.month_at(e).is_none() && !self.is(e, "the") {
            let s = self.sentence(e);
            let mut k = e;
            while k < self.toks.len() && self.sentence(k) == s {
                // Only where an explicit date can start (a month, a day number): a relative
                // phrase would look ahead again, and nested look-aheads cost 2^n.
                let starts = self.month_at(k).is_some() || matches!(self.t(k), Some(T::Ord | T::Num));
                if let Some(h) = starts.then(|| self.date_at(k)).flatten().filter(|h| h.explicit && h.note.is_none()) {
                    return Some(h.date.and_then(|d| d.day()));
                }
                k += 1;
            }
        }
        None
    }

    /// "the same day", "that day", "on this day", "that very day": the day spoken of. The
    /// token after the phrase.
    fn same_day_at(&self, i: usize) -> Option<usize> {
        self.seq(i, &["the", "same", "day"])
            .or_else(|| self.seq(i, &["that", "day"]))
            .or_else(|| self.seq(i, &["this", "day"]))
            // "that same day", "that very day", "the very same day" (当天, 同日)
            .or_else(|| self.seq(i, &["that", "same", "day"]))
            .or_else(|| self.seq(i, &["that", "very", "day"]))
            .or_else(|| self.seq(i, &["this", "very", "day"]))
            .or_else(|| self.seq(i, &["the", "very", "same", "day"]))
            .or_else(|| self.seq(i, &["the", "very", "day"]))
    }
}
