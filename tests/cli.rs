//! The real binary: the snapshot contract, and how it fails.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_sitmon");

fn manifest(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// Copy the regular files of `from` into `to` (created), leaving out `skip`.
fn copy_files(from: &Path, to: &Path, skip: &[&str]) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        if e.file_type().unwrap().is_file() && !skip.iter().any(|s| name == *s) {
            let dest = to.join(&name);
            fs::write(&dest, fs::read(e.path()).unwrap()).unwrap();
        }
    }
}

/// A temp folder holding `feeds/` with the seed articles.
fn seed_feeds() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_files(
        &manifest("tests/corpora/seeds"),
        &tmp.path().join("feeds"),
        &["gold.json", "NOTES.md"],
    );
    tmp
}

/// Run the binary in `cwd` (so `./config` is not picked up by accident).
fn sitmon(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("sitmon runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("stdout is one JSON object")
}

fn check_contract(v: &Value) {
    assert!(v["articles"].is_u64(), "articles: {}", v["articles"]);
    let capitals = v["capitals"].as_array().expect("capitals");
    assert_eq!(capitals.len(), 34);
    for c in capitals {
        assert!(c["name"].is_string() && c["province"].is_string(), "{c}");
        let status = c["status"].as_str().expect("status");
        assert!(["held", "contested", "fallen"].contains(&status), "{c}");
        if status == "fallen" {
            let certainty = c["certainty"].as_str().expect("certainty when fallen");
            assert!(["claimed", "confirmed"].contains(&certainty), "{c}");
        }
    }
    for b in v["battles"].as_array().expect("battles") {
        assert!(b["location"].is_string() && b["status"].is_string(), "{b}");
    }
    for d in v["deployments"].as_array().expect("deployments") {
        assert!(d["country"].is_string(), "{d}");
        assert!(d["troops"].is_u64() || d["troops"].is_null(), "{d}");
    }
    let r = v.get("reported_fallen").expect("reported_fallen");
    assert!(r.is_u64() || r.is_null(), "{r}");
}

#[test]
fn snapshot_prints_the_contract() {
    let tmp = seed_feeds();
    let out = sitmon(tmp.path(), &["snapshot", "--feeds", "feeds"]);
    let v = json(&out);
    check_contract(&v);
    assert_eq!(v["articles"], 5);
}

#[test]
fn compact_is_one_line_and_the_same_object() {
    let tmp = seed_feeds();
    let pretty = json(&sitmon(tmp.path(), &["snapshot", "--feeds", "feeds"]));
    let out = sitmon(tmp.path(), &["snapshot", "--feeds", "feeds", "--compact"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .trim_end()
            .lines()
            .count(),
        1
    );
    assert_eq!(json(&out), pretty);
}

/// `sitmon` alone is the dashboard; without a terminal it says what to
/// run instead.
#[test]
fn no_command_without_a_terminal_suggests_snapshot() {
    let tmp = seed_feeds();
    for args in [&[][..], &["dashboard"][..]] {
        let out = sitmon(tmp.path(), args);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.starts_with("error: the dashboard needs a terminal"),
            "{err}"
        );
        assert!(err.contains("sitmon snapshot"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn missing_feeds_folder_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sitmon(tmp.path(), &["snapshot", "--feeds", "no_such_feeds"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no_such_feeds"), "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(out.stdout.is_empty());
    assert!(!err.contains("panicked"), "{err}");
}

/// Copy config/ into a temp dir, append `extra` to places.toml and return
/// the temp dir with the line number where `extra` starts.
fn config_with_places_tail(extra: &str) -> (tempfile::TempDir, usize) {
    let tmp = seed_feeds();
    let dir = tmp.path().join("config");
    copy_files(&manifest("config/afghanistan-2021"), &dir, &[]);
    let places = dir.join("places.toml");
    let mut text = fs::read_to_string(&places).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let first = text.lines().count() + 1;
    text.push_str(extra);
    fs::write(&places, text).unwrap();
    (tmp, first)
}

fn assert_config_error(extra: &str, offset: usize) {
    let (tmp, first) = config_with_places_tail(extra);
    let out = sitmon(
        tmp.path(),
        &["snapshot", "--feeds", "feeds", "--config", "config"],
    );
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    let want = format!("places.toml:{}:", first + offset);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(&want), "want {want} in: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_config_unknown_key() {
    assert_config_error(
        "\n[[capital]]\nname = \"Testville\"\nprovince = \"Test\"\nlat = 1.0\nlon = 1.0\ncolour = \"red\"\n",
        6,
    );
}

#[test]
fn bad_config_wrong_type() {
    assert_config_error(
        "\n[[capital]]\nname = \"Testville\"\nprovince = \"Test\"\nlat = \"north\"\nlon = 1.0\n",
        4,
    );
}

#[test]
fn binary_and_empty_files_warn() {
    let tmp = seed_feeds();
    let feeds = tmp.path().join("feeds");
    fs::write(feeds.join("zz_empty.txt"), b"").unwrap();
    let mut binary = vec![0u8, 159, 146, 150, 0, 255, 254];
    binary.extend((0..=255u8).cycle().take(4096));
    fs::write(feeds.join("zz_binary.txt"), binary).unwrap();
    let out = sitmon(tmp.path(), &["snapshot", "--feeds", "feeds"]);
    let v = json(&out);
    check_contract(&v);
    assert_eq!(v["articles"], 5);
    let err = stderr(&out);
    for name in ["zz_empty.txt", "zz_binary.txt"] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("warning: ") && l.contains(name)),
            "no warning for {name} in: {err}"
        );
    }
}

#[test]
fn eval_missing_corpus_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sitmon(tmp.path(), &["eval", "no_such_corpus"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no_such_corpus"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn serve_refuses_to_start_without_keys_unless_told_anyone_may_watch() {
    let tmp = seed_feeds();
    let dir = tmp.path();
    let host_key = dir.join("host_key");
    let hk = host_key.to_str().unwrap();
    let o = sitmon(dir, &["serve", "--listen", "127.0.0.1:0", "--host-key", hk]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no authorized keys"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--allow-anyone"), "{}", stderr(&o));

    let empty = dir.join("authorized_keys");
    fs::write(&empty, "# nobody yet\n").unwrap();
    let o = sitmon(
        dir,
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--host-key",
            hk,
            "--authorized-keys",
            empty.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("holds no usable public keys"),
        "{}",
        stderr(&o)
    );

    let o = sitmon(
        dir,
        &[
            "serve",
            "--authorized-keys",
            "/nonexistent/keys",
            "--host-key",
            hk,
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/keys"), "{}", stderr(&o));
    assert!(
        !host_key.exists(),
        "nothing created before the setup is valid"
    );

    // --allow-anyone starts, and says so loudly; SIGTERM stops it cleanly.
    let mut child = Command::new(BIN)
        .current_dir(dir)
        .args(["serve", "--listen", "127.0.0.1:0", "--allow-anyone"])
        .args(["--host-key", hk, "--log", "-"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut text = String::new();
    let mut line = String::new();
    while std::io::BufRead::read_line(&mut err, &mut line).unwrap() > 0 {
        text.push_str(&line);
        line.clear();
        if text.contains("host key") {
            break;
        }
    }
    assert!(text.contains("WARNING: --allow-anyone"), "{text}");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&fs::metadata(&host_key).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    Command::new("kill")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    // Stopped by SIGTERM: 128+15.
    assert_eq!(child.wait().unwrap().code(), Some(143));
}

/// Troop figures that are no count: past u32 (wrapped in release builds,
/// a panic in debug ones), past the plausibility bound, negative, fractions,
/// and number words read wrong.
#[test]
fn implausible_troop_figures_are_not_counts() {
    let feeds = tempfile::tempdir().unwrap();
    let article = |name: &str, country: &str, figure: &str| {
        fs::write(
            feeds.path().join(name),
            format!(
                "{country} sends troops\n{country} will send {figure} troops to evacuate its citizens.\n"
            ),
        )
        .unwrap();
    };
    article("1.txt", "Britain", "4,000,000,000");
    article("2.txt", "Britain", "an additional 1,000,000,000");
    article("3.txt", "Germany", "-5");
    article("4.txt", "France", "twenty thousand million");
    article("5.txt", "Italy", "0.5");
    article("6.txt", "Spain", "3.000");
    article("7.txt", "Canada", "2,000,000");
    let o = sitmon(feeds.path(), &["snapshot", "--feeds", "."]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    let troops: Vec<(String, Value)> = v["deployments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["country"].as_str().unwrap().to_string(),
                d["troops"].clone(),
            )
        })
        .collect();
    let of = |c: &str| {
        troops
            .iter()
            .find(|(n, _)| n == c)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| panic!("no {c} in {troops:?}"))
    };
    for c in ["United Kingdom", "France", "Canada"] {
        assert_eq!(of(c), Value::Null, "{c}: {troops:?}");
    }
    assert_eq!(of("Spain"), Value::from(3000), "{troops:?}");
    for c in ["Germany", "Italy"] {
        assert!(
            troops.iter().all(|(n, t)| n != c || t.is_null()),
            "{c}: {troops:?}"
        );
    }
    let err = stderr(&o);
    for file in ["1.txt", "2.txt", "4.txt", "7.txt"] {
        assert!(
            err.lines()
                .any(|l| l.contains(file) && l.contains("max_troops")),
            "{file}: {err}"
        );
    }
}

/// A host key whose write fails (here: no file may grow, as on a full disk)
/// leaves nothing behind: the next start creates it. It once left an empty
/// key that blocked every later start.
#[test]
fn a_failed_host_key_write_leaves_no_empty_key() {
    let dir = tempfile::tempdir().unwrap();
    let host_key = dir.path().join("state/host_key");
    let serve = |limited: bool| {
        let script =
            format!(
            "{}exec \"$0\" serve --listen 127.0.0.1:0 --allow-anyone --host-key \"$1\" --log - \
             --feeds \"$2\" --create",
            if limited { "trap '' XFSZ; ulimit -f 0; " } else { "" }
        );
        Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(BIN)
            .arg(&host_key)
            .arg(dir.path().join("feeds"))
            .current_dir(dir.path())
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let failed = serve(true).wait_with_output().unwrap();
    assert_eq!(failed.status.code(), Some(2), "{}", stderr(&failed));
    assert!(
        stderr(&failed).contains("cannot write host key"),
        "{}",
        stderr(&failed)
    );
    assert!(!host_key.exists(), "no key left behind");
    assert_eq!(
        fs::read_dir(host_key.parent().unwrap()).unwrap().count(),
        0,
        "nor a temporary file"
    );
    // The next start makes the key and serves.
    let mut child = serve(false);
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut text = String::new();
    let mut line = String::new();
    while std::io::BufRead::read_line(&mut err, &mut line).unwrap() > 0 {
        text.push_str(&line);
        line.clear();
        if text.contains("host key") {
            break;
        }
    }
    assert!(text.contains("(new)"), "{text}");
    Command::new("kill")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(143));
    assert!(fs::metadata(&host_key).unwrap().len() > 0);
}

// ---- the analyst's commands ---------------------------------------------

/// The dev corpus copied with its notes and gold file, as it is kept.
fn dev_feeds() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_files(
        &manifest("tests/corpora/dev"),
        &tmp.path().join("feeds"),
        &[],
    );
    tmp
}

fn capital<'a>(snap: &'a Value, name: &str) -> &'a Value {
    snap["capitals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// Bug 7: NOTES.md beside the articles was read as an article and changed
/// the state; `.sitmonignore` (gitignore syntax) leaves out more.
#[test]
fn notes_are_not_articles_and_sitmonignore_is_honoured() {
    let tmp = dev_feeds();
    let feeds = tmp.path().join("feeds");
    assert!(feeds.join("NOTES.md").is_file() && feeds.join("gold.json").is_file());
    fs::write(
        feeds.join("README.txt"),
        "Taliban capture Bazarak, officials said.\n",
    )
    .unwrap();
    let snap = json(&sitmon(tmp.path(), &["snapshot", "--feeds", "feeds"]));
    assert_eq!(snap["articles"], 24, "only the 24 articles count");
    let text = snap.to_string();
    for notes in ["NOTES.md", "README.txt", "gold.json"] {
        assert!(!text.contains(notes), "{notes} was read as an article");
    }
    assert_eq!(capital(&snap, "Bazarak")["status"], "held");
    // Ignore a folder and a pattern.
    fs::create_dir(feeds.join("drafts")).unwrap();
    fs::write(
        feeds.join("drafts/x.txt"),
        "Rebels seize Bazarak\nThe Taliban captured Bazarak on Monday, officials said.\n",
    )
    .unwrap();
    let snap = json(&sitmon(tmp.path(), &["snapshot", "--feeds", "feeds"]));
    assert_eq!(snap["articles"], 25);
    fs::write(feeds.join(".sitmonignore"), "drafts/\n02*.txt\n").unwrap();
    let snap = json(&sitmon(tmp.path(), &["snapshot", "--feeds", "feeds"]));
    assert_eq!(snap["articles"], 19, "drafts/ and 020-024 ignored");
    assert_eq!(capital(&snap, "Bazarak")["status"], "held");
}

/// Time: `--as-of` gives the state from the articles published by then;
/// each evidence names its article's time.
#[test]
fn snapshot_as_of_a_time() {
    let tmp = dev_feeds();
    let all = json(&sitmon(tmp.path(), &["snapshot", "--feeds", "feeds"]));
    let early = json(&sitmon(
        tmp.path(),
        &[
            "snapshot",
            "--feeds",
            "feeds",
            "--as-of",
            "2021-08-09T00:00:00Z",
        ],
    ));
    assert_eq!(early["as_of"], "2021-08-09T00:00:00+00:00");
    // 001-004 have datelines or date lines of Aug 6-8.
    assert_eq!(early["articles"], 4, "{}", early["articles"]);
    assert_eq!(capital(&early, "Kabul")["status"], "held");
    assert_eq!(capital(&all, "Kabul")["status"], "fallen");
    assert_eq!(capital(&early, "Kunduz")["status"], "fallen");
    let ev = &capital(&early, "Kunduz")["evidence"][0];
    assert_eq!(ev["time"], "2021-08-08T00:00:00+00:00", "{ev}");
    let bad = sitmon(
        tmp.path(),
        &["snapshot", "--feeds", "feeds", "--as-of", "soon"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("RFC 3339"), "{}", stderr(&bad));
}

/// Corrections: `sitmon correct` appends to the journal; the snapshot
/// gives the corrected status with a `correction` object beside the
/// extracted one; a dismissed sentence no longer counts; `--clear` undoes.
#[test]
fn corrections_from_the_command_line() {
    let tmp = dev_feeds();
    let run = |args: &[&str]| {
        let mut a = vec!["correct", "--feeds", "feeds"];
        a.extend(args);
        let o = sitmon(tmp.path(), &a);
        assert!(o.status.success(), "{}", stderr(&o));
        o
    };
    run(&[
        "--capital",
        "charikar",
        "--status",
        "held",
        "--note",
        "two sources",
    ]);
    run(&["--country", "UK", "--troops", "1,000"]);
    let journal = fs::read_to_string(tmp.path().join("feeds/.sitmon/corrections.jsonl")).unwrap();
    let lines: Vec<Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["capital"], "Charikar", "canonical name");
    assert_eq!(lines[0]["via"], "cli");
    assert!(lines[0]["at"].is_string() && lines[0]["by"].is_string());
    let snap = json(&sitmon(tmp.path(), &["snapshot", "--feeds", "feeds"]));
    let c = capital(&snap, "Charikar");
    assert_eq!(c["status"], "held");
    assert_eq!(c["correction"]["status"], "held");
    assert_eq!(c["correction"]["extracted"], "contested");
    assert_eq!(c["correction"]["note"], "two sources");
    let uk = snap["deployments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["country"] == "United Kingdom")
        .unwrap();
    assert_eq!(uk["troops"], 1000);
    assert_eq!(uk["correction"]["extracted"], "900 troops");
    assert_eq!(snap["corrections"].as_array().unwrap().len(), 2);

    // Dismiss the sentence that made India a deployment.
    let india = snap["deployments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["country"] == "India")
        .unwrap();
    let ev = &india["evidence"][0];
    let span = format!(
        "{}:{}-{}",
        ev["file"].as_str().unwrap(),
        ev["start"],
        ev["end"]
    );
    run(&[
        "--dismiss",
        &span,
        "--note",
        "a transport plane is not troops",
    ]);
    let snap = json(&sitmon(tmp.path(), &["snapshot", "--feeds", "feeds"]));
    assert!(
        snap["deployments"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["country"] != "India" || d["evidence"][0] != *ev),
        "the dismissed sentence still counts"
    );
    run(&["--capital", "Charikar", "--clear"]);
    let snap = json(&sitmon(tmp.path(), &["snapshot", "--feeds", "feeds"]));
    assert_eq!(capital(&snap, "Charikar")["status"], "contested");
    assert!(capital(&snap, "Charikar").get("correction").is_none());

    // Mistakes are refused with a reason, nothing written.
    let bad = sitmon(
        tmp.path(),
        &[
            "correct",
            "--feeds",
            "feeds",
            "--capital",
            "Atlantis",
            "--status",
            "held",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown capital"), "{}", stderr(&bad));
    let after = fs::read_to_string(tmp.path().join("feeds/.sitmon/corrections.jsonl")).unwrap();
    assert_eq!(after.lines().count(), 4);
    // A bad journal line is a warning; the rest still applies.
    fs::write(
        tmp.path().join("feeds/.sitmon/corrections.jsonl"),
        format!("{after}not json\n"),
    )
    .unwrap();
    let o = sitmon(tmp.path(), &["snapshot", "--feeds", "feeds"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("corrections.jsonl:5: "),
        "{}",
        stderr(&o)
    );
}

/// `sitmon brief`: Markdown with counts and the last 24 hours, capitals
/// not held, deployments, the tally against the count, corrections.
#[test]
fn brief_as_of_a_time() {
    let tmp = dev_feeds();
    let o = sitmon(
        tmp.path(),
        &[
            "correct",
            "--feeds",
            "feeds",
            "--capital",
            "Kabul",
            "--status",
            "claimed",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = sitmon(
        tmp.path(),
        &[
            "brief",
            "--feeds",
            "feeds",
            "--as-of",
            "2021-08-15T23:59:59Z",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let md = String::from_utf8_lossy(&o.stdout);
    for part in [
        "# Situation brief",
        "As of 2021-08-15 23:59",
        "## Counts",
        "in the last 24 hours",
        "## Capitals not held",
        "| Jalalabad | Nangarhar | fallen | 2021-08-15",
        "## Deployments",
        "| United States | 6,000",
        "## Reported tally against the count",
        "## Corrections",
    ] {
        assert!(md.contains(part), "{part:?} missing:\n{md}");
    }
    // Jalalabad fell on Aug 15: within the last 24 hours of the brief.
    assert!(md.contains("- Jalalabad: held → fallen"), "{md}");
    // The correction was made now, after the brief's time.
    assert!(md.contains("## Corrections\n\nNone."), "{md}");
    let now = sitmon(tmp.path(), &["brief", "--feeds", "feeds"]);
    let md = String::from_utf8_lossy(&now.stdout);
    assert!(md.contains("✎ Kabul: fallen (claimed)"), "{md}");
}

/// Bug 8: eval printed its error's cause twice.
#[test]
fn eval_error_names_its_cause_once() {
    let tmp = tempfile::tempdir().unwrap();
    let o = sitmon(tmp.path(), &["eval", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

/// `sitmon explain` shows, per sentence, the facts and the candidates it
/// dropped with their reason; a missing file is named and fails.
#[test]
fn explain_shows_facts_and_dropped_candidates() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("a.txt"),
        "Kunduz falls\n\nTaliban fighters captured Kunduz on Sunday, officials said.\n\n\
         In 1996 the Taliban took Kabul.\n",
    )
    .unwrap();
    let out = sitmon(tmp.path(), &["explain", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("== a.txt"), "{text}");
    assert!(
        text.contains("=> Fall Kunduz in the defender voice"),
        "a fact with its voice: {text}"
    );
    assert!(
        text.contains("history"),
        "the 1996 clause is history: {text}"
    );
    assert!(!text.contains("=> Fall Kabul"), "{text}");
    let missing = sitmon(tmp.path(), &["explain", "nope.txt"]);
    assert_ne!(missing.status.code(), Some(0));
    assert!(
        stderr(&missing).contains("nope.txt"),
        "{}",
        stderr(&missing)
    );
}
