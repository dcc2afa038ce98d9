/// The files a scenario folder holds, in load order. `language.toml` may
/// sit beside them; else the scenario names a shared language.
pub const FILES: [&str; 6] = [
    "scenario.toml",
    "places.toml",
    "countries.toml",
    "actors.toml",
    "lexicon.toml",
    "boilerplate.toml",
];
