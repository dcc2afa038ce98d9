//! Whole-word, leftmost-longest phrase matching over lower-cased text.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

/// A match: byte span in the sentence and the payload of its phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<T> {
    pub start: usize,
    pub end: usize,
    pub tag: T,
}

/// Payloads of phrases that appear in several lists are merged.
pub trait Merge: Copy {
    fn merge(self, other: Self) -> Self;
}

impl Merge for u64 {
    fn merge(self, other: Self) -> Self {
        self | other
    }
}

/// Hyphens join words: "north" does not match inside "north-east", nor
/// "rebel" inside "pro-rebel".
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Spelling variants a phrase also matches: curly apostrophes, and
/// hyphens as spaces.
pub fn variants(phrase: &str) -> Vec<String> {
    let base = phrase.trim().to_lowercase();
    let mut out = vec![base.clone()];
    if base.contains('\'') {
        out.push(base.replace('\'', "’"));
    }
    if base.contains('-') {
        out.push(base.replace('-', " "));
    }
    out
}

/// A phrase list with payloads; phrases that appear twice merge theirs.
/// Searched through a [`GroupedSet`].
pub struct PhraseSet<T> {
    tags: Vec<T>,
    pats: Vec<String>,
}

impl<T: Merge> PhraseSet<T> {
    pub fn new(entries: impl IntoIterator<Item = (String, T)>) -> PhraseSet<T> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut tags: Vec<T> = Vec::new();
        for (phrase, tag) in entries {
            for v in variants(&phrase) {
                if v.is_empty() {
                    continue;
                }
                match index.get(&v) {
                    Some(&i) => tags[i] = tags[i].merge(tag),
                    None => {
                        index.insert(v.clone(), pats.len());
                        pats.push(v);
                        tags.push(tag);
                    }
                }
            }
        }
        PhraseSet { tags, pats }
    }

    /// Patterns (with their spelling variants) and payloads.
    pub fn entries(&self) -> impl Iterator<Item = (&str, T)> + '_ {
        self.pats
            .iter()
            .map(String::as_str)
            .zip(self.tags.iter().copied())
    }
}

/// Several phrase lists searched in one pass. Each list keeps its own
/// leftmost-longest reading, as if searched alone: every whole-word match
/// is found, then selected per list.
///
/// A whole-word match starts where a run of word characters starts or at
/// a non-word character, and ends likewise, so it is a sequence of whole
/// *units*: runs of word characters and single other characters. Each unit
/// of the text is looked up once, and a trie over units is walked from
/// each: fewer dependent steps than a byte automaton, and tables small
/// enough to stay in cache (the byte DFA over these lists was 5.7 MB).
pub struct GroupedSet<T> {
    units: Units,
    /// Root transitions, by unit id.
    root: Vec<u32>,
    /// Per unit id, the ids modulo 64 that may follow it in a match: all
    /// of them when the unit alone is a pattern, none when no pattern
    /// starts with it.
    first: Vec<u64>,
    /// Per state: its children at a glance, to settle most steps
    /// without `next`.
    kids: Vec<Kids>,
    /// Other transitions: (state << 32 | unit id) -> state.
    next: U64Map,
    /// Per state: the pattern ending there, or `NONE`.
    out: Vec<u32>,
    /// Per pattern `p`: its payloads are `payloads[pay_at[p]..pay_at[p + 1]]`.
    pay_at: Vec<u32>,
    payloads: Vec<(usize, T)>,
    groups: usize,
}

const NONE: u32 = u32::MAX;

/// A trie state's children: a bitmap of their unit ids modulo 64, and the
/// child itself when there is one (`only_id` is `NONE` when there are more).
#[derive(Clone, Copy)]
struct Kids {
    mask: u64,
    only_id: u32,
    only: u32,
}

impl<T: Copy> GroupedSet<T> {
    pub fn new<'a>(lists: Vec<Box<dyn Iterator<Item = (&'a str, T)> + 'a>>) -> GroupedSet<T> {
        let groups = lists.len();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut per_pat: Vec<Vec<(usize, T)>> = Vec::new();
        for (g, list) in lists.into_iter().enumerate() {
            for (p, tag) in list {
                if p.is_empty() {
                    continue;
                }
                let i = *index.entry(p.to_string()).or_insert_with(|| {
                    pats.push(p.to_string());
                    per_pat.push(Vec::new());
                    pats.len() - 1
                });
                per_pat[i].push((g, tag));
            }
        }
        let mut pay_at = vec![0u32];
        let mut payloads = Vec::new();
        for v in per_pat {
            payloads.extend(v);
            pay_at.push(payloads.len() as u32);
        }
        // unit ids first, then the trie over them
        let mut ids: FxHashMap<&[u8], u32> = FxHashMap::default();
        let mut list: Vec<Box<[u8]>> = Vec::new();
        let mut seqs: Vec<Vec<u32>> = Vec::new();
        for p in &pats {
            let mut v = Vec::new();
            let mut buf = FindBuf::default();
            unit_starts(p, &mut buf);
            let st = &buf.starts;
            for (k, &a) in st.iter().enumerate() {
                let b = st.get(k + 1).map_or(p.len(), |&e| e as usize);
                let u = &p.as_bytes()[a as usize..b];
                let id = *ids.entry(u).or_insert_with(|| {
                    list.push(u.into());
                    list.len() as u32
                });
                v.push(id);
            }
            seqs.push(v);
        }
        let mut root: Vec<u32> = vec![NONE; list.len() + 1];
        let units = Units::build(list);
        let mut next: FxHashMap<u64, u32> = FxHashMap::default();
        let mut out: Vec<u32> = Vec::new();
        for (i, v) in seqs.iter().enumerate() {
            let mut state = NONE;
            for &id in v {
                let slot = if state == NONE {
                    &mut root[id as usize]
                } else {
                    next.entry((state as u64) << 32 | id as u64).or_insert(NONE)
                };
                if *slot == NONE {
                    *slot = out.len() as u32;
                    out.push(NONE);
                }
                state = *slot;
            }
            out[state as usize] = i as u32;
        }
        let next: Vec<(u64, u32)> = next.into_iter().collect();
        let mut kids = vec![
            Kids {
                mask: 0,
                only_id: 0,
                only: NONE,
            };
            out.len()
        ];
        for &(k, child) in &next {
            let (state, id) = ((k >> 32) as usize, k as u32);
            let e = &mut kids[state];
            e.mask |= 1 << (id % 64);
            (e.only_id, e.only) = if e.only == NONE && e.only_id == 0 {
                (id, child)
            } else {
                (NONE, NONE)
            };
        }
        let first = root
            .iter()
            .map(|&r| match r {
                NONE => 0,
                r if out[r as usize] != NONE => u64::MAX,
                r => kids[r as usize].mask,
            })
            .collect();
        GroupedSet {
            first,
            kids,
            units,
            root,
            next: U64Map::new(&next),
            out,
            pay_at,
            payloads,
            groups,
        }
    }

    /// Hits per list, in text order.
    #[cfg(test)]
    pub fn find(&self, lower: &str) -> Vec<Vec<Hit<T>>> {
        let mut out: Vec<Vec<Hit<T>>> = vec![Vec::new(); self.groups];
        self.find_each(lower, &mut FindBuf::default(), |g, h| out[g].push(h));
        out
    }

    /// Calls `emit(list, hit)` for each list's hits, in text order.
    /// `buf` holds the working buffers, reused from one call to the next.
    pub fn find_each(&self, lower: &str, buf: &mut FindBuf, mut emit: impl FnMut(usize, Hit<T>)) {
        let b = lower.as_bytes();
        unit_starts(lower, buf);
        let FindBuf {
            starts,
            ids,
            cands,
            last_end,
            ends,
            ..
        } = buf;
        let units = starts.len();
        // unit `i` is `b[starts[i]..starts[i + 1]]`; a last id of 0 ends
        // every walk
        starts.push(b.len() as u32);
        ids.clear();
        ids.resize(units + 1, 0);
        // Where a walk can get anywhere: the unit starts a pattern, and
        // that pattern is the unit alone or may go on with the next. Found
        // with the ids and without a branch, so the walks below are few (a
        // space starts patterns, but is rarely followed by their next word).
        cands.clear();
        cands.resize(units + 1, 0);
        let mut k = 0;
        let mut prev = 0u32;
        for i in 0..units {
            let id = self
                .units
                .get(b, starts[i] as usize, starts[i + 1] as usize);
            ids[i] = id;
            cands[k] = i as u32;
            k += (self.first[prev as usize] >> (id % 64) & 1) as usize;
            prev = id;
        }
        // the last unit, followed by the end
        cands[k] = units as u32;
        k += (self.first[prev as usize] & 1) as usize;
        // cands[j] is the unit after each candidate
        cands.truncate(k);
        // per list, the end of its last selected hit
        last_end.clear();
        last_end.resize(self.groups, 0);
        // matches starting at the current unit: (end, pattern)
        ends.clear();
        for &i in cands.iter() {
            let i = i as usize - 1;
            let mut state = self.root[ids[i] as usize];
            let mut j = i;
            loop {
                let p = self.out[state as usize];
                if p != NONE {
                    ends.push((starts[j + 1] as usize, p));
                }
                j += 1;
                let id = ids[j];
                if id == 0 {
                    break;
                }
                state = self.child(state, id);
                if state == NONE {
                    break;
                }
            }
            let start = starts[i] as usize;
            // longest first: leftmost-longest per list
            for &(end, p) in ends.iter().rev() {
                let (a, z) = (self.pay_at[p as usize], self.pay_at[p as usize + 1]);
                for &(g, tag) in &self.payloads[a as usize..z as usize] {
                    if start >= last_end[g] {
                        last_end[g] = end;
                        emit(g, Hit { start, end, tag });
                    }
                }
            }
            ends.clear();
        }
    }
}

impl<T> GroupedSet<T> {
    /// The child of `state` by unit `id`, or `NONE`.
    #[inline]
    fn child(&self, state: u32, id: u32) -> u32 {
        let k = self.kids[state as usize];
        if k.mask >> (id % 64) & 1 == 0 {
            NONE
        } else if k.only != NONE {
            if k.only_id == id {
                k.only
            } else {
                NONE
            }
        } else {
            self.next.get((state as u64) << 32 | id as u64)
        }
    }
}

/// Where the units of `s` start: a unit is a maximal run of word
/// characters, or a single other character.
///
/// Word characters are marked in a bitmap 64 bytes at a time, branch-free
/// for ASCII; units then start where a word run starts or at a non-word
/// character that does not continue a wider one.
fn unit_starts(s: &str, buf: &mut FindBuf) {
    let b = s.as_bytes();
    let n = b.len();
    let blocks = n.div_ceil(64);
    let FindBuf {
        starts,
        word,
        inner,
        lead,
        ..
    } = buf;
    word.clear();
    inner.clear();
    lead.clear();
    // bytes after the first of a non-word non-ASCII character
    inner.resize(blocks, 0);
    // first bytes of non-ASCII characters
    for chunk in b.chunks(64) {
        let (m, l) = match <&[u8; 64]>::try_from(chunk) {
            Ok(c) => classify64(c),
            Err(_) => {
                let mut x = [0u8; 64];
                x[..chunk.len()].copy_from_slice(chunk);
                classify64(&x)
            }
        };
        word.push(m);
        lead.push(l);
    }
    for (k, &l) in lead.iter().enumerate() {
        let mut l = l;
        while l != 0 {
            let i = k * 64 + l.trailing_zeros() as usize;
            l &= l - 1;
            let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) else {
                continue;
            };
            let word_char = is_word(ch);
            for j in i..i + ch.len_utf8() {
                if word_char {
                    word[j / 64] |= 1 << (j % 64);
                } else if j > i {
                    inner[j / 64] |= 1 << (j % 64);
                }
            }
        }
    }
    starts.clear();
    starts.reserve(n / 2 + 2);
    let mut carry = 0u64;
    for k in 0..blocks {
        let w = word[k];
        let mut m = (w & !(w << 1 | carry)) | (!w & !inner[k]);
        carry = w >> 63;
        if k == blocks - 1 && !n.is_multiple_of(64) {
            m &= (1u64 << (n % 64)) - 1;
        }
        while m != 0 {
            starts.push((k * 64) as u32 + m.trailing_zeros());
            m &= m - 1;
        }
    }
}

/// The working buffers of [`GroupedSet::find_each`].
#[derive(Default)]
pub struct FindBuf {
    starts: Vec<u32>,
    ids: Vec<u32>,
    cands: Vec<u32>,
    word: Vec<u64>,
    inner: Vec<u64>,
    lead: Vec<u64>,
    last_end: Vec<usize>,
    ends: Vec<(usize, u32)>,
}

/// For 64 bytes: a bitmask of the ASCII word bytes (letters, digits, '-'),
/// and one of the first bytes of non-ASCII characters (0b11xxxxxx), bit
/// `j` for byte `j`.
#[cfg(target_arch = "x86_64")]
#[inline]
fn classify64(x: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::*;
    let (mut w, mut l) = (0u64, 0u64);
    // SAFETY: SSE2 is part of the x86_64 baseline, and the four unaligned
    // 16-byte loads cover exactly the 64 bytes of `x`.
    unsafe {
        let lo_a = _mm_set1_epi8(b'a' as i8 - 1);
        let hi_z = _mm_set1_epi8(b'z' as i8 + 1);
        let lo_0 = _mm_set1_epi8(b'0' as i8 - 1);
        let hi_9 = _mm_set1_epi8(b'9' as i8 + 1);
        let dash = _mm_set1_epi8(b'-' as i8);
        let case = _mm_set1_epi8(0x20);
        let below_c0 = _mm_set1_epi8(0xBFu8 as i8);
        let zero = _mm_setzero_si128();
        for k in 0..4 {
            let v = _mm_loadu_si128(x.as_ptr().add(16 * k) as *const __m128i);
            // signed compares: bytes >= 0x80 are negative, so never in an
            // ASCII range
            let f = _mm_or_si128(v, case);
            let alpha = _mm_and_si128(_mm_cmpgt_epi8(f, lo_a), _mm_cmpgt_epi8(hi_z, f));
            let digit = _mm_and_si128(_mm_cmpgt_epi8(v, lo_0), _mm_cmpgt_epi8(hi_9, v));
            let word = _mm_or_si128(_mm_or_si128(alpha, digit), _mm_cmpeq_epi8(v, dash));
            let lead = _mm_and_si128(_mm_cmpgt_epi8(v, below_c0), _mm_cmpgt_epi8(zero, v));
            w |= (_mm_movemask_epi8(word) as u32 as u64 & 0xFFFF) << (16 * k);
            l |= (_mm_movemask_epi8(lead) as u32 as u64 & 0xFFFF) << (16 * k);
        }
    }
    (w, l)
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn classify64(x: &[u8; 64]) -> (u64, u64) {
    let (mut m, mut l) = (0u64, 0u64);
    for (j, eight) in x.chunks_exact(8).enumerate() {
        let mut y = [0u8; 8];
        y.copy_from_slice(eight);
        let (w, d) = swar_classes(u64::from_le_bytes(y));
        m |= w << (8 * j);
        l |= d << (8 * j);
    }
    (m, l)
}

/// For 8 bytes packed little-endian: a bitmask of the ASCII word bytes
/// (letters, digits, '-'), and one of the first bytes of non-ASCII
/// characters (0b11xxxxxx), bit `j` for byte `j`.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline]
fn swar_classes(x: u64) -> (u64, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = x & !HIGH;
    // per byte, bit 7 set when its low 7 bits are in lo..=hi (no carries:
    // each sum stays below 0x100)
    let range = |lo: u64, hi: u64| (low + ONES * (0x80 - lo)) & !(low + ONES * (0x7F - hi));
    let ascii_word = (range(b'a' as u64, b'z' as u64)
        | range(b'A' as u64, b'Z' as u64)
        | range(b'0' as u64, b'9' as u64)
        | range(b'-' as u64, b'-' as u64))
        & !x
        & HIGH;
    let lead = x & (x << 1) & HIGH;
    // gather bit 7 of each byte into bits 0..8
    let gather = |m: u64| ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
    (gather(ascii_word), gather(lead))
}

/// An open-addressing map from nonzero u64 keys to u32 values (`NONE`
/// when absent): the lookups here are many and tiny.
#[derive(Default)]
struct U64Map {
    slots: Vec<(u64, u32)>,
    shift: u32,
}

impl U64Map {
    fn new(entries: &[(u64, u32)]) -> U64Map {
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
    fn get(&self, key: u64) -> u32 {
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

/// Ids of the units that occur in patterns, 1-based.
#[derive(Default)]
struct Units {
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
    fn pack(u: &[u8]) -> u64 {
        u.iter()
            .enumerate()
            .fold(0, |k, (i, &b)| k | (b as u64) << (8 * i))
    }

    fn hash(u: &[u8]) -> u64 {
        let h = u.chunks(8).fold(u.len() as u64, |h, c| {
            (h.rotate_left(5) ^ Units::pack(c)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
        });
        h | 1
    }

    fn build(units: Vec<Box<[u8]>>) -> Units {
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
    fn get(&self, b: &[u8], s: usize, e: usize) -> u32 {
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

/// Lower-cased single words, for gap and membership checks.
#[derive(Default)]
pub struct WordSet {
    /// Per first byte, a bitmap of the words' last bytes and lengths (each
    /// modulo 8): a quick "no" for most words.
    ends: Vec<u64>,
    /// Words of up to 8 bytes, packed into their key.
    short: U64Map,
    long: rustc_hash::FxHashSet<String>,
}

impl WordSet {
    pub fn new<'a>(lists: impl IntoIterator<Item = &'a Vec<String>>) -> WordSet {
        let mut set = rustc_hash::FxHashSet::default();
        for list in lists {
            for phrase in list {
                for w in phrase.split_whitespace() {
                    set.insert(w.to_lowercase().replace('’', "'"));
                }
            }
        }
        let mut short = Vec::new();
        let mut long = rustc_hash::FxHashSet::default();
        let mut ends = vec![0u64; 256];
        for w in &set {
            let (Some(&a), Some(&z)) = (w.as_bytes().first(), w.as_bytes().last()) else {
                continue;
            };
            // a looked-up word may have '’' where the set has '\'', and be
            // longer for it
            let curly = w.contains('\'');
            for a in [a, if a == b'\'' { 0xE2 } else { a }] {
                for z in [z, if z == b'\'' { 0x99 } else { z }] {
                    for len in 0..8 {
                        if curly || len == w.len() % 8 {
                            ends[a as usize] |= 1 << WordSet::end_bit(z, len);
                        }
                    }
                }
            }
        }
        for w in set {
            match WordSet::key(&w) {
                Some(k) => short.push((k, 1)),
                None => {
                    long.insert(w);
                }
            }
        }
        WordSet {
            ends,
            short: U64Map::new(&short),
            long,
        }
    }

    /// The bit of a word's last byte and length in `ends`.
    #[inline]
    fn end_bit(z: u8, len: usize) -> u32 {
        ((z as u32 & 7) << 3) | (len as u32 & 7)
    }

    /// The packed key of a word of 1 to 8 bytes (none of them NUL).
    #[inline]
    fn key(w: &str) -> Option<u64> {
        if w.is_empty() || w.len() > 8 || w.bytes().any(|b| b == 0) {
            return None;
        }
        Some(Units::pack(w.as_bytes()))
    }

    pub fn contains(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let (Some(&a), Some(&z)) = (b.first(), b.last()) else {
            return false;
        };
        if self
            .ends
            .get(a as usize)
            .is_none_or(|m| m >> WordSet::end_bit(z, b.len()) & 1 == 0)
        {
            return false;
        }
        // the common case in one pass: short, no NUL, no curly apostrophe
        if !b.is_empty() && b.len() <= 8 {
            let (mut k, mut odd) = (0u64, false);
            for (i, &c) in b.iter().enumerate() {
                k |= (c as u64) << (8 * i);
                odd |= c == 0 || c == 0xE2;
            }
            if !odd {
                return self.short.get(k) != NONE;
            }
        }
        if w.len() > 2 && w.bytes().any(|b| b == 0xE2) && w.contains('’') {
            return self.contains(&w.replace('’', "'"));
        }
        match WordSet::key(w) {
            Some(k) => self.short.get(k) != NONE,
            None => self.long.contains(w),
        }
    }
}

/// Whole lower-cased phrases, for multi-word membership ("a number of").
#[derive(Debug, Default, Clone)]
pub struct PhraseList(rustc_hash::FxHashSet<String>);

impl PhraseList {
    pub fn new(list: &[String]) -> PhraseList {
        PhraseList(list.iter().map(|p| p.trim().to_lowercase()).collect())
    }

    pub fn contains(&self, phrase: &str) -> bool {
        self.0.contains(phrase)
    }
}

/// Phrases tested against the end or start of a text ("close to",
/// "south of", "airport"), on whitespace-separated words.
#[derive(Default)]
pub struct SuffixSet {
    set: rustc_hash::FxHashSet<String>,
    /// Packed last and first words of the phrases, up to 8 bytes: a quick
    /// "no" for most ASCII words before the full test.
    last_short: U64Map,
    first_short: U64Map,
    /// The last word of each phrase: a longer candidate must end with one.
    last: rustc_hash::FxHashSet<String>,
    max_words: usize,
}

impl SuffixSet {
    pub fn new(list: &[String]) -> SuffixSet {
        let set: rustc_hash::FxHashSet<String> = list
            .iter()
            .map(|s| {
                s.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .filter(|s| !s.is_empty())
            .collect();
        let max_words = set.iter().map(|p| p.split(' ').count()).max().unwrap_or(0);
        let last = set
            .iter()
            .filter_map(|p| p.rsplit(' ').next())
            .map(str::to_string)
            .collect();
        let packed = |words: &mut dyn Iterator<Item = &str>| -> U64Map {
            let mut keys: Vec<(u64, u32)> = words
                .filter(|w| !w.is_empty() && w.len() <= 8)
                .map(|w| (Units::pack(w.as_bytes()), 1))
                .filter(|&(k, _)| k != 0)
                .collect();
            keys.sort_unstable();
            keys.dedup();
            U64Map::new(&keys)
        };
        let last_short = packed(&mut set.iter().filter_map(|p| p.rsplit(' ').next()));
        let first_short = packed(&mut set.iter().filter_map(|p| p.split(' ').next()));
        SuffixSet {
            set,
            last_short,
            first_short,
            last,
            max_words,
        }
    }

    /// The quick "no": neither the word as it stands (`raw`) nor without
    /// its punctuation (`bare`) is in the packed word set `m`. Only for
    /// short ASCII words; all punctuation (an empty `bare`) leaves `raw`
    /// alone to test, as no phrase has an empty word.
    #[inline]
    fn surely_absent(m: &U64Map, raw: &[u8], bare: &[u8]) -> bool {
        let short = |w: &[u8]| !w.is_empty() && w.len() <= 8;
        let absent = |w: &[u8]| m.get(Units::pack(w)) == NONE;
        short(raw) && absent(raw) && (bare.is_empty() || (short(bare) && absent(bare)))
    }

    /// Whether `set` has `w`, as it stands or with curly apostrophes made
    /// straight (the phrases are stored straight).
    fn has(set: &rustc_hash::FxHashSet<String>, w: &str) -> bool {
        set.contains(w) || (w.contains('’') && set.contains(&w.replace('’', "'")))
    }

    /// Whether `before` (lower-cased, the text just before a word) ends with
    /// one of the phrases.
    pub fn ends(&self, before: &str) -> bool {
        let t = before.trim_end();
        // The quick "no": a match ends with the last word, as it stands or
        // without leading punctuation, so one of them must be a phrase's
        // last word. Taken for short ASCII words after an ASCII space.
        let b = t.as_bytes();
        let mut i = b.len();
        while i > 0 && b[i - 1] < 0x80 && !matches!(b[i - 1], 0x09..=0x0d | b' ') {
            i -= 1;
        }
        if i == 0 || b[i - 1] < 0x80 {
            let raw = &b[i..];
            let k = raw
                .iter()
                .position(|&c| c.is_ascii_alphanumeric() || c == b'\'' || c == b'-')
                .unwrap_or(raw.len());
            if SuffixSet::surely_absent(&self.last_short, raw, &raw[k..]) {
                return false;
            }
        }
        let mut start = t.len();
        // Where the word after the space at `start` begins (the space may be
        // a multi-byte one, such as a no-break space).
        let mut word_start = t.len();
        for k in 0..self.max_words {
            if k == 1 {
                // the candidates from here on end with the last word as it
                // stands: most of the time no phrase does
                let w = &t[word_start..];
                if !SuffixSet::has(&self.last, w) {
                    return false;
                }
            }
            let Some(sp) = t[..start].trim_end().rfind(|c: char| c.is_whitespace()) else {
                let cand = t.trim_start();
                return SuffixSet::has(&self.set, cand);
            };
            start = sp;
            word_start = sp + t[sp..].chars().next().map_or(1, char::len_utf8);
            let cand = t[word_start..].trim_start();
            let cand = cand.trim_start_matches(|c: char| {
                !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-'
            });
            if self.set.contains(cand) {
                return true;
            }
        }
        false
    }

    /// Whether `after` (lower-cased, the text just after a word) starts with
    /// one of the phrases.
    pub fn starts(&self, after: &str) -> bool {
        self.starts_len(after).is_some()
    }

    /// The byte length of `after` up to the end of the longest phrase it
    /// starts with (leading space included, trailing punctuation not).
    pub fn starts_len(&self, after: &str) -> Option<usize> {
        let lead_all = after.len() - after.trim_start().len();
        let t = &after[lead_all..];
        // The quick "no": a match starts with the first word, as it stands
        // or without trailing punctuation, so one of them must be a
        // phrase's first word. Taken for short ASCII words before an ASCII
        // space.
        let b = t.as_bytes();
        let mut e = 0;
        while e < b.len() && b[e] < 0x80 && !matches!(b[e], 0x09..=0x0d | b' ') {
            e += 1;
        }
        if e == b.len() || b[e] < 0x80 {
            let raw = &b[..e];
            let mut k = raw.len();
            while k > 0 && matches!(raw[k - 1], b',' | b'.' | b';' | b':' | b')' | b'"') {
                k -= 1;
            }
            if SuffixSet::surely_absent(&self.first_short, raw, &raw[..k]) {
                return None;
            }
        }
        let mut end = 0;
        let mut best = None;
        for _ in 0..self.max_words {
            let rest = &t[end..];
            let lead = rest.len() - rest.trim_start().len();
            let word_end = rest[lead..]
                .find(char::is_whitespace)
                .map_or(rest.len(), |i| lead + i);
            if word_end == lead {
                break;
            }
            end += word_end;
            let cand = t[..end].trim_end_matches([',', '.', ';', ':', ')', '"']);
            if SuffixSet::has(&self.set, cand) {
                best = Some(lead_all + cand.len());
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The automaton search `GroupedSet::find` replaced: every overlapping
    /// match, filtered to whole words, then leftmost-longest per list.
    fn reference_find<T: Copy>(
        pats: &[(&str, Vec<(usize, T)>)],
        groups: usize,
        lower: &str,
    ) -> Vec<Vec<Hit<T>>> {
        use aho_corasick::{AhoCorasick, MatchKind};
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(pats.iter().map(|p| p.0))
            .expect("builds");
        let mut cand: Vec<Vec<Hit<T>>> = vec![Vec::new(); groups];
        for m in ac.find_overlapping_iter(lower) {
            let (s, e) = (m.start(), m.end());
            if !on_word_boundaries(lower, s, e) {
                continue;
            }
            for &(g, tag) in &pats[m.pattern().as_usize()].1 {
                cand[g].push(Hit {
                    start: s,
                    end: e,
                    tag,
                });
            }
        }
        for hits in &mut cand {
            hits.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
            let mut last_end = 0;
            hits.retain(|h| {
                let keep = h.start >= last_end;
                if keep {
                    last_end = h.end;
                }
                keep
            });
        }
        cand
    }

    fn on_word_boundaries(lower: &str, s: usize, e: usize) -> bool {
        let b = lower.as_bytes();
        let word_byte = |i: usize, forward: bool| -> bool {
            match b[i] {
                c if c < 0x80 => c.is_ascii_alphanumeric() || c == b'-',
                _ if forward => lower[i..].chars().next().is_some_and(is_word),
                _ => lower[..=i]
                    .char_indices()
                    .next_back()
                    .and_then(|(k, _)| lower[k..].chars().next())
                    .is_some_and(is_word),
            }
        };
        let ok_start = s == 0 || !word_byte(s, true) || !word_byte(s - 1, false);
        let ok_end = e == b.len() || !word_byte(e - 1, false) || !word_byte(e, true);
        ok_start && ok_end
    }

    /// The trie search agrees with the automaton search on random text
    /// built from the scenario's own phrases, their prefixes, punctuation
    /// and non-ASCII characters.
    #[test]
    fn trie_matches_automaton_search() {
        let sc = crate::config::Scenario::builtin();
        let lex = super::super::lexicon::Lexicon::new(&sc);
        let lists: Vec<&PhraseSet<u64>> = vec![
            &lex.events,
            &lex.cues,
            &lex.deploy,
            &lex.tally,
            &lex.breaks,
            &lex.collective,
        ];
        let mut pats: Vec<(&str, Vec<(usize, u64)>)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (g, l) in lists.iter().enumerate() {
            for (p, t) in l.entries() {
                let i = *index.entry(p).or_insert_with(|| {
                    pats.push((p, Vec::new()));
                    pats.len() - 1
                });
                pats[i].1.push((g, t));
            }
        }
        let gaz = super::super::gazetteer::Gazetteer::new(&sc);
        let places: Vec<(&str, u64)> = gaz.set.entries().map(|(p, _)| p).zip(0..).collect();
        for &(p, t) in &places {
            let i = *index.entry(p).or_insert_with(|| {
                pats.push((p, Vec::new()));
                pats.len() - 1
            });
            pats[i].1.push((lists.len(), t));
        }
        let mut boxed: Vec<Box<dyn Iterator<Item = (&str, u64)>>> = lists
            .iter()
            .map(|l| Box::new(l.entries()) as Box<dyn Iterator<Item = (&str, u64)>>)
            .collect();
        boxed.push(Box::new(places.iter().copied()));
        let groups = boxed.len();
        let set = GroupedSet::new(boxed);
        let mut total = 0;
        let extra = [
            " ", "  ", ",", ", ", "-", "'", "’", "'s ", "’s", ".", "\n", "é", "É", "\u{a0}", "ж",
            "1", "34", "a", "the", "x", ";", "?", "\"", "(", "—",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut rnd = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n
        };
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..40 {
                match rnd(4) {
                    0 | 1 => text.push_str(extra[rnd(extra.len())]),
                    2 => text.push_str(pats[rnd(pats.len())].0),
                    _ => {
                        let p = pats[rnd(pats.len())].0;
                        let cut = (1..=p.len())
                            .filter(|&k| p.is_char_boundary(k))
                            .nth(rnd(p.chars().count()))
                            .unwrap_or(p.len());
                        text.push_str(&p[..cut]);
                    }
                }
            }
            let got = set.find(&text);
            total += got.iter().map(Vec::len).sum::<usize>();
            assert_eq!(got, reference_find(&pats, groups, &text), "{text:?}");
        }
        assert!(total > 10_000, "{total}");
    }

    #[test]
    fn whole_words_longest_first_per_list() {
        let a = PhraseSet::new([
            ("fell".to_string(), 1u64),
            ("fell silent".to_string(), 2),
            ("'s fall".to_string(), 4),
        ]);
        let b = PhraseSet::new([("silent".to_string(), 8u64)]);
        let set = GroupedSet::new(vec![Box::new(a.entries()), Box::new(b.entries())]);
        let hits = set.find("brook fell silent; arden fell. felled. brook’s fall");
        let tags: Vec<u64> = hits[0].iter().map(|h| h.tag).collect();
        assert_eq!(tags, vec![2, 1, 4]);
        // the other list still sees the word inside the longer phrase
        assert_eq!(hits[1].len(), 1);
    }

    #[test]
    fn suffixes_respect_word_boundaries() {
        let s = SuffixSet::new(&["to".to_string(), "close to".to_string()]);
        assert!(s.ends("a district capital close to "));
        assert!(!s.ends("pluto "));
        // Multi-byte spaces (no-break, em space) between the words.
        assert!(s.ends("a district capital\u{a0}close\u{2003}to "));
        assert!(!s.ends("x\u{a0}y\u{a0}pluto\u{a0}"));
        assert!(SuffixSet::new(&["airport".to_string()]).starts(" airport was"));
        assert!(!SuffixSet::new(&["air".to_string()]).starts(" airport was"));
    }
}
#[cfg(test)]
mod swar_tests {
    use super::*;

    #[test]
    fn classify64_matches_bytes() {
        let mut seed: u64 = 987;
        for _ in 0..5000 {
            let mut x = [0u8; 64];
            for b in x.iter_mut() {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                *b = (seed >> 56) as u8;
            }
            let (w, l) = classify64(&x);
            for (j, b) in x.iter().enumerate() {
                let want_w = b.is_ascii_alphanumeric() || *b == b'-';
                assert_eq!(w >> j & 1 == 1, want_w, "byte {b:#x}");
                assert_eq!(l >> j & 1 == 1, *b >= 0xC0, "byte {b:#x}");
            }
        }
    }

    #[test]
    fn swar_classes_match_bytes() {
        let mut seed: u64 = 12345;
        for _ in 0..20000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let x = seed;
            let (w, l) = swar_classes(x);
            for (j, b) in x.to_le_bytes().iter().enumerate() {
                let want_w = b.is_ascii_alphanumeric() || *b == b'-';
                assert_eq!(w >> j & 1 == 1, want_w, "{x:#x} byte {j}");
                assert_eq!(l >> j & 1 == 1, *b >= 0xC0, "{x:#x} byte {j}");
            }
        }
        for b in 0..=255u8 {
            let (w, l) = swar_classes(u64::from_le_bytes([b; 8]));
            let want = if b.is_ascii_alphanumeric() || b == b'-' {
                0xFF
            } else {
                0
            };
            assert_eq!(w, want, "{b}");
            assert_eq!(l, if b >= 0xC0 { 0xFF } else { 0 }, "{b}");
        }
    }
}
