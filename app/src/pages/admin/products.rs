//! `/admin/products`: create products, edit name, price and status, and adjust stock with a
//! reason (every adjustment is recorded; stock never goes below 0).
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{AdminError, AdminOnly};
use crate::components::notice::ErrorNote;
use crate::error::ShopError;
use crate::format::krw;
use crate::i18n::{t, ta};
use crate::model::ProductCard;

#[server(endpoint = "admin_products")]
pub async fn admin_products() -> Result<Vec<ProductCard>, ShopError> {
    super::require_admin().await?;
    let found = crate::session::facade().list_products(1, domain::catalog::MAX_PER_PAGE).await?;
    Ok(found.items.into_iter().map(Into::into).collect())
}

#[server(endpoint = "admin_create_product")]
pub async fn create_product(name: String, description: String, price: i64, stock: i64) -> Result<(), ShopError> {
    let admin = super::require_admin().await?;
    let p = domain::catalog::NewProduct::parse(&name, Some(&description), price, stock, None)?;
    crate::session::facade().create_product(p, Some(admin.id)).await?;
    Ok(())
}

#[server(endpoint = "admin_update_product")]
pub async fn update_product(id: i64, name: String, price: i64, on_sale: Option<String>) -> Result<(), ShopError> {
    let admin = super::require_admin().await?;
    let status = if on_sale.is_some() { "on_sale" } else { "stopped" };
    let patch = domain::catalog::ProductPatch::parse(Some(&name), Some(price), None, Some(status))?;
    crate::session::facade().update_product(id, patch, Some(admin.id)).await?;
    Ok(())
}

#[server(endpoint = "admin_adjust_stock")]
pub async fn adjust_stock(id: i64, delta: i64, reason: String) -> Result<(), ShopError> {
    let admin = super::require_admin().await?;
    crate::session::facade().adjust_stock(id, delta, &reason, Some(admin.id)).await?;
    Ok(())
}

/// Only for admins: anyone else gets the sign-in page or a 403 (from the data's own answer), and
/// nothing of the console (the menu and the forms are inside `AdminOnly`).
#[component]
pub fn AdminProductsPage() -> impl IntoView {
    let create = ServerAction::<CreateProduct>::new();
    let update = ServerAction::<UpdateProduct>::new();
    let adjust = ServerAction::<AdjustStock>::new();
    let products = Resource::new(
        move || (create.version().get(), update.version().get(), adjust.version().get()),
        |_| admin_products(),
    );
    view! {
        <Title text=t("admin-products")/>
        <AdminOnly>
        <h1>{t("admin-products")}</h1>
        <section aria-labelledby="new-product">
            <h2 id="new-product">{t("admin-new-product")}</h2>
            <ActionForm action=create attr:class="inline-form">
                <div><label for="np-name">{t("admin-field-name")}</label><input id="np-name" type="text" name="name" required maxlength="200"/></div>
                <div><label for="np-price">{t("admin-field-price")}</label><input id="np-price" type="number" name="price" min="0" required/></div>
                <div><label for="np-stock">{t("admin-field-stock")}</label><input id="np-stock" type="number" name="stock" min="0" required/></div>
                <div class="wide"><label for="np-description">{t("admin-field-description")}</label><input id="np-description" type="text" name="description" maxlength="5000"/></div>
                <button type="submit" class="primary" disabled=create.pending()>{t("admin-create-product")}</button>
            </ActionForm>
            <ErrorNote result=create.value()/>
        </section>
        </AdminOnly>
        <ErrorNote result=update.value()/>
        <ErrorNote result=adjust.value()/>
        <Transition fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match products.await {
                    Ok(list) => view! {
                        <ul class="admin-products">
                            {list.into_iter().map(|p| view! { <ProductRow product=p update adjust/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <AdminError error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProductRow(
    product: ProductCard,
    update: ServerAction<UpdateProduct>,
    adjust: ServerAction<AdjustStock>,
) -> impl IntoView {
    let id = product.id;
    let f = move |what: &str| format!("p{id}-{what}");
    view! {
        <li class="admin-product" data-product-id=id>
            <h3>{format!("#{id} {}", product.name)}</h3>
            <p class="meta">{format!("{} · {}", krw(product.price), ta("admin-stock-of", &[("count", product.stock.into())]))}
                {(!product.on_sale).then(|| format!(" · {}", t("stock-not-on-sale")))}</p>
            <ActionForm action=update attr:class="inline-form">
                <input type="hidden" name="id" value=id/>
                <div><label for=f("name")>{t("admin-field-name")}</label><input id=f("name") type="text" name="name" value=product.name.clone() required maxlength="200"/></div>
                <div><label for=f("price")>{t("admin-field-price")}</label><input id=f("price") type="number" name="price" min="0" value=product.price required/></div>
                <div class="check"><label for=f("on-sale")><input id=f("on-sale") type="checkbox" name="on_sale" value="on" checked=product.on_sale/>{t("admin-on-sale")}</label></div>
                <button type="submit" disabled=update.pending()>{t("admin-save")}</button>
            </ActionForm>
            <ActionForm action=adjust attr:class="inline-form">
                <input type="hidden" name="id" value=id/>
                <div><label for=f("delta")>{t("admin-stock-change")}</label><input id=f("delta") type="number" name="delta" required/></div>
                <div class="wide"><label for=f("reason")>{t("admin-reason")}</label><input id=f("reason") type="text" name="reason" required maxlength="200" placeholder=t("admin-reason-placeholder")/></div>
                <button type="submit" disabled=adjust.pending()>{t("admin-adjust-stock")}</button>
            </ActionForm>
        </li>
    }
}
