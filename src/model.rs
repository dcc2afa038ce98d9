//! Types shared by every stage: articles in, observations out.

use std::ops::Range;
use std::sync::Arc;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use serde::Serialize;

/// Index of a provincial capital in [`crate::config::Scenario::places`].
pub type PlaceId = u16;
/// Index of a country in [`crate::config::Scenario::countries`].
pub type CountryId = u16;

/// An attacking group: index in [`crate::config::Actors::groups`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct GroupId(pub u16);

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
    /// When it was published, and how that is known.
    pub time: Option<ArticleTime>,
    /// The file's modification time: when it arrived in the feeds folder.
    pub modified: Option<SystemTime>,
    /// blake3 of the prose, so the same article under two names counts once.
    pub hash: ContentHash,
}

/// What identifies a content: the first half of its blake3 hash, as
/// unlikely to collide among a folder's articles as the whole (one chance
/// in 2^128 for a pair) and half the size in every article kept.
pub type ContentHash = [u8; 16];

/// The [`ContentHash`] of what `hasher` was fed.
pub fn content_hash(hasher: &blake3::Hasher) -> ContentHash {
    let mut k = [0; 16];
    k.copy_from_slice(&hasher.finalize().as_bytes()[..16]);
    k
}

/// The [`ContentHash`] of `bytes`.
pub fn content_hash_of(bytes: &[u8]) -> ContentHash {
    content_hash(blake3::Hasher::new().update(bytes))
}

/// An article's publication time and where it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ArticleTime {
    pub at: DateTime<Utc>,
    /// Only the day is known (a dateline, a date without a time): `at` is
    /// that day's midnight UTC.
    pub date_only: bool,
    pub source: TimeSource,
}

/// Where an article's time came from, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeSource {
    /// A JSON article's `published`.
    Published,
    /// A Markdown front matter `date`/`published`.
    FrontMatter,
    /// HTML `<meta property="article:published_time">` (or itemprop
    /// `datePublished`).
    MetaTag,
    /// HTML JSON-LD `datePublished`.
    JsonLd,
    /// HTML `<time datetime>`.
    TimeElement,
    /// A dateline or date line at the top ("ARDEN, Aug 13 (Wire) –").
    Dateline,
    /// The file's modification time.
    FileTime,
}

impl TimeSource {
    /// In words, for the detail and the brief.
    pub fn describe(self) -> &'static str {
        match self {
            TimeSource::Published => "JSON published",
            TimeSource::FrontMatter => "front matter date",
            TimeSource::MetaTag => "meta article:published_time",
            TimeSource::JsonLd => "JSON-LD datePublished",
            TimeSource::TimeElement => "<time> element",
            TimeSource::Dateline => "dateline",
            TimeSource::FileTime => "file modification time",
        }
    }
}

impl ArticleTime {
    /// "2021-08-13 06:20Z", or "2021-08-13" when only the day is known.
    pub fn display(&self) -> String {
        if self.date_only {
            self.at.format("%Y-%m-%d").to_string()
        } else {
            self.at.format("%Y-%m-%d %H:%MZ").to_string()
        }
    }

    /// "Aug 13 06:20", or "Aug 13" when only the day is known.
    pub fn short(&self) -> String {
        if self.date_only {
            self.at.format("%b %d").to_string()
        } else {
            self.at.format("%b %d %H:%M").to_string()
        }
    }
}

impl Article {
    pub fn headline_text(&self) -> Option<&str> {
        self.headline.clone().map(|r| &self.text[r])
    }

    /// What is kept once its observations are extracted.
    pub fn meta(&self) -> ArticleMeta {
        ArticleMeta {
            name: Shared::from(&self.name),
            format: self.format,
            headline: self.headline_text().map(Shared::from),
            time: self.time,
            modified: self.modified,
            hash: self.hash,
        }
    }
}

/// An article without its text: what the monitor keeps of each one. The
/// text is read again from the file when a reader asks for it, so a
/// month of articles costs what their facts cost, not what their prose
/// does.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleMeta {
    /// Shared with the evidence that cites it.
    pub name: Shared,
    pub format: Format,
    /// Shared like evidence sentences: the versions of a live blog, and
    /// wire copy under many names, carry the same headline.
    pub headline: Option<Shared>,
    pub time: Option<ArticleTime>,
    pub modified: Option<SystemTime>,
    /// blake3 of the prose: the text read again is this article only if
    /// its hash is the same.
    pub hash: ContentHash,
}

impl ArticleMeta {
    pub fn headline_text(&self) -> Option<&str> {
        self.headline.as_deref()
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
    /// "900 British personnel are now in Arden": the size of a force in
    /// the theatre, said without any sending. It updates a country
    /// already deploying and starts none: a garrison stationed there for
    /// years is no evacuation force.
    Present(u32),
}

/// What one sentence says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fact {
    Fall {
        place: PlaceId,
        certainty: Certainty,
        /// The attacking group the text names as taking it, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        by: Option<GroupId>,
    },
    Contest {
        place: PlaceId,
    },
    Repel {
        place: PlaceId,
    },
    /// The defender pulled out ("redeployed outside the city"): the
    /// place's fall if the attackers are inside it (it is contested), else
    /// nothing.
    Concede {
        place: PlaceId,
        certainty: Certainty,
        #[serde(skip_serializing_if = "Option::is_none")]
        by: Option<GroupId>,
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
            | Fact::Concede { place, .. }
            | Fact::Recapture { place } => Some(place),
            _ => None,
        }
    }
}

/// Where a fact came from: file, byte span of the sentence, its text, and
/// the rule that fired. Kept by the hundred thousand (in observations, in
/// the state's evidence lists and its log), so it takes three words: the
/// span's start, its length and the rule share one.
#[derive(Clone, PartialEq, Eq)]
pub struct Evidence {
    pub file: Shared,
    pub sentence: Shared,
    start: u32,
    /// The span's length; [`LONG`] and over: it runs to the end of
    /// `sentence` (a sentence is its span's text).
    len: u16,
    pub rule: Rule,
}

/// A span this long or longer is kept as running to the end of its
/// sentence.
const LONG: u16 = u16::MAX;

impl Evidence {
    pub fn new(file: Shared, span: Range<u32>, sentence: Shared, rule: Rule) -> Evidence {
        let len = span.end.saturating_sub(span.start);
        Evidence {
            file,
            sentence,
            start: span.start,
            len: u16::try_from(len).unwrap_or(LONG),
            rule,
        }
    }

    /// Where the sentence starts in the article's text.
    pub fn start(&self) -> u32 {
        self.start
    }

    /// Where it ends.
    pub fn end(&self) -> u32 {
        let len = match self.len {
            LONG => offset(self.sentence.len()),
            n => u32::from(n),
        };
        self.start.saturating_add(len)
    }

    /// Its byte span in the article's text.
    pub fn span(&self) -> Range<u32> {
        self.start..self.end()
    }

    /// The sentence's byte range in the article's text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end() as usize
    }
}

impl std::fmt::Debug for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Evidence")
            .field("file", &self.file)
            .field("span", &self.span())
            .field("sentence", &self.sentence)
            .field("rule", &self.rule)
            .finish()
    }
}

impl Serialize for Evidence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Evidence", 4)?;
        st.serialize_field("file", &self.file)?;
        st.serialize_field("span", &self.span())?;
        st.serialize_field("sentence", &self.sentence)?;
        st.serialize_field("rule", &self.rule)?;
        st.end()
    }
}

/// A byte offset into an article's text as evidence keeps it: texts past
/// 4 GiB are not read.
pub fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// A string shared by many holders behind one pointer (a file name, an
/// evidence sentence): half the size of an `Arc<str>`, and it hands out
/// the `Arc<str>` it holds.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shared(Arc<Arc<str>>);

impl Shared {
    pub fn arc(&self) -> &Arc<str> {
        &self.0
    }

    /// How many hold this string.
    pub fn holders(&self) -> usize {
        Arc::strong_count(&self.0)
    }
}

impl std::ops::Deref for Shared {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<Arc<str>> for Shared {
    fn from(s: Arc<str>) -> Shared {
        Shared(Arc::new(s))
    }
}

impl From<&Arc<str>> for Shared {
    fn from(s: &Arc<str>) -> Shared {
        Shared(Arc::new(s.clone()))
    }
}

impl From<&str> for Shared {
    fn from(s: &str) -> Shared {
        Shared(Arc::new(Arc::from(s)))
    }
}

impl From<String> for Shared {
    fn from(s: String) -> Shared {
        Shared(Arc::new(Arc::from(s)))
    }
}

impl PartialEq<str> for Shared {
    fn eq(&self, other: &str) -> bool {
        **self.0 == *other
    }
}

impl PartialEq<&str> for Shared {
    fn eq(&self, other: &&str) -> bool {
        **self.0 == **other
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self.0, f)
    }
}

impl std::fmt::Display for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&**self.0, f)
    }
}

impl Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

/// The name of an extraction rule, as a number: rules are a few dozen
/// names in the code, each kept once for the life of the process.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rule(u16);

/// How many distinct rule names there can be; past that, new names read
/// as the last one.
const RULES: usize = 4096;

/// Rule names by number, read without a lock.
static RULE_NAMES: [std::sync::OnceLock<&'static str>; RULES] =
    [const { std::sync::OnceLock::new() }; RULES];

impl Rule {
    pub fn as_str(self) -> &'static str {
        RULE_NAMES[usize::from(self.0)].get().copied().unwrap_or("")
    }
}

impl From<&'static str> for Rule {
    fn from(name: &'static str) -> Rule {
        use std::collections::HashMap;
        use std::sync::{Mutex, OnceLock};
        static NUMBERS: OnceLock<Mutex<HashMap<&'static str, u16>>> = OnceLock::new();
        let mut numbers = NUMBERS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(&n) = numbers.get(name) {
            return Rule(n);
        }
        let n = numbers.len().min(RULES - 1);
        let _ = RULE_NAMES[n].set(name);
        // Only names that got a number of their own are looked up again.
        if n == numbers.len() {
            numbers.insert(name, n as u16);
        }
        Rule(n as u16)
    }
}

impl std::ops::Deref for Rule {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Rule {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Observation {
    pub fact: Fact,
    pub evidence: Evidence,
}

// What a month of articles costs rests on these sizes.
const _: () = assert!(std::mem::size_of::<Evidence>() == 24);
const _: () = assert!(std::mem::size_of::<Observation>() == 40);
