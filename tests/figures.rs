//! Issue 14 on the corpus: duplicate articles flagged, each figure once in figures.csv, every
//! claim and pair pointing at a figure that exists, mentions adding up, the translation's
//! coverage, and series whose rows follow their figures.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

use common::*;
use leapfig::reconcile::{last_digit_exp, sig_digits};

type Rows = Vec<HashMap<String, String>>;

fn read(path: &Path) -> Rows {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| headers.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        .collect()
}

/// The article files under `root` (names starting with a year) by stem, with their ids
/// relative to `root`.
fn stems(root: &Path) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in files_under(root) {
        let article = p.extension().is_some_and(|x| x == "md" || x == "txt")
            && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("19"));
        if article {
            let id = p.strip_prefix(root).unwrap().with_extension("").to_string_lossy().replace('\\', "/");
            out.entry(p.file_stem().unwrap().to_string_lossy().into_owned()).or_default().push(id);
        }
    }
    out
}

struct Run {
    claims: Rows,
    pairs: Rows,
    articles: Rows,
    figures: Rows,
    series: Rows,
}

fn run_corpus(test: &str) -> Option<(std::path::PathBuf, Run)> {
    let shared = shared_or_skip(test)?;
    ran_on_shared(test);
    let out = tempdir(test);
    let corpus = shared.join("corpus");
    let o = Command::new(env!("CARGO_BIN_EXE_leapfig"))
        .args(["run", corpus.to_str().unwrap(), "--out", out.to_str().unwrap(), "--force"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = |name: &str| read(&out.join(format!("{name}.csv")));
    let run = Run {
        claims: t("claims"),
        pairs: t("pairs"),
        articles: t("articles"),
        figures: t("figures"),
        series: t("series"),
    };
    Some((corpus, run))
}

#[test]
fn corpus_duplicates_and_figures() {
    let Some((corpus, r)) = run_corpus("corpus_duplicates_and_figures") else { return };
    // The duplicates, found independently: a file name in both folders. The first in id order
    // (bilingual-1958/… before rmrb-1958/…) is the original.
    let mut by_stem = stems(&corpus);
    let mut expected: BTreeMap<String, String> = BTreeMap::new();
    for ids in by_stem.values_mut().filter(|ids| ids.len() > 1) {
        ids.sort();
        for d in &ids[1..] {
            expected.insert(d.clone(), ids[0].clone());
        }
    }
    assert_eq!(expected.len(), 14, "the corpus holds 14 articles in both folders");
    let flagged: BTreeMap<String, String> = r
        .articles
        .iter()
        .filter(|a| !a["duplicate_of"].is_empty())
        .map(|a| (a["article_id"].clone(), a["duplicate_of"].clone()))
        .collect();
    assert_eq!(flagged, expected);

    // Each figure once; every claim and pair points at one; mentions add up to the claims.
    let ids: BTreeSet<&str> = r.figures.iter().map(|f| f["figure_id"].as_str()).collect();
    assert_eq!(ids.len(), r.figures.len(), "figure ids are unique");
    let mut mentions: HashMap<&str, usize> = HashMap::new();
    for c in &r.claims {
        assert!(
            ids.contains(c["figure_id"].as_str()),
            "{}: figure {} not in figures.csv",
            c["claim_id"],
            c["figure_id"]
        );
        *mentions.entry(c["figure_id"].as_str()).or_default() += 1;
    }
    for f in &r.figures {
        assert_eq!(f["mentions"].parse::<usize>().unwrap(), mentions[f["figure_id"].as_str()], "{}", f["figure_id"]);
        assert!(!flagged.contains_key(&f["article_id"]), "{}: a duplicate's figure counted again", f["figure_id"]);
        // The id is made of the first Chinese mention's offset (English where none).
        let first = if f["zh_claim_id"].is_empty() { &f["en_claim_id"] } else { &f["zh_claim_id"] };
        let (art, at) = first.rsplit_once('#').unwrap();
        assert_eq!(f["figure_id"], format!("{art}#f{}", &at[2..]));
    }
    for p in &r.pairs {
        assert!(ids.contains(p["figure_id"].as_str()), "pair of {} / {}", p["en_claim_id"], p["zh_claim_id"]);
    }
    // A duplicate's Chinese claims are the original's figures, one for one: the same figure
    // whatever input and language state it.
    let mut checked = 0;
    for (dup, orig) in &expected {
        let zh = |a: &str| -> Vec<(&str, &str)> {
            r.claims
                .iter()
                .filter(|c| c["article_id"] == a && c["lang"] == "zh")
                .map(|c| (c["surface"].as_str(), c["figure_id"].as_str()))
                .collect()
        };
        let (d, o) = (zh(dup), zh(orig));
        assert_eq!(d.len(), o.len(), "{dup}: as many Chinese claims as {orig}");
        for ((ds, df), (os, of)) in d.iter().zip(&o) {
            assert_eq!((ds, df), (os, of), "{dup}: the claim {ds} states the original's figure");
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked} duplicate claims checked");
    // Pairs carry their figure's context.
    let fig: HashMap<&str, &HashMap<String, String>> = r.figures.iter().map(|f| (f["figure_id"].as_str(), f)).collect();
    for p in &r.pairs {
        let f = fig[p["figure_id"].as_str()];
        for col in ["item_code", "period", "claim_type", "ref_date", "province"] {
            assert_eq!(p[col], f[col], "pair {} / {}: {col}", p["en_claim_id"], p["zh_claim_id"]);
        }
    }
    println!(
        "corpus: {} claims, {} figures ({} of dates), {} duplicates, {} series",
        r.claims.len(),
        r.figures.len(),
        r.figures.iter().filter(|f| f["kind"] == "date").count(),
        flagged.len(),
        r.series.len()
    );
}

/// `en_coverage`: complete translations near 1, the one whose English stops after a quarter of
/// the Chinese text far below; archive articles have none.
#[test]
fn corpus_translation_coverage() {
    let Some((_, r)) = run_corpus("corpus_translation_coverage") else { return };
    let mut cov: Vec<(f64, &str)> = Vec::new();
    for a in &r.articles {
        match a["format"].as_str() {
            "bilingual" => {
                if let Ok(v) = a["en_coverage"].parse::<f64>() {
                    cov.push((v, a["article_id"].as_str()));
                }
            }
            _ => assert!(a["en_coverage"].is_empty(), "{}: no translation, no coverage", a["article_id"]),
        }
    }
    cov.sort_by(|a, b| a.partial_cmp(b).unwrap());
    for (v, a) in &cov {
        println!("  {v:.4} {a}");
    }
    // The short translation (its English is as long as its Chinese, a quarter of the usual).
    assert!(cov[0].1.contains("1958-12-22_一年之间钢产加番"), "{:?}", cov[0]);
    assert!(cov[0].0 < 0.7, "{:?}", cov[0]);
    let complete = cov.iter().filter(|(v, _)| *v >= 0.9).count();
    assert!(complete >= 22, "{complete} of {} translations cover 90 % of the figures", cov.len());
}

/// Series rows follow the figures they list: key columns equal, values and bounds from them,
/// statuses by the documented rule.
#[test]
fn corpus_series_follow_their_figures() {
    let Some((_, r)) = run_corpus("corpus_series_follow_their_figures") else { return };
    let fig: HashMap<&str, &HashMap<String, String>> = r.figures.iter().map(|f| (f["figure_id"].as_str(), f)).collect();
    assert!(r.series.len() >= 5, "{} series", r.series.len());
    let key =
        ["item_code", "unit", "per", "period", "claim_type", "ref_date", "country", "province", "place_code", "works"];
    for s in &r.series {
        let members: Vec<&HashMap<String, String>> = s["figure_ids"].split(';').map(|id| fig[id]).collect();
        assert_eq!(members.len().to_string(), s["figures"]);
        let arts: BTreeSet<&str> = members.iter().map(|f| f["article_id"].as_str()).collect();
        assert!(arts.len() >= 2 && arts.len().to_string() == s["articles"], "{}", s["series_id"]);
        for f in &members {
            for k in key {
                assert_eq!(f[k], s[k], "{}: {k}", s["series_id"]);
            }
            assert_ne!(f["kind"], "date");
        }
        // Intervals overlap, or two exact numbers differ by less than one unit of the last digit
        // of the less precise (two significant digits or more): README's rule.
        let overlap = |a: &HashMap<String, String>, b: &HashMap<String, String>| {
            let lo = |f: &HashMap<String, String>| f["low"].parse::<f64>().unwrap_or(f64::NEG_INFINITY);
            let hi = |f: &HashMap<String, String>| f["high"].parse::<f64>().unwrap_or(f64::INFINITY);
            if lo(a) <= hi(b) && lo(b) <= hi(a) {
                return true;
            }
            let exact = |f: &HashMap<String, String>| {
                let v = f["value"].parse::<f64>().ok()?;
                (f["low"] == f["value"] && f["high"] == f["value"]).then_some(v)
            };
            let (Some(x), Some(y)) = (exact(a), exact(b)) else { return false };
            let coarse = if sig_digits(x) <= sig_digits(y) { x } else { y };
            sig_digits(coarse) >= 2 && (x - y).abs() < 10f64.powi(last_digit_exp(coarse))
        };
        let all = members.iter().enumerate().all(|(i, a)| members[i + 1..].iter().all(|b| overlap(a, b)));
        let want = if all {
            "consistent"
        } else if matches!(s["claim_type"].as_str(), "target" | "forecast") {
            s["status"].as_str() // revised_up or revised_down, checked below
        } else {
            "contradiction"
        };
        assert_eq!(s["status"], want, "{}", s["series_id"]);
        if s["status"].starts_with("revised") {
            assert!(matches!(s["status"].as_str(), "revised_up" | "revised_down"));
        }
    }
    let statuses: BTreeMap<&str, usize> = r.series.iter().fold(BTreeMap::new(), |mut m, s| {
        *m.entry(s["status"].as_str()).or_default() += 1;
        m
    });
    println!("series statuses: {statuses:?}");
    // As README.md states them (each row checked by hand there).
    let n = |k: &str| statuses.get(k).copied().unwrap_or(0);
    assert_eq!((r.series.len(), n("consistent"), n("revised_up"), n("contradiction")), (6, 5, 1, 0), "{statuses:?}");
    assert_readme_states(&["6 series, 5 consistent, 1 revised_up (real), no contradiction".to_string()]);
}
