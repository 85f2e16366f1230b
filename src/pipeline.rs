//! The pipeline: the per-article stage functions that `leapfig run`, `leapfig scan`, the bench
//! and the tests all call, so each runs the same code.
//!
//! Input: an [`Input`] (a file and its article id) or its decoded text, or any text for
//! `scan`. Output: an [`ArticleResult`] (the article, its attributed claims, its en <-> zh
//! pairs) or an [`InputError`] naming the file, the [`ErrorStage`] and the line. Stages, in
//! order: read + decode ([`read_file`]) -> ingest ([`ingest_text`]) -> extract
//! ([`extract_sections`]) -> attribute ([`attribute_sections`]) -> reconcile and group into
//! figures ([`reconcile_article`]). Invariants: one article at a time, no shared state, so articles run
//! in any order and in parallel with the same result; claim offsets are characters into the
//! file (into the text, for [`scan_text`]).

use chrono::NaiveDate;

use crate::article::{Article, Lang, Section, SectionKind};
use crate::claim::Claim;
use crate::figures::{self, Figures};
use crate::reconcile::{self, Pair};
use crate::text::detect_lang;
use crate::{attribute, extract, ingest};

pub use crate::ingest::files::{read_file, ErrorStage, Input, InputError};

/// One article after the whole pipeline.
#[derive(Debug, Clone)]
pub struct ArticleResult {
    pub article: Article,
    /// Characters of English and Chinese text (kept when the section texts are dropped).
    pub chars_en: usize,
    pub chars_zh: usize,
    /// Claims of every section, offsets into the file.
    pub claims: Vec<Claim>,
    pub pairs: Vec<Pair>,
    /// Which claims state one figure ([`figures::group`]).
    pub figures: Figures,
    /// Equal for two inputs holding the same Chinese article ([`figures::text_key`]).
    pub zh_key: Option<(u64, usize)>,
}

impl ArticleResult {
    /// Drops the section texts, which the tables do not need, so that a part waiting to be
    /// written holds its rows, not the bytes it read.
    pub fn without_text(mut self) -> Self {
        for s in &mut self.article.sections {
            s.text = String::new();
        }
        self
    }
}

/// Runs the whole pipeline on one article (already ingested): extract, attribute, reconcile.
///
/// For a bilingual article whose English says "output reached 15,000 tons" and whose Chinese
/// says 产量达到一万五千吨, the result holds the two claims and one `match` pair.
pub fn process_article(article: Article) -> ArticleResult {
    let claims = attribute_sections(&article, extract_sections(&article));
    reconcile_article(article, claims)
}

/// Stage 1 of [`process_article`]: the claims of each section, in section order, offsets into
/// the file, before attribution.
///
/// A body section "Each furnace made 3 tons a day." gives one claim `3 tons` with no item yet.
pub fn extract_sections(article: &Article) -> Vec<Vec<Claim>> {
    article.sections.iter().map(|s| extract::extract_section(s, article.date)).collect()
}

/// Stage 2 of [`process_article`]: each section's claims attributed (item, period, claim type,
/// date, place) against their section, concatenated in section order.
///
/// The claim `3 tons` of "Each furnace made 3 tons of iron a day." gets the item iron, period day.
pub fn attribute_sections(article: &Article, per_section: Vec<Vec<Claim>>) -> Vec<Claim> {
    // The title of each language leads its body's places (a body that names none is the
    // title's place).
    let lead = |lang: Lang| {
        let title = article.sections.iter().find(|s| s.lang == lang && s.kind == SectionKind::Title)?;
        attribute::lead(title)
    };
    let leads = [lead(Lang::Zh), lead(Lang::En)];
    let lead_of =
        |s: &Section| if s.kind == SectionKind::Title { None } else { leads[(s.lang == Lang::En) as usize].as_ref() };
    article.sections.iter().zip(per_section).flat_map(|(s, found)| attribute::attribute(s, found, lead_of(s))).collect()
}

/// Stage 3 of [`process_article`]: the English claims matched with the Chinese ones, the
/// mentions grouped into figures, the article's duplicate key and its character counts, kept
/// for when the texts are dropped.
///
/// "5,000 tons" in the English and 五千吨 in the Chinese make one `match` pair.
pub fn reconcile_article(article: Article, claims: Vec<Claim>) -> ArticleResult {
    let pairs = reconcile::reconcile(&claims);
    let chars_en = article.chars(Lang::En);
    let chars_zh = article.chars(Lang::Zh);
    let figures = figures::group(&claims, &pairs);
    let zh_key = figures::text_key(&article);
    ArticleResult { article, chars_en, chars_zh, claims, pairs, figures, zh_key }
}

/// Ingests the decoded text of one file (the date from `date`, else from the file name).
///
/// A plain file `1958-10-02_iron.txt` holding 全县日产铁三百吨。 becomes a plain article dated
/// 1958-10-02 with one Chinese body section; without a date in its name nor `date`, it is an
/// [`ErrorStage::Ingest`] error.
pub fn ingest_text(input: &Input, text: &str, date: Option<NaiveDate>) -> Result<Article, InputError> {
    let name = input.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let hint = date.or_else(|| ingest::date_from_file_name(&name));
    let source = input.path.display().to_string();
    ingest::parse(&input.id, &source, text, hint).map_err(|e| input.error(ErrorStage::Ingest, e.line(), e.to_string()))
}

/// Reads, decodes and ingests one file: [`read_file`], then [`ingest_text`].
///
/// A GBK-encoded archive file reads as the same article as its UTF-8 copy.
pub fn ingest_file(input: &Input, date: Option<NaiveDate>) -> Result<Article, InputError> {
    ingest_text(input, &read_file(input)?, date)
}

/// Reads, decodes and ingests one file, then runs the pipeline on it ([`ingest_file`], then
/// [`process_article`]): what `leapfig run` does with each input.
///
/// A file that is not text (a NUL byte on line 3) gives an [`ErrorStage::Decode`] error naming
/// line 3, never a panic.
pub fn process_file(input: &Input, date: Option<NaiveDate>) -> Result<ArticleResult, InputError> {
    Ok(process_article(ingest_file(input, date)?))
}

/// The claims of a piece of text (what `leapfig scan` prints), offsets relative to the text:
/// the text is one body section in `lang` (None: detected), dates resolved against `date`.
///
/// `scan_text("10日产铁三百吨", Some(Lang::Zh), parse_iso("1958-10-13"))` gives a date claim
/// (1958-10-10) and a mass claim of 300 tonnes.
pub fn scan_text(text: &str, lang: Option<Lang>, date: Option<NaiveDate>) -> Vec<Claim> {
    let lang = lang.unwrap_or_else(|| detect_lang(text));
    let section = Section { lang, kind: SectionKind::Body, start: 0, text: text.to_string() };
    let claims = extract::extract_section(&section, date);
    attribute::attribute(&section, claims, None)
}
