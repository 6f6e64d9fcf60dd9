//! Operations, metrics: the real `server` and `worker` binaries with `METRICS_ADDR` and
//! `WORKER_METRICS_ADDR` set, scraped while a shopper places, is refused, pays and lets an order
//! expire - each counter moves by exactly what happened, HTTP series carry route templates (never
//! raw paths), the gauges are there, and nothing is served on the public port.

use std::time::{Duration, Instant};

use crate::faults::load::{products, shoppers};
use crate::faults::processes::{Shop, free_port};
use reqwest::StatusCode;
use serde_json::json;

/// The sum of every sample of `name` carrying all of `labels`.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (series, value) = line.rsplit_once(' ')?;
            let (metric, rest) = series.split_once('{').unwrap_or((series, ""));
            (metric == name && labels.iter().all(|(k, v)| rest.contains(&format!("{k}=\"{v}\""))))
                .then(|| value.parse::<f64>().ok())
                .flatten()
        })
        .sum()
}

async fn scrape(port: u16) -> String {
    let r = reqwest::get(format!("http://127.0.0.1:{port}/metrics")).await.expect("the metrics listener answers");
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn server_and_worker_metrics_move_with_the_orders() {
    let shop = Shop::new().await;
    let (server_port, worker_port) = (free_port(), free_port());
    let server_addr = format!("127.0.0.1:{server_port}");
    let worker_addr = format!("127.0.0.1:{worker_port}");
    let _server = shop.server_with(&[("METRICS_ADDR", server_addr.as_str())]);
    let _worker = shop.worker_with(&[("WORKER_METRICS_ADDR", worker_addr.as_str())]);
    let base = shop.base();
    let product = products(&base, 1).await[0];
    let shopper = shoppers(&base, 1).await.remove(0);
    let place = |items: serde_json::Value| {
        shopper.post(format!("{base}/api/v1/orders")).json(&json!({ "items": items })).send()
    };
    let paid = place(json!([{"product_id": product, "quantity": 1}])).await.unwrap();
    assert_eq!(paid.status(), StatusCode::CREATED);
    let paid = paid.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let left = place(json!([{"product_id": product, "quantity": 2}])).await.unwrap();
    assert_eq!(left.status(), StatusCode::CREATED);
    let refused = place(json!([{"product_id": 999_999, "quantity": 1}])).await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let pay = shopper.post(format!("{base}/api/v1/orders/{paid}/payment")).send().await.unwrap();
    assert_eq!(pay.status(), StatusCode::OK);

    let text = scrape(server_port).await;
    assert_eq!(sample(&text, "shop_orders_placed_total", &[]), 2.0, "{text}");
    assert_eq!(sample(&text, "shop_orders_refused_total", &[("code", "invalid_product")]), 1.0);
    assert_eq!(sample(&text, "shop_orders_paid_total", &[]), 1.0);
    // Three requests one after another: three placing transactions of one order each.
    assert_eq!(sample(&text, "shop_placing_batch_orders_count", &[]), 3.0, "{text}");
    assert_eq!(sample(&text, "shop_placing_batch_orders_sum", &[]), 3.0);
    assert_eq!(sample(&text, "shop_placing_batch_orders_bucket", &[("le", "1")]), 3.0, "{text}");
    let orders = [("method", "POST"), ("route", "/api/v1/orders")];
    assert_eq!(sample(&text, "shop_http_requests_total", &[orders[0], orders[1], ("status", "201")]), 2.0);
    assert_eq!(sample(&text, "shop_http_requests_total", &[orders[0], orders[1], ("status", "422")]), 1.0);
    let payment = [("route", "/api/v1/orders/{id}/payment"), ("status", "200")];
    assert_eq!(sample(&text, "shop_http_requests_total", &payment), 1.0);
    assert_eq!(sample(&text, "shop_http_request_duration_seconds_count", &payment), 1.0);
    assert!(!text.contains(&format!("/api/v1/orders/{paid}")), "a raw path became a label:\n{text}");
    assert!(text.contains("shop_db_pool_connections{state=\"idle\"}"), "{text}");
    assert!(text.contains("# HELP shop_orders_placed_total"), "{text}");

    // The unpaid order expires (3 s) in the worker, by its job or by the sweep. The worker was not
    // waited for when started: its listener may still be coming up.
    let deadline = Instant::now() + Duration::from_secs(20);
    let text = loop {
        let listening = std::net::TcpStream::connect(("127.0.0.1", worker_port)).is_ok();
        if !listening && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(250)).await;
            continue;
        }
        let text = scrape(worker_port).await;
        if sample(&text, "shop_orders_expired_total", &[]) >= 1.0 || Instant::now() > deadline {
            break text;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    assert_eq!(sample(&text, "shop_orders_expired_total", &[]), 1.0, "{text}");
    assert_eq!(sample(&text, "shop_expiry_lag_seconds_count", &[]), 1.0);
    assert!(sample(&text, "shop_expiry_lag_seconds_sum", &[]) < 10.0, "expired within seconds:\n{text}");
    for gauge in ["shop_expiry_queue_depth", "shop_orders_overdue", "shop_db_pool_connections"] {
        assert!(text.lines().any(|l| l.starts_with(gauge)), "{gauge} missing:\n{text}");
    }

    let public = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert_eq!(public.status(), StatusCode::NOT_FOUND, "metrics must never be on the public port");
    shop.cleanup().await;
}
