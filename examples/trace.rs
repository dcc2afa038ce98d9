//! Print every observation extracted from the given files, in order, with
//! the state after each file. `cargo run --example trace -- FILE...`

use std::sync::Arc;

use sitmon::config::Scenario;
use sitmon::ingest::Reader;
use sitmon::model::Fact;
use sitmon::state::{Status, Store};

fn main() {
    let scenario = Arc::new(Scenario::builtin());
    let reader = Reader::new(&scenario);
    let mut store = Store::new(scenario.clone());
    for path in std::env::args().skip(1) {
        let p = std::path::Path::new(&path);
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let Ok(Some((article, _))) = reader.read(p, &name) else {
            eprintln!("cannot read {path}");
            continue;
        };
        println!("== {name}");
        for o in store.extractor().extract(&article) {
            let what = match o.fact {
                Fact::Fall {
                    place, certainty, ..
                } => format!(
                    "FALL {} {:?}",
                    scenario.places[place as usize].name, certainty
                ),
                Fact::Concede {
                    place, certainty, ..
                } => format!(
                    "CONCEDE {} {:?}",
                    scenario.places[place as usize].name, certainty
                ),
                Fact::Contest { place } => {
                    format!("CONTEST {}", scenario.places[place as usize].name)
                }
                Fact::Repel { place } => format!("REPEL {}", scenario.places[place as usize].name),
                Fact::Recapture { place } => {
                    format!("RECAPTURE {}", scenario.places[place as usize].name)
                }
                Fact::Deploy { country, troops } => format!(
                    "DEPLOY {} {:?}",
                    scenario.countries[country as usize].name, troops
                ),
                Fact::Tally { count } => format!("TALLY {count}"),
            };
            let sent: String = o.evidence.sentence.chars().take(110).collect();
            println!("  {what:32} [{}] {sent}", o.evidence.rule);
        }
        store.upsert(article);
        let st = store.state();
        let names = |status| {
            st.capitals
                .iter()
                .enumerate()
                .filter(|(_, c)| c.status == status)
                .map(|(i, c)| {
                    let n = scenario.places[i].name.clone();
                    if c.certainty == Some(sitmon::model::Certainty::Claimed) {
                        format!("{n}*")
                    } else {
                        n
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!(
            "  -> fallen: {}\n  -> contested: {}",
            names(Status::Fallen),
            names(Status::Contested)
        );
        let deps: Vec<String> = st
            .deployments
            .values()
            .map(|d| {
                format!(
                    "{}={:?}",
                    scenario.countries[d.country as usize].name, d.troops
                )
            })
            .collect();
        println!(
            "  -> deployments: {}  reported: {:?}",
            deps.join(", "),
            st.reported_fallen
        );
    }
}
