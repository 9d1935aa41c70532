//! How much heap the core holds, so that a program of the learner's that grows without
//! bound (a list appended to forever, a string doubled forty times) is stopped with a
//! message long before the tab runs out of memory.
//!
//! [`Counting`] wraps the allocator and counts the bytes allocated and not yet freed, per
//! thread (the page has one; each native test thread counts its own).

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

/// The most heap the core may hold while it runs a program: past it, the interpreter
/// stops the program, and refuses a value that would take it past.
pub const LIMIT: usize = 192 << 20;

/// The most one value (a string, a list's items) may take: copying it is one statement
/// the interpreter cannot pause in the middle of, and in a browser a copy of 32 MB takes
/// a few tens of ms.
pub const VALUE_LIMIT: usize = 32 << 20;

thread_local! {
    static IN_USE: Cell<usize> = const { Cell::new(0) };
}

fn count(add: usize, sub: usize) {
    // (A thread being torn down has no counter left: nothing to count then.)
    let _ = IN_USE.try_with(|n| n.set(n.get().wrapping_add(add).wrapping_sub(sub)));
}

/// The bytes this thread holds on the heap now.
pub fn in_use() -> usize {
    IN_USE.try_with(Cell::get).unwrap_or(0)
}

/// Whether `more` bytes would still fit under [`LIMIT`].
pub fn fits(more: usize) -> bool {
    more <= VALUE_LIMIT && in_use().saturating_add(more) <= LIMIT
}

/// An allocator that counts what `A` hands out (see [`in_use`]).
pub struct Counting<A>(pub A);

// SAFETY: every call is passed on to `A` unchanged; only the counting is added.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { self.0.alloc(layout) };
        if !ptr.is_null() {
            count(layout.size(), 0);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { self.0.alloc_zeroed(layout) };
        if !ptr.is_null() {
            count(layout.size(), 0);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { self.0.dealloc(ptr, layout) };
        count(0, layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            count(new_size, layout.size());
        }
        moved
    }
}
