//! The loop's timers in firing order: by deadline, and first in, first out for equal
//! deadlines.
//!
//! asyncio keeps its timers in a binary heap (`heapq`). Most timers, though, arrive
//! in order: a loop's clock never goes back, so a run of equal sleeps (a `gather` of
//! a thousand `say_after(1, ...)`) makes deadlines that only grow. Those go on the
//! back of a deque, in and out in O(1); only a timer that is due before the last one
//! queued goes on the heap. The earliest is the earlier of the two fronts.
//!
//! Cancelling a timer does not remove it: the loop marks it cancelled and skips it
//! when it reaches the front, as CPython does with cancelled handles at the head of
//! its heap.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use super::TimerId;
use crate::trace::Deadline;

/// A timer's place in the queue: (deadline, creation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct TimerKey {
    pub deadline: Deadline,
    pub id: TimerId,
}

#[derive(Default)]
pub(super) struct TimerQueue {
    /// Timers queued in order, each at or after the one before it.
    in_order: VecDeque<TimerKey>,
    /// Timers that were due before the back of `in_order` when they came.
    out_of_order: BinaryHeap<Reverse<TimerKey>>,
}

impl TimerQueue {
    pub fn push(&mut self, key: TimerKey) {
        if self.in_order.back().is_none_or(|back| *back <= key) {
            self.in_order.push_back(key);
        } else {
            self.out_of_order.push(Reverse(key));
        }
    }

    /// The earliest timer, cancelled or not.
    pub fn peek(&self) -> Option<TimerKey> {
        match (self.in_order.front(), self.out_of_order.peek()) {
            (Some(&a), Some(&Reverse(b))) => Some(a.min(b)),
            (a, b) => a.copied().or(b.map(|b| b.0)),
        }
    }

    /// Every timer queued, cancelled or not, in no order.
    pub fn iter(&self) -> impl Iterator<Item = TimerKey> + '_ {
        self.in_order.iter().copied().chain(self.out_of_order.iter().map(|key| key.0))
    }

    pub fn pop(&mut self) -> Option<TimerKey> {
        let first = self.peek()?;
        if self.in_order.front() == Some(&first) {
            self.in_order.pop_front()
        } else {
            self.out_of_order.pop().map(|key| key.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(deadline: f64, id: TimerId) -> TimerKey {
        TimerKey { deadline: Deadline(deadline), id }
    }

    #[test]
    fn pops_by_deadline_then_creation_whatever_the_order_of_pushes() {
        let mut queue = TimerQueue::default();
        let pushed = [key(1.0, 0), key(2.0, 1), key(0.5, 2), key(2.0, 3), key(1.0, 4), key(3.0, 5), key(0.5, 6)];
        for k in pushed {
            queue.push(k);
        }
        let mut expected = pushed.to_vec();
        expected.sort();
        let popped: Vec<_> = std::iter::from_fn(|| queue.pop()).collect();
        assert_eq!(popped, expected);
        assert_eq!(queue.peek(), None);
    }

    #[test]
    fn keeps_order_as_pushes_and_pops_interleave() {
        // A pseudo-random walk of pushes and pops against a sorted list.
        let (mut queue, mut model) = (TimerQueue::default(), Vec::new());
        let mut seed = 12345u32;
        for id in 0..2000 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            if seed.is_multiple_of(3) {
                model.sort();
                let expected = (!model.is_empty()).then(|| model.remove(0));
                assert_eq!(queue.pop(), expected);
            } else {
                let k = key(f64::from((seed >> 8) % 50) / 10.0, id);
                queue.push(k);
                model.push(k);
            }
        }
        model.sort();
        assert_eq!(std::iter::from_fn(|| queue.pop()).collect::<Vec<_>>(), model);
    }
}
