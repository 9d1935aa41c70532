//! The asyncio playground's core.
//!
//! asyncio's tutorial example, `main()` awaiting `say_after(1, 'hello')` and then
//! `say_after(2, 'world')`, written as Rust `async fn`s that run on a loop of our own
//! that is asyncio's: tasks, a ready queue, timers, cancellation. The loop runs on
//! whatever hosts it: the browser's own event loop (steps in a `MessageChannel`
//! callback, sleeps on one `setTimeout`), or a virtual clock that jumps from timer to
//! timer so tests and the page get the exact, ideal timeline. Everything the loop does
//! is recorded in a trace, which the page draws.
//!
//! Everything but [`web`] is plain Rust that never touches JavaScript or the DOM;
//! [`web`] is the one boundary the page talks to.

pub mod code;
pub mod input;
pub mod memory;
pub mod number;
pub mod primes;
#[cfg(feature = "python")]
pub mod python;
pub mod runtime;
pub mod scenario;
pub mod trace;
pub mod virtual_clock;

#[cfg(target_arch = "wasm32")]
pub mod web;

#[global_allocator]
static ALLOCATOR: memory::Counting<std::alloc::System> = memory::Counting(std::alloc::System);
