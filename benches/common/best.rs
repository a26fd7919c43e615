//! The timing loops the benchmarks use: no harness, `std::time::Instant`; best of `RUNS`, or
//! several workloads timed in rounds to be compared with each other.

// Each benchmark compiles this file as a module of its own and uses one of the two.
#![allow(dead_code)]

use std::hint::black_box;
use std::time::{Duration, Instant};

pub const RUNS: usize = 5;

/// The fastest of `RUNS` runs of `work`, and what the last one returned.
pub fn best<T>(mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut fastest = Duration::MAX;
    let mut result = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let value = black_box(work());
        fastest = fastest.min(start.elapsed());
        result = Some(value);
    }
    (fastest, result.expect("RUNS > 0"))
}

/// Each of `workloads` timed once per round, for `rounds` rounds, one after the other: on a
/// shared machine the load drifts over seconds, and the times of one round are taken under
/// about the same load, so their ratios hold where the times do not. Each workload runs once
/// untimed before it is timed, so that it finds the allocator's memory as its own work leaves it
/// (as it does when it is timed several times in a row), not as the workload before left it.
/// What a workload returns is dropped after it is timed, as `best` does. The times by workload.
pub fn in_rounds(rounds: usize, workloads: &mut [&mut dyn FnMut() -> Made]) -> Vec<Vec<Duration>> {
    let mut times = vec![Vec::with_capacity(rounds); workloads.len()];
    for _ in 0..rounds {
        for (workload, times) in workloads.iter_mut().zip(&mut times) {
            drop(black_box(workload()));
            let start = Instant::now();
            let made = black_box(workload());
            times.push(start.elapsed());
            drop(made);
        }
    }
    times
}

/// What a workload of [`in_rounds`] made.
pub type Made = Box<dyn std::any::Any>;
