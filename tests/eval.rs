//! The extractor's figures on the shipped corpora, and `sitmon eval`
//! agreeing with `shared/eval/score.py` line for line.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use sitmon::config::Scenario;
use sitmon::eval::{evaluate, Report};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpora")
        .join(name)
}

fn report(name: &str) -> Report {
    let r = evaluate(&corpus(name), Arc::new(Scenario::builtin())).expect("corpus scores");
    eprintln!("{name}:\n{}", r.render(true, false));
    r
}

#[test]
fn seeds_are_all_right() {
    let r = report("seeds");
    assert_eq!(r.checkpoints.len(), 5);
    assert_eq!(format!("{:.3}", r.score()), "1.000", "{}", r.score_line());
    assert_eq!(r.exact(), 5, "{}", r.score_line());
}

#[test]
fn dev_scores_at_least_095() {
    let r = report("dev");
    assert_eq!(r.checkpoints.len(), 24);
    assert!(r.score() >= 0.95, "{}", r.score_line());
    assert!(r.exact() >= 20, "{}", r.score_line());
}

/// Written independently of the rules (different wording, HTML and JSON
/// articles, same events); used since to find gaps, so a regression test now.
#[test]
fn heldout_scores_at_least_095() {
    let r = report("heldout");
    assert_eq!(r.checkpoints.len(), 12);
    assert!(r.score() >= 0.95, "{}", r.score_line());
    assert!(r.exact() >= 10, "{}", r.score_line());
}

/// The blind corpora, each written by a helper who never saw the code or
/// the config, scored once before any fix (first runs in
/// tests/corpora/README.md) and used since to find gaps: they must not
/// drop below today's figures.
#[test]
fn blind_corpora_do_not_drop() {
    for (name, floor) in [
        ("r1", 0.94),
        ("r2", 0.96),
        ("r3", 0.95),
        ("r4", 0.86),
        ("r5", 0.96),
        ("r6", 0.93),
        ("r7", 0.94),
        ("r8", 0.92),
        ("r9", 0.91),
        ("r10", 0.97),
        ("r11", 0.91),
        ("r12", 0.93),
        ("r13", 0.92),
        ("r14", 0.95),
        ("r15", 0.93),
        ("r16", 0.96),
        ("r17", 0.88),
        ("r18", 0.99),
        ("r19", 0.92),
        ("r20", 0.87),
        ("r21", 0.88),
        ("r22", 0.88),
        ("r23", 0.87),
        ("r24", 0.99),
        ("r25", 0.99),
        ("r27", 0.99),
        ("r28", 0.94),
        ("r29", 0.84),
        ("r30", 0.90),
        ("r31", 0.92),
        ("r32", 0.78),
        ("r33", 0.97),
        ("r34", 0.88),
        ("r35", 0.98),
        ("r36", 0.91),
        ("r37", 0.98),
        ("r38", 0.81),
        ("r39", 0.84),
        ("r40", 0.99),
        ("r41", 0.98),
        ("r42", 0.97),
        ("r43", 0.92),
        ("r44", 0.87),
        ("r46", 0.90),
        ("r47", 0.98),
        ("r48", 0.82),
        ("r49", 0.94),
        ("r50", 0.89),
        ("r51", 0.93),
        ("r52", 0.88),
        ("r53", 0.92),
        ("r54", 0.98),
        ("r56", 0.78),
        ("r57", 0.66),
        ("r58", 0.90),
        ("r59", 0.96),
        ("r60", 0.81),
        ("r61", 0.96),
        ("r62", 0.97),
        ("r63", 0.99),
        ("r64", 0.91),
        ("r65", 0.76),
    ] {
        let r = report(name);
        assert!(r.score() >= floor, "{name}: {}", r.score_line());
    }
}

#[test]
fn every_listed_article_is_read_without_warnings() {
    for name in ["seeds", "dev", "heldout"] {
        let r = evaluate(&corpus(name), Arc::new(Scenario::builtin())).unwrap();
        assert!(r.warnings.is_empty(), "{name}: {:?}", r.warnings);
        let last = &r.checkpoints.last().unwrap().snapshot;
        let files = std::fs::read_dir(corpus(name))
            .unwrap()
            .filter(|e| {
                let n = e.as_ref().unwrap().file_name();
                let n = n.to_string_lossy();
                n != "gold.json" && n != "NOTES.md"
            })
            .count();
        assert_eq!(last.articles, files, "{name}: every article counts once");
    }
}

/// `shared/eval/score.py`, when this checkout has `../shared` and python3.
fn score_py() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/score.py");
    if !script.is_file() {
        eprintln!("note: {} not found; skipping", script.display());
        return None;
    }
    match Command::new("python3").arg("--version").output() {
        Ok(o) if o.status.success() => Some(script),
        _ => {
            eprintln!("note: python3 not found; skipping");
            None
        }
    }
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("command runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn eval_agrees_with_score_py() {
    let Some(script) = score_py() else { return };
    let bin = env!("CARGO_BIN_EXE_sitmon");
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("config/afghanistan-2021");
    for name in ["seeds", "dev", "heldout"] {
        let dir = corpus(name);
        let theirs = stdout_of(
            Command::new("python3")
                .arg(&script)
                .arg(&dir)
                .args(["--verbose", "--json", "--bin", bin, "--config"])
                .arg(&config),
        );
        let ours = stdout_of(
            Command::new(bin)
                .arg("eval")
                .arg(&dir)
                .args(["--verbose", "--json", "--config"])
                .arg(&config),
        );
        assert_eq!(ours, theirs, "{name}: sitmon eval differs from score.py");

        // The library figures, with the same scenario, say the same.
        let lib = evaluate(&dir, Arc::new(Scenario::load(&config).unwrap())).unwrap();
        let last = theirs.lines().last().unwrap_or_default();
        assert_eq!(lib.score_line(), last, "{name}");
    }
}
