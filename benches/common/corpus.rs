//! Where the benchmarks on a real description find it: GitHub's REST API description, fetched by
//! `scripts/fetch-github-openapi.sh` (or named by `ARCHLINT_GITHUB_OPENAPI`).

use std::path::PathBuf;

/// The description's path, or `None` (with a line saying how to fetch it) when it is missing.
pub fn github_openapi() -> Option<PathBuf> {
    let file = std::env::var_os("ARCHLINT_GITHUB_OPENAPI")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/corpus/api.github.com.json"));
    if file.is_file() {
        return Some(file);
    }
    println!(
        "skipped: {} is missing; run scripts/fetch-github-openapi.sh first",
        file.display()
    );
    None
}
