//! The Enter popup: everything about one item, its history of changes and
//! all the evidence behind it.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::ui::layout::POPUP_CHROME;
use crate::ui::session::{Popup, Session};
use crate::ui::text::{thousands, wrap};
use crate::ui::theme::{Theme, CORRECTED};
use crate::ui::view::Item;

use super::evidence::why_lines;
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
    let correction = |out: &mut Vec<Line<'static>>, c: &crate::snapshot::CorrectionView| {
        let mut text = format!(
            "{CORRECTED} by {}, {}; the articles say {}",
            c.by,
            c.at.get(..16).unwrap_or(&c.at).replace('T', " "),
            c.extracted.as_deref().unwrap_or("–")
        );
        if let Some(n) = &c.note {
            text.push_str(&format!(" · {n}"));
        }
        for (i, l) in wrap(&text, usize::from(w).saturating_sub(12))
            .into_iter()
            .enumerate()
        {
            let name = if i == 0 { "Corrected" } else { "" };
            out.push(field(t, name, Span::styled(l, t.accent)));
        }
    };
    match item {
        Item::Capital(i) => {
            let c = &snap.capitals[i];
            let st = c.standing();
            let status = match st {
                crate::state::Standing::Claimed => {
                    format!("{} fallen, claimed by the attacker only", st.symbol())
                }
                crate::state::Standing::Fallen => format!("{} fallen, confirmed", st.symbol()),
                other => format!("{} {}", other.symbol(), other.word()),
            };
            out.push(field(t, "Status", Span::styled(status, t.standing(st))));
            if let Some(k) = &c.correction {
                correction(&mut out, k);
            }
            if let Some(ctl) = &c.controller {
                let who = match &c.controller_description {
                    Some(d) => format!("{ctl} ({d})"),
                    None => ctl.clone(),
                };
                out.push(field(t, "Controller", Span::raw(who)));
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
            if let Some(k) = &d.correction {
                correction(&mut out, k);
            }
        }
        Item::Event(i) => {
            let e = &view.live.events[i];
            let (sym, st) = event_mark(t, e);
            let words = view.words(i);
            out.push(field(t, "Kind", Span::raw(words.kind)));
            out.push(field(
                t,
                "Change",
                Span::styled(format!("{sym} {} → {}", words.before, words.after), st),
            ));
            if let Some(time) = view.event_time(e) {
                out.push(field(t, "When", Span::raw(time)));
            }
        }
        Item::Article(i) => {
            let a = &view.live.articles[i];
            out.push(field(
                t,
                "Headline",
                Span::raw(a.headline().unwrap_or("(none)").to_string()),
            ));
            if let Some(tm) = a.time() {
                out.push(field(
                    t,
                    "Published",
                    Span::raw(format!(
                        "{} (from the {})",
                        tm.display(),
                        tm.source.describe()
                    )),
                ));
            }
            out.push(field(
                t,
                "Facts",
                Span::raw(a.observations.len().to_string()),
            ));
        }
    }
    let explained = view.explain(item);
    let whys = &explained.whys;
    if !matches!(item, Item::Event(_) | Item::Article(_)) {
        let n = whys.iter().filter(|w| w.evidence.is_some()).count()
            + explained.earlier_changes
            + explained.earlier_sentences;
        out.push(field(
            t,
            "Sources",
            Span::raw(format!(
                "{}, {}",
                plural(view.sources(item), "file"),
                plural(n, "sentence")
            )),
        ));
    }
    out.push(Line::raw(""));
    out.push(Line::from(Span::styled(
        "Changes and evidence, oldest first",
        t.accent,
    )));
    if whys.is_empty() {
        out.push(Line::from(Span::styled("  none", t.dim)));
    }
    let subject = view.subject_name(item);
    let names = view.mention_words(item);
    if let Some(more) = super::evidence::omitted(&explained) {
        out.push(Line::from(Span::styled(more, t.dim)));
    }
    for (n, why) in whys.iter().enumerate() {
        if n > 0 {
            out.push(Line::raw(""));
        }
        why_lines(t, view, why, subject.as_deref(), &names, w, &mut out);
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
