"""Boards through which people inspect and supervise: the People's Inspection Board (BTTND)
and the Community Investment Supervision Board (BGSĐTCĐ)."""

from __future__ import annotations

import datetime as dt

from dancoso.model import Board, BoardActivity, BoardKind, Dossier, Evidence, Period, Unit
from dancoso.scoring._default import indicator
from dancoso.scoring._indicators._util import (
    AGENCY,
    COMMUNE,
    LAW_START,
    SOE,
    fraction,
    ids_of,
    records,
)
from dancoso.scoring._measure import Context, Measurement, overlap_fraction, pro_rata, tallies_in

PIB = BoardKind.PEOPLES_INSPECTION_BOARD
CISB = BoardKind.COMMUNITY_INVESTMENT_SUPERVISION_BOARD
#: Fewest members of a commune board (Law Art. 36.1; Decree 159/2016 before).
COMMUNE_MINIMUM = 5
#: Fewest members of an agency or enterprise board (Law Arts 60, 77).
ORGANISATION_MINIMUM = 3


def activity_spans(dossier: Dossier) -> dict[str, list[Period]]:
    """The periods of the `BoardActivity` records that name their `Board`, by board id."""
    spans: dict[str, list[Period]] = {}
    for a in records(dossier, BoardActivity):
        if a.board is not None:
            spans.setdefault(a.board, []).append(a.period)
    return spans


def board_in_place(b: Board, period: Period, spans: dict[str, list[Period]] | None = None) -> bool:
    """Whether a board record shows the board in place during `period`.

    Its `term` overlaps the period; without a term, it was set up by the period's end.
    A board record with neither date is dated by the activities recorded of it (`spans`,
    see `activity_spans`: a `Board` and its `BoardActivity` are one board): in place when
    one of them overlaps the period. Without dates or activities, the record states the
    board as evidence for the dossier's period, as an activity over the period would: it
    is in place.
    """
    if b.term is not None:
        return b.term.overlaps(period)
    if b.established_on is not None:
        return b.established_on <= period.end
    own = (spans or {}).get(b.id, []) if b.id is not None else []
    return not own or any(p.overlaps(period) for p in own)


def board_date(b: Board) -> dt.date | None:
    """When a board was set up: `established_on`, else the start of its term."""
    return b.established_on or (b.term.start if b.term is not None else None)


def pib_size_ok(b: Board, unit: Unit) -> bool | None:
    """Whether a People's Inspection Board has enough members (None: not known).

    Communes: at least 5, and from 2023-07-01 every community represented when both
    counts are known (Law Art. 36.1; Decree 59/2023 Art. 12). Agencies and enterprises:
    at least 3 (Law Arts 60, 77).
    """
    if b.members is None:
        return None
    if unit.kind in COMMUNE:
        if b.members < COMMUNE_MINIMUM:
            return False
        day = board_date(b)
        whole = unit.residential_communities
        if day is not None and day >= LAW_START and b.communities_represented is not None and whole:
            return b.communities_represented >= whole
        return True
    return b.members >= ORGANISATION_MINIMUM


@indicator(
    name="pib.constituted",
    title=(
        "Ban Thanh tra nhân dân được thành lập, đủ thành viên",
        "People's Inspection Board constituted with enough members",
    ),
    unit="bool",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | SOE,
)
def pib_constituted(*, dossier: Dossier, context: Context) -> Measurement:
    """Whether a People's Inspection Board was in place during the period with enough members.

    Legal basis: Law 10/2022/QH15 Art. 36.1 and Decree 59/2023/NĐ-CP Art. 12 (communes:
    one member per community, at least 5), Decree 159/2016/NĐ-CP before (at least 5);
    Law Arts 60 and 77 (agencies and enterprises: 3–9 members). Only the lower bound is
    checked for agencies and enterprises: Art. 60 allows more than 9 in special cases.

    A `Board` of kind `peoples_inspection_board` is in place when its term overlaps the
    period or, without a term, it was set up by the period's end; an undated one is dated
    by the activities recorded of it, else taken to be in place (see `board_in_place`: a
    `Board` and its `BoardActivity` are one board). 1.0 when such a board has enough
    members; else 0.0 when one shows too few (or, from 2023-07-01, a commune
    board leaves communities unrepresented); else 1.0 when a board is in place, or a
    `BoardActivity` of that kind overlaps the period, but the member count is not given
    (said in the note); missing otherwise.
    """
    unit = context.unit
    if unit.kind not in COMMUNE | AGENCY | SOE:
        return Measurement.missing(note=f"not defined for {unit.kind.value}")
    good: list[Evidence] = []
    bad: list[Evidence] = []
    unsized: list[Evidence] = []
    spans = activity_spans(dossier)
    for b in records(dossier, Board):
        if b.kind is not PIB or not board_in_place(b, context.period, spans):
            continue
        ok = pib_size_ok(b, unit)
        (unsized if ok is None else good if ok else bad).append(b)
    unsized += [
        t for t in tallies_in(dossier, context.period, BoardActivity) if t.board_kind is PIB
    ]
    if good:
        return Measurement.of(1.0, good)
    if bad:
        return Measurement.of(
            0.0, bad, note=f"too few members, or communities unrepresented: {ids_of(bad)}"
        )
    if unsized:
        return Measurement.of(1.0, unsized, note="a board is in place; its members are not counted")
    return Measurement.missing(note="no People's Inspection Board recorded for the period")


@indicator(
    name="pib.reports",
    title=("Số báo cáo của Ban Thanh tra nhân dân", "People's Inspection Board reports"),
    unit="count",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | SOE,
)
def pib_reports(*, dossier: Dossier, context: Context) -> Measurement:
    """Reports the People's Inspection Board made to the Fatherland Front or the union.

    Legal basis: Law 10/2022/QH15 Arts 39, 62, 79; Decree 59/2023/NĐ-CP Arts 14, 22, 26
    (quarterly, six-monthly and yearly reports).

    Tallies only: `BoardActivity.reports` of boards of kind `peoples_inspection_board`
    overlapping the period, each pro-rated to the period.
    """
    used = [
        t
        for t in tallies_in(dossier, context.period, BoardActivity)
        if t.board_kind is PIB and t.reports is not None
    ]
    if not used:
        return Measurement.missing(note="no count of board reports for the period")
    value = sum(pro_rata(t.reports or 0, t.period, context.period) for t in used)
    return Measurement.of(value, used)


@indicator(
    name="board.answer_share",
    title=(
        (
            "Tỷ lệ kiến nghị của Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng "
            "được trả lời đúng hạn"
        ),
        "Share of board recommendations answered within 15 days",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | SOE,
)
def answer_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Recommendations of the inspection and investment-supervision boards answered in time.

    Legal basis: Law 10/2022/QH15 Arts 40.1.c, 45.2.c (communes), 63.1.c (agencies),
    81.1.d (enterprises): an answer within 15 days.

    Tallies only: `BoardActivity` records of either board overlapping the period with
    `recommendations_made` above zero; answered is `answered_in_time`, or, when that is
    not given, `recommendations_answered` (answered, perhaps late: said in the note).
    Counts are pro-rated by each record's overlap with the period and summed.
    """
    answered = 0.0
    made = 0.0
    used: list[Evidence] = []
    fallback: list[Evidence] = []
    for t in tallies_in(dossier, context.period, BoardActivity):
        if t.board_kind not in (PIB, CISB) or not t.recommendations_made:
            continue
        n = t.answered_in_time if t.answered_in_time is not None else t.recommendations_answered
        if n is None:
            continue
        if t.answered_in_time is None:
            fallback.append(t)
        f = overlap_fraction(t.period, context.period)
        answered += n * f
        made += t.recommendations_made * f
        used.append(t)
    if not used or made <= 0:
        return Measurement.missing(note="no counts of board recommendations for the period")
    note = f"answered, not known to be within 15 days: {ids_of(fallback)}" if fallback else None
    return Measurement.of(fraction(answered, made), used, note=note)


@indicator(
    name="cisb.active",
    title=(
        "Ban Giám sát đầu tư của cộng đồng được thành lập, hoạt động",
        "Community Investment Supervision Board active",
    ),
    unit="bool",
    direction="higher",
    unit_kinds=COMMUNE,
)
def cisb_active(*, dossier: Dossier, context: Context) -> Measurement:
    """Whether a Community Investment Supervision Board was constituted or at work.

    Legal basis: Law 10/2022/QH15 Arts 41–45 and Decree 59/2023/NĐ-CP Arts 16–19; Decree
    84/2015/NĐ-CP and Decree 29/2021/NĐ-CP Art. 85 before.

    1.0 when a `Board` of kind `community_investment_supervision_board` is in place in the
    period (see `board_in_place`: its term overlaps it, it was set up by its end, or it is
    undated and no activity of it dates it elsewhere) or a `BoardActivity` of
    that kind overlapping the period records any work (a supervision, a project, a
    recommendation, a unit covered or an activity); 0.0 when the only records are
    activities stating zero work; missing otherwise.
    """
    spans = activity_spans(dossier)
    active: list[Evidence] = [
        b
        for b in records(dossier, Board)
        if b.kind is CISB and board_in_place(b, context.period, spans)
    ]
    idle: list[Evidence] = []
    for t in tallies_in(dossier, context.period, BoardActivity):
        if t.board_kind is not CISB:
            continue
        counts = (
            t.supervisions,
            t.projects_supervised,
            t.recommendations_made,
            t.units_covered,
            t.plans,
            t.reports,
        )
        if t.activities or any(c for c in counts):
            active.append(t)
        elif any(c is not None for c in counts):
            idle.append(t)
    if active:
        return Measurement.of(1.0, active)
    if idle:
        return Measurement.of(0.0, idle, note="activity records state no work")
    return Measurement.missing(note="no investment supervision board recorded for the period")
