//! Multiples and parts: 倍, 番, fractions, halves and vague amounts in Chinese (issue 3).
//!
//! Input: the extractor at a numeral or a word (倍 after a number, 翻 / 加 before 番, X分之Y,
//! 半, 一半, 近倍, 成千上万). Output: the claim pushed for it: a multiple (unit `x`), a fraction
//! (unit `1`), a percent (百分之), a half of a unit, or a "several" count, with the interval the
//! wording allows. 倍 after a word of increase is x N or x N+1: both bounds are kept and the
//! claim is marked ambiguous (`bei_ambiguous`), never guessed.
//!
//! Invariants: one claim per expression; the returned position is past everything read.

use super::lexicon::{Cue, LEX};
use super::measure::Measure;
use super::numeral::{self, Num, Shape};
use super::quantity::Quals;
use super::Extractor;
use crate::claim::{Kind, Note, Qualifier, Status};
use crate::extract::bounds::{Interval, Wording};

impl Extractor<'_> {
    /// N倍 with its measure: the factor, x N or, where the wording speaks of an increase
    /// (提高四倍, 增加了一倍, 比…多六倍), x N or x N+1 with the note `bei_ambiguous`. `quals`: the cue
    /// before, the cue after, and whether a 多-like step follows.
    ///
    /// Example: in 今年的产量提高了三倍 it reads 三倍 as 3 to 4 times, ambiguous; in
    /// 今年的产量是去年的三倍 as exactly 3 times.
    pub(super) fn multiple(&mut self, n: Num, a: usize, e: usize, m: &Measure, quals: Quals) -> usize {
        let (pre, post, more_step) = quals;
        let mut iv = self.interval(&n, m.plus, pre, post, more_step);
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
        // After a word of increase the 倍 reading (x N or x N+1) takes the place of the 多 step.
        let mut claim_note = false;
        if let (Some(v), true) = (iv.value, change && n.shape == Shape::Plain) {
            claim_note = true;
            iv = iv.bei(v);
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
            c.add_note(Note::BeiAmbiguous);
        }
        self.out.push(c);
        e
    }

    /// 翻一番 = x2, 翻两番 = x4, 翻了十几番: several; 加一番 and 加番 / 翻番 with no number
    /// (一年之间钢产加番) = x2.
    ///
    /// Example: in 全社的粮食产量翻了两番 it reads 翻了两番 as x4.
    pub(super) fn fan(&mut self, i: usize) -> Option<usize> {
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

    /// X分之Y (三分之一) and 百分之Y (百分之三十; 千分之Y and 万分之Y are percents too).
    ///
    /// Example: in 全队三分之二以上的劳力上了山 it reads 三分之二以上, from 2/3 to the whole.
    pub(super) fn fraction(&mut self, den: Num, num: Num) -> usize {
        // 百分之 / 千分之 / 万分之 (a one-character denominator) are shares per hundred, per
        // thousand, per ten thousand: percents (千分之三 = 0.3 %), as SCHEMA.md stores 三成.
        let per = den.plain().filter(|&d| den.b == den.a + 1 && matches!(d, 100.0 | 1000.0 | 10000.0));
        let (pre, a) = self.pre_cue(den.a);
        let (post, step, e) = self.post_cue(num.b);
        let m = if let Some(d) = per {
            Measure {
                kind: Kind::Percent,
                unit: "%".into(),
                unit_raw: self.raw(den.a, 3),
                factor: 100.0 / d,
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
            // 百分之二十到百分之三十: the second end may repeat the denominator (and only the
            // same one: 百 of 百分之三十 is no end of its own).
            let den_text: String = self.cs[den.a..den.b].iter().collect();
            let repeat = format!("{den_text}分之");
            let p2 = if self.starts(num.b + 1, &repeat) { num.b + 1 + repeat.chars().count() } else { num.b + 1 };
            if let Some(n2) = self.num(p2).filter(|n2| n2.shape == Shape::Plain && !self.starts(n2.b, "分之")) {
                if let (Some(lo), Some(hi)) = (num.plain(), n2.plain()) {
                    if hi > lo && self.measure_at(n2.b, &n2).is_none() {
                        iv = Interval::range(lo, hi);
                        e = n2.b;
                    }
                }
            }
        }
        if !m.factor.is_finite() {
            iv = Interval { value: None, low: None, high: None, status: Status::Unparsed, ..iv };
        }
        // 三分之一以上: at most the whole (and no bound at all for a fraction above one, 一分之二以上).
        if m.kind == Kind::Fraction && iv.high.is_none() && !step {
            let d = den.plain().unwrap_or(1.0);
            if iv.low.is_some_and(|l| l <= d) {
                iv = iv.part_of(d);
            }
        }
        self.push_figure(a, e, &m, iv);
        e
    }

    /// 半吨, 半月, 半年, 半成 (5 %).
    ///
    /// Example: in 这座炉子用了半年 it reads 半年, 0.5 year.
    pub(super) fn half(&mut self, i: usize) -> Option<usize> {
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
        // 半成 is 5 % (half a tenth); not 半成熟 (half ripe) nor 半成品 (which 成 refuses).
        let half_tenth = m.unit_raw == "成" && self.at(i + 2) != Some('熟');
        if !(matches!(m.kind, Kind::Mass | Kind::Duration | Kind::Length | Kind::Area) || half_tenth)
            || m.unit_raw == "岁"
        {
            return None;
        }
        let (pre, a) = self.pre_cue(i);
        let (post, step, e) = self.post_cue(m.end);
        let iv = self.interval(&one, 0.0, pre, post, step);
        self.push_figure(a, e, &m, iv);
        Some(e)
    }

    /// 成千上万, 上万吨, 千百万: several, counted by what follows.
    ///
    /// Example: in 上万名社员参加了秋收 it reads 上万名 as 10000 to 100000 people.
    pub(super) fn vague_word(&mut self, a: usize, b: usize, lo: f64, hi: f64) -> usize {
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
        self.push_figure(a, m.end, &m, Interval::several(lo, hi));
        m.end
    }

    /// 近倍: nearly doubled, x1 or x2 (ambiguous, like 提高一倍); its end.
    ///
    /// Example: in 产量比去年增加近倍 it reads 近倍.
    pub(super) fn near_double(&mut self, i: usize) -> usize {
        let m = Measure::new(Kind::Multiple, "x", "倍", 1.0, i + 2);
        self.push_figure(i, i + 2, &m, Interval::nearly_double());
        if let Some(c) = self.out.last_mut() {
            c.add_note(Note::BeiAmbiguous);
        }
        i + 2
    }

    /// 一半 / 一半以上 / 一半多 for the numeral 一 at `n` before 半: a fraction of 0.5 with its
    /// qualifier; its end.
    ///
    /// Example: in 一半以上的社员下了地 it reads 一半以上, from 0.5 to 1.
    pub(super) fn one_half(&mut self, n: &Num) -> usize {
        let (post, step, e) = self.post_cue(n.b + 1);
        // 一半多 / 一半还多: more than half, like 一半以上.
        let post = if step && matches!(post, None | Some(Cue::MoreStep)) { Some(Cue::MorePost) } else { post };
        let (pre, a) = self.pre_cue(n.a);
        // Its own order of cues (a cue after 一半 before one before it), unlike `interval`.
        let w = match post {
            Some(Cue::MorePost) => Wording::MoreThan,
            Some(Cue::LessPost) => Wording::LessThan,
            Some(Cue::ApproxPost) => Wording::Approx,
            _ => match pre {
                Some(Cue::Approx) => Wording::Approx,
                Some(Cue::More) => Wording::MoreThan,
                Some(Cue::Less) => Wording::LessThan,
                _ => Wording::Exact,
            },
        };
        // 一半以上: more than half is at most the whole.
        let iv = Interval::number(0.5, w).part_of(1.0);
        let m = Measure::new(Kind::Fraction, "1", "", 1.0, e);
        self.push_figure(a, e, &m, iv);
        e
    }
}
