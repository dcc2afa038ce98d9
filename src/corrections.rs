//! Analysts' corrections: an append-only JSONL journal in the feeds folder,
//! `DIR/.sitmon/corrections.jsonl`, one entry per line:
//!
//! ```json
//! {"at":"2021-08-17T09:00:00Z","by":"alice","via":"cli","capital":"Arden","status":"contested","note":"two sources"}
//! {"at":"...","by":"SHA256:...","via":"ssh","country":"United Kingdom","troops":900}
//! {"at":"...","by":"...","dismiss":{"file":"012.txt","start":120,"end":260}}
//! {"at":"...","by":"...","capital":"Arden","clear":true}
//! ```
//!
//! The latest entry for a target wins; `clear` removes it. Capital and
//! troop corrections are the last layer of the fold (the articles' value is
//! kept beside them); a dismissed sentence's observations are not folded at
//! all. A bad line is a warning and is skipped.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::config::Scenario;
use crate::model::{CountryId, Observation, PlaceId};
use crate::state::Standing;

/// The folder of sitmon's own files inside the feeds folder.
pub const DIR: &str = ".sitmon";
/// The journal's name in [`DIR`].
pub const FILE: &str = "corrections.jsonl";

/// The journal of a feeds folder.
pub fn journal_path(feeds: &Path) -> PathBuf {
    feeds.join(DIR).join(FILE)
}

/// A troop figure, or a deployment without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Figure {
    Count(u32),
    Word(NoFigure),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoFigure {
    Unspecified,
}

impl Figure {
    pub fn troops(self) -> Option<u32> {
        match self {
            Figure::Count(n) => Some(n),
            Figure::Word(_) => None,
        }
    }

    /// "900", or "unspecified" (also "none", "deployed") for no figure.
    pub fn parse(s: &str) -> Result<Figure, String> {
        let s = s.trim();
        match s.to_ascii_lowercase().as_str() {
            "unspecified" | "none" | "deployed" | "no figure" => {
                Ok(Figure::Word(NoFigure::Unspecified))
            }
            _ => s
                .replace([',', '_'], "")
                .parse()
                .map(Figure::Count)
                .map_err(|_| format!("{s:?} is not a troop figure (a number, or \"unspecified\")")),
        }
    }
}

/// A sentence, as evidence gives it: file and byte span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentenceRef {
    pub file: String,
    pub start: usize,
    pub end: usize,
    /// The sentence, for readers of the journal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
}

/// One line of the journal, as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub at: DateTime<Utc>,
    /// The SSH key's fingerprint, or the local user.
    pub by: String,
    /// `cli`, `dashboard` or `ssh`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Standing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub troops: Option<Figure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismiss: Option<SentenceRef>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub clear: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What a correction does, with names resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fix {
    Capital {
        place: PlaceId,
        standing: Standing,
    },
    Troops {
        country: CountryId,
        troops: Option<u32>,
    },
    Dismiss {
        file: Arc<str>,
        start: usize,
        end: usize,
    },
}

/// What a correction is about: the latest entry per target wins.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Capital(PlaceId),
    Country(CountryId),
    Sentence(Arc<str>, usize, usize),
}

/// A journal entry, checked against the scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub at: DateTime<Utc>,
    pub by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub fix: Fix,
    /// The sentence of a dismissal, as the journal gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    /// This entry removes the target's correction.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub clear: bool,
}

impl Correction {
    pub fn target(&self) -> Target {
        match &self.fix {
            Fix::Capital { place, .. } => Target::Capital(*place),
            Fix::Troops { country, .. } => Target::Country(*country),
            Fix::Dismiss { file, start, end } => Target::Sentence(file.clone(), *start, *end),
        }
    }

    /// "alice, 2021-08-17 09:00Z".
    pub fn signed(&self) -> String {
        format!("{}, {}", self.by, self.at.format("%Y-%m-%d %H:%MZ"))
    }
}

impl Entry {
    /// An entry made now by `by`.
    pub fn now(by: &str, via: &str) -> Entry {
        Entry {
            at: Utc::now(),
            by: by.to_string(),
            via: Some(via.to_string()),
            capital: None,
            status: None,
            country: None,
            troops: None,
            dismiss: None,
            clear: false,
            note: None,
        }
    }

    /// Check the entry against the scenario: exactly one target, and a
    /// value for it unless it clears.
    pub fn resolve(&self, scenario: &Scenario) -> Result<Correction, String> {
        let targets = usize::from(self.capital.is_some())
            + usize::from(self.country.is_some())
            + usize::from(self.dismiss.is_some());
        if targets != 1 {
            return Err("needs exactly one of \"capital\", \"country\" or \"dismiss\"".into());
        }
        let fix = if let Some(name) = &self.capital {
            let place = scenario
                .place_index(name)
                .ok_or_else(|| format!("unknown capital {name:?}"))?;
            let standing = match (self.status, self.clear) {
                (Some(s), false) => s,
                (_, true) => Standing::Held,
                (None, false) => return Err(format!("capital {name:?} needs a \"status\"")),
            };
            Fix::Capital {
                place: place as PlaceId,
                standing,
            }
        } else if let Some(name) = &self.country {
            let country = scenario
                .country_index(name)
                .ok_or_else(|| format!("unknown country {name:?}"))?;
            let troops = match (self.troops, self.clear) {
                (Some(f), false) => f.troops(),
                (_, true) => None,
                (None, false) => return Err(format!("country {name:?} needs \"troops\"")),
            };
            Fix::Troops {
                country: country as CountryId,
                troops,
            }
        } else {
            let s = self.dismiss.as_ref().ok_or("no target")?;
            if s.end <= s.start {
                return Err(format!("dismiss: empty span {}..{}", s.start, s.end));
            }
            Fix::Dismiss {
                file: Arc::from(s.file.as_str()),
                start: s.start,
                end: s.end,
            }
        };
        Ok(Correction {
            at: self.at,
            by: self.by.clone(),
            via: self.via.clone(),
            note: self.note.clone().filter(|n| !n.trim().is_empty()),
            sentence: self.dismiss.as_ref().and_then(|d| d.sentence.clone()),
            fix,
            clear: self.clear,
        })
    }

    /// One JSON line, with the time in RFC 3339.
    pub fn to_line(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "at".into(),
                self.at.to_rfc3339_opts(SecondsFormat::Secs, true).into(),
            );
        }
        v.to_string()
    }
}

/// Every entry of a journal, in order, and what was wrong with the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corrections {
    pub entries: Vec<Arc<Correction>>,
    pub warnings: Vec<String>,
}

/// The corrections in force at a time: the latest per target.
#[derive(Debug, Clone, Default)]
pub struct Active {
    /// Capital and troop corrections, in journal order.
    pub fixes: Vec<Arc<Correction>>,
    pub dismissed: HashSet<(Arc<str>, usize, usize)>,
    /// Every correction in force, dismissals too, in journal order.
    pub all: Vec<Arc<Correction>>,
}

impl Active {
    pub fn is_dismissed(&self, o: &Observation) -> bool {
        !self.dismissed.is_empty()
            && self.dismissed.contains(&(
                o.evidence.file.arc().clone(),
                o.evidence.start() as usize,
                o.evidence.end() as usize,
            ))
    }
}

impl Corrections {
    /// Parse journal text; `path` labels warnings as `FILE:LINE: PROBLEM`.
    pub fn parse(path: &Path, text: &str, scenario: &Scenario) -> Corrections {
        let mut out = Corrections::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let parsed = serde_json::from_str::<Entry>(line)
                .map_err(|e| e.to_string())
                .and_then(|e| e.resolve(scenario));
            match parsed {
                Ok(c) => out.entries.push(Arc::new(c)),
                Err(e) => {
                    out.warnings
                        .push(format!("{}:{}: {e}; line skipped", path.display(), i + 1))
                }
            }
        }
        out
    }

    /// The journal of `feeds`; none is no corrections.
    pub fn load(feeds: &Path, scenario: &Scenario) -> Corrections {
        let path = journal_path(feeds);
        match fs::read_to_string(&path) {
            Ok(text) => Corrections::parse(&path, &text, scenario),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Corrections::default(),
            Err(e) => Corrections {
                entries: Vec::new(),
                warnings: vec![format!("{}: cannot be read: {e}", path.display())],
            },
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The corrections in force at `until` (every one when `None`).
    /// Dismissals hold whenever they were made: the sentence was never
    /// right.
    pub fn active(&self, until: Option<DateTime<Utc>>) -> Active {
        let mut latest: BTreeMap<Target, (usize, Arc<Correction>)> = BTreeMap::new();
        for (i, c) in self.entries.iter().enumerate() {
            let dismissal = matches!(c.fix, Fix::Dismiss { .. });
            if !dismissal && until.is_some_and(|t| c.at > t) {
                continue;
            }
            if c.clear {
                latest.remove(&c.target());
            } else {
                latest.insert(c.target(), (i, c.clone()));
            }
        }
        let mut all: Vec<(usize, Arc<Correction>)> = latest.into_values().collect();
        all.sort_by_key(|(i, _)| *i);
        let mut active = Active::default();
        for (_, c) in all {
            match &c.fix {
                Fix::Dismiss { file, start, end } => {
                    active.dismissed.insert((file.clone(), *start, *end));
                }
                _ => active.fixes.push(c.clone()),
            }
            active.all.push(c);
        }
        active
    }
}

/// Append one entry to the journal of `feeds`, creating `.sitmon/`.
/// Returns the journal's path.
pub fn append(feeds: &Path, entry: &Entry) -> io::Result<PathBuf> {
    let path = journal_path(feeds);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut line = entry.to_line();
    line.push('\n');
    // One write of one line with O_APPEND: writers do not interleave.
    let mut f = OpenOptions::new().create(true).append(true).open(&path)?;
    f.write_all(line.as_bytes())?;
    f.sync_data()?;
    Ok(path)
}

/// Who is correcting from this machine: `$USER`, `$LOGNAME`, the home
/// folder's name, else "unknown".
pub fn local_user() -> String {
    let home = || {
        std::env::var_os("HOME").and_then(|h| {
            Path::new(&h)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
    };
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .or_else(home)
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_wins_and_clear_removes() {
        let s = Scenario::builtin();
        let name = s.places[0].name.clone();
        let text = format!(
            "{{\"at\":\"2021-08-17T09:00:00Z\",\"by\":\"a\",\"capital\":\"{name}\",\"status\":\"contested\"}}\n\
             {{\"at\":\"2021-08-17T10:00:00Z\",\"by\":\"b\",\"capital\":\"{name}\",\"status\":\"held\",\"note\":\"n\"}}\n\
             not json\n\
             {{\"at\":\"2021-08-17T11:00:00Z\",\"by\":\"c\",\"capital\":\"Nowhere\",\"status\":\"held\"}}\n"
        );
        let c = Corrections::parse(Path::new("j.jsonl"), &text, &s);
        assert_eq!(c.entries.len(), 2);
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
        assert!(c.warnings[0].starts_with("j.jsonl:3: "), "{:?}", c.warnings);
        let a = c.active(None);
        assert_eq!(a.fixes.len(), 1);
        assert_eq!(a.fixes[0].by, "b");
        let early = c.active(Some("2021-08-17T09:30:00Z".parse().unwrap()));
        assert_eq!(early.fixes[0].by, "a");
        let cleared = format!(
            "{text}{{\"at\":\"2021-08-17T12:00:00Z\",\"by\":\"d\",\"capital\":\"{name}\",\"clear\":true}}\n"
        );
        let c = Corrections::parse(Path::new("j"), &cleared, &s);
        assert!(c.active(None).fixes.is_empty());
    }

    #[test]
    fn entries_round_trip() {
        let s = Scenario::builtin();
        let mut e = Entry::now("alice", "cli");
        e.country = Some(s.countries[0].name.clone());
        e.troops = Some(Figure::parse("1,200").unwrap());
        let back: Entry = serde_json::from_str(&e.to_line()).unwrap();
        assert_eq!(back.troops, Some(Figure::Count(1200)));
        e.troops = Some(Figure::parse("unspecified").unwrap());
        let back: Entry = serde_json::from_str(&e.to_line()).unwrap();
        assert_eq!(
            back.resolve(&s).unwrap().fix,
            Fix::Troops {
                country: 0,
                troops: None
            }
        );
    }
}
