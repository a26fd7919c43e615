#!/usr/bin/env bash
# Builds the Python wheel (maturin, `bindings = "bin"`), installs it into a fresh virtual
# environment, and runs what a user runs first: `archlint --version` and a check of the bundled
# example. Prints the binary's size and how long the install took. Needs python3 and cargo;
# maturin is installed into a virtual environment of its own (from PyPI) when it is missing.
#
#   scripts/test-wheel.sh            # build in release mode, as the release workflow does
#
# Not part of .ci/run: the release build takes minutes on a small machine.
set -euo pipefail
cd "$(dirname "$0")/.."

work="${ARCHLINT_WHEEL_WORK:-target/wheel-test}"
rm -rf "$work/dist" "$work/user"
mkdir -p "$work"

maturin="$work/build/bin/maturin"
if [ ! -x "$maturin" ]; then
  python3 -m venv "$work/build"
  "$work/build/bin/pip" install --quiet "maturin>=1.5,<2.0"
fi

"$maturin" build --release --locked --out "$work/dist" 2>&1 | tail -n 3
wheel=$(ls "$work"/dist/archlint-*.whl)
echo "wheel: $wheel ($(du -k "$wheel" | cut -f1) KiB)"

python3 -m venv "$work/user"
start=$(date +%s.%N)
"$work/user/bin/pip" install --quiet --no-index "$wheel"
end=$(date +%s.%N)
echo "install: $(python3 -c "print(f'{$end - $start:.1f} s')")"

archlint="$work/user/bin/archlint"
echo "binary: $(stat -c %s "$archlint" 2>/dev/null || stat -f %z "$archlint") bytes"
"$archlint" --version
version=$("$archlint" --version)
expected="archlint $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
[ "$version" = "$expected" ] || { echo "expected \`$expected\`, got \`$version\`" >&2; exit 1; }

# The bundled example has errors: exit 1, with its known summary.
summary=$("$archlint" check fixtures/ecommerce --color never | tail -n 1 || true)
echo "check: $summary"
[ "$summary" = "18 errors, 22 warnings, 7 infos in 13 files" ] || { echo "unexpected summary" >&2; exit 1; }
if "$archlint" check fixtures/ecommerce --quiet > /dev/null; then echo "expected exit 1" >&2; exit 1; fi

# The pre-commit hook as the README writes it (`language: python`, the wheel as its dependency;
# here the wheel just built instead of the one on PyPI) refuses a commit that breaks another file.
"$work/build/bin/pip" install --quiet pre-commit
repo="$work/hook-repo"
rm -rf "$repo" && mkdir -p "$repo/architecture" "$repo/services/orders"
wheel_path="$(cd "$(dirname "$wheel")" && pwd)/$(basename "$wheel")"
cat > "$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: local
    hooks:
      - id: archlint
        name: archlint
        entry: archlint check
        language: python
        additional_dependencies: ["$wheel_path"]
        types_or: [yaml, json, markdown]
        require_serial: true
YAML
cat > "$repo/architecture/services.yaml" <<'YAML'
components:
  - name: Order Service
    responsibility: Orders
    api_endpoints: ["POST /api/v1/orders"]
YAML
cat > "$repo/services/orders/openapi.yaml" <<'YAML'
openapi: 3.0.3
info: {title: Orders, version: 1.0.0, x-service: order-service}
servers: [{url: "https://api.example.com/v1"}]
security: []
paths:
  /orders:
    post:
      responses:
        '201': {description: created}
        '400': {description: a malformed order}
YAML
(
  cd "$repo"
  git init -q
  git config user.email archlint@example.com && git config user.name archlint
  git add . && git commit -q -m "the architecture" --no-verify
  export PRE_COMMIT_HOME="$PWD/../pre-commit-home"
  start=$(date +%s)
  ../build/bin/pre-commit install-hooks > /dev/null
  echo "hook install: $(( $(date +%s) - start )) s"
  # Remove POST /orders and commit only the OpenAPI document: the hook must refuse it.
  sed -i.bak 's/^    post:/    put:/' services/orders/openapi.yaml && rm services/orders/openapi.yaml.bak
  git add services/orders/openapi.yaml
  if ../build/bin/pre-commit run > hook.log 2>&1; then
    cat hook.log; echo "the hook passed a commit that breaks architecture/services.yaml" >&2; exit 1
  fi
  grep -q "api-drift" hook.log || { cat hook.log; exit 1; }
  echo "hook: refused the commit (api-drift in architecture/services.yaml)"
)
echo "wheel OK"
