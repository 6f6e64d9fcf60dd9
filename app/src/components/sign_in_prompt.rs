//! What a page that needs a signed-in shopper shows to a visitor.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::format::urlencode;
use crate::i18n::t;

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
