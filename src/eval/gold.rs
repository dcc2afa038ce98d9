//! `gold.json`: the labelled state after some articles (see
//! `shared/corpus/LABELING.md`).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use super::EvalError;

/// A corpus's labels: the article order and the state at each checkpoint.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Every article file, in reading order.
    pub order: Vec<String>,
    pub checkpoints: Vec<Checkpoint>,
}

/// The state after reading `order` up to and including `after`.
#[derive(Debug, Clone, Deserialize)]
pub struct Checkpoint {
    pub after: String,
    pub fallen: Vec<String>,
    #[serde(default)]
    pub claimed_only: Vec<String>,
    pub contested: Vec<String>,
    /// Country → troop figure, `None` when no number was given.
    pub deployments: BTreeMap<String, Option<u32>>,
    #[serde(default)]
    pub reported_fallen: Option<u32>,
}

impl Gold {
    /// Read and check `dir/gold.json`.
    pub fn load(dir: &Path) -> Result<Gold, EvalError> {
        let path = dir.join("gold.json");
        let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Io {
            path: path.clone(),
            source,
        })?;
        let gold: Gold = serde_json::from_str(&text).map_err(|source| EvalError::Json {
            path: path.clone(),
            source,
        })?;
        let invalid = |message: String| EvalError::Invalid {
            path: path.clone(),
            message,
        };
        let mut seen = HashSet::new();
        if let Some(dup) = gold.order.iter().find(|f| !seen.insert(f.as_str())) {
            return Err(invalid(format!("\"order\" lists {dup:?} twice")));
        }
        for cp in &gold.checkpoints {
            if !seen.contains(cp.after.as_str()) {
                return Err(invalid(format!(
                    "checkpoint after {:?}: that file is not in \"order\"",
                    cp.after
                )));
            }
        }
        Ok(gold)
    }

    /// How many files of `order` the checkpoint has read.
    pub fn prefix_len(&self, cp: &Checkpoint) -> usize {
        // `load` checked that every checkpoint names a listed file.
        self.order
            .iter()
            .position(|f| *f == cp.after)
            .map_or(0, |i| i + 1)
    }
}
