//! What the panes show, derived once per `Live` (not per frame) and shared
//! by every viewer of it: capitals in display order with the event that
//! set each, the fallen count over the event log, the changes behind every
//! item, and row identities that survive re-sorting. Names are resolved
//! here, from the scenario.
//!
//! Nothing here lists every event or article unless a viewer filters or
//! re-sorts those lists: the plain log and article list are [`Rows`]
//! computed from a position, and explanations show the newest
//! [`MAX_SHOWN`] changes and sentences.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, Weak};

use ratatui::text::Line;

use crate::live::{words, Live, Words};
use crate::model::{CountryId, Fact, Observation};
use crate::snapshot::EvidenceView;
use crate::state::{Change, Event, Standing, Subject};

use super::frames::Frames;
use super::Pane;

/// One selectable row. Ids are stable across updates ("c:Arden",
/// "e:12"), so a selection follows its item when rows move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    /// Index into `snapshot.capitals`.
    Capital(usize),
    /// Index into `snapshot.battles`.
    Battle(usize),
    /// Index into `snapshot.deployments`.
    Deployment(usize),
    /// Index into `events` (its seq).
    Event(usize),
    /// Index into `articles`.
    Article(usize),
}

/// How a list is ordered; `s` cycles through a pane's orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// The pane's own order: capitals by status, the log newest first,
    /// articles by file name.
    #[default]
    Natural,
    /// By name (capitals, deployments); the log oldest first; articles by
    /// time, newest first.
    Alternate,
    /// Capitals and deployments by the time of their last change, newest
    /// first.
    Recent,
}

impl Sort {
    pub fn next(self, pane: Pane) -> Sort {
        match (self, pane) {
            (Sort::Natural, _) => Sort::Alternate,
            (Sort::Alternate, Pane::Capitals | Pane::Deployments) => Sort::Recent,
            _ => Sort::Natural,
        }
    }

    /// Shown in the pane's title.
    pub fn label(self, pane: Pane) -> Option<&'static str> {
        match (self, pane) {
            (Sort::Natural, _) => None,
            (Sort::Alternate, Pane::Log) => Some("oldest first"),
            (Sort::Alternate, Pane::Articles) => Some("by time"),
            (Sort::Alternate, _) => Some("by name"),
            (Sort::Recent, _) => Some("by last change"),
        }
    }
}

/// The rows of a list pane, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    /// Listed one by one (small lists, filtered or re-sorted ones).
    Listed(Vec<Item>),
    /// The whole event log of `len` events, newest first or oldest first.
    Events { len: usize, newest_first: bool },
    /// Every article, in file-name order.
    Articles { len: usize },
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::Listed(v) => v.len(),
            Rows::Events { len, .. } | Rows::Articles { len } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The item on row `row`.
    pub fn get(&self, row: usize) -> Option<Item> {
        match *self {
            Rows::Listed(ref v) => v.get(row).copied(),
            Rows::Events { len, .. } if row >= len => None,
            Rows::Events { len, newest_first } => {
                Some(Item::Event(if newest_first { len - 1 - row } else { row }))
            }
            Rows::Articles { len } => (row < len).then_some(Item::Article(row)),
        }
    }

    /// The row of `item`.
    pub fn position(&self, item: Item) -> Option<usize> {
        match (self, item) {
            (Rows::Listed(v), _) => v.iter().position(|&i| i == item),
            (&Rows::Events { len, newest_first }, Item::Event(e)) if e < len => {
                Some(if newest_first { len - 1 - e } else { e })
            }
            (&Rows::Articles { len }, Item::Article(a)) if a < len => Some(a),
            _ => None,
        }
    }

    /// The items of rows `from..to`.
    pub fn window(&self, from: usize, to: usize) -> impl Iterator<Item = Item> + '_ {
        (from..to.min(self.len())).filter_map(|r| self.get(r))
    }

    pub fn iter(&self) -> impl Iterator<Item = Item> + '_ {
        self.window(0, self.len())
    }
}

/// At most this many changes, and this many other sentences, explain an
/// item: the newest. A capital that a month of articles mentions has
/// thousands; the counts say how many more there are.
pub const MAX_SHOWN: usize = 50;

/// An item's explanation, as far as it is shown.
#[derive(Debug, Clone, Default)]
pub struct Explained<'a> {
    pub whys: Vec<Why<'a>>,
    /// Changes about the item older than those shown.
    pub earlier_changes: usize,
    /// Sentences behind its current state older than those shown.
    pub earlier_sentences: usize,
}

/// One line of an item's explanation: a change with the sentence (or the
/// correction) behind it, or a sentence that supports the item without
/// changing it.
#[derive(Debug, Clone)]
pub struct Why<'a> {
    /// The change, with its seq.
    pub event: Option<(usize, &'a Event)>,
    pub evidence: Option<EvidenceView>,
    /// What the sentence said about the item, when known.
    pub fact: Option<Fact>,
}

pub struct View {
    pub live: Arc<Live>,
    /// Capitals in display order: fallen, claimed, contested, then held;
    /// the most recently changed first within each.
    pub capital_order: Vec<usize>,
    /// Per capital: the seq of the last event about it.
    pub capital_since: Vec<Option<usize>>,
    /// Per deployment: the seq of the last event about it.
    pub deployment_since: Vec<Option<usize>>,
    /// Per capital: seqs of every event about it, oldest first.
    pub capital_events: Vec<Vec<usize>>,
    /// Fallen capitals after each event (index = seq).
    pub fallen_timeline: Vec<u64>,
    country_events: HashMap<CountryId, Vec<usize>>,
    deployment_country: Vec<Option<CountryId>>,
    capital_by_name: HashMap<String, usize>,
    /// The widest subject name in the log, in columns.
    subject_width: usize,
    /// [`View::sources`] (and [`View::evidence_files`]) of the items
    /// asked about so far.
    sources: Mutex<HashMap<(Item, bool), (Stamp, usize)>>,
    /// The evidence pane's lines for an item at a width, in colour or not:
    /// every viewer selecting the same item at the same size shares them.
    evidence_lines: Mutex<HashMap<(Item, u16, bool), LinesFor>>,
    /// How many entries explain an item, shown or not.
    explained: Mutex<HashMap<Item, usize>>,
    /// The fallen timeline squeezed into a number of columns.
    columns: Mutex<HashMap<usize, Arc<Vec<u64>>>>,
    /// Whole frames drawn of this view, for every viewer in the same state.
    frames: Frames,
}

/// How many distinct names two lists hold. Evidence and events are in
/// fold order, so each list is sorted already and this is a merge; were
/// one not, it is sorted first.
fn distinct<'a>(a: impl Iterator<Item = &'a str>, b: impl Iterator<Item = &'a str>) -> usize {
    let runs = |it: &mut dyn Iterator<Item = &'a str>| -> Vec<&'a str> {
        let mut v: Vec<&'a str> = Vec::new();
        for f in it {
            if v.last() != Some(&f) {
                v.push(f);
            }
        }
        if !v.is_sorted() {
            v.sort_unstable();
            v.dedup();
        }
        v
    };
    let (mut a, mut b) = (a, b);
    let (a, b) = (runs(&mut a), runs(&mut b));
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() || j < b.len() {
        n += 1;
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), None) => i += 1,
            _ => j += 1,
        }
    }
    n
}

/// What an item's sources and evidence lines are made of: its sentences
/// (the same list, shared, when the item was not touched), its changes'
/// seqs and its name. Equal stamps, equal results: what a new state did
/// not touch is not worked out again.
#[derive(Clone)]
struct Stamp {
    cited: Option<imbl::Vector<crate::model::Evidence>>,
    history: Vec<usize>,
    label: String,
}

impl PartialEq for Stamp {
    fn eq(&self, other: &Stamp) -> bool {
        let cited = match (&self.cited, &other.cited) {
            (Some(a), Some(b)) => a.ptr_eq(b),
            (None, None) => true,
            _ => false,
        };
        cited && self.history == other.history && self.label == other.label
    }
}

type LinesFor = (Stamp, Arc<Vec<Line<'static>>>);

/// The view of the `Live` every session shows now, so that a hundred
/// viewers build it once.
static SHARED: Mutex<Option<(Weak<Live>, Weak<View>)>> = Mutex::new(None);

impl View {
    /// The view of `live`, shared with every other session showing it.
    pub fn shared(live: Arc<Live>) -> Arc<View> {
        let mut last = SHARED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((l, v)) = last.as_ref() {
            if let (Some(l), Some(v)) = (l.upgrade(), v.upgrade()) {
                if Arc::ptr_eq(&l, &live) {
                    return v;
                }
            }
        }
        let prev = last.as_ref().and_then(|(_, v)| v.upgrade());
        let view = View::new(live.clone());
        if let Some(prev) = prev {
            view.carry_over(&prev);
        }
        let view = Arc::new(view);
        *last = Some((Arc::downgrade(&live), Arc::downgrade(&view)));
        view
    }

    pub fn new(live: Arc<Live>) -> View {
        let snap = &live.snapshot;
        let capital_by_name: HashMap<String, usize> = snap
            .capitals
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.clone(), i))
            .collect();
        let mut capital_events = vec![Vec::new(); snap.capitals.len()];
        let mut country_events: HashMap<CountryId, Vec<usize>> = HashMap::new();
        let mut count = 0i64;
        let mut fallen_timeline = Vec::with_capacity(live.events.len());
        for (i, e) in live.events.iter().enumerate() {
            match e.change {
                Change::Capital {
                    place,
                    before,
                    after,
                } => {
                    if let Some(v) = capital_events.get_mut(place as usize) {
                        v.push(i);
                    }
                    count += i64::from(after.is_fallen()) - i64::from(before.is_fallen());
                }
                Change::Deployment { country, .. } => {
                    country_events.entry(country).or_default().push(i)
                }
                Change::Tally { .. } => {}
            }
            fallen_timeline.push(count.max(0) as u64);
        }
        let capital_since: Vec<Option<usize>> =
            capital_events.iter().map(|v| v.last().copied()).collect();
        let deployment_country: Vec<Option<CountryId>> = snap
            .deployments
            .iter()
            .map(|d| {
                live.scenario
                    .country_index(&d.country)
                    .map(|c| c as CountryId)
            })
            .collect();
        let deployment_since = deployment_country
            .iter()
            .map(|c| {
                c.and_then(|c| country_events.get(&c))
                    .and_then(|v| v.last().copied())
            })
            .collect();
        let mut capital_order: Vec<usize> = (0..snap.capitals.len()).collect();
        capital_order.sort_by(|&a, &b| {
            let (ca, cb) = (&snap.capitals[a], &snap.capitals[b]);
            ca.standing()
                .rank()
                .cmp(&cb.standing().rank())
                .then(capital_since[b].cmp(&capital_since[a]))
                .then(ca.name.cmp(&cb.name))
        });
        let width = |s: &str| crate::ui::text::width(s);
        let subject_width = capital_events
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_empty())
            .filter_map(|(i, _)| live.scenario.places.get(i).map(|p| width(&p.name)))
            .chain(
                country_events
                    .keys()
                    .filter_map(|&c| live.scenario.countries.get(c as usize))
                    .map(|c| width(&c.name)),
            )
            .chain(
                live.events
                    .iter()
                    .any(|e| matches!(e.change, Change::Tally { .. }))
                    .then(|| {
                        let tally = Change::Tally {
                            before: None,
                            after: 0,
                        };
                        width(&words(&live.scenario, &tally).subject)
                    }),
            )
            .max()
            .unwrap_or(0);
        View {
            capital_order,
            capital_since,
            deployment_since,
            capital_events,
            fallen_timeline,
            capital_by_name,
            country_events,
            deployment_country,
            subject_width,
            sources: Mutex::new(HashMap::new()),
            evidence_lines: Mutex::new(HashMap::new()),
            explained: Mutex::new(HashMap::new()),
            columns: Mutex::new(HashMap::new()),
            frames: Frames::default(),
            live,
        }
    }

    /// The frames drawn of this view (see [`frames`](super::frames)).
    pub fn frames(&self) -> &Frames {
        &self.frames
    }

    pub fn capital_index(&self, name: &str) -> Option<usize> {
        self.capital_by_name.get(name).copied()
    }

    /// The event's change in words.
    pub fn words(&self, seq: usize) -> Words {
        match self.live.events.get(seq) {
            Some(e) => words(&self.live.scenario, &e.change),
            None => Words {
                kind: "",
                subject: String::new(),
                before: String::new(),
                after: String::new(),
            },
        }
    }

    /// The longest article name, in characters.
    pub fn name_width(&self) -> usize {
        self.live.name_width
    }

    /// The widest subject name of the log's events, in columns.
    pub fn subject_width(&self) -> usize {
        self.subject_width
    }

    /// The index in `articles` of the article named `file`.
    pub fn article_index(&self, file: &str) -> Option<usize> {
        self.live.article_index(file)
    }

    /// The time of the article behind an event, for display.
    pub fn event_time(&self, e: &Event) -> Option<String> {
        match e.evidence() {
            Some(ev) => self
                .article_index(&ev.file)
                .and_then(|i| self.live.articles[i].time())
                .map(|t| t.short()),
            None => e
                .correction()
                .map(|c| c.at.format("%b %d %H:%M").to_string()),
        }
    }

    /// The rows of a list pane, in display order, narrowed by `filter`
    /// (case-insensitive words, all of which must appear in what the row
    /// shows; file names only for articles). The map lists every capital;
    /// the evidence pane has no rows.
    pub fn rows(&self, pane: Pane, filter: &str, sort: Sort) -> Rows {
        let plain = filter.split_whitespace().next().is_none();
        match pane {
            Pane::Log if plain => {
                return Rows::Events {
                    len: self.live.events.len(),
                    newest_first: sort != Sort::Alternate,
                }
            }
            Pane::Articles if plain && sort == Sort::Natural => {
                return Rows::Articles {
                    len: self.live.articles.len(),
                }
            }
            _ => {}
        }
        Rows::Listed(self.items(pane, filter, sort))
    }

    /// [`View::rows`], listed.
    pub fn items(&self, pane: Pane, filter: &str, sort: Sort) -> Vec<Item> {
        let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
        let snap = &self.live.snapshot;
        let mut all: Vec<Item> = match pane {
            Pane::Capitals => self
                .capital_order
                .iter()
                .map(|&i| Item::Capital(i))
                .collect(),
            Pane::Map => (0..snap.capitals.len()).map(Item::Capital).collect(),
            Pane::Battles => (0..snap.battles.len()).map(Item::Battle).collect(),
            Pane::Deployments => (0..snap.deployments.len()).map(Item::Deployment).collect(),
            Pane::Log => (0..self.live.events.len()).rev().map(Item::Event).collect(),
            Pane::Articles => (0..self.live.articles.len()).map(Item::Article).collect(),
            Pane::Evidence => Vec::new(),
        };
        self.sort(&mut all, pane, sort);
        if words.is_empty() || pane == Pane::Map {
            return all;
        }
        all.into_iter()
            .filter(|&i| {
                let hay = self.haystack(i).to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect()
    }

    fn sort(&self, items: &mut [Item], pane: Pane, sort: Sort) {
        let snap = &self.live.snapshot;
        let since = |i: &Item| match *i {
            Item::Capital(c) => self.capital_since[c],
            Item::Deployment(d) => self.deployment_since[d],
            _ => None,
        };
        match (sort, pane) {
            (Sort::Natural, _) => {}
            (Sort::Alternate, Pane::Log) => items.reverse(),
            (Sort::Alternate, Pane::Articles) => items.sort_by_key(|i| match *i {
                Item::Article(a) => std::cmp::Reverse(self.live.articles[a].time().map(|t| t.at)),
                _ => std::cmp::Reverse(None),
            }),
            (Sort::Alternate, _) => items.sort_by_key(|i| match *i {
                Item::Capital(c) => snap.capitals[c].name.clone(),
                Item::Deployment(d) => snap.deployments[d].country.clone(),
                _ => String::new(),
            }),
            (Sort::Recent, _) => items.sort_by_key(|i| std::cmp::Reverse(since(i))),
        }
    }

    /// The text a filter searches for an item: what its row shows.
    fn haystack(&self, item: Item) -> String {
        let snap = &self.live.snapshot;
        match item {
            Item::Capital(i) => {
                let c = &snap.capitals[i];
                let st = c.standing();
                // A claimed fall is found by "fallen" and by "claimed".
                format!(
                    "{} {} {} {} {}",
                    c.name,
                    c.province,
                    st.word(),
                    st.status_word(),
                    c.controller.as_deref().unwrap_or("")
                )
            }
            Item::Battle(i) => {
                let b = &snap.battles[i];
                format!("{} {}", b.location, b.status)
            }
            Item::Deployment(i) => {
                let d = &snap.deployments[i];
                format!(
                    "{} {}",
                    d.country,
                    d.troops
                        .map_or_else(|| "deployed".to_string(), |t| t.to_string())
                )
            }
            Item::Event(i) => {
                let w = self.words(i);
                format!("#{i} {} {} {} {}", w.kind, w.subject, w.before, w.after)
            }
            Item::Article(i) => {
                let a = &self.live.articles[i];
                format!("{} {}", a.name(), a.headline().unwrap_or(""))
            }
        }
    }

    /// The row of the item with id `id` (see [`View::id`]).
    pub fn row_of(&self, rows: &Rows, id: &str) -> Option<usize> {
        match rows {
            Rows::Events { .. } => rows.position(Item::Event(id.strip_prefix("e:")?.parse().ok()?)),
            Rows::Articles { .. } => {
                rows.position(Item::Article(self.article_index(id.strip_prefix("a:")?)?))
            }
            Rows::Listed(v) => v.iter().position(|&i| self.id(i) == id),
        }
    }

    /// A stable id for selections and seen-marks.
    pub fn id(&self, item: Item) -> String {
        let snap = &self.live.snapshot;
        match item {
            Item::Capital(i) => format!("c:{}", snap.capitals[i].name),
            Item::Battle(i) => format!("b:{}", snap.battles[i].location),
            Item::Deployment(i) => format!("d:{}", snap.deployments[i].country),
            Item::Event(i) => format!("e:{i}"),
            Item::Article(i) => format!("a:{}", self.live.articles[i].name()),
        }
    }

    /// The seq of the last event about an item: it is "new" to a viewer
    /// until they have seen this version.
    pub fn version(&self, item: Item) -> Option<usize> {
        let snap = &self.live.snapshot;
        match item {
            Item::Capital(i) => self.capital_since[i],
            Item::Battle(i) => self
                .capital_index(&snap.battles[i].location)
                .and_then(|c| self.capital_since[c]),
            Item::Deployment(i) => self.deployment_since[i],
            Item::Event(i) => Some(i),
            Item::Article(_) => None,
        }
    }

    fn subject(&self, item: Item) -> Option<Subject> {
        let snap = &self.live.snapshot;
        match item {
            Item::Capital(i) => Some(Subject::Capital(i as u16)),
            Item::Battle(i) => self
                .capital_index(&snap.battles[i].location)
                .map(|c| Subject::Capital(c as u16)),
            Item::Deployment(i) => self.deployment_country[i].map(Subject::Country),
            Item::Event(i) => Some(self.live.events[i].change.subject()),
            Item::Article(_) => None,
        }
    }

    /// What the sentence at `ev` said about `subject`, from its article's
    /// observations.
    fn fact_at(&self, ev: &EvidenceView, subject: Option<Subject>) -> Option<Fact> {
        let a = &self.live.articles[self.article_index(&ev.file)?];
        let about = |o: &&Observation| {
            o.evidence.range() == (ev.start..ev.end)
                && match (subject, o.fact) {
                    (Some(Subject::Capital(p)), f) => f.place() == Some(p),
                    (Some(Subject::Country(c)), Fact::Deploy { country, .. }) => c == country,
                    (Some(Subject::Tally), Fact::Tally { .. }) => true,
                    (None, _) => true,
                    _ => false,
                }
        };
        // The last one: the sentence's net effect.
        a.observations.iter().rev().find(about).map(|o| o.fact)
    }

    /// Why an item stands as it does: each change about it with its
    /// sentence, oldest first, then the other sentences behind its
    /// current state. Each sentence once; the newest [`MAX_SHOWN`] of
    /// each kind.
    pub fn explain<'a>(&'a self, item: Item) -> Explained<'a> {
        let snap = &self.live.snapshot;
        let subject = self.subject(item);
        let mut out = Explained::default();
        let mut seen: HashSet<(Arc<str>, usize, usize)> = HashSet::new();
        let mut first =
            |file: &Arc<str>, start: usize, end: usize| seen.insert((file.clone(), start, end));
        if let Item::Article(i) = item {
            let a = &self.live.articles[i];
            let events = self.article_events(a.name());
            for o in a.observations.iter() {
                let ev = &o.evidence;
                if !first(ev.file.arc(), ev.start() as usize, ev.end() as usize) {
                    continue;
                }
                let event = events
                    .iter()
                    .find(|(_, e)| e.evidence().is_some_and(|x| x.span() == ev.span()))
                    .copied();
                out.whys.push(Why {
                    event,
                    evidence: Some(EvidenceView::from(ev)),
                    fact: Some(o.fact),
                });
            }
            return out;
        }
        let history = self.history(item);
        out.earlier_changes = history.len().saturating_sub(MAX_SHOWN);
        for &(seq, e) in &history[out.earlier_changes..] {
            let ev = e.evidence().map(EvidenceView::from);
            if let Some(v) = &ev {
                if !first(&v.file, v.start, v.end) {
                    continue;
                }
            }
            let fact = ev.as_ref().and_then(|v| self.fact_at(v, subject));
            out.whys.push(Why {
                event: Some((seq, e)),
                evidence: ev,
                fact,
            });
        }
        let cited = match item {
            Item::Capital(i) => Some(&snap.capitals[i].evidence),
            Item::Battle(i) => Some(&snap.battles[i].evidence),
            Item::Deployment(i) => Some(&snap.deployments[i].evidence),
            _ => None,
        };
        if let Some(cited) = cited {
            let mut support = Vec::new();
            let mut scanned = 0;
            for e in cited.iter().rev() {
                if support.len() == MAX_SHOWN {
                    break;
                }
                scanned += 1;
                if first(e.file.arc(), e.start() as usize, e.end() as usize) {
                    support.push(e);
                }
            }
            out.earlier_sentences = cited.len() - scanned + cited.elided();
            for e in support.into_iter().rev() {
                let ev = cited.view(e);
                let fact = self.fact_at(&ev, subject);
                out.whys.push(Why {
                    event: None,
                    evidence: Some(ev),
                    fact,
                });
            }
        }
        out
    }

    /// The events an article made, with their seqs. The articles' events
    /// are in fold order, so an article's are together.
    fn article_events(&self, name: &str) -> Vec<(usize, &Event)> {
        let events = &self.live.events;
        let n = self.live.article_events.min(events.len());
        let file = |e: &Event| e.evidence().map(|v| v.file.clone());
        let start = events
            .binary_search_by(|e| match file(e) {
                Some(f) if *f < *name => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            })
            .unwrap_or_else(|i| i)
            .min(n);
        (start..n)
            .map(|i| (i, &events[i]))
            .take_while(|(_, e)| file(e).is_some_and(|f| *f == *name))
            .collect()
    }

    /// The events about an item, oldest first, with their seqs.
    pub fn history(&self, item: Item) -> Vec<(usize, &Event)> {
        let snap = &self.live.snapshot;
        let seqs: Vec<usize> = match item {
            Item::Capital(i) => self.capital_events[i].clone(),
            Item::Battle(i) => self
                .capital_index(&snap.battles[i].location)
                .map(|c| self.capital_events[c].clone())
                .unwrap_or_default(),
            Item::Deployment(i) => self.deployment_country[i]
                .and_then(|c| self.country_events.get(&c).cloned())
                .unwrap_or_default(),
            Item::Event(i) => vec![i],
            Item::Article(i) => return self.article_events(self.live.articles[i].name()),
        };
        seqs.iter().map(|&s| (s, &self.live.events[s])).collect()
    }

    fn stamp(&self, item: Item) -> Stamp {
        let snap = &self.live.snapshot;
        let cited = match item {
            Item::Capital(i) => snap.capitals.get(i).map(|c| c.evidence.list().clone()),
            Item::Battle(i) => snap.battles.get(i).map(|b| b.evidence.list().clone()),
            Item::Deployment(i) => snap.deployments.get(i).map(|d| d.evidence.list().clone()),
            _ => None,
        };
        let valid = match item {
            Item::Capital(i) => i < snap.capitals.len(),
            Item::Battle(i) => i < snap.battles.len(),
            Item::Deployment(i) => i < snap.deployments.len(),
            Item::Event(i) => i < self.live.events.len(),
            Item::Article(i) => i < self.live.articles.len(),
        };
        Stamp {
            cited,
            history: if valid {
                self.history(item).into_iter().map(|(s, _)| s).collect()
            } else {
                Vec::new()
            },
            label: if valid {
                self.label(item)
            } else {
                String::new()
            },
        }
    }

    /// Take over what `prev` worked out about items this state did not
    /// touch.
    fn carry_over(&self, prev: &View) {
        let mut stamps: HashMap<Item, Stamp> = HashMap::new();
        let mut stamp = |item: Item| {
            stamps
                .entry(item)
                .or_insert_with(|| self.stamp(item))
                .clone()
        };
        let old = prev
            .sources
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let mut sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        for ((item, changes), (was, n)) in old {
            let now = stamp(item);
            if now == was {
                sources.insert((item, changes), (now, n));
            }
        }
        drop(sources);
        let old = prev.lock_lines().clone();
        let mut lines = self.lock_lines();
        for (key, (was, l)) in old {
            let now = stamp(key.0);
            if now == was {
                lines.insert(key, (now, l));
            }
        }
    }

    /// The evidence pane's lines for `item` at `width` (`mono`: without
    /// colour), made by `make` the first time any viewer asks.
    pub fn evidence_lines(
        &self,
        item: Item,
        width: u16,
        mono: bool,
        make: impl FnOnce() -> Vec<Line<'static>>,
    ) -> Arc<Vec<Line<'static>>> {
        let key = (item, width, mono);
        if let Some((_, l)) = self.lock_lines().get(&key) {
            return l.clone();
        }
        // Made unlocked: the lines ask the view about the item.
        let lines = Arc::new(make());
        let stamp = self.stamp(item);
        self.lock_lines().insert(key, (stamp, lines.clone()));
        lines
    }

    fn lock_lines(&self) -> std::sync::MutexGuard<'_, HashMap<(Item, u16, bool), LinesFor>> {
        self.evidence_lines
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// How many entries explain `item`: those [`View::explain`] shows and
    /// those it leaves out.
    pub fn explained_len(&self, item: Item) -> usize {
        let mut cache = self.explained.lock().unwrap_or_else(|e| e.into_inner());
        *cache.entry(item).or_insert_with(|| {
            let e = self.explain(item);
            e.whys.len() + e.earlier_changes + e.earlier_sentences
        })
    }

    /// The fallen timeline in `w` columns: each event stretched over the
    /// width, or the highest value of each slice of the log when there are
    /// more events than columns.
    pub fn timeline_columns(&self, w: usize) -> Arc<Vec<u64>> {
        let w = w.max(1);
        let mut cache = self.columns.lock().unwrap_or_else(|e| e.into_inner());
        let series = &self.fallen_timeline;
        cache
            .entry(w)
            .or_insert_with(|| {
                Arc::new(if series.is_empty() {
                    Vec::new()
                } else if series.len() <= w {
                    (0..w).map(|i| series[i * series.len() / w]).collect()
                } else {
                    (0..w)
                        .map(|i| {
                            let a = i * series.len() / w;
                            let b = ((i + 1) * series.len() / w).max(a + 1);
                            series[a..b].iter().copied().max().unwrap_or(0)
                        })
                        .collect()
                })
            })
            .clone()
    }

    /// Distinct files behind an item: its changes' and its sentences'.
    /// Worked out once per item for every viewer of this view.
    pub fn sources(&self, item: Item) -> usize {
        self.count_files(item, true)
    }

    /// Distinct files of the sentences behind an item's current state.
    pub fn evidence_files(&self, item: Item) -> usize {
        self.count_files(item, false)
    }

    fn count_files(&self, item: Item, changes_too: bool) -> usize {
        if let Some((_, n)) = self
            .sources
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&(item, changes_too))
        {
            return *n;
        }
        let snap = &self.live.snapshot;
        let cited = match item {
            Item::Capital(i) => Some(&snap.capitals[i].evidence),
            Item::Battle(i) => Some(&snap.battles[i].evidence),
            Item::Deployment(i) => Some(&snap.deployments[i].evidence),
            _ => None,
        };
        let history = if changes_too {
            self.history(item)
        } else {
            Vec::new()
        };
        let a = history
            .iter()
            .filter_map(|(_, e)| e.evidence())
            .map(|v| &*v.file);
        let b = cited.into_iter().flat_map(|c| c.iter()).map(|e| &*e.file);
        let n = distinct(a, b);
        let stamp = self.stamp(item);
        self.sources
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((item, changes_too), (stamp, n));
        n
    }

    /// A one-line name for an item (popup and evidence titles).
    pub fn label(&self, item: Item) -> String {
        let snap = &self.live.snapshot;
        match item {
            Item::Capital(i) => {
                let c = &snap.capitals[i];
                format!("{} ({})", c.name, c.province)
            }
            Item::Battle(i) => format!("Battle for {}", snap.battles[i].location),
            Item::Deployment(i) => format!("{} deployment", snap.deployments[i].country),
            Item::Event(i) => format!("#{i} {}", self.words(i).subject),
            Item::Article(i) => self.live.articles[i].name().to_string(),
        }
    }

    /// The name to highlight in an item's sentences.
    pub fn subject_name(&self, item: Item) -> Option<String> {
        let snap = &self.live.snapshot;
        Some(match item {
            Item::Capital(i) => snap.capitals[i].name.clone(),
            Item::Battle(i) => snap.battles[i].location.clone(),
            Item::Deployment(i) => snap.deployments[i].country.clone(),
            Item::Event(i) => match self.live.events[i].change {
                Change::Tally { .. } => return None,
                _ => self.words(i).subject,
            },
            Item::Article(_) => return None,
        })
    }

    /// The words that name an item's subject in a sentence: a capital's
    /// names (and "capital" for the national one), a country's.
    pub fn mention_words(&self, item: Item) -> Vec<String> {
        let sc = &self.live.scenario;
        match self.subject(item) {
            Some(Subject::Capital(p)) => {
                let Some(pl) = sc.places.get(p as usize) else {
                    return Vec::new();
                };
                let mut v = vec![pl.name.clone()];
                v.extend(pl.aliases.iter().cloned());
                if pl.national_capital {
                    v.push("capital".to_string());
                }
                v
            }
            Some(Subject::Country(c)) => {
                let Some(co) = sc.countries.get(c as usize) else {
                    return Vec::new();
                };
                let mut v = vec![co.name.clone()];
                v.extend(co.aliases.iter().cloned());
                v.extend(co.demonyms.iter().cloned());
                v.extend(co.metonyms.iter().cloned());
                v
            }
            _ => Vec::new(),
        }
    }

    /// Troops announced across deployments with a figure.
    pub fn troops(&self) -> u64 {
        self.live
            .snapshot
            .deployments
            .iter()
            .filter_map(|d| d.troops.map(u64::from))
            .sum()
    }

    /// The standing of a capital item.
    pub fn standing(&self, i: usize) -> Standing {
        self.live.snapshot.capitals[i].standing()
    }
}
