//! Bounds on what a page may cost html5ever, checked before and during
//! parsing.
//!
//! html5ever repairs any markup, and some repairs cost far more than the
//! bytes they come from: a stack of open elements checked on every block
//! start tag (100,000 nested `<div>`s take minutes), a duplicate check over
//! every attribute of an element (100,000 attributes take 20 s), and
//! formatting elements closed by another element's end tag, which are
//! cloned again before every later piece of text (a 300 KB page takes a
//! minute and 10 GB). Real pages stay far below each bound.
//!
//! * [`prescan`] reads the tags the way the tree builder will use them
//!   (quoted attribute values, end tags that match nothing or only beyond a
//!   scope boundary are ignored, `/>` only closes in SVG and MathML,
//!   formatting elements closed implicitly stay open to be cloned) and
//!   refuses pages nested deeper than [`MAX_DEPTH`] or with more than
//!   [`MAX_ATTRIBUTE_PAIRS`] attribute pairs on their elements.
//! * [`parse`] feeds the parser a chunk at a time and stops once it has
//!   made more elements than the bytes read could hold.

use std::borrow::Cow;
use std::cell::Cell;

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, QualName};
use rustc_hash::FxHashMap;
use scraper::{Html, HtmlTreeSink};

/// Pages nested deeper than this are not parsed. Real pages stay far
/// below; the tree builder's work per tag grows with the depth.
pub const MAX_DEPTH: usize = 3000;

/// Attribute pairs (n·(n-1)/2 for an element of n attributes) summed over
/// a page: what html5ever's duplicate-attribute check compares. An element
/// of 100 attributes is 4,950; one of 6,000 alone is over.
pub const MAX_ATTRIBUTE_PAIRS: u64 = 16_000_000;

/// Bytes fed to the parser between checks of the element count.
const CHUNK: usize = 1024;
/// Every element takes at least three bytes of markup (`<p>`); more than
/// that per byte read, plus this slack for the implied `html`, `head` and
/// `body` and small pages, is repair work.
const ELEMENT_SLACK: usize = 1000;

/// Why a page is not parsed: a warning's text.
pub type Refusal = String;

/// Check a page before parsing; `Err` says why it is refused.
pub fn prescan(src: &str) -> Result<(), Refusal> {
    let s = scan(src, MAX_DEPTH);
    if s.depth > MAX_DEPTH {
        return Err(format!(
            "HTML nests elements more than {MAX_DEPTH} deep; skipped (no news page does, and \
             parsing it would take minutes)"
        ));
    }
    if s.attribute_pairs > MAX_ATTRIBUTE_PAIRS {
        return Err(format!(
            "HTML has elements with too many attributes (up to {} on one); skipped (no news page \
             does, and parsing it would take minutes)",
            s.max_attributes
        ));
    }
    Ok(())
}

/// Parse a page with scraper, stopping once the parser has made more
/// elements than the markup read so far holds (see the module notes).
pub fn parse(src: &str) -> Result<Html, Refusal> {
    let sink = Counting {
        inner: HtmlTreeSink::new(Html::new_document()),
        elements: Cell::new(0),
    };
    let mut parser = html5ever::driver::parse_document(sink, Default::default());
    let mut fed = 0;
    while fed < src.len() {
        let mut end = (fed + CHUNK).min(src.len());
        while !src.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&src[fed..end]));
        fed = end;
        let made = parser.tokenizer.sink.sink.elements.get();
        if made > fed / 3 + ELEMENT_SLACK {
            return Err(format!(
                "HTML markup makes the parser build {made} elements from its first {fed} bytes; \
                 skipped (broken formatting tags repeated this way would take minutes)"
            ));
        }
    }
    Ok(parser.finish())
}

/// What [`scan`] found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Deepest nesting seen (stopping once past the limit).
    pub depth: usize,
    pub attribute_pairs: u64,
    pub max_attributes: u64,
}

/// Elements without an end tag, or whose end tag may be left out: they
/// do not nest however many there are.
fn never_nests(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// An end tag does not reach past these to close an element below them.
fn scope_boundary(name: &[u8]) -> bool {
    matches!(
        name,
        b"applet"
            | b"caption"
            | b"marquee"
            | b"object"
            | b"table"
            | b"template"
            | b"foreignobject"
            | b"desc"
            | b"title"
            | b"mi"
            | b"mo"
            | b"mn"
            | b"ms"
            | b"mtext"
    )
}

/// Formatting elements: closed by another element's end tag, the parser
/// keeps them and clones them before the next text.
fn formatting(name: &[u8]) -> bool {
    matches!(
        name,
        b"a" | b"b"
            | b"big"
            | b"code"
            | b"em"
            | b"font"
            | b"i"
            | b"nobr"
            | b"s"
            | b"small"
            | b"strike"
            | b"strong"
            | b"tt"
            | b"u"
    )
}

/// Content that is text, not markup, up to its end tag.
fn raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script" | b"style" | b"textarea" | b"xmp" | b"iframe" | b"noembed" | b"noframes"
    )
}

fn hash(bytes: &[u8]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(bytes);
    h.finish()
}

struct Open {
    name: u64,
    /// For a formatting element: its name and attributes, as the parser
    /// tells identical ones apart.
    formatting: Option<u64>,
}

/// The tree builder's stack, as far as depth goes.
#[derive(Default)]
struct Stack {
    open: Vec<Open>,
    /// Positions in `open` of each name, innermost last.
    at: FxHashMap<u64, Vec<usize>>,
    boundaries: Vec<usize>,
    /// Foreign (SVG, MathML) elements open: `/>` closes there.
    foreign: usize,
    /// Formatting elements closed implicitly, by identity (the parser
    /// keeps at most three identical ones) and by name.
    kept: FxHashMap<u64, usize>,
    kept_by_name: FxHashMap<u64, usize>,
    kept_total: usize,
}

impl Stack {
    fn depth(&self) -> usize {
        self.open.len() + self.kept_total
    }

    fn push(&mut self, name: &[u8], formatting_key: Option<u64>) {
        let key = hash(name);
        let pos = self.open.len();
        self.at.entry(key).or_default().push(pos);
        if scope_boundary(name) {
            self.boundaries.push(pos);
        }
        if name == b"svg" || name == b"math" {
            self.foreign += 1;
        }
        self.open.push(Open {
            name: key,
            formatting: formatting_key,
        });
    }

    /// An end tag: pops down to the element it closes, if one is open
    /// within scope; otherwise the parser ignores it, and so do we.
    fn close(&mut self, name: &[u8]) {
        let key = hash(name);
        let Some(&pos) = self.at.get(&key).and_then(|v| v.last()) else {
            if formatting(name) {
                // Closes one that was closed implicitly and kept.
                if let Some(n) = self.kept_by_name.get_mut(&key).filter(|n| **n > 0) {
                    *n -= 1;
                    self.kept_total -= 1;
                }
            }
            return;
        };
        let boundary = self.boundaries.last().copied();
        if boundary.is_some_and(|b| pos < b) {
            return;
        }
        while self.open.len() > pos {
            let Some(top) = self.open.pop() else { break };
            let last = self.open.len();
            if let Some(v) = self.at.get_mut(&top.name) {
                v.pop();
            }
            if self.boundaries.last() == Some(&last) {
                self.boundaries.pop();
            }
            if last == pos {
                if name == b"svg" || name == b"math" {
                    self.foreign = self.foreign.saturating_sub(1);
                }
                break;
            }
            if let Some(id) = top.formatting {
                let n = self.kept.entry(id).or_default();
                if *n < 3 {
                    *n += 1;
                    *self.kept_by_name.entry(top.name).or_default() += 1;
                    self.kept_total += 1;
                }
            }
        }
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Read the attributes of a tag from `i` (just after its name) to its
/// `>`: returns the index after the `>` (`None` at the end of the text),
/// the attribute count, and whether it ends with `/>`.
fn attributes(b: &[u8], mut i: usize) -> Option<(usize, u64, bool)> {
    let mut count = 0u64;
    let mut slash = false;
    loop {
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        match *b.get(i)? {
            b'>' => return Some((i + 1, count, slash)),
            b'/' => {
                slash = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        slash = false;
        // A name runs to a space, '/', '>' or '=' (but may start with '=').
        i += 1;
        while b
            .get(i)
            .is_some_and(|&c| !is_space(c) && !matches!(c, b'/' | b'>' | b'='))
        {
            i += 1;
        }
        count += 1;
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        match *b.get(i)? {
            q @ (b'"' | b'\'') => {
                i += 1 + memchr::memchr(q, &b[i + 1..])? + 1;
            }
            _ => {
                while b.get(i).is_some_and(|&c| !is_space(c) && c != b'>') {
                    i += 1;
                }
            }
        }
    }
}

/// How deep the elements of `src` nest as the parser will build them
/// (stopping early once past `limit`), and what its attributes cost. A
/// guard, not a parser: where it is unsure it errs deep.
pub fn scan(src: &str, limit: usize) -> Scan {
    let b = src.as_bytes();
    let mut out = Scan::default();
    let mut stack = Stack::default();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        let Some(&next) = b.get(i) else { break };
        if next == b'!' {
            if b[i..].starts_with(b"!--") {
                // "<!-->" and "<!--->" are whole comments; else up to
                // "-->" or "--!>".
                let body = i + 3;
                if b[body..].starts_with(b">") || b[body..].starts_with(b"->") {
                    continue;
                }
                let end = memchr::memmem::find(&b[body..], b"--");
                let mut j = body;
                let mut found = None;
                let mut e = end;
                while let Some(k) = e {
                    let at = j + k + 2;
                    if b[at..].starts_with(b">") {
                        found = Some(at + 1);
                        break;
                    }
                    if b[at..].starts_with(b"!>") {
                        found = Some(at + 2);
                        break;
                    }
                    j = j + k + 1;
                    e = memchr::memmem::find(&b[j..], b"--");
                }
                match found {
                    Some(f) => i = f,
                    None => break,
                }
            } else {
                match memchr::memchr(b'>', &b[i..]) {
                    Some(e) => i += e + 1,
                    None => break,
                }
            }
            continue;
        }
        let closing = next == b'/';
        let start = if closing { i + 1 } else { i };
        // A tag name starts with a letter; anything else is text.
        if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let len = b[start..]
            .iter()
            .take_while(|&&c| !is_space(c) && c != b'/' && c != b'>')
            .count();
        let name = b[start..start + len].to_ascii_lowercase();
        let Some((after, attrs, self_closing)) = attributes(b, start + len) else {
            break;
        };
        i = after;
        if closing {
            if !never_nests(&name) {
                stack.close(&name);
            }
            continue;
        }
        out.attribute_pairs = out
            .attribute_pairs
            .saturating_add(attrs * attrs.saturating_sub(1) / 2);
        out.max_attributes = out.max_attributes.max(attrs);
        if raw_text(&name) {
            // Text up to its own end tag.
            let mut close = b"</".to_vec();
            close.extend_from_slice(&name);
            let mut j = i;
            loop {
                match memchr::memmem::find(&b[j..], b"</") {
                    Some(e)
                        if b[j + e..].len() >= close.len()
                            && b[j + e..j + e + close.len()].eq_ignore_ascii_case(&close) =>
                    {
                        i = j + e;
                        break;
                    }
                    Some(e) => j += e + 2,
                    None => {
                        i = b.len();
                        break;
                    }
                }
            }
            continue;
        }
        if never_nests(&name) || (self_closing && stack.foreign > 0) {
            continue;
        }
        let formatting_key = formatting(&name).then(|| hash(&b[start - 1..after]));
        stack.push(&name, formatting_key);
        if stack.depth() > out.depth {
            out.depth = stack.depth();
            if out.depth > limit {
                break;
            }
        }
    }
    out
}

/// scraper's sink, counting the elements the parser makes.
struct Counting {
    inner: HtmlTreeSink,
    elements: Cell<usize>,
}

impl TreeSink for Counting {
    type Handle = <HtmlTreeSink as TreeSink>::Handle;
    type Output = Html;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Html {
        self.inner.finish()
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }
    fn get_document(&self) -> Self::Handle {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a Self::Handle) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }
    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<Attribute>,
        flags: ElementFlags,
    ) -> Self::Handle {
        self.elements.set(self.elements.get() + 1);
        self.inner.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> Self::Handle {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Self::Handle {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &Self::Handle, child: NodeOrText<Self::Handle>) {
        self.inner.append(parent, child)
    }
    fn append_based_on_parent_node(
        &self,
        element: &Self::Handle,
        prev_element: &Self::Handle,
        child: NodeOrText<Self::Handle>,
    ) {
        self.inner
            .append_based_on_parent_node(element, prev_element, child)
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }
    fn mark_script_already_started(&self, node: &Self::Handle) {
        self.inner.mark_script_already_started(node)
    }
    fn pop(&self, node: &Self::Handle) {
        self.inner.pop(node)
    }
    fn get_template_contents(&self, target: &Self::Handle) -> Self::Handle {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &Self::Handle, y: &Self::Handle) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &Self::Handle, new_node: NodeOrText<Self::Handle>) {
        self.inner.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &Self::Handle, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }
    fn associate_with_form(
        &self,
        target: &Self::Handle,
        form: &Self::Handle,
        nodes: (&Self::Handle, Option<&Self::Handle>),
    ) {
        self.inner.associate_with_form(target, form, nodes)
    }
    fn remove_from_parent(&self, target: &Self::Handle) {
        self.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &Self::Handle, new_parent: &Self::Handle) {
        self.inner.reparent_children(node, new_parent)
    }
    fn is_mathml_annotation_xml_integration_point(&self, handle: &Self::Handle) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }
    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number)
    }
    fn allow_declarative_shadow_roots(&self, intended_parent: &Self::Handle) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }
    fn attach_declarative_shadow(
        &self,
        location: &Self::Handle,
        template: &Self::Handle,
        attrs: &[Attribute],
    ) -> bool {
        self.inner
            .attach_declarative_shadow(location, template, attrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(src: &str) -> usize {
        scan(src, 1 << 20).depth
    }

    #[test]
    fn depth_as_the_tree_builder_nests() {
        assert_eq!(depth("<div><p>a<p>b<br><img/><span>x</span></div>"), 2);
        assert_eq!(
            depth("<script>if (a<b) { x = '<div>' }</script><div></div>"),
            1
        );
        assert_eq!(depth("<!-- <div><div> --><DIV>"), 1);
        assert_eq!(depth(&"<div>".repeat(500)), 500);
        // End tags that close nothing are ignored, as the parser does.
        assert_eq!(depth(&"<div></x>".repeat(50)), 50);
        // An end tag does not reach past a scope boundary.
        assert_eq!(depth(&"<div><object></div>".repeat(50)), 100);
        // A quoted '>' is not the end of the tag.
        assert_eq!(depth(&"<div title=\"></div>\">".repeat(50)), 50);
        // "/>" closes nothing in HTML, only in SVG.
        assert_eq!(depth(&"<div/>".repeat(50)), 50);
        assert_eq!(depth(&format!("<svg>{}</svg>", "<g/>".repeat(50))), 1);
        // A comment also ends at "--!>".
        assert_eq!(depth(&format!("<!-- --!>{}", "<div>".repeat(50))), 50);
        // Long and unknown names nest like any.
        assert_eq!(depth(&"<abcdefghijklmnopqrstuvwxyz>".repeat(50)), 50);
        // Formatting elements closed by another end tag are kept, to be
        // cloned: they count (49 kept, then a div and a b); three
        // identical ones at most.
        let kept: String = (0..50).map(|i| format!("<div><b id={i}></div>")).collect();
        assert_eq!(depth(&kept), 51);
        assert_eq!(depth(&"<div><b></div>".repeat(50)), 5);
        assert_eq!(depth(&"<div><b></b></div>".repeat(50)), 2);
    }

    #[test]
    fn attributes_are_counted_as_pairs() {
        let tag = |n: usize| {
            let attrs: String = (0..n).map(|i| format!(" a{i}='x>y'")).collect();
            format!("<p{attrs}>text</p>")
        };
        let s = scan(&tag(100), MAX_DEPTH);
        assert_eq!((s.max_attributes, s.attribute_pairs), (100, 4950));
        assert!(prescan(&tag(100)).is_ok());
        let e = prescan(&tag(6000)).expect_err("too many attributes");
        assert!(e.contains("6000"), "{e}");
    }

    #[test]
    fn parse_stops_on_repair_work() {
        assert!(parse("<p>Rebels took <b>Arden</b> on Friday.</p>").is_ok());
        let opened: String = (0..2000).map(|i| format!("<b id={i}>")).collect();
        let bomb = format!("<div>{opened}</div>{}", "<div>x</div>".repeat(200));
        let e = parse(&bomb).expect_err("refused");
        assert!(e.contains("elements"), "{e}");
    }
}
