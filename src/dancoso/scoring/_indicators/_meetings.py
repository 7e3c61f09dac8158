"""Meeting the people: dialogues, year-end community conferences and voter contacts."""

from __future__ import annotations

import datetime as dt

from dancoso.model import (
    Conference,
    ConferenceKind,
    ConferenceTally,
    Dialogue,
    DialogueKind,
    DialogueTally,
    Dossier,
    Evidence,
    Label,
    Period,
    Tally,
    Unit,
    VoterContact,
    VoterContactTally,
)
from dancoso.scoring._default import indicator
from dancoso.scoring._indicators._util import (
    COMMUNE,
    LAW_START,
    LOCAL,
    combine_counts,
    combine_shares,
    fraction,
    from_day,
    ratio_part,
    records,
    same_kind,
)
from dancoso.scoring._measure import Context, Measurement, tallies_in

#: Dialogues of those in charge with the people (Law Art. 32; Regulation 11-QĐi/TW).
PEOPLE_DIALOGUES = frozenset(
    {
        DialogueKind.PEOPLES_COMMITTEE_PEOPLE,
        DialogueKind.HEAD_PEOPLE,
        DialogueKind.PARTY_HEAD_PEOPLE,
    }
)
#: Dialogues of the head with businesses.
BUSINESS_DIALOGUES = frozenset({DialogueKind.HEAD_BUSINESSES})


def count_dialogues(
    dossier: Dossier, context: Context, kinds: frozenset[DialogueKind], what: str
) -> Measurement:
    """Dialogues of `kinds` held in the period: events, plus what tallies count beyond the
    events of their kind in their periods, pro-rated (see `combine_counts`)."""
    events: list[tuple[dt.date, Evidence, float]] = [
        (d.held_on, d, 1.0) for d in records(dossier, Dialogue) if d.kind in kinds
    ]
    tallies: list[tuple[Tally, float]] = [
        (t, float(t.count))
        for t in tallies_in(dossier, context.period, DialogueTally)
        if t.kind in kinds and t.count is not None
    ]
    return combine_counts(events, tallies, context.period, what=what, holds=same_kind)


@indicator(
    name="dialogue.people_count",
    title=("Số hội nghị đối thoại với Nhân dân", "Dialogues with the people"),
    unit="count",
    direction="higher",
    unit_kinds=COMMUNE | LOCAL,
)
def people_dialogues(*, dossier: Dossier, context: Context) -> Measurement:
    """Dialogue conferences of the People's Committee or the Party head with the people.

    Legal basis: Regulation 11-QĐi/TW and Directive 35-CT/TW (Party heads' direct dialogue
    with the people; Party documents, no frequency); Law 10/2022/QH15 Art. 32.1 for the
    commune People's Committee's own conference, which `dialogue.committee_people_count`
    counts alone.

    Kinds `peoples_committee_people`, `head_people` and `party_head_people`. `Dialogue`
    events held in the period are counted one by one; a `DialogueTally` adds, pro-rated
    to the period, what its `count` holds beyond the events of its kind in its period (so
    the same dialogues are never counted twice; see `combine_counts`).
    """
    return count_dialogues(dossier, context, PEOPLE_DIALOGUES, "dialogues with the people")


@indicator(
    name="dialogue.committee_people_count",
    title=(
        "Số hội nghị đối thoại giữa Ủy ban nhân dân cấp xã với Nhân dân",
        "Dialogue conferences of the commune People's Committee with the people",
    ),
    unit="count",
    direction="higher",
    unit_kinds=COMMUNE,
)
def committee_people_dialogues(*, dossier: Dossier, context: Context) -> Measurement:
    """Dialogue conferences of the commune People's Committee with the people.

    Legal basis: Law 10/2022/QH15 Art. 32.1: each year the commune People's Committee,
    with the Fatherland Front committee, holds at least one exchange and dialogue
    conference with the people. Only dialogues of kind `peoples_committee_people` count:
    a Party head's or another leader's dialogue with the people (`party_head_people`,
    `head_people`) is not the conference of Art. 32.

    Events and tallies combine as for `dialogue.people_count` (see `combine_counts`).
    """
    return count_dialogues(
        dossier,
        context,
        frozenset({DialogueKind.PEOPLES_COMMITTEE_PEOPLE}),
        "People's Committee dialogues with the people",
    )


@indicator(
    name="dialogue.business_count",
    title=("Số hội nghị đối thoại với doanh nghiệp", "Dialogues with businesses"),
    unit="count",
    direction="higher",
    unit_kinds=COMMUNE | LOCAL,
)
def business_dialogues(*, dossier: Dossier, context: Context) -> Measurement:
    """Dialogue conferences of the unit's head with businesses (kind `head_businesses`).

    No legal frequency is known: a policy indicator. Events and tallies combine as for
    `dialogue.people_count`: events one by one, tallies for what they hold beyond them.
    """
    return count_dialogues(dossier, context, BUSINESS_DIALOGUES, "dialogues with businesses")


@indicator(
    name="conference.year_end_coverage",
    title=(
        "Tỷ lệ thôn, tổ dân phố tổ chức hội nghị định kỳ cuối năm",
        "Share of communities that held the year-end conference",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE,
)
def year_end_coverage(*, dossier: Dossier, context: Context) -> Measurement:
    """Residential communities that held the year-end community conference.

    Legal basis: Law 10/2022/QH15 Art. 33; Decree 59/2023/NĐ-CP Arts 10–11. The duty is
    new with the law, so only the part of the period from 2023-07-01 is looked at
    (missing for an earlier period; the rubric decides applicability by dates).

    From events when they suffice: distinct `community` ids of `Conference` records of
    kind `year_end_community` held from 2023-07-01 in the period (a community counts once
    however many years the period spans; a conference whose `community` is the commune
    itself is left out), over `unit.residential_communities`, capped at 1. Otherwise from
    `ConferenceTally(kind=year_end_community).coverage` ratios overlapping that part
    (counts summed where every tally has them, else shares weighted by days covered).
    """
    law_part = from_day(context.period, LAW_START)
    if law_part is None:
        return Measurement.missing(note="no year-end conference duty before 2023-07-01")
    whole = context.unit.residential_communities
    found = [
        c
        for c in records(dossier, Conference)
        if c.kind is ConferenceKind.YEAR_END_COMMUNITY
        and c.held_on in law_part
        and c.community is not None
        and c.community != context.unit.id
    ]
    if found and whole:
        communities = {c.community for c in found}
        return Measurement.of(
            fraction(len(communities), whole),
            found,
            note=f"{len(communities)} of {whole} communities held it",
        )
    parts = [
        p
        for t in tallies_in(dossier, law_part, ConferenceTally)
        if t.kind is ConferenceKind.YEAR_END_COMMUNITY
        and (p := ratio_part(t, t.coverage, law_part)) is not None
    ]
    return combine_shares(parts, what="year-end conference coverage ratios")


#: Why voter contact does not bind a unit without a People's Council (Law Art. 86.4 foresees
#: communes where none is organised).
NO_COUNCIL = Label(
    vi="Đơn vị không tổ chức Hội đồng nhân dân trong kỳ: không có đại biểu tiếp xúc cử tri",
    en="The unit had no People's Council in the period: no deputies to meet voters",
)


def council_parts(unit: Unit, period: Period) -> tuple[Period, ...]:
    """The parts of `period` in which `unit` had a People's Council, as far as the dossier says.

    Only `Unit.no_peoples_council` takes days out; a unit that says nothing about its
    council is taken to have one throughout.
    """
    gap = unit.no_peoples_council
    if gap is None or not gap.overlaps(period):
        return (period,)
    parts = []
    if gap.start > period.start:
        parts.append(Period(start=period.start, end=gap.start - dt.timedelta(days=1)))
    if gap.end < period.end:
        parts.append(Period(start=gap.end + dt.timedelta(days=1), end=period.end))
    return tuple(parts)


def _voter_contacts_in(dossier: Dossier, part: Period) -> Measurement:
    # events of every date: a tally straddling the part's edge is matched with its own
    events: list[tuple[dt.date, Evidence, float]] = [
        (v.held_on, v, 1.0) for v in records(dossier, VoterContact)
    ]
    tallies: list[tuple[Tally, float]] = [
        (t, float(t.count))
        for t in tallies_in(dossier, part, VoterContactTally)
        if t.count is not None
    ]
    return combine_counts(events, tallies, part, what="voter contacts", holds=voter_contact_in)


@indicator(
    name="voter_contact.count",
    title=("Số cuộc tiếp xúc cử tri", "Voter contact meetings"),
    unit="count",
    direction="higher",
    unit_kinds=COMMUNE | LOCAL,
)
def voter_contacts(*, dossier: Dossier, context: Context) -> Measurement:
    """Meetings of People's Council deputies with voters held in the period.

    Legal basis: the Law on Organisation of Local Government (Law 77/2015/QH13 until
    2025-06-15, Law 72/2025/QH15 from 2025-06-16: deputies meet voters; the articles are
    not verified); Joint Resolution 72/2025/NQLT. No minimum is fixed here.

    A unit with no People's Council has no deputies to meet voters: when
    `Unit.no_peoples_council` covers the whole period (wards of the urban-government pilot
    in Hà Nội, Hồ Chí Minh City and Đà Nẵng, 2021–2025) the duty does not bind it and the
    measurement says so; when it covers part of the period, only meetings in the parts
    with a council count, scaled to the whole period (so that a yearly target applies to
    the months with a council). A unit that says nothing about its council is taken to
    have one: "not stated" is never read as "no council".

    `VoterContact` events held in the period are counted one by one; a
    `VoterContactTally` adds, pro-rated, what its `count` holds beyond the events in its
    period of the `kinds` it lists (all kinds when it lists none; see `combine_counts`).
    """
    period = context.period
    parts = council_parts(context.unit, period)
    if not parts:
        return Measurement.inapplicable(NO_COUNCIL, note="no People's Council in the period")
    if parts == (period,):
        return _voter_contacts_in(dossier, period)
    found = [m for part in parts if not (m := _voter_contacts_in(dossier, part)).is_missing]
    if not found:
        return Measurement.missing(note="no voter contacts recorded while the unit had a council")
    days = sum(p.days for p in parts)
    value = sum(m.value or 0.0 for m in found) * period.days / days
    spans = ", ".join(f"{p.start}..{p.end}" for p in parts)
    note = f"counted while the unit had a People's Council ({spans}), scaled to the period"
    ids = tuple(sorted({i for m in found for i in m.evidence}))
    return Measurement(value=value, evidence=ids, note=note)


def voter_contact_in(record: Evidence, tally: Tally) -> bool:
    """Whether a voter-contact tally includes a meeting: it lists the meeting's kind, or no
    kind (all of them)."""
    kinds = getattr(tally, "kinds", ())
    return not kinds or getattr(record, "kind", None) in kinds
