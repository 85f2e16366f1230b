//! Place column: the place a figure is of, from the gazetteer names matched in the section.
//!
//! Input: the place hits of the section (glued where two names make one) and a figure's site.
//! Output: the place name as written, or empty. Invariant: never a place named after the
//! figure's sentence.

use super::doc::{Doc, Site, Span};
use super::words::Hit;
use super::Rules;

/// A gazetteer level (the `level` column of places.csv).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Level {
    Country,
    Province,
    City,
    District,
    County,
    Commune,
    Works,
}

impl Level {
    /// Rank of a gazetteer level: finer places rank higher (communes and works alike).
    pub(crate) fn rank(self) -> u8 {
        match self {
            Level::Country => 0,
            Level::Province => 1,
            Level::City => 2,
            Level::District => 3,
            Level::County => 4,
            Level::Commune | Level::Works => 5,
        }
    }
}

impl Doc<'_> {
    /// The nearest place before the figure in its sentence; else the last county, district,
    /// commune or works named before it in the section (全县, 这个县 speak of it, not of the
    /// province it was compared with); else the last place before it (the dateline's city).
    /// Example: 五百吨 in 湖南省涟源县产钢五百吨 is of 湖南省涟源县, two names glued into one.
    pub(super) fn place(&self, s: &Site) -> String {
        // Place mentions never overlap, so their ends are sorted too.
        let upto = self.places.partition_point(|(p, _)| p.end <= s.f.start);
        let nearest = upto.checked_sub(1).map(|i| self.places[i].0);
        let found = match nearest {
            Some(p) if p.start >= s.sent.start => Some(p),
            _ => upto.checked_sub(1).and_then(|i| self.fine_places[i]).map(|i| self.places[i].0).or(nearest),
        };
        found.map(|p| self.text[p.start..p.end].to_string()).unwrap_or_default()
    }
}

/// Place mentions with their finest level: adjacent names glued into one (湖南省涟源县 /
/// Lianyuan County of Hunan Province).
pub(super) fn glue_places(rules: &Rules, text: &str, place_hits: Vec<Hit<'_, u8>>) -> Vec<(Span, u8)> {
    let mut places: Vec<(Span, u8)> = Vec::new();
    for h in place_hits {
        let level = h.vals.iter().copied().max().unwrap_or(0);
        if let Some((last, l)) = places.last_mut() {
            if (rules.place_glue)(&text[last.end..h.start]) {
                last.end = h.end;
                *l = (*l).max(level);
                continue;
            }
        }
        places.push((Span { start: h.start, end: h.end }, level));
    }
    places
}

/// Per place mention: the last one up to it that names a county or finer.
pub(super) fn fine_places(places: &[(Span, u8)]) -> Vec<Option<usize>> {
    let mut fine_places = Vec::with_capacity(places.len());
    let mut last_fine = None;
    for (i, (_, l)) in places.iter().enumerate() {
        if *l >= 3 {
            last_fine = Some(i);
        }
        fine_places.push(last_fine);
    }
    fine_places
}
