use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::product_card::ProductCard;
use crate::error::ShopError;
use crate::model::CatalogPage as Page;

pub const PER_PAGE: u64 = 12;

/// One page of the catalog, straight from the database.
#[server(endpoint = "catalog")]
pub async fn catalog(page: u64) -> Result<Page, ShopError> {
    let facade = expect_context::<domain::OrderFacade>();
    let page = page.max(1);
    let found = facade.list_products(page, PER_PAGE).await?;
    Ok(Page {
        items: found.items.into_iter().map(Into::into).collect(),
        page,
        pages: found.total.div_ceil(PER_PAGE).max(1),
        total: found.total,
    })
}

#[component]
pub fn CatalogPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u64>().ok()).unwrap_or(1).max(1);
    let products = Resource::new(page, catalog);
    view! {
        <h1>"Catalog"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading products…"</p> }>
            {move || Suspend::new(async move {
                match products.await {
                    Ok(found) if found.items.is_empty() => view! { <p>"No products yet."</p> }.into_any(),
                    Ok(found) => view! {
                        <section class="product-grid" aria-label="Products">
                            {found.items.into_iter().map(|p| view! { <ProductCard product=p/> }).collect_view()}
                        </section>
                        <Pager page=found.page pages=found.pages/>
                    }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Pager(page: u64, pages: u64) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label="Pages">
                {(page > 1).then(|| view! { <a rel="prev" href=format!("/?page={}", page - 1)>"← Previous"</a> })}
                <span>{format!("Page {page} of {pages}")}</span>
                {(page < pages).then(|| view! { <a rel="next" href=format!("/?page={}", page + 1)>"Next →"</a> })}
            </nav>
        }
    })
}
