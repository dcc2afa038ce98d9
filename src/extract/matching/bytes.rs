//! Byte classes, 64 bytes at a time: where the units of a text start.

use super::is_word;
use super::trie::FindBuf;

/// Where the units of `s` start: a unit is a maximal run of word
/// characters, or a single other character.
///
/// Word characters are marked in a bitmap 64 bytes at a time, branch-free
/// for ASCII; units then start where a word run starts or at a non-word
/// character that does not continue a wider one.
pub(super) fn unit_starts(s: &str, buf: &mut FindBuf) {
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

/// For 64 bytes: a bitmask of the ASCII word bytes (letters, digits, '-'),
/// and one of the first bytes of non-ASCII characters (0b11xxxxxx), bit
/// `j` for byte `j`.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(super) fn classify64(x: &[u8; 64]) -> (u64, u64) {
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
pub(super) fn classify64(x: &[u8; 64]) -> (u64, u64) {
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
pub(super) fn swar_classes(x: u64) -> (u64, u64) {
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

/// The runs of non-space characters of `s` (`char::is_whitespace`
/// separates them), as byte ranges handed to `run(start, end)` in order.
///
/// Spaces are marked 64 bytes at a time; a non-ASCII character is decoded
/// only to learn whether it is a space.
#[inline]
pub fn space_runs(s: &str, mut run: impl FnMut(usize, usize)) {
    let b = s.as_bytes();
    let n = b.len();
    // bits forced to space in the next block: the tail of a wide space
    let mut forced = 0u64;
    // whether the last byte of the previous block was in a run
    let mut in_run = false;
    let mut start = 0;
    for (k, chunk) in b.chunks(64).enumerate() {
        let base = k * 64;
        let (mut space, mut lead) = match <&[u8; 64]>::try_from(chunk) {
            Ok(c) => spaces64(c),
            Err(_) => {
                let mut x = [0u8; 64];
                x[..chunk.len()].copy_from_slice(chunk);
                let (sp, l) = spaces64(&x);
                // past the end counts as space: it closes the last run
                (sp | !0u64 << chunk.len(), l)
            }
        };
        space |= forced;
        forced = 0;
        while lead != 0 {
            let j = lead.trailing_zeros() as usize;
            lead &= lead - 1;
            let Some(ch) = s.get(base + j..).and_then(|r| r.chars().next()) else {
                continue;
            };
            if ch.is_whitespace() {
                for q in j..j + ch.len_utf8() {
                    if q < 64 {
                        space |= 1 << q;
                    } else {
                        forced |= 1 << (q - 64);
                    }
                }
            }
        }
        // bits where a run starts or ends (an end is the first space after it)
        let words = !space;
        let mut edges = words ^ (words << 1 | in_run as u64);
        while edges != 0 {
            let j = edges.trailing_zeros() as usize;
            edges &= edges - 1;
            if words >> j & 1 == 1 {
                start = base + j;
            } else {
                run(start, base + j);
            }
        }
        in_run = words >> 63 == 1;
    }
    if in_run {
        run(start, n);
    }
}

/// For 64 bytes: a bitmask of the ASCII spaces (those `char::is_whitespace`
/// holds for: tab to carriage return, and space), and one of the first
/// bytes of non-ASCII characters, bit `j` for byte `j`.
#[cfg(target_arch = "x86_64")]
#[inline]
fn spaces64(x: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::*;
    let (mut w, mut l) = (0u64, 0u64);
    // SAFETY: SSE2 is part of the x86_64 baseline, and the four unaligned
    // 16-byte loads cover exactly the 64 bytes of `x`.
    unsafe {
        let space = _mm_set1_epi8(b' ' as i8);
        let lo = _mm_set1_epi8(b'\t' as i8 - 1);
        let hi = _mm_set1_epi8(b'\r' as i8 + 1);
        let below_c0 = _mm_set1_epi8(0xBFu8 as i8);
        let zero = _mm_setzero_si128();
        for k in 0..4 {
            let v = _mm_loadu_si128(x.as_ptr().add(16 * k) as *const __m128i);
            // signed compares: bytes >= 0x80 are negative, so never in an
            // ASCII range
            let ctl = _mm_and_si128(_mm_cmpgt_epi8(v, lo), _mm_cmpgt_epi8(hi, v));
            let sp = _mm_or_si128(ctl, _mm_cmpeq_epi8(v, space));
            let lead = _mm_and_si128(_mm_cmpgt_epi8(v, below_c0), _mm_cmpgt_epi8(zero, v));
            w |= (_mm_movemask_epi8(sp) as u32 as u64 & 0xFFFF) << (16 * k);
            l |= (_mm_movemask_epi8(lead) as u32 as u64 & 0xFFFF) << (16 * k);
        }
    }
    (w, l)
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn spaces64(x: &[u8; 64]) -> (u64, u64) {
    let (mut w, mut l) = (0u64, 0u64);
    for (j, &c) in x.iter().enumerate() {
        w |= ((c == b' ' || (b'\t'..=b'\r').contains(&c)) as u64) << j;
        l |= ((c >= 0xC0) as u64) << j;
    }
    (w, l)
}

/// Calls `at(i)` for each byte `i` of `b` that is an ASCII capital, in
/// order: 64 bytes at a time.
#[inline]
pub fn ascii_capitals(b: &[u8], mut at: impl FnMut(usize)) {
    for (k, chunk) in b.chunks(64).enumerate() {
        let mut m = match <&[u8; 64]>::try_from(chunk) {
            Ok(c) => capitals64(c),
            Err(_) => {
                let mut x = [0u8; 64];
                x[..chunk.len()].copy_from_slice(chunk);
                capitals64(&x)
            }
        };
        while m != 0 {
            at(k * 64 + m.trailing_zeros() as usize);
            m &= m - 1;
        }
    }
}

/// For 64 bytes: a bitmask of the ASCII capitals, bit `j` for byte `j`.
#[cfg(target_arch = "x86_64")]
#[inline]
fn capitals64(x: &[u8; 64]) -> u64 {
    use std::arch::x86_64::*;
    let mut m = 0u64;
    // SAFETY: SSE2 is part of the x86_64 baseline, and the four unaligned
    // 16-byte loads cover exactly the 64 bytes of `x`.
    unsafe {
        let lo = _mm_set1_epi8(b'A' as i8 - 1);
        let hi = _mm_set1_epi8(b'Z' as i8 + 1);
        for k in 0..4 {
            let v = _mm_loadu_si128(x.as_ptr().add(16 * k) as *const __m128i);
            // signed compares: bytes >= 0x80 are negative, so never in range
            let cap = _mm_and_si128(_mm_cmpgt_epi8(v, lo), _mm_cmpgt_epi8(hi, v));
            m |= (_mm_movemask_epi8(cap) as u32 as u64 & 0xFFFF) << (16 * k);
        }
    }
    m
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn capitals64(x: &[u8; 64]) -> u64 {
    x.iter()
        .enumerate()
        .fold(0, |m, (j, c)| m | (c.is_ascii_uppercase() as u64) << j)
}

#[cfg(test)]
mod capital_tests {
    use super::*;

    #[test]
    fn ascii_capitals_are_the_capital_bytes() {
        let mut seed: u64 = 99;
        for len in 0..300 {
            let b: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 56) as u8
                })
                .collect();
            let mut got = Vec::new();
            ascii_capitals(&b, |i| got.push(i));
            let want: Vec<usize> = (0..len).filter(|&i| b[i].is_ascii_uppercase()).collect();
            assert_eq!(got, want);
        }
    }
}

#[cfg(test)]
mod space_tests {
    use super::*;

    /// The runs `split_whitespace` gives, as byte ranges.
    fn reference(s: &str) -> Vec<(usize, usize)> {
        s.split_whitespace()
            .map(|w| {
                let a = w.as_ptr() as usize - s.as_ptr() as usize;
                (a, a + w.len())
            })
            .collect()
    }

    #[test]
    fn space_runs_match_split_whitespace() {
        let pieces = [
            "a",
            "Ostrava",
            "3,000",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{0b}",
            "\u{0c}",
            "\r",
            "\u{1c}",
            "\u{a0}",
            "\u{85}",
            "\u{2003}",
            "\u{3000}",
            "\u{202f}",
            "é",
            "’",
            "“",
            "—",
            "ж",
            "\u{1f600}",
            ".",
            ",",
            "x-y",
        ];
        let mut seed: u64 = 4242;
        let mut out = Vec::new();
        for len in 0..400 {
            let mut text = String::new();
            for _ in 0..len % 97 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            out.clear();
            space_runs(&text, |a, e| out.push((a, e)));
            assert_eq!(out, reference(&text), "{text:?}");
        }
    }
}
