//! Quantities: a qualifier, a number or range, then a unit or counted noun, made into a
//! draft claim with its interval (tests/gold/ANNOTATION.md). A negation flips a bound, the
//! bound of a list's first member holds for the rest, a bound on a loose range keeps one end
//! open, and "increased N times" / "N-fold" get the x N or x N+1 interval.
//!
//! Input: a token position. Output: drafts pushed to `Ex::drafts` and the token after the
//! figure (also for a number that proved to be no figure, so it is skipped whole).

use std::ops::ControlFlow;

use super::lexicon::{UnitDef, LEX, Q};
use super::numbers::NumP;
use super::tokens::T;
use super::units::{same_unit, UnitHit, U};
use super::{Draft, Ex};
use crate::claim::{Kind, Qualifier, Status};
use crate::extract::bounds::{Interval, Wording};
use crate::numerals::en::{self as num, NumError};
use crate::numerals::tidy;

/// What the last quantity claim of the sentence was, for a bare number that continues it
/// ("from 35,000 people to more than 90,000").
#[derive(Debug, Clone)]
pub(super) struct LastQty {
    pub(super) sentence: usize,
    pub(super) kind: Kind,
    pub(super) unit: String,
    pub(super) factor: f64,
}

/// What follows a number's first end (a step of `number_at`).
struct SecondEnd {
    /// The second end of a range and its unit.
    range: Option<(NumP, Option<UnitHit>)>,
    /// "four or five", "4-5": a loose range, which a bound before it turns into that bound
    /// ("more than four or five times" is four or more, open).
    loose: bool,
    /// "grew from 2,000 to 7,500 people": two figures, the unit of the second is the first's.
    borrowed: Option<(NumP, Option<UnitHit>)>,
    /// The first end, scaled by the scale words of the second ("three to four hundred").
    x: Option<f64>,
}

/// The qualifier and interval ends a number ends up with (a step of `number_at`).
struct Bound {
    q: Option<Q>,
    /// Both ends of a range, in the printed unit.
    span: Option<(f64, f64)>,
    /// The value (the kept end of a loose range under a bound).
    x: Option<f64>,
    /// A bound on a loose range: one end open.
    open: bool,
}

impl Bound {
    /// The qualifier before (`q`) or after (`post`) the number applied to it; a bound on a
    /// loose range keeps one end and opens the other.
    fn new(q: Option<Q>, post: Option<Q>, loose: bool, ranged: bool, x: Option<f64>, raw_y: Option<f64>) -> Bound {
        let q_eff = match (q, post) {
            (Some(Q::Exact) | None, Some(p)) => Some(p),
            (q, _) => q,
        };
        let mut span = ranged.then(|| (x.unwrap_or(0.0), raw_y.unwrap_or(0.0)));
        let mut x = x;
        let mut open = false;
        if loose {
            match q_eff {
                Some(Q::MoreThan | Q::MoreThanStep) => {
                    span = None;
                    open = true;
                }
                Some(Q::LessThan) => {
                    span = None;
                    x = raw_y;
                    open = true;
                }
                _ => {}
            }
        }
        let q = if open && q_eff == Some(Q::MoreThanStep) { Some(Q::MoreThan) } else { q_eff };
        Bound { q, span, x, open }
    }
}

/// A number with its unit, as `number_at` hands it to the claim its unit makes.
pub(super) struct Fig {
    /// Where the claim starts (qualifier included) and the number.
    pub(super) start: usize,
    pub(super) j: usize,
    pub(super) np: NumP,
    /// The token after the unit and any qualifier after it.
    pub(super) end: usize,
    /// The value in the printed unit (compound sub-units added), or the kept end.
    pub(super) raw: Option<f64>,
    pub(super) span: Option<(f64, f64)>,
    pub(super) q: Option<Q>,
    pub(super) open_bound: bool,
    /// A range was read (the second end is in `span`).
    pub(super) ranged: bool,
    pub(super) uraw: (usize, usize),
}

/// What a qualifier word says, in the terms of the shared interval rules.
fn wording(q: Option<Q>) -> Wording {
    match q {
        None | Some(Q::Exact) => Wording::Exact,
        Some(Q::Approx) => Wording::Approx,
        Some(Q::MoreThan) => Wording::MoreThan,
        Some(Q::MoreThanStep) => Wording::MoreThanStep,
        Some(Q::LessThan) => Wording::LessThan,
    }
}

impl Draft {
    /// The draft's number and bounds as an interval (canonical unit; `raw` as printed).
    pub(super) fn interval(&self) -> Interval {
        Interval {
            value: self.value,
            low: self.low,
            high: self.high,
            q: self.qualifier,
            raw: self.value_raw,
            status: self.status,
        }
    }

    /// Takes number, bounds, qualifier, printed number and status from `iv`.
    pub(super) fn set_interval(&mut self, iv: Interval) {
        self.value = iv.value;
        self.low = iv.low;
        self.high = iv.high;
        self.qualifier = iv.q;
        self.value_raw = iv.raw;
        self.status = iv.status;
    }
}

impl<'a> Ex<'a> {
    /// A quantity starting at token `i`: a qualifier (or a negated bound) before a figure, then
    /// the figure (`core_at`). Returns the token after it, or None.
    ///
    /// "The furnace did not exceed 30 tons, and the pits gave about 1,200 tons."
    pub(super) fn quantity_at(&mut self, i: usize) -> Option<usize> {
        let (mut q, j) = match self.longest(&LEX.pre, i) {
            // "over" / "under" / "some" only count as qualifiers right before a number.
            Some((end, q)) => (Some(*q), end),
            None => (None, i),
        };
        if q.is_some() && !self.same_line(j) {
            return None;
        }
        let mut i = i;
        let mut j = j;
        // "went up to 500 tons", "adds up to": "up" belongs to the verb, the figure is reached,
        // not a ceiling.
        if q == Some(Q::LessThan) && self.is(i, "up") && self.is(i + 1, "to") {
            let verb = self.prev_word(i);
            if LEX.increase.contains(verb) || LEX.change.contains(verb) || LEX.reach.contains(verb) {
                return None;
            }
        }
        // "did not reach 100 tons", "has not yet reached": less than (不到).
        if q.is_none() && LEX.reach.contains(self.w(i)) {
            if let Some(neg) = self.negation_before(i) {
                q = Some(Q::LessThan);
                j = i + 1;
                i = neg;
            }
        }
        // "did not exceed 2 mm", "not exceeding 7 tons", "never more than": a negated bound
        // is the opposite bound (issue 4, round 2: read as more than 2 mm before).
        if let Some(neg) = self.negation_before(i) {
            match q {
                Some(Q::MoreThan | Q::MoreThanStep) => {
                    q = Some(Q::LessThan);
                    i = neg;
                }
                Some(Q::LessThan) => {
                    q = Some(Q::MoreThan);
                    i = neg;
                }
                _ => {}
            }
        }
        // "a thousand, two thousand, or four thousand meters" after "over": the qualifier of
        // the first member holds for every member of the list.
        if q.is_none() {
            if let Some((after, cq)) = self.carry_q {
                if after < i && (after..i).all(|k| self.is_punct(k, ',') || self.is_any(k, &["or", "and"])) {
                    q = Some(cq);
                }
            }
        }
        let (i, j) = (i, j);
        if let Some(end) = self.core_at(i, j, q) {
            return Some(end);
        }
        if q.is_some() {
            // The qualifier words may start a figure of their own ("some" is no number).
            return None;
        }
        None
    }

    /// A negation right before token `i` ("not", "never", "didn't", "did not even"): the token
    /// where it starts. "not only" is no negation of what follows.
    fn negation_before(&self, i: usize) -> Option<usize> {
        let neg_at = |k: usize| -> Option<usize> {
            match self.w(k) {
                "not" | "never" => Some(k),
                // "didn't", "doesn't": the tokens didn ' t
                "t" if k >= 2 && self.tight(k) && (self.is_punct(k - 1, '\'') || self.is_punct(k - 1, '’')) => {
                    Some(k - 2)
                }
                _ => None,
            }
        };
        if i == 0 || !self.same_line(i) {
            return None;
        }
        if let Some(k) = neg_at(i - 1) {
            return Some(k);
        }
        if i >= 2 && self.is_any(i - 1, &["even", "yet", "ever", "generally", "usually", "normally"]) {
            return neg_at(i - 2);
        }
        None
    }

    /// An increase word right before the figure: "increased by N times", "an increase of N
    /// times", "up more than N times", "increased fourfold".
    ///
    /// "Output increased by three times" is a 倍 multiple; "three times the old level" is not.
    pub(super) fn increase_before(&self, start: usize) -> bool {
        let p = self.prev_word(start);
        if LEX.increase.contains(p) {
            return true;
        }
        if matches!(p, "by" | "of") && start >= 2 {
            let p2 = self.w(start - 2);
            return LEX.increase.contains(p2)
                || (p2 == "sharply" && start >= 3 && LEX.increase.contains(self.w(start - 3)));
        }
        false
    }

    /// "from X to Y" after a change verb ("increased from 28 tons to 32 tons") states two
    /// values; elsewhere ("from 630 to 1,431") a range.
    fn change_before_from(&self, start: usize) -> bool {
        if !self.is(start.wrapping_sub(1), "from") {
            return false;
        }
        let s = self.sentence(start);
        let mut p = start - 1;
        let mut n = 0;
        while p > 0 && n < 8 {
            p -= 1;
            if self.sentence(p) != s || matches!(self.w(p), ";" | ",") {
                break;
            }
            let w = self.w(p);
            if LEX.change.contains(w) || LEX.increase.contains(w) {
                return true;
            }
            n += 1;
        }
        false
    }

    /// A figure built on the number phrase at `j`, with the qualifier `q` found at `start`: the
    /// number, the range or second figure after it, then its unit or counted noun.
    ///
    /// "The furnaces made 300-400 tons a day, more than four or five times the old output."
    pub(super) fn number_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        let np = self.number_phrase(j)?;
        if let Some(skip) = self.no_figure_number(&np, j, q) {
            return skip;
        }
        let (mut post, k) = self.plus_or_odd(np.end);
        let u1 = self.unit_at(k);
        let SecondEnd { range, loose, borrowed, x } = self.second_end(start, j, &np, post, &u1, k);
        let mut borrowed_unit = false;
        let (unit, end_num, raw_y) = match &range {
            Some((np2, u2)) => (u2.clone().or(u1.clone()), np2.end, np2.v()),
            None => match (&u1, &borrowed) {
                (None, Some((_, Some(u2)))) if matches!(u2.u, U::Def(_) | U::Percent) => {
                    borrowed_unit = true;
                    (Some(u2.clone()), np.end, None)
                }
                _ => (u1.clone(), np.end, None),
            },
        };
        let unit_end = if borrowed_unit {
            k
        } else {
            unit.as_ref().map(|u| u.end).unwrap_or(if range.is_some() { end_num } else { k })
        };
        // post qualifiers after the unit: "1,000 tons or more", "a dozen or so"
        let mut end = unit_end;
        if post.is_none() {
            if let Some((pq, e)) = self.post_qualifier(end) {
                post = Some(pq);
                end = e;
            }
        }
        let b = Bound::new(q, post, loose, range.is_some(), x, raw_y);

        let Some(unit) = unit else {
            let hint = borrowed.as_ref().and_then(|(np2, _)| {
                let (c, _) = self.count_class(np2.end, np2.a);
                (c != "unit").then_some(c)
            });
            let mut np = np.clone();
            if b.open {
                np.value = b.x.ok_or(NumError::Empty);
            }
            return self.bare_number(start, &np, end_num.max(k), b.q, b.span, hint);
        };
        let uraw = if borrowed_unit { (0, 0) } else { (unit.a, unit.end) };
        let raw = b.x.map(|v| v + unit.extra);
        let f = Fig { start, j, np, end, raw, span: b.span, q: b.q, open_bound: b.open, ranged: range.is_some(), uraw };
        self.unit_claim(&f, &unit)
    }

    /// A number that is a name, an index or an ordinal, not a figure: what `number_at` returns
    /// for it (the token after it, to skip it whole; None after a qualifier).
    fn no_figure_number(&self, np: &NumP, j: usize, q: Option<Q>) -> Option<Option<usize>> {
        if self.is_name_number(j, np.end) {
            let mut end = np.end;
            if self.is_punct(end, ':') && self.t(end + 1) == Some(T::Num) {
                end += 2;
            }
            return Some(if q.is_some() { None } else { Some(end) });
        }
        // "twenty-first": an ordinal, skip it whole.
        if np.spelled && self.is_punct(np.end, '-') && num::is_ordinal_word(self.w(np.end + 1)) {
            return Some(Some(np.end + 2));
        }
        // "the Thirteen Tombs Reservoir": a capitalised number word inside a sentence, before
        // a capitalised word that is neither unit nor counted noun, is part of a name.
        if np.spelled && self.body && self.toks[j].cap && j > 0 && self.sentence(j - 1) == self.sentence(j) {
            let nx = np.end;
            let named = self.toks.get(nx).is_some_and(|t| t.cap && t.t == T::Word)
                && self.unit_at(nx).is_none()
                && self.count_noun_at(nx).is_none()
                && self.month_at(nx).is_none();
            if named {
                return Some(if q.is_some() { None } else { Some(nx) });
            }
        }
        None
    }

    /// "2,000+ counties", "thirty-odd tons": like 多. The qualifier and the token after it.
    fn plus_or_odd(&self, k: usize) -> (Option<Q>, usize) {
        if self.is_punct(k, '+') && self.tight(k) {
            (Some(Q::MoreThanStep), k + 1)
        } else if self.is_punct(k, '-') && self.is(k + 1, "odd") {
            (Some(Q::MoreThanStep), k + 2)
        } else {
            (None, k)
        }
    }

    /// What follows the first end `np` (unit `u1`, next token `k`): a range ("300-400 tons",
    /// "2% to 10%", "4,000 to 5,000 plants", "5 or 6 jin", "between 30 and 40"), or after a
    /// change verb a second figure whose unit the first borrows.
    fn second_end(
        &self,
        start: usize,
        j: usize,
        np: &NumP,
        post: Option<Q>,
        u1: &Option<UnitHit>,
        k: usize,
    ) -> SecondEnd {
        let mut s = SecondEnd { range: None, loose: false, borrowed: None, x: np.v() };
        if post.is_none() && np.v().is_some() {
            let conn = u1.as_ref().map_or(k, |u| u.end);
            let dash = (self.is_punct(conn, '-') || self.is_punct(conn, '–'))
                && self.tight(conn)
                && self.tight(conn + 1)
                && u1.is_none();
            let mut from_change = false;
            let word_conn = match self.w(conn) {
                "to" => {
                    from_change = self.change_before_from(start);
                    self.same_line(conn)
                }
                "or" => true,
                "and" => self.is(start.wrapping_sub(1), "between"),
                _ => false,
            };
            if dash || word_conn {
                if let Some(np2) = self.number_phrase(conn + 1) {
                    self.range_end(j, np, np2, u1, conn, dash, from_change, &mut s);
                }
            }
        }
        if s.range.is_none() {
            s.x = np.v();
        }
        s
    }

    /// The second end `np2` after the connective at `conn`: a range when both ends agree (in
    /// order, style, unit; not two years), recorded in `s`.
    #[allow(clippy::too_many_arguments)]
    fn range_end(
        &self,
        j: usize,
        np: &NumP,
        np2: NumP,
        u1: &Option<UnitHit>,
        conn: usize,
        dash: bool,
        from_change: bool,
        s: &mut SecondEnd,
    ) {
        let mut x = np.v().unwrap_or(0.0);
        let y = np2.v().unwrap_or(0.0);
        // "three to four hundred", "1.5 to 2 million": the scale of the second end
        // applies to both.
        if let (Some((lead, mult)), None) = (np2.trail, np.trail) {
            if x < lead && u1.is_none() && !np.lone_scale {
                x = tidy(x * mult);
                s.x = Some(x);
            }
        }
        let u2_peek = self.unit_at(np2.end);
        let again = self.is(u2_peek.as_ref().map_or(np2.end, |u| u.end), "to");
        if from_change && !again {
            if u1.is_none() && np2.v().is_some() {
                s.borrowed = Some((np2.clone(), u2_peek.clone()));
            }
            x = f64::INFINITY;
        }
        let same_style = np2.spelled == np.spelled || self.w(conn) == "to";
        let u2 = self.unit_at(np2.end);
        let units_agree = match (u1, &u2) {
            (Some(a), Some(b)) => same_unit(&a.u, &b.u),
            _ => true,
        };
        let np2_ok =
            np2.v().is_some() && !np2.lone_scale && (np2.digits || !dash) && !self.is_name_number(np2.a, np2.end);
        let years = self.year_num(j).is_some() && self.year_num(np2.a).is_some() && !np.spelled;
        let u2_or_not_both = !(u1.is_some() && u2.is_none() && self.w(conn) == "to");
        if np2_ok && x < y && same_style && units_agree && !years && u2_or_not_both {
            s.loose = dash || self.is(conn, "or");
            s.range = Some((np2, u2));
        }
    }

    /// A qualifier after the unit at `end` ("or more", "or so"), and the token after it.
    fn post_qualifier(&self, end: usize) -> Option<(Q, usize)> {
        let (e, pq) = self.longest(&LEX.post, end)?;
        // "... per mu and more than 4,600 jin": the next figure's qualifier.
        (*pq != Q::MoreThanStep && self.same_line(end) && !self.is(e, "than")).then_some((*pq, e))
    }

    /// The claim a number with a unit makes: a measure, a percentage, a count ("strong"), a
    /// multiple ("fold", "times") or a count of occasions ("three times").
    fn unit_claim(&mut self, f: &Fig, unit: &UnitHit) -> Option<usize> {
        match &unit.u {
            U::Def(def) => self.measure_claim(f, unit, def),
            U::Percent => {
                let d = self.qty_draft(f.start, f.end, Kind::Percent, "%", 1.0, f.raw, f.span, f.q, f.uraw);
                self.push_qty(d, 1.0);
                Some(f.end)
            }
            U::Strong => {
                let d = self.qty_draft(f.start, f.end, Kind::Count, "person", 1.0, f.raw, f.span, f.q, (0, 0));
                self.push_qty(d, 1.0);
                Some(f.end)
            }
            U::Fold => self.fold_claim(f),
            U::Times => self.times_claim(f, unit),
        }
    }

    /// A measure in a lexicon unit ("15,000 tons", "97,000+ mu", "three hours").
    fn measure_claim(&mut self, f: &Fig, unit: &UnitHit, def: &UnitDef) -> Option<usize> {
        let Some(kind) = def.kind else { return Some(f.end) };
        let mut end = f.end;
        if kind == Kind::Duration {
            match self.duration_tail(f, unit, def) {
                ControlFlow::Break(r) => return r,
                ControlFlow::Continue(e) => end = e,
            }
        } else if f.np.lone_scale
            && !matches!(
                kind,
                Kind::Mass
                    | Kind::Area
                    | Kind::Length
                    | Kind::Volume
                    | Kind::Money
                    | Kind::Energy
                    | Kind::Power
                    | Kind::Yield
            )
        {
            return Some(end);
        }
        let mut d = self.qty_draft(f.start, end, kind, &def.unit.clone(), def.factor, f.raw, f.span, f.q, f.uraw);
        if f.np.value.is_err() {
            d.status = Status::Unparsed;
        }
        self.push_qty(d, def.factor);
        Some(end)
    }

    /// A duration: no figure in a slogan or quote; "days and nights", "hours and minutes" and
    /// "and a half" taken in. Breaks with what `number_at` returns, or continues with the end.
    fn duration_tail(&mut self, f: &Fig, unit: &UnitHit, def: &UnitDef) -> ControlFlow<Option<usize>, usize> {
        let (start, mut end) = (f.start, f.end);
        // "One day equals twenty years!": a slogan, no quantity (ANNOTATION.md).
        let equals = self.is_any(start.wrapping_sub(1), &["equals", "equal", "equalling"])
            || (self.is(start.wrapping_sub(1), "to") && self.is_any(start.wrapping_sub(2), &["equal", "equals"]));
        if self.in_quote || f.np.lone_scale || equals {
            return ControlFlow::Break(Some(end));
        }
        // "four days and nights", "three days and three nights" (三天三夜): one
        // duration.
        if self.is(end, "and") && self.is_any(end + 1, &["nights", "night"]) {
            end += 2;
        } else if def.unit == "day" && self.is(end, "and") {
            if let Some(np2) = self.number_phrase(end + 1) {
                if np2.v() == f.np.v() && self.is_any(np2.end, &["nights", "night"]) {
                    end = np2.end + 1;
                }
            }
        }
        // "three hours and fifty-three minutes", "one hour and three minutes": one
        // duration in minutes (a lone "one" is a figure here).
        if def.unit == "hour" && self.is(end, "and") && !f.ranged {
            if let Some(np2) = self.number_phrase(end + 1) {
                if self.is_any(np2.end, &["minutes", "minute"]) {
                    let total = f.raw.zip(np2.v()).map(|(h, m)| h * 60.0 + m);
                    let d = self.qty_draft(
                        start,
                        np2.end + 1,
                        Kind::Duration,
                        "minute",
                        1.0,
                        total,
                        None,
                        f.q,
                        (unit.a, np2.end + 1),
                    );
                    self.push_qty(d, 1.0);
                    return ControlFlow::Break(Some(np2.end + 1));
                }
            }
        }
        // "one day and a half", "three hours and a half"
        let half = !f.ranged && self.seq(end, &["and", "a", "half"]).is_some();
        if f.np.lone_one && !half {
            return ControlFlow::Break(Some(end));
        }
        if half {
            let raw = f.raw.map(|v| v + 0.5);
            let d =
                self.qty_draft(start, end + 3, Kind::Duration, &def.unit.clone(), def.factor, raw, None, f.q, f.uraw);
            self.push_qty(d, def.factor);
            return ControlFlow::Break(Some(end + 3));
        }
        ControlFlow::Continue(end)
    }

    /// A quantity draft: `raw` in the printed unit (or `range` ends), `factor` to the
    /// canonical unit, qualifier `q` applied as in tests/gold/ANNOTATION.md.
    ///
    /// "more than 2,000 jin" is a mass of more than 1 t: low 1, no high.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn qty_draft(
        &self,
        a: usize,
        b: usize,
        kind: Kind,
        unit: &str,
        factor: f64,
        raw: Option<f64>,
        range: Option<(f64, f64)>,
        q: Option<Q>,
        unit_raw: (usize, usize),
    ) -> Draft {
        // Exact-only words ("only", "a total of") stay out of the surface.
        let a = if q == Some(Q::Exact) { self.skip_exact_words(a) } else { a };
        let mut d = Draft {
            a,
            b,
            kind,
            value: None,
            low: None,
            high: None,
            unit: unit.to_string(),
            qualifier: Qualifier::Exact,
            value_raw: raw,
            unit_raw,
            ref_date: None,
            status: Status::Ok,
            notes: Vec::new(),
        };
        // "over 92% to 99%", "more than four or five times": the range says more than the
        // qualifier; both ends are kept.
        let iv = match (range, raw) {
            (Some((x, y)), _) => Interval::range(x, y),
            // "0+ tons": the English rule has never stepped up from zero or below (the shared
            // step is one there, for 零多); kept so, the high end is the number itself.
            (None, Some(raw)) if raw <= 0.0 && q == Some(Q::MoreThanStep) => {
                Interval { high: Some(raw), ..Interval::number(raw, Wording::MoreThan) }
            }
            (None, Some(raw)) => Interval::number(raw, wording(q)),
            (None, None) => Interval::unparsed(),
        };
        d.set_interval(iv.scaled(factor));
        d
    }

    fn skip_exact_words(&self, a: usize) -> usize {
        match self.longest(&LEX.pre, a) {
            Some((end, Q::Exact)) => end,
            _ => a,
        }
    }

    /// Keeps a quantity draft and remembers it for the figures that continue it: the last
    /// quantity of the sentence (its unit) and the last count class.
    ///
    /// "It made 40 tons on Monday and 55 on Tuesday": 55 takes tons from the figure before.
    pub(super) fn push_qty(&mut self, mut d: Draft, factor: f64) {
        // "$800 million", "£5": a sum of money in that currency, the sign in the surface.
        if (d.kind == Kind::Count && d.unit == "unit" || d.kind == Kind::Money) && d.a > 0 && self.tight(d.a) {
            let currency = match self.w(d.a - 1) {
                "$" => Some("USD"),
                "£" => Some("GBP"),
                _ => None,
            };
            if let Some(c) = currency.filter(|_| self.t(d.a - 1) == Some(T::Punct)) {
                d.a -= 1;
                d.kind = Kind::Money;
                d.unit = c.to_string();
                d.unit_raw = (d.a, d.a + 1);
            }
        }
        // "minus 5 percent", "a negative growth of 2 percent": a rate printed with its sign (a
        // percent only: "minus" before other figures is no sign in these texts).
        // ("plus or minus 5 percent" is a tolerance, no negative rate.)
        let tolerance = d.a >= 3 && self.is(d.a - 2, "or") && self.is(d.a - 3, "plus");
        if d.kind == Kind::Percent && d.a > 0 && self.is_any(d.a - 1, &["minus", "negative"]) && !tolerance {
            d.a -= 1;
            d.negate();
        }
        let sentence = self.sentence(d.a);
        if d.kind == Kind::Count && d.unit != "unit" {
            self.last_count = Some((sentence, d.unit.clone()));
        }
        self.last_qty = Some(LastQty { sentence, kind: d.kind, unit: d.unit.clone(), factor });
        self.drafts.push(d);
    }
}
