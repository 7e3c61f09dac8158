"""`make fuzz`: every loader on a stated number of random inputs, with time and memory bounds.

Each input is a mutated example, rubric or scorecard (as text and as data), random JSON,
random text or random bytes (see `fuzz/harness.py`). The property: only `DancosoError`
escapes, and whatever loads dumps back and loads again to an equal object. Bounds: no
input over 1 s (an input over it is timed twice more, and counts only if still over), no
jump of the peak memory over 200 MB during one input. Atheris runs too where it is
installed (`pip install dancoso[fuzz]`); the report says whether it ran.

Usage: python fuzz/run.py [--count N] [--seed S] [--workers W] [--atheris-runs N]
Exit status 0 when the property and the bounds held for every input.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import multiprocessing
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import harness  # noqa: E402  (the folder is put on the path just above)

#: The share of the inputs each loader gets.
SHARES = {
    "load_dossier": 0.30,
    "from_data": 0.25,
    "loads": 0.20,
    "load_rubric": 0.15,
    "load_scorecard": 0.10,
}
MAX_SECONDS = 1.0
MAX_JUMP_MB = 200
HANG_SECONDS = 20
CHUNK = 1_000


@dataclass
class Tally:
    """What one chunk of inputs for one loader found."""

    loader: str
    inputs: int = 0
    loaded: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    slowest_input: str = ""
    biggest_jump_mb: float = 0.0
    peak_mb: float = 0.0
    failures: list[str] = field(default_factory=list)


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Hang


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _short(value: Any) -> str:
    try:
        return repr(value)[:200]
    except (ValueError, RecursionError):  # a number of 5,000 digits, a deep list
        return f"<a {type(value).__name__} too large to show>"


def _describe(call: Any) -> str:
    args = getattr(call, "args", ())
    return f"{getattr(call.func, '__name__', call)}({' '.join(_short(a) for a in args)})"


def run_chunk(task: tuple[str, int, int]) -> Tally:
    """Run `count` inputs for `loader`, drawn from `random.Random(seed)`."""
    loader, count, seed = task
    rng = random.Random(seed)
    harness.seeds()
    tally = Tally(loader)
    signal.signal(signal.SIGALRM, _alarm)
    for _ in range(count):
        call = harness.make_input(loader, rng)
        before = _maxrss_mb()
        signal.alarm(HANG_SECONDS)
        start = time.perf_counter()
        try:
            tally.loaded += harness.check(call)
        except harness.Unexpected as exc:
            tally.failures.append(f"{exc} <- {_describe(call)}")
        except _Hang:
            tally.failures.append(f"no answer in {HANG_SECONDS} s <- {_describe(call)}")
        finally:
            signal.alarm(0)
        took = time.perf_counter() - start
        if took > MAX_SECONDS:  # a busy machine can pause any input: time it again
            took = min([took, *(_time_again(call) for _ in range(2))])
            if took > MAX_SECONDS:
                tally.failures.append(f"took {took:.2f} s <- {_describe(call)}")
        jump = _maxrss_mb() - before
        if jump > MAX_JUMP_MB:
            tally.failures.append(f"peak memory jumped {jump:.0f} MB <- {_describe(call)}")
        tally.inputs += 1
        tally.seconds += took
        tally.biggest_jump_mb = max(tally.biggest_jump_mb, jump)
        if took > tally.slowest:
            tally.slowest, tally.slowest_input = took, _describe(call)[:160]
    tally.peak_mb = _maxrss_mb()
    return tally


def _time_again(call: Any) -> float:
    start = time.perf_counter()
    with contextlib.suppress(harness.Unexpected):  # already recorded on the first run
        harness.check(call)
    return time.perf_counter() - start


def plan(count: int, seed: int) -> list[tuple[str, int, int]]:
    """Chunks of inputs per loader, each with its own seed."""
    tasks: list[tuple[str, int, int]] = []
    for k, (loader, share) in enumerate(SHARES.items()):
        todo = max(1, round(count * share))
        i = 0
        while todo > 0:
            n = min(CHUNK, todo)
            tasks.append((loader, n, seed * 1_000_003 + k * 10_007 + i))
            todo -= n
            i += 1
    return tasks


def run_atheris(runs: int) -> tuple[str, bool]:
    """Run the atheris target in a subprocess (libFuzzer ends its process when done)."""
    if importlib.util.find_spec("atheris") is None:
        return "atheris: not installed, did not run (pip install 'dancoso[fuzz]')", True
    if runs <= 0:
        return "atheris: installed, not asked to run (--atheris-runs 0)", True
    result = subprocess.run(
        [
            sys.executable,
            str(HERE / "atheris_target.py"),
            f"-runs={runs}",
            "-rss_limit_mb=2048",
            f"-timeout={HANG_SECONDS}",
            "-print_final_stats=1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    out = result.stdout + result.stderr
    done = re.search(r"Done (\d+) runs in (\d+) second", out)
    if result.returncode == 0 and done:
        return f"atheris: ran {int(done.group(1)):,} inputs in {done.group(2)} s, no failure", True
    tail = "\n".join(out.strip().splitlines()[-25:])
    return f"atheris: FAILED (exit {result.returncode})\n{tail}", False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200_000, help="inputs in all")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--atheris-runs", type=int, default=20_000)
    args = parser.parse_args(argv)

    tasks = plan(args.count, args.seed)
    start = time.perf_counter()
    totals: dict[str, Tally] = {name: Tally(name) for name in SHARES}
    results: list[Tally] = []

    def progress(r: Tally) -> None:
        results.append(r)
        done = sum(x.inputs for x in results)
        step = max(args.count // 10, 1)
        if (done - r.inputs) // step != done // step:
            print(f"  {done:,} inputs, {time.perf_counter() - start:.0f} s", file=sys.stderr)

    if args.workers > 1:
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            for r in pool.imap_unordered(run_chunk, tasks):
                progress(r)
    else:
        for t in tasks:
            progress(run_chunk(t))
    for r in results:
        t = totals[r.loader]
        t.inputs += r.inputs
        t.loaded += r.loaded
        t.seconds += r.seconds
        t.failures += r.failures
        t.biggest_jump_mb = max(t.biggest_jump_mb, r.biggest_jump_mb)
        t.peak_mb = max(t.peak_mb, r.peak_mb)
        if r.slowest > t.slowest:
            t.slowest, t.slowest_input = r.slowest, r.slowest_input
    wall = time.perf_counter() - start

    print(f"fuzz: {args.count:,} inputs, seed {args.seed}, {args.workers} worker(s), {wall:.0f} s")
    print(
        f"{'loader':<16}{'inputs':>9}{'loaded':>9}{'refused':>9}{'failures':>9}"
        f"{'mean ms':>9}{'slowest s':>10}"
    )
    for t in totals.values():
        mean = 1000 * t.seconds / max(t.inputs, 1)
        print(
            f"{t.loader:<16}{t.inputs:>9,}{t.loaded:>9,}{t.inputs - t.loaded:>9,}"
            f"{len(t.failures):>9}{mean:>9.2f}{t.slowest:>10.3f}"
        )
    everything = list(totals.values())
    slowest = max(everything, key=lambda t: t.slowest)
    print(
        f"all{'':<13}{sum(t.inputs for t in everything):>9,}{sum(t.loaded for t in everything):>9,}"
    )
    print(f"slowest input: {slowest.slowest:.3f} s ({slowest.loader}: {slowest.slowest_input})")
    print(
        f"peak memory: {max(t.peak_mb for t in everything):.0f} MB (max RSS of a worker); "
        f"largest jump during one input: {max(t.biggest_jump_mb for t in everything):.0f} MB"
    )
    failures = [f for t in everything for f in t.failures]
    for f in failures[:20]:
        print(f"FAILURE: {f}")
    note, atheris_ok = run_atheris(args.atheris_runs)
    print(note)
    ok = not failures and atheris_ok
    print("fuzz: every input held" if ok else f"fuzz: {len(failures)} failure(s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
