//! Where Chinese sentences and clauses end: the one home of these marks for extraction and
//! attribution.
//!
//! Input: a character (or a text and a byte offset). Output: whether it ends a sentence, ends a
//! clause (extraction's look-back window) or separates clauses inside a sentence (attribution).
//! Invariant: no letter, digit or ideograph is ever a mark.

/// Which marks end a Chinese sentence besides 。！？ and the line feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// The full-width marks only: the extractor's `sentence` column and its look-backs.
    FullWidth,
    /// Also the ASCII `!` and `?`: attribution's sentences.
    ///
    /// Why two: the extractor has always cut the `sentence` column at full-width marks only,
    /// attribution at both. Neither the corpus nor the bench input holds an ASCII `!`/`?` after
    /// Chinese text, but a text that did would get another `sentence` column (or other
    /// attributes) from one set for both; so each caller keeps its own until an issue decides.
    WithAscii,
}

/// Whether `c` ends a Chinese sentence (。！？ and the line feed; `!` `?` too with
/// [`Marks::WithAscii`]).
///
/// ```
/// use leapfig::text::zh::{is_sentence_end, Marks};
/// assert!(is_sentence_end('。', Marks::FullWidth) && !is_sentence_end('，', Marks::FullWidth));
/// assert!(!is_sentence_end('!', Marks::FullWidth) && is_sentence_end('!', Marks::WithAscii));
/// ```
pub fn is_sentence_end(c: char, marks: Marks) -> bool {
    matches!(c, '。' | '！' | '？' | '\n') || (marks == Marks::WithAscii && matches!(c, '!' | '?'))
}

/// Whether `c` ends a clause for the extractor: a sentence end or a comma, semicolon, colon or
/// enumeration comma (、), full-width or ASCII. What a qualifier or a counted noun is looked for
/// within (五座高炉，日产 …: 座 counts nothing after the comma).
///
/// ```
/// use leapfig::text::zh::is_clause_end;
/// assert!(is_clause_end('，') && is_clause_end('、') && is_clause_end('。') && !is_clause_end('吨'));
/// ```
pub fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '！' | '？' | '\n' | '：' | ',' | ';' | '、')
}

/// Whether the character at byte `i` of `t` separates two clauses of one sentence for
/// attribution: a comma, semicolon or colon (full-width or ASCII), an ideographic space, or two
/// spaces (headline parts are set apart by spaces: 半月任务一天完成  全省日产铁万吨). Unlike
/// [`is_clause_end`], no sentence end and no 、 (a list inside a clause).
///
/// ```
/// use leapfig::text::zh::is_clause_sep;
/// let t = "钢，铁  煤";
/// assert!(is_clause_sep(t, 3) && is_clause_sep(t, 9) && !is_clause_sep(t, 0));
/// ```
pub fn is_clause_sep(t: &str, i: usize) -> bool {
    matches!(t[i..].chars().next(), Some('，' | '；' | '：' | ';' | ':' | ',' | '　')) || t[i..].starts_with("  ")
}
