//! The sentences and files behind the selected item.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::snapshot::EvidenceView;
use crate::ui::session::Session;
use crate::ui::text::{self, short_file, wrap};
use crate::ui::theme::Theme;
use crate::ui::view::{Item, View};
use crate::ui::Pane;

use super::block;

/// The name to highlight in an item's sentences.
pub fn subject(view: &View, item: Item) -> Option<String> {
    let snap = &view.live.snapshot;
    Some(match item {
        Item::Capital(i) => snap.capitals[i].name.clone(),
        Item::Battle(i) => snap.battles[i].location.clone(),
        Item::Deployment(i) => snap.deployments[i].country.clone(),
        Item::Event(i) => view.live.events[i].subject.clone(),
        Item::Article(_) => return None,
    })
}

/// One piece of evidence: a dim source line, then the sentence wrapped
/// and indented, with the subject's name in bold.
pub fn evidence_lines(
    t: &Theme,
    e: &EvidenceView,
    subject: Option<&str>,
    width: u16,
    out: &mut Vec<Line<'static>>,
) {
    let w = usize::from(width.max(8));
    // File first, then the rule, then the byte span if there is room.
    let rule = format!(" · {}", e.rule);
    let span = format!(" · bytes {}–{}", e.start, e.end);
    let file = short_file(&e.file, w.saturating_sub(text::width(&rule)).max(12));
    let mut src = format!("{file}{rule}");
    if text::width(&src) + text::width(&span) <= w {
        src.push_str(&span);
    }
    out.push(Line::from(Span::styled(src, t.dim)));
    for l in wrap(&e.sentence, w.saturating_sub(2)) {
        let mut spans = vec![Span::raw("  ")];
        spans.extend(highlight(&l, subject));
        out.push(Line::from(spans));
    }
}

/// Split `line` so occurrences of `word` (case-insensitive) are bold.
fn highlight(line: &str, word: Option<&str>) -> Vec<Span<'static>> {
    let Some(word) = word.filter(|w| !w.is_empty()) else {
        return vec![Span::raw(line.to_string())];
    };
    let lower = line.to_lowercase();
    let needle = word.to_lowercase();
    // Lowercasing can change byte lengths; fall back to plain text then.
    if lower.len() != line.len() || needle.len() != word.len() {
        return vec![Span::raw(line.to_string())];
    }
    let bold = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find(&needle) {
        let start = at + i;
        let end = start + needle.len();
        if !line.is_char_boundary(start) || !line.is_char_boundary(end) {
            break;
        }
        if start > at {
            out.push(Span::raw(line[at..start].to_string()));
        }
        out.push(Span::styled(line[start..end].to_string(), bold));
        at = end;
    }
    if at < line.len() {
        out.push(Span::raw(line[at..].to_string()));
    }
    out
}

/// Everything the pane shows, before scrolling.
pub fn lines(s: &Session, width: u16) -> Vec<Line<'static>> {
    let t = s.theme();
    let view = s.view();
    let mut out = Vec::new();
    let Some(item) = s.evidence_item() else {
        out.push(Line::from(Span::styled(
            "Select a capital, battle, deployment, event or article to see the sentences behind it.",
            t.dim,
        )));
        return out;
    };
    let evidence = view.evidence(item);
    let subject = subject(view, item);
    out.push(Line::from(Span::styled(view.label(item), t.accent)));
    if evidence.is_empty() {
        let msg = match item {
            Item::Capital(_) => "Held: no article has reported a change here.",
            Item::Article(_) => "This article changed nothing.",
            _ => "No evidence.",
        };
        out.push(Line::from(Span::styled(msg, t.dim)));
    }
    for (n, e) in evidence.into_iter().enumerate() {
        if n > 0 {
            out.push(Line::raw(""));
        }
        evidence_lines(t, e, subject.as_deref(), width, &mut out);
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let count = s
        .evidence_item()
        .map(|i| s.view().evidence(i).len())
        .unwrap_or(0);
    let info = match count {
        0 => String::new(),
        1 => "1 sentence".to_string(),
        n => format!("{n} sentences"),
    };
    let block = block(s, Pane::Evidence, info, area.width);
    let inner = block.inner(area);
    let lines = lines(s, inner.width);
    let p = Paragraph::new(lines)
        .block(block)
        .scroll((s.evidence_scroll().min(u16::MAX as usize) as u16, 0));
    frame.render_widget(p, area);
}
