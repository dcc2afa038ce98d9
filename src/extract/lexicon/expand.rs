//! `{attacker}`, `{defender}` and `{host}` in lexicon phrases, expanded
//! from actors.toml and scenario.toml, so no side's name is written in the
//! lexicon; `{intensity}` from the language's adjectives of force and
//! `{advance}` from its verbs of forcing a way forward, and `{check}` from
//! its verbs of checking in every form, so no phrase is listed once per
//! adjective or verb.

use crate::config::Scenario;

pub struct Slots {
    attacker: Vec<String>,
    defender: Vec<String>,
    host: Vec<String>,
    /// "heavy", "renewed": `{intensity}`.
    intensity: Vec<String>,
    /// "push", "press", "pour": `{advance}`, verbs of forcing a way
    /// forward, by lemma (the lexicon inflects them).
    advance: Vec<String>,
    /// "verify", "verified", "corroborating": `{check}`, every form of the
    /// verbs of checking a report, for phrases that inflect a later word
    /// ("not been independently {check}").
    check: Vec<String>,
    /// "the ", to drop before a name that has one ("the {attacker}").
    the: String,
    /// "back", "away": a particle a side's name may take after it before
    /// the rest of the phrase ("drove {attacker} out of" is also "drove
    /// the rebels back out of").
    particles: Vec<String>,
    /// The prepositions a particle may stand before ("from"; "out" of "out
    /// of" among the words of "of").
    prepositions: Vec<String>,
    /// "them": an object pronoun stands for the attacker at the end of a
    /// phrase, after a recipient word ("passed to them").
    pronouns: Vec<String>,
    /// "to", "into": the words before the side a place is given to.
    recipients: Vec<String>,
}

/// The language's article and possessive endings, as `forms` uses them.
struct Grammar<'a> {
    /// The definite article ("the").
    the: &'a str,
    /// Possessive endings, the one for words ending in "s" last ("'s", "'").
    possessive: &'a [String],
}

/// A side's names as they stand in a phrase: bare, with the article, and
/// possessive ("in the insurgents' hands"): with the last possessive
/// ending after an "s", else the first.
fn forms(names: &[String], g: &Grammar) -> Vec<String> {
    let mut out = Vec::new();
    let the = format!("{} ", g.the);
    for n in names {
        let n = n.trim().to_lowercase();
        if n.is_empty() {
            continue;
        }
        let bases = if g.the.is_empty() || n.starts_with(&the) {
            vec![n.clone()]
        } else {
            vec![n.clone(), format!("{the}{n}")]
        };
        for b in bases {
            let suffix = if b.ends_with('s') {
                g.possessive.last()
            } else {
                g.possessive.first()
            };
            if let Some(suf) = suffix {
                out.push(format!("{b}{suf}"));
            }
            out.push(b);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A word list as slot fillers: trimmed, lower-case, none empty.
fn words(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|h| h.trim().to_lowercase())
        .filter(|h| !h.is_empty())
        .collect()
}

impl Slots {
    pub fn new(s: &Scenario) -> Slots {
        let w = &s.language.words;
        let g = Grammar {
            the: w.definite.first().map_or("", |t| t.trim()),
            possessive: &w.possessive_suffixes,
        };
        Slots {
            the: if g.the.is_empty() {
                String::new()
            } else {
                format!("{} ", g.the.to_lowercase())
            },
            attacker: forms(&s.actors.attacker, &g),
            defender: forms(&s.actors.defender, &g),
            host: s
                .scenario
                .host_names
                .iter()
                .map(|h| h.trim().to_lowercase())
                .filter(|h| !h.is_empty())
                .collect(),
            intensity: words(&w.intensifiers),
            particles: words(&w.object_particles),
            prepositions: words(&w.prepositions)
                .into_iter()
                .chain(words(&w.motion_prepositions))
                .chain(words(&w.of_words))
                .collect(),
            advance: words(&w.advance_verbs),
            pronouns: words(&w.object_pronouns),
            recipients: words(&w.recipient_words),
            check: {
                let inf = super::inflect::Inflector::new(&s.language.inflection);
                let mut all: Vec<String> = words(&w.check_verbs)
                    .iter()
                    .flat_map(|v| {
                        let f = inf.forms(v);
                        [f.base, f.third, f.past, f.participle, f.gerund]
                    })
                    .collect();
                all.sort();
                all.dedup();
                all
            },
        }
    }

    fn fill(&self, slot: &str) -> Option<&[String]> {
        match slot {
            "attacker" => Some(&self.attacker),
            "defender" => Some(&self.defender),
            "host" => Some(&self.host),
            "intensity" => Some(&self.intensity),
            "advance" => Some(&self.advance),
            "check" => Some(&self.check),
            _ => None,
        }
    }

    /// Every phrase `p` stands for: one per name of each side it names.
    pub fn expand(&self, p: &str) -> Vec<String> {
        let Some(open) = p.find('{') else {
            return vec![p.to_string()];
        };
        let Some(close) = p[open..].find('}').map(|i| open + i) else {
            return vec![p.to_string()];
        };
        let Some(names) = self.fill(&p[open + 1..close]) else {
            return vec![p.to_string()];
        };
        let (head, tail) = (&p[..open], &p[close + 1..]);
        // "passed to them": the attacker as a pronoun after a recipient
        // word ends a phrase (`capitals` checks the side named before it)
        let given = p[open + 1..close] == *"attacker"
            && tail.trim().is_empty()
            && head
                .split_whitespace()
                .next_back()
                .is_some_and(|w| self.recipients.iter().any(|r| r == w));
        let pronouns = if given { &self.pronouns[..] } else { &[] };
        // a side as a verb's object, a preposition after it: the particle
        // may come between ("drive {attacker} back out of")
        let side = matches!(&p[open + 1..close], "attacker" | "defender");
        let first = tail.split_whitespace().next().unwrap_or("");
        let mut tails = vec![tail.to_string()];
        if side && tail.starts_with(' ') && self.prepositions.iter().any(|x| x == first) {
            tails.extend(self.particles.iter().map(|x| format!(" {x}{tail}")));
        }
        names
            .iter()
            .chain(pronouns)
            .flat_map(|n| {
                // "in the {attacker}'s hands" with "the group": no "the the"
                let n = if !self.the.is_empty() && head.ends_with(&self.the) {
                    n.strip_prefix(&self.the).unwrap_or(n)
                } else {
                    n
                };
                tails
                    .iter()
                    .flat_map(|t| self.expand(&format!("{head}{n}{t}")))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    pub fn expand_all(&self, list: &[String]) -> Vec<String> {
        list.iter().flat_map(|p| self.expand(p)).collect()
    }

    /// A gap list's words: `{attacker}` stands for each word of every
    /// attacker name.
    pub fn gap_words(&self, list: &[String]) -> Vec<String> {
        let mut out: Vec<String> = list
            .iter()
            .flat_map(
                |w| match w.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
                    Some(slot) => self
                        .fill(slot)
                        .unwrap_or(&[])
                        .iter()
                        .flat_map(|n| n.split_whitespace().map(str::to_string))
                        .collect(),
                    None => vec![w.clone()],
                },
            )
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// "the country's", "Ruritania's": owners that may precede a rank.
    pub fn owners(&self) -> Vec<String> {
        self.host.iter().map(|h| format!("{h}'s")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots() -> Slots {
        let possessive = ["'s".to_string(), "'".to_string()];
        let g = Grammar {
            the: "the",
            possessive: &possessive,
        };
        Slots {
            attacker: forms(&["Rebels".into(), "the Front".into()], &g),
            defender: forms(&["army".into()], &g),
            host: vec!["ruritania".into()],
            intensity: vec!["renewed".into(), "heavy".into()],
            advance: vec!["push".into(), "pour".into()],
            check: vec!["verified".into(), "verify".into()],
            the: "the ".into(),
            particles: vec!["back".into()],
            prepositions: vec!["out".into(), "from".into()],
            pronouns: vec!["them".into()],
            recipients: vec!["to".into()],
        }
    }

    #[test]
    fn a_particle_may_follow_a_side_before_a_preposition() {
        let e = slots().expand("drive {defender} out of");
        assert!(
            e.contains(&"drive the army back out of".to_string()),
            "{e:?}"
        );
        assert!(e.contains(&"drive the army out of".to_string()), "{e:?}");
        // not before a word that is no preposition
        let e = slots().expand("in {defender} hands");
        assert!(!e.iter().any(|p| p.contains("back")), "{e:?}");
    }

    #[test]
    fn an_object_pronoun_stands_for_the_attacker_given_a_place() {
        let e = slots().expand("pass to {attacker}");
        assert!(e.contains(&"pass to them".to_string()), "{e:?}");
        // not for the defender, nor before the rest of a phrase
        assert!(!slots()
            .expand("pass to {defender}")
            .iter()
            .any(|p| p.ends_with("them")));
        assert!(!slots()
            .expand("drive {attacker} out of")
            .iter()
            .any(|p| p.contains("them")));
    }

    #[test]
    fn intensity_stands_for_each_adjective_of_force() {
        let e = slots().expand("under {intensity} attack");
        assert_eq!(e, vec!["under renewed attack", "under heavy attack"]);
    }

    #[test]
    fn check_stands_inside_a_phrase() {
        assert_eq!(
            slots().expand("not been independently {check}"),
            [
                "not been independently verified",
                "not been independently verify"
            ]
        );
    }

    #[test]
    fn advance_stands_for_each_verb_of_forcing_a_way() {
        let e = slots().expand("{advance} into");
        assert_eq!(e, vec!["push into", "pour into"]);
    }

    #[test]
    fn slots_expand_to_every_name_with_articles_and_possessives() {
        let s = slots();
        let e = s.expand("in {attacker} hands");
        for want in [
            "in rebels hands",
            "in the rebels' hands",
            "in the front's hands",
            "in rebels' hands",
        ] {
            assert!(e.contains(&want.to_string()), "{want} in {e:?}");
        }
        assert!(!e.iter().any(|p| p.contains("the the")), "{e:?}");
        let e = s.expand("in the hands of the {attacker}");
        assert!(
            e.contains(&"in the hands of the front".to_string()),
            "{e:?}"
        );
        assert!(!e.iter().any(|p| p.contains("the the")), "{e:?}");
        assert_eq!(s.expand("leave {host}"), ["leave ruritania"]);
        assert_eq!(s.expand("no slot"), ["no slot"]);
        assert_eq!(s.expand("{unknown} x"), ["{unknown} x"]);
        let two = s.expand("{attacker} against {defender}");
        assert!(
            two.contains(&"rebels against the army".to_string()),
            "{two:?}"
        );
        assert_eq!(
            s.gap_words(&["by".into(), "{attacker}".into()]).len(),
            1 + 2 + 3
        );
    }
}
