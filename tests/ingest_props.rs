//! Ingest never panics, whatever the bytes; and it reads GB18030 and mixed line endings.

mod common;

use common::*;
use leapfig::article::Lang;
use leapfig::dates::parse_iso;
use leapfig::ingest::{decode, parse};
use proptest::prelude::*;

const SEED: &str = include_str!("../data/articles/004_aca439a63957170e.txt");

fn ingest_bytes(bytes: &[u8]) {
    if let Ok(text) = decode(bytes) {
        if let Ok(a) = parse("p", "p.txt", &text, parse_iso("1958-10-13")) {
            let chars: Vec<char> = text.chars().collect();
            for s in &a.sections {
                let n = s.text.chars().count();
                assert!(s.start + n <= chars.len());
                assert_eq!(chars[s.start..s.start + n].iter().collect::<String>(), s.text);
            }
            let _ = process_article(a);
        }
    }
}

/// 2000 cases in `cargo test`; more for a long fuzz run (`FUZZ_CASES=100000`, see BENCHMARKS.md).
fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        ingest_bytes(&bytes);
    }

    #[test]
    fn damaged_articles_never_panic(cut in 0usize..3400, len in 0usize..200, junk in proptest::collection::vec(any::<u8>(), 0..20)) {
        // A real article with a slice replaced by junk: headers, separators and lines break.
        let b = SEED.as_bytes();
        let cut = cut.min(b.len());
        let end = (cut + len).min(b.len());
        let mut v = b[..cut].to_vec();
        v.extend_from_slice(&junk);
        v.extend_from_slice(&b[end..]);
        ingest_bytes(&v);
    }

    #[test]
    fn arbitrary_text_with_markers_never_panics(s in "(Title: |Date: |Page: |### |<hr />|Original: |专栏：|第2版\\(\\)|1958-10-13|\r|\n|涟源|x| ){0,40}") {
        ingest_bytes(s.as_bytes());
    }
}

#[test]
fn gb18030_archive_with_crlf_reads_like_utf8() {
    let zh = SEED.split("Original: ").nth(1).unwrap().trim_start().replace('\n', "\r\n");
    let (gbk, _, bad) = encoding_rs::GB18030.encode(&zh);
    assert!(!bad);
    let text = decode(&gbk).unwrap();
    assert_eq!(text, zh);
    let a = parse("g", "g.txt", &text, None).unwrap();
    assert_eq!(a.date, parse_iso("1958-10-13"));
    assert_eq!(a.title_zh, "“小、土、群”无坚不摧  涟源一天产煤一万五千吨");
    let body = a.sections.iter().find(|s| s.lang == Lang::Zh && s.kind.as_str() == "body").unwrap();
    assert!(body.text.starts_with("新华社长沙12日电"));
    assert!(body.text.contains("\r\n"), "line endings are kept as in the file");
}
