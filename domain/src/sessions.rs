//! Server-side sessions: a random token in an HttpOnly cookie, its hash in the database.
use chrono::Duration;
use rand_core::{OsRng, RngCore};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};

use crate::entities::{session, user};
use crate::error::DomainResult;
use crate::facade::OrderFacade;
use crate::views::UserView;

/// How long a session lasts without signing in again.
pub const SESSION_TTL_DAYS: i64 = 14;

/// The cookie that carries the session token, for the pages and the JSON API alike.
pub const SESSION_COOKIE: &str = "shop_session";

/// The value of cookie `name` among a request's `Cookie` header values.
pub fn find_cookie<'a>(cookie_headers: impl IntoIterator<Item = &'a str>, name: &str) -> Option<&'a str> {
    cookie_headers
        .into_iter()
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// How the session cookie is written: always `HttpOnly; SameSite=Lax`, and `Secure` when the
/// shop is served over TLS (`COOKIE_SECURE`), so the browser never sends it over plain HTTP.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionCookie {
    pub secure: bool,
}

impl SessionCookie {
    /// `Set-Cookie` value that starts a session.
    pub fn set(self, token: &str) -> String {
        self.with_attributes(token, SESSION_TTL_DAYS * 24 * 3600)
    }

    /// `Set-Cookie` value that removes the cookie.
    pub fn clear(self) -> String {
        self.with_attributes("", 0)
    }

    fn with_attributes(self, value: &str, max_age: i64) -> String {
        self.cookie(SESSION_COOKIE, value, max_age)
    }

    /// A `Set-Cookie` value for any of the shop's cookies (the cart's too): the same attributes
    /// as the session's, so none of them ever travels cross-site or over plain HTTP behind TLS.
    pub fn cookie(self, name: &str, value: &str, max_age: i64) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
    }
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl OrderFacade {
    /// Starts a session for the user; returns the token for the cookie.
    pub async fn start_session(&self, user_id: i64) -> DomainResult<String> {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        let now = self.clock.now();
        session::Entity::insert(session::ActiveModel {
            id: Set(hash(&token)),
            user_id: Set(user_id),
            created_at: Set(now),
            expires_at: Set(now + Duration::days(SESSION_TTL_DAYS)),
        })
        .exec_without_returning(&self.db)
        .await?;
        Ok(token)
    }

    /// The signed-in user of a session token, if the session exists and has not expired.
    pub async fn session_user(&self, token: &str) -> DomainResult<Option<UserView>> {
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        // Every signed-in request asks this: one round trip (the session as a subquery).
        let live_session = Query::select()
            .column(session::Column::UserId)
            .from(session::Entity)
            .and_where(session::Column::Id.eq(hash(token)))
            .and_where(session::Column::ExpiresAt.gt(self.clock.now()))
            .to_owned();
        Ok(user::Entity::find().filter(user::Column::Id.in_subquery(live_session)).one(&self.db).await?.map(Into::into))
    }

    /// Deletes up to `batch` sessions that have expired (oldest first, on `idx_sessions_expires_at`);
    /// returns how many. The worker's sweep calls it, a bounded batch at a time, so a backlog
    /// drains over a few sweeps without one long delete.
    pub async fn purge_expired_sessions(&self, batch: u64) -> DomainResult<u64> {
        let expired = Query::select()
            .column(session::Column::Id)
            .from(session::Entity)
            .and_where(session::Column::ExpiresAt.lte(self.clock.now()))
            .order_by(session::Column::ExpiresAt, sea_orm::Order::Asc)
            .limit(batch)
            .to_owned();
        let res =
            session::Entity::delete_many().filter(session::Column::Id.in_subquery(expired)).exec(&self.db).await?;
        Ok(res.rows_affected)
    }

    pub async fn end_session(&self, token: &str) -> DomainResult<()> {
        session::Entity::delete_many().filter(session::Column::Id.eq(hash(token))).exec(&self.db).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::SessionCookie;

    #[test]
    fn cookies_are_found_by_name_across_headers() {
        let headers = ["a=1; shop_session=abc", "b=2"];
        assert_eq!(super::find_cookie(headers, "shop_session"), Some("abc"));
        assert_eq!(super::find_cookie(headers, "b"), Some("2"));
        assert_eq!(super::find_cookie(headers, "shop"), None);
    }

    #[test]
    fn the_cookie_is_http_only_lax_and_secure_only_when_asked() {
        let plain = SessionCookie { secure: false };
        assert_eq!(plain.set("abc"), "shop_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=1209600");
        assert_eq!(plain.clear(), "shop_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
        assert!(SessionCookie { secure: true }.set("abc").ends_with("; Secure"));
        assert!(SessionCookie { secure: true }.clear().ends_with("; Secure"));
    }
}
