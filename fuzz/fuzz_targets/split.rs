//! The whole check of an OpenAPI description split over four files whose text the fuzzer writes
//! (split at NUL bytes): the root document, a components file, a path item in a file whose name
//! holds a `#` (as `redocly split` names them) and an example. It drives what only a split
//! description meets: references between files and their cycles, a `$ref` to another kind of
//! object, and the bundle Spectral's rules judge, where a schema named again from inside a schema
//! is named where it was first put. Seed it from `fixtures/` and a split description.
#![no_main]

use archlint::config::Config;
use archlint::rules::Registry;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(4, '\0');
    let folder = tempfile::tempdir().expect("a temporary folder");
    for name in [
        "api/openapi.yaml",
        "api/components.yaml",
        "api/paths/users_{id}#get.yaml",
        "api/examples/user.json",
    ] {
        let path = folder.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("a folder");
        std::fs::write(path, parts.next().unwrap_or("")).expect("written");
    }
    let rules = Registry::built_in();
    let _ = archlint::pipeline::analyze(&[folder.path().to_path_buf()], &Config::default(), &rules);
});
