//! Scenario configuration: places, actors, countries and every lexicon.
//!
//! A scenario is a folder of TOML files (see `config/README.md`). The
//! shipped one is also compiled in, so the binary runs from anywhere.

mod load;
pub mod schema;

use std::path::{Path, PathBuf};

pub(crate) use load::parse_one;
pub use load::ConfigError;
pub use schema::*;

/// The files a scenario folder holds, in load order.
pub const FILES: [&str; 7] = [
    "scenario.toml",
    "places.toml",
    "countries.toml",
    "actors.toml",
    "lexicon.toml",
    "language.toml",
    "boilerplate.toml",
];

const BUILTIN: [(&str, &str); 7] = [
    ("scenario.toml", include_str!("../../config/scenario.toml")),
    ("places.toml", include_str!("../../config/places.toml")),
    (
        "countries.toml",
        include_str!("../../config/countries.toml"),
    ),
    ("actors.toml", include_str!("../../config/actors.toml")),
    ("lexicon.toml", include_str!("../../config/lexicon.toml")),
    ("language.toml", include_str!("../../config/language.toml")),
    (
        "boilerplate.toml",
        include_str!("../../config/boilerplate.toml"),
    ),
];

/// A loaded, validated scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Where it was loaded from; `None` for the compiled-in default.
    pub dir: Option<PathBuf>,
    pub scenario: ScenarioFile,
    pub places: Vec<CapitalEntry>,
    pub countries: Vec<CountryEntry>,
    pub actors: ActorsFile,
    pub lexicon: LexiconFile,
    pub language: LanguageFile,
    pub boilerplate: BoilerplateFile,
}

impl Scenario {
    /// Load and validate the scenario in `dir`.
    pub fn load(dir: &Path) -> Result<Scenario, ConfigError> {
        if !dir.is_dir() {
            return Err(ConfigError::plain(
                dir,
                "is not a folder; pass --config DIR with the scenario's TOML files",
            ));
        }
        let mut texts = Vec::with_capacity(FILES.len());
        for name in FILES {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| ConfigError::plain(&path, &format!("cannot be read: {e}")))?;
            texts.push((path, text));
        }
        let mut s = load::parse(&texts)?;
        s.dir = Some(dir.to_path_buf());
        Ok(s)
    }

    /// The shipped scenario, compiled into the binary.
    pub fn builtin() -> Scenario {
        let texts: Vec<(PathBuf, String)> = BUILTIN
            .iter()
            .map(|(n, t)| (PathBuf::from("config").join(n), t.to_string()))
            .collect();
        // The shipped config is validated by the test suite.
        load::parse(&texts).expect("the compiled-in config/ is valid")
    }

    /// `dir` when given, else `./config` when present, else the built-in one.
    pub fn resolve(dir: Option<&Path>) -> Result<Scenario, ConfigError> {
        match dir {
            Some(d) => Scenario::load(d),
            None if Path::new("config/scenario.toml").is_file() => {
                Scenario::load(Path::new("config"))
            }
            None => Ok(Scenario::builtin()),
        }
    }

    pub fn place_index(&self, name: &str) -> Option<usize> {
        let k = fold_key(name);
        self.places
            .iter()
            .position(|p| fold_key(&p.name) == k || p.aliases.iter().any(|a| fold_key(a) == k))
    }

    pub fn country_index(&self, name: &str) -> Option<usize> {
        let k = fold_key(name);
        self.countries.iter().position(|c| {
            fold_key(&c.name) == k
                || c.aliases.iter().any(|a| fold_key(a) == k)
                || c.demonyms.iter().any(|a| fold_key(a) == k)
        })
    }
}

/// Lowercase alphanumerics only: how names are compared across spellings.
pub fn fold_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}
