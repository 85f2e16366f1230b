//! Per column: what a rate is per, other than time (mu, person, furnace, heat, m3, ...).
//!
//! Input: the cue hits of the section and a figure's site. Output: the `per` value or empty.
//! Invariant: a yield is always per mu; shares and multiples are per nothing.

use super::doc::{Doc, Figure};
use super::words::{Cue, Hit};
use crate::claim::Kind;

impl Doc<'_> {
    /// Per column: a yield is per mu; else the nearest per word before the figure in its clause
    /// with no other figure between them (每炉出钢三十二吨: per heat), else, in a language that
    /// puts it there, the first cue right after the figure ("1,300 jin per capita").
    /// Example: in 平均每人有粮一千三百斤 ("on average each person has 1,300 jin of grain") the
    /// 1,300 jin are per person.
    pub(super) fn per_column(&self, fig: &Figure) -> &'static str {
        let (kind, s) = (fig.claim.kind, &fig.s);
        match kind {
            Kind::Yield => return "mu",
            Kind::Percent | Kind::Multiple | Kind::Fraction | Kind::Date | Kind::Duration => return "",
            _ => {}
        }
        let per = |h: &Hit<'static, Cue>| h.vals.iter().find_map(|c| c.per());
        let from = self.prev_fig(s.k, s.clause).map_or(s.clause.start, |p| self.figs[p].span.end.max(s.clause.start));
        if let Some(p) = self.cues_in(from, s.f.start).rev().find_map(per) {
            return p;
        }
        if self.rules.trailing_dates {
            let end = s.right_end;
            // ("300 jin of iron a day from each blast furnace": past the period words.)
            if let Some(p) = self.cues_in(s.f.end, s.clause.end.max(end)).find_map(per) {
                return p;
            }
        }
        // A list goes on with the rate of its first figure (每亩一千八百株，今年一般到四、五千株;
        // 肥料由每亩八千斤增到二十万斤): the figure before in the sentence, of the same unit,
        // with no total or average word between.
        let carried = fig.prev.filter(|p| !p.per.is_empty() && p.unit == fig.claim.unit).filter(|_| {
            let from = self.figs[s.k - 1].span.end;
            !self
                .cues_in(from, s.f.start)
                .any(|h| h.vals.iter().any(|c| matches!(c, Cue::Total | Cue::Cumulative) || c.local_level().is_some()))
        });
        if let Some(p) = carried {
            return p.per;
        }
        // Plants counted are a planting density, per mu (谷子十万株到十五万株), unless a total
        // is said (全县共…株).
        let total = self
            .cues_in(s.clause.start, s.f.start)
            .any(|h| h.vals.iter().any(|c| matches!(c, Cue::Total | Cue::Cumulative) || c.local_level().is_some()));
        if fig.claim.kind == Kind::Count && fig.claim.unit == "plant" && !total {
            return "mu";
        }
        ""
    }
}
