//! sitmon: a terminal situation monitor.
//!
//! Data flows one way: files → [`ingest`] → [`extract`] → [`state`] (a pure,
//! ordered fold of observations) → [`snapshot`] → renderers.

pub mod config;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod live;
pub mod logging;
pub mod model;
pub mod snapshot;
pub mod state;
pub mod ui;
pub mod watch;
