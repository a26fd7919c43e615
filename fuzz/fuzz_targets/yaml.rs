//! The YAML loader on any bytes: a document with spans, or a located failure; never a panic.
//! And the line reader gives granit-parser's events for what it takes, and takes nothing
//! granit-parser refuses.
#![no_main]

use archlint::load::limits::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        // A small alias budget: the fuzzer is after wrong logic, and an instrumented build
        // expanding a million nodes per input would leave it no time to look for any.
        let limits = Limits {
            max_alias_nodes: 10_000,
            ..Limits::default()
        };
        let _ = archlint::load::yaml::parse(text, 0, &limits);
        archlint::load::yaml::check_the_line_reader(text);
    }
});
