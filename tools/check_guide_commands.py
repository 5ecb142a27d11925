#!/usr/bin/env python3
"""Keeps the commands the documentation shows in step with the `jury` executable.

Every `jury …` command written in the given Markdown files (after `$ `, in backticks, or as
`build/jury …` in an indented block) must name an existing command path (`export sheets`,
`award`, …) and only options that `jury <command path> --help` (or `jury --help`, for global ones)
lists.

    python3 tools/check_guide_commands.py --jury build/jury README.md docs/guide.zh.md …
"""

import argparse
import re
import shlex
import subprocess
import sys

PLACEHOLDERS = {"<command>", "<命令>", "…"}


def help_text(jury, path):
    done = subprocess.run([jury, *path, "--help"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"jury {' '.join(path)} --help failed (exit {done.returncode}): {done.stderr}")
    return done.stdout


def parse_help(text):
    """(subcommand names, option names) of one help page."""
    section, subcommands, options = None, [], set()
    for line in text.splitlines():
        if line and not line.startswith(" "):
            section = line.rstrip(":")
            continue
        words = line.split()
        if not words:
            continue
        if section == "Subcommands":
            subcommands.append(words[0])
        elif section == "Options":
            options.update(name for name in words[0].split(",") if name.startswith("--"))
    return subcommands, options


class CommandTree:
    """The command paths of jury and the options of each, read from the help pages."""

    def __init__(self, jury):
        self.jury = jury
        self.options = {}
        self.children = {}
        self._read(())

    def _read(self, path):
        subcommands, options = parse_help(help_text(self.jury, list(path)))
        self.options[path] = options
        self.children[path] = subcommands
        for name in subcommands:
            self._read(path + (name,))


def commands_in(text):
    """The jury command lines of a Markdown text, as (line number, command text)."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in re.finditer(r"(?:^\s*\$ |`|^\s{4,})(?:build/)?jury(?=[ `]|$)( [^`#]*)?", line):
            command = (match.group(1) or "").strip()
            found.append((number, command))
    return found


def check_command(tree, command):
    """A problem with one command line, or None."""
    try:
        tokens = shlex.split(command)
    except ValueError:
        tokens = command.split()
    path = ()
    for token in tokens:
        if token in PLACEHOLDERS or "…" in token:
            return None
        if token in ("|", ">", "&&", ";"):
            break
        if token.startswith("--"):
            name = token.split("=")[0]
            if name not in tree.options[path] and name not in tree.options[()]:
                where = f"jury {' '.join(path)}".strip()
                return f"{where} has no option {name}"
        elif token in tree.children[path]:
            path = path + (token,)
    if tree.children[path] and path != ():
        return f"jury {' '.join(path)} needs a subcommand: {', '.join(tree.children[path])}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jury", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    tree = CommandTree(args.jury)
    problems, checked = [], 0
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            for number, command in commands_in(f.read()):
                checked += 1
                problem = check_command(tree, command)
                if problem:
                    problems.append(f"{path}:{number}: `jury {command}`: {problem}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{checked} jury commands in {len(args.files)} files name existing commands and options")


if __name__ == "__main__":
    main()
