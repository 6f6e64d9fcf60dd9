//! The sign-in and sign-up pages. Their forms post to server functions (`server_fns/account.rs`),
//! so they work without JavaScript too.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::notice::ErrorNote;
use crate::format::{safe_next, urlencode};
use crate::i18n::t;
use crate::server_fns::account::{SignIn, SignUp};

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
