//! Files in, [`Article`]s out: plain text, Markdown, HTML and JSON, with
//! page furniture left out and bad input reported, never fatal.

use std::path::{Path, PathBuf};

use crate::config::Scenario;
use crate::model::Article;

/// Why a file was skipped or read with loss. Never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Reads articles according to a scenario's boilerplate rules.
pub struct Reader {
    _todo: (),
}

impl Reader {
    pub fn new(_scenario: &Scenario) -> Reader {
        Reader { _todo: () }
    }

    /// Whether a file name is an article at all (by extension; hidden, temp
    /// and editor swap files are not).
    pub fn is_article_name(_name: &str) -> bool {
        todo!()
    }

    /// Read one file. `name` is its path relative to the feeds folder.
    /// `Ok(None)` means not an article (ignored silently); `Err` is a
    /// warning (unreadable, binary, empty, too large...).
    pub fn read(&self, _path: &Path, _name: &str) -> Result<Option<(Article, Vec<Warning>)>, Warning> {
        todo!()
    }

    /// Every article in `dir`, in file-name order, each content once.
    pub fn scan(&self, _dir: &Path) -> std::io::Result<(Vec<Article>, Vec<Warning>)> {
        todo!()
    }
}
