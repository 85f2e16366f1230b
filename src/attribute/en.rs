//! English rules of attribution: the word lists (`items_en.csv`, `context_en.csv`, the `en`
//! names of the gazetteer, `crate::gazetteer`) and the patterns that are grammar rather than words: thresholds
//! ("ten-thousand-ton county", "the first county … with a daily output of 10,000 tons"),
//! "from X to Y". English puts dates after their figure ("4,350.2 tons on the 28th"), so a date
//! right after a figure belongs to it (`trailing_dates`). Sentence and clause ends are
//! `crate::text::en`'s.
//!
//! Input: the section text, through [`super::Rules`]. Output: none of its own; the column
//! files (`doc.rs`, `item.rs`, `claim_type.rs`, `period.rs`, `ref_date.rs`, `place.rs`) apply
//! the rules. Invariant: every pattern reads whole characters.

use std::sync::LazyLock;

use regex::Regex;

use super::{cue_matcher, item_matcher, place_matcher, place_names, Cue, ItemEntry, Rules, WordLists};
use crate::article::Lang;
use crate::claim::Kind;
use crate::extract;
use crate::gazetteer::Level;
use crate::lexicon::{CONTEXT_EN, ITEMS_EN, NOT_PLACES_EN};
use crate::text::en::{self, FullStop};

/// Items and cue words (whole words, any case) and place names (whole words, case kept: no
/// "china" in "porcelain china"; the gazetteer lists them with the generic words of their level,
/// "Lianyuan County").
pub(super) static LISTS: LazyLock<WordLists<ItemEntry, Cue, u32>> = LazyLock::new(|| {
    WordLists::new(
        item_matcher(&ITEMS_EN, true, true),
        cue_matcher(&CONTEXT_EN, true, true),
        place_matcher(Lang::En, &NOT_PLACES_EN, true),
    )
});

/// The figure names a class of places by their daily output: "ten-thousand-ton county",
/// "thousand-ton mark" (the figure is the hyphenated adjective).
static THRESHOLD_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s+(?:[a-z-]+\s+){0,3}?                   # pig iron, coal
        (?:county|counties|provinces?|communes?|special\ districts?|districts?|prefectures?|city|cities|mark|class)(?-u:\b)",
    )
    .expect("threshold pattern")
});

/// "… the first county in Hunan Province with a daily output of 10,000 tons".
static THRESHOLD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?-u:\b)(?:count(?:y|ies)|provinces?|communes?|districts?|prefectures?|areas?|cities)(?-u:\b)
        [^,.;]{0,40}                                # in Hunan Province
        (?-u:\b)with\s+
        (?:(?:a\s+)?(?:daily\s+)?(?:[a-z-]+\s+){0,3}(?:output|production|yield)\s+of\s*)?  # a daily raw coal output of
        $",
    )
    .expect("threshold pattern")
});

/// Fields classed by their yield: "313 mu of millet \"satellite\" fields yielding 10,000 to
/// 20,000 jin", "and 6.1 mu yielding more than 20,000 jin".
static FIELDS_YIELDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:fields?|\bmu)"?\s+(?:yielding|with\s+yields\s+of)\s*$"#).expect("fields pattern")
});

/// A count of places or furnaces right before "produce(d)": "Two counties produced", "68 small
/// blast furnaces with a volume of about 0.5 cubic meters produce", "and 106 producing".
static COUNTED_PRODUCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?-u:\b)(?:[0-9][0-9,]*|two|three|four|five|six|seven|eight|nine|ten|dozens\ of)\s+
        (?:
            (?:[a-z-]+\s+){0,3}(?:counties|communes|provinces|districts|furnaces|kilns|mines)
            (?:[^.;,]|\.[0-9])*?                    # with a volume of about 0.5 cubic meters
          |                                         # (the noun said before: 106 producing)
        )
        \s*produc(?:e|es|ed|ing)\s+$",
    )
    .expect("counted produce pattern")
});

static TO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)to(?-u:\b)").expect("to pattern"));

pub(crate) static RULES: LazyLock<Rules> = LazyLock::new(|| Rules {
    lists: &LISTS,
    place_names: place_names(Lang::En),
    // Attribution's reading of the one English rule (see `FullStop::Context` for why it is not
    // the extractor's), with the extractor's abbreviation list.
    is_sentence_end: |t, i| en::is_sentence_end(t, i, crate::extract::en::abbreviations(), FullStop::Context),
    is_clause_sep: en::is_clause_sep,
    place_here: |before, name, _| {
        // (A slogan, "the whole country, the entire autonomous region …", names no figure's
        // place: the country inside quotation marks.)
        let national = ["whole country", "the whole country", "nationwide", "across the country"].contains(&name);
        !(before.ends_with("held in ")
            || before.ends_with("meeting in ")
            || (national && super::doc::inside_quotes(before, before.len())))
    },
    // ("48% of that of the United States": the base stands after the figure.)
    place_follows: |_| false,
    base_place: |_, _| false,
    place_glue: |between| matches!(between.trim(), "" | "," | "of" | "in"),
    threshold: |before, surface, after| {
        let surface = surface.to_lowercase();
        let adjective = surface.ends_with("-ton");
        // "Two counties produced over 1,000 tons", "26 produce more than 5 tons": a class of
        // places or furnaces by their output.
        let more = surface.starts_with("over ") || surface.starts_with("more than ");
        (adjective && THRESHOLD_AFTER.is_match(after))
            || THRESHOLD_BEFORE.is_match(before)
            || (more && COUNTED_PRODUCE.is_match(before))
            || FIELDS_YIELDING.is_match(before)
    },
    leads_to: |gap| TO.is_match(gap),
    this_year: |s| s.to_lowercase().contains("this year"),
    weak_date: |s| s.eq_ignore_ascii_case("today"),
    // The extractor's dateline rule, read by the agency before it (see `Evidence`).
    dateline: |text, start, _end| extract::en::dateline(text, start, extract::en::Evidence::Agency),
    trailing_dates: true,
    count_crosses_commas: true,
    head_first: true,
    change_after: |after| {
        let a = after.trim_start().to_lowercase();
        ["more than", "higher than", "less than", "lower than", "above ", "over ", "up from", "down from"]
            .iter()
            .any(|w| a.starts_with(w))
    },
    change_by: |before| {
        // "increased by 30%", "increased by an average of 31.7%".
        let b = before.trim_end().to_lowercase();
        b.ends_with(" by") || b.ends_with(" by an average of")
    },
    right_window: 60,
    base_gap: 24,
    // ("last year's 290 jin per mu": no English rate noun is read as a verb.)
    rate_noun: |_| false,
    noun_gap: 20,
    right_stop: |_| false,
    change_gap: 12,
    until: |before, _after| {
        let b = before.trim_end().to_lowercase();
        ["up to", "until", "as of", "through"].iter().any(|w| b.ends_with(w))
    },
    // "from January to November" is two dates, joined where the spans are read.
    month_from: |_| None,
    // ("strive for" is a target word of context_en.csv.)
    aim_frame: |_, _| false,
    surpassed: |before| {
        let b = before.trim_end().to_lowercase();
        ["surpassing", "surpassed", "exceeding", "exceeded", "overtaking", "overtook", "breaking"]
            .iter()
            .any(|w| b.ends_with(w) || b.ends_with(&format!("{w} that of")) || b.ends_with(&format!("{w} the")))
    },
    strive_for: |before| {
        let b = before.to_lowercase();
        ["strive", "striving", "proposed", "initiative"].iter().any(|w| b.contains(w))
    },
    absolute_change: |word| word.to_lowercase().ends_with(" by"),
    // ("since April" puts its word before the date; the English text says it with the figure.)
    since: |_| false,
    // "compared with 1957" has its word before the date: a comparison mark already.
    compared_with: |_, _| false,
    // "will", "plan to" are cue words.
    modal: |_| false,
    // ("a capacity of", "designed to produce" are cue words.)
    hyperbole: super::hyperbole_words(&crate::lexicon::HYPERBOLE_EN),
    threshold_class: |before, after| {
        let words = format!("{before} {after}").to_lowercase();
        [
            ("county", Level::County),
            ("commune", Level::Commune),
            ("district", Level::Prefecture),
            ("province", Level::Province),
        ]
        .into_iter()
        .find(|(w, _)| words.split(|c: char| !c.is_alphabetic()).any(|x| x == *w || x.strip_suffix('s') == Some(w)))
        .map(|(_, l)| l)
    },
    days_counted: |_| false,
    // "the two 3.3 cubic meter small blast furnaces": a furnace's volume is its size.
    plant_capacity: |kind, _, after| {
        kind == Kind::Volume && after.split_whitespace().take(5).any(|w| w.to_lowercase().starts_with("furnace"))
    },
    part_of_year: |before, _after| {
        let b = before.to_lowercase();
        ["same period", "same month", "same time", "same day"].iter().any(|w| b.contains(w))
    },
});

#[cfg(test)]
mod tests {
    use crate::article::Lang;
    use crate::attribute::tests::run;

    fn en(text: &str, figures: &[(&str, &str, &str, &str)]) -> Vec<String> {
        run(Lang::En, text, figures)
    }

    #[test]
    fn lianyuan_in_english() {
        let t = "Xinhua News Agency, Changsha, 12th. The Lianyuan County of Hunan Province has launched a mass coal mining campaign. On the 10th, the daily output of raw coal reached 15,000 tons, a fourfold increase compared to the end of September, making it the first county in Hunan Province with a daily output of 10,000 tons of raw coal. Currently, the county is determined to strive to reach a daily output of 40,000 tons of raw coal by the end of the month.";
        let got = en(
            t,
            &[
                ("12th", "date", "", "1958-10-12"),
                ("the 10th", "date", "", "1958-10-10"),
                ("15,000 tons", "mass", "t", "15000"),
                ("fourfold", "multiple", "x", "4"),
                ("the end of September", "date", "", "1958-09-30"),
                ("10,000 tons", "mass", "t", "10000"),
                ("40,000 tons", "mass", "t", "40000"),
                ("the end of the month", "date", "", "1958-10-31"),
            ],
        );
        assert_eq!(got[0], "coal|day|achieved|1958-10-10|Lianyuan County of Hunan Province");
        assert_eq!(got[1], "coal|day|change|1958-10-10|Lianyuan County of Hunan Province");
        assert_eq!(got[2].split('|').take(3).collect::<Vec<_>>(), ["coal", "day", "threshold"]);
        assert_eq!(got[3], "coal|day|target|1958-10-31|Lianyuan County of Hunan Province");
    }

    #[test]
    fn from_to_with_trailing_dates() {
        let t = "More than 2 million iron and steel workers in Henan Province raised the daily pig iron output from 2,100.5 tons on the 27th to 4,350.2 tons on the 28th, an increase of 107.1%.";
        let got = en(
            t,
            &[
                ("More than 2 million", "count", "person", "2000000"),
                ("2,100.5 tons", "mass", "t", "2100.5"),
                ("the 27th", "date", "", "1958-09-27"),
                ("4,350.2 tons", "mass", "t", "4350.2"),
                ("the 28th", "date", "", "1958-09-28"),
                ("107.1%", "percent", "%", "107.1"),
            ],
        );
        assert_eq!(got[0], "labour||achieved||Henan Province");
        assert_eq!(got[1], "pig_iron|day|baseline|1958-09-27|Henan Province");
        assert_eq!(got[2], "pig_iron|day|achieved|1958-09-28|Henan Province");
        assert_eq!(got[3], "pig_iron|day|change|1958-09-28|Henan Province");
    }

    #[test]
    fn round_three_rules() {
        // An absolute increase is a change; "by an average of" too.
        let t = "In three years the province's coal output increased by 900,000 tons, and grew by an average of 25% a year.";
        let got = en(t, &[("900,000 tons", "mass", "t", "900000"), ("25%", "percent", "%", "25")]);
        assert_eq!(got[0].split('|').nth(2), Some("change"));
        assert_eq!(got[1].split('|').nth(2), Some("change"));
        // "This newspaper, City, 5th" is a dateline; compared with last year: this year's.
        let t = "This newspaper, Lanzhou, 7th - The cotton of the district has been picked. The yield per mu reached 95 jin, an increase of 60% compared to last year.";
        let got = en(
            t,
            &[
                ("7th", "date", "", "1958-10-07"),
                ("95 jin", "yield", "jin/mu", "95"),
                ("60%", "percent", "%", "60"),
                ("last year", "date", "", "1957"),
            ],
        );
        assert_eq!(got[0].split('|').nth(3), Some("1958"));
        assert_eq!(got[1].split('|').take(4).collect::<Vec<_>>(), ["", "", "change", "1958"]);
    }

    #[test]
    fn month_and_year() {
        let t = "Thus we were able to obtain 1.87 million tons of steel in October alone. We will definitely be able to obtain 10.7 million tons of steel before the end of December this year.";
        let got = en(
            t,
            &[
                ("1.87 million tons", "mass", "t", "1870000"),
                ("October", "date", "", "1958-10"),
                ("10.7 million tons", "mass", "t", "10700000"),
                ("the end of December this year", "date", "", "1958-12-31"),
            ],
        );
        assert_eq!(got[0], "steel|month|achieved|1958-10|");
        assert_eq!(got[1], "steel|year|target|1958|");
    }
}
