"""The compiled, level-by-level evaluation agrees with a plain walk of the rubric's tree.

`CompiledRubric.aggregate` combines all sections of one height at once, padded to one
width, and pushes shares and points down the tree for all columns together. The walk below
does the same one section at a time, in plain Python, so that every trick of the compiled
form is checked against the definition over generated rubrics: the bounds are, by
definition, the walk's totals with every missing score at 0 and at 1.
"""

from __future__ import annotations

import math
from typing import Any
from unittest import mock

import attrs
import numpy as np
import pytest
from hypothesis import given

from dancoso.errors import DancosoError
from dancoso.scoring import (
    AggregatorSpec,
    CompiledRubric,
    Evaluation,
    NAPolicy,
    Role,
    _evaluate,
    compile_rubric,
)

from .test_engine_properties import REG, _one_section, _registry, rubric_and_table


def _walk(
    comp: CompiledRubric, scores: list[float], applicable: list[bool], *, bounds: bool = True
) -> dict[str, Any]:
    """Every result of `aggregate` for one unit, one section at a time."""
    m, k = comp.m, len(comp.nodes)
    node_score = [math.nan] * k
    node_app = [False] * k
    missing_n, children_n, blocked = [0] * k, [0] * k, [False] * k
    used: dict[int, list[float]] = {}
    struct: dict[int, list[float]] = {}
    part: dict[int, list[float]] = {}

    def child(kind: str, i: int) -> tuple[bool, float]:
        return (applicable[i], scores[i]) if kind == "c" else (node_app[i], node_score[i])

    for node in reversed(comp.nodes):  # children come after their parents
        kids = [child(kind, i) for kind, i in node.children]
        w0 = [float(w) if a else 0.0 for (a, _), w in zip(kids, node.weights, strict=True)]
        miss = [a and math.isnan(s) for a, s in kids]
        renorm = node.na_policy is NAPolicy.RENORMALISE
        w = [0.0 if renorm and x else w for w, x in zip(w0, miss, strict=True)]
        filled = [0.0 if math.isnan(s) else s for _, s in kids]
        if kids:
            raw = node.aggregator.fn(scores=np.array([filled]), weights=np.array([w]))
            score = min(max(float(np.asarray(raw)[0]), 0.0), 1.0)
        else:  # only deductions and bonuses: nothing to combine
            score = math.nan
        applies = sum(w0) > 0
        if renorm and sum(w) <= 0:
            score = math.nan
        if node.na_policy is NAPolicy.BLOCK and any(miss):
            blocked[node.index] = applies  # counted as zero, and the rating is withheld
        node_score[node.index] = score if applies else math.nan
        node_app[node.index] = applies
        missing_n[node.index], children_n[node.index] = sum(miss), sum(a for a, _ in kids)
        used[node.index] = [x / sum(w) if sum(w) > 0 else 0.0 for x in w]
        struct[node.index] = [x / sum(w0) if sum(w0) > 0 else 0.0 for x in w0]
        contrib = [u * f for u, f in zip(used[node.index], filled, strict=True)]
        part[node.index] = [x / sum(contrib) if sum(contrib) > 0 else 0.0 for x in contrib]

    top = 0.0 if math.isnan(node_score[0]) else node_score[0]
    weight, points = [0.0] * (m + k), [0.0] * (m + k)
    weight[m], points[m] = 1.0, comp.scale * top
    for node in comp.nodes:  # parents before children
        for r, (kind, i) in enumerate(node.children):
            col = i if kind == "c" else m + i
            weight[col] = weight[m + node.index] * struct[node.index][r]
            points[col] = points[m + node.index] * part[node.index][r]
    covered = sum(weight[i] for i in range(m) if applicable[i] and not math.isnan(scores[i]))
    # deductions off the standard total, never below 0, then bonuses
    base = comp.scale * top
    taken: dict[int, float] = {}
    earned: dict[int, float] = {}
    for c in comp.criteria:
        i, role, most = c.index, c.criterion.role, c.criterion.points or 0.0
        if role is Role.STANDARD or not applicable[i] or math.isnan(scores[i]):
            continue
        if role is Role.DEDUCTION:
            taken[i] = most * (1 - scores[i])
        else:
            earned[i] = most * scores[i]
    asked = sum(taken.values())
    factor = base / asked if asked > base else 1.0
    for i, x in taken.items():
        points[i] = -x * factor
    for i, x in earned.items():
        points[i] = x
    total = base - asked * factor + sum(earned.values())
    out: dict[str, Any] = {
        "node_scores": node_score,
        "node_applicable": node_app,
        "node_missing": missing_n,
        "node_children": children_n,
        "node_blocked": blocked,
        "criterion_weight": weight[:m],
        "criterion_points": points[:m],
        "node_points": points[m:],
        "total": total,
        "coverage": min(covered, 1.0),
    }
    if bounds:  # by definition: the missing evidence at its worst and at its best
        for name, fill in (("low", 0.0), ("high", 1.0)):
            filled_in = [
                fill if a and math.isnan(x) else x for a, x in zip(applicable, scores, strict=True)
            ]
            done = _walk(comp, filled_in, applicable, bounds=False)
            out[f"total_{name}"] = done["total"]
            out[f"node_{name}"] = done["node_scores"]
    return out


@pytest.mark.parametrize("together_rows", [10**9, 0], ids=["by-level", "by-section"])
@given(case=rubric_and_table())
def test_compiled_evaluation_matches_a_plain_walk(
    together_rows: int, case: tuple[CompiledRubric, Any]
) -> None:
    """Section scores, counts, weights, points, total and coverage match, unit by unit,
    whether sections of one height are combined together (few rows) or one by one."""
    comp, t = case
    scores = comp.method_scores(t["values"], t["years"])
    scores = np.where(t["applicable"], scores, np.nan)
    with mock.patch.object(_evaluate, "TOGETHER_ROWS", together_rows):
        ev = comp.aggregate(scores, t["applicable"])
    for r in range(scores.shape[0]):
        want = _walk(comp, scores[r].tolist(), t["applicable"][r].tolist())
        for name, expected in want.items():
            got = getattr(ev, name)[r]
            np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9, err_msg=name)


@given(case=rubric_and_table(rows=5))
def test_large_tables_are_scored_in_slices_with_the_same_results(
    case: tuple[CompiledRubric, Any],
) -> None:
    """Scoring a table slice by slice gives exactly what scoring it at once gives."""
    comp, t = case
    whole = comp.evaluate(t["values"], t["applicable"], t["years"])
    with mock.patch.object(_evaluate, "CHUNK_ROWS", 2):
        sliced = comp.evaluate(t["values"], t["applicable"], t["years"])
    for f in attrs.fields(Evaluation):
        np.testing.assert_array_equal(getattr(sliced, f.name), getattr(whole, f.name), f.name)


def test_levels_group_sections_by_height() -> None:
    """Sections of one height are combined together, one aggregator call per run of them."""
    comp = _one_section(NAPolicy.ZERO, "minimum")
    heights = [lv.nodes.tolist() for lv in comp.levels]
    assert heights == [[1], [0]]  # the section, then the rubric's top
    assert [a.name for a, _ in comp.levels[0].calls] == ["minimum"]


def test_an_aggregator_returning_the_wrong_shape_is_named() -> None:
    """An aggregator must return one score per row; otherwise the error names it."""
    reg = _registry()
    bad = AggregatorSpec(
        name="bad_shape",
        fn=lambda *, scores, weights: np.zeros(3),
        description="Returns three scores whatever it is given.",
    )
    reg.aggregator(bad)
    comp = _one_section(NAPolicy.ZERO, "bad_shape", reg)
    with pytest.raises(DancosoError, match="aggregator 'bad_shape' returned shape"):
        comp.evaluate(np.zeros((2, 3)), np.ones((2, 3), dtype=bool), np.ones((2, 3)))


def test_compiling_twice_gives_the_same_levels() -> None:
    """Compiling is deterministic: the same rubric gives the same levels and columns."""
    a = _one_section(NAPolicy.BLOCK, "geometric_mean")
    b = compile_rubric(a.rubric, REG)
    assert [lv.columns.tolist() for lv in a.levels] == [lv.columns.tolist() for lv in b.levels]
    assert a.children.tolist() == b.children.tolist()
