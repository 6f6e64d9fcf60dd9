//! A panic while answering a request (a bug) becomes a 500 with the API's error body and one log
//! line - never a dropped connection, which a client would retry as if the network had failed.
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::api::error::ErrorBody;

pub fn answer(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    tracing::error!(panic = what, "a request panicked; answered 500");
    let body = ErrorBody::plain(domain::ErrorCode::Internal, "internal error");
    (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::routing::get;
    use tower_http::catch_panic::CatchPanicLayer;

    #[tokio::test]
    async fn a_panicking_handler_is_answered_500_with_the_error_body() {
        async fn broken() -> &'static str {
            panic!("expected context of type OrderFacade")
        }
        let router = Router::new().route("/broken", get(broken)).layer(CatchPanicLayer::custom(super::answer));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        let r = reqwest::get(format!("http://{addr}/broken")).await.expect("an answer, not a dropped connection");
        assert_eq!(r.status(), reqwest::StatusCode::INTERNAL_SERVER_ERROR);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body, serde_json::json!({"code": "internal", "message": "internal error"}));
    }
}
