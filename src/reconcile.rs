//! Reconciliation (issue 6): English claims aligned with their Chinese originals.
//!
//! Input: one article's claims in both languages. Output: one [`Pair`] per figure of either
//! side. Not built yet: returns no pairs.

use serde::Serialize;

use crate::claim::Claim;

/// Agreement between an English and a Chinese claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairStatus {
    Match,
    ValueMismatch,
    QualifierMismatch,
    UnitMismatch,
    OnlyEn,
    OnlyZh,
}

impl PairStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PairStatus::Match => "match",
            PairStatus::ValueMismatch => "value_mismatch",
            PairStatus::QualifierMismatch => "qualifier_mismatch",
            PairStatus::UnitMismatch => "unit_mismatch",
            PairStatus::OnlyEn => "only_en",
            PairStatus::OnlyZh => "only_zh",
        }
    }
}

/// One row of `pairs.csv`: indexes into the article's claim list.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub en: Option<usize>,
    pub zh: Option<usize>,
    pub status: PairStatus,
    pub note: String,
}

/// Pairs the English and Chinese claims of one article.
pub fn reconcile(_claims: &[Claim]) -> Vec<Pair> {
    Vec::new()
}
