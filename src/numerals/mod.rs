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

#[cfg(test)]
mod tests {
    use super::tidy;

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
}
