//! Dates in Chinese text: years, months, days, their parts, and date words (issue 3).
//!
//! Input: the extractor at a possible date (a numeral before 年 / 月 / 日 / 号, or a word of
//! `dates_zh.csv`). Output: date claims with the resolved `ref_date`: a day, a month, a year,
//! a span (上旬, 上半月), resolved against the article date as `tests/gold/ANNOTATION.md` says
//! (a day later than the article's day is in the month before; 月底 is the end of the month
//! spoken of; 第二天 the day after the date just mentioned; 今天 the dateline's day). The
//! extractor's `last_date`, `event_day`, `dateline` and `range_from` carry what later dates
//! resolve against.
//!
//! Invariants: a date that cannot be resolved (no article date) is still a claim, with an
//! empty `ref_date`.

use std::ops::ControlFlow;

use chrono::{Datelike, Duration, NaiveDate};

use super::lexicon::{Cue, DateRule, LEX};
use super::{is_clause_end, is_sentence_end, Extractor, Num};
use crate::claim::{Kind, Qualifier};
use crate::dates::{self, RefDate, Xun};

/// The first (1st–15th) or second (16th–end) half of a month: 8月上半月.
fn half_of_month(y: i32, m: u32, first: bool) -> Option<RefDate> {
    let (a, b) = if first {
        (NaiveDate::from_ymd_opt(y, m, 1)?, NaiveDate::from_ymd_opt(y, m, 15)?)
    } else {
        (NaiveDate::from_ymd_opt(y, m, 16)?, dates::last_day(y, m)?)
    };
    Some(RefDate::Interval(a, b))
}

impl Extractor<'_> {
    /// A day later than the article's is in the month before, unless the sentence speaks
    /// of the future (准备迎接…15日至21日 in an article of 10-14).
    fn resolve_day(&self, a: usize, y: Option<i32>, m: Option<u32>, d: u32) -> Option<RefDate> {
        let art = self.article?;
        if m.is_none() && d > art.day() && self.cue_in(self.sentence_start(a), a, Cue::Future) {
            return NaiveDate::from_ymd_opt(art.year(), art.month(), d).map(RefDate::Day);
        }
        // A bare day after a date of another month in the same sentence (10月17日到20日).
        if m.is_none() {
            if let Some((RefDate::Day(prev), pos)) = self.last_date {
                if pos >= self.sentence_start(a)
                    && d >= prev.day()
                    && (prev.year(), prev.month()) != (art.year(), art.month())
                {
                    return NaiveDate::from_ymd_opt(prev.year(), prev.month(), d).map(RefDate::Day);
                }
            }
        }
        dates::resolve_day(art, y, m, d).map(RefDate::Day)
    }

    /// The month spoken of at `a`: the article's when the sentence speaks of the future, else
    /// that of a date earlier in the same sentence, else the article's.
    fn month_spoken_of(&self, a: usize) -> Option<(i32, u32)> {
        let art = self.article?;
        let here = (art.year(), art.month());
        if self.cue_in(self.sentence_start(a), a, Cue::Future) {
            return Some(here);
        }
        match self.last_date {
            Some((d, pos)) if pos >= self.sentence_start(a) => d.month().or(Some(here)),
            _ => Some(here),
        }
    }

    /// The month of a bare 月底 / 月末: the month spoken of, except that in an article of the
    /// first days of a month, a sentence with no month of its own that tells of something done
    /// (已, 了, 完成) and not of the future speaks of the previous month's end.
    fn month_end_month(&self, a: usize) -> Option<(i32, u32)> {
        let (y, m) = self.month_spoken_of(a)?;
        let art = self.article?;
        let s = self.sentence_start(a);
        let own_month = matches!(self.last_date, Some((_, pos)) if pos >= s);
        let mut e = a.min(self.cs.len());
        while e < self.cs.len() && !is_sentence_end(self.cs[e]) {
            e += 1;
        }
        let done = (s..e).any(|k| matches!(self.cs[k], '已' | '了') || self.starts(k, "完成"));
        if art.day() <= 5
            && (y, m) == (art.year(), art.month())
            && !own_month
            && done
            && !self.cue_in(s, e, Cue::Future)
        {
            return Some(if m == 1 { (y - 1, 12) } else { (y, m - 1) });
        }
        Some((y, m))
    }

    /// Whether 初 at `p` after a year starts another word (今年初步, 初秋, 初级), not 年初.
    fn not_year_start(&self, p: usize) -> bool {
        matches!(self.at(p + 1), Some('步' | '级' | '次' | '中' | '稿' | '春' | '夏' | '秋' | '冬'))
    }

    fn day_spoken_of(&self) -> Option<NaiveDate> {
        self.event_day.or(self.article)
    }

    /// Date expressions starting at `i`: [year] [month [份]] [day] [底/初/上旬…], and the date
    /// words of the lexicon. Pushes the claim(s) and returns the end.
    ///
    /// Example: in an article of 1958-10-20, 本社在9月下旬完成了计划 gives 9月下旬 =
    /// 1958-09-21/1958-09-30, and 今年年底 gives 1958-12-31.
    pub(super) fn date(&mut self, i: usize) -> Option<usize> {
        let art = self.article;
        let (mut y, had_word, p) = match self.date_start(i) {
            ControlFlow::Break(end) => return end,
            ControlFlow::Continue(start) => start,
        };
        // The second end of a month range (1958年1月到11月, 一九五八年一月至十一月).
        let range_from = self.range_from.filter(|&(at, _, _)| at == i && y.is_none() && !had_word);
        let (m, month_only_word, mut p) = self.month_after(p, y, range_from);
        if y.is_none() && m.is_none() && !had_word {
            // A bare day: 10日, 12日电, 二十一日 after 至.
            return self.bare_day(i);
        }
        if m.is_none() && had_word {
            if let Some(e) = self.year_word_part(i, p, y) {
                return Some(e);
            }
        }
        if let (Some((_, yy, m1)), Some(mm)) = (range_from, m) {
            y = Some(if mm < m1 { yy + 1 } else { yy });
        }
        let mut d: Option<u32> = None;
        if m.is_some() && !month_only_word {
            if let Some((v, e)) = self.day_after(p) {
                d = Some(v);
                p = e;
            }
        }
        let (ref_date, p) = match (y, m, d) {
            (_, Some(mm), Some(dd)) => (art.and_then(|t| dates::resolve_day(t, y, Some(mm), dd)).map(RefDate::Day), p),
            (_, Some(mm), None) => self.month_part(p, y, mm),
            (Some(yy), None, _) => self.year_part(p, yy),
            (None, None, _) => (None, p),
        };
        Some(self.finish_date(i, p, ref_date, m, d.is_some()))
    }

    /// The year a date starting at `i` opens with (a date word of the lexicon, or 1958年 /
    /// 一九五八年), whether it was a word, and where the month would start; or, for a date word
    /// that is all of the date, its end (pushed), `None` when it is no date.
    fn date_start(&mut self, i: usize) -> ControlFlow<Option<usize>, (Option<i32>, bool, usize)> {
        let art = self.article;
        let mut p = i;
        let mut y: Option<i32> = None;
        let mut had_word = false;
        if let Some((len, &rule)) = LEX.dates.at(&self.cs, i) {
            match rule {
                DateRule::Year(off) => {
                    y = art.map(|d| d.year() + off);
                    had_word = true;
                    p = i + len;
                    if y.is_none() {
                        // No article date: the word is still a date, unresolved.
                        let e = p;
                        if !self.year_continues(p) {
                            self.push_date(i, e, None, Qualifier::Exact);
                            return ControlFlow::Break(Some(e));
                        }
                    }
                }
                // 都是日产: 是日 ("that day") opens a clause.
                DateRule::SameDay
                    if self.starts(i, "是日")
                        && i > 0
                        && super::is_cjk(self.cs[i - 1])
                        && !is_clause_end(self.cs[i - 1]) =>
                {
                    return ControlFlow::Break(None)
                }
                // 这天气很好 (this weather), 当天然气 (when natural gas), 不可同日而语 (not to
                // be mentioned in one breath): the characters of a day word, no day (issue 16).
                DateRule::SameDay
                    if (self.at(i + len) == Some('气')
                        && self.cs[i + len - 1] == '天'
                        && self.at(i + len + 1) != Some('温'))
                        || (self.at(i + len) == Some('然') && self.cs[i + len - 1] == '天')
                        || self.starts(i + len, "而语") =>
                {
                    return ControlFlow::Break(None)
                }
                _ => return ControlFlow::Break(Some(self.date_word(i, i + len, rule))),
            }
        } else if let Some(n) = self.num(i) {
            if self.at(n.b) == Some('年') && self.year_like(&n) {
                y = n.int().map(|v| v as i32);
                p = n.b + 1;
            }
        }
        ControlFlow::Continue((y, had_word, p))
    }

    /// The month at `p` after the year `y` (or as the second end of a month range): the month,
    /// whether 份 closed it (9月份 takes no day), and where what follows starts.
    fn month_after(
        &self,
        p: usize,
        y: Option<i32>,
        range_from: Option<(usize, i32, u32)>,
    ) -> (Option<u32>, bool, usize) {
        let mut p = p;
        let mut m: Option<u32> = None;
        let mut month_only_word = false;
        if let Some(n) = self.num(p) {
            // 决战意义的一月, 红十月: a month written in Chinese numerals, with no year before it and
            // no 份 / day / 底 / 上旬 after it, is no date.
            let unmarked = y.is_none() && range_from.is_none() && !n.arabic && !self.month_marked(n.b + 1);
            if let Some(v) = self.month_of(&n).filter(|_| !unmarked) {
                m = Some(v);
                p = n.b + 1;
                if self.at(p) == Some('份') {
                    p += 1;
                    month_only_word = true;
                }
            }
        }
        (m, month_only_word, p)
    }

    /// After a year word at `i` with no month (今年, 去年): 年底 / 年终 / 年末 or 年初 at `p`
    /// make one date with it (pushed); its end.
    fn year_word_part(&mut self, i: usize, p: usize, y: Option<i32>) -> Option<usize> {
        // 今年, 去年同期 were matched as words; 今年年底 / 去年8月份 continue.
        if y.is_some() && (self.starts(p, "年底") || self.starts(p, "年终") || self.starts(p, "年末")) {
            let d = dates::end_of_year(y.unwrap_or(0));
            self.push_date(i, p + 2, d, Qualifier::Exact);
            return Some(p + 2);
        }
        // 今年年初: the beginning of the year, its January (今年初, 1958年初 below).
        if self.starts(p, "年初") && !self.not_year_start(p + 1) {
            let d = y.map(|yy| RefDate::Month(yy, 1));
            self.push_date(i, p + 2, d, Qualifier::Exact);
            return Some(p + 2);
        }
        None
    }

    /// A day of the month at `p` (十五日, 3号): the day and where it ends.
    fn day_after(&self, p: usize) -> Option<(u32, usize)> {
        self.num(p)
            .filter(|n| matches!(self.at(n.b), Some('日' | '号')))
            .and_then(|n| n.int().filter(|v| (1..=31).contains(v)).map(|v| (v as u32, n.b + 1)))
    }

    /// 上旬 / 中旬 / 下旬 at `p`.
    fn xun_at(&self, p: usize) -> Option<Xun> {
        if !(self.starts(p, "上旬") || self.starts(p, "中旬") || self.starts(p, "下旬")) {
            return None;
        }
        Some(match self.at(p) {
            Some('上') => Xun::Early,
            Some('中') => Xun::Middle,
            _ => Xun::Late,
        })
    }

    /// The month `mm` of year `y` (or the year it falls in before the article) with the part of
    /// it at `p` (上半月, 底, 初, 上旬, 中): the date and where it ends.
    fn month_part(&self, p: usize, y: Option<i32>, mm: u32) -> (Option<RefDate>, usize) {
        let art = self.article;
        let mut p = p;
        let yy = y.or_else(|| art.map(|t| dates::year_of_month(t, mm)));
        let mut r = yy.and_then(|yy| dates::resolve_month(art.unwrap_or_default(), Some(yy), mm));
        if let Some(yy) = yy {
            if let Some((half, len)) = self.half_month(p) {
                r = half_of_month(yy, mm, half);
                p += len;
            } else if matches!(self.at(p), Some('底' | '末')) {
                r = dates::end_of_month(yy, mm);
                p += 1;
            } else if self.at(p) == Some('初') {
                r = dates::xun(yy, mm, Xun::Early);
                p += 1;
            } else if let Some(part) = self.xun_at(p) {
                r = dates::xun(yy, mm, part);
                p += 2;
            } else if self.at(p) == Some('中') && !self.starts(p, "中国") && !self.starts(p, "中共") {
                r = dates::xun(yy, mm, Xun::Middle);
                p += 1;
            }
        } else if matches!(self.at(p), Some('底' | '末' | '初')) {
            p += 1;
        } else if self.xun_at(p).is_some() {
            p += 2;
        }
        (r, p)
    }

    /// The year `yy` with what follows at `p`: 年底 (its last day), 年初 (January), or the year.
    fn year_part(&self, p: usize, yy: i32) -> (Option<RefDate>, usize) {
        if matches!(self.at(p), Some('底' | '末' | '终')) {
            (dates::end_of_year(yy), p + 1)
        } else if self.at(p) == Some('初') && !self.not_year_start(p) {
            (Some(RefDate::Month(yy, 1)), p + 1)
        } else {
            (Some(RefDate::Year(yy)), p)
        }
    }

    /// Pushes the date from `i` to `p` (with 这天 after a day), and notes where the second end
    /// of a month range would start; the date's end.
    fn finish_date(&mut self, i: usize, p: usize, ref_date: Option<RefDate>, m: Option<u32>, has_day: bool) -> usize {
        // 1958年1月到11月: two dates (ANNOTATION.md); the second end is in the first one's year
        // (or the next, when its month is earlier: 1958年11月到2月).
        if let (Some(yy), Some(m1)) = (ref_date.and_then(|r| r.month()).map(|(yy, _)| yy), m) {
            if matches!(self.at(p), Some('到' | '至' | '—')) {
                self.range_from = Some((p + 1, yy, m1));
            }
        }
        // 10日这天: the day word belongs to the date (一天 after a day is the rate word, no claim).
        let mut e = p;
        if has_day {
            for w in ["这一天", "这天"] {
                if self.starts(e, w) {
                    e += w.chars().count();
                    break;
                }
            }
        }
        self.push_date(i, e, ref_date, Qualifier::Exact);
        e
    }

    /// Whether what follows 月 at `p` makes a month of it: 份, a day (十五日), 底 / 末 / 初 /
    /// 间 / 产, 上旬 / 中旬 / 下旬, 上半月 / 下半月.
    fn month_marked(&self, p: usize) -> bool {
        // 八月产量, 九月产铁: the month's output.
        if matches!(self.at(p), Some('份' | '底' | '末' | '初' | '间' | '产')) {
            return true;
        }
        if ["上旬", "中旬", "下旬", "上半月", "下半月"].iter().any(|w| self.starts(p, w)) {
            return true;
        }
        self.num(p).is_some_and(|d| matches!(self.at(d.b), Some('日' | '号')))
    }

    /// 上半月 / 下半月 at `p`: which half (true = the first) and the word's length.
    fn half_month(&self, p: usize) -> Option<(bool, usize)> {
        if self.starts(p, "上半月") || self.starts(p, "前半月") {
            Some((true, 3))
        } else if self.starts(p, "下半月") || self.starts(p, "后半月") {
            Some((false, 3))
        } else {
            None
        }
    }

    fn year_continues(&self, p: usize) -> bool {
        self.num(p).is_some_and(|n| self.month_of(&n).is_some())
    }

    /// A numeral that names a year before 年: 1958, 一九五八.
    fn year_like(&self, n: &Num) -> bool {
        n.digits_only && n.ndigits == 4 && n.int().is_some_and(|v| (1800..=2100).contains(&v))
    }

    /// A numeral naming a month before 月: 1..12, not 两 (两月 is two months), not 个月.
    fn month_of(&self, n: &Num) -> Option<u32> {
        if self.at(n.b) != Some('月') || self.cs.get(n.a) == Some(&'两') {
            return None;
        }
        if n.a > 0 && matches!(self.cs[n.a - 1], '个' | '几' | '头' | '近' | '多' | '前' | '后') {
            return None;
        }
        n.int().filter(|v| (1..=12).contains(v)).map(|v| v as u32)
    }

    /// 10日, 12日电 (Arabic digits, or any numeral in a dateline or after 至/到 and a date).
    ///
    /// Example: in an article of 1958-11-02, 本报31日讯 gives 31日 = 1958-10-31, a dateline.
    fn bare_day(&mut self, i: usize) -> Option<usize> {
        let n = self.num(i)?;
        let mut day_end = None;
        if self.at(n.b) == Some('日') {
            day_end = Some(n.b + 1);
        } else if self.at(n.b) == Some('、') {
            // 1、2日: both are days.
            let n2 = self.num(n.b + 1)?;
            if self.at(n2.b) == Some('日') && n.arabic == n2.arabic {
                day_end = Some(n.b + 1);
            }
        }
        let e = day_end?;
        let v = n.int().filter(|v| (1..=31).contains(v))? as u32;
        let after_date = i > 0
            && matches!(self.cs[i - 1], '至' | '到' | '、' | '—')
            && self.out.last().is_some_and(|c| c.kind == Kind::Date && c.end + 1 == i);
        // The dateline read by its filing word alone (see `Evidence` for why not the agency too).
        let dateline = super::dateline(self.text, self.bytes[i], self.bytes[e], super::Evidence::Filed);
        if !(n.arabic || dateline || after_date) {
            return None;
        }
        if self.starts(e, "产") && !n.arabic {
            return None;
        }
        let d = self.resolve_day(i, None, None, v);
        if dateline {
            self.dateline = d.and_then(|d| d.day());
        }
        let mut end = e;
        if self.cs.get(e - 1) == Some(&'日') {
            for w in ["这一天", "这天"] {
                if self.starts(end, w) {
                    end += w.chars().count();
                    break;
                }
            }
        }
        let claim_end = if self.cs.get(e - 1) == Some(&'、') { e - 1 } else { end };
        self.push_date(i, claim_end.max(i + 1), d, Qualifier::Exact);
        Some(end)
    }

    /// A date word of the lexicon from `a` to `b` (今年, 月底, 第二天, 本月上旬) resolved by its
    /// rule against the article date, the dateline or the date just mentioned; its end.
    ///
    /// Example: in 社员们在9月10日报名，第二天就上了山, 第二天 is 09-11 of the article's year.
    fn date_word(&mut self, a: usize, b: usize, rule: DateRule) -> usize {
        let art = self.article;
        let d = match rule {
            DateRule::Year(off) => art.map(|t| RefDate::Year(t.year() + off)),
            DateRule::YearEnd => art.and_then(|t| dates::end_of_year(t.year())),
            DateRule::MonthEnd => self.month_end_month(a).and_then(|(y, m)| dates::end_of_month(y, m)),
            DateRule::MonthStart => self.month_spoken_of(a).and_then(|(y, m)| dates::xun(y, m, Xun::Early)),
            DateRule::SameDay => self.day_spoken_of().map(RefDate::Day),
            DateRule::NextDay => self.day_spoken_of().map(|d| RefDate::Day(d + Duration::days(1))),
            // (No word of dates_zh.csv has these yet; they read as in English.)
            DateRule::PreviousDay => self.day_spoken_of().map(|d| RefDate::Day(d - Duration::days(1))),
            DateRule::Tomorrow => self.dateline.or(art).map(|d| RefDate::Day(d + Duration::days(1))),
            DateRule::Today => self.dateline.or(art).map(RefDate::Day),
            DateRule::Yesterday => self.dateline.or(art).map(|d| RefDate::Day(d - Duration::days(1))),
            // The date just mentioned a year earlier (a day stays a day, a month a month), else
            // the year before the article's, as in English (issue 16: it was the article's month,
            // a guess at what period is meant).
            DateRule::SamePeriodLastYear => {
                art.map(|t| self.last_date.map_or(RefDate::Year(t.year() - 1), |(d, _)| d.shifted_years(-1)))
            }
            DateRule::ThisDayLastYear => {
                art.and_then(|t| NaiveDate::from_ymd_opt(t.year() - 1, t.month(), t.day())).map(RefDate::Day)
            }
            DateRule::Month(off) => art.map(|t| {
                let k = t.year() * 12 + t.month() as i32 - 1 + off;
                RefDate::Month(k.div_euclid(12), (k.rem_euclid(12) + 1) as u32)
            }),
            DateRule::Part(x) => self.month_spoken_of(a).and_then(|(y, m)| dates::xun(y, m, x)),
        };
        // 本月上旬, 上月底: the part of that month.
        let mut b = b;
        let mut d = d;
        if let (DateRule::Month(_), Some(RefDate::Month(y, m))) = (rule, d) {
            if let Some((d2, b2)) = self.part_of_month(b, y, m) {
                d = d2;
                b = b2;
            }
        }
        // 今天 / 昨天 speak of the dateline's day; they do not move "the date just mentioned".
        let keep = self.last_date;
        self.push_date(a, b, d, Qualifier::Exact);
        if matches!(
            rule,
            DateRule::Today | DateRule::Yesterday | DateRule::SamePeriodLastYear | DateRule::ThisDayLastYear
        ) {
            self.last_date = keep;
        }
        b
    }

    /// What follows a month word at `b` (本月, 上月) naming part of month `m` of year `y`: a day
    /// (本月10日), 上半月, 上旬 / 中旬 / 下旬, 底 / 末, 初; the date and where it ends.
    fn part_of_month(&self, b: usize, y: i32, m: u32) -> Option<(Option<RefDate>, usize)> {
        if let Some((dd, e)) = self.day_after(b) {
            // 本月10日: one date.
            return Some((NaiveDate::from_ymd_opt(y, m, dd).map(RefDate::Day), e));
        }
        if let Some((half, len)) = self.half_month(b) {
            return Some((half_of_month(y, m, half), b + len));
        }
        if let Some(x) = self.xun_at(b) {
            return Some((dates::xun(y, m, x), b + 2));
        }
        if matches!(self.at(b), Some('底' | '末')) {
            return Some((dates::end_of_month(y, m), b + 1));
        }
        if self.at(b) == Some('初') {
            return Some((dates::xun(y, m, Xun::Early), b + 1));
        }
        None
    }
}
