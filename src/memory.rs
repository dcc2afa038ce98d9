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

/// A value whose clones start with empty caches (a compiled regex: each
/// clone has a pool of lazy-DFA caches of its own), that can be swapped
/// for such a clone through a shared reference. After a large read the
/// caches the reading threads filled (a few MiB per thread and pattern
/// set) are dropped instead of held for the life of the process; the next
/// read builds what it needs again.
pub struct Renewable<T: Clone>(std::sync::RwLock<T>);

impl<T: Clone> Renewable<T> {
    pub fn new(value: T) -> Renewable<T> {
        Renewable(std::sync::RwLock::new(value))
    }

    /// The value, for as long as the guard is held.
    pub fn get(&self) -> std::sync::RwLockReadGuard<'_, T> {
        self.0.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Swap the value for a clone of itself, dropping the old one.
    pub fn renew(&self) {
        let fresh = self.get().clone();
        let old = std::mem::replace(
            &mut *self.0.write().unwrap_or_else(|e| e.into_inner()),
            fresh,
        );
        drop(old);
    }
}
