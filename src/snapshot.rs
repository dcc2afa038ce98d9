//! The JSON view of the state (see `shared/eval/CONTRACT.md`), with the
//! evidence behind every non-held item.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::config::Scenario;
use crate::ingest::{Reader, Warning};
use crate::model::{Certainty, Evidence};
use crate::state::{State, Status, Store};

#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub scenario: String,
    pub articles: usize,
    pub capitals: Vec<CapitalView>,
    pub battles: Vec<BattleView>,
    pub deployments: Vec<DeploymentView>,
    pub reported_fallen: Option<u32>,
    pub reported_evidence: Option<EvidenceView>,
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub fallen: usize,
    pub claimed: usize,
    pub contested: usize,
    pub held: usize,
    pub total: usize,
    pub events: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CapitalView {
    pub name: String,
    pub province: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certainty: Option<Certainty>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub controller: Option<String>,
    pub lat: f64,
    pub lon: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BattleView {
    pub location: String,
    pub status: &'static str,
    pub evidence: Vec<EvidenceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeploymentView {
    pub country: String,
    pub troops: Option<u32>,
    pub evidence: Vec<EvidenceView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceView {
    pub file: Arc<str>,
    pub start: usize,
    pub end: usize,
    pub sentence: Arc<str>,
    pub rule: &'static str,
}

impl From<&Evidence> for EvidenceView {
    fn from(e: &Evidence) -> Self {
        EvidenceView {
            file: e.file.clone(),
            start: e.span.start,
            end: e.span.end,
            sentence: e.sentence.clone(),
            rule: e.rule,
        }
    }
}

fn views(ev: &[Evidence]) -> Vec<EvidenceView> {
    ev.iter().map(EvidenceView::from).collect()
}

impl Snapshot {
    pub fn of(store: &Store) -> Snapshot {
        Snapshot::from_state(store, &store.state())
    }

    /// The snapshot of `state`, already folded from `store`.
    pub fn from_state(store: &Store, state: &State) -> Snapshot {
        let scenario = store.scenario();
        let mut capitals = Vec::with_capacity(scenario.places.len());
        let mut battles = Vec::new();
        for (p, c) in scenario.places.iter().zip(&state.capitals) {
            let fallen = c.status == Status::Fallen;
            if c.status == Status::Contested {
                battles.push(BattleView {
                    location: p.name.clone(),
                    status: "ongoing",
                    evidence: views(&c.evidence),
                });
            }
            capitals.push(CapitalView {
                name: p.name.clone(),
                province: p.province.clone(),
                status: c.status,
                certainty: c.certainty.filter(|_| fallen),
                controller: fallen.then(|| scenario.scenario.attacker_name.clone()),
                lat: p.lat,
                lon: p.lon,
                evidence: if c.status == Status::Held {
                    Vec::new()
                } else {
                    views(&c.evidence)
                },
            });
        }
        let deployments = state
            .deployments
            .values()
            .map(|d| DeploymentView {
                country: scenario.countries[d.country as usize].name.clone(),
                troops: d.troops,
                evidence: views(&d.evidence),
            })
            .collect();
        let claimed = state
            .capitals
            .iter()
            .filter(|c| c.status == Status::Fallen && c.certainty == Some(Certainty::Claimed))
            .count();
        Snapshot {
            scenario: scenario.scenario.name.clone(),
            articles: store.len(),
            counts: Counts {
                fallen: state.count(Status::Fallen),
                claimed,
                contested: state.count(Status::Contested),
                held: state.count(Status::Held),
                total: scenario.places.len(),
                events: state.events.len(),
            },
            capitals,
            battles,
            deployments,
            reported_fallen: state.reported_fallen,
            reported_evidence: state.reported_evidence.as_ref().map(EvidenceView::from),
        }
    }
}

/// Read every article in `dir` and return the resulting snapshot, with the
/// warnings met on the way.
pub fn snapshot_folder(
    dir: &Path,
    scenario: Arc<Scenario>,
) -> std::io::Result<(Snapshot, Vec<Warning>)> {
    let reader = Reader::new(&scenario);
    snapshot_with(dir, scenario, &reader)
}

/// [`snapshot_folder`] with a reader of one's own (one that follows
/// symlinks out of the folder, say).
pub fn snapshot_with(
    dir: &Path,
    scenario: Arc<Scenario>,
    reader: &Reader,
) -> std::io::Result<(Snapshot, Vec<Warning>)> {
    let (articles, mut warnings) = reader.scan(dir)?;
    let mut store = Store::new(scenario);
    store.upsert_all(articles);
    for e in store.counted() {
        warnings.extend(
            e.warnings
                .iter()
                .map(|w| Warning::new(&dir.join(&*e.article.name), w.clone())),
        );
    }
    Ok((Snapshot::of(&store), warnings))
}
