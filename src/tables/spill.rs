//! Records of a run kept on disk by group, read back a few groups at a time.
//!
//! Input: fixed-size records (`N` bytes), each tagged with its group, appended as the rows
//! stream past. Output: each group's records, in the order asked for, read from the file in as
//! many passes as it takes to hold at most a budget of records at once. What the summaries and
//! the series need of every figure (a value for a median, 36 bytes for a series member) thus
//! stays on disk, and a run's memory does not grow with the figures it writes.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::text::HashMap;

/// Bytes of records held at once when groups are read back (a group larger than this is read
/// whole, alone): pass `BUDGET_BYTES / N` to [`Spill::each_group`].
pub const BUDGET_BYTES: usize = 16 << 20;

pub struct Spill<const N: usize> {
    path: PathBuf,
    out: BufWriter<File>,
    /// Records per group.
    counts: Vec<u64>,
}

impl<const N: usize> Spill<N> {
    /// A new file at `path` (the caller removes it).
    pub fn create(path: &Path) -> Result<Spill<N>> {
        let f = File::options()
            .create_new(true)
            .write(true)
            .open(path)
            .with_context(|| format!("creating {}", path.display()))?;
        Ok(Spill { path: path.to_path_buf(), out: BufWriter::with_capacity(1 << 16, f), counts: Vec::new() })
    }

    pub fn push(&mut self, group: u32, record: [u8; N]) -> Result<()> {
        let g = group as usize;
        if self.counts.len() <= g {
            self.counts.resize(g + 1, 0);
        }
        self.counts[g] += 1;
        self.out.write_all(&group.to_le_bytes())?;
        self.out.write_all(&record)?;
        Ok(())
    }

    /// Records of group `g` so far.
    pub fn count(&self, g: u32) -> u64 {
        self.counts.get(g as usize).copied().unwrap_or(0)
    }

    /// Calls `f` with each group of `order` and its records (in the order they were pushed),
    /// group after group in `order`'s order, holding at most `budget` records at once.
    pub fn each_group(
        mut self,
        order: &[u32],
        budget: usize,
        mut f: impl FnMut(u32, Vec<[u8; N]>) -> Result<()>,
    ) -> Result<()> {
        self.out.flush().with_context(|| format!("writing {}", self.path.display()))?;
        let mut start = 0;
        while start < order.len() {
            // The next groups that fit the budget (at least one).
            let mut end = start;
            let mut held = 0u64;
            while end < order.len() && (end == start || held + self.count(order[end]) <= budget as u64) {
                held += self.count(order[end]);
                end += 1;
            }
            let slot: HashMap<u32, usize> = order[start..end].iter().enumerate().map(|(k, &g)| (g, k)).collect();
            let mut records: Vec<Vec<[u8; N]>> =
                order[start..end].iter().map(|&g| Vec::with_capacity(self.count(g) as usize)).collect();
            let mut r = BufReader::with_capacity(1 << 20, File::open(&self.path)?);
            let mut group = [0u8; 4];
            loop {
                match r.read_exact(&mut group) {
                    Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                    other => other.with_context(|| format!("reading {}", self.path.display()))?,
                }
                let mut record = [0u8; N];
                r.read_exact(&mut record).with_context(|| format!("reading {}", self.path.display()))?;
                if let Some(&k) = slot.get(&u32::from_le_bytes(group)) {
                    records[k].push(record);
                }
            }
            for (k, recs) in records.into_iter().enumerate() {
                f(order[start + k], recs)?;
            }
            start = end;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_come_back_whole_in_the_order_asked_within_the_budget() {
        let path = std::env::temp_dir().join(format!("leapfig-spill-{}", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let mut s: Spill<2> = Spill::create(&path).unwrap();
        for (g, v) in [(0u32, 1u8), (2, 2), (0, 3), (1, 4), (2, 5), (2, 6)] {
            s.push(g, [v, v]).unwrap();
        }
        assert_eq!((s.count(0), s.count(1), s.count(2), s.count(7)), (2, 1, 3, 0));
        let mut seen = Vec::new();
        // A budget of 2: group 2 (three records) alone, then 0 (two), then 1 (one).
        s.each_group(&[2, 0, 1], 2, |g, recs| {
            seen.push((g, recs.iter().map(|r| r[0]).collect::<Vec<_>>()));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, vec![(2, vec![2, 5, 6]), (0, vec![1, 3]), (1, vec![4])]);
        std::fs::remove_file(&path).unwrap();
    }
}
