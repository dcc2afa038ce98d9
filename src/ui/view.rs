//! What the panes show, derived once per `Live` (not per frame): capitals
//! in display order with the event that set each, the fallen count over the
//! event log, and row identities that survive re-sorting.

use std::collections::HashMap;
use std::sync::Arc;

use crate::live::{EventView, Live};
use crate::snapshot::{CapitalView, EvidenceView};
use crate::state::Status;

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

pub struct View {
    pub live: Arc<Live>,
    /// Capitals in display order: fallen, contested, then held; the most
    /// recently changed first within each.
    pub capital_order: Vec<usize>,
    /// Per capital: the seq of the last event about it.
    pub capital_since: Vec<Option<usize>>,
    /// Per deployment: the seq of the last event about it.
    pub deployment_since: Vec<Option<usize>>,
    /// Per capital: seqs of every event about it, oldest first.
    pub capital_events: Vec<Vec<usize>>,
    /// Fallen capitals after each event (index = seq).
    pub fallen_timeline: Vec<u64>,
    capital_by_name: HashMap<String, usize>,
    country_events: HashMap<String, Vec<usize>>,
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Fallen => 0,
        Status::Contested => 1,
        Status::Held => 2,
    }
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
        let mut country_events: HashMap<String, Vec<usize>> = HashMap::new();
        let mut fallen: HashMap<&str, bool> = HashMap::new();
        let mut count = 0i64;
        let mut fallen_timeline = Vec::with_capacity(live.events.len());
        for (i, e) in live.events.iter().enumerate() {
            match e.kind {
                "capital" | "confirmed" => {
                    if let Some(&c) = capital_by_name.get(&e.subject) {
                        capital_events[c].push(i);
                    }
                    let now = e.after.starts_with("fallen");
                    let was = fallen.insert(&e.subject, now).unwrap_or(false);
                    count += i64::from(now) - i64::from(was);
                }
                "deployment" => country_events.entry(e.subject.clone()).or_default().push(i),
                _ => {}
            }
            fallen_timeline.push(count.max(0) as u64);
        }
        let capital_since: Vec<Option<usize>> =
            capital_events.iter().map(|v| v.last().copied()).collect();
        let deployment_since = snap
            .deployments
            .iter()
            .map(|d| {
                country_events
                    .get(&d.country)
                    .and_then(|v| v.last().copied())
            })
            .collect();
        let mut capital_order: Vec<usize> = (0..snap.capitals.len()).collect();
        capital_order.sort_by(|&a, &b| {
            let (ca, cb) = (&snap.capitals[a], &snap.capitals[b]);
            status_rank(ca.status)
                .cmp(&status_rank(cb.status))
                .then(capital_since[b].cmp(&capital_since[a]))
                .then(ca.name.cmp(&cb.name))
        });
        View {
            capital_order,
            capital_since,
            deployment_since,
            capital_events,
            fallen_timeline,
            capital_by_name,
            country_events,
            live,
        }
    }

    pub fn capital_index(&self, name: &str) -> Option<usize> {
        self.capital_by_name.get(name).copied()
    }

    pub fn country_events(&self, country: &str) -> &[usize] {
        self.country_events.get(country).map_or(&[], Vec::as_slice)
    }

    /// The rows of a list pane, in display order, narrowed by `filter`
    /// (case-insensitive words, all of which must appear). The map lists
    /// every capital; the evidence pane has no rows.
    pub fn items(&self, pane: Pane, filter: &str) -> Vec<Item> {
        let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
        let keep = |item: &Item| words.is_empty() || self.matches(*item, &words);
        let snap = &self.live.snapshot;
        let all: Vec<Item> = match pane {
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
        if words.is_empty() || pane == Pane::Map {
            return all;
        }
        all.into_iter().filter(keep).collect()
    }

    fn matches(&self, item: Item, words: &[String]) -> bool {
        let hay = self.haystack(item).to_lowercase();
        words.iter().all(|w| hay.contains(w.as_str()))
    }

    /// The text a filter searches for an item.
    fn haystack(&self, item: Item) -> String {
        let snap = &self.live.snapshot;
        match item {
            Item::Capital(i) => {
                let c = &snap.capitals[i];
                // A claimed fall is found by "fallen" and by "claimed".
                let fallen = if c.status == Status::Fallen {
                    "fallen"
                } else {
                    ""
                };
                format!(
                    "{} {} {} {fallen} {}",
                    c.name,
                    c.province,
                    status_word(c),
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
                let e = &self.live.events[i];
                format!(
                    "#{} {} {} {} {} {}",
                    e.seq, e.kind, e.subject, e.before, e.after, e.evidence.file
                )
            }
            Item::Article(i) => {
                let a = &self.live.articles[i];
                format!("{} {}", a.name, a.headline.as_deref().unwrap_or(""))
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

    /// The evidence behind an item, oldest first.
    pub fn evidence(&self, item: Item) -> Vec<&EvidenceView> {
        let snap = &self.live.snapshot;
        match item {
            Item::Capital(i) => {
                let c = &snap.capitals[i];
                if c.evidence.is_empty() {
                    // Held capitals carry none in the snapshot; the events
                    // that made them held again (repelled, retaken) do.
                    self.capital_events[i]
                        .iter()
                        .map(|&s| &self.live.events[s].evidence)
                        .collect()
                } else {
                    c.evidence.iter().collect()
                }
            }
            Item::Battle(i) => snap.battles[i].evidence.iter().collect(),
            Item::Deployment(i) => snap.deployments[i].evidence.iter().collect(),
            Item::Event(i) => vec![&self.live.events[i].evidence],
            Item::Article(i) => {
                let name = &self.live.articles[i].name;
                let mut seen: Vec<(usize, usize)> = Vec::new();
                let mut out = Vec::new();
                for e in &self.live.events {
                    let ev = &e.evidence;
                    if ev.file == *name && !seen.contains(&(ev.start, ev.end)) {
                        seen.push((ev.start, ev.end));
                        out.push(ev);
                    }
                }
                out
            }
        }
    }

    /// The events about an item, oldest first.
    pub fn history(&self, item: Item) -> Vec<&EventView> {
        let snap = &self.live.snapshot;
        let seqs: Vec<usize> = match item {
            Item::Capital(i) => self.capital_events[i].clone(),
            Item::Battle(i) => self
                .capital_index(&snap.battles[i].location)
                .map(|c| self.capital_events[c].clone())
                .unwrap_or_default(),
            Item::Deployment(i) => self.country_events(&snap.deployments[i].country).to_vec(),
            Item::Event(i) => vec![i],
            Item::Article(i) => {
                let name = &self.live.articles[i].name;
                (0..self.live.events.len())
                    .filter(|&s| self.live.events[s].evidence.file == *name)
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
            Item::Event(i) => {
                let e = &self.live.events[i];
                format!("#{} {}", e.seq, e.subject)
            }
            Item::Article(i) => self.live.articles[i].name.to_string(),
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
}

/// "fallen", "fallen (claimed)", "contested", "held".
pub fn status_word(c: &CapitalView) -> &'static str {
    match (c.status, c.certainty) {
        (Status::Fallen, Some(crate::model::Certainty::Claimed)) => "claimed",
        (Status::Fallen, _) => "fallen",
        (Status::Contested, _) => "contested",
        (Status::Held, _) => "held",
    }
}
