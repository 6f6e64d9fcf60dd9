//! Placing orders (`docs/domain.md`): the request, its batch, and the answers.
use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tokio::sync::oneshot;

use super::amounts::Priced;
use super::events::OrderEvent;
use super::place_checks::{Snapshot, Taken};
use super::place_writes::{WriteFailure, write_orders};
use super::request::{PlaceOrder, PlaceRequest};
use super::stock::Row;
use super::views::{OrderView, Placed, Quote};
use super::{Orders, events};
use crate::entities::order;
use crate::error::{CouponRejection, DomainError, DomainResult};
use crate::expiry_hook::ScheduleOutcome;
use crate::types::IdempotencyKey;
use crate::types::UserId;

/// A request waiting for its batch (`crate::batch_queue`), and where its own answer goes.
pub(crate) struct Job {
    request: PlaceRequest,
    reply: oneshot::Sender<DomainResult<Placed>>,
}

impl Orders<'_> {
    /// Places an order: product -> stock -> coupon checks, in that order. Orders that arrive
    /// together are placed in one transaction (`crate::batch_queue`), each judged as if placed after
    /// the ones before it and answered on its own.
    #[tracing::instrument(skip(self, cmd), fields(user_id, order_id))]
    pub async fn place_order(self, user_id: UserId, cmd: PlaceOrder) -> DomainResult<Placed> {
        let placed = match self.ctx.placing_per_account.check(&user_id) {
            Ok(()) => self.place_order_once(user_id, cmd).await,
            Err(limited) => Err(limited),
        };
        match &placed {
            Ok(p) if p.created => crate::metrics::order_placed(),
            Ok(_) => {}
            Err(e) => crate::metrics::order_refused(e.code()),
        }
        placed
    }

    async fn place_order_once(self, user_id: UserId, cmd: PlaceOrder) -> DomainResult<Placed> {
        let fingerprint = cmd.fingerprint();
        if let Some(key) = &cmd.idempotency_key
            && let Some(existing) = self.find_by_idempotency_key(user_id, key, &fingerprint).await?
        {
            return Ok(existing);
        }
        let placed = self.submit(PlaceRequest { user_id, order: cmd, fingerprint }).await;
        if let Ok(p) = &placed {
            tracing::Span::current().record("order_id", p.order.id);
        }
        placed
    }

    /// Queues the request for the next batch (`crate::batch_queue`) and waits for its answer.
    async fn submit(self, request: PlaceRequest) -> DomainResult<Placed> {
        let (reply, answer) = oneshot::channel();
        let lane = (self.ctx.clone(), Arc::clone(self.placing));
        self.placing.submit(Job { request, reply }, &lane, |(ctx, placing), batch| async move {
            Orders::new(&ctx, &placing).answer_batch(batch).await
        });
        answer.await.unwrap_or_else(|_| Err(DomainError::internal("placing an order stopped before answering")))
    }

    /// Places one batch of the lane, then answers it off the lane.
    async fn answer_batch(self, batch: Vec<Job>) {
        let (requests, replies): (Vec<_>, Vec<_>) = batch.into_iter().map(|j| (j.request, j.reply)).unzip();
        crate::metrics::placing_batch(requests.len());
        let outcomes = self.place_batch(&requests).await;
        // Step 5 off the lane: the next batch need not wait for the queue. Each request is
        // answered once its order's expiry is scheduled (or known not to be).
        let (ctx, placing) = (self.ctx.clone(), Arc::clone(self.placing));
        tokio::spawn(async move {
            Orders::new(&ctx, &placing).after_placed(&deadlines(&outcomes)).await;
            for (reply, outcome) in replies.into_iter().zip(outcomes) {
                // The requester may have gone (a closed connection); the order stands either way.
                let _ = reply.send(outcome);
            }
        });
    }

    /// Places the orders as one batch, as if they had arrived together (tests of mixed batches).
    #[cfg(feature = "testing")]
    pub async fn place_orders_together(self, orders: Vec<(UserId, PlaceOrder)>) -> Vec<DomainResult<Placed>> {
        let requests: Vec<PlaceRequest> = orders
            .into_iter()
            .map(|(user_id, order)| PlaceRequest { user_id, fingerprint: order.fingerprint(), order })
            .collect();
        let outcomes = self.place_batch(&requests).await;
        self.after_placed(&deadlines(&outcomes)).await;
        outcomes
    }

    /// One transaction for the batch; when one of its guards does not hold (another process took
    /// the stock or the coupon since it was read, a concurrent try committed the same key), the
    /// batch is rolled back and its orders are placed one by one, where each guard is an answer.
    async fn place_batch(self, requests: &[PlaceRequest]) -> Vec<DomainResult<Placed>> {
        if let [one] = requests {
            return vec![self.place_one(one).await];
        }
        // Two tries with one key: one by one, the second is answered with the first's order.
        if !has_repeated_key(requests) {
            match self.place_together(requests).await {
                Ok(outcomes) => return outcomes,
                Err(failure) => {
                    crate::metrics::placing_batch_split();
                    tracing::debug!(?failure, orders = requests.len(), "placing the batch's orders one by one");
                }
            }
        }
        let mut outcomes = Vec::with_capacity(requests.len());
        for request in requests {
            outcomes.push(self.place_one(request).await);
        }
        outcomes
    }

    /// One order in its own transaction: a guard that does not hold is its answer.
    async fn place_one(self, request: &PlaceRequest) -> DomainResult<Placed> {
        match self.place_together(std::slice::from_ref(request)).await {
            Ok(outcomes) => {
                outcomes.into_iter().next().unwrap_or_else(|| Err(DomainError::internal("placing gave no answer")))
            }
            Err(WriteFailure::KeyTaken(e)) => {
                // A concurrent try of the same request committed first: answer with its order.
                let key = request.order.idempotency_key.as_ref().ok_or(DomainError::Db(e))?;
                self.find_by_idempotency_key(request.user_id, key, &request.fingerprint)
                    .await?
                    .ok_or(DomainError::IdempotencyConflict)
            }
            Err(WriteFailure::CouponTaken) => Err(DomainError::InvalidCoupon(CouponRejection::Reserved)),
            Err(WriteFailure::StockShort { row }) => Err(short_of(request, row)),
            Err(WriteFailure::Db(e)) => Err(e.into()),
            Err(WriteFailure::Internal(what)) => Err(DomainError::internal(what)),
        }
    }

    /// Judges the orders in arrival order on what one read found and writes the accepted ones in
    /// one transaction (their expiry is scheduled by the caller). `Ok` holds each order's answer
    /// (a refusal for its own reason never fails its neighbours); `Err` means nothing was written.
    async fn place_together(self, requests: &[PlaceRequest]) -> Result<Vec<DomainResult<Placed>>, WriteFailure> {
        // The clock is read once the transaction has begun: waiting for the writer (SQLite) must
        // not age the orders' deadlines.
        let txn = self.ctx.begin_write().await?;
        let now = self.ctx.clock.now();
        let expires_at = now + self.ctx.payment_ttl;
        let snapshot = Snapshot::load(&txn, requests.iter().map(|r| &r.order)).await?;
        let mut taken = Taken::default();
        let judged: Vec<DomainResult<Priced>> =
            requests.iter().map(|r| snapshot.judge(r.user_id, &r.order, &mut taken, now)).collect();
        let accepted: Vec<(&PlaceRequest, &Priced)> =
            requests.iter().zip(&judged).filter_map(|(r, j)| j.as_ref().ok().map(|p| (r, p))).collect();
        let written = if accepted.is_empty() {
            Vec::new()
        } else {
            match write_orders(&txn, &accepted, &snapshot, now, expires_at).await {
                Ok(written) => written,
                Err(failure) => {
                    let _ = txn.rollback().await;
                    return Err(failure);
                }
            }
        };
        if let Err(e) = txn.commit().await {
            // The commit may have happened all the same: these orders are answered with the
            // error, never placed a second time.
            return Ok(judged.into_iter().map(|j| j.and_then(|_| Err(DomainError::Db(e.clone())))).collect());
        }
        let mut written = written.into_iter();
        Ok(judged
            .into_iter()
            .map(|j| {
                j.and_then(|_| {
                    let (order, lines) =
                        written.next().ok_or_else(|| DomainError::internal("an accepted order was not written"))?;
                    Ok(Placed { order: OrderView::new(order, lines), created: true })
                })
            })
            .collect())
    }

    /// The amounts placing would charge, checked exactly as placing checks them; writes nothing.
    #[tracing::instrument(skip(self, cmd))]
    pub async fn quote(self, user_id: UserId, cmd: &PlaceOrder) -> DomainResult<Quote> {
        let snapshot = Snapshot::load(&self.ctx.db, std::iter::once(cmd)).await?;
        let priced = snapshot.judge(user_id, cmd, &mut Taken::default(), self.ctx.clock.now())?;
        Ok(Quote { subtotal: priced.subtotal, discount: priced.discount(), total: priced.total() })
    }

    /// Step 5, only after the commit: enqueues the expiry jobs of orders placed together in one
    /// push and records the outcomes in one statement. Failure never fails the placing.
    async fn after_placed(self, placed: &[(i64, DateTime<Utc>)]) {
        if placed.is_empty() {
            return;
        }
        let outcomes = self.ctx.scheduler.orders_placed(placed).await;
        let mut timeline = Vec::with_capacity(placed.len());
        for (&(order_id, _), outcome) in placed.iter().zip(outcomes) {
            match outcome {
                ScheduleOutcome::Scheduled { run_at, job_id } => {
                    timeline.push((order_id, OrderEvent::ExpiryScheduled { job_id, run_at: run_at.to_rfc3339() }))
                }
                ScheduleOutcome::Failed { reason } => {
                    crate::metrics::expiry_enqueue_failed();
                    tracing::warn!(order_id, %reason, "expiry job not enqueued; the sweep will expire the order");
                    timeline.push((order_id, OrderEvent::ExpiryEnqueueFailed { reason }));
                }
                ScheduleOutcome::NotScheduled => {}
            }
        }
        if timeline.is_empty() {
            return;
        }
        if let Err(e) = events::record_many(&self.ctx.writer, self.ctx.clock.now(), timeline).await {
            tracing::error!(orders = placed.len(), error = %e, "could not record the expiry scheduling events");
        }
    }

    async fn find_by_idempotency_key(
        self,
        user_id: UserId,
        key: &IdempotencyKey,
        fingerprint: &str,
    ) -> DomainResult<Option<Placed>> {
        let found = order::Entity::find()
            .filter(order::Column::UserId.eq(user_id))
            .filter(order::Column::IdempotencyKey.eq(key.as_str()))
            .one(&self.ctx.db)
            .await?;
        let Some(found) = found else { return Ok(None) };
        if found.request_fingerprint.as_deref() != Some(fingerprint) {
            return Err(DomainError::IdempotencyConflict);
        }
        let order = self.load_order(found.id).await?.ok_or(DomainError::NotFound)?;
        Ok(Some(Placed { order, created: false }))
    }

    pub(crate) async fn load_order(self, order_id: i64) -> DomainResult<Option<OrderView>> {
        super::queries::order_view(&self.ctx.db, order_id).await
    }
}

/// `out_of_stock` for the line of `request` that `row` holds the stock of.
fn short_of(request: &PlaceRequest, row: Row) -> DomainError {
    let line = request.order.lines.lines().iter().find(|l| Row::of(l) == row);
    match line {
        Some(l) => DomainError::OutOfStock { product_id: l.product_id, variant_id: l.variant_id },
        None => DomainError::internal("the stock short is not one of the order's lines"),
    }
}

/// The orders a batch created (not replays of earlier ones), with their deadlines.
fn deadlines(outcomes: &[DomainResult<Placed>]) -> Vec<(i64, DateTime<Utc>)> {
    outcomes.iter().flatten().filter(|p| p.created).map(|p| (p.order.id, p.order.expires_at)).collect()
}

/// Whether two requests of the batch carry the same (user, idempotency key).
fn has_repeated_key(requests: &[PlaceRequest]) -> bool {
    let mut seen = HashSet::new();
    requests
        .iter()
        .filter_map(|r| r.order.idempotency_key.as_ref().map(|k| (r.user_id, k.as_str())))
        .any(|pair| !seen.insert(pair))
}
