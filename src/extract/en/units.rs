//! Units after a number: the lexicon's measures (with compound old units such as "jin and two
//! liang"), percent, "times", "fold", "strong"; and the cues that make a mass in jin a yield
//! per mu ("a yield of 1,000 jin", "a 1,000-jin county").
//!
//! Input: the token after a number. Output: a [`UnitHit`] (the unit's token range and
//! definition), or None.

use super::lexicon::{UnitDef, LEX, NP_STOP};
use super::tokens::T;
use super::Ex;
use crate::claim::Kind;
use crate::numerals::en as num;

/// What follows a number as its unit.
#[derive(Debug, Clone)]
pub(super) enum U {
    Def(UnitDef),
    Percent,
    Times,
    Fold,
    Strong,
}

#[derive(Debug, Clone)]
pub(super) struct UnitHit {
    pub(super) u: U,
    /// Token range of the unit as printed.
    pub(super) a: usize,
    pub(super) end: usize,
    /// A compound `and N liang` added to the value, in the first unit.
    pub(super) extra: f64,
}

/// Two units are the same unit: both ends of "5 tons to 8 tons", not "5 tons to 8 mu".
pub(super) fn same_unit(a: &U, b: &U) -> bool {
    match (a, b) {
        (U::Def(x), U::Def(y)) => x.kind == y.kind && x.unit == y.unit,
        (U::Percent, U::Percent) | (U::Times, U::Times) | (U::Fold, U::Fold) | (U::Strong, U::Strong) => true,
        _ => false,
    }
}

impl<'a> Ex<'a> {
    /// The unit right after a number (a hyphen may join them: "10,000-ton").
    ///
    /// "It gave 3,000 jin of rice per mu, a 10-fold rise, on 5 mu and 3 fen of land."
    pub(super) fn unit_at(&self, k: usize) -> Option<UnitHit> {
        let mut p = k;
        if self.is_punct(p, '-') && self.tight(p) && self.tight(p + 1) {
            p += 1;
        }
        if !self.same_line(p) {
            return None;
        }
        let tok = self.toks.get(p)?;
        if tok.t == T::Punct {
            let w = self.w(p);
            if (w == "%" || w == "％") && p == k {
                return Some(UnitHit { u: U::Percent, a: p, end: p + 1, extra: 0.0 });
            }
            // A sign of the lexicon (‰): a unit like a word.
            return match self.longest(&LEX.units, p) {
                Some((end, def)) if p == k && end == p + 1 => {
                    Some(UnitHit { u: U::Def(def.clone()), a: p, end, extra: 0.0 })
                }
                _ => None,
            };
        }
        if tok.t != T::Word {
            return None;
        }
        match self.w(p) {
            "fold" => return Some(UnitHit { u: U::Fold, a: p, end: p + 1, extra: 0.0 }),
            "times" | "time" => return Some(UnitHit { u: U::Times, a: p, end: p + 1, extra: 0.0 }),
            "strong" => return Some(UnitHit { u: U::Strong, a: p, end: p + 1, extra: 0.0 }),
            _ => {}
        }
        let (end, def) = self.longest(&LEX.units, p)?;
        let mut def = def.clone();
        let (mut end, extra) = self.compound_subunits(p, end);
        if def.unit == "t" && matches!(self.w(p), "jin" | "catty" | "catties") {
            if let Some(e) = self.jin_per_mu(end) {
                def = UnitDef { kind: Some(Kind::Yield), unit: "jin/mu".into(), factor: 1.0 };
                end = e;
            } else if self.yield_before(k) || self.yield_cue(k) || self.yield_threshold_after(end) {
                def = UnitDef { kind: Some(Kind::Yield), unit: "jin/mu".into(), factor: 1.0 };
            }
        }
        Some(UnitHit { u: U::Def(def), a: p, end, extra })
    }

    /// Compound old units after the unit at `p` ending at `end`: "61,584 jin and two liang",
    /// "130,434 jin, ten liang, and four qian", "one mu, seven li, and five hao", "5 feet 3
    /// inches": the smaller
    /// units add to the first. The new end and what they add, in the first unit.
    fn compound_subunits(&self, p: usize, end: usize) -> (usize, f64) {
        let mut end = end;
        let mut extra = 0.0;
        let subunits: &[(&str, f64)] = match self.w(p) {
            "jin" | "catty" | "catties" => &[("liang", 16.0), ("qian", 160.0)],
            "mu" | "mou" => &[("fen", 10.0), ("li", 100.0), ("hao", 1000.0)],
            "foot" | "feet" => &[("inch", 12.0), ("inches", 12.0)],
            _ => &[],
        };
        // "5 feet 3 inches" needs no comma or "and" between.
        let bare_ok = matches!(self.w(p), "foot" | "feet");
        for _ in 0..subunits.len() {
            let mut k2 = end;
            if self.is_punct(k2, ',') {
                k2 += 1;
            }
            if self.is(k2, "and") {
                k2 += 1;
            }
            if k2 == end && !bare_ok {
                break;
            }
            let Some(np) = self.number_phrase(k2) else { break };
            let Some((_, div)) = subunits.iter().find(|(u, _)| self.is(np.end, u)) else { break };
            extra += np.v().unwrap_or(0.0) / div;
            end = np.end + 1;
        }
        (end, extra)
    }

    /// "N jin per mu", "N jin of millet per mu": a yield. The token after "per mu".
    fn jin_per_mu(&self, end: usize) -> Option<usize> {
        let mut k2 = end;
        if self.is(k2, "of") {
            k2 += 1;
            let mut n = 0;
            // words of the crop, hyphens included ("of middle-season rice per mu")
            while n < 6
                && (self.t(k2) == Some(T::Word) || (self.is_punct(k2, '-') && self.tight(k2)))
                && !self.is(k2, "per")
                && !NP_STOP.contains(&self.w(k2))
            {
                k2 += 1;
                n += 1;
            }
        }
        (self.is(k2, "per") && self.is_any(k2 + 1, &["mu", "mou"])).then_some(k2 + 2)
    }

    /// "the average yield per mu reached about 320 jin": "per mu" earlier in the clause, with
    /// no number between.
    fn yield_before(&self, k: usize) -> bool {
        let s = self.sentence(k);
        let mut n = 0;
        let mut p = k;
        while p > 0 && n < 14 {
            p -= 1;
            if self.sentence(p) != s || matches!(self.w(p), ";" | ",") {
                return false;
            }
            if p + 1 < k && self.t(p) == Some(T::Num) && p + 1 != k {
                // another number in between (the one at k-1 is ours)
                if self.toks[p].b < self.toks.get(k.saturating_sub(1)).map_or(0, |t| t.a) {
                    return false;
                }
            }
            if self.is(p, "per") && self.is_any(p + 1, &["mu", "mou"]) {
                return true;
            }
            n += 1;
        }
        false
    }

    /// "a yield of 1,000 jin", "two counties with over 5,000 jin of millet": a yield, though
    /// "per mu" is not said. `k` is the token after the number.
    fn yield_cue(&self, k: usize) -> bool {
        let mut p = k;
        while p > 0 {
            let t = self.t(p - 1);
            let numeric = t == Some(T::Num)
                || (t == Some(T::Word) && num::word(self.w(p - 1)).is_some())
                || self.is_punct(p - 1, '-')
                // the first end of a range: "yielding 10,000 to 20,000 jin"
                || (p >= 2 && self.is_any(p - 1, &["to", "or"]) && self.t(p - 2) == Some(T::Num));
            if !numeric || k - p > 6 {
                break;
            }
            p -= 1;
        }
        // a qualifier before the number
        for back in 1..=3 {
            if p >= back {
                if let Some((end, _)) = self.longest(&LEX.pre, p - back) {
                    if end == p {
                        p -= back;
                        break;
                    }
                }
            }
        }
        let w1 = self.prev_word(p);
        let w2 = if p >= 2 { self.w(p - 2) } else { "" };
        if w1 == "of" && matches!(w2, "yield" | "yields") {
            // "a field of one mu and eight li, with a yield of 89,127 jin": the harvest of a
            // field whose area is given (not one mu) is a total, unless an average or "per mu"
            // is said.
            let per = (p.saturating_sub(5)..p.saturating_sub(2))
                .any(|q| self.is_any(q, &["average", "per", "unit"]) && self.sentence(q) == self.sentence(p));
            return per || !self.field_area_before(p.saturating_sub(2));
        }
        // "313 mu of millet \"satellite\" fields yielding 10,000 to 20,000 jin", "6.1 mu
        // yielding more than 20,000 jin": fields classed by their yield per mu. Not "0.85 mu
        // was harvested, yielding 52,346 jin" (a total): no comma or verb in between.
        if w1 == "yielding" && p >= 2 {
            let s = self.sentence(p);
            for q in (p.saturating_sub(9)..p - 1).rev() {
                if self.sentence(q) != s
                    || self.is_punct(q, ',')
                    || self.is_punct(q, ';')
                    || self.is_any(q, &["was", "were", "is", "are", "had", "has", "have", "been", "which", "that"])
                {
                    break;
                }
                if self.is_any(q, &["mu", "mou"]) && q > 0 && self.t(q - 1) == Some(T::Num) {
                    return true;
                }
            }
        }
        if w1 == "with" {
            let s = self.sentence(p);
            return (p.saturating_sub(7)..p.saturating_sub(1)).any(|q| {
                self.sentence(q) == s
                    && (self
                        .count_noun_at(q)
                        .is_some_and(|(c, _)| matches!(c.as_str(), "county" | "province" | "field"))
                        || matches!(self.w(q), "area" | "areas" | "region" | "regions" | "prefecture" | "prefectures"))
            });
        }
        false
    }

    /// An area other than one mu stated earlier in the sentence of token `k` ("a rice field of
    /// one mu and eight li", "0.85 mu"), not a rate ("per mu").
    fn field_area_before(&self, k: usize) -> bool {
        let s = self.sentence(k);
        (1..k).rev().take_while(|&q| self.sentence(q) == s).any(|q| {
            if !self.is_any(q, &["mu", "mou"]) || self.is(q - 1, "per") {
                return false;
            }
            let prev = self.w(q - 1);
            let numeric = self.t(q - 1) == Some(T::Num) || num::word(prev).is_some();
            let more = self.is_any(q + 1, &["and", ","])
                && (q + 2..q + 4).any(|r| self.t(r) == Some(T::Num) || num::word(self.w(r)).is_some());
            numeric && (!matches!(prev, "one" | "1") || more)
        })
    }

    /// "a 1,000-jin county", "the Thousand Jin Rice City", "a 10,000-jin field": places
    /// named by their yield per mu (千斤县, ANNOTATION.md decisions).
    fn yield_threshold_after(&self, end: usize) -> bool {
        (end..end + 3).take_while(|&q| self.t(q) == Some(T::Word) && self.same_line(q)).any(|q| {
            matches!(
                self.w(q),
                "county"
                    | "counties"
                    | "city"
                    | "cities"
                    | "province"
                    | "provinces"
                    | "township"
                    | "townships"
                    | "commune"
                    | "communes"
                    | "field"
                    | "fields"
                    | "plot"
                    | "plots"
                    | "target"
                    | "targets"
                    | "goal"
                    | "goals"
                    | "satellite"
                    | "satellites"
                    | "university"
                    | "universities"
                    | "school"
                    | "schools"
            )
        })
    }
}
