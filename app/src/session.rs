//! Server side of the pages' sign-in: the `shop_session` cookie (the same server-side sessions
//! as the JSON API, so signing in on either works for both) and the shop facade, read from the
//! request the server function or page is handling.
use crate::cookies::SESSION_COOKIE;
use crate::request::{cookie_policy, request_cookie, set_cookie};
use domain::OrderFacade;
use domain::accounts::UserView;
use leptos::prelude::*;

use crate::error::ShopError;

pub fn facade() -> OrderFacade {
    expect_context::<OrderFacade>()
}

/// The signed-in user, if any.
pub async fn current_user() -> Result<Option<UserView>, ShopError> {
    match request_cookie(SESSION_COOKIE) {
        Some(token) => Ok(facade().accounts().session_user(&token).await?),
        None => Ok(None),
    }
}

/// The signed-in user, or `unauthorized` (the page then offers to sign in).
pub async fn require_user() -> Result<UserView, ShopError> {
    current_user().await?.ok_or_else(|| domain::DomainError::Unauthorized.into())
}

/// Starts a fresh session (a new token every time: the session id rotates on sign-in) and ends
/// the one the browser had, if any.
pub async fn start(user_id: domain::types::UserId) -> Result<(), ShopError> {
    let facade = facade();
    if let Some(old) = request_cookie(SESSION_COOKIE) {
        facade.accounts().end_session(&old).await?;
    }
    let token = facade.accounts().start_session(user_id).await?;
    set_cookie(&cookie_policy().set(&token));
    // The cart this browser filled before signing in joins the account's, and the cookie goes.
    let browser = crate::cart::cookie_cart();
    if !browser.is_empty() {
        facade.orders().merge_cart(user_id, browser.lines()).await?;
        crate::cart::write_cookie_cart(&crate::cart::Cart::default());
    }
    Ok(())
}

pub async fn end() -> Result<(), ShopError> {
    if let Some(token) = request_cookie(SESSION_COOKIE) {
        facade().accounts().end_session(&token).await?;
    }
    set_cookie(&cookie_policy().clear());
    Ok(())
}
