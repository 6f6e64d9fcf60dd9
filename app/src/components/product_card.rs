//! One product in the catalog grid: its picture, name, category, price and stock, "Add to cart"
//! (a form, so it works without JavaScript) and "Details", which unfolds the description once
//! the page is hydrated.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::notice::ErrorNote;
use crate::components::site_header::CartChanged;
use crate::error::ShopError;
use crate::format::{krw, stock_label};
use crate::i18n::t;
use crate::model::ProductCard as Card;
use crate::server_fns::cart::{AddToCart, CartAdded};

/// The grid's one "Add to cart": every card submits to it, and a card shows the answer only
/// when the last product added was its own.
///
/// One action per card made each card build its own signals, effect and pending state, in every
/// server render and again while the page hydrates; a shopper adds one thing at a time anyway.
/// While an add is in flight every card's button waits, so an answer can never land on a card
/// that did not ask.
#[derive(Clone, Copy)]
pub struct GridCart {
    add: ServerAction<AddToCart>,
    /// The action's answer, mapped once: `ServerAction::value` makes a new signal at each call.
    value: MappedSignal<Option<Result<CartAdded, ShopError>>>,
    last: RwSignal<Option<i64>>,
}

impl GridCart {
    pub fn new() -> Self {
        let add = ServerAction::<AddToCart>::new();
        CartChanged::follow(move || add.version().get());
        // The action forgets its input once answered; the card to answer on is kept here.
        let last = RwSignal::new(None);
        Effect::watch(
            move || add.input().with(|i| i.as_ref().map(|a| a.product_id)),
            move |asked, _, _| {
                if asked.is_some() {
                    last.set(*asked);
                }
            },
            false,
        );
        Self { add, value: add.value(), last }
    }

    /// The last answer, if it was for this product.
    fn answer(self, product_id: i64) -> Option<Result<CartAdded, ShopError>> {
        if self.last.get() == Some(product_id) { self.value.get() } else { None }
    }
}

impl Default for GridCart {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn ProductCard(
    product: Card,
    cart: GridCart,
    /// Load the picture with the page (the first row) instead of when it scrolls into view.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let (open, set_open) = signal(false);
    let id = product.id;
    let buyable = product.on_sale && product.stock > 0;
    // A product with options is bought from its page, where the options are chosen.
    let has_options = product.has_options();
    let price = if product.price_varies() {
        crate::i18n::ta("price-from", &[("price", krw(product.price).into())])
    } else {
        krw(product.price)
    };
    let stock_text = if product.on_sale { stock_label(product.stock) } else { t("stock-not-on-sale") };
    let details_id = format!("product-{}-details", product.id);
    let description = product.description.clone();
    let href = format!("/products/{}", product.id);
    let picture = product.images.first().cloned();
    let added = move || match cart.answer(id) {
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
            <p class="price">{price}</p>
            <p class="stock" class:sold-out=!buyable class:low-stock=move || buyable && product.stock <= crate::format::LOW_STOCK>
                {stock_text}
            </p>
            {(buyable && has_options).then(|| view! {
                <a class="button primary card-options" href=format!("/products/{id}")>
                    {t("card-choose-options")}
                    <span class="visually-hidden">{format!(" {}", product.name)}</span>
                </a>
            })}
            {(buyable && !has_options).then(|| view! {
                <ActionForm action=cart.add attr:class="card-add">
                    <input type="hidden" name="product_id" value=product.id/>
                    <input type="hidden" name="quantity" value="1"/>
                    <button type="submit" class="primary" disabled=cart.add.pending()>
                        {t("product-add-to-cart")}
                        <span class="visually-hidden">{format!(" {}", product.name)}</span>
                    </button>
                </ActionForm>
            })}
            <ErrorNote result=Signal::derive(move || cart.answer(id))/>
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
