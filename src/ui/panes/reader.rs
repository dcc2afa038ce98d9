//! The article reader (Enter on an article): its text, paragraph by
//! paragraph, with the sentences that gave facts highlighted and those an
//! analyst dismissed struck through.

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::ui::layout::POPUP_CHROME;
use crate::ui::session::{Popup, Session, Text};
use crate::ui::text::{wrap, wrap_marked};

fn article_name(s: &Session) -> Option<&str> {
    match s.popup() {
        Some(Popup::Reader { article, .. }) => Some(article),
        _ => None,
    }
}

fn text(s: &Session) -> Option<&Text> {
    match s.popup() {
        Some(Popup::Reader { text, .. }) => Some(text),
        _ => None,
    }
}

pub fn lines(s: &Session, w: u16) -> Vec<Line<'static>> {
    let t = s.theme();
    let view = s.view();
    let w = usize::from(w.max(20));
    let mut out = Vec::new();
    let Some(a) = article_name(s).and_then(|n| view.live.article(n)) else {
        out.push(Line::from(Span::styled(
            "This article is no longer read (it was removed or changed).",
            t.dim,
        )));
        return out;
    };
    let art = match text(s).map(|t| &t.0) {
        Some(Ok(art)) => art,
        Some(Err(why)) => {
            for l in wrap(&format!("Its text cannot be shown: {why}."), w) {
                out.push(Line::from(Span::styled(l, t.dim)));
            }
            return out;
        }
        None => return out,
    };
    let mut meta = match a.time() {
        Some(tm) => format!("{} (from the {})", tm.display(), tm.source.describe()),
        None => "time unknown".to_string(),
    };
    meta.push_str(&format!(
        " · {} facts · highlighted: the sentences they came from",
        a.observations.len()
    ));
    for l in wrap(&meta, w) {
        out.push(Line::from(Span::styled(l, t.dim)));
    }
    out.push(Line::raw(""));
    let fact_style = t.accent.add_modifier(Modifier::UNDERLINED);
    let gone = t.dim.add_modifier(Modifier::CROSSED_OUT);
    for (n, p) in art.paragraphs.iter().enumerate() {
        let text = &art.text[p.clone()];
        let mut marks = Vec::new();
        for o in a.observations.iter() {
            let span = &o.evidence.range();
            if span.end <= p.start || span.start >= p.end {
                continue;
            }
            let r = span.start.max(p.start) - p.start..span.end.min(p.end) - p.start;
            let style = if view.live.active.is_dismissed(o) {
                gone
            } else {
                fact_style
            };
            marks.push((r, style));
        }
        let headline = art.headline.as_ref() == Some(p) || (n == 0 && art.headline.is_some());
        for l in wrap_marked(text, &marks, w) {
            let line = Line::from(l);
            out.push(if headline { line.style(t.accent) } else { line });
        }
        out.push(Line::raw(""));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let scroll = match s.popup() {
        Some(Popup::Reader { scroll, .. }) => *scroll,
        _ => 0,
    };
    let title = article_name(s).unwrap_or("Article").to_string();
    let lines = lines(s, area.width.saturating_sub(POPUP_CHROME));
    super::popup(frame, area, s, &title, lines, scroll);
}
