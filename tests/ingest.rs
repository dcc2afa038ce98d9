//! Ingest: real files in temp folders in, articles and warnings out.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sitmon::config::Scenario;
use sitmon::ingest::{Reader, Warning};
use sitmon::model::{Article, Format};

/// One reader for all tests: compiling the rules is the slow part.
fn reader() -> &'static Reader {
    static READER: OnceLock<Reader> = OnceLock::new();
    READER.get_or_init(|| Reader::new(&Scenario::builtin()))
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, content).unwrap();
    path
}

fn paragraphs(a: &Article) -> Vec<&str> {
    a.paragraphs.iter().map(|r| &a.text[r.clone()]).collect()
}

fn scan(dir: &Path) -> (Vec<Article>, Vec<Warning>) {
    reader().scan(dir).unwrap()
}

/// The only article and the warnings of a folder.
fn only(dir: &Path) -> (Article, Vec<Warning>) {
    let (mut arts, warns) = scan(dir);
    assert_eq!(
        arts.len(),
        1,
        "articles: {:?}",
        arts.iter().map(|a| &a.name).collect::<Vec<_>>()
    );
    (arts.remove(0), warns)
}

fn assert_no_junk(a: &Article, junk: &[&str]) {
    for p in paragraphs(a) {
        for j in junk {
            assert!(!p.contains(j), "{}: {j:?} in paragraph {p:?}", a.name);
        }
    }
}

const NOISY_TXT: &str = "\
Wednesday, 6 March 2024
4.8 C
Breaking | World | Asia
1. Home
  2. World
  3. Rebels take Northtown after week-long siege

Rebels take Northtown after week-long siege

By News Desk
Updated Date
Last Updated: Monday, 22 January 2024 09:41 AM IST

NORTHTOWN, Aug 6 (Wire staff) –
Rebel fighters captured Northtown on Friday, a provincial official said.

Also Read :- Monsoon fury: landslides block national highway
Share this story:  WhatsApp | Facebook | Twitter | Email

08:40
Fighting continues on the edge of Southville, residents say.
Aug 7: Westport falls after officials retreat to the airport.
हमें फ़ॉलो करें ताज़ा ख़बरों के लिए
خبرهای بیشتر
Share   Tweet   Email   Print
Source: News Agencies
With inputs from AP and AFP
Via Firstpost World Latest News https://ift.tt/2Nairz4
More to follow.
Developing story.
This story will be updated.
Tags: Northtown, rebels
Related stories
Further reading:
For the latest news and reviews, follow us on Facebook, YouTube and Twitter
Like this:
Loading...
0 Comments:
Posted on August 11, 2021 by World Desk
Home > News > World > Asia
The government said it would send more troops to Southville.
Leave a Reply
Your email address will not be published. Required fields are marked *
Comment *
The government has fallen, says a commenter.
";

#[test]
fn txt_junk_dropped_prose_kept() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "001_noisy.txt", NOISY_TXT);
    let (a, warns) = only(dir.path());
    assert!(warns.is_empty(), "{warns:?}");
    assert_eq!(a.format, Format::Text);
    assert_eq!(&*a.name, "001_noisy.txt");
    // The text is the file; ranges are file offsets.
    assert_eq!(a.text, NOISY_TXT);
    assert_eq!(
        a.headline_text(),
        Some("Rebels take Northtown after week-long siege")
    );
    assert_eq!(a.headline, a.paragraphs.first().cloned());
    assert_eq!(
        paragraphs(&a),
        [
            "Rebels take Northtown after week-long siege",
            "NORTHTOWN, Aug 6 (Wire staff) –",
            "Rebel fighters captured Northtown on Friday, a provincial official said.",
            "08:40",
            "Fighting continues on the edge of Southville, residents say.",
            "Aug 7: Westport falls after officials retreat to the airport.",
            "The government said it would send more troops to Southville.",
        ]
    );
    assert_no_junk(
        &a,
        &[
            "Also Read",
            "Share",
            "Tags:",
            "Related",
            "Leave a Reply",
            "commenter",
            "Home",
            "2024",
        ],
    );
}

#[test]
fn txt_crlf_and_bom() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}Headline here\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n";
    write(dir.path(), "a.txt", text);
    let (a, _) = only(dir.path());
    assert_eq!(a.headline_text(), Some("Headline here"));
    assert_eq!(
        paragraphs(&a),
        ["Headline here", "First paragraph.", "Second paragraph."]
    );
}

/// A print page run through OCR: two columns side by side, words broken
/// across lines, a running head and a page jump. Read as the paragraphs the
/// page printed, the left column first.
#[test]
fn txt_print_page_in_two_columns_is_reflowed() {
    let dir = tempfile::tempdir().unwrap();
    let page = "\
THE MORNING LEDGER  MONDAY, AUGUST 9, 2021  A6

Rebels Seize Arden in Weekend Blitz

ARDEN, Ruritania - The rebels             the city's main military base
seized the northern city of Ar-           near the airport, where gov-
den on Sunday, taking the gov-            ernment troops who had fled
ernor's compound and the provin-          the center were holding out,
cial police headquarters after a          an army spokesman said.
day of street fighting, officials
said. Some government forces              Residents said the rest of the
retreated to                              city was quiet by evening.

                     Continued on Page A8
";
    write(dir.path(), "page.txt", page);
    let (a, _) = only(dir.path());
    let paras = paragraphs(&a);
    assert!(
        paras.contains(&"ARDEN, Ruritania - The rebels seized the northern city of Arden on Sunday, taking the governor's compound and the provincial police headquarters after a day of street fighting, officials said. Some government forces retreated to the city's main military base near the airport, where government troops who had fled the center were holding out, an army spokesman said."),
        "{paras:#?}"
    );
    assert!(
        paras.contains(&"Residents said the rest of the city was quiet by evening."),
        "{paras:#?}"
    );
    assert!(
        !paras.iter().any(|p| p.contains("Continued on")),
        "{paras:#?}"
    );
}

#[test]
fn markdown() {
    let dir = tempfile::tempdir().unwrap();
    let md = "\
---
title: \"Rebels take Northtown\"
date: 2021-08-06
source: Wire
---
# Rebels take Northtown

**Also Read:** something else entirely

> Rebel fighters captured Northtown on Friday, an official said.

- Southville remains under siege.

*Share this:*
";
    write(dir.path(), "a.md", md);
    let (a, warns) = only(dir.path());
    assert!(warns.is_empty(), "{warns:?}");
    assert_eq!(a.text, md);
    assert_eq!(a.headline_text(), Some("Rebels take Northtown"));
    assert_eq!(a.published.as_deref(), Some("2021-08-06"));
    assert_eq!(a.source.as_deref(), Some("Wire"));
    assert_eq!(
        paragraphs(&a),
        [
            "Rebels take Northtown",
            "Rebel fighters captured Northtown on Friday, an official said.",
            "Southville remains under siege.",
        ]
    );

    // Without front matter the first heading is the headline.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.md", "## Kabul falls ##\n\nText of it.\n");
    let (a, _) = only(dir.path());
    assert_eq!(a.headline_text(), Some("Kabul falls"));
}

const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Rebels take Northtown | The Daily Example</title>
<style>p { color: red }</style>
<script>var share = "Share this"; document.write("Northtown falls");</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header class="site-header"><h1>Rebels take Northtown</h1></header>
<div class="breadcrumbs">Home &gt; World</div>
<article>
  <div class="share-bar"><a>Facebook</a> <a>Twitter</a> Share</div>
  <p class="dateline">NORTHTOWN, Aug 6 &ndash;</p>
  <p>Rebel   fighters <b>captured</b> Northtown
     on Friday, an official&nbsp;said &amp; residents confirmed.</p>
  <p>&#8220;We had to leave,&#8221; a soldier said.<br>Fighting goes on in<span class="sr-only">(opens in new window)</span>Southville.</p>
  <p>Also Read :- Something unrelated</p>
  <ul><li>First point.</li><li>Second point.</li></ul>
  <table><tr><td>Cell one.</td><td>Cell two.</td></tr></table>
  <p hidden>Hidden text.</p>
  <aside class="related-links"><h3>Related</h3><p>Rebels lose Eastville</p></aside>
  <div id="comments"><h3>Leave a Reply</h3><p>Great article.</p></div>
  <form><input value="Email"><button>Subscribe</button></form>
</article>
<footer>Copyright 2024 The Daily Example. Share this: Facebook</footer>
<noscript>Enable scripts</noscript>
</body></html>"#;

#[test]
fn html_page() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.html", PAGE);
    let (a, warns) = only(dir.path());
    assert!(warns.is_empty(), "{warns:?}");
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.headline_text(), Some("Rebels take Northtown"));
    assert_eq!(
        paragraphs(&a),
        [
            "Rebels take Northtown",
            "NORTHTOWN, Aug 6 –",
            "Rebel fighters captured Northtown on Friday, an official said & residents confirmed.",
            "“We had to leave,” a soldier said.",
            "Fighting goes on in Southville.",
            "First point.",
            "Second point.",
            "Cell one. │ Cell two.",
        ]
    );
    // Paragraphs are joined by blank lines and ranges point into the text.
    assert!(a
        .text
        .starts_with("Rebels take Northtown\n\nNORTHTOWN, Aug 6 –\n\nRebel"));
    assert_no_junk(
        &a,
        &[
            "Share",
            "Facebook",
            "color",
            "document",
            "Home",
            "Eastville",
            "Hidden",
            "Great",
            "Subscribe",
            "Copyright",
            "Enable",
        ],
    );
}

/// A table row is one line: its status stays beside its place, and a
/// footnote mark does not stick to the word before it.
#[test]
fn html_table_rows_are_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "table.html",
        "<html><body><main><h1>Who holds what</h1>\
         <table><thead><tr><th>Province</th><th>Capital</th><th>Status</th></tr></thead>\
         <tbody><tr><td>Badakhshan</td><td>Fayzabad</td><td>Taliban control (11 Aug)</td></tr>\
         <tr><td>Kabul</td><td>Kabul</td><td>Taliban claim<sup>2</sup></td></tr>\
         <tr><td>Herat</td><td><p>Herat</p></td><td>contested</td></tr></tbody></table>\
         <p>The 10<sup>th</sup> update.</p></main></body></html>",
    );
    let (a, _) = only(dir.path());
    assert_eq!(
        paragraphs(&a),
        [
            "Who holds what",
            "Province │ Capital │ Status",
            "Badakhshan │ Fayzabad │ Taliban control (11 Aug)",
            "Kabul │ Kabul │ Taliban claim",
            // a block inside a cell still ends a line
            "Herat │",
            "Herat",
            "contested",
            "The 10th update.",
        ]
    );
}

#[test]
fn html_headline_fallbacks_and_empty() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.htm",
        "<html><head><title>Kabul falls - Example News</title></head><body><p>The city fell.</p></body></html>",
    );
    write(
        dir.path(),
        "b.html",
        "<html><body><div><p>First para.</p><p>Second.</p></div></body></html>",
    );
    write(
        dir.path(),
        "c.html",
        "<html><head><script>x()</script></head><body> <nav>Home</nav> </body></html>",
    );
    let (arts, warns) = scan(dir.path());
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0].headline_text(), Some("Kabul falls"));
    assert_eq!(paragraphs(&arts[0]), ["Kabul falls", "The city fell."]);
    assert_eq!(arts[1].headline_text(), Some("First para."));
    assert_eq!(paragraphs(&arts[1]), ["First para.", "Second."]);
    assert_eq!(warns.len(), 1, "{warns:?}");
    assert!(warns[0].path.ends_with("c.html"));
    assert!(warns[0].message.contains("no visible text"), "{}", warns[0]);
}

#[test]
fn html_nested_absurdly_deep_is_skipped_fast() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let page = format!(
        "<html><body>{}<p>Deep text.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    write(dir.path(), "deep.html", page);
    write(dir.path(), "one.html", "<p>Just one paragraph.</p>");
    let start = std::time::Instant::now();
    let (arts, warns) = scan(dir.path());
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
    assert_eq!(arts.len(), 1);
    assert_eq!(paragraphs(&arts[0]), ["Just one paragraph."]);
    assert_eq!(warns.len(), 1);
    assert!(warns[0].message.contains("deep"), "{}", warns[0]);
}

/// Markup whose repair costs html5ever far more than its size: end tags
/// that close nothing, attributes by the thousand, formatting elements
/// closed implicitly and cloned before every later text. Each is refused
/// before it costs anything; a sane page beside them is read.
#[test]
fn html_markup_that_costs_the_parser_minutes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Ignored end tags: at 100,000 repeats the parser took 40 s.
    write(dir.path(), "ends.html", "<div></x>".repeat(5000));
    // "/>" is not self-closing in HTML: 5,000 nested divs.
    write(dir.path(), "slash.html", "<div/>".repeat(5000));
    // A quoted ">" hides an end tag from a naive scan.
    write(
        dir.path(),
        "quoted.html",
        "<div title=\"></div>\">".repeat(5000),
    );
    // Attributes: at 100,000 on one element the parser took 20 s.
    let attrs: String = (0..6000).map(|i| format!(" a{i}=1")).collect();
    write(
        dir.path(),
        "attrs.html",
        format!("<p{attrs}>Rebels took Arden.</p>"),
    );
    // Formatting elements cloned before each text: a minute and 10 GB
    // at 2,900 tags and 20,000 texts.
    let opened: String = (0..1500).map(|i| format!("<b id={i}>")).collect();
    write(
        dir.path(),
        "clones.html",
        format!("<div>{opened}</div>{}", "<div>x</div>".repeat(2000)),
    );
    write(dir.path(), "one.html", "<p>Just one paragraph.</p>");
    let (arts, warns) = scan(dir.path());
    assert_eq!(arts.len(), 1, "{warns:?}");
    assert_eq!(paragraphs(&arts[0]), ["Just one paragraph."]);
    let said = |file: &str, what: &str| {
        warns
            .iter()
            .any(|w| w.path.ends_with(file) && w.message.contains(what))
    };
    for file in ["ends.html", "slash.html", "quoted.html"] {
        assert!(said(file, "deep"), "{file}: {warns:?}");
    }
    assert!(said("attrs.html", "attributes"), "{warns:?}");
    assert!(said("clones.html", "elements"), "{warns:?}");
}

#[test]
fn json_articles() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "1_ok.json",
        r#"{"title": "Rebels take Northtown", "body": "Rebels captured Northtown.\n\nAlso Read :- other\nShare this:\nOfficials fled.",
            "published": "2021-08-06T10:00:00Z", "source": "Wire", "url": "https://example.com/a", "extra": [1]}"#,
    );
    write(dir.path(), "2_no_body.json", r#"{"title": "Only a title"}"#);
    // an array of no objects is no article; a CMS's REST list of posts is
    write(dir.path(), "3_array.json", r#"[1, 2]"#);
    write(
        dir.path(),
        "7_posts.json",
        r#"[{"title": {"rendered": "Statement"}, "content": {"rendered": "<p>Our forces entered Northtown.</p>"}}]"#,
    );
    write(dir.path(), "4_broken.json", r#"{"title": "a", "body": "#);
    write(dir.path(), "5_no_title.json", r#"{"body": "b"}"#);
    write(
        dir.path(),
        "6_bad_type.json",
        r#"{"title": "T", "body": "B.", "source": 7}"#,
    );
    let (arts, warns) = scan(dir.path());
    // a file without a headline is read for its text, with a warning
    assert_eq!(arts.len(), 4, "{warns:?}");
    let posts = arts
        .iter()
        .find(|a| a.name.ends_with("7_posts.json"))
        .expect("a list of one post is its article");
    assert_eq!(posts.headline_text(), Some("Statement"));
    assert!(
        posts.text.contains("Our forces entered Northtown."),
        "{}",
        posts.text
    );
    let untitled = arts
        .iter()
        .find(|a| a.name.ends_with("5_no_title.json"))
        .expect("read without a title");
    assert_eq!(untitled.headline_text(), None);
    assert_eq!(untitled.text, "b");
    let a = &arts[0];
    assert_eq!(a.format, Format::Json);
    assert_eq!(a.headline_text(), Some("Rebels take Northtown"));
    assert_eq!(
        paragraphs(a),
        [
            "Rebels take Northtown",
            "Rebels captured Northtown.",
            "Officials fled."
        ]
    );
    assert_eq!(
        a.text,
        "Rebels take Northtown\n\nRebels captured Northtown.\n\nOfficials fled."
    );
    assert_eq!(a.published.as_deref(), Some("2021-08-06T10:00:00Z"));
    assert_eq!(a.source.as_deref(), Some("Wire"));
    assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
    assert_eq!(arts[2].source, None);

    let msg = |file: &str| {
        warns
            .iter()
            .find(|w| w.path.ends_with(file))
            .map(|w| w.message.clone())
            .unwrap_or_else(|| panic!("no warning for {file}: {warns:?}"))
    };
    assert!(msg("2_no_body.json").contains("\"body\""));
    assert!(msg("3_array.json").contains("object"));
    assert!(msg("4_broken.json").contains("not valid JSON"));
    assert!(msg("5_no_title.json").contains("\"title\""));
    assert!(msg("6_bad_type.json").contains("\"source\""));
    assert_eq!(warns.len(), 5);
}

#[test]
fn text_that_is_not_utf8_is_read_as_windows_1252() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        b"Headline\n\nCaf\xe9 owners fled Kabul\x92s centre.\n",
    );
    let (a, warns) = only(dir.path());
    assert!(warns.is_empty(), "{warns:?}");
    assert_eq!(
        paragraphs(&a),
        ["Headline", "Caf\u{e9} owners fled Kabul\u{2019}s centre."]
    );
}

#[test]
fn damaged_utf8_is_read_lossily_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "Headline\n\nCaf\u{e9} owners fled Kabul.\n"
            .bytes()
            .chain([0xFF, b'\n'])
            .collect::<Vec<u8>>()
            .as_slice(),
    );
    let (a, warns) = only(dir.path());
    assert_eq!(warns.len(), 1);
    assert!(warns[0].message.contains("UTF-8"), "{}", warns[0]);
    assert!(warns[0].message.contains("offset 35"), "{}", warns[0]);
    assert_eq!(
        paragraphs(&a),
        ["Headline", "Caf\u{e9} owners fled Kabul."],
        "the damage is a paragraph of its own, with no prose: dropped"
    );
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Headline\nKabul fell.\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    write(dir.path(), "a.txt", bytes);
    let (a, warns) = only(dir.path());
    assert!(warns.is_empty(), "{warns:?}");
    assert_eq!(paragraphs(&a), ["Headline", "Kabul fell."]);
}

#[test]
fn bad_files_are_warnings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "1_binary.txt",
        b"Headline\n\x00\x01\x02 binary\n",
    );
    write(dir.path(), "2_empty.txt", b"");
    write(dir.path(), "3_blank.md", b" \n\t\r\n  \n");
    write(
        dir.path(),
        "4_junk_only.txt",
        "Share this:\nFacebook\nTags: x\n",
    );
    write(dir.path(), "5_good.txt", "Headline\nBody.\n");
    let (arts, warns) = scan(dir.path());
    assert_eq!(arts.len(), 1);
    assert_eq!(&*arts[0].name, "5_good.txt");
    let messages: Vec<String> = warns.iter().map(|w| w.to_string()).collect();
    assert_eq!(warns.len(), 4, "{messages:?}");
    assert!(warns[0].path.ends_with("1_binary.txt") && warns[0].message.contains("NUL"));
    assert!(warns[1].path.ends_with("2_empty.txt") && warns[1].message.contains("empty"));
    assert!(warns[2].path.ends_with("3_blank.md") && warns[2].message.contains("whitespace"));
    assert!(
        warns[3].path.ends_with("4_junk_only.txt") && warns[3].message.contains("no article text")
    );
}

#[test]
fn oversize_file_is_skipped_naming_size_and_cap() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.txt", "x".repeat(200));
    write(dir.path(), "small.txt", "Small headline\nBody.\n");
    let mut s = Scenario::builtin();
    s.scenario.ingest.max_file_bytes = 100;
    let (arts, warns) = Reader::new(&s).scan(dir.path()).unwrap();
    assert_eq!(arts.len(), 1);
    assert_eq!(&*arts[0].name, "small.txt");
    assert_eq!(warns.len(), 1);
    assert!(warns[0].path.ends_with("big.txt"));
    assert!(warns[0].message.contains("200"), "{}", warns[0]);
    assert!(warns[0].message.contains("100"), "{}", warns[0]);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "locked.txt", "Headline\nBody.\n");
    write(dir.path(), "open.txt", "Other headline\nOther body.\n");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = fs::read(&path).is_ok(); // root ignores modes
    let (arts, warns) = scan(dir.path());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    if readable_anyway {
        eprintln!("running with privileges that ignore file modes; skipping the assertion");
        assert_eq!(arts.len(), 2);
        return;
    }
    assert_eq!(arts.len(), 1);
    assert_eq!(&*arts[0].name, "open.txt");
    assert_eq!(warns.len(), 1);
    assert!(warns[0].path.ends_with("locked.txt"));
    assert!(warns[0].message.contains("cannot be read"), "{}", warns[0]);
}

#[test]
fn hidden_temp_and_other_files_are_ignored_silently() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        ".hidden.txt",
        "a.txt~",
        "#a.txt#",
        ".#a.txt",
        "a.txt.swp",
        ".a.txt.swp",
        ".a.txt.swx",
        "a.tmp",
        "a.txt.tmp",
        "a.txt.part",
        "a.txt.crdownload",
        "notes.pdf",
        "image.png",
        "README",
    ] {
        write(dir.path(), name, "Headline\nBody.\n");
    }
    write(dir.path(), ".git/x.txt", "Headline\nBody.\n");
    let (arts, warns) = scan(dir.path());
    assert!(
        arts.is_empty(),
        "{:?}",
        arts.iter().map(|a| &a.name).collect::<Vec<_>>()
    );
    assert!(warns.is_empty(), "{warns:?}");
    assert!(reader()
        .read(&dir.path().join("a.txt~"), "a.txt~")
        .unwrap()
        .is_none());
    for ok in ["a.txt", "A.TXT", "sub/b.md", "c.html", "d.htm", "e.json"] {
        assert!(Reader::is_article_name(ok), "{ok}");
    }
}

#[test]
fn duplicate_content_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Headline\nRebels captured Northtown.\n";
    write(dir.path(), "b_copy.txt", body);
    write(dir.path(), "a_first.txt", body);
    // Same prose, different furniture: same hash.
    write(
        dir.path(),
        "c_noisy.txt",
        format!("Tuesday 10 August 2021\n{body}Share this:\n"),
    );
    write(dir.path(), "d_other.txt", "Headline\nSomething else.\n");
    let (arts, warns) = scan(dir.path());
    let names: Vec<&str> = arts.iter().map(|a| &*a.name).collect();
    assert_eq!(names, ["a_first.txt", "d_other.txt"]);
    assert_eq!(warns.len(), 2, "{warns:?}");
    for (w, dup) in warns.iter().zip(["b_copy.txt", "c_noisy.txt"]) {
        assert!(w.path.ends_with(dup));
        assert!(
            w.message.contains("a_first.txt") && w.message.contains(dup),
            "{w}"
        );
    }
}

#[test]
fn file_name_order_and_subfolders() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", "B\nb.\n");
    write(dir.path(), "a.txt", "A\na.\n");
    write(dir.path(), "sub/c.txt", "C\nc.\n");
    write(
        dir.path(),
        "sub/deeper/d.json",
        r#"{"title": "D", "body": "d."}"#,
    );
    write(dir.path(), ".hidden/e.txt", "E\ne.\n");
    write(dir.path(), "sub/.cache/f.txt", "F\nf.\n");
    let (arts, warns) = scan(dir.path());
    assert!(warns.is_empty(), "{warns:?}");
    let names: Vec<&str> = arts.iter().map(|a| &*a.name).collect();
    assert_eq!(names, ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.json"]);
}

#[cfg(unix)]
#[test]
fn symlinks_inside_followed_outside_and_folders_not() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "sub/a.txt", "A\na.\n");
    write(dir.path(), "store/real.txt", "Inner headline\ninner.\n");
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "real.txt", "Linked headline\nlinked.\n");
    // Out of the feeds folder: any file the monitor can read (/etc/passwd)
    // would become a headline.
    symlink(
        outside.path().join("real.txt"),
        dir.path().join("linked.txt"),
    )
    .unwrap();
    symlink("/etc/passwd", dir.path().join("passwd.txt")).unwrap();
    // Within it, relative: read.
    symlink("store/real.txt", dir.path().join("inner.txt")).unwrap();
    // A loop back up the tree, and a link to another folder.
    symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    symlink(outside.path(), dir.path().join("elsewhere")).unwrap();
    symlink(
        dir.path().join("missing.txt"),
        dir.path().join("dangling.txt"),
    )
    .unwrap();
    let (arts, warns) = scan(dir.path());
    let names: Vec<&str> = arts.iter().map(|a| &*a.name).collect();
    // inner.txt has store/real.txt's text: counted once, under the first.
    assert_eq!(names, ["inner.txt", "sub/a.txt"], "{warns:?}");
    let said = |what: &str| warns.iter().filter(|w| w.message.contains(what)).count();
    assert_eq!(said("not followed"), 2, "{warns:?}");
    assert_eq!(said("links outside the feeds folder"), 2, "{warns:?}");
    assert!(
        warns.iter().any(|w| w.path.ends_with("dangling.txt")),
        "{warns:?}"
    );
    // Asked for: links out are read.
    let following = Reader::new(&Scenario::builtin()).follow_symlinks(true);
    let (arts, _) = following.scan(dir.path()).unwrap();
    let names: Vec<&str> = arts.iter().map(|a| &*a.name).collect();
    assert_eq!(
        names,
        ["inner.txt", "linked.txt", "passwd.txt", "sub/a.txt"]
    );
}

#[test]
fn read_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.txt", "Headline\nBody.\n");
    let r = reader();
    let (a, warns) = r.read(&path, "feed/x.txt").unwrap().unwrap();
    assert!(warns.is_empty());
    assert_eq!(&*a.name, "feed/x.txt");
    assert!(r.read(&path, "x.pdf").unwrap().is_none());
    assert!(r.read(dir.path(), "dir.txt").unwrap().is_none());
    let w = r
        .read(&dir.path().join("gone.txt"), "gone.txt")
        .unwrap_err();
    assert!(w.message.contains("cannot be read"), "{w}");
}

/// Page furniture that must never reach the extractor.
const FORBIDDEN: [&str; 8] = [
    "Also Read",
    "Leave a Reply",
    "Share",
    "Tags:",
    "Related",
    "Last Updated",
    "Posted on",
    "Your email address",
];

#[test]
fn corpora_have_no_furniture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for base in [root.join("../shared/corpus"), root.join("tests/corpora")] {
        for sub in ["seeds", "dev"] {
            let dir = base.join(sub);
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            let r = reader();
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            files.sort();
            for path in files {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let (a, warns) = r
                    .read(&path, &name)
                    .unwrap_or_else(|w| panic!("{w}"))
                    .unwrap_or_else(|| panic!("{} is not an article", path.display()));
                assert!(warns.is_empty(), "{warns:?}");
                assert!(a.headline.is_some(), "{}: no headline", path.display());
                assert!(
                    a.paragraphs.len() >= 3,
                    "{}: {:?}",
                    path.display(),
                    paragraphs(&a)
                );
                assert_no_junk(&a, &FORBIDDEN);
                checked += 1;
            }
        }
    }
    if checked == 0 {
        eprintln!("no corpora found; skipped");
    }
}

/// The rules fit how scraped pages look, not one article: variants of
/// furniture not in the corpora go, prose that merely starts like
/// furniture stays.
#[test]
fn line_rules_are_general() {
    let r = reader();
    let keep = [
        "By Sunday evening, the Taliban had taken Kunduz.",
        "By nightfall Herat had fallen.",
        "Share prices in Kabul fell sharply on Monday.",
        "More than 1,000 troops will be sent, the Pentagon said.",
        "Aug 6: Zaranj falls.",
        "August 2021 saw the fall of Kabul.",
        "6 August 2021 — Zaranj falls to the Taliban after a brief fight.",
        "Friday, the Taliban took Kandahar.",
        "Related fighting was reported in Herat.",
        "Live fire was heard across Kabul overnight.",
        "Source: a Taliban commander told reporters the city had fallen to his men.",
        "Home to 600,000 people, Kunduz fell on Sunday.",
        "News of the fall of Herat spread quickly.",
        "Comment: The fall of Kabul was inevitable.",
        "1. Taliban seize Kunduz",
        "08:40",
        "KABUL, Aug 6 (Wire staff) –",
        "New Delhi, Aug 17 –",
        "Email from a resident described chaos in the city.",
        "Taliban fighters patrol inside the city of Ghazni [Gulabuddin Amiri/AP Photo]",
        "Power-share deal",
        "Fighting in Kandahar",
        "BREAKING: Taliban say they have taken Sheberghan in northern Afghanistan",
        "LIVE: Taliban storm Kunduz, Sar-e Pul and Taloqan – Sunday's developments",
        "That's all from us tonight. Live coverage resumes early on Saturday.",
        "Ten days that ended a republic: how the Taliban took Afghanistan's cities",
        "Via Kandahar, the convoy reached Herat by Tuesday, officials said.",
        "Updated figures show 12 of 34 provincial capitals have fallen.",
        "The Taliban said they had captured Mazar-i-Sharif, Afghanistan's fourth-largest city.",
        "March on Kabul: Taliban close in",
        "May 2021 marked the start of the withdrawal, officials noted.",
        "Kabul, Aug. 15 (AP) — The Taliban entered Kabul on Sunday.",
        "Herat (هرات) fell on Thursday.",
        "José Pérez reported from Kabul.",
        "Mazar-e Sharif > Kabul",
        "Read the full statement below.",
    ];
    let drop = [
        "Saturday, August 14, 2021",
        "14 August 2021",
        "Aug 14, 2021 10:30 AM",
        "2021-08-14",
        "14/08/2021",
        "Published: 14 Aug 2021, 10:30 IST",
        "Updated: August 14, 2021 | 10:30 am",
        "Sat 14 Aug 2021 10.30 BST",
        "Last modified on Sat 14 Aug 2021 10.30 BST",
        "August 14, 2021 at 10:30 am",
        "Updated Date",
        "Published On",
        "Kabul 31°C",
        "5 min read",
        "Home / World / Asia",
        "News > World",
        "Share",
        "SHARE THIS ARTICLE",
        "Share via: Email | Facebook",
        "Tweet",
        "LinkedIn",
        "Related Topics",
        "More from World",
        "Most Read",
        "Trending Now",
        "You may also like",
        "Read more: Taliban take Kunduz",
        "READ MORE",
        "Also read | Taliban take Kunduz",
        "ALSO READ: Taliban take Kunduz",
        "Tags: Afghanistan",
        "Topics: Afghanistan",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "(AFP)",
        "— Reuters",
        "AP",
        "With inputs from agencies",
        "(With inputs from PTI)",
        "Reporting by Jane Doe in Kabul; Editing by John Roe",
        "By JANE DOE",
        "By Jane Doe and John Roe",
        "By Jane Doe | Reuters",
        "Written by Jane Doe",
        "Subscribe to our newsletter",
        "Sign up",
        "Follow us on Twitter",
        "Click here to read more",
        "© 2024 Example Media",
        "Copyright 2024 Example",
        "All rights reserved.",
        "Loading…",
        "2 Comments",
        "Comments",
        "View comments",
        "This is a developing story.",
        "More details to follow.",
        "This article will be updated",
        "https://example.com/x",
        "Read the original at https://example.com/x",
        "Breaking News",
        "* * *",
        "---",
        "•",
        "ਖ਼ਬਰਾਂ",
        "新闻",
        "Новости",
    ];
    let wrongly_dropped: Vec<&str> = keep
        .iter()
        .copied()
        .filter(|l| !r.is_prose_line(l))
        .collect();
    let wrongly_kept: Vec<&str> = drop
        .iter()
        .copied()
        .filter(|l| r.is_prose_line(l))
        .collect();
    assert!(
        wrongly_dropped.is_empty(),
        "dropped prose: {wrongly_dropped:#?}"
    );
    assert!(wrongly_kept.is_empty(), "kept furniture: {wrongly_kept:#?}");
}

/// PHENOMENA.md 24: a Windows-1252 page (declared, or a bare .txt with a
/// 0x92 apostrophe) gives the same facts as its UTF-8 original.
#[test]
fn windows_1252_pages_give_the_same_facts_as_utf8() {
    use sitmon::state::Store;
    let body = "<p>The Taliban\u{2019}s fighters captured Kunduz on Sunday, officials said.</p>\
        <p>\u{201c}Sheberghan is ours,\u{201d} the insurgents\u{2019} spokesman wrote, a claim that could not be verified.</p>\
        <p>Britain\u{2019}s Ministry of Defence said 600 troops would fly to Kabul to evacuate British nationals.</p>";
    let page = |charset: &str| {
        format!(
            "<html><head><meta charset=\"{charset}\"><title>Kunduz falls</title></head>\
             <body><h1>Kunduz falls</h1>{body}</body></html>"
        )
    };
    let cp1252 = |s: &str| -> Vec<u8> {
        let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(s);
        assert!(!bad);
        bytes.into_owned()
    };
    let facts = |files: &[(&str, Vec<u8>)]| {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            write(dir.path(), name, bytes);
        }
        let (articles, warns) = scan(dir.path());
        assert!(warns.is_empty(), "{warns:?}");
        let mut store = Store::new(std::sync::Arc::new(Scenario::builtin()));
        store.upsert_all(articles);
        let st = store.state();
        (
            st.capitals
                .iter()
                .map(|c| (c.status, c.certainty))
                .collect::<Vec<_>>(),
            st.deployments
                .values()
                .map(|d| (d.country, d.troops))
                .collect::<Vec<_>>(),
        )
    };
    let utf8 = facts(&[("a.html", page("utf-8").into_bytes())]);
    assert!(
        utf8.0.iter().any(|c| c.0 == sitmon::state::Status::Fallen),
        "the UTF-8 page states a fall"
    );
    assert!(!utf8.1.is_empty(), "and a deployment");
    assert_eq!(facts(&[("a.html", cp1252(&page("windows-1252")))]), utf8);
    let text = format!(
        "Kunduz falls\n\n{}\n",
        body.replace("<p>", "").replace("</p>", "\n\n")
    );
    assert_eq!(facts(&[("a.txt", cp1252(&text))]), utf8);
}
