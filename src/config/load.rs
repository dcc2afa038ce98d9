//! Parsing, with errors that name file, line and problem: every error of
//! every file in one run, not only the first.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use super::schema::*;
use super::{validate, Scenario};

/// A configuration problem, located as precisely as the parser allows.
/// When a load finds several, the first carries the others in `more`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based line and column, when known.
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
    /// The other problems found in the same load, in file order.
    pub more: Vec<ConfigError>,
}

impl ConfigError {
    pub(crate) fn plain(file: &Path, message: &str) -> ConfigError {
        ConfigError {
            file: file.to_path_buf(),
            line: None,
            col: None,
            message: message.to_string(),
            more: Vec::new(),
        }
    }

    pub(crate) fn at(file: &Path, text: &str, offset: usize, message: String) -> ConfigError {
        let (line, col) = line_col(text, offset);
        ConfigError {
            file: file.to_path_buf(),
            line: Some(line),
            col: Some(col),
            message,
            more: Vec::new(),
        }
    }

    /// This problem and the others found with it.
    pub fn all(&self) -> impl Iterator<Item = &ConfigError> {
        std::iter::once(self).chain(&self.more)
    }
}

impl fmt::Display for ConfigError {
    /// `FILE:LINE:COL: PROBLEM`, then each further problem on a line of its
    /// own after `error: `, as the command line prints the first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.col {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        for m in &self.more {
            write!(f, "\nerror: {m}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

/// One file, first error only: for the settings files (`ui.toml`,
/// `serve.toml`).
pub(crate) fn parse_one<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let msg = e.message().trim().to_string();
        match e.span() {
            Some(span) => ConfigError::at(path, text, span.start, msg),
            None => ConfigError::plain(path, &msg),
        }
    })
}

/// Errors and warnings met while loading, in the order found.
#[derive(Default)]
pub(super) struct Problems {
    pub errors: Vec<ConfigError>,
    pub warnings: Vec<ConfigError>,
}

impl Problems {
    pub fn error(&mut self, file: &Path, text: &str, offset: usize, message: String) {
        self.errors
            .push(ConfigError::at(file, text, offset, message));
    }

    pub fn warn(&mut self, file: &Path, text: &str, offset: usize, message: String) {
        self.warnings
            .push(ConfigError::at(file, text, offset, message));
    }
}

/// What a TOML error says, with the key named where the parser leaves it
/// out ("duplicate key" becomes "duplicate key `name`").
fn message(e: &toml::de::Error, text: &str) -> String {
    let msg = e.message().trim();
    let key = e
        .span()
        .and_then(|s| text.get(s))
        .map(|k| k.trim().trim_matches('"'))
        .filter(|k| !k.is_empty());
    match (msg, key) {
        ("duplicate key", Some(k)) => format!("duplicate key `{k}`"),
        _ => msg.replacen("unknown field", "unknown key", 1),
    }
}

fn covers(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Whether `span` lies inside `v` (its own span, or a key or value within:
/// an array-of-tables item's span is only its header).
fn holds(v: &Spanned<DeValue<'_>>, span: &Range<usize>) -> bool {
    covers(&v.span(), span)
        || match v.get_ref() {
            DeValue::Table(t) => t
                .iter()
                .any(|(k, v)| covers(&k.span(), span) || holds(v, span)),
            DeValue::Array(a) => a.iter().any(|i| holds(i, span)),
            _ => false,
        }
}

/// Take out of `t` the innermost entry or array item at `span`, so that
/// deserializing again reaches the next problem. Whether anything went.
fn prune(t: &mut DeTable<'_>, span: &Range<usize>) -> bool {
    let Some(key) = t
        .iter()
        .find(|(k, v)| covers(&k.span(), span) || holds(v, span))
        .map(|(k, _)| k.clone())
    else {
        return false;
    };
    let on_key = covers(&key.span(), span);
    if let Some(v) = t.get_mut(&key) {
        if !on_key && v.span() != *span && descend(v.get_mut(), span) {
            return true;
        }
    }
    t.remove(&key);
    true
}

fn descend(v: &mut DeValue<'_>, span: &Range<usize>) -> bool {
    match v {
        DeValue::Table(t) => prune(t, span),
        DeValue::Array(a) => {
            let Some(i) = a.iter().position(|item| holds(item, span)) else {
                return false;
            };
            let items: &mut [Spanned<DeValue<'_>>] = a;
            if items[i].span() != *span && descend(items[i].get_mut(), span) {
                return true;
            }
            let mut kept = DeArray::new();
            for (k, item) in a.iter().enumerate() {
                if k != i {
                    kept.push(item.clone());
                }
            }
            *a = kept;
            true
        }
        _ => false,
    }
}

/// One file, every error: syntax errors all at once; then each type error
/// or unknown key, taking out what it was about and reading again. The
/// value only when the file has no error.
pub(super) fn parse_file<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    p: &mut Problems,
) -> Option<T> {
    let (mut table, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        for e in &syntax {
            let at = e.span().map_or(0, |s| s.start);
            p.error(path, text, at, message(e, text));
        }
        return None;
    }
    let mut clean = true;
    // each round takes something out, so this ends; the bound is a guard
    for _ in 0..256 {
        match T::deserialize(toml::de::Deserializer::from(table.clone())) {
            Ok(v) => return clean.then_some(v),
            Err(e) => {
                clean = false;
                let span = e.span().unwrap_or(0..0);
                p.error(path, text, span.start, message(&e, text));
                if (span.is_empty() && span.start == 0) || !prune(table.get_mut(), &span) {
                    return None;
                }
            }
        }
    }
    None
}

/// Parse the six files of a scenario (see [`super::FILES`]) and its
/// language, and validate them together.
pub(super) fn parse(
    id: &str,
    texts: &[(PathBuf, String)],
    language: impl Fn(&str) -> Option<(PathBuf, String)>,
) -> Result<Scenario, ConfigError> {
    let [scen, places, countries, actors, lexicon, boiler] = texts else {
        unreachable!("FILES has six entries");
    };
    let mut p = Problems::default();
    let scenario: Option<ScenarioFile> = parse_file(&scen.0, &scen.1, &mut p);
    let places_f: Option<PlacesFile> = parse_file(&places.0, &places.1, &mut p);
    let countries_f: Option<CountriesFile> = parse_file(&countries.0, &countries.1, &mut p);
    let actors_f: Option<ActorsFile> = parse_file(&actors.0, &actors.1, &mut p);
    let lexicon_f: Option<LexiconFile> = parse_file(&lexicon.0, &lexicon.1, &mut p);
    let boiler_f: Option<BoilerplateFile> = parse_file(&boiler.0, &boiler.1, &mut p);
    let lang_name = scenario
        .as_ref()
        .map_or_else(|| "english".to_string(), |s| s.language.clone());
    let lang = match language(&lang_name) {
        Some(l) => Some(l),
        None => {
            p.error(
                &scen.0,
                &scen.1,
                scen.1.find("language").unwrap_or(0),
                format!(
                    "no language {lang_name:?}: put a language.toml beside the scenario, or \
                     config/language/{lang_name}.toml"
                ),
            );
            None
        }
    };
    let language_f: Option<LanguageFile> = lang
        .as_ref()
        .and_then(|(path, text)| parse_file(path, text, &mut p));
    let files = validate::Files {
        scenario: (scen, scenario.as_ref()),
        places: (places, places_f.as_ref()),
        countries: (countries, countries_f.as_ref()),
        actors: (actors, actors_f.as_ref()),
        lexicon: (lexicon, lexicon_f.as_ref()),
        boilerplate: (boiler, boiler_f.as_ref()),
    };
    let compiled = validate::check(&files, &mut p);
    let mut errors = p.errors.into_iter();
    if let Some(mut first) = errors.next() {
        first.more = errors.collect();
        return Err(first);
    }
    match (
        scenario,
        places_f,
        countries_f,
        lexicon_f,
        language_f,
        boiler_f,
        compiled,
    ) {
        (
            Some(scenario),
            Some(places_f),
            Some(countries_f),
            Some(lexicon),
            Some(language),
            Some(boilerplate),
            Some(actors),
        ) => Ok(Scenario {
            dir: None,
            id: id.to_string(),
            scenario,
            places: places_f.capitals,
            untracked: places_f.untracked,
            countries: countries_f.countries,
            actors,
            lexicon,
            language,
            boilerplate,
            warnings: p.warnings,
        }),
        // every missing part reported an error above
        _ => Err(ConfigError::plain(
            &scen.0,
            "the scenario could not be read",
        )),
    }
}
