//! The `?` popup, generated from the keymap (the same list as the footer).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::ui::layout::POPUP_CHROME;
use ratatui::Frame;

use crate::ui::session::{Popup, Session};
use crate::ui::text::{width, wrap};
use crate::ui::theme::{CLAIMED, CONTESTED, CORRECTED, FALLEN, HELD, NEW};

pub fn lines(s: &Session, w: u16) -> Vec<Line<'static>> {
    let t = s.theme();
    let w = usize::from(w.max(20));
    let mut out = vec![
        Line::from(vec![
            Span::styled(format!("{FALLEN} fallen  "), t.fallen),
            Span::styled(
                format!("{CLAIMED} claimed by the attacker only  "),
                t.claimed,
            ),
            Span::styled(format!("{CONTESTED} contested  "), t.contested),
            Span::styled(format!("{HELD} held"), t.held),
        ]),
        Line::from(vec![
            Span::styled(format!("{NEW} "), t.new_mark),
            Span::raw("changed since you last looked at it  "),
            Span::styled(format!("{CORRECTED} "), t.accent),
            Span::raw("corrected by an analyst"),
        ]),
        Line::raw(""),
    ];
    let help = s.config().keymap.help();
    let key_w = help
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| width(k)))
        .max()
        .unwrap_or(8)
        .min(20);
    for (title, rows) in help {
        out.push(Line::from(Span::styled(title, t.accent)));
        for (keys, desc) in rows {
            let desc_lines = wrap(desc, w.saturating_sub(key_w + 4));
            for (n, d) in desc_lines.into_iter().enumerate() {
                let k = if n == 0 { keys.as_str() } else { "" };
                out.push(Line::from(vec![
                    Span::styled(format!("  {k:<key_w$}  "), t.key),
                    Span::raw(d),
                ]));
            }
        }
        out.push(Line::raw(""));
    }
    out.push(Line::from(Span::styled(
        "Keys can be changed in ui.toml in the config folder.",
        t.dim,
    )));
    out
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let scroll = match s.popup() {
        Some(Popup::Help { scroll }) => *scroll,
        _ => 0,
    };
    let lines = lines(s, area.width.saturating_sub(POPUP_CHROME));
    super::popup(frame, area, s, "Help", lines, scroll);
}
