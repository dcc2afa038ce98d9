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
//! * `title` (string, required): the headline. It is the first paragraph.
//! * `body` (string, required): the article text. Every non-empty line is
//!   a paragraph, so paragraphs may be separated by blank lines or by single
//!   newlines. The same boilerplate rules as for `.txt` files apply ("Also
//!   Read" lines, share bars, page dates... are dropped; a "Leave a Reply"
//!   line ends the article). An array of strings is also accepted, one
//!   paragraph (or several lines) per element.
//! * `published`, `source`, `url` (strings, optional): carried through as
//!   they are; `null` is the same as absent.
//! * Any other field is ignored.
//!
//! A file that is not such an object (not JSON, an array, a missing or
//! empty `title` or `body`) is skipped with a warning. A wrong type for an
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
    let Value::Object(obj) = value else {
        return Err(format!(
            "is JSON {} but an article must be an object with \"title\" and \"body\" strings",
            kind(&value)
        ));
    };
    let title = match obj.get("title") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::String(_)) => return Err("has an empty \"title\"".into()),
        Some(v) => return Err(format!("has a \"title\" that is {}, not a string", kind(v))),
        None => {
            return Err(
                "has no \"title\" (a JSON article needs \"title\" and \"body\" strings)".into(),
            )
        }
    };
    let body = match obj.get("body") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        Some(v) => return Err(format!("has a \"body\" that is {}, not a string", kind(v))),
        None => {
            return Err(
                "has no \"body\" (a JSON article needs \"title\" and \"body\" strings)".into(),
            )
        }
    };
    if body.trim().is_empty() {
        return Err("has an empty \"body\"".into());
    }
    let mut notes = Vec::new();
    let published = optional(&obj, "published", &mut notes);
    let source = optional(&obj, "source", &mut notes);
    let url = optional(&obj, "url", &mut notes);
    Ok(JsonArticle {
        title,
        body,
        published,
        source,
        url,
        notes,
    })
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
}
