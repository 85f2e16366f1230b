//! Reconciliation (issue 6): English claims aligned with their Chinese originals.
//!
//! Input: one article's claims of every section and both languages, as the extractors and
//! `crate::attribute` left them. Output: one [`Pair`] per figure of either side: an English
//! and a Chinese claim stating the same figure, judged by [`judge::judge`] (`match`,
//! `value_mismatch`, `qualifier_mismatch`, `unit_mismatch`, with a note naming the likely
//! slip), or a claim of one side alone (`only_en`, `only_zh`). Invariants: every claim of a
//! bilingual article is in exactly one pair; an article whose claims are all of one language
//! gives no pairs; the output depends only on the claims (deterministic, no hashing order).
//!
//! How (the README's "Reconciliation" section says it for users):
//! 1. Titles align with titles and bodies with bodies, so a figure repeated in the title pairs
//!    with the title. Within a section a monotone alignment (dynamic programming, like an edit
//!    distance) pairs the claims in text order: skipping a claim costs [`SKIP`]; pairing costs
//!    by verdict (a match almost nothing, an explained slip more, an unexplained disagreement
//!    most, and only where the items agree or the figures stand close with near numbers),
//!    plus the distance of their relative positions in the section and penalties when item
//!    code, period, claim type or reference date (where both sides have them) disagree.
//!    The four "10.7 million tons" of the first seed thus pair in order with the four
//!    一千零七十万吨.
//! 2. Translations reorder clauses: leftover claims that match exactly (numbers, qualifiers,
//!    items not disagreeing) pair across the order; two mismatched pairs whose figures match
//!    crosswise are either a reordering (re-paired as matches) or, when the item codes say
//!    the numbers moved between two items, a swap (both `value_mismatch`, note `swapped`).
//! 3. A title figure left over pairs with an exactly matching figure near the top of the other
//!    language's body (a shortened English `Title:` whose deck lines went to the body).

mod judge;

pub use judge::{judge, Agreement, Verdict};

use serde::Serialize;

use crate::article::{Lang, SectionKind};
use crate::claim::{Claim, Kind};

/// Agreement between an English and a Chinese claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairStatus {
    Match,
    ValueMismatch,
    QualifierMismatch,
    UnitMismatch,
    OnlyEn,
    OnlyZh,
}

impl PairStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PairStatus::Match => "match",
            PairStatus::ValueMismatch => "value_mismatch",
            PairStatus::QualifierMismatch => "qualifier_mismatch",
            PairStatus::UnitMismatch => "unit_mismatch",
            PairStatus::OnlyEn => "only_en",
            PairStatus::OnlyZh => "only_zh",
        }
    }
}

/// One row of `pairs.csv`: indexes into the article's claim list.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub en: Option<usize>,
    pub zh: Option<usize>,
    pub status: PairStatus,
    pub note: String,
}

/// Cost of leaving a claim unpaired.
pub const SKIP: f64 = 1.0;
/// Cost per unit of relative-position distance (positions run 0..1 across a section).
const W_POS: f64 = 0.6;
/// An unexplained disagreement pairs only this close (relative positions) unless items agree.
const NEAR_POS: f64 = 0.15;
const ITEM_DIFFER: f64 = 0.8;
const ITEM_AGREE: f64 = 0.1;
const PERIOD_DIFFER: f64 = 0.3;
const TYPE_DIFFER: f64 = 0.2;
const REF_DATE_DIFFER: f64 = 0.3;
const COUNTED_DIFFER: f64 = 0.2;
/// Crossing pairs (step 2) only this far apart.
const RESCUE_POS: f64 = 0.3;
/// A title figure pairs with a body figure only this near the body's top (step 3).
const TOP_OF_BODY: f64 = 0.2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Items {
    Agree,
    Differ,
    Unknown,
}

fn items(e: &Claim, z: &Claim) -> Items {
    match (e.item_code.as_str(), z.item_code.as_str()) {
        ("", _) | (_, "") => Items::Unknown,
        (a, b) if a == b => Items::Agree,
        _ => Items::Differ,
    }
}

/// The verdict on pairing `e` with `z` and its alignment cost, or `None` when they cannot
/// be counterparts. `pe`, `pz`: relative positions in their sections.
fn pair_cost(e: &Claim, z: &Claim, pe: f64, pz: f64) -> Option<(f64, Verdict)> {
    let v = judge(e, z)?;
    let dpos = (pe - pz).abs();
    let it = items(e, z);
    if !v.explained && !(it == Items::Agree || (v.near && dpos <= NEAR_POS)) {
        return None;
    }
    let mut c = v.cost + W_POS * dpos;
    match it {
        Items::Differ => c += ITEM_DIFFER,
        Items::Agree => c -= ITEM_AGREE,
        Items::Unknown => {}
    }
    if matches!((e.period, z.period), (Some(a), Some(b)) if a != b) {
        c += PERIOD_DIFFER;
    }
    if matches!((e.claim_type, z.claim_type), (Some(a), Some(b)) if a != b) {
        c += TYPE_DIFFER;
    }
    if e.kind != Kind::Date && !e.ref_date.is_empty() && !z.ref_date.is_empty() && e.ref_date != z.ref_date {
        c += REF_DATE_DIFFER;
    }
    if e.kind == Kind::Count && !e.unit.is_empty() && !z.unit.is_empty() && e.unit != z.unit {
        c += COUNTED_DIFFER;
    }
    Some((c.max(0.0), v))
}

/// Relative position of each claim in its (language, section): 0 at the first claim's start,
/// 1 at the last claim's end.
fn positions(claims: &[Claim]) -> Vec<f64> {
    let mut bounds: Vec<((Lang, SectionKind), usize, usize)> = Vec::new();
    for c in claims {
        let key = (c.lang, c.section);
        match bounds.iter_mut().find(|b| b.0 == key) {
            Some(b) => {
                b.1 = b.1.min(c.start);
                b.2 = b.2.max(c.end);
            }
            None => bounds.push((key, c.start, c.end)),
        }
    }
    claims
        .iter()
        .map(|c| {
            let (_, lo, hi) = bounds.iter().find(|b| b.0 == (c.lang, c.section)).copied().unwrap_or((
                (c.lang, c.section),
                c.start,
                c.end,
            ));
            if hi > lo {
                (c.start.saturating_sub(lo)) as f64 / (hi - lo) as f64
            } else {
                0.0
            }
        })
        .collect()
}

/// Claim indexes of one language and section in text order.
fn sequence(claims: &[Claim], lang: Lang, section: SectionKind) -> Vec<usize> {
    let mut v: Vec<usize> = (0..claims.len()).filter(|&i| claims[i].lang == lang && claims[i].section == section).collect();
    v.sort_by_key(|&i| (claims[i].start, claims[i].end, i));
    v
}

/// A pairing decided so far: (en index, zh index, verdict).
type Link = (usize, usize, Verdict);

/// The monotone alignment of two sequences with skip costs (step 1).
fn align(claims: &[Claim], pos: &[f64], en: &[usize], zh: &[usize]) -> Vec<Link> {
    let (n, m) = (en.len(), zh.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let w = m + 1;
    let mut d = vec![0f64; (n + 1) * w];
    // 0: pair, 1: skip the English claim, 2: skip the Chinese claim.
    let mut back = vec![0u8; (n + 1) * w];
    let mut verdicts: Vec<Option<Verdict>> = vec![None; n * m];
    for i in 0..=n {
        d[i * w] = i as f64 * SKIP;
        back[i * w] = 1;
    }
    for j in 0..=m {
        d[j] = j as f64 * SKIP;
        back[j] = 2;
    }
    for i in 1..=n {
        for j in 1..=m {
            let mut best = d[(i - 1) * w + j] + SKIP;
            let mut how = 1;
            if d[i * w + j - 1] + SKIP < best {
                best = d[i * w + j - 1] + SKIP;
                how = 2;
            }
            let (e, z) = (en[i - 1], zh[j - 1]);
            if let Some((c, v)) = pair_cost(&claims[e], &claims[z], pos[e], pos[z]) {
                if d[(i - 1) * w + j - 1] + c < best {
                    best = d[(i - 1) * w + j - 1] + c;
                    how = 0;
                    verdicts[(i - 1) * m + j - 1] = Some(v);
                }
            }
            d[i * w + j] = best;
            back[i * w + j] = how;
        }
    }
    let mut links = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        match back[i * w + j] {
            0 => {
                if let Some(v) = verdicts[(i - 1) * m + j - 1].take() {
                    links.push((en[i - 1], zh[j - 1], v));
                }
                i -= 1;
                j -= 1;
            }
            1 => i -= 1,
            _ => j -= 1,
        }
    }
    links.reverse();
    links
}

/// Pairs leftover claims greedily, cheapest first, where `accept` allows it.
fn pair_leftovers(
    claims: &[Claim],
    pos: &[f64],
    used: &mut [bool],
    links: &mut Vec<Link>,
    en: &[usize],
    zh: &[usize],
    accept: impl Fn(&Claim, &Claim, &Verdict) -> bool,
    max_dpos: impl Fn(usize, usize) -> bool,
) {
    let mut cands: Vec<(f64, usize, usize, Verdict)> = Vec::new();
    for &e in en.iter().filter(|&&e| !used[e]) {
        for &z in zh.iter().filter(|&&z| !used[z]) {
            if !max_dpos(e, z) {
                continue;
            }
            let Some((c, v)) = pair_cost(&claims[e], &claims[z], pos[e], pos[z]) else { continue };
            if v.status == PairStatus::Match && v.note.is_empty() && items(&claims[e], &claims[z]) != Items::Differ && accept(&claims[e], &claims[z], &v) {
                cands.push((c, e, z, v));
            }
        }
    }
    cands.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, e, z, v) in cands {
        if !used[e] && !used[z] {
            used[e] = true;
            used[z] = true;
            links.push((e, z, v));
        }
    }
}

/// Step 2b: two mismatched pairs whose figures match crosswise.
fn uncross(claims: &[Claim], links: &mut [Link]) {
    let mismatched = |l: &Link| l.2.status == PairStatus::ValueMismatch && claims[l.0].kind != Kind::Date;
    for a in 0..links.len() {
        for b in a + 1..links.len() {
            if !mismatched(&links[a]) || !mismatched(&links[b]) || links[a].2.note == "swapped" {
                continue;
            }
            let (ea, za, eb, zb) = (links[a].0, links[a].1, links[b].0, links[b].1);
            if claims[za].section != claims[zb].section {
                continue;
            }
            let (Some(x), Some(y)) = (judge(&claims[ea], &claims[zb]), judge(&claims[eb], &claims[za])) else { continue };
            if x.status != PairStatus::Match || y.status != PairStatus::Match {
                continue;
            }
            let own_items = items(&claims[ea], &claims[za]) == Items::Agree && items(&claims[eb], &claims[zb]) == Items::Agree;
            if own_items && claims[ea].item_code != claims[eb].item_code {
                // The numbers moved between two items: both pairs say so.
                for k in [a, b] {
                    links[k].2.status = PairStatus::ValueMismatch;
                    links[k].2.note = "swapped";
                }
            } else {
                links[a] = (ea, zb, x);
                links[b] = (eb, za, y);
            }
        }
    }
}

/// Pairs the English and Chinese claims of one article.
pub fn reconcile(claims: &[Claim]) -> Vec<Pair> {
    let has = |l: Lang| claims.iter().any(|c| c.lang == l);
    if !has(Lang::En) || !has(Lang::Zh) {
        return Vec::new();
    }
    let pos = positions(claims);
    let mut used = vec![false; claims.len()];
    let mut links: Vec<Link> = Vec::new();
    let sections = [SectionKind::Title, SectionKind::Body];
    for s in sections {
        let (en, zh) = (sequence(claims, Lang::En, s), sequence(claims, Lang::Zh, s));
        for l in align(claims, &pos, &en, &zh) {
            used[l.0] = true;
            used[l.1] = true;
            links.push(l);
        }
    }
    for s in sections {
        let (en, zh) = (sequence(claims, Lang::En, s), sequence(claims, Lang::Zh, s));
        let exact = |e: &Claim, z: &Claim, _: &Verdict| e.kind != Kind::Date || !e.ref_date.is_empty() || z.ref_date.is_empty();
        pair_leftovers(claims, &pos, &mut used, &mut links, &en, &zh, exact, |e, z| (pos[e] - pos[z]).abs() <= RESCUE_POS);
    }
    uncross(claims, &mut links);
    let (en_title, zh_title) = (sequence(claims, Lang::En, SectionKind::Title), sequence(claims, Lang::Zh, SectionKind::Title));
    let (en_body, zh_body) = (sequence(claims, Lang::En, SectionKind::Body), sequence(claims, Lang::Zh, SectionKind::Body));
    let not_date = |e: &Claim, _: &Claim, _: &Verdict| e.kind != Kind::Date;
    pair_leftovers(claims, &pos, &mut used, &mut links, &en_title, &zh_body, not_date, |_, z| pos[z] <= TOP_OF_BODY);
    pair_leftovers(claims, &pos, &mut used, &mut links, &en_body, &zh_title, not_date, |e, _| pos[e] <= TOP_OF_BODY);

    let mut pairs: Vec<Pair> = links
        .into_iter()
        .map(|(e, z, v)| Pair { en: Some(e), zh: Some(z), status: v.status, note: v.note.to_string() })
        .collect();
    for (i, c) in claims.iter().enumerate() {
        if !used[i] {
            let (en, zh, status) = match c.lang {
                Lang::En => (Some(i), None, PairStatus::OnlyEn),
                Lang::Zh => (None, Some(i), PairStatus::OnlyZh),
            };
            pairs.push(Pair { en, zh, status, note: String::new() });
        }
    }
    // Text order: section, then the Chinese position (the English one for only_en).
    let key = |p: &Pair| {
        let anchor = p.zh.or(p.en).unwrap_or(0);
        (claims[anchor].section, pos[anchor], p.zh.is_none(), p.en, p.zh)
    };
    pairs.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then(ka.2.cmp(&kb.2)).then(ka.3.cmp(&kb.3)).then(ka.4.cmp(&kb.4))
    });
    pairs
}
