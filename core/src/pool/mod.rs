//! The static thread-slot pool (DESIGN rules 2–5).
//!
//! A fixed array of slots in static memory, each able to host one worker thread.
//! A caller claims idle slots lock-free, never waits for one, and runs with however
//! many it got. Fork recovery rewrites every slot in the child (atfork child handler)
//! and is repeated by any dispatch that sees a new pid, so it never relies on the hook.

mod dispatch;
mod fork;
mod handoff;
mod slot;
mod threads;
mod worker;

pub(crate) use dispatch::run;
pub(crate) use fork::worker_tasks;
pub(crate) use handoff::Handoff;
pub(crate) use slot::{lent_slots, worker_threads};
pub use threads::{max_threads, num_threads, set_num_threads};
pub(crate) use worker::wait_until;
