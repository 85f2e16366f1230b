//! The article model every stage shares.
//!
//! Input: built by [`crate::ingest`] from one decoded file. Output: read-only to the later
//! stages. Invariant: every [`Section`] knows the character offset (Unicode scalar values, BOM
//! removed, line endings as in the file) at which its text starts in the decoded file, so a
//! claim found at character `i` of a section stands at `section.start + i` of the file
//! (`../shared/SCHEMA.md`, `start, end`).

use chrono::NaiveDate;
use serde::Serialize;

/// The language of a section (defined with language detection, in the leaf layer).
pub use crate::text::Lang;

/// Which of the three input layouts a file had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// English translation, `<hr />`, `Original:`, then the archive block (the seeds).
    Bilingual,
    /// Chinese only: `### title`, author, date, `第N版`, `专栏：`, body.
    Archive,
    /// No markers: one body section in one language.
    Plain,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Bilingual => "bilingual",
            Format::Archive => "archive",
            Format::Plain => "plain",
        }
    }
}

/// `title` (the headline line) or `body` (the text after the metadata and repeated headline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Title,
    Body,
}

impl SectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Title => "title",
            SectionKind::Body => "body",
        }
    }
}

/// One language's title or body, with the character offset where it starts in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub lang: Lang,
    pub kind: SectionKind,
    /// Character offset of `text`'s first character in the decoded file.
    pub start: usize,
    pub text: String,
}

/// One input article after ingest.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Path relative to the input root, without extension, `/`-separated.
    pub id: String,
    /// The path as given on the command line (or found while walking a directory).
    pub source: String,
    pub format: Format,
    pub date: Option<NaiveDate>,
    pub page: Option<u32>,
    pub title_en: String,
    pub title_zh: String,
    pub author: String,
    pub column: String,
    /// Sections in file order.
    pub sections: Vec<Section>,
}

impl Article {
    /// Characters of text in this language's sections (title + body).
    pub fn chars(&self, lang: Lang) -> usize {
        self.sections.iter().filter(|s| s.lang == lang).map(|s| s.text.chars().count()).sum()
    }

    /// The sections of one language, in file order.
    pub fn sections_in(&self, lang: Lang) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| s.lang == lang)
    }
}
