//! Measures: what follows a Chinese numeral and makes it a figure (issue 3).
//!
//! Input: the extractor's characters, a numeral ([`Num`]) and the position after it. Output:
//! a [`Measure`]: the kind (mass, count, duration, percent, multiple, yield ...), the canonical
//! unit and the factor to it, the unit as printed, where the figure ends, and what the wording
//! adds (一吨半, 一尺五寸, 两个多月). Durations, percents and 倍 are rules in code; units,
//! counters and counted nouns come from the lexicon. A 斤 figure becomes a yield (jin per mu)
//! where the clause or what follows speaks of one, except a share per person; a counter's class
//! is the counted noun after it, else one named before in the sentence.
//!
//! Invariants: reads only; no claim is pushed here.

use super::lexicon::{Cue, Unit, LEX};
use super::{is_clause_end, numeral::scan_num, Extractor, Num, Shape};
use crate::claim::Kind;

/// A 斤 / 公斤 / 担 measure read as a yield in jin per mu.
pub(super) fn as_yield(m: Measure) -> Measure {
    let factor = match m.unit_raw.as_str() {
        "公斤" => 2.0,
        "担" | "市担" => 100.0,
        _ => 1.0,
    };
    Measure { kind: Kind::Yield, unit: "jin/mu".into(), factor, ..m }
}

/// Characters that may follow a counter ending its noun phrase: verbs and adverbs (增加, 已经,
/// 都, 全部), conjunctions and comparison words (和, 比). Sorted (a test checks), for
/// `binary_search`.
const AFTER_COUNTER: &[char] = &[
    '上', '下', '与', '也', '了', '以', '全', '共', '内', '出', '到', '又', '及', '发', '同', '和', '在', '均', '增',
    '就', '已', '并', '提', '是', '正', '比', '被', '过', '还', '都', '降',
];

/// Verbs and function words that end the noun phrase after a counter (十一个基地可以通汽车:
/// 汽车 is not what is counted). Sorted (a test checks), for `binary_search`.
const NOUN_STOP: &[char] = &['也', '可', '在', '就', '已', '是', '有', '比', '能', '被', '还', '通', '都'];

/// What follows a number: its unit and the end of the figure.
#[derive(Debug, Clone)]
pub(super) struct Measure {
    pub(super) kind: Kind,
    pub(super) unit: String,
    pub(super) unit_raw: String,
    pub(super) factor: f64,
    /// Char index after the unit (and counted noun).
    pub(super) end: usize,
    /// Added to the number (一个半小时, 一倍半).
    pub(super) plus: f64,
    /// 多 inside the measure (两个多月).
    pub(super) more: bool,
}

impl Measure {
    /// A measure with nothing added and no 多.
    pub(super) fn new(kind: Kind, unit: &str, unit_raw: &str, factor: f64, end: usize) -> Measure {
        Measure { kind, unit: unit.into(), unit_raw: unit_raw.into(), factor, end, plus: 0.0, more: false }
    }
}

/// Duration words that take the counter 个 (三个月, 两个钟头, 三个星期); 月 is a duration only
/// after 个 (or in 两月: 十月 is a month's name).
const TAKES_GE: [&str; 4] = ["月", "小时", "钟头", "星期"];

impl Extractor<'_> {
    /// The unit, counter or counted noun after a numeral at `p`.
    ///
    /// Example: in 这个县修了三百座小高炉, after 三百 it finds the counter 座 and the counted noun
    /// 小高炉 (a count of furnaces); in 亩产八百斤 it reads 斤 as a yield in jin per mu.
    pub(super) fn measure_at(&self, p: usize, n: &Num) -> Option<Measure> {
        if let Some(m) = self.duration_at(p, n) {
            return Some(m);
        }
        if let Some(m) = self.percent_or_multiple_at(p, n) {
            return Some(m);
        }
        if let Some((len, u)) = LEX.units.at(&self.cs, p) {
            return self.unit_at(p, n, len, u);
        }
        if let Some(m) = self.earthwork_fang(p) {
            return Some(m);
        }
        self.counted_at(p, n)
    }

    /// 方 after a number at `p` as a cubic metre of earthwork: only where the clause speaks of
    /// earthwork before it (a cue `earthwork` of cues_zh.csv: 土石方, 挖土, 填方) or 土 / 石
    /// follows (三万方土石), and 方 starts no word of its own (方面, 方法, 方向, 方针).
    ///
    /// Example: in 全县挖土五千方 it reads 五千方 as 5000 m3; in 三方面 it reads nothing.
    fn earthwork_fang(&self, p: usize) -> Option<Measure> {
        if self.at(p) != Some('方') {
            return None;
        }
        let next = self.at(p + 1);
        if next.is_some_and(|c| "面法向针式案形位便言子圆剂块阵略".contains(c)) {
            return None;
        }
        let earth_after = next.is_some_and(|c| matches!(c, '土' | '石'));
        (earth_after || self.cue_in(self.clause_start(p), p, Cue::Earthwork))
            .then(|| Measure::new(Kind::Volume, "L", "方", 1000.0, p + 1))
    }

    /// The chars `[p, p + len)` as printed.
    pub(super) fn raw(&self, p: usize, len: usize) -> String {
        self.cs.get(p..p + len).map(|s| s.iter().collect()).unwrap_or_default()
    }

    /// Durations (a counter 个 may stand before month/hour/week, 多 or 半 after it); the words,
    /// units and factors are the `duration` rows of units_zh.csv.
    ///
    /// Example: 三个多月 is a duration of more than three months, 三小时二十二分 one of hours.
    fn duration_at(&self, p: usize, n: &Num) -> Option<Measure> {
        let mut q = p;
        let mut ge = false;
        if self.at(q) == Some('个') {
            q += 1;
            ge = true;
        }
        let mut more = false;
        if ge && self.at(q) == Some('多') {
            more = true;
            q += 1;
        }
        let mut plus = 0.0;
        if ge && self.at(q) == Some('半') {
            plus = 0.5;
            q += 1;
        }
        // No two duration words share a first character, so the longest word at `q` is the
        // only one that can match, as when each was tried in turn.
        let (len, d) = LEX.durations.at(&self.cs, q)?;
        let w = self.raw(q, len);
        if TAKES_GE.contains(&w.as_str()) && (ge || w != "月") {
            let e = q + len;
            let mut m = Measure::new(Kind::Duration, &d.unit, &w, d.factor, e);
            m.plus = plus;
            m.more = more;
            // 三小时二十二分(钟): one duration.
            if d.unit == "hour" && plus == 0.0 && !more {
                if let Some((add, end)) = self.minutes_after(e) {
                    m.plus = add;
                    m.end = end;
                }
            }
            return Some(m);
        }
        if ge {
            return None;
        }
        self.duration_without_counter(p, n, &w, d)
    }

    /// 二十二分 / 二十二分钟 after an hour at `e`: the fraction of an hour it adds, and its end.
    fn minutes_after(&self, e: usize) -> Option<(f64, usize)> {
        let mins = scan_num(&self.cs, e).filter(|t| self.at(t.b) == Some('分'))?;
        let v = mins.int().filter(|v| (1..60).contains(v))?;
        Some((v as f64 / 60.0, mins.b + 1 + usize::from(self.at(mins.b + 1) == Some('钟'))))
    }

    /// Durations with no 个 before them: 两月, 三天, 十分钟, 五年, 两周; `w` the duration word
    /// at `p` and `d` its row.
    fn duration_without_counter(&self, p: usize, n: &Num, w: &str, d: &Unit) -> Option<Measure> {
        let read = match w {
            // 两月 (never a month's name) is two months.
            "月" => self.cs.get(n.a) == Some(&'两') && n.b == n.a + 1,
            "年" => !(self.starts(p, "年产") || (n.digits_only && n.ndigits > 1)),
            "周" => self.at(p + 1) != Some('年'),
            _ => true,
        };
        read.then(|| Measure::new(Kind::Duration, &d.unit, w, d.factor, p + w.chars().count()))
    }

    /// Percentage points (百分点), percents (％, and 成 = tenths) and multiples (倍, 倍半).
    fn percent_or_multiple_at(&self, p: usize, n: &Num) -> Option<Measure> {
        // 个百分点 / 百分点: percentage points.
        for w in ["个百分点", "百分点"] {
            if self.starts(p, w) {
                return Some(Measure::new(Kind::Percent, "pp", "百分点", 1.0, p + w.chars().count()));
            }
        }
        if matches!(self.at(p), Some('％' | '%')) {
            return Some(Measure::new(Kind::Percent, "%", &self.raw(p, 1), 1.0, p + 1));
        }
        // 3‰: per thousand, a percent like 千分之三.
        if self.at(p) == Some('‰') {
            return Some(Measure::new(Kind::Percent, "%", "‰", 0.1, p + 1));
        }
        if self.at(p) == Some('倍') {
            let mut m = Measure::new(Kind::Multiple, "x", "倍", 1.0, p + 1);
            if self.at(p + 1) == Some('半') {
                m.plus = 0.5;
                m.end += 1;
            }
            return Some(m);
        }
        // 三成 (30 %), 八点五成 (85 %), 二三成: tenths, up to ten.
        let tenths = n.plain().is_some_and(|v| v > 0.0 && v <= 10.0) || (n.shape == Shape::Range && n.hi <= 10.0);
        if self.at(p) == Some('成')
            && tenths
            && !matches!(
                self.at(p + 1),
                Some(
                    '为' | '了'
                        | '功'
                        | '立'
                        | '绩'
                        | '本'
                        | '果'
                        | '就'
                        | '长'
                        | '员'
                        | '品'
                        | '套'
                        | '批'
                        | '千'
                        | '万'
                        | '倍'
                )
            )
        {
            let mut m = Measure::new(Kind::Percent, "%", "成", 10.0, p + 1);
            // 三成半: three tenths and a half, 35 %; 七成五: seven and a half tenths, 75 % (one
            // digit after 成 that starts no figure of its own: not 三成五个公社).
            if n.shape == Shape::Plain && n.plain().is_some_and(|v| v.fract() == 0.0 && v < 10.0) {
                let digit = self.at(p + 1).filter(|c| "一二三四五六七八九".contains(*c));
                if self.at(p + 1) == Some('半') {
                    m.plus = 0.5;
                    m.end += 1;
                } else if let Some(d) = digit.and_then(crate::numerals::zh::digit_value) {
                    if !self.at(p + 2).is_some_and(|c| {
                        crate::numerals::zh::is_numeral_char(c)
                            || LEX.counters.at(&self.cs, p + 2).is_some()
                            || LEX.units.at(&self.cs, p + 2).is_some()
                    }) {
                        m.plus = f64::from(d) / 10.0;
                        m.end += 1;
                    }
                }
            }
            return Some(m);
        }
        None
    }

    /// A unit of the lexicon at `p` (`len` chars): with 半 or a lower unit after it (一吨半,
    /// 一尺五寸), and a 斤 / 担 figure read as a yield where the text speaks of one.
    fn unit_at(&self, p: usize, n: &Num, len: usize, u: &Unit) -> Option<Measure> {
        let unit_raw = self.raw(p, len);
        // 一两个 is one or two, not a liang; so is 两 before a duration (28、29两天: two days).
        if unit_raw == "两"
            && (LEX.counters.at(&self.cs, p + 1).is_some() || LEX.durations.at(&self.cs, p + 1).is_some())
        {
            return None;
        }
        let mut m = Measure {
            kind: u.kind,
            unit: u.unit.clone(),
            unit_raw: unit_raw.clone(),
            factor: u.factor,
            end: p + len,
            plus: 0.0,
            more: false,
        };
        // 一吨半 = 1.5 t.
        if self.at(m.end) == Some('半') && n.int().is_some() {
            m.plus = 0.5;
            m.end += 1;
        }
        self.lower_unit(&mut m, n);
        if u.kind == Kind::Mass
            && matches!(unit_raw.as_str(), "斤" | "市斤" | "公斤" | "担" | "市担")
            && (self.yield_context(n.a) || self.yield_after(m.end) && !self.per_person(n.a))
        {
            m = as_yield(m);
        }
        Some(m)
    }

    /// 一尺五寸 = 1.5 尺, 一丈二尺, 八斤二两 (16 两 to the 斤 until 1959), 一亩一分: one figure.
    fn lower_unit(&self, m: &mut Measure, n: &Num) {
        // The lower units of a compound, each with how many make one of the printed unit:
        // 一丈九尺, 一尺五寸, 十三万斤十两四钱 (16 两 to the 斤 until 1959, 10 钱 to the 两),
        // 一亩零七厘五 (a 零 may stand for a unit left out; a last bare digit is a tenth of the
        // last unit: 七厘五 = 7.5 厘).
        let lower: &[(&str, f64)] = match m.unit_raw.as_str() {
            "丈" => &[("尺", 10.0), ("寸", 100.0)],
            "尺" => &[("寸", 10.0)],
            "斤" | "市斤" => &[("两", 16.0), ("钱", 160.0)],
            "亩" => &[("分", 10.0), ("厘", 100.0)],
            _ => return,
        };
        let Some(v) = n.plain() else { return };
        if m.plus != 0.0 || v.fract() != 0.0 {
            return;
        }
        let (mut pos, mut plus, mut last) = (m.end, 0.0, None);
        // A numeral of one or two characters right before the lower unit (十两: 两 is the unit
        // there, though a digit elsewhere), fewer than make one of the unit above it.
        let before_unit = |at: usize, w: &str, most: f64| -> Option<(f64, usize)> {
            let e = (at + 1..=(at + 2).min(self.cs.len())).find(|&e| {
                self.starts(e, w) && self.cs[at..e].iter().all(|&c| crate::numerals::zh::is_numeral_char(c))
            })?;
            let d = crate::numerals::zh::parse(&self.cs[at..e].iter().collect::<String>()).ok()?;
            (d > 0.0 && d.fract() == 0.0 && d < most).then_some((d, e))
        };
        let mut above = 1.0;
        for &(w, ratio) in lower {
            let at = if self.at(pos) == Some('零') { pos + 1 } else { pos };
            if let Some((d, e)) = before_unit(at, w, ratio / above) {
                plus += d / ratio;
                pos = e + w.chars().count();
                last = Some(ratio);
            }
            above = ratio;
        }
        // 七厘五: one more digit, a tenth of the last unit, where nothing it could count follows.
        if let Some(ratio) = last {
            let tail = scan_num(&self.cs, pos).filter(|t| t.b == pos + 1);
            if let Some(d) = tail.and_then(|t| t.int()).filter(|&d| d > 0) {
                let counts = LEX.counters.at(&self.cs, pos + 1).is_some() || LEX.units.at(&self.cs, pos + 1).is_some();
                if !counts && !self.at(pos + 1).is_some_and(crate::numerals::zh::is_numeral_char) {
                    plus += d as f64 / (ratio * 10.0);
                    pos += 1;
                }
            }
        }
        if plus > 0.0 {
            m.plus = plus;
            m.end = pos;
        }
    }

    /// 度 of electricity, counters and what they count, and nouns that count without one.
    fn counted_at(&self, p: usize, n: &Num) -> Option<Measure> {
        let cs = &self.cs;
        // 度 is energy only when electricity is spoken of (一千三百度 is a temperature).
        if self.at(p) == Some('度')
            && (self.starts(p + 1, "电") || cs.get(self.clause_start(n.a)..n.a).is_some_and(|s| s.contains(&'电')))
        {
            return Some(Measure::new(Kind::Energy, "kWh", "度", 1.0, p + 1));
        }
        // Counters, then what they count: the noun after them (七百五十二座土炉), else a thing
        // named earlier in the sentence (小煤窑由…六百三十处).
        if let Some((len, (class, defer))) = LEX.counters.at(cs, p) {
            let e = p + len;
            // 马力四万七千匹: 匹 counts horsepower (metric, 0.7355 kW), not animals.
            let from = self.clause_start(n.a).max(n.a.saturating_sub(4));
            if self.at(p) == Some('匹') && (from..n.a).any(|k| self.starts(k, "马力")) {
                return Some(Measure::new(Kind::Power, "kW", "匹", 0.73549875, e));
            }
            let mut class = class.clone();
            if *defer {
                if let Some(c) = self.noun_after(e, 8) {
                    class = c;
                } else if let Some(c) = self
                    .noun_back(n.a, &["furnace", "mine", "vehicle", "machine"])
                    .filter(|_| self.counter_ends_phrase(e))
                {
                    class = c;
                }
            }
            return Some(Measure::new(Kind::Count, &class, &self.raw(p, len), 1.0, e));
        }
        if let Some((len, (class, true))) = LEX.direct_nouns.at(cs, p).map(|(l, d)| (l, (d.0.clone(), d.1))) {
            let (class, end) = self.noun_head(&class, p + len);
            return Some(Measure::new(Kind::Count, &class, "", 1.0, end));
        }
        None
    }

    /// Whether 斤 at a numeral starting at `a` is a yield: 亩产 / 每亩 shortly before in the
    /// clause, or a yield just before in the same sentence (亩产只有一百九十斤，今年达到一千零五十斤).
    fn yield_context(&self, a: usize) -> bool {
        let from = self.clause_start(a).max(a.saturating_sub(10)).min(a);
        if self.cue_in(from, a, Cue::Yield) {
            return true;
        }
        let s = self.sentence_start(a);
        let Some(prev) = self.out.iter().rev().find(|c| c.kind != Kind::Date) else { return false };
        // Not across a per-person figure: 亩产千斤、每人平均千斤.
        let between = self.cs.get(prev.end.min(a)..a).unwrap_or(&[]);
        prev.kind == Kind::Yield && prev.end >= s && prev.end <= a && a - prev.end <= 16 && !between.contains(&'每')
    }

    /// Whether a 斤 figure ending at `e` is named by what follows as a per-mu yield: 千斤县,
    /// 千斤水稻市, 五千斤以上的“卫星”, 千斤以上的高粱、大豆专区 (a qualifier, 的, crops, quotes
    /// and pause marks may stand between).
    fn yield_after(&self, e: usize) -> bool {
        let mut k = e;
        if let Some((len, Cue::ApproxPost | Cue::MorePost | Cue::LessPost)) = LEX.cues.at(&self.cs, k) {
            k += len;
        }
        if self.at(k) == Some('的') {
            k += 1;
            // 两万斤以上的六点一亩: the area that yields it.
            if let Some(n) = self.num(k) {
                return self.starts(n.b, "亩") && !self.starts(n.b, "亩产");
            }
        }
        let end = (k + 12).min(self.cs.len());
        while k < end {
            match LEX.cues.at(&self.cs, k) {
                Some((_, Cue::YieldHead)) => return true,
                Some((len, Cue::Crop)) => k += len,
                _ if matches!(self.cs[k], '、' | '“' | '”' | '"' | '‘' | '’') => k += 1,
                _ => return false,
            }
        }
        false
    }

    /// Whether the clause before `a` speaks of a share per person (每人平均五百斤以上的县).
    fn per_person(&self, a: usize) -> bool {
        let from = self.clause_start(a);
        (from..a).any(|k| self.starts(k, "每人") || self.starts(k, "人均") || self.starts(k, "每个人"))
    }

    /// Whether a counter ending at `e` closes its noun phrase (小煤窑由四十处增加到…, 小高炉五百座。),
    /// so that what it counts was named before it; before any other word (十二个钢铁生产协作区)
    /// the counted thing follows, unknown, and the class stays `unit`.
    fn counter_ends_phrase(&self, e: usize) -> bool {
        let e = if matches!(self.at(e), Some('多' | '余')) { e + 1 } else { e };
        match self.at(e) {
            None => true,
            Some(c) => !super::is_cjk(c) || is_clause_end(c) || AFTER_COUNTER.binary_search(&c).is_ok(),
        }
    }

    /// The class of the nearest counted noun of the given classes back in the sentence.
    pub(super) fn noun_back(&self, a: usize, classes: &[&str]) -> Option<String> {
        let from = self.sentence_start(a).max(a.saturating_sub(40));
        let mut best = None;
        let mut k = from;
        while k < a {
            if let Some((len, c)) = LEX.nouns.at(&self.cs, k) {
                if k + len <= a && classes.contains(&c.as_str()) {
                    best = Some(c.clone());
                }
                k += len;
            } else {
                k += 1;
            }
        }
        best
    }

    /// A counted noun right after a counter or a few characters on in the clause
    /// (七百五十二座土炉, 几十个技术革新小组).
    pub(super) fn noun_after(&self, p: usize, within: usize) -> Option<String> {
        let p = if matches!(self.at(p), Some('多' | '余')) { p + 1 } else { p };
        self.noun_ahead(p, within).map(|(c, _)| c)
    }

    /// A counted noun ahead in the clause (六万固定的钢铁野战军).
    ///
    /// A measure phrase may stand between (五座四点五立方公尺的小高炉, 十个日产焦炭百吨县): the
    /// search steps over it. Of nouns written together the last is the head (两个新转炉车间 counts
    /// workshops, 百万煤矿职工 people).
    pub(super) fn noun_ahead(&self, p: usize, within: usize) -> Option<(String, usize)> {
        let mut k = p;
        let mut limit = p + within;
        while k < self.cs.len() && k < limit {
            // A list (蒙古、回、汉…等族人民) does not end the phrase.
            if is_clause_end(self.cs[k]) && self.cs[k] != '、' {
                return None;
            }
            if let Some(n) = self.num(k) {
                // Units only (no counters): the step must not recurse.
                let (Some((len, _)), true) = (LEX.units.at(&self.cs, n.b), n.b > k) else { return None };
                k = n.b + len;
                limit = limit.max(k + 6);
                continue;
            }
            if let Some((len, c)) = LEX.nouns.at(&self.cs, k) {
                return Some(self.noun_head(c, k + len));
            }
            // 十一个基地可以通汽车: a verb ends the phrase; the noun before it was unknown.
            if k > p && NOUN_STOP.binary_search(&self.cs[k]).is_ok() {
                return None;
            }
            k += 1;
        }
        None
    }

    /// The head of nouns written together from `e` on (转炉 + 车间): the last one's class and end.
    fn noun_head(&self, class: &str, e: usize) -> (String, usize) {
        let (mut class, mut e) = (class.to_string(), e);
        while let Some((len, c)) = LEX.nouns.at(&self.cs, e).filter(|(len, _)| *len >= 2) {
            class = c.clone();
            e += len;
        }
        (class, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_counter_is_sorted() {
        assert!(AFTER_COUNTER.windows(2).all(|w| w[0] < w[1]), "{:?}", AFTER_COUNTER);
        assert!(NOUN_STOP.windows(2).all(|w| w[0] < w[1]), "{:?}", NOUN_STOP);
    }
}
