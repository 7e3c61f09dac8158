"""The Đống Đa example dossier (2022 review conference, 22/12) holds the report's key facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeVar

import pytest

import dancoso
from dancoso.model import (
    AnnualTheme,
    BoardActivity,
    BoardKind,
    CitizenReceptionTally,
    Commendation,
    Conference,
    ConferenceKind,
    ConferenceTally,
    DialogueKind,
    DialogueTally,
    Dossier,
    Period,
    Person,
    ProjectStage,
    ProjectTally,
    Ratio,
    ReceptionKind,
    RecipientKind,
    Statement,
    TaskList,
    UnitKind,
)

T = TypeVar("T")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dong-da-2022.json"
UNTIL_10_11_2021 = Period(start=dt.date(2021, 1, 1), end=dt.date(2021, 11, 10))
ALL_WARDS = Ratio(share=1.0, of="các phường")
UNIONS = "Công đoàn cơ sở doanh nghiệp, đơn vị sự nghiệp ngoài công lập"
CUONG = Person(
    name="Nguyễn Anh Cường",
    title="Phó Bí thư Thường trực Quận uỷ",
    titles=("Chủ tịch Hội đồng nhân dân quận",),
    body="quan-uy-dong-da",
)


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return dancoso.load_dossier(EXAMPLE)


def _get(dossier: Dossier, ident: str, cls: type[T]) -> T:
    record = dossier.find(ident)
    assert isinstance(record, cls), f"{ident} is {type(record).__name__}, not {cls.__name__}"
    return record


def test_unit_is_dong_da_district_of_ha_noi_in_2022(dossier: Dossier) -> None:
    """The unit is quận Đống Đa of Hà Nội, valid until 2025-06-30, over the year 2022."""
    units = dossier.units_by_id()
    actual = (
        dossier.unit.name,
        dossier.unit.kind,
        dossier.unit.valid_until,
        units[dossier.unit.parent or ""].name,
        dossier.period,
        dossier.unit.subunits,
    )
    expected = (
        "Quận Đống Đa",
        UnitKind.URBAN_DISTRICT,
        dt.date(2025, 6, 30),
        "Thành phố Hà Nội",
        Period.year(2022),
        21,
    )
    assert expected == actual


def test_review_conference_on_22_december_2022(dossier: Dossier) -> None:
    """Quận ủy Đống Đa held the 2022 review on 22/12/2022, chaired by Nguyễn Anh Cường."""
    rec = _get(dossier, "hoi-nghi-tong-ket-2022", Conference)
    chair = rec.chaired_by
    assert chair is not None
    expected = (
        ConferenceKind.REVIEW,
        dt.date(2022, 12, 22),
        "Quận ủy Đống Đa",
        "Nguyễn Anh Cường",
        "Phó Bí thư Thường trực Quận uỷ",
        ("Chủ tịch Hội đồng nhân dân quận",),
    )
    actual = (rec.kind, rec.held_on, rec.organiser, chair.name, chair.title, chair.titles)
    assert expected == actual


def test_year_of_22_december_is_marked_inferred(dossier: Dossier) -> None:
    """The year of 'Chiều 22/12' is inferred, as the conference and commendation say."""
    conf = _get(dossier, "hoi-nghi-tong-ket-2022", Conference)
    award = _get(dossier, "khen-thuong-10-tap-the", Commendation)
    expected = (("held_on",), ("awarded_on", "period"))
    assert expected == (conf.inferred, award.inferred)


def test_ten_collectives_commended_on_22_december_2022(dossier: Dossier) -> None:
    """Quận ủy Đống Đa commended 10 collectives on 22/12/2022, none of them named."""
    rec = _get(dossier, "khen-thuong-10-tap-the", Commendation)
    expected = ("Quận ủy Đống Đa", dt.date(2022, 12, 22), RecipientKind.COLLECTIVE, 10, ())
    actual = (
        rec.awarded_by,
        rec.awarded_on,
        rec.recipient_kind,
        rec.recipient_count,
        rec.recipients,
    )
    assert expected == actual


def test_commendations_presented_by_the_chair(dossier: Dossier) -> None:
    """Nguyễn Anh Cường, who chaired the conference, handed the commendations over."""
    award = _get(dossier, "khen-thuong-10-tap-the", Commendation)
    conf = _get(dossier, "hoi-nghi-tong-ket-2022", Conference)
    expected = (CUONG, CUONG)
    assert expected == (award.presented_by, conf.chaired_by)


def test_boards_supervised_in_the_21_wards(dossier: Dossier) -> None:
    """Both kinds of board supervised projects in the district's 21 wards in 2022."""
    actual = {
        e.board_kind: (e.units_covered, e.period)
        for e in dossier.of_type(BoardActivity)
        if isinstance(e, BoardActivity)
    }
    expected = {
        BoardKind.PEOPLES_INSPECTION_BOARD: (21, Period.year(2022)),
        BoardKind.COMMUNITY_INVESTMENT_SUPERVISION_BOARD: (21, Period.year(2022)),
    }
    assert expected == actual


def test_every_ward_held_its_conferences(dossier: Dossier) -> None:
    """100 % of wards held party cell congresses and the two people's conferences in 2022."""
    ids = (
        "dai-hoi-chi-bo-2022-2025",
        "hoi-nghi-dai-bieu-nhan-dan-2022",
        "hoi-nghi-dai-doan-ket-2022",
    )
    actual = [
        (rec.kind, rec.coverage, rec.period)
        for rec in (_get(dossier, i, ConferenceTally) for i in ids)
    ]
    expected = [
        (ConferenceKind.PARTY_CELL_CONGRESS, ALL_WARDS, Period.year(2022)),
        (ConferenceKind.PEOPLES_REPRESENTATIVES, ALL_WARDS, Period.year(2022)),
        (ConferenceKind.GREAT_UNITY, ALL_WARDS, Period.year(2022)),
    ]
    assert expected == actual


def test_weekly_citizen_reception(dossier: Dossier) -> None:
    """100 % of wards kept a weekly citizen reception schedule, written 'hàng tuần'."""
    rec = _get(dossier, "tiep-cong-dan-2022", CitizenReceptionTally)
    expected = ("hàng tuần", (ReceptionKind.SCHEDULED,), ALL_WARDS)
    assert expected == (rec.schedule, rec.kinds, rec.coverage)


def test_all_staff_conferences_by_10_november_2021(dossier: Dossier) -> None:
    """100 % of agencies and public service units held staff conferences by 10/11/2021."""
    rec = _get(dossier, "hoi-nghi-can-bo-cong-chuc-2021", ConferenceTally)
    expected = (
        ConferenceKind.STAFF,
        Ratio(share=1.0, of="cơ quan hành chính, đơn vị sự nghiệp"),
        UNTIL_10_11_2021,
    )
    assert expected == (rec.kind, rec.coverage, rec.period)


def test_71_percent_workers_conferences_and_dialogues(dossier: Dossier) -> None:
    """71 % of grassroots unions held workers' conferences and union–employer–worker dialogues."""
    conf = _get(dossier, "hoi-nghi-nguoi-lao-dong-2021", ConferenceTally)
    dia = _get(dossier, "doi-thoai-cong-doan-2021", DialogueTally)
    unions = Ratio(share=0.71, of=UNIONS)
    expected = (
        (ConferenceKind.WORKERS, unions, UNTIL_10_11_2021),
        (DialogueKind.UNION_EMPLOYER_WORKERS, unions, UNTIL_10_11_2021),
    )
    actual = ((conf.kind, conf.coverage, conf.period), (dia.kind, dia.coverage, dia.period))
    assert expected == actual


def test_start_of_the_2021_period_is_marked_inferred(dossier: Dossier) -> None:
    """The results dated 'đến ngày 10/11/2021' list their assumed period as inferred."""
    ids = ("hoi-nghi-can-bo-cong-chuc-2021", "hoi-nghi-nguoi-lao-dong-2021")
    actual = [_get(dossier, i, ConferenceTally).inferred for i in ids]
    actual.append(_get(dossier, "doi-thoai-cong-doan-2021", DialogueTally).inferred)
    expected = [("period",)] * 3
    assert expected == actual


def test_work_theme_of_2022(dossier: Dossier) -> None:
    """The 2022 work theme is an annual theme, kept verbatim; who set it is not said."""
    rec = _get(dossier, "chu-de-cong-tac-2022", AnnualTheme)
    expected = (
        "Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển",
        Period.year(2022),
        None,
    )
    assert expected == (rec.text, rec.period, rec.set_by)


def test_eight_tasks_are_counted_and_three_named(dossier: Dossier) -> None:
    """The district set 8 tasks for the time ahead; the report names three of them."""
    rec = _get(dossier, "8-nhiem-vu", TaskList)
    expected = ("Quận Đống Đa", 8, 3, True, None)
    actual = (
        rec.set_by,
        rec.count,
        len(rec.tasks),
        rec.tasks[1].startswith("Tăng cường chỉ đạo mở rộng dân chủ trực tiếp"),
        rec.period,
    )
    assert expected == actual


def test_project_counts(dossier: Dossier) -> None:
    """55 projects in preparation, 9 carried over, 11 started in 2022, 30 site clearances."""
    payment = "Chỉ đạo hoàn thiện hồ sơ thanh toán"
    actual = [
        (e.stage, e.count, e.action, e.period)
        for e in dossier.of_type(ProjectTally)
        if isinstance(e, ProjectTally)
    ]
    expected = [
        (ProjectStage.PREPARATION, 55, payment, Period.year(2022)),
        (ProjectStage.CARRIED_OVER, 9, payment, Period.year(2022)),
        (ProjectStage.STARTED, 11, payment, Period.year(2022)),
        (ProjectStage.SITE_CLEARANCE, 30, "giải quyết tồn tại", Period.year(2022)),
    ]
    assert expected == actual


def test_project_counts_are_in_the_quote(dossier: Dossier) -> None:
    """Each project tally quotes the sentence that gives all four counts."""
    counts = (
        "55 dự án chuẩn bị đầu tư",
        "9 dự án chuyển tiếp 2021-2022",
        "11 dự án khởi công năm 2022",
        "30 dự án giải phóng mặt bằng",
    )
    actual = [
        all(c in (e.source.quote or "") for c in counts) if e.source else False
        for e in dossier.of_type(ProjectTally)
    ]
    expected = [True] * 4
    assert expected == actual


def test_assessments_remain_statements(dossier: Dossier) -> None:
    """Qualitative assessments are statements; themes, tasks and projects no longer are."""
    actual = [e.id for e in dossier.of_type(Statement)]
    expected = [
        "ban-chi-dao-2022",
        "giam-sat-mat-tran-2022",
        "cai-cach-hanh-chinh-2022",
        "qcdc-thue-gpmb-2022",
        "cong-trinh-trong-diem-2022",
        "ket-qua-qcdc-2022",
        "cong-khai-tiep-dan-2022",
        "danh-gia-cua-chu-tri-2022",
    ]
    assert expected == actual


def test_every_record_cites_the_report_with_a_quote(dossier: Dossier) -> None:
    """Every evidence record has an id and a quote from the one source, bylined X.Sinh."""
    actual = [
        (e.id is not None, e.source.source if e.source else None, bool(e.source and e.source.quote))
        for e in dossier.evidence
    ]
    expected = [(True, "dong-da-tong-ket-2022", True)] * len(dossier.evidence)
    sources = [(s.id, s.author, s.file) for s in dossier.sources]
    expected_sources = [("dong-da-tong-ket-2022", "X.Sinh", "002_a2067ac65484392e.txt")]
    assert (expected, expected_sources) == (actual, sources)
