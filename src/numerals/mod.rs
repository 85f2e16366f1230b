//! Numeral text -> numbers: `zh.rs` (Chinese numerals, wrapping `chinese-number`) and `en.rs`
//! (digits and English number words). Shared helpers live here.

pub mod en;
pub mod zh;

/// Rounds away binary noise from decimal arithmetic (9.07 * 10000 = 90700.00000000001) by
/// keeping 12 significant digits; every printed figure of the period has far fewer.
pub fn tidy(x: f64) -> f64 {
    // Whole numbers below 10^12 have no noise to round away (and no log10 to pay for).
    if x == 0.0 || !x.is_finite() || (x.fract() == 0.0 && x.abs() < 1e12) {
        return x;
    }
    let digits = 12 - (x.abs().log10().floor() as i32) - 1;
    let p = 10f64.powi(digits.clamp(-300, 300));
    let r = (x * p).round() / p;
    if r.is_finite() {
        r
    } else {
        x
    }
}

/// The step 多 adds to a number: the place value of its last non-zero digit (九万多 -> 10000,
/// 四千六百多 -> 100, 十多 -> 10, 一点五多 -> 0.1; "2,000+" -> 1000). Here and not with the
/// interval rules (`extract::bounds`) because the Chinese scanner needs it inside a numeral
/// (七百多万).
///
/// One rule for both languages. The English copy it replaced read the last digit from the
/// shortest printed form of the number; the two agree on every number above zero with at
/// most eight decimals, which is every number printed in the period's papers (the test below
/// holds them together). Zero and below step by one (零多 is up to one); the English
/// extractor, which never stepped from zero ("0+"), keeps that case itself.
///
/// ```
/// use leapfig::numerals::step_of;
/// assert_eq!(step_of(90000.0), 10000.0);
/// assert_eq!(step_of(1.5), 0.1);
/// ```
pub fn step_of(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    if v.fract() != 0.0 {
        let mut s = 1.0;
        for _ in 0..8 {
            s /= 10.0;
            let x = v / s;
            if (x - x.round()).abs() < 1e-6 {
                return tidy(s);
            }
        }
        return s;
    }
    let mut s = 1.0;
    while s * 10.0 <= v && (v / (s * 10.0)).fract() == 0.0 {
        s *= 10.0;
    }
    s
}

/// Whether `c` is an Arabic digit, ASCII or full-width (０-９, common in Chinese text).
///
/// ```
/// use leapfig::numerals::is_arabic;
/// assert!(is_arabic('7') && is_arabic('７') && !is_arabic('七'));
/// ```
pub fn is_arabic(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether every byte of `s` is an ASCII digit (true for an empty `s`): a digit token or a
/// digit string as the English tokenizer and the fast Chinese path read them.
pub fn all_ascii_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::{step_of, tidy};

    #[test]
    fn tidy_removes_binary_noise() {
        assert_eq!(tidy(9.07 * 10000.0), 90700.0);
        assert_eq!(tidy(4600.0 * 0.0005), 2.3);
        assert_eq!(tidy(10700000.0), 10700000.0);
        assert_eq!(tidy(1.0 / 3.0), 0.333333333333);
        assert_eq!(tidy(0.0), 0.0);
        // 13 digits and more keep 12 significant ones, whole or not.
        assert_eq!(tidy(1234567890123.0), 1234567890120.0);
        assert_eq!(tidy(-70.0), -70.0);
    }

    #[test]
    fn step_of_last_digit() {
        assert_eq!(step_of(90000.0), 10000.0);
        assert_eq!(step_of(4600.0), 100.0);
        assert_eq!(step_of(1160000.0), 10000.0);
        assert_eq!(step_of(10.0), 10.0);
        assert_eq!(step_of(1.5), 0.1);
    }

    /// The English rule this one replaced: the last digit of the shortest printed form.
    fn printed_step(v: f64) -> f64 {
        let s = format!("{v}");
        match s.split_once('.') {
            Some((_, frac)) => 10f64.powi(-(frac.len() as i32)),
            None => 10f64.powi((s.len() - s.trim_end_matches('0').len()) as i32),
        }
    }

    #[test]
    fn step_of_agrees_with_the_printed_last_digit() {
        // Every number above zero with up to eight decimals, as printed: whole numbers of any
        // size below 2^53, decimals, the sums of compound units (5 feet 3 inches = 5.25).
        let mut xs: Vec<f64> = vec![1.0, 7.0, 10.0, 100.0, 4600.0, 97000.0, 1160000.0, 10_700_000.0, 9e15];
        xs.extend([0.5, 1.5, 2.3, 5.25, 1.1875, 9.07, 0.07, 384.12, 12.5, 0.0001, 0.000025, 123456.7]);
        for k in 1..2000u32 {
            xs.push(f64::from(k) * 37.0);
            xs.push(tidy(f64::from(k) / 8.0));
            xs.push(tidy(f64::from(k) / 100.0));
        }
        for v in xs {
            assert_eq!(tidy(v + step_of(v)), tidy(v + printed_step(v)), "{v}");
        }
    }
}
