//! `/admin/products/{id}`: a product's name, description, price, shelf and status, and its
//! pictures - uploaded several at a time, described (alt text), reordered (the first is the main
//! picture) and removed. Uploads go through a plain multipart form (`server/src/image_upload.rs`)
//! that sends the admin back here with what was added and what was refused.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::product_variants::{DefineOptions, SaveVariant, VariantsSection};
use super::{AdminError, AdminOnly};
use crate::components::notice::ErrorNote;
use crate::error::ShopError;
use crate::i18n::{t, ta};
use crate::model::{CategoryTag, Picture, ProductCard};
use crate::raw_text::escaped_on_server;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductEdit {
    pub product: ProductCard,
    pub categories: Vec<CategoryTag>,
}

#[server(endpoint = "admin_product")]
pub async fn admin_product(id: i64) -> Result<ProductEdit, ShopError> {
    super::require_admin().await?;
    let facade = crate::session::facade();
    let product = facade.catalog().product(id).await?;
    let categories = facade.catalog().categories().await?;
    Ok(ProductEdit {
        product: product.into(),
        categories: categories.into_iter().map(|c| CategoryTag { slug: c.slug, name: c.name }).collect(),
    })
}

#[server(endpoint = "admin_save_product")]
pub async fn save_product(
    id: i64,
    name: String,
    description: String,
    /// Absent for a product with options (its prices are its variants').
    price: Option<i64>,
    category: String,
    on_sale: Option<String>,
) -> Result<(), ShopError> {
    let admin = super::require_admin().await?;
    use domain::status::ProductStatus;
    let status = if on_sale.is_some() { ProductStatus::OnSale } else { ProductStatus::Stopped }.as_str();
    let patch = domain::catalog::ProductPatch::parse(Some(&name), price, None, Some(status))?
        .with_description(Some(&description))?
        .with_category(Some(Some(category.as_str()).filter(|c| !c.is_empty())))?;
    crate::session::facade().catalog().update_product(id, patch, Some(admin.id)).await?;
    Ok(())
}

#[server(endpoint = "admin_image_alt")]
pub async fn image_alt(product_id: i64, image_id: i64, alt: String) -> Result<(), ShopError> {
    super::require_admin().await?;
    crate::session::facade().catalog().set_image_alt(product_id, image_id, &alt).await?;
    Ok(())
}

/// `direction`: `earlier` or `later`.
#[server(endpoint = "admin_move_image")]
pub async fn move_image(product_id: i64, image_id: i64, direction: String) -> Result<(), ShopError> {
    super::require_admin().await?;
    crate::session::facade().catalog().move_image(product_id, image_id, direction == "earlier").await?;
    Ok(())
}

#[server(endpoint = "admin_remove_image")]
pub async fn remove_image(product_id: i64, image_id: i64) -> Result<(), ShopError> {
    super::require_admin().await?;
    crate::session::facade().catalog().remove_image(product_id, image_id).await?;
    Ok(())
}

#[component]
pub fn AdminProductPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let save = ServerAction::<SaveProduct>::new();
    let alt = ServerAction::<ImageAlt>::new();
    let mover = ServerAction::<MoveImage>::new();
    let remove = ServerAction::<RemoveImage>::new();
    let define = ServerAction::<DefineOptions>::new();
    let save_variant = ServerAction::<SaveVariant>::new();
    let versions = move || {
        (
            save.version().get(),
            alt.version().get(),
            mover.version().get(),
            remove.version().get(),
            define.version().get(),
            save_variant.version().get(),
        )
    };
    let product = Resource::new(move || (id(), versions()), |(id, _)| admin_product(id));
    view! {
        <Title text=t("admin-edit-product")/>
        <AdminOnly>
            <p><a href="/admin/products">{t("admin-back-to-products")}</a></p>
        </AdminOnly>
        <Transition fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match product.await {
                    Ok(p) => view! { <EditForms edit=p save alt mover remove define save_variant/> }.into_any(),
                    Err(e) => view! { <AdminError error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn EditForms(
    edit: ProductEdit,
    save: ServerAction<SaveProduct>,
    alt: ServerAction<ImageAlt>,
    mover: ServerAction<MoveImage>,
    remove: ServerAction<RemoveImage>,
    define: ServerAction<DefineOptions>,
    save_variant: ServerAction<SaveVariant>,
) -> impl IntoView {
    let p = edit.product;
    let id = p.id;
    let has_options = p.has_options();
    let variants_of = p.clone();
    let current = p.category.as_ref().map(|c| c.slug.clone()).unwrap_or_default();
    let count = p.images.len();
    view! {
        <h1>{p.name.clone()}<span class="meta">{format!(" #{id}")}</span></h1>
        <section aria-labelledby="details-heading">
            <h2 id="details-heading">{t("admin-product-details")}</h2>
            <ActionForm action=save attr:class="edit-form">
                <input type="hidden" name="id" value=id/>
                <div><label for="e-name">{t("admin-field-name")}</label><input id="e-name" type="text" name="name" value=p.name.clone() required maxlength="200"/></div>
                {(!has_options).then(|| view! {
                    <div><label for="e-price">{t("admin-field-price")}</label><input id="e-price" type="number" name="price" min="0" value=p.price required/></div>
                })}
                <div>
                    <label for="e-category">{t("admin-field-category")}</label>
                    <select id="e-category" name="category">
                        <option value="" selected=current.is_empty()>{t("admin-category-none")}</option>
                        {edit.categories.into_iter().map(|c| {
                            let selected = c.slug == current;
                            view! { <option value=c.slug selected=selected>{c.name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="check"><label for="e-on-sale"><input id="e-on-sale" type="checkbox" name="on_sale" value="on" checked=p.on_sale/>{t("admin-on-sale")}</label></div>
                <div class="wide"><label for="e-description">{t("admin-field-description")}</label><textarea id="e-description" name="description" rows="5" maxlength="5000">{escaped_on_server(p.description.clone())}</textarea></div>
                <p class="meta wide">{if has_options {
                    ta("admin-stock-on-variants", &[("count", p.stock.into())])
                } else {
                    ta("admin-stock-on-table", &[("count", p.stock.into())])
                }}</p>
                <button type="submit" class="primary" disabled=save.pending()>{t("admin-save")}</button>
                {move || save.value().get().and_then(Result::ok).map(|()| view! { <span role="status" class="ok">{t("admin-saved")}</span> })}
            </ActionForm>
            <ErrorNote result=save.value()/>
        </section>
        <VariantsSection product=variants_of define save=save_variant/>
        <section aria-labelledby="pictures-heading">
            <h2 id="pictures-heading">{t("admin-pictures")}</h2>
            <UploadResult/>
            <ErrorNote result=alt.value()/>
            <ErrorNote result=mover.value()/>
            <ErrorNote result=remove.value()/>
            {(count == 0).then(|| view! { <p class="meta">{t("admin-no-pictures")}</p> })}
            <ol class="admin-pictures">
                {p.images.into_iter().enumerate().map(|(i, pic)| view! {
                    <PictureItem product_id=id picture=pic first=i == 0 last=i + 1 == count alt mover remove/>
                }).collect_view()}
            </ol>
            <form method="post" enctype="multipart/form-data" action=format!("/admin/products/{id}/images") class="upload-form">
                <div class="wide"><label for="u-alt">{t("admin-upload-alt")}</label><input id="u-alt" type="text" name="alt" maxlength="200"/></div>
                <div class="wide">
                    <label for="u-files">{t("admin-upload-files")}</label>
                    <input id="u-files" type="file" name="file" multiple required accept="image/jpeg,image/png,image/webp"/>
                    <p class="meta">{t("admin-upload-hint")}</p>
                </div>
                <button type="submit" class="primary">{t("admin-upload")}</button>
            </form>
        </section>
    }
}

/// What the last upload did, from the query the upload sent the admin back with.
#[component]
fn UploadResult() -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        let uploaded = q.get("uploaded").and_then(|n| n.parse::<i64>().ok());
        let refused = q.get("refused");
        let file = q.get("file").unwrap_or_default();
        view! {
            {uploaded.filter(|n| *n > 0).map(|n| view! {
                <p role="status" class="ok" data-testid="upload-done">{ta("admin-upload-done", &[("count", n.into())])}</p>
            })}
            {refused.map(|why| {
                let key = match why.as_str() {
                    "size" => "admin-upload-refused-size",
                    "too_many" => "admin-upload-refused-too-many",
                    "alt" => "admin-upload-refused-alt",
                    "type" => "admin-upload-refused-type",
                    _ => "admin-upload-refused-unreadable",
                };
                view! { <p class="error" role="alert" data-testid="upload-refused">{ta(key, &[("file", file.clone().into())])}</p> }
            })}
        }
    }
}

#[component]
fn PictureItem(
    product_id: i64,
    picture: Picture,
    first: bool,
    last: bool,
    alt: ServerAction<ImageAlt>,
    mover: ServerAction<MoveImage>,
    remove: ServerAction<RemoveImage>,
) -> impl IntoView {
    let image_id = picture.id;
    let alt_id = format!("alt-{image_id}");
    view! {
        <li data-image-id=image_id>
            <img src=picture.thumb_url width=picture.thumb_width height=picture.thumb_height alt=picture.alt.clone() loading="lazy"/>
            {first.then(|| view! { <span class="badge paid">{t("admin-main-picture")}</span> })}
            <ActionForm action=alt attr:class="alt-form">
                <input type="hidden" name="product_id" value=product_id/>
                <input type="hidden" name="image_id" value=image_id/>
                <label for=alt_id.clone()>{t("admin-alt-text")}</label>
                <input id=alt_id type="text" name="alt" value=picture.alt maxlength="200"/>
                <button type="submit" disabled=alt.pending()>{t("admin-save")}</button>
            </ActionForm>
            <div class="picture-actions">
                {(!first).then(|| view! { <MoveButton mover product_id image_id direction="earlier" label="admin-move-earlier"/> })}
                {(!last).then(|| view! { <MoveButton mover product_id image_id direction="later" label="admin-move-later"/> })}
                <details class="confirm">
                    <summary>{t("admin-remove-picture")}</summary>
                    <p>{t("admin-remove-picture-question")}</p>
                    <ActionForm action=remove>
                        <input type="hidden" name="product_id" value=product_id/>
                        <input type="hidden" name="image_id" value=image_id/>
                        <button type="submit" class="danger" disabled=remove.pending()>{t("admin-remove-picture-confirm")}</button>
                    </ActionForm>
                </details>
            </div>
        </li>
    }
}

/// Moves a picture one place `earlier` or `later`.
#[component]
fn MoveButton(
    mover: ServerAction<MoveImage>,
    product_id: i64,
    image_id: i64,
    direction: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <ActionForm action=mover>
            <input type="hidden" name="product_id" value=product_id/>
            <input type="hidden" name="image_id" value=image_id/>
            <input type="hidden" name="direction" value=direction/>
            <button type="submit" disabled=mover.pending()>{t(label)}</button>
        </ActionForm>
    }
}
