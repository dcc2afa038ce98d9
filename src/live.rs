//! What the pipeline publishes to every renderer (dashboard, `follow`,
//! SSH sessions): the snapshot, the event log in words, and the articles.
//! Renderers hold an `Arc<Live>` and never touch the store.

use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;

use crate::config::Scenario;
use crate::snapshot::{EvidenceView, Snapshot};
use crate::state::{Change, Status, Store};

#[derive(Debug, Clone, Serialize)]
pub struct Live {
    /// Bumped on every published change.
    pub seq: u64,
    pub snapshot: Snapshot,
    /// Every change of the state, oldest first.
    pub events: Vec<EventView>,
    /// Counted articles in file-name order.
    pub articles: Vec<ArticleInfo>,
    /// Files that were skipped or read with loss, as "NAME: PROBLEM", in
    /// name order. Filled by the watcher; [`Live::of`] leaves it empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// When this state was built: a viewer who connects later still sees
    /// how old it is.
    #[serde(skip)]
    pub published: Instant,
}

/// One change of the state, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventView {
    pub seq: usize,
    /// `capital`, `confirmed`, `deployment` or `tally`.
    pub kind: &'static str,
    /// The capital or country, or "reported fallen".
    pub subject: String,
    pub before: String,
    pub after: String,
    pub evidence: EvidenceView,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleInfo {
    pub name: Arc<str>,
    pub headline: Option<String>,
    pub observations: usize,
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Held => "held",
        Status::Contested => "contested",
        Status::Fallen => "fallen",
    }
}

fn troops(t: Option<u32>) -> String {
    t.map_or_else(
        || "deployed".to_string(),
        |n| format!("{} troops", thousands(u64::from(n))),
    )
}

/// 6000 -> "6,000": figures read the same in the log as in the panes.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Live {
    pub fn of(store: &Store, seq: u64) -> Live {
        let scenario: &Scenario = store.scenario();
        let state = store.state();
        let events = state
            .events
            .iter()
            .map(|e| {
                let (kind, subject, before, after) = match &e.change {
                    Change::Capital {
                        place,
                        before,
                        after,
                        certainty,
                    } => {
                        let after = match (after, certainty) {
                            (Status::Fallen, Some(crate::model::Certainty::Claimed)) => {
                                "fallen (claimed)".to_string()
                            }
                            _ => status(*after).to_string(),
                        };
                        (
                            "capital",
                            scenario.places[*place as usize].name.clone(),
                            status(*before).to_string(),
                            after,
                        )
                    }
                    Change::Confirmed { place } => (
                        "confirmed",
                        scenario.places[*place as usize].name.clone(),
                        "fallen (claimed)".to_string(),
                        "fallen (confirmed)".to_string(),
                    ),
                    Change::Deployment {
                        country,
                        before,
                        after,
                    } => (
                        "deployment",
                        scenario.countries[*country as usize].name.clone(),
                        before.map_or_else(|| "none".to_string(), troops),
                        troops(*after),
                    ),
                    Change::Tally { before, after } => (
                        "tally",
                        "reported fallen".to_string(),
                        before.map_or_else(|| "none".to_string(), |n| n.to_string()),
                        after.to_string(),
                    ),
                };
                EventView {
                    seq: e.seq,
                    kind,
                    subject,
                    before,
                    after,
                    evidence: EvidenceView::from(&e.evidence),
                }
            })
            .collect();
        let articles = store
            .counted()
            .map(|e| ArticleInfo {
                name: e.article.name.clone(),
                headline: e.article.headline_text().map(str::to_string),
                observations: e.observations.len(),
            })
            .collect();
        Live {
            seq,
            snapshot: Snapshot::from_state(store, &state),
            events,
            articles,
            warnings: Vec::new(),
            published: Instant::now(),
        }
    }
}
