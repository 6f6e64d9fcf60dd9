//! `/admin/categories`: the catalog's shelves - create one (its slug is its address, fixed), or
//! rename it (its links keep working).
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{AdminError, AdminOnly};
use crate::components::notice::ErrorNote;
use crate::error::ShopError;
use crate::i18n::{t, ta};
use crate::model::Shelf;

#[server(endpoint = "admin_categories")]
pub async fn admin_categories() -> Result<Vec<Shelf>, ShopError> {
    super::require_admin().await?;
    let all = crate::session::facade().catalog().categories().await?;
    Ok(all.into_iter().map(|c| Shelf { slug: c.slug, name: c.name, count: c.product_count }).collect())
}

#[server(endpoint = "admin_create_category")]
pub async fn create_category(slug: String, name: String) -> Result<(), ShopError> {
    super::require_admin().await?;
    crate::session::facade().catalog().create_category(slug.trim(), &name).await?;
    Ok(())
}

#[server(endpoint = "admin_rename_category")]
pub async fn rename_category(slug: String, name: String) -> Result<(), ShopError> {
    super::require_admin().await?;
    crate::session::facade().catalog().rename_category(&slug, &name).await?;
    Ok(())
}

#[component]
pub fn AdminCategoriesPage() -> impl IntoView {
    let create = ServerAction::<CreateCategory>::new();
    let rename = ServerAction::<RenameCategory>::new();
    let shelves = Resource::new(move || (create.version().get(), rename.version().get()), |_| admin_categories());
    view! {
        <Title text=t("admin-categories")/>
        <AdminOnly>
        <h1>{t("admin-categories")}</h1>
        <section aria-labelledby="new-category">
            <h2 id="new-category">{t("admin-new-category")}</h2>
            <ActionForm action=create attr:class="inline-form">
                <div><label for="nc-name">{t("admin-field-name")}</label><input id="nc-name" type="text" name="name" required maxlength="100"/></div>
                <div>
                    <label for="nc-slug">{t("admin-field-slug")}</label>
                    <input id="nc-slug" type="text" name="slug" required maxlength="64" pattern="[a-z0-9]([a-z0-9\\-]*[a-z0-9])?" aria-describedby="nc-slug-hint"/>
                </div>
                <p id="nc-slug-hint" class="meta wide">{t("admin-slug-hint")}</p>
                <button type="submit" class="primary" disabled=create.pending()>{t("admin-create-category")}</button>
            </ActionForm>
            <ErrorNote result=create.value()/>
        </section>
        </AdminOnly>
        <ErrorNote result=rename.value()/>
        <Transition fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match shelves.await {
                    Ok(list) => view! {
                        <table class="lines">
                            <caption class="visually-hidden">{t("admin-categories")}</caption>
                            <thead><tr>
                                <th scope="col">{t("admin-field-slug")}</th>
                                <th scope="col">{t("admin-col-on-sale-count")}</th>
                                <th scope="col">{t("admin-field-name")}</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|s| {
                                    let input_id = format!("cat-{}", s.slug);
                                    let (slug, href) = (s.slug.clone(), format!("/?category={}", s.slug));
                                    let (row_slug, label) = (s.slug.clone(), ta("admin-rename-category", &[("slug", s.slug.as_str().into())]));
                                    let count = ta("admin-products-count", &[("count", (s.count as i64).into())]);
                                    let (hidden_slug, name) = (s.slug, s.name);
                                    view! {
                                        <tr data-slug=row_slug>
                                            <th scope="row"><a href=href>{slug}</a></th>
                                            <td data-label=t("admin-col-on-sale-count")>{count}</td>
                                            <td data-label=t("admin-field-name")>
                                                <ActionForm action=rename attr:class="alt-form">
                                                    <input type="hidden" name="slug" value=hidden_slug/>
                                                    <label class="visually-hidden" for=input_id.clone()>{label}</label>
                                                    <input id=input_id type="text" name="name" value=name required maxlength="100"/>
                                                    <button type="submit" disabled=rename.pending()>{t("admin-rename")}</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <AdminError error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
