use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Scenario;
use crate::explain::Explain;
use crate::extract::Extractor;
use crate::model::{Article, Fact, Observation, Troops};

use super::State;

/// One article and what was extracted from it, shared with every `Live`
/// that shows it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub article: Arc<Article>,
    pub observations: Arc<[Observation]>,
    /// Figures not taken as counts, and why.
    pub warnings: Vec<String>,
}

/// What [`Store::upsert`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upsert {
    Added,
    Replaced,
    /// Same name, same content: nothing to do.
    Unchanged,
    /// Same content as another name, which is the one that counts.
    Duplicate {
        of: Arc<str>,
    },
}

/// Every article by file name, with its observations. The state is the fold
/// of their observations in file-name order, so replacing or removing an
/// article is exact: its observations are simply no longer folded.
pub struct Store {
    scenario: Arc<Scenario>,
    extractor: Extractor,
    explain: Arc<Explain>,
    entries: BTreeMap<Arc<str>, Entry>,
    /// Names holding each content, so duplicates are found without a scan.
    by_hash: HashMap<[u8; 32], BTreeSet<Arc<str>>>,
}

impl Store {
    pub fn new(scenario: Arc<Scenario>) -> Store {
        let extractor = Extractor::new(&scenario);
        Store {
            explain: Arc::new(Explain::new(&scenario)),
            scenario,
            extractor,
            entries: BTreeMap::new(),
            by_hash: HashMap::new(),
        }
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// The scenario's words for explaining evidence.
    pub fn explain(&self) -> &Arc<Explain> {
        &self.explain
    }

    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// Add or replace an article, extracting its observations.
    pub fn upsert(&mut self, article: Article) -> Upsert {
        if let Some(e) = self.entries.get(&article.name) {
            if e.article.hash == article.hash {
                return Upsert::Unchanged;
            }
        }
        let entry = self.extract(article);
        self.insert_extracted(entry)
    }

    /// Extract many articles in parallel, then insert them.
    pub fn upsert_all(&mut self, articles: Vec<Article>) {
        let entries: Vec<Entry> = articles
            .into_par_iter()
            .map(|article| self.extract(article))
            .collect();
        for e in entries {
            self.insert_extracted(e);
        }
    }

    /// Extract an article's observations, keeping only plausible figures.
    fn extract(&self, article: Article) -> Entry {
        let mut observations = self.extractor.extract(&article);
        let warnings = plausible(&mut observations, &self.scenario);
        Entry {
            article: Arc::new(article),
            observations: observations.into(),
            warnings,
        }
    }

    fn insert_extracted(&mut self, entry: Entry) -> Upsert {
        let name = entry.article.name.clone();
        let hash = entry.article.hash;
        let dup = self
            .by_hash
            .get(&hash)
            .and_then(|names| names.iter().find(|n| **n != name).cloned());
        let old = self.entries.insert(name.clone(), entry);
        let replaced = old.is_some();
        if let Some(old) = old {
            self.unindex(&old.article.hash, &name);
        }
        self.by_hash.entry(hash).or_default().insert(name.clone());
        match dup {
            Some(other) if other < name => Upsert::Duplicate { of: other },
            _ if replaced => Upsert::Replaced,
            _ => Upsert::Added,
        }
    }

    /// Retract an article. Returns whether it was there.
    pub fn remove(&mut self, name: &str) -> bool {
        match self.entries.remove(name) {
            Some(old) => {
                self.unindex(&old.article.hash, name);
                true
            }
            None => false,
        }
    }

    fn unindex(&mut self, hash: &[u8; 32], name: &str) {
        if let Some(names) = self.by_hash.get_mut(hash) {
            names.remove(name);
            if names.is_empty() {
                self.by_hash.remove(hash);
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.entries.get(name)
    }

    /// Articles that count, in file-name order: the first of each content.
    pub fn counted(&self) -> impl Iterator<Item = &Entry> {
        let mut seen = HashSet::new();
        self.entries
            .values()
            .filter(move |e| seen.insert(e.article.hash))
    }

    pub fn len(&self) -> usize {
        self.counted().count()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The state: the ordered fold of every counted article's observations.
    pub fn state(&self) -> State {
        State::fold_from(
            super::start(&self.scenario),
            self.counted().flat_map(|e| e.observations.iter()),
        )
    }
}

/// Figures past the scenario's bounds are no count: a troop figure above
/// `figures.max_troops` leaves the deployment without a figure, a tally
/// above `total_capitals` is dropped. Returns a warning for each.
fn plausible(observations: &mut Vec<Observation>, scenario: &Scenario) -> Vec<String> {
    let max_troops = scenario.scenario.figures.max_troops;
    let total = scenario.scenario.total_capitals;
    let mut warnings = Vec::new();
    observations.retain_mut(|o| match &mut o.fact {
        Fact::Deploy { troops, .. } => {
            if let Troops::Total(n) | Troops::Additional(n) = *troops {
                if n > max_troops {
                    warnings.push(format!(
                        "troop figure {n} is above figures.max_troops ({max_troops}); not taken \
                         as a count: {:?}",
                        &*o.evidence.sentence
                    ));
                    *troops = Troops::Unspecified;
                }
            }
            true
        }
        Fact::Tally { count } if *count > total => {
            warnings.push(format!(
                "a tally of {count} is above total_capitals ({total}); not taken as a count: {:?}",
                &*o.evidence.sentence
            ));
            false
        }
        _ => true,
    });
    warnings
}
