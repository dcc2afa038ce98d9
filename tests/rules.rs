//! The rule corpora (`tests/rules/*.toml`): for every phenomenon of
//! PHENOMENA.md, sentences with the state they must give, positive and
//! negative, written blind (by people who had not read the extractor).
//! Each case runs its articles through the extractor and the fold and
//! compares the whole state. Cases the extractor still gets wrong are
//! listed in `tests/rules/known_failures.txt`: a new failure fails the
//! test, and so does a listed case that now passes (take it off the list).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use sitmon::config::Scenario;
use sitmon::model::Certainty;
use sitmon::state::{Status, Store};

mod common;
use common::article;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    phenomenon: u32,
    title: String,
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    mechanism: String,
    note: String,
    articles: Vec<String>,
    #[serde(default)]
    fallen: BTreeSet<String>,
    #[serde(default)]
    claimed: BTreeSet<String>,
    #[serde(default)]
    contested: BTreeSet<String>,
    #[serde(default)]
    deployments: BTreeMap<String, Figure>,
    reported: Option<u32>,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(untagged)]
enum Figure {
    Count(u32),
    Word(String),
}

#[derive(Debug, Default, PartialEq)]
struct State {
    fallen: BTreeSet<String>,
    claimed: BTreeSet<String>,
    contested: BTreeSet<String>,
    deployments: BTreeMap<String, Figure>,
    reported: Option<u32>,
}

/// The state after `articles`, on a store emptied again afterwards (one
/// store for every case: compiling the extractor is the slow part).
fn run(store: &mut Store, articles: &[String]) -> State {
    let scenario = store.scenario().clone();
    for (i, a) in articles.iter().enumerate() {
        // each article's first line is its headline
        let text = if a.contains('\n') {
            a.clone()
        } else {
            format!("Update\n\n{a}")
        };
        store.upsert(article(&format!("{i:03}.txt"), &text));
    }
    let st = store.state();
    let mut v = State::default();
    for (p, c) in scenario.places.iter().zip(&st.capitals) {
        match c.status {
            Status::Fallen => {
                v.fallen.insert(p.name.clone());
                if c.certainty == Some(Certainty::Claimed) {
                    v.claimed.insert(p.name.clone());
                }
            }
            Status::Contested => {
                v.contested.insert(p.name.clone());
            }
            Status::Held => {}
        }
    }
    for d in st.deployments.values() {
        let figure = match d.troops {
            Some(n) => Figure::Count(n),
            None => Figure::Word("unspecified".into()),
        };
        v.deployments
            .insert(scenario.countries[d.country as usize].name.clone(), figure);
    }
    v.reported = st.reported_fallen;
    for i in 0..articles.len() {
        store.remove(&format!("{i:03}.txt"));
    }
    assert!(store.is_empty(), "the store empties between cases");
    v
}

#[test]
fn rule_corpora_hold_except_the_known_failures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let mut store = Store::new(Arc::new(Scenario::builtin()));
    let known: BTreeSet<String> = std::fs::read_to_string(dir.join("known_failures.txt"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/rules")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let (mut total, mut failing) = (0, BTreeSet::new());
    let mut report = String::new();
    let mut phenomena = BTreeSet::new();
    for path in &files {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
        let text = std::fs::read_to_string(path).expect("rule file");
        let file: RuleFile =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        phenomena.insert(file.phenomenon);
        let mut positive = 0;
        for (i, case) in file.case.iter().enumerate() {
            total += 1;
            let want = State {
                fallen: case.fallen.clone(),
                claimed: case.claimed.clone(),
                contested: case.contested.clone(),
                deployments: case.deployments.clone(),
                reported: case.reported,
            };
            // notes open with "positive:" or "negative:" (a fact the
            // sentence must not give)
            positive += usize::from(case.note.starts_with("positive"));
            let got = run(&mut store, &case.articles);
            if got != want {
                let id = format!("{stem}:{}", i + 1);
                report.push_str(&format!(
                    "{id} [{}] {}: {}\n  want {want:?}\n  got  {got:?}\n",
                    case.mechanism, file.title, case.note
                ));
                failing.insert(id);
            }
        }
        assert!(
            positive > 0 && positive < file.case.len(),
            "{stem}: every phenomenon needs positive and negative cases"
        );
    }
    eprintln!(
        "rule corpora: {}/{total} cases hold, {} phenomena",
        total - failing.len(),
        phenomena.len()
    );
    let new: Vec<_> = failing.difference(&known).collect();
    let fixed: Vec<_> = known.difference(&failing).collect();
    assert!(
        new.is_empty() && fixed.is_empty(),
        "new failures {new:?}; now passing (remove from known_failures.txt) {fixed:?}\n{report}"
    );
}
