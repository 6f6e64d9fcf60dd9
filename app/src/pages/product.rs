//! One product (`/products/:id`): price, stock, a quantity and "Add to cart".
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::components::notice::ErrorNote;
use crate::components::option_picker::{Chosen, OptionPicker};
use crate::components::site_header::CartChanged;
use crate::error::ShopError;
use crate::format::{krw, stock_label};
use crate::i18n::{t, ta};
use crate::model::ProductCard;
use crate::server_fns::cart::AddToCart;

#[server(endpoint = "product")]
pub async fn product(id: i64) -> Result<ProductCard, ShopError> {
    Ok(crate::session::facade().catalog().product(id).await?.into())
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let add = ServerAction::<AddToCart>::new();
    CartChanged::follow(move || add.version().get());
    // Re-read after adding, so the stock shown is current.
    let found = Resource::new(move || (id(), add.version().get()), |(id, _)| product(id));
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(p) => view! { <ProductDetail product=p add/> }.into_any(),
                    Err(e) => view! { <ProductMissing error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductDetail(product: ProductCard, add: ServerAction<AddToCart>) -> impl IntoView {
    let has_options = product.has_options();
    let buyable =
        product.on_sale && if has_options { product.variants.iter().any(|v| v.buyable()) } else { product.stock > 0 };
    let chosen = Chosen::new(product.options.len());
    // The price and stock follow the choice: the variant's once every option is chosen, else
    // the lowest price ("from", when they differ) and a prompt to choose.
    let card = StoredValue::new(product.clone());
    let choice = move || card.with_value(|p| chosen.0.with(|c| p.variant_with(c).cloned()));
    let (base_price, varies) = (product.price, product.price_varies());
    let price_text = move || match choice() {
        Some(v) => krw(v.price),
        None if varies => ta("price-from", &[("price", krw(base_price).into())]),
        None => krw(base_price),
    };
    let on_sale = product.on_sale;
    let plain_stock = product.stock;
    let stock_text = move || match choice() {
        _ if !on_sale => t("stock-not-on-sale"),
        Some(v) if !v.on_sale => t("stock-not-on-sale"),
        Some(v) => stock_label(v.stock),
        None if has_options && buyable => t("option-choose-prompt"),
        None if has_options => t("stock-sold-out"),
        None => stock_label(plain_stock),
    };
    let sold_out = move || !buyable || choice().is_some_and(|v| !v.buyable());
    // Up to the order limit, not the stock: asking for more than is left is answered with
    // what is left and a note, rather than a browser tooltip.
    let max = crate::cart::MAX_QUANTITY;
    let og_image = product.images.first().map(|p| absolute(&p.url));
    let description = summary(&product.description, &product.name);
    let meta_description = match &product.category {
        Some(c) => format!("{} · {description}", c.name),
        None => description.clone(),
    };
    let added = move || match add.value().get() {
        Some(Ok(a)) => Some(a.note),
        _ => None,
    };
    view! {
        <Title text=product.name.clone()/>
        <Meta name="description" content=meta_description/>
        <Meta property="og:type" content="product"/>
        <Meta property="og:title" content=product.name.clone()/>
        <Meta property="og:description" content=description/>
        {og_image.map(|url| view! { <Meta property="og:image" content=url/> })}
        <article class="product-page" data-product-id=product.id>
            <Gallery pictures=product.images.clone()/>
            <div class="product-info">
            {product.category.clone().map(|c| view! {
                <a class="category-tag" href=format!("/?category={}", c.slug)>{c.name}</a>
            })}
            <h1>{product.name.clone()}</h1>
            <p class="price" data-testid="price">{price_text}</p>
            <p class="stock" data-testid="stock" class:sold-out=sold_out role="status">{stock_text}</p>
            <p class="description">{product.description.clone()}</p>
            {buyable.then(|| view! {
                <ActionForm action=add attr:class="add-form">
                    <input type="hidden" name="product_id" value=product.id/>
                    {has_options.then(|| view! { <OptionPicker product=card.get_value() chosen/> })}
                    <label for="quantity">{t("col-quantity")}</label>
                    <input id="quantity" type="number" name="quantity" min="1" max=max value="1" class="qty"/>
                    <button type="submit" class="primary" disabled=add.pending()>
                        {move || if add.pending().get() { t("product-adding") } else { t("product-add-to-cart") }}
                    </button>
                </ActionForm>
            })}
            <ErrorNote result=add.value()/>
            <p class="notice" role="status">
                {move || added().map(|note| view! {
                    {note.map(|n| view! { <strong class="clamped">{n}</strong> " " })}
                    {t("product-added")} " " <a href="/cart">{t("product-view-cart")}</a>
                })}
            </p>
            </div>
        </article>
    }
}

/// An unknown product: a real 404, so search engines and link checkers see it too.
#[component]
fn ProductMissing(error: ShopError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if error.code == crate::error::ErrorCode::NotFound
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
    {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let missing = error.code == crate::error::ErrorCode::NotFound;
    view! {
        <Title text=t("product-not-found")/>
        <h1>{if missing { t("product-not-found") } else { t("error-title") }}</h1>
        <p class="error" role="alert">{error.message}</p>
        <a href="/">{t("back-to-catalog")}</a>
    }
}

/// The page's meta description: the product's description, cut at about 150 characters.
fn summary(description: &str, name: &str) -> String {
    let text = if description.trim().is_empty() { name } else { description.trim() };
    match text.char_indices().nth(150) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The main picture, large (with its size, so the page does not jump), and the others as
/// thumbnails below it.
#[component]
fn Gallery(pictures: Vec<crate::model::Picture>) -> impl IntoView {
    let mut pictures = pictures.into_iter();
    let main = pictures.next();
    let rest: Vec<_> = pictures.collect();
    view! {
        <div class="gallery">
            {match main {
                Some(p) => view! {
                    <img class="main-picture" src=p.url.clone() width=p.width height=p.height alt=p.alt.clone()
                        srcset=format!("{} {}w, {} {}w", p.thumb_url, p.thumb_width, p.url, p.width)
                        sizes="(max-width: 640px) 100vw, 36rem" fetchpriority="high"/>
                }.into_any(),
                None => view! { <span class="no-picture large"></span> }.into_any(),
            }}
            {(!rest.is_empty()).then(|| view! {
                <ul class="more-pictures">
                    {rest.into_iter().map(|p| view! {
                        <li><a href=p.url.clone()><img src=p.thumb_url width=p.thumb_width height=p.thumb_height alt=p.alt loading="lazy"/></a></li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// An absolute URL for a path on this shop (OpenGraph wants one), from the request's host.
fn absolute(path: &str) -> String {
    #[cfg(feature = "ssr")]
    if let Some(host) = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).map(str::to_owned))
    {
        return format!("http://{host}{path}");
    }
    path.to_owned()
}
