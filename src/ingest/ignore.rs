//! What in the feeds folder is not an article: a `.sitmonignore` file at
//! its top, in gitignore syntax (read with the `ignore` crate). Notes kept
//! beside the articles (README*, NOTES*, LICENSE*, CHANGELOG*, gold.json)
//! are never articles whatever it says: see `Reader::is_article_name`.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// The file's name, at the top of the feeds folder.
pub const FILE: &str = ".sitmonignore";

/// The compiled `.sitmonignore` of one feeds folder (empty without one).
#[derive(Debug, Clone, Default)]
pub struct Ignore {
    rules: Option<Gitignore>,
}

impl Ignore {
    /// `root/.sitmonignore`, with a message per bad line (which is skipped).
    pub fn load(root: &Path) -> (Ignore, Vec<String>) {
        let path = root.join(FILE);
        if !path.is_file() {
            return (Ignore::default(), Vec::new());
        }
        let mut b = GitignoreBuilder::new(root);
        let mut problems = Vec::new();
        if let Some(e) = b.add(&path) {
            problems.push(format!("{FILE}: {e}"));
        }
        match b.build() {
            Ok(g) => (Ignore { rules: Some(g) }, problems),
            Err(e) => {
                problems.push(format!("{FILE}: {e}; ignored"));
                (Ignore::default(), problems)
            }
        }
    }

    /// The path of the file for `root`.
    pub fn path(root: &Path) -> PathBuf {
        root.join(FILE)
    }

    /// Whether `name` (relative to the feeds folder, '/' separators) or a
    /// folder it is in is ignored.
    pub fn ignored(&self, name: &str) -> bool {
        self.rules.as_ref().is_some_and(|g| {
            !name.is_empty() && g.matched_path_or_any_parents(name, false).is_ignore()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gitignore_syntax() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "drafts/\n*.md\n!keep.md\n").unwrap();
        let (ig, problems) = Ignore::load(dir.path());
        assert!(problems.is_empty(), "{problems:?}");
        assert!(ig.ignored("drafts/a.txt"));
        assert!(ig.ignored("x/notes.md"));
        assert!(!ig.ignored("keep.md"));
        assert!(!ig.ignored("a.txt"));
        assert!(!Ignore::default().ignored("a.txt"));
    }
}
