//! Relative dates: the words of `dates_en.csv` ("today", "yesterday", "this year", "last
//! month", "the same day", "the next day", "the day after ...") read by their rule, and the
//! future cues that keep a later day in the current month.
//!
//! Input: a token position, the article date, the dateline and the date just mentioned.
//! Output: a [`DateHit`], or None.

use chrono::{Datelike, Duration, NaiveDate};

use super::dates::DateHit;
use super::lexicon::LEX;
use super::tokens::T;
use super::Ex;
use crate::claim::Qualifier;
use crate::dates::{DateRule, RefDate};

impl<'a> Ex<'a> {
    /// A word of the future ("preparing to welcome ... from the 15th") earlier in the sentence:
    /// a day after the article's day is then in the same month, not the month before.
    ///
    /// "The county is preparing to open the new mine on the 20th" (article of the 12th).
    pub(super) fn future_cue_before(&self, o: usize) -> bool {
        let s = self.sentence(o);
        (0..o).rev().take_while(|&k| self.sentence(k) == s).any(|k| LEX.future.contains(self.w(k)))
    }

    /// A word of dates_en.csv at token `i` (longest first): its end and rule.
    ///
    /// The two-word year and month words ("last year", "this month") match token by token, across
    /// a line break and not across a hyphen, as they always have; every other phrase as the
    /// lexicon's phrases do (hyphens skipped, on one line). "Last year the mine made 200 tons."
    pub(super) fn date_word_at(&self, i: usize) -> Option<(usize, DateRule)> {
        let list = LEX.dates.by_first.get(self.w(i))?;
        list.iter().find_map(|(words, rule)| {
            let end = match rule {
                DateRule::Year(_) | DateRule::Month(_) if words.len() == 2 => {
                    self.is(i + 1, &words[1]).then_some(i + 2)
                }
                _ => self.match_words(i, words),
            }?;
            Some((end, *rule))
        })
    }

    /// "the year" at `k` to `end` alone: a date only as the year of a part ("the end of the
    /// year", `year_words` with `allow_the`), not on its own ("the year's plan").
    pub(super) fn bare_the_year(&self, k: usize, end: usize) -> bool {
        self.is(k, "the") && self.is(k + 1, "year") && end == k + 2
    }

    /// A date relative to the article date or the date just mentioned, at token `i`: a word of
    /// dates_en.csv resolved by its rule.
    ///
    /// "Yesterday the mine set a record, and the next day it broke it; this year is the best."
    pub(super) fn relative_at(&self, i: usize) -> Option<DateHit> {
        let (end, rule) = self.date_word_at(i)?;
        let today = self.article.map(|a| self.dateline.unwrap_or(a));
        let cur_day = self.dc.as_ref().map(|dc| dc.current_day());
        let shift = |d: Option<NaiveDate>, n: i64| d.map(|d| RefDate::Day(d + Duration::days(n)));
        let date = match rule {
            DateRule::Today => today.map(RefDate::Day),
            DateRule::Yesterday => shift(today, -1),
            DateRule::Tomorrow => shift(today, 1),
            DateRule::Year(_) if self.bare_the_year(i, end) => return None,
            DateRule::Year(off) => self.base_year().map(|y| RefDate::Year(y + off)),
            // The month of today (the dateline's), unlike 本月 / 上月 (the article's).
            DateRule::Month(off) => today.map(|d| {
                let k = d.year() * 12 + d.month() as i32 - 1 + off;
                RefDate::Month(k.div_euclid(12), (k.rem_euclid(12) + 1) as u32)
            }),
            DateRule::SameDay => cur_day.map(RefDate::Day),
            // "the day after launching a satellite ... on September 30": the day after the date
            // that follows in the sentence.
            DateRule::NextDay if self.is(end - 1, "after") => shift(self.date_after(end).unwrap_or(cur_day), 1),
            DateRule::NextDay => shift(cur_day, 1),
            DateRule::PreviousDay => shift(cur_day, -1),
            // Rules no English word has (year_end, xun_*, ...): those phrases are `dates.rs`'s.
            _ => return None,
        };
        Some(DateHit { a: i, end, date, qualifier: Qualifier::Exact, note: None, record: true, explicit: false })
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
}
