//! Chinese figures (issue 3): every quantity and date of a Chinese section, as claims.
//!
//! Input: the text of one Chinese section (title or body) and its [`Context`] (the article
//! date, against which dates resolve). Output: the figures in it as [`Claim`]s in text order,
//! with character offsets into `text`, `surface`, `kind`, the number in the canonical unit
//! with the interval the wording allows (`value`, `low`, `high`, `qualifier`), `unit`,
//! `value_raw`/`unit_raw`, `status`, `notes` (bei_ambiguous), `sentence`, and for dates the
//! resolved `ref_date`. The rules are those of `tests/gold/ANNOTATION.md`; the word lists are
//! data (`data/lexicon/*_zh.csv`).
//!
//! Invariants: one left-to-right pass over the characters; claims never overlap; no panic on
//! any input (all indexing goes through `get` on a `Vec<char>`, byte offsets are only taken
//! at char boundaries); a numeral that will not convert is still a claim, with empty value
//! and `status = unparsed`. Precision comes first: a numeral with no unit, counter, counted
//! noun or date marker yields nothing. The context columns (item, period, claim type, place)
//! and the `ref_date` of non-date figures are left to `crate::attribute`.

use chrono::{Datelike, Duration, NaiveDate};

use super::{Context, SentenceEnds};
use crate::claim::{Claim, Kind, Qualifier, Status};
use crate::dates::{self, RefDate, Xun};
use crate::numerals::tidy;
use crate::numerals::zh::{self as numeral, scan_num, step_of, Num, Shape};

mod lexicon;
mod measure;

use super::{is_cjk, HashMap};
use lexicon::{Cue, DateRule, LEX};
use measure::{as_yield, Measure};

/// Figures in Chinese text, offsets in characters of `text`.
///
/// ```
/// use leapfig::article::{Lang, SectionKind};
/// use leapfig::extract::{zh, Context};
/// let ctx = Context { lang: Lang::Zh, section: SectionKind::Body, article_date: leapfig::dates::parse_iso("1958-10-13") };
/// let claims = zh::extract("10日一天原煤产量达到一万五千吨，日产量较9月底提高四倍。", &ctx);
/// let found: Vec<(&str, Option<f64>, &str)> = claims.iter().map(|c| (c.surface.as_str(), c.value, c.ref_date.as_str())).collect();
/// assert_eq!(found, vec![
///     ("10日", None, "1958-10-10"),
///     ("一万五千吨", Some(15000.0), ""),
///     ("9月底", None, "1958-09-30"),
///     ("四倍", Some(4.0), ""),
/// ]);
/// assert_eq!(claims[3].high, Some(5.0));
/// ```
pub fn extract(text: &str, ctx: &Context) -> Vec<Claim> {
    let mut ex = Extractor::new(text, ctx);
    ex.run();
    ex.out
}

// ---------------------------------------------------------------------------------------------
// The extractor

fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '！' | '？' | '\n' | '：' | ',' | ';' | '、')
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '\n')
}

/// The first (1st–15th) or second (16th–end) half of a month: 8月上半月.
fn half_of_month(y: i32, m: u32, first: bool) -> Option<RefDate> {
    let (a, b) = if first {
        (NaiveDate::from_ymd_opt(y, m, 1)?, NaiveDate::from_ymd_opt(y, m, 15)?)
    } else {
        (NaiveDate::from_ymd_opt(y, m, 16)?, dates::last_day(y, m)?)
    };
    Some(RefDate::Interval(a, b))
}

/// Whether two range ends rise (an end that did not convert cannot be checked: true).
fn increasing(low: Option<f64>, high: Option<f64>) -> bool {
    match (low, high) {
        (Some(l), Some(h)) => l < h,
        _ => true,
    }
}

/// How the printed number bounds the figure, before unit conversion.
#[derive(Debug, Clone, Copy)]
struct Interval {
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    q: Qualifier,
    raw: Option<f64>,
    status: Status,
}

impl Interval {
    fn scaled(self, f: f64) -> Interval {
        let s = |x: Option<f64>| x.map(|v| tidy(v * f));
        Interval { value: s(self.value), low: s(self.low), high: s(self.high), ..self }
    }
}

/// The last few numerals scanned, by position, oldest overwritten first.
struct NumMemo {
    slots: [(usize, Option<Num>); 4],
    next: usize,
}

struct Extractor<'a> {
    text: &'a str,
    cs: Vec<char>,
    /// Byte offset of each char, and the text's length at the end.
    bytes: Vec<usize>,
    article: Option<NaiveDate>,
    ctx: &'a Context,
    /// The last date mentioned, and where.
    last_date: Option<(RefDate, usize)>,
    dateline: Option<NaiveDate>,
    /// The last day mentioned that is not a baseline: what 当日 / 第二天 speak of.
    event_day: Option<NaiveDate>,
    /// After 1958年1月到: where the second end starts, and the first end's year and month.
    range_from: Option<(usize, i32, u32)>,
    out: Vec<Claim>,
    /// The last numerals scanned, by position: `step`, `date` and `bare_day` ask about one
    /// position several times (see [`Extractor::num`]).
    num_memo: std::cell::RefCell<NumMemo>,
    /// The text's sentence ends, found once when the first claim needs its sentence.
    ends: std::cell::OnceCell<SentenceEnds<'a>>,
}

impl<'a> Extractor<'a> {
    fn new(text: &'a str, ctx: &'a Context) -> Self {
        let mut cs = Vec::with_capacity(text.len() / 3);
        let mut bytes = Vec::with_capacity(text.len() / 3 + 1);
        for (b, c) in text.char_indices() {
            cs.push(c);
            bytes.push(b);
        }
        bytes.push(text.len());
        Extractor {
            text,
            cs,
            bytes,
            article: ctx.article_date,
            ctx,
            last_date: None,
            dateline: None,
            event_day: None,
            range_from: None,
            out: Vec::new(),
            num_memo: std::cell::RefCell::new(NumMemo { slots: std::array::from_fn(|_| (usize::MAX, None)), next: 0 }),
            ends: std::cell::OnceCell::new(),
        }
    }

    /// [`scan_num`] at `i`, remembered for the next few asks (issue 8).
    fn num(&self, i: usize) -> Option<Num> {
        let mut memo = self.num_memo.borrow_mut();
        if let Some((_, n)) = memo.slots.iter().find(|(k, _)| *k == i) {
            return n.clone();
        }
        let n = scan_num(&self.cs, i);
        let slot = memo.next;
        memo.slots[slot] = (i, n.clone());
        memo.next = (slot + 1) % memo.slots.len();
        n
    }

    fn at(&self, i: usize) -> Option<char> {
        self.cs.get(i).copied()
    }

    fn starts(&self, i: usize, w: &str) -> bool {
        w.chars().enumerate().all(|(k, c)| self.at(i + k) == Some(c))
    }

    fn sentence_start(&self, i: usize) -> usize {
        let mut k = i.min(self.cs.len());
        while k > 0 && !is_sentence_end(self.cs[k - 1]) {
            k -= 1;
        }
        k
    }

    fn clause_start(&self, i: usize) -> usize {
        let mut k = i.min(self.cs.len());
        while k > 0 && !is_clause_end(self.cs[k - 1]) {
            k -= 1;
        }
        k
    }

    /// Whether a cue of this kind stands in `[from, to)`.
    fn cue_in(&self, from: usize, to: usize, cue: Cue) -> bool {
        (from..to).any(|k| LEX.cues.at(&self.cs, k).is_some_and(|(len, c)| *c == cue && k + len <= to))
    }

    fn run(&mut self) {
        let mut i = 0;
        while i < self.cs.len() {
            if !LEX.starters.may_start(self.cs[i]) {
                i += 1;
                continue;
            }
            i = self.step(i);
        }
    }

    /// Reads whatever starts at `i`; returns where to go on.
    fn step(&mut self, i: usize) -> usize {
        let c = self.cs[i];
        if c == '翻' || c == '加' {
            if let Some(e) = self.fan(i) {
                return e;
            }
        }
        if let Some((len, _)) = LEX.nonnumbers.at(&self.cs, i) {
            match self.num(i) {
                None => return i + len,
                Some(n) => {
                    // 千万吨 is a number; 千万不能 is "must". Only a word of magnitudes alone (千万)
                    // gives way to a unit after it.
                    let exact_word = n.b == i + len && n.ndigits == 0;
                    let unit_follows = self.measure_at(n.b, &n).is_some();
                    if n.b <= i + len && !(exact_word && unit_follows) {
                        return i + len;
                    }
                }
            }
        }
        if let Some(e) = self.date(i) {
            return e;
        }
        if let Some((len, &(lo, hi))) = LEX.vague.at(&self.cs, i) {
            if !(i > 0 && numeral::is_numeral_char(self.cs[i - 1])) {
                return self.vague_word(i, i + len, lo, hi);
            }
        }
        if c == '近' && self.at(i + 1) == Some('倍') {
            // 近倍: nearly doubled, x1 or x2.
            let mut cl = self.claim(i, i + 2, Kind::Multiple);
            cl.value = Some(1.0);
            cl.value_raw = Some(1.0);
            cl.low = Some(1.0);
            cl.high = Some(2.0);
            cl.qualifier = Qualifier::Approx;
            cl.unit = "x".into();
            cl.unit_raw = "倍".into();
            cl.status = Status::Ambiguous;
            cl.add_note("bei_ambiguous");
            self.out.push(cl);
            return i + 2;
        }
        if c == '半' {
            if let Some(e) = self.half(i) {
                return e;
            }
        }
        if let Some(n) = self.num(i) {
            // Ordinals and names: 第一书记, 第二次, 8号高炉, 初一.
            if i > 0 && matches!(self.cs[i - 1], '第' | '初') {
                let e = LEX.counters.at(&self.cs, n.b).map_or(n.b, |(l, _)| n.b + l);
                return e.max(i + 1);
            }
            if i > 0 && (self.cs[i - 1].is_ascii_alphabetic() || self.cs[i - 1] == '.') {
                return n.b.max(i + 1);
            }
            // 这两个厂, 那三座高炉: a small number after a demonstrative points back to things
            // already named; it states no figure of its own.
            if i > 0 && matches!(self.cs[i - 1], '这' | '那' | '此') && n.int().is_some_and(|v| (1..=10).contains(&v))
            {
                if let Some((len, _)) = LEX.counters.at(&self.cs, n.b) {
                    return (n.b + len).max(i + 1);
                }
            }
            let n = self.listed_range(n);
            return self.number(n).max(i + 1);
        }
        i + 1
    }

    /// 三、四百吨, 二、三十万吨: a digit, a pause mark and the next digit with the rest of the
    /// numeral make one range.
    fn listed_range(&self, n: Num) -> Num {
        let (Some(&d1), true) = (self.cs.get(n.a), n.b == n.a + 1 && self.at(n.b) == Some('、')) else { return n };
        let Some(n2) = self.num(n.b + 1) else { return n };
        let (Some(a), Some(b)) = (numeral::digit_value(d1), self.at(n2.a).and_then(numeral::digit_value)) else {
            return n;
        };
        if numeral::is_arabic(d1) || a == 0 || b != a + 1 || n2.shape != Shape::Plain {
            return n;
        }
        let rest: String = self.cs.get(n2.a + 1..n2.b).map(|r| r.iter().collect()).unwrap_or_default();
        match (numeral::parse(&format!("{d1}{rest}")), &n2.value) {
            (Ok(lo), Ok(hi)) => Num { a: n.a, b: n2.b, lo, hi: *hi, shape: Shape::Range, ..n2 },
            _ => n,
        }
    }

    // --- claims ---------------------------------------------------------------------------

    fn claim(&self, a: usize, b: usize, kind: Kind) -> Claim {
        let a = a.min(self.cs.len());
        let b = b.clamp(a, self.cs.len());
        let (ba, bb) = (self.bytes[a], self.bytes[b]);
        let surface = &self.text[ba..bb];
        let mut c = Claim::new(self.ctx.lang, self.ctx.section, a, b, surface, kind);
        let ends = self.ends.get_or_init(|| {
            let at = (0..self.cs.len()).filter(|&k| is_sentence_end(self.cs[k])).map(|k| self.bytes[k]).collect();
            SentenceEnds::from_ends(self.text, at)
        });
        let (sa, sb) = ends.range(ba, bb);
        c.sentence = self.text[sa..sb].to_string();
        c
    }

    fn push_figure(&mut self, a: usize, b: usize, m: &Measure, iv: Interval) {
        let mut c = self.claim(a, b, m.kind);
        let s = iv.scaled(m.factor);
        c.value = s.value;
        c.low = s.low;
        c.high = s.high;
        c.qualifier = iv.q;
        c.value_raw = iv.raw;
        c.unit = m.unit.clone();
        c.unit_raw = m.unit_raw.clone();
        c.status = iv.status;
        self.out.push(c);
    }

    fn push_date(&mut self, a: usize, b: usize, d: Option<RefDate>, q: Qualifier) {
        let mut c = self.claim(a, b, Kind::Date);
        c.qualifier = q;
        if let Some(d) = d {
            c.ref_date = d.to_string();
            if !matches!(d, RefDate::Year(_)) {
                self.last_date = Some((d, a));
                // A baseline (较9月底, 比去年, 由9月底的) is not the day 当日 / 第二天 speak of.
                let baseline = a > 0 && matches!(self.cs[a - 1], '较' | '比' | '由' | '从');
                if !baseline {
                    if let Some(day) = d.day() {
                        self.event_day = Some(day);
                    }
                }
            }
        }
        self.out.push(c);
    }

    // --- numbers --------------------------------------------------------------------------

    /// The interval a number allows with the qualifiers around it (`more_step`: 多/余/挂零).
    fn interval(&self, n: &Num, plus: f64, pre: Option<Cue>, post: Option<Cue>, more_step: bool) -> Interval {
        let mut iv =
            Interval { value: None, low: None, high: None, q: Qualifier::Exact, raw: None, status: Status::Ok };
        match n.shape {
            Shape::Several => {
                iv.q = Qualifier::Several;
                iv.low = Some(n.lo);
                iv.high = Some(n.hi);
            }
            Shape::Range => {
                if post == Some(Cue::MorePost) {
                    iv.q = Qualifier::MoreThan;
                    iv.low = Some(n.lo);
                } else {
                    iv.q = Qualifier::Range;
                    iv.low = Some(n.lo);
                    iv.high = Some(n.hi);
                }
            }
            Shape::More => {
                iv.q = Qualifier::MoreThan;
                iv.value = Some(n.lo);
                iv.low = Some(n.lo);
                iv.high = Some(n.hi);
                iv.raw = Some(n.lo);
            }
            Shape::Plain => match n.value {
                Err(_) => iv.status = Status::Unparsed,
                Ok(v0) => {
                    let v = tidy(v0 + plus);
                    iv.value = Some(v);
                    iv.raw = Some(v);
                    iv.low = Some(v);
                    iv.high = Some(v);
                    if more_step || post == Some(Cue::MoreStep) {
                        iv.q = Qualifier::MoreThan;
                        iv.high = Some(tidy(v + step_of(v)));
                    } else if post == Some(Cue::MorePost) || pre == Some(Cue::More) {
                        iv.q = Qualifier::MoreThan;
                        iv.high = None;
                    } else if post == Some(Cue::LessPost) || pre == Some(Cue::Less) {
                        iv.q = Qualifier::LessThan;
                        iv.low = None;
                    } else if pre == Some(Cue::Approx) || post == Some(Cue::ApproxPost) {
                        iv.q = Qualifier::Approx;
                    }
                }
            },
        }
        iv
    }

    /// A qualifier word before `a` (约, 近, 逾, 不到): its cue and start. 约 / 大约 / 大概 may
    /// also stand further back in the clause (约占全省总产量的30％, 大约需要三千万元).
    fn pre_cue(&self, a: usize) -> (Option<Cue>, usize) {
        if let Some((len, &c)) = LEX.cues.before(&self.cs, a) {
            if matches!(c, Cue::Approx | Cue::More | Cue::Less) {
                let s = a - len;
                // 最近, 附近 are no "nearly"; 节约 is no "about".
                if c == Cue::Approx
                    && len == 1
                    && s > 0
                    && matches!(self.cs[s - 1], '最' | '附' | '接' | '将' | '节' | '制' | '条' | '预' | '邀')
                {
                    return (None, a);
                }
                return (Some(c), s);
            }
        }
        let from = self.clause_start(a).max(a.saturating_sub(16));
        for k in (from..a).rev() {
            let c = self.cs[k];
            if numeral::is_numeral_char(c) {
                break;
            }
            if c == '约' && !(k > 0 && matches!(self.cs[k - 1], '节' | '制' | '条' | '预' | '邀' | '契' | '公'))
            {
                return (Some(Cue::Approx), a);
            }
            if self.starts(k, "大概") {
                return (Some(Cue::Approx), a);
            }
        }
        (None, a)
    }

    /// Whether what follows a 多 / 有余 at `k` lets it qualify the figure (一吨多，三倍多的;
    /// not 一条多快好省的道路, 一户有余粮).
    fn qualifier_ends(&self, k: usize) -> bool {
        match self.at(k) {
            None => true,
            Some(c) => {
                !super::is_cjk(c) || matches!(c, '的' | '了' | '来' | '时' | '就' | '是' | '也' | '都' | '还' | '以')
            }
        }
    }

    /// A qualifier after a figure (以上, 左右, 多): its cue, whether it is a 多-like step, end.
    fn post_cue(&self, e: usize) -> (Option<Cue>, bool, usize) {
        if matches!(self.at(e), Some('多' | '余')) && self.qualifier_ends(e + 1) {
            let (c, _, e2) = self.post_cue(e + 1);
            return (c, true, e2);
        }
        match LEX.cues.at(&self.cs, e) {
            Some((len, &c)) if matches!(c, Cue::ApproxPost | Cue::MorePost | Cue::LessPost) => {
                (Some(c), false, e + len)
            }
            Some((len, &Cue::MoreStep)) if self.qualifier_ends(e + len) => (Some(Cue::MoreStep), true, e + len),
            _ => (None, false, e),
        }
    }

    fn number(&mut self, n: Num) -> usize {
        // X分之Y: fractions, and 百分之 percentages.
        if self.starts(n.b, "分之") {
            if let Some(m) = self.num(n.b + 2) {
                return self.fraction(n, m);
            }
        }
        // Clock times: 两点钟, 六点 (not decimals).
        if self.at(n.b) == Some('点')
            || self.starts(n.b, "时") && n.int().is_some_and(|v| v <= 24) && !self.starts(n.b, "时间")
        {
            return n.b + 1;
        }
        // 一半 / 一半以上.
        if self.at(n.b) == Some('半') && n.int() == Some(1) && n.b == n.a + 1 {
            let (post, step, e) = self.post_cue(n.b + 1);
            // 一半多 / 一半还多: more than half, like 一半以上.
            let post = if step && matches!(post, None | Some(Cue::MoreStep)) { Some(Cue::MorePost) } else { post };
            let (pre, a) = self.pre_cue(n.a);
            let mut c = self.claim(a, e, Kind::Fraction);
            c.value = Some(0.5);
            c.value_raw = Some(0.5);
            c.low = Some(0.5);
            c.high = Some(0.5);
            c.unit = "1".into();
            match post {
                Some(Cue::MorePost) => {
                    c.qualifier = Qualifier::MoreThan;
                    c.high = Some(1.0);
                }
                Some(Cue::LessPost) => {
                    c.qualifier = Qualifier::LessThan;
                    c.low = None;
                }
                Some(Cue::ApproxPost) => c.qualifier = Qualifier::Approx,
                _ => match pre {
                    Some(Cue::Approx) => c.qualifier = Qualifier::Approx,
                    Some(Cue::More) => {
                        c.qualifier = Qualifier::MoreThan;
                        c.high = Some(1.0);
                    }
                    Some(Cue::Less) => {
                        c.qualifier = Qualifier::LessThan;
                        c.low = None;
                    }
                    _ => {}
                },
            }
            self.out.push(c);
            return e;
        }
        // Internal more (七百多万) or 多/余 right after the number (九万多人).
        let mut p = n.b;
        let mut more_step = false;
        if n.shape == Shape::Plain
            && matches!(self.at(p), Some('多' | '余' | '来'))
            && !matches!(self.at(p + 1), Some('少' | '么' | '样' | '数'))
        {
            more_step = self.at(p) != Some('来');
            p += 1;
        }
        let Some(m) = self.measure_at(p, &n) else {
            return self.bare(n, p, more_step);
        };
        let (pre, a) = self.pre_cue(n.a);
        let (post, step2, e) = self.post_cue(m.end);
        let more_step = more_step || step2 || m.more;
        // Ranges: 五十万吨到六十万吨, 2％到10％, 20％—22％.
        if let Some((m2n, m2, e2)) = self.range_tail(e, Some(&m)) {
            let iv = Interval {
                value: None,
                low: n.plain().map(|v| v + m.plus).or((n.shape != Shape::Plain).then_some(n.lo)),
                high: m2n.plain().map(|v| v + m2.plus).or((m2n.shape != Shape::Plain).then_some(m2n.hi)),
                q: Qualifier::Range,
                raw: None,
                status: Status::Ok,
            };
            let iv =
                if iv.low.is_none() || iv.high.is_none() { Interval { status: Status::Unparsed, ..iv } } else { iv };
            let m = if m2.kind == Kind::Yield && m.kind == Kind::Mass { as_yield(m) } else { m };
            let iv = Interval { high: iv.high.map(|h| h * m2.factor / m.factor), ..iv };
            // 十座至零: ends that do not rise make no range; the first figure stands alone.
            if !increasing(iv.low, iv.high) {
                return self.single(n, a, e, &m, (pre, post, more_step));
            }
            let (_, a0) = self.pre_cue(n.a);
            self.push_figure(a0, e2, &m, iv);
            return e2;
        }
        self.single(n, a, e, &m, (pre, post, more_step))
    }

    /// One number with its measure (no range): `a` is where the figure starts (its qualifier
    /// word), `e` where it ends.
    fn single(&mut self, n: Num, a: usize, e: usize, m: &Measure, quals: (Option<Cue>, Option<Cue>, bool)) -> usize {
        let (pre, post, more_step) = quals;
        let m = m.clone();
        // A count or duration of one is no figure unless the one is the point (只有一个县).
        let one = n.plain() == Some(1.0) && m.plus == 0.0 && !more_step && post.is_none();
        if n.plain() == Some(0.0) && m.plus == 0.0 {
            return e;
        }
        if one && m.kind == Kind::Count && !LEX.cues.before(&self.cs, a).is_some_and(|(_, c)| *c == Cue::Only) {
            return e;
        }
        // 高炉每一立方公尺的有效容积: "per unit", the denominator of a rate, not a figure.
        if one && n.a > 0 && self.cs[n.a - 1] == '每' {
            return e;
        }
        // 万年, 百年大计: a bare magnitude before a duration is rhetoric. Before a counter it is
        // a number only when a counted noun follows (千万座小土炉; not 千条心, 万炉红), and before
        // a noun only when the noun is a word of its own (百万矿工; not 孙万银, 万事).
        let bare_magnitude = n.is_bare_magnitude(&self.cs);
        if (one || bare_magnitude) && m.kind == Kind::Duration {
            return e;
        }
        if bare_magnitude
            && m.kind == Kind::Count
            && (if m.unit_raw.is_empty() {
                m.end < n.b + 2
            } else {
                m.unit == "unit" && self.noun_after(m.end, 8).is_none()
            })
        {
            return e;
        }
        // Vague "a few" with a counter (几个, 几次) or a duration is no figure either.
        if n.shape == Shape::Several && n.lo < 10.0 && matches!(m.kind, Kind::Count | Kind::Duration) {
            return e;
        }
        if m.kind == Kind::Multiple {
            return self.multiple(n, a, e, &m, (pre, post, more_step));
        }
        let mut iv = self.interval(&n, m.plus, pre, post, more_step);
        // 3％又四分之三
        let mut e = e;
        if m.kind == Kind::Percent && self.at(e) == Some('又') {
            if let Some(d) = self.num(e + 1) {
                if self.starts(d.b, "分之") {
                    if let (Some(num), Some(den)) =
                        (self.num(d.b + 2).and_then(|x| x.plain().map(|v| (v, x.b))), d.plain())
                    {
                        if den > 0.0 {
                            let add = num.0 / den;
                            iv.value = iv.value.map(|v| tidy(v + add));
                            iv.low = iv.low.map(|v| tidy(v + add));
                            iv.high = iv.high.map(|v| tidy(v + add));
                            iv.raw = iv.value;
                            e = num.1;
                        }
                    }
                }
            }
        }
        self.push_figure(a, e, &m, iv);
        e
    }

    /// A second end after a range word: returns the numeral, its measure and the end.
    fn range_tail(&self, e: usize, first: Option<&Measure>) -> Option<(Num, Measure, usize)> {
        let len = match self.at(e)? {
            '至' | '到' | '～' | '~' | '－' => 1,
            '—' | '-' if self.at(e + 1) == Some('—') || self.at(e + 1) == Some('-') => 2,
            '—' | '-' => 1,
            _ => return None,
        };
        let n2 = self.num(e + len)?;
        let mut p = n2.b;
        if matches!(self.at(p), Some('多' | '余')) {
            return None;
        }
        if self.at(p) == Some('万') {
            p += 0;
        }
        let m2 = match self.measure_at(p, &n2) {
            Some(m2) => m2,
            None => {
                let f = first?;
                Measure { end: n2.b, plus: 0.0, ..f.clone() }
            }
        };
        if let Some(f) = first {
            // 万斤到两万斤的“卫星”田: the second end names both as yields.
            let yields = f.kind == Kind::Mass && m2.kind == Kind::Yield;
            if f.kind != m2.kind && !yields || f.kind == Kind::Duration && f.unit != m2.unit {
                return None;
            }
            // 五十万吨到六十万吨 is a range; 五十万吨到了月底 is not.
        }
        let (_, _, e2) = self.post_cue(m2.end);
        Some((n2, m2, e2))
    }

    /// A number with no unit of its own: 五千到一万吨 (the second end's unit), a big number
    /// counting a noun further on (几千万钢铁大军), or nothing.
    fn bare(&mut self, n: Num, p: usize, more_step: bool) -> usize {
        if let Some((n2, m2, e2)) = self.range_tail(p, None) {
            let lo = n.plain().or((n.shape != Shape::Plain).then_some(n.lo));
            let hi = n2.plain().map(|v| v + m2.plus).or((n2.shape != Shape::Plain).then_some(n2.hi));
            // 七～二个: no range (and the bare first number is no figure).
            if n.value.is_ok() && increasing(lo, hi) {
                let (_, a) = self.pre_cue(n.a);
                let status = if lo.is_some() && hi.is_some() { Status::Ok } else { Status::Unparsed };
                self.push_figure(
                    a,
                    e2,
                    &m2,
                    Interval { value: None, low: lo, high: hi, q: Qualifier::Range, raw: None, status },
                );
                return e2;
            }
        }
        // 孙万银, 万事不求人, 万代: a magnitude with no digit and no unit is no number.
        if n.is_bare_magnitude(&self.cs) {
            return n.b;
        }
        let big = match n.shape {
            Shape::Several | Shape::More => n.hi >= 10_000.0,
            Shape::Plain => n.value.as_ref().is_ok_and(|v| *v >= 10_000.0) && !n.digits_only,
            Shape::Range => n.hi >= 10_000.0,
        };
        // Index numbers written digit by digit: 以去年同期为一○○，指数为二六七.
        if n.digits_only && !n.arabic && n.ndigits >= 3 && n.shape == Shape::Plain {
            let s = self.sentence_start(n.a);
            let sentence = self.cs.get(s..).unwrap_or(&[]);
            let end = sentence.iter().position(|&c| is_sentence_end(c)).unwrap_or(sentence.len());
            let has_index = sentence[..end].windows(2).any(|w| w == ['指', '数']);
            if has_index || (n.a > 0 && self.cs[n.a - 1] == '为') {
                let m = Measure {
                    kind: Kind::Percent,
                    unit: "%".into(),
                    unit_raw: String::new(),
                    factor: 1.0,
                    end: n.b,
                    plus: 0.0,
                    more: false,
                };
                let iv = self.interval(&n, 0.0, None, None, false);
                self.push_figure(n.a, n.b, &m, iv);
                if let Some(c) = self.out.last_mut() {
                    c.add_note("index");
                }
                return n.b;
            }
        }
        if big {
            let ahead = self.noun_ahead(p, 20).map(|(c, _)| c);
            // 上山炼铁的人已由一万三增加到三万五: the people were named before.
            let back = || self.noun_back(n.a, &["person"]);
            if let Some(class) = ahead.or_else(back) {
                let (pre, a) = self.pre_cue(n.a);
                let (post, step2, e) = self.post_cue(p);
                let iv = self.interval(&n, 0.0, pre, post, more_step || step2);
                let m = Measure {
                    kind: Kind::Count,
                    unit: class,
                    unit_raw: String::new(),
                    factor: 1.0,
                    end: p,
                    plus: 0.0,
                    more: false,
                };
                self.push_figure(a, e, &m, iv);
                return e;
            }
        }
        n.b
    }

    /// `quals`: the cue before, the cue after, and whether a 多-like step follows.
    fn multiple(&mut self, n: Num, a: usize, e: usize, m: &Measure, quals: (Option<Cue>, Option<Cue>, bool)) -> usize {
        let (pre, post, more_step) = quals;
        let mut iv = self.interval(&n, m.plus, pre, post, false);
        // 提高四倍: x4 or x5. 是…的四倍, 增加到四倍: x4.
        let before = LEX.cues.before(&self.cs, a).map(|(_, c)| *c);
        let before_le =
            if a > 0 && self.cs[a - 1] == '了' { LEX.cues.before(&self.cs, a - 1).map(|(_, c)| *c) } else { None };
        let exact = matches!(before, Some(Cue::ExactBei));
        let cs = self.clause_start(a);
        // 产量加一倍 (加 and 多 alone are too common to be cue words), 超过上月平均日产量将近一倍:
        // increases too, x N or x N+1.
        let jia = a > 0 && self.cs[a - 1] == '加' || a > 1 && self.cs[a - 1] == '了' && self.cs[a - 2] == '加';
        // 比过去多六倍: more by N times, x N or x N+1.
        let duo = a > 0 && self.cs[a - 1] == '多' && (cs..a).any(|k| matches!(self.cs[k], '比' | '较'));
        let exceed = (cs..a).any(|k| self.starts(k, "超过") || self.starts(k, "超出"));
        let change = !exact
            && (matches!(before, Some(Cue::Change))
                || matches!(before_le, Some(Cue::Change))
                || jia
                || duo
                || (exceed || self.cue_in(cs, a, Cue::Change)) && !self.cue_in(cs, a, Cue::ExactBei));
        if let (Some(v), true) = (iv.value, n.shape == Shape::Plain) {
            if more_step {
                iv.q = Qualifier::MoreThan;
                iv.low = Some(v);
                iv.high = Some(tidy(v + if change { 1.0 } else { step_of(v) }));
            }
        }
        let mut claim_note = false;
        if change && n.shape == Shape::Plain {
            if let Some(v) = iv.value {
                claim_note = true;
                if iv.q != Qualifier::MoreThan || iv.high.is_some() {
                    iv.high = Some(tidy(v + 1.0));
                }
                if iv.q == Qualifier::LessThan {
                    iv.low = None;
                }
            }
        }
        let mut c = self.claim(a, e, Kind::Multiple);
        c.value = iv.value;
        c.low = iv.low;
        c.high = iv.high;
        c.qualifier = iv.q;
        c.value_raw = iv.raw;
        c.unit = "x".into();
        c.unit_raw = "倍".into();
        c.status = iv.status;
        if claim_note {
            c.add_note("bei_ambiguous");
            c.status = Status::Ambiguous;
        }
        self.out.push(c);
        e
    }

    /// 翻一番 = x2, 翻两番 = x4, 翻了十几番: several; 加一番 and 加番 / 翻番 with no number
    /// (一年之间钢产加番) = x2.
    fn fan(&mut self, i: usize) -> Option<usize> {
        let mut p = i + 1;
        if self.at(p) == Some('了') {
            p += 1;
        }
        // 参加番禺: 番 must end the phrase.
        let ends = self.at(p + 1).is_none_or(|c| !super::is_cjk(c) || matches!(c, '的' | '了' | '以' | '还'));
        if self.at(p) == Some('番') && p == i + 1 && ends && !(i > 0 && matches!(self.cs[i - 1], '参' | '附')) {
            let mut c = self.claim(i, p + 1, Kind::Multiple);
            c.unit = "x".into();
            c.unit_raw = "番".into();
            c.value = Some(2.0);
            c.low = Some(2.0);
            c.high = Some(2.0);
            c.value_raw = Some(2.0);
            self.out.push(c);
            return Some(p + 1);
        }
        let n = self.num(p)?;
        if self.at(n.b) != Some('番') {
            return None;
        }
        let e = n.b + 1;
        let mut c = self.claim(i, e, Kind::Multiple);
        c.unit = "x".into();
        c.unit_raw = "番".into();
        match n.shape {
            Shape::Plain => match n.int() {
                Some(k) if (0..=60).contains(&k) => {
                    let v = 2f64.powi(k as i32);
                    c.value = Some(v);
                    c.low = Some(v);
                    c.high = Some(v);
                    c.value_raw = Some(v);
                }
                _ => c.status = Status::Unparsed,
            },
            _ => {
                c.qualifier = Qualifier::Several;
                c.low = Some(2f64.powf(n.lo.min(60.0)));
                c.high = Some(2f64.powf(n.hi.min(60.0)));
            }
        }
        self.out.push(c);
        Some(e)
    }

    /// X分之Y (三分之一) and 百分之Y (百分之三十).
    fn fraction(&mut self, den: Num, num: Num) -> usize {
        let percent = den.plain() == Some(100.0) && den.b == den.a + 1;
        let (pre, a) = self.pre_cue(den.a);
        let (post, step, e) = self.post_cue(num.b);
        let m = if percent {
            Measure {
                kind: Kind::Percent,
                unit: "%".into(),
                unit_raw: "百分之".into(),
                factor: 1.0,
                end: num.b,
                plus: 0.0,
                more: false,
            }
        } else {
            let d = den.plain().filter(|d| *d != 0.0).unwrap_or(f64::NAN);
            Measure {
                kind: Kind::Fraction,
                unit: "1".into(),
                unit_raw: "分之".into(),
                factor: 1.0 / d,
                end: num.b,
                plus: 0.0,
                more: false,
            }
        };
        let mut iv = self.interval(&num, 0.0, pre, post, step);
        let mut e = e;
        // 百分之二十到三十: a range of percentages.
        if post.is_none() && matches!(self.at(num.b), Some('到' | '至')) {
            if let Some(n2) = self.num(num.b + 1).filter(|n2| n2.shape == Shape::Plain) {
                if let (Some(lo), Some(hi)) = (num.plain(), n2.plain()) {
                    if hi > lo && self.measure_at(n2.b, &n2).is_none() {
                        iv = Interval {
                            value: None,
                            low: Some(lo),
                            high: Some(hi),
                            q: Qualifier::Range,
                            raw: None,
                            status: Status::Ok,
                        };
                        e = n2.b;
                    }
                }
            }
        }
        if !m.factor.is_finite() {
            iv = Interval { value: None, low: None, high: None, status: Status::Unparsed, ..iv };
        }
        // 三分之一以上: at most the whole (and no bound at all for a fraction above one, 一分之二以上).
        if m.kind == Kind::Fraction && iv.q == Qualifier::MoreThan && iv.high.is_none() && !step {
            let d = den.plain().unwrap_or(1.0);
            iv.high = iv.low.filter(|&l| l <= d).map(|_| d);
        }
        self.push_figure(a, e, &m, iv);
        e
    }

    /// 半吨, 半月, 半年.
    fn half(&mut self, i: usize) -> Option<usize> {
        if i > 0 && matches!(self.cs[i - 1], '大' | '多' | '一' | '过' | '上' | '下' | '前' | '后') {
            return None;
        }
        let one = Num {
            a: i,
            b: i + 1,
            value: Ok(0.5),
            lo: 0.0,
            hi: 0.0,
            shape: Shape::Plain,
            digits_only: false,
            ndigits: 0,
            arabic: false,
        };
        let m = self.measure_at(i + 1, &one)?;
        if !matches!(m.kind, Kind::Mass | Kind::Duration | Kind::Length | Kind::Area) || m.unit_raw == "岁" {
            return None;
        }
        let (pre, a) = self.pre_cue(i);
        let (post, step, e) = self.post_cue(m.end);
        let iv = self.interval(&one, 0.0, pre, post, step);
        self.push_figure(a, e, &m, iv);
        Some(e)
    }

    /// 成千上万, 上万吨, 千百万: several, counted by what follows.
    fn vague_word(&mut self, a: usize, b: usize, lo: f64, hi: f64) -> usize {
        // 上百万 = 上百 x 万.
        let (mut b, mut lo, mut hi) = (b, lo, hi);
        while let Some(m) = self.at(b).filter(|&c| matches!(c, '万' | '亿')).and_then(numeral::magnitude) {
            lo *= m;
            hi *= m;
            b += 1;
        }
        let n =
            Num { a, b, value: Ok(lo), lo, hi, shape: Shape::Several, digits_only: false, ndigits: 0, arabic: false };
        let m = match self.measure_at(b, &n) {
            Some(m) if !matches!(m.kind, Kind::Duration | Kind::Multiple | Kind::Percent) => m,
            Some(_) => return b,
            None => {
                let class = self.noun_ahead(b, 16).map(|(c, _)| c).unwrap_or_else(|| "unit".into());
                Measure {
                    kind: Kind::Count,
                    unit: class,
                    unit_raw: String::new(),
                    factor: 1.0,
                    end: b,
                    plus: 0.0,
                    more: false,
                }
            }
        };
        let iv = Interval {
            value: None,
            low: Some(lo),
            high: Some(hi),
            q: Qualifier::Several,
            raw: None,
            status: Status::Ok,
        };
        self.push_figure(a, m.end, &m, iv);
        m.end
    }

    // --- dates ----------------------------------------------------------------------------

    /// A day later than the article's is in the month before, unless the sentence speaks
    /// of the future (准备迎接…15日至21日 in an article of 10-14).
    fn resolve_day(&self, a: usize, y: Option<i32>, m: Option<u32>, d: u32) -> Option<RefDate> {
        let art = self.article?;
        if m.is_none() && d > art.day() && self.cue_in(self.sentence_start(a), a, Cue::Future) {
            return NaiveDate::from_ymd_opt(art.year(), art.month(), d).map(RefDate::Day);
        }
        // A bare day after a date of another month in the same sentence (10月17日到20日).
        if m.is_none() {
            if let Some((RefDate::Day(prev), pos)) = self.last_date {
                if pos >= self.sentence_start(a)
                    && d >= prev.day()
                    && (prev.year(), prev.month()) != (art.year(), art.month())
                {
                    return NaiveDate::from_ymd_opt(prev.year(), prev.month(), d).map(RefDate::Day);
                }
            }
        }
        dates::resolve_day(art, y, m, d).map(RefDate::Day)
    }

    /// The month spoken of at `a`: the article's when the sentence speaks of the future, else
    /// that of a date earlier in the same sentence, else the article's.
    fn month_spoken_of(&self, a: usize) -> Option<(i32, u32)> {
        let art = self.article?;
        let here = (art.year(), art.month());
        if self.cue_in(self.sentence_start(a), a, Cue::Future) {
            return Some(here);
        }
        match self.last_date {
            Some((d, pos)) if pos >= self.sentence_start(a) => d.month().or(Some(here)),
            _ => Some(here),
        }
    }

    /// The month of a bare 月底 / 月末: the month spoken of, except that in an article of the
    /// first days of a month, a sentence with no month of its own that tells of something done
    /// (已, 了, 完成) and not of the future speaks of the previous month's end.
    fn month_end_month(&self, a: usize) -> Option<(i32, u32)> {
        let (y, m) = self.month_spoken_of(a)?;
        let art = self.article?;
        let s = self.sentence_start(a);
        let own_month = matches!(self.last_date, Some((_, pos)) if pos >= s);
        let mut e = a.min(self.cs.len());
        while e < self.cs.len() && !is_sentence_end(self.cs[e]) {
            e += 1;
        }
        let done = (s..e).any(|k| matches!(self.cs[k], '已' | '了') || self.starts(k, "完成"));
        if art.day() <= 5
            && (y, m) == (art.year(), art.month())
            && !own_month
            && done
            && !self.cue_in(s, e, Cue::Future)
        {
            return Some(if m == 1 { (y - 1, 12) } else { (y, m - 1) });
        }
        Some((y, m))
    }

    /// Whether 初 at `p` after a year starts another word (今年初步, 初秋, 初级), not 年初.
    fn not_year_start(&self, p: usize) -> bool {
        matches!(self.at(p + 1), Some('步' | '级' | '次' | '中' | '稿' | '春' | '夏' | '秋' | '冬'))
    }

    fn day_spoken_of(&self) -> Option<NaiveDate> {
        self.event_day.or(self.article)
    }

    /// Date expressions starting at `i`: [year] [month [份]] [day] [底/初/上旬…], and the date
    /// words of the lexicon. Pushes the claim(s) and returns the end.
    fn date(&mut self, i: usize) -> Option<usize> {
        let art = self.article;
        let mut p = i;
        let mut y: Option<i32> = None;
        let mut had_word = false;
        if let Some((len, &rule)) = LEX.dates.at(&self.cs, i) {
            match rule {
                DateRule::Year(off) => {
                    y = art.map(|d| d.year() + off);
                    had_word = true;
                    p = i + len;
                    if y.is_none() {
                        // No article date: the word is still a date, unresolved.
                        let e = p;
                        if !self.year_continues(p) {
                            self.push_date(i, e, None, Qualifier::Exact);
                            return Some(e);
                        }
                    }
                }
                // 都是日产: 是日 ("that day") opens a clause.
                DateRule::SameDay
                    if self.starts(i, "是日")
                        && i > 0
                        && super::is_cjk(self.cs[i - 1])
                        && !is_clause_end(self.cs[i - 1]) =>
                {
                    return None
                }
                _ => return Some(self.date_word(i, i + len, rule)),
            }
        } else if let Some(n) = self.num(i) {
            if self.at(n.b) == Some('年') && self.year_like(&n) {
                y = n.int().map(|v| v as i32);
                p = n.b + 1;
            }
        }
        // The second end of a month range (1958年1月到11月, 一九五八年一月至十一月).
        let range_from = self.range_from.filter(|&(at, _, _)| at == i && y.is_none() && !had_word);
        let mut m: Option<u32> = None;
        let mut month_only_word = false;
        if let Some(n) = self.num(p) {
            // 决战意义的一月, 红十月: a month written in Chinese numerals, with no year before it and
            // no 份 / day / 底 / 上旬 after it, is no date.
            let unmarked = y.is_none() && range_from.is_none() && !n.arabic && !self.month_marked(n.b + 1);
            if let Some(v) = self.month_of(&n).filter(|_| !unmarked) {
                m = Some(v);
                p = n.b + 1;
                if self.at(p) == Some('份') {
                    p += 1;
                    month_only_word = true;
                }
            }
        }
        if y.is_none() && m.is_none() && !had_word {
            // A bare day: 10日, 12日电, 二十一日 after 至.
            return self.bare_day(i);
        }
        if had_word && m.is_none() && y.is_some() {
            // 今年, 去年同期 were matched as words; 今年年底 / 去年8月份 continue.
            if self.starts(p, "年底") || self.starts(p, "年终") || self.starts(p, "年末") {
                let d = dates::end_of_year(y.unwrap_or(0));
                self.push_date(i, p + 2, d, Qualifier::Exact);
                return Some(p + 2);
            }
        }
        // 今年年初: the beginning of the year, its January (今年初, 1958年初 below).
        if m.is_none() && had_word && self.starts(p, "年初") && !self.not_year_start(p + 1) {
            let d = y.map(|yy| RefDate::Month(yy, 1));
            self.push_date(i, p + 2, d, Qualifier::Exact);
            return Some(p + 2);
        }
        if let (Some((_, yy, m1)), Some(mm)) = (range_from, m) {
            y = Some(if mm < m1 { yy + 1 } else { yy });
        }
        let mut d: Option<u32> = None;
        if m.is_some() && !month_only_word {
            if let Some(n) = self.num(p) {
                if matches!(self.at(n.b), Some('日' | '号')) {
                    if let Some(v) = n.int().filter(|v| (1..=31).contains(v)) {
                        d = Some(v as u32);
                        p = n.b + 1;
                    }
                }
            }
        }
        let a = i;
        let ref_date = match (y, m, d) {
            (_, Some(mm), Some(dd)) => art.and_then(|t| dates::resolve_day(t, y, Some(mm), dd)).map(RefDate::Day),
            (_, Some(mm), None) => {
                let yy = y.or_else(|| art.map(|t| dates::year_of_month(t, mm)));
                let mut r = yy.and_then(|yy| dates::resolve_month(art.unwrap_or_default(), Some(yy), mm));
                if let Some(yy) = yy {
                    if let Some((half, len)) = self.half_month(p) {
                        r = half_of_month(yy, mm, half);
                        p += len;
                    } else if matches!(self.at(p), Some('底' | '末')) {
                        r = dates::end_of_month(yy, mm);
                        p += 1;
                    } else if self.at(p) == Some('初') {
                        r = dates::xun(yy, mm, Xun::Early);
                        p += 1;
                    } else if self.starts(p, "上旬") || self.starts(p, "中旬") || self.starts(p, "下旬") {
                        let part = match self.at(p) {
                            Some('上') => Xun::Early,
                            Some('中') => Xun::Middle,
                            _ => Xun::Late,
                        };
                        r = dates::xun(yy, mm, part);
                        p += 2;
                    } else if self.at(p) == Some('中') && !self.starts(p, "中国") && !self.starts(p, "中共") {
                        r = dates::xun(yy, mm, Xun::Middle);
                        p += 1;
                    }
                } else if matches!(self.at(p), Some('底' | '末' | '初')) {
                    p += 1;
                } else if self.starts(p, "上旬") || self.starts(p, "中旬") || self.starts(p, "下旬") {
                    p += 2;
                }
                r
            }
            (Some(yy), None, _) => {
                if matches!(self.at(p), Some('底' | '末' | '终')) {
                    p += 1;
                    dates::end_of_year(yy)
                } else if self.at(p) == Some('初') && !self.not_year_start(p) {
                    p += 1;
                    Some(RefDate::Month(yy, 1))
                } else {
                    Some(RefDate::Year(yy))
                }
            }
            (None, None, _) => None,
        };
        let _ = a;
        // 1958年1月到11月: two dates (ANNOTATION.md); the second end is in the first one's year
        // (or the next, when its month is earlier: 1958年11月到2月).
        if let (Some(yy), Some(m1)) = (ref_date.and_then(|r| r.month()).map(|(yy, _)| yy), m) {
            if matches!(self.at(p), Some('到' | '至' | '—')) {
                self.range_from = Some((p + 1, yy, m1));
            }
        }
        // 10日这天: the day word belongs to the date (一天 after a day is the rate word, no claim).
        let mut e = p;
        if d.is_some() {
            for w in ["这一天", "这天"] {
                if self.starts(e, w) {
                    e += w.chars().count();
                    break;
                }
            }
        }
        self.push_date(i, e, ref_date, Qualifier::Exact);
        Some(e)
    }

    /// Whether what follows 月 at `p` makes a month of it: 份, a day (十五日), 底 / 末 / 初 /
    /// 间 / 产, 上旬 / 中旬 / 下旬, 上半月 / 下半月.
    fn month_marked(&self, p: usize) -> bool {
        // 八月产量, 九月产铁: the month's output.
        if matches!(self.at(p), Some('份' | '底' | '末' | '初' | '间' | '产')) {
            return true;
        }
        if ["上旬", "中旬", "下旬", "上半月", "下半月"].iter().any(|w| self.starts(p, w)) {
            return true;
        }
        self.num(p).is_some_and(|d| matches!(self.at(d.b), Some('日' | '号')))
    }

    /// 上半月 / 下半月 at `p`: which half (true = the first) and the word's length.
    fn half_month(&self, p: usize) -> Option<(bool, usize)> {
        if self.starts(p, "上半月") || self.starts(p, "前半月") {
            Some((true, 3))
        } else if self.starts(p, "下半月") || self.starts(p, "后半月") {
            Some((false, 3))
        } else {
            None
        }
    }

    fn year_continues(&self, p: usize) -> bool {
        self.num(p).is_some_and(|n| self.month_of(&n).is_some())
    }

    /// A numeral that names a year before 年: 1958, 一九五八.
    fn year_like(&self, n: &Num) -> bool {
        n.digits_only && n.ndigits == 4 && n.int().is_some_and(|v| (1800..=2100).contains(&v))
    }

    /// A numeral naming a month before 月: 1..12, not 两 (两月 is two months), not 个月.
    fn month_of(&self, n: &Num) -> Option<u32> {
        if self.at(n.b) != Some('月') || self.cs.get(n.a) == Some(&'两') {
            return None;
        }
        if n.a > 0 && matches!(self.cs[n.a - 1], '个' | '几' | '头' | '近' | '多' | '前' | '后') {
            return None;
        }
        n.int().filter(|v| (1..=12).contains(v)).map(|v| v as u32)
    }

    /// 10日, 12日电 (Arabic digits, or any numeral in a dateline or after 至/到 and a date).
    fn bare_day(&mut self, i: usize) -> Option<usize> {
        let n = self.num(i)?;
        let mut day_end = None;
        if self.at(n.b) == Some('日') {
            day_end = Some(n.b + 1);
        } else if self.at(n.b) == Some('、') {
            // 1、2日: both are days.
            let n2 = self.num(n.b + 1)?;
            if self.at(n2.b) == Some('日') && n.arabic == n2.arabic {
                day_end = Some(n.b + 1);
            }
        }
        let e = day_end?;
        let v = n.int().filter(|v| (1..=31).contains(v))? as u32;
        let after_date = i > 0
            && matches!(self.cs[i - 1], '至' | '到' | '、' | '—')
            && self.out.last().is_some_and(|c| c.kind == Kind::Date && c.end + 1 == i);
        let dateline = matches!(self.at(e), Some('电' | '讯'));
        if !(n.arabic || dateline || after_date) {
            return None;
        }
        if self.starts(e, "产") && !n.arabic {
            return None;
        }
        let d = self.resolve_day(i, None, None, v);
        if dateline {
            self.dateline = d.and_then(|d| d.day());
        }
        let mut end = e;
        if self.cs.get(e - 1) == Some(&'日') {
            for w in ["这一天", "这天"] {
                if self.starts(end, w) {
                    end += w.chars().count();
                    break;
                }
            }
        }
        let claim_end = if self.cs.get(e - 1) == Some(&'、') { e - 1 } else { end };
        self.push_date(i, claim_end.max(i + 1), d, Qualifier::Exact);
        Some(end)
    }

    fn date_word(&mut self, a: usize, b: usize, rule: DateRule) -> usize {
        let art = self.article;
        let d = match rule {
            DateRule::Year(off) => art.map(|t| RefDate::Year(t.year() + off)),
            DateRule::YearEnd => art.and_then(|t| dates::end_of_year(t.year())),
            DateRule::MonthEnd => self.month_end_month(a).and_then(|(y, m)| dates::end_of_month(y, m)),
            DateRule::MonthStart => self.month_spoken_of(a).and_then(|(y, m)| dates::xun(y, m, Xun::Early)),
            DateRule::SameDay => self.day_spoken_of().map(RefDate::Day),
            DateRule::NextDay => self.day_spoken_of().map(|d| RefDate::Day(d + Duration::days(1))),
            DateRule::Today => self.dateline.or(art).map(RefDate::Day),
            DateRule::Yesterday => self.dateline.or(art).map(|d| RefDate::Day(d - Duration::days(1))),
            DateRule::SamePeriodLastYear => art.map(|t| {
                let (y, m) = self.last_date.and_then(|(d, _)| d.month()).unwrap_or((t.year(), t.month()));
                RefDate::Month(y - 1, m)
            }),
            DateRule::ThisDayLastYear => {
                art.and_then(|t| NaiveDate::from_ymd_opt(t.year() - 1, t.month(), t.day())).map(RefDate::Day)
            }
            DateRule::Month(off) => art.map(|t| {
                let k = t.year() * 12 + t.month() as i32 - 1 + off;
                RefDate::Month(k.div_euclid(12), (k.rem_euclid(12) + 1) as u32)
            }),
            DateRule::Part(x) => self.month_spoken_of(a).and_then(|(y, m)| dates::xun(y, m, x)),
        };
        // 本月上旬, 上月底: the part of that month.
        let mut b = b;
        let mut d = d;
        if let (DateRule::Month(_), Some(RefDate::Month(y, m))) = (rule, d) {
            let part = |w: &str| self.starts(b, w);
            let day = self
                .num(b)
                .filter(|n| matches!(self.at(n.b), Some('日' | '号')))
                .and_then(|n| n.int().filter(|v| (1..=31).contains(v)).map(|v| (v as u32, n.b + 1)));
            if let Some((dd, e)) = day {
                // 本月10日: one date.
                d = NaiveDate::from_ymd_opt(y, m, dd).map(RefDate::Day);
                b = e;
            } else if let Some((half, len)) = self.half_month(b) {
                d = half_of_month(y, m, half);
                b += len;
            } else if part("上旬") || part("中旬") || part("下旬") {
                let x = match self.at(b) {
                    Some('上') => Xun::Early,
                    Some('中') => Xun::Middle,
                    _ => Xun::Late,
                };
                d = dates::xun(y, m, x);
                b += 2;
            } else if matches!(self.at(b), Some('底' | '末')) {
                d = dates::end_of_month(y, m);
                b += 1;
            } else if self.at(b) == Some('初') {
                d = dates::xun(y, m, Xun::Early);
                b += 1;
            }
        }
        // 今天 / 昨天 speak of the dateline's day; they do not move "the date just mentioned".
        let keep = self.last_date;
        self.push_date(a, b, d, Qualifier::Exact);
        if matches!(
            rule,
            DateRule::Today | DateRule::Yesterday | DateRule::SamePeriodLastYear | DateRule::ThisDayLastYear
        ) {
            self.last_date = keep;
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::lexicon::{COUNTERS, CUES, DATE_WORDS, NONNUMBERS, NOUNS, UNITS, VAGUE};
    use super::*;
    use crate::article::{Lang, SectionKind};
    use chinese_number::{ChineseCase, ChineseCountMethod, ChineseVariant, NumberToChinese};
    use proptest::prelude::*;

    fn run(text: &str, date: &str) -> Vec<Claim> {
        let ctx = Context { lang: Lang::Zh, section: SectionKind::Body, article_date: dates::parse_iso(date) };
        extract(text, &ctx)
    }

    /// (surface, kind, value, low, high, ref_date) of each claim.
    type Brief = (String, &'static str, Option<f64>, Option<f64>, Option<f64>, String);

    /// Every word of the extractor's lists (first 40 of each, to keep cases short).
    fn lexicon_words() -> Vec<String> {
        [&UNITS, &COUNTERS, &NOUNS, &VAGUE, &DATE_WORDS, &CUES, &NONNUMBERS]
            .iter()
            .flat_map(|l| l.rows.iter().take(40).map(|(_, r)| r[0].clone()))
            .collect()
    }

    fn brief(text: &str) -> Vec<Brief> {
        run(text, "1958-10-13")
            .into_iter()
            .map(|c| (c.surface, c.kind.as_str(), c.value, c.low, c.high, c.ref_date))
            .collect()
    }

    macro_rules! one {
        ($text:expr, $surface:expr, $kind:expr, $value:expr, $low:expr, $high:expr) => {{
            let got = brief($text);
            assert_eq!(got.len(), 1, "{}: {:?}", $text, got);
            let (s, k, v, l, h, _) = &got[0];
            assert_eq!((s.as_str(), *k, *v, *l, *h), ($surface, $kind, $value, $low, $high), "{}", $text);
        }};
    }
    macro_rules! none {
        ($text:expr) => {{
            let got = brief($text);
            assert!(got.is_empty(), "{}: {:?}", $text, got);
        }};
    }
    macro_rules! date {
        ($text:expr, $surface:expr, $ref:expr) => {{
            let got = brief($text);
            assert!(got.iter().any(|g| g.0 == $surface && g.1 == "date" && g.5 == $ref), "{}: {:?}", $text, got);
        }};
    }

    #[test]
    fn masses_counts_and_qualifiers() {
        one!("全县采煤劳动力增加到九万多人。", "九万多人", "count", Some(90000.0), Some(90000.0), Some(100000.0));
        one!(
            "全国共生产生铁一千零七十万吨。",
            "一千零七十万吨",
            "mass",
            Some(10_700_000.0),
            Some(10_700_000.0),
            Some(10_700_000.0)
        );
        one!("全县有七百五十二座土炉停止生产。", "七百五十二座", "count", Some(752.0), Some(752.0), Some(752.0));
        one!("平均每炉出铁四千六百多斤。", "四千六百多斤", "mass", Some(2.3), Some(2.3), Some(2.35));
        one!("日产钢逾五千吨。", "逾五千吨", "mass", Some(5000.0), Some(5000.0), None);
        one!("钢产量约二十万吨左右。", "约二十万吨左右", "mass", Some(200_000.0), Some(200_000.0), Some(200_000.0));
        one!("每座炉日产不到三吨。", "不到三吨", "mass", Some(3.0), None, Some(3.0));
        one!("产量在七百万人以上的省份。", "七百万人以上", "count", Some(7e6), Some(7e6), None);
        one!("全省已有七百多万人上阵。", "七百多万人", "count", Some(7e6), Some(7e6), Some(8e6));
    }

    #[test]
    fn ranges_and_vague_amounts() {
        one!("每炉日产三、四百吨。", "三、四百吨", "mass", None, Some(300.0), Some(400.0));
        one!("全年可产五十万吨到六十万吨生铁。", "五十万吨到六十万吨", "mass", None, Some(500_000.0), Some(600_000.0));
        one!("一般在五千到一万吨之间。", "五千到一万吨", "mass", None, Some(5000.0), Some(10000.0));
        one!("有三四千人参加。", "三四千人", "count", None, Some(3000.0), Some(4000.0));
        one!("全国几千万钢铁大军上阵。", "几千万钢铁大军", "count", None, Some(1e7), Some(1e8));
        one!("开始时每天只出十几吨铁。", "十几吨", "mass", None, Some(10.0), Some(20.0));
        one!("开始每天只产一百零几吨。", "一百零几吨", "mass", None, Some(101.0), Some(109.0));
    }

    #[test]
    fn percents_fractions_multiples() {
        one!("合格率达到百分之九十九。", "百分之九十九", "percent", Some(99.0), Some(99.0), Some(99.0));
        one!("产量下降20％左右。", "20％左右", "percent", Some(20.0), Some(20.0), Some(20.0));
        one!(
            "抽出三分之一以上的劳动力。",
            "三分之一以上",
            "fraction",
            Some(0.333333333333),
            Some(0.333333333333),
            Some(1.0)
        );
        one!("抽出一半以上的干部。", "一半以上", "fraction", Some(0.5), Some(0.5), Some(1.0));
        one!("管理人员减少了一半还多。", "一半还多", "fraction", Some(0.5), Some(0.5), Some(1.0));
        one!("日产量提高四倍。", "四倍", "multiple", Some(4.0), Some(4.0), Some(5.0));
        one!("产量是原来的三十一倍。", "三十一倍", "multiple", Some(31.0), Some(31.0), Some(31.0));
        one!("生铁产量翻了一番。", "翻了一番", "multiple", Some(2.0), Some(2.0), Some(2.0));
        one!("比原来增长了一倍多。", "一倍多", "multiple", Some(1.0), Some(1.0), Some(2.0));
    }

    #[test]
    fn dates_resolve_against_the_article() {
        date!("新华社长沙12日电　湖南省涟源县开展采煤运动。", "12日", "1958-10-12");
        date!("日产量较9月底提高四倍。", "9月底", "1958-09-30");
        date!("在今年12月底以前完成。", "今年12月底", "1958-12-31");
        date!("全省10月份的产量。", "10月份", "1958-10");
        date!("9月下旬的产量。", "9月下旬", "1958-09-21/1958-09-30");
        date!("准备迎接全省15日至21日的钢铁周。", "15日", "1958-10-15");
        date!("准备迎接全省15日至21日的钢铁周。", "21日", "1958-10-21");
        date!("在9月30日发射卫星以后的第二天。", "第二天", "1958-10-01");
        date!("一九五八年是大跃进的一年。", "一九五八年", "1958");
        date!("1958年1月到11月的产量。", "1958年1月", "1958-01");
        date!("1958年1月到11月的产量。", "11月", "1958-11");
        date!("1957年11月到2月的产量。", "2月", "1958-02");
        date!("一九五八年一月至十一月的产量。", "十一月", "1958-11");
        none!("这是钢铁生产具有决战意义的一月，迎接红十月。");
    }

    #[test]
    fn words_with_numerals_are_no_figures() {
        none!("我们一定要一步步地提高质量，一面生产一面学习。");
        none!("第一书记上马抓煤炭，这是第二次战役。");
        none!("只要大家统一思想，万一出了问题也不怕，千万不能松劲。");
        none!("涟源一天产煤，一个接着一个，这是一件大事。");
    }

    #[test]
    fn unparsed_numerals_are_kept() {
        let c = run("产量达到十十吨。", "1958-10-13");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].status, Status::Unparsed);
        assert_eq!(c[0].value, None);
    }

    #[test]
    fn horsepower_is_power() {
        let c = run("船队增加马力四千匹。", "1958-12-26");
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].kind, c[0].unit.as_str()), (Kind::Power, "kW"));
        assert!((c[0].value.unwrap_or(0.0) - 2941.995).abs() < 1e-6);
    }

    #[test]
    fn year_start_and_past_month_end() {
        let got = brief("今年年初全县只有两座高炉。");
        assert_eq!(got[0].5, "1958-01");
        let c = run("到月底全省已产钢三万吨。", "1958-11-02");
        assert_eq!(c[0].ref_date, "1958-10-31");
        let c = run("计划到月底产钢三万吨。", "1958-11-02");
        assert_eq!(c[0].ref_date, "1958-11-30");
        assert!(brief("在这三个厂里工人们日夜苦战。").is_empty());
    }

    proptest! {
        #[test]
        fn numbers_written_by_chinese_number_parse_back(n in 2u64..=1_000_000_000_000u64) {
            let s = n.to_chinese(ChineseVariant::Simple, ChineseCase::Lower, ChineseCountMethod::TenThousand).unwrap();
            let text = format!("全省共生产生铁{s}吨，超额完成了计划。");
            let c = run(&text, "1958-10-13");
            prop_assert_eq!(c.len(), 1, "{}", text);
            prop_assert_eq!(c[0].value, Some(n as f64), "{}", text);
        }

        /// The starter bit test only skips characters at which `step` would read nothing.
        #[test]
        fn skipping_non_starters_changes_nothing(
            parts in proptest::collection::vec(prop_oneof![
                proptest::sample::select(lexicon_words()),
                "[零○〇一二两三四五六七八九十百千万亿几数多余点.,，、0-9年月日号底初旬吨斤个座人倍％至到—半分之第翻番了以上左右约近今去明天电。的在和产钢铁厂县省a-z ]{1,6}",
            ], 0..12)
        ) {
            let text: String = parts.concat();
            let ctx = Context { lang: Lang::Zh, section: SectionKind::Body, article_date: dates::parse_iso("1958-10-13") };
            let mut all = Extractor::new(&text, &ctx);
            let mut i = 0;
            while i < all.cs.len() {
                i = all.step(i);
            }
            prop_assert_eq!(format!("{:?}", all.out), format!("{:?}", extract(&text, &ctx)), "{}", text);
        }

        #[test]
        fn never_panics(s in "[零○〇一二两三四五六七八九十百千万亿几数多余点·.,，、0-9０-９年月日号底初旬吨斤个座人倍％%至到—半分之第翻番了以上左右约近今去明天电。a-z ]{0,40}") {
            let c = run(&s, "1958-10-13");
            for x in &c {
                prop_assert!(x.start <= x.end && x.end <= s.chars().count());
                prop_assert_eq!(s.chars().skip(x.start).take(x.end - x.start).collect::<String>(), x.surface.clone());
            }
            let _ = run(&s, "1958-03-31");
            let ctx = Context { lang: Lang::Zh, section: SectionKind::Body, article_date: None };
            let _ = extract(&s, &ctx);
        }

        #[test]
        fn never_panics_on_any_text(s in any::<String>()) {
            let c = run(&s, "1958-10-13");
            for x in &c {
                prop_assert!(x.start <= x.end && x.end <= s.chars().count());
            }
        }
    }
}
