"""`check_rubric`: the engine's invariants, run with Hypothesis on a user's rubric.

Each property is a test that can fail. Those on tables of criterion scores (bounds,
evidence of failure, full evidence) and on the rubric's methods and aggregators run
without dossiers and are fast; those on scorecards draw dossiers the rubric reads, with
`dossiers(for_rubric=...)`. Every property runs to its own end, so that one broken
property does not hide another, and the failures are raised together.
"""

from __future__ import annotations

import math
import os
import random
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis import strategies as st

from dancoso._io import dump_dossier, from_data, to_data
from dancoso.errors import DancosoError
from dancoso.model import Dossier
from dancoso.scoring import (
    REGISTRY,
    CompiledRubric,
    NAPolicy,
    Registry,
    Role,
    Rubric,
    Scorecard,
    Section,
    Status,
    compile_rubric,
    improvements,
    load_rubric,
    score,
)
from dancoso.scoring._verdict import verdicts
from dancoso.strategies import dossiers
from dancoso.testing._asserts import CIRCUMSTANTIAL, differences

__all__ = ["PROPERTIES", "PropertyFailure", "RubricCheckError", "check_rubric"]

TOL = 1e-9


@attrs.frozen
class PropertyFailure:
    """One broken property: its name, what it means, and the shrunk counter-example."""

    name: str
    meaning: str
    counterexample: str

    def __str__(self) -> str:
        body = "\n".join("      " + line for line in self.counterexample.splitlines())
        return f"  ✗ {self.name}: {self.meaning}\n{body}"


class RubricCheckError(DancosoError, AssertionError):
    """A rubric breaks some of the engine's invariants.

    An `AssertionError`, so that pytest reports it as a failed check (showing the whole
    message, not a traceback into Hypothesis), and a `DancosoError`, so that code catching
    dancoso's errors catches it too.

    Attributes:
        rubric_id: The rubric checked.
        failures: Every broken property, each with its counter-example.
    """

    def __init__(self, rubric_id: str, failures: Iterable[PropertyFailure]) -> None:
        self.rubric_id = rubric_id
        self.failures = tuple(failures)
        n = len(self.failures)
        head = f"rubric {rubric_id!r} breaks {n} propert{'y' if n == 1 else 'ies'}:"
        super().__init__("\n".join([head, *(str(f) for f in self.failures)]))


@attrs.frozen
class _Case:
    """What every property is given: the rubric, its registry and its compiled form."""

    rubric: Rubric
    registry: Registry
    comp: CompiledRubric
    dossiers: st.SearchStrategy[Dossier]


class _Broken(AssertionError):
    """A property does not hold; the message is the counter-example."""


Property = Callable[[_Case, st.DataObject], None]


# --------------------------------------------------------------------------- helpers
def _summary(dossier: Dossier, card: Scorecard | None = None) -> str:
    """A dossier in a few lines, with its JSON when short, and what it scored."""
    lines = [f"dossier: {dossier.summary()}"]
    if card is not None:
        verdict = card.band if card.rated else "not rated"
        lines.append(
            f"scored: total {card.total:.6g} in [{card.total_low:.6g}, {card.total_high:.6g}], "
            f"{verdict}"
        )
    text = dump_dossier(dossier)
    lines.append(text if len(text) <= 4000 else text[:4000] + "\n… (cut)")
    return "\n".join(lines)


def _fail(what: str, *details: str) -> None:
    raise _Broken("\n".join([what, *details]))


@st.composite
def _table(draw: st.DrawFn, comp: CompiledRubric) -> tuple[Any, Any]:
    """One row of criterion scores (NaN: no evidence) and which criteria apply."""
    cell = st.none() | st.sampled_from([0.0, 1.0]) | st.floats(0, 1, allow_nan=False)
    scores = np.array([[np.nan if (v := draw(cell)) is None else v for _ in range(comp.m)]])
    applicable = np.array([[draw(st.integers(0, 3)) > 0 for _ in range(comp.m)]], dtype=bool)
    return np.where(applicable, scores, np.nan).reshape(1, comp.m), applicable.reshape(1, comp.m)


def _row(scores: Any, applicable: Any, case: _Case) -> str:
    ids = [c.criterion.id for c in case.comp.criteria]
    shown = [
        f"{i}={'n/a' if not a else ('no evidence' if math.isnan(s) else f'{s:.6g}')}"
        for i, s, a in zip(ids, scores[0], applicable[0], strict=True)
    ]
    return "criterion scores: " + ", ".join(shown)


def _judge(case: _Case, scores: Any, applicable: Any) -> tuple[Any, Any]:
    ev = case.comp.aggregate(scores, applicable)
    return ev, verdicts(case.comp, ev, applicable)


def _band_index(card: Scorecard) -> int:
    return [b.id for b in card.bands].index(card.band) if card.band is not None else -1


# --------------------------------------------------------------------------- properties
def _bounds(case: _Case, data: st.DataObject) -> None:
    scores, applicable = data.draw(_table(case.comp))
    ev, vd = _judge(case, scores, applicable)
    lo, t, hi, top = ev.total_low[0], ev.total[0], ev.total_high[0], case.comp.max_total
    if not (lo <= t + TOL and t <= hi + TOL and hi <= top + TOL and lo >= -TOL):
        _fail(
            f"0 ≤ total_low ≤ total ≤ total_high ≤ max_total fails: {lo} {t} {hi} {top}",
            _row(scores, applicable, case),
        )
    if not (vd.band_low[0] <= vd.capped[0] <= vd.band_high[0]):
        _fail(
            f"bands out of order: low {vd.band_low[0]}, band {vd.capped[0]}, "
            f"high {vd.band_high[0]}",
            _row(scores, applicable, case),
        )


def _full_evidence(case: _Case, data: st.DataObject) -> None:
    scores, applicable = data.draw(_table(case.comp))
    fill = data.draw(st.floats(0, 1, allow_nan=False))
    full = np.where(applicable & np.isnan(scores), fill, scores)
    ev, vd = _judge(case, full, applicable)
    if not (
        abs(ev.total_low[0] - ev.total[0]) <= TOL and abs(ev.total_high[0] - ev.total[0]) <= TOL
    ):
        _fail(
            f"bounds [{ev.total_low[0]}, {ev.total_high[0]}] around {ev.total[0]} with "
            "every applicable criterion scored",
            _row(full, applicable, case),
        )
    if not vd.band_certain[0]:
        _fail(
            "band not certain with every applicable criterion scored", _row(full, applicable, case)
        )


def _failure_never_helps(case: _Case, data: st.DataObject) -> None:
    scores, applicable = data.draw(_table(case.comp))
    cells = np.flatnonzero(applicable[0] & np.isnan(scores[0]))
    if cells.size == 0:
        return
    j = int(cells[data.draw(st.integers(0, cells.size - 1))])
    failed = scores.copy()
    failed[0, j] = 0.0
    (b, vb), (a, va) = _judge(case, scores, applicable), _judge(case, failed, applicable)
    crit = case.comp.criteria[j].criterion.id
    what = f"criterion {crit!r}: no evidence → scored 0"
    if a.total[0] > b.total[0] + TOL or a.total_high[0] > b.total_high[0] + TOL:
        _fail(
            f"{what} raised the total {b.total[0]:.6g} → {a.total[0]:.6g} "
            f"(upper bound {b.total_high[0]:.6g} → {a.total_high[0]:.6g})",
            _row(scores, applicable, case),
        )
    if va.capped[0] > vb.capped[0] or (vb.rated[0] and va.rated[0] and va.band[0] > vb.band[0]):
        _fail(
            f"{what} raised the band {vb.capped[0]} → {va.capped[0]}",
            _row(scores, applicable, case),
        )


def _evidence_narrows(case: _Case, data: st.DataObject) -> None:
    scores, applicable = data.draw(_table(case.comp))
    cells = np.flatnonzero(applicable[0] & np.isnan(scores[0]))
    if cells.size == 0:
        return
    j = int(cells[data.draw(st.integers(0, cells.size - 1))])
    found = scores.copy()
    found[0, j] = data.draw(st.floats(0, 1, allow_nan=False))
    (b, _), (a, _) = _judge(case, scores, applicable), _judge(case, found, applicable)
    if not (b.total_low[0] <= a.total[0] + TOL and a.total[0] <= b.total_high[0] + TOL):
        crit = case.comp.criteria[j].criterion.id
        _fail(
            f"criterion {crit!r} scored {found[0, j]:.6g}: total {a.total[0]:.6g} outside "
            f"the bounds known before [{b.total_low[0]:.6g}, {b.total_high[0]:.6g}]",
            _row(scores, applicable, case),
        )


def _monotone_methods(case: _Case, data: st.DataObject) -> None:
    c = data.draw(st.sampled_from(case.comp.criteria))
    crit, method = c.criterion, c.method
    numbers = [float(v) for v in crit.params.values() if isinstance(v, int | float)] + [
        float(x) for v in crit.params.values() if isinstance(v, tuple) for x in v
    ]
    top = max([1.0, *numbers]) * 2
    value = st.sampled_from(sorted({0.0, *numbers})) | st.floats(0, top, allow_nan=False)
    a, b = sorted((data.draw(value), data.draw(value)))
    years = data.draw(st.sampled_from([1.0, 0.5, 2.0]))
    params = dict(crit.params)
    got = method.fn(values=np.array([[a, b]]), years=np.array([[years, years]]), **params)
    sa, sb = (float(x) for x in np.asarray(got, dtype=float).ravel()[:2])
    up = method.increasing(**params)
    where = f"criterion {crit.id!r}, method {method.name!r} with {params}, {years} year(s)"
    if not all(0 - TOL <= s <= 1 + TOL for s in (sa, sb)):
        _fail(f"{where}: scores {sa:.6g} at {a!r}, {sb:.6g} at {b!r} outside [0, 1]")
    if (up and sb < sa - TOL) or (not up and sb > sa + TOL):
        way = "rise" if up else "fall"
        _fail(
            f"{where}: declared to {way} with the value, but scores {sa:.6g} at {a!r} "
            f"and {sb:.6g} at {b!r}"
        )


def _aggregators(case: _Case, data: st.DataObject) -> None:
    names = sorted(
        {s.aggregator for _, s in case.rubric.walk() if isinstance(s, Section)}
        | {case.rubric.aggregator}
    )
    name = data.draw(st.sampled_from(names))
    fn = case.registry.get_aggregator(name).fn
    k = data.draw(st.integers(2, 4))
    unit = st.sampled_from([0.0, 1.0]) | st.floats(0, 1, allow_nan=False)
    scores = np.array([[data.draw(unit) for _ in range(k)]])
    weights = np.array([[data.draw(st.floats(0.01, 10, allow_nan=False)) for _ in range(k)]])
    scale = data.draw(st.sampled_from([0.5, 3.0, 100.0]))

    def run(s: Any, w: Any) -> float:
        return float(np.asarray(fn(scores=s, weights=w), dtype=float).ravel()[0])

    base = run(scores, weights)
    where = f"aggregator {name!r} on scores {scores[0].tolist()} with weights {weights[0].tolist()}"
    if not -TOL <= base <= 1 + TOL:
        _fail(f"{where}: gives {base!r}, outside [0, 1]")
    scaled = run(scores, weights * scale)
    if abs(scaled - base) > 1e-7:
        _fail(f"{where}: gives {base:.6g}, but {scaled:.6g} with every weight × {scale}")
    off = weights.copy()
    off[0, 0] = 0.0
    other = scores.copy()
    other[0, 0] = 1.0 - scores[0, 0]
    with_a, with_b = run(scores, off), run(other, off)
    if abs(with_a - with_b) > 1e-7:
        _fail(
            f"{where}: the first child switched off (weight 0) still has a say: "
            f"{with_a:.6g} with its score {scores[0, 0]:.6g}, {with_b:.6g} with {other[0, 0]:.6g}"
        )
    raised = scores.copy()
    raised[0, -1] = min(1.0, raised[0, -1] + data.draw(st.floats(0, 1, allow_nan=False)))
    if run(raised, weights) < base - 1e-7:
        _fail(
            f"{where}: raising the last child's score to {raised[0, -1]:.6g} lowers the "
            f"result {base:.6g} → {run(raised, weights):.6g}"
        )


def _draw_scored(case: _Case, data: st.DataObject) -> tuple[Dossier, Scorecard]:
    d = data.draw(case.dossiers)
    return d, score(d, case.rubric, registry=case.registry)


def _scorecard_bounds(case: _Case, data: st.DataObject) -> None:
    d, card = _draw_scored(case, data)
    if not (card.total_low <= card.total + TOL <= card.total_high + 2 * TOL):
        _fail("total outside its bounds", _summary(d, card))
    for s in card.sections:
        known = s.score is not None and s.score_low is not None and s.score_high is not None
        if known and not (s.score_low - TOL <= s.score <= s.score_high + TOL):  # type: ignore[operator]
            _fail(
                f"section {s.id!r}: score {s.score} outside [{s.score_low}, {s.score_high}]",
                _summary(d, card),
            )
    one_year = card.period.start.year == card.period.end.year  # yearly duties: own bounds
    full = one_year and all(c.status is not Status.NO_EVIDENCE for c in card.criteria)
    if full and abs(card.total_high - card.total_low) > 1e-7:
        _fail("every criterion has evidence, yet the bounds differ", _summary(d, card))


def _points_add_up(case: _Case, data: st.DataObject) -> None:
    d, card = _draw_scored(case, data)
    added = sum(c.points for c in card.criteria)
    expected = min(max(added, 0.0), card.max_total)
    if abs(card.total - expected) > 1e-6 * max(1.0, card.max_total):
        _fail(
            f"criteria's points add up to {added:.6g} (within [0, {card.max_total:g}]: "
            f"{expected:.6g}), but the total is {card.total:.6g}",
            _summary(d, card),
        )
    for c in card.criteria:
        if abs(c.points) > c.max_points + 1e-7:
            _fail(
                f"criterion {c.id!r} contributes {c.points:.6g} points, more than its "
                f"{c.max_points:.6g}",
                _summary(d, card),
            )
        if (c.role is Role.DEDUCTION and c.points > TOL) or (
            c.role is Role.BONUS and c.points < -TOL
        ):
            _fail(f"{c.role.value} {c.id!r} contributes {c.points:.6g} points", _summary(d, card))
    for s in card.sections:
        if s.points > s.max_points + 1e-7:
            _fail(
                f"section {s.id!r} contributes {s.points:.6g} points, more than its "
                f"{s.max_points:.6g}",
                _summary(d, card),
            )


def _na_policies(case: _Case, data: st.DataObject) -> None:
    d, card = _draw_scored(case, data)
    kids: dict[str, list[Status]] = {}
    for c in card.criteria:
        kids.setdefault(c.section, []).append(c.status)
    for s in card.sections:
        if s.parent is not None:
            kids.setdefault(s.parent, []).append(s.status)
    for s in card.sections:
        missing = any(k is Status.NO_EVIDENCE for k in kids.get(s.id, []))
        if s.na_policy is NAPolicy.BLOCK and missing and (not s.blocked or card.rated):
            _fail(
                f"section {s.id!r} (block) has children without evidence, yet it is not "
                "blocked or the scorecard is rated",
                _summary(d, card),
            )
        # a yearly duty over several years has bounds of its own: within one year only
        leaf = card.period.start.year == card.period.end.year and not any(
            x.parent == s.id for x in card.sections
        )
        # only where every child is a criterion is "missing children at 0" the low bound
        if (
            s.na_policy is NAPolicy.ZERO
            and leaf
            and s.score is not None
            and s.score_low is not None
            and abs(s.score - s.score_low) > 1e-7
        ):
            _fail(
                f"section {s.id!r} (zero) scores {s.score:.6g}, not its score with every "
                f"missing child at 0 ({s.score_low:.6g})",
                _summary(d, card),
            )
        if s.na_policy is not NAPolicy.BLOCK and s.blocked:
            _fail(f"section {s.id!r} ({s.na_policy.value}) is blocked", _summary(d, card))


def _evidence_order(case: _Case, data: st.DataObject) -> None:
    d, card = _draw_scored(case, data)
    order = list(d.evidence)
    random.Random(data.draw(st.integers(0, 2**32 - 1))).shuffle(order)
    other = attrs.evolve(d, evidence=tuple(order))
    again = score(other, case.rubric, registry=case.registry)
    found = list(differences(_plain(card), _plain(again)))
    if found:
        _fail(
            "the same evidence in another order scores differently:", *found[:10], _summary(d, card)
        )


def _plain(card: Scorecard) -> Any:
    data = to_data(card)
    for name in (*CIRCUMSTANTIAL, "dossier_hash"):
        data.pop(name, None)
    return data


def _reversed(data: Any) -> Any:
    """Plain data with every mapping's keys in reverse order."""
    if isinstance(data, dict):
        return {k: _reversed(data[k]) for k in reversed(list(data))}
    if isinstance(data, list):
        return [_reversed(v) for v in data]
    return data


def _determinism(case: _Case, data: st.DataObject) -> None:
    d, card = _draw_scored(case, data)
    again = score(d, case.rubric, registry=case.registry)
    fresh_rubric = from_data(Rubric, _reversed(to_data(case.rubric)))
    fresh = from_data(Dossier, _reversed(to_data(d)))
    third = score(fresh, fresh_rubric, registry=case.registry)
    for label, other in (("scored again", again), ("rebuilt with keys reversed", third)):
        found = list(differences(_plain(card), _plain(other)))
        if found:
            _fail(
                f"the same dossier and rubric, {label}, score differently:",
                *found[:10],
                _summary(d, card),
            )


def _weight_scaling(case: _Case, data: st.DataObject) -> None:
    factor = data.draw(st.sampled_from([0.5, 2.0, 10.0]))
    d, card = _draw_scored(case, data)
    scaled = _scaled(case.rubric, factor)
    other = score(d, scaled, registry=case.registry)
    if abs(other.total - card.total) > 1e-7 * max(1.0, card.max_total) or other.band != card.band:
        _fail(
            f"every weight × {factor}: total {card.total:.6g} → {other.total:.6g}, band "
            f"{card.band!r} → {other.band!r}",
            _summary(d, card),
        )


def _scaled(rubric: Rubric, factor: float) -> Rubric:
    """The rubric with the weights among each set of siblings scaled by `factor`.

    Points are weights too on a points sheet, but they also set the scale of the total:
    only children without points are scaled."""

    def section(s: Section) -> Section:
        return attrs.evolve(
            s,
            weight=s.weight * factor if s.points is None else s.weight,
            sections=tuple(section(x) for x in s.sections),
            criteria=tuple(
                attrs.evolve(c, weight=c.weight * factor) if c.points is None else c
                for c in s.criteria
            ),
        )

    return attrs.evolve(rubric, sections=tuple(section(s) for s in rubric.sections))


def _improvements(case: _Case, data: st.DataObject) -> None:
    d, card = _draw_scored(case, data)
    ids = [b.id for b in case.rubric.bands]
    target = data.draw(st.sampled_from(ids))
    steps = improvements(card, case.rubric, target=target, registry=case.registry)
    for step in steps:
        if not step.needed_score > (step.current_score or 0.0):
            _fail(
                f"improvement of {step.criterion!r} to {step.needed_value!r} does not raise "
                f"its score ({step.current_score} → {step.needed_score})",
                _summary(d, card),
            )
    if not steps or any(c.per_year for c in card.criteria) or any(s.per_year for s in steps):
        return  # yearly duties are scored year by year: the table below cannot redo that
    comp = case.comp
    index = {c.criterion.id: c for c in comp.criteria}
    result = {c.id: c for c in card.criteria}
    scores = np.array(
        [
            [
                np.nan if result[c.criterion.id].score is None else result[c.criterion.id].score
                for c in comp.criteria
            ]
        ],
        dtype=float,
    )
    applicable = np.array(
        [[result[c.criterion.id].status is not Status.NOT_APPLICABLE for c in comp.criteria]]
    )
    for step in steps:
        c = index[step.criterion]
        years = result[step.criterion].years
        years = 1.0 if years is None else years
        got = c.method.fn(
            values=np.array([[step.needed_value]]),
            years=np.array([[years]]),
            **dict(c.criterion.params),
        )
        scores[0, c.index] = float(np.asarray(got, dtype=float).ravel()[0])
    _, vd = _judge(case, np.where(applicable, scores, np.nan), applicable)
    goal = ids.index(target)
    if not (vd.rated[0] and vd.band[0] >= goal):
        shown = ", ".join(f"{s.criterion} → {s.needed_value:.6g}" for s in steps)
        _fail(
            f"carrying out the improvements proposed for band {target!r} ({shown}) reaches "
            f"{'no rating' if not vd.rated[0] else ids[vd.band[0]]!r}",
            _summary(d, card),
        )


#: Every property: name → (what it means, the test).
PROPERTIES: dict[str, tuple[str, Property]] = {
    "bounds": (
        (
            "0 ≤ total_low ≤ total ≤ total_high ≤ max_total, and the bands in that order, "
            "for any criterion scores"
        ),
        _bounds,
    ),
    "full_evidence": (
        (
            "with every applicable criterion scored, the bounds close on the total "
            "and the band is certain"
        ),
        _full_evidence,
    ),
    "failure_never_helps": (
        (
            "a criterion without evidence recorded as failed (score 0) never "
            "raises the total, its upper bound or the band"
        ),
        _failure_never_helps,
    ),
    "evidence_narrows": (
        "evidence for a criterion without it keeps the total within the bounds known before",
        _evidence_narrows,
    ),
    "monotone_methods": (
        (
            "each criterion's method scores within [0, 1], rising (or falling) "
            "with the value as it declares"
        ),
        _monotone_methods,
    ),
    "aggregators": (
        (
            "each aggregator gives [0, 1], ignores a child of weight 0, does not "
            "change when every weight is scaled, and never falls when a child rises"
        ),
        _aggregators,
    ),
    "scorecard_bounds": (
        (
            "on drawn dossiers, the total and section scores lie within their "
            "bounds, which close when every criterion has evidence"
        ),
        _scorecard_bounds,
    ),
    "points_add_up": (
        "the criteria's points add up to the total, each within its maximum",
        _points_add_up,
    ),
    "na_policies": (
        (
            "`block` sections with children lacking evidence withhold the rating; "
            "`zero` sections count missing children as 0"
        ),
        _na_policies,
    ),
    "evidence_order": (
        "the order of the evidence records does not change the scorecard",
        _evidence_order,
    ),
    "determinism": (
        (
            "the same dossier and rubric, scored again or rebuilt with every mapping's "
            "keys in another order, give the same scorecard"
        ),
        _determinism,
    ),
    "weight_scaling": (
        "scaling the weights of every set of siblings by a constant changes neither total nor band",
        _weight_scaling,
    ),
    "improvements": (
        (
            "improvements proposed for a band each raise a score, and carried out "
            "together reach that band"
        ),
        _improvements,
    ),
}


def check_rubric(
    rubric: Rubric | str | os.PathLike[str],
    *,
    max_examples: int = 25,
    derandomize: bool = False,
    properties: Iterable[str] | None = None,
    registry: Registry | None = None,
    per_criterion: int = 1,
) -> tuple[str, ...]:
    """Run the engine's invariants on a rubric; raise one error listing every broken one.

    Each property (see [`PROPERTIES`][dancoso.testing.PROPERTIES]) runs as its own
    Hypothesis test, to its end: a broken property is shrunk to a small counter-example
    and the next property runs. The error lists each broken property, what it means and
    its counter-example (criterion scores, or a dossier summary with its JSON).

    Args:
        rubric: The rubric, or the path of a rubric file (`.toml` or `.json`).
        max_examples: Examples drawn per property.
        derandomize: Draw the same examples on every run (for CI); Hypothesis' example
            database is not used either way, so a run never depends on earlier ones.
        properties: Names of the properties to run (all by default).
        registry: Where the rubric's names are looked up (the default registry).
        per_criterion: Most evidence records drawn for each criterion in the dossiers of
            the properties on scorecards (see `dossiers(for_rubric=...)`).

    Returns:
        The names of the properties checked.

    Raises:
        RubricCheckError: Some properties do not hold.
        DancosoError: An unknown property name, or a rubric that does not load.
    """
    reg = registry or REGISTRY
    if not isinstance(rubric, Rubric):
        rubric = load_rubric(Path(rubric), registry=reg)
    names = tuple(PROPERTIES) if properties is None else tuple(properties)
    unknown = [n for n in names if n not in PROPERTIES]
    if unknown:
        raise DancosoError(
            f"unknown properties {', '.join(map(repr, unknown))}; known: {', '.join(PROPERTIES)}"
        )
    if max_examples < 1:
        raise DancosoError(f"max_examples is at least 1, got {max_examples}")
    case = _Case(
        rubric=rubric,
        registry=reg,
        comp=compile_rubric(rubric, reg),
        dossiers=dossiers(for_rubric=rubric, registry=reg, per_criterion=per_criterion),
    )
    failures = []
    for name in names:
        meaning, prop = PROPERTIES[name]
        found = _run(prop, case, max_examples=max_examples, derandomize=derandomize)
        if found is not None:
            failures.append(PropertyFailure(name=name, meaning=meaning, counterexample=found))
    if failures:
        raise RubricCheckError(rubric.id, failures)
    return names


def _run(prop: Property, case: _Case, *, max_examples: int, derandomize: bool) -> str | None:
    """Run one property; its shrunk counter-example, or None when it holds."""

    @settings(
        max_examples=max_examples,
        derandomize=derandomize,
        database=None,
        deadline=None,
        verbosity=Verbosity.quiet,
        report_multiple_bugs=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def test(data: st.DataObject) -> None:
        prop(case, data)

    try:
        test()
    except _Broken as exc:
        return str(exc)
    except Exception as exc:  # the engine or a plugin raised: that is a broken property too
        return f"raised {type(exc).__name__}: {exc}"
    return None
