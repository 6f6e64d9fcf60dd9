//! Rate limits against abuse that is not an error - a script placing order after order to hold
//! stock, or signing up account after account - counted in this process (governor's keyed GCRA:
//! a burst of `per_minute`, refilled evenly over the minute). Each process counts on its own, so
//! behind N servers a key gets up to N times the quota: the limits are set for what a person
//! never reaches, not for exact accounting (the failed sign-in limit, which must hold across
//! processes, is counted in the database instead: `accounts/sign_in_limit.rs`).
use std::hash::Hash;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::{DomainError, Limit};

/// One limit: `per_minute` tries per key, or none at all (0 in the settings).
pub struct KeyedLimit<K: Hash + Eq + Clone> {
    limit: Limit,
    limiter: Option<DefaultKeyedRateLimiter<K>>,
    checks: AtomicU64,
}

/// Every this many checks, keys whose allowance is whole again are forgotten, so a flood of
/// one-off keys (addresses) does not grow the table for ever.
const TIDY_EVERY: u64 = 4_096;

impl<K: Hash + Eq + Clone> KeyedLimit<K> {
    /// `per_minute` 0 turns the limit off.
    pub fn new(limit: Limit, per_minute: u32) -> Self {
        let limiter = NonZeroU32::new(per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n)));
        Self { limit, limiter, checks: AtomicU64::new(0) }
    }

    /// Counts one try for `key`; `RateLimited` (with how long to wait) once the key's quota is spent.
    pub fn check(&self, key: &K) -> Result<(), DomainError> {
        let Some(limiter) = &self.limiter else { return Ok(()) };
        if self.checks.fetch_add(1, Ordering::Relaxed) % TIDY_EVERY == TIDY_EVERY - 1 {
            limiter.retain_recent();
        }
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            // Whole seconds, at least one: what a Retry-After header can say.
            DomainError::RateLimited { limit: self.limit, retry_after: wait.max(Duration::from_secs(1)) }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_its_quota_then_waits_and_other_keys_are_not_touched() {
        let limit = KeyedLimit::new(Limit::Placing, 3);
        for _ in 0..3 {
            assert!(limit.check(&1).is_ok());
        }
        match limit.check(&1) {
            Err(DomainError::RateLimited { limit: Limit::Placing, retry_after }) => {
                assert!(
                    retry_after >= Duration::from_secs(1) && retry_after <= Duration::from_secs(20),
                    "{retry_after:?}"
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(limit.check(&2).is_ok());
        let off = KeyedLimit::new(Limit::SignUp, 0);
        assert!((0..1_000).all(|_| off.check(&"127.0.0.1").is_ok()));
    }
}
