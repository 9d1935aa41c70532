//! The asyncio playground's core.
//!
//! asyncio's tutorial example, `main()` awaiting `say_after(1, 'hello')` and then
//! `say_after(2, 'world')`, written as Rust `async fn`s that run on whatever event loop
//! hosts them: the browser's own loop (tasks on the microtask queue, sleeps on
//! `setTimeout`), or a virtual clock that jumps from timer to timer so tests and the
//! page get the exact, ideal timeline.
//!
//! Everything but [`web`] is plain Rust that never touches JavaScript or the DOM;
//! [`web`] is the one boundary the page talks to.

pub mod code;
pub mod input;
pub mod runtime;
pub mod scenario;
pub mod timeline;
pub mod virtual_clock;

#[cfg(target_arch = "wasm32")]
pub mod web;
