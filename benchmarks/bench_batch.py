"""Batch speed: a table of indicator values for many units, scored by the compiled rubric
beside a hand-written NumPy function computing the same totals.

The hand-written function walks the commune rubric section by section with whole-column
NumPy operations and computes totals only: no points, coverage, counts or section results.
With bounds, it walks the table three times: as it is, and with every missing value at its
worst and at its best score.
Run:

    python benchmarks/bench_batch.py              # 1,000,000 units
    python benchmarks/bench_batch.py --quick      # a smoke run (used by the tests)
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np

from dancoso.model import UnitKind
from dancoso.scoring import REGISTRY, Criterion, NAPolicy, Section, compile_rubric, reference_rubric

RANGES = {"share": 1.0, "bool": 1.0, "count": 60.0, "days": 90.0, "ratio": 5.0}


def table(n: int, criteria: list[Criterion], units: list[str], seed: int = 0) -> dict[str, Any]:
    """Random values (30 % missing), applicability (80 %) and one year for `n` units."""
    rng = np.random.default_rng(seed)
    m = len(criteria)
    high = np.array([RANGES.get(u, 10.0) for u in units])
    values = rng.uniform(0.0, 1.0, (n, m)) * high
    values[rng.random((n, m)) < 0.3] = np.nan
    return {
        "values": values,
        "applicable": rng.random((n, m)) < 0.8,
        "years": np.ones((n, m)),
    }


def _method(c: Criterion, v: np.ndarray, years: np.ndarray) -> np.ndarray:
    p: dict[str, Any] = dict(c.params)
    with np.errstate(divide="ignore", invalid="ignore"):
        if c.method == "goalposts":
            s = (v - p["worst"]) / (p["best"] - p["worst"])
        elif c.method == "threshold":
            hit = v >= p["at"] if p.get("direction", "at_least") == "at_least" else v <= p["at"]
            s = hit.astype(float)
        elif c.method == "target":
            s = v / (p["per_year"] * years)
        elif c.method == "boolean":
            s = (v > 0).astype(float)
        else:
            edges, scores = np.asarray(p["edges"]), np.asarray(p["scores"])
            if p.get("direction", "at_least") == "at_most":
                reached = (v[:, None] <= edges).sum(axis=1)
            else:
                reached = np.searchsorted(edges, v, side="right")
            s = scores[np.minimum(reached, scores.size - 1)]
    return np.where(np.isnan(v), np.nan, np.clip(s, 0.0, 1.0))


def hand_written_totals(
    sections: tuple[Section, ...],
    aggregator: str,
    policy: NAPolicy,
    index: dict[str, int],
    t: dict[str, Any],
    fill: float | None = None,
) -> np.ndarray:
    """Totals for every row of `t`, by a plain walk of the rubric's sections (with every
    missing score at `fill`, when given)."""

    def combine(agg: str, pol: NAPolicy, kids: list[tuple[np.ndarray, np.ndarray, float]]):
        s = np.stack([k[0] for k in kids], axis=1)
        a = np.stack([k[1] for k in kids], axis=1)
        w0 = np.where(a, np.array([k[2] for k in kids]), 0.0)
        missing = a & np.isnan(s)
        w = np.where(missing, 0.0, w0) if pol is NAPolicy.RENORMALISE else w0
        filled = np.nan_to_num(s)
        total = w.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            if agg == "minimum":
                out = np.where(w > 0, filled, np.inf).min(axis=1)
                out = np.where(np.isinf(out), 0.0, out)
            elif agg == "geometric_mean":
                logs = np.log(np.where(filled > 0, filled, 1.0))
                out = np.exp((w * logs).sum(axis=1) / total)
                out = np.where(((filled <= 0) & (w > 0)).any(axis=1), 0.0, out)
            else:
                out = (w * filled).sum(axis=1) / total
        applies = w0.sum(axis=1) > 0
        if pol is NAPolicy.RENORMALISE:
            out = np.where(total > 0, out, np.nan)
        # `zero` and `block` both count missing children as 0 (block also withholds the rating)
        return np.where(applies, np.clip(out, 0.0, 1.0), np.nan), applies

    def section(sec: Section) -> tuple[np.ndarray, np.ndarray]:
        kids = [(*section(sub), sub.weight) for sub in sec.sections]
        for c in sec.criteria:
            j = index[c.id]
            score = _method(c, t["values"][:, j], t["years"][:, j])
            if fill is not None:
                score = np.where(np.isnan(score), fill, score)
            applicable = t["applicable"][:, j]
            kids.append((np.where(applicable, score, np.nan), applicable, c.weight))
        return combine(sec.aggregator, sec.na_policy, kids)

    top, _ = combine(aggregator, policy, [(*section(s), s.weight) for s in sections])
    return 100.0 * np.nan_to_num(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small table (smoke test)")
    args = parser.parse_args(argv)
    n = 2_000 if args.quick else 1_000_000
    rubric = reference_rubric(UnitKind.COMMUNE)
    comp = compile_rubric(rubric, REGISTRY)
    criteria = [c.criterion for c in comp.criteria]
    t = table(n, criteria, [c.indicator.unit for c in comp.criteria])
    index = {c.id: i for i, c in enumerate(criteria)}

    def walk(fill: float | None = None) -> np.ndarray:
        return hand_written_totals(
            rubric.sections, rubric.aggregator, rubric.na_policy, index, t, fill
        )

    start = time.perf_counter()
    expected = walk()
    base = time.perf_counter() - start
    start = time.perf_counter()
    got = comp.evaluate(t["values"], t["applicable"], t["years"], bounds=False)
    ours = time.perf_counter() - start
    np.testing.assert_allclose(got.total, expected, rtol=1e-9, atol=1e-9)

    start = time.perf_counter()
    low, high = walk(0.0), walk(1.0)
    base_bounds = base + time.perf_counter() - start
    start = time.perf_counter()
    bounded = comp.evaluate(t["values"], t["applicable"], t["years"])
    ours_bounds = time.perf_counter() - start
    np.testing.assert_allclose(bounded.total, expected, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(bounded.total_low, low, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(bounded.total_high, high, rtol=1e-9, atol=1e-9)

    print(f"{n:,} units × {comp.m} criteria ({rubric.id} rubric)")
    print(f"{'seconds':<34} {'hand-written':>13} {'evaluate':>10} {'ratio':>7}")
    print(f"{'totals':<34} {base:>13.2f} {ours:>10.2f} {ours / base:>6.1f}×")
    print(
        f"{'totals and their bounds':<34} {base_bounds:>13.2f} {ours_bounds:>10.2f} "
        f"{ours_bounds / base_bounds:>6.1f}×"
    )
    per_unit = (base_bounds / n * 1e6, ours_bounds / n * 1e6)
    print(f"{'µs per unit, with bounds':<34} {per_unit[0]:>13.2f} {per_unit[1]:>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
