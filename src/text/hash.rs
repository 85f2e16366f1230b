//! The fast hasher of the word-list tables: a map lookup runs for nearly every token of a text
//! (issue 8), and std's SipHash was a measurable share of extraction.
//!
//! Input: keys (words of the embedded lexicons, characters). Output: [`HashMap`] and
//! [`HashSet`] with [`FxHasher`]. Invariant: the hash of a key depends on the key alone (no
//! random seed), yet nothing may depend on the maps' iteration order.

/// Hash maps and sets keyed by words of the fixed word lists, with a fast hasher: lookups run
/// for nearly every token of a text (issue 8). Nothing may depend on their iteration order
/// (with std's random hasher it already changes from run to run).
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;
/// See [`HashMap`].
pub(crate) type HashSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<FxHasher>>;

/// The Fx hash (rustc's): a multiply and a rotate per word of input. Not resistant to chosen
/// collisions, which is fine for tables built from the embedded word lists.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.add(u64::from_le_bytes(b));
        }
        for &x in words.remainder() {
            self.add(u64::from(x));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use std::hash::{BuildHasher, BuildHasherDefault};

    use super::*;

    fn fx<T: std::hash::Hash + ?Sized>(x: &T) -> u64 {
        BuildHasherDefault::<FxHasher>::default().hash_one(x)
    }

    /// Keys that differ in one byte, at the front, in the middle of an 8-byte word, in the tail
    /// after the last whole word, or only in length. Not keys that start with NUL bytes: from
    /// the zero state a zero word leaves the state at zero, so `""`, `"\0"` and `"\0\0"` hash
    /// equal. No word list holds such a key (ingest rejects text with NUL bytes as binary).
    const KEYS: &[&str] = &[
        "",
        "a",
        "b",
        "ab",
        "ba",
        "tons",
        "ton",
        "tons ",
        "catties",
        "catty",
        "mu",
        "furnaces",
        "per",
        "abcdefgh",
        "abcdefgi",
        "bbcdefgh",
        "abcdefgh1",
        "abcdefgh2",
        "abcdefghabcdefgh",
        "abcdefghabcdefgi",
        "吨",
        "斤",
        "担",
        "亩",
        "万吨",
        "千斤",
    ];

    #[test]
    fn equal_keys_hash_equal_and_distinct_keys_apart() {
        for k in KEYS {
            assert_eq!(fx(*k), fx(&k.to_string()), "{k:?}");
        }
        let mut hashes: Vec<u64> = KEYS.iter().map(|k| fx(*k)).collect();
        // A few thousand generated words, as many as the largest word list.
        hashes.extend((0..5000u32).map(|i| fx(&format!("w{i}"))));
        hashes.extend((0..5000u32).map(|i| fx(&i)));
        let n = hashes.len();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), n, "two distinct keys hashed equal");
    }

    #[test]
    fn fast_map_behaves_like_std_map() {
        // A fixed pseudo-random walk of inserts, overwrites and removes over a few thousand keys.
        let mut fast: HashMap<String, u32> = HashMap::default();
        let mut std_map: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for step in 0..40_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let key = format!("k{}", x % 6000);
            if x.is_multiple_of(3) {
                assert_eq!(fast.remove(&key), std_map.remove(&key), "remove {key} at {step}");
            } else {
                assert_eq!(fast.insert(key.clone(), step), std_map.insert(key, step), "insert at {step}");
            }
        }
        assert_eq!(fast.len(), std_map.len());
        assert!(std_map.iter().all(|(k, v)| fast.get(k) == Some(v)));
        let set: HashSet<&str> = KEYS.iter().copied().collect();
        assert_eq!(set.len(), KEYS.len());
        assert!(!set.contains("tonsx") && set.contains("tons "));
    }
}
