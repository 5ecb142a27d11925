#!/usr/bin/env python3
"""Independent reference implementation of SPEC §12 (rounds) and §14 (standard errors, `close`).

Written from the SPEC text alone (not from the C++ code) so that the engine can be
cross-checked against it (tools/crosscheck_rounds.py).  Python 3 standard library only.
It reuses the §6–§8 pieces of tools/reference_results.py (scoring one kind, ranking, quotas,
the §8 selection and allocation): a round is §6–§8 applied to the round's entrants, and a
config without `rounds` goes through the same code as one round and gives exactly
reference_results.compute's document (tools/test_reference_rounds.py checks both).

Input (plain JSON, so the reference does not depend on the engine's store schema):

    {"config":  {...},                    the competition config given to `jury init`
     "entries": [{"entry_id", "kind", "group", "subject", "title", "school", "district",
                  "students": [...], "advisors": [...], "status"}, ...],
     "current": "final",                  the current round (default: the last one in "rounds")
     "rounds":  {"prelim": {"scores": [{"judge": "J01", "entry": "E1", "vals": ["8.5", null]}],
                            "absent": ["E7"],
                            "assignments": [["J01", "E1"], ...],   (optional; §13)
                            "entrants": ["E1", ...]},              (optional, see below)
                 ...}}

`vals` are the criterion values of the round's rubric in criterion order (decimal text or JSON
numbers; null = not scored).  `entrants` of a round after the first freezes who entered it (as
the engine stored it at `advance`); without it the reference selects them itself from the
previous round's ranking.  Output: the SPEC §9 document with the §12 additions for
`jury results --json --round ID`:

    tools/reference_rounds.py --input staged.json [--round ID] [--no-close]

Exactness as in reference_results.py: exact fractions wherever the SPEC allows; a combined score
(weights other than {this round: 1}) is summed in double precision in `rounds` order as §12 says,
so its rounding is *fragile* within 1e-9 relative of a rounding edge; a `close` decision whose two
sides are within 1e-9 relative of each other is fragile too (both answers acceptable, see
`State.alternatives`).

Readings of SPEC §12 and §14 chosen where the text leaves room (the engine may differ):

 R1  `rounds[].kinds` defaults to the previous round's kinds (the first round: all kinds), so the
     default always satisfies "a subset of the previous round's". A kind in no round is a config
     error. A kind's rounds are therefore a prefix of `rounds`; its last round is the last of them.
 R2  Weights must be ≥ 0 and sum to exactly 1 as decimals (0.1 + 0.2 + 0.7 is 1).
 R3  s_q in Σ w_q · s_q is round q's own §6 score (its rubric and method), not q's combined score.
     Weights {this round: 1} give exactly the §6 score (no floating-point sum).
 R4  A round's per-kind statistics (zscore M, S, the severity fit) use the complete totals of the
     round's entrants that are active and not absent; absent entrants' totals do not count at all.
 R5  An absent entrant of a round has, in that round, "scores": 0, score and rank null, and the
     flag `absent` (not `incomplete`); it is listed among "the pool's other entries".
 R6  Who entered a round is fixed at `advance`; every round's scores are computed from the current
     state (statuses as they are now). Entrants of the first round are all entries of its kinds.
     Pools of a kind are those of its active entries (as §8), the same in every round.
 R7  `results --round R` is the document as of round R: rounds after R are ignored ("round" is
     the last round entered up to R, "rounds" lists rounds up to R, pool "rounds" the kind's
     rounds up to R); tiers and recommendations only when R is the competition's last round.
     "shows the current round's ranking" is read as: the current round's entrants carry its
     ranking at the top level; entries out in earlier rounds are still listed (with the ranking
     of their last round), as the §12 result order describes.
 R8  Flag `advance` in an entry's round r: it entered round r + 1 (when that round is open),
     else it would go on if `advance` ran now (r current, the kind judged in round r + 1).
 R9  Top-level `flags` are those of the entry's last round, plus `recommend-tie`.
 R10 Pool "rounds"[r]: "entrants" = active entrants of the pool in r (absent ones included),
     "ranked" = ranked in r, "advance_quota" = the quota used to enter r (null for the kind's
     first round). Only rounds opened (≤ R) are listed.
 R11 Pool "quotas" are always computed (also before the last round): tier i with n_p = the pool's
     ranked entries in R_i (0 while R_i is not open). "recommend_quota" is null when the kind has
     no `recommend` or tiers are not decided yet (view before the last round).
 R12 Top-level "method" is the view round's method.
 R13 Under `forfeit`, "absent from any round" means any round open in the view; such an entry also
     cannot be recommended (it holds no tier). Under `keep` an absent finalist is still a
     candidate for tiers decided by rounds it was ranked in. n_p of a tier counts every entry
     ranked in R_i, forfeited ones included (the SPEC's literal n_p).
 R14 A tier's candidates are the entries ranked in R_i holding no tier yet, also those incomplete
     in a later round (a finalist incomplete in the final may still get a preliminary tier).
 R15 Recommendation: a tie group "across position q" is a group holding positions q and q + 1;
     with q = 0 nobody is recommended and nobody is flagged.
 R16 The §12 JSON keys ("round", "rounds", "recommended", pool "rounds", "recommend_quota") appear
     when the config has `rounds` or a kind has `recommend`; a plain one-round config gives the
     §9 document exactly, plus the §14 `close` flags (a one-round competition has one round, and
     §14 is not limited to staged ones; close=False / --no-close leaves them out).
 R17 §14: E counts the entries with at least one complete total in the round and kind (also
     those short of min_scores), J the judges with one, C the components of their graph; for
     non-severity methods the residual is t − mean of the entry's totals whatever the method.
     With λ > 0 the residual is t − θ_e − b_j of the shrunk fit, and C still counts components.
 R18 §14: s_e and b are the published (rounded, combined) scores of round r; SE_e is the round's
     own σ / √n_e, not scaled by the round's weight. Boundaries are taken between consecutive
     ranked entries of the pool in rank order (rank, then entry_id). Outcome `on` wins over a
     tier: an entry that went on has outcome `on` in r even if it later got a tier decided by r.
     Entries with no SE (unranked) are never `close`; SE = 0 is never close. `aggregation.close`
     is compared as the double its JSON text gives (like min_score); c ≤ 0 flags nobody.
 R19 `close` flags appear in each round's flags (and so at the top level for the last round).
 R20 An absent entrant's stored scores are kept out of everything in that round (R4, R5), but its
     scores in earlier rounds stand: under `keep` it competes for tiers of the rounds it was
     ranked in. The advance refusal "an entrant of a kind going on is incomplete" leaves absent
     entrants out (they are not incomplete).
 R21 `--method M` (the one-round option) is passed as `method` and applies to every round; the
     cross-checker does not use it with rounds.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reference_results as ref  # noqa: E402

DEFAULT_ROUND = {"id": "main", "label": "评审"}


class ConfigError(ValueError):
    """A §12 config rule broken; the message names the JSON path."""


# ---------------------------------------------------------------------------- config (§12)


@dataclass
class RoundCfg:
    id: str
    label: str
    index: int
    kinds: list  # kind ids judged in this round
    rubrics: dict  # kind id → rubric id
    method: str
    weights: list  # [(round id, Fraction, float)] in `rounds` order
    advance: dict  # kind id → {count|share, min_score}; {} for the first round
    interviews: dict | None

    @property
    def trivial_weights(self) -> bool:
        return len(self.weights) == 1 and self.weights[0][0] == self.id and self.weights[0][1] == 1


def round_configs(cfg: dict) -> list:
    """The rounds with every §12 default filled in; ConfigError on a broken rule."""
    raw = cfg.get("rounds") or [DEFAULT_ROUND]
    all_kinds = [k["id"] for k in cfg["kinds"]]
    kind_rubric = {k["id"]: k["rubric"] for k in cfg["kinds"]}
    method = cfg.get("aggregation", {}).get("method", "severity")
    seen: list = []
    prev_kinds = all_kinds
    out = []
    for i, r in enumerate(raw):
        path = f"rounds[{i}]"
        if r["id"] in seen:
            raise ConfigError(f"{path}.id: duplicate round id {r['id']!r}")
        kinds = list(r.get("kinds", prev_kinds))
        for k in kinds:
            if k not in prev_kinds:
                raise ConfigError(f"{path}.kinds: {k!r} is not judged in the previous round")
        rubrics = {k: r.get("rubrics", {}).get(k, kind_rubric[k]) for k in kinds}
        for k, rub in rubrics.items():
            if rub not in cfg["rubrics"]:
                raise ConfigError(f"{path}.rubrics.{k}: unknown rubric {rub!r}")
        weights_raw = r.get("weights", {r["id"]: 1})
        weights = []
        for rid in [x["id"] for x in raw[: i + 1]]:
            if rid in weights_raw:
                w = ref.dec(weights_raw[rid])
                if w < 0:
                    raise ConfigError(f"{path}.weights.{rid}: negative weight")
                weights.append((rid, w, float(weights_raw[rid])))
        for rid in weights_raw:
            if rid not in [x["id"] for x in raw[: i + 1]]:
                raise ConfigError(f"{path}.weights.{rid}: not this round or an earlier one")
        if sum(w for _, w, _ in weights) != 1:
            raise ConfigError(f"{path}.weights: sum is not 1")
        advance = dict(r.get("advance", {}))
        if i > 0:
            for k in kinds:
                if k not in advance:
                    raise ConfigError(f"{path}.advance.{k}: required")
        out.append(RoundCfg(r["id"], r.get("label", r["id"]), i, kinds, rubrics, r.get("method", method), weights,
                            advance, r.get("interviews")))
        seen.append(r["id"])
        prev_kinds = kinds
    for k in all_kinds:
        if k not in out[0].kinds:
            raise ConfigError(f"rounds[0].kinds: kind {k!r} is judged in no round")
    check_tier_rounds(cfg, out)
    return out


def kind_rounds(rounds: list, kid: str) -> list:
    return [rc for rc in rounds if kid in rc.kinds]


def tier_round_index(rounds: list, kid: str, tier: dict) -> int:
    own = kind_rounds(rounds, kid)
    rid = tier.get("round", own[-1].id)
    for rc in own:
        if rc.id == rid:
            return rc.index
    raise ConfigError(f"awards.{kid}.tiers.{tier['id']}.round: {rid!r} is not a round of kind {kid!r}")


def check_tier_rounds(cfg: dict, rounds: list) -> None:
    """A better tier cannot be decided earlier than a worse one (§12)."""
    for kid, aw in cfg.get("awards", {}).items():
        prev = None
        for ti, tier in enumerate(aw.get("tiers", [])):
            idx = tier_round_index(rounds, kid, tier)
            if prev is not None and idx > prev:
                raise ConfigError(f"awards.{kid}.tiers[{ti}].round: a worse tier decided later than a better one")
            prev = idx


def staged(cfg: dict) -> bool:
    """R16: the §12 JSON keys appear with explicit rounds or a recommendation."""
    return "rounds" in cfg or any("recommend" in aw for aw in cfg.get("awards", {}).values())


# ---------------------------------------------------------------------------- input


@dataclass
class RoundData:
    scores: list = field(default_factory=list)  # ref.Row
    absent: set = field(default_factory=set)
    assignments: list = field(default_factory=list)
    entrants: list | None = None


@dataclass
class Staged:
    config: dict
    entries: list  # ref.Entry
    rounds: dict  # round id → RoundData (opened rounds)
    current: str


def parse_vals(vals: list) -> list:
    return [None if v is None or v == "" else ref.dec(v) for v in vals]


def from_json(doc: dict) -> Staged:
    cfg = doc["config"]
    entries = [
        ref.Entry(e["entry_id"], e["kind"], e.get("group", ""), e["subject"], e.get("title", ""), e.get("school", ""),
                  e.get("district", ""), list(e.get("students", [])), list(e.get("advisors", [])),
                  e.get("status", "active"))
        for e in doc["entries"]
    ]
    rounds = {}
    for rid, rd in doc.get("rounds", {}).items():
        rounds[rid] = RoundData(
            [ref.Row(s["judge"], s["entry"], parse_vals(s["vals"])) for s in rd.get("scores", [])],
            set(rd.get("absent", [])),
            [tuple(a) for a in rd.get("assignments", [])],
            list(rd["entrants"]) if rd.get("entrants") is not None else None,
        )
    order = [rc.id for rc in round_configs(cfg)]
    opened = [rid for rid in order if rid in rounds]
    current = doc.get("current") or (opened[-1] if opened else order[0])
    return Staged(cfg, entries, rounds, current)


def to_json(st: Staged) -> dict:
    """The plain input document for a Staged competition (what the cross-checker writes)."""

    return {
        "config": st.config,
        "entries": [
            {"entry_id": e.id, "kind": e.kind, "group": e.group, "subject": e.subject, "title": e.title,
             "school": e.school, "district": e.district, "students": e.students, "advisors": e.advisors,
             "status": e.status}
            for e in st.entries
        ],
        "current": st.current,
        "rounds": {
            rid: {
                "scores": [{"judge": r.judge, "entry": r.entry, "vals": [decimal_text(v) for v in r.vals]}
                           for r in rd.scores],
                "absent": sorted(rd.absent),
                "assignments": [list(a) for a in rd.assignments],
                **({"entrants": list(rd.entrants)} if rd.entrants is not None else {}),
            }
            for rid, rd in st.rounds.items()
        },
    }


def decimal_text(v) -> str | None:
    """An exact decimal value as text (None stays None)."""
    if v is None:
        return None
    v = Fraction(v)
    if v.denominator == 1:
        return str(v.numerator)
    return str(Decimal(v.numerator) / Decimal(v.denominator))


def from_competition(comp: ref.Competition) -> Staged:
    """A one-round competition as loaded by reference_results.load_db."""
    rid = round_configs(comp.config)[0].id
    return Staged(comp.config, comp.entries, {rid: RoundData(scores=list(comp.rows))}, rid)


# ---------------------------------------------------------------------------- the computation


@dataclass
class KindRound:
    """One kind in one round: its Results, pools in rank order, the fit's σ² parts."""

    results: dict  # entry id → ref.Result (own exact score; score = published combined score)
    ranked: dict  # pool key → [Result] in rank order
    rss: Fraction
    dof: int
    selection: dict = field(default_factory=dict)  # pool key → set of entry ids going on
    next_quota: dict = field(default_factory=dict)  # pool key → quota of the advance to the next round


@dataclass
class State:
    cfg: dict
    rounds: list  # RoundCfg
    view: int  # index of the view round
    current: int
    entrants: dict = field(default_factory=dict)  # (round idx, kind) → [Entry]
    absent: dict = field(default_factory=dict)  # round idx → set of entry ids
    kr: dict = field(default_factory=dict)  # (round idx, kind) → KindRound
    advance_quota: dict = field(default_factory=dict)  # (round idx, kind, pool) → quota to enter
    tier_of: dict = field(default_factory=dict)  # entry id → tier id
    tiers_decided: bool = False
    recommended: set = field(default_factory=set)
    recommend_tie: set = field(default_factory=set)
    recommend_quota: dict = field(default_factory=dict)  # (kind, pool) → q
    close: dict = field(default_factory=dict)  # (round idx, entry id) → bool
    alternatives: dict = field(default_factory=dict)  # (round id, entry id) → {what: values}
    pools: dict = field(default_factory=dict)  # kind → [pool keys] in pool order
    notes: list = field(default_factory=list)  # inconsistencies of the input

    def result(self, i: int, eid: str):
        for (ri, _k), kr in self.kr.items():
            if ri == i and eid in kr.results:
                return kr.results[eid]
        return None


def awards_of(cfg: dict, kid: str) -> dict:
    return cfg.get("awards", {}).get(kid, {})


def pool_by_of(cfg: dict, kid: str) -> list:
    return awards_of(cfg, kid).get("pool_by", ["group"])


def compute(st_in: Staged, view: str | None = None, method: str | None = None, overrides: dict | None = None,
            close: bool | None = None) -> tuple:
    """The §9/§12 document of `jury results --json --round view`, and the State behind it.

    method: overrides every round's method (the one-round `--method`).
    overrides: {round id: {entry id: {"score", "tiebreak", "disagreement", "close"}}}: the engine's
    choice where the reference found a value fragile.
    close: compute §14 `close` flags (default: always, R16).
    """
    cfg = st_in.config
    rounds = round_configs(cfg)
    ids = [rc.id for rc in rounds]
    overrides = overrides or {}
    state = State(cfg, rounds, ids.index(view or st_in.current), ids.index(st_in.current))
    if state.view > state.current:
        raise ValueError(f"round {view!r} is not open yet")
    with_close = True if close is None else close
    for i in range(state.view + 1):
        rc = rounds[i]
        data = st_in.rounds.get(rc.id, RoundData())
        state.absent[i] = set(data.absent)
        for kid in rc.kinds:
            state.entrants[(i, kid)] = round_entrants(state, st_in, i, kid, data)
            state.kr[(i, kid)] = score_round(state, st_in, rc, kid, data, method, overrides.get(rc.id, {}))
        for kid in rc.kinds:
            if i + 1 < len(rounds) and kid in rounds[i + 1].kinds:
                select_next(state, i, kid)
    if state.view < state.current:
        # R7/R8: the view's `advance` flags are who entered the next (open) round
        nxt = rounds[state.view + 1]
        for kid in nxt.kinds:
            data = st_in.rounds.get(nxt.id, RoundData())
            state.entrants[(nxt.index, kid)] = round_entrants(state, st_in, nxt.index, kid, data)
    state.tiers_decided = state.view == len(rounds) - 1
    if state.tiers_decided:
        for kind in cfg["kinds"]:
            decide_tiers(state, kind["id"])
            recommend(state, kind["id"])
    if with_close:
        for i in range(state.view + 1):
            for kid in rounds[i].kinds:
                close_flags(state, i, kid, overrides.get(rounds[i].id, {}))
    return document(state, st_in, method, with_close), state


def round_entrants(state: State, st_in: Staged, i: int, kid: str, data: RoundData) -> list:
    """R6: the first round's entrants are all entries of the kind; a later round's, those the
    previous round's advance selected (or the frozen list of the input)."""
    of_kind = sorted((e for e in st_in.entries if e.kind == kid), key=lambda e: e.id)
    if i == 0:
        return of_kind
    if data.entrants is not None:
        frozen = set(data.entrants)
        return [e for e in of_kind if e.id in frozen]
    prev = state.kr[(i - 1, kid)]
    going = set().union(*prev.selection.values()) if prev.selection else set()
    return [e for e in of_kind if e.id in going]


def score_round(state: State, st_in: Staged, rc: RoundCfg, kid: str, data: RoundData, method: str | None,
                ov: dict) -> KindRound:
    """§12: §6 over the round's totals, combined by `weights`, ranked per pool (§7)."""
    cfg = state.cfg
    st = ref.settings(cfg)
    m = method or rc.method
    criteria = cfg["rubrics"][rc.rubrics[kid]]["criteria"]
    entrants = state.entrants[(rc.index, kid)]
    active = [e for e in entrants if e.status == "active"]
    absent = state.absent[rc.index]
    counting = [e for e in active if e.id not in absent]
    own_ov = ov if rc.trivial_weights else {e: {k: v for k, v in o.items() if k != "score"} for e, o in ov.items()}
    results_list, totals = ref.score_kind(criteria, counting, data.scores, m, st, own_ov)
    results = {r.entry.id: r for r in results_list}
    for r in results_list:
        if r.alternatives:
            state.alternatives[(rc.id, r.entry.id)] = dict(r.alternatives)
        if r.complete and not rc.trivial_weights:
            combine(state, rc, r, st, ov.get(r.entry.id, {}))
    for e in active:
        if e.id in absent:
            results[e.id] = ref.Result(e, 0)
    rss, dof = ref.fit_residuals(totals, m, st)
    kr = KindRound(results, {}, rss, dof)
    pool_by = pool_by_of(cfg, kid)
    keys = kind_pools(state, st_in, kid)
    for key in keys:
        ranked = [r for eid, r in sorted(results.items()) if r.complete and ref.pool_key(r.entry, pool_by) == key]
        ref.rank_pool(ranked)
        kr.ranked[key] = ranked
    return kr


def kind_pools(state: State, st_in: Staged, kid: str) -> list:
    """R6: the pools of the kind's active entries, in pool order (§8)."""
    if kid not in state.pools:
        pool_by = pool_by_of(state.cfg, kid)
        keys = {ref.pool_key(e, pool_by) for e in st_in.entries if e.kind == kid and e.status == "active"}
        state.pools[kid] = sorted(keys, key=ref.pool_order(state.cfg))
    return state.pools[kid]


def combine(state: State, rc: RoundCfg, r: ref.Result, st: ref.Settings, ov: dict) -> None:
    """§12: Σ w_q · s_q in `rounds` order over the unrounded scores, in double precision (R3)."""
    acc = 0.0
    for qid, _w, wf in rc.weights:
        q = next(x for x in state.rounds if x.id == qid)
        own = state.result(q.index, r.entry.id) if q.index != rc.index else r
        if own is None or own.exact is None:
            # only with an input whose frozen entrants skip a round (an engine's wrong selection):
            # no combined score, so not ranked; noted for the checker
            state.notes.append(f"{r.entry.id}: no score in round {qid} for the combined score of {rc.id}")
            r.complete, r.score = False, None
            return
        acc += wf * float(own.exact)
    cands = ref.rounded_candidates(Fraction(acc), st.precision, floating=True)
    r.score = cands[0]
    alts = state.alternatives.setdefault((rc.id, r.entry.id), {})
    alts.pop("score", None)
    if len(cands) > 1:
        alts["score"] = cands
    if "score" in ov:
        r.score = ov["score"]
    if not alts:
        del state.alternatives[(rc.id, r.entry.id)]


def select_next(state: State, i: int, kid: str) -> None:
    """§12 advance: per pool, quota over the pools' ranked numbers (count by largest remainder,
    or share with the kind's rounding); selection = §8 steps 1–2 with min_score and ties."""
    spec = state.rounds[i + 1].advance[kid]
    aw = awards_of(state.cfg, kid)
    kr = state.kr[(i, kid)]
    keys = list(kr.ranked)
    quotas = ref.pool_quotas(spec, [len(kr.ranked[k]) for k in keys], aw.get("rounding", "floor"))
    for key, q in zip(keys, quotas):
        cands = [r for r in kr.ranked[key] if ref.meets_min_score(r.score, spec)]
        kr.selection[key] = {r.entry.id for r in ref.select(cands, max(0, q), aw.get("ties", "share"))}
        kr.next_quota[key] = q
        state.advance_quota[(i + 1, kid, key)] = q


def went_on(state: State, i: int, kid: str, eid: str) -> bool:
    """R8: entered round i + 1 (when open), else would go on if `advance` ran now."""
    if i + 1 >= len(state.rounds) or kid not in state.rounds[i + 1].kinds:
        return False
    if i + 1 <= state.current:
        return any(e.id == eid for e in state.entrants[(i + 1, kid)])
    return any(eid in s for s in state.kr[(i, kid)].selection.values())


def absent_anywhere(state: State, eid: str) -> bool:
    return any(eid in state.absent.get(i, ()) for i in range(state.view + 1))


def decide_tiers(state: State, kid: str) -> None:
    """§12 tiers: §8 per pool, tiers in order with the carry; tier i decided by its round R_i
    (candidates ranked in R_i holding no tier, under forfeit never one absent anywhere;
    min_score against the R_i score; quota over the pools' ranked numbers in R_i)."""
    aw = awards_of(state.cfg, kid)
    tiers = aw.get("tiers", [])
    forfeit = aw.get("absent", "forfeit") == "forfeit"
    r_idx = [tier_round_index(state.rounds, kid, t) for t in tiers]
    per_pool = tier_quotas(state, kid)
    for pi, key in enumerate(state.pools.get(kid, [])):

        def candidates(ti, tier, key=key):
            ranked = state.kr[(r_idx[ti], kid)].ranked.get(key, [])
            return [r for r in ranked if r.entry.id not in state.tier_of
                    and not (forfeit and absent_anywhere(state, r.entry.id))
                    and ref.meets_min_score(r.score, tier)]

        quotas = [per_pool[pi][t["id"]] for t in tiers]
        for ti, given in ref.allocate_tiers(tiers, quotas, aw.get("ties", "share"), bool(aw.get("cascade", False)),
                                            candidates):
            for r in given:
                state.tier_of[r.entry.id] = tiers[ti]["id"]


def tier_quotas(state: State, kid: str) -> list:
    """R11: per pool, {tier id: quota} with n_p = ranked in the tier's round."""
    aw = awards_of(state.cfg, kid)
    tiers = aw.get("tiers", [])
    keys = state.pools.get(kid, [])
    out = [{} for _ in keys]
    for tier in tiers:
        kr = state.kr.get((tier_round_index(state.rounds, kid, tier), kid))
        sizes = [len(kr.ranked.get(k, [])) if kr else 0 for k in keys]
        for pi, q in enumerate(ref.pool_quotas(tier, sizes, aw.get("rounding", "floor"))):
            out[pi][tier["id"]] = q
    return out


def recommend(state: State, kid: str) -> None:
    """§12 recommendation: quota over the pools' numbers of entries holding one of `tiers`;
    candidates by tier, rank in the tier's round, entry_id; a (tier, rank) group across
    position q is left out whole (flag `recommend-tie`) unless it ends exactly at q (R15)."""
    aw = awards_of(state.cfg, kid)
    spec = aw.get("recommend")
    if not spec:
        return
    tiers = aw.get("tiers", [])
    tier_pos = {t["id"]: ti for ti, t in enumerate(tiers)}
    r_idx = {t["id"]: tier_round_index(state.rounds, kid, t) for t in tiers}
    keys = state.pools.get(kid, [])
    cands_of = {}
    for key in keys:
        cands = []
        for tid in spec["tiers"]:
            for r in state.kr[(r_idx[tid], kid)].ranked.get(key, []):
                if state.tier_of.get(r.entry.id) == tid:
                    cands.append((tier_pos[tid], r.rank, r.entry.id))
        cands_of[key] = sorted(cands)
    quotas = ref.pool_quotas(spec, [len(cands_of[k]) for k in keys], aw.get("rounding", "floor"))
    for key, q in zip(keys, quotas):
        state.recommend_quota[(kid, key)] = q
        cands = cands_of[key]
        if q <= 0:
            continue
        if len(cands) <= q:
            state.recommended.update(c[2] for c in cands)
            continue
        group = cands[q - 1][:2]
        if cands[q][:2] == group:
            first = next(i for i, c in enumerate(cands) if c[:2] == group)
            state.recommended.update(c[2] for c in cands[:first])
            state.recommend_tie.update(c[2] for c in cands if c[:2] == group)
        else:
            state.recommended.update(c[2] for c in cands[:q])


def outcome(state: State, i: int, kid: str, eid: str):
    """§14: `on` if it entered the next round, else the tier round i decided for it, else None."""
    if went_on(state, i, kid, eid):
        return "on"
    if state.tiers_decided:
        tier = state.tier_of.get(eid)
        aw = awards_of(state.cfg, kid)
        for t in aw.get("tiers", []):
            if t["id"] == tier and tier_round_index(state.rounds, kid, t) == i:
                return tier
    return None


def close_flags(state: State, i: int, kid: str, ov: dict) -> None:
    """§14 in round i: per pool, the outcomes of its ranking decide the boundaries (ref.close_in_pool)."""
    c = ref.close_setting(state.cfg)
    kr = state.kr[(i, kid)]
    rid = state.rounds[i].id
    for ranked in kr.ranked.values():
        outs = [outcome(state, i, kid, r.entry.id) for r in ranked]
        flags, fragile = ref.close_in_pool(ranked, outs, kr.rss, kr.dof, c)
        for r, flag in zip(ranked, flags):
            if r.entry.id in fragile:
                state.alternatives.setdefault((rid, r.entry.id), {})["close"] = [flag, not flag]
            if "close" in ov.get(r.entry.id, {}):
                flag = ov[r.entry.id]["close"]
            state.close[(i, r.entry.id)] = flag


# ---------------------------------------------------------------------------- the document


def round_flags(state: State, i: int, kid: str, r: ref.Result) -> list:
    flags = []
    if r.disagreement:
        flags.append("disagreement")
    if r.entry.id in state.absent.get(i, ()):
        flags.append("absent")
    elif not r.complete:
        flags.append("incomplete")
    if r.complete and went_on(state, i, kid, r.entry.id):
        flags.append("advance")
    if state.close.get((i, r.entry.id)):
        flags.append("close")
    return flags


def document(state: State, st_in: Staged, method: str | None, with_close: bool) -> dict:
    cfg = state.cfg
    rounds = state.rounds
    view_rc = rounds[state.view]
    show_rounds = staged(cfg)
    pools_out, results_out = [], []
    for kind in cfg["kinds"]:
        kid = kind["id"]
        aw = awards_of(cfg, kid)
        tier_labels = {t["id"]: t.get("label") for t in aw.get("tiers", [])}
        own = [rc for rc in kind_rounds(rounds, kid) if rc.index <= state.view]
        quotas = tier_quotas(state, kid)
        for pi, key in enumerate(state.pools.get(kid, [])):
            pool = {"kind": kid, "group": key[0], "subject": key[1],
                    "entries": len(state.kr[(own[0].index, kid)].ranked.get(key, [])), "quotas": quotas[pi]}
            if show_rounds:
                pool["rounds"] = {rc.id: pool_round(state, rc, kid, key) for rc in own}
                decided = state.tiers_decided and "recommend" in aw
                pool["recommend_quota"] = state.recommend_quota.get((kid, key)) if decided else None
            pools_out.append(pool)
            for eid, last in pool_listing(state, kid, key, own):
                r = state.kr[(last, kid)].results[eid]
                tier = state.tier_of.get(eid) if state.tiers_decided else None
                flags = round_flags(state, last, kid, r)
                if eid in state.recommend_tie:
                    flags.append("recommend-tie")
                row = ref.result_row(r.entry, r.n_scores, r.score if r.complete else None,
                                     r.rank if r.complete else None, tier, tier_labels.get(tier) if tier else None,
                                     flags)
                if show_rounds:
                    row["round"] = rounds[last].id
                    row["rounds"] = [round_item(state, rc.index, kid, eid) for rc in own
                                     if rc.index <= last and eid in state.kr[(rc.index, kid)].results]
                    row["recommended"] = eid in state.recommended
                results_out.append(row)
    return {
        "competition": {k: cfg["competition"][k] for k in ("id", "name", "year")},
        "method": method or view_rc.method,
        "pools": pools_out,
        "results": results_out,
    }


def pool_round(state: State, rc: RoundCfg, kid: str, key: tuple) -> dict:
    pool_by = pool_by_of(state.cfg, kid)
    entrants = [e for e in state.entrants[(rc.index, kid)]
                if e.status == "active" and ref.pool_key(e, pool_by) == key]
    return {"entrants": len(entrants), "ranked": len(state.kr[(rc.index, kid)].ranked.get(key, [])),
            "advance_quota": state.advance_quota.get((rc.index, kid, key))}


def round_item(state: State, i: int, kid: str, eid: str) -> dict:
    r = state.kr[(i, kid)].results[eid]
    return {"round": state.rounds[i].id, "score": r.score if r.complete else None,
            "rank": r.rank if r.complete else None, "scores": r.n_scores, "flags": round_flags(state, i, kid, r)}


def pool_listing(state: State, kid: str, key: tuple, own: list) -> list:
    """§12 order: entries ranked in their last round first (later rounds before earlier, each by
    rank then entry_id), then the pool's other entries by entry_id. [(entry id, last round idx)]"""
    pool_by = pool_by_of(state.cfg, kid)
    last_of = {}
    for rc in own:
        for e in state.entrants[(rc.index, kid)]:
            if e.status == "active" and ref.pool_key(e, pool_by) == key:
                last_of[e.id] = rc.index
    ranked_first, others = [], []
    for eid, last in last_of.items():
        r = state.kr[(last, kid)].results[eid]
        if r.complete:
            ranked_first.append((-last, r.rank, eid))
        else:
            others.append(eid)
    return [(eid, -neg) for neg, _rank, eid in sorted(ranked_first)] + [(eid, last_of[eid]) for eid in sorted(others)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", required=True, help="the plain JSON input (see the module docstring)")
    ap.add_argument("--round", help="the view round (default: the current round)")
    ap.add_argument("--no-close", action="store_true", help="leave out the §14 close flags")
    args = ap.parse_args(argv)
    st_in = from_json(json.loads(Path(args.input).read_text(encoding="utf-8")))
    doc, _ = compute(st_in, args.round, close=False if args.no_close else None)
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
