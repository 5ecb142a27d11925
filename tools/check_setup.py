#!/usr/bin/env python3
"""Checks scripts/setup.sh's choice of packages, without installing or building anything.

The README's main command (scripts/demo.sh → scripts/setup.sh) must install only what building
and running jury needs; scripts/test.sh (scripts/setup.sh --tests) also what only the tests and
the style gate need. setup.sh runs here against stand-ins for dpkg-query, apt-get, sudo, id and
cmake placed first on PATH, which record what it asks for.

    python3 tools/check_setup.py [--repo DIR]
"""

import argparse
import os
import stat
import subprocess
import sys
import tempfile

# Used only by the tests and the style gate: never installed by the demo.
TEST_ONLY = {"catch2", "chromium", "clang-format", "clang-tidy", "poppler-utils", "unzip",
             "sqlite3", "python3", "fonts-noto-cjk", "ccache", "clang",
             "libfuzzer-14-dev"}
# Needed to build the jury executable: always installed.
BUILD = {"build-essential", "cmake", "ninja-build", "pkg-config", "libsqlite3-dev",
         "libsqlitecpp-dev", "libicu-dev", "libxlsxwriter-dev", "libfreexl-dev"}

STANDINS = {
    # Installed unless named in $FAKE_MISSING.
    "dpkg-query": """#!/bin/sh
for p in $FAKE_MISSING; do
  for last; do :; done
  [ "$p" = "$last" ] && { printf 'unknown ok not-installed'; exit 0; }
done
printf 'install ok installed'
""",
    "apt-get": '#!/bin/sh\necho "apt-get $*" >> "$FAKE_LOG"\n',
    "sudo": '#!/bin/sh\necho "sudo" >> "$FAKE_LOG"\nexec "$@"\n',
    "cmake": '#!/bin/sh\necho "cmake $*" >> "$FAKE_LOG"\n',
    "id": '#!/bin/sh\n[ "$1" = "-u" ] && { echo "$FAKE_UID"; exit 0; }\nexec /usr/bin/id "$@"\n',
}


def make_standins(folder):
    for name, text in STANDINS.items():
        path = os.path.join(folder, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, stat.S_IRWXU)


def run_setup(repo, bin_dir, log, args, missing=(), uid="0"):
    """setup.sh's exit code, stdout and the commands it ran (apt-get, sudo, cmake)."""
    if os.path.exists(log):
        os.remove(log)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", FAKE_LOG=log,
               FAKE_MISSING=" ".join(missing), FAKE_UID=uid)
    done = subprocess.run([os.path.join(repo, "scripts", "setup.sh"), *args], env=env,
                          capture_output=True, text=True)
    commands = open(log).read().splitlines() if os.path.exists(log) else []
    return done.returncode, done.stdout, commands


class Checks:
    def __init__(self):
        self.failures = []

    def expect(self, condition, what):
        print(("ok   " if condition else "FAIL ") + what)
        if not condition:
            self.failures.append(what)


def installs(commands):
    """The packages of the `apt-get install` command, or None when there is none."""
    for command in commands:
        if command.startswith("apt-get install"):
            return set(command.split()[2:]) - {"-y", "-qq", "--no-install-recommends"}
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = parser.parse_args()
    c = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        make_standins(tmp)
        log = os.path.join(tmp, "log")

        code, out, _ = run_setup(args.repo, tmp, log, ["--list"])
        run_list = out.split()
        code_t, out_t, _ = run_setup(args.repo, tmp, log, ["--list", "--tests"])
        test_list = out_t.split()
        c.expect(code == 0 and code_t == 0, "setup.sh --list [--tests] succeeds")
        c.expect(len(set(test_list)) == len(test_list), "no package is listed twice")
        c.expect(test_list[:len(run_list)] == run_list, "--tests lists the [run] packages first")
        c.expect(not TEST_ONLY & set(run_list),
                 f"the demo installs no test-only package (found {sorted(TEST_ONLY & set(run_list))})")
        c.expect(BUILD <= set(run_list), "the demo installs what building jury needs")
        c.expect({"catch2", "chromium", "clang-format", "clang-tidy"} <= set(test_list),
                 "the tests install Catch2, Chromium, clang-format and clang-tidy")

        code, _, commands = run_setup(args.repo, tmp, log, [])
        c.expect(code == 0 and installs(commands) is None and "apt-get update -qq" not in commands,
                 "all installed: no apt-get at all")
        c.expect(commands[-1:] == ["cmake --build --preset default --target jury"],
                 "the demo's setup builds only the jury executable")
        c.expect("cmake --preset default -DJURY_BUILD_TESTS=ON" in commands,
                 "with the test packages present, the build keeps its tests configured")

        code, _, commands = run_setup(args.repo, tmp, log, [], missing=["chromium", "cmake"])
        c.expect(code == 0 and installs(commands) == {"cmake"},
                 f"the demo installs a missing [run] package only (asked for {installs(commands)})")
        c.expect("cmake --preset default -DJURY_BUILD_TESTS=OFF" in commands,
                 "without the test packages the tests are not configured (Catch2 is not needed)")

        code, _, commands = run_setup(args.repo, tmp, log, ["--tests"],
                                      missing=["chromium", "cmake"])
        c.expect(code == 0 and installs(commands) == {"chromium", "cmake"},
                 "--tests installs the missing [run] and [test] packages")
        c.expect(commands[-2:] == ["cmake --preset default -DJURY_BUILD_TESTS=ON",
                                   "cmake --build --preset default"],
                 "--tests configures the tests and builds everything")

        code, _, commands = run_setup(args.repo, tmp, log, [], missing=["cmake"], uid="1000")
        c.expect(commands[:2] == ["sudo", "apt-get update -qq"] and "sudo" in commands[2:3],
                 "not root: apt-get runs through sudo")

        code, _, commands = run_setup(args.repo, tmp, log, ["--bogus"])
        c.expect(code == 1 and not commands, "an unknown option is a usage error that does nothing")
    if c.failures:
        sys.exit(f"{len(c.failures)} check(s) failed")


if __name__ == "__main__":
    main()
