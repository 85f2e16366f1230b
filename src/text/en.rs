//! Where English sentences and clauses end: the one home of the rule for extraction and
//! attribution, with the abbreviations of one list (`abbreviations_en.csv`, passed in by the
//! caller: `text` sits below the lexicon).
//!
//! Input: a text and a byte offset. Output: whether the character there ends a sentence or
//! separates clauses. Invariant: only the few characters around the offset are read (a long
//! run without spaces costs nothing), and no letter or digit is ever a mark.

use std::collections::HashSet;
use std::hash::BuildHasher;

/// How a full stop is read. Both readings share `\n`, `!`, `?` and the abbreviation list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FullStop {
    /// The extractor's (its `sentence` column): a full stop ends a sentence unless a letter or
    /// digit follows (10.7), the ASCII letters and stops before it are an abbreviation (Sept.,
    /// a.m.) or a single capital (an initial); 。！？ end one too (Chinese inside a translation).
    Figures,
    /// Attribution's: a full stop ends a sentence only before white space or the text's end
    /// (so `tons."` runs on to the next one), and unless the word after the last space or `(`
    /// within five characters is an abbreviation (`1st.` ends one; no initials).
    ///
    /// Why two: the two rules were written apart and give other sentences on quotes, initials,
    /// `1st.` and Chinese marks; attribution's item, period and date windows are cut by its own.
    /// One reading for both would change the tables, so each caller keeps its reading until an
    /// issue decides.
    Context,
}

/// Whether the character at byte `i` of `text` ends a sentence, read as `stop` says;
/// `abbrevs` holds the abbreviations in lower case without their final stop ("a.m").
///
/// ```
/// use leapfig::text::en::{is_sentence_end, FullStop};
/// let abbrevs: std::collections::HashSet<String> = ["sept".to_string()].into_iter().collect();
/// let t = "By Sept. 30 it made 10.7 tons. Then";
/// assert!(!is_sentence_end(t, 7, &abbrevs, FullStop::Figures)); // Sept.
/// assert!(!is_sentence_end(t, 22, &abbrevs, FullStop::Context)); // 10.7
/// assert!(is_sentence_end(t, 29, &abbrevs, FullStop::Context)); // tons.
/// ```
pub fn is_sentence_end<S: BuildHasher>(text: &str, i: usize, abbrevs: &HashSet<String, S>, stop: FullStop) -> bool {
    let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else { return false };
    match (c, stop) {
        ('\n' | '!' | '?', _) | ('。' | '！' | '？', FullStop::Figures) => true,
        ('.', FullStop::Figures) => {
            let next = text[i + 1..].chars().next();
            if next.is_some_and(|n| n.is_ascii_alphanumeric()) {
                return false;
            }
            let before = &text[..i];
            let word_start = before
                .char_indices()
                .rev()
                .find(|(_, ch)| !(ch.is_ascii_alphabetic() || *ch == '.'))
                .map_or(0, |(p, ch)| p + ch.len_utf8());
            let word = &before[word_start..];
            if word.len() == 1 && word.chars().all(|ch| ch.is_ascii_uppercase()) {
                return false;
            }
            word.is_empty() || !is_abbreviation(word, abbrevs)
        }
        ('.', FullStop::Context) => {
            // The word before it, looked for in a few characters only (a long run without
            // spaces must cost nothing): longer than any abbreviation means none.
            let tail = &text[super::chars_before(text, i, 5)..i];
            let word = tail.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
            text[i + 1..].chars().next().is_none_or(char::is_whitespace) && !is_abbreviation(word, abbrevs)
        }
        _ => false,
    }
}

/// Whether `word` (any case) is in the lower-case list.
fn is_abbreviation<S: BuildHasher>(word: &str, abbrevs: &HashSet<String, S>) -> bool {
    abbrevs.contains(word.to_ascii_lowercase().as_str())
}

/// Whether the character at byte `i` of `t` separates two clauses of one sentence: a
/// semicolon, a parenthesis, a dash, or a comma or colon not before a digit (15,000 and 6:00
/// separate nothing).
///
/// ```
/// use leapfig::text::en::is_clause_sep;
/// let t = "15,000 tons, by 6:00";
/// assert!(!is_clause_sep(t, 2) && is_clause_sep(t, 11) && !is_clause_sep(t, 17));
/// ```
pub fn is_clause_sep(t: &str, i: usize) -> bool {
    let mut it = t[i..].chars();
    match it.next() {
        Some(';' | '(' | ')' | '—') => true,
        Some(',' | ':') => !it.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> HashSet<String> {
        ["no", "a.m", "sept", "e.g", "st"].into_iter().map(String::from).collect()
    }

    #[test]
    fn the_two_readings_of_a_full_stop() {
        let a = list();
        let ends = |t: &str, stop| -> Vec<usize> {
            t.char_indices().map(|(i, _)| i).filter(|&i| is_sentence_end(t, i, &a, stop)).collect()
        };
        // Where they agree: numbers, abbreviations (any case), sentence ends.
        let t = "Output rose to 10.7 tons at 8 a.m. (NO. 3 furnace). Then more!";
        assert_eq!(ends(t, FullStop::Figures), ends(t, FullStop::Context));
        // Where they differ: a quote after the stop, an initial, an ordinal, Chinese marks.
        let t = "He said \"made 5 tons.\" J. Li came on the 1st. 钢。";
        let at = |w: &str| t.find(w).unwrap();
        assert_eq!(ends(t, FullStop::Figures), [at("tons.") + 4, at("钢。") + 3]);
        assert_eq!(ends(t, FullStop::Context), [at("J.") + 1, at("1st.") + 3]);
    }
}
