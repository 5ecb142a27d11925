#!/usr/bin/env bash
# Style gate run by CI after the tests: every C++ file clang-format clean, every product source
# clang-tidy clean with the repository's .clang-tidy (tests are left out: Catch2's macros trip
# checks that say nothing about our code). Needs the build's compile_commands.json (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t all < <(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run -Werror "${all[@]}"
echo "clang-format: ${#all[@]} files clean"
mapfile -t product < <(git ls-files 'model/*.cpp' 'importers/*.cpp' 'judging/*.cpp' \
  'exporters/*.cpp' 'engine/*.cpp' 'cli/*.cpp' 'demo/*.cpp' 'fixtures/*.cpp' 'bench/*.cpp')
printf '%s\n' "${product[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p build --quiet
echo "clang-tidy: ${#product[@]} files clean"
