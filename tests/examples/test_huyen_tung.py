"""The Huyền Tụng example dossier (inspection of 14/9/2021) holds the report's key facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeVar

import pytest

import dancoso
from dancoso.model import (
    AdministrativeProcedures,
    Disclosure,
    Dossier,
    FindingKind,
    ImplementationPlan,
    Inspection,
    ItemList,
    LineageKind,
    MobilisationModelTally,
    OnlineServiceLevel,
    OnlineServices,
    Period,
    Ratio,
    SiteVisit,
    UnitKind,
)

T = TypeVar("T")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "huyen-tung-2021.json"
UP_TO_VISIT = Period(start=dt.date(2021, 1, 1), end=dt.date(2021, 9, 14))


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return dancoso.load_dossier(EXAMPLE)


@pytest.fixture(scope="module")
def inspection(dossier: Dossier) -> Inspection:
    return _get(dossier, "inspection-2021-09-14", Inspection)


def _get(dossier: Dossier, ident: str, cls: type[T]) -> T:
    record = dossier.find(ident)
    assert isinstance(record, cls), f"{ident} is {type(record).__name__}, not {cls.__name__}"
    return record


def test_unit_is_ward_huyen_tung_of_bac_kan_city(dossier: Dossier) -> None:
    """The unit is phường Huyền Tụng, in Thành phố Bắc Kạn, a provincial city until 2025-06-30."""
    units = dossier.units_by_id()
    city = units[dossier.unit.parent or ""]
    actual = (dossier.unit.name, dossier.unit.kind, city.name, city.kind, city.valid_until)
    expected = (
        "Phường Huyền Tụng",
        UnitKind.WARD,
        "Thành phố Bắc Kạn",
        UnitKind.PROVINCIAL_CITY,
        dt.date(2025, 6, 30),
    )
    assert expected == actual


def test_city_ended_with_the_district_level_on_1_july_2025(dossier: Dossier) -> None:
    """Thành phố Bắc Kạn has one lineage event: dissolved on 2025-07-01, no successor named."""
    city = dossier.units_by_id()["tp-bac-kan"]
    actual = [(e.kind, e.units, e.on) for e in city.lineage]
    expected = [(LineageKind.DISSOLVED, (), dt.date(2025, 7, 1))]
    assert expected == actual


def test_province_bac_kan_merged_into_thai_nguyen(dossier: Dossier) -> None:
    """Tỉnh Bắc Kạn existed until 2025-06-30 and merged into Tỉnh Thái Nguyên on 2025-07-01."""
    province = dossier.units_by_id()["bac-kan"]
    actual = (
        province.kind,
        province.valid_until,
        [(e.kind, e.units, e.on) for e in province.lineage],
    )
    expected = (
        UnitKind.PROVINCE,
        dt.date(2025, 6, 30),
        [(LineageKind.MERGED_INTO, ("Tỉnh Thái Nguyên",), dt.date(2025, 7, 1))],
    )
    assert expected == actual


def test_giao_lam_and_tong_neng_are_residential_groups_of_the_ward(dossier: Dossier) -> None:
    """Tổ Giao Lâm and Tổng Nẻng are residential groups of the ward."""
    groups = [
        (u.name, u.parent) for u in dossier.related_units if u.kind is UnitKind.RESIDENTIAL_GROUP
    ]
    expected = [("Tổ Giao Lâm", "huyen-tung"), ("Tổ Tổng Nẻng", "huyen-tung")]
    assert expected == groups


def test_dossier_covers_2021_and_says_the_year_is_inferred(dossier: Dossier) -> None:
    """The dossier covers 2021, marks its period inferred, and its notes say why."""
    inferred = [n for n in dossier.notes if "2021 is inferred" in n]
    actual = (dossier.period, dossier.inferred, len(inferred))
    expected = (Period.year(2021), ("period",), 1)
    assert expected == actual


def test_every_record_dated_up_to_the_visit_marks_its_period_inferred(dossier: Dossier) -> None:
    """All ten records dated 2021-01-01..2021-09-14 list "period" among their inferred fields."""
    dated = [e for e in dossier.evidence if getattr(e, "period", None) == UP_TO_VISIT]
    actual = (len(dated), [e.id for e in dated if "period" not in e.inferred])
    expected = (10, [])
    assert expected == actual


def test_plans_are_an_implementation_plan_record(dossier: Dossier) -> None:
    """The ward's QCDC plans are an implementation plan, uncounted, with their stated purpose."""
    record = _get(dossier, "qcdc-plans", ImplementationPlan)
    actual = (
        record.title,
        record.issued_by,
        record.count,
        record.documents,
        record.period,
        record.inferred,
        record.purpose,
    )
    expected = (
        "các Kế hoạch về thực hiện quy chế dân chủ tại đơn vị",
        "Phường Huyền Tụng",
        None,
        (),
        UP_TO_VISIT,
        ("period",),
        (
            "tăng cường nhận thức cho cán bộ, đảng viên, công chức, viên chức và nhân dân về "
            "thực hiện dân chủ và thực hành dân chủ, góp phần xây dựng hệ thống chính trị trong "
            "sạch vững mạnh đảm bảo phát huy quyền làm chủ của nhân dân"
        ),
    )
    assert expected == actual


def test_six_models_registered_three_commended(dossier: Dossier) -> None:
    """Six "Dân vận khéo" models were registered; three were commended, by whom not said."""
    record = _get(dossier, "dvk-models", MobilisationModelTally)
    actual = (
        record.registered,
        record.commended,
        record.registered_by,
        record.commended_by,
        record.award_form,
    )
    expected = (6, 3, "Các tổ dân phố, tổ chức trên địa bàn", None, None)
    assert expected == actual


def test_level_3_online_services_at_50_percent(dossier: Dossier) -> None:
    """Level-3 online services reached 50 %, kept as a result since the whole is not stated."""
    record = _get(dossier, "online-services-level-3", OnlineServices)
    actual = (record.level, record.result, record.usage, record.coverage, record.period)
    expected = (
        OnlineServiceLevel.LEVEL_3,
        Ratio(share=0.5, printed="50%"),
        None,
        None,
        UP_TO_VISIT,
    )
    assert expected == actual


def test_all_procedures_go_through_the_one_stop_shop(dossier: Dossier) -> None:
    """100 % of the procedures within the ward's competence go through the one-stop shop."""
    record = _get(dossier, "one-stop-shop", AdministrativeProcedures)
    actual = (record.one_stop, record.unit)
    expected = (
        Ratio(share=1.0, of="các thủ tục hành chính thuộc thẩm quyền", printed="100%"),
        "huyen-tung",
    )
    assert expected == actual


def test_three_subjects_disclosed(dossier: Dossier) -> None:
    """Policies, plans (Ordinance Art. 5 item 1) and infrastructure (item 2) were made public."""
    disclosures = [e for e in dossier.evidence if isinstance(e, Disclosure)]
    actual = [(d.subject, d.item, d.item_list) for d in disclosures]
    expected = [
        ("các chủ trương, chính sách, pháp luật của Đảng và Nhà nước", None, None),
        ("các kế hoạch phát triển kinh tế – xã hội", 1, ItemList.ORDINANCE_ART5),
        ("dự án đầu tư xây dựng cơ sở hạ tầng kỹ thuật", 2, ItemList.ORDINANCE_ART5),
    ]
    assert expected == actual


def test_inspection_on_14_september_2021(inspection: Inspection) -> None:
    """The inspection of the ward took place on 14/9, the year 2021 and period covered inferred."""
    actual = (
        inspection.start,
        [t.unit for t in inspection.targets],
        inspection.period_covered,
        inspection.inferred,
    )
    expected = (
        dt.date(2021, 9, 14),
        ["huyen-tung"],
        UP_TO_VISIT,
        ("start", "period_covered"),
    )
    assert expected == actual


def test_site_visits_to_giao_lam_and_tong_neng(inspection: Inspection) -> None:
    """The delegation visited the "Dân vận khéo" models of tổ Giao Lâm and Tổng Nẻng, undated."""
    subject = "việc thực hiện mô hình “Dân vận khéo”"
    expected = (
        SiteVisit(subject=subject, unit="to-giao-lam"),
        SiteVisit(subject=subject, unit="to-tong-neng"),
    )
    assert expected == inspection.site_visits


def test_head_is_nguyen_thi_hue_vice_chair_of_city(inspection: Inspection) -> None:
    """The named city delegation is headed by Nguyễn Thị Huế; no setting-up body is named."""
    delegation = inspection.delegation
    assert delegation is not None
    head = delegation.head
    assert head is not None
    actual = (
        delegation.name,
        inspection.conducted_by,
        head.name,
        head.title,
        head.body,
        delegation.deputies,
        delegation.members_description,
    )
    expected = (
        "Đoàn kiểm tra Quy chế dân chủ cơ sở, phong trào Dân vận khéo thành phố Bắc Kạn",
        None,
        "Nguyễn Thị Huế",
        "Phó Chủ tịch UBND thành phố",
        "tp-bac-kan.ubnd",
        (),
        "các thành viên",
    )
    assert expected == actual


def test_conclusion_by_nguyen_thi_hue_recognises_results(inspection: Inspection) -> None:
    """Nguyễn Thị Huế concluded, recognising the ward's results on evidence."""
    concluded_by = inspection.concluded_by
    assert concluded_by is not None
    findings = [(f.kind, len(f.evidence)) for f in inspection.findings]
    actual = (concluded_by.name, concluded_by.title, findings)
    expected = (
        "Nguyễn Thị Huế",
        "Phó Chủ tịch UBND thành phố Bắc Kạn",
        [(FindingKind.STRENGTH, 10)],
    )
    assert expected == actual


def test_eight_recommendations_to_the_ward(inspection: Inspection) -> None:
    """The conclusion makes eight recommendations to the ward, starting with the conventions."""
    recs = inspection.recommendations
    actual = (len(recs), {r.addressee for r in recs}, recs[0].text, recs[1].text)
    expected = (
        8,
        {"phường Huyền Tụng"},
        (
            "tiếp tục rà soát việc thực hiện các quy ước, hương ước tại các tổ dân phố, để bổ "
            "sung những nội dung mới cho phù hợp với tình hình hiện nay"
        ),
        "rà soát, kiểm tra, đánh giá và nhân rộng các mô hình dân vận khéo",
    )
    assert expected == actual


def test_every_evidence_record_has_an_id_and_a_quote(dossier: Dossier) -> None:
    """Every evidence record has an id and quotes the single source."""
    source_ids = [s.id for s in dossier.sources]
    missing = [
        i
        for i, e in enumerate(dossier.evidence)
        if e.id is None
        or e.source is None
        or e.source.source not in source_ids
        or not e.source.quote
    ]
    expected: list[int] = []
    assert expected == missing


def test_source_names_the_report(dossier: Dossier) -> None:
    """The single source names the report, its byline and seed file."""
    actual = [(s.title, s.author, s.file) for s in dossier.sources]
    expected = [
        (
            "Kiểm tra Quy chế dân chủ cơ sở, phong trào “Dân vận khéo” tại phường Huyền Tụng",
            "Hoàng Thạc",
            "003_c78d49dccfd18a2b.txt",
        )
    ]
    assert expected == actual
