//! Place column: the place a figure is of, from the gazetteer names matched in the section.
//!
//! Input: the place hits of the section (glued where two names make one) and a figure's site.
//! Output: the place name as written, or empty. Invariant: never a place named after the
//! figure's sentence.

use super::doc::{Doc, Site};

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
