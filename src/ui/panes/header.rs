//! Counts at a glance, each with its change since this viewer started,
//! and how long ago the last update arrived (stale-coloured past the
//! configured quiet time).

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::ui::session::Session;
use crate::ui::text::{self, delta};
use crate::ui::theme::{CLAIMED, CONTESTED, FALLEN, HELD};
use crate::ui::view::View;

/// At most this many lines; chips that do not fit are dropped.
const MAX_LINES: usize = 3;

type Chip = Vec<Span<'static>>;

fn chip(
    s: &Session,
    symbol: Option<(&'static str, Style)>,
    label: &str,
    value: String,
    change: Option<String>,
) -> Chip {
    let t = s.theme();
    let mut v = Vec::new();
    if let Some((sym, style)) = symbol {
        v.push(Span::styled(format!("{sym} "), style));
    }
    v.push(Span::raw(format!("{label} ")));
    v.push(Span::styled(
        value,
        Style::new().add_modifier(Modifier::BOLD),
    ));
    if let Some(c) = change {
        v.push(Span::styled(format!(" {c}"), t.new_mark));
    }
    v
}

fn chips(s: &Session, width: u16) -> Vec<Chip> {
    let t = s.theme();
    let view = s.view();
    let snap = &view.live.snapshot;
    let c = &snap.counts;
    let b = s.start();
    let d = |now: usize, start: usize| delta(now as i64, start as i64);
    let title = if width >= 120 {
        format!("sitmon · {}", snap.scenario)
    } else {
        "sitmon".to_string()
    };
    let age_style = if s.stale() { t.stale } else { t.dim };
    // The age of the newest article, not of this session.
    let age = if view.live.articles.is_empty() {
        "no articles yet".to_string()
    } else {
        format!("updated {}", text::ago(s.age()))
    };
    let mut out: Vec<Chip> = vec![
        vec![Span::styled(title, t.accent)],
        vec![Span::styled(age, age_style)],
    ];
    if let Some((k, n)) = s.replaying() {
        out.push(vec![Span::styled(as_of(view, k, n), t.frozen)]);
    }
    if let Some(held) = s.frozen() {
        let msg = match held {
            0 => " FROZEN ".to_string(),
            1 => " FROZEN · 1 update waiting ".to_string(),
            n => format!(" FROZEN · {n} updates waiting "),
        };
        out.push(vec![Span::styled(msg, t.frozen)]);
    }
    if let Some(f) = s.flash() {
        out.push(vec![Span::styled(
            format!(" ⚑ {f} "),
            t.stale.add_modifier(Modifier::REVERSED),
        )]);
    }
    // Claimed falls are part of the fallen count.
    let mut fallen = chip(
        s,
        Some((FALLEN, t.fallen)),
        "Fallen",
        format!("{}/{}", c.fallen, c.total),
        d(c.fallen, b.fallen),
    );
    fallen.push(Span::raw(" ("));
    fallen.push(Span::styled(format!("{CLAIMED} "), t.claimed));
    fallen.push(Span::styled(
        c.claimed.to_string(),
        Style::new().add_modifier(Modifier::BOLD),
    ));
    fallen.push(Span::raw(" claimed"));
    if let Some(x) = d(c.claimed, b.claimed) {
        fallen.push(Span::styled(format!(" {x}"), t.new_mark));
    }
    fallen.push(Span::raw(")"));
    out.push(fallen);
    out.push(chip(
        s,
        Some((CONTESTED, t.contested)),
        "Contested",
        c.contested.to_string(),
        d(c.contested, b.contested),
    ));
    out.push(chip(
        s,
        Some((HELD, t.held)),
        "Held",
        c.held.to_string(),
        d(c.held, b.held),
    ));
    out.push(chip(
        s,
        None,
        "Reported",
        snap.reported_fallen
            .map_or_else(|| "–".to_string(), |n| n.to_string()),
        delta(
            i64::from(snap.reported_fallen.unwrap_or(0)),
            i64::from(b.reported.unwrap_or(0)),
        ),
    ));
    out.push(chip(
        s,
        None,
        "Battles",
        snap.battles.len().to_string(),
        d(snap.battles.len(), b.battles),
    ));
    let troops = view.troops();
    let mut dep = chip(
        s,
        None,
        "Deployed",
        snap.deployments.len().to_string(),
        d(snap.deployments.len(), b.deployments),
    );
    dep.push(Span::raw(" · "));
    dep.push(Span::styled(
        text::thousands(troops),
        Style::new().add_modifier(Modifier::BOLD),
    ));
    dep.push(Span::raw(" troops"));
    if let Some(x) = delta(troops as i64, b.troops as i64) {
        dep.push(Span::styled(format!(" {x}"), t.new_mark));
    }
    out.push(dep);
    out.push(chip(
        s,
        None,
        "Articles",
        view.live.articles.len().to_string(),
        d(view.live.articles.len(), b.articles),
    ));
    out
}

/// " AS OF #12 of 80 · 2021-08-13 · 013_x.txt ".
fn as_of(view: &View, k: usize, n: usize) -> String {
    let when = view
        .live
        .as_of
        .map(|t| t.format("%Y-%m-%d %H:%MZ").to_string());
    let file = view
        .live
        .events
        .get(k)
        .and_then(|e| e.evidence())
        .map(|e| e.file.to_string());
    let mut out = format!(" AS OF #{k} of {n}");
    for x in [when, file].into_iter().flatten() {
        out.push_str(" · ");
        out.push_str(&x);
    }
    out.push(' ');
    out
}

fn chip_width(c: &Chip) -> usize {
    c.iter().map(|s| text::width(&s.content)).sum()
}

/// Chips flowed into lines of `width`, two spaces apart.
fn flow(chips: Vec<Chip>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.saturating_sub(1));
    let mut lines: Vec<Vec<Span<'static>>> = vec![vec![Span::raw(" ")]];
    let mut used = 1;
    for c in chips {
        let w = chip_width(&c);
        if used > 1 && used + 2 + w > width {
            if lines.len() == MAX_LINES {
                break;
            }
            lines.push(vec![Span::raw(" ")]);
            used = 1;
        }
        let line = lines.last_mut().expect("one line at least");
        if used > 1 {
            line.push(Span::raw("  "));
            used += 2;
        }
        line.extend(c);
        used += w;
    }
    lines.into_iter().map(Line::from).collect()
}

pub fn height(s: &Session, width: u16) -> u16 {
    flow(chips(s, width), width).len() as u16
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let lines = flow(chips(s, area.width), area.width);
    frame.render_widget(Paragraph::new(lines), area);
}
