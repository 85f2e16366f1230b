//! Whole-extractor tests: sentences of our own making run through [`extract`], compared as
//! `surface|kind|value|low|high|unit` (or `surface|date|ref_date`).

use super::*;
use crate::article::{Lang, SectionKind};
use crate::claim::{Kind, Status};
use crate::dates;

fn run(text: &str, date: &str) -> Vec<Claim> {
    let ctx = Context { lang: Lang::En, section: SectionKind::Body, article_date: dates::parse_iso(date) };
    extract(text, &ctx)
}

fn show(cs: &[Claim]) -> Vec<String> {
    cs.iter()
        .map(|c| {
            let f = |x: Option<f64>| x.map_or("_".to_string(), |v| format!("{v}"));
            if c.kind == Kind::Date {
                format!("{}|date|{}", c.surface, c.ref_date.map(|d| d.to_string()).unwrap_or_default())
            } else {
                format!("{}|{}|{}|{}|{}|{}", c.surface, c.kind.as_str(), f(c.value), f(c.low), f(c.high), c.unit)
            }
        })
        .collect()
}

macro_rules! case {
    ($text:expr, $date:expr, [$($want:expr),* $(,)?]) => {{
        let got = show(&run($text, $date));
        let want: Vec<&str> = vec![$($want),*];
        assert_eq!(got, want, "{}", $text);
    }};
}

#[test]
fn seed_sentences() {
    case!(
        "Xinhua News Agency, Changsha, 12th. On the 10th, the daily output of raw coal reached 15,000 tons, a fourfold increase compared to the end of September, making it the first county in Hunan Province with a daily output of 10,000 tons of raw coal.",
        "1958-10-13",
        [
            "12th|date|1958-10-12",
            "the 10th|date|1958-10-10",
            "15,000 tons|mass|15000|15000|15000|t",
            "a fourfold increase|multiple|4|4|5|x",
            "the end of September|date|1958-09-30",
            "10,000 tons|mass|10000|10000|10000|t",
        ]
    );
    case!(
        "so that the day after launching a satellite of daily steel production of 2,513 tons on September 30, 752 indigenous furnaces in the county had to stop production.",
        "1958-10-13",
        [
            "the day after|date|1958-10-01",
            "2,513 tons|mass|2513|2513|2513|t",
            "September 30|date|1958-09-30",
            "752|count|752|752|752|furnace",
        ]
    );
    case!(
        "The First Secretary transferred more than half of the 4,700 county, township, and commune cadres engaged in steel production.",
        "1958-10-13",
        ["more than half|fraction|0.5|0.5|1|1", "4,700|count|4700|4700|4700|person"]
    );
    case!(
        "the county's coal mining labor force increased from 35,000 people to more than 90,000; the number of small coal mines in the county increased from 630 at the end of September to 1,431.",
        "1958-10-13",
        [
            "35,000 people|count|35000|35000|35000|person",
            "more than 90,000|count|90000|90000|_|person",
            "630|count|630|630|630|mine",
            "the end of September|date|1958-09-30",
            "1,431|count|1431|1431|1431|mine",
        ]
    );
}

#[test]
fn idioms_and_ordinals_are_no_figures() {
    case!("Anyone whose thinking cannot keep up will fall behind step by step.", "1958-11-10", []);
    case!("High-yield steel satellites rose one after another.", "1958-11-10", []);
    case!("Those who cannot distinguish stones from ores will one day become experts.", "1958-11-10", []);
    case!("Now they are facing the second battle.", "1958-11-10", []);
    case!("The Shanghai No. 3 Steel Plant and the 8th Route Army veterans.", "1958-11-10", []);
    case!("On the one hand, it adopted the method of old factories leading new ones.", "1958-11-10", []);
}

#[test]
fn numbers_units_and_qualifiers() {
    case!(
        "the tens of millions of the iron and steel army",
        "1958-11-10",
        ["tens of millions|count|_|10000000|100000000|person"]
    );
    case!(
        "we were able to obtain 1.87 million tons of steel in October alone",
        "1958-11-10",
        ["1.87 million tons|mass|1870000|1870000|1870000|t", "October|date|1958-10"]
    );
    case!(
        "The total output is 985,150,000 jin, with an average yield of 384.12 jin per mu.",
        "1958-10-10",
        ["985,150,000 jin|mass|492575|492575|492575|t", "384.12 jin per mu|yield|384.12|384.12|384.12|jin/mu",]
    );
    case!(
        "In early September the daily output was only a little over 100 tons.",
        "1958-10-14",
        ["early September|date|1958-09-01/1958-09-10", "a little over 100 tons|mass|100|100|200|t",]
    );
    case!(
        "the attendance rates increased by 2% to 10% compared to September",
        "1958-10-04",
        ["2% to 10%|percent|_|2|10|%", "September|date|1958-09",]
    );
    case!("Over 4.5 million iron and steel workers", "1958-10-02", ["Over 4.5 million|count|4500000|4500000|_|person"]);
    case!("its 97,000+ mu of sorghum", "1958-10-06", ["97,000+ mu|area|97000|97000|98000|mu"]);
    case!(
        "Two counties produced over 1,000 tons.",
        "1958-10-02",
        ["Two counties|count|2|2|2|county", "over 1,000 tons|mass|1000|1000|_|t",]
    );
}

#[test]
fn multiples_follow_the_bei_convention() {
    case!(
        "output rose by more than three times over the usual level",
        "1958-10-04",
        ["more than three times|multiple|3|3|4|x"]
    );
    case!(
        "which is 3.2 times the 25.3 billion jin of last year",
        "1958-10-06",
        [
            "3.2 times|multiple|3.2|3.2|3.2|x",
            "25.3 billion jin|mass|12650000|12650000|12650000|t",
            "last year|date|1957",
        ]
    );
    case!("the weeding was done three times", "1958-10-10", ["three times|count|3|3|3|unit"]);
}

#[test]
fn bounds_negated_shared_and_opened() {
    case!(
        "The brick joints of the hearth did not exceed 2 mm.",
        "1958-09-16",
        ["not exceed 2 mm|length|0.002|_|0.002|m"]
    );
    case!(
        "Weeding was done more than four or five times to keep the fields clean.",
        "1958-10-10",
        ["more than four or five times|count|4|4|_|unit"]
    );
    case!(
        "The output of the mine did not reach 100 tons, though it went up to 80 tons.",
        "1958-10-13",
        ["not reach 100 tons|mass|100|_|100|t", "80 tons|mass|80|80|80|t"]
    );
}

#[test]
fn compound_durations_and_day_ranges() {
    case!(
        "The time was one hour and three minutes shorter, and ore became steel in an hour and a half.",
        "1958-09-20",
        ["one hour and three minutes|duration|63|63|63|minute", "an hour and a half|duration|1.5|1.5|1.5|hour"]
    );
    case!(
        "The high-yield week ran from October 17 to 20.",
        "1958-10-22",
        ["October 17|date|1958-10-17", "20|date|1958-10-20"]
    );
}

#[test]
fn field_totals_crop_yields_and_same_period_spans() {
    case!(
        "A paddy of three mu and two fen gave a yield of 48,000 jin, and the team's best plot gave 20,150 jin and \
         six liang of early-season rice per mu.",
        "1958-09-10",
        [
            "three mu and two fen|area|3.2|3.2|3.2|mu",
            "48,000 jin|mass|24|24|24|t",
            "20,150 jin and six liang of early-season rice per mu|yield|20150.375|20150.375|20150.375|jin/mu",
        ]
    );
    case!(
        "Over the same period last year, from January to October this year, output of cement rose sharply.",
        "1958-11-20",
        ["the same period last year|date|1957-01/1957-10", "January|date|1958-01", "October this year|date|1958-10"]
    );
}

#[test]
fn sentence_ends() {
    let t = "It reached 10.7 million tons by Sept. 30. Next sentence.";
    let cs = run(t, "1958-10-13");
    assert_eq!(cs[0].sentence, "It reached 10.7 million tons by Sept. 30.");
    assert!(!is_sentence_end(t, t.find("7 million").unwrap() - 1));
}

#[test]
fn offsets_are_characters() {
    let t = "　　In Meixian County,\u{3000}50,000 coal miners extracted 710,000 tons of coal.";
    let cs = run(t, "1958-11-04");
    for c in &cs {
        let s: String = t.chars().skip(c.start).take(c.end - c.start).collect();
        assert_eq!(s, c.surface);
    }
    assert_eq!(cs.len(), 2);
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "1",
        "1,",
        "1.",
        "-",
        "the",
        "12th",
        "a",
        "and a half",
        "99999999999999999999 tons",
        "Sept.",
        "2:",
        "half-",
        "one-",
        "九万多人 3,",
        "\u{3000}",
    ] {
        let _ = run(t, "1958-10-13");
        let ctx = Context { lang: Lang::En, section: SectionKind::Title, article_date: None };
        let _ = extract(t, &ctx);
    }
    // Regression: a full stop after a multi-byte character (found by the property test).
    assert!(is_sentence_end("ઌ.", 3));
    let _ = run("<ઌ. 12th.", "1958-10-13");
    let cs = run("99999999999999999999 tons", "1958-10-13");
    assert_eq!(cs.len(), 1);
    assert_eq!(cs[0].status, Status::Unparsed);
    assert_eq!(cs[0].value, None);
}
