//! Signing in, up and out: the server functions the account pages and the header post to. The
//! session is the same server-side session the JSON API uses.
use leptos::prelude::*;

use crate::error::ShopError;
#[cfg(feature = "ssr")]
use crate::format::safe_next;

#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: String) -> Result<(), ShopError> {
    use crate::session;
    let user = match session::facade().accounts().sign_in(&email, &password, crate::request::peer_address()).await {
        Ok(user) => user,
        // The same words for an unknown email and a wrong password.
        Err(domain::DomainError::Unauthorized) => {
            return Err(ShopError::new(crate::error::ErrorCode::Unauthorized, crate::i18n::say("signin-wrong")));
        }
        Err(e) => return Err(e.into()),
    };
    session::start(user.id).await?;
    leptos_axum::redirect(&safe_next(&next));
    Ok(())
}

#[server(endpoint = "sign_up")]
pub async fn sign_up(email: String, password: String, name: String, next: String) -> Result<(), ShopError> {
    use crate::session;
    use domain::types::{Email, Password};
    let email = Email::parse(&email)?;
    let password = Password::parse(&password)?;
    let name = Some(name).filter(|n| !n.trim().is_empty());
    let user = session::facade().accounts().sign_up(email, password, name).await?;
    session::start(user.id).await?;
    leptos_axum::redirect(&safe_next(&next));
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), ShopError> {
    crate::session::end().await?;
    leptos_axum::redirect("/");
    Ok(())
}
