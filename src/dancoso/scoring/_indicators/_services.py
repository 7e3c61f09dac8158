"""Public services: satisfaction, administrative procedures and online services."""

from __future__ import annotations

from dancoso.model import (
    AdministrativeProcedures,
    Dossier,
    Evidence,
    OnlineServiceLevel,
    OnlineServices,
    Satisfaction,
)
from dancoso.scoring._default import indicator
from dancoso.scoring._indicators._util import (
    AGENCY,
    COMMUNE,
    LOCAL,
    SharePart,
    combine_shares,
    fraction,
    ratio_part,
)
from dancoso.scoring._measure import Context, Measurement, overlap_fraction, tallies_in

Level = OnlineServiceLevel


@indicator(
    name="satisfaction.system_in_use",
    title=(
        "Có hệ thống đánh giá sự hài lòng được sử dụng",
        "Satisfaction rating system in use",
    ),
    unit="bool",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY,
)
def system_in_use(*, dossier: Dossier, context: Context) -> Measurement:
    """Whether a system for rating satisfaction and taking feedback was in use.

    Legal basis: Law 10/2022/QH15 Art. 35.2.a (a stable rating and feedback system at the
    commune); Decree 04/2015/NĐ-CP Chapter III (suggestion boxes at agencies).

    1.0 when a `Satisfaction` record overlapping the period says `system_in_use`, names
    its `methods` or gives a measured `rate`; missing otherwise (an unset flag means "not
    stated", so the indicator never reads 0.0 from the dossier).
    """
    used = [
        s
        for s in tallies_in(dossier, context.period, Satisfaction)
        if s.system_in_use or s.methods or (s.rate is not None and s.rate.value is not None)
    ]
    if not used:
        return Measurement.missing(note="nothing shows a rating system for the period")
    return Measurement.of(1.0, used)


@indicator(
    name="satisfaction.rate",
    title=("Tỷ lệ hài lòng", "Satisfaction rate"),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | LOCAL,
)
def satisfaction_rate(*, dossier: Dossier, context: Context) -> Measurement:
    """Share of respondents satisfied.

    Legal basis: Law 10/2022/QH15 Art. 35.2.a; the rate itself is a policy indicator.

    From `Satisfaction.rate` of records overlapping the period. When every record has a
    count behind its rate (the ratio's whole, else `respondents`), the rates are weighted
    by those counts, pro-rated to the period; otherwise they are averaged, weighted by the
    days each record covers within the period.
    """
    parts: list[SharePart] = []
    for s in tallies_in(dossier, context.period, Satisfaction):
        r = s.rate
        if r is None or r.value is None:
            continue
        f = overlap_fraction(s.period, context.period)
        n = r.whole if r.part is not None and r.whole else s.respondents
        parts.append(
            SharePart(
                value=fraction(r.value, 1.0),
                weight=n * f if n is not None else None,
                days=f * s.period.days,
                record=s,
            )
        )
    return combine_shares(parts, what="satisfaction rates")


def own_procedures(a: AdministrativeProcedures, context: Context) -> bool:
    """Whether a procedures tally is the unit's own (its `unit` unset or the dossier's unit)."""
    return a.unit is None or a.unit == context.unit.id


@indicator(
    name="admin.on_time_share",
    title=(
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
        "Share of administrative-procedure dossiers resolved on time",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | LOCAL,
)
def admin_on_time_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Administrative-procedure dossiers resolved on time.

    Legal basis: Law 10/2022/QH15 Art. 11 item 13 (procedures the commune handles);
    Decree 61/2018/NĐ-CP (one-stop shop). The share is a policy indicator.

    From `AdministrativeProcedures.on_time` of tallies overlapping the period and handled
    by the unit (a tally whose `unit` names another unit is left out): counts summed,
    pro-rated to the period, when every tally has them; otherwise shares averaged,
    weighted by the days each covers within the period.
    """
    parts = [
        p
        for a in tallies_in(dossier, context.period, AdministrativeProcedures)
        if own_procedures(a, context) and (p := ratio_part(a, a.on_time, context.period))
    ]
    return combine_shares(parts, what="on-time ratios")


@indicator(
    name="online.usage_share",
    title=("Tỷ lệ hồ sơ nộp trực tuyến", "Share of dossiers submitted online"),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | LOCAL,
)
def online_usage_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Dossiers submitted online, out of all.

    A policy indicator (the national digital-government targets), no duty in Law
    10/2022/QH15.

    From `OnlineServices.usage` of records overlapping the period, falling back to
    `result` (a figure whose meaning the report does not state: said in the note). Counts
    summed where every record has them, else shares weighted by days covered. Records of
    different levels are combined as if of one whole (a simplification: usage per level
    may share its whole with another level).
    """
    parts: list[SharePart] = []
    guessed: list[Evidence] = []
    for s in tallies_in(dossier, context.period, OnlineServices):
        ratio = s.usage if s.usage is not None else s.result
        p = ratio_part(s, ratio, context.period)
        if p is None:
            continue
        parts.append(p)
        if s.usage is None:
            guessed.append(s)
    m = combine_shares(parts, what="online usage ratios")
    if guessed and m.value is not None:
        bits = [b for b in (m.note, "read from an unexplained result") if b]
        return Measurement(value=m.value, evidence=m.evidence, note="; ".join(bits))
    return m


@indicator(
    name="online.services",
    title=(
        "Số dịch vụ công trực tuyến mức độ 3, 4, toàn trình",
        "Online public services at levels 3, 4 or full",
    ),
    unit="count",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | LOCAL,
)
def online_services(*, dossier: Dossier, context: Context) -> Measurement:
    """Online public services offered at level 3, level 4 or full (a stock, not pro-rated).

    A policy indicator (Decree 42/2022/NĐ-CP renamed levels 3 and 4 "partial" and "full").

    From `OnlineServices.services` of records overlapping the period (with `as_of`, when
    given, in the period). For each level the largest count among the records is kept
    (a stock measured at different times); level 3 and level 4 (or full) services are
    different services and are added, and a record for "levels 3 and 4" together is used
    when it is larger than that sum. Partial-level services are not counted.
    """
    best: dict[str, tuple[int, Evidence]] = {}
    for s in tallies_in(dossier, context.period, OnlineServices):
        if s.services is None or (s.as_of is not None and s.as_of not in context.period):
            continue
        key = {
            Level.LEVEL_3: "3",
            Level.LEVEL_4: "4",
            Level.FULL: "4",
            Level.LEVELS_3_4: "3+4",
        }.get(s.level)
        if key is not None and (key not in best or s.services > best[key][0]):
            best[key] = (s.services, s)
    if not best:
        return Measurement.missing(note="no count of online services for the period")
    separate = [best[k] for k in ("3", "4") if k in best]
    together = best.get("3+4")
    if together is not None and together[0] >= sum(n for n, _ in separate):
        return Measurement.of(together[0], [together[1]])
    return Measurement.of(
        sum(n for n, _ in separate),
        [r for _, r in separate],
        note="levels 3 and 4 added" if len(separate) > 1 else None,
    )
