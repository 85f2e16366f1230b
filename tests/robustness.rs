//! Inputs that must not hurt (issue 8): huge single-line files, floods of numerals, unbalanced
//! quotes, overflowing numerals, invalid UTF-8 mid-file, files vanishing, and runs killed midway.

mod common;

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
    let unit = "The county produced 1,431 tons of steel and 九万多人 joined, ";
    let n = 50_000_000 / unit.len() + 1;
    let text = unit.repeat(n);
    assert!(text.len() >= 50_000_000 && !text.contains('\n'));
    std::fs::write(dir.join("1958-10-13_big.txt"), &text).unwrap();
    let out = dir.join("out");
    let o = run(&["run", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(rows(&out.join("articles.csv")), 1);
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
    let mut text = String::new();
    for _ in 0..2000 {
        text.push_str("“战地会“《（「『日产钢“一千亿亿亿亿亿”吨“”」』）》 \"He said \"'1,000 tons'\" ");
    }
    std::fs::write(dir.join("1958-10-13_quotes.txt"), &text).unwrap();
    let out = dir.join("out");
    let o = run(&["run", dir.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
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

#[test]
fn killed_run_leaves_previous_output_intact() {
    let dir = tempdir("robust-kill");
    let out = dir.join("out");
    let seeds = manifest_dir().join("data/articles");
    assert!(run(&["run", seeds.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.success());
    let before: Vec<(String, Vec<u8>)> = ["claims.csv", "articles.csv", "pairs.csv", "errors.csv"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read(out.join(f)).unwrap()))
        .collect();
    // A big input, so the run is still going when it is killed.
    let big = dir.join("big");
    std::fs::create_dir_all(&big).unwrap();
    let seed = std::fs::read_to_string(seeds.join("004_aca439a63957170e.txt")).unwrap();
    for i in 0..3000 {
        std::fs::write(big.join(format!("a{i:05}.txt")), &seed).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_leapfig"))
        .args(["run", big.to_str().unwrap(), "--out", out.to_str().unwrap(), "--jobs", "1"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t = Instant::now();
    std::thread::sleep(Duration::from_millis(150));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    if finished {
        eprintln!(
            "SKIPPED killed_run_leaves_previous_output_intact: the run finished in {:?}, before the kill",
            t.elapsed()
        );
        return;
    }
    for (f, bytes) in &before {
        let now = std::fs::read(out.join(f)).unwrap();
        // Either the old table, whole, or (had it reached the writing stage) a whole new one.
        assert!(&now == bytes || rows(&out.join(f)) >= 1, "{f} is neither the old nor a complete new table");
        assert_eq!(&now, bytes, "{f}: a run killed while processing does not touch the previous output");
    }
}
