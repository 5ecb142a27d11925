#!/usr/bin/env python3
"""Keeps docs/config.md in step with the config jury reads.

1. Every key path that `jury config show` prints for the given configs (the sample configs of
   fixtures/, with and without rounds) must appear in docs/config.md as a backticked path in
   the first column of a table row, e.g. `rubrics.<id>.criteria[].max` (`<name>` stands for any
   one key, `[]` for the elements of an array).
2. Every JSON block of docs/config.md preceded by `<!-- check: config -->` must be a config jury
   accepts; where such a row's default cell is a backticked JSON literal (`0.5`, `"severity"`,
   `null`), it must be what `jury config show` prints for that key of those configs when they do
   not set it (a config without a key shows its default).

    python3 tools/check_config_doc.py --jury build/jury --doc docs/config.md CONFIG.json...
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile


def key_paths(value, path=""):
    """(path, value) of every key below `value`: `a.b`, arrays as `a[]` (their elements merged)."""
    if isinstance(value, dict):
        for key, item in value.items():
            item_path = f"{path}.{key}" if path else key
            yield item_path, item
            yield from key_paths(item, item_path)
    elif isinstance(value, list):
        for item in value:
            yield from key_paths(item, f"{path}[]")


def doc_rows(doc_text):
    """{documented path: default cell} of the table rows whose first cell is one backticked path."""
    rows = {}
    for line in doc_text.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if not line.lstrip().startswith("|") or len(cells) < 3:
            continue
        match = re.fullmatch(r"`([A-Za-z_<>\[\].]+)`", cells[0])
        if match:
            rows[match.group(1)] = cells[2]
    return rows


def path_pattern(documented):
    """A documented path as a regex: `<name>` matches any one key."""
    parts = re.split(r"(<[^>]+>)", documented)
    return re.compile("".join(r"[^.\[\]]+" if p.startswith("<") else re.escape(p) for p in parts))


def documented_default(cell):
    """The JSON literal of a default cell written as one backticked literal, else None."""
    match = re.fullmatch(r"`([^`]+)`", cell)
    if not match:
        return None
    try:
        return (json.loads(match.group(1)),)
    except json.JSONDecodeError:
        return None


def shown_config(jury, config_path, source, db):
    """`jury config show` of a new database `db` made from the config (SystemExit if refused)."""
    init = subprocess.run([jury, "--db", db, "init", config_path], capture_output=True, text=True)
    if init.returncode != 0:
        sys.exit(f"{source}: jury init refused it (exit {init.returncode}):\n{init.stderr}")
    show = subprocess.run([jury, "--db", db, "config", "show"], capture_output=True, text=True,
                          check=True)
    return json.loads(show.stdout)


def config_blocks(doc_text):
    """The JSON blocks marked `<!-- check: config -->` (the marker on the line before ```json)."""
    return re.findall(r"<!-- check: config -->\s*```json\n(.*?)```", doc_text, re.S)


def check_paths(shown, rows, source, problems):
    patterns = [(documented, path_pattern(documented)) for documented in rows]
    for path, _ in key_paths(shown):
        if not any(p.fullmatch(path) for _, p in patterns):
            problems.append(f"{source}: key {path} is not documented in a table row of the doc")


def given_paths(value):
    return {path for path, _ in key_paths(value)}


def check_defaults(given, shown, rows, source, problems):
    """Keys the config does not set show their default: it must be the documented literal."""
    set_by_config = given_paths(given)
    for path, value in key_paths(shown):
        if path in set_by_config:
            continue
        for documented, cell in rows.items():
            literal = documented_default(cell)
            if literal is not None and path_pattern(documented).fullmatch(path):
                if literal[0] != value:
                    problems.append(f"{source}: {path} defaults to {json.dumps(value)}, the doc "
                                    f"says {cell} (row `{documented}`)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jury", required=True)
    parser.add_argument("--doc", required=True)
    parser.add_argument("configs", nargs="+")
    args = parser.parse_args()
    with open(args.doc, encoding="utf-8") as f:
        doc_text = f.read()
    rows = doc_rows(doc_text)
    if not rows:
        sys.exit(f"{args.doc}: no table rows with a backticked key path")
    problems = []
    with tempfile.TemporaryDirectory() as workdir:
        checked = []
        for path in args.configs:
            with open(path, encoding="utf-8") as f:
                checked.append((path, json.load(f), path))
        blocks = config_blocks(doc_text)
        if not blocks:
            problems.append(f"{args.doc}: no JSON block marked <!-- check: config -->")
        for i, block in enumerate(blocks, 1):
            block_path = os.path.join(workdir, f"doc-example-{i}.json")
            with open(block_path, "w", encoding="utf-8") as f:
                f.write(block)
            checked.append((f"{args.doc} example {i}", json.loads(block), block_path))
        for i, (source, given, config_path) in enumerate(checked):
            shown = shown_config(args.jury, config_path, source, os.path.join(workdir, f"{i}.db"))
            check_paths(shown, rows, source, problems)
            check_defaults(given, shown, rows, source, problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{args.doc}: {len(rows)} documented keys cover every key of {len(checked)} configs; "
          "documented defaults match")


if __name__ == "__main__":
    main()
