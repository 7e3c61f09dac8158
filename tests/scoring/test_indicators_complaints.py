"""Reception and complaint indicators: sessions, replies, acceptance and resolution."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dancoso.model import (
    AnyEvidence,
    CitizenReception,
    CitizenReceptionTally,
    Dossier,
    Period,
    Petition,
    PetitionKind,
    PetitionOutcome,
    PetitionTally,
    Ratio,
    Receiver,
    Unit,
    UnitKind,
)
from dancoso.scoring._default import REGISTRY
from dancoso.scoring._indicators._util import LAW_10, regime_on
from dancoso.scoring._measure import Context, Measurement

D = dt.date
Y2024 = Period.year(2024)
CHAIR = Receiver.PEOPLES_COMMITTEE_CHAIR
SECRETARY = Receiver.PARTY_SECRETARY
COMPLAINT = PetitionKind.COMPLAINT
DENUNCIATION = PetitionKind.DENUNCIATION


def dossier(
    *evidence: AnyEvidence,
    kind: UnitKind = UnitKind.WARD,
    period: Period = Y2024,
    remote: bool | None = None,
) -> Dossier:
    unit = Unit(id="u", kind=kind, name="Phường Thử", remote=remote)
    return Dossier(unit=unit, period=period, evidence=evidence)


def measure(name: str, d: Dossier, regime: str | None = None) -> Measurement:
    regime = regime or regime_on(d.unit.kind, d.period.end) or LAW_10
    context = Context(unit=d.unit, period=d.period, regime=regime)
    m: Measurement = REGISTRY.get_indicator(name).compute(dossier=d, context=context)
    return m


def reception(ident: str, receiver: Receiver, day: dt.date, **fields: Any) -> CitizenReception:
    return CitizenReception(id=ident, receiver=receiver, held_on=day, **fields)


def reception_tally(
    ident: str, receivers: tuple[Receiver, ...], period: Period = Y2024, **fields: Any
) -> CitizenReceptionTally:
    return CitizenReceptionTally(id=ident, receivers=receivers, period=period, **fields)


def petition(ident: str, kind: PetitionKind, received: dt.date, **fields: Any) -> Petition:
    return Petition(id=ident, kind=kind, received_on=received, **fields)


# --------------------------------------------------------------------------- sessions
HEAD = "reception.head_sessions"
SECRETARY_SESSIONS = "reception.party_secretary_sessions"


@pytest.mark.parametrize("name", [HEAD, SECRETARY_SESSIONS])
def test_sessions_are_missing_without_evidence(name: str) -> None:
    """No reception of the receiver gives a missing value."""
    d = dossier(reception("x", Receiver.PEOPLES_COUNCIL, D(2024, 3, 1)))
    assert measure(name, d).is_missing


@pytest.mark.parametrize(
    ("kind", "receiver"),
    [
        pytest.param(UnitKind.WARD, CHAIR, id="ward-chair"),
        pytest.param(UnitKind.PROVINCE, CHAIR, id="province-chair"),
        pytest.param(UnitKind.STATE_AGENCY, Receiver.AGENCY_HEAD, id="agency-head"),
    ],
)
def test_head_sessions_count_the_heads_own_sessions(kind: UnitKind, receiver: Receiver) -> None:
    """Sessions of the head in the period count; other receivers and other years do not."""
    d = dossier(
        reception("a", receiver, D(2024, 3, 1)),
        reception("b", receiver, D(2024, 3, 8)),
        reception("c", SECRETARY, D(2024, 3, 8)),
        reception("d", receiver, D(2023, 3, 8)),
        kind=kind,
    )
    m = measure(HEAD, d)
    expected = (2.0, ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_head_sessions_read_a_tally_of_the_head_alone() -> None:
    """A tally whose only receiver is the chair counts its sessions; a shared one does not."""
    d = dossier(
        reception_tally("own", (CHAIR,), sessions=50),
        reception_tally("shared", (CHAIR, SECRETARY), sessions=80),
    )
    m = measure(HEAD, d)
    expected = (50.0, ("own",))
    assert expected == (m.value, m.evidence)


def test_head_sessions_read_a_weekly_schedule_and_say_so() -> None:
    """A weekly schedule gives one session a week over the tally, noted as a schedule."""
    m = measure(HEAD, dossier(reception_tally("s", (CHAIR,), schedule="Thứ Năm hằng tuần")))
    expected = (pytest.approx(366 / 7), ("s",), True)
    assert expected == (
        m.value,
        m.evidence,
        "written schedule" in (m.note or ""),
    )


def test_head_sessions_set_aside_a_schedule_when_sessions_are_recorded() -> None:
    """Sessions recorded one by one replace a schedule covering their dates."""
    d = dossier(
        reception("a", CHAIR, D(2024, 3, 7)),
        reception_tally("s", (CHAIR,), schedule="hàng tuần"),
    )
    m = measure(HEAD, d)
    expected = (1.0, ("a",))
    assert expected == (m.value, m.evidence)


def test_party_secretary_sessions_count_the_secretarys_sessions() -> None:
    """Sessions of the Party secretary in the period count; the chair's do not."""
    d = dossier(
        reception("a", SECRETARY, D(2024, 3, 1)),
        reception("b", SECRETARY, D(2024, 3, 15)),
        reception("c", CHAIR, D(2024, 3, 15)),
        reception("d", SECRETARY, D(2025, 3, 15)),
    )
    m = measure(SECRETARY_SESSIONS, d)
    expected = (2.0, ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_party_secretary_sessions_read_a_monthly_schedule() -> None:
    """ "2 ngày/tháng" over a year gives about 24 sessions."""
    d = dossier(reception_tally("s", (SECRETARY,), schedule="2 ngày/tháng"))
    expected = pytest.approx(2 * 12 * 366 / 365.25)
    assert expected == measure(SECRETARY_SESSIONS, d).value


# --------------------------------------------------------------------------- replies
REPLY = "reception.reply_on_time_share"


def test_reply_share_is_missing_without_reply_dates() -> None:
    """Receptions without a reply date give a missing value."""
    assert measure(REPLY, dossier(reception("a", CHAIR, D(2024, 3, 1)))).is_missing


def test_reply_share_needs_an_answer_within_10_working_days() -> None:
    """Answered on the tenth working day is on time, on the eleventh late."""
    d = dossier(
        reception("a", CHAIR, D(2024, 3, 1), replied_on=D(2024, 3, 15)),
        reception("b", CHAIR, D(2024, 3, 1), replied_on=D(2024, 3, 18)),
        reception("c", CHAIR, D(2023, 12, 1), replied_on=D(2024, 1, 18)),
    )
    m = measure(REPLY, d)
    expected = (0.5, ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_reply_share_does_not_judge_receptions_before_the_law() -> None:
    """Receptions before the Law on Citizen Reception took effect are not judged."""
    d = dossier(
        reception("a", CHAIR, D(2014, 3, 1), replied_on=D(2014, 5, 1)), period=Period.year(2014)
    )
    assert measure(REPLY, d).is_missing


# --------------------------------------------------------------------------- acceptance
ACCEPTED = "complaints.accepted_on_time_share"


def test_accepted_share_is_missing_without_complaints_accepted() -> None:
    """Denunciations, and complaints without an acceptance date, give a missing value."""
    d = dossier(
        petition("a", COMPLAINT, D(2024, 3, 1)),
        petition("b", DENUNCIATION, D(2024, 3, 1), accepted_on=D(2024, 3, 2)),
    )
    assert measure(ACCEPTED, d).is_missing


def test_accepted_share_counts_complaints_accepted_within_10_days() -> None:
    """Accepted on the tenth day is on time, on the eleventh late; older receipts are left out."""
    d = dossier(
        petition("a", COMPLAINT, D(2024, 3, 1), accepted_on=D(2024, 3, 11)),
        petition("b", COMPLAINT, D(2024, 3, 1), accepted_on=D(2024, 3, 12)),
        petition("c", COMPLAINT, D(2023, 12, 30), accepted_on=D(2024, 1, 30)),
    )
    m = measure(ACCEPTED, d)
    expected = (0.5, ("a", "b"))
    assert expected == (m.value, m.evidence)


@pytest.mark.parametrize(
    ("received", "accepted", "expected"),
    [
        pytest.param(D(2025, 7, 7), D(2025, 7, 17), 1.0, id="10-days-under-the-2011-law"),
        pytest.param(D(2026, 7, 6), D(2026, 7, 16), 0.0, id="8-working-days-from-2026-07"),
        pytest.param(D(2026, 7, 6), D(2026, 7, 15), 1.0, id="7-working-days-from-2026-07"),
    ],
)
def test_accepted_share_uses_7_working_days_from_july_2026(
    received: dt.date, accepted: dt.date, expected: float
) -> None:
    """Complaints received from 2026-07-01 must be accepted within 7 working days."""
    d = dossier(
        petition("a", COMPLAINT, received, accepted_on=accepted),
        kind=UnitKind.PROVINCE,
        period=Period.year(received.year),
    )
    assert expected == measure(ACCEPTED, d).value


# --------------------------------------------------------------------------- resolution
ON_TIME = "complaints.resolved_on_time_share"


def test_resolved_on_time_is_missing_without_resolutions() -> None:
    """Cases not resolved, and no tally, give a missing value."""
    assert measure(ON_TIME, dossier(petition("a", COMPLAINT, D(2024, 3, 1)))).is_missing


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({"resolved_on": D(2024, 3, 31)}, 1.0, id="30-days"),
        pytest.param({"resolved_on": D(2024, 4, 1)}, 0.0, id="31-days"),
        pytest.param({"resolved_on": D(2024, 4, 15), "complex": True}, 1.0, id="complex-45"),
        pytest.param({"resolved_on": D(2024, 4, 15), "round": 2}, 1.0, id="second-round-45"),
        pytest.param(
            {"resolved_on": D(2024, 4, 15), "due_on": D(2024, 4, 10)}, 0.0, id="stated-due-date"
        ),
    ],
)
def test_resolved_on_time_applies_the_complaint_limits(
    fields: dict[str, Any], expected: float
) -> None:
    """Complaints: 30 days from acceptance, 45 if complex or at the second round (a unit
    stated not to be remote)."""
    p = petition("a", COMPLAINT, D(2024, 2, 25), accepted_on=D(2024, 3, 1), **fields)
    d = dossier(p, remote=False)
    m = measure(ON_TIME, d)
    assert (expected, ("a",)) == (m.value, m.evidence)


@pytest.mark.parametrize(
    ("remote", "days", "fields", "expected"),
    [
        pytest.param(True, 45, {}, 1.0, id="remote-first-45"),
        pytest.param(True, 46, {}, 0.0, id="remote-first-46"),
        pytest.param(True, 60, {"complex": True}, 1.0, id="remote-first-complex-60"),
        pytest.param(True, 60, {"round": 2}, 1.0, id="remote-second-60"),
        pytest.param(True, 70, {"round": 2, "complex": True}, 1.0, id="remote-second-complex-70"),
        pytest.param(True, 71, {"round": 2, "complex": True}, 0.0, id="remote-second-complex-71"),
        pytest.param(None, 30, {}, 1.0, id="not-stated-within-30"),
        pytest.param(None, 40, {}, None, id="not-stated-between-30-and-45"),
        pytest.param(None, 46, {}, 0.0, id="not-stated-past-45"),
        pytest.param(False, 40, {}, 0.0, id="not-remote-40"),
    ],
)
def test_resolved_on_time_gives_remote_areas_their_longer_limits(
    remote: bool | None, days: int, fields: dict[str, Any], expected: float | None
) -> None:
    """Law on Complaints Arts 28 and 37: in remote areas 45 (60) and 60 (70) days; a dossier
    silent about remoteness judges only what holds either way."""
    accepted = D(2024, 3, 1)
    p = petition(
        "a",
        COMPLAINT,
        accepted,
        accepted_on=accepted,
        resolved_on=accepted + dt.timedelta(days=days),
        **fields,
    )
    assert expected == measure(ON_TIME, dossier(p, remote=remote)).value


@pytest.mark.parametrize(
    ("year", "expected"),
    [pytest.param(2024, 0.0, id="30-days-from-2019"), pytest.param(2018, 1.0, id="60-days-before")],
)
def test_resolved_on_time_applies_the_denunciation_limit_of_the_date(
    year: int, expected: float
) -> None:
    """A denunciation resolved in 50 days is late from 2019 and on time before."""
    received = D(year, 3, 1)
    d = dossier(
        petition(
            "a",
            DENUNCIATION,
            received,
            accepted_on=received,
            resolved_on=received + dt.timedelta(days=50),
        ),
        period=Period.year(year),
    )
    assert expected == measure(ON_TIME, d).value


def test_resolved_on_time_judges_without_acceptance_only_when_it_can() -> None:
    """Without an acceptance date, a case resolved within the limit from receipt is on time,
    and a later one cannot be judged."""
    d = dossier(
        petition("fast", COMPLAINT, D(2024, 3, 1), resolved_on=D(2024, 3, 20)),
        petition("slow", COMPLAINT, D(2024, 3, 1), resolved_on=D(2024, 5, 20)),
        petition("old", COMPLAINT, D(2023, 11, 1), resolved_on=D(2023, 11, 5)),
    )
    m = measure(ON_TIME, d)
    expected = (1.0, ("fast",))
    assert expected == (m.value, m.evidence)


def test_resolved_on_time_falls_back_to_case_tallies() -> None:
    """Without judged events, tallies naming complaints or denunciations are used."""
    d = dossier(
        PetitionTally(id="t", period=Y2024, kinds=(COMPLAINT,), on_time=Ratio(part=9, whole=10)),
        PetitionTally(
            id="p", period=Y2024, kinds=(PetitionKind.FEEDBACK,), on_time=Ratio(share=0.1)
        ),
    )
    m = measure(ON_TIME, d)
    expected = (0.9, ("t",))
    assert expected == (m.value, m.evidence)


RESOLVED = "complaints.resolved_share"


def test_resolved_share_is_missing_without_accepted_cases() -> None:
    """No case accepted in the period gives a missing value."""
    d = dossier(petition("a", COMPLAINT, D(2023, 3, 1), accepted_on=D(2023, 3, 5)))
    assert measure(RESOLVED, d).is_missing


def test_resolved_share_counts_cases_accepted_in_the_period() -> None:
    """Resolved by outcome or by date counts; pending, or resolved after the period, does not;
    withdrawn cases are left out."""
    accepted = {"accepted_on": D(2024, 3, 5)}
    d = dossier(
        petition("a", COMPLAINT, D(2024, 3, 1), outcome=PetitionOutcome.RESOLVED, **accepted),
        petition("b", DENUNCIATION, D(2024, 3, 1), resolved_on=D(2024, 4, 1), **accepted),
        petition("c", COMPLAINT, D(2024, 3, 1), outcome=PetitionOutcome.PENDING, **accepted),
        petition("d", COMPLAINT, D(2024, 3, 1), resolved_on=D(2025, 1, 3), **accepted),
        petition("e", COMPLAINT, D(2024, 3, 1), outcome=PetitionOutcome.WITHDRAWN, **accepted),
    )
    m = measure(RESOLVED, d)
    expected = (0.5, ("a", "b", "c", "d"))
    assert expected == (m.value, m.evidence)


def test_resolved_share_falls_back_to_case_tallies() -> None:
    """Without accepted events, the tallies' resolved ratios are used."""
    d = dossier(
        PetitionTally(
            id="t",
            period=Y2024,
            kinds=(COMPLAINT, DENUNCIATION),
            accepted=97,
            resolved=Ratio(part=92, whole=97),
        )
    )
    m = measure(RESOLVED, d)
    expected = (92 / 97, ("t",))
    assert expected == (m.value, m.evidence)


# --------------------------------------------------------------------------- denunciations
PROCESSED = "denunciations.processed_on_time_share"


@pytest.mark.parametrize(
    ("accepted", "expected"),
    [
        pytest.param(D(2024, 3, 12), 1.0, id="7-working-days"),
        pytest.param(D(2024, 3, 14), None, id="9-working-days-not-judged"),
        pytest.param(D(2024, 3, 18), 0.0, id="11-working-days"),
    ],
)
def test_processed_on_time_allows_7_working_days(accepted: dt.date, expected: float | None) -> None:
    """Law on Denunciations Art. 24.1: 7 working days on time, beyond 10 late; in between
    the extension may apply, which the data cannot tell."""
    d = dossier(petition("a", DENUNCIATION, D(2024, 3, 1), accepted_on=accepted))
    assert expected == measure(PROCESSED, d).value


def test_processed_on_time_reads_only_denunciations_from_2019() -> None:
    """Complaints are not denunciations, and denunciations before 2019 are not judged."""
    d = dossier(
        petition("c", COMPLAINT, D(2018, 3, 1), accepted_on=D(2018, 3, 30)),
        petition("old", DENUNCIATION, D(2018, 3, 1), accepted_on=D(2018, 3, 30)),
        period=Period.year(2018),
    )
    assert measure(PROCESSED, d).is_missing
