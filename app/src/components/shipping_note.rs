//! Where an order goes, as the shopper's and the admin's order pages show it.
use leptos::prelude::*;

use crate::i18n::t;

/// Where the order goes.
#[component]
pub fn ShippingNote(address: crate::model::ShippingAddress) -> impl IntoView {
    view! {
        <section class="shipping-note" aria-labelledby="ship-heading">
            <h2 id="ship-heading">{t("ship-heading")}</h2>
            <p data-testid="shipping-address">
                <strong>{address.recipient}</strong> " · " {address.phone}<br/>
                {format!("({}) {}", address.postal_code, address.address1)}
                {(!address.address2.is_empty()).then(|| format!(" {}", address.address2))}
            </p>
        </section>
    }
}
