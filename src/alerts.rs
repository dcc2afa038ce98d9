//! Alerts: which changes matter to an analyst (`[alerts]` in ui.toml), a
//! flash and bell in the dashboard, and a command run with the change as
//! JSON on its stdin (`notify-send`, a webhook script). The command runs on
//! a task of its own, rate-limited and with a timeout: it never holds up
//! the pipeline or a viewer.

use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::io::AsyncWriteExt;
use tokio::sync::watch;

use crate::live::{words, Live};
use crate::state::{Change, Event};

/// The kinds of change an alert can be for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A capital fell (claimed or confirmed).
    Fall,
    /// A fallen capital was retaken (held or contested again).
    Recapture,
    /// Fighting in a held capital.
    Contest,
    /// A claimed fall confirmed.
    Confirm,
    /// A country's first deployment.
    Deployment,
    /// A deployment's figure changed.
    Troops,
    /// A higher tally of fallen capitals was stated.
    Tally,
    /// An analyst's correction changed the state.
    Correction,
    /// Anything else (a repelled attack).
    Other,
}

/// What kind of change an event is.
pub fn kind(e: &Event) -> Kind {
    if e.correction().is_some() {
        return Kind::Correction;
    }
    match e.change {
        Change::Capital { before, after, .. } => match (before.is_fallen(), after.is_fallen()) {
            (false, true) => Kind::Fall,
            (true, false) => Kind::Recapture,
            (true, true) => Kind::Confirm,
            (false, false) if after == crate::state::Standing::Contested => Kind::Contest,
            _ => Kind::Other,
        },
        Change::Deployment { before: None, .. } => Kind::Deployment,
        Change::Deployment { .. } => Kind::Troops,
        Change::Tally { .. } => Kind::Tally,
    }
}

/// "Arden: held → fallen (claimed)".
pub fn headline(live: &Live, e: &Event) -> String {
    let w = words(&live.scenario, &e.change);
    format!("{}: {} → {}", w.subject, w.before, w.after)
}

/// `[alerts]` of ui.toml, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertConfig {
    pub on: Vec<Kind>,
    pub bell: bool,
    pub flash: bool,
    /// Program and arguments (no shell), given the change as JSON on stdin.
    pub command: Vec<String>,
    pub timeout: Duration,
    /// Commands started per minute at most; changes beyond are logged and
    /// dropped.
    pub per_minute: u32,
}

impl Default for AlertConfig {
    fn default() -> Self {
        AlertConfig {
            on: vec![Kind::Fall, Kind::Recapture, Kind::Deployment, Kind::Tally],
            bell: false,
            flash: true,
            command: Vec::new(),
            timeout: Duration::from_secs(10),
            per_minute: 6,
        }
    }
}

/// The JSON a command gets on stdin.
#[derive(Debug, Serialize)]
pub struct Payload<'a> {
    pub kind: Kind,
    pub seq: usize,
    pub subject: &'a str,
    pub before: &'a str,
    pub after: &'a str,
    pub headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected_by: Option<&'a str>,
}

/// The payload of one change (event `seq` of `live`), as a JSON line.
pub fn payload(live: &Live, seq: usize, e: &Event) -> String {
    let w = words(&live.scenario, &e.change);
    let head = headline(live, e);
    let ev = e.evidence();
    let p = Payload {
        kind: kind(e),
        seq,
        subject: &w.subject,
        before: &w.before,
        after: &w.after,
        headline: &head,
        file: ev.map(|v| &*v.file),
        sentence: ev.map(|v| &*v.sentence),
        published: ev
            .and_then(|v| live.article(&v.file))
            .and_then(|a| a.time())
            .map(|t| t.at.to_rfc3339()),
        corrected_by: e.correction().map(|c| c.by.as_str()),
    };
    serde_json::to_string(&p).unwrap_or_default()
}

/// Run the alert command for every new change of the chosen kinds, until
/// the publisher goes away. Changes already there at the start are not
/// alerts.
pub async fn run(config: Arc<AlertConfig>, mut lives: watch::Receiver<Arc<Live>>) {
    if config.command.is_empty() {
        return;
    }
    let mut prev = lives.borrow_and_update().clone();
    let mut started: Vec<Instant> = Vec::new();
    while lives.changed().await.is_ok() {
        let live = lives.borrow_and_update().clone();
        let changes = live.changes_since(&prev);
        for (seq, e) in changes
            .added
            .iter()
            .filter(|(_, e)| config.on.contains(&kind(e)))
        {
            let now = Instant::now();
            started.retain(|t| now.duration_since(*t) < Duration::from_secs(60));
            if started.len() >= config.per_minute as usize {
                tracing::warn!(change = %headline(&live, e), per_minute = config.per_minute,
                    "alert command rate limit reached; change not sent");
                continue;
            }
            started.push(now);
            let json = payload(&live, *seq, e);
            let config = config.clone();
            tokio::spawn(async move { run_one(&config, json).await });
        }
        prev = live;
    }
}

async fn run_one(config: &AlertConfig, json: String) {
    let Some((program, args)) = config.command.split_first() else {
        return;
    };
    let child = tokio::process::Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(program = %program, error = %e, "alert command cannot start");
            return;
        }
    };
    let work = async {
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(json.as_bytes()).await;
            let _ = stdin.write_all(b"\n").await;
        }
        child.wait().await
    };
    match tokio::time::timeout(config.timeout, work).await {
        Ok(Ok(status)) if status.success() => tracing::debug!(program = %program, "alert sent"),
        Ok(Ok(status)) => tracing::warn!(program = %program, %status, "alert command failed"),
        Ok(Err(e)) => tracing::warn!(program = %program, error = %e, "alert command failed"),
        Err(_) => tracing::warn!(program = %program, timeout = ?config.timeout,
            "alert command timed out; killed"),
    }
}
