//! The Markdown reader (decision records) on any text: blocks, links and a recognition, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = archlint::load::markdown::read(std::path::Path::new("docs/adr/0001-x.md"), text, 0);
    }
});
