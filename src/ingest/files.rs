//! Files: paths -> inputs -> decoded text.
//!
//! Input: the paths given on the command line. Output: the [`Input`]s to read (folders walked,
//! ids assigned, a repeated id refused), then each file's text, decoded ([`read_file`], [`decode`]),
//! or an [`InputError`] naming the file, the stage and the line. Invariant: the decoded text is
//! the file's characters exactly (BOM removed, every line ending kept), so character offsets
//! into it are the offsets `../shared/SCHEMA.md` defines; nothing here reads the article's
//! layout (that is [`super::parse`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::IngestError;

/// Where an input failed: the `stage` column of `errors.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorStage {
    /// Finding the inputs: a path that does not exist, a folder that cannot be listed, a
    /// second file with an article id already seen.
    Input,
    /// Reading the file's bytes.
    Read,
    /// Decoding them as text ([`decode`]).
    Decode,
    /// Reading the text as an article ([`super::parse`]).
    Ingest,
}

impl ErrorStage {
    /// Every stage, in pipeline order: the order the codebook lists them in.
    pub const ALL: [ErrorStage; 4] = [ErrorStage::Input, ErrorStage::Read, ErrorStage::Decode, ErrorStage::Ingest];

    /// The names of [`ErrorStage::ALL`], in that order (the codebook's allowed values).
    pub const NAMES: [&'static str; 4] = {
        let mut names = [""; 4];
        let mut i = 0;
        while i < names.len() {
            names[i] = Self::ALL[i].as_str();
            i += 1;
        }
        names
    };

    /// The value written in `errors.csv`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorStage::Input => "input",
            ErrorStage::Read => "read",
            ErrorStage::Decode => "decode",
            ErrorStage::Ingest => "ingest",
        }
    }
}

// Ordered by name, not by pipeline order: the errors of a run are sorted (source, stage, line,
// message), and `errors.csv` kept that order when the stage was text.
impl Ord for ErrorStage {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for ErrorStage {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// An input (or part of one) that could not be processed: a row of `errors.csv`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputError {
    /// The path as given or found.
    pub source: String,
    pub stage: ErrorStage,
    /// 1-based, where known.
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.source, l, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// A file to read and the article id it gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub id: String,
}

/// Finds the article files under the given paths. A folder is walked recursively for `.txt`
/// and `.md` files, skipping `README*`; the id is the path relative to the folder, without
/// extension. A file named directly gets its stem as id. A second input with an id already
/// seen is an error.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, p, &mut inputs, &mut errors);
        } else if p.is_file() {
            let id = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            inputs.push(Input { path: p.clone(), id });
        } else {
            errors.push(InputError {
                source: p.display().to_string(),
                stage: ErrorStage::Input,
                line: None,
                message: "no such file or folder".into(),
            });
        }
    }
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut unique = Vec::new();
    for i in inputs {
        if let Some(first) = seen.get(&i.id) {
            errors.push(InputError {
                source: i.path.display().to_string(),
                stage: ErrorStage::Input,
                line: None,
                message: format!("duplicate article id `{}` (already read from {})", i.id, first.display()),
            });
        } else {
            seen.insert(i.id.clone(), i.path.clone());
            unique.push(i);
        }
    }
    (unique, errors)
}

fn walk(root: &Path, dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(InputError {
                source: dir.display().to_string(),
                stage: ErrorStage::Input,
                line: None,
                message: format!("cannot list folder: {e}"),
            });
            return;
        }
    };
    // The entry's own type, read with the listing (no stat per file, issue 8); a symbolic link
    // is followed to what it points at.
    let mut paths: Vec<(PathBuf, bool)> = entries
        .filter_map(|e| e.ok())
        .map(|e| {
            let p = e.path();
            let dir = match e.file_type() {
                Ok(t) if !t.is_symlink() => t.is_dir(),
                _ => p.is_dir(),
            };
            (p, dir)
        })
        .collect();
    paths.sort();
    for (p, dir) in paths {
        if dir {
            walk(root, &p, inputs, errors);
            continue;
        }
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let ext_ok = matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md"));
        if !ext_ok || name.starts_with("README") {
            continue;
        }
        let rel = p.strip_prefix(root).unwrap_or(&p).with_extension("");
        let id = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
        inputs.push(Input { path: p, id });
    }
}

impl Input {
    /// The error row of this input.
    pub fn error(&self, stage: ErrorStage, line: Option<usize>, message: String) -> InputError {
        InputError { source: self.path.display().to_string(), stage, line, message }
    }
}

/// Reads and decodes one file.
pub fn read_file(input: &Input) -> Result<String, InputError> {
    let bytes =
        std::fs::read(&input.path).map_err(|e| input.error(ErrorStage::Read, None, format!("cannot read: {e}")))?;
    decode(&bytes).map_err(|e| input.error(ErrorStage::Decode, e.line(), e.to_string()))
}

/// Decodes a file: UTF-8 (BOM removed), else GB18030 (a superset of GBK), else an error.
///
/// A file that is UTF-8 with non-ASCII text before a bad byte is a damaged UTF-8 file, not a
/// GB18030 one: it is reported with the line of the bad byte rather than decoded as mojibake.
pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(IngestError::Binary { line: line_of(bytes, pos) });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let bad = e.valid_up_to();
            // Damaged UTF-8 (a few bad bytes among valid multi-byte characters) is reported
            // at its first bad byte, not decoded as GB18030 mojibake.
            let (mut multibyte, mut invalid) = (0usize, 0usize);
            for chunk in bytes.utf8_chunks() {
                multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
                invalid += usize::from(!chunk.invalid().is_empty());
            }
            if multibyte > 0 && invalid * 10 <= multibyte {
                return Err(IngestError::InvalidUtf8 { line: line_of(bytes, bad), byte: bad });
            }
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                Err(IngestError::Undecodable { line: line_of(bytes, bad) })
            } else {
                Ok(text.into_owned())
            }
        }
    }
}

fn line_of(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode("\u{feff}钢".as_bytes()).unwrap(), "钢");
        // 钢铁 in GBK
        assert_eq!(decode(&[0xB8, 0xD6, 0xCC, 0xFA]).unwrap(), "钢铁");
        let mut bad = "第一行钢\n第二行".as_bytes().to_vec();
        bad.push(0xFF);
        assert_eq!(decode(&bad).unwrap_err().line(), Some(2));
        assert_eq!(decode(b"a\r\nb").unwrap(), "a\r\nb");
        assert!(matches!(decode(b"abc\n\0def").unwrap_err(), IngestError::Binary { line: 2 }));
    }

    #[test]
    fn stages_sort_by_name_and_list_in_pipeline_order() {
        assert_eq!(ErrorStage::NAMES, ["input", "read", "decode", "ingest"]);
        let mut sorted = ErrorStage::ALL;
        sorted.sort();
        let names: Vec<&str> = sorted.iter().map(|s| s.as_str()).collect();
        assert_eq!(names, ["decode", "ingest", "input", "read"]);
    }
}
