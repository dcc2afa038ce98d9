//! The sentences behind a subject's standing, bounded: a capital cited by
//! every article of a month-long story keeps the sentences that set its
//! status and the latest ones, and counts those in between. Each change
//! of status is still in the event log with its own sentence.

use imbl::Vector;
use serde::{Serialize, Serializer};

use crate::model::{Evidence, Shared};

/// The oldest citations kept: the ones that set the status.
pub const KEEP_FIRST: usize = 16;
/// The newest citations kept.
pub const KEEP_LAST: usize = 48;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Citations {
    /// Oldest first: up to [`KEEP_FIRST`], then up to [`KEEP_LAST`].
    list: Vector<Evidence>,
    /// Cited between the two and let go.
    elided: usize,
}

impl Citations {
    pub fn unit(ev: &Evidence) -> Citations {
        Citations {
            list: Vector::unit(ev.clone()),
            elided: 0,
        }
    }

    pub fn list(&self) -> &Vector<Evidence> {
        &self.list
    }

    pub fn elided(&self) -> usize {
        self.elided
    }

    /// Add `ev` unless that sentence is there already. Evidence is cited
    /// in fold order and an article's sentences are folded together, so
    /// only the last entries can be from `ev`'s file: a fallen capital
    /// cited by thousands of articles costs no more to cite than a new
    /// one. (An article citing more than [`KEEP_LAST`] sentences about one
    /// subject may cite one of its first again.)
    pub fn cite(&mut self, ev: &Evidence) {
        let dup = self
            .list
            .iter()
            .rev()
            .take_while(|e| e.file == ev.file)
            .any(|e| e.span() == ev.span());
        if !dup {
            self.list.push_back(ev.clone());
            self.trim();
        }
    }

    /// Let the oldest of the newest go while there are too many. A
    /// stand-in in front is not counted, so that folding one article
    /// after a stand-in and then putting the earlier citations back
    /// keeps and counts what folding them all in a row does.
    fn trim(&mut self) {
        let base = usize::from(self.list.front().is_some_and(is_stand_in));
        while self.list.len() - base > KEEP_FIRST + KEEP_LAST {
            self.list.remove(base + KEEP_FIRST);
            self.elided += 1;
        }
    }

    /// Stands in for a subject's citations from earlier articles while
    /// one article is folded alone (see `super::incremental`): the
    /// transition only ever looks at the current article's entries (to
    /// cite a sentence once), keeps the list, appends to it, or starts a
    /// new one.
    pub fn stand_in() -> Citations {
        static EMPTY: std::sync::OnceLock<Shared> = std::sync::OnceLock::new();
        let empty = EMPTY.get_or_init(|| Shared::from("")).clone();
        Citations {
            list: Vector::unit(Evidence::new(empty.clone(), 0..0, empty, "".into())),
            elided: 0,
        }
    }

    /// Put `earlier` back in front of what one article cited after a
    /// [`Citations::stand_in`], unless the article started afresh.
    pub fn put_back(&mut self, earlier: Option<Citations>) {
        if !self.list.front().is_some_and(is_stand_in) {
            return;
        }
        let mut all = earlier.unwrap_or_default();
        // One by one: an article cites a few, and concatenating trees
        // costs more than pushing them.
        all.list.extend(self.list.iter().skip(1).cloned());
        all.elided += self.elided;
        all.trim();
        *self = all;
    }
}

fn is_stand_in(e: &Evidence) -> bool {
    e.file.is_empty()
}

/// As the list it keeps.
impl Serialize for Citations {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.list.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(file: &str, at: u32) -> Evidence {
        Evidence::new(file.into(), at..at + 1, "s".into(), "r".into())
    }

    fn files(c: &Citations) -> Vec<String> {
        c.list().iter().map(|e| e.file.to_string()).collect()
    }

    #[test]
    fn keeps_the_first_and_the_latest_and_counts_the_rest() {
        let n = KEEP_FIRST + KEEP_LAST + 10;
        let mut c = Citations::default();
        for i in 0..n {
            c.cite(&ev(&format!("{i:03}"), 0));
        }
        assert_eq!(c.list().len(), KEEP_FIRST + KEEP_LAST);
        assert_eq!(c.elided(), 10);
        let f = files(&c);
        assert_eq!(f[KEEP_FIRST - 1], format!("{:03}", KEEP_FIRST - 1));
        assert_eq!(f[KEEP_FIRST], format!("{:03}", KEEP_FIRST + 10));
        assert_eq!(f.last().unwrap(), &format!("{:03}", n - 1));
    }

    #[test]
    fn a_sentence_is_cited_once() {
        let mut c = Citations::default();
        c.cite(&ev("a", 1));
        c.cite(&ev("a", 1));
        c.cite(&ev("a", 2));
        assert_eq!(c.list().len(), 2);
    }

    #[test]
    fn one_article_after_a_stand_in_is_the_same_as_all_in_a_row() {
        for (before, article) in [(5, 70), (0, 70), (70, 3), (63, 2), (64, 64)] {
            let earlier: Vec<Evidence> = (0..before).map(|i| ev(&format!("a{i:03}"), 0)).collect();
            let cites: Vec<Evidence> = (0..article).map(|i| ev("z", i)).collect();
            let mut whole = Citations::default();
            earlier.iter().chain(&cites).for_each(|e| whole.cite(e));

            let mut first = Citations::default();
            earlier.iter().for_each(|e| first.cite(e));
            let mut alone = Citations::stand_in();
            cites.iter().for_each(|e| alone.cite(e));
            alone.put_back(Some(first));
            assert_eq!(alone, whole, "{before} then {article}");
        }
    }

    #[test]
    fn an_article_that_starts_afresh_keeps_its_own() {
        let mut alone = Citations::unit(&ev("z", 0));
        alone.put_back(Some(Citations::unit(&ev("a", 0))));
        assert_eq!(files(&alone), ["z"]);
    }
}
