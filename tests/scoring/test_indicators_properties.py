"""Properties of every built-in indicator: the catalogue, value ranges, order independence."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancoso.model import (
    AdministrativeProcedures,
    Board,
    BoardActivity,
    CitizenReception,
    CitizenReceptionTally,
    CollectiveAgreement,
    Commendation,
    CommunityConvention,
    CommunityDecision,
    Conference,
    ConferenceTally,
    Consultation,
    ConventionTally,
    DemocracyRegulation,
    Dialogue,
    DialogueTally,
    Disclosure,
    DisclosureTally,
    Dossier,
    Inspection,
    MobilisationModel,
    MobilisationModelTally,
    OnlineServices,
    OversightTally,
    Petition,
    PetitionTally,
    Satisfaction,
    Supervision,
    UnitKind,
    VoterContact,
    VoterContactTally,
)
from dancoso.scoring._default import REGISTRY
from dancoso.scoring._indicators._util import AGENCY, COMMUNE, LOCAL, PRIVATE, REGIMES, SOE
from dancoso.scoring._measure import Context, Measurement
from dancoso.scoring._registry import IndicatorSpec
from dancoso.strategies import dossiers

C, A, S, P, L = COMMUNE, AGENCY, SOE, PRIVATE, LOCAL

#: The catalogue every rubric is written against: name, unit, unit kinds (all "higher").
CATALOGUE: dict[str, tuple[str, frozenset[UnitKind]]] = {
    "disclosure.item_coverage": ("share", C | A | S | P),
    "disclosure.on_time_share": ("share", C | A | S),
    "disclosure.posting_share": ("share", C | A | S),
    "disclosure.permanent_posting": ("bool", C),
    "disclosure.register_postings": ("count", C),
    "regulation.issued": ("bool", C | A | S | P),
    "decision.valid_share": ("share", C),
    "decision.filed_on_time_share": ("share", C),
    "consultation.window_share": ("share", C),
    "consultation.feedback_share": ("share", C | A | S),
    "convention.coverage": ("share", C),
    "convention.review_share": ("share", C),
    "convention.recognised_on_time_share": ("share", C),
    "dialogue.people_count": ("count", C | L),
    "dialogue.committee_people_count": ("count", C),
    "dialogue.business_count": ("count", C | L),
    "conference.year_end_coverage": ("share", C),
    "pib.constituted": ("bool", C | A | S),
    "pib.reports": ("count", C | A | S),
    "board.answer_share": ("share", C | A | S),
    "cisb.active": ("bool", C),
    "satisfaction.system_in_use": ("bool", C | A),
    "satisfaction.rate": ("share", C | A | L),
    "voter_contact.count": ("count", C | L),
    "reception.head_sessions": ("count", C | A | L),
    "reception.party_secretary_sessions": ("count", C | L),
    "reception.reply_on_time_share": ("share", C | A | L),
    "complaints.accepted_on_time_share": ("share", C | A | L),
    "complaints.resolved_on_time_share": ("share", C | A | L),
    "complaints.resolved_share": ("share", C | A | L),
    "denunciations.processed_on_time_share": ("share", C | A | L),
    "admin.on_time_share": ("share", C | A | L),
    "online.usage_share": ("share", C | A | L),
    "online.services": ("count", C | A | L),
    "conference.staff_held": ("bool", A),
    "conference.workers_held": ("bool", S | P),
    "dialogue.workplace_count": ("count", S | P),
    "dialogue.workplace_valid_share": ("share", S | P),
    "dialogue.request_response_share": ("share", S | P),
    "cba.ratified": ("bool", S | P),
    "mobilisation.models_commended": ("count", C | A | L),
    "oversight.conducted": ("count", L),
    "oversight.units_inspected": ("count", L),
    "commendation.awarded": ("count", L),
}

#: Evidence classes the built-in indicators read, to draw dossiers rich in them.
READ = (
    AdministrativeProcedures,
    Board,
    BoardActivity,
    CitizenReception,
    CitizenReceptionTally,
    CollectiveAgreement,
    Commendation,
    CommunityConvention,
    CommunityDecision,
    Conference,
    ConferenceTally,
    Consultation,
    ConventionTally,
    DemocracyRegulation,
    Dialogue,
    DialogueTally,
    Disclosure,
    DisclosureTally,
    Inspection,
    MobilisationModel,
    MobilisationModelTally,
    OnlineServices,
    OversightTally,
    Petition,
    PetitionTally,
    Satisfaction,
    Supervision,
    VoterContact,
    VoterContactTally,
)


def builtins() -> tuple[IndicatorSpec, ...]:
    return tuple(
        s
        for s in REGISTRY.indicators()
        if s.compute.__module__.startswith("dancoso.scoring._indicators.")
    )


def test_the_builtins_are_exactly_the_catalogue() -> None:
    """Every catalogue indicator is registered with its unit and unit kinds, and no other."""
    expected = {n: (u, k, "higher") for n, (u, k) in CATALOGUE.items()}
    actual = {s.name: (s.unit, s.unit_kinds, s.direction.value) for s in builtins()}
    assert expected == actual


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_each_builtin_has_titles_and_a_description(name: str) -> None:
    """A Vietnamese title with diacritics, an English title, and a docstring citing its basis."""
    spec = REGISTRY.get_indicator(name)
    expected = (True, True, True)
    assert expected == (
        any(ord(ch) > 127 for ch in spec.title.vi),
        spec.title.en.isascii() or "Dân vận" in spec.title.en,
        "\n\n" in spec.description and len(spec.description) > 200,
    )


def check(spec: IndicatorSpec, m: Measurement, d: Dossier) -> None:
    assert isinstance(m, Measurement), spec.name
    ids = {e.id for e in d.evidence if e.id is not None}
    assert sorted(set(m.evidence)) == list(m.evidence), spec.name
    assert set(m.evidence) <= ids, spec.name
    if m.value is None:
        return
    if spec.unit == "share":
        assert 0.0 <= m.value <= 1.0, (spec.name, m.value)
    elif spec.unit == "bool":
        assert m.value in (0.0, 1.0), (spec.name, m.value)
    else:
        assert m.value >= 0.0, (spec.name, m.value)


def run_all(d: Dossier, regime: str) -> None:
    context = Context(unit=d.unit, period=d.period, regime=regime)
    reversed_dossier = attrs.evolve(d, evidence=tuple(reversed(d.evidence)))
    for spec in builtins():
        m = spec.compute(dossier=d, context=context)
        check(spec, m, d)
        assert m == spec.compute(dossier=reversed_dossier, context=context), spec.name


@given(dossiers(), st.sampled_from(REGIMES))
def test_every_builtin_stays_in_range_and_ignores_evidence_order(d: Dossier, regime: str) -> None:
    """Any dossier gives each indicator a value in its unit's range, or missing, whatever
    the order of its evidence."""
    run_all(d, regime)


@given(
    dossiers(max_evidence=10, evidence_types=READ),
    st.sampled_from(REGIMES),
)
def test_builtins_on_evidence_they_read_stay_in_range_and_ignore_order(
    d: Dossier, regime: str
) -> None:
    """Dossiers full of the evidence the indicators read keep them in range and order-free."""
    run_all(d, regime)


@pytest.mark.parametrize(
    "kind",
    [UnitKind.WARD, UnitKind.STATE_AGENCY, UnitKind.NON_STATE_EMPLOYER, UnitKind.PROVINCE],
)
@given(data=st.data())
def test_builtins_hold_for_dossiers_of_each_unit_group(kind: UnitKind, data: st.DataObject) -> None:
    """Dossiers of a commune, an agency, an employer and a province keep every indicator in
    range and order-free."""
    d = data.draw(dossiers(max_evidence=8, evidence_types=READ))
    d = attrs.evolve(d, unit=attrs.evolve(d.unit, kind=kind))
    run_all(d, data.draw(st.sampled_from(REGIMES)))
