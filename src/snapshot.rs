//! The JSON view of the state (see `shared/eval/CONTRACT.md`), with the
//! evidence behind every non-held item and the analysts' corrections
//! beside what the articles say.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use imbl::Vector;
use serde::{Serialize, Serializer};

use crate::config::Scenario;
use crate::corrections::{Active, Correction, Corrections, Fix};
use crate::ingest::{Reader, Warning};
use crate::live::{find, ArticleInfo, Limit, Live};
use crate::model::{ArticleMeta, Certainty, Evidence};
use crate::state::{Citations, Entry, Standing, State, Status, Store};

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
    #[serde(skip_serializing_if = "Cited::is_empty")]
    pub evidence: Cited,
    /// Sentences cited between the first and the latest listed, not kept.
    #[serde(skip_serializing_if = "is_zero")]
    pub evidence_elided: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<CorrectionView>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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
    pub evidence: Cited,
    #[serde(skip_serializing_if = "is_zero")]
    pub evidence_elided: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeploymentView {
    pub country: String,
    pub troops: Option<u32>,
    pub evidence: Cited,
    #[serde(skip_serializing_if = "is_zero")]
    pub evidence_elided: usize,
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
            file: e.file.arc().clone(),
            start: e.start() as usize,
            end: e.end() as usize,
            sentence: e.sentence.arc().clone(),
            rule: e.rule.as_str(),
            time: None,
        }
    }
}

impl EvidenceView {
    /// `e` with the time of its article, if it is among `articles`.
    pub fn timed(e: &Evidence, articles: &Vector<ArticleInfo>) -> EvidenceView {
        EvidenceView {
            time: find(articles, &e.file)
                .and_then(|i| articles[i].time())
                .map(|t| t.at.to_rfc3339()),
            ..EvidenceView::from(e)
        }
    }
}

/// The sentences behind an item, oldest first, with the articles that
/// date them. Shared with the state that cited them and shown as
/// [`EvidenceView`]s only when read: a capital cited by thousands of
/// articles costs nothing to publish.
#[derive(Clone, Default)]
pub struct Cited {
    list: Vector<Evidence>,
    /// Cited between the first and the latest, and not kept (see
    /// [`Citations`]).
    elided: usize,
    articles: Vector<ArticleInfo>,
}

impl Cited {
    pub fn new(cited: &Citations, articles: &Vector<ArticleInfo>) -> Cited {
        Cited {
            list: cited.list().clone(),
            elided: cited.elided(),
            articles: articles.clone(),
        }
    }

    /// How many were cited between the first [`crate::state::KEEP_FIRST`] and the rest,
    /// and let go.
    pub fn elided(&self) -> usize {
        self.elided
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The list itself, shared with the state that cited it.
    pub fn list(&self) -> &Vector<Evidence> {
        &self.list
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The evidence itself, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Evidence> + ExactSizeIterator {
        self.list.iter()
    }

    /// Each as shown, with its article's time.
    pub fn views(&self) -> impl DoubleEndedIterator<Item = EvidenceView> + '_ {
        self.list.iter().map(|e| self.view(e))
    }

    /// One of them as shown.
    pub fn view(&self, e: &Evidence) -> EvidenceView {
        EvidenceView::timed(e, &self.articles)
    }
}

impl std::fmt::Debug for Cited {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.list.iter()).finish()
    }
}

impl Serialize for Cited {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.views())
    }
}

impl Snapshot {
    /// The live snapshot of `store`, without corrections.
    pub fn of(store: &Store) -> Snapshot {
        Live::of(store, Arc::new(Corrections::default()), 0).snapshot
    }

    /// The snapshot of `state`, already folded and corrected, from the
    /// counted `articles`.
    pub fn build(
        scenario: &Scenario,
        state: &State,
        articles: &Vector<ArticleInfo>,
        active: &Active,
    ) -> Snapshot {
        let views = |ev: &Citations| Cited::new(ev, articles);
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
                    evidence_elided: c.evidence.elided(),
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
                    Cited::default()
                } else {
                    views(&c.evidence)
                },
                evidence_elided: if c.status == Status::Held && c.corrected.is_none() {
                    0
                } else {
                    c.evidence.elided()
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
                evidence_elided: d.evidence.elided(),
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
            articles: articles.len(),
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
                .map(|e| EvidenceView::timed(e, articles)),
            corrections,
        }
    }
}

/// The journal's problems as warnings, "FILE:LINE: PROBLEM".
fn journal_warnings(dir: &Path, corrections: &Corrections) -> Vec<Warning> {
    let journal = crate::corrections::journal_path(dir);
    let prefix = journal.to_string_lossy().into_owned();
    corrections
        .warnings
        .iter()
        .map(|m| {
            let split = m
                .strip_prefix(&prefix)
                .and_then(|rest| rest.trim_start_matches(':').split_once(": "));
            match split {
                Some((line, problem)) => {
                    Warning::new(std::path::Path::new(&format!("{prefix}:{line}")), problem)
                }
                None => Warning::new(&journal, m.clone()),
            }
        })
        .collect()
}

/// The snapshot of `dir` (as of `as_of`), folded as the articles are read:
/// each article's facts are folded and let go, so a folder of any size
/// costs what its state holds (the evidence it lists), not what its
/// articles do. The same state as [`live_folder`]'s.
pub fn snapshot_stream(
    dir: &Path,
    scenario: Arc<Scenario>,
    reader: &Reader,
    as_of: Option<DateTime<Utc>>,
) -> std::io::Result<(Snapshot, Vec<Warning>)> {
    let corrections = Corrections::load(dir, &scenario);
    let dismissals = corrections.active(Some(DateTime::<Utc>::MIN_UTC));
    let store = Store::new(scenario.clone());
    let mut state = crate::state::start(&scenario);
    let mut articles: Vector<ArticleInfo> = Vector::new();
    let mut figures = Vec::new();
    let mut sentences = HashSet::new();
    let none: Arc<[crate::model::Observation]> = Arc::from([]);
    let scan_warnings = reader.scan_each(
        dir,
        |a| store.extract(a),
        |entry| {
            let entry = crate::state::settle(entry, &mut sentences);
            figures.extend(
                entry
                    .warnings
                    .iter()
                    .map(|w| Warning::new(&dir.join(&*entry.article.name), w.clone())),
            );
            let time = entry.article.time;
            if as_of.is_some_and(|t| time.is_none_or(|at| at.at > t)) {
                return;
            }
            let obs = entry
                .observations
                .iter()
                .filter(|o| !dismissals.is_dismissed(o));
            for step in crate::state::sentences(obs) {
                state.apply_sentence(&step);
            }
            // Only its name and time are asked for (to date evidence).
            articles.push_back(Arc::new(Entry {
                article: ArticleMeta {
                    headline: None,
                    ..entry.article
                },
                observations: none.clone(),
                warnings: Box::default(),
            }));
        },
    )?;
    crate::memory::give_back();
    let active = corrections.active(as_of);
    state.correct(&active.fixes);
    let mut snapshot = Snapshot::build(&scenario, &state, &articles, &active);
    snapshot.as_of = as_of.map(|t| t.to_rfc3339());
    let mut all = scan_warnings;
    all.extend(journal_warnings(dir, &corrections));
    all.extend(figures);
    Ok((snapshot, all))
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
    let mut store = Store::new(scenario.clone());
    let (entries, mut warnings) = reader.scan_with(dir, |a| store.extract(a))?;
    let corrections = Corrections::load(dir, &scenario);
    warnings.extend(journal_warnings(dir, &corrections));
    for e in entries {
        store.insert(e);
    }
    crate::memory::give_back();
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
    snapshot_stream(dir, scenario, &reader, None)
}
