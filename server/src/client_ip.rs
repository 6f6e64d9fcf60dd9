//! The client's address for each request, put on it as a [`ClientIp`] extension for sign-in
//! protection and the logs. Without trusted proxies it is the TCP peer, and `X-Forwarded-For` is
//! ignored (anyone can send one). When the peer is a trusted proxy (`TRUSTED_PROXIES`: addresses
//! or CIDR ranges, comma-separated), the header's addresses are read from the right, skipping
//! trusted proxies: the first untrusted one is the client.
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::Response;
pub use domain::accounts::ClientIp;
pub use domain::types::{IpRange as Range, parse_ranges};

/// The client of a request from `peer` carrying these `X-Forwarded-For` values.
pub fn client_of(peer: IpAddr, forwarded: &[&str], trusted: &[Range]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|r| r.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let hops = forwarded.iter().flat_map(|v| v.split(',')).map(str::trim).collect::<Vec<_>>();
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) if is_trusted(ip) => continue,
            Ok(ip) => return ip,
            // Garbage in the chain: nothing before it can be believed; the last trusted hop is it.
            Err(_) => break,
        }
    }
    peer
}

pub async fn middleware(trusted: Arc<Vec<Range>>, mut request: Request, next: Next) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
        let forwarded: Vec<&str> =
            request.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
        let client = client_of(peer.ip(), &forwarded, &trusted);
        request.extensions_mut().insert(ClientIp(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_counts_only_from_a_trusted_proxy() {
        let trusted = parse_ranges("10.0.0.0/8, 127.0.0.1").unwrap();
        // An untrusted peer's header is ignored: it could say anything.
        assert_eq!(client_of(ip("203.0.113.9"), &["1.2.3.4"], &trusted), ip("203.0.113.9"));
        // Through the trusted proxy: the rightmost untrusted hop (a client-sent prefix is skipped).
        assert_eq!(client_of(ip("10.1.2.3"), &["6.6.6.6, 198.51.100.7"], &trusted), ip("198.51.100.7"));
        assert_eq!(client_of(ip("127.0.0.1"), &["198.51.100.7, 10.9.9.9"], &trusted), ip("198.51.100.7"));
        assert_eq!(client_of(ip("10.1.2.3"), &[], &trusted), ip("10.1.2.3"));
        assert_eq!(client_of(ip("10.1.2.3"), &["junk"], &trusted), ip("10.1.2.3"));
        assert_eq!(client_of(ip("127.0.0.1"), &["1.2.3.4"], &[]), ip("127.0.0.1"), "none trusted by default");
        assert!(parse_ranges("10.0.0.0/33").is_err());
        assert!(parse_ranges("proxy.local").is_err());
        assert!(Range::parse("::1").unwrap().contains(ip("::1")));
        assert!(Range::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
    }
}
