//! `/users`, `/session`, `/me`.
use axum::Json;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::types::{Email, Password};
use domain::views::UserView;
use serde::Deserialize;
use serde_json::json;

use super::error::{ApiError, ApiResult};
use super::extract::{Body, CurrentUser, SESSION_COOKIE, session_token};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct SignUp {
    email: String,
    password: String,
    name: Option<String>,
}

pub async fn sign_up(State(state): State<AppState>, Body(body): Body<SignUp>) -> ApiResult<Response> {
    let email = Email::parse(&body.email)?;
    let password = Password::parse(&body.password)?;
    let user = state.facade.sign_up(email, password, body.name).await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": user.id, "email": user.email }))).into_response())
}

#[derive(Deserialize)]
pub struct SignIn {
    email: String,
    password: String,
}

pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Body(body): Body<SignIn>,
) -> ApiResult<Response> {
    let limiter = &state.sign_in_limiter;
    if !limiter.allowed(&body.email, Some(peer.ip())) {
        return Err(ApiError::RateLimited);
    }
    let user = match state.facade.sign_in(&body.email, &body.password).await {
        Ok(user) => user,
        Err(e) => {
            if matches!(e, domain::DomainError::Unauthorized) {
                limiter.failed(&body.email, Some(peer.ip()));
            }
            return Err(e.into());
        }
    };
    limiter.succeeded(&body.email);
    let token = state.facade.start_session(user.id).await?;
    let cookie = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
        domain::sessions::SESSION_TTL_DAYS * 24 * 3600
    );
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, v);
    }
    Ok((headers, Json(me_body(&user))).into_response())
}

pub async fn sign_out(State(state): State<AppState>, request: axum::extract::Request) -> ApiResult<Response> {
    let (parts, _) = request.into_parts();
    if let Some(token) = session_token(&parts) {
        state.facade.end_session(&token).await?;
    }
    let clear = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]).into_response())
}

pub async fn me(CurrentUser(user): CurrentUser) -> Json<serde_json::Value> {
    Json(me_body(&user))
}

fn me_body(user: &UserView) -> serde_json::Value {
    json!({ "id": user.id, "email": user.email, "role": user.role })
}
