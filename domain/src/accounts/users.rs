//! Accounts: sign-up, sign-in (argon2) and the configured admin.
use std::net::IpAddr;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand_core::OsRng;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::Accounts;
use super::views::UserView;
use crate::context::Ctx;
use crate::entities::user;
use crate::error::{Conflict, DomainError, DomainResult, Field, Limit};
use crate::status::Role;
use crate::types::{Email, Password};

/// Hashing is deliberately slow: keep it off the async executor.
/// Argon2 takes 19 MiB and a core for each hash. At most one hash per core runs at once, so a
/// burst of sign-ups or sign-ins queues instead of growing memory and blocking threads without
/// bound (the flash-sale benchmark's 4,000 sign-ins once left the server at 5 GiB RSS).
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

/// Runs `work` on a blocking thread once a hashing slot is free.
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let _slot = HASHING.acquire().await.ok()?;
    tokio::task::spawn_blocking(work).await.ok()
}

async fn hash(password: &Password) -> DomainResult<String> {
    let password = password.clone();
    hashing(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.expose().as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| DomainError::internal(format!("hashing failed: {e}")))
    })
    .await
    .ok_or_else(|| DomainError::internal("hashing task failed"))?
}

async fn verify(password: &Password, stored: String) -> bool {
    let password = password.clone();
    hashing(move || {
        PasswordHash::new(&stored)
            .map(|h| Argon2::default().verify_password(password.expose().as_bytes(), &h).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// Compared against when the email is unknown, so both failures take as long (no account probing).
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$S6jVu8XqWV9ehJDGSQ9xbQt8Aw8N9b8Ywnbbtp1Tl5U";

impl Accounts<'_> {
    /// Creates a shopper. A taken email is `Conflict`.
    #[tracing::instrument(skip(self, password))]
    pub async fn sign_up(self, email: Email, password: Password, name: Option<String>) -> DomainResult<UserView> {
        let name =
            name.map(|n| crate::types::clean_text(Field::Name, &n, 100, false)).transpose()?.filter(|n| !n.is_empty());
        let password_hash = hash(&password).await?;
        let inserted = user::Entity::insert(user::ActiveModel {
            email: Set(email.as_str().to_owned()),
            password_hash: Set(password_hash),
            name: Set(name),
            role: Set(Role::Shopper),
            created_at: Set(self.ctx.clock.now()),
            ..Default::default()
        })
        .on_conflict(OnConflict::column(user::Column::Email).do_nothing().to_owned())
        .exec_without_returning(&self.ctx.db)
        .await?;
        if inserted != 1 {
            return Err(DomainError::Conflict(Conflict::EmailTaken));
        }
        self.user_by_email(&email).await?.ok_or(DomainError::NotFound)
    }

    /// Signs in. Too many failures for this email from this address, from this address, or
    /// (a growing delay) for this email from anywhere refuse the attempt with `RateLimited` for a
    /// while - even with the right password (see `sign_in_limit`).
    #[tracing::instrument(skip(self, password))]
    pub async fn sign_in(self, email: &str, password: &str, peer: Option<IpAddr>) -> DomainResult<UserView> {
        if let Some(wait) = self.sign_in_wait(email, peer).await? {
            tracing::info!(wait_secs = wait.as_secs(), "sign-in refused: too many failures");
            return Err(DomainError::RateLimited { limit: Limit::SignIn, retry_after: wait });
        }
        match self.check_credentials(email, password).await {
            Ok(user) => {
                self.sign_in_succeeded(email, peer).await?;
                Ok(user)
            }
            Err(DomainError::Unauthorized) => {
                self.sign_in_failed(email, peer).await?;
                Err(DomainError::Unauthorized)
            }
            Err(e) => Err(e),
        }
    }

    /// Unknown email and wrong password give the same `Unauthorized` (and take as long).
    async fn check_credentials(self, email: &str, password: &str) -> DomainResult<UserView> {
        let (Ok(email), Ok(password)) = (Email::parse(email), Password::parse(password)) else {
            return Err(DomainError::Unauthorized);
        };
        let found = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&self.ctx.db).await?;
        let stored = found.as_ref().map_or_else(|| DUMMY_HASH.to_owned(), |u| u.password_hash.clone());
        let ok = verify(&password, stored).await;
        match found {
            Some(u) if ok => Ok(u.into()),
            _ => Err(DomainError::Unauthorized),
        }
    }

    pub async fn user_by_email(self, email: &Email) -> DomainResult<Option<UserView>> {
        user_by_email(&self.ctx.db, email).await
    }

    /// Creates the account or sets its password and role (used for `ADMIN_EMAIL`/`ADMIN_PASSWORD`
    /// and the demo accounts).
    #[tracing::instrument(skip(self, password))]
    pub async fn ensure_user(self, email: &Email, password: &Password, role: Role) -> DomainResult<UserView> {
        ensure_user(self.ctx, email, password, role).await
    }
}

pub(crate) async fn user_by_email<C: ConnectionTrait>(db: &C, email: &Email) -> DomainResult<Option<UserView>> {
    Ok(user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(db).await?.map(Into::into))
}

/// Creates the account or sets its password and role (the operations service's demo accounts
/// use it too).
pub(crate) async fn ensure_user(ctx: &Ctx, email: &Email, password: &Password, role: Role) -> DomainResult<UserView> {
    let password_hash = hash(password).await?;
    let updated = user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(password_hash.clone()))
        .col_expr(user::Column::Role, Expr::value(role))
        .filter(user::Column::Email.eq(email.as_str()))
        .exec(&ctx.db)
        .await?;
    if updated.rows_affected == 0 {
        user::Entity::insert(user::ActiveModel {
            email: Set(email.as_str().to_owned()),
            password_hash: Set(password_hash),
            name: Set(None),
            role: Set(role),
            created_at: Set(ctx.clock.now()),
            ..Default::default()
        })
        .on_conflict(OnConflict::column(user::Column::Email).do_nothing().to_owned())
        .exec_without_returning(&ctx.db)
        .await?;
    }
    user_by_email(&ctx.db, email).await?.ok_or(DomainError::NotFound)
}
