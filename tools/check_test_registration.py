#!/usr/bin/env python3
"""Checks that every Catch2 test case is registered as exactly one ctest test that runs it.

catch_discover_tests reads `<binary> --list-test-names-only` as a CMake list, so a test case
name with ';' becomes several ctest tests whose filters match nothing -- and a Catch2 filter
that matches nothing passes, so the test case never runs. Characters Catch2's test-spec
parser reads (',', '[', '\\', '"', '~', a leading or trailing '*', ...) can make a filter match
nothing, or more than the one test case. This runs, for each ctest test of each Catch2 binary,
the test's own command with --list-test-names-only and requires exactly one test case listed;
and every test case of the binary listed by exactly one ctest test.

    python3 tools/check_test_registration.py --ctest CTEST --build-dir DIR BINARY...
"""

import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys


def list_names(command):
    """The test case names Catch2 lists for a command (binary and its filter arguments)."""
    done = subprocess.run([*command, "--list-test-names-only"], capture_output=True, text=True)
    if done.returncode < 0:
        raise RuntimeError(f"{command[0]} died with signal {-done.returncode}")
    return [line for line in done.stdout.split("\n") if line]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ctest", default="ctest")
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()

    shown = subprocess.run([args.ctest, "--test-dir", args.build_dir, "-N",
                            "--show-only=json-v1"], capture_output=True, text=True, check=True)
    registered = collections.defaultdict(list)  # binary -> [(ctest name, command)]
    binaries = {os.path.realpath(b): b for b in args.binaries}
    for test in json.loads(shown.stdout)["tests"]:
        command = test.get("command") or []
        if command and os.path.realpath(command[0]) in binaries:
            registered[os.path.realpath(command[0])].append((test["name"], command))

    problems = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for real, binary in binaries.items():
            cases = list_names([binary])
            tests = registered[real]
            runs = collections.Counter()
            listed = pool.map(lambda t: list_names(t[1]), tests)
            for (name, _), names in zip(tests, listed):
                if len(names) != 1:
                    problems.append(f"ctest test {name!r} runs {len(names)} test cases"
                                    f" ({names!r}) instead of one")
                runs.update(names)
            for case in cases:
                if runs[case] != 1:
                    problems.append(f"test case {case!r} of {os.path.basename(binary)} is run by"
                                    f" {runs[case]} ctest tests instead of one")
            print(f"{os.path.basename(binary)}: {len(cases)} test cases, {len(tests)} ctest tests")

    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problems: rename the test cases without ';' or other characters"
              " Catch2's test-spec filter reads (see tools/check_test_registration.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
