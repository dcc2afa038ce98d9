//! Evidence that explains itself: which words of a sentence triggered a
//! fact and who reported it, and the rule in words ("fall, claimed by a
//! rebel spokesman"). Built from the extractor's own compiled word lists
//! (inflected, sides filled in), so it names nothing itself.

use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::config::Scenario;
use crate::live::thousands;
use crate::model::{Certainty, Fact, Troops};

/// Word finders for one scenario, compiled on first use: a monitor's
/// start need not wait for tables that only evidence panes read.
pub struct Explain {
    scenario: Arc<Scenario>,
    finders: OnceLock<Finders>,
    /// The finder of the names last asked about: an item's sentences are
    /// marked one after another, with the same names.
    names: Mutex<Option<(Vec<String>, Arc<Finder>)>>,
}

struct Finders {
    fall: Finder,
    contest: Finder,
    repel: Finder,
    recapture: Finder,
    deploy: Finder,
    tally: Finder,
    attacker: Finder,
    defender: Finder,
    people: Finder,
}

impl std::fmt::Debug for Explain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Explain")
    }
}

struct Finder(Option<AhoCorasick>);

impl Finder {
    fn new<'a>(words: impl IntoIterator<Item = &'a String>) -> Finder {
        let words: Vec<&str> = words
            .into_iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return Finder(None);
        }
        Finder(
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&words)
                .ok(),
        )
    }

    /// Whole-word matches in `text`.
    fn find(&self, text: &str) -> Vec<Range<usize>> {
        let Some(ac) = &self.0 else {
            return Vec::new();
        };
        let b = text.as_bytes();
        let word = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric());
        ac.find_iter(text)
            .filter(|m| (m.start() == 0 || !word(m.start() - 1)) && !word(m.end()))
            .map(|m| m.range())
            .collect()
    }
}

/// What to highlight in a sentence, as byte ranges in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    pub trigger: Vec<Range<usize>>,
    pub source: Vec<Range<usize>>,
}

impl Explain {
    pub fn new(scenario: Arc<Scenario>) -> Explain {
        Explain {
            scenario,
            finders: OnceLock::new(),
            names: Mutex::new(None),
        }
    }

    /// Compile the finders now, off the path of the first evidence shown.
    pub fn warm(&self) {
        self.finders();
    }

    fn finders(&self) -> &Finders {
        self.finders.get_or_init(|| {
            let s = &self.scenario;
            let w = crate::extract::TriggerWords::new(s);
            Finders {
                fall: Finder::new(&w.fall),
                contest: Finder::new(&w.contest),
                repel: Finder::new(&w.repel),
                recapture: Finder::new(&w.recapture),
                deploy: Finder::new(&w.deploy),
                tally: Finder::new(&w.tally),
                attacker: Finder::new(&s.actors.attacker),
                defender: Finder::new(&s.actors.defender),
                people: Finder::new(&s.lexicon.context.people),
            }
        })
    }

    fn names_finder(&self, names: &[String]) -> Arc<Finder> {
        let mut last = self.names.lock().unwrap_or_else(|e| e.into_inner());
        match &*last {
            Some((n, f)) if n == names => f.clone(),
            _ => {
                let f = Arc::new(Finder::new(names));
                *last = Some((names.to_vec(), f.clone()));
                f
            }
        }
    }

    fn finder(&self, fact: &Fact) -> &Finder {
        let f = self.finders();
        match fact {
            Fact::Fall { .. } | Fact::Concede { .. } => &f.fall,
            Fact::Contest { .. } => &f.contest,
            Fact::Repel { .. } => &f.repel,
            Fact::Recapture { .. } => &f.recapture,
            Fact::Deploy { .. } => &f.deploy,
            Fact::Tally { .. } => &f.tally,
        }
    }

    /// The source: for a claim, the attacker's words; else the first
    /// other speaker, with a person noun that follows ("rebel
    /// spokesman").
    fn source(&self, fact: &Fact, sentence: &str) -> Vec<Range<usize>> {
        let claimed = matches!(
            fact,
            Fact::Fall {
                certainty: Certainty::Claimed,
                ..
            }
        );
        let f = self.finders();
        let people = f.people.find(sentence);
        let actors = if claimed {
            f.attacker.find(sentence)
        } else {
            let d = f.defender.find(sentence);
            if d.is_empty() {
                people.clone()
            } else {
                d
            }
        };
        actors
            .into_iter()
            .take(1)
            .map(|r| {
                let rest = &sentence[r.end..];
                let gap = rest.len() - rest.trim_start().len();
                match people.iter().find(|p| p.start == r.end + gap && gap <= 1) {
                    Some(p) => r.start..p.end,
                    None => r,
                }
            })
            .collect()
    }

    /// What to highlight: the trigger nearest a mention of the subject
    /// (one of `names`, as whole words; every trigger when none is found),
    /// and the source.
    pub fn marks(&self, fact: &Fact, sentence: &str, names: &[String]) -> Marks {
        let mut trigger = self.finder(fact).find(sentence);
        let mentions = self.names_finder(names).find(sentence);
        if trigger.len() > 1 && !mentions.is_empty() {
            let gap = |r: &Range<usize>| {
                mentions
                    .iter()
                    .map(|m| {
                        if m.end <= r.start {
                            r.start - m.end
                        } else {
                            m.start.saturating_sub(r.end)
                        }
                    })
                    .min()
                    .unwrap_or(usize::MAX)
            };
            if let Some(best) = trigger.iter().min_by_key(|r| gap(r)).cloned() {
                trigger = vec![best];
            }
        }
        Marks {
            trigger,
            source: if matches!(fact, Fact::Tally { .. } | Fact::Deploy { .. }) {
                Vec::new()
            } else {
                self.source(fact, sentence)
            },
        }
    }

    /// The rule in words: "fall, claimed by rebel spokesman",
    /// "fall, confirmed by officials", "recapture", "deployment: 600
    /// troops in all".
    pub fn words(&self, fact: &Fact, sentence: &str) -> String {
        let source = self
            .source(fact, sentence)
            .first()
            .map(|r| sentence[r.clone()].to_string());
        match fact {
            Fact::Fall {
                certainty: Certainty::Claimed,
                ..
            } => match source {
                Some(s) => format!("fall, claimed by {s} (the attacker only)"),
                None => "fall, claimed by the attacker only".to_string(),
            },
            Fact::Fall { .. } => match source {
                Some(s) => format!("fall, confirmed by {s}"),
                None => "fall, reported as fact".to_string(),
            },
            Fact::Contest { .. } => "fighting: contested".to_string(),
            Fact::Repel { .. } => "attack repelled: held".to_string(),
            Fact::Concede { .. } => "the defender pulled out of the contested city".to_string(),
            Fact::Recapture { .. } => match source {
                Some(s) => format!("recapture, reported by {s}"),
                None => "recapture".to_string(),
            },
            Fact::Deploy { troops, .. } => match troops {
                Troops::Total(n) => {
                    format!("deployment: {} troops in all", thousands(u64::from(*n)))
                }
                Troops::Additional(n) => {
                    format!("deployment: {} more troops", thousands(u64::from(*n)))
                }
                Troops::Unspecified => "deployment, no figure given".to_string(),
                Troops::Present(n) => format!(
                    "{} troops there, said without a sending: updates a country already \
                     deploying, starts none",
                    thousands(u64::from(*n))
                ),
            },
            Fact::Tally { count } => format!("tally: {count} capitals fallen, as stated"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_trigger_and_source() {
        let s = Scenario::builtin();
        // the built-in scenario's attacker, by the name its config gives it
        let who = s.actors.controller(None).name.clone();
        let x = Explain::new(Arc::new(s));
        let sent = format!("A {who} spokesman said their fighters had captured the city.");
        let sent = sent.as_str();
        let fact = Fact::Fall {
            place: 0,
            certainty: Certainty::Claimed,
            by: None,
        };
        let m = x.marks(&fact, sent, &["the city".to_string()]);
        assert!(
            m.trigger.iter().any(|r| &sent[r.clone()] == "captured"),
            "{m:?}"
        );
        assert_eq!(sent[m.source[0].clone()], format!("{who} spokesman"));
        assert_eq!(
            x.words(&fact, sent),
            format!("fall, claimed by {who} spokesman (the attacker only)")
        );
    }
}
