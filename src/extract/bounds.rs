//! The SCHEMA's interval rules, once for both languages: how the words around a number bound
//! it (`value`, `low`, `high`, `qualifier`, `status` of `claims.csv`).
//!
//! Input: a number as printed (or the two ends of a range, or the bounds of a vague amount)
//! and the [`Wording`] the extractor read around it (约 / 左右 / "about", 以上 / "more than",
//! 多 / 余 / "-odd", 不到 / "less than"). Output: an [`Interval`] in the printed unit, which
//! [`Interval::scaled`] turns into the canonical one. The rules (`../shared/SCHEMA.md`):
//! exact and approx -> low = high = value; more than -> low = value, high open, or for 多 / 余
//! the next step of the number's last digit (九万多 -> [90000, 100000), [`crate::numerals::step_of`]);
//! less than -> low open, high = value; a range -> both ends; several (几千万) -> the
//! magnitude's bounds. 倍 after a word of increase (提高四倍, "increased four times") reads
//! x N or x N+1: [`Interval::bei`] spans both and marks the figure ambiguous.
//!
//! Invariants: `low <= value <= high` wherever they are present; a number that did not
//! convert has no value and no bounds and status `unparsed`. The step itself lives in
//! `numerals`, because the Chinese numeral scanner needs it inside a numeral (七百多万).

use crate::claim::{Qualifier, Status};
use crate::numerals::{step_of, tidy};

/// What the words around a number say about it, before it becomes an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// No qualifier, or one that only stresses the number (只有, "a total of").
    Exact,
    /// 约, 左右, 近, "about", "nearly".
    Approx,
    /// 以上, 超过, "more than": open above.
    MoreThan,
    /// 多, 余, "-odd", "2,000+", "a little over": up to the next step of the last digit.
    MoreThanStep,
    /// 不到, 不足, "less than": open below.
    LessThan,
}

/// How the printed number bounds the figure, in the printed unit until [`Interval::scaled`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub q: Qualifier,
    /// The number as printed (`value_raw`), before unit conversion.
    pub raw: Option<f64>,
    pub status: Status,
}

impl Interval {
    /// A number that did not convert: no value, no bounds.
    pub fn unparsed() -> Interval {
        Interval { value: None, low: None, high: None, q: Qualifier::Exact, raw: None, status: Status::Unparsed }
    }

    /// One number `v` with the wording around it.
    ///
    /// Example: 三千多吨 (3000, [`Wording::MoreThanStep`]) is more than [3000, 4000).
    pub fn number(v: f64, w: Wording) -> Interval {
        let (low, high, q) = match w {
            Wording::Exact => (Some(v), Some(v), Qualifier::Exact),
            Wording::Approx => (Some(v), Some(v), Qualifier::Approx),
            Wording::MoreThan => (Some(v), None, Qualifier::MoreThan),
            Wording::MoreThanStep => (Some(v), Some(next_step(v)), Qualifier::MoreThan),
            Wording::LessThan => (None, Some(v), Qualifier::LessThan),
        };
        Interval { value: Some(v), low, high, q, raw: Some(v), status: Status::Ok }
    }

    /// A 多 inside the numeral (七百多万): more than `lo`, up to `hi` (the scanner's step).
    pub fn stepped(lo: f64, hi: f64) -> Interval {
        Interval { high: Some(hi), ..Interval::number(lo, Wording::MoreThan) }
    }

    /// Two ends, 三、四百 / "300-400": no single value.
    pub fn range(lo: f64, hi: f64) -> Interval {
        Interval::range_of(Some(lo), Some(hi))
    }

    /// Two ends of which one may not have converted (五千到一万吨 with a bad end): a range,
    /// `unparsed` unless both ends are there.
    pub fn range_of(lo: Option<f64>, hi: Option<f64>) -> Interval {
        let status = if lo.is_some() && hi.is_some() { Status::Ok } else { Status::Unparsed };
        Interval { value: None, low: lo, high: hi, q: Qualifier::Range, raw: None, status }
    }

    /// A range under "more than" (三四千吨以上): more than its lower end, open above, no value.
    pub fn range_more_than(lo: f64) -> Interval {
        Interval { high: None, q: Qualifier::MoreThan, ..Interval::range(lo, lo) }
    }

    /// A vague amount (几千万, 成千上万, "tens of thousands"): the magnitude's bounds.
    pub fn several(lo: f64, hi: f64) -> Interval {
        Interval { q: Qualifier::Several, ..Interval::range(lo, hi) }
    }

    /// 近倍, "nearly doubled": about x1 more, read x1 or x2 like 提高一倍 (value 1, [1, 2]).
    pub fn nearly_double() -> Interval {
        Interval { high: Some(2.0), status: Status::Ambiguous, ..Interval::number(1.0, Wording::Approx) }
    }

    /// A part under "more than" (一半以上, 三分之二以上, "more than half"): at most the whole,
    /// `whole` in the printed unit. Other wordings are left as they are.
    pub fn part_of(self, whole: f64) -> Interval {
        match self.q {
            Qualifier::MoreThan => Interval { high: Some(whole), ..self },
            _ => self,
        }
    }

    /// The interval in a unit `f` times the printed one (value, low and high; not `raw`).
    pub fn scaled(self, f: f64) -> Interval {
        let s = |x: Option<f64>| x.map(|v| crate::numerals::scale(v, f));
        Interval { value: s(self.value), low: s(self.low), high: s(self.high), ..self }
    }

    /// The 倍 ambiguity of N倍 after a word of increase (提高四倍: x4 or x5; "increased four
    /// times", "fourfold"): the interval spans both readings and the status is `ambiguous`
    /// (the caller adds the note `bei_ambiguous`). `n` is the printed N. A range widens its
    /// upper end by one (提高三到四倍: 3 to 5); less than N keeps its open lower end (x N+1 at
    /// most); more than N with no upper end (四倍以上) stays open; every other reading,
    /// exact, approx or 多 (四倍多), becomes [N, N+1].
    pub fn bei(self, n: f64) -> Interval {
        let mut iv = self;
        match iv.q {
            Qualifier::Range => iv.high = iv.high.map(|h| tidy(h + 1.0)),
            Qualifier::LessThan => {
                iv.low = None;
                iv.high = Some(tidy(n + 1.0));
            }
            Qualifier::MoreThan if iv.high.is_none() => {}
            _ => {
                iv.low = Some(n);
                iv.high = Some(tidy(n + 1.0));
            }
        }
        iv.status = Status::Ambiguous;
        iv
    }
}

/// The qualifier of the same wording with the number's sign turned (负5％以上, "minus 5 percent
/// or more": below -5): more_than and less_than trade places.
pub fn negated(q: Qualifier) -> Qualifier {
    match q {
        Qualifier::MoreThan => Qualifier::LessThan,
        Qualifier::LessThan => Qualifier::MoreThan,
        q => q,
    }
}

/// The upper end 多 gives a number: `v` plus the place value of its last non-zero digit
/// (九万多 -> 100000, 4600 -> 4700, 1.5 -> 1.6).
///
/// ```
/// use leapfig::extract::bounds::next_step;
/// assert_eq!(next_step(90000.0), 100000.0);
/// assert_eq!(next_step(1.5), 1.6);
/// ```
pub fn next_step(v: f64) -> f64 {
    tidy(v + step_of(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Qualifier::*;

    /// `(value, low, high, qualifier, status)` of an interval, for one-line cases.
    fn cols(iv: Interval) -> (Option<f64>, Option<f64>, Option<f64>, Qualifier, Status) {
        (iv.value, iv.low, iv.high, iv.q, iv.status)
    }

    macro_rules! case {
        ($what:expr, $iv:expr => $v:expr, $lo:expr, $hi:expr, $q:ident) => {
            case!($what, $iv => $v, $lo, $hi, $q, Ok)
        };
        ($what:expr, $iv:expr => $v:expr, $lo:expr, $hi:expr, $q:ident, $st:ident) => {
            assert_eq!(cols($iv), ($v, $lo, $hi, $q, Status::$st), "{}", $what)
        };
    }

    /// The examples of `../shared/SCHEMA.md` (claims.csv, `low, high`) and STYLE.md.
    #[test]
    fn schema_examples() {
        case!("一千零七十万吨: exact", Interval::number(10_700_000.0, Wording::Exact)
            => Some(10_700_000.0), Some(10_700_000.0), Some(10_700_000.0), Exact);
        case!("八百斤左右: approx, low = high = value", Interval::number(800.0, Wording::Approx)
            => Some(800.0), Some(800.0), Some(800.0), Approx);
        case!("九万多: more than, up to the next step", Interval::number(90_000.0, Wording::MoreThanStep)
            => Some(90_000.0), Some(90_000.0), Some(100_000.0), MoreThan);
        case!("四千六百多: the step of the last digit", Interval::number(4600.0, Wording::MoreThanStep)
            => Some(4600.0), Some(4600.0), Some(4700.0), MoreThan);
        case!("七百多万: 多 inside the numeral", Interval::stepped(7_000_000.0, 8_000_000.0)
            => Some(7_000_000.0), Some(7_000_000.0), Some(8_000_000.0), MoreThan);
        case!("三千吨以上: open high", Interval::number(3000.0, Wording::MoreThan)
            => Some(3000.0), Some(3000.0), None, MoreThan);
        case!("more than 90,000: open high", Interval::number(90_000.0, Wording::MoreThan)
            => Some(90_000.0), Some(90_000.0), None, MoreThan);
        case!("不到三千吨: open low", Interval::number(3000.0, Wording::LessThan)
            => Some(3000.0), None, Some(3000.0), LessThan);
        case!("三、四百: a range", Interval::range(300.0, 400.0) => None, Some(300.0), Some(400.0), Range);
        case!("三四千吨以上: more than a range", Interval::range_more_than(3000.0)
            => None, Some(3000.0), None, MoreThan);
        case!("几千万: several", Interval::several(1e7, 1e8) => None, Some(1e7), Some(1e8), Several);
        case!("提高四倍: x4 or x5", Interval::number(4.0, Wording::Exact).bei(4.0)
            => Some(4.0), Some(4.0), Some(5.0), Exact, Ambiguous);
        case!("增长了四倍多: x4 or x5 and a bit", Interval::number(4.0, Wording::MoreThanStep).bei(4.0)
            => Some(4.0), Some(4.0), Some(5.0), MoreThan, Ambiguous);
        case!("增加四倍以上: open high stays open", Interval::number(4.0, Wording::MoreThan).bei(4.0)
            => Some(4.0), Some(4.0), None, MoreThan, Ambiguous);
        case!("增加不到四倍: at most x5", Interval::number(4.0, Wording::LessThan).bei(4.0)
            => Some(4.0), None, Some(5.0), LessThan, Ambiguous);
        case!("increased three to four times: 3 to 5", Interval::range(3.0, 4.0).bei(3.0)
            => None, Some(3.0), Some(5.0), Range, Ambiguous);
        case!("一半以上: more than half, at most the whole", Interval::number(0.5, Wording::MoreThan).part_of(1.0)
            => Some(0.5), Some(0.5), Some(1.0), MoreThan);
        case!("近倍: x1 or x2", Interval::nearly_double() => Some(1.0), Some(1.0), Some(2.0), Approx, Ambiguous);
        case!("a numeral that would not convert", Interval::unparsed() => None, None, None, Exact, Unparsed);
        case!("五千到? 吨: a range with a bad end", Interval::range_of(Some(5000.0), None)
            => None, Some(5000.0), None, Range, Unparsed);
    }

    #[test]
    fn scaling_keeps_the_printed_number() {
        // 七百多万斤 in tonnes: 3500 to 4000, printed 7000000.
        let iv = Interval::stepped(7_000_000.0, 8_000_000.0).scaled(0.0005);
        case!("七百多万斤", iv => Some(3500.0), Some(3500.0), Some(4000.0), MoreThan);
        assert_eq!(iv.raw, Some(7_000_000.0));
        // "more than 2,000 jin": more than 1 t, open.
        let iv = Interval::number(2000.0, Wording::MoreThan).scaled(0.0005);
        case!("more than 2,000 jin", iv => Some(1.0), Some(1.0), None, MoreThan);
    }

    #[test]
    fn next_step_of_the_last_digit() {
        for (v, want) in [
            (100.0, 200.0),
            (90000.0, 100000.0),
            (97000.0, 98000.0),
            (4600.0, 4700.0),
            (30.0, 40.0),
            (7.0, 8.0),
            (1.5, 1.6),
        ] {
            assert_eq!(next_step(v), want, "{v}");
        }
    }
}
