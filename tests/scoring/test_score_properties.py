"""Properties of `score()` with the reference rubrics and with generated rubrics."""

from __future__ import annotations

import json

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dancoso
from dancoso.model import Dossier, UnitKind
from dancoso.scoring import Scorecard, ScoringError, dump_scorecard, reference_rubric, score
from dancoso.strategies import dossiers, rubrics

KINDS = [
    UnitKind.WARD,
    UnitKind.COMMUNE,
    UnitKind.STATE_AGENCY,
    UnitKind.STATE_OWNED_ENTERPRISE,
    UnitKind.NON_STATE_EMPLOYER,
    UnitKind.CENTRAL_CITY,
]
SCHEMA = jsonschema.Draft202012Validator(
    dancoso.json_schema(Scorecard), format_checker=jsonschema.FormatChecker()
)


def _scored(dossier: Dossier) -> Scorecard | None:
    rubric = reference_rubric(dossier.unit.kind)
    if rubric.regime_on(dossier.period.end) is None:
        with pytest.raises(ScoringError):
            score(dossier)
        return None
    return score(dossier)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
@given(data=st.data())
def test_reference_scores_are_bounded_and_valid(kind: UnitKind, data: st.DataObject) -> None:
    """Totals lie in [0, 100]; scorecards validate against their schema and round-trip."""
    sc = _scored(data.draw(dossiers(unit_kind=kind)))
    if sc is None:
        return
    assert 0 <= sc.total <= 100
    assert 0 <= sc.coverage <= 1
    assert all(0 <= c.points <= 100 for c in sc.criteria)
    text = dump_scorecard(sc)
    SCHEMA.validate(json.loads(text))
    assert dancoso.load_scorecard(text) == sc


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
@given(data=st.data())
def test_evidence_order_changes_nothing(kind: UnitKind, data: st.DataObject) -> None:
    """Reversing or shuffling the evidence gives a byte-identical scorecard."""
    d = data.draw(dossiers(unit_kind=kind))
    if reference_rubric(kind).regime_on(d.period.end) is None:
        return
    shuffled = data.draw(st.permutations(d.evidence))
    first = dump_scorecard(score(d))
    assert first == dump_scorecard(score(attrs.evolve(d, evidence=tuple(shuffled))))
    assert first == dump_scorecard(score(d))  # and the same input gives the same bytes


@given(rubrics(), dossiers(max_evidence=4))
def test_generated_rubrics_score_generated_dossiers(rubric: object, dossier: Dossier) -> None:
    """Any valid rubric over the built-in indicators scores any dossier within bounds."""
    sc = score(dossier, rubric)  # type: ignore[arg-type]
    assert 0 <= sc.total_low <= sc.total <= sc.total_high <= sc.max_total
    assert sc.band in {b.id for b in sc.bands} if sc.rated else sc.band is None
    assert len(sc.criteria) == len(rubric.criteria())  # type: ignore[attr-defined]
