//! The incremental fold against the full fold, on random histories of
//! articles added, edited and deleted, in batches: after every batch the
//! state must be exactly what folding every article again in file-name
//! order gives, and the changes it reports must turn the old event log
//! into the new one (for published states: up to the rule and the order
//! of events that say the same, as `follow` has always compared them). The same for the published `Live`s, through the
//! store (duplicates counted once) and the publisher.

use std::collections::BTreeMap;
use std::sync::Arc;

use proptest::prelude::*;

use sitmon::config::Scenario;
use sitmon::corrections::Corrections;
use sitmon::live::{Changes, Limit, Live, Publisher};
use sitmon::model::{
    ArticleMeta, Certainty, Evidence, Fact, Format, GroupId, Observation, Shared, Troops,
};
use sitmon::state::{CapitalState, Entry, Event, Incremental, State, Status, Store};

const PLACES: u16 = 4;
const COUNTRIES: u16 = 3;

fn troops() -> impl Strategy<Value = Troops> {
    prop_oneof![
        (1..4u32).prop_map(|n| Troops::Total(n * 100)),
        (1..3u32).prop_map(|n| Troops::Additional(n * 50)),
        Just(Troops::Unspecified),
    ]
}

/// No attacking group named, or one of two: a hand-over between them
/// changes only the controller.
fn group() -> impl Strategy<Value = Option<GroupId>> {
    prop_oneof![Just(None), (0..2u16).prop_map(|g| Some(GroupId(g)))]
}

/// Where each place stands before the first article.
fn start() -> impl Strategy<Value = State> {
    let place = (0..3u8, group()).prop_map(|(s, by)| {
        let status = [Status::Held, Status::Contested, Status::Fallen][usize::from(s)];
        CapitalState::start(status, by)
    });
    prop::collection::vec(place, usize::from(PLACES)).prop_map(State::start)
}

fn fact() -> impl Strategy<Value = Fact> {
    prop_oneof![
        (0..PLACES, any::<bool>(), group()).prop_map(|(place, confirmed, by)| Fact::Fall {
            place,
            certainty: if confirmed {
                Certainty::Confirmed
            } else {
                Certainty::Claimed
            },
            by,
        }),
        (0..PLACES).prop_map(|place| Fact::Contest { place }),
        (0..PLACES).prop_map(|place| Fact::Repel { place }),
        (0..PLACES).prop_map(|place| Fact::Recapture { place }),
        (0..COUNTRIES, troops()).prop_map(|(country, troops)| Fact::Deploy { country, troops }),
        (1..6u32).prop_map(|count| Fact::Tally { count }),
    ]
}

/// An article: sentences (a span number, its facts with a rule number).
/// Span numbers repeat and come in any order, as a sentence can be
/// quoted twice.
type Text = Vec<(u8, Vec<(Fact, u8)>)>;

fn text() -> impl Strategy<Value = Text> {
    prop::collection::vec(
        (0..6u8, prop::collection::vec((fact(), 0..2u8), 1..4)),
        0..5,
    )
}

/// A batch of changes: (article number, its new text or a delete).
type Batch = Vec<(u8, Option<Text>)>;

fn history() -> impl Strategy<Value = Vec<Batch>> {
    let op = (0..6u8, prop::option::weighted(0.8, text()));
    prop::collection::vec(prop::collection::vec(op, 1..4), 1..14)
}

fn name(n: u8) -> Arc<str> {
    format!("{n:02}.txt").into()
}

fn observations(file: &Arc<str>, text: &Text) -> Arc<[Observation]> {
    let mut out = Vec::new();
    for (span, facts) in text {
        let start = u32::from(*span) * 10;
        let sentence: Shared = format!("sentence {span}").into();
        for (fact, rule) in facts {
            out.push(Observation {
                fact: *fact,
                evidence: Evidence::new(
                    file.into(),
                    start..start + 9,
                    sentence.clone(),
                    ["rule a", "rule b"][usize::from(*rule)].into(),
                ),
            });
        }
    }
    out.into()
}

/// The log with the events at `seqs` taken out.
fn without(log: &imbl::Vector<Event>, seqs: impl IntoIterator<Item = usize>) -> Vec<Event> {
    let out: std::collections::BTreeSet<usize> = seqs.into_iter().collect();
    log.iter()
        .enumerate()
        .filter(|(i, _)| !out.contains(i))
        .map(|(_, e)| e.clone())
        .collect()
}

/// What changed turns the old log into the new: what is left of the old
/// once the retracted go is what is left of the new once the added and
/// moved go (moved ones compare apart from their file).
fn check_changes(old: &imbl::Vector<Event>, new: &imbl::Vector<Event>, c: &Changes) {
    let mut kept_old = without(old, c.retracted.iter().map(|(i, _)| *i));
    let kept_new = without(
        new,
        c.added
            .iter()
            .map(|(i, _)| *i)
            .chain(c.moved.iter().map(|(_, i, _)| *i)),
    );
    // A moved event left the old log from its old file.
    for (file, _, e) in &c.moved {
        let was = |o: &Event| {
            o.change == e.change
                && o.evidence().map(|v| (&*v.file, v.span()))
                    == e.evidence().map(|v| (&**file, v.span()))
        };
        if let Some(p) = kept_old.iter().position(was) {
            kept_old.remove(p);
        }
    }
    // Events are matched on what they say and where, not on the rule
    // nor on their place in the log (a sentence moved within an article
    // changes nothing worth reporting).
    let said = |v: Vec<Event>| -> Vec<String> {
        let mut v: Vec<String> = v
            .into_iter()
            .map(|e| match e.evidence() {
                Some(ev) => format!("{:?} {} {:?} {}", e.change, ev.file, ev.span(), ev.sentence),
                None => format!("{:?}", e.change),
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        said(kept_old),
        said(kept_new),
        "changes do not take the old log to the new"
    );
    for (i, e) in &c.retracted {
        assert_eq!(old.get(*i), Some(e), "retracted seq {i}");
    }
    for (i, e) in &c.added {
        assert_eq!(new.get(*i), Some(e), "added seq {i}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn incremental_fold_is_the_full_fold(start in start(), history in history()) {
        let mut inc = Incremental::from_start(start.clone());
        let mut articles: BTreeMap<Arc<str>, Arc<[Observation]>> = BTreeMap::new();
        for batch in &history {
            let old = inc.state().events;
            let mut changes = Vec::new();
            for (n, text) in batch {
                let file = name(*n);
                match text {
                    Some(t) => {
                        let obs = observations(&file, t);
                        articles.insert(file.clone(), obs.clone());
                        changes.push((file, Some(obs)));
                    }
                    None => {
                        articles.remove(&file);
                        changes.push((file, None));
                    }
                }
            }
            let delta = inc.apply(changes);
            let full = State::fold_from(
                start.clone(),
                articles.values().flat_map(|o| o.iter()),
            );
            let got = inc.state();
            prop_assert_eq!(&got, &full);
            // Taken out and put in, the delta turns one log into the other.
            let kept_old = without(&old, delta.retracted.iter().map(|(i, _)| *i));
            let kept_new = without(&got.events, delta.added.iter().map(|(i, _)| *i));
            prop_assert_eq!(kept_old, kept_new);
            for (i, e) in &delta.added {
                prop_assert_eq!(got.events.get(*i), Some(e));
            }
        }
    }

}

proptest! {
    // Fewer: each case compiles a scenario's extractor.
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn published_lives_are_the_full_fold(history in history()) {
        let mut scenario = Scenario::builtin();
        scenario.places.truncate(usize::from(PLACES));
        scenario.countries.truncate(usize::from(COUNTRIES));
        let scenario = Arc::new(scenario);
        let mut store = Store::new(scenario.clone());
        let mut publisher = Publisher::new(scenario.clone(), store.explain().clone());
        let corrections = Arc::new(Corrections::default());
        let mut prev = publisher.publish(&store, Vec::new(), corrections.clone(), 1);
        for (seq, batch) in history.iter().enumerate() {
            for (n, text) in batch {
                let file = name(*n);
                match text {
                    Some(t) => {
                        // Same text, same hash: a copy under another name
                        // counts once.
                        let hash = sitmon::model::content_hash_of(format!("{t:?}").as_bytes());
                        store.insert(Entry {
                            article: ArticleMeta {
                                name: (&file).into(),
                                format: Format::Text,
                                headline: None,
                                time: None,
                                modified: None,
                                hash,
                            },
                            observations: observations(&file, t),
                            warnings: Box::default(),
                        });
                    }
                    None => {
                        store.remove(&file);
                    }
                }
            }
            let dirty = store.take_dirty();
            let live = publisher.publish(&store, dirty, corrections.clone(), seq as u64 + 2);
            let full = live.at(Limit::Live);
            prop_assert_eq!(&live.events, &full.events);
            prop_assert_eq!(
                serde_json::to_string(&live.snapshot).unwrap(),
                serde_json::to_string(&full.snapshot).unwrap()
            );
            let names: Vec<&str> = live.articles.iter().map(|a| &**a.name()).collect();
            let counted: Vec<&str> = store.counted().map(|e| &*e.article.name).collect();
            prop_assert_eq!(names, counted);
            check_changes(&prev.events, &live.events, &live.changes_since(&prev));
            // A reader that skipped states gets the same from the logs.
            check_changes(&prev.events, &live.events, &Changes::between(&prev.events, &live.events));
            prev = live;
        }
        // Built afresh, the same.
        let fresh = Live::of(&store, corrections, 0);
        prop_assert_eq!(&fresh.events, &prev.events);
    }
}

/// The snapshot folded as the articles are read is the store's, on every
/// labelled corpus, live and as of a time.
#[test]
fn streamed_snapshot_is_the_stores() {
    use sitmon::ingest::Reader;
    use sitmon::snapshot::{live_folder, snapshot_stream};
    let scenario = Arc::new(Scenario::builtin());
    let reader = Reader::new(&scenario);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora");
    let day = "2021-08-10T23:59:59Z".parse().ok();
    for corpus in ["dev", "seeds", "heldout"] {
        let dir = root.join(corpus);
        for as_of in [None, day] {
            let (live, w1) = live_folder(&dir, scenario.clone(), &reader, as_of).unwrap();
            let (snap, w2) = snapshot_stream(&dir, scenario.clone(), &reader, as_of).unwrap();
            assert_eq!(
                serde_json::to_string(&live.snapshot).unwrap(),
                serde_json::to_string(&snap).unwrap(),
                "{corpus} as of {as_of:?}"
            );
            let lines = |w: Vec<sitmon::ingest::Warning>| -> Vec<String> {
                let mut v: Vec<String> = w.iter().map(|w| w.to_string()).collect();
                v.sort();
                v
            };
            assert_eq!(lines(w1), lines(w2), "{corpus}: warnings");
        }
    }
}
