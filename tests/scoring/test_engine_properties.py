"""Properties of the engine over generated rubrics and generated indicator values."""

from __future__ import annotations

import math
from typing import Any

import attrs
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from dancoso.scoring import (
    CompiledRubric,
    Measurement,
    NAPolicy,
    Registry,
    Role,
    Rubric,
    Section,
    compile_rubric,
)
from dancoso.scoring._methods import BUILTIN_AGGREGATORS, BUILTIN_METHODS
from dancoso.strategies import rubrics


def _registry() -> Registry:
    reg = Registry(entry_points=False)
    for m in BUILTIN_METHODS:
        reg.method(m)
    for a in BUILTIN_AGGREGATORS:
        reg.aggregator(a)
    for name, unit, direction in [
        ("p.share", "share", "higher"),
        ("p.count", "count", "higher"),
        ("p.flag", "bool", "higher"),
        ("p.days", "days", "lower"),
    ]:
        reg.indicator(
            lambda *, dossier, context: Measurement.missing(),
            name=name,
            title=(name, name),
            unit=unit,
            direction=direction,
        )
    return reg


REG = _registry()
SPAN = {"share": 1.0, "bool": 1.0, "count": 100.0, "days": 100.0}


@st.composite
def value_tables(draw: st.DrawFn, comp: CompiledRubric, rows: int = 3) -> dict[str, Any]:
    """Values (NaN for no evidence), applicability and years for `rows` units."""
    m = comp.m
    values = np.full((rows, m), np.nan)
    for c in comp.criteria:
        span = SPAN[c.indicator.unit]
        for r in range(rows):
            if draw(st.booleans()) or draw(st.booleans()):
                values[r, c.index] = draw(st.floats(0, span, allow_nan=False))
    applicable = np.array(
        [[draw(st.booleans()) or draw(st.booleans()) for _ in range(m)] for _ in range(rows)],
        dtype=bool,
    ).reshape(rows, m)
    years = np.full((rows, m), draw(st.sampled_from([0.25, 0.5, 1.0, 5.0])))
    return {"values": values, "applicable": applicable, "years": years}


@st.composite
def rubric_and_table(
    draw: st.DrawFn, rows: int = 3, points: bool | None = None
) -> tuple[CompiledRubric, dict[str, Any]]:
    rubric = draw(rubrics(indicators=REG.indicators(), points=points))
    comp = compile_rubric(rubric, REG)
    return comp, draw(value_tables(comp, rows=rows))


@given(rubric_and_table())
def test_totals_and_scores_are_bounded(case: tuple[CompiledRubric, dict[str, Any]]) -> None:
    """Totals lie in [0, max_total]; criterion and section scores in [0, 1]; coverage in
    [0, 1]."""
    comp, t = case
    ev = comp.evaluate(t["values"], t["applicable"], t["years"])
    assert np.all((ev.total >= 0) & (ev.total <= comp.max_total + 1e-9))
    assert np.all((ev.coverage >= 0) & (ev.coverage <= 1 + 1e-12))
    for a in (ev.criterion_scores, ev.node_scores):
        finite = a[~np.isnan(a)]
        assert np.all((finite >= 0) & (finite <= 1))


@given(rubric_and_table(), st.data())
def test_improving_a_value_never_lowers_any_score(
    case: tuple[CompiledRubric, dict[str, Any]], data: st.DataObject
) -> None:
    """A value moved in its good direction never lowers a criterion, section or total."""
    comp, t = case
    better = t["values"].copy()
    for c in comp.criteria:
        col = better[:, c.index]
        step = data.draw(st.floats(0, SPAN[c.indicator.unit], allow_nan=False))
        col += step if c.indicator.direction == "higher" else -step
    before = comp.evaluate(t["values"], t["applicable"], t["years"])
    after = comp.evaluate(better, t["applicable"], t["years"])
    tol = 1e-9
    for a, b in (
        (before.criterion_scores, after.criterion_scores),
        (before.node_scores, after.node_scores),
    ):
        both = ~np.isnan(a) & ~np.isnan(b)
        assert np.all(b[both] >= a[both] - tol)
        assert np.array_equal(np.isnan(a), np.isnan(b))
    assert np.all(after.total >= before.total - tol)


def _scale_weights(section: Section, target: str, factor: float) -> Section:
    if section.id == target:
        return attrs.evolve(
            section,
            sections=tuple(attrs.evolve(s, weight=s.weight * factor) for s in section.sections),
            criteria=tuple(
                # deductions and bonuses carry points, not weights
                attrs.evolve(c, weight=c.weight * factor) if c.points is None else c
                for c in section.criteria
            ),
        )
    return attrs.evolve(
        section, sections=tuple(_scale_weights(s, target, factor) for s in section.sections)
    )


@given(rubric_and_table(points=False), st.data(), st.floats(0.01, 100))
def test_scaling_a_nodes_weights_changes_nothing(
    case: tuple[CompiledRubric, dict[str, Any]], data: st.DataObject, factor: float
) -> None:
    """Multiplying every weight under one section by one factor changes no result."""
    comp, t = case
    rubric: Rubric = comp.rubric
    target = data.draw(st.sampled_from([s.id for _, s in rubric.walk() if isinstance(s, Section)]))
    scaled = attrs.evolve(
        rubric, sections=tuple(_scale_weights(s, target, factor) for s in rubric.sections)
    )
    a = comp.evaluate(t["values"], t["applicable"], t["years"])
    b = compile_rubric(scaled, REG).evaluate(t["values"], t["applicable"], t["years"])
    np.testing.assert_allclose(a.total, b.total, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(a.node_scores, b.node_scores, rtol=1e-9, atol=1e-9)


@given(rubric_and_table())
def test_rows_are_scored_independently(case: tuple[CompiledRubric, dict[str, Any]]) -> None:
    """Scoring a table gives each row what scoring it alone gives: batch and single agree."""
    comp, t = case
    together = comp.evaluate(t["values"], t["applicable"], t["years"]).total
    alone = [
        comp.evaluate(
            t["values"][r : r + 1], t["applicable"][r : r + 1], t["years"][r : r + 1]
        ).total[0]
        for r in range(t["values"].shape[0])
    ]
    np.testing.assert_allclose(together, alone, rtol=0, atol=1e-12)


def _one_section(policy: NAPolicy, aggregator: str, registry: Registry = REG) -> CompiledRubric:
    from dancoso.scoring import load_rubric

    text = f"""
id = "na"
version = "1"
title = {{ vi = "NA", en = "NA" }}
[[regimes]]
id = "any"
title = {{ vi = "Mọi lúc", en = "Any" }}
[[bands]]
id = "b"
label = {{ vi = "B", en = "B" }}
min_total = 0
[[sections]]
id = "s"
title = {{ vi = "S", en = "S" }}
na_policy = "{policy.value}"
aggregator = "{aggregator}"
""" + "".join(
        f"""
[[sections.criteria]]
id = "c{i}"
title = {{ vi = "C", en = "C" }}
indicator = "p.share"
method = "goalposts"
params = {{ worst = 0.0, best = 1.0 }}
weight = {w}
legal_basis = [{{ act = "Law 10/2022/QH15", article = 1 }}]
recommendation = {{ vi = "R", en = "R" }}
"""
        for i, w in enumerate((1.0, 2.0, 3.0))
    )
    return compile_rubric(load_rubric(text, registry=registry), registry)


@given(
    st.lists(st.floats(0, 1, allow_nan=False), min_size=3, max_size=3),
    st.lists(st.booleans(), min_size=3, max_size=3),
    st.sampled_from(["weighted_mean", "geometric_mean", "minimum"]),
)
def test_each_na_policy_does_what_it_says(
    values: list[float], present: list[bool], aggregator: str
) -> None:
    """Renormalise drops missing children; zero scores them 0; block scores them 0 too and
    flags the section, which withholds the rating."""
    v = np.array([x if p else math.nan for x, p in zip(values, present, strict=True)])[None, :]
    ones = np.ones((1, 3), dtype=bool)
    years = np.ones((1, 3))
    filled = np.nan_to_num(v)
    renorm = _one_section(NAPolicy.RENORMALISE, aggregator).evaluate(v, ones, years)
    zero = _one_section(NAPolicy.ZERO, aggregator).evaluate(v, ones, years)
    block = _one_section(NAPolicy.BLOCK, aggregator).evaluate(v, ones, years)
    # zero: as if the missing ones had scored 0
    full = _one_section(NAPolicy.ZERO, aggregator).evaluate(filled, ones, years)
    assert zero.total[0] == full.total[0]
    # renormalise: as if the missing ones were not applicable
    dropped = _one_section(NAPolicy.ZERO, aggregator).evaluate(filled, np.array([present]), years)
    assert renorm.total[0] == (dropped.total[0] if any(present) else 0.0)
    # block: like zero, and blocked as soon as one is missing
    assert block.total[0] == full.total[0]
    assert bool(block.node_blocked[0, 1]) is (not all(present))


@given(rubric_and_table())
def test_points_add_up_to_the_total(case: tuple[CompiledRubric, dict[str, Any]]) -> None:
    """Under any aggregator and N/A policy, criterion points add up to the total."""
    comp, t = case
    ev = comp.evaluate(t["values"], t["applicable"], t["years"])
    np.testing.assert_allclose(ev.criterion_points.sum(axis=1), ev.total, rtol=1e-9, atol=1e-7)
    standard = [c.index for c in comp.criteria if c.criterion.role is Role.STANDARD]
    assert np.all(ev.criterion_points[:, standard] >= 0)
