//! Item column: what a figure is of (钢, "pig iron", people, furnaces) and its item code.
//!
//! Input: the item hits of the section and a figure's site and kind. Output: the item word as
//! written and its code, or none. Invariant: a word that names no coded item (人口) ends the
//! search empty rather than letting a farther word be guessed.

use super::doc::{Context, Doc, Figure, Site};
use super::words::{Class, Cue, Hit, ItemEntry};
use crate::claim::{Claim, Kind};

impl Doc<'_> {
    /// Item column: the item word found for the figure, else, for people sent to work, their
    /// labour force. Example: in "The county mobilized 9,000 people for smelting.", the 9,000
    /// people are the labour force (`labour`).
    pub(super) fn item_column(&self, fig: &Figure, ctx: &mut Context) {
        let (claim, s) = (fig.claim, &fig.s);
        if let Some((word, code)) = self.item(&fig.classes, claim.kind, s) {
            ctx.item = word;
            ctx.item_code = code;
        } else if fig.counted
            && claim.unit == "person"
            && self.has_cue(s.sent.start, s.sent.end, Cue::Work)
            && !self.named_uncoded(s)
        {
            // People sent to smelt, mine or fight for steel are its labour force, named or not
            // (一百多万人 in 全专区出动了一百多万人 上山找矿炼铁).
            ctx.item_code = "labour".to_string();
        }
    }

    /// What an item code may be said of (issue 13): a length is drilling footage or nothing (a
    /// distance, a height: 高炉高一丈九尺 is no pig iron), a volume a furnace's or nothing (a
    /// blast of air, 风量, is no furnace of coal), and people (labour, cadres) are counted in
    /// persons or teams only (采煤大军攻克了五座大山: the mountains are no labour force).
    pub(super) fn item_fits_kind(&self, fig: &Figure, ctx: &mut Context) {
        let keep = match fig.claim.kind {
            Kind::Length => ctx.item_code == "drilling_footage",
            Kind::Volume => matches!(ctx.item_code.as_str(), "furnace" | "furnace_native"),
            Kind::Count => {
                !matches!(ctx.item_code.as_str(), "labour" | "cadre")
                    || matches!(fig.claim.unit.as_str(), "person" | "team")
            }
            _ => true,
        };
        if !keep {
            ctx.item.clear();
            ctx.item_code.clear();
        }
    }

    /// 其中 / "Among them", or a sentence naming no item at all ("The real total yield came to
    /// 612,300,000 jin"): the previous sentence's item, where it was a commodity too.
    pub(super) fn carried_item(&self, fig: &Figure, ctx: &mut Context) {
        let s = &fig.s;
        ctx.goods = fig.classes == [Class::Goods];
        let no_item_words = !self.items_in(s.sent.start, s.sent.end).any(|h| self.free_hit(h, fig.k));
        if ctx.item_code.is_empty() && ctx.goods && (fig.continuation || no_item_words) {
            if let Some(p) = fig.prev_sentence.filter(|p| p.goods) {
                ctx.item = p.item.clone();
                ctx.item_code = p.item_code.clone();
            }
        }
    }

    /// Whether the people counted are named by a word that has no code (人口, 群众).
    fn named_uncoded(&self, s: &Site) -> bool {
        self.items_in(s.f.end, s.right_end)
            .any(|h| h.vals.iter().any(|v| v.class == Class::Person && v.code.is_empty()))
    }

    /// Whether an item hit may name figure `k`: not inside another figure, nor a counter word
    /// inside its own.
    fn free_hit(&self, h: &Hit<'static, ItemEntry>, k: usize) -> bool {
        let f = self.figs[k].span;
        // A counter word inside the figure itself ("35,000 people") names nothing.
        let own_counter = h.start >= f.start && h.end <= f.end && h.vals.iter().all(|v| v.code.is_empty());
        if own_counter {
            return false;
        }
        // Figures starting before the hit ends, back while one of them may still reach into it.
        let upto = self.figs.partition_point(|g| g.span.start < h.end);
        let mut j = upto;
        while j > 0 && self.fig_max_end[j - 1] > h.start {
            j -= 1;
            let g = self.figs[j].span;
            if j != k && h.start < g.end && g.start < h.end {
                return false;
            }
        }
        true
    }

    /// The item word for a figure: in or after it (X吨钢, "tons of steel"), else before it in
    /// its sentence; for percentages and multiples the other way round, unless the word follows
    /// at once (一半以上的干部). Example: 八百吨 in 10日，全县产铁八百吨 takes 铁 (`pig_iron`).
    pub(super) fn item(&self, classes: &[Class], kind: Kind, s: &Site) -> Option<(String, String)> {
        if classes.is_empty() {
            return None;
        }
        let ok =
            |h: &&Hit<'static, ItemEntry>| h.vals.iter().any(|v| classes.contains(&v.class)) && self.free_hit(h, s.k);
        let right = self.items_in(s.f.start, s.right_end).find(ok);
        // A counted thing is named right after its counter: 七十二个乡都建起了土高炉 counts no
        // furnaces. (People may be named further on: 三千二百名参加炼钢的县、乡、社干部.)
        let right = right.filter(|h| {
            kind != Kind::Count
                || classes == [Class::Person]
                || h.start <= s.noun_from
                || self.text[s.noun_from..h.start].chars().count() <= self.rules.noun_gap
        });
        let left = || {
            if self.rules.head_first {
                // English: the head of the clause's subject ("Cost Per Ton of Iron Cut by 30%").
                let first = self.items_in(s.clause.start.min(s.f.start), s.f.start).find(ok);
                if first.is_some() {
                    return first;
                }
            }
            self.items_in(s.sent.start, s.f.start).rev().find(ok)
        };
        let found = if matches!(kind, Kind::Percent | Kind::Multiple | Kind::Fraction) {
            let at_once = right.filter(|h| s.share_of || self.text[s.f.end..h.start].chars().count() <= 5);
            at_once.or_else(left).or(right)
        } else {
            right.or_else(left)
        }?;
        let v = found.vals.iter().find(|v| classes.contains(&v.class))?;
        // A known but uncoded thing (出勤率, 人口) ends the search: empty, never guessed.
        (!v.code.is_empty()).then(|| (self.text[found.start..found.end].to_string(), v.code.clone()))
    }

    /// The class of the item word found for a figure, if any.
    pub(super) fn item_class(&self, classes: &[Class], kind: Kind, s: &Site) -> Option<Class> {
        let (_, code) = self.item(classes, kind, s)?;
        self.items_in(s.sent.start, s.sent.end.max(s.right_end))
            .flat_map(|h| h.vals.iter())
            .find(|v| v.code == code && classes.contains(&v.class))
            .map(|v| v.class)
    }
}

/// The item classes a figure can take.
pub(super) fn classes_for(c: &Claim) -> Vec<Class> {
    const THINGS: [Class; 4] = [Class::Furnace, Class::Mine, Class::Commune, Class::Person];
    match c.kind {
        Kind::Count => match c.unit.as_str() {
            "person" => vec![Class::Person],
            "furnace" => vec![Class::Furnace],
            "mine" => vec![Class::Mine],
            "commune" => vec![Class::Commune],
            "machine" => vec![Class::Machine],
            "" | "unit" => THINGS.to_vec(),
            // Counties, households, machines: no item code of ours fits.
            _ => Vec::new(),
        },
        Kind::Percent | Kind::Fraction => vec![Class::Goods, Class::Furnace, Class::Mine, Class::Person],
        Kind::Volume => vec![Class::Furnace, Class::Goods],
        Kind::Date | Kind::Duration => Vec::new(),
        _ => vec![Class::Goods],
    }
}
