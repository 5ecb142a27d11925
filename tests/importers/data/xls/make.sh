#!/usr/bin/env bash
# Remakes the committed .xls fixtures of this folder (run once by hand; not part of the build or
# of CI). Needs the built tests, LibreOffice and its Python bridge:
#   apt-get install -y libreoffice-calc-nogui python3-uno
# Usage: tests/importers/data/xls/make.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../../../build}"
work="$(mktemp -d)"
trap 'kill "$office" 2>/dev/null || true; rm -rf "$work"' EXIT

# The .xlsx sources, written by libxlsxwriter (tests/importers/workbook_sources_test.cpp).
JURY_XLS_SOURCES="$work" "$build/tests/jury_importers_tests" "[.xls-sources]" >/dev/null

soffice -env:UserInstallation="file://$work/profile" --headless --invisible --norestore \
  --accept="socket,host=127.0.0.1,port=2002;urp;" &
office=$!
save() { /usr/bin/python3 "$here/lo_save.py" "$@"; }
for name in cells entries jingzhou-entries jingzhou-judges; do
  save "$work/$name.xlsx" "$here/$name.xls" "MS Excel 97"
done
save "$work/cells.xlsx" "$here/encrypted.xls" "MS Excel 97" secret
save "$work/cells.xlsx" "$here/encrypted.xlsx" "Calc MS Excel 2007 XML" secret
ls -l "$here"
