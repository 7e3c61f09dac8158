"""Atheris (libFuzzer) target: coverage-guided bytes into every loader, with the harness's
property. Run by `fuzz/run.py` when atheris is installed; libFuzzer flags pass through
(`python fuzz/atheris_target.py -runs=20000`)."""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["dancoso"]):
    import dancoso
    from dancoso.model import EVIDENCE_TYPES, Dossier, Period, Ratio, Unit
    from dancoso.scoring import Rubric, Scorecard

import harness

CLASSES = (Dossier, Unit, Period, Ratio, Rubric, Scorecard, *EVIDENCE_TYPES)


def one_input(data: bytes) -> None:
    """Pick a loader from the first byte and feed it the rest, as bytes or as text."""
    fdp = atheris.FuzzedDataProvider(data)
    which = fdp.ConsumeIntInRange(0, 5)
    as_text = fdp.ConsumeBool()
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    doc: str | bytes = raw.decode("utf-8", "surrogateescape") if as_text else raw
    if which == 0:
        call = lambda: dancoso.load_dossier(doc)  # noqa: E731
    elif which == 1:
        call = lambda: dancoso.load_rubric(doc)  # noqa: E731
    elif which == 2:
        call = lambda: dancoso.load_scorecard(doc)  # noqa: E731
    else:
        cls = CLASSES[raw[0] % len(CLASSES)] if raw else Dossier
        call = lambda: dancoso.loads(cls, doc)  # noqa: E731
    harness.check(call)  # raises harness.Unexpected: atheris reports it as a crash


def main() -> None:
    harness.seeds()
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
