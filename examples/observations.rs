//! Every observation of every article file in the given folders, with its
//! evidence span and rule, to check that a change leaves extraction alone:
//! `cargo run --release --example observations -- DIR... > before.txt`

use sitmon::config::Scenario;
use sitmon::extract::Extractor;
use sitmon::ingest::Reader;

fn main() {
    let scenario = Scenario::builtin();
    let reader = Reader::new(&scenario);
    let extractor = Extractor::new(&scenario);
    for dir in std::env::args().skip(1) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("cannot read {dir}");
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let name = p
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().to_string());
            let Ok(Some((article, _))) = reader.read(&p, &name) else {
                continue;
            };
            println!("== {dir}/{name}");
            for o in extractor.extract(&article) {
                println!("{o:?}");
            }
        }
    }
}
