#!/usr/bin/env python3
"""Tests of the driver tools/crosscheck_rounds.py itself, before the engine has rounds.

The multi-round CLI does not exist yet, so the driver's workflow (every command, exit code it
expects, its model of the stored scores, its comparison) runs here against a stand-in: a small
in-process `jury` written for this test from SPEC §5–§13 (assignment by least load, sheets,
imports, absences, advance, an exact Δ-colouring timetable) that answers `results --json` with
tools/reference_rounds.py.  A green run therefore says the driver reports no false disagreements
and survives every path it takes; it says nothing about the engine.  The stand-in is also made
wrong on purpose (an advance that takes one entrant too many, a timetable with a clash, an import
into a closed round that succeeds) to check that the driver notices.

    python3 tools/test_crosscheck_rounds.py [-v]
"""
from __future__ import annotations

import csv
import io
import json
import random
import shutil
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_schedule as cs  # noqa: E402
import crosscheck as cc  # noqa: E402
import crosscheck_rounds as cr  # noqa: E402
import reference_results as ref  # noqa: E402
import reference_rounds as rr  # noqa: E402


class Exit(Exception):
    def __init__(self, code: int, message: str = ""):
        super().__init__(message)
        self.code = code


class Done:
    def __init__(self, returncode: int, stdout: str = "", stderr: str = ""):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def csv_dicts(path: Path) -> list:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def split_names(text: str) -> list:
    return [x for x in text.replace("、", " ").split() if x]


class StandIn:
    """A minimal multi-round `jury` for testing the driver (state in memory, per database path)."""

    def __init__(self, bug: str | None = None):
        self.bug = bug
        self.cfg: dict = {}
        self.rounds: list = []
        self.entries: dict = {}
        self.judges: dict = {}
        self.current = 0
        self.data: dict = {}  # round id → {"assign": set, "scores": {}, "absent": set, "recused": set,
        #                                    "entrants": list|None, "slots": {pair: slot}|None}
        self.decided = False

    # -- helpers

    def rc(self):
        return self.rounds[self.current]

    def cur(self) -> dict:
        return self.data[self.rc().id]

    def staged(self) -> rr.Staged:
        rounds = {}
        for rc in self.rounds[: self.current + 1]:
            d = self.data[rc.id]
            rounds[rc.id] = rr.RoundData([ref.Row(j, e, v) for (j, e), v in sorted(d["scores"].items())],
                                         set(d["absent"]), sorted(d["assign"]), d["entrants"])
        ents = [cr.as_entry(e) for e in self.entries.values()]
        return rr.Staged(self.cfg, ents, rounds, self.rc().id)

    def state(self):
        return rr.compute(self.staged())

    def serves(self, j: dict, rc) -> bool:
        names = split_names(j.get("rounds", ""))
        return not names or rc.id in names or rc.label in names

    def k(self, rc, kid: str) -> int:
        raw = next((r for r in self.cfg.get("rounds", []) if r["id"] == rc.id), {})
        return cr.k_of(self.cfg, raw, kid)

    def multi(self) -> bool:
        return "rounds" in self.cfg

    # -- commands

    def __call__(self, args: list) -> Done:
        try:
            out = self.dispatch([a for a in args])
            return Done(0, out or "")
        except Exit as ex:
            return Done(ex.code, "", str(ex))

    def dispatch(self, a: list) -> str:
        cmd = a[0]
        if cmd == "init":
            self.cfg = json.loads(Path(a[1]).read_text(encoding="utf-8"))
            self.rounds = rr.round_configs(self.cfg)
            self.data = {rc.id: {"assign": set(), "scores": {}, "absent": set(), "recused": set(), "entrants": None,
                                 "slots": None} for rc in self.rounds}
            return ""
        if cmd == "import" and a[1] in ("entries", "judges"):
            table = self.entries if a[1] == "entries" else self.judges
            for row in csv_dicts(Path(a[2])):
                table[row["entry_id" if a[1] == "entries" else "judge_id"]] = row
            return ""
        if cmd == "assign":
            return self.assign()
        if cmd == "schedule":
            return self.schedule()
        if cmd == "export":
            return self.export(a[1:])
        if cmd == "import" and a[1] == "scores":
            return self.import_scores([Path(x) for x in a[2:]])
        if cmd == "absent":
            return self.absent([x for x in a[1:] if x != "--undo"], "--undo" in a)
        if cmd == "advance":
            return self.advance("--allow-incomplete" in a, "--reopen" in a)
        if cmd == "results":
            view = a[a.index("--round") + 1] if "--round" in a else None
            return json.dumps(engine_like(rr.compute(self.staged(), view)[0]), ensure_ascii=False)
        if cmd == "award":
            return self.award("--allow-incomplete" in a)
        raise Exit(1, f"unknown command {a}")

    def counting(self, rc) -> list:
        _doc, state = self.state()
        d = self.data[rc.id]
        return [e for (i, _k), es in sorted(state.entrants.items()) if i == rc.index for e in es
                if e.status == "active" and e.id not in d["absent"]]

    def assign(self) -> str:
        if self.decided:
            raise Exit(3, "decided")
        rc, d = self.rc(), self.cur()
        d["assign"] = {(j, e) for j, e in d["assign"]
                       if self.judges[j]["active"] == "yes" or (j, e) in d["scores"]}
        load: dict = {}
        for j, _e in d["assign"]:
            load[j] = load.get(j, 0) + 1
        new = []
        for e in self.counting(rc):
            have = {j for j, x in d["assign"] if x == e.id}
            ok = sorted((load.get(j, 0), j) for j, jd in self.judges.items()
                        if jd["active"] == "yes" and self.serves(jd, rc) and jd["affiliation"] != e.school
                        and j not in have and (j, e.id) not in d["recused"])
            need = self.k(rc, e.kind) - len(have)
            if need > len(ok):
                raise Exit(4, f"{e.id}: only {len(ok)} eligible judges")
            for _l, j in ok[:need]:
                d["assign"].add((j, e.id))
                load[j] = load.get(j, 0) + 1
                new.append((j, e.id))
        if d["slots"] is not None:
            d["slots"] = {p: s for p, s in d["slots"].items() if p in d["assign"]}
            for j, e in sorted(new):
                taken = {s for (x, y), s in d["slots"].items() if x == j or y == e}
                d["slots"][(j, e)] = next(s for s in range(1, len(d["slots"]) + 2) if s not in taken)
        return ""

    def schedule(self) -> str:
        d = self.cur()
        if any(p in d["assign"] for p in d["scores"]):
            raise Exit(3, "scores exist")
        pairs = sorted(d["assign"])
        room = cs.capacity(self.rc().interviews)
        if cs.max_degree(pairs) > room:
            deg: dict = {}
            for j, e in pairs:
                deg[j] = deg.get(j, 0) + 1
                deg[e] = deg.get(e, 0) + 1
            raise Exit(4, "too many interviews: " + ", ".join(x for x, n in sorted(deg.items()) if n > room))
        slots = edge_colouring(pairs)
        if self.bug == "clash" and len(pairs) > 1:
            slots[pairs[1]] = slots[pairs[0]] if pairs[0][0] == pairs[1][0] else slots[pairs[1]]
        d["slots"] = slots
        return ""

    def export(self, a: list) -> str:
        what = a[0]
        rest = [x for x in a[1:] if x not in ("--public",)]
        if "--round" in rest:
            rid = rest[rest.index("--round") + 1]
            rest = [x for x in rest if x not in ("--round", rid)]
        else:
            rid = self.rc().id
        d = self.data[rid]
        if what == "assignments":
            Path(rest[0]).write_text("judge_id,entry_id\n" + "".join(f"{j},{e}\n" for j, e in sorted(d["assign"])),
                                     encoding="utf-8")
        elif what == "schedule":
            times = cs.slot_times(self.rc().interviews)
            lines = [",".join(cs.HEADER)]
            for (j, e), s in sorted(d["slots"].items(), key=lambda x: (x[1], x[0][0])):
                en = self.entries[e]
                lines.append(f"{s},{times[s - 1][0]},{times[s - 1][1]},{j},{self.judges[j]['name']},{e},"
                             f"{en['title']},{en['school']}")
            Path(rest[0]).write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
        elif what == "sheets":
            self.export_sheets(Path(rest[0]))
        elif what == "roster":
            doc = engine_like(rr.compute(self.staged())[0])
            if "--public" in a:
                doc["results"] = [{k: v for k, v in r.items() if k not in ("score", "scores", "flags", "rank")}
                                  for r in doc["results"] if r["tier"] or r.get("recommended")]
            Path(rest[0]).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return ""

    def export_sheets(self, out: Path) -> None:
        rc, d = self.rc(), self.cur()
        out.mkdir(parents=True, exist_ok=True)
        by_sheet: dict = {}
        for j, e in d["assign"]:
            by_sheet.setdefault((j, self.entries[e]["kind"]), []).append(e)
        for (j, kid), es in sorted(by_sheet.items()):
            crits = self.cfg["rubrics"][rc.rubrics[kid]]["criteria"]
            order = sorted(es, key=lambda e: (d["slots"] or {}).get((j, e), 0)) if d["slots"] else sorted(es)
            buf = io.StringIO()
            buf.write("# " + " ".join(f"{c['id']}={c['label']}/{c['max']}" for c in crits) + "\n")
            w = csv.writer(buf)
            w.writerow(["judge_id", "entry_id", "title"] + [c["id"] for c in crits] + ["comment", "recuse"])
            for e in order:
                vals = d["scores"].get((j, e), [None] * len(crits))
                w.writerow([j, e, self.entries[e]["title"]] + ["" if v is None else cc.fmt(v) for v in vals] + ["", ""])
            name = f"{j}-{kid}-{rc.id}.csv" if self.multi() else f"{j}-{kid}.csv"
            (out / name).write_text("\ufeff" + buf.getvalue(), encoding="utf-8")

    def import_scores(self, paths: list) -> str:
        if self.decided:
            raise Exit(3, "decided")
        files = [f for p in paths for f in (sorted(p.glob("*.csv")) if p.is_dir() else [p])]
        rc, d = self.rc(), self.cur()
        for f in files:
            if self.multi() and not f.stem.endswith(f"-{rc.id}") and self.bug != "closed-import":
                raise Exit(3, f"{f}: sheet of a closed round")
        for f in files:
            comments, header, rows = cc.read_sheet(f)
            ncrit = len(header) - 5
            for row in rows:
                cells = dict(zip(header, row))
                pair = (cells["judge_id"], cells["entry_id"])
                if pair[1] in d["absent"]:
                    continue
                if pair not in d["assign"]:
                    raise Exit(2, f"{f}: {pair} not assigned")
                if cells["recuse"]:
                    d["assign"].discard(pair)
                    d["recused"].add(pair)
                    d["scores"].pop(pair, None)
                    continue
                old = d["scores"].get(pair, [None] * ncrit)
                new = [ref.dec(c.translate(FOLD)) if c else None for c in row[3:3 + ncrit]]
                d["scores"][pair] = [o if n is None else n for o, n in zip(old, new)]
        return ""

    def absent(self, ids: list, undo: bool) -> str:
        d = self.cur()
        if undo:
            d["absent"] -= set(ids)
            return ""
        d["absent"] |= set(ids)
        d["assign"] = {(j, e) for j, e in d["assign"] if e not in ids or (j, e) in d["scores"]}
        if d["slots"] is not None:
            d["slots"] = {p: s for p, s in d["slots"].items() if p in d["assign"]}
        return ""

    def advance(self, allow: bool, reopen: bool) -> str:
        if reopen:
            d = self.cur()
            if d["scores"] or self.current == 0:
                raise Exit(3, "scores in the current round")
            self.data[self.rc().id] = {"assign": set(), "scores": {}, "absent": set(), "recused": set(),
                                       "entrants": None, "slots": None}
            self.current -= 1
            return ""
        if self.current + 1 >= len(self.rounds):
            raise Exit(3, "last round")
        _doc, state = self.state()
        nxt = self.rounds[self.current + 1]
        if not allow:
            for (i, kid), kr in state.kr.items():
                if i == self.current and kid in nxt.kinds:
                    if any(not r.complete and r.entry.id not in self.cur()["absent"] for r in kr.results.values()):
                        raise Exit(3, "incomplete")
        going = sorted(set().union(*[s for (i, _k), kr in state.kr.items() if i == self.current
                                     for s in kr.selection.values()]))
        if self.bug == "advance-one-more":
            extra = sorted(e for e in self.entries if e not in going and self.entries[e]["kind"] in nxt.kinds)
            going += extra[:1]
        self.data[nxt.id]["entrants"] = going
        self.current += 1
        return ""

    def award(self, allow: bool) -> str:
        if self.decided:
            raise Exit(3, "decided")
        if self.current != len(self.rounds) - 1:
            raise Exit(3, "not the last round")
        _doc, state = self.state()
        case = type("C", (), {})()
        case.cfg, case.rounds, case.entries = self.cfg, self.rounds, list(self.entries.values())
        case.absent = {rc.id: self.data[rc.id]["absent"] for rc in self.rounds}
        case.assignments = {rc.id: sorted(self.data[rc.id]["assign"]) for rc in self.rounds}
        truth = cr.Truth()
        truth.stored = self.data[self.rc().id]["scores"]
        case.truth = {self.rc().id: truth}
        if not allow and cr.Case.award_blocked(case, state, self.rc()):
            raise Exit(3, "incomplete")
        self.decided = True
        return ""


def engine_like(doc: dict) -> dict:
    """The reference's document as the engine prints it: a kind without groups has group null."""
    for r in doc["results"]:
        if r["group"] == "":
            r["group"] = None
    return doc


FOLD = str.maketrans("０１２３４５６７８９", "0123456789")


def edge_colouring(pairs: list) -> dict:
    """A proper edge colouring of a bipartite graph with Δ colours 1..Δ (König): colour each edge
    with a colour free at both ends, after swapping an alternating path if none is."""
    delta = cs.max_degree(pairs)
    at: dict = {}  # (vertex, colour) → the edge's other vertex

    def free(v):
        return next(c for c in range(1, delta + 1) if (v, c) not in at)

    colour: dict = {}
    for j, e in pairs:
        u, v = ("j", j), ("e", e)
        a, b = free(u), free(v)
        if (v, a) in at:
            # flip the a/b alternating path starting at v, so that a becomes free at v
            path, x, c = [], v, a
            while (x, c) in at:
                y = at[(x, c)]
                path.append((x, y, c))
                x, c = y, (b if c == a else a)
            for x, y, c in path:
                del at[(x, c)], at[(y, c)]
            for x, y, c in path:
                c2 = b if c == a else a
                at[(x, c2)], at[(y, c2)] = y, x
                colour[edge_key(x, y)] = c2
        at[(u, a)], at[(v, a)] = v, u
        colour[(j, e)] = a
    return colour


def edge_key(x, y) -> tuple:
    j, e = (x, y) if x[0] == "j" else (y, x)
    return (j[1], e[1])


class Driver(unittest.TestCase):
    def run_cases(self, n: int, seed: int, bug: str | None = None, rounds: int | None = None) -> list:
        """Runs n driver cases against the stand-in; returns the problems of every case."""
        saved = cc.run
        engines: dict = {}

        def fake_run(jury, db, *args, ok=(0,)):
            eng = engines.setdefault(str(db), StandIn(bug))
            done = eng([str(a) for a in args])
            if done.returncode not in ok:
                raise cc.CliError(f"jury {' '.join(map(str, args))} → exit {done.returncode}\n{done.stderr}")
            return done

        cc.run = fake_run
        out = []
        try:
            for s in range(seed, seed + n):
                work = Path(tempfile.mkdtemp(prefix="stand-in-"))
                try:
                    rng = random.Random(s)
                    case = cr.Case("stand-in", rng, work, {"12", "13", "14"}, rounds or rng.choice([2, 2, 3]))
                    try:
                        out.append(case.run())
                    except cc.CliError as err:
                        out.append(case.problems + [f"workflow failed: {err}"])
                finally:
                    shutil.rmtree(work, ignore_errors=True)
        finally:
            cc.run = saved
        return out

    def test_the_edge_colouring_uses_delta_colours(self):
        rng = random.Random(3)
        for _ in range(200):
            pairs = sorted({(f"J{rng.randrange(6)}", f"E{rng.randrange(9)}") for _ in range(rng.randint(1, 30))})
            col = edge_colouring(pairs)
            delta = cs.max_degree(pairs)
            self.assertEqual(set(col), set(pairs))
            self.assertTrue(all(1 <= c <= delta for c in col.values()))
            for p in pairs:
                for q in pairs:
                    if p != q and (p[0] == q[0] or p[1] == q[1]):
                        self.assertNotEqual(col[p], col[q])

    def test_no_false_disagreements_against_a_spec_abiding_stand_in(self):
        problems = self.run_cases(40, 1)
        self.assertEqual([p for p in problems if p], [])

    def test_the_driver_notices_a_wrong_advance(self):
        problems = self.run_cases(6, 1, bug="advance-one-more")
        self.assertTrue(any(any("entrants of" in p for p in ps) for ps in problems))

    def test_the_driver_notices_a_clash_in_the_timetable(self):
        problems = self.run_cases(12, 1, bug="clash")
        self.assertTrue(any(any("two interviews in slot" in p or "moved from slot" in p for p in ps)
                            for ps in problems))

    def test_the_driver_notices_an_import_into_a_closed_round(self):
        problems = self.run_cases(4, 1, bug="closed-import")
        self.assertTrue(any(any("earlier rounds are read-only" in p for p in ps) for ps in problems))


if __name__ == "__main__":
    unittest.main()
