//! The catalog (`/`): search words, a category, an order and a page, all in the URL, so a plain
//! GET form drives it (no JavaScript needed) and every result can be linked.
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::components::pager::Pager;
use crate::components::product_card::{GridCart, ProductCard};
use crate::error::ShopError;
use crate::i18n::{t, ta};
use crate::model::{CatalogAsk, CatalogPage as Page};

pub const PER_PAGE: u64 = 12;

/// The orders a shopper can choose, with their labels' keys.
const SORTS: [(&str, &str); 4] = [
    ("newest", "sort-newest"),
    ("price_asc", "sort-price-asc"),
    ("price_desc", "sort-price-desc"),
    ("name", "sort-name"),
];

/// One page of the catalog for this ask, straight from the database.
#[server(endpoint = "catalog")]
pub async fn catalog(page: u64, ask: CatalogAsk) -> Result<Page, ShopError> {
    use domain::catalog::ProductQuery;
    let facade = expect_context::<domain::OrderFacade>();
    let page = page.clamp(1, domain::paging::MAX_PAGE);
    // The page's empty order is the default one (its links leave `sort` out then).
    let sort = Some(ask.sort.as_str()).filter(|s| !s.is_empty());
    let query = ProductQuery::parse(Some(&ask.q), Some(&ask.category), sort)?;
    let domain::catalog::Browse { found, categories } = facade.catalog().browse(&query, page, PER_PAGE).await?;
    Ok(Page {
        items: found
            .items
            .into_iter()
            .map(|p| {
                // A card shows the main picture only; the rest would be bytes in the page's
                // hydration data that no one sees.
                let mut card = crate::model::ProductCard::from(p);
                card.images.truncate(1);
                card
            })
            .collect(),
        page,
        pages: found.total.div_ceil(PER_PAGE).max(1),
        total: found.total,
        // A shelf with nothing on sale leads nowhere: shoppers see it only while browsing it
        // (a link someone kept), and staff still find it on the admin's category page.
        shelves: categories
            .into_iter()
            .filter(|c| c.product_count > 0 || c.slug == ask.category)
            .map(|c| crate::model::Shelf { slug: c.slug, name: c.name, count: c.product_count })
            .collect(),
        ask,
    })
}

#[component]
pub fn CatalogPage() -> impl IntoView {
    let query = use_query_map();
    let ask = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default().trim().to_owned();
        // An unknown order is the default one on the page (the API refuses it with 422).
        let sort = Some(get("sort")).filter(|s| SORTS.iter().any(|(v, _)| v == s)).unwrap_or_default();
        let page = get("page").parse::<u64>().unwrap_or(1).max(1);
        (page, CatalogAsk { q: get("q").chars().take(100).collect(), category: get("category"), sort })
    };
    let products = Resource::new(ask, |(page, ask)| catalog(page, ask));
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match products.await {
                    Ok(found) => view! { <Results found/> }.into_any(),
                    Err(e) => view! {
                        <Title text=t("catalog-title")/>
                        <h1>{t("catalog-title")}</h1>
                        <p class="error" role="alert">{e.message}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(found: Page) -> impl IntoView {
    let ask = found.ask.clone();
    let shelf = found.shelves.iter().find(|s| s.slug == ask.category).map(|s| s.name.clone());
    let heading = match (&shelf, ask.q.is_empty()) {
        (_, false) => ta("catalog-results-for", &[("q", ask.q.as_str().into())]),
        (Some(name), true) => name.clone(),
        (None, true) => t("catalog-title"),
    };
    let empty = found.items.is_empty();
    let cart = GridCart::new();
    view! {
        <Title text=heading.clone()/>
        <Meta name="description" content=t("shop-description")/>
        <h1>{heading}</h1>
        <SearchForm ask=ask.clone()/>
        <Shelves found=found.clone()/>
        <p class="meta" data-testid="result-count">{ta("catalog-count", &[("count", (found.total as i64).into())])}</p>
        {if empty {
            view! { <p>{if ask.q.is_empty() { t("catalog-empty") } else { t("catalog-no-match") }}</p> }.into_any()
        } else {
            view! {
                <section class="product-grid" aria-label=t("catalog-products")>
                    {found.items.into_iter().enumerate().map(|(i, p)| {
                        // The first row arrives with the page; the rest load as they scroll in.
                        view! { <ProductCard product=p cart eager=i < 4/> }
                    }).collect_view()}
                </section>
            }.into_any()
        }}
        <CatalogPager page=found.page pages=found.pages ask/>
    }
}

/// Search words and the order, as a GET form: it works the same with and without JavaScript.
#[component]
fn SearchForm(ask: CatalogAsk) -> impl IntoView {
    let sort = ask.sort.clone();
    view! {
        <form method="get" action="/" class="catalog-controls" role="search">
            <div class="search-field">
                <label for="catalog-q">{t("catalog-search")}</label>
                <input id="catalog-q" type="search" name="q" value=ask.q.clone() maxlength="100"
                    placeholder=t("catalog-search-placeholder")/>
            </div>
            <div>
                <label for="catalog-sort">{t("catalog-sort")}</label>
                <select id="catalog-sort" name="sort">
                    {SORTS.into_iter().map(|(value, key)| {
                        let selected = sort == value || (sort.is_empty() && value == "newest");
                        view! { <option value=value selected=selected>{t(key)}</option> }
                    }).collect_view()}
                </select>
            </div>
            {(!ask.category.is_empty()).then(|| view! { <input type="hidden" name="category" value=ask.category.clone()/> })}
            <button type="submit">{t("catalog-search-submit")}</button>
        </form>
    }
}

/// Links to every category (and to all products), keeping the search words and the order.
#[component]
fn Shelves(found: Page) -> impl IntoView {
    let ask = found.ask;
    let all = CatalogAsk { category: String::new(), ..ask.clone() };
    view! {
        <nav class="shelves" aria-label=t("catalog-categories")>
            <a href=all.href(1) aria-current=ask.category.is_empty().then_some("page")>{t("catalog-all")}</a>
            {found.shelves.into_iter().map(|s| {
                let link = CatalogAsk { category: s.slug.clone(), ..ask.clone() };
                let current = ask.category == s.slug;
                view! {
                    <a href=link.href(1) aria-current=current.then_some("page") data-category=s.slug.clone()>
                        {s.name} <span class="count">{format!("({})", s.count)}</span>
                    </a>
                }
            }).collect_view()}
        </nav>
    }
}

/// The catalog shows no pager when everything fits on one page.
#[component]
fn CatalogPager(page: u64, pages: u64, ask: CatalogAsk) -> impl IntoView {
    (pages > 1).then(|| view! { <Pager page pages href=move |n| ask.href(n)/> })
}
