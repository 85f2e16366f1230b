//! Numeral text -> numbers: `zh.rs` (Chinese numerals, wrapping `chinese-number`) and `en.rs`
//! (digits and English number words). Shared helpers live here.

pub mod en;
pub mod zh;

/// Rounds away binary noise from arithmetic: a value within two units in the last place of a
/// ratio of two whole numbers up to 10^4 is that ratio's double (the median of 2/15 and 1/5,
/// 0.16666666666666669, is 1/6; 一尺 = 1/3 m stays the nearest double to a third), else a
/// value that close to a decimal of 15 significant digits is that decimal's double (9.07 ×
/// 10000 = 90700.00000000001 is 90700; the median 23.450000000000003 is 23.45). Any other
/// value is left as it is. The tables print each value in the shortest form that reads back
/// to it.
///
/// ```
/// use leapfig::numerals::tidy;
/// assert_eq!(tidy(9.07 * 10000.0), 90700.0);
/// assert_eq!(tidy(0.1 + 0.2), 0.3);
/// assert_eq!(tidy(7.0 / 30.0), 7.0 / 30.0);
/// assert_eq!(tidy((2.0 / 15.0 + 0.2) / 2.0), 1.0 / 6.0);
/// ```
pub fn tidy(x: f64) -> f64 {
    // Whole numbers below 10^15 have no noise to round away (and no formatting to pay for).
    if x == 0.0 || !x.is_finite() || (x.fract() == 0.0 && x.abs() < 1e15) {
        return x;
    }
    let ulp = f64::from_bits(x.abs().to_bits() + 1) - x.abs();
    let near = |y: f64| (y - x).abs() <= 2.0 * ulp;
    if let Some((p, q)) = convergents(x, 1e4).find(|&(p, q)| near(p / q)) {
        return p / q;
    }
    match format!("{x:.14e}").parse::<f64>() {
        Ok(y) if near(y) => y,
        _ => x,
    }
}

/// `v` times the factor `f`, correctly rounded where `f` is a ratio of two whole numbers (up to
/// 10^7) and `v` whole: 七寸 = 7 × 1/30 m is 7/30 m, the nearest double to it, not 7 ×
/// 0.0333…; a square metre, 3/2000 mu. Other products are [`tidy`]'d.
///
/// ```
/// use leapfig::numerals::scale;
/// assert_eq!(scale(7.0, 1.0 / 30.0), 7.0 / 30.0);
/// assert_eq!(scale(4600.0, 0.0005), 2.3);
/// ```
pub fn scale(v: f64, f: f64) -> f64 {
    if !f.is_finite() || !v.is_finite() {
        return v * f;
    }
    if f.fract() == 0.0 {
        return tidy(v * f);
    }
    match ratio(f) {
        // Whole numbers times a ratio: exact product, one correctly rounded division.
        Some((p, q)) if v.fract() == 0.0 && (v * p).abs() < 9e15 => v * p / q,
        Some((p, q)) => tidy(v * p / q),
        None => tidy(v * f),
    }
}

/// The ratio p/q (q ≤ 10^7) whose double is exactly `f`, from the convergents of its
/// continued fraction, if any.
fn ratio(f: f64) -> Option<(f64, f64)> {
    convergents(f, 1e7).find(|&(p, q)| p / q == f)
}

/// The convergents p/q of the continued fraction of `x`, while q ≤ `max_q` (signs kept on p).
fn convergents(x: f64, max_q: f64) -> impl Iterator<Item = (f64, f64)> {
    let sign = x.signum();
    let (mut h0, mut h1, mut k0, mut k1) = (0.0f64, 1.0f64, 1.0f64, 0.0f64);
    let mut r = x.abs();
    let mut done = !r.is_finite();
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let a = r.floor();
        let (h2, k2) = (a * h1 + h0, a * k1 + k0);
        if k2 > max_q {
            done = true;
            return None;
        }
        (h0, h1, k0, k1) = (h1, h2, k1, k2);
        let frac = r - a;
        if frac == 0.0 {
            done = true;
        } else {
            r = 1.0 / frac;
        }
        Some((sign * h2, k2))
    })
    .take(40)
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
    use super::{scale, step_of, tidy};

    #[test]
    fn tidy_removes_binary_noise() {
        assert_eq!(tidy(9.07 * 10000.0), 90700.0);
        assert_eq!(tidy(4600.0 * 0.0005), 2.3);
        assert_eq!(tidy(10700000.0), 10700000.0);
        assert_eq!(tidy(1.0 / 3.0), 1.0 / 3.0);
        assert_eq!(tidy(2.0 / 3.0), 2.0 / 3.0);
        assert_eq!(tidy((23.4 + 23.5) / 2.0), 23.45);
        assert_eq!(tidy(2.3 * 10000.0), 23000.0);
        assert_eq!(tidy(2.0 / 30.0), 2.0 / 30.0);
        assert_eq!(tidy((2.0 / 15.0 + 0.2) / 2.0), 1.0 / 6.0);
        assert_eq!(tidy(-0.1 - 0.2), -0.3);
        assert_eq!(tidy(0.0), 0.0);
        // Whole numbers stay whole, however many digits; a decimal of more than 15 significant
        // digits is no noise of a printed figure and stays.
        assert_eq!(tidy(1234567890123.0), 1234567890123.0);
        assert_eq!(tidy(0.1234567890123456), 0.1234567890123456);
        // Scaling: a ratio factor is exact for whole numbers.
        assert_eq!(scale(19.0, 1.0 / 3.0), 19.0 / 3.0);
        assert_eq!(scale(7.0, 1.0 / 30.0), 7.0 / 30.0);
        assert_eq!(scale(2.0, 1.0 / 30.0), 2.0 / 30.0);
        assert_eq!(scale(9.07, 10000.0), 90700.0);
        assert_eq!(scale(3.0, 0.0015), 0.0045);
        assert_eq!(scale(5.0, 0.3048), 1.524);
        assert_eq!(scale(2.0, 10000.0), 20000.0);
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
