//! After every fault: the invariants of `docs/domain.md` (the same checker operators run with
//! `worker check`, which includes: every charge paid its order or was refunded), no accepted
//! order lost, no payment left unsettled, nothing restored twice, no pending order left more
//! than a sweep interval past its deadline - and a record of the run for RELIABILITY.md.
use std::time::{Duration, Instant};

use domain::entities::{order, order_event, payment_attempt};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::load::Tally;
use super::processes::{SWEEP_SECS, Shop, TTL_SECS};

pub struct Outcome {
    pub accepted: usize,
    pub lost: usize,
    pub violations: Vec<String>,
}

pub async fn verify(shop: &Shop, tally: &Tally) -> Outcome {
    let db = domain::db::connect(&shop.db.url, 2).await.expect("connect for the checks");
    // Give the workers one deadline and a few sweeps to expire what the load left unpaid.
    let deadline = Instant::now() + Duration::from_secs(TTL_SECS + 6 * SWEEP_SECS + 10);
    let overdue = loop {
        // One sweep interval, plus a second for the sweep itself to run.
        let cutoff = chrono::Utc::now() - chrono::Duration::seconds((SWEEP_SECS + 1) as i64);
        let n = order::Entity::find()
            .filter(order::Column::Status.eq("pending_payment"))
            .filter(order::Column::ExpiresAt.lt(cutoff))
            .count(&db)
            .await
            .unwrap();
        // And the reconciler to finish payments a fault left between charge and outcome.
        let unsettled = payment_attempt::Entity::find()
            .filter(payment_attempt::Column::Status.eq(domain::status::PaymentAttemptStatus::Charging))
            .count(&db)
            .await
            .unwrap();
        if (n == 0 && unsettled == 0) || Instant::now() > deadline {
            break n;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    let mut violations = domain::invariants::check(&db).await.expect("run the invariant checker");
    let unsettled = payment_attempt::Entity::find()
        .filter(payment_attempt::Column::Status.eq(domain::status::PaymentAttemptStatus::Charging))
        .count(&db)
        .await
        .unwrap();
    if unsettled > 0 {
        violations.push(format!("{unsettled} payment attempts left unsettled by the reconciler"));
    }
    if overdue > 0 {
        violations.push(format!("{overdue} pending orders more than {} s past their deadline", SWEEP_SECS + 1));
    }
    let accepted = tally.accepted.lock().await.clone();
    let mut lost = 0;
    for id in &accepted {
        if order::Entity::find_by_id(*id).one(&db).await.unwrap().is_none() {
            lost += 1;
            violations.push(format!("accepted order {id} is missing"));
        }
    }
    // Exactly once: no order cancelled or restored twice.
    let events = order_event::Entity::find()
        .filter(order_event::Column::Kind.is_in(["cancelled", "stock_restored", "coupon_released"]))
        .all(&db)
        .await
        .unwrap();
    let mut seen = std::collections::HashMap::new();
    for e in events {
        *seen.entry((e.order_id, e.kind)).or_insert(0) += 1;
    }
    for ((order_id, kind), n) in seen {
        if n > 1 {
            violations.push(format!("order {order_id}: {kind} recorded {n} times"));
        }
    }
    Outcome { accepted: accepted.len(), lost, violations }
}

/// One row of RELIABILITY.md, written where `scripts/reliability-report.py` finds it.
pub fn record(fault: &str, checked: &str, faults: u32, tally: &Tally, outcome: &Outcome) {
    use std::sync::atomic::Ordering;
    // The checkout being tested, read when the test runs (cargo and nextest set it): a binary
    // built from another checkout sharing the target directory must not write into that one.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned());
    let dir = std::path::Path::new(&manifest).join("../target/reliability");
    let _ = std::fs::create_dir_all(&dir);
    let row = serde_json::json!({
        "fault": fault,
        "checked": checked,
        "faults_injected": faults,
        "attempts": tally.attempts.load(Ordering::Relaxed),
        "failed_during_fault": tally.failed.load(Ordering::Relaxed),
        "accepted": outcome.accepted,
        "paid": tally.paid.load(Ordering::Relaxed),
        "cancelled": tally.cancelled.load(Ordering::Relaxed),
        "lost": outcome.lost,
        "violations": outcome.violations,
        "result": if outcome.violations.is_empty() { "pass" } else { "FAIL" },
        "at": chrono::Utc::now().to_rfc3339(),
        "load_secs": std::env::var("FAULT_LOAD_SECS").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(3),
    });
    let file =
        dir.join(format!("{}.json", fault.split_whitespace().take(4).collect::<Vec<_>>().join("-").to_lowercase()));
    let _ = std::fs::write(file, serde_json::to_string_pretty(&row).unwrap_or_default());
}

pub fn assert_clean(outcome: &Outcome) {
    assert!(outcome.violations.is_empty(), "after the fault:\n{}", outcome.violations.join("\n"));
    assert!(outcome.accepted > 0, "the load placed no order at all");
}
