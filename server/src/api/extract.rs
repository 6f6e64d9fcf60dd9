//! Extractors: JSON bodies whose rejections become `validation_error`, and the signed-in user.
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use domain::DomainError;
use domain::accounts::UserView;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use crate::state::AppState;

pub use app::cookies::SESSION_COOKIE;

/// `Json<T>` whose every rejection is a `validation_error` naming the field.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(rejection) => Err(reject(rejection)),
        }
    }
}

fn reject(rejection: JsonRejection) -> ApiError {
    let text = rejection.body_text();
    let (status, field, message) = match &rejection {
        JsonRejection::JsonDataError(_) => {
            // "Failed to deserialize the JSON body into the target type: items[0].quantity: invalid type: ..."
            let detail = text.split_once("target type: ").map_or(text.as_str(), |(_, d)| d);
            let (field, why) = match detail.split_once(": ") {
                Some((path, why)) if !path.contains(' ') => (path.to_owned(), why.to_owned()),
                _ => (missing_field(detail).unwrap_or_else(|| "body".to_owned()), detail.to_owned()),
            };
            (StatusCode::UNPROCESSABLE_ENTITY, field, why)
        }
        JsonRejection::JsonSyntaxError(_) => (StatusCode::BAD_REQUEST, "body".to_owned(), "malformed JSON".to_owned()),
        JsonRejection::MissingJsonContentType(_) => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content-type".to_owned(),
            "send JSON with Content-Type: application/json".to_owned(),
        ),
        _ => (StatusCode::PAYLOAD_TOO_LARGE, "body".to_owned(), "the body is too large or unreadable".to_owned()),
    };
    // Keep serde's wording but never echo unbounded input back.
    let message: String = message.chars().take(200).collect();
    ApiError::BadInput { status, field, message }
}

/// serde's "missing field `email`" -> "email".
fn missing_field(detail: &str) -> Option<String> {
    let rest = detail.split_once("missing field `")?.1;
    Some(rest.split('`').next()?.to_owned())
}

/// The session token the request's cookie carries.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    let values = headers.get_all(axum::http::header::COOKIE).iter().filter_map(|v| v.to_str().ok());
    app::cookies::find_cookie(values, SESSION_COOKIE).map(str::to_owned)
}

/// The signed-in user; 401 without a valid session.
pub struct CurrentUser(pub UserView);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = session_token(&parts.headers).ok_or(ApiError::Domain(DomainError::Unauthorized))?;
        let user =
            state.facade.accounts().session_user(&token).await?.ok_or(ApiError::Domain(DomainError::Unauthorized))?;
        Ok(Self(user))
    }
}

/// A signed-in admin; 401 without a session, 403 for a shopper.
pub struct Admin(pub UserView);

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        if user.role != domain::status::Role::Admin {
            return Err(ApiError::Domain(DomainError::Forbidden));
        }
        Ok(Self(user))
    }
}

/// A field that is present (even as null) is `Some`: `null` and absent mean different things.
pub fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    use serde::Deserialize;
    Option::<String>::deserialize(d).map(Some)
}
