"""Democracy at work: staff and workers' conferences, workplace dialogue, collective agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dancoso.model import (
    CollectiveAgreement,
    Conference,
    ConferenceKind,
    ConferenceTally,
    Dialogue,
    DialogueKind,
    DialogueTally,
    Dossier,
    Evidence,
    Tally,
    UnitKind,
)
from dancoso.scoring._default import indicator
from dancoso.scoring._indicators._util import (
    AGENCY,
    DECREE_04_START,
    DECREE_145_START,
    EMPLOYER,
    LAW_START,
    SOE,
    Limit,
    combine_counts,
    ids_of,
    records,
    same_kind,
    share_measurement,
    working_days_between,
)
from dancoso.scoring._measure import Context, Measurement, tallies_in

#: Periodic dialogues at the workplace (Labour Code 2019 Art. 63.2.a; Law Art. 73).
PERIODIC = frozenset({DialogueKind.WORKPLACE_PERIODIC, DialogueKind.UNION_EMPLOYER_WORKERS})
#: Decree 145/2020 Art. 40.2: a request for dialogue is answered within 5 working days.
REQUEST_LIMIT = Limit(5, working=True)
#: Labour Code Art. 77 (2019; Art. 75 in 2012): a signed agreement is filed within 10 days.
FILING_LIMIT = Limit(10)


def quorum_met(c: Conference) -> bool | None:
    """Whether at least two thirds of those entitled attended (None: counts not given)."""
    if c.present is None or not c.eligible:
        return None
    return 3 * c.present >= 2 * c.eligible


_Judge = Callable[[Conference], str | None]


def annual_conference(
    dossier: Dossier, context: Context, kind: ConferenceKind, judge: _Judge
) -> Measurement:
    """Whether the annual conference of `kind` was validly held in the period.

    Events first: `Conference` records of `kind` held in the period; `judge` says what
    makes one invalid (None: nothing, so it counts as held). 1.0 when one is valid;
    0.0 when all are invalid. Without events, a `ConferenceTally` of `kind` overlapping
    the period: 1.0 when its coverage is 100 % or it counts at least one; 0.0 when its
    coverage is below 100 %; missing otherwise.
    """
    valid: list[Evidence] = []
    invalid: list[Evidence] = []
    reasons: set[str] = set()
    for c in records(dossier, Conference):
        if c.kind is not kind or c.held_on not in context.period:
            continue
        problem = judge(c)
        if problem is None:
            valid.append(c)
        else:
            invalid.append(c)
            reasons.add(problem)
    if valid:
        return Measurement.of(1.0, valid)
    if invalid:
        return Measurement.of(0.0, invalid, note="; ".join(sorted(reasons)))
    held: list[Evidence] = []
    short: list[Evidence] = []
    for t in tallies_in(dossier, context.period, ConferenceTally):
        if t.kind is not kind:
            continue
        share = t.coverage.value if t.coverage is not None else None
        if share == 1.0 or (t.count is not None and t.count > 0 and share is None):
            held.append(t)
        elif share is not None and share < 1.0:
            short.append(t)
    if held:
        return Measurement.of(1.0, held)
    if short:
        return Measurement.of(0.0, short, note=f"held by fewer than all: {ids_of(short)}")
    return Measurement.missing(note=f"no {kind.value} conference recorded for the period")


def _months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` months after `day` (the month's last day when it has fewer)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def year_end(c: Conference, calendar: bool) -> dt.date | None:
    """The last day of the year a conference reviews: the `year_reviewed` it states, else
    31 December before it when `calendar` (the unit's year is taken to be the calendar
    year), else unknown."""
    if c.year_reviewed is not None:
        return c.year_reviewed.end
    if calendar:
        return dt.date(c.held_on.year - 1, 12, 31)
    return None


def turn_of_year(c: Conference, calendar: bool) -> dt.date | None:
    """Decree 04/2015's "year end" nearest a conference: the end of its `year_reviewed`, or
    (calendar years) the 31 December closest to it, or unknown."""
    if c.year_reviewed is not None:
        return c.year_reviewed.end
    if calendar:
        held = c.held_on
        return dt.date(held.year if held.month >= 7 else held.year - 1, 12, 31)
    return None


def timing_problem(c: Conference, calendar: bool, what: str) -> str | None:
    """Law 10/2022 Arts 51.1 and 69.1: held after the year `what` ends, within three months."""
    end = year_end(c, calendar)
    if end is None:
        return None
    if c.held_on <= end:
        return f"held before the {what} it reviews ended"
    if c.held_on > _months_after(end, 3):
        return f"held later than three months after the {what}"
    return None


def staff_problem(c: Conference, *, calendar: bool = True) -> str | None:
    """What makes a staff conference invalid under the rule of its date, if anything.

    Law 10/2022 Art. 51.1 (from 2023-07-01): once a year after the unit's work year ends,
    within three months. Decree 04/2015 Art. 4.2 (from 2015-02-25): "at year end", read as
    within three months either side of the end of the year reviewed (education units may
    hold it at the end of the school year, Circular 01/2016/TT-BNV Art. 3.1). The year is
    the conference's `year_reviewed` when given; otherwise the calendar year when
    `calendar` (state agencies), and unknown for public service units, whose work year
    often is not the calendar year (a school year): their timing is then not judged. Both
    rules: at least two thirds present when the counts are given (Law Art. 51.2.c;
    Circular 01/2016/TT-BNV Art. 2.3).
    """
    day = c.held_on
    if day >= LAW_START:
        problem = timing_problem(c, calendar, "work year")
        if problem is not None:
            return problem
    elif (
        day >= DECREE_04_START
        and (end := turn_of_year(c, calendar)) is not None
        and not _months_after(end, -3) < day <= _months_after(end, 3)
    ):
        return "not held at the turn of the year it reviews"
    if quorum_met(c) is False:
        return "fewer than two thirds present"
    return None


@indicator(
    name="conference.staff_held",
    title=(
        "Tổ chức hội nghị cán bộ, công chức, viên chức hằng năm",
        "Annual staff conference held",
    ),
    unit="bool",
    direction="higher",
    unit_kinds=AGENCY,
)
def staff_held(*, dossier: Dossier, context: Context) -> Measurement:
    """Whether the annual conference of cadres, civil servants and public employees was held.

    Legal basis: Law 10/2022/QH15 Art. 51 (from 2023-07-01: within three months after the
    unit's work year, at least two thirds present); Decree 04/2015/NĐ-CP Art. 4.2 and
    Circular 01/2016/TT-BNV (once a year at year end, quorum two thirds).

    Events first: `Conference` records of kind `staff` held in the period, judged by the
    rule of their date (`staff_problem`): timing against the end of the year reviewed
    (`Conference.year_reviewed`; the calendar year for a state agency when not given; not
    judged for a public service unit that does not give it), and the quorum when
    `present` and `eligible` are given. 1.0 when one is valid, 0.0 when all fail. Without
    events, a `ConferenceTally(kind=staff)` with coverage 1.0 (or a count of at least one)
    gives 1.0, one with lower coverage 0.0. A multi-year period needs one valid conference
    only.
    """
    calendar = context.unit.kind is UnitKind.STATE_AGENCY

    def judge(c: Conference) -> str | None:
        return staff_problem(c, calendar=calendar)

    return annual_conference(dossier, context, ConferenceKind.STAFF, judge)


def workers_problem_for(soe: bool) -> _Judge:
    """The rule for workers' conferences of a state-owned enterprise, or another employer."""

    def problem(c: Conference) -> str | None:
        if soe and c.held_on >= LAW_START:
            timing = timing_problem(c, True, "fiscal year")
            if timing is not None:
                return timing
            if quorum_met(c) is False:
                return "fewer than two thirds present"
        return None

    return problem


@indicator(
    name="conference.workers_held",
    title=("Tổ chức hội nghị người lao động hằng năm", "Annual workers' conference held"),
    unit="bool",
    direction="higher",
    unit_kinds=EMPLOYER,
)
def workers_held(*, dossier: Dossier, context: Context) -> Measurement:
    """Whether the annual workers' conference was held.

    Legal basis: Law 10/2022/QH15 Art. 69 (state-owned enterprises from 2023-07-01: within
    three months after the fiscal year, at least two thirds present); Decree
    145/2020/NĐ-CP Art. 47 (annual), Decree 60/2013 and 149/2018 before.

    Events first: `Conference` records of kind `workers` held in the period. For a
    state-owned enterprise from 2023-07-01 it must be held within three months after the
    fiscal year it reviews (`Conference.year_reviewed`, else the calendar year, the usual
    fiscal year) with two thirds present when the counts are given (Law Art. 69.1,
    69.2.c); otherwise any conference held counts. 1.0 when one is valid, 0.0 when all fail.
    Without events, `ConferenceTally(kind=workers)` as for `conference.staff_held`.
    """
    judge = workers_problem_for(context.unit.kind in SOE)
    return annual_conference(dossier, context, ConferenceKind.WORKERS, judge)


@indicator(
    name="dialogue.workplace_count",
    title=("Số cuộc đối thoại định kỳ tại nơi làm việc", "Periodic workplace dialogues"),
    unit="count",
    direction="higher",
    unit_kinds=EMPLOYER,
)
def workplace_count(*, dossier: Dossier, context: Context) -> Measurement:
    """Periodic workplace dialogues held in the period.

    Legal basis: Labour Code 45/2019/QH14 Art. 63.2.a (at least one a year, from
    2021-01-01); Labour Code 2012 and Decree 60/2013 (every three months) before; Law
    10/2022/QH15 Art. 73 (state-owned enterprises).

    Kinds `workplace_periodic` and `union_employer_workers`. `Dialogue` events held in the
    period are counted one by one; a `DialogueTally` adds, pro-rated, what its `count`
    holds beyond the events of its kind in its period (see `combine_counts`).
    """
    events: list[tuple[dt.date, Evidence, float]] = [
        (d.held_on, d, 1.0) for d in records(dossier, Dialogue) if d.kind in PERIODIC
    ]
    tallies: list[tuple[Tally, float]] = [
        (t, float(t.count))
        for t in tallies_in(dossier, context.period, DialogueTally)
        if t.kind in PERIODIC and t.count is not None
    ]
    return combine_counts(
        events, tallies, context.period, what="periodic dialogues", holds=same_kind
    )


def dialogue_checks(d: Dialogue) -> list[bool]:
    """The Decree 145/2020 Art. 39 conditions a periodic dialogue's data let us check."""
    checks = []
    if d.representatives_present is not None and d.worker_representatives:
        checks.append(10 * d.representatives_present > 7 * d.worker_representatives)
    if d.agenda_sent_on is not None:
        checks.append(working_days_between(d.agenda_sent_on, d.held_on) >= 5)
    if d.minutes_posted_on is not None:
        checks.append(working_days_between(d.held_on, d.minutes_posted_on) <= 3)
    return checks


@indicator(
    name="dialogue.workplace_valid_share",
    title=(
        "Tỷ lệ đối thoại định kỳ tổ chức đúng quy định",
        "Share of periodic dialogues held as required",
    ),
    unit="share",
    direction="higher",
    unit_kinds=EMPLOYER,
)
def workplace_valid_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Periodic dialogues that met the procedure of Decree 145/2020/NĐ-CP Art. 39.

    Conditions, each checked when its data exist: more than 70 % of worker
    representatives present; the agenda exchanged at least 5 working days before; the
    main points posted within 3 working days after. Dialogues held before 2021-02-01
    (when the decree took effect) are not judged.

    Events only: `Dialogue` records of kinds `workplace_periodic` and
    `union_employer_workers` held in the period with the data for at least one condition;
    valid when every checked condition holds.
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for d in records(dossier, Dialogue):
        if d.kind not in PERIODIC or d.held_on not in context.period:
            continue
        checks = dialogue_checks(d)
        if d.held_on < DECREE_145_START or not checks:
            continue
        judged.append(d)
        if all(checks):
            met.append(d)
    return share_measurement(met, judged, what="periodic dialogues held as required")


def request_answered_in_time(d: Dialogue) -> bool | None:
    """Whether a request for dialogue was answered within 5 working days (None: cannot tell).

    Decree 145/2020/NĐ-CP Art. 40.2: the side asked answers in writing, agreeing a time and
    place, within 5 working days of receiving the request. With `replied_on` that date
    decides. Without it, a dialogue held within 5 working days shows the time and place
    were agreed in time (whether in writing cannot be told); one held later tells nothing
    about when the answer came.
    """
    if d.requested_on is None:
        return None
    if d.replied_on is not None:
        return REQUEST_LIMIT.met(d.requested_on, d.replied_on)
    if REQUEST_LIMIT.met(d.requested_on, d.held_on):
        return True
    return None


@indicator(
    name="dialogue.request_response_share",
    title=(
        "Tỷ lệ yêu cầu đối thoại được trả lời bằng văn bản đúng hạn",
        "Share of requests for dialogue answered in writing on time",
    ),
    unit="share",
    direction="higher",
    unit_kinds=EMPLOYER,
)
def request_response_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Requests for dialogue answered, with a time and place, within 5 working days.

    Legal basis: Decree 145/2020/NĐ-CP Art. 40.2 (from 2021-02-01; earlier requests are
    not judged); Labour Code 2019 Art. 63.2.b. The duty is the written answer agreeing the
    time and place, not holding the dialogue within 5 working days (see
    `request_answered_in_time`).

    Events only: `Dialogue` records of kind `workplace_on_request` requested in the
    period, whose timeliness can be told.
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for d in records(dossier, Dialogue):
        if d.kind is not DialogueKind.WORKPLACE_ON_REQUEST or d.requested_on is None:
            continue
        if d.requested_on not in context.period or d.requested_on < DECREE_145_START:
            continue
        ok = request_answered_in_time(d)
        if ok is None:
            continue
        judged.append(d)
        if ok:
            met.append(d)
    return share_measurement(met, judged, what=f"requests answered within {REQUEST_LIMIT}")


def agreement_problem(a: CollectiveAgreement) -> str | None:
    """What keeps an agreement from being validly ratified ("" when nothing can be told)."""
    if a.approval is None or a.approval.value is None:
        return ""
    approved = (
        2 * a.approval.part > a.approval.whole
        if a.approval.part is not None and a.approval.whole
        else a.approval.value > 0.5
    )
    if not approved:
        return "approved by half of the workers or fewer"
    if (
        a.signed_on is not None
        and a.registered_on is not None
        and not FILING_LIMIT.met(a.signed_on, a.registered_on)
    ):
        return f"filed later than {FILING_LIMIT} after signing"
    return None


@indicator(
    name="cba.ratified",
    title=(
        "Thỏa ước lao động tập thể được người lao động thông qua hợp lệ",
        "Collective agreement validly approved by the workers",
    ),
    unit="bool",
    direction="higher",
    unit_kinds=EMPLOYER,
)
def cba_ratified(*, dossier: Dossier, context: Context) -> Measurement:
    """Whether a collective labour agreement in force in the period was validly ratified.

    Legal basis: Labour Code 2019 Arts 76.1 (more than half of all workers approve) and 77
    (filed within 10 days of signing); Labour Code 2012 Arts 74–75 alike.

    A `CollectiveAgreement` counts when signed in the period or valid during it, and its
    `approval` is given. 1.0 when one was approved by more than half of all workers (and,
    when both dates are known, filed within 10 days); 0.0 when all such fail; missing
    otherwise.
    """
    good: list[Evidence] = []
    bad: list[Evidence] = []
    reasons: set[str] = set()
    for a in records(dossier, CollectiveAgreement):
        signed = a.signed_on is not None and a.signed_on in context.period
        valid = a.valid is not None and a.valid.overlaps(context.period)
        if not (signed or valid):
            continue
        problem = agreement_problem(a)
        if problem is None:
            good.append(a)
        elif problem:
            bad.append(a)
            reasons.add(problem)
    if good:
        return Measurement.of(1.0, good)
    if bad:
        return Measurement.of(0.0, bad, note="; ".join(sorted(reasons)))
    return Measurement.missing(note="no collective agreement with its approval for the period")
