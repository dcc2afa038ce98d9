//! Publishing: the articles that changed in the store are folded into the
//! incremental fold, and a new `Live` is built from it by sharing
//! everything that did not change with the one before.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use chrono::{DateTime, Utc};
use imbl::Vector;

use crate::config::Scenario;
use crate::corrections::Corrections;
use crate::explain::Explain;
use crate::model::Observation;
use crate::snapshot::Snapshot;
use crate::state::{Delta, Event, Incremental, Store};

use super::{ArticleInfo, Changes, Limit, Live};

/// Builds each `Live` of one store from the last.
pub struct Publisher {
    scenario: Arc<Scenario>,
    explain: Arc<Explain>,
    fold: Incremental,
    /// Counted articles in name order.
    articles: Vector<ArticleInfo>,
    /// Sentences an analyst dismissed: the fold leaves them out.
    dismissed: HashSet<(Arc<str>, usize, usize)>,
    /// When the newest article arrived, and how many arrived then.
    newest: Newest,
    /// The lengths of their names, counted: the longest is last.
    names: BTreeMap<usize, usize>,
    /// The last published log and how many of it the articles made: the
    /// corrections' events are compared with it.
    last: Vector<Event>,
    last_article_events: usize,
}

impl Publisher {
    pub fn new(scenario: Arc<Scenario>, explain: Arc<Explain>) -> Publisher {
        Publisher {
            fold: Incremental::from_start(crate::state::start(&scenario)),
            scenario,
            explain,
            articles: Vector::new(),
            dismissed: HashSet::new(),
            newest: Newest::default(),
            names: BTreeMap::new(),
            last: Vector::new(),
            last_article_events: 0,
        }
    }

    /// Rebuild the fold's index of articles with full nodes, after a
    /// large batch (see [`Incremental::compact`]).
    pub fn compact(&mut self) {
        self.fold.compact();
    }

    /// The next `Live`: the articles named in `changed` (added, edited,
    /// removed, or counted or not now) folded in as the store has them,
    /// with `corrections` laid over.
    pub fn publish(
        &mut self,
        store: &Store,
        changed: Vec<Arc<str>>,
        corrections: Arc<Corrections>,
        seq: u64,
    ) -> Live {
        let dismissals = corrections.active(Some(DateTime::<Utc>::MIN_UTC));
        let mut names: BTreeSet<Arc<str>> = changed.into_iter().collect();
        if dismissals.dismissed != self.dismissed {
            let both = self.dismissed.symmetric_difference(&dismissals.dismissed);
            names.extend(both.map(|(file, _, _)| file.clone()));
            self.dismissed = dismissals.dismissed;
        }
        let mut batch = Vec::with_capacity(names.len());
        for name in names {
            let at = self.articles.binary_search_by(|a| (**a.name()).cmp(&*name));
            if let Ok(i) = at {
                let old = &self.articles[i].article;
                self.newest.forget(old.modified);
                forget(&mut self.names, Some(old.name.chars().count()));
            }
            match store.get(&name).filter(|_| store.is_counted(&name)) {
                Some(e) => {
                    self.newest.add(e.article.modified);
                    *self.names.entry(name.chars().count()).or_default() += 1;
                    match at {
                        Ok(i) => {
                            self.articles.set(i, e.clone());
                        }
                        Err(i) => self.articles.insert(i, e.clone()),
                    }
                    batch.push((name, Some(self.folded(&e.observations))));
                }
                None => {
                    if let Ok(i) = at {
                        self.articles.remove(i);
                        batch.push((name, None));
                    }
                }
            }
        }
        if self.newest.stale {
            self.newest = Newest::of(&self.articles);
        }
        let delta = self.fold.apply(batch);
        let mut state = self.fold.state();
        let article_events = state.events.len();
        let active = corrections.active(None);
        state.correct(&active.fixes);
        let snapshot = Snapshot::build(&self.scenario, &state, &self.articles, &active);
        let changes = self.changes(delta, article_events, &state.events);
        self.last = state.events.clone();
        self.last_article_events = article_events;
        Live {
            seq,
            scenario: self.scenario.clone(),
            explain: self.explain.clone(),
            snapshot,
            events: state.events,
            article_events,
            articles: self.articles.clone(),
            corrections,
            active,
            limit: Limit::Live,
            as_of: None,
            warnings: Vec::new(),
            published: Instant::now(),
            changes: Arc::new(changes),
            newest: self.newest.at.map(|(t, _)| t),
            texts: None,
            name_width: self.names.keys().next_back().copied().unwrap_or(0),
            all: self.articles.clone(),
        }
    }

    /// What the fold takes from an article: all but dismissed sentences.
    fn folded(&self, obs: &Arc<[Observation]>) -> Arc<[Observation]> {
        let dismissed = |o: &Observation| {
            let e = &o.evidence;
            self.dismissed
                .contains(&(e.file.arc().clone(), e.start() as usize, e.end() as usize))
        };
        if self.dismissed.is_empty() || !obs.iter().any(dismissed) {
            return obs.clone();
        }
        obs.iter().filter(|o| !dismissed(o)).cloned().collect()
    }

    /// The changes of the log: the fold's, and the corrections' events
    /// (few, after the articles') compared whole.
    fn changes(&self, delta: Delta, article_events: usize, new: &Vector<Event>) -> Changes {
        let mut out = delta.retracted;
        let mut into = delta.added;
        let tail = |v: &Vector<Event>, from: usize| -> Vec<(usize, Event)> {
            let rest = v.clone().split_off(from.min(v.len()));
            rest.into_iter()
                .enumerate()
                .map(|(i, e)| (from + i, e))
                .collect()
        };
        out.extend(tail(&self.last, self.last_article_events));
        into.extend(tail(new, article_events));
        Changes::matched(&out, &into, &self.last, new)
    }
}

/// When the newest article arrived, kept without a list of every
/// article's time: only taking the newest away (a delete, or an edit that
/// leaves it older) looks at every article again.
#[derive(Debug, Default)]
struct Newest {
    /// The newest time and how many articles have it.
    at: Option<(SystemTime, usize)>,
    /// The newest went: `at` may be later than any article's time.
    stale: bool,
}

impl Newest {
    fn of(articles: &Vector<ArticleInfo>) -> Newest {
        let mut n = Newest::default();
        for a in articles {
            n.add(a.article.modified);
        }
        n
    }

    fn add(&mut self, t: Option<SystemTime>) {
        let Some(t) = t else { return };
        match &mut self.at {
            Some((newest, n)) if t == *newest => *n += 1,
            Some((newest, _)) if t < *newest => {}
            _ => {
                // Later than any: whatever went before, this is the newest.
                self.at = Some((t, 1));
                self.stale = false;
            }
        }
    }

    fn forget(&mut self, t: Option<SystemTime>) {
        if let (Some(t), Some((newest, n))) = (t, &mut self.at) {
            if t == *newest {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    self.stale = true;
                }
            }
        }
    }
}

/// Take one `k` out of a count.
fn forget<K: Ord>(counts: &mut BTreeMap<K, usize>, k: Option<K>) {
    if let Some(k) = k {
        if let Some(n) = counts.get_mut(&k) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&k);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;
    use crate::model::{ArticleMeta, Format};
    use crate::state::Entry;

    fn entry(name: &str, secs: u64, hash: u8) -> Entry {
        Entry {
            article: ArticleMeta {
                name: name.into(),
                format: Format::Text,
                headline: None,
                time: None,
                modified: Some(UNIX_EPOCH + Duration::from_secs(secs)),
                hash: [hash; 16],
            },
            observations: Arc::from([]),
            warnings: Box::default(),
        }
    }

    #[test]
    fn newest_follows_adds_edits_and_deletes() {
        let scenario = Arc::new(Scenario::builtin());
        let mut store = Store::new(scenario.clone());
        let mut p = Publisher::new(scenario.clone(), Arc::new(Explain::new(scenario.clone())));
        let corrections = Arc::new(Corrections::default());
        let mut publish = |store: &mut Store| {
            let dirty = store.take_dirty();
            p.publish(store, dirty, corrections.clone(), 0).newest()
        };
        let at = |secs| Some(UNIX_EPOCH + Duration::from_secs(secs));
        for (name, secs, hash) in [("a", 1, 1), ("b", 3, 2), ("c", 2, 3), ("d", 3, 4)] {
            store.insert(entry(name, secs, hash));
        }
        assert_eq!(publish(&mut store), at(3));
        // One of the two newest goes: the other is still the newest.
        store.remove("b");
        assert_eq!(publish(&mut store), at(3));
        store.remove("d");
        assert_eq!(publish(&mut store), at(2));
        // An edit that leaves the newest article older.
        store.insert(entry("c", 0, 5));
        assert_eq!(publish(&mut store), at(1));
        store.insert(entry("e", 9, 6));
        assert_eq!(publish(&mut store), at(9));
        store.remove("a");
        store.remove("c");
        store.remove("e");
        assert_eq!(publish(&mut store), None);
    }
}
