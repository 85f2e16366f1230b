//! Text: what every layer above needs to know about a piece of text, and nothing of figures.
//!
//! Input: `&str` (decoded article text). Output: its language ([`detect_lang`]), whether a
//! character is a Chinese ideograph ([`is_cjk`]), the sentence around a figure
//! ([`SentenceEnds`], bounded by [`MAX_SENTENCE_SIDE`]), where a sentence or clause ends in each
//! language ([`en`], [`zh`]: the one rule per language extraction and attribution both use), offsets so many characters away
//! ([`chars_before`], [`chars_after`]), and the fast hash maps the word lists
//! are looked up in (`HashMap`, `HashSet`, crate-internal).
//!
//! Invariants: this is the leaf layer: it imports nothing from the rest of the crate, and no
//! rule about figures, units or dates lives here. [`Lang`] is defined here because language
//! detection returns it; `crate::article` re-exports it. Offsets are byte offsets into the
//! text given.

pub mod en;
mod hash;
mod offsets;
mod sentence;
pub mod zh;

pub(crate) use hash::{FxHasher, HashMap, HashSet};
pub use offsets::{chars_after, chars_before};
pub use sentence::{SentenceEnds, MAX_SENTENCE_SIDE};

use serde::Serialize;

/// The language of a text or section: the Chinese original or the (machine) English translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// Guesses the language of a text: Chinese when at least a fifth of its letters are CJK.
///
/// ```
/// use leapfig::text::{detect_lang, Lang};
/// assert_eq!(detect_lang("全县一天产铁三百吨"), Lang::Zh);
/// assert_eq!(detect_lang("The county made 300 tons of iron in a day"), Lang::En);
/// ```
pub fn detect_lang(text: &str) -> Lang {
    let mut cjk = 0usize;
    let mut letters = 0usize;
    for c in text.chars() {
        if is_cjk(c) {
            cjk += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters > 0 && cjk * 5 >= letters {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// CJK unified ideographs (and extension A), plus the circle zero ○ used as a digit.
///
/// ```
/// use leapfig::text::is_cjk;
/// assert!(is_cjk('钢') && is_cjk('〇') && !is_cjk('t') && !is_cjk('，'));
/// ```
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '〇')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_language() {
        assert_eq!(detect_lang("涟源一天产煤一万五千吨"), Lang::Zh);
        assert_eq!(detect_lang("Lianyuan Produces 15,000 Tons of Coal Per Day"), Lang::En);
        assert_eq!(detect_lang("the methods of焖 iron (smothered iron) and罐子 (jar) iron smelting"), Lang::En);
    }
}
