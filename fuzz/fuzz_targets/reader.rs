//! Any bytes, as any kind of article file: the reader never panics, and
//! what it makes of them holds together (ranges inside the text).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sitmon::config::Scenario;
use sitmon::ingest::Reader;

fn reader() -> &'static Reader {
    static READER: OnceLock<Reader> = OnceLock::new();
    READER.get_or_init(|| Reader::new(&Scenario::builtin()))
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = ["a.txt", "a.md", "a.html", "a.json"][pick as usize % 4];
    let Ok(Some((article, _))) = reader().read_bytes(Path::new(name), name, bytes.to_vec()) else {
        return;
    };
    for r in article.paragraphs.iter().chain(&article.headline) {
        assert!(article.text.get(r.clone()).is_some(), "{r:?} outside the text");
    }
});
