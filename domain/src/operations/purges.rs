//! What the worker's sweep deletes that has had its day: expired sessions and sign-in failure
//! counts whose window has passed, each a bounded batch a sweep, so a backlog drains over a few
//! sweeps without one long delete.
use super::Operations;
use crate::accounts::{sessions, sign_in_limit};
use crate::error::DomainResult;

impl Operations<'_> {
    /// Deletes up to `batch` sessions that have expired (oldest first); returns how many.
    pub async fn purge_expired_sessions(self, batch: u64) -> DomainResult<u64> {
        sessions::purge_expired(&self.ctx.db, self.ctx.clock.now(), batch).await
    }

    /// Deletes up to `batch` sign-in failure counts whose window has passed; returns how many.
    pub async fn purge_sign_in_failures(self, batch: u64) -> DomainResult<u64> {
        sign_in_limit::purge_old_failures(&self.ctx.db, self.ctx.clock.now(), batch).await
    }
}
