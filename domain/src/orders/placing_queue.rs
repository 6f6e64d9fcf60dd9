//! Natural batching of placing requests (group commit). A request that arrives while every lane
//! is busy placing a batch waits here and joins the next batch a lane takes; at low load a lane
//! is free, so a request starts at once with a batch of its own - no timer, no added delay.
use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::oneshot;

use crate::error::DomainResult;
use crate::views::Placed;

use super::place::PlaceRequest;

/// A request waiting for its batch, and where its own answer goes.
pub(crate) struct Job {
    pub(crate) request: PlaceRequest,
    pub(crate) reply: oneshot::Sender<DomainResult<Placed>>,
}

pub(crate) struct PlacingQueue {
    state: Mutex<State>,
    max_batch: usize,
    lanes: usize,
}

struct State {
    waiting: VecDeque<Job>,
    busy_lanes: usize,
}

impl PlacingQueue {
    /// `lanes` batches may be in flight at once; a batch holds at most `max_batch` orders.
    pub(crate) fn new(max_batch: usize, lanes: usize) -> Self {
        Self {
            state: Mutex::new(State { waiting: VecDeque::new(), busy_lanes: 0 }),
            max_batch: max_batch.max(1),
            lanes: lanes.max(1),
        }
    }

    /// Queues a job. True when the caller must start a lane: one is free, and it is counted busy
    /// from now, so two callers never start the same lane.
    pub(crate) fn push(&self, job: Job) -> bool {
        let mut s = self.lock();
        s.waiting.push_back(job);
        if s.busy_lanes < self.lanes {
            s.busy_lanes += 1;
            true
        } else {
            false
        }
    }

    /// The next batch for a running lane, oldest first; `None` when nothing waits, and then the
    /// lane is counted free under the same lock, so a job queued a moment later starts a lane.
    pub(crate) fn next_batch(&self) -> Option<Vec<Job>> {
        let mut s = self.lock();
        if s.waiting.is_empty() {
            s.busy_lanes -= 1;
            return None;
        }
        let n = s.waiting.len().min(self.max_batch);
        Some(s.waiting.drain(..n).collect())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The state is two plain fields changed in place; a panic cannot leave them half-written.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::OrderLines;

    fn job() -> (Job, oneshot::Receiver<DomainResult<Placed>>) {
        let order = crate::PlaceOrder {
            lines: OrderLines::parse([(1, 1)]).unwrap(),
            coupon_id: None,
            idempotency_key: None,
            shipping: None,
        };
        let (reply, answer) = oneshot::channel();
        (Job { request: PlaceRequest { user_id: 1, order, fingerprint: String::new() }, reply }, answer)
    }

    #[test]
    fn a_free_lane_starts_at_once_and_later_requests_wait_for_the_next_batch() {
        let q = PlacingQueue::new(3, 1);
        assert!(q.push(job().0), "the first request starts the lane");
        assert!(!q.push(job().0), "the lane is busy: the second waits");
        assert_eq!(q.next_batch().map(|b| b.len()), Some(2), "the running lane takes both");
        for _ in 0..5 {
            assert!(!q.push(job().0));
        }
        assert_eq!(q.next_batch().map(|b| b.len()), Some(3), "at most max_batch per transaction");
        assert_eq!(q.next_batch().map(|b| b.len()), Some(2));
        assert!(q.next_batch().is_none(), "nothing waits: the lane stops");
        assert!(q.push(job().0), "and the next request starts it again");
    }

    #[test]
    fn lanes_run_side_by_side_up_to_their_number() {
        let q = PlacingQueue::new(8, 2);
        assert!(q.push(job().0));
        assert!(q.push(job().0));
        assert!(!q.push(job().0));
        assert_eq!(q.next_batch().map(|b| b.len()), Some(3));
        assert!(q.next_batch().is_none());
        assert!(q.push(job().0), "one lane stopped, so one is free");
    }
}
