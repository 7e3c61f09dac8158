"""Recognition and oversight: "Dân vận khéo" models, inspections and supervisions carried
out, and commendations awarded."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

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
    `recognised` and `commended` (models may be both, so they are not added), pro-rated,
    only for tallies whose period holds none of those events.
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
        if day is not None and day in period:
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
    or the `unit` of `conducted_by`), is one of the unit's; and it names targets or is run
    by the unit's body (so a record that names neither is not counted).
    """
    if any(t.unit == unit.id for t in e.targets):
        return False
    if e.conducted_by_body is not None:
        return e.conducted_by_body in {b.id for b in unit.bodies if b.id is not None}
    by = e.conducted_by.unit if e.conducted_by is not None else None
    if by is not None:
        return by == unit.id
    return bool(e.targets)


@indicator(
    name="oversight.conducted",
    title=("Số cuộc kiểm tra, giám sát đã thực hiện", "Inspections and supervisions carried out"),
    unit="count",
    direction="higher",
    unit_kinds=LOCAL,
)
def oversight_conducted(*, dossier: Dossier, context: Context) -> Measurement:
    """Inspections and supervisions the unit's bodies carried out of other units.

    Legal basis: Law 10/2022/QH15 Arts 85–86 (district and provincial People's Committees
    inspect the implementation); Ordinance 34/2007 before; Party steering-committee rules.

    `Inspection` and `Supervision` records that began in the period and that the unit
    carried out (see `by_the_unit`: the unit is not among the targets) are counted one by
    one. `OversightTally.count` is added, pro-rated, only for tallies whose period holds
    none of the recorded events of the same mode (inspection or supervision).
    """
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
            (e.start, e, 1.0) for e in found if e.start in period and by_the_unit(e, unit)
        ]
        tallies: list[tuple[Tally, float]] = [
            (t, float(t.count))
            for t in tallies_in(dossier, period, OversightTally)
            if t.mode is mode and t.count is not None
        ]
        m = combine_counts(events, tallies, period, what=f"{mode.value}s")
        if m.value is not None:
            seen = True
            total += m.value
            evidence.update(m.evidence)
            if m.note:
                notes.append(m.note)
    if not seen:
        return Measurement.missing(note="no inspection or supervision of other units recorded")
    return Measurement(value=total, evidence=tuple(sorted(evidence)), note="; ".join(notes))


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def core_name(unit: Unit) -> str:
    """A unit's name without the word for its kind: "Quận Đống Đa" gives "đống đa"."""
    name = _norm(unit.name)
    for prefix in (_norm(unit.kind.vi), *_UNIT_PREFIXES):
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1 :]
    return name


def awarded_by_unit(c: Commendation, unit: Unit) -> bool:
    """Whether a commendation was awarded by one of the unit's bodies.

    `awarded_by` is free text: it matches when it is the name or abbreviation of one of the
    unit's bodies, when the decision's `issuer_body` is one of them, or when it contains
    the unit's name as whole words ("Quận ủy Đống Đa" for "Quận Đống Đa"). The last test
    can be fooled by a body of another unit with the same place name.
    """
    giver = _norm(c.awarded_by)
    names = {_norm(b.name) for b in unit.bodies} | {
        _norm(b.abbreviation) for b in unit.bodies if b.abbreviation
    }
    if giver in names:
        return True
    body_ids = {b.id for b in unit.bodies if b.id is not None}
    if c.document is not None and c.document.issuer_body in body_ids:
        return True
    core = core_name(unit)
    return bool(core) and re.search(rf"(?<!\w){re.escape(core)}(?!\w)", giver) is not None


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
    the end of the rewarded `period` within the period) and awarded by the unit (see
    `awarded_by_unit`). Each adds its `recipient_count`, else the number of named
    recipients, else one. The dossier is taken to hold commendations for
    grassroots-democracy work only; the `field` is not read.
    """
    used: list[Evidence] = []
    total = 0
    for c in records(dossier, Commendation):
        day = dated(c.awarded_on, span=c.period, within=context.period)
        if day is None or day not in context.period or not awarded_by_unit(c, context.unit):
            continue
        used.append(c)
        total += recipients(c)
    if not used:
        return Measurement.missing(note="no commendation awarded by the unit in the period")
    return Measurement.of(total, used)
