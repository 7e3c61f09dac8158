"""Mutants of `scoring/_evaluate.py`: clips, paths for small and large tables, adjustments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from dancoso.scoring import CompiledRubric, Registry, Rubric, compile_rubric
from dancoso.scoring._evaluate import CHUNK_ROWS, TOGETHER_ROWS, score_years

NAN = np.nan


def table(rows: list[list[float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Values, applicability (everything applies) and one year each."""
    v = np.array(rows, dtype=float)
    return v, np.ones(v.shape, dtype=bool), np.ones(v.shape)


@pytest.fixture
def pair(build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry) -> Any:
    """Compile a rubric of one section of two satisfaction criteria with the given methods
    (the section's aggregator and the rubric head's extra TOML as asked)."""

    def _pair(
        first: str = "goalposts",
        second: str = "goalposts",
        *,
        aggregator: str = "weighted_mean",
        head: str = "",
        policy: str = "renormalise",
    ) -> CompiledRubric:
        params = {"goalposts": "worst = 0.0, best = 1.0", "double": "", "negate": ""}
        rubric = build(
            sect(
                "s",
                crit("a", "m.satisfaction", first, params[first]),
                crit("b", "m.satisfaction", second, params[second]),
                extra=f'aggregator = "{aggregator}"\nna_policy = "{policy}"\n',
            ),
            extra=head,
        )
        return compile_rubric(rubric, registry)

    return _pair


# --------------------------------------------------------------------------- clips
def test_method_scores_above_one_or_below_zero_are_clipped(pair: Any) -> None:
    """A plugin method's output is clipped to [0, 1] before it counts."""
    comp = pair("double", "negate")
    ev = comp.evaluate(*table([[0.75, 0.75]]))
    assert ev.criterion_scores.tolist() == [[1.0, 0.0]]
    assert ev.total.tolist() == [50.0]


def test_method_clip_keeps_missing_missing(pair: Any) -> None:
    """Clipping never turns a value without evidence into a score."""
    comp = pair("double", "negate")
    ev = comp.evaluate(*table([[NAN, 0.5]]))
    assert np.isnan(ev.criterion_scores[0, 0])
    assert ev.criterion_scores[0, 1] == 0.0


@pytest.mark.parametrize(
    ("aggregator", "node", "total"), [("overshoot", 1.0, 100.0), ("undershoot", 0.0, 0.0)]
)
def test_section_aggregator_outputs_are_clipped(
    pair: Any, aggregator: str, node: float, total: float
) -> None:
    """A section whose aggregator leaves [0, 1] is clipped to it; the total stays in [0, 100]."""
    comp = pair(aggregator=aggregator)
    ev = comp.evaluate(*table([[0.5, 0.5]]))
    assert ev.node_scores[0].tolist() == [node, node]
    assert ev.total.tolist() == [total]
    assert ev.total_low.tolist() == ev.total_high.tolist() == [total]


@pytest.mark.parametrize(("aggregator", "total"), [("overshoot", 100.0), ("undershoot", 0.0)])
def test_rubric_aggregator_outputs_are_clipped(pair: Any, aggregator: str, total: float) -> None:
    """The rubric's own aggregator is clipped too: the total never leaves the scale."""
    comp = pair(head=f'aggregator = "{aggregator}"')
    ev = comp.evaluate(*table([[0.5, 0.5]]))
    assert ev.total.tolist() == [total]


@pytest.mark.parametrize(
    ("aggregator", "low", "high"), [("overshoot", 100.0, 100.0), ("undershoot", 0.0, 0.0)]
)
def test_bounds_of_large_tables_are_clipped(
    pair: Any, aggregator: str, low: float, high: float
) -> None:
    """Bounds of tables past `TOGETHER_ROWS` (the upward pass alone) are clipped as well."""
    comp = pair(aggregator=aggregator)
    n = TOGETHER_ROWS + 1
    v, a, y = table([[0.5, NAN]] * n)
    ev = comp.evaluate(v, a, y)
    assert set(ev.total_low.tolist()) == {low}
    assert set(ev.total_high.tolist()) == {high}


# --------------------------------------------------------------------------- table sizes
def _mixed(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`n` rows cycling through full, partial and absent evidence, some not applicable."""
    patterns = [[0.2, 0.9], [NAN, 0.4], [0.7, NAN], [NAN, NAN], [1.0, 0.0], [0.3, 0.3]]
    v = np.array([patterns[i % len(patterns)] for i in range(n)], dtype=float)
    a = np.ones(v.shape, dtype=bool)
    a[5::6, 1] = False
    return v, a, np.ones(v.shape)


@pytest.mark.parametrize("policy", ["renormalise", "zero", "block"])
@pytest.mark.parametrize("aggregator", ["weighted_mean", "geometric_mean", "minimum"])
def test_large_tables_score_rows_as_small_ones_do(pair: Any, policy: str, aggregator: str) -> None:
    """Rows score the same in a table past `TOGETHER_ROWS` as in a small one, bounds too."""
    comp = pair(aggregator=aggregator, policy=policy)
    big = comp.evaluate(*_mixed(TOGETHER_ROWS + 6))
    small = comp.evaluate(*_mixed(6))
    for field in ("total", "total_low", "total_high", "coverage"):
        np.testing.assert_array_equal(getattr(big, field)[:6], getattr(small, field), err_msg=field)
    for field in ("node_scores", "node_low", "node_high", "criterion_points", "node_blocked"):
        np.testing.assert_array_equal(getattr(big, field)[:6], getattr(small, field), err_msg=field)


def test_expected_bounds_of_a_small_table(pair: Any) -> None:
    """Missing evidence bounds the total by its scores at 0 and at 1, row by row."""
    comp = pair()
    ev = comp.evaluate(*_mixed(6))
    assert ev.total.tolist() == pytest.approx([55.0, 40.0, 70.0, 0.0, 50.0, 30.0])
    assert ev.total_low.tolist() == pytest.approx([55.0, 20.0, 35.0, 0.0, 50.0, 30.0])
    assert ev.total_high.tolist() == pytest.approx([55.0, 70.0, 85.0, 100.0, 50.0, 30.0])
    assert ev.coverage.tolist() == pytest.approx([1.0, 0.5, 0.5, 0.0, 1.0, 1.0])


def test_tables_past_a_chunk_score_as_their_slices(pair: Any) -> None:
    """A table of more than `CHUNK_ROWS` rows scores each row as a small table would."""
    comp = pair(policy="zero")
    n = CHUNK_ROWS + 6
    v, a, y = _mixed(n)
    big = comp.evaluate(v, a, y)
    small = comp.evaluate(v[-6:], a[-6:], y[-6:])
    assert big.total.shape == (n,)
    np.testing.assert_array_equal(big.total[-6:], small.total)
    np.testing.assert_array_equal(big.total_low[-6:], small.total_low)
    np.testing.assert_array_equal(big.total_high[-6:], small.total_high)


def test_without_bounds_they_are_nan(pair: Any) -> None:
    """Asked for no bounds, the totals are given and the bounds are NaN."""
    comp = pair()
    ev = comp.evaluate(*_mixed(6), bounds=False)
    assert ev.total.tolist() == pytest.approx([55.0, 40.0, 70.0, 0.0, 50.0, 30.0])
    assert np.isnan(ev.total_low).all()
    assert np.isnan(ev.total_high).all()
    assert np.isnan(ev.node_low).all()
    assert np.isnan(ev.node_high).all()


def test_own_bounds_of_an_uncertain_score_widen_the_totals(pair: Any) -> None:
    """A criterion with its own low and high scores (a yearly duty) bounds the total by them."""
    comp = pair()
    scores = np.array([[0.5, 1.0]])
    app = np.ones((1, 2), dtype=bool)
    ev = comp.aggregate(scores, app, low=np.array([[0.25, NAN]]), high=np.array([[0.75, NAN]]))
    assert ev.total.tolist() == [75.0]
    assert ev.total_low.tolist() == [62.5]
    assert ev.total_high.tolist() == [87.5]


# --------------------------------------------------------------------------- yearly duties
@pytest.fixture
def yearly(build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry) -> Any:
    rubric = build(sect("s", crit("d", "m.dialogues", "target", "per_year = 2")))
    return compile_rubric(rubric, registry).criteria[0]


def test_years_are_scored_each_against_their_own_target(yearly: Any) -> None:
    """A surplus in one year does not make up another's shortfall; years weigh by length."""
    ys = score_years(yearly, np.array([4.0, 0.0]), np.array([1.0, 1.0]), np.array([365.0, 365.0]))
    assert ys.scores.tolist() == [1.0, 0.0]
    assert (ys.score, ys.low, ys.high) == (0.5, 0.5, 0.5)
    half = score_years(yearly, np.array([1.0, 2.0]), np.array([0.5, 1.0]), np.array([181.0, 365.0]))
    assert half.scores.tolist() == [1.0, 1.0]
    assert half.score == 1.0


def test_a_year_without_evidence_bounds_the_mean(yearly: Any) -> None:
    """A year without evidence is left out of the score and bounds it at 0 and 1."""
    ys = score_years(yearly, np.array([1.0, NAN, 2.0]), np.array([1.0, 1.0, 2.0]), np.ones(3))
    assert ys.scores[0] == 0.5
    assert np.isnan(ys.scores[1])
    assert ys.scores[2] == 0.5
    assert ys.score == pytest.approx(0.5)
    assert ys.low == pytest.approx(1.5 / 4)
    assert ys.high == pytest.approx(2.5 / 4)


def test_years_of_zero_months_weigh_by_days(yearly: Any) -> None:
    """Spans too short to round to a month weigh by their days, each target being met."""
    ys = score_years(yearly, np.array([0.0, NAN]), np.zeros(2), np.array([3.0, 1.0]))
    assert ys.scores[0] == 1.0
    assert (ys.score, ys.low, ys.high) == (1.0, 0.75, 1.0)


def test_no_year_with_evidence_has_no_score(yearly: Any) -> None:
    """Without evidence in any year the score is NaN and the bounds are 0 and 1."""
    ys = score_years(yearly, np.array([NAN, NAN]), np.ones(2), np.ones(2))
    assert np.isnan(ys.score)
    assert (ys.low, ys.high) == (0.0, 1.0)


def test_yearly_scores_of_a_plugin_are_clipped(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """Year by year, a method's output is clipped to [0, 1] as it is over the period."""
    rubric = build(sect("s", crit("d", "m.dialogues", "double")))
    c = compile_rubric(rubric, registry).criteria[0]
    ys = score_years(c, np.array([3.0, 0.25]), np.ones(2), np.ones(2))
    assert ys.scores.tolist() == [1.0, 0.5]
    assert ys.score == 0.75


# --------------------------------------------------------------------------- adjustments
@pytest.fixture
def adjusted(build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry) -> Any:
    """A standard criterion, a deduction of 30 points and a bonus of 10."""
    rubric = build(
        sect(
            "s",
            crit("a", "m.satisfaction", "goalposts", "worst = 0.0, best = 1.0"),
            crit(
                "minus",
                "m.satisfaction",
                "goalposts",
                "worst = 0.0, best = 1.0",
                extra='role = "deduction"\npoints = 30\n',
            ),
            crit(
                "plus", "m.dialogues", "threshold", "at = 4", extra='role = "bonus"\npoints = 10\n'
            ),
        )
    )
    return compile_rubric(rubric, registry)


def test_deductions_and_bonuses_adjust_the_total(adjusted: Any) -> None:
    """A deduction takes `points × (1 − score)`, a bonus adds `points × score`."""
    ev = adjusted.evaluate(*table([[0.8, 0.5, 4.0]]))
    assert ev.total.tolist() == pytest.approx([80.0 - 15.0 + 10.0])
    assert ev.criterion_points[0].tolist() == pytest.approx([80.0, -15.0, 10.0])
    assert ev.criterion_max[0].tolist() == pytest.approx([100.0, 30.0, 10.0])
    assert (adjusted.scale, adjusted.max_total) == (100.0, 110.0)


def test_deductions_past_the_standard_total_are_scaled_down(adjusted: Any) -> None:
    """Deductions never take the standard total below 0, and the points still add up."""
    ev = adjusted.evaluate(*table([[0.1, 0.0, 4.0]]))
    assert ev.total.tolist() == pytest.approx([10.0])
    assert ev.criterion_points[0].tolist() == pytest.approx([10.0, -10.0, 10.0])
    assert float(ev.criterion_points.sum()) == pytest.approx(float(ev.total[0]))


def test_adjustments_without_evidence_do_nothing_but_bound(adjusted: Any) -> None:
    """A deduction or bonus without evidence changes the total not at all, the bounds fully."""
    ev = adjusted.evaluate(*table([[0.8, NAN, NAN]]))
    assert ev.total.tolist() == pytest.approx([80.0])
    assert ev.criterion_points[0].tolist() == pytest.approx([80.0, 0.0, 0.0])
    assert ev.total_low.tolist() == pytest.approx([50.0])
    assert ev.total_high.tolist() == pytest.approx([90.0])


def test_adjusted_bounds_of_large_tables(adjusted: Any) -> None:
    """Past `TOGETHER_ROWS`, bounds with deductions and bonuses match a small table's."""
    n = TOGETHER_ROWS + 2
    rows = [[0.8, NAN, NAN], [NAN, 0.5, 4.0]] * (n // 2)
    big = adjusted.evaluate(*table(rows))
    small = adjusted.evaluate(*table(rows[:2]))
    np.testing.assert_allclose(big.total_low[:2], small.total_low)
    np.testing.assert_allclose(big.total_high[:2], small.total_high)
    assert small.total_low.tolist() == pytest.approx([50.0, 10.0])
    assert small.total_high.tolist() == pytest.approx([90.0, 95.0])


@pytest.mark.parametrize(
    ("aggregator", "node", "low"), [("overshoot", 1.0, 50.0), ("undershoot", 0.0, 0.0)]
)
def test_bounds_of_a_section_in_large_tables_are_clipped(
    build: Callable[..., Rubric],
    crit: Any,
    sect: Any,
    registry: Registry,
    aggregator: str,
    node: float,
    low: float,
) -> None:
    """Past `TOGETHER_ROWS`, a section's bounds stay in [0, 1] and weigh as such in its parent."""
    rubric = build(
        sect(
            "odd",
            crit("a", "m.satisfaction", "goalposts", "worst = 0.0, best = 1.0"),
            extra=f'aggregator = "{aggregator}"\n',
        ),
        sect("plain", crit("b", "m.satisfaction", "goalposts", "worst = 0.0, best = 1.0")),
    )
    comp = compile_rubric(rubric, registry)
    v, a, y = table([[0.5, NAN]] * (TOGETHER_ROWS + 1))
    ev = comp.evaluate(v, a, y)
    assert set(ev.node_low[:, 1].tolist()) == set(ev.node_high[:, 1].tolist()) == {node}
    assert set(ev.total_low.tolist()) == {low}
    small = comp.evaluate(v[:1], a[:1], y[:1])
    assert small.node_low[0, 1] == small.node_high[0, 1] == node
    assert small.total_low.tolist() == [low]


def test_a_method_never_scores_missing_evidence(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """A plugin method scoring NaN as 1 still leaves a criterion or year without evidence
    unscored."""
    rubric = build(sect("s", crit("d", "m.dialogues", "always")))
    comp = compile_rubric(rubric, registry)
    ev = comp.evaluate(*table([[NAN], [3.0]]))
    assert np.isnan(ev.criterion_scores[0, 0])
    assert ev.criterion_scores[1, 0] == 1.0
    ys = score_years(comp.criteria[0], np.array([NAN, 0.0]), np.ones(2), np.ones(2))
    assert np.isnan(ys.scores[0])
    assert (ys.score, ys.low, ys.high) == (1.0, 0.5, 1.0)


def test_short_years_weigh_by_their_months(yearly: Any) -> None:
    """Two half years weigh by months, not days; one half year with evidence has a score."""
    ys = score_years(yearly, np.array([1.0, 0.0]), np.array([0.5, 0.5]), np.array([100.0, 300.0]))
    assert ys.scores.tolist() == [1.0, 0.0]
    assert ys.score == 0.5
    one = score_years(yearly, np.array([1.0, NAN]), np.array([0.5, 0.5]), np.array([181.0, 184.0]))
    assert (one.score, one.low, one.high) == (1.0, 0.5, 1.0)


def test_a_bonus_below_one_point_is_a_bonus(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """A bonus of half a point adds half a point when met."""
    rubric = build(
        sect(
            "s",
            crit("a", "m.satisfaction", "goalposts", "worst = 0.0, best = 1.0"),
            crit("plus", "m.dialogues", "boolean", extra='role = "bonus"\npoints = 0.5\n'),
        )
    )
    comp = compile_rubric(rubric, registry)
    ev = comp.evaluate(*table([[0.5, 1.0]]))
    assert ev.total.tolist() == [pytest.approx(50.5)]
    assert ev.criterion_points[0].tolist() == pytest.approx([50.0, 0.5])
