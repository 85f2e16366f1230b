//! Ingest: one file's decoded text -> [`Article`] (layouts and metadata); finding, reading and
//! decoding the files is [`files`]'s part.
//!
//! Input: the decoded text of an article file, its id and source path, and an optional date for
//! plain files. Output: an [`Article`] with metadata and per-language `title`/`body` sections,
//! or an [`IngestError`] that names the line at fault.
//!
//! Three layouts exist (`../shared/corpus/*/README.md`):
//! - **bilingual**: `Title:/Author:/Date:/Page:` headers, the English text, `<hr />`,
//!   `Original:`, then an archive block;
//! - **archive**: `### title`, author line, `YYYY-MM-DD`, `第N版(...)`, `专栏：...`, body;
//! - **plain**: none of those markers; one body section in the detected language.
//!
//! Invariants: text is decoded by [`decode`] (UTF-8 with or without BOM, or GB18030/GBK) with
//! the BOM removed and every line ending kept, so section offsets are character offsets into the file
//! as `../shared/SCHEMA.md` defines them. A body never includes the metadata lines, nor the
//! headline/deck and author lines the archive repeats at its top (they would double every
//! headline figure); the rule is the one `../shared/tools/score_gold.py` uses.

pub mod files;

pub use files::{collect_inputs, decode, read_file, ErrorStage, Input, InputError};

use chrono::NaiveDate;
use thiserror::Error;

use crate::article::{Article, Format, Lang, Section, SectionKind};
use crate::dates::parse_iso;
use crate::text::detect_lang;

/// Why a file could not be read as an article. `line` is 1-based where known.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IngestError {
    #[error("empty file")]
    Empty,
    #[error("binary file (NUL byte on line {line})")]
    Binary { line: usize },
    #[error("invalid UTF-8 on line {line} (byte {byte} of the file)")]
    InvalidUtf8 { line: usize, byte: usize },
    #[error("neither UTF-8 nor GB18030 text (first byte that is not UTF-8 on line {line})")]
    Undecodable { line: usize },
    #[error("bilingual file without the `<hr />` line that separates the translation from the original (header `Title:` on line {line})")]
    MissingSeparator { line: usize },
    #[error("line {line}: `{text}` is not a date (YYYY-MM-DD expected)")]
    BadDate { line: usize, text: String },
    #[error("{what} on line {line}")]
    UnknownFormat { line: usize, what: String },
    #[error("plain text without a date: give --date or start the file name with YYYY-MM-DD")]
    NoDate,
}

impl IngestError {
    /// The 1-based line at fault, where there is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            IngestError::Binary { line }
            | IngestError::InvalidUtf8 { line, .. }
            | IngestError::Undecodable { line }
            | IngestError::MissingSeparator { line }
            | IngestError::BadDate { line, .. }
            | IngestError::UnknownFormat { line, .. } => Some(*line),
            IngestError::Empty | IngestError::NoDate => None,
        }
    }
}

/// One line of the decoded text: where it starts (in bytes) and its content without
/// the line ending.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// 1-based line number.
    no: usize,
    byte_start: usize,
    text: &'a str,
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut byte = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let content = raw.strip_suffix('\r').unwrap_or(raw);
        out.push(Line { no: i + 1, byte_start: byte, text: content });
        byte += raw.len() + 1;
    }
    out
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A section starting at `from` (a char offset within `line`) and running to byte `end` of the
/// text, with trailing white space dropped. None when empty.
fn section(text: &str, lang: Lang, kind: SectionKind, start_byte: usize, end_byte: usize) -> Option<Section> {
    let s = &text[start_byte..end_byte];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if body.is_empty() {
        return None;
    }
    let start = text[..start_byte + lead].chars().count();
    Some(Section { lang, kind, start, text: body.to_string() })
}

/// The index of the first body line after `from`: blank lines, lines contained in the title
/// and the author line are skipped (the archive repeats headline and author at the top).
fn body_start(lines: &[Line<'_>], from: usize, title: &str, author: &str) -> usize {
    let t = compact(title);
    let mut i = from;
    while i < lines.len() {
        let st = lines[i].text.trim();
        let c = compact(st);
        if st.is_empty()
            || st == "Original:"
            || (!t.is_empty() && !c.is_empty() && t.contains(&c))
            || (!author.is_empty() && st == author)
        {
            i += 1;
            continue;
        }
        break;
    }
    i
}

fn is_page_line(s: &str) -> Option<u32> {
    let rest = s.trim().strip_prefix('第')?;
    let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let after = &rest[n.len()..];
    if n.is_empty() || !after.starts_with('版') {
        return None;
    }
    n.parse().ok()
}

/// Metadata of an archive block, and where its body starts.
struct ArchiveBlock {
    title: String,
    title_section: Option<Section>,
    author: String,
    date: NaiveDate,
    page: Option<u32>,
    column: String,
    body: Option<Section>,
}

/// Parses an archive block: `lines[first]` is the `###` line; the body runs to byte `end`.
fn parse_archive(text: &str, lines: &[Line<'_>], first: usize, end: usize) -> Result<ArchiveBlock, IngestError> {
    let head = lines[first];
    let hash = head.text.find("###").unwrap_or(0);
    let title_raw = &head.text[hash + 3..];
    let title = title_raw.trim().to_string();
    let title_section =
        section(text, Lang::Zh, SectionKind::Title, head.byte_start + hash + 3, head.byte_start + head.text.len());
    let mut i = first + 1;
    let mut author = String::new();
    // The author line (often empty) comes before the date, unless it is left out.
    if i < lines.len() && parse_iso(lines[i].text).is_none() {
        author = lines[i].text.trim().to_string();
        i += 1;
    }
    let date_line = lines.get(i).ok_or(IngestError::UnknownFormat {
        line: head.no,
        what: "archive headline `###` with no date line after it".into(),
    })?;
    let date = parse_iso(date_line.text)
        .ok_or_else(|| IngestError::BadDate { line: date_line.no, text: date_line.text.trim().to_string() })?;
    i += 1;
    let mut page = None;
    let mut column = String::new();
    if let Some(p) = lines.get(i).and_then(|l| is_page_line(l.text)) {
        page = Some(p);
        i += 1;
    }
    if let Some(l) = lines.get(i) {
        let st = l.text.trim();
        if let Some(c) = st.strip_prefix("专栏：").or_else(|| st.strip_prefix("专栏:")) {
            column = c.trim().to_string();
            i += 1;
        }
    }
    let b = body_start(lines, i, &title, &author);
    let body = if b < lines.len() && lines[b].byte_start < end {
        section(text, Lang::Zh, SectionKind::Body, lines[b].byte_start, end)
    } else {
        None
    };
    Ok(ArchiveBlock { title, title_section, author, date, page, column, body })
}

/// Reads one decoded file as an article.
///
/// `date_hint` dates a plain file (from `--date` or its file name); the other formats carry
/// their own date. A file whose first line is `Title: Steel output doubles` is bilingual, one
/// whose first line is `### 钢产量翻番` an archive file, anything else plain text.
pub fn parse(id: &str, source: &str, text: &str, date_hint: Option<NaiveDate>) -> Result<Article, IngestError> {
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let lines = split_lines(text);
    let first = lines.iter().position(|l| !l.text.trim().is_empty()).unwrap_or(0);
    let first_text = lines[first].text.trim_start();
    let hr = lines.iter().position(|l| l.text.trim() == "<hr />");
    let mut article = Article {
        id: id.to_string(),
        source: source.to_string(),
        format: Format::Plain,
        date: None,
        page: None,
        title_en: String::new(),
        title_zh: String::new(),
        author: String::new(),
        column: String::new(),
        sections: Vec::new(),
    };
    if first_text.starts_with("Title:") {
        let hr = hr.ok_or(IngestError::MissingSeparator { line: lines[first].no })?;
        parse_bilingual(&mut article, text, &lines, first, hr)?;
    } else if first_text.starts_with("###") {
        if let Some(h) = hr {
            return Err(IngestError::UnknownFormat { line: lines[h].no, what: "`<hr />` in an archive file".into() });
        }
        article.format = Format::Archive;
        let block = parse_archive(text, &lines, first, text.len())?;
        article.date = Some(block.date);
        article.title_zh = block.title;
        article.author = block.author;
        article.page = block.page;
        article.column = block.column;
        article.sections.extend(block.title_section);
        article.sections.extend(block.body);
    } else {
        parse_plain(&mut article, text, &lines, hr, date_hint)?;
    }
    Ok(article)
}

/// The English half of a bilingual file (its `Title:/Author:/Date:/Page:` header and the body
/// up to `<hr />` on line index `hr`), then the archive block of the original after it.
fn parse_bilingual(
    article: &mut Article,
    text: &str,
    lines: &[Line<'_>],
    first: usize,
    hr: usize,
) -> Result<(), IngestError> {
    article.format = Format::Bilingual;
    let body_from = bilingual_header(article, text, lines, first, hr)?;
    let en_title = article.title_en.clone();
    let b = body_start(lines, body_from, &en_title, &article.author);
    if b < hr {
        if let Some(s) = section(text, Lang::En, SectionKind::Body, lines[b].byte_start, lines[hr].byte_start) {
            article.sections.push(s);
        }
    }
    let hash = lines[hr + 1..].iter().position(|l| l.text.trim_start().starts_with("###")).map(|p| p + hr + 1).ok_or(
        IngestError::UnknownFormat {
            line: lines[hr].no,
            what: "no `###` headline of the original after `<hr />`".into(),
        },
    )?;
    let block = parse_archive(text, lines, hash, text.len())?;
    article.title_zh = block.title;
    if article.author.is_empty() {
        article.author = block.author;
    }
    article.page = article.page.or(block.page);
    article.column = block.column;
    article.sections.extend(block.title_section);
    article.sections.extend(block.body);
    Ok(())
}

/// Reads the `Title:/Author:/Date:/Page:` header lines of a bilingual file into `article` and
/// returns the index of the line after them (where the English body may start).
fn bilingual_header(
    article: &mut Article,
    text: &str,
    lines: &[Line<'_>],
    first: usize,
    hr: usize,
) -> Result<usize, IngestError> {
    let mut date_seen = false;
    let mut body_from = first + 1;
    for (i, l) in lines.iter().enumerate().take(hr).skip(first) {
        let st = l.text.trim();
        let lead = l.text.len() - l.text.trim_start().len();
        if let Some(rest) = st.strip_prefix("Title:") {
            article.title_en = rest.trim().to_string();
            let off = l.byte_start + lead + "Title:".len();
            if let Some(s) = section(text, Lang::En, SectionKind::Title, off, l.byte_start + l.text.len()) {
                article.sections.push(s);
            }
        } else if let Some(rest) = st.strip_prefix("Author:") {
            article.author = rest.trim().to_string();
        } else if let Some(rest) = st.strip_prefix("Date:") {
            article.date = Some(
                parse_iso(rest).ok_or_else(|| IngestError::BadDate { line: l.no, text: rest.trim().to_string() })?,
            );
            date_seen = true;
        } else if let Some(rest) = st.strip_prefix("Page:") {
            article.page = rest.trim().parse().ok();
            body_from = i + 1;
            break;
        } else if st.is_empty() {
            continue;
        } else {
            // The first line that is not a header starts the body (no `Page:` line).
            body_from = i;
            break;
        }
        body_from = i + 1;
    }
    if !date_seen {
        return Err(IngestError::UnknownFormat {
            line: lines[first].no,
            what: "bilingual header without a `Date:` line".into(),
        });
    }
    Ok(body_from)
}

/// Plain text: one body section in the detected language, dated by `date_hint`, unless it
/// carries markers of the other layouts out of place (then it is an error, not plain text).
fn parse_plain(
    article: &mut Article,
    text: &str,
    lines: &[Line<'_>],
    hr: Option<usize>,
    date_hint: Option<NaiveDate>,
) -> Result<(), IngestError> {
    if let Some(h) = hr {
        return Err(IngestError::UnknownFormat {
            line: lines[h].no,
            what: "`<hr />` without the `Title:` header of a bilingual file".into(),
        });
    }
    if let Some(l) = lines.iter().take(12).find(|l| {
        let st = l.text.trim_start();
        ["Author:", "Date:", "Page:", "Original:"].iter().any(|m| st.starts_with(m)) || st.starts_with("###")
    }) {
        return Err(IngestError::UnknownFormat {
            line: l.no,
            what: format!("header `{}` out of place (not a bilingual, archive or plain layout)", l.text.trim()),
        });
    }
    article.date = Some(date_hint.ok_or(IngestError::NoDate)?);
    let lang = detect_lang(text);
    article.sections.extend(section(text, lang, SectionKind::Body, 0, text.len()));
    Ok(())
}

/// The date a file name starts with (`1958-10-02_安徽一天出铁.md`).
pub fn date_from_file_name(name: &str) -> Option<NaiveDate> {
    name.get(..10).and_then(parse_iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec(a: &Article, lang: Lang, kind: SectionKind) -> &Section {
        a.sections.iter().find(|s| s.lang == lang && s.kind == kind).unwrap()
    }

    const BILINGUAL: &str = "Title: Coal Per Day\nAuthor:\nDate: 1958-10-13\nPage: 2\n\nCoal Per Day\nOn the 10th, output reached 15,000 tons.\n\n<hr /> \n\nOriginal: \n\n\n### 一天产煤\n\n1958-10-13\n第2版()\n专栏：\n\n    一天产煤\n    10日原煤产量达到一万五千吨。\n";

    #[test]
    fn bilingual_sections_and_metadata() {
        let a = parse("x", "x.txt", BILINGUAL, None).unwrap();
        assert_eq!(a.format, Format::Bilingual);
        assert_eq!(a.date, parse_iso("1958-10-13"));
        assert_eq!(a.page, Some(2));
        assert_eq!(a.title_en, "Coal Per Day");
        assert_eq!(a.title_zh, "一天产煤");
        let body = sec(&a, Lang::En, SectionKind::Body);
        assert_eq!(body.text, "On the 10th, output reached 15,000 tons.");
        let zh = sec(&a, Lang::Zh, SectionKind::Body);
        assert_eq!(zh.text, "10日原煤产量达到一万五千吨。");
        let all: Vec<char> = BILINGUAL.chars().collect();
        for s in &a.sections {
            let got: String = all[s.start..s.start + s.text.chars().count()].iter().collect();
            assert_eq!(got, s.text);
        }
    }

    #[test]
    fn archive_with_crlf_header_and_author() {
        let t = "### 标题  副题\r\n于竞祁\r\n1958-10-02\r\n第1版()\n专栏：钢铁战线\n\n　　标题\n　　副题\n    于竞祁\n    正文9月30日产铁。\r\n";
        let a = parse("y", "y.md", t, None).unwrap();
        assert_eq!(a.format, Format::Archive);
        assert_eq!(a.author, "于竞祁");
        assert_eq!(a.column, "钢铁战线");
        assert_eq!(a.page, Some(1));
        assert_eq!(sec(&a, Lang::Zh, SectionKind::Title).text, "标题  副题");
        let body = sec(&a, Lang::Zh, SectionKind::Body);
        assert_eq!(body.text, "正文9月30日产铁。");
        let all: Vec<char> = t.chars().collect();
        assert_eq!(all[body.start], '正');
    }

    #[test]
    fn plain_files_need_a_date() {
        assert_eq!(parse("p", "p.txt", "日产钢五千吨。", None).unwrap_err(), IngestError::NoDate);
        let a = parse("p", "p.txt", "  日产钢五千吨。", parse_iso("1958-11-02")).unwrap();
        assert_eq!(a.sections[0].lang, Lang::Zh);
        assert_eq!(a.sections[0].start, 2);
        let e = parse("p", "p.txt", "Output reached 5,000 tons.", parse_iso("1958-11-02")).unwrap();
        assert_eq!(e.sections[0].lang, Lang::En);
        assert_eq!(date_from_file_name("1958-10-02_安徽.md"), parse_iso("1958-10-02"));
    }

    #[test]
    fn bad_inputs_name_the_line() {
        assert_eq!(parse("e", "e", " \n\n", None).unwrap_err(), IngestError::Empty);
        let no_hr = BILINGUAL.replace("<hr /> ", "");
        assert_eq!(parse("e", "e", &no_hr, None).unwrap_err(), IngestError::MissingSeparator { line: 1 });
        let bad_date = BILINGUAL.replace("Date: 1958-10-13", "Date: Oct 13");
        assert_eq!(
            parse("e", "e", &bad_date, None).unwrap_err(),
            IngestError::BadDate { line: 3, text: "Oct 13".into() }
        );
        let bad_zh_date = "### 题\n\n1958-1O-02\n正文";
        assert_eq!(parse("e", "e", bad_zh_date, None).unwrap_err().line(), Some(3));
        let stray = "Some text\n<hr />\nmore";
        assert!(matches!(parse("e", "e", stray, None).unwrap_err(), IngestError::UnknownFormat { line: 2, .. }));
    }
}
