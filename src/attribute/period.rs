//! Period column: the span a figure counts over (day, month, year, cumulative).
//!
//! Input: the cue hits of the section and a figure's site. Output: a [`Period`] with the cue
//! that said it, or none. Invariant: a period word after a comparison word is the base's.

use super::doc::{Doc, Site};
use super::words::{Cue, Hit};
use crate::claim::{Kind, Period};

impl Doc<'_> {
    /// The nearest period word for a figure: after it in its clause (English), else before it
    /// in its sentence, from `from` on.
    pub(super) fn period_word(&self, s: &Site, from: usize) -> Option<(Period, Cue)> {
        let as_period = |h: &Hit<'static, Cue>| h.vals.iter().find_map(|c| c.period().map(|p| (p, *c)));
        // A change's period words after 相当于 / 比 are its base's (相当于去年全年产量的两倍).
        let upto = if matches!(self.figs[s.k].kind, Kind::Multiple | Kind::Percent) {
            self.cues_in(s.clause.start, s.f.start)
                .find(|h| h.vals.contains(&Cue::Compare))
                .map_or(s.f.start, |h| h.start)
        } else {
            s.f.start
        };
        if self.rules.trailing_dates {
            // A count is a subject: the period words after its verb are of the object ("2
            // million workers raised the daily output").
            let count = self.figs[s.k].kind == Kind::Count;
            let verb = |h: &&Hit<'static, Cue>| {
                count
                    && h.vals
                        .iter()
                        .any(|c| matches!(c, Cue::Achieved | Cue::Change | Cue::Rise | Cue::Target | Cue::Copula))
            };
            // (Not past its clause: "increased to 524,000, and the daily output …".)
            let end = s.right_end.min(s.clause.end.max(s.f.end));
            if let Some(p) = self.cues_in(s.f.end, end).take_while(|h| !verb(h)).find_map(as_period) {
                return Some(p);
            }
        }
        self.cues_in(from.min(upto), upto).rev().find_map(as_period)
    }
}
