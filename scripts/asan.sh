#!/usr/bin/env bash
# CI, after scripts/test.sh: the whole test suite built by clang with AddressSanitizer and
# UndefinedBehaviorSanitizer (the `asan` preset, in ./build-asan; any sanitizer report fails the
# test it happens in), including one replay of each fuzz target's corpus. Needs the [test]
# packages of scripts/packages.txt (scripts/setup.sh --tests installs them).
#   JURY_ASAN_JOBS   parallel compile and test jobs (default 2)
# Measured 2026-12-03 on the 2-core machine while other builds ran (load 10–16), cold ccache:
# build 68 min wall for 21 min of CPU (about 11 min at -j2 on an idle machine); tests 19 min
# wall, mostly the Python cross-checks waiting for CPU. scripts/fuzz.sh: 6 × 25 s.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JURY_ASAN_JOBS:-2}

# ccache keeps rebuilds cheap; hits are shared between clones of the repository in any folder.
launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=1
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

start=$SECONDS
cmake --preset asan "${launcher[@]}" >/dev/null
cmake --build --preset asan -j"$jobs"
echo "asan: build took $((SECONDS - start)) s"

# The Chromium page check prints a PDF through a headless browser: it exercises Chromium and
# Python, not jury's memory, and the jury commands it runs are run by the CLI tests here anyway;
# under ASan it only adds minutes. Everything else runs.
start=$SECONDS
ctest --preset asan -j"$jobs" -E "report page printed by headless Chromium"
echo "asan: tests took $((SECONDS - start)) s"
