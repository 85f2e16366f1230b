//! English numbers: digits and number words -> `f64` (issue 4).
//!
//! Input: the numeral part of an English figure, as printed in the machine translations:
//! digits with thousands separators and decimals (`2,513`, `10,022.6`, `0.5`), digits with a
//! scale word (`10.7 million`, `1.5-million`), number words (`fifteen thousand`, `two hundred
//! and thirty-five`, `a hundred`, `eighty-eight`, `one and a half`), "hundred million" and "ten
//! thousand" as scales. Output: the number, or a [`NumError`] that keeps the offending text.
//!
//! Invariants: nothing here panics, whatever the input; a value that would need more than 15
//! significant digits (or is not finite) is an overflow error, never a rounded guess. Ordinals
//! (`first`, `10th`, `twenty-first`) are kept apart from cardinals: [`ordinal`] reads them,
//! [`parse`] refuses them. The word-by-word [`Composer`] is what the extractor feeds tokens to,
//! so the grammar lives in one place.

use std::fmt;

/// Why a numeral would not convert.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumError {
    #[error("empty numeral")]
    Empty,
    #[error("`{0}` is too large to convert exactly")]
    Overflow(String),
    #[error("`{0}` is not an English cardinal number")]
    Invalid(String),
}

/// Largest magnitude accepted: every figure of the period is far below it, and f64 still holds
/// its integers exactly.
const LIMIT: f64 = 1e15;

/// Units (0-9), sorted by value; a test checks the order.
const UNITS: [&str; 10] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
/// 10-19.
const TEENS: [&str; 10] =
    ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
/// 20, 30, ... 90 (index + 2 tens).
const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
/// Scale words above a hundred, by increasing value.
const SCALES: [(&str, f64); 4] = [("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12)];
/// Ordinal words 1-19, then the tens' ordinals.
const ORD_UNITS: [&str; 19] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const ORD_TENS: [&str; 8] =
    ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"];

/// One word (or digit group) of a cardinal number, as the [`Composer`] sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumWord {
    /// `2,513`, `10.7`: already a number.
    Digits(f64),
    /// zero .. nine
    Unit(u8),
    /// ten .. nineteen
    Teen(u8),
    /// twenty, thirty, ... ninety (the value: 20 .. 90)
    Tens(u8),
    Hundred,
    /// thousand, million, billion, trillion
    Scale(f64),
    /// `a` / `an` before hundred, thousand, million, dozen
    A,
    /// `and` inside a number (two hundred and five, one and a half)
    And,
    /// `half` in "one and a half"
    Half,
    /// `dozen` (12)
    Dozen,
}

/// The number word a lower-case token stands for, if any (`a` and `and` included: the
/// composer decides whether they belong to a number).
///
/// ```
/// use leapfig::numerals::en::{word, NumWord};
/// assert_eq!(word("fifteen"), Some(NumWord::Teen(15)));
/// assert_eq!(word("million"), Some(NumWord::Scale(1e6)));
/// assert_eq!(word("first"), None);
/// ```
pub fn word(lower: &str) -> Option<NumWord> {
    if let Some(i) = UNITS.iter().position(|w| *w == lower) {
        return Some(NumWord::Unit(i as u8));
    }
    if let Some(i) = TEENS.iter().position(|w| *w == lower) {
        return Some(NumWord::Teen(10 + i as u8));
    }
    if let Some(i) = TENS.iter().position(|w| *w == lower) {
        return Some(NumWord::Tens(20 + 10 * i as u8));
    }
    if let Some((_, v)) = SCALES.iter().find(|(w, _)| *w == lower) {
        return Some(NumWord::Scale(*v));
    }
    match lower {
        "hundred" => Some(NumWord::Hundred),
        "a" | "an" => Some(NumWord::A),
        "and" => Some(NumWord::And),
        "half" => Some(NumWord::Half),
        "dozen" => Some(NumWord::Dozen),
        _ => None,
    }
}

/// Digits with optional thousands separators and decimals: `2,513` -> 2513, `10,022.6`,
/// `0.5`, `12 000`. Commas (or grouping spaces) must group by three. More than 15 significant digits is an overflow.
///
/// ```
/// use leapfig::numerals::en::parse_digits;
/// assert_eq!(parse_digits("10,022.6"), Ok(10022.6));
/// assert!(parse_digits("12,34").is_err());
/// ```
pub fn parse_digits(s: &str) -> Result<f64, NumError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(NumError::Empty);
    }
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    // Groups by commas (2,513) or by grouping spaces (12 000, as the tokenizer joins them),
    // never both in one number.
    let spaced = int.contains([' ', '\u{a0}', '\u{2009}', '\u{202f}']);
    if spaced && int.contains(',') {
        return Err(NumError::Invalid(s.to_string()));
    }
    let groups: Vec<&str> =
        if spaced { int.split([' ', '\u{a0}', '\u{2009}', '\u{202f}']).collect() } else { int.split(',').collect() };
    let ok_groups = !groups[0].is_empty()
        && groups.iter().all(|g| !g.is_empty() && super::all_ascii_digits(g))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && (groups.len() == 1 || groups[0].len() <= 3);
    let ok_frac = frac.is_none_or(|f| !f.is_empty() && super::all_ascii_digits(f));
    if !ok_groups || !ok_frac {
        return Err(NumError::Invalid(s.to_string()));
    }
    let digits: String = groups.concat();
    let significant = digits.trim_start_matches('0').len() + frac.map_or(0, |f| f.len());
    if significant > 15 {
        return Err(NumError::Overflow(s.to_string()));
    }
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    text.parse::<f64>().map_err(|_| NumError::Invalid(s.to_string()))
}

/// What the composer took last: decides which word may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    A,
    Digits,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    /// `and` after hundred / a scale word: a smaller part follows.
    And,
    /// `and` after a complete small number: only "a half" may follow.
    AndFrac,
    AndA,
    Half,
    Dozen,
}

/// Builds a cardinal from its words, one at a time, refusing a word that cannot follow (so the
/// caller knows where the number ends). It is `Copy`: keep a copy to back off (an `and` that
/// turns out to join two figures, not two parts of one).
///
/// ```
/// use leapfig::numerals::en::{word, Composer};
/// let mut c = Composer::new();
/// for w in ["two", "hundred", "and", "thirty", "five", "thousand"] {
///     assert!(c.push(word(w).unwrap()));
/// }
/// assert_eq!(c.value(), Ok(235_000.0));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Composer {
    total: f64,
    group: f64,
    last: Last,
    /// Largest scale used so far (a smaller one adds, a larger one multiplies).
    scale: f64,
    /// The tens of the current group are set and its unit is still open (twenty-_one_).
    tens_open: bool,
    words: usize,
}

impl Default for Composer {
    fn default() -> Self {
        Self::new()
    }
}

impl Composer {
    pub fn new() -> Self {
        Composer { total: 0.0, group: 0.0, last: Last::Start, scale: 0.0, tens_open: false, words: 0 }
    }

    /// Number of words taken.
    pub fn len(&self) -> usize {
        self.words
    }

    pub fn is_empty(&self) -> bool {
        self.words == 0
    }

    /// Whether the number so far is complete (not ending in `a`, `and`, `and a`).
    pub fn complete(&self) -> bool {
        !matches!(self.last, Last::Start | Last::A | Last::And | Last::AndFrac | Last::AndA)
    }

    /// Whether the last word taken was a scale or hundred word (`1.5 million`, `a hundred`).
    pub fn ends_in_scale(&self) -> bool {
        matches!(self.last, Last::Scale | Last::Hundred)
    }

    /// Takes one more word; false (and unchanged) when it cannot follow.
    pub fn push(&mut self, w: NumWord) -> bool {
        let mut next = *self;
        if !next.take(w) {
            return false;
        }
        next.words += 1;
        *self = next;
        true
    }

    // Longer than most functions on purpose: one arm per word class of a flat state machine,
    // so that every transition of the number-word grammar is read in one place.
    fn take(&mut self, w: NumWord) -> bool {
        use Last::*;
        let group_open = matches!(self.last, Start | Hundred | Scale | And);
        match w {
            NumWord::Digits(v) => {
                if self.last != Start {
                    return false;
                }
                self.group = v;
                self.last = Digits;
            }
            NumWord::A => {
                if self.last == Start {
                    self.group = 1.0;
                    self.last = A;
                } else if matches!(self.last, And | AndFrac) {
                    self.last = AndA;
                } else {
                    return false;
                }
            }
            NumWord::Unit(n) => {
                if self.last == Tens && self.tens_open && n > 0 {
                    self.group += f64::from(n);
                    self.tens_open = false;
                } else if group_open && !(n == 0 && self.last != Start) {
                    self.add_small(f64::from(n));
                } else {
                    return false;
                }
                self.last = Unit;
            }
            NumWord::Teen(n) => {
                if !group_open {
                    return false;
                }
                self.add_small(f64::from(n));
                self.last = Teen;
            }
            NumWord::Tens(n) => {
                if !group_open {
                    return false;
                }
                self.add_small(f64::from(n));
                self.tens_open = true;
                self.last = Tens;
                return true;
            }
            NumWord::Hundred => {
                match self.last {
                    // "hundred-flower" is filtered by the caller; a bare "hundred" is 100.
                    Start => self.group = 100.0,
                    A | Unit | Teen | Tens | Digits if self.group < 100.0 => self.group *= 100.0,
                    _ => return false,
                }
                self.last = Hundred;
            }
            NumWord::Scale(s) => {
                match self.last {
                    Start => self.group = 1.0,
                    A | Unit | Teen | Tens | Digits | Hundred | Half | Dozen => {}
                    Scale if s > self.scale => {}
                    _ => return false,
                }
                if s > self.scale {
                    self.total = (self.total + self.group) * s;
                    self.scale = s;
                } else {
                    self.total += self.group * s;
                }
                self.group = 0.0;
                self.last = Scale;
            }
            NumWord::And => {
                self.last = match self.last {
                    Hundred | Scale => And,
                    Unit | Teen | Tens | Digits => AndFrac,
                    _ => return false,
                };
            }
            NumWord::Half => {
                if self.last != AndA {
                    return false;
                }
                self.group += 0.5;
                self.last = Half;
            }
            NumWord::Dozen => {
                if !matches!(self.last, A | Unit | Teen | Tens | Digits) || self.scale > 0.0 {
                    return false;
                }
                self.group *= 12.0;
                self.last = Dozen;
            }
        }
        self.tens_open = false;
        true
    }

    /// Adds a value below 100 to the current group (a new group after a scale word).
    fn add_small(&mut self, n: f64) {
        if self.last == Last::Scale {
            self.group = n;
        } else {
            self.group += n;
        }
    }

    /// The number composed, if complete.
    pub fn value(&self) -> Result<f64, NumError> {
        if self.words == 0 {
            return Err(NumError::Empty);
        }
        if !self.complete() {
            return Err(NumError::Invalid(format!("{self:?}")));
        }
        let v = self.total + self.group;
        if !v.is_finite() || v.abs() >= LIMIT {
            return Err(NumError::Overflow(format!("{v}")));
        }
        Ok(super::tidy(v))
    }
}

/// A whole numeral phrase: digits, words, or digits with scale words; hyphens and spaces
/// separate words.
///
/// ```
/// use leapfig::numerals::en::parse;
/// assert_eq!(parse("10.7 million"), Ok(10_700_000.0));
/// assert_eq!(parse("1.5-million"), Ok(1_500_000.0));
/// assert_eq!(parse("two hundred and thirty-five"), Ok(235.0));
/// assert_eq!(parse("a hundred"), Ok(100.0));
/// assert_eq!(parse("one and a half"), Ok(1.5));
/// assert!(parse("first").is_err());
/// ```
pub fn parse(s: &str) -> Result<f64, NumError> {
    let mut c = Composer::new();
    let mut any = false;
    for w in s.split(|ch: char| ch.is_whitespace() || ch == '-').filter(|w| !w.is_empty()) {
        any = true;
        let nw = if w.as_bytes()[0].is_ascii_digit() {
            NumWord::Digits(parse_digits(w)?)
        } else {
            word(&w.to_ascii_lowercase()).ok_or_else(|| NumError::Invalid(s.to_string()))?
        };
        if !c.push(nw) {
            return Err(NumError::Invalid(s.to_string()));
        }
    }
    if !any {
        return Err(NumError::Empty);
    }
    c.value()
}

/// An ordinal: `first` .. `ninetieth`, `twenty-first`, and digits with a suffix (`10th`,
/// `21st`). Returns None for cardinals.
///
/// ```
/// use leapfig::numerals::en::ordinal;
/// assert_eq!(ordinal("12th"), Some(12));
/// assert_eq!(ordinal("Twenty-First"), Some(21));
/// assert_eq!(ordinal("twelve"), None);
/// ```
pub fn ordinal(s: &str) -> Option<u32> {
    let lower = s.trim().to_ascii_lowercase();
    if let Some(pos) = lower.find(|c: char| !c.is_ascii_digit()) {
        if pos > 0 && pos <= 9 && matches!(&lower[pos..], "st" | "nd" | "rd" | "th") {
            return lower[..pos].parse().ok();
        }
    }
    let (tens, unit) = match lower.split_once(['-', ' ']) {
        Some((t, u)) => (Some(t), u),
        None => (None, lower.as_str()),
    };
    let base = match tens {
        Some(t) => 20 + 10 * TENS.iter().position(|w| *w == t)? as u32,
        None => 0,
    };
    if let Some(i) = ORD_UNITS.iter().position(|w| *w == unit) {
        if tens.is_some() && i >= 9 {
            return None;
        }
        return Some(base + i as u32 + 1);
    }
    if tens.is_none() {
        if let Some(i) = ORD_TENS.iter().position(|w| *w == unit) {
            return Some(20 + 10 * i as u32);
        }
        match unit {
            "hundredth" => return Some(100),
            "thousandth" => return Some(1000),
            _ => {}
        }
    }
    None
}

/// Whether a lower-case word is an ordinal word (`first`, `twentieth`, `hundredth`).
pub fn is_ordinal_word(lower: &str) -> bool {
    ORD_UNITS.contains(&lower) || ORD_TENS.contains(&lower) || matches!(lower, "hundredth" | "thousandth" | "millionth")
}

/// Writes a non-negative integer in English words, British style ("one hundred and five"),
/// hyphenating 21-99 ("thirty-five"). Used by the property test that parses it back.
///
/// ```
/// use leapfig::numerals::en::to_words;
/// assert_eq!(to_words(235_015), "two hundred and thirty-five thousand and fifteen");
/// assert_eq!(to_words(0), "zero");
/// ```
pub fn to_words(n: u64) -> String {
    if n == 0 {
        return "zero".into();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut rest = n;
    let scales: [(u64, &str); 5] = [
        (1_000_000_000_000_000, "quadrillion"),
        (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ];
    for (size, name) in scales {
        if rest >= size {
            parts.push(format!("{} {name}", below_thousand(rest / size)));
            rest %= size;
        }
    }
    if rest > 0 {
        if !parts.is_empty() && rest < 100 {
            parts.push(format!("and {}", below_thousand(rest)));
        } else {
            parts.push(below_thousand(rest));
        }
    }
    parts.join(" ")
}

fn below_thousand(n: u64) -> String {
    let (h, r) = (n / 100, n % 100);
    let small = match r {
        0 => String::new(),
        1..=9 => UNITS[r as usize].to_string(),
        10..=19 => TEENS[(r - 10) as usize].to_string(),
        _ => {
            let t = TENS[(r / 10 - 2) as usize];
            if r % 10 == 0 {
                t.to_string()
            } else {
                format!("{t}-{}", UNITS[(r % 10) as usize])
            }
        }
    };
    match (h, small.is_empty()) {
        (0, _) => small,
        (_, true) => format!("{} hundred", UNITS[h as usize]),
        (_, false) => format!("{} hundred and {small}", UNITS[h as usize]),
    }
}

impl fmt::Display for NumWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! num {
        ($s:expr, $v:expr) => {
            assert_eq!(parse($s), Ok($v), "{}", $s)
        };
    }

    #[test]
    fn closed_word_sets_are_in_order() {
        assert!(SCALES.windows(2).all(|w| w[0].1 < w[1].1));
        for (i, w) in UNITS.iter().enumerate() {
            assert_eq!(word(w), Some(NumWord::Unit(i as u8)));
        }
        for (i, w) in ORD_UNITS.iter().enumerate() {
            assert_eq!(ordinal(w), Some(i as u32 + 1));
        }
    }

    #[test]
    fn digits_as_printed_in_the_translations() {
        num!("2,513", 2513.0);
        num!("10,022.6", 10022.6);
        num!("0.5", 0.5);
        num!("985,150,000", 985150000.0);
        num!("1500", 1500.0);
        assert!(parse_digits("1,5000").is_err());
        assert!(parse_digits("12,34").is_err());
        assert_eq!(parse_digits("12 000"), Ok(12000.0));
        assert_eq!(parse_digits("1\u{a0}250\u{a0}000.5"), Ok(1250000.5));
        assert!(parse_digits("12 0000").is_err() && parse_digits("1,250 000").is_err());
        assert!(parse_digits(",123").is_err());
        assert!(matches!(parse_digits("123456789012345678"), Err(NumError::Overflow(_))));
    }

    #[test]
    fn words_and_scales() {
        num!("fifteen thousand", 15000.0);
        num!("two hundred and thirty-five", 235.0);
        num!("a hundred", 100.0);
        num!("eighty-eight", 88.0);
        num!("Ninety-Nine", 99.0);
        num!("hundred million", 1e8);
        num!("ten thousand", 10000.0);
        num!("ten-thousand", 10000.0);
        num!("10.7 million", 10700000.0);
        num!("1.87 million", 1870000.0);
        num!("25.3 billion", 25300000000.0);
        num!("one and a half", 1.5);
        num!("two and a half million", 2500000.0);
        num!("a dozen", 12.0);
        num!("one million", 1e6);
        num!("fifteen hundred", 1500.0);
        num!("three hundred thousand", 300000.0);
        num!("two million three hundred thousand", 2300000.0);
        num!("million", 1e6);
        num!("thousand", 1000.0);
    }

    #[test]
    fn not_numbers() {
        assert!(parse("first").is_err());
        assert!(parse("twenty thirty").is_err());
        assert!(parse("two three").is_err());
        assert!(parse("a").is_err());
        assert!(parse("two hundred and").is_err());
        assert!(parse("").is_err());
        assert!(parse("million million").is_err());
        assert!(parse("two and three").is_err());
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert!(parse("999 trillion trillion").is_err());
        assert!(matches!(parse("9,999 trillion"), Err(NumError::Overflow(_))));
    }

    #[test]
    fn ordinals_apart_from_cardinals() {
        assert_eq!(ordinal("first"), Some(1));
        assert_eq!(ordinal("10th"), Some(10));
        assert_eq!(ordinal("31st"), Some(31));
        assert_eq!(ordinal("twenty-first"), Some(21));
        assert_eq!(ordinal("thirtieth"), Some(30));
        assert_eq!(ordinal("ten"), None);
        assert_eq!(ordinal("10"), None);
        assert_eq!(ordinal("twenty-eleventh"), None);
        assert!(is_ordinal_word("second"));
        assert!(!is_ordinal_word("two"));
    }

    #[test]
    fn writer_round_trips() {
        for n in [
            1u64,
            9,
            10,
            19,
            20,
            21,
            99,
            100,
            101,
            110,
            999,
            1000,
            1001,
            12345,
            100000,
            1_000_000,
            10_700_000,
            999_999_999_999,
        ] {
            let w = to_words(n);
            assert_eq!(parse(&w), Ok(n as f64), "{w}");
        }
    }
}
