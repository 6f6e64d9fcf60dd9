//! Sign in, sign up and sign out. Forms post to server functions, so they work without
//! JavaScript too; the session is the same server-side session the JSON API uses.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::notice::ErrorNote;
use crate::error::ShopError;
use crate::i18n::t;

/// Where to go after signing in: only a path on this site (never `//elsewhere`).
pub fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_owned()
    } else {
        "/".to_owned()
    }
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: String) -> Result<(), ShopError> {
    use crate::session;
    let user = match session::facade().accounts().sign_in(&email, &password, session::peer_address()).await {
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

fn next_from_query() -> impl Fn() -> String + Copy {
    let query = use_query_map();
    move || safe_next(&query.read().get("next").unwrap_or_default())
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let next = next_from_query();
    let pending = action.pending();
    view! {
        <section class="narrow">
            <Title text=t("signin-title")/>
            <h1>{t("signin-title")}</h1>
            <ActionForm action>
                <input type="hidden" name="next" value=next/>
                <label for="sign-in-email">{t("field-email")}</label>
                <input id="sign-in-email" type="email" name="email" autocomplete="email" required/>
                <label for="sign-in-password">{t("field-password")}</label>
                <input id="sign-in-password" type="password" name="password" autocomplete="current-password" required/>
                <ErrorNote result=action.value()/>
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { t("signin-pending") } else { t("signin-submit") }}
                </button>
            </ActionForm>
            <p>{t("signin-new-here")} " " <a href=move || format!("/signup?next={}", urlencode(&next()))>{t("signup-title")}</a></p>
            <p class="hint">{t("signin-demo-hint")} " demo@shop.test / demo-password"</p>
        </section>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let next = next_from_query();
    let pending = action.pending();
    view! {
        <section class="narrow">
            <Title text=t("signup-title")/>
            <h1>{t("signup-title")}</h1>
            <ActionForm action>
                <input type="hidden" name="next" value=next/>
                <label for="sign-up-name">{t("field-name-optional")}</label>
                <input id="sign-up-name" type="text" name="name" autocomplete="name" maxlength="100"/>
                <label for="sign-up-email">{t("field-email")}</label>
                <input id="sign-up-email" type="email" name="email" autocomplete="email" required/>
                <label for="sign-up-password">{t("field-new-password")}</label>
                <input id="sign-up-password" type="password" name="password" autocomplete="new-password" minlength="8" required/>
                <ErrorNote result=action.value()/>
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { t("signup-pending") } else { t("signup-submit") }}
                </button>
            </ActionForm>
            <p>{t("signup-have-account")} " " <a href=move || format!("/signin?next={}", urlencode(&next()))>{t("signin-title")}</a></p>
        </section>
    }
}

/// Shown instead of a page that needs a signed-in shopper.
#[component]
pub fn SignInPrompt() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let here = move || format!("{}{}", location.pathname.get(), location.search.get());
    view! {
        <section class="narrow">
            <Title text=t("signin-title")/>
            <p>{t("signin-prompt")}</p>
            <a class="button primary" href=move || format!("/signin?next={}", urlencode(&here()))>{t("signin-title")}</a>
        </section>
    }
}

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
