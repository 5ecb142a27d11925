#!/usr/bin/env bash
# Sets up (the run and test packages, the full build) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
ctest --preset default -j2
