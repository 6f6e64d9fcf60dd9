//! The header on every page: the shop's name, navigation, the cart's size and who is signed in.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::error::ShopError;
use crate::model::Viewer;
use crate::pages::account::SignOut;

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
    Ok(Viewer {
        is_admin: user.as_ref().is_some_and(|u| u.role == domain::status::role::ADMIN),
        email: user.map(|u| u.email),
        cart_units: crate::pages::cart::read_cart().units(),
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
    view! {
        <header class="site-header">
            <a class="brand" href="/">"Shop"</a>
            <nav aria-label="Main">
                <a href="/">"Catalog"</a>
                <Transition fallback=|| view! { <a href="/cart">"Cart"</a> }>
                    {move || Suspend::new(async move {
                        let v = who.await.unwrap_or(Viewer { email: None, is_admin: false, cart_units: 0 });
                        let cart = if v.cart_units > 0 { format!("Cart ({})", v.cart_units) } else { "Cart".to_owned() };
                        view! {
                            <a href="/cart" data-testid="cart-link">{cart}</a>
                            {match v.email {
                                Some(email) => view! {
                                    {v.is_admin.then(|| view! { <a href="/admin">"Admin"</a> })}
                                    <a href="/orders">"My orders"</a>
                                    <a href="/coupons">"My coupons"</a>
                                    <span class="who" data-testid="signed-in-as">{email}</span>
                                    <ActionForm action=sign_out>
                                        <button type="submit" class="link-button">"Sign out"</button>
                                    </ActionForm>
                                }.into_any(),
                                None => view! { <a href="/signin">"Sign in"</a> }.into_any(),
                            }}
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}
