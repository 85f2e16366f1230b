//! Property tests of the English numerals and extractor (issue 4): integers written out in
//! English words (by `numerals::en::to_words`) parse back, alone and inside a sentence; no
//! input makes the extractor panic, and every claim's offsets give back its surface.

use leapfig::article::{Lang, SectionKind};
use leapfig::claim::Kind;
use leapfig::dates::parse_iso;
use leapfig::extract::{en, Context};
use leapfig::numerals::en::{parse, to_words};
use proptest::prelude::*;

fn ctx() -> Context {
    Context { lang: Lang::En, section: SectionKind::Body, article_date: parse_iso("1958-10-13") }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn words_parse_back(n in 1u64..1_000_000_000_000) {
        let w = to_words(n);
        prop_assert_eq!(parse(&w), Ok(n as f64), "{}", w);
    }

    #[test]
    fn words_parse_back_inside_a_sentence(n in 2u64..1_000_000_000_000, unit in prop::sample::select(vec!["tons", "mu", "people", "furnaces"])) {
        let text = format!("By the end of the month the county had {} {unit} of the kind.", to_words(n));
        let claims = en::extract(&text, &ctx());
        let figures: Vec<_> = claims.iter().filter(|c| c.kind != Kind::Date).collect();
        prop_assert_eq!(figures.len(), 1, "{}: {:?}", text, claims);
        let c = figures[0];
        prop_assert_eq!(c.value_raw, Some(n as f64), "{}", text);
        prop_assert!(c.surface.starts_with(&to_words(n)), "{} / {}", c.surface, text);
    }

    #[test]
    fn digits_parse_back_inside_a_sentence(n in 1u64..1_000_000_000u64) {
        let digits = n.to_string();
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        let text = format!("The province produced {grouped} tons of pig iron.");
        let claims = en::extract(&text, &ctx());
        prop_assert_eq!(claims.len(), 1, "{}", text);
        prop_assert_eq!(claims[0].value, Some(n as f64));
    }

    #[test]
    fn no_panic_and_offsets_hold(text in "\\PC{0,200}") {
        for section in [SectionKind::Body, SectionKind::Title] {
            let c = Context { lang: Lang::En, section, article_date: parse_iso("1958-11-01") };
            for claim in en::extract(&text, &c) {
                let s: String = text.chars().skip(claim.start).take(claim.end - claim.start).collect();
                prop_assert_eq!(s, claim.surface.clone());
            }
        }
    }

    #[test]
    fn no_panic_on_newspaper_like_noise(parts in prop::collection::vec(prop::sample::select(vec![
        "the", "10th", "12th", ",", ".", "more", "than", "half", "of", "1,431", "2,513", "tons", "-", "fold", "times",
        "increased", "by", "from", "to", "September", "Sept.", "30", "a", "hundred", "and", "one", "twenty", "first",
        "%", "+", "odd", "jin", "per", "mu", "liang", "day", "after", "end", "year", "this", "last", "No.", "(", ")",
        "\"", "thousands", "upon", "tens", "millions", "2:00", "AM", "1958", "　", "九万多人", "\n", "or", "between",
    ]), 0..40)) {
        let text = parts.join(" ");
        for claim in en::extract(&text, &ctx()) {
            let s: String = text.chars().skip(claim.start).take(claim.end - claim.start).collect();
            prop_assert_eq!(s, claim.surface.clone());
            if let (Some(l), Some(h)) = (claim.low, claim.high) {
                prop_assert!(l <= h, "{:?}", claim);
            }
        }
    }
}
