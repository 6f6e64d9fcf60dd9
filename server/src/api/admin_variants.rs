//! `/admin/products/{id}/variants` and `/admin/variants/{id}`: a product's variants (product
//! options, `docs/api.md`). Every handler takes [`Admin`].
use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::catalog::{NewVariant, VariantPatch, VariantView};
use serde::Deserialize;
use utoipa::ToSchema;

use super::catalog::parse_id;
use super::error::{ApiResult, ErrorBody};
use super::extract::{Admin, Body, present};
use crate::state::AppState;

/// A variant to create: one value for every option of the product.
#[derive(Deserialize, ToSchema)]
pub struct VariantBody {
    /// Option name -> value, e.g. `{"색상":"블랙","사이즈":"L"}`.
    options: BTreeMap<String, String>,
    /// KRW, 0 to 10^12.
    #[schema(minimum = 0, maximum = 1_000_000_000_000_i64)]
    price: i64,
    #[schema(minimum = 0, maximum = 1_000_000_000)]
    stock: i64,
    /// Unique across the shop; up to 64 characters without spaces.
    #[schema(max_length = 64)]
    sku: Option<String>,
}

impl VariantBody {
    pub(super) fn parse(self) -> ApiResult<NewVariant> {
        Ok(NewVariant::parse(self.options, self.price, self.stock, self.sku.as_deref())?)
    }
}

#[utoipa::path(post, path = "/admin/products/{id}/variants", tag = "admin", security(("session" = [])),
    request_body = VariantBody,
    params(("id" = i64, Path, description = "Product id")),
    responses(
        (status = 201, description = "The variant; a new value of an option joins the end of its values", body = VariantView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`conflict`: the product has this combination, or the SKU is taken", body = ErrorBody),
        (status = "4XX", description = "`validation_error` (`options`: other option names than the product's)", body = ErrorBody),
))]
pub async fn create_variant(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Body(b): Body<VariantBody>,
) -> ApiResult<(StatusCode, Json<VariantView>)> {
    let product_id = parse_id(&id)?;
    let variant = b.parse()?;
    Ok((StatusCode::CREATED, Json(state.facade.catalog().add_variant(product_id, variant, Some(admin.id)).await?)))
}

#[derive(Deserialize, ToSchema)]
pub struct PatchVariant {
    #[schema(minimum = 0, maximum = 1_000_000_000_000_i64)]
    price: Option<i64>,
    /// The new on-hand stock; the change is recorded as an adjustment.
    #[schema(minimum = 0, maximum = 1_000_000_000)]
    stock: Option<i64>,
    /// `on_sale` or `stopped` (a variant that was ordered is stopped, never deleted).
    status: Option<String>,
    /// null or empty removes it; absent leaves it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 64)]
    sku: Option<Option<String>>,
}

#[utoipa::path(patch, path = "/admin/variants/{id}", tag = "admin", security(("session" = [])),
    request_body = PatchVariant,
    params(("id" = i64, Path, description = "Variant id")),
    responses(
        (status = 200, description = "Updated", body = VariantView),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`conflict`: the SKU is taken, or the stock changed meanwhile", body = ErrorBody),
        (status = "4XX", description = "`validation_error`", body = ErrorBody),
))]
pub async fn patch_variant(
    State(state): State<AppState>,
    Admin(admin): Admin,
    Path(id): Path<String>,
    Body(b): Body<PatchVariant>,
) -> ApiResult<Json<VariantView>> {
    let variant_id = parse_id(&id)?;
    let patch = VariantPatch::parse(b.price, b.stock, b.status.as_deref(), b.sku.as_ref().map(Option::as_deref))?;
    Ok(Json(state.facade.catalog().update_variant(variant_id, patch, Some(admin.id)).await?))
}
