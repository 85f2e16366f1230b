//! Fuzzing by property tests: both extractors on arbitrary input never panic, and every
//! claim's offsets and surface agree with the text (ingest has its own in `ingest_props.rs`).
//! `cargo test` runs 3,000 cases per target; the long run is by hand, with the case count in
//! `FUZZ_CASES` (BENCHMARKS.md records the runs):
//! `FUZZ_CASES=100000 cargo test --release --test fuzz --test ingest_props`.
//! Every input a fuzz run found to fail is kept below as a regression case (`found_by_fuzzing`).

use leapfig::article::{Lang, SectionKind};
use leapfig::dates::parse_iso;
use leapfig::extract::{extract_text, Context};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(3000)
}

fn check(text: &str, lang: Lang) {
    for date in [parse_iso("1958-10-13"), None] {
        let ctx = Context { lang, section: SectionKind::Body, article_date: date };
        let claims = extract_text(text, &ctx);
        let chars: Vec<char> = text.chars().collect();
        for c in &claims {
            assert!(c.start < c.end && c.end <= chars.len(), "span {}..{} of {} chars", c.start, c.end, chars.len());
            assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.surface);
            if let (Some(l), Some(h)) = (c.low, c.high) {
                assert!(l <= h, "{:?}: low {l} > high {h}", c.surface);
            }
            if let Some(v) = c.value {
                assert!(v.is_finite());
            }
        }
    }
}

/// Text made of the characters figures are made of, so the extractors' deep paths are reached.
const ZH_ALPHABET: &str = "(零|〇|○|一|二|两|三|四|五|六|七|八|九|十|百|千|万|亿|点|·|几|数|多|余|左右|约|近|以上|不到|至|到|—|～|、|倍|番|提高|增加|翻|成|分之|百分之|％|%|吨|万吨|斤|担|亩|亩产|座|处|人|名|个|年|月|日|号|底|初|上旬|中旬|下旬|今年|去年|第|第二天|当日|新华社|电|，|。|“|”|（|）|0|1|2|3|5|9|\\.|,|０|１|\\s|钢|铁|煤){0,60}";
const EN_ALPHABET: &str = "(0|1|2|5|9|,|\\.|-| |one|two|three|ten|twenty|hundred|thousand|million|billion|and|a|half|third|quarter|more than|over|about|nearly|less than|from|to|between|fold|times|doubled|per cent|percent|%|tons|jin|catties|mu|furnaces|people|per day|daily|September|Sept\\.|October|the end of|early|late|the 10th|12th|this year|last year|the day after|first|second|one of them|\\n){0,60}";

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn chinese_extractor_on_numeral_soup(s in ZH_ALPHABET) {
        check(&s, Lang::Zh);
    }

    #[test]
    fn english_extractor_on_number_soup(s in EN_ALPHABET) {
        check(&s, Lang::En);
    }

    #[test]
    fn both_extractors_on_any_string(s in "\\PC{0,200}") {
        check(&s, Lang::Zh);
        check(&s, Lang::En);
    }
}

/// Inputs that once broke an extractor (found by the long fuzz runs), replayed on every test run.
#[test]
fn found_by_fuzzing() {
    const FOUND: &[&str] = &[
        "",
        "一千亿亿亿亿亿吨",
        "十十",
        "○○○",
        "点",
        "·万",
        "百分之",
        "提高倍",
        "1,",
        ",000",
        "-fold",
        "十座至零",
        "七个～二",
        "一分之二以上",
    ];
    for s in FOUND {
        check(s, Lang::Zh);
        check(s, Lang::En);
    }
}
