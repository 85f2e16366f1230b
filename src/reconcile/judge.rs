//! Judging one English claim against one Chinese claim on what was printed (issue 6).
//!
//! Input: two claims of the same article. Output: `None` when they cannot be counterparts
//! (other kind, other unit with another number, no number at all), else a [`Verdict`]: the
//! pair status, the notes naming the likely slip, the alignment cost of pairing them and
//! whether the disagreement is explained by a known slip pattern. Invariants: symmetric in
//! nothing (the Chinese is the original, the English the translation being checked); never
//! panics on any value (NaN, infinities and zero are handled as "no number").
//!
//! Rounding rule (stated in the README): an English number with fewer significant digits
//! than the Chinese agrees when the Chinese number, rounded half away from zero to the
//! English number's significant digits, equals it (二千五百一十三吨 -> "2,500 tons" or
//! "about 2,500 tons"), provided the English has at least two significant digits or says
//! "about" (one significant digit, "20,000" for 一万五千, is not a rendering but a change).
//! A value within one unit of the English number's last significant digit that is not the
//! correct rounding (87.6万 -> "870,000") is `value_mismatch` with note `rounding`.

use std::fmt::Write as _;

use crate::claim::{Claim, Kind, Note, Qualifier};
use crate::numerals::tidy;

use super::{PairNote, PairStatus};

/// Alignment costs of a pair by verdict; skipping a claim costs [`super::SKIP`] (1.0).
pub const COST_MATCH: f64 = 0.1;
pub const COST_ROUNDED: f64 = 0.2;
pub const COST_DATE_BOTH_OPEN: f64 = 0.3;
pub const COST_LOOSER: f64 = 0.4;
pub const COST_QUALIFIER: f64 = 0.5;
pub const COST_DATE_ONE_OPEN: f64 = 0.9;
pub const COST_EXPLAINED: f64 = 0.8;
pub const COST_UNEXPLAINED: f64 = 1.5;

/// The judgement of one English-Chinese pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    pub status: PairStatus,
    /// The likely slip (`scale_x10`, `qualifier_dropped`, ...); none for a plain match.
    pub note: Option<PairNote>,
    /// Alignment cost of the pair before position and context terms.
    pub cost: f64,
    /// False for a disagreement no slip pattern explains: such pairs are only made when the
    /// items agree or the two figures stand close and their numbers are near.
    pub explained: bool,
    /// The numbers are within a factor of 1.5 (or the dates have the same form).
    pub near: bool,
}

impl Verdict {
    fn new(status: PairStatus, note: Option<PairNote>, cost: f64) -> Verdict {
        Verdict { status, note, cost, explained: true, near: true }
    }
}

/// How two numbers agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    Exact,
    /// The Chinese number rounds to the English one (the rounding rule above).
    Rounded,
    No,
}

/// Equal up to float noise.
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * 1f64.max(a.abs()).max(b.abs())
}

/// Significant digits of a number as printed (10700000 -> 3, 384.12 -> 5, 0.5 -> 1).
pub fn sig_digits(x: f64) -> u32 {
    if x == 0.0 || !x.is_finite() {
        return 1;
    }
    let t = tidy(x.abs());
    if t.fract() == 0.0 && (1.0..MAX_EXACT_INT).contains(&t) {
        // An integer below 2^53 prints as its own digits (its neighbours are a whole unit
        // away, so no shorter digit string reads back as it): count them without printing.
        let mut n = t as u64;
        while n.is_multiple_of(10) {
            n /= 10;
        }
        return n.ilog10() + 1;
    }
    // The number as `Display` prints it, into a stack buffer: this runs for every pair an
    // article's alignment considers, so no heap allocation (issue 8).
    let mut buf = StackStr::new();
    let _ = write!(buf, "{t}");
    let digits = buf.as_bytes().iter().filter(|c| c.is_ascii_digit());
    // Digits between the first and the last non-zero digit.
    let (mut first, mut last, mut n) = (None, 0usize, 0usize);
    for &d in digits {
        if d != b'0' {
            first.get_or_insert(n);
            last = n;
        }
        n += 1;
    }
    first.map_or(1, |f| (last - f + 1) as u32).max(1)
}

/// 2^53: every integer below it is an f64 exactly.
const MAX_EXACT_INT: f64 = 9_007_199_254_740_992.0;

/// A small string on the stack for printing one number; what does not fit is cut off (a
/// `Display`ed f64 that `tidy` left can run to over 300 characters for 1e300, but then only
/// its leading digits are significant and those are kept).
struct StackStr {
    buf: [u8; STACK_STR],
    len: usize,
}

const STACK_STR: usize = 400;

impl StackStr {
    fn new() -> Self {
        StackStr { buf: [0; STACK_STR], len: 0 }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl std::fmt::Write for StackStr {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let n = s.len().min(STACK_STR - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&s.as_bytes()[..n]);
        self.len += n;
        Ok(())
    }
}

/// Decimal exponent of the last significant digit (15000 -> 3, 2.3 -> -1).
pub fn last_digit_exp(x: f64) -> i32 {
    if x == 0.0 || !x.is_finite() {
        return 0;
    }
    x.abs().log10().floor() as i32 - sig_digits(x) as i32 + 1
}

/// `x` rounded half away from zero to `s` significant digits.
pub fn round_sig(x: f64, s: u32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let e = x.abs().log10().floor() as i32 - s as i32 + 1;
    let r = if e >= 0 {
        let f = 10f64.powi(e);
        (x / f).round() * f
    } else {
        let f = 10f64.powi(-e);
        (x * f).round() / f
    };
    tidy(r)
}

/// Whether the English number `en` renders the Chinese `zh`. `en_printed` is the English
/// number as printed (its significant digits count); `approx` says the English hedged it.
pub fn agree(en: f64, zh: f64, en_printed: f64, zh_printed: f64, approx: bool) -> Agreement {
    if close(en, zh) {
        return Agreement::Exact;
    }
    let s = sig_digits(en_printed);
    if (s >= 2 || approx) && s < sig_digits(zh_printed) && close(round_sig(zh, s), en) {
        return Agreement::Rounded;
    }
    Agreement::No
}

fn printed(c: &Claim, v: f64) -> f64 {
    match c.value_raw {
        Some(r) if r != 0.0 && r.is_finite() => r,
        _ => v,
    }
}

/// The interval a claim allows, open ends as infinities; `None` when it has no number.
fn interval(c: &Claim) -> Option<(f64, f64)> {
    let lo = c.low.or(c.value);
    let hi = c.high.or(match c.qualifier {
        Qualifier::MoreThan => None,
        _ => c.value,
    });
    if lo.is_none() && hi.is_none() {
        return None;
    }
    Some((lo.unwrap_or(f64::NEG_INFINITY), hi.unwrap_or(f64::INFINITY)))
}

/// Judges the English claim `en` against the Chinese claim `zh`.
pub fn judge(en: &Claim, zh: &Claim) -> Option<Verdict> {
    if en.kind != zh.kind {
        // 亩施肥二十万斤 read as a yield on one side and "200,000 jin of fertilizer" as a mass on
        // the other: the same number of jin printed, read two ways by the extractors. The
        // translation is faithful (a match), the note says one reading is wrong.
        let jin_both = matches!((en.kind, zh.kind), (Kind::Yield, Kind::Mass) | (Kind::Mass, Kind::Yield))
            && matches!((en.value_raw, zh.value_raw), (Some(a), Some(b)) if close(a, b));
        return jin_both.then(|| Verdict::new(PairStatus::Match, Some(PairNote::KindRead), COST_EXPLAINED));
    }
    if en.kind == Kind::Date {
        return judge_date(en, zh);
    }
    let raw_equal = matches!((en.value_raw, zh.value_raw), (Some(a), Some(b)) if close(a, b));
    // 两个半小时 rendered "150 minutes", 一昼夜 "24 hours", 半个月 "15 days": a duration in
    // another unit whose span meets the Chinese one is judged in the Chinese unit (issue 16),
    // so a qualifier slip still shows. The same number in both units (两个月 as "two days")
    // stays a unit slip, below.
    if en.kind == Kind::Duration && en.unit != zh.unit && !raw_equal {
        if let Some(f) = duration_ratio(&en.unit, &zh.unit) {
            let scale = |v: Option<f64>| v.map(|v| tidy(v * f));
            // Only a rendering whose span meets the Chinese one is a counterpart: two durations
            // in two units and of other lengths are two figures.
            let meets = match (interval(en), interval(zh)) {
                (Some((lo, hi)), Some((zl, zh_))) => lo * f <= zh_ * (1.0 + 1e-9) && hi * f >= zl * (1.0 - 1e-9),
                _ => false,
            };
            if !meets {
                return None;
            }
            // (Only what judging reads: a whole clone would copy the sentence for every
            // candidate pair.)
            let converted = Claim {
                value: scale(en.value),
                low: scale(en.low),
                high: scale(en.high),
                value_raw: None,
                unit: zh.unit.clone(),
                qualifier: en.qualifier,
                ref_date: en.ref_date,
                notes: en.notes.clone(),
                ..Claim::new(en.lang, en.section, en.start, en.end, &en.surface, en.kind)
            };
            return judge(&converted, zh);
        }
    }
    if en.kind != Kind::Count && !en.unit.is_empty() && !zh.unit.is_empty() && en.unit != zh.unit {
        // One kind, two canonical units (% and pp, days and months): a unit slip when the
        // same number was printed, else no counterpart.
        return raw_equal.then(|| Verdict::new(PairStatus::UnitMismatch, Some(PairNote::Unit), COST_EXPLAINED));
    }
    let values_equal = matches!((en.value, zh.value), (Some(a), Some(b)) if close(a, b));
    if raw_equal && !values_equal && en.value.is_some() && zh.value.is_some() {
        // 五百斤 rendered "500 kg", 一百担 "100 tons": the number kept, the unit changed.
        return Some(Verdict::new(PairStatus::UnitMismatch, Some(PairNote::Unit), COST_EXPLAINED));
    }
    if let (Some(ve), Some(vz)) = (en.value, zh.value) {
        // A compound printed in several units (一丈九尺 = 19 尺) rendered with the count of its
        // smallest unit in a Western one ("nineteen feet"): no printed number is shared, but
        // the ratio of the values is that of the two units. Only the ratios no round factor
        // could produce by chance (foot/尺, inch/寸, pound/斤).
        for &(kind, ratio) in DISTINCT_UNIT_SLIPS {
            if en.kind == kind && vz > 0.0 && close(ve / vz, ratio) {
                return Some(Verdict::new(PairStatus::UnitMismatch, Some(PairNote::Unit), COST_EXPLAINED));
            }
        }
    }
    match (en.value, zh.value) {
        (Some(ve), Some(vz)) if ve.is_finite() && vz.is_finite() => Some(judge_values(en, zh, ve, vz)),
        _ => judge_intervals(en, zh),
    }
}

/// Minutes in a duration unit (a month of 30 days, a year of 365: 半个月 is 15 days).
fn duration_minutes(unit: &str) -> Option<f64> {
    Some(match unit {
        "minute" => 1.0,
        "hour" => 60.0,
        "day" => 1440.0,
        "month" => 30.0 * 1440.0,
        "year" => 365.0 * 1440.0,
        _ => return None,
    })
}

/// The factor from one duration unit to another (hour -> minute: 60).
fn duration_ratio(from: &str, to: &str) -> Option<f64> {
    Some(duration_minutes(from)? / duration_minutes(to)?)
}

/// Both sides state a number (exact, approx, more than, less than).
fn judge_values(en: &Claim, zh: &Claim, ve: f64, vz: f64) -> Verdict {
    let mut a = agree(ve, vz, printed(en, ve), printed(zh, vz), en.qualifier == Qualifier::Approx);
    // 倍: the Chinese 增加N倍 allows x N or x N+1 (bei_ambiguous), x N+1 read strictly. An
    // English that keeps the ambiguity keeps N ("a fourfold increase" for 提高四倍); one that
    // states a plain multiple must give the strict N+1 ("more than double" for 增产一倍多,
    // corpus_e P02). The literal N in a plain multiple took the loose reading: 四倍多 after
    // 增长了 rendered "more than four times" (corpus_c P13), 两倍多 after 增产 rendered "more
    // than double" (corpus_f P12).
    let (zh_bei, en_bei) = (zh.has_note(Note::BeiAmbiguous), en.has_note(Note::BeiAmbiguous));
    if en.kind == Kind::Multiple && zh_bei && !en_bei {
        if a != Agreement::No {
            return Verdict::new(PairStatus::ValueMismatch, Some(PairNote::BeiOffByOne), COST_EXPLAINED);
        }
        if close(ve, vz + 1.0) {
            a = Agreement::Exact;
        }
    }
    if a == Agreement::No {
        return diagnose(en, zh, ve, vz);
    }
    let base = if a == Agreement::Rounded { COST_ROUNDED } else { COST_MATCH };
    match qualifier_note(en.qualifier, zh.qualifier, a == Agreement::Rounded) {
        None => Verdict::new(PairStatus::Match, None, base),
        note => Verdict::new(PairStatus::QualifierMismatch, note, COST_QUALIFIER),
    }
}

/// `None` when the qualifiers agree, else the note naming the change.
pub fn qualifier_note(en: Qualifier, zh: Qualifier, rounded: bool) -> Option<PairNote> {
    use Qualifier::*;
    match (en, zh) {
        _ if en == zh => None,
        // "about 2,500" for 二千五百一十三: the hedge says the English rounded.
        (Approx, Exact) if rounded => None,
        // 三四百 (a range) against "three or four hundred" read as a vague amount.
        (Range, Several) | (Several, Range) => None,
        (_, Exact) => Some(PairNote::QualifierAdded),
        (Exact, _) => Some(PairNote::QualifierDropped),
        _ => Some(PairNote::QualifierChanged),
    }
}

/// The numbers disagree: which slip does it look like?
fn diagnose(en: &Claim, zh: &Claim, ve: f64, vz: f64) -> Verdict {
    // No "looser but true" excuse here: "more than 9,000" for 九万多 is a scale slip even
    // though its interval contains the Chinese one.
    let mismatch = |note| Verdict::new(PairStatus::ValueMismatch, Some(note), COST_EXPLAINED);
    if en.kind == Kind::Multiple && close((ve - vz).abs(), 1.0) {
        return mismatch(PairNote::BeiOffByOne);
    }
    if fan_as_bei(en, zh, ve, vz) {
        return mismatch(PairNote::FanAsBei);
    }
    if let Some(note) = scale_note(en, ve, vz) {
        return mismatch(note);
    }
    if transposed(ve, vz) {
        return mismatch(PairNote::DigitsTransposed);
    }
    let pe = printed(en, ve);
    if sig_digits(pe) < sig_digits(printed(zh, vz)) && (ve - vz).abs() <= 10f64.powi(last_digit_exp(ve)) * (1.0 + 1e-9)
    {
        return mismatch(PairNote::Rounding);
    }
    let mut v = Verdict::new(PairStatus::ValueMismatch, Some(PairNote::Value), COST_UNEXPLAINED);
    v.explained = false;
    v.near = near(ve, vz);
    v
}

fn near(a: f64, b: f64) -> bool {
    if a <= 0.0 || b <= 0.0 {
        return close(a, b);
    }
    a.max(b) / a.min(b) <= 1.5
}

const SCALE_NOTES: [PairNote; 8] = PairNote::SCALE;

/// `scale_x10` ... when the English is the Chinese times or divided by a power of ten (万 read
/// as thousand: x10; 亿 as million: x100; 万 dropped: x10000), allowing the rounding rule.
fn scale_note(en: &Claim, ve: f64, vz: f64) -> Option<PairNote> {
    if ve == 0.0 || vz == 0.0 || ve.signum() != vz.signum() {
        return None;
    }
    let k = (ve / vz).abs().log10().round() as i32;
    if k == 0 || k.unsigned_abs() as usize > SCALE_NOTES.len() {
        return None;
    }
    let scaled = tidy(vz * 10f64.powi(k));
    if agree(ve, scaled, printed(en, ve), scaled, en.qualifier == Qualifier::Approx) == Agreement::No {
        return None;
    }
    Some(SCALE_NOTES[k.unsigned_abs() as usize - 1])
}

/// Writes `x` as `Display` does; whole numbers as integers, which is the same text for much
/// less work (no shortest-float search).
fn write_number(buf: &mut StackStr, x: f64) {
    if x.fract() == 0.0 && (0.0..MAX_EXACT_INT).contains(&x) {
        let _ = write!(buf, "{}", x as u64);
    } else {
        let _ = write!(buf, "{x}");
    }
}

/// Two digits of the same number exchanged (2513 -> 2153).
pub fn transposed(a: f64, b: f64) -> bool {
    let (mut sa, mut sb) = (StackStr::new(), StackStr::new());
    write_number(&mut sa, tidy(a));
    write_number(&mut sb, tidy(b));
    let (sa, sb) = (sa.as_bytes(), sb.as_bytes());
    if sa.len() != sb.len() || sa == sb || sa.len() >= STACK_STR {
        // (A number too long for the buffer is no figure whose digits a translator swapped.)
        return false;
    }
    let mut diff = sa.iter().zip(sb).filter(|(x, y)| x != y);
    match (diff.next(), diff.next(), diff.next()) {
        (Some(d0), Some(d1), None) => d0.0 == d1.1 && d0.1 == d1.0,
        _ => false,
    }
}

/// At least one side has no single number (ranges, vague amounts): compare the intervals.
fn judge_intervals(en: &Claim, zh: &Claim) -> Option<Verdict> {
    let (ie, iz) = (interval(en)?, interval(zh)?);
    let en_vague =
        matches!(en.qualifier, Qualifier::MoreThan | Qualifier::Several | Qualifier::Range | Qualifier::LessThan);
    if renders(ie, iz, en_vague) {
        // The same interval is as good as a match gets; a looser one ("a little over 100
        // tons" for 一百零几吨) could as well render another figure nearby.
        let same = (ie.0 == iz.0 || close(ie.0, iz.0)) && (ie.1 == iz.1 || close(ie.1, iz.1));
        return Some(Verdict::new(PairStatus::Match, None, if same { COST_MATCH } else { COST_LOOSER }));
    }
    let overlap = ie.0 <= iz.1 && iz.0 <= ie.1;
    if overlap && (zh.has_note(Note::Hyperbole) || en.has_note(Note::Hyperbole)) {
        // 千万座土炉 rendered "thousands of furnaces": no number to misstate (corpus_c P14).
        return Some(Verdict::new(PairStatus::Match, None, COST_ROUNDED));
    }
    if en.qualifier == Qualifier::Several && iz.0 <= ie.0 && ie.1 <= iz.1 {
        // "thousands" [1000, 10000] for 成千上万 [1000, 100000] (corpus_a P08): the English
        // claims more than the Chinese says. An English single number inside a Chinese vague
        // amount ("two thousand" against 上千) is no narrowing but another figure or a value.
        return Some(Verdict::new(PairStatus::ValueMismatch, Some(PairNote::SeveralNarrowed), COST_EXPLAINED));
    }
    if fan_as_bei(en, zh, ie.0, iz.0) {
        return Some(Verdict::new(PairStatus::ValueMismatch, Some(PairNote::FanAsBei), COST_EXPLAINED));
    }
    // A unit rendered as another unit with the same number: 上千尺 as "over a thousand
    // meters" (corpus_e P24). Only here, where a side has no single number: for single
    // numbers the printed numbers (`value_raw`) say it, and a bare ratio of 2 or 3 between
    // two exact figures would explain too many wrong pairings.
    for &(kind, ratio) in UNIT_SLIPS {
        if en.kind == kind && renders((ie.0 / ratio, ie.1 / ratio), iz, en_vague) {
            return Some(Verdict::new(PairStatus::UnitMismatch, Some(PairNote::Unit), COST_EXPLAINED));
        }
    }
    // A scale slip of a vague amount or range: the English interval, scaled back by a power
    // of ten, renders the Chinese one ("a little over 10 tons" for 一百零几吨). Only x10 and
    // x100 (万 read as thousand, 亿 as million): "hundreds of thousands" against a 十几个 of
    // the same sentence is another figure, not a slip by 10000.
    let (a, b) = (if ie.0.is_finite() { ie.0 } else { ie.1 }, if iz.0.is_finite() { iz.0 } else { iz.1 });
    if a.is_finite() && b.is_finite() && a > 0.0 && b > 0.0 {
        let k = (a / b).log10().round() as i32;
        if k != 0 && k.unsigned_abs() <= MAX_VAGUE_SCALE {
            let f = 10f64.powi(k);
            if renders((tidy(ie.0 / f), tidy(ie.1 / f)), iz, en_vague) {
                return Some(Verdict::new(
                    PairStatus::ValueMismatch,
                    Some(SCALE_NOTES[k.unsigned_abs() as usize - 1]),
                    COST_EXPLAINED,
                ));
            }
        }
    }
    let mut v = Verdict::new(PairStatus::ValueMismatch, Some(PairNote::Value), COST_UNEXPLAINED);
    v.explained = false;
    v.near = overlap;
    Some(v)
}

/// Largest power of ten named as a scale slip of a vague amount or range.
const MAX_VAGUE_SCALE: u32 = 2;

/// English value / Chinese value (canonical units) when a unit is rendered as another of the
/// same kind with the same number: 尺 as metre (3), 尺 as foot (0.9144), 寸 as inch (0.762),
/// 里 as kilometre (2); 斤 as kilogram (2), 斤 as pound (0.9072), 担 as ton (20).
const UNIT_SLIPS: &[(Kind, f64)] = &[
    (Kind::Length, 3.0),
    (Kind::Length, 0.9144),
    (Kind::Length, 0.762),
    (Kind::Length, 2.0),
    (Kind::Mass, 2.0),
    (Kind::Mass, 0.9072),
    (Kind::Mass, 20.0),
];

/// The entries of [`UNIT_SLIPS`] whose ratio is no round number.
const DISTINCT_UNIT_SLIPS: &[(Kind, f64)] = &[(Kind::Length, 0.9144), (Kind::Length, 0.762), (Kind::Mass, 0.9072)];

/// 番 (doublings) read as 倍 (-fold): 翻了十几番 (x 2^10 and more) rendered "a more than
/// tenfold increase", 翻两番 (x4) "a twofold increase". `en_low`, `zh_low`: the lower ends.
fn fan_as_bei(en: &Claim, zh: &Claim, en_low: f64, zh_low: f64) -> bool {
    if en.kind != Kind::Multiple || zh.has_note(Note::BeiAmbiguous) || !(zh_low >= 4.0 && zh_low.is_finite()) {
        return false;
    }
    let k = zh_low.log2();
    close(k, k.round()) && close(en_low, k.round())
}

/// Whether the English interval `ie` renders the Chinese `iz`: the same interval, or (for a
/// vague English wording) a looser one that contains it and starts at the same order of
/// magnitude ("a little over 100 tons" [100, 200] for 一百零几吨 [101, 109]; "more than ten"
/// for 十几; not "more than 600" for 成千上万).
fn renders(ie: (f64, f64), iz: (f64, f64), en_vague: bool) -> bool {
    let end_eq = |a: f64, b: f64| a == b || (a.is_finite() && b.is_finite() && close(a, b));
    if end_eq(ie.0, iz.0) && end_eq(ie.1, iz.1) {
        return true;
    }
    let magnitude = |x: f64| if x > 0.0 && x.is_finite() { Some(x.log10().floor() as i32) } else { None };
    let same_start = if ie.0.is_finite() {
        magnitude(ie.0).is_some() && magnitude(ie.0) == magnitude(iz.0)
    } else {
        magnitude(ie.1).is_some() && magnitude(ie.1) == magnitude(iz.1)
    };
    // Ends from annotations and conversions carry float noise (1000 / 3 against 333.333333333333).
    let le = |a: f64, b: f64| a <= b || end_eq(a, b);
    en_vague && le(ie.0, iz.0) && le(iz.1, ie.1) && same_start
}

/// Dates: the resolved dates agree, or one side is unresolved.
fn judge_date(en: &Claim, zh: &Claim) -> Option<Verdict> {
    if en.has_note(Note::ClockTime) != zh.has_note(Note::ClockTime) {
        // 六点 / 6:00 a.m. hold on the day of 10日 but are not its counterpart.
        return None;
    }
    let (a, b) = (en.ref_date, zh.ref_date);
    Some(match (a.is_none(), b.is_none()) {
        (false, false) if a == b => Verdict::new(PairStatus::Match, None, COST_MATCH),
        (true, true) => Verdict::new(PairStatus::Match, None, COST_DATE_BOTH_OPEN),
        // The date is printed on both sides but resolved on one only: nothing to check.
        (true, false) | (false, true) => {
            Verdict::new(PairStatus::Match, Some(PairNote::DateUnresolved), COST_DATE_ONE_OPEN)
        }
        // Two resolved dates that differ are two dates: clauses with dates are reordered so
        // often that pairing them as a slip would mostly pair the wrong ones.
        (false, false) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Lang, SectionKind};

    #[allow(clippy::too_many_arguments)]
    fn claim(
        lang: Lang,
        surface: &str,
        kind: Kind,
        value: Option<f64>,
        low: Option<f64>,
        high: Option<f64>,
        unit: &str,
        q: Qualifier,
    ) -> Claim {
        let mut c = Claim::new(lang, SectionKind::Body, 0, surface.chars().count(), surface, kind);
        c.value = value;
        c.low = low;
        c.high = high;
        c.value_raw = value.or(low);
        c.unit = unit.to_string();
        c.qualifier = q;
        c
    }
    fn mass(lang: Lang, surface: &str, v: f64, q: Qualifier, high: Option<f64>) -> Claim {
        claim(lang, surface, Kind::Mass, Some(v), Some(v), high, "t", q)
    }
    macro_rules! verdict {
        ($en:expr, $zh:expr => $status:ident $(, $note:literal)?) => {{
            let v = judge(&$en, &$zh).expect("counterparts");
            assert_eq!(v.status, PairStatus::$status, "{:?} / {:?}", $en.surface, $zh.surface);
            let note: &str = concat!("" $(, $note)?);
            assert_eq!(v.note.map_or("", PairNote::as_str), note, "{:?} / {:?}", $en.surface, $zh.surface);
        }};
    }
    use Lang::{En, Zh};
    use Qualifier::*;

    #[test]
    fn jin_read_as_yield_on_one_side_is_a_match_read_two_ways() {
        // 亩施肥二十万斤 read as a yield, "200,000 jin of fertilizer" as a mass (100 t).
        let mut en = mass(En, "200,000 jin", 100.0, Exact, Some(100.0));
        en.value_raw = Some(200000.0);
        let zh = claim(Zh, "二十万斤", Kind::Yield, Some(200000.0), Some(200000.0), Some(200000.0), "jin/mu", Exact);
        verdict!(en, zh => Match, "kind_read");
        // Another number of jin, or another kind, is no counterpart.
        let other = claim(Zh, "三十万斤", Kind::Yield, Some(300000.0), Some(300000.0), Some(300000.0), "jin/mu", Exact);
        assert!(judge(&en, &other).is_none());
        let count = claim(Zh, "二十万头", Kind::Count, Some(200000.0), Some(200000.0), Some(200000.0), "animal", Exact);
        assert!(judge(&en, &count).is_none());
    }

    #[test]
    fn significant_digits_and_rounding() {
        assert_eq!(sig_digits(10700000.0), 3);
        assert_eq!(sig_digits(384.12), 5);
        assert_eq!(sig_digits(0.5), 1);
        assert_eq!(sig_digits(2513.0), 4);
        assert_eq!(round_sig(2513.0, 2), 2500.0);
        assert_eq!(round_sig(876000.0, 2), 880000.0);
        assert_eq!(round_sig(0.3333333, 2), 0.33);
        assert_eq!(last_digit_exp(870000.0), 4);
        // Whole numbers written as integers read as `Display` writes them.
        for x in [0.0, 1.0, 70.0, 2513.0, 9_007_199_254_740_991.0, 9_007_199_254_740_992.0, 1e20, 0.5, 123.25] {
            let mut b = StackStr::new();
            write_number(&mut b, x);
            assert_eq!(std::str::from_utf8(b.as_bytes()).unwrap(), format!("{x}"), "{x}");
        }
        assert!(transposed(2513.0, 2153.0) && !transposed(2513.0, 2513.0) && transposed(12.5, 21.5));
        // Integers counted without printing agree with the printed digits.
        for x in [1.0, 7.0, 10.0, 1070.0, 2513.0, 9_007_199_254_740_991.0, 9_007_199_254_740_992.0, 1e20, 123.5, 0.07] {
            let printed = format!("{}", tidy(x));
            let digits: String = printed.chars().filter(|c| c.is_ascii_digit()).collect();
            let want = digits.trim_start_matches('0').trim_end_matches('0').len().max(1) as u32;
            assert_eq!(sig_digits(x), want, "{x}");
        }
    }

    #[test]
    fn same_figure_matches() {
        // 今年钢产量一千零七十万吨 / 10.7 million tons of steel this year
        verdict!(mass(En, "10.7 million tons", 10700000.0, Exact, Some(10700000.0)), mass(Zh, "一千零七十万吨", 10700000.0, Exact, Some(10700000.0)) => Match);
        // 全省煤矿劳动力达到九万多人 / more than 90,000
        let en = claim(En, "more than 90,000", Kind::Count, Some(90000.0), Some(90000.0), None, "person", MoreThan);
        let zh = claim(Zh, "九万多人", Kind::Count, Some(90000.0), Some(90000.0), Some(100000.0), "person", MoreThan);
        verdict!(en, zh => Match);
        // 二千五百一十三吨 rendered "about 2,500 tons": rounded and hedged
        verdict!(mass(En, "about 2,500 tons", 2500.0, Approx, Some(2500.0)), mass(Zh, "二千五百一十三吨", 2513.0, Exact, Some(2513.0)) => Match);
    }

    #[test]
    fn scale_slips_are_named() {
        // 一万五千吨 read with 万 as thousand
        verdict!(mass(En, "1,500 tons", 1500.0, Exact, Some(1500.0)), mass(Zh, "一万五千吨", 15000.0, Exact, Some(15000.0)) => ValueMismatch, "scale_x10");
        verdict!(mass(En, "1.5 tons", 1.5, Exact, Some(1.5)), mass(Zh, "一万五千吨", 15000.0, Exact, Some(15000.0)) => ValueMismatch, "scale_x10000");
        verdict!(mass(En, "1,070,000 tons", 1070000.0, Exact, Some(1070000.0)), mass(Zh, "一千零七十万吨", 10700000.0, Exact, Some(10700000.0)) => ValueMismatch, "scale_x10");
    }

    #[test]
    fn digit_and_rounding_slips_are_named() {
        verdict!(mass(En, "2,153 tons", 2153.0, Exact, Some(2153.0)), mass(Zh, "二千五百一十三吨", 2513.0, Exact, Some(2513.0)) => ValueMismatch, "digits_transposed");
        // 八十七万六千吨 truncated to "870,000 tons"
        verdict!(mass(En, "870,000 tons", 870000.0, Exact, Some(870000.0)), mass(Zh, "八十七万六千吨", 876000.0, Exact, Some(876000.0)) => ValueMismatch, "rounding");
        // one significant digit without "about" is no rendering of 一万五千, but it is rounding
        verdict!(mass(En, "20,000 tons", 20000.0, Exact, Some(20000.0)), mass(Zh, "一万五千吨", 15000.0, Exact, Some(15000.0)) => ValueMismatch, "rounding");
        verdict!(mass(En, "25,000 tons", 25000.0, Exact, Some(25000.0)), mass(Zh, "一万五千吨", 15000.0, Exact, Some(15000.0)) => ValueMismatch, "value");
    }

    #[test]
    fn qualifier_slips_are_named() {
        // 全县今年只产生铁二万一千一百多吨 / only 21,100 tons of pig iron (corpus_c P18 slipped so)
        verdict!(mass(En, "21,100 tons", 21100.0, Exact, Some(21100.0)), mass(Zh, "二万一千一百多吨", 21100.0, MoreThan, Some(21200.0)) => QualifierMismatch, "qualifier_dropped");
        verdict!(mass(En, "about 15,000 tons", 15000.0, Approx, Some(15000.0)), mass(Zh, "一万五千吨", 15000.0, Exact, Some(15000.0)) => QualifierMismatch, "qualifier_added");
        verdict!(mass(En, "more than 15,000 tons", 15000.0, MoreThan, None), mass(Zh, "一万五千吨左右", 15000.0, Approx, Some(15000.0)) => QualifierMismatch, "qualifier_changed");
    }

    #[test]
    fn bei_readings() {
        let mut zh = claim(Zh, "提高四倍", Kind::Multiple, Some(4.0), Some(4.0), Some(5.0), "x", Exact);
        zh.add_note(Note::BeiAmbiguous);
        let mut en = claim(En, "fourfold", Kind::Multiple, Some(4.0), Some(4.0), Some(5.0), "x", Exact);
        en.add_note(Note::BeiAmbiguous);
        verdict!(en, zh => Match);
        // "increased five times" keeps the ambiguity one step off
        let mut five = claim(En, "increased five times", Kind::Multiple, Some(5.0), Some(5.0), Some(6.0), "x", Exact);
        five.add_note(Note::BeiAmbiguous);
        verdict!(five, zh => ValueMismatch, "bei_off_by_one");
        // 这个社的棉花比去年增产一倍多 / cotton more than doubled: the strict reading, stated plainly
        let mut zh1 = claim(Zh, "一倍多", Kind::Multiple, Some(1.0), Some(1.0), Some(2.0), "x", MoreThan);
        zh1.add_note(Note::BeiAmbiguous);
        verdict!(claim(En, "more than double", Kind::Multiple, Some(2.0), Some(2.0), None, "x", MoreThan), zh1 => Match);
        // 日产量比过去最高纪录增长了四倍多 / more than four times the old record (corpus_c P13)
        verdict!(claim(En, "more than four times", Kind::Multiple, Some(4.0), Some(4.0), None, "x", MoreThan), zh => ValueMismatch, "bei_off_by_one");
    }

    #[test]
    fn vague_amounts() {
        // 工人们提出了成千上万项建议 / workers made thousands of proposals (corpus_a P08)
        let zh = claim(Zh, "成千上万项", Kind::Count, None, Some(1000.0), Some(100000.0), "unit", Several);
        verdict!(claim(En, "thousands", Kind::Count, None, Some(1000.0), Some(10000.0), "unit", Several), zh => ValueMismatch, "several_narrowed");
        verdict!(claim(En, "thousands upon thousands", Kind::Count, None, Some(1000.0), Some(100000.0), "unit", Several), zh => Match);
        // 这座小高炉一天出铁一百零几吨 / a little over 100 tons a day (corpus_a P07)
        let zh = claim(Zh, "一百零几吨", Kind::Mass, None, Some(101.0), Some(109.0), "t", Several);
        verdict!(claim(En, "a little over 100 tons", Kind::Mass, Some(100.0), Some(100.0), Some(200.0), "t", MoreThan), zh => Match);
    }

    #[test]
    fn vague_slips_of_unit_scale_and_fan() {
        // 钻井队月进上千尺 rendered "over a thousand meters" a month: 尺 read as metre
        let zh = claim(Zh, "上千尺", Kind::Length, None, Some(1000.0 / 3.0), Some(10000.0 / 3.0), "m", Several);
        let en = claim(En, "over a thousand meters", Kind::Length, Some(1000.0), Some(1000.0), None, "m", MoreThan);
        verdict!(en, zh => UnitMismatch, "unit");
        // 产量一年翻了十几番 rendered "a more than tenfold increase"
        let zh = claim(Zh, "翻了十几番", Kind::Multiple, None, Some(1024.0), Some(1048576.0), "x", Several);
        let mut en = claim(En, "more than tenfold", Kind::Multiple, Some(10.0), Some(10.0), Some(11.0), "x", Exact);
        en.add_note(Note::BeiAmbiguous);
        verdict!(en, zh => ValueMismatch, "fan_as_bei");
        // 今年比去年翻两番 rendered "a twofold increase"
        let zh = claim(Zh, "翻两番", Kind::Multiple, Some(4.0), Some(4.0), Some(4.0), "x", Exact);
        verdict!(en_twofold(), zh => ValueMismatch, "fan_as_bei");
        // 厂里十几个车间 against "hundreds of thousands of workers": no slip by 10000
        let zh = claim(Zh, "十几个", Kind::Count, None, Some(10.0), Some(20.0), "unit", Several);
        let en = claim(En, "hundreds of thousands", Kind::Count, None, Some(1e5), Some(1e6), "unit", Several);
        let v = judge(&en, &zh).expect("counterparts");
        assert!(!v.explained && !v.near && v.note == Some(PairNote::Value), "{v:?}");
    }

    fn en_twofold() -> Claim {
        let mut en = claim(En, "twofold", Kind::Multiple, Some(2.0), Some(2.0), Some(3.0), "x", Exact);
        en.add_note(Note::BeiAmbiguous);
        en
    }

    #[test]
    fn units_and_dates() {
        let mut zh = mass(Zh, "五百斤", 0.25, Exact, Some(0.25));
        zh.value_raw = Some(500.0);
        let mut en = mass(En, "500 kg", 0.5, Exact, Some(0.5));
        en.value_raw = Some(500.0);
        verdict!(en, zh => UnitMismatch, "unit");
        let mut a = claim(En, "12th", Kind::Date, None, None, None, "", Exact);
        a.ref_date = "1958-10-12".parse().ok();
        let mut b = claim(Zh, "12日", Kind::Date, None, None, None, "", Exact);
        b.ref_date = "1958-10-12".parse().ok();
        verdict!(a, b => Match);
        b.ref_date = "1958-10-21".parse().ok();
        assert!(judge(&a, &b).is_none());
        assert!(judge(&a, &mass(Zh, "一万五千吨", 15000.0, Exact, Some(15000.0))).is_none());
    }

    #[test]
    fn no_panic_on_odd_numbers() {
        for v in [0.0, -3.0, f64::NAN, f64::INFINITY, 1e300, 1e-300] {
            let _ = judge(&mass(En, "x", v, Exact, Some(v)), &mass(Zh, "y", 7.0, Exact, Some(7.0)));
            let _ = judge(&mass(En, "x", 7.0, Exact, Some(7.0)), &mass(Zh, "y", v, Exact, Some(v)));
        }
    }
}
