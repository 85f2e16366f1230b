//! Chinese numerals -> numbers (issue 3).
//!
//! Input: the text of one numeral as printed in a 1958 People's Daily article: Chinese digits
//! with 十百千万亿(兆), 零/○/〇 and 两, Arabic or full-width digits with or without thousands
//! separators, mixes (5.8万, 1070万, 3万5千), decimals written 点, `·` or `.` (九点○七万, 八·六),
//! digit-by-digit numerals (一四四, 一九五八, 一二五八三·六), elided tails (三万五 = 35000) and a
//! bare magnitude (万 in 万吨 = 10000). Output: the number as `f64`, tidied of binary noise
//! ([`crate::numerals::tidy`]).
//!
//! Invariants: never panics; nonsense (十十, 万万, 一千亿亿亿亿, a digit string glued to a small
//! unit) and anything above 10^16 is a [`NumeralError`] that keeps the offending text, so the
//! extractor can still write the claim with `status = unparsed`. Well-formed positional
//! numerals are converted by the `chinese-number` crate (pinned, used only here); it accepts
//! some nonsense (十十 = 100), so the structure is checked by [`parse`]'s own grammar first,
//! and everything the crate does not know (digit strings, ○, decimals, Arabic mixes, 六百十二)
//! is converted by that grammar.
//!
//! Where a numeral ends in running text (and the shapes 几千, 三四千, 七百多万 with their bounds)
//! is `scan.rs`.

use chinese_number::{ChineseCountMethod, ChineseToNumber};
use thiserror::Error;

pub(crate) use super::is_arabic;
use super::{all_ascii_digits, tidy};

mod scan;
pub(crate) use scan::{scan_num, Num, Shape};

/// Largest number a printed numeral may stand for (anything above is nonsense or overflow).
pub const MAX: f64 = 1e16;

/// Why a numeral would not convert; keeps the numeral as printed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NumeralError {
    #[error("empty numeral")]
    Empty,
    #[error("malformed numeral `{0}`")]
    Malformed(String),
    #[error("numeral `{0}` is above 10^16")]
    Overflow(String),
}

/// Whether `c` can be part of a numeral (digits, magnitudes, zero forms; not decimal points).
///
/// ```
/// use leapfig::numerals::zh::is_numeral_char;
/// assert!(is_numeral_char('○') && is_numeral_char('万') && is_numeral_char('７'));
/// assert!(!is_numeral_char('吨'));
/// ```
pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some() || magnitude(c).is_some() || matches!(c, '廿' | '卅')
}

/// The value of one digit character (Chinese, Arabic or full-width; ○ and 〇 are zero).
pub fn digit_value(c: char) -> Option<u32> {
    Some(match c {
        '零' | '○' | '〇' | '0' | '０' => 0,
        '一' | '1' | '１' => 1,
        '二' | '两' | '兩' | '2' | '２' => 2,
        '三' | '3' | '３' => 3,
        '四' | '4' | '４' => 4,
        '五' | '5' | '５' => 5,
        '六' | '6' | '６' => 6,
        '七' | '7' | '７' => 7,
        '八' | '8' | '８' => 8,
        '九' | '9' | '９' => 9,
        c => return financial_digit(c),
    })
}

/// A financial digit (壹贰叁…, the forms written on cheques and receipts), traditional forms
/// included. They are numerals only beside another financial numeral or a magnitude (壹佰贰拾,
/// 伍万): 伍 of 队伍 and 陆 of 陆续 are no numbers (see [`is_financial`]).
fn financial_digit(c: char) -> Option<u32> {
    Some(match c {
        '壹' => 1,
        '贰' | '貳' => 2,
        '叁' | '參' => 3,
        '肆' => 4,
        '伍' => 5,
        '陆' | '陸' => 6,
        '柒' => 7,
        '捌' => 8,
        '玖' => 9,
        _ => return None,
    })
}

/// Whether `c` is a financial digit or magnitude (壹…玖, 拾佰仟), which stand for numbers only
/// in financial company.
pub fn is_financial(c: char) -> bool {
    financial_digit(c).is_some() || matches!(c, '拾' | '佰' | '仟')
}

/// The value of a magnitude character (十百千万亿兆; 兆 = 10^12 as `chinese-number` writes it).
pub fn magnitude(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        '兆' => 1e12,
        _ => return None,
    })
}

/// Whether `c` is a space that may group digits by three (`1 000`, `１２ ０００`): the ASCII space,
/// the no-break space and the thin spaces; not the ideographic space `　`.
pub fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// Whether `c` is a decimal point inside a numeral (点, ·, ．, `.`).
pub fn is_point(c: char) -> bool {
    matches!(c, '点' | '點' | '·' | '.' | '．' | '・')
}

/// One numeral of a text as the scanner reads it (`leapfig scan --numbers`): its span in
/// characters, as printed, its value (none where it does not convert, or names only bounds),
/// the bounds, and its shape.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NumeralRead {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// `number`, `several` (几千), `range` (三四千) or `more` (七百多万).
    pub shape: &'static str,
    /// Why the numeral did not convert, if it did not.
    pub error: Option<String>,
}

/// Every numeral of a text, unit or not, left to right, as the extractor's scanner reads it
/// (Chinese numerals, Arabic and full-width digits, financial and traditional forms).
///
/// ```
/// use leapfig::numerals::zh::numerals_in;
/// let n = numerals_in("三亿四千多万元，一二五八三·六吨");
/// assert_eq!((n[0].low, n[0].high), (Some(340_000_000.0), Some(350_000_000.0)));
/// assert_eq!(n[1].value, Some(12583.6));
/// ```
pub fn numerals_in(text: &str) -> Vec<NumeralRead> {
    let cs: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let Some(n) = scan_num(&cs, i).filter(|n| n.b > i) else {
            i += 1;
            continue;
        };
        let (shape, low, high) = match n.shape {
            Shape::Plain => ("number", n.value.as_ref().ok().copied(), n.value.as_ref().ok().copied()),
            Shape::Several => ("several", Some(n.lo), Some(n.hi)),
            Shape::Range => ("range", Some(n.lo), Some(n.hi)),
            Shape::More => ("more", Some(n.lo), Some(n.hi)),
        };
        out.push(NumeralRead {
            start: n.a,
            end: n.b,
            text: cs[n.a..n.b].iter().collect(),
            value: match n.shape {
                Shape::Plain | Shape::More => n.value.as_ref().ok().copied(),
                _ => None,
            },
            low,
            high,
            shape,
            error: n.value.as_ref().err().map(|e| e.to_string()),
        });
        i = n.b;
    }
    out
}

/// Converts one numeral to a number.
///
/// ```
/// use leapfig::numerals::zh::parse;
/// assert_eq!(parse("一千零七十万").unwrap(), 10_700_000.0);
/// assert_eq!(parse("九点○七万").unwrap(), 90_700.0);
/// assert_eq!(parse("三万五").unwrap(), 35_000.0);
/// assert_eq!(parse("5.8万").unwrap(), 58_000.0);
/// assert_eq!(parse("一四四").unwrap(), 144.0);
/// assert!(parse("十十").is_err());
/// ```
pub fn parse(s: &str) -> Result<f64, NumeralError> {
    if s.contains(['廿', '卅']) {
        // 廿 and 卅 are twenty and thirty (廿三 = 23).
        return parse_general(&s.replace('廿', "二十").replace('卅', "三十"));
    }
    match parse_simple(s) {
        Some(v) => Ok(v),
        None => parse_general(s),
    }
}

/// The commonest numerals, one digit or magnitude character (一, 两, 万) or a string of up to
/// 15 ASCII digits, without the grammar's allocations (issue 8); `None` for anything else. Gives
/// what [`parse_general`] gives (a property test holds them together).
fn parse_simple(s: &str) -> Option<f64> {
    let mut it = s.chars();
    let c = it.next()?;
    if it.next().is_none() {
        return digit_value(c).map(f64::from).or_else(|| magnitude(c));
    }
    if s.len() <= 15 && all_ascii_digits(s) {
        return s.parse::<u64>().ok().map(|v| tidy(v as f64));
    }
    None
}

/// [`parse_simple`] on the characters of a numeral, without building its text: one digit or
/// magnitude character, or up to 15 ASCII digits; `None` for anything else (the scanner then
/// builds the text for [`parse`], which gives the same where this gives a number).
pub(crate) fn parse_simple_chars(cs: &[char]) -> Option<f64> {
    match cs {
        [c] => digit_value(*c).map(f64::from).or_else(|| magnitude(*c)),
        _ if cs.len() <= 15 && cs.iter().all(char::is_ascii_digit) => {
            Some(tidy(cs.iter().fold(0u64, |v, c| v * 10 + u64::from(*c as u8 - b'0')) as f64))
        }
        _ => None,
    }
}

/// [`parse`] by the whole grammar.
fn parse_general(s: &str) -> Result<f64, NumeralError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(NumeralError::Empty);
    }
    let malformed = || NumeralError::Malformed(s.to_string());
    // Thousands separators only between Arabic digits: 1,070 or 6，382 (or a grouping space,
    // 12 000, where the scanner took one).
    let chars: Vec<char> = s.chars().collect();
    let mut norm: Vec<char> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, ',' | '，') || is_group_space(c) {
            let before = i > 0 && is_arabic(chars[i - 1]);
            let after = chars.len() >= i + 4
                && chars[i + 1..i + 4].iter().all(|&d| is_arabic(d))
                && chars.get(i + 4).is_none_or(|&d| !is_arabic(d));
            if before && after {
                continue;
            }
            return Err(malformed());
        }
        norm.push(c);
    }
    let v = match norm.iter().position(|&c| is_point(c)) {
        Some(p) => {
            let int = &norm[..p];
            let rest = &norm[p + 1..];
            let nd = rest.iter().take_while(|&&c| digit_value(c).is_some()).count();
            if nd == 0 {
                return Err(malformed());
            }
            let mut frac = 0.0;
            let mut scale = 1.0;
            for &c in &rest[..nd] {
                scale /= 10.0;
                frac += digit_value(c).unwrap_or(0) as f64 * scale;
            }
            let mut mult = 1.0;
            let mut last = f64::INFINITY;
            for &c in &rest[nd..] {
                let m = magnitude(c).ok_or_else(malformed)?;
                // 万亿 multiplies on; 亿万 or 万万 does not read as a number.
                if m >= last && !(m == 1e8 && last == 1e4) {
                    return Err(malformed());
                }
                last = m;
                mult *= m;
            }
            // .5万 or 一万点五万: no; 三十二点八万 is (32.8)万.
            let int_top = int.iter().filter_map(|&c| magnitude(c)).fold(0.0, f64::max);
            let first_mult = rest[nd..].first().and_then(|&c| magnitude(c));
            if int.is_empty() || first_mult.is_some_and(|m| int_top >= m) {
                return Err(malformed());
            }
            let iv = integer(int).ok_or_else(malformed)?;
            (iv + frac) * mult
        }
        None => {
            let v = integer(&norm).ok_or_else(malformed)?;
            crate_check(&norm, v)
        }
    };
    if !v.is_finite() || v > MAX {
        return Err(NumeralError::Overflow(s.to_string()));
    }
    Ok(tidy(v))
}

/// Pure positional Chinese numerals (the crate's domain) go through `chinese-number`, once our
/// grammar has accepted them; the two must agree, and where the crate refuses (六百十二) the
/// grammar's value stands.
fn crate_check(norm: &[char], mine: f64) -> f64 {
    let pure = norm.iter().all(|&c| {
        matches!(
            c,
            '零' | '一'
                | '二'
                | '两'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
                | '亿'
        )
    });
    let positional = norm.iter().any(|&c| magnitude(c).is_some()) && norm.len() > 1;
    if !(pure && positional) {
        return mine;
    }
    let s: String = norm.iter().collect();
    let r: Result<u64, _> = s.to_number(ChineseCountMethod::TenThousand);
    match r {
        Ok(v) if v as f64 == mine => v as f64,
        _ => mine,
    }
}

/// The grammar for an integer numeral; `None` when it does not read as one.
///
/// Digits gather into a pending number: one digit, or a run of digits read digit by digit
/// (一四四, 1070). A small unit 十百千 takes a pending single digit (or 1: 十二, 百万) and
/// must fall; 万/亿/兆 close a group. A digit left at the end after a unit is an elided tail
/// (三万五 = 3万5千, 一百二 = 120) unless a 零 came before it (一万零五 = 10005).
fn integer(cs: &[char]) -> Option<f64> {
    let mut g = Groups::new();
    for &c in cs {
        if let Some(d) = digit_value(c) {
            g.digit(c, d)?;
            continue;
        }
        let m = magnitude(c)?;
        g.any = true;
        if m < 1e4 {
            g.small_unit(m)?;
        } else {
            g.big_unit(m)?;
        }
        g.last_unit = m;
        g.pending = None;
        g.zero_gap = false;
        g.pending_arabic = true;
    }
    g.finish()
}

/// What [`integer`] has read so far.
struct Groups {
    /// Groups closed by 亿 (and 兆).
    total: f64,
    /// Groups closed by 万 inside the current 亿.
    section: f64,
    /// 十百千 inside the current 万 group.
    small: f64,
    /// Digits not yet taken by a unit: the number, and how many digits are in it.
    pending: Option<(f64, usize)>,
    last_small: f64,
    last_big: f64,
    last_unit: f64,
    /// A 零 stood since the last unit (一万零五: the 五 is no elided tail).
    zero_gap: bool,
    /// The pending digits are all Arabic (12万5000: a tail written in full).
    pending_arabic: bool,
    /// The last 万 / 亿 had no number before it (万1070).
    bare_big: bool,
    /// Anything was read.
    any: bool,
}

impl Groups {
    fn new() -> Groups {
        Groups {
            total: 0.0,
            section: 0.0,
            small: 0.0,
            pending: None,
            last_small: f64::INFINITY,
            last_big: f64::INFINITY,
            last_unit: 1.0,
            zero_gap: false,
            pending_arabic: true,
            bare_big: false,
            any: false,
        }
    }

    /// A digit `c` worth `d`; `None` when the numeral cannot be read.
    fn digit(&mut self, c: char, d: u32) -> Option<()> {
        // 零 between units is a gap marker (一千零七十), not a digit.
        if matches!(c, '零' | '○' | '〇') && self.pending.is_none() && self.any {
            self.zero_gap = true;
            return Some(());
        }
        let (p, n) = self.pending.unwrap_or((0.0, 0));
        if n >= 17 {
            return None;
        }
        self.pending = Some((p * 10.0 + d as f64, n + 1));
        self.pending_arabic &= is_arabic(c);
        self.any = true;
        Some(())
    }

    /// 十百千 worth `m`: takes a pending single digit (or 1) and must fall.
    fn small_unit(&mut self, m: f64) -> Option<()> {
        if m >= self.last_small {
            return None;
        }
        let v = match self.pending {
            Some((p, 1)) => p,
            None => 1.0,
            Some(_) => return None, // 12百, 一四百
        };
        if v == 0.0 {
            return None;
        }
        self.small += v * m;
        self.last_small = m;
        Some(())
    }

    /// 万 / 亿 / 兆 worth `m`: closes a group.
    fn big_unit(&mut self, m: f64) -> Option<()> {
        let group = self.small + self.pending.map_or(0.0, |p| p.0);
        let bare = self.small == 0.0 && self.pending.is_none();
        if group == 0.0 && !bare {
            return None; // 零万
        }
        if m == 1e4 {
            if self.last_big <= 1e4 {
                return None; // 万万
            }
            let g = if bare { 1.0 } else { group };
            self.section += g * m;
        } else {
            // Big units fall (亿 after 兆); 万亿 reads as a compound unit before any 亿.
            if m >= self.last_big && !(m == 1e8 && self.last_big == 1e4 && self.total == 0.0) {
                return None; // 亿亿
            }
            let g = if bare && self.section == 0.0 { 1.0 } else { self.section + group };
            self.total += g * m;
            self.section = 0.0;
        }
        self.last_big = m;
        self.bare_big = bare;
        self.small = 0.0;
        self.last_small = f64::INFINITY;
        Some(())
    }

    /// Whether Arabic digits `p` (`n` of them) after a 万 or 亿 that a number led are the rest of
    /// the number written in full (issue 16): all the places below it (12万5000, 12万0050,
    /// 3亿20005000), or fewer after 零 (12万零500, 3亿零400).
    fn full_tail(&self, p: f64, n: usize) -> bool {
        let places = if self.last_unit == 1e4 {
            4
        } else if self.last_unit == 1e8 && self.section == 0.0 {
            8
        } else {
            return false;
        };
        self.pending_arabic
            && !self.bare_big
            && self.small == 0.0
            && (n == places || self.zero_gap && p < 10f64.powi(places as i32 - 1))
    }

    /// The number read, with a digit left at the end.
    fn finish(self) -> Option<f64> {
        let tail = match self.pending {
            None => 0.0,
            Some((p, n)) => {
                if n == 1 && !self.zero_gap && self.last_unit >= 100.0 {
                    // Elided tail: the digit is worth a tenth of the last unit.
                    p * self.last_unit / 10.0
                } else if n > 1 && (self.total + self.section + self.small) > 0.0 && !self.full_tail(p, n) {
                    // 一千二三 or 万1070: not a number.
                    return None;
                } else {
                    p
                }
            }
        };
        if !self.any {
            return None;
        }
        Some(self.total + self.section + self.small + tail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chinese_number::{ChineseCase, ChineseCountMethod, ChineseVariant, NumberToChinese};
    use proptest::prelude::*;

    macro_rules! num {
        ($s:expr, $v:expr) => {
            assert_eq!(parse($s), Ok($v as f64), "{}", $s)
        };
    }
    macro_rules! bad {
        ($s:expr) => {
            assert!(parse($s).is_err(), "{} parsed as {:?}", $s, parse($s))
        };
    }

    #[test]
    fn traditional_financial_and_old_forms() {
        num!("壹佰贰拾", 120);
        num!("貳萬伍仟", 25_000);
        num!("兩萬", 20_000);
        num!("九點五萬", 95_000);
        num!("廿三", 23);
        num!("卅", 30);
        num!("伍万", 50_000);
    }

    #[test]
    fn positional_numerals() {
        num!("一千零七十万", 10_700_000);
        num!("二千五百一十三", 2513);
        num!("一百零一万一千", 1_011_000);
        num!("十二万八千", 128_000);
        num!("两万五千", 25_000);
        num!("二十九万九千一百三十五", 299_135);
        num!("八十七万七千六百十二", 877_612);
        num!("一万零二十二", 10_022);
        num!("五千零五", 5005);
        num!("九亿八千五百一十五万", 985_150_000);
        num!("二百五十六万零二百", 2_560_200);
        num!("十", 10);
        num!("十六万", 160_000);
        num!("零", 0);
    }

    #[test]
    fn elided_tails_and_bare_magnitudes() {
        num!("三万五", 35_000);
        num!("一万三", 13_000);
        num!("一百二", 120);
        num!("两千三", 2300);
        num!("万", 10_000);
        num!("百万", 1_000_000);
        num!("千", 1000);
        num!("一万零五", 10_005);
    }

    #[test]
    fn digit_strings_and_zero_forms() {
        num!("二○七○", 2070);
        num!("一四四", 144);
        num!("一九五八", 1958);
        num!("五○一七", 5017);
        num!("一○○", 100);
        num!("一二五八三·六", 12_583.6);
        num!("七○三○·二五", 7030.25);
    }

    #[test]
    fn arabic_and_mixed() {
        num!("1070万", 10_700_000);
        num!("5.8万", 58_000);
        num!("29.9万", 299_000);
        num!("3万5千", 35_000);
        num!("6,382", 6382);
        num!("１５０万", 1_500_000);
        num!("72.7", 72.7);
        num!("94.88", 94.88);
        // Digits grouped by spaces (issue 16), as the scanner takes them.
        num!("12 000", 12_000);
        num!("１２ ０００", 12_000);
        num!("1 250 000.5", 1_250_000.5);
        assert!(parse("12 0000").is_err() && parse("12 00").is_err());
        // The rest written in full after 万 / 亿 (issue 16); a short tail only after 零.
        num!("12万5000", 125_000);
        num!("１２万５０００", 125_000);
        num!("12万0050", 120_050);
        num!("12万零500", 120_500);
        num!("1亿2000万3000", 120_003_000);
        num!("3亿20005000", 320_005_000);
        assert!(parse("12万50").is_err() && parse("万1070").is_err() && parse("一千二三").is_err());
    }

    #[test]
    fn decimals() {
        num!("九点○七万", 90_700);
        num!("一千三百八十五点六", 1385.6);
        num!("八·六", 8.6);
        num!("零点五", 0.5);
        num!("一万零二十二点六", 10_022.6);
        num!("二百一十点零九", 210.09);
        num!("一点二六", 1.26);
        num!("三十二点八万", 328_000);
    }

    #[test]
    fn nonsense_is_an_error_not_a_panic() {
        bad!("十十");
        bad!("万万");
        bad!("一千亿亿亿亿");
        bad!("十百");
        bad!("12百");
        bad!("一千二三");
        bad!("99999999999999999999");
        bad!("点五");
        bad!("五点");
        bad!("一万点五万");
        bad!("1,00");
        bad!("");
        bad!("一亿亿");
        assert_eq!(parse("99999999999999999"), Err(NumeralError::Overflow("99999999999999999".into())));
        num!("一万亿", 1e12);
    }

    /// `n` in a mixed form of `style` (0: groups in full, 1: the rest with 千 / 百, 2: a
    /// decimal of the top magnitude, `n` rounded to it), full-width digits or not; the form and
    /// the value it stands for.
    fn mixed_form(n: u64, full_width: bool, style: u8) -> (String, f64) {
        let (yi, wan, rest) = (n / 100_000_000, n / 10_000 % 10_000, n % 10_000);
        let mut s = String::new();
        let mut want = n;
        if style == 2 && n >= 10_000 {
            // 1.5万, 12.35亿: two decimals of the top magnitude.
            let (top, mag) = if yi > 0 { (100_000_000u64, '亿') } else { (10_000, '万') };
            let hundredths = n / (top / 100);
            want = hundredths * (top / 100);
            s = format!("{}.{:02}{mag}", hundredths / 100, hundredths % 100);
        } else {
            if yi > 0 {
                s += &format!("{yi}亿");
            }
            if wan > 0 {
                // 3亿0400万 or 3亿零400万: a group after a higher one in full or after 零.
                s += &if yi > 0 && wan < 1000 && rest % 2 == 0 {
                    format!("零{wan}万")
                } else if yi > 0 {
                    format!("{wan:04}万")
                } else {
                    format!("{wan}万")
                };
            }
            if rest > 0 {
                let lead = yi > 0 || wan > 0;
                let digits = [rest / 1000, rest / 100 % 10, rest / 10 % 10, rest % 10];
                if style == 1 && digits[2] == 0 && digits[3] == 0 && rest >= 1000 {
                    // 3万4千5百
                    s += &format!("{}千", digits[0]);
                    if digits[1] > 0 {
                        s += &format!("{}百", digits[1]);
                    }
                } else if lead && (wan == 0 && yi > 0 || rest < 1000) {
                    // 3亿零5000, 12万零500
                    s += &format!("零{rest}");
                } else {
                    s += &rest.to_string();
                }
            }
            if s.is_empty() {
                s = "0".into();
            }
        }
        let s = if full_width {
            s.chars().map(|c| c.to_digit(10).and_then(|d| char::from_u32('０' as u32 + d)).unwrap_or(c)).collect()
        } else {
            s
        };
        (s, want as f64)
    }

    proptest! {
        #[test]
        fn chinese_number_round_trips(n in 0u64..=1_000_000_000_000u64) {
            let s = n.to_chinese(ChineseVariant::Simple, ChineseCase::Lower, ChineseCountMethod::TenThousand).unwrap();
            prop_assert_eq!(parse(&s), Ok(n as f64), "{}", s);
        }

        /// Issue 16: any number `chinese-number` writes in traditional characters or in the
        /// financial (upper-case) forms, simplified or traditional, parses back.
        #[test]
        fn traditional_and_financial_numerals_round_trip(
            n in 0u64..=1_000_000_000_000u64,
            variant in prop_oneof![Just(ChineseVariant::Simple), Just(ChineseVariant::Traditional)],
            case in prop_oneof![Just(ChineseCase::Lower), Just(ChineseCase::Upper)],
        ) {
            let s = n.to_chinese(variant, case, ChineseCountMethod::TenThousand).unwrap();
            prop_assert_eq!(parse(&s), Ok(n as f64), "{}", s);
        }

        /// Issue 16: any number written in the mixed forms of the press parses back: Arabic
        /// (half- or full-width) groups with 万 / 亿 (12万5000, 3亿0400万, 12万零500), the rest in
        /// digits with 千 / 百 (3万4千5百), or a decimal of 万 / 亿 (1.5万, 12.35亿).
        #[test]
        fn mixed_digit_forms_round_trip(
            n in 0u64..=999_999_999_999u64,
            full_width in any::<bool>(),
            style in 0u8..3,
        ) {
            let (s, want) = mixed_form(n, full_width, style);
            prop_assert_eq!(parse(&s), Ok(want), "{}", s);
        }

        #[test]
        fn the_short_cut_gives_what_the_grammar_gives(s in "[零○〇一二两三四五六七八九十百千万亿兆点·]|[0-9]{1,17}| [0-9]{1,3}") {
            if let Some(v) = parse_simple(&s) {
                prop_assert_eq!(Ok(v), parse_general(&s), "{}", s);
            }
        }

        #[test]
        fn the_short_cut_on_chars_gives_what_parse_gives(s in "[零○〇一二两三四五六七八九十百千万亿兆廿]|[0-9]{1,17}") {
            let cs: Vec<char> = s.chars().collect();
            if let Some(v) = parse_simple_chars(&cs) {
                prop_assert_eq!(Ok(v), parse(&s), "{}", s);
            }
        }

        #[test]
        fn never_panics(s in "[零○〇一二两三四五六七八九十百千万亿兆0-9０-９点·.,，]{0,20}") {
            let _ = parse(&s);
        }
    }
}
