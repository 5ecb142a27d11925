#!/usr/bin/env bash
# Installs the Debian packages of scripts/packages.txt (idempotent) and builds jury in ./build.
#   scripts/setup.sh           the [run] packages; builds the `jury` executable
#   scripts/setup.sh --tests   the [run] and [test] packages; builds everything, tests included
#   --list                     prints the packages the call would need, one a line, and stops
set -euo pipefail
cd "$(dirname "$0")/.."

tests=false list=false
for arg in "$@"; do
  case "$arg" in
    --tests) tests=true ;;
    --list) list=true ;;
    *) echo "usage: scripts/setup.sh [--tests] [--list]" >&2; exit 1 ;;
  esac
done

# The names of the given sections of packages.txt; a name outside [run]/[test] is an error.
packages_of() {
  awk -v wanted=" $* " '
    function fail(message) {
      printf "scripts/packages.txt:%d: %s\n", NR, message > "/dev/stderr"; failed = 1; exit 1
    }
    { sub(/#.*/, ""); gsub(/^[ \t]+|[ \t]+$/, "") }
    $0 == "" { next }
    /^\[.*\]$/ {
      section = substr($0, 2, length($0) - 2)
      if (section != "run" && section != "test") fail("unknown section " $0 "; use [run] or [test]")
      next
    }
    /[ \t]/ { fail("one package a line, found \"" $0 "\"") }
    section == "" { fail("package " $0 " before the first section [run] or [test]") }
    index(wanted, " " section " ") { print }
    END { exit failed }
  ' scripts/packages.txt
}

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

sections=(run)
$tests && sections+=(test)
chosen=$(packages_of "${sections[@]}")  # stops here on a malformed list (set -e)
[ -n "$chosen" ] || { echo "setup: no packages read from scripts/packages.txt" >&2; exit 1; }
mapfile -t packages <<<"$chosen"
if $list; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if $tests; then
  cmake --preset default -DJURY_BUILD_TESTS=ON >/dev/null
  cmake --build --preset default
else
  # Configure the tests only where their packages are present (e.g. after scripts/test.sh), so
  # that a later `ctest` in ./build still finds them; build just the executable either way.
  test_list=$(packages_of test)
  mapfile -t test_packages <<<"$test_list"
  with_tests=ON
  for p in "${test_packages[@]}"; do installed "$p" || with_tests=OFF; done
  cmake --preset default -DJURY_BUILD_TESTS="$with_tests" >/dev/null
  cmake --build --preset default --target jury
fi
