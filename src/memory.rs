//! Giving memory back after a large read.

/// Return the allocator's free pages to the system. Reading thousands of
/// articles at once leaves the reading threads' pages free but held: the
/// texts are gone, and what was kept of them was copied out (see
/// `Store::insert`).
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only hands free pages back; it may be called at
    // any time from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}
