"""Recognition and oversight: "Dân vận khéo" models, inspections and supervisions carried
out, and commendations awarded."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dancoso.model import (
    Commendation,
    Dossier,
    Evidence,
    Inspection,
    MobilisationModel,
    MobilisationModelTally,
    OversightMode,
    OversightTally,
    Supervision,
    Tally,
    Unit,
)
from dancoso.scoring._default import indicator
from dancoso.scoring._indicators._util import (
    AGENCY,
    COMMUNE,
    LOCAL,
    combine_counts,
    dated,
    fold_name,
    ids_of,
    records,
)
from dancoso.scoring._measure import Context, Measurement, tallies_in

#: Words that open the names of administrative units ("Quận Đống Đa", "Thành phố Huế").
_UNIT_PREFIXES = (
    "thành phố",
    "thị xã",
    "thị trấn",
    "đặc khu",
    "phường",
    "quận",
    "huyện",
    "tỉnh",
    "xã",
)


@indicator(
    name="mobilisation.models_commended",
    title=(
        "Số mô hình “Dân vận khéo” được công nhận, biểu dương",
        "“Dân vận khéo” models recognised or commended",
    ),
    unit="count",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | LOCAL,
)
def models_commended(*, dossier: Dossier, context: Context) -> Measurement:
    """Models of the "Dân vận khéo" (skilful mass mobilisation) movement recognised or commended.

    Basis: the Party's "Dân vận khéo" emulation movement (Plan 06-KH/BDVTW, 2020; 13th
    Congress); Law 10/2022/QH15 Art. 8.4 (commend good examples). A policy indicator.

    A `MobilisationModel` counts when `recognised_on` falls in the period or, when it is
    `commended` without a recognition date, when its emulation `period` overlaps the period
    (else its `registered_on` falls in it). `MobilisationModelTally` adds the larger of
    `recognised` and `commended` (models may be both, so they are not added: a lower
    bound when the two groups differ), pro-rated, beyond the models recorded one by one
    in its period (see `combine_counts`).
    """
    period = context.period
    events: list[tuple[dt.date, Evidence, float]] = []
    for m in records(dossier, MobilisationModel):
        if m.recognised_on is not None:
            day: dt.date | None = m.recognised_on
        elif m.commended:
            day = dated(span=m.period, within=period) or m.registered_on
        else:
            continue
        if day is not None:
            events.append((day, m, 1.0))
    tallies: list[tuple[Tally, float]] = []
    for t in tallies_in(dossier, period, MobilisationModelTally):
        counts = [n for n in (t.recognised, t.commended) if n is not None]
        if counts:
            tallies.append((t, float(max(counts))))
    return combine_counts(events, tallies, period, what="models recognised or commended")


def by_the_unit(e: Inspection | Supervision, unit: Unit) -> bool:
    """Whether the unit carried out an inspection or supervision of others.

    Its targets leave the unit out; the body running it, when known (`conducted_by_body`,
    or the `id` or `unit` of `conducted_by`), is one of the unit's; and it names targets or
    is run by the unit's body (so a record that names neither is not counted).
    """
    if any(t.unit == unit.id for t in e.targets):
        return False
    body_ids = {b.id for b in unit.bodies if b.id is not None}
    if e.conducted_by_body is not None:
        return e.conducted_by_body in body_ids
    by = e.conducted_by
    if by is not None and by.id is not None and by.id in body_ids:
        return True  # the same body as `conducted_by_body` would name
    if by is not None and by.unit is not None:
        return by.unit == unit.id
    return bool(e.targets)


def units_visited(e: Inspection | Supervision) -> int:
    """Units an inspection or supervision looked at: its distinct target units, at least one.

    Two bodies of one unit (its Party committee and its People's Committee) are one unit;
    a record naming no target (run by one of the unit's bodies) looked at one at least.
    """
    return max(1, len({t.unit for t in e.targets}))


def _oversight(
    dossier: Dossier,
    context: Context,
    weigh: Callable[[Inspection | Supervision], float],
    tallied: Callable[[OversightTally], int | None],
    what: str,
) -> Measurement:
    """Oversight of other units per mode: events weighed by `weigh`, tallies read by
    `tallied`, combined by `combine_counts`, and the two modes added."""
    unit, period = context.unit, context.period
    total = 0.0
    seen = False
    evidence: set[str] = set()
    notes: list[str] = []
    for mode in (OversightMode.INSPECTION, OversightMode.SUPERVISION):
        found: list[Inspection | Supervision] = []
        if mode is OversightMode.INSPECTION:
            found.extend(records(dossier, Inspection))
        else:
            found.extend(records(dossier, Supervision))
        events: list[tuple[dt.date, Evidence, float]] = [
            (e.start, e, weigh(e)) for e in found if by_the_unit(e, unit)
        ]
        tallies: list[tuple[Tally, float]] = [
            (t, float(n))
            for t in tallies_in(dossier, period, OversightTally)
            if t.mode is mode and (n := tallied(t)) is not None
        ]
        m = combine_counts(events, tallies, period, what=f"{mode.value} {what}")
        if m.value is not None:
            seen = True
            total += m.value
            evidence.update(m.evidence)
            if m.note:
                notes.append(m.note)
    if not seen:
        return Measurement.missing(note="no inspection or supervision of other units recorded")
    return Measurement(value=total, evidence=tuple(sorted(evidence)), note="; ".join(notes))


@indicator(
    name="oversight.conducted",
    title=("Số cuộc kiểm tra, giám sát đã thực hiện", "Inspections and supervisions carried out"),
    unit="count",
    direction="higher",
    unit_kinds=LOCAL,
)
def oversight_conducted(*, dossier: Dossier, context: Context) -> Measurement:
    """Inspections and supervisions (activities, cuộc) the unit's bodies carried out of others.

    Legal basis: Law 10/2022/QH15 Arts 85–86 (district and provincial People's Committees
    inspect the implementation); Ordinance 34/2007 before; Party steering-committee rules.

    Each `Inspection` or `Supervision` record that the unit carried out (see
    `by_the_unit`: the unit is not among the targets) is one activity, placed at its
    `start`: a trip of several days is one activity, and so is a trip to several units.
    `OversightTally.count` adds what it counts beyond the records of the same mode
    (inspection or supervision) in its period, pro-rated (see `combine_counts`). How many
    units were looked at is `oversight.units_inspected`.
    """
    return _oversight(dossier, context, lambda e: 1.0, lambda t: t.count, "activities")


@indicator(
    name="oversight.units_inspected",
    title=(
        "Số lượt đơn vị được kiểm tra, giám sát",
        "Units inspected or supervised (unit visits)",
    ),
    unit="count",
    direction="higher",
    unit_kinds=LOCAL,
)
def oversight_units_inspected(*, dossier: Dossier, context: Context) -> Measurement:
    """Units the unit's inspections and supervisions looked at, one per unit and activity.

    Legal basis: Law 10/2022/QH15 Arts 85–86 (district and provincial People's Committees
    inspect the implementation in the units below); Ordinance 34/2007 before.

    Each `Inspection` or `Supervision` record that the unit carried out (see
    `by_the_unit`), placed at its `start`, adds its distinct target units, at least one
    (see `units_visited`): a trip to 8 units counts 8 whether it is recorded as one record
    or as several records sharing out the targets. A unit looked at by two activities
    counts twice (lượt đơn vị). `OversightTally.targets_covered`, else its `count` (each
    activity looks at one unit at least), adds what it counts beyond the records of the
    same mode in its period, pro-rated (see `combine_counts`).
    """

    def tallied(t: OversightTally) -> int | None:
        return t.targets_covered if t.targets_covered is not None else t.count

    return _oversight(dossier, context, lambda e: float(units_visited(e)), tallied, "units")


def core_name(unit: Unit) -> str:
    """A unit's name, folded (see `fold_name`), without the word for its kind: "Quận Đống Đa"
    gives "đống đa"."""
    name = fold_name(unit.name)
    for prefix in (fold_name(unit.kind.vi), *_UNIT_PREFIXES):
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1 :]
    return name


def awarded_by_unit(c: Commendation, unit: Unit) -> bool:
    """Whether a commendation was awarded by one of the unit's bodies.

    `awarded_by` is free text: it matches when it is the name or abbreviation of one of the
    unit's bodies, when the decision's `issuer_body` is one of them, or when it contains
    the unit's name as whole words ("Quận ủy Đống Đa" for "Quận Đống Đa"). Names are
    compared folded (see `fold_name`: NFC, case, tone placement, dashes and spaces). The
    last test can be fooled by a body of another unit with the same place name.
    """
    giver = fold_name(c.awarded_by)
    names = {fold_name(b.name) for b in unit.bodies} | {
        fold_name(b.abbreviation) for b in unit.bodies if b.abbreviation
    }
    if giver in names:
        return True
    body_ids = {b.id for b in unit.bodies if b.id is not None}
    if c.document is not None and c.document.issuer_body in body_ids:
        return True
    core = core_name(unit)
    return bool(core) and re.search(rf"(?<!\w){re.escape(core)}(?!\w)", giver) is not None


#: Words of a commendation's field or reason that show it rewards grassroots democracy
#: (dân chủ ở cơ sở, quy chế dân chủ, QCDC) or mass mobilisation (dân vận, "Dân vận khéo").
QCDC_FIELD_WORDS = tuple(
    fold_name(w)
    for w in (
        "dân chủ",
        "QCDC",
        "dân vận",
        "grassroots democracy",
        "democracy regulation",
        "mass mobilisation",
        "mass mobilization",
    )
)


def qcdc_field(c: Commendation) -> bool | None:
    """Whether a commendation rewards grassroots-democracy or mass-mobilisation work.

    Read from its `field`, else its `reason` (None when it states neither).
    """
    text = c.field if c.field is not None else c.reason
    if text is None:
        return None
    folded = fold_name(text)
    return any(w in folded for w in QCDC_FIELD_WORDS)


def recipients(c: Commendation) -> int:
    """How many were commended: `recipient_count`, else the names given, else one."""
    if c.recipient_count is not None:
        return c.recipient_count
    return len(c.recipients) or 1


@indicator(
    name="commendation.awarded",
    title=("Số tập thể, cá nhân được khen thưởng", "Commendations awarded"),
    unit="count",
    direction="higher",
    unit_kinds=LOCAL,
)
def commendations_awarded(*, dossier: Dossier, context: Context) -> Measurement:
    """Collectives and individuals the unit's bodies commended for grassroots-democracy work.

    Legal basis: Law 10/2022/QH15 Art. 8.4 (commend good examples); the Law on Emulation
    and Commendation. A policy indicator.

    Events only: `Commendation` records awarded in the period (`awarded_on`; without it,
    the end of the rewarded `period` within the period), awarded by the unit (see
    `awarded_by_unit`) and for grassroots-democracy or mass-mobilisation work (see
    `qcdc_field`: its `field`, else its `reason`, names it). Each adds its
    `recipient_count`, else the number of named recipients, else one. Commendations for
    other fields, or that state no field, are left out (said in the note): they neither
    count nor make the value zero.
    """
    used: list[Evidence] = []
    other: list[Evidence] = []
    unstated: list[Evidence] = []
    total = 0
    for c in records(dossier, Commendation):
        day = dated(c.awarded_on, span=c.period, within=context.period)
        if day is None or day not in context.period or not awarded_by_unit(c, context.unit):
            continue
        field = qcdc_field(c)
        if field is None:
            unstated.append(c)
            continue
        if not field:
            other.append(c)
            continue
        used.append(c)
        total += recipients(c)
    bits = []
    if other:
        bits.append(f"left out, for other fields: {ids_of(other)}")
    if unstated:
        bits.append(f"left out, no field or reason stated: {ids_of(unstated)}")
    note = "; ".join(bits) or None
    if not used:
        return Measurement.missing(note=note or "no commendation awarded by the unit in the period")
    return Measurement.of(total, used, note=note)
