"""Verdicts never read backwards, over generated rubrics and generated evidence.

Generated rubrics draw every aggregator and N/A policy, gates and vetoes, points sheets,
deductions and bonuses, `min_coverage` and `gates_need_evidence`. The properties:

- the bounds enclose the total, and close on it once every criterion has evidence;
- evidence of failure never raises the total, its upper bound or a rated band;
- evidence only narrows the bounds;
- `improvements()` proposes only values that raise a score, and applying them reaches
  the band asked for; it is empty only when the band is out of reach.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs
import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from dancoso.model import (
    AdministrativeProcedures,
    ConferenceKind,
    ConferenceTally,
    DialogueKind,
    DialogueTally,
    Dossier,
    OversightMode,
    OversightTally,
    Period,
    PetitionKind,
    PetitionTally,
    Ratio,
    Satisfaction,
    Statement,
    Unit,
    UnitKind,
    VoterContactTally,
)
from dancoso.scoring import (
    CompiledRubric,
    Measurement,
    Registry,
    Rubric,
    Scorecard,
    Status,
    compile_rubric,
    reference_rubric,
    score,
)
from dancoso.scoring._methods import BUILTIN_AGGREGATORS, BUILTIN_METHODS
from dancoso.scoring._verdict import verdicts
from dancoso.strategies import dossiers, rubrics

TOL = 1e-9


# --------------------------------------------------------------------------- tables of scores
def _table_registry() -> Registry:
    """Built-in methods and aggregators, and four indicators that read a value from the
    dossier: a `Statement` whose id is the indicator's name and whose text is the value."""
    reg = Registry(entry_points=False)
    for m in BUILTIN_METHODS:
        reg.method(m)
    for a in BUILTIN_AGGREGATORS:
        reg.aggregator(a)
    for name, unit, direction in [
        ("t.share", "share", "higher"),
        ("t.count", "count", "higher"),
        ("t.flag", "bool", "higher"),
        ("t.days", "days", "lower"),
    ]:

        def read(*, dossier: Dossier, context: object, name: str = name) -> Measurement:
            found = [e for e in dossier.evidence if isinstance(e, Statement) and e.id == name]
            return Measurement.of(float(found[0].text), found) if found else Measurement.missing()

        reg.indicator(read, name=name, title=(name, name), unit=unit, direction=direction)
    return reg


REG = _table_registry()
SPAN = {"share": 1.0, "bool": 1.0, "count": 100.0, "days": 100.0}
BEST = {"t.share": 1.0, "t.count": 1e6, "t.flag": 1.0, "t.days": 0.0}


@st.composite
def rubric_and_scores(draw: st.DrawFn, rows: int = 3) -> tuple[CompiledRubric, Any, Any]:
    """A compiled generated rubric, a table of criterion scores (NaN: no evidence) and
    applicability."""
    comp = compile_rubric(draw(rubrics(indicators=REG.indicators())), REG)
    cell = st.none() | st.floats(0, 1, allow_nan=False) | st.sampled_from([0.0, 1.0])
    scores = np.array(
        [[draw(cell) for _ in range(comp.m)] for _ in range(rows)], dtype=float
    ).reshape(rows, comp.m)
    applicable = np.array(
        [[draw(st.booleans()) or draw(st.booleans()) for _ in range(comp.m)] for _ in range(rows)],
        dtype=bool,
    ).reshape(rows, comp.m)
    return comp, np.where(applicable, scores, np.nan), applicable


def _judge(comp: CompiledRubric, scores: Any, applicable: Any) -> tuple[Any, Any]:
    ev = comp.aggregate(scores, applicable)
    return ev, verdicts(comp, ev, applicable)


@given(rubric_and_scores())
def test_bounds_enclose_the_total(case: tuple[CompiledRubric, Any, Any]) -> None:
    """total_low ≤ total ≤ total_high, section by section too; the bands follow."""
    comp, scores, applicable = case
    ev, vd = _judge(comp, scores, applicable)
    assert np.all(ev.total_low <= ev.total + TOL)
    assert np.all(ev.total <= ev.total_high + TOL)
    assert np.all(ev.total_high <= comp.max_total + TOL)
    known = ~np.isnan(ev.node_scores)
    assert np.all(ev.node_low[known] <= ev.node_scores[known] + TOL)
    assert np.all(ev.node_scores[known] <= ev.node_high[known] + TOL)
    assert np.all(vd.band_low <= vd.capped)
    assert np.all(vd.capped <= vd.band_high)


@given(rubric_and_scores(), st.data())
def test_with_full_evidence_the_bounds_close(
    case: tuple[CompiledRubric, Any, Any], data: st.DataObject
) -> None:
    """When every applicable criterion has evidence, the bounds are the total and the band
    is certain."""
    comp, scores, applicable = case
    fill = data.draw(st.floats(0, 1, allow_nan=False))
    full = np.where(applicable & np.isnan(scores), fill, scores)
    ev, vd = _judge(comp, full, applicable)
    np.testing.assert_array_equal(ev.total_low, ev.total)
    np.testing.assert_array_equal(ev.total_high, ev.total)
    assert vd.band_certain.all()


def _missing_cell(data: st.DataObject, scores: Any, applicable: Any) -> tuple[int, int]:
    cells = np.argwhere(applicable & np.isnan(scores))
    assume(len(cells) > 0)
    r, j = cells[data.draw(st.integers(0, len(cells) - 1))]
    return int(r), int(j)


@given(rubric_and_scores(), st.data())
def test_evidence_of_failure_never_helps(
    case: tuple[CompiledRubric, Any, Any], data: st.DataObject
) -> None:
    """A criterion without evidence recorded as failed (score 0) never raises the total,
    its upper bound, the band it would reach, or the band of a rated row."""
    comp, scores, applicable = case
    r, j = _missing_cell(data, scores, applicable)
    failed = scores.copy()
    failed[r, j] = 0.0
    (before, vb), (after, va) = _judge(comp, scores, applicable), _judge(comp, failed, applicable)
    assert after.total[r] <= before.total[r] + TOL
    assert after.total_high[r] <= before.total_high[r] + TOL
    assert after.total_low[r] == before.total_low[r]  # the bound already counted it at 0
    assert va.capped[r] <= vb.capped[r]
    if vb.rated[r] and va.rated[r]:
        assert va.band[r] <= vb.band[r]


@given(rubric_and_scores(), st.data())
def test_evidence_only_narrows_the_bounds(
    case: tuple[CompiledRubric, Any, Any], data: st.DataObject
) -> None:
    """Evidence for a criterion without it, whatever it shows, keeps the total within the
    bounds known before."""
    comp, scores, applicable = case
    r, j = _missing_cell(data, scores, applicable)
    found = scores.copy()
    found[r, j] = data.draw(st.floats(0, 1, allow_nan=False))
    (before, _), (after, _) = _judge(comp, scores, applicable), _judge(comp, found, applicable)
    assert before.total_low[r] <= after.total_low[r] + TOL
    assert after.total_high[r] <= before.total_high[r] + TOL
    assert before.total_low[r] <= after.total[r] + TOL
    assert after.total[r] <= before.total_high[r] + TOL


# --------------------------------------------------------------------------- improvements
@st.composite
def scored(draw: st.DrawFn) -> tuple[Rubric, Dossier, Scorecard]:
    """A generated rubric over the value-reading indicators, and a dossier giving some of
    them values, over one year or several."""
    rubric = draw(rubrics(indicators=REG.indicators()))
    first = draw(st.integers(2015, 2024))
    period = draw(
        st.sampled_from(
            [
                Period.year(first),
                Period.years(first, first + 2),
                Period(start=dt.date(first, 7, 1), end=dt.date(first + 1, 12, 31)),
            ]
        )
    )
    evidence = []
    for spec in REG.indicators():
        if draw(st.booleans()):
            top = SPAN[spec.unit]
            value = draw(st.sampled_from([0.0, top]) | st.floats(0, top, allow_nan=False))
            evidence.append(Statement(id=spec.name, text=repr(float(value))))
    dossier = Dossier(
        unit=Unit(id="u", kind=UnitKind.WARD, name="Phường Thử"),
        period=period,
        evidence=tuple(evidence),
    )
    return rubric, dossier, score(dossier, rubric, registry=REG)


def _applied(rubric: Rubric, dossier: Dossier, card: Scorecard, steps: Any) -> Dossier:
    """The dossier with every proposal carried out: each indicator at the best value any
    proposal asks of it (criteria sharing an indicator agree on its direction)."""
    indicator = {c.id: c.indicator for c in rubric.criteria()}
    values = {e.id: float(e.text) for e in dossier.evidence if isinstance(e, Statement) and e.id}
    for step in steps:
        name = indicator[step.criterion]
        now = values.get(name)
        want = step.needed_value
        if now is None:
            values[name] = want
        else:
            values[name] = min(now, want) if step.at_most else max(now, want)
    return attrs.evolve(
        dossier, evidence=tuple(Statement(id=k, text=repr(v)) for k, v in sorted(values.items()))
    )


def _at_best(dossier: Dossier, names: set[str]) -> Dossier:
    """The dossier with the named indicators at their best values."""
    kept = [e for e in dossier.evidence if isinstance(e, Statement) and e.id not in names]
    best = [Statement(id=k, text=repr(v)) for k, v in sorted(BEST.items()) if k in names]
    return attrs.evolve(dossier, evidence=(*kept, *best))


def _band(card: Scorecard) -> int:
    return [b.id for b in card.bands].index(card.band) if card.band is not None else -1


@given(scored(), st.data())
def test_improvements_raise_scores_and_reach_their_band(
    case: tuple[Rubric, Dossier, Scorecard], data: st.DataObject
) -> None:
    """Every proposal raises its criterion's score (none is a record of failure), and the
    dossier with all of them carried out is rated at the band asked for."""
    rubric, dossier, card = case
    ids = [b.id for b in rubric.bands]
    target = data.draw(st.sampled_from(ids))
    steps = card.improvements(target=target)
    for step in steps:
        assert step.needed_score > (step.current_score or 0.0)
        assert math.isfinite(step.needed_value)
    goal = ids.index(target)
    if card.rated and _band(card) >= goal:
        assert steps == ()
        return
    if not steps:  # out of reach: even every indicator at its best does not get there
        top = score(_at_best(dossier, set(BEST)), rubric, registry=REG)
        # an indicator that scores 0 wherever it counts could only be a record of failure
        raising = {c.indicator for c in top.criteria if (c.score or 0.0) > 0}
        top = score(_at_best(dossier, raising), rubric, registry=REG)
        assert not (top.rated and _band(top) >= goal)
        return
    after = score(_applied(rubric, dossier, card, steps), rubric, registry=REG)
    assert after.rated
    assert _band(after) >= goal


# --------------------------------------------------------------------------- reference rubrics
KINDS = [UnitKind.WARD, UnitKind.COMMUNE, UnitKind.STATE_AGENCY, UnitKind.CENTRAL_CITY]


@st.composite
def failures(draw: st.DrawFn, period: Period) -> Any:
    """A record that says a duty was not done: nothing held, nothing on time, no one
    satisfied."""
    n = draw(st.integers(1, 50))
    return draw(
        st.sampled_from(
            [
                DialogueTally(
                    id="failure",
                    kind=draw(st.sampled_from(list(DialogueKind))),
                    period=period,
                    count=0,
                ),
                ConferenceTally(
                    id="failure",
                    kind=draw(st.sampled_from(list(ConferenceKind))),
                    period=period,
                    count=0,
                ),
                VoterContactTally(id="failure", period=period, count=0),
                OversightTally(
                    id="failure",
                    mode=draw(st.sampled_from(list(OversightMode))),
                    period=period,
                    count=0,
                ),
                PetitionTally(
                    id="failure",
                    kinds=(draw(st.sampled_from(list(PetitionKind))),),
                    period=period,
                    received=n,
                    accepted=n,
                    resolved=Ratio(part=0, whole=n),
                    on_time=Ratio(part=0, whole=n),
                ),
                AdministrativeProcedures(
                    id="failure",
                    period=period,
                    received=n,
                    resolved=n,
                    on_time=Ratio(part=0, whole=n),
                ),
                Satisfaction(id="failure", period=period, rate=Ratio(part=0, whole=n)),
            ]
        )
    )


@given(st.sampled_from(KINDS), st.data())
def test_a_record_of_failure_never_raises_a_reference_score(
    kind: UnitKind, data: st.DataObject
) -> None:
    """Adding a record that scores 0 wherever it counts never raises the total, its upper
    bound, or the band of a rated scorecard, under the reference rubrics."""
    d = data.draw(dossiers(unit_kind=kind, max_evidence=4))
    assume(reference_rubric(kind).regime_on(d.period.end) is not None)
    assume(all(e.id != "failure" for e in d.evidence))
    before = score(d)
    record = data.draw(failures(d.period))
    after = score(attrs.evolve(d, evidence=(*d.evidence, record)))
    changed = [
        (a, b)
        for a, b in zip(before.criteria, after.criteria, strict=True)
        if (a.value, a.score) != (b.value, b.score)
    ]
    # the record scores 0 where it counts (a tally of none may meet "at most" duties)
    assume(all(b.score == 0.0 or b.status is Status.NOT_MET for _, b in changed))
    assert after.total <= before.total + TOL
    assert after.total_high <= before.total_high + TOL
    if before.rated and after.rated:
        assert _band(after) <= _band(before)
