//! `/admin/categories` and `/admin/products/{id}/images`: the catalog's shelves and pictures.
use axum::Json;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::catalog::CategoryRef;
use domain::catalog::MAX_UPLOAD_BYTES;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::catalog::parse_id;
use super::error::ErrorBody;
use super::error::{ApiError, ApiResult};
use super::extract::{Admin, Body};
use crate::state::AppState;
use domain::Field;

/// What an image upload's body may weigh: the largest file plus the form's own overhead.
pub const UPLOAD_BODY_LIMIT: usize = MAX_UPLOAD_BYTES + 64 * 1024;

#[derive(Deserialize, ToSchema)]
pub struct NewCategory {
    /// Lowercase letters, digits and hyphens; how the category appears in URLs.
    #[schema(min_length = 1, max_length = 64, pattern = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", example = "tea")]
    slug: String,
    #[schema(min_length = 1, max_length = 100, example = "차")]
    name: String,
}

#[utoipa::path(post, path = "/admin/categories", tag = "admin", security(("session" = [])), request_body = NewCategory,
    responses(
        (status = 201, description = "Created", body = CategoryRef),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = 409, description = "`conflict`: the slug exists", body = ErrorBody),
        (status = "4XX", description = "`validation_error`", body = ErrorBody),
))]
pub async fn create_category(
    State(state): State<AppState>,
    Admin(_): Admin,
    Body(b): Body<NewCategory>,
) -> ApiResult<(StatusCode, Json<CategoryRef>)> {
    Ok((StatusCode::CREATED, Json(state.facade.catalog().create_category(&b.slug, &b.name).await?)))
}

/// The form of an image upload.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the multipart form; the handler reads the fields one by one
pub struct ImageUpload {
    /// JPEG, PNG or WebP, at most 5 MiB; checked by decoding, not by its name or declared type.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// What the picture shows, for people who cannot see it (default: empty).
    #[schema(max_length = 200)]
    alt: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct UploadedImage {
    /// The large rendition; the first image of a product is its main picture.
    url: String,
    alt: String,
}

#[utoipa::path(post, path = "/admin/products/{id}/images", tag = "admin", security(("session" = [])),
    params(("id" = i64, Path, description = "Product id")),
    request_body(content = ImageUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Added after the product's other images", body = UploadedImage),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 403, description = "`forbidden`: not an admin", body = ErrorBody),
        (status = 404, description = "`not_found`: no such product", body = ErrorBody),
        (status = 413, description = "`validation_error` on `file`: over 5 MiB", body = ErrorBody),
        (status = "4XX", description = "`validation_error` with `field`: not a JPEG, PNG or WebP, or no file", body = ErrorBody),
))]
pub async fn upload_image(
    State(state): State<AppState>,
    Admin(_): Admin,
    Path(id): Path<String>,
    form: Result<Multipart, MultipartRejection>,
) -> ApiResult<(StatusCode, Json<UploadedImage>)> {
    let id = parse_id(&id)?;
    let mut form = form.map_err(|_| ApiError::field(Field::Body, "send a multipart/form-data form with `file`"))?;
    let (mut file, mut alt) = (None, String::new());
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("file") => file = Some(field.bytes().await.map_err(unreadable)?),
            Some("alt") => alt = field.text().await.map_err(unreadable)?,
            _ => {}
        }
    }
    let file = file.ok_or_else(|| ApiError::field(Field::File, "a JPEG, PNG or WebP picture is required"))?;
    if file.len() > MAX_UPLOAD_BYTES {
        return Err(too_large());
    }
    let image = state.facade.catalog().add_product_image(id, &file, &alt).await?;
    Ok((StatusCode::CREATED, Json(UploadedImage { url: image.url, alt: image.alt })))
}

fn too_large() -> ApiError {
    ApiError::BadInput {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        field: "file".to_owned(),
        message: "the picture is over 5 MiB".to_owned(),
    }
}

/// A form cut off by the body limit is over the size; any other unreadable form is bad input.
fn unreadable(e: MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        ApiError::field(Field::Body, "the multipart form could not be read")
    }
}
