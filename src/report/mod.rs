//! The audit report: every figure of a run shown where it stands, English and Chinese side by
//! side, with its pair, and charts of what the tables claim (issue 15).
//!
//! Input: a run's output folder: `articles.csv`, `claims.csv`, `pairs.csv` (and `errors.csv`),
//! read back by [`read`] (this module knows the tables, not the pipeline's internals), and each
//! article's source file (`articles.csv` `source`, relative to the current folder as the run
//! recorded it), re-read and cut into its sections by the library's own ingest
//! ([`crate::pipeline::read_file`], [`crate::pipeline::ingest_text`]), so that a claim's
//! `start`/`end` (characters into the decoded file, BOM removed, CR kept) find its text.
//! Output: `OUT/report/index.html` and one page per article under `OUT/report/articles/`
//! (more for an article too long for one, [`layout`]): static, self-contained files (inline
//! CSS and JavaScript, inline SVG charts drawn here in Rust ([`charts`]), fonts from the system,
//! no request to any network), opened from disk.
//!
//! Invariants: the same tables give the same report, byte for byte (everything sorted, no time
//! or path of the machine written). Every claim of `claims.csv` is a row of its article's
//! claims table and, where its offsets fall in the text, one mark; the text shown is cut into
//! pages, never the data. A bad input (a source file missing or changed since the run, a
//! malformed row) is a [`read::Problem`] naming the file and the line: on stderr, on the index
//! page and on the article's page, and the rest of the report is still written. The folder is
//! written as the tables are (`crate::tables::write_all`): into a hidden temporary folder
//! first, renamed into place only when complete, so a failed run leaves the previous report.
//!
//! Templates: askama (`templates/report/`), chosen over minijinja because its templates are
//! compiled with the crate: a field the template names and the code does not have is a build
//! error, not a broken page found later, and rendering is plain Rust code (no value tree per
//! claim), which keeps a corpus-wide report within the speed target; it escapes HTML by
//! default. Only its `derive` and `std` features are used.

pub mod charts;
pub mod layout;
pub mod read;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use askama::Template;
use rayon::prelude::*;

use crate::article::{Lang, Section, SectionKind};
use crate::pipeline::{self, Input};
use layout::{Block, Seg, Span};
use read::{ArticleRow, ClaimRow, PairRow, Problem, Tables};

/// The report's folder inside the output folder.
pub const DIR: &str = "report";
/// The folder of the article pages inside [`DIR`].
pub const ARTICLES_DIR: &str = "articles";

/// What writing a report did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportSummary {
    /// Articles with a page (every article of `articles.csv`).
    pub articles: usize,
    /// HTML files written (the index, and one or more per article).
    pub pages: usize,
    /// Bytes of the report folder.
    pub bytes: u64,
    /// Everything wrong that was met, sorted; each is also on the index page.
    pub problems: Vec<Problem>,
}

/// True for an entry of an output folder that the report writes (`report`, and the hidden
/// temporaries of a report being written or replaced), so that a run does not take it for a
/// file of someone else's.
pub fn is_own_entry(name: &str) -> bool {
    name == DIR || name.starts_with(".report.tmp") || name.starts_with(".report.old")
}

/// Writes the report of the run in `out` into `out/report/`, replacing an earlier one only
/// when the new one is complete.
pub fn write_report(out: &Path) -> Result<ReportSummary> {
    let tables = read::read_tables(out)?;
    remove_stale_temporaries(out);
    let tmp = out.join(format!(".report.tmp{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let result = write_into(&tmp, tables);
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e.context(format!("writing the report into {} (the earlier report is kept)", out.display())));
        }
    };
    let dest = out.join(DIR);
    let old = out.join(format!(".report.old{}", std::process::id()));
    if dest.exists() {
        fs::rename(&dest, &old).with_context(|| format!("moving the earlier {} aside", dest.display()))?;
    }
    fs::rename(&tmp, &dest).with_context(|| format!("renaming {} to {}", tmp.display(), dest.display()))?;
    let _ = fs::remove_dir_all(&old);
    Ok(summary)
}

/// Removes the report an earlier run left in `out` (a run without `--report`: the folder must
/// not show another run's figures). Only the files a report holds are removed, then its
/// folders if they are left empty.
pub fn remove_report(out: &Path) -> Result<()> {
    let dir = out.join(DIR);
    if !dir.is_dir() {
        return Ok(());
    }
    let articles = dir.join(ARTICLES_DIR);
    for d in [&articles, &dir] {
        let Ok(entries) = fs::read_dir(d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_file()) && p.extension().is_some_and(|x| x == "html") {
                fs::remove_file(&p).with_context(|| format!("removing the earlier report's {}", p.display()))?;
            }
        }
    }
    let _ = fs::remove_dir(&articles);
    let _ = fs::remove_dir(&dir);
    remove_stale_temporaries(out);
    Ok(())
}

/// Removes the temporary folders a killed report left behind.
fn remove_stale_temporaries(out: &Path) {
    let Ok(entries) = fs::read_dir(out) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if is_own_entry(&name) && name != DIR && e.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// A claim as its article's page shows it.
#[derive(Debug, Clone)]
pub struct ClaimView<'a> {
    /// Its number in the article (claims.csv order, from 0): element ids `c{n}` (mark) and
    /// `r{n}` (row).
    pub n: usize,
    pub c: &'a ClaimRow,
    /// Its pair's status (`match`, `value_mismatch`, ..., `only_zh`), `none` without a pair row.
    pub status: &'a str,
    pub pair_note: &'a str,
    /// The claim on the other side of its pair.
    pub partner: Option<usize>,
    /// The page (from 0) its mark is on.
    pub page: usize,
    /// Where its partner is when on another page (`x.p2.html#c7`), else empty.
    pub partner_href: String,
    /// The tooltip: every column worth reading, in one line.
    pub tip: String,
    /// The item code, `-` when empty (for the filter).
    pub item: &'a str,
    /// Its mark is in the text (false: its offsets fall outside the text shown).
    pub placed: bool,
}

/// One row of an article page: a paragraph (or a piece of one) of each language shown.
#[derive(Debug)]
pub struct Row<'t> {
    pub title: bool,
    pub cells: Vec<Cell<'t>>,
}

/// One language's side of a row.
#[derive(Debug)]
pub struct Cell<'t> {
    pub lang: &'static str,
    pub block: Option<Block<'t>>,
}

/// One HTML page of an article.
#[derive(Template)]
#[template(path = "report/article.html")]
struct ArticleTpl<'a, 't> {
    a: &'a ArticleRow,
    /// Both languages side by side.
    two: bool,
    page: usize,
    pages: Vec<String>,
    rows: &'a [Row<'t>],
    views: &'a [ClaimView<'a>],
    /// The claims of this page's table (numbers into `views`).
    listed: Vec<usize>,
    kinds: &'a [String],
    items: &'a [String],
    statuses: &'a [String],
    problems: &'a [String],
}

impl ArticleTpl<'_, '_> {
    fn view(&self, n: &usize) -> &ClaimView<'_> {
        &self.views[*n]
    }
}

/// A file name for an article id: letters, digits, `-`, `_` and `.` kept (any script), `/`
/// as `__`, anything else as `_`; a name two ids share gets `-2`, `-3`, ... (ids sorted).
fn slugs(ids: &[&str]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    ids.iter()
        .map(|id| {
            let mut s = String::new();
            for ch in id.chars() {
                match ch {
                    '/' => s.push_str("__"),
                    c if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') => s.push(c),
                    _ => s.push('_'),
                }
            }
            let s = s.trim_start_matches('.').to_string();
            let mut name = s.clone();
            let mut k = 1;
            while !seen.insert(name.to_lowercase()) {
                k += 1;
                name = format!("{s}-{k}");
            }
            name
        })
        .collect()
}

/// The file name of page `p` (from 0) of the article with file name `slug`.
fn page_file(slug: &str, p: usize) -> String {
    if p == 0 {
        format!("{slug}.html")
    } else {
        format!("{slug}.p{}.html", p + 1)
    }
}

/// A file name as a link: every byte outside the unreserved set percent-encoded (the names
/// may hold Chinese).
pub fn href(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/' | b'#') {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// The one-line tooltip of a claim: `15,000 tons: mass 15000 t [15000, 15000] exact; coal (原煤)`.
fn tooltip(c: &ClaimRow, status: &str, note: &str) -> String {
    let mut parts = vec![format!("{}: {} {} {}", c.surface, c.kind, c.value, c.unit)];
    parts.push(format!("[{}, {}] {}", c.low, c.high, c.qualifier));
    let mut add = |name: &str, v: &str| {
        if !v.is_empty() {
            parts.push(format!("{name} {v}"));
        }
    };
    add("item", &c.item);
    add("item_code", &c.item_code);
    add("period", &c.period);
    add("claim_type", &c.claim_type);
    add("ref_date", &c.ref_date);
    add("province", &c.province);
    add("per", &c.per);
    add("note", &c.note);
    add("figure", &c.figure_id);
    if status != "none" {
        parts.push(if note.is_empty() { format!("pair {status}") } else { format!("pair {status} ({note})") });
    }
    parts.join("; ")
}

/// Everything of one article the pages need, and what went wrong with it.
struct ArticleWork<'a> {
    a: &'a ArticleRow,
    slug: String,
    claims: Vec<&'a ClaimRow>,
}

/// Writes the whole report into `dir` (a fresh folder); returns what it did.
fn write_into(dir: &Path, tables: Tables) -> Result<ReportSummary> {
    let arts_dir = dir.join(ARTICLES_DIR);
    fs::create_dir_all(&arts_dir).with_context(|| format!("creating {}", arts_dir.display()))?;
    let mut problems = tables.problems.clone();

    // Articles in id order, each with its claims (claims.csv order: lang, start).
    let mut articles: Vec<&ArticleRow> = tables.articles.iter().collect();
    articles.sort_by(|x, y| x.article_id.cmp(&y.article_id));
    let mut dup = BTreeSet::new();
    articles.retain(|a| {
        let first = dup.insert(a.article_id.as_str());
        if !first {
            problems.push(Problem {
                file: "articles.csv".into(),
                line: Some(a.line),
                message: format!("article {} appears twice; the first row is shown", a.article_id),
            });
        }
        first
    });
    let ids: Vec<&str> = articles.iter().map(|a| a.article_id.as_str()).collect();
    let names = slugs(&ids);
    let index_of: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut work: Vec<ArticleWork> =
        articles.iter().zip(&names).map(|(a, s)| ArticleWork { a, slug: s.clone(), claims: Vec::new() }).collect();
    for c in &tables.claims {
        match index_of.get(c.article_id.as_str()) {
            Some(&i) => work[i].claims.push(c),
            None => problems.push(Problem {
                file: "claims.csv".into(),
                line: Some(c.line),
                message: format!("claim {}: its article {} is not in articles.csv", c.claim_id, c.article_id),
            }),
        }
    }
    for w in &mut work {
        w.claims.sort_by(|x, y| (x.lang.as_str(), x.start, x.end).cmp(&(y.lang.as_str(), y.start, y.end)));
    }
    let pair_of = pairs_by_claim(&tables.pairs);

    // The article pages, in parallel; each returns its pages' count and its problems.
    let outcomes: Vec<Result<Written>> = work.par_iter().map(|w| article_pages(&arts_dir, w, &pair_of)).collect();
    let mut pages = 1;
    // Where each claim's mark is (article, page), for the chart's links.
    let mut mark_page: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    let mut article_problems: Vec<usize> = vec![0; work.len()];
    for (i, o) in outcomes.into_iter().enumerate() {
        let Written { pages: n, problems: ps, mark_pages: claim_pages } = o?;
        pages += n;
        article_problems[i] = ps.len();
        problems.extend(ps);
        for (k, (c, p)) in work[i].claims.iter().zip(claim_pages).enumerate() {
            mark_page.insert(c.claim_id.as_str(), (i, p.unwrap_or(0), k));
        }
    }
    problems.sort();
    problems.dedup();

    let link = |claim_id: &str| -> Option<String> {
        let &(i, p, k) = mark_page.get(claim_id)?;
        Some(href(&format!("{ARTICLES_DIR}/{}#c{k}", page_file(&work[i].slug, p))))
    };
    let index = index_page(&work, &tables, &problems, &article_problems, &link)?;
    let path = dir.join("index.html");
    write_file(&path, index.as_bytes())?;
    let bytes = folder_bytes(dir);
    Ok(ReportSummary { articles: work.len(), pages, bytes, problems })
}

/// Each claim id's pair: (status, note, the other side's claim id).
fn pairs_by_claim(pairs: &[PairRow]) -> HashMap<&str, (&str, &str, &str)> {
    let mut m = HashMap::with_capacity(pairs.len() * 2);
    for p in pairs {
        if !p.en_claim_id.is_empty() {
            m.insert(p.en_claim_id.as_str(), (p.status.as_str(), p.note.as_str(), p.zh_claim_id.as_str()));
        }
        if !p.zh_claim_id.is_empty() {
            m.insert(p.zh_claim_id.as_str(), (p.status.as_str(), p.note.as_str(), p.en_claim_id.as_str()));
        }
    }
    m
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    f.write_all(bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn folder_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                _ => total += e.metadata().map_or(0, |m| m.len()),
            }
        }
    }
    total
}

/// The source of an article, re-read and cut into sections by the library's ingest: its
/// sections, or why it cannot be shown.
fn sections_of(a: &ArticleRow) -> Result<Vec<Section>, String> {
    let input = Input { path: PathBuf::from(&a.source), id: a.article_id.clone() };
    let text = pipeline::read_file(&input).map_err(|e| e.to_string())?;
    let date = crate::dates::parse_iso(&a.date);
    let article = pipeline::ingest_text(&input, &text, date).map_err(|e| e.to_string())?;
    Ok(article.sections)
}

/// What the pages of one article are.
struct Written {
    /// Pages written.
    pages: usize,
    problems: Vec<Problem>,
    /// The page of each claim's mark (claims in the article's order), None without a mark.
    mark_pages: Vec<Option<usize>>,
}

/// Writes the pages of one article into `dir`.
fn article_pages(dir: &Path, w: &ArticleWork, pair_of: &HashMap<&str, (&str, &str, &str)>) -> Result<Written> {
    let a = w.a;
    let mut problems = Vec::new();
    let problem = |line: Option<u64>, file: &str, message: String| Problem { file: file.into(), line, message };
    let sections = match sections_of(a) {
        Ok(s) => s,
        Err(e) => {
            problems.push(problem(
                Some(a.line),
                "articles.csv",
                format!(
                    "article {}: its source cannot be shown: {e}; its claims are listed without their text",
                    a.article_id
                ),
            ));
            Vec::new()
        }
    };
    let number: HashMap<&str, usize> = w.claims.iter().enumerate().map(|(i, c)| (c.claim_id.as_str(), i)).collect();

    // Blocks per (language, section kind), in file order within each.
    let mut placed_n = vec![false; w.claims.len()];
    let mut placed = layout::Placed::default();
    let mut blocks: BTreeMap<(Lang, SectionKind), Vec<Block>> = BTreeMap::new();
    for s in &sections {
        let chars = s.text.chars().count();
        let spans: Vec<Span> = w
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.lang == s.lang.as_str() && c.start >= s.start && c.start < s.start + chars.max(1))
            .map(|(n, c)| Span { n, start: c.start, end: c.end, surface: &c.surface })
            .collect();
        for sp in &spans {
            placed_n[sp.n] = true;
        }
        let b = layout::section_blocks(&s.text, s.start, &spans, &mut placed);
        blocks.entry((s.lang, s.kind)).or_default().extend(b);
    }
    for (n, why) in placed.surface_differs {
        let c = w.claims[n];
        problems.push(problem(
            Some(c.line),
            "claims.csv",
            format!(
                "claim {} at {}-{} of {}: {why} (was the file changed after the run?)",
                c.claim_id, c.start, c.end, a.source
            ),
        ));
    }
    if !sections.is_empty() {
        for (_, c) in w.claims.iter().enumerate().filter(|(n, _)| !placed_n[*n]) {
            problems.push(problem(
                Some(c.line),
                "claims.csv",
                format!(
                    "claim {}: {}-{} is in no {} section of {}; listed without a mark",
                    c.claim_id, c.start, c.end, c.lang, a.source
                ),
            ));
        }
    }

    // Rows: titles then bodies, English left and Chinese right where both are there.
    let has = |l: Lang| blocks.keys().any(|(x, _)| *x == l);
    let two = has(Lang::En) && has(Lang::Zh);
    let (left_lang, right_lang) = if two || has(Lang::En) { (Lang::En, Lang::Zh) } else { (Lang::Zh, Lang::En) };
    // Each claim's block (by language and section kind), to align the two sides by their pairs.
    let mut block_of: HashMap<usize, ((Lang, SectionKind), usize)> = HashMap::new();
    for (key, bs) in &blocks {
        for (k, b) in bs.iter().enumerate() {
            for seg in &b.segs {
                if let Seg::Mark(n, _) = seg {
                    block_of.insert(*n, (*key, k));
                }
            }
        }
    }
    let mut rows: Vec<Row> = Vec::new();
    for kind in [SectionKind::Title, SectionKind::Body] {
        let l = blocks.remove(&(left_lang, kind)).unwrap_or_default();
        let r = blocks.remove(&(right_lang, kind)).unwrap_or_default();
        let order = if two {
            let mut links: HashMap<(usize, usize), usize> = HashMap::new();
            for (n, c) in w.claims.iter().enumerate() {
                let Some(p) = pair_of.get(c.claim_id.as_str()).and_then(|(_, _, other)| number.get(other)) else {
                    continue;
                };
                if let (Some(&(lk, i)), Some(&(rk, j))) = (block_of.get(&n), block_of.get(p)) {
                    if lk == (left_lang, kind) && rk == (right_lang, kind) {
                        *links.entry((i, j)).or_default() += 1;
                    }
                }
            }
            layout::align(l.len(), r.len(), &links)
        } else {
            (0..l.len()).map(|k| (Some(k), None)).collect()
        };
        let (mut l, mut r): (Vec<Option<Block>>, Vec<Option<Block>>) =
            (l.into_iter().map(Some).collect(), r.into_iter().map(Some).collect());
        for (i, j) in order {
            let mut cells = vec![Cell { lang: left_lang.as_str(), block: i.and_then(|i| l[i].take()) }];
            if two {
                cells.push(Cell { lang: right_lang.as_str(), block: j.and_then(|j| r[j].take()) });
            }
            rows.push(Row { title: kind == SectionKind::Title, cells });
        }
    }
    let starts =
        layout::paginate(rows.iter().map(|r| {
            r.cells.iter().filter_map(|c| c.block.as_ref()).fold((0, 0), |(c, m), b| (c + b.chars, m + b.marks))
        }));
    let n_pages = starts.len();
    let mut page_of = vec![None; w.claims.len()];
    for (p, &s) in starts.iter().enumerate() {
        let e = starts.get(p + 1).copied().unwrap_or(rows.len());
        for r in &rows[s..e] {
            for b in r.cells.iter().filter_map(|c| c.block.as_ref()) {
                for seg in &b.segs {
                    if let Seg::Mark(n, _) = seg {
                        page_of[*n] = Some(p);
                    }
                }
            }
        }
    }

    let views: Vec<ClaimView> = w
        .claims
        .iter()
        .enumerate()
        .map(|(n, c)| {
            let (status, pair_note, other) = pair_of.get(c.claim_id.as_str()).copied().unwrap_or(("none", "", ""));
            let partner = number.get(other).copied();
            let page = page_of[n].unwrap_or(0);
            let partner_href = match partner.and_then(|p| page_of[p].map(|pp| (p, pp))) {
                Some((p, pp)) if pp != page => href(&format!("{}#c{p}", page_file(&w.slug, pp))),
                _ => String::new(),
            };
            ClaimView {
                n,
                c,
                status,
                pair_note,
                partner,
                page,
                partner_href,
                tip: tooltip(c, status, pair_note),
                item: if c.item_code.is_empty() { "-" } else { &c.item_code },
                placed: page_of[n].is_some(),
            }
        })
        .collect();
    let set = |f: &dyn Fn(&ClaimView) -> String| -> Vec<String> {
        views.iter().map(f).collect::<BTreeSet<_>>().into_iter().collect()
    };
    let kinds = set(&|v| v.c.kind.clone());
    let items = set(&|v| v.item.to_string());
    let statuses = set(&|v| v.status.to_string());
    let mut shown_problems: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    shown_problems.sort();
    let pages: Vec<String> = (0..n_pages).map(|p| href(&page_file(&w.slug, p))).collect();
    for p in 0..n_pages {
        let e = starts.get(p + 1).copied().unwrap_or(rows.len());
        let listed: Vec<usize> = views.iter().filter(|v| v.page == p).map(|v| v.n).collect();
        let tpl = ArticleTpl {
            a,
            two,
            page: p,
            pages: pages.clone(),
            rows: &rows[starts[p]..e],
            views: &views,
            listed,
            kinds: &kinds,
            items: &items,
            statuses: &statuses,
            problems: &shown_problems,
        };
        let html = tpl.render().with_context(|| format!("rendering the page of {}", a.article_id))?;
        write_file(&dir.join(page_file(&w.slug, p)), html.as_bytes())?;
    }
    Ok(Written { pages: n_pages, problems, mark_pages: page_of })
}

/// One article in the index.
struct IndexRow<'a> {
    a: &'a ArticleRow,
    href: String,
    problems: usize,
}

/// A translation slip in the index: a pair whose status is a mismatch.
struct SlipRow<'a> {
    p: &'a PairRow,
    label: String,
    /// The first of its kind (the anchor the slips chart links to).
    first: bool,
    en_href: String,
    zh_href: String,
}

#[derive(Template)]
#[template(path = "report/index.html")]
struct IndexTpl<'a> {
    rows: Vec<IndexRow<'a>>,
    claims_en: usize,
    claims_zh: usize,
    statuses: Vec<(String, usize)>,
    charts: Vec<charts::Chart>,
    slips: Vec<SlipRow<'a>>,
    problems: Vec<String>,
    errors: &'a [read::ErrorRow],
}

fn index_page(
    work: &[ArticleWork],
    tables: &Tables,
    problems: &[Problem],
    article_problems: &[usize],
    link: &dyn Fn(&str) -> Option<String>,
) -> Result<String> {
    let rows = work
        .iter()
        .zip(article_problems)
        .map(|(w, &problems)| IndexRow {
            a: w.a,
            href: href(&format!("{ARTICLES_DIR}/{}", page_file(&w.slug, 0))),
            problems,
        })
        .collect();
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    for p in &tables.pairs {
        *statuses.entry(p.status.clone()).or_default() += 1;
    }
    let mut slips: Vec<SlipRow> = tables
        .pairs
        .iter()
        .filter(|p| charts::is_slip(&p.status))
        .map(|p| SlipRow {
            p,
            label: charts::slip_label(p),
            first: false,
            en_href: link(&p.en_claim_id).unwrap_or_default(),
            zh_href: link(&p.zh_claim_id).unwrap_or_default(),
        })
        .collect();
    slips.sort_by(|x, y| (&x.label, &x.p.article_id, x.p.line).cmp(&(&y.label, &y.p.article_id, y.p.line)));
    for i in 0..slips.len() {
        slips[i].first = i == 0 || slips[i - 1].label != slips[i].label;
    }
    let tpl = IndexTpl {
        rows,
        claims_en: tables.claims.iter().filter(|c| c.lang == "en").count(),
        claims_zh: tables.claims.iter().filter(|c| c.lang == "zh").count(),
        statuses: statuses.into_iter().collect(),
        charts: charts::charts(tables, link),
        slips,
        problems: problems.iter().map(|p| p.to_string()).collect(),
        errors: &tables.errors,
    };
    tpl.render().context("rendering the index page")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_distinct_and_linkable() {
        let ids = ["rmrb-1958/1958年09月/钢 铁?", "a/b", "a__b", "A__B", ".hidden"];
        let s = slugs(&ids);
        assert_eq!(s, ["rmrb-1958__1958年09月__钢_铁_", "a__b", "a__b-2", "A__B-3", "hidden"]);
        assert_eq!(href("articles/钢.html#c3"), "articles/%E9%92%A2.html#c3");
        assert_eq!(page_file("x", 0), "x.html");
        assert_eq!(page_file("x", 2), "x.p3.html");
    }

    #[test]
    fn own_entries_are_the_report_and_its_temporaries() {
        assert!(is_own_entry("report") && is_own_entry(".report.tmp42") && is_own_entry(".report.old42"));
        assert!(!is_own_entry("reports") && !is_own_entry("notes.txt"));
    }
}
