#!/usr/bin/env python3
"""Independent reference implementation of SPEC §6–§9 (`jury results --json`).

Written from the SPEC text alone (not from the C++ code) so that the C++ engine can be
cross-checked against it (tools/crosscheck.py).  Python 3 standard library only.

Reads a competition database (SQLite: meta.config, entries, scores) and prints the SPEC §9
document for one aggregation method:

    tools/reference_results.py --db jury.db [--method severity]

Exactness: judge totals, means, medians, trimmed means and the severity fit (a linear
system with rational coefficients) are computed with `fractions.Fraction`; the z-score
method needs square roots and is computed with 50-digit `decimal`.  The published score is
`std::round(x · 10^p) / 10^p` on the double value (SPEC §7), so the exact value is turned
into the nearest double first.  Where the exact value lies so close to a rounding boundary
that the engine's own floating-point evaluation order could legitimately land on either
side, the entry is marked *fragile* and both roundings are listed as acceptable (see
`Result.alternatives`); the cross-checker then re-runs the ranking with the engine's choice.
"""
from __future__ import annotations

import argparse
import json
import math
import sqlite3
import sys
from dataclasses import dataclass, field
from decimal import Decimal, getcontext, ROUND_FLOOR, ROUND_CEILING, ROUND_HALF_UP
from fractions import Fraction

getcontext().prec = 60

METHODS = ("mean", "median", "trimmed-mean", "zscore", "severity")

# An exact value whose x·10^p lies within this distance of k + 1/2 is "fragile": the engine's
# double arithmetic (different but legitimate evaluation order) may round it either way.
FRAGILE_EPS = Fraction(1, 10**6)


def dec(value) -> Fraction:
    """A JSON number or numeric text as an exact fraction (decimal semantics: 0.57 is 57/100)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise ValueError("boolean is not a number")
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(Decimal(str(value)))


# ---------------------------------------------------------------------------- rounding (§7)


def std_round(v: float) -> float:
    """C's round(): half away from zero, on a double."""
    if v != v or math.isinf(v):
        return v
    a = abs(v)
    f = math.floor(a)
    r = f + 1 if a - f >= 0.5 else f
    return float(math.copysign(r, v))


def spec_round(x: float, precision: int) -> float:
    """SPEC §7: std::round(x · 10^precision) / 10^precision on the double value."""
    scale = float(10**precision)
    return std_round(x * scale) / scale


def rounded_candidates(exact: Fraction, precision: int, floating: bool = False) -> list[float]:
    """The published score(s) acceptable for an exact value: first the one from the
    correctly rounded double, then (if fragile) the other side of the rounding boundary.

    floating: the engine computes the value iteratively / with square roots (severity, zscore),
    so even an exactly representable value may come out a few ulps off; allow a relative
    error of 1e-9 there.  Otherwise a value whose double and scaled double are exact is never
    fragile (a sum of halves divided by n is computed exactly when the quotient is representable).
    """
    main = spec_round(float(exact), precision)
    scaled = exact * 10**precision
    if not floating and Fraction(float(exact)) == exact and Fraction(float(exact) * 10**precision) == scaled:
        return [main]
    eps = max(FRAGILE_EPS, abs(scaled) * Fraction(1, 10**9)) if floating else FRAGILE_EPS
    lo = math.floor(scaled)
    if abs(scaled - lo - Fraction(1, 2)) <= eps:
        alts = {float(lo) / float(10**precision), float(lo + 1) / float(10**precision)}
        return [main] + sorted(a for a in alts if a != main)
    return [main]


# ---------------------------------------------------------------------------- data


@dataclass
class Entry:
    id: str
    kind: str
    group: str
    subject: str
    title: str
    school: str
    district: str
    students: list
    advisors: list
    status: str


@dataclass
class Row:
    judge: str
    entry: str
    vals: list  # Fraction or None, rubric order


@dataclass
class Competition:
    config: dict
    entries: list
    rows: list


def load_db(path: str) -> Competition:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    config = json.loads(con.execute("select value from meta where key='config'").fetchone()[0])
    entries = [
        Entry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), json.loads(r[8]), r[9])
        for r in con.execute(
            "select id,kind,grp,subject,title,school,district,students,advisors,status from entries"
        )
    ]
    rows = []
    for judge, entry, vals in con.execute("select judge_id, entry_id, vals from scores"):
        parsed = [dec(v) if v != "" else None for v in vals.split(";")]
        rows.append(Row(judge, entry, parsed))
    con.close()
    return Competition(config, entries, rows)


# ---------------------------------------------------------------------------- aggregation (§6)


def criteria_of(config: dict, kind_id: str) -> list:
    kind = next(k for k in config["kinds"] if k["id"] == kind_id)
    return config["rubrics"][kind["rubric"]]["criteria"]


def judge_total(vals: list, criteria: list) -> Fraction:
    """t_je = Σ_c s_jec · weight_c / max_c (exact)."""
    total = Fraction(0)
    for v, c in zip(vals, criteria):
        w = dec(c.get("weight", c["max"]))
        total += v * w / dec(c["max"])
    return total


def mean(xs):
    return sum(xs, Fraction(0)) / len(xs)


def median(xs):
    s = sorted(xs)
    n = len(s)
    if n % 2:
        return s[n // 2]
    return (s[n // 2 - 1] + s[n // 2]) / 2


def trimmed_mean(xs, trim):
    if len(xs) >= 2 * trim + 3:
        s = sorted(xs)
        return mean(s[trim : len(s) - trim])
    return mean(xs)


def dsqrt(x: Fraction) -> Decimal:
    return (Decimal(x.numerator) / Decimal(x.denominator)).sqrt()


def zscore_scores(totals: dict) -> dict:
    """totals: {(judge, entry): Fraction} of one kind → {entry: Decimal score}."""
    by_judge: dict = {}
    for (j, e), t in totals.items():
        by_judge.setdefault(j, []).append(t)
    m = {j: mean(ts) for j, ts in by_judge.items()}
    s = {}
    for j, ts in by_judge.items():
        var = sum(((t - m[j]) ** 2 for t in ts), Fraction(0)) / len(ts)
        s[j] = dsqrt(var) if (len(ts) >= 2 and var != 0) else None
    all_t = list(totals.values())
    big_m = mean(all_t)
    big_var = sum(((t - big_m) ** 2 for t in all_t), Fraction(0)) / len(all_t)
    big_s = dsqrt(big_var)
    zs: dict = {}
    for (j, e), t in sorted(totals.items()):
        if s[j] is None:
            z = Decimal(0)
        else:
            d = t - m[j]
            z = (Decimal(d.numerator) / Decimal(d.denominator)) / s[j]
        zs.setdefault(e, []).append(z)
    out = {}
    bm = Decimal(big_m.numerator) / Decimal(big_m.denominator)
    for e, z in zs.items():
        out[e] = bm + big_s * (sum(z, Decimal(0)) / len(z))
    return out


def solve_exact(a: list, b: list) -> list:
    """Gauss–Jordan elimination in fractions (a is modified)."""
    n = len(a)
    for i in range(n):
        a[i] = a[i] + [b[i]]
    for col in range(n):
        piv = next((r for r in range(col, n) if a[r][col] != 0), None)
        if piv is None:
            raise ZeroDivisionError("singular system")
        a[col], a[piv] = a[piv], a[col]
        p = a[col][col]
        row = [x / p for x in a[col]]
        a[col] = row
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col]
                a[r] = [x - f * y for x, y in zip(a[r], row)]
    return [a[i][n] for i in range(n)]


def components(totals: dict) -> list:
    """Connected components of the judge–entry graph, as sorted lists of judges."""
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for j, e in totals:
        parent[find(("j", j))] = find(("e", e))
    comps: dict = {}
    for j, _ in totals:
        comps.setdefault(find(("j", j)), set()).add(j)
    return [sorted(c) for c in comps.values()]


def severity_scores(totals: dict, lam: Fraction) -> tuple:
    """Minimise Σ (t − θ_e − b_j)² + λ Σ b_j² (λ = 0: Σ_j b_j = 0 per component).

    θ_e is eliminated (θ_e = (S_e − Σ_{j∈J(e)} b_j) / n_e), leaving the judges' normal
    equations (m_j + λ) b_j − Σ_{e∈E(j)} Σ_{k∈J(e)} b_k / n_e = T_j − Σ_{e∈E(j)} S_e / n_e,
    solved exactly; for λ = 0 with one Lagrange multiplier per connected component.
    """
    judges = sorted({j for j, _ in totals})
    jidx = {j: i for i, j in enumerate(judges)}
    judges_of: dict = {}
    sum_e: dict = {}
    for (j, e), t in totals.items():
        judges_of.setdefault(e, []).append(j)
        sum_e[e] = sum_e.get(e, Fraction(0)) + t
    nj = len(judges)
    comps = components(totals) if lam == 0 else []
    size = nj + len(comps)
    mat = [[Fraction(0)] * size for _ in range(size)]
    rhs = [Fraction(0)] * size
    for (j, e), t in totals.items():
        i = jidx[j]
        n_e = len(judges_of[e])
        mat[i][i] += 1
        rhs[i] += t - sum_e[e] / n_e
        for k in judges_of[e]:
            mat[i][jidx[k]] -= Fraction(1, n_e)
    for i in range(nj):
        mat[i][i] += lam
    for c, members in enumerate(comps):
        row = nj + c
        for j in members:
            mat[row][jidx[j]] = Fraction(1)
            mat[jidx[j]][row] = Fraction(1)
    sol = solve_exact(mat, rhs)
    b = {j: sol[jidx[j]] for j in judges}
    theta = {e: (sum_e[e] - sum(b[j] for j in js)) / len(js) for e, js in judges_of.items()}
    return theta, b


# ---------------------------------------------------------------------------- quotas (§8)


def hamilton(n_places: int, sizes: list) -> list:
    total = sum(sizes)
    if total == 0:
        return [0] * len(sizes)
    base = [n_places * s // total for s in sizes]
    rest = n_places - sum(base)
    # largest fractional part; equal parts → larger pool, then earlier pool
    order = sorted(
        range(len(sizes)),
        key=lambda i: (-Fraction(n_places * sizes[i], total) + base[i], -sizes[i], i),
    )
    for i in order[:rest]:
        base[i] += 1
    return base


def share_quota(share, n: int, rounding: str) -> int:
    x = Decimal(str(share)) * n
    mode = {"floor": ROUND_FLOOR, "ceil": ROUND_CEILING, "round": ROUND_HALF_UP}[rounding]
    return int(x.quantize(Decimal(1), rounding=mode))


# ---------------------------------------------------------------------------- the document


@dataclass
class Result:
    entry: Entry
    n_scores: int
    exact: object = None  # exact score (Fraction / Decimal) or None (incomplete)
    score: float | None = None
    tiebreak: list = field(default_factory=list)
    disagreement: bool = False
    complete: bool = False
    rank: int | None = None
    tier: str | None = None
    alternatives: dict = field(default_factory=dict)  # what → acceptable values


def compute(comp: Competition, method: str, overrides: dict | None = None) -> tuple:
    """The §9 document for `method`, and the per-entry Result objects.

    overrides: {entry_id: {"score": float, "tiebreak": [floats], "disagreement": bool}} to
    take the engine's choice where the reference found the value fragile.
    """
    overrides = overrides or {}
    cfg = comp.config
    agg = cfg.get("aggregation", {})
    precision = int(agg.get("precision", 2))
    min_scores = int(agg.get("min_scores", 3))
    trim = int(agg.get("trim", 1))
    lam = dec(agg.get("severity_shrinkage", 3))
    threshold = dec(agg.get("disagreement", 25))
    tiebreak_ids = cfg.get("ranking", {}).get("tiebreak", [])

    group_order = {g["id"]: i for i, g in enumerate(cfg["groups"])}
    subject_order = {s["id"]: i for i, s in enumerate(cfg["subjects"])}
    entries = {e.id: e for e in comp.entries}

    pools_out = []
    results_out = []
    all_results = {}
    for kind in cfg["kinds"]:
        kid = kind["id"]
        criteria = criteria_of(cfg, kid)
        active = sorted((e for e in comp.entries if e.kind == kid and e.status == "active"), key=lambda e: e.id)
        active_ids = {e.id for e in active}
        totals = {}
        rows_of: dict = {}
        for r in comp.rows:
            if r.entry in active_ids and all(v is not None for v in r.vals):
                totals[(r.judge, r.entry)] = judge_total(r.vals, criteria)
                rows_of.setdefault(r.entry, []).append(r)
        t_of: dict = {}
        for (j, e), t in sorted(totals.items()):
            t_of.setdefault(e, []).append(t)

        kind_scores: dict = {}
        if totals:
            if method == "zscore":
                kind_scores = zscore_scores(totals)
            elif method == "severity":
                kind_scores, _b = severity_scores(totals, lam)
            else:
                for e, ts in t_of.items():
                    if method == "mean":
                        kind_scores[e] = mean(ts)
                    elif method == "median":
                        kind_scores[e] = median(ts)
                    elif method == "trimmed-mean":
                        kind_scores[e] = trimmed_mean(ts, trim)
                    else:
                        raise ValueError(f"unknown method {method}")

        results = []
        for e in active:
            ts = t_of.get(e.id, [])
            res = Result(e, len(ts))
            if len(ts) >= 2:
                spread = max(ts) - min(ts)
                res.disagreement = spread > threshold
                if spread == threshold and any(Fraction(float(t)) != t for t in ts):
                    res.alternatives["disagreement"] = [res.disagreement, not res.disagreement]
            ov = overrides.get(e.id, {})
            if "disagreement" in ov:
                res.disagreement = ov["disagreement"]
            if len(ts) >= min_scores:
                res.complete = True
                x = kind_scores[e.id]
                xf = Fraction(x) if isinstance(x, Decimal) else x
                res.exact = xf
                # the engine works in doubles: exact only when every input total is a double
                inexact = any(Fraction(float(t)) != t for t in ts)
                cands = rounded_candidates(xf, precision, method in ("zscore", "severity") or inexact)
                res.score = cands[0]
                if len(cands) > 1:
                    res.alternatives["score"] = cands
                if "score" in ov:
                    res.score = ov["score"]
                tb = []
                tb_alts = []
                for cid in tiebreak_ids:
                    ci = next(i for i, c in enumerate(criteria) if c["id"] == cid)
                    m = mean([r.vals[ci] for r in rows_of[e.id]])
                    cs = rounded_candidates(m, precision)
                    tb.append(cs[0])
                    tb_alts.append(cs)
                res.tiebreak = tb
                if any(len(c) > 1 for c in tb_alts):
                    res.alternatives["tiebreak"] = tb_alts
                if "tiebreak" in ov:
                    res.tiebreak = ov["tiebreak"]
            results.append(res)
            all_results[e.id] = res

        pool_by = cfg.get("awards", {}).get(kid, {}).get("pool_by", ["group"])
        awards = cfg.get("awards", {}).get(kid, {})

        def pool_key(e):
            g = e.group if "group" in pool_by else None
            s = e.subject if "subject" in pool_by else None
            return (g, s)

        def pool_order(key):
            g, s = key
            return (group_order.get(g, -1) if g is not None else -1, subject_order.get(s, -1) if s is not None else -1)

        pools: dict = {}
        for res in results:
            pools.setdefault(pool_key(res.entry), []).append(res)
        keys = sorted(pools, key=pool_order)
        sizes = [sum(1 for r in pools[k] if r.complete) for k in keys]
        tiers = awards.get("tiers", [])
        rounding = awards.get("rounding", "floor")
        quotas = [[0] * len(tiers) for _ in keys]
        for ti, tier in enumerate(tiers):
            if "count" in tier:
                q = hamilton(int(tier["count"]), sizes)
            else:
                q = [share_quota(tier["share"], n, rounding) for n in sizes]
            for pi in range(len(keys)):
                quotas[pi][ti] = q[pi]

        for pi, key in enumerate(keys):
            members = pools[key]
            ranked = [r for r in members if r.complete]
            ranked.sort(key=lambda r: ([-r.score] + [-t for t in r.tiebreak], r.entry.id))
            # competition ranking
            for i, r in enumerate(ranked):
                if i > 0 and (r.score, r.tiebreak) == (ranked[i - 1].score, ranked[i - 1].tiebreak):
                    r.rank = ranked[i - 1].rank
                else:
                    r.rank = i + 1
            allocate(ranked, tiers, quotas[pi], awards.get("ties", "share"), bool(awards.get("cascade", False)))
            incomplete = sorted((r for r in members if not r.complete), key=lambda r: r.entry.id)
            pools_out.append(
                {
                    "kind": kid,
                    "group": key[0],
                    "subject": key[1],
                    "entries": sizes[pi],
                    "quotas": {t["id"]: quotas[pi][ti] for ti, t in enumerate(tiers)},
                }
            )
            tier_labels = {t["id"]: t.get("label") for t in tiers}
            for r in ranked + incomplete:
                flags = []
                if r.disagreement:
                    flags.append("disagreement")
                if not r.complete:
                    flags.append("incomplete")
                e = r.entry
                results_out.append(
                    {
                        "entry_id": e.id,
                        "kind": e.kind,
                        "group": e.group,
                        "subject": e.subject,
                        "title": e.title,
                        "school": e.school,
                        "district": e.district,
                        "students": e.students,
                        "advisors": e.advisors,
                        "scores": r.n_scores,
                        "score": r.score,
                        "rank": r.rank,
                        "tier": r.tier,
                        "tier_label": tier_labels.get(r.tier) if r.tier else None,
                        "flags": flags,
                    }
                )
    doc = {
        "competition": {k: cfg["competition"][k] for k in ("id", "name", "year")},
        "method": method,
        "pools": pools_out,
        "results": results_out,
    }
    return doc, all_results


def allocate(ranked: list, tiers: list, quotas: list, ties: str, cascade: bool) -> None:
    """SPEC §8 allocation in one pool (ranked: complete entries in rank order)."""
    carry = 0
    for ti, tier in enumerate(tiers):
        q = max(0, quotas[ti] + carry)
        min_score = dec(tier["min_score"]) if tier.get("min_score") is not None else None
        cands = [
            r
            for r in ranked
            if r.tier is None and (min_score is None or Fraction(r.score) >= min_score_as_double(min_score))
        ]
        given = []
        if q > 0:
            if len(cands) <= q:
                given = cands
            else:
                b_rank = cands[q - 1].rank
                first_b = next(i for i, r in enumerate(cands) if r.rank == b_rank)
                last_b = max(i for i, r in enumerate(cands) if r.rank == b_rank)
                if ties == "share":
                    given = cands[: last_b + 1]
                else:
                    given = cands[: last_b + 1] if last_b == q - 1 else cands[:first_b]
        for r in given:
            r.tier = tier["id"]
        a = len(given)
        if a > q or (a < q and cascade):
            carry = q - a
        else:
            carry = 0


def min_score_as_double(m: Fraction) -> Fraction:
    """The rounded score is a double k/10^p; min_score is compared as the double the engine
    reads from the JSON text (nearest double), so compare with that double exactly."""
    return Fraction(float(m))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--method", default=None)
    args = ap.parse_args(argv)
    comp = load_db(args.db)
    method = args.method or comp.config.get("aggregation", {}).get("method", "severity")
    doc, _ = compute(comp, method)
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
