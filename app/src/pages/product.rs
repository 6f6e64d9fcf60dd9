//! One product (`/products/:id`): price, stock, a quantity and "Add to cart".
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::notice::ErrorNote;
use crate::components::site_header::CartChanged;
use crate::error::ShopError;
use crate::format::{krw, stock_label};
use crate::model::ProductCard;
use crate::pages::cart::AddToCart;

#[server(endpoint = "product")]
pub async fn product(id: i64) -> Result<ProductCard, ShopError> {
    Ok(crate::session::facade().product(id).await?.into())
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
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(p) => view! { <ProductDetail product=p add/> }.into_any(),
                    Err(e) => view! {
                        <h1>"Product not found"</h1>
                        <p class="error" role="alert">{e.message}</p>
                        <a href="/">"Back to the catalog"</a>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductDetail(product: ProductCard, add: ServerAction<AddToCart>) -> impl IntoView {
    let buyable = product.on_sale && product.stock > 0;
    let stock_text = if product.on_sale { stock_label(product.stock) } else { "Not on sale".to_owned() };
    let max = product.stock.clamp(1, 99);
    let added = move || matches!(add.value().get(), Some(Ok(_)));
    view! {
        <article class="product-page" data-product-id=product.id>
            <h1>{product.name.clone()}</h1>
            <p class="price">{krw(product.price)}</p>
            <p class="stock" data-testid="stock" class:sold-out=!buyable>{stock_text}</p>
            <p class="description">{product.description.clone()}</p>
            {buyable.then(|| view! {
                <ActionForm action=add>
                    <input type="hidden" name="product_id" value=product.id/>
                    <label for="quantity">"Quantity"</label>
                    <input id="quantity" type="number" name="quantity" min="1" max=max value="1" class="qty"/>
                    <button type="submit" class="primary" disabled=add.pending()>
                        {move || if add.pending().get() { "Adding…" } else { "Add to cart" }}
                    </button>
                </ActionForm>
            })}
            <ErrorNote result=add.value()/>
            <p class="notice" role="status">
                {move || added().then(|| view! { "Added to your cart. " <a href="/cart">"View cart"</a> })}
            </p>
        </article>
    }
}
