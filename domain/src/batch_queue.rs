//! Natural batching (group commit): work that arrives while every lane is busy waits here and
//! joins the next batch a lane takes; at low load a lane is free, so work starts at once in a
//! batch of its own - no timer, no added delay. Placing orders (`orders::place`) and looking up
//! sessions (`sessions`) go through one each.
use std::collections::VecDeque;
use std::sync::Mutex;

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

    /// Queues a job. True when the caller must start a lane: one is free, and it is counted busy
    /// from now, so two callers never start the same lane.
    pub(crate) fn push(&self, job: J) -> bool {
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
    pub(crate) fn next_batch(&self) -> Option<Vec<J>> {
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
}
