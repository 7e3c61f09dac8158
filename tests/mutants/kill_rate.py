"""Print the counts and kill rate of a mutmut run; fail below a minimum rate.

Run by `make mutation` after `mutmut run` from the repository root:

    python tests/mutants/kill_rate.py --min 90

The kill rate is mutmut's own score: mutants killed or timed out over every mutant tried
(not those skipped). Every mutant not killed is listed by name with what became of it, so
that `mutmut show NAME` can display it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path


def main() -> int:
    # imported here: the suite imports this file for its doctests, without the mutation extra
    from mutmut.stats import status_by_exit_code

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=90.0, help="least kill rate, in percent")
    parser.add_argument("--dir", type=Path, default=Path("mutants"), help="mutmut's folder")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    by_file: dict[str, Counter[str]] = {}
    left: list[tuple[str, str]] = []
    for meta in sorted(args.dir.rglob("*.py.meta")):
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        here = by_file.setdefault(str(meta.relative_to(args.dir))[: -len(".meta")], Counter())
        for name, code in sorted(codes.items()):
            status = status_by_exit_code[code]
            counts[status] += 1
            here[status] += 1
            if status not in ("killed", "timeout"):
                left.append((name, status))
    total = sum(counts.values())
    if not total:
        print("no mutants found: run `mutmut run` first", file=sys.stderr)
        return 2
    for path, c in by_file.items():
        print(
            f"{path}: {sum(c.values())} mutants, "
            + ", ".join(f"{v} {k}" for k, v in sorted(c.items()))
        )
    for name, status in left:
        print(f"    {status}: {name}")
    tried = total - counts["skipped"]
    rate = 100.0 * (counts["killed"] + counts["timeout"]) / tried if tried else 0.0
    summary = ", ".join(f"{counts[k]} {k}" for k in sorted(counts))
    print(f"{total} mutants: {summary}")
    print(
        f"kill rate {rate:.1f} % (killed or timed out, of {tried} tried); "
        f"at least {args.min:g} % needed"
    )
    return 0 if rate >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
