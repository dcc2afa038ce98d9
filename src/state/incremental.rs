//! The fold kept current as articles come and go, at a cost in proportion
//! to what an article touches rather than to the size of the store.
//!
//! Each sentence changes each of its subjects (a capital, a country, the
//! tally) on its own, from where that subject stood (see
//! [`State::apply_sentence`]). So a subject can be folded alone, over the
//! sentences that mention it, with the very transition the full fold
//! uses: [`fold_article`] hands each such sentence whole to
//! [`State::apply_sentence`] and keeps what it did to that subject. The
//! subjects' events are merged into one log in fold order.
//!
//! An article that sorts after everything a subject has seen (feeds add
//! new files) continues that subject from where it stood; an edit or
//! removal of the subject's newest article starts again from just before
//! it; anything else folds the subject again from the start. Subjects an
//! article does not mention are not looked at. [`Incremental::state`] is
//! what [`State::fold`] gives for the same articles in file-name order:
//! `tests/incremental.rs` checks it on random histories.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;
use std::sync::Arc;

use imbl::Vector;
use rayon::prelude::*;

use crate::model::{Evidence, Observation};

use super::fold::{same_sentence, subject_of};
use super::{CapitalState, Citations, Deployment, Event, State, Subject};

/// Where an article's event sits in the fold: its article, the sentence
/// (its index among the article's sentences), and the subject's place
/// among the sentence's subjects. The log is in key order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub article: Arc<str>,
    pub step: u32,
    pub order: u16,
}

/// An event with where it sits.
type Keyed = (Key, Event);

/// A subject's events that went and that came when it was folded again.
type Differences = (Vec<Keyed>, Vec<Keyed>);

/// Where a batch touched a subject: the first article that changed, and
/// the subject's last article before the batch.
type Touch = (Arc<str>, Option<Arc<str>>);

/// What one batch did to the event log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Delta {
    /// Events taken out, with their seq in the log before, in log order.
    pub retracted: Vec<(usize, Event)>,
    /// Events put in, with their seq in the log after, in log order.
    pub added: Vec<(usize, Event)>,
}

impl Delta {
    pub fn is_empty(&self) -> bool {
        self.retracted.is_empty() && self.added.is_empty()
    }
}

/// One subject's part of the state.
#[derive(Debug, Clone)]
enum Record {
    Capital(CapitalState),
    Country(Option<Deployment>),
    Tally(Option<u32>, Option<Evidence>),
}

fn record(st: &State, s: Subject) -> Record {
    match s {
        Subject::Capital(p) => Record::Capital(st.capitals[p as usize].clone()),
        Subject::Country(c) => Record::Country(st.deployments.get(&c).cloned()),
        Subject::Tally => Record::Tally(st.reported_fallen, st.reported_evidence.clone()),
    }
}

fn put(st: &mut State, r: Record, s: Subject) {
    match (s, r) {
        (Subject::Capital(p), Record::Capital(c)) => st.capitals[p as usize] = c,
        (Subject::Country(c), Record::Country(Some(d))) => {
            st.deployments.insert(c, d);
        }
        (Subject::Country(c), Record::Country(None)) => {
            st.deployments.remove(&c);
        }
        (Subject::Tally, Record::Tally(n, e)) => {
            st.reported_fallen = n;
            st.reported_evidence = e;
        }
        // Records are only ever put back under their own subject.
        _ => debug_assert!(false, "record of another kind of subject"),
    }
}

/// The subjects an article's observations are about.
fn subjects(obs: &[Observation]) -> BTreeSet<Subject> {
    obs.iter().map(|o| subject_of(&o.fact)).collect()
}

/// `s`'s place among a sentence's subjects, in order of first mention
/// (the order [`State::apply_sentence`] logs them in).
fn order_of(sentence: &[Observation], s: Subject) -> Option<u16> {
    let mut order = 0u16;
    for (i, o) in sentence.iter().enumerate() {
        let t = subject_of(&o.fact);
        if sentence[..i].iter().any(|p| subject_of(&p.fact) == t) {
            continue;
        }
        if t == s {
            return Some(order);
        }
        order = order.saturating_add(1);
    }
    None
}

fn evidence_mut(st: &mut State, s: Subject) -> Option<&mut Citations> {
    match s {
        Subject::Capital(p) => st.capitals.get_mut(p as usize).map(|c| &mut c.evidence),
        Subject::Country(c) => st.deployments.get_mut(&c).map(|d| &mut d.evidence),
        Subject::Tally => None,
    }
}

/// Take `s`'s evidence out of `st`, leaving a stand-in: the transition
/// then works on a short list.
fn detach(st: &mut State, s: Subject) -> Option<Citations> {
    evidence_mut(st, s).map(|ev| std::mem::replace(ev, Citations::stand_in()))
}

/// Put it back: in front of what the article cited, unless the article
/// started the list afresh.
fn attach(st: &mut State, s: Subject, earlier: Option<Citations>) {
    if let Some(ev) = evidence_mut(st, s) {
        ev.put_back(earlier);
    }
}

/// Fold the sentences of one article that mention `s` into `mini`, a
/// state where only `s` matters: every sentence goes whole through the
/// full fold's transition, the other subjects it touched are put back as
/// they start, and the events about `s` are pushed to `out` with their
/// keys.
fn fold_article(
    mini: &mut State,
    empty: &State,
    s: Subject,
    article: &Arc<str>,
    obs: &[Observation],
    out: &mut Vec<(Key, Event)>,
) {
    let mut step: Vec<&Observation> = Vec::new();
    let earlier = detach(mini, s);
    for (i, sentence) in obs.chunk_by(same_sentence).enumerate() {
        let Some(order) = order_of(sentence, s) else {
            continue;
        };
        step.clear();
        step.extend(sentence);
        mini.apply_sentence(&step);
        for e in mini.events.iter().filter(|e| e.change.subject() == s) {
            let key = Key {
                article: article.clone(),
                step: u32::try_from(i).unwrap_or(u32::MAX),
                order,
            };
            out.push((key, e.clone()));
        }
        mini.events.clear();
        for o in sentence {
            let t = subject_of(&o.fact);
            if t != s {
                put(mini, record(empty, t), t);
            }
        }
    }
    attach(mini, s, earlier);
}

/// One subject folded alone. Its articles are not listed: a list per
/// subject cost more than the observations (an article mentions several);
/// a fold from the start, or from the middle, reads the articles in order
/// and takes those that mention it.
struct Track {
    /// How many articles have a sentence about it.
    count: usize,
    /// The last of them.
    last: Option<Arc<str>>,
    /// Where it stands after its last article.
    tip: Record,
    /// Where it stood before its last article: an edit of the newest
    /// article (a live blog) starts from here.
    before_last: Option<Record>,
    /// Its events, in fold order.
    events: Vec<(Key, Event)>,
}

/// The fold of a changing set of articles, kept current.
pub struct Incremental {
    /// Where every subject starts.
    empty: State,
    /// Every article folded, with its observations, in fold order.
    articles: BTreeMap<Arc<str>, Arc<[Observation]>>,
    tracks: BTreeMap<Subject, Track>,
    /// The article events of every subject, in key order, and their keys.
    events: Vector<Event>,
    keys: Vector<Key>,
}

impl Incremental {
    /// From no article, every place held.
    pub fn new(places: usize) -> Incremental {
        Incremental::from_start(State::new(places))
    }

    /// From no article, every place where `start` has it (see
    /// [`super::start`]).
    pub fn from_start(start: State) -> Incremental {
        Incremental {
            empty: start,
            articles: BTreeMap::new(),
            tracks: BTreeMap::new(),
            events: Vector::new(),
            keys: Vector::new(),
        }
    }

    /// Rebuild the map of articles with full nodes (see
    /// [`super::Store::compact`]). Same contents.
    pub fn compact(&mut self) {
        self.articles = std::mem::take(&mut self.articles).into_iter().collect();
    }

    /// Articles folded.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The article events, oldest first.
    pub fn events(&self) -> &Vector<Event> {
        &self.events
    }

    /// Apply a batch: each named article now has these observations
    /// (`None`: it is no longer folded). Each subject the batch touches is
    /// folded again once, from the best place it can start.
    pub fn apply(
        &mut self,
        changes: impl IntoIterator<Item = (Arc<str>, Option<Arc<[Observation]>>)>,
    ) -> Delta {
        // Per subject: the first article that changed for it, and its last
        // article before the batch.
        let mut touched: BTreeMap<Subject, Touch> = BTreeMap::new();
        for (name, new) in changes {
            let old = match &new {
                Some(obs) => self.articles.insert(name.clone(), obs.clone()),
                None => self.articles.remove(&name),
            };
            match (&old, &new) {
                (Some(a), Some(b)) if Arc::ptr_eq(a, b) => continue,
                (None, None) => continue,
                _ => {}
            }
            let before = old.as_deref().map(subjects).unwrap_or_default();
            let after = new.as_deref().map(subjects).unwrap_or_default();
            for &s in before.union(&after) {
                let empty = &self.empty;
                let track = self.tracks.entry(s).or_insert_with(|| Track {
                    count: 0,
                    last: None,
                    tip: record(empty, s),
                    before_last: None,
                    events: Vec::new(),
                });
                // `last` is as before the batch until the subject is
                // folded again.
                let first = touched
                    .entry(s)
                    .or_insert_with(|| (name.clone(), track.last.clone()));
                if name < first.0 {
                    first.0 = name.clone();
                }
                match (before.contains(&s), after.contains(&s)) {
                    (false, true) => track.count += 1,
                    (true, false) => track.count -= 1,
                    _ => {}
                }
            }
        }
        let (removed, added) = self.refold_all(touched);
        self.splice(removed, added)
    }

    /// Fold the touched subjects again, each from the best place (see
    /// [`refold`]), side by side: they do not depend on each other.
    fn refold_all(&mut self, touched: BTreeMap<Subject, Touch>) -> Differences {
        let empty = &self.empty;
        let articles = &self.articles;
        let mut work: Vec<(&Subject, &mut Track, &Touch)> = self
            .tracks
            .iter_mut()
            .filter_map(|(s, t)| touched.get(s).map(|w| (s, t, w)))
            .collect();
        let diffs: Vec<Differences> = work
            .par_iter_mut()
            .map(|(s, t, (first, last))| refold(empty, articles, **s, t, first, last.clone()))
            .collect();
        self.tracks.retain(|_, t| t.count > 0);
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for (r, a) in diffs {
            removed.extend(r);
            added.extend(a);
        }
        (removed, added)
    }

    /// Take `removed` out of the log and put `added` in.
    fn splice(&mut self, mut removed: Vec<(Key, Event)>, mut added: Vec<(Key, Event)>) -> Delta {
        let old_keys = self.keys.clone();
        removed.sort_by(|a, b| a.0.cmp(&b.0));
        added.sort_by(|a, b| a.0.cmp(&b.0));
        let mut delta = Delta::default();
        for (k, e) in removed {
            if let Ok(i) = old_keys.binary_search(&k) {
                delta.retracted.push((i, e));
            }
            if let Ok(i) = self.keys.binary_search(&k) {
                self.keys.remove(i);
                self.events.remove(i);
            }
        }
        for (k, e) in &added {
            let i = self.keys.binary_search(k).unwrap_or_else(|i| i);
            self.keys.insert(i, k.clone());
            self.events.insert(i, e.clone());
        }
        for (k, e) in added {
            if let Ok(i) = self.keys.binary_search(&k) {
                delta.added.push((i, e));
            }
        }
        delta
    }

    /// The state, as [`State::fold`] of the same articles gives it.
    pub fn state(&self) -> State {
        let mut st = self.empty.clone();
        for (&s, t) in &self.tracks {
            let since = t
                .events
                .last()
                .and_then(|(k, _)| self.keys.binary_search(k).ok());
            let mut r = t.tip.clone();
            match &mut r {
                Record::Capital(c) => c.since = since,
                Record::Country(Some(d)) => d.since = since.unwrap_or_default(),
                _ => {}
            }
            put(&mut st, r, s);
        }
        st.events = self.events.clone();
        st
    }
}

/// Fold `s` again from the best place: after its last article when the
/// batch only added articles past it, before its last article when that
/// is the first one changed, else from the start. Returns its events
/// that went and came.
fn refold(
    empty: &State,
    all: &BTreeMap<Arc<str>, Arc<[Observation]>>,
    s: Subject,
    track: &mut Track,
    first: &Arc<str>,
    last: Option<Arc<str>>,
) -> Differences {
    let (from, record_at): (Bound<Arc<str>>, Record) = match &last {
        Some(last) if first > last => (
            Bound::Excluded(last.clone()),
            std::mem::replace(&mut track.tip, record(empty, s)),
        ),
        Some(last) if first == last && track.before_last.is_some() => {
            let before = track.before_last.take();
            (
                Bound::Included(last.clone()),
                before.unwrap_or_else(|| record(empty, s)),
            )
        }
        _ => (Bound::Unbounded, record(empty, s)),
    };
    let cut = match &from {
        Bound::Unbounded => 0,
        Bound::Excluded(a) => track.events.partition_point(|(k, _)| k.article <= *a),
        Bound::Included(a) => track.events.partition_point(|(k, _)| k.article < *a),
    };
    let old_tail = track.events.split_off(cut);
    let mentions = |obs: &[Observation]| obs.iter().any(|o| subject_of(&o.fact) == s);
    let mut mini = empty.clone();
    put(&mut mini, record_at, s);
    let mut new_tail = Vec::new();
    let mut folded: Option<(&Arc<str>, Record)> = None;
    for (name, obs) in all.range((from.clone(), Bound::Unbounded)) {
        if !mentions(obs) {
            continue;
        }
        folded = Some((name, record(&mini, s)));
        fold_article(&mut mini, empty, s, name, obs, &mut new_tail);
    }
    track.tip = record(&mini, s);
    match folded {
        Some((name, before)) => {
            track.last = Some(name.clone());
            track.before_last = Some(before);
        }
        None => match &from {
            // Nothing past its last article: that stays its last.
            Bound::Excluded(_) => {}
            // Its last article went and none came after: the one before
            // is its last now, and stands where it was kept standing.
            Bound::Included(a) => {
                track.before_last = None;
                track.last = all
                    .range::<Arc<str>, _>((Bound::Unbounded, Bound::Excluded(a)))
                    .rev()
                    .find(|(_, obs)| mentions(obs))
                    .map(|(n, _)| n.clone());
            }
            Bound::Unbounded => {
                track.before_last = None;
                track.last = None;
            }
        },
    }
    track.events.extend(new_tail.iter().cloned());
    let mut removed = Vec::new();
    let mut added = Vec::new();
    diff_sorted(old_tail, new_tail, &mut removed, &mut added);
    (removed, added)
}

/// The differences between two runs of events in key order: what only the
/// old one has, or has otherwise, is removed; what only the new one has,
/// or has otherwise, is added.
fn diff_sorted(
    old: Vec<(Key, Event)>,
    new: Vec<(Key, Event)>,
    removed: &mut Vec<(Key, Event)>,
    added: &mut Vec<(Key, Event)>,
) {
    let mut old = old.into_iter().peekable();
    let mut new = new.into_iter().peekable();
    loop {
        match (old.peek(), new.peek()) {
            (Some(a), Some(b)) => match a.0.cmp(&b.0) {
                std::cmp::Ordering::Less => removed.extend(old.next()),
                std::cmp::Ordering::Greater => added.extend(new.next()),
                std::cmp::Ordering::Equal => {
                    let (a, b) = (old.next(), new.next());
                    if let (Some(a), Some(b)) = (a, b) {
                        if a.1 != b.1 {
                            removed.push(a);
                            added.push(b);
                        }
                    }
                }
            },
            (Some(_), None) => removed.extend(old.next()),
            (None, Some(_)) => added.extend(new.next()),
            (None, None) => return,
        }
    }
}
