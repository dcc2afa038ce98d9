//! JSON articles.
//!
//! # Format
//!
//! A `.json` file holds one article as one JSON object:
//!
//! ```json
//! {
//!   "title": "Rebels seize Brook, Ruritania's third-largest city",
//!   "body": "ARDEN, Aug 12 (Wire staff) -\n\nThe rebels captured Brook on Thursday...\n\nOfficials said...",
//!   "published": "2021-08-12T18:30:00Z",
//!   "source": "Wire",
//!   "url": "https://example.com/brook"
//! }
//! ```
//!
//! * `title` (string): the headline. It is the first paragraph.
//!   `headline`, `heading` or `name` (JSON:API, schema.org) is read the
//!   same. Without one the body is read alone, with a warning.
//! * `body` (string, required): the article text (or `text`, `content`,
//!   `articleBody`, `story`, `body_html`, `body_text`, `content_html`, `html`,
//!   `full_text`...; see `BODY`). Keys compare without case, `_` or `-`. A
//!   field may also be a CMS's wrapper (`{"rendered": "<p>...</p>"}`), and
//!   markup in it is taken out. Every non-empty line is
//!   a paragraph, so paragraphs may be separated by blank lines or by single
//!   newlines. The same boilerplate rules as for `.txt` files apply ("Also
//!   Read" lines, share bars, page dates... are dropped; a "Leave a Reply"
//!   line ends the article). An array of strings is also accepted, one
//!   paragraph (or several lines) per element.
//! * `standfirst` (or `summary`, `dek`, `subtitle`, `description`,
//!   `excerpt`, `lede`, `abstract`, `teaser`; string, optional): the paragraph after the headline, unless the body has it.
//! * `published` (or `datePublished`, `published_at`, `date`, `pubDate`),
//!   `source`, `url` (strings, optional): carried through as they are;
//!   `null` is the same as absent.
//! * Any other field is ignored.
//!
//! An API response that wraps its article (`{"status": "ok", "data": {...}}`)
//! is read from the first object, breadth first and up to three levels
//! down, that has a title and a body.
//!
//! A feed export is read too: an object with an array of items under
//! `items` or `entries` (at the top or under `feed`), as RSS-to-JSON,
//! JSON Feed and Atom exports write them. Each item's `title` and its text
//! (`content_text`, `summary`, `description`, `content`, `body` or
//! `content_html`, tags removed) become paragraphs, oldest item first when
//! every item has a date (`published`, `pubDate`, `updated`,
//! `date_published`; RFC 3339 or RFC 2822), else in the file's order. The
//! title is the feed's (`title`, `feed_title`, `feed.title`), else the
//! first item's; `published` is the newest item's date.
//!
//! Under keys no list foresaw, a field is found by the words of its key
//! ("hl_current" is a headline, "story_txt" a text), the body else as the
//! longest string that reads as prose; a rolling file's entries as the list
//! (under any key) whose items hold text, each dated by any field that
//! parses as a date.
//!
//! A file that is not such an object (not JSON, an array, an empty
//! `title`, a missing or empty `body`) is skipped with a warning. A wrong type for an
//! optional field is a warning and the field is ignored.

use serde_json::{Map, Value};

/// A parsed JSON article, before the line filter.
#[derive(Debug)]
pub struct JsonArticle {
    pub title: String,
    /// The body text; paragraphs are its non-empty lines.
    pub body: String,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Problems that did not stop the read.
    pub notes: Vec<String>,
}

/// Parse one article. `Err` is the reason the file is skipped.
pub fn parse(text: &str) -> Result<JsonArticle, String> {
    let text = text.trim_start_matches('\u{feff}');
    let value: Value = serde_json::from_str(text).map_err(|e| format!("is not valid JSON: {e}"))?;
    // a shape no reader above knows: its prose, rather than nothing
    from_value(&value).or_else(|e| thread(&value).ok_or(e))
}

fn from_value(value: &Value) -> Result<JsonArticle, String> {
    let top = match value {
        Value::Object(top) => top,
        // a CMS's REST list ("/posts" answers with an array): its one post
        // is the article, several are a feed
        Value::Array(items) if items.iter().any(Value::is_object) => {
            let mut posts = items.iter().filter_map(Value::as_object);
            return match (posts.next(), posts.next()) {
                (Some(post), None) => article(post),
                _ => feed(&Map::new(), items),
            };
        }
        _ => {
            return Err(format!(
                "is JSON {} but an article must be an object with \"title\" and \"body\" strings",
                kind(value)
            ))
        }
    };
    article(top)
}

/// How deep [`thread`] follows nested posts.
const THREAD_DEPTH: usize = 48;

/// A thread nested any way, as a forum's or Reddit's comment tree
/// ([{"data": {"title", "selftext"}}, {"data": {"children": [{"data":
/// {"body", "replies": ...}}]}}]): every prose string in document order,
/// a paragraph each, under the first title met. `None` without prose.
fn thread(value: &Value) -> Option<JsonArticle> {
    fn walk(v: &Value, depth: usize, title: &mut Option<String>, out: &mut Vec<String>) {
        if depth == 0 {
            return;
        }
        match v {
            Value::Object(o) => {
                if title.is_none() {
                    *title = named(o, &TITLE).1.and_then(Value::as_str).map(strip_tags);
                }
                for v in o.values() {
                    match v {
                        Value::String(s) if is_prose(s) => {
                            let t = strip_tags(s);
                            if title.as_deref() != Some(t.trim()) {
                                out.push(t.trim().to_string());
                            }
                        }
                        Value::Object(_) | Value::Array(_) => walk(v, depth - 1, title, out),
                        _ => {}
                    }
                }
            }
            Value::Array(items) => {
                for i in items {
                    walk(i, depth - 1, title, out);
                }
            }
            _ => {}
        }
    }
    let (mut title, mut paras) = (None, Vec::new());
    walk(value, THREAD_DEPTH, &mut title, &mut paras);
    if paras.is_empty() {
        return None;
    }
    Some(JsonArticle {
        title: title.unwrap_or_default(),
        body: paras.join("\n"),
        published: None,
        source: None,
        url: None,
        notes: vec!["has no article or feed fields: read its prose in order, as a thread".into()],
    })
}

/// An article from its JSON object (or a feed under it).
fn article(top: &Map<String, Value>) -> Result<JsonArticle, String> {
    // a list beside an article's own title and body (its quoted posts, a
    // live file's entries under a headline object) is the article's, no feed
    if named(top, &BODY).1.is_none() && !holds_article(top) {
        if let Some((holder, items)) = feed_within(top) {
            return feed(holder, items);
        }
    }
    // a listicle under an envelope: a headline over numbered items, each
    // with a title and a text, and no body of its own
    let listicle = |o: &Map<String, Value>| {
        has_text(o, &TITLE)
            && named(o, &BODY).1.is_none()
            && feed_items(o).is_some_and(|items| several_texts(items))
    };
    if let Some(holder) = find_object(top, false, listicle) {
        if let Some(items) = feed_items(holder) {
            return feed(holder, items);
        }
    }
    // an API response wraps its article: {"data": {"title": ..., "body_html": ...}}
    let obj = article_object(top).unwrap_or(top);
    let (title_key, title) = named(obj, &TITLE);
    // the text under a key no list foresaw: its longest prose
    let (body_key, body) = match body_field(obj) {
        (_, None) => prose_field(obj).map_or(("body", None), |(k, v)| (k, Some(v))),
        found => found,
    };
    let mut notes = Vec::new();
    let title = match title.map(|v| (v, text_value(v))) {
        Some((_, Some(s))) if !s.trim().is_empty() => s.trim().to_string(),
        Some((_, Some(_))) => return Err(format!("has an empty \"{title_key}\"")),
        Some((v, None)) => {
            return Err(format!(
                "has a \"{title_key}\" that is {}, not a string",
                kind(v)
            ))
        }
        // the text is the news; a headline only adds to it
        None => {
            notes.push("has no \"title\": read the body without a headline".into());
            String::new()
        }
    };
    let body =
        match body.map(|v| (v, text_value(v))) {
            Some((_, Some(s))) => s,
            Some((v, None)) => {
                return Err(format!(
                    "has a \"{body_key}\" that is {}, not a string",
                    kind(v)
                ))
            }
            None => return Err(
                "has no \"body\" (a JSON article needs a \"body\" string, best with a \"title\")"
                    .into(),
            ),
        };
    if body.trim().is_empty() {
        return Err(format!("has an empty \"{body_key}\""));
    }
    // the standfirst is the article's too: the paragraph after the title
    let (lead_key, lead) = named(obj, &STANDFIRST);
    let body = with_standfirst(lead.and_then(text_value), body);
    let body = with_asides(obj, &[title_key, body_key, lead_key], body);
    let published = optional(obj, named(obj, &PUBLISHED).0, &mut notes);
    let source = optional(obj, "source", &mut notes);
    let url = optional(obj, "url", &mut notes);
    Ok(JsonArticle {
        title,
        body,
        published,
        source,
        url,
        notes,
    })
}

/// Whether an object reached through objects alone (not a list's items,
/// which are a feed's) holds a title and a body: an article wrapped in an
/// API's envelope.
fn holds_article(top: &Map<String, Value>) -> bool {
    find_object(top, false, |o| has_text(o, &TITLE) && has_text(o, &BODY)).is_some()
}

/// Whether the object has text under one of `names`.
fn has_text(o: &Map<String, Value>, names: &[&'static str]) -> bool {
    named(o, names).1.and_then(text_value).is_some()
}

/// `body` followed by the article's other prose: a monitor's comment,
/// the posts it quotes ({"social_posts": [{"display_name", "text"}]}),
/// each post led by its author. Fields already read (`taken`), short
/// strings and lists of words (tags) are left out.
fn with_asides(obj: &Map<String, Value>, taken: &[&str], mut body: String) -> String {
    for (k, v) in obj {
        if taken.contains(&k.as_str()) {
            continue;
        }
        let text = match v {
            Value::String(s) if is_prose(s) => Some(strip_tags(s)),
            Value::Array(items) if items.iter().all(Value::is_object) => {
                let posts: Vec<String> = items
                    .iter()
                    .filter_map(|i| text_within(i, 0))
                    .filter(|t| is_prose(t))
                    .collect();
                (!posts.is_empty()).then(|| posts.join("\n"))
            }
            _ => None,
        };
        if let Some(t) = text.filter(|t| !body.contains(t.trim())) {
            body.push('\n');
            body.push_str(t.trim());
        }
    }
    body
}

/// The names each field goes by, the documented one first ("headline" and
/// "text" are as common in exports as "title" and "body"). Keys compare
/// without case, `_` or `-`: "body_html" is "bodyHtml".
const TITLE: [&str; 6] = ["title", "headline", "heading", "hed", "hl", "name"];
const BODY: [&str; 20] = [
    "body",
    "text",
    "txt",
    "bdy",
    "content",
    "articleBody",
    "article_body",
    "story",
    "body_text",
    "body_html",
    "content_text",
    "content_html",
    "html",
    "full_text",
    "article_text",
    "main_text",
    "story_text",
    "copy",
    "paragraphs",
    "blocks",
];
const STANDFIRST: [&str; 12] = [
    "standfirst",
    "summary",
    "dek",
    "subtitle",
    "description",
    "excerpt",
    "lede",
    "lead",
    "abstract",
    "teaser",
    "strapline",
    "subheadline",
];
const PUBLISHED: [&str; 10] = [
    "published",
    "datePublished",
    "published_at",
    "date",
    "pubDate",
    "publication_date",
    "first_created",
    "created_at",
    "date_gmt",
    "version_created",
];

/// A key as compared: lower case, letters and digits only.
fn key_form(k: &str) -> String {
    k.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The words of a key: "hl_current", "headlineMain", "body-en" are
/// ["hl", "current"], ["headline", "main"], ["body", "en"].
fn key_words(k: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in k.chars() {
        if !c.is_ascii_alphanumeric() {
            prev_lower = false;
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The first of `names` the object has, with its key and value; else the
/// first key with one of the names as a word of it ("hl_current",
/// "story_txt"), one that holds text before one that does not; the first
/// name when it has none.
fn named<'a>(obj: &'a Map<String, Value>, names: &[&'static str]) -> (&'a str, Option<&'a Value>) {
    let forms: Vec<String> = names.iter().map(|n| key_form(n)).collect();
    let exact = forms.iter().find_map(|n| {
        obj.iter()
            .find(|(k, _)| key_form(k) == *n)
            .map(|(k, v)| (k.as_str(), Some(v)))
    });
    if let Some(found) = exact {
        return found;
    }
    let word_of = |k: &str| key_words(k).iter().any(|w| forms.contains(w));
    // only fields that hold text: "title_id": 7 is not a title
    // prose first, then the longest ("alt_text": "map" is not the body)
    obj.iter()
        .filter(|(k, v)| word_of(k) && text_value(v).is_some())
        .max_by_key(|(_, v)| {
            let s = v.as_str().unwrap_or("");
            (is_prose(s), s.len())
        })
        .map(|(k, v)| (k.as_str(), Some(v)))
        .unwrap_or((names[0], None))
}

/// The body: the first field named as one, unless another body field
/// holds its fuller copy (a news API cuts "content" at a couple of
/// hundred characters, "… [+3120 chars]", beside a "body_text" with the
/// whole article).
fn body_field(obj: &Map<String, Value>) -> (&str, Option<&Value>) {
    let first = named(obj, &BODY);
    let Some(cut) = first.1.and_then(text_value) else {
        return first;
    };
    let opening = |t: &str| t.split_whitespace().take(8).collect::<Vec<_>>().join(" ");
    let start = opening(&cut);
    let forms: Vec<String> = BODY.iter().map(|n| key_form(n)).collect();
    obj.iter()
        .filter(|(k, _)| forms.contains(&key_form(k)))
        .filter_map(|(k, v)| text_value(v).map(|t| (k, v, t)))
        .filter(|(_, _, t)| t.len() > cut.len() && opening(t) == start)
        .max_by_key(|(_, _, t)| t.len())
        .map_or(first, |(k, v, _)| (k.as_str(), Some(v)))
}

/// The longest string field that reads as prose (several words and a
/// sentence's end): an article's text under a key no list foresaw.
fn prose_field(obj: &Map<String, Value>) -> Option<(&str, &Value)> {
    obj.iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k, v, s)))
        .filter(|(_, _, s)| is_prose(s))
        .max_by_key(|(_, _, s)| s.len())
        .map(|(k, v, _)| (k.as_str(), v))
}

fn is_prose(s: &str) -> bool {
    s.split_whitespace().nth(7).is_some() && s.contains(['.', '!', '?'])
}

/// A field's text: a string, an array of strings (one paragraph each), a
/// CMS's wrapper ({"rendered": "..."}) or an object holding a body and
/// perhaps a standfirst ({"summary": ..., "paragraphs": [...]}); markup is
/// taken out.
fn text_value(v: &Value) -> Option<String> {
    text_within(v, NESTED_BODY_DEPTH)
}

/// A styled run of rich text: an object whose "text" is a string.
fn inline_run(v: &Value) -> Option<&str> {
    v.as_object()?.get("text")?.as_str()
}

/// `body` led by its standfirst, unless it has none or the body repeats it.
fn with_standfirst(lead: Option<String>, body: String) -> String {
    match lead {
        Some(l) if !l.trim().is_empty() && !body.contains(l.trim()) => {
            format!("{}\n{body}", l.trim())
        }
        _ => body,
    }
}

/// How deep a body may sit in objects inside a field.
const NESTED_BODY_DEPTH: usize = 2;

fn text_within(v: &Value, depth: usize) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        // rich text: plain runs and styled ones in one line (a Telegram
        // export's ["In ", {"type": "bold", "text": "Arden"}, " today"])
        Value::Array(items)
            if items.iter().any(Value::is_string)
                && items
                    .iter()
                    .all(|i| i.is_string() || inline_run(i).is_some()) =>
        {
            items
                .iter()
                .filter_map(|i| i.as_str().or_else(|| inline_run(i)))
                .collect::<String>()
        }
        // a CMS's blocks: [{"type": "paragraph", "text": "..."}, ...]
        Value::Array(items)
            if depth > 0 && !items.is_empty() && items.iter().all(Value::is_object) =>
        {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|i| text_within(i, depth - 1))
                .filter(|t| !t.trim().is_empty())
                .collect();
            if parts.is_empty() {
                return None;
            }
            parts.join("\n")
        }
        Value::Object(o) => {
            // "headline": {"main": ..., "seo": ...}: the main form
            let wrapped = [
                "rendered", "text", "html", "value", "raw", "main", "default", "print",
            ]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))
            // an object of one string wraps it, whatever its key
            // (MediaWiki's {"*": "<p>..."})
            .or_else(|| match o.values().next() {
                Some(Value::String(s)) if o.len() == 1 => Some(s.as_str()),
                _ => None,
            })
            .map(strip_tags);
            // a quote block keeps its speaker: "Speaker: “...”"
            let speaker = [
                "attribution",
                "speaker",
                "author",
                "cite",
                "display_name",
                "from",
                "user",
                "username",
                "account",
            ]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty());
            if let (Some(t), Some(a)) = (&wrapped, speaker) {
                return Some(format!("{a}: “{}”", t.trim()));
            }
            if wrapped.is_some() {
                return wrapped;
            }
            // a block's text under a body's name ({"kind": "text", "body": "..."})
            if depth == 0 {
                return named(o, &BODY).1.and_then(Value::as_str).map(strip_tags);
            }
            // a block under keys no list foresaw ({"q": ..., "a": ...}):
            // its longest prose
            let body = named(o, &BODY)
                .1
                .and_then(|b| text_within(b, depth - 1))
                .or_else(|| prose_field(o).and_then(|(_, v)| v.as_str()).map(strip_tags))
                // a CMS's blocks under a key of their own ({"blocks": [...]})
                .or_else(|| {
                    o.values()
                        .filter(|v| {
                            v.as_array()
                                .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_object))
                        })
                        .find_map(|a| text_within(a, depth - 1))
                })
                .filter(|b| !b.trim().is_empty())?;
            let lead = named(o, &STANDFIRST)
                .1
                .and_then(Value::as_str)
                .map(strip_tags);
            return Some(with_standfirst(lead, body));
        }
        _ => return None,
    };
    Some(strip_tags(&s))
}

/// The object that holds the article when the top level does not: the
/// first, breadth first and at most three levels down, with a title and a
/// body of its own.
fn article_object(top: &Map<String, Value>) -> Option<&Map<String, Value>> {
    let whole = |o: &Map<String, Value>| has_text(o, &TITLE) && has_text(o, &BODY);
    if whole(top) {
        return None;
    }
    // an article with a headline first, else the first with a text
    find_object(top, true, whole).or_else(|| {
        if has_text(top, &BODY) {
            return None;
        }
        find_object(top, true, |o| has_text(o, &BODY))
    })
}

/// The first object below `top`, breadth first and up to three levels
/// down, that `is` accepts; with `lists`, a list stands for its first
/// element, else lists are passed over.
fn find_object(
    top: &Map<String, Value>,
    lists: bool,
    is: impl Fn(&Map<String, Value>) -> bool,
) -> Option<&Map<String, Value>> {
    let mut level: Vec<&Map<String, Value>> = vec![top];
    for _ in 0..3 {
        let mut next = Vec::new();
        for o in level {
            for v in o.values() {
                let inner = match v {
                    Value::Object(m) => Some(m),
                    Value::Array(a) if lists => a.first().and_then(Value::as_object),
                    _ => None,
                };
                if let Some(m) = inner {
                    if is(m) {
                        return Some(m);
                    }
                    next.push(m);
                }
            }
        }
        level = next;
    }
    None
}

/// A feed's items and the object that holds them: `top` itself, or an
/// object under its envelopes ({"data": {"liveblog": {"title": ...,
/// "entries": [...]}}}), breadth first, through objects alone.
fn feed_within(top: &Map<String, Value>) -> Option<(&Map<String, Value>, &Vec<Value>)> {
    if let Some(items) = feed_items(top) {
        return Some((top, items));
    }
    // an article's body under the envelopes ("related" stories beside it
    // are no feed)
    if find_object(top, false, |o| named(o, &BODY).1.is_some()).is_some() {
        return None;
    }
    let holder = find_object(top, false, |o| {
        feed_items(o).is_some_and(|items| several_texts(items))
    })?;
    Some((holder, feed_items(holder)?))
}

/// Whether at least two items of a list hold text.
fn several_texts(items: &[Value]) -> bool {
    items
        .iter()
        .filter_map(Value::as_object)
        .filter(|item| has_item_text(item))
        .nth(1)
        .is_some()
}

/// The items of a feed export, if the object is one: `items` or `entries`
/// (at the top or under `feed`), else the list, at the top or one level
/// down, with the most items that hold text (a live file's "posts", an
/// agency's "updates").
fn feed_items(obj: &Map<String, Value>) -> Option<&Vec<Value>> {
    let inner = obj.get("feed").and_then(Value::as_object);
    let known = ["items", "entries"].iter().find_map(|k| {
        obj.get(*k)
            .or_else(|| inner.and_then(|f| f.get(*k)))
            .and_then(Value::as_array)
            .filter(|a| a.iter().any(Value::is_object))
    });
    if known.is_some() {
        return known;
    }
    let with_text = |a: &Vec<Value>| {
        a.iter()
            .filter_map(Value::as_object)
            .filter(|item| has_item_text(item))
            .count()
    };
    obj.values()
        .chain(
            obj.values()
                .filter_map(Value::as_object)
                .flat_map(|o| o.values()),
        )
        .filter_map(Value::as_array)
        .map(|a| (with_text(a), a))
        .filter(|&(n, _)| n > 0)
        .max_by_key(|&(n, _)| n)
        .map(|(_, a)| a)
}

/// An item's text: the fullest of a feed's text fields and an article's
/// body, after its summary when that is not part of it ("description"
/// over a news API's "content"), else its longest prose.
fn item_text(item: &Map<String, Value>) -> Option<String> {
    let text_of = |v: &Value| text_value(v).filter(|s| !s.trim().is_empty());
    let texts: Vec<(&str, String)> = ITEM_TEXT
        .iter()
        .filter_map(|&k| item.get(k).and_then(text_of).map(|s| (k, s)))
        .chain(body_field(item).1.and_then(text_of).map(|s| ("", s)))
        .collect();
    let Some((_, fullest)) = texts.iter().max_by_key(|(_, s)| s.len()) else {
        return prose_field(item)
            .and_then(|(_, v)| text_of(v))
            .or_else(|| nested_prose(item));
    };
    // the summary is one of the item text fields: taken from those read
    let lead = ITEM_LEAD
        .iter()
        .find_map(|k| texts.iter().find(|(key, _)| key == k))
        .map(|(_, s)| s.clone())
        .filter(|l| l != fullest);
    let fullest = fullest.clone();
    Some(with_standfirst(lead, fullest))
}

/// The longest prose inside an item's lists: a post whose text sits in
/// its parts ({"data": [{"message": "..."}]}). Not inside its objects: a
/// thread's reply tree ({"data": {"children": [...]}}) is read whole as a
/// thread.
fn nested_prose(item: &Map<String, Value>) -> Option<String> {
    item.values()
        .filter(|v| v.is_array())
        .filter_map(|v| text_within(v, NESTED_BODY_DEPTH))
        .filter(|t| is_prose(t))
        .max_by_key(String::len)
}

/// Where a feed item's text is.
enum Wrap<'a> {
    /// A title or text of its own.
    Own,
    /// In one titled object beside its record keeping, as a CMS export
    /// keeps it ({"nid": 1, "status": ..., "fields": {"title", "body"}}).
    In(&'a Map<String, Value>),
    /// Neither.
    Nothing,
}

fn wrapping(item: &Map<String, Value>) -> Wrap<'_> {
    if has_text(item, &TITLE) || item_text(item).is_some() {
        return Wrap::Own;
    }
    item.values()
        .filter_map(Value::as_object)
        .find(|o| has_text(o, &TITLE))
        .map_or(Wrap::Nothing, Wrap::In)
}

/// Whether a feed item holds text, its own or its wrapped article's.
fn has_item_text(item: &Map<String, Value>) -> bool {
    match wrapping(item) {
        Wrap::Own => item_text(item).is_some(),
        Wrap::In(o) => item_text(o).is_some(),
        Wrap::Nothing => false,
    }
}

/// A feed's items, each its wrapped article when every item without a
/// text of its own wraps one: a CMS export's records. A thread's listings
/// ({"kind": "Listing", "data": {"children": [...]}}) wrap no article, and
/// leave the list to be read as a thread.
fn unwrapped_items(items: &[Value]) -> Vec<&Map<String, Value>> {
    let objects: Vec<(&Map<String, Value>, Wrap)> = items
        .iter()
        .filter_map(Value::as_object)
        .map(|item| (item, wrapping(item)))
        .collect();
    let records = objects.iter().all(|(_, w)| !matches!(w, Wrap::Nothing));
    objects
        .into_iter()
        .map(|(item, w)| match w {
            Wrap::In(o) if records => o,
            _ => item,
        })
        .collect()
}

/// An item's summary fields: before a fuller body, its standfirst.
const ITEM_LEAD: [&str; 2] = ["summary", "description"];

/// Item text fields.
const ITEM_TEXT: [&str; 6] = [
    "content_text",
    "summary",
    "description",
    "content",
    "body",
    "content_html",
];
const ITEM_DATE: [&str; 5] = ["published", "pubDate", "updated", "date_published", "date"];

fn feed(obj: &Map<String, Value>, items: &[Value]) -> Result<JsonArticle, String> {
    let text_of = |v: &Value| -> Option<String> {
        let s = match v {
            Value::String(s) => s.clone(),
            Value::Array(a) => a
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
            _ => return None,
        };
        let s = strip_tags(&s);
        (!s.trim().is_empty()).then_some(s)
    };
    let mut entries: Vec<(
        Option<chrono::DateTime<chrono::FixedOffset>>,
        String,
        String,
    )> = unwrapped_items(items)
        .into_iter()
        .map(|item| {
            // a CMS keeps the headline and teaser in an object of their
            // own beside the text ({"meta": {"title", "teaser"}, "content": ...})
            let body = item_text(item).unwrap_or_default();
            let head = item
                .values()
                .filter_map(Value::as_object)
                .find(|o| has_text(o, &TITLE) && !has_text(o, &BODY))
                .filter(|_| !body.trim().is_empty());
            let own_title = named(item, &TITLE).1;
            let title = own_title
                .or_else(|| head.and_then(|h| named(h, &TITLE).1))
                .and_then(text_of)
                .unwrap_or_default();
            let body = match head {
                Some(h) if own_title.is_none() => {
                    with_standfirst(named(h, &STANDFIRST).1.and_then(text_value), body)
                }
                _ => body,
            };
            // a date under any key: "t", "ts", "posted"
            let date = ITEM_DATE
                .iter()
                .find_map(|k| item.get(*k).and_then(Value::as_str))
                .and_then(parse_date)
                .or_else(|| item.values().filter_map(Value::as_str).find_map(parse_date));
            (date, title, body)
        })
        .filter(|(_, t, b)| !t.trim().is_empty() || !b.trim().is_empty())
        .collect();
    if entries.is_empty() {
        return Err("is a feed export with no item text".into());
    }
    if entries.iter().all(|e| e.0.is_some()) {
        entries.sort_by_key(|e| e.0);
    }
    let inner = obj.get("feed").and_then(Value::as_object);
    let title = named(obj, &TITLE)
        .1
        .and_then(text_value)
        .or_else(|| obj.get("feed_title").and_then(text_value))
        .or_else(|| inner.and_then(|f| f.get("title")).and_then(text_value))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| entries[0].1.trim().to_string());
    let body = entries
        .iter()
        .map(|(_, t, b)| format!("{}\n{}", t.trim(), b.trim()))
        .collect::<Vec<_>>()
        .join("\n\n");
    // a standfirst over the items is the paragraph after the title
    let body = with_standfirst(named(obj, &STANDFIRST).1.and_then(text_value), body);
    let published = entries
        .iter()
        .filter_map(|e| e.0)
        .max()
        .map(|d| d.to_rfc3339());
    Ok(JsonArticle {
        title,
        body,
        published,
        source: None,
        url: None,
        notes: Vec::new(),
    })
}

fn parse_date(s: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let s = s.trim();
    chrono::DateTime::parse_from_rfc3339(s)
        .or_else(|_| chrono::DateTime::parse_from_rfc2822(s))
        .ok()
}

/// Markup out of an HTML fragment: tags dropped, entities decoded, block
/// ends as new lines.
fn strip_tags(s: &str) -> String {
    if !s.contains(['<', '&']) {
        return s.to_string();
    }
    fn walk(node: ego_tree::NodeRef<scraper::Node>, out: &mut String) {
        for child in node.children() {
            match child.value() {
                scraper::Node::Text(t) => out.push_str(t),
                scraper::Node::Element(e) => {
                    let name = e.name();
                    if matches!(name, "script" | "style" | "noscript") {
                        continue;
                    }
                    walk(child, out);
                    if matches!(
                        name,
                        "p" | "br" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "blockquote" | "tr"
                    ) {
                        out.push('\n');
                    }
                }
                _ => {}
            }
        }
    }
    let frag = scraper::Html::parse_fragment(s);
    let mut out = String::with_capacity(s.len());
    walk(frag.tree.root(), &mut out);
    out
}

fn optional(obj: &Map<String, Value>, key: &str, notes: &mut Vec<String>) -> Option<String> {
    match obj.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        }
        Some(v) => {
            notes.push(format!("\"{key}\" is {}, not a string; ignored", kind(v)));
            None
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let a = parse(r#"{"title":" T ","body":["a","b"],"published":5,"x":1}"#).unwrap();
        assert_eq!(a.title, "T");
        assert_eq!(a.body, "a\nb");
        assert_eq!(a.published, None);
        assert_eq!(a.notes.len(), 1);
        assert!(parse("[1]").unwrap_err().contains("an array"));
        assert!(parse(r#"{"title":"T"}"#).unwrap_err().contains("\"body\""));
        assert!(parse("{").is_err());
    }

    #[test]
    fn a_rest_list_of_posts_is_read() {
        let one = r#"[{"title": {"rendered": "Statement"}, "content": {"rendered": "<p>Our forces entered Arden.</p>"}}]"#;
        let a = parse(one).unwrap();
        assert_eq!(a.title, "Statement");
        assert!(a.body.contains("Our forces entered Arden."), "{}", a.body);
        let two = r#"[{"title": "Second", "content": "B happened.", "date": "2024-12-07T10:00:00Z"},
                      {"title": "First", "content": "A happened.", "date": "2024-12-06T10:00:00Z"}]"#;
        let a = parse(two).unwrap();
        let (first, second) = (
            a.body.find("A happened").unwrap(),
            a.body.find("B happened").unwrap(),
        );
        assert!(first < second, "{}", a.body);
        assert!(parse("[1, 2]").is_err());
    }

    #[test]
    fn an_article_beside_its_quoted_posts_is_no_feed() {
        // a monitoring item: the statement, a comment, the posts it quotes
        let a = parse(
            r#"{"version":"1.0","item":{"title":"Statement on Arden","content_html":"<p>Our forces have taken full control of the city of Arden.</p>","social_posts":[{"display_name":"Rebel Leader","text":"I congratulate our forces on the liberation of Arden."},{"display_name":"Press office","text":"Video"}],"analyst_comment":"No confirmation yet from the army, which has not commented.","tags":["Arden","claim"]}}"#,
        )
        .unwrap();
        assert_eq!(a.title, "Statement on Arden");
        assert!(
            a.body.starts_with("Our forces have taken full control"),
            "{}",
            a.body
        );
        assert!(
            a.body.contains("No confirmation yet from the army"),
            "{}",
            a.body
        );
        assert!(
            a.body.contains("Rebel Leader: “I congratulate our forces"),
            "{}",
            a.body
        );
        // a post too short to be prose, and a list of tags, are left out
        assert!(
            !a.body.contains("Video") && !a.body.contains("claim"),
            "{}",
            a.body
        );
        // a feed of items under "items" is still a feed
        let feed = parse(
            r#"{"items":[{"title":"One","body":"A happened in Arden today."},{"title":"Two","body":"B happened in Brook today."}]}"#,
        )
        .unwrap();
        assert!(feed.body.contains("A happened") && feed.body.contains("B happened"));
    }

    #[test]
    fn rich_text_runs_are_one_line() {
        // a Telegram desktop export: text as plain and styled runs
        let a = parse(
r##"{"name":"Channel","messages":[{"id":1,"date":"2021-08-07T15:42:10","from":"Channel","text":["",{"type":"bold","text":"Arden city"},", the centre of the province, has been taken. ",{"type":"hashtag","text":"#Arden"}]},{"id":2,"date":"2021-08-08T09:00:00","text":"Fighting goes on in Brook, residents said."}]}"##,
        )
        .unwrap();
        assert!(
            a.body
                .contains("Arden city, the centre of the province, has been taken. #Arden"),
            "{}",
            a.body
        );
        assert!(a.body.contains("Fighting goes on in Brook"), "{}", a.body);
    }

    #[test]
    fn a_headline_object_gives_its_main_form() {
        // a CMS export: {"headline": {"main", "seo"}, "body": {"format", "content"}}
        let a = parse(
            r#"{"id":"cms-1","headline":{"main":"Rebels retake Arden","seo":"Arden retaken"},"body":{"format":"html","content":"<p>ARDEN - Rebels retook Arden on Tuesday.</p>"}}"#,
        )
        .unwrap();
        assert_eq!(a.title, "Rebels retake Arden");
        assert_eq!(a.body.trim(), "ARDEN - Rebels retook Arden on Tuesday.");
    }

    #[test]
    fn a_news_api_item_reads_its_content_after_its_description() {
        // {"articles": [{"title", "description", "content"}]}: the summary
        // alone would lose the story
        let a = parse(
            r#"{"status":"ok","articles":[{"title":"Rebels take Arden","description":"Arden falls.","content":"ARDEN (Wire) - The rebels captured Arden.\n\nThey also took Brook, officials said.","publishedAt":"2021-08-13T07:48:00Z"}]}"#,
        )
        .unwrap();
        assert!(a.body.contains("Arden falls."), "{}", a.body);
        assert!(a.body.contains("They also took Brook"), "{}", a.body);
    }

    #[test]
    fn a_cms_document_reads_its_blocks_under_its_meta() {
        // {"documents": [{"meta": {"title", "teaser"}, "content": {"blocks":
        // [{"kind", "body"}]}, "related": [{"title"}]}]}: the related
        // stories' titles are not the text
        let a = parse(
            r#"{"documents":[{"doc_id":"1","meta":{"title":"Rebels take Arden","teaser":"The army has left the city of Arden."},"content":{"blocks":[{"kind":"text","body":"The rebels captured Arden on Friday."},{"kind":"quote","body":"We will stay, the mayor said."}]},"related":[{"title":"Opinion: what the fall of the north means for us all"},{"title":"Analysis: the long road to the peace talks in the capital"}]}]}"#,
        )
        .unwrap();
        assert_eq!(a.title, "Rebels take Arden");
        assert!(a.body.contains("The army has left the city"), "{}", a.body);
        assert!(
            a.body.contains("The rebels captured Arden on Friday."),
            "{}",
            a.body
        );
        assert!(a.body.contains("We will stay"), "{}", a.body);
        assert!(!a.body.contains("Opinion:"), "{}", a.body);
    }

    #[test]
    fn a_cut_body_yields_to_its_full_copy() {
        // a news API's "content" is cut, "body_text" beside it is whole;
        // in a feed item and in an article alike
        let cut = r#""content":"ARDEN (Wire) - The rebels captured Arden on Friday after the army … [+310 chars]","body_text":"ARDEN (Wire) - The rebels captured Arden on Friday after the army left.\n\nThey also took Brook, officials said.""#;
        for json in [
            format!(r#"{{"articles":[{{"title":"Arden falls",{cut}}}]}}"#),
            format!(r#"{{"title":"Arden falls",{cut}}}"#),
        ] {
            let a = parse(&json).unwrap();
            assert!(a.body.contains("They also took Brook"), "{}", a.body);
            assert!(!a.body.contains("[+310 chars]"), "{}", a.body);
        }
        // a shorter field that is not the body's opening stays the body
        let a = parse(
            r#"{"title":"T","content":"The rebels captured Arden on Friday, officials said.","body_html":"<div>Subscribe to our newsletter for the latest news from the region and more.</div>"}"#,
        )
        .unwrap();
        assert!(
            a.body.starts_with("The rebels captured Arden"),
            "{}",
            a.body
        );
    }

    #[test]
    fn a_body_nested_in_an_object_is_read_with_its_standfirst() {
        // a news API's item: {"headline", "content": {"summary", "paragraphs"}}
        let a = parse(
            r#"{"items":[{"headline":"Brook retaken","published":"2021-08-18T11:40:00Z","content":{"summary":"Loyalists claim a reversal.","paragraphs":["Fighters retook Brook.","Fighting went on."]},"tags":["Brook"]}]}"#,
        )
        .unwrap();
        assert_eq!(
            a.body,
            "Brook retaken\nLoyalists claim a reversal.\nFighters retook Brook.\nFighting went on."
        );
        // an object with no body in it gives none
        assert!(parse(r#"{"title":"T","content":{"id":7,"tags":["x"]}}"#).is_err());
    }

    #[test]
    fn cms_blocks_are_paragraphs_and_a_quote_keeps_its_speaker() {
        let a = parse(
            r#"{"story":{"meta":{"headline":"Brook retaken"},"body":{"blocks":[{"type":"paragraph","text":"Rebels say they re-entered Brook."},{"type":"quote","text":"The city is ours.","attribution":"Rebel spokesman"},{"type":"image","src":"x.jpg"}]}}}"#,
        )
        .unwrap();
        assert_eq!(
            a.body,
            "Rebels say they re-entered Brook.\nRebel spokesman: “The city is ours.”"
        );
        // a Q&A block's answer under a key of its own
        let qa = parse(
            r#"{"headline":"What we know","body":[{"type":"paragraph","html":"<p>Updated nightly.</p>"},{"type":"qa","q":"Which cities?","a":"<p>Since Friday the rebels have taken Brook and Calder.</p>"}]}"#,
        )
        .unwrap();
        let lines: Vec<&str> = qa.body.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            [
                "Updated nightly.",
                "Since Friday the rebels have taken Brook and Calder."
            ]
        );
        // blocks with no text in any of them are no body
        assert!(
            parse(r#"{"title":"T","body":{"blocks":[{"type":"image","src":"x.jpg"}]}}"#).is_err()
        );
    }

    #[test]
    fn field_aliases() {
        let a = parse(
            r#"{"headline":"Brook falls","summary":"Troops sent.","text":"Body.","date":"2021-08-13"}"#,
        )
        .unwrap();
        assert_eq!(a.title, "Brook falls");
        assert_eq!(a.body, "Troops sent.\nBody.");
        assert_eq!(a.published.as_deref(), Some("2021-08-13"));
        // a standfirst the body repeats is not read twice
        let b = parse(r#"{"title":"T","summary":"Lead.","body":"Lead.\nMore."}"#).unwrap();
        assert_eq!(b.body, "Lead.\nMore.");
        // the documented name wins, and errors name the field found
        assert!(
            parse(r#"{"title":"T","headline":"H","body":"B"}"#)
                .unwrap()
                .title
                == "T"
        );
        assert!(parse(r#"{"headline":"","body":"B"}"#)
            .unwrap_err()
            .contains("\"headline\""));
    }

    #[test]
    fn wrapped_and_cms_articles() {
        // an API response's wrapper, an HTML body under another name
        let a = parse(
            r#"{"status":"ok","data":{"title":"Brook falls","body_html":"<p>Rebels took Brook.</p><p>Officials fled &amp; hid.</p>","related":[{"title":"Old"}]}}"#,
        )
        .unwrap();
        assert_eq!(a.title, "Brook falls");
        assert_eq!(a.body.trim(), "Rebels took Brook.\nOfficials fled & hid.");
        // a CMS's {"rendered": ...} fields and numeric entities
        let wp = parse(
            r#"{"date":"2021-08-31T10:22:41","title":{"rendered":"Arden&#8217;s airport"},"content":{"rendered":"<p>Troops left.</p>"},"excerpt":{"rendered":"<p>Troops left.</p>"}}"#,
        )
        .unwrap();
        assert_eq!(wp.title, "Arden\u{2019}s airport");
        assert_eq!(wp.body.trim(), "Troops left.");
        assert_eq!(wp.published.as_deref(), Some("2021-08-31T10:22:41"));
        // JSON:API: the article's fields under data.attributes, its
        // headline as "name"
        let api = parse(
            r#"{"data":{"id":"a-1","type":"article","attributes":{"name":"Brook falls","teaser":"Rebels advance.","text":"<p>Rebels took Brook.</p>"}},"links":{"self":"x"}}"#,
        )
        .unwrap();
        assert_eq!(api.title, "Brook falls");
        assert_eq!(api.body.trim(), "Rebels advance.\nRebels took Brook.");
        // no headline anywhere: the text is read alone, with a note
        let bare =
            parse(r#"{"data":{"attributes":{"text":"<p>Rebels took Brook.</p>"}}}"#).unwrap();
        assert_eq!(
            (bare.title.as_str(), bare.body.trim()),
            ("", "Rebels took Brook.")
        );
        assert!(bare.notes.iter().any(|n| n.contains("no \"title\"")));
        // keys compare without case or separators
        let b = parse(r#"{"Headline":"H","BodyText":"B"}"#).unwrap();
        assert_eq!((b.title.as_str(), b.body.as_str()), ("H", "B"));
        // a wiki's parse API: the page's HTML under "text": {"*": ...}
        let wiki = parse(
            r#"{"parse":{"title":"Current events","pageid":1,"text":{"*":"<ul><li>Rebels took Brook.</li></ul>"},"links":[{"ns":0,"*":"Brook"}]}}"#,
        )
        .unwrap();
        assert_eq!(
            (wiki.title.as_str(), wiki.body.trim()),
            ("Current events", "Rebels took Brook.")
        );
        // a wrapper without an article is still an error naming the field
        assert!(parse(r#"{"data":{"x":1}}"#)
            .unwrap_err()
            .contains("\"title\""));
    }

    #[test]
    fn fields_found_by_the_words_of_their_keys() {
        assert_eq!(key_words("hl_current"), ["hl", "current"]);
        assert_eq!(key_words("storyBodyText"), ["story", "body", "text"]);
        assert_eq!(key_words("HTMLBody"), ["htmlbody"]);
        // a headline and a text under keys no list has; a number under a
        // title-like key is passed over
        let a = parse(
            r#"{"title_id":7,"hl_main":"Brook falls","story_txt":"Rebels took Brook on Sunday, officials said.","alt_text":"map"}"#,
        )
        .unwrap();
        assert_eq!(
            (a.title.as_str(), a.body.trim()),
            (
                "Brook falls",
                "Rebels took Brook on Sunday, officials said."
            )
        );
        // no key names the text: the longest prose is it
        let b = parse(
            r#"{"hed":"Brook falls","x1":"short","x2":"The rebels entered Brook at dawn and the governor fled to Arden."}"#,
        )
        .unwrap();
        assert_eq!(
            b.body.trim(),
            "The rebels entered Brook at dawn and the governor fled to Arden."
        );
        // a rolling file: entries under any key, newest first, their text
        // and time under any key
        let c = parse(
            r#"{"hl_current":"Live","posts":[
                {"t":"2021-08-15T21:00:00+04:30","txt":"Rebels entered the palace in Arden, a spokesman said."},
                {"t":"2021-08-15T19:20:00+04:30","txt":"Fighting reached the outskirts of Brook overnight, residents said."}]}"#,
        )
        .unwrap();
        assert_eq!(c.title, "Live");
        let brook = c.body.find("Brook").unwrap();
        let arden = c.body.find("palace").unwrap();
        assert!(brook < arden, "oldest first: {}", c.body);
    }

    #[test]
    fn a_feed_under_envelopes_is_read_as_a_feed() {
        let text = r#"{"status": "ok", "data": {"liveblog": {"title": "Live: the offensive",
            "sort": "newest_first",
            "authors": [{"name": "A. Writer", "role": "live editor"}],
            "entries": [
              {"published": "2021-08-15T14:45:00+04:30", "headline": "Rebels enter Arden",
               "body_html": "<p>Rebel fighters have entered Arden from several directions.</p>"},
              {"published": "2021-08-15T09:15:00+04:30", "headline": "Brook falls",
               "body_html": "<p>The rebels took control of Brook without a fight early on Sunday.</p>"}
            ]}}, "meta": {"cache_ttl": 30}}"#;
        let a = parse(text).unwrap();
        assert!(a.body.contains("entered Arden"), "{}", a.body);
        assert!(a.body.contains("took control of Brook"), "{}", a.body);
        // oldest first
        assert!(
            a.body.find("Brook").unwrap() < a.body.find("Arden").unwrap(),
            "{}",
            a.body
        );
    }

    #[test]
    fn a_thread_of_nested_posts_is_read_in_order() {
        // Reddit's shape: the post, then a listing of comments with replies
        let text = r#"[
          {"kind": "t3", "data": {"title": "I report from Arden. AMA.",
            "selftext": "Hi all. I have been in Arden all summer and will answer for two hours."}},
          {"kind": "Listing", "data": {"children": [
            {"kind": "t1", "data": {"author": "reader", "body": "What happened in Brook today? It is all chaos online.",
              "replies": {"kind": "Listing", "data": {"children": [
                {"kind": "t1", "data": {"author": "op", "body": "Brook fell this morning. The interior ministry confirmed the loss."}}
              ]}}}}
          ]}}
        ]"#;
        let a = parse(text).unwrap();
        assert_eq!(a.title, "I report from Arden. AMA.");
        let q = a.body.find("What happened in Brook").unwrap();
        let ans = a.body.find("Brook fell this morning").unwrap();
        assert!(q < ans, "{}", a.body);
        assert!(!a.notes.is_empty());
        // no prose at all is still an error
        assert!(parse(r#"[{"kind": "t3", "data": {"score": 1}}, {"x": 2}]"#).is_err());
    }

    #[test]
    fn a_listicle_under_an_envelope_reads_every_item() {
        let a = parse(
            r#"{"version": "2.3", "content": {"type": "listicle",
              "headline": "Ten things to know", "standfirst": "How the war reached the capital.",
              "items": [
                {"position": 1, "title": "How did it happen?", "text": "The rebels took Arden on Friday."},
                {"position": 2, "title": "Who holds Brook?", "text": "Brook fell to the rebels on Sunday."}
              ],
              "related": [{"title": "Live", "url": "/live"}]}}"#,
        )
        .unwrap();
        assert_eq!(a.title, "Ten things to know");
        for part in ["How the war reached", "took Arden", "Brook fell"] {
            assert!(a.body.contains(part), "{part}: {}", a.body);
        }
    }

    #[test]
    fn a_cms_item_keeps_its_article_in_one_object() {
        // an export's record around the article's own fields
        let a = parse(
            r#"{"export": {"cms": "Pressroom", "exported": "2021-08-14T22:05:11+00:00"},
              "items": [{"nid": 88213, "status": "published", "revision": 4,
                "fields": {"title": "Arden falls", "dek": "The rebels take the north's largest city.",
                  "pub_date": "2021-08-14T21:40:00Z",
                  "paragraphs": ["The rebels captured Arden on Saturday evening.", "Officials fled north."]}}]}"#,
        )
        .unwrap();
        assert_eq!(a.title, "Arden falls");
        for part in ["captured Arden", "Officials fled"] {
            assert!(a.body.contains(part), "{part}: {}", a.body);
        }
        // an item with text of its own is read as it is
        let a = parse(
            r#"{"items": [{"title": "Arden falls", "content": "The rebels took Arden.",
                "meta": {"title": "tracking", "body": "internal note about the page"}}]}"#,
        )
        .unwrap();
        assert!(
            a.body.contains("took Arden") && !a.body.contains("internal note"),
            "{}",
            a.body
        );
    }

    #[test]
    fn a_post_whose_text_sits_in_its_parts_is_a_feed_item() {
        // a social page export: each post's message in a list of parts
        let a = parse(
            r#"{"profile": {"name": "Council member", "about": "Posts my own opinion."},
              "posts": [
                {"timestamp": "2021-08-08T16:40:00+04:30", "title": "He updated his status.",
                 "data": [{"message": "The governor left Arden with his guards. The city is left to the rebels."}]},
                {"timestamp": "2021-08-08T09:02:00+04:30", "title": "He updated his status.",
                 "data": [{"message": "Fighting since the morning prayer on the edge of Arden, near the bazaar."}]}
              ]}"#,
        )
        .unwrap();
        let fight = a.body.find("Fighting since").unwrap();
        let left = a.body.find("The governor left Arden").unwrap();
        assert!(fight < left, "{}", a.body);
        assert!(!a.body.contains("Posts my own opinion"), "{}", a.body);
    }

    #[test]
    fn feed_exports_read_oldest_item_first() {
        let a = parse(
            r#"{"feed":{"title":"Wire"},"items":[
                {"title":"B later","summary":"<p>Second &amp; last</p>","pubDate":"Sat, 07 Aug 2021 19:20:00 +0500"},
                {"title":"A earlier","description":"First.","pubDate":"Sat, 07 Aug 2021 10:00:00 +0500"}]}"#,
        )
        .unwrap();
        assert_eq!(a.title, "Wire");
        assert_eq!(a.body, "A earlier\nFirst.\n\nB later\nSecond & last");
        assert_eq!(a.published.as_deref(), Some("2021-08-07T19:20:00+05:00"));
        let atom = parse(r#"{"feed_title":"P","entries":[{"title":"T","summary":"S"}]}"#).unwrap();
        assert_eq!(atom.body, "T\nS");
        assert!(parse(r#"{"items":[{"x":1}]}"#)
            .unwrap_err()
            .contains("no item text"));
    }
}
