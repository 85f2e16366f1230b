//! Where a Chinese numeral in running text ends, and what its shape says it is worth.
//!
//! Input: the characters of a text and a position. Output: the numeral starting there as a
//! [`Num`]: its span `[a, b)` in chars, its value (or the [`NumeralError`] that keeps the text),
//! and its [`Shape`]: one number, "several" (几千, 数十, 十几), a range of neighbouring digits
//! (三四千) or a 多 inside (七百多万), the last three with bounds `lo`/`hi`. Values come from
//! [`super::parse`]; this file only decides where a numeral starts and stops in the text (斤二两:
//! 两 is the unit; 五百千瓦: 千 is the unit's; 两点钟: 点 is no decimal point).
//!
//! Invariants: never panics (all indexing through `get`, or below a bound just checked); a
//! numeral that will not convert still has its span.

use super::{is_arabic, NumeralError};
use crate::numerals::{step_of, tidy};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// One number (value may still be unparsed).
    Plain,
    /// 几千万, 数十, 十几: bounds only.
    Several,
    /// 三四千, 七八十: bounds only.
    Range,
    /// 七百多万: 多 inside the numeral.
    More,
}

/// A numeral found in the text: `[a, b)` in chars.
#[derive(Debug, Clone)]
pub(crate) struct Num {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) value: Result<f64, super::NumeralError>,
    pub(crate) lo: f64,
    pub(crate) hi: f64,
    pub(crate) shape: Shape,
    /// A digit string with no magnitude and no point (1958, 一九五八, 12).
    pub(crate) digits_only: bool,
    pub(crate) ndigits: usize,
    pub(crate) arabic: bool,
}

impl Num {
    pub(crate) fn int(&self) -> Option<i64> {
        match (self.shape, &self.value) {
            (Shape::Plain, Ok(v)) if v.fract() == 0.0 && *v < 1e15 => Some(*v as i64),
            _ => None,
        }
    }
    /// 万, 百万, 千万: magnitudes with no digit, which name a number only before a unit.
    pub(crate) fn is_bare_magnitude(&self, cs: &[char]) -> bool {
        self.ndigits == 0
            && self.shape == Shape::Plain
            && cs.get(self.a) != Some(&'十')
            && self.plain().is_some_and(|v| v >= 100.0)
    }
    pub(crate) fn plain(&self) -> Option<f64> {
        match (self.shape, &self.value) {
            (Shape::Plain, Ok(v)) => Some(*v),
            _ => None,
        }
    }
}

pub(crate) fn is_digit(c: char) -> bool {
    super::digit_value(c).is_some()
}

fn is_small_magnitude(c: char) -> bool {
    matches!(c, '十' | '百' | '千' | '万' | '亿')
}

/// Scans the numeral starting at `i`, if any.
///
/// Example: in 这个公社有三四千人参加秋收, at 三 it finds 三四千, a range from 3000 to 4000; at
/// 千 of 五百千瓦 it stops before 千, which belongs to the unit.
pub(crate) fn scan_num(cs: &[char], i: usize) -> Option<Num> {
    let c = *cs.get(i)?;
    let shu = c == '数' && cs.get(i + 1).is_some_and(|&n| matches!(n, '十' | '百' | '千' | '万'));
    if !(super::is_numeral_char(c) || c == '几' || shu) {
        return None;
    }
    // 一小时零十分钟: a leading 零 after a unit is a filler, not part of the number.
    if c == '零'
        && cs.get(i + 1).is_some_and(|&n| super::is_numeral_char(n) && n != '零')
        && !(i > 0 && super::is_numeral_char(cs[i - 1]))
    {
        return scan_num(cs, i + 1);
    }
    let (end, more_at) = numeral_end(cs, i, shu);
    let start = if shu { i + 1 } else { i };
    let raw: &[char] = cs.get(start..end)?;
    if raw.is_empty() {
        return None;
    }
    let arabic = raw.iter().any(|&c| is_arabic(c));
    let has_mag = raw.iter().any(|&c| super::magnitude(c).is_some());
    let has_point = raw.iter().any(|&c| super::is_point(c));
    let ndigits = raw.iter().filter(|&&c| is_digit(c)).count();
    let digits_only = !has_mag && !has_point && raw.iter().all(|&c| is_digit(c));
    let mut n =
        Num { a: i, b: end, value: Ok(0.0), lo: 0.0, hi: 0.0, shape: Shape::Plain, digits_only, ndigits, arabic };
    if shu || raw.contains(&'几') {
        several(&mut n, raw, shu, raw.iter().collect());
        return Some(n);
    }
    if let Some(k) = more_at.map(|m| m - start) {
        more_inside(&mut n, raw, k);
        return Some(n);
    }
    if digit_range(&mut n, raw) {
        return Some(n);
    }
    // (The commonest numerals, one character or a few ASCII digits, without a String.)
    n.value = match super::parse_simple_chars(raw) {
        Some(v) => Ok(v),
        None => super::parse(&raw.iter().collect::<String>()),
    };
    Some(n)
}

/// Where the numeral starting at `i` ends (`shu`: it starts with 数), and where a 多 / 余
/// inside it stands (七百多万).
fn numeral_end(cs: &[char], i: usize, shu: bool) -> (usize, Option<usize>) {
    let mut j = if shu { i + 1 } else { i };
    let mut more_at = None;
    // After a time of day 点 is o'clock, never a decimal point: 早晨六点一天内 is six o'clock
    // and one day, not 6.1 days.
    let clock = time_of_day_before(cs, i);
    while let Some(&c) = cs.get(j) {
        let prev = if j > i { cs.get(j - 1).copied() } else { None };
        let next = cs.get(j + 1).copied();
        // A financial numeral is one only in financial company, beside another or a magnitude
        // (壹佰, 伍万): not 伍 of 队伍三十万人, nor 陆 of 陆续, nor 三伍.
        let financial_alone = super::is_financial(c)
            && !prev.is_some_and(super::is_financial)
            && !next.is_some_and(|n| super::is_financial(n) || matches!(n, '万' | '亿' | '萬' | '億'));
        if super::is_numeral_char(c) && !financial_alone {
            // 斤二两: 两 after a digit is the unit liang, not a digit.
            if c == '两' && prev.is_some_and(is_digit) && !next.is_some_and(|n| matches!(n, '万' | '千' | '百' | '十'))
            {
                break;
            }
            // 五百千瓦: 千 belongs to the unit.
            if c == '千' && next == Some('瓦') {
                break;
            }
            j += 1;
        } else if c == '几' {
            j += 1;
        } else if super::is_point(c)
            && !(clock && matches!(c, '点' | '點'))
            && !cs
                .get(j + 1..)
                .unwrap_or(&[])
                .iter()
                .find(|&&d| !is_digit(d))
                .is_some_and(|&d| matches!(d, '十' | '百' | '千'))
            && prev.is_some_and(super::is_numeral_char)
            && next.is_some_and(is_digit)
            && !cs[i..j].iter().any(|&x| super::is_point(x))
        {
            // 点 before 钟 or a non-digit is a clock time or "a bit", not a decimal point.
            j += 1;
        } else if matches!(c, ',' | '，')
            && prev.is_some_and(is_arabic)
            && (1..=3).all(|k| cs.get(j + k).is_some_and(|&d| is_arabic(d)))
            && !cs.get(j + 4).is_some_and(|&d| is_arabic(d))
        {
            // A thousands separator, ASCII or full-width (48,760; １２３，４５６): three digits
            // and no fourth after it.
            j += 1;
        } else if super::is_group_space(c) && space_grouped(cs, i, j) {
            // A space grouping digits by three (１２ ０００吨, 3 000): see `space_grouped`.
            j += 1;
        } else if matches!(c, '多' | '余')
            && more_at.is_none()
            && prev.is_some_and(super::is_numeral_char)
            && matches!(next, Some('万' | '亿'))
        {
            more_at = Some(j);
            j += 1;
        } else {
            break;
        }
    }
    (j, more_at)
}

/// Whether the space at `j` groups the Arabic digits of the numeral `[i, j)` with the three after
/// it (１２ ０００, 12 000 000): the numeral so far is Arabic digit groups only, its first group
/// one to three digits, the space is followed by exactly three digits, and the numeral does not
/// itself follow a number and a space (so in 1958 3 000 the year stays apart). Two numbers a
/// space apart that do not group by three (第3 5000, 12 34) stay two; an ideographic space
/// (　), which sets the parts of a headline apart, never groups.
fn space_grouped(cs: &[char], i: usize, j: usize) -> bool {
    let Some(run) = cs.get(i..j) else { return false };
    let first = run.iter().take_while(|&&c| is_arabic(c)).count();
    let groups_ok = (1..=3).contains(&first)
        && run[first..]
            .chunks(4)
            .all(|g| g.len() == 4 && super::is_group_space(g[0]) && g[1..].iter().all(|&d| is_arabic(d)));
    let after = (1..=3).all(|k| cs.get(j + k).is_some_and(|&d| is_arabic(d)))
        && !cs
            .get(j + 4)
            .is_some_and(|&d| is_arabic(d) || matches!(d, ',' | '，') && cs.get(j + 5).is_some_and(|&e| is_arabic(e)));
    let after_number = i >= 2 && super::is_group_space(cs[i - 1]) && is_arabic(cs[i - 2]);
    groups_ok && after && !after_number
}

/// Whether a word for a time of day (早晨, 上午, 晚上 ...) ends right before `i`.
fn time_of_day_before(cs: &[char], i: usize) -> bool {
    const WORDS: [&str; 12] =
        ["早晨", "清晨", "早上", "上午", "中午", "下午", "傍晚", "晚上", "夜里", "夜间", "凌晨", "午夜"];
    WORDS.iter().any(|w| {
        let n = w.chars().count();
        i >= n && cs[i - n..i].iter().copied().eq(w.chars())
    })
}

/// 几千万, 数十, 十几, 一百零几: the bounds of "several" (`shu`: the numeral started with 数);
/// a numeral whose bounds cannot be read becomes a plain one that did not convert.
fn several(n: &mut Num, raw: &[char], shu: bool, text: String) {
    n.shape = Shape::Several;
    let k = if shu { 0 } else { raw.iter().position(|&c| c == '几').unwrap_or(0) };
    let head: String = raw[..k].iter().collect();
    let tail: String = raw.get(k + usize::from(!shu)..).map(|t| t.iter().collect()).unwrap_or_default();
    match several_bounds(&head, &tail) {
        Some((lo, hi)) => {
            n.lo = tidy(lo);
            n.hi = tidy(hi);
        }
        None => {
            n.shape = Shape::Plain;
            n.value = Err(NumeralError::Malformed(text));
        }
    }
}

/// The bounds of a "several" numeral from what stands before 几 (`head`) and after it (`tail`).
fn several_bounds(head: &str, tail: &str) -> Option<(f64, f64)> {
    let tail_mult: f64 = tail.chars().filter_map(super::magnitude).product();
    let tail_pure = tail.chars().all(|c| super::magnitude(c).is_some());
    let head_unit = head.chars().last().and_then(super::magnitude);
    if head.is_empty() && tail.chars().next().is_some_and(is_small_magnitude) && tail_pure {
        // 几千万, 数十: from one to ten of the magnitude.
        Some((tail_mult, tail_mult * 10.0))
    } else if !head.is_empty() && tail_pure && !tail.is_empty() && matches!(tail.chars().next(), Some('万' | '亿')) {
        // 十几万 -> [100000, 200000]: the head's last unit, times the magnitude after.
        match (super::parse(head), head_unit) {
            (Ok(base), Some(u)) => Some((base * tail_mult, (base + u) * tail_mult)),
            _ => None,
        }
    } else if !head.is_empty() && tail.chars().next().is_some_and(is_small_magnitude) {
        // 一百几十万 -> [1100000, 1900000]
        match (super::parse(&format!("{head}一{tail}")), super::parse(&format!("{head}九{tail}"))) {
            (Ok(a), Ok(b)) => Some((a, b)),
            _ => None,
        }
    } else if !tail.is_empty() {
        None
    } else if head.is_empty() {
        Some((1.0, 10.0))
    } else if head.ends_with(['零', '○', '〇']) {
        // 一百零几 -> [101, 109]
        match (super::parse(&format!("{head}一")), super::parse(&format!("{head}九"))) {
            (Ok(a), Ok(b)) => Some((a, b)),
            _ => None,
        }
    } else {
        // 十几 -> [10, 20], 二十几 -> [20, 30]
        let unit = head.chars().last().and_then(super::magnitude);
        match (super::parse(head), unit) {
            (Ok(base), Some(u)) => Some((base, base + u)),
            _ => None,
        }
    }
}

/// 七百多万: the 多 at `k` of `raw` makes [7000000, 8000000).
fn more_inside(n: &mut Num, raw: &[char], k: usize) {
    let head: String = raw[..k].iter().collect();
    let mags: String = raw[k + 1..].iter().collect();
    let mult: f64 = raw[k + 1..].iter().filter_map(|&c| super::magnitude(c)).product();
    if !(mult > 0.0 && raw[k + 1..].iter().all(|&c| super::magnitude(c).is_some())) {
        n.value = Err(NumeralError::Malformed(format!("{head}多{mags}")));
        return;
    }
    // The number without 多 (三亿四千多万 is 三亿四千万 and more), and the step of the digit
    // before 多 in its own section: the part after the last magnitude larger than what follows
    // 多 (四千 of 三亿四千多万: 1000 × 万), else the whole head's last digit (两万三千多: 1000).
    let lo = super::parse(&format!("{head}{mags}"));
    let cut = raw[..k].iter().rposition(|&c| super::magnitude(c).is_some_and(|m| m > mult)).map_or(0, |p| p + 1);
    let section: String = raw[cut..k].iter().collect();
    let step = match super::parse(&section) {
        Ok(t) if t > 0.0 => step_of(t) * mult,
        _ => super::parse(&head).map(step_of).unwrap_or(1.0) * mult,
    };
    match lo {
        Ok(lo) => {
            n.shape = Shape::More;
            n.lo = tidy(lo);
            n.hi = tidy(lo + step);
            n.value = Ok(n.lo);
        }
        Err(_) => n.value = Err(NumeralError::Malformed(format!("{head}多{mags}"))),
    }
}

/// 三四千, 七八十, 二三十万: two neighbouring digits make a range. Whether it did.
fn digit_range(n: &mut Num, raw: &[char]) -> bool {
    let Some(p) = (0..raw.len().saturating_sub(1)).find(|&p| {
        let (x, y) = (raw[p], raw[p + 1]);
        !is_arabic(x)
            && !is_arabic(y)
            && matches!((super::digit_value(x), super::digit_value(y)), (Some(a), Some(b)) if a > 0 && b == a + 1)
            && (p == 0 || !is_digit(raw[p - 1]))
            && !raw[..p].iter().any(|&c| super::is_point(c))
            && raw.get(p + 2).is_none_or(|&c| !is_digit(c) && !super::is_point(c))
    }) else {
        return false;
    };
    let lo: String = raw.iter().enumerate().filter(|&(q, _)| q != p + 1).map(|(_, c)| c).collect();
    let hi: String = raw.iter().enumerate().filter(|&(q, _)| q != p).map(|(_, c)| c).collect();
    if let (Ok(a), Ok(b)) = (super::parse(&lo), super::parse(&hi)) {
        n.shape = Shape::Range;
        n.lo = a;
        n.hi = b;
        return true;
    }
    false
}
