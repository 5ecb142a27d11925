#!/usr/bin/env python3
"""Cross-check `jury results --json` against the independent reference (SPEC §6–§9).

Generates random small competitions (seeded), drives the real CLI through the whole
workflow (init, import entries/judges, assign, export sheets, fill the sheets with random
values — some blank, some partial, some with full-width digits, some recusals —, import
scores, re-assign and re-import, withdraw entries after scoring) and compares every field of
every row and every pool of `jury results --json --method M` for all five methods with
tools/reference_results.py.

    tools/crosscheck.py --jury build/jury --cases 200 --seed 1 [--keep DIR] [--verbose]

Exit status 0 when every case agrees; 1 otherwise (the disagreeing cases are listed, and
with --keep their directories are kept for minimisation).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reference_results as ref  # noqa: E402

METHODS = ref.METHODS
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


# ---------------------------------------------------------------------------- generation


def fmt(x: Fraction) -> str:
    if x.denominator == 1:
        return str(x.numerator)
    return str(Decimal(x.numerator) / Decimal(x.denominator))


def gen_config(rng: random.Random) -> dict:
    n_groups = rng.randint(1, 3)
    n_subjects = rng.randint(1, 3)
    # ids deliberately not in alphabetical order: pools follow the config's order
    group_ids = rng.sample(["senior", "primary", "junior", "Zeta", "alpha"], n_groups)
    subject_ids = rng.sample(["PS", "LS", "EES", "cs", "Tech"], n_subjects)
    groups = [{"id": g, "label": f"组{g}"} for g in group_ids]
    subjects = [{"id": x, "label": f"学科{x}"} for x in subject_ids]
    kind_ids = rng.sample(["stu", "adv", "Art", "bio"], 3)
    n_kinds = rng.randint(1, 3)
    kinds, rubrics, awards = [], {}, {}
    per_kind_k = {}
    for ki in range(n_kinds):
        kid = kind_ids[ki]
        no_group = ki > 0 and rng.random() < 0.25
        kinds.append(
            {
                "id": kid,
                "label": f"类别{ki}",
                "rubric": f"r{ki}",
                "max_students": 0 if no_group else rng.randint(1, 3),
                "max_advisors": rng.randint(0, 2),
            }
        )
        n_crit = rng.randint(2, 4)
        step = rng.choice([Fraction(1, 2), Fraction(1, 2), Fraction(1), Fraction(1), Fraction(1, 4), Fraction(1, 10),
                           Fraction(2)])
        crits = []
        for ci in range(n_crit):
            mx = rng.choice([10, 20, 30, 40] if step == 2 else [5, 10, 20, 30, 40, 15])
            c = {"id": f"c{ci}", "label": f"标准{ci}", "max": mx}
            if rng.random() < 0.3:
                c["weight"] = rng.choice([10, 25, 30, 12.5, 15, 7, 20, 100, 0.5, 33.3])
            crits.append(c)
        rubrics[f"r{ki}"] = {"step": float(step) if step.denominator != 1 else int(step), "criteria": crits}
        pool_by = [] if no_group else rng.choice([[], ["group"], ["group"], ["group", "subject"]])
        tiers = []
        for ti in range(rng.randint(1, 4)):
            t = {"id": f"t{ti}", "label": f"{ti + 1}等奖"}
            if rng.random() < 0.5:
                t["count"] = rng.randint(0, 8)
            else:
                t["share"] = rng.choice([0.1, 0.15, 0.2, 0.25, 0.3, 0.333, 0.5, 0.57, 0.05, 0, 0.28, 0.58, 0.07, 0.125])
            if rng.random() < 0.25:
                t["min_score"] = rng.choice([40, 50, 60, 70, 75.5, 80])
            tiers.append(t)
        aw = {"pool_by": pool_by, "tiers": tiers}
        for key, choices in (("rounding", ["floor", "round", "ceil"]), ("ties", ["share", "exclude"]),
                             ("cascade", [True, False])):
            if rng.random() < 0.8:
                aw[key] = rng.choice(choices)
        awards[kid] = aw
        per_kind_k[kid] = rng.choice([2, 3, 3, 4, 5, 5, 6, 7])
    k_cfg = per_kind_k if rng.random() < 0.3 else rng.choice([2, 3, 3, 4, 5, 5, 6, 7])
    common = ["c0", "c1"]
    agg = {
        "method": rng.choice(list(METHODS)),
        "trim": rng.randint(1, 2),
        "min_scores": rng.randint(1, 4),
        "precision": rng.randint(0, 3),
        "severity_shrinkage": rng.choice([0, 0, 0.5, 1, 3, 10]),
        "disagreement": rng.choice([5, 10, 12.5, 25, 40]),
        "close": rng.choice([0, 0.5, 1, 2, 4]),
    }
    cfg = {
        "competition": {"id": "cc", "name": "交叉检验赛", "year": 2024},
        "groups": groups,
        "subjects": subjects,
        "kinds": kinds,
        "rubrics": rubrics,
        "judging": {"judges_per_entry": k_cfg, "conflicts": ["school"]},
        "aggregation": {k: v for k, v in agg.items() if rng.random() < 0.85},
        "ranking": {"tiebreak": rng.sample(common, rng.randint(0, 2))},
        "awards": awards,
    }
    return cfg


def k_of(cfg, kid):
    k = cfg["judging"]["judges_per_entry"]
    return k[kid] if isinstance(k, dict) else k


def entry_id(rng: random.Random, kind: str, i: int) -> str:
    """Entry ids of mixed shapes: byte order is not numeric order ("E-10" < "E-9" < "e-1")."""
    style = rng.randrange(4)
    if style == 0:
        return f"{kind.upper()}-{i:03d}"
    if style == 1:
        return f"{kind}-{i}"
    if style == 2:
        return f"{kind.upper()}_{i:02d}x"
    return f"{kind.lower()}{i}-{rng.choice('AbZ')}"


def gen_people(rng: random.Random, cfg: dict):
    schools = [f"学校{i}" for i in range(rng.randint(3, 7))]
    entries = []
    name_no = 0
    for kind in cfg["kinds"]:
        n = rng.randint(2, 22) if rng.random() < 0.85 else rng.randint(23, 60)
        for i in range(n):
            name_no += 1
            no_group = kind["max_students"] == 0
            students = [f"学生{name_no}_{s}" for s in range(rng.randint(1, kind["max_students"]))] if not no_group else []
            advisors = [f"老师{name_no}_{a}" for a in range(rng.randint(0, kind["max_advisors"]))]
            entries.append(
                {
                    "entry_id": entry_id(rng, kind["id"], i),
                    "kind": kind["id"],
                    "group": "" if no_group else rng.choice(cfg["groups"])["id"],
                    "subject": rng.choice(cfg["subjects"])["id"],
                    "title": f"作品{name_no}",
                    "school": rng.choice(schools),
                    "district": rng.choice(["", "区A", "区B"]),
                    "students": "、".join(students),
                    "advisors": "、".join(advisors),
                    "status": "withdrawn" if rng.random() < 0.05 else "active",
                }
            )
    max_k = max(k_of(cfg, k["id"]) for k in cfg["kinds"])
    judges = []
    n_judges = max_k + rng.randint(2, 6)
    n_insiders = rng.randint(0, 2)  # judges from a competing school: conflicts by school
    for j in range(n_judges + n_insiders):
        judges.append(
            {
                "judge_id": f"J{j:02d}",
                "name": f"评委{j}",
                "affiliation": rng.choice(schools) if j < n_insiders else f"单位{j}",
                "district": "",
                "expertise": "",
                "kinds": "",
                "max_load": "",
                "conflicts": "",
                "active": "yes",
            }
        )
    return entries, judges


def write_csv(path: Path, rows: list, header: list) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in header])


# ---------------------------------------------------------------------------- the CLI


class CliError(Exception):
    pass


def run(jury, db, *args, ok=(0,)):
    p = subprocess.run([jury, "--db", str(db), *map(str, args)], capture_output=True, text=True,
                       env={**os.environ, "LANG": "C.UTF-8"})
    if p.returncode not in ok:
        raise CliError(f"jury {' '.join(map(str, args))} → exit {p.returncode}\n{p.stderr[-3000:]}")
    return p


def read_sheet(path: Path):
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    comments = [l for l in lines if l.startswith("#")]
    body = "".join(l for l in lines if not l.startswith("#"))
    rows = list(csv.reader(io.StringIO(body)))
    return comments, rows[0], [r for r in rows[1:] if r]


class Filler:
    """Decides and remembers every judge's values (the truth the database must hold)."""

    def __init__(self, rng: random.Random, cfg: dict):
        self.rng = rng
        self.cfg = cfg
        self.intended: dict = {}  # (judge, entry) → list of Fraction|None
        self.recused: set = set()
        self.tie_mode = rng.random() < 0.6
        self.p_blank = rng.choice([0, 0.03, 0.1])
        self.p_partial = rng.choice([0, 0.03, 0.08])
        self.p_recuse = rng.choice([0, 0, 0.03, 0.06])
        self.p_fullwidth = rng.choice([0, 0.1, 0.5])
        self.p_change = rng.choice([0, 0.05, 0.2])
        self.override = None  # scenarios: (judge, entry, criteria) → values or None

    def value(self, crit: dict, step: Fraction) -> Fraction:
        mx = Fraction(crit["max"])
        if self.tie_mode:
            choices = sorted({(mx * Fraction(p, 10) / step).__floor__() * step for p in (5, 7, 8, 10)})
            return self.rng.choice(choices)
        return self.rng.randint(0, int(mx / step)) * step

    def decide(self, judge: str, entry: str, crits: list, step: Fraction, new_only: bool):
        key = (judge, entry)
        if new_only and key in self.intended and self.rng.random() < self.p_change:
            # the judge corrects a value: importing the sheet again replaces it
            vals = list(self.intended[key])
            i = self.rng.randrange(len(crits))
            vals[i] = self.value(crits[i], step)
            self.intended[key] = vals
            return vals
        if key in self.intended or (new_only and self.rng.random() < 0.5):
            return self.intended.get(key)
        fixed = self.override(judge, entry, crits) if self.override else None
        if fixed is not None:
            self.intended[key] = fixed
            return fixed
        r = self.rng.random()
        if r < self.p_blank:
            vals = [None] * len(crits)
        elif r < self.p_blank + self.p_partial:
            vals = [self.value(c, step) if self.rng.random() < 0.5 else None for c in crits]
        else:
            vals = [self.value(c, step) for c in crits]
        self.intended[key] = vals
        return vals

    def fill(self, sheet_dir: Path, out_dir: Path, allow_recuse: bool, new_only: bool = False) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        for path in sorted(sheet_dir.glob("*.csv")):
            comments, header, rows = read_sheet(path)
            kid = path.stem.split("-", 1)[1]
            kind = next(k for k in self.cfg["kinds"] if k["id"] == kid)
            rub = self.cfg["rubrics"][kind["rubric"]]
            crits = rub["criteria"]
            step = ref.dec(rub.get("step", 0.5))
            out_rows = []
            for row in rows:
                cells = dict(zip(header, row))
                judge, entry = cells["judge_id"], cells["entry_id"]
                if allow_recuse and (judge, entry) not in self.intended and self.rng.random() < self.p_recuse:
                    cells["recuse"] = self.rng.choice(["yes", "是", "回避"])
                    self.recused.add((judge, entry))
                else:
                    vals = self.decide(judge, entry, crits, step, new_only) or [None] * len(crits)
                    for c, v in zip(crits, vals):
                        text = "" if v is None else fmt(v)
                        if text and self.rng.random() < self.p_fullwidth:
                            text = text.translate(FULLWIDTH)
                        cells[c["id"]] = text
                out_rows.append([cells.get(h, "") for h in header])
            with open(out_dir / path.name, "w", encoding="utf-8-sig", newline="") as f:
                f.writelines(comments)
                csv.writer(f).writerows([header] + out_rows)


# ---------------------------------------------------------------------------- scenarios
# Hand-made competitions aimed at the sharp edges of SPEC §6–§8 that random cases hit rarely.


def base_config(kinds: list, **agg) -> dict:
    """A config with groups g0..g2, subject s0, the given kinds [(id, rubric, awards)]."""
    return {
        "competition": {"id": "sc", "name": "场景", "year": 2024},
        "groups": [{"id": f"g{i}", "label": f"组{i}"} for i in range(3)],
        "subjects": [{"id": "s0", "label": "学科0"}],
        "kinds": [{"id": k, "label": k, "rubric": k, "max_students": 1, "max_advisors": 0} for k, _, _ in kinds],
        "rubrics": {k: r for k, r, _ in kinds},
        "judging": {"judges_per_entry": agg.pop("k", 3), "max_load": 200, "conflicts": ["school"]},
        "aggregation": agg,
        "awards": {k: a for k, _, a in kinds},
    }


def plain_people(cfg: dict, per_kind: int, n_judges: int, group=lambda i: "g0", school=lambda i: "学校A",
                 affiliation=lambda j: f"单位{j}"):
    entries = [
        {"entry_id": f"{k['id'].upper()}-{i:03d}", "kind": k["id"], "group": group(i), "subject": "s0",
         "title": f"作品{i}", "school": school(i), "students": f"学生{k['id']}{i}", "status": "active"}
        for k in cfg["kinds"] for i in range(per_kind)
    ]
    judges = [{"judge_id": f"J{j:02d}", "name": f"评委{j}", "affiliation": affiliation(j)} for j in range(n_judges)]
    return entries, judges


def quiet(filler: "Filler") -> None:
    filler.p_blank = filler.p_partial = filler.p_recuse = filler.p_change = 0


def sc_share_float(rng):
    """share quotas must be exact decimals: 0.28·25 = 7 (ceil 7, not 8), 0.58·25 = 14.5 (round 15),
    0.56·25 = 14 (ceil 14) although binary floating point gives 7.000000000000001 / 14.499999999999998."""
    rub = {"step": 1, "criteria": [{"id": "c0", "label": "c0", "max": 10}]}
    cfg = base_config(
        [("a", rub, {"pool_by": [], "rounding": "ceil", "tiers": [{"id": "t0", "label": "一", "share": 0.28},
                                                                   {"id": "t1", "label": "二", "share": 0.56}]}),
         ("b", rub, {"pool_by": [], "rounding": "round", "tiers": [{"id": "t0", "label": "一", "share": 0.58}]})],
        method="mean", min_scores=3)
    entries, judges = plain_people(cfg, 25, 6)
    return cfg, entries, judges, quiet


def sc_zscore_constant(rng):
    """zscore: a judge whose totals are all equal has s_j = 0, so z = 0 — also when the totals are
    not binary fractions (weight ≠ max) and a floating-point mean could differ from them by an ulp."""
    rub = {"step": 1, "criteria": [{"id": "c0", "label": "c0", "max": 30, "weight": 20},
                                   {"id": "c1", "label": "c1", "max": 30, "weight": 10},
                                   {"id": "c2", "label": "c2", "max": 7, "weight": 3}]}
    cfg = base_config([("a", rub, {"pool_by": [], "tiers": [{"id": "t0", "label": "一", "count": 3}]})],
                      method="zscore", min_scores=2, k=3, precision=3)
    entries, judges = plain_people(cfg, 12, 4)
    constants = {"J00": [7, 11, 3], "J01": [1, 0, 5], "J02": [29, 13, 1]}

    def setup(filler):
        quiet(filler)
        base = filler.value
        filler.override = lambda judge, entry, crits: [Fraction(v) for v in constants[judge]] if judge in constants else None
        del base
    return cfg, entries, judges, setup


def sc_empty_pools(rng):
    """A pool whose entries are all incomplete, a kind whose entries are all withdrawn."""
    rub = {"step": 0.5, "criteria": [{"id": "c0", "label": "c0", "max": 10}, {"id": "c1", "label": "c1", "max": 5}]}
    aw = {"pool_by": ["group"], "tiers": [{"id": "t0", "label": "一", "count": 2}, {"id": "t1", "label": "二", "share": 0.5}]}
    cfg = base_config([("a", rub, aw), ("b", rub, dict(aw))], method="median", min_scores=2, k=2)
    entries, judges = plain_people(cfg, 9, 5, group=lambda i: f"g{i % 3}")
    for e in entries:
        if e["kind"] == "b":
            e["status"] = "withdrawn"
    blank_group = {e["entry_id"] for e in entries if e["group"] == "g1"}

    def setup(filler):
        quiet(filler)
        filler.override = lambda judge, entry, crits: [None] * len(crits) if entry in blank_group else None
    return cfg, entries, judges, setup


def sc_min_score_edge(rng):
    """min_score compares the rounded score: mean 75.5 at precision 0 is 76 (half away from zero)."""
    rub = {"step": 0.5, "criteria": [{"id": "c0", "label": "c0", "max": 100}]}
    aw = {"pool_by": [], "cascade": True, "tiers": [{"id": "t0", "label": "一", "count": 30, "min_score": 76},
                                                     {"id": "t1", "label": "二", "count": 30, "min_score": 75}]}
    cfg = base_config([("a", rub, aw)], method="mean", min_scores=2, k=2, precision=0)
    entries, judges = plain_people(cfg, 14, 4)
    pairs = [(75, 76), (75.5, 75.5), (74.5, 75.5), (75, 75), (74, 75), (76, 76), (74.5, 75)]
    per_entry = {e["entry_id"]: rng.choice(pairs) for e in entries}
    seen: dict = {}

    def setup(filler):
        quiet(filler)

        def override(judge, entry, crits):
            i = seen.setdefault(entry, [])
            i.append(judge)
            return [Fraction(str(per_entry[entry][min(len(i) - 1, 1)]))]
        filler.override = override
    return cfg, entries, judges, setup


def sc_two_components(rng):
    """severity with λ = 0: Σ b_j = 0 in each connected component (judges of school X only see
    school Y's entries and vice versa, so the judge–entry graph has two components)."""
    rub = {"step": 1, "criteria": [{"id": "c0", "label": "c0", "max": 50}, {"id": "c1", "label": "c1", "max": 50}]}
    aw = {"pool_by": [], "tiers": [{"id": "t0", "label": "一", "count": 3}, {"id": "t1", "label": "二", "count": 4}]}
    cfg = base_config([("a", rub, aw)], method="severity", severity_shrinkage=rng.choice([0, 2]), min_scores=2, k=2)
    entries, judges = plain_people(cfg, 10, 4, school=lambda i: "学校X" if i % 2 else "学校Y",
                                   affiliation=lambda j: "学校X" if j < 2 else "学校Y")
    bias = {"J00": -8, "J01": 3, "J02": 5, "J03": -2}

    def setup(filler):
        quiet(filler)
        filler.override = lambda judge, entry, crits: [
            Fraction(min(50, max(0, 30 + bias[judge] + rng.randint(-6, 6)))) for _ in crits]
    return cfg, entries, judges, setup


def sc_disagreement_edge(rng):
    """disagreement only when max − min of the totals EXCEEDS the threshold (25 is not > 25)."""
    rub = {"step": 1, "criteria": [{"id": "c0", "label": "c0", "max": 100}]}
    cfg = base_config([("a", rub, {"pool_by": [], "tiers": [{"id": "t0", "label": "一", "count": 2}]})],
                      method="trimmed-mean", disagreement=25, k=3, min_scores=3)
    entries, judges = plain_people(cfg, 10, 5)

    def setup(filler):
        quiet(filler)
        filler.override = lambda judge, entry, crits: [Fraction(rng.choice([60, 85, 86]))]
    return cfg, entries, judges, setup


def sc_hamilton_ties(rng):
    """Hamilton: equal fractional parts go to the larger pool, then the earlier one. Pools of
    1, 1 and 4 entries: 2 places → 1/3, 1/3, 4/3: the parts tie, so [0, 0, 2]; 4 places → [1, 0, 3]."""
    rub = {"step": 1, "criteria": [{"id": "c0", "label": "c0", "max": 10}]}
    aw = {"pool_by": ["group"], "tiers": [{"id": "t0", "label": "一", "count": 2}, {"id": "t1", "label": "二", "count": 4},
                                          {"id": "t2", "label": "三", "count": 8}]}
    cfg = base_config([("a", rub, aw)], method="mean", min_scores=1, k=2)
    sizes = rng.choice([(1, 1, 4), (1, 2, 7), (1, 1, 7), (2, 2, 5)])
    groups = [g for g, n in zip(("g0", "g1", "g2"), sizes) for _ in range(n)]
    rng.shuffle(groups)
    entries, judges = plain_people(cfg, len(groups), 4, group=lambda i: groups[i])
    return cfg, entries, judges, quiet


SCENARIOS = {
    "hamilton-ties": sc_hamilton_ties,
    "share-float": sc_share_float,
    "zscore-constant": sc_zscore_constant,
    "empty-pools": sc_empty_pools,
    "min-score-edge": sc_min_score_edge,
    "two-components": sc_two_components,
    "disagreement-edge": sc_disagreement_edge,
}


# ---------------------------------------------------------------------------- one case


def build_case(jury: str, rng: random.Random, work: Path, scenario=None) -> dict:
    setup = None
    if scenario:
        cfg, entries, judges, setup = SCENARIOS[scenario](rng)
    else:
        cfg = gen_config(rng)
        entries, judges = gen_people(rng, cfg)
    (work / "competition.json").write_text(json.dumps(cfg, ensure_ascii=False, indent=1), encoding="utf-8")
    e_header = ["entry_id", "kind", "group", "subject", "title", "school", "district", "students", "advisors", "status"]
    j_header = ["judge_id", "name", "affiliation", "district", "expertise", "kinds", "max_load", "conflicts", "active"]
    write_csv(work / "entries.csv", entries, e_header)
    write_csv(work / "judges.csv", judges, j_header)
    db = work / "jury.db"
    seed = rng.randint(0, 1000)
    run(jury, db, "init", work / "competition.json")
    run(jury, db, "import", "entries", work / "entries.csv")
    run(jury, db, "import", "judges", work / "judges.csv")
    run(jury, db, "assign", "--seed", seed)
    run(jury, db, "export", "sheets", work / "sheets1")
    filler = Filler(rng, cfg)
    if setup:
        setup(filler)
    filler.fill(work / "sheets1", work / "filled1", allow_recuse=True)
    run(jury, db, "import", "scores", work / "filled1")
    if filler.recused or rng.random() < 0.5:
        # refill the recused places, then the judges return their sheets again (late scores too)
        # (recusals can leave too few eligible judges: exit 4, nothing changed, carry on)
        if run(jury, db, "assign", "--seed", seed, ok=(0, 4)).returncode == 4:
            note("re-assign infeasible after recusals")
        run(jury, db, "export", "sheets", work / "sheets2")
        filler.fill(work / "sheets2", work / "filled2", allow_recuse=False, new_only=True)
        run(jury, db, "import", "scores", work / "filled2")
    if scenario:
        return {"cfg": cfg, "db": db, "filler": filler}
    if rng.random() < 0.3:
        # withdraw / disqualify some entries after scoring
        for e in entries:
            if e["status"] == "active" and rng.random() < 0.15:
                e["status"] = rng.choice(["withdrawn", "disqualified"])
        write_csv(work / "entries2.csv", entries, e_header)
        run(jury, db, "import", "entries", work / "entries2.csv")
    if rng.random() < 0.15:
        # a judge who has scored is withdrawn (active no); the SPEC filters totals by the
        # entry's status only, so the judge's scores still count (reading noted in the report)
        j = rng.choice(judges)
        j["active"] = "no"
        write_csv(work / "judges2.csv", judges, j_header)
        run(jury, db, "import", "judges", work / "judges2.csv")
        note("judge withdrawn after scoring")
    return {"cfg": cfg, "db": db, "filler": filler}


def check_db_scores(db: Path, filler: Filler) -> list:
    """The stored values must be what the sheets said (full-width digits folded)."""
    comp = ref.load_db(str(db))
    stored = {(r.judge, r.entry): r.vals for r in comp.rows}
    problems = []
    for key, vals in sorted(filler.intended.items()):
        if key in filler.recused:
            continue
        got = stored.get(key)
        if all(v is None for v in vals):
            if got is not None and any(v is not None for v in got):
                problems.append(f"scores {key}: stored {got}, sheet was blank")
        elif got != vals:
            problems.append(f"scores {key}: stored {got}, sheet said {vals}")
    for key in stored:
        if key in filler.recused:
            problems.append(f"scores {key}: stored although the judge recused")
    return problems


def compare(cpp: dict, comp: ref.Competition, method: str) -> list:
    """Differences between the engine's document and the reference's (fragile values accepted
    on either side of the rounding boundary, the ranking then redone with the engine's choice)."""
    doc, res = ref.compute(comp, method)
    by_id = {r["entry_id"]: r for r in cpp.get("results", [])}
    overrides = {}
    for eid, r in res.items():
        got = by_id.get(eid)
        if not got or not r.alternatives:
            continue
        ov = {}
        if "score" in r.alternatives and got.get("score") in r.alternatives["score"]:
            ov["score"] = got["score"]
            note("fragile score (exact value at a rounding edge)")
            if got["score"] != r.alternatives["score"][0]:
                note("fragile score where the engine rounded the other way than the exact value")
        if "disagreement" in r.alternatives:
            ov["disagreement"] = "disagreement" in got.get("flags", [])
        if "close" in r.alternatives:
            ov["close"] = "close" in got.get("flags", [])
            note("fragile close (a score at close · SE from a boundary)")
        if "tiebreak" in r.alternatives:
            ov["tiebreak_alts"] = r.alternatives["tiebreak"]
        if ov:
            overrides[eid] = ov
    fragile_tb = {e: o.pop("tiebreak_alts") for e, o in overrides.items() if "tiebreak_alts" in o}
    if overrides:
        doc, res = ref.compute(comp, method, overrides)
    problems = []
    if fragile_tb:
        problems.append(f"NOTE fragile tiebreak means (not comparable from the JSON): {sorted(fragile_tb)}")
    for k in ("competition", "method"):
        if cpp.get(k) != doc[k]:
            problems.append(f"{k}: engine {cpp.get(k)!r} reference {doc[k]!r}")
    if cpp.get("pools") != doc["pools"]:
        problems.append(f"pools:\n  engine    {json.dumps(cpp.get('pools'), ensure_ascii=False)}\n"
                        f"  reference {json.dumps(doc['pools'], ensure_ascii=False)}")
    order_e = [r["entry_id"] for r in cpp.get("results", [])]
    order_r = [r["entry_id"] for r in doc["results"]]
    if order_e != order_r:
        problems.append(f"row order:\n  engine    {order_e}\n  reference {order_r}")
    for want in doc["results"]:
        got = by_id.get(want["entry_id"])
        if got is None:
            problems.append(f"{want['entry_id']}: missing from the engine's results")
            continue
        norm = dict(want)
        if norm["group"] == "":
            norm["group"] = None
        diffs = {k: (got.get(k), v) for k, v in norm.items() if k != "flags" and got.get(k) != v}
        if sorted(got.get("flags", [])) != sorted(norm["flags"]):
            diffs["flags"] = (got.get("flags"), norm["flags"])
        if set(got) != set(norm):
            diffs["keys"] = (sorted(set(got) - set(norm)), sorted(set(norm) - set(got)))
        if diffs:
            r = res[want["entry_id"]]
            problems.append(f"{want['entry_id']} (exact {float(r.exact) if r.exact is not None else None}): "
                            + ", ".join(f"{k}: engine {a!r} reference {b!r}" for k, (a, b) in diffs.items()))
    return problems


COVERAGE: dict = {}


def note(what: str, n: int = 1) -> None:
    COVERAGE[what] = COVERAGE.get(what, 0) + n


def record_coverage(cfg: dict, comp: ref.Competition, filler: "Filler", method: str) -> None:
    """Count what the cases exercised (printed at the end) so that a green run means something."""
    doc, res = ref.compute(comp, method)
    note(f"method {method}")
    rows = doc["results"]
    note("rows", len(rows))
    note("incomplete rows", sum(r["rank"] is None for r in rows))
    note("awarded rows", sum(r["tier"] is not None for r in rows))
    note("disagreement flags", sum("disagreement" in r["flags"] for r in rows))
    note("close flags", sum("close" in r["flags"] for r in rows))
    for pool in doc["pools"]:
        kind = pool["kind"]
        aw = cfg["awards"][kind]
        members = [r for r in rows if r["kind"] == kind and r["rank"] is not None
                   and (pool["group"] is None or r["group"] == pool["group"])
                   and (pool["subject"] is None or r["subject"] == pool["subject"])]
        ranks = [r["rank"] for r in members]
        if len(set(ranks)) < len(ranks):
            note("pools with tied ranks")
        given = {}
        for r in members:
            if r["tier"]:
                given[r["tier"]] = given.get(r["tier"], 0) + 1
        for t in aw["tiers"]:
            q, a = pool["quotas"][t["id"]], given.get(t["id"], 0)
            if a > q:
                note(f"tier over quota (ties {aw.get('ties', 'share')})")
            elif a < q and a < len(members):
                note(f"tier under quota (ties {aw.get('ties', 'share')}, cascade {aw.get('cascade', False)})")
    if method == "severity":
        note(f"severity lambda {cfg.get('aggregation', {}).get('severity_shrinkage', 3)}")


def run_case(jury: str, case_seed: int, work: Path, verbose: bool, scenario=None) -> list:
    rng = random.Random(case_seed)
    try:
        built = build_case(jury, rng, work, scenario)
    except CliError as err:
        return [f"workflow failed: {err}"]
    problems = check_db_scores(built["db"], built["filler"])
    comp = ref.load_db(str(built["db"]))
    for method in (None,) + METHODS:
        args = ["results", "--json"] + (["--method", method] if method else [])
        try:
            out = run(jury, built["db"], *args)
        except CliError as err:
            problems.append(f"{method}: {err}")
            continue
        cpp = json.loads(out.stdout)
        m = method or built["cfg"].get("aggregation", {}).get("method", "severity")
        if method:
            record_coverage(built["cfg"], comp, built["filler"], m)
        for p in compare(cpp, comp, m):
            if p.startswith("NOTE"):
                if verbose:
                    print(f"  case {case_seed} {m}: {p}")
                continue
            problems.append(f"[{m}] {p}")
    try:
        problems += check_award(jury, built["db"], work)
    except CliError as err:
        problems.append(f"award: {err}")
    return problems


def award_blockers(db: Path) -> tuple:
    """SPEC §8, read independently from the database: (scores owed, kinds with active entries but
    no complete score). A score is owed when an assignment of an active entry has no complete row
    (a value for every criterion of the entry's rubric)."""
    comp = ref.load_db(str(db))
    active = {e.id: e.kind for e in comp.entries if e.status == "active"}
    complete = {(r.judge, r.entry) for r in comp.rows
                if r.entry in active and len(r.vals) == len(ref.criteria_of(comp.config, active[r.entry]))
                and all(v is not None for v in r.vals)}
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    pairs = con.execute("select judge_id, entry_id from assignments").fetchall()
    con.close()
    owed = sum(1 for j, e in pairs if e in active and (j, e) not in complete)
    kinds_scored = {active[e] for _, e in complete}
    bare_kinds = sorted(set(active.values()) - kinds_scored)
    return owed, bare_kinds


def check_award(jury: str, db: Path, work: Path) -> list:
    """SPEC §8/§9: `jury award` stores the same computation that `jury results` shows, and the
    JSON roster is that document; `award` refuses (exit 3) while entries are incomplete or scores
    are owed, and even with --allow-incomplete when a kind has no complete score at all or no
    entry is ranked (nothing to decide)."""
    preview = json.loads(run(jury, db, "results", "--json").stdout)
    incomplete = any(r["rank"] is None for r in preview["results"])
    nothing_ranked = all(r["rank"] is None for r in preview["results"])
    owed, bare_kinds = award_blockers(db)
    if owed and not incomplete:
        note("award refused only because scores are owed")
    problems = []
    p = run(jury, db, "award", ok=(0, 3))
    if p.returncode != (3 if incomplete or owed or nothing_ranked else 0):
        problems.append(f"award: exit {p.returncode} with {'some' if incomplete else 'no'} incomplete entries "
                        f"and {owed} owed scores")
    if p.returncode == 3:
        q = run(jury, db, "award", "--allow-incomplete", ok=(0, 3))
        if q.returncode != (3 if bare_kinds or nothing_ranked else 0):
            problems.append(f"award --allow-incomplete: exit {q.returncode}, kinds without scores {bare_kinds}, "
                            f"{'no' if nothing_ranked else 'some'} ranked entries")
        if q.returncode == 3:
            note("award refused: a kind without any complete score" if bare_kinds else "award refused: no ranked entry")
            return problems
    run(jury, db, "export", "roster", work / "roster.json")
    roster = json.loads((work / "roster.json").read_text(encoding="utf-8-sig"))
    if roster != preview:
        problems.append("award: the JSON roster differs from `jury results --json`")
    return problems


def report_case(label: str, problems: list, work: Path, keep: str | None, verbose: bool, ok_note: str = "") -> bool:
    """Print a case's disagreements (the first 12) and keep its directory under `keep`;
    True when the case failed."""
    if not problems:
        if verbose:
            print(f"case {label}: ok{ok_note}")
        return False
    print(f"case {label}: {len(problems)} disagreement(s)")
    for p in problems[:12]:
        print("  " + p.replace("\n", "\n  "))
    if keep:
        dest = Path(keep) / f"case-{label.replace(' ', '-')}"
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(work, dest)
    return True


def print_coverage() -> None:
    for k in sorted(COVERAGE):
        print(f"  coverage: {k}: {COVERAGE[k]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jury", required=True, help="the jury executable")
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1, help="first case seed")
    ap.add_argument("--keep", help="keep the case directories of failing cases here")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--scenarios", action="store_true", help="also run the hand-made edge scenarios")
    args = ap.parse_args(argv)
    failed = []
    cases = [(name, args.seed) for name in SCENARIOS] if args.scenarios else []
    cases += [(None, s) for s in range(args.seed, args.seed + args.cases)]
    for scenario, case_seed in cases:
        label = f"{scenario} {case_seed}" if scenario else str(case_seed)
        work = Path(tempfile.mkdtemp(prefix=f"crosscheck-{case_seed}-"))
        try:
            problems = run_case(args.jury, case_seed, work, args.verbose, scenario)
            if report_case(label, problems, work, args.keep, args.verbose):
                failed.append(label)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if args.verbose:
        print_coverage()
    print(f"{len(cases) - len(failed)}/{len(cases)} cases agree" + (f"; failing seeds: {failed}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
