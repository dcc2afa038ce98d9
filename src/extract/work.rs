//! A count of the bytes and words the extractor's scans visit, so that a
//! test can bound the work per input byte by construction rather than by
//! wall time (hostile scraped text must not stall the monitor).

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Records `n` steps of scanning.
#[inline]
pub fn add(n: usize) {
    STEPS.with(|s| s.set(s.get().wrapping_add(n as u64)));
}

/// The steps recorded on this thread since the last call, and a reset.
pub fn take() -> u64 {
    STEPS.with(|s| s.replace(0))
}
