//! The figures table and what rests on it: figure rows per article, duplicate articles
//! resolved across the run, and the series of one quantity across articles.
//!
//! Input: the processed articles (their [`crate::figures::Figures`] and duplicate keys) and, for
//! series, the figures frame. Output: `figures` rows; the patches that point a duplicate
//! article's claims, pairs and figures at the first input's figures ([`Duplicates`]); the
//! `series` frame. Invariant: everything is decided in article-id order, so the result does not
//! depend on which worker laid out which part.

use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;

use super::schema::{self, SERIES_STATUSES};
use super::{write_claim_id, write_ref_date, FrameBuilder};
use crate::article::{Format, Lang};
use crate::claim::{Claim, Kind};
use crate::pipeline::ArticleResult;
use crate::reconcile::{last_digit_exp, sig_digits, Pair, PairStatus};
use crate::text::{FxHasher, HashMap};

/// Writes a figure's id, `{article_id}#f{start}` of its representative mention, into `buf`.
pub(super) fn write_figure_id(buf: &mut String, article_id: &str, rep: &Claim) {
    crate::figures::write_id(buf, article_id, rep.start);
}

/// For each claim, the pair row it is a side of.
pub(super) fn pair_of_claims(r: &ArticleResult) -> Vec<Option<usize>> {
    let mut of = vec![None; r.claims.len()];
    for (k, p) in r.pairs.iter().enumerate() {
        for i in [p.en, p.zh].into_iter().flatten() {
            of[i] = Some(k);
        }
    }
    of
}

/// The pair that speaks for a figure: the representative's when it has both sides, else the
/// first pair with both sides among its mentions (claims-table order), else the
/// representative's own (only_zh / only_en).
fn figure_pairs<'a>(r: &'a ArticleResult, pair_of: &[Option<usize>]) -> Vec<Option<&'a Pair>> {
    let f = &r.figures;
    let both = |p: &Pair| p.en.is_some() && p.zh.is_some();
    let mut out: Vec<Option<&Pair>> = f.list.iter().map(|x| pair_of[x.rep].map(|k| &r.pairs[k])).collect();
    let mut order: Vec<usize> = (0..r.claims.len()).collect();
    order.sort_by_key(|&i| (r.claims[i].lang.as_str(), r.claims[i].start, r.claims[i].end));
    for i in order {
        let g = f.of_claim[i];
        if out[g].is_some_and(both) {
            continue;
        }
        if let Some(p) = pair_of[i].map(|k| &r.pairs[k]).filter(|p| both(p)) {
            out[g] = Some(p);
        }
    }
    out
}

/// The `en_coverage` cell: for a bilingual article, the share of its Chinese figures (dates
/// excluded) that have an English mention, to four decimals; none otherwise.
pub(super) fn en_coverage(r: &ArticleResult) -> Option<f64> {
    if r.article.format != Format::Bilingual {
        return None;
    }
    let zh: Vec<_> =
        r.figures.list.iter().filter(|f| f.first_zh.is_some() && r.claims[f.rep].kind != Kind::Date).collect();
    if zh.is_empty() {
        return None;
    }
    let covered = zh.iter().filter(|f| f.first_en.is_some()).count();
    Some((covered as f64 / zh.len() as f64 * 10_000.0).round() / 10_000.0)
}

/// The `figures` rows of one article, in figure order.
pub(super) fn push_rows(b: &mut FrameBuilder, r: &ArticleResult, pair_of: &[Option<usize>]) {
    let a = &r.article;
    let (mut id, mut zid, mut eid, mut date, mut note) =
        (String::new(), String::new(), String::new(), String::new(), String::new());
    let pairs = figure_pairs(r, pair_of);
    for (f, pair) in r.figures.list.iter().zip(pairs) {
        let c = &r.claims[f.rep];
        write_figure_id(&mut id, &a.id, c);
        b.s(&id).s(&a.id).d(a.date).s(c.kind.as_str()).f(c.value).f(c.low).f(c.high).s(&c.unit);
        b.s(c.qualifier.as_str()).s(&c.item_code).s(&c.per).s(c.period.map_or("", |p| p.as_str()));
        b.s(c.claim_type.map_or("", |t| t.as_str())).s(write_ref_date(&mut date, c));
        b.s(&c.country).s(&c.province).s(&c.place_code).s(&c.works);
        let zh = f.first_zh.map(|i| &r.claims[i]);
        let en = f.first_en.map(|i| &r.claims[i]);
        zid.clear();
        eid.clear();
        if let Some(z) = zh {
            write_claim_id(&mut zid, &a.id, z);
        }
        if let Some(e) = en {
            write_claim_id(&mut eid, &a.id, e);
        }
        b.s(zh.map_or("", |z| z.surface.as_str())).s(en.map_or("", |e| e.surface.as_str())).s(&zid).s(&eid);
        b.i(Some(f.mentions as i64));
        let status = pair.map_or(if zh.is_some() { PairStatus::OnlyZh } else { PairStatus::OnlyEn }, |p| p.status);
        b.s(status.as_str());
        note.clear();
        note.push_str(&c.note());
        if let Some(n) = pair.and_then(|p| p.note) {
            if !note.is_empty() {
                note.push(';');
            }
            note.push_str(n.as_str());
        }
        b.s(&note);
        b.end_row();
    }
}

/// What resolving duplicates needs of one article: no text, a few numbers per claim.
pub struct ArticleKey {
    id: String,
    key: Option<(u64, usize)>,
    /// The Chinese claims in offset order: (hash of the surface, figure index).
    zh: Vec<(u64, usize)>,
    /// Per figure: the offset its id is made of, whether it has a Chinese mention, its mentions.
    figures: Vec<(usize, bool, usize)>,
}

impl ArticleKey {
    pub(super) fn of(r: &ArticleResult) -> ArticleKey {
        let mut zh: Vec<(usize, u64, usize)> = r
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.lang == Lang::Zh)
            .map(|(i, c)| (c.start, surface_hash(&c.surface), r.figures.of_claim[i]))
            .collect();
        zh.sort_unstable();
        ArticleKey {
            id: r.article.id.clone(),
            key: r.zh_key,
            zh: zh.into_iter().map(|(_, h, f)| (h, f)).collect(),
            figures: r.figures.list.iter().map(|f| (r.claims[f.rep].start, f.first_zh.is_some(), f.mentions)).collect(),
        }
    }

    fn figure_id(&self, f: usize) -> String {
        crate::figures::id(&self.id, self.figures[f].0)
    }
}

fn surface_hash(s: &str) -> u64 {
    use std::hash::Hasher as _;
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// The duplicates of a run: which article repeats which, and where its figures go.
#[derive(Debug, Default)]
pub struct Duplicates {
    /// Duplicate article id -> the first input holding the same article.
    pub(crate) of_article: HashMap<String, String>,
    /// A duplicate's figure id -> the first input's figure id.
    pub(crate) figure: HashMap<String, String>,
    /// The first input's figure id -> mentions the duplicates add.
    pub(crate) more_mentions: HashMap<String, usize>,
}

/// Finds the articles that repeat an earlier one (same Chinese text key, in article-id order)
/// and maps each of their figures with a Chinese mention to the earlier article's figure of the
/// same mention (the k-th Chinese claim to the k-th, when both list the same surfaces; else by
/// surface and occurrence). Figures stated only in the duplicate's English stay its own.
pub fn duplicates(keys: &[ArticleKey]) -> Duplicates {
    let mut first: HashMap<(u64, usize), usize> = HashMap::default();
    let mut d = Duplicates::default();
    for (k, a) in keys.iter().enumerate() {
        let Some(key) = a.key else { continue };
        let Some(&o) = first.get(&key) else {
            first.insert(key, k);
            continue;
        };
        let orig = &keys[o];
        d.of_article.insert(a.id.clone(), orig.id.clone());
        let aligned = align(&a.zh, &orig.zh);
        // Each figure of the duplicate by its first Chinese mention.
        let mut done = vec![false; a.figures.len()];
        for (pos, &(_, f)) in a.zh.iter().enumerate() {
            if done[f] {
                continue;
            }
            done[f] = true;
            let Some(op) = aligned[pos] else { continue };
            let to = orig.figure_id(orig.zh[op].1);
            *d.more_mentions.entry(to.clone()).or_default() += a.figures[f].2;
            d.figure.insert(a.figure_id(f), to);
        }
    }
    d
}

/// For each Chinese claim of `a`, the position of the same claim in `o`: by position where the
/// two list the same surfaces, else the same surface's same occurrence.
fn align(a: &[(u64, usize)], o: &[(u64, usize)]) -> Vec<Option<usize>> {
    if a.len() == o.len() && a.iter().zip(o).all(|(x, y)| x.0 == y.0) {
        return (0..a.len()).map(Some).collect();
    }
    let mut where_o: HashMap<(u64, usize), usize> = HashMap::default();
    let mut seen: HashMap<u64, usize> = HashMap::default();
    for (p, &(h, _)) in o.iter().enumerate() {
        let n = seen.entry(h).or_default();
        where_o.insert((h, *n), p);
        *n += 1;
    }
    seen.clear();
    a.iter()
        .map(|&(h, _)| {
            let n = seen.entry(h).or_default();
            let p = where_o.get(&(h, *n)).copied();
            *n += 1;
            p
        })
        .collect()
}

/// Rewrites a text column through `f` (None: keep the cell).
pub(super) fn map_text(df: &mut DataFrame, name: &str, f: impl Fn(&str) -> Option<String>) -> Result<()> {
    let col = df.column(name)?.str()?;
    let mut out = StringChunkedBuilder::new(name.into(), col.len());
    for v in col.iter() {
        match v {
            Some(v) => match f(v) {
                Some(n) => out.append_value(&n),
                None => out.append_value(v),
            },
            None => out.append_null(),
        }
    }
    df.with_column(out.finish().into_column())?;
    Ok(())
}

/// Applies the duplicates to the tables: claims and pairs point at the first input's figures,
/// articles say which article they repeat, the figures table loses the duplicates' rows and its
/// first inputs' rows count their mentions.
pub(super) fn apply(d: &Duplicates, t: &mut super::Tables) -> Result<()> {
    if d.of_article.is_empty() {
        return Ok(());
    }
    let fig = |v: &str| d.figure.get(v).cloned();
    map_text(&mut t.claims, "figure_id", fig)?;
    map_text(&mut t.pairs, "figure_id", fig)?;
    // duplicate_of from article_id.
    let ids = t.articles.column("article_id")?.str()?.clone();
    let dup: StringChunked = ids.iter().map(|id| id.and_then(|id| d.of_article.get(id)).map(String::as_str)).collect();
    t.articles.with_column(dup.with_name("duplicate_of".into()).into_column())?;
    let keep: BooleanChunked = t
        .figures
        .column("figure_id")?
        .str()?
        .iter()
        .map(|v| Some(v.is_none_or(|v| !d.figure.contains_key(v))))
        .collect();
    t.figures = t.figures.filter(&keep)?;
    let ids = t.figures.column("figure_id")?.str()?.clone();
    let mentions = t.figures.column("mentions")?.i64()?.clone();
    let added: Int64Chunked = ids
        .iter()
        .zip(mentions.iter())
        .map(|(id, m)| Some(m.unwrap_or(0) + id.and_then(|id| d.more_mentions.get(id)).copied().unwrap_or(0) as i64))
        .collect();
    t.figures.with_column(added.with_name("mentions".into()).into_column())?;
    Ok(())
}

/// One figure as series need it.
struct Row<'a> {
    id: &'a str,
    article: &'a str,
    date: Option<i32>,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
}

/// Whether two figures can state the same quantity: their intervals overlap, or two exact
/// numbers differ by less than one unit of the last digit of the less precise one, printed with
/// at least two significant digits (二点六万吨 and 二万五千七百吨; 九点○七万吨 and
/// 九万零七百八十四点六八吨: a round-up's rounding or truncation, not a second claim).
fn agree(a: &Row<'_>, b: &Row<'_>) -> bool {
    let lo = |r: &Row<'_>| r.low.unwrap_or(f64::NEG_INFINITY);
    let hi = |r: &Row<'_>| r.high.unwrap_or(f64::INFINITY);
    if lo(a) <= hi(b) && lo(b) <= hi(a) {
        return true;
    }
    let exact = |r: &Row<'_>| r.value.filter(|v| r.low == Some(*v) && r.high == Some(*v));
    let (Some(x), Some(y)) = (exact(a), exact(b)) else { return false };
    let coarse = if sig_digits(x) <= sig_digits(y) { x } else { y };
    sig_digits(coarse) >= 2 && (x - y).abs() < 10f64.powi(last_digit_exp(coarse))
}

/// How the figures of one quantity relate (see `schema::SERIES`): `rows` in article order.
/// Targets and forecasts that do not agree are revised: up where the last article's value is
/// above an earlier one's (620万吨 in February's plan, 1070万吨 by the autumn), else down.
fn status(claim_type: &str, rows: &[Row<'_>]) -> &'static str {
    let all_agree = rows.iter().enumerate().all(|(i, a)| rows[i + 1..].iter().all(|b| agree(a, b)));
    if all_agree {
        return SERIES_STATUSES[0];
    }
    if matches!(claim_type, "target" | "forecast") {
        let mid = |r: &Row<'_>| r.value.or(r.low).or(r.high).unwrap_or(0.0);
        let last = &rows[rows.len() - 1];
        let earlier = rows.iter().filter(|r| r.article != last.article);
        return if earlier.clone().any(|r| mid(r) < mid(last)) || earlier.clone().next().is_none() {
            SERIES_STATUSES[2]
        } else {
            SERIES_STATUSES[3]
        };
    }
    SERIES_STATUSES[1]
}

/// The series key columns, in schema order (`works` last: a commune's output is no county's).
const KEY: [&str; 10] =
    ["item_code", "unit", "per", "period", "claim_type", "ref_date", "country", "province", "place_code", "works"];

/// `series`: the figures (dates and thresholds excluded; item code, ref_date and country
/// given) grouped by the key columns, where more than one article states the quantity.
pub fn series(figures: &DataFrame) -> Result<DataFrame> {
    let text = |name: &str| -> Result<Vec<&str>> {
        Ok(figures.column(name)?.str()?.iter().map(|v| v.unwrap_or("")).collect())
    };
    let num = |name: &str| -> Result<Vec<Option<f64>>> { Ok(figures.column(name)?.f64()?.iter().collect()) };
    let keys: Vec<Vec<&str>> = KEY.iter().map(|k| text(k)).collect::<Result<_>>()?;
    let (ids, articles, kinds) = (text("figure_id")?, text("article_id")?, text("kind")?);
    let dates: Vec<Option<i32>> = figures.column("article_date")?.cast(&DataType::Int32)?.i32()?.iter().collect();
    let (values, lows, highs) = (num("value")?, num("low")?, num("high")?);
    let mut groups: BTreeMap<Vec<&str>, Vec<usize>> = BTreeMap::new();
    for i in 0..figures.height() {
        let key: Vec<&str> = keys.iter().map(|k| k[i]).collect();
        let (item, claim_type, ref_date, country) = (key[0], key[4], key[5], key[6]);
        if kinds[i] == "date"
            || claim_type == "threshold"
            || item.is_empty()
            || ref_date.is_empty()
            || country.is_empty()
        {
            continue;
        }
        groups.entry(key).or_default().push(i);
    }
    let mut b = FrameBuilder::new(schema::SERIES, groups.len());
    let mut vals = String::new();
    for (key, mut members) in groups {
        members.sort_by_key(|&i| (dates[i], articles[i], ids[i]));
        let mut arts: Vec<&str> = members.iter().map(|&i| articles[i]).collect();
        arts.dedup();
        if arts.len() < 2 {
            continue;
        }
        let rows: Vec<Row<'_>> = members
            .iter()
            .map(|&i| Row {
                id: ids[i],
                article: articles[i],
                date: dates[i],
                value: values[i],
                low: lows[i],
                high: highs[i],
            })
            .collect();
        b.s(&key.join("|"));
        for k in &key[..9] {
            b.s(k);
        }
        let n_articles = {
            let mut a: Vec<&str> = rows.iter().map(|r| r.article).collect();
            a.sort_unstable();
            a.dedup();
            a.len()
        };
        b.i(Some(rows.len() as i64)).i(Some(n_articles as i64));
        let day = |d: Option<i32>| d.and_then(|d| chrono::NaiveDate::from_num_days_from_ce_opt(d + 719_163));
        b.d(day(rows[0].date)).d(day(rows[rows.len() - 1].date));
        let low = rows.iter().map(|r| r.low).try_fold(f64::INFINITY, |m, l| l.map(|l| m.min(l)));
        let high = rows.iter().map(|r| r.high).try_fold(f64::NEG_INFINITY, |m, h| h.map(|h| m.max(h)));
        b.f(low).f(high);
        vals.clear();
        let mut seen: Vec<String> = Vec::new();
        for r in &rows {
            let v = match (r.value, r.low, r.high) {
                (Some(v), _, _) => super::number(v),
                (None, l, h) => {
                    format!("{}–{}", l.map_or(String::new(), super::number), h.map_or(String::new(), super::number))
                }
            };
            if !seen.contains(&v) {
                if !vals.is_empty() {
                    vals.push(';');
                }
                vals.push_str(&v);
                seen.push(v);
            }
        }
        b.s(&vals).s(status(key[4], &rows));
        let ids: Vec<&str> = rows.iter().map(|r| r.id).collect();
        b.s(&ids.join(";")).s(key[9]);
        b.end_row();
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, low: f64, high: Option<f64>) -> Row<'_> {
        Row { id, article: id, date: None, value: Some(low), low: Some(low), high }
    }

    #[test]
    fn series_status_by_overlap_and_claim_type() {
        let same = [row("a", 100.0, Some(100.0)), row("b", 100.0, Some(100.0))];
        assert_eq!(status("achieved", &same), "consistent");
        // 九十多吨 [90, 100) and 一百吨: they touch, consistent; 一百二十吨 does not overlap.
        let more = [row("a", 90.0, Some(100.0)), row("b", 100.0, Some(100.0))];
        assert_eq!(status("achieved", &more), "consistent");
        let apart = [row("a", 100.0, Some(100.0)), row("b", 120.0, Some(120.0))];
        assert_eq!(status("achieved", &apart), "contradiction");
        assert_eq!(status("baseline", &apart), "contradiction");
        assert_eq!(status("target", &apart), "revised_up");
        let down = [row("a", 1070.0, Some(1070.0)), row("b", 711.0, Some(711.0))];
        assert_eq!(status("forecast", &down), "revised_down");
        // An open interval (more than 100) overlaps any larger value.
        let open = [row("a", 100.0, None), row("b", 5000.0, Some(5000.0))];
        assert_eq!(status("achieved", &open), "consistent");
        // Within the printed precision: 2.6万 and 25,700; 9.07万 and 90,784.68 (truncated).
        assert_eq!(
            status("achieved", &[row("a", 26000.0, Some(26000.0)), row("b", 25700.0, Some(25700.0))]),
            "consistent"
        );
        assert_eq!(
            status("achieved", &[row("a", 90700.0, Some(90700.0)), row("b", 90784.68, Some(90784.68))]),
            "consistent"
        );
        // Not for a one-digit round number: 一千吨 and 一千五百吨 disagree.
        assert_eq!(
            status("achieved", &[row("a", 1000.0, Some(1000.0)), row("b", 1500.0, Some(1500.0))]),
            "contradiction"
        );
        // A target raised and then restated: up (the last against every earlier article).
        let raised = [
            row("a", 6_200_000.0, Some(6_200_000.0)),
            row("b", 10_700_000.0, Some(10_700_000.0)),
            row("c", 10_700_000.0, Some(10_700_000.0)),
        ];
        assert_eq!(status("target", &raised), "revised_up");
    }

    #[test]
    fn alignment_by_position_else_by_occurrence() {
        let a = [(1, 0), (2, 1), (1, 2)];
        assert_eq!(align(&a, &[(1, 5), (2, 6), (1, 7)]), vec![Some(0), Some(1), Some(2)]);
        // The original has one more claim before: same surfaces, same occurrences.
        assert_eq!(align(&a, &[(9, 0), (1, 5), (2, 6), (1, 7)]), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(align(&[(3, 0)], &[(1, 0)]), vec![None]);
    }

    #[test]
    fn duplicates_map_figures_to_the_first_input() {
        let key = |id: &str, k: Option<(u64, usize)>, zh: Vec<(u64, usize)>, figures| ArticleKey {
            id: id.into(),
            key: k,
            zh,
            figures,
        };
        let keys = [
            key("bilingual/a", Some((7, 10)), vec![(1, 0), (2, 1)], vec![(40, true, 2), (50, true, 1), (3, false, 1)]),
            key("other", Some((8, 10)), vec![(1, 0)], vec![(10, true, 1)]),
            key("rmrb/a", Some((7, 10)), vec![(1, 0), (2, 1)], vec![(20, true, 1), (30, true, 1)]),
        ];
        let d = duplicates(&keys);
        assert_eq!(d.of_article.get("rmrb/a").map(String::as_str), Some("bilingual/a"));
        assert_eq!(d.of_article.len(), 1);
        assert_eq!(d.figure.get("rmrb/a#f20").map(String::as_str), Some("bilingual/a#f40"));
        assert_eq!(d.figure.get("rmrb/a#f30").map(String::as_str), Some("bilingual/a#f50"));
        assert_eq!(d.more_mentions.get("bilingual/a#f40"), Some(&1));
    }
}
