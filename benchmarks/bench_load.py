"""Load and dump speed of dossiers, beside plain JSON parsing of the same text.

The baseline is what any tool pays to read the file at all (`json.loads` / `json.dumps`);
dancoso adds structuring into typed objects and every validation. Run:

    python benchmarks/bench_load.py            # full run
    python benchmarks/bench_load.py --quick    # a smoke run (used by the tests)
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import dancoso

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def best_of(fn: Callable[[], object], *, repeat: int, number: int) -> float:
    """Seconds per call: the best of `repeat` runs of `number` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def row(name: str, base: float, ours: float) -> str:
    return f"{name:<34} {base * 1e6:>12.1f} {ours * 1e6:>12.1f} {ours / base:>8.1f}×"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few repetitions (smoke test)")
    args = parser.parse_args(argv)
    repeat, number = (1, 2) if args.quick else (5, 50)

    print(f"{'case (µs per dossier)':<34} {'baseline':>12} {'dancoso':>12} {'ratio':>9}")
    ratios = []
    for path in sorted(EXAMPLES.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        dossier = dancoso.load_dossier(text)
        data = json.loads(text)
        toml_text = dancoso.dump_dossier(dossier, format="toml")
        cases = [
            (
                f"load json {path.stem[:20]}",
                best_of(lambda t=text: json.loads(t), repeat=repeat, number=number),
                best_of(lambda t=text: dancoso.load_dossier(t), repeat=repeat, number=number),
            ),
            (
                f"dump json {path.stem[:20]}",
                best_of(
                    lambda d=data: json.dumps(d, ensure_ascii=False, indent=2),
                    repeat=repeat,
                    number=number,
                ),
                best_of(lambda d=dossier: dancoso.dump_dossier(d), repeat=repeat, number=number),
            ),
            (
                f"load toml {path.stem[:20]}",
                best_of(lambda t=toml_text: tomllib.loads(t), repeat=repeat, number=number),
                best_of(lambda t=toml_text: dancoso.load_dossier(t), repeat=repeat, number=number),
            ),
        ]
        for name, base, ours in cases:
            ratios.append(ours / base)
            print(row(name, base, ours))
    print(f"median ratio over {len(ratios)} cases: {statistics.median(ratios):.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
