//! Ids of the text units that occur in patterns.

use super::map::{U64Map, NONE};

/// Ids of the units that occur in patterns, 1-based.
#[derive(Default)]
pub(super) struct Units {
    /// Units of up to 8 bytes, packed little-endian into their key (only
    /// NUL would pack to 0: single ASCII characters go by `ascii`).
    short: U64Map,
    /// Longer ones, by a hash of their bytes; the id is then confirmed.
    long: U64Map,
    ascii: Vec<u32>,
    /// The units, by id - 1.
    units: Vec<Box<[u8]>>,
    max_len: usize,
}

impl Units {
    pub(super) fn pack(u: &[u8]) -> u64 {
        u.iter()
            .enumerate()
            .fold(0, |k, (i, &b)| k | (b as u64) << (8 * i))
    }

    pub(super) fn hash(u: &[u8]) -> u64 {
        let h = u.chunks(8).fold(u.len() as u64, |h, c| {
            (h.rotate_left(5) ^ Units::pack(c)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
        });
        h | 1
    }

    pub(super) fn build(units: Vec<Box<[u8]>>) -> Units {
        let mut ascii = vec![0u32; 256];
        let (mut short, mut long) = (Vec::new(), Vec::new());
        for (i, u) in units.iter().enumerate() {
            let id = i as u32 + 1;
            if u.len() == 1 && u[0] < 0x80 {
                ascii[u[0] as usize] = id;
            } else if u.len() <= 8 {
                short.push((Units::pack(u), id));
            } else {
                long.push((Units::hash(u), id));
            }
        }
        // long units sharing a hash keep the first; lookups confirm the
        // bytes and fall back to a scan
        long.sort_by_key(|x| x.0);
        long.dedup_by_key(|x| x.0);
        Units {
            short: U64Map::new(&short),
            long: U64Map::new(&long),
            ascii,
            max_len: units.iter().map(|u| u.len()).max().unwrap_or(0),
            units,
        }
    }

    /// The id of the unit `b[s..e]`, 0 if no pattern has it.
    #[inline]
    pub(super) fn get(&self, b: &[u8], s: usize, e: usize) -> u32 {
        let len = e - s;
        if len == 1 {
            return self.ascii[b[s] as usize];
        }
        if len <= 8 {
            // one unaligned load where the text allows it
            let k = match b.get(s..s + 8) {
                Some(w) => {
                    let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
                    w & (u64::MAX >> (64 - 8 * len))
                }
                None => Units::pack(&b[s..e]),
            };
            return match self.short.get(k) {
                NONE => 0,
                id => id,
            };
        }
        if len > self.max_len {
            return 0;
        }
        let u = &b[s..e];
        match self.long.get(Units::hash(u)) {
            NONE => 0,
            id if *self.units[id as usize - 1] == *u => id,
            _ => self.get_slow(u),
        }
    }

    /// For a long unit whose hash matched another's.
    #[cold]
    fn get_slow(&self, u: &[u8]) -> u32 {
        self.units
            .iter()
            .position(|x| **x == *u)
            .map_or(0, |i| i as u32 + 1)
    }
}
