//! The English dateline ("Xinhua News Agency, Changsha, 12th", "(Our Wuhan Dispatch, October
//! 5th)", "This newspaper, Yinchuan, 5th"): the one rule that says a date is the day the news
//! was filed, for the extractor (bare days and "today" count from that day) and for
//! attribution (a dateline's day dates no figure).
//!
//! Input: the section text and the byte range of a date in it. Output: whether that date is
//! the dateline, read with the evidence the caller asks for ([`Evidence`]). Invariant: only the
//! date's line, at most `REACH` characters before it, is read.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::chars_before;

/// How many characters before a date its dateline's agency and city may stand.
const REACH: usize = 80;

/// How far into a body (bytes) a dateline may start.
const HEAD: usize = 200;

/// The agency or newspaper before the dateline's day (the end of the text before the date).
static AGENCY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:xinhua|news agency|dispatch|this newspaper|our newspaper)[^.;:0-9]{0,40}$")
        .expect("dateline pattern")
});

/// What makes a date the dateline.
///
/// Why two: the extractor has always taken the place of the date (near the body's start,
/// right after "," or "("), attribution the agency or newspaper named before it in its line
/// (for every date, wherever it stands). On the corpus and the bench input the extractor asking
/// for the agency too gives the same tables, but a translation may put the agency after the day
/// ("Changsha, 12th (Xinhua)") or name none, and a date after "," near the start is not always
/// a dateline; one reading for both would move `today` or a figure's date on such texts, so
/// each caller keeps its own until an issue decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Where it stands: within the first `HEAD` bytes, right after "," or "(" (the
    /// extractor's reading; the extractor also asks for an explicit date in a body, the first).
    Place,
    /// The agency or newspaper named before it in its line (attribution's reading).
    Agency,
}

/// Whether the date at bytes `[start, _)` of `text` is the dateline, read with `evidence`.
///
/// ```
/// use leapfig::extract::en::{dateline, Evidence};
/// let t = "Our newspaper, Anyang, 3rd - The county has made 200 tons of iron.";
/// let start = t.find("3rd").unwrap();
/// assert!(dateline(t, start, Evidence::Place) && dateline(t, start, Evidence::Agency));
/// let t = "Anyang, 3rd - The county has made 200 tons of iron.";
/// assert!(!dateline(t, t.find("3rd").unwrap(), Evidence::Agency));
/// ```
pub fn dateline(text: &str, start: usize, evidence: Evidence) -> bool {
    let Some(before) = text.get(..start) else { return false };
    match evidence {
        Evidence::Place => start < HEAD && before.trim_end().ends_with([',', '(']),
        Evidence::Agency => {
            // A dateline stands at its line's start: a short look-back is enough.
            let from = chars_before(text, start, REACH);
            let from = text[from..start].rfind('\n').map_or(from, |p| from + p + 1);
            AGENCY_BEFORE.is_match(&text[from..start])
        }
    }
}

/// Whether the words around a bare ordinal after "," or "(" make it a dateline's day rather
/// than a number: the ordinal ends the phrase (punctuation or the text's end follows) or
/// "dispatch" follows it ("Changsha, 12th.", "(Wuhan, 5th dispatch)"). `next` is the lower-case
/// word after the ordinal, None where punctuation or nothing follows.
pub(super) fn dateline_ordinal(next: Option<&str>) -> bool {
    next.is_none_or(|w| w == "dispatch")
}
