//! The figures and the text of `score.py`, from snapshots taken in process.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::config::Scenario;
use crate::ingest::{Reader, Warning};
use crate::model::{Article, Certainty};
use crate::snapshot::Snapshot;
use crate::state::{Status, Store};

use super::{gold::Checkpoint, names::Names, EvalError, Gold};

/// The scored set categories, in `score.py`'s order and spelling.
pub const CATEGORIES: [&str; 4] = ["fallen", "contested", "claimed_only", "deployments"];

/// True positives, false positives and false negatives of one category,
/// summed over every checkpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Category {
    pub tp: usize,
    pub fp: usize,
    /// False negatives (`fn` in `score.py`).
    pub fn_: usize,
}

impl Category {
    /// 1.0 when nothing was predicted, as in `score.py`.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// 1.0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// One way a checkpoint's snapshot differs from its gold state. Items are
/// already in `score.py`'s notation (Python `repr`, sorted by `str`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    Set {
        category: &'static str,
        extra: Vec<String>,
        missing: Vec<String>,
    },
    Reported {
        got: Option<u32>,
        want: Option<u32>,
    },
}

impl fmt::Display for Mismatch {
    /// `score.py --verbose`'s text after `after FILE: `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::Set {
                category,
                extra,
                missing,
            } => write!(
                f,
                "{category} extra=[{}] missing=[{}]",
                extra.join(", "),
                missing.join(", ")
            ),
            Mismatch::Reported { got, want } => {
                write!(
                    f,
                    "reported_fallen got={} want={}",
                    py_opt(*got),
                    py_opt(*want)
                )
            }
        }
    }
}

/// How one checkpoint went.
#[derive(Debug, Clone)]
pub struct CheckpointResult {
    /// The last file read.
    pub after: String,
    /// Every category and the reported count exactly right.
    pub exact: bool,
    pub mismatches: Vec<Mismatch>,
    pub snapshot: Snapshot,
}

/// The result of scoring a corpus.
#[derive(Debug, Clone)]
pub struct Report {
    /// Summed over checkpoints, in [`CATEGORIES`] order.
    pub categories: [Category; 4],
    /// Checkpoints whose `reported_fallen` was right.
    pub reported_right: usize,
    pub checkpoints: Vec<CheckpointResult>,
    /// Met while reading the articles (each file once).
    pub warnings: Vec<Warning>,
}

impl Report {
    /// A category by its `score.py` name ("fallen", "claimed_only"...).
    pub fn category(&self, name: &str) -> Option<&Category> {
        CATEGORIES
            .iter()
            .position(|c| *c == name)
            .map(|i| &self.categories[i])
    }

    pub fn reported_accuracy(&self) -> f64 {
        ratio(self.reported_right, self.checkpoints.len())
    }

    /// Checkpoints exactly right.
    pub fn exact(&self) -> usize {
        self.checkpoints.iter().filter(|c| c.exact).count()
    }

    /// The five figures averaged into the score: the four F1s rounded to
    /// three places (as `score.py` does), then the reported accuracy.
    pub fn figures(&self) -> [f64; 5] {
        let f = |i: usize| round3(self.categories[i].f1());
        [f(0), f(1), f(2), f(3), self.reported_accuracy()]
    }

    /// Mean of [`Report::figures`].
    pub fn score(&self) -> f64 {
        self.figures().iter().sum::<f64>() / 5.0
    }

    /// `score.py`'s last line.
    pub fn score_line(&self) -> String {
        let [fallen, contested, claimed, deployments, reported] = self.figures();
        format!(
            "score: {:.3} fallen={fallen:.3} contested={contested:.3} claimed={claimed:.3} \
             deployments={deployments:.3} reported={reported:.3} exact={}/{}",
            self.score(),
            self.exact(),
            self.checkpoints.len()
        )
    }

    /// Everything `score.py` prints, with the same flags, line for line.
    pub fn render(&self, verbose: bool, json: bool) -> String {
        let mut out = String::new();
        if verbose {
            for cp in &self.checkpoints {
                for m in &cp.mismatches {
                    let _ = writeln!(out, "  after {}: {m}", cp.after);
                }
            }
        }
        for (name, c) in CATEGORIES.iter().zip(&self.categories) {
            let _ = writeln!(
                out,
                "{name:13} P={:.3} R={:.3} F1={:.3}  (tp={} fp={} fn={})",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            );
        }
        let _ = writeln!(
            out,
            "{:13} accuracy={:.3}",
            "reported",
            self.reported_accuracy()
        );
        let _ = writeln!(
            out,
            "{:13} exactly right: {}/{}",
            "checkpoints",
            self.exact(),
            self.checkpoints.len()
        );
        if json {
            let _ = writeln!(out, "{}", self.json_line());
        }
        let _ = writeln!(out, "{}", self.score_line());
        out
    }

    /// `score.py --json`'s line, in Python's `json.dumps` layout.
    pub fn json_line(&self) -> String {
        let cats: Vec<String> = CATEGORIES
            .iter()
            .zip(&self.categories)
            .map(|(name, c)| {
                format!(
                    "\"{name}\": {{\"precision\": {}, \"recall\": {}, \"f1\": {}, \
                     \"tp\": {}, \"fp\": {}, \"fn\": {}}}",
                    py_float(round3(c.precision())),
                    py_float(round3(c.recall())),
                    py_float(round3(c.f1())),
                    c.tp,
                    c.fp,
                    c.fn_
                )
            })
            .collect();
        format!(
            "{{\"score\": {}, \"categories\": {{{}}}, \"reported\": {}, \"exact\": {}}}",
            py_float(round3(self.score())),
            cats.join(", "),
            py_float(self.reported_accuracy()),
            self.exact()
        )
    }
}

/// Score the corpus in `corpus` (its `gold.json` and the articles it lists)
/// with `scenario`.
pub fn evaluate(corpus: &Path, scenario: Arc<Scenario>) -> Result<Report, EvalError> {
    let gold = Gold::load(corpus)?;
    let names = Names::new(&scenario);
    let needed = gold
        .checkpoints
        .iter()
        .map(|cp| gold.prefix_len(cp))
        .max()
        .unwrap_or(0);

    // Each listed article is read once; a file the reader skips (not an
    // article, unreadable, binary...) is skipped as a snapshot would.
    let reader = Reader::new(&scenario);
    let mut warnings = Vec::new();
    let mut articles: Vec<Option<Article>> = Vec::with_capacity(needed);
    for name in &gold.order[..needed] {
        let path = corpus.join(name);
        if !path.is_file() {
            return Err(EvalError::Invalid {
                path: corpus.join("gold.json"),
                message: format!("lists {name:?}, but {} is not a file", path.display()),
            });
        }
        articles.push(match reader.read(&path, name) {
            Ok(Some((article, w))) => {
                warnings.extend(w);
                Some(article)
            }
            Ok(None) => None,
            Err(w) => {
                warnings.push(w);
                None
            }
        });
    }

    // The store folds in file-name order whatever the insertion order, so
    // holding exactly a checkpoint's prefix gives that folder's snapshot.
    let mut store = Store::new(scenario);
    let mut loaded = 0;
    let mut categories = [Category::default(); 4];
    let mut reported_right = 0;
    let mut checkpoints = Vec::with_capacity(gold.checkpoints.len());
    for cp in &gold.checkpoints {
        let n = gold.prefix_len(cp);
        if n > loaded {
            store.upsert_all(articles[loaded..n].iter().flatten().cloned().collect());
        }
        for name in gold.order.get(n..loaded).unwrap_or_default() {
            store.remove(name);
        }
        loaded = n;
        let snapshot = Snapshot::of(&store);
        let result = compare(&names, &snapshot, cp, &mut categories, &mut reported_right);
        checkpoints.push(CheckpointResult {
            after: cp.after.clone(),
            exact: result.is_empty(),
            mismatches: result,
            snapshot,
        });
    }
    Ok(Report {
        categories,
        reported_right,
        checkpoints,
        warnings,
    })
}

type Dep = (String, Option<u32>);

/// The scored sets of one state, names normalised.
struct Sets {
    fallen: BTreeSet<String>,
    contested: BTreeSet<String>,
    claimed: BTreeSet<String>,
    deployments: BTreeSet<Dep>,
    reported: Option<u32>,
}

fn got_sets(names: &Names, snap: &Snapshot) -> Sets {
    let mut s = Sets {
        fallen: BTreeSet::new(),
        contested: BTreeSet::new(),
        claimed: BTreeSet::new(),
        deployments: BTreeSet::new(),
        reported: snap.reported_fallen,
    };
    for c in &snap.capitals {
        let n = names.place(&c.name);
        match c.status {
            Status::Fallen => {
                if c.certainty == Some(Certainty::Claimed) {
                    s.claimed.insert(n.clone());
                }
                s.fallen.insert(n);
            }
            Status::Contested => {
                s.contested.insert(n);
            }
            Status::Held => {}
        }
    }
    // A later entry for the same country wins, as in a Python dict.
    let deps: BTreeMap<String, Option<u32>> = snap
        .deployments
        .iter()
        .map(|d| (names.country(&d.country), d.troops))
        .collect();
    s.deployments = deps.into_iter().collect();
    s
}

fn gold_sets(names: &Names, cp: &Checkpoint) -> Sets {
    let places = |v: &[String]| v.iter().map(|x| names.place(x)).collect();
    Sets {
        fallen: places(&cp.fallen),
        contested: places(&cp.contested),
        claimed: places(&cp.claimed_only),
        deployments: cp
            .deployments
            .iter()
            .map(|(k, v)| (names.country(k), *v))
            .collect(),
        reported: cp.reported_fallen,
    }
}

/// Add one checkpoint to the sums; return its mismatches.
fn compare(
    names: &Names,
    snap: &Snapshot,
    cp: &Checkpoint,
    categories: &mut [Category; 4],
    reported_right: &mut usize,
) -> Vec<Mismatch> {
    let got = got_sets(names, snap);
    let want = gold_sets(names, cp);
    let mut out = Vec::new();
    let [fallen, contested, claimed, deployments] = categories;
    set_diff("fallen", &got.fallen, &want.fallen, fallen, &mut out);
    set_diff(
        "contested",
        &got.contested,
        &want.contested,
        contested,
        &mut out,
    );
    set_diff(
        "claimed_only",
        &got.claimed,
        &want.claimed,
        claimed,
        &mut out,
    );
    set_diff(
        "deployments",
        &got.deployments,
        &want.deployments,
        deployments,
        &mut out,
    );
    if got.reported == want.reported {
        *reported_right += 1;
    } else {
        out.push(Mismatch::Reported {
            got: got.reported,
            want: want.reported,
        });
    }
    out
}

fn set_diff<T: Ord + Py>(
    category: &'static str,
    got: &BTreeSet<T>,
    want: &BTreeSet<T>,
    sum: &mut Category,
    out: &mut Vec<Mismatch>,
) {
    let extra: Vec<&T> = got.difference(want).collect();
    let missing: Vec<&T> = want.difference(got).collect();
    sum.tp += got.intersection(want).count();
    sum.fp += extra.len();
    sum.fn_ += missing.len();
    if !extra.is_empty() || !missing.is_empty() {
        out.push(Mismatch::Set {
            category,
            extra: py_sorted(&extra),
            missing: py_sorted(&missing),
        });
    }
}

/// `sorted(items, key=str)`, each shown as its `repr`.
fn py_sorted<T: Py>(items: &[&T]) -> Vec<String> {
    let mut keyed: Vec<(String, String)> = items.iter().map(|x| (x.str(), x.repr())).collect();
    keyed.sort();
    keyed.into_iter().map(|(_, r)| r).collect()
}

/// Python's `str` and `repr` of a scored item.
trait Py {
    fn repr(&self) -> String;
    fn str(&self) -> String {
        self.repr()
    }
}

impl Py for String {
    fn repr(&self) -> String {
        py_repr_str(self)
    }
    fn str(&self) -> String {
        self.clone()
    }
}

impl Py for Dep {
    fn repr(&self) -> String {
        format!("({}, {})", py_repr_str(&self.0), py_opt(self.1))
    }
}

fn py_opt(v: Option<u32>) -> String {
    v.map_or_else(|| "None".to_string(), |n| n.to_string())
}

/// Python's `repr` of a string: single quotes unless the text has a single
/// quote and no double quote; control characters escaped.
fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `round(x, 3)`: both round the exact binary value half to even.
fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

/// Python's `repr` of a float (shortest round trip; `1e-05`, `1e+16`).
fn py_float(x: f64) -> String {
    let s = format!("{x:?}");
    match s.split_once('e') {
        Some((mantissa, exp)) => {
            let (sign, digits) = exp.strip_prefix('-').map_or(("+", exp), |d| ("-", d));
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_float_text() {
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(py_float(0.938), "0.938");
        assert_eq!(py_float(23.0 / 24.0), "0.9583333333333334");
        assert_eq!(py_float(1e-5), "1e-05");
        assert_eq!(py_float(1.5e16), "1.5e+16");
        assert_eq!(round3(0.0625), 0.062);
        assert_eq!(round3(0.9375), 0.938);
    }

    #[test]
    fn python_repr() {
        assert_eq!(py_repr_str("Brook"), "'Brook'");
        assert_eq!(py_repr_str("Qal'eh-ye Now"), "\"Qal'eh-ye Now\"");
        assert_eq!(py_repr_str("a'b\"c"), "'a\\'b\"c'");
        let d: Dep = ("Canada".into(), None);
        assert_eq!(d.repr(), "('Canada', None)");
        let a: Dep = ("Canada".into(), Some(20));
        let b: Dep = ("Canada".into(), None);
        // sorted by str: "('Canada', 20)" < "('Canada', None)"
        assert_eq!(py_sorted(&[&b, &a]), ["('Canada', 20)", "('Canada', None)"]);
    }

    #[test]
    fn f1_edges() {
        let none = Category::default();
        assert_eq!(
            (none.precision(), none.recall(), none.f1()),
            (1.0, 1.0, 1.0)
        );
        let miss = Category {
            tp: 0,
            fp: 1,
            fn_: 1,
        };
        assert_eq!(miss.f1(), 0.0);
    }
}
