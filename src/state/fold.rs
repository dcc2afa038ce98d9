use std::collections::BTreeMap;
use std::sync::Arc;

use imbl::Vector;
use serde::Serialize;

use crate::corrections::Correction;
use crate::model::{Certainty, CountryId, Evidence, Fact, GroupId, Observation, PlaceId, Troops};

use super::{Citations, Standing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Held,
    Contested,
    Fallen,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapitalState {
    pub status: Status,
    /// For fallen capitals.
    pub certainty: Option<Certainty>,
    /// Sequence number of the event that set the current status.
    pub since: Option<usize>,
    /// The observations behind the current status, oldest first.
    pub evidence: Citations,
    /// Set when an analyst's correction overrides the articles.
    pub corrected: Option<Corrected<Standing>>,
    /// For a fallen place: the attacking group holding it, as last named
    /// (`None`: the attacking side in general).
    pub controller: Option<GroupId>,
}

/// An analyst's correction in force, with what the articles say beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Corrected<T> {
    /// What the extractor's fold says.
    pub extracted: T,
    pub by: Arc<Correction>,
}

impl Default for CapitalState {
    fn default() -> Self {
        CapitalState {
            status: Status::Held,
            certainty: None,
            since: None,
            evidence: Citations::default(),
            corrected: None,
            controller: None,
        }
    }
}

impl CapitalState {
    pub fn standing(&self) -> Standing {
        Standing::of(self.status, self.certainty)
    }

    fn set_standing(&mut self, s: Standing) {
        self.status = s.status();
        self.certainty = s.certainty();
        if s.status() != Status::Fallen {
            self.controller = None;
        }
    }

    /// Where a place stands before the first article.
    pub fn start(status: Status, controller: Option<GroupId>) -> CapitalState {
        CapitalState {
            status,
            certainty: (status == Status::Fallen).then_some(Certainty::Confirmed),
            controller: controller.filter(|_| status == Status::Fallen),
            ..CapitalState::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deployment {
    pub country: CountryId,
    pub troops: Option<u32>,
    pub since: usize,
    pub evidence: Citations,
    /// The extractor's figure (`None`: no deployment) beside a correction.
    pub corrected: Option<Corrected<Option<Option<u32>>>>,
}

/// Who or what a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Capital(PlaceId),
    Country(CountryId),
    Tally,
}

/// What changed, for the event log. Names are resolved where it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Capital {
        place: PlaceId,
        before: Standing,
        after: Standing,
    },
    Deployment {
        country: CountryId,
        /// `None`: no deployment before; `Some(None)`: one without a figure.
        before: Option<Option<u32>>,
        after: Option<u32>,
    },
    Tally {
        before: Option<u32>,
        after: u32,
    },
}

impl Change {
    pub fn subject(&self) -> Subject {
        match *self {
            Change::Capital { place, .. } => Subject::Capital(place),
            Change::Deployment { country, .. } => Subject::Country(country),
            Change::Tally { .. } => Subject::Tally,
        }
    }

    /// `capital`, `confirmed` (a claim confirmed), `deployment` or `tally`.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Capital {
                before: Standing::Claimed,
                after: Standing::Fallen,
                ..
            } => "confirmed",
            Change::Capital { .. } => "capital",
            Change::Deployment { .. } => "deployment",
            Change::Tally { .. } => "tally",
        }
    }
}

/// Where a change came from: a sentence of an article, or an analyst.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Article(Evidence),
    Correction(Arc<Correction>),
}

/// One change of the state. Its seq is its position in the event log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub change: Change,
    pub source: Source,
}

impl Event {
    /// The sentence behind it, unless an analyst made it.
    pub fn evidence(&self) -> Option<&Evidence> {
        match &self.source {
            Source::Article(e) => Some(e),
            Source::Correction(_) => None,
        }
    }

    pub fn correction(&self) -> Option<&Arc<Correction>> {
        match &self.source {
            Source::Correction(c) => Some(c),
            Source::Article(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct State {
    pub capitals: Vec<CapitalState>,
    pub deployments: BTreeMap<CountryId, Deployment>,
    pub reported_fallen: Option<u32>,
    pub reported_evidence: Option<Evidence>,
    /// Every change, oldest first; an event's seq is its index.
    pub events: Vector<Event>,
}

/// A subject's whole record, kept to undo a sentence that changed nothing
/// in the end.
enum Saved {
    Capital(PlaceId, CapitalState),
    Country(CountryId, Option<Deployment>),
    Tally(Option<u32>, Option<Evidence>),
}

/// Observations grouped by sentence: consecutive ones with the same file
/// and span. Each group is one step of the fold.
pub fn sentences<'a, I>(obs: I) -> impl Iterator<Item = Vec<&'a Observation>>
where
    I: IntoIterator<Item = &'a Observation>,
{
    let mut it = obs.into_iter().peekable();
    std::iter::from_fn(move || {
        let first = it.next()?;
        let mut step = vec![first];
        while let Some(next) = it.next_if(|o| same_sentence(first, o)) {
            step.push(next);
        }
        Some(step)
    })
}

pub(super) fn same_sentence(a: &Observation, b: &Observation) -> bool {
    a.evidence.span() == b.evidence.span() && a.evidence.file == b.evidence.file
}

pub(super) fn subject_of(f: &Fact) -> Subject {
    match *f {
        Fact::Deploy { country, .. } => Subject::Country(country),
        Fact::Tally { .. } => Subject::Tally,
        _ => Subject::Capital(f.place().unwrap_or_default()),
    }
}

impl State {
    pub fn new(places: usize) -> State {
        State {
            capitals: vec![CapitalState::default(); places],
            deployments: BTreeMap::new(),
            reported_fallen: None,
            reported_evidence: None,
            events: Vector::new(),
        }
    }

    /// The state before the first article: every place where it starts.
    pub fn start(capitals: Vec<CapitalState>) -> State {
        State {
            capitals,
            ..State::new(0)
        }
    }

    /// Fold observations, in order, from the empty state: one step per
    /// sentence (see [`State::apply_sentence`]).
    pub fn fold<'a>(places: usize, obs: impl IntoIterator<Item = &'a Observation>) -> State {
        State::fold_from(State::new(places), obs)
    }

    /// Fold observations, in order, from `start`.
    pub fn fold_from<'a>(start: State, obs: impl IntoIterator<Item = &'a Observation>) -> State {
        let mut s = start;
        for step in sentences(obs) {
            s.apply_sentence(&step);
        }
        s
    }

    pub fn count(&self, status: Status) -> usize {
        self.capitals.iter().filter(|c| c.status == status).count()
    }

    fn log(&mut self, change: Change, evidence: &Evidence) -> usize {
        let seq = self.events.len();
        self.events.push_back(Event {
            change,
            source: Source::Article(evidence.clone()),
        });
        seq
    }

    fn save(&self, s: Subject) -> Saved {
        match s {
            Subject::Capital(p) => Saved::Capital(p, self.capitals[p as usize].clone()),
            Subject::Country(c) => Saved::Country(c, self.deployments.get(&c).cloned()),
            Subject::Tally => Saved::Tally(self.reported_fallen, self.reported_evidence.clone()),
        }
    }

    /// The net change from a saved record to now, if any.
    fn net(&self, saved: &Saved) -> Option<Change> {
        match saved {
            Saved::Capital(p, old) => {
                let (before, after) = (old.standing(), self.capitals[*p as usize].standing());
                (before != after).then_some(Change::Capital {
                    place: *p,
                    before,
                    after,
                })
            }
            Saved::Country(c, old) => {
                let before = old.as_ref().map(|d| d.troops);
                let after = self.deployments.get(c).map(|d| d.troops);
                match after {
                    Some(after) if before != Some(after) => Some(Change::Deployment {
                        country: *c,
                        before,
                        after,
                    }),
                    _ => None,
                }
            }
            Saved::Tally(before, _) => match self.reported_fallen {
                Some(after) if *before != Some(after) => Some(Change::Tally {
                    before: *before,
                    after,
                }),
                _ => None,
            },
        }
    }

    fn restore(&mut self, saved: Saved, ev: &Evidence) {
        match saved {
            Saved::Capital(p, mut old) => {
                // The sentence still speaks for a status it leaves as it was,
                // and a hand-over between attackers stands.
                if old.status != Status::Held {
                    old.evidence.cite(ev);
                }
                old.controller = self.capitals[p as usize].controller;
                self.capitals[p as usize] = old;
            }
            Saved::Country(c, old) => match old {
                Some(mut d) => {
                    d.evidence.cite(ev);
                    self.deployments.insert(c, d);
                }
                None => {
                    self.deployments.remove(&c);
                }
            },
            Saved::Tally(n, e) => {
                self.reported_fallen = n;
                self.reported_evidence = e;
            }
        }
    }

    /// Apply the observations of one sentence as one step: each subject
    /// (capital, country, the tally) changes at most once, from where it
    /// stood before the sentence to where the sentence leaves it. A
    /// sentence that passes through states on the way ("X, which rebels
    /// took on Sunday, was retaken") logs only its net change.
    pub fn apply_sentence(&mut self, obs: &[&Observation]) {
        match obs {
            [] => {}
            [one] => self.apply(one),
            _ => {
                let mut subjects: Vec<Subject> = Vec::with_capacity(obs.len());
                for o in obs {
                    let s = subject_of(&o.fact);
                    if !subjects.contains(&s) {
                        subjects.push(s);
                    }
                }
                let saved: Vec<Saved> = subjects.iter().map(|&s| self.save(s)).collect();
                let mark = self.events.len();
                for o in obs {
                    self.apply(o);
                }
                self.events.truncate(mark);
                let ev = &obs[obs.len() - 1].evidence;
                for old in saved {
                    match self.net(&old) {
                        None => self.restore(old, ev),
                        Some(change) => {
                            let seq = self.log(change, ev);
                            match change.subject() {
                                Subject::Capital(p) => self.capitals[p as usize].since = Some(seq),
                                Subject::Country(c) => {
                                    if let Some(d) = self.deployments.get_mut(&c) {
                                        d.since = seq;
                                    }
                                }
                                Subject::Tally => {}
                            }
                        }
                    }
                }
            }
        }
    }

    fn set_status(&mut self, place: PlaceId, to: Standing, ev: &Evidence) {
        let before = self.capitals[place as usize].standing();
        let seq = self.log(
            Change::Capital {
                place,
                before,
                after: to,
            },
            ev,
        );
        let c = &mut self.capitals[place as usize];
        c.set_standing(to);
        c.since = Some(seq);
        c.evidence = Citations::unit(ev);
    }

    /// A fall: sticky, confirmed by anyone but the attacker, and naming
    /// its controller.
    fn apply_fall(
        &mut self,
        place: PlaceId,
        certainty: Certainty,
        by: Option<GroupId>,
        ev: &Evidence,
    ) {
        let c = &self.capitals[place as usize];
        let was_fallen = c.status == Status::Fallen;
        match (c.status, c.certainty) {
            (Status::Fallen, Some(Certainty::Claimed)) if certainty == Certainty::Confirmed => {
                let seq = self.log(
                    Change::Capital {
                        place,
                        before: Standing::Claimed,
                        after: Standing::Fallen,
                    },
                    ev,
                );
                let c = &mut self.capitals[place as usize];
                c.certainty = Some(Certainty::Confirmed);
                c.since = Some(seq);
                c.evidence.cite(ev);
            }
            (Status::Fallen, _) => self.capitals[place as usize].evidence.cite(ev),
            _ => self.set_status(place, Standing::of(Status::Fallen, Some(certainty)), ev),
        }
        // A fall names who took it; a later one by another attacking
        // group is a hand-over: the controller changes, the status
        // does not. A fall that names no group keeps the one known.
        let c = &mut self.capitals[place as usize];
        if by.is_some() || !was_fallen {
            if was_fallen && by != c.controller {
                c.evidence.cite(ev);
            }
            c.controller = by.or(c.controller.filter(|_| was_fallen));
        }
    }

    /// Apply one observation. Pure: the result depends only on the state and
    /// the observation.
    pub fn apply(&mut self, o: &Observation) {
        let ev = &o.evidence;
        match o.fact {
            Fact::Fall {
                place,
                certainty,
                by,
            } => self.apply_fall(place, certainty, by, ev),
            Fact::Contest { place } => match self.capitals[place as usize].status {
                Status::Held => self.set_status(place, Standing::Contested, ev),
                Status::Contested => self.capitals[place as usize].evidence.cite(ev),
                // A fall is sticky: fighting reported later is a recap.
                Status::Fallen => {}
            },
            Fact::Concede {
                place,
                certainty,
                by,
            } => {
                // a pull-out with nobody inside changes nothing; after a
                // fall only claimed, the defender leaving confirms it
                if self.capitals[place as usize].status != Status::Held {
                    self.apply_fall(place, certainty, by, ev);
                }
            }
            Fact::Repel { place } => {
                if self.capitals[place as usize].status == Status::Contested {
                    self.set_status(place, Standing::Held, ev);
                }
            }
            // Driving the attackers out of a city they were fighting in
            // ends the battle as surely as retaking a fallen one.
            Fact::Recapture { place } => {
                if self.capitals[place as usize].status != Status::Held {
                    self.set_status(place, Standing::Held, ev);
                }
            }
            Fact::Deploy { country, troops } => self.deploy(country, troops, ev),
            Fact::Tally { count } => {
                if self.reported_fallen.is_none_or(|r| count > r) {
                    let before = self.reported_fallen;
                    self.log(
                        Change::Tally {
                            before,
                            after: count,
                        },
                        ev,
                    );
                    self.reported_fallen = Some(count);
                    self.reported_evidence = Some(ev.clone());
                }
            }
        }
    }

    fn deploy(&mut self, country: CountryId, troops: Troops, ev: &Evidence) {
        let before = self.deployments.get(&country).map(|d| d.troops);
        let last = before.flatten();
        let after = match troops {
            Troops::Total(n) => Some(n),
            // Saturating: a page may add figures past any count.
            Troops::Additional(n) => Some(last.unwrap_or(0).saturating_add(n)),
            // A vague mention never erases a figure.
            Troops::Unspecified => last,
            Troops::Present(_) if before.is_none() => return,
            Troops::Present(n) => Some(n),
        };
        if before == Some(after) {
            if let Some(d) = self.deployments.get_mut(&country) {
                d.evidence.cite(ev);
            }
            return;
        }
        let seq = self.log(
            Change::Deployment {
                country,
                before,
                after,
            },
            ev,
        );
        let d = self.deployments.entry(country).or_insert(Deployment {
            country,
            troops: after,
            since: seq,
            evidence: Citations::default(),
            corrected: None,
        });
        d.troops = after;
        d.since = seq;
        d.evidence.cite(ev);
    }

    /// Lay corrections over the folded state, the last layer: a corrected
    /// capital or figure takes the analyst's value, keeps the extractor's
    /// beside it, and logs the difference as an event of its own.
    pub fn correct<'a>(&mut self, fixes: impl IntoIterator<Item = &'a Arc<Correction>>) {
        use crate::corrections::Fix;
        for c in fixes {
            match c.fix {
                Fix::Capital { place, standing } => {
                    let cap = &mut self.capitals[place as usize];
                    let extracted = cap.standing();
                    cap.set_standing(standing);
                    cap.corrected = Some(Corrected {
                        extracted,
                        by: c.clone(),
                    });
                    if extracted != standing {
                        let seq = self.events.len();
                        self.events.push_back(Event {
                            change: Change::Capital {
                                place,
                                before: extracted,
                                after: standing,
                            },
                            source: Source::Correction(c.clone()),
                        });
                        self.capitals[place as usize].since = Some(seq);
                    }
                }
                Fix::Troops { country, troops } => {
                    let extracted = self.deployments.get(&country).map(|d| d.troops);
                    let seq = self.events.len();
                    let d = self.deployments.entry(country).or_insert(Deployment {
                        country,
                        troops,
                        since: seq,
                        evidence: Citations::default(),
                        corrected: None,
                    });
                    d.troops = troops;
                    d.corrected = Some(Corrected {
                        extracted,
                        by: c.clone(),
                    });
                    if extracted != Some(troops) {
                        d.since = seq;
                        self.events.push_back(Event {
                            change: Change::Deployment {
                                country,
                                before: extracted,
                                after: troops,
                            },
                            source: Source::Correction(c.clone()),
                        });
                    }
                }
                Fix::Dismiss { .. } => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(fact: Fact, start: u32) -> Observation {
        Observation {
            fact,
            evidence: Evidence::new("a.txt".into(), start..start + 10, "s".into(), "r".into()),
        }
    }

    #[test]
    fn one_sentence_one_net_change_per_subject() {
        let fall = |s| {
            obs(
                Fact::Fall {
                    place: 0,
                    certainty: Certainty::Confirmed,
                    by: None,
                },
                s,
            )
        };
        // The capital fell in an earlier sentence.
        let first = [fall(0)];
        // One sentence: a recap of the fall, a recapture, fighting.
        let one = [
            fall(20),
            obs(Fact::Recapture { place: 0 }, 20),
            obs(Fact::Contest { place: 0 }, 20),
            obs(
                Fact::Deploy {
                    country: 1,
                    troops: Troops::Total(600),
                },
                20,
            ),
            obs(
                Fact::Deploy {
                    country: 1,
                    troops: Troops::Additional(200),
                },
                20,
            ),
            obs(
                Fact::Deploy {
                    country: 1,
                    troops: Troops::Total(900),
                },
                20,
            ),
        ];
        let s = State::fold(2, first.iter().chain(&one));
        let changes: Vec<Change> = s.events.iter().map(|e| e.change).collect();
        assert_eq!(
            changes,
            vec![
                Change::Capital {
                    place: 0,
                    before: Standing::Held,
                    after: Standing::Fallen
                },
                Change::Capital {
                    place: 0,
                    before: Standing::Fallen,
                    after: Standing::Contested
                },
                Change::Deployment {
                    country: 1,
                    before: None,
                    after: Some(900)
                },
            ]
        );
        assert_eq!(s.capitals[0].since, Some(1));
        assert_eq!(s.deployments[&1].since, 2);
    }

    #[test]
    fn a_sentence_that_ends_where_it_began_changes_nothing() {
        let one = [
            obs(Fact::Contest { place: 0 }, 0),
            obs(Fact::Repel { place: 0 }, 0),
        ];
        let s = State::fold(1, &one);
        assert!(s.events.is_empty());
        assert_eq!(s.capitals[0], CapitalState::default());
    }

    #[test]
    fn driving_the_attackers_out_of_a_contested_city_ends_the_battle() {
        let first = [obs(Fact::Contest { place: 0 }, 0)];
        let then = [obs(Fact::Recapture { place: 0 }, 20)];
        let s = State::fold(1, first.iter().chain(&then));
        assert_eq!(s.capitals[0].status, Status::Held);
        assert_eq!(s.events.len(), 2);
    }

    fn deploy(troops: Troops) -> Observation {
        Observation {
            fact: Fact::Deploy { country: 0, troops },
            evidence: Evidence::new("a.txt".into(), 0..1, ".".into(), "test".into()),
        }
    }

    #[test]
    fn additional_figures_saturate() {
        let obs = [
            deploy(Troops::Total(u32::MAX - 1)),
            deploy(Troops::Additional(5)),
        ];
        let s = State::fold(0, &obs);
        assert_eq!(s.deployments[&0].troops, Some(u32::MAX));
    }

    #[test]
    fn a_force_where_it_stands_updates_a_deployment_and_starts_none() {
        let alone = State::fold(0, &[deploy(Troops::Present(500))]);
        assert!(alone.deployments.is_empty());
        assert!(alone.events.is_empty());
        let after = State::fold(
            0,
            &[deploy(Troops::Total(600)), deploy(Troops::Present(900))],
        );
        assert_eq!(after.deployments[&0].troops, Some(900));
        let vague = State::fold(
            0,
            &[deploy(Troops::Unspecified), deploy(Troops::Present(80))],
        );
        assert_eq!(vague.deployments[&0].troops, Some(80));
    }
}
