//! Character offsets: byte positions a number of characters away from another, in one place.
//!
//! Input: a text and a byte offset on a character boundary. Output: the byte offset so many
//! characters before or after it, clamped to the text (or to a limit). Invariant: every offset
//! returned is a character boundary, so slicing with it never panics.

/// The byte offset `n` characters before `at` (0 when fewer stand before it; `at` when `n` is 0).
///
/// ```
/// use leapfig::text::chars_before;
/// let t = "产钢三百吨";
/// assert_eq!(&t[chars_before(t, t.len(), 2)..], "百吨");
/// assert_eq!(chars_before(t, 3, 5), 0);
/// ```
pub fn chars_before(text: &str, at: usize, n: usize) -> usize {
    // (No caller asks for 0 characters; the old attribution copy answered one character there.)
    if n == 0 {
        return at;
    }
    text[..at].char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `from`, at most `limit` (and never before `from`).
///
/// ```
/// use leapfig::text::chars_after;
/// let t = "made 300 tons";
/// assert_eq!(&t[..chars_after(t, 0, 4, t.len())], "made");
/// assert_eq!(chars_after(t, 5, 40, 8), 8);
/// ```
pub fn chars_after(text: &str, from: usize, n: usize, limit: usize) -> usize {
    let limit = limit.max(from);
    text[from..limit].char_indices().nth(n).map_or(limit, |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_stay_on_char_boundaries() {
        let t = "a钢b铁c";
        assert_eq!(chars_before(t, t.len(), 1), t.len() - 1);
        assert_eq!(chars_before(t, t.len(), 2), 5);
        assert_eq!(chars_before(t, 4, 9), 0);
        assert_eq!(chars_before(t, 4, 0), 4);
        assert_eq!(chars_after(t, 1, 1, t.len()), 4);
        assert_eq!(chars_after(t, 1, 0, t.len()), 1);
        assert_eq!(chars_after(t, 4, 3, 2), 4);
    }
}
