//! Repeated figures: a figure said again in a section takes the columns its first mention made
//! clear.
//!
//! Input: the attributed claims of one section. Output: the same claims, later mentions filled
//! from the first. Invariant: only large figures (masses, money, counts of a thousand or more)
//! are taken as the same figure.

use crate::claim::{Claim, ClaimType, Kind};
use crate::text::HashMap;

/// A figure repeated in a section is the same figure (一千零七十万吨钢, four times in an
/// editorial): later mentions take the columns the first one made clear and they lack.
pub(super) fn corefer(claims: &mut [Claim]) {
    type Key = (Kind, Option<u64>, String);
    let key = |c: &Claim| -> Key { (c.kind, c.value.map(f64::to_bits), c.unit.clone()) };
    // The first mention of each figure, and of each figure with a given item code: one pass.
    let mut first: HashMap<Key, usize> = HashMap::default();
    let mut first_coded: HashMap<(Key, String), usize> = HashMap::default();
    for j in 0..claims.len() {
        let cj = &claims[j];
        let big = match cj.kind {
            Kind::Mass | Kind::Money | Kind::Energy | Kind::Area | Kind::Volume => true,
            Kind::Count => cj.value.is_some_and(|v| v >= 1000.0),
            _ => false,
        };
        if !big || cj.value.is_none() {
            continue;
        }
        let kj = key(cj);
        let found = if cj.item_code.is_empty() {
            first.get(&kj).copied()
        } else {
            first_coded.get(&(kj.clone(), cj.item_code.clone())).copied()
        };
        if let Some(i) = found {
            let first = claims[i].clone();
            let c = &mut claims[j];
            if c.item_code.is_empty() {
                c.item_code = first.item_code;
                c.item = first.item;
            }
            // The same target said again is the same target: its period and date stay (一千零七十万吨
            // 钢的任务是可以在年底完成的 is still the year's 1958 target).
            let same_target = first.claim_type == Some(ClaimType::Target) && c.claim_type == Some(ClaimType::Target);
            if c.period.is_none() || (same_target && first.period.is_some()) {
                c.period = first.period;
            }
            if c.ref_date.is_none() || (same_target && first.ref_date.is_some()) {
                c.ref_date = first.ref_date;
            }
            if first.claim_type == Some(ClaimType::Target) || c.claim_type.is_none() {
                c.claim_type = first.claim_type;
            }
        }
        let code = claims[j].item_code.clone();
        first.entry(kj.clone()).or_insert(j);
        first_coded.entry((kj, code)).or_insert(j);
    }
}
