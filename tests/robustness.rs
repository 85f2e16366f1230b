//! Inputs that must not hurt (issue 8): huge single-line files, floods of numerals, unbalanced
//! quotes, overflowing numerals, invalid UTF-8 mid-file, files vanishing, and runs killed midway.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_leapfig")).args(args).output().unwrap()
}

fn rows(path: &std::path::Path) -> usize {
    csv::Reader::from_path(path).unwrap().records().count()
}

#[test]
fn fifty_megabyte_single_line_file() {
    let dir = tempdir("robust-bigline");
    // One English figure a repetition; the Chinese words in it are not read (a plain file has
    // one language, detected: English here).
    let unit = "The county produced 1,431 tons of steel and 九万多人 joined, ";
    let n = 50_000_000 / unit.len() + 1;
    let text = unit.repeat(n);
    assert!(text.len() >= 50_000_000 && !text.contains('\n'));
    std::fs::write(dir.join("1958-10-13_big.txt"), &text).unwrap();
    let out = dir.join("out");
    let o = run(&["run", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(rows(&out.join("articles.csv")), 1);
    // Every repetition's figure, once, at its own offset, with its value.
    let mut r = csv::Reader::from_path(out.join("claims.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (start, surface, value, lang) = (col("start"), col("surface"), col("value"), col("lang"));
    let per = unit.chars().count();
    let mut k = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        assert_eq!((&rec[surface], &rec[value], &rec[lang]), ("1,431 tons", "1431", "en"), "row {k}");
        assert_eq!(rec[start].parse::<usize>().unwrap(), k * per + 20, "row {k}");
        k += 1;
    }
    assert_eq!(k, n, "one claim per repetition");
}

#[test]
fn hundred_thousand_numerals() {
    let dir = tempdir("robust-numerals");
    let mut text = String::from("### 数字\r\n\r\n1958-10-13\r\n第2版()\n专栏：\n\n    ");
    for i in 0..100_000u32 {
        text.push_str(&format!("第{}组日产钢{}吨，", i % 7 + 1, i + 1));
    }
    std::fs::write(dir.join("flood.md"), &text).unwrap();
    let out = dir.join("out");
    let o = run(&["run", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    // Each 日产钢N吨 is a figure; the ordinals 第N组 are not.
    assert_eq!(rows(&out.join("claims.csv")), 100_000);
}

#[test]
fn unbalanced_quotes_and_overflowing_numerals() {
    let dir = tempdir("robust-quotes");
    // A plain file read as Chinese (so the English in it is not read): a numeral cut from its
    // unit by a quote is no figure; a numeral past f64 before its unit is one row, `unparsed`,
    // without value; a figure inside unbalanced quotes is read as usual.
    let unit = "“战地会“《（「『日产钢“一千亿亿亿亿亿”吨“”」』）》，又日产钢一千亿亿亿亿亿吨，“《日产钢一千吨」 \"He said \"'1,000 tons'\" ";
    std::fs::write(dir.join("1958-10-13_quotes.txt"), unit.repeat(2000)).unwrap();
    let out = dir.join("out");
    let o = run(&["run", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(rows(&out.join("articles.csv")), 1);
    let mut r = csv::Reader::from_path(out.join("claims.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (surface, value, status, sentence) = (col("surface"), col("value"), col("status"), col("sentence"));
    let (mut overflow, mut plain) = (0, 0);
    for rec in r.records() {
        let rec = rec.unwrap();
        // The sentence column (quotes doubled in the file) reads back as the text.
        assert!(rec[sentence].contains("He said \"'1,000 tons'\""));
        match (&rec[surface], &rec[value], &rec[status]) {
            ("一千亿亿亿亿亿吨", "", "unparsed") => overflow += 1,
            ("一千吨", "1000", "ok") => plain += 1,
            other => panic!("unexpected row {other:?}"),
        }
    }
    assert_eq!((overflow, plain), (2000, 2000));
}

#[test]
fn invalid_utf8_mid_file_is_an_error_row_and_the_rest_runs() {
    let dir = tempdir("robust-utf8");
    let seed = std::fs::read(manifest_dir().join("data/articles/004_aca439a63957170e.txt")).unwrap();
    let mut bad = seed.clone();
    let mid = bad.len() / 2;
    let mid = (mid..bad.len()).find(|&i| bad[i] == b'\n').unwrap() + 1;
    bad.insert(mid, 0xFF);
    std::fs::write(dir.join("bad.txt"), &bad).unwrap();
    std::fs::write(dir.join("good.txt"), &seed).unwrap();
    let out = dir.join("out");
    let o = run(&["run", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let line = seed[..mid].iter().filter(|&&b| b == b'\n').count() + 1;
    let errors = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    assert!(errors.contains(&format!("bad.txt,decode,{line},invalid UTF-8 on line {line}")), "{errors}");
    assert_eq!(rows(&out.join("articles.csv")), 1);
}

/// The files a run writes (CSV tables, codebook, data package), by name.
fn output_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut names: Vec<String> = leapfig::tables::schema::ALL.iter().map(|t| format!("{}.csv", t.name)).collect();
    names.extend(["CODEBOOK.md".to_string(), "datapackage.json".to_string()]);
    names.into_iter().map(|n| (n.clone(), std::fs::read(dir.join(&n)).unwrap_or_default())).collect()
}

/// Where a run writing into `out` stands, read off the folder: `Processing` (no temporary file
/// and no file replaced), `Writing` (a temporary file, none replaced), `Renaming` (some files
/// replaced by a rename, not all), `Done` (all replaced).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Phase {
    Processing,
    Writing,
    Renaming,
    Done,
}

fn phase(out: &Path, inodes: &BTreeMap<String, u64>) -> Phase {
    use std::os::unix::fs::MetadataExt;
    let replaced =
        inodes.iter().filter(|(n, &ino)| std::fs::metadata(out.join(n)).map_or(ino, |m| m.ino()) != ino).count();
    let temporary = std::fs::read_dir(out).unwrap().flatten().any(|e| e.file_name().to_string_lossy().contains(".tmp"));
    match replaced {
        0 if temporary => Phase::Writing,
        0 => Phase::Processing,
        n if n < inodes.len() => Phase::Renaming,
        _ => Phase::Done,
    }
}

/// Kills runs at two points: while they process the articles and stream the rows into temporary
/// files (then every file is the previous one, byte for byte: nothing is renamed before all are
/// written), and
/// between two renames (some tables replaced, others not: the point the rename protects; the
/// run is slowed there by the test hook `LEAPFIG_PAUSE_BETWEEN_RENAMES_MS`, since the renames
/// all happen at the end and take microseconds). After each kill every file is either the
/// previous one or the complete new one, byte for byte; the next run finishes and leaves no
/// temporary file.
#[test]
fn killed_run_leaves_previous_output_intact() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempdir("robust-kill");
    let out = dir.join("out");
    let seeds = manifest_dir().join("data/articles");
    assert!(run(&["run", seeds.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.success());
    let before = output_files(&out);
    // A bigger input (the claims table takes a while to write), and its complete output.
    let big = dir.join("big");
    std::fs::create_dir_all(&big).unwrap();
    let seed = std::fs::read_to_string(seeds.join("004_aca439a63957170e.txt")).unwrap();
    for i in 0..200 {
        std::fs::write(big.join(format!("a{i:05}.txt")), &seed).unwrap();
    }
    let full = dir.join("full");
    assert!(run(&["run", big.to_str().unwrap(), "--out", full.to_str().unwrap()]).status.success());
    let after = output_files(&full);
    for (name, bytes) in &before {
        // (Tables empty in both runs, errors and series of one article copied 200 times, aside.)
        let rows = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count() > 1;
        if name.ends_with(".csv") && (rows(bytes) || rows(&after[name])) {
            assert_ne!(bytes, &after[name], "{name}: the new run must write other bytes");
        }
    }
    let mut hit = BTreeSet::new();
    for target in [Phase::Writing, Phase::Renaming] {
        for _attempt in 0..5 {
            // The previous output back in place, as separate files (their inodes mark a rename).
            for e in std::fs::read_dir(&out).unwrap().flatten() {
                std::fs::remove_file(e.path()).unwrap();
            }
            for (name, bytes) in &before {
                std::fs::write(out.join(name), bytes).unwrap();
            }
            let inodes: BTreeMap<String, u64> =
                before.keys().map(|n| (n.clone(), std::fs::metadata(out.join(n)).unwrap().ino())).collect();
            let pause = if target == Phase::Renaming { "300" } else { "0" };
            let mut child = Command::new(env!("CARGO_BIN_EXE_leapfig"))
                .args(["run", big.to_str().unwrap(), "--out", out.to_str().unwrap()])
                .env("LEAPFIG_PAUSE_BETWEEN_RENAMES_MS", pause)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let t = Instant::now();
            loop {
                let p = phase(&out, &inodes);
                // Into the stream: the temporary files are opened before the first article is read.
                let wait_over = target == Phase::Writing && t.elapsed() > Duration::from_millis(300);
                if p >= target && (target != Phase::Writing || wait_over) || p == Phase::Done {
                    break;
                }
                if child.try_wait().unwrap().is_some() {
                    break;
                }
            }
            child.kill().ok();
            let status = child.wait().unwrap();
            let killed = status.code().is_none();
            let at = phase(&out, &inodes);
            let now = output_files(&out);
            for (name, bytes) in &now {
                assert!(
                    bytes == &before[name] || bytes == &after[name],
                    "{name}: killed at {at:?}, neither the previous file nor the complete new one"
                );
            }
            if killed && at < Phase::Renaming {
                assert_eq!(now, before, "killed at {at:?}: a table replaced before all were written");
            }
            if killed {
                hit.insert(at);
            }
            if killed && at == target {
                break;
            }
        }
    }
    println!("runs killed at: {hit:?}");
    assert_eq!(
        hit.intersection(&BTreeSet::from([Phase::Writing, Phase::Renaming])).count(),
        2,
        "a kill in each phase (got {hit:?})"
    );
    // The next run finishes the job and removes the temporary tables the killed ones left
    // (a temporary codebook or data package is left: it replaces no table).
    assert!(run(&["run", big.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.success());
    assert_eq!(output_files(&out), after);
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.contains(".tmp") && leapfig::tables::schema::ALL.iter().any(|t| n.starts_with(&format!(".{}.", t.name)))
        })
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
