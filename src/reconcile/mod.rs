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

use std::cell::Cell;

pub use judge::{judge, last_digit_exp, sig_digits, Agreement, Verdict};

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

/// What kind of slip a pair looks like (`note` column of `pairs.csv`); none for a plain match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairNote {
    ScaleX10,
    ScaleX100,
    ScaleX1000,
    ScaleX10000,
    ScaleX100000,
    ScaleX1000000,
    ScaleX10000000,
    ScaleX100000000,
    BeiOffByOne,
    FanAsBei,
    DigitsTransposed,
    Rounding,
    SeveralNarrowed,
    Swapped,
    Value,
    QualifierDropped,
    QualifierAdded,
    QualifierChanged,
    Unit,
    DateUnresolved,
    KindRead,
}

impl PairNote {
    pub const ALL: [PairNote; 21] = [
        PairNote::ScaleX10,
        PairNote::ScaleX100,
        PairNote::ScaleX1000,
        PairNote::ScaleX10000,
        PairNote::ScaleX100000,
        PairNote::ScaleX1000000,
        PairNote::ScaleX10000000,
        PairNote::ScaleX100000000,
        PairNote::BeiOffByOne,
        PairNote::FanAsBei,
        PairNote::DigitsTransposed,
        PairNote::Rounding,
        PairNote::SeveralNarrowed,
        PairNote::Swapped,
        PairNote::Value,
        PairNote::QualifierDropped,
        PairNote::QualifierAdded,
        PairNote::QualifierChanged,
        PairNote::Unit,
        PairNote::DateUnresolved,
        PairNote::KindRead,
    ];

    /// The scale slips by power of ten: `SCALE[k - 1]` is `scale_x10^k`.
    pub const SCALE: [PairNote; 8] = [
        PairNote::ScaleX10,
        PairNote::ScaleX100,
        PairNote::ScaleX1000,
        PairNote::ScaleX10000,
        PairNote::ScaleX100000,
        PairNote::ScaleX1000000,
        PairNote::ScaleX10000000,
        PairNote::ScaleX100000000,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PairNote::ScaleX10 => "scale_x10",
            PairNote::ScaleX100 => "scale_x100",
            PairNote::ScaleX1000 => "scale_x1000",
            PairNote::ScaleX10000 => "scale_x10000",
            PairNote::ScaleX100000 => "scale_x100000",
            PairNote::ScaleX1000000 => "scale_x1000000",
            PairNote::ScaleX10000000 => "scale_x10000000",
            PairNote::ScaleX100000000 => "scale_x100000000",
            PairNote::BeiOffByOne => "bei_off_by_one",
            PairNote::FanAsBei => "fan_as_bei",
            PairNote::DigitsTransposed => "digits_transposed",
            PairNote::Rounding => "rounding",
            PairNote::SeveralNarrowed => "several_narrowed",
            PairNote::Swapped => "swapped",
            PairNote::Value => "value",
            PairNote::QualifierDropped => "qualifier_dropped",
            PairNote::QualifierAdded => "qualifier_added",
            PairNote::QualifierChanged => "qualifier_changed",
            PairNote::Unit => "unit",
            PairNote::DateUnresolved => "date_unresolved",
            PairNote::KindRead => "kind_read",
        }
    }

    pub fn parse(s: &str) -> Option<PairNote> {
        PairNote::ALL.into_iter().find(|n| n.as_str() == s)
    }

    /// What the note means, for the codebook.
    pub fn doc(self) -> &'static str {
        match self {
            PairNote::ScaleX10 => "the English is the Chinese times or divided by 10 (万 read as thousand)",
            PairNote::ScaleX100 => "the English is the Chinese times or divided by 100 (亿 read as million)",
            PairNote::ScaleX1000 => "the English is the Chinese times or divided by 1000",
            PairNote::ScaleX10000 => "the English is the Chinese times or divided by 10000 (万 dropped)",
            PairNote::ScaleX100000 => "the English is the Chinese times or divided by 100000",
            PairNote::ScaleX1000000 => "the English is the Chinese times or divided by 1000000",
            PairNote::ScaleX10000000 => "the English is the Chinese times or divided by 10000000",
            PairNote::ScaleX100000000 => "the English is the Chinese times or divided by 100000000 (亿 dropped)",
            PairNote::BeiOffByOne => "a multiple one off: 增加N倍 (x N or x N+1) read the other way",
            PairNote::FanAsBei => "番 (doublings) read as 倍 (-fold): 翻两番 rendered \"twofold\"",
            PairNote::DigitsTransposed => "two digits exchanged (2513 -> 2153)",
            PairNote::Rounding => "within one unit of the English last digit, but not its correct rounding",
            PairNote::SeveralNarrowed => "a vague amount rendered narrower (成千上万 as \"thousands\")",
            PairNote::Swapped => "the numbers of two figures exchanged between their items",
            PairNote::Value => "the numbers differ by no known pattern",
            PairNote::QualifierDropped => "the English states exactly what the Chinese qualifies",
            PairNote::QualifierAdded => "the English qualifies an exact Chinese number",
            PairNote::QualifierChanged => "another qualifier (more than for about, ...)",
            PairNote::Unit => "the same number in another unit (% for percentage points, 斤 as kg)",
            PairNote::DateUnresolved => "on a match of dates: one side's date could not be resolved",
            PairNote::KindRead => "on a match: the same number of jin printed on both sides, read as a yield per mu on one and a mass on the other (no translation slip; the tool's reading of one side is wrong)",
        }
    }
}

/// One row of `pairs.csv`: indexes into the article's claim list.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub en: Option<usize>,
    pub zh: Option<usize>,
    pub status: PairStatus,
    pub note: Option<PairNote>,
}

impl Pair {
    /// The `note` column: the note's name, or empty.
    pub fn note_str(&self) -> &'static str {
        self.note.map_or("", PairNote::as_str)
    }
}

/// Cost of leaving a claim unpaired.
pub const SKIP: f64 = 1.0;
/// Cost per unit of relative-position distance (positions run 0..1 across a section).
const W_POS: f64 = 1.0;
/// An unexplained disagreement pairs only this close (relative positions) unless items agree.
const NEAR_POS: f64 = 0.15;
const ITEM_DIFFER: f64 = 1.0;
const ITEM_AGREE: f64 = 0.1;
const PERIOD_DIFFER: f64 = 0.3;
const TYPE_DIFFER: f64 = 0.2;
const REF_DATE_DIFFER: f64 = 0.3;
const COUNTED_DIFFER: f64 = 0.4;
/// Two dates of one value written in different forms (1958 and 今年, "this year" and 1958年):
/// among counterparts of equal value, the one written alike is the translation.
const DATE_FORM_DIFFER: f64 = 0.3;
/// A leftover claim replaces a partner (step 2c) only when this much cheaper.
const IMPROVE_MARGIN: f64 = 0.1;
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
fn pair_cost(j: &Judged, e: usize, z: usize, pos: &[f64]) -> Option<(f64, Verdict)> {
    let v = j.judge(e, z)?;
    let (pe, pz) = (pos[e], pos[z]);
    let (e, z) = (&j.claims[e], &j.claims[z]);
    let dpos = (pe - pz).abs();
    let it = items(e, z);
    if !(v.explained || it == Items::Agree || (v.near && dpos <= NEAR_POS)) {
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
    if e.kind != Kind::Date && e.ref_date.is_some() && z.ref_date.is_some() && e.ref_date != z.ref_date {
        c += REF_DATE_DIFFER;
    }
    if e.kind == Kind::Count && !e.unit.is_empty() && !z.unit.is_empty() && e.unit != z.unit && known_class(&e.unit) {
        c += COUNTED_DIFFER;
    }
    if e.kind == Kind::Date && written_with_numeral(&e.surface) != written_with_numeral(&z.surface) {
        c += DATE_FORM_DIFFER;
    }
    Some((c.max(0.0), v))
}

/// Whether a count's unit is a class of the lexicons (person, furnace, ...), not an English
/// noun kept as printed ("22 goals": goal, issue 16), which says nothing against the Chinese
/// side's class.
fn known_class(unit: &str) -> bool {
    use crate::lexicon::{CounterRow, NounRow, COUNTERS_ZH, NOUNS_EN, NOUNS_ZH};
    static CLASSES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<String> = NOUNS_EN.rows::<NounRow>().into_iter().map(|(_, r)| r.class).collect();
        v.extend(NOUNS_ZH.rows::<NounRow>().into_iter().map(|(_, r)| r.class));
        v.extend(COUNTERS_ZH.rows::<CounterRow>().into_iter().map(|(_, r)| r.class));
        v.push("unit".into());
        v.sort();
        v.dedup();
        v
    });
    CLASSES.binary_search_by(|c| c.as_str().cmp(unit)).is_ok()
}

/// Whether a date is written with a numeral (1958年, 10月, September 30) rather than a word
/// alone (今年, 去年, "this year", "last year").
fn written_with_numeral(surface: &str) -> bool {
    surface.chars().any(|c| c.is_ascii_digit() || c.is_numeric() || "〇○一二三四五六七八九十廿卅".contains(c))
}

/// The verdicts of one article's English-Chinese pairs, each pair judged once: the alignment,
/// the anchors and the later steps ask for the same pairs again and again (issue 8).
struct Judged<'a> {
    claims: &'a [Claim],
    /// Per claim: its rank among the claims of its language.
    rank: Vec<usize>,
    n_zh: usize,
    /// Per (English rank, Chinese rank): the verdict once judged; empty when the article has
    /// too many pairs to keep (then each is judged when asked for).
    memo: Vec<Cell<Option<Option<Verdict>>>>,
}

/// Most pairs of an article whose verdicts are kept (about 40 MB).
const MEMO_PAIRS: usize = 1 << 20;

impl<'a> Judged<'a> {
    fn new(claims: &'a [Claim]) -> Self {
        let (mut n_en, mut n_zh) = (0usize, 0usize);
        let rank = claims
            .iter()
            .map(|c| {
                let n = if c.lang == Lang::En { &mut n_en } else { &mut n_zh };
                *n += 1;
                *n - 1
            })
            .collect();
        let memo = match n_en.checked_mul(n_zh) {
            Some(n) if n <= MEMO_PAIRS => vec![Cell::new(None); n],
            _ => Vec::new(),
        };
        Judged { claims, rank, n_zh, memo }
    }

    /// [`judge`] of the English claim `e` against the Chinese claim `z` (indexes).
    fn judge(&self, e: usize, z: usize) -> Option<Verdict> {
        let (ce, cz) = (&self.claims[e], &self.claims[z]);
        let cell = (ce.lang == Lang::En && cz.lang == Lang::Zh)
            .then(|| self.memo.get(self.rank[e] * self.n_zh + self.rank[z]))
            .flatten();
        match cell {
            Some(cell) => *cell.get().get_or_insert_with(|| {
                let v = judge(ce, cz);
                cell.set(Some(v));
                v
            }),
            None => judge(ce, cz),
        }
    }
}

/// Position of each claim on one scale, 0..1 across the Chinese figures (first to last).
/// English offsets are carried onto the Chinese scale through anchors: figures that agree
/// exactly and occur once on each side (in text order on both), interpolated linearly between
/// neighbouring anchors and extrapolated with the ratio of the two languages' extents. So a
/// figure the translator left out moves no other position, and a repeated figure (four
/// "10.7 million tons") is placed by the unique figures around it.
fn positions(j: &Judged) -> Vec<f64> {
    let claims = j.claims;
    let extent = |lang: Lang| {
        let of = || claims.iter().filter(move |c| c.lang == lang);
        (of().map(|c| c.start).min().unwrap_or(0) as f64, of().map(|c| c.end).max().unwrap_or(0) as f64)
    };
    let (en, zh) = (extent(Lang::En), extent(Lang::Zh));
    let zh_len = (zh.1 - zh.0).max(1.0);
    let ratio = if en.1 > en.0 { zh_len / (en.1 - en.0) } else { 1.0 };
    let anchors = anchors(j);
    let map = |x: f64| -> f64 {
        let k = anchors.partition_point(|a| a.0 <= x);
        match (k.checked_sub(1).map(|i| anchors[i]), anchors.get(k).copied()) {
            (Some(a), Some(b)) if b.0 > a.0 => a.1 + (x - a.0) * (b.1 - a.1) / (b.0 - a.0),
            (Some(a), _) => a.1 + (x - a.0) * ratio,
            (None, Some(b)) => b.1 - (b.0 - x) * ratio,
            (None, None) => zh.0 + (x - en.0) * ratio,
        }
    };
    claims
        .iter()
        .map(|c| {
            let x = c.start as f64;
            let on_zh = if c.lang == Lang::En { map(x) } else { x };
            (on_zh - zh.0) / zh_len
        })
        .collect()
}

/// (English offset, Chinese offset) of the figures that agree exactly and occur once on each
/// side, kept in text order on both (the longest chain increasing in both offsets).
fn anchors(j: &Judged) -> Vec<(f64, f64)> {
    let claims = j.claims;
    let en: Vec<usize> = (0..claims.len()).filter(|&i| claims[i].lang == Lang::En).collect();
    let zh: Vec<usize> = (0..claims.len()).filter(|&i| claims[i].lang == Lang::Zh).collect();
    let agree = |e: usize, z: usize| {
        let (ce, cz) = (&claims[e], &claims[z]);
        ce.section == cz.section
            && items(ce, cz) != Items::Differ
            && ce.unit == cz.unit
            && j.judge(e, z).is_some_and(|v| v.status == PairStatus::Match && v.note.is_none())
    };
    let mut cands: Vec<(usize, usize)> = Vec::new();
    for &e in &en {
        let mut hits = zh.iter().copied().filter(|&z| agree(e, z));
        if let (Some(z), None) = (hits.next(), hits.next()) {
            if en.iter().filter(|&&e2| agree(e2, z)).count() == 1 {
                cands.push((claims[e].start, claims[z].start));
            }
        }
    }
    cands.sort_unstable();
    // Longest chain increasing in the Chinese offset (patience sorting with back links).
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; cands.len()];
    for i in 0..cands.len() {
        let k = tails.partition_point(|&t| cands[t].1 < cands[i].1);
        prev[i] = k.checked_sub(1).map(|j| tails[j]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut chain = Vec::new();
    let mut at = tails.last().copied();
    while let Some(i) = at {
        chain.push((cands[i].0 as f64, cands[i].1 as f64));
        at = prev[i];
    }
    chain.reverse();
    chain
}

/// Claim indexes of one language and section in text order.
fn sequence(claims: &[Claim], lang: Lang, section: SectionKind) -> Vec<usize> {
    let mut v: Vec<usize> =
        (0..claims.len()).filter(|&i| claims[i].lang == lang && claims[i].section == section).collect();
    v.sort_by_key(|&i| (claims[i].start, claims[i].end, i));
    v
}

/// A pairing decided so far: (en index, zh index, verdict).
type Link = (usize, usize, Verdict);

/// The monotone alignment of two sequences with skip costs (step 1).
fn align(judged: &Judged, pos: &[f64], en: &[usize], zh: &[usize]) -> Vec<Link> {
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
            if let Some((c, v)) = pair_cost(judged, e, z, pos) {
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
    j: &Judged,
    pos: &[f64],
    used: &mut [bool],
    links: &mut Vec<Link>,
    en: &[usize],
    zh: &[usize],
    accept: impl Fn(usize, usize, &Verdict) -> bool,
) {
    let mut cands: Vec<(f64, usize, usize, Verdict)> = Vec::new();
    for &e in en.iter().filter(|&&e| !used[e]) {
        for &z in zh.iter().filter(|&&z| !used[z]) {
            let Some((c, v)) = pair_cost(j, e, z, pos) else { continue };
            // Item codes from attribution are noisy (iron sand coded iron in one language,
            // iron_ore in the other): an exact agreement close by pairs all the same.
            let exact_near = v.status == PairStatus::Match && v.note.is_none() && (pos[e] - pos[z]).abs() <= NEAR_POS;
            if (items(&j.claims[e], &j.claims[z]) != Items::Differ || exact_near) && accept(e, z, &v) {
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
fn uncross(j: &Judged, pos: &[f64], links: &mut [Link]) {
    let claims = j.claims;
    let mismatched = |l: &Link| l.2.status == PairStatus::ValueMismatch;
    for a in 0..links.len() {
        for b in a + 1..links.len() {
            if !mismatched(&links[a]) || !mismatched(&links[b]) || links[a].2.note == Some(PairNote::Swapped) {
                continue;
            }
            let (ea, za, eb, zb) = (links[a].0, links[a].1, links[b].0, links[b].1);
            if claims[za].section != claims[zb].section {
                continue;
            }
            let (Some((cx, x)), Some((cy, y))) = (pair_cost(j, ea, zb, pos), pair_cost(j, eb, za, pos)) else {
                continue;
            };
            if x.status != PairStatus::Match || y.status != PairStatus::Match || x.note.is_some() || y.note.is_some() {
                continue;
            }
            let in_order = |l: &Link| pair_cost(j, l.0, l.1, pos).map_or(f64::INFINITY, |p| p.0);
            if cx + cy >= in_order(&links[a]) + in_order(&links[b]) + SKIP {
                // Crosswise agreement that context speaks against (other counted things,
                // other periods): the in-order pairs stand.
                continue;
            }
            let own_items =
                items(&claims[ea], &claims[za]) == Items::Agree && items(&claims[eb], &claims[zb]) == Items::Agree;
            if own_items && claims[ea].item_code != claims[eb].item_code && claims[ea].kind != Kind::Date {
                // The numbers moved between two items: both pairs say so.
                for k in [a, b] {
                    links[k].2.status = PairStatus::ValueMismatch;
                    links[k].2.note = Some(PairNote::Swapped);
                }
            } else {
                links[a] = (ea, zb, x);
                links[b] = (eb, za, y);
            }
        }
    }
}

/// Step 2c: a pair whose claim agrees as well, and stands closer, with a claim left over
/// takes that one instead (the monotone alignment had to skip it because of a crossing):
/// "September 30" pairs with 9月30日 rather than a later 9月底 of the same date.
fn improve(j: &Judged, pos: &[f64], used: &mut [bool], links: &mut [Link]) {
    let claims = j.claims;
    let cost = |e: usize, z: usize| pair_cost(j, e, z, pos);
    for l in links.iter_mut() {
        let (e, z) = (l.0, l.1);
        let Some((now, _)) = cost(e, z) else { continue };
        let mut best: Option<(f64, usize, usize, Verdict)> = None;
        for o in 0..claims.len() {
            if used[o] || claims[o].section != claims[z].section {
                continue;
            }
            let candidate = match claims[o].lang {
                Lang::Zh => cost(e, o).map(|(c, v)| (c, e, o, v)),
                Lang::En => cost(o, z).map(|(c, v)| (c, o, z, v)),
            };
            if let Some((c, ce, cz, v)) = candidate {
                let same_verdict = v.status == l.2.status && v.note == l.2.note;
                if same_verdict && c + IMPROVE_MARGIN < now && best.as_ref().is_none_or(|b| c < b.0) {
                    best = Some((c, ce, cz, v));
                }
            }
        }
        if let Some((_, ce, cz, v)) = best {
            used[e] = false;
            used[z] = false;
            used[ce] = true;
            used[cz] = true;
            *l = (ce, cz, v);
        }
    }
}

/// Pairs the English and Chinese claims of one article.
pub fn reconcile(claims: &[Claim]) -> Vec<Pair> {
    let has = |l: Lang| claims.iter().any(|c| c.lang == l);
    if !has(Lang::En) || !has(Lang::Zh) {
        return Vec::new();
    }
    let j = &Judged::new(claims);
    let pos = positions(j);
    let pos = &pos[..];
    let mut used = vec![false; claims.len()];
    let mut links: Vec<Link> = Vec::new();
    let sections = [SectionKind::Title, SectionKind::Body];
    for s in sections {
        let (en, zh) = (sequence(claims, Lang::En, s), sequence(claims, Lang::Zh, s));
        // One alignment per kind: only claims of one kind pair, and the two languages order
        // different kinds differently (10月份…一百八十七万吨 / 1.87 million tons … in October).
        for kind in Kind::ALL {
            let of_kind = |v: &[usize]| v.iter().copied().filter(|&i| claims[i].kind == kind).collect::<Vec<_>>();
            for l in align(j, pos, &of_kind(&en), &of_kind(&zh)) {
                used[l.0] = true;
                used[l.1] = true;
                links.push(l);
            }
        }
    }
    for s in sections {
        let (en, zh) = (sequence(claims, Lang::En, s), sequence(claims, Lang::Zh, s));
        let resolved = |e: usize, z: usize, v: &Verdict| {
            let (ce, cz) = (&claims[e], &claims[z]);
            (pos[e] - pos[z]).abs() <= RESCUE_POS
                && v.status == PairStatus::Match
                && v.note.is_none()
                && (ce.kind != Kind::Date || ce.ref_date.is_some() || cz.ref_date.is_none())
        };
        pair_leftovers(j, pos, &mut used, &mut links, &en, &zh, resolved);
        // Then a slip in a reordered clause: an explained disagreement close by (or one number
        // of jin read as a yield on one side and a mass on the other: no alignment pairs kinds).
        let slip = |e: usize, z: usize, v: &Verdict| {
            (pos[e] - pos[z]).abs() <= NEAR_POS
                && v.explained
                && (v.status != PairStatus::Match || claims[e].kind != claims[z].kind)
        };
        pair_leftovers(j, pos, &mut used, &mut links, &en, &zh, slip);
    }
    uncross(j, pos, &mut links);
    improve(j, pos, &mut used, &mut links);
    let (en_title, zh_title) =
        (sequence(claims, Lang::En, SectionKind::Title), sequence(claims, Lang::Zh, SectionKind::Title));
    let (en_body, zh_body) =
        (sequence(claims, Lang::En, SectionKind::Body), sequence(claims, Lang::Zh, SectionKind::Body));
    let exact =
        |e: usize, v: &Verdict| claims[e].kind != Kind::Date && v.status == PairStatus::Match && v.note.is_none();
    pair_leftovers(j, pos, &mut used, &mut links, &en_title, &zh_body, |e, z, v| exact(e, v) && pos[z] <= TOP_OF_BODY);
    pair_leftovers(j, pos, &mut used, &mut links, &en_body, &zh_title, |e, _, v| exact(e, v) && pos[e] <= TOP_OF_BODY);

    let mut pairs: Vec<Pair> =
        links.into_iter().map(|(e, z, v)| Pair { en: Some(e), zh: Some(z), status: v.status, note: v.note }).collect();
    for (i, c) in claims.iter().enumerate() {
        if !used[i] {
            let (en, zh, status) = match c.lang {
                Lang::En => (Some(i), None, PairStatus::OnlyEn),
                Lang::Zh => (None, Some(i), PairStatus::OnlyZh),
            };
            pairs.push(Pair { en, zh, status, note: None });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Qualifier;

    /// A claim at `start` with one number (or a resolved date when `kind` is Date).
    fn c(lang: Lang, section: SectionKind, start: usize, surface: &str, kind: Kind, v: f64, unit: &str) -> Claim {
        let mut c = Claim::new(lang, section, start, start + surface.chars().count(), surface, kind);
        if kind == Kind::Date {
            c.ref_date = chrono::NaiveDate::from_ymd_opt(1958, 10, v as u32).map(crate::dates::RefDate::Day);
        } else {
            (c.value, c.low, c.high, c.unit) = (Some(v), Some(v), Some(v), unit.to_string());
        }
        c
    }
    use Kind::{Count, Date, Mass};
    use Lang::{En, Zh};
    use SectionKind::{Body, Title};

    fn links(claims: &[Claim]) -> Vec<(Option<&str>, Option<&str>, &'static str, String)> {
        reconcile(claims)
            .into_iter()
            .map(|p| {
                (
                    p.en.map(|i| claims[i].surface.as_str()),
                    p.zh.map(|i| claims[i].surface.as_str()),
                    p.status.as_str(),
                    p.note_str().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn one_language_gives_no_pairs() {
        let claims = vec![c(Zh, Body, 10, "一万五千吨", Mass, 15000.0, "t")];
        assert!(reconcile(&claims).is_empty());
    }

    #[test]
    fn title_pairs_with_title_and_repeats_pair_in_order() {
        // 涟源一天产煤一万五千吨 / Lianyuan Produces 15,000 Tons of Coal Per Day; the body
        // repeats the figure, and 当日 has no English counterpart.
        let claims = vec![
            c(En, Title, 20, "15,000 Tons", Mass, 15000.0, "t"),
            c(En, Body, 100, "12th", Date, 12.0, ""),
            c(En, Body, 140, "the 10th", Date, 10.0, ""),
            c(En, Body, 170, "15,000 tons", Mass, 15000.0, "t"),
            c(En, Body, 260, "40,000 tons", Mass, 40000.0, "t"),
            c(Zh, Title, 1000, "一万五千吨", Mass, 15000.0, "t"),
            c(Zh, Body, 1050, "12日", Date, 12.0, ""),
            c(Zh, Body, 1070, "10日", Date, 10.0, ""),
            c(Zh, Body, 1080, "一万五千吨", Mass, 15000.0, "t"),
            c(Zh, Body, 1090, "当日", Date, 10.0, ""),
            c(Zh, Body, 1130, "四万吨", Mass, 40000.0, "t"),
        ];
        let got = links(&claims);
        assert_eq!(got[0], (Some("15,000 Tons"), Some("一万五千吨"), "match", String::new()));
        assert!(got.contains(&(Some("15,000 tons"), Some("一万五千吨"), "match", String::new())));
        assert!(got.contains(&(Some("the 10th"), Some("10日"), "match", String::new())));
        assert!(got.contains(&(None, Some("当日"), "only_zh", String::new())));
        assert_eq!(got.len(), 6);
    }

    /// Two figures that frame an article of realistic length (anchors for positions).
    fn framed(mut middle: Vec<Claim>) -> Vec<Claim> {
        middle.push(c(En, Body, 100, "12th", Date, 12.0, ""));
        middle.push(c(En, Body, 2000, "the 20th", Date, 20.0, ""));
        middle.push(c(Zh, Body, 2200, "12日", Date, 12.0, ""));
        middle.push(c(Zh, Body, 3800, "20日", Date, 20.0, ""));
        middle
    }

    #[test]
    fn a_slip_keeps_its_partner_and_a_reordering_is_no_slip() {
        // 钢二千五百一十三吨……土炉七百五十二座 with the English reordered and one figure slipped.
        let claims = framed(vec![
            c(En, Body, 1000, "752", Count, 752.0, "furnace"),
            c(En, Body, 1040, "251.3 tons", Mass, 251.3, "t"),
            c(Zh, Body, 3000, "二千五百一十三吨", Mass, 2513.0, "t"),
            c(Zh, Body, 3030, "七百五十二座", Count, 752.0, "furnace"),
        ]);
        let got = links(&claims);
        assert!(
            got.contains(&(Some("251.3 tons"), Some("二千五百一十三吨"), "value_mismatch", "scale_x10".into())),
            "{got:?}"
        );
        assert!(got.contains(&(Some("752"), Some("七百五十二座"), "match", String::new())), "{got:?}");
    }

    #[test]
    fn swapped_items_are_named_when_item_codes_say_so() {
        // 钢一千吨，铁五千吨 rendered "5,000 tons of steel and 1,000 tons of iron": swapped.
        let mut claims = framed(vec![
            c(En, Body, 1000, "5,000 tons", Mass, 5000.0, "t"),
            c(En, Body, 1040, "1,000 tons", Mass, 1000.0, "t"),
            c(Zh, Body, 3000, "一千吨", Mass, 1000.0, "t"),
            c(Zh, Body, 3020, "五千吨", Mass, 5000.0, "t"),
        ]);
        for (i, code) in ["steel", "pig_iron", "steel", "pig_iron"].iter().enumerate() {
            claims[i].item_code = code.to_string();
        }
        let got = links(&claims);
        let masses: Vec<_> = got.iter().filter(|p| p.0.is_some_and(|s| s.contains("tons"))).collect();
        assert!(masses.len() == 2 && masses.iter().all(|p| p.2 == "value_mismatch" && p.3 == "swapped"), "{got:?}");
        // Without item codes the same figures read as a reordering.
        for cl in &mut claims {
            cl.item_code.clear();
        }
        let got = links(&claims);
        assert!(got.iter().all(|p| p.2 == "match"), "{got:?}");
    }

    #[test]
    fn qualifier_dropped_in_translation() {
        let mut zh = c(Zh, Body, 500, "二万一千一百多吨", Mass, 21100.0, "t");
        (zh.qualifier, zh.high) = (Qualifier::MoreThan, Some(21200.0));
        let claims = vec![c(En, Body, 10, "21,100 tons", Mass, 21100.0, "t"), zh];
        assert_eq!(
            links(&claims),
            vec![(
                Some("21,100 tons"),
                Some("二万一千一百多吨"),
                "qualifier_mismatch",
                "qualifier_dropped".to_string()
            )]
        );
    }

    #[test]
    fn deterministic_and_total() {
        let claims = vec![
            c(En, Body, 10, "10.7 million tons", Mass, 10700000.0, "t"),
            c(En, Body, 90, "10.7 million tons", Mass, 10700000.0, "t"),
            c(Zh, Body, 500, "一千零七十万吨", Mass, 10700000.0, "t"),
            c(Zh, Body, 540, "一千零七十万吨", Mass, 10700000.0, "t"),
            c(Zh, Body, 580, "一千零七十万吨", Mass, 10700000.0, "t"),
        ];
        let a = reconcile(&claims);
        assert_eq!(a, reconcile(&claims));
        let mut seen = vec![0; claims.len()];
        for p in &a {
            for i in [p.en, p.zh].into_iter().flatten() {
                seen[i] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n == 1));
        assert_eq!(a.iter().filter(|p| p.status == PairStatus::Match).count(), 2);
    }
}
