//! The Enter popup: everything about one item, its history of changes and
//! all the evidence behind it.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::ui::layout::POPUP_CHROME;
use ratatui::Frame;

use crate::ui::session::{Popup, Session};
use crate::ui::text::{short_file, thousands, truncate};
use crate::ui::theme::Theme;
use crate::ui::view::{status_word, Item};

use super::capitals::sources;
use super::evidence::{evidence_lines, subject};
use super::log::event_mark;

fn field(t: &Theme, name: &str, value: impl Into<Span<'static>>) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{name:<12}"), t.dim),
        value.into(),
    ])
}

pub fn lines(s: &Session, w: u16) -> Vec<Line<'static>> {
    let t = s.theme();
    let view = s.view();
    let snap = &view.live.snapshot;
    let mut out = Vec::new();
    let Some(item) = s.detail_item() else {
        out.push(Line::from(Span::styled(
            "This item is no longer listed (the state changed).",
            t.dim,
        )));
        return out;
    };
    out.push(Line::from(Span::styled(view.label(item), t.accent)));
    match item {
        Item::Capital(i) => {
            let c = &snap.capitals[i];
            let st = t.status(c);
            let mut status = format!("{} {}", Theme::symbol(c), status_word(c));
            if status_word(c) == "fallen" {
                status.push_str(", confirmed");
            } else if status_word(c) == "claimed" {
                status = format!("{} fallen, claimed by the attacker only", Theme::symbol(c));
            }
            out.push(field(t, "Status", Span::styled(status, st)));
            if let Some(ctl) = &c.controller {
                out.push(field(t, "Controller", Span::raw(ctl.clone())));
            }
            out.push(field(
                t,
                "Location",
                Span::raw(format!("{:.2}°N {:.2}°E", c.lat, c.lon)),
            ));
        }
        Item::Battle(i) => {
            out.push(field(
                t,
                "Status",
                Span::styled(snap.battles[i].status, t.contested),
            ));
        }
        Item::Deployment(i) => {
            let d = &snap.deployments[i];
            let troops = d.troops.map_or_else(
                || "sent, no figure given".to_string(),
                |n| thousands(u64::from(n)),
            );
            out.push(field(t, "Troops", Span::raw(troops)));
        }
        Item::Event(i) => {
            let e = &view.live.events[i];
            let (sym, st) = event_mark(t, e);
            out.push(field(t, "Kind", Span::raw(e.kind)));
            out.push(field(
                t,
                "Change",
                Span::styled(format!("{sym} {} → {}", e.before, e.after), st),
            ));
        }
        Item::Article(i) => {
            let a = &view.live.articles[i];
            out.push(field(
                t,
                "Headline",
                Span::raw(a.headline.clone().unwrap_or_else(|| "(none)".to_string())),
            ));
            out.push(field(t, "Facts", Span::raw(a.observations.to_string())));
        }
    }
    let evidence = view.evidence(item);
    if !matches!(item, Item::Event(_) | Item::Article(_)) {
        out.push(field(
            t,
            "Sources",
            Span::raw(format!(
                "{}, {}",
                plural(sources(evidence.iter().copied()), "file"),
                plural(evidence.len(), "sentence")
            )),
        ));
    }
    let history = view.history(item);
    if !history.is_empty() && !matches!(item, Item::Event(_)) {
        out.push(Line::raw(""));
        out.push(Line::from(Span::styled("Changes", t.accent)));
        let file_w = usize::from(w).saturating_sub(40).clamp(12, 30);
        for e in history {
            let (sym, st) = event_mark(t, e);
            out.push(Line::from(vec![
                Span::styled(format!("  #{:<4} ", e.seq), t.dim),
                Span::styled(format!("{sym} "), st),
                Span::raw(truncate(
                    &format!("{}: {} → {}", e.subject, e.before, e.after),
                    usize::from(w).saturating_sub(file_w + 12),
                )),
                Span::styled(format!("  {}", short_file(&e.evidence.file, file_w)), t.dim),
            ]));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::from(Span::styled("Evidence", t.accent)));
    if evidence.is_empty() {
        out.push(Line::from(Span::styled("  none", t.dim)));
    }
    let subject = subject(view, item);
    for (n, e) in evidence.into_iter().enumerate() {
        if n > 0 {
            out.push(Line::raw(""));
        }
        evidence_lines(t, e, subject.as_deref(), w, &mut out);
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let scroll = match s.popup() {
        Some(Popup::Detail { scroll, .. }) => *scroll,
        _ => 0,
    };
    let lines = lines(s, area.width.saturating_sub(POPUP_CHROME));
    super::popup(frame, area, s, "Detail", lines, scroll);
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
