//! The JSON view of the state (see `shared/eval/CONTRACT.md`), with the
//! evidence behind every non-held item and the analysts' corrections
//! beside what the articles say.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::Scenario;
use crate::corrections::{Active, Correction, Corrections, Fix};
use crate::ingest::{Reader, Warning};
use crate::live::{Limit, Live};
use crate::model::{ArticleTime, Certainty, Evidence};
use crate::state::{Standing, State, Status, Store};

#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub scenario: String,
    /// Set for `--as-of` and replays: the time the state stands at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    pub articles: usize,
    pub capitals: Vec<CapitalView>,
    pub battles: Vec<BattleView>,
    pub deployments: Vec<DeploymentView>,
    pub reported_fallen: Option<u32>,
    pub reported_evidence: Option<EvidenceView>,
    pub counts: Counts,
    /// Every correction in force, in journal order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<CorrectionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    /// Fallen capitals, claimed ones included.
    pub fallen: usize,
    /// Of the fallen, those only the attacker reports.
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
    /// The corrected status when corrected.
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certainty: Option<Certainty>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub controller: Option<String>,
    /// The controller's description from the scenario, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub controller_description: Option<String>,
    pub lat: f64,
    pub lon: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<CorrectionView>,
}

impl CapitalView {
    pub fn standing(&self) -> Standing {
        Standing::of(self.status, self.certainty)
    }
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<CorrectionView>,
}

/// A correction in force, with what the articles say beside it.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionView {
    /// `capital`, `troops` or `dismiss`.
    pub kind: &'static str,
    /// The capital, the country, or the file of a dismissed sentence.
    pub subject: String,
    /// The corrected status (capitals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Standing>,
    /// What the articles say: a status, a figure ("deployed", "none").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extracted: Option<String>,
    /// The corrected figure (`null`: deployed, no figure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub troops: Option<Option<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<(usize, usize)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    pub by: String,
    pub at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CorrectionView {
    pub fn of(c: &Correction, scenario: &Scenario, extracted: Option<String>) -> CorrectionView {
        let (kind, subject, status, troops, span) = match &c.fix {
            Fix::Capital { place, standing } => (
                "capital",
                scenario.places[*place as usize].name.clone(),
                Some(*standing),
                None,
                None,
            ),
            Fix::Troops { country, troops } => (
                "troops",
                scenario.countries[*country as usize].name.clone(),
                None,
                Some(*troops),
                None,
            ),
            Fix::Dismiss { file, start, end } => (
                "dismiss",
                file.to_string(),
                None,
                None,
                Some((*start, *end)),
            ),
        };
        CorrectionView {
            kind,
            subject,
            status,
            extracted,
            troops,
            span,
            sentence: c.sentence.clone(),
            by: c.by.clone(),
            at: c.at.to_rfc3339(),
            via: c.via.clone(),
            note: c.note.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceView {
    pub file: Arc<str>,
    pub start: usize,
    pub end: usize,
    pub sentence: Arc<str>,
    pub rule: &'static str,
    /// The article's time (RFC 3339), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

impl From<&Evidence> for EvidenceView {
    fn from(e: &Evidence) -> Self {
        EvidenceView {
            file: e.file.clone(),
            start: e.span.start,
            end: e.span.end,
            sentence: e.sentence.clone(),
            rule: e.rule,
            time: None,
        }
    }
}

impl EvidenceView {
    pub fn timed(e: &Evidence, times: &HashMap<Arc<str>, ArticleTime>) -> EvidenceView {
        EvidenceView {
            time: times.get(&e.file).map(|t| t.at.to_rfc3339()),
            ..EvidenceView::from(e)
        }
    }
}

impl Snapshot {
    /// The live snapshot of `store`, without corrections.
    pub fn of(store: &Store) -> Snapshot {
        Live::of(store, Arc::new(Corrections::default()), 0).snapshot
    }

    /// The snapshot of `state`, already folded and corrected.
    pub fn build(
        scenario: &Scenario,
        state: &State,
        articles: usize,
        active: &Active,
        times: &HashMap<Arc<str>, ArticleTime>,
    ) -> Snapshot {
        let views = |ev: &[Evidence]| -> Vec<EvidenceView> {
            ev.iter().map(|e| EvidenceView::timed(e, times)).collect()
        };
        let mut capitals = Vec::with_capacity(scenario.places.len());
        let mut battles = Vec::new();
        for (p, c) in scenario.places.iter().zip(&state.capitals) {
            let fallen = c.status == Status::Fallen;
            let group = fallen.then(|| scenario.actors.controller(c.controller));
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
                controller: group.map(|g| g.name.clone()),
                controller_description: group
                    .map(|g| g.description.clone())
                    .filter(|d| !d.is_empty()),
                lat: p.lat,
                lon: p.lon,
                evidence: if c.status == Status::Held && c.corrected.is_none() {
                    Vec::new()
                } else {
                    views(&c.evidence)
                },
                correction: c.corrected.as_ref().map(|k| {
                    CorrectionView::of(&k.by, scenario, Some(k.extracted.label().to_string()))
                }),
            });
        }
        let deployments = state
            .deployments
            .values()
            .map(|d| DeploymentView {
                country: scenario.countries[d.country as usize].name.clone(),
                troops: d.troops,
                evidence: views(&d.evidence),
                correction: d.corrected.as_ref().map(|k| {
                    CorrectionView::of(&k.by, scenario, Some(crate::live::troops_text(k.extracted)))
                }),
            })
            .collect();
        let claimed = state
            .capitals
            .iter()
            .filter(|c| c.status == Status::Fallen && c.certainty == Some(Certainty::Claimed))
            .count();
        let corrections = active
            .all
            .iter()
            .map(|c| CorrectionView::of(c, scenario, None))
            .collect();
        Snapshot {
            scenario: scenario.scenario.name.clone(),
            as_of: None,
            articles,
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
            reported_evidence: state
                .reported_evidence
                .as_ref()
                .map(|e| EvidenceView::timed(e, times)),
            corrections,
        }
    }
}

/// Read every article in `dir` (and its corrections journal) and return
/// the live state, or the state as of `as_of`, with the warnings met on
/// the way.
pub fn live_folder(
    dir: &Path,
    scenario: Arc<Scenario>,
    reader: &Reader,
    as_of: Option<DateTime<Utc>>,
) -> std::io::Result<(Live, Vec<Warning>)> {
    let (articles, mut warnings) = reader.scan(dir)?;
    let corrections = Corrections::load(dir, &scenario);
    let journal = crate::corrections::journal_path(dir);
    // "FILE:LINE: PROBLEM", as Warning prints it.
    let prefix = journal.to_string_lossy().into_owned();
    warnings.extend(corrections.warnings.iter().map(|m| {
        let split = m
            .strip_prefix(&prefix)
            .and_then(|rest| rest.trim_start_matches(':').split_once(": "));
        match split {
            Some((line, problem)) => {
                Warning::new(std::path::Path::new(&format!("{prefix}:{line}")), problem)
            }
            None => Warning::new(&journal, m.clone()),
        }
    }));
    let mut store = Store::new(scenario);
    store.upsert_all(articles);
    for e in store.counted() {
        warnings.extend(
            e.warnings
                .iter()
                .map(|w| Warning::new(&dir.join(&*e.article.name), w.clone())),
        );
    }
    let live = Live::of(&store, Arc::new(corrections), 0);
    let live = match as_of {
        Some(t) => live.at(Limit::AsOf(t)),
        None => live,
    };
    Ok((live, warnings))
}

/// Read every article in `dir` and return the resulting snapshot, with the
/// warnings met on the way.
pub fn snapshot_folder(
    dir: &Path,
    scenario: Arc<Scenario>,
) -> std::io::Result<(Snapshot, Vec<Warning>)> {
    let reader = Reader::new(&scenario);
    live_folder(dir, scenario, &reader, None).map(|(l, w)| (l.snapshot, w))
}
