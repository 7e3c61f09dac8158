"""Disclosure ("dân biết"): which items were made public, how fast, and how long they stayed up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from attrs import frozen

from dancoso.model import (
    AdministrativeProcedures,
    Disclosure,
    DisclosureTally,
    Dossier,
    Evidence,
    ItemList,
    Period,
    UnitKind,
)
from dancoso.scoring._default import indicator
from dancoso.scoring._indicators._util import (
    AGENCY,
    COMMUNE,
    DECREE_04_START,
    DECREE_145_START,
    EMPLOYER,
    LAW_10,
    LAW_START,
    ORDINANCE_34,
    ORDINANCE_START,
    SOE,
    Limit,
    combine_shares,
    dated,
    from_day,
    ids_of,
    ratio_part,
    records,
    share_measurement,
)
from dancoso.scoring._measure import Context, Measurement, overlap_fraction, tallies_in

#: Law Art. 13.2: items of Art. 11 that stay posted permanently (regulation; procedures).
PERMANENT_ITEMS = (4, 13)


def commune_list_on(day: dt.date) -> ItemList | None:
    """The commune disclosure list in force on `day`: Law Art. 11, or Ordinance 34 Art. 5."""
    if day >= LAW_START:
        return ItemList.LAW_ART11
    return ItemList.ORDINANCE_ART5 if day >= ORDINANCE_START else None


def list_on(kind: UnitKind, day: dt.date) -> ItemList | None:
    """The list of what a unit of `kind` must disclose on `day`, where its text was verified.

    Communes: Law 10/2022/QH15 Art. 11, Ordinance 34/2007 Art. 5 before. Agencies and
    public service units: Law Art. 46 (Decree 04/2015 Art. 7 before 2023-07-01 is not
    verified item by item, so none). State-owned enterprises: Law Art. 64.1, Decree
    145/2020/NĐ-CP Art. 43.1 from 2021-02-01 until then. Other employers: Decree 145/2020
    Art. 43.1 from 2021-02-01.
    """
    if kind in COMMUNE:
        return commune_list_on(day)
    if kind in AGENCY:
        return ItemList.LAW_ART46 if day >= LAW_START else None
    if kind in SOE and day >= LAW_START:
        return ItemList.LAW_ART64
    if kind in EMPLOYER and day >= DECREE_145_START:
        return ItemList.DECREE145_ART43
    return None


@frozen
class Required:
    """What a disclosure list requires of a unit.

    Attributes:
        specific: Items naming a definite matter; the list's last item ("other matters
            required by law or the regulation") is a catch-all, not a duty of its own.
        conditional: Specific items due only when their event happened or their matter
            exists (relief after a disaster, a call-up, a collective agreement): required
            when the dossier shows them disclosed, otherwise left out.
    """

    specific: frozenset[int]
    conditional: frozenset[int] = frozenset()

    def of(self, disclosed: set[int]) -> frozenset[int]:
        """The items required given those disclosed."""
        return (self.specific - self.conditional) | (self.conditional & disclosed)


def _required(size: int, conditional: Iterable[int] = ()) -> Required:
    return Required(specific=frozenset(range(1, size)), conditional=frozenset(conditional))


#: Per list: items 1 to n-1 are specific (item n is the catch-all), and the event items.
REQUIRED: dict[ItemList, Required] = {
    # Art. 11: 8 relief after disasters, epidemics, incidents; 9 military and police call-up
    ItemList.LAW_ART11: _required(14, {8, 9}),
    # Art. 5 (text unverified): 6 proposals to create, merge or re-border administrative units
    ItemList.ORDINANCE_ART5: _required(11, {6}),
    # Art. 46: 5 public investment of the unit
    ItemList.LAW_ART46: _required(12, {5}),
    # Art. 64.1: c collective agreements signed, d funds from workers' contributions ("nếu có")
    ItemList.LAW_ART64: _required(8, {3, 4}),
    # Art. 43.1: the same c and d
    ItemList.DECREE145_ART43: _required(7, {3, 4}),
}


def _list_for(context: Context) -> ItemList | None:
    kind = context.unit.kind
    if kind in COMMUNE and context.regime == LAW_10:
        return ItemList.LAW_ART11
    if kind in COMMUNE and context.regime == ORDINANCE_34:
        return ItemList.ORDINANCE_ART5
    return list_on(kind, context.period.end)


def disclosure_day(d: Disclosure, period: Period) -> dt.date | None:
    """When a disclosure is placed: made public, else decided, else the end of its period."""
    return dated(d.disclosed_on, d.decided_on, span=d.period, within=period)


def publication_limit(kind: UnitKind, decided: dt.date) -> Limit | None:
    """The deadline for publishing a decision taken on `decided` by a unit of `kind`."""
    if kind in COMMUNE:
        if decided >= LAW_START:
            return Limit(5, working=True)  # Law Art. 12.3
        if decided >= ORDINANCE_START:
            return Limit(2)  # Ordinance 34 Art. 7 (unverified; policy)
    elif kind in AGENCY:
        if decided >= LAW_START:
            return Limit(5, working=True)  # Law Art. 47.2
        if decided >= DECREE_04_START:
            return Limit(3, working=True)  # Decree 04/2015 Art. 8.2
    elif kind in SOE and decided >= LAW_START:
        return Limit(15)  # Law Art. 65.2
    return None


def posting_minimum(kind: UnitKind, day: dt.date) -> int | None:
    """The consecutive days a posting made on `day` by a unit of `kind` must stay up."""
    if kind in COMMUNE:
        return 30 if day >= ORDINANCE_START else None  # Law Art. 13.2; Ordinance 34 Art. 7
    if kind in AGENCY:
        if day >= LAW_START:
            return 20  # Law Art. 48
        return 30 if day >= DECREE_04_START else None  # Decree 04/2015 Art. 8.2
    if kind in SOE and day >= LAW_START:
        return 20  # Law Art. 66
    return None


def posted_days(d: Disclosure) -> int | None:
    """Consecutive days a disclosure stayed posted, as given or from its dates."""
    if d.posted_days is not None:
        return d.posted_days
    if d.disclosed_on is not None and d.posted_until is not None:
        return (d.posted_until - d.disclosed_on).days + 1
    return None


@indicator(
    name="disclosure.item_coverage",
    title=(
        "Tỷ lệ nội dung phải công khai đã được công khai",
        "Share of the mandatory disclosure items disclosed",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | EMPLOYER,
)
def item_coverage(*, dossier: Dossier, context: Context) -> Measurement:
    """Required items of the disclosure list in force that were disclosed in the period.

    The list (see `list_on`): for communes the one of the context's regime, Law
    10/2022/QH15 Art. 11 under `law-10-2022` and Ordinance 34/2007/PL-UBTVQH11 Art. 5 under
    `ordinance-34-2007`; Law Art. 46 for agencies and public service units; Law Art. 64.1
    for state-owned enterprises from 2023-07-01; Decree 145/2020/NĐ-CP Art. 43.1 for other
    employers, and for state-owned enterprises before 2023-07-01, from 2021-02-01
    (otherwise the list in force on the period's last day).

    Not every item of a list is a duty of its own (`REQUIRED`). The last item of each
    list ("other matters required by law or the regulation") is a catch-all: disclosing
    it neither counts nor is required. Items whose matter arises only with an event (Art.
    11 items 8, relief after a disaster, and 9, a call-up; Ordinance Art. 5 item 6; Art.
    46 item 5; Art. 64.1 and Decree 145 Art. 43.1 points c and d) are required only when
    the dossier shows them disclosed: a dossier silent about them is not read as an
    event that went undisclosed. The value is the number of required items disclosed over
    the number required, so full disclosure of the specific items scores 1.

    Items come from `Disclosure.item` (placed at its `disclosed_on`, else `decided_on`, else
    the end of its `period`, and kept when that date is in the period) and from the
    `items` of `DisclosureTally` records overlapping the period. Events and tallies are
    combined as a union of item numbers, so an item disclosed twice counts once. A record
    without `item_list` is read in the list in force on its date; records numbered in
    another list are left out (item numbers differ between the lists), as are undated ones.
    """
    kind = context.unit.kind
    target = _list_for(context)
    size = target.size if target is not None else None
    if target is None or not size or target not in REQUIRED:
        return Measurement.missing(note="no verified disclosure list in force for the period")
    period = context.period
    items: set[int] = set()
    used: list[Disclosure | DisclosureTally] = []
    for d in records(dossier, Disclosure):
        day = disclosure_day(d, period)
        if d.item is None or day is None or day not in period or d.item > size:
            continue
        if (d.item_list or list_on(kind, day)) is target:
            items.add(d.item)
            used.append(d)
    for t in tallies_in(dossier, period, DisclosureTally):
        listed = t.item_list or list_on(kind, min(t.period.end, period.end))
        found = {i for i in t.items if i <= size}
        if found and listed is target:
            items |= found
            used.append(t)
    if not used:
        return Measurement.missing(note=f"no item of {target.value} disclosed in the period")
    required = REQUIRED[target].of(items)
    done = items & required
    if not done:
        # a catch-all item says nothing about the specific ones: nothing to judge them by
        return Measurement.missing(note=f"only the catch-all item of {target.value} disclosed")
    shown = ", ".join(str(i) for i in sorted(done))
    note = f"{len(done)} of {len(required)} required items of {target.value}: {shown}"
    if items - required:
        note += f"; the catch-all item {size} is not counted"
    counted = [r for r in used if _items_of(r) & required]
    return Measurement.of(len(done) / len(required), counted, note=note)


def _items_of(record: Disclosure | DisclosureTally) -> set[int]:
    if isinstance(record, Disclosure):
        return {record.item} if record.item is not None else set()
    return set(record.items)


@indicator(
    name="disclosure.on_time_share",
    title=("Tỷ lệ thông tin được công khai đúng thời hạn", "Share of disclosures made on time"),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | SOE,
)
def on_time_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Disclosures published within the deadline after the decision or document.

    Deadlines, by the date of the decision: communes 5 working days from 2023-07-01 (Law
    10/2022/QH15 Art. 12.3) and 2 days before (Ordinance 34/2007 Art. 7; the final wording
    is unverified, so this is a policy choice); agencies and public service units 5 working
    days from 2023-07-01 (Law Art. 47.2) and 3 working days under Decree 04/2015/NĐ-CP
    Art. 8.2 (its 5-day allowance for special cases is not modelled); state-owned
    enterprises 15 days from 2023-07-01 (Law Art. 65.2). Decisions dated when no deadline
    is known are not judged.

    Events are `Disclosure` records with both `decided_on` and `disclosed_on`, the latter
    in the period. Only when there is none are `DisclosureTally.on_time` ratios used
    (counts summed where every tally has them, else shares weighted by days covered).
    """
    kind = context.unit.kind
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for d in records(dossier, Disclosure):
        if d.decided_on is None or d.disclosed_on is None or d.disclosed_on not in context.period:
            continue
        limit = publication_limit(kind, d.decided_on)
        if limit is None:
            continue
        judged.append(d)
        if limit.met(d.decided_on, d.disclosed_on):
            met.append(d)
    if judged:
        return share_measurement(met, judged, what="disclosures published on time")
    parts = [
        p
        for t in tallies_in(dossier, context.period, DisclosureTally)
        if (p := ratio_part(t, t.on_time, context.period)) is not None
    ]
    return combine_shares(parts, what="on-time disclosure ratios")


@indicator(
    name="disclosure.posting_share",
    title=(
        "Tỷ lệ thông tin niêm yết đủ thời gian quy định",
        "Share of postings kept up for the required time",
    ),
    unit="share",
    direction="higher",
    unit_kinds=COMMUNE | AGENCY | SOE,
)
def posting_share(*, dossier: Dossier, context: Context) -> Measurement:
    """Postings kept up at least the required number of consecutive days.

    Required days, by the posting's date: communes 30 (Law 10/2022/QH15 Art. 13.2;
    Ordinance 34/2007 Art. 7 before 2023-07-01, wording unverified); agencies and public
    service units 20 from 2023-07-01 (Law Art. 48) and 30 under Decree 04/2015/NĐ-CP
    Art. 8.2; state-owned enterprises 20 from 2023-07-01 (Law Art. 66). Postings dated when
    no rule is known are not judged.

    Events only: `Disclosure` records placed in the period (at `disclosed_on`, else
    `decided_on`, else the end of `period`) whose posted days are known (`posted_days`, or
    `disclosed_on` to `posted_until`), or that are kept posted `permanent`ly (which meets
    any minimum). Tallies carry no posting data.
    """
    kind = context.unit.kind
    met: list[Evidence] = []
    judged: list[Evidence] = []
    for d in records(dossier, Disclosure):
        day = disclosure_day(d, context.period)
        if day is None or day not in context.period:
            continue
        minimum = posting_minimum(kind, day)
        days = posted_days(d)
        if minimum is None or (days is None and not d.permanent):
            continue
        judged.append(d)
        if d.permanent or (days is not None and days >= minimum):
            met.append(d)
    return share_measurement(met, judged, what="postings kept up long enough")


@indicator(
    name="disclosure.permanent_posting",
    title=(
        "Niêm yết thường xuyên quy chế dân chủ và thủ tục hành chính",
        "Democracy regulation and administrative procedures posted permanently",
    ),
    unit="bool",
    direction="higher",
    unit_kinds=COMMUNE,
)
def permanent_posting(*, dossier: Dossier, context: Context) -> Measurement:
    """Whether the regulation and the administrative procedures were posted permanently.

    Items 4 (the commune regulation, staff duties, code of conduct) and 13 (administrative
    procedures) of Law 10/2022/QH15 Art. 11. Legal basis: Law Art. 13.2 (items 4 and 13
    always posted and kept current).

    An item is shown posted permanently by a `Disclosure` of that item with `permanent`,
    made public (or decided, or with a period starting) by the end of the period; item 13
    also by an `AdministrativeProcedures` tally overlapping the period with
    `all_procedures_posted`. Disclosures are read in the Law Art. 11 list: `item_list`
    `law_art11`, or no list and dated from 2023-07-01.

    1.0 when both items are shown posted permanently; 0.0 when a disclosure of either
    item placed in the period was posted for a limited time (`posted_until` or
    `posted_days` without `permanent`); missing otherwise (an unset flag means "not
    stated", not "no").
    """
    period = context.period
    shown: dict[int, list[Evidence]] = {i: [] for i in PERMANENT_ITEMS}
    limited: list[Evidence] = []
    for d in records(dossier, Disclosure):
        start = d.disclosed_on or d.decided_on or (d.period.start if d.period else None)
        if d.item not in PERMANENT_ITEMS or start is None:
            continue
        listed = d.item_list or (ItemList.LAW_ART11 if start >= LAW_START else None)
        if listed is not ItemList.LAW_ART11:
            continue
        if d.permanent:
            if start <= period.end:
                shown[d.item].append(d)
        elif d.posted_until is not None or d.posted_days is not None:
            day = disclosure_day(d, period)
            if day is not None and day in period:
                limited.append(d)
    for a in tallies_in(dossier, period, AdministrativeProcedures):
        if a.all_procedures_posted:
            shown[13].append(a)
    if limited:
        return Measurement.of(
            0.0, limited, note=f"posted for a limited time only: {ids_of(limited)}"
        )
    if all(shown.values()):
        return Measurement.of(1.0, [r for i in PERMANENT_ITEMS for r in shown[i]])
    lacking = " and ".join(str(i) for i in PERMANENT_ITEMS if not shown[i])
    return Measurement.missing(note=f"nothing shows item {lacking} posted permanently")


@indicator(
    name="disclosure.register_postings",
    title=(
        "Số lần niêm yết danh mục thông tin công khai hằng quý",
        "Quarterly disclosure registers posted",
    ),
    unit="count",
    direction="higher",
    unit_kinds=COMMUNE,
)
def register_postings(*, dossier: Dossier, context: Context) -> Measurement:
    """Quarterly registers of disclosures posted in the period.

    Legal basis: Law 10/2022/QH15 Art. 13.2 (a quarterly list of what was disclosed, with
    forms and dates, posted where disclosures are posted). No earlier duty is known, so
    only the part of the period from 2023-07-01 is counted, and missing for a period that
    ends before.

    Tallies only (`DisclosureTally.register_postings`). A tally's registers are spread over
    the part of its period from 2023-07-01 and pro-rated to the period.
    """
    law_part = from_day(context.period, LAW_START)
    if law_part is None:
        return Measurement.missing(note="no quarterly register duty before 2023-07-01")
    used: list[Evidence] = []
    value = 0.0
    for t in tallies_in(dossier, context.period, DisclosureTally):
        span = from_day(t.period, LAW_START)
        if t.register_postings is None or span is None:
            continue
        used.append(t)
        value += t.register_postings * overlap_fraction(span, law_part)
    if not used:
        return Measurement.missing(note="no count of quarterly registers for the period")
    return Measurement.of(value, used, note="pro-rated to the period from 2023-07-01")
