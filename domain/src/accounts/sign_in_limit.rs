//! Sign-in brute-force protection that one attacker cannot turn against others. Failures are
//! counted in the database, so every server process shares one budget, per key and window:
//! - an email from one address: 5 failures in 15 minutes lock that pair - the guesser's own;
//! - one address: 100 failures in 15 minutes lock the address (a ceiling for credential
//!   stuffing across many emails);
//! - one email from anywhere: after 5 failures each further attempt waits a growing delay
//!   (2, 4, 8 ... at most 60 s after the last failure). Guessing slows to one try a minute, and
//!   the account's owner is never locked out for longer than that.
//!
//! The address is the client's as the server sees it: the TCP peer, or behind a trusted proxy
//! the address that proxy reports (`TRUSTED_PROXIES`; the server works it out).
use std::net::IpAddr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::Accounts;
use crate::entities::sign_in_failure as failure;
use crate::error::DomainResult;

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failures of one email from one address before that pair is locked for the window.
pub const PAIR_FAILURES: i32 = 5;
/// Failures from one address (any email) before the address is locked for the window.
pub const ADDRESS_FAILURES: i32 = 100;
/// Failures of one email (any address) before each attempt waits.
pub const EMAIL_FREE_FAILURES: i32 = 5;
pub const MAX_DELAY: Duration = Duration::from_secs(60);

/// The client address the server worked out for a request (an extension on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The keys of an attempt. The email is kept as the SHA-256 of its normal form: a fixed length
/// whatever was typed (even bytes PostgreSQL text refuses), and no list of addresses people
/// tried lies in the table.
fn keys(email: &str, ip: Option<IpAddr>) -> Vec<String> {
    use sha2::{Digest, Sha256};
    let email = hex::encode(Sha256::digest(email.trim().to_lowercase().as_bytes()));
    let mut keys = vec![format!("email:{email}")];
    if let Some(ip) = ip {
        keys.push(format!("pair:{email}|{ip}"));
        keys.push(format!("address:{ip}"));
    }
    keys
}

fn window() -> chrono::Duration {
    chrono::Duration::from_std(WINDOW).unwrap_or_default()
}

/// How long the attempt must wait, judged from the rows of its keys (`None`: go ahead).
fn wait(rows: &[failure::Model], now: DateTime<Utc>) -> Option<Duration> {
    let window = window();
    let mut longest: Option<chrono::Duration> = None;
    for r in rows.iter().filter(|r| r.window_started_at + window > now) {
        let until = if r.key.starts_with("pair:") && r.failures >= PAIR_FAILURES
            || r.key.starts_with("address:") && r.failures >= ADDRESS_FAILURES
        {
            Some(r.window_started_at + window)
        } else if r.key.starts_with("email:") && r.failures > EMAIL_FREE_FAILURES {
            let doublings = Ord::min(u32::try_from(r.failures - EMAIL_FREE_FAILURES).unwrap_or(u32::MAX), 6);
            let delay = Ord::min(Duration::from_secs(1_u64 << doublings), MAX_DELAY);
            Some(r.last_failed_at + chrono::Duration::from_std(delay).unwrap_or_default())
        } else {
            None
        };
        if let Some(left) = until.map(|u| u - now).filter(|left| *left > chrono::Duration::zero()) {
            longest = Some(longest.map_or(left, |l| l.max(left)));
        }
    }
    longest.and_then(|l| l.to_std().ok())
}

impl Accounts<'_> {
    /// `Some(wait)` when a sign-in for `email` from `ip` must not be tried now.
    pub(crate) async fn sign_in_wait(self, email: &str, ip: Option<IpAddr>) -> DomainResult<Option<Duration>> {
        let rows =
            failure::Entity::find().filter(failure::Column::Key.is_in(keys(email, ip))).all(&self.ctx.db).await?;
        Ok(wait(&rows, self.ctx.clock.now()))
    }

    /// Counts a failed sign-in against each of its keys (a new window when the last one passed).
    pub(crate) async fn sign_in_failed(self, email: &str, ip: Option<IpAddr>) -> DomainResult<()> {
        let now = self.ctx.clock.now();
        // Qualified: inside PostgreSQL's ON CONFLICT a bare column name is ambiguous (the row or
        // `excluded`).
        let stale = Expr::col((failure::Entity, failure::Column::WindowStartedAt)).lte(now - window());
        let rows = keys(email, ip).into_iter().map(|key| failure::ActiveModel {
            key: Set(key),
            failures: Set(1),
            window_started_at: Set(now),
            last_failed_at: Set(now),
        });
        failure::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::column(failure::Column::Key)
                    .value(
                        failure::Column::Failures,
                        Expr::case(stale.clone(), Expr::val(1))
                            .finally(Expr::col((failure::Entity, failure::Column::Failures)).add(1)),
                    )
                    .value(
                        failure::Column::WindowStartedAt,
                        Expr::case(stale, Expr::val(now))
                            .finally(Expr::col((failure::Entity, failure::Column::WindowStartedAt))),
                    )
                    .value(failure::Column::LastFailedAt, Expr::val(now))
                    .to_owned(),
            )
            .exec_without_returning(&self.ctx.db)
            .await?;
        Ok(())
    }

    /// A right password clears the email's own count and this address's pair with it (the
    /// address's count stays: it measures guessing across emails).
    pub(crate) async fn sign_in_succeeded(self, email: &str, ip: Option<IpAddr>) -> DomainResult<()> {
        let mine: Vec<String> = keys(email, ip).into_iter().filter(|k| !k.starts_with("address:")).collect();
        failure::Entity::delete_many().filter(failure::Column::Key.is_in(mine)).exec(&self.ctx.db).await?;
        Ok(())
    }
}

/// Deletes up to `batch` counts whose window has passed (the sweep calls it), in one
/// statement, as `purge_expired_sessions` does.
pub(crate) async fn purge_old_failures<C: sea_orm::ConnectionTrait>(
    db: &C,
    now: chrono::DateTime<chrono::Utc>,
    batch: u64,
) -> DomainResult<u64> {
    let old = Query::select()
        .column(failure::Column::Key)
        .from(failure::Entity)
        .and_where(failure::Column::LastFailedAt.lte(now - window()))
        .order_by(failure::Column::LastFailedAt, sea_orm::Order::Asc)
        .limit(batch)
        .to_owned();
    let res = failure::Entity::delete_many().filter(failure::Column::Key.in_subquery(old)).exec(db).await?;
    Ok(res.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, failures: i32, started_secs_ago: i64, last_secs_ago: i64, now: DateTime<Utc>) -> failure::Model {
        failure::Model {
            key: key.to_owned(),
            failures,
            window_started_at: now - chrono::Duration::seconds(started_secs_ago),
            last_failed_at: now - chrono::Duration::seconds(last_secs_ago),
        }
    }

    #[test]
    fn a_locked_pair_waits_for_its_window_and_an_email_waits_a_growing_delay() {
        let now = Utc::now();
        assert_eq!(wait(&[row("pair:a|1.2.3.4", 5, 60, 1, now)], now), Some(Duration::from_secs(14 * 60)));
        assert_eq!(wait(&[row("pair:a|1.2.3.4", 4, 60, 1, now)], now), None);
        assert_eq!(wait(&[row("address:1.2.3.4", 99, 60, 1, now)], now), None);
        assert!(wait(&[row("address:1.2.3.4", 100, 60, 1, now)], now).is_some());
        // 6 failures: 2 s after the last; 12 and more: the 60 s cap.
        assert_eq!(wait(&[row("email:a", 6, 60, 1, now)], now), Some(Duration::from_secs(1)));
        assert_eq!(wait(&[row("email:a", 6, 60, 3, now)], now), None);
        assert_eq!(wait(&[row("email:a", 40, 60, 0, now)], now), Some(MAX_DELAY));
        // A window that has passed counts for nothing.
        assert_eq!(wait(&[row("pair:a|1.2.3.4", 50, 16 * 60, 1, now)], now), None);
    }
}
