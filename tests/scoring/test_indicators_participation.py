"""Participation indicators: regulations, community decisions, consultations, conventions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dancoso.model import (
    AnyEvidence,
    CommunityConvention,
    CommunityDecision,
    CommunityMatter,
    Consultation,
    ConventionKind,
    ConventionTally,
    DecisionScope,
    DemocracyRegulation,
    DocumentKind,
    DocumentRef,
    Dossier,
    Period,
    Ratio,
    Unit,
    UnitKind,
)
from dancoso.scoring._default import REGISTRY
from dancoso.scoring._indicators._util import LAW_10, regime_on
from dancoso.scoring._measure import Context, Measurement

D = dt.date
Y2024 = Period.year(2024)


def dossier(
    *evidence: AnyEvidence,
    kind: UnitKind = UnitKind.COMMUNE,
    period: Period = Y2024,
    communities: int | None = None,
) -> Dossier:
    unit = Unit(id="u", kind=kind, name="Xã Thử", residential_communities=communities)
    villages = tuple(
        Unit(id=f"v{i}", kind=UnitKind.VILLAGE, name=f"Thôn {i}", parent="u") for i in (1, 2, 3)
    )
    return Dossier(unit=unit, period=period, evidence=evidence, related_units=villages)


def measure(name: str, d: Dossier, regime: str | None = None) -> Measurement:
    regime = regime or regime_on(d.unit.kind, d.period.end) or LAW_10
    context = Context(unit=d.unit, period=d.period, regime=regime)
    m: Measurement = REGISTRY.get_indicator(name).compute(dossier=d, context=context)
    return m


# --------------------------------------------------------------------------- regulation
REGULATION = "regulation.issued"


def regulation(ident: str, **fields: Any) -> DemocracyRegulation:
    return DemocracyRegulation(id=ident, title="Quy chế thực hiện dân chủ", **fields)


def test_regulation_is_missing_when_the_dossier_has_none() -> None:
    """No regulation in the dossier gives a missing value."""
    assert measure(REGULATION, dossier()).is_missing


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(regulation("r", issued_on=D(2019, 5, 1)), id="issued-earlier"),
        pytest.param(regulation("r", issued_on=D(2024, 12, 31)), id="issued-on-the-last-day"),
        pytest.param(
            regulation(
                "r",
                document=DocumentRef(
                    number="12/QĐ-UBND", kind=DocumentKind.DECISION, issued_on=D(2024, 2, 1)
                ),
            ),
            id="document-date",
        ),
        pytest.param(regulation("r", period=Period.year(2024)), id="within-a-period"),
    ],
)
def test_regulation_issued_by_the_end_of_the_period_gives_one(
    record: DemocracyRegulation,
) -> None:
    """A regulation issued on or before the period's end gives 1.0, listing it."""
    m = measure(REGULATION, dossier(record))
    expected = (1.0, ("r",))
    assert expected == (m.value, m.evidence)


def test_regulation_issued_only_after_the_period_gives_zero() -> None:
    """Regulations all issued after the period's end give 0.0."""
    m = measure(REGULATION, dossier(regulation("r", issued_on=D(2025, 1, 2))))
    expected = (0.0, ("r",))
    assert expected == (m.value, m.evidence)


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(regulation("r"), id="undated"),
        pytest.param(regulation("r", period=Period.years(2024, 2025)), id="straddling"),
    ],
)
def test_regulation_that_cannot_be_dated_gives_missing(record: DemocracyRegulation) -> None:
    """A regulation that may have been issued after the period's end proves nothing."""
    later = regulation("later", issued_on=D(2025, 3, 1))
    assert measure(REGULATION, dossier(record, later)).is_missing


# --------------------------------------------------------------------------- decisions
VALID = "decision.valid_share"


def decision(ident: str, matter: CommunityMatter, day: dt.date, **fields: Any) -> CommunityDecision:
    return CommunityDecision(id=ident, matter=matter, decided_on=day, **fields)


C = CommunityMatter


def test_valid_share_is_missing_without_counts() -> None:
    """Decisions without the counts the rule needs give a missing value."""
    d = dossier(decision("a", C.CONVENTION, D(2024, 3, 1), households_present=50))
    assert measure(VALID, d).is_missing


@pytest.mark.parametrize(
    ("matter", "day", "counts", "passes"),
    [
        pytest.param(C.CONTRIBUTIONS, D(2024, 3, 1), (67, 100), True, id="law-two-thirds"),
        pytest.param(C.CONTRIBUTIONS, D(2024, 3, 1), (66, 100), False, id="law-below-two-thirds"),
        pytest.param(C.COMMUNITY_FUNDS, D(2024, 3, 1), (60, 90), True, id="funds-exactly-2/3"),
        pytest.param(C.CONVENTION, D(2024, 3, 1), (51, 100), True, id="law-majority"),
        pytest.param(C.CONVENTION, D(2024, 3, 1), (50, 100), False, id="law-half-is-not-more"),
        pytest.param(C.CONTRIBUTIONS, D(2023, 3, 1), (51, 100), True, id="ordinance-majority"),
        pytest.param(C.CONTRIBUTIONS, D(2023, 3, 1), (50, 100), False, id="ordinance-half"),
    ],
)
def test_valid_share_applies_the_pass_rule_of_the_decision_date(
    matter: CommunityMatter, day: dt.date, counts: tuple[int, int], passes: bool
) -> None:
    """Contributions need two thirds of all households from 2023-07-01, a majority before."""
    d = dossier(
        decision(
            "a",
            matter,
            day,
            scope=DecisionScope.COMMUNITY,
            households_in_favour=counts[0],
            households_total=counts[1],
        ),
        period=Period.year(day.year),
    )
    m = measure(VALID, d)
    assert (1.0 if passes else 0.0, ("a",)) == (m.value, m.evidence)


@pytest.mark.parametrize(
    ("in_favour", "passes"),
    [pytest.param(4, True, id="4-of-6"), pytest.param(3, False, id="3-of-6")],
)
def test_valid_share_counts_communities_for_commune_wide_contributions(
    in_favour: int, passes: bool
) -> None:
    """Commune-wide contributions need two thirds of all communities."""
    d = dossier(
        decision(
            "a",
            C.CONTRIBUTIONS,
            D(2024, 3, 1),
            scope=DecisionScope.COMMUNE,
            communities_in_favour=in_favour,
            communities_total=6,
        )
    )
    expected = 1.0 if passes else 0.0
    assert expected == measure(VALID, d).value


def test_valid_share_averages_decisions_in_the_period_only() -> None:
    """One of two decisions in the period passing gives 0.5; older decisions are left out."""
    counts = {"households_total": 100}
    d = dossier(
        decision("a", C.SELF_MANAGEMENT, D(2024, 3, 1), households_in_favour=70, **counts),
        decision("b", C.SELF_MANAGEMENT, D(2024, 5, 1), households_in_favour=40, **counts),
        decision("c", C.SELF_MANAGEMENT, D(2023, 5, 1), households_in_favour=40, **counts),
    )
    m = measure(VALID, d)
    expected = (0.5, ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_valid_share_does_not_judge_decisions_before_the_ordinance() -> None:
    """No pass rule is known before 2007-07-01."""
    d = dossier(
        decision(
            "a", C.CONTRIBUTIONS, D(2006, 3, 1), households_in_favour=10, households_total=100
        ),
        period=Period.year(2006),
    )
    assert measure(VALID, d).is_missing


FILED = "decision.filed_on_time_share"


def test_filed_on_time_is_missing_without_filing_dates() -> None:
    """Decisions without `filed_on` give a missing value."""
    assert measure(FILED, dossier(decision("a", C.CONVENTION, D(2024, 3, 1)))).is_missing


def test_filed_on_time_counts_records_filed_within_5_working_days() -> None:
    """Filed on the fifth working day is on time, on the sixth late."""
    d = dossier(
        decision("a", C.CONVENTION, D(2024, 3, 1), filed_on=D(2024, 3, 8)),
        decision("b", C.CONVENTION, D(2024, 3, 1), filed_on=D(2024, 3, 11)),
        decision("c", C.CONVENTION, D(2023, 12, 1), filed_on=D(2024, 1, 11)),
    )
    m = measure(FILED, d)
    expected = (0.5, ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_filed_on_time_does_not_judge_decisions_before_the_law() -> None:
    """No filing deadline is known before 2023-07-01."""
    d = dossier(
        decision("a", C.CONVENTION, D(2023, 3, 1), filed_on=D(2023, 5, 1)),
        period=Period.year(2023),
    )
    assert measure(FILED, d).is_missing


# --------------------------------------------------------------------------- consultations
WINDOW = "consultation.window_share"
FEEDBACK = "consultation.feedback_share"


def consultation(ident: str, **fields: Any) -> Consultation:
    return Consultation(id=ident, subject="kế hoạch sử dụng đất", **fields)


def test_window_share_is_missing_without_both_dates() -> None:
    """Consultations without opening and closing dates give a missing value."""
    assert measure(WINDOW, dossier(consultation("a", opened_on=D(2024, 3, 1)))).is_missing


def test_window_share_needs_20_days_counting_both_ends() -> None:
    """1–20 March is 20 days and enough; 1–19 March is not; older ones are left out."""
    d = dossier(
        consultation("a", opened_on=D(2024, 3, 1), closes_on=D(2024, 3, 20)),
        consultation("b", opened_on=D(2024, 3, 1), closes_on=D(2024, 3, 19)),
        consultation("c", opened_on=D(2023, 12, 1), closes_on=D(2024, 1, 30)),
    )
    m = measure(WINDOW, d)
    expected = (0.5, ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_window_share_does_not_judge_consultations_before_the_law() -> None:
    """The 20-day window is new with Law 10/2022: earlier consultations are not judged."""
    d = dossier(
        consultation("a", opened_on=D(2023, 3, 1), closes_on=D(2023, 3, 5)),
        period=Period.year(2023),
    )
    assert measure(WINDOW, d).is_missing


def test_feedback_share_is_missing_without_consultations() -> None:
    """No consultation in the period gives a missing value."""
    d = dossier(consultation("a", opened_on=D(2023, 3, 1), synthesis_published_on=D(2023, 4, 1)))
    assert measure(FEEDBACK, d).is_missing


def test_feedback_share_counts_published_syntheses() -> None:
    """One published and one stated as not published give 0.5; silence is not judged."""
    d = dossier(
        consultation("a", opened_on=D(2024, 3, 1), synthesis_published_on=D(2024, 4, 1)),
        consultation("b", period=Period.year(2024), synthesis_published=False),
        consultation("c", opened_on=D(2023, 3, 1)),
        consultation("d", period=Period.year(2024)),
    )
    m = measure(FEEDBACK, d)
    expected = (0.5, ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_feedback_share_is_missing_when_nothing_is_stated() -> None:
    """Consultations that do not say whether a synthesis was published give no value."""
    d = dossier(consultation("d", period=Period.year(2024)))
    assert measure(FEEDBACK, d).is_missing


# --------------------------------------------------------------------------- conventions
COVERAGE = "convention.coverage"
REVIEW = "convention.review_share"


def convention(ident: str, community: str | None, **fields: Any) -> CommunityConvention:
    return CommunityConvention(
        id=ident, kind=ConventionKind.HUONG_UOC, community=community, **fields
    )


def test_convention_coverage_is_missing_without_evidence() -> None:
    """No convention and no tally give a missing value."""
    assert measure(COVERAGE, dossier(communities=3)).is_missing


def test_convention_coverage_counts_distinct_recognised_communities() -> None:
    """Two of three communities with a convention recognised by the period's end give 2/3."""
    d = dossier(
        convention("a", "v1", recognised_on=D(2019, 5, 1)),
        convention("b", "v1", recognised_on=D(2024, 5, 1)),
        convention("c", "v2", recognised_on=D(2024, 12, 31)),
        convention("d", "v3", recognised_on=D(2025, 1, 2)),
        communities=3,
    )
    m = measure(COVERAGE, d)
    expected = (2 / 3, ("a", "b", "c"))
    assert expected == (m.value, m.evidence)


def test_convention_coverage_falls_back_to_tallies() -> None:
    """Without the number of communities, a tally's coverage ratio is used."""
    d = dossier(
        convention("a", "v1", recognised_on=D(2019, 5, 1)),
        ConventionTally(id="t", period=Y2024, coverage=Ratio(part=9, whole=10)),
    )
    m = measure(COVERAGE, d)
    expected = (0.9, ("t",))
    assert expected == (m.value, m.evidence)


def test_convention_coverage_ignores_tallies_of_other_periods() -> None:
    """A tally of another period is not read."""
    d = dossier(ConventionTally(id="t", period=Period.year(2022), coverage=Ratio(share=1.0)))
    assert measure(COVERAGE, d).is_missing


def test_review_share_is_missing_without_evidence() -> None:
    """No convention and no tally give a missing value."""
    assert measure(REVIEW, dossier()).is_missing


def test_review_share_counts_reviews_in_the_period() -> None:
    """One of two conventions in force reviewed in the period gives 0.5."""
    d = dossier(
        convention("a", "v1", recognised_on=D(2019, 5, 1), reviewed_on=(D(2024, 11, 18),)),
        convention("b", "v2", recognised_on=D(2019, 5, 1), reviewed_on=(D(2023, 11, 18),)),
        convention("c", "v3", adopted_on=D(2025, 2, 1)),
    )
    m = measure(REVIEW, d)
    expected = (0.5, ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_review_share_falls_back_to_tallies() -> None:
    """Without convention records, the tallies' review ratios are used."""
    d = dossier(ConventionTally(id="t", period=Y2024, reviewed=Ratio(part=3, whole=4)))
    m = measure(REVIEW, d)
    expected = (0.75, ("t",))
    assert expected == (m.value, m.evidence)


# --------------------------------------------------------------------------- recognition
RECOGNISED = "convention.recognised_on_time_share"


def adopted(ident: str, day: dt.date, **fields: Any) -> CommunityConvention:
    return CommunityConvention(id=ident, kind=ConventionKind.QUY_UOC, adopted_on=day, **fields)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param(
            {"filed_on": D(2024, 3, 8), "recognised_on": D(2024, 3, 15)}, 1.0, id="both-in-time"
        ),
        pytest.param(
            {"filed_on": D(2024, 3, 11), "recognised_on": D(2024, 3, 12)}, 0.0, id="file-late"
        ),
        pytest.param(
            {"filed_on": D(2024, 3, 4), "recognised_on": D(2024, 3, 12)}, 0.0, id="recognition-late"
        ),
        pytest.param({"filed_on": D(2024, 3, 4)}, None, id="recognition-unknown"),
        pytest.param({"recognised_on": D(2024, 3, 8)}, 1.0, id="recognised-within-5"),
        pytest.param({"recognised_on": D(2024, 3, 13)}, None, id="between-5-and-10"),
        pytest.param({"recognised_on": D(2024, 3, 18)}, 0.0, id="past-10"),
    ],
)
def test_recognised_on_time_judges_both_steps_of_decree_61(
    fields: dict[str, Any], expected: float | None
) -> None:
    """Decree 61/2023 Art. 11.3: the file within 5 working days of the vote, recognition
    within 5 of the file; without the file date only what holds either way is judged."""
    d = dossier(adopted("c", D(2024, 3, 1), **fields))
    assert expected == measure(RECOGNISED, d).value


def test_recognised_on_time_does_not_judge_conventions_before_decree_61() -> None:
    """Conventions adopted before 2023-08-16 were recognised under Decision 22/2018."""
    c = adopted("c", D(2023, 3, 1), recognised_on=D(2023, 6, 1))
    assert measure(RECOGNISED, dossier(c, period=Period.year(2023))).is_missing
