//! Calendar dates: month names, day numbers and years ("September 30", "3rd October",
//! "October 1, 1958", "in 1957"), parts of months ("early October", "the first ten days of
//! November", "the end of September"), clock times, day ranges ("October 17 to 20") and "the
//! same period last year".
//!
//! Input: a token position and the dates seen so far (`Ex::dc`, the dateline). Output: a
//! [`DateHit`] with the resolved [`RefDate`], or None. A day without a month is resolved
//! against the article date (a later day is in the month before).

use chrono::{Datelike, NaiveDate};

use super::lexicon::{LEX, NP_STOP};
use super::tokens::T;
use super::Ex;
use crate::claim::{Kind, Note, Qualifier};
use crate::dates::{self, DateRule, RefDate, Xun};
use crate::numerals::all_ascii_digits;
use crate::numerals::en as num;

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

/// Whether a lower-case word is a month name or its abbreviation (october, oct, sept).
pub(super) fn is_month_name(w: &str) -> bool {
    !w.is_empty() && MONTHS.iter().any(|(full, a, b)| w == *full || w == *a || w == *b)
}

/// A date found at a token.
#[derive(Debug, Clone)]
pub(super) struct DateHit {
    pub(super) a: usize,
    pub(super) end: usize,
    pub(super) date: Option<RefDate>,
    pub(super) qualifier: Qualifier,
    pub(super) note: Option<HitNote>,
    /// Feeds "the date just mentioned" (false for clock times and "the same period last year").
    pub(super) record: bool,
    /// A calendar date given in the text (not relative to another).
    pub(super) explicit: bool,
}

/// What a date hit says besides its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HitNote {
    /// An ordinal that is no day of the month ("the 10th" of a rank): skip its tokens whole.
    Skip,
    /// A flag the claim carries (`clock_time`).
    Claim(Note),
}

impl DateHit {
    /// An exact date at tokens `[a, end)`, given relative to another, that feeds "the date just
    /// mentioned".
    pub(super) fn plain(a: usize, end: usize, date: Option<RefDate>) -> DateHit {
        DateHit { a, end, date, qualifier: Qualifier::Exact, note: None, record: true, explicit: false }
    }
}

impl<'a> Ex<'a> {
    /// The month named by token `i` (capitalised; `May` and `March` only where a date is
    /// plainly meant), and the token after it (past the stop of "Sept.").
    ///
    /// "By Sept. 30 the plant had doubled" (not "the October Revolution Commune").
    pub(super) fn month_at(&self, i: usize) -> Option<(u32, usize)> {
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
            T::Num if s.len() <= 2 && all_ascii_digits(s) => s.parse().ok()?,
            _ => return None,
        };
        (1..=31).contains(&d).then_some(d)
    }

    /// A four-digit year 1800..=2100 at token `i`.
    ///
    /// "Output in 1957 was half of this year's" (not "1957 tons").
    pub(super) fn year_num(&self, i: usize) -> Option<i32> {
        let tok = self.toks.get(i)?;
        let s = self.w(i);
        if tok.t != T::Num || s.len() != 4 || !all_ascii_digits(s) {
            return None;
        }
        let y: i32 = s.parse().ok()?;
        (1800..=2100).contains(&y).then_some(y)
    }

    /// Whether token `k` is the `s` (or `'s`) of a decade, written against the number before.
    pub(super) fn is_decade_suffix(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else { return false };
        if t.space {
            return false;
        }
        match (t.t, self.w(k)) {
            (T::Word, "s") => true,
            (T::Punct, "'" | "’") => {
                self.toks.get(k + 1).is_some_and(|n| !n.space && n.t == T::Word) && self.w(k + 1) == "s"
            }
            _ => false,
        }
    }

    /// The year words of dates_en.csv ("this year" 0, "last year" -1, "the year before last"
    /// -2; "the year" only with `allow_the`), with an optional "of" before.
    ///
    /// "Output rose faster than in the same months of last year."
    pub(super) fn year_words(&self, i: usize, allow_the: bool) -> Option<(i32, usize)> {
        let k = if self.is(i, "of") { i + 1 } else { i };
        let (end, rule) = self.date_word_at(k)?;
        let DateRule::Year(off) = rule else { return None };
        if !allow_the && self.bare_the_year(k, end) {
            return None;
        }
        Some((off, end))
    }

    /// The year of the article date, which year words count from.
    pub(super) fn base_year(&self) -> Option<i32> {
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

    /// A date starting at token `i`, tried in order: a clock time, "the same period last
    /// year", a part of a year or month, a month first, a day first, a day ordinal, a relative
    /// date, a year.
    ///
    /// "By the end of September the commune had met the target it set on August 3rd, 1958."
    pub(super) fn date_at(&self, i: usize) -> Option<DateHit> {
        let tok = *self.toks.get(i)?;
        let w = self.w(i);

        // Clock times: "2:00 AM", "6:00 a.m. on the 10th" (the day after "on" when given).
        if tok.t == T::Num
            && self.is_punct(i + 1, ':')
            && self.tight(i + 1)
            && self.t(i + 2) == Some(T::Num)
            && self.tight(i + 2)
        {
            return self.clock_time(i);
        }
        let k = if w == "the" { i + 1 } else { i };
        if let Some(h) = self.same_period_at(i, k) {
            return Some(h);
        }
        if let Some(h) = self.part_of_at(i, k) {
            return Some(h);
        }
        if let Some(e) = self.seq(i, &["year", "end"]) {
            return Some(DateHit::plain(i, e, self.base_year().and_then(dates::end_of_year)));
        }
        if let Some(h) = self.xun_word_at(i, w) {
            return Some(h);
        }
        if w == "the" {
            if let Some(h) = self.ten_days_or_half_at(i) {
                return Some(h);
            }
        }
        if let Some((m, after_month)) = self.month_at(i) {
            return self.month_first(i, m, after_month);
        }
        if matches!(tok.t, T::Ord | T::Num) {
            if let Some(h) = self.day_first(i) {
                return Some(h);
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
        self.year_at(i)
    }

    /// A clock time at `i` (digits, colon, two digits), with "am"/"a.m." or after "at",
    /// "from", "to": the current day, or the day after "on". None for other colon numbers.
    fn clock_time(&self, i: usize) -> Option<DateHit> {
        let h: u32 = self.w(i).parse().unwrap_or(99);
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
            return Some(DateHit {
                note: Some(HitNote::Claim(Note::ClockTime)),
                record: false,
                ..DateHit::plain(i, end, date)
            });
        }
        None
    }

    /// "the same period last year" (`k` past any "the"): the date spoken of, a year earlier.
    fn same_period_at(&self, i: usize, k: usize) -> Option<DateHit> {
        let e = self.seq(k, &["same", "period"])?;
        let Some((-1, end)) = self.year_words(e, false) else { return None };
        // The span of the sentence ("from January to August this year"), before or
        // after; else the date just spoken of; else the year.
        let date =
            self.base_year().map(|y| match self.month_span(i).or_else(|| self.dc.as_ref().and_then(|dc| dc.last())) {
                Some(d) => d.shifted_years(-1),
                None => RefDate::Year(y - 1),
            });
        Some(DateHit { record: false, ..DateHit::plain(i, end, date) })
    }

    /// "(the) end / beginning / middle of" a year ("this year", "1958") or a month (`k` past
    /// any "the").
    fn part_of_at(&self, i: usize, k: usize) -> Option<DateHit> {
        if !(matches!(self.w(k), "end" | "beginning" | "start" | "middle") && self.is(k + 1, "of")) {
            return None;
        }
        let part = self.w(k);
        if let Some((y, e)) = self.year_words(k + 2, true) {
            let year = self.base_year().map(|b| b + y);
            let date = year.and_then(|y| match part {
                "end" => dates::end_of_year(y),
                "middle" => Some(RefDate::Year(y)),
                _ => Some(RefDate::Month(y, 1)),
            });
            return Some(DateHit::plain(i, e, date));
        }
        if let Some(y) = self.year_num(k + 2) {
            let date = match part {
                "end" => dates::end_of_year(y),
                "middle" => Some(RefDate::Year(y)),
                _ => Some(RefDate::Month(y, 1)),
            };
            return Some(DateHit { explicit: true, ..DateHit::plain(i, k + 3, date) });
        }
        let (ym, e) = self.month_target(k + 2)?;
        let date = ym.and_then(|(y, m)| match part {
            "end" => dates::end_of_month(y, m),
            "middle" => dates::xun(y, m, Xun::Middle),
            _ => dates::xun(y, m, Xun::Early),
        });
        // A month end is a baseline more often than the time spoken of: "a fourfold
        // increase compared to the end of September ... by the end of the month" (seed
        // 004) means October. It does not move the month spoken of.
        Some(DateHit { explicit: self.month_at(k + 2).is_some(), record: false, ..DateHit::plain(i, e, date) })
    }

    /// "early / mid / late October", "mid-October", "early this month".
    fn xun_word_at(&self, i: usize, w: &str) -> Option<DateHit> {
        let part = match w {
            "early" => Xun::Early,
            "mid" => Xun::Middle,
            "late" => Xun::Late,
            _ => return None,
        };
        let k2 = if self.is_punct(i + 1, '-') { i + 2 } else { i + 1 };
        let (ym, e) = self.month_target(k2)?;
        let date = ym.and_then(|(y, m)| dates::xun(y, m, part));
        Some(DateHit { explicit: true, ..DateHit::plain(i, e, date) })
    }

    /// "the first / middle / last ten days of October", "the first half of November" (`i` is
    /// "the").
    fn ten_days_or_half_at(&self, i: usize) -> Option<DateHit> {
        let which = self.w(i + 1);
        if let Some(e) = self.seq(i + 2, &["ten", "days", "of"]) {
            let part = match which {
                "first" => Some(Xun::Early),
                "middle" => Some(Xun::Middle),
                "last" | "latter" => Some(Xun::Late),
                _ => None,
            };
            if let (Some(part), Some((ym, end))) = (part, self.month_target(e)) {
                return Some(DateHit::plain(i, end, ym.and_then(|(y, m)| dates::xun(y, m, part))));
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
                return Some(DateHit::plain(i, end, date));
            }
        }
        None
    }

    /// Month first (month `m` at `i`, `after_month` the token after it): "September 30",
    /// "Sept. 30th", "October 17th to 20th", "October 1, 1958", "October", "August last year".
    fn month_first(&self, i: usize, m: u32, after_month: usize) -> Option<DateHit> {
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
            return Some(DateHit { explicit: true, ..DateHit::plain(i, end, day.map(RefDate::Day)) });
        }
        let (mut y, m, end) = self.month_expr(i)?;
        // "from January to August" in a December article: both months of one year.
        if y.is_none() && (self.is_any(end, &["to", "through", "till", "until"]) || self.is_punct(end, '-')) {
            if let Some((m2, _)) = self.month_at(end + 1).filter(|(m2, _)| *m2 > m) {
                y = self.resolve_month(None, m2).map(|(y2, _)| y2);
            }
        }
        let date = self.resolve_month(y, m).map(|(y, m)| RefDate::Month(y, m));
        Some(DateHit { explicit: true, ..DateHit::plain(i, end, date) })
    }

    /// Day first: "3rd October", "10 October", "the 10th of October".
    fn day_first(&self, i: usize) -> Option<DateHit> {
        let d = self.day_num(i)?;
        let k = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
        let (y, m, end) = self.month_expr(k)?;
        let date = self.resolve_month(y, m).and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, d)).map(RefDate::Day);
        Some(DateHit { explicit: true, ..DateHit::plain(i, end, date) })
    }

    /// Years: "in 1958", "compared with 1957" (not "1958 tons").
    fn year_at(&self, i: usize) -> Option<DateHit> {
        let y = self.year_num(i)?;
        let next_is_unit = self.unit_at(i + 1).is_some() || self.count_noun_at(i + 1).is_some();
        let in_number = self.is_punct(i.wrapping_sub(1), '-') && self.tight(i)
            || self.is_punct(i + 1, '-') && self.t(i + 2) == Some(T::Num);
        if !next_is_unit && !in_number {
            return Some(DateHit { explicit: true, ..DateHit::plain(i, i + 1, Some(RefDate::Year(y))) });
        }
        None
    }

    /// "the 10th", "12th" in a dateline, "2nd" in "the 1st and 2nd": a day of the month
    /// spoken of. `i` is where the claim starts ("the" or the ordinal), `o` the ordinal.
    fn day_ordinal(&self, i: usize, o: usize) -> Option<DateHit> {
        let d = self.day_num(o);
        let next = self.w(o + 1);
        let next_tok = self.toks.get(o + 1);
        let followed_ok = self.day_followed_ok(o);
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
            // "Changsha, 12th.", "(Wuhan, 5th dispatch)": a dateline's day, or a list going on.
            // (Only reached with `i == o`, so the word before is the "," or "(" itself.)
            "," | "(" => {
                let next_word = next_tok.filter(|t| t.t != T::Punct).map(|_| next);
                followed_ok && (after_date || super::dateline::dateline_ordinal(next_word))
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
                note: Some(HitNote::Skip),
                record: false,
                explicit: false,
            });
        }
        let (date, end) = self.ordinal_date(o, d, prev, after_date);
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

    /// What follows the ordinal at `o` allows a day: the end, punctuation, or a word that
    /// makes no name, counted noun or unit of it.
    fn day_followed_ok(&self, o: usize) -> bool {
        let next = self.w(o + 1);
        let next_tok = self.toks.get(o + 1);
        match next_tok {
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
        }
    }

    /// The day `d` of the ordinal at `o` (`prev` the word before it): in the month named
    /// after it, the month of the list it continues, or the month the article date implies.
    /// Returns the date and the token after the claim.
    fn ordinal_date(&self, o: usize, d: u32, prev: &str, after_date: bool) -> (Option<NaiveDate>, usize) {
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
        (date, end)
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
        let Some(RefDate::Day(first)) = last.ref_date else { return None };
        if d <= first.day() {
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
}
