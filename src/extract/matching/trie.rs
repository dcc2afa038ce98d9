//! Many phrase lists searched in one pass, by a trie over text units.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::bytes::unit_starts;
use super::map::{U64Map, NONE};
use super::units::Units;
use super::Hit;

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
        cands.clear();
        cands.resize(units + 1, 0);
        let k = self.unit_ids(b, starts, ids, cands);
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
    /// Each unit's id into `ids`, and into `cands` the units after those
    /// where a walk can get anywhere; returns how many there are.
    ///
    /// Where a walk can get anywhere: the unit starts a pattern, and that
    /// pattern is the unit alone or may go on with the next. Found with
    /// the ids and without a branch, so the walks are few (a space starts
    /// patterns, but is rarely followed by their next word). Kept out of
    /// line: alone, its loop keeps its state in registers.
    #[inline(never)]
    fn unit_ids(&self, b: &[u8], starts: &[u32], ids: &mut [u32], cands: &mut [u32]) -> usize {
        let units = ids.len() - 1;
        let (starts, ids) = (&starts[..units + 1], &mut ids[..units + 1]);
        let mut k = 0;
        let mut prev = 0u32;
        let mut from = starts[0] as usize;
        for i in 0..units {
            let to = starts[i + 1] as usize;
            let id = self.units.get(b, from, to);
            from = to;
            ids[i] = id;
            cands[k] = i as u32;
            k += (self.first[prev as usize] >> (id % 64) & 1) as usize;
            prev = id;
        }
        // the last unit, followed by the end
        cands[k] = units as u32;
        k + (self.first[prev as usize] & 1) as usize
    }

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

/// The working buffers of [`GroupedSet::find_each`].
#[derive(Default)]
pub struct FindBuf {
    pub(super) starts: Vec<u32>,
    pub(super) ids: Vec<u32>,
    pub(super) cands: Vec<u32>,
    pub(super) word: Vec<u64>,
    pub(super) inner: Vec<u64>,
    pub(super) lead: Vec<u64>,
    pub(super) last_end: Vec<usize>,
    pub(super) ends: Vec<(usize, u32)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::matching::{is_word, PhraseSet, SuffixSet};

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
        let lex = crate::extract::lexicon::Lexicon::new(&sc);
        // each phrase's payload is its index in its list: what matters is
        // which phrases are found where, per list
        fn ids<T: crate::extract::matching::Merge>(p: &PhraseSet<T>) -> Vec<(&str, u64)> {
            p.entries().map(|(s, _)| s).zip(0..).collect()
        }
        let lists: Vec<Vec<(&str, u64)>> = vec![
            ids(&lex.events),
            ids(&lex.cues),
            ids(&lex.deploy),
            ids(&lex.tally),
            ids(&lex.breaks),
            ids(&lex.collective),
        ];
        let mut pats: Vec<(&str, Vec<(usize, u64)>)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (g, l) in lists.iter().enumerate() {
            for &(p, t) in l {
                let i = *index.entry(p).or_insert_with(|| {
                    pats.push((p, Vec::new()));
                    pats.len() - 1
                });
                pats[i].1.push((g, t));
            }
        }
        let gaz = crate::extract::gazetteer::Gazetteer::new(&sc);
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
            .map(|l| Box::new(l.iter().copied()) as Box<dyn Iterator<Item = (&str, u64)>>)
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
