//! What the panes show, derived once per `Live` (not per frame): capitals
//! in display order with the event that set each, the fallen count over the
//! event log, the changes behind every item, and row identities that
//! survive re-sorting. Names are resolved here, from the scenario.

use std::collections::HashMap;
use std::sync::Arc;

use crate::live::{words, Live, Words};
use crate::model::{CountryId, Fact, Observation};
use crate::snapshot::EvidenceView;
use crate::state::{Change, Event, Standing, Subject};

use super::Pane;

/// One selectable row. Ids are stable across updates ("c:Arden",
/// "e:12"), so a selection follows its item when rows move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// One line of an item's explanation: a change with the sentence (or the
/// correction) behind it, or a sentence that supports the item without
/// changing it.
#[derive(Debug, Clone)]
pub struct Why<'a> {
    pub event: Option<&'a Event>,
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
    article_by_name: HashMap<Arc<str>, usize>,
    words: Vec<Words>,
}

impl View {
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
        let article_by_name = live
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.name.clone(), i))
            .collect();
        let words = live
            .events
            .iter()
            .map(|e| words(&live.scenario, &e.change))
            .collect();
        View {
            capital_order,
            capital_since,
            deployment_since,
            capital_events,
            fallen_timeline,
            capital_by_name,
            country_events,
            deployment_country,
            article_by_name,
            words,
            live,
        }
    }

    pub fn capital_index(&self, name: &str) -> Option<usize> {
        self.capital_by_name.get(name).copied()
    }

    /// The event's change in words.
    pub fn words(&self, seq: usize) -> &Words {
        &self.words[seq]
    }

    /// The index in `articles` of the article named `file`.
    pub fn article_index(&self, file: &str) -> Option<usize> {
        self.article_by_name.get(file).copied()
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
                let w = &self.words[i];
                format!("#{i} {} {} {} {}", w.kind, w.subject, w.before, w.after)
            }
            Item::Article(i) => {
                let a = &self.live.articles[i];
                format!("{} {}", a.name, a.headline().unwrap_or(""))
            }
        }
    }

    /// A stable id for selections and seen-marks.
    pub fn id(&self, item: Item) -> String {
        let snap = &self.live.snapshot;
        match item {
            Item::Capital(i) => format!("c:{}", snap.capitals[i].name),
            Item::Battle(i) => format!("b:{}", snap.battles[i].location),
            Item::Deployment(i) => format!("d:{}", snap.deployments[i].country),
            Item::Event(i) => format!("e:{}", self.live.events[i].seq),
            Item::Article(i) => format!("a:{}", self.live.articles[i].name),
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
            o.evidence.span.start == ev.start
                && o.evidence.span.end == ev.end
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
    /// current state. Each sentence once.
    pub fn explain<'a>(&'a self, item: Item) -> Vec<Why<'a>> {
        let snap = &self.live.snapshot;
        let subject = self.subject(item);
        let mut out: Vec<Why<'a>> = Vec::new();
        let mut seen: Vec<(Arc<str>, usize, usize)> = Vec::new();
        let mut push =
            |out: &mut Vec<Why<'a>>, event: Option<&'a Event>, ev: Option<EvidenceView>, fact| {
                if let Some(e) = &ev {
                    let k = (e.file.clone(), e.start, e.end);
                    if seen.contains(&k) {
                        return;
                    }
                    seen.push(k);
                }
                out.push(Why {
                    event,
                    evidence: ev,
                    fact,
                });
            };
        if let Item::Article(i) = item {
            let a = &self.live.articles[i];
            for o in a.observations.iter() {
                let ev = EvidenceView::from(&o.evidence);
                let event = self.live.events.iter().find(|e| {
                    e.evidence()
                        .is_some_and(|x| x.span == o.evidence.span && x.file == o.evidence.file)
                });
                push(&mut out, event, Some(ev), Some(o.fact));
            }
            return out;
        }
        for e in self.history(item) {
            let ev = e.evidence().map(EvidenceView::from);
            let fact = ev.as_ref().and_then(|v| self.fact_at(v, subject));
            push(&mut out, Some(e), ev, fact);
        }
        let support: Vec<&EvidenceView> = match item {
            Item::Capital(i) => snap.capitals[i].evidence.iter().collect(),
            Item::Battle(i) => snap.battles[i].evidence.iter().collect(),
            Item::Deployment(i) => snap.deployments[i].evidence.iter().collect(),
            _ => Vec::new(),
        };
        for ev in support {
            let fact = self.fact_at(ev, subject);
            push(&mut out, None, Some(ev.clone()), fact);
        }
        out
    }

    /// The events about an item, oldest first.
    pub fn history(&self, item: Item) -> Vec<&Event> {
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
            Item::Article(i) => {
                let name = &self.live.articles[i].name;
                (0..self.live.events.len())
                    .filter(|&s| {
                        self.live.events[s]
                            .evidence()
                            .is_some_and(|e| e.file == *name)
                    })
                    .collect()
            }
        };
        seqs.iter().map(|&s| &self.live.events[s]).collect()
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
            Item::Event(i) => format!("#{i} {}", self.words[i].subject),
            Item::Article(i) => self.live.articles[i].name.to_string(),
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
                _ => self.words[i].subject.clone(),
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
