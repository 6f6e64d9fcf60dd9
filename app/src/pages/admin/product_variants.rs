//! The product editor's options and variants (`/admin/products/{id}`): a product without options
//! can be sold in options - name up to three options and their values, and every combination is
//! made in one step at one price - and a product with options shows its variants as a table whose
//! price, stock, SKU and sale status are edited in place, row by row. A stock change is recorded
//! like a product's; a variant that was ordered is stopped, never deleted.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::notice::ErrorNote;
use crate::error::ShopError;
use crate::i18n::{t, ta};
use crate::model::{ProductCard, VariantChoice};

/// Option rows the form offers: the domain's limit.
const OPTION_ROWS: usize = 3;

/// `values*`: comma-separated (`블랙, 화이트`); a row without a name is left out. One argument
/// per field: the form posts them by name, with or without JavaScript.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "admin_define_options")]
pub async fn define_options(
    product_id: i64,
    price: i64,
    name0: String,
    values0: String,
    name1: Option<String>,
    values1: Option<String>,
    name2: Option<String>,
    values2: Option<String>,
) -> Result<(), ShopError> {
    let admin = super::require_admin().await?;
    let rows = [(Some(name0), Some(values0)), (name1, values1), (name2, values2)];
    let options = rows
        .into_iter()
        .filter_map(|(name, values)| {
            let name = name.filter(|n| !n.trim().is_empty())?;
            let values = values
                .unwrap_or_default()
                .split([',', '，'])
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect();
            Some(domain::catalog::ProductOption { name, values })
        })
        .collect();
    crate::session::facade().catalog().define_options(product_id, options, price, Some(admin.id)).await?;
    Ok(())
}

#[server(endpoint = "admin_save_variant")]
pub async fn save_variant(
    variant_id: i64,
    price: i64,
    stock: i64,
    sku: String,
    on_sale: Option<String>,
) -> Result<(), ShopError> {
    let admin = super::require_admin().await?;
    use domain::status::ProductStatus;
    let status = if on_sale.is_some() { ProductStatus::OnSale } else { ProductStatus::Stopped }.as_str();
    let patch = domain::catalog::VariantPatch::parse(Some(price), Some(stock), Some(status), Some(Some(sku.as_str())))?;
    crate::session::facade().catalog().update_variant(variant_id, patch, Some(admin.id)).await?;
    Ok(())
}

/// The page reads the product again after either action (their versions are in its key).
#[component]
pub fn VariantsSection(
    product: ProductCard,
    define: ServerAction<DefineOptions>,
    save: ServerAction<SaveVariant>,
) -> impl IntoView {
    let id = product.id;
    let heading = if product.has_options() { t("admin-variants") } else { t("admin-options") };
    view! {
        <section aria-labelledby="variants-heading" class="variants">
            <h2 id="variants-heading">{heading}</h2>
            {if product.has_options() {
                let names: Vec<String> = product.options.iter().map(|o| o.name.clone()).collect();
                view! { <VariantTable names variants=product.variants.clone() save/> }.into_any()
            } else {
                view! { <DefineOptionsForm product_id=id price=product.price define/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn DefineOptionsForm(product_id: i64, price: i64, define: ServerAction<DefineOptions>) -> impl IntoView {
    view! {
        <p class="meta">{t("admin-options-hint")}</p>
        <ActionForm action=define attr:class="edit-form options-form">
            <input type="hidden" name="product_id" value=product_id/>
            {(0..OPTION_ROWS).map(|i| {
                let (name_id, values_id) = (format!("o-name-{i}"), format!("o-values-{i}"));
                view! {
                    <div>
                        <label for=name_id.clone()>{ta("admin-option-name", &[("n", (i as i64 + 1).into())])}</label>
                        <input id=name_id type="text" name=format!("name{i}") maxlength="50" required=i == 0
                            placeholder=if i == 0 { t("admin-option-name-example") } else { String::new() }/>
                    </div>
                    <div>
                        <label for=values_id.clone()>{ta("admin-option-values", &[("n", (i as i64 + 1).into())])}</label>
                        <input id=values_id type="text" name=format!("values{i}") required=i == 0
                            placeholder=if i == 0 { t("admin-option-values-example") } else { String::new() }/>
                    </div>
                }
            }).collect_view()}
            <div><label for="o-price">{t("admin-option-price")}</label><input id="o-price" type="number" name="price" min="0" value=price required/></div>
            <button type="submit" class="primary" disabled=define.pending()>{t("admin-options-generate")}</button>
        </ActionForm>
        <ErrorNote result=define.value()/>
    }
}

#[component]
fn VariantTable(names: Vec<String>, variants: Vec<VariantChoice>, save: ServerAction<SaveVariant>) -> impl IntoView {
    view! {
        <p class="meta">{ta("admin-variants-hint", &[("options", names.join(" · ").into())])}</p>
        <ErrorNote result=save.value()/>
        {move || save.value().get().and_then(Result::ok).map(|()| view! { <p role="status" class="ok">{t("admin-saved")}</p> })}
        <table class="lines variant-table">
            <caption class="visually-hidden">{t("admin-variants")}</caption>
            <thead><tr>
                <th scope="col">{t("admin-col-variant")}</th>
                <th scope="col">{t("admin-field-price")}</th>
                <th scope="col">{t("admin-col-stock")}</th>
                <th scope="col">{t("admin-col-sku")}</th>
                <th scope="col">{t("admin-on-sale")}</th>
                <th scope="col"><span class="visually-hidden">{t("admin-save")}</span></th>
            </tr></thead>
            <tbody>
                {variants.into_iter().map(|v| view! { <VariantRow variant=v save/> }).collect_view()}
            </tbody>
        </table>
    }
}

/// One variant: its fields in one form per row (the cells' inputs belong to it by `form=`, which
/// a browser without JavaScript submits too).
#[component]
fn VariantRow(variant: VariantChoice, save: ServerAction<SaveVariant>) -> impl IntoView {
    let id = variant.id;
    let label = variant.label();
    let form_id = format!("variant-{id}");
    let field = move |name: &str| format!("v-{name}-{id}");
    view! {
        <tr data-variant-id=id>
            <th scope="row">{label.clone()}</th>
            <td data-label=t("admin-field-price")>
                <label class="visually-hidden" for=field("price")>{ta("admin-variant-price-of", &[("variant", label.as_str().into())])}</label>
                <input id=field("price") form=form_id.clone() type="number" name="price" min="0" value=variant.price required class="money"/>
            </td>
            <td data-label=t("admin-col-stock")>
                <label class="visually-hidden" for=field("stock")>{ta("admin-variant-stock-of", &[("variant", label.as_str().into())])}</label>
                <input id=field("stock") form=form_id.clone() type="number" name="stock" min="0" value=variant.stock required class="qty"/>
            </td>
            <td data-label=t("admin-col-sku")>
                <label class="visually-hidden" for=field("sku")>{ta("admin-variant-sku-of", &[("variant", label.as_str().into())])}</label>
                <input id=field("sku") form=form_id.clone() type="text" name="sku" maxlength="64" value=variant.sku.clone().unwrap_or_default() class="sku"/>
            </td>
            <td data-label=t("admin-on-sale")>
                <input id=field("on-sale") form=form_id.clone() type="checkbox" name="on_sale" value="on" checked=variant.on_sale
                    aria-label=ta("admin-variant-on-sale-of", &[("variant", label.as_str().into())])/>
            </td>
            <td>
                <ActionForm action=save attr:id=form_id.clone() attr:class="variant-form">
                    <input type="hidden" name="variant_id" value=id/>
                    <button type="submit" disabled=save.pending()>
                        {t("admin-save")}<span class="visually-hidden">{format!(" {label}")}</span>
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
