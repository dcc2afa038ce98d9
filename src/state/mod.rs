//! The state model: a pure, ordered fold of observations.
