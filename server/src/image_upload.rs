//! `POST /admin/products/{id}/images` (the page's form, not the API): the product page uploads
//! several pictures in one plain multipart form - it works before the page has hydrated and
//! without JavaScript - and is sent back to the product page, which says what was added and
//! what was refused and why.
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::DomainError;
use domain::catalog::MAX_UPLOAD_BYTES;

use crate::api::error::ApiError;
use crate::api::extract::Admin;
use crate::state::AppState;
use domain::Field;

/// Pictures per form.
pub const MAX_FILES: usize = 8;
/// The form's largest body: every picture at its largest, plus the form's own overhead.
pub const FORM_BODY_LIMIT: usize = MAX_FILES * MAX_UPLOAD_BYTES + 64 * 1024;

pub async fn from_form(
    State(state): State<AppState>,
    Admin(_): Admin,
    Path(id): Path<i64>,
    form: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let back = |uploaded: usize, refused: Option<(&str, &str)>| {
        let mut to = format!("/admin/products/{id}?uploaded={uploaded}");
        if let Some((why, file)) = refused {
            to.push_str(&format!("&refused={why}&file={}", app::format::urlencode(file)));
        }
        Redirect::to(&to).into_response()
    };
    let Ok(mut form) = form else {
        return Ok(back(0, Some(("unreadable", ""))));
    };
    let (mut uploaded, mut alt) = (0, String::new());
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                let why = if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE { "size" } else { "unreadable" };
                return Ok(back(uploaded, Some((why, ""))));
            }
        };
        match field.name() {
            Some("alt") => alt = field.text().await.unwrap_or_default(),
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                // A form sent with no file chosen still carries one empty, nameless part.
                if name.is_empty() {
                    continue;
                }
                if uploaded == MAX_FILES {
                    return Ok(back(uploaded, Some(("too_many", &name))));
                }
                let bytes = match field.bytes().await {
                    Ok(bytes) => bytes,
                    Err(_) => return Ok(back(uploaded, Some(("size", &name)))),
                };
                if bytes.len() > MAX_UPLOAD_BYTES {
                    return Ok(back(uploaded, Some(("size", &name))));
                }
                match state.facade.catalog().add_product_image(id, &bytes, &alt).await {
                    Ok(_) => uploaded += 1,
                    Err(DomainError::Validation { field: Field::Alt, .. }) => {
                        return Ok(back(uploaded, Some(("alt", &name))));
                    }
                    Err(DomainError::Validation { .. }) => return Ok(back(uploaded, Some(("type", &name)))),
                    Err(e) => return Err(e.into()),
                }
            }
            _ => {}
        }
    }
    Ok(back(uploaded, None))
}
