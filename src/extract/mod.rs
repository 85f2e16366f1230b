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

/// The byte range of the sentence around `[start, end)` (byte offsets into `text`): from after
/// the previous terminator to after the next, trimmed of white space. `is_end` says whether the
/// character at a byte offset ends a sentence (the per-language rule).
pub fn sentence_range(text: &str, start: usize, end: usize, is_end: impl Fn(&str, usize) -> bool) -> (usize, usize) {
    let mut a = 0;
    for (i, _) in text[..start].char_indices().rev() {
        if is_end(text, i) {
            a = i + text[i..].chars().next().map_or(1, |c| c.len_utf8());
            break;
        }
    }
    let mut b = text.len();
    for (i, c) in text[end..].char_indices() {
        if is_end(text, end + i) {
            b = end + i + c.len_utf8();
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
    }
}
