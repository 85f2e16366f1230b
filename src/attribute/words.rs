//! Word lists of attribution: items, cue words and places, and how they are found in a text.
//!
//! Input: the rows of `items_*.csv`, `context_*.csv` and the gazetteer's names (read by `en.rs` and
//! `zh.rs`), then a section text. Output: per list, its hits (byte span and the values of the
//! word), leftmost first and longest at a position, as a regex alternation of the words would
//! give them. Invariant: one pass of one automaton over the text for all three lists.

use crate::claim::Period;
use crate::lexicon::{CueRow, Embedded, ItemRow};
use crate::text::HashMap;

/// What an item word can name, so that a count of people never takes 钢 as its item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Class {
    /// Masses, yields, areas, and what percentages and multiples are of.
    Goods,
    Furnace,
    Mine,
    Person,
    Commune,
    Machine,
    /// A modifier that only looks like an item (钢铁工业): stepped over.
    Skip,
}

/// A cue word's meaning (`data/lexicon/context_*.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Cue {
    Day,
    Month,
    Year,
    /// 全年 / "for the whole year": a year's figure of the year being spoken of.
    WholeYear,
    Cumulative,
    Target,
    Achieved,
    Change,
    /// …到 / "rose to": the figure after it is the new value.
    Rise,
    /// 由 / 从 / "from": the figure after it is a baseline.
    From,
    /// 比 / 较 / "compared to": a date after it is the comparison base's.
    Compare,
    /// 仅 / "only": a low starting level.
    Limit,
    /// 平常 / "usually": a level before.
    Before,
    Other,
    /// 能出 / "can produce": what can be made, a capacity where the verb decides.
    Capacity,
    /// 生产能力, 容积 / "design capacity": a capacity noun, whatever verb follows.
    Rated,
    /// 这天 / "on this day": the day named last.
    Anaphor,
    /// 其中 / "among them": the sentence goes on with the previous one's figures.
    Continuation,
    /// "a total of": cumulative, unless a day or other span is said.
    Total,
    /// 炼铁, 采煤, "mobilized": people counted in the sentence are a labour force.
    Work,
    /// "was", "were": states what was achieved, for amounts it stands before.
    Copula,
    /// 每小时 / "per hour": an hour's output.
    Hour,
    /// 预计, 估计 / "expected": an outcome not yet in.
    Forecast,
    /// 平均 / "average": a rate, never the total of a stretch.
    Average,
    /// 全省 / "the province", 全专区, 全县, 全市: the unit of that level the story is about, not
    /// named here; 全区, 全社 / "the region": a unit of no one level.
    LocalProvince,
    LocalPrefecture,
    LocalCounty,
    LocalCity,
    Local,
    /// 本报讯 / "(Our report)": a new story starts, without a dateline.
    Story,
    /// What a rate is per (每炉 / "per heat", 每人 / "per capita", ...).
    PerHeat,
    PerFurnace,
    PerPerson,
    PerHousehold,
    PerMu,
    PerM3,
    PerM2,
    PerPlant,
    PerEar,
    PerTeam,
    PerBarrel,
    Skip,
}

impl Cue {
    pub(super) fn period(self) -> Option<Period> {
        match self {
            Cue::Day => Some(Period::Day),
            Cue::Month => Some(Period::Month),
            Cue::Year | Cue::WholeYear => Some(Period::Year),
            Cue::Cumulative => Some(Period::Cumulative),
            Cue::Hour => Some(Period::Hour),
            _ => None,
        }
    }

    /// The level of the unit a word for a place not named speaks of (全省: a province).
    pub(super) fn local_level(self) -> Option<crate::gazetteer::Level> {
        use crate::gazetteer::Level;
        match self {
            Cue::LocalProvince => Some(Level::Province),
            Cue::LocalPrefecture => Some(Level::Prefecture),
            Cue::LocalCounty => Some(Level::County),
            Cue::LocalCity => Some(Level::City),
            // (No level to cut a place to; `Country` cuts nothing.)
            Cue::Local => Some(Level::Country),
            _ => None,
        }
    }

    /// The `per` column a cue says (`../shared/SCHEMA.md`).
    pub(super) fn per(self) -> Option<&'static str> {
        match self {
            Cue::PerHeat => Some("heat"),
            Cue::PerFurnace => Some("furnace"),
            Cue::PerPerson => Some("person"),
            Cue::PerHousehold => Some("household"),
            Cue::PerMu => Some("mu"),
            Cue::PerM3 => Some("m3"),
            Cue::PerM2 => Some("m2"),
            Cue::PerPlant => Some("plant"),
            Cue::PerEar => Some("ear"),
            Cue::PerTeam => Some("team"),
            Cue::PerBarrel => Some("barrel"),
            _ => None,
        }
    }
}

/// An item word's code and class.
#[derive(Debug, Clone)]
pub(crate) struct ItemEntry {
    pub code: String,
    pub class: Class,
}

/// One word list: its words (lower-cased when it folds case) and the values of each. Its hits
/// in a text, found by [`WordLists::find_all`], are leftmost first and longest at a position.
pub(crate) struct WordMatcher<T> {
    words: Vec<String>,
    vals: Vec<Vec<T>>,
    whole_words: bool,
    fold_case: bool,
}

/// One match of a [`WordMatcher`]: byte span and the values of the word.
pub(crate) struct Hit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub vals: &'a [T],
}

impl<T> WordMatcher<T> {
    /// `whole_words`: only between ASCII word boundaries (English). `fold_case`: ASCII
    /// case-insensitive (the English lists are ASCII).
    pub fn new(rows: Vec<(String, T)>, whole_words: bool, fold_case: bool) -> Self {
        let mut ids: HashMap<String, usize> = HashMap::default();
        let (mut words, mut vals): (Vec<String>, Vec<Vec<T>>) = (Vec::new(), Vec::new());
        for (w, v) in rows {
            let key = if fold_case { w.to_ascii_lowercase() } else { w };
            let id = *ids.entry(key.clone()).or_insert_with(|| {
                words.push(key);
                vals.push(Vec::new());
                words.len() - 1
            });
            vals[id].push(v);
        }
        WordMatcher { words, vals, whole_words, fold_case }
    }

    /// From every occurrence of its words, (start, end, word), the hits a leftmost-longest
    /// scan finds: the earliest start, the longest word there, then on after its end.
    fn select(&self, mut found: Vec<(usize, usize, usize)>) -> Vec<Hit<'_, T>> {
        found.sort_unstable_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut hits = Vec::new();
        let mut from = 0;
        for (start, end, w) in found {
            if start >= from {
                hits.push(Hit { start, end, vals: self.vals[w].as_slice() });
                from = end;
            }
        }
        hits
    }
}

/// Whether a `(?-u:\b)` word boundary stands at byte `at` of `text`.
fn ascii_boundary(text: &[u8], at: usize) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let before = at > 0 && word(text[at - 1]);
    let after = at < text.len() && word(text[at]);
    before != after
}

/// A language's three word lists (items, cue words, places), found in a text in one pass of
/// one Aho-Corasick automaton that reports every occurrence of every word (issue 8: three
/// regex scans were a tenth of a run). Each list then keeps its leftmost-longest hits among
/// the occurrences that stand between word boundaries (when it wants whole words) and match
/// its case (when it does not fold case): the hits a regex alternation of its words, longest
/// first, would find (a property test holds the two together).
pub(crate) struct WordLists<A, B, C> {
    pub items: WordMatcher<A>,
    pub cues: WordMatcher<B>,
    pub places: WordMatcher<C>,
    ac: aho_corasick::AhoCorasick,
    /// Per pattern of the automaton: the list (0 items, 1 cues, 2 places) and its word.
    owner: Vec<(usize, usize)>,
}

impl<A, B, C> WordLists<A, B, C> {
    pub fn new(items: WordMatcher<A>, cues: WordMatcher<B>, places: WordMatcher<C>) -> Self {
        let lists = [(&items.words, items.fold_case), (&cues.words, cues.fold_case), (&places.words, places.fold_case)];
        let mut owner = Vec::new();
        let mut patterns: Vec<&str> = Vec::new();
        for (l, (words, _)) in lists.iter().enumerate() {
            for (w, word) in words.iter().enumerate() {
                owner.push((l, w));
                patterns.push(word);
            }
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .ascii_case_insensitive(lists.iter().any(|(_, fold)| *fold))
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("word list automaton");
        WordLists { items, cues, places, ac, owner }
    }

    /// The hits of the three lists in `text`, each in order. Example: in 七十座土高炉和五座高炉 a
    /// list holding 高炉 and 土高炉 finds 土高炉, then 高炉 (the test below).
    #[allow(clippy::type_complexity)]
    pub fn find_all(&self, text: &str) -> (Vec<Hit<'_, A>>, Vec<Hit<'_, B>>, Vec<Hit<'_, C>>) {
        let bytes = text.as_bytes();
        let whole = [self.items.whole_words, self.cues.whole_words, self.places.whole_words];
        let exact_case = [!self.items.fold_case, !self.cues.fold_case, !self.places.fold_case];
        let words = [&self.items.words, &self.cues.words, &self.places.words];
        let mut found: [Vec<(usize, usize, usize)>; 3] = Default::default();
        for m in self.ac.find_overlapping_iter(text) {
            let (l, w) = self.owner[m.pattern().as_usize()];
            let (s, e) = (m.start(), m.end());
            if whole[l] && !(ascii_boundary(bytes, s) && ascii_boundary(bytes, e)) {
                continue;
            }
            if exact_case[l] && text.get(s..e) != Some(words[l][w].as_str()) {
                continue;
            }
            found[l].push((s, e, w));
        }
        let [i, c, p] = found;
        (self.items.select(i), self.cues.select(c), self.places.select(p))
    }
}

/// Item matcher from an items lexicon (`word,code,class`); a bad row stops start-up with its
/// file and line.
pub(crate) fn item_matcher(lex: &Embedded, whole_words: bool, fold_case: bool) -> WordMatcher<ItemEntry> {
    let rows = lex
        .rows::<ItemRow<Class>>()
        .into_iter()
        .map(|(_, r)| (r.word, ItemEntry { code: r.code, class: r.class }))
        .collect();
    WordMatcher::new(rows, whole_words, fold_case)
}

/// Cue matcher from a context lexicon (`word,cue`); a bad row stops start-up with its file and
/// line.
pub(crate) fn cue_matcher(lex: &Embedded, whole_words: bool, fold_case: bool) -> WordMatcher<Cue> {
    let rows = lex.rows::<CueRow<Cue>>().into_iter().map(|(_, r)| (r.word, r.cue)).collect();
    WordMatcher::new(rows, whole_words, fold_case)
}

#[cfg(test)]
mod tests {
    use super::super::{en, zh};
    use super::*;
    use proptest::prelude::*;

    fn one_list(rows: Vec<(String, i32)>, whole: bool, fold: bool) -> WordLists<i32, i32, i32> {
        WordLists::new(
            WordMatcher::new(rows, whole, fold),
            WordMatcher::new(vec![], whole, false),
            WordMatcher::new(vec![], whole, false),
        )
    }

    #[test]
    fn word_matcher_prefers_the_longest_word() {
        let m = one_list(vec![("高炉".to_string(), 1), ("土高炉".to_string(), 2), ("炉".to_string(), 3)], false, false);
        let hits = m.find_all("七十座土高炉和五座高炉，一个炉").0;
        let vals: Vec<i32> = hits.iter().map(|h| h.vals[0]).collect();
        assert_eq!(vals, vec![2, 1, 3]);
    }

    #[test]
    fn word_lists_find_shorter_whole_words_and_keep_case_where_asked() {
        let rows = |ws: &[&str]| ws.iter().enumerate().map(|(i, w)| (w.to_string(), i as i32)).collect::<Vec<_>>();
        let lists = WordLists::new(
            WordMatcher::new(rows(&["iron", "iron ores", "ore", "pig iron"]), true, true),
            WordMatcher::new(rows(&["more", "iron"]), true, true),
            WordMatcher::new(rows(&["Iron", "China"]), true, false),
        );
        let text = "More IRON ORE; pig irons, iron ores in china and China";
        let (items, cues, places) = lists.find_all(text);
        let show = |hs: &[Hit<'_, i32>]| hs.iter().map(|h| &text[h.start..h.end]).collect::<Vec<_>>();
        assert_eq!(show(&items), vec!["IRON", "ORE", "iron ores"]);
        assert_eq!(show(&cues), vec!["More", "IRON", "iron"]);
        assert_eq!(show(&places), vec!["China"]);
    }

    /// The words of a list.
    fn words_of<T>(m: &WordMatcher<T>) -> Vec<String> {
        m.words.clone()
    }

    /// What a list must give: one regex alternation of its words, longest first.
    fn by_regex<T>(m: &WordMatcher<T>, text: &str) -> Vec<(usize, usize)> {
        let mut sorted: Vec<&String> = m.words.iter().collect();
        sorted.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let alt = sorted.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
        let (pre, post) = if m.whole_words { (r"(?-u:\b)(?:", r")(?-u:\b)") } else { ("(?:", ")") };
        let flags = if m.fold_case { "(?i-u)" } else { "" };
        let re = regex::Regex::new(&format!("{flags}{pre}{alt}{post}")).unwrap();
        re.find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    fn spans<T>(hits: &[Hit<'_, T>]) -> Vec<(usize, usize)> {
        hits.iter().map(|h| (h.start, h.end)).collect()
    }

    fn lists_agree(l: &WordLists<ItemEntry, Cue, u32>, text: &str) -> Result<(), TestCaseError> {
        let (i, c, p) = l.find_all(text);
        prop_assert_eq!(spans(&i), by_regex(&l.items, text), "items in {:?}", text);
        prop_assert_eq!(spans(&c), by_regex(&l.cues, text), "cues in {:?}", text);
        prop_assert_eq!(spans(&p), by_regex(&l.places, text), "places in {:?}", text);
        Ok(())
    }

    proptest! {
        /// The one automaton gives each list exactly the hits of its own regex, whole words
        /// and case included, on text glued from the real word lists.
        #[test]
        fn word_lists_give_the_regex_hits(
            en in proptest::collection::vec(prop_oneof![
                proptest::sample::select(words_of(&en::LISTS.items)),
                proptest::sample::select(words_of(&en::LISTS.cues)),
                proptest::sample::select(words_of(&en::LISTS.places)),
                "[a-zA-Z0-9 ,.'-]{0,4}",
            ], 0..14),
            zh in proptest::collection::vec(prop_oneof![
                proptest::sample::select(words_of(&zh::LISTS.items)),
                proptest::sample::select(words_of(&zh::LISTS.cues)),
                proptest::sample::select(words_of(&zh::LISTS.places)),
                "[的了在和产钢铁炉煤高土省县a-z ，。]{0,3}",
            ], 0..14),
        ) {
            let en: String = en.iter().map(|w| match w.len() % 3 {
                0 => w.to_uppercase(),
                1 => w.to_lowercase(),
                _ => w.clone(),
            }).collect();
            lists_agree(&en::LISTS, &en)?;
            lists_agree(&zh::LISTS, &zh.concat())?;
        }
    }
}
