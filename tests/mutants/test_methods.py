"""Mutants of `scoring/_methods.py`: each method's values, inverse, check and aggregator edges."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dancoso.scoring import REGISTRY, MethodSpec
from dancoso.scoring._methods import (
    BUILTIN_AGGREGATORS,
    BUILTIN_METHODS,
    bands,
    boolean,
    geometric_mean,
    goalposts,
    minimum,
    target,
    threshold,
    weighted_mean,
)

NAN = math.nan


def spec(name: str) -> MethodSpec:
    return next(m for m in BUILTIN_METHODS if m.name == name)


def arr(*xs: float) -> np.ndarray:
    return np.array(xs, dtype=float)


# --------------------------------------------------------------------------- goalposts
def test_goalposts_inverse_starts_from_worst() -> None:
    """The goalposts inverse is `worst + score × (best − worst)`, in either orientation."""
    inv = spec("goalposts").inverse
    assert inv(score=0.0, years=1.0, worst=0.5, best=1.0) == 0.5
    assert inv(score=0.5, years=1.0, worst=0.5, best=1.0) == 0.75
    assert inv(score=1.0, years=1.0, worst=0.5, best=1.0) == 1.0
    # lower is better: 60 days scores 0, 30 days scores 1
    assert inv(score=0.25, years=1.0, worst=60.0, best=30.0) == 52.5


def test_goalposts_inverse_undoes_the_method() -> None:
    """Scoring the value the inverse gives returns the score asked for."""
    inv = spec("goalposts").inverse
    for s in (0.1, 0.4, 0.9):
        v = inv(score=s, years=1.0, worst=20.0, best=70.0)
        assert goalposts(arr(v), years=1.0, worst=20.0, best=70.0)[0] == pytest.approx(s)


def test_goalposts_clip_and_keep_missing_with_tiny_gaps() -> None:
    """A tiny goalpost gap gives 0 or 1, never ±inf, and NaN stays NaN."""
    out = goalposts(arr(0.0, 1e-300, NAN), years=1.0, worst=0.0, best=1e-320)
    assert out[:2].tolist() == [0.0, 1.0]
    assert math.isnan(out[2])


def test_goalposts_check_refuses_equal_goalposts() -> None:
    """Goalposts that coincide are refused; distinct ones pass."""
    check = spec("goalposts").check
    assert check is not None
    assert check(worst=1.0, best=1.0) == ["worst and best must differ"]
    assert check(worst=1.0, best=2.0) == []


def test_goalposts_orientation_follows_the_goalposts() -> None:
    """Goalposts increase when best lies above worst, and only then."""
    inc = spec("goalposts").increasing
    assert inc(worst=0.0, best=1.0) is True
    assert inc(worst=1.0, best=0.0) is False


# --------------------------------------------------------------------------- threshold
def test_threshold_inverse_at_least() -> None:
    """To reach any positive score a value must reach `at`; score 0 needs nothing (−inf)."""
    inv = spec("threshold").inverse
    assert inv(score=1.0, years=1.0, at=5.0) == 5.0
    assert inv(score=0.5, years=1.0, at=5.0, direction="at_least") == 5.0
    assert inv(score=0.0, years=1.0, at=5.0) == -math.inf
    assert inv(score=-0.1, years=1.0, at=5.0) == -math.inf


def test_threshold_inverse_at_most() -> None:
    """Lower is better: any positive score needs at most `at`; score 0 allows anything (+inf)."""
    inv = spec("threshold").inverse
    assert inv(score=1.0, years=1.0, at=3.0, direction="at_most") == 3.0
    assert inv(score=0.0, years=1.0, at=3.0, direction="at_most") == math.inf


def test_threshold_keeps_missing_and_orientation() -> None:
    """NaN stays NaN, and the direction says which way the threshold improves."""
    out = threshold(arr(NAN, 5.0), years=1.0, at=5.0, direction="at_most")
    assert math.isnan(out[0])
    assert out[1] == 1.0
    inc = spec("threshold").increasing
    assert inc(at=1.0) is True
    assert inc(at=1.0, direction="at_most") is False


# --------------------------------------------------------------------------- target
def test_target_with_nothing_expected_is_met() -> None:
    """When the prorated target is zero (no whole month in force), any count meets it."""
    out = target(arr(0.0, 3.0, NAN), years=0.0, per_year=2.0)
    assert out[:2].tolist() == [1.0, 1.0]
    assert math.isnan(out[2])


def test_target_per_column_years() -> None:
    """Years may differ per column: each count is set against its own prorated target."""
    out = target(np.array([[1.0, 1.0, 1.0]]), years=np.array([[0.5, 1.0, 0.0]]), per_year=2.0)
    assert out.tolist() == [[1.0, 0.5, 1.0]]


def test_target_inverse_scales_with_the_years() -> None:
    """The count needed for a score is `score × per_year × years`."""
    inv = spec("target").inverse
    assert inv(score=0.5, years=2.0, per_year=3.0) == 3.0
    assert inv(score=1.0, years=0.5, per_year=4.0) == 2.0


def test_target_check_needs_a_positive_target() -> None:
    """A yearly target of 0 or less is refused."""
    check = spec("target").check
    assert check is not None
    assert check(per_year=0.0) == ["per_year must be above 0"]
    assert check(per_year=-1.0) == ["per_year must be above 0"]
    assert check(per_year=0.5) == []


def test_target_is_the_only_yearly_builtin() -> None:
    """Only `target` is scored year by year; every built-in takes array parameters."""
    assert [m.name for m in BUILTIN_METHODS if m.yearly] == ["target"]
    assert all(m.array_params for m in BUILTIN_METHODS)
    assert spec("target").increasing(per_year=1.0) is True


# --------------------------------------------------------------------------- bands
def test_bands_inverse_at_least() -> None:
    """Reaching a band's score takes reaching its lowest edge; the first band needs nothing."""
    inv = spec("bands").inverse
    edges, scores = [5.0, 10.0], [0.0, 0.5, 1.0]
    assert inv(score=0.0, years=1.0, edges=edges, scores=scores) == -math.inf
    assert inv(score=0.3, years=1.0, edges=edges, scores=scores) == 5.0
    assert inv(score=0.5, years=1.0, edges=edges, scores=scores) == 5.0
    assert inv(score=0.75, years=1.0, edges=edges, scores=scores) == 10.0
    assert inv(score=1.0, years=1.0, edges=edges, scores=scores) == 10.0


def test_bands_inverse_at_most() -> None:
    """Lower is better: a band's score takes being at most its edge; the first needs nothing."""
    inv = spec("bands").inverse
    edges, scores = [15.0, 30.0], [0.0, 0.5, 1.0]
    kw = {"years": 1.0, "edges": edges, "scores": scores, "direction": "at_most"}
    assert inv(score=0.0, **kw) == math.inf
    assert inv(score=0.5, **kw) == 30.0
    assert inv(score=1.0, **kw) == 15.0


def test_bands_inverse_beyond_the_top_score() -> None:
    """A score above every band's asks for the last edge reached (the best one)."""
    inv = spec("bands").inverse
    assert inv(score=0.9, years=1.0, edges=[5.0, 10.0], scores=[0.0, 0.5, 0.8]) == 10.0
    assert (
        inv(score=0.9, years=1.0, edges=[5.0, 10.0], scores=[0.0, 0.5, 0.8], direction="at_most")
        == 5.0
    )


def test_bands_inverse_values_reach_their_scores() -> None:
    """Scoring the value the inverse gives reaches at least the score asked for."""
    inv = spec("bands").inverse
    edges, scores = [2.0, 4.0, 8.0], [0.0, 0.25, 0.5, 1.0]
    for direction in ("at_least", "at_most"):
        for s in (0.1, 0.25, 0.4, 0.5, 1.0):
            v = inv(score=s, years=1.0, edges=edges, scores=scores, direction=direction)
            got = bands(arr(v), years=1.0, edges=edges, scores=scores, direction=direction)[0]
            assert got >= s


def test_bands_keep_missing_and_edges_exactly() -> None:
    """NaN stays NaN; a value on an edge reaches it, either way."""
    up = bands(arr(NAN, 5.0, 4.999), years=1.0, edges=[5.0], scores=[0.2, 0.9])
    assert math.isnan(up[0])
    assert up[1:].tolist() == [0.9, 0.2]
    down = bands(
        arr(NAN, 5.0, 5.001), years=1.0, edges=[5.0], scores=[0.2, 0.9], direction="at_most"
    )
    assert math.isnan(down[0])
    assert down[1:].tolist() == [0.9, 0.2]


def test_bands_check_states_each_problem() -> None:
    """Each malformed band table gets its own message; a good one none."""
    check = spec("bands").check
    assert check is not None
    assert check(edges=[1.0, 2.0], scores=[0.0, 0.5, 1.0]) == []
    assert check(edges=[1.0], scores=[0.0, 0.0]) == []  # equal scores and one edge are fine
    assert check(edges=[1.0, 2.0], scores=[0.0, 1.0]) == [
        "scores needs one more entry than edges (3, got 2)"
    ]
    assert check(edges=[1.0], scores=[0.0, 1.5]) == ["scores must lie in [0, 1]"]
    assert check(edges=[1.0], scores=[-0.5, 1.0]) == ["scores must lie in [0, 1]"]
    assert check(edges=[1.0], scores=[1.0, 0.5]) == ["scores must not decrease"]
    assert check(edges=[2.0, 2.0], scores=[0.0, 0.5, 1.0]) == ["edges must be strictly increasing"]
    assert check(edges=[], scores=[1.0]) == ["edges must be strictly increasing"]
    assert check(edges=[1.0], scores=[0.0, 1.0], direction="at_most") == []


def test_bands_orientation() -> None:
    """Bands increase unless their direction is `at_most`."""
    inc = spec("bands").increasing
    assert inc(edges=[1.0], scores=[0.0, 1.0]) is True
    assert inc(edges=[1.0], scores=[0.0, 1.0], direction="at_most") is False


# --------------------------------------------------------------------------- boolean
def test_boolean_inverse_and_missing() -> None:
    """A positive score needs a yes (1); score 0 any value (0). NaN stays NaN."""
    inv = spec("boolean").inverse
    assert inv(score=0.5, years=1.0) == 1.0
    assert inv(score=1.0, years=1.0) == 1.0
    assert inv(score=0.0, years=1.0) == 0.0
    out = boolean(arr(NAN, 2.0, -1.0), years=1.0)
    assert math.isnan(out[0])
    assert out[1:].tolist() == [1.0, 0.0]
    assert spec("boolean").increasing() is True


# --------------------------------------------------------------------------- aggregators
def test_weighted_mean_of_no_weight_is_zero_without_warning() -> None:
    """Zero weights give 0, not NaN or a division warning (filterwarnings is `error`)."""
    out = weighted_mean(np.array([[0.5, 1.0]]), np.array([[0.0, 0.0]]))
    assert out.tolist() == [0.0]


def test_geometric_mean_ignores_a_zero_without_weight() -> None:
    """A zero score carrying no weight does not zero the mean; weights shape it."""
    out = geometric_mean(np.array([[0.0, 0.25, 1.0]]), np.array([[0.0, 1.0, 1.0]]))
    assert out[0] == pytest.approx(0.5)
    skew = geometric_mean(np.array([[0.25, 1.0]]), np.array([[1.0, 3.0]]))
    assert skew[0] == pytest.approx(0.25**0.25)
    assert geometric_mean(np.array([[0.5]]), np.array([[0.0]])).tolist() == [1.0]


def test_minimum_over_children_with_weight() -> None:
    """The minimum skips children without weight; with none weighted it is 0."""
    s = np.array([[0.2, 0.6, 0.9], [0.3, 0.4, 0.5]])
    w = np.array([[0.0, 1.0, 1.0], [0.0, 0.0, 0.0]])
    assert minimum(s, w).tolist() == [0.6, 0.0]


def test_points_aggregates_as_a_weighted_mean() -> None:
    """`points` earns the points over the points available: the weighted mean of scores."""
    points = next(a for a in BUILTIN_AGGREGATORS if a.name == "points")
    out = points.fn(scores=np.array([[1.0, 0.5]]), weights=np.array([[10.0, 30.0]]))
    assert out.tolist() == [pytest.approx(0.625)]
    assert [a.name for a in BUILTIN_AGGREGATORS] == [
        "weighted_mean",
        "geometric_mean",
        "minimum",
        "points",
    ]


def test_the_default_registry_holds_the_builtins() -> None:
    """Every built-in method and aggregator is found by name in the default registry."""
    for m in BUILTIN_METHODS:
        assert REGISTRY.get_method(m.name) is m
    for a in BUILTIN_AGGREGATORS:
        assert REGISTRY.get_aggregator(a.name) is a


def test_bands_inverse_beyond_the_top_of_three_edges() -> None:
    """Past every band's score, the last edge reached is the best edge of all."""
    inv = spec("bands").inverse
    kw = {"years": 1.0, "edges": [2.0, 4.0, 8.0], "scores": [0.0, 0.25, 0.5, 0.8]}
    assert inv(score=0.9, **kw) == 8.0
    assert inv(score=0.9, direction="at_most", **kw) == 2.0


def test_target_of_a_tiny_yearly_target_is_met_without_warning() -> None:
    """A count over a vanishing target overflows to a full score, without a warning."""
    assert target(arr(1e300), years=1.0, per_year=1e-10).tolist() == [1.0]


def test_target_below_one_event_is_prorated() -> None:
    """A prorated target below one event still divides the count: 0.25 of 0.5 scores 0.5."""
    assert target(arr(0.25), years=0.5, per_year=1.0).tolist() == [0.5]
