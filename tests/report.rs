//! The audit report (issue 15), end to end through the binary: `leapfig run --report` and
//! `leapfig report OUT` over the seeds, the corpus and hostile inputs, the pages checked against
//! the tables they were made from; and a real browser (headless Chromium driven by
//! `tests/browser/check.js`) opening the index and a seed's page from disk.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leapfig")).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Rows of a CSV file as maps of column -> cell.
fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let h = r.headers().unwrap().clone();
    r.records()
        .map(|rec| h.iter().zip(rec.unwrap().iter()).map(|(k, v)| (k.to_string(), v.to_string())).collect())
        .collect()
}

/// The page file of an article id, as the report names it (`/` -> `__`; the ids of these
/// tests have no other character that changes).
fn page(out: &Path, id: &str) -> PathBuf {
    out.join("report/articles").join(format!("{}.html", id.replace('/', "__")))
}

/// The first page of each article, as the index links it (id -> file).
fn pages_by_id(out: &Path) -> BTreeMap<String, PathBuf> {
    let index = std::fs::read_to_string(out.join("report/index.html")).unwrap();
    let row = regex::Regex::new(r#"<tr><td><a href="([^"]+)">([^<]+)</a>"#).unwrap();
    let entity = regex::Regex::new(r"&#(\d+);").unwrap();
    row.captures_iter(&index)
        .map(|c| {
            // The link is percent-encoded UTF-8; the id is HTML-escaped.
            let mut bytes = Vec::new();
            let h = c[1].as_bytes();
            let mut i = 0;
            while i < h.len() {
                if h[i] == b'%' {
                    bytes.push(u8::from_str_radix(std::str::from_utf8(&h[i + 1..i + 3]).unwrap(), 16).unwrap());
                    i += 3;
                } else {
                    bytes.push(h[i]);
                    i += 1;
                }
            }
            let id = entity
                .replace_all(&c[2], |e: &regex::Captures| char::from_u32(e[1].parse().unwrap()).unwrap().to_string());
            (id.into_owned(), out.join("report").join(String::from_utf8(bytes).unwrap()))
        })
        .collect()
}

/// Every `<mark>` of a page: (its number, its partner's number where it has one).
fn marks(html: &str) -> Vec<(usize, Option<usize>)> {
    let mark = regex::Regex::new(r#"<mark id="c(\d+)"([^>]*)>"#).unwrap();
    let partner = regex::Regex::new(r#" data-p="(\d+)""#).unwrap();
    mark.captures_iter(html)
        .map(|c| (c[1].parse().unwrap(), partner.captures(&c[2]).map(|p| p[1].parse().unwrap())))
        .collect()
}

/// Every file of a folder, by path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|p| (p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap()))
        .collect()
}

/// Checks that each article's page marks each of its claims once, in claims.csv order, and
/// that every pair of pairs.csv links its two marks both ways. Returns the claims checked.
fn check_pages(out: &Path) -> usize {
    let claims = csv_rows(&out.join("claims.csv"));
    let pairs = csv_rows(&out.join("pairs.csv"));
    // Each claim's number in its article (claims.csv is sorted by article, lang, start).
    let mut number: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_article: BTreeMap<String, usize> = BTreeMap::new();
    for c in &claims {
        let n = per_article.entry(c["article_id"].clone()).or_default();
        number.insert(c["claim_id"].clone(), *n);
        *n += 1;
    }
    let mut partner_of: BTreeMap<String, BTreeMap<usize, usize>> = BTreeMap::new();
    for p in &pairs {
        if p["en_claim_id"].is_empty() || p["zh_claim_id"].is_empty() {
            continue;
        }
        let (en, zh) = (number[&p["en_claim_id"]], number[&p["zh_claim_id"]]);
        let m = partner_of.entry(p["article_id"].clone()).or_default();
        m.insert(en, zh);
        m.insert(zh, en);
    }
    let articles = csv_rows(&out.join("articles.csv"));
    let pages = pages_by_id(out);
    assert_eq!(pages.len(), articles.len(), "the index links every article");
    for a in &articles {
        let id = &a["article_id"];
        let html = std::fs::read_to_string(&pages[id]).unwrap_or_else(|e| panic!("{id}: {e}"));
        let m = marks(&html);
        let expected = per_article.get(id).copied().unwrap_or(0);
        assert_eq!(m.len(), expected, "{id}: one mark per claim of claims.csv");
        let mut numbers: Vec<usize> = m.iter().map(|(n, _)| *n).collect();
        numbers.sort();
        assert_eq!(numbers, (0..expected).collect::<Vec<_>>(), "{id}: each claim marked once");
        let want = partner_of.remove(id).unwrap_or_default();
        let got: BTreeMap<usize, usize> = m.iter().filter_map(|(n, p)| p.map(|p| (*n, p))).collect();
        assert_eq!(got, want, "{id}: partners as pairs.csv links them");
        assert_eq!(html.matches("<tr id=\"r").count(), expected, "{id}: one table row per claim");
        // Each claim's figure (figures.csv) stands in its row, the last cell.
        for c in claims.iter().filter(|c| &c["article_id"] == id) {
            let cell = format!("<td>{}</td></tr>", c["figure_id"].replace('&', "&amp;"));
            assert!(html.contains(&cell), "{id}: {} shows its figure {}", c["claim_id"], c["figure_id"]);
        }
    }
    claims.len()
}

#[test]
fn seeds_report_marks_every_claim_and_links_its_pair() {
    let dir = tempdir("report-seeds");
    let out = dir.join("out");
    let seeds = manifest_dir().join("data/articles");
    let o = run(&["run", s(&seeds), "--out", s(&out), "--report"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("report: 2 articles, 3 pages"), "{}", stderr(&o));
    assert_eq!(check_pages(&out), 81);
    let p = std::fs::read_to_string(page(&out, "004_aca439a63957170e")).unwrap();
    // 当日 has no English partner: its badge says so in text, not only in colour.
    assert!(p.contains(r#"class="m s-only_zh""#) && p.contains(">当日</mark>"), "当日 marked only_zh");
    assert!(p.contains(r#"<span class="badge s-only_zh">only_zh</span>"#));
    // The tooltip gives the columns.
    assert!(p.contains(r#"title="一万五千吨: mass 15000 t; [15000, 15000] exact; item 煤; item_code coal; period day; claim_type achieved; province 湖南省; figure 004_aca439a63957170e#f2670; pair match""#), "tooltip");
    // The two languages side by side, the Chinese original on the right.
    assert!(p.contains(r#"<div class="cell" lang="en">"#) && p.contains(r#"<div class="cell" lang="zh">"#));
    // Self-contained: no URL of any network, no external file.
    for page in files(&out.join("report")).values() {
        let html = String::from_utf8_lossy(page);
        assert!(
            !html.contains("http://")
                || html.matches("http://").count() == html.matches("http://www.w3.org/2000/svg").count()
        );
        assert!(!html.contains("https://") && !html.contains(" src=") && !html.contains("<link"), "self-contained");
    }
    let index = std::fs::read_to_string(out.join("report/index.html")).unwrap();
    assert!(index.contains(r#"href="articles/000_f3ff11874e0731e9.html""#));
    assert!(index.contains(r#"href="articles/004_aca439a63957170e.html""#));
    assert_eq!(index.matches("<svg ").count(), 5, "daily steel, pig iron, coal; yields; slips");
    // The 15,000 t of 10 October in Hunan is a point of the coal chart, linked to its mark.
    assert!(index.contains(r##"<a href="articles/004_aca439a63957170e.html#c"##));
    assert!(index.contains("湖南省 (1)"), "the coal chart's legend names the province");
}

#[test]
fn the_same_tables_give_the_same_report() {
    let dir = tempdir("report-same");
    let out = dir.join("out");
    let seeds = manifest_dir().join("data/articles");
    assert!(run(&["run", s(&seeds), "--out", s(&out), "--report"]).status.success());
    let first = files(&out.join("report"));
    let o = run(&["report", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(files(&out.join("report")), first, "byte-identical");
    assert_eq!(first.len(), 3);
}

#[test]
fn text_is_escaped() {
    let dir = tempdir("report-escape");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(
        input.join("1958-10-13_escape.txt"),
        "<script>alert(\"x\")</script> 全县日产钢三百吨 & <b>四百吨</b>\n<img src=x onerror=alert(1)>\n",
    )
    .unwrap();
    let out = dir.join("out");
    let o = run(&["run", s(&input), "--out", s(&out), "--report"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(page(&out, "1958-10-13_escape")).unwrap();
    assert!(html.contains("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; 全县日产钢<mark"), "{html}");
    assert!(!html.contains("<script>alert") && !html.contains("<img") && !html.contains("<b>四百吨"));
    assert!(html.contains("&#38; &#60;b&#62;<mark"));
    assert_eq!(check_pages(&out), 2);
}

#[test]
fn a_missing_source_and_a_malformed_row_are_named_and_the_rest_is_written() {
    let dir = tempdir("report-bad");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for f in ["000_f3ff11874e0731e9.txt", "004_aca439a63957170e.txt"] {
        std::fs::copy(manifest_dir().join("data/articles").join(f), input.join(f)).unwrap();
    }
    let out = dir.join("out");
    assert!(run(&["run", s(&input), "--out", s(&out)]).status.success());
    assert!(!out.join("report").exists(), "no report unless asked for");
    let gone = input.join("000_f3ff11874e0731e9.txt");
    std::fs::remove_file(&gone).unwrap();
    let claims = out.join("claims.csv");
    let mut text = std::fs::read_to_string(&claims).unwrap();
    let lines = text.lines().count();
    text.push_str("004_aca439a63957170e#zh1,004_aca439a63957170e,1958-10-13,zh,body,one,2\n");
    std::fs::write(&claims, text).unwrap();

    let o = run(&["report", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "finished, with problems: {}", stderr(&o));
    let err = stderr(&o);
    // The article row (line 2 of articles.csv) and the file, and the malformed row's line.
    assert!(
        err.contains(&format!(
            "articles.csv:2: article 000_f3ff11874e0731e9: its source cannot be shown: {}",
            gone.display()
        )),
        "{err}"
    );
    assert!(err.contains(&format!("claims.csv:{}: unreadable row", lines + 1)), "{err}");
    // Both pages written; the one without its source lists its claims, with the problem.
    let bad = std::fs::read_to_string(page(&out, "000_f3ff11874e0731e9")).unwrap();
    assert_eq!(bad.matches("<tr id=\"r").count(), 40);
    assert!(bad.contains("its source cannot be shown") && bad.contains("The text of this article cannot be shown"));
    let good = std::fs::read_to_string(page(&out, "004_aca439a63957170e")).unwrap();
    assert_eq!(marks(&good).len(), 41);
    let index = std::fs::read_to_string(out.join("report/index.html")).unwrap();
    assert!(index.contains("Problems met while making this report") && index.contains("unreadable row"));

    // A changed source: the claim's offsets no longer hold its surface ("two months", 128-138).
    let original = std::fs::read_to_string(manifest_dir().join("data/articles/000_f3ff11874e0731e9.txt")).unwrap();
    assert_eq!(original.chars().skip(128).take(10).collect::<String>(), "two months");
    std::fs::write(&gone, original.replacen("two months", "ten months", 1)).unwrap();
    let o = run(&["report", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    let want = format!(
        "claims.csv:2: claim 000_f3ff11874e0731e9#en128 at 128-138 of {}: the text there is \"ten months\", \
         not \"two months\" (was the file changed after the run?)",
        gone.display()
    );
    assert!(stderr(&o).contains(&want), "{}", stderr(&o));
}

#[test]
fn a_new_run_replaces_the_report_and_a_run_without_it_removes_it() {
    let dir = tempdir("report-replace");
    let out = dir.join("out");
    let seeds = manifest_dir().join("data/articles");
    assert!(run(&["run", s(&seeds), "--out", s(&out), "--report"]).status.success());
    assert!(page(&out, "000_f3ff11874e0731e9").exists());
    // Into the same folder (its report/ is leapfig's own, no --force needed), one seed only.
    let one = seeds.join("004_aca439a63957170e.txt");
    let o = run(&["run", s(&one), "--out", s(&out), "--report"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let names: Vec<PathBuf> = files(&out.join("report")).into_keys().collect();
    assert_eq!(names, [PathBuf::from("articles/004_aca439a63957170e.html"), PathBuf::from("index.html")]);
    let o = run(&["run", s(&one), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!out.join("report").exists(), "the earlier run's report is removed");
    let left: Vec<String> =
        std::fs::read_dir(&out).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(left.iter().all(|n| !n.contains("report")), "{left:?}");
    // The report reads the CSV tables.
    let o = run(&["run", s(&one), "--out", s(&dir.join("pq")), "--report", "--format", "parquet"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("add csv to --format"), "{}", stderr(&o));
    assert!(!dir.join("pq").exists());
    // A folder that is no output folder.
    let o = run(&["report", s(&dir.join("nowhere"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("articles.csv"), "{}", stderr(&o));
}

#[test]
fn a_fifty_megabyte_single_line_article_still_renders() {
    let dir = tempdir("report-bigline");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    // One figure a kilobyte on one line of 50 MB: 50,000 claims.
    let filler = "and the masses of the county worked day and night at the furnaces ".repeat(15);
    let unit = format!("The county produced 1,431 tons of steel {filler}");
    let n = 50_000_000 / unit.len() + 1;
    let text = unit.repeat(n);
    assert!(text.len() >= 50_000_000 && !text.contains('\n'));
    std::fs::write(input.join("1958-10-13_big.txt"), &text).unwrap();
    let out = dir.join("out");
    let o = run(&["run", s(&input), "--out", s(&out), "--report"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let claims = csv_rows(&out.join("claims.csv")).len();
    assert_eq!(claims, n);
    // Cut into pages, each a size a browser opens; every claim marked once over them, and the
    // whole text shown: the pages' text, in page order, is the file's line.
    let mut pages: Vec<(usize, String)> = files(&out.join("report/articles"))
        .into_iter()
        .map(|(name, bytes)| {
            let name = name.to_string_lossy().into_owned();
            assert!(bytes.len() < 2_000_000, "{name}: {} bytes", bytes.len());
            let k = name.strip_suffix(".html").unwrap().rsplit_once(".p").map_or(1, |(_, k)| k.parse().unwrap());
            (k, String::from_utf8(bytes).unwrap())
        })
        .collect();
    pages.sort_by_key(|(k, _)| *k);
    let chars = text.chars().count();
    assert!(pages.len() >= chars / 200_000 && pages.len() <= chars / 150_000 + 1, "{} pages", pages.len());
    assert_eq!(pages.iter().map(|(k, _)| *k).collect::<Vec<_>>(), (1..=pages.len()).collect::<Vec<_>>());
    let cell = regex::Regex::new(r#"(?s)<div class="cell[^"]*" lang="en">(.*?)</div>"#).unwrap();
    let tag = regex::Regex::new(r"<[^>]+>").unwrap();
    let mut marked = 0;
    let mut shown = String::with_capacity(text.len());
    for (k, html) in &pages {
        marked += marks(html).len();
        assert!(html.contains(&format!("The text is long: page {k} of {}", pages.len())));
        for c in cell.captures_iter(html) {
            shown.push_str(&tag.replace_all(&c[1], ""));
        }
    }
    assert_eq!(marked, claims, "every claim marked once");
    assert!(shown == text.trim_end(), "the text shown is the file's, whole ({} of {} bytes)", shown.len(), text.len());
}

#[test]
fn every_corpus_article_gets_a_page() {
    let test = "every_corpus_article_gets_a_page";
    let Some(shared) = shared_or_skip(test) else { return };
    ran_on_shared(test);
    let dir = tempdir("report-corpus");
    let out = dir.join("out");
    let o = run(&["run", s(&shared.join("corpus")), "--out", s(&out), "--report"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("leapfig: report: ") || stderr(&o).contains(", 0 problems ->"), "{}", stderr(&o));
    let articles = csv_rows(&out.join("articles.csv")).len();
    assert_eq!(articles, 101);
    assert_eq!(files(&out.join("report/articles")).len(), articles, "one page each (none needs two)");
    assert_eq!(check_pages(&out), csv_rows(&out.join("claims.csv")).len());
    let size: usize = files(&out.join("report")).values().map(|b| b.len()).sum();
    println!("report of the corpus: {articles} articles, {size} bytes");
    assert!(size < 20_000_000, "{size} bytes");
}

#[test]
fn browser_shows_the_marks_and_lights_the_partner() {
    let test = "browser_shows_the_marks_and_lights_the_partner";
    if !browser_or_skip(test) {
        return;
    }
    let dir = tempdir("report-browser");
    let out = dir.join("out");
    let seeds = manifest_dir().join("data/articles");
    let o = run(&["run", s(&seeds), "--out", s(&out), "--report"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let id = "004_aca439a63957170e";
    let claims = csv_rows(&out.join("claims.csv")).into_iter().filter(|c| c["article_id"] == id).count();
    assert_eq!(claims, 41);
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../report-screenshots");
    let o = Command::new("node")
        .arg(manifest_dir().join("tests/browser/check.js"))
        .args([out.join("report/index.html"), page(&out, id), shots.clone()])
        .output()
        .unwrap();
    assert!(o.status.success(), "check.js: {}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    println!("{r}");
    // No request but the two files, no console error.
    assert_eq!(r["external"], serde_json::json!([]), "requests left the page");
    assert_eq!(r["console_errors"], serde_json::json!([]));
    let requests: Vec<&str> = r["requests"].as_array().unwrap().iter().map(|u| u.as_str().unwrap()).collect();
    assert!(requests.iter().all(|u| u.starts_with("file://")), "{requests:?}");
    assert_eq!(requests.len(), 2, "{requests:?}");
    // The index: both articles, the five charts, the search.
    assert_eq!(r["index_rows"], 2);
    assert_eq!(r["charts"], 5);
    assert_eq!(r["search_rows"], 1);
    // The article: a mark per claim of claims.csv, a row each.
    assert_eq!(r["marks"], claims);
    assert_eq!(r["rows"], claims);
    // A click on the first English mark (15,000 Tons of the title) lights the Chinese 一万五千吨.
    assert_eq!(r["clicked"], "c0");
    assert_eq!(r["partner"], "c20");
    assert_eq!(r["partner_lit"], true);
    assert_eq!(r["clicked_lit"], true);
    assert_eq!(r["partner_lang"], "zh");
    assert_eq!(r["lit_count"], 4, "the two marks and their two rows");
    let panel = r["panel"].as_str().unwrap();
    assert!(panel.contains("This figure") && panel.contains("Its partner") && panel.contains("一万五千吨"), "{panel}");
    assert_eq!(r["badge"], "\"✓\"", "the status is also text");
    // Filters and sorting work without a server.
    assert_eq!(r["filter_kind"], "mass");
    assert_eq!(r["filter_rows"], 10);
    assert_eq!(r["filter_wrong"], 0);
    assert_eq!(r["sorted_desc"], true);
    assert_eq!(r["first_start"], 3285);
    assert!(shots.join("index.png").is_file() && shots.join("article.png").is_file());
}
