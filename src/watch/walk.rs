//! Names relative to the feeds folder, and walking a (sub)folder.
//!
//! Same rules as [`crate::ingest::Reader::scan`]: hidden entries are
//! skipped at every level, symlinked folders are not followed (a link back
//! up the tree would loop), symlinked files are read, and nesting is capped.
//! Unlike `scan`, every name is kept, duplicates included: the store counts
//! duplicate content once, and needs every name to know what remains when
//! the first copy is deleted.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::ingest::Reader;

/// Deeper than this is a mistake (or a bind-mount loop), not a feed.
pub const MAX_DEPTH: usize = 32;

/// A file found by [`walk`]: its name relative to the feeds folder and its
/// path.
pub type Found = (String, PathBuf);

/// The name of `path` relative to `root`, with '/' separators. `Some("")`
/// is the root itself; `None` is outside it, or a hidden or too deep path
/// (never read, so never tracked).
pub fn relative_name(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut name = String::new();
    let mut depth = 0;
    for c in rel.components() {
        let Component::Normal(part) = c else {
            return None;
        };
        let part = part.to_string_lossy();
        if part.starts_with('.') {
            return None;
        }
        depth += 1;
        if depth > MAX_DEPTH {
            return None;
        }
        if !name.is_empty() {
            name.push('/');
        }
        name.push_str(&part);
    }
    Some(name)
}

/// Every article file under `dir` (whose name is `prefix`, "" for the
/// root), sorted by name, plus (name, problem) for what could not be read.
/// An unreadable `dir` itself is an error.
pub fn walk(
    dir: &Path,
    prefix: &str,
    warnings: &mut Vec<(String, String)>,
) -> std::io::Result<Vec<Found>> {
    let mut found = Vec::new();
    let start_depth = if prefix.is_empty() {
        0
    } else {
        prefix.split('/').count()
    };
    let mut pending = vec![(dir.to_path_buf(), prefix.to_string(), start_depth)];
    let mut first = true;
    while let Some((path, prefix, depth)) = pending.pop() {
        let entries = match fs::read_dir(&path) {
            Ok(e) => e,
            Err(e) if first => return Err(e),
            Err(e) => {
                warnings.push((prefix, format!("folder cannot be read: {e}")));
                continue;
            }
        };
        first = false;
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    warnings.push((prefix.clone(), format!("folder cannot be listed: {e}")));
                    continue;
                }
            };
            let os_name = entry.file_name();
            let name = os_name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            let rel = if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}/{name}")
            };
            let entry_path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                warnings.push((rel, "cannot be read".into()));
                continue;
            };
            if file_type.is_dir() {
                if depth + 1 >= MAX_DEPTH {
                    warnings.push((
                        rel,
                        format!("folder is nested more than {MAX_DEPTH} deep; not read"),
                    ));
                } else {
                    pending.push((entry_path, rel, depth + 1));
                }
                continue;
            }
            if file_type.is_symlink() {
                match fs::metadata(&entry_path) {
                    Ok(m) if m.is_dir() => {
                        warnings.push((rel, "is a symlinked folder; not followed".into()));
                        continue;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        if Reader::is_article_name(&name) {
                            warnings.push((rel, format!("cannot be read (broken link?): {e}")));
                        }
                        continue;
                    }
                }
            }
            if Reader::is_article_name(&name) {
                found.push((rel, entry_path));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let root = Path::new("/feeds");
        let rel = |p: &str| relative_name(root, Path::new(p));
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
