//! Word lists kept as data: `data/lexicon/*.csv`, embedded at build time.
//!
//! Input: the text of one lexicon file (a header row, then rows; `#` starts a comment line;
//! blank lines are skipped). Output: its rows as string fields. A malformed file is a
//! programming error caught by the lexicon test (`tests` below), which names the file and line,
//! so the embedded lists can be unwrapped at start-up.

use std::fmt;

/// One lexicon file's parse error, naming the file and the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "data/lexicon/{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// A parsed lexicon: the header's column names and the rows, each with its source line.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub file: &'static str,
    pub columns: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Lexicon {
    /// Parses a lexicon file. Every row must have as many fields as the header, and no field
    /// of the first column may be empty.
    pub fn parse(file: &'static str, text: &str) -> Result<Lexicon, LexiconError> {
        let mut columns: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let fields: Vec<String> = split_fields(line);
            match &columns {
                None => columns = Some(fields),
                Some(cols) => {
                    if fields.len() != cols.len() {
                        return Err(LexiconError {
                            file,
                            line: line_no,
                            message: format!("{} fields, the header has {}", fields.len(), cols.len()),
                        });
                    }
                    if fields[0].is_empty() {
                        return Err(LexiconError { file, line: line_no, message: "empty first field".into() });
                    }
                    rows.push((line_no, fields));
                }
            }
        }
        let columns = columns.ok_or(LexiconError { file, line: 0, message: "no header row".into() })?;
        Ok(Lexicon { file, columns, rows })
    }

    /// Index of a column by name.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The values of one column, in file order.
    pub fn column(&self, name: &str) -> Vec<&str> {
        match self.col(name) {
            Some(i) => self.rows.iter().map(|(_, r)| r[i].as_str()).collect(),
            None => Vec::new(),
        }
    }
}

/// Fields of a lexicon line: comma-separated, trimmed; a field may be double-quoted to hold a
/// comma. (Lexicon files are small and hand-edited: full CSV quoting rules are not needed.)
fn split_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(cur.trim().to_string());
                cur.clear();
            }
            _ => cur.push(c),
        }
    }
    out.push(cur.trim().to_string());
    out
}

/// Declares an embedded lexicon: `lexicon!(NAME, "file.csv")` gives a
/// `static NAME: LazyLock<Lexicon>` parsed from `data/lexicon/file.csv`, and registers nothing
/// else; add the file to [`ALL`] so the test parses it.
#[macro_export]
macro_rules! lexicon {
    ($name:ident, $file:literal) => {
        pub static $name: std::sync::LazyLock<$crate::lexicon::Lexicon> = std::sync::LazyLock::new(|| {
            $crate::lexicon::Lexicon::parse(
                $file,
                include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/", $file)),
            )
            .unwrap_or_else(|e| panic!("{e}"))
        });
    };
}

/// Every lexicon file, with its text, for the test that parses them all. Add new files here.
pub const ALL: &[(&str, &str)] = &[
    // Chinese extractor (src/extract/zh.rs)
    ("units_zh.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/units_zh.csv"))),
    ("counters_zh.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/counters_zh.csv"))),
    ("nouns_zh.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/nouns_zh.csv"))),
    ("vague_zh.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/vague_zh.csv"))),
    ("dates_zh.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/dates_zh.csv"))),
    ("cues_zh.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/cues_zh.csv"))),
    ("nonnumbers_zh.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/nonnumbers_zh.csv"))),
    // English extractor (src/extract/en.rs)
    ("units_en.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/units_en.csv"))),
    ("counts_en.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/counts_en.csv"))),
    ("qualifiers_en.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/qualifiers_en.csv"))),
    ("vague_en.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/vague_en.csv"))),
    ("not_figures_en.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/not_figures_en.csv"))),
    ("abbreviations_en.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/abbreviations_en.csv"))),
    ("verbs_en.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/verbs_en.csv"))),
    // Attribution (src/attribute/)
    ("items_zh.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/items_zh.csv"))),
    ("items_en.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/items_en.csv"))),
    ("context_zh.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/context_zh.csv"))),
    ("context_en.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/context_en.csv"))),
    ("places.csv", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/places.csv"))),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_file_parses() {
        for (file, text) in ALL {
            // Leaked so the error can carry a 'static file name.
            let name: &'static str = Box::leak(file.to_string().into_boxed_str());
            if let Err(e) = Lexicon::parse(name, text) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn no_lexicon_row_is_listed_twice() {
        for (file, text) in ALL {
            let name: &'static str = Box::leak(file.to_string().into_boxed_str());
            let lex = Lexicon::parse(name, text).unwrap();
            let mut seen = std::collections::HashMap::new();
            for (line, row) in &lex.rows {
                if let Some(first) = seen.insert(row.clone(), *line) {
                    panic!("data/lexicon/{file}:{line}: the same row as line {first}");
                }
            }
        }
    }

    #[test]
    fn every_file_in_the_folder_is_registered() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".csv"))
            .collect();
        on_disk.sort();
        let mut registered: Vec<String> = ALL.iter().map(|(f, _)| f.to_string()).collect();
        registered.sort();
        assert_eq!(on_disk, registered, "data/lexicon/*.csv and lexicon::ALL differ");
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let e = Lexicon::parse("t.csv", "word,unit\n# c\n吨,t\n斤\n").unwrap_err();
        assert_eq!(e.to_string(), "data/lexicon/t.csv:4: 1 fields, the header has 2");
        let l = Lexicon::parse("t.csv", "word,note\n\"a,b\",c\n").unwrap();
        assert_eq!(l.rows[0].1, vec!["a,b".to_string(), "c".to_string()]);
    }
}
