//! Where a figure belongs (issue 13): the English and Chinese mentions of one figure must be put
//! in the same place by the two languages' rules, each resolved on its own.

mod common;

use std::collections::BTreeMap;

use common::*;
use leapfig::claim::Kind;

/// Pairs whose two sides agree on country, province and place code, at least (issue 13).
const PAIR_AGREEMENT_FLOOR: f64 = 0.98;
/// (agreeing, pairs) as measured, and as README.md states them.
const PAIRS_AGREEING: (usize, usize) = (602, 614);

/// Every pair of `../shared/corpus/bilingual-1958/` with both sides (dates excluded): the two
/// sides agree on country, province and place_code. Disagreements are printed, with the
/// columns of each side, so a failure says which rule to look at.
#[test]
fn pairs_agree_on_place() {
    let Some(shared) = shared_or_skip("pairs_agree_on_place") else { return };
    let dir = shared.join("corpus/bilingual-1958");
    let files: BTreeMap<String, std::path::PathBuf> =
        files_by_stem(&dir).into_iter().filter(|(s, _)| s.starts_with("19")).collect();
    assert!(files.len() >= 25, "bilingual corpus: {} files", files.len());
    let (mut n, mut agree) = (0usize, 0usize);
    let mut by_column: BTreeMap<&str, usize> = BTreeMap::new();
    for (stem, path) in &files {
        let r = run_file(path);
        for p in &r.pairs {
            let (Some(e), Some(z)) = (p.en, p.zh) else { continue };
            let (e, z) = (&r.claims[e], &r.claims[z]);
            if e.kind == Kind::Date || z.kind == Kind::Date {
                continue;
            }
            n += 1;
            let cols = [
                ("country", &e.country, &z.country),
                ("province", &e.province, &z.province),
                ("place_code", &e.place_code, &z.place_code),
            ];
            let differ: Vec<&str> = cols.iter().filter(|(_, a, b)| a != b).map(|(c, _, _)| *c).collect();
            if differ.is_empty() {
                agree += 1;
            } else {
                for c in &differ {
                    *by_column.entry(c).or_default() += 1;
                }
                println!(
                    "  {stem} {:?} [{} {} {}] / {:?} [{} {} {}]",
                    e.surface, e.country, e.province, e.place_code, z.surface, z.country, z.province, z.place_code
                );
            }
        }
    }
    let share = agree as f64 / n as f64;
    println!("pairs agreeing on country, province and place_code: {agree}/{n} = {share:.4}; differing by column: {by_column:?}");
    assert!(n >= 500, "only {n} pairs with two sides");
    assert!(share >= PAIR_AGREEMENT_FLOOR, "{agree}/{n} = {share:.4} < {PAIR_AGREEMENT_FLOOR}");
    assert_eq!((agree, n), PAIRS_AGREEING, "measured (left) and stated (right)");
    let stated = format!("{agree} of the {n}\npairs of");
    let readme = readme().replace("\n", " ");
    assert!(readme.contains(&stated.replace('\n', " ")), "README.md does not say {stated:?}");
    ran_on_shared("pairs_agree_on_place");
}
