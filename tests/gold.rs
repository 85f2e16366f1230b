//! Gold comparisons: the seeds (`tests/gold/seeds.csv`, copied from `../shared/gold/`) and our
//! corpus annotations (`tests/gold/corpus_*.csv`, whose article text is read from
//! `../shared/corpus`, skipped when absent).

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use common::*;
use leapfig::article::Lang;

fn seeds() -> (Vec<GoldRow>, HashMap<String, leapfig::pipeline::ArticleResult>) {
    let gold = read_gold(&manifest_dir().join("tests/gold/seeds.csv"));
    let results = run_gold_articles(&gold, &[manifest_dir().join("data/articles")]);
    (gold, results)
}

fn corpus_gold() -> Vec<GoldRow> {
    let dir = manifest_dir().join("tests/gold");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().unwrap().to_string_lossy().starts_with("corpus") && p.extension().is_some_and(|e| e == "csv")
        })
        .collect();
    files.sort();
    files.iter().flat_map(|f| read_gold(f)).collect()
}

fn assert_perfect(lang: Lang) {
    let (gold, results) = seeds();
    let scores = score(&gold, &results);
    let s = &scores[&lang];
    let value_problems: Vec<&String> = s.problems.iter().filter(|p| !p.starts_with("CONTEXT")).collect();
    println!("seeds {}: {}", lang.as_str(), s.summary());
    assert!(
        s.fn_ == 0 && s.fp == 0 && s.values_ok == s.values_n && s.dates_ok == s.dates_n && value_problems.is_empty(),
        "seeds {}: {}\n{}",
        lang.as_str(),
        s.summary(),
        value_problems.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn seeds_chinese_figures_match_gold() {
    assert_perfect(Lang::Zh);
}

#[test]
fn seeds_english_figures_match_gold() {
    assert_perfect(Lang::En);
}

/// Every annotated corpus article (also those without any figure), by file stem.
fn corpus_articles() -> Vec<String> {
    std::fs::read_to_string(manifest_dir().join("tests/gold/corpus_articles.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.trim().to_string())
        .collect()
}

fn corpus_precision_recall(lang: Lang) {
    let Some(shared) = shared_or_skip("corpus_precision_recall") else { return };
    let gold = corpus_gold();
    let gold: Vec<GoldRow> = gold.into_iter().filter(|g| g.lang == lang.as_str()).collect();
    let mut results = run_gold_articles(&gold, &[shared.join("corpus")]);
    let files = files_by_stem(&shared.join("corpus"));
    for a in corpus_articles() {
        if let std::collections::hash_map::Entry::Vacant(e) = results.entry(a) {
            let r = run_file(files.get(e.key()).unwrap_or_else(|| panic!("{} not in ../shared/corpus", e.key())));
            e.insert(r);
        }
    }
    for r in results.values_mut() {
        r.claims.retain(|c| c.lang == lang);
    }
    let scores = score(&gold, &results);
    let s = &scores[&lang];
    let articles: std::collections::BTreeSet<&str> = gold.iter().map(|g| g.article.as_str()).collect();
    println!("corpus {} ({} articles): {}", lang.as_str(), articles.len(), s.summary());
    for p in &s.problems {
        if !p.starts_with("CONTEXT") {
            println!("  {p}");
        }
    }
    let unlocated = s.problems.iter().filter(|p| p.starts_with("UNLOCATED")).count();
    assert_eq!(unlocated, 0, "gold rows that do not locate in their article");
    assert!(s.precision() >= 0.97 && s.recall() >= 0.97, "corpus {}: {}", lang.as_str(), s.summary());
}

#[test]
fn corpus_chinese_precision_and_recall() {
    corpus_precision_recall(Lang::Zh);
}

#[test]
fn corpus_english_precision_and_recall() {
    corpus_precision_recall(Lang::En);
}

#[test]
fn corpus_annotations_cover_enough_articles() {
    let gold = corpus_gold();
    let listed = corpus_articles();
    assert!(listed.len() >= 20, "{} corpus articles annotated", listed.len());
    let en: std::collections::BTreeSet<&str> =
        gold.iter().filter(|g| g.lang == "en").map(|g| g.article.as_str()).collect();
    assert!(en.len() >= 15, "{} bilingual articles annotated on the English side", en.len());
    for g in &gold {
        assert!(listed.contains(&g.article), "{} is not in corpus_articles.txt", g.article);
    }
    let mut pairs: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for g in &gold {
        if !g.pair.is_empty() {
            pairs.entry((g.article.as_str(), g.pair.as_str())).or_default().push(g.lang.as_str());
        }
    }
    for ((a, p), langs) in &pairs {
        let mut l = langs.clone();
        l.sort();
        assert_eq!(l, vec!["en", "zh"], "pair {p} of {a} must have one en and one zh row");
    }
}

/// Gold rows whose context value contradicts `tests/gold/ANNOTATION.md`, which the tool follows:
/// (article, lang, surface, column, gold value, value by the conventions). Reported to the lead;
/// they are the only context differences the seed test lets pass.
const CONTEXT_GOLD_CONFLICTS: &[(&str, &str, &str, &str, &str, &str)] = &[
    // 七百五十二座土炉 / "752 indigenous furnaces": ANNOTATION.md and SCHEMA.md code 土炉 as
    // furnace_native ("keep native and modern furnaces apart", issue 5); seeds.csv says furnace.
    ("004_aca439a63957170e", "zh", "七百五十二座", "item_code", "furnace", "furnace_native"),
    ("004_aca439a63957170e", "en", "752", "item_code", "furnace", "furnace_native"),
];

fn context_mismatches(s: &LangScore) -> Vec<&String> {
    s.problems.iter().filter(|p| p.starts_with("CONTEXT")).collect()
}

fn is_known_conflict(problem: &str) -> bool {
    CONTEXT_GOLD_CONFLICTS.iter().any(|(a, l, surface, col, gold, ours)| {
        problem == format!("CONTEXT {a} {l} {surface:?} {col}: gold {gold} got {ours}")
    })
}

/// Issue 5: item_code, period, claim_type and ref_date of every seed figure whose gold gives them.
#[test]
fn seeds_context_matches_gold() {
    let (gold, results) = seeds();
    let scores = score(&gold, &results);
    let mut failures = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        let s = &scores[&lang];
        println!("seeds {} context: {}", lang.as_str(), s.summary());
        for p in context_mismatches(s) {
            println!("  {p}");
            if !is_known_conflict(p) {
                failures.push(p.clone());
            }
        }
        // Every gold figure must have been found, or its context was not compared at all.
        assert_eq!(s.fn_, 0, "seeds {}: figures missed, context not compared", lang.as_str());
    }
    assert!(failures.is_empty(), "seed context mismatches:\n{}", failures.join("\n"));
}

/// Issue 5: on our corpus annotations, agreement >= 0.9 on each context column in each language
/// (compared only where the gold gives a value, on the figures found).
#[test]
fn corpus_context_agreement() {
    let Some(shared) = shared_or_skip("corpus_context_agreement") else { return };
    let gold = corpus_gold();
    let results = run_gold_articles(&gold, &[shared.join("corpus")]);
    let scores = score(&gold, &results);
    let mut low = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        let s = &scores[&lang];
        for p in context_mismatches(s) {
            println!("  {p}");
        }
        for col in ["item_code", "period", "claim_type", "ref_date"] {
            let (agree, n) = s.context.get(col).copied().unwrap_or((0, 0));
            let rate = if n == 0 { 0.0 } else { agree as f64 / n as f64 };
            println!("corpus {} {col}: {agree}/{n} = {rate:.3}", lang.as_str());
            if rate < 0.9 {
                low.push(format!("{} {col} {agree}/{n}", lang.as_str()));
            }
        }
    }
    assert!(low.is_empty(), "context agreement below 0.9: {}", low.join(", "));
}
