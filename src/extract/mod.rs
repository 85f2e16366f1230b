//! Extraction: section text -> claims.
//!
//! Input: one [`Section`] (or any text, for `leapfig scan`) and the article date. Output: the
//! figures in it as [`Claim`]s, in text order, with `start`/`end` in characters and
//! `sentence` filled. [`extract_section`] shifts offsets to the file; [`extract_text`] keeps
//! them relative to the text given. Language rules live in `zh.rs` and `en.rs` only.

pub mod en;
pub mod zh;

use chrono::NaiveDate;

use crate::article::{Lang, Section, SectionKind};
use crate::claim::Claim;

/// What an extractor knows besides the text.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub lang: Lang,
    pub section: SectionKind,
    /// The article's date, against which date expressions resolve (None: left unresolved).
    pub article_date: Option<NaiveDate>,
}

/// Figures in a piece of text, offsets relative to `text`.
pub fn extract_text(text: &str, ctx: &Context) -> Vec<Claim> {
    match ctx.lang {
        Lang::Zh => zh::extract(text, ctx),
        Lang::En => en::extract(text, ctx),
    }
}

/// Figures in one section, offsets into the file.
pub fn extract_section(section: &Section, article_date: Option<NaiveDate>) -> Vec<Claim> {
    let ctx = Context { lang: section.lang, section: section.kind, article_date };
    let mut claims = extract_text(&section.text, &ctx);
    for c in &mut claims {
        c.start += section.start;
        c.end += section.start;
    }
    claims
}

/// Guesses the language of a text: Chinese when at least a fifth of its letters are CJK.
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
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '〇')
}

/// Longest stretch, in characters, that [`sentence_range`] looks at on each side of a figure: a
/// text without sentence ends (a 50 MB single line) must not make every claim carry all of it.
pub const MAX_SENTENCE_SIDE: usize = 300;

/// The byte range of the sentence around `[start, end)` (byte offsets into `text`): from after
/// the previous terminator to after the next, trimmed of white space, and at most
/// [`MAX_SENTENCE_SIDE`] characters on either side of the figure. `is_end` says whether the
/// character at a byte offset ends a sentence (the per-language rule).
pub fn sentence_range(text: &str, start: usize, end: usize, is_end: impl Fn(&str, usize) -> bool) -> (usize, usize) {
    let mut a = start;
    for (n, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if is_end(text, i) {
            a = i + c.len_utf8();
            break;
        }
        a = i;
        if n + 1 >= MAX_SENTENCE_SIDE {
            break;
        }
    }
    let mut b = end;
    for (n, (i, c)) in text[end..].char_indices().enumerate() {
        b = end + i + c.len_utf8();
        if is_end(text, end + i) || n + 1 >= MAX_SENTENCE_SIDE {
            break;
        }
    }
    let s = &text[a..b];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (a + lead, b - trail)
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

    #[test]
    fn sentence_range_stops_at_terminators() {
        let t = "第一句。10日一天原煤产量达到一万五千吨，日产量提高四倍。下一句";
        let s = t.find("一万").unwrap();
        let zh_end = |t: &str, i: usize| matches!(t[i..].chars().next(), Some('。' | '！' | '？' | '\n'));
        let (a, b) = sentence_range(t, s, s + 3, zh_end);
        assert_eq!(&t[a..b], "10日一天原煤产量达到一万五千吨，日产量提高四倍。");
        // At the start and end of a text.
        let (a, b) = sentence_range(t, 0, 3, zh_end);
        assert_eq!(&t[a..b], "第一句。");
        let e = t.find("下一").unwrap();
        let (a, b) = sentence_range(t, e, e + 3, zh_end);
        assert_eq!(&t[a..b], "下一句");
    }

    #[test]
    fn sentence_range_is_bounded_on_a_text_without_ends() {
        let t = "钢".repeat(5000) + "一万吨" + &"铁".repeat(5000);
        let s = t.find("一万").unwrap();
        let (a, b) = sentence_range(&t, s, s + 9, |_: &str, _: usize| false);
        assert_eq!(t[a..b].chars().count(), 2 * MAX_SENTENCE_SIDE + 3);
    }
}
