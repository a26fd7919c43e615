#!/usr/bin/env bash
# The scale benchmark (issue 16): generates synthetic repositories with `examples/gen_repo.rs`
# and times the release binary on each, end to end:
#
#   archlint check --format json --fail-on never DIR > target/scale/ROW.json
#
# Rows (ROWS picks some, in the order given; default all):
#   1k    1,000 services, 100 to a spec file
#   10k   10,000 services, 100 to a spec file
#   22k   22,000 services, one spec file each (about 50,000 files)
#   100k  100,000 services in one spec file and nothing else (--no-openapi --no-asyncapi --no-adr
#         --no-registry: one 65 MB YAML file and the requirements)
#
# Wall time, CPU time (user + sys) and peak memory (maximum resident set size) are measured with
# GNU time (`/usr/bin/time -f`; the shell's `time` has no peak memory), best of RUNS runs (each
# figure its own minimum). Prints a Markdown table: repository, files, input MB, wall s, CPU s,
# peak MB, output MB (the JSON report), findings; and, when both rows ran, the ratios 10k / 1k,
# whose goal is linear cost (10x the input at most 11x the time and memory). MB are 10^6 bytes.
#
# Environment:
#   ROWS="1k 10k"   the rows to run (default "1k 10k 22k 100k")
#   RUNS=3          runs per row, best taken (default 3)
#   LARGE_RUNS=1    runs of the rows 22k and 100k (default 1: they take minutes)
#   TIMEOUT=300     seconds a run may take before it is killed ("killed after N s" in the table)
#   SEED=42         the generator's seed
#
# Repositories are generated into target/scale/ once and reused while the parameters and
# examples/gen_repo.rs are the same; each is made a git repository of its own, so that archlint
# reads it alone and not this project around it. Needs Linux (GNU time, coreutils' timeout, GNU
# find) and git.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-"1k 10k 22k 100k"}
RUNS=${RUNS:-3}
LARGE_RUNS=${LARGE_RUNS:-1}
TIMEOUT=${TIMEOUT:-300}
SEED=${SEED:-42}
work=target/scale
bin=target/release/archlint
gen=target/release/examples/gen_repo

die() {
  echo "bench-scale.sh: $*" >&2
  exit 1
}

if [ ! -x /usr/bin/time ] || ! /usr/bin/time --version 2>&1 | grep -q GNU; then
  die "needs GNU time as /usr/bin/time to measure peak memory (Debian/Ubuntu: apt-get install time)"
fi
command -v timeout > /dev/null || die "needs timeout (GNU coreutils)"
command -v git > /dev/null || die "needs git (each generated repository is made one)"
for number in "$RUNS" "$LARGE_RUNS" "$TIMEOUT" "$SEED"; do
  [[ $number =~ ^[0-9]+$ ]] || die "RUNS, LARGE_RUNS, TIMEOUT and SEED are whole numbers, not '$number'"
done
if [ "$RUNS" -lt 1 ] || [ "$LARGE_RUNS" -lt 1 ]; then die "RUNS and LARGE_RUNS are at least 1"; fi

# Sets services, per_file, options (the generator's others), label and runs for row $1.
row_parameters() {
  options=()
  case $1 in
    1k) services=1000 per_file=100 label="1,000 services" runs=$RUNS ;;
    10k) services=10000 per_file=100 label="10,000 services" runs=$RUNS ;;
    22k) services=22000 per_file=1 label="22,000 services, one file each" runs=$LARGE_RUNS ;;
    100k)
      services=100000 per_file=100000 label="100,000 services in one YAML file" runs=$LARGE_RUNS
      options=(--no-openapi --no-asyncapi --no-adr --no-registry)
      ;;
    *) die "unknown row '$1' in ROWS (rows: 1k 10k 22k 100k)" ;;
  esac
}
for row in $ROWS; do row_parameters "$row"; done

echo "building the release binary and the generator..." >&2
cargo build --release --quiet --bin archlint --example gen_repo

mkdir -p "$work"
generator_hash=$(sha256sum examples/gen_repo.rs | cut -d' ' -f1)

# Generates row $1's repository into $dir unless the same one is there.
generate() {
  local stamp="$work/$1.stamp"
  local want="services=$services per_file=$per_file ${options[*]} seed=$SEED generator=$generator_hash"
  if [ -d "$dir" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "$1: reusing $dir" >&2
    return
  fi
  rm -rf "$dir" "$stamp"
  echo "$1: generating $dir" >&2
  "$gen" "$dir" --services "$services" --per-file "$per_file" --seed "$SEED" "${options[@]}" >&2
  echo "$want" > "$stamp"
}

# A repository of its own: archlint reads the whole git repository around a checked folder, and
# target/scale/ lies in this project's, whose fixtures would be read (and reported) with it.
own_repository() {
  [ -e "$dir/.git" ] || git init --quiet "$dir"
}

# Decimal megabytes of $1 bytes.
megabytes() {
  awk -v bytes="$1" 'BEGIN { printf "%.1f", bytes / 1e6 }'
}

# $1 / $2 as "12.5x", or "-" when either is missing.
ratio() {
  if [[ $1 =~ ^[0-9.]+$ && $2 =~ ^[0-9.]+$ ]] && awk -v b="$2" 'BEGIN { exit !(b > 0) }'; then
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'
  else
    echo "-"
  fi
}

declare -A files input wall cpu peak output findings
table=()
for row in $ROWS; do
  row_parameters "$row"
  dir="$work/$row"
  generate "$row"
  own_repository
  files[$row]=$(find "$dir" -path "$dir/.git" -prune -o -type f -print | wc -l)
  input_bytes=$(find "$dir" -path "$dir/.git" -prune -o -type f -printf '%s\n' |
    awk '{ s += $1 } END { print s + 0 }')
  input[$row]=$(megabytes "$input_bytes")

  report="$work/$row.json"
  timing="$work/$row.time"
  errors="$work/$row.stderr"
  best_wall="" best_cpu="" best_peak="" outcome=""
  for ((run = 1; run <= runs; run++)); do
    echo "$row: run $run of $runs" >&2
    status=0
    /usr/bin/time -f '%e %U %S %M' -o "$timing" \
      timeout -k 10 "$TIMEOUT" "$bin" check --format json --fail-on never "$dir" \
      > "$report" 2> "$errors" || status=$?
    # GNU time writes "Command exited with non-zero status N" before the figures on a failure.
    read -r run_wall run_user run_sys run_kb < <(tail -n 1 "$timing")
    run_cpu=$(awk -v u="$run_user" -v s="$run_sys" 'BEGIN { printf "%.2f", u + s }')
    run_peak=$(awk -v kb="$run_kb" 'BEGIN { printf "%.0f", kb * 1024 / 1e6 }')
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
      outcome="killed after $TIMEOUT s"
      best_cpu=$run_cpu best_peak=$run_peak
      break
    elif [ "$status" -ne 0 ]; then
      echo "$row: archlint exited with status $status:" >&2
      tail -n 5 "$errors" >&2
      outcome="failed (exit $status)"
      break
    fi
    if [ -z "$best_wall" ] || awk -v a="$run_wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$run_wall
    fi
    if [ -z "$best_cpu" ] || awk -v a="$run_cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then
      best_cpu=$run_cpu
    fi
    if [ -z "$best_peak" ] || [ "$run_peak" -lt "$best_peak" ]; then
      best_peak=$run_peak
    fi
  done

  if [ -n "$outcome" ]; then
    wall[$row]=$outcome cpu[$row]=${best_cpu:--} peak[$row]=${best_peak:--}
    output[$row]="-" findings[$row]="-"
  else
    wall[$row]=$best_wall cpu[$row]=$best_cpu peak[$row]=$best_peak
    output[$row]=$(megabytes "$(stat -c %s "$report")")
    # The report's summary, pretty-printed at its end: errors, warnings, infos.
    findings[$row]=$(tail -n 8 "$report" |
      awk -F'[:,]' '/^    "(errors|warnings|infos)":/ { s += $2 } END { print s + 0 }')
  fi
  table+=("| $label | ${files[$row]} | ${input[$row]} | ${wall[$row]} | ${cpu[$row]} | ${peak[$row]} | ${output[$row]} | ${findings[$row]} |")
  echo "$row: done" >&2
done

echo
echo "archlint $(git describe --always --dirty 2>/dev/null || echo '?') on $(nproc) cores;" \
  "best of $RUNS runs ($LARGE_RUNS for 22k and 100k), each run limited to $TIMEOUT s;" \
  "measured with GNU /usr/bin/time -f '%e %U %S %M'"
echo
echo "| repository | files | input MB | wall s | CPU s | peak MB | output MB | findings |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${table[@]}"
if [ -n "${wall[1k]:-}" ] && [ -n "${wall[10k]:-}" ]; then
  echo "| ratio 10k / 1k | $(ratio "${files[10k]}" "${files[1k]}") | $(ratio "${input[10k]}" "${input[1k]}")" \
    "| $(ratio "${wall[10k]}" "${wall[1k]}") | $(ratio "${cpu[10k]}" "${cpu[1k]}")" \
    "| $(ratio "${peak[10k]}" "${peak[1k]}") | $(ratio "${output[10k]}" "${output[1k]}")" \
    "| $(ratio "${findings[10k]}" "${findings[1k]}") |"
  echo
  echo "Linear cost: 10x the input at most 11x the time and memory; output linear in findings."
fi
