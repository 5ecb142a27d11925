#!/usr/bin/env bash
# Sets up (only the packages building and running jury needs, the `jury` build) and runs the
# whole workflow on the bundled Jingzhou sample.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
./build/jury demo "${1:-jury-demo}"
