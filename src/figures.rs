//! Figures: which mentions state one figure, within an article and across duplicate inputs.
//!
//! Input: an article's attributed claims and its en <-> zh pairs ([`group`]), or its sections
//! ([`text_key`]). Output: a [`Figures`] grouping (the figure of every claim, each figure's
//! first mention per language and its mention count), and a key that is equal for two inputs
//! holding the same Chinese article. Invariant: the grouping depends on the claims alone, not
//! on their order in the slice, so runs are byte-identical whatever the thread count.
//!
//! When mentions are one figure (README "Figures, not mentions" states it with its failure
//! cases):
//! - the English and the Chinese claim of one pair (whatever its status: a slip is a figure
//!   translated wrongly, not a second figure);
//! - two mentions in one language that state the same number about the same thing: kind, unit
//!   and interval equal, the same item code (never empty), and equal per, period, claim type,
//!   ref_date, country, province, place code and works; a headline mention may leave any of
//!   these context columns empty (headlines drop dates and places) and still be the body's
//!   figure;
//! - an English mention with no Chinese partner joins an English mention of the same figure by
//!   the same rule (English mentions that both have partners follow their partners).
//!
//! A date is one figure per distinct date of the article: every mention of 1958, 今年 and "this
//! year" in one article is the same date, whatever its language or pairing (a date is not
//! summed; this keeps a translation's reordered dates from splitting one date in two). A date
//! that did not resolve stays a figure of its own.

use std::hash::Hasher as _;

use crate::article::{Article, Lang, SectionKind};
use crate::claim::{Claim, Kind};
use crate::reconcile::Pair;
use crate::text::{FxHasher, HashMap};

/// Writes a figure's id into `buf` (cleared first): `{article_id}#f{start}`, the offset of its
/// representative mention (SCHEMA.md's figures.csv).
pub fn write_id(buf: &mut String, article_id: &str, start: usize) {
    use std::fmt::Write as _;
    buf.clear();
    let _ = write!(buf, "{article_id}#f{start}");
}

/// A figure's id as a new string (see [`write_id`]).
pub fn id(article_id: &str, start: usize) -> String {
    let mut s = String::new();
    write_id(&mut s, article_id, start);
    s
}

/// A figure id's article id and offset (the inverse of [`id`]); None for no figure id.
///
/// `split_id("rmrb/a#f40")` is `Some(("rmrb/a", 40))`.
pub fn split_id(id: &str) -> Option<(&str, usize)> {
    let (article, start) = id.rsplit_once("#f")?;
    Some((article, start.parse().ok()?))
}

/// One distinct figure of an article: indices into the article's claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The mention that gives the figure's values and its id: the first Chinese mention, else
    /// the first English one.
    pub rep: usize,
    /// The first mention in each language (lowest offset), if any.
    pub first_zh: Option<usize>,
    pub first_en: Option<usize>,
    /// How many claims state it.
    pub mentions: usize,
}

/// The figures of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// For each claim (same index as the claims), its figure (index into `list`).
    pub of_claim: Vec<usize>,
    /// The figures, ordered as the claims table orders their representative mentions
    /// (language, offset).
    pub list: Vec<Figure>,
}

/// Disjoint sets over claim indices.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    /// Joins two sets; the smaller root stays the root (order-independent result).
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// What two mentions of one figure must share exactly: language, kind, unit, the interval and
/// the item code.
type ValueKey<'a> = (Lang, Kind, &'a str, Option<u64>, Option<u64>, &'a str);

fn value_key(c: &Claim) -> ValueKey<'_> {
    (c.lang, c.kind, c.unit.as_str(), c.low.map(f64::to_bits), c.high.map(f64::to_bits), c.item_code.as_str())
}

/// The context columns two mentions of one figure agree on (per, period, claim type,
/// ref_date, country, province, place code, works), borrowed from the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Ctx<'a> {
    per: &'a str,
    period: Option<crate::claim::Period>,
    claim_type: Option<crate::claim::ClaimType>,
    ref_date: Option<crate::dates::RefDate>,
    place: [&'a str; 4],
}

fn context(c: &Claim) -> Ctx<'_> {
    Ctx {
        per: &c.per,
        period: c.period,
        claim_type: c.claim_type,
        ref_date: c.ref_date,
        place: [&c.country, &c.province, &c.place_code, &c.works],
    }
}

/// Whether a headline mention `t` and a body mention `b` can be one figure: every context
/// column the headline gives equals the body's.
fn headline_fits(t: &Ctx<'_>, b: &Ctx<'_>) -> bool {
    fn fits<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> bool {
        x.is_none() || x == y
    }
    (t.per.is_empty() || t.per == b.per)
        && fits(&t.period, &b.period)
        && fits(&t.claim_type, &b.claim_type)
        && fits(&t.ref_date, &b.ref_date)
        && t.place.iter().zip(&b.place).all(|(x, y)| x.is_empty() || x == y)
}

/// Groups an article's claims into figures (rules in the module doc).
///
/// In an article whose headline says 日产钢五万八千吨 and whose body repeats 五万八千吨 for the
/// same day and place, with one English partner, the three claims are one figure with three
/// mentions, its id taken from the headline's Chinese mention.
pub fn group(claims: &[Claim], pairs: &[Pair]) -> Figures {
    let n = claims.len();
    let mut sets = Sets((0..n).collect());
    let mut partnered = vec![false; n];
    for p in pairs {
        if let (Some(e), Some(z)) = (p.en, p.zh) {
            sets.union(e, z);
            partnered[e] = true;
        }
    }
    // Dates: one figure per distinct date.
    let mut dates: HashMap<crate::dates::RefDate, usize> = HashMap::default();
    for (i, c) in claims.iter().enumerate() {
        if let (Kind::Date, Some(d)) = (c.kind, c.ref_date) {
            match dates.get(&d) {
                Some(&first) => sets.union(first, i),
                None => {
                    dates.insert(d, i);
                }
            }
        }
    }
    // Mentions that may repeat a figure, bucketed by what they must share exactly.
    let mut buckets: HashMap<ValueKey<'_>, Vec<usize>> = HashMap::default();
    for (i, c) in claims.iter().enumerate() {
        if c.kind == Kind::Date || c.item_code.is_empty() || c.low.is_none() && c.high.is_none() {
            continue;
        }
        buckets.entry(value_key(c)).or_default().push(i);
    }
    let mut keys: Vec<&ValueKey<'_>> = buckets.keys().collect();
    keys.sort();
    for k in keys {
        let members = &buckets[k];
        let lang = k.0;
        // In English, only mentions without a Chinese partner join others.
        let free = |i: usize| lang == Lang::Zh || !partnered[i];
        let ctx: Vec<Ctx<'_>> = members.iter().map(|&i| context(&claims[i])).collect();
        let mut body_first: HashMap<&Ctx<'_>, usize> = HashMap::default();
        let mut body: Vec<usize> = Vec::new();
        for (m, &i) in members.iter().enumerate() {
            if claims[i].section != SectionKind::Body {
                continue;
            }
            body.push(m);
            match body_first.get(&ctx[m]) {
                Some(&first) if free(i) || free(members[first]) => sets.union(members[first], i),
                Some(_) => {}
                None => {
                    body_first.insert(&ctx[m], m);
                }
            }
        }
        for (m, &i) in members.iter().enumerate() {
            if claims[i].section == SectionKind::Body {
                continue;
            }
            // A headline mention joins the first body mention it fits.
            if let Some(&b) = body.iter().find(|&&b| headline_fits(&ctx[m], &ctx[b])) {
                if free(i) || free(members[b]) {
                    sets.union(members[b], i);
                }
            }
        }
    }
    collect(claims, &mut sets)
}

/// The figures of the sets, numbered in the claims table's order of their representatives.
fn collect(claims: &[Claim], sets: &mut Sets) -> Figures {
    let n = claims.len();
    let order_key = |i: usize| (claims[i].lang.as_str(), claims[i].start, claims[i].end);
    let mut first: HashMap<usize, (Option<usize>, Option<usize>, usize)> = HashMap::default();
    let roots: Vec<usize> = (0..n).map(|i| sets.find(i)).collect();
    for (i, &r) in roots.iter().enumerate() {
        let e = first.entry(r).or_insert((None, None, 0));
        let slot = if claims[i].lang == Lang::Zh { &mut e.0 } else { &mut e.1 };
        if slot.is_none_or(|j| (claims[i].start, claims[i].end) < (claims[j].start, claims[j].end)) {
            *slot = Some(i);
        }
        e.2 += 1;
    }
    let mut list: Vec<(usize, Figure)> = first
        .into_iter()
        .map(|(r, (zh, en, mentions))| {
            let rep = zh.or(en).expect("a set has a member");
            (r, Figure { rep, first_zh: zh, first_en: en, mentions })
        })
        .collect();
    list.sort_by_key(|(_, f)| order_key(f.rep));
    let index: HashMap<usize, usize> = list.iter().enumerate().map(|(k, (r, _))| (*r, k)).collect();
    Figures { of_claim: roots.iter().map(|r| index[r]).collect(), list: list.into_iter().map(|(_, f)| f).collect() }
}

/// A key equal for two inputs that hold the same article: the Chinese text (title and body),
/// every character that is not white space, markup (`#`) or a line's format; the body's
/// repetition of the headline at its top is dropped. `None` for an input with no Chinese text.
/// With the key goes the number of characters hashed (two keys are compared with both).
///
/// The archive file of an article and the bilingual file holding its Chinese below a
/// translation give the same key.
pub fn text_key(article: &Article) -> Option<(u64, usize)> {
    let keep = |c: &char| !c.is_whitespace() && *c != '#';
    let title: String = article.title_zh.chars().filter(keep).collect();
    let mut h = FxHasher::default();
    let mut n = 0;
    for s in article.sections_in(Lang::Zh).filter(|s| s.kind == SectionKind::Body) {
        let body: String = s.text.chars().filter(keep).collect();
        let body = if title.is_empty() { body.as_str() } else { body.strip_prefix(title.as_str()).unwrap_or(&body) };
        for c in body.chars() {
            h.write_u32(c as u32);
            n += 1;
        }
    }
    (n > 0).then(|| (h.finish(), n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{ClaimType, Period, Qualifier, Status};
    use crate::reconcile::PairStatus;

    #[test]
    fn a_figure_id_splits_back_into_its_article_and_offset() {
        assert_eq!(split_id(&id("rmrb/a#f1", 40)), Some(("rmrb/a#f1", 40)));
        assert_eq!(split_id(&id("", 7)), Some(("", 7)));
        assert_eq!(split_id("rmrb/a"), None);
        assert_eq!(split_id("rmrb/a#fx"), None);
    }

    fn claim(lang: Lang, section: SectionKind, start: usize, value: f64, item: &str) -> Claim {
        Claim {
            lang,
            section,
            start,
            end: start + 3,
            surface: format!("{value}"),
            kind: Kind::Mass,
            value: Some(value),
            low: Some(value),
            high: Some(value),
            unit: "t".into(),
            qualifier: Qualifier::Exact,
            value_raw: Some(value),
            unit_raw: "吨".into(),
            item: String::new(),
            item_code: item.into(),
            period: Some(Period::Day),
            claim_type: Some(ClaimType::Achieved),
            ref_date: None,
            place: String::new(),
            sentence: String::new(),
            status: Status::Ok,
            notes: Vec::new(),
            country: "CN".into(),
            province: "河南省".into(),
            place_code: String::new(),
            works: String::new(),
            per: String::new(),
        }
    }

    fn pair(en: Option<usize>, zh: Option<usize>) -> Pair {
        let status = match (en, zh) {
            (Some(_), Some(_)) => PairStatus::Match,
            (Some(_), None) => PairStatus::OnlyEn,
            _ => PairStatus::OnlyZh,
        };
        Pair { en, zh, status, note: None }
    }

    #[test]
    fn a_pair_and_a_headline_repeat_are_one_figure() {
        use SectionKind::{Body, Title};
        let mut title = claim(Lang::Zh, Title, 5, 58000.0, "steel");
        title.province.clear(); // the headline names no place
        let claims = vec![
            claim(Lang::En, Body, 100, 58000.0, "steel"),
            title,
            claim(Lang::Zh, Body, 300, 58000.0, "steel"),
            claim(Lang::Zh, Body, 320, 9000.0, "steel"),
        ];
        let f = group(&claims, &[pair(Some(0), Some(2)), pair(None, Some(1)), pair(None, Some(3))]);
        assert_eq!(f.list.len(), 2);
        assert_eq!(f.of_claim[0], f.of_claim[1]);
        assert_eq!(f.of_claim[1], f.of_claim[2]);
        assert_ne!(f.of_claim[2], f.of_claim[3]);
        let big = &f.list[f.of_claim[0]];
        assert_eq!((big.rep, big.first_zh, big.first_en, big.mentions), (1, Some(1), Some(0), 3));
    }

    #[test]
    fn same_number_of_another_place_item_or_day_is_another_figure() {
        use SectionKind::Body;
        let a = claim(Lang::Zh, Body, 10, 1000.0, "pig_iron");
        let mut other_place = claim(Lang::Zh, Body, 20, 1000.0, "pig_iron");
        other_place.province = "山西省".into();
        let other_item = claim(Lang::Zh, Body, 30, 1000.0, "steel");
        let mut other_day = claim(Lang::Zh, Body, 40, 1000.0, "pig_iron");
        other_day.ref_date = Some(crate::dates::RefDate::Year(1958));
        let no_item = claim(Lang::Zh, Body, 50, 1000.0, "");
        let no_item2 = claim(Lang::Zh, Body, 60, 1000.0, "");
        let repeat = claim(Lang::Zh, Body, 70, 1000.0, "pig_iron");
        let claims = vec![a, other_place, other_item, other_day, no_item, no_item2, repeat];
        let f = group(&claims, &[]);
        assert_eq!(f.list.len(), 6, "{f:?}");
        assert_eq!(f.of_claim[0], f.of_claim[6]);
        assert_ne!(f.of_claim[4], f.of_claim[5], "no item code: never merged");
    }

    #[test]
    fn english_mentions_with_partners_follow_them() {
        use SectionKind::Body;
        // Two Chinese figures that differ in place, their English partners alike (the English
        // names no place): still two figures.
        let mut z2 = claim(Lang::Zh, Body, 200, 500.0, "coal");
        z2.province = "山西省".into();
        let claims = vec![
            claim(Lang::En, Body, 10, 500.0, "coal"),
            claim(Lang::En, Body, 20, 500.0, "coal"),
            claim(Lang::Zh, Body, 100, 500.0, "coal"),
            z2,
            claim(Lang::En, Body, 30, 500.0, "coal"),
        ];
        let f = group(&claims, &[pair(Some(0), Some(2)), pair(Some(1), Some(3)), pair(Some(4), None)]);
        assert_eq!(f.list.len(), 2);
        assert_ne!(f.of_claim[0], f.of_claim[1]);
        // The unpartnered English repeat joins the first English mention's figure.
        assert_eq!(f.of_claim[4], f.of_claim[0]);
        assert_eq!(f.list[f.of_claim[0]].mentions, 3);
    }

    #[test]
    fn a_date_is_one_figure_per_article_whatever_its_pairing() {
        use crate::dates::RefDate;
        use SectionKind::Body;
        let date = |lang, start, d: Option<RefDate>| {
            let mut c = claim(lang, Body, start, 0.0, "");
            (c.kind, c.value, c.low, c.high, c.unit, c.ref_date) = (Kind::Date, None, None, None, String::new(), d);
            c
        };
        let y = Some(RefDate::Year(1958));
        let claims = vec![
            date(Lang::En, 1, y),
            date(Lang::En, 9, y),
            date(Lang::Zh, 20, y),
            date(Lang::Zh, 30, y),
            date(Lang::Zh, 40, Some(RefDate::Year(1957))),
            date(Lang::Zh, 50, None),
            date(Lang::Zh, 60, None),
        ];
        // The translation's two 1958s paired crosswise, or not at all: one figure either way.
        let f = group(&claims, &[pair(Some(0), Some(3)), pair(Some(1), None)]);
        assert_eq!(f.list.len(), 4, "{f:?}");
        assert!((1..4).all(|i| f.of_claim[i] == f.of_claim[0]));
        assert_ne!(f.of_claim[5], f.of_claim[6], "an unresolved date is its own figure");
        assert_eq!(f.list[f.of_claim[0]].rep, 2);
    }

    #[test]
    fn grouping_does_not_depend_on_claim_order() {
        use SectionKind::{Body, Title};
        let claims = vec![
            claim(Lang::Zh, Title, 5, 7.0, "coal"),
            claim(Lang::Zh, Body, 50, 7.0, "coal"),
            claim(Lang::Zh, Body, 90, 7.0, "coal"),
            claim(Lang::En, Body, 1, 7.0, "coal"),
        ];
        let f = group(&claims, &[pair(Some(3), Some(1))]);
        let mut rev = claims.clone();
        rev.reverse();
        let g = group(&rev, &[pair(Some(0), Some(2))]);
        let reps = |f: &Figures, cs: &[Claim]| -> Vec<(usize, usize)> {
            f.list.iter().map(|x| (cs[x.rep].start, x.mentions)).collect()
        };
        assert_eq!(reps(&f, &claims), reps(&g, &rev));
        assert_eq!(reps(&f, &claims), vec![(5, 4)]);
    }
}
