"""`improvements()` on a rubric of thousands of criteria, beside scoring it once and beside
the unbounded search it replaced (every set, and every greedy round, judged in full).

The rubric repeats the commune rubric's criteria, each copy in force from its own day, so
no two criteria share a group and the search cannot move them together: the hardest case
for its size. The dossier is Cô Giang's.
Run:

    python benchmarks/bench_improve.py            # 10,000 criteria; unbounded on 2,000
    python benchmarks/bench_improve.py --quick    # a smoke run (used by the tests)
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import attrs

from dancoso import load_dossier
from dancoso.model import Dossier
from dancoso.scoring import Criterion, Rubric, Scorecard, _improve, reference_rubric, score

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def large_rubric(n: int) -> Rubric:
    """The commune rubric's criteria (gates left out) repeated to `n`, 100 to a section."""
    base = reference_rubric("commune")
    pool = [c for c in base.criteria() if not c.gate]

    def copy(k: int) -> Criterion:
        c = pool[k % len(pool)]
        return attrs.evolve(
            c, id=f"{c.id}.{k}", in_force_from=dt.date(2000, 1, 1) - dt.timedelta(days=k)
        )

    sections = tuple(
        attrs.evolve(
            base.sections[0],
            id=f"s{i}",
            sections=(),
            criteria=tuple(copy(k) for k in range(i * 100, min(n, (i + 1) * 100))),
        )
        for i in range((n + 99) // 100)
    )
    return attrs.evolve(base, id="large", sections=sections, min_coverage=0.0)


@contextmanager
def unbounded() -> Iterator[None]:
    """The search as it was: no budget of cells, every value stepped through at once."""
    saved = _improve._MAX_CELLS, _improve._PROBE_CELLS
    _improve._MAX_CELLS = _improve._PROBE_CELLS = 10**15
    try:
        yield
    finally:
        _improve._MAX_CELLS, _improve._PROBE_CELLS = saved


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(n: int, dossier: Dossier, *, old: bool) -> None:
    rubric = large_rubric(n)
    card: Scorecard = score(dossier, rubric)
    once = timed(lambda: score(dossier, rubric))
    print(f"{n:,} criteria: score() once {once:.2f} s; band now {card.band}")
    print(f"  {'target':<14}{'proposals':>10}{'bounded s':>11}{'unbounded s':>13}{'ratio':>8}")
    for band in [b.id for b in rubric.bands][1:]:
        start = time.perf_counter()
        found = card.improvements(target=band)
        ours = time.perf_counter() - start
        if old:
            with unbounded():
                before = timed(lambda band=band: card.improvements(target=band))
            print(f"  {band:<14}{len(found):>10}{ours:>11.2f}{before:>13.2f}{before / ours:>7.1f}×")
        else:
            print(f"  {band:<14}{len(found):>10}{ours:>11.2f}{'-':>13}{'-':>8}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small rubric (smoke test)")
    args = parser.parse_args(argv)
    dossier = load_dossier(EXAMPLES / "co-giang-2021.json")
    if args.quick:
        run(200, dossier, old=True)
    else:
        run(10_000, dossier, old=False)
        run(2_000, dossier, old=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
