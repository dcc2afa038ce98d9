//! The state model: a pure, ordered fold of observations, following
//! `shared/corpus/LABELING.md`.
//!
//! * A fall is sticky: later fighting in a fallen city changes nothing; only
//!   a recapture reverses it.
//! * A fallen city is `claimed` until any non-attacker source confirms it.
//! * A contest ends with a fall or a repelled attack.
//! * Deployments: the latest explicit figure wins, "additional N" adds to the
//!   last figure, a vague mention never erases a figure.
//! * The reported tally is the highest count stated so far.

mod fold;
mod store;

pub use fold::{CapitalState, Change, Deployment, Event, State, Status};
pub use store::{Store, Upsert};
