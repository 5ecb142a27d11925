#!/usr/bin/env python3
"""Hand-worked cases for tools/reference_rounds.py (SPEC §12, §14) and the one-round identity
with tools/reference_results.py (SPEC §6–§9).

    python3 tools/test_reference_rounds.py [-v]

Every expected value below is worked out by hand in the comment next to it.  Scores use one
criterion `c0` (max 100, weight = max), so a judge's total is the value itself and a `mean`
score is the plain mean of the listed values.
"""
from __future__ import annotations

import copy
import random
import sys
import unittest
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_schedule as cs  # noqa: E402
import crosscheck as cc  # noqa: E402
import reference_results as ref  # noqa: E402
import reference_rounds as rr  # noqa: E402


def config(tiers, rounds=None, pool_by=(), **awards) -> dict:
    cfg = {
        "competition": {"id": "t", "name": "测试", "year": 2024},
        "groups": [{"id": "g0", "label": "组0"}, {"id": "g1", "label": "组1"}],
        "subjects": [{"id": "s0", "label": "学科0"}],
        "kinds": [{"id": "stu", "label": "学生", "rubric": "r", "max_students": 1, "max_advisors": 0}],
        "rubrics": {"r": {"step": 0.5, "criteria": [{"id": "c0", "label": "c0", "max": 100}]}},
        "judging": {"judges_per_entry": 2},
        "aggregation": {"method": "mean", "min_scores": 2, "precision": 2},
        "awards": {"stu": {"pool_by": list(pool_by), "tiers": tiers, **awards}},
    }
    if rounds is not None:
        cfg["rounds"] = rounds
    return cfg


def two_rounds(count=4, weights=None, **advance) -> list:
    final = {"id": "final", "label": "终评", "advance": {"stu": {"count": count, **advance}}}
    if weights:
        final["weights"] = weights
    return [{"id": "prelim", "label": "初评"}, final]


def entries(ids, groups=None) -> list:
    return [ref.Entry(e, "stu", (groups or {}).get(e, "g0"), "s0", f"作品{e}", "学校", "", [f"学生{e}"], [], "active")
            for e in ids]


def rows(values: dict) -> list:
    """{entry: [value per judge]} → score rows of judges J1, J2, …"""
    return [ref.Row(f"J{j + 1}", e, [Fraction(v)]) for e, vs in values.items() for j, v in enumerate(vs)]


def staged(cfg, ids, per_round: dict, absent=None, current=None, groups=None) -> rr.Staged:
    absent = absent or {}
    rounds = {rid: rr.RoundData(scores=rows(v), absent=set(absent.get(rid, ()))) for rid, v in per_round.items()}
    return rr.Staged(cfg, entries(ids, groups), rounds, current or list(per_round)[-1])


def by_id(doc) -> dict:
    return {r["entry_id"]: r for r in doc["results"]}


def tiers_of(doc) -> dict:
    return {r["entry_id"]: r["tier"] for r in doc["results"] if r["tier"]}


PRELIM8 = {"E1": [90, 90], "E2": [85, 85], "E3": [80, 80], "E4": [75, 75],
           "E5": [70, 70], "E6": [65, 65], "E7": [60, 60], "E8": [55, 55]}
IDS8 = [f"E{i}" for i in range(1, 9)]
# the final: E2 88, E3 80, E1 70, E4 60 → ranks 1, 2, 3, 4
FINAL4 = {"E1": [70, 70], "E2": [88, 88], "E3": [80, 80], "E4": [60, 60]}


class TwoRounds(unittest.TestCase):
    def test_tiers_from_two_rounds_with_carry(self):
        """SPEC §12: first/second decided by the final, third by the preliminary ranking; second
        has min_score 75, so only E3 (80) qualifies: 1 of 2 places, cascade carries 1 to third."""
        tiers = [{"id": "first", "label": "一", "count": 1, "round": "final"},
                 {"id": "second", "label": "二", "count": 2, "round": "final", "min_score": 75},
                 {"id": "third", "label": "三", "count": 2, "round": "prelim"}]
        cfg = config(tiers, two_rounds(), cascade=True)
        doc, _ = rr.compute(staged(cfg, IDS8, {"prelim": PRELIM8, "final": FINAL4}))
        # first: E2 (final 88); second: E3 (E1's 70 < 75): carry 2 − 1 = 1; third: q = 2 + 1 = 3
        # among the preliminary ranking without tier: E1? no — E1 (90) holds none, so E1, E4, E5
        self.assertEqual(tiers_of(doc), {"E2": "first", "E3": "second", "E1": "third", "E4": "third", "E5": "third"})
        self.assertEqual(doc["pools"][0]["quotas"], {"first": 1, "second": 2, "third": 2})
        # without cascade the unfilled place of second is lost: third gets E1, E4
        cfg2 = config(tiers, two_rounds(), cascade=False)
        doc2, _ = rr.compute(staged(cfg2, IDS8, {"prelim": PRELIM8, "final": FINAL4}))
        self.assertEqual(tiers_of(doc2), {"E2": "first", "E3": "second", "E1": "third", "E4": "third"})

    def test_share_quota_uses_the_tier_rounds_pool_size(self):
        """n_p of a tier is the pool's ranked entries in its round: first share 0.25 of the
        final's 4 = 1; third share 0.5 of the preliminary's 8 = 4."""
        tiers = [{"id": "first", "label": "一", "share": 0.25, "round": "final"},
                 {"id": "third", "label": "三", "share": 0.5, "round": "prelim"}]
        doc, _ = rr.compute(staged(config(tiers, two_rounds()), IDS8, {"prelim": PRELIM8, "final": FINAL4}))
        pool = doc["pools"][0]
        self.assertEqual(pool["quotas"], {"first": 1, "third": 4})
        self.assertEqual(pool["entries"], 8)
        self.assertEqual(pool["rounds"], {"prelim": {"entrants": 8, "ranked": 8, "advance_quota": None},
                                          "final": {"entrants": 4, "ranked": 4, "advance_quota": 4}})
        # first E2; third: E1 (prelim rank 1), E3, E4, E5
        self.assertEqual(tiers_of(doc), {"E2": "first", "E1": "third", "E3": "third", "E4": "third", "E5": "third"})

    def test_forfeit_and_keep(self):
        """E1 (best preliminary) is absent from the final: under forfeit it gets nothing; under
        keep it is still a candidate for the preliminary's third prize."""
        tiers = [{"id": "first", "label": "一", "count": 1, "round": "final"},
                 {"id": "third", "label": "三", "count": 2, "round": "prelim"}]
        final = {"E1": [99, 99], "E2": [88, 88], "E3": [80, 80], "E4": [60, 60]}  # E1's rows do not count
        for absent, want in (("forfeit", {"E2": "first", "E3": "third", "E4": "third"}),
                             ("keep", {"E2": "first", "E1": "third", "E3": "third"})):
            cfg = config(tiers, two_rounds(), absent=absent)
            doc, _ = rr.compute(staged(cfg, IDS8, {"prelim": PRELIM8, "final": final}, absent={"final": ["E1"]}))
            self.assertEqual(tiers_of(doc), want, absent)
            e1 = by_id(doc)["E1"]
            self.assertEqual(e1["rounds"][1], {"round": "final", "score": None, "rank": None, "scores": 0,
                                               "flags": ["absent"]})
            self.assertEqual((e1["round"], e1["score"], e1["rank"], e1["flags"]), ("final", None, None, ["absent"]))
            # the final's ranking: E2, E3, E4 (E1 not ranked); n_p = 3
            self.assertEqual([by_id(doc)[e]["rounds"][1]["rank"] for e in ("E2", "E3", "E4")], [1, 2, 3])
            self.assertEqual(doc["pools"][0]["rounds"]["final"], {"entrants": 4, "ranked": 3, "advance_quota": 4})

    def test_advance_ties_share_and_exclude(self):
        """E3 and E4 tie at 80 across position 3: share takes both (4 go on), exclude neither
        (2 go on); with 4 places the tie group ends exactly at 4 and exclude takes it too."""
        prelim = {"E1": [90, 90], "E2": [85, 85], "E3": [80, 80], "E4": [80, 80], "E5": [70, 70]}
        ids = list(prelim)
        tiers = [{"id": "first", "label": "一", "count": 1}]
        for ties, count, want in (("share", 3, ["E1", "E2", "E3", "E4"]), ("exclude", 3, ["E1", "E2"]),
                                  ("exclude", 4, ["E1", "E2", "E3", "E4"]), ("share", 2, ["E1", "E2"])):
            cfg = config(tiers, two_rounds(count), ties=ties)
            doc, _ = rr.compute(staged(cfg, ids, {"prelim": prelim}))
            flagged = sorted(r["entry_id"] for r in doc["results"] if "advance" in r["flags"])
            self.assertEqual(flagged, want, (ties, count))
            self.assertEqual([r["tier"] for r in doc["results"]], [None] * 5)  # no tiers before the last round
            # after `advance` the final's entrants are those flagged
            doc2, _ = rr.compute(staged(cfg, ids, {"prelim": prelim, "final": {}}))
            self.assertEqual(sorted(r["entry_id"] for r in doc2["results"] if r["round"] == "final"), want)

    def test_min_score_on_advance(self):
        """min_score 80 keeps E3 (80 ≥ 80): 3 go on; min_score 82 leaves only E1, E2 though the
        quota is 3 (the advance has no cascade)."""
        prelim = {"E1": [90, 90], "E2": [85, 85], "E3": [80, 80], "E4": [79.5, 79.5]}
        tiers = [{"id": "first", "label": "一", "count": 1}]
        for ms, want in ((80, ["E1", "E2", "E3"]), (82, ["E1", "E2"]), (79.75, ["E1", "E2", "E3"])):
            cfg = config(tiers, two_rounds(3, min_score=ms))
            doc, _ = rr.compute(staged(cfg, list(prelim), {"prelim": prelim}))
            self.assertEqual(sorted(r["entry_id"] for r in doc["results"] if "advance" in r["flags"]), want, ms)

    def test_advance_count_by_largest_remainder_over_ranked(self):
        """Pools g0 (5 ranked) and g1 (3 ranked, 1 incomplete): count 4 → 2.5, 1.5 → floors 2, 1,
        the equal parts go to the larger pool: [3, 1]. share 0.5 with `round` → 3 and 2."""
        prelim = {"A1": [90, 90], "A2": [80, 80], "A3": [70, 70], "A4": [60, 60], "A5": [50, 50],
                  "B1": [95, 95], "B2": [85, 85], "B3": [75, 75], "B4": [65]}
        groups = {e: ("g0" if e[0] == "A" else "g1") for e in prelim}
        tiers = [{"id": "first", "label": "一", "count": 1}]
        cfg = config(tiers, two_rounds(4), pool_by=["group"])
        doc, _ = rr.compute(staged(cfg, list(prelim), {"prelim": prelim}, groups=groups))
        self.assertEqual(sorted(r["entry_id"] for r in doc["results"] if "advance" in r["flags"]),
                         ["A1", "A2", "A3", "B1"])
        rounds = copy.deepcopy(two_rounds())
        rounds[1]["advance"]["stu"] = {"share": 0.5}
        cfg = config(tiers, rounds, pool_by=["group"], rounding="round")
        doc, _ = rr.compute(staged(cfg, list(prelim), {"prelim": prelim, "final": {}}, groups=groups))
        self.assertEqual([p["rounds"]["final"]["advance_quota"] for p in doc["pools"]], [3, 2])
        self.assertEqual([p["rounds"]["final"]["entrants"] for p in doc["pools"]], [3, 2])
        self.assertEqual(by_id(doc)["B4"]["flags"], ["incomplete"])

    def test_combined_weights(self):
        """final weights prelim 0.3, final 0.7: E1 0.3·90 + 0.7·70 = 76, E2 0.3·85 + 0.7·88 = 87.1,
        E3 0.3·80 + 0.7·80 = 80, E4 0.3·75 + 0.7·60 = 64.5: ranks E2, E3, E1, E4."""
        tiers = [{"id": "first", "label": "一", "count": 1}]
        cfg = config(tiers, two_rounds(weights={"prelim": 0.3, "final": 0.7}))
        doc, _ = rr.compute(staged(cfg, IDS8, {"prelim": PRELIM8, "final": FINAL4}))
        got = {e: (by_id(doc)[e]["score"], by_id(doc)[e]["rank"]) for e in ("E1", "E2", "E3", "E4")}
        self.assertEqual(got, {"E1": (76.0, 3), "E2": (87.1, 1), "E3": (80.0, 2), "E4": (64.5, 4)})
        # the preliminary item keeps the preliminary score; the top level is the last round's
        self.assertEqual(by_id(doc)["E2"]["rounds"][0]["score"], 85.0)
        self.assertEqual(by_id(doc)["E2"]["scores"], 2)

    def test_combined_score_summed_in_double_precision(self):
        """weights 0.1/0.9 over 80.25 and 80: the double sum is 80.025000000000006 (the exact
        decimal sum 80.025 is a rounding edge at precision 2): published 80.03, marked fragile."""
        tiers = [{"id": "first", "label": "一", "count": 1}]
        cfg = config(tiers, two_rounds(1, weights={"prelim": 0.1, "final": 0.9}))
        s = staged(cfg, ["E1", "E2"], {"prelim": {"E1": [80.5, 80], "E2": [70, 70]}, "final": {"E1": [80, 80]}})
        doc, state = rr.compute(s)
        self.assertEqual(0.1 * 80.25 + 0.9 * 80.0, 80.02500000000001)
        self.assertEqual(by_id(doc)["E1"]["score"], 80.03)
        self.assertEqual(state.alternatives[("final", "E1")]["score"], [80.03, 80.02])

    def test_recommend_tie(self):
        """Final: E2 88 (first), E1 and E3 80 tie (second), E4 60 (second). recommend count 2 over
        [first, second]: candidates (first,1,E2) (second,2,E1) (second,2,E3) (second,4,E4); the
        (second, 2) group holds positions 2 and 3: left out whole, flagged; count 3: it ends at 3."""
        tiers = [{"id": "first", "label": "一", "count": 1}, {"id": "second", "label": "二", "count": 3},
                 {"id": "third", "label": "三", "count": 1, "round": "prelim"}]
        final = {"E1": [80, 80], "E2": [88, 88], "E3": [80, 80], "E4": [60, 60]}
        for count, rec, tie in ((2, ["E2"], ["E1", "E3"]), (3, ["E1", "E2", "E3"], []), (1, ["E2"], []),
                                (4, ["E1", "E2", "E3", "E4"], []), (0, [], [])):
            cfg = config(tiers, two_rounds(), recommend={"label": "推荐", "count": count, "tiers": ["first", "second"]})
            doc, _ = rr.compute(staged(cfg, IDS8, {"prelim": PRELIM8, "final": final}))
            self.assertEqual(sorted(r["entry_id"] for r in doc["results"] if r["recommended"]), rec, count)
            self.assertEqual(sorted(r["entry_id"] for r in doc["results"] if "recommend-tie" in r["flags"]), tie)
            self.assertEqual(doc["pools"][0]["recommend_quota"], count)
        # share of the 4 holders (E1..E4), floor: 0.6 · 4 = 2.4 → 2
        cfg = config(tiers, two_rounds(), recommend={"label": "推荐", "share": 0.6, "tiers": ["first", "second"]})
        doc, _ = rr.compute(staged(cfg, IDS8, {"prelim": PRELIM8, "final": final}))
        self.assertEqual(doc["pools"][0]["recommend_quota"], 2)

    def test_result_order_and_view_of_an_earlier_round(self):
        """Finalists by final rank (E2, E3, E1, E4), then the others by preliminary rank
        (E5 … E8); `--round prelim` after the final opened: the preliminary view, flags
        `advance` on the four finalists, no tiers."""
        tiers = [{"id": "first", "label": "一", "count": 1}, {"id": "third", "label": "三", "count": 3,
                                                             "round": "prelim"}]
        final = dict(FINAL4)
        final["E4"] = [60]  # incomplete in the final (min_scores 2): listed after the ranked
        cfg = config(tiers, two_rounds())
        s = staged(cfg, IDS8, {"prelim": PRELIM8, "final": final})
        doc, _ = rr.compute(s)
        self.assertEqual([r["entry_id"] for r in doc["results"]], ["E2", "E3", "E1", "E5", "E6", "E7", "E8", "E4"])
        self.assertEqual(by_id(doc)["E4"]["flags"], ["incomplete"])
        self.assertEqual(by_id(doc)["E5"]["round"], "prelim")
        # R14: E4, incomplete in the final, is 4th in the preliminary: third with E1 and E3
        self.assertEqual(tiers_of(doc), {"E2": "first", "E1": "third", "E3": "third", "E4": "third"})
        view, _ = rr.compute(s, view="prelim")
        self.assertEqual([r["entry_id"] for r in view["results"]], IDS8)
        self.assertEqual([("advance" in r["flags"]) for r in view["results"]], [True] * 4 + [False] * 4)
        self.assertEqual(tiers_of(view), {})
        self.assertEqual(list(view["pools"][0]["rounds"]), ["prelim"])
        self.assertIsNone(view["pools"][0]["recommend_quota"])

    def test_tie_break_criteria_the_rubric_lacks_are_skipped(self):
        """The final's rubric has only `d0`; tiebreak [c0] is skipped there (no error), so the
        tied finalists share rank 1."""
        tiers = [{"id": "first", "label": "一", "count": 1}]
        rounds = two_rounds(2)
        rounds[1]["rubrics"] = {"stu": "d"}
        cfg = config(tiers, rounds)
        cfg["rubrics"]["d"] = {"step": 1, "criteria": [{"id": "d0", "label": "d0", "max": 50, "weight": 100}]}
        cfg["ranking"] = {"tiebreak": ["c0"]}
        # final: d0 = 40 for both → total 40 · 100 / 50 = 80
        doc, _ = rr.compute(staged(cfg, IDS8, {"prelim": PRELIM8, "final": {"E1": [40, 40], "E2": [40, 40]}}))
        self.assertEqual([(by_id(doc)[e]["score"], by_id(doc)[e]["rank"]) for e in ("E1", "E2")], [(80.0, 1), (80.0, 1)])
        self.assertEqual(tiers_of(doc), {"E1": "first", "E2": "first"})


class ThreeRounds(unittest.TestCase):
    def test_kinds_leave_after_different_rounds_and_weights_span_three_rounds(self):
        """prelim (stu, adv) → semi (stu, share 0.5) → final (stu inherits semi's kinds, count 2,
        weights 0.2/0.3/0.5). stu prelim S1 90 … S6 40: semi gets floor(0.5·6) = 3: S1, S2, S3;
        semi S1 60, S2 90, S3 80: final gets S2, S3; final S2 70, S3 90: combined
        S2 0.2·80 + 0.3·90 + 0.5·70 = 78, S3 0.2·70 + 0.3·80 + 0.5·90 = 83. Tiers: first (final) S3;
        second (semi, best without tier) S2; third ×2 (prelim) S1, S4. adv is judged in the
        prelim only: its tiers come from there (the kind's last round), A2 85 first."""
        cfg = config([{"id": "first", "label": "一", "count": 1, "round": "final"},
                      {"id": "second", "label": "二", "count": 1, "round": "semi"},
                      {"id": "third", "label": "三", "count": 2, "round": "prelim"}],
                     [{"id": "prelim", "label": "初评"},
                      {"id": "semi", "label": "复评", "kinds": ["stu"], "advance": {"stu": {"share": 0.5}}},
                      {"id": "final", "label": "终评", "advance": {"stu": {"count": 2}},
                       "weights": {"prelim": 0.2, "semi": 0.3, "final": 0.5}}])
        cfg["kinds"].append({"id": "adv", "label": "辅导员", "rubric": "r", "max_students": 0, "max_advisors": 1})
        cfg["awards"]["adv"] = {"pool_by": [], "tiers": [{"id": "first", "label": "一", "count": 1}]}
        prelim = {f"S{i}": [v, v] for i, v in enumerate((90, 80, 70, 60, 50, 40), start=1)}
        prelim.update({"A1": [70, 70], "A2": [85, 85], "A3": [60, 60]})
        semi = {"S1": [60, 60], "S2": [90, 90], "S3": [80, 80]}
        final = {"S2": [70, 70], "S3": [90, 90]}
        st = staged(cfg, [f"S{i}" for i in range(1, 7)], {"prelim": prelim, "semi": semi, "final": final})
        st.entries += [ref.Entry(a, "adv", "", "s0", a, "学校", "", [], [], "active") for a in ("A1", "A2", "A3")]
        doc, _ = rr.compute(st)
        self.assertEqual(tiers_of(doc), {"S3": "first", "S2": "second", "S1": "third", "S4": "third",
                                         "A2": "first"})
        self.assertEqual([(r["entry_id"], r["round"], r["score"], r["rank"]) for r in doc["results"]],
                         [("S3", "final", 83.0, 1), ("S2", "final", 78.0, 2), ("S1", "semi", 60.0, 3),
                          ("S4", "prelim", 60.0, 4), ("S5", "prelim", 50.0, 5), ("S6", "prelim", 40.0, 6),
                          ("A2", "prelim", 85.0, 1), ("A1", "prelim", 70.0, 2), ("A3", "prelim", 60.0, 3)])
        stu, adv = doc["pools"]
        self.assertEqual(stu["rounds"], {"prelim": {"entrants": 6, "ranked": 6, "advance_quota": None},
                                         "semi": {"entrants": 3, "ranked": 3, "advance_quota": 3},
                                         "final": {"entrants": 2, "ranked": 2, "advance_quota": 2}})
        self.assertEqual(adv["rounds"], {"prelim": {"entrants": 3, "ranked": 3, "advance_quota": None}})
        self.assertEqual(by_id(doc)["S2"]["rounds"][1]["flags"], ["advance"])
        self.assertEqual([x["score"] for x in by_id(doc)["S2"]["rounds"]], [80.0, 90.0, 78.0])


class Config(unittest.TestCase):
    def test_errors_name_the_json_path(self):
        tiers = [{"id": "first", "label": "一", "count": 1}, {"id": "third", "label": "三", "count": 1}]
        cases = [
            (two_rounds(weights={"prelim": 0.3, "final": 0.6}), "rounds[1].weights"),
            (two_rounds(weights={"semi": 0.3, "final": 0.7}), "rounds[1].weights.semi"),
            ([{"id": "prelim"}, {"id": "final"}], "rounds[1].advance.stu"),
        ]
        for rounds, path in cases:
            with self.assertRaises(rr.ConfigError) as err:
                rr.round_configs(config(tiers, rounds))
            self.assertIn(path, str(err.exception))
        bad = [{"id": "first", "label": "一", "count": 1, "round": "prelim"}, {"id": "third", "label": "三", "count": 1}]
        with self.assertRaises(rr.ConfigError) as err:
            rr.round_configs(config(bad, two_rounds()))
        self.assertIn("awards.stu.tiers[1].round", str(err.exception))
        unknown = [{"id": "first", "label": "一", "count": 1, "round": "semi"}]
        with self.assertRaises(rr.ConfigError):
            rr.round_configs(config(unknown, two_rounds()))

    def test_defaults(self):
        cfg = config([{"id": "first", "label": "一", "count": 1}])
        (only,) = rr.round_configs(cfg)
        self.assertEqual((only.id, only.label, only.kinds, only.rubrics, only.method), ("main", "评审", ["stu"],
                                                                                        {"stu": "r"}, "mean"))
        self.assertTrue(only.trivial_weights)
        second = rr.round_configs(config([{"id": "first", "label": "一", "count": 1}], two_rounds()))[1]
        self.assertEqual((second.kinds, second.weights), (["stu"], [("final", 1, 1.0)]))


class StandardErrors(unittest.TestCase):
    def test_close_on_a_mean_fit(self):
        """mean: A 80, 84 (82) B 79, 81 (80) C 70, 74 (72) D 60, 60 (60): RSS = 4+4+1+1+4+4 = 18,
        N − E = 8 − 4 = 4, σ² = 4.5, SE² = 2.25 (SE 1.5). first count 1: outcomes A first, the
        rest none; boundary (82 + 80)/2 = 81: |82 − 81| = |80 − 81| = 1 < 1.5 → A, B close."""
        vals = {"A": [80, 84], "B": [79, 81], "C": [70, 74], "D": [60, 60]}
        tiers = [{"id": "first", "label": "一", "count": 1}]
        for c, want in ((None, ["A", "B"]), (0.5, []), (10, ["A", "B", "C"])):
            cfg = config(tiers)
            if c is not None:
                cfg["aggregation"]["close"] = c
            doc, state = rr.compute(staged(cfg, list(vals), {"main": vals}), close=True)
            self.assertEqual(sorted(r["entry_id"] for r in doc["results"] if "close" in r["flags"]), want, c)
            # C: |72 − 81| = 9 < 10 · 1.5; D: 21 ≥ 15
        kr = state.kr[(0, "stu")]
        self.assertEqual((kr.rss, kr.dof), (18, 4))
        # R16: a plain one-round config gets them by default, and reference_results agrees
        self.assertNotIn("rounds", config(tiers))
        doc, _ = rr.compute(staged(config(tiers), list(vals), {"main": vals}))
        self.assertEqual(sorted(r["entry_id"] for r in doc["results"] if "close" in r["flags"]), ["A", "B"])
        doc, _ = rr.compute(staged(config(tiers), list(vals), {"main": vals}), close=False)
        self.assertEqual([r["entry_id"] for r in doc["results"] if "close" in r["flags"]], [])
        # c = 0.6666666666666666 (the double nearest 2/3, a bit less): c·SE just under 1, so not
        # close, and fragile (within 1e-9: the engine's doubles may say either)
        cfg = config(tiers)
        cfg["aggregation"]["close"] = 2 / 3
        doc, state = rr.compute(staged(cfg, list(vals), {"main": vals}), close=True)
        self.assertEqual(state.alternatives[("main", "A")]["close"], [False, True])

    def test_close_on_a_severity_fit(self):
        """severity, λ = 0, J1: A 80, B 70; J2: A 84, B 78 (fully crossed): θ = entry means 82, 74,
        b = judge mean − grand mean = −3, +3; residuals ±1, RSS = 4; N − E − J + C = 4 − 2 − 2 + 1
        = 1; SE² = 4 / 2 = 2. Boundary (82 + 74)/2 = 78: |d| = 4: close iff 4 < c·√2, i.e.
        c² > 8: c = 3 flags both, c = 2.8 (c² = 7.84) neither."""
        vals = {"A": [80, 84], "B": [70, 78]}
        tiers = [{"id": "first", "label": "一", "count": 1}]
        for c, want in ((3, ["A", "B"]), (2.8, [])):
            cfg = config(tiers)
            cfg["aggregation"].update(method="severity", severity_shrinkage=0, close=c)
            doc, state = rr.compute(staged(cfg, list(vals), {"main": vals}), close=True)
            self.assertEqual([(r["entry_id"], r["score"]) for r in doc["results"]], [("A", 82.0), ("B", 74.0)])
            self.assertEqual(sorted(r["entry_id"] for r in doc["results"] if "close" in r["flags"]), want, c)
            kr = state.kr[(0, "stu")]
            self.assertEqual((kr.rss, kr.dof), (4, 1))

    def test_close_per_round_with_outcomes_on_and_tiers(self):
        """Before the last round is current the outcomes are `on` or none: preliminary 8 entries
        (σ = 0 would never flag, so give each entry a ±1 spread: RSS = 8·2 = 16, N − E = 8,
        SE² = 1). advance 4: boundary between E4 (75) and E5 (70) = 72.5: nobody within 1.
        With the E4/E5 gap closed (E5 74.5): boundary 74.75: |75 − 74.75| = .25, |74.5 − 74.75|
        = .25 → both close."""
        tiers = [{"id": "first", "label": "一", "count": 1}]
        prelim = {e: [v[0] - 1, v[0] + 1] for e, v in PRELIM8.items()}
        cfg = config(tiers, two_rounds())
        doc, _ = rr.compute(staged(cfg, IDS8, {"prelim": prelim}))
        self.assertEqual([r["entry_id"] for r in doc["results"] if "close" in r["flags"]], [])
        prelim["E5"] = [73.5, 75.5]
        doc, _ = rr.compute(staged(cfg, IDS8, {"prelim": prelim}))
        self.assertEqual([r["entry_id"] for r in doc["results"] if "close" in r["flags"]], ["E4", "E5"])
        # in the last round, the preliminary's outcomes: on (E1–E4), none: E4|E5 still a boundary
        final = {"E1": [69, 71], "E2": [87, 89], "E3": [79, 81], "E4": [59, 61]}
        doc, _ = rr.compute(staged(cfg, IDS8, {"prelim": prelim, "final": final}))
        prelim_close = [r["entry_id"] for r in doc["results"] if "close" in r["rounds"][0]["flags"]]
        self.assertEqual(sorted(prelim_close), ["E4", "E5"])
        # the final: E2 first, others none; boundary (88 + 80)/2 = 84, SE² = 1 → no finalist close
        # (the top-level flags of E5 are its preliminary ones: close)
        self.assertEqual([r["entry_id"] for r in doc["results"] if "close" in r["flags"]], ["E5"])


def random_competition(seed: int) -> ref.Competition:
    """A random one-round competition with the crosscheck generator, scores without the CLI."""
    rng = random.Random(seed)
    cfg = cc.gen_config(rng)
    people, judges = cc.gen_people(rng, cfg)
    ents = [ref.Entry(e["entry_id"], e["kind"], e["group"], e["subject"], e["title"], e["school"], e["district"],
                      [s for s in e["students"].split("、") if s], [a for a in e["advisors"].split("、") if a],
                      e["status"]) for e in people]
    filler = cc.Filler(rng, cfg)
    score_rows = []
    for e in ents:
        kind = next(k for k in cfg["kinds"] if k["id"] == e.kind)
        rub = cfg["rubrics"][kind["rubric"]]
        for j in rng.sample(judges, min(cc.k_of(cfg, e.kind), len(judges))):
            vals = filler.decide(j["judge_id"], e.id, rub["criteria"], ref.dec(rub.get("step", 0.5)), False)
            score_rows.append(ref.Row(j["judge_id"], e.id, vals))
    return ref.Competition(cfg, ents, score_rows)


class OneRound(unittest.TestCase):
    def test_same_documents_as_reference_results(self):
        """A config without rounds: the same document and the same fragile values as
        reference_results.compute, for every method, on 25 random competitions."""
        for seed in range(25):
            comp = random_competition(seed)
            for method in ref.METHODS:
                want, res = ref.compute(comp, method)
                got, state = rr.compute(rr.from_competition(comp), method=method)
                self.assertEqual(got, want, (seed, method))
                self.assertEqual({e: v for (_r, e), v in state.alternatives.items()},
                                 {e: r.alternatives for e, r in res.items() if r.alternatives}, (seed, method))

    def test_explicit_single_round_keeps_the_section_9_fields(self):
        """`rounds: [{id: main}]` adds the §12 keys, the §9 fields (and §14 flags) stay as without rounds."""
        for seed in range(5):
            comp = random_competition(100 + seed)
            want, _ = ref.compute(comp, comp.config.get("aggregation", {}).get("method", "severity"))
            comp.config["rounds"] = [{"id": "main", "label": "评审"}]
            got, _ = rr.compute(rr.from_competition(comp))
            for w, g in zip(want["results"], got["results"]):
                self.assertEqual({k: g[k] for k in w if k != "flags"}, {k: v for k, v in w.items() if k != "flags"})
                self.assertEqual(g["flags"], w["flags"])  # §14 close flags in both (R16)
                self.assertEqual((g["round"], len(g["rounds"])), ("main", 1))

    def test_json_round_trip(self):
        comp = random_competition(7)
        s = rr.from_competition(comp)
        again = rr.from_json(rr.to_json(s))
        self.assertEqual(rr.compute(again)[0], rr.compute(s)[0])


class ScheduleChecker(unittest.TestCase):
    """SPEC §13 checks of tools/check_schedule.py on a hand-made round: J1–A, J1–B, J2–A, J2–C
    (Δ = 2: J1, J2 and A have two interviews each); sessions 08:30 × 1 slot, 23:50 × 3 slots of
    15 minutes (the second session runs past midnight)."""

    INTERVIEWS = {"slot_minutes": 15, "sessions": [{"start": "2021-11-20 08:30", "slots": 1},
                                                   {"start": "2021-11-20 23:50", "slots": 3}]}
    PAIRS = [("J1", "A"), ("J1", "B"), ("J2", "A"), ("J2", "C")]
    TIMES = {1: ("2021-11-20 08:30", "2021-11-20 08:45"), 2: ("2021-11-20 23:50", "2021-11-21 00:05"),
             3: ("2021-11-21 00:05", "2021-11-21 00:20"), 4: ("2021-11-21 00:20", "2021-11-21 00:35")}

    def csv_rows(self, placed):
        """[(slot, judge, entry)] → (header, rows) as read from an exported CSV."""
        text = "\ufeff" + ",".join(cs.HEADER) + "\r\n"
        for slot, j, e in placed:
            start, end = self.TIMES[slot]
            text += f"{slot},{start},{end},{j},评委{j},{e},作品{e},学校\r\n"
        return cs.read_rows(text)

    def check(self, placed, pairs=None, previous=None):
        header, rows = self.csv_rows(placed)
        prev = self.csv_rows(previous)[1] if previous else None
        judges = {"J1": "评委J1", "J2": "评委J2", "J3": "评委J3"}
        entries = {e: (f"作品{e}", "学校") for e in "ABC"}
        return cs.check_schedule(self.INTERVIEWS, pairs or self.PAIRS, header, rows, judges, entries, prev)

    GOOD = [(1, "J1", "A"), (1, "J2", "C"), (2, "J1", "B"), (2, "J2", "A")]

    def test_slot_times_follow_the_sessions(self):
        self.assertEqual(cs.slot_times(self.INTERVIEWS), [self.TIMES[s] for s in (1, 2, 3, 4)])
        self.assertEqual(cs.capacity(self.INTERVIEWS), 4)
        self.assertEqual(cs.max_degree(self.PAIRS), 2)

    def test_a_valid_schedule_passes(self):
        self.assertEqual(self.check(self.GOOD), [])

    def test_double_booking_wrong_slots_and_missing_pairs_are_found(self):
        entrant_twice = [(1, "J1", "A"), (1, "J2", "A"), (2, "J1", "B"), (2, "J2", "C")]
        self.assertTrue(any("entrant A has two interviews in slot 1" in p for p in self.check(entrant_twice)))
        judge_twice = [(1, "J1", "A"), (1, "J1", "B"), (2, "J2", "A"), (3, "J2", "C")]
        self.assertTrue(any("judge J1 has two interviews" in p for p in self.check(judge_twice)))
        gap = [(1, "J1", "A"), (1, "J2", "C"), (3, "J1", "B"), (3, "J2", "A")]
        self.assertEqual(self.check(gap), ["slots used [1, 3], expected exactly 1..Δ = 1..2"])
        missing = self.check(self.GOOD[:3])
        self.assertIn("assignment ('J2', 'A') not scheduled", missing)
        extra = self.check(self.GOOD + [(3, "J2", "B")])
        self.assertIn("('J2', 'B') scheduled but not assigned", extra)
        unordered = self.check([self.GOOD[1], self.GOOD[0]] + self.GOOD[2:])
        self.assertIn("rows not ordered by slot, judge_id", unordered)

    def test_times_names_and_header_are_checked(self):
        header, rows = self.csv_rows(self.GOOD)
        rows[2]["start"] = "2021-11-20 09:00"
        rows[3]["judge"] = "别人"
        got = cs.check_schedule(self.INTERVIEWS, self.PAIRS, header, rows, {"J1": "评委J1", "J2": "评委J2"}, None)
        self.assertEqual(len(got), 2)
        self.assertIn("slot 2 at 2021-11-20 09:00", got[0])
        self.assertIn("judge J2 named '别人'", got[1])
        self.assertEqual(len(cs.check_schedule(self.INTERVIEWS, self.PAIRS, header[::-1], rows)), 1)

    def test_assign_after_schedule_keeps_slots_and_fills_the_earliest_free_slot(self):
        """J2 falls ill: J3 takes J2–A and J2–C. A is busy in slot 1 (with J1), so J3–A's earliest
        free slot is 2; J3–C then finds slot 1 free for both."""
        pairs = [("J1", "A"), ("J1", "B"), ("J3", "A"), ("J3", "C")]
        good = [(1, "J1", "A"), (1, "J3", "C"), (2, "J1", "B"), (2, "J3", "A")]
        self.assertEqual(self.check(good, pairs, previous=self.GOOD), [])
        late = [(1, "J1", "A"), (2, "J1", "B"), (2, "J3", "A"), (3, "J3", "C")]
        self.assertEqual(self.check(late, pairs, previous=self.GOOD),
                         ["new pair ('J3', 'C') in slot 3, but slot 1 is free for both"])
        moved = [(1, "J1", "B"), (1, "J3", "C"), (2, "J1", "A"), (2, "J3", "A")]
        self.assertTrue(any("moved from slot" in p for p in self.check(moved, pairs, previous=self.GOOD)))

    def test_assignments_file_with_or_without_header(self):
        self.assertEqual(cs.read_pairs("judge_id,entry_id\nJ1,A\n"), [("J1", "A")])
        self.assertEqual(cs.read_pairs("\ufeffJ1,A\r\nJ2,B\r\n"), [("J1", "A"), ("J2", "B")])


if __name__ == "__main__":
    unittest.main()
