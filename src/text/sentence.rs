//! The sentence around a figure, found once per text.
//!
//! Input: a text and a per-language rule saying which characters end a sentence (the rules
//! live with the extractors). Output: [`SentenceEnds`], which gives the byte range of the
//! sentence around any span. Invariant: a sentence reaches at most [`MAX_SENTENCE_SIDE`]
//! characters on either side of the figure, so a text without sentence ends (a 50 MB single
//! line) never makes every claim carry all of it.

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
