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
use crate::claim::{Claim, Kind, Qualifier};
use crate::dates::{self, RefDate, Xun};
use crate::numerals::zh::{self as numeral, scan_num, Num, Shape};

mod lexicon;
mod measure;
mod multiples;
mod quantity;

use super::{is_cjk, HashMap};
use lexicon::{Cue, DateRule, LEX};
use measure::Measure;
use quantity::Interval;

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
            return self.near_double(i);
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
    use crate::claim::Status;
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
