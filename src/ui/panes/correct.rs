//! The correction form (`c`): the choices for the selected item, a figure
//! for deployments, and a note; Enter writes it to the journal every
//! viewer reads.

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::ui::form::{Choice, Field, Form, Target};
use crate::ui::layout::POPUP_CHROME;
use crate::ui::session::{Popup, Session};
use crate::ui::text::wrap;

fn form(s: &Session) -> Option<&Form> {
    match s.popup() {
        Some(Popup::Correct(f)) => Some(f),
        _ => None,
    }
}

pub fn lines(s: &Session, w: u16) -> Vec<Line<'static>> {
    let t = s.theme();
    let w = usize::from(w.max(20));
    let mut out = Vec::new();
    let Some(f) = form(s) else {
        return out;
    };
    let intro = match &f.target {
        Target::Capital { now, .. } => format!(
            "Now {}. The correction is kept in the journal beside the articles, shown to every viewer with ✎, and later articles show beside it without undoing it.",
            now.word()
        ),
        Target::Deployment { troops, .. } => format!(
            "Now {}. The figure is kept in the journal and shown to every viewer with ✎.",
            troops.map_or("no figure".to_string(), |n| n.to_string())
        ),
        Target::Sentence { sentence, dismissed, .. } => {
            if *dismissed {
                format!("Dismissed: «{sentence}»")
            } else {
                format!("«{sentence}» A dismissed sentence's facts no longer count, for every viewer.")
            }
        }
    };
    for l in wrap(&intro, w) {
        out.push(Line::from(Span::styled(l, t.dim)));
    }
    out.push(Line::raw(""));
    let focus = |field: Field| {
        if f.field == field {
            t.selected
        } else {
            ratatui::style::Style::new()
        }
    };
    for (i, c) in f.choices().into_iter().enumerate() {
        let on = i == f.choice.min(f.choices().len().saturating_sub(1));
        let mark = if on { "(•) " } else { "( ) " };
        let style = match c {
            Choice::Status(st) => t.standing(st),
            _ => ratatui::style::Style::new(),
        };
        let style = if on && f.field == Field::Choice {
            style.add_modifier(Modifier::REVERSED)
        } else {
            style
        };
        let mut spans = vec![Span::styled(format!("{mark}{}", c.label()), style)];
        if c == Choice::Figure {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                format!("[{}▏]", f.figure),
                focus(Field::Figure),
            ));
        }
        out.push(Line::from(spans));
    }
    out.push(Line::raw(""));
    out.push(Line::from(vec![
        Span::styled("Note: ", t.dim),
        Span::styled(format!("{}▏", f.note), focus(Field::Note)),
    ]));
    if let Some(e) = &f.error {
        out.push(Line::from(Span::styled(e.clone(), t.stale)));
    }
    out.push(Line::raw(""));
    out.push(Line::from(Span::styled(
        "↑↓ choose · Tab next field · type a note · Enter saves · Esc cancels",
        t.dim,
    )));
    out
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let title = form(s).map_or_else(|| "Correct".to_string(), Form::title);
    let lines = lines(s, area.width.saturating_sub(POPUP_CHROME));
    super::popup(frame, area, s, &title, lines, 0);
}
