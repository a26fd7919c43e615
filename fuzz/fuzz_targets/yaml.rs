//! The YAML loader on any bytes: a document with spans, or a located failure; never a panic.
#![no_main]

use archlint::load::limits::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = archlint::load::yaml::parse(text, 0, &Limits::default());
    }
});
