//! A situation brief in Markdown: the counts and what changed in the 24
//! hours before the brief's time, every capital not held with its status,
//! since when and its sources, deployments, the reported tally against the
//! counted one, and the corrections in force.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};

use crate::live::{thousands, Limit, Live};
use crate::model::ArticleTime;
use crate::snapshot::Snapshot;
use crate::state::{Change, Event, Standing, Status};

/// Where the dashboard writes briefs, in the feeds folder.
pub const DIR: &str = "briefs";

fn signed(now: i64, before: i64) -> String {
    match now - before {
        0 => "–".to_string(),
        d if d > 0 => format!("+{d}"),
        d => format!("−{}", -d),
    }
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn when(t: Option<ArticleTime>) -> String {
    t.map_or_else(|| "time unknown".to_string(), |t| t.display())
}

/// The time of the article (or correction) behind an event.
fn event_time(live: &Live, e: &Event) -> String {
    match (e.evidence(), e.correction()) {
        (Some(ev), _) => when(live.article(&ev.file).and_then(|a| a.time())),
        (None, Some(c)) => c.at.format("%Y-%m-%d %H:%MZ").to_string(),
        _ => String::new(),
    }
}

fn troops(s: &Snapshot) -> u64 {
    s.deployments
        .iter()
        .filter_map(|d| d.troops.map(u64::from))
        .sum()
}

/// The brief of `live` at its own as-of time, else at `now`.
pub fn render(live: &Live, now: DateTime<Utc>) -> String {
    let at = live.as_of.unwrap_or(now);
    let snap = &live.snapshot;
    let before = live.at(Limit::AsOf(at - Duration::hours(24)));
    let was = &before.snapshot;
    let c = &snap.counts;
    let mut o = String::new();
    o.push_str(&format!("# Situation brief: {}\n\n", snap.scenario));
    o.push_str(&format!(
        "As of {} (UTC). {} articles read",
        at.format("%Y-%m-%d %H:%M"),
        snap.articles
    ));
    let newest = live
        .articles
        .iter()
        .filter_map(|a| a.time())
        .max_by_key(|t| t.at);
    if let Some(n) = newest {
        o.push_str(&format!(
            "; the newest was published {} (from its {})",
            n.display(),
            n.source.describe()
        ));
    }
    o.push_str(".\n\n## Counts\n\n| | now | in the last 24 hours |\n|---|---|---|\n");
    let row = |o: &mut String, name: &str, now: String, d: String| {
        o.push_str(&format!("| {name} | {now} | {d} |\n"));
    };
    row(
        &mut o,
        "Fallen",
        format!("{}/{} ({} claimed only)", c.fallen, c.total, c.claimed),
        signed(c.fallen as i64, was.counts.fallen as i64),
    );
    row(
        &mut o,
        "Contested",
        c.contested.to_string(),
        signed(c.contested as i64, was.counts.contested as i64),
    );
    row(
        &mut o,
        "Held",
        c.held.to_string(),
        signed(c.held as i64, was.counts.held as i64),
    );
    row(
        &mut o,
        "Reported fallen (stated tally)",
        snap.reported_fallen
            .map_or_else(|| "–".to_string(), |n| n.to_string()),
        signed(
            i64::from(snap.reported_fallen.unwrap_or(0)),
            i64::from(was.reported_fallen.unwrap_or(0)),
        ),
    );
    row(
        &mut o,
        "Deployments",
        format!(
            "{} countries, {} troops",
            snap.deployments.len(),
            thousands(troops(snap))
        ),
        signed(snap.deployments.len() as i64, was.deployments.len() as i64),
    );
    let recent: Vec<&Event> = live
        .events
        .iter()
        .filter(|e| {
            !before
                .events
                .iter()
                .any(|b| b.change == e.change && b.evidence() == e.evidence())
        })
        .collect();
    o.push_str(&format!(
        "\n{} changes in the last 24 hours.\n",
        recent.len()
    ));
    for e in recent.iter().rev().take(20) {
        let w = crate::live::words(&live.scenario, &e.change);
        o.push_str(&format!(
            "- {}: {} → {} ({})\n",
            w.subject,
            w.before,
            w.after,
            event_time(live, e)
        ));
    }

    o.push_str("\n## Capitals not held\n\n");
    let mut rows: Vec<(usize, Standing)> = snap
        .capitals
        .iter()
        .enumerate()
        .filter(|(_, c)| c.status != Status::Held || c.correction.is_some())
        .map(|(i, c)| (i, c.standing()))
        .collect();
    rows.sort_by_key(|&(i, s)| (s.rank(), snap.capitals[i].name.clone()));
    if rows.is_empty() {
        o.push_str("None.\n");
    } else {
        o.push_str("| Capital | Province | Status | Since | Sources |\n|---|---|---|---|---|\n");
        for (i, st) in rows {
            let cap = &snap.capitals[i];
            let since =
                live.events.iter().rev().find(
                    |e| matches!(e.change, Change::Capital { place, .. } if place as usize == i),
                );
            let since = since.map_or_else(String::new, |e| {
                let file = e
                    .evidence()
                    .map(|v| format!(", {}", v.file))
                    .unwrap_or_default();
                format!("{}{file}", event_time(live, e))
            });
            let files: BTreeSet<&str> = cap.evidence.iter().map(|e| &*e.file).collect();
            let mut status = st.label().to_string();
            if let Some(k) = &cap.correction {
                status = format!(
                    "{status} ✎ (articles: {})",
                    k.extracted.as_deref().unwrap_or("–")
                );
            }
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                md(&cap.name),
                md(&cap.province),
                status,
                md(&since),
                md(&files.into_iter().collect::<Vec<_>>().join(", "))
            ));
        }
    }

    o.push_str("\n## Deployments\n\n");
    if snap.deployments.is_empty() {
        o.push_str("None reported.\n");
    } else {
        o.push_str("| Country | Troops | Sources |\n|---|---|---|\n");
        for d in &snap.deployments {
            let files: BTreeSet<&str> = d.evidence.iter().map(|e| &*e.file).collect();
            let mut troops = d
                .troops
                .map_or_else(|| "no figure".to_string(), |n| thousands(u64::from(n)));
            if let Some(k) = &d.correction {
                troops = format!(
                    "{troops} ✎ (articles: {})",
                    k.extracted.as_deref().unwrap_or("–")
                );
            }
            o.push_str(&format!(
                "| {} | {} | {} |\n",
                md(&d.country),
                troops,
                md(&files.into_iter().collect::<Vec<_>>().join(", "))
            ));
        }
    }

    o.push_str("\n## Reported tally against the count\n\n");
    match (&snap.reported_fallen, &snap.reported_evidence) {
        (Some(n), Some(ev)) => {
            o.push_str(&format!(
                "The highest tally stated is {n} of {}, in {}: \"{}\"\n\n",
                c.total,
                ev.file,
                md(&ev.sentence)
            ));
            let diff = i64::from(*n) - c.fallen as i64;
            o.push_str(&match diff {
                0 => format!("The monitor counts {} fallen: the same.\n", c.fallen),
                d if d > 0 => format!(
                    "The monitor counts {} fallen: the sources state {d} more than it has found.\n",
                    c.fallen
                ),
                d => format!(
                    "The monitor counts {} fallen: {} more than the sources state.\n",
                    c.fallen, -d
                ),
            });
        }
        _ => o.push_str(&format!(
            "No tally stated. The monitor counts {} fallen.\n",
            c.fallen
        )),
    }

    o.push_str("\n## Corrections\n\n");
    if snap.corrections.is_empty() {
        o.push_str("None.\n");
    }
    for k in &snap.corrections {
        let what = match k.kind {
            "capital" => format!("{}: {}", k.subject, k.status.map_or("–", |s| s.label())),
            "troops" => format!(
                "{}: {}",
                k.subject,
                k.troops
                    .flatten()
                    .map_or_else(|| "no figure".to_string(), |n| thousands(u64::from(n)))
            ),
            _ => format!(
                "dismissed a sentence of {}{}",
                k.subject,
                k.sentence
                    .as_deref()
                    .map(|s| format!(": \"{}\"", md(s)))
                    .unwrap_or_default()
            ),
        };
        o.push_str(&format!(
            "- ✎ {what} — by {}, {}{}\n",
            k.by,
            k.at.get(..16).unwrap_or(&k.at).replace('T', " "),
            k.note
                .as_deref()
                .map(|n| format!(": {}", md(n)))
                .unwrap_or_default()
        ));
    }
    o
}

/// Write the brief of `live` into `feeds/.sitmon/briefs/`; returns its path.
pub fn write(feeds: &Path, live: &Live) -> io::Result<PathBuf> {
    let now = Utc::now();
    let dir = feeds.join(crate::corrections::DIR).join(DIR);
    fs::create_dir_all(&dir)?;
    let path = dir.join(format!("brief-{}.md", now.format("%Y%m%d-%H%M%S")));
    fs::write(&path, render(live, now))?;
    Ok(path)
}
