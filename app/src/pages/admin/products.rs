//! `/admin/products`: every product in a table (newest first) with search and paging, stock
//! adjusted in the row with a reason (every adjustment is recorded; stock never goes below 0),
//! bulk actions on the ticked rows, and a form for a new product. Editing a product's words,
//! price, shelf and pictures is on its own page (`product_edit`).
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::{AdminError, AdminOnly};
use crate::components::notice::ErrorNote;
use crate::components::pager::Pager;
use crate::error::ShopError;
use crate::format::krw;
use crate::format::urlencode;
use crate::i18n::{t, ta};
use crate::model::{CategoryTag, ProductCard};

pub const PER_PAGE: u64 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductTable {
    pub rows: Vec<ProductCard>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// Every category, for the bulk action's choice and the new product's.
    pub categories: Vec<CategoryTag>,
}

#[server(endpoint = "admin_products")]
pub async fn admin_products(q: String, page: u64) -> Result<ProductTable, ShopError> {
    super::require_admin().await?;
    let facade = crate::session::facade();
    let query = domain::catalog::ProductQuery::parse(Some(&q), None, None)?;
    let page = page.max(1);
    let found = facade.catalog().search_products(&query, page, PER_PAGE).await?;
    let categories = facade.catalog().categories().await?;
    Ok(ProductTable {
        rows: found.items.into_iter().map(Into::into).collect(),
        total: found.total,
        page,
        pages: found.total.div_ceil(PER_PAGE).max(1),
        categories: categories.into_iter().map(|c| CategoryTag { slug: c.slug, name: c.name }).collect(),
    })
}

#[server(endpoint = "admin_create_product")]
pub async fn create_product(
    name: String,
    description: String,
    price: i64,
    stock: i64,
    category: String,
) -> Result<(), ShopError> {
    let admin = super::require_admin().await?;
    let p = domain::catalog::NewProduct::parse(&name, Some(&description), price, stock, None)?
        .in_category(Some(category.as_str()).filter(|c| !c.is_empty()))?;
    crate::session::facade().catalog().create_product(p, Some(admin.id)).await?;
    Ok(())
}

#[server(endpoint = "admin_adjust_stock")]
pub async fn adjust_stock(id: i64, delta: i64, reason: String) -> Result<(), ShopError> {
    let admin = super::require_admin().await?;
    crate::session::facade().catalog().adjust_stock(id, delta, &reason, Some(admin.id)).await?;
    Ok(())
}

/// `ids`: the ticked products, comma-separated. Returns how many changed.
#[server(endpoint = "admin_bulk_products")]
pub async fn bulk_products(ids: String, action: String, category: String) -> Result<u64, ShopError> {
    super::require_admin().await?;
    let ids =
        ids.split(',').filter(|s| !s.is_empty()).map(str::parse::<i64>).collect::<Result<Vec<_>, _>>().map_err(
            |_| ShopError::new(crate::error::ErrorCode::ValidationError, crate::i18n::say("admin-bulk-none")),
        )?;
    if ids.is_empty() {
        return Err(ShopError::new(crate::error::ErrorCode::ValidationError, crate::i18n::say("admin-bulk-none")));
    }
    let action = domain::catalog::BulkAction::parse(&action, Some(&category))?;
    Ok(crate::session::facade().catalog().bulk_update_products(&ids, action).await?)
}

/// Only for admins: anyone else gets the sign-in page or a 403 (from the data's own answer), and
/// nothing of the console (the menu and the forms are inside `AdminOnly`).
#[component]
pub fn AdminProductsPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |k: &str| query.read().get(k).unwrap_or_default();
    let create = ServerAction::<CreateProduct>::new();
    let adjust = ServerAction::<AdjustStock>::new();
    let bulk = ServerAction::<BulkProducts>::new();
    // The ticked rows outlive the table's re-reads, so one selection can take several actions
    // (stop selling, then move to a category).
    let ticked = RwSignal::new(Vec::<i64>::new());
    let products = Resource::new(
        move || {
            let page = param("page").parse::<u64>().unwrap_or(1);
            (param("q"), page, create.version().get(), adjust.version().get(), bulk.version().get())
        },
        |(q, page, ..)| admin_products(q, page),
    );
    view! {
        <Title text=t("admin-products")/>
        <AdminOnly>
        <h1>{t("admin-products")}</h1>
        <form method="get" action="/admin/products" class="filters" role="search">
            <div>
                <label for="p-q">{t("admin-product-search")}</label>
                <input id="p-q" type="search" name="q" maxlength="100" value=move || param("q")/>
            </div>
            <button type="submit">{t("catalog-search-submit")}</button>
        </form>
        </AdminOnly>
        <Transition fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match products.await {
                    Ok(table) => view! { <ProductTableView table ticked create adjust bulk/> }.into_any(),
                    Err(e) => view! { <AdminError error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProductTableView(
    table: ProductTable,
    ticked: RwSignal<Vec<i64>>,
    create: ServerAction<CreateProduct>,
    adjust: ServerAction<AdjustStock>,
    bulk: ServerAction<BulkProducts>,
) -> impl IntoView {
    let query = use_query_map();
    let link_to_page = move |page: u64| {
        let q = query.read().get("q").unwrap_or_default();
        format!("/admin/products?q={}&page={page}", urlencode(&q))
    };
    let (page, pages) = (table.page, table.pages);
    let bulk_action = RwSignal::new("stop".to_owned());
    let bulk_category = RwSignal::new(String::new());
    let all_ids: Vec<i64> = table.rows.iter().map(|p| p.id).collect();
    // Rows of another page or search are no longer in view: they are not acted on.
    ticked.update_untracked(|t| t.retain(|id| all_ids.contains(id)));
    let all_ticked = {
        let all_ids = all_ids.clone();
        move || !all_ids.is_empty() && ticked.with(|t| t.len() == all_ids.len())
    };
    let categories = table.categories.clone();
    let apply = move |_| {
        let ids = ticked.get().iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        bulk.dispatch(BulkProducts { ids, action: bulk_action.get(), category: bulk_category.get() });
    };
    view! {
        <p class="meta">{ta("admin-matching-products", &[("count", (table.total as i64).into())])}</p>
        <div class="bulk-bar" role="group" aria-label=t("admin-bulk-label")>
            <span data-testid="ticked-count">{move || ta("admin-bulk-ticked", &[("count", (ticked.with(Vec::len) as i64).into())])}</span>
            <label class="visually-hidden" for="bulk-action">{t("admin-bulk-action")}</label>
            <select id="bulk-action" prop:value=bulk_action on:change=move |ev| bulk_action.set(event_target_value(&ev))>
                <option value="stop">{t("admin-bulk-stop")}</option>
                <option value="on_sale">{t("admin-bulk-on-sale")}</option>
                <option value="category">{t("admin-bulk-category")}</option>
            </select>
            <label class="visually-hidden" for="bulk-category">{t("admin-field-category")}</label>
            <select id="bulk-category" prop:value=bulk_category disabled=move || bulk_action.get() != "category"
                on:change=move |ev| bulk_category.set(event_target_value(&ev))>
                <option value="">{t("admin-category-none")}</option>
                {table.categories.iter().map(|c| view! { <option value=c.slug.clone()>{c.name.clone()}</option> }).collect_view()}
            </select>
            <button type="button" on:click=apply disabled=move || bulk.pending().get() || ticked.with(Vec::is_empty)>{t("admin-bulk-apply")}</button>
            {move || bulk.value().get().and_then(Result::ok).map(|n| view! {
                <span role="status" class="ok">{ta("admin-bulk-done", &[("count", (n as i64).into())])}</span>
            })}
        </div>
        <ErrorNote result=bulk.value()/>
        <ErrorNote result=adjust.value()/>
        <table class="lines admin-products">
            <caption class="visually-hidden">{t("admin-products-caption")}</caption>
            <thead><tr>
                <th scope="col" class="tick">
                    <input type="checkbox" aria-label=t("admin-tick-all") prop:checked=all_ticked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            ticked.set(if on { all_ids.clone() } else { Vec::new() });
                        }/>
                </th>
                <th scope="col">{t("admin-col-picture")}</th>
                <th scope="col">{t("col-product")}</th>
                <th scope="col">{t("admin-field-category")}</th>
                <th scope="col">{t("admin-field-price")}</th>
                <th scope="col">{t("admin-field-stock")}</th>
                <th scope="col">{t("col-status")}</th>
                <th scope="col">{t("admin-stock-change")}</th>
            </tr></thead>
            <tbody>
                {table.rows.into_iter().map(|p| view! { <ProductRow product=p ticked adjust/> }).collect_view()}
            </tbody>
        </table>
        <Pager page pages href=link_to_page/>
        <details class="new-product">
            <summary>{t("admin-new-product")}</summary>
            <ActionForm action=create attr:class="inline-form">
                <div><label for="np-name">{t("admin-field-name")}</label><input id="np-name" type="text" name="name" required maxlength="200"/></div>
                <div><label for="np-price">{t("admin-field-price")}</label><input id="np-price" type="number" name="price" min="0" required/></div>
                <div><label for="np-stock">{t("admin-field-stock")}</label><input id="np-stock" type="number" name="stock" min="0" required/></div>
                <div>
                    <label for="np-category">{t("admin-field-category")}</label>
                    <select id="np-category" name="category">
                        <option value="">{t("admin-category-none")}</option>
                        {categories.into_iter().map(|c| view! { <option value=c.slug>{c.name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="wide"><label for="np-description">{t("admin-field-description")}</label><textarea id="np-description" name="description" rows="2" maxlength="5000"></textarea></div>
                <button type="submit" class="primary" disabled=create.pending()>{t("admin-create-product")}</button>
            </ActionForm>
            <ErrorNote result=create.value()/>
        </details>
    }
}

#[component]
fn ProductRow(product: ProductCard, ticked: RwSignal<Vec<i64>>, adjust: ServerAction<AdjustStock>) -> impl IntoView {
    let id = product.id;
    let f = move |what: &str| format!("p{id}-{what}");
    let is_ticked = move || ticked.with(|t| t.contains(&id));
    let thumb = product.images.first().cloned();
    let has_options = product.has_options();
    view! {
        <tr data-product-id=id>
            <td class="tick">
                <input type="checkbox" aria-label=ta("admin-tick-product", &[("name", product.name.as_str().into())])
                    prop:checked=is_ticked
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ticked.update(|t| {
                            t.retain(|x| *x != id);
                            if on { t.push(id); }
                        });
                    }/>
            </td>
            <td class="thumb" data-label=t("admin-col-picture")>
                {match thumb {
                    Some(p) => view! { <img src=p.thumb_url alt="" width="48" height="48" loading="lazy"/> }.into_any(),
                    None => view! { <span class="no-picture" aria-label=t("admin-no-picture")>"—"</span> }.into_any(),
                }}
            </td>
            <th scope="row"><a href=format!("/admin/products/{id}")>{product.name.clone()}</a><span class="meta">{format!(" #{id}")}</span></th>
            <td data-label=t("admin-field-category")>{product.category.map(|c| c.name).unwrap_or_else(|| t("admin-category-none"))}</td>
            <td data-label=t("admin-field-price")>{krw(product.price)}</td>
            <td data-label=t("admin-field-stock") data-testid="stock">{product.stock}</td>
            <td data-label=t("col-status")>
                <span class=if product.on_sale { "badge paid" } else { "badge cancelled" } data-testid="product-status">
                    {if product.on_sale { t("admin-on-sale") } else { t("stock-not-on-sale") }}
                </span>
            </td>
            <td data-label=t("admin-stock-change")>
                {has_options.then(|| view! {
                    <a href=format!("/admin/products/{id}#variants-heading") data-testid="variants-link">{t("admin-stock-per-variant")}</a>
                })}
                {(!has_options).then(|| view! {
                <ActionForm action=adjust attr:class="stock-form">
                    <input type="hidden" name="id" value=id/>
                    <label class="visually-hidden" for=f("delta")>{ta("admin-stock-change-for", &[("name", product.name.as_str().into())])}</label>
                    <input id=f("delta") type="number" name="delta" required placeholder="+10" class="delta"/>
                    <label class="visually-hidden" for=f("reason")>{t("admin-reason")}</label>
                    <input id=f("reason") type="text" name="reason" required maxlength="200" placeholder=t("admin-reason-placeholder")/>
                    <button type="submit" disabled=adjust.pending()>{t("admin-adjust-stock")}</button>
                </ActionForm>
                })}
            </td>
        </tr>
    }
}
