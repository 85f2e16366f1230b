//! Tokens of the English extractor: the text cut once into words, digit groups (with
//! thousands separators and decimals), ordinals (`10th`) and single punctuation marks, the
//! token look-ups every rule family uses, and [`Phrases`], lexicon phrases cut the same way.
//! (This file reads no word list: the lexicon builds on it, never the other way round.)
//!
//! Input: the section text. Output: [`Tok`]s holding char-boundary byte ranges (so no slice
//! can panic), each with its white space / line break flags; `Ex` helpers read them lower-cased.

use super::Ex;
use crate::text::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum T {
    Word,
    /// Digits, with thousands separators and decimals.
    Num,
    /// Digits with an ordinal suffix: 10th, 21st.
    Ord,
    /// Any other single character that is not white space.
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    /// Byte range in the text (char boundaries).
    pub(super) a: usize,
    pub(super) b: usize,
    pub(super) t: T,
    /// First letter upper case.
    pub(super) cap: bool,
    /// White space before the token.
    pub(super) space: bool,
    /// A line break before the token.
    pub(super) nl: bool,
}

/// Phrases (lower-case words, hyphens ignored) indexed by first word, longest first.
pub(super) struct Phrases<V> {
    pub(super) by_first: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V> Phrases<V> {
    pub(super) fn new(items: Vec<(String, V)>) -> Self {
        let mut by_first: HashMap<String, Vec<(Vec<String>, V)>> = HashMap::default();
        for (phrase, v) in items {
            let words = phrase_words(&phrase);
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push((words, v));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        Phrases { by_first }
    }
}

/// The words of a lexicon phrase as the tokenizer would cut them, hyphens dropped.
fn phrase_words(phrase: &str) -> Vec<String> {
    let lower = phrase.trim().to_lowercase();
    tokenize(&lower).iter().map(|t| lower[t.a..t.b].to_string()).filter(|w| w != "-").collect()
}

/// The text cut into tokens, left to right.
///
/// "It rose to 1,250.5 tons on the 3rd." is `It`, `rose`, `to`, `1,250.5`, `tons`, `on`,
/// `the`, `3rd`, `.`.
pub(super) fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut toks = Vec::with_capacity(n / 4);
    let (mut space, mut nl) = (false, false);
    let mut i = 0;
    while i < n {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            space = true;
            nl |= c == b'\n' || c == b'\r';
            i += 1;
            continue;
        }
        let (t, end) = if c.is_ascii_digit() {
            let mut j = i;
            while j < n && bytes[j].is_ascii_digit() {
                j += 1;
            }
            let mut grouped = false;
            if j - i <= 3 {
                while j + 3 < n
                    && bytes[j] == b','
                    && bytes[j + 1..j + 4].iter().all(u8::is_ascii_digit)
                    && !bytes.get(j + 4).is_some_and(u8::is_ascii_digit)
                {
                    j += 4;
                    grouped = true;
                }
            }
            // 12 000 tons: digits grouped by three with spaces, where no comma grouped them.
            if j - i <= 3 && !grouped && space_group_end(bytes, j).is_some() && !spaced_group_blocked(text, &toks) {
                while let Some(k) = space_group_end(bytes, j) {
                    j = k;
                    grouped = true;
                }
            }
            let mut decimal = false;
            if j + 1 < n && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit() {
                j += 1;
                while j < n && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                decimal = true;
            }
            let suffix = bytes.get(j..j + 2).map(|s| s.to_ascii_lowercase());
            let is_ord = !grouped
                && !decimal
                && matches!(suffix.as_deref(), Some(b"st" | b"nd" | b"rd" | b"th"))
                && !bytes.get(j + 2).is_some_and(u8::is_ascii_alphabetic);
            if is_ord {
                (T::Ord, j + 2)
            } else {
                (T::Num, j)
            }
        } else if c.is_ascii_alphabetic() {
            let mut j = i;
            while j < n && bytes[j].is_ascii_alphabetic() {
                j += 1;
            }
            (T::Word, j)
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if ch.is_whitespace() {
                space = true;
                i += ch.len_utf8();
                continue;
            }
            (T::Punct, i + ch.len_utf8())
        };
        toks.push(Tok { a: i, b: end, t, cap: c.is_ascii_uppercase(), space, nl });
        space = false;
        nl = false;
        i = end;
    }
    toks
}

/// The end of a three-digit group that a grouping space at byte `j` joins to the digits before
/// it (`12 000`: the ASCII space, the no-break space or a thin space, then exactly three digits
/// and no fourth, nor a comma group after them), if one does.
fn space_group_end(bytes: &[u8], j: usize) -> Option<usize> {
    let width = match bytes.get(j..)? {
        [b' ', ..] => 1,
        [0xC2, 0xA0, ..] => 2,
        [0xE2, 0x80, 0x89 | 0xAF, ..] => 3,
        _ => return None,
    };
    let g = j + width;
    let digits = bytes.get(g..g + 3)?.iter().all(u8::is_ascii_digit);
    let tail = bytes.get(g + 3..).unwrap_or(&[]);
    let more = match tail {
        [d, ..] if d.is_ascii_digit() => true,
        [b',', d, ..] if d.is_ascii_digit() => true,
        _ => false,
    };
    (digits && !more).then_some(g + 3)
}

/// Whether the token before a digit group keeps a space after it from grouping: a number
/// (1958 3 000: a list, or a year and a count), a month (October 3 500 workers: a day and a
/// count) or a page or item number (page 12 300, No. 3 500).
fn spaced_group_blocked(text: &str, toks: &[Tok]) -> bool {
    let word = |t: &Tok| text.get(t.a..t.b).unwrap_or("").to_ascii_lowercase();
    let blocks = |w: &str| {
        super::dates::is_month_name(w)
            || matches!(w, "page" | "pages" | "p" | "pp" | "no" | "nos" | "number" | "item" | "article" | "chapter")
    };
    match toks {
        [.., last] if matches!(last.t, T::Num | T::Ord) => true,
        [.., w, dot] if dot.t == T::Punct && word(dot) == "." && w.t == T::Word => blocks(&word(w)),
        [.., last] if last.t == T::Word => blocks(&word(last)),
        _ => false,
    }
}

impl<'a> Ex<'a> {
    /// Lower-case text of token `i` ("" past the end).
    pub(super) fn w(&self, i: usize) -> &str {
        self.toks.get(i).and_then(|t| self.lower.get(t.a..t.b)).unwrap_or("")
    }

    /// The type of token `i` (None past the end).
    pub(super) fn t(&self, i: usize) -> Option<T> {
        self.toks.get(i).map(|t| t.t)
    }

    /// Token `i` is the (lower-case) word `s`.
    pub(super) fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }

    /// Token `i` is one of the words of `set`.
    pub(super) fn is_any(&self, i: usize, set: &[&str]) -> bool {
        let w = self.w(i);
        !w.is_empty() && set.contains(&w)
    }

    /// Token `i` is the punctuation mark `c`.
    pub(super) fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.t == T::Punct && self.text[t.a..].starts_with(c))
    }

    /// Token `i` follows the previous one without white space.
    pub(super) fn tight(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space)
    }

    /// Token `i` exists and starts no new line.
    pub(super) fn same_line(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.nl)
    }

    /// The sentence number of token `i` (`usize::MAX` past the end).
    pub(super) fn sentence(&self, i: usize) -> usize {
        self.sent.get(i).copied().unwrap_or(usize::MAX)
    }

    /// The lower-case text of the token before `i` ("" at the start).
    pub(super) fn prev_word(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.w(i - 1)
        }
    }

    /// Matches lexicon phrase words at `i` (hyphens between words skipped, same line);
    /// returns the end token.
    pub(super) fn match_words(&self, i: usize, words: &[String]) -> Option<usize> {
        let mut k = i;
        for (n, word) in words.iter().enumerate() {
            if n > 0 {
                if self.is_punct(k, '-') && word != "-" {
                    k += 1;
                }
                if !self.same_line(k) {
                    return None;
                }
            }
            if self.w(k) != word {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    /// The longest phrase of `set` at token `i`: its end and value.
    pub(super) fn longest<'p, V>(&self, set: &'p Phrases<V>, i: usize) -> Option<(usize, &'p V)> {
        let list = set.by_first.get(self.w(i))?;
        list.iter().find_map(|(words, v)| self.match_words(i, words).map(|end| (end, v)))
    }

    /// The words `words` in a row at `i` (hyphens between them skipped, same line): the end.
    pub(super) fn seq(&self, i: usize, words: &[&str]) -> Option<usize> {
        let mut k = i;
        for (n, word) in words.iter().enumerate() {
            if n > 0 && self.is_punct(k, '-') {
                k += 1;
            }
            // Lengths first: most tokens fail there, without slicing the text (issue 8).
            let len_ok = self.toks.get(k).is_some_and(|t| t.b - t.a == word.len());
            if !len_ok || self.w(k) != *word || (n > 0 && !self.same_line(k)) {
                return None;
            }
            k += 1;
        }
        Some(k)
    }
}
