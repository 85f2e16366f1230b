//! End-to-end runs of the debug binary (`CARGO_BIN_EXE_leapfig`) in temporary folders: the
//! default job on the seeds, bad inputs, the corpus, exit codes.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_leapfig"))
}

fn read_csv(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.deserialize().map(|x| x.unwrap()).collect()
}

fn run(args: &[&str], cwd: &Path) -> Output {
    bin().args(args).current_dir(cwd).output().unwrap()
}

#[test]
fn default_job_reads_the_seeds() {
    // `leapfig` with no arguments = `leapfig run data/articles --out output`, relative to cwd.
    let dir = tempdir("cli-default");
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let copy = dir.join("data/articles");
    std::fs::create_dir_all(&copy).unwrap();
    for e in std::fs::read_dir(manifest_dir().join("data/articles")).unwrap().flatten() {
        std::fs::copy(e.path(), copy.join(e.file_name())).unwrap();
    }
    let out = run(&[], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = read_csv(&dir.join("output/articles.csv"));
    assert_eq!(rows.len(), 2);
    let a = &rows[0];
    assert_eq!(a["article_id"], "000_f3ff11874e0731e9");
    assert_eq!(a["format"], "bilingual");
    assert_eq!(a["date"], "1958-11-10");
    assert_eq!(a["page"], "2");
    assert_eq!(a["title_en"], "Never Leave the \"Group\"");
    assert_eq!(a["title_zh"], "永不离“群”");
    assert_eq!(a["author"], "Chen Zhiyan");
    let b = &rows[1];
    assert_eq!(b["article_id"], "004_aca439a63957170e");
    assert_eq!(b["date"], "1958-10-13");
    assert_eq!(b["page"], "2");
    assert_eq!(
        b["title_en"],
        "\"Small, Indigenous, and Mass\" is Invincible: Lianyuan Produces 15,000 Tons of Coal Per Day"
    );
    assert_eq!(b["title_zh"], "“小、土、群”无坚不摧  涟源一天产煤一万五千吨");
    let errors = std::fs::read_to_string(dir.join("output/errors.csv")).unwrap();
    assert_eq!(errors.trim_end(), "source,stage,line,message", "errors.csv must exist and be empty");
    for t in ["claims", "pairs"] {
        assert!(dir.join(format!("output/{t}.csv")).exists());
    }
}

#[test]
fn seed_sections_start_where_the_scorer_says() {
    // Offsets checked by hand against ../shared/tools/score_gold.py's sections(): the body
    // starts after the metadata and the repeated headline/author lines.
    let expect = [
        (
            "000_f3ff11874e0731e9",
            [
                ("en", "title", 7, "Never Leave"),
                ("en", "body", 122, "After two months"),
                ("zh", "title", 4103, "永不离"),
                ("zh", "body", 4159, "经过全国几千万"),
            ],
        ),
        (
            "004_aca439a63957170e",
            [
                ("en", "title", 7, "\"Small,"),
                ("en", "body", 132, "Xinhua News Agency, Changsha"),
                ("zh", "title", 2651, "“小、土、群”"),
                ("zh", "body", 2735, "新华社长沙12日电"),
            ],
        ),
    ];
    for (id, secs) in expect {
        let path = manifest_dir().join(format!("data/articles/{id}.txt"));
        let r = run_file(&path);
        let text: Vec<char> = std::fs::read_to_string(&path).unwrap().chars().collect();
        for (lang, kind, start, head) in secs {
            let s = r.article.sections.iter().find(|s| s.lang.as_str() == lang && s.kind.as_str() == kind).unwrap();
            assert_eq!(s.start, start, "{id} {lang} {kind}");
            assert!(s.text.starts_with(head), "{id} {lang} {kind}: {:?}", &s.text[..40.min(s.text.len())]);
            let n = s.text.chars().count();
            assert_eq!(text[s.start..s.start + n].iter().collect::<String>(), s.text);
        }
        // The repeated headline is not in the body: the zh body of 004 starts at the dateline.
        let body = r.article.sections.iter().find(|s| s.lang.as_str() == "zh" && s.kind.as_str() == "body").unwrap();
        assert!(!body.text.contains("无坚不摧"));
    }
    let r = run_file(&manifest_dir().join("data/articles/000_f3ff11874e0731e9.txt"));
    let en = r.article.sections.iter().find(|s| s.lang.as_str() == "en" && s.kind.as_str() == "body").unwrap();
    assert!(en.text.ends_with("advance at a rapid pace."));
    assert!(!en.text.contains("<hr />"));
}

#[test]
fn bad_inputs_become_error_rows_and_the_rest_is_processed() {
    let dir = tempdir("cli-bad");
    let inp = dir.join("in");
    std::fs::create_dir_all(&inp).unwrap();
    let seed = std::fs::read_to_string(manifest_dir().join("data/articles/004_aca439a63957170e.txt")).unwrap();
    std::fs::write(inp.join("good.txt"), &seed).unwrap();
    std::fs::write(inp.join("empty.txt"), "").unwrap();
    std::fs::write(inp.join("binary.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(inp.join("no-hr.txt"), seed.replace("<hr />", "")).unwrap();
    std::fs::write(inp.join("bad-date.txt"), seed.replace("Date: 1958-10-13", "Date: 13 October")).unwrap();
    std::fs::write(inp.join("unknown.txt"), "Some notes\n<hr />\nmore notes\n").unwrap();
    std::fs::write(inp.join("plain-undated.txt"), "湖南省涟源县日产原煤一万五千吨。").unwrap();
    std::fs::write(inp.join("1958-10-13_plain.txt"), "湖南省涟源县日产原煤一万五千吨。").unwrap();
    std::fs::write(inp.join("README.md"), "not an article").unwrap();
    std::fs::write(inp.join("notes.csv"), "not an article").unwrap();
    std::fs::create_dir_all(inp.join("sub")).unwrap();
    std::fs::write(inp.join("sub/good.txt"), &seed).unwrap();
    let out_dir = dir.join("out");
    let out = run(&["run", inp.to_str().unwrap(), "--out", out_dir.to_str().unwrap(), "--jobs", "2"], &dir);
    assert_eq!(out.status.code(), Some(1), "finished with failed inputs -> exit 1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let errors = read_csv(&out_dir.join("errors.csv"));
    let by_file = |f: &str| {
        errors.iter().find(|e| e["source"].ends_with(f)).unwrap_or_else(|| panic!("no error row for {f}: {errors:?}"))
    };
    assert_eq!(errors.len(), 6, "{errors:?}");
    assert!(by_file("empty.txt")["message"].contains("empty"));
    assert_eq!(by_file("binary.md")["stage"], "decode");
    assert_eq!(by_file("binary.md")["line"], "3");
    assert_eq!(by_file("no-hr.txt")["line"], "1");
    assert!(by_file("no-hr.txt")["message"].contains("<hr />"));
    assert_eq!(by_file("bad-date.txt")["line"], "3");
    assert!(by_file("bad-date.txt")["message"].contains("13 October"));
    assert_eq!(by_file("unknown.txt")["line"], "2");
    assert!(by_file("plain-undated.txt")["message"].contains("date"));
    for f in ["empty.txt", "binary.md", "no-hr.txt", "bad-date.txt", "unknown.txt", "plain-undated.txt"] {
        assert!(stderr.contains(f), "stderr names {f}: {stderr}");
    }
    let articles = read_csv(&out_dir.join("articles.csv"));
    let ids: Vec<&str> = articles.iter().map(|a| a["article_id"].as_str()).collect();
    assert_eq!(ids, vec!["1958-10-13_plain", "good", "sub/good"]);
    assert_eq!(articles[0]["format"], "plain");
    assert_eq!(articles[0]["date"], "1958-10-13");
}

#[test]
fn duplicate_ids_and_missing_paths_are_errors() {
    let dir = tempdir("cli-dup");
    std::fs::write(dir.join("a.txt"), "Output reached 5,000 tons.").unwrap();
    std::fs::write(dir.join("a.md"), "Output reached 6,000 tons.").unwrap();
    let out_dir = dir.join("out");
    let out = run(
        &[
            "run",
            dir.to_str().unwrap(),
            "/nonexistent/x.txt",
            "--out",
            out_dir.to_str().unwrap(),
            "--date",
            "1958-10-13",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(1));
    let errors = read_csv(&out_dir.join("errors.csv"));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().any(|e| e["message"].contains("duplicate article id `a`")));
    assert!(errors.iter().any(|e| e["source"] == "/nonexistent/x.txt"));
    assert_eq!(read_csv(&out_dir.join("articles.csv")).len(), 1);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error_row() {
    // A dangling symlink cannot be read by anyone (mode 000 would not stop root).
    let dir = tempdir("cli-unreadable");
    std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("1958-10-13_vanished.txt")).unwrap();
    std::fs::write(dir.join("1958-10-13_ok.txt"), "日产钢五千吨。").unwrap();
    let out_dir = dir.join("out");
    let out = run(&["run", dir.to_str().unwrap(), "--out", out_dir.to_str().unwrap()], &dir);
    assert_eq!(out.status.code(), Some(1));
    let errors = read_csv(&out_dir.join("errors.csv"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["stage"], "read");
    assert!(errors[0]["source"].ends_with("1958-10-13_vanished.txt"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1958-10-13_vanished.txt"));
    assert_eq!(read_csv(&out_dir.join("articles.csv")).len(), 1);
}

#[test]
fn usage_errors_exit_2_and_help_explains_outputs() {
    let dir = tempdir("cli-usage");
    assert_eq!(run(&["run", "--jobs", "many"], &dir).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], &dir).status.code(), Some(2));
    let help = run(&["--help"], &dir);
    assert_eq!(help.status.code(), Some(0));
    let h = String::from_utf8_lossy(&help.stdout);
    for word in ["claims.csv", "pairs.csv", "articles.csv", "errors.csv", "Exit codes", "leapfig scan"] {
        assert!(h.contains(word), "help mentions {word}");
    }
}

#[test]
fn corpus_reads_without_errors() {
    let Some(shared) = shared_or_skip("corpus_reads_without_errors") else { return };
    ran_on_shared("corpus_reads_without_errors");
    let dir = tempdir("cli-corpus");
    let out_dir = dir.join("out");
    let out = run(&["run", shared.join("corpus").to_str().unwrap(), "--out", out_dir.to_str().unwrap()], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(out_dir.join("errors.csv")).unwrap().trim_end(), "source,stage,line,message");
    let articles = read_csv(&out_dir.join("articles.csv"));
    assert_eq!(articles.len(), 101, "71 archive + 30 bilingual articles");
    let get = |id: &str| articles.iter().find(|a| a["article_id"] == id).unwrap_or_else(|| panic!("{id}"));
    let a = get("bilingual-1958/1958.10/1958-10-08_哪县粮食产量高？_寿张县亩产五千斤");
    assert_eq!((a["format"].as_str(), a["date"].as_str(), a["page"].as_str()), ("bilingual", "1958-10-08", "3"));
    assert_eq!(a["author"], "Hu Lei");
    assert_eq!(a["title_en"], "Which County Has High Grain Yield? Shou Zhang County Yields 5,000 Jin Per Mu");
    assert_eq!(a["title_zh"], "哪县粮食产量高？  寿张县亩产五千斤");
    let b = get("bilingual-1958/1958.09/1958-09-18_包头钢铁厂_马鞍山钢铁公司_太原第二钢铁厂新建高炉出铁");
    assert_eq!(b["column"], "钢铁战线上的新军");
    assert_eq!(b["page"], "6");
    let c = get("rmrb-1958/1958年10月/1958-10-02_安徽一天出铁_6382_吨");
    assert_eq!(
        (c["format"].as_str(), c["date"].as_str(), c["page"].as_str(), c["title_zh"].as_str()),
        ("archive", "1958-10-02", "2", "安徽一天出铁6382吨")
    );
    assert_eq!(c["chars_en"], "0");
    let d = get("bilingual-1958/1958.12/1958-12-26_敦煌小麦亩亩产千斤");
    assert_eq!(d["author"], "中共敦煌县委会");
    // Every archive and bilingual article has a Chinese title and body.
    for a in &articles {
        assert!(!a["title_zh"].is_empty(), "{}", a["article_id"]);
        assert!(a["chars_zh"].parse::<usize>().unwrap() > a["title_zh"].chars().count(), "{}", a["article_id"]);
    }
}

/// `leapfig bench` (run by hand on 50 MB) reports every figure issue 8 asks for; here on the
/// seeds, replicated to 0.2 MB, only its report is checked, never its speed.
#[test]
fn bench_reports_speed_memory_and_stages() {
    let dir = tempdir("cli-bench");
    let seeds = manifest_dir().join("data/articles");
    let o = run(&["bench", seeds.to_str().unwrap(), "--mb", "0.2", "--jobs", "2"], &dir);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report = String::from_utf8_lossy(&o.stdout);
    for line in [
        "end to end (leapfig run)",
        "peak memory",
        "read + decode + ingest",
        "extract (zh + en)",
        "attribute",
        "reconcile",
        "tables (build + CSV)",
    ] {
        assert!(report.contains(line), "no `{line}` in\n{report}");
    }
    // Claims of the full run and of the blanked run: blanking the figures leaves hardly any.
    let claims = |marker: &str| -> usize {
        let line = report.lines().find(|l| l.contains(marker)).unwrap_or_else(|| panic!("no `{marker}` in\n{report}"));
        line.rsplit("-> ").next().and_then(|t| t.split_whitespace().next()).and_then(|n| n.parse().ok()).unwrap()
    };
    let (all, blanked) = (claims("end to end"), claims("figures blanked"));
    assert!(all > 100 && blanked * 10 < all, "{all} claims, {blanked} after blanking:\n{report}");
}

/// `leapfig scan` prints the claims.csv columns of each claim under the same names (`note`, not
/// `notes`; `figure_id` too), all but the article's own (claim_id, article_id, article_date).
#[test]
fn scan_keys_are_the_claims_columns() {
    let o = bin()
        .args(["scan", "--lang", "zh", "--date", "1958-10-11", "河南省10日产钢一千吨，河南省10日产钢一千吨。"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    let keys: Vec<String> = lines[1].as_object().unwrap().keys().cloned().collect();
    let mut want: Vec<String> = leapfig::tables::schema::CLAIMS
        .columns
        .iter()
        .map(|c| c.name.to_string())
        .filter(|n| !matches!(n.as_str(), "claim_id" | "article_id" | "article_date"))
        .collect();
    let mut got = keys.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    // The repeated figure is one: both mentions carry the first one's id.
    assert_eq!(lines[1]["figure_id"], "#f8");
    assert_eq!(lines[3]["figure_id"], "#f8");
}

/// `--no-sentence` (issue 17): the sentence column is empty in every claims row, every other
/// cell of every table as in a run without it.
#[test]
fn no_sentence_empties_that_column_only() {
    let dir = tempdir("cli-no-sentence");
    let seeds = manifest_dir().join("data/articles");
    let (a, b) = (dir.join("with"), dir.join("without"));
    for (out, extra) in [(&a, None), (&b, Some("--no-sentence"))] {
        let mut args = vec!["run", seeds.to_str().unwrap(), "--out", out.to_str().unwrap()];
        args.extend(extra);
        let o = run(&args, &dir);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let (with, without) = (read_csv(&a.join("claims.csv")), read_csv(&b.join("claims.csv")));
    assert_eq!(with.len(), without.len());
    assert!(with.iter().all(|r| !r["sentence"].is_empty()));
    for (x, y) in with.iter().zip(&without) {
        assert_eq!(y["sentence"], "");
        for (k, v) in x {
            if k != "sentence" {
                assert_eq!(&y[k], v, "{k} of {}", x["claim_id"]);
            }
        }
    }
    for t in ["pairs.csv", "articles.csv", "figures.csv", "series.csv", "summary_items.csv"] {
        assert_eq!(std::fs::read(a.join(t)).unwrap(), std::fs::read(b.join(t)).unwrap(), "{t}");
    }
    let smaller = std::fs::metadata(b.join("claims.csv")).unwrap().len() * 10;
    assert!(smaller < std::fs::metadata(a.join("claims.csv")).unwrap().len() * 9, "claims.csv shrinks");
}

/// `leapfig scan --numbers` (issue 16): every numeral of the text, unit or not, with its value,
/// bounds and shape, at its character offsets.
#[test]
fn scan_numbers_lists_every_numeral() {
    let text = "收入三亿四千多万元，几千人，１２３，４５６，廿三，队伍";
    let o = bin().args(["scan", "--numbers", text]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Vec<serde_json::Value> =
        String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let got: Vec<(String, serde_json::Value, serde_json::Value, serde_json::Value, String)> = rows
        .iter()
        .map(|r| {
            (
                r["text"].as_str().unwrap().to_string(),
                r["value"].clone(),
                r["low"].clone(),
                r["high"].clone(),
                r["shape"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let n = |v: f64| serde_json::json!(v);
    assert_eq!(
        got,
        [
            ("三亿四千多万".to_string(), n(340000000.0), n(340000000.0), n(350000000.0), "more".to_string()),
            ("几千".to_string(), serde_json::Value::Null, n(1000.0), n(10000.0), "several".to_string()),
            ("１２３，４５６".to_string(), n(123456.0), n(123456.0), n(123456.0), "number".to_string()),
            ("廿三".to_string(), n(23.0), n(23.0), n(23.0), "number".to_string()),
        ]
    );
    // Offsets are characters of the text.
    let chars: Vec<char> = text.chars().collect();
    for r in &rows {
        let (a, b) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[a..b].iter().collect::<String>(), r["text"].as_str().unwrap());
    }
}
