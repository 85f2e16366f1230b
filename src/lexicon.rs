//! Word lists kept as data: `data/lexicon/*.csv`, embedded at build time, and the row shapes
//! they are read into.
//!
//! Input: the text of one lexicon file (a header row, then rows; a line starting with `#` is a
//! comment; blank lines are skipped), read with the `csv` crate (fields trimmed, RFC 4180
//! quoting). Output: its rows deserialized into a row struct of one of the shapes below, each
//! with its 1-based source line. Invariants: every row has as many fields as the header, its
//! first field (the key) is not empty, and every field converts (a number is a number, an
//! enum-like column names a variant of the enum the code uses); the first row that does not is
//! an error naming the file and line, and no row is ever skipped. The embedded files are
//! registered once in [`ALL`]; a test loads each with its shape, so the users can unwrap at
//! start-up.
//!
//! The same meaning has the same column name in every file: `word` is the key (a word or
//! phrase as printed), `class` a counted class, `kind` a claim kind, `role` / `cue` / `rule`
//! what the word does. Enum-like columns are generic here (this module sits below the enums'
//! owners); each user names its enum, and a test here reads them as plain text.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

/// One data file's parse error, naming the file (under `data/{dir}/`) and the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The folder under `data/`: `lexicon` or `gazetteer`.
    pub dir: &'static str,
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "data/{}/{}:{}: {}", self.dir, self.file, self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// Parses a lexicon file into rows of shape `R`, each with its line.
///
/// `parse::<WordRow>("t.csv", "word\n# note\nmr\n")` gives `[(3, WordRow { word: "mr" })]`.
pub fn parse<R: DeserializeOwned>(file: &'static str, text: &str) -> Result<Vec<(usize, R)>, LexiconError> {
    parse_in("lexicon", file, text)
}

/// [`parse`] for a file of another folder under `data/` (`gazetteer`): errors name it.
pub fn parse_in<R: DeserializeOwned>(
    dir: &'static str,
    file: &'static str,
    text: &str,
) -> Result<Vec<(usize, R)>, LexiconError> {
    let mut rdr =
        csv::ReaderBuilder::new().comment(Some(b'#')).trim(csv::Trim::All).flexible(true).from_reader(text.as_bytes());
    let err = |line: u64, message: String| LexiconError { dir, file, line: line as usize, message };
    let headers = rdr.headers().map_err(|e| err(0, e.to_string()))?.clone();
    if headers.is_empty() || headers.iter().all(str::is_empty) {
        return Err(err(0, "no header row".into()));
    }
    let lines = std::cell::RefCell::new(Lines::new(text));
    let line_at = |pos: Option<&csv::Position>| pos.map_or(0, |p| lines.borrow_mut().line_of(p.byte() as usize) as u64);
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| err(line_at(e.position()), e.to_string()))?;
        let line = line_at(rec.position());
        if rec.len() != headers.len() {
            return Err(err(line, format!("{} fields, the header has {}", rec.len(), headers.len())));
        }
        if rec.get(0).is_none_or(str::is_empty) {
            return Err(err(line, format!("empty key `{}`", &headers[0])));
        }
        let row: R = rec.deserialize(Some(&headers)).map_err(|e| err(line, deserialize_message(e)))?;
        rows.push((line as usize, row));
    }
    Ok(rows)
}

/// The 1-based line of the record csv places at byte `at`, for offsets asked in increasing order
/// (a file's rows in one pass, each line break counted once). csv counts only the lines it reads
/// as records, and a record's offset is where the reader stopped after the one before, so the
/// comment and blank lines in between are stepped over here: the line a reader sees.
struct Lines<'a> {
    text: &'a str,
    at: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines { text, at: 0, line: 1 }
    }

    fn line_of(&mut self, mut at: usize) -> usize {
        while let Some(rest) = self.text.get(at..) {
            let line = rest.split('\n').next().unwrap_or("");
            if !(line.trim().is_empty() || line.starts_with('#')) || line.len() == rest.len() {
                break;
            }
            at += line.len() + 1;
        }
        let at = at.min(self.text.len());
        if at < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += self.text.as_bytes()[self.at..at].iter().filter(|&&b| b == b'\n').count();
        self.at = at;
        self.line
    }
}

/// The part of a csv deserialize error that says what is wrong (the position is ours to give).
fn deserialize_message(e: csv::Error) -> String {
    match e.into_kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(i) => format!("field {}: {}", i + 1, err.kind()),
            None => err.kind().to_string(),
        },
        other => format!("{other:?}"),
    }
}

/// An embedded data file: its folder under `data/` (`lexicon`, `gazetteer`), its name and its
/// text.
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    pub dir: &'static str,
    pub file: &'static str,
    pub text: &'static str,
}

impl Embedded {
    /// The first field (the key) of every row, in file order, whatever the file's shape.
    pub fn keys(&self) -> Vec<String> {
        self.rows::<Vec<String>>().into_iter().filter_map(|(_, r)| r.into_iter().next()).collect()
    }

    /// Stops start-up on a row that deserialized but does not convert (a combination of
    /// values the code has no meaning for), naming the file and line like a parse error.
    pub fn bad_row(&self, line: usize, message: &str) -> ! {
        panic!("{}", LexiconError { dir: self.dir, file: self.file, line, message: message.to_string() })
    }

    /// The file's rows as shape `R`; panics with file:line on a bad row (the tests below load
    /// every embedded file, so this cannot fire in a tested build).
    pub fn rows<R: DeserializeOwned>(&self) -> Vec<(usize, R)> {
        parse_in(self.dir, self.file, self.text).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// `embed_data!(NAME, "dir", "file.csv")`: the file `data/dir/file.csv`, embedded at build time.
macro_rules! embed_data {
    ($name:ident, $dir:literal, $file:literal) => {
        pub const $name: $crate::lexicon::Embedded = $crate::lexicon::Embedded {
            dir: $dir,
            file: $file,
            text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $dir, "/", $file)),
        };
    };
}

pub(crate) use embed_data;

macro_rules! embed {
    ($name:ident, $file:literal) => {
        embed_data!($name, "lexicon", $file);
    };
}

/// Panics unless the `.csv` files of `data/{dir}/` are exactly the `all` list (a file added to
/// the folder must be registered, and so read and tested).
#[cfg(test)]
pub(crate) fn assert_folder_is(dir: &str, all: &[Embedded]) {
    let path = format!("{}/data/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(path)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    on_disk.sort();
    let mut registered: Vec<String> = all.iter().map(|e| e.file.to_string()).collect();
    registered.sort();
    assert_eq!(on_disk, registered, "data/{dir}/*.csv and the registered list differ");
}

// Chinese extractor (src/extract/zh/)
embed!(UNITS_ZH, "units_zh.csv");
embed!(COUNTERS_ZH, "counters_zh.csv");
embed!(NOUNS_ZH, "nouns_zh.csv");
embed!(VAGUE_ZH, "vague_zh.csv");
embed!(DATES_ZH, "dates_zh.csv");
embed!(QUALIFIERS_ZH, "qualifiers_zh.csv");
embed!(CUES_ZH, "cues_zh.csv");
embed!(NOT_FIGURES_ZH, "not_figures_zh.csv");
// English extractor (src/extract/en/)
embed!(UNITS_EN, "units_en.csv");
embed!(NOUNS_EN, "nouns_en.csv");
embed!(QUALIFIERS_EN, "qualifiers_en.csv");
embed!(VAGUE_EN, "vague_en.csv");
embed!(NOT_FIGURES_EN, "not_figures_en.csv");
embed!(ABBREVIATIONS_EN, "abbreviations_en.csv");
embed!(VERBS_EN, "verbs_en.csv");
embed!(DATES_EN, "dates_en.csv");
// Attribution (src/attribute/)
embed!(ITEMS_ZH, "items_zh.csv");
embed!(ITEMS_EN, "items_en.csv");
embed!(ITEM_CODES, "item_codes.csv");
embed!(CONTEXT_ZH, "context_zh.csv");
embed!(CONTEXT_EN, "context_en.csv");
embed!(HYPERBOLE_ZH, "hyperbole_zh.csv");
embed!(HYPERBOLE_EN, "hyperbole_en.csv");
embed!(NOT_PLACES_ZH, "not_places_zh.csv");
embed!(NOT_PLACES_EN, "not_places_en.csv");

/// Every lexicon file. Add new files here (a test checks the folder against this list).
pub const ALL: &[Embedded] = &[
    UNITS_ZH,
    COUNTERS_ZH,
    NOUNS_ZH,
    VAGUE_ZH,
    DATES_ZH,
    QUALIFIERS_ZH,
    CUES_ZH,
    NOT_FIGURES_ZH,
    UNITS_EN,
    NOUNS_EN,
    QUALIFIERS_EN,
    VAGUE_EN,
    NOT_FIGURES_EN,
    ABBREVIATIONS_EN,
    VERBS_EN,
    DATES_EN,
    ITEMS_ZH,
    ITEMS_EN,
    ITEM_CODES,
    CONTEXT_ZH,
    CONTEXT_EN,
    HYPERBOLE_ZH,
    HYPERBOLE_EN,
    NOT_PLACES_ZH,
    NOT_PLACES_EN,
];

// ---------------------------------------------------------------------------------------------
// Row shapes, one per file shape, shared by both languages.

/// `word`: a bare word list (abbreviations_en.csv).
#[derive(Debug, Clone, Deserialize)]
pub struct WordRow {
    pub word: String,
}

/// `word,kind,unit,factor`: a unit of measure (units_zh.csv, units_en.csv); `K` the claim kind.
#[derive(Debug, Clone, Deserialize)]
pub struct UnitRow<K> {
    pub word: String,
    pub kind: K,
    pub unit: String,
    /// A number (0.0005) or a ratio of two (1/3 for 尺): the factor to the canonical unit.
    #[serde(deserialize_with = "number_or_ratio")]
    pub factor: f64,
}

/// `word,class,direct`: a counted noun and its class (nouns_zh.csv, nouns_en.csv); `direct`:
/// whether it counts right after a numeral; for a counter (counters_zh.csv, `word,class,defer`)
/// see [`CounterRow`].
#[derive(Debug, Clone, Deserialize)]
pub struct NounRow {
    pub word: String,
    pub class: String,
    #[serde(deserialize_with = "yes_no")]
    pub direct: bool,
}

/// `word,class,defer`: a counter and the class it counts (counters_zh.csv).
#[derive(Debug, Clone, Deserialize)]
pub struct CounterRow {
    pub word: String,
    pub class: String,
    #[serde(deserialize_with = "yes_no")]
    pub defer: bool,
}

/// `word,low,high`: a vague amount and the interval it allows (vague_zh.csv, vague_en.csv).
#[derive(Debug, Clone, Deserialize)]
pub struct VagueRow {
    pub word: String,
    pub low: f64,
    pub high: f64,
}

/// Where a qualifier stands: before the number, or after it (and its unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Pre,
    Post,
}

/// How a qualifier word bounds the printed number (the `qualifier` column of qualifiers_*.csv).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    Approx,
    /// low = value, high open.
    MoreThan,
    /// low = value, high = the next step of the last digit, like 多.
    MoreThanStep,
    /// high = value, low open.
    LessThan,
}

/// `word,qualifier,position`: a word that bounds a printed number (qualifiers_zh.csv,
/// qualifiers_en.csv).
#[derive(Debug, Clone, Deserialize)]
pub struct QualifierRow {
    pub word: String,
    pub qualifier: Bound,
    pub position: Position,
}

/// `word,role`: a word and what it does (not_figures_*.csv, verbs_en.csv); `R` the role enum.
#[derive(Debug, Clone, Deserialize)]
pub struct RoleRow<R> {
    pub word: String,
    pub role: R,
}

/// `word,role,note`: a word holding a numeral that states no quantity (not_figures_zh.csv,
/// not_figures_en.csv); `note` says why, for the reader.
#[derive(Debug, Clone, Deserialize)]
pub struct NotFigureRow<R> {
    pub word: String,
    pub role: R,
    pub note: String,
}

/// `word,rule`: a relative date word and how it resolves (dates_zh.csv, dates_en.csv); `R` the
/// rule enum.
#[derive(Debug, Clone, Deserialize)]
pub struct DateRow<R> {
    pub word: String,
    pub rule: R,
}

/// `word,cue`: a cue word (cues_zh.csv, context_*.csv); `C` the cue enum.
#[derive(Debug, Clone, Deserialize)]
pub struct CueRow<C> {
    pub word: String,
    pub cue: C,
}

/// `word,code,class`: an item word (items_*.csv); `code` is in item_codes.csv or empty.
#[derive(Debug, Clone, Deserialize)]
pub struct ItemRow<C> {
    pub word: String,
    pub code: String,
    pub class: C,
}

/// `code,description`: the closed list of item codes (item_codes.csv).
#[derive(Debug, Clone, Deserialize)]
pub struct ItemCodeRow {
    pub code: String,
    pub description: String,
}

/// `yes` or `no`; anything else is an error.
/// `0.0005` or `1/3` (a factor no decimal writes exactly: 尺 is a third of a metre).
fn number_or_ratio<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let s = String::deserialize(d)?;
    let num = |t: &str| t.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    let v = match s.split_once('/') {
        Some((a, b)) => num(a).zip(num(b)).filter(|(_, b)| *b != 0.0).map(|(a, b)| a / b),
        None => num(&s),
    };
    v.ok_or_else(|| serde::de::Error::custom(format!("`{s}` is no number nor ratio of two")))
}

fn yes_no<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match String::deserialize(d)?.as_str() {
        "yes" => Ok(true),
        "no" => Ok(false),
        other => Err(serde::de::Error::custom(format!("`{other}` is neither yes nor no"))),
    }
}

/// The item codes of item_codes.csv, in file order.
pub fn item_codes() -> Vec<String> {
    ITEM_CODES.rows::<ItemCodeRow>().into_iter().map(|(_, r)| r.code).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each file with its shape (enum-like columns as plain text: their users' tests read them
    /// into the enums), as the keys of its rows, or the error.
    fn keys(e: &Embedded) -> Result<Vec<(usize, String)>, LexiconError> {
        fn k<R: DeserializeOwned>(e: &Embedded, key: fn(R) -> String) -> Result<Vec<(usize, String)>, LexiconError> {
            Ok(parse::<R>(e.file, e.text)?.into_iter().map(|(l, r)| (l, key(r))).collect())
        }
        match e.file {
            "units_zh.csv" | "units_en.csv" => k(e, |r: UnitRow<String>| r.word),
            "nouns_zh.csv" | "nouns_en.csv" => k(e, |r: NounRow| r.word),
            "counters_zh.csv" => k(e, |r: CounterRow| r.word),
            "vague_zh.csv" | "vague_en.csv" => k(e, |r: VagueRow| r.word),
            "qualifiers_zh.csv" | "qualifiers_en.csv" => k(e, |r: QualifierRow| r.word),
            "not_figures_zh.csv" | "not_figures_en.csv" => k(e, |r: NotFigureRow<String>| r.word),
            "verbs_en.csv" => k(e, |r: RoleRow<String>| r.word),
            "dates_zh.csv" | "dates_en.csv" => k(e, |r: DateRow<String>| r.word),
            "cues_zh.csv" | "context_zh.csv" | "context_en.csv" => k(e, |r: CueRow<String>| r.word),
            "items_zh.csv" | "items_en.csv" => k(e, |r: ItemRow<String>| r.word),
            "item_codes.csv" => k(e, |r: ItemCodeRow| r.code),
            "abbreviations_en.csv"
            | "hyperbole_zh.csv"
            | "hyperbole_en.csv"
            | "not_places_zh.csv"
            | "not_places_en.csv" => k(e, |r: WordRow| r.word),
            other => panic!("{other}: no shape registered in this test"),
        }
    }

    #[test]
    fn every_lexicon_file_parses_with_its_shape() {
        for e in ALL {
            let rows = keys(e).unwrap_or_else(|err| panic!("{err}"));
            assert!(!rows.is_empty(), "data/lexicon/{}: no rows", e.file);
        }
    }

    #[test]
    fn no_lexicon_row_is_listed_twice() {
        for e in ALL {
            let mut rdr =
                csv::ReaderBuilder::new().comment(Some(b'#')).trim(csv::Trim::All).from_reader(e.text.as_bytes());
            let mut seen = std::collections::HashMap::new();
            let mut lines = Lines::new(e.text);
            for rec in rdr.records() {
                let rec = rec.unwrap();
                let line = lines.line_of(rec.position().unwrap().byte() as usize);
                let row: Vec<String> = rec.iter().map(String::from).collect();
                if let Some(first) = seen.insert(row, line) {
                    panic!("data/lexicon/{}:{line}: the same row as line {first}", e.file);
                }
            }
        }
    }

    #[test]
    fn every_file_in_the_folder_is_registered() {
        assert_folder_is("lexicon", ALL);
    }

    #[test]
    fn line_numbers_count_comments_and_blank_lines() {
        let rows = parse::<VagueRow>("t.csv", "# a\nword,low,high\n\n# b\n几,2, 9\n\"a,b\",1,2\n").unwrap();
        assert_eq!(rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![5, 6]);
        assert_eq!((rows[0].1.low, rows[0].1.high), (2.0, 9.0));
        assert_eq!(rows[1].1.word, "a,b");
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let msg = |text: &str| parse::<NounRow>("t.csv", text).unwrap_err().to_string();
        assert_eq!(
            msg("word,class,direct\n# c\n吨,unit,yes\n斤\n"),
            "data/lexicon/t.csv:4: 1 fields, the header has 3"
        );
        assert_eq!(msg("word,class,direct\n\n,unit,yes\n"), "data/lexicon/t.csv:3: empty key `word`");
        assert!(
            msg("word,class,direct\n座,unit,yse\n").starts_with("data/lexicon/t.csv:2: `yse` is neither yes nor no")
        );
        let e = parse::<VagueRow>("t.csv", "word,low,high\n数百,100,ten\n").unwrap_err().to_string();
        assert!(e.starts_with("data/lexicon/t.csv:2: field 3:"), "{e}");
        let e = parse::<QualifierRow>("t.csv", "word,qualifier,position\nover,more_than,before\n");
        assert!(e.unwrap_err().to_string().starts_with("data/lexicon/t.csv:2: unknown variant `before`"));
    }

    #[test]
    fn item_codes_are_closed_both_ways() {
        let codes = item_codes();
        let mut used = std::collections::BTreeSet::new();
        for e in [ITEMS_ZH, ITEMS_EN] {
            for (line, r) in e.rows::<ItemRow<String>>() {
                assert!(
                    r.code.is_empty() || codes.contains(&r.code),
                    "data/lexicon/{}:{line}: `{}` is not in item_codes.csv",
                    e.file,
                    r.code
                );
                used.insert(r.code);
            }
        }
        for c in &codes {
            assert!(used.contains(c), "item_codes.csv: `{c}` is used by neither items_zh.csv nor items_en.csv");
        }
    }

    #[test]
    fn item_codes_are_sorted_and_unique() {
        let codes = item_codes();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted, "item_codes.csv: keep it sorted, each code once");
    }
}
