"""Scoring one dossier: measure → evaluate → verdict → explain, one stage per module.

- `_measure.measure_row`: the dossier → a row of indicator values (yearly duties year by year);
- `CompiledRubric` (`_evaluate`): values → criterion, section and total scores, with bounds;
- `_verdict.verdicts`: scores → rated or not, band, gate caps;
- `_explain.explain`: all of it → a `Scorecard`.

The same stages, on tables of many rows, serve the search for improvements (`_improve`).
"""

from __future__ import annotations

import numpy as np

from dancoso._weak import WeakIdMap
from dancoso.model import Dossier
from dancoso.model._base import trusted
from dancoso.scoring._compile import compile_rubric
from dancoso.scoring._evaluate import CompiledRubric, YearScores, score_years
from dancoso.scoring._explain import explain
from dancoso.scoring._measure import Context, Row, measure_row
from dancoso.scoring._registry import Registry, ScoringError
from dancoso.scoring._results import Scorecard
from dancoso.scoring._rubric import Rubric
from dancoso.scoring._verdict import verdicts

__all__ = ["ORIGIN", "ScoringError", "compiled", "score_row", "score_with"]

#: Compiled rubrics, kept while their rubric lives (scoring many rubrics keeps no memory).
_COMPILED: WeakIdMap[Rubric, tuple[Registry, CompiledRubric]] = WeakIdMap()


def compiled(rubric: Rubric, registry: Registry) -> CompiledRubric:
    """The rubric compiled against the registry (cached per rubric object and registry)."""
    hit = _COMPILED.get(rubric)
    if hit is not None and hit[0] is registry:
        return hit[1]
    result = compile_rubric(rubric, registry)
    _COMPILED.put(rubric, (registry, result))
    return result


#: The rubric and registry a scorecard was computed with, for `improvements()`, while it lives.
ORIGIN: WeakIdMap[Scorecard, tuple[Rubric, Registry]] = WeakIdMap()


def score_row(
    comp: CompiledRubric, row: Row
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None, dict[int, YearScores]]:
    """Criterion scores of a measured row, with the bounds of yearly duties scored by year."""
    scores = comp.method_scores(row.values[None, :], row.years[None, :])[0]
    scores[~row.applicable] = np.nan
    if not row.yearly:
        return scores, None, None, {}
    low, high = np.full(comp.m, np.nan), np.full(comp.m, np.nan)
    yearly: dict[int, YearScores] = {}
    for j, parts in row.yearly.items():
        values = np.array(
            [np.nan if p.measurement.value is None else p.measurement.value for p in parts]
        )
        got = score_years(
            comp.criteria[j],
            values,
            np.array([p.years for p in parts]),
            np.array([float(p.period.days) for p in parts]),
        )
        yearly[j] = got
        scores[j], low[j], high[j] = got.score, got.low, got.high
    return scores, low, high, yearly


def score_with(rubric: Rubric, dossier: Dossier, registry: Registry, version: str) -> Scorecard:
    """Score `dossier` against `rubric`, resolving names in `registry`."""
    unit = dossier.unit
    if rubric.unit_kinds and unit.kind not in rubric.unit_kinds:
        kinds = ", ".join(k.value for k in rubric.unit_kinds)
        raise ScoringError(
            f"rubric {rubric.id!r} rates {kinds}; unit {unit.id!r} is a {unit.kind.value}"
        )
    regime = rubric.regime_on(dossier.period.end)
    if regime is None:
        raise ScoringError(
            f"rubric {rubric.id!r} has no legal regime in force on {dossier.period.end}"
        )
    comp = compiled(rubric, registry)
    context = Context(unit=unit, period=dossier.period, regime=regime.id, rubric_id=rubric.id)
    row = measure_row(comp, dossier, context)
    scores, low, high, yearly = score_row(comp, row)
    applicable = row.applicable[None, :]
    ev = comp.aggregate(
        scores[None, :],
        applicable,
        low=None if low is None else low[None, :],
        high=None if high is None else high[None, :],
    )
    vd = verdicts(comp, ev, applicable)
    with trusted():  # every value below is computed here, valid by construction
        card = explain(
            rubric=rubric,
            dossier=dossier,
            regime=regime,
            comp=comp,
            row=row,
            ev=ev,
            vd=vd,
            yearly=yearly,
            version=version,
        )
    ORIGIN.put(card, (rubric, registry))
    return card
