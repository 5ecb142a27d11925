#!/usr/bin/env bash
# CI, after scripts/asan.sh: each libFuzzer target of fuzz/ (CSV reader, encodings, config loader,
# entries, judges and scores importers) fuzzed for a bounded time, starting from its committed
# corpus fuzz/corpus/<target>. Any crash, sanitizer report, leak or input slower than 10 s fails
# the run; the input that did it is left in build-asan/fuzz/artifacts/ (add it to the corpus and
# a test once fixed). New inputs found go to build-asan/fuzz/found/<target>, never into the
# committed corpus.
#   scripts/fuzz.sh [SECONDS] [TARGET…]   SECONDS per target (default $JURY_FUZZ_SECONDS or 25)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${JURY_FUZZ_SECONDS:-25}}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(csv encoding config entries judges scores)

launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=1
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake --preset asan "${launcher[@]}" >/dev/null
cmake --build --preset asan -j2 --target "${targets[@]/#/fuzz_}"

out=build-asan/fuzz
mkdir -p "$out/artifacts"
failed=()
for target in "${targets[@]}"; do
  mkdir -p "$out/found/$target"
  echo "fuzz: $target for ${seconds} s"
  if ! "$out/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/$target-" \
    "$out/found/$target" "fuzz/corpus/$target" >"$out/$target.log" 2>&1; then
    tail -n 60 "$out/$target.log"
    failed+=("$target")
  fi
  grep -E '^(stat::number_of_executed_units|stat::new_units_added)' "$out/$target.log" | sed "s/^/fuzz: $target /" || true
done
if ((${#failed[@]})); then
  echo "fuzz: ${#failed[@]} failed, ${#targets[@]} run: ${failed[*]} (inputs in $out/artifacts/)" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets clean"
