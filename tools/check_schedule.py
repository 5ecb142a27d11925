#!/usr/bin/env python3
"""Independent checker of SPEC §13 (interview timetable) for an exported schedule CSV.

Written from the SPEC text alone; Python 3 standard library only.  Given a round's
`interviews` config, the round's assignments and the CSV of `jury export schedule FILE`
(`slot, start, end, judge_id, judge, entry_id, title, school`, ordered by slot, judge_id) it
checks that every assignment is scheduled exactly once and nothing else is; no judge and no
entrant has two interviews in one slot; the slots used are exactly 1..Δ (Δ = the largest number
of interviews of one judge or entrant), or — after `assign` changed a scheduled round — that
unchanged pairs kept their slots and each new pair sits in the earliest slot free for both its
judge and its entrant; start and end of each slot follow the sessions; rows are in order; and the
judge names, titles and schools are those of the judges and entries files.

    tools/check_schedule.py --config competition.json --round final --assignments pairs.csv \
        --schedule schedule.csv [--previous old-schedule.csv] [--judges judges.csv] [--entries entries.csv]

Readings: slots are numbered 1, 2, … through the sessions in order, slot j (0-based) of a
session starting at `start + j · slot_minutes` and ending `slot_minutes` later; a cell the CSV
writer neutralised against formula injection (a leading `'` before = + - @ tab CR) is read
without the `'`; the assignments file may start with a `judge_id,entry_id` header.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

HEADER = ["slot", "start", "end", "judge_id", "judge", "entry_id", "title", "school"]
TIME = "%Y-%m-%d %H:%M"


def slot_times(interviews: dict) -> list:
    """[(start, end)] of slots 1, 2, … through the sessions in order, as `YYYY-MM-DD HH:MM`."""
    minutes = timedelta(minutes=int(interviews["slot_minutes"]))
    out = []
    for session in interviews["sessions"]:
        t = datetime.strptime(session["start"], TIME)
        for _ in range(int(session["slots"])):
            out.append((t.strftime(TIME), (t + minutes).strftime(TIME)))
            t += minutes
    return out


def capacity(interviews: dict) -> int:
    return sum(int(s["slots"]) for s in interviews["sessions"])


def max_degree(pairs) -> int:
    """Δ: the largest number of interviews of one judge or one entrant."""
    deg: dict = {}
    for j, e in pairs:
        deg[("j", j)] = deg.get(("j", j), 0) + 1
        deg[("e", e)] = deg.get(("e", e), 0) + 1
    return max(deg.values(), default=0)


def unneutralise(cell: str) -> str:
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r" else cell


def read_rows(text: str) -> tuple:
    """(header, rows as dicts) of a schedule CSV text (BOM tolerated)."""
    rows = [r for r in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if r]
    if not rows:
        return [], []
    header = [h.strip() for h in rows[0]]
    return header, [dict(zip(header, map(unneutralise, r))) for r in rows[1:]]


def read_pairs(text: str) -> list:
    rows = [r for r in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if r]
    if rows and [c.strip() for c in rows[0][:2]] == ["judge_id", "entry_id"]:
        rows = rows[1:]
    return [(r[0], r[1]) for r in rows]


def check_schedule(interviews: dict, assignments: list, header: list, rows: list, judges: dict | None = None,
                   entries: dict | None = None, previous: list | None = None) -> list:
    """Problems found (empty when the schedule meets §13).

    judges: {judge_id: name}; entries: {entry_id: (title, school)}; previous: rows of the
    schedule before `assign` changed the round (then the incremental rule is checked instead
    of exactly Δ slots)."""
    problems = []
    if header != HEADER:
        problems.append(f"header {header}, expected {HEADER}")
        return problems
    times = slot_times(interviews)
    slot_of: dict = {}
    busy: dict = {}
    for n, row in enumerate(rows, start=2):
        try:
            s = int(row["slot"])
        except ValueError:
            problems.append(f"line {n}: slot {row['slot']!r} is not a number")
            continue
        pair = (row["judge_id"], row["entry_id"])
        if not 1 <= s <= len(times):
            problems.append(f"line {n}: slot {s} outside the sessions' {len(times)} slots")
        elif (row["start"], row["end"]) != times[s - 1]:
            problems.append(f"line {n}: slot {s} at {row['start']}–{row['end']}, the sessions say "
                            f"{times[s - 1][0]}–{times[s - 1][1]}")
        if pair in slot_of:
            problems.append(f"line {n}: {pair} scheduled twice (slots {slot_of[pair]} and {s})")
        slot_of[pair] = s
        for who in (("judge", pair[0]), ("entrant", pair[1])):
            if (who, s) in busy:
                problems.append(f"line {n}: {who[0]} {who[1]} has two interviews in slot {s} "
                                f"({busy[(who, s)]} and {pair})")
            busy[(who, s)] = pair
        if judges is not None and judges.get(pair[0]) != row["judge"]:
            problems.append(f"line {n}: judge {pair[0]} named {row['judge']!r}, the judges file says "
                            f"{judges.get(pair[0])!r}")
        if entries is not None and entries.get(pair[1]) != (row["title"], row["school"]):
            problems.append(f"line {n}: entry {pair[1]} shown as {(row['title'], row['school'])}, the entries "
                            f"file says {entries.get(pair[1])}")
    keys = [(int(r["slot"]), r["judge_id"]) for r in rows if r["slot"].isdigit()]
    if keys != sorted(keys):
        problems.append("rows not ordered by slot, judge_id")
    want = set(assignments)
    for pair in sorted(want - set(slot_of)):
        problems.append(f"assignment {pair} not scheduled")
    for pair in sorted(set(slot_of) - want):
        problems.append(f"{pair} scheduled but not assigned")
    if previous is None:
        delta = max_degree(want)
        used = set(slot_of.values())
        if used != set(range(1, delta + 1)):
            problems.append(f"slots used {sorted(used)}, expected exactly 1..Δ = 1..{delta}")
    else:
        problems += check_incremental(previous, slot_of, busy)
    return problems


def check_incremental(previous: list, slot_of: dict, busy: dict) -> list:
    """§13 after `assign`: unchanged pairs keep their slots; a new pair at slot s finds every
    earlier slot taken by its judge or its entrant (that is the earliest-free-slot rule for
    some order of the new pairs: placing them in slot order reproduces the schedule)."""
    problems = []
    before = {(r["judge_id"], r["entry_id"]): int(r["slot"]) for r in previous if r["slot"].isdigit()}
    for pair, s in sorted(slot_of.items()):
        if pair in before:
            if before[pair] != s:
                problems.append(f"{pair} moved from slot {before[pair]} to {s}")
            continue
        for earlier in range(1, s):
            if (("judge", pair[0]), earlier) not in busy and (("entrant", pair[1]), earlier) not in busy:
                problems.append(f"new pair {pair} in slot {s}, but slot {earlier} is free for both")
                break
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", required=True)
    ap.add_argument("--round", required=True)
    ap.add_argument("--assignments", required=True, help="`jury export assignments --round ID` output")
    ap.add_argument("--schedule", required=True, help="`jury export schedule FILE` output (CSV)")
    ap.add_argument("--previous", help="the schedule exported before `assign` changed the round")
    ap.add_argument("--judges", help="judges CSV (judge_id, name) to check the names")
    ap.add_argument("--entries", help="entries CSV (entry_id, title, school) to check titles and schools")
    args = ap.parse_args(argv)
    cfg = json.loads(Path(args.config).read_text(encoding="utf-8-sig"))
    interviews = next(r for r in cfg["rounds"] if r["id"] == args.round)["interviews"]
    pairs = read_pairs(Path(args.assignments).read_text(encoding="utf-8-sig"))
    header, rows = read_rows(Path(args.schedule).read_text(encoding="utf-8-sig"))
    previous = read_rows(Path(args.previous).read_text(encoding="utf-8-sig"))[1] if args.previous else None
    judges = entries = None
    if args.judges:
        with open(args.judges, encoding="utf-8-sig", newline="") as f:
            judges = {r["judge_id"]: r["name"] for r in csv.DictReader(f)}
    if args.entries:
        with open(args.entries, encoding="utf-8-sig", newline="") as f:
            entries = {r["entry_id"]: (r["title"], r["school"]) for r in csv.DictReader(f)}
    problems = check_schedule(interviews, pairs, header, rows, judges, entries, previous)
    for p in problems:
        print(p)
    print(f"{len(rows)} interviews, Δ = {max_degree(pairs)}: " + ("ok" if not problems else f"{len(problems)} problem(s)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
