//! Any text, as an article: extraction and the fold never panic, evidence
//! points into the text, and figures stay within their bounds.
#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use sitmon::config::Scenario;
use sitmon::ingest::Reader;
use sitmon::model::Fact;
use sitmon::state::Store;

fn scenario() -> &'static (Arc<Scenario>, Reader) {
    static S: OnceLock<(Arc<Scenario>, Reader)> = OnceLock::new();
    S.get_or_init(|| {
        let s = Arc::new(Scenario::builtin());
        let r = Reader::new(&s);
        (s, r)
    })
}

fuzz_target!(|data: &[u8]| {
    let (scenario, reader) = scenario();
    let Ok(Some((article, _))) = reader.read_bytes(Path::new("a.txt"), "a.txt", data.to_vec())
    else {
        return;
    };
    let text = article.text.clone();
    let mut store = Store::new(scenario.clone());
    store.upsert(article);
    let entry = store.get("a.txt").expect("stored");
    for o in &entry.observations {
        assert!(text.get(o.evidence.span.clone()).is_some());
        if let Fact::Tally { count } = o.fact {
            assert!(count <= scenario.scenario.total_capitals);
        }
    }
    let state = store.state();
    let max = scenario.scenario.figures.max_troops;
    assert!(state.deployments.values().all(|d| d.troops.is_none_or(|t| t <= max)));
});
