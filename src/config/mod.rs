//! Scenario configuration: places, actors, countries and every lexicon.
//!
//! A scenario is a folder of TOML files (see `config/README.md`); the
//! shipped ones are folders of `config/`, and are also compiled in, so the
//! binary runs from anywhere. The language of the articles is shared by
//! scenarios: `config/language/NAME.toml`.

mod load;
pub mod schema;
mod validate;

use std::path::{Path, PathBuf};

pub(crate) use load::parse_one;
pub use load::ConfigError;
pub use schema::*;

use crate::model::GroupId;

// build.rs compiles the shipped scenarios from the same list.
include!("files.rs");

/// The folder of scenarios, relative to where sitmon runs.
pub const SCENARIOS_DIR: &str = "config";

// BUILTIN, LANGUAGES and DEFAULT: what `config/` ships, compiled in by
// build.rs.
include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// An attacking group or a third party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub description: String,
    pub names: Vec<String>,
}

/// Who is who, compiled from `actors.toml`.
#[derive(Debug, Clone)]
pub struct Actors {
    /// Every word of every attacking group.
    pub attacker: Vec<String>,
    pub defender: Vec<String>,
    /// Every word of every third party.
    pub third_party: Vec<String>,
    /// The attacking groups, by [`GroupId`].
    pub groups: Vec<Group>,
    /// The group that stands for the attacking side in general.
    pub generic: GroupId,
    pub third_parties: Vec<Group>,
}

impl Actors {
    /// The group's name; the generic attacker's for `None`.
    pub fn controller(&self, g: Option<GroupId>) -> &Group {
        let i = g.unwrap_or(self.generic).0 as usize;
        self.groups
            .get(i)
            .unwrap_or(&self.groups[self.generic.0 as usize])
    }

    /// The group a name belongs to, compared case-insensitively.
    pub fn group_named(&self, name: &str) -> Option<GroupId> {
        let n = name.trim().to_lowercase();
        self.groups
            .iter()
            .position(|g| g.name.to_lowercase() == n)
            .map(|i| GroupId(i as u16))
    }
}

/// A loaded, validated scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Where it was loaded from; `None` for a compiled-in one.
    pub dir: Option<PathBuf>,
    /// Its folder's name ("syria-2024").
    pub id: String,
    pub scenario: ScenarioFile,
    /// The tracked places, by `PlaceId`.
    pub places: Vec<CapitalEntry>,
    /// Places the text may name that are not tracked.
    pub untracked: Vec<PlaceEntry>,
    pub countries: Vec<CountryEntry>,
    pub actors: Actors,
    pub lexicon: LexiconFile,
    pub language: LanguageFile,
    pub boilerplate: BoilerplateFile,
    /// Problems that do not stop it loading, as `FILE:LINE:COL: PROBLEM`.
    pub warnings: Vec<ConfigError>,
}

/// One scenario as `sitmon scenarios` lists it.
#[derive(Debug, Clone)]
pub struct Listing {
    pub id: String,
    /// Where it is read from: `config/NAME`, or `built-in`.
    pub source: String,
    /// Its title, places and sides; or why it does not load.
    pub summary: Result<String, String>,
}

impl Scenario {
    /// Load and validate the scenario in `dir`.
    pub fn load(dir: &Path) -> Result<Scenario, ConfigError> {
        if !dir.is_dir() {
            return Err(ConfigError::plain(
                dir,
                "is not a folder; pass --config DIR with the scenario's TOML files, or --scenario NAME",
            ));
        }
        if !dir.join(FILES[0]).is_file() {
            let inside = folder_scenarios(dir);
            if !inside.is_empty() {
                return Err(ConfigError::plain(
                    dir,
                    &format!(
                        "holds scenarios ({}), not one; pass --config {}/NAME or --scenario NAME",
                        inside.join(", "),
                        dir.display()
                    ),
                ));
            }
        }
        let mut texts = Vec::with_capacity(FILES.len());
        for name in FILES {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| ConfigError::plain(&path, &format!("cannot be read: {e}")))?;
            texts.push((path, text));
        }
        let id = dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let mut s = load::parse(&id, &texts, |lang| language_in(dir, lang))?;
        s.dir = Some(dir.to_path_buf());
        Ok(s)
    }

    /// The default shipped scenario, compiled into the binary.
    pub fn builtin() -> Scenario {
        // The shipped configs are validated by the test suite.
        Scenario::builtin_named(DEFAULT)
            .expect("the default scenario is built in")
            .expect("the compiled-in scenario is valid")
    }

    /// A compiled-in scenario by name.
    pub fn builtin_named(name: &str) -> Option<Result<Scenario, ConfigError>> {
        let (id, files) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        let texts: Vec<(PathBuf, String)> = FILES
            .iter()
            .zip(files)
            .map(|(f, t)| (Path::new(SCENARIOS_DIR).join(id).join(f), t.to_string()))
            .collect();
        Some(load::parse(id, &texts, builtin_language))
    }

    /// `./config/NAME` when present, else the built-in scenario of that name.
    pub fn named(name: &str) -> Result<Scenario, ConfigError> {
        let plain = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !name.starts_with('.');
        if !plain {
            return Err(ConfigError::plain(
                Path::new(name),
                "is not a scenario name; use --config DIR for a folder",
            ));
        }
        let dir = Path::new(SCENARIOS_DIR).join(name);
        if dir.join(FILES[0]).is_file() {
            return Scenario::load(&dir);
        }
        Scenario::builtin_named(name).unwrap_or_else(|| {
            let known: Vec<String> = Scenario::list().into_iter().map(|l| l.id).collect();
            Err(ConfigError::plain(
                Path::new(name),
                &format!(
                    "is no scenario; there are: {} (`sitmon scenarios` lists them)",
                    known.join(", ")
                ),
            ))
        })
    }

    /// `dir` when given, else the default scenario (`./config/NAME`, else
    /// built in).
    pub fn resolve(dir: Option<&Path>) -> Result<Scenario, ConfigError> {
        match dir {
            Some(d) => Scenario::load(d),
            None => Scenario::named(DEFAULT),
        }
    }

    /// The scenarios in `./config`, then the built-in ones not there.
    pub fn list() -> Vec<Listing> {
        let root = Path::new(SCENARIOS_DIR);
        let mut out: Vec<Listing> = folder_scenarios(root)
            .into_iter()
            .map(|id| {
                let dir = root.join(&id);
                Listing {
                    summary: Scenario::load(&dir)
                        .map(|s| s.summary())
                        .map_err(|e| e.to_string()),
                    source: dir.display().to_string(),
                    id,
                }
            })
            .collect();
        for (id, _) in BUILTIN {
            if out.iter().all(|l| l.id != id) {
                out.push(Listing {
                    id: id.to_string(),
                    source: "built-in".to_string(),
                    summary: Scenario::builtin_named(id)
                        .expect("listed")
                        .map(|s| s.summary())
                        .map_err(|e| e.to_string()),
                });
            }
        }
        out
    }

    /// "Title: 34 places; attackers Arden Front": one line.
    pub fn summary(&self) -> String {
        let groups: Vec<&str> = self.actors.groups.iter().map(|g| g.name.as_str()).collect();
        let mut line = format!(
            "{}: {} tracked places, attackers {}",
            self.scenario.name,
            self.places.len(),
            groups.join(", ")
        );
        if !self.actors.third_parties.is_empty() {
            let third: Vec<&str> = self
                .actors
                .third_parties
                .iter()
                .map(|g| g.name.as_str())
                .collect();
            line.push_str(&format!("; third parties {}", third.join(", ")));
        }
        line
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

/// Names of the scenario folders in `root`, sorted.
fn folder_scenarios(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join(FILES[0]).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A scenario folder's language: its own `language.toml`, else
/// `../language/NAME.toml`, else the built-in one.
fn language_in(dir: &Path, name: &str) -> Option<(PathBuf, String)> {
    let own = dir.join("language.toml");
    let shared = dir
        .parent()
        .map(|p| p.join("language").join(format!("{name}.toml")));
    for path in std::iter::once(own).chain(shared) {
        if let Ok(text) = std::fs::read_to_string(&path) {
            return Some((path, text));
        }
    }
    builtin_language(name)
}

fn builtin_language(name: &str) -> Option<(PathBuf, String)> {
    LANGUAGES.iter().find(|(n, _)| *n == name).map(|(n, t)| {
        (
            Path::new(SCENARIOS_DIR)
                .join("language")
                .join(format!("{n}.toml")),
            t.to_string(),
        )
    })
}

/// Lowercase alphanumerics only: how names are compared across spellings.
pub fn fold_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}
