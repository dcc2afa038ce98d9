//! Walking the feeds folder, and the one rule for what is read in it.
//!
//! Subfolders are read too, except hidden ones, down to [`MAX_DEPTH`];
//! symlinked folders are not followed (a link back up the tree would loop);
//! symlinked files are read when they resolve inside the feeds folder (any
//! file the server can read would otherwise be shown to every viewer),
//! anywhere with `follow_symlinks`. Names are relative to the top folder
//! with '/' separators, see [`name_of`]. [`entry`] decides for the walk
//! here and for the watcher's single paths alike.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::fs::{self, FileType};
use std::io;
use std::path::{Path, PathBuf};

use super::{Reader, Warning};

/// Folders nested this deep or deeper (counted from the feeds folder, its
/// own subfolders being 1) are a mistake or a bind-mount loop, not feeds.
pub const MAX_DEPTH: usize = 32;

/// How the feeds folder is walked.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The feeds folder, symlinks resolved: what links must resolve into.
    root: PathBuf,
    follow_symlinks: bool,
}

impl Rules {
    pub fn new(root: &Path, follow_symlinks: bool) -> Rules {
        Rules {
            root: fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            follow_symlinks,
        }
    }
}

/// What [`entry`] makes of a path.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry {
    Folder,
    File,
    /// Not read; with the problem to report, if any.
    Skip(Option<String>),
}

/// Whether the path `path`, named `name` (its [`name_of`] path relative to
/// the feeds folder, `depth` components), of type `file_type` (not
/// following links), is a folder to walk, a file to read or neither.
pub fn entry(rules: &Rules, path: &Path, name: &str, depth: usize, file_type: FileType) -> Entry {
    if file_type.is_dir() {
        return if depth >= MAX_DEPTH {
            Entry::Skip(Some(format!(
                "folder is nested {MAX_DEPTH} or more deep; not read"
            )))
        } else {
            Entry::Folder
        };
    }
    let article = Reader::is_article_name(name);
    if file_type.is_symlink() {
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Entry::Skip(Some("is a symlinked folder; not followed".into()));
            }
            Ok(_) if !article => return Entry::Skip(None),
            Ok(_) if rules.follow_symlinks => {}
            Ok(_) => match fs::canonicalize(path) {
                Ok(target) if target.starts_with(&rules.root) => {}
                Ok(target) => {
                    return Entry::Skip(Some(format!(
                        "links outside the feeds folder (to {}); not read (--follow-symlinks \
                         reads such links)",
                        crate::logging::Untrusted(&target.to_string_lossy())
                    )));
                }
                Err(e) => {
                    return Entry::Skip(Some(format!("cannot be read (broken link?): {e}")));
                }
            },
            Err(e) if article => {
                return Entry::Skip(Some(format!("cannot be read (broken link?): {e}")));
            }
            Err(_) => return Entry::Skip(None),
        }
    }
    if article {
        Entry::File
    } else {
        Entry::Skip(None)
    }
}

/// A file or folder name as sitmon names it: the name itself when it is
/// plain text; otherwise bytes that are not UTF-8 as `\xNN`, control
/// characters as `\u{NN}` and backslashes doubled, so that two different
/// names never read the same (one article never hides another) and no name
/// carries escape sequences to a terminal or a log. The flag says the name
/// was not plain.
pub fn name_of(part: &OsStr) -> (Cow<'_, str>, bool) {
    use std::os::unix::ffi::OsStrExt;
    let bytes = part.as_bytes();
    if let Ok(s) = std::str::from_utf8(bytes) {
        if !s.chars().any(|c| c.is_control() || c == '\\') {
            return (Cow::Borrowed(s), false);
        }
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.extend(c.escape_unicode()),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    (Cow::Owned(out), true)
}

/// A problem met while walking: the entry's name relative to the feeds
/// folder, its path, and what went wrong.
pub struct Problem {
    pub name: String,
    pub path: PathBuf,
    pub message: String,
}

/// Every file under `dir` whose name is an article name, as
/// (relative name, path), sorted by name. Problems below the top folder
/// are warnings, in path order; an unreadable top folder is an error.
pub fn walk(
    dir: &Path,
    rules: &Rules,
    warnings: &mut Vec<Warning>,
) -> io::Result<Vec<(String, PathBuf)>> {
    let mut problems = Vec::new();
    let found = walk_from(dir, "", rules, &mut problems)?;
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    warnings.extend(problems.into_iter().map(|p| warn(&p.path, p.message)));
    Ok(found)
}

/// [`walk`] for `dir`, whose name relative to the feeds folder is `prefix`
/// ("" for the feeds folder itself): names found are relative to the feeds
/// folder and nesting counts from there. Every name is kept; duplicate
/// content is the store's business.
pub fn walk_from(
    dir: &Path,
    prefix: &str,
    rules: &Rules,
    problems: &mut Vec<Problem>,
) -> io::Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    let start_depth = if prefix.is_empty() {
        0
    } else {
        prefix.split('/').count()
    };
    let mut pending: Vec<(PathBuf, String, usize)> =
        vec![(dir.to_path_buf(), prefix.to_string(), start_depth)];
    let mut first = true;
    let mut problem = |name: &str, path: &Path, message: String| {
        problems.push(Problem {
            name: name.to_string(),
            path: path.to_path_buf(),
            message,
        })
    };
    while let Some((path, prefix, depth)) = pending.pop() {
        let entries = match fs::read_dir(&path) {
            Ok(e) => e,
            Err(e) if first => return Err(e),
            Err(e) => {
                problem(&prefix, &path, format!("folder cannot be read: {e}"));
                continue;
            }
        };
        first = false;
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    problem(&prefix, &path, format!("folder cannot be listed: {e}"));
                    continue;
                }
            };
            let os_name = entry.file_name();
            if os_name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let (name, odd) = name_of(&os_name);
            let entry_path = entry.path();
            let rel = if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}/{name}")
            };
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    problem(&rel, &entry_path, format!("cannot be read: {e}"));
                    continue;
                }
            };
            match super::folder::entry(rules, &entry_path, &rel, depth + 1, file_type) {
                Entry::Folder => pending.push((entry_path, rel, depth + 1)),
                Entry::Skip(Some(why)) => problem(&rel, &entry_path, why),
                Entry::Skip(None) => {}
                Entry::File => {
                    if odd {
                        problem(&rel, &entry_path, odd_name(&rel));
                    }
                    found.push((rel, entry_path));
                }
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found)
}

/// The warning for a name that is not plain text, as [`name_of`] shows it.
pub fn odd_name(rel: &str) -> String {
    format!("file name is not valid Unicode or has control characters; read as {rel:?}")
}

fn warn(path: &Path, message: String) -> Warning {
    Warning::new(path, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn names_are_kept_apart_and_printable() {
        let name = |b: &[u8]| name_of(OsStr::from_bytes(b)).0.into_owned();
        assert_eq!(name(b"plain \xC3\xA9.txt"), "plain \u{e9}.txt");
        assert!(!name_of(OsStr::from_bytes(b"plain.txt")).1);
        // Two names that differ only in bytes that are not UTF-8.
        assert_eq!(name(b"a\xFF.txt"), "a\\xFF.txt");
        assert_ne!(name(b"a\xFF.txt"), name(b"a\xFE.txt"));
        // A name that spells an escape is not the escaped one.
        assert_eq!(name(b"a\\xFF.txt"), "a\\\\xFF.txt");
        assert_eq!(name(b"a\x1b[2J.txt"), "a\\u{1b}[2J.txt");
    }
}
