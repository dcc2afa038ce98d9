//! A small open-addressing hash map for the trie's hot lookups.

/// "No value": absent keys, and trie states without a pattern.
pub const NONE: u32 = u32::MAX;

/// An open-addressing map from nonzero u64 keys to u32 values (`NONE`
/// when absent): the lookups here are many and tiny.
#[derive(Default)]
pub(super) struct U64Map {
    slots: Vec<(u64, u32)>,
    shift: u32,
}

impl U64Map {
    pub(super) fn new(entries: &[(u64, u32)]) -> U64Map {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut m = U64Map {
            slots: vec![(0, NONE); cap],
            shift: 64 - cap.trailing_zeros(),
        };
        for &(k, v) in entries {
            debug_assert!(k != 0);
            let mut h = m.slot(k);
            while m.slots[h].0 != 0 {
                h = (h + 1) & (cap - 1);
            }
            m.slots[h] = (k, v);
        }
        m
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    pub(super) fn get(&self, key: u64) -> u32 {
        let mask = self.slots.len() - 1;
        let mut h = self.slot(key);
        loop {
            let (k, v) = self.slots[h];
            if k == key {
                return v;
            }
            if k == 0 {
                return NONE;
            }
            h = (h + 1) & mask;
        }
    }
}
