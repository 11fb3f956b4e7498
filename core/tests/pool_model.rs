//! An exhaustive model check of the pool's protocol (claim, post, futex wait and wake,
//! release, a fork's generation change), standing in for loom, which is outside the allowed
//! dependencies. The model mirrors `pool/{slot,worker,dispatch,fork}.rs` step by step at
//! the granularity of their atomic operations; every interleaving of two callers and
//! one worker (and a fork taken by caller 0 at any point) is explored.
//!
//! Checked: a slot never has two owners; the lent-slot budget stays within `0..=2`;
//! every run ends with both callers done (no deadlock, no lost wake-up); after a fork,
//! the child's call completes; a worker that never runs again blocks no caller.
//! Deliberate bugs (a sleep without the futex's compare, a caller that does not
//! revoke, a claim without compare-and-swap) must each be caught, which shows the
//! checker can fail.

use std::collections::HashSet;

/// The lent-slot budget (`num_threads() - 1`): 2, more than the model's one slot, so
/// the two callers can contend for the slot itself.
const BUDGET_LIMIT: i8 = 2;

/// Caller program counters.
const BUDGET: u8 = 0; // take one unit of the lent-slot budget, or run serially
const CLAIM: u8 = 1; // CAS the slot's owner word
const POST: u8 = 2; // store the job, bump the ticket
const WAKE: u8 = 3; // futex_wake (then the caller drains its own tasks)
const REVOKE: u8 = 4; // swap the job out of the slot: revoked if the worker had not taken it
const WAIT: u8 = 5; // wait until the worker that took the job reports it finished
const RELEASE: u8 = 6; // free the slot, return the budget
const DONE: u8 = 7;

/// Worker program counters.
const CHECK: u8 = 0; // compare ticket with the last one seen
const SLEEP: u8 = 1; // futex_wait(ticket, seen): sleeps only if still equal
const ASLEEP: u8 = 2; // blocked until a wake
const TAKE: u8 = 3; // swap the job out of the slot
const RUN: u8 = 4; // run the taken job, report it finished
const ABSENT: u8 = 5; // no worker thread (a fork child before its first dispatch)
const STUCK: u8 = 6; // a worker that never runs again (e.g. blocked in a foreign lock)

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct State {
    owner: u8, // 0 idle, c + 1 owned by caller c
    lent: i8,
    ticket: u8,
    job: u8, // 0 none, c + 1 for caller c's job
    finished: [bool; 2],
    caller: [u8; 2],
    claimed: [bool; 2],
    worker: u8,
    seen: u8,
    taken: u8,    // the job the worker took (c + 1), 0 for none
    forked: bool, // a fork happened: only caller 0 exists from then on
}

const START: State = State {
    owner: 0,
    lent: 0,
    ticket: 0,
    job: 0,
    finished: [false; 2],
    caller: [BUDGET; 2],
    claimed: [false; 2],
    worker: CHECK,
    seen: 0,
    taken: 0,
    forked: false,
};

/// Deliberate bugs, to show the checker catches what they break.
#[derive(Clone, Copy, Default)]
struct Bugs {
    /// The worker sleeps without the futex's compare (can lose a wake-up).
    sleep_without_compare: bool,
    /// The caller waits for its job without revoking it first.
    no_revoke: bool,
    /// The claim takes the slot without looking at its owner word.
    claim_without_cas: bool,
}

/// One step of caller `c`; `None` when it cannot move.
fn step_caller(s: State, c: usize, bugs: Bugs) -> Option<State> {
    let mut n = s;
    match s.caller[c] {
        BUDGET if s.lent < BUDGET_LIMIT => {
            n.lent += 1;
            n.caller[c] = CLAIM;
        }
        BUDGET => n.caller[c] = DONE, // no budget: serial
        CLAIM if s.owner == 0 || bugs.claim_without_cas => {
            n.owner = c as u8 + 1;
            n.claimed[c] = true;
            n.caller[c] = POST;
        }
        CLAIM => {
            n.lent -= 1;
            n.caller[c] = DONE;
        }
        POST => {
            n.job = c as u8 + 1;
            n.finished[c] = false;
            n.ticket = n.ticket.wrapping_add(1);
            n.caller[c] = WAKE;
        }
        WAKE => {
            if s.worker == ASLEEP {
                n.worker = CHECK;
            }
            n.caller[c] = REVOKE;
        }
        REVOKE if s.job == c as u8 + 1 && !bugs.no_revoke => {
            n.job = 0;
            n.caller[c] = RELEASE;
        }
        REVOKE => n.caller[c] = WAIT,
        WAIT if s.finished[c] => n.caller[c] = RELEASE,
        WAIT => return None,
        RELEASE => {
            n.job = 0;
            n.owner = 0;
            n.lent -= 1;
            n.claimed[c] = false;
            n.caller[c] = DONE;
        }
        _ => return None,
    }
    Some(n)
}

fn step_worker(s: State, bugs: Bugs) -> Option<State> {
    let mut n = s;
    match s.worker {
        CHECK if s.ticket != s.seen => {
            n.seen = s.ticket;
            n.worker = TAKE;
        }
        TAKE if s.job != 0 => {
            n.taken = s.job;
            n.job = 0;
            n.worker = RUN;
        }
        TAKE => n.worker = CHECK,
        CHECK => n.worker = SLEEP,
        SLEEP if !bugs.sleep_without_compare && s.ticket != s.seen => n.worker = CHECK,
        SLEEP => n.worker = ASLEEP,
        RUN => {
            n.finished[(s.taken - 1) as usize] = true;
            n.taken = 0;
            n.worker = CHECK;
        }
        _ => return None,
    }
    Some(n)
}

/// Caller 0 forks: the child keeps only caller 0's thread and rewrites nothing. The
/// slot's claim word and the lent count carry the parent's generation, so in the child
/// they read as free and as zero; the ticket and a stale job stay as they were; no
/// worker exists until a claim starts one. Caller 0 then starts a fresh call.
fn fork(s: State) -> Option<State> {
    if s.forked || s.caller[0] == DONE {
        return None;
    }
    let mut n = START;
    n.forked = true;
    n.caller = [BUDGET, DONE];
    n.worker = ABSENT;
    n.ticket = s.ticket;
    n.job = s.job;
    Some(n)
}

/// In the child, the claim of a slot whose worker is absent clears the slot's stale job
/// and starts a worker, which begins from the current ticket (`has_worker` in
/// dispatch.rs, `thread_arg` in worker.rs).
fn spawn_if_needed(mut s: State) -> State {
    if s.worker == ABSENT && s.caller[0] == POST {
        s.job = 0;
        s.worker = CHECK;
        s.seen = s.ticket;
    }
    s
}

/// Explores every interleaving; returns a description of the first violation.
fn explore(bugs: Bugs, with_fork: bool) -> Result<usize, String> {
    explore_from(START, bugs, with_fork)
}

fn explore_from(start: State, bugs: Bugs, with_fork: bool) -> Result<usize, String> {
    let mut seen = HashSet::new();
    let mut stack = vec![start];
    while let Some(s) = stack.pop() {
        if !seen.insert(s) {
            continue;
        }
        if s.claimed[0] && s.claimed[1] {
            return Err(format!("two owners of one slot: {s:?}"));
        }
        if !(0..=BUDGET_LIMIT).contains(&s.lent) {
            return Err(format!("budget out of range: {s:?}"));
        }
        let mut next = Vec::new();
        for c in 0..2 {
            next.extend(step_caller(s, c, bugs).map(spawn_if_needed));
        }
        next.extend(step_worker(s, bugs));
        if with_fork {
            next.extend(fork(s));
        }
        if next.is_empty() && s.caller != [DONE, DONE] {
            return Err(format!("stuck: {s:?}"));
        }
        stack.extend(next);
    }
    Ok(seen.len())
}

#[test]
fn protocol_never_deadlocks_or_double_claims() {
    let states = explore(Bugs::default(), false).unwrap();
    println!("{states} states explored");
    assert!(states > 50, "explored only {states} states");
}

#[test]
fn protocol_survives_a_fork_at_any_point() {
    let states = explore(Bugs::default(), true).unwrap();
    println!("{states} states explored, with a fork");
    assert!(states > 100, "explored only {states} states");
}

/// A worker that never runs again (in a fork child: stuck in a lock inherited from the
/// parent, as ASan's allocator lock can be) must not block the callers: the caller
/// revokes the job it never took.
#[test]
fn a_worker_that_never_runs_blocks_no_caller() {
    let mut start = START;
    start.worker = STUCK;
    let states = explore_from(start, Bugs::default(), false).unwrap();
    println!("{states} states explored, with a stuck worker");
}

/// The checker can fail: each deliberate bug is caught.
#[test]
fn the_checker_catches_deliberate_bugs() {
    let mut stuck = START;
    stuck.worker = STUCK;
    let no_revoke = Bugs {
        no_revoke: true,
        ..Bugs::default()
    };
    let err =
        explore_from(stuck, no_revoke, false).expect_err("waiting on a stuck worker deadlocks");
    assert!(err.contains("stuck"), "{err}");
    let err = explore(
        Bugs {
            no_revoke: true,
            sleep_without_compare: true,
            ..Bugs::default()
        },
        false,
    )
    .expect_err("a sleep without compare loses a wake-up when the job is not revoked");
    assert!(err.contains("stuck"), "{err}");
    let err = explore(
        Bugs {
            claim_without_cas: true,
            ..Bugs::default()
        },
        false,
    )
    .expect_err("a blind claim double-books");
    assert!(err.contains("two owners"), "{err}");
}
