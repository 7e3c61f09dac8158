"""Rubric numbers within sane bounds, caches that let go, schemas for every class, and the
parent-loop check in linear time.

Regression tests for issue 12.
"""

from __future__ import annotations

import gc
import math
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import dancoso
from dancoso import InvalidInput, from_data, json_schema, to_data
from dancoso.model import Dossier, Model, Period, Unit, UnitKind
from dancoso.model._base import is_model_class
from dancoso.scoring import Rubric, reference_rubric, score
from dancoso.scoring._rubric import _HASHES, MAX_WEIGHT, MIN_WEIGHT


def problems_of(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInput) as info:
        from_data(Rubric, data)
    return [(p.path, p.message) for p in info.value.problems]


def ward() -> dict[str, Any]:
    return to_data(reference_rubric("ward"))


# --------------------------------------------------------------------------- weights
BAD_WEIGHTS: list[Any] = [
    pytest.param(1e308, "a weight is at most 1,000,000, got 1e+308", id="1e308"),
    pytest.param(5e-324, "a weight is 0 or at least 0.000001 (1e-6), got 5e-324", id="5e-324"),
    pytest.param(-1.0, "a weight cannot be below 0, got -1.0", id="negative"),
    pytest.param(math.nan, "expected a finite number, got nan", id="nan"),
    pytest.param(math.inf, "expected a finite number, got inf", id="inf"),
]


@pytest.mark.parametrize(("weight", "message"), BAD_WEIGHTS)
def test_criterion_weights_out_of_bounds_are_refused(weight: float, message: str) -> None:
    """Weights of 1e308 (a total of 0.0) or 5e-324 (a total of 2.2e-14) are refused at their
    path, in Python as from data."""
    data = ward()
    data["sections"][0]["criteria"][0]["weight"] = weight
    assert problems_of(data) == [("$.sections[0].criteria[0].weight", message)]


@pytest.mark.parametrize(("weight", "message"), BAD_WEIGHTS)
def test_section_weights_out_of_bounds_are_refused(weight: float, message: str) -> None:
    """The same bounds hold for sections."""
    data = ward()
    data["sections"][1]["weight"] = weight
    assert problems_of(data) == [("$.sections[1].weight", message)]


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("weight", [0.0, MIN_WEIGHT, MAX_WEIGHT])
def test_every_weight_within_bounds_scores_to_a_total_in_range(weight: float) -> None:
    """At the bounds, the first section's criteria against all the rest, totals stay finite
    and within 0–100, and points add up to the total."""
    data = ward()
    for crit in data["sections"][0].get("criteria", []):
        crit["weight"] = weight
    rubric = from_data(Rubric, data)
    card = score(dancoso.load_dossier(EXAMPLES / "co-giang-2021.json"), rubric)
    assert math.isfinite(card.total)
    assert 0 <= card.total <= 100
    assert math.isclose(sum(c.points for c in card.criteria), card.total, abs_tol=1e-6)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (math.nan, "expected a finite number, got nan"),
        (1.5, "must lie in [0, 1], got 1.5"),
        (-0.1, "must lie in [0, 1], got -0.1"),
    ],
)
def test_min_coverage_must_be_finite_and_within_0_and_1(value: float, message: str) -> None:
    """min_coverage NaN is refused with a clear message (it slipped past `not 0 <= x <= 1`
    only by luck)."""
    data = ward()
    data["min_coverage"] = value
    assert problems_of(data) == [("$.min_coverage", message)]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (math.nan, "expected a finite number, got nan"),
        (math.inf, "expected a finite number, got inf"),
        (101.0, "101 is above the most the total can reach (100)"),
    ],
)
def test_band_totals_must_be_finite_and_reachable(value: float, message: str) -> None:
    """A band's min_total of NaN passed both bounds before; now it is refused at its path,
    as is one above the most the total can reach (100 here; more on a points sheet)."""
    data = ward()
    data["bands"][-1]["min_total"] = value
    found = problems_of(data)
    assert found[0] == (f"$.bands[{len(data['bands']) - 1}].min_total", message)


def test_nan_weights_in_python_construction_are_refused() -> None:
    """Criterion(weight=nan) from Python is refused like the data form."""
    crit = reference_rubric("ward").criteria()[0]
    with pytest.raises(InvalidInput) as info:
        type(crit)(**{**{a: getattr(crit, a) for a in _fields(crit)}, "weight": math.nan})
    assert info.value.paths == ("$.weight",)


def _fields(obj: object) -> list[str]:
    import attrs

    return [a.name for a in attrs.fields(type(obj))]  # type: ignore[misc]


# --------------------------------------------------------------------------- caches
def test_rubric_hashes_are_not_kept_for_rubrics_that_are_gone() -> None:
    """Hashing 300 rubrics and dropping them leaves no entry behind (memory grew for good)."""
    base = ward()
    gc.collect()
    before = len(_HASHES)
    for i in range(300):
        r = from_data(Rubric, {**base, "version": f"v{i}"})
        assert len(r.hash) == 64
        del r
    gc.collect()
    assert len(_HASHES) <= before


def test_a_live_rubric_keeps_its_hash_and_a_new_object_gets_its_own() -> None:
    """The cache is by identity while the rubric lives; an equal rubric hashes the same."""
    a = from_data(Rubric, ward())
    b = from_data(Rubric, ward())
    assert a.hash == a.hash == b.hash


# --------------------------------------------------------------------------- schemas
def _all_model_classes() -> list[type[Model]]:
    import dancoso.model
    import dancoso.scoring

    out: list[type[Model]] = []
    for module in (dancoso.model, dancoso.scoring):
        for name in module.__all__:
            obj = getattr(module, name)
            if is_model_class(obj) and obj not in out:
                out.append(obj)
    return out


@pytest.mark.parametrize("cls", _all_model_classes(), ids=lambda c: c.__name__)
def test_json_schema_exists_for_every_model_class(cls: type[Model]) -> None:
    """json_schema works for every model class, rubric classes included (it raised for
    Rubric, Section and Criterion), and is a valid 2020-12 schema."""
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("rubric_id", ["commune", "agency", "soe", "employer", "local"])
def test_every_shipped_rubric_validates_against_the_rubric_schema(rubric_id: str) -> None:
    """The rubric schema accepts every shipped rubric's data, parameters included."""
    jsonschema.Draft202012Validator(json_schema(Rubric)).validate(
        to_data(dancoso.scoring.rubric(rubric_id))
    )


# --------------------------------------------------------------------------- parent loop
def _chain(n: int, *, loop: bool) -> tuple[Unit, tuple[Unit, ...]]:
    def parent(i: int) -> str | None:
        if i + 1 < n:
            return f"u{i + 1}"
        return "u0" if loop else None

    units = tuple(
        Unit(id=f"u{i}", kind=UnitKind.WARD, name=f"U{i}", parent=parent(i)) for i in range(n)
    )
    return Unit(id="root", kind=UnitKind.WARD, name="Root", parent="u0"), units


@pytest.mark.parametrize("loop", [False, True], ids=["chain", "loop"])
def test_the_parent_loop_check_is_linear(loop: bool) -> None:
    """20,000 related units in one chain of parents are checked in seconds (8,000 took
    33 s, 20,000 more than 60 s), and a loop through all of them is found for every unit."""
    unit, related = _chain(20_000, loop=loop)
    start = time.perf_counter()
    if loop:
        with pytest.raises(InvalidInput) as info:
            Dossier(unit=unit, period=Period.year(2021), related_units=related)
        assert len(info.value.problems) == 20_001
        assert info.value.problems[0].message == "parents of 'root' form a loop"
    else:
        Dossier(unit=unit, period=Period.year(2021), related_units=related)
    assert time.perf_counter() - start < 10


def test_a_unit_leading_into_a_self_parent_is_reported_once_each() -> None:
    """A unit that is its own parent, and one whose chain reaches it: each gets its problem."""
    a = Unit(id="a", kind=UnitKind.WARD, name="A", parent="b")
    b = Unit(id="b", kind=UnitKind.WARD, name="B", parent="b")
    with pytest.raises(InvalidInput) as info:
        Dossier(unit=a, period=Period.year(2021), related_units=(b,))
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("$.unit.parent", "parents of 'a' form a loop"),
        ("$.related_units[0].parent", "a unit cannot be its own parent"),
    ]
