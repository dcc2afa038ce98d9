//! sitmon: a terminal situation monitor.
//!
//! Data flows one way: files → [`ingest`] → [`extract`] → [`state`] (a pure,
//! ordered fold of observations) → [`snapshot`] → renderers. Live, [`watch`]
//! keeps a store in step with the folder and publishes each new
//! [`live::Live`] to every renderer.

pub mod alerts;
pub mod brief;
pub mod config;
pub mod corrections;
pub mod eval;
pub mod explain;
pub mod extract;
pub mod ingest;
pub mod live;
pub mod logging;
pub mod memory;
pub mod model;
pub mod snapshot;
pub mod ssh;
pub mod state;
pub mod ui;
pub mod watch;
