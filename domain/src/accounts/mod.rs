//! The accounts service: signing up and in, sessions, and the limit on failed sign-ins.
pub(crate) mod sessions;
pub(crate) mod sign_in_limit;
pub(crate) mod users;
mod views;

pub use sessions::SESSION_TTL_DAYS;
pub(crate) use sessions::{SESSION_LOOKUP_BATCH_MAX, SESSION_LOOKUP_LANES, SessionLookup};
pub use sign_in_limit::ClientIp;
pub use views::UserView;

use std::sync::Arc;

use crate::batch_queue::BatchQueue;
use crate::context::Ctx;

/// Signing up and in, sessions, and the limit on failed sign-ins (`facade.accounts()`).
#[derive(Clone, Copy)]
pub struct Accounts<'a> {
    ctx: &'a Ctx,
    session_lookups: &'a Arc<BatchQueue<SessionLookup>>,
}

impl<'a> Accounts<'a> {
    pub(crate) fn new(ctx: &'a Ctx, session_lookups: &'a Arc<BatchQueue<SessionLookup>>) -> Self {
        Self { ctx, session_lookups }
    }
}
