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

/// Hash maps and sets keyed by words of the fixed word lists, with a fast hasher: lookups run
/// for nearly every token of a text (issue 8). Nothing may depend on their iteration order
/// (with std's random hasher it already changes from run to run).
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;
/// See [`HashMap`].
pub(crate) type HashSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<FxHasher>>;

/// The Fx hash (rustc's): a multiply and a rotate per word of input. Not resistant to chosen
/// collisions, which is fine for tables built from the embedded word lists.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.add(u64::from_le_bytes(b));
        }
        for &x in words.remainder() {
            self.add(u64::from(x));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
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

/// Longest stretch, in characters, that [`SentenceEnds::range`] looks at on each side of a figure:
/// a text without sentence ends (a 50 MB single line) must not make every claim carry all of it.
pub const MAX_SENTENCE_SIDE: usize = 300;

/// The sentence ends of one text, found in one pass, for [`SentenceEnds::range`]: the sentence
/// of every figure without asking `is_end` again for each (the tests hold it to a plain
/// character walk, `sentence_range`).
pub struct SentenceEnds<'a> {
    text: &'a str,
    /// Byte offsets of the characters that end a sentence, in order.
    ends: Vec<usize>,
}

impl<'a> SentenceEnds<'a> {
    /// Asks `is_end` once at each character of `text`.
    pub fn new(text: &'a str, is_end: impl Fn(&str, usize) -> bool) -> Self {
        let ends = text.char_indices().map(|(i, _)| i).filter(|&i| is_end(text, i)).collect();
        SentenceEnds { text, ends }
    }

    /// From the byte offsets of the sentence ends, in order, found by the caller (the Chinese
    /// extractor reads them off its character array, a rule on the character alone).
    pub fn from_ends(text: &'a str, ends: Vec<usize>) -> Self {
        debug_assert!(ends.windows(2).all(|w| w[0] < w[1]) && ends.last().is_none_or(|&e| e < text.len()));
        SentenceEnds { text, ends }
    }

    /// The byte range of the sentence around `[start, end)` (byte offsets into the text): from
    /// after the previous sentence end to after the next, trimmed of white space, and at most
    /// [`MAX_SENTENCE_SIDE`] characters on either side of the figure.
    pub fn range(&self, start: usize, end: usize) -> (usize, usize) {
        let text = self.text;
        let char_len = |i: usize| text[i..].chars().next().map_or(0, char::len_utf8);
        // Backwards: the last end before `start`, if it is among the MAX_SENTENCE_SIDE
        // characters looked at, else where the look stopped.
        let k = self.ends.partition_point(|&e| e < start);
        let prev = k.checked_sub(1).map(|k| self.ends[k]).filter(|&e| {
            // Characters of text[e..start]: at most one per byte, at least one per four.
            let bytes = start - e;
            bytes <= MAX_SENTENCE_SIDE
                || (bytes <= 4 * MAX_SENTENCE_SIDE && text[e..start].chars().count() <= MAX_SENTENCE_SIDE)
        });
        let a = match prev {
            Some(e) => e + char_len(e),
            None => text[..start].char_indices().rev().take(MAX_SENTENCE_SIDE).last().map_or(start, |(i, _)| i),
        };
        // Forwards: the first end at or after `end`, if among the characters looked at.
        let next = self.ends.get(self.ends.partition_point(|&e| e < end)).copied().filter(|&e| {
            let bytes = e - end;
            bytes < MAX_SENTENCE_SIDE
                || (bytes < 4 * MAX_SENTENCE_SIDE && text[end..e].chars().count() < MAX_SENTENCE_SIDE)
        });
        let b = match next {
            Some(e) => e + char_len(e),
            None => {
                text[end..].char_indices().take(MAX_SENTENCE_SIDE).last().map_or(end, |(i, c)| end + i + c.len_utf8())
            }
        };
        let s = &text[a..b];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        (a + lead, b - trail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference for [`SentenceEnds::range`], a plain walk over the characters: the byte
    /// range of the sentence around `[start, end)` (byte offsets into `text`): from after
    /// the previous terminator to after the next, trimmed of white space, and at most
    /// [`MAX_SENTENCE_SIDE`] characters on either side of the figure. `is_end` says whether the
    /// character at a byte offset ends a sentence (the per-language rule).
    fn sentence_range(text: &str, start: usize, end: usize, is_end: impl Fn(&str, usize) -> bool) -> (usize, usize) {
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

    #[test]
    fn detects_language() {
        assert_eq!(detect_lang("涟源一天产煤一万五千吨"), Lang::Zh);
        assert_eq!(detect_lang("Lianyuan Produces 15,000 Tons of Coal Per Day"), Lang::En);
        assert_eq!(detect_lang("the methods of焖 iron (smothered iron) and罐子 (jar) iron smelting"), Lang::En);
    }

    #[test]
    fn fast_maps_find_what_was_put_in() {
        let words = ["tons", "catties", "mu", "furnaces", "per", "a", ""];
        let set: HashSet<String> = words.iter().map(|w| w.to_string()).collect();
        assert!(words.iter().all(|w| set.contains(*w)));
        assert!(!set.contains("ton") && !set.contains("tons "));
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
    fn sentence_ends_give_the_ranges_of_sentence_range() {
        // Short and over-long sentences (more than MAX_SENTENCE_SIDE characters, in one- and
        // three-byte characters), ends at the edges, white space to trim.
        let t = format!(
            "。 涟源一天产煤一万五千吨。{}一万吨{}。\n Output rose 40%. {} 15,000 tons {}! 。x",
            "钢".repeat(299),
            "铁".repeat(350),
            "a".repeat(310),
            "b".repeat(298)
        );
        let zh_end = |t: &str, i: usize| matches!(t[i..].chars().next(), Some('。' | '！' | '!' | '\n'));
        let ends = SentenceEnds::new(&t, zh_end);
        let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
        for (k, &s) in bounds.iter().enumerate() {
            for &e in bounds[k..].iter().take(4) {
                assert_eq!(ends.range(s, e), sentence_range(&t, s, e, zh_end), "at {s}..{e}");
            }
        }
    }

    #[test]
    fn sentence_range_is_bounded_on_a_text_without_ends() {
        let t = "钢".repeat(5000) + "一万吨" + &"铁".repeat(5000);
        let s = t.find("一万").unwrap();
        let (a, b) = sentence_range(&t, s, s + 9, |_: &str, _: usize| false);
        assert_eq!(t[a..b].chars().count(), 2 * MAX_SENTENCE_SIDE + 3);
    }
}
