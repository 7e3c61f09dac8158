"""Board indicators: the People's Inspection Board and the investment supervision board."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dancoso.model import (
    AnyEvidence,
    Board,
    BoardActivity,
    BoardKind,
    Dossier,
    Period,
    Unit,
    UnitKind,
)
from dancoso.scoring._default import REGISTRY
from dancoso.scoring._indicators._util import LAW_10, regime_on
from dancoso.scoring._measure import Context, Measurement

D = dt.date
Y2024 = Period.year(2024)
PIB = BoardKind.PEOPLES_INSPECTION_BOARD
CISB = BoardKind.COMMUNITY_INVESTMENT_SUPERVISION_BOARD


def dossier(
    *evidence: AnyEvidence,
    kind: UnitKind = UnitKind.COMMUNE,
    period: Period = Y2024,
    communities: int | None = None,
) -> Dossier:
    unit = Unit(id="u", kind=kind, name="Xã Thử", residential_communities=communities)
    return Dossier(unit=unit, period=period, evidence=evidence)


def measure(name: str, d: Dossier, regime: str | None = None) -> Measurement:
    regime = regime or regime_on(d.unit.kind, d.period.end) or LAW_10
    context = Context(unit=d.unit, period=d.period, regime=regime)
    m: Measurement = REGISTRY.get_indicator(name).compute(dossier=d, context=context)
    return m


def board(ident: str, kind: BoardKind = PIB, **fields: Any) -> Board:
    return Board(id=ident, kind=kind, **fields)


def activity(
    ident: str, kind: BoardKind = PIB, period: Period = Y2024, **fields: Any
) -> BoardActivity:
    return BoardActivity(id=ident, board_kind=kind, period=period, **fields)


# --------------------------------------------------------------------------- constituted
CONSTITUTED = "pib.constituted"


def test_pib_constituted_is_missing_without_a_board() -> None:
    """No inspection board record gives a missing value."""
    assert measure(
        CONSTITUTED, dossier(board("c", CISB, members=5, established_on=D(2024, 1, 1)))
    ).is_missing


@pytest.mark.parametrize(
    ("kind", "members", "expected"),
    [
        pytest.param(UnitKind.COMMUNE, 5, 1.0, id="commune-5"),
        pytest.param(UnitKind.COMMUNE, 4, 0.0, id="commune-4"),
        pytest.param(UnitKind.STATE_AGENCY, 3, 1.0, id="agency-3"),
        pytest.param(UnitKind.STATE_AGENCY, 2, 0.0, id="agency-2"),
        pytest.param(UnitKind.STATE_AGENCY, 11, 1.0, id="agency-11-allowed-in-special-cases"),
        pytest.param(UnitKind.STATE_OWNED_ENTERPRISE, 3, 1.0, id="soe-3"),
    ],
)
def test_pib_constituted_checks_the_fewest_members(
    kind: UnitKind, members: int, expected: float
) -> None:
    """Communes need at least 5 members, agencies and enterprises at least 3."""
    d = dossier(board("b", members=members, term=Period.years(2023, 2025)), kind=kind)
    m = measure(CONSTITUTED, d)
    assert (expected, ("b",)) == (m.value, m.evidence)


@pytest.mark.parametrize(
    ("established", "expected"),
    [
        pytest.param(D(2023, 9, 1), 0.0, id="law-every-community-represented"),
        pytest.param(D(2022, 9, 1), 1.0, id="decree-159-no-such-rule"),
    ],
)
def test_pib_constituted_needs_every_community_represented_under_the_law(
    established: dt.date, expected: float
) -> None:
    """A board set up from 2023-07-01 must represent every community; an older one need not."""
    d = dossier(
        board("b", members=6, communities_represented=2, established_on=established),
        communities=3,
    )
    assert expected == measure(CONSTITUTED, d).value


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(board("b", members=7, term=Period.years(2020, 2022)), id="term-ended"),
        pytest.param(board("b", members=7, established_on=D(2025, 2, 1)), id="set-up-later"),
        pytest.param(activity("b", period=Period.year(2022)), id="activity-of-another-year"),
    ],
)
def test_pib_constituted_ignores_boards_not_in_place(record: AnyEvidence) -> None:
    """A board whose term ended, set up later, or at work in another year is ignored."""
    assert measure(CONSTITUTED, dossier(record)).is_missing


@pytest.mark.parametrize(
    ("members", "expected"),
    [pytest.param(7, 1.0, id="enough"), pytest.param(4, 0.0, id="too-few")],
)
def test_pib_constituted_reads_an_undated_board_as_a_dated_one(
    members: int, expected: float
) -> None:
    """A board record without dates is the dossier's board for its period, as if dated."""
    undated = measure(CONSTITUTED, dossier(board("b", members=members)))
    dated = measure(CONSTITUTED, dossier(board("b", members=members, term=Y2024)))
    assert (expected, ("b",)) == (undated.value, undated.evidence)
    assert dated == undated


def test_pib_constituted_dates_an_undated_board_by_its_activities() -> None:
    """An undated board at work only in another year, by its activities, is not in place."""
    elsewhere = dossier(
        board("b", members=7), activity("a", period=Period.year(2022), board="b", supervisions=1)
    )
    here = dossier(board("b", members=4), activity("a", board="b", supervisions=1))
    expected = (None, 0.0)
    assert expected == (measure(CONSTITUTED, elsewhere).value, measure(CONSTITUTED, here).value)


def test_pib_constituted_accepts_a_board_at_work_without_a_member_count() -> None:
    """A board in place, or at work, without a member count gives 1.0 and says so."""
    d = dossier(board("b", established_on=D(2021, 3, 1)), activity("a", supervisions=2))
    m = measure(CONSTITUTED, d)
    expected = (1.0, ("a", "b"), True)
    assert expected == (m.value, m.evidence, "not counted" in (m.note or ""))


def test_pib_constituted_prefers_a_board_with_enough_members() -> None:
    """One board with enough members outweighs an older one with too few."""
    d = dossier(
        board("old", members=3, term=Period(start=D(2021, 1, 1), end=D(2024, 3, 31))),
        board("new", members=9, term=Period(start=D(2024, 4, 1), end=D(2026, 3, 31))),
    )
    m = measure(CONSTITUTED, d)
    expected = (1.0, ("new",))
    assert expected == (m.value, m.evidence)


# --------------------------------------------------------------------------- reports
REPORTS = "pib.reports"


def test_pib_reports_is_missing_without_counts() -> None:
    """Board activity without a report count gives a missing value."""
    assert measure(REPORTS, dossier(activity("a", supervisions=3))).is_missing


def test_pib_reports_pro_rates_inspection_board_reports() -> None:
    """Reports of a tally over two years count by days; other boards and years do not count."""
    d = dossier(
        activity("a", reports=4),
        activity("old", period=Period.year(2023), reports=4),
        activity("b", period=Period.years(2024, 2025), reports=8),
        activity("c", CISB, reports=5),
    )
    m = measure(REPORTS, d)
    expected = (pytest.approx(4 + 8 * 366 / 731), ("a", "b"))
    assert expected == (m.value, m.evidence)


# --------------------------------------------------------------------------- answers
ANSWERS = "board.answer_share"


def test_answer_share_is_missing_without_recommendations() -> None:
    """Activity without recommendations gives a missing value."""
    assert measure(ANSWERS, dossier(activity("a", recommendations_made=0))).is_missing


def test_answer_share_counts_answers_in_time_across_both_boards() -> None:
    """In-time answers of both boards are summed over recommendations made."""
    d = dossier(
        activity("a", recommendations_made=10, recommendations_answered=9, answered_in_time=8),
        activity(
            "b", CISB, recommendations_made=10, recommendations_answered=10, answered_in_time=6
        ),
        activity("c", BoardKind.MEDIATION_TEAM, recommendations_made=10, answered_in_time=0),
        activity("d", period=Period.year(2023), recommendations_made=10, answered_in_time=0),
    )
    m = measure(ANSWERS, d)
    expected = (0.7, ("a", "b"), None)
    assert expected == (m.value, m.evidence, m.note)


def test_answer_share_falls_back_to_answers_and_says_so() -> None:
    """Without in-time counts, answers are used and the note names the record."""
    m = measure(ANSWERS, dossier(activity("a", recommendations_made=4, recommendations_answered=3)))
    expected = (0.75, ("a",), "answered, not known to be within 15 days: a")
    assert expected == (
        m.value,
        m.evidence,
        m.note,
    )


# --------------------------------------------------------------------------- CISB
CISB_ACTIVE = "cisb.active"


def test_cisb_active_is_missing_without_evidence() -> None:
    """No investment supervision board record gives a missing value."""
    assert measure(CISB_ACTIVE, dossier(activity("a", supervisions=2))).is_missing


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(board("c", CISB, established_on=D(2024, 5, 1)), id="constituted"),
        pytest.param(board("c", CISB, project="Đường liên thôn"), id="undated"),
        pytest.param(activity("c", CISB, supervisions=2), id="supervising"),
        pytest.param(activity("c", CISB, activities=("công trình đường thôn",)), id="activities"),
    ],
)
def test_cisb_active_when_constituted_or_at_work(record: AnyEvidence) -> None:
    """A board set up by the period's end (or undated), or work in the period, gives 1.0."""
    m = measure(CISB_ACTIVE, dossier(record))
    expected = (1.0, ("c",))
    assert expected == (m.value, m.evidence)


def test_cisb_active_is_zero_when_activity_states_no_work() -> None:
    """An activity record counting no work gives 0.0."""
    m = measure(CISB_ACTIVE, dossier(activity("c", CISB, supervisions=0, projects_supervised=0)))
    expected = (0.0, ("c",))
    assert expected == (m.value, m.evidence)


def test_cisb_active_ignores_work_outside_the_period() -> None:
    """Work recorded for another year says nothing of this one."""
    d = dossier(activity("c", CISB, period=Period.year(2022), supervisions=2))
    assert measure(CISB_ACTIVE, d).is_missing
