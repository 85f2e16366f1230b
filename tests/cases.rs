//! Case files: sentences we wrote, each with the figures it must yield (`tests/cases/README.md`).
//! One harness runs every `tests/cases/{zh,en}/*.toml`.

mod common;

use std::path::Path;

use common::*;
use leapfig::article::Lang;
use leapfig::claim::Claim;
use leapfig::dates::parse_iso;
use toml::Value;

fn span_of(text: &str, surface: &str, n: usize) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut k = 0;
    while let Some(j) = text[from..].find(surface) {
        let b = from + j;
        k += 1;
        if k == n {
            let a = text[..b].chars().count();
            return Some((a, a + surface.chars().count()));
        }
        from = b + text[b..].chars().next().map_or(1, |c| c.len_utf8());
    }
    None
}

fn num_matches(want: &Value, got: Option<f64>) -> bool {
    match want {
        Value::String(s) if s.is_empty() || s == "open" => got.is_none(),
        Value::Integer(i) => got.is_some_and(|g| ((*i as f64) - g).abs() <= 1e-6 * 1f64.max(g.abs())),
        Value::Float(f) => got.is_some_and(|g| (f - g).abs() <= 1e-6 * 1f64.max(g.abs())),
        _ => false,
    }
}

fn field(c: &Claim, key: &str) -> Option<String> {
    Some(match key {
        "kind" => c.kind.as_str().into(),
        "unit" => c.unit.clone(),
        "qualifier" => c.qualifier.as_str().into(),
        "status" => c.status.as_str().into(),
        "ref_date" => c.ref_date.map(|d| d.to_string()).unwrap_or_default(),
        "item" => c.item.clone(),
        "item_code" => c.item_code.clone(),
        "period" => c.period.map_or(String::new(), |p| p.as_str().into()),
        "claim_type" => c.claim_type.map_or(String::new(), |p| p.as_str().into()),
        "place" => c.place.clone(),
        "country" => c.country.clone(),
        "province" => c.province.clone(),
        "place_code" => c.place_code.clone(),
        "works" => c.works.clone(),
        "per" => c.per.clone(),
        _ => return None,
    })
}

/// Checks one case; returns the problems found.
fn check_case(lang: Lang, case: &Value) -> Vec<String> {
    let text = case["text"].as_str().expect("case without text");
    let date = parse_iso(case.get("date").and_then(|d| d.as_str()).unwrap_or("1958-10-13"));
    let claims = scan(text, lang, date);
    let mut problems = Vec::new();
    let mut used = vec![false; claims.len()];
    let empty = Vec::new();
    let expect = case.get("expect").and_then(|e| e.as_array()).unwrap_or(&empty);
    for e in expect {
        let surface = e["surface"].as_str().expect("expectation without surface");
        let n = e.get("n").and_then(|n| n.as_integer()).unwrap_or(1) as usize;
        let Some((gs, ge)) = span_of(text, surface, n) else {
            problems.push(format!("expected surface {surface:?} is not in the text"));
            continue;
        };
        let Some(i) = (0..claims.len()).find(|&i| !used[i] && claims[i].start < ge && gs < claims[i].end) else {
            problems.push(format!("missed {surface:?}"));
            continue;
        };
        used[i] = true;
        let c = &claims[i];
        for (key, want) in e.as_table().unwrap() {
            let ok = match key.as_str() {
                "surface" | "n" => true,
                "value" => num_matches(want, c.value),
                "low" => num_matches(want, c.low),
                "high" => num_matches(want, c.high),
                "note" => {
                    let w = want.as_str().unwrap_or("");
                    if w.is_empty() {
                        c.notes.is_empty()
                    } else {
                        w.split(';').all(|n| c.notes.iter().any(|x| x.as_str() == n))
                    }
                }
                k => match field(c, k) {
                    Some(got) => want.as_str() == Some(got.as_str()),
                    None => {
                        problems.push(format!("unknown key {k:?} in expectation of {surface:?}"));
                        true
                    }
                },
            };
            if !ok {
                problems.push(format!("{surface:?}: {key} expected {want}, got {}", serde_json::to_string(c).unwrap()));
            }
        }
    }
    for (i, c) in claims.iter().enumerate() {
        if !used[i] {
            problems.push(format!("extra claim {:?} ({}, value {:?})", c.surface, c.kind.as_str(), c.value));
        }
    }
    problems
}

fn run_dir(lang: Lang, dir: &str) -> (usize, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases").join(dir);
    let mut files: Vec<_> =
        std::fs::read_dir(&root).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    let mut n = 0;
    let mut failures = Vec::new();
    let mut names = std::collections::HashSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let doc: Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let cases = doc.get("case").and_then(|c| c.as_array()).cloned().unwrap_or_default();
        let file = f.file_name().unwrap().to_string_lossy().into_owned();
        for (k, case) in cases.iter().enumerate() {
            n += 1;
            // Every case has a name, unique in its folder, so a failure says which case it is.
            let Some(name) = case.get("name").and_then(|w| w.as_str()) else {
                failures.push(format!("{file} case {}: no `name`", k + 1));
                continue;
            };
            if !names.insert(name.to_string()) {
                failures.push(format!("{file} case {}: the name {name:?} is used twice", k + 1));
            }
            let problems = check_case(lang, case);
            if !problems.is_empty() {
                let why = case.get("why").and_then(|w| w.as_str()).map(|w| format!(" ({w})")).unwrap_or_default();
                failures.push(format!(
                    "{file} case {} [{name}] {:?}{why}\n    {}",
                    k + 1,
                    case["text"].as_str().unwrap_or(""),
                    problems.join("\n    ")
                ));
            }
        }
    }
    (n, failures)
}

fn assert_cases(lang: Lang, dir: &str, at_least: usize) {
    let (n, failures) = run_dir(lang, dir);
    println!("{dir}: {n} cases, {} failing", failures.len());
    assert!(failures.is_empty(), "{} of {n} {dir} cases fail:\n{}", failures.len(), failures.join("\n"));
    assert!(n >= at_least, "only {n} {dir} cases, {at_least} wanted");
}

#[test]
fn chinese_cases() {
    assert_cases(Lang::Zh, "zh", 300);
}

#[test]
fn english_cases() {
    assert_cases(Lang::En, "en", 200);
}

#[test]
fn chinese_context_cases() {
    assert_cases(Lang::Zh, "zh_context", 90);
}

#[test]
fn english_context_cases() {
    assert_cases(Lang::En, "en_context", 60);
}

/// Number of cases in a folder (parsed only).
fn count_cases(dir: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases").join(dir);
    let mut n = 0;
    for f in std::fs::read_dir(&root).unwrap().flatten().map(|e| e.path()) {
        if f.extension().is_some_and(|e| e == "toml") {
            let doc: Value = toml::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            n += doc.get("case").and_then(|c| c.as_array()).map_or(0, |c| c.len());
        }
    }
    n
}

/// README.md states the number of case files' cases as they are.
#[test]
fn readme_states_the_case_counts() {
    let line = format!(
        "{} Chinese, {} English, and {} with expected context columns",
        count_cases("zh"),
        count_cases("en"),
        count_cases("zh_context") + count_cases("en_context")
    );
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    // README wraps lines: compare with white space collapsed.
    let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&line), "README.md should say: {line}");
}
