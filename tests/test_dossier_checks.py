"""Checks that span a dossier, and the checks added for what the seed reports needed."""

from __future__ import annotations

import datetime as dt

import pytest

from dancoso import InvalidInput
from dancoso.model import (
    Body,
    BodyKind,
    Delegation,
    Disclosure,
    DisclosureTally,
    DocumentKind,
    DocumentRef,
    Dossier,
    ImplementationPlan,
    Inspection,
    ItemList,
    LineageEvent,
    LineageKind,
    OversightMode,
    OversightTally,
    Period,
    Person,
    Ratio,
    SiteVisit,
    Statement,
    TaskList,
    Unit,
    UnitKind,
)

D = dt.date
LAST = D(2025, 6, 30)


def ward(**kw: object) -> Unit:
    return Unit(id="w", kind=UnitKind.WARD, name="Phường 10", **kw)  # type: ignore[arg-type]


def district(**kw: object) -> Unit:
    return Unit(id="q4", kind=UnitKind.URBAN_DISTRICT, name="Quận 4", valid_until=LAST, **kw)  # type: ignore[arg-type]


def problems(exc: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in exc.value.problems]


def test_unit_that_ended_before_the_period_is_rejected() -> None:
    """A dossier's unit must still exist when its period starts."""
    with pytest.raises(InvalidInput) as info:
        Dossier(unit=district(), period=Period.year(2026))
    expected = [
        (
            "$.unit.valid_until",
            "the unit ended on 2025-06-30, before the dossier's period (2026-01-01..)",
        )
    ]
    assert expected == problems(info)


def test_unit_that_began_after_the_period_is_rejected() -> None:
    """A dossier's unit must already exist when its period ends."""
    with pytest.raises(InvalidInput) as info:
        Dossier(unit=ward(valid_from=D(2025, 7, 1)), period=Period.year(2024))
    expected = [
        (
            "$.unit.valid_from",
            "the unit began on 2025-07-01, after the dossier's period (..2024-12-31)",
        )
    ]
    assert expected == problems(info)


def test_unit_valid_during_part_of_the_period_is_accepted() -> None:
    """Overlapping validity is enough: a district ending mid-2025 can have a 2025 dossier."""
    assert Dossier(unit=district(), period=Period.year(2025)).unit.id == "q4"


def test_parent_that_never_coexisted_is_rejected() -> None:
    """A ward created in 2025-07 cannot have a district that ended in 2025-06 as parent."""
    with pytest.raises(InvalidInput) as info:
        Dossier(
            unit=ward(valid_from=D(2025, 7, 1), parent="q4"),
            related_units=(district(),),
            period=Period.year(2025),
        )
    expected = [("$.unit.parent", "'w' and its parent 'q4' never existed at the same time")]
    assert expected == problems(info)


def test_unit_cannot_be_its_own_parent() -> None:
    """Self-parenthood is rejected at the parent field."""
    with pytest.raises(InvalidInput) as info:
        Dossier(unit=ward(parent="w"), period=Period.year(2021))
    assert problems(info) == [("$.unit.parent", "a unit cannot be its own parent")]


def test_parent_loops_are_rejected() -> None:
    """Parents that lead back to the unit are a loop."""
    a = Unit(id="a", kind=UnitKind.PROVINCE, name="A", parent="b")
    b = Unit(id="b", kind=UnitKind.PROVINCE, name="B", parent="a")
    with pytest.raises(InvalidInput) as info:
        Dossier(unit=a, related_units=(b,), period=Period.year(2021))
    expected = [
        ("$.unit.parent", "parents of 'a' form a loop"),
        ("$.related_units[0].parent", "parents of 'b' form a loop"),
    ]
    assert expected == problems(info)


def test_body_ids_are_unique_and_references_resolve() -> None:
    """Body ids are unique across the dossier's units; person and issuer references resolve."""
    ubnd = Body(id="ubnd", kind=BodyKind.PEOPLES_COMMITTEE, name="UBND phường")
    with pytest.raises(InvalidInput) as info:
        Dossier(
            unit=ward(bodies=(ubnd, ubnd)),
            period=Period.year(2021),
            basis=(DocumentRef(number="1-KH/X", kind=DocumentKind.PLAN, issuer_body="bcd"),),
            evidence=(
                Inspection(
                    start=D(2022, 4, 12), hosts=(Person(name="Trần Trọng Nghĩa", body="mttq"),)
                ),
            ),
        )
    expected = [
        ("$.unit.bodies[1].id", "duplicate body id 'ubnd' (first used at $.unit.bodies[0].id)"),
        ("$.evidence[0].hosts[0].body", "no body with id 'mttq' in this dossier"),
        ("$.basis[0].issuer_body", "no body with id 'bcd' in this dossier"),
    ]
    assert sorted(expected) == sorted(problems(info))


def test_inferred_names_must_be_fields() -> None:
    """`inferred` lists field names of its own record, and of the dossier."""
    with pytest.raises(InvalidInput) as info:
        Statement(text="Một sự kiện", inferred=("period", "year"))
    assert problems(info) == [("$.inferred[1]", "'year' is not a field of Statement")]
    with pytest.raises(InvalidInput) as info:
        Dossier(unit=ward(), period=Period.year(2021), inferred=("periods",))
    assert problems(info) == [("$.inferred[0]", "'periods' is not a field of Dossier")]


@pytest.mark.parametrize(
    ("item_list", "item", "ok"),
    [
        (ItemList.ORDINANCE_ART5, 11, True),
        (ItemList.ORDINANCE_ART5, 12, False),
        (ItemList.LAW_ART11, 14, True),
        (ItemList.LAW_ART64, 8, True),  # points a–h of Art. 64.1, numbered in order
        (ItemList.LAW_ART64, 9, False),
        (ItemList.DECREE145_ART43, 7, True),  # points a–g of Decree 145/2020 Art. 43.1
        (ItemList.DECREE145_ART43, 8, False),
        (None, 14, True),
    ],
    ids=[
        "ordinance-11",
        "ordinance-12",
        "law-14",
        "soe-8",
        "soe-9",
        "employer-7",
        "employer-8",
        "no-list",
    ],
)
def test_item_numbers_are_checked_against_their_list(
    item_list: ItemList | None, item: int, ok: bool
) -> None:
    """An item number beyond the size of its list is rejected."""
    if ok:
        assert Disclosure(subject="Dự toán", item=item, item_list=item_list).item == item
        return
    with pytest.raises(InvalidInput) as info:
        Disclosure(subject="Dự toán", item=item, item_list=item_list)
    assert item_list is not None
    expected = [("$.item", f"{item_list.value} has {item_list.size} items, got item {item}")]
    assert expected == problems(info)


def test_tally_items_are_checked_against_their_list() -> None:
    """Each listed item of a disclosure tally is checked, at its index."""
    with pytest.raises(InvalidInput) as info:
        DisclosureTally(period=Period.year(2021), items=(1, 12), item_list=ItemList.ORDINANCE_ART5)
    assert problems(info) == [("$.items[1]", "ordinance_art5 has 11 items, got item 12")]


def test_as_of_must_fall_within_the_period() -> None:
    """A stock figure's day lies inside the tally's period."""
    with pytest.raises(InvalidInput) as info:
        OversightTally(mode=OversightMode.INSPECTION, period=Period.year(2021), as_of=D(2022, 1, 1))
    expected = [
        ("$.as_of", "as_of (2022-01-01) is outside the period Period(2021-01-01..2021-12-31)")
    ]
    assert expected == problems(info)


def test_site_visits_fall_within_the_work() -> None:
    """A site visit dated outside the inspection's days is rejected."""
    with pytest.raises(InvalidInput) as info:
        Inspection(
            start=D(2021, 9, 14),
            site_visits=(SiteVisit(subject="mô hình Dân vận khéo", on=D(2021, 9, 13)),),
            delegation=Delegation(name="Đoàn kiểm tra thành phố"),
        )
    expected = [
        (
            "$.site_visits[0].on",
            "the visit (2021-09-13) is outside the work's dates (2021-09-14..2021-09-14)",
        )
    ]
    assert expected == problems(info)


def test_counts_cover_what_is_listed() -> None:
    """A task list or plan record names no more items than it counts."""
    with pytest.raises(InvalidInput) as info:
        TaskList(set_by="Quận ủy", count=1, tasks=("a", "b"))
    assert problems(info) == [("$.tasks", "2 tasks named, more than count (1)")]
    with pytest.raises(InvalidInput) as info:
        ImplementationPlan(
            title="Kế hoạch",
            count=0,
            documents=(DocumentRef(number="1-KH/ĐU", kind=DocumentKind.PLAN),),
        )
    assert problems(info) == [("$.documents", "1 documents listed, more than count (0)")]


def test_printed_figure_is_kept_even_when_it_disagrees() -> None:
    """`printed` keeps a report's figure as printed without checking it against the counts."""
    r = Ratio(part=39055, whole=39409, printed="99,91%", of="hồ sơ")
    assert (r.printed, r.value) == ("99,91%", 39055 / 39409)


def test_dissolved_needs_no_other_unit() -> None:
    """A dissolution names no successor; other lineage kinds must name one."""
    assert LineageEvent(kind=LineageKind.DISSOLVED, on=D(2025, 7, 1)).units == ()
    with pytest.raises(InvalidInput) as info:
        LineageEvent(kind=LineageKind.MERGED_INTO, on=D(2025, 7, 1))
    assert problems(info) == [("$.units", "name at least one other unit")]


def test_municipal_city_is_district_level_and_abolished() -> None:
    """Thành phố Thủ Đức's kind ended with the district level."""
    assert UnitKind.MUNICIPAL_CITY.abolished_on == D(2025, 7, 1)
