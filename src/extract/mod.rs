//! Extraction: section text -> claims.
//!
//! Input: one [`Section`] (or any text, for `leapfig scan`) and the article date. Output: the
//! figures in it as [`Claim`]s, in text order, with `start`/`end` in characters and
//! `sentence` filled. [`extract_section`] shifts offsets to the file; [`extract_text`] keeps
//! them relative to the text given. Language rules live in `zh/` and `en/` only; the interval
//! rules both share (qualifier -> low / high, the 多 step, the 倍 ambiguity) in `bounds.rs`.

pub mod bounds;
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
