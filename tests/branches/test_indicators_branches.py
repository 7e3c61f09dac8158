"""Indicators' helpers at the edges: time limits outside the laws in force, unknown dates."""

from __future__ import annotations

import datetime as dt

from dancoso.model import (
    BoardActivity,
    BoardKind,
    CommunityConvention,
    ConventionKind,
    Dialogue,
    DialogueKind,
    Dossier,
    Period,
    Petition,
    PetitionKind,
    Unit,
    UnitKind,
)
from dancoso.scoring import REGISTRY, Context
from dancoso.scoring._indicators._complaints import (
    resolution_limit,
    resolved_in_time,
    resolved_on_time,
)
from dancoso.scoring._indicators._participation import convention_recognised_in_time
from dancoso.scoring._indicators._util import LAW_10, Limit
from dancoso.scoring._indicators._workplace import request_answered_in_time

D = dt.date
PIB = BoardKind.PEOPLES_INSPECTION_BOARD


def petition(kind: PetitionKind, received: dt.date, **kw: object) -> Petition:
    return Petition(id="p", kind=kind, received_on=received, **kw)  # type: ignore[arg-type]


def test_no_resolution_limit_before_the_law_on_complaints() -> None:
    """A complaint received before 2012-07-01 has no limit, so it is never judged on time."""
    old = petition(PetitionKind.COMPLAINT, D(2012, 6, 30), resolved_on=D(2012, 7, 5))
    assert resolution_limit(old) is None
    assert resolution_limit(old, remote=True) is None
    assert resolved_on_time(old, None) is None
    assert resolved_on_time(old, False) is None


def test_denunciations_under_the_2011_law_had_60_days_or_90() -> None:
    """A denunciation received in 2018 has 60 days (90 if complex); from 2019, 30 (60)."""
    assert resolution_limit(petition(PetitionKind.DENUNCIATION, D(2018, 12, 31))) == Limit(60)
    complex_ = petition(PetitionKind.DENUNCIATION, D(2018, 12, 31), complex=True)
    assert resolution_limit(complex_) == Limit(90)
    assert resolution_limit(petition(PetitionKind.DENUNCIATION, D(2019, 1, 1))) == Limit(30)


def test_petitions_and_feedback_have_no_resolution_limit() -> None:
    """Only complaints and denunciations have a resolution time limit."""
    for kind in (PetitionKind.PETITION, PetitionKind.FEEDBACK):
        assert resolution_limit(petition(kind, D(2023, 1, 1), resolved_on=D(2023, 3, 1))) is None


def test_an_unresolved_case_is_neither_on_time_nor_late() -> None:
    """Without a resolution date, whether it was resolved in time cannot be told."""
    open_case = petition(PetitionKind.COMPLAINT, D(2023, 1, 1))
    assert resolved_in_time(open_case, Limit(30)) is None
    assert resolved_on_time(open_case, None) is None


def test_a_convention_without_a_vote_date_cannot_be_judged() -> None:
    """Without adopted_on, whether file and recognition were in time is unknown."""
    c = CommunityConvention(id="c", kind=ConventionKind.HUONG_UOC, recognised_on=D(2024, 3, 1))
    assert convention_recognised_in_time(c) is None


def test_a_convention_filed_in_time_but_not_yet_recognised_is_unknown() -> None:
    """Filed within 5 working days of the vote, no recognition date: cannot tell yet."""
    c = CommunityConvention(
        id="c", kind=ConventionKind.HUONG_UOC, adopted_on=D(2024, 3, 4), filed_on=D(2024, 3, 6)
    )
    assert convention_recognised_in_time(c) is None


def test_a_convention_voted_but_neither_filed_nor_recognised_is_unknown() -> None:
    """Only the vote date known: whether the later steps were in time cannot be told."""
    c = CommunityConvention(id="c", kind=ConventionKind.QUY_UOC, adopted_on=D(2024, 3, 4))
    assert convention_recognised_in_time(c) is None


def test_a_dialogue_never_requested_has_no_answer_to_time() -> None:
    """A workplace dialogue without requested_on: whether the request was answered in time is
    unknown."""
    d = Dialogue(id="d", kind=DialogueKind.WORKPLACE_ON_REQUEST, held_on=D(2024, 3, 4))
    assert request_answered_in_time(d) is None


def test_recommendations_made_without_answers_counted_are_missing_not_failed() -> None:
    """A board tally of 4 recommendations that says nothing of answers is no evidence of
    unanswered ones: the answer share is missing, and another tally still counts."""
    unit = Unit(id="u", kind=UnitKind.COMMUNE, name="Xã Thử")
    year = Period.year(2024)
    silent = BoardActivity(id="a", board_kind=PIB, period=year, recommendations_made=4)
    answer_share = REGISTRY.get_indicator("board.answer_share").compute
    context = Context(unit=unit, period=year, regime=LAW_10)
    alone = answer_share(
        dossier=Dossier(unit=unit, period=year, evidence=(silent,)), context=context
    )
    assert alone.value is None
    counted = BoardActivity(
        id="b", board_kind=PIB, period=year, recommendations_made=2, answered_in_time=1
    )
    both = Dossier(unit=unit, period=year, evidence=(silent, counted))
    got = answer_share(dossier=both, context=context)
    assert (got.value, got.evidence) == (0.5, ("b",))
