//! What the pipeline publishes to every renderer (dashboard, `follow`,
//! SSH sessions): the snapshot, the typed event log, the articles with
//! their observations, and the corrections. Renderers hold an `Arc<Live>`
//! and never touch the store; names are resolved from `scenario` where
//! they are shown.
//!
//! A `Live` can also be rebuilt as of a time or an event ([`Live::at`]):
//! the fold is pure, so that is the same fold stopped earlier.

mod changes;
mod publish;

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use chrono::{DateTime, Utc};
use imbl::Vector;

use crate::config::Scenario;
use crate::corrections::{Active, Corrections};
use crate::explain::Explain;
use crate::ingest::Texts;
use crate::snapshot::Snapshot;
use crate::state::{sentences, Event, Store};

pub use changes::Changes;
pub use publish::Publisher;

/// What part of the history a `Live` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Every article, every correction.
    Live,
    /// The articles published up to this time, and the corrections made
    /// by then (dismissals always hold).
    AsOf(DateTime<Utc>),
    /// The fold stopped right after the article event of this seq; the
    /// corrections made by the time of its article.
    Event(usize),
}

/// A published state. Its lists are persistent vectors: the next `Live`
/// shares all but what changed, so publishing costs what changed, and
/// every viewer reads the same copy.
#[derive(Debug, Clone)]
pub struct Live {
    /// Bumped on every published change.
    pub seq: u64,
    pub scenario: Arc<Scenario>,
    pub explain: Arc<Explain>,
    pub snapshot: Snapshot,
    /// Every change of the state, oldest first (a seq is an index): the
    /// articles' events, then the corrections'.
    pub events: Vector<Event>,
    /// How many of `events` the articles made.
    pub article_events: usize,
    /// Counted articles in fold (file-name) order, as far as `limit` goes.
    pub articles: Vector<ArticleInfo>,
    /// The whole journal, and what is in force here.
    pub corrections: Arc<Corrections>,
    pub active: Active,
    pub limit: Limit,
    /// When the shown state stands: the as-of time, or the time of the
    /// replayed event's article.
    pub as_of: Option<DateTime<Utc>>,
    /// Files that were skipped or read with loss, as "NAME: PROBLEM", in
    /// name order. Filled by the watcher; [`Live::of`] leaves it empty.
    pub warnings: Vec<String>,
    /// When this state was built.
    pub published: Instant,
    /// What changed in `events` since the `Live` of `seq - 1`.
    pub changes: Arc<Changes>,
    /// Where the articles' texts can be read again, when they come from
    /// a folder.
    pub texts: Option<Arc<Texts>>,
    /// The longest article name, in characters.
    pub name_width: usize,
    /// When the newest article arrived (its file's modification time).
    newest: Option<SystemTime>,
    /// Every counted article, whatever the limit: what [`Live::at`] folds.
    all: Vector<ArticleInfo>,
}

/// One counted article: the store's own entry, shared.
pub type ArticleInfo = Arc<crate::state::Entry>;

/// The index of the article named `name` in `articles` (in name order).
pub fn find(articles: &Vector<ArticleInfo>, name: &str) -> Option<usize> {
    articles
        .binary_search_by(|a| (*a.article.name).cmp(name))
        .ok()
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

/// "6,000 troops", "deployed" (no figure), "none" (no deployment).
pub fn troops_text(t: Option<Option<u32>>) -> String {
    match t {
        None => "none".to_string(),
        Some(None) => "deployed".to_string(),
        Some(Some(n)) => format!("{} troops", thousands(u64::from(n))),
    }
}

impl Live {
    /// The live state of `store` with `corrections` laid over it.
    pub fn of(store: &Store, corrections: Arc<Corrections>, seq: u64) -> Live {
        let mut p = Publisher::new(store.scenario().clone(), store.explain().clone());
        let names: Vec<Arc<str>> = store.names().cloned().collect();
        p.publish(store, names, corrections, seq)
    }

    /// The same history shown as of `limit`: the full fold, stopped
    /// earlier.
    pub fn at(&self, limit: Limit) -> Live {
        let dismissals = self.corrections.active(Some(DateTime::<Utc>::MIN_UTC));
        let mut articles: Vector<ArticleInfo> = match limit {
            Limit::AsOf(t) => self
                .all
                .iter()
                .filter(|a| a.time().is_some_and(|at| at.at <= t))
                .cloned()
                .collect(),
            _ => self.all.clone(),
        };
        let mut state = crate::state::start(&self.scenario);
        let obs = articles
            .iter()
            .flat_map(|a| a.observations.iter())
            .filter(|o| !dismissals.is_dismissed(o));
        let mut last_file: Option<Arc<str>> = None;
        for step in sentences(obs) {
            state.apply_sentence(&step);
            if let Limit::Event(k) = limit {
                if state.events.len() > k {
                    last_file = Some(step[0].evidence.file.arc().clone());
                    break;
                }
            }
        }
        let mut as_of = None;
        if let Limit::Event(k) = limit {
            state.events.truncate(k + 1);
            if let Some(i) = last_file.as_deref().and_then(|f| find(&articles, f)) {
                articles.truncate(i + 1);
                as_of = articles[i].time().map(|t| t.at);
            }
        }
        let active = match limit {
            Limit::Live => self.corrections.active(None),
            Limit::AsOf(t) => {
                as_of = Some(t);
                self.corrections.active(Some(t))
            }
            Limit::Event(_) => match as_of {
                Some(t) => self.corrections.active(Some(t)),
                None => dismissals,
            },
        };
        let article_events = state.events.len();
        state.correct(&active.fixes);
        let mut snapshot = Snapshot::build(&self.scenario, &state, &articles, &active);
        snapshot.as_of = as_of.map(|t| t.to_rfc3339());
        Live {
            seq: self.seq,
            scenario: self.scenario.clone(),
            explain: self.explain.clone(),
            snapshot,
            events: state.events,
            article_events,
            newest: newest(&articles),
            articles,
            corrections: self.corrections.clone(),
            active,
            limit,
            as_of,
            warnings: self.warnings.clone(),
            published: self.published,
            changes: Arc::default(),
            texts: self.texts.clone(),
            name_width: self.name_width,
            all: self.all.clone(),
        }
    }

    /// When the newest article arrived (its file's modification time).
    pub fn newest(&self) -> Option<SystemTime> {
        self.newest
    }

    /// The index in `articles` of the article named `file`.
    pub fn article_index(&self, file: &str) -> Option<usize> {
        find(&self.articles, file)
    }

    /// The article named `file`, if it counts here.
    pub fn article(&self, file: &str) -> Option<&ArticleInfo> {
        self.article_index(file).map(|i| &self.articles[i])
    }

    /// Every counted article, whatever the limit.
    pub fn all_articles(&self) -> &Vector<ArticleInfo> {
        &self.all
    }

    /// What changed in `events` since `prev`: this `Live`'s own changes
    /// when `prev` is the one published just before it, else worked out
    /// from both logs (a reader that skipped states).
    pub fn changes_since(&self, prev: &Live) -> Arc<Changes> {
        if prev.seq + 1 == self.seq && self.limit == Limit::Live && prev.limit == Limit::Live {
            self.changes.clone()
        } else {
            Arc::new(Changes::between(&prev.events, &self.events))
        }
    }
}

/// When the newest of `articles` arrived.
fn newest(articles: &Vector<ArticleInfo>) -> Option<SystemTime> {
    articles.iter().filter_map(|a| a.article.modified).max()
}

/// A change in words, names resolved: what `follow`, the log and alerts
/// print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// `capital`, `confirmed`, `deployment` or `tally`.
    pub kind: &'static str,
    /// The capital or country, or "reported fallen".
    pub subject: String,
    pub before: String,
    pub after: String,
}

/// `change` in words.
pub fn words(scenario: &Scenario, change: &crate::state::Change) -> Words {
    use crate::state::Change;
    let kind = change.kind();
    match *change {
        Change::Capital {
            place,
            before,
            after,
        } => Words {
            kind,
            subject: scenario.places[place as usize].name.clone(),
            before: before.label().to_string(),
            after: after.label().to_string(),
        },
        Change::Deployment {
            country,
            before,
            after,
        } => Words {
            kind,
            subject: scenario.countries[country as usize].name.clone(),
            before: troops_text(before),
            after: troops_text(Some(after)),
        },
        Change::Tally { before, after } => Words {
            kind,
            subject: "reported fallen".to_string(),
            before: before.map_or_else(|| "none".to_string(), |n| n.to_string()),
            after: after.to_string(),
        },
    }
}
