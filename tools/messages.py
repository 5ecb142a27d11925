#!/usr/bin/env python3
"""The message catalogue check (SPEC §10 "Language"): every text the sources mark for translation
(tr, trf, trn, trnf, N_) has a non-empty, non-fuzzy Chinese translation in po/zh_CN.po, the
catalogue holds no stale entry that no source uses any more, and each translation uses the same
fmt placeholders ({} {0} {:.1f} …, by argument index) as its English text.

    tools/messages.py                 check (exit 1 and one line per problem when any)
    tools/messages.py --update        bring po/zh_CN.po up to date with the sources (msgmerge);
                                      new texts arrive untranslated, stale ones are dropped
Needs xgettext and msgmerge (Debian package gettext)."""

import argparse
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
PO = ROOT / "po" / "zh_CN.po"
SOURCE_DIRS = ["model", "importers", "judging", "exporters", "engine", "cli", "fixtures"]
KEYWORDS = ["tr", "trf", "trn:1,2", "trnf:1,2", "N_", "trc:1c,2", "NC_:1c,2"]


def sources():
    files = []
    for folder in SOURCE_DIRS:
        files += sorted((ROOT / folder).glob("*.cpp")) + sorted((ROOT / folder).glob("*.hpp"))
    return [str(f.relative_to(ROOT)) for f in files]


def extract(pot_path):
    """The template of every marked text, written by xgettext."""
    # Sorted by msgid without source lines, so that edits elsewhere do not churn the catalogue.
    command = ["xgettext", "--language=C++", "--from-code=UTF-8", "--no-wrap", "--sort-output",
               "--no-location", "--add-comments=TRANSLATORS", "-o", str(pot_path)]
    command += [f"--keyword={k}" for k in KEYWORDS]
    subprocess.run(command + sources(), cwd=ROOT, check=True)


def unquote(text):
    """A C string literal of a .po file, without its quotes."""
    body = text.strip()
    assert body.startswith('"') and body.endswith('"'), body
    out, i, body = [], 0, body[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def parse_po(path):
    """Entries of a .po/.pot file: dicts with msgid, msgid_plural, msgstr (list), fuzzy, obsolete."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in pathlib.Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            continue
        if line.startswith("#") and not obsolete:
            if entry is not None and "msgid" in entry:
                finish()
                entry = None
            if entry is None:
                entry = {"msgstr": [], "fuzzy": False, "obsolete": False}
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            continue
        keyword = line.split(" ", 1)[0]
        if keyword in ("msgctxt", "msgid"):
            if entry is not None and "msgid" in entry:
                finish()
                entry = None
            if entry is None:
                entry = {"msgstr": [], "fuzzy": False, "obsolete": False}
        if obsolete:
            entry["obsolete"] = True
        if keyword in ("msgctxt", "msgid", "msgid_plural"):
            entry[keyword] = unquote(line[len(keyword):])
            field = keyword
        elif keyword.startswith("msgstr"):
            entry["msgstr"].append(unquote(line[len(keyword):]))
            field = "msgstr"
        elif line.startswith('"'):
            if field == "msgstr":
                entry["msgstr"][-1] += unquote(line)
            else:
                entry[field] += unquote(line)
    finish()
    return entries


PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([0-9]*)(:[^{}]*)?\}")


def placeholders(text):
    """fmt replacement fields as sorted (argument index, format spec) pairs; None if malformed."""
    fields, automatic, manual = [], 0, False
    for match in PLACEHOLDER.finditer(text):
        if match.group(0) in ("{{", "}}"):
            continue
        index = match.group(1)
        if index == "":
            index, automatic = automatic, automatic + 1
        else:
            manual = True
        fields.append((int(index), match.group(2) or ""))
    rest = PLACEHOLDER.sub("", text)
    if "{" in rest or "}" in rest or (manual and automatic):  # fmt refuses {} beside {0}
        return None
    return sorted(fields)


def check(po_path, pot_path):
    problems = []
    wanted = {(e.get("msgctxt"), e["msgid"]) for e in parse_po(pot_path) if e["msgid"]}
    seen = set()
    for e in parse_po(po_path):
        if not e["msgid"]:
            continue  # the header
        key = (e.get("msgctxt"), e["msgid"])
        name = repr(e["msgid"][:60])
        if e["obsolete"] or key not in wanted:
            problems.append(f"stale entry no source uses: {name}")
            continue
        seen.add(key)
        if e["fuzzy"]:
            problems.append(f"fuzzy translation: {name}")
        if not e["msgstr"] or any(not s for s in e["msgstr"]):
            problems.append(f"no translation: {name}")
            continue
        english = [e["msgid"]] + ([e["msgid_plural"]] if "msgid_plural" in e else [])
        expected = placeholders(english[-1])
        if any(placeholders(text) != expected for text in english):
            problems.append(f"English singular and plural differ in placeholders: {name}")
        for text in e["msgstr"]:
            if placeholders(text) != expected:
                problems.append(f"placeholders of the translation differ from the English: {name}")
    for key in sorted(wanted - seen, key=lambda k: k[1]):
        problems.append(f"not in {PO.relative_to(ROOT)}: {key[1]!r}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--update", action="store_true", help="merge new texts into the .po file")
    parser.add_argument("--po", default=str(PO), help="the catalogue to check (default po/zh_CN.po)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / "jury.pot"
        extract(pot)
        if args.update:
            subprocess.run(["msgmerge", "--quiet", "--update", "--no-fuzzy-matching", "--no-wrap",
                            "--backup=none", args.po, str(pot)], check=True)
            subprocess.run(["msgattrib", "--no-obsolete", "--no-wrap", "--sort-output", "-o",
                            args.po, args.po], check=True)
            po = pathlib.Path(args.po)
            kept = [line for line in po.read_text(encoding="utf-8").splitlines(keepends=True)
                    if not line.startswith('"POT-Creation-Date:')]
            po.write_text("".join(kept), encoding="utf-8")
            return 0
        problems = check(args.po, pot)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {args.po}", file=sys.stderr)
        return 1
    print(f"{args.po}: every message translated, placeholders consistent, nothing stale")
    return 0


if __name__ == "__main__":
    sys.exit(main())
