//! Sign-in brute-force protection: after too many failures for one email or one client address
//! within a window, further attempts get `rate_limited` until the window passes. Kept in memory,
//! so each server process counts on its own.
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const MAX_FAILURES: u32 = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Bound on remembered keys, so a flood of distinct emails cannot grow memory without limit.
const MAX_KEYS: usize = 100_000;

#[derive(Default)]
pub struct SignInLimiter {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl SignInLimiter {
    fn keys(email: &str, ip: Option<IpAddr>) -> Vec<String> {
        let mut keys = vec![format!("email:{}", email.trim().to_lowercase())];
        if let Some(ip) = ip {
            keys.push(format!("ip:{ip}"));
        }
        keys
    }

    /// Whether an attempt may go ahead now.
    pub fn allowed(&self, email: &str, ip: Option<IpAddr>) -> bool {
        let Ok(map) = self.failures.lock() else { return true };
        Self::keys(email, ip).iter().all(|k| match map.get(k) {
            Some((n, since)) => *n < MAX_FAILURES || since.elapsed() > WINDOW,
            None => true,
        })
    }

    pub fn failed(&self, email: &str, ip: Option<IpAddr>) {
        let Ok(mut map) = self.failures.lock() else { return };
        if map.len() >= MAX_KEYS {
            map.retain(|_, (_, since)| since.elapsed() <= WINDOW);
        }
        for k in Self::keys(email, ip) {
            let entry = map.entry(k).or_insert((0, Instant::now()));
            if entry.1.elapsed() > WINDOW {
                *entry = (0, Instant::now());
            }
            entry.0 += 1;
        }
    }

    pub fn succeeded(&self, email: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(&format!("email:{}", email.trim().to_lowercase()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_lock_the_email_and_the_address() {
        let limiter = SignInLimiter::default();
        let ip: Option<IpAddr> = "10.0.0.1".parse().ok();
        for _ in 0..MAX_FAILURES {
            assert!(limiter.allowed("a@shop.test", ip));
            limiter.failed("a@shop.test", ip);
        }
        assert!(!limiter.allowed("A@shop.test", None), "the email is locked");
        assert!(!limiter.allowed("b@shop.test", ip), "the address is locked");
        assert!(limiter.allowed("b@shop.test", "10.0.0.2".parse().ok()));
    }
}
