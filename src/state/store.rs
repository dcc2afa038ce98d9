use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Bound;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Scenario;
use crate::explain::Explain;
use crate::extract::Extractor;
use crate::model::{
    Article, ArticleMeta, ArticleTime, ContentHash, Fact, Observation, Shared, Troops,
};

use super::State;

/// One article and what was extracted from it: one allocation, shared by
/// the store and every `Live` that shows it. Its text is not kept.
#[derive(Debug, Clone)]
pub struct Entry {
    pub article: ArticleMeta,
    pub observations: Arc<[Observation]>,
    /// Figures not taken as counts, and why.
    pub warnings: Box<[String]>,
}

impl Entry {
    pub fn name(&self) -> &Arc<str> {
        self.article.name.arc()
    }

    pub fn headline(&self) -> Option<&str> {
        self.article.headline_text()
    }

    pub fn time(&self) -> Option<ArticleTime> {
        self.article.time
    }
}

/// The names that hold one content, in name order. Almost always one:
/// the others, when there are any, in a slice that is empty otherwise.
#[derive(Debug)]
struct Copies {
    first: Shared,
    more: Box<[Shared]>,
}

impl Copies {
    fn insert(&mut self, name: Shared) {
        if name == self.first {
            return;
        }
        let name = if name < self.first {
            std::mem::replace(&mut self.first, name)
        } else {
            name
        };
        if let Err(i) = self.more.binary_search(&name) {
            let mut more = std::mem::take(&mut self.more).into_vec();
            more.insert(i, name);
            self.more = more.into();
        }
    }

    /// Take `name` out; false when none is left.
    fn remove(&mut self, name: &str) -> bool {
        let mut more = std::mem::take(&mut self.more).into_vec();
        if *self.first == *name {
            if more.is_empty() {
                return false;
            }
            self.first = more.remove(0);
        } else if let Ok(i) = more.binary_search_by(|n| (**n).cmp(name)) {
            more.remove(i);
        }
        self.more = more.into();
        true
    }
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
    entries: BTreeMap<Shared, Arc<Entry>>,
    /// Names holding each content: the first counts.
    by_hash: HashMap<ContentHash, Copies>,
    /// Evidence sentences and headlines, one copy of each: wire copy
    /// republished under many names says the same sentences.
    sentences: HashSet<Shared>,
    /// Sentences no longer cited since they were last swept.
    dropped: usize,
    /// Names whose counted observations may have changed since
    /// [`Store::take_dirty`] was last called.
    dirty: BTreeSet<Arc<str>>,
}

impl Store {
    pub fn new(scenario: Arc<Scenario>) -> Store {
        let extractor = Extractor::new(&scenario);
        Store {
            explain: Arc::new(Explain::new(scenario.clone())),
            scenario,
            extractor,
            entries: BTreeMap::new(),
            by_hash: HashMap::new(),
            sentences: HashSet::new(),
            dropped: 0,
            dirty: BTreeSet::new(),
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
        if let Some(e) = self.entries.get(&*article.name) {
            if e.article.hash == article.hash {
                return Upsert::Unchanged;
            }
        }
        let entry = self.extract(article);
        self.insert(entry)
    }

    /// Extract many articles in parallel, then insert them.
    pub fn upsert_all(&mut self, articles: Vec<Article>) {
        let entries: Vec<Entry> = articles
            .into_par_iter()
            .map(|article| self.extract(article))
            .collect();
        for e in entries {
            self.insert(e);
        }
    }

    /// Extract an article's observations, keeping only plausible figures,
    /// and let its text go. Takes `&self`: many run at once.
    /// A panic in the extractor (a bug, never the input's fault) costs
    /// this article its observations, with a warning, not the monitor.
    pub fn extract(&self, article: Article) -> Entry {
        EXTRACTING.with(|e| e.set(true));
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.extractor.extract(&article)
        }));
        EXTRACTING.with(|e| e.set(false));
        let (mut observations, failed) = match run {
            Ok(o) => (o, None),
            Err(p) => {
                let why = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                tracing::error!(article = %article.name, "extractor panicked: {why}");
                (Vec::new(), Some(format!("the extractor failed on this article (a bug, please report it: {why}); nothing is read from it until it changes")))
            }
        };
        let mut warnings = plausible(&mut observations, &self.scenario);
        warnings.extend(failed);
        Entry {
            article: article.meta(),
            observations: observations.into(),
            warnings: warnings.into(),
        }
    }

    /// Insert an extracted article (see [`Store::extract`]).
    pub fn insert(&mut self, entry: Entry) -> Upsert {
        let entry = self.settle(entry);
        let key = entry.article.name.clone();
        let name = key.arc().clone();
        let hash = entry.article.hash;
        let old = self.entries.insert(key.clone(), Arc::new(entry));
        let replaced = old.is_some();
        if let Some(old) = old {
            self.unindex(&old.article.hash, &name);
        }
        let copies = match self.by_hash.entry(hash) {
            std::collections::hash_map::Entry::Occupied(o) => {
                let c = o.into_mut();
                c.insert(key);
                c
            }
            std::collections::hash_map::Entry::Vacant(v) => v.insert(Copies {
                first: key,
                more: Box::default(),
            }),
        };
        // The name, and whichever of its copies counted or counts now.
        self.dirty.insert(copies.first.arc().clone());
        self.dirty
            .extend(copies.more.first().map(|n| n.arc().clone()));
        self.dirty.insert(name.clone());
        match &copies.first {
            first if **first != *name => Upsert::Duplicate {
                of: first.arc().clone(),
            },
            _ if replaced => Upsert::Replaced,
            _ => Upsert::Added,
        }
    }

    /// Copy what is kept of an article into memory of this thread (see
    /// [`settle`]), sharing its evidence sentences with the store's.
    pub fn settle(&mut self, entry: Entry) -> Entry {
        settle(entry, &mut self.sentences)
    }

    /// Retract an article. Returns whether it was there.
    pub fn remove(&mut self, name: &str) -> bool {
        match self.entries.remove(name) {
            Some(old) => {
                self.unindex(&old.article.hash, name);
                self.dirty.insert(old.name().clone());
                self.dropped +=
                    old.observations.len() + usize::from(old.article.headline.is_some());
                if self.dropped > self.sentences.len() {
                    // Now and then, forget sentences no article cites.
                    self.sentences.retain(|s| s.holders() > 1);
                    self.dropped = 0;
                }
                true
            }
            None => false,
        }
    }

    fn unindex(&mut self, key: &ContentHash, name: &str) {
        if let Some(copies) = self.by_hash.get_mut(key) {
            if copies.remove(name) {
                // The next copy counts now.
                self.dirty.insert(copies.first.arc().clone());
            } else {
                self.by_hash.remove(key);
            }
        }
    }

    /// Rebuild the index of names with full nodes. A map filled one
    /// name at a time in name order (a scan) leaves its nodes half
    /// empty; one built from a sorted run fills them. Same contents.
    pub fn compact(&mut self) {
        self.entries = std::mem::take(&mut self.entries).into_iter().collect();
    }

    pub fn get(&self, name: &str) -> Option<&Arc<Entry>> {
        self.entries.get(name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// Every name, duplicates included, in order.
    pub fn names(&self) -> impl Iterator<Item = &Arc<str>> {
        self.entries.keys().map(Shared::arc)
    }

    /// Every article, duplicates included, in name order.
    pub fn entries(&self) -> impl Iterator<Item = &Arc<Entry>> {
        self.entries.values()
    }

    /// The names inside folder `prefix` ("dir/"), duplicates included.
    pub fn names_under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a Arc<str>> {
        self.entries
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .map(|(n, _)| n.arc())
            .take_while(move |n| n.starts_with(prefix))
    }

    /// Whether `name` is there and counts: the first name of its content.
    pub fn is_counted(&self, name: &str) -> bool {
        self.entries.get(name).is_some_and(|e| {
            self.by_hash
                .get(&e.article.hash)
                .is_some_and(|c| *c.first == *name)
        })
    }

    /// The names whose counted observations may have changed since the
    /// last call, in order: what an incremental fold must look at again.
    pub fn take_dirty(&mut self) -> Vec<Arc<str>> {
        std::mem::take(&mut self.dirty).into_iter().collect()
    }

    /// Articles that count, in file-name order: the first of each content.
    pub fn counted(&self) -> impl Iterator<Item = &Arc<Entry>> {
        self.entries
            .iter()
            .filter(|(n, _)| self.is_counted(n))
            .map(|(_, e)| e)
    }

    pub fn len(&self) -> usize {
        self.by_hash.len()
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

/// Copy what is kept of an article into memory of this thread, with its
/// evidence sentences shared with every other article that has them (one
/// copy each in `sentences`). Extraction runs on worker threads, among the
/// texts it reads: what outlives it there would hold their memory pages.
pub fn settle(entry: Entry, sentences: &mut HashSet<Shared>) -> Entry {
    // The file name evidence cites is the article's own.
    let name = Shared::from(&*entry.article.name);
    let file = name.clone();
    let mut shared = |s: &Shared| -> Shared {
        if let Some(s) = sentences.get(&**s) {
            return s.clone();
        }
        let s = Shared::from(&**s);
        sentences.insert(s.clone());
        s
    };
    let article = ArticleMeta {
        name,
        headline: entry.article.headline.as_ref().map(&mut shared),
        ..entry.article
    };
    let observations: Vec<Observation> = entry
        .observations
        .iter()
        .map(|o| {
            let mut o = o.clone();
            o.evidence.file = file.clone();
            o.evidence.sentence = shared(&o.evidence.sentence);
            o
        })
        .collect();
    Entry {
        article,
        observations: observations.into(),
        warnings: entry.warnings.iter().map(|w| w.as_str().into()).collect(),
    }
}

thread_local! {
    static EXTRACTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is inside [`Store::extract`], whose panics are
/// caught and told as a warning: a panic hook stays quiet for them (no
/// message over the TUI, no terminal torn down).
pub fn extracting() -> bool {
    EXTRACTING.with(|e| e.get())
}

/// Keep the default panic message for every panic but the extractor's,
/// which [`Store::extract`] catches and logs.
pub fn quiet_extractor_panics() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !extracting() {
            hook(info);
        }
    }));
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
            if let Troops::Total(n) | Troops::Additional(n) | Troops::Present(n) = *troops {
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
