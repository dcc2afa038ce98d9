//! Why the selected item stands as it does: each change with its sentence
//! (or the analyst's correction), the rule in words, the trigger and the
//! source highlighted; then the other sentences behind it.

use std::ops::Range;
use std::sync::Arc;

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::model::Fact;
use crate::snapshot::EvidenceView;
use crate::ui::session::Session;
use crate::ui::text::{self, short_file, wrap, wrap_marked};
use crate::ui::theme::Theme;
use crate::ui::view::{Explained, Item, View, Why};
use crate::ui::Pane;

use super::block;
use super::log::event_mark;

/// Byte ranges of `word` (case-insensitive, ASCII) in `text`.
fn find_all(text: &str, word: &str) -> Vec<Range<usize>> {
    if word.is_empty() {
        return Vec::new();
    }
    let (hay, needle) = (text.to_ascii_lowercase(), word.to_ascii_lowercase());
    hay.match_indices(&needle)
        .map(|(i, m)| i..i + m.len())
        .filter(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
        .collect()
}

/// The styles of a sentence: the subject bold, the trigger reversed, the
/// source underlined.
pub fn sentence_marks(
    view: &View,
    sentence: &str,
    subject: Option<&str>,
    names: &[String],
    fact: Option<&Fact>,
) -> Vec<(Range<usize>, Style)> {
    let mut marks = Vec::new();
    if let Some(f) = fact {
        let m = view.live.explain.marks(f, sentence, names);
        let under = Style::new().add_modifier(Modifier::UNDERLINED | Modifier::ITALIC);
        marks.extend(m.source.into_iter().map(|r| (r, under)));
        let trig = Style::new().add_modifier(Modifier::REVERSED);
        marks.extend(m.trigger.into_iter().map(|r| (r, trig)));
    }
    if let Some(s) = subject {
        let bold = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        marks.extend(find_all(sentence, s).into_iter().map(|r| (r, bold)));
    }
    marks
}

/// A sentence with its source line: file, time, rule in words, span.
#[allow(clippy::too_many_arguments)]
pub fn evidence_lines(
    t: &Theme,
    view: &View,
    e: &EvidenceView,
    fact: Option<&Fact>,
    subject: Option<&str>,
    names: &[String],
    width: u16,
    out: &mut Vec<Line<'static>>,
) {
    let w = usize::from(width.max(8));
    let rule = match fact {
        Some(f) => view.live.explain.words(f, &e.sentence),
        None => e.rule.to_string(),
    };
    let time = view
        .article_index(&e.file)
        .and_then(|i| view.live.articles[i].time())
        .map(|t| format!(" · {}", t.short()))
        .unwrap_or_default();
    let span = format!(" · bytes {}–{}", e.start, e.end);
    let file = short_file(&e.file, w.saturating_sub(text::width(&time)).clamp(12, 40));
    let mut src = format!("{file}{time}");
    if text::width(&src) + text::width(&span) <= w {
        src.push_str(&span);
    }
    out.push(Line::from(Span::styled(src, t.dim)));
    for l in wrap(&format!("rule: {rule}"), w) {
        out.push(Line::from(Span::styled(l, t.dim)));
    }
    let marks = sentence_marks(view, &e.sentence, subject, names, fact);
    for l in wrap_marked(&e.sentence, &marks, w.saturating_sub(2)) {
        let mut spans = vec![Span::raw("  ")];
        spans.extend(l);
        out.push(Line::from(spans));
    }
}

/// One entry of an explanation.
pub fn why_lines(
    t: &Theme,
    view: &View,
    why: &Why<'_>,
    subject: Option<&str>,
    names: &[String],
    width: u16,
    out: &mut Vec<Line<'static>>,
) {
    let w = usize::from(width.max(8));
    match why.event {
        Some((seq, e)) => {
            let (sym, style) = event_mark(t, e);
            let words = view.words(seq);
            let when = view
                .event_time(e)
                .map(|t| format!(" · {t}"))
                .unwrap_or_default();
            let head = format!(
                "{sym} #{seq}{when} · {}: {} → {}",
                words.subject, words.before, words.after
            );
            out.push(Line::from(Span::styled(text::truncate(&head, w), style)));
            if let Some(c) = e.correction() {
                let mut text = format!("corrected by {}", c.signed());
                if let Some(n) = &c.note {
                    text.push_str(&format!(": {n}"));
                }
                for l in wrap(&text, w.saturating_sub(2)) {
                    out.push(Line::from(vec![Span::raw("  "), Span::styled(l, t.accent)]));
                }
            }
        }
        None => out.push(Line::from(Span::styled("also reported", t.dim))),
    }
    if let Some(ev) = &why.evidence {
        evidence_lines(t, view, ev, why.fact.as_ref(), subject, names, width, out);
    }
}

/// What an explanation leaves out, in words.
pub fn omitted(e: &Explained<'_>) -> Option<String> {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let parts: Vec<String> = [
        (e.earlier_changes > 0)
            .then(|| plural(e.earlier_changes, "earlier change", "earlier changes")),
        (e.earlier_sentences > 0)
            .then(|| plural(e.earlier_sentences, "older sentence", "older sentences")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "The newest shown; {} not (sitmon snapshot lists more).",
            parts.join(" and ")
        )
    })
}

/// Everything the pane shows, before scrolling: made once per item and
/// width for every viewer of the same state.
pub fn lines(s: &Session, width: u16) -> Arc<Vec<Line<'static>>> {
    let t = s.theme();
    let view = s.view();
    let Some(item) = s.evidence_item() else {
        let mut out = Vec::new();
        for l in wrap(
            "Select a capital, battle, deployment, event or article to see the sentences behind it.",
            usize::from(width.max(8)),
        ) {
            out.push(Line::from(Span::styled(l, t.dim)));
        }
        return Arc::new(out);
    };
    view.evidence_lines(item, width, t.mono, || item_lines(t, view, item, width))
}

fn item_lines(t: &Theme, view: &View, item: Item, width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let explained = view.explain(item);
    let whys = &explained.whys;
    let subject = view.subject_name(item);
    let names = view.mention_words(item);
    out.push(Line::from(Span::styled(view.label(item), t.accent)));
    if whys.is_empty() {
        let msg = match item {
            Item::Capital(_) => "Held: no article has reported a change here.",
            Item::Article(_) => "This article stated no facts.",
            _ => "No evidence.",
        };
        out.push(Line::from(Span::styled(msg, t.dim)));
    }
    if let Some(more) = omitted(&explained) {
        for l in wrap(&more, usize::from(width.max(8))) {
            out.push(Line::from(Span::styled(l, t.dim)));
        }
    }
    for (n, why) in whys.iter().enumerate() {
        if n > 0 {
            out.push(Line::raw(""));
        }
        why_lines(t, view, why, subject.as_deref(), &names, width, &mut out);
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let count = s
        .evidence_item()
        .map(|i| s.view().explained_len(i))
        .unwrap_or(0);
    let info = match count {
        0 => String::new(),
        1 => "1 sentence".to_string(),
        n => format!("{n} entries"),
    };
    let block = block(s, Pane::Evidence, info, area.width);
    let inner = block.inner(area);
    let lines = lines(s, inner.width);
    // Only the lines in view are handed over: the rest are shared.
    let shown: Vec<Line> = lines
        .iter()
        .skip(s.evidence_scroll())
        .take(usize::from(inner.height))
        .cloned()
        .collect();
    let p = Paragraph::new(shown).block(block);
    frame.render_widget(p, area);
}
