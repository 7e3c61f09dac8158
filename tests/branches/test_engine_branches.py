"""The engine's boundaries: plugins that break their contract, rubrics the registry lacks."""

from __future__ import annotations

import datetime as dt

import pytest

import dancoso
from dancoso.model import Dossier, Period, Statement, Unit, UnitKind
from dancoso.scoring import (
    Registry,
    compile_rubric,
    load_rubric,
    overlap_fraction,
    score,
)

from .conftest import RUBRIC, mini_registry

REGIME = """unit_kinds = ["ward"]

[[regimes]]
id = "law"
title = { vi = "Luật", en = "Law" }
start = 2023-07-01
"""


def ward() -> Dossier:
    return Dossier(
        unit=Unit(id="w", kind=UnitKind.WARD, name="Phường X"),
        period=Period.year(2024),
        evidence=(Statement(id="s", text="Ý kiến"),),
    )


def test_an_indicator_returning_a_number_is_refused() -> None:
    """An indicator that returns 3 instead of a Measurement stops scoring with a DancosoError."""
    registry = mini_registry(statements=False)

    @registry.indicator(name="mini.statements", title=("Phát biểu", "Statements"))
    def bare(*, dossier: Dossier, context: object) -> int:
        return 3

    rubric = load_rubric(RUBRIC.replace('unit_kinds = ["ward"]\n', REGIME), registry=registry)
    with pytest.raises(
        dancoso.DancosoError,
        match=r"^indicator 'mini.statements' returned int, not a Measurement$",
    ):
        score(ward(), rubric, registry=registry)


def test_compiling_against_a_registry_without_the_names_is_refused(registry: Registry) -> None:
    """compile_rubric() with a registry that lacks the rubric's indicators lists each path."""
    rubric = load_rubric(RUBRIC, registry=registry)
    bare = Registry(entry_points=False)
    with pytest.raises(dancoso.InvalidInput) as info:
        compile_rubric(rubric, bare)
    paths = [p.path for p in info.value.problems]
    assert "$.sections[0].criteria[0].indicator" in paths
    assert "$.sections[0].criteria[1].method" in paths
    assert str(info.value).startswith("rubric 'mini' has ")


def test_disjoint_periods_do_not_overlap() -> None:
    """A period wholly outside another overlaps it by 0; one inside it by 1."""
    inner = Period(start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31))
    assert overlap_fraction(inner, Period.year(2022)) == 0.0
    assert overlap_fraction(inner, Period.year(2020)) == 1.0
