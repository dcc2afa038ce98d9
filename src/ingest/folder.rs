//! Walking the feeds folder.
//!
//! Subfolders are read too, except hidden ones; symlinked folders are not
//! followed (a link back up the tree would loop), symlinked files are
//! read. Names are relative to the top folder with '/' separators.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{Reader, Warning};

/// Deeper than this is a mistake (or a bind-mount loop), not a feed.
pub const MAX_DEPTH: usize = 32;

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
pub fn walk(dir: &Path, warnings: &mut Vec<Warning>) -> io::Result<Vec<(String, PathBuf)>> {
    let mut problems = Vec::new();
    let found = walk_from(dir, "", &mut problems)?;
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
            let name = os_name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
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
            if file_type.is_dir() {
                if depth + 1 >= MAX_DEPTH {
                    problem(
                        &rel,
                        &entry_path,
                        format!("folder is nested more than {MAX_DEPTH} deep; not read"),
                    );
                } else {
                    pending.push((entry_path, rel, depth + 1));
                }
                continue;
            }
            if file_type.is_symlink() {
                match fs::metadata(&entry_path) {
                    Ok(m) if m.is_dir() => {
                        problem(
                            &rel,
                            &entry_path,
                            "is a symlinked folder; not followed".into(),
                        );
                        continue;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        if Reader::is_article_name(&name) {
                            problem(
                                &rel,
                                &entry_path,
                                format!("cannot be read (broken link?): {e}"),
                            );
                        }
                        continue;
                    }
                }
            }
            if !Reader::is_article_name(&name) {
                continue;
            }
            if matches!(name, std::borrow::Cow::Owned(_)) {
                problem(
                    &rel,
                    &entry_path,
                    format!("file name is not valid Unicode; read as {rel:?}"),
                );
            }
            found.push((rel, entry_path));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found)
}

fn warn(path: &Path, message: String) -> Warning {
    Warning {
        path: path.to_path_buf(),
        message,
    }
}
