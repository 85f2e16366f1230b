//! The figures table and what rests on it: figure rows per article, duplicate articles
//! resolved across the run, and the series of one quantity across articles.
//!
//! Input: the processed articles (their [`crate::figures::Figures`] and duplicate keys) and, for
//! series, the figures frame. Output: `figures` rows; the patches that point a duplicate
//! article's claims, pairs and figures at the first input's figures ([`Duplicates`]); the
//! `series` frame. Invariant: everything is decided in article-id order, so the result does not
//! depend on which worker laid out which part.

use anyhow::Result;
use polars::prelude::*;

use super::schema::{self, SERIES_STATUSES};
use super::{write_claim_id_of, write_ref_date, FrameBuilder};
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
        write_claim_id_of(&mut zid, &a.id, zh);
        write_claim_id_of(&mut eid, &a.id, en);
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
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleKey {
    id: String,
    key: Option<(u64, usize)>,
    /// The Chinese claims in offset order: (hash of the surface, figure index).
    zh: Vec<(u64, u32)>,
    /// Per figure: the offset its id is made of, and its mentions.
    figures: Vec<(u32, u32)>,
}

impl ArticleKey {
    pub(super) fn of(r: &ArticleResult) -> ArticleKey {
        let mut zh: Vec<(usize, u64, u32)> = r
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.lang == Lang::Zh)
            .map(|(i, c)| (c.start, surface_hash(&c.surface), r.figures.of_claim[i] as u32))
            .collect();
        zh.sort_unstable();
        ArticleKey {
            id: r.article.id.clone(),
            key: r.zh_key,
            zh: zh.into_iter().map(|(_, h, f)| (h, f)).collect(),
            figures: r.figures.list.iter().map(|f| (r.claims[f.rep].start as u32, f.mentions as u32)).collect(),
        }
    }

    pub(super) fn id(&self) -> &str {
        &self.id
    }

    fn figure_id(&self, f: usize) -> String {
        crate::figures::id(&self.id, self.figures[f].0 as usize)
    }

    /// The key as bytes (little-endian counts and numbers; the duplicate key is not kept).
    fn encode(&self, out: &mut Vec<u8>) {
        let n = |out: &mut Vec<u8>, v: usize| out.extend_from_slice(&(v as u32).to_le_bytes());
        n(out, self.id.len());
        out.extend_from_slice(self.id.as_bytes());
        n(out, self.zh.len());
        for &(h, f) in &self.zh {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&f.to_le_bytes());
        }
        n(out, self.figures.len());
        for &(start, mentions) in &self.figures {
            out.extend_from_slice(&start.to_le_bytes());
            out.extend_from_slice(&mentions.to_le_bytes());
        }
    }

    /// Reads a key [`ArticleKey::encode`] wrote.
    fn decode(r: &mut impl std::io::Read) -> std::io::Result<ArticleKey> {
        fn u32_(r: &mut impl std::io::Read) -> std::io::Result<u32> {
            let mut b = [0u8; 4];
            r.read_exact(&mut b)?;
            Ok(u32::from_le_bytes(b))
        }
        let mut id = vec![0u8; u32_(r)? as usize];
        r.read_exact(&mut id)?;
        let id = String::from_utf8(id).map_err(std::io::Error::other)?;
        let mut zh = Vec::with_capacity(u32_(r)? as usize);
        for _ in 0..zh.capacity() {
            let mut h = [0u8; 8];
            r.read_exact(&mut h)?;
            zh.push((u64::from_le_bytes(h), u32_(r)?));
        }
        let mut figures = Vec::with_capacity(u32_(r)? as usize);
        for _ in 0..figures.capacity() {
            figures.push((u32_(r)?, u32_(r)?));
        }
        Ok(ArticleKey { id, key: None, zh, figures })
    }
}

fn surface_hash(s: &str) -> u64 {
    use std::hash::Hasher as _;
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// The duplicates found so far in a run, articles added in article-id order. The first input
/// of each Chinese text is kept on disk (its [`ArticleKey`] in a temporary file, read back only
/// when a copy of it comes), so memory holds a map entry per article, not a number per claim.
pub struct Duplicates {
    first: HashMap<(u64, usize), u64>,
    store: std::io::BufWriter<std::fs::File>,
    reader: std::fs::File,
    /// Bytes in the store.
    len: u64,
    buf: Vec<u8>,
}

/// A duplicate article: the first input holding it, and where its figures go.
#[derive(Debug, Default)]
pub struct Copy {
    pub original: String,
    /// The copy's figure id -> the first input's figure id.
    pub(crate) figure: HashMap<String, String>,
    /// Mentions the copy adds to figures of the first input: (the figure's id, mentions).
    pub more_mentions: Vec<(String, usize)>,
}

impl Duplicates {
    /// Keeps the first inputs' keys in `store` (a new file, which the caller removes).
    pub fn new(store: &std::path::Path) -> std::io::Result<Duplicates> {
        let file = std::fs::File::options().create_new(true).write(true).open(store)?;
        Ok(Duplicates {
            first: HashMap::default(),
            // Its own handle: a cloned one would share (and move) the writer's offset.
            reader: std::fs::File::open(store)?,
            store: std::io::BufWriter::with_capacity(1 << 16, file),
            len: 0,
            buf: Vec::new(),
        })
    }

    /// Adds the next article (in article-id order). A repeat of an earlier one maps each of its
    /// figures with a Chinese mention to the earlier article's figure of the same mention (the
    /// k-th Chinese claim to the k-th, when both list the same surfaces; else by surface and
    /// occurrence). Figures stated only in the copy's English stay its own.
    pub fn add(&mut self, a: ArticleKey) -> std::io::Result<Option<Copy>> {
        use std::io::{Seek, SeekFrom, Write};
        let Some(key) = a.key else { return Ok(None) };
        let Some(&at) = self.first.get(&key) else {
            self.first.insert(key, self.len);
            self.buf.clear();
            a.encode(&mut self.buf);
            self.store.write_all(&self.buf)?;
            self.len += self.buf.len() as u64;
            return Ok(None);
        };
        self.store.flush()?;
        let mut reader = &self.reader;
        reader.seek(SeekFrom::Start(at))?;
        let orig = ArticleKey::decode(&mut std::io::BufReader::new(reader))?;
        let mut copy = Copy { original: orig.id.clone(), ..Copy::default() };
        let aligned = align(&a.zh, &orig.zh);
        // Each figure of the duplicate by its first Chinese mention.
        let mut done = vec![false; a.figures.len()];
        for (pos, &(_, f)) in a.zh.iter().enumerate() {
            let f = f as usize;
            if done[f] {
                continue;
            }
            done[f] = true;
            let Some(op) = aligned[pos] else { continue };
            let to = orig.figure_id(orig.zh[op].1 as usize);
            copy.more_mentions.push((to.clone(), a.figures[f].1 as usize));
            copy.figure.insert(a.figure_id(f), to);
        }
        Ok(Some(copy))
    }
}

/// For each Chinese claim of `a`, the position of the same claim in `o`: by position where the
/// two list the same surfaces, else the same surface's same occurrence.
fn align(a: &[(u64, u32)], o: &[(u64, u32)]) -> Vec<Option<usize>> {
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

/// Applies the copies among one part's articles to its frames (claims, pairs, articles,
/// figures): claims and pairs point at the first input's figures, articles say which article
/// they repeat, the figures lose the copies' rows (their mentions are the first input's).
pub(super) fn apply(copies: &HashMap<String, Copy>, frames: &mut [DataFrame; 4]) -> Result<()> {
    if copies.is_empty() {
        return Ok(());
    }
    let [claims, pairs, articles, figures] = frames;
    let fig = |v: &str| {
        let article = crate::figures::split_id(v).map_or(v, |(a, _)| a);
        copies.get(article).and_then(|c| c.figure.get(v)).cloned()
    };
    map_text(claims, "figure_id", fig)?;
    map_text(pairs, "figure_id", fig)?;
    let ids = articles.column("article_id")?.str()?.clone();
    let dup: StringChunked =
        ids.iter().map(|id| id.and_then(|id| copies.get(id)).map(|c| c.original.as_str())).collect();
    articles.with_column(dup.with_name("duplicate_of".into()).into_column())?;
    let keep: BooleanChunked =
        figures.column("figure_id")?.str()?.iter().map(|v| Some(v.is_none_or(|v| fig(v).is_none()))).collect();
    *figures = figures.filter(&keep)?;
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

/// One figure kept for `series`: where it is and its numbers (no text; on disk in 36 bytes: a
/// missing number is NaN, a missing date `i32::MIN`).
#[derive(Clone, Copy)]
struct Member {
    article: u32,
    start: u32,
    date: i32,
    value: f64,
    low: f64,
    high: f64,
}

impl Member {
    fn encode(&self) -> [u8; 36] {
        let mut b = [0u8; 36];
        b[0..4].copy_from_slice(&self.article.to_le_bytes());
        b[4..8].copy_from_slice(&self.start.to_le_bytes());
        b[8..12].copy_from_slice(&self.date.to_le_bytes());
        b[12..20].copy_from_slice(&self.value.to_le_bytes());
        b[20..28].copy_from_slice(&self.low.to_le_bytes());
        b[28..36].copy_from_slice(&self.high.to_le_bytes());
        b
    }

    fn decode(b: &[u8; 36]) -> Member {
        let u = |k: usize| u32::from_le_bytes(b[k..k + 4].try_into().expect("4 bytes"));
        let f = |k: usize| f64::from_le_bytes(b[k..k + 8].try_into().expect("8 bytes"));
        Member { article: u(0), start: u(4), date: u(8) as i32, value: f(12), low: f(20), high: f(28) }
    }
}

fn some(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

/// Rows of `series` built and written at a time (fewer when their text passes
/// [`SERIES_BATCH_BYTES`]), and of its Parquet row groups: a row lists every figure of its
/// quantity, thousands of ids where thousands of articles repeat one.
pub const SERIES_BATCH: usize = 64;
const SERIES_BATCH_BYTES: usize = 8 << 20;

/// `series` under construction: the figures (dates and thresholds excluded; item code,
/// ref_date and country given) grouped by the key columns, as the figures rows stream past;
/// a group becomes a row where more than one article states the quantity. The members wait
/// on disk; memory holds a group's first article.
pub struct Series {
    index: super::summary::Groups,
    /// Per group: its first member's article, and whether another article followed.
    groups: Vec<(u32, bool)>,
    members: super::spill::Spill<36>,
}

impl Series {
    /// Keeps the members in a new file at `members` (the caller removes it).
    pub fn create(members: &std::path::Path) -> Result<Series> {
        Ok(Series {
            index: super::summary::Groups::default(),
            groups: Vec::new(),
            members: super::spill::Spill::create(members)?,
        })
    }

    /// Adds the figures rows of one part; `article_index` gives each row's article (its place in
    /// the run's article list).
    pub fn add(&mut self, figures: &DataFrame, article_index: &[u32]) -> Result<()> {
        use super::summary::texts;
        let keys: Vec<Vec<&str>> = KEY.iter().map(|k| texts(figures, k)).collect::<Result<_>>()?;
        let (ids, kinds) = (texts(figures, "figure_id")?, texts(figures, "kind")?);
        let dates: Vec<Option<i32>> = figures.column("article_date")?.cast(&DataType::Int32)?.i32()?.iter().collect();
        let num = |name: &str| -> Result<Vec<Option<f64>>> { Ok(figures.column(name)?.f64()?.iter().collect()) };
        let (values, lows, highs) = (num("value")?, num("low")?, num("high")?);
        for i in 0..figures.height() {
            let (item, claim_type, ref_date, country) = (keys[0][i], keys[4][i], keys[5][i], keys[6][i]);
            if kinds[i] == "date"
                || claim_type == "threshold"
                || item.is_empty()
                || ref_date.is_empty()
                || country.is_empty()
            {
                continue;
            }
            let (g, new) = self.index.id(keys.iter().map(|k| k[i]));
            if new {
                self.groups.push((article_index[i], false));
            }
            let group = &mut self.groups[g as usize];
            group.1 |= group.0 != article_index[i];
            let start = crate::figures::split_id(ids[i]).map_or(0, |(_, s)| s as u32);
            let nan = |v: Option<f64>| v.unwrap_or(f64::NAN);
            let m = Member {
                article: article_index[i],
                start,
                date: dates[i].unwrap_or(i32::MIN),
                value: nan(values[i]),
                low: nan(lows[i]),
                high: nan(highs[i]),
            };
            self.members.push(g, m.encode())?;
        }
        Ok(())
    }

    /// The table, groups in key order, handed to `write` in batches of at most
    /// [`SERIES_BATCH`] rows (a row lists every figure of its quantity: thousands where many
    /// articles repeat one); `article_ids` names the articles by their index.
    pub fn finish(self, article_ids: &[String], mut write: impl FnMut(DataFrame) -> Result<()>) -> Result<()> {
        // The groups more than one article speaks of, in key order.
        let keys: Vec<(Vec<String>, u32)> =
            self.index.sorted().into_iter().filter(|(_, g)| self.groups[*g as usize].1).collect();
        let order: Vec<u32> = keys.iter().map(|(_, g)| *g).collect();
        let mut key_of: HashMap<u32, Vec<String>> = keys.into_iter().map(|(k, g)| (g, k)).collect();
        let mut b = FrameBuilder::new(schema::SERIES, 0);
        let (mut rows_in_batch, mut bytes_in_batch) = (0, 0);
        let mut vals = String::new();
        self.members.each_group(&order, super::spill::BUDGET_BYTES / 36, |g, records| {
            let key = key_of.remove(&g).expect("a key per group");
            if rows_in_batch == SERIES_BATCH || bytes_in_batch >= SERIES_BATCH_BYTES {
                write(std::mem::replace(&mut b, FrameBuilder::new(schema::SERIES, 0)).finish()?)?;
                (rows_in_batch, bytes_in_batch) = (0, 0);
            }
            let members: Vec<Member> = records.iter().map(Member::decode).collect();
            let ids: Vec<String> = members
                .iter()
                .map(|m| crate::figures::id(&article_ids[m.article as usize], m.start as usize))
                .collect();
            let mut order: Vec<usize> = (0..members.len()).collect();
            // By article date (none first), article, figure id.
            let date = |m: &Member| (m.date != i32::MIN).then_some(m.date);
            order.sort_by(|&x, &y| {
                (date(&members[x]), members[x].article, &ids[x]).cmp(&(date(&members[y]), members[y].article, &ids[y]))
            });
            let rows: Vec<Row<'_>> = order
                .iter()
                .map(|&i| {
                    let m = &members[i];
                    Row {
                        id: &ids[i],
                        article: &article_ids[m.article as usize],
                        date: (m.date != i32::MIN).then_some(m.date),
                        value: some(m.value),
                        low: some(m.low),
                        high: some(m.high),
                    }
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
            b.s(&vals).s(status(&key[4], &rows));
            let ids: Vec<&str> = rows.iter().map(|r| r.id).collect();
            let ids = ids.join(";");
            b.s(&ids).s(&key[9]);
            b.end_row();
            rows_in_batch += 1;
            bytes_in_batch += ids.len() + vals.len();
            Ok(())
        })?;
        write(b.finish()?)
    }
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
        let key = |id: &str, k: Option<(u64, usize)>, zh: Vec<(u64, u32)>, figures| ArticleKey {
            id: id.into(),
            key: k,
            zh,
            figures,
        };
        let store = std::env::temp_dir().join(format!("leapfig-dups-{}", std::process::id()));
        let _ = std::fs::remove_file(&store);
        let mut d = Duplicates::new(&store).unwrap();
        let first = key("bilingual/a", Some((7, 10)), vec![(1, 0), (2, 1)], vec![(40, 2), (50, 1), (3, 1)]);
        // Kept on disk as it was (its duplicate key aside).
        let mut bytes = Vec::new();
        first.encode(&mut bytes);
        assert_eq!(ArticleKey::decode(&mut bytes.as_slice()).unwrap(), ArticleKey { key: None, ..first.clone() });
        assert!(d.add(first).unwrap().is_none());
        assert!(d.add(key("other", Some((8, 10)), vec![(1, 0)], vec![(10, 1)])).unwrap().is_none());
        assert!(d.add(key("plain", None, vec![], vec![])).unwrap().is_none());
        let c = d.add(key("rmrb/a", Some((7, 10)), vec![(1, 0), (2, 1)], vec![(20, 1), (30, 1)])).unwrap().unwrap();
        assert_eq!(c.original, "bilingual/a");
        assert_eq!(c.figure.get("rmrb/a#f20").map(String::as_str), Some("bilingual/a#f40"));
        assert_eq!(c.figure.get("rmrb/a#f30").map(String::as_str), Some("bilingual/a#f50"));
        assert_eq!(c.more_mentions, vec![("bilingual/a#f40".to_string(), 1), ("bilingual/a#f50".to_string(), 1)]);
        // A copy of the second first input, read from the middle of the store.
        let c = d.add(key("x/other", Some((8, 10)), vec![(1, 0)], vec![(12, 3)])).unwrap().unwrap();
        assert_eq!(c.more_mentions, vec![("other#f10".to_string(), 3)]);
        std::fs::remove_file(&store).unwrap();
    }
}
