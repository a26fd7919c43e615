#!/usr/bin/env bash
# Fetches GitHub's REST API description (13 MB of OpenAPI 3.0 JSON, MIT licensed) from the npm
# registry package @octokit/openapi into ${1:-target/corpus}: the workload of
# `cargo bench --bench github_openapi`. Needs npm; nothing else is downloaded.
set -euo pipefail
destination=${1:-target/corpus}
mkdir -p "$destination"
[ -s "$destination/api.github.com.json" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @octokit/openapi@23.0.2 >/dev/null)
tar -xzf "$work"/octokit-openapi-*.tgz -C "$work" package/generated/api.github.com.json
mv "$work/package/generated/api.github.com.json" "$destination/api.github.com.json"
echo "$destination/api.github.com.json"
