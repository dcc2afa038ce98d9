//! Parsing and validation, with errors that name file, line and problem.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::schema::*;
use super::{fold_key, Scenario};

/// A configuration problem, located as precisely as the parser allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based line and column, when known.
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
}

impl ConfigError {
    pub(crate) fn plain(file: &Path, message: &str) -> ConfigError {
        ConfigError {
            file: file.to_path_buf(),
            line: None,
            col: None,
            message: message.to_string(),
        }
    }

    fn at(file: &Path, text: &str, offset: usize, message: String) -> ConfigError {
        let (line, col) = line_col(text, offset);
        ConfigError {
            file: file.to_path_buf(),
            line: Some(line),
            col: Some(col),
            message,
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.col {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

pub(crate) fn parse_one<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let msg = e.message().trim().to_string();
        match e.span() {
            Some(span) => ConfigError::at(path, text, span.start, msg),
            None => ConfigError::plain(path, &msg),
        }
    })
}

/// Offset of the first occurrence of `needle` as a TOML string, to point
/// validation errors at a line.
fn find_str(text: &str, needle: &str) -> usize {
    text.find(&format!("\"{needle}\"")).unwrap_or(0)
}

pub(super) fn parse(texts: &[(PathBuf, String)]) -> Result<Scenario, ConfigError> {
    let [scen, places, countries, actors, lexicon, language, boiler] = texts else {
        unreachable!("FILES has seven entries");
    };
    let scenario: ScenarioFile = parse_one(&scen.0, &scen.1)?;
    let places_f: PlacesFile = parse_one(&places.0, &places.1)?;
    let countries_f: CountriesFile = parse_one(&countries.0, &countries.1)?;
    let actors: ActorsFile = parse_one(&actors.0, &actors.1)?;
    let lexicon: LexiconFile = parse_one(&lexicon.0, &lexicon.1)?;
    let language: LanguageFile = parse_one(&language.0, &language.1)?;
    let boilerplate: BoilerplateFile = parse_one(&boiler.0, &boiler.1)?;

    validate_places(&places.0, &places.1, &places_f.capitals)?;
    validate_countries(&countries.0, &countries.1, &countries_f.countries)?;
    for pat in &boilerplate.line_patterns {
        if let Err(e) = regex::Regex::new(pat) {
            return Err(ConfigError::at(
                &boiler.0,
                &boiler.1,
                boiler.1.find(pat.as_str()).unwrap_or(0),
                format!("bad line pattern {pat:?}: {e}"),
            ));
        }
    }
    if scenario.total_capitals == 0 {
        return Err(ConfigError::plain(
            &scen.0,
            "total_capitals must be above 0",
        ));
    }
    Ok(Scenario {
        dir: None,
        scenario,
        places: places_f.capitals,
        countries: countries_f.countries,
        actors,
        lexicon,
        language,
        boilerplate,
    })
}

fn validate_places(path: &Path, text: &str, caps: &[CapitalEntry]) -> Result<(), ConfigError> {
    if caps.is_empty() {
        return Err(ConfigError::plain(path, "no [[capital]] entries"));
    }
    let mut seen: HashMap<String, &str> = HashMap::new();
    for c in caps {
        if !(-90.0..=90.0).contains(&c.lat) || !(-180.0..=180.0).contains(&c.lon) {
            return Err(ConfigError::at(
                path,
                text,
                find_str(text, &c.name),
                format!(
                    "{}: coordinates {}, {} are out of range",
                    c.name, c.lat, c.lon
                ),
            ));
        }
        for n in std::iter::once(&c.name).chain(&c.aliases) {
            let k = fold_key(n);
            if k.is_empty() {
                return Err(ConfigError::at(
                    path,
                    text,
                    find_str(text, &c.name),
                    format!("{}: empty name or alias", c.name),
                ));
            }
            if let Some(other) = seen.insert(k, &c.name) {
                if other != c.name {
                    return Err(ConfigError::at(
                        path,
                        text,
                        find_str(text, n),
                        format!("{n:?} names both {other} and {}", c.name),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn validate_countries(path: &Path, text: &str, cs: &[CountryEntry]) -> Result<(), ConfigError> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for c in cs {
        for n in std::iter::once(&c.name)
            .chain(&c.aliases)
            .chain(&c.demonyms)
            .chain(&c.metonyms)
        {
            if let Some(other) = seen.insert(n.to_lowercase(), &c.name) {
                if other != c.name {
                    return Err(ConfigError::at(
                        path,
                        text,
                        find_str(text, n),
                        format!("{n:?} names both {other} and {}", c.name),
                    ));
                }
            }
        }
    }
    Ok(())
}
