"""Deciding and discussing ("dân bàn", "dân làm"): regulations, community decisions,
consultations and village conventions."""

from __future__ import annotations

import datetime as dt

from dancoso.model import (
    CommunityConvention,
    CommunityDecision,
    CommunityMatter,
    Consultation,
    ConventionTally,
    DecisionScope,
    DemocracyRegulation,
    Dossier,
    Evidence,
)
from dancoso.scoring._default import indicator
from dancoso.scoring._indicators._util import (
    AGENCY,
    COMMUNE,
    EMPLOYER,
    LAW_START,
    ORDINANCE_START,
    SOE,
    Limit,
    combine_shares,
    dated,
    fraction,
    ids_of,
    ratio_part,
    records,
    share_measurement,
)
from dancoso.scoring._measure import Context, Measurement, tallies_in

#: Law Art. 21.1: matters that need two thirds (Art. 15 items 1–2).
TWO_THIRDS_MATTERS = frozenset({CommunityMatter.CONTRIBUTIONS, CommunityMatter.COMMUNITY_FUNDS})
#: Law Art. 20.3: the decision record reaches the UBND and MTTQ within 5 working days.
FILING_LIMIT = Limit(5, working=True)
#: Law Art. 28.2: residents have at least 20 days to give their opinions.
CONSULTATION_DAYS = 20


@indicator(
    name="regulation.issued",
    title=(
        "Ban hành quy chế thực hiện dân chủ ở cơ sở",
        "Grassroots democracy regulation issued",
    ),
    unit="bool",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | EMPLOYER,
)
def regulation_issued(*, dossier: Dossier, context: Context) -> Measurement:
    """Whether a grassroots-democracy regulation was issued on or before the period's end.

    Legal basis: Law 10/2022/QH15 Arts 35.2.c (commune, with the Fatherland Front), 59.1.a
    (agencies, with the union), 81.1.a (state-owned enterprises); Decree 145/2020/NĐ-CP
    Art. 48 (employers).

    A `DemocracyRegulation` is dated by `issued_on` (or its document's date); without one,
    it was issued within its `period`. 1.0 when one was certainly issued by the period's
    end; 0.0 when every regulation in the dossier was issued after it; missing when the
    dossier has none, or none can be placed (undated, or a period straddling the end).
    Whether an old regulation still fits the law in force is not checked.
    """
    end = context.period.end
    before: list[Evidence] = []
    after: list[Evidence] = []
    unknown = 0
    for r in records(dossier, DemocracyRegulation):
        day = r.issued_on or (r.document.issued_on if r.document else None)
        earliest: dt.date | None = day
        latest: dt.date | None = day
        if day is None and r.period is not None:
            earliest, latest = r.period.start, r.period.end
        if latest is not None and latest <= end:
            before.append(r)
        elif earliest is not None and earliest > end:
            after.append(r)
        else:
            unknown += 1
    if before:
        return Measurement.of(1.0, before)
    if after and not unknown:
        return Measurement.of(0.0, after, note=f"issued after the period only: {ids_of(after)}")
    return Measurement.missing(
        note="no regulation in the dossier" if not unknown else "no regulation can be dated"
    )


def decision_passes(d: CommunityDecision) -> bool | None:
    """Whether a community decision met the pass rule in force on its date (None: cannot tell).

    Law 10/2022 Art. 21.1 (from 2023-07-01): contributions and community funds need at
    least two thirds of all households (community scope) or of all communities
    (commune-wide); other matters more than half of all households. Ordinance 34/2007
    Art. 12 (before): more than half of all households.
    """
    if d.decided_on < ORDINANCE_START:
        return None
    households = (
        (d.households_in_favour, d.households_total)
        if d.households_in_favour is not None and d.households_total
        else None
    )
    if d.decided_on >= LAW_START and d.matter in TWO_THIRDS_MATTERS:
        communities = (
            (d.communities_in_favour, d.communities_total)
            if d.communities_in_favour is not None and d.communities_total
            else None
        )
        commune_wide = d.scope is DecisionScope.COMMUNE or (d.scope is None and not households)
        counts = communities if commune_wide else households
        if counts is None:
            return None
        return 3 * counts[0] >= 2 * counts[1]
    if households is None:
        return None
    return 2 * households[0] > households[1]


@indicator(
    name="decision.valid_share",
    title=(
        "Tỷ lệ nội dung Nhân dân quyết định đạt tỷ lệ biểu quyết theo quy định",
        "Share of community decisions passed by the required majority",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE,
)
def decision_valid_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Community decisions that met the pass rule of their date.

    Legal basis: Law 10/2022/QH15 Art. 21.1 from 2023-07-01 (at least two thirds of all
    households for contributions and community funds at community scope, of all
    communities if commune-wide; more than half of all households for the other matters);
    Ordinance 34/2007/PL-UBTVQH11 Art. 12 before (more than half of all households).

    Events only: `CommunityDecision` records voted in the period with the counts the rule
    needs (in favour and total, the total above zero). A decision whose scope is not given
    is read at community scope when household counts are given, commune-wide otherwise.
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for d in records(dossier, CommunityDecision):
        if d.decided_on not in context.period:
            continue
        ok = decision_passes(d)
        if ok is None:
            continue
        judged.append(d)
        if ok:
            met.append(d)
    return share_measurement(met, judged, what="decisions passed by the required majority")


@indicator(
    name="decision.filed_on_time_share",
    title=(
        "Tỷ lệ biên bản quyết định gửi UBND và MTTQ đúng hạn",
        "Share of decision records filed on time",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE,
)
def decision_filed_on_time_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Community decision records sent to the UBND and the MTTQ within 5 working days.

    Legal basis: Law 10/2022/QH15 Art. 20.3. No filing deadline before 2023-07-01 was
    verified, so only decisions voted from that day are judged.

    Events only: `CommunityDecision` records voted in the period with `filed_on`.
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for d in records(dossier, CommunityDecision):
        if d.decided_on not in context.period or d.decided_on < LAW_START or d.filed_on is None:
            continue
        judged.append(d)
        if FILING_LIMIT.met(d.decided_on, d.filed_on):
            met.append(d)
    return share_measurement(met, judged, what=f"records filed within {FILING_LIMIT}")


def consultation_day(c: Consultation, context: Context) -> dt.date | None:
    """When a consultation is placed: its opening, else its closing, else its period's end."""
    return dated(c.opened_on, c.closes_on, span=c.period, within=context.period)


@indicator(
    name="consultation.window_share",
    title=(
        "Tỷ lệ lấy ý kiến Nhân dân bảo đảm thời gian tối thiểu",
        "Share of consultations open for the minimum time",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE,
)
def consultation_window_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Consultations open to residents at least 20 days.

    Legal basis: Law 10/2022/QH15 Art. 28.2 (no fixed window existed under Ordinance 34,
    so only consultations opened from 2023-07-01 are judged).

    Events only: `Consultation` records opened in the period with both `opened_on` and
    `closes_on`; the window counts both days.
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for c in records(dossier, Consultation):
        if c.opened_on is None or c.closes_on is None or c.opened_on not in context.period:
            continue
        if c.opened_on < LAW_START:
            continue
        judged.append(c)
        if (c.closes_on - c.opened_on).days + 1 >= CONSULTATION_DAYS:
            met.append(c)
    return share_measurement(met, judged, what=f"consultations open {CONSULTATION_DAYS}+ days")


@indicator(
    name="consultation.feedback_share",
    title=(
        "Tỷ lệ lấy ý kiến có công khai kết quả tiếp thu, giải trình",
        "Share of consultations whose synthesis was published",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | SOE,
)
def consultation_feedback_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Consultations whose synthesis of opinions and explanation were published.

    Legal basis: Law 10/2022/QH15 Arts 11.11, 28.3 (communes), 55.1 (agencies), 74.1
    (state-owned enterprises); Ordinance 34/2007 Art. 5 item 8 and Decree 04/2015 Art. 7
    item 8 before.

    Events only: `Consultation` records placed in the period (at `opened_on`, else
    `closes_on`, else the end of `period`). Published when `synthesis_published_on` is
    given or `synthesis_published` is true; not published only when `synthesis_published`
    is false. A consultation that says neither is not judged: silence is not evidence.
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for c in records(dossier, Consultation):
        day = consultation_day(c, context)
        if day is None or day not in context.period:
            continue
        published = c.synthesis_published_on is not None or c.synthesis_published is True
        if not published and c.synthesis_published is not False:
            continue  # not stated
        judged.append(c)
        if published:
            met.append(c)
    return share_measurement(met, judged, what="consultations with a published synthesis")


@indicator(
    name="convention.coverage",
    title=(
        "Tỷ lệ thôn, tổ dân phố có hương ước, quy ước được công nhận",
        "Share of communities with a recognised convention",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE,
)
def convention_coverage(*, dossier: Dossier, context: Context) -> Measurement:
    """Residential communities with a recognised hương ước or quy ước.

    Legal basis: Decree 61/2023/NĐ-CP Arts 2, 11 (Decision 22/2018/QĐ-TTg before
    2023-08-16). No legal threshold: a policy indicator.

    From events when they suffice: distinct `community` ids of `CommunityConvention`
    records recognised by the period's end, over `unit.residential_communities` (capped at
    1). Otherwise from `ConventionTally.coverage` ratios overlapping the period (counts
    summed where every tally has them, else shares weighted by days covered).
    """
    whole = context.unit.residential_communities
    found = [
        c
        for c in records(dossier, CommunityConvention)
        if c.community is not None
        and c.recognised_on is not None
        and c.recognised_on <= context.period.end
    ]
    if found and whole:
        communities = {c.community for c in found}
        return Measurement.of(
            fraction(len(communities), whole),
            found,
            note=f"{len(communities)} of {whole} communities have a recognised convention",
        )
    parts = [
        p
        for t in tallies_in(dossier, context.period, ConventionTally)
        if (p := ratio_part(t, t.coverage, context.period)) is not None
    ]
    return combine_shares(parts, what="convention coverage ratios")


@indicator(
    name="convention.review_share",
    title=(
        "Tỷ lệ hương ước, quy ước được đánh giá, rà soát trong kỳ",
        "Share of conventions reviewed in the period",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE,
)
def convention_review_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Conventions reviewed in the period, out of the conventions in force.

    Legal basis: Decree 61/2023/NĐ-CP Art. 15.4 (a yearly review, around 18 November).

    From events when there are any: `CommunityConvention` records recognised (or, when not
    recognised, adopted) by the period's end, or reviewed in it; reviewed when one of
    `reviewed_on` falls in the period. Otherwise `ConventionTally.reviewed` ratios
    overlapping the period (counts summed where every tally has them, else shares weighted
    by days covered).
    """
    period = context.period
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for c in records(dossier, CommunityConvention):
        reviewed = any(day in period for day in c.reviewed_on)
        since = c.recognised_on or c.adopted_on
        if reviewed or (since is not None and since <= period.end):
            judged.append(c)
            if reviewed:
                met.append(c)
    if judged:
        return share_measurement(met, judged, what="conventions reviewed in the period")
    parts = [
        p
        for t in tallies_in(dossier, period, ConventionTally)
        if (p := ratio_part(t, t.reviewed, period)) is not None
    ]
    return combine_shares(parts, what="convention review ratios")


#: Decree 61/2023/NĐ-CP Art. 11.3: the file reaches the commune UBND within 5 working days of
#: the vote (11.3.a), which recognises within 5 working days of the complete file (11.3.b).
CONVENTION_STEP = Limit(5, working=True)
#: Decree 61/2023/NĐ-CP in force (recognition by the commune People's Committee).
DECREE_61_START = dt.date(2023, 8, 16)


def convention_recognised_in_time(c: CommunityConvention) -> bool | None:
    """Whether a convention's file and recognition met Decree 61/2023 Art. 11.3 (None:
    cannot tell).

    With `filed_on`, each step is judged on its own: a late file fails, and otherwise
    the recognition decides (unknown without `recognised_on`). Without it: recognised
    within 5 working days of the vote
    means both steps were in time; more than 10 working days after the vote means one was
    late; in between cannot be told.
    """
    if c.adopted_on is None:
        return None
    if c.filed_on is not None:
        if not CONVENTION_STEP.met(c.adopted_on, c.filed_on):
            return False
        if c.recognised_on is None:
            return None
        return CONVENTION_STEP.met(c.filed_on, c.recognised_on)
    if c.recognised_on is None:
        return None
    if CONVENTION_STEP.met(c.adopted_on, c.recognised_on):
        return True
    if not Limit(2 * CONVENTION_STEP.days, working=True).met(c.adopted_on, c.recognised_on):
        return False
    return None


@indicator(
    name="convention.recognised_on_time_share",
    title=(
        "Tỷ lệ hương ước, quy ước được gửi hồ sơ và công nhận đúng hạn",
        "Share of conventions filed and recognised on time",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE,
)
def convention_recognised_on_time_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Conventions whose recognition file was sent, and that were recognised, on time.

    Legal basis: Decree 61/2023/NĐ-CP Art. 11.3 (from 2023-08-16): the village head sends
    the file to the commune People's Committee within 5 working days of the vote (point
    a), which decides on recognition within 5 working days of receiving the complete file
    (point b). Conventions adopted earlier are not judged.

    Events only: `CommunityConvention` records adopted in the period whose timeliness can
    be told (see `convention_recognised_in_time`).
    """
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for c in records(dossier, CommunityConvention):
        adopted = c.adopted_on
        if adopted is None or adopted not in context.period or adopted < DECREE_61_START:
            continue
        ok = convention_recognised_in_time(c)
        if ok is None:
            continue
        judged.append(c)
        if ok:
            met.append(c)
    return share_measurement(met, judged, what="conventions filed and recognised on time")
