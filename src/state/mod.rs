//! The state model: a pure, ordered fold of observations, following
//! `shared/corpus/LABELING.md`, one sentence at a time.
//!
//! * A sentence is one step: each capital, country and the tally changes
//!   at most once per sentence, to where the sentence leaves it.
//! * A fall is sticky: later fighting in a fallen city changes nothing; only
//!   a recapture reverses it.
//! * A fallen city is `claimed` until any non-attacker source confirms it.
//! * A contest ends with a fall or a repelled attack.
//! * Deployments: the latest explicit figure wins, "additional N" adds to the
//!   last figure, a vague mention never erases a figure.
//! * The reported tally is the highest count stated so far.
//! * Analysts' corrections are the last layer (see [`crate::corrections`]).
//! * Places start where the scenario declares them (held by default); a
//!   fallen place has a controller, the attacking group last named as
//!   taking it, and a hand-over between attackers changes only that.

mod citations;
mod fold;
mod incremental;
mod standing;
mod start;
mod store;

pub use citations::{Citations, KEEP_FIRST, KEEP_LAST};
pub use fold::{
    sentences, CapitalState, Change, Corrected, Deployment, Event, Source, State, Status, Subject,
};
pub use incremental::{Delta, Incremental, Key};
pub use standing::{Standing, CLAIMED, CONTESTED, FALLEN, HELD};
pub use start::start;
pub use store::{extracting, quiet_extractor_panics, settle, Entry, Store, Upsert};
