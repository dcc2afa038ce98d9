//! Helpers shared by the integration tests.

use std::sync::Arc;

use sitmon::model::{Article, Format};

pub fn article(name: &str, text: &str) -> Article {
    let mut paragraphs = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() {
            let start = pos + line.find(t).unwrap_or(0);
            paragraphs.push(start..start + t.len());
        }
        pos += line.len();
    }
    Article {
        name: Arc::from(name),
        format: Format::Text,
        text: text.to_string(),
        headline: paragraphs.first().cloned(),
        paragraphs,
        published: None,
        source: None,
        url: None,
        time: None,
        modified: None,
        hash: sitmon::model::content_hash_of(text.as_bytes()),
    }
}
