//! Files in, [`Article`]s out: plain text, Markdown, HTML and JSON, with
//! page furniture left out and bad input reported, never fatal.
//!
//! * `.txt`, `.md` (and `.markdown`): every non-empty line is a paragraph;
//!   `text` is the file itself, so ranges are file offsets. The first prose
//!   line is the headline (for Markdown, a front-matter `title:` wins). A
//!   hard-wrapped `.txt` (OCR of a print page, a PDF conversion) is first
//!   reflowed to a paragraph per line, see `reflow`; its ranges are offsets
//!   in the reflowed text.
//! * `.html`, `.htm`: the visible text, see [`html`]; the headline is the
//!   `<h1>`, else the `<title>`, else the first paragraph.
//! * `.json`: one object with `title` and `body`, see [`json`].
//! * `.srt`, `.vtt`: a video's subtitles, read as the prose of their cues
//!   (see [`subtitles`]); ranges are offsets in that prose.
//!
//! Lines that are page furniture (share bars, "Also Read", breadcrumbs,
//! page dates, bylines, tags, comment forms...) are dropped by the rules of
//! `config/boilerplate.toml`, see [`boilerplate`].

pub mod boilerplate;
mod decode;
pub mod folder;
pub mod html;
pub mod html_guard;
pub mod ignore;
pub mod json;
mod reflow;
pub mod subtitles;
pub mod text;
pub mod time;

use std::collections::hash_map::{Entry, HashMap};
use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Scenario;
use crate::model::{Article, ArticleMeta, ArticleTime, Format, TimeSource};

/// Why a file was skipped or read with loss. Never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
    /// The file could not be read now (out of descriptors, an I/O error):
    /// it may read fine later, so what was read before still stands.
    pub transient: bool,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // File names come from outside: no escape sequences to the terminal.
        let path = self.path.to_string_lossy();
        write!(f, "{}: {}", crate::logging::Printable(&path), self.message)
    }
}

impl Warning {
    pub fn new(path: &Path, message: impl Into<String>) -> Warning {
        Warning {
            path: path.to_path_buf(),
            message: message.into(),
            transient: false,
        }
    }

    /// A read that failed with `e`: transient unless the file is gone.
    fn read_failed(path: &Path, e: &std::io::Error) -> Warning {
        Warning {
            transient: e.kind() != std::io::ErrorKind::NotFound,
            ..Warning::new(path, format!("cannot be read: {e}"))
        }
    }
}

/// How a file is parsed, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Html,
    Json,
    Subtitles,
}

impl Kind {
    fn of(name: &str) -> Option<Kind> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        if base.is_empty()
            || base.starts_with('.') // hidden, and Emacs locks ".#foo"
            || base.ends_with('~') // editor backups
            || base.starts_with('#') // Emacs autosave "#foo#"
            || base.starts_with("~$")
        // Office locks
        {
            return None;
        }
        let (stem, ext) = base.rsplit_once('.')?;
        if stem.is_empty() || is_notes_name(base) {
            return None;
        }
        // Temp and swap files (".tmp", ".part", ".crdownload", ".swp"...)
        // fall out here: only these extensions are articles.
        match ext.to_ascii_lowercase().as_str() {
            "txt" => Some(Kind::Text),
            "md" | "markdown" => Some(Kind::Markdown),
            "html" | "htm" => Some(Kind::Html),
            "json" => Some(Kind::Json),
            "srt" | "vtt" => Some(Kind::Subtitles),
            _ => None,
        }
    }
}

/// Notes kept beside the articles: README*, NOTES*, LICENSE*, CHANGELOG*
/// and a corpus's gold.json.
fn is_notes_name(base: &str) -> bool {
    let upper = base.to_ascii_uppercase();
    ["README", "NOTES", "LICENSE", "LICENCE", "CHANGELOG"]
        .iter()
        .any(|n| upper.starts_with(n))
        || upper == "GOLD.JSON"
}

/// Where articles can be read again. Their texts are not kept once their
/// facts are extracted: the reader pane reads the file when it opens.
pub struct Texts {
    root: PathBuf,
    reader: Arc<Reader>,
}

impl Texts {
    pub fn new(root: PathBuf, reader: Arc<Reader>) -> Texts {
        Texts { root, reader }
    }

    /// The article `meta` describes, read again: an error when its file
    /// cannot be read or no longer holds what was read.
    pub fn load(&self, meta: &ArticleMeta) -> Result<Article, String> {
        match self.reader.read(&self.root.join(&*meta.name), &meta.name) {
            Ok(Some((a, _))) if a.hash == meta.hash => Ok(a),
            Ok(Some(_)) => Err("the file changed since it was read; it is read again".into()),
            Ok(None) => Err("the file is no longer an article".into()),
            Err(w) => Err(w.message),
        }
    }
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Texts").field("root", &self.root).finish()
    }
}

/// Reads articles according to a scenario's boilerplate rules.
pub struct Reader {
    filter: boilerplate::Filter,
    html: html::HtmlRules,
    max_file_bytes: u64,
    /// Dates without a year are in this one.
    year: i32,
    follow_symlinks: bool,
}

impl Reader {
    pub fn new(scenario: &Scenario) -> Reader {
        Reader {
            filter: boilerplate::Filter::new(&scenario.boilerplate),
            html: html::HtmlRules::new(&scenario.boilerplate),
            max_file_bytes: scenario.scenario.ingest.max_file_bytes,
            year: scenario.scenario.year,
            follow_symlinks: false,
        }
    }

    /// Whether a file name is an article at all (by extension; hidden, temp
    /// and editor swap files are not, nor notes: README*, NOTES*,
    /// LICENSE*, CHANGELOG*, gold.json).
    pub fn is_article_name(name: &str) -> bool {
        Kind::of(name).is_some()
    }

    /// Whether one trimmed line is article prose under these rules (not
    /// page furniture, not a comment-section marker).
    pub fn is_prose_line(&self, line: &str) -> bool {
        let line = line.trim();
        !line.is_empty() && self.filter.verdict(line) == boilerplate::Verdict::Prose
    }

    /// Drop the lazy-DFA caches the reading threads filled (line patterns,
    /// datelines): after a large read they are a few MiB per thread that
    /// nothing else would give back. The next read builds what it needs.
    pub fn fresh_caches(&self) {
        self.filter.fresh_caches();
        time::fresh_caches();
    }

    /// Read one file. `name` is its path relative to the feeds folder.
    /// `Ok(None)` means not an article (ignored silently); `Err` is a
    /// warning (unreadable, binary, empty, too large...).
    pub fn read(
        &self,
        path: &Path,
        name: &str,
    ) -> Result<Option<(Article, Vec<Warning>)>, Warning> {
        if Kind::of(name).is_none() {
            return Ok(None);
        }
        let meta = fs::metadata(path).map_err(|e| Warning::read_failed(path, &e))?;
        if !meta.is_file() {
            return Ok(None);
        }
        let cap = self.max_file_bytes;
        if meta.len() > cap {
            return Err(too_big(path, meta.len(), cap));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
        fs::File::open(path)
            .and_then(|f| f.take(cap.saturating_add(1)).read_to_end(&mut bytes))
            .map_err(|e| Warning::read_failed(path, &e))?;
        if bytes.len() as u64 > cap {
            // It grew while we looked.
            return Err(too_big(path, bytes.len() as u64, cap));
        }
        let read = self.read_bytes(path, name, bytes)?;
        Ok(read.map(|(mut article, warnings)| {
            article.modified = meta.modified().ok();
            if article.time.is_none() {
                article.time = time::from_file(article.modified);
            }
            (article, warnings)
        }))
    }

    /// Parse file contents already in memory, as [`Reader::read`] does
    /// after reading (no size cap here). `path` only labels warnings.
    pub fn read_bytes(
        &self,
        path: &Path,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<Option<(Article, Vec<Warning>)>, Warning> {
        let Some(kind) = Kind::of(name) else {
            return Ok(None);
        };
        if bytes.is_empty() {
            return Err(Warning::new(path, "is empty; skipped"));
        }
        let mut warnings = Vec::new();
        let text = decode::decode(bytes, kind == Kind::Html).map_err(|m| Warning::new(path, m))?;
        let text = match text {
            decode::Decoded::Clean(t) => t,
            decode::Decoded::Lossy(t, note) => {
                warnings.push(Warning::new(path, note));
                t
            }
        };
        let text = plain_spaces(text);
        if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
            return Err(Warning::new(path, "contains only whitespace; skipped"));
        }
        let name: Arc<str> = Arc::from(name);
        let article = match kind {
            Kind::Text => self.read_text(name, text, false),
            Kind::Markdown => self.read_text(name, text, true),
            Kind::Html => self.read_html(name, &text),
            Kind::Json => self.read_json(name, &text, path, &mut warnings),
            Kind::Subtitles => self.read_text(name, subtitles::prose(&text), false),
        }
        .map_err(|m| Warning::new(path, m))?;
        Ok(Some((article, warnings)))
    }

    /// Read symlinks to files outside the feeds folder too (by default
    /// they are refused with a warning).
    pub fn follow_symlinks(mut self, yes: bool) -> Reader {
        self.follow_symlinks = yes;
        self
    }

    /// The walk rules for the feeds folder `root`.
    pub fn rules(&self, root: &Path) -> folder::Rules {
        folder::Rules::new(root, self.follow_symlinks)
    }

    /// Every article in `dir`, in file-name order, each content once.
    ///
    /// Subfolders are read too (names use '/'), except hidden ones;
    /// symlinked folders are not followed, nor links out of `dir` (see
    /// [`folder`]). When two files hold the same prose, the first by name
    /// is kept and the second is a warning.
    pub fn scan(&self, dir: &Path) -> std::io::Result<(Vec<Article>, Vec<Warning>)> {
        self.scan_with(dir, |a| a)
    }

    /// [`Reader::scan`], each article turned into a `T` by `f` on the
    /// thread that read it: a large folder's texts are never all in
    /// memory at once.
    pub fn scan_with<T: Send>(
        &self,
        dir: &Path,
        f: impl Fn(Article) -> T + Sync,
    ) -> std::io::Result<(Vec<T>, Vec<Warning>)> {
        let mut articles = Vec::new();
        let warnings = self.scan_each(dir, f, |t| articles.push(t))?;
        Ok((articles, warnings))
    }

    /// [`Reader::scan_with`], handing each `T` to `each`, on this thread,
    /// in file-name order (the fold's), the first of each content only,
    /// as soon as the chunk of files it is in has been read: only a chunk
    /// of texts, and of what `f` makes of them, is held at a time.
    pub fn scan_each<T: Send>(
        &self,
        dir: &Path,
        f: impl Fn(Article) -> T + Sync,
        mut each: impl FnMut(T),
    ) -> std::io::Result<Vec<Warning>> {
        /// Files read at a time: enough to keep every core busy.
        const CHUNK: usize = 1024;
        let mut warnings = Vec::new();
        let mut files = folder::walk(dir, &self.rules(dir), &mut warnings)?;
        let (skip, problems) = ignore::Ignore::load(dir);
        let rules = ignore::Ignore::path(dir);
        warnings.extend(problems.into_iter().map(|m| Warning::new(&rules, m)));
        files.retain(|(name, _)| !skip.ignored(name));
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut seen: HashMap<crate::model::ContentHash, Arc<str>> =
            HashMap::with_capacity(files.len());
        for chunk in files.chunks(CHUNK) {
            let results: Vec<_> = chunk
                .par_iter()
                .map(|(name, path)| {
                    self.read(path, name).map(|read| {
                        read.map(|(article, ws)| {
                            (article.hash, article.name.clone(), ws, f(article))
                        })
                    })
                })
                .collect();
            for ((name, path), result) in chunk.iter().zip(results) {
                match result {
                    Ok(None) => {}
                    Err(w) => warnings.push(w),
                    Ok(Some((hash, article_name, ws, article))) => {
                        warnings.extend(ws);
                        match seen.entry(hash) {
                            Entry::Occupied(first) => warnings.push(Warning::new(
                                path,
                                format!(
                                    "same article text as {:?}; {name:?} counted once, under the first name",
                                    &**first.get()
                                ),
                            )),
                            Entry::Vacant(slot) => {
                                slot.insert(article_name);
                                each(article);
                            }
                        }
                    }
                }
            }
        }
        Ok(warnings)
    }

    fn read_text(&self, name: Arc<str>, text: String, markdown: bool) -> Result<Article, String> {
        // a print page or PDF conversion: back to a paragraph per line
        let text = match markdown {
            false => reflow::reflow(&text).unwrap_or(text),
            true => text,
        };
        let (body, fm) = if markdown {
            text::front_matter(&text)
        } else {
            (0, text::FrontMatter::default())
        };
        let mut paragraphs = self
            .filter
            .select(&text, text::lines(&text, body, markdown));
        let headline = match fm.title {
            Some(title) => {
                // "# Title" repeating the front matter is the same paragraph.
                if paragraphs
                    .first()
                    .is_some_and(|p| text[p.clone()] == text[title.clone()])
                {
                    paragraphs.remove(0);
                }
                paragraphs.insert(0, title.clone());
                Some(title)
            }
            None => paragraphs.first().cloned(),
        };
        if paragraphs.is_empty() {
            return Err("has no article text: every line is page furniture; skipped".into());
        }
        let at = time::from_meta(fm.published.as_deref(), TimeSource::FrontMatter)
            .or_else(|| time::dateline(&text[body..], self.year));
        Ok(finish(
            name,
            Format::Text,
            text,
            headline,
            paragraphs,
            at,
            fm.published,
            fm.source,
            fm.url,
        ))
    }

    fn read_html(&self, name: Arc<str>, source: &str) -> Result<Article, String> {
        let page = self.html.extract(source)?;
        let kept = self
            .filter
            .select(&page.buf, page.paragraphs.iter().cloned());
        let body: Vec<&str> = kept.iter().map(|r| &page.buf[r.clone()]).collect();
        // The <h1>, else the <title>, unless it is page furniture itself.
        let marked = [page.h1.as_deref(), page.title.as_deref()]
            .into_iter()
            .flatten()
            .find(|h| self.is_prose_line(h));
        // A page with no text besides its headline (an error page, a shell
        // filled by scripts) is not an article.
        if body.iter().all(|p| Some(*p) == marked) {
            return Err(if page.paragraphs.is_empty() {
                "HTML has no visible text; skipped".into()
            } else {
                "HTML has no article text: every block is page furniture; skipped".into()
            });
        }
        let (text, headline, paragraphs) =
            assemble(marked.or_else(|| body.first().copied()), &body);
        let at = page
            .published
            .or_else(|| time::dateline(&page.buf, self.year));
        Ok(finish(
            name,
            Format::Html,
            text,
            headline,
            paragraphs,
            at,
            None,
            None,
            None,
        ))
    }

    fn read_json(
        &self,
        name: Arc<str>,
        source: &str,
        path: &Path,
        warnings: &mut Vec<Warning>,
    ) -> Result<Article, String> {
        let a = json::parse(source)?;
        warnings.extend(a.notes.iter().map(|n| Warning::new(path, n.clone())));
        let kept = self.filter.select(&a.body, text::lines(&a.body, 0, false));
        if kept.is_empty() {
            warnings.push(Warning::new(
                path,
                "\"body\" has no article text (all page furniture); read the title only",
            ));
        }
        let body: Vec<&str> = kept.iter().map(|r| &a.body[r.clone()]).collect();
        let (text, headline, paragraphs) = assemble(Some(&a.title), &body);
        let at = time::from_meta(a.published.as_deref(), TimeSource::Published)
            .or_else(|| time::dateline(&a.body, self.year));
        if a.published.is_some() && at.is_none() {
            warnings.push(Warning::new(
                path,
                "\"published\" is not a date (RFC 3339 or YYYY-MM-DD); its time is read elsewhere",
            ));
        }
        Ok(finish(
            name,
            Format::Json,
            text,
            headline,
            paragraphs,
            at,
            a.published,
            a.source,
            a.url,
        ))
    }
}

/// Unicode spaces (no-break, em, ideographic...) as plain spaces, and
/// zero-width spaces and word joiners dropped: pages put `&nbsp;` between
/// any two words, and trigger phrases are written with plain spaces.
fn plain_spaces(text: String) -> String {
    let odd = |c: char| {
        matches!(
            c,
            '\u{a0}' | '\u{1680}' | '\u{2000}'
                ..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{2060}' | '\u{3000}'
        )
    };
    if text.is_ascii() || !text.contains(odd) {
        return text;
    }
    text.chars()
        .filter(|&c| c != '\u{200b}' && c != '\u{2060}')
        .map(|c| if odd(c) { ' ' } else { c })
        .collect()
}

fn too_big(path: &Path, size: u64, cap: u64) -> Warning {
    Warning::new(
        path,
        format!("is {size} bytes, over the {cap}-byte cap (ingest.max_file_bytes); skipped"),
    )
}

/// Build a text of `headline` then `body`, joined by blank lines; the
/// first body paragraph equal to the headline is left out (it is the
/// headline).
fn assemble(
    headline: Option<&str>,
    body: &[&str],
) -> (String, Option<Range<usize>>, Vec<Range<usize>>) {
    let len = headline.map_or(0, str::len) + body.iter().map(|p| p.len() + 2).sum::<usize>();
    let mut text = String::with_capacity(len);
    let mut paragraphs = Vec::with_capacity(body.len() + 1);
    let mut push = |text: &mut String, p: &str| {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(p);
        paragraphs.push(start..text.len());
    };
    let headline = headline.map(str::trim).filter(|h| !h.is_empty());
    if let Some(h) = headline {
        push(&mut text, h);
    }
    let mut skip_dup = headline;
    for p in body {
        if skip_dup == Some(*p) {
            skip_dup = None;
            continue;
        }
        push(&mut text, p);
    }
    let headline = headline.map(|h| 0..h.len());
    (text, headline, paragraphs)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    name: Arc<str>,
    format: Format,
    text: String,
    headline: Option<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
    time: Option<ArticleTime>,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
) -> Article {
    let mut hasher = blake3::Hasher::new();
    for p in &paragraphs {
        hasher.update(text[p.clone()].as_bytes());
        hasher.update(b"\n");
    }
    Article {
        name,
        format,
        text,
        headline,
        paragraphs,
        published,
        source,
        url,
        time,
        modified: None,
        hash: crate::model::content_hash(&hasher),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_spaces_become_plain_spaces() {
        let t = plain_spaces("Rebels\u{a0}captured\u{2003}Arden\u{200b} on\u{3000}Friday".into());
        assert_eq!(t, "Rebels captured Arden on Friday");
        let ascii = String::from("plain text");
        assert_eq!(plain_spaces(ascii.clone()), ascii);
    }

    #[test]
    fn names() {
        for ok in [
            "a.txt",
            "b/c.MD",
            "x.html",
            "x.htm",
            "x.json",
            "x.markdown",
            "v.srt",
            "v.VTT",
        ] {
            assert!(Reader::is_article_name(ok), "{ok}");
        }
        for bad in [
            ".hidden.txt",
            "a.txt~",
            "#a.txt#",
            ".#a.txt",
            "a.txt.swp",
            ".a.txt.swp",
            "a.tmp",
            "a.txt.part",
            "a.txt.crdownload",
            "a.pdf",
            "txt",
            ".txt",
            "~$a.txt",
            "dir/.x.txt",
            "NOTES.md",
            "README",
            "README.txt",
            "sub/LICENSE.md",
            "CHANGELOG.md",
            "gold.json",
        ] {
            assert!(!Reader::is_article_name(bad), "{bad}");
        }
    }

    #[test]
    fn assemble_dedups_headline() {
        let (t, h, p) = assemble(Some("H"), &["H", "a", "H"]);
        assert_eq!(t, "H\n\na\n\nH");
        assert_eq!(h, Some(0..1));
        assert_eq!(p.len(), 3);
    }
}
