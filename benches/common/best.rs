//! The one timing loop both benchmarks use: no harness, `std::time::Instant`, best of `RUNS`.

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
