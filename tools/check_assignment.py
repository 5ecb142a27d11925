#!/usr/bin/env python3
"""Independent checker of a jury judge assignment (SPEC §5), Python 3 standard library only.

It reads a competition database and re-derives everything from the SPEC, sharing no code with
the engine:

  check DB [--before BEFORE_DB] [--reshuffle]
      Verifies every hard rule of §5 on the stored assignment and that its objective equals an
      independently computed optimum. The optimum is taken over the pairs the run could add,
      given the pairs it had to keep:
        * without --before: kept = the pairs with scores (a fresh run has none; a --reshuffle run
          keeps exactly these);
        * with --before (a copy of the database taken just before `jury assign`): kept = every
          pair of BEFORE_DB that still meets the hard rules or has scores (plain `assign`), or
          only those with scores (--reshuffle). The kept pairs must all still be there.
  optimum DB [--reshuffle]
      Predicts what `jury assign` on DB would reach: feasible or not, and the optimal objective.

Both print one JSON object and exit 0 when everything holds (`optimum`: always 0), 1 otherwise.

The optimum is a min-cost flow written here: source → entry (its open places) → judge (one arc
per eligible pair, cost(j,e)) → sink through unit arcs of cost balance·L for the judge's L-th
entry (L counted from its kept load), solved by successive shortest paths with potentials.
"""

import argparse
import heapq
import json
import sqlite3
import sys
import unicodedata

# Unicode White_Space, plus the BOM (which the engine also treats as space).
_SPACE = set(
    "\u0009\u000a\u000b\u000c\u000d\u0020\u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)
RULES = ("school", "advisor", "district", "declared")


def fold(text):
    """SPEC §5: compare after NFKC folding, trimming and removing inner whitespace."""
    return "".join(c for c in unicodedata.normalize("NFKC", text or "") if c not in _SPACE)


class Competition:
    def __init__(self, path):
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.config = json.loads(
            db.execute("SELECT value FROM meta WHERE key = 'config'").fetchone()[0])
        judging = self.config.get("judging", {})
        self.k_setting = judging.get("judges_per_entry", 3)
        self.max_load = judging.get("max_load")
        self.rules = judging.get("conflicts", ["school", "advisor", "declared"])
        self.mismatch = judging.get("mismatch_cost", 10)
        self.balance = judging.get("balance_cost", 1)
        self.entries = {}
        for (eid, kind, subject, school, district, students, advisors, status) in db.execute(
                "SELECT id, kind, subject, school, district, students, advisors, status "
                "FROM entries"):
            self.entries[eid] = {
                "id": eid, "kind": kind, "subject": subject, "school": school,
                "district": district, "people": json.loads(students) + json.loads(advisors),
                "active": status == "active"}
        self.judges = {}
        for (jid, name, affiliation, district, expertise, kinds, max_load, conflicts,
             active) in db.execute(
                 "SELECT id, name, affiliation, district, expertise, kinds, max_load, conflicts,"
                 " active FROM judges"):
            self.judges[jid] = {
                "id": jid, "name": name, "affiliation": affiliation, "district": district,
                "expertise": set(json.loads(expertise)), "kinds": set(json.loads(kinds)),
                "max_load": max_load, "conflicts": {fold(c) for c in json.loads(conflicts)},
                "active": active == 1}
        self.pairs = set(db.execute("SELECT judge_id, entry_id FROM assignments"))
        self.recusals = set(db.execute("SELECT judge_id, entry_id FROM recusals"))
        self.scored = set(db.execute("SELECT judge_id, entry_id FROM scores"))
        db.close()
        self.default_load = self._default_load()

    def k(self, entry):
        if isinstance(self.k_setting, dict):
            return self.k_setting.get(entry["kind"], 3)
        return self.k_setting

    def _default_load(self):
        if self.max_load is not None:
            return self.max_load
        places = sum(self.k(e) for e in self.entries.values() if e["active"])
        active = sum(1 for j in self.judges.values() if j["active"])
        return 0 if active == 0 else (6 * places + 5 * active - 1) // (5 * active)

    def capacity(self, judge):
        return judge["max_load"] if judge["max_load"] is not None else self.default_load

    def conflict(self, judge, entry):
        """The first active rule that fires, or None."""
        for rule in self.rules:
            if rule == "school":
                fired = fold(entry["school"]) != "" and fold(judge["affiliation"]) == fold(
                    entry["school"])
            elif rule == "advisor":
                fired = fold(judge["name"]) != "" and fold(judge["name"]) in {
                    fold(p) for p in entry["people"]}
            elif rule == "district":
                fired = fold(entry["district"]) != "" and fold(judge["district"]) == fold(
                    entry["district"])
            elif rule == "declared":
                fired = (fold(entry["id"]) in judge["conflicts"]
                         or (fold(entry["school"]) != ""
                             and fold(entry["school"]) in judge["conflicts"]))
            else:
                raise ValueError(f"unknown conflict rule {rule}")
            if fired:
                return rule
        return None

    def why_not(self, jid, eid):
        """Why the pair breaks a hard rule other than capacity and k; None when it does not."""
        judge, entry = self.judges[jid], self.entries[eid]
        if not judge["active"]:
            return "judge not active"
        if not entry["active"]:
            return "entry not active"
        if judge["kinds"] and entry["kind"] not in judge["kinds"]:
            return f"judge may not score kind {entry['kind']}"
        rule = self.conflict(judge, entry)
        if rule:
            return f"conflict ({rule})"
        if (jid, eid) in self.recusals:
            return "recused"
        return None

    def cost(self, jid, eid):
        expertise = self.judges[jid]["expertise"]
        return 0 if not expertise or self.entries[eid]["subject"] in expertise else self.mismatch

    def objective(self, pairs):
        load = {}
        total = 0
        for jid, eid in pairs:
            total += self.cost(jid, eid)
            load[jid] = load.get(jid, 0) + 1
        return total + sum(self.balance * n * (n - 1) // 2 for n in load.values())

    def kept_pairs(self, reshuffle):
        """The pairs a run of `assign` on this state keeps (SPEC §5 incremental rules)."""
        return {p for p in self.pairs
                if p in self.scored or (not reshuffle and self.why_not(*p) is None)}


# ------------------------------------------------------------------ min-cost flow


class MinCostFlow:
    """Successive shortest paths with Dijkstra on reduced costs (all arc costs ≥ 0)."""

    def __init__(self, n):
        self.n = n
        self.adj = [[] for _ in range(n)]  # arc: [to, cap, cost, index of reverse arc]

    def add(self, u, v, cap, cost):
        self.adj[u].append([v, cap, cost, len(self.adj[v])])
        self.adj[v].append([u, 0, -cost, len(self.adj[u]) - 1])

    def run(self, s, t, want):
        n, adj = self.n, self.adj
        h = [0] * n
        flow = cost = 0
        inf = float("inf")
        while flow < want:
            dist = [inf] * n
            dist[s] = 0
            done = [False] * n
            heap = [(0, s)]
            while heap:
                d, u = heapq.heappop(heap)
                if done[u]:
                    continue
                done[u] = True
                if u == t:
                    break
                for v, cap, c, _ in adj[u]:
                    if cap > 0 and not done[v]:
                        nd = d + c + h[u] - h[v]
                        if nd < dist[v]:
                            dist[v] = nd
                            heapq.heappush(heap, (nd, v))
            if not done[t]:
                break
            for v in range(n):  # finalized nodes only: keeps every reduced cost ≥ 0
                if done[v]:
                    h[v] += dist[v] - dist[t]
            # Augment along every path of zero reduced cost (all shortest), one unit at a time.
            while flow < want:
                path = self._admissible_path(s, t, h)
                if path is None:
                    break
                bottleneck = min(adj[u][i][1] for u, i in path)
                bottleneck = min(bottleneck, want - flow)
                for u, i in path:
                    arc = adj[u][i]
                    arc[1] -= bottleneck
                    adj[arc[0]][arc[3]][1] += bottleneck
                    cost += bottleneck * arc[2]
                flow += bottleneck
        return flow, cost

    def _admissible_path(self, s, t, h):
        adj = self.adj
        seen = [False] * self.n
        seen[s] = True
        stack = [(s, 0)]
        path = []
        while stack:
            u, i = stack[-1]
            if u == t:
                return path
            advanced = False
            while i < len(adj[u]):
                v, cap, c, _ = adj[u][i]
                i += 1
                if cap > 0 and not seen[v] and c + h[u] - h[v] == 0:
                    stack[-1] = (u, i)
                    seen[v] = True
                    stack.append((v, 0))
                    path.append((u, i - 1))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                if path:
                    path.pop()
        return None


def optimum(comp, kept):
    """Optimal objective of kept + added, or None when the open places cannot all be filled."""
    base = {}
    taken = {}
    for jid, eid in kept:
        base[jid] = base.get(jid, 0) + 1
        taken.setdefault(eid, set()).add(jid)
    open_entries = []
    for eid in sorted(comp.entries):
        entry = comp.entries[eid]
        if entry["active"]:
            need = comp.k(entry) - len(taken.get(eid, ()))
            if need > 0:
                open_entries.append((eid, need))
    judges = sorted(comp.judges)
    room = {jid: (max(0, comp.capacity(comp.judges[jid]) - base.get(jid, 0))
                  if comp.judges[jid]["active"] else 0) for jid in judges}
    s, t = 0, 1
    entry_node = {eid: 2 + i for i, (eid, _) in enumerate(open_entries)}
    judge_node = {jid: 2 + len(open_entries) + i for i, jid in enumerate(judges)}
    graph = MinCostFlow(2 + len(open_entries) + len(judges))
    total_need = 0
    for eid, need in open_entries:
        graph.add(s, entry_node[eid], need, 0)
        total_need += need
        for jid in judges:
            if room[jid] > 0 and jid not in taken.get(eid, ()) and comp.why_not(jid, eid) is None:
                graph.add(entry_node[eid], judge_node[jid], 1, comp.cost(jid, eid))
    for jid in judges:
        for i in range(room[jid]):
            graph.add(judge_node[jid], t, 1, comp.balance * (base.get(jid, 0) + i))
    flow, added_cost = graph.run(s, t, total_need)
    kept_objective = comp.objective(kept)
    return {"feasible": flow == total_need, "places": total_need, "fillable": flow,
            "objective": kept_objective + added_cost if flow == total_need else None}


# ------------------------------------------------------------------ hard rules


def hard_rule_problems(comp, kept):
    """Every §5 hard rule on the stored pairs. Pairs with scores may outlive the rules that held
    when they were made (a judge withdrawn after scoring): they are only reported as notes."""
    errors, notes = [], []
    load = {}
    per_entry = {}
    for jid, eid in sorted(comp.pairs):
        if jid not in comp.judges or eid not in comp.entries:
            errors.append(f"{jid}/{eid}: unknown judge or entry")
            continue
        load[jid] = load.get(jid, 0) + 1
        per_entry.setdefault(eid, []).append(jid)
        if (jid, eid) in comp.recusals:
            errors.append(f"{jid}/{eid}: the judge recused from this entry")
            continue
        reason = comp.why_not(jid, eid)
        if reason and (jid, eid) in comp.scored:
            notes.append(f"{jid}/{eid}: kept for its scores although {reason}")
        elif reason:
            errors.append(f"{jid}/{eid}: {reason}")
    for eid, entry in sorted(comp.entries.items()):
        got = len(per_entry.get(eid, []))
        if entry["active"] and got != comp.k(entry):
            errors.append(f"{eid}: {got} judges, k = {comp.k(entry)}")
    kept_load = {}
    for jid, _ in kept:
        kept_load[jid] = kept_load.get(jid, 0) + 1
    for jid, n in sorted(load.items()):
        cap = comp.capacity(comp.judges[jid])
        if n > cap:
            target = notes if n == kept_load.get(jid, 0) else errors
            target.append(f"{jid}: load {n} > capacity {cap}")
    return errors, notes


def check(args):
    comp = Competition(args.db)
    errors = []
    if args.before:
        before = Competition(args.before)
        kept = before.kept_pairs(args.reshuffle)
        missing = sorted(kept - comp.pairs)
        errors += [f"{j}/{e}: kept pair was dropped" for j, e in missing]
        basis = "kept pairs of the database before the run"
    else:
        kept = comp.scored & comp.pairs
        basis = "scored pairs"
    hard_errors, notes = hard_rule_problems(comp, kept)
    errors += hard_errors
    best = optimum(comp, kept)
    stored = comp.objective(comp.pairs)
    if not best["feasible"]:
        errors.append(f"independent flow fills only {best['fillable']} of {best['places']} "
                      "places, yet an assignment is stored")
    elif stored != best["objective"]:
        errors.append(f"objective {stored} differs from the optimum {best['objective']}")
    report = {"ok": not errors, "objective": stored, "optimum": best["objective"],
              "kept": len(kept), "kept_basis": basis, "pairs": len(comp.pairs),
              "errors": errors, "notes": notes}
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if not errors else 1


def predict(args):
    comp = Competition(args.db)
    print(json.dumps(optimum(comp, comp.kept_pairs(args.reshuffle)), ensure_ascii=False))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="verify the stored assignment")
    c.add_argument("db")
    c.add_argument("--before", help="copy of the database taken just before `jury assign`")
    c.add_argument("--reshuffle", action="store_true", help="the run was `assign --reshuffle`")
    c.set_defaults(run=check)
    o = sub.add_parser("optimum", help="what `jury assign` on DB should reach")
    o.add_argument("db")
    o.add_argument("--reshuffle", action="store_true")
    o.set_defaults(run=predict)
    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
