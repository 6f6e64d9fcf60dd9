//! A request answered before its body was read to the end (a body over the limit, a form refused
//! half-way) leaves bytes on the connection that hyper will not read. Hyper then closes the
//! connection after the answer, but without saying so, so a keep-alive client can send its next
//! request on a socket that is about to close and get "connection closed before message
//! completed". Saying `Connection: close` in such answers makes clients open a new connection.
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use http_body::Frame;

pub async fn middleware(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let read_to_end = Arc::new(AtomicBool::new(body.is_end_stream()));
    let body = Body::new(Watched { inner: body, read_to_end: read_to_end.clone() });
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if !read_to_end.load(Ordering::Acquire) {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// The request body, noting when it has been read to its end.
struct Watched {
    inner: Body,
    read_to_end: Arc<AtomicBool>,
}

impl HttpBody for Watched {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if matches!(polled, Poll::Ready(None)) || self.inner.is_end_stream() {
            self.read_to_end.store(true, Ordering::Release);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}
