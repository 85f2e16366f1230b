//! Date expressions resolved against the article date.
//!
//! Input: the parts of a date expression an extractor recognised (year, month, day, a part
//! of a month) and the article's date. Output: a [`RefDate`] (a day, a month, a year or an
//! interval of days) written as `ref_date` (`../shared/SCHEMA.md`). The rules are language
//! independent; the Chinese and English extractors only recognise the words.
//!
//! Rules (from `../shared/STYLE.md` and the seeds): a day without a month is in the article's
//! month, or the month before when the day is later than the article's day (新华社31日讯 in an
//! article of 1958-11-01 is 1958-10-31); a month without a year is in the article's year,
//! unless that would put it more than six months after the article (then the year before);
//! 月底 / "the end of the month" is the last day of the month being spoken of.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Deserialize;

/// When a figure holds, or what a date expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefDate {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
    /// Both ends included (上旬 -> 1958-11-01/1958-11-10).
    Interval(NaiveDate, NaiveDate),
    /// Whole months, first and last included, as written in `ref_date` (1958年1月到11月 ->
    /// `1958-01/1958-11`): the form of an [`RefDate::Interval`] covering two or more whole
    /// months, made by [`RefDate::whole_months`] where that form is wanted.
    Months((i32, u32), (i32, u32)),
}

/// `YYYY-MM-DD`, as chrono's `%Y-%m-%d` writes it, without parsing a format string for every
/// claim (issue 8); years outside 0..=9999 go through chrono.
fn write_day(f: &mut fmt::Formatter<'_>, d: &NaiveDate) -> fmt::Result {
    if (0..=9999).contains(&d.year()) {
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        write!(f, "{}", d.format("%Y-%m-%d"))
    }
}

impl fmt::Display for RefDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefDate::Day(d) => write_day(f, d),
            RefDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            RefDate::Year(y) => write!(f, "{y:04}"),
            RefDate::Interval(a, b) => {
                write_day(f, a)?;
                f.write_str("/")?;
                write_day(f, b)
            }
            RefDate::Months((y1, m1), (y2, m2)) => write!(f, "{y1:04}-{m1:02}/{y2:04}-{m2:02}"),
        }
    }
}

impl RefDate {
    /// The same date `by` years later (earlier when negative): "the same period last year" of
    /// a day, a month, a year or a span (a 29 February stays the 28th).
    pub fn shifted_years(self, by: i32) -> RefDate {
        let day =
            |x: NaiveDate| x.with_year(x.year() + by).or_else(|| x.pred_opt()?.with_year(x.year() + by)).unwrap_or(x);
        match self {
            RefDate::Day(x) => RefDate::Day(day(x)),
            RefDate::Month(y, m) => RefDate::Month(y + by, m),
            RefDate::Year(y) => RefDate::Year(y + by),
            RefDate::Interval(a, b) => RefDate::Interval(day(a), day(b)),
            RefDate::Months((y1, m1), (y2, m2)) => RefDate::Months((y1 + by, m1), (y2 + by, m2)),
        }
    }

    /// The month this date lies in, where it lies in one (for 月底 after 10月12日).
    pub fn month(&self) -> Option<(i32, u32)> {
        match *self {
            RefDate::Day(d) => Some((d.year(), d.month())),
            RefDate::Month(y, m) => Some((y, m)),
            RefDate::Interval(a, b) if (a.year(), a.month()) == (b.year(), b.month()) => Some((a.year(), a.month())),
            _ => None,
        }
    }

    /// An interval of two or more whole months as [`RefDate::Months`] (how `ref_date` writes
    /// "from January to March": `1957-01/1957-03`), any other date as it is.
    ///
    /// ```
    /// use leapfig::dates::{parse_iso, RefDate};
    /// let (a, b) = (parse_iso("1957-01-01").unwrap(), parse_iso("1957-03-31").unwrap());
    /// assert_eq!(RefDate::Interval(a, b).whole_months(), RefDate::Months((1957, 1), (1957, 3)));
    /// ```
    pub fn whole_months(self) -> RefDate {
        if let RefDate::Interval(a, b) = self {
            let whole = a.day() == 1 && b.succ_opt().is_some_and(|n| n.day() == 1);
            if whole && (a.year(), a.month()) != (b.year(), b.month()) {
                return RefDate::Months((a.year(), a.month()), (b.year(), b.month()));
            }
        }
        self
    }

    /// [`RefDate::Months`] as the interval of its days, any other date as it is (the inverse of
    /// [`RefDate::whole_months`], for rules that read days).
    pub fn as_days(self) -> RefDate {
        match self {
            RefDate::Months((y1, m1), (y2, m2)) => match (NaiveDate::from_ymd_opt(y1, m1, 1), last_day(y2, m2)) {
                (Some(a), Some(b)) => RefDate::Interval(a, b),
                _ => self,
            },
            _ => self,
        }
    }

    /// The year a date lies in (its first year for an interval).
    pub fn year(&self) -> i32 {
        match *self {
            RefDate::Day(x) => x.year(),
            RefDate::Month(y, _) | RefDate::Year(y) | RefDate::Months((y, _), _) => y,
            RefDate::Interval(a, _) => a.year(),
        }
    }

    /// Whether a date spans more than a month (a cumulative figure's span).
    pub fn spans_months(&self) -> bool {
        match *self {
            RefDate::Interval(a, b) => (a.year(), a.month()) != (b.year(), b.month()),
            RefDate::Months(a, b) => a != b,
            _ => false,
        }
    }

    /// The single day, for 第二天 / 当日 / "the day after".
    pub fn day(&self) -> Option<NaiveDate> {
        match *self {
            RefDate::Day(d) => Some(d),
            _ => None,
        }
    }
}

/// How a relative date word resolves: the `rule` column of dates_zh.csv and dates_en.csv
/// (`year:-1`, `today`, ...; the files' headers say what each means). One enum for both
/// languages: a rule means the same in both, the words differ.
///
/// ```
/// use leapfig::dates::DateRule;
/// assert_eq!(DateRule::try_from("year:-1".to_string()), Ok(DateRule::Year(-1)));
/// assert!(DateRule::try_from("year:x".to_string()).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum DateRule {
    Year(i32),
    YearEnd,
    MonthEnd,
    MonthStart,
    SameDay,
    NextDay,
    /// The day before the day spoken of ("the previous day").
    PreviousDay,
    Today,
    Yesterday,
    /// The day after the dateline's (else the article's) day ("tomorrow").
    Tomorrow,
    SamePeriodLastYear,
    ThisDayLastYear,
    Month(i32),
    /// 上旬 / 中旬 / 下旬 of the month spoken of.
    Part(Xun),
}

impl TryFrom<String> for DateRule {
    type Error = String;

    fn try_from(s: String) -> Result<DateRule, String> {
        DateRule::parse(&s).ok_or_else(|| format!("unknown date rule `{s}`"))
    }
}

impl DateRule {
    fn parse(s: &str) -> Option<DateRule> {
        if let Some(n) = s.strip_prefix("year:") {
            return n.parse().ok().map(DateRule::Year);
        }
        if let Some(n) = s.strip_prefix("month:") {
            return n.parse().ok().map(DateRule::Month);
        }
        Some(match s {
            "year_end" => DateRule::YearEnd,
            "month_end" => DateRule::MonthEnd,
            "month_start" => DateRule::MonthStart,
            "same_day" => DateRule::SameDay,
            "next_day" => DateRule::NextDay,
            "previous_day" => DateRule::PreviousDay,
            "today" => DateRule::Today,
            "yesterday" => DateRule::Yesterday,
            "tomorrow" => DateRule::Tomorrow,
            "same_period_last_year" => DateRule::SamePeriodLastYear,
            "this_day_last_year" => DateRule::ThisDayLastYear,
            "xun_early" => DateRule::Part(Xun::Early),
            "xun_middle" => DateRule::Part(Xun::Middle),
            "xun_late" => DateRule::Part(Xun::Late),
            _ => return None,
        })
    }
}

/// Part of a month: 上旬/中旬/下旬, early/mid/late.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Xun {
    Early,
    Middle,
    Late,
}

/// Last day of a month.
pub fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).map(|d| d - Duration::days(1))
}

/// The year a month without a year belongs to, seen from the article date.
///
/// A month more than six months after the article's is last year's (12月 in a January 1959
/// article). An early month in a late article stays in the same year: "from January to
/// November" (年初以来) in a December article is this year, and next year's months are
/// written with 明年 / "next".
pub fn year_of_month(article: NaiveDate, month: u32) -> i32 {
    if month > article.month() + 6 {
        article.year() - 1
    } else {
        article.year()
    }
}

/// A calendar day. A missing month takes the article's (or the previous month when the day
/// is later than the article's day); a missing year follows [`year_of_month`].
pub fn resolve_day(article: NaiveDate, year: Option<i32>, month: Option<u32>, day: u32) -> Option<NaiveDate> {
    match (year, month) {
        (Some(y), Some(m)) => NaiveDate::from_ymd_opt(y, m, day),
        (None, Some(m)) => NaiveDate::from_ymd_opt(year_of_month(article, m), m, day),
        (_, None) => {
            if day <= article.day() {
                NaiveDate::from_ymd_opt(article.year(), article.month(), day)
            } else {
                let first = NaiveDate::from_ymd_opt(article.year(), article.month(), 1)?;
                let prev = first - Duration::days(1);
                NaiveDate::from_ymd_opt(prev.year(), prev.month(), day)
            }
        }
    }
}

/// A month, its year resolved from the article date when not given.
pub fn resolve_month(article: NaiveDate, year: Option<i32>, month: u32) -> Option<RefDate> {
    if !(1..=12).contains(&month) {
        return None;
    }
    Some(RefDate::Month(year.unwrap_or_else(|| year_of_month(article, month)), month))
}

/// The last day of a month (9月底, "the end of September").
pub fn end_of_month(year: i32, month: u32) -> Option<RefDate> {
    last_day(year, month).map(RefDate::Day)
}

/// A ten-day part of a month as an interval of days (上旬 -> 1st..10th).
pub fn xun(year: i32, month: u32, part: Xun) -> Option<RefDate> {
    let (a, b) = match part {
        Xun::Early => (NaiveDate::from_ymd_opt(year, month, 1)?, NaiveDate::from_ymd_opt(year, month, 10)?),
        Xun::Middle => (NaiveDate::from_ymd_opt(year, month, 11)?, NaiveDate::from_ymd_opt(year, month, 20)?),
        Xun::Late => (NaiveDate::from_ymd_opt(year, month, 21)?, last_day(year, month)?),
    };
    Some(RefDate::Interval(a, b))
}

/// The end of a year (年底, "the end of the year").
pub fn end_of_year(year: i32) -> Option<RefDate> {
    NaiveDate::from_ymd_opt(year, 12, 31).map(RefDate::Day)
}

impl std::str::FromStr for RefDate {
    type Err = ();

    /// A `ref_date` as written (`1958-10-10`, `1958-10`, `1958`, `1958-11-01/1958-11-10`,
    /// `1958-01/1958-11`), for gold files and tests: the inverse of the table writer's text.
    fn from_str(s: &str) -> Result<RefDate, ()> {
        let s = s.trim();
        if let Some((a, b)) = s.split_once('/') {
            return match (a.parse()?, b.parse()?) {
                (RefDate::Day(a), RefDate::Day(b)) => Ok(RefDate::Interval(a, b)),
                (RefDate::Month(y1, m1), RefDate::Month(y2, m2)) => Ok(RefDate::Months((y1, m1), (y2, m2))),
                _ => Err(()),
            };
        }
        match s.len() {
            10 => parse_iso(s).map(RefDate::Day).ok_or(()),
            7 => {
                let (y, m) = s.split_once('-').ok_or(())?;
                let (y, m): (i32, u32) = (y.parse().map_err(|_| ())?, m.parse().map_err(|_| ())?);
                if (1..=12).contains(&m) {
                    Ok(RefDate::Month(y, m))
                } else {
                    Err(())
                }
            }
            4 => s.parse().map(RefDate::Year).map_err(|_| ()),
            _ => Err(()),
        }
    }
}

/// `YYYY-MM-DD` strictly (the `Date:` line, file names, `--date`).
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 10 || s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Tracks "the date just mentioned" and "the month being spoken of" through one section, so
/// that 第二天 / 当日 / 月底 / "the day after" resolve. Extractors feed it every date they
/// find, in text order.
#[derive(Debug, Clone)]
pub struct DateContext {
    pub article: NaiveDate,
    last: Option<RefDate>,
}

impl DateContext {
    pub fn new(article: NaiveDate) -> Self {
        DateContext { article, last: None }
    }

    /// Records a date found in the text.
    pub fn saw(&mut self, d: RefDate) {
        self.last = Some(d);
    }

    /// The date mentioned last, if any.
    pub fn last(&self) -> Option<RefDate> {
        self.last
    }

    /// The month being spoken of: that of the last date mentioned, else the article's.
    pub fn current_month(&self) -> (i32, u32) {
        self.last.and_then(|d| d.month()).unwrap_or((self.article.year(), self.article.month()))
    }

    /// The day the last date names, else the article date.
    pub fn current_day(&self) -> NaiveDate {
        self.last.and_then(|d| d.day()).unwrap_or(self.article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_years_keeps_the_precision() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(RefDate::Day(d(1958, 10, 10)).shifted_years(-1), RefDate::Day(d(1957, 10, 10)));
        assert_eq!(RefDate::Day(d(1960, 2, 29)).shifted_years(-1), RefDate::Day(d(1959, 2, 28)));
        assert_eq!(RefDate::Month(1958, 8).shifted_years(-1), RefDate::Month(1957, 8));
        assert_eq!(RefDate::Months((1958, 1), (1958, 9)).shifted_years(-1), RefDate::Months((1957, 1), (1957, 9)));
    }

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    #[test]
    fn day_without_month_is_in_article_month_or_the_one_before() {
        assert_eq!(resolve_day(d("1958-10-13"), None, None, 12), Some(d("1958-10-12")));
        assert_eq!(resolve_day(d("1958-10-13"), None, None, 10), Some(d("1958-10-10")));
        assert_eq!(resolve_day(d("1958-11-01"), None, None, 31), Some(d("1958-10-31")));
        assert_eq!(resolve_day(d("1958-03-01"), None, None, 30), None); // no 30 February
    }

    #[test]
    fn month_without_year() {
        assert_eq!(resolve_day(d("1958-10-13"), None, Some(9), 30), Some(d("1958-09-30")));
        assert_eq!(resolve_month(d("1958-11-10"), None, 12).unwrap().to_string(), "1958-12");
        assert_eq!(resolve_month(d("1959-01-05"), None, 12).unwrap().to_string(), "1958-12");
        assert_eq!(resolve_month(d("1958-12-28"), None, 1).unwrap().to_string(), "1958-01");
    }

    #[test]
    fn ends_and_parts_of_months() {
        assert_eq!(end_of_month(1958, 9).unwrap().to_string(), "1958-09-30");
        assert_eq!(end_of_month(1958, 12).unwrap().to_string(), "1958-12-31");
        assert_eq!(xun(1958, 11, Xun::Early).unwrap().to_string(), "1958-11-01/1958-11-10");
        assert_eq!(xun(1958, 2, Xun::Late).unwrap().to_string(), "1958-02-21/1958-02-28");
        assert_eq!(end_of_year(1958).unwrap().to_string(), "1958-12-31");
    }

    #[test]
    fn context_tracks_the_month_spoken_of() {
        let mut c = DateContext::new(d("1958-10-13"));
        assert_eq!(c.current_month(), (1958, 10));
        c.saw(RefDate::Day(d("1958-09-30")));
        assert_eq!(c.current_month(), (1958, 9));
        assert_eq!(c.current_day(), d("1958-09-30"));
    }

    #[test]
    fn ref_dates_read_back_what_is_written() {
        for s in ["1958-10-10", "1958-10", "1958", "1958-11-01/1958-11-10", "1958-01/1958-11"] {
            assert_eq!(s.parse::<RefDate>().unwrap().to_string(), s);
        }
        assert!("".parse::<RefDate>().is_err() && "1958-13".parse::<RefDate>().is_err());
        let months: RefDate = "1958-01/1958-11".parse().unwrap();
        assert_eq!(months.as_days().to_string(), "1958-01-01/1958-11-30");
        assert_eq!(months.as_days().whole_months(), months);
        assert!(months.spans_months() && months.as_days().spans_months());
        // Within one month, or not whole: days stay days.
        let half: RefDate = "1958-11-01/1958-11-15".parse().unwrap();
        assert_eq!(half.whole_months(), half);
        let part: RefDate = "1958-01-02/1958-11-30".parse().unwrap();
        assert_eq!(part.whole_months(), part);
    }

    #[test]
    fn iso_is_strict() {
        assert!(parse_iso("1958-10-13").is_some());
        assert!(parse_iso("1958-1-13").is_none());
        assert!(parse_iso("1958-13-01").is_none());
        assert!(parse_iso("Oct 13").is_none());
    }
}
