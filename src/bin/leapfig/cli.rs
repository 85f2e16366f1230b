//! Command line: clap arguments -> a validated [`Command`] holding the library's config types
//! (`leapfig::app::RunConfig`, `ScanConfig`) or the bench's. The library never sees clap types.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use leapfig::app::{RunConfig, ScanConfig};
use leapfig::article::Lang;
use leapfig::dates::parse_iso;
use leapfig::tables::Formats;

use crate::bench::BenchConfig;

const ABOUT: &str = "Figures claimed in Great Leap Forward newspaper articles, as tidy tables.

Reads People's Daily articles (bilingual: machine English above the Chinese original;
archive: Chinese only; or plain text), extracts every figure in both languages, converts
Chinese numerals to numbers, and writes tables an economist can open in Excel, Stata, R or
pandas.";

const AFTER: &str = "Outputs of `run` (in --out, default output/):
  claims.csv    one row per figure mention: article, language, section, character offsets
                into the file, the surface as printed, kind, value in the canonical unit,
                the interval the wording allows (low, high), unit, qualifier, date, sentence
  pairs.csv     English figures matched with their Chinese originals, with a status
  articles.csv  one row per article: format, date, page, titles, counts
  errors.csv    one row per input that could not be read (file, stage, line, message)
  leapfig.xlsx  with --format xlsx: every table as a sheet of typed cells, and a codebook
  report/       with --report (or `leapfig report OUT`): index.html and a page per article,
                every figure marked in its text, English and Chinese side by side; open
                report/index.html in a browser (no server, no network)

Exit codes: 0 all inputs read; 1 finished, but some inputs failed (see errors.csv);
2 usage or fatal error (nothing to read, an output folder holding other files without
--force, a table that could not be written: the output folder is then left as it was).

Examples:
  leapfig                                   # = leapfig run data/articles --out output
  leapfig run ../shared/corpus --out corpus-out --jobs 2
  leapfig scan --lang zh --date 1958-10-13 '10日一天原煤产量达到一万五千吨'
  leapfig run ../shared/corpus --out corpus-out --report && xdg-open corpus-out/report/index.html
  leapfig report corpus-out                 # the report of an existing output folder
  leapfig bench ../shared/corpus --mb 50,200,1000    # throughput and memory (build with --release)";

#[derive(Debug, Parser)]
#[command(name = "leapfig", version, about = ABOUT, after_help = AFTER)]
struct Args {
    #[command(subcommand)]
    command: Option<Sub>,
}

#[derive(Debug, Subcommand)]
enum Sub {
    /// Extract the figures of article files and write the tables.
    Run(RunArgs),
    /// Print the figures in a piece of text (argument or stdin), one JSON object per line.
    Scan(ScanArgs),
    /// Measure throughput (MB/s, articles/s) and peak memory on a replicated corpus.
    Bench(BenchArgs),
    /// Write the HTML audit report of an output folder's tables into OUT/report/.
    Report(ReportArgs),
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// The output folder of a run (holding claims.csv, pairs.csv, articles.csv).
    #[arg(default_value = "output")]
    out: PathBuf,
}

#[derive(Debug, clap::Args)]
struct BenchArgs {
    /// Article files or folders to replicate.
    #[arg(default_value = "../shared/corpus")]
    paths: Vec<PathBuf>,
    /// Replicate the inputs until they reach this many megabytes; several sizes
    /// (`--mb 50,200,1000`) add a line of time and peak memory for each (the full report is
    /// for the first).
    #[arg(long, value_delimiter = ',', default_value = "50")]
    mb: Vec<f64>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    /// Article files or folders (walked recursively for .txt and .md, README* skipped).
    #[arg(default_value = "data/articles")]
    paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Worker threads (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Date (YYYY-MM-DD) for plain-text files whose name does not start with one.
    #[arg(long, value_parser = date_arg)]
    date: Option<NaiveDate>,
    /// Table formats, comma-separated: csv, parquet, xlsx (one workbook, a sheet per table).
    #[arg(long, value_parser = formats_arg, default_value = "csv")]
    format: FormatList,
    /// Write the CSV files with a UTF-8 byte-order mark, so Excel on Windows shows Chinese correctly.
    #[arg(long)]
    excel: bool,
    /// Write into an output folder that holds files leapfig does not write (they are left alone).
    #[arg(long)]
    force: bool,
    /// Also write the HTML audit report (OUT/report/index.html and a page per article).
    #[arg(long)]
    report: bool,
    /// Leave the `sentence` column of claims empty (CSV, Parquet and the workbook): for
    /// archive-scale runs, where the sentences are about a quarter of claims.csv.
    #[arg(long)]
    no_sentence: bool,
}

/// `--format csv,parquet`: the names, comma-separated, each once or more; an empty name (a
/// trailing comma) or an unknown one says what is wrong.
fn formats_arg(s: &str) -> Result<FormatList, String> {
    let known = "csv, parquet, xlsx";
    s.split(',')
        .map(|name| match name.trim() {
            "" => Err(format!(
                "`{s}`: an empty format name (a comma too many?); the formats are {known}, comma-separated"
            )),
            n => FormatArg::from_str(n, true).map_err(|_| format!("`{n}` is no format; the formats are {known}")),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(FormatList)
}

/// The formats named by `--format`.
#[derive(Debug, Clone)]
struct FormatList(Vec<FormatArg>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Csv,
    Parquet,
    Xlsx,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
    Auto,
}

#[derive(Debug, clap::Args)]
struct ScanArgs {
    /// Language of the text.
    #[arg(long, value_enum, default_value = "auto")]
    lang: LangArg,
    /// Article date (YYYY-MM-DD) against which dates resolve.
    #[arg(long, value_parser = date_arg)]
    date: Option<NaiveDate>,
    /// Print every numeral of the text (unit or not) with its value, bounds and shape, one
    /// JSON object a line, instead of the claims: how the numeral grammar reads any numeral.
    #[arg(long)]
    numbers: bool,
    /// The text; read from stdin when left out.
    text: Option<String>,
}

fn date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_iso(s).ok_or_else(|| format!("`{s}` is not a date (YYYY-MM-DD)"))
}

/// What to do, validated.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Run(RunConfig),
    Scan(ScanConfig),
    Bench(BenchConfig),
    /// `leapfig report OUT`: the output folder.
    Report(PathBuf),
}

/// Parses the process arguments; clap prints help or usage errors itself and exits (0 / 2).
pub fn parse() -> Command {
    from_args(Args::parse())
}

/// Parses an explicit argument list (for tests).
#[cfg(test)]
pub fn try_parse_from<I, T>(args: I) -> Result<Command, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    Args::try_parse_from(args).map(from_args)
}

fn from_args(a: Args) -> Command {
    match a.command {
        None => Command::Run(RunConfig {
            inputs: vec![PathBuf::from("data/articles")],
            out: PathBuf::from("output"),
            jobs: None,
            date: None,
            formats: Formats::default(),
            force: false,
            report: false,
            no_sentence: false,
        }),
        Some(Sub::Run(r)) => Command::Run(RunConfig {
            inputs: r.paths,
            out: r.out,
            jobs: r.jobs.filter(|&j| j > 0),
            date: r.date,
            formats: Formats {
                csv: r.format.0.contains(&FormatArg::Csv),
                parquet: r.format.0.contains(&FormatArg::Parquet),
                excel: r.excel,
                xlsx: r.format.0.contains(&FormatArg::Xlsx),
            },
            force: r.force,
            report: r.report,
            no_sentence: r.no_sentence,
        }),
        Some(Sub::Report(r)) => Command::Report(r.out),
        Some(Sub::Bench(b)) => {
            Command::Bench(BenchConfig { inputs: b.paths, mb: b.mb, jobs: b.jobs.filter(|&j| j > 0) })
        }
        Some(Sub::Scan(s)) => Command::Scan(ScanConfig {
            lang: match s.lang {
                LangArg::Zh => Some(Lang::Zh),
                LangArg::En => Some(Lang::En),
                LangArg::Auto => None,
            },
            date: s.date,
            text: s.text,
            numbers: s.numbers,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_arguments_run_the_default_job() {
        let c = try_parse_from(["leapfig"]).unwrap();
        assert_eq!(
            c,
            Command::Run(RunConfig {
                inputs: vec!["data/articles".into()],
                out: "output".into(),
                jobs: None,
                date: None,
                formats: Formats::default(),
                force: false,
                report: false,
                no_sentence: false
            })
        );
    }

    #[test]
    fn run_and_scan_arguments() {
        let c = try_parse_from([
            "leapfig",
            "run",
            "a",
            "b",
            "--out",
            "o",
            "--jobs",
            "3",
            "--format",
            "csv,parquet",
            "--excel",
            "--force",
            "--report",
            "--no-sentence",
        ])
        .unwrap();
        let formats = Formats { csv: true, parquet: true, excel: true, xlsx: false };
        assert_eq!(
            c,
            Command::Run(RunConfig {
                inputs: vec!["a".into(), "b".into()],
                out: "o".into(),
                jobs: Some(3),
                date: None,
                formats,
                force: true,
                report: true,
                no_sentence: true
            })
        );
        let Command::Run(x) = try_parse_from(["leapfig", "run", "--format", "xlsx"]).unwrap() else { panic!() };
        assert_eq!(x.formats, Formats { csv: false, parquet: false, excel: false, xlsx: true });
        let Command::Run(x) = try_parse_from(["leapfig", "run", "--format", "csv,xlsx"]).unwrap() else { panic!() };
        assert_eq!(x.formats, Formats { csv: true, parquet: false, excel: false, xlsx: true });
        assert!(try_parse_from(["leapfig", "run", "--format", "xls"]).is_err());
        // A trailing comma or an unknown name says what is wrong.
        let e = try_parse_from(["leapfig", "run", "--format", "csv,"]).unwrap_err().to_string();
        assert!(e.contains("`csv,`: an empty format name") && e.contains("csv, parquet, xlsx"), "{e}");
        let e = try_parse_from(["leapfig", "run", "--format", "csv,cvs"]).unwrap_err().to_string();
        assert!(e.contains("`cvs` is no format"), "{e}");
        let s = try_parse_from(["leapfig", "scan", "--lang", "zh", "--date", "1958-10-13", "一万吨"]).unwrap();
        assert_eq!(
            s,
            Command::Scan(ScanConfig {
                lang: Some(Lang::Zh),
                date: parse_iso("1958-10-13"),
                text: Some("一万吨".into()),
                numbers: false
            })
        );
        assert!(try_parse_from(["leapfig", "scan", "--date", "10/13"]).is_err());
        assert_eq!(try_parse_from(["leapfig", "report", "o"]).unwrap(), Command::Report("o".into()));
        assert_eq!(try_parse_from(["leapfig", "report"]).unwrap(), Command::Report("output".into()));
    }
}
