"""Disclosure indicators: item coverage, timeliness, posting, permanent posting, registers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dancoso.model import (
    AdministrativeProcedures,
    AnyEvidence,
    Disclosure,
    DisclosureTally,
    Dossier,
    ItemList,
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
LAW = ItemList.LAW_ART11
ORD = ItemList.ORDINANCE_ART5


def dossier(
    *evidence: AnyEvidence, kind: UnitKind = UnitKind.WARD, period: Period = Y2024
) -> Dossier:
    gone = kind.abolished_on
    unit = Unit(
        id="u",
        kind=kind,
        name="Đơn vị thử",
        valid_until=gone - dt.timedelta(days=1) if gone else None,
    )
    return Dossier(unit=unit, period=period, evidence=evidence)


def measure(name: str, d: Dossier, regime: str | None = None) -> Measurement:
    regime = regime or regime_on(d.unit.kind, d.period.end) or LAW_10
    context = Context(unit=d.unit, period=d.period, regime=regime)
    m: Measurement = REGISTRY.get_indicator(name).compute(dossier=d, context=context)
    return m


def disclosure(ident: str, **fields: Any) -> Disclosure:
    return Disclosure(id=ident, subject="thông tin", **fields)


# --------------------------------------------------------------------------- item coverage
ITEMS = "disclosure.item_coverage"


def test_item_coverage_is_missing_without_disclosures() -> None:
    """No disclosure of a numbered item gives a missing value, not zero."""
    assert measure(ITEMS, dossier(disclosure("a", disclosed_on=D(2024, 3, 1)))).is_missing


def test_item_coverage_counts_distinct_items_of_the_law_list() -> None:
    """Distinct Art. 11 items disclosed in the period over the 11 items always required
    (1–13 but the event items 8 and 9), listing the records."""
    d = dossier(
        disclosure("a", item=1, item_list=LAW, disclosed_on=D(2024, 3, 1)),
        disclosure("b", item=2, item_list=LAW, disclosed_on=D(2024, 4, 1)),
        disclosure("c", item=2, item_list=LAW, disclosed_on=D(2024, 5, 1)),
    )
    m = measure(ITEMS, d)
    expected = (2 / 11, ("a", "b", "c"))
    assert expected == (m.value, m.evidence)


def test_item_coverage_reads_tallies_and_unites_them_with_events() -> None:
    """Tally items and event items form one set: an item disclosed twice counts once."""
    d = dossier(
        disclosure("a", item=1, item_list=LAW, disclosed_on=D(2024, 3, 1)),
        DisclosureTally(id="t", period=Y2024, items=(1, 4, 13), item_list=LAW),
    )
    m = measure(ITEMS, d)
    expected = (3 / 11, ("a", "t"))
    assert expected == (m.value, m.evidence)


def test_item_coverage_leaves_out_disclosures_outside_the_period() -> None:
    """A disclosure made before the period does not count."""
    d = dossier(
        disclosure("in", item=1, item_list=LAW, disclosed_on=D(2024, 1, 2)),
        disclosure("out", item=2, item_list=LAW, disclosed_on=D(2023, 12, 30)),
    )
    m = measure(ITEMS, d)
    expected = (1 / 11, ("in",))
    assert expected == (m.value, m.evidence)


@pytest.mark.parametrize(
    ("regime", "expected"),
    [
        pytest.param("ordinance-34-2007", (2 / 9, ("old", "undated-list")), id="ordinance"),
        pytest.param("law-10-2022", (1 / 11, ("new",)), id="law"),
    ],
)
def test_item_coverage_uses_the_list_of_the_regime(
    regime: str, expected: tuple[float, tuple[str, ...]]
) -> None:
    """Under the Ordinance, Art. 5 numbers and 9 required items; under the law, Art. 11 and 11."""
    d = dossier(
        disclosure("old", item=3, item_list=ORD, period=Period.year(2023)),
        disclosure("undated-list", item=10, decided_on=D(2023, 2, 1)),
        disclosure("new", item=4, disclosed_on=D(2023, 8, 1)),
        period=Period.year(2023),
    )
    m = measure(ITEMS, d, regime)
    assert expected == (m.value, m.evidence)


def test_item_coverage_leaves_out_the_catch_all_item() -> None:
    """Item 14 ("other matters") neither counts nor is required: 13 specific items score 1."""
    everything = tuple(i for i in range(1, 15))
    d = dossier(DisclosureTally(id="t", period=Y2024, items=everything, item_list=LAW))
    m = measure(ITEMS, d)
    expected = (1.0, ("t",))
    assert expected == (m.value, m.evidence)
    assert "catch-all" in (m.note or "")


def test_item_coverage_of_the_catch_all_alone_is_missing() -> None:
    """A dossier showing only the catch-all item has nothing to judge the duties by."""
    d = dossier(disclosure("other", item=14, item_list=LAW, disclosed_on=D(2024, 3, 1)))
    assert measure(ITEMS, d).is_missing


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param((1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13), 1.0, id="no-event-items"),
        pytest.param((1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13), 1.0, id="call-up-shown"),
        pytest.param((1, 8), 2 / 12, id="relief-shown"),
        pytest.param((1,), 1 / 11, id="one-item"),
    ],
)
def test_item_coverage_requires_event_items_only_when_shown(
    items: tuple[int, ...], expected: float
) -> None:
    """Relief (8) and call-up (9) lists are required only when the dossier shows the event."""
    d = dossier(DisclosureTally(id="t", period=Y2024, items=items, item_list=LAW))
    assert expected == pytest.approx(measure(ITEMS, d).value)


def test_item_coverage_never_drops_when_an_event_item_is_added() -> None:
    """Disclosing an event item adds it to both sides of the share: the value cannot fall."""
    base = (1, 2, 3)
    before = measure(ITEMS, dossier(DisclosureTally(id="t", period=Y2024, items=base)))
    after = measure(ITEMS, dossier(DisclosureTally(id="t", period=Y2024, items=(*base, 8))))
    assert before.value is not None
    assert after.value is not None
    assert after.value >= before.value


@pytest.mark.parametrize(
    ("kind", "period", "items", "item_list", "expected"),
    [
        pytest.param(
            UnitKind.NON_STATE_EMPLOYER,
            Y2024,
            (1, 2, 5, 6, 7),
            ItemList.DECREE145_ART43,
            1.0,
            id="employer-decree145",
        ),
        pytest.param(
            UnitKind.STATE_OWNED_ENTERPRISE,
            Period.year(2022),
            (1, 2),
            None,
            2 / 4,
            id="soe-decree145-before-law",
        ),
        pytest.param(
            UnitKind.STATE_OWNED_ENTERPRISE, Y2024, (1, 2, 3), None, 3 / 6, id="soe-law-art64"
        ),
        pytest.param(UnitKind.STATE_AGENCY, Y2024, (1, 2, 12), None, 2 / 10, id="agency-art46"),
    ],
)
def test_item_coverage_reads_the_list_of_employers_and_agencies(
    kind: UnitKind,
    period: Period,
    items: tuple[int, ...],
    item_list: ItemList | None,
    expected: float,
) -> None:
    """Decree 145 Art. 43.1 (a–f, less c and d unless shown), Law Art. 64.1 (a–g) and
    Art. 46 (1–11, less 5 unless shown), each with its catch-all left out."""
    tally = DisclosureTally(id="t", period=period, items=items, item_list=item_list)
    m = measure(ITEMS, dossier(tally, kind=kind, period=period))
    assert expected == pytest.approx(m.value)


def test_item_coverage_has_no_list_for_agencies_before_the_law() -> None:
    """Decree 04/2015's list is not verified item by item: no coverage before 2023-07-01."""
    tally = DisclosureTally(id="t", period=Period.year(2022), items=(1, 2))
    d = dossier(tally, kind=UnitKind.STATE_AGENCY, period=Period.year(2022))
    assert measure(ITEMS, d).is_missing


# --------------------------------------------------------------------------- on time
ON_TIME = "disclosure.on_time_share"


def test_on_time_share_is_missing_without_dates() -> None:
    """Disclosures without both dates, and no tally, give a missing value."""
    assert measure(ON_TIME, dossier(disclosure("a", disclosed_on=D(2024, 3, 1)))).is_missing


@pytest.mark.parametrize(
    ("kind", "decided", "disclosed", "on_time"),
    [
        pytest.param(UnitKind.WARD, D(2024, 3, 1), D(2024, 3, 8), True, id="commune-5wd"),
        pytest.param(UnitKind.WARD, D(2024, 3, 1), D(2024, 3, 11), False, id="commune-6wd"),
        pytest.param(UnitKind.WARD, D(2022, 3, 1), D(2022, 3, 3), True, id="ordinance-2d"),
        pytest.param(UnitKind.WARD, D(2022, 3, 1), D(2022, 3, 4), False, id="ordinance-3d"),
        pytest.param(UnitKind.STATE_AGENCY, D(2024, 3, 1), D(2024, 3, 8), True, id="agency-5wd"),
        pytest.param(UnitKind.STATE_AGENCY, D(2022, 3, 1), D(2022, 3, 4), True, id="decree04-3wd"),
        pytest.param(UnitKind.STATE_AGENCY, D(2022, 3, 1), D(2022, 3, 7), False, id="decree04-4wd"),
        pytest.param(
            UnitKind.STATE_OWNED_ENTERPRISE, D(2024, 3, 1), D(2024, 3, 16), True, id="soe-15d"
        ),
        pytest.param(
            UnitKind.STATE_OWNED_ENTERPRISE, D(2024, 3, 1), D(2024, 3, 17), False, id="soe-16d"
        ),
    ],
)
def test_on_time_share_judges_each_disclosure_by_the_deadline_of_its_date(
    kind: UnitKind, decided: dt.date, disclosed: dt.date, on_time: bool
) -> None:
    """The deadline depends on the unit kind and on the date of the decision."""
    d = dossier(
        disclosure("a", decided_on=decided, disclosed_on=disclosed),
        kind=kind,
        period=Period.year(disclosed.year),
    )
    m = measure(ON_TIME, d)
    assert (1.0 if on_time else 0.0, ("a",)) == (m.value, m.evidence)


def test_on_time_share_does_not_judge_soe_disclosures_before_the_law() -> None:
    """No deadline is known for enterprises before 2023-07-01, so nothing is judged."""
    d = dossier(
        disclosure("a", decided_on=D(2022, 3, 1), disclosed_on=D(2022, 3, 2)),
        kind=UnitKind.STATE_OWNED_ENTERPRISE,
        period=Period.year(2022),
    )
    assert measure(ON_TIME, d).is_missing


def test_on_time_share_averages_events_in_the_period() -> None:
    """One of two disclosures in the period on time gives 0.5; one outside it is ignored."""
    d = dossier(
        disclosure("a", decided_on=D(2024, 3, 1), disclosed_on=D(2024, 3, 4)),
        disclosure("b", decided_on=D(2024, 3, 1), disclosed_on=D(2024, 4, 4)),
        disclosure("c", decided_on=D(2023, 12, 1), disclosed_on=D(2023, 12, 29)),
    )
    m = measure(ON_TIME, d)
    expected = (0.5, ("a", "b"))
    assert expected == (m.value, m.evidence)


def test_on_time_share_falls_back_to_tallies() -> None:
    """Without dated events, the tallies' on-time ratios are used."""
    d = dossier(DisclosureTally(id="t", period=Y2024, on_time=Ratio(part=8, whole=10)))
    m = measure(ON_TIME, d)
    expected = (0.8, ("t",))
    assert expected == (m.value, m.evidence)


def test_on_time_share_prefers_events_to_tallies() -> None:
    """When events can be judged, the tallies are not added to them."""
    d = dossier(
        disclosure("a", decided_on=D(2024, 3, 1), disclosed_on=D(2024, 3, 4)),
        DisclosureTally(id="t", period=Y2024, on_time=Ratio(part=0, whole=10)),
    )
    m = measure(ON_TIME, d)
    expected = (1.0, ("a",))
    assert expected == (m.value, m.evidence)


# --------------------------------------------------------------------------- posting
POSTING = "disclosure.posting_share"


def test_posting_share_is_missing_without_posting_data() -> None:
    """Disclosures without posted days, dates or permanence give a missing value."""
    assert measure(POSTING, dossier(disclosure("a", disclosed_on=D(2024, 3, 1)))).is_missing


def test_posting_share_counts_postings_of_30_days_at_a_commune() -> None:
    """30 consecutive days meet the commune minimum, 29 do not; dates count both ends."""
    d = dossier(
        disclosure("a", disclosed_on=D(2024, 3, 1), posted_days=30),
        disclosure("b", disclosed_on=D(2024, 3, 1), posted_days=29),
        disclosure("c", disclosed_on=D(2024, 3, 1), posted_until=D(2024, 3, 30)),
        disclosure("d", disclosed_on=D(2024, 3, 1), permanent=True),
    )
    m = measure(POSTING, d)
    expected = (0.75, ("a", "b", "c", "d"))
    assert expected == (m.value, m.evidence)


@pytest.mark.parametrize(
    ("kind", "year", "days", "expected"),
    [
        pytest.param(UnitKind.STATE_AGENCY, 2024, 20, 1.0, id="agency-law-20"),
        pytest.param(UnitKind.STATE_AGENCY, 2022, 20, 0.0, id="decree04-needs-30"),
        pytest.param(UnitKind.STATE_AGENCY, 2022, 30, 1.0, id="decree04-30"),
        pytest.param(UnitKind.STATE_OWNED_ENTERPRISE, 2024, 20, 1.0, id="soe-law-20"),
        pytest.param(UnitKind.WARD, 2024, 20, 0.0, id="commune-needs-30"),
    ],
)
def test_posting_share_uses_the_minimum_of_the_kind_and_date(
    kind: UnitKind, year: int, days: int, expected: float
) -> None:
    """Agencies need 20 days under the law and 30 under Decree 04; communes 30."""
    d = dossier(
        disclosure("a", disclosed_on=D(year, 3, 1), posted_days=days),
        kind=kind,
        period=Period.year(year),
    )
    assert expected == measure(POSTING, d).value


def test_posting_share_leaves_out_postings_outside_the_period() -> None:
    """A posting made in another year is not judged."""
    d = dossier(disclosure("a", disclosed_on=D(2023, 3, 1), posted_days=30))
    assert measure(POSTING, d).is_missing


# --------------------------------------------------------------------------- permanent posting
PERMANENT = "disclosure.permanent_posting"


def test_permanent_posting_is_missing_without_evidence() -> None:
    """No disclosure of items 4 or 13 gives a missing value."""
    assert measure(PERMANENT, dossier()).is_missing


def test_permanent_posting_is_met_when_both_items_are_permanent() -> None:
    """Items 4 and 13 both posted permanently give 1.0, listing both records."""
    d = dossier(
        disclosure("reg", item=4, item_list=LAW, disclosed_on=D(2023, 9, 1), permanent=True),
        disclosure("tthc", item=13, disclosed_on=D(2024, 2, 1), permanent=True),
    )
    m = measure(PERMANENT, d)
    expected = (1.0, ("reg", "tthc"))
    assert expected == (m.value, m.evidence)


def test_permanent_posting_reads_all_procedures_posted_as_item_13() -> None:
    """A procedures tally with every procedure posted stands for item 13."""
    d = dossier(
        disclosure("reg", item=4, item_list=LAW, disclosed_on=D(2024, 1, 5), permanent=True),
        AdministrativeProcedures(id="tthc", period=Y2024, all_procedures_posted=True),
    )
    m = measure(PERMANENT, d)
    expected = (1.0, ("reg", "tthc"))
    assert expected == (m.value, m.evidence)


def test_permanent_posting_fails_on_a_limited_posting() -> None:
    """Item 4 posted for 30 days only gives 0.0, naming that record."""
    d = dossier(
        disclosure("reg", item=4, item_list=LAW, disclosed_on=D(2024, 1, 5), posted_days=30),
        AdministrativeProcedures(id="tthc", period=Y2024, all_procedures_posted=True),
    )
    m = measure(PERMANENT, d)
    expected = (0.0, ("reg",))
    assert expected == (m.value, m.evidence)


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(
            disclosure("a", item=4, item_list=LAW, disclosed_on=D(2024, 1, 5), permanent=True),
            id="item-13-unknown",
        ),
        pytest.param(
            disclosure("a", item=4, item_list=ORD, disclosed_on=D(2023, 1, 5), permanent=True),
            id="ordinance-numbering",
        ),
        pytest.param(
            disclosure("a", item=4, disclosed_on=D(2025, 1, 5), permanent=True),
            id="posted-after-the-period",
        ),
    ],
)
def test_permanent_posting_is_missing_when_an_item_is_not_shown(record: Disclosure) -> None:
    """One item shown (or an item in the Ordinance numbering, or later) is not enough."""
    d = dossier(record, disclosure("b", item=13, item_list=LAW, disclosed_on=D(2024, 2, 1)))
    assert measure(PERMANENT, d).is_missing


# --------------------------------------------------------------------------- registers
REGISTERS = "disclosure.register_postings"


def test_register_postings_is_missing_without_tallies() -> None:
    """No tally with a register count gives a missing value."""
    assert measure(REGISTERS, dossier(DisclosureTally(id="t", period=Y2024, count=3))).is_missing


def test_register_postings_counts_the_tally() -> None:
    """A tally of the period gives its register count, listing it."""
    m = measure(REGISTERS, dossier(DisclosureTally(id="t", period=Y2024, register_postings=4)))
    expected = (4.0, ("t",))
    assert expected == (m.value, m.evidence)


def test_register_postings_pro_rates_tallies_to_the_period() -> None:
    """A tally running past the period contributes its share of days in it."""
    span = Period(start=D(2024, 7, 1), end=D(2025, 6, 30))
    m = measure(REGISTERS, dossier(DisclosureTally(id="t", period=span, register_postings=4)))
    expected = pytest.approx(4 * 184 / 365)
    assert expected == m.value


def test_register_postings_spreads_a_tally_over_its_law_months_only() -> None:
    """Registers of a 2023 tally all fall from 2023-07-01, the first day of the duty."""
    year = Period.year(2023)
    d = dossier(DisclosureTally(id="t", period=year, register_postings=2), period=year)
    expected = 2.0
    assert expected == measure(REGISTERS, d).value


def test_register_postings_is_missing_before_the_law() -> None:
    """A period that ends before 2023-07-01 has no register duty."""
    year = Period.year(2022)
    d = dossier(DisclosureTally(id="t", period=year, register_postings=2), period=year)
    assert measure(REGISTERS, d).is_missing
