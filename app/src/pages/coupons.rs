//! "My coupons" (`/coupons`): the coupons the shopper holds, and campaigns still open to claim
//! (first come, first served - the domain never issues more than a campaign's quantity).
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::notice::ErrorNote;
use crate::components::sign_in_prompt::SignInPrompt;
use crate::error::ShopError;
use crate::i18n::{t, ta};
use crate::model::{Campaign, CouponsView, HeldCoupon};

#[server(endpoint = "my_coupons")]
pub async fn my_coupons() -> Result<CouponsView, ShopError> {
    let user = crate::session::require_user().await?;
    let facade = crate::session::facade();
    use domain::status::CouponState;
    let day = crate::format::day;
    let held = facade
        .coupons()
        .coupons_of(user.id)
        .await?
        .into_iter()
        .map(|c| HeldCoupon {
            id: c.id,
            name: c.name,
            status_label: crate::i18n::say(match c.status {
                CouponState::Available => "coupon-status-available",
                CouponState::Reserved => "coupon-status-reserved",
                CouponState::Used => "coupon-status-used",
                CouponState::Expired => "coupon-status-expired",
            }),
            valid_until: c.valid_until.map(day),
            order_id: c.order_id,
        })
        .collect();
    let claimable = facade
        .coupons()
        .claimable_campaigns(user.id)
        .await?
        .into_iter()
        .map(|c| Campaign {
            id: c.id,
            name: c.name,
            left: c.quantity.unwrap_or(0) - c.issued_count,
            valid_until: c.valid_until.map(day),
        })
        .collect();
    Ok(CouponsView { held, claimable })
}

#[server(endpoint = "claim_coupon")]
pub async fn claim_coupon(coupon_id: i64) -> Result<(), ShopError> {
    let user = crate::session::require_user().await?;
    crate::session::facade().coupons().claim_coupon(user.id, coupon_id).await?;
    Ok(())
}

#[component]
pub fn CouponsPage() -> impl IntoView {
    let claim = ServerAction::<ClaimCoupon>::new();
    let coupons = Resource::new(move || claim.version().get(), |_| my_coupons());
    view! {
        <Title text=t("coupons-title")/>
        <h1>{t("coupons-title")}</h1>
        <ErrorNote result=claim.value()/>
        <Suspense fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match coupons.await {
                    Ok(v) => view! { <Held coupons=v.held/> <Claimable campaigns=v.claimable claim/> }.into_any(),
                    Err(e) if e.is_unauthorized() => view! { <SignInPrompt/> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.message}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Held(coupons: Vec<HeldCoupon>) -> impl IntoView {
    view! {
        <section aria-labelledby="held-heading">
            <h2 id="held-heading">{t("coupons-held")}</h2>
            {if coupons.is_empty() {
                view! { <p>{t("coupons-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="coupon-list">
                        {coupons.into_iter().map(|c| view! {
                            <li data-coupon-id=c.id>
                                <strong>{c.name}</strong>
                                <span class="badge">{c.status_label}</span>
                                {c.valid_until.map(|d| view! { <span class="meta">{ta("coupons-valid-until", &[("day", d.into())])}</span> })}
                                {c.order_id.map(|o| view! { <a href=format!("/orders/{o}")>{ta("order-number", &[("id", o.into())])}</a> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Claimable(campaigns: Vec<Campaign>, claim: ServerAction<ClaimCoupon>) -> impl IntoView {
    view! {
        <section aria-labelledby="claim-heading">
            <h2 id="claim-heading">{t("coupons-to-claim")}</h2>
            {if campaigns.is_empty() {
                view! { <p>{t("coupons-none-to-claim")}</p> }.into_any()
            } else {
                view! {
                    <ul class="coupon-list">
                        {campaigns.into_iter().map(|c| view! {
                            <li data-campaign-id=c.id>
                                <strong>{c.name.clone()}</strong>
                                <span class="meta">{ta("coupons-left", &[("count", c.left.into())])}</span>
                                <ActionForm action=claim>
                                    <input type="hidden" name="coupon_id" value=c.id/>
                                    <button type="submit" disabled=claim.pending()>
                                        {t("coupons-claim")} <span class="visually-hidden">{format!(" {}", c.name)}</span>
                                    </button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
