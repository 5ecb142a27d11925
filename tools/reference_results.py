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
    close: bool = False  # §14
    alternatives: dict = field(default_factory=dict)  # what → acceptable values


@dataclass
class Settings:
    """The `aggregation` and `ranking` keys with their SPEC §2 defaults."""

    precision: int
    min_scores: int
    trim: int
    lam: Fraction
    threshold: Fraction
    tiebreak_ids: list


def settings(cfg: dict) -> Settings:
    agg = cfg.get("aggregation", {})
    return Settings(
        precision=int(agg.get("precision", 2)),
        min_scores=int(agg.get("min_scores", 3)),
        trim=int(agg.get("trim", 1)),
        lam=dec(agg.get("severity_shrinkage", 3)),
        threshold=dec(agg.get("disagreement", 25)),
        tiebreak_ids=cfg.get("ranking", {}).get("tiebreak", []),
    )


def complete_totals(criteria: list, entry_ids: set, rows: list) -> tuple:
    """SPEC §6: the complete judge totals {(judge, entry): t} of the given entries, and each
    entry's complete score rows."""
    totals = {}
    rows_of: dict = {}
    for r in rows:
        if r.entry in entry_ids and all(v is not None for v in r.vals):
            totals[(r.judge, r.entry)] = judge_total(r.vals, criteria)
            rows_of.setdefault(r.entry, []).append(r)
    return totals, rows_of


def method_scores(totals: dict, method: str, st: Settings) -> dict:
    """SPEC §6: {entry: exact score} of one kind by `method` over all its complete totals."""
    if not totals:
        return {}
    if method == "zscore":
        return zscore_scores(totals)
    if method == "severity":
        return severity_scores(totals, st.lam)[0]
    by_entry = totals_by_entry(totals)
    one = {"mean": mean, "median": median, "trimmed-mean": lambda ts: trimmed_mean(ts, st.trim)}
    if method not in one:
        raise ValueError(f"unknown method {method}")
    return {e: one[method](ts) for e, ts in by_entry.items()}


def totals_by_entry(totals: dict) -> dict:
    t_of: dict = {}
    for (_j, e), t in sorted(totals.items()):
        t_of.setdefault(e, []).append(t)
    return t_of


def score_kind(criteria: list, entries: list, rows: list, method: str, st: Settings,
               overrides: dict | None = None) -> tuple:
    """SPEC §6–§7 for one kind: a Result per entry (in the given order) with its complete totals,
    exact and published score, tie-break means and flags; and the complete totals.

    entries: the kind's entries whose totals count (active ones); rows: score rows of any entry.
    Tie-break criteria the rubric lacks are skipped (SPEC §12; a one-round config has none).
    """
    overrides = overrides or {}
    totals, rows_of = complete_totals(criteria, {e.id for e in entries}, rows)
    t_of = totals_by_entry(totals)
    kind_scores = method_scores(totals, method, st)
    crit_index = {c["id"]: i for i, c in enumerate(criteria)}
    tiebreak = [crit_index[cid] for cid in st.tiebreak_ids if cid in crit_index]
    results = []
    for e in entries:
        ts = t_of.get(e.id, [])
        res = Result(e, len(ts))
        if len(ts) >= 2:
            spread = max(ts) - min(ts)
            res.disagreement = spread > st.threshold
            if spread == st.threshold and any(Fraction(float(t)) != t for t in ts):
                res.alternatives["disagreement"] = [res.disagreement, not res.disagreement]
        ov = overrides.get(e.id, {})
        if "disagreement" in ov:
            res.disagreement = ov["disagreement"]
        if len(ts) >= st.min_scores:
            res.complete = True
            x = kind_scores[e.id]
            xf = Fraction(x) if isinstance(x, Decimal) else x
            res.exact = xf
            # the engine works in doubles: exact only when every input total is a double
            inexact = any(Fraction(float(t)) != t for t in ts)
            cands = rounded_candidates(xf, st.precision, method in ("zscore", "severity") or inexact)
            res.score = cands[0]
            if len(cands) > 1:
                res.alternatives["score"] = cands
            if "score" in ov:
                res.score = ov["score"]
            tb = []
            tb_alts = []
            for ci in tiebreak:
                m = mean([r.vals[ci] for r in rows_of[e.id]])
                cs = rounded_candidates(m, st.precision)
                tb.append(cs[0])
                tb_alts.append(cs)
            res.tiebreak = tb
            if any(len(c) > 1 for c in tb_alts):
                res.alternatives["tiebreak"] = tb_alts
            if "tiebreak" in ov:
                res.tiebreak = ov["tiebreak"]
        results.append(res)
    return results, totals


# ---------------------------------------------------------------------------- pools, ranks, tiers (§7–§8)


def pool_key(e: Entry, pool_by: list) -> tuple:
    """(group, subject) of the entry's award pool; None where the pool is not split by it."""
    return (e.group if "group" in pool_by else None, e.subject if "subject" in pool_by else None)


def pool_order(cfg: dict):
    """Sort key of pool keys: group order, then subject order of the config (SPEC §8)."""
    group_order = {g["id"]: i for i, g in enumerate(cfg["groups"])}
    subject_order = {s["id"]: i for i, s in enumerate(cfg["subjects"])}

    def key(k):
        g, s = k
        return (group_order.get(g, -1) if g is not None else -1, subject_order.get(s, -1) if s is not None else -1)

    return key


def pool_quotas(spec: dict, sizes: list, rounding: str) -> list:
    """The quota per pool of a tier (or an advance, a recommendation): `count` apportioned by
    largest remainder over the pool sizes, or `share` of each size with `rounding`."""
    if "count" in spec:
        return hamilton(int(spec["count"]), sizes)
    return [share_quota(spec["share"], n, rounding) for n in sizes]


def rank_pool(ranked: list) -> None:
    """SPEC §7: sort complete Results by rounded score, then tie-break means (descending), then
    entry_id, and give competition ranks (1, 2, 2, 4)."""
    ranked.sort(key=lambda r: ([-r.score] + [-t for t in r.tiebreak], r.entry.id))
    for i, r in enumerate(ranked):
        if i > 0 and (r.score, r.tiebreak) == (ranked[i - 1].score, ranked[i - 1].tiebreak):
            r.rank = ranked[i - 1].rank
        else:
            r.rank = i + 1


def result_row(e: Entry, n_scores: int, score, rank, tier, tier_label, flags: list) -> dict:
    """One row of the SPEC §9 `results` list."""
    return {
        "entry_id": e.id,
        "kind": e.kind,
        "group": e.group,
        "subject": e.subject,
        "title": e.title,
        "school": e.school,
        "district": e.district,
        "students": e.students,
        "advisors": e.advisors,
        "scores": n_scores,
        "score": score,
        "rank": rank,
        "tier": tier,
        "tier_label": tier_label,
        "flags": flags,
    }


def compute(comp: Competition, method: str, overrides: dict | None = None) -> tuple:
    """The §9 document for `method`, and the per-entry Result objects.

    overrides: {entry_id: {"score": float, "tiebreak": [floats], "disagreement": bool, "close": bool}} to
    take the engine's choice where the reference found the value fragile.
    """
    cfg = comp.config
    st = settings(cfg)
    pools_out = []
    results_out = []
    all_results = {}
    for kind in cfg["kinds"]:
        kid = kind["id"]
        active = sorted((e for e in comp.entries if e.kind == kid and e.status == "active"), key=lambda e: e.id)
        results, totals = score_kind(criteria_of(cfg, kid), active, comp.rows, method, st, overrides or {})
        for res in results:
            all_results[res.entry.id] = res

        awards = cfg.get("awards", {}).get(kid, {})
        pool_by = awards.get("pool_by", ["group"])
        pools: dict = {}
        for res in results:
            pools.setdefault(pool_key(res.entry, pool_by), []).append(res)
        keys = sorted(pools, key=pool_order(cfg))
        sizes = [sum(1 for r in pools[k] if r.complete) for k in keys]
        tiers = awards.get("tiers", [])
        rounding = awards.get("rounding", "floor")
        per_tier = [pool_quotas(tier, sizes, rounding) for tier in tiers]
        quotas = [[per_tier[ti][pi] for ti in range(len(tiers))] for pi in range(len(keys))]

        for pi, key in enumerate(keys):
            members = pools[key]
            ranked = [r for r in members if r.complete]
            rank_pool(ranked)
            allocate(ranked, tiers, quotas[pi], awards.get("ties", "share"), bool(awards.get("cascade", False)))
            close_one_round(ranked, totals, method, st, cfg, overrides or {})
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
                if r.close:
                    flags.append("close")
                tier_label = tier_labels.get(r.tier) if r.tier else None
                results_out.append(result_row(r.entry, r.n_scores, r.score, r.rank, r.tier, tier_label, flags))
    doc = {
        "competition": {k: cfg["competition"][k] for k in ("id", "name", "year")},
        "method": method,
        "pools": pools_out,
        "results": results_out,
    }
    return doc, all_results


# ---------------------------------------------------------------------------- close decisions (§14)

# Two sides of a `close` comparison within this relative distance: the engine's double
# arithmetic may decide either way.
CLOSE_EPS = Fraction(1, 10**9)


def close_setting(cfg: dict) -> Fraction:
    """`aggregation.close` as the double the engine reads from the JSON text."""
    return Fraction(float(cfg.get("aggregation", {}).get("close", 1.0)))


def fit_residuals(totals: dict, method: str, st: Settings) -> tuple:
    """§14: RSS of one kind's fit and its degrees of freedom max(1, N − E − J + C). E counts the
    entries with a complete total (also those short of min_scores), J the judges with one, C the
    components of their graph; for methods other than severity the residual is t − mean of the
    entry's totals and J = C = 0. With λ > 0 the residual is that of the shrunk fit."""
    if not totals:
        return Fraction(0), 1
    by_entry = totals_by_entry(totals)
    n, e = len(totals), len(by_entry)
    if method == "severity":
        theta, b = severity_scores(totals, st.lam)
        rss = sum(((t - theta[en] - b[j]) ** 2 for (j, en), t in totals.items()), Fraction(0))
        n_j = len({j for j, _ in totals})
        n_c = len(components(totals))
        return rss, max(1, n - e - n_j + n_c)
    means = {en: mean(ts) for en, ts in by_entry.items()}
    rss = sum(((t - means[en]) ** 2 for (_j, en), t in totals.items()), Fraction(0))
    return rss, max(1, n - e)


def close_in_pool(ranked: list, outcomes: list, rss: Fraction, dof: int, c: Fraction) -> tuple:
    """§14 in one pool: ranked Results in rank order (rank, entry_id) and their outcomes; a
    boundary b lies between consecutive entries with different outcomes (mean of their rounded
    scores); an entry is close when |s − b| < c · SE for some b, exactly d² · n_e · dof < c² · RSS
    (SE² = RSS / dof / n_e). SE = 0 and c ≤ 0 flag nobody. Returns ([flag per entry], fragile
    entry ids: no boundary decides by a clear margin and one lies at the edge)."""
    bounds = [(Fraction(a.score) + Fraction(b.score)) / 2
              for a, b, oa, ob in zip(ranked, ranked[1:], outcomes, outcomes[1:]) if oa != ob]
    rhs = c * c * rss
    flags, fragile = [], set()
    for r in ranked:
        lhs = [(Fraction(r.score) - b) ** 2 * r.n_scores * dof for b in bounds] if c > 0 else []
        edge = [abs(x - rhs) <= CLOSE_EPS * max(x, rhs) for x in lhs]
        flags.append(any(x < rhs for x in lhs))
        if any(edge) and not any(x < rhs and not e for x, e in zip(lhs, edge)):
            fragile.add(r.entry.id)
    return flags, fragile


def close_one_round(ranked: list, totals: dict, method: str, st: Settings, cfg: dict, overrides: dict) -> None:
    """§14 for a competition of one round: the outcome of an entry is its tier. Sets r.close."""
    rss, dof = fit_residuals(totals, method, st)
    flags, fragile = close_in_pool(ranked, [r.tier for r in ranked], rss, dof, close_setting(cfg))
    for r, flag in zip(ranked, flags):
        if r.entry.id in fragile:
            r.alternatives["close"] = [flag, not flag]
        r.close = overrides.get(r.entry.id, {}).get("close", flag)


def select(cands: list, q: int, ties: str) -> list:
    """SPEC §8 steps 1–2 for one tier: who of the candidates (in rank order, objects with a
    `rank`) gets a place when q places are open, under `ties` (`share` or `exclude`)."""
    if q <= 0:
        return []
    if len(cands) <= q:
        return list(cands)
    b_rank = cands[q - 1].rank
    first_b = next(i for i, r in enumerate(cands) if r.rank == b_rank)
    last_b = max(i for i, r in enumerate(cands) if r.rank == b_rank)
    if ties == "share":
        return cands[: last_b + 1]
    return cands[: last_b + 1] if last_b == q - 1 else cands[:first_b]


def allocate_tiers(tiers: list, quotas: list, ties: str, cascade: bool, candidates):
    """SPEC §8 allocation in one pool, tiers in order with the carry. candidates(ti, tier) gives
    tier ti's candidates in rank order (entries holding no tier yet, min_score met). Yields
    (ti, given) per tier; the caller records the places before the next tier is decided (so
    that tier's candidates leave them out)."""
    carry = 0
    for ti, tier in enumerate(tiers):
        q = max(0, quotas[ti] + carry)
        given = select(candidates(ti, tier), q, ties)
        yield ti, given
        a = len(given)
        carry = q - a if a > q or (a < q and cascade) else 0


def meets_min_score(score: float, spec: dict) -> bool:
    """A rounded score against a tier's (or an advance's) optional `min_score`."""
    m = spec.get("min_score")
    return m is None or Fraction(score) >= min_score_as_double(dec(m))


def allocate(ranked: list, tiers: list, quotas: list, ties: str, cascade: bool) -> None:
    """SPEC §8 allocation in one pool (ranked: complete entries in rank order)."""

    def candidates(_ti, tier):
        return [r for r in ranked if r.tier is None and meets_min_score(r.score, tier)]

    for ti, given in allocate_tiers(tiers, quotas, ties, cascade, candidates):
        for r in given:
            r.tier = tiers[ti]["id"]


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
