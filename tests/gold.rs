//! Gold comparisons: the seeds (`tests/gold/seeds.csv`, copied from `../shared/gold/`) and our
//! corpus annotations (`tests/gold/corpus_*.csv`, whose article text is read from
//! `../shared/corpus`; skipped with a notice when absent, a failure under
//! `LEAPFIG_REQUIRE_SHARED=1`).
//!
//! Every count is asserted exactly (found, missed, extra, values and dates right, context
//! columns, pairs): a drop fails, and so does a gain, until `EXPECTED` and README.md's table are
//! brought up to it. `readme_states_the_measured_quality` renders README's rows from the
//! measurement; `python_scorer_agrees` scores the binary's output with
//! `../shared/tools/score_gold.py`, which locates the gold rows by itself, and requires the two
//! scorers to agree. Held-out files (`tests/gold/heldout/`) are not scored here except on
//! request (`LEAPFIG_HELDOUT=1`).

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use leapfig::article::Lang;

/// What a scorer counts for one language of one gold set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Counts {
    found: usize,
    missed: usize,
    extra: usize,
    values: (usize, usize),
    dates: (usize, usize),
}

impl Counts {
    fn of(s: &LangScore) -> Counts {
        Counts {
            found: s.tp,
            missed: s.fn_,
            extra: s.fp,
            values: (s.values_ok, s.values_n),
            dates: (s.dates_ok, s.dates_n),
        }
    }
}

const fn counts(found: usize, missed: usize, extra: usize, values: (usize, usize), dates: (usize, usize)) -> Counts {
    Counts { found, missed, extra, values, dates }
}

/// The measured counts, as README.md states them (`cargo test --test gold -- --nocapture`
/// prints them). Change them, and README.md, when the code changes what it finds.
const SEEDS_ZH: Counts = counts(34, 0, 0, (22, 22), (12, 12));
const SEEDS_EN: Counts = counts(33, 0, 0, (22, 22), (11, 11));
const CORPUS_ZH: Counts = counts(594, 0, 0, (377, 377), (217, 217));
const CORPUS_EN: Counts = counts(415, 0, 0, (271, 271), (144, 144));
/// (agree, compared)
type Agreement = (usize, usize);
/// Context columns on the corpus: (column, Chinese, English).
const CORPUS_CONTEXT: [(&str, Agreement, Agreement); 4] = [
    ("item_code", (253, 274), (182, 200)),
    ("period", (146, 158), (103, 113)),
    ("claim_type", (233, 243), (171, 180)),
    ("ref_date", (139, 147), (92, 98)),
];
/// The issue-13 set (`places_*.csv`, 13 articles annotated for place and scope columns before
/// any tuning for them; first score at e1d4f05 in `heldout_scores.csv`, tuned on since).
const PLACES_ZH: Counts = counts(611, 16, 5, (399, 403), (201, 208));
const PLACES_EN: Counts = counts(207, 3, 1, (145, 148), (56, 59));
/// Every context column on the issue-13 set: (column, Chinese, English).
const PLACES_CONTEXT: [(&str, Agreement, Agreement); 9] = [
    ("item_code", (287, 337), (89, 118)),
    ("period", (175, 202), (27, 37)),
    ("claim_type", (255, 280), (76, 83)),
    ("ref_date", (181, 215), (44, 69)),
    ("country", (402, 403), (147, 148)),
    ("province", (350, 363), (113, 113)),
    ("place_code", (303, 323), (113, 113)),
    ("per", (39, 41), (36, 36)),
    ("works", (61, 96), (19, 54)),
];
/// The same columns at the first score of the set, e1d4f05, before any change for it (as
/// recorded in `heldout_scores.csv`).
const PLACES_FIRST: [(&str, Agreement, Agreement); 9] = [
    ("item_code", (286, 337), (89, 118)),
    ("period", (175, 202), (27, 37)),
    ("claim_type", (198, 279), (38, 83)),
    ("ref_date", (179, 215), (43, 69)),
    ("country", (400, 402), (140, 148)),
    ("province", (326, 362), (112, 113)),
    ("place_code", (234, 322), (112, 113)),
    ("per", (26, 41), (26, 36)),
    ("works", (45, 96), (2, 54)),
];
/// Gold English–Chinese pairs the pipeline links: (linked, total) on the seeds and the corpus.
const SEEDS_PAIRS: (usize, usize) = (33, 33);
const CORPUS_PAIRS: (usize, usize) = (412, 412);
/// Gold pairs (seeds, corpus, issue-13 set) whose two found claims share a figure_id.
const GOLD_PAIRS_FIGURE: (usize, usize) = (637, 642);

fn seeds() -> (Vec<GoldRow>, HashMap<String, ArticleResult>) {
    let gold = read_gold(&manifest_dir().join("tests/gold/seeds.csv"));
    let results = run_gold_articles(&gold, &[manifest_dir().join("data/articles")]);
    (gold, results)
}

fn gold_files(prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest_dir().join("tests/gold"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().unwrap().to_string_lossy().starts_with(prefix) && p.extension().is_some_and(|e| e == "csv")
        })
        .collect();
    files.sort();
    files
}

/// The issue-13 gold (`places_*.csv`), its articles run, and the scores.
fn places(shared: &Path) -> (Vec<GoldRow>, HashMap<Lang, LangScore>) {
    let (gold, _, scores) = places_run(shared);
    (gold, scores)
}

fn places_run(shared: &Path) -> (Vec<GoldRow>, HashMap<String, ArticleResult>, HashMap<Lang, LangScore>) {
    let gold: Vec<GoldRow> = gold_files("places").iter().flat_map(|f| read_gold(f)).collect();
    let results = run_gold_articles(&gold, &[shared.join("corpus")]);
    let scores = score(&gold, &results);
    (gold, results, scores)
}

/// Issue 14: every annotated English–Chinese pair (seeds, corpus and issue-13 sets) whose two
/// rows were found is one figure: the two claims share a `figure_id` (target 0.99), exactly as
/// README.md states.
#[test]
fn gold_pairs_share_one_figure() {
    let (gold, results) = seeds();
    let (mut ok, mut n, mut apart) = pairs_share_figure(&gold, &score(&gold, &results), &results);
    if let Some(shared) = shared_or_skip("gold_pairs_share_one_figure (corpus and issue-13 sets)") {
        ran_on_shared("gold_pairs_share_one_figure");
        let c = corpus(&shared);
        let (pg, pr, ps) = places_run(&shared);
        for (o, m, a) in [pairs_share_figure(&c.gold, &c.scores, &c.results), pairs_share_figure(&pg, &ps, &pr)] {
            ok += o;
            n += m;
            apart.extend(a);
        }
        for a in &apart {
            println!("  APART {a}");
        }
        println!("gold pairs sharing a figure: {ok}/{n}");
        assert_eq!((ok, n), GOLD_PAIRS_FIGURE, "gold pairs sharing a figure (README states it)");
        assert_readme_states(&[format!("{ok} of the {n} annotated pairs")]);
    }
    assert!(ok as f64 >= 0.99 * n as f64, "{ok}/{n} gold pairs share a figure_id:\n{}", apart.join("\n"));
}

/// Issue 13: the figures of the issue-13 set and every context column, exactly as README.md
/// states them (the place and scope columns are what the set was annotated for).
#[test]
fn places_set_agreement() {
    let Some(shared) = shared_or_skip("places_set_agreement") else { return };
    ran_on_shared("places_set_agreement");
    let (gold, scores) = places(&shared);
    assert!(gold.len() > 900, "places_*.csv: {} rows", gold.len());
    for lang in [Lang::Zh, Lang::En] {
        for p in context_mismatches(&scores[&lang]) {
            println!("  {p}");
        }
    }
    println!("places zh summary: {}", scores[&Lang::Zh].summary());
    println!("places en summary: {}", scores[&Lang::En].summary());
    assert_counts("places zh", &scores[&Lang::Zh], PLACES_ZH);
    assert_counts("places en", &scores[&Lang::En], PLACES_EN);
    for (col, zh, en) in PLACES_CONTEXT {
        let got = |lang: Lang| scores[&lang].context.get(col).copied().unwrap_or((0, 0));
        println!("places {col}: zh {:?} en {:?}", got(Lang::Zh), got(Lang::En));
        assert_eq!((got(Lang::Zh), got(Lang::En)), (zh, en), "places {col}: (zh, en) agree/compared");
    }
}

fn corpus_gold() -> Vec<GoldRow> {
    gold_files("corpus").iter().flat_map(|f| read_gold(f)).collect()
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

/// The corpus gold, the results of every annotated article (those without a figure too: all
/// they yield is extra), and the scores.
struct Corpus {
    gold: Vec<GoldRow>,
    results: HashMap<String, ArticleResult>,
    scores: HashMap<Lang, LangScore>,
}

fn corpus(shared: &Path) -> Corpus {
    let gold = corpus_gold();
    let mut results = run_gold_articles(&gold, &[shared.join("corpus")]);
    let files = files_by_stem(&shared.join("corpus"));
    for a in corpus_articles() {
        if let std::collections::hash_map::Entry::Vacant(e) = results.entry(a) {
            let r = run_file(files.get(e.key()).unwrap_or_else(|| panic!("{} not in ../shared/corpus", e.key())));
            e.insert(r);
        }
    }
    let scores = score(&gold, &results);
    Corpus { gold, results, scores }
}

fn print_problems(what: &str, s: &LangScore) {
    println!("{what}: {}", s.summary());
    for p in s.problems.iter().filter(|p| !p.starts_with("CONTEXT")) {
        println!("  {p}");
    }
}

fn assert_counts(what: &str, s: &LangScore, want: Counts) {
    print_problems(what, s);
    let unlocated = s.problems.iter().filter(|p| p.starts_with("UNLOCATED")).count();
    assert_eq!(unlocated, 0, "{what}: gold rows that do not locate in their article");
    assert_eq!(Counts::of(s), want, "{what}: measured (left) and stated (right) differ; see the rows above");
}

#[test]
fn seeds_chinese_figures_match_gold() {
    let (gold, results) = seeds();
    assert_counts("seeds zh", &score(&gold, &results)[&Lang::Zh], SEEDS_ZH);
}

#[test]
fn seeds_english_figures_match_gold() {
    let (gold, results) = seeds();
    assert_counts("seeds en", &score(&gold, &results)[&Lang::En], SEEDS_EN);
}

#[test]
fn seeds_pairs_are_linked() {
    let (gold, results) = seeds();
    let scores = score(&gold, &results);
    assert_eq!(pairs_found(&gold, &scores, &results), SEEDS_PAIRS);
}

#[test]
fn corpus_counts_per_language() {
    let Some(shared) = shared_or_skip("corpus_counts_per_language") else { return };
    ran_on_shared("corpus_counts_per_language");
    let c = corpus(&shared);
    let articles = |lang: &str| c.gold.iter().filter(|g| g.lang == lang).map(|g| &g.article).collect::<BTreeSet<_>>();
    println!("corpus: {} zh and {} en articles with figures", articles("zh").len(), articles("en").len());
    assert_counts("corpus zh", &c.scores[&Lang::Zh], CORPUS_ZH);
    assert_counts("corpus en", &c.scores[&Lang::En], CORPUS_EN);
    assert_eq!(pairs_found(&c.gold, &c.scores, &c.results), CORPUS_PAIRS, "corpus pairs linked");
}

#[test]
fn corpus_annotations_cover_enough_articles() {
    let gold = corpus_gold();
    let listed = corpus_articles();
    assert!(listed.len() >= 20, "{} corpus articles annotated", listed.len());
    let en: BTreeSet<&str> = gold.iter().filter(|g| g.lang == "en").map(|g| g.article.as_str()).collect();
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
/// (article, lang, surface, column, gold value, value by the conventions). The only context
/// differences the seed test lets pass.
const CONTEXT_GOLD_CONFLICTS: &[(&str, &str, &str, &str, &str, &str)] = &[
    // 钢铁日产二千五百一十三吨: 钢铁 counts steel and iron together, `steel_iron` (issue 13 lists
    // "钢铁 coded steel" among the confusions to fix); seeds.csv follows the English "steel".
    ("004_aca439a63957170e", "zh", "二千五百一十三吨", "item_code", "steel", "steel_iron"),
];

fn is_known_conflict(problem: &str) -> bool {
    CONTEXT_GOLD_CONFLICTS.iter().any(|(a, l, surface, col, gold, ours)| {
        problem == format!("CONTEXT {a} {l} {surface:?} {col}: gold {gold} got {ours}")
    })
}

fn context_mismatches(s: &LangScore) -> Vec<&String> {
    s.problems.iter().filter(|p| p.starts_with("CONTEXT")).collect()
}

/// Issues 5 and 13: item_code, period, claim_type, ref_date, country, province, place_code and per
/// of every seed figure whose gold gives them.
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

/// Issue 5: agreement on each context column in each language, compared where the gold gives a
/// value, on the figures found; exactly the counts README.md states.
#[test]
fn corpus_context_agreement() {
    let Some(shared) = shared_or_skip("corpus_context_agreement") else { return };
    ran_on_shared("corpus_context_agreement");
    let c = corpus(&shared);
    for lang in [Lang::Zh, Lang::En] {
        for p in context_mismatches(&c.scores[&lang]) {
            println!("  {p}");
        }
    }
    for (col, zh, en) in CORPUS_CONTEXT {
        let got = |lang: Lang| c.scores[&lang].context.get(col).copied().unwrap_or((0, 0));
        println!("corpus {col}: zh {:?} en {:?}", got(Lang::Zh), got(Lang::En));
        assert_eq!((got(Lang::Zh), got(Lang::En)), (zh, en), "corpus {col}: (zh, en) agree/compared");
    }
}

fn ratio(a: usize, n: usize) -> String {
    format!("{:.3}", if n == 0 { 0.0 } else { a as f64 / n as f64 })
}

/// One row of README's quality table.
fn table_row(label: &str, c: Counts) -> String {
    let figures = c.found + c.missed;
    format!(
        "| {label} | {figures} | {} | {} | {} | {} | {} | {}/{} | {}/{} |",
        c.found,
        c.missed,
        c.extra,
        ratio(c.found, c.found + c.extra),
        ratio(c.found, figures),
        c.values.0,
        c.values.1,
        c.dates.0,
        c.dates.1
    )
}

/// The lines of README.md's "How good it is (measured)" that state gold figures, rendered from
/// the stated counts (which the tests above hold to the measurement).
fn readme_quality_lines() -> Vec<String> {
    let zh_articles = corpus_articles().len();
    let gold = corpus_gold();
    let en_articles = gold.iter().filter(|g| g.lang == "en").map(|g| &g.article).collect::<BTreeSet<_>>().len();
    let mut lines = vec![
        table_row("seeds, Chinese", SEEDS_ZH),
        table_row("seeds, English", SEEDS_EN),
        table_row(&format!("corpus, Chinese ({zh_articles} articles)"), CORPUS_ZH),
        table_row(&format!("corpus, English ({en_articles} bilingual articles)"), CORPUS_EN),
    ];
    for (col, zh, en) in CORPUS_CONTEXT {
        lines.push(format!(
            "| {col} | {}/{} ({}) | {}/{} ({}) |",
            zh.0,
            zh.1,
            ratio(zh.0, zh.1),
            en.0,
            en.1,
            ratio(en.0, en.1)
        ));
    }
    lines.push(format!(
        "English–Chinese pairs of the gold linked in `pairs.csv`: {}/{} on the seeds, {}/{} on the corpus.",
        SEEDS_PAIRS.0, SEEDS_PAIRS.1, CORPUS_PAIRS.0, CORPUS_PAIRS.1
    ));
    lines.push(table_row("issue-13 set, Chinese (13 articles)", PLACES_ZH));
    lines.push(table_row("issue-13 set, English (4 bilingual articles)", PLACES_EN));
    for ((col, zh, en), (_, zh0, en0)) in PLACES_CONTEXT.iter().zip(PLACES_FIRST) {
        let cell = |a: Agreement| format!("{}/{} ({})", a.0, a.1, ratio(a.0, a.1));
        lines.push(format!("| {col} | {} | {} | {} | {} |", cell(zh0), cell(*zh), cell(en0), cell(*en)));
    }
    lines
}

/// The first score of the issue-13 set, as README.md states it, is the one recorded in
/// `heldout_scores.csv` at e1d4f05.
#[test]
fn places_first_score_is_the_recorded_one() {
    let rows = read_heldout_scores();
    for (lang, pick) in [("zh", 0usize), ("en", 1)] {
        let row = rows
            .iter()
            .find(|r| r.commit == "e1d4f05" && r.lang == lang)
            .unwrap_or_else(|| panic!("heldout_scores.csv: no {lang} row at e1d4f05"));
        for (col, zh, en) in PLACES_FIRST {
            let a = if pick == 0 { zh } else { en };
            let stated = format!("{col} {}/{}", a.0, a.1);
            assert!(row.source.contains(&stated), "heldout_scores.csv {lang} at e1d4f05 does not say {stated:?}");
        }
    }
}

/// The held-out rows of README's table, from `tests/gold/heldout_scores.csv` (the rows of
/// commit 13fefe8, the first score that can be reproduced, and of the issue-16 set: its first
/// score and its score after issue 16, whose `source` starts with "after issue 16").
fn readme_heldout_lines() -> Vec<String> {
    read_heldout_scores()
        .iter()
        .filter(|r| r.commit == "13fefe8" || r.files.starts_with("issue16_"))
        .map(|r| {
            let lang = if r.lang == "zh" { "Chinese" } else { "English" };
            let (tp, fp, fn_): (usize, usize, usize) =
                (r.tp.parse().unwrap(), r.fp.parse().unwrap(), r.fn_.parse().unwrap());
            // A re-score after work on other things (nothing tuned on the set) says so.
            let label =
                if r.source.starts_with("after issue 16") { "held out, after issue 16 at" } else { "held out at" };
            format!(
                "| {label} {}, {lang} | {} | {tp} | {fn_} | {fp} | {} | {} | {} | {} |",
                r.commit,
                r.figures,
                ratio(tp, tp + fp),
                ratio(tp, tp + fn_),
                r.values_right,
                r.dates_right
            )
        })
        .collect()
}

/// README.md states exactly the counts the tests above measure.
#[test]
fn readme_states_the_measured_quality() {
    let mut lines = readme_quality_lines();
    lines.extend(readme_heldout_lines());
    assert_readme_states(&lines);
}

#[derive(Debug, serde::Deserialize)]
struct HeldoutScore {
    files: String,
    lang: String,
    figures: String,
    tp: String,
    fp: String,
    #[serde(rename = "fn")]
    fn_: String,
    values_right: String,
    dates_right: String,
    commit: String,
    source: String,
}

fn read_heldout_scores() -> Vec<HeldoutScore> {
    csv::Reader::from_path(manifest_dir().join("tests/gold/heldout_scores.csv"))
        .unwrap()
        .deserialize()
        .map(|r| r.unwrap())
        .collect()
}

fn heldout_files() -> Vec<PathBuf> {
    let dir = manifest_dir().join("tests/gold/heldout");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "csv")).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Every held-out file has its first score recorded (both languages it annotates, a commit).
#[test]
fn heldout_files_have_a_first_score() {
    let scores = read_heldout_scores();
    for f in heldout_files() {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let langs: BTreeSet<String> = read_gold(&f).into_iter().map(|g| g.lang).collect();
        for lang in langs {
            let row = scores.iter().find(|r| r.files.split('+').any(|x| x == name) && r.lang == lang);
            let row = row.unwrap_or_else(|| panic!("tests/gold/heldout/{name}: no {lang} row in heldout_scores.csv"));
            assert!(
                row.commit.len() >= 7 && row.commit.bytes().all(|b| b.is_ascii_hexdigit()),
                "heldout_scores.csv: {name} {lang} has no commit"
            );
        }
    }
}

/// Prints the scores of the held-out files, for their first-score row; runs only when asked
/// (`LEAPFIG_HELDOUT=1`), so that tuning does not look at them.
#[test]
fn heldout_first_score() {
    if std::env::var("LEAPFIG_HELDOUT").map_or(true, |v| v != "1") {
        return;
    }
    let shared = shared_or_skip("heldout_first_score").expect("../shared is needed");
    for f in heldout_files() {
        let gold = read_gold(&f);
        let results = run_gold_articles(&gold, &[shared.join("corpus")]);
        let scores = score(&gold, &results);
        for lang in [Lang::Zh, Lang::En] {
            print_problems(&format!("{} {}", f.display(), lang.as_str()), &scores[&lang]);
            // The context columns too: a held-out file measures them.
            for p in context_mismatches(&scores[&lang]) {
                println!("  {p}");
            }
        }
    }
}

/// The output of `score_gold.py --json` for one language.
fn python_counts(report: &serde_json::Value, lang: &str) -> Counts {
    let n = |k: &str| report[lang][k].as_u64().unwrap() as usize;
    let frac = |k: &str| {
        let s = report[lang][k].as_str().unwrap();
        let (a, b) = s.split_once('/').unwrap();
        (a.parse().unwrap(), b.parse().unwrap())
    };
    Counts { found: n("tp"), missed: n("fn"), extra: n("fp"), values: frac("value_ok"), dates: frac("date_ok") }
}

/// Runs the debug binary over `articles` into `out` and `score_gold.py` over its output; keeps
/// the report as `target/score_gold/<set>.json` (`.ci/run` prints it).
/// The gold files starting with `prefix` as one file (one header), for score_gold.py.
fn concat_gold(prefix: &str, path: &Path) {
    let mut w = csv::Writer::from_path(path).unwrap();
    let mut header_written = false;
    for f in gold_files(prefix) {
        let mut r = csv::Reader::from_path(&f).unwrap();
        if !header_written {
            w.write_record(r.headers().unwrap()).unwrap();
            header_written = true;
        }
        for rec in r.records() {
            w.write_record(&rec.unwrap()).unwrap();
        }
    }
    w.flush().unwrap();
}

fn python_score(set: &str, gold: &Path, articles: &Path, out: &Path) -> serde_json::Value {
    let o = Command::new(env!("CARGO_BIN_EXE_leapfig"))
        .args(["run", articles.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let tool = shared_dir().join("tools/score_gold.py");
    let o = Command::new("python3")
        .arg(&tool)
        .args([gold, articles, out])
        .arg("--json")
        .output()
        .unwrap_or_else(|e| panic!("python3 {}: {e}", tool.display()));
    assert!(o.status.success(), "score_gold.py: {}", String::from_utf8_lossy(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let keep = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../score_gold");
    std::fs::create_dir_all(&keep).unwrap();
    std::fs::write(keep.join(format!("{set}.json")), &o.stdout).unwrap();
    println!("score_gold.py {}: {report}", gold.display());
    report
}

/// `../shared/tools/score_gold.py` (which finds the sections and the gold rows in the files by
/// itself) over the binary's output agrees with the Rust scorer on the seeds and the corpus:
/// found, missed, extra, dates, and values where the kind is right (Python counts a wrong kind
/// apart), the linked pairs and the corpus context columns. Needs python3 and `../shared`.
#[test]
fn python_scorer_agrees() {
    let Some(shared) = shared_or_skip("python_scorer_agrees") else { return };
    if Command::new("python3").arg("--version").output().is_err() {
        assert!(!shared_required(), "python_scorer_agrees: python3 is needed under LEAPFIG_REQUIRE_SHARED=1");
        skipped("python_scorer_agrees", "python3 is not installed");
        return;
    }
    ran_on_shared("python_scorer_agrees");
    let dir = tempdir("gold-python");
    // Seeds: the two articles as they are.
    let report = python_score(
        "seeds",
        &manifest_dir().join("tests/gold/seeds.csv"),
        &manifest_dir().join("data/articles"),
        &dir.join("seeds-out"),
    );
    assert_eq!((python_counts(&report, "zh"), python_counts(&report, "en")), (SEEDS_ZH, SEEDS_EN), "seeds");
    assert_eq!(report["pairs"], format!("{}/{}", SEEDS_PAIRS.0, SEEDS_PAIRS.1), "seed pairs");
    assert_eq!(report["gold_unlocated"], 0);
    assert_eq!(report["bad_offsets"], 0);
    // Corpus: the annotated articles only (the bilingual copy where an article is in both
    // folders, as the Rust scorer reads it; the scorer reads files by stem), one gold file.
    let arts = dir.join("corpus-articles");
    std::fs::create_dir_all(&arts).unwrap();
    let files = files_by_stem(&shared.join("corpus"));
    let gold = corpus_gold();
    for a in gold.iter().map(|g| &g.article).collect::<BTreeSet<_>>() {
        let src = &files[a];
        std::fs::copy(src, arts.join(src.file_name().unwrap())).unwrap();
    }
    let gold_path = dir.join("corpus_gold.csv");
    concat_gold("corpus", &gold_path);
    let report = python_score("corpus", &gold_path, &arts, &dir.join("corpus-out"));
    assert_eq!((python_counts(&report, "zh"), python_counts(&report, "en")), (CORPUS_ZH, CORPUS_EN), "corpus");
    assert_eq!(report["pairs"], format!("{}/{}", CORPUS_PAIRS.0, CORPUS_PAIRS.1), "corpus pairs");
    for (col, zh, en) in CORPUS_CONTEXT {
        for (lang, (a, n)) in [("zh", zh), ("en", en)] {
            assert_eq!(report[lang]["by_column"][col], format!("{a}/{n}"), "corpus {lang} {col}");
        }
    }
    assert_eq!(report["gold_unlocated"], 0);
    assert_eq!(report["bad_offsets"], 0);
    // The issue-13 set: figures and every context column, place and scope columns included.
    let gold_path = dir.join("places_gold.csv");
    concat_gold("places", &gold_path);
    let arts = dir.join("places-articles");
    std::fs::create_dir_all(&arts).unwrap();
    let gold: Vec<GoldRow> = gold_files("places").iter().flat_map(|f| read_gold(f)).collect();
    for a in gold.iter().map(|g| &g.article).collect::<BTreeSet<_>>() {
        let src = &files[a];
        std::fs::copy(src, arts.join(src.file_name().unwrap())).unwrap();
    }
    let report = python_score("places", &gold_path, &arts, &dir.join("places-out"));
    assert_eq!((python_counts(&report, "zh"), python_counts(&report, "en")), (PLACES_ZH, PLACES_EN), "places");
    for (col, zh, en) in PLACES_CONTEXT {
        for (lang, (a, n)) in [("zh", zh), ("en", en)] {
            assert_eq!(report[lang]["by_column"][col], format!("{a}/{n}"), "places {lang} {col}");
        }
    }
}

/// Columns a hand check may name, the figure's own first (`date`: a date claim's resolved date).
const FIGURE_COLUMNS: [&str; 8] = ["surface", "kind", "value", "low", "high", "unit", "qualifier", "date"];
const HANDCHECK_CONTEXT_COLUMNS: [&str; 4] = ["item_code", "period", "claim_type", "ref_date"];

#[derive(Debug, serde::Deserialize)]
struct HandCheck {
    claim_id: String,
    verdict: String,
    column: String,
    why: String,
}

/// Hand-check samples (`tests/gold/handchecks/`) are well formed, and README.md states each
/// one's result: (claims, wrong, wrong in the figure's own columns, wrong in context columns).
#[test]
fn handchecks_are_well_formed_and_stated() {
    let dir = manifest_dir().join("tests/gold/handchecks");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    let mut lines = Vec::new();
    for f in &files {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        let parts: Vec<&str> = name.split('_').collect();
        assert!(parts.len() == 3 && matches!(parts[1], "zh" | "en"), "{name}: YYYY-MM-DD_<lang>_<commit>");
        assert!(parts[2].len() >= 7 && parts[2].bytes().all(|b| b.is_ascii_hexdigit()), "{name}: commit");
        let rows: Vec<HandCheck> = csv::Reader::from_path(f).unwrap().deserialize().map(|r| r.unwrap()).collect();
        let (mut figure, mut context) = (0, 0);
        for r in &rows {
            assert!(
                r.claim_id.contains(&format!("#{}", parts[1])),
                "{name}: {} is not a {} claim id",
                r.claim_id,
                parts[1]
            );
            match r.verdict.as_str() {
                "right" => assert!(r.column.is_empty(), "{name}: {} is right but names a column", r.claim_id),
                "wrong" => {
                    assert!(!r.why.is_empty(), "{name}: {} is wrong without a reason", r.claim_id);
                    if FIGURE_COLUMNS.contains(&r.column.as_str()) {
                        figure += 1;
                    } else {
                        assert!(
                            HANDCHECK_CONTEXT_COLUMNS.contains(&r.column.as_str()),
                            "{name}: column {:?}",
                            r.column
                        );
                        context += 1;
                    }
                }
                v => panic!("{name}: verdict {v:?}"),
            }
        }
        let lang = if parts[1] == "zh" { "Chinese" } else { "English" };
        lines.push(format!(
            "{lang} sample of {} at {}: {} wrong ({figure} in the figure itself, {context} in context columns)",
            rows.len(),
            parts[2],
            figure + context
        ));
    }
    assert_readme_states(&lines);
}
