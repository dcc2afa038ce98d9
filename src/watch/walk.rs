//! Names relative to the feeds folder, and walking a (sub)folder.
//!
//! The walk itself is [`crate::ingest::folder::walk_from`], the same rules
//! as `Reader::scan`. Unlike `scan`, every name is kept, duplicates
//! included: the store counts duplicate content once, and needs every name
//! to know what remains when the first copy is deleted.

use std::path::{Component, Path, PathBuf};

use crate::ingest::folder::{name_of, walk_from, Rules};

pub use crate::ingest::folder::MAX_DEPTH;

/// A file found by [`walk`]: its name relative to the feeds folder and its
/// path.
pub type Found = (String, PathBuf);

/// The name of `path` relative to `root`, with '/' separators (each part
/// as [`name_of`] gives it), and whether a part was not plain text.
/// `Some("")` is the root itself; `None` is outside it, or a hidden or too
/// deep path (never read, so never tracked).
pub fn relative_name(root: &Path, path: &Path) -> Option<(String, bool)> {
    let rel = path.strip_prefix(root).ok()?;
    let mut name = String::new();
    let mut depth = 0;
    let mut odd = false;
    for c in rel.components() {
        let Component::Normal(part) = c else {
            return None;
        };
        if part.as_encoded_bytes().starts_with(b".") {
            return None;
        }
        let (part, not_plain) = name_of(part);
        odd |= not_plain;
        depth += 1;
        if depth > MAX_DEPTH {
            return None;
        }
        if !name.is_empty() {
            name.push('/');
        }
        name.push_str(&part);
    }
    Some((name, odd))
}

/// Every article file under `dir` (whose name is `prefix`, "" for the
/// root), sorted by name, plus (name, problem) for what could not be read.
/// An unreadable `dir` itself is an error.
pub fn walk(
    dir: &Path,
    prefix: &str,
    rules: &Rules,
    warnings: &mut Vec<(String, String)>,
) -> std::io::Result<Vec<Found>> {
    let mut problems = Vec::new();
    let found = walk_from(dir, prefix, rules, &mut problems)?;
    warnings.extend(problems.into_iter().map(|p| (p.name, p.message)));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let root = Path::new("/feeds");
        let rel = |p: &str| relative_name(root, Path::new(p)).map(|(n, _)| n);
        assert_eq!(rel("/feeds").as_deref(), Some(""));
        assert_eq!(rel("/feeds/a.txt").as_deref(), Some("a.txt"));
        assert_eq!(rel("/feeds/sub/a.txt").as_deref(), Some("sub/a.txt"));
        assert_eq!(rel("/feeds/.git/a.txt"), None);
        assert_eq!(rel("/feeds/sub/.a.txt"), None);
        assert_eq!(rel("/elsewhere/a.txt"), None);
        let deep = format!("/feeds/{}a.txt", "d/".repeat(MAX_DEPTH));
        assert_eq!(rel(&deep), None);
    }
}
