//! Throughput of the English extractor (issue 4): one pass over the text, so time grows with
//! its length, not with its square. Uses the bilingual corpus (skipped with a notice without `../shared`).

mod common;

use std::time::Instant;

use common::*;

use leapfig::article::{Lang, SectionKind};
use leapfig::dates::parse_iso;
use leapfig::extract::{en, Context};

#[test]
fn extraction_time_is_linear_in_text_length() {
    let Some(shared) = shared_or_skip("extraction_time_is_linear_in_text_length") else { return };
    ran_on_shared("extraction_time_is_linear_in_text_length");
    let dir = shared.join("corpus/bilingual-1958");
    let mut text = String::new();
    for month in ["1958.09", "1958.10", "1958.11", "1958.12"] {
        let Ok(entries) = std::fs::read_dir(dir.join(month)) else { continue };
        for e in entries.flatten() {
            let body = std::fs::read_to_string(e.path()).unwrap_or_default();
            text.push_str(body.split("<hr />").next().unwrap_or(""));
        }
    }
    assert!(text.len() >= 10_000, "{}: the English of the bilingual articles is missing", dir.display());
    let ctx = Context { lang: Lang::En, section: SectionKind::Body, article_date: parse_iso("1958-10-13") };
    let time = |t: &str| {
        let start = Instant::now();
        let n = en::extract(t, &ctx).len();
        (start.elapsed().as_secs_f64(), n)
    };
    let (t1, n1) = time(&text);
    let big = text.repeat(8);
    let (t8, n8) = time(&big);
    println!("1x: {t1:.3}s {n1} claims; 8x: {t8:.3}s {n8} claims");
    assert!(n8 >= 8 * n1 - 8, "{n8} claims in 8 copies, {n1} in one");
    assert!(t8 < 8.0 * t1 * 2.5 + 0.05, "8x the text took {t8:.3}s, 1x {t1:.3}s");
}
