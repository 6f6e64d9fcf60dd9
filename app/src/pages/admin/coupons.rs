//! `/admin/coupons`: create campaigns, see how their coupons stand, and issue one to a shopper by
//! email.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::{AdminError, AdminOnly};
use crate::components::notice::ErrorNote;
use crate::error::ShopError;
use crate::i18n::t;
#[cfg(feature = "ssr")]
use crate::i18n::{say, say_with};

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
    /// The edit form's values: days in the shop's zone (`until_day` the last day it runs).
    pub from_day: String,
    pub until_day: String,
    pub quantity: Option<i64>,
    /// Its window has closed.
    pub over: bool,
}

#[server(endpoint = "admin_campaigns")]
pub async fn admin_campaigns() -> Result<Vec<CampaignRow>, ShopError> {
    use crate::format::krw;
    super::require_admin().await?;
    let day = crate::format::day;
    let facade = crate::session::facade();
    let now = facade.now();
    let zone = crate::format::shop_zone();
    let iso_day = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&zone).format("%Y-%m-%d").to_string();
    let rows = facade.coupons().campaigns().await?;
    Ok(rows
        .into_iter()
        .map(|s| {
            let c = s.campaign;
            let mut terms = match c.kind.as_str() {
                "percent" => say_with("admin-terms-percent", &[("value", c.value.into())]),
                _ => say_with("admin-terms-fixed", &[("amount", krw(c.value).into())]),
            };
            if let Some(max) = c.max_discount {
                terms.push_str(&say_with("admin-terms-cap", &[("amount", krw(max).into())]));
            }
            if c.min_order_amount > 0 {
                terms.push_str(&say_with("admin-terms-min", &[("amount", krw(c.min_order_amount).into())]));
            }
            CampaignRow {
                id: c.id,
                name: c.name,
                terms,
                from_day: iso_day(c.valid_from),
                // The window ends at the midnight after its last day.
                until_day: c.valid_until.map(|u| iso_day(u - chrono::Duration::seconds(1))).unwrap_or_default(),
                quantity: c.quantity,
                over: c.valid_until.is_some_and(|u| u <= now),
                window: match c.valid_until {
                    Some(u) => say_with(
                        "admin-window",
                        &[("from", day(c.valid_from).into()), ("until", day(u - chrono::Duration::seconds(1)).into())],
                    ),
                    None => say_with("admin-window-open", &[("from", day(c.valid_from).into())]),
                },
                issued: match c.quantity {
                    Some(q) => say_with("admin-issued-of", &[("count", c.issued_count.into()), ("quantity", q.into())]),
                    None => say_with("admin-issued-unlimited", &[("count", c.issued_count.into())]),
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
    use domain::coupons::CouponKind;
    super::require_admin().await?;
    let kind = match kind.as_str() {
        "percent" => CouponKind::Percent,
        "fixed" => CouponKind::Fixed,
        _ => return Err(ShopError::new(crate::error::ErrorCode::ValidationError, say("admin-error-kind"))),
    };
    let (from, until) = window(&valid_from, &valid_until)?;
    let c = domain::coupons::NewCoupon::parse(
        &name,
        kind,
        value,
        number(&say("admin-field-cap"), &max_discount)?,
        number(&say("admin-field-min-order"), &min_order_amount)?,
        from,
        until,
        number(&say("admin-field-quantity"), &quantity)?,
    )?;
    crate::session::facade().coupons().create_coupon(c).await?;
    Ok(())
}

/// A campaign's window from the form's days, in the shop's zone: from the start of its first day
/// to the end of its last.
#[cfg(feature = "ssr")]
type Instant = chrono::DateTime<chrono::Utc>;

#[cfg(feature = "ssr")]
fn window(from: &str, until: &str) -> Result<(Option<Instant>, Option<Instant>), ShopError> {
    let zone = crate::format::shop_zone();
    let day = |raw: &str, which: &str, plus: i64| -> Result<Option<Instant>, ShopError> {
        match raw.trim() {
            "" => Ok(None),
            d => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map(|d| Some(crate::format::midnight_in(zone, d + chrono::Duration::days(plus))))
                .map_err(|_| {
                    ShopError::new(
                        crate::error::ErrorCode::ValidationError,
                        say_with("admin-error-date", &[("field", which.into())]),
                    )
                }),
        }
    };
    Ok((day(from, "start", 0)?, day(until, "end", 1)?))
}

#[cfg(feature = "ssr")]
fn number(field: &str, raw: &str) -> Result<Option<i64>, ShopError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>().map(Some).map_err(|_| {
        ShopError::new(
            crate::error::ErrorCode::ValidationError,
            say_with("admin-error-number", &[("field", field.into())]),
        )
    })
}

#[server(endpoint = "admin_edit_campaign")]
pub async fn edit_campaign(
    id: i64,
    name: String,
    valid_from: String,
    valid_until: String,
    quantity: String,
) -> Result<(), ShopError> {
    super::require_admin().await?;
    let facade = crate::session::facade();
    let (from, until) = window(&valid_from, &valid_until)?;
    let from = from.ok_or_else(|| {
        ShopError::new(
            crate::error::ErrorCode::ValidationError,
            say_with("admin-error-date", &[("field", "start".into())]),
        )
    })?;
    let edit =
        domain::coupons::CampaignEdit::parse(&name, from, until, number(&say("admin-field-quantity"), &quantity)?)?;
    facade.coupons().edit_campaign(id, edit).await?;
    Ok(())
}

#[server(endpoint = "admin_end_campaign")]
pub async fn end_campaign(id: i64) -> Result<(), ShopError> {
    super::require_admin().await?;
    crate::session::facade().coupons().end_campaign(id).await?;
    Ok(())
}

#[server(endpoint = "admin_issue_coupon")]
pub async fn issue_to(coupon_id: i64, email: String) -> Result<(), ShopError> {
    super::require_admin().await?;
    let facade = crate::session::facade();
    let email = domain::types::Email::parse(&email)?;
    let shopper = facade.accounts().user_by_email(&email).await?.ok_or_else(|| {
        ShopError::new(crate::error::ErrorCode::ValidationError, crate::i18n::say("admin-error-no-shopper"))
    })?;
    facade.coupons().issue_coupon(coupon_id, shopper.id).await?;
    Ok(())
}

/// Only for admins: anyone else gets the sign-in page or a 403 (from the data's own answer), and
/// nothing of the console (the menu and the forms are inside `AdminOnly`).
#[component]
pub fn AdminCouponsPage() -> impl IntoView {
    let create = ServerAction::<CreateCampaign>::new();
    let issue = ServerAction::<IssueTo>::new();
    let edit = ServerAction::<EditCampaign>::new();
    let end = ServerAction::<EndCampaign>::new();
    let campaigns = Resource::new(
        move || (create.version().get(), issue.version().get(), edit.version().get(), end.version().get()),
        |_| admin_campaigns(),
    );
    view! {
        <Title text=t("admin-coupons")/>
        <AdminOnly>
        <h1>{t("admin-coupons")}</h1>
        <section aria-labelledby="new-campaign">
            <h2 id="new-campaign">{t("admin-new-campaign")}</h2>
            <ActionForm action=create attr:class="inline-form">
                <div class="wide"><label for="nc-name">{t("admin-field-name")}</label><input id="nc-name" type="text" name="name" required maxlength="200"/></div>
                <div>
                    <label for="nc-kind">{t("admin-field-kind")}</label>
                    <select id="nc-kind" name="kind">
                        <option value="fixed">{t("admin-kind-fixed")}</option>
                        <option value="percent">{t("admin-kind-percent")}</option>
                    </select>
                </div>
                <div><label for="nc-value">{t("admin-field-value")}</label><input id="nc-value" type="number" name="value" min="1" required/></div>
                <div><label for="nc-max">{t("admin-field-cap-hint")}</label><input id="nc-max" type="number" name="max_discount" min="0"/></div>
                <div><label for="nc-min">{t("admin-field-min-order-hint")}</label><input id="nc-min" type="number" name="min_order_amount" min="0"/></div>
                <div><label for="nc-from">{t("admin-field-from-hint")}</label><input id="nc-from" type="date" name="valid_from"/></div>
                <div><label for="nc-until">{t("admin-field-until-hint")}</label><input id="nc-until" type="date" name="valid_until"/></div>
                <div><label for="nc-qty">{t("admin-field-quantity-hint")}</label><input id="nc-qty" type="number" name="quantity" min="1"/></div>
                <button type="submit" class="primary" disabled=create.pending()>{t("admin-create-campaign")}</button>
            </ActionForm>
            <ErrorNote result=create.value()/>
        </section>
        </AdminOnly>
        <ErrorNote result=issue.value()/>
        <ErrorNote result=edit.value()/>
        <ErrorNote result=end.value()/>
        <Transition fallback=|| view! { <p class="loading">{t("loading")}</p> }>
            {move || Suspend::new(async move {
                match campaigns.await {
                    Ok(rows) => view! {
                        <table class="lines">
                            <caption class="visually-hidden">{t("admin-campaigns-caption")}</caption>
                            <thead><tr>
                                <th scope="col">{t("admin-col-campaign")}</th><th scope="col">{t("admin-col-issued")}</th>
                                <th scope="col">{t("admin-col-coupon-counts")}</th><th scope="col">{t("admin-col-issue-to")}</th>
                                <th scope="col">{t("admin-col-manage")}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|c| view! { <CampaignLine campaign=c issue edit end/> }).collect_view()}
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
fn CampaignLine(
    campaign: CampaignRow,
    issue: ServerAction<IssueTo>,
    edit: ServerAction<EditCampaign>,
    end: ServerAction<EndCampaign>,
) -> impl IntoView {
    let input_id = format!("issue-{}", campaign.id);
    let id = campaign.id;
    let f = move |what: &str| format!("c{id}-{what}");
    let name = campaign.name.clone();
    let label = crate::i18n::ta("admin-issue-email-for", &[("name", campaign.name.as_str().into())]);
    view! {
        <tr data-campaign-id=campaign.id>
            <th scope="row">{campaign.name}<span class="meta">{format!(" {} · {}", campaign.terms, campaign.window)}</span></th>
            <td data-label=t("admin-col-issued")>{campaign.issued}</td>
            <td data-label=t("admin-col-coupon-counts") data-testid="coupon-counts">{format!("{} / {} / {}", campaign.available, campaign.reserved, campaign.used)}</td>
            <td data-label=t("admin-col-issue-to")>
                <ActionForm action=issue>
                    <input type="hidden" name="coupon_id" value=campaign.id/>
                    <label class="visually-hidden" for=input_id.clone()>{label}</label>
                    <input id=input_id type="email" name="email" required placeholder="shopper@example.com"/>
                    <button type="submit" disabled=issue.pending()>{t("admin-issue")}</button>
                </ActionForm>
            </td>
            <td data-label=t("admin-col-manage")>
                <div class="campaign-actions">
                <details class="edit-campaign">
                    <summary>{t("admin-edit-campaign")}</summary>
                    <ActionForm action=edit attr:class="edit-form">
                        <input type="hidden" name="id" value=id/>
                        <div class="wide"><label for=f("name")>{t("admin-field-name")}</label><input id=f("name") type="text" name="name" value=name required maxlength="200"/></div>
                        <div><label for=f("from")>{t("admin-field-from")}</label><input id=f("from") type="date" name="valid_from" value=campaign.from_day required/></div>
                        <div><label for=f("until")>{t("admin-field-until-hint")}</label><input id=f("until") type="date" name="valid_until" value=campaign.until_day/></div>
                        <div><label for=f("qty")>{t("admin-field-quantity-hint")}</label><input id=f("qty") type="number" name="quantity" min="1" value=campaign.quantity.map(|q| q.to_string()).unwrap_or_default()/></div>
                        <button type="submit" class="primary" disabled=edit.pending()>{t("admin-save")}</button>
                    </ActionForm>
                </details>
                {(!campaign.over).then(|| view! {
                    <details class="confirm">
                        <summary>{t("admin-end-campaign")}</summary>
                        <p>{t("admin-end-campaign-question")}</p>
                        <ActionForm action=end>
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" class="danger" disabled=end.pending()>{t("admin-end-campaign-confirm")}</button>
                        </ActionForm>
                    </details>
                })}
                {campaign.over.then(|| view! { <span class="badge cancelled">{t("admin-campaign-over")}</span> })}
                </div>
            </td>
        </tr>
    }
}
