//! Types shared by every stage: articles in, observations out.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

/// Index of a provincial capital in [`crate::config::Scenario::places`].
pub type PlaceId = u16;
/// Index of a country in [`crate::config::Scenario::countries`].
pub type CountryId = u16;

/// How an article file was parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Json,
}

/// One article, reduced to plain text.
///
/// All byte ranges index into `text`. For `.txt`/`.md` files `text` is the
/// file itself (lossily decoded), so ranges are file offsets; for HTML and
/// JSON it is the visible text the parser produced.
#[derive(Debug, Clone)]
pub struct Article {
    /// File name relative to the feeds folder; the ordering key.
    pub name: Arc<str>,
    pub format: Format,
    pub text: String,
    /// The headline, when the file has one.
    pub headline: Option<Range<usize>>,
    /// Paragraphs that carry article prose, in order (headline included
    /// first when present). Boilerplate (share bars, "Also Read", page dates,
    /// breadcrumbs...) is already left out.
    pub paragraphs: Vec<Range<usize>>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// blake3 of the prose, so the same article under two names counts once.
    pub hash: [u8; 32],
}

impl Article {
    pub fn headline_text(&self) -> Option<&str> {
        self.headline.clone().map(|r| &self.text[r])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Only the attacker says so.
    Claimed,
    Confirmed,
}

/// A troop figure as reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum Troops {
    /// "about 600 troops", "taking the number to 900".
    Total(u32),
    /// "an additional 1,000", "a further 200".
    Additional(u32),
    /// "special forces", "hundreds of troops", a military aircraft.
    Unspecified,
}

/// What one sentence says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fact {
    Fall {
        place: PlaceId,
        certainty: Certainty,
    },
    Contest {
        place: PlaceId,
    },
    Repel {
        place: PlaceId,
    },
    Recapture {
        place: PlaceId,
    },
    Deploy {
        country: CountryId,
        troops: Troops,
    },
    Tally {
        count: u32,
    },
}

impl Fact {
    pub fn place(&self) -> Option<PlaceId> {
        match *self {
            Fact::Fall { place, .. }
            | Fact::Contest { place }
            | Fact::Repel { place }
            | Fact::Recapture { place } => Some(place),
            _ => None,
        }
    }
}

/// Where a fact came from: file, byte span of the sentence, its text, and
/// the rule that fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub file: Arc<str>,
    pub span: Range<usize>,
    pub sentence: Arc<str>,
    pub rule: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Observation {
    pub fact: Fact,
    pub evidence: Evidence,
}
