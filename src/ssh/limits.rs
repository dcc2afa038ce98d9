//! Who gets in: the session cap (and the viewer count it keeps), the
//! per-address connection rate limit, the caps on connections not logged in
//! yet, and the cap on connections the descriptor limit allows.

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

/// At most `per_minute` new connections from one address in any minute;
/// 0 is no limit.
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
        if self.per_minute == 0 {
            return true;
        }
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

/// Connections not logged in yet: at most `max` in all and `per_address`
/// from one address.
pub struct Startups {
    max: usize,
    per_address: usize,
    open: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

/// One connection not logged in yet; dropping it (at login, or when the
/// connection ends) counts it out.
pub struct Startup {
    startups: Arc<Startups>,
    ip: IpAddr,
}

impl Startups {
    pub fn new(max: usize, per_address: usize) -> Arc<Startups> {
        Arc::new(Startups {
            max,
            per_address,
            open: Mutex::new((0, HashMap::new())),
        })
    }

    /// A place for a connection from `ip`, unless a cap is reached: then
    /// the reason.
    pub fn enter(self: &Arc<Self>, ip: IpAddr) -> Result<Startup, &'static str> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let (total, by_ip) = &mut *open;
        if *total >= self.max {
            return Err("too many connections not logged in yet");
        }
        let n = by_ip.entry(ip).or_default();
        if *n >= self.per_address {
            return Err("too many connections not logged in yet from this address");
        }
        *n += 1;
        *total += 1;
        Ok(Startup {
            startups: self.clone(),
            ip,
        })
    }

    /// Connections not logged in yet.
    pub fn count(&self) -> usize {
        self.open.lock().unwrap_or_else(|p| p.into_inner()).0
    }
}

impl Drop for Startup {
    fn drop(&mut self) {
        let mut open = self.startups.open.lock().unwrap_or_else(|p| p.into_inner());
        let (total, by_ip) = &mut *open;
        *total = total.saturating_sub(1);
        if let Some(n) = by_ip.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                by_ip.remove(&self.ip);
            }
        }
    }
}

/// Descriptors kept for everything but connections: the watcher reading
/// articles (one per reader thread), its inotify instance, the log, the
/// runtime. Connections past the limit less this are closed at once.
pub const FD_RESERVE: u64 = 128;

/// How many connections may be open: the descriptor limit (raised to its
/// hard maximum first) less [`FD_RESERVE`] and those already open.
pub fn connection_budget() -> usize {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write `lim`, a valid
    // rlimit on our stack.
    let soft = unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return 1024 - FD_RESERVE as usize;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max,
                rlim_max: lim.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim.rlim_cur = lim.rlim_max;
            }
        }
        lim.rlim_cur
    };
    let open = std::fs::read_dir("/proc/self/fd").map_or(16, |d| d.count() as u64);
    // One descriptor per connection; a million is plenty.
    soft.min(1 << 20).saturating_sub(FD_RESERVE + open).max(1) as usize
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
        let off = RateLimit::new(0);
        assert!((0..1000).all(|_| off.allow(a, t0)), "0 is no limit");
    }

    #[test]
    fn startups_are_capped_in_all_and_per_address() {
        let s = Startups::new(3, 2);
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let c: IpAddr = [10, 0, 0, 3].into();
        let a1 = s.enter(a).expect("a1");
        let _a2 = s.enter(a).expect("a2");
        assert!(s.enter(a).is_err(), "per address");
        let _b1 = s.enter(b).expect("b1");
        assert!(s.enter(c).is_err(), "in all");
        drop(a1);
        assert_eq!(s.count(), 2);
        assert!(s.enter(c).is_ok(), "a place was freed");
    }
}
