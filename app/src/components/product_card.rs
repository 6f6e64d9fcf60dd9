//! One product in the catalog grid: its picture, name, category, price and stock, "Add to cart"
//! (a form, so it works without JavaScript) and "Details", which unfolds the description once
//! the page is hydrated.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::notice::ErrorNote;
use crate::components::site_header::CartChanged;
use crate::format::{krw, stock_label};
use crate::i18n::t;
use crate::model::ProductCard as Card;
use crate::pages::cart::AddToCart;

#[component]
pub fn ProductCard(
    product: Card,
    /// Load the picture with the page (the first row) instead of when it scrolls into view.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let (open, set_open) = signal(false);
    let add = ServerAction::<AddToCart>::new();
    CartChanged::follow(move || add.version().get());
    let buyable = product.on_sale && product.stock > 0;
    let stock_text = if product.on_sale { stock_label(product.stock) } else { t("stock-not-on-sale") };
    let details_id = format!("product-{}-details", product.id);
    let description = product.description.clone();
    let href = format!("/products/{}", product.id);
    let picture = product.images.first().cloned();
    let added = move || match add.value().get() {
        Some(Ok(a)) => Some(a.note.unwrap_or_else(|| t("product-added"))),
        _ => None,
    };
    view! {
        <article class="product-card" data-product-id=product.id>
            <a href=href.clone() class="card-picture" tabindex="-1" aria-hidden="true">
                {match picture {
                    Some(p) => view! {
                        <img src=p.thumb_url width=p.thumb_width height=p.thumb_height alt=""
                            loading=if eager { "eager" } else { "lazy" } decoding="async"/>
                    }.into_any(),
                    None => view! { <span class="no-picture"></span> }.into_any(),
                }}
            </a>
            <h2 class="product-name"><a href=href>{product.name.clone()}</a></h2>
            {product.category.clone().map(|c| view! {
                <a class="category-tag" href=format!("/?category={}", c.slug)>{c.name}</a>
            })}
            <p class="price">{krw(product.price)}</p>
            <p class="stock" class:sold-out=!buyable class:low-stock=move || buyable && product.stock <= crate::format::LOW_STOCK>
                {stock_text}
            </p>
            {buyable.then(|| view! {
                <ActionForm action=add attr:class="card-add">
                    <input type="hidden" name="product_id" value=product.id/>
                    <input type="hidden" name="quantity" value="1"/>
                    <button type="submit" class="primary" disabled=add.pending()>
                        {t("product-add-to-cart")}
                        <span class="visually-hidden">{format!(" {}", product.name)}</span>
                    </button>
                </ActionForm>
            })}
            <ErrorNote result=add.value()/>
            <p class="notice" role="status">{added}</p>
            <button
                type="button"
                class="link-button"
                aria-expanded=move || open.get().to_string()
                aria-controls=details_id.clone()
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                {move || if open.get() { t("card-hide-details") } else { t("card-details") }}
            </button>
            <p id=details_id class="description" hidden=move || !open.get()>{description}</p>
        </article>
    }
}
