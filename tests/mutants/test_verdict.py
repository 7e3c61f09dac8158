"""Mutants of `scoring/_verdict.py`: bands, caps, vetoes, coverage, blocks and certainty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from dancoso.scoring import CompiledRubric, Registry, Rubric, compile_rubric
from dancoso.scoring._verdict import EPS, Verdicts, band_of, verdicts

NAN = np.nan


def test_band_of_reaches_floors_with_tolerance() -> None:
    """A total reaches a floor at it (or a hair below); below every floor is band 0."""
    floors = np.array([0.0, 50.0, 80.0])
    totals = np.array([-1.0, 0.0, 49.99, 50.0 - EPS / 2, 50.0, 79.0, 80.0, 120.0])
    assert band_of(floors, totals).tolist() == [0, 0, 0, 1, 1, 1, 2, 2]
    assert band_of(np.array([10.0, 20.0]), np.array([5.0])).tolist() == [0]


@pytest.fixture
def gated(build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry) -> Any:
    """A standard criterion (weight 4), a gate capping at `mid` and a veto, all in one section."""

    def _gated(head: str = "", policy: str = "renormalise") -> CompiledRubric:
        rubric = build(
            sect(
                "s",
                crit(
                    "a",
                    "m.satisfaction",
                    "goalposts",
                    "worst = 0.0, best = 1.0",
                    extra="weight = 8\n",
                ),
                crit(
                    "gate",
                    "m.satisfaction",
                    "threshold",
                    "at = 0.5",
                    extra='gate = true\ncap_band = "mid"\n',
                ),
                crit(
                    "veto",
                    "m.satisfaction",
                    "threshold",
                    "at = 0.5",
                    extra='gate = true\ncap_band = "not_rated"\n',
                ),
                extra=f'na_policy = "{policy}"\n',
            ),
            extra=head,
        )
        return compile_rubric(rubric, registry)

    return _gated


def judge(comp: CompiledRubric, rows: list[list[float]]) -> Verdicts:
    v = np.array(rows, dtype=float)
    app = np.ones(v.shape, dtype=bool)
    return verdicts(comp, comp.evaluate(v, app, np.ones(v.shape)), app)


def test_a_met_gate_and_veto_leave_the_band(gated: Any) -> None:
    """All met: the band the total reaches, rated and certain."""
    vd = judge(gated(), [[1.0, 1.0, 1.0]])
    assert (vd.rated.tolist(), vd.band.tolist(), vd.uncapped.tolist()) == ([True], [2], [2])
    assert (vd.band_low.tolist(), vd.band_high.tolist(), vd.band_certain.tolist()) == (
        [2],
        [2],
        [True],
    )
    assert not vd.lowering.any()
    assert not vd.gate_missing.any()


def test_a_failed_gate_caps_and_lowers(gated: Any) -> None:
    """A failed gate caps the band at `mid` and is listed as lowering it."""
    vd = judge(gated(), [[1.0, 0.0, 1.0]])
    assert (vd.rated.tolist(), vd.band.tolist(), vd.capped.tolist(), vd.uncapped.tolist()) == (
        [True],
        [1],
        [1],
        [2],
    )
    assert vd.lowering.tolist() == [[True, False]]
    assert vd.vetoed.tolist() == [False]


def test_a_failed_gate_below_its_cap_lowers_nothing(gated: Any) -> None:
    """A gate failing when the total is already below its cap caps nothing further."""
    vd = judge(gated(), [[0.0, 0.0, 1.0]])
    assert (vd.band.tolist(), vd.uncapped.tolist()) == ([0], [0])
    assert vd.lowering.tolist() == [[False, False]]


def test_a_failed_veto_withholds_the_rating(gated: Any) -> None:
    """A failed veto makes the row not rated (band −1), caps nothing and lowers nothing."""
    vd = judge(gated(), [[1.0, 1.0, 0.0]])
    assert (vd.rated.tolist(), vd.band.tolist(), vd.capped.tolist(), vd.vetoed.tolist()) == (
        [False],
        [-1],
        [2],
        [True],
    )
    assert vd.lowering.tolist() == [[False, False]]


def test_a_gate_scored_a_hair_below_one_is_met(gated: Any) -> None:
    """Scores within `EPS` of 1 meet a gate."""
    comp = gated()
    scores = np.array([[1.0, 1.0 - EPS / 2, 1.0]])
    app = np.ones(scores.shape, dtype=bool)
    vd = verdicts(comp, comp.aggregate(scores, app), app)
    assert vd.band.tolist() == [2]
    assert vd.lowering.tolist() == [[False, False]]


def test_gates_without_evidence_bound_the_band(gated: Any) -> None:
    """Gates without evidence cap nothing; `band_low` counts them failed, and a veto without
    evidence leaves the band uncertain."""
    vd = judge(gated(), [[1.0, NAN, NAN]])
    assert (vd.rated.tolist(), vd.band.tolist()) == ([True], [2])
    assert vd.gate_missing.tolist() == [[True, True]]
    assert (vd.band_low.tolist(), vd.band_high.tolist()) == ([1], [2])
    assert vd.band_certain.tolist() == [False]
    only_veto = judge(gated(), [[1.0, 1.0, NAN]])
    assert (only_veto.band_low.tolist(), only_veto.band_high.tolist()) == ([2], [2])
    assert only_veto.band_certain.tolist() == [False]


def test_gates_need_evidence_withholds_the_rating(gated: Any) -> None:
    """With `gates_need_evidence`, a gate without evidence makes the row not rated."""
    vd = judge(gated("gates_need_evidence = true"), [[1.0, NAN, 1.0], [1.0, 1.0, 1.0]])
    assert vd.ungated.tolist() == [True, False]
    assert vd.rated.tolist() == [False, True]
    assert vd.band.tolist() == [-1, 2]


def test_coverage_below_the_minimum_withholds_the_rating(gated: Any) -> None:
    """Coverage below `min_coverage` is insufficient; at it, sufficient."""
    comp = gated("min_coverage = 0.8")
    vd = judge(comp, [[1.0, 1.0, 1.0], [1.0, NAN, NAN], [NAN, 1.0, 1.0]])
    assert vd.insufficient.tolist() == [False, False, True]
    assert vd.rated.tolist() == [True, True, False]
    assert vd.band.tolist() == [2, 2, -1]


def test_a_block_section_without_evidence_withholds_the_rating(gated: Any) -> None:
    """A `block` section lacking evidence for a child is blocked and not rated."""
    vd = judge(gated(policy="block"), [[1.0, NAN, 1.0], [1.0, 1.0, 1.0]])
    assert vd.blocked.tolist() == [True, False]
    assert vd.rated.tolist() == [False, True]


def test_bands_of_bounds_are_zero_without_bounds(gated: Any) -> None:
    """Without bounds, their bands are the lowest band."""
    comp = gated()
    v = np.array([[1.0, 1.0, 1.0]])
    app = np.ones(v.shape, dtype=bool)
    vd = verdicts(comp, comp.evaluate(v, app, np.ones(v.shape), bounds=False), app)
    assert (vd.band.tolist(), vd.band_low.tolist(), vd.band_high.tolist()) == ([2], [0], [0])


def test_a_rubric_without_gates_caps_nothing(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """With no gate at all, the band is the total's."""
    rubric = build(sect("s", crit("a", "m.satisfaction", "goalposts", "worst = 0.0, best = 1.0")))
    comp = compile_rubric(rubric, registry)
    vd = judge(comp, [[0.6], [0.9], [NAN]])
    assert vd.band.tolist() == [1, 2, 0]
    assert vd.lowering.shape == (3, 0)
    assert (vd.band_low.tolist(), vd.band_high.tolist()) == ([1, 2, 0], [1, 2, 2])
    assert vd.band_certain.tolist() == [True, True, False]


def test_caps_apply_row_by_row(gated: Any) -> None:
    """A gate failing in one row caps that row only."""
    vd = judge(gated(), [[1.0, 0.0, 1.0], [1.0, 1.0, 1.0]])
    assert vd.band.tolist() == [1, 2]
    assert vd.capped.tolist() == [1, 2]
    assert vd.band_low.tolist() == [1, 2]
    assert vd.band_high.tolist() == [1, 2]


def test_a_total_a_tolerance_below_a_floor_reaches_it() -> None:
    """A total whose tolerance lands exactly on a floor reaches that band."""
    floors = np.array([0.0, 50.0, 80.0])
    assert band_of(floors, np.array([50.0 - EPS, 80.0 - EPS])).tolist() == [1, 2]


def test_a_gate_scored_exactly_a_tolerance_below_one_is_met(gated: Any) -> None:
    """A gate scored `1 − EPS` counts as met, like one scored 1."""
    comp = gated()
    scores = np.array([[1.0, 1.0 - EPS, 1.0]])
    app = np.ones(scores.shape, dtype=bool)
    vd = verdicts(comp, comp.aggregate(scores, app), app)
    assert vd.band.tolist() == [2]
    assert vd.lowering.tolist() == [[False, False]]


def test_an_unknown_veto_leaves_only_its_own_row_uncertain(gated: Any) -> None:
    """A veto without evidence in one row leaves the band of the other rows certain."""
    vd = judge(gated(), [[1.0, 1.0, NAN], [1.0, 1.0, 1.0]])
    assert vd.band_certain.tolist() == [False, True]


def test_a_missing_gate_capping_at_the_lowest_band_is_no_veto(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """A gate without evidence capping at the lowest band leaves a low total's band certain."""
    rubric = build(
        sect(
            "s",
            crit(
                "a", "m.satisfaction", "goalposts", "worst = 0.0, best = 1.0", extra="weight = 9\n"
            ),
            crit(
                "g",
                "m.satisfaction",
                "threshold",
                "at = 0.5",
                extra='gate = true\ncap_band = "low"\n',
            ),
        )
    )
    comp = compile_rubric(rubric, registry)
    vd = judge(comp, [[0.2, NAN]])
    assert (vd.band.tolist(), vd.band_low.tolist(), vd.band_high.tolist()) == ([0], [0], [0])
    assert vd.band_certain.tolist() == [True]
