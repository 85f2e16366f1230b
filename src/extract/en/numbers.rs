//! Number phrases and the figures said without a plain number: digits and number words
//! composed into one value ("2 million", "four hundred"), names and indexes that are no figure
//! ("No. 3", "Tu-104"), "an hour and a half", vague amounts ("tens of thousands"), words of
//! multiples ("doubled", "fourfold", "twice") and fractions ("two-thirds", "half a ton").
//!
//! Input: a token position (after any qualifier). Output: a [`NumP`], or drafts pushed through
//! `push_qty` and the token after the figure.

use super::lexicon::{LEX, Q};
use super::tokens::T;
use super::units::{UnitHit, U};
use super::{Draft, Ex};
use crate::claim::{Kind, Qualifier, Status};
use crate::extract::bounds::Interval;
use crate::numerals::en::{self as num, Composer, NumError, NumWord};
use crate::numerals::tidy;

/// A number phrase found at a token.
#[derive(Debug, Clone)]
pub(super) struct NumP {
    pub(super) a: usize,
    pub(super) end: usize,
    pub(super) value: Result<f64, NumError>,
    pub(super) spelled: bool,
    /// Just "one" (a pronoun more often than a figure).
    pub(super) lone_one: bool,
    /// A scale word without a number before it ("thousand-ton", "Million Miners").
    pub(super) lone_scale: bool,
    /// Exactly one digit token.
    pub(super) digits: bool,
    /// For a phrase ending in scale words ("four hundred", "2 million"): the number before
    /// them and their multiplier (4, 100), so that "three to four hundred" reads 300 to 400.
    pub(super) trail: Option<(f64, f64)>,
}

impl NumP {
    /// Digits at `[a, end)` that will not convert: kept as a figure with no value.
    fn unparsed(a: usize, end: usize, e: NumError) -> NumP {
        NumP { a, end, value: Err(e), spelled: false, lone_one: false, lone_scale: false, digits: true, trail: None }
    }

    /// The value, when the numeral converted.
    pub(super) fn v(&self) -> Option<f64> {
        self.value.as_ref().ok().copied()
    }
}

impl<'a> Ex<'a> {
    /// The figure at `j`, with the qualifier `q` found at `start`. Returns the token after it
    /// (also when the number turned out to be no figure, to skip it whole), or None.
    ///
    /// "Tens of thousands of people worked for an hour and a half to double the yield."
    pub(super) fn core_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        if let Some(end) = self.and_a_half_at(start, j, q) {
            return Some(end);
        }
        if let Some(end) = self.vague_at(start, j, q) {
            return Some(end);
        }
        if let Some(end) = self.times_words_at(start, j, q) {
            return Some(end);
        }
        if let Some(end) = self.fraction_at(start, j, q) {
            return Some(end);
        }
        self.number_at(start, j, q)
    }

    /// "an hour and a half", "a year and a half", "(every) hour and a half": 1.5 of a unit
    /// of time, said without a number.
    fn and_a_half_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        let u = if self.is_any(j, &["a", "an"]) {
            self.unit_at(j + 1)?
        } else if self.is(j.wrapping_sub(1), "every") && self.t(j) == Some(T::Word) {
            self.unit_at(j)?
        } else {
            return None;
        };
        let U::Def(def) = &u.u else { return None };
        if def.kind != Some(Kind::Duration) || u.end != u.a + 1 || self.w(u.a).ends_with('s') {
            return None;
        }
        let end = self.seq(u.end, &["and", "a", "half"])?;
        let def = def.clone();
        let d = self.qty_draft(start, end, Kind::Duration, &def.unit, def.factor, Some(1.5), None, q, (u.a, u.end));
        self.push_qty(d, def.factor);
        Some(end)
    }

    /// "tens of millions", "thousands upon thousands", "several thousand", "dozens".
    fn vague_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        let (end, &(lo, hi)) = self.longest(&LEX.vague, j)?;
        let w0 = self.w(j);
        if (w0 == "tens" || w0 == "hundreds") && end == j + 1 && !self.is(end, "of") {
            return None;
        }
        // "several hundred" must not be the start of "several hundred thousand tons": the
        // longest phrase already took it; a number word after it means something else.
        if self.t(end) == Some(T::Word)
            && num::word(self.w(end)).is_some_and(|nw| matches!(nw, NumWord::Scale(_) | NumWord::Hundred))
        {
            return None;
        }
        let mut k = end;
        let of = self.is(k, "of");
        if of {
            k += 1;
        }
        let _ = q;
        let (kind, unit, factor, uend, unit_raw) = match self.unit_at(k).filter(|u| matches!(u.u, U::Def(_))) {
            Some(UnitHit { u: U::Def(def), a, end, .. }) => match def.kind {
                Some(kd) if kd != Kind::Duration || of => (kd, def.unit.clone(), def.factor, end, (a, end)),
                _ => return Some(end),
            },
            _ => {
                let (mut class, cend) = self.count_class(end, j);
                // "hundreds of thousands or millions of laborers": the noun of the last
                // alternative counts the first too.
                if class == "unit" && self.is_any(end, &["or", "to"]) {
                    if let Some((e2, _)) = self.longest(&LEX.vague, end + 1) {
                        class = self.count_class(e2, end + 1).0;
                    }
                }
                let e = cend.unwrap_or(end);
                (Kind::Count, class, 1.0, e.max(end), (0, 0))
            }
        };
        let mut d = Draft {
            a: start,
            b: uend,
            kind,
            value: None,
            low: None,
            high: None,
            unit,
            qualifier: Qualifier::Several,
            value_raw: None,
            unit_raw,
            ref_date: None,
            status: Status::Ok,
            notes: Vec::new(),
        };
        d.set_interval(Interval::several(lo, hi).scaled(factor));
        self.push_qty(d, factor);
        Some(uend)
    }

    /// "half", "more than half", "one-third", "two-thirds of", "half a ton", "half an hour".
    fn fraction_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        let w = self.w(j);
        let prev = self.prev_word(j);
        if num::is_ordinal_word(prev) && w != "half" {
            return None;
        }
        if w == "half" {
            return self.half_at(start, j, q);
        }
        // numerator (a, an, one .. nine) + denominator (third, quarter, fifths, ...)
        let numer = match w {
            "a" | "an" => 1.0,
            _ => match num::word(w)? {
                NumWord::Unit(n) if n > 0 => f64::from(n),
                _ => return None,
            },
        };
        let hyphen = self.is_punct(j + 1, '-') && self.tight(j + 1);
        let dk = if hyphen { j + 2 } else { j + 1 };
        let dw = self.w(dk);
        let denom = match dw.strip_suffix('s').unwrap_or(dw) {
            "half" | "halve" => 2.0,
            "third" => 3.0,
            "quarter" | "fourth" => 4.0,
            "fifth" => 5.0,
            "sixth" => 6.0,
            "seventh" => 7.0,
            "eighth" => 8.0,
            "ninth" => 9.0,
            "tenth" => 10.0,
            "hundredth" => 100.0,
            _ => return None,
        };
        if denom == 2.0 {
            return None;
        }
        let plural_ok = numer > 1.0 && dw.ends_with('s');
        if !(hyphen || self.is(dk + 1, "of") || q.is_some() || plural_ok) {
            return None;
        }
        let v = tidy(numer / denom);
        let d = self.qty_draft(start, dk + 1, Kind::Fraction, "1", 1.0, Some(v), None, q, (0, 0));
        self.push_qty(d, 1.0);
        Some(dk + 1)
    }

    /// "half", "more than half", "half a ton", "half an hour", "by half".
    fn half_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        let prev = self.prev_word(j);
        if num::is_ordinal_word(prev)
            || matches!(prev, "latter" | "past" | "and" | "a" | "an")
            || self.is_punct(j + 1, '-')
        {
            return None;
        }
        // "half a ton", "half an hour": 0.5 of the unit.
        if self.is_any(j + 1, &["a", "an"]) {
            if let Some(u) = self.unit_at(j + 2) {
                if let U::Def(def) = &u.u {
                    let Some(kind) = def.kind else { return Some(u.end) };
                    let d = self.qty_draft(
                        start,
                        u.end,
                        kind,
                        &def.unit.clone(),
                        def.factor,
                        Some(0.5),
                        None,
                        q,
                        (u.a, u.end),
                    );
                    self.push_qty(d, def.factor);
                    return Some(u.end);
                }
            }
        }
        let ok = q.is_some()
            || self.is_any(j + 1, &["of", "the", "its", "their", "this", "that", "these", "those"])
            || prev == "by";
        if !ok {
            return None;
        }
        let mut d = self.qty_draft(start, j + 1, Kind::Fraction, "1", 1.0, Some(0.5), None, q, (0, 0));
        // "more than half", "a little over half": at most the whole.
        d.set_interval(d.interval().part_of(1.0));
        self.push_qty(d, 1.0);
        Some(j + 1)
    }

    /// A number phrase at `j`: digits, number words, digits with scale words.
    ///
    /// "two hundred and fifty", "3.5 million", "forty-two" are one phrase each.
    pub(super) fn number_phrase(&self, j: usize) -> Option<NumP> {
        let mut c = Composer::new();
        let mut best: Option<(Composer, usize)> = None;
        let mut k = j;
        let mut first_word: Option<NumWord> = None;
        let mut taken: Vec<(NumWord, usize)> = Vec::new();
        loop {
            let mut p = k;
            if k > j {
                if self.is_punct(p, '-') && self.tight(p) && self.tight(p + 1) {
                    p += 1;
                }
                if !self.same_line(p) {
                    break;
                }
            }
            let Some(tok) = self.toks.get(p) else { break };
            let nw = match tok.t {
                T::Num if k == j => match num::parse_digits(self.w(p)) {
                    Ok(v) => NumWord::Digits(v),
                    Err(e) => return Some(NumP::unparsed(j, p + 1, e)),
                },
                T::Word => match num::word(self.w(p)) {
                    Some(nw) => nw,
                    None => break,
                },
                _ => break,
            };
            if !c.push(nw) {
                break;
            }
            if first_word.is_none() {
                first_word = Some(nw);
            }
            taken.push((nw, p + 1));
            k = p + 1;
            if c.complete() {
                best = Some((c, k));
            }
        }
        let (c, end) = best?;
        let spelled = self.t(j) == Some(T::Word);
        taken.retain(|(_, e)| *e <= end);
        let trail = scale_trail(&taken, &c);
        Some(NumP {
            a: j,
            end,
            value: c.value(),
            spelled,
            lone_one: c.len() == 1 && first_word == Some(NumWord::Unit(1)),
            lone_scale: matches!(first_word, Some(NumWord::Scale(_) | NumWord::Hundred)),
            digits: !spelled && c.len() == 1,
            trail,
        })
    }

    /// Whether the number at `j..end` is a name or an index, not a quantity (No. 3, (1), "666",
    /// Tu-104, 30:45).
    ///
    /// "The No. 2 blast furnace of Plant (3)" holds no figure.
    pub(super) fn is_name_number(&self, j: usize, end: usize) -> bool {
        let prev = self.prev_word(j);
        if LEX.name_before.contains(prev) {
            return true;
        }
        if prev == "." && j >= 2 && LEX.name_before.contains(self.w(j - 2)) && self.tight(j - 1) {
            return true;
        }
        let after = self.w(end);
        if (prev == "(" && after == ")")
            || (matches!(prev, "\"" | "“" | "'") && matches!(after, "\"" | "”" | "'") && end == j + 1)
        {
            return true;
        }
        if prev == "-" && self.tight(j) && j >= 2 && self.t(j - 2) == Some(T::Word) && self.tight(j - 1) {
            return true;
        }
        if after == ":" && self.t(end + 1) == Some(T::Num) {
            return true;
        }
        if prev == ":" && j >= 2 && self.t(j - 2) == Some(T::Num) && self.tight(j) {
            return true;
        }
        false
    }
}

/// For number words `taken` (each with the token after it) that end in scale words, the number
/// before them and their multiplier: "four hundred" is (4, 100).
fn scale_trail(taken: &[(NumWord, usize)], c: &Composer) -> Option<(f64, f64)> {
    let run = taken.iter().rev().take_while(|(w, _)| matches!(w, NumWord::Scale(_) | NumWord::Hundred)).count();
    if run > 0 && run < taken.len() {
        let mut lead = Composer::new();
        let ok = taken[..taken.len() - run].iter().all(|(w, _)| lead.push(*w));
        match (ok, lead.value(), c.value()) {
            (true, Ok(l), Ok(v)) if l > 0.0 => Some((l, v / l)),
            _ => None,
        }
    } else {
        None
    }
}
