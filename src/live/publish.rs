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
    /// The articles' modification times, counted: the newest is last.
    arrived: BTreeMap<SystemTime, usize>,
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
            arrived: BTreeMap::new(),
            names: BTreeMap::new(),
            last: Vector::new(),
            last_article_events: 0,
        }
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
            let at = self.articles.binary_search_by(|a| (*a.name).cmp(&*name));
            if let Ok(i) = at {
                let old = self.articles[i].article.clone();
                forget(&mut self.arrived, old.modified);
                forget(&mut self.names, Some(old.name.chars().count()));
            }
            match store.get(&name).filter(|_| store.is_counted(&name)) {
                Some(e) => {
                    let info = ArticleInfo {
                        name: e.article.name.clone(),
                        article: e.article.clone(),
                        observations: e.observations.clone(),
                    };
                    if let Some(t) = e.article.modified {
                        *self.arrived.entry(t).or_default() += 1;
                    }
                    *self.names.entry(name.chars().count()).or_default() += 1;
                    match at {
                        Ok(i) => {
                            self.articles.set(i, info);
                        }
                        Err(i) => self.articles.insert(i, info),
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
            newest: self.arrived.keys().next_back().copied(),
            texts: None,
            name_width: self.names.keys().next_back().copied().unwrap_or(0),
            all: self.articles.clone(),
        }
    }

    /// What the fold takes from an article: all but dismissed sentences.
    fn folded(&self, obs: &Arc<[Observation]>) -> Arc<[Observation]> {
        let dismissed = |o: &Observation| {
            let e = &o.evidence;
            self.dismissed.contains(&(
                e.file.arc().clone(),
                e.span.start as usize,
                e.span.end as usize,
            ))
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
