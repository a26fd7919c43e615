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
set +e
summary=$("$archlint" check fixtures/ecommerce --color never | tail -n 1)
code=$?
set -e
echo "check: $summary"
case "$summary" in
  "17 errors, 14 warnings, 7 infos in 12 files") ;;
  *) echo "unexpected summary" >&2; exit 1 ;;
esac
"$archlint" check fixtures/ecommerce --quiet >/dev/null && { echo "expected exit 1" >&2; exit 1; }
[ "$code" = 0 ] || true
echo "wheel OK"
