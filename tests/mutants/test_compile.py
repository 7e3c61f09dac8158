"""Mutants of `scoring/_compile.py`: the tree as levels, methods grouped, caps and adjustments."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from dancoso.errors import InvalidInput
from dancoso.model import Dossier, Period, Ratio, Satisfaction, Unit, UnitKind
from dancoso.scoring import (
    CompiledRubric,
    MethodSpec,
    ParamSpec,
    Registry,
    Rubric,
    compile_rubric,
    score,
)
from dancoso.scoring._methods import BUILTIN_AGGREGATORS, BUILTIN_METHODS

NAN = np.nan


def evaluate(comp: CompiledRubric, rows: list[list[float]], *, bounds: bool = True) -> Any:
    v = np.array(rows, dtype=float)
    return comp.evaluate(v, np.ones(v.shape, dtype=bool), np.ones(v.shape), bounds=bounds)


def sat(crit: Any, cid: str, extra: str = "") -> str:
    return crit(cid, "m.satisfaction", "goalposts", "worst = 0.0, best = 1.0", extra=extra)


@pytest.fixture
def mixed(build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry) -> CompiledRubric:
    """Three sections of one height with three aggregators, and a deeper one under the last.

    Top (weighted mean): `mean` (weight 1), `low` (minimum, weight 2), `geo` (geometric
    mean, weight 1) holding `deep` (weighted mean) and a criterion.
    """
    deep = (
        "[[sections.sections.sections]]\n"
        'id = "deep"\ntitle = { vi = "deep", en = "deep" }\n'
        + sat(crit, "d1").replace(
            "[[sections.criteria]]", "[[sections.sections.sections.criteria]]"
        )
        + sat(crit, "d2", "weight = 3\n").replace(
            "[[sections.criteria]]", "[[sections.sections.sections.criteria]]"
        )
    )
    geo = (
        "[[sections.sections]]\n"
        'id = "geo"\ntitle = { vi = "geo", en = "geo" }\naggregator = "geometric_mean"\n'
        + sat(crit, "g1").replace("[[sections.criteria]]", "[[sections.sections.criteria]]")
        + deep
    )
    rubric = build(
        sect("mean", sat(crit, "m1"), sat(crit, "m2")),
        sect("low", sat(crit, "l1"), sat(crit, "l2"), extra='aggregator = "minimum"\nweight = 2\n'),
        sect("outer", extra="") + geo,
    )
    return compile_rubric(rubric, registry)


def test_sections_of_one_height_keep_their_own_aggregators(mixed: CompiledRubric) -> None:
    """Sections combined together each use their own aggregator and weights."""
    ev = evaluate(mixed, [[0.2, 0.6, 0.9, 0.3, 0.0, 1.0, 0.25]])
    ids = [n.id for n in mixed.nodes]
    scores = dict(zip(ids, ev.node_scores[0].tolist(), strict=True))
    assert scores["mean"] == pytest.approx(0.4)
    assert scores["low"] == pytest.approx(0.3)
    assert scores["deep"] == pytest.approx(0.75)
    assert scores["geo"] == pytest.approx(math.sqrt(0.25 * 0.75))
    assert scores["outer"] == pytest.approx(math.sqrt(0.25 * 0.75))
    expected = (0.4 + 2 * 0.3 + math.sqrt(0.25 * 0.75)) / 4 * 100
    assert ev.total.tolist() == [pytest.approx(expected)]


def test_points_go_down_the_tree_and_add_up(mixed: CompiledRubric) -> None:
    """Every criterion's points, through three levels, add up to the total."""
    ev = evaluate(mixed, [[0.2, 0.6, 0.9, 0.3, 0.0, 1.0, 0.25]])
    assert float(ev.criterion_points.sum()) == pytest.approx(float(ev.total[0]))
    weights = ev.criterion_weight[0].tolist()
    assert sum(weights) == pytest.approx(1.0)
    assert weights[:4] == pytest.approx([0.125, 0.125, 0.25, 0.25])


def test_large_tables_of_nested_sections_agree(mixed: CompiledRubric) -> None:
    """Each section on its own (large tables) gives what sections combined together give."""
    rows = [[0.2, 0.6, 0.9, 0.3, 0.25, NAN, 1.0], [1.0, NAN, 0.5, 0.5, NAN, NAN, NAN]]
    small = evaluate(mixed, rows)
    big = evaluate(mixed, rows * 80)
    for field in ("total", "total_low", "total_high", "coverage", "node_scores"):
        np.testing.assert_allclose(getattr(big, field)[:2], getattr(small, field), err_msg=field)
    np.testing.assert_allclose(big.criterion_points[:2], small.criterion_points)


def test_levels_group_by_height(mixed: CompiledRubric) -> None:
    """Together, sections go by height, lowest first; on their own, children before parents."""
    ids = [n.id for n in mixed.nodes]
    together = [[ids[i] for i in level.nodes] for level in mixed.levels]
    assert together == [["low", "mean", "deep"], ["geo"], ["outer"], ["m"]]
    alone = [[ids[i] for i in level.nodes] for level in mixed.node_levels]
    assert alone == [["deep"], ["geo"], ["outer"], ["low"], ["mean"], ["m"]]
    first = mixed.levels[0]
    assert [a.name for a, _ in first.calls] == ["minimum", "weighted_mean"]


def test_criteria_sharing_a_method_keep_their_own_parameters(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """Criteria scored in one call each get their own numbers; other choices split groups."""
    rubric = build(
        sect(
            "s",
            crit("g1", "m.satisfaction", "goalposts", "worst = 0.0, best = 1.0"),
            crit("g2", "m.satisfaction", "goalposts", "worst = 0.5, best = 1.0"),
            crit("t1", "m.satisfaction", "threshold", "at = 0.5"),
            crit("t2", "m.satisfaction", "threshold", 'at = 0.5, direction = "at_least"'),
            crit("b1", "m.satisfaction", "bands", "edges = [0.5], scores = [0.0, 1.0]"),
            crit("b2", "m.satisfaction", "bands", "edges = [0.8], scores = [0.0, 1.0]"),
            crit("x", "m.satisfaction", "double"),
        )
    )
    comp = compile_rubric(rubric, registry)
    ev = evaluate(comp, [[0.6] * 7])
    assert ev.criterion_scores[0].tolist() == pytest.approx([0.6, 0.2, 1.0, 1.0, 1.0, 0.0, 1.0])
    names = sorted((g.method.name, tuple(g.columns.tolist())) for g in comp.groups)
    assert names == [
        ("bands", (4,)),
        ("bands", (5,)),
        ("double", (6,)),
        ("goalposts", (0, 1)),
        ("threshold", (2,)),
        ("threshold", (3,)),
    ]


def test_adjustments_gates_and_floors_are_compiled(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """Deductions are negative, bonuses positive; gates cap at their band's index, vetoes −1."""
    rubric = build(
        sect(
            "s",
            sat(crit, "a", 'gate = true\ncap_band = "mid"\n'),
            sat(crit, "v", 'gate = true\ncap_band = "not_rated"\n'),
            sat(crit, "low", 'gate = true\ncap_band = "low"\n'),
            sat(crit, "minus", 'role = "deduction"\npoints = 30\n'),
            sat(crit, "plus", 'role = "bonus"\npoints = 5\n'),
        )
    )
    comp = compile_rubric(rubric, registry)
    assert comp.adjust_columns.tolist() == [3, 4]
    assert comp.adjust_points.tolist() == [-30.0, 5.0]
    assert comp.gate_columns.tolist() == [0, 1, 2]
    assert comp.gate_caps.tolist() == [1, -1, 0]
    assert comp.floors.tolist() == [0.0, 50.0, 80.0]
    assert (comp.scale, comp.max_total) == (100.0, 105.0)
    assert [c.section for c in comp.criteria] == ["s"] * 5
    top = comp.nodes[1]
    assert (top.id, top.children, top.weights.tolist()) == (
        "s",
        (("c", 0), ("c", 1), ("c", 2)),
        [1.0] * 3,
    )


def test_a_points_sheet_weighs_by_points(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """On a points sheet, criteria weigh by their points and the scale is the points' sum."""
    rubric = build(
        sect(
            "a",
            sat(crit, "a1", "points = 45\n"),
            sat(crit, "a2", "points = 15\n"),
            extra='points = 60\naggregator = "points"\n',
        ),
        sect("b", sat(crit, "b1", "points = 40\n"), extra='points = 40\naggregator = "points"\n'),
        extra='aggregator = "points"',
    )
    comp = compile_rubric(rubric, registry)
    assert comp.scale == 100.0
    ev = evaluate(comp, [[1.0, 0.0, 0.5]])
    assert ev.total.tolist() == [pytest.approx(65.0)]
    assert ev.criterion_points[0].tolist() == pytest.approx([45.0, 0.0, 20.0])


def test_an_empty_section_has_no_score(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """A section with only a bonus has no standard children: it has no score, and costs none."""
    rubric = build(
        sect("s", sat(crit, "a")),
        sect("only", sat(crit, "plus", 'role = "bonus"\npoints = 5\n')),
    )
    comp = compile_rubric(rubric, registry)
    ev = evaluate(comp, [[0.5, 1.0]])
    assert ev.total.tolist() == [pytest.approx(55.0)]
    assert math.isnan(ev.node_scores[0, 2])


def test_compiling_against_another_registry_reports_paths(
    build: Callable[..., Rubric], crit: Any, sect: Any
) -> None:
    """A rubric compiled with a registry lacking its names is refused with their paths."""
    rubric = build(sect("s", crit("own", "m.commune_only", "boolean")))
    bare = Registry(entry_points=False)
    for a in BUILTIN_AGGREGATORS:
        bare.aggregator(a)
    for m in BUILTIN_METHODS:
        bare.method(m)
    with pytest.raises(InvalidInput) as info:
        compile_rubric(rubric, bare)
    assert [p.path for p in info.value.problems] == ["$.sections[0].criteria[0].indicator"]
    assert str(info.value).startswith("rubric 'm' has 1 problem")


def test_criteria_giving_or_leaving_out_an_optional_number_score_apart(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """Criteria of an array method that give an optional number, and those that leave it out,
    are each scored with their own parameters."""
    registry.method(
        MethodSpec(
            name="offset",
            params=(ParamSpec(name="by", kind="number", required=False),),
            fn=lambda values, *, years, by=0.0: np.asarray(values, dtype=float) + by,
            inverse=lambda score, *, years, by=0.0: score - by,
            increasing=lambda *, by=0.0: True,
            array_params=True,
        )
    )
    rubric = build(
        sect(
            "s",
            crit("plain", "m.satisfaction", "offset"),
            crit("lifted", "m.satisfaction", "offset", "by = 0.25"),
        )
    )
    comp = compile_rubric(rubric, registry)
    ev = evaluate(comp, [[0.5, 0.5]])
    assert ev.criterion_scores[0].tolist() == [0.5, 0.75]


def test_each_section_knows_its_parent(mixed: CompiledRubric, registry: Registry) -> None:
    """Scorecards name each section's enclosing section; top-level sections have none."""
    d = Dossier(
        unit=Unit(id="u", kind=UnitKind.WARD, name="Phường X"),
        period=Period.year(2024),
        evidence=(Satisfaction(id="s", period=Period.year(2024), rate=Ratio(share=0.5)),),
    )
    card = score(d, mixed.rubric, registry=registry)
    assert {s.id: s.parent for s in card.sections} == {
        "mean": None,
        "low": None,
        "outer": None,
        "geo": "outer",
        "deep": "geo",
    }
