//! English figures (issue 4). Placeholder until the extractor lands: finds nothing.

use super::Context;
use crate::claim::Claim;

/// Figures in English text, offsets in characters of `text`.
pub fn extract(_text: &str, _ctx: &Context) -> Vec<Claim> {
    Vec::new()
}
