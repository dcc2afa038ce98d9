//! HTML: the visible text of a page, one paragraph per block element.
//!
//! Parsed with `scraper` (html5ever), which also decodes entities. Left
//! out: the `<head>`, elements named in `html_drop_tags` (scripts, styles,
//! nav, header, footer, aside, forms...), elements whose class or id
//! contains a fragment of `html_drop_classes` (share, related, comment,
//! breadcrumb...), and elements that are hidden (`hidden`,
//! `aria-hidden="true"`) or are landmarks for navigation, banners,
//! complementary content or page footers (`role`). Block elements (p, div,
//! li, h1-h6, br, article, section, blockquote, tr...) end a paragraph;
//! inline ones are joined; runs of whitespace collapse to one space. A
//! table row is one line, its cells joined by " │ " (not "|", which the
//! line filter reads as a menu: "World | Asia | Europe"), so a status
//! stays beside its place; footnote markers (`<sup>2</sup>`) are left out.

use std::collections::HashSet;
use std::ops::Range;

use aho_corasick::AhoCorasick;
use scraper::{ElementRef, Node};

use crate::config::BoilerplateFile;

/// The compiled HTML rules of `boilerplate.toml`.
pub struct HtmlRules {
    drop_tags: HashSet<String>,
    drop_classes: Option<AhoCorasick>,
}

/// What a page holds, before the line filter.
#[derive(Debug, Default)]
pub struct Page {
    /// Paragraph texts, one after another (separated by '\n').
    pub buf: String,
    pub paragraphs: Vec<Range<usize>>,
    /// Text of the first `<h1>` inside `<article>`/`<main>`, else of the
    /// first one anywhere visible (a `<header>` counts).
    pub h1: Option<String>,
    /// `<title>`, without a trailing " | Site name".
    pub title: Option<String>,
    /// The page's own publication time (meta, JSON-LD, `<time>`).
    pub published: Option<crate::model::ArticleTime>,
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "br"
            | "hr"
            | "article"
            | "section"
            | "main"
            | "blockquote"
            | "tr"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "pre"
            | "figure"
            | "figcaption"
            | "address"
            | "details"
            | "summary"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "form"
            | "fieldset"
            | "legend"
            | "body"
            | "html"
            | "center"
            | "hgroup"
            | "option"
    )
}

/// Landmark roles that are never article prose.
fn is_furniture_role(role: &str) -> bool {
    role.split_ascii_whitespace().any(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation"
                | "banner"
                | "complementary"
                | "contentinfo"
                | "search"
                | "dialog"
                | "menu"
        )
    })
}

impl HtmlRules {
    pub fn new(cfg: &BoilerplateFile) -> HtmlRules {
        let drop_tags = cfg
            .html_drop_tags
            .iter()
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        let frags: Vec<&str> = cfg
            .html_drop_classes
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        let drop_classes = if frags.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&frags)
                .ok()
        };
        HtmlRules {
            drop_tags,
            drop_classes,
        }
    }

    fn class_dropped(&self, el: &scraper::node::Element) -> bool {
        let Some(ac) = &self.drop_classes else {
            return false;
        };
        el.attr("class").is_some_and(|c| ac.is_match(c)) || el.id().is_some_and(|i| ac.is_match(i))
    }

    /// Whether an element and all it holds is left out.
    fn dropped(&self, name: &str, el: &scraper::node::Element) -> bool {
        self.drop_tags.contains(name)
            || self.class_dropped(el)
            || el.attr("hidden").is_some()
            || el
                .attr("aria-hidden")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
            || el.attr("role").is_some_and(is_furniture_role)
    }

    /// Extract the visible paragraphs of a page; `Err` when the page is
    /// refused by [`html_guard`](super::html_guard) as too costly to parse.
    pub fn extract(&self, source: &str) -> Result<Page, String> {
        super::html_guard::prescan(source)?;
        let doc = super::html_guard::parse(source)?;
        let mut page = Page {
            published: super::time::from_html(&doc),
            ..Page::default()
        };
        let mut para_start = 0usize;
        let mut pending_space = false;
        // (h1 text, found inside article/main)
        let mut h1_any: Option<String> = None;
        let mut h1_main: Option<String> = None;
        let mut main_depth = 0usize;
        // Paragraph index where the open <h1> began.
        let mut h1_open: Option<usize> = None;

        enum Step<N> {
            Enter(N),
            Leave(N),
        }
        let mut stack = vec![Step::Enter(doc.tree.root())];
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(node) => match node.value() {
                    Node::Text(t) => {
                        push_text(&mut page.buf, &mut pending_space, para_start, t);
                    }
                    Node::Element(el) => {
                        let name = el.name();
                        if name == "head" {
                            if page.title.is_none() {
                                page.title = ElementRef::wrap(node)
                                    .and_then(|e| first_text(e, "title"))
                                    .map(|t| strip_site_name(&t).to_string())
                                    .filter(|t| !t.is_empty());
                            }
                            continue;
                        }
                        if name == "title" {
                            continue;
                        }
                        if self.dropped(name, el) {
                            // A page header may hold the headline.
                            if (name == "header" || name == "hgroup")
                                && h1_any.is_none()
                                && !self.class_dropped(el)
                            {
                                h1_any = ElementRef::wrap(node).and_then(|e| first_text(e, "h1"));
                            }
                            // A dropped block still ends a paragraph; a
                            // dropped inline element is a word break.
                            if is_block(name) {
                                flush(&mut page, &mut para_start, &mut pending_space);
                            } else {
                                pending_space = true;
                            }
                            continue;
                        }
                        if is_block(name) {
                            flush(&mut page, &mut para_start, &mut pending_space);
                        }
                        if (name == "td" || name == "th") && page.buf.len() > para_start {
                            page.buf.push_str(" │");
                            pending_space = true;
                        }
                        if name == "sup" && is_footnote_mark(ElementRef::wrap(node)) {
                            pending_space = true;
                            continue;
                        }
                        if name == "article" || name == "main" {
                            main_depth += 1;
                        }
                        if name == "h1" {
                            h1_open = Some(page.paragraphs.len());
                        }
                        stack.push(Step::Leave(node));
                        for child in node.children().rev() {
                            stack.push(Step::Enter(child));
                        }
                    }
                    Node::Document | Node::Fragment => {
                        for child in node.children().rev() {
                            stack.push(Step::Enter(child));
                        }
                    }
                    _ => {}
                },
                Step::Leave(node) => {
                    let Some(el) = node.value().as_element() else {
                        continue;
                    };
                    let name = el.name();
                    if is_block(name) {
                        flush(&mut page, &mut para_start, &mut pending_space);
                    }
                    if name == "h1" {
                        if let Some(first) = h1_open.take() {
                            let text = page.paragraphs[first..]
                                .iter()
                                .map(|r| &page.buf[r.clone()])
                                .collect::<Vec<_>>()
                                .join(" ");
                            if !text.is_empty() {
                                if main_depth > 0 && h1_main.is_none() {
                                    h1_main = Some(text.clone());
                                }
                                if h1_any.is_none() {
                                    h1_any = Some(text);
                                }
                            }
                        }
                    }
                    if name == "article" || name == "main" {
                        main_depth = main_depth.saturating_sub(1);
                    }
                }
            }
        }
        flush(&mut page, &mut para_start, &mut pending_space);
        page.h1 = h1_main.or(h1_any);
        Ok(page)
    }
}

/// "claim<sup>2</sup>", "<sup>[a]</sup>", "<sup>*</sup>": a reference to a
/// note, not part of the word before it. "10<sup>th</sup>" is text.
fn is_footnote_mark(el: Option<ElementRef<'_>>) -> bool {
    let Some(el) = el else {
        return false;
    };
    let text: String = el.text().collect();
    let t = text.trim();
    !t.is_empty()
        && t.chars().count() <= 6
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || c.is_ascii_lowercase() && t.starts_with('[')
                || matches!(c, '[' | ']' | '*' | '†' | '‡' | '§' | ',' | '(' | ')')
        })
}

/// Append text to the open paragraph, collapsing whitespace.
fn push_text(buf: &mut String, pending_space: &mut bool, para_start: usize, t: &str) {
    for c in t.chars() {
        if c.is_whitespace() {
            *pending_space = true;
        } else if matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
        ) {
            // invisible
        } else {
            if *pending_space && buf.len() > para_start {
                buf.push(' ');
            }
            *pending_space = false;
            buf.push(c);
        }
    }
}

/// Close the open paragraph, if it has text.
fn flush(page: &mut Page, para_start: &mut usize, pending_space: &mut bool) {
    if page.buf.len() > *para_start {
        page.paragraphs.push(*para_start..page.buf.len());
        page.buf.push('\n');
        *para_start = page.buf.len();
    }
    *pending_space = false;
}

/// The text of the first `tag` element under `node`, whitespace
/// collapsed; `None` when there is none or it is blank.
fn first_text(node: ElementRef<'_>, tag: &str) -> Option<String> {
    let el = node
        .descendent_elements()
        .find(|e| e.value().name() == tag)?;
    let text = collapse(el.text());
    (!text.is_empty()).then_some(text)
}

/// Text pieces joined with whitespace collapsed.
fn collapse<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut pending = false;
    for p in parts {
        push_text(&mut out, &mut pending, 0, p);
    }
    out
}

/// "Rebels take Brook | The Daily News" -> "Rebels take Brook": a short
/// last segment after " | ", " - ", " – " or " — " is the site's name.
fn strip_site_name(title: &str) -> &str {
    for sep in [" | ", " – ", " — ", " - ", " :: "] {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            if !head.trim().is_empty()
                && tail.chars().count() <= 40
                && tail.split_whitespace().count() <= 5
            {
                return head.trim();
            }
        }
    }
    title.trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_name() {
        assert_eq!(strip_site_name("Arden falls | News Site"), "Arden falls");
        assert_eq!(strip_site_name("Arden falls"), "Arden falls");
    }
}
