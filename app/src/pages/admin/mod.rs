//! The admin console: dashboard, orders (with their timelines), products and coupon campaigns.
//! Every server function here starts with `require_admin`: shoppers get 403, anonymous callers
//! 401 (and the pages offer to sign in).
pub mod categories;
pub mod coupons;
pub mod dashboard;
pub mod order_detail;
pub mod orders;
pub mod product_edit;
pub mod product_variants;
pub mod products;

use leptos::prelude::*;

use crate::components::sign_in_prompt::SignInPrompt;
use crate::error::ShopError;
use crate::i18n::t;

/// The admin of this request, or `unauthorized` / `forbidden`.
#[cfg(feature = "ssr")]
pub async fn require_admin() -> Result<domain::accounts::UserView, ShopError> {
    let user = crate::session::require_user().await?;
    if user.role != domain::status::Role::Admin {
        return Err(domain::DomainError::Forbidden.into());
    }
    Ok(user)
}

/// Shown when an admin page's data cannot be loaded. The page's HTTP status says why as well.
#[component]
pub fn AdminError(error: ShopError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        use crate::error::ErrorCode as C;
        if matches!(error.code, C::Unauthorized | C::Forbidden | C::NotFound) {
            response.set_status(error.code.http_status());
        }
    }
    match error.code {
        crate::error::ErrorCode::Unauthorized => view! { <SignInPrompt/> }.into_any(),
        crate::error::ErrorCode::Forbidden => view! {
            <h1>{t("admin-staff-only")}</h1>
            <p class="error" role="alert">{t("error-forbidden")}</p>
        }
        .into_any(),
        _ => view! { <p class="error" role="alert">{error.message}</p> }.into_any(),
    }
}

/// Whether this request is an admin's (`unauthorized` / `forbidden` otherwise).
#[server(endpoint = "admin_gate")]
pub async fn admin_gate() -> Result<(), ShopError> {
    require_admin().await.map(|_| ())
}

/// The console's menu and its forms, shown only to an admin: a signed-out visitor or a shopper
/// sees none of them (the page's data answers them with the sign-in prompt or a 403). Every
/// server function behind the forms checks the role again by itself.
#[component]
pub fn AdminOnly(children: ChildrenFn) -> impl IntoView {
    let gate = Resource::new(|| (), |_| admin_gate());
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                gate.await.ok().map(|()| view! { <AdminNav/> {children.read_value()()} })
            })}
        </Suspense>
    }
}

#[component]
pub fn AdminNav() -> impl IntoView {
    view! {
        <nav class="admin-nav" aria-label=t("nav-admin")>
            <a href="/admin">{t("admin-dashboard")}</a>
            <a href="/admin/orders">{t("admin-orders")}</a>
            <a href="/admin/products">{t("admin-products")}</a>
            <a href="/admin/categories">{t("admin-categories")}</a>
            <a href="/admin/coupons">{t("admin-coupons")}</a>
        </nav>
    }
}
