//! The state before the first article: each place as the scenario
//! declares it (`initial`, `controller` in places.toml).

use crate::config::{Initial, Scenario};

use super::{CapitalState, State, Status};

/// Where every place of `s` stands before any article is read.
pub fn start(s: &Scenario) -> State {
    State::start(
        s.places
            .iter()
            .map(|p| {
                let status = match p.initial {
                    Initial::Held => Status::Held,
                    Initial::Contested => Status::Contested,
                    Initial::Fallen => Status::Fallen,
                };
                let controller = p
                    .controller
                    .as_deref()
                    .and_then(|c| s.actors.group_named(c));
                CapitalState::start(status, controller)
            })
            .collect(),
    )
}
