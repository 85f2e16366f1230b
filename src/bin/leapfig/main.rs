//! `leapfig`: parse arguments, run, map the outcome to an exit code (0 all good, 1 finished
//! but some inputs failed, 2 usage or fatal error). Nothing else lives here: the command line
//! ([`cli`]) and the bench ([`bench`]) belong to the binary, the pipeline to the library.

use std::process::ExitCode;

use leapfig::app;

mod bench;
mod cli;

fn main() -> ExitCode {
    match cli::parse() {
        cli::Command::Run(cfg) => match app::run(&cfg) {
            Ok(s) => {
                eprintln!(
                    "leapfig: {} articles, {} claims, {} inputs failed -> {}",
                    s.articles,
                    s.claims,
                    s.errors,
                    cfg.out.display()
                );
                if let Some(r) = &s.report {
                    report_line(r, &cfg.out);
                }
                if s.errors > 0 || s.report.as_ref().is_some_and(|r| !r.problems.is_empty()) {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
            Err(e) => {
                eprintln!("leapfig: error: {e:#}");
                if std::env::args_os().len() == 1 && !cfg.inputs.iter().any(|p| p.exists()) {
                    // The default job outside the project folder: say what it is.
                    eprintln!(
                        "leapfig: with no arguments leapfig reads data/articles/ of the current folder \
                         (run it in the project folder), or name the articles: leapfig run FOLDER --out DIR"
                    );
                }
                ExitCode::from(2)
            }
        },
        cli::Command::Bench(cfg) => match bench::bench(&cfg) {
            Ok(report) => {
                print!("{report}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("leapfig: error: {e:#}");
                ExitCode::from(2)
            }
        },
        cli::Command::Report(out) => match app::write_report(&out) {
            Ok(r) => {
                report_line(&r, &out);
                if r.problems.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => {
                eprintln!("leapfig: error: {e:#}");
                ExitCode::from(2)
            }
        },
        cli::Command::Scan(cfg) => match app::scan(&cfg) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("leapfig: error: {e:#}");
                ExitCode::from(2)
            }
        },
    }
}

/// The closing line of a report: what was written, where to open it, what went wrong.
fn report_line(r: &leapfig::report::ReportSummary, out: &std::path::Path) {
    eprintln!(
        "leapfig: report: {} articles, {} pages, {:.1} MB, {} problems -> open {}",
        r.articles,
        r.pages,
        r.bytes as f64 / 1e6,
        r.problems.len(),
        out.join(leapfig::report::DIR).join("index.html").display()
    );
}
