"""Workplace indicators: staff and workers' conferences, dialogue, collective agreements."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dancoso.model import (
    AnyEvidence,
    CollectiveAgreement,
    Conference,
    ConferenceKind,
    ConferenceTally,
    Dialogue,
    DialogueKind,
    DialogueTally,
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
AGENCY = UnitKind.STATE_AGENCY
SOE = UnitKind.STATE_OWNED_ENTERPRISE
PRIVATE = UnitKind.NON_STATE_EMPLOYER
K = DialogueKind


def dossier(*evidence: AnyEvidence, kind: UnitKind = PRIVATE, period: Period = Y2024) -> Dossier:
    unit = Unit(id="u", kind=kind, name="Đơn vị thử")
    return Dossier(unit=unit, period=period, evidence=evidence)


def measure(name: str, d: Dossier, regime: str | None = None) -> Measurement:
    regime = regime or regime_on(d.unit.kind, d.period.end) or LAW_10
    context = Context(unit=d.unit, period=d.period, regime=regime)
    m: Measurement = REGISTRY.get_indicator(name).compute(dossier=d, context=context)
    return m


def conference(ident: str, kind: ConferenceKind, day: dt.date, **fields: Any) -> Conference:
    return Conference(id=ident, kind=kind, held_on=day, **fields)


STAFF = ConferenceKind.STAFF
WORKERS = ConferenceKind.WORKERS

# --------------------------------------------------------------------------- staff conference
STAFF_HELD = "conference.staff_held"


def test_staff_held_is_missing_without_evidence() -> None:
    """No staff conference gives a missing value."""
    d = dossier(conference("w", WORKERS, D(2024, 2, 1)), kind=AGENCY)
    assert measure(STAFF_HELD, d).is_missing


@pytest.mark.parametrize(
    ("day", "fields", "expected"),
    [
        pytest.param(D(2024, 2, 15), {"eligible": 90, "present": 60}, 1.0, id="law-q1-quorum"),
        pytest.param(D(2024, 2, 15), {"eligible": 90, "present": 59}, 0.0, id="law-no-quorum"),
        pytest.param(D(2024, 5, 10), {}, 0.0, id="law-too-late"),
        pytest.param(D(2022, 12, 20), {}, 1.0, id="decree04-year-end"),
        pytest.param(D(2022, 6, 1), {}, 0.0, id="decree04-mid-year"),
        pytest.param(D(2022, 12, 20), {"eligible": 30, "present": 10}, 0.0, id="decree04-quorum"),
    ],
)
def test_staff_held_judges_the_conference_by_the_rule_of_its_date(
    day: dt.date, fields: dict[str, Any], expected: float
) -> None:
    """Law: January–March after the work year; Decree 04: at the turn of the year; 2/3 present."""
    d = dossier(conference("c", STAFF, day, **fields), kind=AGENCY, period=Period.year(day.year))
    m = measure(STAFF_HELD, d)
    assert (expected, ("c",)) == (m.value, m.evidence)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({"coverage": Ratio(share=1.0)}, 1.0, id="full-coverage"),
        pytest.param({"count": 1}, 1.0, id="counted"),
        pytest.param({"coverage": Ratio(part=4, whole=5)}, 0.0, id="partial-coverage"),
    ],
)
def test_staff_held_reads_tallies_without_events(fields: dict[str, Any], expected: float) -> None:
    """A tally with full coverage (or a count) shows it held; lower coverage shows it was not."""
    d = dossier(ConferenceTally(id="t", kind=STAFF, period=Y2024, **fields), kind=AGENCY)
    m = measure(STAFF_HELD, d)
    assert (expected, ("t",)) == (m.value, m.evidence)


def test_staff_held_prefers_events_in_the_period() -> None:
    """A valid conference of the period wins over a tally; one of another year is ignored."""
    d = dossier(
        conference("c", STAFF, D(2024, 3, 1)),
        conference("old", STAFF, D(2023, 1, 10)),
        ConferenceTally(id="t", kind=STAFF, period=Y2024, coverage=Ratio(share=0.5)),
        kind=AGENCY,
    )
    m = measure(STAFF_HELD, d)
    expected = (1.0, ("c",))
    assert expected == (m.value, m.evidence)


PSU = UnitKind.PUBLIC_SERVICE_UNIT
SCHOOL_YEAR = Period(start=D(2023, 9, 5), end=D(2024, 5, 31))


@pytest.mark.parametrize(
    ("kind", "day", "fields", "expected"),
    [
        pytest.param(PSU, D(2024, 8, 20), {"year_reviewed": SCHOOL_YEAR}, 1.0, id="school-summer"),
        pytest.param(PSU, D(2024, 9, 15), {"year_reviewed": SCHOOL_YEAR}, 0.0, id="school-late"),
        pytest.param(PSU, D(2024, 5, 20), {"year_reviewed": SCHOOL_YEAR}, 0.0, id="school-early"),
        pytest.param(PSU, D(2024, 9, 15), {}, 1.0, id="psu-year-not-stated"),
        pytest.param(AGENCY, D(2024, 9, 15), {}, 0.0, id="agency-calendar-year"),
        pytest.param(AGENCY, D(2023, 12, 15), {}, 0.0, id="agency-before-year-end"),
    ],
)
def test_staff_held_times_the_conference_by_the_units_work_year(
    kind: UnitKind, day: dt.date, fields: dict[str, Any], expected: float
) -> None:
    """Art. 51.1: within three months after the year the conference reviews, the unit's own
    (a school year ends in summer); a state agency's is the calendar year when not stated,
    and a public service unit's timing is not judged without it."""
    d = dossier(conference("c", STAFF, day, **fields), kind=kind, period=Period.year(day.year))
    m = measure(STAFF_HELD, d)
    assert (expected, ("c",)) == (m.value, m.evidence)


def test_staff_held_under_decree_04_follows_the_school_year_when_given() -> None:
    """Decree 04/2015 "at year end": at the end of the school year reviewed, when given."""
    school = Period(start=D(2021, 9, 5), end=D(2022, 5, 31))
    c = conference("c", STAFF, D(2022, 6, 10), year_reviewed=school)
    d = dossier(c, kind=PSU, period=Period.year(2022))
    assert measure(STAFF_HELD, d).value == 1.0


# --------------------------------------------------------------------------- workers' conference
WORKERS_HELD = "conference.workers_held"


def test_workers_held_is_missing_without_evidence() -> None:
    """No workers' conference gives a missing value."""
    assert measure(WORKERS_HELD, dossier(conference("s", STAFF, D(2024, 2, 1)))).is_missing


@pytest.mark.parametrize(
    ("kind", "day", "fields", "expected"),
    [
        pytest.param(SOE, D(2024, 3, 20), {}, 1.0, id="soe-law-q1"),
        pytest.param(SOE, D(2024, 5, 20), {}, 0.0, id="soe-law-too-late"),
        pytest.param(SOE, D(2024, 3, 20), {"eligible": 30, "present": 19}, 0.0, id="soe-quorum"),
        pytest.param(SOE, D(2022, 5, 20), {}, 1.0, id="soe-before-law"),
        pytest.param(PRIVATE, D(2024, 5, 20), {}, 1.0, id="private-any-month"),
        pytest.param(
            SOE,
            D(2024, 5, 20),
            {"year_reviewed": Period(start=D(2023, 4, 1), end=D(2024, 3, 31))},
            1.0,
            id="soe-own-fiscal-year",
        ),
    ],
)
def test_workers_held_times_soe_conferences_under_the_law_only(
    kind: UnitKind, day: dt.date, fields: dict[str, Any], expected: float
) -> None:
    """State-owned enterprises under the law hold it January–March with 2/3 present."""
    d = dossier(conference("c", WORKERS, day, **fields), kind=kind, period=Period.year(day.year))
    m = measure(WORKERS_HELD, d)
    assert (expected, ("c",)) == (m.value, m.evidence)


def test_workers_held_reads_a_full_coverage_tally() -> None:
    """A workers' conference tally with full coverage gives 1.0."""
    d = dossier(ConferenceTally(id="t", kind=WORKERS, period=Y2024, coverage=Ratio(share=1.0)))
    m = measure(WORKERS_HELD, d)
    expected = (1.0, ("t",))
    assert expected == (m.value, m.evidence)


# --------------------------------------------------------------------------- dialogues
COUNT = "dialogue.workplace_count"
VALID = "dialogue.workplace_valid_share"
REQUEST = "dialogue.request_response_share"


def dialogue(ident: str, kind: DialogueKind, day: dt.date, **fields: Any) -> Dialogue:
    return Dialogue(id=ident, kind=kind, held_on=day, **fields)


def test_workplace_count_is_missing_without_evidence() -> None:
    """No periodic dialogue gives a missing value."""
    assert measure(COUNT, dossier(dialogue("r", K.WORKPLACE_ON_REQUEST, D(2024, 3, 1)))).is_missing


def test_workplace_count_counts_events_and_tallies_without_overlap() -> None:
    """Periodic dialogues count one each; a tally holding one of them is set aside."""
    d = dossier(
        dialogue("a", K.WORKPLACE_PERIODIC, D(2024, 3, 1)),
        dialogue("b", K.UNION_EMPLOYER_WORKERS, D(2024, 9, 1)),
        DialogueTally(id="h1", kind=K.WORKPLACE_PERIODIC, period=Period.quarter(2024, 1), count=1),
        DialogueTally(id="q4", kind=K.WORKPLACE_PERIODIC, period=Period.quarter(2024, 4), count=2),
        DialogueTally(id="y", kind=K.WORKPLACE_PERIODIC, period=Period.year(2023), count=4),
    )
    m = measure(COUNT, d)
    expected = (4.0, ("a", "b", "q4"))
    assert expected == (m.value, m.evidence)


def test_workplace_valid_share_is_missing_without_data() -> None:
    """Periodic dialogues with none of the data to check give a missing value."""
    assert measure(VALID, dossier(dialogue("a", K.WORKPLACE_PERIODIC, D(2024, 3, 1)))).is_missing


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param(
            {
                "worker_representatives": 10,
                "representatives_present": 8,
                "agenda_sent_on": D(2024, 3, 1),
                "minutes_posted_on": D(2024, 3, 13),
            },
            1.0,
            id="all-conditions",
        ),
        pytest.param(
            {"worker_representatives": 10, "representatives_present": 7}, 0.0, id="70-is-not-more"
        ),
        pytest.param({"agenda_sent_on": D(2024, 3, 4)}, 0.0, id="agenda-4-working-days"),
        pytest.param({"minutes_posted_on": D(2024, 3, 14)}, 0.0, id="posted-after-4-days"),
    ],
)
def test_workplace_valid_share_checks_each_condition_it_has_data_for(
    fields: dict[str, Any], expected: float
) -> None:
    """More than 70 % present, agenda 5 working days before, points posted within 3 after."""
    d = dossier(dialogue("a", K.WORKPLACE_PERIODIC, D(2024, 3, 8), **fields))
    m = measure(VALID, d)
    assert (expected, ("a",)) == (m.value, m.evidence)


def test_workplace_valid_share_does_not_judge_dialogues_before_decree_145() -> None:
    """Dialogues held before 2021-02-01 are not judged by Decree 145's procedure."""
    d = dossier(
        dialogue(
            "a",
            K.WORKPLACE_PERIODIC,
            D(2020, 3, 8),
            worker_representatives=10,
            representatives_present=5,
        ),
        period=Period.year(2020),
    )
    assert measure(VALID, d).is_missing


def test_request_response_share_is_missing_without_requests() -> None:
    """Requested dialogues without a request date give a missing value."""
    assert measure(
        REQUEST, dossier(dialogue("a", K.WORKPLACE_ON_REQUEST, D(2024, 3, 8)))
    ).is_missing


def test_request_response_share_judges_the_written_answer() -> None:
    """Decree 145 Art. 40.2: the written answer comes within 5 working days (the fifth is on
    time, the sixth late), whenever the dialogue itself is held."""
    d = dossier(
        dialogue(
            "a",
            K.WORKPLACE_ON_REQUEST,
            D(2024, 3, 20),
            requested_on=D(2024, 3, 1),
            replied_on=D(2024, 3, 8),
        ),
        dialogue(
            "b",
            K.WORKPLACE_ON_REQUEST,
            D(2024, 3, 12),
            requested_on=D(2024, 3, 1),
            replied_on=D(2024, 3, 11),
        ),
        dialogue("c", K.WORKPLACE_ON_REQUEST, D(2023, 3, 11), requested_on=D(2023, 3, 1)),
    )
    m = measure(REQUEST, d)
    expected = (0.5, ("a", "b"))
    assert expected == (m.value, m.evidence)


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        pytest.param(D(2024, 3, 8), 1.0, id="held-within-5-working-days"),
        pytest.param(D(2024, 3, 11), None, id="held-later-no-answer-date"),
    ],
)
def test_request_response_share_without_an_answer_date(
    held: dt.date, expected: float | None
) -> None:
    """Without the answer's date, a dialogue held within 5 working days shows the time and
    place were agreed in time; one held later tells nothing, so it is not judged."""
    d = dossier(dialogue("a", K.WORKPLACE_ON_REQUEST, held, requested_on=D(2024, 3, 1)))
    assert expected == measure(REQUEST, d).value


def test_request_response_share_does_not_judge_requests_before_decree_145() -> None:
    """Requests made before 2021-02-01 are not judged."""
    d = dossier(
        dialogue("a", K.WORKPLACE_ON_REQUEST, D(2021, 2, 20), requested_on=D(2021, 1, 20)),
        period=Period.year(2021),
    )
    assert measure(REQUEST, d).is_missing


# --------------------------------------------------------------------------- agreements
CBA = "cba.ratified"


def agreement(ident: str, **fields: Any) -> CollectiveAgreement:
    return CollectiveAgreement(id=ident, **fields)


def test_cba_is_missing_without_an_approval_figure() -> None:
    """An agreement of the period without its approval gives a missing value."""
    assert measure(CBA, dossier(agreement("a", signed_on=D(2024, 3, 1)))).is_missing


@pytest.mark.parametrize(
    ("approval", "registered", "expected"),
    [
        pytest.param(Ratio.counts(51, 100), None, 1.0, id="more-than-half"),
        pytest.param(Ratio.counts(50, 100), None, 0.0, id="half-is-not-more"),
        pytest.param(Ratio(share=0.6), D(2024, 3, 11), 1.0, id="filed-in-10-days"),
        pytest.param(Ratio(share=0.6), D(2024, 3, 12), 0.0, id="filed-in-11-days"),
    ],
)
def test_cba_needs_a_majority_of_all_workers_and_timely_filing(
    approval: Ratio, registered: dt.date | None, expected: float
) -> None:
    """More than half of all workers approve, and filing within 10 days when dates are known."""
    d = dossier(
        agreement("a", signed_on=D(2024, 3, 1), approval=approval, registered_on=registered)
    )
    m = measure(CBA, d)
    assert (expected, ("a",)) == (m.value, m.evidence)


def test_cba_counts_an_agreement_valid_during_the_period() -> None:
    """An agreement signed earlier but in force in the period counts; an expired one does not."""
    d = dossier(
        agreement(
            "a", signed_on=D(2023, 3, 1), valid=Period.years(2023, 2025), approval=Ratio(share=0.8)
        ),
        agreement(
            "b", signed_on=D(2020, 3, 1), valid=Period.years(2020, 2022), approval=Ratio(share=0.2)
        ),
        kind=SOE,
    )
    m = measure(CBA, d)
    expected = (1.0, ("a",))
    assert expected == (m.value, m.evidence)
