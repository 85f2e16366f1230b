//! Multiples: "doubled", "tripled", "fourfold", "twice that of", "N times", "N-fold", and
//! the 倍 convention for them: "increased N times" / "N times higher" / "N-fold" is
//! ambiguous between x N and x N+1 (`bei_ambiguous`), "N times the output of" is exactly x N,
//! "weeded three times" is a count of occasions.
//!
//! Input: the token of a multiple word, or a number with "times" / "fold" after it (from
//! `number_at`). Output: drafts pushed through `push_qty` and the token after the figure.

use super::lexicon::Q;
use super::quantities::Fig;
use super::tokens::T;
use super::units::UnitHit;
use super::{Draft, Ex};
use crate::claim::{Kind, Note, Qualifier, Status};
use crate::extract::bounds::Interval;
use crate::numerals::en as num;
use crate::numerals::tidy;

/// Words after which a number that follows is a comparison base ("N times the ...", "N times
/// that of"): the multiple is exactly N.
const TIMES_EXACT_AFTER: [&str; 13] =
    ["as", "his", "its", "last", "of", "our", "that", "the", "their", "these", "this", "those", "what"];

/// "N times higher than": the translation of 高N倍, ambiguous like 增加N倍.
const TIMES_BEI_AFTER: [&str; 6] = ["bigger", "faster", "greater", "higher", "larger", "more"];

impl<'a> Ex<'a> {
    /// "doubled", "tripled", "fourfold", "twice that of", "once or twice".
    ///
    /// "The commune doubled its grain output and the county tripled its pig herd."
    pub(super) fn times_words_at(&mut self, start: usize, j: usize, q: Option<Q>) -> Option<usize> {
        let w = self.w(j);
        let tok = self.toks.get(j)?;
        if tok.t != T::Word {
            return None;
        }
        // "once or twice": a count of occasions, 1 to 2.
        if w == "once" {
            if self.is(j + 1, "or") && self.is(j + 2, "twice") {
                let d = self.qty_draft(start, j + 3, Kind::Count, "unit", 1.0, None, Some((1.0, 2.0)), q, (0, 0));
                self.push_qty(d, 1.0);
                return Some(j + 3);
            }
            return None;
        }
        let (n, bei, end): (f64, bool, usize) = if let Some(stem) = w.strip_suffix("fold") {
            // "fourfold", "tenfold": ambiguous like 增加N倍.
            let v = num::parse(stem).ok()?;
            let end = if self.is(j + 1, "increase") || self.is(j + 1, "rise") { j + 2 } else { j + 1 };
            (v, true, end)
        } else {
            let v = match w {
                "doubled" | "doubling" | "doubles" | "redoubled" => 2.0,
                "double" => {
                    let cue = q.is_some()
                        || self.is_any(j + 1, &["that", "the", "what", "those", "compared", "last", "its", "their"])
                        || self.is_any(j.wrapping_sub(1), &["to", "will", "would", "must", "should", "can", "could"]);
                    if !cue {
                        return None;
                    }
                    2.0
                }
                "tripled" | "trebled" | "tripling" => 3.0,
                "triple" | "treble" if q.is_some() || self.is_any(j + 1, &["that", "the", "what"]) => 3.0,
                "quadrupled" => 4.0,
                "twice" => {
                    if self.is(j + 1, "or") {
                        return None;
                    }
                    if !self.is_any(j + 1, &TIMES_EXACT_AFTER) && !TIMES_BEI_AFTER.contains(&self.w(j + 1)) {
                        // "was postponed twice": occasions.
                        let d = self.qty_draft(start, j + 1, Kind::Count, "unit", 1.0, Some(2.0), None, q, (0, 0));
                        self.push_qty(d, 1.0);
                        return Some(j + 1);
                    }
                    2.0
                }
                _ => return None,
            };
            // "nearly doubled" (近倍): value 1, [1, 2], ambiguous.
            if v == 2.0 && q == Some(Q::Approx) && w != "twice" {
                let mut d = self.qty_draft(start, j + 1, Kind::Multiple, "x", 1.0, Some(1.0), None, q, (0, 0));
                d.set_interval(Interval::nearly_double());
                // The English claim has always kept status `ok` here, unlike 近倍 (`ambiguous`);
                // kept so until the two are made to agree (the note says it either way).
                d.status = Status::Ok;
                d.notes.push(Note::BeiAmbiguous);
                self.push_qty(d, 1.0);
                return Some(j + 1);
            }
            let a_doubling = w == "doubling" && self.is(j.wrapping_sub(1), "a");
            let s = if a_doubling && start == j { j - 1 } else { start };
            let d = self.qty_draft(s, j + 1, Kind::Multiple, "x", 1.0, Some(v), None, q, (0, 0));
            self.push_qty(d, 1.0);
            return Some(j + 1);
        };
        let s = if start == j && self.is(j.wrapping_sub(1), "a") { j - 1 } else { start };
        let mut d = self.qty_draft(s, end, Kind::Multiple, "x", 1.0, Some(n), None, q, (0, 0));
        if bei {
            bei_interval(&mut d, n);
        }
        self.push_qty(d, 1.0);
        Some(end)
    }

    /// "a fourfold increase", "5-fold": a multiple, ambiguous like 增加N倍.
    ///
    /// "Coal output showed a fivefold increase" is x5 or x6 (`bei_ambiguous`).
    pub(super) fn fold_claim(&mut self, f: &Fig) -> Option<usize> {
        let mut end = f.end;
        if self.is_any(end, &["increase", "rise"]) {
            end += 1;
        }
        let s = if f.start == f.j && self.is(f.j.wrapping_sub(1), "a") { f.j - 1 } else { f.start };
        let mut d = self.qty_draft(s, end, Kind::Multiple, "x", 1.0, f.raw, f.span, f.q, (0, 0));
        if let Some(v) = f.raw {
            bei_interval(&mut d, v);
            if f.open_bound && d.qualifier == Qualifier::MoreThan {
                d.high = None;
            }
        }
        self.push_qty(d, 1.0);
        Some(end)
    }

    /// "N times": a multiple after an increase word or before a comparison base ("3.2 times
    /// the output of last year"), else a count of occasions ("weeded three times").
    ///
    /// "Output was 2.5 times that of last year; the plots were hoed four times."
    pub(super) fn times_claim(&mut self, f: &Fig, unit: &UnitHit) -> Option<usize> {
        let (start, end, raw) = (f.start, f.end, f.raw);
        let after = self.w(unit.end);
        let bei = self.increase_before(start) || TIMES_BEI_AFTER.contains(&after);
        // "five times this summer" is how often, "five times this figure" a multiple.
        let when = self.is_any(unit.end, &["this", "last", "that", "these", "next"])
            && self.is_any(
                unit.end + 1,
                &["year", "month", "week", "season", "spring", "summer", "autumn", "winter", "time", "day"],
            )
            && !self.is_punct(unit.end + 2, '\'')
            && !self.is_punct(unit.end + 2, '’')
            && raw.is_none_or(|v| v.fract() == 0.0);
        let exact =
            (TIMES_EXACT_AFTER.contains(&after) && !when) || self.is(unit.end, "compared") || self.is(unit.end, "over");
        if bei || exact {
            if f.np.lone_one && !bei {
                return Some(end);
            }
            let mut d = self.qty_draft(start, end, Kind::Multiple, "x", 1.0, raw, f.span, f.q, (0, 0));
            if bei {
                if let Some(v) = raw {
                    bei_interval(&mut d, v);
                    if f.open_bound && d.qualifier == Qualifier::MoreThan {
                        d.high = None;
                    }
                }
            }
            self.push_qty(d, 1.0);
        } else {
            // "top-dressed three times": occasions.
            if f.np.lone_one {
                return Some(end);
            }
            let d = self.qty_draft(start, end, Kind::Count, "unit", 1.0, raw, f.span, f.q, (0, 0));
            self.push_qty(d, 1.0);
        }
        Some(end)
    }
}

/// The `bei_ambiguous` interval of "increased N times" / "N-fold": x N or x N+1
/// ([`Interval::bei`]).
fn bei_interval(d: &mut Draft, n: f64) {
    let mut iv = d.interval();
    // "increased by more than four times" renders 增长了四倍多: after a word of increase
    // "more than" stands for 多, whose step after 倍 is one, so it reads [N, N+1], not open
    // like 四倍以上. (A bound on a loose range opens it again: `fold_claim`, `times_claim`.)
    if iv.q == Qualifier::MoreThan {
        iv.high = Some(tidy(n + 1.0));
    }
    d.set_interval(iv.bei(n));
    d.notes.push(Note::BeiAmbiguous);
}
