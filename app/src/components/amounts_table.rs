//! An order's or a quote's amounts: subtotal, discount (when there is one) and total.
use leptos::prelude::*;

use crate::format::krw;
use crate::i18n::t;
use crate::model::Amounts;

/// The amounts as a definition list.
#[component]
pub fn AmountsTable(amounts: Amounts) -> impl IntoView {
    view! {
        <dl class="amounts">
            <dt>{t("amount-subtotal")}</dt><dd data-testid="subtotal">{krw(amounts.subtotal)}</dd>
            // No "−₩0" line when there is no discount.
            {(amounts.discount > 0).then(|| view! {
                <dt>{t("amount-discount")}</dt><dd data-testid="discount">{format!("−{}", krw(amounts.discount))}</dd>
            })}
            <dt>{t("amount-total")}</dt><dd data-testid="total"><strong>{krw(amounts.total)}</strong></dd>
        </dl>
    }
}
