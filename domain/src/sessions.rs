//! Server-side sessions: a random token the client keeps (the server's cookie, `app::cookies`),
//! its hash in the database.
use chrono::Duration;
use rand_core::{OsRng, RngCore};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};

use crate::entities::{session, user};
use crate::error::DomainResult;
use crate::facade::{Accounts, Operations};
use crate::views::UserView;

/// How long a session lasts without signing in again.
pub const SESSION_TTL_DAYS: i64 = 14;

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl Accounts<'_> {
    /// Starts a session for the user; returns the token for the cookie.
    pub async fn start_session(self, user_id: i64) -> DomainResult<String> {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        let now = self.facade.clock.now();
        session::Entity::insert(session::ActiveModel {
            id: Set(hash(&token)),
            user_id: Set(user_id),
            created_at: Set(now),
            expires_at: Set(now + Duration::days(SESSION_TTL_DAYS)),
        })
        .exec_without_returning(&self.facade.db)
        .await?;
        Ok(token)
    }

    /// The signed-in user of a session token, if the session exists and has not expired.
    pub async fn session_user(self, token: &str) -> DomainResult<Option<UserView>> {
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        // Every signed-in request asks this: one round trip (the session as a subquery).
        let live_session = Query::select()
            .column(session::Column::UserId)
            .from(session::Entity)
            .and_where(session::Column::Id.eq(hash(token)))
            .and_where(session::Column::ExpiresAt.gt(self.facade.clock.now()))
            .to_owned();
        Ok(user::Entity::find()
            .filter(user::Column::Id.in_subquery(live_session))
            .one(&self.facade.db)
            .await?
            .map(Into::into))
    }

    /// Ends the session of this token (signing out); an unknown token is already ended.
    pub async fn end_session(self, token: &str) -> DomainResult<()> {
        session::Entity::delete_many().filter(session::Column::Id.eq(hash(token))).exec(&self.facade.db).await?;
        Ok(())
    }
}

impl Operations<'_> {
    /// Deletes up to `batch` sessions that have expired (oldest first, on `idx_sessions_expires_at`);
    /// returns how many. The worker's sweep calls it, a bounded batch at a time, so a backlog
    /// drains over a few sweeps without one long delete.
    pub async fn purge_expired_sessions(self, batch: u64) -> DomainResult<u64> {
        let expired = Query::select()
            .column(session::Column::Id)
            .from(session::Entity)
            .and_where(session::Column::ExpiresAt.lte(self.facade.clock.now()))
            .order_by(session::Column::ExpiresAt, sea_orm::Order::Asc)
            .limit(batch)
            .to_owned();
        let res = session::Entity::delete_many()
            .filter(session::Column::Id.in_subquery(expired))
            .exec(&self.facade.db)
            .await?;
        Ok(res.rows_affected)
    }
}
