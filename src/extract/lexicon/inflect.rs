//! Verb forms from base forms: the lexicon lists "capture" and "hand
//! over", the matcher needs "captured", "hands over", "capturing".

use std::collections::BTreeMap;

use crate::config::Inflection;

/// The forms of one verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forms {
    pub base: String,
    /// Third person singular: "captures".
    pub third: String,
    pub past: String,
    pub participle: String,
    /// "capturing".
    pub gerund: String,
}

pub struct Inflector {
    irregular: BTreeMap<String, [String; 2]>,
    doubled: Vec<String>,
    prefixes: Vec<String>,
}

fn vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// A one-syllable word ending consonant-vowel-consonant ("stop").
fn one_syllable_doubles(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    if n < 3 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    let syllables = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| vowel(c) && (i == 0 || !vowel(b[i - 1])))
        .count();
    syllables == 1 && !vowel(c1) && vowel(v) && !vowel(c2) && !matches!(c2, b'w' | b'x' | b'y')
}

impl Inflector {
    pub fn new(cfg: &Inflection) -> Inflector {
        Inflector {
            irregular: cfg
                .irregular
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.clone()))
                .collect(),
            doubled: cfg.doubled.iter().map(|w| w.to_lowercase()).collect(),
            prefixes: cfg.verb_prefixes.iter().map(|w| w.to_lowercase()).collect(),
        }
    }

    /// One-syllable verbs ending consonant-vowel-consonant ("stop", "grab")
    /// double it; longer ones when listed ("repel") or when a verb prefix
    /// stands before a verb that doubles ("overrun", "outrun"; the stress
    /// stays on the verb).
    fn doubles(&self, w: &str) -> bool {
        if self.doubled.iter().any(|d| d == w) {
            return true;
        }
        let prefixed = self.prefixes.iter().any(|p| {
            w.strip_prefix(p.as_str())
                .is_some_and(|root| self.irregular.contains_key(root) && one_syllable_doubles(root))
        });
        prefixed || one_syllable_doubles(w)
    }

    /// The forms of a one-word verb.
    pub fn forms(&self, verb: &str) -> Forms {
        let w = verb.to_lowercase();
        let b = w.as_bytes();
        let n = b.len();
        let ends = |s: &str| w.ends_with(s);
        let consonant_y = n >= 2 && b[n - 1] == b'y' && !vowel(b[n - 2]);
        let third = if ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") || ends("o")
        {
            format!("{w}es")
        } else if consonant_y {
            format!("{}ies", &w[..n - 1])
        } else {
            format!("{w}s")
        };
        let double = self.doubles(&w);
        let regular_past = if ends("e") {
            format!("{w}d")
        } else if consonant_y {
            format!("{}ied", &w[..n - 1])
        } else if double {
            format!("{w}{}ed", &w[n - 1..])
        } else {
            format!("{w}ed")
        };
        let gerund = if ends("ie") {
            format!("{}ying", &w[..n - 2])
        } else if ends("e") && !ends("ee") && !ends("ye") && !ends("oe") && n > 2 {
            format!("{}ing", &w[..n - 1])
        } else if double {
            format!("{w}{}ing", &w[n - 1..])
        } else {
            format!("{w}ing")
        };
        let (past, participle) = match self.irregular.get(&w) {
            Some([p, pp]) => (p.clone(), pp.clone()),
            None => (regular_past.clone(), regular_past),
        };
        Forms {
            base: w,
            third,
            past,
            participle,
            gerund,
        }
    }

    /// Every form of a verb phrase, inflecting its first word: "hand over"
    /// gives "hand over", "hands over", "handed over", "handing over".
    /// Returns (phrase, is_participle) so passives can be told apart.
    pub fn phrase_forms(&self, phrase: &str) -> Vec<(String, FormKind)> {
        let phrase = phrase.trim();
        let (head, rest) = match phrase.find(' ') {
            Some(i) => (&phrase[..i], &phrase[i..]),
            None => (phrase, ""),
        };
        let f = self.forms(head);
        let mut out: Vec<(String, FormKind)> = Vec::with_capacity(5);
        let mut push = |w: &str, k: FormKind| {
            let p = format!("{w}{rest}");
            match out.iter_mut().find(|(q, _)| *q == p) {
                // "captured" is both the past and the participle
                Some(e) => e.1 = e.1.merge(k),
                None => out.push((p, k)),
            }
        };
        push(&f.base, FormKind::Finite);
        push(&f.third, FormKind::Finite);
        push(&f.past, FormKind::Finite);
        push(&f.participle, FormKind::Participle);
        push(&f.gerund, FormKind::Gerund);
        out
    }
}

/// What a generated form can be, for the role its place takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Active: the place is the object.
    Finite,
    /// Passive or perfect: the place may be either side.
    Participle,
    /// Both a finite form and the participle ("captured").
    Both,
    /// "capturing": active, the place follows.
    Gerund,
}

impl FormKind {
    fn merge(self, other: FormKind) -> FormKind {
        match (self, other) {
            (a, b) if a == b => a,
            (FormKind::Gerund, b) => b,
            (a, FormKind::Gerund) => a,
            _ => FormKind::Both,
        }
    }

    /// Whether the place may precede this form (passive: "X was captured",
    /// headline "X captured").
    pub fn passive(self) -> bool {
        matches!(self, FormKind::Participle | FormKind::Both)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflector() -> Inflector {
        let cfg = Inflection {
            irregular: [
                ("take", ["took", "taken"]),
                ("fall", ["fell", "fallen"]),
                ("run", ["ran", "run"]),
                ("get", ["got", "got"]),
            ]
            .into_iter()
            .map(|(k, [a, b])| (k.to_string(), [a.to_string(), b.to_string()]))
            .collect(),
            doubled: vec!["repel".into(), "control".into()],
            verb_prefixes: vec!["over".into(), "out".into()],
        };
        Inflector::new(&cfg)
    }

    fn all(i: &Inflector, v: &str) -> Vec<String> {
        let f = i.forms(v);
        vec![f.base, f.third, f.past, f.participle, f.gerund]
    }

    #[test]
    fn a_prefixed_verb_doubles_as_its_root_does() {
        let i = inflector();
        assert_eq!(i.forms("overrun").gerund, "overrunning");
        assert_eq!(i.forms("outrun").gerund, "outrunning");
        // no verb prefix before the root: "budget" is no "bud" + "get"
        assert_eq!(i.forms("budget").gerund, "budgeting");
        // a prefix before a root that does not double
        assert_eq!(i.forms("overtake").gerund, "overtaking");
    }

    #[test]
    fn regular_verbs_follow_the_spelling_rules() {
        let i = inflector();
        assert_eq!(
            all(&i, "capture"),
            ["capture", "captures", "captured", "captured", "capturing"]
        );
        assert_eq!(
            all(&i, "storm"),
            ["storm", "storms", "stormed", "stormed", "storming"]
        );
        assert_eq!(
            all(&i, "occupy"),
            ["occupy", "occupies", "occupied", "occupied", "occupying"]
        );
        assert_eq!(
            all(&i, "push"),
            ["push", "pushes", "pushed", "pushed", "pushing"]
        );
        assert_eq!(
            all(&i, "grab"),
            ["grab", "grabs", "grabbed", "grabbed", "grabbing"]
        );
        assert_eq!(
            all(&i, "enter"),
            ["enter", "enters", "entered", "entered", "entering"]
        );
        assert_eq!(
            all(&i, "free"),
            ["free", "frees", "freed", "freed", "freeing"]
        );
        assert_eq!(
            all(&i, "deploy"),
            ["deploy", "deploys", "deployed", "deployed", "deploying"]
        );
    }

    #[test]
    fn irregular_and_doubled_verbs_come_from_the_tables() {
        let i = inflector();
        assert_eq!(
            all(&i, "take"),
            ["take", "takes", "took", "taken", "taking"]
        );
        assert_eq!(
            all(&i, "fall"),
            ["fall", "falls", "fell", "fallen", "falling"]
        );
        assert_eq!(
            all(&i, "repel"),
            ["repel", "repels", "repelled", "repelled", "repelling"]
        );
        assert_eq!(
            all(&i, "control"),
            [
                "control",
                "controls",
                "controlled",
                "controlled",
                "controlling"
            ]
        );
        // not listed: two syllables, no doubling
        assert_eq!(i.forms("visit").past, "visited");
    }

    #[test]
    fn phrases_inflect_their_first_word_and_mark_participles() {
        let i = inflector();
        let f = i.phrase_forms("hand over");
        let names: Vec<&str> = f.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            ["hand over", "hands over", "handed over", "handing over"]
        );
        assert_eq!(f[2].1, FormKind::Both, "handed over: past and participle");
        let t = i.phrase_forms("take control of");
        assert!(t.contains(&("took control of".to_string(), FormKind::Finite)));
        assert!(t.contains(&("taken control of".to_string(), FormKind::Participle)));
        assert!(FormKind::Participle.passive() && !FormKind::Finite.passive());
    }
}
