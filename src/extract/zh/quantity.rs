//! Quantities: a Chinese numeral with its measure and qualifiers, as one figure (issue 3).
//!
//! Input: a numeral found by the extractor ([`Num`]). Output: the claim(s) it makes, pushed to
//! the extractor: the interval the wording allows ([`Interval`]: exact, approx with 约 / 左右,
//! more-than with 以上 / 逾 or the 多 step, less-than with 不到, "several", a range of two
//! ends 三、四百吨 / 五十万吨到六十万吨), scaled into the measure's canonical unit. Numbers with
//! no unit make a figure only as a range with the second end's unit, an index (指数为二六七) or a
//! big count of a noun further on; everything else with no unit is left out.
//!
//! Invariants: a figure is pushed at most once per numeral, and the returned position is past
//! everything read.

use super::lexicon::{Cue, LEX};
use super::measure::{as_yield, Measure};
use super::numeral::{self, Num, Shape};
use super::{is_sentence_end, Extractor};
use crate::claim::{Kind, Note};
use crate::extract::bounds::{Interval, Wording};
use crate::numerals::{is_arabic, tidy};

/// The cue before a figure, the cue after it, and whether a 多-like step follows.
pub(super) type Quals = (Option<Cue>, Option<Cue>, bool);

/// Whether two range ends rise (an end that did not convert cannot be checked: true).
fn increasing(low: Option<f64>, high: Option<f64>) -> bool {
    match (low, high) {
        (Some(l), Some(h)) => l < h,
        _ => true,
    }
}

/// What the cues before and after a number say (`more_step`: a 多 / 余 after it).
fn wording(pre: Option<Cue>, post: Option<Cue>, more_step: bool) -> Wording {
    if more_step || post == Some(Cue::MoreStep) {
        Wording::MoreThanStep
    } else if post == Some(Cue::MorePost) || pre == Some(Cue::More) {
        Wording::MoreThan
    } else if post == Some(Cue::LessPost) || pre == Some(Cue::Less) {
        Wording::LessThan
    } else if pre == Some(Cue::Approx) || post == Some(Cue::ApproxPost) {
        Wording::Approx
    } else {
        Wording::Exact
    }
}

/// Bounds that qualify the first number after them anywhere in their clause, a verb and its
/// object between (至少要生产一万吨): the "at least" words of qualifiers_zh.csv. The "at most"
/// words do so only right before the number (最多一万吨): before a verb they name the limit
/// itself (一般认为顶多种到八万株, "the most that could be planted was 80,000": exact, as the
/// annotation has it).
const CLAUSE_BOUNDS: [(&str, Cue); 3] = [("至少", Cue::More), ("起码", Cue::More), ("最少", Cue::More)];

impl Extractor<'_> {
    /// 三、四百吨, 二、三十万吨: a digit, a pause mark and the next digit with the rest of the
    /// numeral make one range.
    ///
    /// Example: in 每个社要出七、八百个劳力 the numeral at 七 becomes 七、八百, from 700 to 800.
    pub(super) fn listed_range(&self, n: Num) -> Num {
        let (Some(&d1), true) = (self.cs.get(n.a), n.b == n.a + 1 && self.at(n.b) == Some('、')) else { return n };
        let Some(n2) = self.num(n.b + 1) else { return n };
        let (Some(a), Some(b)) = (numeral::digit_value(d1), self.at(n2.a).and_then(numeral::digit_value)) else {
            return n;
        };
        if is_arabic(d1) || a == 0 || b != a + 1 || n2.shape != Shape::Plain {
            return n;
        }
        let rest: String = self.cs.get(n2.a + 1..n2.b).map(|r| r.iter().collect()).unwrap_or_default();
        match (numeral::parse(&format!("{d1}{rest}")), &n2.value) {
            (Ok(lo), Ok(hi)) => Num { a: n.a, b: n2.b, lo, hi: *hi, shape: Shape::Range, ..n2 },
            _ => n,
        }
    }

    /// The interval a number allows with the qualifiers around it (`more_step`: 多/余/挂零),
    /// by the rules of [`crate::extract::bounds`]. Of two cues the stronger wins: a 多 step,
    /// then more than, less than, about. A range (三四千吨) only takes 以上 after it.
    ///
    /// Example: 约三千吨 is approx [3000, 3000], 三千吨以上 more than [3000, none), 三千多吨
    /// more than [3000, 4000), 不到三千吨 less than [none, 3000].
    pub(super) fn interval(
        &self,
        n: &Num,
        plus: f64,
        pre: Option<Cue>,
        post: Option<Cue>,
        more_step: bool,
    ) -> Interval {
        match n.shape {
            Shape::Several => Interval::several(n.lo, n.hi),
            Shape::Range if post == Some(Cue::MorePost) => Interval::range_more_than(n.lo),
            Shape::Range => Interval::range(n.lo, n.hi),
            Shape::More => Interval::stepped(n.lo, n.hi),
            Shape::Plain => match n.value {
                Err(_) => Interval::unparsed(),
                Ok(v0) => Interval::number(tidy(v0 + plus), wording(pre, post, more_step)),
            },
        }
    }

    /// A qualifier word before `a` (约, 近, 逾, 不到): its cue and start. 约 / 大约 / 大概 may
    /// also stand further back in the clause (约占全省总产量的30％, 大约需要三千万元).
    ///
    /// Example: in 全乡已有近两千人上山, before 两千 it finds 近 (approx), and the figure starts there.
    pub(super) fn pre_cue(&self, a: usize) -> (Option<Cue>, usize) {
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
        // Up to 16 characters back for 约, 大概 and the "at least" words, 32 for 差不多 (whose
        // comparison base may be long), within the clause and with no numeral between.
        let clause = self.clause_start(a);
        let near = clause.max(a.saturating_sub(16));
        for k in (near..a).rev() {
            let c = self.cs[k];
            if numeral::is_numeral_char(c) {
                return (None, a);
            }
            if c == '约' && !(k > 0 && matches!(self.cs[k - 1], '节' | '制' | '条' | '预' | '邀' | '契' | '公'))
            {
                return (Some(Cue::Approx), a);
            }
            if c == '大' && self.starts(k, "大概") {
                return (Some(Cue::Approx), a);
            }
            if c == '差' && self.nearly_equal_at(k) {
                return (Some(Cue::Approx), a);
            }
            // 至少要生产一万吨: a bound stated before the verb (issue 16); not 最少的 (the
            // fewest), which names no bound, nor across a negation (二吨炉最多也不能熔炼四吨钢).
            if matches!(c, '至' | '起' | '最') {
                let negated = || self.cs[(k + 2).min(a)..a].iter().any(|c| matches!(c, '不' | '没' | '未' | '也'));
                for (w, cue) in CLAUSE_BOUNDS {
                    if self.starts(k, w) && !(w.starts_with('最') && self.at(k + 2) == Some('的')) && !negated() {
                        return (Some(cue), a);
                    }
                }
            }
        }
        // 差不多等于去年全年投入生产的新钢种的二倍: "nearly" further back, across a long base,
        // with no numeral between.
        let far = clause.max(a.saturating_sub(32));
        if let Some(k) = (far..near).rev().find(|&k| self.cs[k] == '差') {
            if self.nearly_equal_at(k) && !self.cs[k..near].iter().any(|&c| numeral::is_numeral_char(c)) {
                return (Some(Cue::Approx), a);
            }
        }
        (None, a)
    }

    /// 差不多等于 / 差不多相当于 / 差不多是 at `k` (issue 16): "nearly" before a comparison; not
    /// 差不多每个县 (nearly every county), which qualifies no number.
    fn nearly_equal_at(&self, k: usize) -> bool {
        self.starts(k, "差不多") && ["等于", "相当于", "是", "有", "达到"].iter().any(|w| self.starts(k + 3, w))
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
    ///
    /// Example: in 亩产八百斤左右, after 八百斤 it finds 左右 (approx), and the figure ends after it.
    pub(super) fn post_cue(&self, e: usize) -> (Option<Cue>, bool, usize) {
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

    /// A numeral at `n` and whatever makes it a figure: a fraction (三分之一), a clock time (no
    /// figure), 一半, a measure with its qualifiers, a range of two measures, or no unit at all.
    ///
    /// Example: in 这个社今年收了七百多万斤粮食 it reads 七百多万斤, from 7000000 to 8000000 jin
    /// (3500 to 4000 t); in 下午三点开会 it reads nothing.
    pub(super) fn number(&mut self, n: Num) -> usize {
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
            return self.one_half(&n);
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
        if let Some(tail) = self.range_tail(e, Some(&m)) {
            return self.measured_range(n, m, tail, (a, e), (pre, post, more_step));
        }
        self.single(n, a, e, &m, (pre, post, more_step))
    }

    /// Two measured ends (五十万吨到六十万吨): the figure from the first numeral `n` with its
    /// measure `m` to the second end `tail`; `(a, e)`: where the first figure starts and ends.
    fn measured_range(
        &mut self,
        n: Num,
        m: Measure,
        tail: (Num, Measure, usize),
        ae: (usize, usize),
        quals: Quals,
    ) -> usize {
        let (m2n, m2, e2) = tail;
        let (a, e) = ae;
        let iv = Interval::range_of(
            n.plain().map(|v| v + m.plus).or((n.shape != Shape::Plain).then_some(n.lo)),
            m2n.plain().map(|v| v + m2.plus).or((m2n.shape != Shape::Plain).then_some(m2n.hi)),
        );
        let m = if m2.kind == Kind::Yield && m.kind == Kind::Mass { as_yield(m) } else { m };
        let iv = Interval { high: iv.high.map(|h| h * m2.factor / m.factor), ..iv };
        // 十座至零: ends that do not rise make no range; the first figure stands alone.
        if !increasing(iv.low, iv.high) {
            return self.single(n, a, e, &m, quals);
        }
        let (_, a0) = self.pre_cue(n.a);
        self.push_figure(a0, e2, &m, iv);
        e2
    }

    /// One number with its measure (no range): `a` is where the figure starts (its qualifier
    /// word), `e` where it ends.
    fn single(&mut self, n: Num, a: usize, e: usize, m: &Measure, quals: Quals) -> usize {
        let (pre, post, more_step) = quals;
        let m = m.clone();
        if self.no_figure(&n, a, &m, post, more_step) {
            return e;
        }
        if m.kind == Kind::Multiple {
            return self.multiple(n, a, e, &m, (pre, post, more_step));
        }
        let mut iv = self.interval(&n, m.plus, pre, post, more_step);
        let e = self.and_a_fraction(e, &m, &mut iv);
        self.push_figure(a, e, &m, iv);
        e
    }

    /// Whether a number with its measure states no figure: zero, a count or duration of one
    /// (unless the one is the point), "per one", a bare magnitude as rhetoric, "a few".
    fn no_figure(&self, n: &Num, a: usize, m: &Measure, post: Option<Cue>, more_step: bool) -> bool {
        // A count or duration of one is no figure unless the one is the point (只有一个县).
        let one = n.plain() == Some(1.0) && m.plus == 0.0 && !more_step && post.is_none();
        if n.plain() == Some(0.0) && m.plus == 0.0 {
            return true;
        }
        if one && m.kind == Kind::Count && !LEX.cues.before(&self.cs, a).is_some_and(|(_, c)| *c == Cue::Only) {
            return true;
        }
        // 高炉每一立方公尺的有效容积: "per unit", the denominator of a rate, not a figure.
        if one && n.a > 0 && self.cs[n.a - 1] == '每' {
            return true;
        }
        // 万年, 百年大计: a bare magnitude before a duration is rhetoric. Before a counter it is
        // a number only when a counted noun follows (千万座小土炉; not 千条心, 万炉红), and before
        // a noun only when the noun is a word of its own (百万矿工; not 孙万银, 万事).
        let bare_magnitude = n.is_bare_magnitude(&self.cs);
        if (one || bare_magnitude) && m.kind == Kind::Duration {
            return true;
        }
        if bare_magnitude
            && m.kind == Kind::Count
            && (if m.unit_raw.is_empty() {
                m.end < n.b + 2
            } else {
                m.unit == "unit" && self.noun_after(m.end, 8).is_none()
            })
        {
            return true;
        }
        // Vague "a few" with a counter (几个, 几次) or a duration is no figure either.
        n.shape == Shape::Several && n.lo < 10.0 && matches!(m.kind, Kind::Count | Kind::Duration)
    }

    /// 3％又四分之三: a fraction after 又 added to a percent ending at `e`; the new end.
    fn and_a_fraction(&self, e: usize, m: &Measure, iv: &mut Interval) -> usize {
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
                self.push_figure(a, e2, &m2, Interval::range_of(lo, hi));
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
        if let Some(e) = self.index_number(&n) {
            return e;
        }
        if big {
            if let Some(e) = self.big_count(&n, p, more_step) {
                return e;
            }
        }
        n.b
    }

    /// A digit-by-digit numeral in a sentence about an index (以去年同期为一○○，指数为二六七),
    /// or after 为: a percent with the note `index`; its end.
    fn index_number(&mut self, n: &Num) -> Option<usize> {
        if n.digits_only && !n.arabic && n.ndigits >= 3 && n.shape == Shape::Plain {
            let s = self.sentence_start(n.a);
            let sentence = self.cs.get(s..).unwrap_or(&[]);
            let end = sentence.iter().position(|&c| is_sentence_end(c)).unwrap_or(sentence.len());
            let has_index = sentence[..end].windows(2).any(|w| w == ['指', '数']);
            if has_index || (n.a > 0 && self.cs[n.a - 1] == '为') {
                let m = Measure::new(Kind::Percent, "%", "", 1.0, n.b);
                let iv = self.interval(n, 0.0, None, None, false);
                self.push_figure(n.a, n.b, &m, iv);
                if let Some(c) = self.out.last_mut() {
                    c.add_note(Note::Index);
                }
                return Some(n.b);
            }
        }
        None
    }

    /// A big number with no unit counting a noun ahead in the clause (几千万钢铁大军), or people
    /// named before it (上山炼铁的人已由一万三增加到三万五); its end.
    fn big_count(&mut self, n: &Num, p: usize, more_step: bool) -> Option<usize> {
        let ahead = self.noun_ahead(p, 20).map(|(c, _)| c);
        let back = || self.noun_back(n.a, &["person"]);
        let class = ahead.or_else(back)?;
        let (pre, a) = self.pre_cue(n.a);
        let (post, step2, e) = self.post_cue(p);
        let iv = self.interval(n, 0.0, pre, post, more_step || step2);
        let m = Measure::new(Kind::Count, &class, "", 1.0, p);
        self.push_figure(a, e, &m, iv);
        Some(e)
    }
}
