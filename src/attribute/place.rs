//! Place columns: where a figure belongs, as printed (`place`) and on the map (`country`,
//! `province`, `place_code`, `works`), from the gazetteer names found in the section.
//!
//! Input: the place mentions of the section (adjacent names glued: 湖南省涟源县), the datelines
//! that start its stories, a figure's site and count class, and the place the title names
//! (the article's lead). Output: a [`Where`]. Invariant: a place named in an earlier story
//! (before the latest dateline) is never taken; a figure no place is found for is national
//! (CN, 全国) only when its story names no place at all and the title names none either.
//!
//! How an economist reads the article (`tests/gold/ANNOTATION.md`, "Where and per what"): the
//! nearest place before the figure in its sentence (English: also after it in its clause,
//! "5,000 tons in Honan"); else the last county, commune or works named before it in its story
//! (全县 speaks of it); else the last place before it in its story (the dateline's city); else
//! the title's place; else the whole country. A count of counties, cities or provinces stays
//! with the unit that holds them (全省有十个县: the province). A works or commune takes the county
//! its name, the gazetteer or the place named with it says.

use super::doc::{Doc, Figure, Span};
use crate::claim::Kind;
use crate::gazetteer::{Gazetteer, Level, PlaceName, Target};

/// A glued place mention: its span, its finest level and the gazetteer names it is made of.
#[derive(Debug, Clone)]
pub(super) struct PlaceHit {
    pub(super) span: Span,
    pub(super) rank: u8,
    /// Indices into the language's gazetteer names, in text order.
    pub(super) parts: Vec<u32>,
}

/// Where a figure belongs: the columns `place`, `country`, `province`, `place_code`, `works`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Where {
    pub place: String,
    pub country: String,
    pub province: String,
    pub place_code: String,
    pub works: String,
}

/// How many place mentions back a figure's rules look for the place a story is about (the
/// work per figure stays bounded on a line of a million places).
const LOOK_BACK: usize = 12;

/// What may precede a dateline's place on its line, where the dateline rule does not know the
/// date for one ("(Our Hefei Dispatch, September 30th)", "Jinan, September 15th").
const DATELINE_HEADS: &[&str] =
    &["", "(Our", "(our", "Xinhua News Agency,", "Xinhua,", "新华社", "本报", "据新华社", "据本报"];

/// 北京市: a dateline of Peking files national news.
const BEIJING: u32 = 110000;

/// The province column of a China-wide figure.
pub const NATIONAL: &str = "全国";

impl Where {
    /// The whole country: CN, 全国, no code.
    fn national() -> Where {
        Where { country: "CN".into(), province: NATIONAL.into(), ..Where::default() }
    }

    fn of_code(code: u32) -> Where {
        let g = Gazetteer::get();
        Where {
            country: "CN".into(),
            province: g.province_name(code).unwrap_or_default().to_string(),
            place_code: format!("{code:06}"),
            ..Where::default()
        }
    }

    /// The unit code, if any.
    fn code(&self) -> Option<u32> {
        self.place_code.parse().ok()
    }
}

/// Resolves the names of one glued mention (湖南省涟源县, 鞍钢) to the map: countries, units
/// (the candidate in the province already known, else the one in `context`'s province, else
/// the first) and works (their own code, else the unit named with them, else `context`'s).
pub(super) fn resolve(names: &[PlaceName], parts: &[u32], printed: &str, context: Option<&Where>) -> Where {
    let g = Gazetteer::get();
    let mut w = Where { place: printed.to_string(), ..Where::default() };
    let mut works = Vec::new();
    for &i in parts {
        let Some(name) = names.get(i as usize) else { continue };
        match &name.target {
            Target::Country(c) if c == "CN" => {
                if w.country.is_empty() {
                    w = Where { place: w.place, ..Where::national() };
                }
            }
            Target::Country(c) => {
                w = Where { place: w.place, country: c.clone(), ..Where::default() };
            }
            Target::Units(codes) => {
                // (A name of several units of one province, 万县 the 专区 and the county: the
                // coarsest, which holds the others.)
                let within = |p: u32| {
                    codes.iter().copied().filter(|&c| g.province_of(c) == g.province_of(p)).min_by_key(|&c| rank(c))
                };
                let code = w
                    .code()
                    .and_then(within)
                    .or_else(|| context.and_then(Where::code).and_then(within))
                    .or_else(|| codes.first().and_then(|&c| within(c)));
                // (Lianyuan County of Hunan Province: the finer of two names of one province; a
                // unit of another province replaces what came before.)
                let elsewhere = |c: u32| w.code().is_some_and(|have| g.province_of(have) != g.province_of(c));
                if let Some(code) = code.filter(|&c| refines(&w, c) || elsewhere(c)) {
                    w = Where { place: w.place, works: w.works, ..Where::of_code(code) };
                }
            }
            Target::Works { code } => {
                works.push(name.name.as_str());
                // (新疆克拉玛依油田: the works' city, finer than the region named with it.)
                if let Some(code) = code.filter(|&c| refines(&w, c)) {
                    w = Where { place: w.place, ..Where::of_code(code) };
                }
            }
        }
    }
    if !works.is_empty() {
        // A works no name places takes the place the story is about.
        if w.country.is_empty() {
            if let Some(c) = context {
                w = Where { place: w.place, works: String::new(), ..c.clone() };
            }
        }
        w.works = works.join(" ");
    }
    w
}

/// The rank of a 1980 unit's level (finer is higher; 0 for no unit).
fn rank(code: u32) -> u8 {
    Gazetteer::get().unit(code).map_or(0, |u| u.level.rank())
}

/// Whether a unit says more than the place resolved so far: there is none yet, or it lies in
/// the same province at a finer level.
fn refines(w: &Where, code: u32) -> bool {
    let g = Gazetteer::get();
    w.code().is_none_or(|have| g.province_of(have) == g.province_of(code) && rank(code) > rank(have))
}

/// The level of a counted class of places (十个县: county), if the figure counts places.
fn counted_level(unit: &str) -> Option<Level> {
    Some(match unit {
        "county" => Level::County,
        "city" => Level::City,
        "prefecture" => Level::Prefecture,
        "province" => Level::Province,
        _ => return None,
    })
}

impl Doc<'_> {
    /// The place columns of a figure (see the module doc). Example: 五百吨 in
    /// 湖南省涟源县产钢五百吨 is of 湖南省涟源县: CN, 湖南省, 432521.
    pub(super) fn place(&self, fig: &Figure, lead: Option<&Where>, threshold: Option<Level>) -> Where {
        let s = &fig.s;
        let story = self.story_start(s.f.start);
        let para = self.paragraph_of(s.f.start).start.max(story);
        let upto = self.places.partition_point(|p| p.span.end <= s.f.start);
        let from = |start: usize| move |&i: &usize| self.places[i].span.start >= start;
        // (Not the base of a share: 为美国的48％.)
        let is_base = |i: usize| {
            let p = &self.places[i];
            matches!(fig.claim.kind, Kind::Percent | Kind::Multiple | Kind::Fraction)
                && (self.rules.base_place)(
                    &self.text[s.sent.start.min(p.span.start)..p.span.start],
                    &self.text[p.span.end..s.f.start],
                )
        };
        let upto_own = match upto.checked_sub(1) {
            Some(i) if is_base(i) => i,
            _ => upto,
        };
        let nearest = upto_own.checked_sub(1).filter(from(story));
        // The sentence's own place: before the figure, else (English) after it in its clause.
        // (Not the dateline's city: "Jinan, September 15th … the furnaces at Jinan Renfeng
        // Textile Factory" are the works'.)
        // (A place right after the figure and 的 is the figure's: 82.1％的五莲县.)
        let follows = self
            .places
            .get(upto)
            .filter(|p| self.text.get(s.f.end..p.span.start).is_some_and(|gap| (self.rules.place_follows)(gap)))
            .map(|_| upto);
        let mut own = follows
            .or_else(|| nearest.filter(from(s.sent.start)).filter(|&i| !self.in_dateline(&self.places[i])))
            .or_else(|| {
                let after = self.places.get(upto).filter(|p| p.span.end <= s.clause.end.max(s.f.end));
                after.filter(|_| self.rules.trailing_dates).map(|_| upto)
            });
        // A threshold is reached by the last place of its class or finer in its story where its
        // sentence names a province or region only (涟源县 in 涟源县…成为湖南省第一个万吨县: the
        // province says among what), not where it names the country (全国又出现了八个万吨省).
        if let (Some(class), Some(i)) = (threshold, own) {
            if (1..class.rank()).contains(&self.places[i].rank) {
                own = (0..upto)
                    .rev()
                    .take(LOOK_BACK)
                    .take_while(from(story))
                    .find(|&i| self.places[i].rank >= class.rank())
                    .or(own);
            }
        }
        // Else the paragraph's: its last county or finer (全县 speaks of it), else its last place;
        // else what the story is about: its first place (the dateline's, or its first sentence's).
        // (Never a place another sentence names as what was surpassed: 超过了河南省信阳专区…的
        // 最高纪录 says nothing of where the next sentence's 全省 is.)
        let carried = |i: &usize| !self.in_dateline(&self.places[*i]) && !self.surpassed(*i);
        let chosen = own
            .or_else(|| nearest.and_then(|i| self.fine_places[i]).filter(from(para)).filter(carried))
            // (Not the whole country named in another sentence: "a new method for China".)
            // (Nor the dateline's city, which only says what the story is about, below.)
            .or_else(|| nearest.filter(from(para)).filter(|&i| !self.national_mention(i) && carried(&i)))
            .or_else(|| self.story_subject(story, upto));
        // 全省, 全县 in the sentence: the figure is of the unit the story is about, never of the
        // whole country named as a comparison (等于全国…) in the sentence before.
        let local = self.local_between(s.sent.start, s.f.start);
        let chosen = chosen
            .filter(|&i| !local || own == Some(i) || !self.national_mention(i))
            .or_else(|| self.story_subject(story, upto).filter(|&i| local && !self.national_mention(i)));
        let mut w = match chosen {
            Some(i) => self.resolve_mention(i),
            None => match lead {
                Some(l) => Where { place: String::new(), ..l.clone() },
                // 全省 with no province named: Chinese, but not the whole country.
                None if local || self.local_between(story, s.sent.end.max(s.f.end)) => {
                    Where { country: "CN".into(), ..Where::default() }
                }
                None => Where::national(),
            },
        };
        // 全省 in the sentence: the figure is the province's, whatever finer place was named
        // before (河南省遂平县…。全省有十个县…超过千吨); 全市 under a city's dateline, the city's.
        if let Some(level) = self.local_in(s.sent.start, s.f.start) {
            w = self.at_level(w, level, chosen);
        }
        // 全省有十个县: a count of counties is of what holds them.
        if let Some(level) =
            (fig.claim.kind == crate::claim::Kind::Count).then(|| counted_level(&fig.claim.unit)).flatten()
        {
            w = self.holder(w, level, chosen, story);
        }
        w
    }

    /// Whether a place is named as what a figure surpassed (超过了河南省信阳专区…的纪录,
    /// "surpassing Xinyang"): a comparison, not where the text is.
    fn surpassed(&self, i: usize) -> bool {
        let start = self.places[i].span.start;
        (self.rules.surpassed)(&self.text[crate::text::chars_before(self.text, start, 24)..start])
    }

    /// A place mention on the map, in the context of its story. A dateline's city (新华社郑州
    /// 10日电, "Zhengzhou, 10th") says where the news was filed: the story is of its province
    /// (of the whole country for Peking), unless the text names the city again.
    /// (Each mention is resolved once per section: the result depends on the mention only, its
    /// story being where it stands.)
    fn resolve_mention(&self, i: usize) -> Where {
        self.resolved[i].get_or_init(|| self.resolve_mention_once(i)).clone()
    }

    fn resolve_mention_once(&self, i: usize) -> Where {
        let p = &self.places[i];
        let story = self.story_start(p.span.start);
        let ctx = self.story_context(story, i);
        let w = resolve(self.place_names, &p.parts, &self.text[p.span.start..p.span.end], ctx.as_ref());
        if !self.in_dateline(p) || w.country != "CN" {
            return w;
        }
        match w.code() {
            Some(BEIJING) => Where { place: w.place, ..Where::national() },
            Some(c) => Where { place: w.place, ..Where::of_code(Gazetteer::get().province_of(c)) },
            None => w,
        }
    }

    /// A place cut to a coarser `level` where it is finer (a county to its province for
    /// 全省), or a dateline's city kept at its own level (全市 under 本报武汉电).
    fn at_level(&self, w: Where, level: Level, chosen: Option<usize>) -> Where {
        let g = Gazetteer::get();
        let Some(code) = w.code() else { return w };
        let dateline_city = chosen.filter(|&i| self.in_dateline(&self.places[i])).and_then(|i| {
            let p = &self.places[i];
            resolve(self.place_names, &p.parts, &self.text[p.span.start..p.span.end], None).code()
        });
        if let (Some(city), Level::City | Level::Prefecture) = (dateline_city, level) {
            return Where { place: w.place, ..Where::of_code(city) };
        }
        if rank(code) <= level.rank() && w.works.is_empty() {
            return w;
        }
        let cut = match level {
            Level::Province => Some(g.province_of(code)),
            Level::Prefecture | Level::City => g.prefecture_of(code),
            _ => None,
        };
        match cut {
            Some(c) if c != code => Where { place: w.place, ..Where::of_code(c) },
            _ => w,
        }
    }

    /// What a story is about: its first place after the dateline's (本报济南15日电　济南仁丰纱厂:
    /// the works), else the dateline's; only places before `upto`.
    /// Of the places its first sentence names, the finest where they all lie in one province
    /// (贵州北部山区鰼水县: 鰼水县).
    fn story_subject(&self, story: usize, upto: usize) -> Option<usize> {
        let first = self.places.partition_point(|p| p.span.start < story);
        let para_end = self.paragraph_of(self.places.get(first)?.span.start).end;
        // (The first paragraph's next place may stand after the figure: "Guiyang, October
        // 31st. After setting a record of 1,340 tons …, Xishui County".)
        let next = (first + 1..self.places.len().min(first + LOOK_BACK)).find(|&i| {
            self.places[i].span.start < para_end && !self.in_dateline(&self.places[i]) && !self.surpassed(i)
        });
        let subject = match (first < upto, self.in_dateline(&self.places[first])) {
            (false, _) => return None,
            (true, true) => next.unwrap_or(first),
            (true, false) => first,
        };
        let sent_end = self.sentence_of(self.places[subject].span.start).end;
        let same: Vec<usize> = (subject..self.places.len().min(subject + LOOK_BACK))
            .take_while(|&i| self.places[i].span.end <= sent_end)
            .filter(|&i| i == subject || !self.surpassed(i))
            .collect();
        let g = Gazetteer::get();
        let province = |i: usize| self.resolve_mention(i).code().map(|c| g.province_of(c));
        let p0 = province(subject);
        if p0.is_some() && same.iter().all(|&i| province(i) == p0) {
            same.into_iter().max_by_key(|&i| (self.places[i].rank, std::cmp::Reverse(i)))
        } else {
            Some(subject)
        }
    }

    /// Whether a mention names the whole country (全国, 我国, "nationwide").
    fn national_mention(&self, i: usize) -> bool {
        self.places[i].parts.iter().all(
            |&k| matches!(self.place_names.get(k as usize).map(|n| &n.target), Some(Target::Country(c)) if c == "CN"),
        )
    }

    /// Whether a place mention is a dateline's: right before a dateline's date (郑州10日,
    /// "Zhengzhou, 10th").
    /// (Also a place opening its line with a date right after it, "Jinan, September 15th (From
    /// our own correspondent)", which the dateline rule reads as a date.)
    pub(super) fn in_dateline(&self, p: &PlaceHit) -> bool {
        // (`comma`: only a comma may separate them, as English datelines do: 甘肃敦煌县1958年 is
        // no dateline.)
        let right_before = |dates: &[usize], comma: bool| {
            let k = dates.partition_point(|&d| d < p.span.end);
            dates.get(k).is_some_and(|&d| {
                self.text.get(p.span.end..d).is_some_and(|gap| {
                    let gap = gap.trim_start().trim_start_matches("Dispatch").trim_start_matches("dispatch");
                    gap.len() <= 3 && gap.chars().all(|c| c == ',' || c == ' ') && (!comma || gap.contains(','))
                })
            })
        };
        // (A dateline's place opens its line: only the few bytes before it are read.)
        let line_start = self.paragraph_of(p.span.start).start.max(p.span.start.saturating_sub(40));
        // (What may stand before a dateline's place on its line: the agency, "(Our".)
        let opens_line = self.text.get(line_start..p.span.start).is_some_and(|t| DATELINE_HEADS.contains(&t.trim()));
        right_before(&self.dateline_dates, false) || (opens_line && right_before(&self.date_starts, true))
    }

    /// A place coarser than the counted `level`: the last such mention of the story before the
    /// one chosen, else the chosen unit's province (the country for a count of provinces).
    fn holder(&self, w: Where, level: Level, chosen: Option<usize>, story: usize) -> Where {
        let g = Gazetteer::get();
        let fine = w.code().is_some_and(|c| rank(c) >= level.rank()) || !w.works.is_empty();
        if !fine {
            return w;
        }
        if level == Level::Province {
            return Where::national();
        }
        let earlier = chosen.and_then(|c| {
            (0..c)
                .rev()
                .take(LOOK_BACK)
                .take_while(|&i| self.places[i].span.start >= story)
                .find(|&i| self.places[i].rank < level.rank())
        });
        if let Some(i) = earlier {
            let r = self.resolve_mention(i);
            if r.country == "CN" && r.province == w.province {
                return r;
            }
        }
        match w.code() {
            Some(c) => Where { place: w.place.clone(), ..Where::of_code(g.province_of(c)) },
            None => w,
        }
    }

    /// Whether a word for a place the text does not name (全省, "the province") stands in
    /// `[a, b)`.
    fn local_between(&self, a: usize, b: usize) -> bool {
        self.local_in(a, b).is_some()
    }

    /// The level of the last word for a place not named in `[a, b)` (全省: a province).
    fn local_in(&self, a: usize, b: usize) -> Option<Level> {
        let lo = self.locals.partition_point(|&(p, _)| p < a);
        let hi = self.locals.partition_point(|&(p, _)| p < b);
        self.locals[lo..hi].last().map(|&(_, l)| l)
    }

    /// Where the story of a byte offset starts: at the line of the last dateline before it
    /// (新华社长沙12日电 starts a new story), else at the section start.
    pub(super) fn story_start(&self, at: usize) -> usize {
        let k = self.datelines.partition_point(|&d| d <= at);
        k.checked_sub(1).map_or(0, |k| self.datelines[k])
    }

    /// The place the story is about up to mention `i`: the last mention before it in the story
    /// that resolves to a Chinese unit (for a works or an ambiguous name).
    fn story_context(&self, story: usize, i: usize) -> Option<Where> {
        (0..i).rev().take(LOOK_BACK).take_while(|&j| self.places[j].span.start >= story).find_map(|j| {
            let p = &self.places[j];
            let w = resolve(self.place_names, &p.parts, &self.text[p.span.start..p.span.end], None);
            (!w.place_code.is_empty()).then_some(w)
        })
    }
}

/// The lead place of a title: its one place; the country alone where it names several places
/// of one country in different provinces (广西四川云南); none where it names none, or several
/// countries.
pub(super) fn lead_of(doc: &Doc) -> Option<Where> {
    let mut all =
        doc.places.iter().map(|p| resolve(doc.place_names, &p.parts, &doc.text[p.span.start..p.span.end], None));
    let first = all.next().filter(|w| !w.country.is_empty())?;
    let mut lead = Where { place: String::new(), ..first };
    for w in all {
        if w.country != lead.country {
            return None;
        }
        if w.province != lead.province {
            lead = Where { country: lead.country, ..Where::default() };
        } else if w.place_code != lead.place_code || w.works != lead.works {
            // Two places of one province: the province.
            let code = lead.code().filter(|_| lead.province != NATIONAL);
            lead = match code {
                Some(c) => Where::of_code(Gazetteer::get().province_of(c)),
                None => Where { country: lead.country, province: lead.province, ..Where::default() },
            };
        }
    }
    Some(lead)
}
