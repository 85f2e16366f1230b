//! Claim-type column: whether a figure is achieved, a target, a change, a baseline, a
//! threshold or other.
//!
//! Input: the cue hits of the section, a figure's site and the context of the figure before it.
//! Output: a [`ClaimType`] or none. Invariant: the tests are asked in a fixed order, the first
//! that holds decides.

use super::doc::{Context, Doc, Figure, Site, Span};
use super::words::{Cue, Hit};
use crate::claim::{Claim, ClaimType, Kind};

impl Doc<'_> {
    /// Claim-type column: whether the figure is a baseline, then its type; a figure in a list
    /// after the first takes the first one's. Example: in "Output rose from 300 tons to 900
    /// tons.", 300 tons is the baseline and 900 tons achieved.
    pub(super) fn claim_type_column(&self, fig: &Figure, ctx: &mut Context) {
        let (claim, s) = (fig.claim, &fig.s);
        let baseline = self.is_baseline(claim.kind, s);
        ctx.baseline = baseline;
        ctx.claim_type = self.claim_type(claim, s, baseline, fig.prev);
        if ctx.claim_type.is_none() {
            // A list (造了两万多台水车，五千多套农具、八百套车床): the figures after the
            // first share its verb, where only nouns and commas stand between.
            if let Some(p) = self.prev_fig(fig.k, s.sent) {
                let g = self.figs[p];
                let gap = self.text.get(g.span.end..s.f.start).unwrap_or("");
                let listed = g.kind == claim.kind
                    && gap.chars().count() <= 16
                    && gap.contains(['、', '，', ','])
                    && !self.cues_in(g.span.end, s.f.start).any(|h| !h.vals.contains(&Cue::Skip));
                if listed {
                    ctx.claim_type = fig.done[p].claim_type;
                }
            }
        }
        // A figure the report states with no word of aim, plan, forecast, base or change is
        // what it reports as done: achieved (a newspaper's figures are claims of fact unless
        // the text says otherwise).
        if ctx.claim_type.is_none() && !self.aimed_at(s) {
            ctx.claim_type = Some(ClaimType::Achieved);
        }
    }

    /// Whether a target or forecast word stands in the figure's sentence before it, or right
    /// after it.
    fn aimed_at(&self, s: &Site) -> bool {
        self.cues_in(s.sent.start, s.f.start).any(aims) || self.cues_in(s.f.end, s.right_end).any(aims)
    }

    /// Whether a figure is a baseline: 由 X 增加到 Y / "from X to Y", or (a mass) 仅 X …上升到 /
    /// "only X, but … rose to". Example: 三百吨 in 钢产量由三百吨增加到九百吨 ("steel output
    /// grew from 300 tons to 900 tons").
    pub(super) fn is_baseline(&self, kind: Kind, s: &Site) -> bool {
        if matches!(kind, Kind::Percent | Kind::Multiple | Kind::Fraction) {
            return false;
        }
        let next = self.next_fig_start(s.k, s.sent.end);
        let after = &self.text[s.f.end..next.max(s.f.end)];
        let from_start = self.prev_fig(s.k, s.sent).map_or(s.sent.start, |p| self.figs[p].span.end);
        // "more than twice the 1956 coal output of 110 million tons": a multiple's base.
        if let Some(p) = self.prev_fig(s.k, s.sent) {
            let g = self.figs[p];
            let gap_clause = self.clause_of(g.span.end.min(s.f.start));
            if g.kind == Kind::Multiple
                && gap_clause.end >= s.f.start
                && self.text[g.span.end..s.f.start].chars().count() <= 40
            {
                let verb = self
                    .cues_in(g.span.end, s.f.start)
                    .any(|h| h.vals.iter().any(|c| matches!(c, Cue::Achieved | Cue::Rise | Cue::Target)));
                if !verb && self.rules.trailing_dates {
                    return true;
                }
            }
        }
        // 比1956年的一亿一千万吨 / "compared with 110 million tons": the comparison base.
        let compare = self.cues_in(from_start, s.f.start).rev().find(|h| h.vals.contains(&Cue::Compare));
        if compare.is_some_and(|h| self.only_dates_between(h.end, s.f.start)) {
            return true;
        }
        let from = self.cues_in(from_start, s.f.start).rev().find(|h| h.vals.contains(&Cue::From));
        if let Some(h) = from {
            let between = self.text[h.end..s.f.start].chars().count();
            let dates: usize =
                self.dates_in(h.end, s.f.start).map(|d| self.text[d.span.start..d.span.end].chars().count()).sum();
            if between.saturating_sub(dates) <= 12 && next < s.sent.end && (self.rules.leads_to)(after) {
                return true;
            }
        }
        if !matches!(kind, Kind::Mass | Kind::Yield) {
            return false;
        }
        let low = self
            .cues_in(s.clause.start, s.f.start)
            .any(|h| h.vals.iter().any(|c| matches!(c, Cue::Limit | Cue::Before)));
        let later_clause = self.clause_of(s.f.end).end;
        // (Not where the later figure is as low: 共只产了三百万吨铁，其中最多的一年…只生产了
        // 九十二万吨钢 states two levels, neither a start.)
        let later_low = self.cues_in(later_clause, s.sent.end).any(|h| h.vals.contains(&Cue::Limit));
        let later = self.cues_in(s.f.end, s.sent.end).any(|h| h.vals.contains(&Cue::Rise))
            || (!later_low && self.cues_in(later_clause, s.sent.end).any(|h| h.vals.contains(&Cue::Achieved)));
        low && later && next < s.sent.end
    }

    /// The claim type of a figure, the first test that holds deciding: a multiple is a change
    /// (a target where aimed at), a threshold (万吨县), a percentage after a change word, a
    /// baseline, an other word, the new value after a baseline, a target word, then what a
    /// verb says. Example: 三千吨 in 全县计划生产钢三千吨 ("the county plans to make 3,000 tons of
    /// steel") is a target.
    pub(super) fn claim_type(
        &self,
        claim: &Claim,
        s: &Site,
        baseline: bool,
        prev: Option<&Context>,
    ) -> Option<ClaimType> {
        let (f, clause, sent) = (s.f, s.clause, s.sent);
        if claim.kind == Kind::Multiple {
            // 争取今年把粮食产量翻一番的口号: a change aimed at is a target.
            let aimed =
                self.has_cue(clause.start, f.start, Cue::Target) || self.has_cue(f.end, s.right_end, Cue::Target);
            return Some(if aimed { ClaimType::Target } else { ClaimType::Change });
        }
        let before = &self.text[sent.start..f.start];
        // (Lengths too: 月进千公尺的井队, "crews drilling a thousand meters a month".)
        if matches!(claim.kind, Kind::Mass | Kind::Yield | Kind::Length)
            && (self.rules.threshold)(before, &self.text[f.start..f.end], &self.text[f.end..sent.end])
        {
            // 号召争当亩产五百斤县, 力争后年建成小麦千斤省: a class striven for is a target.
            // (A slogan's 决心实现万吨专 still names the class: the gold keeps it a threshold.)
            let aimed = (self.rules.strive_for)(&self.text[clause.start..f.start]);
            return Some(if aimed { ClaimType::Target } else { ClaimType::Threshold });
        }
        if matches!(claim.kind, Kind::Percent | Kind::Fraction) {
            let near = self.cues_in(clause.start, f.start).next_back().is_some_and(|h| {
                h.vals.contains(&Cue::Change) && self.text[h.end..f.start].chars().count() <= self.rules.change_gap
            });
            let by = (self.rules.change_by)(&self.text[clause.start..f.start])
                && self.has_cue(clause.start, f.start, Cue::Change);
            // 比去年多57％, "57% more than last year": a share compared is a change.
            let compared = (self.rules.change_after)(&self.text[f.end..clause.end.max(f.end)])
                || self.cues_in(clause.start, f.start).any(|h| h.vals.contains(&Cue::Compare))
                    && claim.kind == Kind::Percent;
            if near || by || compared {
                return Some(ClaimType::Change);
            }
        }
        if baseline {
            return Some(ClaimType::Baseline);
        }
        if self.has_cue(clause.start, f.start, Cue::Other) || self.has_cue(f.end, clause.end.max(f.end), Cue::Other) {
            return Some(ClaimType::Other);
        }
        // 年产能力可达到, "the annual production capacity will reach": a capacity, whatever
        // verb follows.
        if self.rated(claim.kind, s) {
            return Some(ClaimType::Capacity);
        }
        // A forecast (预计, 估计 / "expected"): the nearest of forecast and target words in the
        // clause, or right after the figure, says so.
        let aim = |h: &&Hit<'static, Cue>| aims(h);
        let nearest_aim =
            self.cues_in(clause.start, f.start).rev().find(aim).or_else(|| self.cues_in(f.end, s.right_end).find(aim));
        if nearest_aim.is_some_and(|h| h.vals.contains(&Cue::Forecast)) {
            return Some(ClaimType::Forecast);
        }
        // 据预计 / "it is estimated that" governs its whole sentence: 据预计，美国今年钢产量将由
        // X下降到Y，英国将由…: every figure after it, unless a target word of its own clause says
        // otherwise.
        // (可达, 能达到 / "can reach" say what is possible: under 据估计 they are its estimate.)
        let possible = nearest_aim.is_some_and(|h| {
            let t = self.text[h.start..h.end].to_lowercase();
            !h.vals.contains(&Cue::Forecast) && (t.starts_with('可') || t.starts_with('能') || t.starts_with("can"))
        });
        if (nearest_aim.is_none() && self.has_cue(sent.start, clause.start, Cue::Forecast))
            || (possible && nearest_aim.is_some_and(|h| self.has_cue(sent.start, h.start, Cue::Forecast)))
        {
            return Some(ClaimType::Forecast);
        }
        // The new value after a baseline (由 X 增加到 Y).
        if prev.is_some_and(|p| p.baseline) {
            let gap = &self.text[self.figs[s.k - 1].span.end..f.start];
            if (self.rules.leads_to)(gap) {
                return Some(ClaimType::Achieved);
            }
        }
        // 年产三十万吨的高炉: the size of a plant is its capacity.
        if (self.rules.plant_capacity)(
            claim.kind,
            &self.text[clause.start..f.start],
            &self.text[f.end..clause.end.max(f.end)],
        ) {
            return Some(ClaimType::Capacity);
        }
        // 超额一万四千六百十六吨: an excess right after its change word is a change, whatever task
        // is named after it.
        let excess = claim.kind == Kind::Mass
            && self.cues_in(clause.start, f.start).next_back().is_some_and(|h| {
                h.vals.contains(&Cue::Change)
                    && (self.rules.absolute_change)(&self.text[h.start..h.end])
                    && self.text[h.end..f.start].chars().count() <= self.rules.change_gap
                    && !self.has_cue(clause.start, h.start, Cue::Target)
            });
        if excess {
            return Some(ClaimType::Change);
        }
        // 为在1958年生产一千零七十万吨钢，…而奋斗: the aim a frame encloses.
        if (self.rules.aim_frame)(&self.text[clause.start..f.start], &self.text[f.end..sent.end]) {
            return Some(ClaimType::Target);
        }
        // Target words in the clause, or right after the figure (的任务, "the annual target"),
        // unless an achievement word stands between (调出生铁…吨，完成了…任务: done).
        let target_after = self
            .cues_in(f.end, s.right_end)
            .find(|h| h.vals.iter().any(|c| matches!(c, Cue::Target | Cue::Achieved)) && !h.vals.contains(&Cue::Skip));
        if self.has_cue(clause.start, f.start, Cue::Target)
            || target_after.is_some_and(|h| h.vals.contains(&Cue::Target) && !h.vals.contains(&Cue::Achieved))
            || (self.rules.modal)(&self.text[clause.start..f.start])
        {
            return Some(ClaimType::Target);
        }
        self.achieved_type(claim.kind, s)
    }

    /// Whether a capacity noun (生产能力, 容积, "design capacity") stands before an amount or size
    /// in its clause, or in an earlier clause of its sentence that it governs (年产能力可达到铁
    /// 五十万吨，钢三十五万吨: both).
    fn rated(&self, kind: Kind, s: &Site) -> bool {
        if !matches!(kind, Kind::Mass | Kind::Volume | Kind::Energy | Kind::Power) {
            return false;
        }
        if self.has_cue(s.clause.start, s.f.start, Cue::Rated) {
            return true;
        }
        // A list continued: only figures and their nouns since the capacity noun's clause.
        let Some(h) = self.cues_in(s.sent.start, s.clause.start).rev().find(|h| h.vals.contains(&Cue::Rated)) else {
            return false;
        };
        !self
            .cues_in(h.end, s.f.start)
            .any(|h| !h.vals.iter().all(|c| matches!(c, Cue::Skip | Cue::Target | Cue::Forecast)))
    }

    /// The claim type a verb says: an absolute increase of a mass is a change; the nearest
    /// achievement word in the clause, else right after the figure, makes it achieved (a
    /// capacity word: capacity); else, for flows, an earlier clause's target or achievement word.
    fn achieved_type(&self, kind: Kind, s: &Site) -> Option<ClaimType> {
        let (f, clause, sent) = (s.f, s.clause, s.sent);
        let count = kind == Kind::Count;
        let flow = !matches!(kind, Kind::Count | Kind::Volume | Kind::Length);
        let achieved = |h: &Hit<'static, Cue>| achieves(h, kind);
        // 五年共增加了四百万吨 / "increased by 4 million tons": an absolute increase is a change
        // (ANNOTATION.md; the lead's decision on round 2's question).
        // (给国家多产了八十万吨原煤 is what was produced: `absolute_change` says which verbs.)
        // (比去年增产八十五万吨: with a comparison before it, 增产 too says by how much.)
        let by = self.cues_in(clause.start, f.start).next_back().filter(|h| {
            h.vals.contains(&Cue::Change)
                && ((self.rules.absolute_change)(&self.text[h.start..h.end])
                    || self.has_cue(clause.start, h.start, Cue::Compare))
                && self.text[h.end..f.start].chars().count() <= self.rules.change_gap
        });
        if matches!(kind, Kind::Mass) && by.is_some() {
            return Some(ClaimType::Change);
        }
        // The nearest of capacity (能出) and achievement words in the clause.
        // (The figure itself may hold the verb: "Tops Three Thousand Tons".)
        let nearest = self.cues_in(clause.start, f.end).rev().find(|h| achieved(h));
        if let Some(h) = nearest {
            return achieved_or_capacity(h, kind);
        }
        // After the figure (九百个土炉投入生产): the first cue there must be the verb.
        // (A count's verb may stand past a list of what it counts: 一千多个土炉、坩锅等投入生产.)
        let after_end = if count {
            let limit = self.next_fig_start(s.k, s.clause.end).max(f.end);
            crate::text::chars_after(self.text, f.end, self.rules.right_window.max(20), limit).max(s.right_end)
        } else {
            s.right_end
        };
        let after = self.cues_in(f.end, after_end).find(|h| !h.vals.contains(&Cue::Skip)).filter(|h| achieved(h));
        if let Some(h) = after.filter(|_| self.rules.trailing_dates || count) {
            return achieved_or_capacity(h, kind);
        }
        if !flow || matches!(kind, Kind::Fraction) {
            return None;
        }
        self.earlier_clause_type(kind, clause, sent)
    }

    /// Earlier clauses of the sentence: the nearest one with a target or achievement word
    /// decides, a target word first ("will reach 200,000 tons of iron, 90,000 tons of steel").
    fn earlier_clause_type(&self, kind: Kind, clause: Span, sent: Span) -> Option<ClaimType> {
        let achieved = |h: &Hit<'static, Cue>| achieves(h, kind);
        let mut end = clause.start;
        while end > sent.start {
            let c = self.clause_of(self.text[..end].char_indices().next_back().map_or(sent.start, |(i, _)| i));
            if self.has_cue(c.start, end, Cue::Forecast) {
                return Some(ClaimType::Forecast);
            }
            if self.has_cue(c.start, end, Cue::Target) {
                return Some(ClaimType::Target);
            }
            if let Some(h) = self.cues_in(c.start, end).rev().find(|h| achieved(h)) {
                return achieved_or_capacity(h, kind);
            }
            if c.start >= end {
                break;
            }
            end = c.start;
        }
        None
    }
}

/// Whether a cue word aims at the figure: a target or a forecast word.
fn aims(h: &Hit<'static, Cue>) -> bool {
    h.vals.iter().any(|c| matches!(c, Cue::Target | Cue::Forecast))
}

/// Achieved, or capacity where the verb says what can be made (能出, "capacity"): of an
/// amount or a size only (a share of capacity, a count of furnaces or the money spent on them
/// is none of the two).
fn achieved_or_capacity(h: &Hit<'static, Cue>, kind: Kind) -> Option<ClaimType> {
    if !h.vals.iter().any(|c| matches!(c, Cue::Capacity | Cue::Rated)) {
        Some(ClaimType::Achieved)
    } else if matches!(kind, Kind::Mass | Kind::Volume | Kind::Energy | Kind::Power) {
        Some(ClaimType::Capacity)
    } else {
        None
    }
}

/// Whether a cue hit says the figure of `kind` was achieved (a capacity word too: the caller
/// tells the two apart).
fn achieves(h: &Hit<'static, Cue>, kind: Kind) -> bool {
    let count = kind == Kind::Count;
    let flow = !matches!(kind, Kind::Count | Kind::Volume | Kind::Length);
    h.vals.iter().any(|c| match c {
        Cue::Achieved => !count || !h.vals.iter().any(|c| c.period().is_some()),
        Cue::Rise => true,
        // 增产了八十万吨: a change verb before a mass states what was achieved.
        Cue::Change => flow && kind != Kind::Percent,
        Cue::Capacity | Cue::Rated => true,
        Cue::Copula => !count,
        _ => false,
    })
}
