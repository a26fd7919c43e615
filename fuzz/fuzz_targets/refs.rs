//! The reference resolver on two files whose text the fuzzer writes (split at the first NUL
//! byte): an OpenAPI document and a shared components file it may `$ref`, with `$ref`s of any
//! shape, cycles, pointers and escapes; every reference resolved or reported, never a panic.
#![no_main]

use archlint::config::Config;
use archlint::discover::{self, PathFilter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (api, shared) = text.split_once('\0').unwrap_or((text, ""));
    let folder = tempfile::tempdir().expect("a temporary folder");
    let root = folder.path();
    std::fs::create_dir_all(root.join("api")).expect("a folder");
    std::fs::write(root.join("api/openapi.yaml"), api).expect("written");
    std::fs::write(root.join("api/common.yaml"), shared).expect("written");
    let config = Config::default();
    let filter = PathFilter::new(root, &[], &[]).expect("no globs");
    let entries = discover::discover(&[root.to_path_buf()], &filter, None).entries;
    let mut workspace = archlint::load::load(&entries, &config.limits);
    workspace.resolve_references(root, &config.limits);
});
