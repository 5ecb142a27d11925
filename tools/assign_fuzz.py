#!/usr/bin/env python3
"""Drives `jury` on random small competitions and checks every assignment with
check_assignment.py (SPEC §5). Python 3 standard library only.

    tools/assign_fuzz.py --jury build/jury --cases 50 [--seed 1] [--workdir /tmp/fuzz]

Per case: a random config (conflict rules including district, k as an integer or per kind, a
default max_load or none, costs), entries whose school names differ only in full-width letters or
spaces, judges with per-judge max_load, kinds limits, expertise by id or label and declared
conflicts. Then:
  1. assign --seed S; checked (hard rules + optimality), or exit 4 predicted by the independent
     flow with the database dump unchanged;
  2. the same in a fresh database gives byte-identical `export assignments`;
  3. a judge withdrawn (re-import with active=no), then assign: kept pairs kept, optimal;
  4. new entries imported, then assign;
  5. sheets exported, some filled, some rows recused, imported; then assign;
  6. assign --reshuffle: only unscored pairs recomputed.
Exit 0 when every case passes; failing cases keep their directory.
"""

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

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "check_assignment.py")

SCHOOLS = [("荆州中学", "荆州 中学"), ("ABC实验学校", "ＡＢＣ实验学校"), ("沙市三中", "沙市三中\u3000"),
           ("监利一中", " 监利一中"), ("石首二小", "石首 二小")]
DISTRICTS = ["沙市区", "荆州区", "监利市", ""]
SURNAMES = "赵钱孙李周吴郑王冯陈"
GIVEN = "伟芳娜敏静丽强磊洋艳"


class Failure(Exception):
    pass


def name(rnd):
    return rnd.choice(SURNAMES) + rnd.choice(GIVEN)


def make_config(rnd, kinds):
    subjects = [{"id": "PS", "label": "物质科学"}, {"id": "LS", "label": "生命科学"},
                {"id": "CS", "label": "计算机科学"}]
    rubric = {"criteria": [{"id": "a", "label": "创新", "max": 60},
                           {"id": "b", "label": "表述", "max": 40}], "step": 1}
    k_values = {kind: rnd.randint(1, 3) for kind in kinds}
    judging = {
        "judges_per_entry": (k_values if rnd.random() < 0.5 else rnd.randint(1, 3)),
        "conflicts": rnd.sample(["school", "advisor", "district", "declared"], rnd.randint(0, 4)),
        "mismatch_cost": rnd.choice([0, 1, 5, 10]),
        "balance_cost": rnd.choice([0, 1, 1, 2]),
        # The checker proves the §5 optimum; connecting the pools (SPEC §14, on by default with
        # severity) adds exchanges on top of it, checked in tests/judging/assign_connect_test.cpp.
        "connect": False,
    }
    if rnd.random() < 0.3:
        judging["max_load"] = rnd.randint(2, 8)
    return {
        "competition": {"id": "fz", "name": "fuzz", "year": 2021},
        "groups": [{"id": "primary", "label": "小学"}, {"id": "junior", "label": "初中"}],
        "subjects": subjects,
        "kinds": [{"id": kind, "label": label, "rubric": "r", "max_students": 2,
                   "max_advisors": 2} for kind, label in kinds.items()],
        "rubrics": {"r": rubric},
        "judging": judging,
        "awards": {kind: {"tiers": [{"id": "first", "label": "一等奖", "count": 1}]}
                   for kind in kinds},
    }


def entry_rows(rnd, kinds, first, count, taken_names):
    rows = []
    for i in range(first, first + count):
        school = rnd.choice(SCHOOLS)[rnd.randint(0, 1)]
        students = []
        while len(students) < rnd.randint(1, 2):
            n = name(rnd) + str(len(taken_names))
            taken_names.add(n)
            students.append(n)
        advisors = sorted({name(rnd) for _ in range(rnd.randint(0, 2))})
        rows.append({"entry_id": f"E{i:03d}", "kind": rnd.choice(list(kinds)),
                     "group": rnd.choice(["primary", "初中"]),
                     "subject": rnd.choice(["PS", "LS", "CS", "计算机科学"]),
                     "title": f"作品{i}", "school": school, "district": rnd.choice(DISTRICTS),
                     "students": "、".join(students), "advisors": "，".join(advisors),
                     "status": "withdrawn" if rnd.random() < 0.05 else "active"})
    return rows


def judge_rows(rnd, kinds, count, entry_ids, advisors):
    rows = []
    for i in range(count):
        variant = rnd.choice(SCHOOLS)
        conflicts = []
        if rnd.random() < 0.3:
            conflicts.append(rnd.choice(entry_ids))
        if rnd.random() < 0.2:
            conflicts.append(rnd.choice(SCHOOLS)[rnd.randint(0, 1)].strip())
        rows.append({
            "judge_id": f"J{i:02d}",
            "name": rnd.choice(advisors) if advisors and rnd.random() < 0.15 else name(rnd) + "师",
            "affiliation": variant[rnd.randint(0, 1)] if rnd.random() < 0.6 else "某研究所",
            "district": rnd.choice(DISTRICTS),
            "expertise": "、".join(rnd.sample(["PS", "LS", "CS", "物质科学", "生命科学"],
                                             rnd.randint(0, 2))),
            "kinds": (rnd.choice(list(kinds) + list(kinds.values()))
                      if len(kinds) > 1 and rnd.random() < 0.3 else ""),
            "max_load": str(rnd.randint(1, 6)) if rnd.random() < 0.3 else "",
            "conflicts": ";".join(conflicts),
            "active": "yes"})
    return rows


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)


class Case:
    def __init__(self, jury, workdir, seed):
        self.jury_path, self.dir, self.seed = jury, workdir, seed
        self.rnd = random.Random(seed)
        # A failed case's folder is kept for inspection; the next run starts it afresh.
        shutil.rmtree(workdir, ignore_errors=True)
        os.makedirs(workdir)
        self.log = []
        self.judge_id_column = "judge_id"

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def jury(self, db, *args):
        result = subprocess.run([self.jury_path, "--db", self.path(db), *args], cwd=self.dir,
                                capture_output=True, text=True)
        self.log.append(f"$ jury --db {db} {' '.join(args)} -> {result.returncode}\n"
                        f"{result.stdout}{result.stderr}")
        return result

    def ok(self, db, *args):
        result = self.jury(db, *args)
        if result.returncode != 0:
            raise Failure(f"jury {' '.join(args)} exited {result.returncode}: {result.stderr}")
        return result

    def dump(self, db):
        return subprocess.run(["sqlite3", self.path(db), ".dump"], capture_output=True,
                              text=True, check=True).stdout

    def checker(self, *args):
        result = subprocess.run([sys.executable, CHECKER, *args], capture_output=True, text=True)
        if result.returncode not in (0, 1):
            raise Failure(f"checker crashed: {result.stderr}")
        return result.returncode == 0, json.loads(result.stdout)

    def assign_and_check(self, db, stage, reshuffle=False, first=False):
        """One `assign` run: checked when it succeeds, compared with the independent prediction
        when it exits 4. Returns whether it succeeded."""
        before = self.path(f"{stage}.before.db")
        self.snapshot(db, before)
        predicted = self.checker("optimum", before, *(["--reshuffle"] if reshuffle else []))[1]
        dump_before = self.dump(db)
        args = ["assign", "--seed", str(self.seed)] + (["--reshuffle"] if reshuffle else [])
        result = self.jury(db, *args)
        if result.returncode == 4:
            if predicted["feasible"]:
                raise Failure(f"{stage}: exit 4 but the independent flow fills every place: "
                              f"{result.stderr}")
            if not result.stderr.strip():
                raise Failure(f"{stage}: exit 4 without an explanation")
            if self.dump(db) != dump_before:
                raise Failure(f"{stage}: exit 4 changed the database")
            self.infeasible_messages.append(result.stderr.strip())
            return False
        if result.returncode != 0:
            raise Failure(f"{stage}: assign exited {result.returncode}: {result.stderr}")
        if not predicted["feasible"]:
            raise Failure(f"{stage}: assign succeeded but the independent flow is infeasible")
        extra = [] if first else ["--before", before]
        good, report = self.checker("check", self.path(db), *extra,
                                    *(["--reshuffle"] if reshuffle else []))
        if not good:
            raise Failure(f"{stage}: {json.dumps(report, ensure_ascii=False)}")
        if report["objective"] != predicted["objective"]:
            raise Failure(f"{stage}: objective {report['objective']} != predicted "
                          f"{predicted['objective']}")
        return True

    def snapshot(self, db, target):
        """A consistent copy (the database runs in WAL mode: copying the file is not enough)."""
        if os.path.exists(target):
            os.remove(target)
        with sqlite3.connect(self.path(db)) as source, sqlite3.connect(target) as copy:
            source.backup(copy)

    def pairs(self, db):
        with sqlite3.connect(self.path(db)) as c:
            return set(c.execute("SELECT judge_id, entry_id FROM assignments"))

    def run(self):
        self.infeasible_messages = []
        entries, judges, kinds = self.generate()
        return self.stages(entries, judges, kinds)

    def run_sample(self, sample):
        """The bundled sample competition through the same stages."""
        self.infeasible_messages = []
        shutil.copyfile(os.path.join(sample, "competition.json"), self.path("competition.json"))
        rows = []
        for file_name, key in (("entries.csv", ("entry_id", "作品编号")),
                               ("judges.csv", ("judge_id", "评委编号"))):
            raw = open(os.path.join(sample, file_name), "rb").read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("gb18030")
            lines = text.splitlines()
            while not any(lines[0].startswith(k) for k in key):  # title lines before the header
                lines.pop(0)
            rows.append(list(csv.DictReader(io.StringIO("\n".join(lines)))))
        for row in rows[1]:
            row["active"] = "yes"
        self.judge_id_column = "judge_id" if "judge_id" in rows[1][0] else "评委编号"
        write_csv(self.path("entries.csv"), rows[0])
        write_csv(self.path("judges.csv"), rows[1])
        with open(self.path("competition.json"), encoding="utf-8") as f:
            kinds = {k["id"]: k["label"] for k in json.load(f)["kinds"]}
        return self.stages(rows[0], rows[1], kinds, new_entries=False)

    def generate(self):
        rnd = self.rnd
        kinds = {"student": "学生作品"} if rnd.random() < 0.5 else {"student": "学生作品",
                                                                     "advisor": "辅导员作品"}
        config = make_config(rnd, kinds)
        with open(self.path("competition.json"), "w", encoding="utf-8") as f:
            json.dump(config, f, ensure_ascii=False)
        taken = set()
        # Every fifth case is medium-sized: more than the flow solver's 40 candidates per entry.
        medium = self.seed % 5 == 0
        entries = entry_rows(rnd, kinds, 0, rnd.randint(60, 150) if medium else rnd.randint(3, 25),
                             taken)
        advisors = [a for row in entries for a in row["advisors"].split("，") if a]
        judges = judge_rows(rnd, kinds, rnd.randint(45, 70) if medium else rnd.randint(2, 16),
                            [e["entry_id"] for e in entries], advisors)
        write_csv(self.path("entries.csv"), entries)
        write_csv(self.path("judges.csv"), judges)
        self.taken = taken
        return entries, judges, kinds

    def stages(self, entries, judges, kinds, new_entries=True):
        rnd = self.rnd
        for db in ("a.db", "b.db"):
            self.ok(db, "init", "competition.json")
            self.ok(db, "import", "entries", "entries.csv")
            self.ok(db, "import", "judges", "judges.csv")
        if not self.assign_and_check("a.db", "first", first=True):
            return "infeasible"
        # Determinism: a fresh database, the same seed, the same bytes.
        self.ok("b.db", "assign", "--seed", str(self.seed))
        self.ok("a.db", "export", "assignments", "a.csv")
        self.ok("b.db", "export", "assignments", "b.csv")
        if open(self.path("a.csv"), "rb").read() != open(self.path("b.csv"), "rb").read():
            raise Failure("same seed, fresh database: different assignments")

        # Withdraw a judge that has pairs.
        busy = sorted({j for j, _ in self.pairs("a.db")})
        gone = rnd.choice(busy)
        for row in judges:
            if row[self.judge_id_column] == gone:
                row["active"] = "no"
        if new_entries and len(busy) > 1:
            # Another busy judge now declares a conflict with one of its entries (that pair
            # must go and be refilled); a third gets a lower max_load (its kept pairs stay).
            other = rnd.choice([j for j in busy if j != gone])
            entry = rnd.choice(sorted(e for j, e in self.pairs("a.db") if j == other))
            for row in judges:
                if row["judge_id"] == other:
                    row["conflicts"] = ";".join(filter(None, [row["conflicts"], entry]))
                elif row["judge_id"] != gone and rnd.random() < 0.2:
                    row["max_load"] = "1"
        write_csv(self.path("judges2.csv"), judges)
        self.ok("a.db", "import", "judges", "judges2.csv")
        if not self.assign_and_check("a.db", "withdraw"):
            return "infeasible after withdrawal"
        if any(j == gone for j, _ in self.pairs("a.db")):
            raise Failure(f"withdrawn judge {gone} still has unscored pairs")

        # New entries, and one old entry withdrawn.
        if new_entries:
            more = entry_rows(rnd, kinds, len(entries), rnd.randint(1, 4), self.taken)
            rnd.choice(entries)["status"] = "withdrawn"
            write_csv(self.path("entries2.csv"), entries + more)
            self.ok("a.db", "import", "entries", "entries2.csv")
            if not self.assign_and_check("a.db", "new-entries"):
                return "infeasible after new entries"

        # Score sheets: fill some, recuse some rows.
        shutil.rmtree(self.path("sheets"), ignore_errors=True)
        self.ok("a.db", "export", "sheets", "sheets")
        recused = self.fill_sheets(rnd)
        self.ok("a.db", "import", "scores", "sheets")
        after_recusal = self.pairs("a.db")
        if recused & after_recusal:
            raise Failure(f"recused pairs still assigned: {sorted(recused & after_recusal)}")
        if not self.assign_and_check("a.db", "recusal"):
            return "infeasible after recusal"
        if recused & self.pairs("a.db"):
            raise Failure("a recused pair was assigned again")

        with sqlite3.connect(self.path("a.db")) as c:
            scored = set(c.execute("SELECT judge_id, entry_id FROM scores"))
        if not self.assign_and_check("a.db", "reshuffle", reshuffle=True):
            return "infeasible at reshuffle"
        if not scored <= self.pairs("a.db"):
            raise Failure("reshuffle dropped a scored pair")
        return "ok"

    def fill_sheets(self, rnd):
        """Fills random rows of the exported sheets in place; returns the recused pairs."""
        recused = set()
        for file_name in sorted(os.listdir(self.path("sheets"))):
            path = self.path("sheets", file_name)
            text = open(path, encoding="utf-8-sig").read()
            lines = text.splitlines()
            comments = [line for line in lines if line.startswith("#")]
            rows = list(csv.reader(io.StringIO("\n".join(l for l in lines
                                                         if not l.startswith("#")))))
            header, body = rows[0], rows[1:]
            for row in body:
                roll = rnd.random()
                if roll < 0.4:
                    # Criteria sit between `title` and `comment`; every rubric here allows 0..10.
                    for column in range(header.index("title") + 1, header.index("comment")):
                        row[column] = str(rnd.randint(0, 10))
                elif roll < 0.55:
                    row[header.index("recuse")] = rnd.choice(["yes", "是", "回避"])
                    recused.add((row[0], row[1]))
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows([header] + body)
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(comments) + "\n" + out.getvalue())
        return recused


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jury", required=True)
    parser.add_argument("--cases", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", default="/tmp/jury-assign-fuzz")
    parser.add_argument("--sample", action="append", default=[],
                        help="also run the stages on this sample competition folder")
    parser.add_argument("--show-infeasible", action="store_true",
                        help="print the explanation of every exit 4")
    args = parser.parse_args()
    jury = os.path.abspath(args.jury)
    outcomes, failures = {}, 0
    runs = [(n, None) for n in range(args.seed, args.seed + args.cases)]
    runs += [(args.seed, os.path.abspath(sample)) for sample in args.sample]
    for n, sample in runs:
        label = os.path.basename(sample) if sample else f"case{n}"
        case = Case(jury, os.path.join(args.workdir, label), n)
        try:
            outcome = case.run_sample(sample) if sample else case.run()
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            if args.show_infeasible:
                for message in case.infeasible_messages:
                    print(f"{label}: {message}", file=sys.stderr)
            shutil.rmtree(case.dir)
        except Failure as failure:
            failures += 1
            with open(case.path("log.txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(case.log))
            print(f"{label} FAILED: {failure}\n  (kept in {case.dir})", file=sys.stderr)
    print(json.dumps({"cases": args.cases, "failures": failures, "outcomes": outcomes},
                     ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
