//! `/users`, `/session`, `/me`.
use axum::Json;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::accounts::UserView;
use domain::types::{Email, Password};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::ApiResult;
use super::error::ErrorBody;
use super::extract::{Body, CurrentUser, session_token};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct SignUp {
    #[schema(max_length = 254, example = "shopper@example.com")]
    email: String,
    /// At least 8 characters.
    #[schema(min_length = 8, max_length = 128)]
    password: String,
    #[schema(max_length = 100)]
    name: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SignedUp {
    id: i64,
    email: String,
}

#[utoipa::path(post, path = "/users", tag = "accounts", request_body = SignUp, responses(
    (status = 201, description = "Account created", body = SignedUp),
    (status = 409, description = "`conflict`: the email is taken", body = ErrorBody),
    (status = "4XX", description = "`validation_error`: a bad email or a password under 8 characters", body = ErrorBody),
))]
pub async fn sign_up(
    State(state): State<AppState>,
    Body(body): Body<SignUp>,
) -> ApiResult<(StatusCode, Json<SignedUp>)> {
    let email = Email::parse(&body.email)?;
    let password = Password::parse(&body.password)?;
    let user = state.facade.accounts().sign_up(email, password, body.name).await?;
    Ok((StatusCode::CREATED, Json(SignedUp { id: user.id.0, email: user.email })))
}

#[derive(Deserialize, ToSchema)]
pub struct SignIn {
    #[schema(max_length = 254, example = "demo@shop.test")]
    email: String,
    #[schema(max_length = 128, example = "demo-password")]
    password: String,
}

#[utoipa::path(post, path = "/session", tag = "accounts", request_body = SignIn, responses(
    (status = 200, description = "Signed in; the response sets the `shop_session` cookie", body = UserView),
    (status = 401, description = "`unauthorized`: wrong email or password", body = ErrorBody),
    (status = 429, description = "`rate_limited`: too many failed sign-ins for this email from this address, from this address, or (a short, growing wait) for this email", body = ErrorBody),
    (status = "4XX", description = "`validation_error`", body = ErrorBody),
))]
pub async fn sign_in(
    State(state): State<AppState>,
    client: Option<axum::Extension<crate::client_ip::ClientIp>>,
    headers: HeaderMap,
    Body(body): Body<SignIn>,
) -> ApiResult<Response> {
    let client = client.map(|axum::Extension(c)| c.0);
    let user = state.facade.accounts().sign_in(&body.email, &body.password, client).await?;
    // A new session id on every sign-in; the one the client had (if any) ends.
    if let Some(old) = session_token(&headers) {
        state.facade.accounts().end_session(&old).await?;
    }
    let token = state.facade.accounts().start_session(user.id).await?;
    let cookie = state.cookie.set(&token);
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, v);
    }
    Ok((headers, Json(user)).into_response())
}

#[utoipa::path(delete, path = "/session", tag = "accounts", responses(
    (status = 204, description = "Signed out (also when there was no session)"),
))]
pub async fn sign_out(State(state): State<AppState>, request: axum::extract::Request) -> ApiResult<Response> {
    let (parts, _) = request.into_parts();
    if let Some(token) = session_token(&parts.headers) {
        state.facade.accounts().end_session(&token).await?;
    }
    let clear = state.cookie.clear();
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]).into_response())
}

#[utoipa::path(get, path = "/me", tag = "accounts", security(("session" = [])), responses(
    (status = 200, description = "The signed-in user", body = UserView),
    (status = 401, description = "`unauthorized`: no valid session", body = ErrorBody),
))]
pub async fn me(CurrentUser(user): CurrentUser) -> Json<UserView> {
    Json(user)
}
