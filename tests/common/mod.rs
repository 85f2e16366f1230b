//! Shared test helpers: running the pipeline on files, and scoring claims against a gold file
//! the way `../shared/tools/score_gold.py` does (spans overlapping; kind, value, low, high;
//! dates' ref_date; optional rows optional; extra rows counted).
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

// The library's pipeline entry points the tests use, in one place (they move between modules).
#[allow(unused_imports)]
pub use leapfig::{
    ingest::collect_inputs,
    pipeline::{process_article, process_file, ArticleResult},
};

/// The figures of one piece of text read as `lang`, dated by `date` (what `leapfig scan`
/// prints), e.g. the 15,000 t of a sentence saying a county mined 15,000 tons in a day.
pub fn scan(text: &str, lang: Lang, date: Option<chrono::NaiveDate>) -> Vec<Claim> {
    leapfig::pipeline::scan_text(text, Some(lang), date)
}
use leapfig::article::{Lang, SectionKind};
use leapfig::claim::Claim;
use leapfig::ingest;

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder under the target dir for one test (no extra dependency needed).
pub fn tempdir(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    // Earlier runs' folders of this test go (they piled up to gigabytes): those of a process no
    // longer running (Linux; elsewhere only this process's own).
    for e in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        let file_name = e.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| n.strip_prefix(name)?.strip_prefix('-')) else { continue };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() && Path::new("/proc/self").exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
    let d = root.join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Where the shared material is looked for: `$LEAPFIG_SHARED` when set (a checkout whose
/// `../shared` is elsewhere), else `../shared` beside the repository.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("LEAPFIG_SHARED") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => manifest_dir().join("../shared"),
    }
}

/// True when `LEAPFIG_REQUIRE_SHARED=1` (set by `.ci/run`): a test that needs `../shared`
/// then fails instead of skipping, so a missing folder cannot turn the corpus tests into passes.
pub fn shared_required() -> bool {
    std::env::var("LEAPFIG_REQUIRE_SHARED").is_ok_and(|v| v == "1")
}

/// `../shared`, when present.
pub fn shared() -> Option<PathBuf> {
    let p = shared_dir();
    if p.join("corpus").is_dir() {
        Some(p)
    } else {
        None
    }
}

/// Returns `../shared`, or None after printing the skip notice when it is absent. The notice
/// goes to stdout and stderr and to `target/skipped.txt` (the harness hides a passing test's
/// output; `.ci/run` prints that file). Under `LEAPFIG_REQUIRE_SHARED=1` a missing folder fails.
pub fn shared_or_skip(test: &str) -> Option<PathBuf> {
    let s = shared();
    if s.is_none() {
        let why = format!("{}/corpus is absent on this machine", shared_dir().display());
        assert!(!shared_required(), "{test}: LEAPFIG_REQUIRE_SHARED=1 but {why}");
        skipped(test, &why);
    }
    s
}

/// Records that a test skipped its work, and why (see `shared_or_skip`).
pub fn skipped(test: &str, why: &str) {
    let line = format!("SKIPPED {test}: {why}");
    println!("{line}");
    eprintln!("{line}");
    let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../skipped.txt");
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(log) {
        use std::io::Write;
        // One write of the whole line: tests run in parallel and append to the same file.
        let _ = f.write_all(format!("{line}\n").as_bytes());
    }
}

/// Records that a test needing `../shared` ran on it, for the count `.ci/run` prints.
pub fn ran_on_shared(test: &str) {
    let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../shared_tests.txt");
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(log) {
        use std::io::Write;
        // One write of the whole line (an appended write is not split between two tests'
        // lines; `writeln!` may write the name and the line break separately).
        let _ = f.write_all(format!("{test}\n").as_bytes());
    }
}

/// Reads, decodes, ingests and processes one file (id = file stem).
pub fn run_file(path: &Path) -> ArticleResult {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = ingest::decode(&bytes).unwrap();
    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let article = ingest::parse(&id, &path.display().to_string(), &text, ingest::date_from_file_name(&name))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    process_article(article)
}

/// Every file below `dir` by stem. Where a stem occurs twice (14 articles are both in
/// `rmrb-1958/` and, with their translation, in `bilingual-1958/`), the bilingual copy wins.
pub fn files_by_stem(dir: &Path) -> HashMap<String, PathBuf> {
    let mut out = HashMap::new();
    for p in files_under(dir) {
        if let Some(s) = p.file_stem() {
            let stem = s.to_string_lossy().into_owned();
            let bilingual = p.to_string_lossy().contains("bilingual");
            if bilingual || !out.contains_key(&stem) {
                out.insert(stem, p);
            }
        }
    }
    out
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct GoldRow {
    pub article: String,
    pub lang: String,
    pub section: String,
    pub surface: String,
    pub n: usize,
    pub kind: String,
    pub value: String,
    pub low: String,
    pub high: String,
    pub unit: String,
    pub item: String,
    pub item_code: String,
    pub qualifier: String,
    pub claim_type: String,
    pub period: String,
    pub ref_date: String,
    pub note: String,
    pub optional: String,
    pub pair: String,
    // Where and per what (issue 13): only in files annotated for them.
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub place_code: String,
    #[serde(default)]
    pub per: String,
    #[serde(default)]
    pub works: String,
}

impl GoldRow {
    pub fn is_optional(&self) -> bool {
        self.kind == "duration" || self.optional == "1"
    }
}

/// The context columns the scorer compares where the gold gives them.
pub const CONTEXT_COLUMNS: [&str; 9] =
    ["item_code", "period", "claim_type", "ref_date", "country", "province", "place_code", "per", "works"];

pub fn read_gold(path: &Path) -> Vec<GoldRow> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.deserialize().map(|row| row.unwrap_or_else(|e| panic!("{}: {e}", path.display()))).collect()
}

pub fn fnum(s: &str) -> Option<f64> {
    s.trim().parse().ok()
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * 1f64.max(a.abs()).max(b.abs()),
        (None, None) => true,
        _ => false,
    }
}

pub fn lang_of(s: &str) -> Lang {
    if s == "en" {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// `title` or `body`.
pub fn section_of(s: &str) -> SectionKind {
    if s == "title" {
        SectionKind::Title
    } else {
        SectionKind::Body
    }
}

/// Char span of the n-th occurrence of `surface` in the article's section.
pub fn locate(r: &ArticleResult, lang: Lang, kind: SectionKind, surface: &str, n: usize) -> Option<(usize, usize)> {
    let s = r.article.sections.iter().find(|s| s.lang == lang && s.kind == kind)?;
    let mut k = 0;
    let mut from = 0;
    while let Some(j) = s.text[from..].find(surface) {
        let b = from + j;
        k += 1;
        if k == n {
            let a = s.start + s.text[..b].chars().count();
            return Some((a, a + surface.chars().count()));
        }
        from = b + s.text[b..].chars().next().map_or(1, |c| c.len_utf8());
    }
    None
}

fn is_relative_date(surface: &str) -> bool {
    const WORDS: &[&str] = &[
        "今年",
        "去年",
        "明年",
        "前年",
        "本月",
        "上月",
        "下月",
        "今天",
        "昨天",
        "明天",
        "当日",
        "当天",
        "次日",
        "第二天",
        "同日",
        "本年",
        "this year",
        "last year",
        "next year",
        "this month",
        "last month",
        "next month",
        "this week",
        "last week",
        "next week",
        "today",
        "yesterday",
        "tomorrow",
        "the next day",
        "the following day",
        "the same day",
        "the day after",
    ];
    let s = surface.trim().to_lowercase();
    WORDS.contains(&s.as_str())
}

/// Scores of one language.
#[derive(Debug, Default, Clone)]
pub struct LangScore {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub values_ok: usize,
    pub values_n: usize,
    pub dates_ok: usize,
    pub dates_n: usize,
    /// per context column: (agree, compared)
    pub context: HashMap<&'static str, (usize, usize)>,
    /// (gold row index, claim index) of every gold row matched to a claim, optional rows too
    pub links: Vec<(usize, usize)>,
    pub problems: Vec<String>,
}

impl LangScore {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    pub fn summary(&self) -> String {
        let ctx: Vec<String> = CONTEXT_COLUMNS
            .iter()
            .filter(|c| self.context.contains_key(*c))
            .map(|c| {
                let (a, n) = self.context.get(c).copied().unwrap_or((0, 0));
                format!("{c} {a}/{n}")
            })
            .collect();
        format!(
            "P={:.4} R={:.4} tp={} fp={} fn={} values {}/{} dates {}/{} context: {}",
            self.precision(),
            self.recall(),
            self.tp,
            self.fp,
            self.fn_,
            self.values_ok,
            self.values_n,
            self.dates_ok,
            self.dates_n,
            ctx.join(", ")
        )
    }
}

fn claim_str(c: &Claim) -> String {
    format!(
        "{:?} {} [{:?},{:?}] {} {}",
        c.surface,
        c.kind.as_str(),
        c.low,
        c.high,
        c.unit,
        c.ref_date.map(|d| d.to_string()).unwrap_or_default()
    )
}

/// Scores the results of the gold articles against the gold rows, per language.
pub fn score(gold: &[GoldRow], results: &HashMap<String, ArticleResult>) -> HashMap<Lang, LangScore> {
    let mut out: HashMap<Lang, LangScore> = HashMap::new();
    out.insert(Lang::En, LangScore::default());
    out.insert(Lang::Zh, LangScore::default());
    let mut used: HashMap<(String, usize), bool> = HashMap::new();
    let mut gold_spans: HashMap<(String, Lang), Vec<(usize, usize)>> = HashMap::new();
    for (gi, g) in gold.iter().enumerate() {
        let lang = lang_of(&g.lang);
        let st = out.get_mut(&lang).unwrap();
        let Some(r) = results.get(&g.article) else {
            st.problems.push(format!("GOLD-ARTICLE-MISSING {}", g.article));
            continue;
        };
        let Some((gs, ge)) = locate(r, lang, section_of(&g.section), &g.surface, g.n) else {
            st.problems.push(format!("UNLOCATED {} {} {} {:?} n={}", g.article, g.lang, g.section, g.surface, g.n));
            continue;
        };
        gold_spans.entry((g.article.clone(), lang)).or_default().push((gs, ge));
        // claims in table order: (lang, start)
        let mut order: Vec<usize> = (0..r.claims.len()).filter(|&i| r.claims[i].lang == lang).collect();
        order.sort_by_key(|&i| (r.claims[i].start, r.claims[i].end));
        let best = order.into_iter().find(|&i| {
            let c = &r.claims[i];
            c.start < ge && gs < c.end && !used.contains_key(&(g.article.clone(), i))
        });
        let optional = g.is_optional();
        let Some(bi) = best else {
            if !optional {
                st.fn_ += 1;
                st.problems.push(format!("MISS {} {} {:?} {} {}", g.article, g.lang, g.surface, g.kind, g.ref_date));
            }
            continue;
        };
        used.insert((g.article.clone(), bi), true);
        st.links.push((gi, bi));
        if optional {
            continue;
        }
        st.tp += 1;
        let c = &r.claims[bi];
        if g.kind == "date" {
            st.dates_n += 1;
            // Compared as the tables write it: gold holds the text.
            if c.ref_date.map(|d| d.to_string()).unwrap_or_default() == g.ref_date {
                st.dates_ok += 1;
            } else {
                st.problems.push(format!(
                    "WRONG-DATE {} {} {:?}: gold {} got {}",
                    g.article,
                    g.lang,
                    g.surface,
                    g.ref_date,
                    claim_str(c)
                ));
            }
            continue;
        }
        st.values_n += 1;
        let mut ok = close(fnum(&g.low), c.low);
        let (gh, ph) = (fnum(&g.high), c.high);
        if g.qualifier != "more_than" {
            ok &= close(gh, ph);
        }
        if !g.value.is_empty() {
            ok &= close(fnum(&g.value), c.value);
        }
        ok &= c.kind.as_str() == g.kind;
        if ok {
            st.values_ok += 1;
        } else {
            st.problems.push(format!(
                "WRONG-VALUE {} {} {:?}: gold {} {}[{},{}] got {}",
                g.article,
                g.lang,
                g.surface,
                g.kind,
                g.value,
                g.low,
                g.high,
                claim_str(c)
            ));
        }
        for (col, want, got) in [
            ("item_code", &g.item_code, c.item_code.clone()),
            ("period", &g.period, c.period.map_or(String::new(), |p| p.as_str().to_string())),
            ("claim_type", &g.claim_type, c.claim_type.map_or(String::new(), |p| p.as_str().to_string())),
            ("ref_date", &g.ref_date, c.ref_date.map(|d| d.to_string()).unwrap_or_default()),
            ("country", &g.country, c.country.clone()),
            ("province", &g.province, c.province.clone()),
            ("place_code", &g.place_code, c.place_code.clone()),
            ("per", &g.per, c.per.clone()),
            ("works", &g.works, c.works.clone()),
        ] {
            if want.is_empty() {
                continue;
            }
            let e = st.context.entry(col).or_insert((0, 0));
            e.1 += 1;
            if *want == got {
                e.0 += 1;
            } else {
                st.problems
                    .push(format!("CONTEXT {} {} {:?} {col}: gold {want} got {got}", g.article, g.lang, g.surface));
            }
        }
    }
    for (article, r) in results {
        for (i, c) in r.claims.iter().enumerate() {
            if used.contains_key(&(article.clone(), i)) {
                continue;
            }
            let spans = gold_spans.get(&(article.clone(), c.lang)).map(|v| v.as_slice()).unwrap_or(&[]);
            if spans.iter().any(|&(gs, ge)| c.start < ge && gs < c.end) {
                continue;
            }
            if c.kind == leapfig::claim::Kind::Date && is_relative_date(&c.surface) {
                continue;
            }
            let st = out.get_mut(&c.lang).unwrap();
            st.fp += 1;
            st.problems.push(format!("EXTRA {} {} {}", article, c.lang.as_str(), claim_str(c)));
        }
    }
    out
}

/// Every gold English–Chinese pair (both rows not optional): the two gold rows and the claims
/// the scorer matched them to, where it did.
fn gold_pairs(
    gold: &[GoldRow],
    scores: &HashMap<Lang, LangScore>,
) -> Vec<(usize, usize, Option<usize>, Option<usize>)> {
    let claim_of: HashMap<usize, usize> = scores.values().flat_map(|s| s.links.iter().copied()).collect();
    let mut out = Vec::new();
    for (e, g) in gold.iter().enumerate() {
        if g.lang != "en" || g.pair.is_empty() || g.is_optional() {
            continue;
        }
        let z =
            gold.iter().position(|h| h.lang == "zh" && h.article == g.article && h.pair == g.pair && !h.is_optional());
        if let Some(z) = z {
            out.push((e, z, claim_of.get(&e).copied(), claim_of.get(&z).copied()));
        }
    }
    out
}

/// Gold English–Chinese pairs (both rows not optional) whose two matched claims the pipeline
/// linked in one pair row, whatever its status, as `score_gold.py` counts them: (linked, total).
pub fn pairs_found(
    gold: &[GoldRow],
    scores: &HashMap<Lang, LangScore>,
    results: &HashMap<String, ArticleResult>,
) -> (usize, usize) {
    let all = gold_pairs(gold, scores);
    let linked = all
        .iter()
        .filter(|(e, _, ce, cz)| {
            let (Some(ce), Some(cz)) = (ce, cz) else { return false };
            results[&gold[*e].article].pairs.iter().any(|p| p.en == Some(*ce) && p.zh == Some(*cz))
        })
        .count();
    (linked, all.len())
}

/// Gold English–Chinese pairs (both rows not optional, both found) whose two matched claims
/// state one figure (`figure_id`, issue 14): (sharing, total found, the others described).
pub fn pairs_share_figure(
    gold: &[GoldRow],
    scores: &HashMap<Lang, LangScore>,
    results: &HashMap<String, ArticleResult>,
) -> (usize, usize, Vec<String>) {
    let (mut ok, mut n, mut apart) = (0, 0, Vec::new());
    for (e, z, ce, cz) in gold_pairs(gold, scores) {
        let (Some(ce), Some(cz)) = (ce, cz) else { continue };
        n += 1;
        let r = &results[&gold[e].article];
        if r.figures.of_claim[ce] == r.figures.of_claim[cz] {
            ok += 1;
        } else {
            let date = |i: usize| r.claims[i].ref_date.map(|d| d.to_string()).unwrap_or_default();
            apart.push(format!(
                "{} {} {:?} / {:?}: claims {:?} {} / {:?} {}",
                gold[e].article,
                gold[e].pair,
                gold[e].surface,
                gold[z].surface,
                r.claims[ce].surface,
                date(ce),
                r.claims[cz].surface,
                date(cz)
            ));
        }
    }
    (ok, n, apart)
}

/// Every file below `dir` (recursively), sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// README.md of the repository.
pub fn readme() -> String {
    std::fs::read_to_string(manifest_dir().join("README.md")).unwrap()
}

/// Fails unless README.md contains every one of `lines` (each a measured figure as README
/// states it; white space collapsed, as README wraps its lines), listing the ones it does not.
pub fn assert_readme_states(lines: &[String]) {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = flat(&readme());
    let missing: Vec<&String> = lines.iter().filter(|l| !text.contains(&flat(l))).collect();
    assert!(
        missing.is_empty(),
        "README.md does not state what was measured; put these lines in it:\n{}",
        missing.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n")
    );
}

/// Runs the pipeline on every article a gold file names, finding files by stem under `dirs`.
pub fn run_gold_articles(gold: &[GoldRow], dirs: &[PathBuf]) -> HashMap<String, ArticleResult> {
    let mut files = HashMap::new();
    for d in dirs {
        files.extend(files_by_stem(d));
    }
    let mut out = HashMap::new();
    for g in gold {
        if out.contains_key(&g.article) {
            continue;
        }
        let p = files.get(&g.article).unwrap_or_else(|| panic!("gold article {} not found", g.article));
        out.insert(g.article.clone(), run_file(p));
    }
    out
}

/// Whether LibreOffice (`soffice`) can run here. Where it cannot, the test `test` skips with a
/// notice, or fails under `LEAPFIG_REQUIRE_SOFFICE=1` (set by `.ci/run`, which installs it).
pub fn soffice_or_skip(test: &str) -> bool {
    let Ok(out) = std::process::Command::new("soffice").arg("--version").output() else {
        let why = "soffice is not installed (apt-get install libreoffice-calc-nogui)";
        assert!(std::env::var("LEAPFIG_REQUIRE_SOFFICE").map_or(true, |v| v != "1"), "{test}: {why}");
        skipped(test, why);
        return false;
    };
    assert!(out.status.success(), "{test}: soffice --version failed");
    true
}

/// Converts `file` to HTML with LibreOffice headless (a profile of its own in `dir`, `filter`
/// as `--infilter` where given) and returns the HTML: what Calc makes of a cell shows there.
pub fn libreoffice_to_html(file: &Path, dir: &Path, filter: Option<&str>) -> String {
    let conv = dir.join("conv");
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let mut cmd = std::process::Command::new("soffice");
    cmd.args([profile.as_str(), "--headless"]);
    if let Some(f) = filter {
        cmd.arg(format!("--infilter={f}"));
    }
    let status = cmd
        .args(["--convert-to", "html", "--outdir"])
        .arg(&conv)
        .arg(file)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "soffice converting {}", file.display());
    let name = file.file_stem().unwrap().to_string_lossy();
    std::fs::read_to_string(conv.join(format!("{name}.html"))).unwrap()
}

/// True when the browser test can run: Chromium (`$LEAPFIG_CHROMIUM`, else `/usr/bin/chromium`),
/// Node and `tests/browser/node_modules` (`npm ci` there). `.ci/run` installs `chromium`,
/// `fonts-noto-cjk` and Node where absent, runs `npm ci` and sets `LEAPFIG_REQUIRE_BROWSER=1`,
/// under which a missing piece fails; elsewhere the test skips with a notice.
pub fn browser_or_skip(test: &str) -> bool {
    let chromium = std::env::var("LEAPFIG_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let works =
        |cmd: &str, arg: &str| std::process::Command::new(cmd).arg(arg).output().is_ok_and(|o| o.status.success());
    let why = if !works(&chromium, "--version") {
        format!("{chromium} is not installed (apt-get install chromium fonts-noto-cjk)")
    } else if !works("node", "--version") {
        "node is not installed (apt-get install nodejs npm)".to_string()
    } else if !manifest_dir().join("tests/browser/node_modules/playwright-core").is_dir() {
        "tests/browser/node_modules is missing (npm ci --prefix tests/browser)".to_string()
    } else {
        return true;
    };
    assert!(std::env::var("LEAPFIG_REQUIRE_BROWSER").map_or(true, |v| v != "1"), "{test}: {why}");
    skipped(test, &why);
    false
}
