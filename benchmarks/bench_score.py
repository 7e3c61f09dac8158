"""Scoring speed: `dancoso.score` beside a hand-written function computing the same total.

The hand-written function walks the same rubric in plain Python (no NumPy, no result
objects, no explanations, no search for the next band) and calls the same indicators, so
the ratio is the price of the engine's generality and explanations.

`dancoso.score` is timed twice: on dossiers it has not seen (each call scores a freshly
loaded dossier object, so the dossier's content hash is computed every time, as when many
dossiers are each scored once) and again on one dossier (its hash is kept per object, as
when one dossier is scored against several rubrics). Run:

    python benchmarks/bench_score.py            # full run
    python benchmarks/bench_score.py --quick    # a smoke run (used by the tests)
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from pathlib import Path

import dancoso
from dancoso.model import Dossier
from dancoso.scoring import REGISTRY, Criterion, NAPolicy, Rubric, Section, reference_rubric
from dancoso.scoring._measure import Context, years_in_force

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CASES = ("co-giang-2021", "hoan-kiem-2015-2020")


def _method(c: Criterion, value: float, years: float) -> float:
    p = c.params
    if c.method == "goalposts":
        worst, best = float(p["worst"]), float(p["best"])  # type: ignore[arg-type]
        return min(max((value - worst) / (best - worst), 0.0), 1.0)
    if c.method == "threshold":
        at = float(p["at"])  # type: ignore[arg-type]
        return float(value >= at if p.get("direction", "at_least") == "at_least" else value <= at)
    if c.method == "target":
        expected = float(p["per_year"]) * years  # type: ignore[arg-type]
        return 1.0 if expected <= 0 else min(max(value / expected, 0.0), 1.0)
    if c.method == "boolean":
        return float(value > 0)
    edges, scores = list(p["edges"]), list(p["scores"])  # type: ignore[arg-type]
    if p.get("direction", "at_least") == "at_most":
        reached = sum(value <= e for e in edges)
    else:
        reached = sum(value >= e for e in edges)
    return float(scores[min(reached, len(scores) - 1)])


def hand_written_total(rubric: Rubric, dossier: Dossier) -> float:
    """The total of `rubric` for `dossier`, computed by hand."""
    regime = rubric.regime_on(dossier.period.end)
    assert regime is not None
    ctx = Context(unit=dossier.unit, period=dossier.period, regime=regime.id, rubric_id=rubric.id)
    cache: dict[str, float | None] = {}

    def criterion(c: Criterion) -> tuple[bool, float | None]:
        if c.unit_kinds and dossier.unit.kind not in c.unit_kinds:
            return False, None
        spec = REGISTRY.get_indicator(c.indicator)
        if not spec.applies_to(dossier.unit.kind):
            return False, None
        span = c.in_force(dossier.period)
        if span is None:
            return False, None
        if c.indicator not in cache:
            cache[c.indicator] = spec.compute(dossier=dossier, context=ctx).value
        value = cache[c.indicator]
        return True, None if value is None else _method(c, value, years_in_force(span))

    def combine(
        aggregator: str, policy: NAPolicy, kids: list[tuple[bool, float | None, float]]
    ) -> tuple[bool, float | None]:
        live = [(s, w) for applies, s, w in kids if applies and w > 0]
        if not live:
            return False, None
        if policy is NAPolicy.BLOCK and any(s is None for s, _ in live):
            return True, 0.0
        if policy is NAPolicy.RENORMALISE:
            live = [(s, w) for s, w in live if s is not None]
            if not live:
                return True, None
        pairs = [(0.0 if s is None else s, w) for s, w in live]
        total_w = sum(w for _, w in pairs)
        if aggregator == "minimum":
            return True, min(s for s, _ in pairs)
        if aggregator == "geometric_mean":
            if any(s <= 0 for s, _ in pairs):
                return True, 0.0
            return True, math.exp(sum(w * math.log(s) for s, w in pairs) / total_w)
        return True, sum(s * w for s, w in pairs) / total_w

    def section(s: Section) -> tuple[bool, float | None]:
        kids = [(*section(sub), sub.weight) for sub in s.sections]
        kids += [(*criterion(c), c.weight) for c in s.criteria]
        return combine(s.aggregator, s.na_policy, kids)

    _, top = combine(
        rubric.aggregator, rubric.na_policy, [(*section(s), s.weight) for s in rubric.sections]
    )
    return 100.0 * (top or 0.0)


def best_of(fn: Callable[[], object], *, repeat: int, number: int) -> float:
    """Seconds per call: the best of `repeat` runs of `number` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def best_of_each(fn: Callable[[Dossier], object], items: list[Dossier], *, repeat: int) -> float:
    """Seconds per call: the best of `repeat` runs, each calling `fn` once on every item
    of its own share of `items`."""
    size = len(items) // repeat
    times = []
    for r in range(repeat):
        chunk = items[r * size : (r + 1) * size]
        start = time.perf_counter()
        for item in chunk:
            fn(item)
        times.append((time.perf_counter() - start) / size)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few repetitions (smoke test)")
    args = parser.parse_args(argv)
    repeat, number = (1, 2) if args.quick else (5, 100)
    print(f"{'ms per dossier':<48} {'hand-written':>13} {'dancoso.score':>14} {'ratio':>7}")
    for stem in CASES:
        text = (EXAMPLES / f"{stem}.json").read_text(encoding="utf-8")
        dossier = dancoso.loads(Dossier, text)
        rubric = reference_rubric(dossier.unit.kind)
        expected = hand_written_total(rubric, dossier)
        got = dancoso.score(dossier).total
        assert math.isclose(expected, got, abs_tol=1e-9), (stem, expected, got)
        # a new dossier object for every call, loaded beforehand
        fresh = [dancoso.loads(Dossier, text) for _ in range(2 * repeat * number)]
        half = repeat * number
        rows = {
            "a new dossier each call": (
                best_of_each(
                    lambda d, r=rubric: hand_written_total(r, d), fresh[:half], repeat=repeat
                ),
                best_of_each(dancoso.score, fresh[half:], repeat=repeat),
            ),
            "the same dossier again": (
                best_of(
                    lambda r=rubric, d=dossier: hand_written_total(r, d),
                    repeat=repeat,
                    number=number,
                ),
                best_of(lambda d=dossier: dancoso.score(d), repeat=repeat, number=number),
            ),
        }
        for label, (base, ours) in rows.items():
            print(
                f"{stem + ', ' + label:<48} {base * 1e3:>13.3f} {ours * 1e3:>14.3f}"
                f" {ours / base:>6.1f}×"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
