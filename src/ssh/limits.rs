//! Who gets in: the session cap (and the viewer count it keeps) and the
//! per-address connection rate limit.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::watch;

/// The number of open dashboards, capped. Every session subscribes to it
/// for the "N watching" footer.
pub struct Viewers {
    count: watch::Sender<usize>,
    max: usize,
}

/// One open dashboard; dropping it frees the place.
pub struct Seat(Arc<Viewers>);

impl Viewers {
    pub fn new(max: usize) -> Arc<Viewers> {
        Arc::new(Viewers {
            count: watch::Sender::new(0),
            max,
        })
    }

    /// A place, unless `max` dashboards are open.
    pub fn join(self: &Arc<Self>) -> Option<Seat> {
        let max = self.max;
        self.count
            .send_if_modified(|n| {
                if *n < max {
                    *n += 1;
                    true
                } else {
                    false
                }
            })
            .then(|| Seat(self.clone()))
    }

    pub fn count(&self) -> usize {
        *self.count.borrow()
    }

    pub fn max(&self) -> usize {
        self.max
    }

    pub fn subscribe(&self) -> watch::Receiver<usize> {
        self.count.subscribe()
    }
}

impl Drop for Seat {
    fn drop(&mut self) {
        self.0.count.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// A count of things open (connections), to wait for it to reach zero.
#[derive(Clone)]
pub struct Gauge(Arc<watch::Sender<usize>>);

/// One counted thing; dropping it counts it out.
pub struct GaugeGuard(Arc<watch::Sender<usize>>);

impl Gauge {
    pub fn new() -> Gauge {
        Gauge(Arc::new(watch::Sender::new(0)))
    }

    pub fn enter(&self) -> GaugeGuard {
        self.0.send_modify(|n| *n += 1);
        GaugeGuard(self.0.clone())
    }

    pub fn count(&self) -> usize {
        *self.0.borrow()
    }

    pub fn subscribe(&self) -> watch::Receiver<usize> {
        self.0.subscribe()
    }
}

impl Default for Gauge {
    fn default() -> Self {
        Gauge::new()
    }
}

impl Drop for GaugeGuard {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n = n.saturating_sub(1));
    }
}

const WINDOW: Duration = Duration::from_secs(60);
/// Forget quiet addresses once this many are remembered.
const PRUNE_AT: usize = 4096;

/// At most `per_minute` new connections from one address in any minute.
pub struct RateLimit {
    per_minute: usize,
    seen: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl RateLimit {
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit {
            per_minute: per_minute as usize,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Count a connection from `ip` at `now`; false if over the limit.
    pub fn allow(&self, ip: IpAddr, now: Instant) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() >= PRUNE_AT {
            seen.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        let times = seen.entry(ip).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            times.pop_front();
        }
        if times.len() >= self.per_minute {
            return false;
        }
        times.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_are_capped_and_freed() {
        let v = Viewers::new(2);
        let a = v.join().expect("first");
        let _b = v.join().expect("second");
        assert!(v.join().is_none());
        assert_eq!(v.count(), 2);
        drop(a);
        assert_eq!(v.count(), 1);
        assert!(v.join().is_some());
    }

    #[test]
    fn rate_limit_per_address_and_minute() {
        let r = RateLimit::new(2);
        let t0 = Instant::now();
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        assert!(r.allow(a, t0));
        assert!(r.allow(a, t0));
        assert!(!r.allow(a, t0 + Duration::from_secs(1)));
        assert!(r.allow(b, t0), "another address is not limited");
        assert!(r.allow(a, t0 + WINDOW), "a minute later it may come back");
    }
}
