"""Receiving citizens and resolving their complaints and denunciations."""

from __future__ import annotations

import datetime as dt

from dancoso.model import (
    CitizenReception,
    CitizenReceptionTally,
    Dossier,
    Evidence,
    Petition,
    PetitionKind,
    PetitionOutcome,
    PetitionTally,
    Receiver,
    Tally,
    UnitKind,
)
from dancoso.scoring._default import indicator
from dancoso.scoring._indicators._util import (
    AGENCY,
    COMMUNE,
    COMPLAINTS_LAW_START,
    DENUNCIATIONS_2018_START,
    LAW_136_START,
    LOCAL,
    RECEPTION_LAW_START,
    Limit,
    combine_counts,
    combine_shares,
    ids_of,
    ratio_part,
    records,
    sessions_per_day,
    share_measurement,
    tallies_without_events,
)
from dancoso.scoring._measure import Context, Measurement, tallies_in

#: Law on Citizen Reception 2013 Art. 28.1: a written answer within 10 working days.
REPLY_LIMIT = Limit(10, working=True)
#: Complaints and denunciations.
CASES = frozenset({PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION})
#: Outcomes that take a case out of the unit's hands without a decision on it.
NOT_FOR_RESOLUTION = frozenset(
    {PetitionOutcome.WITHDRAWN, PetitionOutcome.TRANSFERRED, PetitionOutcome.REJECTED}
)


def head_receiver(kind: UnitKind) -> Receiver | None:
    """Who heads a unit of `kind` for citizen reception: the UBND chair, or the agency head."""
    if kind in COMMUNE or kind in LOCAL:
        return Receiver.PEOPLES_COMMITTEE_CHAIR
    if kind in AGENCY:
        return Receiver.AGENCY_HEAD
    return None


def count_sessions(dossier: Dossier, context: Context, receiver: Receiver) -> Measurement:
    """Reception sessions held by `receiver` in the period.

    `CitizenReception` events of that receiver are counted one by one. A
    `CitizenReceptionTally` counts when `receiver` is its only receiver: its `sessions`, or
    else its written `schedule` (one a week for "hằng tuần", "hàng tuần", "weekly"; one a
    month for "hằng tháng"; "2 ngày/tháng" …) over its period. Counted sessions add what
    they hold beyond the events in their period; a schedule, an estimate rather than a
    count, is set aside where an event falls in its period (see `combine_counts`). Both
    are pro-rated to the period.
    """
    period = context.period
    events: list[tuple[dt.date, Evidence, float]] = [
        (r.held_on, r, 1.0) for r in records(dossier, CitizenReception) if r.receiver is receiver
    ]
    tallies: list[tuple[Tally, float]] = []
    scheduled: list[tuple[Tally, float]] = []
    for t in tallies_in(dossier, period, CitizenReceptionTally):
        if set(t.receivers) != {receiver}:
            continue
        if t.sessions is not None:
            tallies.append((t, float(t.sessions)))
        elif t.schedule is not None and (rate := sessions_per_day(t.schedule)) is not None:
            scheduled.append((t, rate * t.period.days))
    m = combine_counts(events, tallies, period, what="sessions", estimates=scheduled)
    kept = tallies_without_events(events, scheduled)
    if kept and m.value is not None:
        note = f"{m.note}; from a written schedule, not counted sessions: {ids_of(kept)}"
        return Measurement(value=m.value, evidence=m.evidence, note=note)
    return m


@indicator(
    name="reception.head_sessions",
    title=(
        "Số buổi tiếp công dân của người đứng đầu",
        "Citizen reception sessions of the unit's head",
    ),
    unit="count",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | LOCAL,
)
def head_sessions(*, dossier: Dossier, context: Context) -> Measurement:
    """Citizen reception sessions held by the unit's head in person.

    Legal basis: Law on Citizen Reception 42/2013/QH13 Arts 15.2.d (commune UBND chair: at
    least one day a week), 18.2 (agency heads: one day a month), 12.5 and 13.5
    (provincial and district chairs).

    The head is the People's Committee chair (`peoples_committee_chair`) of a commune or
    local unit and the `agency_head` of an agency. Events, tallies and schedules combine
    as described for reception sessions: events one by one; a tally whose only receiver is
    the head adds, pro-rated, what its `sessions` hold beyond the events in its period;
    without `sessions`, its weekly or monthly `schedule` is used when no event falls in
    its period.
    """
    receiver = head_receiver(context.unit.kind)
    if receiver is None:
        return Measurement.missing(note=f"no head receiver for {context.unit.kind.value}")
    return count_sessions(dossier, context, receiver)


@indicator(
    name="reception.party_secretary_sessions",
    title=(
        "Số buổi tiếp công dân của Bí thư cấp ủy",
        "Citizen reception sessions of the Party secretary",
    ),
    unit="count",
    direction="higher",
    unit_kinds=COMMUNE | LOCAL,
)
def party_secretary_sessions(*, dossier: Dossier, context: Context) -> Measurement:
    """Citizen reception sessions held by the Party secretary (receiver `party_secretary`).

    Legal basis: Regulation 11-QĐi/TW (18 Feb 2019): commune Party heads at least two
    days a month, provincial heads one day a month.

    Events, tallies and schedules combine as for `reception.head_sessions`.
    """
    return count_sessions(dossier, context, Receiver.PARTY_SECRETARY)


@indicator(
    name="reception.reply_on_time_share",
    title=(
        "Tỷ lệ vụ việc tiếp công dân được trả lời bằng văn bản đúng hạn",
        "Share of receptions answered in writing on time",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | LOCAL,
)
def reply_on_time_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Receptions answered in writing within 10 working days.

    Legal basis: Law on Citizen Reception 42/2013/QH13 Art. 28.1 (from 2014-07-01; earlier
    receptions are not judged).

    Events only: `CitizenReception` records held in the period with `replied_on`.
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for r in records(dossier, CitizenReception):
        if r.replied_on is None or r.held_on not in context.period:
            continue
        if r.held_on < RECEPTION_LAW_START:
            continue
        judged.append(r)
        if REPLY_LIMIT.met(r.held_on, r.replied_on):
            met.append(r)
    return share_measurement(met, judged, what=f"receptions answered within {REPLY_LIMIT}")


def acceptance_limit(received: dt.date) -> Limit | None:
    """Time to accept a complaint received on `received`: 10 days (Law on Complaints 2011
    Art. 27), 7 working days from 2026-07-01 (Law 136/2025; Decree 155/2026, unverified)."""
    if received >= LAW_136_START:
        return Limit(7, working=True)
    return Limit(10) if received >= COMPLAINTS_LAW_START else None


@indicator(
    name="complaints.accepted_on_time_share",
    title=("Tỷ lệ khiếu nại được thụ lý đúng hạn", "Share of complaints accepted on time"),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | LOCAL,
)
def accepted_on_time_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Complaints accepted for handling within the time limit after receipt.

    Legal basis: Law on Complaints 02/2011/QH13 Art. 27 (10 days, from 2012-07-01); from
    2026-07-01, 7 working days (Law 136/2025/QH15; Decree 155/2026, unverified).
    Complaints received before 2012-07-01 are not judged.

    Events only: `Petition` records of kind `complaint` received in the period with
    `accepted_on`.
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for p in records(dossier, Petition):
        if p.kind is not PetitionKind.COMPLAINT or p.accepted_on is None:
            continue
        limit = acceptance_limit(p.received_on)
        if p.received_on not in context.period or limit is None:
            continue
        judged.append(p)
        if limit.met(p.received_on, p.accepted_on):
            met.append(p)
    return share_measurement(met, judged, what="complaints accepted on time")


#: Law on Denunciations 25/2018/QH14 Art. 24.1: initial processing within 7 working days,
#: up to 10 when the facts must be checked at several places or by another body.
PROCESSING_LIMIT = Limit(7, working=True)
PROCESSING_LIMIT_EXTENDED = Limit(10, working=True)


@indicator(
    name="denunciations.processed_on_time_share",
    title=(
        "Tỷ lệ tố cáo được xử lý ban đầu đúng hạn",
        "Share of denunciations given initial processing on time",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | LOCAL,
)
def processed_on_time_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Denunciations accepted within the time of initial processing after receipt.

    Legal basis: Law on Denunciations 25/2018/QH14 Art. 24.1 (from 2019-01-01): within 7
    working days of receipt the denunciation is registered, classified, given initial
    processing and checked for the conditions of acceptance, up to 10 working days when
    it must be checked at several places or by another body; if the conditions are met it
    is then accepted (thụ lý, Art. 29). The library reads the acceptance date as the end
    of initial processing (a refusal has no date in the model). Acceptance within 7 working
    days is on time and after 10 is late; between the two the extension may apply, which
    the data cannot tell, so such a case is not judged. Denunciations received before
    2019-01-01 are not judged.

    Events only: `Petition` records of kind `denunciation` received in the period with
    `accepted_on`.
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for p in records(dossier, Petition):
        if p.kind is not PetitionKind.DENUNCIATION or p.accepted_on is None:
            continue
        if p.received_on not in context.period or p.received_on < DENUNCIATIONS_2018_START:
            continue
        if PROCESSING_LIMIT.met(p.received_on, p.accepted_on):
            met.append(p)
        elif PROCESSING_LIMIT_EXTENDED.met(p.received_on, p.accepted_on):
            continue
        judged.append(p)
    return share_measurement(met, judged, what=f"denunciations processed within {PROCESSING_LIMIT}")


def resolution_limit(p: Petition, *, remote: bool = False) -> Limit | None:
    """The time limit for resolving a complaint or denunciation, by the date it was received.

    Complaints (Law on Complaints 02/2011/QH13, from 2012-07-01): first resolution 30 days
    (45 if complex), second resolution 45 days (60 if complex), Arts 28 and 37; in a
    remote area hard to reach (`remote`) 45 (60) and 60 (70) days. Denunciations: 30 days
    (60 if complex) from 2019-01-01 (Law on Denunciations 25/2018/QH14 Art. 30); 60 days
    (90 if complex) under the 2011 law before.
    """
    if p.received_on < COMPLAINTS_LAW_START:
        return None
    if p.kind is PetitionKind.COMPLAINT:
        if p.round == 2:
            if remote:
                return Limit(70 if p.complex else 60)
            return Limit(60 if p.complex else 45)
        if remote:
            return Limit(60 if p.complex else 45)
        return Limit(45 if p.complex else 30)
    if p.kind is PetitionKind.DENUNCIATION:
        if p.received_on >= DENUNCIATIONS_2018_START:
            return Limit(60 if p.complex else 30)
        return Limit(90 if p.complex else 60)
    return None


def resolved_in_time(p: Petition, limit: Limit) -> bool | None:
    """Whether a resolved case met its limit (None: cannot tell).

    The time runs from acceptance. With the stated `due_on`, that date decides. Otherwise,
    a case resolved within the limit counted from receipt is on time whatever its
    acceptance date; one past it is late only when the acceptance date is known.
    """
    if p.resolved_on is None:
        return None
    if p.due_on is not None:
        return p.resolved_on <= p.due_on
    if limit.met(p.received_on, p.resolved_on):
        return True
    if p.accepted_on is not None:
        return limit.met(p.accepted_on, p.resolved_on)
    return None


def resolved_on_time(p: Petition, remote: bool | None) -> bool | None:
    """Whether a case was resolved in time, where the unit may lie in a remote area.

    With `remote` stated, its limit decides. When the dossier does not say whether the
    unit is remote, a case in time under the ordinary limit is on time and one late under
    the remote-area limit is late; one in between cannot be told (a silent dossier is not
    read as "not remote").
    """
    if remote is not None:
        limit = resolution_limit(p, remote=remote)
        return resolved_in_time(p, limit) if limit is not None else None
    strict, lenient = resolution_limit(p), resolution_limit(p, remote=True)
    if strict is None or lenient is None:
        return None
    if resolved_in_time(p, strict):
        return True
    if resolved_in_time(p, lenient) is False:
        return False
    return None


def case_tallies(dossier: Dossier, context: Context) -> list[PetitionTally]:
    """Petition tallies overlapping the period that name complaints or denunciations."""
    return [t for t in tallies_in(dossier, context.period, PetitionTally) if CASES & set(t.kinds)]


@indicator(
    name="complaints.resolved_on_time_share",
    title=(
        "Tỷ lệ khiếu nại, tố cáo được giải quyết đúng thời hạn",
        "Share of complaints and denunciations resolved on time",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | LOCAL,
)
def resolved_on_time_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Complaints and denunciations resolved within their time limit, out of those resolved.

    Legal basis: Law on Complaints 02/2011/QH13 Arts 28 and 37 (30 days, 45 if complex;
    second resolution 45, 60 if complex; in remote areas hard to reach 45, 60 and 60, 70);
    Law on Denunciations 25/2018/QH14 Art. 30 (30 days, 60 if complex, from 2019-01-01);
    Law on Denunciations 2011 before (60, 90 if complex). Whether the unit is remote is
    `Unit.remote`; when not stated, a complaint resolved between the ordinary and the
    remote-area limits is not judged (`resolved_on_time`). The further extension for very
    complex denunciations is not modelled. Cases received before 2012-07-01 are not judged.

    Events first: `Petition` records of those kinds resolved in the period whose timeliness
    can be told (see `resolved_in_time`). Only when there is none, `PetitionTally.on_time`
    ratios of tallies naming complaints or denunciations (counts summed where every tally
    has them, else shares weighted by days covered).
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for p in records(dossier, Petition):
        if p.kind not in CASES or p.resolved_on is None or p.resolved_on not in context.period:
            continue
        ok = resolved_on_time(p, context.unit.remote)
        if ok is None:
            continue
        judged.append(p)
        if ok:
            met.append(p)
    if judged:
        return share_measurement(met, judged, what="cases resolved on time")
    parts = [
        part
        for t in case_tallies(dossier, context)
        if (part := ratio_part(t, t.on_time, context.period)) is not None
    ]
    return combine_shares(parts, what="on-time resolution ratios")


@indicator(
    name="complaints.resolved_share",
    title=(
        "Tỷ lệ vụ việc khiếu nại, tố cáo đã giải quyết",
        "Share of accepted complaints and denunciations resolved",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | LOCAL,
)
def resolved_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Complaint and denunciation cases resolved, out of those accepted.

    Legal basis: Law on Complaints 2011; Law on Denunciations 2018 (the duty to resolve
    every case accepted). The share is a policy indicator.

    Events first: `Petition` records of those kinds accepted in the period, except those
    withdrawn, transferred or not accepted; resolved when `outcome` is `resolved`, or
    (without an outcome) `resolved_on` is on or before the period's end. Only when there
    is none, `PetitionTally.resolved` ratios of tallies naming complaints or denunciations
    (counts summed where every tally has them, else shares weighted by days covered).
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    end = context.period.end
    for p in records(dossier, Petition):
        if p.kind not in CASES or p.accepted_on is None or p.accepted_on not in context.period:
            continue
        if p.outcome in NOT_FOR_RESOLUTION:
            continue
        judged.append(p)
        done = p.outcome is PetitionOutcome.RESOLVED or (
            p.outcome is None and p.resolved_on is not None and p.resolved_on <= end
        )
        if done:
            met.append(p)
    if judged:
        return share_measurement(met, judged, what="accepted cases resolved")
    parts = [
        part
        for t in case_tallies(dossier, context)
        if (part := ratio_part(t, t.resolved, context.period)) is not None
    ]
    return combine_shares(parts, what="resolution ratios")
