"""Fuzzing in the suite: only `DancosoError` escapes a loader, and what loads comes back.

Hypothesis drives the mutators of `fuzz/harness.py` (the ones `make fuzz` runs hundreds
of thousands of times) over the bundled examples, the shipped rubrics and scorecards, as
text and as data, and feeds generated JSON and TOML values, random text and random bytes
to every loader. Sized by the Hypothesis profile (`ci`: a few seconds per test).
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dancoso
from dancoso import from_data, load_dossier, loads
from dancoso.scoring import Rubric, load_rubric, load_scorecard
from dancoso.strategies import dossiers

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"dancoso_fuzz_{name}", FUZZ / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


harness = _load("harness")
RELAXED = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def holds(call: Any) -> bool:
    """The property: True if it loaded and round-tripped, False if refused."""
    return bool(harness.check(call))


# --------------------------------------------------------------------------- mutated seeds
@pytest.mark.parametrize("loader", harness.LOADERS)
@RELAXED
@given(rng=st.randoms(use_true_random=False))
def test_mutated_examples_rubrics_and_scorecards(loader: str, rng: random.Random) -> None:
    """Mutated examples, rubrics and scorecards (text and data) load or raise DancosoError."""
    holds(harness.make_input(loader, rng))


@RELAXED
@given(
    rng=st.randoms(use_true_random=False),
    index=st.integers(0, 4),
    rounds=st.integers(1, 6),
)
def test_mutated_shipped_rubrics_as_data(rng: random.Random, index: int, rounds: int) -> None:
    """The shipped rubrics, changed in a few places as data, through from_data and, as
    TOML text, through load_rubric."""
    data = harness.mutate_data(harness.seeds().rubric_data[index], rng, rounds)
    holds(lambda: from_data(Rubric, data))
    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError, RecursionError):
        return  # not every mutation is TOML (None, non-text keys, huge numbers)
    holds(lambda: load_rubric(text))


@RELAXED
@given(rng=st.randoms(use_true_random=False), rounds=st.integers(1, 5))
def test_mutated_example_text_as_bytes_and_str(rng: random.Random, rounds: int) -> None:
    """Text edits of the examples, as str and as UTF-8 bytes (lone surrogates passed as
    surrogatepass bytes, which are not UTF-8)."""
    text = harness.mutate_text(rng.choice(harness.seeds().dossier_texts), rng, rounds)
    holds(lambda: load_dossier(text))
    holds(lambda: load_dossier(text.encode("utf-8", "surrogatepass")))


# --------------------------------------------------------------------------- generated values
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["ward", "statement", "2021-01-01", "co-giang", "\u200b", "P\ud800"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["unit", "period", "evidence", "id", "kind", "name", "type", "start"])
            | st.text(max_size=8),
            inner,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@RELAXED
@given(value=JSON_VALUES, cls=st.sampled_from(harness.MODEL_CLASSES))
def test_generated_json_values_into_from_data_and_loads(value: Any, cls: type) -> None:
    """Any JSON value, to from_data and (as JSON text) to loads, for every class."""
    holds(lambda: from_data(cls, value))
    text = json.dumps(value, allow_nan=True)
    holds(lambda: loads(cls, text, format="json"))


TOML_SCALARS = (
    st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.dates()
    | st.sampled_from(["ward", "statement", "2021-01-01"])
)
TOML_TABLES = st.recursive(
    st.dictionaries(st.text(max_size=8), TOML_SCALARS, max_size=4),
    lambda inner: st.dictionaries(
        st.sampled_from(["unit", "period", "evidence", "sections", "bands", "x"])
        | st.text(max_size=8),
        inner | st.lists(inner, max_size=3) | TOML_SCALARS,
        max_size=4,
    ),
    max_leaves=20,
)


@RELAXED
@given(table=TOML_TABLES)
def test_generated_toml_documents_into_every_text_loader(table: dict[str, Any]) -> None:
    """Any TOML document, to load_dossier, load_rubric and loads."""
    try:
        text = tomli_w.dumps(table)
    except (TypeError, ValueError):
        return  # tomli_w refuses some values (lone surrogates in keys, …)
    holds(lambda: load_dossier(text, format="toml"))
    holds(lambda: load_rubric(text, format="toml"))
    holds(lambda: loads(Rubric, text, format="toml"))


@RELAXED
@given(raw=st.binary(max_size=200))
def test_random_bytes_into_every_loader(raw: bytes) -> None:
    """Random bytes, to every loader that takes bytes."""
    holds(lambda: load_dossier(raw))
    holds(lambda: load_rubric(raw))
    holds(lambda: load_scorecard(raw))


@RELAXED
@given(text=st.text(max_size=200))
def test_random_text_into_every_loader(text: str) -> None:
    """Random text (lone surrogates included), to every loader."""
    holds(lambda: load_dossier(text))
    holds(lambda: load_rubric(text))
    holds(lambda: load_scorecard(text))


@RELAXED
@given(dossier=dossiers(max_evidence=4))
def test_generated_valid_dossiers_round_trip_and_score(dossier: dancoso.Dossier) -> None:
    """A valid dossier dumps as JSON and TOML, loads back equal, and scores (or raises a
    DancosoError, such as no legal regime in force)."""
    assert holds(lambda: load_dossier(dancoso.dump_dossier(dossier)))


# --------------------------------------------------------------------------- the script
def test_make_fuzz_script_runs_and_reports(capsys: pytest.CaptureFixture[str]) -> None:
    """`fuzz/run.py` with a small count reports counts per loader, the slowest input, the
    peak memory and whether atheris ran, and finds no failure."""
    run = _load("run")
    assert run.main(["--count", "250", "--workers", "1", "--atheris-runs", "300"]) == 0
    out = capsys.readouterr().out
    for loader in harness.LOADERS:
        assert f"\n{loader} " in out
    assert "slowest input: " in out
    assert "peak memory: " in out
    assert "\natheris: " in out
    assert out.rstrip().endswith("fuzz: every input held")
