//! The JSON and JSONC loaders on any bytes: a document with spans, or a located failure; and
//! the one-pass reader of strict JSON reads what it takes as jsonc-parser does, and takes
//! nothing jsonc-parser refuses.
#![no_main]

use archlint::load::limits::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = archlint::load::json::parse(text, 0, &Limits::default());
        let _ = archlint::load::json::parse_with_comments(text, 0, &Limits::default());
        archlint::load::json::check_the_one_pass_reader(text);
    }
});
