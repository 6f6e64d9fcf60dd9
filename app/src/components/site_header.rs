//! The header on every page: the shop's name, navigation, the cart's size and who is signed in.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::error::ShopError;
use crate::i18n::{Lang, lang, t, ta};
use crate::model::Viewer;
use crate::server_fns::account::SignOut;

/// Counts cart changes made without a navigation (adding from a product page, editing the cart),
/// so the header re-reads the cart's size.
#[derive(Clone, Copy)]
pub struct CartChanged(RwSignal<u32>);

impl CartChanged {
    pub fn provide() {
        provide_context(Self(RwSignal::new(0)));
    }

    /// Bumps the count whenever `version` (an action's version) moves.
    pub fn follow(version: impl Fn() -> usize + Send + Sync + 'static) {
        if let Some(Self(count)) = use_context::<Self>() {
            Effect::watch(version, move |_, _, _| count.update(|c| *c += 1), false);
        }
    }

    fn get() -> u32 {
        use_context::<Self>().map_or(0, |Self(c)| c.get())
    }
}

#[server(endpoint = "viewer")]
pub async fn current_viewer() -> Result<Viewer, ShopError> {
    let user = crate::session::current_user().await?;
    let cart_units = crate::server_fns::cart::read_cart(user.as_ref()).await?.units();
    Ok(Viewer {
        is_admin: user.as_ref().is_some_and(|u| u.role == domain::status::Role::Admin),
        email: user.map(|u| u.email),
        cart_units,
    })
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let location = use_location();
    let sign_out = ServerAction::<SignOut>::new();
    // Re-read on every navigation: sign-in, sign-out and cart changes all end in one.
    let who = Resource::new(
        move || (location.pathname.get(), location.search.get(), CartChanged::get(), sign_out.version().get()),
        |_| current_viewer(),
    );
    // Phones: the brand, the cart and a menu button; the rest folds away until asked for, from
    // the first paint on (folding it only once hydrated moved the whole page down the screen).
    // The button is a link to the menu: without JavaScript, `#site-nav:target` unfolds it.
    let menu_open = RwSignal::new(false);
    Effect::watch(move || location.pathname.get(), move |_, _, _| menu_open.set(false), false);
    view! {
        <header class="site-header" class:menu-open=move || menu_open.get()>
            <a class="brand" href="/">{t("shop-name")}</a>
            <a href="#site-nav" role="button" class="menu-button button" aria-controls="site-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |ev: leptos::ev::MouseEvent| {
                    ev.prevent_default();
                    menu_open.update(|o| *o = !*o);
                }>
                {t("nav-menu")}
            </a>
            <nav id="site-nav" aria-label=t("nav-main")>
                <a href="/">{t("nav-catalog")}</a>
                <Transition fallback=|| view! { <a href="/cart" class="cart-link">{t("nav-cart")}</a> }>
                    {move || Suspend::new(async move {
                        let v = who.await.unwrap_or(Viewer { email: None, is_admin: false, cart_units: 0 });
                        let cart = if v.cart_units > 0 {
                            ta("nav-cart-count", &[("count", v.cart_units.into())])
                        } else {
                            t("nav-cart")
                        };
                        view! {
                            <a href="/cart" class="cart-link" data-testid="cart-link">{cart}</a>
                            {match v.email {
                                Some(email) => view! {
                                    {v.is_admin.then(|| view! { <a href="/admin">{t("nav-admin")}</a> })}
                                    <a href="/orders">{t("nav-my-orders")}</a>
                                    <a href="/coupons">{t("nav-my-coupons")}</a>
                                    <span class="who" data-testid="signed-in-as">{email}</span>
                                    <ActionForm action=sign_out>
                                        <button type="submit" class="link-button">{t("nav-sign-out")}</button>
                                    </ActionForm>
                                }.into_any(),
                                None => view! { <a href="/signin">{t("nav-sign-in")}</a> }.into_any(),
                            }}
                        }
                    })}
                </Transition>
            </nav>
            <LanguageSwitcher/>
        </header>
    }
}

/// Links to the page in the other language. A plain link to the server (`/lang/{code}`), which
/// remembers the choice in the `lang` cookie and sends the shopper back to the same page, so it
/// works without JavaScript and the whole page, server-rendered, changes at once
/// (`rel="external"` keeps the client-side router from handling it as an in-app route).
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let location = use_location();
    let current = lang();
    // The router's `search` comes without its `?` (and may come with it elsewhere): add it once.
    let here = move || {
        let search = location.search.get();
        match search.trim_start_matches('?') {
            "" => location.pathname.get(),
            query => format!("{}?{query}", location.pathname.get()),
        }
    };
    view! {
        <nav class="language-switcher" aria-label=t("nav-language")>
            {Lang::ALL.into_iter().map(|l| {
                let href = move || format!("/lang/{}?next={}", l.code(), crate::format::urlencode(&here()));
                view! {
                    <a href=href hreflang=l.code() lang=l.code() rel="external"
                        aria-current=(l == current).then_some("true") data-lang=l.code()>
                        {l.name()}
                    </a>
                }
            }).collect_view()}
        </nav>
    }
}
