use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Certainty, CountryId, Evidence, Fact, Observation, PlaceId, Troops};

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
    pub evidence: Vec<Evidence>,
}

impl Default for CapitalState {
    fn default() -> Self {
        CapitalState {
            status: Status::Held,
            certainty: None,
            since: None,
            evidence: Vec::new(),
        }
    }
}

impl CapitalState {
    /// Distinct files behind the current status.
    pub fn sources(&self) -> usize {
        let mut files: Vec<&str> = self.evidence.iter().map(|e| &*e.file).collect();
        files.sort_unstable();
        files.dedup();
        files.len()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deployment {
    pub country: CountryId,
    pub troops: Option<u32>,
    pub since: usize,
    pub evidence: Vec<Evidence>,
}

/// What changed, for the event log.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Capital {
        place: PlaceId,
        before: Status,
        after: Status,
        certainty: Option<Certainty>,
    },
    Confirmed {
        place: PlaceId,
    },
    Deployment {
        country: CountryId,
        before: Option<Option<u32>>,
        after: Option<u32>,
    },
    Tally {
        before: Option<u32>,
        after: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub seq: usize,
    pub change: Change,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct State {
    pub capitals: Vec<CapitalState>,
    pub deployments: BTreeMap<CountryId, Deployment>,
    pub reported_fallen: Option<u32>,
    pub reported_evidence: Option<Evidence>,
    pub events: Vec<Event>,
}

impl State {
    pub fn new(places: usize) -> State {
        State {
            capitals: vec![CapitalState::default(); places],
            deployments: BTreeMap::new(),
            reported_fallen: None,
            reported_evidence: None,
            events: Vec::new(),
        }
    }

    /// Fold observations, in order, from the empty state.
    pub fn fold<'a>(places: usize, obs: impl IntoIterator<Item = &'a Observation>) -> State {
        let mut s = State::new(places);
        for o in obs {
            s.apply(o);
        }
        s
    }

    pub fn count(&self, status: Status) -> usize {
        self.capitals.iter().filter(|c| c.status == status).count()
    }

    fn log(&mut self, change: Change, evidence: &Evidence) -> usize {
        let seq = self.events.len();
        self.events.push(Event {
            seq,
            change,
            evidence: evidence.clone(),
        });
        seq
    }

    fn set_status(
        &mut self,
        place: PlaceId,
        to: Status,
        certainty: Option<Certainty>,
        ev: &Evidence,
    ) {
        let before = self.capitals[place as usize].status;
        let seq = self.log(
            Change::Capital {
                place,
                before,
                after: to,
                certainty,
            },
            ev,
        );
        let c = &mut self.capitals[place as usize];
        c.status = to;
        c.certainty = certainty;
        c.since = Some(seq);
        c.evidence = vec![ev.clone()];
    }

    /// Apply one observation. Pure: the result depends only on the state and
    /// the observation.
    pub fn apply(&mut self, o: &Observation) {
        let ev = &o.evidence;
        match o.fact {
            Fact::Fall { place, certainty } => {
                let c = &self.capitals[place as usize];
                match (c.status, c.certainty) {
                    (Status::Fallen, Some(Certainty::Claimed))
                        if certainty == Certainty::Confirmed =>
                    {
                        let seq = self.log(Change::Confirmed { place }, ev);
                        let c = &mut self.capitals[place as usize];
                        c.certainty = Some(Certainty::Confirmed);
                        c.since = Some(seq);
                        c.evidence.push(ev.clone());
                    }
                    (Status::Fallen, _) => self.capitals[place as usize].evidence.push(ev.clone()),
                    _ => self.set_status(place, Status::Fallen, Some(certainty), ev),
                }
            }
            Fact::Contest { place } => match self.capitals[place as usize].status {
                Status::Held => self.set_status(place, Status::Contested, None, ev),
                Status::Contested => self.capitals[place as usize].evidence.push(ev.clone()),
                // A fall is sticky: fighting reported later is a recap.
                Status::Fallen => {}
            },
            Fact::Repel { place } => {
                if self.capitals[place as usize].status == Status::Contested {
                    self.set_status(place, Status::Held, None, ev);
                }
            }
            Fact::Recapture { place } => {
                if self.capitals[place as usize].status == Status::Fallen {
                    self.set_status(place, Status::Held, None, ev);
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
        };
        if before == Some(after) {
            if let Some(d) = self.deployments.get_mut(&country) {
                d.evidence.push(ev.clone());
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
            evidence: Vec::new(),
        });
        d.troops = after;
        d.since = seq;
        d.evidence.push(ev.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn deploy(troops: Troops) -> Observation {
        Observation {
            fact: Fact::Deploy { country: 0, troops },
            evidence: Evidence {
                file: Arc::from("a.txt"),
                span: 0..1,
                sentence: Arc::from("."),
                rule: "test",
            },
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
}
