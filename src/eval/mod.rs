//! Scoring against a labelled corpus (`gold.json`), exactly as
//! `shared/eval/score.py` does: same categories, same name normalisation,
//! same figures, same text.
//!
//! `score.py` copies each checkpoint's prefix of articles into a fresh
//! folder and runs `sitmon snapshot` on it. [`evaluate`] gets the same
//! snapshots without the copies: it reads every listed article once, adds
//! the prefix to a [`crate::state::Store`] (which folds in file-name order,
//! as a folder scan would) and takes a snapshot at each checkpoint.

mod gold;
mod names;
mod score;

use std::path::PathBuf;

pub use gold::{Checkpoint, Gold};
pub use names::Names;
pub use score::{evaluate, Category, CheckpointResult, Mismatch, Report, CATEGORIES};

/// Why a corpus could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    // The cause is the error's source: `{:#}` prints it once, after this.
    #[error("{}: cannot be read", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not a valid gold file", path.display())]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}
