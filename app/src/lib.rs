//! The storefront's pages: Leptos components rendered on the server and hydrated in the browser.
//! Server functions are thin adapters over `domain::OrderFacade`, which only the `ssr` build sees.
#![recursion_limit = "256"]

pub mod bundle;
pub mod cart;
pub mod components;
#[cfg(feature = "ssr")]
pub mod cookies;
pub mod csp;
pub mod error;
pub mod format;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod raw_text;
pub mod refusals;
#[cfg(feature = "ssr")]
pub mod request;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod session;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

use components::site_header::{CartChanged, SiteHeader};
use i18n::t;
use pages::account::{SignInPage, SignUpPage};
use pages::admin::categories::AdminCategoriesPage;
use pages::admin::coupons::AdminCouponsPage;
use pages::admin::dashboard::AdminDashboardPage;
use pages::admin::order_detail::AdminOrderPage;
use pages::admin::orders::AdminOrdersPage;
use pages::admin::product_edit::AdminProductPage;
use pages::admin::products::AdminProductsPage;
use pages::cart::CartPage;
use pages::catalog::CatalogPage;
use pages::checkout::CheckoutPage;
use pages::coupons::CouponsPage;
use pages::not_found::NotFound;
use pages::orders::{OrderPage, OrdersPage};
use pages::product::ProductPage;

/// The HTML document around the app (server side).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    csp::send_page_policy();
    // The shell is only ever rendered on the server, in the language of the request.
    #[cfg(feature = "ssr")]
    let lang = i18n::request_lang().code();
    #[cfg(not(feature = "ssr"))]
    let lang = i18n::Lang::default().code();
    // The server names the files its site holds; without it (a test rendering the shell alone),
    // the names this binary's build would give.
    let bundle =
        use_context::<bundle::Bundle>().unwrap_or_else(|| bundle::Bundle::of_this_binary(&options.output_name));
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <AutoReload options=options.clone()/>
                // The bundle's stylesheet, under its hashed name in a release build. Named from
                // the bundle the server read once at start: leptos_meta's `HashedStylesheet`
                // reads `hash.txt` from disk on every page.
                <link rel="stylesheet" id="leptos" href=format!("/{}/{}", options.site_pkg_dir, bundle.css)/>
                // After the page's load, at the browser's first idle moment (bundle.rs).
                <bundle::HydrationScript bundle/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    CartChanged::provide();
    view! {
        <i18n::I18nProvider>
            <Shop/>
        </i18n::I18nProvider>
    }
}

/// Everything below the translations: the head's defaults, the header and the routes.
#[component]
fn Shop() -> impl IntoView {
    // The language is fixed for a page load (the switcher reloads), so the title's suffix is too.
    // Every page's title passes through here, the one place it is escaped (raw_text.rs).
    let shop = t("shop-name");
    let title = move |page: String| {
        raw_text::escaped_on_server(if page.is_empty() { shop.clone() } else { format!("{page} | {shop}") })
    };
    view! {
        <Title formatter=title text=""/>
        <Router>
            // Every page renders whole on the server (`SsrMode::Async`): without JavaScript a
            // streamed page would stay at its loading placeholders.
            <a class="skip-link" href="#main">{t("skip-to-content")}</a>
            <SiteHeader/>
            <main id="main">
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view=CatalogPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("products"), ParamSegment("id")) view=ProductPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("cart") view=CartPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("checkout") view=CheckoutPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("orders") view=OrdersPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("orders"), ParamSegment("id")) view=OrderPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("coupons") view=CouponsPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("signin") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("signup") view=SignUpPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("admin") view=AdminDashboardPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("orders")) view=AdminOrdersPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("orders"), ParamSegment("id")) view=AdminOrderPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("products")) view=AdminProductsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("products"), ParamSegment("id")) view=AdminProductPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("categories")) view=AdminCategoriesPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("coupons")) view=AdminCouponsPage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}

/// Run by the page's loader in a task of its own before [`hydrate`]: the work hydration would
/// otherwise start with (parsing the translations), so that no single task holds the main thread
/// as long (`bundle::HydrationScript`).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn warm_up() {
    i18n::warm_up();
}

/// The browser entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // Tells browser tests (and anyone curious) that the page now reacts client-side.
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
