//! The gazetteer: China's administrative units of 1980 (GB/T 2260), the names 1958 printed for
//! them in both languages, countries, and works, read once from `data/gazetteer/*.csv` (issue 13).
//!
//! Input: the embedded files, read with the lexicon's reader ([`lexicon::parse`]): the 1980
//! list (`gb2260_1980.csv`), the 1958 names gone by 1980 (`supplement_1958.csv`), short and
//! printed forms (`names_zh.csv`, `names_en.csv`), countries (`countries.csv`) and works and
//! communes (`works.csv`). Output: [`Gazetteer::get`], which answers what a code is
//! ([`Gazetteer::unit`], [`Gazetteer::province_of`], [`Gazetteer::prefecture_of`]), which units a
//! name can be ([`Gazetteer::codes_named`]), and every printed form to search a text of one
//! language for ([`Gazetteer::names`]).
//!
//! Invariants: every code a row gives is a unit of the 1980 list; a name is of one kind only (a
//! unit, a country or a works) in its language; a bad row stops start-up with
//! `data/gazetteer/FILE:LINE` like a bad lexicon row, and the tests build the gazetteer, so this
//! cannot fire in a tested build. Two rules live here, not in the data: a 1980 X地区 is also
//! printed X专区 (the 1958 word), and an English name is also printed with the generic word of
//! its level (Henan Province, Lianyuan County, Xuchang Special District). County-level city
//! districts (东城区, 郊区, 矿区) are units but are not searched for: their names repeat from
//! city to city and say nothing a reader of 1958 would look up.
//!
//! ```
//! use leapfig::gazetteer::{Gazetteer, Level};
//! let g = Gazetteer::get();
//! assert_eq!(g.codes_named("寿张县"), [372522]); // abolished 1964, to 阳谷县
//! assert_eq!(g.codes_named("Honan"), g.codes_named("Henan"));
//! let xuchang = g.unit(412600).unwrap();
//! assert_eq!((xuchang.name.as_str(), xuchang.level), ("许昌地区", Level::Prefecture));
//! assert_eq!(g.province_name(412624), Some("河南省"));
//! ```

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::lexicon::Embedded;
use crate::text::{HashMap, Lang};

/// How fine a place is. A unit's level follows from its code and name (a `PPCC00` 市 is a city,
/// a `PPCC00` 地区 a prefecture); a name's level is that of what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Country,
    Province,
    /// 专区 / 地区, 自治州, 盟: a province's division.
    Prefecture,
    /// A city (市) of prefecture or county level.
    City,
    /// A county (县, 旗) or any other county-level unit.
    County,
    /// A people's commune, township or town below the county.
    Commune,
    /// An enterprise, plant or mine.
    Works,
}

impl Level {
    /// Finer places rank higher; a commune and a works rank alike (both sit below the county).
    pub fn rank(self) -> u8 {
        match self {
            Level::Country => 0,
            Level::Province => 1,
            Level::Prefecture => 2,
            Level::City => 3,
            Level::County => 4,
            Level::Commune | Level::Works => 5,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Country => "country",
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::City => "city",
            Level::County => "county",
            Level::Commune => "commune",
            Level::Works => "works",
        }
    }

    /// The level of a 1980 unit: by the code's shape (`PP0000`, `PPCC00`, `PPCCXX`) and, below a
    /// province, whether the name is a city's (ends in 市).
    fn of_unit(code: u32, name: &str) -> Level {
        if code.is_multiple_of(10000) {
            Level::Province
        } else if name.ends_with('市') {
            Level::City
        } else if code.is_multiple_of(100) {
            Level::Prefecture
        } else {
            Level::County
        }
    }
}

/// A unit of the 1980 list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Six digits: `PP0000` a province, `PPCC00` a prefecture or prefecture-level city, `PPCCXX`
    /// a county-level unit.
    pub code: u32,
    /// As in the 1980 list (许昌地区, 河南省).
    pub name: String,
    pub level: Level,
}

/// What a printed name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A country: its ISO 3166-1 alpha-2 code (`SU` for the Soviet Union).
    Country(String),
    /// One or more candidate units of the 1980 list (a name printed for several units: 许昌 the
    /// 地区 and the city; a county merged in 1958 and split again), in file order.
    Units(Vec<u32>),
    /// A works or commune, with the code of the unit it is in where known.
    Works { code: Option<u32> },
}

/// One form to search for in a text of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceName {
    pub name: String,
    /// For several candidate units, the coarsest of their levels.
    pub level: Level,
    pub target: Target,
}

// ---------------------------------------------------------------------------------------------
// The files and their rows.

macro_rules! embed {
    ($name:ident, $file:literal) => {
        crate::lexicon::embed_data!($name, "gazetteer", $file);
    };
}

embed!(GB2260_1980, "gb2260_1980.csv");
embed!(SUPPLEMENT_1958, "supplement_1958.csv");
embed!(NAMES_ZH, "names_zh.csv");
embed!(NAMES_EN, "names_en.csv");
embed!(COUNTRIES, "countries.csv");
embed!(WORKS, "works.csv");

/// Every gazetteer file (a test checks the folder against this list).
pub const ALL: &[Embedded] = &[GB2260_1980, SUPPLEMENT_1958, NAMES_ZH, NAMES_EN, COUNTRIES, WORKS];

/// `code,name`: a unit of the 1980 list (gb2260_1980.csv).
#[derive(Debug, Clone, Deserialize)]
pub struct UnitRow {
    pub code: u32,
    pub name: String,
}

/// `name,level,code,source`: a 1958 name gone by 1980 and the 1980 unit holding its territory
/// (supplement_1958.csv).
#[derive(Debug, Clone, Deserialize)]
pub struct SupplementRow {
    pub name: String,
    pub level: Level,
    pub code: u32,
    pub source: String,
}

/// `name,level,code`: a printed form of a unit (names_zh.csv, names_en.csv).
#[derive(Debug, Clone, Deserialize)]
pub struct NameRow {
    pub name: String,
    pub level: Level,
    pub code: u32,
}

/// `zh,en,code`: a country's Chinese name, its English forms `|`-separated, its ISO code
/// (countries.csv).
#[derive(Debug, Clone, Deserialize)]
pub struct CountryRow {
    pub zh: String,
    pub en: String,
    pub code: String,
}

/// `name,lang,code,level,source`: a works or commune, the unit it is in (empty: unknown) and
/// where that comes from (works.csv).
#[derive(Debug, Clone, Deserialize)]
pub struct WorksRow {
    pub name: String,
    pub lang: String,
    pub code: Option<u32>,
    pub level: Level,
    pub source: String,
}

/// The `|`-separated forms of an `en` field, trimmed, empty ones dropped.
fn forms(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|f| !f.is_empty())
}

/// The generic words an English name of a unit is also printed with, by the name's level and
/// the unit's 1980 name (a province 省 is a Province, a province-level 市 a Municipality).
fn generic_words_en(level: Level, unit: &Unit) -> &'static [&'static str] {
    match level {
        Level::Province if unit.name.ends_with('省') => &["Province"],
        Level::Province if unit.name.ends_with('市') => &["Municipality", "City"],
        Level::Prefecture => &["Prefecture", "Special District"],
        Level::City => &["City"],
        Level::County => &["County"],
        _ => &[],
    }
}

/// Words that end an English name already holding its generic word (Yu County, Xinhua County,
/// Guangxi Zhuang Autonomous Region): nothing is added to it.
const GENERIC_EN: &[&str] =
    &["County", "Province", "City", "Municipality", "Prefecture", "District", "Region", "Commune", "Township"];

// ---------------------------------------------------------------------------------------------
// The gazetteer.

/// All the files, read once: units by code, unit names, and the names to search per language.
#[derive(Debug)]
pub struct Gazetteer {
    units: BTreeMap<u32, Unit>,
    /// Every name of a unit in either language (1980 names including city districts, X专区,
    /// the supplement, names_zh, names_en with their generic words), with its codes.
    codes: HashMap<String, Vec<u32>>,
    zh: Vec<PlaceName>,
    en: Vec<PlaceName>,
}

/// The gazetteer's input files (the embedded ones, or test texts).
struct Files {
    units: Embedded,
    supplement: Embedded,
    names_zh: Embedded,
    names_en: Embedded,
    countries: Embedded,
    works: Embedded,
}

const EMBEDDED: Files = Files {
    units: GB2260_1980,
    supplement: SUPPLEMENT_1958,
    names_zh: NAMES_ZH,
    names_en: NAMES_EN,
    countries: COUNTRIES,
    works: WORKS,
};

/// Names being collected for one language: name -> what it stands for, and where it was first
/// given (file, line) for the message when a later row gives it another kind.
#[derive(Default)]
struct Collect {
    names: BTreeMap<String, (PlaceName, &'static str, usize)>,
}

impl Collect {
    /// Adds `code` to the candidates of a unit name (the coarser level kept).
    fn unit(&mut self, name: &str, level: Level, code: u32, from: (&Embedded, usize)) {
        self.add(PlaceName { name: name.to_string(), level, target: Target::Units(vec![code]) }, from);
    }

    fn add(&mut self, place: PlaceName, (file, line): (&Embedded, usize)) {
        match self.names.get_mut(&place.name) {
            None => {
                self.names.insert(place.name.clone(), (place, file.file, line));
            }
            Some((have, first_file, first_line)) => match (&mut have.target, place.target) {
                (Target::Units(codes), Target::Units(more)) => {
                    for c in more {
                        if !codes.contains(&c) {
                            codes.push(c);
                        }
                    }
                    if place.level.rank() < have.level.rank() {
                        have.level = place.level;
                    }
                }
                (a, b) if *a == b => {}
                (a, b) => file.bad_row(
                    line,
                    &format!("`{}` is {b:?} here but {a:?} in data/gazetteer/{first_file}:{first_line}", place.name),
                ),
            },
        }
    }

    fn into_names(self) -> Vec<PlaceName> {
        self.names.into_values().map(|(p, _, _)| p).collect()
    }
}

impl Gazetteer {
    /// The gazetteer of the embedded files, built on first use.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::build(&EMBEDDED))
    }

    fn build(files: &Files) -> Gazetteer {
        let mut units = BTreeMap::new();
        let mut unit_lines = HashMap::default();
        for (line, r) in files.units.rows::<UnitRow>() {
            unit_lines.insert(r.code, line);
            if !(110000..=999999).contains(&r.code) {
                files.units.bad_row(line, &format!("`{}` is no six-digit code", r.code));
            }
            let unit = Unit { code: r.code, level: Level::of_unit(r.code, &r.name), name: r.name };
            if units.insert(r.code, unit).is_some() {
                files.units.bad_row(line, &format!("code {} listed twice", r.code));
            }
        }
        let unit_of = |file: &Embedded, line: usize, code: u32| -> &Unit {
            units.get(&code).unwrap_or_else(|| file.bad_row(line, &format!("{code} is no unit of gb2260_1980.csv")))
        };
        // A name's level must fit the code's shape: only a province is PP0000, a prefecture is
        // PPCC00; a commune or works may take any unit it is known to be in.
        let check_level = |file: &Embedded, line: usize, level: Level, code: u32| {
            let province = code.is_multiple_of(10000);
            let fits = match level {
                Level::Country => false,
                Level::Province => province,
                Level::Prefecture => !province && code.is_multiple_of(100),
                Level::City | Level::County => !province,
                Level::Commune | Level::Works => true,
            };
            if !fits {
                file.bad_row(line, &format!("level {} does not fit code {code}", level.as_str()));
            }
        };

        let mut zh = Collect::default();
        let mut en = Collect::default();
        let mut codes: HashMap<String, Vec<u32>> = HashMap::default();
        let mut name_unit = |name: &str, code: u32| {
            let v = codes.entry(name.to_string()).or_default();
            if !v.contains(&code) {
                v.push(code);
            }
        };

        for u in units.values() {
            let from = (&files.units, unit_lines[&u.code]);
            name_unit(&u.name, u.code);
            let district = !u.code.is_multiple_of(100) && u.name.ends_with('区') && !u.name.ends_with("特区");
            if !district {
                zh.unit(&u.name, u.level, u.code, from);
            }
            if let Some(stem) = u.name.strip_suffix("地区") {
                let old = format!("{stem}专区");
                name_unit(&old, u.code);
                zh.unit(&old, u.level, u.code, from);
            }
        }
        for (line, r) in files.supplement.rows::<SupplementRow>() {
            unit_of(&files.supplement, line, r.code);
            check_level(&files.supplement, line, r.level, r.code);
            if r.source.trim().is_empty() {
                files.supplement.bad_row(line, "no source");
            }
            let by_rule = r.name.strip_suffix("专区").map(|stem| format!("{stem}地区"));
            if units.values().any(|u| u.name == r.name || Some(&u.name) == by_rule.as_ref()) {
                files
                    .supplement
                    .bad_row(line, &format!("`{}` is a 1980 name (or its 专区), not one gone by 1980", r.name));
            }
            name_unit(&r.name, r.code);
            zh.unit(&r.name, r.level, r.code, (&files.supplement, line));
        }
        for (file, collect, english) in [(&files.names_zh, &mut zh, false), (&files.names_en, &mut en, true)] {
            for (line, r) in file.rows::<NameRow>() {
                let unit = unit_of(file, line, r.code);
                check_level(file, line, r.level, r.code);
                name_unit(&r.name, r.code);
                collect.unit(&r.name, r.level, r.code, (file, line));
                let bare = !GENERIC_EN.iter().any(|g| r.name.ends_with(&format!(" {g}")));
                if english && bare {
                    for g in generic_words_en(r.level, unit) {
                        let long = format!("{} {g}", r.name);
                        name_unit(&long, r.code);
                        collect.unit(&long, r.level, r.code, (file, line));
                    }
                }
            }
        }
        for (line, r) in files.countries.rows::<CountryRow>() {
            if !(r.code.len() == 2 && r.code.bytes().all(|b| b.is_ascii_uppercase())) {
                files.countries.bad_row(line, &format!("`{}` is no ISO 3166-1 alpha-2 code", r.code));
            }
            let country = |name: &str| PlaceName {
                name: name.to_string(),
                level: Level::Country,
                target: Target::Country(r.code.clone()),
            };
            zh.add(country(&r.zh), (&files.countries, line));
            for f in forms(&r.en) {
                en.add(country(f), (&files.countries, line));
            }
        }
        for (line, r) in files.works.rows::<WorksRow>() {
            if let Some(code) = r.code {
                unit_of(&files.works, line, code);
            }
            if !matches!(r.level, Level::Works | Level::Commune) {
                files.works.bad_row(line, &format!("level {} is neither works nor commune", r.level.as_str()));
            }
            if r.source.trim().is_empty() {
                files.works.bad_row(line, "no source");
            }
            let collect = match r.lang.as_str() {
                "zh" => &mut zh,
                "en" => &mut en,
                other => files.works.bad_row(line, &format!("lang `{other}` is neither zh nor en")),
            };
            let place = PlaceName { name: r.name, level: r.level, target: Target::Works { code: r.code } };
            collect.add(place, (&files.works, line));
        }
        Gazetteer { units, codes, zh: zh.into_names(), en: en.into_names() }
    }

    /// The unit of a 1980 code.
    pub fn unit(&self, code: u32) -> Option<&Unit> {
        self.units.get(&code)
    }

    /// Every unit of the 1980 list, by code.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.units.values()
    }

    /// The code of the province a code is in (`PP0000`; itself for a province).
    pub fn province_of(&self, code: u32) -> u32 {
        code / 10000 * 10000
    }

    /// The prefecture or prefecture-level city a code is in (itself for one), if the 1980 list
    /// has one above it: a county of a province-level city (北京市's 昌平县) or a county-level
    /// unit under the province itself (井冈山) has none, nor has a province.
    pub fn prefecture_of(&self, code: u32) -> Option<u32> {
        let prefecture = code / 100 * 100;
        (!code.is_multiple_of(10000) && self.units.contains_key(&prefecture)).then_some(prefecture)
    }

    /// The 1980 name of the province a code is in (河南省 for 许昌县).
    pub fn province_name(&self, code: u32) -> Option<&str> {
        self.unit(self.province_of(code)).map(|u| u.name.as_str())
    }

    /// The codes of the units a name (Chinese or English) can be, in file order; empty for a name
    /// of no unit. 1980 repeats some names (朝阳区 in 北京 and in 长春), a short form can name
    /// several units (许昌), and a county merged in 1958 holds two (高元县).
    pub fn codes_named(&self, name: &str) -> &[u32] {
        self.codes.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every form to search for in a text of `lang`, sorted by name, each once. Chinese: every
    /// 1980 province, prefecture, city and county name (not county-level 区), X地区 also as
    /// X专区, the supplement's names, names_zh.csv, countries and works; English: names_en.csv
    /// (also with the generic words of their level), countries and works.
    pub fn names(&self, lang: Lang) -> Vec<PlaceName> {
        match lang {
            Lang::Zh => self.zh.clone(),
            Lang::En => self.en.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon;

    fn g() -> &'static Gazetteer {
        Gazetteer::get()
    }

    /// The name's entry in the search list of `lang`.
    fn named(lang: Lang, name: &str) -> Option<PlaceName> {
        g().names(lang).into_iter().find(|p| p.name == name)
    }

    fn units_of(lang: Lang, name: &str) -> Vec<u32> {
        match named(lang, name).map(|p| p.target) {
            Some(Target::Units(codes)) => codes,
            other => panic!("`{name}` ({lang:?}) names no unit: {other:?}"),
        }
    }

    #[test]
    fn every_file_in_the_folder_is_registered_and_parses() {
        lexicon::assert_folder_is("gazetteer", ALL);
        for e in ALL {
            let rows = lexicon::parse_in::<Vec<String>>(e.dir, e.file, e.text).unwrap_or_else(|err| panic!("{err}"));
            assert!(!rows.is_empty(), "data/gazetteer/{}: no rows", e.file);
        }
        assert!(!g().names(Lang::Zh).is_empty() && !g().names(Lang::En).is_empty());
    }

    #[test]
    fn no_row_is_listed_twice() {
        for e in ALL {
            let mut seen = HashMap::default();
            for (line, row) in lexicon::parse_in::<Vec<String>>(e.dir, e.file, e.text).unwrap() {
                if let Some(first) = seen.insert(row, line) {
                    panic!("data/gazetteer/{}:{line}: the same row as line {first}", e.file);
                }
            }
        }
    }

    #[test]
    fn every_1980_row_is_a_unit_reachable_by_its_name() {
        let rows = GB2260_1980.rows::<UnitRow>();
        assert_eq!(rows.len(), 3106, "gb2260_1980.csv holds the whole 1980 list");
        assert_eq!(g().units().count(), rows.len());
        for (line, r) in rows {
            let at = format!("data/gazetteer/gb2260_1980.csv:{line}");
            let unit = g().unit(r.code).unwrap_or_else(|| panic!("{at}: no unit"));
            assert_eq!(unit.name, r.name, "{at}");
            assert!(g().codes_named(&r.name).contains(&r.code), "{at}: `{}` does not find {}", r.name, r.code);
            assert_eq!(g().province_of(r.code), r.code / 10000 * 10000);
            assert!(g().province_name(r.code).is_some(), "{at}: no province");
        }
    }

    #[test]
    fn units_have_the_level_of_their_code_and_name() {
        let level = |code| g().unit(code).unwrap().level;
        assert_eq!(level(410000), Level::Province); // 河南省
        assert_eq!(level(110000), Level::Province); // 北京市
        assert_eq!(level(412600), Level::Prefecture); // 许昌地区
        assert_eq!(level(532500), Level::Prefecture); // 红河哈尼族彝族自治州
        assert_eq!(level(210300), Level::City); // 鞍山市
        assert_eq!(level(412601), Level::City); // 许昌市, county-level
        assert_eq!(level(432521), Level::County); // 涟源县
        assert_eq!(level(110101), Level::County); // 东城区
        assert_eq!(level(369001), Level::County); // 井冈山
    }

    #[test]
    fn ranks_grow_finer() {
        let levels = [Level::Country, Level::Province, Level::Prefecture, Level::City, Level::County, Level::Commune];
        assert!(levels.windows(2).all(|w| w[0].rank() < w[1].rank()));
        assert_eq!(Level::Commune.rank(), Level::Works.rank());
    }

    #[test]
    fn codes_place_a_unit_in_its_province_and_prefecture() {
        assert_eq!(g().province_of(412624), 410000);
        assert_eq!(g().province_name(412624), Some("河南省"));
        assert_eq!(g().province_name(510200), Some("四川省")); // 1958's 四川 holds 重庆
        assert_eq!(g().prefecture_of(412624), Some(412600)); // 许昌县 in 许昌地区
        assert_eq!(g().prefecture_of(412600), Some(412600));
        assert_eq!(g().prefecture_of(210300), Some(210300)); // 鞍山市
        assert_eq!(g().prefecture_of(410000), None);
        assert_eq!(g().prefecture_of(110221), None); // 昌平县, under 北京市 itself
        assert_eq!(g().prefecture_of(369001), None); // 井冈山, under 江西省 itself
        assert_eq!(g().unit(999999), None);
        assert_eq!(g().province_name(990000), None);
    }

    #[test]
    fn repeated_1980_names_give_every_unit_and_districts_are_not_searched() {
        assert!(g().codes_named("朝阳区").len() >= 2 && g().codes_named("郊区").len() >= 2);
        for district in ["东城区", "郊区", "矿区", "朝阳区"] {
            assert!(named(Lang::Zh, district).is_none(), "{district} is searched for");
        }
        assert_eq!(units_of(Lang::Zh, "万山特区"), [522230]); // a 特区 is no city district
        assert!(g().codes_named("no such place").is_empty());
    }

    #[test]
    fn old_names_resolve_to_1980_units() {
        assert_eq!(g().codes_named("寿张县"), [372522]); // abolished 1964, to 阳谷县
        assert_eq!(g().codes_named("许昌专区"), [412600]); // 许昌地区 by rule
        assert_eq!(named(Lang::Zh, "许昌专区").unwrap().level, Level::Prefecture);
        assert_eq!(g().codes_named("天津专区"), [132800]); // 廊坊地区
        assert_eq!(g().codes_named("高元县"), [132331, 132330]); // 元氏 and 高邑, merged 1958
        assert_eq!(g().codes_named("广西僮族自治区"), [450000]);
        assert_eq!(g().codes_named("许昌"), [412600, 412601]);
        assert_eq!(named(Lang::Zh, "许昌").unwrap().level, Level::Prefecture); // the coarser
        assert_eq!(units_of(Lang::Zh, "万县"), [512221, 512200]); // the county, and the 1958 专区
        assert_eq!(g().codes_named("河南"), [410000]);
        assert_eq!(g().codes_named("内蒙"), [150000]);
        assert_eq!(g().codes_named("涟源"), [432521]);
    }

    #[test]
    fn english_names_take_the_generic_word_of_their_level() {
        assert_eq!(g().codes_named("Henan Province"), [410000]);
        assert_eq!(g().codes_named("Peking Municipality"), [110000]);
        assert_eq!(g().codes_named("Xuchang Special District"), [412600]);
        assert_eq!(g().codes_named("Xuchang Prefecture"), [412600]);
        assert_eq!(g().codes_named("Lianyuan County"), [432521]);
        assert_eq!(g().codes_named("Shou Zhang County"), [372522]);
        assert_eq!(g().codes_named("Liuzhou City"), [450200]);
        assert_eq!(g().codes_named("Fuzhou Special District"), [362500]); // 抚州, not 福州
        assert_eq!(g().codes_named("Fuzhou"), [350100, 362500, 362501]);
        assert!(g().codes_named("Yu County County").is_empty() && g().codes_named("Xinhua").is_empty());
        assert!(g().codes_named("Inner Mongolia Province").is_empty());
    }

    /// Each province by its pinyin name, then the Wade–Giles and postal forms the translations
    /// may use: all give the same one code.
    #[test]
    fn wade_giles_postal_and_pinyin_of_each_province_agree() {
        let provinces: &[(u32, &str, &[&str])] = &[
            (110000, "Beijing", &["Peking", "Pei-ching", "Peiping"]),
            (120000, "Tianjin", &["Tientsin", "T'ien-chin"]),
            (130000, "Hebei", &["Hopei", "Hopeh", "Ho-pei"]),
            (140000, "Shanxi", &["Shansi"]),
            (150000, "Inner Mongolia", &["Nei Mongol", "Nei Menggu"]),
            (210000, "Liaoning", &["Liao-ning"]),
            (220000, "Jilin", &["Kirin", "Chi-lin"]),
            (230000, "Heilongjiang", &["Heilungkiang", "Hei-lung-chiang"]),
            (310000, "Shanghai", &["Shang-hai"]),
            (320000, "Jiangsu", &["Kiangsu", "Chiang-su"]),
            (330000, "Zhejiang", &["Chekiang", "Che-chiang"]),
            (340000, "Anhui", &["Anhwei", "An-hui"]),
            (350000, "Fujian", &["Fukien", "Fu-chien"]),
            (360000, "Jiangxi", &["Kiangsi", "Chiang-hsi"]),
            (370000, "Shandong", &["Shantung", "Shan-tung"]),
            (410000, "Henan", &["Honan", "Ho-nan"]),
            (420000, "Hubei", &["Hupeh", "Hupei", "Hu-pei"]),
            (430000, "Hunan", &["Hu-nan"]),
            (440000, "Guangdong", &["Kwangtung", "Kuang-tung"]),
            (450000, "Guangxi", &["Kwangsi", "Kuang-hsi"]),
            (510000, "Sichuan", &["Szechwan", "Szechuan", "Ssu-ch'uan"]),
            (520000, "Guizhou", &["Kweichow", "Kuei-chou"]),
            (530000, "Yunnan", &["Yün-nan"]),
            (540000, "Xizang", &["Tibet", "Hsi-tsang"]),
            (610000, "Shaanxi", &["Shensi"]),
            (620000, "Gansu", &["Kansu", "Kan-su"]),
            (630000, "Qinghai", &["Tsinghai", "Ch'ing-hai"]),
            (640000, "Ningxia", &["Ningsia", "Ning-hsia"]),
            (650000, "Xinjiang", &["Sinkiang", "Hsin-chiang"]),
        ];
        let in_list: Vec<u32> = g().units().filter(|u| u.level == Level::Province).map(|u| u.code).collect();
        assert_eq!(provinces.iter().map(|p| p.0).collect::<Vec<_>>(), in_list, "every 1980 province, once");
        for &(code, pinyin, others) in provinces {
            assert_eq!(units_of(Lang::En, pinyin), [code], "{pinyin}");
            for other in others {
                assert_eq!(units_of(Lang::En, other), [code], "{other} is not {pinyin}");
            }
            let zh = &g().unit(code).unwrap().name;
            assert_eq!(units_of(Lang::Zh, zh), [code]);
        }
    }

    #[test]
    fn every_supplement_row_names_a_source_and_a_1980_unit() {
        let rows = SUPPLEMENT_1958.rows::<SupplementRow>();
        for (line, r) in &rows {
            let at = format!("data/gazetteer/supplement_1958.csv:{line}");
            assert!(r.source.chars().count() >= 10, "{at}: the source of the change is missing");
            let unit = g().unit(r.code).unwrap_or_else(|| panic!("{at}: {} is no 1980 unit", r.code));
            assert_ne!(unit.name, r.name, "{at}");
            assert!(units_of(Lang::Zh, &r.name).contains(&r.code), "{at}: `{}` does not find {}", r.name, r.code);
            assert!(!g().units().any(|u| u.name == r.name), "{at}: `{}` is a 1980 name", r.name);
        }
        assert!(rows.iter().any(|(_, r)| r.name == "寿张县" && r.code == 372522));
    }

    #[test]
    fn every_names_row_finds_its_unit_in_its_language() {
        for (file, lang) in [(NAMES_ZH, Lang::Zh), (NAMES_EN, Lang::En)] {
            for (line, r) in file.rows::<NameRow>() {
                let at = format!("data/gazetteer/{}:{line}", file.file);
                let unit = g().unit(r.code).unwrap_or_else(|| panic!("{at}: {} is no 1980 unit", r.code));
                let place = named(lang, &r.name).unwrap_or_else(|| panic!("{at}: `{}` is not searched for", r.name));
                match place.target {
                    Target::Units(codes) => assert!(codes.contains(&r.code), "{at}"),
                    other => panic!("{at}: `{}` is {other:?}", r.name),
                }
                assert!(place.level.rank() <= r.level.rank(), "{at}");
                match r.level {
                    Level::Commune | Level::Works => assert!(unit.level.rank() < r.level.rank(), "{at}"),
                    Level::Province | Level::Prefecture => assert_eq!(unit.level, r.level, "{at}"),
                    _ => assert!(unit.level.rank() >= Level::Prefecture.rank(), "{at}"),
                }
                let script_ok = match lang {
                    Lang::Zh => r.name.chars().all(crate::text::is_cjk),
                    Lang::En => {
                        r.name.chars().all(|c| c.is_alphabetic() && !crate::text::is_cjk(c) || " '-.".contains(c))
                    }
                };
                assert!(script_ok, "{at}: `{}` is not written as {lang:?} names are", r.name);
            }
        }
    }

    #[test]
    fn short_forms_are_not_full_1980_names_unless_they_add_a_unit() {
        for (line, r) in NAMES_ZH.rows::<NameRow>() {
            let full = g().units().find(|u| u.name == r.name);
            if let Some(u) = full {
                assert_ne!(u.code, r.code, "data/gazetteer/names_zh.csv:{line}: `{}` is its 1980 name", r.name);
            }
        }
    }

    #[test]
    fn every_country_row_is_searched_for_in_both_languages() {
        let mut en_seen = HashMap::default();
        for (line, r) in COUNTRIES.rows::<CountryRow>() {
            let at = format!("data/gazetteer/countries.csv:{line}");
            let target = Target::Country(r.code.clone());
            assert_eq!(named(Lang::Zh, &r.zh).map(|p| p.target), Some(target.clone()), "{at}");
            for f in forms(&r.en) {
                assert_eq!(named(Lang::En, f).map(|p| p.target), Some(target.clone()), "{at}: {f}");
                if let Some(first) = en_seen.insert(f.to_string(), line) {
                    panic!("{at}: `{f}` is listed on line {first} too");
                }
            }
        }
        assert_eq!(named(Lang::Zh, "苏联").unwrap().target, Target::Country("SU".into()));
        assert_eq!(named(Lang::En, "U.S.S.R.").unwrap().target, Target::Country("SU".into()));
        assert_eq!(named(Lang::Zh, "我国").unwrap().target, Target::Country("CN".into()));
    }

    #[test]
    fn every_works_row_is_searched_for_with_its_unit() {
        for (line, r) in WORKS.rows::<WorksRow>() {
            let at = format!("data/gazetteer/works.csv:{line}");
            let lang = match r.lang.as_str() {
                "zh" => Lang::Zh,
                _ => Lang::En,
            };
            let place = named(lang, &r.name).unwrap_or_else(|| panic!("{at}: `{}` is not searched for", r.name));
            assert_eq!(place.target, Target::Works { code: r.code }, "{at}");
            assert_eq!(place.level, r.level, "{at}");
            if let Some(code) = r.code {
                assert!(g().unit(code).is_some(), "{at}: {code} is no 1980 unit");
            }
            assert!(!r.source.trim().is_empty(), "{at}: no source");
        }
        assert_eq!(named(Lang::Zh, "鞍钢").unwrap().target, Target::Works { code: Some(210300) });
        assert_eq!(named(Lang::Zh, "上钢三厂").unwrap().target, Target::Works { code: Some(310000) });
    }

    #[test]
    fn names_are_sorted_and_listed_once() {
        for lang in [Lang::Zh, Lang::En] {
            let names: Vec<String> = g().names(lang).into_iter().map(|p| p.name).collect();
            assert!(names.windows(2).all(|w| w[0] < w[1]), "{lang:?}");
        }
    }

    fn build(units: &'static str, names_zh: &'static str, works: &'static str) -> Gazetteer {
        Gazetteer::build(&files(units, names_zh, works))
    }

    fn files(units: &'static str, names_zh: &'static str, works: &'static str) -> Files {
        let e = |file, text| Embedded { dir: "gazetteer", file, text };
        Files {
            units: e("gb2260_1980.csv", units),
            supplement: e("supplement_1958.csv", "name,level,code,source\n"),
            names_zh: e("names_zh.csv", names_zh),
            names_en: e("names_en.csv", "name,level,code\n"),
            countries: e("countries.csv", "zh,en,code\n"),
            works: e("works.csv", works),
        }
    }

    fn panic_of(f: impl FnOnce() -> Gazetteer + std::panic::UnwindSafe) -> String {
        let e = std::panic::catch_unwind(f).unwrap_err();
        e.downcast_ref::<String>().cloned().unwrap_or_default()
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        const UNITS: &str = "# c\ncode,name\n410000,河南省\n412600,许昌地区\n";
        const WORKS: &str = "name,lang,code,level,source\n";
        let g = build(UNITS, "name,level,code\n许昌,prefecture,412600\n", WORKS);
        assert_eq!(g.codes_named("许昌专区"), [412600]);
        let msg = panic_of(|| build(UNITS, "name,level,code\n\n许昌,prefecture,412601\n", WORKS));
        assert_eq!(msg, "data/gazetteer/names_zh.csv:3: 412601 is no unit of gb2260_1980.csv");
        let msg = panic_of(|| build(UNITS, "name,level,code\n许昌,province,412600\n", WORKS));
        assert_eq!(msg, "data/gazetteer/names_zh.csv:2: level province does not fit code 412600");
        let msg = panic_of(|| build(UNITS, "name,level,code\n许昌,district,412600\n", WORKS));
        assert!(msg.starts_with("data/gazetteer/names_zh.csv:2: unknown variant `district`"), "{msg}");
        let msg = panic_of(|| build("code,name\n410000,河南省\n41,许昌\n", "name,level,code\n", WORKS));
        assert_eq!(msg, "data/gazetteer/gb2260_1980.csv:3: `41` is no six-digit code");
        let supplement = Files {
            supplement: Embedded {
                dir: "gazetteer",
                file: "supplement_1958.csv",
                text: "name,level,code,source\n许昌专区,prefecture,412600,x\n",
            },
            ..files(UNITS, "name,level,code\n", WORKS)
        };
        let msg = panic_of(move || Gazetteer::build(&supplement));
        assert!(msg.starts_with("data/gazetteer/supplement_1958.csv:2: `许昌专区` is a 1980 name"), "{msg}");
        let works = "name,lang,code,level,source\n许昌,zh,,works,text\n";
        let msg = panic_of(|| build(UNITS, "name,level,code\n许昌,prefecture,412600\n", works));
        assert!(msg.starts_with("data/gazetteer/works.csv:2: `许昌` is Works"), "{msg}");
        assert!(msg.ends_with("in data/gazetteer/names_zh.csv:2"), "{msg}");
    }
}
