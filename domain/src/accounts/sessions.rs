//! Server-side sessions: a random token the client keeps (the server's cookie, `app::cookies`),
//! its hash in the database.
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use rand_core::{OsRng, RngCore};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use tokio::sync::oneshot;

use super::Accounts;
use super::views::UserView;
use crate::entities::{session, user};
use crate::error::{DomainError, DomainResult};
use crate::types::UserId;

/// How long a session lasts without signing in again.
pub const SESSION_TTL_DAYS: i64 = 14;

/// The most session lookups one statement answers.
pub(crate) const SESSION_LOOKUP_BATCH_MAX: usize = 64;
/// Lookup batches in flight at once: reads run side by side on both databases, so two lanes keep
/// one slow read from holding up every other request's sign-in.
pub(crate) const SESSION_LOOKUP_LANES: usize = 2;

/// A lookup waiting for its batch: the session's id (the token's hash), when it was asked, and
/// where its answer goes.
pub(crate) struct SessionLookup {
    id: String,
    /// When it was asked: a session is live if it expires after this.
    at: DateTime<Utc>,
    reply: oneshot::Sender<DomainResult<Option<UserView>>>,
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl Accounts<'_> {
    /// Starts a session for the user; returns the token for the cookie.
    pub async fn start_session(self, user_id: UserId) -> DomainResult<String> {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        let now = self.ctx.clock.now();
        session::Entity::insert(session::ActiveModel {
            id: Set(hash(&token)),
            user_id: Set(user_id.0),
            created_at: Set(now),
            expires_at: Set(now + Duration::days(SESSION_TTL_DAYS)),
        })
        .exec_without_returning(&self.ctx.db)
        .await?;
        Ok(token)
    }

    /// The signed-in user of a session token, if the session exists and has not expired. Every
    /// signed-in request asks this, so lookups that arrive while one is in flight are answered
    /// together by the next (`crate::batch_queue`): one statement for a batch, where a statement
    /// per request cost a hand-off to a database connection thread and back each. Each is still
    /// read from the database when asked, so a sign-out holds at once in every process.
    pub async fn session_user(self, token: &str) -> DomainResult<Option<UserView>> {
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let (reply, answer) = oneshot::channel();
        let lookup = SessionLookup { id: hash(token), at: self.ctx.clock.now(), reply };
        let lane = (self.ctx.clone(), Arc::clone(self.session_lookups));
        self.session_lookups.submit(lookup, &lane, |(ctx, lookups), batch| async move {
            Accounts::new(&ctx, &lookups).answer_lookups(batch).await
        });
        answer.await.unwrap_or_else(|_| Err(DomainError::internal("the session lookup stopped before answering")))
    }

    /// Answers one batch of lookups with one query.
    async fn answer_lookups(self, batch: Vec<SessionLookup>) {
        let ids: Vec<String> = batch.iter().map(|l| l.id.clone()).collect();
        let found = self.find_sessions(ids).await;
        for lookup in batch {
            let answer = match &found {
                // Live at the time it was asked, by the asker's clock.
                Ok(sessions) => Ok(sessions
                    .get(&lookup.id)
                    .filter(|(expires_at, _)| *expires_at > lookup.at)
                    .map(|(_, user)| user.clone())),
                Err(e) => Err(DomainError::Db(e.clone())),
            };
            // The requester may have gone (a closed connection).
            let _ = lookup.reply.send(answer);
        }
    }

    /// Those of these sessions that exist, by id: when each expires, and its user.
    async fn find_sessions(self, ids: Vec<String>) -> Result<HashMap<String, (DateTime<Utc>, UserView)>, DbErr> {
        let found = session::Entity::find()
            .find_also_related(user::Entity)
            .filter(session::Column::Id.is_in(ids))
            .all(&self.ctx.db)
            .await?;
        Ok(found.into_iter().filter_map(|(s, u)| Some((s.id, (s.expires_at, u?.into())))).collect())
    }

    /// Ends the session of this token (signing out); an unknown token is already ended.
    pub async fn end_session(self, token: &str) -> DomainResult<()> {
        session::Entity::delete_many().filter(session::Column::Id.eq(hash(token))).exec(&self.ctx.db).await?;
        Ok(())
    }
}

/// Deletes up to `batch` sessions that have expired (oldest first, on `idx_sessions_expires_at`);
/// returns how many. The worker's sweep calls it, a bounded batch at a time, so a backlog
/// drains over a few sweeps without one long delete.
pub(crate) async fn purge_expired<C: sea_orm::ConnectionTrait>(
    db: &C,
    now: chrono::DateTime<chrono::Utc>,
    batch: u64,
) -> DomainResult<u64> {
    let expired = Query::select()
        .column(session::Column::Id)
        .from(session::Entity)
        .and_where(session::Column::ExpiresAt.lte(now))
        .order_by(session::Column::ExpiresAt, sea_orm::Order::Asc)
        .limit(batch)
        .to_owned();
    let res = session::Entity::delete_many().filter(session::Column::Id.in_subquery(expired)).exec(db).await?;
    Ok(res.rows_affected)
}
