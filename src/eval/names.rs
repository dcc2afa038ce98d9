//! Name normalisation, as `score.py` does it: a capital under any of its
//! names is its canonical name, a country under a few common spellings is
//! its short English name, and an unknown name stays itself (trimmed).

use std::collections::HashMap;

use crate::config::Scenario;

/// `score.py`'s `COUNTRY_ALIASES`.
const COUNTRY_ALIASES: [(&str, &str); 10] = [
    ("us", "United States"),
    ("usa", "United States"),
    ("unitedstates", "United States"),
    ("unitedstatesofamerica", "United States"),
    ("america", "United States"),
    ("uk", "United Kingdom"),
    ("unitedkingdom", "United Kingdom"),
    ("britain", "United Kingdom"),
    ("greatbritain", "United Kingdom"),
    ("england", "United Kingdom"),
];

/// `score.py`'s `key`: lowercase, then ASCII letters and digits only.
pub(super) fn key(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        .collect()
}

/// Canonical capital and country names, for comparing a snapshot with gold.
#[derive(Debug, Clone)]
pub struct Names {
    places: HashMap<String, String>,
}

impl Names {
    /// The scenario's capitals take the place of `score.py`'s table from
    /// `LABELING.md`: every capital, province and alias names its capital,
    /// the first entry that lists a spelling keeping it.
    pub fn new(scenario: &Scenario) -> Names {
        let mut places = HashMap::new();
        for p in &scenario.places {
            let names = std::iter::once(&p.name)
                .chain(std::iter::once(&p.province))
                .chain(&p.aliases)
                .chain(&p.province_aliases);
            for n in names {
                let k = key(n);
                if !k.is_empty() {
                    places.entry(k).or_insert_with(|| p.name.clone());
                }
            }
        }
        Names { places }
    }

    pub fn place(&self, name: &str) -> String {
        self.places
            .get(&key(name))
            .cloned()
            .unwrap_or_else(|| name.trim().to_string())
    }

    /// Exactly `score.py`'s `country`: only its own alias table, so a corpus
    /// scores the same here as there whatever the scenario calls a country.
    pub fn country(&self, name: &str) -> String {
        let k = key(name);
        COUNTRY_ALIASES
            .iter()
            .find(|(a, _)| *a == k)
            .map_or_else(|| name.trim().to_string(), |(_, c)| c.to_string())
    }
}
