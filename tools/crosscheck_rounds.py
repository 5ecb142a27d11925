#!/usr/bin/env python3
"""Cross-check the staged-competition CLI (SPEC §12 rounds, §13 timetable, §14 `close`) against
the independent references tools/reference_rounds.py and tools/check_schedule.py.

Generates random competitions of 2–3 rounds (seeded): different kinds in different rounds, share
and count advances with min_score, combined weights, a defence rubric, absences under forfeit and
keep (marked before the sheets go out, between export and import, after scoring, some undone),
recusals, recommendation by count and by share, scores from few distinct values so that ties fall
on boundaries, and interview timetables.  Drives the CLI as SPEC §12 describes it (`init`, imports
with a judges `rounds` column, `assign`, `schedule`, `export schedule|sheets|assignments`, filled
sheets `<judge_id>-<kind>-<round_id>.csv`, `import scores`, `absent [--undo]`, `advance
[--allow-incomplete|--reopen]`, `results --json --round ID`, `award`, `export roster`) and compares
every field of every row and pool of every round's document with the reference, who entered each
round, the exit codes SPEC §12 fixes (advance with incomplete entrants, import into a closed round,
reopen after scores, award), and every exported schedule with the §13 checker.

    tools/crosscheck_rounds.py --jury build/jury --cases 50 --seed 1 [--sections 12,13,14]
                               [--keep DIR] [--verbose]
    tools/crosscheck_rounds.py --jury build/jury --rounds 1 --cases 30   # plain one-round configs
    tools/crosscheck_rounds.py --jury build/jury --sample fixtures/jingzhou-2021/competition-rounds.json
    tools/crosscheck_rounds.py --against-reference-results --jury build/jury --cases 30
    tools/crosscheck_rounds.py --self-test --cases 200                  # no CLI: the reference alone

The reference's input is built from what the driver fed the CLI (the plain JSON of
reference_rounds.py, written to `staged-<round>.json` in each case directory): the config, the
entries, and per round the values the imported sheets held (modelling §6: an empty cell keeps the
stored value, a recusal drops the pair, rows of an absent entrant are skipped), the absences and
the assignments the engine exported.  Who entered a round is compared with the reference's
selection, then the engine's list is frozen into the input so that one wrong selection does not
turn every later comparison red.

--sections: leave out §13 (no `interviews`, no `schedule`) or §14 (no `aggregation.close`, `close`
flags ignored) while the engine lacks them.  --rounds 1: configs without `rounds` (no §12 commands),
which today's CLI runs, to check the driver itself.  --against-reference-results: the existing
crosscheck cases (tools/crosscheck.py's workflow), reference_rounds against reference_results.
--self-test: random staged inputs without the CLI (assignments and sheets simulated), each view
computed and checked against invariants of §12 that hold whatever the engine does.

Exit status 0 when every case agrees; 1 otherwise.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_schedule as cs  # noqa: E402
import crosscheck as cc  # noqa: E402
import reference_results as ref  # noqa: E402
import reference_rounds as rr  # noqa: E402

E_HEADER = ["entry_id", "kind", "group", "subject", "title", "school", "district", "students", "advisors", "status"]
J_HEADER = ["judge_id", "name", "affiliation", "district", "expertise", "kinds", "max_load", "conflicts", "active",
            "rounds"]
ROUND_NAMES = {2: [["prelim", "final"], ["R1", "final-2"]], 3: [["prelim", "semi", "final"], ["A1", "b-2", "Z3"]]}
ROUND_LABELS = {"prelim": "初评", "semi": "复评", "final": "终评"}
note = cc.note


# ---------------------------------------------------------------------------- generation


def gen_config(rng: random.Random, n_rounds: int, sections: set) -> dict:
    groups = [{"id": g, "label": f"组{g}"} for g in rng.sample(["senior", "primary", "junior"], rng.randint(1, 2))]
    subjects = [{"id": s, "label": f"学科{s}"} for s in rng.sample(["PS", "LS", "cs"], rng.randint(1, 2))]
    kind_ids = rng.sample(["stu", "adv", "bio"], rng.randint(1, 3))
    # every rubric's totals run 0..100, so that min_score 40–70 falls among the scores
    rubrics = {"defence": {"step": 0.5, "criteria": [{"id": "c0", "label": "创新", "max": 30, "weight": 60},
                                                     {"id": "d1", "label": "问辩", "max": 20, "weight": 40}]}}
    kinds = []
    for ki, kid in enumerate(kind_ids):
        weights = rng.choice([[100], [60, 40], [50, 50], [40, 30, 30], [50, 25, 25]])
        crits = []
        for ci, w in enumerate(weights):
            mx = w if rng.random() < 0.5 else rng.choice([10, 20, 30, 40])
            crits.append({"id": f"c{ci}", "label": f"标准{ci}", "max": mx, **({"weight": w} if w != mx else {})})
        rubrics[f"r_{kid}"] = {"step": rng.choice([0.5, 1]), "criteria": crits}
        no_group = ki > 0 and rng.random() < 0.3
        kinds.append({"id": kid, "label": f"类别{kid}", "rubric": f"r_{kid}",
                      "max_students": 0 if no_group else 2, "max_advisors": 1})
    k = rng.choice([2, 3])
    rounds = gen_rounds(rng, n_rounds, kind_ids, sections) if n_rounds > 1 else None
    min_k = min([k] + [rd["judges_per_entry"] for rd in rounds or [] if "judges_per_entry" in rd])
    agg = {"method": rng.choice(list(ref.METHODS)), "min_scores": rng.randint(1, min_k),
           "precision": rng.choice([0, 1, 2, 2]), "trim": 1,
           "severity_shrinkage": rng.choice([0, 1, 3]), "disagreement": rng.choice([10, 25])}
    if "14" in sections and rng.random() < 0.6:
        agg["close"] = rng.choice([0.5, 1, 1.5, 3])
    cfg = {
        "competition": {"id": "cr", "name": "分轮交叉检验赛", "year": 2024},
        "groups": groups,
        "subjects": subjects,
        "kinds": kinds,
        "rubrics": rubrics,
        "judging": {"judges_per_entry": k, "conflicts": ["school"]},
        "aggregation": agg,
        "ranking": {"tiebreak": rng.choice([[], ["c0"], ["d1", "c0"]])},
        "awards": {k["id"]: gen_awards(rng, k, rounds, n_rounds > 1) for k in kinds},
    }
    if rng.random() < 0.5:
        cfg["judging"]["max_load"] = 60
    if rounds:
        cfg["rounds"] = rounds
    return cfg


def gen_rounds(rng: random.Random, n_rounds: int, kind_ids: list, sections: set) -> list:
    ids = rng.choice(ROUND_NAMES[n_rounds])
    rounds = [{"id": ids[0], "label": ROUND_LABELS.get(ids[0], ids[0])}]
    prev = list(kind_ids)
    for i in range(1, n_rounds):
        rd = {"id": ids[i], "label": ROUND_LABELS.get(ids[i], f"第{i + 1}轮")}
        kinds = prev if len(prev) == 1 or rng.random() < 0.6 else drop_one(rng, prev)
        if kinds != prev or rng.random() < 0.3:
            rd["kinds"] = kinds
        rd["advance"] = {k: gen_advance(rng) for k in kinds}
        if rng.random() < 0.5:
            rd["weights"] = rng.choice([{ids[i - 1]: 0.3, ids[i]: 0.7}, {ids[i - 1]: 0.5, ids[i]: 0.5},
                                        {ids[0]: 0.1, ids[i]: 0.9}] + ([{ids[0]: 0.2, ids[1]: 0.3, ids[2]: 0.5}]
                                                                      if i == 2 else []))
        if rng.random() < 0.4:
            rd["rubrics"] = {k: "defence" for k in kinds if rng.random() < 0.7}
        if rng.random() < 0.5:
            rd["judges_per_entry"] = rng.choice([2, 3, 4])
        if rng.random() < 0.3:
            rd["method"] = rng.choice(list(ref.METHODS))
        if "13" in sections and rng.random() < 0.6:
            rd["interviews"] = gen_interviews(rng, rd.get("judges_per_entry", 3))
        rounds.append(rd)
        prev = kinds
    return rounds


def drop_one(rng: random.Random, kinds: list) -> list:
    """The kinds without one of them, drawn once (a round judging a strict subset, never none)."""
    gone = rng.choice(kinds)
    return [k for k in kinds if k != gone]


def gen_advance(rng: random.Random) -> dict:
    spec = {"count": rng.randint(1, 10)} if rng.random() < 0.5 else {"share": rng.choice([0.25, 0.3, 0.5, 0.6, 0.75])}
    if rng.random() < 0.25:
        spec["min_score"] = rng.choice([40, 50, 60, 70])
    return spec


def gen_interviews(rng: random.Random, k: int) -> dict:
    """Usually room for the round; sometimes fewer slots than one entrant's k interviews (exit 4)."""
    minutes = rng.choice([10, 15, 20])
    if rng.random() < 0.15:
        return {"slot_minutes": minutes, "sessions": [{"start": "2024-05-18 08:30", "slots": max(1, min(k, 2) - 1)}]}
    return {"slot_minutes": minutes, "sessions": [{"start": "2024-05-18 08:30", "slots": rng.randint(4, 12)},
                                                  {"start": "2024-05-18 23:40", "slots": 60}]}


def gen_awards(rng: random.Random, kind: dict, rounds: list | None, multi: bool) -> dict:
    kid = kind["id"]
    own = [rd["id"] for rd in kind_rounds(rounds, kid)] if rounds else ["main"]
    tiers = []
    at = len(own) - 1  # best tiers by the kind's last round, worse ones possibly by earlier rounds
    for ti in range(rng.randint(2, 4)):
        t = {"id": f"t{ti}", "label": f"{ti + 1}等奖"}
        if rng.random() < 0.55:
            t["count"] = rng.randint(0, 6)
        else:
            t["share"] = rng.choice([0.1, 0.2, 0.25, 0.3, 0.5])
        if rng.random() < 0.2:
            t["min_score"] = rng.choice([40, 50, 60, 70])
        if multi:
            if ti > 0 and at > 0 and rng.random() < 0.4:
                at -= 1
            if at != len(own) - 1 or rng.random() < 0.3:
                t["round"] = own[at]
        tiers.append(t)
    aw = {"pool_by": [] if kind["max_students"] == 0 else rng.choice([[], ["group"], ["group", "subject"]]),
          "tiers": tiers}
    for key, choices in (("rounding", ["floor", "round", "ceil"]), ("ties", ["share", "exclude"]),
                         ("cascade", [True, False])):
        if rng.random() < 0.8:
            aw[key] = rng.choice(choices)
    if multi:
        if rng.random() < 0.7:
            aw["absent"] = rng.choice(["forfeit", "keep"])
        if rng.random() < 0.6:
            rec = {"label": "推荐参加省赛", "tiers": [t["id"] for t in tiers[: rng.randint(1, 2)]]}
            rec.update({"count": rng.randint(0, 5)} if rng.random() < 0.5 else {"share": rng.choice([0.3, 0.5, 0.6])})
            aw["recommend"] = rec
    return aw


def kind_rounds(rounds: list, kid: str) -> list:
    """The rounds judging the kind while the config is being built (a round without `kinds`
    judges the previous round's, SPEC §12 reading R1 of reference_rounds.py)."""
    out = []
    for rd in rounds:
        if kid not in rd.get("kinds", [kid]):
            break
        out.append(rd)
    return out


def gen_people(rng: random.Random, cfg: dict) -> tuple:
    schools = [f"学校{i}" for i in range(rng.randint(3, 6))]
    entries = []
    for kind in cfg["kinds"]:
        for i in range(rng.randint(4, 26)):
            no_group = kind["max_students"] == 0
            entries.append({
                "entry_id": cc.entry_id(rng, kind["id"], i), "kind": kind["id"],
                "group": "" if no_group else rng.choice(cfg["groups"])["id"],
                "subject": rng.choice(cfg["subjects"])["id"], "title": f"作品{kind['id']}{i}",
                "school": rng.choice(schools), "district": rng.choice(["", "区A"]),
                "students": "" if no_group else "、".join(f"学生{kind['id']}{i}_{s}" for s in range(rng.randint(1, 2))),
                "advisors": rng.choice(["", f"老师{kind['id']}{i}"]),
                "status": "withdrawn" if rng.random() < 0.04 else "active"})
    rounds = rr.round_configs(cfg)
    k_max = max(k_of(cfg, rd, kid) for rd in cfg.get("rounds", [{}]) for kid in [k["id"] for k in cfg["kinds"]])
    judges = []
    n_insiders = rng.randint(0, 2)
    for j in range(k_max + rng.randint(3, 6) + n_insiders):
        serves = ""
        if len(rounds) > 1 and j >= k_max + 2 + n_insiders and rng.random() < 0.6:
            picked = rng.sample(rounds, rng.randint(1, len(rounds) - 1))
            serves = "、".join(rc.id if rng.random() < 0.5 else rc.label for rc in picked)
        judges.append({"judge_id": f"J{j:02d}", "name": f"评委{j}",
                       "affiliation": rng.choice(schools) if j < n_insiders else f"单位{j}",
                       "active": "yes", "rounds": serves})
    return entries, judges


def k_of(cfg: dict, rd: dict, kid: str) -> int:
    k = rd.get("judges_per_entry", cfg["judging"]["judges_per_entry"])
    return k[kid] if isinstance(k, dict) else k


def as_entry(e: dict) -> ref.Entry:
    return ref.Entry(e["entry_id"], e["kind"], e["group"], e["subject"], e["title"], e["school"], e["district"],
                     [s for s in e["students"].split("、") if s], [a for a in e["advisors"].split("、") if a],
                     e["status"])


# ---------------------------------------------------------------------------- what the database must hold


class Truth:
    """The stored score rows of one round, modelled from the sheets the driver imported (§6):
    a filled cell replaces, an empty one keeps, a recusal drops the pair; rows of an entrant
    absent at import time are skipped (§12)."""

    def __init__(self):
        self.stored: dict = {}  # (judge, entry) → [Fraction | None]
        self.recused: set = set()

    def take(self, judge: str, entry: str, cells: list, recuse: bool, absent: set) -> None:
        if entry in absent:
            return
        if recuse:
            self.stored.pop((judge, entry), None)
            self.recused.add((judge, entry))
            return
        old = self.stored.get((judge, entry), [None] * len(cells))
        self.stored[(judge, entry)] = [o if c is None else c for o, c in zip(old, cells)]

    def rows(self) -> list:
        return [ref.Row(j, e, list(v)) for (j, e), v in sorted(self.stored.items())]

    def has_complete_row(self) -> bool:
        """The round certainly "has a score" (a partly filled row alone leaves the SPEC's
        "has a score" open, so the checks that need it are skipped then)."""
        return any(all(v is not None for v in vals) for vals in self.stored.values())


class Fill:
    """Fills one round's sheets: a crosscheck.Filler (per round, so the values of a judge and an
    entry differ between rounds) decides the values; sheet names are `<judge>-<kind>-<round>`."""

    def __init__(self, rng: random.Random, cfg: dict, rc: rr.RoundCfg, multi: bool):
        self.rng = rng
        self.cfg = cfg
        self.rc = rc
        self.multi = multi
        self.filler = cc.Filler(rng, cfg)
        self.filler.p_change = 0  # a changed value is a re-import test of §6, covered by crosscheck.py

    def sheet_kind(self, path: Path, judges: set) -> tuple:
        """(judge id, kind id) from a sheet's name, or a problem."""
        for kid in self.rc.kinds:
            suffix = f"-{kid}-{self.rc.id}" if self.multi else f"-{kid}"
            if path.stem.endswith(suffix) and path.stem[: -len(suffix)] in judges:
                return path.stem[: -len(suffix)], kid
        raise ValueError(f"sheet name {path.name} is not <judge_id>-<kind>" + ("-<round_id>" if self.multi else ""))

    def fill(self, sheet_dir: Path, out_dir: Path, judges: set, truth: Truth, absent_at_import: set,
             allow_recuse: bool, problems: list, new_only: bool = False) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        for path in sorted(sheet_dir.glob("*.csv")):
            try:
                judge_of_name, kid = self.sheet_kind(path, judges)
            except ValueError as err:
                problems.append(str(err))
                continue
            comments, header, rows = cc.read_sheet(path)
            rub = self.cfg["rubrics"][self.rc.rubrics[kid]]
            crits = rub["criteria"]
            want_header = ["judge_id", "entry_id", "title"] + [c["id"] for c in crits] + ["comment", "recuse"]
            if header != want_header:
                problems.append(f"{path.name}: header {header}, expected {want_header} (the round's rubric)")
                continue
            step = ref.dec(rub.get("step", 0.5))
            out_rows = []
            for row in rows:
                cells = dict(zip(header, row))
                judge, entry = cells["judge_id"], cells["entry_id"]
                if judge != judge_of_name:
                    problems.append(f"{path.name}: row of judge {judge}")
                recuse = allow_recuse and (judge, entry) not in self.filler.intended and \
                    self.rng.random() < self.filler.p_recuse
                vals = [None] * len(crits)
                if recuse:
                    cells["recuse"] = self.rng.choice(["yes", "是", "回避"])
                else:
                    vals = self.filler.decide(judge, entry, crits, step, new_only) or [None] * len(crits)
                    for c, v in zip(crits, vals):
                        text = "" if v is None else cc.fmt(v)
                        if text and self.rng.random() < self.filler.p_fullwidth:
                            text = text.translate(cc.FULLWIDTH)
                        cells[c["id"]] = text
                truth.take(judge, entry, list(vals), recuse, absent_at_import)
                out_rows.append([cells.get(h, "") for h in header])
            with open(out_dir / path.name, "w", encoding="utf-8-sig", newline="") as f:
                f.writelines(comments)
                csv.writer(f).writerows([header] + out_rows)


# ---------------------------------------------------------------------------- one case


def load_sample(config: Path) -> tuple:
    """A bundled competition (config, entries.csv and judges.csv next to it) as the driver's
    config, entry rows and judge rows."""
    cfg = json.loads(config.read_text(encoding="utf-8-sig"))
    with open(config.parent / "entries.csv", encoding="utf-8-sig", newline="") as f:
        entries = [{h: row.get(h) or ("active" if h == "status" else "") for h in E_HEADER}
                   for row in csv.DictReader(f)]
    with open(config.parent / "judges.csv", encoding="utf-8-sig", newline="") as f:
        judges = [{h: row.get(h) or ("yes" if h == "active" else "") for h in J_HEADER}
                  for row in csv.DictReader(f)]
    return cfg, entries, judges


class Case:
    def __init__(self, jury: str, rng: random.Random, work: Path, sections: set, n_rounds: int,
                 sample: Path | None = None):
        self.jury = jury
        self.rng = rng
        self.work = work
        self.sections = sections
        if sample:
            self.cfg, self.entries, self.judges = load_sample(sample)
        else:
            self.cfg = gen_config(rng, n_rounds, sections)
        self.multi = "rounds" in self.cfg
        self.rounds = rr.round_configs(self.cfg)
        if not sample:
            self.entries, self.judges = gen_people(rng, self.cfg)
        self.db = work / "jury.db"
        self.seed = rng.randint(0, 1000)
        self.truth = {rc.id: Truth() for rc in self.rounds}
        self.absent = {rc.id: set() for rc in self.rounds}
        self.assignments = {rc.id: [] for rc in self.rounds}
        self.entrants: dict = {}  # round id → frozen list (the engine's)
        self.current = 0
        self.problems: list = []
        self.skip = None  # why the case stopped early without a disagreement
        self.last_schedule: list = []  # rows of the last exported schedule of the current round

    # -- the CLI

    def cli(self, *args, ok=(0,)):
        return cc.run(self.jury, self.db, *args, ok=ok)

    def expect(self, code: int, *args, why: str):
        p = self.cli(*args, ok=range(0, 256))
        if p.returncode != code:
            self.problems.append(f"jury {' '.join(map(str, args))}: exit {p.returncode}, SPEC says {code} ({why})"
                                 + (f"\n{p.stderr[-500:]}" if p.stderr else ""))
        return p

    def round_args(self, rc: rr.RoundCfg) -> list:
        return ["--round", rc.id] if self.multi else []

    def results(self, rc: rr.RoundCfg | None = None) -> dict:
        args = ["results", "--json"] + (self.round_args(rc) if rc else [])
        return json.loads(self.cli(*args).stdout)

    # -- the reference's input

    def staged(self, upto: int) -> rr.Staged:
        rounds = {}
        for rc in self.rounds[: upto + 1]:
            rounds[rc.id] = rr.RoundData(self.truth[rc.id].rows(), set(self.absent[rc.id]),
                                         list(self.assignments[rc.id]), self.entrants.get(rc.id))
        st = rr.Staged(self.cfg, [as_entry(e) for e in self.entries], rounds, self.rounds[upto].id)
        (self.work / f"staged-{self.rounds[upto].id}.json").write_text(
            json.dumps(rr.to_json(st), ensure_ascii=False, indent=1), encoding="utf-8")
        return st

    def compare(self, view: rr.RoundCfg | None = None) -> None:
        """results --json [--round view] against the reference."""
        st = self.staged(self.current)
        cpp = self.results(view)
        for p in compare_docs(cpp, st, view.id if view else None, self.sections):
            self.problems.append(f"[results{' --round ' + view.id if view else ''}] {p}")
        if self.multi:
            record_coverage(*rr.compute(st, view.id if view else None))

    # -- the workflow

    def run(self) -> list:
        (self.work / "competition.json").write_text(json.dumps(self.cfg, ensure_ascii=False, indent=1), "utf-8")
        cc.write_csv(self.work / "entries.csv", self.entries, E_HEADER)
        self.write_judges()
        self.cli("init", self.work / "competition.json")
        self.cli("import", "entries", self.work / "entries.csv")
        self.cli("import", "judges", self.work / "judges.csv")
        for i, rc in enumerate(self.rounds):
            self.current = i
            if not self.judge_round(rc):
                return self.problems
            self.compare(rc)
            if i + 1 < len(self.rounds):
                self.advance(rc)
        self.finish()
        return self.problems

    def write_judges(self) -> None:
        header = J_HEADER if self.multi else J_HEADER[:-1]
        cc.write_csv(self.work / "judges.csv", self.judges, header)

    def judge_round(self, rc: rr.RoundCfg) -> bool:
        """assign, schedule, absences, sheets, scores for one round; False when assign is infeasible."""
        d = self.work / rc.id
        if self.assign(rc) == 4:
            self.skip = f"assign infeasible in round {rc.id}"
            note("case stopped: assign infeasible")
            return False
        scheduled = self.schedule(rc) if rc.interviews else False
        fill = Fill(self.rng, self.cfg, rc, self.multi)
        judges = {j["judge_id"] for j in self.judges}
        if self.multi and self.rng.random() < 0.5:
            self.mark_absent_before_sheets(rc, scheduled)
        self.cli("export", "sheets", d / "sheets1")
        if scheduled:
            self.check_sheet_order(rc, d / "sheets1")
        if self.multi and self.rng.random() < 0.3:
            # absent after the sheets went out: their rows in the returned sheets are skipped
            self.mark_absent(rc, self.pick_entrants(rc, 1))
            note("absent between export and import")
        fill.fill(d / "sheets1", d / "filled1", judges, self.truth[rc.id], set(self.absent[rc.id]), True,
                  self.problems)
        self.import_sheets(d / "filled1")
        if self.truth[rc.id].recused or self.rng.random() < 0.3:
            if self.assign(rc) == 4:
                note("re-assign infeasible after recusals")
            if scheduled:
                self.check_schedule(rc, incremental=True)
            self.cli("export", "sheets", d / "sheets2")
            fill.fill(d / "sheets2", d / "filled2", judges, self.truth[rc.id], set(self.absent[rc.id]), False,
                      self.problems, new_only=True)
            self.import_sheets(d / "filled2")
        if self.multi and self.rng.random() < 0.35:
            self.mark_absent(rc, self.pick_entrants(rc, 1, scored=True))
            note("absent after scoring")
        if scheduled and self.truth[rc.id].has_complete_row():
            self.expect(3, "schedule", "--seed", self.seed, why="§13: schedule refuses once an interview has a score")
        self.export_assignments(rc)
        return True

    def assign(self, rc: rr.RoundCfg) -> int:
        """`assign` in the current round: 4 when infeasible. Exit 3 (SPEC §10: nothing to assign
        yet) only where the round has no active entrant that is not absent, or no active judge
        (what was exit 4 before, so it counts as infeasible)."""
        p = self.cli("assign", "--seed", self.seed, ok=(0, 3, 4))
        if p.returncode != 3:
            return p.returncode
        if "judges to assign" in p.stderr:
            return 4
        if self.counted_entrants(rc):
            self.problems.append(f"assign in round {rc.id}: exit 3 while entrants wait for judges"
                                 f"\n{p.stderr[-300:]}")
        else:
            note("assign: no entrant to assign")
        return 3

    def counted_entrants(self, rc: rr.RoundCfg) -> list:
        """The round's active entrants that are not absent, by the reference."""
        _doc, state = rr.compute(self.staged(self.current))
        return sorted({e.id for (i, _k), es in state.entrants.items() if i == rc.index for e in es
                       if e.status == "active" and e.id not in self.absent[rc.id]})

    def import_sheets(self, folder: Path) -> None:
        """`import scores DIR`; a round nobody takes part in has no sheet, and an empty folder is
        an error of §6 (there is nothing to import), so it is not imported."""
        if any(folder.glob("*.csv")):
            self.cli("import", "scores", folder)
        else:
            note("round without sheets")

    def export_assignments(self, rc: rr.RoundCfg) -> list:
        path = self.work / rc.id / f"assignments-{len(list((self.work / rc.id).glob('assignments-*')))}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.cli("export", "assignments", *self.round_args(rc), path)
        self.assignments[rc.id] = cs.read_pairs(path.read_text(encoding="utf-8-sig"))
        return self.assignments[rc.id]

    def pick_entrants(self, rc: rr.RoundCfg, n: int, scored: bool = False) -> list:
        """Active, not yet absent entrants of the round (scored: with a stored row)."""
        pool = self.counted_entrants(rc)
        if scored:
            pool = [e for e in pool if any(k[1] == e for k in self.truth[rc.id].stored)]
        return self.rng.sample(pool, min(n, len(pool)))

    def mark_absent(self, rc: rr.RoundCfg, ids: list) -> None:
        if ids:
            self.cli("absent", *ids)
            self.absent[rc.id].update(ids)
            note("absent entrants", len(ids))

    def mark_absent_before_sheets(self, rc: rr.RoundCfg, scheduled: bool) -> None:
        """absent before any score: their assignments go; undoing one needs `assign` again."""
        ids = self.pick_entrants(rc, self.rng.randint(1, 2))
        self.mark_absent(rc, ids)
        kept = sorted(pair for pair in self.export_assignments(rc) if pair[1] in ids)
        if kept:
            self.problems.append(f"absent {ids} before any score: assignments {kept[:4]} kept (§12: they go)")
        if scheduled:
            self.check_schedule(rc, incremental=True)  # the absent entrants' interviews go
        if ids and self.rng.random() < 0.4:
            back = ids[0]
            self.cli("absent", "--undo", back)
            self.absent[rc.id].discard(back)
            note("absent undone")
            if self.assign(rc) == 4:
                note("re-assign infeasible after absent --undo")
            if scheduled:
                self.check_schedule(rc, incremental=True)  # back: new pairs in the earliest free slots

    # -- §13

    def schedule(self, rc: rr.RoundCfg) -> bool:
        pairs = self.export_assignments(rc)
        delta, room = cs.max_degree(pairs), cs.capacity(rc.interviews)
        if "13" not in self.sections:
            return False
        if delta > room:
            p = self.expect(4, "schedule", "--seed", self.seed, why=f"§13: Δ = {delta} > {room} slots")
            over = sorted({j for j, _ in pairs if sum(1 for x, _ in pairs if x == j) > room}
                          | {e for _, e in pairs if sum(1 for _, y in pairs if y == e) > room})
            missing = [x for x in over if x not in p.stderr]
            if p.returncode == 4 and missing:
                self.problems.append(f"schedule exit 4 does not name {missing[:5]}")
            note("schedule infeasible (exit 4)")
            return False
        self.cli("schedule", "--seed", self.seed)
        first = self.check_schedule(rc)
        self.cli("schedule", "--seed", self.seed)
        if self.export_schedule(rc, "again") != first:
            self.problems.append(f"schedule --seed {self.seed} twice: different timetables")
        note("schedules checked")
        if self.rng.random() < 0.5:
            self.judge_falls_ill(rc)
        return True

    def export_schedule(self, rc: rr.RoundCfg, tag: str) -> str:
        path = self.work / rc.id / f"schedule-{tag}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.cli("export", "schedule", path)
        return path.read_text(encoding="utf-8-sig")

    def check_schedule(self, rc: rr.RoundCfg, incremental: bool = False) -> str:
        pairs = self.export_assignments(rc)
        text = self.export_schedule(rc, f"{len(list((self.work / rc.id).glob('schedule-*')))}")
        header, rows = cs.read_rows(text)
        judges = {j["judge_id"]: j["name"] for j in self.judges}
        entries = {e["entry_id"]: (e["title"], e["school"]) for e in self.entries}
        previous = self.last_schedule if incremental else None
        for p in cs.check_schedule(rc.interviews, pairs, header, rows, judges, entries, previous):
            self.problems.append(f"[schedule {rc.id}] {p}")
        self.last_schedule = rows
        return text

    def judge_falls_ill(self, rc: rr.RoundCfg) -> None:
        """§13: `assign` after `schedule` keeps the unchanged pairs' slots, new pairs go to the
        earliest slot free for both."""
        busy = sorted({j for j, _ in self.assignments[rc.id]})
        if not busy:
            return
        ill = self.rng.choice(busy)
        next(j for j in self.judges if j["judge_id"] == ill)["active"] = "no"
        self.write_judges()
        self.cli("import", "judges", self.work / "judges.csv")
        if self.assign(rc) == 4:
            note("assign infeasible after a judge fell ill")
            return
        self.check_schedule(rc, incremental=True)
        note("schedule after a judge fell ill")

    def check_sheet_order(self, rc: rr.RoundCfg, sheet_dir: Path) -> None:
        """§13: sheets of a scheduled round list a judge's entries in slot order."""
        slot = {(r["judge_id"], r["entry_id"]): int(r["slot"]) for r in self.last_schedule}
        for path in sorted(sheet_dir.glob("*.csv")):
            _c, header, rows = cc.read_sheet(path)
            order = [slot.get((r[0], r[1]), 0) for r in rows]
            if order != sorted(order):
                self.problems.append(f"{path.name}: rows not in slot order {order}")

    # -- §12 advance

    def advance(self, rc: rr.RoundCfg) -> None:
        st = self.staged(self.current)
        _doc, state = rr.compute(st)
        nxt = self.rounds[rc.index + 1]
        if self.rng.random() < 0.3:
            self.expect(3, "award", why="§12: award needs the last round to be current")
        incomplete = sorted(r.entry.id for (i, kid), kr in state.kr.items() if i == rc.index and kid in nxt.kinds
                            for r in kr.results.values()
                            if not r.complete and r.entry.id not in self.absent[rc.id])
        if incomplete:
            self.expect(3, "advance", why=f"§12: incomplete entrants going on: {incomplete[:3]}")
            self.cli("advance", "--allow-incomplete")
            note("advance --allow-incomplete")
        else:
            self.cli("advance")
        want = sorted(set().union(*[s for (i, _k), kr in state.kr.items() if i == rc.index
                                    for s in kr.selection.values()]))
        got = self.entrants_of(nxt)
        if got != want:
            self.problems.append(f"entrants of {nxt.id}: engine {got}, reference {want}")
        self.entrants[nxt.id] = got
        self.current = nxt.index
        note(f"advanced ({len(want)} going on)")
        old_sheet = next(iter(sorted((self.work / rc.id / "filled1").glob("*.csv"))), None)
        if old_sheet:
            self.expect(3, "import", "scores", old_sheet, why="§12: earlier rounds are read-only")
        if self.rng.random() < 0.4:
            self.expect(0, "advance", "--reopen", why="§12: reopen while the new round has no scores")
            self.current = rc.index
            self.compare(rc)
            self.cli("advance", *(["--allow-incomplete"] if incomplete else []))
            self.current = nxt.index
            again = self.entrants_of(nxt)
            if again != got:
                self.problems.append(f"advance after --reopen: entrants {again}, before {got}")
            note("advance --reopen then advance")

    def entrants_of(self, rc: rr.RoundCfg) -> list:
        doc = self.results(rc)
        return sorted(r["entry_id"] for r in doc.get("results", [])
                      if any(x.get("round") == rc.id for x in r.get("rounds", [])))

    # -- the end

    def finish(self) -> None:
        last = self.rounds[-1]
        if self.multi:
            self.expect(3, "advance", why="§12: advance refuses at the last round")
            for rc in self.rounds[:-1]:
                self.compare(rc)
        self.compare()
        st = self.staged(self.current)
        _doc, state = rr.compute(st)
        blocked = self.award_blocked(state, last)
        p = self.cli("award", ok=(0, 3))
        if p.returncode != (3 if blocked else 0):
            self.problems.append(f"award: exit {p.returncode}, expected {3 if blocked else 0} ({blocked or 'complete'})")
        if p.returncode == 3:
            self.cli("award", "--allow-incomplete")
        preview = self.results()
        self.cli("export", "roster", self.work / "roster.json")
        roster = json.loads((self.work / "roster.json").read_text(encoding="utf-8-sig"))
        if roster != preview:
            self.problems.append("award: the JSON roster differs from `jury results --json`")
        if self.multi:
            self.check_public(preview)
            if self.truth[last.id].has_complete_row():
                self.expect(3, "advance", "--reopen", why="§12: reopen refuses once the current round has scores")

    def award_blocked(self, state: rr.State, last: rr.RoundCfg) -> str:
        """§8 per §12: an incomplete entrant (active, not absent) in its kind's last round, or an
        assignment of the last round owing a complete score."""
        for kind in self.cfg["kinds"]:
            own = rr.kind_rounds(self.rounds, kind["id"])[-1]
            kr = state.kr[(own.index, kind["id"])]
            for r in kr.results.values():
                if not r.complete and r.entry.id not in self.absent[own.id]:
                    return f"{r.entry.id} incomplete in {own.id}"
        active = {e["entry_id"] for e in self.entries if e["status"] == "active"} - self.absent[last.id]
        for j, e in self.assignments[last.id]:
            vals = self.truth[last.id].stored.get((j, e))
            if e in active and (vals is None or any(v is None for v in vals)):
                return f"{j} owes {e}"
        return ""

    def check_public(self, preview: dict) -> None:
        """§9/§12 --public: only entries holding a tier or recommended, and no scores."""
        path = self.work / "public.json"
        self.cli("export", "roster", path, "--public")
        pub = json.loads(path.read_text(encoding="utf-8-sig"))
        want = sorted(r["entry_id"] for r in preview["results"] if r.get("tier") or r.get("recommended"))
        got = sorted(r.get("entry_id") for r in pub.get("results", []))
        if got != want:
            self.problems.append(f"--public roster lists {got}, expected the awarded or recommended {want}")
        leaked = sorted({k for r in pub.get("results", []) for k in r if k in ("score", "scores", "flags")})
        if leaked:
            self.problems.append(f"--public roster shows {leaked}")


# ---------------------------------------------------------------------------- comparing documents


def engine_item(row: dict, rid: str, multi: bool) -> dict | None:
    if not multi:
        return row
    return next((x for x in row.get("rounds", []) if x.get("round") == rid), None)


def fragile_overrides(cpp: dict, state: rr.State, multi: bool) -> dict:
    """Where the reference found a value fragile, take the engine's choice if it is acceptable."""
    rows = {r["entry_id"]: r for r in cpp.get("results", [])}
    out: dict = {}
    for (rid, eid), alts in state.alternatives.items():
        item = engine_item(rows.get(eid, {}), rid, multi)
        if not item:
            continue
        ov = {}
        if "score" in alts and item.get("score") in alts["score"]:
            ov["score"] = item["score"]
            note("fragile score")
        for flag in ("disagreement", "close"):
            if flag in alts:
                ov[flag] = flag in item.get("flags", [])
                note(f"fragile {flag}")
        if ov:
            out.setdefault(rid, {})[eid] = ov
    return out


def strip_close(doc: dict) -> None:
    for r in doc.get("results", []):
        r["flags"] = [f for f in r.get("flags", []) if f != "close"]
        for x in r.get("rounds", []):
            x["flags"] = [f for f in x.get("flags", []) if f != "close"]


def compare_docs(cpp: dict, st: rr.Staged, view: str | None, sections: set) -> list:
    multi = rr.staged(st.config)
    doc, state = rr.compute(st, view)
    overrides = fragile_overrides(cpp, state, multi)
    if overrides:
        doc, state = rr.compute(st, view, overrides=overrides)
    if "14" not in sections:
        cpp = json.loads(json.dumps(cpp))
        strip_close(cpp)
        strip_close(doc)
    problems = []
    for k in ("competition", "method"):
        if cpp.get(k) != doc[k]:
            problems.append(f"{k}: engine {cpp.get(k)!r} reference {doc[k]!r}")
    problems += compare_pools(cpp.get("pools", []), doc["pools"])
    order_e = [r.get("entry_id") for r in cpp.get("results", [])]
    order_r = [r["entry_id"] for r in doc["results"]]
    if order_e != order_r:
        problems.append(f"row order:\n  engine    {order_e}\n  reference {order_r}")
    by_id = {r.get("entry_id"): r for r in cpp.get("results", [])}
    for want in doc["results"]:
        got = by_id.get(want["entry_id"])
        if got is None:
            problems.append(f"{want['entry_id']}: missing from the engine's results")
            continue
        diffs = row_diffs(got, want)
        if diffs:
            problems.append(f"{want['entry_id']}: " + ", ".join(f"{k}: engine {a!r} reference {b!r}"
                                                               for k, (a, b) in diffs.items()))
    return problems


def row_diffs(got: dict, want: dict) -> dict:
    norm = dict(want)
    if norm["group"] == "":
        norm["group"] = None
    diffs = {k: (got.get(k), v) for k, v in norm.items() if k not in ("flags", "rounds") and got.get(k) != v}
    if sorted(got.get("flags", [])) != sorted(norm["flags"]):
        diffs["flags"] = (got.get("flags"), norm["flags"])
    if "rounds" in norm:
        items_e = [dict(x, flags=sorted(x.get("flags", []))) for x in got.get("rounds", [])]
        items_r = [dict(x, flags=sorted(x["flags"])) for x in norm["rounds"]]
        if items_e != items_r:
            diffs["rounds"] = (items_e, items_r)
    if set(got) != set(norm):
        diffs["keys"] = (sorted(set(got) - set(norm)), sorted(set(norm) - set(got)))
    return diffs


def compare_pools(got: list, want: list) -> list:
    if got == want:
        return []
    problems = []
    if len(got) != len(want):
        problems.append(f"pools: engine has {len(got)}, reference {len(want)}")
    for g, w in zip(got, want):
        if g != w:
            keys = sorted(k for k in set(g) | set(w) if g.get(k) != w.get(k))
            problems.append(f"pool {w['kind']}/{w['group']}/{w['subject']}: "
                            + ", ".join(f"{k}: engine {g.get(k)!r} reference {w.get(k)!r}" for k in keys))
    return problems


# ---------------------------------------------------------------------------- the other modes


def against_reference_results(jury: str, seed: int, work: Path) -> list:
    """An existing crosscheck case through the CLI: reference_rounds on the one-round database
    gives exactly reference_results' document and fragile values, for every method."""
    rng = random.Random(seed)
    built = cc.build_case(jury, rng, work)
    comp = ref.load_db(str(built["db"]))
    problems = []
    for method in ref.METHODS:
        want, res = ref.compute(comp, method)
        got, state = rr.compute(rr.from_competition(comp), method=method)
        if got != want:
            problems.append(f"{method}: reference_rounds differs from reference_results")
        if {e: v for (_r, e), v in state.alternatives.items()} != {e: r.alternatives for e, r in res.items()
                                                                  if r.alternatives}:
            problems.append(f"{method}: fragile values differ")
    return problems


def self_test(seed: int, sections: set) -> list:
    """No CLI: a random staged competition with simulated assignments and sheets, every round's
    view computed by the reference and checked against §12 invariants."""
    rng = random.Random(seed)
    n_rounds = rng.choice([2, 2, 3])
    cfg = gen_config(rng, n_rounds, sections)
    entries, judges = gen_people(rng, cfg)
    rounds = rr.round_configs(cfg)
    st = rr.Staged(cfg, [as_entry(e) for e in entries], {}, rounds[0].id)
    problems = []
    for rc in rounds:
        st.rounds[rc.id] = rr.RoundData()
        st.current = rc.id
        _doc, state = rr.compute(st)
        data = st.rounds[rc.id]
        fill = Fill(rng, cfg, rc, True)
        truth = Truth()
        for kid in rc.kinds:
            rub = cfg["rubrics"][rc.rubrics[kid]]
            for e in state.entrants[(rc.index, kid)]:
                if rng.random() < 0.1:
                    data.absent.add(e.id)
                k = min(k_of(cfg, next(r for r in cfg["rounds"] if r["id"] == rc.id), kid), len(judges))
                for j in rng.sample(judges, k):
                    vals = fill.filler.decide(j["judge_id"], e.id, rub["criteria"], ref.dec(rub.get("step", 0.5)),
                                              False)
                    truth.take(j["judge_id"], e.id, list(vals), False, set())
                    data.assignments.append((j["judge_id"], e.id))
        data.scores = truth.rows()
        again = rr.from_json(json.loads(json.dumps(rr.to_json(st))))
        for view in rounds[: rc.index + 1]:
            doc, state = rr.compute(st, view.id)
            if rr.compute(again, view.id)[0] != doc:
                problems.append(f"{view.id}: the JSON input round trip changes the document")
            problems += [f"[{rc.id} view {view.id}] {p}" for p in invariants(doc, state)]
            record_coverage(doc, state)
            note("self-test views")
    return problems


def record_coverage(doc: dict, state: rr.State) -> None:
    """Count what a document exercised (printed with --verbose), so that a green run means something."""
    note("rows", len(doc["results"]))
    for r in doc["results"]:
        for x in r.get("rounds", [r]):
            for f in x["flags"]:
                note(f"flag {f}")
        if "recommend-tie" in r["flags"]:
            note("flag recommend-tie")
        if r.get("recommended"):
            note("recommended")
    for (i, kid), kr in state.kr.items():
        aw = rr.awards_of(state.cfg, kid)
        for key, going in kr.selection.items():
            q = kr.next_quota[key]
            if len(going) != q and len(going) < len(kr.ranked[key]):
                note(f"advance off quota (ties {aw.get('ties', 'share')} or min_score)")
        if state.rounds[i].trivial_weights is False:
            note("combined scores", sum(1 for r in kr.results.values() if r.complete))
    if state.tiers_decided:
        for eid, tier in state.tier_of.items():
            kid = next(r["kind"] for r in doc["results"] if r["entry_id"] == eid)
            t = next(t for t in rr.awards_of(state.cfg, kid)["tiers"] if t["id"] == tier)
            idx = rr.tier_round_index(state.rounds, kid, t)
            note("tiers decided by an earlier round" if idx < len(rr.kind_rounds(state.rounds, kid)) - 1
                 else "tiers decided by the kind's last round")
        absent = {e for i in state.absent for e in state.absent[i]}
        for r in doc["results"]:
            if r["entry_id"] in absent:
                policy = rr.awards_of(state.cfg, r["kind"]).get("absent", "forfeit")
                note(f"absent entrants ({policy}) " + ("holding a tier" if r["tier"] else "without tier"))


def invariants(doc: dict, state: rr.State) -> list:
    """§12 properties any correct document has (a second look at the reference's own output)."""
    problems = []
    rows = {r["entry_id"]: r for r in doc["results"]}
    ids = [rc.id for rc in state.rounds]
    for r in doc["results"]:
        items = r["rounds"]
        if [x["round"] for x in items] != ids[: len(items)]:
            problems.append(f"{r['entry_id']}: rounds {[x['round'] for x in items]} not a prefix")
        for a, b in zip(items, items[1:]):
            if a["rank"] is None or "advance" not in a["flags"]:
                problems.append(f"{r['entry_id']}: entered {b['round']} without being ranked and flagged in "
                                f"{a['round']}")
        if r["round"] != items[-1]["round"] or r["score"] != items[-1]["score"] or r["rank"] != items[-1]["rank"]:
            problems.append(f"{r['entry_id']}: top level is not its last round")
    for (i, kid), kr in state.kr.items():
        aw = rr.awards_of(state.cfg, kid)
        for key, ranked in kr.ranked.items():
            going = kr.selection.get(key)
            if going is None:
                continue
            q = kr.next_quota[key]
            spec = state.rounds[i + 1].advance[kid]
            if aw.get("ties", "share") == "exclude" and len(going) > max(0, q):
                problems.append(f"{kid}/{key} round {i}: {len(going)} go on over quota {q} with exclude")
            eligible = [x for x in ranked if ref.meets_min_score(x.score, spec)]
            if len(going) < min(max(0, q), len(eligible)) and aw.get("ties", "share") == "share":
                problems.append(f"{kid}/{key} round {i}: {len(going)} go on under quota {q} with share")
            # nobody skipped: an eligible entry ranked strictly above one going on goes on too
            worst = max((x.rank for x in ranked if x.entry.id in going), default=0)
            skipped = [x.entry.id for x in eligible if x.rank < worst and x.entry.id not in going]
            if skipped:
                problems.append(f"{kid}/{key} round {i}: {skipped} skipped by the advance")
    if state.tiers_decided:
        for eid, tier in state.tier_of.items():
            kid = rows[eid]["kind"]
            aw = rr.awards_of(state.cfg, kid)
            t = next(t for t in aw["tiers"] if t["id"] == tier)
            idx = rr.tier_round_index(state.rounds, kid, t)
            item = next((x for x in rows[eid]["rounds"] if x["round"] == ids[idx]), None)
            if item is None or item["rank"] is None:
                problems.append(f"{eid}: tier {tier} but not ranked in {ids[idx]}")
            if aw.get("absent", "forfeit") == "forfeit" and any("absent" in x["flags"] for x in rows[eid]["rounds"]):
                problems.append(f"{eid}: tier {tier} although absent under forfeit")
        for eid in state.recommended:
            kid = rows[eid]["kind"]
            if state.tier_of.get(eid) not in rr.awards_of(state.cfg, kid)["recommend"]["tiers"]:
                problems.append(f"{eid}: recommended without a recommendable tier")
        for p in doc["pools"]:
            q = p.get("recommend_quota")
            members = [r for r in doc["results"] if r["kind"] == p["kind"]
                       and (p["group"] is None or r["group"] == p["group"])
                       and (p["subject"] is None or r["subject"] == p["subject"])]
            if q is not None and sum(r["recommended"] for r in members) > q:
                problems.append(f"pool {p['kind']}/{p['group']}/{p['subject']}: more recommended than {q}")
    return problems


# ---------------------------------------------------------------------------- main


def run_one(args, seed: int, work: Path) -> tuple:
    """(problems, skip reason) of one case."""
    sections = set(args.sections.split(","))
    if args.self_test:
        return self_test(seed, sections), None
    if args.against_reference_results:
        return against_reference_results(args.jury, seed, work), None
    rng = random.Random(seed)
    n_rounds = args.rounds or rng.choice([2, 2, 3])
    case = Case(args.jury, rng, work, sections, n_rounds, Path(args.sample) if args.sample else None)
    try:
        problems = case.run()
    except cc.CliError as err:
        problems = case.problems + [f"workflow failed: {err}"]
    return problems, case.skip


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jury", help="the jury executable")
    ap.add_argument("--cases", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1, help="first case seed")
    ap.add_argument("--sections", default="12,13,14", help="SPEC sections to exercise (12 always)")
    ap.add_argument("--rounds", type=int, choices=(1, 2, 3), help="rounds per competition (default 2 or 3; "
                    "1 = configs without `rounds`)")
    ap.add_argument("--keep", help="keep the case directories of failing cases here")
    ap.add_argument("--sample", help="a bundled competition's config (entries.csv and judges.csv next "
                    "to it) instead of generated ones; each case fills its sheets differently")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--self-test", action="store_true", help="no CLI: the reference on random inputs")
    ap.add_argument("--against-reference-results", action="store_true",
                    help="crosscheck.py's cases: reference_rounds equals reference_results")
    args = ap.parse_args(argv)
    if not args.self_test and not args.jury:
        ap.error("--jury is required unless --self-test")
    failed, skipped = [], []
    for seed in range(args.seed, args.seed + args.cases):
        work = Path(tempfile.mkdtemp(prefix=f"crosscheck-rounds-{seed}-"))
        try:
            problems, skip = run_one(args, seed, work)
            if skip:
                skipped.append(seed)
            if cc.report_case(str(seed), problems, work, args.keep, args.verbose,
                              f" (stopped: {skip})" if skip else ""):
                failed.append(seed)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if args.verbose:
        cc.print_coverage()
    print(f"{args.cases - len(failed)}/{args.cases} cases agree"
          + (f"; failing seeds: {failed}" if failed else "")
          + (f"; {len(skipped)} stopped early (assign infeasible): {skipped}" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
