//! `/admin/coupons`: create campaigns, see how their coupons stand, and issue one to a shopper by
//! email.
use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{AdminError, AdminNav};
use crate::components::notice::ErrorNote;
use crate::error::ShopError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignRow {
    pub id: i64,
    pub name: String,
    /// "₩5,000 off", "10% off, up to ₩20,000".
    pub terms: String,
    pub window: String,
    /// "37 of 100 issued" or "unlimited".
    pub issued: String,
    pub available: u64,
    pub reserved: u64,
    pub used: u64,
}

#[server(endpoint = "admin_campaigns")]
pub async fn admin_campaigns() -> Result<Vec<CampaignRow>, ShopError> {
    use crate::format::krw;
    super::require_admin().await?;
    let day = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d").to_string();
    let rows = crate::session::facade().campaigns().await?;
    Ok(rows
        .into_iter()
        .map(|s| {
            let c = s.campaign;
            let mut terms = match c.kind.as_str() {
                "percent" => format!("{}% off", c.value),
                _ => format!("{} off", krw(c.value)),
            };
            if let Some(max) = c.max_discount {
                terms.push_str(&format!(", up to {}", krw(max)));
            }
            if c.min_order_amount > 0 {
                terms.push_str(&format!(", orders from {}", krw(c.min_order_amount)));
            }
            CampaignRow {
                id: c.id,
                name: c.name,
                terms,
                window: match c.valid_until {
                    Some(u) => format!("{} to {}", day(c.valid_from), day(u)),
                    None => format!("from {}", day(c.valid_from)),
                },
                issued: match c.quantity {
                    Some(q) => format!("{} of {q} issued", c.issued_count),
                    None => format!("{} issued (no limit)", c.issued_count),
                },
                available: s.available,
                reserved: s.reserved,
                used: s.used,
            }
        })
        .collect())
}

// A server function's arguments are its form's fields, one each.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "admin_create_campaign")]
pub async fn create_campaign(
    name: String,
    kind: String,
    value: i64,
    max_discount: String,
    min_order_amount: String,
    valid_from: String,
    valid_until: String,
    quantity: String,
) -> Result<(), ShopError> {
    use domain::discount::CouponKind;
    super::require_admin().await?;
    let number = |field: &str, raw: &str| -> Result<Option<i64>, ShopError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        raw.parse::<i64>()
            .map(Some)
            .map_err(|_| ShopError::new("validation_error", format!("{field} must be a whole number.")))
    };
    let kind = match kind.as_str() {
        "percent" => CouponKind::Percent,
        "fixed" => CouponKind::Fixed,
        _ => return Err(ShopError::new("validation_error", "Choose a fixed or a percent discount.")),
    };
    // The window runs from the start of its first day to the end of its last (UTC).
    let date = |raw: &str,
                which: &str,
                (h, m, s): (u32, u32, u32)|
     -> Result<Option<chrono::DateTime<chrono::Utc>>, ShopError> {
        match raw.trim() {
            "" => Ok(None),
            d => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(h, m, s))
                .map(|t| Some(t.and_utc()))
                .ok_or_else(|| {
                    ShopError::new("validation_error", format!("The {which} date must look like 2026-12-31."))
                }),
        }
    };
    let from = date(&valid_from, "start", (0, 0, 0))?;
    let until = date(&valid_until, "end", (23, 59, 59))?;
    let c = domain::coupons::NewCoupon::parse(
        &name,
        kind,
        value,
        number("The cap", &max_discount)?,
        number("The minimum order", &min_order_amount)?,
        from,
        until,
        number("The quantity", &quantity)?,
    )?;
    crate::session::facade().create_coupon(c).await?;
    Ok(())
}

#[server(endpoint = "admin_issue_coupon")]
pub async fn issue_to(coupon_id: i64, email: String) -> Result<(), ShopError> {
    super::require_admin().await?;
    let facade = crate::session::facade();
    let email = domain::types::Email::parse(&email)?;
    let shopper = facade
        .user_by_email(&email)
        .await?
        .ok_or_else(|| ShopError::new("validation_error", "No shopper has that email."))?;
    facade.issue_coupon(coupon_id, shopper.id).await?;
    Ok(())
}

#[component]
pub fn AdminCouponsPage() -> impl IntoView {
    let create = ServerAction::<CreateCampaign>::new();
    let issue = ServerAction::<IssueTo>::new();
    let campaigns = Resource::new(move || (create.version().get(), issue.version().get()), |_| admin_campaigns());
    view! {
        <AdminNav/>
        <h1>"Coupons"</h1>
        <section aria-labelledby="new-campaign">
            <h2 id="new-campaign">"New campaign"</h2>
            <ActionForm action=create attr:class="inline-form">
                <div class="wide"><label for="nc-name">"Name"</label><input id="nc-name" type="text" name="name" required maxlength="200"/></div>
                <div>
                    <label for="nc-kind">"Kind"</label>
                    <select id="nc-kind" name="kind">
                        <option value="fixed">"Fixed amount (₩)"</option>
                        <option value="percent">"Percent"</option>
                    </select>
                </div>
                <div><label for="nc-value">"Value"</label><input id="nc-value" type="number" name="value" min="1" required/></div>
                <div><label for="nc-max">"Cap (₩, percent only)"</label><input id="nc-max" type="number" name="max_discount" min="0"/></div>
                <div><label for="nc-min">"Minimum order (₩)"</label><input id="nc-min" type="number" name="min_order_amount" min="0"/></div>
                <div><label for="nc-from">"Valid from (empty: now)"</label><input id="nc-from" type="date" name="valid_from"/></div>
                <div><label for="nc-until">"Valid until (empty: no end)"</label><input id="nc-until" type="date" name="valid_until"/></div>
                <div><label for="nc-qty">"Quantity (empty: no limit)"</label><input id="nc-qty" type="number" name="quantity" min="1"/></div>
                <button type="submit" class="primary" disabled=create.pending()>"Create campaign"</button>
            </ActionForm>
            <ErrorNote result=create.value()/>
        </section>
        <ErrorNote result=issue.value()/>
        <Transition fallback=|| view! { <p class="loading">"Loading campaigns…"</p> }>
            {move || Suspend::new(async move {
                match campaigns.await {
                    Ok(rows) => view! {
                        <table class="lines">
                            <caption class="visually-hidden">"Coupon campaigns, newest first"</caption>
                            <thead><tr>
                                <th scope="col">"Campaign"</th><th scope="col">"Issued"</th><th scope="col">"Available / reserved / used"</th><th scope="col">"Issue to a shopper"</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|c| view! { <CampaignLine campaign=c issue/> }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <AdminError error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn CampaignLine(campaign: CampaignRow, issue: ServerAction<IssueTo>) -> impl IntoView {
    let input_id = format!("issue-{}", campaign.id);
    let label = format!("Shopper email for {}", campaign.name);
    view! {
        <tr data-campaign-id=campaign.id>
            <th scope="row">{campaign.name}<span class="meta">{format!(" {} · {}", campaign.terms, campaign.window)}</span></th>
            <td>{campaign.issued}</td>
            <td data-testid="coupon-counts">{format!("{} / {} / {}", campaign.available, campaign.reserved, campaign.used)}</td>
            <td>
                <ActionForm action=issue>
                    <input type="hidden" name="coupon_id" value=campaign.id/>
                    <label class="visually-hidden" for=input_id.clone()>{label}</label>
                    <input id=input_id type="email" name="email" required placeholder="shopper@example.com"/>
                    <button type="submit" disabled=issue.pending()>"Issue"</button>
                </ActionForm>
            </td>
        </tr>
    }
}
