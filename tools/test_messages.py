#!/usr/bin/env python3
"""tools/messages.py catches what it should (SPEC §10 "Language"): the real catalogue passes, and
copies of it spoiled on purpose — a translation removed, one marked fuzzy, a stale entry, a
placeholder dropped or added — each fail with the problem named."""

import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import messages  # noqa: E402

MSGID = 'msgid "{} score sheets written to {}"\n'


def spoiled(text, old, new):
    assert old in text, old
    return text.replace(old, new, 1)


def main():
    real = messages.PO.read_text(encoding="utf-8")
    entry = real[real.index(MSGID):].split("\n\n")[0]
    translation = entry.split("\n")[1]
    cases = {
        "translated": (real, None),
        "no translation": (spoiled(real, entry, MSGID + 'msgstr ""'), "no translation"),
        "fuzzy": (spoiled(real, entry, "#, fuzzy\n" + entry), "fuzzy translation"),
        "stale": (real + '\nmsgid "a text no source has"\nmsgstr "无"\n', "stale entry"),
        "placeholder dropped": (spoiled(real, entry, MSGID + 'msgstr "已写出 {} 张评分表"'),
                                "placeholders of the translation differ"),
        "placeholder added": (spoiled(real, entry, MSGID + 'msgstr "{0}{1}{2}"'),
                              "placeholders of the translation differ"),
        "missing entry": (spoiled(real, entry, ""), "not in po/zh_CN.po"),
    }
    assert translation.startswith('msgstr "') and translation != 'msgstr ""', translation
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        pot = pathlib.Path(tmp) / "jury.pot"
        messages.extract(pot)
        for name, (text, expected) in cases.items():
            po = pathlib.Path(tmp) / "zh_CN.po"
            po.write_text(text, encoding="utf-8")
            problems = messages.check(po, pot)
            ok = (not problems) if expected is None else (
                len(problems) == 1 and problems[0].startswith(expected))
            print(("ok   " if ok else "FAIL ") + name + ": " + "; ".join(problems))
            failures += not ok
    # fmt placeholders by argument index: a translation may reorder them.
    assert messages.placeholders("{} of {}") == messages.placeholders("{1} 中的 {0}") is not None
    assert messages.placeholders("{:.1f}%") == [(0, ":.1f")]
    assert messages.placeholders("{{literal}} {}") == [(0, "")]
    assert messages.placeholders("broken {") is None
    assert messages.placeholders("{} and {1}") is None  # fmt: cannot switch to manual indexing
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
