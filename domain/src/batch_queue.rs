//! Natural batching (group commit): work that arrives while every lane is busy waits here and
//! joins the next batch a lane takes; at low load a lane is free, so work starts at once in a
//! batch of its own - no timer, no added delay. Placing orders (`orders::place`) and looking up
//! sessions (`sessions`) go through one each.
//!
//! A job carries its own reply channel. The lane hands each batch to the caller's `run_batch`,
//! which answers every job of it; a job whose answer is never sent (its batch panicked) drops its
//! channel, and its asker sees that as an error.
use std::collections::VecDeque;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use futures::FutureExt;

pub(crate) struct BatchQueue<J> {
    state: Mutex<State<J>>,
    max_batch: usize,
    lanes: usize,
}

struct State<J> {
    waiting: VecDeque<J>,
    busy_lanes: usize,
}

impl<J> BatchQueue<J> {
    /// `lanes` batches may be in flight at once; a batch holds at most `max_batch` jobs.
    pub(crate) fn new(max_batch: usize, lanes: usize) -> Self {
        Self {
            state: Mutex::new(State { waiting: VecDeque::new(), busy_lanes: 0 }),
            max_batch: max_batch.max(1),
            lanes: lanes.max(1),
        }
    }

    /// Queues a job; when a lane is free, starts one on a task of its own (so a batch finishes even
    /// if the request that started it is dropped). The lane hands each waiting batch to
    /// `run_batch(ctx, batch)` until nothing waits. `ctx` is cloned only when a lane starts.
    pub(crate) fn submit<C, F, Fut>(self: &Arc<Self>, job: J, ctx: &C, run_batch: F)
    where
        J: Send + 'static,
        C: Clone + Send + 'static,
        F: Fn(C, Vec<J>) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send,
    {
        if !self.push(job) {
            return;
        }
        let (queue, ctx) = (Arc::clone(self), ctx.clone());
        tokio::spawn(async move {
            while let Some(batch) = queue.next_batch() {
                let jobs = batch.len();
                // A panic must not leave the lane counted busy; the batch's unsent answers were
                // dropped with it, which their askers see as an error.
                if AssertUnwindSafe(run_batch(ctx.clone(), batch)).catch_unwind().await.is_err() {
                    tracing::error!(jobs, "a batch panicked; its jobs are answered with an error");
                }
            }
        });
    }

    /// Queues a job. True when the caller must start a lane: one is free, and it is counted busy
    /// from now, so two callers never start the same lane.
    fn push(&self, job: J) -> bool {
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
    fn next_batch(&self) -> Option<Vec<J>> {
        let mut s = self.lock();
        if s.waiting.is_empty() {
            s.busy_lanes -= 1;
            return None;
        }
        let n = s.waiting.len().min(self.max_batch);
        Some(s.waiting.drain(..n).collect())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State<J>> {
        // The state is two plain fields changed in place; a panic cannot leave them half-written.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_lane_starts_at_once_and_later_jobs_wait_for_the_next_batch() {
        let q = BatchQueue::new(3, 1);
        assert!(q.push(1), "the first job starts the lane");
        assert!(!q.push(2), "the lane is busy: the second waits");
        assert_eq!(q.next_batch(), Some(vec![1, 2]), "the running lane takes both");
        for j in 3..8 {
            assert!(!q.push(j));
        }
        assert_eq!(q.next_batch(), Some(vec![3, 4, 5]), "at most max_batch per batch, oldest first");
        assert_eq!(q.next_batch(), Some(vec![6, 7]));
        assert!(q.next_batch().is_none(), "nothing waits: the lane stops");
        assert!(q.push(8), "and the next job starts it again");
    }

    #[test]
    fn lanes_run_side_by_side_up_to_their_number() {
        let q = BatchQueue::new(8, 2);
        assert!(q.push(1));
        assert!(q.push(2));
        assert!(!q.push(3));
        assert_eq!(q.next_batch().map(|b| b.len()), Some(3));
        assert!(q.next_batch().is_none());
        assert!(q.push(4), "one lane stopped, so one is free");
    }

    /// A job and its answer channel, as the callers' jobs carry one.
    type Echo = (u32, tokio::sync::oneshot::Sender<u32>);

    #[tokio::test]
    async fn a_panicking_batch_fails_its_own_jobs_and_the_lane_goes_on() {
        let q = Arc::new(BatchQueue::<Echo>::new(8, 1));
        let run = |_: (), batch: Vec<Echo>| async move {
            for (n, reply) in batch {
                assert!(n != 13, "a bug in the batch's work");
                let _ = reply.send(n * 2);
            }
        };
        let ask = |n| {
            let (tx, rx) = tokio::sync::oneshot::channel();
            q.submit((n, tx), &(), run);
            rx
        };
        assert!(ask(13).await.is_err(), "the panicking batch's job gets an error, not a hang");
        assert_eq!(ask(4).await.ok(), Some(8), "the lane was freed and serves the next job");
        let (a, b) = (ask(1), ask(2));
        assert_eq!((a.await.ok(), b.await.ok()), (Some(2), Some(4)));
    }
}
