//! What a scenario must be beyond TOML types: names that point at one
//! thing only, sides that do not overlap, counts that add up. Each problem
//! is an error (or, for harmless repeats, a warning) at the line it is on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::load::Problems;
use super::schema::*;
use super::{fold_key, Actors, Group};
use crate::model::GroupId;

type Text = (PathBuf, String);

/// The parsed files, each beside its path and text; `None` where parsing
/// failed (its errors are reported already).
pub(super) struct Files<'a> {
    pub scenario: (&'a Text, Option<&'a ScenarioFile>),
    pub places: (&'a Text, Option<&'a PlacesFile>),
    pub countries: (&'a Text, Option<&'a CountriesFile>),
    pub actors: (&'a Text, Option<&'a ActorsFile>),
    pub lexicon: (&'a Text, Option<&'a LexiconFile>),
    pub boilerplate: (&'a Text, Option<&'a BoilerplateFile>),
}

/// Offset of the first `"needle"` at or after `from`, for pointing at a
/// line; `from` when it is not there.
fn quoted(text: &str, from: usize, needle: &str) -> usize {
    let from = from.min(text.len());
    text[from..]
        .find(&format!("\"{needle}\""))
        .map_or(from, |i| from + i)
}

/// Offset of the `n`th `[[table]]` header.
fn nth_table(text: &str, table: &str, n: usize) -> usize {
    let header = format!("[[{table}]]");
    text.match_indices(&header).nth(n).map_or(0, |(i, _)| i)
}

/// Offset of `key =` at or after `from`.
fn key_at(text: &str, from: usize, key: &str) -> usize {
    let from = from.min(text.len());
    text[from..]
        .match_indices(key)
        .find(|(i, _)| {
            let line_start = text[..from + i].rfind('\n').map_or(0, |n| n + 1);
            text[line_start..from + i].trim().is_empty()
                && text[from + i + key.len()..].trim_start().starts_with('=')
        })
        .map_or(from, |(i, _)| from + i)
}

pub(super) fn check(f: &Files, p: &mut Problems) -> Option<Actors> {
    for t in [
        f.scenario.0,
        f.places.0,
        f.countries.0,
        f.actors.0,
        f.lexicon.0,
        f.boilerplate.0,
    ] {
        repeated_entries(&t.0, &t.1, p);
    }
    if let (t, Some(s)) = f.scenario {
        scenario(&t.0, &t.1, s, f.places.1, p);
    }
    let host: Vec<String> = f
        .scenario
        .1
        .map(|s| s.host_names.clone())
        .unwrap_or_default();
    let actors = f
        .actors
        .1
        .and_then(|a| actors(&f.actors.0 .0, &f.actors.0 .1, a, p));
    if let (t, Some(pl)) = f.places {
        // the groups as written: a controller is checked even when the
        // sides have errors of their own
        places(
            &t.0,
            &t.1,
            pl,
            &host,
            f.actors.1.map(|a| &a.attacker[..]),
            p,
        );
    }
    if let (ct, Some(c)) = f.countries {
        let tracked = f.places.1.map_or(&[][..], |pl| &pl.capitals[..]);
        countries(&ct.0, &ct.1, c, &host, tracked, p);
    }
    if let (t, Some(l)) = f.lexicon {
        lexicon(&t.0, &t.1, l, p);
    }
    if let (t, Some(b)) = f.boilerplate {
        for pat in &b.line_patterns {
            if let Err(e) = regex::Regex::new(pat) {
                let at = t.1.find(pat.as_str()).unwrap_or(0);
                p.error(&t.0, &t.1, at, format!("bad line pattern {pat:?}: {e}"));
            }
        }
    }
    actors
}

fn scenario(
    path: &Path,
    text: &str,
    s: &ScenarioFile,
    places: Option<&PlacesFile>,
    p: &mut Problems,
) {
    let total_at = key_at(text, 0, "total_capitals");
    if s.total_capitals == 0 {
        p.error(
            path,
            text,
            total_at,
            "total_capitals must be above 0".into(),
        );
    }
    if let Some(pl) = places {
        let known =
            pl.capitals.len() + pl.untracked.iter().filter(|u| u.province.is_some()).count();
        if s.total_capitals as usize > known {
            p.error(
                path,
                text,
                total_at,
                format!(
                    "total_capitals is {}, but places.toml declares {known} capitals ({} tracked, \
                     and untracked [[place]] entries with a `province`): declare the others as \
                     untracked places",
                    s.total_capitals,
                    pl.capitals.len()
                ),
            );
        }
    }
    for h in &s.host_names {
        if h.trim().is_empty() {
            p.error(
                path,
                text,
                key_at(text, 0, "host_names"),
                "empty host name".into(),
            );
        }
    }
}

fn actors(path: &Path, text: &str, a: &ActorsFile, p: &mut Problems) -> Option<Actors> {
    let mut ok = true;
    if a.attacker.is_empty() {
        p.error(
            path,
            text,
            0,
            "no [[attacker]]: name at least one attacking group".into(),
        );
        return None;
    }
    // every word, lowercased, with the side it names
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut claim = |word: &str, side: String, from: usize, p: &mut Problems| {
        let w = word.trim().to_lowercase();
        if w.is_empty() {
            p.error(path, text, from, format!("{side}: an empty name"));
            return false;
        }
        match owner.get(&w) {
            Some(other) if *other != side => {
                p.error(
                    path,
                    text,
                    quoted(text, from, word),
                    format!("{word:?} names both {other} and {side}"),
                );
                false
            }
            _ => {
                owner.insert(w, side);
                true
            }
        }
    };
    for d in &a.defender {
        ok &= claim(d, "the defender".into(), key_at(text, 0, "defender"), p);
    }
    let mut names: HashMap<String, usize> = HashMap::new();
    let generic: Vec<usize> = (0..a.attacker.len())
        .filter(|&i| a.attacker[i].generic)
        .collect();
    for (i, g) in a.attacker.iter().enumerate() {
        let at = nth_table(text, "attacker", i);
        if g.name.trim().is_empty() {
            p.error(
                path,
                text,
                key_at(text, at, "name"),
                "an attacking group with an empty name".into(),
            );
            ok = false;
        }
        if g.names.is_empty() {
            p.error(
                path,
                text,
                at,
                format!(
                    "attacker {:?}: `names` is empty: list the words that name it",
                    g.name
                ),
            );
            ok = false;
        }
        if names.insert(g.name.trim().to_lowercase(), i).is_some() {
            p.error(
                path,
                text,
                key_at(text, at, "name"),
                format!("two groups are called {:?}", g.name),
            );
            ok = false;
        }
        for n in &g.names {
            ok &= claim(n, format!("attacker {:?}", g.name), at, p);
        }
    }
    for (i, g) in a.third_party.iter().enumerate() {
        let at = nth_table(text, "third_party", i);
        if g.name.trim().is_empty() || g.names.is_empty() {
            p.error(
                path,
                text,
                at,
                "a third party needs a `name` and the `names` of its forces".into(),
            );
            ok = false;
        }
        if names
            .insert(g.name.trim().to_lowercase(), usize::MAX)
            .is_some()
        {
            p.error(
                path,
                text,
                key_at(text, at, "name"),
                format!("two sides are called {:?}", g.name),
            );
            ok = false;
        }
        for n in &g.names {
            ok &= claim(n, format!("third party {:?}", g.name), at, p);
        }
    }
    let generic = match generic.as_slice() {
        [one] => *one,
        [] if a.attacker.len() == 1 => 0,
        [] => {
            p.error(
                path,
                text,
                nth_table(text, "attacker", 0),
                "several attacking groups, none `generic = true`: mark the one whose words name \
                 the attacking side in general (\"rebels\"); it is the controller when the text \
                 names no group"
                    .into(),
            );
            return None;
        }
        [_, second, ..] => {
            p.error(
                path,
                text,
                key_at(text, nth_table(text, "attacker", *second), "generic"),
                "only one attacking group may be `generic`".into(),
            );
            return None;
        }
    };
    if !ok {
        return None;
    }
    let group = |name: &str, description: &str, names: &[String]| Group {
        name: name.to_string(),
        description: description.to_string(),
        names: names.to_vec(),
    };
    Some(Actors {
        attacker: a.attacker.iter().flat_map(|g| g.names.clone()).collect(),
        defender: a.defender.clone(),
        third_party: a.third_party.iter().flat_map(|g| g.names.clone()).collect(),
        groups: a
            .attacker
            .iter()
            .map(|g| group(&g.name, &g.description, &g.names))
            .collect(),
        generic: GroupId(generic as u16),
        third_parties: a
            .third_party
            .iter()
            .map(|g| group(&g.name, "", &g.names))
            .collect(),
    })
}

fn places(
    path: &Path,
    text: &str,
    pl: &PlacesFile,
    host: &[String],
    groups: Option<&[AttackerEntry]>,
    p: &mut Problems,
) {
    if pl.capitals.is_empty() {
        p.error(path, text, 0, "no [[capital]] entries".into());
    }
    let hosts: Vec<String> = host.iter().map(|h| fold_key(h)).collect();
    // every name and alias, and every province name, by key
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut provinces: HashMap<String, String> = HashMap::new();
    let mut ranks: HashMap<u32, &str> = HashMap::new();
    let mut national: Option<&str> = None;
    let names = |name: &str,
                 list: &[&String],
                 from: usize,
                 seen: &mut HashMap<String, String>,
                 p: &mut Problems| {
        for n in list {
            let k = fold_key(n);
            let at = quoted(text, from, n);
            if k.is_empty() {
                p.error(path, text, at, format!("{name}: empty name or alias"));
                continue;
            }
            if hosts.contains(&k) {
                p.error(
                    path,
                    text,
                    at,
                    format!("{n:?} ({name}) is a name of the host country (host_names)"),
                );
            }
            match seen.get(&k) {
                Some(other) if other != name => p.error(
                    path,
                    text,
                    at,
                    format!("{n:?} names both {other} and {name}"),
                ),
                Some(_) => {}
                None => {
                    seen.insert(k, name.to_string());
                }
            }
        }
    };
    let province = |place: &str,
                    list: Vec<&String>,
                    from: usize,
                    provinces: &mut HashMap<String, String>,
                    p: &mut Problems| {
        for n in list {
            let k = fold_key(n);
            if k.is_empty() {
                p.error(
                    path,
                    text,
                    quoted(text, from, n),
                    format!("{place}: empty province name"),
                );
                continue;
            }
            match provinces.get(&k) {
                Some(other) if other != place => p.error(
                    path,
                    text,
                    quoted(text, from, n),
                    format!("province {n:?} is given to both {other} and {place}"),
                ),
                Some(_) => {}
                None => {
                    provinces.insert(k, place.to_string());
                }
            }
        }
    };
    for (i, c) in pl.capitals.iter().enumerate() {
        let at = nth_table(text, "capital", i);
        if !(-90.0..=90.0).contains(&c.lat) || !(-180.0..=180.0).contains(&c.lon) {
            p.error(
                path,
                text,
                key_at(text, at, "lat"),
                format!(
                    "{}: coordinates {}, {} are out of range",
                    c.name, c.lat, c.lon
                ),
            );
        }
        let list: Vec<&String> = std::iter::once(&c.name).chain(&c.aliases).collect();
        names(&c.name, &list, at, &mut seen, p);
        province(
            &c.name,
            std::iter::once(&c.province)
                .chain(&c.province_aliases)
                .collect(),
            at,
            &mut provinces,
            p,
        );
        if let Some(r) = c.rank {
            if r == 0 {
                p.error(
                    path,
                    text,
                    key_at(text, at, "rank"),
                    format!("{}: ranks start at 1", c.name),
                );
            } else if let Some(other) = ranks.insert(r, &c.name) {
                p.error(
                    path,
                    text,
                    key_at(text, at, "rank"),
                    format!("rank {r} is given to both {other} and {}", c.name),
                );
            }
        }
        if c.national_capital {
            if let Some(other) = national.replace(&c.name) {
                p.error(
                    path,
                    text,
                    key_at(text, at, "national_capital"),
                    format!("two national capitals: {other} and {}", c.name),
                );
            }
        }
        if let Some(ctl) = &c.controller {
            let where_ = key_at(text, at, "controller");
            if c.initial != Initial::Fallen {
                p.error(
                    path,
                    text,
                    where_,
                    format!(
                        "{}: a controller is for a place that starts fallen (initial = \"fallen\")",
                        c.name
                    ),
                );
            } else if let Some(groups) = groups {
                // as `Actors::group_named` compares them
                let want = ctl.trim().to_lowercase();
                if !groups.iter().any(|g| g.name.to_lowercase() == want) {
                    let known: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
                    p.error(
                        path,
                        text,
                        where_,
                        format!(
                            "{}: controller {ctl:?} is no attacking group ({})",
                            c.name,
                            known.join(", ")
                        ),
                    );
                }
            }
        }
    }
    let mut descriptions: HashMap<String, &str> = HashMap::new();
    for (i, c) in pl.capitals.iter().enumerate() {
        for d in &c.descriptions {
            if let Some(other) = descriptions.insert(d.trim().to_lowercase(), &c.name) {
                if other != c.name {
                    p.error(
                        path,
                        text,
                        quoted(text, nth_table(text, "capital", i), d),
                        format!("description {d:?} names both {other} and {}", c.name),
                    );
                }
            }
        }
    }
    for (i, u) in pl.untracked.iter().enumerate() {
        let at = nth_table(text, "place", i);
        let list: Vec<&String> = std::iter::once(&u.name).chain(&u.aliases).collect();
        names(&u.name, &list, at, &mut seen, p);
        match &u.province {
            Some(pr) => province(
                &u.name,
                std::iter::once(pr).chain(&u.province_aliases).collect(),
                at,
                &mut provinces,
                p,
            ),
            None if !u.province_aliases.is_empty() => p.error(
                path,
                text,
                key_at(text, at, "province_aliases"),
                format!("{}: province_aliases without a province", u.name),
            ),
            None => {}
        }
        if u.kind.trim().is_empty() {
            p.error(
                path,
                text,
                key_at(text, at, "kind"),
                format!("{}: empty kind", u.name),
            );
        }
    }
}

fn countries(
    path: &Path,
    text: &str,
    cs: &CountriesFile,
    host: &[String],
    tracked: &[CapitalEntry],
    p: &mut Problems,
) {
    let hosts: Vec<String> = host.iter().map(|h| h.trim().to_lowercase()).collect();
    let place_keys: HashMap<String, &str> = tracked
        .iter()
        .flat_map(|c| {
            std::iter::once(&c.name)
                .chain(&c.aliases)
                .map(move |n| (fold_key(n), c.name.as_str()))
        })
        .collect();
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (i, c) in cs.countries.iter().enumerate() {
        let at = nth_table(text, "country", i);
        for n in std::iter::once(&c.name)
            .chain(&c.aliases)
            .chain(&c.demonyms)
            .chain(&c.metonyms)
        {
            let where_ = quoted(text, at, n);
            let low = n.trim().to_lowercase();
            if low.is_empty() {
                p.error(path, text, where_, format!("{}: an empty name", c.name));
                continue;
            }
            if let Some(other) = seen.insert(low.clone(), &c.name) {
                if other != c.name {
                    p.error(
                        path,
                        text,
                        where_,
                        format!("{n:?} names both {other} and {}", c.name),
                    );
                }
            }
            if hosts.contains(&low) {
                p.error(
                    path,
                    text,
                    where_,
                    format!(
                        "{n:?} ({}) is a name of the host country: the host is `host_names` in \
                         scenario.toml, not a country here",
                        c.name
                    ),
                );
            }
            if let Some(place) = place_keys.get(&fold_key(n)) {
                p.warn(
                    path,
                    text,
                    where_,
                    format!(
                        "{n:?} ({}) is also a name of the tracked place {place}: the place wins \
                         where both could match",
                        c.name
                    ),
                );
            }
        }
    }
}

fn lexicon(path: &Path, text: &str, l: &LexiconFile, p: &mut Problems) {
    let tables = [
        ("fall", &l.fall),
        ("contest", &l.contest),
        ("repel", &l.repel),
        ("recapture", &l.recapture),
        ("liberate", &l.liberate),
        ("concede", &l.concede),
    ];
    for (name, w) in tables {
        let from = text.find(&format!("[{name}]")).unwrap_or(0);
        let lower =
            |v: &[String]| -> Vec<String> { v.iter().map(|x| x.trim().to_lowercase()).collect() };
        let literals: Vec<String> = [
            &w.object,
            &w.subject,
            &w.either,
            &w.label,
            &w.object_if_attacker,
            &w.subject_if_attacker,
            &w.object_if_defender,
        ]
        .iter()
        .flat_map(|v| lower(v))
        .collect();
        for n in lower(&w.not) {
            if literals.contains(&n) {
                p.error(
                    path,
                    text,
                    quoted(text, from, &n),
                    format!("[{name}] {n:?} is both a trigger and in `not`: it would never fire"),
                );
            }
        }
        let verbs: Vec<String> = [
            &w.verbs,
            &w.intransitive,
            &w.verbs_if_attacker,
            &w.verbs_if_defender,
            &w.locative_verbs,
        ]
        .iter()
        .flat_map(|v| lower(v))
        .collect();
        for n in lower(&w.not_verbs) {
            if verbs.contains(&n) {
                p.error(
                    path,
                    text,
                    quoted(text, from, &n),
                    format!(
                        "[{name}] {n:?} is both a verb and in `not_verbs`: it would never fire"
                    ),
                );
            }
        }
    }
    for (i, g) in l.seats.city.iter().enumerate() {
        if g.is_empty() {
            p.error(
                path,
                text,
                key_at(text, text.find("[seats]").unwrap_or(0), "city"),
                format!("[seats] city: group {} is empty", i + 1),
            );
        }
    }
    // "{attacker}", "{defender}" and "{host}" are the only slots
    for (at, _) in text.match_indices('{') {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        if text[line_start..at].contains('#') {
            continue;
        }
        let Some(close) = text[at..].find('}') else {
            continue;
        };
        let slot = &text[at + 1..at + close];
        let is_word = !slot.is_empty() && slot.chars().all(|c| c.is_ascii_alphabetic() || c == '_');
        // inline tables ("{ a = 1 }") are no slots
        if is_word
            && !matches!(
                slot,
                "attacker" | "defender" | "host" | "intensity" | "advance" | "check"
            )
        {
            p.error(
                path,
                text,
                at,
                format!(
                    "unknown slot {{{slot}}}: use {{attacker}}, {{defender}}, {{host}}, \
                     {{intensity}}, {{advance}} or {{check}}"
                ),
            );
        }
    }
}

/// Warn about a string listed twice in one list ("took" twice in
/// `fall.verbs`): harmless, but a sign of a copy gone wrong.
fn repeated_entries(path: &Path, text: &str, p: &mut Problems) {
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return;
    }
    fn walk(v: &DeValue<'_>, path: &Path, text: &str, p: &mut Problems) {
        match v {
            DeValue::Table(t) => walk_table(t, path, text, p),
            DeValue::Array(a) => {
                let mut seen: Vec<String> = Vec::new();
                for item in a.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => {
                            let k = s.trim().to_lowercase();
                            if seen.contains(&k) {
                                p.warn(
                                    path,
                                    text,
                                    item.span().start,
                                    format!("{s:?} is listed twice in this list"),
                                );
                            } else {
                                seen.push(k);
                            }
                        }
                        other => walk(other, path, text, p),
                    }
                }
            }
            _ => {}
        }
    }
    fn walk_table(t: &DeTable<'_>, path: &Path, text: &str, p: &mut Problems) {
        for (_, v) in t.iter() {
            walk(v.get_ref(), path, text, p);
        }
    }
    walk_table(table.get_ref(), path, text, p);
}
