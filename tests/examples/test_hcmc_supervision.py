"""The Hồ Chí Minh City example dossier (supervision of July 2023) holds the report's key facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import dancoso
from dancoso.model import (
    AnnualTheme,
    BodyKind,
    DocumentKind,
    DocumentRef,
    Dossier,
    Period,
    Person,
    Supervision,
    TopicGroup,
    UnitKind,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hcmc-supervision-2023.json"
BCD = "Ban Chỉ đạo thành phố về thực hiện quy chế dân chủ ở cơ sở"
THEME_2022 = (
    "Thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19, tiếp tục nâng cao chất "
    "lượng xây dựng chính quyền đô thị, cải thiện môi trường đầu tư, đồng hành cùng doanh nghiệp"
)
THEME_2023 = (
    "Nâng cao hiệu quả hoạt động công vụ, đẩy mạnh cải cách hành chính và cải thiện môi trường "
    "đầu tư; thúc đẩy phát triển kinh tế, đảm bảo an sinh xã hội"
)


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return dancoso.load_dossier(EXAMPLE)


@pytest.fixture(scope="module")
def supervision(dossier: Dossier) -> Supervision:
    record = dossier.find("giam-sat-qcdc-2023")
    assert isinstance(record, Supervision)
    return record


def test_unit_is_the_city_for_2023(dossier: Dossier) -> None:
    """The unit is Thành phố Hồ Chí Minh, a centrally-run city, over the year 2023."""
    actual = (dossier.unit.name, dossier.unit.kind, dossier.unit.valid_until, dossier.period)
    expected = ("Thành phố Hồ Chí Minh", UnitKind.CENTRAL_CITY, None, Period.year(2023))
    assert expected == actual


def test_evidence_is_the_supervision_and_two_annual_themes(dossier: Dossier) -> None:
    """The report's facts are held by one supervision and the annual themes it names."""
    expected = [
        ("supervision", "giam-sat-qcdc-2023"),
        ("annual_theme", "chu-de-nam-2022"),
        ("annual_theme", "chu-de-nam-2023"),
    ]
    assert expected == [(e.TYPE, e.id) for e in dossier.evidence]


def test_basis_is_the_programme_and_the_plan(supervision: Supervision) -> None:
    """Programme 04-CTr/BCĐQCDC of 06/3/2023 and plan 31-KH/BCĐTP of 19/5/2023 are the basis."""
    actual = [(d.number, d.kind, d.issued_on, d.issuer) for d in supervision.basis]
    expected = [
        ("04-CTr/BCĐQCDC", DocumentKind.PROGRAMME, dt.date(2023, 3, 6), BCD),
        ("31-KH/BCĐTP", DocumentKind.PLAN, dt.date(2023, 5, 19), "Thường trực " + BCD),
    ]
    assert expected == actual


def test_basis_documents_point_at_the_city_steering_committee(
    supervision: Supervision, dossier: Dossier
) -> None:
    """Both documents name the city steering committee, listed among the city's bodies."""
    bodies = {b.id: (b.kind, b.name) for b in dossier.unit.bodies}
    actual = [bodies.get(d.issuer_body or "") for d in supervision.basis]
    expected = [(BodyKind.STEERING_COMMITTEE, BCD)] * 2
    assert expected == actual


def test_basis_kinds_agree_with_the_numbers(supervision: Supervision) -> None:
    """Each document's kind is the one its number codes (CTr: programme, KH: plan)."""
    actual = [DocumentRef.parse(d.number).kind for d in supervision.basis]
    assert [d.kind for d in supervision.basis] == actual


def test_supervision_ran_from_6_to_11_july_2023(supervision: Supervision) -> None:
    """The supervision lasted from 06/7/2023 to 11/7/2023, six days."""
    expected = (Period(start=dt.date(2023, 7, 6), end=dt.date(2023, 7, 11)), 6)
    assert expected == (supervision.dates, supervision.dates.days)


def test_conducted_by_the_city_steering_committee(supervision: Supervision) -> None:
    """The city steering committee for grassroots democracy conducted it."""
    body = supervision.conducted_by
    assert body is not None
    expected = (BodyKind.STEERING_COMMITTEE, BCD, "tp-hcm")
    assert expected == (body.kind, body.name, body.unit)


def test_six_targets_in_report_order(supervision: Supervision, dossier: Dossier) -> None:
    """Six bodies were supervised, each tied to a unit of the kind the report implies."""
    units = dossier.units_by_id()
    actual = [(t.body, units[t.unit].kind) for t in supervision.targets]
    expected = [
        ("Quận ủy Quận 4", UnitKind.URBAN_DISTRICT),
        ("Đảng ủy Phường 10 Quận 4", UnitKind.WARD),
        (
            "Đảng ủy Tổng Công ty Công nghiệp Sài gòn – TNHH MTV",
            UnitKind.STATE_OWNED_ENTERPRISE,
        ),
        ("Đảng bộ Công ty TNHH MTV Cao su Thống Nhất", UnitKind.STATE_OWNED_ENTERPRISE),
        ("Huyện ủy Cần Giờ", UnitKind.RURAL_DISTRICT),
        ("Đảng ủy Thị trấn Cần Thạnh", UnitKind.TOWNSHIP),
    ]
    assert expected == actual


def test_township_and_districts_end_before_two_tier_government(dossier: Dossier) -> None:
    """Thị trấn Cần Thạnh, Huyện Cần Giờ and Quận 4 are valid until 2025-06-30."""
    actual = {
        u.name: u.valid_until
        for u in dossier.related_units
        if u.kind in (UnitKind.TOWNSHIP, UnitKind.URBAN_DISTRICT, UnitKind.RURAL_DISTRICT)
    }
    last = dt.date(2025, 6, 30)
    expected = {"Thị trấn Cần Thạnh": last, "Huyện Cần Giờ": last, "Quận 4": last}
    assert expected == actual


def test_related_units_link_to_their_parents(dossier: Dossier) -> None:
    """Every related unit names its parent: the city, a district or the corporation."""
    actual = {u.id: u.parent for u in dossier.related_units}
    expected = {
        "quan-4": "tp-hcm",
        "phuong-10-quan-4": "quan-4",
        "tong-cong-ty-cong-nghiep-sai-gon": "tp-hcm",
        "cao-su-thong-nhat": "tong-cong-ty-cong-nghiep-sai-gon",
        "can-gio": "tp-hcm",
        "can-thanh": "can-gio",
    }
    assert expected == actual


def test_delegation_head_deputy_and_members(supervision: Supervision) -> None:
    """Ngô Văn Luận heads the delegation, Nguyễn Thị Hồng Thắm is deputy, members unnamed."""
    delegation = supervision.delegation
    assert delegation is not None
    head, deputies = delegation.head, delegation.deputies
    expected = (
        ("Ngô Văn Luận", "Phó Trưởng Ban Dân vận Thành ủy", ("Thường trực Ban Chỉ đạo",)),
        [
            (
                "Nguyễn Thị Hồng Thắm",
                "Phó Giám đốc Sở Nội vụ thành phố",
                ("Thường trực Ban Chỉ đạo",),
            )
        ],
        (),
        "tổ giúp việc của " + BCD,
    )
    actual = (
        (head.name, head.title, head.titles) if head else None,
        [(p.name, p.title, p.titles) for p in deputies],
        delegation.members,
        delegation.members_description,
    )
    assert expected == actual


def test_head_of_delegation_concluded(supervision: Supervision) -> None:
    """Ngô Văn Luận, head of the delegation, delivered the conclusions."""
    delegation = supervision.delegation
    assert delegation is not None
    luan = Person(
        name="Ngô Văn Luận",
        title="Phó Trưởng Ban Dân vận Thành ủy",
        titles=("Thường trực Ban Chỉ đạo",),
        body="ban-dan-van-thanh-uy",
    )
    assert (luan, luan) == (delegation.head, supervision.concluded_by)


def _group(supervision: Supervision, index: int) -> TopicGroup:
    return supervision.topic_groups[index]


def test_topics_for_local_units_and_enterprises(supervision: Supervision) -> None:
    """Five topics for districts, wards and townships, then four for enterprises."""
    actual = [[t.split(" ", 3)[:3] for t in group.topics] for group in supervision.topic_groups]
    expected = [
        [
            ["Cách", "làm,", "kinh"],
            ["Việc", "ban", "hành"],
            ["Các", "giải", "pháp"],
            ["Việc", "thực", "hiện"],
            ["Công", "tác", "phối"],
        ],
        [
            ["Kết", "quả", "lãnh"],
            ["Kết", "quả", "việc"],
            ["Công", "tác", "củng"],
            ["Công", "tác", "phối"],
        ],
    ]
    assert (expected, ()) == (actual, supervision.topics)


def test_topic_groups_say_whom_they_apply_to(supervision: Supervision) -> None:
    """The groups keep their headings and the unit kinds meant by them."""
    actual = [(g.applies_to, g.unit_kinds) for g in supervision.topic_groups]
    expected = [
        (
            "Đối với Quận, huyện, Phường, xã, Thị trấn",
            (
                UnitKind.URBAN_DISTRICT,
                UnitKind.RURAL_DISTRICT,
                UnitKind.WARD,
                UnitKind.COMMUNE,
                UnitKind.TOWNSHIP,
            ),
        ),
        ("Đối với doanh nghiệp", (UnitKind.STATE_OWNED_ENTERPRISE,)),
    ]
    assert expected == actual


def test_every_target_falls_under_a_topic_group(supervision: Supervision, dossier: Dossier) -> None:
    """Each unit supervised is of a kind one of the topic groups names."""
    units = dossier.units_by_id()
    kinds = {k for g in supervision.topic_groups for k in g.unit_kinds}
    actual = [units[t.unit].kind in kinds for t in supervision.targets]
    expected = [True] * 6
    assert expected == actual


def test_annual_themes_of_2022_and_2023(dossier: Dossier) -> None:
    """The city's themes of 2022 and 2023 are annual themes, their setter inferred."""
    actual = [
        (e.period, e.text, e.set_by, e.inferred)
        for e in dossier.of_type(AnnualTheme)
        if isinstance(e, AnnualTheme)
    ]
    expected = [
        (Period.year(2022), THEME_2022, "Thành phố Hồ Chí Minh", ("set_by",)),
        (Period.year(2023), THEME_2023, "Thành phố Hồ Chí Minh", ("set_by",)),
    ]
    assert expected == actual


def test_annual_themes_stay_verbatim_in_their_topic(supervision: Supervision) -> None:
    """The fourth district topic still names both themes in the report's words."""
    topic = _group(supervision, 0).topics[3]
    expected = (True, True, True)
    actual = (
        topic.startswith("Việc thực hiện chủ đề năm 2022"),
        f"“{THEME_2022}”và 2023" in topic,
        f"“{THEME_2023}”" in topic,
    )
    assert expected == actual


def test_period_covered_is_inferred(supervision: Supervision) -> None:
    """The work of 2023 is examined, a period read from the title and marked inferred."""
    expected = (Period.year(2023), ("period_covered",))
    assert expected == (supervision.period_covered, supervision.inferred)


def test_purpose_is_stated_and_no_conclusion(supervision: Supervision) -> None:
    """The working group's stated purpose is the purpose; the report states no conclusion."""
    purpose = supervision.purpose or ""
    expected = (True, True, None, (), ())
    actual = (
        purpose.startswith("Thông qua công tác giám sát, mong muốn của tổ công tác"),
        purpose.endswith("đi vào cuộc sống trong thời gian tới."),
        supervision.conclusion,
        supervision.findings,
        supervision.recommendations,
    )
    assert expected == actual


def test_themes_quote_the_topic_that_names_them(dossier: Dossier) -> None:
    """Each theme record quotes the report's topic sentence naming both themes."""
    quotes = [e.source.quote or "" if e.source else "" for e in dossier.of_type(AnnualTheme)]
    actual = [
        (q.startswith("Việc thực hiện chủ đề năm 2022"), THEME_2022 in q, THEME_2023 in q)
        for q in quotes
    ]
    expected = [(True, True, True)] * 2
    assert expected == actual


def test_record_cites_the_report(supervision: Supervision, dossier: Dossier) -> None:
    """The supervision cites the one source, whose byline and file are the seed's."""
    source = dossier.sources[0]
    ref = supervision.source
    assert ref is not None
    expected = ("bao-cao-giam-sat-2023", "Hồ Tấn Đạt", "001_01cc5170a612a93e.txt", True)
    actual = (
        ref.source,
        source.author,
        source.file,
        (ref.quote or "").startswith("Thực hiện Chương trình công tác số 04-CTr/BCĐQCDC"),
    )
    assert (expected, 1) == (actual, len(dossier.sources))
