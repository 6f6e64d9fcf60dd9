use leptos::prelude::*;

use crate::format::{krw, stock_label};
use crate::model::ProductCard as Card;

/// One product in the catalog grid. "Details" unfolds the description (client-side, so it only
/// works once the page is hydrated).
#[component]
pub fn ProductCard(product: Card) -> impl IntoView {
    let (open, set_open) = signal(false);
    let sold_out = product.stock <= 0 || !product.on_sale;
    let stock_text = if product.on_sale { stock_label(product.stock) } else { "Not on sale".to_owned() };
    let details_id = format!("product-{}-details", product.id);
    let description = product.description.clone();
    view! {
        <article class="product-card" data-product-id=product.id>
            <h2 class="product-name"><a href=format!("/products/{}", product.id)>{product.name.clone()}</a></h2>
            <p class="price">{krw(product.price)}</p>
            <p class="stock" class:sold-out=sold_out class:low-stock=move || !sold_out && product.stock <= crate::format::LOW_STOCK>
                {stock_text}
            </p>
            <button
                type="button"
                class="link-button"
                aria-expanded=move || open.get().to_string()
                aria-controls=details_id.clone()
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                {move || if open.get() { "Hide details" } else { "Details" }}
            </button>
            <p id=details_id class="description" hidden=move || !open.get()>{description}</p>
        </article>
    }
}
